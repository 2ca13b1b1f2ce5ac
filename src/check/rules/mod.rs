//! The rules of `check`, one module per rule (or per pair of mirror rules). Each looks at one
//! locale through a [`LocaleContext`] and pushes diagnostics; severities and suppressions are
//! applied afterwards by the caller.

mod broken_links;
mod coverage;
mod duplicate_attributes;
mod duplicate_variant_keys;
mod duplicates;
mod empty;
mod files;
mod format;
mod glossary;
mod identical;
mod markup;
pub(super) mod messages;
mod plurals;
mod reference_changes;
mod references;
mod stale;
mod syntax;
mod variables;

use super::{Diagnostic, LocaleContext};
use crate::catalog::{CatalogFile, Entry, EntryKind, PatternInfo, PatternKey};

/// A source pattern and its translation: the value of a message in both locales, or one
/// attribute in both.
pub struct PatternPair<'a> {
    pub message_id: &'a str,
    /// The attribute, when the pair is an attribute's.
    pub attribute: Option<&'a str>,
    pub source: &'a PatternInfo,
    pub target_file: &'a CatalogFile,
    pub target_entry: &'a Entry,
    pub target: &'a PatternInfo,
}

impl PatternPair<'_> {
    /// `id` or `id.attribute`, for reports (built only when something is reported).
    pub fn key(&self) -> String {
        PatternKey::new(EntryKind::Message, self.message_id, self.attribute).to_string()
    }

    /// Where to point for a problem with the whole translation: its first text, or the id.
    pub fn target_offset(&self) -> usize {
        self.target_entry.pattern_offset(self.target)
    }
}

/// One pattern of a locale's entry, where the per-pattern rules look.
#[derive(Clone, Copy)]
pub struct PatternAt<'a> {
    pub file: &'a CatalogFile,
    pub entry: &'a Entry,
    /// The attribute, or `None` for the entry's value.
    pub attribute: Option<&'a str>,
    pub pattern: &'a PatternInfo,
}

/// The patterns of a message present in both the source and the target (its value, its
/// attributes), each handed to `each`.
fn pairs_of<'a>(
    source_entry: &'a Entry,
    target_file: &'a CatalogFile,
    target_entry: &'a Entry,
    mut each: impl FnMut(&PatternPair<'a>),
) {
    if let (Some(source), Some(target)) = (&source_entry.value, &target_entry.value) {
        each(&PatternPair {
            attribute: None,
            message_id: &target_entry.id,
            source,
            target_file,
            target_entry,
            target,
        });
    }
    // A later copy of an attribute is never shown (`duplicate-attribute` says so): comparing
    // it with the source would report problems nobody sees. (A set, for entries with
    // thousands of attributes; most have none or one and never fill it.)
    let mut seen = rustc_hash::FxHashSet::default();
    for attribute in &target_entry.attributes {
        if target_entry.attributes.len() > 1 && !seen.insert(attribute.name.as_str()) {
            continue;
        }
        if let Some(source_attribute) = source_entry.attribute(&attribute.name) {
            each(&PatternPair {
                attribute: Some(&attribute.name),
                message_id: &target_entry.id,
                source: &source_attribute.pattern,
                target_file,
                target_entry,
                target: &attribute.pattern,
            });
        }
    }
}

pub use plurals::plural_patterns;

/// Runs every rule on one locale.
pub fn run_all(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Rules about the locale on its own: they apply to the source locale too.
    syntax::check(ctx, out);
    duplicates::check(ctx, out);
    // The rules that look at each entry on its own, in one pass over the locale (see the pass
    // over pairs below).
    let plural_rules = plurals::Plurals::new(ctx);
    let mut pages = None;
    for (file, entry) in ctx.target.entries() {
        duplicate_attributes::check_entry(ctx, file, entry, out);
        references::check_entry(ctx, file, entry, out);
        for (attribute, pattern) in entry.named_patterns() {
            let at = PatternAt {
                file,
                entry,
                attribute,
                pattern,
            };
            duplicate_variant_keys::check_pattern(ctx, &at, out);
            plurals::check_pattern(ctx, &plural_rules, &at, out);
            empty::check_pattern(ctx, &at, out);
            markup::check_depth_pattern(ctx, &at, out);
            broken_links::check_pattern(ctx, &mut pages, &at, out);
        }
    }
    plurals::check_untranslated_forms(ctx, &plural_rules, out);
    format::check(ctx, out);
    files::unused_folders(ctx, out);
    if ctx.is_source {
        return;
    }
    // Rules comparing a translation with its source.
    files::check(ctx, out);
    // Each source message with its translation, in one pass: the messages rule, then the rules
    // on each of its patterns beside the source's (a locale's entries are read from memory
    // once, not once per rule: 50,000 entries of an application do not stay in the cache
    // between passes).
    let kept: Vec<&str> = ctx.glossary.kept_names().collect();
    for matched in &ctx.matched {
        messages::check_match(ctx, matched, out);
        let &((_, source_entry), target) = matched;
        let Some((target_file, target_entry)) = target else {
            continue;
        };
        pairs_of(source_entry, target_file, target_entry, |pair| {
            variables::check_pair(ctx, pair, out);
            reference_changes::check_pair(ctx, pair, out);
            markup::check_pair(ctx, pair, out);
            identical::check_pair(ctx, pair, &kept, out);
            glossary::check_pair(ctx, pair, out);
        });
    }
    messages::check_obsolete(ctx, out);
    messages::check_terms(ctx, out);
    stale::check(ctx, out);
    coverage::check(ctx, out);
}

/// The byte offset of `needle` inside the entry's text (first occurrence), or its id.
fn find_in_entry(file: &CatalogFile, entry: &Entry, needle: &str) -> usize {
    file.text
        .get(entry.span.clone())
        .and_then(|text| text.find(needle))
        .map_or(entry.id_span.start, |i| entry.span.start + i)
}

#[cfg(test)]
pub mod tests {
    //! A tiny project per test: en-US source plus one target locale, checked in full.

    use crate::check::{CheckOptions, Diagnostic, check};

    pub const TARGETS: &str = "locales:\n  - tag: fr\n    name: Français\n  - tag: zh-CN\n    name: 简体中文\n  - tag: pl\n    name: Polski\n  - tag: de\n    name: Deutsch\n    complete: true\n";

    /// Checks `tag` with the given source and target files; returns its diagnostics.
    pub fn run(tag: &str, source: &[(&str, &str)], target: &[(&str, &str)]) -> Vec<Diagnostic> {
        run_with("", tag, source, target, &[])
    }

    /// Like [`run`] with `--min-coverage`.
    pub fn run_with_min_coverage(
        min: f64,
        tag: &str,
        source: &[(&str, &str)],
        target: &[(&str, &str)],
    ) -> Vec<Diagnostic> {
        run_full("", tag, source, target, &[], min)
    }

    /// Like [`run`], with extra configuration YAML and extra files (path, contents).
    pub fn run_with(
        extra_config: &str,
        tag: &str,
        source: &[(&str, &str)],
        target: &[(&str, &str)],
        extra_files: &[(&str, &str)],
    ) -> Vec<Diagnostic> {
        run_full(extra_config, tag, source, target, extra_files, 0.0)
    }

    /// Like [`run`] with the whole target list of the configuration given (`locales:` ...).
    pub fn run_full_config(
        config: &str,
        tag: &str,
        source: &[(&str, &str)],
        target: &[(&str, &str)],
    ) -> Vec<Diagnostic> {
        run_project(config, tag, source, target, &[], 0.0)
    }

    fn run_full(
        extra_config: &str,
        tag: &str,
        source: &[(&str, &str)],
        target: &[(&str, &str)],
        extra_files: &[(&str, &str)],
        min_coverage: f64,
    ) -> Vec<Diagnostic> {
        let config = format!("{TARGETS}{extra_config}");
        run_project(&config, tag, source, target, extra_files, min_coverage)
    }

    fn run_project(
        extra_config: &str,
        tag: &str,
        source: &[(&str, &str)],
        target: &[(&str, &str)],
        extra_files: &[(&str, &str)],
        min_coverage: f64,
    ) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("fluentpress.yaml"),
            format!(
                "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\n{extra_config}"
            ),
        )
        .unwrap();
        let write = |path: String, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        for (path, text) in source {
            write(format!("locales/en-US/{path}"), text);
        }
        for (path, text) in target {
            write(format!("locales/{tag}/{path}"), text);
        }
        for (path, text) in extra_files {
            write(path.to_string(), text);
        }
        let project = crate::config::load_project(root).unwrap();
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        let options = CheckOptions {
            locales: vec![tag.to_string()],
            min_coverage: Some(min_coverage),
        };
        check(&project, &catalog, &options, None)
            .unwrap()
            .diagnostics
    }

    /// The codes found, in report order.
    pub fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
        diagnostics.iter().map(|d| d.code.as_str()).collect()
    }
}
