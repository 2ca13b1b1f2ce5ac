//! JUnit XML: one test suite per locale, one test case per file of the locale (source files the
//! locale lacks included); a case fails with one `<failure>` per diagnostic of that file.
//! Diagnostics located elsewhere (the configuration) get a case of their own.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::check::{CheckReport, Diagnostic, Severity};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &CheckReport) -> String {
    let mut suites = String::new();
    let (mut total_tests, mut total_failures) = (0, 0);
    for summary in &report.locales {
        let tag = &summary.locale;
        // Cases: the locale's own files, the files it should have, and any other file named.
        let mut cases: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
        for file in &summary.files {
            cases.entry(file.clone()).or_default();
        }
        for d in report.diagnostics.iter().filter(|d| &d.locale == tag) {
            cases.entry(d.file.clone()).or_default().push(d);
        }
        let failures = cases.values().filter(|ds| !ds.is_empty()).count();
        total_tests += cases.len();
        total_failures += failures;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            escape(tag),
            cases.len()
        );
        for (file, diagnostics) in &cases {
            let _ = write!(
                suites,
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(tag),
                escape(file)
            );
            if diagnostics.is_empty() {
                suites.push_str("/>\n");
                continue;
            }
            suites.push_str(">\n");
            for d in diagnostics {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let mut body = format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message);
                if let Some(help) = &d.help {
                    body.push_str("\nhelp: ");
                    body.push_str(help);
                }
                let _ = writeln!(
                    suites,
                    "      <failure type=\"{}\" message=\"{} [{kind}]: {}\">{}</failure>",
                    d.code,
                    d.code,
                    escape(&d.message),
                    escape(&body)
                );
            }
            suites.push_str("    </testcase>\n");
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fluentpress check\" tests=\"{total_tests}\" failures=\"{total_failures}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
