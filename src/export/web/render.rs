//! One locale's pages rendered to HTML: a content page (its blocks, title, navigation,
//! notices for fallback and outdated text, `hreflang` alternates) and the locale's search and
//! 404 pages, all through the templates with the context every page shares.

use super::*;

/// Resolves `@/page.md` links to relative URLs in one locale, from a folder `to_root` below
/// the site root.
pub(super) struct Links<'s, 'a> {
    pub(super) site: &'s Site<'a>,
    pub(super) tag: &'s str,
    pub(super) to_root: &'s str,
}

impl PageLinks for Links<'_, '_> {
    fn page_url(&self, path: &str) -> Option<String> {
        let slug = self.site.slugs.get(path.trim_start_matches("./"))?;
        Some(format!("{}{}/{}", self.to_root, self.tag, slug_path(slug)))
    }
}

/// `nav-<page>`: the interface message that labels a page in the navigation, when defined.
pub(super) fn nav_message_id(page: &Page) -> String {
    format!("nav-{}", page.key.replace('/', "-"))
}

/// One rendered content page: its file, and what the summary and the search index need.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub file: SiteFile,
    /// Messages shown from a fallback locale.
    pub fallbacks: usize,
    /// Whether the page shows the "may be outdated" notice.
    pub stale: bool,
    pub document: SearchDocument,
}

pub(super) fn render_page(
    site: &Site,
    locale: &LocaleSite,
    page: &Page,
    templates: &Templates,
) -> Result<RenderedPage, WebError> {
    let tag = locale.locale.tag.as_str();
    let up = to_root(&page.slug);
    let links = Links {
        site,
        tag,
        to_root: &up,
    };
    let mut fallbacks = 0;
    let mut body_text = String::new();
    let mut headings = String::new();
    let message = |m: &PageMessage, fallbacks: &mut usize| -> (String, String, String) {
        let found = site.localizer.format(tag, &m.id, None, None);
        let (text, served) = match &found {
            Some(f) => (f.text.as_str(), f.locale.as_str()),
            None => (m.text.as_str(), site.project.source_locale().tag.as_str()),
        };
        let mut attrs = lang_attributes(served, site.dir_of(served), tag, locale.dir);
        if site.editor_marks {
            attrs.push_str(&editor_mark(&m.id, tag));
        }
        // One parse for both the HTML and the plain text.
        let inlines = parse_inline(text);
        let mut html = html::render_parsed(&inlines, text.len(), &links);
        if served != tag {
            *fallbacks += 1;
            // The reader sees which text is not in their language, not only a screen reader.
            html.push_str(locale.fallback_badge(served));
        }
        (html, plain_text(&inlines), attrs)
    };

    let meta = page.meta_messages();
    let (heading, title_plain, heading_attributes) = message(&meta[0], &mut fallbacks);
    let (lead, description, lead_attributes) = match meta.get(1) {
        Some(m) => message(m, &mut fallbacks),
        None => Default::default(),
    };
    // The home page shows its description as the site's introduction, and its sections (the
    // teasers, each a heading, a text and a "learn more" link) as cards.
    let home = page.slug.is_empty();
    let mut content = String::new();
    let mut cards = false;
    for (section, blocks) in &page.sections {
        let wrap = section.heading.is_some();
        // Text before the first heading stays above the cards.
        if home && wrap && !cards {
            content.push_str("<div class=\"cards\">\n");
            cards = true;
        }
        if wrap {
            content.push_str(if home {
                "<section class=\"card\">\n"
            } else {
                "<section>\n"
            });
        }
        for block in blocks {
            render_block(
                block,
                &mut content,
                &mut body_text,
                &mut headings,
                &up,
                &mut |m| message(m, &mut fallbacks),
            );
        }
        if wrap {
            content.push_str("</section>\n");
        }
    }
    if cards {
        content.push_str("</div>\n");
    }

    let stale = tag != site.project.source_locale().tag
        && page.messages().iter().any(|m| locale.stale.contains(&m.id));
    let mut notices = Vec::new();
    let mut stale_text = None;
    if fallbacks > 0 || locale.ui_fallbacks > 0 {
        notices.push(notice(
            "partly-translated",
            &locale.ui_html["notice-partly-translated"],
        ));
    }
    if stale {
        let source = site.project.source_locale();
        let mut args = FluentArgs::new();
        args.set("source", source.name.clone());
        args.set(
            "url",
            format!("{up}{}/{}", source.tag, slug_path(&page.slug)),
        );
        let text = locale.format(site, "notice-outdated-translation", Some(&args), &links);
        stale_text = Some(text.plain.clone());
        notices.push(notice(
            "outdated-translation",
            &Value::from_safe_string(text.html),
        ));
    }

    let noindex = site.mostly_fallback(tag, &page.slug);
    let mut context = common_context(site, locale, &page.slug, &up, Some(page));
    context.insert("title", Value::from(page_title(locale, &title_plain)));
    context.insert("description", Value::from(description.clone()));
    context.insert("canonical", Value::from(site.absolute(tag, &page.slug)));
    // A page mostly in another language is not offered to search engines as this locale's
    // version (see `Site::mostly_fallback`).
    context.insert("noindex", Value::from(noindex));
    if !noindex {
        context.insert("alternates", alternates(site, &page.slug));
    }
    if home {
        context.insert("page_class", Value::from("home"));
        context.insert("lead", Value::from_safe_string(lead));
        context.insert("lead_attributes", Value::from_safe_string(lead_attributes));
    }
    context.insert("notices", Value::from(notices));
    context.insert("heading", Value::from_safe_string(heading));
    context.insert(
        "heading_attributes",
        Value::from_safe_string(heading_attributes),
    );
    context.insert("content", Value::from_safe_string(content));
    let mut html = templates.render("page.html", Record::value(context))?;
    if site.editor_marks {
        let texts = interface_texts(site, locale, &links, &meta[0].id, stale_text.as_deref());
        insert_before_body_end(&mut html, &texts);
    }
    Ok(RenderedPage {
        file: SiteFile {
            path: format!("{tag}/{}index.html", slug_path(&page.slug)),
            contents: html.into_bytes(),
        },
        fallbacks,
        stale,
        document: SearchDocument {
            url: slug_path(&page.slug),
            title: title_plain,
            description,
            headings,
            body: body_text,
        },
    })
}

/// The attributes that tell `serve`'s editor which message an element shows, in which locale.
pub(super) fn editor_mark(id: &str, tag: &str) -> String {
    format!(
        " data-l10n-id=\"{}\" data-l10n-locale=\"{}\"",
        escape(id),
        escape(tag)
    )
}

/// For `serve`'s editor: the interface texts a page shows that its template writes (site
/// name, navigation, search box, footer, notices), each with its message id, and the id of the
/// page title, as JSON in a `<script type="application/json">` (the editor script finds the
/// elements by their text: the templates stay free of editor markup).
fn interface_texts(
    site: &Site,
    locale: &LocaleSite,
    links: &Links,
    title_id: &str,
    stale_notice: Option<&str>,
) -> String {
    let mut texts: Vec<(String, String)> = locale
        .ui_text
        .iter()
        .filter_map(|(id, v)| Some((id.clone(), v.as_str()?.to_string())))
        .collect();
    for page in &site.nav {
        let nav_id = nav_message_id(page);
        let id = if site
            .localizer
            .format(&locale.locale.tag, &nav_id, None, None)
            .is_some()
        {
            nav_id
        } else {
            page.title_id()
        };
        let plain = locale.format(site, &id, None, links).plain;
        texts.push((id, plain));
    }
    if let Some(text) = stale_notice {
        texts.push(("notice-outdated-translation".into(), text.to_string()));
    }
    let json = serde_json::json!({
        "locale": locale.locale.tag,
        "title": title_id,
        "texts": texts,
    });
    // `<` escaped: the text cannot end the script element.
    format!(
        "<script type=\"application/json\" id=\"fluentpress-l10n\">{}</script>\n",
        json.to_string().replace('<', "\\u003c")
    )
}

/// Inserts `snippet` before the page's last `</body>` (or at its end).
fn insert_before_body_end(html: &mut String, snippet: &str) {
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    html.insert_str(at, snippet);
}

pub(super) fn notice(kind: &str, html: &Value) -> Value {
    Record::value([("kind", Value::from(kind)), ("html", html.clone())])
}

/// "Company Profile – China Hongqiao Group".
pub(super) fn page_title(locale: &LocaleSite, title: &str) -> String {
    let text = |id: &str| {
        locale
            .ui_text
            .get(id)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let site_name = text("site-name");
    if title == site_name || site_name.is_empty() {
        title.to_string()
    } else {
        format!("{title} {} {site_name}", text("site-title-separator"))
    }
}

/// Renders one block: `message` formats a message into (HTML, plain text, lang attributes).
pub(super) fn render_block(
    block: &Block,
    out: &mut String,
    text: &mut String,
    headings: &mut String,
    up: &str,
    message: &mut dyn FnMut(&PageMessage) -> (String, String, String),
) {
    // Where this block's text starts: a heading's is also kept apart, as search weighs it more.
    let start = text.len();
    use std::fmt::Write as _;
    let mut line = |out: &mut String, open: &str, close: &str, m: &PageMessage| {
        let (html, plain, attrs) = message(m);
        let _ = writeln!(out, "<{open}{attrs}>{html}</{close}>");
        text.push_str(&plain);
        text.push('\n');
    };
    match block {
        Block::Heading {
            level,
            anchor,
            message: m,
        } => {
            let level = (*level).clamp(2, 6);
            line(
                out,
                &format!("h{level} id=\"{}\"", escape(anchor)),
                &format!("h{level}"),
                m,
            );
            headings.push_str(&text[start..]);
        }
        Block::Paragraph { message: m } => line(out, "p", "p", m),
        Block::List { ordered, items } => {
            let (open, close) = match ordered {
                Some(1) => ("<ol>".to_string(), "</ol>"),
                Some(start) => (format!("<ol start=\"{start}\">"), "</ol>"),
                None => ("<ul>".to_string(), "</ul>"),
            };
            out.push_str(&open);
            out.push('\n');
            for item in items {
                line(out, "li", "li", item);
            }
            out.push_str(close);
            out.push('\n');
        }
        Block::Quote { paragraphs } => {
            out.push_str("<blockquote>\n");
            for p in paragraphs {
                line(out, "p", "p", p);
            }
            out.push_str("</blockquote>\n");
        }
        Block::Image { src, title, alt } => {
            let (_, plain, attrs) = message(alt);
            let src = match judge_target(src) {
                Some(LinkTarget::Url(url)) if is_relative(&url) => Some(format!("{up}{url}")),
                Some(LinkTarget::Url(url)) => Some(url),
                _ => None,
            };
            if let Some(src) = src {
                let _ = write!(
                    out,
                    // Scaled to the column by the stylesheet; loaded when about to be seen.
                    "<p><img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\"{attrs}",
                    escape(&src),
                    escape(&plain)
                );
                if !title.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(title));
                }
                out.push_str("></p>\n");
            }
            text.push_str(&plain);
            text.push('\n');
        }
        Block::Code { language, code } => {
            out.push_str("<pre><code");
            if !language.is_empty() {
                let _ = write!(out, " class=\"language-{}\"", escape(language));
            }
            out.push('>');
            out.push_str(&escape(code));
            out.push_str("</code></pre>\n");
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

/// A URL relative to the page (no scheme, not starting with `/` or `#`).
pub(super) fn is_relative(url: &str) -> bool {
    !url.contains(':') && !url.starts_with('/') && !url.starts_with('#')
}

/// `hreflang` alternates of a page: every published locale whose version of it is not mostly
/// fallback text, then `x-default`: the same page in the source locale (the version every
/// visitor can be sent to; the root page only picks a language).
pub(super) fn alternates(site: &Site, slug: &str) -> Value {
    let mut out: Vec<Value> = site
        .published
        .iter()
        .filter(|l| !site.mostly_fallback(&l.tag, slug))
        .map(|l| {
            Record::value([
                ("hreflang", Value::from(l.tag.clone())),
                ("href", Value::from(site.absolute(&l.tag, slug))),
            ])
        })
        .collect();
    out.push(Record::value([
        ("hreflang", Value::from("x-default")),
        (
            "href",
            Value::from(site.absolute(&site.project.source_locale().tag, slug)),
        ),
    ]));
    Value::from(out)
}

/// What the base template needs on every page of a locale.
pub(super) fn common_context(
    site: &Site,
    locale: &LocaleSite,
    slug: &str,
    up: &str,
    current: Option<&Page>,
) -> BTreeMap<&'static str, Value> {
    let tag = locale.locale.tag.as_str();
    let locale_root = format!("{up}{tag}/");
    let nav: Vec<Value> = site
        .nav
        .iter()
        .zip(locale.nav_items(site, up).iter())
        .map(|(page, [item, current_item])| {
            if current.is_some_and(|c| c.key == page.key) {
                current_item.clone()
            } else {
                item.clone()
            }
        })
        .collect();
    let languages: Vec<Value> = site
        .published
        .iter()
        .map(|l| {
            Record::value([
                ("tag", Value::from(l.tag.clone())),
                ("name", Value::from(l.name.clone())),
                ("dir", Value::from(site.dir_of(&l.tag))),
                (
                    "href",
                    Value::from(format!("{up}{}/{}", l.tag, slug_path(slug))),
                ),
                ("current", Value::from(l.tag == tag)),
            ])
        })
        .collect();
    BTreeMap::from([
        ("lang", Value::from(tag)),
        ("dir", Value::from(locale.dir)),
        ("locale", Value::from(tag)),
        ("base_href", Value::from("")),
        ("noindex", Value::from(false)),
        ("canonical", Value::from("")),
        ("description", Value::from("")),
        ("alternates", Value::from(Vec::<Value>::new())),
        ("notices", Value::from(Vec::<Value>::new())),
        ("assets", Value::from(format!("{up}assets/"))),
        ("home", Value::from(locale_root.clone())),
        ("locale_root", Value::from(locale_root.clone())),
        (
            "search_url",
            Value::from(format!("{locale_root}{SEARCH_SLUG}/")),
        ),
        ("nav", Value::from(nav)),
        ("languages", Value::from(languages)),
        ("page_class", Value::from("")),
        ("lead", Value::from("")),
        ("lead_attributes", Value::from("")),
        ("theme_css", Value::from(site.theme_css.clone())),
        ("logo", Value::from(site.logo_name.clone())),
        ("search_size", Value::from(locale.search_size)),
        ("ui", locale.ui_value.clone()),
        ("text", locale.text_value.clone()),
    ])
}

/// The search page and the 404 page of one locale.
pub(super) fn locale_pages(
    site: &Site,
    locale: &LocaleSite,
    templates: &Templates,
) -> Result<[SiteFile; 2], WebError> {
    let tag = locale.locale.tag.as_str();

    // The search page, at /{locale}/search/.
    let up = to_root(SEARCH_SLUG);
    let mut context = common_context(site, locale, SEARCH_SLUG, &up, None);
    let label = locale.ui_text["search-label"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    context.insert("title", Value::from(page_title(locale, &label)));
    context.insert("noindex", Value::from(true));
    // The index lives beside the search page (`manifest.fpz`, `t/`, `f/`).
    context.insert("index_url", Value::from("./"));
    context.insert("locale_root", Value::from("../"));
    let search = SiteFile {
        path: format!("{tag}/{SEARCH_SLUG}/index.html"),
        contents: templates
            .render("search.html", Record::value(context))?
            .into_bytes(),
    };

    // The 404 page: a host serves it at any depth, so it pins its base to the locale's root.
    let up = "../";
    let mut context = common_context(site, locale, "", up, None);
    let links = Links {
        site,
        tag,
        to_root: up,
    };
    let mut args = FluentArgs::new();
    args.set("url", "./");
    let text = locale.format(site, "not-found-text", Some(&args), &links);
    let title = locale.ui_text["not-found-title"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    context.insert("title", Value::from(page_title(locale, &title)));
    context.insert("noindex", Value::from(true));
    context.insert(
        "base_href",
        Value::from(format!("{}{tag}/", site.base_path)),
    );
    context.insert("not_found_text", Value::from_safe_string(text.html));
    let not_found = SiteFile {
        path: format!("{tag}/404.html"),
        contents: templates
            .render("404.html", Record::value(context))?
            .into_bytes(),
    };
    Ok([search, not_found])
}
