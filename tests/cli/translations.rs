//! The sample site's translations: complete where promised, well-formed, faithful to placeables
//! and glossaries, and formattable by fluent-bundle.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluentpress::catalog::{self, Entry, EntryKind, LocaleCatalog};
use fluentpress::config;
use fluentpress::glossary;

use crate::support::sample_root;

const COMPLETE: [&str; 4] = ["zh-CN", "zh-HK", "id-ID", "fr"];

fn load() -> (config::Project, catalog::Catalog) {
    let project = config::load_project(&sample_root()).unwrap();
    let catalog = catalog::load_catalog(&project).unwrap();
    (project, catalog)
}

fn index(locale: &LocaleCatalog) -> BTreeMap<(EntryKind, String), (&str, &Entry)> {
    locale
        .entries()
        .map(|(file, e)| ((e.kind, e.id.to_string()), (file.relative.as_str(), e)))
        .collect()
}

// Complete locales have every source message and term, with a value, every attribute, every
// variable of the source, in the same file, and no Junk anywhere.
#[test]
fn complete_locales_cover_the_source() {
    let (_, catalog) = load();
    let source = index(catalog.locale("en-US").unwrap());
    for tag in COMPLETE {
        let locale = catalog.locale(tag).unwrap();
        let target = index(locale);
        for file in &locale.files {
            assert!(
                file.junk.is_empty(),
                "{tag}/{}: Junk {:?}",
                file.relative,
                file.junk
            );
        }
        for (key, (source_file, source_entry)) in &source {
            let Some((target_file, entry)) = target.get(key) else {
                panic!("{tag}: missing {:?} {}", key.0, key.1);
            };
            assert_eq!(
                source_file, target_file,
                "{tag}: {} is in another file",
                key.1
            );
            assert_eq!(
                source_entry.value.is_some(),
                entry.value.is_some(),
                "{tag}: {} value",
                key.1
            );
            let source_attrs: BTreeSet<_> =
                source_entry.attributes.iter().map(|a| &a.name).collect();
            let target_attrs: BTreeSet<_> = entry.attributes.iter().map(|a| &a.name).collect();
            assert_eq!(source_attrs, target_attrs, "{tag}: {} attributes", key.1);
            for (s, t) in source_entry.patterns().zip(entry.patterns()) {
                assert!(
                    t.variables().is_superset(s.variables()),
                    "{tag}: {} drops a variable",
                    key.1
                );
                assert!(
                    s.variables().is_superset(t.variables()),
                    "{tag}: {} adds a variable",
                    key.1
                );
                assert!(!t.is_blank(), "{tag}: {} is empty", key.1);
            }
        }
        assert_eq!(target.len(), source.len(), "{tag}: obsolete messages");
    }
}

// de is a translation in progress: between 30% and 50% of the messages, none copied English.
#[test]
fn german_is_in_progress() {
    let (_, catalog) = load();
    let source = catalog.locale("en-US").unwrap().message_count();
    let de = catalog.locale("de").unwrap();
    let ratio = de.message_count() as f64 / source as f64;
    assert!((0.30..=0.50).contains(&ratio), "de coverage {ratio:.2}");
    assert!(de.files.iter().all(|f| f.junk.is_empty()));
}

/// Sample arguments: every plural-relevant count, and text for the other variables.
fn sample_args(variables: &BTreeSet<String>, count: i64) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for v in variables {
        match v.as_str() {
            "count" | "page" | "total" => args.set(v.clone(), FluentValue::from(count)),
            _ => args.set(v.clone(), FluentValue::from(format!("<{v}>"))),
        }
    }
    args
}

// Every message of every complete locale formats with fluent-bundle without an error, for
// counts that reach every plural variant.
#[test]
fn complete_locales_format_without_errors() {
    let (project, catalog) = load();
    for tag in COMPLETE.iter().chain(["de", "en-US"].iter()) {
        let locale = catalog.locale(tag).unwrap();
        let langid = project.locale(tag).unwrap().langid.clone();
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        for file in &locale.files {
            let resource = FluentResource::try_new(file.text.clone()).expect("parses");
            bundle.add_resource(resource).expect("no duplicate ids");
        }
        for (_, entry) in locale
            .entries()
            .filter(|(_, e)| e.kind == EntryKind::Message)
        {
            let message = bundle.get_message(&entry.id).unwrap();
            let variables: BTreeSet<String> = entry
                .patterns()
                .flat_map(|p| p.variables().iter().map(String::from))
                .collect();
            for count in [0, 1, 2, 5, 21, 1000] {
                let args = sample_args(&variables, count);
                let patterns = message
                    .value()
                    .into_iter()
                    .chain(message.attributes().map(|a| a.value()));
                for pattern in patterns {
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{tag} {}: {errors:?}", entry.id);
                    assert!(!text.trim().is_empty(), "{tag} {}: empty", entry.id);
                }
            }
        }
    }
}

// A plural message's variants use only the locale's CLDR categories.
#[test]
fn plural_variants_use_the_locales_categories() {
    let (project, catalog) = load();
    for tag in COMPLETE.iter().chain(["de"].iter()) {
        let langid = project.locale(tag).unwrap().langid.clone();
        let categories = fluentpress::plural::cardinal_categories(&langid);
        for (_, entry) in catalog.locale(tag).unwrap().entries() {
            for select in entry.patterns().flat_map(|p| p.selects().iter()) {
                for variant in select.variants.iter().filter(|v| !v.numeric) {
                    assert!(
                        categories.contains(&*variant.key),
                        "{tag} {}: [{}] not in {categories:?}",
                        entry.id,
                        variant.key
                    );
                }
            }
        }
    }
}

// Glossary: where a source message contains a name, its translation has a required rendering;
// and no translation equals its English source unless it is only kept names or placeables.
#[test]
fn glossaries_are_followed_and_nothing_is_left_in_english() {
    let (project, catalog) = load();
    let source = index(catalog.locale("en-US").unwrap());
    for tag in COMPLETE.iter().chain(["de"].iter()) {
        let glossary = glossary::load_glossary(&project.locale_dir(tag)).unwrap();
        assert!(!glossary.terms.is_empty(), "{tag} has no glossary");
        let kept: Vec<&str> = glossary.kept_names().collect();
        for (key, (_, entry)) in index(catalog.locale(tag).unwrap()) {
            let source_text = &source[&key].1.value.as_ref().unwrap().text;
            let text = &entry.value.as_ref().unwrap().text;
            for term in &glossary.terms {
                if source_text.contains(&term.source) {
                    assert!(
                        term.translations.iter().any(|t| text.contains(t.as_str())),
                        "{tag} {}: `{}` must be rendered as one of {:?}",
                        key.1,
                        term.source,
                        term.translations
                    );
                }
            }
            if key.0 == EntryKind::Message && text == source_text {
                let mut rest = text.clone();
                for name in &kept {
                    rest = rest.replace(name, "");
                }
                let only_names = rest.chars().all(|c| !c.is_alphabetic())
                    || text.trim_start().starts_with('{')
                        && text.trim_end().ends_with('}')
                        && !text[1..].contains('{');
                assert!(
                    only_names,
                    "{tag} {}: identical to the English source: {text}",
                    key.1
                );
            }
        }
    }
}
