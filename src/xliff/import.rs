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

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::XliffError;
use super::model::{self, Part};
use super::read::{self, Element, Node};
use super::units::{self, Coded, LocaleUnits, PatternUnits, Unit};
use crate::catalog::{self, CatalogFile, Entry, EntryKind, LocaleCatalog};
use crate::config::Project;
use crate::fsutil;
use crate::snapshot::{self, Pair, Snapshot};
use crate::transaction::Transaction;

#[derive(Debug, Clone, Copy, Default)]
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
                    "the rewritten {} would not read back ({} unreadable entries, {} messages lost); nothing was written. Please report this with the XLIFF file.",
                    project.relative(&plan.path),
                    parsed.junk.len().saturating_sub(old_junk),
                    missing.len()
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
        refreshed_snapshot(&old_snapshot, source, &new_target, &confirmed, &still_stale)
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
) -> Snapshot {
    let mut new = snapshot::refresh(old, source, target);
    let source_patterns = snapshot::patterns(source);
    let target_patterns = snapshot::patterns(target);
    for key in confirmed {
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

// ---------------------------------------------------------------------------------------------
// The XLIFF document, version-neutral.

struct Document {
    source_lang: Option<String>,
    target_lang: Option<String>,
    /// The name of the attribute giving the target language (`trgLang`, `target-language`).
    target_attribute: &'static str,
    /// Each `<file>`'s offset and `original`, which remembers the exported locale.
    originals: Vec<(usize, String)>,
    units: Vec<RawUnit>,
}

struct RawUnit {
    id: String,
    offset: usize,
    source: Vec<Token>,
    target: Option<Vec<Token>>,
    /// The translator confirmed it (2.0 state translated, reviewed or final; 1.2 translated,
    /// final, signed-off or approved).
    confirmed: bool,
}

/// Inline content with each code's FTL as the file gives it (`None`: only its id).
#[derive(Debug, Clone)]
enum Token {
    Text(String),
    Ph {
        id: Option<String>,
        ftl: Option<String>,
    },
    Open {
        id: Option<String>,
        ftl: Option<String>,
    },
    Close {
        id: Option<String>,
        ftl: Option<String>,
    },
}

type Problems = Vec<(usize, Option<String>, String)>;

fn interpret(root: &Element) -> Result<Document, Problems> {
    if root.name != "xliff" || !root.xliff {
        return Err(vec![(
            root.offset,
            None,
            format!(
                "not an XLIFF document (the root element is <{}>)",
                root.name
            ),
        )]);
    }
    let version = root.attribute("version").unwrap_or("");
    let mut problems = Vec::new();
    let mut document = Document {
        source_lang: None,
        target_lang: None,
        target_attribute: "trgLang",
        originals: root
            .elements()
            .filter(|e| e.name == "file")
            .filter_map(|e| Some((e.offset, e.attribute("original")?.to_string())))
            .collect(),
        units: Vec::new(),
    };
    if version.starts_with('2') {
        document.source_lang = root.attribute("srcLang").map(str::to_string);
        document.target_lang = root.attribute("trgLang").map(str::to_string);
        for file in root.elements().filter(|e| e.name == "file") {
            units_2_0(file, &mut document.units, &mut problems);
        }
    } else if matches!(version, "1.2" | "1.1" | "1.0") {
        document.target_attribute = "target-language";
        for file in root.elements().filter(|e| e.name == "file") {
            for (name, slot) in [
                ("source-language", &mut document.source_lang),
                ("target-language", &mut document.target_lang),
            ] {
                let value = file.attribute(name).map(str::to_string);
                if slot.is_some() && value.is_some() && *slot != value {
                    problems.push((
                        file.offset,
                        None,
                        format!("the files disagree on `{name}`; import one locale at a time"),
                    ));
                }
                if slot.is_none() {
                    *slot = value;
                }
            }
            if let Some(body) = file.element("body") {
                units_1_2(body, &mut document.units, &mut problems);
            }
        }
    } else {
        problems.push((
            root.offset,
            None,
            format!("unsupported XLIFF version `{version}` (fluentpress reads 2.x and 1.2)"),
        ));
    }
    if problems.is_empty() {
        Ok(document)
    } else {
        Err(problems)
    }
}

fn units_2_0(container: &Element, out: &mut Vec<RawUnit>, problems: &mut Problems) {
    for element in container.elements() {
        match element.name.as_str() {
            "group" => units_2_0(element, out, problems),
            "unit" => {
                let Some(id) = element.attribute("id") else {
                    problems.push((element.offset, None, "a <unit> without `id`".into()));
                    continue;
                };
                let data: HashMap<&str, String> = element
                    .element("originalData")
                    .into_iter()
                    .flat_map(|d| d.elements().filter(|e| e.name == "data"))
                    .filter_map(|d| Some((d.attribute("id")?, text_with_cp(d))))
                    .collect();
                let mut source = Vec::new();
                let mut targets: Vec<Option<Vec<Token>>> = Vec::new();
                let mut confirmed = true;
                for part in element.elements() {
                    let ignorable = match part.name.as_str() {
                        "segment" => false,
                        "ignorable" => true,
                        _ => continue,
                    };
                    if !ignorable {
                        let state = part.attribute("state").unwrap_or("initial");
                        confirmed &= matches!(state, "translated" | "reviewed" | "final");
                    }
                    let mut inline = |name: &str| -> Option<Vec<Token>> {
                        let e = part.element(name)?;
                        let mut tokens = Vec::new();
                        match tokens_2_0(e, &data, &mut tokens) {
                            Ok(()) => Some(tokens),
                            Err((offset, message)) => {
                                problems.push((offset, Some(id.to_string()), message));
                                None
                            }
                        }
                    };
                    let segment_source = inline("source").unwrap_or_default();
                    let segment_target = inline("target");
                    targets.push(match (ignorable, segment_target) {
                        (true, None) => Some(segment_source.clone()),
                        (_, t) => t,
                    });
                    source.extend(segment_source);
                }
                let target = targets
                    .iter()
                    .any(Option::is_some)
                    .then(|| targets.into_iter().flatten().flatten().collect());
                out.push(RawUnit {
                    id: id.to_string(),
                    offset: element.offset,
                    source,
                    target,
                    confirmed,
                });
            }
            _ => {}
        }
    }
}

fn text_with_cp(element: &Element) -> String {
    let mut out = String::new();
    for child in &element.children {
        match child {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name == "cp" => out.extend(cp_char(e)),
            Node::Element(_) => {}
        }
    }
    out
}

fn cp_char(e: &Element) -> Option<char> {
    e.attribute("hex")
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32)
}

fn tokens_2_0(
    element: &Element,
    data: &HashMap<&str, String>,
    out: &mut Vec<Token>,
) -> Result<(), (usize, String)> {
    let attr = |e: &Element, name: &str| e.attribute(name).map(str::to_string);
    let data_of = |e: &Element, name: &str| e.attribute(name).and_then(|r| data.get(r)).cloned();
    for child in &element.children {
        let e = match child {
            Node::Text(t) => {
                push_text(out, t);
                continue;
            }
            Node::Element(e) => e,
        };
        if !e.xliff {
            return Err((
                e.offset,
                format!("unexpected <{}> in <{}>", e.name, element.name),
            ));
        }
        match e.name.as_str() {
            "cp" => {
                if let Some(c) = cp_char(e) {
                    push_text(out, &c.to_string());
                }
            }
            "ph" => out.push(Token::Ph {
                id: attr(e, "id"),
                ftl: data_of(e, "dataRef"),
            }),
            "pc" => {
                out.push(Token::Open {
                    id: attr(e, "id"),
                    ftl: data_of(e, "dataRefStart"),
                });
                tokens_2_0(e, data, out)?;
                out.push(Token::Close {
                    id: attr(e, "id"),
                    ftl: data_of(e, "dataRefEnd"),
                });
            }
            "sc" => out.push(Token::Open {
                id: attr(e, "id"),
                ftl: data_of(e, "dataRef"),
            }),
            "ec" => out.push(Token::Close {
                id: attr(e, "startRef").or_else(|| attr(e, "id")),
                ftl: data_of(e, "dataRef"),
            }),
            "mrk" => tokens_2_0(e, data, out)?,
            "sm" | "em" => {}
            other => {
                return Err((
                    e.offset,
                    format!("unexpected <{other}> in <{}>", element.name),
                ));
            }
        }
    }
    Ok(())
}

fn units_1_2(container: &Element, out: &mut Vec<RawUnit>, problems: &mut Problems) {
    for element in container.elements() {
        match element.name.as_str() {
            "group" => units_1_2(element, out, problems),
            "trans-unit" => {
                let Some(id) = element.attribute("id") else {
                    problems.push((element.offset, None, "a <trans-unit> without `id`".into()));
                    continue;
                };
                let mut inline = |name: &str| -> Option<Vec<Token>> {
                    let e = element.element(name)?;
                    let mut tokens = Vec::new();
                    match tokens_1_2(e, &mut tokens) {
                        Ok(()) => Some(tokens),
                        Err((offset, message)) => {
                            problems.push((offset, Some(id.to_string()), message));
                            None
                        }
                    }
                };
                let source = inline("source").unwrap_or_default();
                let target = inline("target");
                let state = element
                    .element("target")
                    .and_then(|t| t.attribute("state"))
                    .unwrap_or("");
                let confirmed = element.attribute("approved") == Some("yes")
                    || matches!(state, "translated" | "final" | "signed-off");
                out.push(RawUnit {
                    id: id.to_string(),
                    offset: element.offset,
                    source,
                    target,
                    confirmed,
                });
            }
            _ => {}
        }
    }
}

fn tokens_1_2(element: &Element, out: &mut Vec<Token>) -> Result<(), (usize, String)> {
    let attr = |e: &Element, name: &str| e.attribute(name).map(str::to_string);
    for child in &element.children {
        let e = match child {
            Node::Text(t) => {
                push_text(out, t);
                continue;
            }
            Node::Element(e) => e,
        };
        if !e.xliff {
            return Err((
                e.offset,
                format!("unexpected <{}> in <{}>", e.name, element.name),
            ));
        }
        match e.name.as_str() {
            "x" => out.push(Token::Ph {
                id: attr(e, "id"),
                ftl: attr(e, "equiv-text"),
            }),
            "g" => {
                out.push(Token::Open {
                    id: attr(e, "id"),
                    ftl: None,
                });
                tokens_1_2(e, out)?;
                out.push(Token::Close {
                    id: attr(e, "id"),
                    ftl: None,
                });
            }
            "bx" => out.push(Token::Open {
                id: attr(e, "rid").or_else(|| attr(e, "id")),
                ftl: None,
            }),
            "ex" => out.push(Token::Close {
                id: attr(e, "rid").or_else(|| attr(e, "id")),
                ftl: None,
            }),
            "mrk" => tokens_1_2(e, out)?,
            other => {
                return Err((
                    e.offset,
                    format!(
                        "unsupported <{other}> in <{}> (fluentpress writes codes as <x> and <g>)",
                        element.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn push_text(out: &mut Vec<Token>, text: &str) {
    if let Some(Token::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Token::Text(text.to_string()));
    }
}

fn is_blank(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .all(|t| matches!(t, Token::Text(s) if s.trim().is_empty()))
}

/// The configured target locale the document is for.
fn target_locale(project: &Project, document: &Document) -> Result<String, String> {
    let source = &project.source_locale().tag;
    let configured = project
        .target_locales()
        .iter()
        .map(|l| l.tag.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(lang) = &document.source_lang
        && !lang.eq_ignore_ascii_case(source)
    {
        return Err(format!(
            "the file's source language is `{lang}`, the project's is `{source}`"
        ));
    }
    let Some(lang) = &document.target_lang else {
        return Err(format!(
            "the file names no target language (trgLang / target-language); configured locales: {configured}"
        ));
    };
    if lang.eq_ignore_ascii_case(source) {
        return Err(format!(
            "the target language `{lang}` is the source locale; import translations into a target locale ({configured})"
        ));
    }
    project
        .target_locales()
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(lang))
        .map(|l| l.tag.clone())
        .ok_or_else(|| {
            format!(
                "the target language `{lang}` is not a configured locale (configured: {configured})"
            )
        })
}

/// Where and why the file was exported for another configured locale than its target language
/// now says: a translator's tool (or a hand edit) relabelled the French file as Canadian
/// French, say. Imported, the translations would land in the wrong locale, with its plural
/// categories unchecked. Files exported before fluentpress remembered the locale (their
/// `original` names no configured locale) are not refused.
fn relabelled(project: &Project, document: &Document, tag: &str) -> Option<(usize, String)> {
    document.originals.iter().find_map(|(offset, original)| {
        let remembered = super::export::original_locale(original)?;
        let exported = project
            .target_locales()
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(remembered))?;
        (exported.tag != tag).then(|| {
            (
                *offset,
                format!(
                    "the file was exported for `{exported}` (original=\"{original}\"), but its target language ({attribute}) now says `{tag}`; import it as {exported} by restoring {attribute}=\"{exported}\", or export {tag} and translate that file",
                    exported = exported.tag,
                    attribute = document.target_attribute,
                ),
            )
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Codes.

enum TableCode {
    Ph(String),
    Pc(String, String),
}

/// The unit's codes by id, as the current export numbers them.
fn code_table(coded: &units::CodedUnit) -> HashMap<String, TableCode> {
    fn walk(list: &[Coded], out: &mut HashMap<String, TableCode>) {
        for c in list {
            match c {
                Coded::Text(_) => {}
                Coded::Ph { id, ftl, .. } => {
                    out.entry(id.to_string())
                        .or_insert_with(|| TableCode::Ph(ftl.clone()));
                }
                Coded::Pc {
                    id,
                    open,
                    close,
                    children,
                    ..
                } => {
                    out.entry(id.to_string())
                        .or_insert_with(|| TableCode::Pc(open.clone(), close.clone()));
                    walk(children, out);
                }
            }
        }
    }
    let mut out = HashMap::new();
    walk(&coded.source, &mut out);
    if let Some(target) = &coded.target {
        walk(target, &mut out);
    }
    out
}

/// Every code of each pattern's units (source and translation), by FTL: what a target may use.
fn allowed_codes(
    all: &[Unit],
    positions: &HashMap<*const PatternUnits, (usize, usize)>,
) -> HashMap<(usize, usize), HashMap<String, Vec<Part>>> {
    let mut out: HashMap<(usize, usize), HashMap<String, Vec<Part>>> = HashMap::new();
    for unit in all {
        let codes = out
            .entry(positions[&(unit.pattern as *const PatternUnits)])
            .or_default();
        for (ftl, parts) in unit.coded.data.iter().zip(&unit.coded.data_parts) {
            codes.insert(ftl.clone(), parts.clone());
        }
    }
    out
}

/// Which code a token stands for: the FTL the file carries, else the FTL its id has now.
fn token_ftl(token: &Token, table: &HashMap<String, TableCode>) -> Option<String> {
    let (id, ftl, which) = match token {
        Token::Text(_) => return None,
        Token::Ph { id, ftl } => (id, ftl, 0),
        Token::Open { id, ftl } => (id, ftl, 1),
        Token::Close { id, ftl } => (id, ftl, 2),
    };
    if let Some(ftl) = ftl {
        return Some(ftl.clone());
    }
    match (table.get(id.as_deref()?)?, which) {
        (TableCode::Ph(f), 0) => Some(f.clone()),
        (TableCode::Pc(open, _), 1) => Some(open.clone()),
        (TableCode::Pc(_, close), 2) => Some(close.clone()),
        _ => None,
    }
}

/// The file's source in the form [`model::inline_ftl`] gives, to compare with today's source.
fn comparable(tokens: &[Token], table: &HashMap<String, TableCode>) -> String {
    let mut out = String::new();
    for token in tokens {
        match token {
            Token::Text(t) => out.push_str(&model::inline_ftl(&[Part::Text(t.clone())])),
            other => out.push_str(&token_ftl(other, table).unwrap_or_else(|| "\u{0}?".into())),
        }
    }
    out
}

/// The target's text, with every code checked: each must be one of the pattern's codes,
/// paired codes must balance, and every required source code must still be there.
fn resolve_target(
    tokens: &[Token],
    table: &HashMap<String, TableCode>,
    allowed: &HashMap<String, Vec<Part>>,
    coded: &units::CodedUnit,
    current: Option<&[Part]>,
) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut used: Vec<(u8, String)> = Vec::new();
    for token in tokens {
        let (kind, id) = match token {
            Token::Text(t) => {
                model::push_part(&mut parts, Part::Text(t.clone()));
                continue;
            }
            Token::Ph { id, .. } => (0u8, id),
            Token::Open { id, .. } => (1, id),
            Token::Close { id, .. } => (2, id),
        };
        let id_text = id.as_deref().unwrap_or("?");
        let ftl = token_ftl(token, table).ok_or_else(|| {
            format!("broken protected code: code {id_text} is not a code of this unit")
        })?;
        let code_parts = allowed.get(&ftl).ok_or_else(|| {
            format!(
                "broken protected code: code {id_text} (`{ftl}`) is not a code of this message; keep the codes as exported"
            )
        })?;
        match kind {
            1 => depth += 1,
            2 => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!(
                        "broken protected code: code {id_text} closes markup that is not open"
                    ));
                }
            }
            _ => {}
        }
        for part in code_parts {
            model::push_part(&mut parts, part.clone());
        }
        used.push((kind, ftl));
    }
    if depth != 0 {
        return Err("broken protected code: markup opened and never closed".into());
    }
    if current.is_some_and(|c| model::parts_equal(c, &parts)) {
        // The translation as it already is: whatever it lacks is `check`'s to report.
        return Ok(parts);
    }
    let mut missing = Vec::new();
    let mut required = Vec::new();
    collect_required(&coded.source, &mut required);
    for code in required {
        match used.iter().position(|u| *u == code) {
            Some(i) => {
                used.remove(i);
            }
            None => missing.push(format!("`{}`", code.1)),
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "missing protected code{}: the translation dropped {} (move codes, do not delete them)",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    Ok(parts)
}

fn collect_required(list: &[Coded], out: &mut Vec<(u8, String)>) {
    for c in list {
        match c {
            Coded::Text(_) => {}
            Coded::Ph { ftl, required, .. } => {
                if *required {
                    out.push((0, ftl.clone()));
                }
            }
            Coded::Pc {
                open,
                close,
                required,
                children,
                ..
            } => {
                if *required {
                    out.push((1, open.clone()));
                    out.push((2, close.clone()));
                }
                collect_required(children, out);
            }
        }
    }
}

/// A term must keep a value: refuse attributes-only new terms.
fn term_problems(
    units: &LocaleUnits,
    rebuilt: &BTreeMap<(usize, usize), String>,
    catalog: &catalog::Catalog,
    tag: &str,
) -> Vec<((usize, usize), String)> {
    let mut out = Vec::new();
    let target = catalog.locale(tag);
    for &(f, p) in rebuilt.keys() {
        let pattern = &units.files[f].patterns[p];
        if pattern.kind != EntryKind::Term || pattern.attribute.is_none() {
            continue;
        }
        let exists = target.is_some_and(|t| {
            t.entries()
                .any(|(_, e)| e.kind == EntryKind::Term && e.id == pattern.id)
        });
        let value_new = units.files[f].patterns.iter().enumerate().any(|(i, q)| {
            q.kind == EntryKind::Term
                && q.id == pattern.id
                && q.attribute.is_none()
                && rebuilt.contains_key(&(f, i))
        });
        if !exists && !value_new {
            out.push((
                (f, p),
                format!(
                    "the term -{} is new in this locale: translate its value too (a term needs one)",
                    pattern.id
                ),
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Edits.

struct Edit {
    start: usize,
    end: usize,
    text: String,
    seq: usize,
    /// A new message: keep a blank line between it and an entry that follows directly.
    blank_after: bool,
}

struct FilePlan {
    path: PathBuf,
    relative: String,
    original: Option<CatalogFile>,
    edits: Vec<Edit>,
    /// Whole new messages for a file that does not exist yet.
    appended: Vec<String>,
    changed: Vec<String>,
    added: Vec<String>,
}

impl FilePlan {
    fn apply(&self) -> String {
        let Some(original) = &self.original else {
            return self.appended.join("\n");
        };
        let text = &original.text;
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| (e.start, e.end > e.start, e.seq));
        let crlf = text.contains("\r\n");
        let mut out = String::with_capacity(text.len() + 256);
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut cursor = 0;
        for (i, edit) in edits.iter().enumerate() {
            out.push_str(&text[cursor..edit.start.max(cursor)]);
            out.push_str(&edit.text.replace('\n', newline));
            cursor = cursor.max(edit.end);
            // The last insertion here (a replacement may start at the same point).
            let last_here = edits
                .get(i + 1)
                .is_none_or(|next| next.start != edit.start || next.end > next.start);
            let follows = &text[cursor..];
            if edit.blank_after
                && last_here
                && !follows.is_empty()
                && !follows.starts_with(['\n', '\r'])
            {
                out.push_str(newline);
            }
        }
        out.push_str(&text[cursor..]);
        out
    }
}

/// Where each entry of a file begins: its attached `#` comment, else its identifier.
fn comment_start(text: &str, entry: &Entry) -> usize {
    let mut pos = entry.span.start;
    while pos > 0 {
        let line_start = text[..pos - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..pos].trim_end_matches(['\n', '\r']);
        if line == "#" || (line.starts_with("# ")) {
            pos = line_start;
        } else {
            break;
        }
    }
    pos
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn comment_lines(comment: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(comment) = comment {
        for line in comment.split('\n') {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn entry_key(kind: EntryKind, id: &str) -> String {
    match kind {
        EntryKind::Message => id.to_string(),
        EntryKind::Term => format!("-{id}"),
    }
}

/// Turns the rebuilt patterns into edits of the locale's files, in source order.
fn plan_edits(
    project: &Project,
    units: &LocaleUnits,
    rebuilt: &BTreeMap<(usize, usize), String>,
    target: &LocaleCatalog,
    tag: &str,
) -> Vec<FilePlan> {
    let mut located: HashMap<(EntryKind, &str), (usize, &Entry)> = HashMap::new();
    for (index, file) in target.files.iter().enumerate() {
        for entry in &file.entries {
            located
                .entry((entry.kind, entry.id.as_str()))
                .or_insert((index, entry));
        }
    }
    let locale_dir = project.locale_dir(tag);
    let mut plans: BTreeMap<String, FilePlan> = BTreeMap::new();
    let mut seq = 0;
    let plan_for = |plans: &mut BTreeMap<String, FilePlan>, relative: &str| {
        plans.entry(relative.to_string()).or_insert_with(|| {
            let original = target.file(relative).cloned();
            FilePlan {
                path: original
                    .as_ref()
                    .map_or_else(|| locale_dir.join(relative), |f| f.path.clone()),
                relative: relative.to_string(),
                original,
                edits: Vec::new(),
                appended: Vec::new(),
                changed: Vec::new(),
                added: Vec::new(),
            }
        });
    };

    for (f, file) in units.files.iter().enumerate() {
        // The file's entries in source order, each with its patterns' indexes.
        let mut entries: Vec<(EntryKind, &str, Vec<usize>)> = Vec::new();
        for (p, pattern) in file.patterns.iter().enumerate() {
            match entries.last_mut() {
                Some((kind, id, list)) if *kind == pattern.kind && *id == pattern.id => {
                    list.push(p)
                }
                _ => entries.push((pattern.kind, &pattern.id, vec![p])),
            }
        }
        for (e, (kind, id, pattern_indexes)) in entries.iter().enumerate() {
            let changes: Vec<(&PatternUnits, &String)> = pattern_indexes
                .iter()
                .filter_map(|&p| Some((&file.patterns[p], rebuilt.get(&(f, p))?)))
                .collect();
            if changes.is_empty() {
                continue;
            }
            let key = entry_key(*kind, id);
            match located.get(&(*kind, *id)) {
                Some(&(file_index, entry)) => {
                    let target_file = &target.files[file_index];
                    plan_for(&mut plans, &target_file.relative);
                    let plan = plans.get_mut(&target_file.relative).expect("planned");
                    let text = &target_file.text;
                    let attribute_starts: Vec<usize> = entry
                        .attributes
                        .iter()
                        .map(|a| line_start(text, a.name_span.start))
                        .collect();
                    let value_end = attribute_starts.first().copied().unwrap_or(entry.span.end);
                    let segment_end = |k: usize| {
                        attribute_starts
                            .get(k + 1)
                            .copied()
                            .unwrap_or(entry.span.end)
                    };
                    let newline = |end: usize| {
                        if text[..end].ends_with('\n') {
                            "\n"
                        } else {
                            ""
                        }
                    };
                    for (pattern, ftl) in &changes {
                        seq += 1;
                        match &pattern.attribute {
                            None => plan.edits.push(Edit {
                                start: entry.span.start,
                                end: value_end,
                                text: format!("{key} ={ftl}{}", newline(value_end)),
                                seq,
                                blank_after: false,
                            }),
                            Some(name) => {
                                match entry.attributes.iter().position(|a| a.name == name) {
                                    Some(k) => {
                                        let start = attribute_starts[k];
                                        let dot = entry.attributes[k].name_span.start - 1;
                                        let indent = &text[start..dot];
                                        let end = segment_end(k);
                                        plan.edits.push(Edit {
                                            start,
                                            end,
                                            text: format!("{indent}.{name} ={ftl}{}", newline(end)),
                                            seq,
                                            blank_after: false,
                                        });
                                    }
                                    None => {
                                        // After the nearest preceding source attribute the
                                        // translation has, else after the value.
                                        let source_order: Vec<&str> = pattern_indexes
                                            .iter()
                                            .filter_map(|&p| file.patterns[p].attribute.as_deref())
                                            .collect();
                                        let mine = source_order
                                            .iter()
                                            .position(|a| a == name)
                                            .unwrap_or(0);
                                        let at = source_order[..mine]
                                            .iter()
                                            .rev()
                                            .find_map(|a| {
                                                entry
                                                    .attributes
                                                    .iter()
                                                    .position(|x| x.name == *a)
                                                    .map(segment_end)
                                            })
                                            .unwrap_or(value_end);
                                        let lead = if at > 0 && !text[..at].ends_with('\n') {
                                            "\n"
                                        } else {
                                            ""
                                        };
                                        plan.edits.push(Edit {
                                            start: at,
                                            end: at,
                                            text: format!("{lead}    .{name} ={ftl}\n"),
                                            seq,
                                            blank_after: false,
                                        });
                                    }
                                }
                            }
                        }
                    }
                    plan.changed.push(key);
                }
                None => {
                    // A new message: its comment, its value and translated attributes.
                    let mut message = comment_lines(changes[0].0.comment.as_deref());
                    match changes.iter().find(|(p, _)| p.attribute.is_none()) {
                        Some((_, ftl)) => message.push_str(&format!("{key} ={ftl}\n")),
                        None => message.push_str(&format!("{key} =\n")),
                    }
                    for (pattern, ftl) in &changes {
                        if let Some(name) = &pattern.attribute {
                            message.push_str(&format!("    .{name} ={ftl}\n"));
                        }
                    }
                    plan_for(&mut plans, &file.relative);
                    let plan = plans.get_mut(&file.relative).expect("planned");
                    seq += 1;
                    match &plan.original {
                        None => plan.appended.push(message),
                        Some(existing) => {
                            let text = &existing.text;
                            let in_file = |(k, i): (EntryKind, &str)| {
                                existing.entries.iter().find(|x| x.kind == k && x.id == i)
                            };
                            let before = entries[..e]
                                .iter()
                                .rev()
                                .find_map(|(k, i, _)| in_file((*k, i)));
                            let after = entries[e + 1..]
                                .iter()
                                .find_map(|(k, i, _)| in_file((*k, i)));
                            let (at, insert) = match (before, after) {
                                (Some(prev), _) => {
                                    let at = prev.span.end;
                                    let lead = if text[..at].ends_with('\n') { "" } else { "\n" };
                                    (at, format!("{lead}\n{message}"))
                                }
                                (None, Some(next)) => {
                                    (comment_start(text, next), format!("{message}\n"))
                                }
                                (None, None) => {
                                    let lead = match text.as_str() {
                                        "" => "",
                                        t if t.ends_with("\n\n") => "",
                                        t if t.ends_with('\n') => "\n",
                                        _ => "\n\n",
                                    };
                                    (text.len(), format!("{lead}{message}"))
                                }
                            };
                            plan.edits.push(Edit {
                                start: at,
                                end: at,
                                text: insert,
                                seq,
                                blank_after: true,
                            });
                        }
                    }
                    plan.added.push(key);
                }
            }
        }
    }
    plans.into_values().collect()
}
