//! CLDR plural categories of a locale, as `intl_pluralrules` knows them.
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

/// The cardinal plural categories of `langid` (`other` at least).
pub fn cardinal_categories(langid: &LanguageIdentifier) -> BTreeSet<&'static str> {
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
        cardinal_categories(&tag.parse().unwrap())
            .into_iter()
            .collect()
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
