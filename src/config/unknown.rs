//! The one error every command gives for a locale it was asked for and the project does not
//! configure (`check zh_cn`, `export web --locale xx`, `xliff export de`): worded the same
//! everywhere, listing the configured tags, and naming the tag most likely meant (`zh-CN` for
//! `zh_cn`, see [`crate::languages::closest_configured`]).

use super::Project;

/// A locale tag that is not one of the project's (or not one of its targets, for commands that
/// work on translations only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{tag}` is not a configured {kind} (configured: {}){}{}",
    .configured.join(", "),
    .problem.as_ref().map(|p| format!("; {p}")).unwrap_or_default(),
    .suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
)]
pub struct UnknownLocale {
    pub tag: String,
    /// `locale`, or `target locale`.
    pub kind: &'static str,
    pub configured: Vec<String>,
    /// What is wrong with the tag itself, when it names no known language, script or region
    /// (`` `Hanx` is not a known script (ISO 15924) ``).
    pub problem: Option<String>,
    /// The configured tag most likely meant.
    pub suggestion: Option<String>,
}

impl Project {
    /// The locale `tag` (the source or a target), or the error naming the tag meant.
    pub fn require_locale(&self, tag: &str) -> Result<&super::Locale, UnknownLocale> {
        self.locale(tag)
            .ok_or_else(|| unknown(tag, "locale", self.locales.iter()))
    }

    /// The target locale `tag`, or the error naming the target meant.
    pub fn require_target_locale(&self, tag: &str) -> Result<&super::Locale, UnknownLocale> {
        self.target_locales()
            .iter()
            .find(|l| l.tag == tag)
            .ok_or_else(|| unknown(tag, "target locale", self.target_locales().iter()))
    }
}

fn unknown<'a>(
    tag: &str,
    kind: &'static str,
    locales: impl Iterator<Item = &'a super::Locale>,
) -> UnknownLocale {
    let configured: Vec<&str> = locales.map(|l| l.tag.as_str()).collect();
    UnknownLocale {
        tag: tag.to_string(),
        kind,
        problem: crate::languages::unknown_part(tag),
        suggestion: crate::languages::closest_configured(tag, &configured).map(str::to_string),
        configured: configured.into_iter().map(str::to_string).collect(),
    }
}
