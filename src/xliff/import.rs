//! Reads translations back from an XLIFF file into the locale's FTL files.
//!
//! The file is checked whole before anything is written: its XML (no DOCTYPE, no unknown
//! entity, no raw character XML forbids), its languages (a configured target locale, and the
//! one it was exported for, which each `<file original>` remembers), and every unit against the
//! units rebuilt from the files on disk, which are the truth: the unit must exist, its source
//! must still be the current source (else the file is stale: refused unless `force`, and then
//! still stale after the import unless the unit's state confirms it), and its target must keep
//! every protected code, each resolving to a code this message really has. Any problem refuses
//! the whole import, listed with line:column, and nothing is written.
//!
//! Then only what changed is rewritten: a changed value or attribute replaces exactly its own
//! lines, a new attribute goes after the preceding one, a new message after the preceding
//! source message present in the file, with its comment. Every other byte stays. Files are
//! re-read before writing (a rewrite that would not parse is an internal error), and replaced,
//! with the locale's snapshot refreshed so the new translations count as current, in one
//! [`Transaction`]: all of them or none. The caller holds the project lock from before the
//! files are read, so two imports of one locale cannot lose each other's changes.
//!
//! The phases: `document` reads the XML into units, `resolve` matches each unit and its codes
//! against today's units, [`import_xliff`] decides (rebuilds the patterns that changed, the
//! snapshot) and `write` plans the edits of the files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::XliffError;
use super::model::{self, Part};
use super::read;
use super::units::{self, LocaleUnits, PatternUnits};
use crate::catalog::{self, CatalogFile, EntryKind, LocaleCatalog};
use crate::config::Project;
use crate::fsutil;
use crate::snapshot::{self, Pair, Snapshot};
use crate::transaction::Transaction;

mod document;
mod resolve;
mod write;

use document::{interpret, is_blank, relabelled, target_locale};
use resolve::{allowed_codes, code_table, comparable, resolve_target, term_problems};
use write::plan_edits;

/// How to import; [`Default`]: apply, refusing units whose source changed since the export.
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::xliff::ImportOptions {
///     dry_run: true,
///     force: false,
/// };
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Report what would change; write nothing.
    pub dry_run: bool,
    /// Import units whose source text changed since the export (written, but still stale unless
    /// the unit says it was translated or reviewed).
    pub force: bool,
}

/// Why an import was refused: one entry per problem, located in the XLIFF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub line: usize,
    pub column: usize,
    pub unit: Option<String>,
    pub message: String,
}

/// One FTL file the import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Relative to the project root.
    pub path: String,
    pub created: bool,
    /// Keys (`id`, `id.attr`) of messages rewritten in place, and of messages added.
    pub changed: Vec<String>,
    pub added: Vec<String>,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub locale: String,
    pub units: usize,
    pub files: Vec<FileChange>,
    /// Stale translations the file confirms unchanged (state translated or better).
    pub confirmed: Vec<String>,
    /// Keys imported with `--force` from units that do not say they were translated or reviewed
    /// (2.0 state `initial` or none; 1.2 below `translated`): written, but still stale.
    pub still_stale: Vec<String>,
    /// The snapshot file, when it changes.
    pub snapshot: Option<String>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Done(ImportReport),
    Refused(Vec<ImportProblem>),
}

/// Imports `path` into the project's files.
pub fn import_xliff(
    project: &Project,
    path: &Path,
    options: ImportOptions,
) -> Result<ImportOutcome, XliffError> {
    let text = match fsutil::read_utf8(path) {
        Ok(text) => text,
        Err(fsutil::ReadError::NotUtf8 { location }) => {
            return Ok(ImportOutcome::Refused(vec![ImportProblem {
                line: location.line,
                column: location.column,
                unit: None,
                message: "the file is not valid UTF-8 (XLIFF written by fluentpress is UTF-8)"
                    .into(),
            }]));
        }
        Err(e) => return Err(e.into()),
    };
    // One index of the file's lines: finding each problem's line by scanning from the start
    // made 20,000 unknown units quadratic (12 s; 100,000 over two minutes).
    let lines = fsutil::LineIndex::new(&text);
    let at = |offset: usize, unit: Option<&str>, message: String| {
        let (line, column) = lines.line_column(&text, offset);
        ImportProblem {
            line,
            column,
            unit: unit.map(str::to_string),
            message,
        }
    };
    let root = match read::parse_xml(&text) {
        Ok(root) => root,
        Err(e) => return Ok(ImportOutcome::Refused(vec![at(e.offset, None, e.message)])),
    };
    let document = match interpret(&root) {
        Ok(document) => document,
        Err(problems) => {
            return Ok(ImportOutcome::Refused(
                problems
                    .into_iter()
                    .map(|(offset, unit, message)| at(offset, unit.as_deref(), message))
                    .collect(),
            ));
        }
    };
    let tag = match target_locale(project, &document) {
        Ok(tag) => tag,
        Err(message) => {
            return Ok(ImportOutcome::Refused(vec![at(root.offset, None, message)]));
        }
    };
    if let Some((offset, message)) = relabelled(project, &document, &tag) {
        return Ok(ImportOutcome::Refused(vec![at(offset, None, message)]));
    }

    let source_tag = project.source_locale().tag.clone();
    let catalog = catalog::load_locales(project, &[source_tag.as_str(), tag.as_str()])?;
    super::refuse_unreadable(&catalog)?;
    let locale_units = units::locale_units(project, &catalog, &tag)?;
    let all = locale_units.units();
    let by_id: HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();

    // Check every unit; collect the new texts by pattern.
    let mut problems = Vec::new();
    let mut imported: HashMap<(usize, usize), Texts> = HashMap::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    // Patterns with a unit imported by `--force` (its source is not today's) whose state does
    // not say a translator confirmed it: by pattern, a fingerprint of the source it was made
    // against.
    let mut unreviewed: HashMap<(usize, usize), u64> = HashMap::new();
    let positions = pattern_positions(&locale_units);
    let allowed = allowed_codes(&all, &positions);
    for raw in &document.units {
        let problem = |message: String| at(raw.offset, Some(&raw.id), message);
        if let Some(first) = seen.insert(&raw.id, raw.offset) {
            let (line, _) = lines.line_column(&text, first);
            problems.push(problem(format!(
                "the unit appears twice (also on line {line})"
            )));
            continue;
        }
        let Some(&index) = by_id.get(raw.id.as_str()) else {
            problems.push(problem(format!(
                "unknown unit: {} has no such message, attribute or variant (was the file exported from another project, or the message removed since?)",
                locale_units.source_tag
            )));
            continue;
        };
        let unit = &all[index];
        let position = positions[&(unit.pattern as *const PatternUnits)];
        let table = code_table(&unit.coded);
        let current_source = model::inline_ftl(&unit.leaf.leaf.source);
        let file_source = comparable(&raw.source, &table);
        let forced = file_source != current_source;
        if forced && !options.force {
            problems.push(problem(format!(
                "stale unit: its source text is no longer the {} source (now: “{}”); export again, or import with --force",
                locale_units.source_tag,
                abbreviate(&current_source)
            )));
            continue;
        }
        let Some(target) = &raw.target else { continue };
        if is_blank(target) {
            continue;
        }
        let allowed = &allowed[&position];
        let current = unit.leaf.leaf.target.as_deref();
        match resolve_target(target, &table, allowed, &unit.coded, current) {
            Ok(parts) => {
                if forced && !raw.confirmed {
                    unreviewed
                        .entry(position)
                        .or_insert_with(|| snapshot::fingerprint(&file_source));
                }
                imported
                    .entry(position)
                    .or_default()
                    .insert(unit.leaf.suffix(), (parts, raw.confirmed));
            }
            Err(message) => problems.push(problem(message)),
        }
    }

    // Rebuild every pattern that changed; note stale ones confirmed as they are.
    let mut rebuilt: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut confirmed = Vec::new();
    // Where to point at a pattern's problem: its first unit in the file.
    let mut first_offset: HashMap<(usize, usize), (usize, String)> = HashMap::new();
    for raw in document.units.iter().rev() {
        if let Some(&index) = by_id.get(raw.id.as_str()) {
            let position = positions[&(all[index].pattern as *const PatternUnits)];
            first_offset.insert(position, (raw.offset, raw.id.clone()));
        }
    }
    let mut positions_sorted: Vec<_> = imported.keys().copied().collect();
    positions_sorted.sort();
    for position in positions_sorted {
        let texts = &imported[&position];
        let pattern = &locale_units.files[position.0].patterns[position.1];
        let leaves = model::leaves(&pattern.tree);
        let changed = leaves.iter().any(|l| {
            texts.get(&l.suffix()).is_some_and(|(new, _)| {
                l.leaf
                    .target
                    .as_ref()
                    .is_none_or(|current| !model::parts_equal(new, current))
            })
        });
        if !changed {
            let all_confirmed = leaves.iter().all(|l| {
                l.leaf.target.is_none()
                    || texts
                        .get(&l.suffix())
                        .is_some_and(|(_, confirmed)| *confirmed)
            });
            if pattern.stale && all_confirmed {
                confirmed.push(pattern.key());
            }
            continue;
        }
        let lookup = |suffix: &str| texts.get(suffix).map(|(parts, _)| parts.clone());
        match model::rebuild(&pattern.tree, &lookup) {
            Ok(Some(new)) => {
                let indent = if pattern.attribute.is_some() { 8 } else { 4 };
                rebuilt.insert(position, model::pattern_ftl(&new, indent));
            }
            Ok(None) => {}
            Err(message) => {
                let (offset, id) = first_offset
                    .get(&position)
                    .cloned()
                    .unwrap_or((root.offset, pattern.key()));
                problems.push(at(offset, Some(&id), message));
            }
        }
    }
    if problems.is_empty() {
        problems.extend(
            term_problems(&locale_units, &rebuilt, &catalog, &tag)
                .into_iter()
                .map(|(position, message)| {
                    let (offset, id) = first_offset
                        .get(&position)
                        .cloned()
                        .unwrap_or((root.offset, String::new()));
                    at(offset, Some(&id), message)
                }),
        );
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return Ok(ImportOutcome::Refused(problems));
    }
    // Of those, the ones the import rewrites stay stale: the snapshot must not claim a review
    // against today's source that did not happen.
    let still_stale: BTreeMap<String, u64> = unreviewed
        .into_iter()
        .filter(|(position, _)| rebuilt.contains_key(position))
        .map(|(position, made_against)| {
            let pattern = &locale_units.files[position.0].patterns[position.1];
            (pattern.key(), made_against)
        })
        .collect();

    // Plan the edits, check that the result reads back, then write.
    let empty = LocaleCatalog::default();
    let target = catalog.locale(&tag).unwrap_or(&empty);
    let source = catalog.locale(&source_tag).unwrap_or(&empty);
    let plans = plan_edits(project, &locale_units, &rebuilt, target, &tag);
    let mut new_target = target.clone();
    let mut files = Vec::new();
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for plan in plans {
        let new_text = plan.apply();
        let old_junk = plan.original.as_ref().map_or(0, |f| f.junk.len());
        let parsed =
            catalog::parse_file(plan.path.clone(), plan.relative.clone(), new_text.clone());
        let missing: Vec<&String> = plan
            .changed
            .iter()
            .chain(&plan.added)
            .filter(|key| !defines(&parsed, key))
            .collect();
        if parsed.junk.len() > old_junk || !missing.is_empty() {
            return Err(XliffError::Internal {
                message: format!(
                    "the rewritten {} would not read back ({} unreadable, {} lost); nothing was written. Please report this with the XLIFF file.",
                    project.relative(&plan.path),
                    crate::numbers::count_as(
                        parsed.junk.len().saturating_sub(old_junk),
                        "entry",
                        "entries"
                    ),
                    crate::numbers::count(missing.len(), "message")
                ),
            });
        }
        match new_target
            .files
            .iter_mut()
            .find(|f| f.relative == plan.relative)
        {
            Some(file) => *file = parsed,
            None => new_target.files.push(parsed),
        }
        files.push(FileChange {
            path: project.relative(&plan.path).into_owned(),
            created: plan.original.is_none(),
            changed: plan.changed.clone(),
            added: plan.added.clone(),
        });
        writes.push((plan.path, new_text));
    }
    new_target.files.sort_by(|a, b| a.relative.cmp(&b.relative));

    let snapshot_path = snapshot::snapshot_path(project, &tag);
    let old_snapshot = snapshot::load_snapshot(&snapshot_path)?;
    // An import that changes nothing leaves the snapshot alone too (it may be missing or out
    // of date on purpose; `extract` is what refreshes it).
    let new_snapshot = if writes.is_empty() && confirmed.is_empty() {
        old_snapshot.clone()
    } else {
        refreshed_snapshot(
            &old_snapshot,
            source,
            &new_target,
            &confirmed,
            &still_stale,
            &project.check.bundles,
        )
    };
    let snapshot_changed = new_snapshot != old_snapshot;
    if !options.dry_run {
        // One update: the locale's files and its snapshot change together or not at all.
        let mut transaction = Transaction::new(&project.root);
        for (path, contents) in &writes {
            transaction.write(path, contents.as_bytes());
        }
        if snapshot_changed {
            transaction.write(
                &snapshot_path,
                snapshot::render_snapshot(&new_snapshot).as_bytes(),
            );
        }
        transaction.commit()?;
    }
    Ok(ImportOutcome::Done(ImportReport {
        locale: tag,
        units: document.units.len(),
        files,
        confirmed,
        still_stale: still_stale.into_keys().collect(),
        snapshot: snapshot_changed.then(|| project.relative(&snapshot_path).into_owned()),
        dry_run: options.dry_run,
    }))
}

/// The snapshot after the import: refreshed against the new files, confirmed stale
/// translations recorded against the current source (their review is done), and `still_stale`
/// ones (key → fingerprint of the source they were made against) against an older source.
fn refreshed_snapshot(
    old: &Snapshot,
    source: &LocaleCatalog,
    target: &LocaleCatalog,
    confirmed: &[String],
    still_stale: &BTreeMap<String, u64>,
    bundles: &crate::config::BundlesConfig,
) -> Snapshot {
    let mut new = snapshot::refresh(old, source, target, bundles);
    let source_patterns = snapshot::patterns(source);
    let target_patterns = snapshot::patterns(target);
    // Keyed by pattern: an id that files in bundles define several times has records that
    // name their file (see `snapshot`), which these keys do not; such records stay refreshed.
    for key in confirmed {
        if !new.pairs.contains_key(key) {
            continue;
        }
        if let (Some(s), Some(t)) = (source_patterns.get(key), target_patterns.get(key)) {
            new.pairs.insert(
                key.clone(),
                Pair {
                    source: snapshot::fingerprint(&s.text),
                    translation: snapshot::fingerprint(&t.text),
                },
            );
        }
    }
    for (key, made_against) in still_stale {
        if !new.pairs.contains_key(key) {
            continue;
        }
        if let (Some(s), Some(t)) = (source_patterns.get(key), target_patterns.get(key)) {
            let current = snapshot::fingerprint(&s.text);
            // Any fingerprint but today's source's keeps the translation stale until it is
            // edited or confirmed: the older recorded source, else the one the file carried.
            let older = [old.pairs.get(key).map(|p| p.source), Some(*made_against)]
                .into_iter()
                .flatten()
                .find(|&f| f != current)
                .unwrap_or(!current);
            new.pairs.insert(
                key.clone(),
                Pair {
                    source: older,
                    translation: snapshot::fingerprint(&t.text),
                },
            );
        }
    }
    new
}

fn defines(file: &CatalogFile, key: &str) -> bool {
    let (id, attribute) = match key.split_once('.') {
        Some((id, a)) => (id, Some(a)),
        None => (key, None),
    };
    let (kind, id) = match id.strip_prefix('-') {
        Some(term) => (EntryKind::Term, term),
        None => (EntryKind::Message, id),
    };
    file.entry(id, kind).is_some_and(|e| match attribute {
        Some(a) => e.attribute(a).is_some(),
        None => true,
    })
}

fn abbreviate(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out.replace('\n', "⏎")
}

/// A pattern's imported texts by unit id suffix, each with whether the translator confirmed it.
type Texts = HashMap<String, (Vec<Part>, bool)>;

/// (file index, pattern index) of every pattern, by address.
fn pattern_positions(units: &LocaleUnits) -> HashMap<*const PatternUnits, (usize, usize)> {
    let mut out = HashMap::new();
    for (f, file) in units.files.iter().enumerate() {
        for (p, pattern) in file.patterns.iter().enumerate() {
            out.insert(pattern as *const PatternUnits, (f, p));
        }
    }
    out
}
