//! The resolved project every stage works from: its locales (source first, each with its
//! fallback chain) and absolute folders, made by `resolve.rs` from the file as written.

use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::{CheckConfig, PrintConfig, SiteConfig};
use crate::fsutil;

/// One locale of the project, source or target, with its resolved fallback chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Locale {
    /// The canonical BCP 47 tag, also the locale's folder name under `locales/` unless the
    /// configuration names another folder.
    pub tag: String,
    /// The folder holding the locale's `.ftl` files (absolute; it may not exist).
    pub dir: PathBuf,
    pub langid: LanguageIdentifier,
    /// The language's own name ("简体中文"), for language switchers.
    pub name: String,
    /// Tags tried after this locale's own messages, in order; ends with the source locale
    /// (empty for the source locale itself).
    pub fallback_chain: Vec<String>,
    pub complete: bool,
    /// Percent of source messages required to publish and to pass `check`.
    pub min_coverage: f64,
}

/// The validated project: configuration plus absolute paths.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config_path: PathBuf,
    pub site: SiteConfig,
    /// The source locale first, then the targets in configuration order.
    pub locales: Vec<Locale>,
    pub content_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub output_dir: PathBuf,
    pub snapshots_dir: PathBuf,
    pub check: CheckConfig,
    /// The `print:` section, with `font_dirs` made absolute.
    pub print: PrintConfig,
}

impl Project {
    pub fn source_locale(&self) -> &Locale {
        &self.locales[0]
    }

    pub fn target_locales(&self) -> &[Locale] {
        &self.locales[1..]
    }

    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.tag == tag)
    }

    /// The folder holding one locale's `.ftl` files: the configured folder, or
    /// `<paths.locales>/<tag>`.
    pub fn locale_dir(&self, tag: &str) -> PathBuf {
        match self.locale(tag) {
            Some(locale) => locale.dir.clone(),
            None => self.locales_dir.join(tag),
        }
    }

    /// Whether `path` lies inside the project, by its components (`..` resolved): a locale
    /// folder outside it is read but never written.
    pub fn contains(&self, path: &Path) -> bool {
        fn normal(path: &Path) -> PathBuf {
            // The root may be relative (`.`): `..` must climb above it, not vanish.
            // (The root of a project run from its own folder is the empty path.)
            let path = if path.as_os_str().is_empty() {
                Path::new(".")
            } else {
                path
            };
            let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            let mut out = PathBuf::new();
            for component in path.components() {
                match component {
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => out.push(other),
                }
            }
            out
        }
        normal(path).starts_with(normal(&self.root))
    }

    /// A path relative to the project root, with `/` separators, for messages and reports.
    pub fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, str> {
        fsutil::display_relative(&self.root, path)
    }

    /// The folders under `paths.locales` no configured locale reads, each with the configured
    /// tag it most resembles, if any (`de_DE` → `de-DE`): a renamed tag would otherwise leave
    /// its translations unread while the locale shows 0%. Sorted; none when the folder cannot
    /// be listed.
    pub fn unused_locale_folders(&self) -> Vec<(PathBuf, Option<String>)> {
        let Ok(listing) = std::fs::read_dir(&self.locales_dir) else {
            return Vec::new();
        };
        let mut out: Vec<(PathBuf, Option<String>)> = listing
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .filter(|path| self.locales.iter().all(|l| !l.dir.starts_with(path)))
            .map(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let suggestion = closest_tag(&name, &self.locales);
                (path, suggestion)
            })
            .collect();
        out.sort();
        out
    }
}

/// The configured tag a folder name most likely meant: the same once `_` is `-` and case is
/// ignored, or within two edits of it, or else the one configured tag of the same language
/// (`fr_FR` when only `fr` is configured).
fn closest_tag(name: &str, locales: &[Locale]) -> Option<String> {
    let wanted = name.replace('_', "-").to_ascii_lowercase();
    let close = locales
        .iter()
        .map(|l| {
            (
                crate::languages::edit_distance(&wanted, &l.tag.to_ascii_lowercase()),
                &l.tag,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, tag)| tag.clone());
    close.or_else(|| {
        let language = wanted.split('-').next().unwrap_or_default();
        let mut same = locales
            .iter()
            .filter(|l| l.langid.language.as_str() == language);
        match (same.next(), same.next()) {
            (Some(only), None) => Some(only.tag.clone()),
            _ => None,
        }
    })
}
