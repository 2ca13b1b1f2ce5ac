//! `check --summary`: one row per locale, one column per code found, each cell the number of
//! findings; the view of a corpus whose findings run to thousands.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::check::{CheckReport, Code, Severity};

/// The table, then the totals line of the human format.
pub fn render(report: &CheckReport) -> String {
    let mut counts: BTreeMap<(&str, Code), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry((d.locale.as_str(), d.code)).or_default() += 1;
    }
    let mut codes: Vec<Code> = counts.keys().map(|(_, code)| *code).collect();
    codes.sort();
    codes.dedup();
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
