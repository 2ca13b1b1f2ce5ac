//! `check --summary`: one row per locale, one column per code found, each cell the number of
//! findings; the view of a corpus whose findings run to thousands. As a table for people
//! ([`render`]) or as JSON (`--summary --format json`, [`write_json`], shape in the guide).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use crate::check::{CheckReport, Code, Severity};

/// The JSON summary (version 1): the codes found, in the order of the rule table, and per
/// locale its errors, warnings and the count of each code it has.
#[derive(Serialize)]
struct JsonSummary<'a> {
    version: u32,
    codes: Vec<Code>,
    locales: Vec<LocaleCounts<'a>>,
    summary: Totals,
}

#[derive(Serialize)]
struct LocaleCounts<'a> {
    locale: &'a str,
    errors: usize,
    warnings: usize,
    /// Only the codes the locale has, in the order of `codes`.
    counts: Counts,
}

/// Code → count, as a JSON object in the rule table's order.
struct Counts(Vec<(Code, usize)>);

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (code, n) in &self.0 {
            map.serialize_entry(code.as_str(), n)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Totals {
    errors: usize,
    warnings: usize,
}

/// Counts per (locale, code), and the codes found in the rule table's order.
fn count(report: &CheckReport) -> (BTreeMap<(&str, Code), usize>, Vec<Code>) {
    let mut counts: BTreeMap<(&str, Code), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry((d.locale.as_str(), d.code)).or_default() += 1;
    }
    let mut codes: Vec<Code> = counts.keys().map(|(_, code)| *code).collect();
    codes.sort();
    codes.dedup();
    (counts, codes)
}

/// Writes the summary of `report` as JSON to `out`.
pub fn write_json(report: &CheckReport, out: &mut dyn io::Write) -> io::Result<()> {
    let (counts, codes) = count(report);
    let locales = report
        .locales
        .iter()
        .map(|summary| LocaleCounts {
            locale: &summary.locale,
            errors: summary.errors,
            warnings: summary.warnings,
            counts: Counts(
                codes
                    .iter()
                    .filter_map(|code| {
                        Some((*code, *counts.get(&(summary.locale.as_str(), *code))?))
                    })
                    .collect(),
            ),
        })
        .collect();
    let json = JsonSummary {
        version: 1,
        codes,
        locales,
        summary: Totals {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}

/// The table, then the totals line of the human format.
pub fn render(report: &CheckReport) -> String {
    let (counts, codes) = count(report);
    let locale_width = report
        .locales
        .iter()
        .map(|l| l.locale.chars().count())
        .chain([6])
        .max()
        .unwrap_or(6);
    let mut out = String::new();
    let _ = write!(out, "{:locale_width$}", "locale");
    for code in &codes {
        let _ = write!(out, "  {}", code.as_str());
    }
    out.push('\n');
    // Locales in configuration order (the report's), each with every code column.
    for summary in &report.locales {
        let _ = write!(out, "{:locale_width$}", summary.locale);
        for code in &codes {
            let n = counts
                .get(&(summary.locale.as_str(), *code))
                .copied()
                .unwrap_or(0);
            let _ = write!(out, "  {n:>width$}", width = code.as_str().len());
        }
        out.push('\n');
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let _ = writeln!(
        out,
        "\ncheck: {errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Diagnostic, LocaleSummary};

    fn diagnostic(locale: &str, code: Code) -> Diagnostic {
        Diagnostic {
            severity: code.default_severity(),
            code,
            locale: locale.into(),
            file: "a.ftl".into(),
            line: 1,
            column: 1,
            message_id: None,
            message: String::new(),
            help: None,
            width: 1,
            source_line: None,
            locale_file: None,
        }
    }

    fn summary(locale: &str) -> LocaleSummary {
        LocaleSummary {
            locale: locale.into(),
            messages: 0,
            translated: 0,
            missing: 0,
            obsolete: 0,
            stale: 0,
            errors: 0,
            warnings: 0,
            coverage: 100.0,
            words: 0,
            words_translated: 0,
            min_coverage: 0.0,
            files: Vec::new(),
        }
    }

    #[test]
    fn one_row_per_locale_one_column_per_code() {
        let report = CheckReport {
            diagnostics: vec![
                diagnostic("fr", Code::IdenticalToSource),
                diagnostic("fr", Code::IdenticalToSource),
                diagnostic("de", Code::MissingMessage),
            ],
            locales: vec![summary("en-US"), summary("fr"), summary("de")],
            baselined: 0,
        };
        let table = render(&report);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "locale  missing-message  identical-to-source");
        assert_eq!(lines[1], "en-US                 0                    0");
        assert_eq!(lines[2], "fr                    0                    2");
        assert_eq!(lines[3], "de                    1                    0");
    }
}
