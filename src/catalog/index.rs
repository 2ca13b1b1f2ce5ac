//! A locale's entries by id: [`EntryIndex`], built once per locale and shared by every stage
//! that asks "which definition of this id counts?" (the check, coverage, snapshots, exporters).
//!
//! The first definition of an id wins, as it does in `fluent-bundle` (which refuses to
//! override a message); later definitions are duplicates, kept for the check to report.

use std::collections::hash_map;

use rustc_hash::FxHashMap as HashMap;

use super::LocaleCatalog;
use super::entry::{Entry, EntryKind, PatternKey};
use super::file::CatalogFile;
use super::pattern::PatternInfo;

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

    pub fn message(&self, id: &str) -> Option<Located<'a>> {
        self.messages.get(id).copied()
    }

    pub fn term(&self, id: &str) -> Option<Located<'a>> {
        self.terms.get(id).copied()
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

    /// The first definition of each message, in file and source order.
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
