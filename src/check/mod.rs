//! `check`: validates every locale against the source and reports every problem in one run.
//!
//! The checker reads a loaded [`Catalog`](crate::catalog::Catalog) and writes nothing. Each rule
//! (one module under [`rules`]) looks at one locale through a [`LocaleContext`] and pushes
//! [`Diagnostic`]s, plain data with a stable kebab-case [`Code`]. Then severities are resolved
//! from the configuration, suppressions (config and `# fluentpress-ignore: CODE` comments) and
//! the baseline are applied, and the result is sorted by locale, file, line, column and code, so
//! two runs print the same. The [`report`] modules render a [`CheckReport`] for people and for
//! CI.
//!
//! One job per file: `run` is the run loop (locales in parallel, the report assembled), `context`
//! builds each locale's [`LocaleContext`] (source matched to target, once), `severity` resolves
//! a code's severity from the configuration, `suppress` applies `check.ignore` and
//! `fluentpress-ignore` comments, `baseline` is the `--baseline` file, and `file` checks one
//! file with unsaved text in place of the file on disk (the language server's entry point).

mod baseline;
mod context;
mod file;
pub mod report;
pub mod rules;
mod run;
mod severity;
mod suppress;

use serde::Serialize;

pub use baseline::{Baseline, BaselineEntry, BaselineError};
pub use context::{LocaleContext, Matched, PatternKeys};
pub use file::{FileCheck, Translations, check_file};
pub use run::{check, check_project};
pub use suppress::glob_match;

use crate::catalog;
pub use crate::catalog::{EntryIndex, Located};
pub use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::glossary;
use crate::snapshot;

/// Counts of one locale, for the coverage table and the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocaleSummary {
    pub locale: String,
    pub messages: usize,
    pub translated: usize,
    pub missing: usize,
    pub obsolete: usize,
    pub stale: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Percent of source messages translated, 0..=100.
    pub coverage: f64,
    pub words: usize,
    pub words_translated: usize,
    /// The locale's threshold (percent).
    #[serde(skip)]
    pub min_coverage: f64,
    /// Project-relative paths of the locale's files and of the source files it lacks (for
    /// JUnit's one test case per file).
    #[serde(skip)]
    pub files: Vec<String>,
}

/// Everything one run found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub locales: Vec<LocaleSummary>,
    /// Diagnostics dropped by the baseline.
    pub baselined: usize,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether the run fails: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }
}

/// Options of one run (the command line's part).
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::check::CheckOptions {
///     locales: Vec::new(),
///     min_coverage: None,
/// };
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CheckOptions {
    /// Locales to check; empty means every configured locale (the source included).
    pub locales: Vec<String>,
    /// Overrides every locale's `min_coverage`.
    pub min_coverage: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    #[error(transparent)]
    UnknownLocale(#[from] crate::config::UnknownLocale),
    #[error(transparent)]
    Catalog(#[from] catalog::CatalogError),
    #[error(transparent)]
    Glossary(#[from] glossary::GlossaryError),
    #[error(transparent)]
    Snapshot(#[from] snapshot::SnapshotError),
    #[error(transparent)]
    Baseline(#[from] BaselineError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_kebab_case() {
        for code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
        assert_eq!(Code::ALL.len(), 31);
    }
}
