//! A small HTTP/1.1 server for the live site, on `std::net`: one thread per connection, one
//! request per connection (`Connection: close`), `GET` and `HEAD` only.
//!
//! - Files come from the current site folder. A URL path is percent-decoded and split into
//!   segments; `..`, hidden names, backslashes and NUL are refused before any file-system
//!   access, and the file found must still lie inside the site folder once symbolic links are
//!   resolved. Nothing outside the folder can be read.
//! - A folder is served as its `index.html` (redirecting `/fr/profile` to `/fr/profile/` first,
//!   as a static host does, so relative links work); a missing file gets the locale's `404.html`.
//! - HTML responses get the reload script and, when there are problems, the overlay, just
//!   before `</body>`: the files on disk are exactly what `export web` writes.
//! - `/__fluentpress/events` is the server-sent-events stream that tells pages to reload;
//!   `/__fluentpress/diagnostics` the current problems as JSON.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread::JoinHandle;
use std::time::Duration;

use super::Shared;

/// URL path of the event stream.
pub const EVENTS_PATH: &str = "/__fluentpress/events";
/// URL path of the diagnostics as JSON.
pub const DIAGNOSTICS_PATH: &str = "/__fluentpress/diagnostics";

/// The script injected into every HTML page served (never into exported files).
const RELOAD_JS: &str = include_str!("../assets/serve.js");

/// The longest request head read.
const MAX_HEAD: usize = 16 * 1024;

/// Accepts connections until `shared.stopping` is set (and a connection wakes the loop).
pub(super) fn spawn_acceptor(listener: TcpListener, shared: Arc<Shared>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if shared.stopping.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let _ = handle(stream, &shared);
            });
        }
    })
}

/// Wakes the accepting thread blocked on `addr` (after `stopping` is set).
pub(super) fn wake(addr: SocketAddr) {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
}

/// The subscribers of the event stream.
#[derive(Default)]
pub(super) struct Clients(std::sync::Mutex<Vec<TcpStream>>);

impl Clients {
    fn add(&self, stream: TcpStream) {
        self.lock().push(stream);
    }

    /// Sends one event to every subscriber, dropping those that are gone; returns how many
    /// received it.
    pub fn broadcast(&self, event: &str, data: &str) -> usize {
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut clients = self.lock();
        clients.retain_mut(|c| {
            c.write_all(message.as_bytes())
                .and_then(|()| c.flush())
                .is_ok()
        });
        clients.len()
    }

    /// Ends every stream (when stopping).
    pub fn close_all(&self) {
        for client in self.lock().drain(..) {
            let _ = client.shutdown(Shutdown::Both);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<TcpStream>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Request {
    method: String,
    target: String,
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let Some(request) = read_request(&mut stream)? else {
        return respond(&mut stream, 400, "text/plain", &[], b"bad request\n", false);
    };
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        return respond(
            &mut stream,
            405,
            "text/plain",
            &[("Allow", "GET, HEAD")],
            b"method not allowed\n",
            false,
        );
    }
    let target = request.target.split('#').next().unwrap_or_default();
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    match path {
        EVENTS_PATH => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 1000\n: fluentpress serve\n\n",
            )?;
            stream.flush()?;
            // A subscriber that stops reading must not hold up the others for long.
            stream.set_write_timeout(Some(Duration::from_secs(2)))?;
            shared.clients.add(stream);
            Ok(())
        }
        DIAGNOSTICS_PATH => {
            let json = shared.overlay().json.clone();
            respond(
                &mut stream,
                200,
                "application/json",
                &[],
                json.as_bytes(),
                head,
            )
        }
        _ => serve_file(&mut stream, shared, path, query, head),
    }
}

/// Reads the request line and headers (the body of a GET is ignored). `None` when malformed.
fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
        if buffer.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buffer);
    let mut parts = head.lines().next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Ok(None);
    }
    Ok(Some(Request {
        method: method.to_string(),
        target: target.to_string(),
    }))
}

fn serve_file(
    stream: &mut TcpStream,
    shared: &Shared,
    path: &str,
    query: Option<&str>,
    head: bool,
) -> std::io::Result<()> {
    let Some(segments) = url_segments(path) else {
        return respond(stream, 400, "text/plain", &[], b"bad request\n", head);
    };
    let root = shared.root();
    let mut file = root.clone();
    file.extend(&segments);
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            return respond(
                stream,
                301,
                "text/plain",
                &[("Location", &location)],
                b"moved\n",
                head,
            );
        }
        file.push("index.html");
    }
    if let Some(found) = confine(&root, &file)
        && let Ok(bytes) = std::fs::read(&found)
    {
        return send_file(stream, shared, &found, bytes, 200, head);
    }
    // The locale's own 404 page when the path is below a locale, else the site's.
    let locale = segments
        .first()
        .filter(|s| shared.published().contains(*s))
        .map(|tag| root.join(tag).join("404.html"));
    for candidate in locale.into_iter().chain([root.join("404.html")]) {
        if let Ok(bytes) = std::fs::read(&candidate) {
            return send_file(stream, shared, &candidate, bytes, 404, head);
        }
    }
    respond(stream, 404, "text/plain", &[], b"not found\n", head)
}

fn send_file(
    stream: &mut TcpStream,
    shared: &Shared,
    path: &Path,
    bytes: Vec<u8>,
    status: u16,
    head: bool,
) -> std::io::Result<()> {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let page = inject(&html, &shared.overlay().html);
        respond(stream, status, content_type, &[], page.as_bytes(), head)
    } else {
        respond(stream, status, content_type, &[], &bytes, head)
    }
}

/// The segments of a URL path, decoded; `None` for anything that could leave the site folder
/// or name a hidden file: `..`, a segment starting with `.`, a backslash, a colon, NUL, bad
/// escapes or text that is not UTF-8.
pub fn url_segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut out = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            s if s.starts_with('.') || s.contains(':') => return None,
            s => out.push(s.to_string()),
        }
    }
    Some(out)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// `file` if it is a regular file inside `root` once every symbolic link is resolved.
fn confine(root: &Path, file: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let file = file.canonicalize().ok()?;
    (file.starts_with(&root) && file.is_file()).then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "ftl" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// `html` with the overlay and the reload script before its `</body>` (or at its end).
pub fn inject(html: &str, overlay: &str) -> String {
    let snippet = format!("{overlay}<script>\n{RELOAD_JS}</script>\n");
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(&snippet);
    out.push_str(&html[at..]);
    out
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head {
        bytes.extend_from_slice(body);
    }
    stream.write_all(&bytes)?;
    stream.flush()?;
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_never_leave_the_site_folder() {
        let ok = |p: &str| url_segments(p).unwrap();
        assert_eq!(ok("/"), Vec::<String>::new());
        assert_eq!(ok("/fr/profile/"), ["fr", "profile"]);
        assert_eq!(ok("/zh-CN/%E9%93%9D/./x"), ["zh-CN", "铝", "x"]);
        for bad in [
            "/../fluentpress.yaml",
            "/fr/../../etc/passwd",
            "/%2e%2e/fluentpress.yaml",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "/fr/..",
            "/..\\..\\windows",
            "/fr%5c..%5c..%5cx",
            "/fr/%00.html",
            "/.hidden",
            "/fr/.tmpAbc123",
            "/C:/windows",
            "/%zz",
            "/%ff%fe",
            "relative/path",
        ] {
            assert!(url_segments(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn files_outside_the_folder_are_refused_even_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(site.join("page.html"), "<p>hi</p>").unwrap();
        assert!(confine(&site, &site.join("page.html")).is_some());
        assert!(confine(&site, &site.join("missing.html")).is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt"))
                .unwrap();
            assert!(confine(&site, &site.join("link.txt")).is_none());
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject("<html><body><p>x</p></BODY></html>", "<div>o</div>");
        assert!(page.starts_with("<html><body><p>x</p><div>o</div><script>"));
        assert!(page.ends_with("</script>\n</BODY></html>"));
        assert!(page.contains(EVENTS_PATH));
        let bare = inject("<p>x</p>", "");
        assert!(bare.starts_with("<p>x</p><script>"));
    }
}
