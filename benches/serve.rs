//! Benchmark: how soon after a save `fluentpress serve` tells the browser to reload.
//!
//! The repository's sample site (6 locales × 4 pages) is copied into a temporary folder and
//! served on a free port; a client subscribes to the event stream. Then a message is edited
//! again and again, each time with a pause, and two delays are taken per edit:
//! - *event → reload*: from the first file-system event of the save to the `reload` event
//!   written to the browsers (re-parse, re-render, check, overlay), as the server measures it;
//! - *save → received*: from just before the file is written to the `reload` event read by the
//!   client (adds the kernel's notification and the socket).
//!
//! Three kinds of edit: one message of a page file (`zh-CN/pages/profile.ftl`: the pages
//! showing it), one interface string (`zh-CN/ui.ftl`: every page of the locale, the root
//! files) and one Markdown paragraph (`content/profile.md`: extract again, the page in every
//! locale). Medians, minimum and maximum are printed; the goal is a median under 100 ms for the
//! first kind.
//!
//! Then, in headless Chromium (skipped when `chromium`, or `$CHROMIUM`, cannot start), the
//! two delays a translator sees, on `/fr/`:
//! - *save → visible*: from the panel's `PUT /__fluentpress/message` to the new text in the open
//!   page (measured in the page: the save, the server's re-render, the page's in-place update);
//! - *file write → visible*: from a text editor's write of `locales/fr/pages/home.ftl` to the
//!   new text in the open page (the machine's clock on both sides).
//!
//! Run: `cargo bench --bench serve`. Environment: `FP_BENCH_EDITS` (default 20 edits of each
//! kind; `FP_BENCH_EDITS=3` for a quick check).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use fluentpress::serve::{Reporter, ServeEvent, ServeOptions, Server};

// The tests' DevTools client (a small WebSocket client), shared rather than copied.
#[allow(dead_code)]
#[path = "../tests/cli/browser.rs"]
mod browser;

struct Channel(Sender<ServeEvent>);

impl Reporter for Channel {
    fn report(&mut self, event: ServeEvent) {
        let _ = self.0.send(event);
    }
}

fn main() {
    let edits: usize = std::env::var("FP_BENCH_EDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "locales", "snapshots", "static"] {
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    std::fs::copy(
        root.join("fluentpress.yaml"),
        dir.path().join("fluentpress.yaml"),
    )
    .unwrap();
    let project = fluentpress::config::load_project(dir.path()).unwrap();

    let (send, updates) = mpsc::channel();
    let mut options = ServeOptions::default();
    options.port = 0;
    let server = Server::start(project, &options, Box::new(Channel(send))).unwrap();
    let startup = server.startup();
    println!(
        "serve bench: sample site, {} pages × {} locales, first build and check {:.1} ms",
        startup.pages,
        startup.locales.len(),
        startup.elapsed.as_secs_f64() * 1000.0
    );
    let received = subscribe(server.local_addr());

    // (what, file, text to which each edit appends a number)
    let cases: [(&str, &str, &str); 3] = [
        (
            "one message (zh-CN/pages/profile.ftl)",
            "locales/zh-CN/pages/profile.ftl",
            "profile-at-a-glance-title = 公司概览",
        ),
        (
            "one interface string (zh-CN/ui.ftl)",
            "locales/zh-CN/ui.ftl",
            "skip-to-content = 跳转至主要内容",
        ),
        (
            "one Markdown paragraph (content/profile.md)",
            "content/profile.md",
            "China Hongqiao employs more than 43,000 workers",
        ),
    ];
    println!(
        "{:<46} {:>6} {:>24} {:>24} {:>8}",
        "edit", "edits", "event → reload median", "save → received median", "pages"
    );
    for (name, file, from) in cases {
        let path = dir.path().join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(original.contains(from), "{file} lacks {from}");
        let mut latencies = Vec::new();
        let mut round_trips = Vec::new();
        let mut pages = 0;
        for i in 0..edits {
            let text = original.replacen(from, &format!("{from} {i}"), 1);
            let saved = Instant::now();
            std::fs::write(&path, text).unwrap();
            let update = match updates.recv_timeout(Duration::from_secs(30)) {
                Ok(ServeEvent::Updated(u)) => u,
                Ok(ServeEvent::Failed(f)) => panic!("{}", f.error),
                Err(_) => panic!("no update after editing {file}"),
            };
            let at = received
                .recv_timeout(Duration::from_secs(30))
                .expect("no reload event");
            latencies.push(update.latency);
            round_trips.push(at.duration_since(saved));
            pages = update.pages;
            // Let the save settle (and the server's own writes be seen) before the next.
            std::thread::sleep(Duration::from_millis(150));
            while updates.try_recv().is_ok() {}
            while received.try_recv().is_ok() {}
        }
        std::fs::write(&path, original).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        while updates.try_recv().is_ok() {}
        while received.try_recv().is_ok() {}
        println!(
            "{name:<46} {edits:>6} {:>24} {:>24} {pages:>8}",
            summary(&mut latencies),
            summary(&mut round_trips),
        );
    }
    in_browser(&server, dir.path(), edits, &updates);
    server.stop();
}

/// Save → visible and file write → visible, in headless Chromium.
fn in_browser(server: &Server, root: &Path, edits: usize, updates: &Receiver<ServeEvent>) {
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    if std::process::Command::new(&binary)
        .arg("--version")
        .output()
        .is_err()
    {
        println!("in the browser: skipped ({binary} cannot start)");
        return;
    }
    let mut browser = browser::Browser::launch();
    let page = format!("{}fr/", server.url());
    browser.goto(&page);
    let opened = "new Promise(r => { const e = new EventSource('/__fluentpress/events'); \
                  e.onopen = () => { e.close(); r(true); }; })";
    browser.eval(opened);
    std::thread::sleep(Duration::from_millis(300));
    let id = "home-who-we-are-title";
    let element = format!("document.querySelector('[data-l10n-id=\"{id}\"]')");
    // Resolves (with the clock's time) once the element shows `text`.
    let seen = |text: &str| {
        format!(
            "new Promise(resolve => {{ const e = {element}; \
             const done = () => {{ if (e.textContent === {text:?}) {{ o.disconnect(); \
             resolve(performance.timeOrigin + performance.now()); return true; }} return false; }}; \
             const o = new MutationObserver(done); \
             o.observe(e, {{ childList: true, characterData: true, subtree: true }}); done(); }})"
        )
    };
    let mut saves = Vec::new();
    for i in 0..edits {
        let text = format!("Qui sommes-nous {i}");
        let script = format!(
            "(async () => {{ \
               const token = document.querySelector('meta[name=fluentpress-token]').content; \
               const m = await (await fetch('/__fluentpress/message?locale=fr&id={id}')).json(); \
               const start = performance.timeOrigin + performance.now(); \
               const shown = {}; \
               const r = await fetch('/__fluentpress/message', {{ method: 'PUT', \
                 headers: {{ 'X-Fluentpress-Token': token, 'Content-Type': 'application/json' }}, \
                 body: JSON.stringify({{ locale: 'fr', id: '{id}', value: {text:?}, base: m.base }}) }}); \
               if (r.status !== 200) throw new Error('status ' + r.status); \
               return (await shown) - start; }})()",
            seen(&text)
        );
        let ms = browser.eval(&script).as_f64().expect("a duration");
        saves.push(Duration::from_secs_f64(ms / 1000.0));
        std::thread::sleep(Duration::from_millis(150));
        while updates.try_recv().is_ok() {}
    }
    let file = root.join("locales/fr/pages/home.ftl");
    let original = std::fs::read_to_string(&file).unwrap();
    let line_start = original.find(&format!("{id} =")).unwrap();
    let line_end = line_start + original[line_start..].find('\n').unwrap();
    let mut writes = Vec::new();
    for i in 0..edits {
        let text = format!("Qui sommes-nous, {i}");
        let new = format!(
            "{}{id} = {text}{}",
            &original[..line_start],
            &original[line_end..]
        );
        browser.eval(&format!("window.fpSeen = {}; true", seen(&text)));
        let written = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64()
            * 1000.0;
        std::fs::write(&file, new).unwrap();
        let shown = browser.eval("window.fpSeen").as_f64().expect("a time");
        writes.push(Duration::from_secs_f64((shown - written).max(0.0) / 1000.0));
        std::thread::sleep(Duration::from_millis(150));
        while updates.try_recv().is_ok() {}
    }
    std::fs::write(&file, original).unwrap();
    let reloaded = browser.eval("window.fpSeen !== undefined");
    println!(
        "in Chromium, /fr/ ({edits} edits each; page never reloaded: {reloaded}):\n  \
         save → visible       {:>24}\n  file write → visible {:>24}",
        summary(&mut saves),
        summary(&mut writes)
    );
}

/// "12.3 ms (9.8–20.1)": median, then minimum and maximum.
fn summary(values: &mut [Duration]) -> String {
    values.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{:.1} ms ({:.1}–{:.1})",
        ms(values[values.len() / 2]),
        ms(values[0]),
        ms(values[values.len() - 1])
    )
}

/// Subscribes to the event stream: the instant each `reload` event is read.
fn subscribe(addr: std::net::SocketAddr) -> Receiver<Instant> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /__fluentpress/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let (send, received) = mpsc::channel();
    let (ready, opened) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if line.starts_with(": fluentpress serve") {
                let _ = ready.send(());
            }
            if line == "event: reload" && send.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    opened.recv_timeout(Duration::from_secs(30)).unwrap();
    received
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
