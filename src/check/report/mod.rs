//! Renderers of a [`CheckReport`]: one module per output format.
//!
//! - `human`: rustc-style diagnostics with the source line and a caret, then a coverage table;
//! - `json`: the stable machine format documented in the guide (docs/src/checking.md);
//! - `github`: workflow commands that GitHub Actions turns into annotations;
//! - `sarif`: SARIF 2.1.0, for code-scanning dashboards;
//! - `junit`: JUnit XML, one test case per locale file, for CI test reports;
//! - `summary`: counts per locale and code (`check --summary`).
//!
//! Every format is written to an [`io::Write`](std::io::Write): the JSON and SARIF documents of
//! a large project (tens of megabytes) are streamed, never built whole in memory. The three CI
//! formats agree on two things: a problem is filed under the locale's file (a missing message
//! under the file that should hold it, see [`Diagnostic::locale_file`]), and only what fails the
//! run (errors; warnings under `--deny warnings`) is a failure.

mod github;
pub mod human;
mod json;
mod junit;
mod sarif;
pub mod summary;

use std::io;

use super::{CheckReport, Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

/// How a report is rendered, beyond its format.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Colors (`human` only).
    pub color: bool,
    /// Warnings fail the run (`--deny warnings`): the CI formats make them failures too.
    pub deny_warnings: bool,
    /// Every finding in the human format too (`--all`), not the first
    /// [`SHOWN_PER_CODE`](human::SHOWN_PER_CODE) of each code in each locale.
    pub all: bool,
}

impl RenderOptions {
    pub fn new(color: bool, deny_warnings: bool) -> RenderOptions {
        RenderOptions {
            color,
            deny_warnings,
            all: false,
        }
    }

    /// These options, showing every finding in the human format (`check --all`).
    pub fn with_all(self, all: bool) -> RenderOptions {
        RenderOptions { all, ..self }
    }

    /// Whether `d` fails the run under these options.
    fn fails(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Error || self.deny_warnings
    }
}

/// Writes `report` in `format` to `out`.
pub fn write(
    format: Format,
    report: &CheckReport,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Human => out.write_all(human::render(report, options).as_bytes()),
        Format::Json => json::write(report, out),
        Format::Github => out.write_all(github::render(report, options).as_bytes()),
        Format::Sarif => sarif::write(report, out),
        Format::Junit => out.write_all(junit::render(report, options).as_bytes()),
    }
}

/// Renders `report` in `format` into a string (warnings not denied). `color` applies to
/// `human` only.
pub fn render(format: Format, report: &CheckReport, color: bool) -> String {
    let mut out = Vec::new();
    // Writing into a `Vec` cannot fail.
    let _ = write(format, report, &RenderOptions::new(color, false), &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The file a CI report files `d` under: the locale's file (see [`Diagnostic::locale_file`]).
fn report_file(d: &Diagnostic) -> &str {
    d.locale_file.as_deref().unwrap_or(&d.file)
}
