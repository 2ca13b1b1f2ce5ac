//! `serve`: the web export, served on the local machine and rebuilt as files change, with the
//! open pages reloading by themselves and `check`'s findings shown over them.
//!
//! [`Server::start`] binds the address first (so a port in use fails at once), builds the site
//! into a temporary folder (never into `dist/`), checks the published locales, then runs three
//! kinds of threads:
//! - the HTTP server ([`http`], on hyper, one thread, a bounded number of connections): the
//!   site's files, the reload script and overlay injected into HTML responses, the event stream
//!   and the diagnostics as JSON;
//! - the watcher ([`watch`]): `notify` events on `content/`, `locales/`, `templates/` and the
//!   configuration, gathered into one batch per save;
//! - the rebuild thread: each batch goes to the live site ([`live`]), which re-renders only the
//!   pages the change touches (a configuration or template change rebuilds everything into a
//!   fresh folder, swapped in when complete); then the changed files' locales are checked, the
//!   overlay updated, and a `reload` event sent to the open pages, which update themselves in
//!   place. The in-context editor's requests ([`edit`]: describe a message, save a translation)
//!   are answered on this thread too, between batches, so a save and a rebuild never interleave;
//!   a save updates the site before it answers.
//!
//! A rebuild that fails (a Markdown page that no longer parses, a template with a syntax error)
//! keeps the last good site and shows the error in the overlay. A syntax error in an `.ftl` file
//! is not such a failure: the file's other messages still load, the broken entry's message falls
//! back like any missing one, and the overlay shows the `syntax-error` diagnostic.

// A rebuild's error is rare, shown once and dropped: its size on the error path costs nothing
// worth boxing every stage's error for.
#![allow(clippy::result_large_err)]

mod edit;
mod http;
mod live;
mod overlay;
mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use http::{
    DIAGNOSTICS_PATH, EDITOR_CSS_PATH, EDITOR_JS_PATH, EVENTS_PATH, HEADER_TIMEOUT, HEARTBEAT,
    Hosts, MAX_BODY, MAX_CONNECTIONS, MAX_EVENT_STREAMS, MESSAGE_PATH, TOKEN_HEADER, url_segments,
};

use self::live::{Applied, Changes, LiveSite, Written};
use self::overlay::{Overlay, Rendered};
use self::watch::{Batch, Change, EditJob, EditRequest, Message, Next, Watch};
use crate::check::report::{self, Format};
use crate::check::{self, CheckOptions, CheckReport, Diagnostic, Severity};
use crate::config::{self, Project};
use crate::export::StagedOutput;

/// The port used when none is given.
pub const DEFAULT_PORT: u16 = 8000;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error(
        "cannot listen on {addr}: the port is in use (another server, or another `fluentpress serve`?); choose another with --port N, or --port 0 for any free port"
    )]
    PortInUse { addr: SocketAddr },
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the HTTP server: {source}")]
    Start {
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create a temporary folder for the site: {source}")]
    TempDir {
        #[source]
        source: crate::export::StageError,
    },
    #[error("cannot watch {}: {source}", .path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    /// The first build failed (later failures are shown in the overlay instead).
    #[error(transparent)]
    Build(Box<crate::Error>),
}

/// What to serve and where, resolved from the command line.
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::serve::ServeOptions {
///     bind: std::net::Ipv4Addr::LOCALHOST.into(),
///     port: 0,
///     locales: Vec::new(),
/// };
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 for any free port (the bound address is in [`Server::local_addr`]).
    pub port: u16,
    /// Locales to serve (default: all); the source locale is always served. Locales below
    /// their `min_coverage` are served too: this is a preview.
    pub locales: Vec<String>,
    /// Lets the in-context editor write translations when `bind` is not a loopback address
    /// (anyone who can reach the address can then change the project's files). On a loopback
    /// address editing is always on.
    pub translate: bool,
}

impl ServeOptions {
    /// Whether pages carry the editor and `PUT /__fluentpress/message` writes.
    pub fn editing(&self) -> bool {
        self.bind.is_loopback() || self.translate
    }
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            locales: Vec::new(),
            translate: false,
        }
    }
}

/// Receives what the server does after it started (from its rebuild thread).
pub trait Reporter: Send {
    fn report(&mut self, event: ServeEvent);
}

/// Something the server did.
#[derive(Debug, Clone)]
pub enum ServeEvent {
    /// The site was updated after a change and the pages told to reload.
    Updated(Update),
    /// A change could not be applied: the last good site is still served.
    Failed(Failure),
}

#[derive(Debug, Clone)]
pub struct Update {
    /// The files that changed, relative to the project.
    pub changed: Vec<String>,
    /// Whether the whole site was rebuilt (configuration, templates, the site's structure).
    pub full: bool,
    /// Content pages rendered.
    pub pages: usize,
    /// From the first file event of the change to the end of the rebuild and check.
    pub build: Duration,
    /// From the first file event of the change to the reload event written to the browsers.
    pub latency: Duration,
    /// Browsers connected that were sent the event.
    pub clients: usize,
    /// The diagnostics of the changed files (all severities), and errors of their locales.
    pub diagnostics: Vec<Diagnostic>,
    /// The same, as `check` prints them for people (empty when there are none).
    pub diagnostics_text: String,
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub changed: Vec<String>,
    /// The error and its causes, one line each.
    pub error: String,
}

/// The first build.
#[derive(Debug, Clone)]
pub struct Startup {
    /// Content pages per locale.
    pub pages: usize,
    /// Locales served, the source first.
    pub locales: Vec<String>,
    /// The temporary folder the site is built in (removed when the server stops).
    pub folder: PathBuf,
    pub elapsed: Duration,
    pub errors: usize,
    pub warnings: usize,
    /// The errors, as `check` prints them (warnings are counted only).
    pub diagnostics_text: String,
}

/// What the HTTP threads and the rebuild thread share.
pub(crate) struct Shared {
    root: RwLock<PathBuf>,
    published: RwLock<Vec<String>>,
    overlay: RwLock<Arc<Rendered>>,
    clients: http::Clients,
    stopping: AtomicBool,
    /// The in-context editor, when editing is on.
    editor: Option<Editor>,
}

/// What the HTTP thread needs of the editor: the run's token and the way to the rebuild thread.
pub(crate) struct Editor {
    token: String,
    jobs: Mutex<Sender<Message>>,
}

impl Editor {
    /// Sends a request to the rebuild thread; the answer arrives on the returned channel.
    fn submit(&self, request: EditRequest) -> tokio::sync::oneshot::Receiver<edit::Reply> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        // A stopped rebuild thread drops the job: the caller sees the channel closed.
        let _ = jobs.send(Message::Edit(EditJob { request, reply }));
        answer
    }
}

/// A token no other page can guess: 128 bits from the operating system's generator.
fn new_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServeError::Start {
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Shared {
    fn root(&self) -> PathBuf {
        read(&self.root).clone()
    }

    fn published(&self) -> Vec<String> {
        read(&self.published).clone()
    }

    fn overlay(&self) -> Arc<Rendered> {
        Arc::clone(&read(&self.overlay))
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

/// A running server. Dropping it stops it too.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    messages: Sender<Message>,
    http: http::HttpServer,
    rebuilder: Option<JoinHandle<()>>,
    startup: Startup,
    /// Removed when the server is dropped, after its threads ended.
    _folder: StagedOutput,
}

impl Server {
    /// Binds, builds the site, checks it, and starts serving and watching `project`.
    pub fn start(
        project: Project,
        options: &ServeOptions,
        reporter: Box<dyn Reporter>,
    ) -> Result<Server, ServeError> {
        let started = Instant::now();
        let addr = SocketAddr::new(options.bind, options.port);
        let listener = TcpListener::bind(addr).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortInUse { addr }
            } else {
                ServeError::Listen { addr, source }
            }
        })?;
        let addr = listener
            .local_addr()
            .map_err(|source| ServeError::Listen { addr, source })?;
        // Private (0700) in the shared temporary folder: the preview holds unpublished
        // translations, and other users of the machine must not read or plant files in it.
        let folder = StagedOutput::private("fluentpress-serve")
            .map_err(|source| ServeError::TempDir { source })?;
        let (live, _) = LiveSite::build(project, &options.locales, &folder.path().join("site-1"))
            .map_err(|e| ServeError::Build(Box::new(e)))?;
        let report =
            check_locales(&live, &live.published).map_err(|e| ServeError::Build(Box::new(e)))?;
        let mut overlay = Overlay::default();
        overlay.set_checked(&live.published, &report.diagnostics, &[]);
        let errors: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        let startup = Startup {
            pages: live.page_count(),
            locales: live.published.clone(),
            folder: folder.path().to_path_buf(),
            elapsed: started.elapsed(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            diagnostics_text: render_diagnostics(errors),
        };

        let (sender, receiver) = mpsc::channel();
        let editor = if options.editing() {
            Some(Editor {
                token: new_token()?,
                jobs: Mutex::new(sender.clone()),
            })
        } else {
            None
        };
        let shared = Arc::new(Shared {
            root: RwLock::new(live.root.clone()),
            published: RwLock::new(live.published.clone()),
            overlay: RwLock::new(Arc::new(overlay.render())),
            clients: http::Clients::default(),
            stopping: AtomicBool::new(false),
            editor,
        });
        let watch = Watch::new(&live.project, sender.clone())?;
        let hosts = Hosts {
            bind: options.bind,
            port: addr.port(),
        };
        let http = http::HttpServer::start(listener, Arc::clone(&shared), hosts)
            .map_err(|source| ServeError::Start { source })?;
        let session = Session {
            live,
            watch,
            overlay,
            shared: Arc::clone(&shared),
            folder: folder.path().to_path_buf(),
            generation: 1,
            locales: options.locales.clone(),
            sender: sender.clone(),
            reporter,
        };
        let rebuilder = std::thread::Builder::new()
            .name("fluentpress-rebuild".into())
            .spawn(move || session.run(&receiver))
            .map_err(|source| ServeError::Start { source })?;
        Ok(Server {
            addr,
            shared,
            messages: sender,
            http,
            rebuilder: Some(rebuilder),
            startup,
            _folder: folder,
        })
    }

    /// The address the server listens on (with the port chosen when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's URL: `http://127.0.0.1:8000/` (the loopback address when listening on all).
    pub fn url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        format!("http://{addr}/")
    }

    pub fn startup(&self) -> &Startup {
        &self.startup
    }

    /// Whether the in-context editor is on (see [`ServeOptions::editing`]).
    pub fn editing(&self) -> bool {
        self.shared.editor.is_some()
    }

    /// Stops watching and serving, closes the event streams and removes the site folder.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if self.shared.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        let _ = self.messages.send(Message::Stop);
        if let Some(rebuilder) = self.rebuilder.take() {
            let _ = rebuilder.join();
        }
        self.shared.clients.close_all();
        self.http.stop();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The rebuild thread's state.
struct Session {
    live: LiveSite,
    watch: Watch,
    overlay: Overlay,
    shared: Arc<Shared>,
    /// The temporary folder holding `site-N` folders.
    folder: PathBuf,
    generation: usize,
    locales: Vec<String>,
    /// For renewing the watch after a full rebuild.
    sender: Sender<Message>,
    reporter: Box<dyn Reporter>,
}

impl Session {
    fn run(mut self, messages: &Receiver<Message>) {
        let mut pending = std::collections::VecDeque::new();
        while let Some(next) = watch::next(messages, &mut pending) {
            match next {
                Next::Batch(Ok(batch)) => self.process(&batch),
                Next::Batch(Err(e)) => self.reporter.report(ServeEvent::Failed(Failure {
                    changed: Vec::new(),
                    error: format!("watching the project: {e}"),
                })),
                Next::Edit(job) => self.edit(job),
            }
        }
    }

    /// Answers an editor request. A save updates the site before it answers (the file's
    /// own event follows and finds nothing changed), so the open pages already have the new
    /// text when the panel hears back.
    fn edit(&mut self, job: EditJob) {
        let reply = match &job.request {
            EditRequest::Describe { locale, id } => edit::describe(&self.live, locale, id),
            EditRequest::Save(save) => edit::save(&self.live, save),
            EditRequest::Remove(remove) => edit::remove(&self.live, remove),
        };
        if let Some(path) = &reply.written {
            let system = path.canonicalize().unwrap_or_else(|_| path.clone());
            self.process(&Batch {
                first: Instant::now(),
                paths: vec![(system, true)],
            });
        }
        let _ = job.reply.send(reply);
    }

    fn process(&mut self, batch: &Batch) {
        let project = &self.live.project;
        let mut changes = Changes::default();
        let mut full = false;
        let mut config = false;
        let mut glossaries = BTreeSet::new();
        let mut changed = Vec::new();
        for (path, _) in &batch.paths {
            let Some(path) = self.watch.project_path(path) else {
                continue;
            };
            let Some(change) = watch::classify(project, &path) else {
                continue;
            };
            // A temporary file some tool wrote and renamed away (`sed -i` does) is no change.
            if change == Change::ContentFile && !path.exists() {
                continue;
            }
            changed.push(project.relative(&path).into_owned());
            match change {
                Change::Config => {
                    config = true;
                    full = true;
                }
                Change::Template => full = true,
                Change::Markdown(path) => changes.markdown.push(path),
                Change::ContentFile => changes.content_files = true,
                Change::Ftl { tag, path } => changes.ftl.push((tag, path)),
                Change::Glossary(tag) => {
                    glossaries.insert(tag);
                }
            }
        }
        if changed.is_empty() {
            return;
        }
        changed.sort();
        changed.dedup();

        let result = if full {
            self.rebuild_all(config).map(|w| Some((w, true)))
        } else {
            match self.live.apply(&changes) {
                Ok(Applied::Nothing) => Ok(None),
                Ok(Applied::Updated(written)) => Ok(Some((written, false))),
                Ok(Applied::NeedsFullRebuild) => self.rebuild_all(false).map(|w| Some((w, true))),
                Err(e) => Err(e),
            }
        };
        // Nothing to show, unless an error this change fixed must leave the overlay.
        let fixes_an_error = changed.iter().any(|f| self.overlay.has_error(f));
        let (written, full) = match result {
            Ok(Some(done)) => done,
            Ok(None) if glossaries.is_empty() && !fixes_an_error => return,
            Ok(None) => (Written::default(), false),
            Err(error) => {
                let message = crate::error_chain(&error);
                for file in &changed {
                    self.overlay.set_error(file, &message);
                }
                self.publish_overlay();
                self.shared
                    .clients
                    .broadcast("reload", "{\"all\":true,\"paths\":[]}");
                self.reporter.report(ServeEvent::Failed(Failure {
                    changed,
                    error: message,
                }));
                return;
            }
        };
        let before = self.overlay.clone();
        if full {
            self.overlay.clear_errors();
        } else if !changes.markdown.is_empty() {
            // Every page was loaded again: no page is broken any more.
            self.overlay
                .clear_errors_where(|file| file.ends_with(".md"));
        }
        for file in &changed {
            self.overlay.clear_error(file);
        }

        // Check the locales of the changed files (all of them after a full rebuild).
        let mut tags: Vec<String> = if full {
            self.live.published.clone()
        } else {
            let mut tags: Vec<String> = written.ftl.iter().map(|(t, _)| t.clone()).collect();
            tags.extend(glossaries);
            tags
        };
        tags.sort();
        tags.dedup();
        let mut files: Vec<String> = written
            .ftl
            .iter()
            .map(|(_, p)| self.live.project.relative(p).into_owned())
            .collect();
        files.extend(changed.iter().cloned());
        let mut shown = Vec::new();
        if !tags.is_empty() {
            self.overlay.clear_error("check");
            match check_locales(&self.live, &tags) {
                Ok(report) => {
                    self.overlay.set_checked(&tags, &report.diagnostics, &files);
                    shown = report
                        .diagnostics
                        .into_iter()
                        .filter(|d| files.contains(&d.file))
                        .collect();
                }
                Err(error) => {
                    self.overlay.set_error("check", &crate::error_chain(&error));
                }
            }
        }
        let overlay_changed = self.overlay != before;
        if overlay_changed {
            self.publish_overlay();
        }
        let build = batch.first.elapsed();

        let data = serde_json::json!({
            "all": full || written.everything || overlay_changed,
            "paths": written.pages,
        });
        let clients = self.shared.clients.broadcast("reload", &data.to_string());
        let latency = batch.first.elapsed();
        let pages = if full {
            self.live.page_count() * self.live.published.len()
        } else {
            written.pages.len()
        };
        let diagnostics_text = render_diagnostics(shown.clone());
        self.reporter.report(ServeEvent::Updated(Update {
            changed,
            full,
            pages,
            build,
            latency,
            clients,
            diagnostics: shown,
            diagnostics_text,
        }));
    }

    /// Rebuilds the whole site into a fresh folder and swaps it in; on failure the current
    /// site stays.
    fn rebuild_all(&mut self, reload_config: bool) -> Result<Written, crate::Error> {
        let project = if reload_config {
            config::load_project(&self.live.project.root)?
        } else {
            self.live.project.clone()
        };
        self.generation += 1;
        let dir = self.folder.join(format!("site-{}", self.generation));
        let (live, written) = match LiveSite::build(project, &self.locales, &dir) {
            Ok(built) => built,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        let old = std::mem::replace(&mut self.live, live);
        *write(&self.shared.root) = self.live.root.clone();
        *write(&self.shared.published) = self.live.published.clone();
        let _ = std::fs::remove_dir_all(&old.root);
        // The configuration may name other folders; a `templates/` folder may have appeared.
        match Watch::new(&self.live.project, self.sender.clone()) {
            Ok(watch) => self.watch = watch,
            Err(e) => self.reporter.report(ServeEvent::Failed(Failure {
                changed: Vec::new(),
                error: e.to_string(),
            })),
        }
        Ok(written)
    }

    fn publish_overlay(&self) {
        *write(&self.shared.overlay) = Arc::new(self.overlay.render());
    }
}

fn check_locales(live: &LiveSite, tags: &[String]) -> Result<CheckReport, crate::Error> {
    let options = CheckOptions {
        locales: tags.to_vec(),
        min_coverage: None,
    };
    Ok(check::check(&live.project, &live.catalog, &options, None)?)
}

/// Diagnostics as `check` prints them for people; empty for none.
fn render_diagnostics(diagnostics: Vec<Diagnostic>) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let report = CheckReport {
        diagnostics,
        ..CheckReport::default()
    };
    report::render(Format::Human, &report, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_is_on_for_loopback_binds_and_elsewhere_only_when_asked() {
        let mut options = ServeOptions::default();
        assert!(options.editing());
        options.bind = IpAddr::from([127, 0, 0, 2]);
        assert!(options.editing());
        options.bind = IpAddr::from(std::net::Ipv6Addr::LOCALHOST);
        assert!(options.editing());
        options.bind = IpAddr::from([0, 0, 0, 0]);
        assert!(!options.editing());
        options.bind = IpAddr::from([192, 168, 1, 20]);
        assert!(!options.editing());
        options.translate = true;
        assert!(options.editing());
    }

    #[test]
    fn tokens_are_128_random_bits_in_hex() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
