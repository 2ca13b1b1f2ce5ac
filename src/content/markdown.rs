//! Markdown body → blocks, each block's translatable text → messages with stable ids.
//!
//! The body is parsed with `pulldown-cmark`. Block structure (headings, paragraphs, lists,
//! quotes, images, code) stays in the [`Block`] tree shared by every locale; the text of each
//! block becomes one [`PageMessage`] whose value is the block's inline Markdown re-serialized
//! canonically (`*em*`, `**strong**`, `` `code` ``, `[text](url)`), so translators can move the
//! markup inside a sentence. Raw HTML is refused: an export must never pass HTML through.
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

/// Parses a page body. `prefix` is the page's id prefix; `offset` the body's byte offset in the
/// file (for positions); `text` the whole file.
pub fn parse_body(
    path: &Path,
    text: &str,
    offset: usize,
    prefix: &str,
) -> Result<Vec<(Section, Vec<Block>)>, ContentError> {
    let body = &text[offset..];
    let index = LineIndex::new(text);
    let at = |range: &Range<usize>| {
        let (line, column) = index.line_column(text, offset + range.start);
        Location::new(path, line, column)
    };

    let mut ids = IdAllocator::new(prefix);
    let mut sections: Vec<(Section, Vec<Block>)> = vec![(
        Section {
            key: "intro".into(),
            heading: None,
        },
        Vec::new(),
    )];
    let mut pinned_next: Option<(String, Location)> = None;

    // Block-level state.
    let mut pending: Option<(Pending, Range<usize>)> = None;
    let mut inline = InlineWriter::default();
    let mut images: Vec<(String, String, String, Range<usize>)> = Vec::new();
    let mut list_stack: Vec<(Option<u64>, Vec<PageMessage>, Option<String>)> = Vec::new();
    let mut quote_depth = 0usize;
    let mut quote_paragraphs: Vec<PageMessage> = Vec::new();
    let mut quote_pin: Option<String> = None;
    let mut code: Option<(String, String)> = None;
    let mut html_block: Option<(String, Range<usize>)> = None;

    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some((_, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, code_text) = code.take().unwrap_or_default();
                    push(
                        &mut sections,
                        Block::Code {
                            language,
                            code: code_text,
                        },
                    );
                }
                _ => {}
            }
            continue;
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
                        location: at(&range),
                        what: "heading classes and attributes (`{.class}`, `{key=value}`, `{ $x }` at the end of a heading; only `{#id}` pins an id)",
                    });
                }
                let pinned = id.map(|id| id.to_string());
                if let Some(p) = &pinned {
                    check_identifier(p, &at(&range))?;
                }
                pending = Some((
                    Pending::Heading {
                        level: heading_level(level),
                        pinned,
                    },
                    range,
                ));
                inline = InlineWriter::default();
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((Pending::Heading { level, pinned }, start)) = pending.take() else {
                    continue;
                };
                let heading_text = inline.finish();
                if heading_text.trim().is_empty() {
                    return Err(ContentError::Unsupported {
                        location: at(&start),
                        what: "headings without text",
                    });
                }
                let explicit = pinned.is_some();
                let key = match pinned {
                    Some(p) => p,
                    None => ids.auto_section(&slugify(&plain_text(&heading_text))),
                };
                ids.enter_section(&key);
                let message = ids.message(
                    format!("{key}-title"),
                    heading_text.clone(),
                    format!("Heading (level {level})"),
                    at(&start),
                    explicit,
                )?;
                sections.push((
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
                pinned_next = None;
            }
            Event::Start(Tag::Paragraph) => {
                if pending.is_none() {
                    pending = Some((Pending::Paragraph, range));
                    inline = InlineWriter::default();
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if !matches!(pending, Some((Pending::Paragraph, _))) {
                    // A loose list item's paragraphs join into the item's one message.
                    inline.out.push(' ');
                    continue;
                }
                let Some((_, start)) = pending.take() else {
                    continue;
                };
                let paragraph_text = inline.finish();
                let pin = pinned_next.take().map(|(p, _)| p);
                flush_images(&mut images, &mut sections, &mut ids, &at, pin.clone())?;
                if paragraph_text.trim().is_empty() {
                    continue;
                }
                if quote_depth > 0 {
                    let n = quote_paragraphs.len() + 1;
                    let (local, pinned) = match &quote_pin {
                        Some(p) => (format!("{p}-{n}"), true),
                        None => (ids.counted("quote"), false),
                    };
                    let message = ids.message(
                        local,
                        paragraph_text,
                        "Block quote paragraph".into(),
                        at(&start),
                        pinned,
                    )?;
                    quote_paragraphs.push(message);
                } else {
                    let (local, pinned) = match pin {
                        Some(p) => (p, true),
                        None => (ids.counted("p"), false),
                    };
                    let message = ids.message(
                        local,
                        paragraph_text,
                        "Paragraph".into(),
                        at(&start),
                        pinned,
                    )?;
                    push(&mut sections, Block::Paragraph { message });
                }
            }
            Event::Start(Tag::List(ordered)) => {
                // A nested list ends the text of the item that holds it.
                finish_item(&mut pending, &mut inline, &mut list_stack, &mut ids, &at)?;
                let pin = if list_stack.is_empty() {
                    pinned_next.take().map(|(p, _)| p)
                } else {
                    None
                };
                list_stack.push((ordered, Vec::new(), pin));
            }
            Event::End(TagEnd::List(_)) => {
                finish_item(&mut pending, &mut inline, &mut list_stack, &mut ids, &at)?;
                if let Some((ordered, items, _)) = list_stack.pop() {
                    // Nested lists are flattened into the outer list: their items keep their
                    // own messages and order.
                    if let Some(outer) = list_stack.last_mut() {
                        outer.1.extend(items);
                    } else if !items.is_empty() {
                        push(&mut sections, Block::List { ordered, items });
                    }
                }
                flush_images(&mut images, &mut sections, &mut ids, &at, None)?;
            }
            Event::Start(Tag::Item) => {
                pending = Some((Pending::Item, range));
                inline = InlineWriter::default();
            }
            Event::End(TagEnd::Item) => {
                finish_item(&mut pending, &mut inline, &mut list_stack, &mut ids, &at)?;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 {
                    quote_pin = pinned_next.take().map(|(p, _)| p);
                    quote_paragraphs.clear();
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth = quote_depth.saturating_sub(1);
                if quote_depth == 0 && !quote_paragraphs.is_empty() {
                    push(
                        &mut sections,
                        Block::Quote {
                            paragraphs: std::mem::take(&mut quote_paragraphs),
                        },
                    );
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Rule => push(&mut sections, Block::Rule),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                inline.begin_image();
                images.push((
                    dest_url.to_string(),
                    title.to_string(),
                    String::new(),
                    range,
                ));
            }
            Event::End(TagEnd::Image) => {
                let alt = inline.end_image();
                if let Some(last) = images.last_mut() {
                    last.2 = alt;
                }
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some((String::new(), range)),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((html, start)) = html_block.take()
                    && let Some(pin) = html_comment(&html, &at(&start))?
                {
                    pinned_next = Some((pin, at(&start)));
                }
            }
            Event::Html(html) => {
                if let Some((buf, _)) = html_block.as_mut() {
                    buf.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                // An inline comment is a note for authors; any other tag is refused.
                html_comment(&html, &at(&range))?;
            }
            Event::Start(Tag::Table(_))
            | Event::Start(Tag::FootnoteDefinition(_))
            | Event::Start(Tag::MetadataBlock(_)) => {}
            other => inline.event(other, &at(&range))?,
        }
    }
    flush_images(&mut images, &mut sections, &mut ids, &at, None)?;
    sections.retain(|(section, blocks)| section.heading.is_some() || !blocks.is_empty());
    Ok(sections)
}

fn push(sections: &mut [(Section, Vec<Block>)], block: Block) {
    if let Some((_, blocks)) = sections.last_mut() {
        blocks.push(block);
    }
}

/// Ends the text of the current list item, if any, and files it under the innermost list.
fn finish_item(
    pending: &mut Option<(Pending, Range<usize>)>,
    inline: &mut InlineWriter,
    list_stack: &mut [(Option<u64>, Vec<PageMessage>, Option<String>)],
    ids: &mut IdAllocator,
    at: &impl Fn(&Range<usize>) -> Location,
) -> Result<(), ContentError> {
    let is_item = matches!(
        pending,
        Some((Pending::Item, _)) | Some((Pending::Paragraph, _))
    ) && !list_stack.is_empty();
    if !is_item {
        return Ok(());
    }
    let Some((_, start)) = pending.take() else {
        return Ok(());
    };
    let item_text = inline.finish();
    if item_text.trim().is_empty() {
        return Ok(());
    }
    let pin = list_stack.first().and_then(|l| l.2.clone());
    let total: usize = list_stack.iter().map(|l| l.1.len()).sum();
    let (local, pinned) = match pin {
        Some(p) => (format!("{p}-{}", total + 1), true),
        None => (ids.counted("li"), false),
    };
    let message = ids.message(local, item_text, "List item".into(), at(&start), pinned)?;
    if let Some(list) = list_stack.last_mut() {
        list.1.push(message);
    }
    Ok(())
}

/// Turns the images seen in the block just closed into image blocks with alt-text messages.
fn flush_images(
    images: &mut Vec<(String, String, String, Range<usize>)>,
    sections: &mut [(Section, Vec<Block>)],
    ids: &mut IdAllocator,
    at: &impl Fn(&Range<usize>) -> Location,
    pin: Option<String>,
) -> Result<(), ContentError> {
    let count = images.len();
    for (n, (src, title, alt, range)) in images.drain(..).enumerate() {
        // An empty alt text would be an empty message, which FTL cannot hold.
        if alt.trim().is_empty() {
            return Err(ContentError::Unsupported {
                location: at(&range),
                what: "images without alt text (say what the image shows, `![a smelter at dusk](img.png)`: it is translated)",
            });
        }
        let (local, pinned) = match &pin {
            Some(p) if count == 1 => (format!("{p}-img"), true),
            Some(p) => (format!("{p}-img{}", n + 1), true),
            None => (ids.counted("img"), false),
        };
        let alt = ids.message(
            local,
            alt,
            format!("Image alt text ({src})"),
            at(&range),
            pinned,
        )?;
        push(sections, Block::Image { src, title, alt });
    }
    Ok(())
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
