//! `fluentpress serve` in a build without the cargo feature `serve`: the command is still listed
//! and says it is not in the build, rather than clap's "unrecognized subcommand", which reads
//! like a typo.

use clap::Args;

/// Any arguments: the command only says it is not in this build.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    _args: Vec<String>,
}

pub fn unavailable() -> fluentpress::Error {
    fluentpress::Error::NotBuilt {
        command: "serve",
        feature: "serve",
    }
}
