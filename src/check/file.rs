//! Checking one file as an editor holds it: [`check_file`] runs the rules of a locale with one
//! in-memory file (unsaved text) in place of the file on disk, and keeps what concerns that file.
//! In a source-locale file it also gathers what the text breaks in the translations of the same
//! file (a renamed variable is an `unknown-variable` in every locale), for the language server.

use std::borrow::Cow;

use super::run::{EMPTY_LOCALE, check_with};
use super::{CheckError, CheckOptions};
use crate::catalog::{Catalog, CatalogFile, LocaleCatalog};
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

/// Checks locale `tag` of `catalog` with `file` in place of the file of the same relative path
/// (or added, when the locale has none), and returns the findings about that file. Severities,
/// suppressions and `check.ignore` apply as in [`super::check`]; the catalog is not changed (the
/// locale is copied with the file in place). With `translations`, a source file is also checked
/// against every target locale.
pub fn check_file(
    project: &Project,
    catalog: &Catalog,
    tag: &str,
    file: CatalogFile,
    translations: bool,
) -> Result<FileCheck, CheckError> {
    let source_tag = project.source_locale().tag.as_str();
    if project.locale(tag).is_none() {
        return Err(CheckError::UnknownLocale {
            tag: tag.to_string(),
            configured: project
                .locales
                .iter()
                .map(|l| l.tag.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
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
    let locales: Vec<String> = if is_source && translations {
        project.locales.iter().map(|l| l.tag.clone()).collect()
    } else {
        vec![tag.to_string()]
    };
    let options = CheckOptions {
        locales,
        min_coverage: None,
    };
    let source: &LocaleCatalog = if is_source {
        &overlaid
    } else {
        catalog.locale(source_tag).unwrap_or(&EMPTY_LOCALE)
    };
    let report = check_with(project, source, &options, None, &|locale| {
        Ok(if locale.tag == tag {
            Cow::Borrowed(&overlaid)
        } else {
            Cow::Borrowed(catalog.locale(&locale.tag).unwrap_or(&EMPTY_LOCALE))
        })
    })?;
    let source_path = project
        .relative(&project.locale_dir(source_tag).join(&relative))
        .into_owned();
    let mut out = FileCheck::default();
    for d in report.diagnostics {
        if d.locale == tag {
            if d.file == path || (d.code == Code::MissingMessage && d.file == source_path) {
                out.diagnostics.push(d);
            }
        } else if BROKEN_BY_SOURCE.contains(&d.code)
            && d.message_id.is_some()
            && project.locale(&d.locale).is_some_and(|l| {
                d.file == project.relative(&project.locale_dir(&l.tag).join(&relative))
            })
        {
            out.translations.push(d);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::parse_file;

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
            false,
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
            true,
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
    }
}
