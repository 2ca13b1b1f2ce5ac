//! Finding and reading a project's `.ftl` files: every configured locale, or some, in parallel
//! across locales or across files, into a [`Catalog`].

use std::path::{Path, PathBuf};

use super::file::{CatalogFile, Unreadable, parse_file, unreadable_file};
use super::{Catalog, CatalogError, LocaleCatalog};
use crate::config::Project;
use crate::content;
use crate::fsutil;
use crate::parallel;

/// Loads every configured locale.
pub fn load_catalog(project: &Project) -> Result<Catalog, CatalogError> {
    let tags: Vec<&str> = project.locales.iter().map(|l| l.tag.as_str()).collect();
    load_locales(project, &tags)
}

/// Loads the named locales (which must be configured), in the order given.
///
/// Each core takes the next locale when it is done with one: it lists the locale's folder and
/// reads and parses its files. With fewer locales than cores the files are shared out instead,
/// so loading one big locale still uses every core.
pub fn load_locales(project: &Project, tags: &[&str]) -> Result<Catalog, CatalogError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if tags.len() < cores {
        return load_locales_by_file(project, tags);
    }
    let locales = parallel::map(tags, |tag| load_locale(project, tag))
        .into_iter()
        .collect::<Result<_, _>>()?;
    Ok(Catalog { locales })
}

/// One locale, on the calling thread.
pub fn load_locale(project: &Project, tag: &str) -> Result<LocaleCatalog, CatalogError> {
    let dir = project.locale_dir(tag);
    let mut files = Vec::new();
    for (path, relative) in list_locale(project, &dir)? {
        files.extend(read_file(&path, &relative)?);
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(LocaleCatalog {
        tag: tag.to_string(),
        dir,
        files,
    })
}

/// The locales' files shared out between the cores.
fn load_locales_by_file(project: &Project, tags: &[&str]) -> Result<Catalog, CatalogError> {
    let mut jobs: Vec<(usize, PathBuf, String)> = Vec::new();
    let mut locales = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let dir = project.locale_dir(tag);
        for (path, relative) in list_locale(project, &dir)? {
            jobs.push((index, path, relative));
        }
        locales.push(LocaleCatalog {
            tag: tag.to_string(),
            dir,
            files: Vec::new(),
        });
    }
    let read = parallel::map(&jobs, |(_, path, relative)| read_file(path, relative));
    for ((index, ..), file) in jobs.iter().zip(read) {
        locales[*index].files.extend(file?);
    }
    for locale in &mut locales {
        locale.files.sort_by(|a, b| a.relative.cmp(&b.relative));
    }
    Ok(Catalog { locales })
}

/// The `.ftl` files of a locale's folder, each with its path below the folder; none when the
/// folder does not exist (an empty locale).
fn list_locale(project: &Project, dir: &Path) -> Result<Vec<(PathBuf, String)>, CatalogError> {
    let mut paths = Vec::new();
    if dir.is_dir() {
        // Links must stay inside the project, or inside a folder configured outside it (an
        // application's source strings in their own repository).
        let root = if project.contains(dir) {
            project.root.as_path()
        } else {
            dir
        };
        content::collect_files(root, dir, "ftl", &mut paths)?;
    }
    Ok(paths
        .into_iter()
        .map(|path| {
            let relative = fsutil::display_relative(dir, &path).into_owned();
            (path, relative)
        })
        .collect())
}

/// Reads and parses one listed file; `None` when it was deleted since it was listed (by a
/// concurrent `extract`, say): then it is simply not there, as if listed a moment later.
///
/// A file that is not UTF-8, or not a regular file (a FIFO named `x.ftl` would be read
/// forever), is one unreadable file of the locale, reported by check, not an error that stops
/// the whole run: one translator's bad save must not hide every other locale's problems.
fn read_file(path: &Path, relative: &str) -> Result<Option<CatalogFile>, CatalogError> {
    let bytes = match fsutil::read_bytes(path) {
        Err(fsutil::ReadError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(None);
        }
        Err(fsutil::ReadError::NotAFile { .. }) => {
            return Ok(Some(unreadable_file(
                path.to_path_buf(),
                relative.to_string(),
                String::new(),
                0,
                Unreadable::NotAFile,
            )));
        }
        bytes => bytes?,
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let location = fsutil::not_utf8_location(path, e.as_bytes(), offset);
            return Ok(Some(unreadable_file(
                path.to_path_buf(),
                relative.to_string(),
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                offset,
                Unreadable::NotUtf8(location),
            )));
        }
    };
    Ok(Some(parse_file(
        path.to_path_buf(),
        relative.to_string(),
        text,
    )))
}
