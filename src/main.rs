//! The `fluentpress` command: parses the command line, runs the library, renders errors.

use std::process::ExitCode;

fn main() -> ExitCode {
    fluentpress_cli::run()
}

#[path = "cli/mod.rs"]
mod fluentpress_cli;
