//! Which language a locale tag names, and what a mistyped tag most likely meant.
//!
//! `unic-langid` checks a tag's shape only: `german` or `xx` are well-formed language subtags
//! that no language has. [`is_known_language`] checks the language subtag against ISO 639 (the
//! language part of the IANA registry, embedded as data in `languages/data.rs`), and
//! [`suggest_tag`] turns the usual slips into the tag meant: an English language name
//! (`german` → `de`), a three-letter code of a language that has a two-letter one (`fra` →
//! `fr`), gettext's underscore and any letter case (`zh_cn` → `zh-CN`, `EN-us` → `en-US`).
//! The configuration refuses an unknown language with that suggestion; commands that take a
//! locale suggest the configured tag meant ([`closest_configured`]).

mod data;

use unic_langid::LanguageIdentifier;

use data::{THREE_LETTER, TWO_LETTER};

/// Whether `subtag` (lower case) is the language subtag of a language: ISO 639-1, or a three-
/// letter code of a language without a two-letter one, or the private-use `qaa`..`qtz`.
pub fn is_known_language(subtag: &str) -> bool {
    match subtag.len() {
        2 => TWO_LETTER.binary_search_by(|e| e.0.cmp(subtag)).is_ok(),
        3 => {
            // Four bytes a code (three letters and a space): a binary search by index.
            let (mut lo, mut hi) = (0, THREE_LETTER.len() / 4);
            while lo < hi {
                let mid = (lo + hi) / 2;
                match THREE_LETTER[mid * 4..mid * 4 + 3].cmp(subtag) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return true,
                }
            }
            false
        }
        _ => false,
    }
}

/// The English name of a two-letter language subtag (`de` → `German`).
pub fn english_name(subtag: &str) -> Option<&'static str> {
    TWO_LETTER
        .binary_search_by(|e| e.0.cmp(subtag))
        .ok()
        .map(|i| TWO_LETTER[i].3)
}

/// The two-letter subtag for `word`, a language's English name (`German`, `chinese`; names
/// such as `Modern Greek (1453-)` also answer to `greek`) or one of its three-letter codes
/// (`deu`, `ger`).
fn two_letter_for(word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    let simplified = |name: &str| -> String {
        let name = name.split(['(', ',']).next().unwrap_or(name).trim();
        name.strip_prefix("Modern ")
            .unwrap_or(name)
            .to_ascii_lowercase()
    };
    TWO_LETTER
        .iter()
        .find(|e| e.1 == word || e.2 == word)
        .or_else(|| {
            TWO_LETTER
                .iter()
                .find(|e| e.3.eq_ignore_ascii_case(&word) || simplified(e.3) == word)
        })
        .map(|e| e.0)
        .or(match word.as_str() {
            // Common names that are not ISO's: a person types these.
            "farsi" => Some("fa"),
            "castilian" => Some("es"),
            "flemish" => Some("nl"),
            "mandarin" => Some("zh"),
            _ => None,
        })
}

/// The canonical tag `tag` was most likely meant to be, if it is not one of a known
/// language already: `zh_cn` → `zh-CN`, `EN-us` → `en-US`, `german` → `de`, `fra-CA` →
/// `fr-CA`. `None` when nothing plausible is found (or `tag` is fine as it is).
pub fn suggest_tag(tag: &str) -> Option<String> {
    let dashed = tag.trim().replace('_', "-");
    let mut parts: Vec<String> = dashed.split('-').map(str::to_string).collect();
    let first = parts.first()?.to_ascii_lowercase();
    if !is_known_language(&first) {
        parts[0] = two_letter_for(&first)?.to_string();
    }
    let langid: LanguageIdentifier = parts.join("-").parse().ok()?;
    let canonical = langid.to_string();
    (canonical != tag && is_known_language(langid.language.as_str())).then_some(canonical)
}

/// The configured tag `tag` most likely meant: the same tag once spelled canonically (`zh_cn`,
/// `ZH-cn` → `zh-CN`), the same ignoring case, or one letter away (`fr-CH` for `fr-CA` is
/// not: only a typo of one character, `fe` → `fr`).
pub fn closest_configured<'a>(tag: &str, configured: &[&'a str]) -> Option<&'a str> {
    let canonical = suggest_tag(tag);
    let lower = tag.replace('_', "-").to_ascii_lowercase();
    configured
        .iter()
        .find(|c| canonical.as_deref() == Some(**c) || c.to_ascii_lowercase() == lower)
        .or_else(|| {
            configured
                .iter()
                .find(|c| edit_distance(&lower, &c.to_ascii_lowercase()) == 1)
        })
        .copied()
}

/// Levenshtein distance, on characters (tags and rule codes are short).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_sorted_and_well_formed() {
        assert!(TWO_LETTER.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(THREE_LETTER.len().is_multiple_of(4));
        let codes: Vec<&str> = THREE_LETTER.split_terminator(' ').collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_lowercase()))
        );
        for code in &codes {
            assert!(is_known_language(code), "{code}");
        }
    }

    /// Real languages (Firefox's locales among them) are known; made-up and long-form
    /// codes of languages with a two-letter one are not.
    #[test]
    fn languages_are_known_by_their_shortest_code() {
        for known in [
            "de", "en", "zh", "ach", "ast", "szl", "trs", "yue", "cmn", "qaa",
        ] {
            assert!(is_known_language(known), "{known}");
        }
        for unknown in ["xx", "german", "deu", "ger", "hye", "zzz", "e", ""] {
            assert!(!is_known_language(unknown), "{unknown}");
        }
        assert_eq!(english_name("de"), Some("German"));
    }

    #[test]
    fn suggestions_fix_names_codes_case_and_underscores() {
        let cases = [
            ("german", Some("de")),
            ("German", Some("de")),
            ("chinese", Some("zh")),
            ("greek", Some("el")),
            ("deu", Some("de")),
            ("fra-CA", Some("fr-CA")),
            ("zh_cn", Some("zh-CN")),
            ("EN-us", Some("en-US")),
            ("pt_BR", Some("pt-BR")),
            ("sr_latn_rs", Some("sr-Latn-RS")),
            ("de", None),
            ("xx", None),
            ("qwertyuiop", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(suggest_tag(tag).as_deref(), expected, "{tag}");
        }
    }

    #[test]
    fn the_configured_tag_meant_is_found() {
        let configured = ["en-US", "fr", "zh-CN", "pt-BR"];
        assert_eq!(closest_configured("zh_cn", &configured), Some("zh-CN"));
        assert_eq!(closest_configured("ZH-CN", &configured), Some("zh-CN"));
        assert_eq!(closest_configured("pt_br", &configured), Some("pt-BR"));
        assert_eq!(closest_configured("fe", &configured), Some("fr"));
        assert_eq!(closest_configured("de", &configured), None);
    }
}
