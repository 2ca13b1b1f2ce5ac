//! The `fluentpress` command: parses the command line, runs the library, renders errors.

use std::process::ExitCode;

// A catalog is hundreds of thousands of small strings and vectors: mimalloc allocates and frees
// them markedly faster than the system allocator (`cargo bench --bench check`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    fluentpress_cli::run()
}

#[path = "cli/mod.rs"]
mod fluentpress_cli;
