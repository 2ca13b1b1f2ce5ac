//! `fluentpress lsp`: the checker inside the editor, over the Language Server Protocol.
//!
//! It sits at the top of the pipeline beside `serve`: it reads the configuration, loads the
//! catalog once, and keeps it current as the editor changes buffers (their unsaved text stands
//! in for the files on disk) and as files change on disk (a notify watcher). Diagnostics are
//! `check`'s own rules run on the changed file ([`crate::check::check_file`]), published a quiet
//! moment after the last keystroke; hover, go to definition, completion, code actions and
//! document symbols read the same catalog. Transport and message types are rust-analyzer's
//! `lsp-server` and `lsp-types`: synchronous, one thread of work, no async runtime. It never
//! writes a file: edits are offered to the editor, which applies them to its buffer.
//!
//! One job per file: `server` is the loop and the state (documents, project, watcher),
//! `diagnostics` turns check findings and configuration errors into LSP diagnostics, `features`
//! answers hover, definition, completion, code actions and symbols, `cursor` reads what the
//! cursor is on, and `convert` maps byte offsets to UTF-16 positions and paths to URIs.

mod convert;
mod cursor;
mod diagnostics;
mod features;
mod server;

pub use server::{LspOptions, run_stdio};

/// Why the server stopped other than by the editor's `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(String),
    #[error("language server I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The editor sent `exit` without `shutdown` first (the protocol's exit code 1).
    #[error("the editor ended the session without asking the server to shut down")]
    ExitWithoutShutdown,
}

impl From<lsp_server::ProtocolError> for LspError {
    fn from(e: lsp_server::ProtocolError) -> LspError {
        LspError::Protocol(e.to_string())
    }
}

/// The guide's pages, where a diagnostic's code links to (each rule has an anchor
/// `rule-<code>` in `checking.html`). Overridden with `fluentpress lsp --guide-url`.
pub const DEFAULT_GUIDE_URL: &str = "https://fluentpress.github.io/fluentpress/";
