//! `broken-link`: an internal link (`[text](@/page.md)`, `@/page.md#anchor`) in a message whose
//! page is not a page of the site, or whose anchor is not one of that page's headings. The web
//! export publishes such a link as plain text, so the reader silently loses it.
//!
//! The site's pages and their heading anchors are read from the source locale's generated files
//! (`locales/<source>/pages/<page>.ftl`, which `extract` writes from `content/<page>.md`): each
//! file is a page, and each heading message `<prefix>-<anchor>-title` (commented `Heading`) gives
//! an anchor, the `id` the exporter writes on the heading. They are already loaded, so checking
//! needs no Markdown parsing; `extract --check` keeps them in step with `content/`. The source's
//! own pages are refused by `extract` already; here the translations (and hand-written files such
//! as `ui.ftl`) are judged.

use std::collections::{BTreeMap, BTreeSet};

use super::PatternAt;
use crate::catalog::{EntryKind, LocaleCatalog};
use crate::check::{Code, Diagnostic, LocaleContext};
use crate::markup::{page_links, parse_inline};

/// Page path below `content/` (`about/team.md`) → the page's heading anchors.
pub type Pages = BTreeMap<String, BTreeSet<String>>;

fn site_pages(source: &LocaleCatalog) -> Pages {
    let mut pages = Pages::new();
    for file in &source.files {
        let Some(key) = file
            .relative
            .strip_prefix("pages/")
            .and_then(|p| p.strip_suffix(".ftl"))
        else {
            continue;
        };
        let mut anchors = BTreeSet::new();
        // The page title (`<prefix>-title`) is the file's first message: it gives the prefix.
        let prefix = file
            .entries
            .iter()
            .find(|e| e.kind == EntryKind::Message)
            .and_then(|e| e.id.strip_suffix("-title"));
        if let Some(prefix) = prefix {
            for entry in &file.entries {
                let is_heading = entry
                    .comment
                    .as_deref()
                    .is_some_and(|c| c.starts_with("Heading"));
                let anchor = entry
                    .id
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .and_then(|rest| rest.strip_suffix("-title"));
                if let (true, Some(anchor)) = (is_heading, anchor) {
                    anchors.insert(anchor.to_string());
                }
            }
        }
        pages.insert(format!("{key}.md"), anchors);
    }
    pages
}

pub fn check_pattern(
    ctx: &LocaleContext<'_>,
    pages: &mut Option<Pages>,
    at: &PatternAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (file, entry, attribute, pattern) = (at.file, at.entry, at.attribute, at.pattern);
    // A page link is written `](@/`: text without it has none.
    if !pattern.may_have_markup() || !pattern.text.contains("](@/") {
        return;
    }
    let inlines = parse_inline(pattern.visible_text());
    for (path, fragment) in page_links(&inlines) {
        let pages = pages.get_or_insert_with(|| site_pages(ctx.source));
        // The exporter resolves `./page.md` as `page.md`.
        let problem = match pages.get(path.trim_start_matches("./")) {
            None => format!("`@/{path}` is not a page of the site"),
            Some(anchors) => match fragment {
                Some(f) if !f.is_empty() && !anchors.contains(f) => {
                    format!("`@/{path}` has no heading with the anchor `#{f}`")
                }
                _ => continue,
            },
        };
        let written = match fragment {
            Some(f) => format!("@/{path}#{f}"),
            None => format!("@/{path}"),
        };
        let offset = super::find_in_entry(file, entry, &written);
        let key = entry.pattern_key(attribute).to_string();
        let mut d = ctx.at(
            Code::BrokenLink,
            file,
            offset,
            written.chars().count(),
            Some(&key),
            problem,
        );
        d.help = Some(match pages.get(path.trim_start_matches("./")) {
            Some(anchors) if !anchors.is_empty() => format!(
                "its headings' anchors: {}; the web export would publish the link as plain text",
                anchors
                    .iter()
                    .map(|a| format!("#{a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => format!(
                "pages are content/<page>.md ({}); the web export would publish the link as plain text",
                pages.keys().take(8).cloned().collect::<Vec<_>>().join(", ")
            ),
        });
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    const PAGE: &str = "## Page\n\n# Page title (front matter `title`).\nabout-title = About\n\n# Heading (level 2).\nabout-team-title = Team\n\n# Paragraph.\nabout-team-p1 = We\n";

    fn broken(target: &str) -> Vec<(usize, usize, String)> {
        let d = run(
            "fr",
            &[
                ("pages/about.ftl", PAGE),
                ("ui.ftl", "x = [Go](@/about.md)\n"),
            ],
            &[("pages/about.ftl", PAGE), ("ui.ftl", target)],
        );
        d.iter()
            .filter(|d| d.code.as_str() == "broken-link")
            .map(|d| (d.line, d.column, d.message.clone()))
            .collect()
    }

    #[test]
    fn links_to_pages_and_headings_that_exist_are_clean() {
        assert!(broken("x = [Aller](@/about.md)\n").is_empty());
        assert!(broken("x = [Aller](@/about.md#team)\n").is_empty());
        assert!(broken("x = [Aller](./about.md) [Web](https://x.org)\n").is_empty());
    }

    #[test]
    fn a_missing_page_or_anchor_is_reported_where_it_is_written() {
        assert_eq!(
            broken("x = Voir [ceci](@/nope.md)\n"),
            [(1, 17, "`@/nope.md` is not a page of the site".to_string())]
        );
        assert_eq!(
            broken("x = [Aller](@/about.md#equipe)\n"),
            [(
                1,
                13,
                "`@/about.md` has no heading with the anchor `#equipe`".to_string()
            )]
        );
    }

    #[test]
    fn links_in_attributes_and_selections_are_checked() {
        let d = run(
            "fr",
            &[
                ("pages/about.ftl", PAGE),
                ("ui.ftl", "x = X\n    .title = T\n"),
            ],
            &[(
                "ui.ftl",
                "x = { $n ->\n    [one] [a](@/gone.md)\n   *[other] b\n}\n    .title = [t](@/about.md#x)\n",
            )],
        );
        let links: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "broken-link")
            .map(|d| d.message_id.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(links, ["x", "x.title"], "{:?}", codes(&d));
    }
}
