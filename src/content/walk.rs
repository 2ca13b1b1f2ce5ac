//! The one directory walk of the project: `content/` for pages, each locale's folder for FTL
//! files, the generated-pages folder for `extract`.
//!
//! The walk itself is `walkdir` (sorted by file name, following links, with its loop detection);
//! this file adds the project's rules on top: a symbolic link must lead inside the project (a
//! translated site must not publish files from elsewhere on the machine), a link back to a folder
//! that contains it is named as a loop, and an entry deleted while the walk runs (another run's
//! temporary file) is simply not there.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::ContentError;

/// Every file with extension `ext` below `dir`, in the order of a depth-first walk with each
/// folder's entries sorted by name, refusing symbolic links that lead outside `root`.
pub fn collect_files(
    root: &Path,
    dir: &Path,
    ext: &str,
    out: &mut Vec<PathBuf>,
) -> Result<(), ContentError> {
    let walk = WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => match refusal(root, dir, error)? {
                Some(refused) => return Err(refused),
                None => continue,
            },
        };
        if entry.path_is_symlink() {
            check_link(root, entry.path())?;
        }
        // Folders (also those reached through a link) are walked into; anything else with the
        // extension is listed, whatever its kind: the reader says what is wrong with it.
        if !entry.file_type().is_dir() && entry.path().extension().is_some_and(|e| e == ext) {
            out.push(entry.into_path());
        }
    }
    Ok(())
}

/// A link must not lead back to a folder that contains it (it would be walked again and again
/// until the path grows too long for the system, and then reported as something else), nor
/// outside the project. walkdir finds loops first (it knows the folders of the walk and those
/// above it); the loop test here keeps the rule true should it ever not.
fn check_link(root: &Path, path: &Path) -> Result<(), ContentError> {
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let target = path.canonicalize();
    let here = path.parent().map(Path::canonicalize);
    if let (Ok(target), Some(Ok(here))) = (&target, here)
        && here.starts_with(target)
    {
        return Err(loop_error(path, target));
    }
    let inside = match (target, root.canonicalize()) {
        (Ok(target), Ok(root)) => target.starts_with(root),
        _ => false,
    };
    if inside {
        Ok(())
    } else {
        Err(ContentError::SymlinkOutside {
            path: path.to_path_buf(),
        })
    }
}

fn loop_error(path: &Path, target: &Path) -> ContentError {
    ContentError::SymlinkLoop {
        target: std::fs::read_link(path).unwrap_or_else(|_| target.to_path_buf()),
        path: path.to_path_buf(),
    }
}

/// What a walk error means for the project: `Ok(None)` for an entry that is gone since its
/// folder was listed (nothing to collect), else the refusal to report.
fn refusal(
    root: &Path,
    dir: &Path,
    error: walkdir::Error,
) -> Result<Option<ContentError>, ContentError> {
    // Only the comparison of two folders in the loop check fails without a path.
    let path = error.path().unwrap_or(dir).to_path_buf();
    // walkdir saw the link lead to a folder it is walking through.
    if let Some(ancestor) = error.loop_ancestor() {
        return Ok(Some(loop_error(&path, ancestor)));
    }
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        // A link walkdir could not follow (dangling, or its target unreadable): the project's
        // link rules say what it is, as they did before walkdir followed it.
        check_link(root, &path)?;
    }
    let source = error
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("the walk failed"));
    if source.kind() == ErrorKind::NotFound && !is_link {
        return Ok(None);
    }
    Ok(Some(ContentError::List { path, source }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(root: &Path, dir: &Path) -> Result<Vec<String>, ContentError> {
        let mut out = Vec::new();
        collect_files(root, dir, "md", &mut out)?;
        Ok(out
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect())
    }

    /// Pages are numbered in walk order (the order of the sitemap, of `extract`'s files): each
    /// folder's entries sorted by name, a folder walked where its name sorts, not after the files.
    #[test]
    fn the_walk_is_depth_first_and_sorted_by_name() {
        let root = tempfile::tempdir().unwrap();
        for file in [
            "b.md",
            "a/z.md",
            "a/b/c.md",
            "c.md",
            "a.md",
            "x.txt",
            "d.md/e.md",
        ] {
            let path = root.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        assert_eq!(
            walk(root.path(), root.path()).unwrap(),
            ["a/b/c.md", "a/z.md", "a.md", "b.md", "c.md", "d.md/e.md"]
        );
    }

    /// A dangling link is refused as leading outside (its target is nowhere in the project),
    /// also now that walkdir, not the rule, is the first to fail to follow it.
    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_refused() {
        let root = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("gone", root.path().join("page.md")).unwrap();
        let err = walk(root.path(), root.path()).unwrap_err().to_string();
        assert!(
            err.contains("page.md: a symbolic link that leads outside the project"),
            "{err}"
        );
    }

    /// A link to a folder that contains it is a loop however far up it leads, inside the
    /// walked folder or above it.
    #[cfg(unix)]
    #[test]
    fn loops_above_and_inside_the_walk_are_named() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for (link, target) in [("sub/self", "."), ("sub/top", ".."), ("sub/up", "../..")] {
            let path = dir.join(link);
            std::os::unix::fs::symlink(target, &path).unwrap();
            let err = walk(root.path(), &dir).unwrap_err().to_string();
            assert!(
                err.contains(&format!(
                    "{link}: a symbolic link loop: it leads back to `{target}`"
                )),
                "{err}"
            );
            std::fs::remove_file(path).unwrap();
        }
    }
}
