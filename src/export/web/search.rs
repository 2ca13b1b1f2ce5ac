//! The per-locale search index, built at export time and searched in the browser by the small
//! embedded client (`assets/search.js`): no server, any static host.
//!
//! Text is split into *terms* the same way here and in the client:
//! - letters and digits are folded (compatibility decomposition, combining marks removed,
//!   lowercased), so `credit` finds « crédit » and `PEMBANGUNAN` finds "pembangunan";
//! - Chinese, Japanese and Korean text has no spaces between words, so each run of CJK
//!   characters is indexed as its single characters and its pairs of neighbours (unigrams and
//!   bigrams): `铝` finds 氧化铝 and `宏桥` finds 中国宏桥集团.
//!
//! The index is one JSON file per locale: the pages (URL relative to the locale's root, title,
//! description) and, for each term, the pages containing it. The client matches Latin terms by
//! prefix (`alum` finds "aluminium") and requires every term of the query.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff      // Hiragana, Katakana
        | 0x3400..=0x4dbf    // CJK Extension A
        | 0x4e00..=0x9fff    // CJK Unified Ideographs
        | 0xac00..=0xd7af    // Hangul syllables
        | 0xf900..=0xfaff    // CJK Compatibility Ideographs
        | 0x20000..=0x2ffff) // CJK Extensions B and later
}

/// Case- and diacritic-folded text: "Crédit Élevé" → "credit eleve".
pub fn fold(text: &str) -> String {
    // Most text of most sites is ASCII: decomposition cannot change it.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The terms of a text: folded words, and CJK unigrams and bigrams.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |term| out.push(term.to_string()));
    out
}

/// Calls `f` with each term of `text` in order, as slices of one folded copy: building an index
/// allocates a string per distinct term, not per occurrence.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    if folded.is_ascii() {
        // No CJK and nothing to decompose: the terms are the runs of ASCII letters and digits,
        // found a byte at a time (most text of most sites, and half of building an index).
        folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .for_each(f);
        return;
    }
    let mut word_start: Option<usize> = None;
    // Start of the previous character when it was CJK, for bigrams.
    let mut previous_cjk: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        let end = i + c.len_utf8();
        if is_cjk(c) {
            if let Some(start) = word_start.take() {
                f(&folded[start..i]);
            }
            f(&folded[i..end]);
            if let Some(previous) = previous_cjk {
                f(&folded[previous..end]);
            }
            previous_cjk = Some(i);
        } else {
            previous_cjk = None;
            if c.is_alphanumeric() {
                word_start.get_or_insert(i);
            } else if let Some(start) = word_start.take() {
                f(&folded[start..i]);
            }
        }
    }
    if let Some(start) = word_start {
        f(&folded[start..]);
    }
}

/// One searchable page.
#[derive(Debug, Clone)]
pub struct SearchDocument {
    /// URL relative to the locale's root (`profile/`, `` for the home page).
    pub url: String,
    pub title: String,
    pub description: String,
    /// Everything else a visitor reads on the page.
    pub body: String,
}

/// The plural-aware "N results for Q" message, in a form the client can use without a Fluent
/// runtime: a text per CLDR category (for `Intl.PluralRules`) and per exact count that has its
/// own variant (`[0]`), with `{count}` and `{query}` slots.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ResultCountText {
    /// The locale whose message is used (the page's, or a fallback): the plural rules are its.
    pub lang: String,
    pub categories: BTreeMap<String, String>,
    pub exact: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct IndexFile<'a> {
    /// Pages: `[url, title, description]`.
    docs: Vec<[&'a str; 3]>,
    /// Term → indices into `docs`, ascending.
    terms: BTreeMap<String, Vec<u32>>,
    results: &'a ResultCountText,
}

/// Builds the JSON index of one locale. Deterministic: pages in the given order, terms sorted.
pub fn build_index(docs: &[&SearchDocument], results: &ResultCountText) -> String {
    // Documents are visited in order, so a posting list stays sorted and a repeat of the
    // current document is always its last entry.
    let mut postings: rustc_hash::FxHashMap<String, Vec<u32>> = Default::default();
    for (n, doc) in docs.iter().enumerate() {
        let n = n as u32;
        for text in [&doc.title, &doc.description, &doc.body] {
            for_each_term(text, |term| match postings.get_mut(term) {
                Some(list) => {
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
                None => {
                    postings.insert(term.to_string(), vec![n]);
                }
            });
        }
    }
    let file = IndexFile {
        docs: docs
            .iter()
            .map(|d| [d.url.as_str(), d.title.as_str(), d.description.as_str()])
            .collect(),
        terms: postings.into_iter().collect(),
        results,
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// Numbers tried to find a sample count of each plural category: small ones first, then the
/// large ones some languages single out (French "many" is for millions).
fn sample_counts() -> impl Iterator<Item = u64> {
    (0..=200).chain([1000, 1_000_000, 2_000_000])
}

/// Derives [`ResultCountText`] from a formatter of the message: `format(count, query)` returns
/// the message's text for that count with `query` as the query. `category(n)` is the CLDR
/// cardinal category of `n` in the message's language.
pub fn result_count_text(
    lang: &str,
    format: impl Fn(u64, &str) -> String,
    category: impl Fn(u64) -> &'static str,
) -> ResultCountText {
    // A query that cannot occur in a translation, replaced by the slot afterwards.
    const QUERY: &str = "\u{e000}q\u{e001}";
    let with_slots = |n: u64| {
        let text = format(n, QUERY).replace(QUERY, "{query}");
        replace_number(&text, n)
    };
    // Per category, the first sample above 10 when there is one, else the largest: small
    // numbers may have exact variants (`[0]`), and the smallest are the likeliest to.
    let mut samples: BTreeMap<&'static str, u64> = BTreeMap::new();
    for n in sample_counts() {
        let c = category(n);
        match samples.get(c) {
            Some(&s) if s > 10 => {}
            _ => {
                samples.insert(c, n);
            }
        }
    }
    let categories: BTreeMap<String, String> = samples
        .iter()
        .map(|(c, &n)| ((*c).to_string(), with_slots(n)))
        .collect();
    let mut exact = BTreeMap::new();
    for n in 0..=10 {
        let expected = categories
            .get(category(n))
            .map(|t| t.replace("{count}", &n.to_string()));
        let actual = format(n, QUERY).replace(QUERY, "{query}");
        if expected.as_deref() != Some(actual.as_str()) {
            exact.insert(n.to_string(), actual);
        }
    }
    ResultCountText {
        lang: lang.to_string(),
        categories,
        exact,
    }
}

/// Replaces the decimal `n` standing alone (not inside a longer number) with `{count}`.
fn replace_number(text: &str, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(&digits) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + digits.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&digits);
        } else {
            out.push_str("{count}");
        }
        rest = &rest[i + digits.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_folded() {
        assert_eq!(
            terms("Crédit ÉLEVÉ, l’entreprise; PEMBANGUNAN"),
            ["credit", "eleve", "l", "entreprise", "pembangunan"]
        );
    }

    #[test]
    fn ascii_text_gives_the_terms_of_the_general_rule() {
        // The general rule, for comparison: a word is a run of alphanumeric characters.
        let slow = |text: &str| -> Vec<String> {
            text.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        for text in [
            "",
            "  ",
            "Don't stop-me now, 2024!",
            "a_b c.d\te\nf",
            "x",
            "ABC def1 2g",
        ] {
            assert_eq!(terms(text), slow(text), "{text:?}");
        }
    }

    #[test]
    fn cjk_runs_become_unigrams_and_bigrams() {
        assert_eq!(
            terms("氧化铝 and 宏桥"),
            ["氧", "化", "氧化", "铝", "化铝", "and", "宏", "桥", "宏桥"]
        );
    }

    #[test]
    fn index_lists_pages_per_term() {
        let docs = [
            SearchDocument {
                url: "".into(),
                title: "铝业".into(),
                description: String::new(),
                body: "Crédit".into(),
            },
            SearchDocument {
                url: "a/".into(),
                title: "铝".into(),
                description: String::new(),
                body: String::new(),
            },
        ];
        let json: serde_json::Value = serde_json::from_str(&build_index(
            &[&docs[0], &docs[1]],
            &ResultCountText::default(),
        ))
        .unwrap();
        assert_eq!(json["terms"]["铝"], serde_json::json!([0, 1]));
        assert_eq!(json["terms"]["credit"], serde_json::json!([0]));
        assert_eq!(json["docs"][1][0], "a/");
    }

    #[test]
    fn result_count_keeps_categories_and_exact_variants() {
        // English-like: one / other, and a [0] variant.
        let format = |n: u64, q: &str| match n {
            0 => format!("No results for {q}"),
            1 => format!("1 result for {q}"),
            _ => format!("{n} results for {q} (100)"),
        };
        let text = result_count_text("en", format, |n| if n == 1 { "one" } else { "other" });
        // French: `one` is 0 and 1; a `[0]` variant must not become the `one` text.
        let fr = |n: u64, q: &str| match n {
            0 => format!("Aucun résultat pour {q}"),
            1 => format!("1 résultat pour {q}"),
            _ => format!("{n} résultats pour {q}"),
        };
        let fr = result_count_text("fr", fr, |n| if n < 2 { "one" } else { "other" });
        assert_eq!(fr.categories["one"], "{count} résultat pour {query}");
        assert_eq!(fr.exact.keys().collect::<Vec<_>>(), ["0"]);
        assert_eq!(text.categories["one"], "{count} result for {query}");
        assert_eq!(
            text.categories["other"],
            "{count} results for {query} (100)"
        );
        assert_eq!(
            text.exact.into_iter().collect::<Vec<_>>(),
            [("0".to_string(), "No results for {query}".to_string())]
        );
    }
}
