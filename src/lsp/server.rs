//! The server loop and its state: the open documents, the project (configuration and catalog,
//! with the open buffers in place of their files), and the watcher that sees changes made
//! outside the editor. One thread does all the work; diagnostics are published a quiet moment
//! (the debounce) after the last change, so typing never waits for a check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, DocumentSymbolResponse,
    GotoDefinitionResponse, HoverProviderCapability, InitializeParams, OneOf,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

use super::convert::{Lines, uri_to_path};
use super::diagnostics::{self, log};
use super::features::{self, View};
use super::{DEFAULT_GUIDE_URL, LspError};
use crate::catalog::{self, Catalog, CatalogFile};
use crate::config::{self, CONFIG_FILE, Project};
use crate::fsutil;

/// How the server runs (the command line's part).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LspOptions {
    /// Where the guide is published: diagnostics link to `<guide_url>checking.html#rule-<code>`.
    pub guide_url: String,
    /// The project folder when the editor names no workspace (`--project`).
    pub project: Option<PathBuf>,
    /// How long the buffers must stay unchanged before diagnostics are computed.
    pub debounce: Duration,
}

impl Default for LspOptions {
    fn default() -> LspOptions {
        LspOptions {
            guide_url: DEFAULT_GUIDE_URL.to_string(),
            project: None,
            debounce: Duration::from_millis(50),
        }
    }
}

/// Speaks LSP over standard input and output until the editor says `shutdown` then `exit`.
pub fn run_stdio(options: LspOptions) -> Result<(), LspError> {
    let (connection, io_threads) = Connection::stdio();
    let result = serve(&connection, options);
    // The writer thread ends when the connection's sender is dropped; the reader when the
    // editor closes our standard input.
    drop(connection);
    io_threads.join()?;
    result
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["$".into(), "-".into(), "[".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        // Formatting stays off: the server never rewrites a translator's file unasked (and
        // fluent-syntax's serializer is not byte-faithful).
        ..ServerCapabilities::default()
    }
}

fn serve(connection: &Connection, options: LspOptions) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| LspError::Protocol(e.to_string()))?;
    let result = lsp_types::InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "fluentpress".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(
        id,
        serde_json::to_value(result).map_err(|e| LspError::Protocol(e.to_string()))?,
    )?;
    let mut server = Server::new(connection, options, workspace_root(&params));
    server.register_watchers(&params);
    if let Some(start) = server.workspace.clone() {
        server.open_project(&start);
    }
    server.run()
}

/// The folder the editor opened: the first workspace folder, else the (deprecated) root URI.
#[allow(deprecated)] // `root_uri`: older clients send only it.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|f| uri_to_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(uri_to_path))
}

/// One open buffer.
struct Document {
    uri: Uri,
    path: Option<PathBuf>,
    text: String,
    version: i32,
    /// In a source buffer, what it breaks in the translations, kept between edits.
    followed: diagnostics::Followed,
}

/// What an open buffer is to the project.
enum Kind {
    /// A `.ftl` file of a configured locale: its tag and path below the locale's folder.
    Ftl {
        tag: String,
        relative: String,
    },
    Config,
    Other,
}

/// The project the server works on.
struct Loaded {
    root: PathBuf,
    /// The last configuration that loaded (the file may be broken now: see the diagnostics of
    /// `fluentpress.yaml`); `None` until one does.
    project: Option<Project>,
    /// Every locale, with the open buffers in place of their files.
    catalog: Catalog,
    /// Kept alive: dropping it stops watching.
    _watcher: Option<notify::RecommendedWatcher>,
}

struct Server<'c> {
    connection: &'c Connection,
    options: LspOptions,
    workspace: Option<PathBuf>,
    loaded: Option<Loaded>,
    /// Open buffers by URI.
    documents: BTreeMap<String, Document>,
    /// Buffers changed since their text was last put in the catalog.
    changed: Vec<String>,
    /// When to recompute the diagnostics of every open buffer.
    deadline: Option<Instant>,
    shutdown_asked: bool,
    watch_sender: Sender<notify::Result<notify::Event>>,
    watch_receiver: Receiver<notify::Result<notify::Event>>,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, options: LspOptions, workspace: Option<PathBuf>) -> Self {
        let (watch_sender, watch_receiver) = crossbeam_channel::unbounded();
        let workspace = workspace.or_else(|| options.project.clone());
        Server {
            connection,
            options,
            workspace,
            loaded: None,
            documents: BTreeMap::new(),
            changed: Vec::new(),
            deadline: None,
            shutdown_asked: false,
            watch_sender,
            watch_receiver,
        }
    }

    fn run(&mut self) -> Result<(), LspError> {
        loop {
            let timeout = match self.deadline {
                Some(deadline) => crossbeam_channel::at(deadline),
                None => crossbeam_channel::never(),
            };
            select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else {
                        // The editor went away without `exit`.
                        return Err(LspError::ExitWithoutShutdown);
                    };
                    match message {
                        Message::Request(request) => self.on_request(request),
                        Message::Notification(notification) => {
                            if notification.method == "exit" {
                                return if self.shutdown_asked {
                                    Ok(())
                                } else {
                                    Err(LspError::ExitWithoutShutdown)
                                };
                            }
                            self.on_notification(notification);
                        }
                        Message::Response(_) => {}
                    }
                }
                recv(self.watch_receiver) -> event => {
                    if let Ok(event) = event {
                        self.on_watch_event(event);
                    }
                }
                recv(timeout) -> _ => {
                    self.deadline = None;
                    self.publish_all();
                }
            }
        }
    }

    /// Asks an editor that can watch files for us to report the project's changes too
    /// (`workspace/didChangeWatchedFiles`): our own watcher may be unable to watch (a network
    /// file system, a full inotify table). A change reported twice is read twice, harmlessly.
    fn register_watchers(&self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers: Vec<serde_json::Value> = [
            "**/*.ftl",
            "**/fluentpress.yaml",
            "**/glossary.yaml",
            "**/*.tsv",
        ]
        .iter()
        .map(|glob| serde_json::json!({ "globPattern": glob }))
        .collect();
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "fluentpress-watched-files".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(serde_json::json!({ "watchers": watchers })),
            }],
        };
        // The editor's answer (a Response) is not waited for: the loop ignores responses.
        self.send(Message::Request(Request::new(
            lsp_server::RequestId::from("fluentpress-register-watchers".to_string()),
            lsp_types::request::RegisterCapability::METHOD.into(),
            params,
        )));
    }

    fn send(&self, message: Message) {
        // The writer thread is gone only when the editor is: nothing left to tell.
        let _ = self.connection.sender.send(message);
    }

    /// Publishes the diagnostics after `delay`; a change before then pushes the publication
    /// back, so diagnostics wait for a quiet moment.
    fn schedule(&mut self, delay: Duration) {
        self.deadline = Some(Instant::now() + delay);
    }

    /// Something other than a source buffer changed: what source buffers break in the
    /// translations is compared in full again.
    fn forget_followed(&mut self) {
        for doc in self.documents.values_mut() {
            doc.followed.valid = false;
        }
    }

    // --- the project ---------------------------------------------------------------------

    /// Finds the project from `start` (the workspace or an opened file's folder) upward and
    /// loads it, unless one is loaded already.
    fn open_project(&mut self, start: &Path) {
        if self.loaded.is_some() {
            return;
        }
        let Ok(root) = config::find_project_root(start) else {
            return;
        };
        let watcher = self.watch(&root);
        self.loaded = Some(Loaded {
            root,
            project: None,
            catalog: Catalog::default(),
            _watcher: watcher,
        });
        self.reload_config();
    }

    fn watch(&self, root: &Path) -> Option<notify::RecommendedWatcher> {
        use notify::Watcher as _;
        let sender = self.watch_sender.clone();
        let mut watcher = match notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        }) {
            Ok(watcher) => watcher,
            Err(e) => {
                log(&format!("cannot watch the project for changes: {e}"));
                return None;
            }
        };
        if let Err(e) = watcher.watch(root, notify::RecursiveMode::Recursive) {
            log(&format!("cannot watch {}: {e}", root.display()));
            return None;
        }
        Some(watcher)
    }

    /// Reads `fluentpress.yaml` from disk again; when it loads, the catalog is read again with
    /// the open buffers in place. A broken file keeps the last good configuration (its error
    /// is the config buffer's diagnostic).
    fn reload_config(&mut self) {
        let Some(loaded) = &mut self.loaded else {
            return;
        };
        match config::load_project(&loaded.root) {
            Ok(project) => {
                match catalog::load_catalog(&project) {
                    Ok(catalog) => loaded.catalog = catalog,
                    Err(e) => log(&crate::error_chain(&e)),
                }
                log(&format!(
                    "project {} ({} locales, {} messages in the source)",
                    loaded.root.display(),
                    project.locales.len(),
                    loaded
                        .catalog
                        .locale(&project.source_locale().tag)
                        .map_or(0, |l| l.message_count())
                ));
                loaded.project = Some(project);
                self.changed = self.documents.keys().cloned().collect();
                self.forget_followed();
            }
            Err(e) => log(&format!(
                "the configuration does not load: {}",
                crate::error_chain(&e)
            )),
        }
        self.schedule(Duration::ZERO);
    }

    fn kind(&self, path: Option<&Path>) -> Kind {
        let (Some(path), Some(loaded)) = (path, &self.loaded) else {
            return Kind::Other;
        };
        if path == loaded.root.join(CONFIG_FILE) {
            return Kind::Config;
        }
        let Some(project) = &loaded.project else {
            return Kind::Other;
        };
        if path.extension().is_none_or(|e| e != "ftl") {
            return Kind::Other;
        }
        let Ok(below) = path.strip_prefix(&project.locales_dir) else {
            return Kind::Other;
        };
        let mut parts = below.components();
        let Some(tag) = parts.next().and_then(|c| c.as_os_str().to_str()) else {
            return Kind::Other;
        };
        if project.locale(tag).is_none() {
            return Kind::Other;
        }
        let relative = fsutil::display_relative(&project.locale_dir(tag), path).into_owned();
        Kind::Ftl {
            tag: tag.to_string(),
            relative,
        }
    }

    /// Puts the changed buffers' text in the catalog.
    fn apply_changes(&mut self) {
        for uri in std::mem::take(&mut self.changed) {
            let Some(doc) = self.documents.get(&uri) else {
                continue;
            };
            if let Kind::Ftl { tag, relative } = self.kind(doc.path.as_deref()) {
                let is_source = self
                    .loaded
                    .as_ref()
                    .and_then(|l| l.project.as_ref())
                    .is_some_and(|p| p.source_locale().tag == tag);
                let doc = &self.documents[&uri];
                let file = catalog::parse_file(
                    doc.path.clone().unwrap_or_default(),
                    relative,
                    doc.text.clone(),
                );
                if let Some(loaded) = &mut self.loaded {
                    put_file(loaded, &tag, file);
                }
                if !is_source {
                    self.forget_followed();
                }
            }
        }
    }

    /// Reads one file of a locale from disk again into the catalog (removed when gone).
    fn reread(&mut self, path: &Path) {
        let Kind::Ftl { tag, relative } = self.kind(Some(path)) else {
            return;
        };
        let Some(loaded) = &mut self.loaded else {
            return;
        };
        match fsutil::read_utf8(path) {
            Ok(text) => put_file(
                loaded,
                &tag,
                catalog::parse_file(path.to_path_buf(), relative, text),
            ),
            Err(_) => {
                if let Some(locale) = loaded.catalog.locale_mut(&tag) {
                    locale.remove_file(&relative);
                }
            }
        }
    }

    fn on_watch_event(&mut self, event: notify::Result<notify::Event>) {
        // Only changes count: reading a file is an event too (inotify's open and close), and
        // the server reads the project's files itself as it checks.
        let changes = |event: notify::Event| {
            let metadata = matches!(
                event.kind,
                notify::EventKind::Modify(notify::event::ModifyKind::Metadata(_))
            );
            let change = event.kind.is_create()
                || (event.kind.is_modify() && !metadata)
                || event.kind.is_remove();
            change.then_some(event.paths).into_iter().flatten()
        };
        let mut paths = Vec::new();
        match event {
            Ok(event) => paths.extend(changes(event)),
            Err(e) => log(&format!("watching the project: {e}")),
        }
        // Take every event already waiting: a checkout changes many files at once.
        while let Ok(event) = self.watch_receiver.try_recv() {
            if let Ok(event) = event {
                paths.extend(changes(event));
            }
        }
        if paths.is_empty() {
            return;
        }
        self.files_changed(paths);
    }

    /// Files changed on disk: the configuration reloads, locale files are read again unless
    /// the editor has them open (its buffer wins), and every open buffer is checked again
    /// (a glossary or snapshot change concerns them all).
    fn files_changed(&mut self, mut paths: Vec<PathBuf>) {
        paths.sort();
        paths.dedup();
        let Some(loaded) = &self.loaded else {
            return;
        };
        let root = loaded.root.clone();
        let output = loaded.project.as_ref().map(|p| p.output_dir.clone());
        let mut relevant = false;
        let mut config_changed = false;
        for path in paths {
            if !path.starts_with(&root) || output.as_ref().is_some_and(|o| path.starts_with(o)) {
                continue;
            }
            if path == root.join(CONFIG_FILE) {
                config_changed = true;
                continue;
            }
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            if !matches!(ext, "ftl" | "yaml" | "tsv") {
                continue;
            }
            relevant = true;
            let open = self
                .documents
                .values()
                .any(|d| d.path.as_deref() == Some(path.as_path()));
            if ext == "ftl" && !open {
                self.reread(&path);
            }
        }
        if config_changed || relevant {
            self.forget_followed();
        }
        if config_changed {
            self.reload_config();
        } else if relevant {
            self.schedule(self.options.debounce);
        }
    }

    // --- diagnostics ---------------------------------------------------------------------

    /// Recomputes and publishes the diagnostics of every open buffer.
    fn publish_all(&mut self) {
        self.apply_changes();
        let uris: Vec<String> = self.documents.keys().cloned().collect();
        for uri in uris {
            let started = Instant::now();
            let Some(diagnostics) = self.diagnostics_of(&uri) else {
                continue;
            };
            let doc = &self.documents[&uri];
            let count = diagnostics.len();
            let params = PublishDiagnosticsParams {
                uri: doc.uri.clone(),
                diagnostics,
                version: Some(doc.version),
            };
            self.send(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_string(),
                params,
            )));
            if std::env::var_os("FLUENTPRESS_LSP_TRACE").is_some() {
                log(&format!(
                    "{count} diagnostics for {} in {:.1} ms",
                    uri,
                    started.elapsed().as_secs_f64() * 1000.0
                ));
            }
        }
    }

    fn diagnostics_of(&mut self, uri: &str) -> Option<Vec<lsp_types::Diagnostic>> {
        let kind = self.kind(self.documents.get(uri)?.path.as_deref());
        let doc = self.documents.get_mut(uri)?;
        match kind {
            Kind::Config => Some(diagnostics::for_config(
                &self.loaded.as_ref()?.root,
                &doc.text,
            )),
            Kind::Ftl { tag, relative } => {
                let loaded = self.loaded.as_ref()?;
                let project = loaded.project.as_ref()?;
                let file = loaded.catalog.locale(&tag)?.file(&relative)?;
                match diagnostics::for_ftl(
                    project,
                    &loaded.catalog,
                    &tag,
                    file,
                    &self.options.guide_url,
                    &mut doc.followed,
                ) {
                    Ok(found) => Some(found),
                    Err(e) => {
                        log(&crate::error_chain(&e));
                        None
                    }
                }
            }
            Kind::Other => None,
        }
    }

    // --- notifications -------------------------------------------------------------------

    fn on_notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let item = params.text_document;
                let path = uri_to_path(&item.uri);
                if let Some(folder) = path.as_deref().and_then(Path::parent) {
                    self.open_project(folder);
                }
                let key = item.uri.as_str().to_string();
                self.documents.insert(
                    key.clone(),
                    Document {
                        uri: item.uri,
                        path,
                        text: item.text,
                        version: item.version,
                        followed: Default::default(),
                    },
                );
                self.changed.push(key);
                self.schedule(Duration::ZERO);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) else {
                    return;
                };
                let key = params.text_document.uri.as_str().to_string();
                let Some(doc) = self.documents.get_mut(&key) else {
                    return;
                };
                doc.version = params.text_document.version;
                for change in params.content_changes {
                    match change.range {
                        Some(range) => {
                            let lines = Lines::new(&doc.text);
                            let (start, end) = (lines.offset(range.start), lines.offset(range.end));
                            let (start, end) = (start.min(end), end.max(start));
                            doc.text.replace_range(start..end, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                if !self.changed.contains(&key) {
                    self.changed.push(key);
                }
                self.schedule(self.options.debounce);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let key = params.text_document.uri.as_str().to_string();
                if let Some(doc) = self.documents.remove(&key) {
                    // The file on disk counts again.
                    if let Some(path) = &doc.path {
                        self.reread(path);
                    }
                    self.forget_followed();
                    self.send(Message::Notification(Notification::new(
                        PublishDiagnostics::METHOD.to_string(),
                        PublishDiagnosticsParams {
                            uri: doc.uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    )));
                    self.schedule(self.options.debounce);
                }
            }
            DidSaveTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                // The watcher sees the save too; the configuration is reloaded here as well for
                // systems where watching fails.
                if let Some(path) = uri_to_path(&params.text_document.uri)
                    && matches!(self.kind(Some(&path)), Kind::Config)
                {
                    self.reload_config();
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    DidChangeWatchedFiles::METHOD,
                ) else {
                    return;
                };
                let paths = params
                    .changes
                    .iter()
                    .filter_map(|c| uri_to_path(&c.uri))
                    .collect();
                self.files_changed(paths);
            }
            _ => {}
        }
    }

    // --- requests ------------------------------------------------------------------------

    fn on_request(&mut self, request: Request) {
        if request.method == "shutdown" {
            self.shutdown_asked = true;
            self.send(Message::Response(Response::new_ok(request.id, ())));
            return;
        }
        if self.shutdown_asked {
            self.send(Message::Response(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            )));
            return;
        }
        // Requests read the buffers as they are now, not as they were at the last publication.
        self.apply_changes();
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => {
                self.with_params::<lsp_types::HoverParams, _>(request, |s, p| {
                    let position = p.text_document_position_params;
                    s.with_view(&position.text_document.uri, |view| {
                        let offset = Lines::new(&view.file.text).offset(position.position);
                        serde_json::to_value(features::hover(view, offset))
                    })
                })
            }
            GotoDefinition::METHOD => {
                self.with_params::<lsp_types::GotoDefinitionParams, _>(request, |s, p| {
                    let position = p.text_document_position_params;
                    s.with_view(&position.text_document.uri, |view| {
                        let offset = Lines::new(&view.file.text).offset(position.position);
                        serde_json::to_value(
                            features::definition(view, offset).map(GotoDefinitionResponse::Scalar),
                        )
                    })
                })
            }
            Completion::METHOD => {
                self.with_params::<lsp_types::CompletionParams, _>(request, |s, p| {
                    let position = p.text_document_position;
                    s.with_view(&position.text_document.uri, |view| {
                        let offset = Lines::new(&view.file.text).offset(position.position);
                        serde_json::to_value(features::completion(view, offset))
                    })
                })
            }
            CodeActionRequest::METHOD => {
                self.with_params::<lsp_types::CodeActionParams, _>(request, |s, p| {
                    s.with_view(&p.text_document.uri, |view| {
                        serde_json::to_value(features::code_actions(view, p.range))
                    })
                })
            }
            DocumentSymbolRequest::METHOD => self
                .with_params::<lsp_types::DocumentSymbolParams, _>(request, |s, p| {
                    s.with_view(&p.text_document.uri, |view| {
                        serde_json::to_value(DocumentSymbolResponse::Nested(features::symbols(
                            view.file,
                        )))
                    })
                }),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown request {}", request.method),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    fn with_params<P: serde::de::DeserializeOwned, F>(
        &self,
        request: Request,
        answer: F,
    ) -> Result<serde_json::Value, (ErrorCode, String)>
    where
        F: FnOnce(&Self, P) -> serde_json::Value,
    {
        let params: P = serde_json::from_value(request.params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        Ok(answer(self, params))
    }

    /// Runs `answer` on the open `.ftl` buffer at `uri`; `null` when it is not one.
    fn with_view(
        &self,
        uri: &Uri,
        answer: impl FnOnce(&View<'_>) -> serde_json::Result<serde_json::Value>,
    ) -> serde_json::Value {
        let found = (|| {
            let doc = self.documents.get(uri.as_str())?;
            let Kind::Ftl { tag, relative } = self.kind(doc.path.as_deref()) else {
                return None;
            };
            let loaded = self.loaded.as_ref()?;
            let project = loaded.project.as_ref()?;
            let file = loaded.catalog.locale(&tag)?.file(&relative)?;
            let view = View {
                project,
                catalog: &loaded.catalog,
                tag: &tag,
                file,
                uri: &doc.uri,
            };
            answer(&view).ok()
        })();
        found.unwrap_or(serde_json::Value::Null)
    }
}

/// Puts `file` into locale `tag` of the catalog (the locale added when the catalog lacks it).
fn put_file(loaded: &mut Loaded, tag: &str, file: CatalogFile) {
    let catalog = &mut loaded.catalog;
    if catalog.locale(tag).is_none() {
        catalog.locales.push(catalog::LocaleCatalog {
            tag: tag.to_string(),
            dir: loaded
                .project
                .as_ref()
                .map(|p| p.locale_dir(tag))
                .unwrap_or_default(),
            files: Vec::new(),
        });
    }
    if let Some(locale) = catalog.locale_mut(tag) {
        locale.replace_file(file);
    }
}
