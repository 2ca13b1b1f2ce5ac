//! A locale's entries by id: [`EntryIndex`], built once per locale and shared by every stage
//! that asks "which definition of this id counts?" (the check, coverage, snapshots, exporters).
//!
//! The first definition of an id wins, as it does in `fluent-bundle` (which refuses to
//! override a message); later definitions are duplicates, kept for the check to report.
//!
//! An application's files form several bundles (`check.bundles`, see
//! [`crate::config::BundlesConfig`]): then an id is a file's or a bundle's, not the locale's.
//! [`EntryIndex::scoped`] keeps, beside the locale-wide first definitions, the first
//! definition of each id per file (to match a translation with its source: the same path) and
//! per bundle (to resolve references and find duplicates).

use std::collections::hash_map;

use rustc_hash::FxHashMap as HashMap;

use super::LocaleCatalog;
use super::entry::{Entry, EntryKind, PatternKey};
use super::file::CatalogFile;
use super::pattern::PatternInfo;
use crate::config::BundlesConfig;

/// An entry with the file that holds it.
pub type Located<'a> = (&'a CatalogFile, &'a Entry);

/// The first definition of each message and term of a locale, and the later duplicates.
/// Borrowed keys: building it allocates no strings, which matters at 100 locales × 3,000
/// messages.
#[derive(Default)]
pub struct EntryIndex<'a> {
    messages: HashMap<&'a str, Located<'a>>,
    terms: HashMap<&'a str, Located<'a>>,
    /// The first definition of each message, in file and source order: walking the locale in
    /// this order reads its memory in order, where walking `messages` jumps about.
    messages_in_order: Vec<Located<'a>>,
    terms_in_order: Vec<Located<'a>>,
    /// (first definition, later definition) pairs.
    duplicates: Vec<(Located<'a>, Located<'a>)>,
    /// Set when files form several bundles.
    scoped: Option<Scoped<'a>>,
}

/// Every definition of an id, in file and source order: nearly always one, so the later ones
/// are kept in a vector that is most often empty (and then allocates nothing).
struct Definitions<'a> {
    first: Located<'a>,
    later: Vec<Located<'a>>,
}

impl<'a> Definitions<'a> {
    fn iter(&self) -> impl Iterator<Item = &Located<'a>> {
        std::iter::once(&self.first).chain(&self.later)
    }
}

/// The definitions of a locale whose files form several bundles.
///
/// One table of every definition by id answers the three questions asked of it (the locale's
/// first definition, a file's, a bundle's): an id is defined in one or two files, so the
/// definitions are filtered by file or bundle after one lookup. One entry per id, rather than
/// one per id in each of three tables keyed by file path and bundle name, which at 50,000
/// entries a locale made every insert and lookup a cache miss.
struct Scoped<'a> {
    bundles: &'a BundlesConfig,
    messages: HashMap<&'a str, Definitions<'a>>,
    terms: HashMap<&'a str, Definitions<'a>>,
    /// The bundles each file of the locale is loaded into, by its relative path: matched
    /// against the configured globs once per file, not once per reference.
    file_bundles: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Scoped<'a> {
    fn bundles_of<'s>(&'s self, file: &'s CatalogFile) -> std::borrow::Cow<'s, [&'s str]> {
        match self.file_bundles.get(file.relative.as_str()) {
            Some(names) => std::borrow::Cow::Borrowed(names.as_slice()),
            // A file of another locale: matched now.
            None => std::borrow::Cow::Owned(self.bundles.bundles_of(&file.relative)),
        }
    }

    fn definitions(&self, kind: EntryKind, id: &str) -> Option<&Definitions<'a>> {
        match kind {
            EntryKind::Message => self.messages.get(id),
            EntryKind::Term => self.terms.get(id),
        }
    }

    /// The first definition of `id` in the file at `relative`.
    fn in_file(&self, relative: &str, kind: EntryKind, id: &str) -> Option<Located<'a>> {
        self.definitions(kind, id)?
            .iter()
            .find(|(file, _)| file.relative == relative)
            .copied()
    }

    /// The first definition of `id` in the bundle `name`.
    fn in_bundle(&self, name: &str, kind: EntryKind, id: &str) -> Option<Located<'a>> {
        self.definitions(kind, id)?
            .iter()
            .find(|(file, _)| self.bundles_of(file).contains(&name))
            .copied()
    }
}

impl<'a> EntryIndex<'a> {
    pub fn new(locale: &'a LocaleCatalog) -> EntryIndex<'a> {
        let mut index = EntryIndex::default();
        let entries: usize = locale.files.iter().map(|f| f.entries.len()).sum();
        index.messages.reserve(entries);
        index.messages_in_order.reserve(entries);
        for (file, entry) in locale.entries() {
            let (map, in_order) = match entry.kind {
                EntryKind::Message => (&mut index.messages, &mut index.messages_in_order),
                EntryKind::Term => (&mut index.terms, &mut index.terms_in_order),
            };
            match map.entry(entry.id.as_str()) {
                hash_map::Entry::Vacant(v) => {
                    v.insert((file, entry));
                    in_order.push((file, entry));
                }
                hash_map::Entry::Occupied(o) => index.duplicates.push((*o.get(), (file, entry))),
            }
        }
        index
    }

    /// The index of a locale whose files form bundles as `bundles` says. Per locale, the same
    /// as [`EntryIndex::new`]. Otherwise [`messages`](Self::messages) and
    /// [`terms`](Self::terms) list the first definition per file, and
    /// [`duplicates`](Self::duplicates) are the ids defined twice within one bundle;
    /// [`message`](Self::message) and [`term`](Self::term) still give the locale's first
    /// definition, for the stages that see a locale as one whole (a website's exporters).
    pub fn scoped(locale: &'a LocaleCatalog, bundles: &'a BundlesConfig) -> EntryIndex<'a> {
        if bundles.is_per_locale() {
            return EntryIndex::new(locale);
        }
        let mut index = EntryIndex::default();
        let mut scoped = Scoped {
            bundles,
            messages: HashMap::default(),
            terms: HashMap::default(),
            file_bundles: HashMap::default(),
        };
        let entries: usize = locale.files.iter().map(|f| f.entries.len()).sum();
        scoped.messages.reserve(entries);
        index.messages_in_order.reserve(entries);
        // The later definitions, in file and source order: the candidates for duplicates.
        let mut later = Vec::new();
        for file in &locale.files {
            scoped
                .file_bundles
                .entry(file.relative.as_str())
                .or_insert_with(|| bundles.bundles_of(&file.relative));
            for entry in &file.entries {
                let (map, in_order) = match entry.kind {
                    EntryKind::Message => (&mut scoped.messages, &mut index.messages_in_order),
                    EntryKind::Term => (&mut scoped.terms, &mut index.terms_in_order),
                };
                match map.entry(entry.id.as_str()) {
                    hash_map::Entry::Vacant(v) => {
                        v.insert(Definitions {
                            first: (file, entry),
                            later: Vec::new(),
                        });
                        in_order.push((file, entry));
                    }
                    hash_map::Entry::Occupied(mut o) => {
                        let definitions = o.get_mut();
                        // The first definition in its file is the one matched with other
                        // locales.
                        if !definitions.iter().any(|(f, _)| std::ptr::eq(*f, file)) {
                            in_order.push((file, entry));
                        }
                        definitions.later.push((file, entry));
                        later.push((file, entry));
                    }
                }
            }
        }
        // A later definition duplicates the first one of the first of its bundles that holds
        // an earlier definition (reported once, even when several bundles hold one).
        for (file, entry) in later {
            let Some(definitions) = scoped.definitions(entry.kind, &entry.id) else {
                continue;
            };
            let earlier: Vec<Located<'a>> = definitions
                .iter()
                .take_while(|(_, e)| !std::ptr::eq(*e, entry))
                .copied()
                .collect();
            let first = scoped.bundles_of(file).iter().find_map(|name| {
                earlier
                    .iter()
                    .find(|(f, _)| scoped.bundles_of(f).contains(name))
                    .copied()
            });
            if let Some(first) = first {
                index.duplicates.push((first, (file, entry)));
            }
        }
        index.scoped = Some(scoped);
        index
    }

    /// The bundles `file` (of this locale) is loaded into, by name (`""` for the one bundle of
    /// a locale).
    pub fn bundles_of<'s>(&'s self, file: &'s CatalogFile) -> std::borrow::Cow<'s, [&'s str]> {
        match &self.scoped {
            None => std::borrow::Cow::Borrowed(&[""]),
            Some(scoped) => scoped.bundles_of(file),
        }
    }

    /// Whether every file is in one bundle (ids are the locale's).
    pub fn is_per_locale(&self) -> bool {
        self.scoped.is_none()
    }

    /// The definition that corresponds to an entry of another locale's `file` (the source's
    /// for a translation, or the reverse): by id in the whole locale, or, when files form
    /// bundles, in the file of the same path.
    pub fn matching(&self, file: &CatalogFile, kind: EntryKind, id: &str) -> Option<Located<'a>> {
        match &self.scoped {
            None => match kind {
                EntryKind::Message => self.message(id),
                EntryKind::Term => self.term(id),
            },
            Some(scoped) => scoped.in_file(&file.relative, kind, id),
        }
    }

    /// What a reference from this locale's `file` to `id` resolves to: the locale's definition,
    /// or, when files form bundles, the first in the bundles `file` is loaded into.
    pub fn resolve(&self, file: &CatalogFile, kind: EntryKind, id: &str) -> Option<Located<'a>> {
        match &self.scoped {
            None => match kind {
                EntryKind::Message => self.message(id),
                EntryKind::Term => self.term(id),
            },
            Some(scoped) => scoped
                .bundles_of(file)
                .iter()
                .find_map(|name| scoped.in_bundle(name, kind, id)),
        }
    }

    pub fn message(&self, id: &str) -> Option<Located<'a>> {
        match &self.scoped {
            None => self.messages.get(id).copied(),
            Some(scoped) => scoped.messages.get(id).map(|d| d.first),
        }
    }

    pub fn term(&self, id: &str) -> Option<Located<'a>> {
        match &self.scoped {
            None => self.terms.get(id).copied(),
            Some(scoped) => scoped.terms.get(id).map(|d| d.first),
        }
    }

    /// The entry `key` names (its attribute, if any, is not looked at).
    pub fn entry(&self, key: PatternKey<'_>) -> Option<Located<'a>> {
        match key.kind {
            EntryKind::Message => self.message(key.id),
            EntryKind::Term => self.term(key.id),
        }
    }

    /// The pattern `key` names, with its entry: `None` when the entry does not exist or lacks
    /// that value or attribute.
    pub fn pattern(&self, key: PatternKey<'_>) -> Option<(Located<'a>, &'a PatternInfo)> {
        let located = self.entry(key)?;
        let entry = located.1;
        let pattern = match key.attribute {
            None => entry.value.as_ref()?,
            Some(name) => &entry.attribute(name)?.pattern,
        };
        Some((located, pattern))
    }

    /// The pattern `key` names in the file at `relative` (below the locale folder) when files
    /// form bundles; the locale's, as [`pattern`](Self::pattern), otherwise.
    pub fn pattern_in(
        &self,
        relative: &str,
        key: PatternKey<'_>,
    ) -> Option<(Located<'a>, &'a PatternInfo)> {
        let Some(scoped) = &self.scoped else {
            return self.pattern(key);
        };
        let located = scoped.in_file(relative, key.kind, key.id)?;
        let entry = located.1;
        let pattern = match key.attribute {
            None => entry.value.as_ref()?,
            Some(name) => &entry.attribute(name)?.pattern,
        };
        Some((located, pattern))
    }

    /// The first definition of each message, in file and source order (per file when files
    /// form bundles: an id defined in two files is listed twice).
    pub fn messages(&self) -> &[Located<'a>] {
        &self.messages_in_order
    }

    /// The first definition of each term, in file and source order.
    pub fn terms(&self) -> &[Located<'a>] {
        &self.terms_in_order
    }

    /// Every first definition: the messages, then the terms, each in file and source order.
    pub fn first_definitions(&self) -> impl Iterator<Item = Located<'a>> + '_ {
        self.messages_in_order
            .iter()
            .chain(&self.terms_in_order)
            .copied()
    }

    /// Every pattern of the first definitions, with its key.
    pub fn patterns(&self) -> impl Iterator<Item = (PatternKey<'a>, &'a PatternInfo)> + '_ {
        self.first_definitions()
            .flat_map(|(_, entry)| entry.keyed_patterns())
    }

    /// The later definitions of an id, each with the first: (first, later) pairs in file and
    /// source order of the later one.
    pub fn duplicates(&self) -> &[(Located<'a>, Located<'a>)] {
        &self.duplicates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_definition_wins_and_later_ones_are_duplicates() {
        let mut locale = LocaleCatalog::from_text("x", "b.ftl", "a = B\n-t = T2\n");
        locale.replace_file(crate::catalog::parse_file(
            "a.ftl".into(),
            "a.ftl".into(),
            "a =\n    .title = A\n-t = T1\nz = Z\na = A2\n".into(),
        ));
        let index = EntryIndex::new(&locale);
        let (file, a) = index.message("a").unwrap();
        assert_eq!((file.relative.as_str(), a.value.is_none()), ("a.ftl", true));
        // The first `a` has no value: a later one's value does not stand in for it.
        assert!(index.pattern(PatternKey::parse("a")).is_none());
        let (_, title) = index.pattern(PatternKey::parse("a.title")).unwrap();
        assert_eq!(title.text, "A");
        assert_eq!(index.pattern(PatternKey::parse("-t")).unwrap().1.text, "T1");
        let ids: Vec<&str> = index.messages().iter().map(|(_, e)| &*e.id).collect();
        assert_eq!(ids, ["a", "z"]);
        let duplicates: Vec<(&str, &str)> = index
            .duplicates()
            .iter()
            .map(|((_, first), (file, _))| (&*first.id, file.relative.as_str()))
            .collect();
        assert_eq!(duplicates, [("a", "a.ftl"), ("a", "b.ftl"), ("t", "b.ftl")]);
        let keys: Vec<String> = index.patterns().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, ["a.title", "z", "-t"]);
    }
}
