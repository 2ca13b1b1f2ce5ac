//! Suppressions: `check.ignore` entries of the configuration (code, locale, message glob) and
//! `# fluentpress-ignore: CODE` comments on the message a diagnostic is about.

use super::LocaleContext;
use crate::catalog::{Entry, PatternKey};
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
    let in_target = ctx
        .target_index
        .entry(key)
        .is_some_and(|(_, e)| comment_ignores(e));
    let in_source = ctx
        .source_index
        .entry(key)
        .is_some_and(|(_, e)| comment_ignores(e));
    in_target
        || (in_source
            && !ctx.is_source
            && matches!(d.code, Code::MissingMessage | Code::IdenticalToSource))
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
}
