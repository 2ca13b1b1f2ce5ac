//! `fluentpress lsp`: the language server on standard input and output, for editors. The
//! project is the editor's workspace folder (or the nearest `fluentpress.yaml` above the first
//! file opened, or `--project`); nothing but the protocol is written to standard output, and the
//! server's own notes go to standard error.

use std::path::PathBuf;

use clap::Args;
use fluentpress::lsp::{self, LspOptions};

use super::Outcome;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Speak over standard input and output (the only transport, and the default; accepted
    /// because editors pass it).
    #[arg(long)]
    stdio: bool,
    /// Where the guide is published: each diagnostic links to its rule there
    /// (`<URL>checking.html#rule-<code>`).
    #[arg(long, value_name = "URL", default_value = lsp::DEFAULT_GUIDE_URL)]
    guide_url: String,
    /// How long the buffers must stay unchanged before diagnostics are computed, in
    /// milliseconds (typing faster than this checks once).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    debounce_ms: u64,
}

pub fn run(project: Option<PathBuf>, args: LspArgs) -> Result<Outcome, fluentpress::Error> {
    let _ = args.stdio;
    let mut options = LspOptions::default();
    options.guide_url = args.guide_url;
    if !options.guide_url.ends_with('/') {
        options.guide_url.push('/');
    }
    options.project = project;
    options.debounce = std::time::Duration::from_millis(args.debounce_ms);
    match lsp::run_stdio(options) {
        Ok(()) => Ok(Outcome::Clean),
        // The protocol's exit code 1: the editor went away (or said `exit`) without `shutdown`.
        Err(lsp::LspError::ExitWithoutShutdown) => {
            eprintln!(
                "fluentpress lsp: the editor ended the session without asking the server to shut down"
            );
            Ok(Outcome::ProblemsFound)
        }
        Err(e) => Err(e.into()),
    }
}
