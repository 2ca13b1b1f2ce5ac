//! Standard output that a closed pipe cannot crash: `fluentpress check | head` and
//! `fluentpress build | head -1` end quietly, and `build` still writes every file.
//!
//! `println!` panics when the reader has gone (EPIPE; Rust ignores SIGPIPE), which aborted
//! the command half-way. Here every write goes through a locked handle and the first failure
//! is remembered instead: later output is dropped, the work goes on, and the CLI edge decides
//! the exit code (a broken pipe is quiet, any other failure is an I/O error).

use std::io::{self, Write};
use std::sync::Mutex;

/// The first write failure: `Some(None)` for a closed pipe, `Some(Some(e))` for anything else.
static FAILURE: Mutex<Option<Option<io::Error>>> = Mutex::new(None);

/// Writes `args` to standard output, unless an earlier write failed.
pub fn write(args: std::fmt::Arguments) {
    let mut failure = FAILURE.lock().unwrap_or_else(|e| e.into_inner());
    if failure.is_some() {
        return;
    }
    if let Err(e) = write_to(&mut io::stdout().lock(), args) {
        *failure = Some((e.kind() != io::ErrorKind::BrokenPipe).then_some(e));
    }
}

/// Writes `bytes` (a generated script, a document) to standard output, as [`write`] does.
pub fn write_bytes(bytes: &[u8]) {
    let mut failure = FAILURE.lock().unwrap_or_else(|e| e.into_inner());
    if failure.is_some() {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        *failure = Some((e.kind() != io::ErrorKind::BrokenPipe).then_some(e));
    }
}

/// Streams a document to standard output through `write` (a large report is written as it is
/// made, never held whole), with the failure rules of [`write`].
pub fn write_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let mut failure = FAILURE.lock().unwrap_or_else(|e| e.into_inner());
    if failure.is_some() {
        return;
    }
    let mut stdout = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    if let Err(e) = write(&mut stdout).and_then(|()| stdout.flush()) {
        *failure = Some((e.kind() != io::ErrorKind::BrokenPipe).then_some(e));
    }
}

fn write_to(out: &mut impl Write, args: std::fmt::Arguments) -> io::Result<()> {
    out.write_fmt(args)?;
    // Flushed now so a closed pipe is seen here, not by the exit-time flush (which Rust
    // ignores, but after which nothing could be reported).
    out.flush()
}

/// The write failure to report, if any: a closed pipe is not one.
pub fn failure() -> Option<io::Error> {
    FAILURE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .flatten()
}
