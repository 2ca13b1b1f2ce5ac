//! The live site: the web export built into a folder of its own, then kept current change by
//! change.
//!
//! [`LiveSite::build`] does what `build` does for the web (extract, load, export) into the
//! folder it is given and keeps everything it loaded. [`LiveSite::apply`] then takes the files
//! that changed and re-renders only what they touch:
//! - one `.ftl` file of locale L: the file is re-parsed into the catalog and L's bundle rebuilt;
//!   the messages it defines differently (and those referring to them) are the changed ids;
//!   every published locale whose fallback chain goes through L re-renders the pages showing a
//!   changed id, or all its pages when an interface string changed (`ui.ftl`);
//! - one Markdown page: extract runs again (writing the source locale's generated file and the
//!   snapshots, as `extract` does), the generated file is handled as above, and the page itself
//!   is re-rendered in every locale. A change to the site's structure (a page added or removed,
//!   a slug or a navigation order changed) asks for a full rebuild instead.
//!
//! Pages whose stale notice changes with the snapshot follow the same path: the stale keys of
//! each locale before and after are compared, and the difference counts as changed ids.
//! Files are replaced atomically (a temporary file and a rename), so the server never sends a
//! half-written page.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::catalog::{self, Catalog, CatalogFile, LocaleCatalog};
use crate::config::Project;
use crate::content::Page;
use crate::export::web::search::SearchDocument;
use crate::export::web::{self, LocaleSite, NoProgress, SiteFile, SiteModel, Templates, WebError};
use crate::extract;
use crate::fsutil;
use crate::localize::Localizer;
use crate::transaction::{self, LockMode};

/// The site being served and everything it was rendered from.
pub(super) struct LiveSite {
    pub project: Project,
    options: web::WebOptions,
    pub catalog: Catalog,
    pages: Vec<Page>,
    pub localizer: Localizer,
    templates: Templates,
    /// The folder holding the rendered site.
    pub root: PathBuf,
    /// Each published locale's search documents, in page order.
    documents: BTreeMap<String, Vec<SearchDocument>>,
    /// Each published locale's stale keys, as last rendered.
    stale: BTreeMap<String, BTreeSet<String>>,
    /// Published locales, the source first.
    pub published: Vec<String>,
}

/// What to re-render, from the files that changed (paths as the project spells them).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Changes {
    /// `.ftl` files, with their locale.
    pub ftl: Vec<(String, PathBuf)>,
    /// Markdown pages under `content/`.
    pub markdown: Vec<PathBuf>,
    /// Other files under `content/` (images).
    pub content_files: bool,
}

/// What [`LiveSite::apply`] did.
#[derive(Debug)]
pub(super) enum Applied {
    /// Nothing the site shows changed (a file saved unchanged, or written by `serve` itself).
    Nothing,
    /// The change reaches the site's structure: rebuild everything.
    NeedsFullRebuild,
    Updated(Written),
}

/// The files an update (or a build) wrote.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// URL paths of the content pages rendered (`/fr/profile/`).
    pub pages: Vec<String>,
    /// Files written in all (pages included), unchanged files not counted.
    pub files: usize,
    /// Whether files every page depends on changed: every open page should reload.
    pub everything: bool,
    /// The `.ftl` files that changed, with their locale: what `check` should look at.
    pub ftl: Vec<(String, PathBuf)>,
}

impl LiveSite {
    /// Extracts, loads and renders the whole site of `project` into `root` (created).
    /// `locales` limits the published locales as `export web` does; below-threshold locales are
    /// shown too (a preview for translators).
    pub fn build(
        project: Project,
        locales: &[String],
        root: &Path,
    ) -> Result<(LiveSite, Written), crate::Error> {
        let extraction = {
            // Under the project lock, as `extract` runs (see `transaction`).
            let _lock = transaction::lock(&project.root, LockMode::Write, &|| {})?;
            let extraction = extract::plan_extraction(&project)?;
            if !extraction.is_current() {
                extract::apply_extraction(&extraction)?;
            }
            extraction
        };
        let pages = extraction.pages;
        let mut options = web::WebOptions::new(&project);
        options.out = root.to_path_buf();
        options.locales = locales.to_vec();
        options.include_incomplete = true;
        options.editor_marks = true;
        web::validate(&project, &pages, &options)?;
        let templates = Templates::load(&project)?;
        let catalog = catalog::load_catalog(&project)?;
        let localizer = Localizer::new(&project, &catalog);
        std::fs::create_dir_all(root).map_err(|source| WebError::Write {
            path: root.to_path_buf(),
            source,
        })?;
        let (written, published) = {
            let model = SiteModel::new(&project, &catalog, &pages, &localizer, &options);
            let written = web::write_site(&model, &templates, root, &NoProgress)?;
            let published: Vec<String> = model.published().iter().map(|t| t.to_string()).collect();
            (written, published)
        };
        let files = written.reports.iter().map(|r| r.pages).sum();
        let site = LiveSite {
            project,
            options,
            catalog,
            pages,
            localizer,
            templates,
            root: root.to_path_buf(),
            documents: written.documents,
            stale: written.stale,
            published,
        };
        Ok((
            site,
            Written {
                pages: Vec::new(),
                files,
                everything: true,
                ftl: Vec::new(),
            },
        ))
    }

    /// Content pages per locale.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Re-renders what `changes` touch. An error (a Markdown page that no longer parses, a file
    /// that is not UTF-8) leaves the site as it was.
    pub fn apply(&mut self, changes: &Changes) -> Result<Applied, crate::Error> {
        let source_tag = self.project.source_locale().tag.clone();
        let mut ftl = changes.ftl.clone();
        let mut forced_pages = BTreeSet::new();
        if !changes.markdown.is_empty() {
            let _lock = transaction::lock(&self.project.root, LockMode::Write, &|| {})?;
            let extraction = extract::plan_extraction(&self.project)?;
            if structure(&extraction.pages) != structure(&self.pages) {
                return Ok(Applied::NeedsFullRebuild);
            }
            for path in extract::apply_extraction(&extraction)? {
                if path.extension().is_some_and(|e| e == "ftl")
                    && path.starts_with(self.project.locale_dir(&source_tag))
                {
                    ftl.push((source_tag.clone(), path));
                }
            }
            for path in &changes.markdown {
                let relative = fsutil::display_relative(&self.project.content_dir, path);
                forced_pages.insert(relative.trim_end_matches(".md").to_string());
            }
            self.pages = extraction.pages;
        }

        // Re-read each changed message file; what it defines differently is what changed.
        let mut changed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut changed_files = Vec::new();
        ftl.sort();
        ftl.dedup();
        for (tag, path) in &ftl {
            let dir = self.project.locale_dir(tag);
            let relative = fsutil::display_relative(&dir, path).into_owned();
            let new = match std::fs::metadata(path) {
                Ok(meta) if meta.is_file() => {
                    let text = fsutil::read_utf8(path).map_err(catalog::CatalogError::from)?;
                    Some(catalog::parse_file(path.clone(), relative.clone(), text))
                }
                _ => None,
            };
            let Some(locale) = self.catalog.locale_mut(tag) else {
                continue;
            };
            let old = locale.file(&relative);
            if old.map(|f| &f.text) == new.as_ref().map(|f| &f.text) {
                continue;
            }
            let ids = changed_ids(old, new.as_ref());
            match new {
                Some(file) => {
                    locale.replace_file(file);
                }
                None => {
                    locale.remove_file(&relative);
                }
            }
            changed.entry(tag.clone()).or_default().extend(ids);
            changed_files.push((tag.clone(), path.clone()));
        }
        if changed.is_empty() && forced_pages.is_empty() && !changes.content_files {
            return Ok(Applied::Nothing);
        }
        for tag in changed.keys() {
            self.localizer
                .reload_locale(&self.project, &self.catalog, tag);
        }
        for (tag, ids) in &mut changed {
            if let Some(locale) = self.catalog.locale(tag) {
                *ids = with_referrers(locale, std::mem::take(ids));
            }
        }

        let model = SiteModel::new(
            &self.project,
            &self.catalog,
            &self.pages,
            &self.localizer,
            &self.options,
        );
        if model.published() != self.published {
            return Ok(Applied::NeedsFullRebuild);
        }
        let interface = model.interface_message_ids();
        let page_ids: Vec<BTreeSet<String>> = self
            .pages
            .iter()
            .map(|p| model.page_message_ids(p))
            .collect();
        let mut written = Written {
            ftl: changed_files,
            ..Written::default()
        };
        let mut views: BTreeMap<String, LocaleSite> = BTreeMap::new();
        for tag in model.published() {
            // The ids this locale may show differently: changes in any locale of its chain.
            let mut ids: BTreeSet<String> = self
                .localizer
                .chain(tag)
                .iter()
                .filter_map(|l| changed.get(l))
                .flatten()
                .cloned()
                .collect();
            if ids.is_empty() && forced_pages.is_empty() {
                continue;
            }
            let view = model.locale(tag)?;
            let old_stale = self.stale.get(tag).cloned().unwrap_or_default();
            ids.extend(
                old_stale
                    .symmetric_difference(view.stale_keys())
                    .map(|key| key.split('.').next().unwrap_or(key).to_string()),
            );
            let everything = ids.iter().any(|id| interface.contains(id));
            written.everything |= everything;
            let documents = self.documents.entry(tag.to_string()).or_default();
            for (index, page) in self.pages.iter().enumerate() {
                let touched = everything
                    || forced_pages.contains(&page.key)
                    || !page_ids[index].is_disjoint(&ids);
                if !touched {
                    continue;
                }
                let rendered = model.render_page(&view, page, &self.templates)?;
                written.files += write_file(&self.root, &rendered.file)?;
                written.pages.push(format!(
                    "/{}",
                    rendered.file.path.trim_end_matches("index.html")
                ));
                if let Some(slot) = documents.get_mut(index) {
                    *slot = rendered.document;
                }
            }
            for file in model.locale_files(&view, documents, &self.templates)?.files {
                written.files += write_file(&self.root, &file)?;
            }
            self.stale
                .insert(tag.to_string(), view.stale_keys().clone());
            views.insert(tag.to_string(), view);
        }
        if written.everything {
            // The root files show every locale's interface strings.
            let mut all = Vec::new();
            for tag in model.published() {
                all.push(match views.remove(tag) {
                    Some(view) => view,
                    None => model.locale(tag)?,
                });
            }
            for file in model.root_files(&all, &self.templates)? {
                written.files += write_file(&self.root, &file)?;
            }
        }
        if changes.content_files || !changes.markdown.is_empty() {
            model.copy_images(&self.root)?;
            // An image may show on any page.
            written.everything |= changes.content_files;
        }
        Ok(Applied::Updated(written))
    }
}

/// What makes a full rebuild necessary when it changes: the pages, their URLs, the navigation.
fn structure(pages: &[Page]) -> Vec<(&str, &str, &str, Option<i64>)> {
    pages
        .iter()
        .map(|p| {
            (
                p.key.as_str(),
                p.slug.as_str(),
                p.id_prefix.as_str(),
                p.front.nav_order,
            )
        })
        .collect()
}

/// The ids (terms as `-id`) whose definitions differ between two versions of a file.
fn changed_ids(old: Option<&CatalogFile>, new: Option<&CatalogFile>) -> BTreeSet<String> {
    fn definitions(file: Option<&CatalogFile>) -> BTreeMap<String, Vec<&str>> {
        let mut out: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        if let Some(file) = file {
            for entry in &file.entries {
                out.entry(entry.key().to_string())
                    .or_default()
                    .push(&file.text[entry.span.clone()]);
            }
        }
        out
    }
    let old = definitions(old);
    let new = definitions(new);
    old.keys()
        .chain(new.keys())
        .filter(|id| old.get(*id) != new.get(*id))
        .cloned()
        .collect()
}

/// `ids` and every message or term of `locale` that refers to one of them, directly or not
/// (a message showing `{ -brand }` changes with the term).
fn with_referrers(locale: &LocaleCatalog, mut ids: BTreeSet<String>) -> BTreeSet<String> {
    let mut referrers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, entry) in locale.entries() {
        let key = entry.key().to_string();
        for pattern in entry.patterns() {
            for r in pattern.message_refs() {
                referrers
                    .entry(r.id.to_string())
                    .or_default()
                    .insert(key.clone());
            }
            for r in pattern.term_refs() {
                referrers
                    .entry(format!("-{}", r.id))
                    .or_default()
                    .insert(key.clone());
            }
        }
    }
    let mut queue: Vec<String> = ids.iter().cloned().collect();
    while let Some(id) = queue.pop() {
        for referrer in referrers.get(&id).into_iter().flatten() {
            if ids.insert(referrer.clone()) {
                queue.push(referrer.clone());
            }
        }
    }
    ids
}

/// Replaces one file of the site atomically when its contents changed; returns 1 when it wrote.
fn write_file(root: &Path, file: &SiteFile) -> Result<usize, WebError> {
    let path = root.join(&file.path);
    if std::fs::read(&path).is_ok_and(|old| old == file.contents) {
        return Ok(0);
    }
    let write_err = |source| WebError::Write {
        path: path.clone(),
        source,
    };
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(write_err)?;
    // No fsync: the folder is temporary, only a reader must never see half a file.
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
    tmp.write_all(&file.contents).map_err(write_err)?;
    tmp.persist(&path).map_err(|e| write_err(e.error))?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> CatalogFile {
        catalog::parse_file(PathBuf::from("x.ftl"), "x.ftl".into(), text.to_string())
    }

    #[test]
    fn changed_ids_are_the_definitions_that_differ() {
        let old = file("a = A\nb = B\n-t = T\nc = C\n");
        let new = file("a = A\nb = Bis\n-t = Tee\nd = D\n");
        let ids = changed_ids(Some(&old), Some(&new));
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["-t", "b", "c", "d"]);
        // A message turned into Junk by a syntax error counts as changed (it is gone).
        let broken = file("a = A\nb = { $x\n-t = T\nc = C\n");
        assert!(changed_ids(Some(&old), Some(&broken)).contains("b"));
        assert_eq!(changed_ids(None, Some(&old)).len(), 4);
    }

    #[test]
    fn referrers_follow_message_and_term_references() {
        let locale = LocaleCatalog::from_text(
            "fr",
            "ui.ftl",
            "-brand = Acme\nname = { -brand } SA\ntitle = { name } : accueil\nother = Rien\n",
        );
        let ids = with_referrers(&locale, BTreeSet::from(["-brand".to_string()]));
        assert_eq!(
            ids.into_iter().collect::<Vec<_>>(),
            ["-brand", "name", "title"]
        );
    }

    #[test]
    fn written_files_are_replaced_only_when_they_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = SiteFile {
            path: "fr/profile/index.html".into(),
            contents: "<p>Bonjour</p>".into(),
        };
        assert_eq!(write_file(dir.path(), &file).unwrap(), 1);
        assert_eq!(write_file(dir.path(), &file).unwrap(), 0);
        let read = std::fs::read_to_string(dir.path().join("fr/profile/index.html")).unwrap();
        assert_eq!(read, "<p>Bonjour</p>");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("fr/profile"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["index.html"], "no temporary file left behind");
    }
}
