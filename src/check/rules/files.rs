//! `missing-file` / `obsolete-file`: the locale's files against the source's, by relative path.
//! A missing file is reported once, with the number of messages it holds; its messages are not
//! reported again one by one.
//!
//! `unused-folder`: a folder under `paths.locales` that no configured locale reads (a renamed
//! or misspelt tag leaves its translations unread while the locale shows 0%). It is filed under
//! the configured locale it resembles (`de_DE` under `de-DE`), so `check de-DE` shows it, or
//! under the source locale when it resembles none.

use crate::catalog::EntryKind;
use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for source_file in &ctx.source.files {
        if ctx.target.file(&source_file.relative).is_some() {
            continue;
        }
        let messages: Vec<&str> = source_file
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Message)
            .map(|e| e.id.as_str())
            .filter(|id| {
                ctx.target_index
                    .matching(source_file, EntryKind::Message, id)
                    .is_none()
            })
            .collect();
        if messages.is_empty() {
            continue;
        }
        let expected = ctx.target.dir.join(&source_file.relative);
        out.push(Diagnostic {
            severity: Code::MissingFile.default_severity(),
            code: Code::MissingFile,
            locale: ctx.locale.tag.clone(),
            file: ctx.project.relative(&expected).into_owned(),
            line: 1,
            column: 1,
            message_id: None,
            message: format!(
                "{} is not translated yet: {} to translate",
                source_file.relative,
                crate::numbers::count(messages.len(), "message")
            ),
            help: Some(format!(
                "create it from {} and translate it",
                ctx.file_path(source_file)
            )),
            locale_file: None,
            width: 1,
            source_line: None,
        });
    }
    for target_file in &ctx.target.files {
        if ctx.source.file(&target_file.relative).is_none() {
            let mut d = ctx.at(
                Code::ObsoleteFile,
                target_file,
                0,
                1,
                None,
                format!(
                    "{} has no counterpart in {}",
                    target_file.relative,
                    ctx.project.source_locale().tag
                ),
            );
            d.help = Some("delete it, or rename it to match a source file".into());
            out.push(d);
        }
    }
}

/// `unused-folder` for the folders that belong with this locale (see the module's comment).
pub fn unused_folders(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (folder, resembles) in ctx.unused_folders {
        let ours = match resembles {
            Some(tag) => *tag == ctx.locale.tag,
            None => ctx.is_source,
        };
        if !ours {
            continue;
        }
        let name = folder.file_name().unwrap_or_default().to_string_lossy();
        let help = match resembles {
            Some(tag) => format!(
                "did you mean `{tag}`? rename the folder to `{tag}`, or set `folder: {name}` on locale `{tag}` in fluentpress.yaml"
            ),
            None => "add a locale for it to fluentpress.yaml (with `folder:` if its name is not the tag), or remove it".to_string(),
        };
        let path = ctx.project.relative(folder).into_owned();
        out.push(Diagnostic {
            severity: Code::UnusedFolder.default_severity(),
            code: Code::UnusedFolder,
            locale: ctx.locale.tag.clone(),
            message: format!(
                "{path} is not the folder of any configured locale; its files are not checked"
            ),
            file: path,
            line: 1,
            column: 1,
            message_id: None,
            help: Some(help),
            locale_file: None,
            width: 1,
            source_line: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn missing_and_obsolete_files() {
        let d = run(
            "fr",
            &[("a.ftl", "x = X\n"), ("b.ftl", "y = Y\nz = Z\n")],
            &[("a.ftl", "x = X1\n"), ("old.ftl", "w = W\n")],
        );
        let missing: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "missing-file")
            .collect();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].file, "locales/fr/b.ftl");
        assert!(missing[0].message.contains("2 messages"));
        assert!(codes(&d).contains(&"obsolete-file"));
        // The missing file's messages are not reported one by one.
        assert!(d.iter().all(|d| d.message_id.as_deref() != Some("y")));
    }

    #[test]
    fn matching_files_are_clean() {
        let d = run("fr", &[("a.ftl", "x = X\n")], &[("a.ftl", "x = X1\n")]);
        assert!(!codes(&d).iter().any(|c| c.ends_with("-file")));
    }
}
