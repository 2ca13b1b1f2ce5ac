//! The stable JSON report (version 1), documented in the guide (docs/src/checking.md).

use serde::Serialize;

use crate::check::{CheckReport, Diagnostic, LocaleSummary, Severity};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: &'a [Diagnostic],
    locales: &'a [LocaleSummary],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

pub fn render(report: &CheckReport) -> String {
    let json = JsonReport {
        version: 1,
        diagnostics: &report.diagnostics,
        locales: &report.locales,
        summary: Summary {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
        },
    };
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
