//! JUnit XML: one test suite per locale, one test case per file of the locale (the files it
//! lacks included). A case fails with one `<failure>` per diagnostic of that file that fails
//! the run (errors; warnings too under `--deny warnings`); the other warnings are listed in the
//! case's `<system-out>`, so a run that exits 0 reports `failures="0"`. A missing message
//! counts against the locale's file that should hold it. Diagnostics located elsewhere (the
//! configuration) get a case of their own.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quick_xml::escape::escape as xml_escape;

use super::{RenderOptions, report_file};
use crate::check::{CheckReport, Diagnostic, Severity};
use crate::diagnostic::escape_controls;
use crate::xml::{XmlWriter, is_forbidden};

/// Text and attribute values: control characters made visible (XML 1.0 cannot carry most C0
/// characters at all, and the others would reach the terminal of whoever reads the log), then
/// quick-xml's escaping of `&`, `<`, `>`, `"` and `'`.
fn escape(text: &str) -> String {
    let visible = escape_controls(text);
    let kept: String = visible.chars().filter(|&c| !is_forbidden(c)).collect();
    xml_escape(kept.as_str()).into_owned()
}

/// `file:line:col: message` and the help line, escaped.
fn body(d: &Diagnostic) -> String {
    let mut body = escape(&format!(
        "{}:{}:{}: {}",
        d.file, d.line, d.column, d.message
    ));
    if let Some(help) = &d.help {
        body.push_str("\nhelp: ");
        body.push_str(&escape(help));
    }
    body
}

pub fn render(report: &CheckReport, options: &RenderOptions) -> String {
    // The totals head the document, so the suites are written first, into their own writer.
    let mut w = XmlWriter::new();
    let (mut total_tests, mut total_failures) = (0, 0);
    for summary in &report.locales {
        let tag = &summary.locale;
        // Cases: the locale's own files, the files it should have, and any other file named.
        let mut cases: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for file in &summary.files {
            cases.entry(file).or_default();
        }
        for d in report.diagnostics.iter().filter(|d| &d.locale == tag) {
            cases.entry(report_file(d)).or_default().push(d);
        }
        let failures = cases
            .values()
            .filter(|ds| ds.iter().any(|d| options.fails(d)))
            .count();
        total_tests += cases.len();
        total_failures += failures;
        let tag = escape(tag);
        w.raw("  ");
        w.start(
            "testsuite",
            &[
                ("name", &tag),
                ("tests", &cases.len().to_string()),
                ("failures", &failures.to_string()),
                ("errors", "0"),
            ],
        );
        w.raw("\n");
        for (file, diagnostics) in &cases {
            let file = escape(file);
            let attributes = [("classname", tag.as_str()), ("name", file.as_str())];
            w.raw("    ");
            if diagnostics.is_empty() {
                w.empty("testcase", &attributes);
                w.raw("\n");
                continue;
            }
            w.start("testcase", &attributes);
            w.raw("\n");
            let mut passing = String::new();
            for d in diagnostics {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                if !options.fails(d) {
                    let _ = writeln!(passing, "{kind}[{}]: {}", d.code, body(d));
                    continue;
                }
                let code = d.code.to_string();
                w.raw("      ");
                w.element(
                    "failure",
                    &[
                        ("type", &code),
                        (
                            "message",
                            &format!("{code} [{kind}]: {}", escape(&d.message)),
                        ),
                    ],
                    &body(d),
                );
                w.raw("\n");
            }
            if !passing.is_empty() {
                w.raw("      ");
                w.element("system-out", &[], &passing);
                w.raw("\n");
            }
            w.raw("    ");
            w.end("testcase");
            w.raw("\n");
        }
        w.raw("  ");
        w.end("testsuite");
        w.raw("\n");
    }
    let mut doc = XmlWriter::new();
    doc.declaration();
    doc.start(
        "testsuites",
        &[
            ("name", "fluentpress check"),
            ("tests", &total_tests.to_string()),
            ("failures", &total_failures.to_string()),
        ],
    );
    doc.raw("\n");
    doc.raw(&w.finish());
    doc.end("testsuites");
    doc.raw("\n");
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_shows_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u{1}"
        );
        // No character XML 1.0 forbids, nor a raw escape sequence, reaches the document.
        assert_eq!(
            escape("a\r\nb\tc\u{1b}[1m\u{ffff}"),
            "a\\u{d}\\u{a}b\tc\\u{1b}[1m"
        );
    }
}
