//! What a file holds: messages and terms ([`Entry`]) with their attributes, Junk, and the one
//! way to name a pattern ([`PatternKey`]).

use std::ops::Range;

use compact_str::CompactString;

use super::pattern::PatternInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    Message,
    Term,
}

/// A message or a term.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    /// The id without the term's leading `-` (short ids are stored inline, without allocating).
    pub id: CompactString,
    /// Byte span of the identifier (for a term, including the `-`).
    pub id_span: Range<usize>,
    /// Byte span of the whole definition, from its identifier to its last line.
    pub span: Range<usize>,
    /// The `#` comment attached to the entry, lines joined with `\n`.
    pub comment: Option<String>,
    pub value: Option<PatternInfo>,
    pub attributes: Vec<Attribute>,
}

impl Entry {
    /// Where the entry begins in `text` (its file's text) once the `#` comment lines attached above
    /// it are counted: what a tool must take with it to move or remove the entry whole.
    pub fn start_with_comment(&self, text: &str) -> usize {
        let mut at = self.span.start;
        while at > 0 {
            let start = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
            let line = text[start..at].trim_end_matches(['\n', '\r']);
            if line == "#" || line.starts_with("# ") {
                at = start;
            } else {
                break;
            }
        }
        at
    }
}

/// Names one pattern of a locale: the value of a message or term, or one of its attributes.
/// The one key every stage uses (the check's rules, snapshots, coverage, exporters); borrowed,
/// so making one to look something up allocates nothing.
///
/// Written out (`Display`) as snapshots and diagnostics (`message_id`) name patterns: `id`,
/// `id.attribute`, `-term`, `-term.attribute`; [`PatternKey::parse`] reads that form back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternKey<'a> {
    pub kind: EntryKind,
    /// The id, without a term's `-`.
    pub id: &'a str,
    pub attribute: Option<&'a str>,
}

impl<'a> PatternKey<'a> {
    pub fn new(kind: EntryKind, id: &'a str, attribute: Option<&'a str>) -> PatternKey<'a> {
        PatternKey {
            kind,
            id,
            attribute,
        }
    }

    /// The key of a written-out name (`-term.attribute`): a leading `-` names a term, the first
    /// `.` starts the attribute (Fluent identifiers hold neither).
    pub fn parse(key: &'a str) -> PatternKey<'a> {
        let (kind, rest) = match key.strip_prefix('-') {
            Some(term) => (EntryKind::Term, term),
            None => (EntryKind::Message, key),
        };
        let (id, attribute) = match rest.split_once('.') {
            Some((id, attribute)) => (id, Some(attribute)),
            None => (rest, None),
        };
        PatternKey::new(kind, id, attribute)
    }

    /// The key of the whole entry (its value's key): what names the entry in an index.
    pub fn entry(self) -> PatternKey<'a> {
        PatternKey {
            attribute: None,
            ..self
        }
    }
}

impl std::fmt::Display for PatternKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.kind == EntryKind::Term {
            f.write_str("-")?;
        }
        f.write_str(self.id)?;
        if let Some(attribute) = self.attribute {
            write!(f, ".{attribute}")?;
        }
        Ok(())
    }
}

impl Entry {
    /// The key of the entry's value, which also names the entry as a whole.
    pub fn key(&self) -> PatternKey<'_> {
        PatternKey::new(self.kind, &self.id, None)
    }

    /// The key of the entry's value (`None`) or of one of its attributes.
    pub fn pattern_key<'a>(&'a self, attribute: Option<&'a str>) -> PatternKey<'a> {
        PatternKey::new(self.kind, &self.id, attribute)
    }

    /// The value then every attribute's pattern, each with its key.
    pub fn keyed_patterns(&self) -> impl Iterator<Item = (PatternKey<'_>, &PatternInfo)> {
        self.named_patterns()
            .map(|(attribute, pattern)| (self.pattern_key(attribute), pattern))
    }

    /// The value then every attribute's pattern, each with its attribute's name (`None` for
    /// the value). The rules that walk every pattern of every locale use this and make the
    /// pattern's [`PatternKey`] only for what they report.
    pub fn named_patterns(&self) -> impl Iterator<Item = (Option<&str>, &PatternInfo)> {
        self.value.iter().map(|p| (None, p)).chain(
            self.attributes
                .iter()
                .map(|a| (Some(a.name.as_str()), &a.pattern)),
        )
    }

    /// Where to point for a problem with one of the entry's patterns: its first text, or the
    /// entry's id when the pattern has no text of its own.
    pub fn pattern_offset(&self, pattern: &PatternInfo) -> usize {
        if pattern.span.is_empty() {
            self.id_span.start
        } else {
            pattern.span.start
        }
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The value followed by every attribute's pattern.
    pub fn patterns(&self) -> impl Iterator<Item = &PatternInfo> {
        self.value
            .iter()
            .chain(self.attributes.iter().map(|a| &a.pattern))
    }
}

#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: CompactString,
    pub name_span: Range<usize>,
    pub pattern: PatternInfo,
}

/// Text the parser could not read, with the parser's complaint.
#[derive(Debug, Clone)]
pub struct Junk {
    /// Byte span of the skipped text.
    pub span: Range<usize>,
    /// Where the parser stopped, and why.
    pub error_offset: usize,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_keys_are_written_as_snapshots_name_them_and_read_back() {
        let keys = [
            PatternKey::new(EntryKind::Message, "home-title", None),
            PatternKey::new(EntryKind::Message, "search", Some("placeholder")),
            PatternKey::new(EntryKind::Term, "brand", None),
            PatternKey::new(EntryKind::Term, "brand", Some("gender")),
        ];
        let written: Vec<String> = keys.iter().map(ToString::to_string).collect();
        assert_eq!(
            written,
            [
                "home-title",
                "search.placeholder",
                "-brand",
                "-brand.gender"
            ]
        );
        for (key, text) in keys.iter().zip(&written) {
            assert_eq!(PatternKey::parse(text), *key);
        }
        assert_eq!(keys[3].entry(), keys[2]);
    }

    #[test]
    fn keyed_patterns_are_the_value_then_the_attributes() {
        let locale = crate::catalog::LocaleCatalog::from_text(
            "x",
            "a.ftl",
            "-t = T\n    .a = A\nm =\n    .b = B\n",
        );
        let keys: Vec<String> = locale
            .entries()
            .flat_map(|(_, e)| e.keyed_patterns().map(|(k, _)| k.to_string()))
            .collect();
        assert_eq!(keys, ["-t", "-t.a", "m.b"]);
    }
}
