//! A diagnostic's severity: the code's default (missing translations are errors in a locale
//! marked `complete`), then `check.severity`, then `check.locales.<tag>.severity`.
//!
//! A same-language variant (en-GB beside an en-US source) has its own policy for
//! `identical-to-source`: most of its text is rightly the source's, so the finding is off
//! unless the variant's own `check.locales.<tag>.severity` turns it on.

use super::LocaleContext;
use crate::config::SeverityConfig;
use crate::diagnostic::{Code, Severity};

/// Default, then `check.severity`, then `check.locales.<tag>.severity`; `None` when off.
pub(super) fn resolve_severity(ctx: &LocaleContext<'_>, code: Code) -> Option<Severity> {
    let mut severity = match code {
        Code::MissingMessage | Code::MissingFile if ctx.locale.complete => Severity::Error,
        _ => code.default_severity(),
    };
    let config = &ctx.project.check;
    let own = config
        .locales
        .get(&ctx.locale.tag)
        .and_then(|l| l.severity.get(code.as_str()));
    if code == Code::IdenticalToSource && is_same_language_variant(ctx) {
        return match own? {
            SeverityConfig::Error => Some(Severity::Error),
            SeverityConfig::Warning => Some(Severity::Warning),
            SeverityConfig::Off => None,
        };
    }
    let overrides = [
        config.severity.get(code.as_str()),
        config
            .locales
            .get(&ctx.locale.tag)
            .and_then(|l| l.severity.get(code.as_str())),
    ];
    for setting in overrides.into_iter().flatten() {
        match setting {
            SeverityConfig::Error => severity = Severity::Error,
            SeverityConfig::Warning => severity = Severity::Warning,
            SeverityConfig::Off => return None,
        }
    }
    Some(severity)
}

/// A target locale of the source's language (en-GB for an en-US source).
fn is_same_language_variant(ctx: &LocaleContext<'_>) -> bool {
    let source = &ctx.project.source_locale().langid;
    !ctx.is_source && ctx.locale.langid.language == source.language
}
