//! `fluentpress serve`: the real binary on a free port, driven over HTTP and server-sent events
//! while the test edits the project's files. Timeouts are generous and every wait polls, so the
//! tests hold on a loaded machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::browser::Browser;
use crate::export_web::sample_project;
use crate::support::TestProject;

const PATIENCE: Duration = Duration::from_secs(60);

/// A running `fluentpress serve`, killed when dropped.
pub(crate) struct Serve {
    child: Child,
    pub(crate) addr: SocketAddr,
    /// Every line the server printed after the first.
    lines: Receiver<String>,
    /// The temporary folder the site was built in.
    folder: PathBuf,
}

impl Serve {
    pub(crate) fn start(project: &TestProject, args: &[&str]) -> Serve {
        Serve::spawn(
            project,
            Command::new(assert_cmd::cargo::cargo_bin("fluentpress")),
            args,
        )
    }

    /// The server with at most `limit` open descriptors (`ulimit -n`, then `exec`: the child's
    /// id stays the server's).
    #[cfg(target_os = "linux")]
    fn start_with_fd_limit(project: &TestProject, limit: u32) -> Serve {
        let mut command = Command::new("sh");
        command
            .args(["-c", &format!("ulimit -n {limit} && exec \"$0\" \"$@\"")])
            .arg(assert_cmd::cargo::cargo_bin("fluentpress"));
        Serve::spawn(project, command, &[])
    }

    fn spawn(project: &TestProject, mut command: Command, args: &[&str]) -> Serve {
        let mut child = command
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .current_dir(project.dir.path())
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", "1704067200")
            .env_remove("CI")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let first = lines.recv_timeout(PATIENCE).expect("serve printed nothing");
        // The first line is the address: `serve: http://127.0.0.1:PORT/`.
        let addr = first
            .strip_prefix("serve: http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("first line: {first}"))
            .parse()
            .unwrap();
        let second = lines.recv_timeout(PATIENCE).unwrap();
        let folder = second
            .split(" into ")
            .nth(1)
            .and_then(|rest| rest.split(" (removed").next())
            .map(PathBuf::from)
            .unwrap_or_else(|| panic!("second line: {second}"));
        Serve {
            child,
            addr,
            lines,
            folder,
        }
    }

    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        get(self.addr, path)
    }

    /// A page as `export web` writes it plus serve's scripts: the editor's marks left out.
    fn get_unmarked(&self, path: &str) -> (u16, String) {
        let (status, page) = self.get(path);
        let page = crate::serve_edit::without_editor_marks(page.as_bytes());
        (status, String::from_utf8(page).unwrap())
    }

    /// Polls `path` until its body satisfies `ok`; returns the body.
    pub(crate) fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (_, body) = self.get_unmarked(path);
            if ok(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {what}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for a printed line containing `text`.
    pub(crate) fn wait_line(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => panic!("serve never printed {text:?}"),
            }
        }
    }
}

impl Drop for Serve {
    /// Stops the server as Ctrl-C does (so it removes its temporary folder), killing it if it
    /// does not stop within a few seconds.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("sh")
                .args(["-c", &format!("kill -INT {}", self.child.id())])
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One GET with a minimal HTTP/1.1 client: (status, body).
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let (status, _, body) = get_bytes(addr, path);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// One GET: (status, head, the body's bytes).
fn get_bytes(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(response.len());
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let body = response.get(split + 4..).unwrap_or_default().to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, body)
}

/// Subscribes to the event stream; each `reload` event's data arrives on the channel.
pub(crate) fn subscribe(addr: SocketAddr) -> Receiver<String> {
    let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).unwrap();
    write!(
        stream,
        "GET /__fluentpress/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (send, events) = mpsc::channel();
    let (ready, subscribed) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if line.starts_with(": fluentpress serve") {
                let _ = ready.send(());
            } else if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ")
                && event == "reload"
                && send.send(data.to_string()).is_err()
            {
                break;
            }
        }
    });
    subscribed
        .recv_timeout(PATIENCE)
        .expect("the event stream did not open");
    events
}

/// Replaces `from` by `to` in a project file (which must contain it).
fn edit(project: &TestProject, file: &str, from: &str, to: &str) {
    let text = project.read(file);
    assert!(text.contains(from), "{file} lacks {from:?}");
    project.write(file, text.replacen(from, to, 1));
}

// Serve builds the site into a temporary folder, serves it with the reload script, and after an
// edit of one message sends `reload` and serves the new text; a syntax error then shows in the
// overlay and in the JSON diagnostics while the page keeps its other translations (the broken
// message falls back to English). Ctrl-C stops it cleanly and removes the folder; dist/ is never
// written.
#[test]
fn edits_reload_the_page_and_syntax_errors_show_in_the_overlay() {
    let project = sample_project();
    let mut serve = Serve::start(&project, &[]);
    // The site is built in a folder (`site-N`) inside the temporary folder.
    let site = std::fs::read_dir(&serve.folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(site.join("zh-CN/profile/index.html").is_file());
    assert!(!project.path("dist").exists(), "serve must not write dist/");

    let (status, page) = serve.get_unmarked("/zh-CN/profile/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<h2 id=\"at-a-glance\">公司概览</h2>"),
        "{page}"
    );
    assert!(page.contains("/__fluentpress/events"), "the reload script");
    assert!(
        !page.contains("id=\"fluentpress-overlay\""),
        "no problem, no overlay: {page}"
    );
    // The files on disk are the export's, without the script.
    let on_disk = std::fs::read_to_string(site.join("zh-CN/profile/index.html")).unwrap();
    assert!(!on_disk.contains("__fluentpress"));
    // A folder without its slash is redirected, as static hosts do (relative links need it).
    assert_eq!(serve.get("/zh-CN/profile").0, 301);

    let events = subscribe(serve.addr);
    edit(
        &project,
        "locales/zh-CN/pages/profile.ftl",
        "profile-at-a-glance-title = 公司概览",
        "profile-at-a-glance-title = 公司概况一览",
    );
    let reload = events.recv_timeout(PATIENCE).expect("no reload event");
    assert!(reload.contains("/zh-CN/profile/"), "{reload}");
    let page = serve.wait_for("/zh-CN/profile/", "the new heading", |b| {
        b.contains("<h2 id=\"at-a-glance\">公司概况一览</h2>")
    });
    assert!(!page.contains("id=\"fluentpress-overlay\""), "{page}");
    let line = serve.wait_line("locales/zh-CN/pages/profile.ftl:");
    assert!(line.contains("reload sent"), "{line}");
    // Other locales were not touched.
    let (_, fr) = serve.get("/fr/profile/");
    assert!(!fr.contains("公司概况一览"));

    // A syntax error: the entry becomes Junk; the last good translations stay.
    edit(
        &project,
        "locales/zh-CN/pages/profile.ftl",
        "profile-at-a-glance-p1 = ",
        "profile-at-a-glance-p1 = { $broken ",
    );
    events.recv_timeout(PATIENCE).expect("no reload event");
    let diagnostics = serve.wait_for("/__fluentpress/diagnostics", "syntax-error", |b| {
        b.contains("syntax-error")
    });
    let json: serde_json::Value = serde_json::from_str(&diagnostics).unwrap();
    let syntax = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "syntax-error")
        .unwrap();
    assert_eq!(syntax["file"], "locales/zh-CN/pages/profile.ftl");
    assert_eq!(syntax["line"], 12);
    assert_eq!(syntax["severity"], "error");
    let (status, page) = serve.get_unmarked("/zh-CN/profile/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"fluentpress-overlay\""), "{page}");
    assert!(
        page.contains("error[syntax-error]</span> <code>locales/zh-CN/pages/profile.ftl:12:"),
        "{page}"
    );
    assert!(page.contains("公司概况一览"), "the good translations stay");
    assert!(
        page.contains("<p lang=\"en-US\">China Hongqiao is one of the world"),
        "the broken message falls back to English: {page}"
    );
    serve.wait_line("error[syntax-error]");

    // Fixing it clears the overlay.
    edit(
        &project,
        "locales/zh-CN/pages/profile.ftl",
        "profile-at-a-glance-p1 = { $broken ",
        "profile-at-a-glance-p1 = ",
    );
    serve.wait_for("/zh-CN/profile/", "no overlay", |b| {
        !b.contains("id=\"fluentpress-overlay\"") && b.contains("中国宏桥是全球最大的铝生产商之一")
    });

    // Ctrl-C (SIGINT, sent with the shell's own `kill`): a clean stop, exit code 0, the
    // temporary folder removed.
    #[cfg(unix)]
    {
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -INT {}", serve.child.id())])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = serve.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(0));
        serve.wait_line("serve: stopped");
        assert!(!serve.folder.exists(), "{}", serve.folder.display());
    }
    assert!(!project.path("dist").exists(), "serve must not write dist/");
}

// A Markdown edit is extracted again (the generated en-US file changes) and the page re-rendered
// in every locale: the English text changes, and the translations of the changed paragraph are
// now stale, so the French page says it may be outdated.
// A locale whose folder is not named after its tag (`folder: zh_CN`) reloads like any other: the
// watcher maps a change through the configured folder, not `locales/<tag>`.
#[test]
fn an_edit_in_a_configured_locale_folder_reloads_its_pages() {
    let project = sample_project();
    std::fs::rename(project.path("locales/zh-CN"), project.path("locales/zh_CN")).unwrap();
    edit(
        &project,
        "fluentpress.yaml",
        "  - tag: zh-CN\n",
        "  - tag: zh-CN\n    folder: zh_CN\n",
    );
    let serve = Serve::start(&project, &[]);
    serve.wait_for("/zh-CN/profile/", "the translated heading", |b| {
        b.contains("<h2 id=\"at-a-glance\">公司概览</h2>")
    });
    let events = subscribe(serve.addr);
    edit(
        &project,
        "locales/zh_CN/pages/profile.ftl",
        "profile-at-a-glance-title = 公司概览",
        "profile-at-a-glance-title = 公司概况一览",
    );
    let reload = events.recv_timeout(PATIENCE).expect("no reload event");
    assert!(reload.contains("/zh-CN/profile/"), "{reload}");
    serve.wait_for("/zh-CN/profile/", "the new heading", |b| {
        b.contains("<h2 id=\"at-a-glance\">公司概况一览</h2>")
    });
    let line = serve.wait_line("locales/zh_CN/pages/profile.ftl:");
    assert!(line.contains("reload sent"), "{line}");
}

#[test]
fn a_markdown_edit_re_extracts_and_re_renders_the_page_everywhere() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let events = subscribe(serve.addr);
    let (_, fr) = serve.get("/fr/profile/");
    assert!(!fr.contains("notice-outdated") && !fr.contains("outdated-translation"));
    edit(
        &project,
        "content/profile.md",
        "China Hongqiao employs more than 43,000 workers",
        "China Hongqiao employs over 43,000 workers",
    );
    events.recv_timeout(PATIENCE).expect("no reload event");
    serve.wait_for("/en-US/profile/", "the new English text", |b| {
        b.contains("China Hongqiao employs over 43,000 workers")
    });
    assert!(
        project
            .read("locales/en-US/pages/profile.ftl")
            .contains("employs over 43,000 workers"),
        "the generated file was extracted again"
    );
    serve.wait_for("/fr/profile/", "the outdated notice", |b| {
        b.contains("outdated-translation")
    });

    // A page that no longer parses: the last good site stays, the error is in the overlay.
    let good = project.read("content/profile.md");
    project.write("content/profile.md", format!("{good}\n<div>raw</div>\n"));
    let json = serve.wait_for("/__fluentpress/diagnostics", "the error", |b| {
        b.contains("raw HTML is not supported")
    });
    assert!(json.contains("\"file\": \"content/profile.md\""), "{json}");
    let (status, page) = serve.get("/en-US/profile/");
    assert_eq!(status, 200);
    assert!(page.contains("China Hongqiao employs over 43,000 workers"));
    assert!(page.contains("id=\"fluentpress-overlay\""), "{page}");
    // Fixed: the overlay goes, and every open page is told to reload.
    while events.try_recv().is_ok() {}
    project.write("content/profile.md", good);
    let reload = events.recv_timeout(PATIENCE).expect("no reload event");
    assert!(reload.contains("\"all\":true"), "{reload}");
    serve.wait_for("/en-US/profile/", "no overlay", |b| {
        !b.contains("id=\"fluentpress-overlay\"")
    });
}

// Re-rendering only what a change touches gives the same site as exporting everything again:
// after edits of an interface string, a term other messages use, a page's messages, a Markdown
// page (new English text, now stale translations) and a syntax error, the served folder equals
// a fresh `export web --include-incomplete` byte for byte.
#[test]
fn incremental_updates_equal_a_full_export() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let events = subscribe(serve.addr);
    let edits = [
        (
            "locales/zh-CN/ui.ftl",
            "skip-to-content = 跳转至主要内容",
            "skip-to-content = 跳到正文",
        ),
        (
            "locales/zh-HK/ui.ftl",
            "-company-name = 中國宏橋集團",
            "-company-name = 中國宏橋",
        ),
        (
            "content/profile.md",
            "China Hongqiao employs more than 43,000 workers",
            "China Hongqiao employs over 43,000 workers",
        ),
        (
            "locales/fr/pages/home.ftl",
            "home-title = ",
            "home-title = Accueil : ",
        ),
        (
            "locales/zh-CN/pages/profile.ftl",
            "profile-at-a-glance-p1 = ",
            "profile-at-a-glance-p1 = { $broken ",
        ),
    ];
    for (file, from, to) in edits {
        edit(&project, file, from, to);
        events
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("no reload after editing {file}"));
    }
    // Let the server see (and ignore) its own writes from the extraction.
    std::thread::sleep(Duration::from_millis(500));
    let site = std::fs::read_dir(&serve.folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (code, _, stderr) = project.run(&["export", "web", "--include-incomplete"]);
    assert_eq!(code, 0, "{stderr}");
    let exported = TestProject {
        dir: tempfile::tempdir().unwrap(),
    };
    crate::support::copy_dir(&site, &exported.path("served"));
    let mut served = exported.snapshot_tree("served");
    // The in-context editor's marks are serve's own: without them the pages are the export's.
    for (_, bytes) in &mut served {
        *bytes = crate::serve_edit::without_editor_marks(bytes);
    }
    let mut fresh = project.snapshot_tree("dist/web");
    // The export's marker (which lets the next export replace the folder) is not part of the
    // site; serve's private folder has none.
    fresh.retain(|(name, _)| name != fluentpress::export::MARKER);
    let names =
        |tree: &[(String, Vec<u8>)]| tree.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&fresh));
    for ((name, a), (_, b)) in served.iter().zip(&fresh) {
        assert!(
            a == b,
            "{name} differs from a full export:\n--- served\n{}\n--- exported\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

// In a real browser the open page shows an edit by itself (the injected script), updated in
// place without a reload (the page's scroll position and state stay); the overlay appears over
// it after a syntax error, and its button closes it.
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn the_open_page_updates_itself_in_a_browser() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let mut browser = Browser::launch();
    browser.goto(&format!("http://{}/zh-CN/profile/", serve.addr));
    assert_eq!(
        browser.eval("document.getElementById('at-a-glance').textContent"),
        "公司概览"
    );
    // Once a stream of our own is open, the page's (opened while loading) is open too.
    let opened = "new Promise(r => { const e = new EventSource('/__fluentpress/events'); \
                  e.onopen = () => { e.close(); r(true); }; })";
    assert_eq!(browser.eval(opened), true);
    std::thread::sleep(Duration::from_millis(300));
    // A mark on the window: it would be gone had the page reloaded.
    browser.eval("window.notReloaded = true");
    edit(
        &project,
        "locales/zh-CN/pages/profile.ftl",
        "profile-at-a-glance-title = 公司概览",
        "profile-at-a-glance-title = 公司概况一览",
    );
    browser.wait_for("document.getElementById('at-a-glance').textContent === '公司概况一览'");
    assert_eq!(
        browser.eval("window.notReloaded === true"),
        true,
        "updated in place"
    );
    assert_eq!(
        browser.eval("document.getElementById('fluentpress-overlay') === null"),
        true
    );

    assert_eq!(browser.eval(opened), true);
    std::thread::sleep(Duration::from_millis(300));
    edit(
        &project,
        "locales/zh-CN/pages/profile.ftl",
        "profile-at-a-glance-p1 = ",
        "profile-at-a-glance-p1 = { $broken ",
    );
    browser.wait_for("document.getElementById('fluentpress-overlay') !== null");
    let text = browser.eval("document.getElementById('fluentpress-overlay').textContent");
    let text = text.as_str().unwrap();
    assert!(text.contains("error[syntax-error]"), "{text}");
    assert!(
        text.contains("locales/zh-CN/pages/profile.ftl:12:"),
        "{text}"
    );
    // One save can reach the watcher as two events (truncate, then write), each refreshing the
    // page and its overlay: let them settle, so the click closes the last one.
    std::thread::sleep(Duration::from_millis(800));
    browser.eval("document.querySelector('#fluentpress-overlay button').click()");
    browser.wait_for("document.getElementById('fluentpress-overlay') === null");
}

// Path traversal is impossible: `..` in any spelling is refused before the file system is
// touched, and nothing outside the site folder is ever sent.
#[test]
fn paths_outside_the_site_are_refused() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    for path in [
        "/../fluentpress.yaml",
        "/../../../../etc/passwd",
        "/%2e%2e/fluentpress.yaml",
        "/zh-CN/..%2f..%2ffluentpress.yaml",
        "/zh-CN/%2E%2E/%2E%2E/fluentpress.yaml",
        "/..%5c..%5cfluentpress.yaml",
        "/.%2e/.%2e/etc/passwd",
    ] {
        let (status, body) = serve.get(path);
        assert_eq!(status, 400, "{path}");
        assert!(!body.contains("source_locale") && !body.contains("root:"));
    }
    // An unknown page below a locale gets the locale's 404 page.
    let (status, body) = serve.get("/fr/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("lang=\"fr\""), "{body}");
}

// The search index is served as the export stores it: gzip bytes under `.fpz`, as
// `application/octet-stream` and without `Content-Encoding` (the client inflates them).
#[test]
fn search_index_files_are_served_as_stored() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let (status, head, body) = get_bytes(serve.addr, "/en-US/search/manifest.fpz");
    assert_eq!(status, 200, "{head}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("content-type: application/octet-stream"),
        "{head}"
    );
    assert!(!head.contains("content-encoding"), "{head}");
    let json = fluentpress::export::web::gzip::decompress(&body).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(manifest["docs"], 4);
    let (status, _, shard) = get_bytes(serve.addr, "/en-US/search/t/0.fpz");
    assert_eq!(status, 200);
    assert_eq!(shard[..2], [0x1f, 0x8b]);
}

// A port in use is an error naming the way out (--port), with exit code 2.
#[test]
fn a_port_in_use_is_a_clear_error() {
    let project = sample_project();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, stdout, stderr) = project.run(&["serve", "--port", &port]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("the port is in use"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}

/// One request written as it is: (status, response head, body). A connection the server closes
/// without answering gives status 0.
pub(crate) fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// The `Location` header of a response head, if any.
fn location(head: &str) -> Option<&str> {
    head.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("location").then(|| value.trim())
    })
}

/// The descriptors and threads a process has open.
#[cfg(target_os = "linux")]
fn descriptors_and_threads(pid: u32) -> (usize, usize) {
    let count = |what: &str| {
        std::fs::read_dir(format!("/proc/{pid}/{what}"))
            .unwrap()
            .count()
    };
    (count("fd"), count("task"))
}

/// Polls until the server has at most `most` descriptors open; returns the last count.
#[cfg(target_os = "linux")]
fn wait_for_descriptors(serve: &Serve, most: usize) -> usize {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (fds, _) = descriptors_and_threads(serve.child.id());
        if fds <= most || Instant::now() > deadline {
            return fds;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

// 1,100 event streams opened and closed by the browser, under a limit of 1,024 descriptors: the
// server notices each closed stream and frees its descriptor, so it keeps answering, and its
// descriptors come back to where they started. (Before, a closed stream kept its descriptor
// until the next reload event, and the server stopped answering at the limit.)
#[cfg(target_os = "linux")]
#[test]
fn closed_event_streams_free_their_descriptors() {
    let project = sample_project();
    let serve = Serve::start_with_fd_limit(&project, 1024);
    assert_eq!(serve.get("/en-US/").0, 200);
    let (start, _) = descriptors_and_threads(serve.child.id());
    for _ in 0..1100 {
        let mut stream = TcpStream::connect_timeout(&serve.addr, PATIENCE).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__fluentpress/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            serve.addr
        )
        .unwrap();
        // Read up to the greeting, so the server has registered the stream, then close.
        let mut seen = Vec::new();
        let mut chunk = [0; 512];
        while !String::from_utf8_lossy(&seen).contains(": fluentpress serve") {
            let n = stream.read(&mut chunk).unwrap();
            assert!(n > 0, "the stream closed before its greeting");
            seen.extend_from_slice(&chunk[..n]);
        }
    }
    let (status, page) = serve.get("/zh-CN/profile/");
    assert_eq!(status, 200);
    assert!(page.contains("公司概览"));
    let end = wait_for_descriptors(&serve, start + 4);
    assert!(end <= start + 4, "{start} descriptors before, {end} after");
    // The page's own stream still works.
    let events = subscribe(serve.addr);
    edit(
        &project,
        "locales/zh-CN/pages/profile.ftl",
        "profile-at-a-glance-title = 公司概览",
        "profile-at-a-glance-title = 公司概况一览",
    );
    events.recv_timeout(PATIENCE).expect("no reload event");
}

// More connections than the bound at once: the server holds at most MAX_CONNECTIONS of them
// (the others wait in the kernel's queue), starts no thread for any, serves every request once
// they are sent, and keeps answering afterwards. (Before, each connection took a thread and a
// descriptor, without a bound.)
#[cfg(target_os = "linux")]
#[test]
fn connections_beyond_the_bound_wait_and_are_served() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    assert_eq!(serve.get("/en-US/").0, 200);
    let (fds, threads) = descriptors_and_threads(serve.child.id());
    let bound = fluentpress::serve::MAX_CONNECTIONS;
    let mut streams: Vec<TcpStream> = (0..bound + 32)
        .map(|_| TcpStream::connect_timeout(&serve.addr, PATIENCE).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let (held, running) = descriptors_and_threads(serve.child.id());
    assert!(
        held <= fds + bound,
        "{held} descriptors with {} connections open ({fds} before, bound {bound})",
        bound + 32
    );
    assert_eq!(running, threads, "no thread per connection");
    for stream in &mut streams {
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /zh-CN/profile/ HTTP/1.1\r\nHost: {}\r\n\r\n",
            serve.addr
        )
        .unwrap();
    }
    for stream in &mut streams {
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response);
        assert!(
            response.starts_with("HTTP/1.1 200 ") || response.starts_with("HTTP/1.1 503 "),
            "{response}"
        );
    }
    drop(streams);
    assert_eq!(serve.get("/fr/profile/").0, 200);
    let end = wait_for_descriptors(&serve, fds + 2);
    assert!(end <= fds + 2, "{fds} descriptors before, {end} after");
}

// DNS rebinding: a page of another site whose domain now points at 127.0.0.1 sends its own
// domain as the Host; the server answers only to localhost and its own address, with its port.
#[test]
fn foreign_host_names_are_refused() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let port = serve.addr.port();
    let request = |host: &str| {
        raw(
            serve.addr,
            format!("GET /en-US/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        let (status, _, body) = request(&host);
        assert_eq!(status, 403, "{host}");
        assert!(!body.contains("<html"), "{host}: {body}");
    }
    let (status, _, _) = raw(serve.addr, b"GET /en-US/ HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403, "no Host at all");
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(request(&host).0, 200, "{host}");
    }
}

// A folder's redirect is a path on this site: `//zh-CN/profile` goes to `/zh-CN/profile/`, never
// to `//zh-CN/profile/`, which a browser reads as the host `zh-CN`.
#[test]
fn redirects_never_lead_to_another_host() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let request = |path: &str| {
        raw(
            serve.addr,
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                serve.addr
            )
            .as_bytes(),
        )
    };
    for path in ["//zh-CN/profile", "///zh-CN/profile", "/%2Fzh-CN/profile"] {
        let (status, head, _) = request(path);
        assert_eq!(status, 301, "{path}");
        assert_eq!(location(&head), Some("/zh-CN/profile/"), "{path}: {head}");
    }
    for path in ["//evil.com/x", "//evil.com", "//evil.com/"] {
        let (_, head, _) = request(path);
        if let Some(to) = location(&head) {
            assert!(!to.starts_with("//"), "{path} → {to}");
        }
    }
}

// CR and LF from a request never reach a response header: escaped in the path or the query, or
// raw in the request line, no header is added or split.
#[test]
fn crlf_in_a_request_never_reaches_a_header() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let host = serve.addr;
    for request in [
        format!("GET /zh-CN/profile?a%0d%0aX-Injected:%20yes HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        format!("GET /zh-CN/profile%0d%0aX-Injected:%20yes HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        format!("GET /zh-CN%0d%0aX-Injected%3a%20yes/profile HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        format!("GET /zh-CN/profile?a\rX-Injected:yes HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        format!("GET /zh-CN/profile?a\nX-Injected:yes HTTP/1.1\r\nHost: {host}\r\n\r\n"),
    ] {
        let (status, head, _) = raw(serve.addr, request.as_bytes());
        assert!(status >= 300, "{request:?}: {head}");
        for line in head.split("\r\n") {
            assert!(
                !line.contains(['\r', '\n'])
                    && !line.to_ascii_lowercase().starts_with("x-injected"),
                "{request:?} gave {head:?}"
            );
        }
    }
}

// A hard link in the served folder to a file outside it is refused like a symbolic link: by its
// path it is inside, but it has a second link (every file the export writes has one).
#[cfg(unix)]
#[test]
fn hard_links_to_files_outside_the_site_are_refused() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let site = std::fs::read_dir(&serve.folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let outside = tempfile::tempdir_in(serve.folder.parent().unwrap()).unwrap();
    std::fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    std::fs::hard_link(outside.path().join("secret.txt"), site.join("secret.txt")).unwrap();
    std::fs::hard_link(
        outside.path().join("secret.txt"),
        site.join("en-US/secret.html"),
    )
    .unwrap();
    for path in ["/secret.txt", "/en-US/secret.html"] {
        let (status, body) = serve.get(path);
        assert!(status == 404 || status == 403, "{path}: {status}");
        assert!(!body.contains("top secret"), "{path}: {body}");
    }
    // The site's own files are served.
    assert_eq!(serve.get("/en-US/").0, 200);
}
