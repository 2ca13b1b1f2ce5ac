//! `fluentpress completions SHELL`: completion scripts generated from the command definitions,
//! so they never drift from the real options.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Outcome};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Result<Outcome, fluentpress::Error> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails (`completions bash | head`): it writes into
    // memory, and the script goes out through the pipe-safe writer.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "fluentpress", &mut script);
    super::output::write_bytes(&script);
    Ok(Outcome::Clean)
}
