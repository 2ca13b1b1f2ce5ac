//! `status`: where each locale stands, one row per locale, for translators and release managers.
//!
//! A thin view over [`check`](crate::check): the same coverage, stale and diagnostic counts,
//! plus whether the locale is *published* (by [`publish`]'s policy, the exporters': it translates
//! at least its `min_coverage`). Rendered
//! as a terminal table, as Markdown to paste in a pull request, or as stable JSON (documented in
//! the guide). Rows are sorted by locale tag, so two runs print the same.

use std::fmt::Write as _;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::check::{self, CheckError, CheckOptions};
use crate::config::Project;
use crate::numbers::{percent, rounded_percent, thousands};
use crate::publish;

/// Version of the JSON document; fields may be added, none removed or renamed.
pub const JSON_VERSION: u32 = 1;

/// One locale's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    /// The language's own name, from the configuration.
    pub name: String,
    /// Source messages (terms are not counted).
    pub messages: usize,
    pub translated: usize,
    pub missing: usize,
    pub stale: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Source words of all messages, and of those the locale translates.
    pub words: usize,
    pub words_translated: usize,
    /// Percent of messages translated (0–100, one decimal).
    pub coverage: f64,
    /// Percent of source words translated (0–100, one decimal).
    pub words_coverage: f64,
    /// The locale's threshold (percent).
    pub min_coverage: f64,
    /// Whether the locale translates at least `min_coverage`.
    pub published: bool,
}

/// Every requested locale's row, sorted by tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusReport {
    pub version: u32,
    pub source_locale: String,
    pub locales: Vec<LocaleStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFormat {
    Table,
    Json,
    Markdown,
}

/// The status of `locales` (default: every target locale).
pub fn status(
    project: &Project,
    catalog: &Catalog,
    locales: &[String],
) -> Result<StatusReport, CheckError> {
    let locales = if locales.is_empty() {
        project
            .target_locales()
            .iter()
            .map(|l| l.tag.clone())
            .collect()
    } else {
        locales.to_vec()
    };
    let options = CheckOptions {
        locales,
        min_coverage: None,
    };
    let report = check::check(project, catalog, &options, None)?;
    // Published as the exporters decide it, from the coverage the check measured.
    let coverage: Vec<_> = report
        .locales
        .iter()
        .filter_map(|s| Some((project.locale(&s.locale)?, s.coverage)))
        .collect();
    let publication = publish::decide_with(project, &coverage, &publish::Request::default());
    let mut rows: Vec<LocaleStatus> = report
        .locales
        .iter()
        .map(|s| {
            LocaleStatus {
                locale: s.locale.clone(),
                name: project
                    .locale(&s.locale)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                messages: s.messages,
                translated: s.translated,
                missing: s.missing,
                stale: s.stale,
                errors: s.errors,
                warnings: s.warnings,
                words: s.words,
                words_translated: s.words_translated,
                // From the counts, rounded once, as every other table rounds them.
                coverage: rounded_percent(percent(s.translated, s.messages), 1),
                words_coverage: rounded_percent(percent(s.words_translated, s.words), 1),
                min_coverage: s.min_coverage,
                published: publication.is_published(&s.locale),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.locale.cmp(&b.locale));
    Ok(StatusReport {
        version: JSON_VERSION,
        source_locale: project.source_locale().tag.clone(),
        locales: rows,
    })
}

/// Renders `report`; `color` (ANSI) applies to the table only.
pub fn render(report: &StatusReport, format: StatusFormat, color: bool) -> String {
    match format {
        StatusFormat::Table => table(report, color),
        StatusFormat::Markdown => markdown(report),
        StatusFormat::Json => {
            let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
            out.push('\n');
            out
        }
    }
}

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn table(report: &StatusReport, color: bool) -> String {
    let headers = [
        "locale",
        "messages",
        "words",
        "% msgs",
        "% words",
        "missing",
        "stale",
        "errors",
        "warnings",
        "published",
    ];
    let rows: Vec<[String; 10]> = report
        .locales
        .iter()
        .map(|s| {
            [
                s.locale.clone(),
                thousands(s.messages),
                thousands(s.words),
                format!("{:.1}%", s.coverage),
                format!("{:.1}%", s.words_coverage),
                thousands(s.missing),
                thousands(s.stale),
                thousands(s.errors),
                thousands(s.warnings),
                published_text(s),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let paint = |text: String, code: &str, on: bool| {
        if color && on {
            format!("{code}{text}{RESET}")
        } else {
            text
        }
    };
    let mut out = String::new();
    let header_line = headers
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (h, w))| pad(h, w, i == 0 || i == 9))
        .collect::<Vec<_>>()
        .join("  ");
    let _ = writeln!(out, "{}", paint(header_line.trim_end().into(), BOLD, true));
    for (row, s) in rows.into_iter().zip(&report.locales) {
        let cells: Vec<String> = row
            .into_iter()
            .enumerate()
            .map(|(i, cell)| {
                let padded = pad(&cell, widths[i], i == 0 || i == 9);
                match i {
                    5 => paint(padded, YELLOW, s.missing > 0),
                    6 => paint(padded, YELLOW, s.stale > 0),
                    7 => paint(padded, RED, s.errors > 0),
                    8 => paint(padded, YELLOW, s.warnings > 0),
                    9 => paint(padded, if s.published { GREEN } else { RED }, true),
                    _ => padded,
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    if report.locales.is_empty() {
        out.push_str("(no target locales)\n");
    }
    out
}

fn pad(text: &str, width: usize, left: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.chars().count()));
    if left {
        format!("{text}{fill}")
    } else {
        format!("{fill}{text}")
    }
}

fn published_text(s: &LocaleStatus) -> String {
    let verdict = if s.published { "yes" } else { "no" };
    format!("{verdict} (min {})", percent_text(s.min_coverage))
}

/// `30` → `30%`, `62.5` → `62.5%`.
fn percent_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}%")
    } else {
        format!("{x:.1}%")
    }
}

fn markdown(report: &StatusReport) -> String {
    let mut out = String::from("### Translation status\n\n");
    if report.locales.is_empty() {
        out.push_str("No target locales.\n");
        return out;
    }
    out.push_str(
        "| Locale | Messages | Words | Translated (messages) | Translated (words) | Missing | Stale | Errors | Warnings | Published |\n",
    );
    out.push_str("|:--|--:|--:|--:|--:|--:|--:|--:|--:|:--|\n");
    for s in &report.locales {
        let published = if s.published {
            format!("✅ yes (min {})", percent_text(s.min_coverage))
        } else {
            format!("❌ no (min {})", percent_text(s.min_coverage))
        };
        let _ = writeln!(
            out,
            "| `{}` {} | {} | {} | {:.1}% | {:.1}% | {} | {} | {} | {} | {} |",
            s.locale,
            markdown_escape(&s.name),
            thousands(s.messages),
            thousands(s.words),
            s.coverage,
            s.words_coverage,
            thousands(s.missing),
            thousands(s.stale),
            thousands(s.errors),
            thousands(s.warnings),
            published
        );
    }
    let _ = writeln!(
        out,
        "\nSource locale: `{}`. Words are source words. Produced by `fluentpress status --format markdown`.",
        report.source_locale
    );
    out
}

/// A configured name inside a table cell: pipes and markup characters are escaped.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(locale: &str, coverage: f64, min: f64) -> LocaleStatus {
        LocaleStatus {
            locale: locale.into(),
            name: "Fran|çais".into(),
            messages: 1200,
            translated: 600,
            missing: 600,
            stale: 0,
            errors: 1,
            warnings: 0,
            words: 12345,
            words_translated: 6000,
            coverage,
            words_coverage: 48.6,
            min_coverage: min,
            published: coverage >= min,
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn table_without_color_has_no_escape_codes_and_colors_when_asked() {
        let report = StatusReport {
            version: 1,
            source_locale: "en-US".into(),
            locales: vec![row("fr", 50.0, 80.0)],
        };
        let plain = render(&report, StatusFormat::Table, false);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(plain.contains("no (min 80%)"), "{plain}");
        assert!(plain.contains("12,345"), "{plain}");
        let colored = render(&report, StatusFormat::Table, true);
        assert!(colored.contains("\x1b[31m"), "{colored}");
    }

    #[test]
    fn markdown_escapes_names_and_marks_publication() {
        let report = StatusReport {
            version: 1,
            source_locale: "en-US".into(),
            locales: vec![row("fr", 50.0, 30.0)],
        };
        let md = render(&report, StatusFormat::Markdown, false);
        assert!(md.contains("Fran\\|çais"), "{md}");
        assert!(md.contains("✅ yes (min 30%)"), "{md}");
        // Every table line has the same number of cells.
        let cells: Vec<usize> = md
            .lines()
            .filter(|l| l.starts_with('|'))
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert!(cells.windows(2).all(|w| w[0] == w[1]), "{md}");
    }
}
