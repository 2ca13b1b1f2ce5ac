//! What a rule sees of one locale: [`LocaleContext`], built once per locale with the source
//! matched to the target (the hot path of a run: the target's [`EntryIndex`], then one lookup
//! per source message into one vector, no string allocated), plus where diagnostics point.

use rustc_hash::FxHashMap as HashMap;

use std::collections::BTreeSet;

use super::{CheckError, CheckOptions};
use crate::catalog::{CatalogFile, EntryIndex, LocaleCatalog, Located, PatternKey};
use crate::config::{Locale, Project};
use crate::coverage::{self, Coverage};
use crate::diagnostic::{Code, Diagnostic};
use crate::glossary::{self, Glossary};
use crate::snapshot::{self, Snapshot};

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
    /// The locale's plural categories (current CLDR): what a translation may use.
    pub plural_categories: BTreeSet<&'static str>,
    /// Those an integer count reaches: what a plural translation is asked for.
    pub integer_plural_categories: BTreeSet<&'static str>,
    /// The source patterns that select on plural forms (see `rules::plurals`).
    pub source_plurals: &'a PatternKeys<'a>,
    pub min_coverage: f64,
    pub coverage: Coverage,
    /// The folders under `paths.locales` no configured locale reads, each with the configured
    /// tag it resembles (listed once per run: `rules::files` reports them).
    pub unused_folders: &'a [(std::path::PathBuf, Option<String>)],
    /// Project-relative paths of the files reported so far: many diagnostics name one file.
    paths: std::cell::RefCell<HashMap<*const CatalogFile, String>>,
}

/// A set of patterns, by key.
pub type PatternKeys<'a> = rustc_hash::FxHashSet<PatternKey<'a>>;

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
        let (line, column, line_text) = file.position(offset);
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
            locale_file: None,
            width: width.max(1),
            source_line: Some(line_text.to_string()),
        }
    }
}

/// A source message and its translation, if the locale has one.
pub type Matched<'a> = (Located<'a>, Option<Located<'a>>);

/// What every locale's check reads.
pub(super) struct Shared<'a> {
    pub(super) project: &'a Project,
    pub(super) options: &'a CheckOptions,
    pub(super) source: &'a LocaleCatalog,
    pub(super) source_index: &'a EntryIndex<'a>,
    pub(super) source_words: &'a coverage::SourceWords<'a>,
    pub(super) source_plurals: &'a PatternKeys<'a>,
    pub(super) unused_folders: &'a [(std::path::PathBuf, Option<String>)],
}

impl<'a> Shared<'a> {
    /// Everything the rules need to look at `locale` (its glossary and snapshot read here).
    pub(super) fn context<'t>(
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
        let target_index = EntryIndex::scoped(target, &project.check.bundles);
        // Each source message with its translation: one lookup per message, which the rules
        // and the coverage share.
        let matched: Vec<Matched<'t>> = self
            .source_index
            .messages()
            .iter()
            .map(|&source| {
                let (file, entry) = source;
                (source, target_index.matching(file, entry.kind, &entry.id))
            })
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
            integer_plural_categories: crate::plural::integer_categories(&locale.langid),
            source_plurals: self.source_plurals,
            min_coverage: self.options.min_coverage.unwrap_or(locale.min_coverage),
            coverage,
            unused_folders: self.unused_folders,
            paths: Default::default(),
        })
    }
}
