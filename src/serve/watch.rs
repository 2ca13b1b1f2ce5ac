//! Watching the project: `notify` events turned into batches of changed files, each file
//! classified by what it means for the site.
//!
//! Editors save in several steps (truncate and write; or write a temporary file and rename it
//! over the original), so events are gathered into a batch: it closes a few milliseconds after
//! every file in it looks complete (closed after writing, renamed into place, removed), or after
//! a longer quiet time when some file may still be in the middle of a write.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use super::ServeError;
use super::edit::{Remove, Reply, Save};
use crate::config::Project;
use crate::export::web::templates::templates_dir;

/// How long to wait for more events once every file of the batch looks complete.
const GRACE: Duration = Duration::from_millis(3);
/// How long to wait for more events while a file may still be being written.
const QUIET: Duration = Duration::from_millis(60);
/// A batch never waits longer than this after its first event.
const LONGEST: Duration = Duration::from_millis(600);

/// What the rebuild thread receives.
pub(super) enum Message {
    /// A file-system event, with the time it arrived.
    Fs(notify::Result<notify::Event>, Instant),
    /// A request of the in-context editor, answered on its channel.
    Edit(EditJob),
    Stop,
}

/// An editor request and where its answer goes.
pub(super) struct EditJob {
    pub request: EditRequest,
    pub reply: tokio::sync::oneshot::Sender<Reply>,
}

pub(super) enum EditRequest {
    Describe { locale: String, id: String },
    Save(Save),
    Remove(Remove),
}

/// What the rebuild thread does next.
pub(super) enum Next {
    Batch(Result<Batch, notify::Error>),
    Edit(EditJob),
}

/// What one changed file means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    Config,
    Template,
    Markdown(PathBuf),
    /// Another file under `content/` (an image).
    ContentFile,
    Ftl {
        tag: String,
        path: PathBuf,
    },
    /// A locale folder's `glossary.yaml`: changes what `check` says, not the pages.
    Glossary(String),
}

/// Classifies `path` (as the project spells its paths: below `project.root`).
pub(super) fn classify(project: &Project, path: &Path) -> Option<Change> {
    let name = path.file_name()?.to_string_lossy();
    // Editors' temporary, backup and lock files; our own atomic writes.
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return None;
    }
    if path == project.config_path {
        return Some(Change::Config);
    }
    if path.starts_with(templates_dir(project)) {
        return Some(Change::Template);
    }
    if let Ok(rest) = path.strip_prefix(&project.content_dir) {
        if rest.as_os_str().is_empty() {
            return None;
        }
        return Some(if path.extension().is_some_and(|e| e == "md") {
            Change::Markdown(path.to_path_buf())
        } else {
            Change::ContentFile
        });
    }
    // The locale whose folder holds the file: `locales/<tag>`, or the folder its `folder:`
    // names (`locales/ja-JP-mac`, or a source outside the project); the deepest one wins.
    let (locale, rest) = project
        .locales
        .iter()
        .filter_map(|l| Some((l, path.strip_prefix(&l.dir).ok()?)))
        .max_by_key(|(l, _)| l.dir.components().count())?;
    if rest.components().count() == 1 && name == crate::glossary::GLOSSARY_FILE {
        return Some(Change::Glossary(locale.tag.clone()));
    }
    path.extension()
        .is_some_and(|e| e == "ftl")
        .then(|| Change::Ftl {
            tag: locale.tag.clone(),
            path: path.to_path_buf(),
        })
}

/// The watcher and how to map the paths it reports back to the project's.
pub(super) struct Watch {
    _watcher: RecommendedWatcher,
    /// (watched folder as the system spells it, the same folder as the project spells it).
    roots: Vec<(PathBuf, PathBuf)>,
}

impl Watch {
    /// Watches the project folder itself (the configuration, a `templates/` folder appearing)
    /// and, recursively, `content/`, `locales/`, `templates/` and any locale folder that lies
    /// outside `locales/` (`folder:`).
    pub fn new(project: &Project, events: Sender<Message>) -> Result<Watch, ServeError> {
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = events.send(Message::Fs(event, Instant::now()));
        })
        .map_err(|source| ServeError::Watch {
            path: project.root.clone(),
            source,
        })?;
        let root = if project.root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            project.root.clone()
        };
        let mut folders = vec![
            (root, project.root.clone(), RecursiveMode::NonRecursive),
            (
                project.content_dir.clone(),
                project.content_dir.clone(),
                RecursiveMode::Recursive,
            ),
            (
                project.locales_dir.clone(),
                project.locales_dir.clone(),
                RecursiveMode::Recursive,
            ),
            (
                templates_dir(project),
                templates_dir(project),
                RecursiveMode::Recursive,
            ),
        ];
        // A locale folder elsewhere (`folder: ../source/en-US`) is watched on its own.
        for locale in &project.locales {
            if !locale.dir.starts_with(&project.locales_dir) {
                folders.push((
                    locale.dir.clone(),
                    locale.dir.clone(),
                    RecursiveMode::Recursive,
                ));
            }
        }
        let mut roots = Vec::new();
        for (dir, spelled, mode) in folders {
            // A folder that does not exist (yet) is not watched: a new `templates/` shows up as
            // an event in the project folder, and the rebuild it causes renews the watch.
            let Ok(canonical) = dir.canonicalize() else {
                continue;
            };
            watcher
                .watch(&canonical, mode)
                .map_err(|source| ServeError::Watch {
                    path: dir.clone(),
                    source,
                })?;
            roots.push((canonical, spelled));
        }
        // Longest first, so a path maps through the most specific folder.
        roots.sort_by_key(|(c, _)| std::cmp::Reverse(c.components().count()));
        Ok(Watch {
            _watcher: watcher,
            roots,
        })
    }

    /// `path` as reported by the system → the same path as the project spells it.
    pub fn project_path(&self, path: &Path) -> Option<PathBuf> {
        self.roots.iter().find_map(|(canonical, spelled)| {
            let rest = path.strip_prefix(canonical).ok()?;
            Some(if rest.as_os_str().is_empty() {
                spelled.clone()
            } else {
                spelled.join(rest)
            })
        })
    }
}

/// The events of one save (or of several close together).
#[derive(Debug)]
pub(super) struct Batch {
    /// When the first event arrived.
    pub first: Instant,
    /// Changed paths (as the system spells them), with whether each looks complete.
    pub paths: Vec<(PathBuf, bool)>,
}

impl Batch {
    fn add(&mut self, event: &notify::Event) {
        if matches!(event.kind, EventKind::Modify(ModifyKind::Metadata(_))) {
            return;
        }
        let complete = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Remove(_) => true,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Any | EventKind::Other => {
                false
            }
            EventKind::Access(_) => return,
        };
        for path in &event.paths {
            match self.paths.iter_mut().find(|(p, _)| p == path) {
                Some(entry) => entry.1 = complete,
                None => self.paths.push((path.clone(), complete)),
            }
        }
    }

    fn complete(&self) -> bool {
        self.paths.iter().all(|(_, complete)| *complete)
    }
}

/// Waits for the next batch of changes or editor request (those that arrive while a batch
/// gathers wait in `pending`, and come first next time). `None` when told to stop (or when the
/// watcher is gone). Watcher errors are returned for reporting, as a batch of none.
pub(super) fn next(
    messages: &Receiver<Message>,
    pending: &mut std::collections::VecDeque<EditJob>,
) -> Option<Next> {
    if let Some(job) = pending.pop_front() {
        return Some(Next::Edit(job));
    }
    let (first, at) = match messages.recv().ok()? {
        Message::Stop => return None,
        Message::Edit(job) => return Some(Next::Edit(job)),
        Message::Fs(event, at) => (event, at),
    };
    let mut batch = Batch {
        first: at,
        paths: Vec::new(),
    };
    match first {
        Ok(event) => batch.add(&event),
        Err(e) => return Some(Next::Batch(Err(e))),
    }
    let mut last = at;
    loop {
        let wait = if batch.complete() { GRACE } else { QUIET };
        let deadline = (last + wait).min(batch.first + LONGEST);
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        match messages.recv_timeout(deadline - now) {
            Ok(Message::Fs(Ok(event), at)) => {
                batch.add(&event);
                last = at;
            }
            // A watcher error in the middle of a batch: the batch goes on without it.
            Ok(Message::Fs(Err(_), _)) => {}
            Ok(Message::Edit(job)) => pending.push_back(job),
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    Some(Next::Batch(Ok(batch)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(crate::config::CONFIG_FILE),
            "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n",
        )
        .unwrap();
        let project = crate::config::load_project(dir.path()).unwrap();
        (dir, project)
    }

    #[test]
    fn changed_files_are_classified_by_what_they_mean() {
        let (_dir, p) = project();
        let at = |rel: &str| p.root.join(rel);
        assert_eq!(classify(&p, &p.config_path), Some(Change::Config));
        assert_eq!(
            classify(&p, &at("templates/page.html")),
            Some(Change::Template)
        );
        assert_eq!(
            classify(&p, &at("content/about/team.md")),
            Some(Change::Markdown(at("content/about/team.md")))
        );
        assert_eq!(
            classify(&p, &at("content/img/a.png")),
            Some(Change::ContentFile)
        );
        assert_eq!(
            classify(&p, &at("locales/fr/pages/profile.ftl")),
            Some(Change::Ftl {
                tag: "fr".into(),
                path: at("locales/fr/pages/profile.ftl")
            })
        );
        assert_eq!(
            classify(&p, &at("locales/fr/glossary.yaml")),
            Some(Change::Glossary("fr".into()))
        );
        // Not a configured locale; not a message file; editors' and our temporary files.
        assert_eq!(classify(&p, &at("locales/xx/ui.ftl")), None);
        assert_eq!(classify(&p, &at("locales/fr/notes.txt")), None);
        assert_eq!(classify(&p, &at("locales/fr/.ui.ftl.swp")), None);
        assert_eq!(classify(&p, &at("locales/fr/ui.ftl~")), None);
        assert_eq!(classify(&p, &at("content/.tmpA1b2C3")), None);
        assert_eq!(classify(&p, &at("dist/web/index.html")), None);
    }

    /// A locale's `folder:` is where its changes are found: `locales/ja-JP-mac` is `ja`'s,
    /// and a source folder outside the project is the source's.
    #[test]
    fn a_configured_folder_maps_to_its_locale() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("l10n");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            root.join(crate::config::CONFIG_FILE),
            "source_locale:\n  tag: en-US\n  folder: ../source/en-US\nlocales:\n  - tag: ja\n    folder: ja-JP-mac\n  - tag: fr\n",
        )
        .unwrap();
        let p = crate::config::load_project(&root).unwrap();
        let at = |rel: &str| p.root.join(rel);
        let ftl = |tag: &str, path: PathBuf| {
            Some(Change::Ftl {
                tag: tag.into(),
                path,
            })
        };
        assert_eq!(
            classify(&p, &at("locales/ja-JP-mac/app.ftl")),
            ftl("ja", at("locales/ja-JP-mac/app.ftl"))
        );
        assert_eq!(
            classify(&p, &at("locales/ja-JP-mac/glossary.yaml")),
            Some(Change::Glossary("ja".into()))
        );
        assert_eq!(
            classify(&p, &at("../source/en-US/sub/app.ftl")),
            ftl("en-US", at("../source/en-US/sub/app.ftl"))
        );
        assert_eq!(
            classify(&p, &at("locales/fr/app.ftl")),
            ftl("fr", at("locales/fr/app.ftl"))
        );
        // `locales/ja` is no locale's folder any more.
        assert_eq!(classify(&p, &at("locales/ja/app.ftl")), None);
        assert_eq!(classify(&p, &at("README.md")), None);
    }

    #[test]
    fn a_batch_is_complete_once_every_file_was_closed_or_renamed() {
        use notify::event::{CreateKind, DataChange};
        let mut batch = Batch {
            first: Instant::now(),
            paths: Vec::new(),
        };
        let event = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        batch.add(&event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            "/p/a.ftl",
        ));
        assert!(!batch.complete());
        batch.add(&event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            "/p/a.ftl",
        ));
        assert!(batch.complete());
        batch.add(&event(EventKind::Create(CreateKind::File), "/p/b.ftl"));
        assert!(!batch.complete());
        batch.add(&event(
            EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::To)),
            "/p/b.ftl",
        ));
        assert!(batch.complete());
        // Reading a file is no change.
        batch.add(&event(EventKind::Access(AccessKind::Read), "/p/c.ftl"));
        assert_eq!(batch.paths.len(), 2);
    }
}
