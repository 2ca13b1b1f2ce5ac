//! CLDR plural categories of a locale: current CLDR (ICU4X's `icu_plurals`) for what `check`
//! accepts and asks for, and the rules `fluent-bundle` formats with (`intl_pluralrules`, CLDR
//! 37) where the formatter and the tool must agree (sample numbers, exact keys, XLIFF units).
//!
//! `check` asks a translation for the categories an integer count reaches
//! ([`integer_categories`]): Lithuanian and Czech `many` and Russian or Polish `other` hold
//! only fractions, and a `[many]` that French, Spanish or Portuguese use only for exact
//! millions is accepted where present but not asked for. Any category of the locale is valid
//! ([`cardinal_categories`]): pt-PT `[many]` is (CLDR 42 gave it one; CLDR 37 did not).
//!
//! The crate selects a category for a number but cannot list a locale's categories, so they are
//! found by asking for the category of a sample of numbers that reaches every rule CLDR writes:
//! small integers, the round numbers where `many` starts in some languages, and decimals with one
//! and two fraction digits (which select other categories than integers in many languages).

use std::collections::{BTreeMap, BTreeSet};

use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The category names CLDR uses, in CLDR's order.
pub const ALL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The plural rules `fluent-bundle` uses for `langid`: the CLDR locale found by lookup
/// negotiation (`en-US` → `en`, `zh-HK` → `zh`), English when none matches, exactly as the
/// runtime resolves plurals, so that the checker and the formatter agree.
pub fn cardinal_rules(langid: &LanguageIdentifier) -> Option<PluralRules> {
    PluralRules::create(rules_locale(langid)?, PluralRuleType::CARDINAL).ok()
}

/// The CLDR locale whose rules apply to `langid` (see [`cardinal_rules`]).
fn rules_locale(langid: &LanguageIdentifier) -> Option<LanguageIdentifier> {
    let default: LanguageIdentifier = "en".parse().ok()?;
    let available = PluralRules::get_locales(PluralRuleType::CARDINAL);
    negotiate_languages(
        std::slice::from_ref(langid),
        &available,
        Some(&default),
        NegotiationStrategy::Lookup,
    )
    .first()
    .map(|l| (*l).clone())
}

/// The current CLDR cardinal rules of `langid` (ICU4X compiled data, with its locale
/// fallback: `pt-PT` has rules of its own, `de-CH` takes `de`'s, an unknown language root's).
fn current_rules(langid: &LanguageIdentifier) -> Option<icu_plurals::PluralRules> {
    let id = icu_locale_core::LanguageIdentifier::try_from_str(&langid.to_string()).ok()?;
    icu_plurals::PluralRules::try_new_cardinal((&id).into()).ok()
}

fn current_name(category: icu_plurals::PluralCategory) -> &'static str {
    use icu_plurals::PluralCategory as C;
    match category {
        C::Zero => "zero",
        C::One => "one",
        C::Two => "two",
        C::Few => "few",
        C::Many => "many",
        C::Other => "other",
    }
}

/// The cardinal plural categories of `langid` in current CLDR (`other` at least): what a
/// translation may use.
pub fn cardinal_categories(langid: &LanguageIdentifier) -> BTreeSet<&'static str> {
    let mut categories = BTreeSet::from(["other"]);
    if let Some(rules) = current_rules(langid) {
        categories.extend(rules.categories().map(current_name));
    }
    categories
}

/// The largest count [`integer_categories`] evaluates: every rule CLDR writes for integers
/// depends on `n % 10`, `n % 100` or `n % 1000` below it, except the "exact millions" `many`
/// of French, Spanish, Italian, Portuguese and Catalan, which is left out on purpose.
const INTEGER_LIMIT: u64 = 2000;

/// The categories an integer count from 0 up reaches in `langid` (current CLDR): what a
/// plural translation is asked for. `other` always (Fluent's default variant), even where
/// only fractions reach it.
pub fn integer_categories(langid: &LanguageIdentifier) -> BTreeSet<&'static str> {
    static KNOWN: std::sync::Mutex<BTreeMap<String, BTreeSet<&'static str>>> =
        std::sync::Mutex::new(BTreeMap::new());
    let key = langid.to_string();
    if let Some(known) = KNOWN.lock().ok().and_then(|k| k.get(&key).cloned()) {
        return known;
    }
    let mut categories = BTreeSet::new();
    if let Some(rules) = current_rules(langid) {
        // Counted in a small set of flags, not the tree: two thousand evaluations, which stop
        // early once every category of the rules has been reached.
        let all: Vec<&'static str> = rules.categories().map(current_name).collect();
        let mut reached: Vec<&'static str> = Vec::with_capacity(all.len());
        for n in 0..=INTEGER_LIMIT {
            let name = current_name(rules.category_for(n));
            if !reached.contains(&name) {
                reached.push(name);
                if reached.len() == all.len() {
                    break;
                }
            }
        }
        categories.extend(reached);
    }
    if let Ok(mut known) = KNOWN.lock() {
        known.insert(key, categories.clone());
    }
    categories
}

/// The cardinal plural categories of `langid` in the rules `fluent-bundle` formats with
/// (CLDR 37, `other` at least): the variants a formatted message can show, which is what XLIFF
/// units and synthetic translations follow.
pub fn runtime_categories(langid: &LanguageIdentifier) -> BTreeSet<&'static str> {
    // Finding them takes a few hundred rule evaluations; locales that share rules (`fr`,
    // `fr-CA`) share the answer for the rest of the process.
    static KNOWN: std::sync::Mutex<BTreeMap<String, BTreeSet<&'static str>>> =
        std::sync::Mutex::new(BTreeMap::new());
    let Some(chosen) = rules_locale(langid) else {
        return BTreeSet::from(["other"]);
    };
    let key = chosen.to_string();
    if let Some(known) = KNOWN.lock().ok().and_then(|k| k.get(&key).cloned()) {
        return known;
    }
    let categories = find_categories(chosen);
    if let Ok(mut known) = KNOWN.lock() {
        known.insert(key, categories.clone());
    }
    categories
}

fn find_categories(chosen: LanguageIdentifier) -> BTreeSet<&'static str> {
    let mut categories = BTreeSet::from(["other"]);
    let Ok(rules) = PluralRules::create(chosen, PluralRuleType::CARDINAL) else {
        return categories;
    };
    let mut samples: Vec<String> = (0..=200).map(|n| n.to_string()).collect();
    for n in [1000, 10_000, 100_000, 1_000_000, 10_000_000, 1_000_000_000] {
        samples.push(n.to_string());
    }
    for whole in 0..=21 {
        for fraction in ["0", "1", "2", "5", "00", "01", "10", "25"] {
            samples.push(format!("{whole}.{fraction}"));
        }
    }
    for sample in samples {
        if let Ok(category) = rules.select(sample.as_str()) {
            categories.insert(category_name(category));
        }
    }
    categories
}

/// The categories of `langid` that hold exactly one integer, with that integer: `one` → 1 in
/// English and German (a `[1]` variant then covers `one`), but not in French, where `one` holds 0
/// and 1. Integers 0..=1000 and the round numbers where `many` starts are evaluated; categories
/// reached by decimals only hold no integer and are not listed.
pub fn exact_integer_categories(langid: &LanguageIdentifier) -> BTreeMap<&'static str, u64> {
    // A thousand rule evaluations: done once per set of rules for the process.
    static KNOWN: std::sync::Mutex<BTreeMap<String, BTreeMap<&'static str, u64>>> =
        std::sync::Mutex::new(BTreeMap::new());
    let Some(chosen) = rules_locale(langid) else {
        return BTreeMap::new();
    };
    let key = chosen.to_string();
    if let Some(known) = KNOWN.lock().ok().and_then(|k| k.get(&key).cloned()) {
        return known;
    }
    let mut integers: BTreeMap<&'static str, Vec<u64>> = BTreeMap::new();
    if let Ok(rules) = PluralRules::create(chosen, PluralRuleType::CARDINAL) {
        let round = [10_000, 100_000, 1_000_000, 10_000_000, 1_000_000_000];
        for n in (0..=1000u64).chain(round) {
            if let Ok(category) = rules.select(n) {
                let members = integers.entry(category_name(category)).or_default();
                // Two members are enough to know the category is not exact.
                if members.len() < 2 {
                    members.push(n);
                }
            }
        }
    }
    let exact: BTreeMap<&'static str, u64> = integers
        .into_iter()
        .filter_map(|(category, members)| match members[..] {
            [only] => Some((category, only)),
            _ => None,
        })
        .collect();
    if let Ok(mut known) = KNOWN.lock() {
        known.insert(key, exact.clone());
    }
    exact
}

/// One number (as text, e.g. `1` or `2.5`) per category of `langid`, the smallest found: sample
/// arguments that reach every plural variant when a message is formatted for checking.
pub fn category_samples(langid: &LanguageIdentifier) -> BTreeMap<&'static str, String> {
    let mut samples = BTreeMap::new();
    let Some(rules) = cardinal_rules(langid) else {
        samples.insert("other", "5".to_string());
        return samples;
    };
    let candidates = (0..=200)
        .map(|n| n.to_string())
        .chain([1000, 1_000_000].map(|n| n.to_string()))
        .chain(["0.5", "1.5", "2.5", "0.25"].map(String::from));
    for candidate in candidates {
        if let Ok(category) = rules.select(candidate.as_str()) {
            samples.entry(category_name(category)).or_insert(candidate);
        }
    }
    samples
}

pub fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(tag: &str) -> Vec<&'static str> {
        runtime_categories(&tag.parse().unwrap())
            .into_iter()
            .collect()
    }

    #[test]
    fn current_cldr_categories_and_those_an_integer_reaches() {
        let all = |tag: &str| -> Vec<&str> {
            cardinal_categories(&tag.parse().unwrap())
                .into_iter()
                .collect()
        };
        let integer = |tag: &str| -> Vec<&str> {
            integer_categories(&tag.parse().unwrap())
                .into_iter()
                .collect()
        };
        // pt-PT has `many` in current CLDR (not in CLDR 37), for exact millions only.
        assert_eq!(all("pt-PT"), ["many", "one", "other"]);
        assert_eq!(integer("pt-PT"), ["one", "other"]);
        // Lithuanian and Czech `many` is for fractions.
        assert_eq!(all("lt"), ["few", "many", "one", "other"]);
        assert_eq!(integer("lt"), ["few", "one", "other"]);
        assert_eq!(integer("cs"), ["few", "one", "other"]);
        // Russian, Ukrainian and Polish `other` is for fractions; integers end in many.
        assert_eq!(integer("ru"), ["few", "many", "one"]);
        assert_eq!(integer("uk"), ["few", "many", "one"]);
        assert_eq!(integer("pl"), ["few", "many", "one"]);
        assert_eq!(integer("fr"), ["one", "other"]);
        assert_eq!(integer("ja"), ["other"]);
        assert_eq!(
            integer("ar"),
            ["few", "many", "one", "other", "two", "zero"]
        );
    }

    #[test]
    fn categories_of_known_languages() {
        assert_eq!(cats("zh-CN"), ["other"]);
        assert_eq!(cats("id-ID"), ["other"]);
        assert_eq!(cats("en-US"), ["one", "other"]);
        assert_eq!(cats("de"), ["one", "other"]);
        assert_eq!(cats("ar"), ["few", "many", "one", "other", "two", "zero"]);
        assert_eq!(cats("pl"), ["few", "many", "one", "other"]);
        let fr = cats("fr");
        // intl_pluralrules 7 carries CLDR 37 data, where French has no `many` yet.
        assert_eq!(fr, ["one", "other"]);
    }

    #[test]
    fn exact_categories_are_those_of_one_integer() {
        let exact = |tag: &str| exact_integer_categories(&tag.parse().unwrap());
        assert_eq!(exact("de"), BTreeMap::from([("one", 1)]));
        assert_eq!(exact("en-US"), BTreeMap::from([("one", 1)]));
        // French `one` is 0 and 1; Chinese has `other` only.
        assert!(exact("fr").is_empty());
        assert!(exact("zh-CN").is_empty());
        // Arabic: `zero` is 0, `one` 1, `two` 2; `few` and `many` are ranges.
        assert_eq!(
            exact("ar"),
            BTreeMap::from([("one", 1), ("two", 2), ("zero", 0)])
        );
    }

    #[test]
    fn french_one_covers_zero_and_one() {
        let rules = PluralRules::create(
            "fr".parse::<LanguageIdentifier>().unwrap(),
            PluralRuleType::CARDINAL,
        )
        .unwrap();
        assert_eq!(rules.select(0), Ok(PluralCategory::ONE));
        assert_eq!(rules.select(1), Ok(PluralCategory::ONE));
        assert_eq!(rules.select(2), Ok(PluralCategory::OTHER));
    }
}
