//! Renderers of a [`CheckReport`]: one module per output format.
//!
//! - `human`: rustc-style diagnostics with the source line and a caret, then a coverage table;
//! - `json`: the stable machine format documented in the guide (docs/src/checking.md);
//! - `github`: workflow commands that GitHub Actions turns into annotations;
//! - `sarif`: SARIF 2.1.0, for code-scanning dashboards;
//! - `junit`: JUnit XML, one test case per locale and file, for CI test reports;
//! - `summary`: counts per locale and code (`check --summary`).

mod github;
mod human;
mod json;
mod junit;
mod sarif;
pub mod summary;

use super::CheckReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

/// Renders `report` in `format`. `color` applies to `human` only.
pub fn render(format: Format, report: &CheckReport, color: bool) -> String {
    match format {
        Format::Human => human::render(report, color),
        Format::Json => json::render(report),
        Format::Github => github::render(report),
        Format::Sarif => sarif::render(report),
        Format::Junit => junit::render(report),
    }
}
