//! Exporters: localized bundles written from the catalog through the [`crate::localize`] layer.
//!
//! Every exporter (web, print, `build`, and the folder `serve` builds its site in) writes into a
//! [`StagedOutput`]: a fresh folder beside the destination that replaces the destination only
//! when the whole export succeeded. A failed or interrupted export leaves the previous output
//! untouched, never a half-written `dist/`. Since the destination is replaced as a whole, one
//! rule, checked by [`StagedOutput::new`] before anything is written, says which folders may be
//! replaced: one that does not exist, is empty, or holds the [`MARKER`] an export writes; never
//! the project, a folder above it, a file, or one of the project's sources (see
//! [`Project::check_output_folder`]).
//!
//! Each exporter is an [`Exporter`] too, as mdBook's renderers are: a name, the folder it
//! writes, and one call that exports from an [`ExportContext`]. `build` runs [`exporters`], the
//! list of every exporter compiled in, one after the other.

pub mod json;
#[cfg(feature = "print")]
pub mod print;
pub mod web;

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::config::{OutputProblem, Project, resolve_path};

/// What an exporter works from: the loaded project and its messages, and where to report
/// progress.
#[non_exhaustive]
pub struct ExportContext<'a> {
    pub project: &'a Project,
    pub catalog: &'a Catalog,
    pub progress: &'a dyn web::Progress,
}

impl<'a> ExportContext<'a> {
    /// The context of `project` and `catalog`, reporting no progress.
    pub fn new(project: &'a Project, catalog: &'a Catalog) -> ExportContext<'a> {
        ExportContext {
            project,
            catalog,
            progress: &web::NoProgress,
        }
    }

    /// The same context, reporting progress to `progress`.
    pub fn with_progress(self, progress: &'a dyn web::Progress) -> ExportContext<'a> {
        ExportContext { progress, ..self }
    }
}

/// What an export did, for the caller to show.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Summary {
    Web(web::WebSummary),
    #[cfg(feature = "print")]
    Print(print::PrintReport),
}

/// One output format: the site, the PDFs.
pub trait Exporter {
    /// The name its [`MARKER`] carries (`"web"`, `"print"`).
    fn name(&self) -> &'static str;
    /// The folder it replaces, which a caller may check (with [`check_output`]) before doing
    /// anything else.
    fn out(&self, project: &Project) -> PathBuf;
    /// Exports into [`out`](Exporter::out), replacing it only when the whole export succeeded.
    fn export(&self, ctx: &ExportContext<'_>) -> Result<Summary, ExportError>;
}

/// Why an [`Exporter`] failed: its own error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error(transparent)]
    Web(#[from] web::WebError),
    #[cfg(feature = "print")]
    #[error(transparent)]
    Print(#[from] print::PrintError),
}

// Each exporter's error stays the crate error it always was, so callers and messages see no
// difference between running an exporter directly and through the trait.
impl From<ExportError> for crate::Error {
    fn from(error: ExportError) -> crate::Error {
        match error {
            ExportError::Web(e) => crate::Error::Web(e),
            #[cfg(feature = "print")]
            ExportError::Print(e) => crate::Error::Print(e),
        }
    }
}

/// Every exporter compiled in, with its default options, in the order `build` runs them: the
/// web site, then (feature `print`) the PDFs.
pub fn exporters(project: &Project) -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(web::WebExporter(web::WebOptions::new(project))),
        #[cfg(feature = "print")]
        Box::new(print::PrintExporter(print::PrintOptions::default())),
    ]
}

/// The file every export writes at the top of its output, saying which exporter wrote it and
/// listing the entries it wrote at the top of the folder. The next export replaces a folder
/// holding it and nothing else at its top (or an empty one): a `CNAME` or notes a user added
/// beside the export stop it. It names no path, person or time, so a static host serving it
/// tells nobody anything the site does not.
pub const MARKER: &str = ".fluentpress-output";

/// Errors of the output folder itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StageError {
    #[error("cannot export into {}: {problem}; {}", .path.display(), OutputProblem::ADVICE)]
    Unsafe {
        path: PathBuf,
        problem: OutputProblem,
    },
    #[error(
        "{} holds {entry}, which fluentpress did not write; an export replaces its output folder as a whole, so move {entry} away or choose a new or empty folder{}",
        .path.display(),
        if *.legacy { " (if the folder is an export by an older fluentpress, which marked none with a .fluentpress-output file, delete it and export again)" } else { "" }
    )]
    Foreign {
        path: PathBuf,
        entry: String,
        /// Whether the folder looks like a site or PDFs from a fluentpress without markers.
        legacy: bool,
    },
    #[error("cannot prepare {}: {source}", .path.display())]
    Prepare {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot replace {} with the new export: {source}", .path.display())]
    Swap {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A folder to write an export into, swapped into place by [`StagedOutput::commit`]. Dropped
/// without a commit, it is removed and the destination is left as it was.
///
/// The staging folder is `.<name>.staging-XXXXXX` beside the destination `<name>`, with a lock
/// file `.<name>.staging-XXXXXX.lock` held (an advisory `flock`) as long as this value lives. An
/// export killed with SIGKILL leaves both behind; the next export into the same place removes
/// every such leftover whose lock no live export holds.
#[derive(Debug)]
pub struct StagedOutput {
    /// Where the export goes, symbolic links resolved (`None`: a private folder, never
    /// committed).
    destination: Option<PathBuf>,
    /// The destination as given, for messages.
    shown: PathBuf,
    staging: PathBuf,
    /// What the [`MARKER`] names.
    exporter: String,
    /// Removed (after the staging folder) when this value is dropped.
    _lock: tempfile::NamedTempFile,
    done: bool,
}

impl StagedOutput {
    /// Checks the output rule for `destination` and prepares a staging folder beside it (same
    /// file system, so the final rename is atomic); [`commit`](StagedOutput::commit) writes the
    /// [`MARKER`] naming `exporter` (`"web"`, `"print"`). Refuses, before writing anything, a
    /// destination the rule forbids; removes the leftovers of killed exports into the same place.
    pub fn new(
        project: &Project,
        destination: &Path,
        exporter: &str,
    ) -> Result<StagedOutput, StageError> {
        let resolved = check_output(project, destination)?;
        let prepare = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StageError::Prepare { path, source }
        };
        // A resolved path that is neither the root nor above the project has a parent.
        let parent = resolved.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(prepare(&parent))?;
        let name = resolved
            .file_name()
            .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
        let mut staged = Self::stage(&parent, &name, None, destination, Some(resolved))?;
        staged.exporter = exporter.to_string();
        Ok(staged)
    }

    /// A private folder (mode 0700) in the system's temporary folder, for output that is never
    /// published (`serve`'s site): removed when dropped; [`commit`](StagedOutput::commit)
    /// does nothing. The leftovers of killed runs with the same `name` are removed.
    pub fn private(name: &str) -> Result<StagedOutput, StageError> {
        let parent = std::env::temp_dir();
        Self::stage(&parent, name, Some(0o700), &parent.join(name), None)
    }

    /// Takes a lock file, removes dead leftovers of `name` in `parent`, creates the staging
    /// folder matching the lock.
    fn stage(
        parent: &Path,
        name: &str,
        mode: Option<u32>,
        shown: &Path,
        destination: Option<PathBuf>,
    ) -> Result<StagedOutput, StageError> {
        let prepare = |source| StageError::Prepare {
            path: parent.to_path_buf(),
            source,
        };
        let prefix = staging_prefix(name);
        for _ in 0..100 {
            // The lock first, then the folder: a folder without a locked lock file beside it
            // is a leftover, and another export may remove it at any time.
            let lock = tempfile::Builder::new()
                .prefix(&prefix)
                .suffix(LOCK_SUFFIX)
                .tempfile_in(parent)
                .map_err(prepare)?;
            lock::exclusive(lock.as_file()).map_err(prepare)?;
            remove_leftovers(parent, &prefix, lock.path());
            let lock_name = lock.path().to_string_lossy();
            let staging = PathBuf::from(&lock_name[..lock_name.len() - LOCK_SUFFIX.len()]);
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            if let Some(mode) = mode {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(mode);
            }
            #[cfg(not(unix))]
            let _ = mode;
            match builder.create(&staging) {
                Ok(()) => {
                    return Ok(StagedOutput {
                        destination,
                        shown: shown.to_path_buf(),
                        staging,
                        exporter: String::new(),
                        _lock: lock,
                        done: false,
                    });
                }
                // A leftover by that name (its lock gone): try another name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(prepare(e)),
            }
        }
        Err(prepare(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "no free name for a staging folder",
        )))
    }

    /// Where to write.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Replaces the destination with the staged folder: the old output is moved aside, the new
    /// one renamed into place, and the old one removed.
    pub fn commit(mut self) -> Result<(), StageError> {
        let Some(destination) = self.destination.clone() else {
            return Ok(());
        };
        let swap_err = |source| StageError::Swap {
            path: self.shown.clone(),
            source,
        };
        let staged = self.staging.clone();
        // Again, just before the swap: a file put into the folder while the export ran is
        // someone's work too.
        check_contents(&self.shown, &destination)?;
        write_marker(&staged, &self.exporter).map_err(swap_err)?;
        // Where the kernel can swap two paths in one step, an interruption (even SIGKILL) at any
        // point leaves either the old output or the new one in place, never neither.
        #[cfg(target_os = "linux")]
        if destination.exists() && exchange(&staged, &destination).is_ok() {
            // The staging path now holds the previous output; still under our lock.
            remove_tree(&staged);
            self.done = true;
            return Ok(());
        }
        let mut aside = None;
        if destination.exists() {
            let old = staged.with_file_name(format!(
                "{}{OLD_SUFFIX}",
                staged.file_name().unwrap_or_default().to_string_lossy()
            ));
            std::fs::rename(&destination, &old).map_err(swap_err)?;
            aside = Some(old);
        }
        if let Err(e) = std::fs::rename(&staged, &destination) {
            // Put the previous output back before reporting.
            if let Some(old) = &aside {
                let _ = std::fs::rename(old, &destination);
            }
            return Err(swap_err(e));
        }
        self.done = true;
        if let Some(old) = aside {
            remove_tree(&old);
        }
        Ok(())
    }
}

impl Drop for StagedOutput {
    fn drop(&mut self) {
        if !self.done {
            remove_tree(&self.staging);
        }
        // The lock file goes after the folder (field drop order).
    }
}

/// The rule [`StagedOutput::new`] enforces, alone, for commands that must refuse a destination
/// before doing anything else (`build` checks its two outputs before `extract` writes): the
/// path rule of [`Project::check_output_folder`], then the destination must not exist, be empty,
/// or hold the [`MARKER`] and only the entries it lists. Returns the destination with its
/// symbolic links resolved.
pub fn check_output(project: &Project, destination: &Path) -> Result<PathBuf, StageError> {
    project
        .check_output_folder(destination)
        .map_err(|problem| StageError::Unsafe {
            path: destination.to_path_buf(),
            problem,
        })?;
    let resolved = resolve_path(destination);
    check_contents(destination, &resolved)?;
    Ok(resolved)
}

/// The second half of the rule: `resolved` (shown as `destination`) does not exist, is empty,
/// or holds the [`MARKER`] and only the entries it lists.
fn check_contents(destination: &Path, resolved: &Path) -> Result<(), StageError> {
    let entries = match std::fs::read_dir(resolved) {
        Ok(entries) => entries,
        // A file or a dangling link was refused by the path rule.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        // A folder that cannot be read cannot be shown to be ours.
        Err(source) => {
            return Err(StageError::Prepare {
                path: destination.to_path_buf(),
                source,
            });
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let marker = resolved.join(MARKER);
    if std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        let text = crate::fsutil::read_utf8(&marker).unwrap_or_default();
        let written: std::collections::BTreeSet<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        return match names
            .into_iter()
            .find(|n| n != MARKER && !written.contains(n.as_str()))
        {
            None => Ok(()),
            Some(entry) => Err(StageError::Foreign {
                path: destination.to_path_buf(),
                entry,
                legacy: false,
            }),
        };
    }
    if names.is_empty() {
        return Ok(());
    }
    // An export by a fluentpress without markers: a site's root files, or only PDFs.
    let legacy = ["index.html", "sitemap.xml", "robots.txt"]
        .iter()
        .all(|n| names.iter().any(|m| m == n))
        || names.iter().all(|n| n.ends_with(".pdf"));
    Err(StageError::Foreign {
        path: destination.to_path_buf(),
        entry: names.swap_remove(0),
        legacy,
    })
}

/// Writes the [`MARKER`] into the finished `folder`: who wrote it, and the entries at its top.
fn write_marker(folder: &Path, exporter: &str) -> std::io::Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != MARKER)
        .collect();
    names.sort();
    let mut text = format!(
        "# Written by `fluentpress export {exporter}`. The next export replaces this folder as a\n# whole, and refuses to while it holds anything at its top not listed here.\n"
    );
    for name in names {
        text.push_str(&name);
        text.push('\n');
    }
    std::fs::write(folder.join(MARKER), text)
}

const LOCK_SUFFIX: &str = ".lock";
const OLD_SUFFIX: &str = ".old";

/// `.<name>.staging-`: the start of the names of the staging folders, lock files and set-aside
/// outputs of exports into `<name>`.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.staging-")
}

/// Removes, in `parent`, the staging folders, set-aside outputs and lock files of exports into
/// the same place that no live process holds the lock of: what an export killed with SIGKILL
/// left. Only entries owned by the user running this (the same owner as `own_lock`) are
/// touched, since the private folders live in the shared temporary folder. Errors are ignored:
/// a leftover is clutter, not a reason to fail an export.
fn remove_leftovers(parent: &Path, prefix: &str, own_lock: &Path) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(owner) = std::fs::metadata(own_lock).map(|m| m.uid()) else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        let mut bases = std::collections::BTreeSet::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(prefix) || entry.path() == own_lock {
                continue;
            }
            if !entry.metadata().is_ok_and(|m| m.uid() == owner) {
                continue;
            }
            let base = name
                .strip_suffix(LOCK_SUFFIX)
                .or_else(|| name.strip_suffix(OLD_SUFFIX))
                .unwrap_or(&name);
            bases.insert(base.to_string());
        }
        for base in bases {
            let lock_path = parent.join(format!("{base}{LOCK_SUFFIX}"));
            let lock = match std::fs::File::open(&lock_path) {
                Ok(file) => Some(file),
                // No lock file: a finished export's folder being removed, or one from a
                // fluentpress without locks. Either way nobody writes into it.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(_) => continue,
            };
            if let Some(file) = &lock
                && lock::try_exclusive(file).is_err()
            {
                continue; // A live export.
            }
            remove_tree(&parent.join(&base));
            remove_tree(&parent.join(format!("{base}{OLD_SUFFIX}")));
            let _ = std::fs::remove_file(&lock_path);
        }
    }
    // Elsewhere there is no lock to tell a live export's folder from a dead one's: leftovers
    // stay, to be deleted by hand.
    #[cfg(not(target_os = "linux"))]
    let _ = (parent, prefix, own_lock);
}

/// Advisory locks on the staging folders' lock files.
mod lock {
    #[cfg(target_os = "linux")]
    pub fn exclusive(file: &std::fs::File) -> std::io::Result<()> {
        use rustix::fs::{FlockOperation, flock};
        flock(file, FlockOperation::LockExclusive).map_err(std::io::Error::from)
    }

    #[cfg(target_os = "linux")]
    pub fn try_exclusive(file: &std::fs::File) -> std::io::Result<()> {
        use rustix::fs::{FlockOperation, flock};
        flock(file, FlockOperation::NonBlockingLockExclusive).map_err(std::io::Error::from)
    }

    #[cfg(not(target_os = "linux"))]
    pub fn exclusive(_file: &std::fs::File) -> std::io::Result<()> {
        Ok(())
    }
}

/// Removes folder `dir` and all it holds, as `remove_dir_all` does, but on rayon's pool: a
/// site's previous output is thousands of folders and files, and removing them on one thread
/// took as long as rendering all the pages on two. The entries of the top [`PARALLEL_LEVELS`]
/// levels (a site's `{locale}/{page}/` folders) are removed in parallel, rayon's work stealing
/// keeping every core busy whatever the shape of the tree; deeper folders go with
/// `remove_dir_all`, so a deep tree costs no stack. Errors are ignored, as what is left is a
/// stale copy the next export replaces.
fn remove_tree(dir: &Path) {
    // Never through a link: a link (or a file) in the folder's place is removed itself.
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => remove_contents(dir, PARALLEL_LEVELS),
        Ok(_) => {
            let _ = std::fs::remove_file(dir);
            return;
        }
        Err(_) => return,
    }
    // What is left: the emptied folders (or whatever could not be removed).
    let _ = std::fs::remove_dir_all(dir);
}

/// How many levels of a removed tree are shared out between the cores.
const PARALLEL_LEVELS: usize = 3;

/// Removes every entry of folder `dir` on rayon's pool, `levels` levels down in parallel,
/// leaving `dir` itself.
fn remove_contents(dir: &Path, levels: usize) {
    use rayon::prelude::*;
    let entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        // `file_type` does not follow symbolic links: a link is removed, never its target.
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.into_par_iter().for_each(|(path, is_dir)| {
        if is_dir && levels > 1 {
            remove_contents(&path, levels - 1);
            let _ = std::fs::remove_dir(&path);
        } else if is_dir {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    });
}

/// Atomically exchanges two paths (Linux `renameat2(RENAME_EXCHANGE)`); fails on file systems
/// that cannot, and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal project in a temporary folder, and its `dist/web`.
    fn project() -> (tempfile::TempDir, Project, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(crate::config::CONFIG_FILE),
            "site:\n  name: S\n  base_url: https://example.org/\nsource_locale:\n  tag: en-US\n  name: English\n",
        )
        .unwrap();
        let project = crate::config::load_project(dir.path()).unwrap();
        let web = project.output_dir.join("web");
        (dir, project, web)
    }

    // `build` runs every exporter compiled in, the site first, each into its own folder.
    #[test]
    fn exporters_are_the_site_then_the_pdfs() {
        let (_dir, project, web) = project();
        let list = exporters(&project);
        let names: Vec<_> = list.iter().map(|e| e.name()).collect();
        let outs: Vec<_> = list.iter().map(|e| e.out(&project)).collect();
        if cfg!(feature = "print") {
            assert_eq!(names, ["web", "print"]);
            assert_eq!(outs, [web, project.output_dir.join("print")]);
        } else {
            assert_eq!(names, ["web"]);
            assert_eq!(outs, [web]);
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_and_drop_leaves_the_previous_output() {
        let (_dir, project, dest) = project();
        std::fs::create_dir_all(&dest).unwrap();
        std::fs::write(dest.join(MARKER), "old.html\n").unwrap();
        std::fs::write(dest.join("old.html"), "old").unwrap();

        let failed = StagedOutput::new(&project, &dest, "web").unwrap();
        std::fs::write(failed.path().join("half.html"), "half").unwrap();
        drop(failed);
        assert!(dest.join("old.html").exists());
        assert!(!dest.join("half.html").exists());

        let staged = StagedOutput::new(&project, &dest, "web").unwrap();
        std::fs::write(staged.path().join("new.html"), "new").unwrap();
        staged.commit().unwrap();
        assert!(dest.join("new.html").exists());
        assert!(!dest.join("old.html").exists());
        let marker = std::fs::read_to_string(dest.join(MARKER)).unwrap();
        assert!(marker.contains("fluentpress export web"), "{marker}");
        assert!(marker.ends_with("\nnew.html\n"), "{marker}");
        // Nothing is left behind beside the destination: no staging folder, no lock file.
        assert_eq!(names(dest.parent().unwrap()), ["web"]);
    }

    #[test]
    fn only_missing_empty_or_marked_folders_are_replaced() {
        let (_dir, project, dest) = project();
        assert!(check_output(&project, &dest).is_ok(), "missing");
        std::fs::create_dir_all(&dest).unwrap();
        assert!(check_output(&project, &dest).is_ok(), "empty");
        std::fs::write(dest.join("b.txt"), "mine").unwrap();
        std::fs::write(dest.join("a.txt"), "mine").unwrap();
        let err = check_output(&project, &dest).unwrap_err();
        assert!(
            matches!(&err, StageError::Foreign { entry, legacy: false, .. } if entry == "a.txt"),
            "{err}"
        );
        // A marker that is a link or a folder is not a marker.
        std::fs::create_dir(dest.join(MARKER)).unwrap();
        assert!(check_output(&project, &dest).is_err());
        std::fs::remove_dir(dest.join(MARKER)).unwrap();
        // Marked, but b.txt is not listed: added after the export.
        std::fs::write(dest.join(MARKER), "# by fluentpress\na.txt\nc\n").unwrap();
        let err = check_output(&project, &dest).unwrap_err();
        assert!(
            matches!(&err, StageError::Foreign { entry, .. } if entry == "b.txt"),
            "{err}"
        );
        std::fs::write(dest.join(MARKER), "# by fluentpress\na.txt\nb.txt\n").unwrap();
        assert!(check_output(&project, &dest).is_ok(), "marked");
        // A site from a fluentpress without markers is refused, with advice.
        let legacy = dest.with_file_name("legacy");
        std::fs::create_dir_all(&legacy).unwrap();
        for name in ["index.html", "robots.txt", "sitemap.xml", "404.html"] {
            std::fs::write(legacy.join(name), "x").unwrap();
        }
        let err = check_output(&project, &legacy).unwrap_err();
        assert!(
            matches!(err, StageError::Foreign { legacy: true, .. }),
            "{err}"
        );
        assert!(
            err.to_string().contains("delete it and export again"),
            "{err}"
        );
    }

    #[test]
    fn a_file_added_while_the_export_ran_stops_the_swap() {
        let (_dir, project, dest) = project();
        let first = StagedOutput::new(&project, &dest, "web").unwrap();
        std::fs::write(first.path().join("index.html"), "one").unwrap();
        first.commit().unwrap();

        let second = StagedOutput::new(&project, &dest, "web").unwrap();
        std::fs::write(second.path().join("index.html"), "two").unwrap();
        std::fs::write(dest.join("CNAME"), "www.example.org").unwrap();
        let err = second.commit().unwrap_err();
        assert!(
            err.to_string()
                .contains("holds CNAME, which fluentpress did not write"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(dest.join("index.html")).unwrap(),
            "one"
        );
        assert_eq!(
            std::fs::read_to_string(dest.join("CNAME")).unwrap(),
            "www.example.org"
        );
        assert_eq!(names(dest.parent().unwrap()), ["web"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_killed_exports_go_but_a_live_exports_stay() {
        let (_dir, project, dest) = project();
        let dist = dest.parent().unwrap().to_path_buf();
        std::fs::create_dir_all(&dist).unwrap();
        // Killed before it locked anything (or by a fluentpress without locks).
        std::fs::create_dir_all(dist.join(".web.staging-aaaaaa/fr")).unwrap();
        std::fs::write(dist.join(".web.staging-aaaaaa/fr/index.html"), "x").unwrap();
        // Killed while staging: its lock file is there, unlocked.
        std::fs::create_dir_all(dist.join(".web.staging-bbbbbb")).unwrap();
        std::fs::write(dist.join(".web.staging-bbbbbb.lock"), "").unwrap();
        // Killed between moving the old output aside and removing it.
        std::fs::create_dir_all(dist.join(".web.staging-cccccc.old")).unwrap();
        // Live: its lock is held (by another open file, as another process would).
        std::fs::create_dir_all(dist.join(".web.staging-dddddd")).unwrap();
        let live = std::fs::File::create(dist.join(".web.staging-dddddd.lock")).unwrap();
        lock::exclusive(&live).unwrap();
        // Another destination's staging folder, and a link named like a leftover.
        std::fs::create_dir_all(dist.join(".print.staging-eeeeee")).unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("keep.txt"), "kept").unwrap();
        std::os::unix::fs::symlink(outside.path(), dist.join(".web.staging-ffffff")).unwrap();

        let staged = StagedOutput::new(&project, &dest, "web").unwrap();
        staged.commit().unwrap();
        assert_eq!(
            names(&dist),
            [
                ".print.staging-eeeeee",
                ".web.staging-dddddd",
                ".web.staging-dddddd.lock",
                "web"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(outside.path().join("keep.txt")).unwrap(),
            "kept"
        );
        drop(live);
        StagedOutput::new(&project, &dest, "web").unwrap();
        assert_eq!(names(&dist), [".print.staging-eeeeee", "web"]);
    }

    #[cfg(unix)]
    #[test]
    fn private_folders_are_for_the_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let folder = StagedOutput::private("fluentpress-test-private").unwrap();
        let mode = std::fs::metadata(folder.path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        assert!(folder.path().starts_with(std::env::temp_dir()));
        let path = folder.path().to_path_buf();
        drop(folder);
        assert!(!path.exists());
    }

    #[test]
    fn remove_tree_removes_everything_but_never_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("keep");
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(keep.join("target.txt"), "kept").unwrap();
        let tree = dir.path().join("tree");
        for i in 0..300 {
            let page = tree.join(format!("fr/page-{i}"));
            std::fs::create_dir_all(&page).unwrap();
            std::fs::write(page.join("index.html"), "x").unwrap();
        }
        std::fs::write(tree.join("robots.txt"), "x").unwrap();
        std::fs::create_dir_all(tree.join("empty")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&keep, tree.join("link")).unwrap();
            std::os::unix::fs::symlink(&keep, tree.join("fr/link")).unwrap();
            // Below the levels removed in parallel too.
            let deep = tree.join("fr/page-0/a/b/c");
            std::fs::create_dir_all(&deep).unwrap();
            std::os::unix::fs::symlink(&keep, deep.join("link")).unwrap();
        }
        remove_tree(&tree);
        assert!(!tree.exists());
        assert_eq!(
            std::fs::read_to_string(keep.join("target.txt")).unwrap(),
            "kept"
        );
    }
}
