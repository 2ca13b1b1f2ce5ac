//! Checking one file as an editor holds it: [`check_file`] runs the rules of a locale with one
//! in-memory file (unsaved text) in place of the file on disk, and keeps what concerns that file.
//! In a source-locale file it also gathers what the text breaks in the translations of the same
//! file (a renamed variable is an `unknown-variable` in every locale), for the language server.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use super::run::{EMPTY_LOCALE, check_with};
use super::{CheckError, CheckOptions};
use crate::catalog::{Catalog, CatalogFile, EntryKind, LocaleCatalog, parse_file};
use crate::config::Project;
use crate::diagnostic::{Code, Diagnostic};

/// What [`check_file`] found about one file.
#[derive(Debug, Clone, Default)]
pub struct FileCheck {
    /// Every finding of the file's own locale located in the file, plus that locale's
    /// `missing-message`s of this file (reported at the source message, `file` naming the
    /// source file).
    pub diagnostics: Vec<Diagnostic>,
    /// For a source-locale file with `translations` asked: the other locales' findings on the
    /// same file that a change of the source causes (variables, plurals, references, values,
    /// attributes, markup), each naming its locale and its `message_id`.
    pub translations: Vec<Diagnostic>,
}

/// The codes a change of the source can bring about in a translation that did not change.
const BROKEN_BY_SOURCE: &[Code] = &[
    Code::MissingValue,
    Code::ObsoleteValue,
    Code::MissingAttribute,
    Code::ObsoleteAttribute,
    Code::UnknownVariable,
    Code::DroppedVariable,
    Code::InvalidPluralCategory,
    Code::MissingPluralCategory,
    Code::DroppedReference,
    Code::AddedReference,
    Code::ChangedReference,
    Code::MarkupMismatch,
];

/// Which messages of a source file [`check_file`] follows into the translations.
#[derive(Debug, Clone, Copy)]
pub enum Translations<'a> {
    /// None: only the file's own locale is checked.
    None,
    /// Every message of the file.
    All,
    /// These messages only (the ones an edit changed): the rest of the translations' findings
    /// are what they were.
    Only(&'a [&'a str]),
}

/// Checks locale `tag` of `catalog` with `file` in place of the file of the same relative path
/// (or added, when the locale has none), and returns the findings about that file. Severities,
/// suppressions and `check.ignore` apply as in [`super::check`]; the catalog is not changed (the
/// locale is copied with the file in place).
///
/// For a source file, `translations` also compares the messages it names with their
/// translations in the file of the same path in every target locale. Only those messages are
/// checked (each locale's file reduced to them, comments kept for `fluentpress-ignore`), so an
/// edit of one message costs one message per locale, not every locale in full.
pub fn check_file(
    project: &Project,
    catalog: &Catalog,
    tag: &str,
    file: CatalogFile,
    translations: Translations<'_>,
) -> Result<FileCheck, CheckError> {
    let source_tag = project.source_locale().tag.as_str();
    project.require_locale(tag)?;
    let relative = file.relative.clone();
    let path = project.relative(&file.path).into_owned();
    let mut overlaid: LocaleCatalog =
        catalog
            .locale(tag)
            .cloned()
            .unwrap_or_else(|| LocaleCatalog {
                tag: tag.to_string(),
                dir: project.locale_dir(tag),
                files: Vec::new(),
            });
    overlaid.replace_file(file);
    let is_source = tag == source_tag;
    let options = CheckOptions {
        locales: vec![tag.to_string()],
        min_coverage: None,
    };
    let source: &LocaleCatalog = if is_source {
        &overlaid
    } else {
        catalog.locale(source_tag).unwrap_or(&EMPTY_LOCALE)
    };
    let report = check_with(project, source, &options, None, &|_| {
        Ok(Cow::Borrowed(&overlaid))
    })?;
    let source_path = project
        .relative(&project.locale_dir(source_tag).join(&relative))
        .into_owned();
    let mut out = FileCheck {
        diagnostics: report
            .diagnostics
            .into_iter()
            .filter(|d| d.file == path || (d.code == Code::MissingMessage && d.file == source_path))
            .collect(),
        translations: Vec::new(),
    };

    let only: Option<FxHashSet<&str>> = match translations {
        Translations::None => return Ok(out),
        Translations::All => None,
        Translations::Only(ids) => Some(ids.iter().copied().collect()),
    };
    if !is_source || only.as_ref().is_some_and(|ids| ids.is_empty()) {
        return Ok(out);
    }
    let Some(file) = overlaid.file(&relative) else {
        return Ok(out);
    };
    // The source file and each translation of it, reduced to the followed messages.
    let reduced_source = LocaleCatalog {
        tag: tag.to_string(),
        dir: overlaid.dir.clone(),
        files: vec![reduce(file, only.as_ref())],
    };
    let targets: Vec<LocaleCatalog> = project
        .target_locales()
        .iter()
        .map(|locale| LocaleCatalog {
            tag: locale.tag.clone(),
            dir: project.locale_dir(&locale.tag),
            files: catalog
                .locale(&locale.tag)
                .and_then(|l| l.file(&relative))
                .map(|f| reduce(f, only.as_ref()))
                .into_iter()
                .collect(),
        })
        .collect();
    let options = CheckOptions {
        locales: targets.iter().map(|l| l.tag.clone()).collect(),
        min_coverage: None,
    };
    let report = check_with(project, &reduced_source, &options, None, &|locale| {
        Ok(Cow::Borrowed(
            targets
                .iter()
                .find(|l| l.tag == locale.tag)
                .unwrap_or(&EMPTY_LOCALE),
        ))
    })?;
    for d in report.diagnostics {
        let followed = d.message_id.as_deref().is_some_and(|id| {
            let id = crate::catalog::PatternKey::parse(id).id;
            only.as_ref().is_none_or(|ids| ids.contains(id))
        });
        if followed
            && BROKEN_BY_SOURCE.contains(&d.code)
            && project.locale(&d.locale).is_some_and(|l| {
                d.file == project.relative(&project.locale_dir(&l.tag).join(&relative))
            })
        {
            out.translations.push(d);
        }
    }
    Ok(out)
}

/// `file` with only the messages in `ids` (all of them for `None`), each with the comment lines
/// just above it (`fluentpress-ignore` lives there), parsed again. Positions in it mean nothing:
/// its findings are reported by message id.
fn reduce(file: &CatalogFile, ids: Option<&FxHashSet<&str>>) -> CatalogFile {
    let Some(ids) = ids else {
        return file.clone();
    };
    let text = &file.text;
    let mut reduced = String::new();
    for entry in &file.entries {
        if entry.kind != EntryKind::Message || !ids.contains(entry.id.as_str()) {
            continue;
        }
        let start = entry.start_with_comment(text);
        reduced.push_str(&text[start..entry.span.end.min(text.len())]);
        reduced.push('\n');
    }
    parse_file(file.path.clone(), file.relative.clone(), reduced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut all = vec![(
            "fluentpress.yaml",
            "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n",
        )];
        all.extend_from_slice(files);
        for (path, text) in all {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let project = crate::config::load_project(root).unwrap();
        (dir, project)
    }

    fn overlay(project: &Project, tag: &str, relative: &str, text: &str) -> CatalogFile {
        parse_file(
            project.locale_dir(tag).join(relative),
            relative.to_string(),
            text.to_string(),
        )
    }

    #[test]
    fn the_unsaved_text_is_checked_not_the_file_on_disk() {
        let (_dir, project) = project(&[
            (
                "locales/en-US/ui.ftl",
                "hello = Hello { $name }\nbye = Bye\n",
            ),
            (
                "locales/fr/ui.ftl",
                "hello = Bonjour { $name }\nbye = Au revoir\n",
            ),
        ]);
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        let text = "hello = Bonjour { $nom }\n";
        let found = check_file(
            &project,
            &catalog,
            "fr",
            overlay(&project, "fr", "ui.ftl", text),
            Translations::None,
        )
        .unwrap();
        let codes: Vec<&str> = found.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"unknown-variable"), "{codes:?}");
        // `bye` is missing from the buffer (not from the disk): reported at the source.
        let missing = found
            .diagnostics
            .iter()
            .find(|d| d.code == Code::MissingMessage)
            .unwrap();
        assert_eq!(missing.message_id.as_deref(), Some("bye"));
        assert_eq!(missing.file, "locales/en-US/ui.ftl");
        // The catalog itself is untouched.
        assert!(
            catalog.locale("fr").unwrap().files[0]
                .text
                .contains("$name")
        );
    }

    #[test]
    fn a_source_change_reports_what_it_breaks_in_translations() {
        let (_dir, project) = project(&[
            ("locales/en-US/ui.ftl", "hello = Hello { $name }\n"),
            ("locales/fr/ui.ftl", "hello = Bonjour { $name }\n"),
        ]);
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        let text = "hello = Hello { $user }\n";
        let found = check_file(
            &project,
            &catalog,
            "en-US",
            overlay(&project, "en-US", "ui.ftl", text),
            Translations::All,
        )
        .unwrap();
        assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
        let broken: Vec<(&str, &str)> = found
            .translations
            .iter()
            .map(|d| (d.locale.as_str(), d.code.as_str()))
            .collect();
        assert!(broken.contains(&("fr", "unknown-variable")), "{broken:?}");
        assert!(broken.contains(&("fr", "dropped-variable")), "{broken:?}");
        // Following another message only: `hello`'s findings are not recomputed.
        let only = check_file(
            &project,
            &catalog,
            "en-US",
            overlay(&project, "en-US", "ui.ftl", text),
            Translations::Only(&["bye"]),
        )
        .unwrap();
        assert!(only.translations.is_empty(), "{:?}", only.translations);
        let only = check_file(
            &project,
            &catalog,
            "en-US",
            overlay(&project, "en-US", "ui.ftl", text),
            Translations::Only(&["hello"]),
        )
        .unwrap();
        assert_eq!(only.translations, found.translations);
    }
}
