//! GitHub Actions workflow commands: each diagnostic becomes an annotation on its locale file
//! (and line): `::error` when it fails the run, `::warning` when it does not. A missing message
//! is annotated on the locale file that should hold it, naming the source position.

use std::fmt::Write as _;

use super::{RenderOptions, report_file};
use crate::check::CheckReport;
use crate::diagnostic::escape_controls;

/// Escaping for the message part (`%`, CR, LF), after the other control characters are made
/// visible: a log line must not carry a terminal escape from a translation.
fn escape_data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    escape_controls(&text).into_owned()
}

/// Escaping for property values, which also may not contain `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &CheckReport, options: &RenderOptions) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = if options.fails(d) { "error" } else { "warning" };
        let mut message = format!("[{}] {}", d.locale, d.message);
        if d.locale_file.is_some() {
            let _ = write!(message, " (source: {}:{}:{})", d.file, d.line, d.column);
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = write!(out, "::{command} file={}", escape_property(report_file(d)));
        // A file-level annotation when the locale's file does not hold the problem.
        if d.locale_file.is_none() {
            let _ = write!(out, ",line={},col={}", d.line, d.column);
        }
        let _ = writeln!(
            out,
            ",title={}::{}",
            escape_property(d.code.as_str()),
            escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        // Terminal escapes and bells are shown, not sent to the log viewer.
        assert_eq!(escape_data("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
    }
}
