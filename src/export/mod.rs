//! Exporters: localized bundles written from the catalog through the [`crate::localize`] layer.
//!
//! Every exporter writes into a [`StagedDir`]: a fresh folder beside the destination that replaces
//! the destination only when the whole export succeeded. A failed or interrupted export leaves
//! the previous output untouched, never a half-written `dist/`.

pub mod json;
#[cfg(feature = "print")]
pub mod print;
pub mod web;

use std::path::{Path, PathBuf};

/// Errors of the staging folder itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StageError {
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

/// A folder to write an export into, swapped into place by [`StagedDir::commit`]. Dropped
/// without a commit, it is removed and the destination is left as it was.
#[derive(Debug)]
pub struct StagedDir {
    destination: PathBuf,
    staging: tempfile::TempDir,
}

impl StagedDir {
    /// Prepares a staging folder in the destination's parent (same file system, so the final
    /// rename is atomic).
    pub fn new(destination: &Path) -> Result<StagedDir, StageError> {
        let parent = destination
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|source| StageError::Prepare {
            path: parent.to_path_buf(),
            source,
        })?;
        let name = destination
            .file_name()
            .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(parent)
            .map_err(|source| StageError::Prepare {
                path: parent.to_path_buf(),
                source,
            })?;
        Ok(StagedDir {
            destination: destination.to_path_buf(),
            staging,
        })
    }

    /// Where to write.
    pub fn path(&self) -> &Path {
        self.staging.path()
    }

    /// Replaces the destination with the staged folder: the old output is moved aside, the new
    /// one renamed into place, and the old one removed.
    pub fn commit(self) -> Result<(), StageError> {
        let swap_err = |source| StageError::Swap {
            path: self.destination.clone(),
            source,
        };
        let staged = self.staging.keep();
        let parent = staged.parent().unwrap_or(Path::new("."));
        // Where the kernel can swap two paths in one step, an interruption (even SIGKILL) at any
        // point leaves either the old output or the new one in place, never neither.
        #[cfg(target_os = "linux")]
        if self.destination.exists() && exchange(&staged, &self.destination).is_ok() {
            // The staging path now holds the previous output.
            remove_tree(&staged);
            return Ok(());
        }
        let mut old = None;
        if self.destination.exists() {
            let aside = tempfile::Builder::new()
                .prefix(".old-")
                .tempdir_in(parent)
                .map_err(swap_err)?
                .keep();
            let aside = aside.join("previous");
            std::fs::rename(&self.destination, &aside).map_err(swap_err)?;
            old = aside.parent().map(Path::to_path_buf);
        }
        if let Err(e) = std::fs::rename(&staged, &self.destination) {
            // Put the previous output back before reporting.
            if let Some(old) = &old {
                let _ = std::fs::rename(old.join("previous"), &self.destination);
                let _ = std::fs::remove_dir_all(old);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(swap_err(e));
        }
        if let Some(old) = old {
            remove_tree(&old);
        }
        Ok(())
    }
}

/// Removes folder `dir` and all it holds, as `remove_dir_all` does, but on every core: a
/// site's previous output is thousands of folders and files, and removing them on one thread
/// took as long as rendering all the pages on two. The entries two levels down (a site's
/// `{locale}/{page}/` folders) are shared among the threads; errors are ignored, as what is left
/// is a stale copy the next export replaces.
fn remove_tree(dir: &Path) {
    let entries = |dir: &Path| -> Vec<(PathBuf, bool)> {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            // `file_type` does not follow symbolic links: a link is removed, never its target.
            .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
            .collect()
    };
    // One list per top-level folder, dealt out in turn: threads taking neighbouring entries then
    // work in different folders, and do not queue for the same folder's lock.
    let mut lists = Vec::new();
    let mut files = Vec::new();
    for (path, is_dir) in entries(dir) {
        if is_dir {
            lists.push(entries(&path).into_iter());
        } else {
            files.push((path, false));
        }
    }
    let mut work = files;
    while !lists.is_empty() {
        lists.retain_mut(|list| list.next().map(|entry| work.push(entry)).is_some());
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(work.len() / 64 + 1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let remove = || {
        while let Some((path, is_dir)) =
            work.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        {
            let _ = if *is_dir {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(remove);
        }
        remove();
    });
    // What is left: the emptied folders.
    let _ = std::fs::remove_dir_all(dir);
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

    #[test]
    fn commit_replaces_and_drop_leaves_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("web");
        std::fs::create_dir_all(&dest).unwrap();
        std::fs::write(dest.join("old.html"), "old").unwrap();

        let failed = StagedDir::new(&dest).unwrap();
        std::fs::write(failed.path().join("half.html"), "half").unwrap();
        drop(failed);
        assert!(dest.join("old.html").exists());
        assert!(!dest.join("half.html").exists());

        let staged = StagedDir::new(&dest).unwrap();
        std::fs::write(staged.path().join("new.html"), "new").unwrap();
        staged.commit().unwrap();
        assert!(dest.join("new.html").exists());
        assert!(!dest.join("old.html").exists());
        // Nothing is left behind beside the destination.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["web"]);
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
        }
        remove_tree(&tree);
        assert!(!tree.exists());
        assert_eq!(
            std::fs::read_to_string(keep.join("target.txt")).unwrap(),
            "kept"
        );
    }
}
