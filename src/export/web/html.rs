//! Text and inline markup → escaped HTML.
//!
//! Translations are untrusted input: every character of a message goes through [`escape`], and
//! the only elements that can come out of a message are the allowlisted ones of
//! [`crate::markup`] (`em`, `strong`, `code`, `a`, `br`). Link targets were judged safe by the
//! markup parser (http(s), mailto, relative URLs, `@/page.md`); `@/page.md` becomes the relative
//! URL of that page in the reader's locale, so the site works under any base path.

use std::fmt::Write as _;

use crate::markup::{Inline, LinkTarget, parse_inline};

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(text, &mut out);
    out
}

pub fn escape_into(text: &str, out: &mut String) {
    let _ = escape_to(text, out);
}

/// [`escape_into`] for any writer (a template's output). Copies the runs between special
/// characters whole: most text has none, and pushing it character by character was the
/// largest single cost of rendering a page.
pub fn escape_to(text: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let mut run = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `i` is a character boundary.
        out.write_str(&text[run..i])?;
        out.write_str(entity)?;
        run = i + 1;
    }
    out.write_str(&text[run..])
}

/// Resolves `@/page.md` links (by the page's path below `content/`) to URLs.
pub trait PageLinks {
    /// The URL of the page whose file is `path` (`profile.md`, `about/team.md`), relative to
    /// the page being rendered; `None` when there is no such page.
    fn page_url(&self, path: &str) -> Option<String>;
}

/// Renders a message's text (inline Markdown) as HTML.
pub fn render_inline(text: &str, links: &dyn PageLinks) -> String {
    render_parsed(&parse_inline(text), text.len(), links)
}

/// [`render_inline`] for text already parsed (`len`: the text's length, for the buffer).
pub fn render_parsed(inlines: &[Inline], len: usize, links: &dyn PageLinks) -> String {
    let mut out = String::with_capacity(len + 16);
    write_inlines(inlines, links, &mut out);
    out
}

fn write_inlines(inlines: &[Inline], links: &dyn PageLinks, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => escape_into(t, out),
            Inline::Code(c) => {
                out.push_str("<code>");
                escape_into(c, out);
                out.push_str("</code>");
            }
            Inline::Emphasis(children) => {
                out.push_str("<em>");
                write_inlines(children, links, out);
                out.push_str("</em>");
            }
            Inline::Strong(children) => {
                out.push_str("<strong>");
                write_inlines(children, links, out);
                out.push_str("</strong>");
            }
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Link {
                target,
                title,
                children,
            } => {
                let href = match target {
                    LinkTarget::Url(url) => Some(url.clone()),
                    LinkTarget::Page { path, fragment } => {
                        links.page_url(path).map(|url| match fragment {
                            Some(f) => format!("{url}#{f}"),
                            None => url,
                        })
                    }
                };
                // A link to a page that does not exist keeps its text, not a dead link.
                let Some(href) = href else {
                    write_inlines(children, links, out);
                    continue;
                };
                out.push_str("<a href=\"");
                escape_into(&href, out);
                out.push('"');
                if !title.is_empty() {
                    out.push_str(" title=\"");
                    escape_into(title, out);
                    out.push('"');
                }
                out.push('>');
                write_inlines(children, links, out);
                out.push_str("</a>");
            }
        }
    }
}

/// `lang` (and `dir`, when it differs from the page's) attributes for text in another
/// language than the page, with a leading space; empty for text in the page's language.
pub fn lang_attributes(text_lang: &str, text_dir: &str, page_lang: &str, page_dir: &str) -> String {
    let mut out = String::new();
    if text_lang != page_lang {
        let _ = write!(out, " lang=\"{}\"", escape(text_lang));
        if text_dir != page_dir {
            let _ = write!(out, " dir=\"{text_dir}\"");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Links;
    impl PageLinks for Links {
        fn page_url(&self, path: &str) -> Option<String> {
            (path == "profile.md").then(|| "../profile/".to_string())
        }
    }

    #[test]
    fn markup_becomes_the_allowed_elements_and_page_links_resolve() {
        let html = render_inline(
            "*a* **b** `<c>` [d](@/profile.md#x) [e](https://x.org/?a=1&b=2 \"T\") [f](@/gone.md)",
            &Links,
        );
        assert_eq!(
            html,
            "<em>a</em> <strong>b</strong> <code>&lt;c&gt;</code> <a href=\"../profile/#x\">d</a> \
             <a href=\"https://x.org/?a=1&amp;b=2\" title=\"T\">e</a> f"
        );
    }

    #[test]
    fn hostile_text_is_inert() {
        let html = render_inline(
            "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) \" onmouseover=\"alert(1)",
            &Links,
        );
        assert!(!html.contains('<') || !html.contains("<script") && !html.contains("<img"));
        assert!(!html.contains("href"), "{html}");
        assert!(!html.contains('"'), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
