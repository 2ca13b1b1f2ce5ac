//! The data a print document is made from: every text of one locale, resolved through the
//! [`Localizer`], as a JSON-ready tree the Typst template lays out.
//!
//! Text never becomes Typst markup: it travels as strings inside this tree (passed to Typst as
//! `sys.inputs.data`), and the template places those strings as text. Inline markup from
//! [`crate::markup::parse_inline`] becomes structured nodes (emphasis, strong, code, links) the
//! template turns into Typst's own elements. Text a fallback locale served carries that
//! locale's language, so Typst hyphenates and shapes it as what it is.
//!
//! The shape, field by field, is the contract with templates (`templates/print.typ`):
//!
//! ```text
//! { locale, lang, region, fonts: [family..], paper, base_url, language_name,
//!   title: Message, title_plain, cover_site_name: Message|null, site_name: Message,
//!   date: Message, logo: str|null, accent: "#rrggbb"|"#rgb", page_break: chapter|none, external_links: footnotes|inline,
//!   contents: Message, page_number: Pattern, see_page: Pattern,
//!   chapters: [{ key, label, title: Message, blocks: [Block..] }] }
//! Message = { id, lang?, region?, inlines: [Inline..] }
//! Pattern = { lang?, region?, pieces: [{kind: text, text} | {kind: page|total|link}] }
//! Inline  = {kind: text, text} | {kind: emphasis|strong, children} | {kind: code, text}
//!         | {kind: link, url, shows_url, children} | {kind: page-link, label, children}
//!         | {kind: line-break}
//! Block   = {kind: heading, level, label, text} | {kind: paragraph, text}
//!         | {kind: list, start: int|null, items: [Message]} | {kind: quote, paragraphs}
//!         | {kind: image, src: str|null, alt: Message, alt_plain} | {kind: code, lang, code}
//!         | {kind: rule}
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::config::{Locale, Project};
use crate::content::{Block, Page, PageMessage};
use crate::localize::Localizer;
use crate::markup::{Inline, LinkTarget, parse_inline};

/// The accent colour of the PDFs when `site.theme.primary` is not set (the print template's
/// blue since its first version).
pub const DEFAULT_ACCENT: &str = "#1a4f8b";

/// One locale's document, as the template receives it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentData {
    pub locale: String,
    /// ISO 639 language and ISO 3166 region, Typst's `text(lang:, region:)`.
    pub lang: String,
    pub region: Option<String>,
    /// Font families in order of preference: the locale's script first.
    pub fonts: Vec<String>,
    pub paper: &'static str,
    pub base_url: String,
    /// The locale's own name ("简体中文").
    pub language_name: String,
    /// The document title: `print-title` from ui.ftl, or the localized site name.
    pub title: Message,
    /// The title without markup, for the PDF metadata.
    pub title_plain: String,
    /// The site name shown above the title on the cover, when it differs from the title.
    pub cover_site_name: Option<Message>,
    /// The running header: the localized site name (`site-name`).
    pub site_name: Message,
    /// The cover's date (`print-date` with `$year`, `$month`, `$day`; ISO 8601 without it):
    /// the day of `SOURCE_DATE_EPOCH` when set, so the same sources give the same bytes.
    pub date: Message,
    /// The cover's logo (`print.logo`), from the project root (`/img/logo.svg`).
    pub logo: Option<String>,
    /// The accent colour (chapter titles, links, the cover's band): `site.theme.primary`, so
    /// the PDFs wear the site's colour, else the print template's own blue.
    pub accent: String,
    /// `chapter` (each chapter on a new page) or `none` (chapters follow one another).
    pub page_break: &'static str,
    /// `footnotes` or `inline`: where an external link's address is printed.
    pub external_links: &'static str,
    /// The table of contents' heading (`print-contents`).
    pub contents: Message,
    /// The footer's "Page 3 of 12" (`print-page-number`): pieces `text`, `page`, `total`.
    pub page_number: Pattern,
    /// A link to another chapter with its page, "Our plants (see p. 5)" (`print-see-page`):
    /// pieces `text`, `link` (the link's own text) and `page`.
    pub see_page: Pattern,
    pub chapters: Vec<Chapter>,
}

/// A localized text: inline nodes, with the language of the locale that served it when that is
/// not the document's locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    /// The Fluent message id (empty for text from the configuration).
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub inlines: Vec<InlineNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum InlineNode {
    Text {
        text: String,
    },
    Emphasis {
        children: Vec<InlineNode>,
    },
    Strong {
        children: Vec<InlineNode>,
    },
    Code {
        text: String,
    },
    /// An external link (`http(s):`, `mailto:`, or a relative URL joined to the site's URL).
    Link {
        url: String,
        /// Whether the link's text is its address already (then it is not printed twice).
        shows_url: bool,
        children: Vec<InlineNode>,
    },
    /// A link to a chapter (or a heading in it) of this document.
    PageLink {
        label: String,
        children: Vec<InlineNode>,
    },
    LineBreak,
}

/// A localized pattern cut around the values only Typst knows (page numbers) or lays out (a
/// link's text): the footer's "Page 3 of 12", a link's "(see p. 5)".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pattern {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Piece {
    Text { text: String },
    Page,
    Total,
    Link,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// The page's key (`profile`).
    pub key: String,
    /// The Typst label of the chapter heading, target of links to the page.
    pub label: String,
    pub title: Message,
    pub blocks: Vec<BlockData>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum BlockData {
    Heading {
        /// 2 for the page's top headings (the chapter title is level 1).
        level: u8,
        label: String,
        text: Message,
    },
    Paragraph {
        text: Message,
    },
    List {
        /// The first number of an ordered list; `null` for a bulleted list.
        start: Option<u64>,
        items: Vec<Message>,
    },
    Quote {
        paragraphs: Vec<Message>,
    },
    Image {
        /// The image file, from the project root (`/content/img/plant.jpg`); `null` when it is
        /// remote or missing, and the alternative text is printed instead.
        src: Option<String>,
        alt: Message,
        alt_plain: String,
    },
    Code {
        lang: Option<String>,
        code: String,
    },
    Rule,
}

/// Something worth telling about a document that was still produced.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrintWarning {
    pub locale: String,
    /// The message concerned, when there is one.
    pub message_id: Option<String>,
    pub message: String,
}

impl std::fmt::Display for PrintWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.message_id {
            Some(id) => write!(f, "{}: message `{id}`: {}", self.locale, self.message),
            None => write!(f, "{}: {}", self.locale, self.message),
        }
    }
}

/// The Typst label of a page's chapter.
pub fn chapter_label(key: &str) -> String {
    format!("page:{key}")
}

/// The Typst label of a heading inside a page.
pub fn heading_label(key: &str, anchor: &str) -> String {
    format!("page:{key}#{anchor}")
}

/// Orders the pages to print: navigation order first, then the pages outside the navigation,
/// by key. With `wanted`, only those pages (by key; a trailing `.md` is allowed); an unknown key
/// is returned as `Err`.
pub fn select_pages<'a>(
    pages: &'a [Page],
    wanted: Option<&[String]>,
) -> Result<Vec<&'a Page>, String> {
    let mut selected: Vec<&Page> = match wanted {
        None => pages.iter().collect(),
        Some(wanted) => {
            let mut keys = BTreeSet::new();
            for key in wanted {
                let key = key.trim().trim_end_matches(".md");
                if !pages.iter().any(|p| p.key == key) {
                    return Err(key.to_string());
                }
                keys.insert(key);
            }
            pages
                .iter()
                .filter(|p| keys.contains(p.key.as_str()))
                .collect()
        }
    };
    selected.sort_by(|a, b| {
        let rank = |p: &Page| (p.front.nav_order.is_none(), p.front.nav_order);
        rank(a).cmp(&rank(b)).then_with(|| a.key.cmp(&b.key))
    });
    Ok(selected)
}

/// The Typst language and region of a locale: `zh-HK` → (`zh`, `HK`). Typst takes a
/// two-letter region only: a UN M.49 area (`es-419`) is left out, as is a private-use part
/// (the identifier has none).
pub fn typst_lang(langid: &LanguageIdentifier) -> (String, Option<String>) {
    (
        langid.language.as_str().to_ascii_lowercase(),
        langid
            .region
            .map(|r| r.as_str().to_ascii_uppercase())
            .filter(|r| r.len() == 2),
    )
}

/// The font families a locale prefers, its script's fonts first. For Chinese, the CJK font
/// must come first: otherwise the Latin font draws Chinese quotation marks and punctuation.
/// Families that are not installed are dropped by the caller (Typst's fallback covers them).
pub fn preferred_fonts(langid: &LanguageIdentifier) -> Vec<&'static str> {
    let script = langid.script.map(|s| s.as_str().to_string());
    let region = langid.region.map(|r| r.as_str().to_string());
    let mut fonts = match langid.language.as_str() {
        "zh" => match (script.as_deref(), region.as_deref()) {
            (_, Some("HK" | "MO")) => vec!["Noto Sans CJK HK", "Noto Sans CJK TC"],
            (Some("Hant"), _) | (_, Some("TW")) => vec!["Noto Sans CJK TC"],
            _ => vec!["Noto Sans CJK SC"],
        },
        "ja" => vec!["Noto Sans CJK JP"],
        "ko" => vec!["Noto Sans CJK KR"],
        "ar" | "fa" | "ur" | "ps" | "ckb" => vec!["Noto Naskh Arabic", "Noto Sans Arabic"],
        "he" | "yi" => vec!["Noto Serif Hebrew", "Noto Sans Hebrew"],
        _ => Vec::new(),
    };
    fonts.extend(BASE_FONTS);
    fonts
}

/// The Latin, Greek and Cyrillic text face: Typst's embedded Libertinus Serif, then Noto Serif
/// for what it lacks.
pub const BASE_FONTS: [&str; 2] = ["Libertinus Serif", "Noto Serif"];

/// How many fonts of [`preferred_fonts`] are the script's own (the rest are [`BASE_FONTS`]).
pub fn script_font_count(langid: &LanguageIdentifier) -> usize {
    preferred_fonts(langid).len() - BASE_FONTS.len()
}

/// Builds one locale's document. `warnings` receives text problems (missing messages,
/// formatting errors); fonts are the caller's business.
pub struct DocumentBuilder<'a> {
    pub project: &'a Project,
    pub localizer: &'a Localizer,
    pub locale: &'a Locale,
    /// Every page selected for printing, in order.
    pub pages: &'a [&'a Page],
    pub fonts: Vec<String>,
    /// The cover's date (year, month, day): see [`document_date`].
    pub date: (i64, u32, u32),
}

impl DocumentBuilder<'_> {
    pub fn build(&self, warnings: &mut Vec<PrintWarning>) -> DocumentData {
        let mut cx = Context {
            builder: self,
            warnings,
            anchors: self
                .pages
                .iter()
                .map(|page| {
                    let anchors = page
                        .sections
                        .iter()
                        .flat_map(|(_, blocks)| blocks)
                        .filter_map(|b| match b {
                            Block::Heading { anchor, .. } => Some(anchor.as_str()),
                            _ => None,
                        })
                        .collect();
                    (page.key.as_str(), anchors)
                })
                .collect(),
        };
        let (lang, region) = typst_lang(&self.locale.langid);
        let site_name = cx
            .ui("site-name")
            .unwrap_or_else(|| cx.config_text(&self.project.site.name));
        let title = cx.ui("print-title").unwrap_or_else(|| site_name.clone());
        let title_plain = plain_of(&title);
        let cover_site_name = (plain_of(&site_name) != title_plain).then(|| site_name.clone());
        let contents = cx
            .ui("print-contents")
            .unwrap_or_else(|| cx.config_text("Contents"));
        let date = cx.date(self.date);
        let page_number = cx.page_number();
        let see_page = cx.see_page();
        let print = &self.project.print;
        let chapters = self.pages.iter().map(|page| cx.chapter(page)).collect();
        DocumentData {
            locale: self.locale.tag.clone(),
            lang,
            region,
            fonts: self.fonts.clone(),
            paper: self.project.print.paper.typst_name(),
            base_url: self.project.site.base_url.clone(),
            language_name: self.locale.name.clone(),
            title,
            title_plain,
            cover_site_name,
            site_name,
            date,
            logo: print
                .logo
                .as_deref()
                .and_then(|logo| rooted(&self.project.root, logo)),
            accent: self
                .project
                .site
                .theme
                .primary
                .clone()
                .unwrap_or_else(|| DEFAULT_ACCENT.to_string()),
            page_break: print.page_break.name(),
            external_links: print.external_links.name(),
            contents,
            page_number,
            see_page,
            chapters,
        }
    }
}

fn plain_of(message: &Message) -> String {
    fn walk(nodes: &[InlineNode], out: &mut String) {
        for node in nodes {
            match node {
                InlineNode::Text { text } | InlineNode::Code { text } => out.push_str(text),
                InlineNode::LineBreak => out.push(' '),
                InlineNode::Emphasis { children }
                | InlineNode::Strong { children }
                | InlineNode::Link { children, .. }
                | InlineNode::PageLink { children, .. } => walk(children, out),
            }
        }
    }
    let mut out = String::new();
    walk(&message.inlines, &mut out);
    out
}

struct Context<'a, 'w> {
    builder: &'a DocumentBuilder<'a>,
    warnings: &'w mut Vec<PrintWarning>,
    /// Heading anchors of every printed page, to tell a link target that exists from one that
    /// does not (Typst refuses a link to a missing label).
    anchors: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

/// Placeholders standing for the page numbers while the footer pattern is formatted; from the
/// Private Use Area, so no translation contains them.
const PAGE_MARK: &str = "\u{F8F0}";
const TOTAL_MARK: &str = "\u{F8F1}";
const LINK_MARK: &str = "\u{F8F2}";

/// The longest message text printed: far beyond any real paragraph (a few KiB), and laid out
/// by Typst in a fraction of a second.
pub const MAX_PRINT_MESSAGE_BYTES: usize = 64 << 10;

impl Context<'_, '_> {
    fn locale(&self) -> &str {
        &self.builder.locale.tag
    }

    fn warn(&mut self, id: Option<&str>, message: String) {
        self.warnings.push(PrintWarning {
            locale: self.locale().to_string(),
            message_id: id.map(str::to_string),
            message,
        });
    }

    /// The language fields for text served by `served` (none when it is the document's locale).
    fn lang_of(&self, served: &str) -> (Option<String>, Option<String>) {
        if served == self.locale() {
            return (None, None);
        }
        match self.builder.project.locale(served) {
            Some(locale) => {
                let (lang, region) = typst_lang(&locale.langid);
                (Some(lang), region)
            }
            None => (None, None),
        }
    }

    /// A hand-written UI string, through the fallback chain; `None` when no locale has it.
    fn ui(&mut self, id: &str) -> Option<Message> {
        let localized = self
            .builder
            .localizer
            .format(self.locale(), id, None, None)?;
        for error in &localized.errors {
            self.warn(Some(id), error.clone());
        }
        let (lang, region) = self.lang_of(&localized.locale);
        Some(Message {
            id: id.to_string(),
            lang,
            region,
            inlines: vec![InlineNode::Text {
                text: localized.text,
            }],
        })
    }

    /// Text from the configuration, in the source language.
    fn config_text(&self, text: &str) -> Message {
        let (lang, region) = self.lang_of(&self.builder.project.source_locale().tag);
        Message {
            id: String::new(),
            lang,
            region,
            inlines: vec![InlineNode::Text {
                text: text.to_string(),
            }],
        }
    }

    /// A UI pattern with placeholders for the values Typst fills in; `default` when no
    /// locale defines the message.
    fn pattern(&mut self, id: &str, args: &FluentArgs, default: Vec<Piece>) -> Pattern {
        let Some(localized) = self
            .builder
            .localizer
            .format(self.locale(), id, None, Some(args))
        else {
            return Pattern {
                lang: None,
                region: None,
                pieces: default,
            };
        };
        for error in &localized.errors {
            self.warn(Some(id), error.clone());
        }
        let (lang, region) = self.lang_of(&localized.locale);
        Pattern {
            lang,
            region,
            pieces: pattern_pieces(&localized.text),
        }
    }

    fn page_number(&mut self) -> Pattern {
        let mut args = FluentArgs::new();
        args.set("page", FluentValue::from(PAGE_MARK));
        args.set("total", FluentValue::from(TOTAL_MARK));
        let default = vec![
            Piece::Page,
            Piece::Text { text: " / ".into() },
            Piece::Total,
        ];
        self.pattern("print-page-number", &args, default)
    }

    /// "Our plants (see p. 5)". A pattern without `$link` is printed after the link's text.
    fn see_page(&mut self) -> Pattern {
        let mut args = FluentArgs::new();
        args.set("link", FluentValue::from(LINK_MARK));
        args.set("page", FluentValue::from(PAGE_MARK));
        let default = vec![
            Piece::Link,
            Piece::Text {
                text: " (p.\u{A0}".into(),
            },
            Piece::Page,
            Piece::Text { text: ")".into() },
        ];
        let mut pattern = self.pattern("print-see-page", &args, default);
        if !pattern.pieces.contains(&Piece::Link) {
            pattern.pieces.insert(0, Piece::Link);
            pattern.pieces.insert(1, Piece::Text { text: " ".into() });
        }
        pattern
    }

    /// The cover's date: `print-date` given the day's numbers (its translations name the month
    /// as their language does), or the ISO date.
    fn date(&mut self, (year, month, day): (i64, u32, u32)) -> Message {
        let id = "print-date";
        let mut args = FluentArgs::new();
        args.set("year", FluentValue::from(year));
        args.set("month", FluentValue::from(month));
        args.set("day", FluentValue::from(day));
        match self
            .builder
            .localizer
            .format(self.locale(), id, None, Some(&args))
        {
            Some(localized) => {
                for error in &localized.errors {
                    self.warn(Some(id), error.clone());
                }
                let (lang, region) = self.lang_of(&localized.locale);
                Message {
                    id: id.to_string(),
                    lang,
                    region,
                    inlines: vec![InlineNode::Text {
                        text: localized.text,
                    }],
                }
            }
            None => Message {
                id: String::new(),
                lang: None,
                region: None,
                inlines: vec![InlineNode::Text {
                    text: format!("{year:04}-{month:02}-{day:02}"),
                }],
            },
        }
    }

    fn chapter(&mut self, page: &Page) -> Chapter {
        let title_message = PageMessage {
            id: page.title_id(),
            text: page.front.title.clone(),
            role: String::new(),
            line: 1,
            column: 1,
            pinned: false,
        };
        let title = self.message(page, &title_message);
        // The page's top heading level becomes 2, under the chapter title.
        let top = page
            .sections
            .iter()
            .flat_map(|(_, blocks)| blocks)
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .min()
            .unwrap_or(2);
        let mut blocks = Vec::new();
        for block in page.sections.iter().flat_map(|(_, blocks)| blocks) {
            blocks.push(match block {
                Block::Heading {
                    level,
                    anchor,
                    message,
                } => BlockData::Heading {
                    level: (level - top).saturating_add(2).min(6),
                    label: heading_label(&page.key, anchor),
                    text: self.message(page, message),
                },
                Block::Paragraph { message } => BlockData::Paragraph {
                    text: self.message(page, message),
                },
                Block::List { ordered, items } => BlockData::List {
                    start: *ordered,
                    items: items.iter().map(|m| self.message(page, m)).collect(),
                },
                Block::Quote { paragraphs } => BlockData::Quote {
                    paragraphs: paragraphs.iter().map(|m| self.message(page, m)).collect(),
                },
                Block::Image { src, alt, .. } => {
                    let alt = self.message(page, alt);
                    BlockData::Image {
                        src: image_source(self.builder.project, page, src),
                        alt_plain: plain_of(&alt),
                        alt,
                    }
                }
                Block::Code { language, code } => BlockData::Code {
                    lang: (!language.is_empty()).then(|| language.clone()),
                    code: code.clone(),
                },
                Block::Rule => BlockData::Rule,
            });
        }
        Chapter {
            key: page.key.clone(),
            label: chapter_label(&page.key),
            title,
            blocks,
        }
    }

    /// A page message in the document's locale, through the fallback chain; the content's own
    /// text when no locale has it (the generated source files are out of date).
    fn message(&mut self, page: &Page, message: &PageMessage) -> Message {
        let (text, served) = match self.builder.localizer.format(
            self.locale(),
            &message.id,
            None,
            None,
        ) {
            Some(localized) => {
                for error in &localized.errors {
                    self.warn(Some(&message.id), error.clone());
                }
                (localized.text, localized.locale)
            }
            None => {
                self.warn(
                        Some(&message.id),
                        format!(
                            "no locale defines this message; printed from {} (run `fluentpress extract`)",
                            self.builder.project.relative(&page.path)
                        ),
                    );
                (
                    message.text.clone(),
                    self.builder.project.source_locale().tag.clone(),
                )
            }
        };
        let (lang, region) = self.lang_of(&served);
        let text = self.bounded(&message.id, text);
        Message {
            id: message.id.clone(),
            lang,
            region,
            inlines: self.inlines(&parse_inline(&text)),
        }
    }

    /// `text`, cut to [`MAX_PRINT_MESSAGE_BYTES`] with a warning naming the message when
    /// longer: Typst lays out a paragraph in time and memory that grow faster than its length
    /// (a 5 MB paragraph ran over two minutes and 1.2 GB).
    fn bounded(&mut self, id: &str, mut text: String) -> String {
        if text.len() <= MAX_PRINT_MESSAGE_BYTES {
            return text;
        }
        let mut end = MAX_PRINT_MESSAGE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.warn(
            Some(id),
            format!(
                "the text is {} bytes long; print keeps the first {} KiB (split the paragraph)",
                text.len(),
                MAX_PRINT_MESSAGE_BYTES >> 10
            ),
        );
        text.truncate(end);
        text
    }

    fn inlines(&self, inlines: &[Inline]) -> Vec<InlineNode> {
        let mut out: Vec<InlineNode> = Vec::new();
        for inline in inlines {
            let node = match inline {
                Inline::Text(text) => InlineNode::Text { text: text.clone() },
                Inline::Code(text) => InlineNode::Code { text: text.clone() },
                Inline::Emphasis(children) => InlineNode::Emphasis {
                    children: self.inlines(children),
                },
                Inline::Strong(children) => InlineNode::Strong {
                    children: self.inlines(children),
                },
                Inline::LineBreak => InlineNode::LineBreak,
                Inline::Link {
                    target, children, ..
                } => {
                    let children = self.inlines(children);
                    match self.link(target) {
                        LinkData::Url(url) => InlineNode::Link {
                            shows_url: shows_url(&url, &children),
                            url,
                            children,
                        },
                        LinkData::Label(label) => InlineNode::PageLink { label, children },
                        // A link that leads nowhere in print keeps its text.
                        LinkData::None => {
                            out.extend(children);
                            continue;
                        }
                    }
                }
            };
            out.push(node);
        }
        out
    }

    fn link(&self, target: &LinkTarget) -> LinkData {
        match target {
            LinkTarget::Page { path, fragment } => {
                let key = path.trim_start_matches("./").trim_end_matches(".md");
                let Some(anchors) = self.anchors.get(key) else {
                    return LinkData::None;
                };
                match fragment {
                    Some(f) if anchors.contains(f.as_str()) => {
                        LinkData::Label(heading_label(key, f))
                    }
                    _ => LinkData::Label(chapter_label(key)),
                }
            }
            LinkTarget::Url(url) => absolute_url(&self.builder.project.site.base_url, url)
                .map_or(LinkData::None, LinkData::Url),
        }
    }
}

enum LinkData {
    Url(String),
    Label(String),
    None,
}

/// Whether a link's text already spells its address (`<https://acme.example>`,
/// `[acme.example](https://acme.example/)`, `[a@b.c](mailto:a@b.c)`), so printing the address
/// again would only repeat it.
fn shows_url(url: &str, children: &[InlineNode]) -> bool {
    let message = Message {
        id: String::new(),
        lang: None,
        region: None,
        inlines: children.to_vec(),
    };
    let bare = |s: &str| {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        let s = ["https://", "http://", "mailto:"]
            .iter()
            .find_map(|scheme| lower.starts_with(scheme).then(|| &s[scheme.len()..]))
            .unwrap_or(s);
        s.trim_start_matches("www.")
            .trim_end_matches('/')
            .to_string()
    };
    bare(&plain_of(&message)).eq_ignore_ascii_case(&bare(url))
}

/// A URL usable from paper: absolute ones as they are, site-relative ones joined to the site's
/// address; a bare `#fragment` has no meaning in print.
pub fn absolute_url(base_url: &str, url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Some(url.to_string());
    }
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
        return None;
    }
    let path = url.trim_start_matches("./").trim_start_matches('/');
    Some(format!("{}/{path}", base_url.trim_end_matches('/')))
}

/// Cuts a formatted pattern around its placeholders (page, total, link).
pub fn pattern_pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let next = [
            (PAGE_MARK, Piece::Page),
            (TOTAL_MARK, Piece::Total),
            (LINK_MARK, Piece::Link),
        ]
        .into_iter()
        .filter_map(|(mark, piece)| rest.find(mark).map(|at| (at, mark, piece)))
        .min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, mark, piece)) => {
                if at > 0 {
                    pieces.push(Piece::Text {
                        text: rest[..at].to_string(),
                    });
                }
                pieces.push(piece);
                rest = &rest[at + mark.len()..];
            }
            None => {
                if !rest.is_empty() {
                    pieces.push(Piece::Text {
                        text: rest.to_string(),
                    });
                }
                return pieces;
            }
        }
    }
}

/// The project-rooted path of a page's image, when the file is there to print.
fn image_source(project: &Project, page: &Page, src: &str) -> Option<String> {
    if src.contains("://") || src.starts_with("data:") {
        return None;
    }
    let path = match src.strip_prefix('/') {
        Some(rooted) => project.content_dir.join(rooted),
        None => page.path.parent()?.join(src),
    };
    if !path.is_file() {
        return None;
    }
    rooted(&project.root, &path)
}

/// A path below the project root as Typst names it (`/content/img/plant.jpg`); `None` when it
/// is not lexically inside the project (Typst reads files from the project only).
fn rooted(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// The day a document is dated (year, month 1–12, day 1–31, UTC): `SOURCE_DATE_EPOCH`'s when it
/// is set, as reproducible builds ask, else today's.
pub fn document_date(source_date_epoch: Option<&str>) -> (i64, u32, u32) {
    let seconds = source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    crate::calendar::civil_date(seconds.div_euclid(86_400))
}

/// The visible text of every message of a document, with its id, for the glyph check.
pub fn texts<'d>(data: &'d DocumentData) -> Vec<(&'d str, String)> {
    let mut out = Vec::new();
    let mut push = |m: &'d Message| out.push((m.id.as_str(), plain_of(m)));
    push(&data.title);
    push(&data.site_name);
    push(&data.contents);
    push(&data.date);
    for chapter in &data.chapters {
        push(&chapter.title);
        for block in &chapter.blocks {
            match block {
                BlockData::Heading { text, .. } | BlockData::Paragraph { text } => push(text),
                BlockData::List { items, .. } => items.iter().for_each(&mut push),
                BlockData::Quote { paragraphs } => paragraphs.iter().for_each(&mut push),
                BlockData::Image { alt, .. } => push(alt),
                BlockData::Code { .. } | BlockData::Rule => {}
            }
        }
    }
    for (id, pattern) in [
        ("print-page-number", &data.page_number),
        ("print-see-page", &data.see_page),
    ] {
        let text: String = pattern
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        out.push((id, text));
    }
    out.push(("", data.language_name.clone()));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    use super::*;
    use crate::catalog::load_catalog;
    use crate::config::load_project;
    use crate::content::load_pages;

    /// A small project: en-US source, fr translated (with hostile text), de empty with an
    /// en-US fallback.
    pub(crate) fn project(dir: &Path) -> Project {
        let files: &[(&str, &str)] = &[
            (
                "fluentpress.yaml",
                "site:\n  name: Acme\n  base_url: https://acme.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n  - tag: de\n    name: Deutsch\n    min_coverage: 0\n",
            ),
            (
                "content/home.md",
                "---\ntitle: Home\nnav_order: 1\n---\n\nWelcome to *Acme*, see [the team](@/team.md#people) and [us](https://acme.example/about).\n",
            ),
            (
                "content/team.md",
                "---\ntitle: Team\nnav_order: 2\n---\n\n## People {#people}\n\nWe are **many**.\n\n1. One\n2. Two\n",
            ),
            (
                "content/legal.md",
                "---\ntitle: Legal\n---\n\nFine print.\n",
            ),
            (
                "locales/en-US/pages/home.ftl",
                "home-title = Home\nhome-intro-p1 = Welcome to *Acme*, see [the team](@/team.md#people) and [us](https://acme.example/about).\n",
            ),
            (
                "locales/en-US/pages/team.ftl",
                "team-title = Team\nteam-people-title = People\nteam-people-p1 = We are **many**.\nteam-people-li1 = One\nteam-people-li2 = Two\n",
            ),
            (
                "locales/en-US/pages/legal.ftl",
                "legal-title = Legal\nlegal-intro-p1 = Fine print.\n",
            ),
            (
                "locales/en-US/ui.ftl",
                "site-name = Acme Group\nprint-contents = Contents\nprint-page-number = Page { $page } of { $total }\n",
            ),
            (
                "locales/fr/pages/home.ftl",
                "home-title = Accueil #set [x] $y$ \\z\nhome-intro-p1 = Bienvenue chez *Acme*, voir [l’équipe](@/team.md#people) et [nous](https://acme.example/about) ; [mal](javascript:alert(1)).\n",
            ),
            (
                "locales/fr/ui.ftl",
                "print-contents = Sommaire\nprint-page-number = { $page } / { $total }\n",
            ),
        ];
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        load_project(dir).unwrap()
    }

    pub(crate) fn build(
        dir: &Path,
        tag: &str,
        wanted: Option<&[String]>,
    ) -> (DocumentData, Vec<PrintWarning>) {
        let project = project(dir);
        let catalog = load_catalog(&project).unwrap();
        let localizer = Localizer::new(&project, &catalog);
        let pages = load_pages(&project.root, &project.content_dir).unwrap();
        let selected = select_pages(&pages, wanted).unwrap();
        let builder = DocumentBuilder {
            project: &project,
            localizer: &localizer,
            locale: project.locale(tag).unwrap(),
            pages: &selected,
            fonts: vec!["Libertinus Serif".into()],
            date: (2026, 3, 7),
        };
        let mut warnings = Vec::new();
        (builder.build(&mut warnings), warnings)
    }

    fn text(s: &str) -> InlineNode {
        InlineNode::Text { text: s.into() }
    }

    // Typst takes a two-letter region only: `es-419`'s area is left out (Typst refused it and
    // the whole print export failed).
    #[test]
    fn typst_gets_a_two_letter_region_only() {
        let lang = |tag: &str| typst_lang(&tag.parse().unwrap());
        assert_eq!(lang("zh-Hant-HK"), ("zh".into(), Some("HK".into())));
        assert_eq!(lang("es-419"), ("es".into(), None));
        assert_eq!(lang("fr"), ("fr".into(), None));
    }

    // Pages come in navigation order, then the ones outside the navigation; `--pages` picks.
    #[test]
    fn pages_in_navigation_order_and_selected_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let (data, _) = build(dir.path(), "en-US", None);
        let keys: Vec<_> = data.chapters.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["home", "team", "legal"]);

        let wanted = ["legal".to_string(), "home.md".to_string()];
        let (data, _) = build(dir.path(), "en-US", Some(&wanted));
        let keys: Vec<_> = data.chapters.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["home", "legal"]);

        let project = project(dir.path());
        let pages = load_pages(&project.root, &project.content_dir).unwrap();
        assert_eq!(
            select_pages(&pages, Some(&["nope".to_string()])).unwrap_err(),
            "nope"
        );
    }

    // Typst syntax in a translation stays text: it reaches the template as a JSON string.
    #[test]
    fn typst_syntax_in_a_translation_is_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let (data, _) = build(dir.path(), "fr", None);
        assert_eq!(
            data.chapters[0].title.inlines,
            [text("Accueil #set [x] $y$ \\z")]
        );
        let json = serde_json::to_string(&data).unwrap();
        assert!(
            json.contains(r#""text":"Accueil #set [x] $y$ \\z""#),
            "{json}"
        );
    }

    // Emphasis, strong and links become nodes; a link to a printed page becomes a link to its
    // label (the heading's when the fragment exists); an unsafe link keeps only its text.
    #[test]
    fn inline_markup_becomes_nodes() {
        let dir = tempfile::tempdir().unwrap();
        let (data, _) = build(dir.path(), "fr", None);
        let BlockData::Paragraph { text: p } = &data.chapters[0].blocks[0] else {
            panic!("{:?}", data.chapters[0].blocks)
        };
        assert_eq!(
            p.inlines,
            [
                text("Bienvenue chez "),
                InlineNode::Emphasis {
                    children: vec![text("Acme")]
                },
                text(", voir "),
                InlineNode::PageLink {
                    label: "page:team#people".into(),
                    children: vec![text("l’équipe")]
                },
                text(" et "),
                InlineNode::Link {
                    url: "https://acme.example/about".into(),
                    shows_url: false,
                    children: vec![text("nous")]
                },
                text(" ; "),
                text("mal."),
            ]
        );
        let BlockData::List { start, items } = &data.chapters[1].blocks[2] else {
            panic!("{:?}", data.chapters[1].blocks)
        };
        assert_eq!((*start, items.len()), (Some(1), 2));
        let BlockData::Heading { level, label, .. } = &data.chapters[1].blocks[0] else {
            panic!()
        };
        assert_eq!((*level, label.as_str()), (2, "page:team#people"));
    }

    // Without the target page in the document, a page link is plain text.
    #[test]
    fn link_to_a_page_not_printed_is_text() {
        let dir = tempfile::tempdir().unwrap();
        let (data, _) = build(dir.path(), "en-US", Some(&["home".to_string()]));
        let BlockData::Paragraph { text: p } = &data.chapters[0].blocks[0] else {
            panic!()
        };
        assert!(p.inlines.contains(&text("the team")), "{:?}", p.inlines);
    }

    // Text a fallback locale served carries that locale's language; the document's own text
    // carries none.
    #[test]
    fn fallback_text_is_marked_with_its_language() {
        let dir = tempfile::tempdir().unwrap();
        let (data, warnings) = build(dir.path(), "fr", None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(data.chapters[0].title.lang, None);
        let team = &data.chapters[1].title;
        assert_eq!(
            (team.lang.as_deref(), team.region.as_deref()),
            (Some("en"), Some("US"))
        );
        // site-name is not translated in fr: English.
        assert_eq!(data.site_name.lang.as_deref(), Some("en"));
        assert_eq!(data.contents.inlines, [text("Sommaire")]);
        assert_eq!((data.lang.as_str(), data.region.as_deref()), ("fr", None));
    }

    // The footer pattern is cut around the page numbers, whatever their order.
    #[test]
    fn page_number_pattern_is_cut_around_the_numbers() {
        let t = |s: &str| Piece::Text { text: s.into() };
        use Piece::{Page, Total};
        let cut = |pattern: &str| {
            pattern_pieces(
                &pattern
                    .replace("{page}", PAGE_MARK)
                    .replace("{total}", TOTAL_MARK),
            )
        };
        assert_eq!(
            cut("Page {page} of {total}"),
            [t("Page "), Page, t(" of "), Total]
        );
        assert_eq!(
            cut("第{page}页，共{total}页"),
            [t("第"), Page, t("页，共"), Total, t("页")]
        );
        assert_eq!(cut("{total}: {page}"), [Total, t(": "), Page]);
        let dir = tempfile::tempdir().unwrap();
        let (data, _) = build(dir.path(), "en-US", None);
        assert_eq!(
            data.page_number.pieces,
            [t("Page "), Page, t(" of "), Total]
        );
    }

    #[test]
    fn urls_for_paper() {
        let base = "https://acme.example/";
        assert_eq!(
            absolute_url(base, "/about/").as_deref(),
            Some("https://acme.example/about/")
        );
        assert_eq!(
            absolute_url(base, "mailto:a@b.c").as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(absolute_url(base, "#top"), None);
    }

    // Chinese documents list the CJK font first; Hong Kong's before Traditional Chinese.
    #[test]
    fn script_fonts_come_first() {
        let fonts = |tag: &str| preferred_fonts(&tag.parse().unwrap());
        assert_eq!(fonts("zh-CN")[0], "Noto Sans CJK SC");
        assert_eq!(
            fonts("zh-HK")[..2],
            ["Noto Sans CJK HK", "Noto Sans CJK TC"]
        );
        assert_eq!(fonts("ar")[0], "Noto Naskh Arabic");
        assert_eq!(fonts("fr"), BASE_FONTS);
        assert_eq!(script_font_count(&"fr".parse().unwrap()), 0);
    }
}
