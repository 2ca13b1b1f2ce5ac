//! The run loop: which locales, each checked on its own core (loaded now or borrowed from a
//! loaded catalog), then the locales' reports joined, the baseline applied and the counts made.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::baseline::Baseline;
use super::context::{LocaleContext, Shared};
use super::severity::resolve_severity;
use super::suppress::is_suppressed;
use super::{CheckError, CheckOptions, CheckReport, LocaleSummary, rules};
use crate::catalog::{self, Catalog, EntryIndex, LocaleCatalog};
use crate::config::{Locale, Project};
use crate::coverage;
use crate::diagnostic::{Code, Diagnostic, Severity};

/// Runs every rule on the requested locales and returns the sorted, filtered report.
pub fn check(
    project: &Project,
    catalog: &Catalog,
    options: &CheckOptions,
    baseline: Option<&Baseline>,
) -> Result<CheckReport, CheckError> {
    let source = catalog
        .locale(&project.source_locale().tag)
        .unwrap_or(&EMPTY_LOCALE);
    check_with(project, source, options, baseline, &|locale| {
        Ok(Cow::Borrowed(
            catalog.locale(&locale.tag).unwrap_or(&EMPTY_LOCALE),
        ))
    })
}

/// Loads and checks the project's locales without holding them all: the source is loaded
/// first, then each core loads a locale, checks it and lets it go before taking the next. The
/// report is the one [`check`] gives for a loaded catalog; memory stays that of a few locales,
/// not of all of them (`fluentpress check` on 100 locales).
pub fn check_project(
    project: &Project,
    options: &CheckOptions,
    baseline: Option<&Baseline>,
) -> Result<CheckReport, CheckError> {
    let source_tag = project.source_locale().tag.as_str();
    // Validate the requested tags before reading anything.
    selected_locales(project, &options.locales)?;
    let mut loaded = catalog::load_locales(project, &[source_tag])?;
    let source = loaded.locales.pop().unwrap_or_default();
    check_with(project, &source, options, baseline, &|locale| {
        if locale.tag == source_tag {
            Ok(Cow::Borrowed(&source))
        } else {
            Ok(Cow::Owned(catalog::load_locale(project, &locale.tag)?))
        }
    })
}

/// How a check gets each locale's catalog: borrowed from a loaded catalog, or loaded now.
type TargetOf<'s> = dyn Fn(&Locale) -> Result<Cow<'s, LocaleCatalog>, CheckError> + Sync + 's;

/// The check itself, on the requested locales, each obtained through `target_of`.
pub(super) fn check_with<'s>(
    project: &Project,
    source: &'s LocaleCatalog,
    options: &CheckOptions,
    baseline: Option<&Baseline>,
    target_of: &TargetOf<'s>,
) -> Result<CheckReport, CheckError> {
    let tags = selected_locales(project, &options.locales)?;
    let source_index = EntryIndex::scoped(source, &project.check.bundles);
    let source_words = coverage::SourceWords::new(&source_index);
    let source_plurals = rules::plural_patterns(&source_index);

    let locales: Vec<&Locale> = tags.iter().filter_map(|tag| project.locale(tag)).collect();
    let unused_folders = project.unused_locale_folders();
    let shared = Shared {
        project,
        options,
        source,
        source_index: &source_index,
        source_words: &source_words,
        source_plurals: &source_plurals,
        unused_folders: &unused_folders,
    };
    // Locales are independent: check them on every core (locales differ in size, so they are
    // handed out one by one rather than in fixed shares).
    let per_locale = crate::parallel::map(&locales, |locale| {
        target_of(locale).and_then(|target| {
            shared
                .context(locale, &target)
                .map(|ctx| check_locale(&ctx))
        })
    });

    // Each locale's diagnostics come sorted from its thread; in order of locale tag, they make
    // the report's order (locale, file, line, column, code, message).
    let mut results = Vec::with_capacity(per_locale.len());
    for result in per_locale {
        results.push(result?);
    }
    results.sort_by(|a, b| a.1.locale.cmp(&b.1.locale));
    let mut report = CheckReport::default();
    for (diagnostics, summary) in results {
        report.diagnostics.extend(diagnostics);
        report.locales.push(summary);
    }
    if let Some(baseline) = baseline {
        let before = report.diagnostics.len();
        report.diagnostics = baseline.filter_new(std::mem::take(&mut report.diagnostics));
        report.baselined = before - report.diagnostics.len();
    }
    // Counts after suppressions and baseline.
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::default();
    for d in &report.diagnostics {
        let (errors, warnings) = counts.entry(d.locale.as_str()).or_default();
        match d.severity {
            Severity::Error => *errors += 1,
            Severity::Warning => *warnings += 1,
        }
    }
    for summary in &mut report.locales {
        (summary.errors, summary.warnings) = counts
            .get(summary.locale.as_str())
            .copied()
            .unwrap_or_default();
    }
    let order: BTreeMap<&str, usize> = project
        .locales
        .iter()
        .enumerate()
        .map(|(i, l)| (l.tag.as_str(), i))
        .collect();
    report
        .locales
        .sort_by_key(|s| order.get(s.locale.as_str()).copied().unwrap_or(usize::MAX));
    Ok(report)
}

pub(super) static EMPTY_LOCALE: LocaleCatalog = LocaleCatalog {
    tag: String::new(),
    dir: std::path::PathBuf::new(),
    files: Vec::new(),
};

fn selected_locales(project: &Project, requested: &[String]) -> Result<Vec<String>, CheckError> {
    if requested.is_empty() {
        return Ok(project.locales.iter().map(|l| l.tag.clone()).collect());
    }
    let mut out = Vec::new();
    for tag in requested {
        project.require_locale(tag)?;
        if !out.contains(tag) {
            out.push(tag.clone());
        }
    }
    Ok(out)
}

/// All rules on one locale, then its severities and suppressions.
fn check_locale(ctx: &LocaleContext<'_>) -> (Vec<Diagnostic>, LocaleSummary) {
    let mut out = Vec::new();
    rules::run_all(ctx, &mut out);

    let coverage = ctx.coverage;
    let count = |code: Code| out.iter().filter(|d: &&Diagnostic| d.code == code).count();
    let summary = LocaleSummary {
        locale: ctx.locale.tag.clone(),
        messages: coverage.messages,
        translated: coverage.translated,
        // Terms too, as compare-locales counts them (the coverage percent is of messages).
        missing: coverage.missing()
            + if ctx.is_source {
                0
            } else {
                rules::messages::missing_terms(ctx).count()
            },
        obsolete: count(Code::ObsoleteMessage),
        stale: count(Code::StaleTranslation),
        errors: 0,
        warnings: 0,
        coverage: crate::numbers::rounded_percent(coverage.percent(), 2),
        words: coverage.words,
        words_translated: coverage.words_translated,
        min_coverage: ctx.min_coverage,
        files: case_files(ctx),
    };

    let mut diagnostics: Vec<Diagnostic> = out
        .into_iter()
        .filter_map(|mut d| {
            let severity = resolve_severity(ctx, d.code)?;
            d.severity = severity;
            (!is_suppressed(ctx, &d)).then_some(d)
        })
        .collect();
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
    (diagnostics, summary)
}

/// The files a locale is judged on: its own, and the source's it lacks.
fn case_files(ctx: &LocaleContext<'_>) -> Vec<String> {
    let mut files: Vec<String> = ctx.target.files.iter().map(|f| ctx.file_path(f)).collect();
    if !ctx.is_source {
        for file in &ctx.source.files {
            if ctx.target.file(&file.relative).is_none() {
                let expected = ctx.project.locale_dir(&ctx.locale.tag).join(&file.relative);
                files.push(ctx.project.relative(&expected).into_owned());
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checking_locale_by_locale_gives_the_report_of_the_loaded_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "fluentpress.yaml",
            "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n  - tag: de\n    name: Deutsch\n  - tag: pl\n    name: Polski\n",
        );
        write(
            "locales/en-US/a.ftl",
            "x = Hello { $name }\ny = { $n ->\n    [one] One\n   *[other] Many\n}\nz = Z\n",
        );
        write("locales/en-US/b.ftl", "w = W\n");
        write(
            "locales/fr/a.ftl",
            "x = Bonjour { $nom }\ny = Un\nobsolete = O\n",
        );
        write(
            "locales/de/a.ftl",
            "x = Hallo { $name }\nx = Zweimal\nbroken = { $\n",
        );
        let project = crate::config::load_project(root).unwrap();
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        let options = CheckOptions::default();
        let loaded = check(&project, &catalog, &options, None).unwrap();
        let streamed = check_project(&project, &options, None).unwrap();
        assert!(loaded.diagnostics.len() > 5, "{:?}", loaded.diagnostics);
        assert_eq!(loaded.diagnostics, streamed.diagnostics);
        assert_eq!(loaded.locales, streamed.locales);
        let unknown = CheckOptions {
            locales: vec!["xx".into()],
            min_coverage: None,
        };
        assert!(matches!(
            check_project(&project, &unknown, None),
            Err(CheckError::UnknownLocale(_))
        ));
    }
}
