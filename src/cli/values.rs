//! The command line's choices (`--format`, `--only`, `--xliff-version`) as clap value enums, each
//! turned into the library's own type: the library knows nothing of clap.

use clap::ValueEnum;
use fluentpress::{check, status, xliff};

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

impl From<Format> for check::report::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Human => Self::Human,
            Format::Json => Self::Json,
            Format::Github => Self::Github,
            Format::Sarif => Self::Sarif,
            Format::Junit => Self::Junit,
        }
    }
}

/// `status --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
    Markdown,
}

impl From<StatusFormat> for status::StatusFormat {
    fn from(format: StatusFormat) -> Self {
        match format {
            StatusFormat::Table => Self::Table,
            StatusFormat::Json => Self::Json,
            StatusFormat::Markdown => Self::Markdown,
        }
    }
}

/// `xliff export --xliff-version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum XliffVersion {
    #[value(name = "2.0")]
    V2_0,
    #[value(name = "1.2")]
    V1_2,
}

impl From<XliffVersion> for xliff::XliffVersion {
    fn from(version: XliffVersion) -> Self {
        match version {
            XliffVersion::V2_0 => Self::V2_0,
            XliffVersion::V1_2 => Self::V1_2,
        }
    }
}

/// `xliff export --only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// Untranslated units, and plural categories the translation lacks.
    Missing,
    /// Translations whose source changed since they were last edited.
    Stale,
    /// Every unit.
    All,
}

impl From<Only> for xliff::Only {
    fn from(only: Only) -> Self {
        match only {
            Only::Missing => Self::Missing,
            Only::Stale => Self::Stale,
            Only::All => Self::All,
        }
    }
}
