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
//! Text served by a fallback locale keeps its own `lang` (and `dir`) and the page says it is
//! partly translated; a page with a stale translation links to the source-language page.

pub mod html;
mod pipeline;
pub mod search;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fluent_bundle::FluentArgs;
use minijinja::Value;
use unic_langid::CharacterDirection;

use self::html::{PageLinks, escape, lang_attributes};
pub use self::pipeline::write_site;
use self::search::{ResultCountText, SearchDocument};
use self::templates::Record;
pub use self::templates::Templates;
use super::{StageError, StagedOutput};
use crate::catalog::{Catalog, EntryKind, LocaleCatalog};
use crate::config::{Locale, Project};
use crate::content::{self, Block, ContentError, Page, PageMessage};
use crate::fsutil;
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
    #[error("unknown locale `{tag}`; the project's locales are: {known}")]
    UnknownLocale { tag: String, known: String },
}

/// What to export, resolved from the command line; [`WebOptions::new`] gives the defaults.
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::export::web::WebOptions {
///     out: "dist/web".into(),
///     include_incomplete: false,
///     locales: Vec::new(),
///     year: "2026".into(),
/// };
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WebOptions {
    /// The output folder (replaced as a whole).
    pub out: PathBuf,
    /// Publish locales below their `min_coverage` too.
    pub include_incomplete: bool,
    /// Locales to publish; empty for all. The source locale is always published: it is the
    /// default version of the site and the original that outdated translations link to.
    pub locales: Vec<String>,
    /// `$year` of `footer-copyright`, as text.
    pub year: String,
}

impl WebOptions {
    /// The default options for `project`: `dist/web`, every locale, the year from
    /// [`copyright_year`].
    pub fn new(project: &Project) -> WebOptions {
        WebOptions {
            out: default_out(project),
            include_incomplete: false,
            locales: Vec::new(),
            year: copyright_year(project),
        }
    }
}

/// `<output>/web`.
pub fn default_out(project: &Project) -> PathBuf {
    project.output_dir.join("web")
}

/// The copyright year: from `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// `site.copyright_year` from the configuration, else the current year.
pub fn copyright_year(project: &Project) -> String {
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return year_of(seconds).to_string();
    }
    if let Some(year) = project.site.copyright_year {
        return year.to_string();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    year_of(now).to_string()
}

/// The proleptic Gregorian year of a Unix time (days-to-civil, after Howard Hinnant).
fn year_of(seconds: i64) -> i64 {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
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
    /// Bytes of `search-index.json`.
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

/// Refuses what no site can be made of: an unknown locale among those requested. (Slugs that
/// would clash with the export's own files, `search` among them, are refused when the pages are
/// loaded: see [`content::GENERATED_NAMES`].)
pub fn validate(project: &Project, _pages: &[Page], options: &WebOptions) -> Result<(), WebError> {
    for tag in &options.locales {
        if project.locale(tag).is_none() {
            return Err(WebError::UnknownLocale {
                tag: tag.clone(),
                known: project
                    .locales
                    .iter()
                    .map(|l| l.tag.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(())
}

/// One file of the site: its path below the site's root (`/`-separated) and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub contents: String,
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
            snapshot::stale_keys(&snapshot, source, target)
        };
        Ok(LocaleSite::new(site, locale, stale, coverage))
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
        let index = self.search_index(locale, &documents.iter().collect::<Vec<_>>());
        let index_bytes = index.contents.len();
        let mut files = vec![index];
        files.extend(self.locale_pages(locale, templates)?);
        files.push(self.messages_file(locale));
        files.extend(self.resources(locale).map(|(path, text)| SiteFile {
            path,
            contents: text.to_string(),
        }));
        Ok(LocaleFiles { files, index_bytes })
    }

    /// `/{locale}/search-index.json`, built from `documents` (the locale's pages, in order).
    fn search_index(&self, locale: &LocaleSite, documents: &[&SearchDocument]) -> SiteFile {
        SiteFile {
            path: format!("{}/search-index.json", locale.tag()),
            contents: search::build_index(documents, &locale.result_count),
        }
    }

    /// The search page and the 404 page of `locale`.
    fn locale_pages(
        &self,
        locale: &LocaleSite,
        templates: &Templates,
    ) -> Result<[SiteFile; 2], WebError> {
        locale_pages(&self.site, locale, templates)
    }

    /// `/{locale}/messages.json`, for a client-side Fluent runtime.
    fn messages_file(&self, locale: &LocaleSite) -> SiteFile {
        let site = &self.site;
        let tag = locale.tag();
        SiteFile {
            path: messages_path(tag),
            contents: super::json::messages_json(site.project, site.catalog, site.localizer, tag),
        }
    }

    /// Writes [`Self::messages_file`] into the site folder `root` as it is serialized.
    fn write_messages_file(&self, locale: &LocaleSite, root: &Path) -> Result<(), WebError> {
        let site = &self.site;
        let tag = locale.tag();
        let path = root.join(messages_path(tag));
        let write_err = |source| WebError::Write {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_err)?;
        }
        let file = std::fs::File::create(&path).map_err(write_err)?;
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
        super::json::write_messages_json(site.project, site.catalog, site.localizer, tag, &mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(write_err)
    }

    /// The locale's `.ftl` files (path in the site, text), published beside `messages.json`.
    fn resources<'s>(
        &'s self,
        locale: &LocaleSite<'a>,
    ) -> impl Iterator<Item = (String, &'s str)> + 's {
        let tag = locale.tag();
        let files = self
            .site
            .catalog
            .locale(tag)
            .map_or(&[][..], |c| &c.files[..]);
        files.iter().map(move |file| {
            (
                format!("{tag}/{}/{}", super::json::FTL_DIR, file.relative),
                file.text.as_str(),
            )
        })
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

/// Where a locale's `messages.json` goes in the site.
fn messages_path(tag: &str) -> String {
    format!("{tag}/messages.json")
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
    /// Every message of the source locale's `ui.ftl`: the interface strings templates can use.
    ui_ids: BTreeSet<String>,
}

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
        Site {
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
    /// Navigation items by the page's way up to the site root (see [`LocaleSite::nav_items`]).
    nav_items: std::sync::Mutex<BTreeMap<String, NavItems>>,
}

/// A depth's navigation items, each not current and current (see [`LocaleSite::nav_items`]).
type NavItems = std::sync::Arc<Vec<[Value; 2]>>;

/// Interface messages the built-in templates use: present in every locale's `ui` map even when
/// no locale defines them (they then show their id, which `check` reports).
const UI_BUILT_IN: [&str; 12] = [
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

/// Interface messages that take arguments.
const UI_WITH_ARGUMENTS: [&str; 5] = [
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
            nav_items: Default::default(),
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
                "notice-outdated-translation" | "not-found-text" | "search-results" => continue,
                _ => {}
            }
            let text = this.format(site, &id, Some(&args), &links);
            this.ui_fallbacks += usize::from(text.fallback);
            this.ui_html
                .insert(id.clone(), Value::from_safe_string(text.html));
            this.ui_text.insert(id, Value::from(text.plain));
        }
        this.ui_value = Record::value(this.ui_html.clone());
        this.text_value = Record::value(this.ui_text.clone());
        this.result_count = result_count_text(site.localizer, tag);
        this
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
            // A message no locale defines: show its id, which `check` reports.
            None => Text {
                html: escape(id),
                plain: id.to_string(),
                fallback: false,
            },
        }
    }
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

/// Resolves `@/page.md` links to relative URLs in one locale, from a folder `to_root` below
/// the site root.
struct Links<'s, 'a> {
    site: &'s Site<'a>,
    tag: &'s str,
    to_root: &'s str,
}

impl PageLinks for Links<'_, '_> {
    fn page_url(&self, path: &str) -> Option<String> {
        let slug = self.site.slugs.get(path.trim_start_matches("./"))?;
        Some(format!("{}{}/{}", self.to_root, self.tag, slug_path(slug)))
    }
}

/// `nav-<page>`: the interface message that labels a page in the navigation, when defined.
fn nav_message_id(page: &Page) -> String {
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

fn render_page(
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
    let message = |m: &PageMessage, fallbacks: &mut usize| -> (String, String, String) {
        let found = site.localizer.format(tag, &m.id, None, None);
        let (text, served) = match &found {
            Some(f) => (f.text.as_str(), f.locale.as_str()),
            None => (m.text.as_str(), site.project.source_locale().tag.as_str()),
        };
        if served != tag {
            *fallbacks += 1;
        }
        let attrs = lang_attributes(served, site.dir_of(served), tag, locale.dir);
        // One parse for both the HTML and the plain text.
        let inlines = parse_inline(text);
        (
            html::render_parsed(&inlines, text.len(), &links),
            plain_text(&inlines),
            attrs,
        )
    };

    let meta = page.meta_messages();
    let (heading, title_plain, heading_attributes) = message(&meta[0], &mut fallbacks);
    let description = match meta.get(1) {
        Some(m) => message(m, &mut fallbacks).1,
        None => String::new(),
    };
    let mut content = String::new();
    for (_, blocks) in &page.sections {
        for block in blocks {
            render_block(block, &mut content, &mut body_text, &up, &mut |m| {
                message(m, &mut fallbacks)
            });
        }
    }

    let stale = tag != site.project.source_locale().tag
        && page.messages().iter().any(|m| locale.stale.contains(&m.id));
    let mut notices = Vec::new();
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
        notices.push(notice(
            "outdated-translation",
            &Value::from_safe_string(text.html),
        ));
    }

    let mut context = common_context(site, locale, &page.slug, &up, Some(page));
    context.insert("title", Value::from(page_title(locale, &title_plain)));
    context.insert("description", Value::from(description.clone()));
    context.insert("canonical", Value::from(site.absolute(tag, &page.slug)));
    context.insert("alternates", alternates(site, &page.slug));
    context.insert("notices", Value::from(notices));
    context.insert("heading", Value::from_safe_string(heading));
    context.insert(
        "heading_attributes",
        Value::from_safe_string(heading_attributes),
    );
    context.insert("content", Value::from_safe_string(content));
    let html = templates.render("page.html", Record::value(context))?;
    Ok(RenderedPage {
        file: SiteFile {
            path: format!("{tag}/{}index.html", slug_path(&page.slug)),
            contents: html,
        },
        fallbacks,
        stale,
        document: SearchDocument {
            url: slug_path(&page.slug),
            title: title_plain,
            description,
            body: body_text,
        },
    })
}

fn notice(kind: &str, html: &Value) -> Value {
    Record::value([("kind", Value::from(kind)), ("html", html.clone())])
}

/// "Company Profile – China Hongqiao Group".
fn page_title(locale: &LocaleSite, title: &str) -> String {
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
fn render_block(
    block: &Block,
    out: &mut String,
    text: &mut String,
    up: &str,
    message: &mut dyn FnMut(&PageMessage) -> (String, String, String),
) {
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
                    "<p><img src=\"{}\" alt=\"{}\"{attrs}",
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
fn is_relative(url: &str) -> bool {
    !url.contains(':') && !url.starts_with('/') && !url.starts_with('#')
}

/// `hreflang` alternates of a page: every published locale, then `x-default` (the root page,
/// which picks the visitor's language).
fn alternates(site: &Site, slug: &str) -> Value {
    let mut out: Vec<Value> = site
        .published
        .iter()
        .map(|l| {
            Record::value([
                ("hreflang", Value::from(l.tag.clone())),
                ("href", Value::from(site.absolute(&l.tag, slug))),
            ])
        })
        .collect();
    out.push(Record::value([
        ("hreflang", Value::from("x-default")),
        ("href", Value::from(site.base_url.clone())),
    ]));
    Value::from(out)
}

/// What the base template needs on every page of a locale.
fn common_context(
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
        ("ui", locale.ui_value.clone()),
        ("text", locale.text_value.clone()),
    ])
}

/// The search page and the 404 page of one locale.
fn locale_pages(
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
    context.insert("index_url", Value::from("../search-index.json"));
    context.insert("locale_root", Value::from("../"));
    let search = SiteFile {
        path: format!("{tag}/{SEARCH_SLUG}/index.html"),
        contents: templates.render("search.html", Record::value(context))?,
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
        contents: templates.render("404.html", Record::value(context))?,
    };
    Ok([search, not_found])
}

/// `/index.html`, `/404.html`, `/sitemap.xml`, `/robots.txt` and `/assets/*`.
fn root_files(
    site: &Site,
    locales: &[LocaleSite],
    templates: &Templates,
) -> Result<Vec<SiteFile>, WebError> {
    let mut files = Vec::new();
    let source = &locales[0];
    for not_found in [false, true] {
        let languages: Vec<Value> = locales
            .iter()
            .map(|l| {
                Record::value([
                    ("tag", Value::from(l.locale.tag.clone())),
                    ("name", Value::from(l.locale.name.clone())),
                    ("dir", Value::from(l.dir)),
                    ("not_found", l.ui_text["not-found-title"].clone()),
                ])
            })
            .collect();
        let site_name = source.ui_text["site-name"].clone();
        let context = Record::value([
            ("lang", Value::from(source.locale.tag.clone())),
            ("dir", Value::from(source.dir)),
            ("title", site_name.clone()),
            ("site_name", site_name),
            ("languages", Value::from(languages)),
            ("alternates", alternates(site, "")),
            ("noindex", Value::from(not_found)),
            (
                "base_href",
                Value::from(if not_found {
                    site.base_path.clone()
                } else {
                    String::new()
                }),
            ),
        ]);
        let html = templates.render("root.html", context)?;
        let name = if not_found { "404.html" } else { "index.html" };
        files.push(SiteFile {
            path: name.to_string(),
            contents: html,
        });
    }

    files.push(SiteFile {
        path: "sitemap.xml".to_string(),
        contents: sitemap(site),
    });
    files.push(SiteFile {
        path: "robots.txt".to_string(),
        contents: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.base_url
        ),
    });
    for (name, text) in &templates.assets {
        files.push(SiteFile {
            path: format!("assets/{name}"),
            contents: text.clone(),
        });
    }
    Ok(files)
}

/// `sitemap.xml`: every page of every published locale, each with its alternates.
fn sitemap(site: &Site) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in site.pages {
        for locale in &site.published {
            let _ = writeln!(
                out,
                "<url>\n<loc>{}</loc>",
                escape(&site.absolute(&locale.tag, &page.slug))
            );
            for alternate in &site.published {
                let _ = writeln!(
                    out,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&alternate.tag),
                    escape(&site.absolute(&alternate.tag, &page.slug))
                );
            }
            let _ = writeln!(
                out,
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n</url>",
                escape(&site.base_url)
            );
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// Copies the images pages refer to by relative path, when they exist under `content/`.
fn copy_images(project: &Project, pages: &[Page], root: &Path) -> Result<(), WebError> {
    for page in pages {
        for (_, blocks) in &page.sections {
            for block in blocks {
                let Block::Image { src, .. } = block else {
                    continue;
                };
                if !is_relative(src) || src.split('/').any(|s| s == "..") {
                    continue;
                }
                let from = project.content_dir.join(src);
                if from.is_file() {
                    let to = root.join(src);
                    if let Some(parent) = to.parent() {
                        std::fs::create_dir_all(parent).map_err(|source| WebError::Write {
                            path: parent.to_path_buf(),
                            source,
                        })?;
                    }
                    std::fs::copy(&from, &to)
                        .map_err(|source| WebError::Write { path: to, source })?;
                }
            }
        }
    }
    Ok(())
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
    use super::*;

    #[test]
    fn years_from_unix_time() {
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(1_704_067_199), 2023);
        assert_eq!(year_of(1_704_067_200), 2024);
        assert_eq!(year_of(951_782_400), 2000); // 2000-02-29
    }

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
