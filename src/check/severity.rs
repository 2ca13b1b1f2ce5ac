//! A diagnostic's severity: the code's default (missing translations are errors in a locale
//! marked `complete`), then `check.severity`, then `check.locales.<tag>.severity`.

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
