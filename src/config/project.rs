//! The resolved project every stage works from: its locales (source first, each with its
//! fallback chain) and absolute folders, made by `resolve.rs` from the file as written.

use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::{CheckConfig, PrintConfig, SiteConfig};
use crate::fsutil;

/// One locale of the project, source or target, with its resolved fallback chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Locale {
    /// The canonical BCP 47 tag, also the locale's folder name under `locales/`.
    pub tag: String,
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

    /// The folder holding one locale's `.ftl` files.
    pub fn locale_dir(&self, tag: &str) -> PathBuf {
        self.locales_dir.join(tag)
    }

    /// A path relative to the project root, with `/` separators, for messages and reports.
    pub fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, str> {
        fsutil::display_relative(&self.root, path)
    }
}
