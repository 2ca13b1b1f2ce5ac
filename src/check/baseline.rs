//! The `--baseline` file: diagnostics recorded once, so a run reports only the new ones.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic};
use crate::fsutil;

/// A recorded set of known diagnostics: `--baseline` reports only what is not in it.
/// Keyed by (code, locale, file, message id), not by line, so edits elsewhere in a file do not
/// make old problems look new.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub code: Code,
    pub locale: String,
    pub file: String,
    pub message_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error("{}: invalid baseline file: {message}", .path.display())]
    Invalid {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("cannot write baseline {}: {source}", .path.display())]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Baseline {
    pub fn from_diagnostics(diagnostics: &[Diagnostic]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = diagnostics.iter().map(baseline_entry).collect();
        entries.sort();
        Baseline {
            version: 1,
            entries,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = fsutil::read_utf8(path)?;
        serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        fsutil::write_atomic(path, text.as_bytes()).map_err(|source| BaselineError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The diagnostics not accounted for by the baseline (each entry absorbs one diagnostic).
    pub fn filter_new(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut budget: BTreeMap<&BaselineEntry, usize> = BTreeMap::new();
        for entry in &self.entries {
            *budget.entry(entry).or_default() += 1;
        }
        diagnostics
            .into_iter()
            .filter(|d| {
                let key = baseline_entry(d);
                match budget.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

fn baseline_entry(d: &Diagnostic) -> BaselineEntry {
    BaselineEntry {
        code: d.code,
        locale: d.locale.clone(),
        file: d.file.clone(),
        message_id: d.message_id.clone(),
    }
}
