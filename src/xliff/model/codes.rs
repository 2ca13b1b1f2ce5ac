//! A unit's text for XLIFF: placeables and the inline markup [`crate::markup`] recognizes
//! (emphasis, strong, code spans, links, autolinks) protected as inline codes, each carrying
//! its original FTL, and the way back from codes to parts.

use std::ops::Range;

use crate::ftl::{Part, inline_text as inline_ftl, push_part};
use crate::markup::{self, MarkupSpan, SpanKind};

/// The code a markup span becomes.
fn code_kind(kind: SpanKind) -> CodeKind {
    match kind {
        SpanKind::Emphasis => CodeKind::Emphasis,
        SpanKind::Strong => CodeKind::Strong,
        SpanKind::Code => CodeKind::CodeSpan,
        SpanKind::Link => CodeKind::Link,
        SpanKind::Autolink => CodeKind::Autolink,
    }
}

/// A protected code: its parts (a markup delimiter may contain a placeable: `]({ $url })`) and
/// their FTL form, which the XLIFF file carries and which identifies the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub ftl: String,
    pub parts: Vec<Part>,
}

impl Code {
    pub(super) fn new(parts: Vec<Part>) -> Code {
        Code {
            ftl: inline_ftl(&parts),
            parts,
        }
    }
}

/// What a code stands for (shown to CAT tools as the code's type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// `{ $count }`, `{ -brand }`, `{ NUMBER($n) }`.
    Placeable,
    /// `` `code` ``: not translated.
    CodeSpan,
    /// `<https://…>`.
    Autolink,
    Emphasis,
    Strong,
    Link,
}

/// A unit's content for XLIFF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A standalone code (`<ph>` / `<x>`).
    Ph {
        kind: CodeKind,
        code: Code,
    },
    /// Paired codes around translatable text (`<pc>` / `<g>`).
    Pc {
        kind: CodeKind,
        open: Code,
        close: Code,
        children: Vec<Inline>,
    },
}

/// Private-use characters stand for placeables while the Markdown parser reads the text, so
/// markup that spans a placeable (`[Read more]({ $url })`) is found whole.
const SENTINEL_BASE: u32 = 0xE000;
const SENTINEL_COUNT: usize = 0x1900;

fn is_private_use(c: char) -> bool {
    (0xE000..=0xF8FF).contains(&(c as u32))
}

/// Splits a leaf's parts into text and protected codes: every placeable, and the inline
/// Markdown the site renders (emphasis, strong, code spans, links, autolinks).
pub fn inlines(parts: &[Part]) -> Vec<Inline> {
    let placeables: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Placeable(p) => Some(p.as_str()),
            Part::Text(_) => None,
        })
        .collect();
    let text_is_plain = parts
        .iter()
        .all(|p| !matches!(p, Part::Text(t) if t.chars().any(is_private_use)));
    if !text_is_plain || placeables.len() > SENTINEL_COUNT {
        return parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => Inline::Text(t.clone()),
                Part::Placeable(p) => placeable_code(p),
            })
            .collect();
    }
    let mut flat = String::new();
    let mut n = 0u32;
    for part in parts {
        match part {
            Part::Text(t) => flat.push_str(t),
            Part::Placeable(_) => {
                flat.push(char::from_u32(SENTINEL_BASE + n).unwrap_or('\u{E000}'));
                n += 1;
            }
        }
    }
    // Most texts have no markup at all: no need to ask the Markdown parser.
    let spans = if flat.contains(['*', '_', '`', '[', '<']) {
        markup::markup_spans(&flat)
    } else {
        Vec::new()
    };
    build_inlines(&flat, 0..flat.len(), &spans, &placeables)
}

fn placeable_code(ftl: &str) -> Inline {
    Inline::Ph {
        kind: CodeKind::Placeable,
        code: Code::new(vec![Part::Placeable(ftl.to_string())]),
    }
}

fn build_inlines(
    flat: &str,
    range: Range<usize>,
    spans: &[MarkupSpan],
    placeables: &[&str],
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut cursor = range.start;
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        let mut j = i + 1;
        while j < spans.len()
            && spans[j].outer.start >= span.outer.start
            && spans[j].outer.end <= span.outer.end
        {
            j += 1;
        }
        if span.outer.start < cursor || span.outer.end > range.end {
            // Overlapping markup (not produced by a CommonMark parser): leave it as text.
            i = j;
            continue;
        }
        push_text_inlines(&mut out, &flat[cursor..span.outer.start], placeables);
        match &span.inner {
            None => out.push(Inline::Ph {
                kind: code_kind(span.kind),
                code: Code::new(flat_parts(&flat[span.outer.clone()], placeables)),
            }),
            Some(inner) => out.push(Inline::Pc {
                kind: code_kind(span.kind),
                open: Code::new(flat_parts(&flat[span.outer.start..inner.start], placeables)),
                close: Code::new(flat_parts(&flat[inner.end..span.outer.end], placeables)),
                children: build_inlines(flat, inner.clone(), &spans[i + 1..j], placeables),
            }),
        }
        cursor = span.outer.end;
        i = j;
    }
    push_text_inlines(&mut out, &flat[cursor..range.end], placeables);
    out
}

fn sentinel_index(c: char) -> Option<usize> {
    let n = (c as u32).checked_sub(SENTINEL_BASE)? as usize;
    (n < SENTINEL_COUNT).then_some(n)
}

fn flat_parts(text: &str, placeables: &[&str]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        match sentinel_index(c).and_then(|n| placeables.get(n)) {
            Some(p) => {
                push_part(&mut parts, Part::Text(std::mem::take(&mut run)));
                parts.push(Part::Placeable(p.to_string()));
            }
            None => run.push(c),
        }
    }
    push_part(&mut parts, Part::Text(run));
    parts
}

fn push_text_inlines(out: &mut Vec<Inline>, text: &str, placeables: &[&str]) {
    for part in flat_parts(text, placeables) {
        match part {
            Part::Text(t) => match out.last_mut() {
                Some(Inline::Text(last)) => last.push_str(&t),
                _ => out.push(Inline::Text(t)),
            },
            Part::Placeable(p) => out.push(placeable_code(&p)),
        }
    }
}

/// The parts an inline list stands for (codes expanded).
pub fn inline_parts(inlines: &[Inline]) -> Vec<Part> {
    let mut out = Vec::new();
    collect_parts(inlines, &mut out);
    out
}

fn collect_parts(inlines: &[Inline], out: &mut Vec<Part>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => push_part(out, Part::Text(t.clone())),
            Inline::Ph { code, .. } => {
                for p in &code.parts {
                    push_part(out, p.clone());
                }
            }
            Inline::Pc {
                open,
                close,
                children,
                ..
            } => {
                for p in &open.parts {
                    push_part(out, p.clone());
                }
                collect_parts(children, out);
                for p in &close.parts {
                    push_part(out, p.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::model::parts_equal;
    use crate::xliff::model::test_support::*;

    #[test]
    fn markup_and_placeables_become_codes() {
        let parts = vec![
            text("This may be *outdated*. [Read the **original** in "),
            ph("{ $source }"),
            text("]("),
            ph("{ $url }"),
            text("). Run `make` or see <https://example.com>."),
        ];
        let inl = inlines(&parts);
        let Inline::Pc { kind, open, .. } = &inl[1] else {
            panic!("{inl:?}")
        };
        assert_eq!((*kind, open.ftl.as_str()), (CodeKind::Emphasis, "*"));
        let Inline::Pc {
            kind,
            open,
            close,
            children,
        } = &inl[3]
        else {
            panic!("{inl:?}")
        };
        assert_eq!(*kind, CodeKind::Link);
        assert_eq!(open.ftl, "[");
        assert_eq!(close.ftl, "]({ $url })");
        assert!(matches!(
            &children[1],
            Inline::Pc {
                kind: CodeKind::Strong,
                ..
            }
        ));
        assert!(
            matches!(&children[3], Inline::Ph { kind: CodeKind::Placeable, code } if code.ftl == "{ $source }")
        );
        assert!(inl.iter().any(
            |i| matches!(i, Inline::Ph { kind: CodeKind::CodeSpan, code } if code.ftl == "`make`")
        ));
        assert!(inl.iter().any(|i| matches!(
            i,
            Inline::Ph {
                kind: CodeKind::Autolink,
                ..
            }
        )));
        // Nothing is lost or added.
        assert!(parts_equal(&inline_parts(&inl), &parts));
    }

    #[test]
    fn text_that_is_not_markup_stays_text() {
        let parts = vec![text("2 * 3 = 6, a_b_c, [not a link] and 50% off")];
        assert_eq!(inlines(&parts), vec![Inline::Text(parts_text(&parts))]);
    }

    fn parts_text(parts: &[Part]) -> String {
        inline_ftl(parts)
    }
}
