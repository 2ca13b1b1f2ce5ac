//! The `fluentpress` command: parses the command line, runs the library, renders errors.

use std::process::ExitCode;

// A catalog is hundreds of thousands of small strings and vectors: mimalloc allocates and frees
// them markedly faster than the system allocator (`cargo bench --bench check`). Built without
// transparent huge pages (`no_thp`): for a process that lives tens of milliseconds, the kernel's
// clearing (and at times compacting) 2 MiB per page fault cost more than the pages saved; a
// `check` of 20 locales took 30 ms or 170 ms depending on what ran before it, now 30-50 ms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    fluentpress_cli::run()
}

#[path = "cli/mod.rs"]
mod fluentpress_cli;
