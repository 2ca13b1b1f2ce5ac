//! The catalog: every locale's `.ftl` files, parsed, with byte spans for everything a report
//! may point at.
//!
//! [`load_catalog`] reads `locales/<tag>/**/*.ftl` for every configured locale (in parallel
//! across files), parses each with `fluent-syntax`, and keeps plain data: per file its text, a
//! line index, its messages and terms ([`Entry`]), its Junk and the parser's errors. A locale
//! whose folder does not exist is an empty locale. Nothing here judges a translation: that is
//! `check`'s job.

pub mod pattern;

use std::ops::Range;
use std::path::{Path, PathBuf};

use compact_str::CompactString;
use fluent_syntax::ast;

pub use pattern::{PatternInfo, Reference, SelectInfo, Selector, VariantInfo};

use crate::config::Project;
use crate::content::{self, ContentError};
use crate::fsutil::{self, LineIndex};
use crate::parallel;

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

/// One parsed `.ftl` file.
#[derive(Debug, Clone)]
pub struct CatalogFile {
    pub path: PathBuf,
    /// The path below the locale folder, `/`-separated: `pages/profile.ftl`. The same relative
    /// path in two locales is the same resource.
    pub relative: String,
    /// The whole file, byte-order mark included (spans are offsets into this).
    pub text: String,
    /// Built on first use: most files never need a position.
    lines: std::sync::OnceLock<LineIndex>,
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
        self.lines.get_or_init(|| LineIndex::new(&self.text))
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

/// `id` or `id.attribute`: how reports and snapshots name a message's pattern.
pub fn pattern_key(id: &str, attribute: Option<&str>) -> String {
    match attribute {
        Some(a) => format!("{id}.{a}"),
        None => id.to_string(),
    }
}

impl Entry {
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

/// Loads every configured locale.
pub fn load_catalog(project: &Project) -> Result<Catalog, CatalogError> {
    let tags: Vec<&str> = project.locales.iter().map(|l| l.tag.as_str()).collect();
    load_locales(project, &tags)
}

/// Loads the named locales (which must be configured), in the order given.
///
/// Each core takes the next locale when it is done with one: it lists the locale's folder and
/// reads and parses its files. With fewer locales than cores the files are shared out instead,
/// so loading one big locale still uses every core.
pub fn load_locales(project: &Project, tags: &[&str]) -> Result<Catalog, CatalogError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if tags.len() < cores {
        return load_locales_by_file(project, tags);
    }
    let locales = parallel::map(tags, |tag| load_locale(project, tag))
        .into_iter()
        .collect::<Result<_, _>>()?;
    Ok(Catalog { locales })
}

/// One locale, on the calling thread.
pub fn load_locale(project: &Project, tag: &str) -> Result<LocaleCatalog, CatalogError> {
    let dir = project.locale_dir(tag);
    let mut files = Vec::new();
    for (path, relative) in list_locale(project, &dir)? {
        files.extend(read_file(&path, &relative)?);
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(LocaleCatalog {
        tag: tag.to_string(),
        dir,
        files,
    })
}

/// The locales' files shared out between the cores.
fn load_locales_by_file(project: &Project, tags: &[&str]) -> Result<Catalog, CatalogError> {
    let mut jobs: Vec<(usize, PathBuf, String)> = Vec::new();
    let mut locales = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let dir = project.locale_dir(tag);
        for (path, relative) in list_locale(project, &dir)? {
            jobs.push((index, path, relative));
        }
        locales.push(LocaleCatalog {
            tag: tag.to_string(),
            dir,
            files: Vec::new(),
        });
    }
    let read = parallel::map(&jobs, |(_, path, relative)| read_file(path, relative));
    for ((index, ..), file) in jobs.iter().zip(read) {
        locales[*index].files.extend(file?);
    }
    for locale in &mut locales {
        locale.files.sort_by(|a, b| a.relative.cmp(&b.relative));
    }
    Ok(Catalog { locales })
}

/// The `.ftl` files of a locale's folder, each with its path below the folder; none when the
/// folder does not exist (an empty locale).
fn list_locale(project: &Project, dir: &Path) -> Result<Vec<(PathBuf, String)>, CatalogError> {
    let mut paths = Vec::new();
    if dir.is_dir() {
        content::collect_files(&project.root, dir, "ftl", &mut paths)?;
    }
    Ok(paths
        .into_iter()
        .map(|path| {
            let relative = fsutil::display_relative(dir, &path).into_owned();
            (path, relative)
        })
        .collect())
}

/// Reads and parses one listed file; `None` when it was deleted since it was listed (by a
/// concurrent `extract`, say): then it is simply not there, as if listed a moment later.
///
/// A file that is not UTF-8, or not a regular file (a FIFO named `x.ftl` would be read
/// forever), is one unreadable file of the locale, reported by check, not an error that stops
/// the whole run: one translator's bad save must not hide every other locale's problems.
fn read_file(path: &Path, relative: &str) -> Result<Option<CatalogFile>, CatalogError> {
    let bytes = match fsutil::read_bytes(path) {
        Err(fsutil::ReadError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(None);
        }
        Err(fsutil::ReadError::NotAFile { .. }) => {
            return Ok(Some(unreadable_file(
                path.to_path_buf(),
                relative.to_string(),
                String::new(),
                0,
                Unreadable::NotAFile,
            )));
        }
        bytes => bytes?,
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let location = fsutil::not_utf8_location(path, e.as_bytes(), offset);
            return Ok(Some(unreadable_file(
                path.to_path_buf(),
                relative.to_string(),
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                offset,
                Unreadable::NotUtf8(location),
            )));
        }
    };
    Ok(Some(parse_file(
        path.to_path_buf(),
        relative.to_string(),
        text,
    )))
}

/// Placeables nested deeper than this (`{ { { … } } }`, also through call arguments and select
/// variants) are refused before parsing: `fluent-syntax` parses them by recursion, without a
/// limit of its own, so a few thousand levels would overflow the stack. Real translations nest
/// two or three levels.
pub const MAX_PLACEABLE_DEPTH: usize = 100;

/// Parses one file's text into a [`CatalogFile`].
pub fn parse_file(path: PathBuf, relative: String, text: String) -> CatalogFile {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // One pass over the lines finds where entries end and which nest too deep. Entries nested
    // too deep are blanked out (same length, so every offset stays true) and reported as Junk
    // of their own; the rest of the file parses as usual.
    let scan = scan_lines(&text, bom, MAX_PLACEABLE_DEPTH);
    let too_deep = scan.too_deep;
    let blanked = (!too_deep.is_empty()).then(|| blank_out(&text, bom, &too_deep));
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
                entries.push(Entry {
                    kind: EntryKind::Message,
                    id: m.id.name.into(),
                    id_span: start..start + m.id.name.len(),
                    span: start..entry_end(&text, start, &scan.breaks),
                    comment: m.comment.as_ref().map(comment_text),
                    value: m
                        .value
                        .as_ref()
                        .map(|p| pattern::analyze_pattern_with(parsed, p, &mut scratch)),
                    attributes: attributes(parsed, &m.attributes, &mut scratch),
                });
            }
            ast::Entry::Term(t) => {
                let start = offset_of(t.id.name).saturating_sub(1);
                entries.push(Entry {
                    kind: EntryKind::Term,
                    id: t.id.name.into(),
                    id_span: start..start + 1 + t.id.name.len(),
                    span: start..entry_end(&text, start, &scan.breaks),
                    comment: t.comment.as_ref().map(comment_text),
                    value: Some(pattern::analyze_pattern_with(
                        parsed,
                        &t.value,
                        &mut scratch,
                    )),
                    attributes: attributes(parsed, &t.attributes, &mut scratch),
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
            j.message = error.kind.to_string();
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
        lines: std::sync::OnceLock::from(LineIndex::from_starts(scan.line_starts)),
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
fn unreadable_file(
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
        lines: std::sync::OnceLock::new(),
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

/// What one pass over a file's lines finds.
struct LineScan {
    /// Offsets (into the whole text) of the lines that start with a letter, `-` or `#`: the
    /// lines where an entry's extent ends (see [`entry_end`]).
    breaks: Vec<usize>,
    /// The entries whose placeables nest deeper than the limit: (the entry's byte span, the
    /// offset of the first `{` past the limit), offsets into the text after the byte-order mark.
    too_deep: Vec<(Range<usize>, usize)>,
    /// Offsets (into the whole text) where lines start: the file's [`LineIndex`], for free.
    line_starts: Vec<usize>,
}

/// Scans the lines of `text` (whose first `bom` bytes are a byte-order mark) once.
///
/// The depth test is a cheap scan, not a parser; it may overestimate, never underestimate, the
/// depth the parser reaches. The parser recurses only from an entry (`id =` or `-term =` at the
/// start of a line), and such a line (or a `#` comment line) inside an open placeable is an
/// error that unwinds the recursion, so counting restarts there: the file is cut into segments
/// at those lines. A segment with no more `{` than the limit cannot nest deeper (the common
/// case, decided by counting bytes); only the others are scanned brace by brace.
fn scan_lines(text: &str, bom: usize, limit: usize) -> LineScan {
    let bytes = &text.as_bytes()[bom..];
    let mut scan = LineScan {
        breaks: Vec::new(),
        too_deep: Vec::new(),
        line_starts: vec![0],
    };
    // Segments start at offset 0 and at every line that starts an entry or is a comment.
    let mut segment_starts = vec![0];
    let line_ends = memchr::memchr_iter(b'\n', bytes)
        .map(|i| i + 1)
        .chain((!bytes.is_empty() && !bytes.ends_with(b"\n")).then_some(bytes.len()));
    let mut pos = 0;
    for end in line_ends {
        let first = bytes[pos];
        if first.is_ascii_alphabetic() || first == b'-' || first == b'#' {
            scan.breaks.push(pos + bom);
            if pos > 0 && starts_entry(&bytes[pos..end]) {
                segment_starts.push(pos);
            }
        }
        if bytes[end - 1] == b'\n' {
            scan.line_starts.push(end + bom);
        }
        pos = end;
    }
    segment_starts.push(bytes.len());
    // Count the `{` of each segment (one vectorised search through the file); scan brace by
    // brace only a segment with more than `limit` of them.
    // Call arguments nest too (`{ NUMBER(NUMBER(…)) }` recurses once per call), so `(` counts
    // with `{`.
    let mut braces = memchr::memchr2_iter(b'{', b'(', bytes).peekable();
    for segment in segment_starts.windows(2) {
        let (start, end) = (segment[0], segment[1]);
        let mut count = 0;
        while braces.next_if(|&at| at < end).is_some() {
            count += 1;
        }
        if count > limit
            && let Some(deepest) = deepest_brace(&bytes[start..end], limit)
        {
            scan.too_deep.push((start..end, start + deepest));
        }
    }
    scan
}

/// Within one segment (an entry and the lines up to the next), the offset of the first `{`
/// or `(` nested deeper than `limit`, if any. Braces inside string literals (`{ "{" }`) do not count;
/// a `#` line is a comment and counts nothing.
fn deepest_brace(segment: &[u8], limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = 0;
    while pos < segment.len() {
        let end = memchr::memchr(b'\n', &segment[pos..]).map_or(segment.len(), |i| pos + i + 1);
        let line = &segment[pos..end];
        if line[0] != b'#' {
            let mut in_string = false;
            let mut i = 0;
            while i < line.len() {
                match (in_string, line[i]) {
                    (true, b'\\') => i += 1,
                    (true, b'"') => in_string = false,
                    (false, b'"') if depth > 0 => in_string = true,
                    (false, b'{') => {
                        depth += 1;
                        if depth > limit {
                            return Some(pos + i);
                        }
                    }
                    (false, b'}') => depth = depth.saturating_sub(1),
                    // Inside a placeable, each call's argument list is one more level of the
                    // parser's recursion; outside, a parenthesis is text.
                    (false, b'(') if depth > 0 => {
                        depth += 1;
                        if depth > limit {
                            return Some(pos + i);
                        }
                    }
                    (false, b')') if depth > 0 => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
        }
        pos = end;
    }
    None
}

/// Whether a line starts an entry (`id =`, `-term =`) or is a comment.
fn starts_entry(line: &[u8]) -> bool {
    if line[0] == b'#' {
        return true;
    }
    let id = line.strip_prefix(b"-").unwrap_or(line);
    if !id.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let after = id
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .map_or(&[][..], |i| &id[i..]);
    let after = after.trim_ascii_start();
    after.first() == Some(&b'=')
}

/// `text` with the bytes of `spans` (offsets into `text[bom..]`) replaced by spaces, line ends
/// kept: the same length, so the parser's slices still give offsets into the original.
fn blank_out(text: &str, bom: usize, spans: &[(Range<usize>, usize)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (span, _) in spans {
        for b in &mut bytes[span.start + bom..span.end + bom] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only ASCII was written over whole spans that start and end at line boundaries.
    String::from_utf8(bytes).unwrap_or_default()
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

fn comment_text(comment: &ast::Comment<&str>) -> String {
    comment.content.join("\n")
}

/// The end of the entry starting at `start`: Fluent entries begin at column 0, and every line
/// of an entry but the first is indented (or a closing brace), so the entry runs until the next
/// line that starts with a letter, `-` or `#` (`breaks`, in order), less its trailing blank
/// lines.
fn entry_end(text: &str, start: usize, breaks: &[usize]) -> usize {
    let bytes = text.as_bytes();
    let next = breaks
        .get(breaks.partition_point(|&b| b <= start))
        .copied()
        .unwrap_or(bytes.len());
    let last = bytes[start..next]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| start + i);
    memchr::memchr(b'\n', &bytes[last..]).map_or(bytes.len(), |i| last + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> CatalogFile {
        parse_file(PathBuf::from("x.ftl"), "x.ftl".into(), text.to_string())
    }

    #[test]
    fn line_index_found_while_scanning_is_the_one_built_from_the_text() {
        for text in [
            "a = A\n\nb = B\n",
            "a = A\r\nb = B",
            "\u{feff}a = A\n  .t = T\n\n\n",
            "",
            "\n",
        ] {
            let file = parse(text);
            let built = LineIndex::new(text);
            for offset in 0..=text.len() {
                if text.is_char_boundary(offset) {
                    assert_eq!(
                        file.line_column(offset),
                        built.line_column(text, offset),
                        "{text:?} at {offset}"
                    );
                }
            }
            let lines = text.split('\n').count();
            for line in 1..=lines {
                assert_eq!(
                    file.line_text(line),
                    built.line_text(text, line),
                    "{text:?}"
                );
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
            file.junk[0].message.starts_with("Expected"),
            "{}",
            file.junk[0].message
        );
        assert_eq!(file.line_column(file.junk[0].error_offset).0, 2);
        assert!(file.entries.iter().any(|e| e.id == "after"));
    }

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

    #[test]
    fn byte_order_mark_keeps_offsets_true() {
        let text = "\u{feff}a = A\nb = B\n";
        let file = parse(text);
        assert_eq!(&text[file.entries[1].id_span.clone()], "b");
        assert_eq!(file.line_column(file.entries[1].id_span.start), (2, 1));
    }

    /// `{ { … $x … } }` nested `depth` levels deep.
    fn nested(depth: usize) -> String {
        format!("{}$x{}", "{ ".repeat(depth), " }".repeat(depth))
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        let text = format!("deep = {}\nnext = N\n", nested(MAX_PLACEABLE_DEPTH));
        let file = parse(&text);
        assert!(file.junk.is_empty(), "{:?}", file.junk);
        let deep = file.entry("deep", EntryKind::Message).unwrap();
        assert!(deep.value.as_ref().unwrap().variables().contains("x"));
    }

    #[test]
    fn deeper_nesting_is_junk_not_a_stack_overflow() {
        // On a 2 MiB stack, like the catalog's loading threads, and far past what the
        // recursive parser survives.
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let text = format!(
                    "# A comment\nok = Fine\ndeep = {}\n    .title = T\nafter = {{ $y }}\n",
                    nested(100_000)
                );
                (parse(&text), text)
            })
            .unwrap();
        let (file, text) = handle.join().unwrap();
        assert_eq!(file.junk.len(), 1, "{:?}", file.junk);
        let junk = &file.junk[0];
        assert!(text[junk.span.clone()].starts_with("deep = { { "));
        assert!(text[junk.span.clone()].ends_with(".title = T\n"));
        assert!(
            junk.message.contains("nested more than 100"),
            "{}",
            junk.message
        );
        assert_eq!(file.line_column(junk.error_offset), (3, 208));
        let ids: Vec<&str> = file.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["ok", "after"]);
        let after = file.entry("after", EntryKind::Message).unwrap();
        assert_eq!(&text[after.id_span.clone()], "after");
    }

    #[test]
    fn escaped_braces_and_unclosed_junk_do_not_add_up() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!(
                "bad{i} = {{ $x\nbraces{i} = {{\"{{\"}} and {{ \"{{{{\" }}\n"
            ));
        }
        let file = parse(&text);
        assert_eq!(file.junk.len(), 300);
        assert!(file.junk.iter().all(|j| !j.message.contains("nested")));
        assert_eq!(file.entries.len(), 300);
    }

    #[test]
    fn nesting_through_call_arguments_and_line_starts_is_counted() {
        // Placeables may continue at the start of a line inside a placeable, and nest through
        // call arguments: neither restarts the count.
        let depth = 5_000;
        let text = format!(
            "deep = {}$x{}\n",
            "{\nF(\n".repeat(depth),
            ")}".repeat(depth)
        );
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse(&text))
            .unwrap();
        let file = handle.join().unwrap();
        assert_eq!(file.junk.len(), 1);
        assert!(file.junk[0].message.contains("nested"));
    }

    #[test]
    fn nested_calls_without_braces_are_counted() {
        // `{ NUMBER(NUMBER(…)) }` nests by call arguments alone: one `{`, 10,000 calls.
        let depth = 10_000;
        let text = format!(
            "ok = {{ NUMBER(1) }} (a parenthesis in text)\ndeep = {{ {}1{} }}\nnext = N\n",
            "NUMBER(".repeat(depth),
            ")".repeat(depth)
        );
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse(&text))
            .unwrap();
        let file = handle.join().unwrap();
        assert_eq!(file.junk.len(), 1);
        assert!(file.junk[0].message.contains("nested more than 100"));
        assert_eq!(
            file.line_column(file.junk[0].error_offset),
            (2, 10 + 7 * 99 + 6)
        ); // the 100th `(`, the 101st level
        let ids: Vec<&str> = file.entries.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["ok", "next"]);
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
