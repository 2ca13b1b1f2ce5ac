//! The catalog: every locale's `.ftl` files, parsed, with byte spans for everything a report
//! may point at.
//!
//! [`load_catalog`] reads `locales/<tag>/**/*.ftl` for every configured locale (in parallel
//! across files), parses each with `fluent-syntax`, and keeps plain data: per file its text, a
//! line index, its messages and terms ([`Entry`]), its Junk and the parser's errors. A locale
//! whose folder does not exist is an empty locale. Nothing here judges a translation: that is
//! `check`'s job.
//!
//! One job per file: `load` finds and reads the files ([`load_catalog`]), `file` parses one into a
//! [`CatalogFile`], `scan` is the one pass over its lines (where entries end, which nest too
//! deep), `entry` is what a file holds ([`Entry`], [`PatternKey`]), `index` finds a locale's
//! entries by id ([`EntryIndex`]), `pattern` describes one pattern and `parse_error` words the
//! parser's errors for people.

mod entry;
mod file;
mod index;
mod load;
mod parse_error;
pub mod pattern;
mod scan;

use std::path::PathBuf;

pub use entry::{Attribute, Entry, EntryKind, Junk, PatternKey};
pub use file::{CatalogFile, Unreadable, parse_file};
pub use index::{EntryIndex, Located};
pub use load::{load_catalog, load_locale, load_locales};
pub use parse_error::describe as describe_parse_error;
pub use pattern::{PatternInfo, Reference, SelectInfo, Selector, VariantInfo};
pub use scan::MAX_PLACEABLE_DEPTH;

use crate::content::ContentError;
use crate::fsutil;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error(transparent)]
    List(#[from] ContentError),
}

/// Every locale of the project, source first.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub locales: Vec<LocaleCatalog>,
}

impl Catalog {
    pub fn locale(&self, tag: &str) -> Option<&LocaleCatalog> {
        self.locales.iter().find(|l| l.tag == tag)
    }

    pub fn locale_mut(&mut self, tag: &str) -> Option<&mut LocaleCatalog> {
        self.locales.iter_mut().find(|l| l.tag == tag)
    }
}

/// One locale's files, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct LocaleCatalog {
    pub tag: String,
    /// The locale's folder (it may not exist).
    pub dir: PathBuf,
    pub files: Vec<CatalogFile>,
}

impl LocaleCatalog {
    /// A locale of one in-memory file, for tests and tools that have FTL text in hand.
    pub fn from_text(tag: &str, relative: &str, text: &str) -> LocaleCatalog {
        LocaleCatalog {
            tag: tag.to_string(),
            dir: PathBuf::new(),
            files: vec![parse_file(
                PathBuf::from(relative),
                relative.to_string(),
                text.to_string(),
            )],
        }
    }

    pub fn file(&self, relative: &str) -> Option<&CatalogFile> {
        self.files.iter().find(|f| f.relative == relative)
    }

    /// Puts `file` in place of the file with the same relative path, or adds it in path order;
    /// returns the file it replaced. For tools that re-read one file (`serve`).
    pub fn replace_file(&mut self, file: CatalogFile) -> Option<CatalogFile> {
        match self
            .files
            .binary_search_by(|f| f.relative.as_str().cmp(&file.relative))
        {
            Ok(i) => Some(std::mem::replace(&mut self.files[i], file)),
            Err(i) => {
                self.files.insert(i, file);
                None
            }
        }
    }

    /// Removes the file with this relative path (deleted from disk); returns it.
    pub fn remove_file(&mut self, relative: &str) -> Option<CatalogFile> {
        let i = self.files.iter().position(|f| f.relative == relative)?;
        Some(self.files.remove(i))
    }

    /// Every message and term of the locale, with its file, in file then source order.
    pub fn entries(&self) -> impl Iterator<Item = (&CatalogFile, &Entry)> {
        self.files
            .iter()
            .flat_map(|f| f.entries.iter().map(move |e| (f, e)))
    }

    pub fn message_count(&self) -> usize {
        self.entries()
            .filter(|(_, e)| e.kind == EntryKind::Message)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_a_file_keeps_the_path_order() {
        let mut locale = LocaleCatalog::from_text("fr", "b.ftl", "b = B\n");
        let a = parse_file(PathBuf::from("a.ftl"), "a.ftl".into(), "a = A\n".into());
        assert!(locale.replace_file(a).is_none());
        let b = parse_file(PathBuf::from("b.ftl"), "b.ftl".into(), "b = Bis\n".into());
        let old = locale.replace_file(b).unwrap();
        assert_eq!(old.text, "b = B\n");
        let order: Vec<_> = locale.files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(order, ["a.ftl", "b.ftl"]);
        assert_eq!(locale.file("b.ftl").unwrap().text, "b = Bis\n");
        assert_eq!(locale.remove_file("a.ftl").unwrap().relative, "a.ftl");
        assert!(locale.remove_file("a.ftl").is_none());
    }
}
