//! JUnit XML: one test suite per locale, one test case per file of the locale (source files the
//! locale lacks included); a case fails with one `<failure>` per diagnostic of that file.
//! Diagnostics located elsewhere (the configuration) get a case of their own.

use std::collections::BTreeMap;

use quick_xml::escape::escape as xml_escape;

use crate::check::{CheckReport, Diagnostic, Severity};
use crate::xml::{XmlWriter, is_forbidden};

/// Text and attribute values: quick-xml's full escaping (`&`, `<`, `>`, `"`, `'`, and a carriage
/// return as `&#13;` so it survives parsing), after dropping the characters XML 1.0 cannot carry.
fn escape(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| !is_forbidden(c)).collect();
    xml_escape(kept.as_str()).into_owned()
}

pub fn render(report: &CheckReport) -> String {
    // The totals head the document, so the suites are written first, into their own writer.
    let mut w = XmlWriter::new();
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
                    &escape(&body),
                );
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
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        // A carriage return as a reference: a raw one is read back as a line feed.
        assert_eq!(escape("a\r\nb\tc"), "a&#13;\nb\tc");
    }
}
