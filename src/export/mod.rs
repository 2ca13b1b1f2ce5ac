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
            let _ = std::fs::remove_dir_all(&staged);
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
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(())
    }
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
}
