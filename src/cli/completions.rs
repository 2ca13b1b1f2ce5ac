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
    clap_complete::generate(
        args.shell,
        &mut command,
        "fluentpress",
        &mut std::io::stdout(),
    );
    Ok(Outcome::Clean)
}
