//! Markdown body → blocks, each block's translatable text → messages with stable ids.
//!
//! The body is parsed with `pulldown-cmark`. Block structure (headings, paragraphs, lists,
//! quotes, images, code) stays in the [`Block`] tree shared by every locale; the text of each
//! block becomes one [`PageMessage`] whose value is the block's inline Markdown re-serialized
//! canonically (`*em*`, `**strong**`, `` `code` ``, `[text](url)`), so translators can move the
//! markup inside a sentence. Raw HTML is refused: an export must never pass HTML through.
//! [`parse_body`] feeds the events to a `BodyParser`, which holds the state of the body being read
//! (the open block, lists, quote, images, code) and has one method per construct.
//!
//! Ids are `<page>-<section>-<kind><n>`: the section is the nearest heading's slug (or its
//! pinned `{#id}`), and counters restart in each section, so inserting a paragraph in one section
//! renames nothing in another. A `<!-- fp-id: name -->` comment pins the next block's id.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::ContentError;
use crate::fsutil::{LineIndex, Location};

/// One translatable text of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMessage {
    /// The Fluent message id.
    pub id: String,
    /// The text in the source language, inline Markdown.
    pub text: String,
    /// What the text is, for the comment translators see ("Paragraph", "Heading (level 2)").
    pub role: String,
    /// Where the block starts in the Markdown file.
    pub line: usize,
    pub column: usize,
    /// True when the author pinned the id (`{#id}` or `fp-id`).
    pub pinned: bool,
}

/// The structure of a page body, shared by all locales; text lives in the messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        anchor: String,
        message: PageMessage,
    },
    Paragraph {
        message: PageMessage,
    },
    List {
        ordered: Option<u64>,
        items: Vec<PageMessage>,
    },
    Quote {
        paragraphs: Vec<PageMessage>,
    },
    Image {
        src: String,
        title: String,
        alt: PageMessage,
    },
    /// Code is not translated.
    Code {
        language: String,
        code: String,
    },
    Rule,
}

impl Block {
    /// The block's messages in document order.
    pub fn messages(&self) -> Vec<&PageMessage> {
        match self {
            Block::Heading { message, .. } | Block::Paragraph { message } => vec![message],
            Block::List { items, .. } => items.iter().collect(),
            Block::Quote { paragraphs } => paragraphs.iter().collect(),
            Block::Image { alt, .. } => vec![alt],
            Block::Code { .. } | Block::Rule => Vec::new(),
        }
    }
}

/// A group of blocks under one heading, for grouping messages in the generated FTL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub key: String,
    pub heading: Option<String>,
}

/// What a block's text turned into while the parser walked through it.
enum Pending {
    Heading { level: u8, pinned: Option<String> },
    Paragraph,
    Item,
}

/// An image seen in the block being read; it becomes an image block of its own when the block
/// ends, after the block's text.
struct OpenImage {
    src: String,
    title: String,
    alt: String,
    range: Range<usize>,
}

/// A list being read. Nested lists are flattened into the outermost one, whose pin (if any)
/// numbers every item.
struct OpenList {
    ordered: Option<u64>,
    items: Vec<PageMessage>,
    pin: Option<String>,
}

/// The block quote being read (nested quotes join the outermost one).
#[derive(Default)]
struct OpenQuote {
    depth: usize,
    paragraphs: Vec<PageMessage>,
    pin: Option<String>,
}

/// Parses a page body. `prefix` is the page's id prefix; `offset` the body's byte offset in the
/// file (for positions); `text` the whole file.
pub fn parse_body(
    path: &Path,
    text: &str,
    offset: usize,
    prefix: &str,
) -> Result<Vec<(Section, Vec<Block>)>, ContentError> {
    let mut parser = BodyParser::new(path, text, offset, prefix);
    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in Parser::new_ext(&text[offset..], options).into_offset_iter() {
        parser.event(event, range)?;
    }
    parser.finish()
}

/// The state of one body being read: pulldown-cmark's events go in one at a time, each
/// construct has its method, and blocks come out grouped by section.
struct BodyParser<'a> {
    path: &'a Path,
    text: &'a str,
    offset: usize,
    index: LineIndex,
    ids: IdAllocator,
    sections: Vec<(Section, Vec<Block>)>,
    /// The id a `<!-- fp-id: name -->` comment pins on the next block.
    pinned_next: Option<String>,
    /// The block whose inline text is being written, and where it starts.
    pending: Option<(Pending, Range<usize>)>,
    inline: InlineWriter,
    images: Vec<OpenImage>,
    lists: Vec<OpenList>,
    quote: OpenQuote,
    /// Inside a code block: its language and the code so far.
    code: Option<(String, String)>,
    /// Inside an HTML block: its text so far, and where it starts.
    html_block: Option<(String, Range<usize>)>,
}

impl<'a> BodyParser<'a> {
    fn new(path: &'a Path, text: &'a str, offset: usize, prefix: &str) -> Self {
        BodyParser {
            path,
            text,
            offset,
            index: LineIndex::new(text),
            ids: IdAllocator::new(prefix),
            sections: vec![(
                Section {
                    key: "intro".into(),
                    heading: None,
                },
                Vec::new(),
            )],
            pinned_next: None,
            pending: None,
            inline: InlineWriter::default(),
            images: Vec::new(),
            lists: Vec::new(),
            quote: OpenQuote::default(),
            code: None,
            html_block: None,
        }
    }

    /// Where a range of the body starts in the file.
    fn at(&self, range: &Range<usize>) -> Location {
        let (line, column) = self.index.line_column(self.text, self.offset + range.start);
        Location::new(self.path, line, column)
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) -> Result<(), ContentError> {
        if self.code.is_some() {
            self.code_event(event);
            return Ok(());
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // `{#id}` pins the section; anything else in braces after a heading would be
                // silently dropped from the text, so it is refused.
                if !classes.is_empty() || !attrs.is_empty() {
                    return Err(ContentError::Unsupported {
                        location: self.at(&range),
                        what: "heading classes and attributes (`{.class}`, `{key=value}`, `{ $x }` at the end of a heading; only `{#id}` pins an id)",
                    });
                }
                self.start_heading(heading_level(level), id.map(|id| id.to_string()), range)?;
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading()?,
            Event::Start(Tag::Paragraph) => self.start_paragraph(range),
            Event::End(TagEnd::Paragraph) => self.end_paragraph()?,
            Event::Start(Tag::List(ordered)) => self.start_list(ordered)?,
            Event::End(TagEnd::List(_)) => self.end_list()?,
            Event::Start(Tag::Item) => self.start_text(Pending::Item, range),
            Event::End(TagEnd::Item) => self.finish_item()?,
            Event::Start(Tag::BlockQuote(_)) => self.start_quote(),
            Event::End(TagEnd::BlockQuote(_)) => self.end_quote(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((language, String::new()));
            }
            Event::Rule => self.push(Block::Rule),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => self.start_image(dest_url.to_string(), title.to_string(), range),
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((String::new(), range)),
            Event::End(TagEnd::HtmlBlock) => self.end_html_block()?,
            Event::Html(html) => {
                if let Some((buf, _)) = self.html_block.as_mut() {
                    buf.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                // An inline comment is a note for authors; any other tag is refused.
                html_comment(&html, &self.at(&range))?;
            }
            Event::Start(Tag::Table(_))
            | Event::Start(Tag::FootnoteDefinition(_))
            | Event::Start(Tag::MetadataBlock(_)) => {}
            other => {
                let location = self.at(&range);
                self.inline.event(other, &location)?;
            }
        }
        Ok(())
    }

    /// The images left over when the body ends, then the sections that hold something.
    fn finish(mut self) -> Result<Vec<(Section, Vec<Block>)>, ContentError> {
        self.flush_images(None)?;
        let mut sections = self.sections;
        sections.retain(|(section, blocks)| section.heading.is_some() || !blocks.is_empty());
        Ok(sections)
    }

    /// Inside a code block: text is code, not translated; the end files the block.
    fn code_event(&mut self, event: Event<'_>) {
        match event {
            Event::Text(t) => {
                if let Some((_, buf)) = self.code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (language, code) = self.code.take().unwrap_or_default();
                self.push(Block::Code { language, code });
            }
            _ => {}
        }
    }

    /// Starts writing the inline text of a block.
    fn start_text(&mut self, pending: Pending, range: Range<usize>) {
        self.pending = Some((pending, range));
        self.inline = InlineWriter::default();
    }

    fn start_heading(
        &mut self,
        level: u8,
        pinned: Option<String>,
        range: Range<usize>,
    ) -> Result<(), ContentError> {
        if let Some(p) = &pinned {
            check_identifier(p, &self.at(&range))?;
        }
        self.start_text(Pending::Heading { level, pinned }, range);
        Ok(())
    }

    /// A heading opens a new section: its slug (or pinned id) names the section and the
    /// counters of the ids inside it restart.
    fn end_heading(&mut self) -> Result<(), ContentError> {
        let Some((Pending::Heading { level, pinned }, start)) = self.pending.take() else {
            return Ok(());
        };
        let heading_text = self.inline.finish();
        let location = self.at(&start);
        if heading_text.trim().is_empty() {
            return Err(ContentError::Unsupported {
                location,
                what: "headings without text",
            });
        }
        let explicit = pinned.is_some();
        let key = match pinned {
            Some(p) => p,
            None => self.ids.auto_section(&slugify(&plain_text(&heading_text))),
        };
        self.ids.enter_section(&key);
        let message = self.ids.message(
            format!("{key}-title"),
            heading_text.clone(),
            format!("Heading (level {level})"),
            location,
            explicit,
        )?;
        self.sections.push((
            Section {
                key: key.clone(),
                heading: Some(heading_text),
            },
            vec![Block::Heading {
                level,
                anchor: key,
                message,
            }],
        ));
        self.pinned_next = None;
        Ok(())
    }

    /// A paragraph inside a list item or heading is part of that block's text.
    fn start_paragraph(&mut self, range: Range<usize>) {
        if self.pending.is_none() {
            self.start_text(Pending::Paragraph, range);
        }
    }

    /// A paragraph is a message of its own, or of the quote it is in; the images in it follow it.
    fn end_paragraph(&mut self) -> Result<(), ContentError> {
        if !matches!(self.pending, Some((Pending::Paragraph, _))) {
            // A loose list item's paragraphs join into the item's one message.
            self.inline.out.push(' ');
            return Ok(());
        }
        let Some((_, start)) = self.pending.take() else {
            return Ok(());
        };
        let paragraph_text = self.inline.finish();
        let pin = self.pinned_next.take();
        self.flush_images(pin.clone())?;
        if paragraph_text.trim().is_empty() {
            return Ok(());
        }
        let location = self.at(&start);
        if self.quote.depth > 0 {
            let n = self.quote.paragraphs.len() + 1;
            let (local, pinned) = match &self.quote.pin {
                Some(p) => (format!("{p}-{n}"), true),
                None => (self.ids.counted("quote"), false),
            };
            let message = self.ids.message(
                local,
                paragraph_text,
                "Block quote paragraph".into(),
                location,
                pinned,
            )?;
            self.quote.paragraphs.push(message);
        } else {
            let (local, pinned) = match pin {
                Some(p) => (p, true),
                None => (self.ids.counted("p"), false),
            };
            let message =
                self.ids
                    .message(local, paragraph_text, "Paragraph".into(), location, pinned)?;
            self.push(Block::Paragraph { message });
        }
        Ok(())
    }

    fn start_list(&mut self, ordered: Option<u64>) -> Result<(), ContentError> {
        // A nested list ends the text of the item that holds it.
        self.finish_item()?;
        let pin = if self.lists.is_empty() {
            self.pinned_next.take()
        } else {
            None
        };
        self.lists.push(OpenList {
            ordered,
            items: Vec::new(),
            pin,
        });
        Ok(())
    }

    fn end_list(&mut self) -> Result<(), ContentError> {
        self.finish_item()?;
        if let Some(list) = self.lists.pop() {
            // Nested lists are flattened into the outer list: their items keep their own
            // messages and order.
            if let Some(outer) = self.lists.last_mut() {
                outer.items.extend(list.items);
            } else if !list.items.is_empty() {
                self.push(Block::List {
                    ordered: list.ordered,
                    items: list.items,
                });
            }
        }
        self.flush_images(None)
    }

    /// Ends the text of the current list item, if any, and files it under the innermost list.
    fn finish_item(&mut self) -> Result<(), ContentError> {
        let is_item = matches!(
            self.pending,
            Some((Pending::Item, _)) | Some((Pending::Paragraph, _))
        ) && !self.lists.is_empty();
        if !is_item {
            return Ok(());
        }
        let Some((_, start)) = self.pending.take() else {
            return Ok(());
        };
        let item_text = self.inline.finish();
        if item_text.trim().is_empty() {
            return Ok(());
        }
        let pin = self.lists.first().and_then(|l| l.pin.clone());
        let total: usize = self.lists.iter().map(|l| l.items.len()).sum();
        let (local, pinned) = match pin {
            Some(p) => (format!("{p}-{}", total + 1), true),
            None => (self.ids.counted("li"), false),
        };
        let location = self.at(&start);
        let message = self
            .ids
            .message(local, item_text, "List item".into(), location, pinned)?;
        if let Some(list) = self.lists.last_mut() {
            list.items.push(message);
        }
        Ok(())
    }

    fn start_quote(&mut self) {
        if self.quote.depth == 0 {
            self.quote.pin = self.pinned_next.take();
            self.quote.paragraphs.clear();
        }
        self.quote.depth += 1;
    }

    fn end_quote(&mut self) {
        self.quote.depth = self.quote.depth.saturating_sub(1);
        if self.quote.depth == 0 && !self.quote.paragraphs.is_empty() {
            let paragraphs = std::mem::take(&mut self.quote.paragraphs);
            self.push(Block::Quote { paragraphs });
        }
    }

    /// An image's alt text is written apart from the text around it.
    fn start_image(&mut self, src: String, title: String, range: Range<usize>) {
        self.inline.begin_image();
        self.images.push(OpenImage {
            src,
            title,
            alt: String::new(),
            range,
        });
    }

    fn end_image(&mut self) {
        let alt = self.inline.end_image();
        if let Some(last) = self.images.last_mut() {
            last.alt = alt;
        }
    }

    /// An HTML block may only be a comment; `<!-- fp-id: name -->` pins the next block's id.
    fn end_html_block(&mut self) -> Result<(), ContentError> {
        if let Some((html, start)) = self.html_block.take()
            && let Some(pin) = html_comment(&html, &self.at(&start))?
        {
            self.pinned_next = Some(pin);
        }
        Ok(())
    }

    /// Turns the images seen in the block just closed into image blocks with alt-text messages.
    fn flush_images(&mut self, pin: Option<String>) -> Result<(), ContentError> {
        let count = self.images.len();
        for (n, image) in std::mem::take(&mut self.images).into_iter().enumerate() {
            let OpenImage {
                src,
                title,
                alt,
                range,
            } = image;
            let location = self.at(&range);
            // An empty alt text would be an empty message, which FTL cannot hold.
            if alt.trim().is_empty() {
                return Err(ContentError::Unsupported {
                    location,
                    what: "images without alt text (say what the image shows, `![a smelter at dusk](img.png)`: it is translated)",
                });
            }
            let (local, pinned) = match &pin {
                Some(p) if count == 1 => (format!("{p}-img"), true),
                Some(p) => (format!("{p}-img{}", n + 1), true),
                None => (self.ids.counted("img"), false),
            };
            let alt = self.ids.message(
                local,
                alt,
                format!("Image alt text ({src})"),
                location,
                pinned,
            )?;
            self.push(Block::Image { src, title, alt });
        }
        Ok(())
    }

    /// Files a block in the current section.
    fn push(&mut self, block: Block) {
        if let Some((_, blocks)) = self.sections.last_mut() {
            blocks.push(block);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Hands out message ids and refuses two blocks with one id.
struct IdAllocator {
    prefix: String,
    section: String,
    counters: BTreeMap<String, usize>,
    used: BTreeMap<String, (Location, bool)>,
    sections_seen: BTreeMap<String, usize>,
}

impl IdAllocator {
    fn new(prefix: &str) -> Self {
        IdAllocator {
            prefix: prefix.to_string(),
            section: "intro".into(),
            counters: BTreeMap::new(),
            used: BTreeMap::new(),
            sections_seen: BTreeMap::new(),
        }
    }

    /// A section key from a heading's slug; a repeated heading text gets `-2`, `-3`.
    fn auto_section(&mut self, slug: &str) -> String {
        let base = if slug.is_empty() { "section" } else { slug };
        let n = self.sections_seen.entry(base.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        }
    }

    fn enter_section(&mut self, key: &str) {
        self.section = key.to_string();
        self.counters.clear();
    }

    /// The next `<section>-<kind><n>` local id.
    fn counted(&mut self, kind: &str) -> String {
        let n = self.counters.entry(kind.to_string()).or_insert(0);
        *n += 1;
        format!("{}-{kind}{n}", self.section)
    }

    fn message(
        &mut self,
        local: String,
        text: String,
        role: String,
        location: Location,
        pinned: bool,
    ) -> Result<PageMessage, ContentError> {
        let id = format!("{}-{local}", self.prefix);
        if let Some((first, first_pinned)) = self.used.get(&id) {
            return Err(ContentError::DuplicateId {
                id,
                first: first.clone(),
                second: location,
                hint: if pinned || *first_pinned {
                    "pinned ids must be unique within a page"
                } else {
                    "pin one of them with `{#id}` or `<!-- fp-id: name -->`"
                },
            });
        }
        self.used.insert(id.clone(), (location.clone(), pinned));
        Ok(PageMessage {
            id,
            text,
            role,
            line: location.line,
            column: location.column,
            pinned,
        })
    }
}

/// Reads raw HTML: comments are author notes, or pin the next block's id (`<!-- fp-id: x -->`);
/// anything else is refused, because exports never pass HTML through.
fn html_comment(html: &str, location: &Location) -> Result<Option<String>, ContentError> {
    let trimmed = html.trim();
    let Some(comment) = trimmed
        .strip_prefix("<!--")
        .and_then(|c| c.strip_suffix("-->"))
    else {
        return Err(ContentError::RawHtml {
            location: location.clone(),
        });
    };
    match comment.trim().strip_prefix("fp-id:") {
        Some(pin) => {
            let pin = pin.trim().to_string();
            check_identifier(&pin, location)?;
            Ok(Some(pin))
        }
        None => Ok(None),
    }
}

/// A pinned id must be usable inside a Fluent identifier.
fn check_identifier(id: &str, location: &Location) -> Result<(), ContentError> {
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ContentError::BadPinnedId {
            id: id.to_string(),
            location: location.clone(),
        })
    }
}

/// Lower-case ASCII words joined by `-`; other characters separate words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    // An id must start with a letter.
    if slug.starts_with(|c: char| c.is_ascii_digit()) {
        format!("s{slug}")
    } else {
        slug.to_string()
    }
}

/// The text of inline Markdown without its markup, for slugs.
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Re-serializes inline events as the canonical inline Markdown subset.
#[derive(Default)]
struct InlineWriter {
    out: String,
    /// Saved output while inside an image: its alt text goes elsewhere.
    image_stack: Vec<String>,
    links: Vec<(String, String)>,
}

impl InlineWriter {
    fn event(&mut self, event: Event<'_>, location: &Location) -> Result<(), ContentError> {
        let in_image = !self.image_stack.is_empty();
        match event {
            Event::Text(t) => {
                if in_image {
                    self.out.push_str(&t);
                } else {
                    escape_markdown_text(&t, &mut self.out);
                }
            }
            Event::Code(c) => {
                if in_image {
                    self.out.push_str(&c);
                } else {
                    let fence = "`".repeat(longest_run(&c, '`') + 1);
                    let pad = if c.starts_with('`') || c.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    self.out.push_str(&format!("{fence}{pad}{c}{pad}{fence}"));
                }
            }
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("\\\n"),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) if !in_image => {
                self.out.push('*')
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) if !in_image => {
                self.out.push_str("**")
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) if !in_image => {
                self.links.push((dest_url.to_string(), title.to_string()));
                self.out.push('[');
            }
            Event::End(TagEnd::Link) if !in_image => {
                let (url, title) = self.links.pop().unwrap_or_default();
                self.out.push_str("](");
                self.out
                    .push_str(&url.replace(' ', "%20").replace(')', "%29"));
                if !title.is_empty() {
                    self.out.push_str(" \"");
                    self.out.push_str(&title.replace('"', "\\\""));
                    self.out.push('"');
                }
                self.out.push(')');
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {
                return Err(ContentError::Unsupported {
                    location: location.clone(),
                    what: "footnotes and task lists",
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn begin_image(&mut self) {
        self.image_stack.push(std::mem::take(&mut self.out));
    }

    fn end_image(&mut self) -> String {
        let alt = std::mem::replace(&mut self.out, self.image_stack.pop().unwrap_or_default());
        alt.trim().to_string()
    }

    fn finish(&mut self) -> String {
        std::mem::take(&mut self.out).trim().to_string()
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Escapes the characters that would otherwise start inline markup.
fn escape_markdown_text(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '*' | '[' | ']' | '`' | '<' => true,
            // `_` only marks emphasis at a word boundary; snake_case stays readable.
            '_' => {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1);
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(|c| c.is_alphanumeric()))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(body: &str) -> Vec<(String, String)> {
        parse_body(Path::new("p.md"), body, 0, "page")
            .unwrap()
            .iter()
            .flat_map(|(_, blocks)| blocks.iter().flat_map(|b| b.messages()))
            .map(|m| (m.id.clone(), m.text.clone()))
            .collect()
    }

    #[test]
    fn ids_follow_sections_and_counters_restart() {
        let got = messages(
            "Intro text.\n\n## Who we are\n\nOne.\n\nTwo.\n\n## What we do\n\nThree.\n\n- a\n- b\n",
        );
        let ids: Vec<_> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "page-intro-p1",
                "page-who-we-are-title",
                "page-who-we-are-p1",
                "page-who-we-are-p2",
                "page-what-we-do-title",
                "page-what-we-do-p1",
                "page-what-we-do-li1",
                "page-what-we-do-li2"
            ]
        );
    }

    #[test]
    fn inline_markup_is_kept_canonically() {
        let got =
            messages("Some __strong__ and _em_ with [a link](https://x.org \"T\") and `code`.\n");
        assert_eq!(
            got[0].1,
            "Some **strong** and *em* with [a link](https://x.org \"T\") and `code`."
        );
    }

    #[test]
    fn images_become_alt_text_messages() {
        let body = "![A smelter at dusk](img/smelter.jpg)\n";
        let sections = parse_body(Path::new("p.md"), body, 0, "page").unwrap();
        assert_eq!(
            sections[0].1,
            vec![Block::Image {
                src: "img/smelter.jpg".into(),
                title: String::new(),
                alt: PageMessage {
                    id: "page-intro-img1".into(),
                    text: "A smelter at dusk".into(),
                    role: "Image alt text (img/smelter.jpg)".into(),
                    line: 1,
                    column: 1,
                    pinned: false
                }
            }]
        );
    }

    #[test]
    fn pinned_ids() {
        let got = messages(
            "## Our mission {#mission}\n\n<!-- fp-id: motto -->\nWin-win.\n\n<!-- fp-id: steps -->\n- one\n- two\n",
        );
        let ids: Vec<_> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "page-mission-title",
                "page-motto",
                "page-steps-1",
                "page-steps-2"
            ]
        );
    }

    #[test]
    fn duplicate_pinned_id_names_both_places() {
        let err = parse_body(Path::new("p.md"), "## A {#x}\n\n## B {#x}\n", 0, "page")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("p.md:1:1") && err.contains("p.md:3:1"),
            "{err}"
        );
    }

    #[test]
    fn raw_html_is_refused_with_position() {
        let err = parse_body(Path::new("p.md"), "Text\n\n<div>x</div>\n", 0, "page")
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.md:3:1"), "{err}");
    }

    /// Found by the extract property test: `# { $x }` lost its text to pulldown-cmark's heading
    /// attributes and produced an empty message, which is not valid FTL.
    #[test]
    fn headings_with_attributes_or_without_text_are_refused() {
        for (body, expected) in [
            ("# { $x }\n", "p.md:1:1: heading classes and attributes"),
            (
                "Intro\n\n## Price {.big}\n",
                "p.md:3:1: heading classes and attributes",
            ),
            ("#\n", "p.md:1:1: headings without text"),
            ("## {#pinned}\n", "p.md:1:1: headings without text"),
        ] {
            let err = parse_body(Path::new("p.md"), body, 0, "page")
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{body:?}: {err}");
        }
        // Found by the same property: an image without alt text would be an empty message.
        let err = parse_body(Path::new("p.md"), "Intro\n\n![](img/a.png)\n", 0, "page")
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.md:3:1: images without alt text"), "{err}");
    }

    /// Every construct the parser has a method for, in one body: the ids, roles and order the
    /// parser struct gives are the ones the single-function parser gave (pinned quote, pinned
    /// nested list numbered across levels, a paragraph's images filed before it, code untranslated).
    #[test]
    fn every_construct_keeps_its_ids_and_order() {
        let body = "Intro ![A](a.png) and ![B](b.png)\n\n<!-- fp-id: says -->\n> One.\n>\n> Two.\n\n## Steps\n\n<!-- fp-id: do -->\n1. first\n   - inner\n2. second\n\n```sh\nrun\n```\n\n---\n\n<!-- fp-id: pic -->\n![C](c.png)\n\n> Free\n";
        let sections = parse_body(Path::new("p.md"), body, 0, "page").unwrap();
        let got: Vec<String> = sections
            .iter()
            .flat_map(|(section, blocks)| {
                blocks.iter().map(move |b| {
                    let ids: Vec<String> = b
                        .messages()
                        .iter()
                        .map(|m| format!("{}={}@{}:{}", m.id, m.text, m.line, m.column))
                        .collect();
                    let kind = match b {
                        Block::Code { language, code } => format!("code {language} {code:?}"),
                        Block::Rule => "rule".into(),
                        Block::List { ordered, .. } => format!("list {ordered:?}"),
                        other => format!("{other:?}")
                            .split([' ', '{'])
                            .next()
                            .unwrap()
                            .into(),
                    };
                    format!("{} {kind} {}", section.key, ids.join(" "))
                })
            })
            .collect();
        assert_eq!(
            got,
            [
                "intro Image page-intro-img1=A@1:7",
                "intro Image page-intro-img2=B@1:23",
                "intro Paragraph page-intro-p1=Intro  and@1:1",
                "intro Quote page-says-1=One.@4:3 page-says-2=Two.@6:3",
                "steps Heading page-steps-title=Steps@8:1",
                "steps list Some(1) page-do-1=first@11:1 page-do-2=inner@12:4 page-do-3=second@13:1",
                "steps code sh \"run\\n\" ",
                "steps rule ",
                "steps Image page-pic-img=C@22:1",
                "steps Quote page-steps-quote1=Free@24:3",
            ]
        );
    }

    #[test]
    fn markdown_specials_in_text_are_escaped() {
        let got = messages("5 \\* 3 and a\\_b and snake_case\n");
        assert_eq!(got[0].1, "5 \\* 3 and a\\_b and snake_case");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Environmental, Social and Governance"),
            "environmental-social-and-governance"
        );
        assert_eq!(slugify("2018 report"), "s2018-report");
        assert_eq!(slugify("关于我们"), "");
    }
}
