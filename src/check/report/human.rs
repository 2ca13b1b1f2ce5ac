//! Diagnostics as people read them: `error[code]: message`, `--> file:line:col`, the source line
//! with a caret (via `annotate-snippets`), a help line; then a coverage table per locale.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use rustc_hash::FxHashMap;

use crate::check::{CheckReport, Code, Diagnostic, Severity};
use crate::diagnostic::{escape_controls, picture_controls};
use crate::numbers::{Percent, count, percent, thousands};

pub fn render(report: &CheckReport, options: &super::RenderOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // Past `SHOWN_PER_CODE` findings of one code in one locale, the rest are counted, not
    // shown: 30,000 identical-to-source warnings are not read one by one (the machine formats
    // and `--summary` have them all; `--all` shows them here too). Diagnostics come sorted by
    // locale.
    let cap = if options.all {
        usize::MAX
    } else {
        SHOWN_PER_CODE
    };
    let mut shown: FxHashMap<Code, usize> = FxHashMap::default();
    let mut locale: Option<&str> = None;
    for d in &report.diagnostics {
        if locale != Some(d.locale.as_str()) {
            more_line(&mut out, &shown, locale, cap);
            shown.clear();
            locale = Some(&d.locale);
        }
        let seen = shown.entry(d.code).or_default();
        *seen += 1;
        if *seen > cap {
            continue;
        }
        render_one(&mut out, d, &renderer);
        out.push('\n');
    }
    more_line(&mut out, &shown, locale, cap);
    coverage_table(&mut out, report);
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let _ = write!(
        out,
        "check: {}, {}",
        count(errors, "error"),
        count(warnings, "warning")
    );
    if report.baselined > 0 {
        let _ = write!(
            out,
            " ({} known from the baseline not shown)",
            thousands(report.baselined)
        );
    }
    out.push('\n');
    out
}

/// How many findings of one code a locale shows in full.
pub const SHOWN_PER_CODE: usize = 20;

/// "… and 312 more identical-to-source in fr", for each code of the locale past the cap.
fn more_line(out: &mut String, shown: &FxHashMap<Code, usize>, locale: Option<&str>, cap: usize) {
    let Some(locale) = locale else {
        return;
    };
    let mut capped: Vec<(Code, usize)> = shown
        .iter()
        .filter(|(_, n)| **n > cap)
        .map(|(code, n)| (*code, n - cap))
        .collect();
    capped.sort();
    for (code, more) in capped {
        let _ = writeln!(
            out,
            "… and {more} more {code} in {locale} (every one: --all; counts: --summary)\n",
            more = thousands(more),
            code = code.as_str()
        );
    }
}

fn render_one(out: &mut String, d: &Diagnostic, renderer: &Renderer) {
    // Errors are underlined with `^`, warnings with `-`, as rustc does.
    let (level, underline) = match d.severity {
        Severity::Error => (Level::ERROR, AnnotationKind::Primary),
        Severity::Warning => (Level::WARNING, AnnotationKind::Context),
    };
    // Everything shown may come from a hostile file (its name, its text, a message quoting
    // it): control characters are written as visible escapes, never sent to the terminal.
    let file = escape_controls(&d.file);
    let help = d.help.as_deref().map(escape_controls);
    let title = format!(
        "{} [{}]",
        escape_controls(&d.message),
        escape_controls(&d.locale)
    );
    let title = level.primary_title(&title).id(d.code.as_str());
    if let Some(line_text) = d.source_line.as_deref() {
        let (line_text, span) = escaped_line(line_text, d.column.saturating_sub(1), d.width);
        let snippet = Snippet::source(&line_text)
            .line_start(d.line)
            .path(&file)
            .annotation(underline.span(span));
        let mut group = title.element(snippet);
        if let Some(help) = help.as_deref() {
            group = group.element(Level::HELP.message(help));
        }
        let _ = writeln!(out, "{}", renderer.render(&[group]));
    } else {
        // No source to show (a file that does not exist yet, the configuration).
        let _ = writeln!(out, "{}", renderer.render(&[Group::with_title(title)]));
        let _ = writeln!(out, "  --> {file}:{}:{}", d.line, d.column);
        if let Some(help) = help {
            let _ = writeln!(out, "   = help: {help}");
        }
    }
}

/// `line` with its control characters shown as pictures (one character each, so the column
/// in the `-->` line stays the file's), and the byte range of the caret: `width` characters
/// from character `column`, at least one byte unless the line is empty (the caret then sits
/// at its end).
fn escaped_line(line: &str, column: usize, width: usize) -> (String, std::ops::Range<usize>) {
    let text = picture_controls(line).into_owned();
    let start = byte_of_char(&text, column);
    let end = byte_of_char(&text, column + width).max(start);
    let end = end.max(start + usize::from(start < text.len()));
    (text, start..end)
}

fn byte_of_char(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn coverage_table(out: &mut String, report: &CheckReport) {
    if report.locales.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>7} {:>8} {:>8} {:>7} {:>7} {:>6} {:>8}",
        "locale",
        "messages",
        "words",
        "% msgs",
        "% words",
        "missing",
        "stale",
        "errors",
        "warnings"
    );
    for s in &report.locales {
        let _ = writeln!(
            out,
            "{:<10} {:>8} {:>7} {:>8} {:>8} {:>7} {:>7} {:>6} {:>8}",
            escape_controls(&s.locale),
            thousands(s.messages),
            thousands(s.words),
            Percent(percent(s.translated, s.messages)),
            Percent(percent(s.words_translated, s.words)),
            thousands(s.missing),
            thousands(s.stale),
            thousands(s.errors),
            thousands(s.warnings)
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn diagnostic(severity: Severity, line: usize, source_line: &str) -> Diagnostic {
        Diagnostic {
            severity,
            code: Code::SyntaxError,
            locale: "fr".into(),
            file: "locales/fr/a.ftl".into(),
            line,
            column: 1,
            message_id: None,
            message: "Expected a token".into(),
            help: Some("fix it".into()),
            locale_file: None,
            width: 3,
            source_line: Some(source_line.into()),
        }
    }

    /// The snippet names the diagnostic's own line even when that line is empty, errors are
    /// underlined with `^` and warnings with `-`.
    #[test]
    fn snippets_keep_the_line_number_and_underline_by_severity() {
        let mut out = String::new();
        render_one(
            &mut out,
            &diagnostic(Severity::Error, 72, ""),
            &Renderer::plain(),
        );
        assert!(out.contains("--> locales/fr/a.ftl:72:1"), "{out}");
        assert!(out.contains("72 |"), "{out}");
        let mut out = String::new();
        render_one(
            &mut out,
            &diagnostic(Severity::Warning, 9, "abc = d"),
            &Renderer::plain(),
        );
        assert!(out.contains("9 | abc = d\n  | ---\n"), "{out}");
        assert!(out.contains("= help: fix it"), "{out}");
    }

    /// A line with control characters shows them as pictures, the message as escapes, and the caret still sits under the
    /// characters it points at.
    #[test]
    fn control_characters_in_the_snippet_are_escaped_and_the_caret_follows() {
        let mut d = diagnostic(Severity::Error, 3, "a\u{1b}[2J = \u{9b}x\u{7}");
        d.column = 9; // the C1 character
        d.width = 2;
        d.message = "bad \u{1b}]0;title\u{7}".into();
        let mut out = String::new();
        render_one(&mut out, &d, &Renderer::plain());
        assert!(out.contains("--> locales/fr/a.ftl:3:9\n"), "{out}");
        assert!(out.contains("3 | a␛[2J = �x␇\n  |         ^^\n"), "{out}");
        assert!(out.contains("bad \\u{1b}]0;title\\u{7}"), "{out}");
        assert!(
            !out.contains(|c: char| c.is_control() && c != '\n'),
            "{out}"
        );
    }
}
