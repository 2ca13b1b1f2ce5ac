//! `invalid-plural-category` and `missing-plural-category`: plural selections against the
//! locale's current CLDR cardinal categories. Any of them is valid; a translation is asked for
//! those an integer count reaches (not Lithuanian `many` or Russian `other`, which only
//! fractions reach; see [`crate::plural`]).
//!
//! A select expression is a plural selection when it selects on a variable or `NUMBER()` and
//! every non-numeric key is a CLDR category name (`zero`…`other`). Numeric keys (`[0]`) are exact
//! matches and always valid; one covers a category that holds that one integer only (`[1]` is
//! German `one`, not French `one`, which also holds 0).
//!
//! A selection is asked for every category where the source distinguishes plural forms, or
//! where the selection itself does (a key naming one of the locale's categories other than
//! `other`): a translator who writes Russian `[one]` and `[many]` needs `[few]` too, whatever
//! the source. A source selection with only `*[other]` (and numbers) asks nothing of a
//! translation with one text or with only `*[other]` and numbers.

use std::collections::BTreeSet;

use super::PatternAt;
use crate::catalog::{CatalogFile, Entry, PatternInfo, SelectInfo};
use crate::check::{Code, Diagnostic, EntryIndex, LocaleContext, PatternKeys};
use crate::plural::ALL_CATEGORIES;

fn is_plural(select: &SelectInfo) -> bool {
    select.selector.variable().is_some()
        && select.variants.iter().any(|v| !v.numeric)
        && select
            .variants
            .iter()
            .filter(|v| !v.numeric)
            .all(|v| ALL_CATEGORIES.contains(&&*v.key))
}

fn has_plural(pattern: &PatternInfo) -> bool {
    pattern.selects().iter().any(is_plural)
}

/// Whether a source pattern distinguishes plural forms: a plural selection with a category
/// other than `other`.
fn distinguishes_forms(pattern: &PatternInfo) -> bool {
    pattern.selects().iter().any(|select| {
        is_plural(select)
            && select
                .variants
                .iter()
                .any(|v| !v.numeric && &*v.key != "other")
    })
}

/// Whether a plural selection names one of the locale's categories other than `other`: it then
/// distinguishes forms itself and needs all of them. (An invalid key is reported as such, not as
/// asking for the others.)
fn names_forms(select: &SelectInfo, categories: &BTreeSet<&str>) -> bool {
    select
        .variants
        .iter()
        .any(|v| !v.numeric && &*v.key != "other" && categories.contains(&*v.key))
}

/// The source patterns (first definitions) that select on plural forms: computed once per run,
/// looked up for every pattern of every locale.
pub fn plural_patterns<'a>(source: &EntryIndex<'a>) -> PatternKeys<'a> {
    let mut keys = PatternKeys::default();
    for (key, pattern) in source.patterns() {
        if distinguishes_forms(pattern) {
            keys.insert(key);
        }
    }
    keys
}

/// What the selections of one locale are judged against, prepared once per locale.
pub struct Plurals {
    /// The locale's categories, listed for reports.
    list: String,
    /// Those an integer count reaches, listed for reports.
    asked: String,
    /// The categories that hold exactly one integer (`one` is 1 in German), with it.
    exact: std::collections::BTreeMap<&'static str, u64>,
}

impl Plurals {
    pub fn new(ctx: &LocaleContext<'_>) -> Plurals {
        let categories = &ctx.plural_categories;
        let list = categories.iter().copied().collect::<Vec<_>>().join(", ");
        // What an integer count reaches: what a translation is asked for.
        let asked = ctx
            .integer_plural_categories
            .iter()
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let exact = crate::plural::exact_integer_categories(&ctx.locale.langid);
        Plurals { list, asked, exact }
    }
}

pub fn check_pattern(
    ctx: &LocaleContext<'_>,
    plurals: &Plurals,
    at: &PatternAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (file, entry, attribute, pattern) = (at.file, at.entry, at.attribute, at.pattern);
    let categories = &ctx.plural_categories;
    let (list, asked, exact) = (&plurals.list, &plurals.asked, &plurals.exact);
    // Patterns with selections: their keys against the locale's categories.
    if pattern.selects().is_empty() {
        return;
    }
    // Does the source select on plurals here? (For the source locale: itself.) The
    // key is written out only for what is reported: most selections are complete.
    let key = entry.pattern_key(attribute);
    let source_is_plural = ctx.source_plurals.contains(&key);
    for select in pattern.selects().iter().filter(|s| is_plural(s)) {
        for variant in select.variants.iter().filter(|v| !v.numeric) {
            if !categories.contains(&*variant.key) {
                let mut d = ctx.at(
                    Code::InvalidPluralCategory,
                    file,
                    variant.span.start,
                    variant.key.chars().count(),
                    Some(&key.to_string()),
                    format!(
                        "`[{}]` is not a plural category of {}",
                        variant.key, ctx.locale.tag
                    ),
                );
                d.help = Some(format!("{} uses: {list}", ctx.locale.tag));
                out.push(d);
            }
        }
        if source_is_plural || names_forms(select, categories) {
            // A numeric key covers the category that is exactly that number.
            let covers = |category: &str| {
                select.variants.iter().any(|v| {
                    if !v.numeric {
                        return *v.key == *category;
                    }
                    let Ok(value) = v.key.parse::<f64>() else {
                        return false;
                    };
                    exact
                        .iter()
                        .find(|(_, n)| **n as f64 == value)
                        .is_some_and(|(exact, _)| *exact == category)
                })
            };
            // Categories only fractions reach are not asked for (counts are integers).
            let mut missing = ctx
                .integer_plural_categories
                .iter()
                .copied()
                .filter(|c| !covers(c))
                .peekable();
            if missing.peek().is_some() {
                let missing: Vec<&str> = missing.collect();
                let mut d = ctx.at(
                    Code::MissingPluralCategory,
                    file,
                    select.span.start,
                    1,
                    Some(&key.to_string()),
                    format!(
                        "this plural selection has no variant for: {}",
                        missing.join(", ")
                    ),
                );
                d.help = Some(format!(
                    "{} uses for whole numbers: {asked}; the default variant is used instead",
                    ctx.locale.tag
                ));
                out.push(d);
            }
        }
    }
    if source_is_plural && !has_plural(pattern) {
        one_text_for_all(ctx, asked, file, entry, pattern, &key.to_string(), out);
    }
}

/// Patterns without any selection where the source selects on plurals: found from the
/// source's few plural patterns rather than by asking for every pattern of the locale.
pub fn check_untranslated_forms(
    ctx: &LocaleContext<'_>,
    plurals: &Plurals,
    out: &mut Vec<Diagnostic>,
) {
    let asked = &plurals.asked;
    if ctx.is_source {
        return;
    }
    for &plural in ctx.source_plurals {
        let first = ctx.target_index.entry(plural);
        let later = ctx
            .target_index
            .duplicates()
            .iter()
            .filter(|(first, _)| first.1.key() == plural.entry())
            .map(|(_, later)| *later);
        for (file, entry) in first.into_iter().chain(later) {
            let patterns: Vec<&PatternInfo> = match plural.attribute {
                None => entry.value.iter().collect(),
                Some(name) => entry
                    .attributes
                    .iter()
                    .filter(|a| a.name == name)
                    .map(|a| &a.pattern)
                    .collect(),
            };
            for pattern in patterns {
                if pattern.selects().is_empty() {
                    let key = plural.to_string();
                    one_text_for_all(ctx, asked, file, entry, pattern, &key, out);
                }
            }
        }
    }
}

/// The source distinguishes plural forms but the translation has one text for all: wrong for a
/// language with more than one form.
fn one_text_for_all(
    ctx: &LocaleContext<'_>,
    list: &str,
    file: &CatalogFile,
    entry: &Entry,
    pattern: &PatternInfo,
    key: &str,
    out: &mut Vec<Diagnostic>,
) {
    if ctx.is_source || ctx.integer_plural_categories.len() <= 1 {
        return;
    }
    let mut d = ctx.at(
        Code::MissingPluralCategory,
        file,
        entry.pattern_offset(pattern),
        1,
        Some(key),
        format!(
            "the source selects on plural forms but this translation has one text for all of {list}"
        ),
    );
    d.help = Some("write a select expression with a variant per category".into());
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    const SOURCE: &str = "x = { $n ->\n    [one] { $n } file\n   *[other] { $n } files\n}\n";

    #[test]
    fn polish_is_not_asked_for_the_other_only_fractions_reach() {
        let d = run(
            "pl",
            &[("a.ftl", SOURCE)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [one] plik\n    [few] pliki\n   *[many] plików\n}\n",
            )],
        );
        assert!(!codes(&d).contains(&"missing-plural-category"), "{d:?}");
        // Without `many`, which integers reach (5 plików), it is still reported.
        let d = run(
            "pl",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", "x = { $n ->\n    [one] plik\n   *[few] pliki\n}\n")],
        );
        let missing = d
            .iter()
            .find(|d| d.code.as_str() == "missing-plural-category")
            .expect("many is missing");
        assert!(
            missing.message.ends_with("no variant for: many"),
            "{}",
            missing.message
        );
    }

    #[test]
    fn chinese_with_only_other_is_clean_and_few_is_invalid() {
        let d = run(
            "zh-CN",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", "x = { $n ->\n   *[other] { $n } 个文件\n}\n")],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
        let d = run(
            "zh-CN",
            &[("a.ftl", SOURCE)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [few] { $n } 个\n   *[other] { $n } 个文件\n}\n",
            )],
        );
        assert_eq!(codes(&d), ["invalid-plural-category"]);
        assert_eq!((d[0].line, d[0].column), (2, 6));
    }

    #[test]
    fn polish_needs_few_and_many() {
        let d = run(
            "pl",
            &[("a.ftl", SOURCE)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [one] { $n } plik\n   *[other] { $n } pliki\n}\n",
            )],
        );
        assert_eq!(codes(&d), ["missing-plural-category"]);
        assert!(d[0].message.contains("few, many"), "{}", d[0].message);
    }

    #[test]
    fn numeric_keys_and_non_plural_selects_are_not_judged() {
        let d = run(
            "fr",
            &[("a.ftl", SOURCE)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [0] Aucun fichier\n    [one] { $n } fichier\n   *[other] { $n } fichiers\n}\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
        let source = "y = { $gender ->\n    [male] He\n   *[other] They\n}\n";
        let d = run(
            "zh-CN",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "y = { $gender ->\n    [male] 他\n   *[other] 他们\n}\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }

    /// A source selection with only `*[other]` distinguishes no forms: a translation with one
    /// text, or with its own selection, lacks nothing.
    #[test]
    fn a_source_with_only_other_asks_for_no_categories() {
        let source = "x = { $n ->\n   *[other] { $n } files\n}\n";
        for target in [
            "x = { $n } fichiers\n",
            "x = { $n ->\n   *[other] { $n } fichiers\n}\n",
        ] {
            let d = run("fr", &[("a.ftl", source)], &[("a.ftl", target)]);
            assert!(!codes(&d).contains(&"missing-plural-category"), "{d:?}");
        }
        // Still judged where the source does distinguish forms.
        let d = run(
            "fr",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", "x = { $n ->\n   *[other] { $n } fichiers\n}\n")],
        );
        assert_eq!(codes(&d), ["missing-plural-category"]);
    }

    /// A translation that names plural forms itself needs all of them, whatever its source: a
    /// Polish `[one]` and `*[many]` without `[few]` shows "many" for 2, 4 and 22. A selection
    /// that names none of the locale's forms but `other` is not asked.
    #[test]
    fn a_selection_that_names_forms_needs_all_of_them_even_for_an_other_only_source() {
        let source = "x = { $n ->\n   *[other] { $n } files\n}\n";
        let d = run(
            "pl",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [one] { $n } plik\n    [3] trzy pliki\n   *[many] { $n } plików\n}\n",
            )],
        );
        assert_eq!(codes(&d), ["missing-plural-category"]);
        assert!(d[0].message.ends_with("no variant for: few"), "{d:?}");
        assert_eq!((d[0].line, d[0].column), (1, 8));
        // With every form a whole number reaches: nothing.
        let d = run(
            "pl",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [one] { $n } plik\n    [few] { $n } pliki\n   *[many] { $n } plików\n}\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
        // `[1]` and `*[other]` in German, `*[one]` and `[other]` in French: complete.
        let d = run(
            "de",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [1] Eine Datei\n   *[other] { $n } Dateien\n}\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "x = { $n ->\n   *[one] { $n } fichier\n    [other] { $n } fichiers\n}\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
        // A key the locale does not have is invalid, and asks for nothing more.
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [zero] Aucun fichier\n   *[other] { $n } fichiers\n}\n",
            )],
        );
        assert_eq!(codes(&d), ["invalid-plural-category"]);
    }

    /// `[1]` covers `one` where `one` is exactly 1 (German), not where it also holds 0 (French).
    #[test]
    fn a_numeric_key_covers_the_category_it_exactly_equals() {
        let target = "x = { $n ->\n    [1] { $n } Datei\n   *[other] { $n } Dateien\n}\n";
        let d = run("de", &[("a.ftl", SOURCE)], &[("a.ftl", target)]);
        assert!(!codes(&d).contains(&"missing-plural-category"), "{d:?}");
        let d = run(
            "de",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", &target.replace("[1]", "[1.0]"))],
        );
        assert!(!codes(&d).contains(&"missing-plural-category"), "{d:?}");
        let d = run(
            "fr",
            &[("a.ftl", SOURCE)],
            &[(
                "a.ftl",
                "x = { $n ->\n    [1] { $n } fichier\n   *[other] { $n } fichiers\n}\n",
            )],
        );
        assert_eq!(codes(&d), ["missing-plural-category"]);
        assert!(d[0].message.ends_with("no variant for: one"), "{d:?}");
    }

    #[test]
    fn one_text_for_all_forms_is_flagged_where_the_language_has_forms() {
        let d = run(
            "fr",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", "x = { $n } fichiers\n")],
        );
        assert_eq!(codes(&d), ["missing-plural-category"]);
        let d = run(
            "zh-CN",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", "x = { $n } 个文件\n")],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }
}
