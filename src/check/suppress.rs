//! Suppressions: `check.ignore` entries of the configuration (code, locale, message glob) and
//! `# fluentpress-ignore: CODE` comments on the message a diagnostic is about.

use super::LocaleContext;
use crate::catalog::{Entry, Located, PatternKey};
use crate::diagnostic::{Code, Diagnostic};

/// Config `check.ignore` entries, and `# fluentpress-ignore: CODE[, CODE]` comments on the
/// translated message (or on the source message, for diagnostics about what is missing).
pub(super) fn is_suppressed(ctx: &LocaleContext<'_>, d: &Diagnostic) -> bool {
    let by_config = ctx.project.check.ignore.iter().any(|rule| {
        rule.code == d.code.as_str()
            && rule.locale.as_ref().is_none_or(|l| l == &d.locale)
            && rule.message.as_ref().is_none_or(|glob| {
                d.message_id
                    .as_deref()
                    .is_some_and(|id| glob_match(glob, id))
            })
    });
    if by_config {
        return true;
    }
    let Some(id) = d.message_id.as_deref() else {
        return false;
    };
    let comment_ignores = |entry: &Entry| {
        entry.comment.as_deref().is_some_and(|comment| {
            comment.lines().any(|line| {
                line.trim()
                    .strip_prefix("fluentpress-ignore:")
                    .is_some_and(|codes| codes.split(',').any(|c| c.trim() == d.code.as_str()))
            })
        })
    };
    let key = PatternKey::parse(id);
    let (target, source) = definitions(ctx, d, key);
    let in_target = target.is_some_and(|(_, e)| comment_ignores(e));
    let in_source = source.is_some_and(|(_, e)| comment_ignores(e));
    in_target
        || (in_source
            && !ctx.is_source
            && matches!(d.code, Code::MissingMessage | Code::IdenticalToSource))
}

/// The target's and the source's definitions a diagnostic is about. Per locale, the locale's
/// (first) definition of the id; when files form bundles, an id may live in several files, and
/// the definitions are those of the file the diagnostic names (the source file of a missing
/// message, the locale's file otherwise) and its counterpart of the same path.
fn definitions<'a>(
    ctx: &LocaleContext<'a>,
    d: &Diagnostic,
    key: PatternKey<'_>,
) -> (Option<Located<'a>>, Option<Located<'a>>) {
    let (target, source) = (ctx.target_index.entry(key), ctx.source_index.entry(key));
    if ctx.target_index.is_per_locale() {
        return (target, source);
    }
    // The file of a first definition is often the one named (an id in one file only).
    let file = [target, source]
        .into_iter()
        .flatten()
        .map(|(f, _)| f)
        .chain(ctx.target.files.iter())
        .chain(ctx.source.files.iter())
        .find(|f| ctx.file_path(f) == d.file);
    match file {
        // Matched by the path below the locale folder, the same in the source and the target.
        Some(file) => (
            ctx.target_index.matching(file, key.kind, key.id),
            ctx.source_index.matching(file, key.kind, key.id),
        ),
        None => (target, source),
    }
}

/// `*` matches any run of characters, `?` one character (the matcher of `check.bundles`' path
/// segments, applied to a whole message id).
pub fn glob_match(glob: &str, text: &str) -> bool {
    crate::config::wildcard_match(glob, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("home-*", "home-title"));
        assert!(glob_match("*-title", "home-title"));
        assert!(glob_match("h?me-*-p1", "home-esg-p1"));
        assert!(!glob_match("home-*", "profile-title"));
        assert!(glob_match("*", ""));
    }

    /// With files in bundles of their own, the comment that counts is on the definition the
    /// diagnostic is about, in its own file, not on the locale's first definition of the id.
    #[test]
    fn each_bundles_own_comment_suppresses() {
        use crate::check::rules::tests::run_with;
        let source: &[(&str, &str)] = &[
            ("a.ftl", "x = Same words here\n"),
            ("b.ftl", "x = Same words here\n"),
        ];
        let target: &[(&str, &str)] = &[
            ("a.ftl", "x = Same words here\n"),
            (
                "b.ftl",
                "# fluentpress-ignore: identical-to-source\nx = Same words here\n",
            ),
        ];
        let identical = |config: &str| -> Vec<String> {
            run_with(config, "fr", source, target, &[])
                .into_iter()
                .filter(|d| d.code.as_str() == "identical-to-source")
                .map(|d| d.file)
                .collect()
        };
        assert_eq!(
            identical("check:\n  bundles: per-file\n"),
            ["locales/fr/a.ftl"]
        );
        // The comment on a.ftl's copy silences a.ftl's finding only.
        let target: &[(&str, &str)] = &[
            (
                "a.ftl",
                "# fluentpress-ignore: identical-to-source\nx = Same words here\n",
            ),
            ("b.ftl", "x = Same words here\n"),
        ];
        let found: Vec<String> =
            run_with("check:\n  bundles: per-file\n", "fr", source, target, &[])
                .into_iter()
                .filter(|d| d.code.as_str() == "identical-to-source")
                .map(|d| d.file)
                .collect();
        assert_eq!(found, ["locales/fr/b.ftl"]);
        // A missing message is silenced by the comment on its own source file's definition.
        let source: &[(&str, &str)] = &[
            ("a.ftl", "x = A words\n"),
            (
                "b.ftl",
                "# fluentpress-ignore: missing-message\nx = B words\n",
            ),
        ];
        let missing: Vec<String> = run_with(
            "check:\n  bundles: per-file\n",
            "fr",
            source,
            &[("a.ftl", "y = Y\n"), ("b.ftl", "y = Y\n")],
            &[],
        )
        .into_iter()
        .filter(|d| d.code.as_str() == "missing-message")
        .map(|d| d.file)
        .collect();
        assert_eq!(missing, ["locales/en-US/a.ftl"]);
    }
}
