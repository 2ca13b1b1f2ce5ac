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
//!
//! The script and region subtags are checked the same way ([`unknown_subtag`]) against ISO
//! 15924 and ISO 3166-1 plus the UN M.49 areas (`languages/subtags.rs`), with the private-use
//! ranges BCP 47 reserves (`Qaaa`..`Qabx`; `AA`, `QM`..`QZ`, `XA`..`XZ`, `ZZ`: Android's
//! pseudo-locales are `en-XA` and `ar-XB`). A mistyped one is answered with the subtag CLDR's
//! likely subtags expect for the language when it is one letter away (`zh-Hanx` → `zh-Hans`,
//! `de-DF` → `de-DE`), else with the few codes one letter away. Variants (`ca-valencia`,
//! `de-1996`) are checked for their shape only.

mod data;
mod subtags;

use unic_langid::LanguageIdentifier;

use data::{THREE_LETTER, TWO_LETTER};
use subtags::{AREAS, COUNTRIES, RESERVED_REGIONS, SCRIPTS};

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

/// Whether `subtag` (title case, `Latn`) is an ISO 15924 script or in its private-use range.
pub fn is_known_script(subtag: &str) -> bool {
    SCRIPTS.binary_search_by(|e| e.0.cmp(subtag)).is_ok()
        || (subtag.len() == 4 && ("Qaaa"..="Qabx").contains(&subtag))
}

/// Whether `subtag` (upper case, `DE`, or three digits, `419`) is a region BCP 47 knows: an
/// ISO 3166-1 country, a code ISO reserves that the IANA registry lists (`EU`, `IC`), a
/// UN M.49 area, or a private-use code.
pub fn is_known_region(subtag: &str) -> bool {
    let in_table = |table: &[(&str, &str)]| table.binary_search_by(|e| e.0.cmp(subtag)).is_ok();
    match subtag.len() {
        2 => {
            in_table(COUNTRIES)
                || in_table(RESERVED_REGIONS)
                || matches!(subtag, "AA" | "ZZ")
                || ("QM"..="QZ").contains(&subtag)
                || subtag.starts_with('X')
        }
        3 => in_table(AREAS),
        _ => false,
    }
}

/// A script or region subtag of a well-formed tag that no standard assigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSubtag {
    /// As BCP 47 spells it (`Hanx`, `UK`).
    pub subtag: String,
    /// `script` or `region`.
    pub kind: &'static str,
    /// The whole tags most likely meant, canonical (`zh-Hans`); at most three, often none.
    pub suggestions: Vec<String>,
}

impl UnknownSubtag {
    /// `; did you mean `zh-Hans`?` (or `` `a`, `b` or `c` ``), or nothing.
    pub fn did_you_mean(&self) -> String {
        let Some((last, rest)) = self.suggestions.split_last() else {
            return String::new();
        };
        let mut out = String::from("; did you mean ");
        for (i, tag) in rest.iter().enumerate() {
            out.push_str(&format!(
                "`{tag}`{}",
                if i + 1 < rest.len() { ", " } else { " " }
            ));
        }
        if !rest.is_empty() {
            out.push_str("or ");
        }
        out.push_str(&format!("`{last}`?"));
        out
    }
}

/// `` `Hanx` is not a known script (ISO 15924) ``, without the suggestions.
impl std::fmt::Display for UnknownSubtag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let standard = match self.kind {
            "script" => "ISO 15924",
            _ => "ISO 3166-1 or UN M.49",
        };
        write!(
            f,
            "`{}` is not a known {} ({standard})",
            self.subtag, self.kind
        )
    }
}

/// What is wrong with `tag` as a locale tag beyond its shape and spelling: `` `xx` is not a
/// known language (ISO 639) ``, `` `Hanx` is not a known script (ISO 15924) ``; `None` for a
/// tag of known subtags (or one that does not parse: its suggestion says more).
pub fn unknown_part(tag: &str) -> Option<String> {
    let base = tag.split("-x-").next().unwrap_or(tag);
    let langid: LanguageIdentifier = base.replace('_', "-").parse().ok()?;
    let language = langid.language.as_str();
    if !is_known_language(language) {
        return Some(format!("`{language}` is not a known language (ISO 639)"));
    }
    unknown_subtag(&langid).map(|u| u.to_string())
}

/// The first script or region subtag of `langid` that is not known ([`is_known_script`],
/// [`is_known_region`]), with the tags meant.
pub fn unknown_subtag(langid: &LanguageIdentifier) -> Option<UnknownSubtag> {
    let expander = || icu_locale::LocaleExpander::new_extended();
    // CLDR's likely script and region for the language with the tag's other subtag.
    let likely = |script: Option<&str>, region: Option<&str>| {
        let mut text = langid.language.as_str().to_string();
        for part in [script, region].into_iter().flatten() {
            text.push('-');
            text.push_str(part);
        }
        let mut id = icu_locale::LanguageIdentifier::try_from_str(&text).ok()?;
        expander().maximize(&mut id);
        Some((
            id.script.map(|s| s.as_str().to_string()),
            id.region.map(|r| r.as_str().to_string()),
        ))
    };
    let with = |script: Option<&str>, region: Option<&str>| -> Option<String> {
        let mut id = langid.clone();
        id.script = match script {
            Some(s) => Some(s.parse().ok()?),
            None => None,
        };
        id.region = match region {
            Some(r) => Some(r.parse().ok()?),
            None => None,
        };
        Some(id.to_string())
    };
    let region = langid.region.as_ref().map(|r| r.as_str());
    if let Some(script) = langid.script.as_ref().map(|s| s.as_str())
        && !is_known_script(script)
    {
        let expected = likely(None, region.filter(|r| is_known_region(r))).and_then(|l| l.0);
        let meant = meant(script, SCRIPTS, expected.as_deref(), None);
        return Some(UnknownSubtag {
            subtag: script.to_string(),
            kind: "script",
            suggestions: meant
                .into_iter()
                .filter_map(|s| with(Some(s), region))
                .collect(),
        });
    }
    let script = langid.script.as_ref().map(|s| s.as_str());
    if let Some(region) = region
        && !is_known_region(region)
    {
        let expected = likely(script, None).and_then(|l| l.1);
        let table = if region.len() == 3 { AREAS } else { COUNTRIES };
        // ISO reserves `UK` for the United Kingdom, whose code is `GB`: `en-UK` is a common slip.
        let alias = (region == "UK").then_some("GB");
        let meant = meant(region, table, expected.as_deref(), alias);
        return Some(UnknownSubtag {
            subtag: region.to_string(),
            kind: "region",
            suggestions: meant
                .into_iter()
                .filter_map(|r| with(script, Some(r)))
                .collect(),
        });
    }
    None
}

/// The codes of `table` `code` was most likely meant to be: `alias` when given; the code CLDR
/// expects (`expected`) when it is one slip away (one character changed, or two neighbours
/// swapped); else the codes one slip away when they are three at most.
fn meant<'t>(
    code: &str,
    table: &'t [(&'t str, &'t str)],
    expected: Option<&str>,
    alias: Option<&'t str>,
) -> Vec<&'t str> {
    if let Some(alias) = alias {
        return vec![alias];
    }
    let close: Vec<&str> = table
        .iter()
        .map(|e| e.0)
        .filter(|c| one_slip_apart(code, c))
        .collect();
    if let Some(expected) = expected
        && let Some(c) = close.iter().find(|c| **c == expected)
    {
        return vec![c];
    }
    if close.len() <= 3 { close } else { Vec::new() }
}

/// Whether two codes of one length differ by one character or by two neighbours swapped.
fn one_slip_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a == b {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match differ[..] {
        [_] => true,
        [i, j] => j == i + 1 && a[i] == b[j] && a[j] == b[i],
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
    let canonical = match unknown_subtag(&langid) {
        None => langid.to_string(),
        // A wrong script or region: only a single obvious fix is a suggestion (`en_uk` → `en-GB`).
        Some(unknown) => match &unknown.suggestions[..] {
            [only] => only.clone(),
            _ => return None,
        },
    };
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
    fn the_subtag_tables_are_sorted_and_well_formed() {
        for table in [SCRIPTS, COUNTRIES, RESERVED_REGIONS, AREAS] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        }
        assert!(SCRIPTS.iter().all(|(c, _)| c.len() == 4
            && c.starts_with(|b: char| b.is_ascii_uppercase())
            && c[1..].bytes().all(|b| b.is_ascii_lowercase())));
        assert!(
            COUNTRIES
                .iter()
                .chain(RESERVED_REGIONS)
                .all(|(c, _)| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        assert!(
            AREAS
                .iter()
                .all(|(c, _)| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        assert_eq!(SCRIPTS.len(), 180);
        assert_eq!(COUNTRIES.len(), 249);
    }

    /// Scripts and regions of real tags are known (private use too); made-up ones are not.
    #[test]
    fn scripts_and_regions_are_known_by_their_codes() {
        for known in [
            "Latn", "Hant", "Hans", "Cyrl", "Zyyy", "Qaaa", "Qabx", "Qaba",
        ] {
            assert!(is_known_script(known), "{known}");
        }
        for unknown in ["Hanx", "Latx", "Qabz", "Zzzy", "Lat", ""] {
            assert!(!is_known_script(unknown), "{unknown}");
        }
        for known in [
            "DE", "HK", "US", "GB", "EU", "IC", "419", "001", "150", "XA", "XB", "XX", "QO", "AA",
            "ZZ",
        ] {
            assert!(is_known_region(known), "{known}");
        }
        for unknown in ["UK", "EN", "QA1", "420", "999", "QL", "D", "DEU"] {
            assert!(!is_known_region(unknown), "{unknown}");
        }
    }

    #[test]
    fn unknown_scripts_and_regions_name_the_tags_meant() {
        let unknown = |tag: &str| unknown_subtag(&tag.parse().unwrap());
        for fine in [
            "de-Latn-DE",
            "zh-Hant-HK",
            "es-419",
            "en-XA",
            "ca-ES-valencia",
            "de-1996",
        ] {
            assert_eq!(unknown(fine), None, "{fine}");
        }
        let cases: [(&str, &str, &str, &[&str]); 6] = [
            ("zh-Hanx", "Hanx", "script", &["zh-Hans"]),
            ("zh-Hanx-HK", "Hanx", "script", &["zh-Hant-HK"]),
            (
                "sr-Latx",
                "Latx",
                "script",
                &["sr-Latf", "sr-Latg", "sr-Latn"],
            ),
            ("en-UK", "UK", "region", &["en-GB"]),
            ("de-DF", "DF", "region", &["de-DE"]),
            ("fr-QL", "QL", "region", &[]),
        ];
        for (tag, subtag, kind, meant) in cases {
            let found = unknown(tag).unwrap_or_else(|| panic!("{tag}"));
            assert_eq!((found.subtag.as_str(), found.kind), (subtag, kind), "{tag}");
            assert_eq!(found.suggestions, meant, "{tag}");
        }
        let hanx = unknown("zh-Hanx").unwrap();
        assert_eq!(
            format!("{hanx}{}", hanx.did_you_mean()),
            "`Hanx` is not a known script (ISO 15924); did you mean `zh-Hans`?"
        );
        assert_eq!(
            unknown("sr-Latx").unwrap().did_you_mean(),
            "; did you mean `sr-Latf`, `sr-Latg` or `sr-Latn`?"
        );
        let ql = unknown("fr-QL").unwrap();
        assert_eq!(
            format!("{ql}{}", ql.did_you_mean()),
            "`QL` is not a known region (ISO 3166-1 or UN M.49)"
        );
        assert_eq!(
            unknown_part("en-UK").as_deref(),
            Some("`UK` is not a known region (ISO 3166-1 or UN M.49)")
        );
        assert_eq!(
            unknown_part("xx-DE").as_deref(),
            Some("`xx` is not a known language (ISO 639)")
        );
        assert_eq!(unknown_part("en-GB"), None);
        assert_eq!(suggest_tag("en_uk").as_deref(), Some("en-GB"));
        assert_eq!(suggest_tag("zh-hant-hk").as_deref(), Some("zh-Hant-HK"));
        assert_eq!(suggest_tag("fr-QL"), None);
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
