//! `fp-synth DIR [--locales N] [--messages N] [--pages N]`: writes a synthetic fluentpress
//! project for benchmarks and comparisons with other tools (see benches/README.md).
//! `fp-synth DIR --app [--messages N]`: an application corpus instead (Firefox's shapes:
//! bundles, a source tree outside the project, `ja-JP-mac`): the project is `DIR/l10n`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use fluentpress::synth::{SynthOptions, write_app_corpus, write_project};

/// Write a deterministic synthetic project.
#[derive(Parser)]
#[command(name = "fp-synth", version)]
struct Args {
    /// The folder to write (created if missing).
    dir: PathBuf,
    /// Target locales.
    #[arg(long, default_value_t = 100)]
    locales: usize,
    /// Messages per locale.
    #[arg(long, default_value_t = 3000)]
    messages: usize,
    /// Content pages.
    #[arg(long, default_value_t = 0)]
    pages: usize,
    /// Write an application corpus (`DIR/source/en-US` and the project `DIR/l10n`), with
    /// `--messages` generated messages per source file; `--locales` and `--pages` do not apply.
    #[arg(long, conflicts_with_all = ["locales", "pages"])]
    app: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = SynthOptions {
        locales: args.locales,
        messages: args.messages,
        pages: args.pages,
        ..SynthOptions::default()
    };
    let written = if args.app {
        write_app_corpus(&args.dir, args.messages)
    } else {
        write_project(&args.dir, &options)
    };
    match written {
        Ok(summary) => {
            println!(
                "fp-synth: {} target locales, {} files, {} bytes in {}",
                summary.locales.len(),
                summary.files,
                summary.bytes,
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fp-synth: error: {}: {e}", args.dir.display());
            ExitCode::from(2)
        }
    }
}
