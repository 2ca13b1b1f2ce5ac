//! The live site over HTTP/1.1, on `hyper` run by a single-threaded `tokio` runtime on one
//! thread of its own: `GET` and `HEAD` only, one request per connection (`Connection: close`).
//!
//! - Bounded: at most [`MAX_CONNECTIONS`] connections are open at once. The accept loop takes a
//!   permit before it accepts, so beyond the bound connections wait in the kernel's queue (no
//!   descriptor, no task) until one ends; a client that sends no complete request head within
//!   [`HEADER_TIMEOUT`] is dropped. No thread is started per connection, so a refused thread
//!   cannot stop the server, and a failed `accept` (descriptors exhausted, a connection reset
//!   before it was accepted) is waited out and retried, never the end of the loop.
//! - Event streams (`/__fluentpress/events`) are fed by the [`Clients`] broadcaster through a
//!   small channel each. A comment line goes to every stream every [`HEARTBEAT`]: a stream
//!   whose browser went away fails that write, and hyper drops the connection. At most
//!   [`MAX_EVENT_STREAMS`] streams are kept; a new one ends the oldest (a browser reconnects
//!   by itself), so streams never take all the connections.
//! - Only the site's own names are served: the `Host` header must name this machine (see
//!   [`Hosts`]), which defeats DNS rebinding (a page on another site whose domain was pointed
//!   at 127.0.0.1 sends its own domain as the host).
//! - Files come from the current site folder. A URL path is percent-decoded and split into
//!   segments; `..`, hidden names, backslashes, colons and control characters are refused
//!   before any file-system access. The file found must be a regular file inside the site
//!   folder once symbolic links are resolved, and have a single link: every file the export
//!   writes is new (link count 1), while a hard link to a file outside the folder cannot be
//!   told apart from a file inside it by its path.
//! - A folder is served as its `index.html`, redirecting `/fr/profile` to `/fr/profile/` first
//!   (relative links need the slash); the `Location` is rebuilt from the decoded segments, so it
//!   is always a path starting with one `/`, never `//host` (which a browser reads as another
//!   site), and nothing from the request reaches a header unencoded. A missing file gets the
//!   locale's `404.html`.
//! - HTML responses get the reload script and, when there are problems, the overlay, just
//!   before `</body>`: the files on disk are exactly what `export web` writes.
//!
//! Why not `tiny_http`, the lighter choice: its 0.12 accept thread leaves its loop for good on
//! the first failed `accept` (descriptors exhausted is exactly that), starts a thread per open
//! connection without a bound (and panics in that thread when one cannot be started or a
//! socket cannot be duplicated), and sets no read timeout, so it has the very failures this
//! server must not have, and the accept loop cannot be replaced from outside.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::fs::File;
use std::io::Read as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::thread::JoinHandle;
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use tokio::sync::{Semaphore, mpsc, oneshot};

use super::Shared;

/// URL path of the event stream.
pub const EVENTS_PATH: &str = "/__fluentpress/events";
/// URL path of the diagnostics as JSON.
pub const DIAGNOSTICS_PATH: &str = "/__fluentpress/diagnostics";
/// URL path of one message for the in-context editor (`GET`), of its save (`PUT`) and of the
/// removal of a translation the editor created (`DELETE`).
pub const MESSAGE_PATH: &str = "/__fluentpress/message";
/// URL paths of the editor's script and style sheet.
pub const EDITOR_JS_PATH: &str = "/__fluentpress/editor.js";
pub const EDITOR_CSS_PATH: &str = "/__fluentpress/editor.css";
/// The header carrying the run's token on a save.
pub const TOKEN_HEADER: &str = "x-fluentpress-token";
/// The largest save body accepted.
pub const MAX_BODY: usize = 256 * 1024;

/// The most connections open at once. A browser opens six per site; this leaves room for
/// many tabs and tools, and keeps the descriptors in use far below the usual limit of 1,024.
pub const MAX_CONNECTIONS: usize = 128;
/// The most event streams kept (one per open page); a new one ends the oldest.
pub const MAX_EVENT_STREAMS: usize = 32;
/// How often every event stream gets a comment line, so a closed one is noticed.
pub const HEARTBEAT: Duration = Duration::from_secs(5);
/// How long a client may take to send its request head.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Events waiting for one stream; a stream that falls this far behind is ended.
const STREAM_BACKLOG: usize = 16;

/// The script injected into every HTML page served (never into exported files).
const RELOAD_JS: &str = include_str!("../assets/serve.js");
/// The in-context editor, loaded by served pages when editing is on.
const EDITOR_JS: &str = include_str!("../assets/serve-editor.js");
const EDITOR_CSS: &str = include_str!("../assets/serve-editor.css");

/// The running HTTP server: its thread and the way to stop it.
pub(super) struct HttpServer {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl HttpServer {
    /// Serves `listener` (already bound) on a thread of its own until [`HttpServer::stop`].
    pub fn start(
        listener: std::net::TcpListener,
        shared: Arc<Shared>,
        hosts: Hosts,
    ) -> std::io::Result<HttpServer> {
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("fluentpress-http".into())
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => serve(listener, shared, Arc::new(hosts), stopped).await,
                        Err(e) => eprintln!("fluentpress: error: serve: {e}"),
                    }
                });
                // Dropping the runtime ends every connection still open.
                runtime.shutdown_timeout(Duration::from_millis(500));
            })?;
        Ok(HttpServer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stops accepting, ends every connection and waits for the thread.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves until `stopped` resolves; the runtime's end then cancels every task.
async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    hosts: Arc<Hosts>,
    stopped: oneshot::Receiver<()>,
) {
    let beating = Arc::clone(&shared);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(HEARTBEAT);
        ticks.tick().await;
        loop {
            ticks.tick().await;
            beating.clients.heartbeat();
        }
    });
    tokio::spawn(accept(listener, shared, hosts));
    let _ = stopped.await;
}

async fn accept(listener: tokio::net::TcpListener, shared: Arc<Shared>, hosts: Arc<Hosts>) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // The permit comes first: beyond the bound, connections wait in the kernel's queue.
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Descriptors or memory exhausted, or a connection reset before it was
                // accepted: let connections end, then go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        let hosts = Arc::clone(&hosts);
        tokio::spawn(async move {
            let _ = stream.set_nodelay(true);
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let shared = Arc::clone(&shared);
                let hosts = Arc::clone(&hosts);
                async move { Ok::<_, Infallible>(respond(&shared, &hosts, request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// The `Host` values the server answers to: `localhost`, any loopback address, and the address
/// it is bound to, each with the served port (or none when that port is 80). Bound to all
/// addresses (`0.0.0.0`, `::`), any IP address is accepted: only a domain name can be
/// rebound, and a name other than `localhost` is always refused.
#[derive(Debug, Clone)]
pub struct Hosts {
    pub bind: IpAddr,
    pub port: u16,
}

impl Hosts {
    pub fn allows(&self, host: &str) -> bool {
        let (name, port) = match host.strip_prefix('[') {
            Some(rest) => match rest.split_once(']') {
                Some((name, after)) => match after {
                    "" => (name, None),
                    _ => match after.strip_prefix(':') {
                        Some(port) => (name, Some(port)),
                        None => return false,
                    },
                },
                None => return false,
            },
            None => match host.split_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (host, None),
            },
        };
        let port_ok = match port {
            None => self.port == 80,
            Some(port) => port.parse::<u16>().is_ok_and(|p| p == self.port),
        };
        if !port_ok {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        // A bracketed name must be an IPv6 address, an unbracketed one anything but.
        let ip = match name.parse::<IpAddr>() {
            Ok(ip) if ip.is_ipv6() == host.starts_with('[') => ip,
            _ => return false,
        };
        ip.is_loopback() || ip == self.bind || self.bind.is_unspecified()
    }
}

/// The subscribers of the event stream, oldest first.
#[derive(Default)]
pub(super) struct Clients(Mutex<VecDeque<mpsc::Sender<Bytes>>>);

impl Clients {
    /// A new stream, its first lines already queued; ends the oldest beyond the cap.
    fn subscribe(&self) -> mpsc::Receiver<Bytes> {
        let (sender, receiver) = mpsc::channel(STREAM_BACKLOG);
        let _ = sender.try_send(Bytes::from_static(b"retry: 1000\n: fluentpress serve\n\n"));
        let mut clients = self.lock();
        clients.push_back(sender);
        while clients.len() > MAX_EVENT_STREAMS {
            // Dropping the sender ends the stream's body, and hyper closes the connection.
            clients.pop_front();
        }
        receiver
    }

    /// Sends one event to every subscriber, dropping those that are gone; returns how many
    /// received it.
    pub fn broadcast(&self, event: &str, data: &str) -> usize {
        self.send(Bytes::from(format!("event: {event}\ndata: {data}\n\n")))
    }

    /// A comment line to every stream: the write fails on a connection the browser closed.
    fn heartbeat(&self) -> usize {
        self.send(Bytes::from_static(b": ping\n\n"))
    }

    fn send(&self, message: Bytes) -> usize {
        let mut clients = self.lock();
        // A stream whose connection ended has no receiver; one that stopped reading is full.
        clients.retain(|c| c.try_send(message.clone()).is_ok());
        clients.len()
    }

    /// Ends every stream (when stopping).
    pub fn close_all(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<mpsc::Sender<Bytes>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A response body: bytes known in full, or an event stream.
pub(super) enum Body {
    Full(Option<Bytes>),
    Events(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(events) => events
                .poll_recv(cx)
                .map(|event| event.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

async fn respond(shared: &Shared, hosts: &Hosts, request: Request<Incoming>) -> Response<Body> {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| hosts.allows(h)) {
        return text(
            StatusCode::FORBIDDEN,
            "forbidden: this preview server answers only to localhost and its own address\n",
        );
    }
    if request.uri().path() == MESSAGE_PATH {
        return message(shared, hosts, request).await;
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri().path();
    match path {
        EVENTS_PATH => {
            let mut response = Response::new(Body::Events(shared.clients.subscribe()));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/event-stream"),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        DIAGNOSTICS_PATH => {
            let json = shared.overlay().json.clone();
            bytes(StatusCode::OK, "application/json", Bytes::from(json))
        }
        EDITOR_JS_PATH if shared.editor.is_some() => bytes(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            Bytes::from_static(EDITOR_JS.as_bytes()),
        ),
        EDITOR_CSS_PATH if shared.editor.is_some() => bytes(
            StatusCode::OK,
            "text/css; charset=utf-8",
            Bytes::from_static(EDITOR_CSS.as_bytes()),
        ),
        _ => serve_file(shared, path, request.uri().query()),
    }
}

fn serve_file(shared: &Shared, path: &str, query: Option<&str>) -> Response<Body> {
    let Some(segments) = url_segments(path) else {
        return text(StatusCode::BAD_REQUEST, "bad request\n");
    };
    let root = shared.root();
    let mut file = root.clone();
    file.extend(&segments);
    if file.is_dir() {
        if !path.ends_with('/') {
            let mut response = text(StatusCode::MOVED_PERMANENTLY, "moved\n");
            // `location` is printable ASCII by construction; the check is a second fence.
            if let Ok(value) = HeaderValue::from_str(&location(&segments, query)) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            return response;
        }
        file.push("index.html");
    }
    if let Some(bytes) = read_confined(&root, &file) {
        return send_file(shared, &file, bytes, StatusCode::OK);
    }
    // The locale's own 404 page when the path is below a locale, else the site's.
    let locale = segments
        .first()
        .filter(|s| shared.published().contains(*s))
        .map(|tag| root.join(tag).join("404.html"));
    for candidate in locale.into_iter().chain([root.join("404.html")]) {
        if let Some(bytes) = read_confined(&root, &candidate) {
            return send_file(shared, &candidate, bytes, StatusCode::NOT_FOUND);
        }
    }
    text(StatusCode::NOT_FOUND, "not found\n")
}

/// What may stay as it is in a path segment of a `Location`: unreserved characters and a few
/// sub-delimiters. Everything else, non-ASCII included, is percent-encoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The folder's URL with its slash: `/` and each decoded segment encoded again, so it starts
/// with exactly one `/` (segments are never empty) and holds printable ASCII only. The query
/// follows as hyper parsed it, unless it holds anything else.
fn location(segments: &[String], query: Option<&str>) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.extend(utf8_percent_encode(segment, SEGMENT));
    }
    out.push('/');
    if let Some(query) = query.filter(|q| q.bytes().all(|b| b.is_ascii_graphic())) {
        out.push('?');
        out.push_str(query);
    }
    out
}

fn send_file(shared: &Shared, path: &Path, bytes: Vec<u8>, status: StatusCode) -> Response<Body> {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let mut page = inject(&html, &shared.overlay().html);
        if let Some(editor) = &shared.editor {
            page = inject_editor(&page, &editor.token);
        }
        self::bytes(status, content_type, Bytes::from(page))
    } else {
        self::bytes(status, content_type, Bytes::from(bytes))
    }
}

/// The segments of a URL path, decoded; `None` for anything that could leave the site folder
/// or name a hidden file: `..`, a segment starting with `.`, a backslash, a colon, a control
/// character (NUL, CR, LF), bad escapes or text that is not UTF-8.
pub fn url_segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') {
        return None;
    }
    // `percent_decode_str` keeps a `%` without two hex digits as it is: refuse it instead.
    let bytes = path.as_bytes();
    for (i, _) in path.match_indices('%') {
        let hex = bytes.get(i + 1..i + 3)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
    }
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(|c: char| c == '\\' || c.is_control()) {
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

/// The contents of `file` if it is a regular file inside `root` once every symbolic link is
/// resolved, with a single link (a hard link to a file elsewhere has two or more). The checks
/// are made on the opened file, so what is read is what was checked.
fn read_confined(root: &Path, file: &Path) -> Option<Vec<u8>> {
    let file = confine(root, file)?;
    let mut opened = File::open(&file).ok()?;
    let metadata = opened.metadata().ok()?;
    if !metadata.is_file() || links(&metadata) != 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    opened.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// `file` resolved, if it lies inside `root` resolved.
fn confine(root: &Path, file: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let file = file.canonicalize().ok()?;
    file.starts_with(&root).then_some(file)
}

#[cfg(unix)]
fn links(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn links(_: &std::fs::Metadata) -> u64 {
    // Hard links are rare elsewhere and the standard library cannot count them on stable.
    1
}

fn content_type(path: &Path) -> &'static str {
    // The export copies translators' `.ftl` files; mime_guess does not know the extension.
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ftl"))
    {
        return "text/plain; charset=utf-8";
    }
    match mime_guess::from_path(path).first_raw() {
        Some("text/html") => "text/html; charset=utf-8",
        Some("text/css") => "text/css; charset=utf-8",
        Some("text/javascript" | "application/javascript") => "text/javascript; charset=utf-8",
        Some("text/plain") => "text/plain; charset=utf-8",
        Some(other) => other,
        None => "application/octet-stream",
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

/// `html` with the run's token in a `<meta>` and the editor's style sheet at the end of its
/// head, and the editor's script before its `</body>`.
pub fn inject_editor(html: &str, token: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let head = format!(
        "<meta name=\"fluentpress-token\" content=\"{token}\">\n<link rel=\"stylesheet\" href=\"{EDITOR_CSS_PATH}\">\n"
    );
    let script = format!("<script src=\"{EDITOR_JS_PATH}\"></script>\n");
    let head_at = lower.find("</head>").unwrap_or(0);
    let body_at = lower.rfind("</body>").unwrap_or(html.len()).max(head_at);
    let mut out = String::with_capacity(html.len() + head.len() + script.len());
    out.push_str(&html[..head_at]);
    out.push_str(&head);
    out.push_str(&html[head_at..body_at]);
    out.push_str(&script);
    out.push_str(&html[body_at..]);
    out
}

/// `GET`, `PUT` and `DELETE` of [`MESSAGE_PATH`]: the in-context editor's API (the guide's
/// serve chapter documents it). A save or a removal needs the run's token, and a browser's `Origin`, when sent, must be
/// this server; the `Host` was checked already (DNS rebinding).
async fn message(shared: &Shared, hosts: &Hosts, request: Request<Incoming>) -> Response<Body> {
    let Some(editor) = &shared.editor else {
        return json_error(
            StatusCode::FORBIDDEN,
            "editing is off: serve listens on a network address without --translate",
        );
    };
    let request = match *request.method() {
        Method::GET | Method::HEAD => {
            let query = request.uri().query().unwrap_or("");
            let param = |name: &str| {
                query.split('&').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    (key == name).then(|| {
                        percent_decode_str(&value.replace('+', " "))
                            .decode_utf8_lossy()
                            .into_owned()
                    })
                })
            };
            match (param("locale"), param("id")) {
                (Some(locale), Some(id)) => super::EditRequest::Describe { locale, id },
                _ => return json_error(StatusCode::BAD_REQUEST, "give ?locale=L&id=ID"),
            }
        }
        Method::PUT | Method::DELETE => {
            let removal = request.method() == Method::DELETE;
            let headers = request.headers();
            let token = headers
                .get(TOKEN_HEADER)
                .map(|v| v.as_bytes())
                .unwrap_or_default();
            if !same_secret(token, editor.token.as_bytes()) {
                return json_error(
                    StatusCode::FORBIDDEN,
                    "forbidden: a save needs the token of a page this server served",
                );
            }
            if let Some(origin) = headers.get(header::ORIGIN)
                && !origin
                    .to_str()
                    .ok()
                    .and_then(|o| o.strip_prefix("http://"))
                    .is_some_and(|host| hosts.allows(host))
            {
                return json_error(StatusCode::FORBIDDEN, "forbidden: another site's page");
            }
            let body = match read_body(request.into_body()).await {
                Some(body) => body,
                None => {
                    return json_error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "the request body is too large or incomplete",
                    );
                }
            };
            let parsed = if removal {
                serde_json::from_slice(&body).map(super::EditRequest::Remove)
            } else {
                serde_json::from_slice(&body).map(super::EditRequest::Save)
            };
            match parsed {
                Ok(request) => request,
                Err(e) => {
                    return json_error(StatusCode::BAD_REQUEST, &format!("bad request: {e}"));
                }
            }
        }
        _ => {
            let mut response = json_error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
            response.headers_mut().insert(
                header::ALLOW,
                HeaderValue::from_static("GET, HEAD, PUT, DELETE"),
            );
            return response;
        }
    };
    match editor.submit(request).await {
        Ok(reply) => bytes(
            StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "application/json",
            Bytes::from(reply.json),
        ),
        Err(_) => json_error(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"),
    }
}

/// The body, unless it is longer than [`MAX_BODY`] or the connection fails.
async fn read_body(mut body: Incoming) -> Option<Vec<u8>> {
    use hyper::body::Body as _;
    let mut out = Vec::new();
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => return Some(out),
            Some(Err(_)) => return None,
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if out.len() + data.len() > MAX_BODY {
                        return None;
                    }
                    out.extend_from_slice(&data);
                }
            }
        }
    }
}

/// Compares a secret in time that does not depend on where the bytes differ.
fn same_secret(given: &[u8], secret: &[u8]) -> bool {
    if given.len() != secret.len() {
        return false;
    }
    given
        .iter()
        .zip(secret)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

fn json_error(status: StatusCode, message: &str) -> Response<Body> {
    let body = serde_json::json!({ "error": message }).to_string();
    bytes(status, "application/json", Bytes::from(body))
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(body.as_bytes()),
    )
}

/// A response of `body`; hyper leaves the body out for `HEAD` and keeps its length.
fn bytes(status: StatusCode, content_type: &'static str, body: Bytes) -> Response<Body> {
    let mut response = Response::new(Body::Full(Some(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
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
        assert_eq!(ok("//fr//profile"), ["fr", "profile"]);
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
            "/fr/profile%0d%0aSet-Cookie",
            "/fr/a%0ab",
            "/.hidden",
            "/fr/.tmpAbc123",
            "/C:/windows",
            "/%zz",
            "/%4",
            "/%ff%fe",
            "relative/path",
        ] {
            assert!(url_segments(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn redirects_are_paths_never_another_host() {
        let segments = url_segments("//evil.com/x").unwrap();
        assert_eq!(location(&segments, None), "/evil.com/x/");
        let segments = url_segments("//zh-CN//profile").unwrap();
        assert_eq!(location(&segments, Some("a=1")), "/zh-CN/profile/?a=1");
        // Decoded text is encoded again: no space, no CR or LF, no `?` or `#` from a segment.
        let segments = vec!["a b?#".to_string(), "铝".to_string()];
        assert_eq!(location(&segments, None), "/a%20b%3F%23/%E9%93%9D/");
        // A query with anything but printable ASCII is left out.
        assert_eq!(location(&segments[..1], Some("a\r\nb")), "/a%20b%3F%23/");
        for path in [
            "//evil.com",
            "///evil.com/x",
            "/%2fevil.com",
            "/%2F%2Fevil.com/",
        ] {
            if let Some(segments) = url_segments(path) {
                let to = location(&segments, None);
                assert!(
                    to.starts_with('/') && !to.starts_with("//"),
                    "{path} → {to}"
                );
            }
        }
    }

    #[test]
    fn only_this_machine_s_names_are_answered() {
        let loopback = Hosts {
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 8000,
        };
        for ok in [
            "localhost:8000",
            "LOCALHOST:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost",
            "localhost:8001",
            "localhost:8000:8000",
            "127.0.0.1",
            "10.0.0.5:8000",
            "[127.0.0.1]:8000",
            "::1:8000",
            "[::1]8000",
            "[::1",
            "localhost.evil.example:8000",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let port_80 = Hosts {
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 80,
        };
        assert!(port_80.allows("localhost") && port_80.allows("localhost:80"));
        // Bound to a network address, that address is accepted too.
        let lan = Hosts {
            bind: IpAddr::from([192, 168, 1, 20]),
            port: 8000,
        };
        assert!(lan.allows("192.168.1.20:8000") && lan.allows("localhost:8000"));
        assert!(!lan.allows("192.168.1.21:8000") && !lan.allows("evil.example:8000"));
        // Bound to every address: any IP address, but still no other name.
        let all = Hosts {
            bind: IpAddr::from([0, 0, 0, 0]),
            port: 8000,
        };
        assert!(all.allows("192.168.1.21:8000") && all.allows("[fe80::1]:8000"));
        assert!(!all.allows("evil.example:8000"));
    }

    #[test]
    fn files_outside_the_folder_are_refused_even_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(site.join("page.html"), "<p>hi</p>").unwrap();
        assert_eq!(
            read_confined(&site, &site.join("page.html")).unwrap(),
            b"<p>hi</p>"
        );
        assert!(read_confined(&site, &site.join("missing.html")).is_none());
        assert!(read_confined(&site, &site).is_none(), "a folder");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt"))
                .unwrap();
            assert!(read_confined(&site, &site.join("link.txt")).is_none());
            std::fs::hard_link(dir.path().join("secret.txt"), site.join("hard.txt")).unwrap();
            assert!(read_confined(&site, &site.join("hard.txt")).is_none());
        }
    }

    #[test]
    fn event_streams_are_capped_oldest_ended_first() {
        let clients = Clients::default();
        let mut streams: Vec<_> = (0..MAX_EVENT_STREAMS + 3)
            .map(|_| clients.subscribe())
            .collect();
        assert_eq!(clients.lock().len(), MAX_EVENT_STREAMS);
        // The first three were ended: their greeting, then the end of the stream.
        for stream in &mut streams[..3] {
            assert!(stream.try_recv().is_ok());
            assert_eq!(
                stream.try_recv(),
                Err(mpsc::error::TryRecvError::Disconnected)
            );
        }
        // A stream whose connection ended is dropped at the next message.
        streams.truncate(MAX_EVENT_STREAMS);
        assert_eq!(clients.heartbeat(), MAX_EVENT_STREAMS - 3);
        assert_eq!(clients.broadcast("reload", "{}"), MAX_EVENT_STREAMS - 3);
        // One that stops reading is dropped once its backlog is full.
        for _ in 0..STREAM_BACKLOG {
            clients.heartbeat();
        }
        assert_eq!(clients.heartbeat(), 0);
    }

    #[test]
    fn content_types_come_from_the_extension() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("site.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("fr/ui.ftl")),
            "text/plain; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("logo.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("a.woff2")), "font/woff2");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
        // The search index's gzip files are sent as they are, never labelled as JSON.
        assert_eq!(
            content_type(Path::new("fr/search/t/0.fpz")),
            "application/octet-stream"
        );
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abcd", b"abcd"));
        assert!(!same_secret(b"abce", b"abcd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(!same_secret(b"", b"abcd"));
    }

    #[test]
    fn the_editor_goes_into_the_head_and_before_the_end_of_the_body() {
        let page = inject_editor(
            "<html><head><title>t</title></head><body><p>x</p></body></html>",
            "t0k",
        );
        assert!(page.contains("<meta name=\"fluentpress-token\" content=\"t0k\">\n<link rel=\"stylesheet\" href=\"/__fluentpress/editor.css\">\n</head>"));
        assert!(page.ends_with(
            "<p>x</p><script src=\"/__fluentpress/editor.js\"></script>\n</body></html>"
        ));
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
