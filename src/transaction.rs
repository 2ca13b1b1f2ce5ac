//! All-or-nothing project updates, and the project lock.
//!
//! A command that changes several files of the project (`extract`: generated pages and
//! snapshots; `xliff import`: a locale's files and its snapshot; `init`) collects every change
//! in a [`Transaction`] and commits it in one step, as a user sees it:
//!
//! 1. the journal (`.fluentpress-journal` in the project root) lists every change, including the
//!    temporary file each new content goes to, and is synced;
//! 2. each new content is written to `.<name>.fluentpress-tmp-<pid>` beside its target, with the
//!    target's permission bits, and synced;
//! 3. a `commit` line is appended to the journal and synced: from here on the update happens;
//! 4. the temporary files are renamed over their targets, deleted files removed;
//! 5. the journal is removed.
//!
//! A run killed (or a disk filling up) at any point leaves either no journal (nothing changed),
//! a journal without `commit` (only temporary files exist: the next run removes them, *rolling
//! back*) or a committed journal (the next run finishes the renames, *rolling forward*). The
//! next run is any command opening the project: [`lock`] does the recovery before the command
//! reads anything.
//!
//! The lock is an advisory `flock` on the project folder itself (no lock file to commit or
//! ignore): writing commands hold it exclusively from before they read their inputs until
//! their update is committed, so two `xliff import`s of one locale run one after the other, the
//! second reading what the first wrote; reading commands hold it shared, so they never see an
//! update half done.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::fsutil::{self, ReadError};

/// The journal's file name, in the project root.
pub const JOURNAL: &str = ".fluentpress-journal";

const JOURNAL_HEADER: &str = "fluentpress journal 1";
const COMMIT: &str = "commit";

#[derive(Debug, thiserror::Error)]
pub enum TransactionError {
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "cannot complete the update: {}: {source}; nothing is lost, the next fluentpress command in this project completes it",
        .path.display()
    )]
    Interrupted {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot lock the project folder {}: {source}", .path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Outside(#[from] ReadError),
    #[error(
        "will not write {}: it lies outside the project folder; fluentpress writes only inside the project (a locale `folder:` outside it is read, never written)",
        .path.display()
    )]
    NotInProject { path: PathBuf, root: PathBuf },
}

/// Whether a command changes the project or only reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// Exclusive: no other command reads or writes meanwhile.
    Write,
    /// Shared with other readers; waits for a writer to finish.
    Read,
}

/// What [`lock`] found of an earlier, interrupted update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Files replaced or deleted to complete a committed update.
    pub completed: usize,
    /// Temporary files removed of an update that had not committed.
    pub rolled_back: usize,
}

impl Recovery {
    pub fn is_empty(&self) -> bool {
        *self == Recovery::default()
    }
}

/// The project lock, held until dropped.
#[derive(Debug)]
pub struct ProjectLock {
    // The lock lives as long as this open file (flock locks belong to the open file).
    _file: File,
}

/// Locks the project at `root` in `mode`, calling `on_wait` first if another command holds it,
/// and completes or rolls back an interrupted update left there.
pub fn lock(
    root: &Path,
    mode: LockMode,
    on_wait: &dyn Fn(),
) -> Result<(ProjectLock, Recovery), TransactionError> {
    let dir = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let lock_err = |source| TransactionError::Lock {
        path: dir.to_path_buf(),
        source,
    };
    let file = open_lock_file(dir).map_err(lock_err)?;
    acquire(&file, mode, on_wait).map_err(lock_err)?;
    let journal = root.join(JOURNAL);
    let mut recovery = Recovery::default();
    if journal.exists() {
        if mode == LockMode::Read {
            // Recovery writes: wait until the readers are gone, then read on.
            file.unlock().map_err(lock_err)?;
            acquire(&file, LockMode::Write, on_wait).map_err(lock_err)?;
        }
        recovery = recover(root)?;
        if mode == LockMode::Read {
            file.lock_shared().map_err(lock_err)?;
        }
    }
    Ok((ProjectLock { _file: file }, recovery))
}

#[cfg(unix)]
fn open_lock_file(dir: &Path) -> std::io::Result<File> {
    // A folder opens read-only, which is all `flock` needs.
    File::open(dir)
}

#[cfg(not(unix))]
fn open_lock_file(dir: &Path) -> std::io::Result<File> {
    // Folders cannot be opened as files here: a lock file beside the journal.
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".fluentpress-lock"))
}

fn acquire(file: &File, mode: LockMode, on_wait: &dyn Fn()) -> std::io::Result<()> {
    let tried = match mode {
        LockMode::Write => file.try_lock(),
        LockMode::Read => file.try_lock_shared(),
    };
    match tried {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => {
            on_wait();
            match mode {
                LockMode::Write => file.lock(),
                LockMode::Read => file.lock_shared(),
            }
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Write { tmp: PathBuf, target: PathBuf },
    Delete { target: PathBuf },
}

/// A path as the journal records it: relative to the project root when below it (the root may
/// be given relative to another working folder next time), absolute otherwise.
fn journal_path(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().into_owned(),
        Err(_) => std::path::absolute(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .to_string_lossy()
            .into_owned(),
    }
}

fn resolve(root: &Path, recorded: &str) -> PathBuf {
    let path = Path::new(recorded);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

fn render_step(root: &Path, step: &Step) -> String {
    let line = match step {
        Step::Write { tmp, target } => vec![
            "write",
            &journal_path(root, tmp),
            &journal_path(root, target),
        ]
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>(),
        Step::Delete { target } => vec!["delete".to_string(), journal_path(root, target)],
    };
    // JSON strings: any path, tabs and newlines included, stays on one line.
    serde_json::to_string(&line).unwrap_or_default()
}

fn parse_step(root: &Path, line: &str) -> Option<Step> {
    let fields: Vec<String> = serde_json::from_str(line).ok()?;
    match fields.as_slice() {
        [kind, tmp, target] if kind == "write" => Some(Step::Write {
            tmp: resolve(root, tmp),
            target: resolve(root, target),
        }),
        [kind, target] if kind == "delete" => Some(Step::Delete {
            target: resolve(root, target),
        }),
        _ => None,
    }
}

/// Completes (committed journal) or rolls back (no `commit` line) the update a killed run left.
fn recover(root: &Path) -> Result<Recovery, TransactionError> {
    let journal = root.join(JOURNAL);
    let text = match std::fs::read(&journal) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Recovery::default()),
        Err(source) => {
            return Err(TransactionError::Interrupted {
                path: journal,
                source,
            });
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let committed = text.ends_with(&format!("\n{COMMIT}\n"));
    // A line cut short by the kill is the last one, written before any temporary file: skip it.
    let steps: Vec<Step> = lines
        .iter()
        .skip(1)
        .filter_map(|line| parse_step(root, line))
        .collect();
    let mut recovery = Recovery::default();
    if committed {
        recovery.completed = apply(&steps)?;
    } else {
        for step in &steps {
            if let Step::Write { tmp, .. } = step
                && std::fs::remove_file(tmp).is_ok()
            {
                recovery.rolled_back += 1;
            }
        }
    }
    remove_journal(root)?;
    Ok(recovery)
}

/// Renames every temporary file over its target and removes deleted files; a step already done
/// (its temporary file gone, its deleted file gone) is skipped, so this can run again after
/// being interrupted itself. Returns how many steps it did.
fn apply(steps: &[Step]) -> Result<usize, TransactionError> {
    let mut done = 0;
    let mut dirs = std::collections::BTreeSet::new();
    for step in steps {
        let (result, path) = match step {
            Step::Write { tmp, target } => match std::fs::rename(tmp, target) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !tmp.exists() => {
                    (Ok(false), target)
                }
                result => (result.map(|()| true), target),
            },
            Step::Delete { target } => match std::fs::remove_file(target) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Ok(false), target),
                result => (result.map(|()| true), target),
            },
        };
        let did = result.map_err(|source| TransactionError::Interrupted {
            path: path.clone(),
            source,
        })?;
        done += usize::from(did);
        if let Some(dir) = path.parent() {
            dirs.insert(dir.to_path_buf());
        }
    }
    for dir in dirs {
        fsutil::sync_dir(&dir);
    }
    Ok(done)
}

fn remove_journal(root: &Path) -> Result<(), TransactionError> {
    let journal = root.join(JOURNAL);
    match std::fs::remove_file(&journal) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(TransactionError::Interrupted {
                path: journal,
                source: e,
            });
        }
        _ => {}
    }
    fsutil::sync_dir(root);
    Ok(())
}

/// Whether `path` names a place under `root` by its words alone: below it, and never climbing
/// above it with `..` (a locale `folder: ../elsewhere/fr` resolves to such a path). Links are
/// [`fsutil::ensure_inside`]'s part.
fn lexically_inside(root: &Path, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(root) else {
        return false;
    };
    let mut depth = 0usize;
    for component in rest.components() {
        match component {
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if depth > 0 => depth -= 1,
            _ => return false,
        }
    }
    depth > 0
}

/// The file changes of one command, applied all together or not at all by [`Transaction::commit`].
/// The caller holds the project's [`lock`] in [`LockMode::Write`].
#[derive(Debug)]
pub struct Transaction {
    root: PathBuf,
    /// Target → new contents (`None`: delete it). Later changes of a path replace earlier ones.
    changes: std::collections::BTreeMap<PathBuf, Option<Vec<u8>>>,
}

impl Transaction {
    /// An empty update of the project at `root`.
    pub fn new(root: &Path) -> Self {
        Transaction {
            root: root.to_path_buf(),
            changes: Default::default(),
        }
    }

    /// Replaces (or creates) `path` with `contents`.
    pub fn write(&mut self, path: &Path, contents: impl Into<Vec<u8>>) {
        self.changes
            .insert(path.to_path_buf(), Some(contents.into()));
    }

    /// Deletes `path` (already gone is fine).
    pub fn delete(&mut self, path: &Path) {
        self.changes.insert(path.to_path_buf(), None);
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Applies every change, or (on an error before the commit point) none. Refuses, before
    /// writing anything, a target reached through a symbolic link leading outside the project.
    pub fn commit(self) -> Result<(), TransactionError> {
        if self.changes.is_empty() {
            return Ok(());
        }
        let root = &self.root;
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| TransactionError::Write { path, source }
        };
        for path in self.changes.keys() {
            if !lexically_inside(root, path) {
                return Err(TransactionError::NotInProject {
                    path: path.clone(),
                    root: root.clone(),
                });
            }
            fsutil::ensure_inside(root, path)?;
        }
        for (path, contents) in &self.changes {
            if contents.is_some()
                && let Some(dir) = path.parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir).map_err(write_err(dir))?;
            }
        }
        let steps: Vec<Step> = self
            .changes
            .iter()
            .map(|(target, contents)| match contents {
                Some(_) => Step::Write {
                    tmp: fsutil::temp_path(target),
                    target: target.clone(),
                },
                None => Step::Delete {
                    target: target.clone(),
                },
            })
            .collect();

        // 1. The journal, before any temporary file exists: a kill from here on leaves a list of
        //    every file to clean up.
        let journal_path = root.join(JOURNAL);
        let mut text = format!("{JOURNAL_HEADER}\n");
        for step in &steps {
            text.push_str(&render_step(root, step));
            text.push('\n');
        }
        let mut journal = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&journal_path)
            .map_err(write_err(&journal_path))?;
        let written = journal
            .write_all(text.as_bytes())
            .and_then(|()| journal.sync_all());
        if let Err(source) = written {
            drop(journal);
            let _ = std::fs::remove_file(&journal_path);
            return Err(TransactionError::Write {
                path: journal_path,
                source,
            });
        }
        fsutil::sync_dir(root);

        // 2. Every new content in its temporary file.
        let mut dirs = std::collections::BTreeSet::new();
        for (path, contents) in &self.changes {
            let Some(contents) = contents else { continue };
            if let Err(source) = fsutil::write_temp(path, contents) {
                self.roll_back(&steps);
                return Err(TransactionError::Write {
                    path: path.clone(),
                    source,
                });
            }
            if let Some(dir) = path.parent() {
                dirs.insert(dir.to_path_buf());
            }
        }
        for dir in &dirs {
            fsutil::sync_dir(dir);
        }

        // 3. The commit point.
        let committed = journal
            .write_all(format!("{COMMIT}\n").as_bytes())
            .and_then(|()| journal.sync_all());
        if let Err(source) = committed {
            self.roll_back(&steps);
            return Err(TransactionError::Write {
                path: journal_path,
                source,
            });
        }
        drop(journal);

        // 4. and 5. On an error here the journal stays: the next command completes the update.
        apply(&steps)?;
        remove_journal(root)
    }

    /// Undoes steps 1 and 2 after an error: removes the temporary files and the journal.
    fn roll_back(&self, steps: &[Step]) {
        for step in steps {
            if let Step::Write { tmp, .. } = step {
                let _ = std::fs::remove_file(tmp);
            }
        }
        let _ = remove_journal(&self.root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_wait() {}

    #[test]
    fn a_commit_writes_and_deletes_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("old.txt"), "old").unwrap();
        std::fs::write(root.join("gone.txt"), "gone").unwrap();
        let (_lock, recovery) = lock(root, LockMode::Write, &no_wait).unwrap();
        assert!(recovery.is_empty());
        let mut tx = Transaction::new(root);
        tx.write(&root.join("old.txt"), "new");
        tx.write(&root.join("sub/dir/added.txt"), "added");
        tx.delete(&root.join("gone.txt"));
        tx.commit().unwrap();
        let mut names: Vec<_> = walk(root);
        names.sort();
        assert_eq!(names, ["old.txt", "sub/dir/added.txt"]);
        assert_eq!(
            std::fs::read_to_string(root.join("old.txt")).unwrap(),
            "new"
        );
    }

    fn walk(root: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push(fsutil::display_relative(root, &path).into_owned());
                }
            }
        }
        out
    }

    /// Writes the journal and temporary files of an update as a run killed after step
    /// `stage` (2: temporary files written; 3: committed) would leave them.
    fn killed_update(root: &Path, stage: u8) {
        let steps = [
            Step::Write {
                tmp: fsutil::temp_path(&root.join("a.txt")),
                target: root.join("a.txt"),
            },
            Step::Delete {
                target: root.join("b.txt"),
            },
        ];
        let mut text = format!("{JOURNAL_HEADER}\n");
        for step in &steps {
            text.push_str(&render_step(root, step));
            text.push('\n');
        }
        std::fs::write(fsutil::temp_path(&root.join("a.txt")), "new a").unwrap();
        if stage >= 3 {
            text.push_str("commit\n");
        } else {
            // Cut mid-line, as a kill while writing the journal would.
            text.truncate(text.len() - 3);
        }
        std::fs::write(root.join(JOURNAL), text).unwrap();
    }

    #[test]
    fn an_uncommitted_update_is_rolled_back_by_the_next_lock() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "old a").unwrap();
        std::fs::write(root.join("b.txt"), "old b").unwrap();
        killed_update(root, 2);
        let (_lock, recovery) = lock(root, LockMode::Read, &no_wait).unwrap();
        assert_eq!(
            recovery,
            Recovery {
                completed: 0,
                rolled_back: 1
            }
        );
        let mut names = walk(root);
        names.sort();
        assert_eq!(names, ["a.txt", "b.txt"]);
        assert_eq!(
            std::fs::read_to_string(root.join("a.txt")).unwrap(),
            "old a"
        );
    }

    #[test]
    fn a_committed_update_is_completed_by_the_next_lock() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "old a").unwrap();
        std::fs::write(root.join("b.txt"), "old b").unwrap();
        killed_update(root, 3);
        let (_lock, recovery) = lock(root, LockMode::Write, &no_wait).unwrap();
        assert_eq!(recovery.completed, 2);
        assert_eq!(walk(root), ["a.txt"]);
        assert_eq!(
            std::fs::read_to_string(root.join("a.txt")).unwrap(),
            "new a"
        );
    }

    #[test]
    fn a_write_failing_midway_changes_nothing_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "old a").unwrap();
        std::fs::write(root.join("c.txt"), "old c").unwrap();
        // As a full disk would: the second temporary file cannot be written (a folder is in
        // its way), after the first was.
        std::fs::create_dir(fsutil::temp_path(&root.join("c.txt"))).unwrap();
        let mut tx = Transaction::new(root);
        tx.write(&root.join("a.txt"), "new a");
        tx.write(&root.join("b.txt"), "new b");
        tx.write(&root.join("c.txt"), "new c");
        let err = tx.commit().unwrap_err().to_string();
        assert!(err.contains("cannot write"), "{err}");
        std::fs::remove_dir(fsutil::temp_path(&root.join("c.txt"))).unwrap();
        let mut names = walk(root);
        names.sort();
        assert_eq!(names, ["a.txt", "c.txt"]);
        assert_eq!(
            std::fs::read_to_string(root.join("a.txt")).unwrap(),
            "old a"
        );
    }

    #[cfg(unix)]
    #[test]
    fn permission_bits_are_kept_and_new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let shared = root.join("shared.txt");
        std::fs::write(&shared, "old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
        let mut tx = Transaction::new(root);
        tx.write(&shared, "new");
        tx.write(&root.join("fresh.txt"), "fresh");
        tx.commit().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&shared), 0o664);
        // What this process's umask makes of 0666, the mode any editor creates files with
        // (the temporary files of old gave 0600 whatever the umask).
        let probe = root.join("probe");
        std::os::unix::fs::OpenOptionsExt::mode(
            std::fs::OpenOptions::new().write(true).create_new(true),
            0o666,
        )
        .open(&probe)
        .unwrap();
        assert_eq!(mode(&root.join("fresh.txt")), mode(&probe));
    }

    #[cfg(unix)]
    #[test]
    fn a_target_outside_the_project_by_its_path_is_refused_before_any_write() {
        let base = tempfile::tempdir().unwrap();
        let root = base.path().join("project");
        std::fs::create_dir_all(root.join("locales")).unwrap();
        let outside = base.path().join("elsewhere");
        let mut transaction = Transaction::new(&root);
        transaction.write(&root.join("locales/ok.ftl"), "a = b\n");
        transaction.write(&root.join("../elsewhere/fr/ui.ftl"), "a = b\n");
        let err = transaction.commit().unwrap_err().to_string();
        assert!(err.contains("lies outside the project"), "{err}");
        assert!(!outside.exists());
        assert!(!root.join("locales/ok.ftl").exists());
        assert!(lexically_inside(&root, &root.join("a/../b.ftl")));
        assert!(!lexically_inside(&root, &root.join("a/../../b.ftl")));
        assert!(!lexically_inside(&root, &root));
        assert!(!lexically_inside(&root, Path::new("/etc/passwd")));
    }

    #[test]
    fn a_target_behind_a_link_leading_outside_is_refused_before_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::os::unix::fs::symlink(outside.path(), root.join("de")).unwrap();
        let mut tx = Transaction::new(root);
        tx.write(&root.join("inside.txt"), "x");
        tx.write(&root.join("de/ui.ftl"), "x");
        let err = tx.commit().unwrap_err().to_string();
        assert!(
            err.ends_with("de: a symbolic link that leads outside the project is not followed"),
            "{err}"
        );
        assert!(!root.join("inside.txt").exists());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}
