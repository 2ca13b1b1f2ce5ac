//! The rule for export output folders: an export replaces its folder as a whole, so the folder
//! must never be the project, one of its sources, or hold or lie inside them. Checked for
//! `paths.output` when the configuration is read, and by every exporter and `serve` for the
//! folder they are given.

use std::path::{Path, PathBuf};

use super::Project;

/// Why a folder cannot be an export's output. Every export replaces its output folder as a
/// whole (`export::StagedOutput`), so it must never be the project, one of its sources, or a
/// folder holding them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputProblem {
    #[error("it is the project folder")]
    ProjectRoot,
    #[error("it holds the project ({})", .root.display())]
    HoldsProject { root: PathBuf },
    #[error("it exists and is not a folder")]
    NotAFolder,
    #[error("it is the project's {what} ({folder})")]
    IsSource { what: &'static str, folder: String },
    #[error("it holds the project's {what} ({folder})")]
    HoldsSource { what: &'static str, folder: String },
    #[error("it lies inside the project's {what} ({folder})")]
    InsideSource { what: &'static str, folder: String },
}

impl OutputProblem {
    /// What every refusal adds: why, and what to do.
    pub const ADVICE: &'static str =
        "an export replaces its output folder as a whole, so give it a folder of its own";
}

impl Project {
    /// The folders (and file) an export must never replace, hold or write into: what the
    /// project is made of. Paths as configured (for messages).
    pub fn sources(&self) -> [(&'static str, PathBuf); 5] {
        [
            ("configuration file", self.config_path.clone()),
            ("content folder", self.content_dir.clone()),
            ("locales folder", self.locales_dir.clone()),
            ("snapshots folder", self.snapshots_dir.clone()),
            ("templates folder", self.root.join("templates")),
        ]
    }

    /// The part of the output rule that depends only on where `out` is: it may not be the
    /// project folder or a folder above it, an existing file, or a folder that is, holds or lies
    /// inside one of the project's [`sources`](Project::sources). Symbolic links are resolved
    /// first, so a link to `content/` is `content/`. The rest of the rule (what the folder holds)
    /// is checked by the export itself.
    pub fn check_output_folder(&self, out: &Path) -> Result<(), OutputProblem> {
        let out = resolve_path(out);
        let root = resolve_path(&self.root);
        if out == root {
            return Err(OutputProblem::ProjectRoot);
        }
        if root.starts_with(&out) {
            return Err(OutputProblem::HoldsProject { root });
        }
        if std::fs::symlink_metadata(&out).is_ok() && !out.is_dir() {
            return Err(OutputProblem::NotAFolder);
        }
        for (what, path) in self.sources() {
            let folder = self.relative(&path).into_owned();
            let source = resolve_path(&path);
            if out == source {
                return Err(OutputProblem::IsSource { what, folder });
            }
            if source.starts_with(&out) {
                return Err(OutputProblem::HoldsSource { what, folder });
            }
            if out.starts_with(&source) {
                return Err(OutputProblem::InsideSource { what, folder });
            }
        }
        Ok(())
    }
}

/// `path` made absolute, with every symbolic link in the part that exists resolved and `.` and
/// `..` in the part that does not yet exist applied as written: the folder a write to `path`
/// would really reach, for comparing paths that may be spelled differently.
pub fn resolve_path(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        if path.as_os_str().is_empty() {
            cwd
        } else {
            cwd.join(path)
        }
    };
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(mut resolved) = existing.canonicalize() {
            for part in missing.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        resolved.pop();
                    }
                    std::path::Component::Normal(name) => resolved.push(name),
                    _ => {}
                }
            }
            return resolved;
        }
        let mut components = existing.components();
        match components.next_back() {
            Some(last) if !components.as_path().as_os_str().is_empty() => {
                missing.push(last);
                existing = components.as_path();
            }
            // Nothing of it exists (not even the root): compare it as written.
            _ => return absolute,
        }
    }
}
