//! Benchmark: how soon `fluentpress lsp` publishes diagnostics after an edit, and how much memory
//! it holds while idle.
//!
//! A synthetic project (the generator in `src/synth.rs`, as `benches/check.rs` uses) with one
//! file of 3,000 messages per locale is written to a temporary folder; the `fluentpress` binary
//! is started as an editor starts it and driven over stdio. One translation file is opened, then
//! edited again and again (one character added to a message, as a keystroke), and each time the
//! delay from sending `didChange` to reading the `publishDiagnostics` of that version is taken.
//! Twice: with no debounce (`--debounce-ms 0`: the check itself, the goal is a median under
//! 50 ms) and with the default 50 ms (what a user waits). Then a few edits of the source file,
//! which are checked against every locale. The idle resident memory is read from
//! `/proc/<pid>/status` after the first diagnostics.
//!
//! Run: `cargo bench --bench lsp`. Environment: `FP_BENCH_LOCALES` (default 100),
//! `FP_BENCH_MESSAGES` (default 3000), `FP_BENCH_EDITS` (default 20).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use fluentpress::synth::{SynthOptions, write_project};
use serde_json::{Value, json};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Server {
    fn start(root: &Path, debounce_ms: u64) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
            .args(["lsp", "--debounce-ms", &debounce_ms.to_string()])
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take().unwrap();
        let mut server = Server {
            child,
            stdin,
            incoming,
            next_id: 1,
        };
        server.request(
            "initialize",
            json!({"capabilities": {}, "workspaceFolders": [{"uri": uri(root), "name": "synth"}]}),
        );
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self
                .incoming
                .recv_timeout(Duration::from_secs(300))
                .unwrap();
            if message["id"] == json!(id) {
                return message["result"].clone();
            }
        }
    }

    /// Waits for the diagnostics of `uri` at `version`; returns how many there were.
    fn published(&mut self, uri: &str, version: i64) -> usize {
        loop {
            let message = self
                .incoming
                .recv_timeout(Duration::from_secs(300))
                .unwrap();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == json!(version)
            {
                return message["params"]["diagnostics"].as_array().unwrap().len();
            }
        }
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            .unwrap_or(0)
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn spread(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[0],
        samples[samples.len() - 1],
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Opens `path`, then adds one character to the message on `line` `edits` times; the delays
/// from each change to its diagnostics.
fn edit_session(server: &mut Server, path: &Path, line: usize, edits: usize) -> Vec<Duration> {
    let text = std::fs::read_to_string(path).unwrap();
    let uri = uri(path);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "fluent", "version": 1, "text": text}}),
    );
    server.published(&uri, 1);
    let width = text.lines().nth(line).unwrap().encode_utf16().count();
    let mut samples = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        let at = json!({"line": line, "character": width + i});
        let start = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": "x"}],
            }),
        );
        server.published(&uri, version);
        samples.push(start.elapsed());
    }
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    samples
}

fn main() {
    let locales = env_or("FP_BENCH_LOCALES", 100);
    let messages = env_or("FP_BENCH_MESSAGES", 3000);
    let edits = env_or("FP_BENCH_EDITS", 20).max(1);
    let dir = tempfile::tempdir().unwrap();
    let options = SynthOptions {
        locales,
        messages,
        per_file: messages,
        pages: 0,
    };
    let summary = write_project(dir.path(), &options).unwrap();
    let target = &summary.locales[0];
    let file = dir
        .path()
        .join("locales")
        .join(target)
        .join("messages-000.ftl");
    let source = dir.path().join("locales/en-US/messages-000.ftl");
    // The first message line after the header (and the term).
    let line_of = |path: &Path| {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .position(|l| l.starts_with("msg-"))
            .unwrap()
    };
    println!(
        "lsp bench: {locales} locales × {messages} messages in one file each ({:.1} MiB of FTL); {edits} edits per case",
        summary.bytes as f64 / (1 << 20) as f64
    );

    for debounce in [0, 50] {
        let started = Instant::now();
        let mut server = Server::start(dir.path(), debounce);
        let samples = edit_session(&mut server, &file, line_of(&file), edits);
        if debounce == 0 {
            println!(
                "  start, load and first diagnostics: {:.0} ms; idle RSS {:.1} MiB",
                ms(started.elapsed()),
                server.rss_kib() as f64 / 1024.0
            );
        }
        let (median, min, max) = spread(samples);
        println!(
            "  didChange → publishDiagnostics, {target} file, debounce {debounce} ms: median {:.1} ms (min {:.1}, max {:.1})",
            ms(median),
            ms(min),
            ms(max)
        );
        if debounce == 0 {
            let samples = edit_session(&mut server, &source, line_of(&source), edits.min(5));
            let (median, min, max) = spread(samples);
            println!(
                "  didChange → publishDiagnostics, source file (checked against {locales} locales), debounce 0 ms: median {:.1} ms (min {:.1}, max {:.1})",
                ms(median),
                ms(min),
                ms(max)
            );
        }
        server.stop();
    }
}
