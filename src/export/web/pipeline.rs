//! Writing the whole site: one queue of tasks shared by a worker per core.
//!
//! Every task renders some files and writes them itself, so no thread waits for another to
//! render or to write. The queue holds every content page of every locale (locale by locale),
//! then the files that need no page: each locale's `messages.json`, its `.ftl` files, its search
//! and 404 pages, and the root files. A locale's search index needs all its pages, so the worker
//! that finishes the locale's last page builds it at once, while the other workers go on with
//! the queue: nothing waits for a phase to end, and the files that need no page keep every core
//! busy to the end. (Before, pages were rendered in parallel but the rest of every locale was
//! built on one thread afterwards: a third of the export with one core idle.)
//!
//! Errors are reported as a sequential export would: the first in the order pages, then each
//! locale's files, then the root files, whichever thread met it first.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::search::SearchDocument;
use super::{
    LocaleReport, LocaleSite, Progress, SiteFile, SiteModel, Templates, WebError, WrittenSite,
    write,
};

/// One unit of work; each writes its own files.
#[derive(Debug, Clone, Copy)]
enum Task {
    /// Content page `page` of locale `locale` (indices into the model's pages and locales).
    Page { locale: usize, page: usize },
    /// A locale's `messages.json`.
    Messages(usize),
    /// A locale's `.ftl` files.
    Resources(usize),
    /// A locale's search and 404 pages.
    LocalePages(usize),
    /// A locale's search index; queued only when there are no pages (otherwise the last page
    /// of the locale builds it).
    Index(usize),
    /// `/index.html`, `/404.html`, the sitemap, `robots.txt`, the assets and the images.
    Root,
}

/// What a content page leaves for the summary and the search index once written.
struct PageDone {
    fallbacks: usize,
    stale: bool,
    document: SearchDocument,
}

/// Each task's outcome, in slots the workers fill.
struct Outcomes {
    /// By page task (`locale * pages + page`).
    pages: Vec<OnceLock<Result<PageDone, WebError>>>,
    /// Per locale: the search index's size in bytes.
    index: Vec<OnceLock<Result<usize, WebError>>>,
    messages: Vec<OnceLock<Result<(), WebError>>>,
    resources: Vec<OnceLock<Result<(), WebError>>>,
    locale_pages: Vec<OnceLock<Result<(), WebError>>>,
    root: OnceLock<Result<(), WebError>>,
}

/// Renders the whole site of `model` into the folder `root`: every content page of every
/// published locale, each locale's own files, the root files and the images, on every core.
pub fn write_site(
    model: &SiteModel,
    templates: &Templates,
    root: &Path,
    progress: &dyn Progress,
) -> Result<WrittenSite, WebError> {
    let pages = model.pages();
    // Per-locale data every page of the locale needs (interface strings, stale keys).
    let locales = crate::parallel::map(&model.published(), |tag| model.locale(tag))
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let outcomes = Outcomes {
        pages: slots(locales.len() * pages.len()),
        index: slots(locales.len()),
        messages: slots(locales.len()),
        resources: slots(locales.len()),
        locale_pages: slots(locales.len()),
        root: OnceLock::new(),
    };
    let run = Run {
        model,
        templates,
        root,
        progress,
        locales: &locales,
        pages: pages.len(),
        // Pages still to render per locale: the worker that brings it to zero builds the index.
        remaining: locales
            .iter()
            .map(|_| AtomicUsize::new(pages.len()))
            .collect(),
        outcomes: &outcomes,
    };
    let tasks = queue(locales.len(), pages.len());
    progress.start(outcomes.pages.len());
    let next = AtomicUsize::new(0);
    on_every_core(|| {
        while let Some(&task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
            run.task(task);
        }
    });
    progress.finish();
    collect(outcomes, &locales, pages.len())
}

/// The tasks in the order workers take them: the pages, locale by locale, so that locales
/// finish (and their indexes get built) one after another; then the biggest of the rest first,
/// so that the work left at the end is small and evenly shared.
fn queue(locales: usize, pages: usize) -> Vec<Task> {
    let mut tasks: Vec<Task> = (0..locales)
        .flat_map(|locale| (0..pages).map(move |page| Task::Page { locale, page }))
        .collect();
    if pages == 0 {
        tasks.extend((0..locales).map(Task::Index));
    }
    tasks.extend((0..locales).map(Task::Messages));
    tasks.extend((0..locales).map(Task::Resources));
    tasks.extend((0..locales).map(Task::LocalePages));
    tasks.push(Task::Root);
    tasks
}

/// What every worker shares.
struct Run<'r, 'a> {
    model: &'r SiteModel<'a>,
    templates: &'r Templates,
    root: &'r Path,
    progress: &'r dyn Progress,
    locales: &'r [LocaleSite<'a>],
    pages: usize,
    remaining: Vec<AtomicUsize>,
    outcomes: &'r Outcomes,
}

impl Run<'_, '_> {
    fn task(&self, task: Task) {
        let model = self.model;
        let out = self.outcomes;
        // Each slot is filled by the one task that owns it, so `set` cannot fail.
        match task {
            Task::Page { locale, page } => {
                let done = self.page(locale, page);
                let _ = out.pages[locale * self.pages + page].set(done);
                self.progress.advance();
                // The release of this decrement and the acquire of the last one make every
                // page's slot visible to the worker that builds the index.
                if self.remaining[locale].fetch_sub(1, Ordering::AcqRel) == 1 {
                    self.index(locale);
                }
            }
            Task::Index(locale) => self.index(locale),
            Task::Messages(l) => {
                let written = model.write_messages_file(&self.locales[l], self.root);
                let _ = out.messages[l].set(written);
            }
            Task::Resources(l) => {
                let written = model
                    .resources(&self.locales[l])
                    .try_for_each(|(path, text)| write(&self.root.join(path), text.as_bytes()));
                let _ = out.resources[l].set(written);
            }
            Task::LocalePages(l) => {
                let written = model
                    .locale_pages(&self.locales[l], self.templates)
                    .and_then(|files| files.iter().try_for_each(|f| self.write(f)));
                let _ = out.locale_pages[l].set(written);
            }
            Task::Root => {
                let written = model
                    .root_files(self.locales, self.templates)
                    .and_then(|files| files.iter().try_for_each(|f| self.write(f)))
                    .and_then(|()| model.copy_images(self.root));
                let _ = out.root.set(written);
            }
        }
    }

    fn page(&self, locale: usize, page: usize) -> Result<PageDone, WebError> {
        let page = &self.model.pages()[page];
        let rendered = self
            .model
            .render_page(&self.locales[locale], page, self.templates)?;
        self.write(&rendered.file)?;
        Ok(PageDone {
            fallbacks: rendered.fallbacks,
            stale: rendered.stale,
            document: rendered.document,
        })
    }

    /// Builds and writes the search index of `locale`, all of whose pages are done. A locale
    /// with a page that failed gets none: the export fails anyway.
    fn index(&self, locale: usize) {
        let slots = &self.outcomes.pages[locale * self.pages..(locale + 1) * self.pages];
        let documents: Option<Vec<&SearchDocument>> = slots
            .iter()
            .map(|slot| match slot.get() {
                Some(Ok(done)) => Some(&done.document),
                _ => None,
            })
            .collect();
        let Some(documents) = documents else { return };
        let files = self.model.search_index(&self.locales[locale], &documents);
        // A large site's index is thousands of small files: written on every core.
        let written = files
            .par_iter()
            .try_for_each(|file| self.write(file))
            .map(|()| files.iter().map(|f| f.contents.len()).sum());
        let _ = self.outcomes.index[locale].set(written);
    }

    fn write(&self, file: &SiteFile) -> Result<(), WebError> {
        write(&self.root.join(&file.path), &file.contents)
    }
}

/// The reports and search documents, or the first error in the order of a sequential export.
fn collect(
    outcomes: Outcomes,
    locales: &[LocaleSite],
    pages: usize,
) -> Result<WrittenSite, WebError> {
    let Outcomes {
        pages: page_slots,
        index,
        messages,
        resources,
        locale_pages,
        root,
    } = outcomes;
    let mut done = Vec::with_capacity(page_slots.len());
    for slot in page_slots {
        done.push(take(slot)?);
    }
    let mut index_bytes = Vec::with_capacity(locales.len());
    let locale_files = index
        .into_iter()
        .zip(locale_pages)
        .zip(messages)
        .zip(resources);
    for (((index, locale_pages), messages), resources) in locale_files {
        index_bytes.push(take(index)?);
        take(locale_pages)?;
        take(messages)?;
        take(resources)?;
    }
    take(root)?;

    let mut written = WrittenSite {
        reports: Vec::new(),
        documents: Default::default(),
        stale: Default::default(),
    };
    let mut done = done.into_iter();
    for (locale, index_bytes) in locales.iter().zip(index_bytes) {
        let (mut fallbacks, mut with_fallback, mut stale) = (0, 0, 0);
        let mut documents = Vec::with_capacity(pages);
        for page in done.by_ref().take(pages) {
            fallbacks += page.fallbacks;
            with_fallback += usize::from(page.fallbacks > 0);
            stale += usize::from(page.stale);
            documents.push(page.document);
        }
        written.reports.push(LocaleReport {
            tag: locale.tag().to_string(),
            pages,
            fallback_messages: fallbacks + locale.ui_fallbacks,
            pages_with_fallback: with_fallback,
            stale_pages: stale,
            index_bytes,
            coverage: locale.coverage,
        });
        written
            .documents
            .insert(locale.tag().to_string(), documents);
        written
            .stale
            .insert(locale.tag().to_string(), locale.stale.clone());
    }
    Ok(written)
}

/// A task's outcome. Every task runs, and a locale's index is missing only when one of its
/// pages failed, which is reported before.
fn take<T>(slot: OnceLock<Result<T, WebError>>) -> Result<T, WebError> {
    slot.into_inner()
        .unwrap_or_else(|| unreachable!("a task of the export left no outcome"))
}

fn slots<T>(n: usize) -> Vec<OnceLock<T>> {
    (0..n).map(|_| OnceLock::new()).collect()
}

/// Runs `work` once on every thread of rayon's pool (one per core), until every copy returns;
/// each copy takes tasks from the shared queue, so they are done in the queue's order. A panic
/// in any is resumed here.
fn on_every_core(work: impl Fn() + Sync) {
    rayon::broadcast(|_| work());
}
