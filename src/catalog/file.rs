//! One `.ftl` file, parsed: [`parse_file`] turns its text into a [`CatalogFile`] of entries,
//! Junk and resource comments, each with byte spans into the text, and answers line:column
//! questions about it.

use std::path::PathBuf;

use fluent_syntax::ast;

use super::entry::{Attribute, Entry, EntryKind, Junk};
use super::pattern::{self, PatternInfo};
use super::scan::{self, MAX_PLACEABLE_DEPTH};
use crate::fsutil::{self, LazyLines, LineIndex};

/// One parsed `.ftl` file.
#[derive(Debug, Clone)]
pub struct CatalogFile {
    pub path: PathBuf,
    /// The path below the locale folder, `/`-separated: `pages/profile.ftl`. The same relative
    /// path in two locales is the same resource.
    pub relative: String,
    /// The whole file, byte-order mark included (spans are offsets into this).
    pub text: String,
    /// Built on first use, and only for files asked for many positions: most files never need
    /// one.
    lines: LazyLines,
    /// The text the parser read, when it differs from `text`: entries nested too deep blanked
    /// out (see [`MAX_PLACEABLE_DEPTH`]). Same length as `text`.
    blanked: Option<String>,
    /// Messages and terms in source order.
    pub entries: Vec<Entry>,
    pub junk: Vec<Junk>,
    /// Resource (`###`) comments, for headers such as "generated, do not edit".
    pub resource_comments: Vec<String>,
    /// The file could not be read as Fluent text (not UTF-8, not a regular file): it has no
    /// entries, and its one [`Junk`] says why (check reports it as `unreadable-file`). The
    /// rest of the locale loads; `text` is the file with invalid bytes replaced, for display
    /// only: nothing may write it back.
    pub unreadable: Option<Unreadable>,
}

/// Why a file of a locale could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    NotUtf8(fsutil::Location),
    NotAFile,
}

impl CatalogFile {
    /// The read error of an unreadable file, for commands that must not go on without it
    /// (an XLIFF import would rewrite it).
    pub fn read_error(&self) -> Option<fsutil::ReadError> {
        self.unreadable.as_ref().map(|u| match u {
            Unreadable::NotUtf8(location) => fsutil::ReadError::NotUtf8 {
                location: location.clone(),
            },
            Unreadable::NotAFile => fsutil::ReadError::NotAFile {
                path: self.path.clone(),
            },
        })
    }
}

impl CatalogFile {
    /// 1-based line and character column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines().line_column(&self.text, offset)
    }

    /// The file's line index (built on first use).
    pub fn lines(&self) -> &LineIndex {
        self.lines.line_index(&self.text)
    }

    /// 1-based line and character column of a byte offset, and the text of that line without
    /// its line ending: what a diagnostic shows.
    pub fn position(&self, offset: usize) -> (usize, usize, &str) {
        self.lines.position(&self.text, offset)
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines().line_text(&self.text, line)
    }

    /// The text to hand to a Fluent parser (fluent-bundle, fluent-syntax): without the byte
    /// order mark, and with the entries the catalog refused as too deeply nested blanked out,
    /// which would otherwise overflow the parser's stack. Offsets are those of `text` minus the
    /// byte-order mark.
    pub fn parse_text(&self) -> &str {
        let text = self.blanked.as_deref().unwrap_or(&self.text);
        text.strip_prefix('\u{feff}').unwrap_or(text)
    }

    pub fn entry(&self, id: &str, kind: EntryKind) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id && e.kind == kind)
    }
}

/// Parses one file's text into a [`CatalogFile`].
pub fn parse_file(path: PathBuf, relative: String, text: String) -> CatalogFile {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Entries nested too deep are blanked out (same length, so every offset stays true) and
    // reported as Junk of their own; the rest of the file parses as usual.
    let too_deep = scan::too_deep(&text, bom, MAX_PLACEABLE_DEPTH);
    let blanked = (!too_deep.is_empty()).then(|| scan::blank_out(&text, bom, &too_deep));
    let parsed: &str = blanked.as_deref().unwrap_or(&text);
    let body = &parsed[bom..];
    let (resource, errors) = match fluent_syntax::parser::parse(body) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let base = parsed.as_ptr() as usize;
    let offset_of = |s: &str| (s.as_ptr() as usize).saturating_sub(base);

    let mut scratch = String::with_capacity(256);
    let mut entries = Vec::with_capacity(resource.body.len());
    let mut junk = Vec::new();
    let mut resource_comments = Vec::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let start = offset_of(m.id.name);
                let value = m
                    .value
                    .as_ref()
                    .map(|p| pattern::analyze_pattern_with(parsed, p, &mut scratch));
                let attributes = attributes(parsed, &m.attributes, &mut scratch);
                let id_end = start + m.id.name.len();
                let end = scan::entry_end(
                    &text,
                    start,
                    parsed_end(id_end, value.as_ref(), &attributes),
                );
                entries.push(Entry {
                    kind: EntryKind::Message,
                    id: m.id.name.into(),
                    id_span: start..id_end,
                    span: start..end,
                    comment: m.comment.as_ref().map(comment_text),
                    value,
                    attributes,
                });
            }
            ast::Entry::Term(t) => {
                let start = offset_of(t.id.name).saturating_sub(1);
                let value = pattern::analyze_pattern_with(parsed, &t.value, &mut scratch);
                let attributes = attributes(parsed, &t.attributes, &mut scratch);
                let id_end = start + 1 + t.id.name.len();
                let end =
                    scan::entry_end(&text, start, parsed_end(id_end, Some(&value), &attributes));
                entries.push(Entry {
                    kind: EntryKind::Term,
                    id: t.id.name.into(),
                    id_span: start..id_end,
                    span: start..end,
                    comment: t.comment.as_ref().map(comment_text),
                    value: Some(value),
                    attributes,
                });
            }
            ast::Entry::ResourceComment(c) => resource_comments.push(comment_text(c)),
            ast::Entry::Junk { content } => {
                let start = offset_of(content);
                junk.push(Junk {
                    span: start..start + content.len(),
                    error_offset: start,
                    message: "the parser could not read this entry".into(),
                });
            }
            ast::Entry::Comment(_) | ast::Entry::GroupComment(_) => {}
        }
    }
    // Attach each parser error to the Junk it produced; its `pos` is the precise point.
    for error in &errors {
        let slice_start = error.slice.as_ref().map_or(error.pos.start, |s| s.start) + bom;
        let point = error.pos.start + bom;
        let found = junk
            .iter()
            .position(|j| j.span.start == slice_start)
            .or_else(|| junk.iter().position(|j| j.span.contains(&point)));
        if let Some(j) = found.map(|i| &mut junk[i]) {
            // The parser may notice the problem at the start of the next entry; point at the
            // end of the Junk instead, where the missing token belongs.
            j.error_offset = point.min(j.span.end.saturating_sub(1).max(j.span.start));
            j.message = super::parse_error::describe(&error.kind);
        }
    }
    for (span, deepest) in too_deep {
        junk.push(Junk {
            span: span.start + bom..span.end + bom,
            error_offset: deepest + bom,
            message: format!(
                "placeables and call arguments are nested more than {MAX_PLACEABLE_DEPTH} levels deep here; the entry is not read"
            ),
        });
    }
    junk.sort_by_key(|j| j.span.start);
    drop(resource);
    CatalogFile {
        lines: LazyLines::default(),
        blanked,
        path,
        relative,
        entries,
        junk,
        resource_comments,
        text,
        unreadable: None,
    }
}

/// A file that cannot be read as text, as a file of one [`Junk`] saying why at `offset`.
pub(super) fn unreadable_file(
    path: PathBuf,
    relative: String,
    text: String,
    offset: usize,
    why: Unreadable,
) -> CatalogFile {
    let message = match why {
        Unreadable::NotUtf8(_) => "the file is not valid UTF-8 (invalid byte sequence here); save it as UTF-8; its messages are not read",
        Unreadable::NotAFile => "not a regular file (a FIFO, socket or device); it is not read",
    }
    .to_string();
    CatalogFile {
        lines: LazyLines::default(),
        blanked: None,
        path,
        relative,
        entries: Vec::new(),
        junk: vec![Junk {
            span: 0..text.len(),
            error_offset: offset,
            message,
        }],
        resource_comments: Vec::new(),
        text,
        unreadable: Some(why),
    }
}

fn attributes(
    text: &str,
    attributes: &[ast::Attribute<&str>],
    scratch: &mut String,
) -> Vec<Attribute> {
    let base = text.as_ptr() as usize;
    attributes
        .iter()
        .map(|a| {
            let start = (a.id.name.as_ptr() as usize).saturating_sub(base);
            Attribute {
                name: a.id.name.into(),
                name_span: start..start + a.id.name.len(),
                pattern: pattern::analyze_pattern_with(text, &a.value, scratch),
            }
        })
        .collect()
}

/// Where the last thing the parser read of an entry ends: its id, or the last slice of its
/// value or attributes.
fn parsed_end(id_end: usize, value: Option<&PatternInfo>, attributes: &[Attribute]) -> usize {
    let patterns = value
        .into_iter()
        .chain(attributes.iter().map(|a| &a.pattern));
    let names = attributes.iter().map(|a| a.name_span.end);
    patterns
        .map(|p| p.span.end)
        .chain(names)
        .fold(id_end, usize::max)
}

fn comment_text(comment: &ast::Comment<&str>) -> String {
    comment.content.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> CatalogFile {
        parse_file(PathBuf::from("x.ftl"), "x.ftl".into(), text.to_string())
    }

    #[test]
    fn entry_spans_end_after_their_last_line() {
        // (text, the spans' texts in order)
        let cases: &[(&str, &[&str])] = &[
            ("a = A\n\nb = B\n", &["a = A\n", "b = B\n"]),
            ("a = A\r\nb = B", &["a = A\r\n", "b = B"]),
            ("\u{feff}a = A\n  .t = T\n\n\n", &["a = A\n  .t = T\n"]),
            (
                "n = { $c ->\n    [one] One\n   *[other] { $c }\n}\n# note\n-t = T\n",
                &[
                    "n = { $c ->\n    [one] One\n   *[other] { $c }\n}\n",
                    "-t = T\n",
                ],
            ),
            // A line of the entry that starts at column 0 inside a placeable is still the
            // entry's: the parser read it as such.
            (
                "x = { \nNUMBER($n) }\ny = Y\n",
                &["x = { \nNUMBER($n) }\n", "y = Y\n"],
            ),
            // Lines that are not an entry's start belong to the entry before them.
            ("a = A \n  \n\tb\nc = C", &["a = A \n  \n\tb\n", "c = C"]),
        ];
        for (text, spans) in cases {
            let file = parse(text);
            let found: Vec<&str> = file.entries.iter().map(|e| &text[e.span.clone()]).collect();
            assert_eq!(&found, spans, "{text:?}");
            // Positions come from the text itself (built when first asked for).
            let built = LineIndex::new(text);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                assert_eq!(file.line_column(offset), built.line_column(text, offset));
            }
        }
    }

    #[test]
    fn spans_of_messages_terms_and_attributes() {
        let text = "# Comment\nhello = Hi { $name }\n    .title = T\n\n-brand = Acme\n";
        let file = parse(text);
        assert_eq!(file.entries.len(), 2);
        let hello = &file.entries[0];
        assert_eq!(&text[hello.id_span.clone()], "hello");
        assert_eq!(
            &text[hello.span.clone()],
            "hello = Hi { $name }\n    .title = T\n"
        );
        assert_eq!(hello.comment.as_deref(), Some("Comment"));
        assert_eq!(hello.attributes[0].name, "title");
        assert_eq!(
            file.line_column(hello.attributes[0].name_span.start),
            (3, 6)
        );
        let brand = &file.entries[1];
        assert_eq!(brand.kind, EntryKind::Term);
        assert_eq!(&text[brand.id_span.clone()], "-brand");
    }

    #[test]
    fn columns_after_multibyte_text_count_characters() {
        let text = "标题 = 中国宏桥集团 { $x }\nnext = 下一个\n";
        let file = parse(text);
        let next = file.entries.iter().find(|e| e.id == "next").unwrap();
        assert_eq!(file.line_column(next.id_span.start), (2, 1));
        // `标题` is not a valid identifier: the first line is Junk, located on line 1.
        assert_eq!(file.junk.len(), 1);
        assert_eq!(file.line_column(file.junk[0].span.start), (1, 1));
        let variable = text.find("$x").unwrap();
        assert_eq!(file.line_column(variable), (1, 15));
    }

    #[test]
    fn junk_carries_the_error_point_and_message() {
        let text = "ok = Fine\nbroken = { $x\nafter = Still read\n";
        let file = parse(text);
        assert_eq!(file.junk.len(), 1);
        assert!(
            file.junk[0].message.starts_with("a `{` is not closed"),
            "{}",
            file.junk[0].message
        );
        assert_eq!(file.line_column(file.junk[0].error_offset).0, 2);
        assert!(file.entries.iter().any(|e| e.id == "after"));
    }

    #[test]
    fn byte_order_mark_keeps_offsets_true() {
        let text = "\u{feff}a = A\nb = B\n";
        let file = parse(text);
        assert_eq!(&text[file.entries[1].id_span.clone()], "b");
        assert_eq!(file.line_column(file.entries[1].id_span.start), (2, 1));
    }

    #[test]
    fn crlf_line_endings_keep_spans_true() {
        let text = "a = A\r\nb = B { $n }\r\n";
        let file = parse(text);
        assert_eq!(file.line_column(file.entries[1].id_span.start), (2, 1));
        assert!(
            file.entries[1]
                .value
                .as_ref()
                .unwrap()
                .variables()
                .contains("n")
        );
    }
}
