//! `fluentpress lsp` in a build without the cargo feature `lsp`: the command is still listed
//! and says it is not in the build, rather than clap's "unrecognized subcommand", which reads
//! like a typo.

use clap::Args;

/// Any arguments: the command only says it is not in this build.
#[derive(Debug, Args)]
pub struct LspArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    _args: Vec<String>,
}

pub fn unavailable() -> fluentpress::Error {
    fluentpress::Error::NotBuilt {
        command: "lsp",
        feature: "lsp",
    }
}
