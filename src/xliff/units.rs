//! A locale's units: every source pattern merged with its translation, in source order, with
//! what XLIFF needs to say about each (state, notes, numbered codes).
//!
//! Export writes these; import rebuilds them from the files on disk and treats them as the
//! truth: the XLIFF file only supplies target texts, which are checked against these units.

use std::collections::{BTreeSet, HashMap};

use fluent_syntax::ast;

use super::XliffError;
use super::model::{self, Code, CodeKind, Inline, LeafRef, Part, Shape, UnitTree};
use crate::catalog::{Catalog, CatalogFile, EntryKind, LocaleCatalog};
use crate::config::Project;
use crate::snapshot;

/// One locale's units, by source file.
#[derive(Debug, Clone)]
pub struct LocaleUnits {
    pub source_tag: String,
    pub target_tag: String,
    pub files: Vec<FileUnits>,
}

/// The units of one source file.
#[derive(Debug, Clone)]
pub struct FileUnits {
    /// The path below the locale folder (`pages/home.ftl`), the same in every locale.
    pub relative: String,
    /// The source file, relative to the project root (for notes).
    pub source_path: String,
    pub patterns: Vec<PatternUnits>,
}

/// One source pattern (a value or an attribute) with its translation.
#[derive(Debug, Clone)]
pub struct PatternUnits {
    pub kind: EntryKind,
    pub id: String,
    pub attribute: Option<String>,
    /// Line of the source definition.
    pub source_line: usize,
    /// The source entry's comment, and the translation's.
    pub comment: Option<String>,
    pub target_comment: Option<String>,
    pub tree: UnitTree,
    /// The source changed since the translation was last edited (see `snapshot`).
    pub stale: bool,
    /// The locale translates this pattern.
    pub translated: bool,
}

impl PatternUnits {
    /// The snapshot key: `id`, `id.attr`, `-term`, `-term.attr`.
    pub fn key(&self) -> String {
        let dash = if self.kind == EntryKind::Term {
            "-"
        } else {
            ""
        };
        match &self.attribute {
            Some(a) => format!("{dash}{}.{a}", self.id),
            None => format!("{dash}{}", self.id),
        }
    }
}

/// Where a unit stands, for XLIFF's `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    /// No translation, or a plural category the translation lacks.
    Missing,
    /// Translated, but the source changed since: needs review.
    Stale,
    Translated,
}

/// One unit, ready to write.
pub struct Unit<'a> {
    pub file: &'a FileUnits,
    pub pattern: &'a PatternUnits,
    pub leaf: LeafRef<'a>,
    /// `key` + variant keys: `search-results:one`. XML NMTOKEN-safe.
    pub id: String,
    pub state: UnitState,
    pub coded: CodedUnit,
}

impl LocaleUnits {
    /// Source entries the locale does not translate, by `coverage`'s rule: an entry with a
    /// value needs its value translated; one made of attributes only, any of them. Patterns of
    /// one entry are consecutive in their file.
    pub fn missing_entries(&self) -> usize {
        let mut missing = 0;
        for file in &self.files {
            let patterns = &file.patterns;
            let mut start = 0;
            while start < patterns.len() {
                let first = &patterns[start];
                let end = patterns[start..]
                    .iter()
                    .position(|p| p.kind != first.kind || p.id != first.id)
                    .map_or(patterns.len(), |n| start + n);
                let entry = &patterns[start..end];
                let translated = match entry.iter().find(|p| p.attribute.is_none()) {
                    Some(value) => value.translated,
                    None => entry.iter().any(|p| p.translated),
                };
                missing += usize::from(!translated);
                start = end;
            }
        }
        missing
    }

    /// Every unit in file, source and key order.
    pub fn units(&self) -> Vec<Unit<'_>> {
        let mut out = Vec::new();
        for file in &self.files {
            for pattern in &file.patterns {
                for leaf in model::leaves(&pattern.tree) {
                    out.push(unit(file, pattern, leaf));
                }
            }
        }
        out
    }
}

fn unit<'a>(file: &'a FileUnits, pattern: &'a PatternUnits, leaf: LeafRef<'a>) -> Unit<'a> {
    let id = format!("{}{}", pattern.key(), leaf.suffix());
    let state = match &leaf.leaf.target {
        None => UnitState::Missing,
        Some(_) if pattern.stale => UnitState::Stale,
        Some(_) if leaf.lacks_category() => UnitState::Missing,
        Some(_) => UnitState::Translated,
    };
    let source = model::inlines(&leaf.leaf.source);
    let target = leaf.leaf.target.as_deref().map(model::inlines);
    let coded = number_codes(&source, target.as_deref(), &leaf.optional_placeables());
    Unit {
        file,
        pattern,
        leaf,
        id,
        state,
        coded,
    }
}

/// A unit's content with numbered codes: ids shared by a source code and the target code that
/// corresponds to it, and one `originalData` entry per distinct FTL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedUnit {
    pub source: Vec<Coded>,
    pub target: Option<Vec<Coded>>,
    /// FTL of each data entry; entry `n` is `d{n+1}`.
    pub data: Vec<String>,
    /// The parts each data entry stands for (same order).
    pub data_parts: Vec<Vec<Part>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coded {
    Text(String),
    Ph {
        id: u32,
        kind: CodeKind,
        ftl: String,
        data: usize,
        /// The translation must keep this code.
        required: bool,
    },
    Pc {
        id: u32,
        kind: CodeKind,
        open: String,
        close: String,
        open_data: usize,
        close_data: usize,
        required: bool,
        children: Vec<Coded>,
    },
}

/// Numbers codes: source codes 1, 2, … in order; a target code takes the id of the first unused
/// source code with the same FTL, or a new id. Every code is required in the translation except
/// the plural variable's placeable in a plural variant (`optional`).
pub fn number_codes(
    source: &[Inline],
    target: Option<&[Inline]>,
    optional: &[String],
) -> CodedUnit {
    let mut numbering = Numbering {
        next: 1,
        data: Vec::new(),
        data_parts: Vec::new(),
        available: Vec::new(),
        optional,
    };
    let source = numbering.source(source);
    let target = target.map(|t| numbering.target(t));
    CodedUnit {
        source,
        target,
        data: numbering.data,
        data_parts: numbering.data_parts,
    }
}

struct Numbering<'o> {
    next: u32,
    data: Vec<String>,
    data_parts: Vec<Vec<Part>>,
    /// Source codes not yet matched by a target code: (ftl identity, id, required).
    available: Vec<(String, u32, bool)>,
    optional: &'o [String],
}

impl Numbering<'_> {
    fn data_index(&mut self, code: &Code) -> usize {
        match self.data.iter().position(|d| *d == code.ftl) {
            Some(i) => i,
            None => {
                self.data.push(code.ftl.clone());
                self.data_parts.push(code.parts.clone());
                self.data.len() - 1
            }
        }
    }

    fn fresh(&mut self) -> u32 {
        let id = self.next;
        self.next += 1;
        id
    }

    fn source(&mut self, inlines: &[Inline]) -> Vec<Coded> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text(t) => Coded::Text(t.clone()),
                Inline::Ph { kind, code } => {
                    let id = self.fresh();
                    let required =
                        !(*kind == CodeKind::Placeable && self.optional.contains(&code.ftl));
                    self.available.push((code.ftl.clone(), id, required));
                    Coded::Ph {
                        id,
                        kind: *kind,
                        data: self.data_index(code),
                        ftl: code.ftl.clone(),
                        required,
                    }
                }
                Inline::Pc {
                    kind,
                    open,
                    close,
                    children,
                } => {
                    let id = self.fresh();
                    self.available
                        .push((pair_identity(&open.ftl, &close.ftl), id, true));
                    Coded::Pc {
                        id,
                        kind: *kind,
                        open_data: self.data_index(open),
                        close_data: self.data_index(close),
                        open: open.ftl.clone(),
                        close: close.ftl.clone(),
                        required: true,
                        children: self.source(children),
                    }
                }
            })
            .collect()
    }

    fn take(&mut self, identity: &str) -> Option<(u32, bool)> {
        let i = self.available.iter().position(|(f, _, _)| f == identity)?;
        let (_, id, required) = self.available.remove(i);
        Some((id, required))
    }

    fn target(&mut self, inlines: &[Inline]) -> Vec<Coded> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text(t) => Coded::Text(t.clone()),
                Inline::Ph { kind, code } => {
                    let (id, required) = self
                        .take(&code.ftl)
                        .unwrap_or_else(|| (self.fresh(), false));
                    Coded::Ph {
                        id,
                        kind: *kind,
                        data: self.data_index(code),
                        ftl: code.ftl.clone(),
                        required,
                    }
                }
                Inline::Pc {
                    kind,
                    open,
                    close,
                    children,
                } => {
                    let (id, required) = self
                        .take(&pair_identity(&open.ftl, &close.ftl))
                        .unwrap_or_else(|| (self.fresh(), false));
                    Coded::Pc {
                        id,
                        kind: *kind,
                        open_data: self.data_index(open),
                        close_data: self.data_index(close),
                        open: open.ftl.clone(),
                        close: close.ftl.clone(),
                        required,
                        children: self.target(children),
                    }
                }
            })
            .collect()
    }
}

fn pair_identity(open: &str, close: &str) -> String {
    format!("{open}\u{0}{close}")
}

/// The units of `tag` against the source, from the loaded catalog (which must hold both).
pub fn locale_units(
    project: &Project,
    catalog: &Catalog,
    tag: &str,
) -> Result<LocaleUnits, XliffError> {
    let source_tag = project.source_locale().tag.clone();
    let locale = project.require_target_locale(tag)?;
    let empty = LocaleCatalog::default();
    let source = catalog.locale(&source_tag).unwrap_or(&empty);
    let target = catalog.locale(tag).unwrap_or(&empty);
    let snapshot = snapshot::load_snapshot(&snapshot::snapshot_path(project, tag))?;
    let stale = snapshot::stale_keys(&snapshot, source, target, &project.check.bundles);
    let categories = crate::plural::runtime_categories(&locale.langid);

    let target_resources: Vec<(&CatalogFile, ast::Resource<&str>)> =
        target.files.iter().map(|f| (f, parse(f))).collect();
    // When the application loads files into separate bundles (`check.bundles`), an id is a
    // file's: the same id in two files is two units, each matched with the translation in the
    // file of the same path. For a website, an id is the locale's wherever it is defined.
    let per_file = !project.check.bundles.is_per_locale();
    let scope = |relative: &'_ str| -> String {
        if per_file {
            relative.to_string()
        } else {
            String::new()
        }
    };
    let mut translations: HashMap<(String, EntryKind, &str), Definition<'_, '_>> = HashMap::new();
    for (file, resource) in &target_resources {
        for (definition, catalog_entry) in definitions(resource).zip(&file.entries) {
            translations
                .entry((scope(&file.relative), definition.kind, definition.id))
                .or_insert(Definition {
                    comment: catalog_entry.comment.clone(),
                    ..definition
                });
        }
    }

    let mut files = Vec::new();
    let mut seen: BTreeSet<(String, EntryKind, String)> = BTreeSet::new();
    for file in &source.files {
        let resource = parse(file);
        let mut patterns = Vec::new();
        let file_scope = scope(&file.relative);
        for (definition, entry) in definitions(&resource).zip(&file.entries) {
            if !seen.insert((
                file_scope.clone(),
                definition.kind,
                definition.id.to_string(),
            )) {
                continue;
            }
            let translation =
                translations.get(&(file_scope.clone(), definition.kind, definition.id));
            let source_line = file.line_column(entry.id_span.start).0;
            let mut push =
                |attribute: Option<&str>,
                 source_pattern: &ast::Pattern<&str>,
                 target_pattern: Option<&ast::Pattern<&str>>| {
                    let source_shape = model::shape_of(source_pattern);
                    let target_shape: Option<Shape> = target_pattern.map(model::shape_of);
                    let mut pattern = PatternUnits {
                        kind: definition.kind,
                        id: definition.id.to_string(),
                        attribute: attribute.map(str::to_string),
                        source_line,
                        comment: entry.comment.clone(),
                        target_comment: translation.and_then(|t| t.comment.clone()),
                        tree: model::merge(&source_shape, target_shape.as_ref(), &categories),
                        stale: false,
                        translated: target_pattern.is_some(),
                    };
                    // The record of an id defined in several files names its file.
                    let key = pattern.key();
                    pattern.stale = stale.contains(&key)
                        || (per_file && stale.contains(&format!("{}:{key}", file.relative)));
                    patterns.push(pattern);
                };
            if let Some(value) = definition.value {
                push(None, value, translation.and_then(|t| t.value));
            }
            for attribute in definition.attributes {
                let target_attribute = translation.and_then(|t| {
                    t.attributes
                        .iter()
                        .find(|a| a.id.name == attribute.id.name)
                        .map(|a| &a.value)
                });
                push(Some(attribute.id.name), &attribute.value, target_attribute);
            }
        }
        files.push(FileUnits {
            relative: file.relative.clone(),
            source_path: project.relative(&file.path).into_owned(),
            patterns,
        });
    }
    Ok(LocaleUnits {
        source_tag,
        target_tag: tag.to_string(),
        files,
    })
}

/// A message or term of a parsed file.
#[derive(Clone)]
struct Definition<'r, 's> {
    kind: EntryKind,
    id: &'s str,
    value: Option<&'r ast::Pattern<&'s str>>,
    attributes: &'r [ast::Attribute<&'s str>],
    comment: Option<String>,
}

fn parse(file: &CatalogFile) -> ast::Resource<&str> {
    match fluent_syntax::parser::parse(file.parse_text()) {
        Ok(resource) | Err((resource, _)) => resource,
    }
}

/// Messages and terms in file order: the same order as the catalog's entries.
fn definitions<'r, 's>(
    resource: &'r ast::Resource<&'s str>,
) -> impl Iterator<Item = Definition<'r, 's>> {
    resource.body.iter().filter_map(|entry| match entry {
        ast::Entry::Message(m) => Some(Definition {
            kind: EntryKind::Message,
            id: m.id.name,
            value: m.value.as_ref(),
            attributes: &m.attributes,
            comment: None,
        }),
        ast::Entry::Term(t) => Some(Definition {
            kind: EntryKind::Term,
            id: t.id.name,
            value: Some(&t.value),
            attributes: &t.attributes,
            comment: None,
        }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(ftl: &str) -> Inline {
        Inline::Ph {
            kind: CodeKind::Placeable,
            code: Code {
                ftl: ftl.into(),
                parts: vec![Part::Placeable(ftl.into())],
            },
        }
    }

    #[test]
    fn target_codes_share_ids_with_their_source_codes() {
        let source = [ph("{ $a }"), Inline::Text(" and ".into()), ph("{ $b }")];
        let target = [
            ph("{ $b }"),
            Inline::Text(" et ".into()),
            ph("{ $a }"),
            ph("{ $c }"),
        ];
        let coded = number_codes(&source, Some(&target), &["{ $b }".into()]);
        let ids = |list: &[Coded]| {
            list.iter()
                .filter_map(|c| match c {
                    Coded::Ph { id, required, .. } => Some((*id, *required)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&coded.source), [(1, true), (2, false)]);
        assert_eq!(
            ids(coded.target.as_deref().unwrap()),
            [(2, false), (1, true), (3, false)]
        );
        assert_eq!(coded.data, ["{ $a }", "{ $b }", "{ $c }"]);
    }
}
