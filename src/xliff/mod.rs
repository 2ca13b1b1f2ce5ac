//! The translator round trip: a locale as XLIFF for CAT tools (Trados, memoQ, OmegaT), and back.
//!
//! - [`model`]: a source pattern and its translation as units (one per value, attribute and
//!   plural variant), their text with placeables and Markdown protected as inline codes (found
//!   by [`crate::markup`]), and the way back to an FTL pattern (written by [`crate::ftl`]).
//! - [`units`]: a locale's units in source order, with state and numbered codes.
//! - [`export`]: units → XLIFF 2.0 or 1.2, through quick-xml's writer ([`crate::xml`]).
//! - [`read`]: XLIFF → an element tree, refusing DOCTYPEs, unknown entities and deep nesting.
//! - [`import`]: checks every unit against the files on disk, then rewrites only what changed
//!   and refreshes the locale's snapshot; one file per phase (read the document, match units,
//!   decide, write).

pub mod export;
pub mod import;
pub mod model;
pub mod read;
pub mod units;

use std::path::PathBuf;

pub use export::ExportSummary;
pub use import::{FileChange, ImportOptions, ImportOutcome, ImportProblem, ImportReport};

use crate::catalog::{self, CatalogError};
use crate::config::Project;
use crate::fsutil::ReadError;
use crate::snapshot::SnapshotError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XliffVersion {
    V2_0,
    V1_2,
}

/// Which units an export includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Untranslated units, and plural categories the translation lacks.
    Missing,
    /// Translations whose source changed since they were last edited.
    Stale,
    /// Every unit.
    All,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum XliffError {
    #[error(transparent)]
    UnknownLocale(#[from] crate::config::UnknownLocale),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("internal error: {message}")]
    Internal { message: String },
    #[error(transparent)]
    Transaction(#[from] crate::transaction::TransactionError),
}

/// An XLIFF round trip needs every file of both locales: a file check reports as unreadable
/// (not UTF-8, not a regular file) would export as untranslated and be rewritten on import.
fn refuse_unreadable(catalog: &catalog::Catalog) -> Result<(), XliffError> {
    let unreadable = catalog.locales.iter().flat_map(|l| &l.files);
    match unreadable.filter_map(|f| f.read_error()).next() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// The XLIFF document of locale `tag`, or `None` when `only` leaves no unit.
pub fn export_locale(
    project: &Project,
    tag: &str,
    version: XliffVersion,
    only: Only,
) -> Result<Option<(String, ExportSummary)>, XliffError> {
    let source_tag = project.source_locale().tag.clone();
    project.require_target_locale(tag)?;
    let catalog = catalog::load_locales(project, &[source_tag.as_str(), tag])?;
    refuse_unreadable(&catalog)?;
    let units = units::locale_units(project, &catalog, tag)?;
    Ok(export::render_xliff(&units, version, only))
}
