//! `export web`: the localized static site.
//!
//! For every published locale, every content page becomes `/{locale}/{slug}/index.html`, with
//! a search page, a localized 404 page, the search index, `messages.json` and the locale's
//! `.ftl` files for a client runtime. At the root: a page sending visitors to their language
//! (plain links without JavaScript), a 404 page, `sitemap.xml` with alternates, `robots.txt`
//! and the shared assets. All links between pages are relative, so the site works under any
//! base path; canonical and alternate URLs are absolute, from `site.base_url`.
//!
//! The steps, in order: load the pages, compile the templates, build the bundles and measure
//! coverage (side by side, on threads of their own), build the [`SiteModel`] (which locales are
//! published, by [`publish`]'s one policy, and what every page shares), then
//! [`write_site`]: every page and every other file of the site rendered and written into a
//! [`StagedOutput`] by a worker per core taking tasks from one queue (`web/pipeline.rs`), and the
//! folder swapped into place. Any error (a broken template, say) leaves the previous output
//! untouched. The model renders one page or one locale's files at a time too, which `serve`
//! uses to re-render only what a change touches.
//!
//! Text served by a fallback locale keeps its own `lang` (and `dir`), ends with a badge naming
//! its language (`fallback-badge`, explained by `fallback-explanation`), and the page says it is
//! partly translated; a page with a stale translation links to the source-language page.
//!
//! This file holds the model (what the site is: its published locales and what their pages
//! share) and the export's entry points; each other job has a file of its own below `web/`:
//! `options.rs` (what to export, validated), `render.rs` (a locale's pages to HTML), `root.rs`
//! (the files at the top of the site), `messages.rs` (`messages.json` and the `.ftl` files),
//! `pipeline.rs` (writing it all on every core), `languages.rs` (the root page's language table,
//! from CLDR's likely subtags), `html.rs`, `search.rs` and `templates.rs`.
//!
//! A page of a target locale that shows more than half of its messages from another locale
//! ([`MOSTLY_FALLBACK`]) is `noindex` and left out of `hreflang` alternates and the sitemap;
//! `x-default` is the page in the source locale.

pub mod gzip;
pub mod html;
mod languages;
mod messages;
mod options;
mod pipeline;
mod render;
mod root;
pub mod search;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fluent_bundle::FluentArgs;
use minijinja::Value;
use unic_langid::CharacterDirection;

use self::html::{PageLinks, escape, lang_attributes};
pub use self::options::{WebOptions, copyright_year, default_out, validate};
pub use self::pipeline::write_site;
pub use self::render::RenderedPage;
use self::render::*;
use self::root::*;
use self::search::{ResultCountText, SearchDocument};
use self::templates::Record;
pub use self::templates::Templates;
use super::{StageError, StagedOutput};
use crate::catalog::{Catalog, EntryKind, LocaleCatalog};
use crate::config::{Locale, Project};
use crate::content::{self, Block, ContentError, Page, PageMessage};
use crate::fsutil;
use crate::glossary;
use crate::localize::Localizer;
use crate::markup::{LinkTarget, judge_target, parse_inline, plain_text};
use crate::publish::{self, Refusal};
use crate::snapshot::{self, SnapshotError};

/// The URL segment of each locale's search page; no content page may use it.
pub const SEARCH_SLUG: &str = "search";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    #[error(transparent)]
    Stage(#[from] StageError),
    #[error(transparent)]
    Read(fsutil::ReadError),
    #[error("{location}: {message}")]
    Template { location: String, message: String },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Glossary(#[from] glossary::GlossaryError),
    #[error(transparent)]
    UnknownLocale(#[from] crate::config::UnknownLocale),
}

/// Reports the export's progress (a progress bar in the CLI). Called from several threads.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// No progress report.
pub struct NoProgress;
impl Progress for NoProgress {}

/// What was exported.
#[derive(Debug, Clone)]
pub struct WebSummary {
    pub out: PathBuf,
    pub locales: Vec<LocaleReport>,
    /// Locales left out for their coverage (see [`publish`]).
    pub unpublished: Vec<Refusal>,
    pub elapsed: Duration,
}

impl WebSummary {
    pub fn pages(&self) -> usize {
        self.locales.iter().map(|l| l.pages).sum()
    }
}

/// One published locale.
#[derive(Debug, Clone)]
pub struct LocaleReport {
    pub tag: String,
    /// Content pages written (the search and 404 pages not counted).
    pub pages: usize,
    /// Messages shown from a fallback locale, summed over the pages (plus interface strings).
    pub fallback_messages: usize,
    pub pages_with_fallback: usize,
    /// Pages showing the "may be outdated" notice.
    pub stale_pages: usize,
    /// Bytes of the search index (`search/` less its page).
    pub index_bytes: usize,
    /// Percent of source messages the locale translates.
    pub coverage: f64,
}

/// Exports the site of `project` (whose messages are in `catalog`) into `options.out`.
pub fn export_web(
    project: &Project,
    catalog: &Catalog,
    options: &WebOptions,
    progress: &dyn Progress,
) -> Result<WebSummary, WebError> {
    let started = Instant::now();
    // The output folder is checked (and refused) before any work: a refusal is immediate.
    super::check_output(project, &options.out)?;
    // Reading the pages, compiling the templates, building the bundles and measuring coverage
    // are independent: on threads of their own, they take the time of the longest.
    let (pages, templates, (localizer, coverage)) = std::thread::scope(|scope| {
        let pages = scope.spawn(|| content::load_pages(&project.root, &project.content_dir));
        let templates = scope.spawn(|| Templates::load(project));
        let localizer = (
            Localizer::new(project, catalog),
            publish::measure(project, catalog),
        );
        (join(pages), join(templates), localizer)
    });
    // Errors in the order of a sequential export.
    let pages = pages?;
    validate(project, &pages, options)?;
    let templates = templates?;
    let model =
        SiteModel::with_publication(project, catalog, &pages, &localizer, &coverage, options);
    let staged = StagedOutput::new(project, &options.out, "web")?;
    let written = write_site(&model, &templates, staged.path(), progress)?;
    staged.commit()?;
    Ok(WebSummary {
        out: options.out.clone(),
        locales: written.reports,
        unpublished: model.unpublished,
        elapsed: started.elapsed(),
    })
}

/// The web site as an [`Exporter`](super::Exporter), with its options.
#[derive(Debug, Clone)]
pub struct WebExporter(pub WebOptions);

impl super::Exporter for WebExporter {
    fn name(&self) -> &'static str {
        "web"
    }

    fn out(&self, _project: &Project) -> PathBuf {
        self.0.out.clone()
    }

    fn export(&self, ctx: &super::ExportContext<'_>) -> Result<super::Summary, super::ExportError> {
        let summary = export_web(ctx.project, ctx.catalog, &self.0, ctx.progress)?;
        Ok(super::Summary::Web(summary))
    }
}

/// The result of a scoped thread, resuming its panic if it panicked.
fn join<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// One file of the site: its path below the site's root (`/`-separated) and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// What [`write_site`] wrote, for the summary and for later partial updates.
#[derive(Debug, Clone)]
pub struct WrittenSite {
    pub reports: Vec<LocaleReport>,
    /// Each published locale's search documents, in page order (what its index was built from).
    pub documents: BTreeMap<String, Vec<SearchDocument>>,
    /// Each published locale's stale keys (`id`, `id.attr`).
    pub stale: BTreeMap<String, BTreeSet<String>>,
}

/// The site to render, ready: the published locales chosen and what every page shares
/// computed. [`write_site`] renders all of it; `serve` re-renders only the pages a change
/// touches. It borrows the loaded project, so it is rebuilt (cheaply) after each change.
pub struct SiteModel<'a> {
    site: Site<'a>,
    /// Published locales with their coverage, the source first.
    published: Vec<(&'a Locale, f64)>,
    /// Locales left out for their coverage, and why (those not asked for are not listed).
    pub unpublished: Vec<Refusal>,
}

impl<'a> SiteModel<'a> {
    /// The model of the site of `pages` and `catalog`, for `options` (already [`validate`]d).
    pub fn new(
        project: &'a Project,
        catalog: &'a Catalog,
        pages: &'a [Page],
        localizer: &'a Localizer,
        options: &WebOptions,
    ) -> SiteModel<'a> {
        let coverage = publish::measure(project, catalog);
        Self::with_publication(project, catalog, pages, localizer, &coverage, options)
    }

    /// [`SiteModel::new`] with the locales' coverage already measured
    /// ([`publish::measure`] of `project` and `catalog`).
    fn with_publication(
        project: &'a Project,
        catalog: &'a Catalog,
        pages: &'a [Page],
        localizer: &'a Localizer,
        coverage: &[(&'a Locale, f64)],
        options: &WebOptions,
    ) -> SiteModel<'a> {
        let empty = LocaleCatalog::default();
        let source_catalog = catalog
            .locale(&project.source_locale().tag)
            .unwrap_or(&empty);
        let request = publish::Request {
            locales: &options.locales,
            include_incomplete: options.include_incomplete,
            keep_source: true,
        };
        let publication = publish::decide_with(project, coverage, &request);
        let unpublished = publication.reported().cloned().collect();
        let published: Vec<(&Locale, f64)> = publication
            .published
            .iter()
            .map(|p| (p.locale, p.coverage))
            .collect();
        let site = Site::new(
            project,
            catalog,
            pages,
            &published,
            localizer,
            source_catalog,
            options,
        );
        SiteModel {
            site,
            published,
            unpublished,
        }
    }

    pub fn pages(&self) -> &'a [Page] {
        self.site.pages
    }

    /// The published locales' tags, the source first.
    pub fn published(&self) -> Vec<&'a str> {
        self.published.iter().map(|(l, _)| l.tag.as_str()).collect()
    }

    /// What every page of published locale `tag` needs: its interface strings (formatted),
    /// its stale translations (from its snapshot). Panics if `tag` is not published.
    pub fn locale(&self, tag: &str) -> Result<LocaleSite<'a>, WebError> {
        let site = &self.site;
        let (locale, coverage) = *self
            .published
            .iter()
            .find(|(l, _)| l.tag == tag)
            .unwrap_or_else(|| panic!("locale {tag} is not published"));
        let source_tag = &site.project.source_locale().tag;
        let stale = if locale.tag == *source_tag {
            BTreeSet::new()
        } else {
            let empty = LocaleCatalog::default();
            let snapshot =
                snapshot::load_snapshot(&snapshot::snapshot_path(site.project, &locale.tag))?;
            let source = site.catalog.locale(source_tag).unwrap_or(&empty);
            let target = site.catalog.locale(&locale.tag).unwrap_or(&empty);
            snapshot::stale_keys(&snapshot, source, target, &site.project.check.bundles)
        };
        let mut view = LocaleSite::new(site, locale, stale, coverage);
        let glossary = glossary::load_glossary(&site.project.locale_dir(&locale.tag))?;
        view.synonyms = glossary.synonym_groups(locale.tag == *source_tag);
        Ok(view)
    }

    /// Renders content page `page` in `locale`.
    pub fn render_page(
        &self,
        locale: &LocaleSite,
        page: &Page,
        templates: &Templates,
    ) -> Result<RenderedPage, WebError> {
        render_page(&self.site, locale, page, templates)
    }

    /// The files of one locale besides its content pages: the search page and its index (built
    /// from `documents`, the locale's pages in order), the 404 page, `messages.json` and the
    /// locale's `.ftl` files.
    pub fn locale_files(
        &self,
        locale: &LocaleSite,
        documents: &[SearchDocument],
        templates: &Templates,
    ) -> Result<LocaleFiles, WebError> {
        let mut files = self.search_index(locale, &documents.iter().collect::<Vec<_>>());
        let index_bytes = files.iter().map(|f| f.contents.len()).sum();
        files.extend(self.locale_pages(locale, templates)?);
        files.push(self.messages_file(locale));
        files.extend(self.resources(locale).map(|(path, text)| SiteFile {
            path,
            contents: text.as_bytes().to_vec(),
        }));
        Ok(LocaleFiles { files, index_bytes })
    }

    /// The files of `/{locale}/search/` besides its page: the manifest, the term shards and
    /// the page fragments, built from `documents` (the locale's pages, in order).
    fn search_index(&self, locale: &LocaleSite, documents: &[&SearchDocument]) -> Vec<SiteFile> {
        let options = search::IndexOptions {
            lang: locale.tag().to_string(),
            synonyms: locale.synonyms.clone(),
            results: locale.result_count.clone(),
        };
        let tag = locale.tag();
        search::build_index(documents, &options)
            .files
            .into_iter()
            .map(|(path, contents)| SiteFile {
                path: format!("{tag}/{SEARCH_SLUG}/{path}"),
                contents,
            })
            .collect()
    }

    /// The search page and the 404 page of `locale`.
    fn locale_pages(
        &self,
        locale: &LocaleSite,
        templates: &Templates,
    ) -> Result<[SiteFile; 2], WebError> {
        locale_pages(&self.site, locale, templates)
    }

    /// `/index.html`, `/404.html`, `/sitemap.xml`, `/robots.txt` and `/assets/*`; `locales` are
    /// every published locale, the source first.
    pub fn root_files(
        &self,
        locales: &[LocaleSite],
        templates: &Templates,
    ) -> Result<Vec<SiteFile>, WebError> {
        root_files(&self.site, locales, templates)
    }

    /// Copies the images pages refer to by relative path into the site folder `root`.
    pub fn copy_images(&self, root: &Path) -> Result<(), WebError> {
        copy_images(self.site.project, self.site.pages, root)
    }

    /// Every message id a content page shows besides the interface strings: its own messages
    /// and the navigation labels (`nav-<page>` or the page's title).
    pub fn page_message_ids(&self, page: &Page) -> BTreeSet<String> {
        let mut ids: BTreeSet<String> = page.messages().into_iter().map(|m| m.id).collect();
        for nav in &self.site.nav {
            ids.insert(nav_message_id(nav));
            ids.insert(nav.title_id());
        }
        ids
    }

    /// The interface strings every page of every locale shows (the source's `ui.ftl` and the
    /// built-in ones): a change to one of them changes every page.
    pub fn interface_message_ids(&self) -> BTreeSet<String> {
        let mut ids = self.site.ui_ids.clone();
        ids.extend(UI_WITH_ARGUMENTS.iter().map(|s| s.to_string()));
        ids.extend(UI_BUILT_IN.iter().map(|s| s.to_string()));
        ids
    }
}

/// A locale's files besides its content pages, and the size of its search index.
#[derive(Debug, Clone)]
pub struct LocaleFiles {
    pub files: Vec<SiteFile>,
    pub index_bytes: usize,
}

/// What every locale shares: the pages, the published locales, the URLs.
struct Site<'a> {
    project: &'a Project,
    catalog: &'a Catalog,
    pages: &'a [Page],
    localizer: &'a Localizer,
    /// Published locales, the source first.
    published: Vec<&'a Locale>,
    /// `site.base_url`, ending with `/`.
    base_url: String,
    /// The path part of the base URL (`/`, `/docs/`), for 404 pages served at any depth.
    base_path: String,
    /// `content/` path of a page (`profile.md`) → its slug.
    slugs: BTreeMap<String, &'a str>,
    /// Pages in the navigation, in order.
    nav: Vec<&'a Page>,
    directions: BTreeMap<String, &'static str>,
    year: String,
    /// `serve`'s editor marks (see [`WebOptions::editor_marks`]).
    editor_marks: bool,
    /// Every message of the source locale's `ui.ftl`: the interface strings templates can use.
    ui_ids: BTreeSet<String>,
    /// Slug → the published locales whose version of the page is mostly fallback text (see
    /// [`Site::mostly_fallback`]).
    mostly_fallback: BTreeMap<&'a str, Vec<&'a str>>,
    /// `site.theme` as CSS (`:root { --primary: ... }`), empty for the default look.
    theme_css: String,
    /// The logo's file name in `/assets/` (`logo.svg`), empty without a logo.
    logo_name: String,
}

/// A page whose messages come from another locale more often than this share is "mostly
/// fallback": `noindex`, and left out of `hreflang` alternates and the sitemap.
pub const MOSTLY_FALLBACK: f64 = 0.5;

impl<'a> Site<'a> {
    fn new(
        project: &'a Project,
        catalog: &'a Catalog,
        pages: &'a [Page],
        published: &[(&'a Locale, f64)],
        localizer: &'a Localizer,
        source_catalog: &LocaleCatalog,
        options: &WebOptions,
    ) -> Site<'a> {
        let mut base_url = project.site.base_url.trim().to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let base_path = match base_url.find("://") {
            Some(i) => base_url[i + 3..]
                .find('/')
                .map_or("/".to_string(), |j| base_url[i + 3 + j..].to_string()),
            None => "/".to_string(),
        };
        let mut nav: Vec<&Page> = pages
            .iter()
            .filter(|p| p.front.nav_order.is_some())
            .collect();
        nav.sort_by(|a, b| (a.front.nav_order, &a.key).cmp(&(b.front.nav_order, &b.key)));
        let source_tag = project.source_locale().tag.as_str();
        let mut mostly_fallback: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for page in pages {
            // Once per page and locale, by a lookup per message (no formatting, no copy of
            // the texts).
            let mut ids: Vec<String> = page.meta_messages().into_iter().map(|m| m.id).collect();
            for (_, blocks) in &page.sections {
                for block in blocks {
                    ids.extend(block.messages().into_iter().map(|m| m.id.clone()));
                }
            }
            for (locale, _) in published {
                if locale.tag == source_tag || ids.is_empty() {
                    continue;
                }
                let borrowed = ids
                    .iter()
                    .filter(|id| !localizer.has_own(&locale.tag, id))
                    .count();
                if borrowed as f64 / ids.len() as f64 > MOSTLY_FALLBACK {
                    mostly_fallback
                        .entry(page.slug.as_str())
                        .or_default()
                        .push(locale.tag.as_str());
                }
            }
        }
        let theme = &project.site.theme;
        let theme_css = theme
            .primary
            .as_ref()
            .map(|c| format!(":root{{--primary:{c}}}"))
            .unwrap_or_default();
        let logo_name = theme
            .logo
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| format!("logo.{}", e.to_string_lossy().to_ascii_lowercase()))
            .unwrap_or_default();
        Site {
            mostly_fallback,
            theme_css,
            logo_name,
            project,
            catalog,
            pages,
            localizer,
            published: published.iter().map(|(l, _)| *l).collect(),
            base_url,
            base_path,
            slugs: pages
                .iter()
                .map(|p| (format!("{}.md", p.key), p.slug.as_str()))
                .collect(),
            nav,
            directions: project
                .locales
                .iter()
                .map(|l| (l.tag.clone(), direction(l)))
                .collect(),
            year: options.year.clone(),
            editor_marks: options.editor_marks,
            ui_ids: source_catalog
                .file("ui.ftl")
                .map(|f| {
                    f.entries
                        .iter()
                        .filter(|e| e.kind == EntryKind::Message && e.value.is_some())
                        .map(|e| e.id.to_string())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Whether locale `tag`'s version of page `slug` shows more than [`MOSTLY_FALLBACK`] of its
    /// messages from another locale.
    fn mostly_fallback(&self, tag: &str, slug: &str) -> bool {
        self.mostly_fallback
            .get(slug)
            .is_some_and(|tags| tags.contains(&tag))
    }

    fn dir_of(&self, tag: &str) -> &'static str {
        self.directions.get(tag).copied().unwrap_or("ltr")
    }

    /// Absolute URL of a page (by slug) in a locale.
    fn absolute(&self, tag: &str, slug: &str) -> String {
        format!("{}{tag}/{}", self.base_url, slug_path(slug))
    }
}

/// `profile` → `profile/`; the home page's empty slug stays empty.
fn slug_path(slug: &str) -> String {
    if slug.is_empty() {
        String::new()
    } else {
        format!("{slug}/")
    }
}

/// `../` once per folder between the site root and a page's folder.
fn to_root(slug: &str) -> String {
    let depth = 1 + if slug.is_empty() {
        0
    } else {
        slug.split('/').count()
    };
    "../".repeat(depth)
}

/// `rtl` for locales written right to left (by their script, or their language's usual one).
pub fn direction(locale: &Locale) -> &'static str {
    match locale.langid.character_direction() {
        CharacterDirection::RTL => "rtl",
        _ => "ltr",
    }
}

/// A formatted message, as HTML and as plain text, with whether a fallback served it.
struct Text {
    html: String,
    plain: String,
    fallback: bool,
}

/// One published locale: its interface strings and the rest every page of it needs.
pub struct LocaleSite<'a> {
    locale: &'a Locale,
    dir: &'static str,
    /// Stale keys of the locale's translations (`id`, `id.attr`).
    stale: BTreeSet<String>,
    coverage: f64,
    /// Interface strings (every message of the source's `ui.ftl`) as HTML, and as text.
    ui_html: BTreeMap<String, Value>,
    ui_text: BTreeMap<String, Value>,
    /// The same two maps as template values (`ui`, `text`), built once: every page of the
    /// locale shares them, where copying the maps into each page's context cost a tenth of
    /// the rendering.
    ui_value: Value,
    text_value: Value,
    ui_fallbacks: usize,
    result_count: ResultCountText,
    /// Spellings that find each other in search: the locale's glossary terms with `synonyms:`.
    synonyms: Vec<Vec<String>>,
    /// Navigation items by the page's way up to the site root (see [`LocaleSite::nav_items`]).
    nav_items: std::sync::Mutex<BTreeMap<String, NavItems>>,
    /// The search box's width in characters: its placeholder's, CJK characters counted twice.
    search_size: usize,
    /// The marker after a block shown in another locale, by that locale.
    badges: BTreeMap<String, String>,
}

/// A depth's navigation items, each not current and current (see [`LocaleSite::nav_items`]).
type NavItems = std::sync::Arc<Vec<[Value; 2]>>;

/// Interface messages the built-in templates use: present in every locale's `ui` map even when
/// no locale defines them (they then show their id, which `check` reports).
const UI_BUILT_IN: [&str; 15] = [
    "menu-button",
    "footer-nav-label",
    "fallback-badge",
    "site-name",
    "site-title-separator",
    "skip-to-content",
    "nav-label",
    "search-label",
    "search-placeholder",
    "search-button",
    "language-switcher-label",
    "language-switcher-current",
    "footer-copyright",
    "notice-partly-translated",
    "not-found-title",
];

/// Interface strings added to the theme after projects wrote their `ui.ftl`, and the English
/// shown when no locale defines them.
const BUILT_IN_TEXT: [(&str, &str); 2] =
    [("menu-button", "Menu"), ("footer-nav-label", "Site map")];

/// Interface messages that take arguments.
const UI_WITH_ARGUMENTS: [&str; 7] = [
    "fallback-badge",
    "fallback-explanation",
    "footer-copyright",
    "language-switcher-current",
    "notice-outdated-translation",
    "not-found-text",
    "search-results",
];

impl<'a> LocaleSite<'a> {
    pub fn tag(&self) -> &'a str {
        &self.locale.tag
    }

    /// The navigation's items for pages `up` below the site root, in navigation order: each as
    /// a template value twice, not current and current. Every page of a depth shares them, so
    /// they are formatted and built once per depth, not per page.
    fn nav_items(&self, site: &Site, up: &str) -> NavItems {
        let cached = self
            .nav_items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(up)
            .cloned();
        if let Some(items) = cached {
            return items;
        }
        let tag = self.locale.tag.as_str();
        let links = Links {
            site,
            tag,
            to_root: up,
        };
        let locale_root = format!("{up}{tag}/");
        let items: Vec<[Value; 2]> = site
            .nav
            .iter()
            .map(|page| {
                let nav_id = nav_message_id(page);
                let id = if site.localizer.format(tag, &nav_id, None, None).is_some() {
                    nav_id
                } else {
                    page.title_id()
                };
                let label = self.format(site, &id, None, &links).html;
                let href = format!("{locale_root}{}", slug_path(&page.slug));
                [false, true].map(|current| {
                    Record::value([
                        ("href", Value::from(href.clone())),
                        ("label", Value::from_safe_string(label.clone())),
                        ("lang_attributes", Value::from_safe_string(String::new())),
                        ("current", Value::from(current)),
                    ])
                })
            })
            .collect();
        let items = std::sync::Arc::new(items);
        self.nav_items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(up.to_string(), items.clone());
        items
    }

    /// The keys (`id`, `id.attr`) of the locale's stale translations.
    pub fn stale_keys(&self) -> &BTreeSet<String> {
        &self.stale
    }

    fn new(site: &Site<'a>, locale: &'a Locale, stale: BTreeSet<String>, coverage: f64) -> Self {
        let tag = locale.tag.as_str();
        let dir = direction(locale);
        let mut this = LocaleSite {
            locale,
            dir,
            stale,
            coverage,
            ui_html: BTreeMap::new(),
            ui_text: BTreeMap::new(),
            ui_value: Value::UNDEFINED,
            text_value: Value::UNDEFINED,
            ui_fallbacks: 0,
            result_count: ResultCountText::default(),
            synonyms: Vec::new(),
            nav_items: Default::default(),
            search_size: 0,
            badges: BTreeMap::new(),
        };
        // Interface links (in notices) are relative to the locale's root.
        let links = Links {
            site,
            tag,
            to_root: "../",
        };
        let mut ids = site.ui_ids.clone();
        ids.extend(UI_WITH_ARGUMENTS.iter().map(|s| s.to_string()));
        ids.extend(UI_BUILT_IN.iter().map(|s| s.to_string()));
        for id in ids {
            let mut args = FluentArgs::new();
            match id.as_str() {
                "footer-copyright" => args.set("year", site.year.clone()),
                "language-switcher-current" => args.set("language", locale.name.clone()),
                // Formatted where their arguments are known (per page, or by the client).
                "notice-outdated-translation"
                | "not-found-text"
                | "search-results"
                | "fallback-badge"
                | "fallback-explanation" => continue,
                _ => {}
            }
            let text = this.format(site, &id, Some(&args), &links);
            this.ui_fallbacks += usize::from(text.fallback);
            this.ui_html
                .insert(id.clone(), Value::from_safe_string(text.html));
            this.ui_text.insert(id, Value::from(text.plain));
        }
        // One marker per locale this one falls back to, formatted once for all its pages.
        for served in site.localizer.chain(tag).iter().skip(1) {
            let Some(language) = site.project.locale(served) else {
                continue;
            };
            let mut args = FluentArgs::new();
            args.set("language", language.name.clone());
            args.set("page-language", locale.name.clone());
            // A project whose `ui.ftl` predates the marker still gets one: the language's name,
            // and an explanation in English.
            let defined = |id: &str| site.localizer.format(tag, id, None, Some(&args)).is_some();
            let badge = if defined("fallback-badge") {
                this.format(site, "fallback-badge", Some(&args), &links)
                    .plain
            } else {
                language.name.clone()
            };
            let explanation = if defined("fallback-explanation") {
                this.format(site, "fallback-explanation", Some(&args), &links)
                    .plain
            } else {
                format!("Not yet translated: shown in {}.", language.name)
            };
            this.badges.insert(
                served.clone(),
                format!(
                    " <span class=\"fallback-badge\" lang=\"{}\" dir=\"{dir}\" tabindex=\"0\" role=\"note\" \
                     aria-label=\"{}\" data-explanation=\"{}\" title=\"{}\">{}</span>",
                    escape(tag),
                    escape(&format!("{badge}: {explanation}")),
                    escape(&explanation),
                    escape(&explanation),
                    escape(&badge),
                ),
            );
        }
        let placeholder = this.ui_text["search-placeholder"].as_str().unwrap_or("");
        this.search_size = placeholder
            .chars()
            .map(|c| if is_wide(c) { 2 } else { 1 })
            .sum::<usize>()
            .clamp(12, 48)
            + 2;
        this.ui_value = Record::value(this.ui_html.clone());
        this.text_value = Record::value(this.ui_text.clone());
        this.result_count = result_count_text(site.localizer, tag);
        this
    }

    /// The marker after a block served by locale `served` (empty for an unknown one).
    fn fallback_badge(&self, served: &str) -> &str {
        self.badges.get(served).map_or("", String::as_str)
    }

    /// Formats message `id`, wrapping text served by a fallback locale in its own `lang`.
    fn format(
        &self,
        site: &Site,
        id: &str,
        args: Option<&FluentArgs>,
        links: &dyn PageLinks,
    ) -> Text {
        match site.localizer.format(&self.locale.tag, id, None, args) {
            Some(found) => {
                // One parse for both the HTML and the plain text.
                let inlines = parse_inline(&found.text);
                let inner = html::render_parsed(&inlines, found.text.len(), links);
                let plain = plain_text(&inlines);
                let fallback = found.is_fallback(&self.locale.tag);
                let html = if fallback {
                    format!(
                        "<span{}>{inner}</span>",
                        lang_attributes(
                            &found.locale,
                            site.dir_of(&found.locale),
                            &self.locale.tag,
                            self.dir
                        )
                    )
                } else {
                    inner
                };
                Text {
                    html,
                    plain,
                    fallback,
                }
            }
            // The site's name is in the configuration too.
            None if id == "site-name" => Text {
                html: escape(&site.project.site.name),
                plain: site.project.site.name.clone(),
                fallback: false,
            },
            // Interface strings newer than a project's `ui.ftl`: English words rather than
            // an id on every page.
            None if BUILT_IN_TEXT.iter().any(|(i, _)| *i == id) => {
                let text = BUILT_IN_TEXT
                    .iter()
                    .find(|(i, _)| *i == id)
                    .map_or("", |(_, t)| *t);
                Text {
                    html: escape(text),
                    plain: text.to_string(),
                    fallback: false,
                }
            }
            // A message no locale defines: show its id, which `check` reports.
            None => Text {
                html: escape(id),
                plain: id.to_string(),
                fallback: false,
            },
        }
    }
}

/// Characters drawn about twice as wide as a Latin letter (CJK, Hangul, fullwidth forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The "N results for Q" texts of `search-results` for the search client.
fn result_count_text(localizer: &Localizer, tag: &str) -> ResultCountText {
    let served = localizer
        .format(tag, "search-results", None, None)
        .map_or_else(|| tag.to_string(), |l| l.locale);
    let langid: unic_langid::LanguageIdentifier = served.parse().unwrap_or_default();
    let rules =
        intl_pluralrules::PluralRules::create(langid, intl_pluralrules::PluralRuleType::CARDINAL)
            .ok();
    search::result_count_text(
        &served,
        |n, query| {
            let mut args = FluentArgs::new();
            args.set("count", n);
            args.set("query", query.to_string());
            localizer
                .format(tag, "search-results", None, Some(&args))
                .map(|l| l.text)
                .unwrap_or_default()
        },
        |n| match rules.as_ref().and_then(|r| r.select(n).ok()) {
            Some(intl_pluralrules::PluralCategory::ZERO) => "zero",
            Some(intl_pluralrules::PluralCategory::ONE) => "one",
            Some(intl_pluralrules::PluralCategory::TWO) => "two",
            Some(intl_pluralrules::PluralCategory::FEW) => "few",
            Some(intl_pluralrules::PluralCategory::MANY) => "many",
            _ => "other",
        },
    )
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), WebError> {
    let write_err = |source| WebError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(write_err)?;
    }
    std::fs::write(path, bytes).map_err(write_err)
}

#[cfg(test)]
mod tests {
    use super::messages::messages_path;
    use super::*;

    /// Content refuses slugs that clash with the names written here; the two lists must agree.
    #[test]
    fn generated_names_are_reserved_for_content() {
        let reserved = |name: &str| content::GENERATED_NAMES.iter().any(|(n, _)| *n == name);
        let in_locale = messages_path("fr");
        for name in [
            SEARCH_SLUG,
            super::super::json::FTL_DIR,
            in_locale.strip_prefix("fr/").unwrap(),
        ] {
            assert!(reserved(name), "{name}");
        }
    }

    #[test]
    fn relative_paths_climb_to_the_site_root() {
        assert_eq!(to_root(""), "../");
        assert_eq!(to_root("profile"), "../../");
        assert_eq!(to_root("about/team"), "../../../");
        assert_eq!(slug_path(""), "");
        assert_eq!(slug_path("about/team"), "about/team/");
    }

    #[test]
    fn direction_follows_the_script() {
        let locale = |tag: &str| Locale {
            tag: tag.into(),
            dir: std::path::PathBuf::new(),
            langid: tag.parse().unwrap(),
            name: String::new(),
            fallback_chain: Vec::new(),
            complete: false,
            min_coverage: 0.0,
        };
        for (tag, dir) in [
            ("ar", "rtl"),
            ("he", "rtl"),
            ("fa-IR", "rtl"),
            ("ur", "rtl"),
            ("ckb", "rtl"),
            ("zh-CN", "ltr"),
            ("fr", "ltr"),
            ("az-Arab", "rtl"),
        ] {
            assert_eq!(direction(&locale(tag)), dir, "{tag}");
        }
    }
}
