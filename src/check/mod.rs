//! `check`: validates every locale against the source and reports every problem in one run.
//!
//! The checker reads a loaded [`Catalog`] and writes nothing. Each rule (one module under
//! [`rules`]) looks at one locale through a [`LocaleContext`] and pushes [`Diagnostic`]s, plain
//! data with a stable kebab-case [`Code`]. Then severities are resolved from the configuration,
//! suppressions (config and `# fluentpress-ignore: CODE` comments) and the baseline are applied,
//! and the result is sorted by locale, file, line, column and code, so two runs print the same.
//! The [`report`] modules render a [`CheckReport`] for people and for CI.

pub mod report;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use crate::catalog::{self, Catalog, CatalogFile, Entry, EntryKind, LocaleCatalog};
use crate::config::{Locale, Project, SeverityConfig};
use crate::coverage::{self, Coverage};
pub use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::fsutil;
use crate::glossary::{self, Glossary};
use crate::snapshot::{self, Snapshot};

/// Counts of one locale, for the coverage table and the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocaleSummary {
    pub locale: String,
    pub messages: usize,
    pub translated: usize,
    pub missing: usize,
    pub obsolete: usize,
    pub stale: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Percent of source messages translated, 0..=100.
    pub coverage: f64,
    pub words: usize,
    pub words_translated: usize,
    /// The locale's threshold (percent).
    #[serde(skip)]
    pub min_coverage: f64,
    /// Project-relative paths of the locale's files and of the source files it lacks (for
    /// JUnit's one test case per file).
    #[serde(skip)]
    pub files: Vec<String>,
}

/// Everything one run found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub locales: Vec<LocaleSummary>,
    /// Diagnostics dropped by the baseline.
    pub baselined: usize,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether the run fails: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }
}

/// Options of one run (the command line's part).
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Locales to check; empty means every configured locale (the source included).
    pub locales: Vec<String>,
    /// Overrides every locale's `min_coverage`.
    pub min_coverage: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    #[error("`{tag}` is not a configured locale (configured: {configured})")]
    UnknownLocale { tag: String, configured: String },
    #[error(transparent)]
    Catalog(#[from] catalog::CatalogError),
    #[error(transparent)]
    Glossary(#[from] glossary::GlossaryError),
    #[error(transparent)]
    Snapshot(#[from] snapshot::SnapshotError),
    #[error(transparent)]
    Baseline(#[from] BaselineError),
}

/// Everything a rule needs to look at one locale.
pub struct LocaleContext<'a> {
    pub project: &'a Project,
    pub locale: &'a Locale,
    /// True when checking the source locale against itself (only self-contained rules apply).
    pub is_source: bool,
    pub source: &'a LocaleCatalog,
    pub target: &'a LocaleCatalog,
    pub source_index: &'a EntryIndex<'a>,
    pub target_index: EntryIndex<'a>,
    /// Every source message (first definitions, in file order) with the target's definition.
    pub matched: Vec<Matched<'a>>,
    pub glossary: Glossary,
    pub snapshot: Snapshot,
    pub plural_categories: BTreeSet<&'static str>,
    /// The source patterns that select on plural forms (see `rules::plurals`).
    pub source_plurals: &'a PatternKeys<'a>,
    pub min_coverage: f64,
    pub coverage: Coverage,
    /// Project-relative paths of the files reported so far: many diagnostics name one file.
    paths: std::cell::RefCell<HashMap<*const CatalogFile, String>>,
}

/// A set of patterns named by entry kind, id and attribute.
pub type PatternKeys<'a> = rustc_hash::FxHashSet<(EntryKind, &'a str, Option<&'a str>)>;

impl<'a> LocaleContext<'a> {
    /// The path of a locale file relative to the project root.
    pub fn file_path(&self, file: &CatalogFile) -> String {
        self.paths
            .borrow_mut()
            .entry(file as *const CatalogFile)
            .or_insert_with(|| self.project.relative(&file.path).into_owned())
            .clone()
    }

    /// A diagnostic located at byte `offset` of `file`, underlining `width` characters.
    pub fn at(
        &self,
        code: Code,
        file: &CatalogFile,
        offset: usize,
        width: usize,
        message_id: Option<&str>,
        message: String,
    ) -> Diagnostic {
        let (line, column) = file.line_column(offset);
        Diagnostic {
            severity: code.default_severity(),
            code,
            locale: self.locale.tag.clone(),
            file: self.file_path(file),
            line,
            column,
            message_id: message_id.map(str::to_string),
            message,
            help: None,
            width: width.max(1),
            source_line: Some(file.line_text(line).to_string()),
        }
    }
}

/// An entry with the file that holds it.
pub type Located<'a> = (&'a CatalogFile, &'a Entry);

/// A source message and its translation, if the locale has one.
pub type Matched<'a> = (Located<'a>, Option<Located<'a>>);

/// The first definition of each message and term of a locale, and the later duplicates.
/// Borrowed keys: building it allocates no strings, which matters at 100 locales × 3,000
/// messages.
#[derive(Default)]
pub struct EntryIndex<'a> {
    pub messages: HashMap<&'a str, Located<'a>>,
    pub terms: HashMap<&'a str, Located<'a>>,
    /// The first definition of each message, in file and source order: walking the locale in
    /// this order reads its memory in order, where walking `messages` jumps about.
    pub messages_in_order: Vec<Located<'a>>,
    /// (first definition, later definition) pairs.
    pub duplicates: Vec<(Located<'a>, Located<'a>)>,
}

impl<'a> EntryIndex<'a> {
    pub fn new(locale: &'a LocaleCatalog) -> EntryIndex<'a> {
        let mut index = EntryIndex::default();
        let entries: usize = locale.files.iter().map(|f| f.entries.len()).sum();
        index.messages.reserve(entries);
        index.messages_in_order.reserve(entries);
        for (file, entry) in locale.entries() {
            let map = match entry.kind {
                EntryKind::Message => &mut index.messages,
                EntryKind::Term => &mut index.terms,
            };
            match map.entry(entry.id.as_str()) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((file, entry));
                    if entry.kind == EntryKind::Message {
                        index.messages_in_order.push((file, entry));
                    }
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    index.duplicates.push((*o.get(), (file, entry)))
                }
            }
        }
        index
    }

    pub fn message(&self, id: &str) -> Option<Located<'a>> {
        self.messages.get(id).copied()
    }

    pub fn term(&self, id: &str) -> Option<Located<'a>> {
        self.terms.get(id).copied()
    }

    /// The entry a snapshot-style key names: `id`, `id.attribute`, `-term`, `-term.attribute`.
    pub fn by_key(&self, key: &str) -> Option<Located<'a>> {
        let id = key.split('.').next().unwrap_or(key);
        match id.strip_prefix('-') {
            Some(term) => self.term(term),
            None => self.message(id),
        }
    }
}

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
fn check_with<'s>(
    project: &Project,
    source: &'s LocaleCatalog,
    options: &CheckOptions,
    baseline: Option<&Baseline>,
    target_of: &TargetOf<'s>,
) -> Result<CheckReport, CheckError> {
    let tags = selected_locales(project, &options.locales)?;
    let source_index = EntryIndex::new(source);
    let source_words = coverage::SourceWords::new(source);
    let source_plurals = rules::plural_patterns(&source_index);

    let locales: Vec<&Locale> = tags.iter().filter_map(|tag| project.locale(tag)).collect();
    let shared = Shared {
        project,
        options,
        source,
        source_index: &source_index,
        source_words: &source_words,
        source_plurals: &source_plurals,
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

/// What every locale's check reads.
struct Shared<'a> {
    project: &'a Project,
    options: &'a CheckOptions,
    source: &'a LocaleCatalog,
    source_index: &'a EntryIndex<'a>,
    source_words: &'a coverage::SourceWords<'a>,
    source_plurals: &'a PatternKeys<'a>,
}

impl<'a> Shared<'a> {
    /// Everything the rules need to look at `locale` (its glossary and snapshot read here).
    fn context<'t>(
        &self,
        locale: &'t Locale,
        target: &'t LocaleCatalog,
    ) -> Result<LocaleContext<'t>, CheckError>
    where
        'a: 't,
    {
        let project = self.project;
        let is_source = locale.tag == project.source_locale().tag;
        let (glossary, snapshot) = if is_source {
            (Glossary::default(), Snapshot::default())
        } else {
            (
                glossary::load_glossary(&project.locale_dir(&locale.tag))?,
                snapshot::load_snapshot(&snapshot::snapshot_path(project, &locale.tag))?,
            )
        };
        let target_index = EntryIndex::new(target);
        // Each source message with its translation: one lookup per message, which the rules
        // and the coverage share.
        let matched: Vec<Matched<'t>> = self
            .source_index
            .messages_in_order
            .iter()
            .map(|&source| (source, target_index.message(&source.1.id)))
            .collect();
        let coverage = coverage::coverage_in_order(
            self.source_words,
            matched
                .iter()
                .map(|(_, target)| target.map(|(_, e)| e.value.is_some())),
        );
        Ok(LocaleContext {
            project,
            locale,
            is_source,
            source: self.source,
            target,
            source_index: self.source_index,
            target_index,
            matched,
            glossary,
            snapshot,
            plural_categories: crate::plural::cardinal_categories(&locale.langid),
            source_plurals: self.source_plurals,
            min_coverage: self.options.min_coverage.unwrap_or(locale.min_coverage),
            coverage,
            paths: Default::default(),
        })
    }
}

static EMPTY_LOCALE: LocaleCatalog = LocaleCatalog {
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
        if project.locale(tag).is_none() {
            return Err(CheckError::UnknownLocale {
                tag: tag.clone(),
                configured: project
                    .locales
                    .iter()
                    .map(|l| l.tag.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
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
        missing: coverage.missing(),
        obsolete: count(Code::ObsoleteMessage),
        stale: count(Code::StaleTranslation),
        errors: 0,
        warnings: 0,
        coverage: round2(coverage.percent()),
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

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Default, then `check.severity`, then `check.locales.<tag>.severity`; `None` when off.
fn resolve_severity(ctx: &LocaleContext<'_>, code: Code) -> Option<Severity> {
    let mut severity = match code {
        Code::MissingMessage | Code::MissingFile if ctx.locale.complete => Severity::Error,
        _ => code.default_severity(),
    };
    let config = &ctx.project.check;
    let overrides = [
        config.severity.get(code.as_str()),
        config
            .locales
            .get(&ctx.locale.tag)
            .and_then(|l| l.severity.get(code.as_str())),
    ];
    for setting in overrides.into_iter().flatten() {
        match setting {
            SeverityConfig::Error => severity = Severity::Error,
            SeverityConfig::Warning => severity = Severity::Warning,
            SeverityConfig::Off => return None,
        }
    }
    Some(severity)
}

/// Config `check.ignore` entries, and `# fluentpress-ignore: CODE[, CODE]` comments on the
/// translated message (or on the source message, for diagnostics about what is missing).
fn is_suppressed(ctx: &LocaleContext<'_>, d: &Diagnostic) -> bool {
    let by_config = ctx.project.check.ignore.iter().any(|rule| {
        rule.code == d.code.as_str()
            && rule.locale.as_ref().is_none_or(|l| l == &d.locale)
            && rule.message.as_ref().is_none_or(|glob| {
                d.message_id
                    .as_deref()
                    .is_some_and(|id| glob_match(glob, id))
            })
    });
    if by_config {
        return true;
    }
    let Some(id) = d.message_id.as_deref() else {
        return false;
    };
    let comment_ignores = |entry: &Entry| {
        entry.comment.as_deref().is_some_and(|comment| {
            comment.lines().any(|line| {
                line.trim()
                    .strip_prefix("fluentpress-ignore:")
                    .is_some_and(|codes| codes.split(',').any(|c| c.trim() == d.code.as_str()))
            })
        })
    };
    let in_target = ctx
        .target_index
        .by_key(id)
        .is_some_and(|(_, e)| comment_ignores(e));
    let in_source = ctx
        .source_index
        .by_key(id)
        .is_some_and(|(_, e)| comment_ignores(e));
    in_target
        || (in_source
            && !ctx.is_source
            && matches!(d.code, Code::MissingMessage | Code::IdenticalToSource))
}

/// `*` matches any run of characters, `?` one character.
pub fn glob_match(glob: &str, text: &str) -> bool {
    let g: Vec<char> = glob.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut gi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == t[ti]) {
            gi += 1;
            ti += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some(gi);
            mark = ti;
            gi += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

/// A recorded set of known diagnostics: `--baseline` reports only what is not in it.
/// Keyed by (code, locale, file, message id), not by line, so edits elsewhere in a file do not
/// make old problems look new.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub code: Code,
    pub locale: String,
    pub file: String,
    pub message_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error("{}: invalid baseline file: {message}", .path.display())]
    Invalid {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("cannot write baseline {}: {source}", .path.display())]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Baseline {
    pub fn from_diagnostics(diagnostics: &[Diagnostic]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = diagnostics.iter().map(baseline_entry).collect();
        entries.sort();
        Baseline {
            version: 1,
            entries,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = fsutil::read_utf8(path)?;
        serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        fsutil::write_atomic(path, text.as_bytes()).map_err(|source| BaselineError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The diagnostics not accounted for by the baseline (each entry absorbs one diagnostic).
    pub fn filter_new(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut budget: BTreeMap<&BaselineEntry, usize> = BTreeMap::new();
        for entry in &self.entries {
            *budget.entry(entry).or_default() += 1;
        }
        diagnostics
            .into_iter()
            .filter(|d| {
                let key = baseline_entry(d);
                match budget.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

fn baseline_entry(d: &Diagnostic) -> BaselineEntry {
    BaselineEntry {
        code: d.code,
        locale: d.locale.clone(),
        file: d.file.clone(),
        message_id: d.message_id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_kebab_case() {
        for code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
        assert_eq!(Code::ALL.len(), 24);
    }

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
            Err(CheckError::UnknownLocale { .. })
        ));
    }

    #[test]
    fn globs() {
        assert!(glob_match("home-*", "home-title"));
        assert!(glob_match("*-title", "home-title"));
        assert!(glob_match("h?me-*-p1", "home-esg-p1"));
        assert!(!glob_match("home-*", "profile-title"));
        assert!(glob_match("*", ""));
    }
}
