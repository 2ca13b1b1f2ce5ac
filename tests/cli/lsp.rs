//! `fluentpress lsp`: the binary driven over stdio by a test client speaking framed JSON-RPC,
//! with the messages built from `lsp-types`, on fixtures and on a copy of the sample project.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidOpenTextDocument, Exit, Initialized,
    Notification,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, Initialize,
    Request, Shutdown,
};
use lsp_types::{
    CodeActionContext, CodeActionParams, CompletionParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidOpenTextDocumentParams, DocumentSymbolParams, FileChangeType,
    FileEvent, GotoDefinitionParams, HoverParams, InitializeParams, InitializedParams, Position,
    Range, TextDocumentContentChangeEvent, TextDocumentIdentifier, TextDocumentItem,
    TextDocumentPositionParams, Uri, VersionedTextDocumentIdentifier, WorkspaceFolder,
};
use serde_json::{Value, json};

use crate::export_web::sample_project;
use crate::support::TestProject;

/// How long any answer may take on a loaded CI machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// A language client: the server's process, its input, and what it said, read on a thread.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
    next_id: i64,
}

fn uri(path: &Path) -> Uri {
    let text = path.to_str().unwrap().replace(' ', "%20");
    format!("file://{text}").parse().unwrap()
}

impl Client {
    /// Starts `fluentpress lsp` and completes the handshake with `root` as the workspace.
    fn start(root: &Path) -> Client {
        Client::start_with(root, json!({}))
    }

    /// [`Client::start`] with the client's `capabilities`.
    fn start_with(root: &Path, capabilities: Value) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("fluentpress"))
            .args(["lsp", "--stdio", "--guide-url", "https://guide.example/"])
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
                let mut length = None;
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
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 1,
        };
        #[allow(deprecated)]
        let params = InitializeParams {
            workspace_folders: Some(vec![WorkspaceFolder {
                uri: uri(root),
                name: "project".into(),
            }]),
            capabilities: serde_json::from_value(capabilities).unwrap(),
            ..InitializeParams::default()
        };
        let result = client.request::<Initialize>(params);
        assert_eq!(result["serverInfo"]["name"], "fluentpress");
        let capabilities = &result["capabilities"];
        for capability in [
            "hoverProvider",
            "definitionProvider",
            "completionProvider",
            "codeActionProvider",
            "documentSymbolProvider",
        ] {
            assert!(
                !capabilities[capability].is_null(),
                "{capability}: {result}"
            );
        }
        // Formatting is off: the server never rewrites a translator's file unasked.
        assert!(capabilities["documentFormattingProvider"].is_null());
        client.notify::<Initialized>(InitializedParams {});
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify<N: Notification>(&mut self, params: N::Params) {
        self.send(json!({"jsonrpc": "2.0", "method": N::METHOD, "params": params}));
    }

    /// Sends a request and returns its result, keeping the notifications that came first.
    fn request<R: Request>(&mut self, params: R::Params) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": R::METHOD, "params": params}));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self
                .incoming
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no answer to {}", R::METHOD));
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{message}");
                assert!(message.get("result").is_some(), "{message}");
                return message["result"].clone();
            }
            self.notifications.push(message);
        }
    }

    /// The next diagnostics published for `uri` that satisfy `accept`.
    fn diagnostics(&mut self, uri: &Uri, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + PATIENCE;
        let mut last = None;
        loop {
            let message = if self.notifications.is_empty() {
                match self
                    .incoming
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                {
                    Ok(message) => message,
                    Err(_) => panic!(
                        "no acceptable diagnostics for {}; last: {last:?}",
                        uri.as_str()
                    ),
                }
            } else {
                self.notifications.remove(0)
            };
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri.as_str()
            {
                let diagnostics = message["params"]["diagnostics"].as_array().unwrap().clone();
                if accept(&diagnostics) {
                    return diagnostics;
                }
                last = Some(diagnostics);
            }
        }
    }

    fn open(&mut self, path: &Path, text: &str) -> Uri {
        let uri = uri(path);
        self.notify::<DidOpenTextDocument>(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "fluent".into(), 1, text.into()),
        });
        uri
    }

    fn change(&mut self, uri: &Uri, version: i32, text: &str) {
        self.notify::<DidChangeTextDocument>(DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), version),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: text.into(),
            }],
        });
    }

    fn at(uri: &Uri, line: u32, character: u32) -> TextDocumentPositionParams {
        TextDocumentPositionParams::new(
            TextDocumentIdentifier::new(uri.clone()),
            Position::new(line, character),
        )
    }

    fn hover(&mut self, uri: &Uri, line: u32, character: u32) -> String {
        let result = self.request::<HoverRequest>(HoverParams {
            text_document_position_params: Client::at(uri, line, character),
            work_done_progress_params: Default::default(),
        });
        result["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn completion_labels(&mut self, uri: &Uri, line: u32, character: u32) -> Vec<Value> {
        let result = self.request::<Completion>(CompletionParams {
            text_document_position: Client::at(uri, line, character),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: None,
        });
        result.as_array().cloned().unwrap_or_default()
    }

    /// `shutdown` then `exit`: the process ends with status 0.
    fn stop(mut self) {
        let result = self.request::<Shutdown>(());
        assert!(result.is_null());
        self.notify::<Exit>(());
        drop(self.stdin.take());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(0));
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn has(diagnostics: &[Value], code: &str) -> bool {
    codes(diagnostics).iter().any(|c| c == code)
}

/// The UTF-16 length of `text`, as LSP positions count.
fn utf16(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

const CONFIG: &str = "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n";

const SOURCE: &str = "-brand = Acme\n# Greeting on the home page.\nhello = Hello { $name }, welcome to { -brand }\nitems = { $count ->\n    [one] One item\n   *[other] { $count } items\n}\nbye = Goodbye\n";

const FRENCH: &str = "-brand = Acme\nhello = Bonjour { $name }\nold-news = Vieux\n";

fn fixture() -> TestProject {
    let project = TestProject {
        dir: tempfile::tempdir().unwrap(),
    };
    project
        .write("fluentpress.yaml", CONFIG)
        .write("locales/en-US/ui.ftl", SOURCE)
        .write("locales/fr/ui.ftl", FRENCH);
    project
}

// A translator's buffer gets check's findings as they type (the unsaved text, not the file),
// with rule codes linked to the guide and ranges in UTF-16 after emoji and CJK text.
#[test]
fn diagnostics_follow_the_unsaved_buffer_with_utf16_ranges() {
    let project = fixture();
    let mut client = Client::start(project.dir.path());
    let fr = client.open(&project.path("locales/fr/ui.ftl"), FRENCH);
    let found = client.diagnostics(&fr, |d| has(d, "obsolete-message"));
    let obsolete = found
        .iter()
        .find(|d| d["code"] == "obsolete-message")
        .unwrap();
    assert_eq!(
        obsolete["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 8}})
    );
    assert_eq!(obsolete["severity"], 2);
    assert_eq!(
        obsolete["codeDescription"]["href"],
        "https://guide.example/checking.html#rule-obsolete-message"
    );
    let missing: Vec<&Value> = found
        .iter()
        .filter(|d| d["code"] == "missing-message")
        .collect();
    assert_eq!(missing.len(), 2, "{found:?}");

    // An unknown variable after an emoji and Chinese text: the range counts UTF-16 units.
    let line = "hello = 😀 中文 { $nom }";
    let text = FRENCH.replace("hello = Bonjour { $name }", line);
    client.change(&fr, 2, &text);
    let found = client.diagnostics(&fr, |d| has(d, "unknown-variable"));
    let unknown = found
        .iter()
        .find(|d| d["code"] == "unknown-variable")
        .unwrap();
    let start = utf16(&line[..line.find("$nom").unwrap()]);
    assert_eq!(start, 16);
    assert_eq!(
        unknown["range"]["start"],
        json!({"line": 1, "character": start})
    );
    assert_eq!(unknown["severity"], 1);
    assert!(
        unknown["message"].as_str().unwrap().contains("$nom"),
        "{unknown}"
    );
    // The file on disk was never written.
    assert_eq!(project.read("locales/fr/ui.ftl"), FRENCH);
    client.stop();
}

// Hover, go to definition, completion, code actions and symbols on a translation.
#[test]
fn hover_definition_completion_actions_and_symbols() {
    let project = fixture();
    let mut client = Client::start(project.dir.path());
    let french = FRENCH.replace("{ $name }", "{ $name } { -brand }");
    let text =
        format!("{french}count = {{ $count ->\n    [few] Quelques\n   *[other] Beaucoup\n}}\n");
    let fr = client.open(&project.path("locales/fr/ui.ftl"), &text);
    client.diagnostics(&fr, |d| !d.is_empty());

    // Hover on a message id: the source text and its comment.
    let hover = client.hover(&fr, 1, 2);
    assert!(
        hover.contains("Hello { $name }, welcome to { -brand }"),
        "{hover}"
    );
    assert!(hover.contains("Greeting on the home page"), "{hover}");
    // On a variable: where the source message uses it.
    let hover = client.hover(&fr, 1, 20);
    assert!(
        hover.contains("`$name` is used by the source message `hello`"),
        "{hover}"
    );
    // On a term reference: its definition in this locale.
    let hover = client.hover(&fr, 1, 30);
    assert!(
        hover.contains("**fr** (locales/fr/ui.ftl)") && hover.contains("-brand = Acme"),
        "{hover}"
    );
    // From a term reference to the term.
    let definition = client.request::<GotoDefinition>(GotoDefinitionParams {
        text_document_position_params: Client::at(&fr, 1, 30),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    assert_eq!(definition["uri"], fr.as_str());
    assert_eq!(
        definition["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 6}})
    );

    // Go to definition: from the translation to the source message.
    let definition = client.request::<GotoDefinition>(GotoDefinitionParams {
        text_document_position_params: Client::at(&fr, 1, 1),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    assert_eq!(
        definition["uri"],
        uri(&project.path("locales/en-US/ui.ftl")).as_str()
    );
    assert_eq!(
        definition["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}})
    );

    // Completion at the start of a new line: the ids this file lacks, with the source pattern
    // as a snippet (placeables kept, `$` escaped for the snippet syntax).
    let last = text.lines().count() as u32;
    let items = client.completion_labels(&fr, last, 0);
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["items", "bye"]);
    let snippet = items[0]["textEdit"]["newText"].as_str().unwrap();
    assert!(
        snippet.starts_with("items = { \\$count ->\n    [one] One item"),
        "{snippet}"
    );
    assert_eq!(items[0]["insertTextFormat"], 2);
    // After `{ $`: the source message's variables.
    let typed = format!("{text}hello2 = x\nhello = {{ $");
    client.change(&fr, 2, &typed);
    let items = client.completion_labels(&fr, last + 1, 11);
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["name"]);
    // Inside a variant key: the locale's plural categories.
    let items = client.completion_labels(&fr, 4, 5);
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(
        labels.contains(&"one") && labels.contains(&"other"),
        "{labels:?}"
    );
    client.change(&fr, 3, &text);

    // Code actions over the whole file.
    let actions = client.request::<CodeActionRequest>(CodeActionParams {
        text_document: TextDocumentIdentifier::new(fr.clone()),
        range: Range::new(Position::new(0, 0), Position::new(last, 0)),
        context: CodeActionContext::default(),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Add the 2 missing messages from en-US (source text")),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Add the 2 missing messages from en-US as comments")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Remove the obsolete message `old-news`"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Replace the plural key `[few]` with `[one]`")),
        "{titles:?}"
    );
    let remove = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Remove the obsolete message `old-news`")
        .unwrap();
    let edits = &remove["edit"]["changes"][fr.as_str()];
    assert_eq!(
        edits[0]["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 3, "character": 0}})
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("as comments"))
        .unwrap();
    let inserted = add["edit"]["changes"][fr.as_str()][0]["newText"]
        .as_str()
        .unwrap();
    assert!(inserted.contains("# bye = Goodbye\n"), "{inserted}");

    // Document symbols: messages and terms, in order.
    let symbols = client.request::<DocumentSymbolRequest>(DocumentSymbolParams {
        text_document: TextDocumentIdentifier::new(fr.clone()),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["-brand", "hello", "old-news", "count"]);
    client.stop();
}

// In the source locale, a renamed variable shows what it breaks in each translation, as
// information on the message; a configuration error shows at its line and column.
#[test]
fn source_changes_show_their_consequences_and_config_errors_their_place() {
    let project = fixture();
    let mut client = Client::start(project.dir.path());
    let source = client.open(&project.path("locales/en-US/ui.ftl"), SOURCE);
    // Already: the French `hello` drops the source's `{ -brand }`.
    let found = client.diagnostics(&source, |_| true);
    assert_eq!(codes(&found), ["dropped-reference"]);
    client.change(&source, 2, &SOURCE.replace("{ $name }", "{ $user }"));
    let found = client.diagnostics(&source, |d| has(d, "unknown-variable"));
    let info = found
        .iter()
        .find(|d| d["code"] == "unknown-variable")
        .unwrap();
    assert_eq!(info["severity"], 3);
    assert_eq!(
        info["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}})
    );
    assert!(
        info["message"]
            .as_str()
            .unwrap()
            .starts_with("in fr (locales/fr/ui.ftl): "),
        "{info}"
    );
    // Editing another message keeps what the rename breaks (only changed messages are
    // compared again); undoing the rename clears it.
    let renamed = SOURCE.replace("{ $name }", "{ $user }");
    client.change(&source, 3, &renamed.replace("Goodbye", "Bye"));
    let found = client.diagnostics(&source, |_| true);
    assert!(has(&found, "unknown-variable"), "{found:?}");
    client.change(&source, 4, &SOURCE.replace("Goodbye", "Bye"));
    let found = client.diagnostics(&source, |_| true);
    assert_eq!(codes(&found), ["dropped-reference"]);

    let broken = CONFIG.replace("  - tag: fr", "  - tag: fr\n    complete: maybe");
    let config = client.open(&project.path("fluentpress.yaml"), &broken);
    let found = client.diagnostics(&config, |d| !d.is_empty());
    assert_eq!(found[0]["severity"], 1);
    // Line 9 (0-based 8), `maybe` underlined.
    assert_eq!(
        found[0]["range"],
        json!({"start": {"line": 8, "character": 14}, "end": {"line": 8, "character": 19}})
    );
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("locales[0].complete")
    );
    client.stop();
}

// An editor that can watch files is asked to report the project's changes too, and its
// reports are heard.
#[test]
fn the_editor_is_asked_to_watch_files_and_heard() {
    let project = fixture();
    let mut client = Client::start_with(
        project.dir.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // The request comes right after the handshake.
    let registration = client
        .notifications
        .drain(..)
        .chain(std::iter::from_fn(|| {
            client.incoming.recv_timeout(PATIENCE).ok()
        }))
        .find(|m| m["method"] == "client/registerCapability")
        .expect("a registration request");
    let fr = client.open(&project.path("locales/fr/ui.ftl"), FRENCH);
    client.diagnostics(&fr, |_| true);
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registered["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.ftl"
    );
    client.notify::<DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
        changes: vec![FileEvent::new(
            uri(&project.path("locales/en-US/ui.ftl")),
            FileChangeType::CHANGED,
        )],
    });
    // The file did not change: what the editor reported is read and the buffer checked again.
    let found = client.diagnostics(&fr, |_| true);
    assert!(has(&found, "obsolete-message"), "{found:?}");
    client.stop();
}

// Changes made outside the editor (another tool writes the source) reach the open buffers.
#[test]
fn changes_on_disk_are_seen() {
    let project = fixture();
    let mut client = Client::start(project.dir.path());
    let fr = client.open(&project.path("locales/fr/ui.ftl"), FRENCH);
    client.diagnostics(&fr, |d| has(d, "missing-message"));
    project.write(
        "locales/en-US/ui.ftl",
        format!("{SOURCE}added-later = New\n"),
    );
    let found = client.diagnostics(&fr, |d| {
        d.iter().any(|d| {
            d["message"]
                .as_str()
                .unwrap_or_default()
                .contains("added-later")
        })
    });
    assert!(has(&found, "missing-message"));
    client.stop();
}

// The server's own reading of the project (the configuration, each locale) is no change: after
// the first diagnostics nothing is published again until something changes.
#[test]
fn reading_the_project_does_not_look_like_a_change() {
    let project = fixture();
    let mut client = Client::start(project.dir.path());
    let fr = client.open(&project.path("locales/fr/ui.ftl"), FRENCH);
    client.diagnostics(&fr, |_| true);
    let quiet = client.incoming.recv_timeout(Duration::from_millis(700));
    assert!(
        quiet.is_err(),
        "published again with nothing changed: {quiet:?}"
    );
    client.stop();
}

// On the sample project: the French UI strings open clean of errors, and hover shows the
// source and the other locales.
#[test]
fn the_sample_project_in_the_editor() {
    let project = sample_project();
    let mut client = Client::start(project.dir.path());
    let path = project.path("locales/fr/ui.ftl");
    let text = project.read("locales/fr/ui.ftl");
    let fr = client.open(&path, &text);
    let found = client.diagnostics(&fr, |_| true);
    assert!(found.iter().all(|d| d["severity"] != 1), "{found:?}");
    let line = text
        .lines()
        .position(|l| l.starts_with("search-results"))
        .unwrap() as u32;
    let hover = client.hover(&fr, line, 3);
    assert!(hover.contains("results for"), "{hover}");
    assert!(
        hover.contains("**de**") && hover.contains("**zh-CN**"),
        "{hover}"
    );
    client.stop();
}

// An editor that says `exit` without `shutdown` gets the protocol's exit code 1.
#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let project = fixture();
    let mut client = Client::start(project.dir.path());
    client.notify::<Exit>(());
    drop(client.stdin.take());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = client.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}

// A third-party client, vscode-jsonrpc (VS Code's own JSON-RPC layer) under Node, completes the
// handshake, gets the diagnostics of an opened translation and a hover, and shuts the server
// down cleanly.
#[test]
#[ignore = "needs node and tests/js/node_modules; run by .ci/run"]
fn a_third_party_client_gets_diagnostics_and_hover() {
    let project = fixture();
    let text = FRENCH.replace("{ $name }", "{ $nom }");
    project.write("locales/fr/ui.ftl", &text);
    let output = Command::new("node")
        .arg("lsp-client.mjs")
        .arg(assert_cmd::cargo::cargo_bin("fluentpress"))
        .arg(project.dir.path())
        .arg(project.path("locales/fr/ui.ftl"))
        .current_dir(crate::browser::js_dir())
        .output()
        .expect("node");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(seen["server"]["name"], "fluentpress");
    assert_eq!(seen["code"], 0);
    let diagnostics = seen["diagnostics"].as_array().unwrap();
    assert!(has(diagnostics, "unknown-variable"), "{seen}");
    assert!(
        seen["hover"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Hello { $name }"),
        "{seen}"
    );
}
