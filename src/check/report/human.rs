//! Diagnostics as people read them: `error[code]: message`, `--> file:line:col`, the source line
//! with a caret (via `annotate-snippets`), a help line; then a coverage table per locale.

use std::fmt::Write as _;

use annotate_snippets::{Level, Renderer, Snippet};

use crate::check::{CheckReport, Diagnostic, Severity};

pub fn render(report: &CheckReport, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        render_one(&mut out, d, &renderer);
        out.push('\n');
    }
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn render_one(out: &mut String, d: &Diagnostic, renderer: &Renderer) {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let title = format!("{} [{}]", d.message, d.locale);
    let mut message = level.title(&title).id(d.code.as_str());
    let line_text = d.source_line.as_deref();
    if let Some(line_text) = line_text {
        let help = d.help.as_deref().map(|h| Level::Help.title(h));
        // The caret: `width` characters from `column`, as a byte range of the line.
        let start = byte_of_char(line_text, d.column.saturating_sub(1));
        let end = byte_of_char(line_text, d.column.saturating_sub(1) + d.width).max(start);
        let snippet = Snippet::source(line_text)
            .line_start(d.line)
            .origin(&d.file)
            .annotation(level.span(start..end.max(start + usize::from(start < line_text.len()))));
        message = message.snippet(snippet);
        if let Some(help) = help {
            message = message.footer(help);
        }
        let _ = writeln!(out, "{}", renderer.render(message));
    } else {
        // No source to show (a file that does not exist yet, the configuration).
        let _ = writeln!(out, "{}", renderer.render(message));
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
