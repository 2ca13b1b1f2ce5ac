//! The inline markup allowed inside messages: a small Markdown subset that translators can move
//! around a sentence, parsed into a tree the exporters render (escaped HTML, Typst) and the
//! checker compares, or into byte spans ([`markup_spans`]) that XLIFF export protects as inline
//! codes. Both read the text with the same parser settings, so what the site renders as markup
//! is what a translator's CAT tool shows as codes.
//!
//! Allowed: `*emphasis*`, `**strong**`, `` `code` ``, `[text](target)` and hard line breaks.
//! Everything else, raw HTML included, is text. Link targets are limited to `http(s):`,
//! `mailto:`, relative URLs and `@/page.md` references to other pages of the site; anything else
//! (`javascript:`, `data:`…) makes the link plain text. Translations are untrusted input.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The one Markdown reading of message text: CommonMark inlines with no extension (no tables,
/// strikethrough or footnotes), for the tree and for the spans alike.
fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, Options::empty())
}

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        target: LinkTarget,
        title: String,
        children: Vec<Inline>,
    },
    LineBreak,
}

/// Where a link leads, once judged safe.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkTarget {
    /// Another page of the site, by its path below `content/` (`profile.md`), resolved by the
    /// exporter to that page in the reader's locale. A `#fragment` is kept.
    Page {
        path: String,
        fragment: Option<String>,
    },
    /// `http(s):`, `mailto:` or a relative URL, as written.
    Url(String),
}

/// Emphasis, strong and links nested deeper than this are kept as their text, markup dropped.
/// Every reader of the tree walks it by recursion (the HTML and Typst renderers, XLIFF, the
/// checker, even its `Drop`), so `*a **b *c …` nested 10,000 deep overflowed the stack and
/// aborted the export; the print template's own recursion has a limit too. Real text nests
/// two or three levels.
pub const MAX_INLINE_DEPTH: usize = 16;

/// Parses a message's text. Never fails: whatever is not allowed markup is text.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    parse_inline_checked(text).0
}

/// [`parse_inline`], and whether markup nested deeper than [`MAX_INLINE_DEPTH`] was flattened
/// to text (the checker reports it).
pub fn parse_inline_checked(text: &str) -> (Vec<Inline>, bool) {
    if is_plain(text) {
        return (vec![Inline::Text(text.to_string())], false);
    }
    let mut stack: Vec<(Frame, Vec<Inline>)> = vec![(Frame::Root, Vec::new())];
    // Open spans past the depth limit: their start and end events are dropped, their text kept.
    let mut excess = 0usize;
    let mut too_deep = false;
    let protected = protect_block_syntax(text);
    for event in parser(&protected) {
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. })
                if stack.len() > MAX_INLINE_DEPTH =>
            {
                excess += 1;
                too_deep = true;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image)
                if excess > 0 =>
            {
                excess -= 1;
            }
            Event::Text(t) => push_text(&mut stack, &t),
            Event::Code(c) => push(&mut stack, Inline::Code(c.to_string())),
            // Raw HTML in a translation is shown as the text it is, never interpreted.
            Event::Html(h) | Event::InlineHtml(h) => push_text(&mut stack, &h),
            Event::SoftBreak => push_text(&mut stack, " "),
            Event::HardBreak => push(&mut stack, Inline::LineBreak),
            Event::Start(Tag::Emphasis) => stack.push((Frame::Emphasis, Vec::new())),
            Event::Start(Tag::Strong) => stack.push((Frame::Strong, Vec::new())),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                stack.push((
                    Frame::Link(judge_target(&dest_url), title.to_string()),
                    Vec::new(),
                ));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                // An image inside a message is not allowed: keep its alt text only.
                let _ = dest_url;
                stack.push((Frame::Transparent, Vec::new()));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image)
                if stack.len() > 1 =>
            {
                let (frame, children) = stack.pop().unwrap_or((Frame::Root, Vec::new()));
                match frame {
                    Frame::Emphasis => push(&mut stack, Inline::Emphasis(children)),
                    Frame::Strong => push(&mut stack, Inline::Strong(children)),
                    Frame::Link(Some(target), title) => push(
                        &mut stack,
                        Inline::Link {
                            target,
                            title,
                            children,
                        },
                    ),
                    Frame::Link(None, _) | Frame::Transparent | Frame::Root => {
                        for child in children {
                            push(&mut stack, child);
                        }
                    }
                }
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            // Block constructs (a translation that starts with `# ` or `- `) keep their text.
            _ => {}
        }
    }
    while stack.len() > 1 {
        let (_, children) = stack.pop().unwrap_or((Frame::Root, Vec::new()));
        for child in children {
            push(&mut stack, child);
        }
    }
    (stack.pop().map(|(_, c)| c).unwrap_or_default(), too_deep)
}

/// Text a Markdown parser would return unchanged, as one text run: no markup, escape, entity or
/// line break, no block marker at the start, no surrounding white space. Most messages are such
/// text, and skipping the parser for them makes rendering a site markedly faster.
fn is_plain(text: &str) -> bool {
    // All the characters that matter are ASCII, so a byte scan suffices.
    let special = |b: &u8| {
        matches!(
            b,
            b'*' | b'_'
                | b'`'
                | b'['
                | b']'
                | b'\\'
                | b'<'
                | b'>'
                | b'&'
                | b'!'
                | b'#'
                | b'|'
                | b'='
                | b'~'
                | b'\n'
                | b'\r'
                | b'\t'
        )
    };
    let starts_plainly = text
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit() && c != '-' && c != '+');
    starts_plainly && !text.ends_with(char::is_whitespace) && !text.as_bytes().iter().any(special)
}

/// A message is one run of inline text, but a CommonMark parser reads `# x`, `- x`, `> x`,
/// `1. x`, fences and indented lines as blocks, and would drop their markers. Escaping those
/// markers keeps every character the translator typed.
fn protect_block_syntax(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start_matches([' ', '\t']);
        let rest_after = |n: usize| trimmed[n..].chars().next();
        let escape_first = match trimmed.chars().next() {
            Some('#') => {
                let hashes = trimmed.chars().take_while(|&c| c == '#').count();
                rest_after(hashes).is_none_or(|c| c == ' ' || c == '\t')
            }
            Some('-' | '+' | '*') => {
                rest_after(1).is_none_or(|c| c == ' ' || c == '\t')
                    || trimmed.chars().all(|c| c == '-' || c == '*' || c == ' ')
            }
            Some('>' | '=' | '|') => true,
            Some('`' | '~') => trimmed.starts_with("```") || trimmed.starts_with("~~~"),
            _ => false,
        };
        if escape_first {
            out.push('\\');
            out.push_str(trimmed);
            continue;
        }
        // `1. x` and `1) x` start ordered lists: escape the delimiter.
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        if digits > 0
            && digits <= 9
            && matches!(rest_after(digits), Some('.' | ')'))
            && trimmed[digits + 1..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
        {
            out.push_str(&trimmed[..digits]);
            out.push('\\');
            out.push_str(&trimmed[digits..]);
            continue;
        }
        // Leading spaces would make an indented code block; they carry no meaning in a message.
        out.push_str(trimmed);
    }
    out
}

enum Frame {
    Root,
    Emphasis,
    Strong,
    Link(Option<LinkTarget>, String),
    Transparent,
}

fn push(stack: &mut [(Frame, Vec<Inline>)], inline: Inline) {
    if let Some((_, children)) = stack.last_mut() {
        children.push(inline);
    }
}

fn push_text(stack: &mut [(Frame, Vec<Inline>)], text: &str) {
    if let Some((_, children)) = stack.last_mut() {
        if let Some(Inline::Text(last)) = children.last_mut() {
            last.push_str(text);
        } else {
            children.push(Inline::Text(text.to_string()));
        }
    }
}

/// What a [`MarkupSpan`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Emphasis,
    Strong,
    /// `` `code` ``.
    Code,
    /// `[text](target)`.
    Link,
    /// `<https://…>` or `<name@example.org>`.
    Autolink,
}

/// A piece of markup in a text, by byte ranges, for tools that must keep the text as written
/// (XLIFF export protects each span as an inline code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupSpan {
    /// The whole span, delimiters included.
    pub outer: Range<usize>,
    /// The text inside paired markup (emphasis, strong, link text); `None` for a span that is
    /// one unit (code, autolink).
    pub inner: Option<Range<usize>>,
    pub kind: SpanKind,
}

/// The markup of `flat` as byte ranges, sorted by start (an outer span before the spans it
/// holds). The same parser as [`parse_inline`] finds it, without the block-marker protection
/// (offsets must stay those of `flat`) and without judging link targets (a span is kept as
/// written, not rendered). Paired markup whose delimiters are not at its ends (which a
/// CommonMark parser does not produce) is left out; so is markup inside an image or a link that
/// is not inline.
pub fn markup_spans(flat: &str) -> Vec<MarkupSpan> {
    use pulldown_cmark::LinkType;

    struct Frame {
        kind: Option<SpanKind>,
        range: Range<usize>,
        inner_end: usize,
    }
    let mut spans = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Spans opened past the depth limit: ignored, so their markers stay text. The unit's
    // inline tree is built and walked by recursion, and every event below looks through the
    // whole stack: markup nested 10,000 deep overflowed the stack after 20 s of quadratic work.
    let mut excess = 0usize;
    for (event, range) in parser(flat).into_offset_iter() {
        match &event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
                if stack.len() >= MAX_INLINE_DEPTH =>
            {
                excess += 1;
                continue;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) if excess > 0 => {
                excess -= 1;
                continue;
            }
            _ => {}
        }
        let skipping = stack.iter().any(|f| f.kind.is_none());
        match &event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. }) => {
                let kind = match &event {
                    Event::Start(Tag::Emphasis) => Some(SpanKind::Emphasis),
                    Event::Start(Tag::Strong) => Some(SpanKind::Strong),
                    Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        ..
                    }) => Some(SpanKind::Link),
                    Event::Start(Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    }) => {
                        if !skipping {
                            spans.push(MarkupSpan {
                                outer: range.clone(),
                                inner: None,
                                kind: SpanKind::Autolink,
                            });
                        }
                        None
                    }
                    _ => None,
                };
                for frame in &mut stack {
                    frame.inner_end = frame.inner_end.max(range.end);
                }
                stack.push(Frame {
                    kind,
                    inner_end: range.start + 1,
                    range,
                });
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {
                let Some(frame) = stack.pop() else { continue };
                let still_skipping = stack.iter().any(|f| f.kind.is_none());
                let Some(kind) = frame.kind else { continue };
                if still_skipping {
                    continue;
                }
                let r = frame.range;
                let inner = match kind {
                    SpanKind::Emphasis | SpanKind::Strong => {
                        let d = if kind == SpanKind::Strong { 2 } else { 1 };
                        let ok = r.len() >= 2 * d
                            && flat[r.start..r.start + d]
                                .chars()
                                .all(|c| c == '*' || c == '_')
                            && flat[r.end - d..r.end].chars().all(|c| c == '*' || c == '_');
                        ok.then(|| r.start + d..r.end - d)
                    }
                    _ => {
                        let end = frame.inner_end.max(r.start + 1).min(r.end);
                        flat[end..].starts_with("](").then_some(r.start + 1..end)
                    }
                };
                if let Some(inner) = inner {
                    spans.push(MarkupSpan {
                        outer: r,
                        inner: Some(inner),
                        kind,
                    });
                }
            }
            _ => {
                for frame in &mut stack {
                    frame.inner_end = frame.inner_end.max(range.end);
                }
                if let Event::Code(_) = event
                    && !skipping
                {
                    spans.push(MarkupSpan {
                        outer: range,
                        inner: None,
                        kind: SpanKind::Code,
                    });
                }
            }
        }
    }
    spans.sort_by(|a, b| {
        a.outer
            .start
            .cmp(&b.outer.start)
            .then(b.outer.end.cmp(&a.outer.end))
    });
    spans
}

/// Accepts a link target only if it is safe to publish.
pub fn judge_target(url: &str) -> Option<LinkTarget> {
    let url = url.trim();
    if let Some(page) = url.strip_prefix("@/") {
        let (path, fragment) = match page.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (page, None),
        };
        return Some(LinkTarget::Page {
            path: path.to_string(),
            fragment,
        });
    }
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:`, with no `/` before it.
    let scheme_end = url
        .find(':')
        .filter(|&i| !url[..i].contains(['/', '?', '#']));
    match scheme_end {
        None => Some(LinkTarget::Url(url.to_string())),
        Some(i) => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
                .then(|| LinkTarget::Url(url.to_string()))
        }
    }
}

/// Every link to a page of the site (`@/page.md#fragment`) in inline content, in order, as
/// (path, fragment): what `extract` and `check` verify against the pages.
pub fn page_links(inlines: &[Inline]) -> Vec<(&str, Option<&str>)> {
    fn walk<'i>(inlines: &'i [Inline], out: &mut Vec<(&'i str, Option<&'i str>)>) {
        for inline in inlines {
            match inline {
                Inline::Link {
                    target, children, ..
                } => {
                    if let LinkTarget::Page { path, fragment } = target {
                        out.push((path, fragment.as_deref()));
                    }
                    walk(children, out);
                }
                Inline::Emphasis(children) | Inline::Strong(children) => walk(children, out),
                Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(inlines, &mut out);
    out
}

/// The visible text of inline content, markup removed.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    fn walk(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::LineBreak => out.push('\n'),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                    walk(c, out)
                }
            }
        }
    }
    walk(inlines, &mut out);
    out
}

/// A comparable summary of the markup in a text: every link target, and the number of
/// emphasis, strong and code spans. Two texts with equal summaries carry the same markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkupSummary {
    pub links: Vec<String>,
    pub emphasis: usize,
    pub strong: usize,
    pub code: Vec<String>,
}

pub fn summarize(inlines: &[Inline]) -> MarkupSummary {
    let mut summary = MarkupSummary::default();
    fn walk(inlines: &[Inline], s: &mut MarkupSummary) {
        for inline in inlines {
            match inline {
                Inline::Text(_) | Inline::LineBreak => {}
                Inline::Code(c) => s.code.push(c.clone()),
                Inline::Emphasis(c) => {
                    s.emphasis += 1;
                    walk(c, s);
                }
                Inline::Strong(c) => {
                    s.strong += 1;
                    walk(c, s);
                }
                Inline::Link {
                    target, children, ..
                } => {
                    s.links.push(match target {
                        LinkTarget::Page { path, fragment } => match fragment {
                            Some(f) => format!("@/{path}#{f}"),
                            None => format!("@/{path}"),
                        },
                        LinkTarget::Url(u) => u.clone(),
                    });
                    walk(children, s);
                }
            }
        }
    }
    walk(inlines, &mut summary);
    summary.links.sort();
    summary.code.sort();
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_allowed_subset() {
        let got = parse_inline("A *b* **c** `d` [e](https://x.org) [f](@/profile.md#top)");
        assert_eq!(
            got,
            vec![
                Inline::Text("A ".into()),
                Inline::Emphasis(vec![Inline::Text("b".into())]),
                Inline::Text(" ".into()),
                Inline::Strong(vec![Inline::Text("c".into())]),
                Inline::Text(" ".into()),
                Inline::Code("d".into()),
                Inline::Text(" ".into()),
                Inline::Link {
                    target: LinkTarget::Url("https://x.org".into()),
                    title: String::new(),
                    children: vec![Inline::Text("e".into())]
                },
                Inline::Text(" ".into()),
                Inline::Link {
                    target: LinkTarget::Page {
                        path: "profile.md".into(),
                        fragment: Some("top".into())
                    },
                    title: String::new(),
                    children: vec![Inline::Text("f".into())]
                },
            ]
        );
    }

    #[test]
    fn plain_text_takes_the_short_way_with_the_same_result() {
        for text in [
            "China Hongqiao is one of the world’s largest producers.",
            "中国宏桥集团是全球最大的铝生产商之一。",
            "a (b) c: d; e? f.",
        ] {
            assert!(is_plain(text), "{text}");
            assert_eq!(parse_inline(text), vec![Inline::Text(text.to_string())]);
            let mut parsed = Vec::new();
            for event in Parser::new_ext(text, Options::empty()) {
                if let Event::Text(t) = event {
                    parsed.push(t.to_string());
                }
            }
            assert_eq!(parsed.concat(), text);
        }
        for text in [
            "a *b*",
            "1. x",
            "- x",
            " x",
            "x ",
            "a &amp; b",
            "a\\nb",
            "# x",
            "a_b",
        ] {
            assert!(!is_plain(text), "{text}");
        }
    }

    /// `*a **b *c …` nested `levels` deep around `x`.
    fn nested_emphasis(levels: usize) -> String {
        let open: String = (0..levels)
            .map(|i| if i % 2 == 0 { "*a " } else { "**b " })
            .collect();
        let close: String = (0..levels)
            .rev()
            .map(|i| if i % 2 == 0 { " a*" } else { " b**" })
            .collect();
        format!("{open}x{close}")
    }

    fn depth(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                    1 + depth(c)
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn markup_nested_past_the_limit_is_text_not_a_stack_overflow() {
        // On a 2 MiB stack (a worker thread's), as the exporters run it.
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let text = nested_emphasis(10_000);
                let (inlines, too_deep) = parse_inline_checked(&text);
                assert!(too_deep);
                assert_eq!(depth(&inlines), MAX_INLINE_DEPTH);
                let plain = plain_text(&inlines);
                assert!(
                    plain.starts_with("a b a ") && plain.contains(" x "),
                    "{plain}"
                );
                assert_eq!(summarize(&inlines).emphasis, MAX_INLINE_DEPTH / 2);
            })
            .unwrap();
        handle.join().unwrap();
        // Up to the limit, markup is markup.
        let (inlines, too_deep) = parse_inline_checked(&nested_emphasis(MAX_INLINE_DEPTH));
        assert!(!too_deep);
        assert_eq!(depth(&inlines), MAX_INLINE_DEPTH);
    }

    #[test]
    fn hostile_input_is_text() {
        let got = parse_inline(
            "<script>alert(1)</script> [x](javascript:alert(1)) [y](JaVaScRiPt:1) [z](data:text/html,1) <img src=x onerror=alert(1)>",
        );
        let summary = summarize(&got);
        assert!(summary.links.is_empty(), "{got:?}");
        let text = plain_text(&got);
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
        assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
        assert!(text.contains('x') && text.contains('y') && text.contains('z'));
    }

    #[test]
    fn block_syntax_in_a_translation_stays_text() {
        for text in [
            "# Not a heading",
            "1. item",
            "- 5 % par an",
            "> quoted",
            "---",
            "    indented",
            "```",
        ] {
            assert_eq!(plain_text(&parse_inline(text)), text.trim_start(), "{text}");
        }
        assert_eq!(
            parse_inline("*em* first")[0],
            Inline::Emphasis(vec![Inline::Text("em".into())])
        );
    }

    #[test]
    fn spans_locate_markup_by_byte_range() {
        let text = "a *b* [c **d**](https://x.org) `e` <https://y.org> 2 * 3";
        let spans = markup_spans(text);
        let found: Vec<(SpanKind, &str, Option<&str>)> = spans
            .iter()
            .map(|s| {
                (
                    s.kind,
                    &text[s.outer.clone()],
                    s.inner.clone().map(|r| &text[r]),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (SpanKind::Emphasis, "*b*", Some("b")),
                (SpanKind::Link, "[c **d**](https://x.org)", Some("c **d**")),
                (SpanKind::Strong, "**d**", Some("d")),
                (SpanKind::Code, "`e`", None),
                (SpanKind::Autolink, "<https://y.org>", None),
            ]
        );
        // What the tree parse calls markup, the spans call markup too.
        let summary = summarize(&parse_inline(text));
        assert_eq!(
            (summary.emphasis, summary.strong, summary.code.len()),
            (1, 1, 1)
        );
    }

    #[test]
    fn summaries_compare_markup_regardless_of_order() {
        let a = summarize(&parse_inline("[a](@/x.md) and *b* and [c](https://y.org)"));
        let b = summarize(&parse_inline("*B* et [C](https://y.org) puis [A](@/x.md)"));
        assert_eq!(a, b);
        let c = summarize(&parse_inline("[a](@/z.md) and *b* and [c](https://y.org)"));
        assert_ne!(a, c);
    }
}
