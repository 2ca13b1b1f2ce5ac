//! Diagnostics as people read them: `error[code]: message`, `--> file:line:col`, the source line
//! with a caret (via `annotate-snippets`), a help line; then a coverage table per locale.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use rustc_hash::FxHashMap;

use crate::check::{CheckReport, Code, Diagnostic, Severity};

pub fn render(report: &CheckReport, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // Past `SHOWN_PER_CODE` findings of one code in one locale, the rest are counted, not
    // shown: 30,000 identical-to-source warnings are not read one by one (the machine formats
    // and `--summary` have them all). Diagnostics come sorted by locale.
    let mut shown: FxHashMap<Code, usize> = FxHashMap::default();
    let mut locale: Option<&str> = None;
    for d in &report.diagnostics {
        if locale != Some(d.locale.as_str()) {
            more_line(&mut out, &shown, locale);
            shown.clear();
            locale = Some(&d.locale);
        }
        let count = shown.entry(d.code).or_default();
        *count += 1;
        if *count > SHOWN_PER_CODE {
            continue;
        }
        render_one(&mut out, d, &renderer);
        out.push('\n');
    }
    more_line(&mut out, &shown, locale);
    coverage_table(&mut out, report);
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let _ = write!(
        out,
        "check: {errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    );
    if report.baselined > 0 {
        let _ = write!(
            out,
            " ({} known from the baseline not shown)",
            report.baselined
        );
    }
    out.push('\n');
    out
}

/// How many findings of one code a locale shows in full.
pub const SHOWN_PER_CODE: usize = 20;

/// "… and 312 more identical-to-source in fr", for each code of the locale past the cap.
fn more_line(out: &mut String, shown: &FxHashMap<Code, usize>, locale: Option<&str>) {
    let Some(locale) = locale else {
        return;
    };
    let mut capped: Vec<(Code, usize)> = shown
        .iter()
        .filter(|(_, n)| **n > SHOWN_PER_CODE)
        .map(|(code, n)| (*code, n - SHOWN_PER_CODE))
        .collect();
    capped.sort();
    for (code, more) in capped {
        let _ = writeln!(
            out,
            "… and {more} more {code} in {locale} (every one: --format json; counts: --summary)\n",
            code = code.as_str()
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn render_one(out: &mut String, d: &Diagnostic, renderer: &Renderer) {
    // Errors are underlined with `^`, warnings with `-`, as rustc does.
    let (level, underline) = match d.severity {
        Severity::Error => (Level::ERROR, AnnotationKind::Primary),
        Severity::Warning => (Level::WARNING, AnnotationKind::Context),
    };
    let title = format!("{} [{}]", d.message, d.locale);
    let title = level.primary_title(&title).id(d.code.as_str());
    let line_text = d.source_line.as_deref();
    if let Some(line_text) = line_text {
        // The caret: `width` characters from `column`, as a byte range of the line.
        let start = byte_of_char(line_text, d.column.saturating_sub(1));
        let end = byte_of_char(line_text, d.column.saturating_sub(1) + d.width).max(start);
        let snippet = Snippet::source(line_text)
            .line_start(d.line)
            .path(&d.file)
            .annotation(
                underline.span(start..end.max(start + usize::from(start < line_text.len()))),
            );
        let mut group = title.element(snippet);
        if let Some(help) = d.help.as_deref() {
            group = group.element(Level::HELP.message(help));
        }
        let _ = writeln!(out, "{}", renderer.render(&[group]));
    } else {
        // No source to show (a file that does not exist yet, the configuration).
        let _ = writeln!(out, "{}", renderer.render(&[Group::with_title(title)]));
        let _ = writeln!(out, "  --> {}:{}:{}", d.file, d.line, d.column);
        if let Some(help) = &d.help {
            let _ = writeln!(out, "   = help: {help}");
        }
    }
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
        let words_percent = if s.words == 0 {
            100.0
        } else {
            s.words_translated as f64 * 100.0 / s.words as f64
        };
        let _ = writeln!(
            out,
            "{:<10} {:>8} {:>7} {:>7.1}% {:>7.1}% {:>7} {:>7} {:>6} {:>8}",
            s.locale,
            s.messages,
            s.words,
            s.coverage,
            words_percent,
            s.missing,
            s.stale,
            s.errors,
            s.warnings
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
}
