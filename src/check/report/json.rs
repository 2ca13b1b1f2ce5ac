//! The stable JSON report (version 1), documented in the guide (docs/src/checking.md). Streamed
//! to the writer from the report's own data: no copy of the document is held in memory.

use std::io;

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

/// Streams the JSON report of `report` to `out`.
pub fn write(report: &CheckReport, out: &mut dyn io::Write) -> io::Result<()> {
    let json = JsonReport {
        version: 1,
        diagnostics: &report.diagnostics,
        locales: &report.locales,
        summary: Summary {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
        },
    };
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &json)?;
    io::Write::write_all(&mut out, b"\n")?;
    io::Write::flush(&mut out)
}
