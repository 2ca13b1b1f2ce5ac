//! The localizer: one `fluent-bundle` bundle per locale, and message lookup through the
//! locale's fallback chain.
//!
//! Exporters ask the [`Localizer`] for a message in a locale and get back the formatted text
//! *and the locale that served it*, so a page can mark text shown in a fallback language with its
//! own `lang` and say that it is partly translated. No exporter touches FTL text directly.
//! Bundles are the thread-safe (`concurrent`) kind, so pages can be rendered in parallel.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::catalog::Catalog;
use crate::config::{Locale, Project};

/// Text ready to show, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    pub text: String,
    /// The locale whose message was used: the requested one, or one of its fallbacks.
    pub locale: String,
    /// Resolver errors (a missing variable, an unknown reference): the text is still usable,
    /// with the problem spots shown as `{$name}` by fluent-bundle.
    pub errors: Vec<String>,
}

impl Localized {
    /// Whether a fallback locale served the text.
    pub fn is_fallback(&self, requested: &str) -> bool {
        self.locale != requested
    }
}

pub struct Localizer {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    chains: BTreeMap<String, Vec<String>>,
    source: String,
}

impl Localizer {
    /// Builds one bundle per locale of `catalog` from the files it loaded. Entries that do not
    /// parse (Junk) and duplicate ids are skipped here: `check` reports them.
    pub fn new(project: &Project, catalog: &Catalog) -> Localizer {
        let mut bundles = BTreeMap::new();
        let mut chains = BTreeMap::new();
        for locale in &project.locales {
            let mut chain = vec![locale.tag.clone()];
            chain.extend(locale.fallback_chain.iter().cloned());
            chains.insert(locale.tag.clone(), chain);
            bundles.insert(locale.tag.clone(), bundle_of(locale, catalog));
        }
        Localizer {
            bundles,
            chains,
            source: project.source_locale().tag.clone(),
        }
    }

    /// Rebuilds the bundle of locale `tag` from `catalog` (after one of its files changed); the
    /// other locales' bundles stay as they are.
    pub fn reload_locale(&mut self, project: &Project, catalog: &Catalog, tag: &str) {
        if let Some(locale) = project.locale(tag) {
            self.bundles
                .insert(locale.tag.clone(), bundle_of(locale, catalog));
        }
    }

    /// The locales tried for `locale`, in order (itself first, the source last).
    pub fn chain(&self, locale: &str) -> &[String] {
        self.chains.get(locale).map_or(&[], Vec::as_slice)
    }

    /// Whether `locale` itself (not a fallback) defines message `id` with a value.
    pub fn has_own(&self, locale: &str, id: &str) -> bool {
        self.bundles
            .get(locale)
            .and_then(|b| b.get_message(id))
            .is_some_and(|m| m.value().is_some())
    }

    /// Formats message `id` (or its `attribute`) for `locale`, walking the fallback chain.
    /// `None` when no locale of the chain has it.
    pub fn format(
        &self,
        locale: &str,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<Localized> {
        let fallback_chain = [self.source.clone()];
        let chain = self
            .chains
            .get(locale)
            .map_or(&fallback_chain[..], Vec::as_slice);
        for tag in chain {
            let Some(bundle) = self.bundles.get(tag) else {
                continue;
            };
            let Some(message) = bundle.get_message(id) else {
                continue;
            };
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|a| a.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else { continue };
            let mut errors = Vec::new();
            let text = bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
            return Some(Localized {
                text,
                locale: tag.clone(),
                errors: errors.iter().map(ToString::to_string).collect(),
            });
        }
        None
    }
}

/// One locale's bundle, from the files `catalog` loaded for it.
fn bundle_of(locale: &Locale, catalog: &Catalog) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.langid.clone()]);
    // Bidi isolation marks (U+2068/U+2069) are for plain-text UIs; HTML and print mark
    // direction with markup, and stray marks break search and copy-paste.
    bundle.set_use_isolating(false);
    let _ = bundle.add_builtins();
    if let Some(files) = catalog.locale(&locale.tag) {
        for file in &files.files {
            let resource = match FluentResource::try_new(file.parse_text().to_string()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            // Duplicates keep their first definition; the rest of the file still loads.
            let _ = bundle.add_resource(resource);
        }
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, LocaleCatalog};

    fn project() -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(crate::config::CONFIG_FILE),
            "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: zh-TW\n    name: T\n  - tag: zh-HK\n    name: H\n    fallback: [zh-TW]\n",
        )
        .unwrap();
        crate::config::load_project(dir.path()).unwrap()
    }

    fn locale(tag: &str, text: &str) -> LocaleCatalog {
        LocaleCatalog::from_text(tag, "ui.ftl", text)
    }

    #[test]
    fn falls_back_through_the_chain_and_says_who_served() {
        let catalog = Catalog {
            locales: vec![
                locale("en-US", "a = A\nb = B\nc = C { $n }\n"),
                locale("zh-TW", "b = 乙\n"),
                locale("zh-HK", "a = 甲\n"),
            ],
        };
        let l = Localizer::new(&project(), &catalog);
        assert_eq!(l.chain("zh-HK"), ["zh-HK", "zh-TW", "en-US"]);
        assert_eq!(l.format("zh-HK", "a", None, None).unwrap().locale, "zh-HK");
        let b = l.format("zh-HK", "b", None, None).unwrap();
        assert_eq!((b.text.as_str(), b.locale.as_str()), ("乙", "zh-TW"));
        assert!(b.is_fallback("zh-HK"));
        let mut args = FluentArgs::new();
        args.set("n", 3);
        let c = l.format("zh-HK", "c", None, Some(&args)).unwrap();
        assert_eq!((c.text.as_str(), c.locale.as_str()), ("C 3", "en-US"));
        assert!(l.format("zh-HK", "nope", None, None).is_none());
        assert!(l.has_own("zh-HK", "a") && !l.has_own("zh-HK", "b"));
    }

    #[test]
    fn reloading_one_locale_leaves_the_others_as_they_were() {
        let project = project();
        let mut catalog = Catalog {
            locales: vec![
                locale("en-US", "a = A\n"),
                locale("zh-TW", "a = 甲\n"),
                locale("zh-HK", "b = 乙\n"),
            ],
        };
        let mut l = Localizer::new(&project, &catalog);
        catalog.locales[1] = locale("zh-TW", "a = 新\n");
        catalog.locales[2] = locale("zh-HK", "a = 港\n");
        l.reload_locale(&project, &catalog, "zh-TW");
        assert_eq!(l.format("zh-TW", "a", None, None).unwrap().text, "新");
        // zh-HK was not reloaded: it still falls back to zh-TW's (new) text.
        let a = l.format("zh-HK", "a", None, None).unwrap();
        assert_eq!((a.text.as_str(), a.locale.as_str()), ("新", "zh-TW"));
    }

    #[test]
    fn missing_variable_still_gives_text_and_an_error() {
        let catalog = Catalog {
            locales: vec![locale("en-US", "c = C { $n }\n")],
        };
        let l = Localizer::new(&project(), &catalog);
        let c = l.format("en-US", "c", None, None).unwrap();
        assert_eq!(c.text, "C {$n}");
        assert_eq!(c.errors.len(), 1);
    }
}
