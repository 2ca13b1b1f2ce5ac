//! The root page's language choice: which published locale a browser language leads to, as a
//! table computed here, at export time, from CLDR's likely subtags (ICU4X's `LocaleExpander`),
//! and written into the root page's script, which then needs no locale data of its own.
//!
//! A browser language is matched by its language, then its script (written or likely), then
//! its region: `zh-TW` and `zh-MO` are likely written in Traditional Chinese, so they find
//! `zh-HK` when that is the published Traditional locale; `zh-SG` is Simplified and finds
//! `zh-CN`; `pt` is likely Brazilian and finds `pt-BR` before `pt-PT`. The table holds one
//! entry per published language (`zh`), one per script it is written in (`zh-hant`), and one
//! per region (`zh-tw`) that leads elsewhere than the language's own entry; a language with no
//! entry leads to the visitor's next language, and in the end to the source locale.

use std::collections::BTreeMap;

use icu_locale::LanguageIdentifier;
use icu_locale::LocaleExpander;

/// A published locale's language, likely script and likely region.
struct Maximized<'t> {
    tag: &'t str,
    language: String,
    script: String,
    region: String,
}

/// The language, likely script and likely region of `tag` (empty when unknown).
fn maximize(expander: &LocaleExpander, tag: &str) -> Option<(String, String, String)> {
    // A private-use part (`en-x-pseudo`) says nothing of language, script or region.
    let mut id: LanguageIdentifier = tag.split("-x-").next().unwrap_or(tag).parse().ok()?;
    expander.maximize(&mut id);
    Some((
        id.language.as_str().to_ascii_lowercase(),
        id.script
            .map(|s| s.as_str().to_ascii_lowercase())
            .unwrap_or_default(),
        id.region
            .map(|r| r.as_str().to_ascii_lowercase())
            .unwrap_or_default(),
    ))
}

/// The matching table for the published locales `published` (in the site's order, the source
/// first): lower-case keys (`zh`, `zh-hant`, `zh-tw`) to a published tag.
pub fn matching_table(published: &[&str]) -> BTreeMap<String, String> {
    let expander = LocaleExpander::new_extended();
    let locales: Vec<Maximized> = published
        .iter()
        .filter_map(|tag| {
            let (language, script, region) = maximize(&expander, tag)?;
            Some(Maximized {
                tag,
                language,
                script,
                region,
            })
        })
        .collect();
    // The best published locale for a wanted (language, script, region): same language
    // required; the same script weighs more than the same region (zh-Hant-TW reads zh-HK
    // before zh-CN); ties go to the site's order.
    let best = |language: &str, script: &str, region: &str| -> Option<&str> {
        locales
            .iter()
            .filter(|l| l.language == language)
            .max_by_key(|l| {
                (
                    2 * u8::from(l.script == script) + u8::from(l.region == region),
                    std::cmp::Reverse(published.iter().position(|t| *t == l.tag)),
                )
            })
            .map(|l| l.tag)
    };
    let mut table = BTreeMap::new();
    let mut languages: Vec<&str> = locales.iter().map(|l| l.language.as_str()).collect();
    languages.dedup();
    languages.sort_unstable();
    languages.dedup();
    for language in languages {
        let Some((_, script, region)) = maximize(&expander, language) else {
            continue;
        };
        let Some(default) = best(language, &script, &region) else {
            continue;
        };
        table.insert(language.to_string(), default.to_string());
        // Every region code: its likely script decides (zh-TW is Traditional, zh-SG not).
        let mut scripts: Vec<String> = Vec::new();
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                let wanted = format!("{language}-{}{}", a as char, b as char);
                let Some((_, script, region)) = maximize(&expander, &wanted) else {
                    continue;
                };
                if let Some(tag) = best(language, &script, &region)
                    && tag != default
                {
                    table.insert(wanted, tag.to_string());
                }
                if !scripts.contains(&script) {
                    scripts.push(script);
                }
            }
        }
        // Every script the language is written in somewhere, and those of its locales.
        scripts.extend(
            locales
                .iter()
                .filter(|l| l.language == language)
                .map(|l| l.script.clone()),
        );
        for script in scripts {
            let wanted = format!("{language}-{script}");
            let Some((_, script, region)) = maximize(&expander, &wanted) else {
                continue;
            };
            // Listed even when it leads to the language's own entry: a written script
            // outweighs the region after it (zh-Hans-HK is Simplified).
            if let Some(tag) = best(language, &script, &region) {
                table.insert(wanted, tag.to_string());
            }
        }
    }
    table
}

/// The table as a JavaScript object literal (keys and tags are letters, digits and `-`).
pub fn table_json(table: &BTreeMap<String, String>) -> String {
    serde_json::to_string(table).unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the root page's script does with the table: the exact tag, then the language and
    /// script, the language and region, the language.
    fn choose(table: &BTreeMap<String, String>, published: &[&str], wanted: &str) -> String {
        let wanted = wanted.to_ascii_lowercase();
        if let Some(tag) = published.iter().find(|t| t.to_ascii_lowercase() == wanted) {
            return tag.to_string();
        }
        let parts: Vec<&str> = wanted.split('-').collect();
        let language = parts[0];
        let script = parts[1..].iter().find(|p| p.len() == 4);
        let region = parts[1..]
            .iter()
            .find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())));
        let mut keys = Vec::new();
        if let Some(s) = script {
            keys.push(format!("{language}-{s}"));
        }
        if let Some(r) = region {
            keys.push(format!("{language}-{r}"));
        }
        keys.push(language.to_string());
        keys.iter()
            .find_map(|k| table.get(k))
            .cloned()
            .unwrap_or_else(|| published[0].to_string())
    }

    #[test]
    fn chinese_by_script_then_region() {
        let published = ["en-US", "zh-CN", "zh-HK", "id-ID", "fr", "de"];
        let table = matching_table(&published);
        for (wanted, expected) in [
            ("zh-TW", "zh-HK"),
            ("zh-Hant", "zh-HK"),
            ("zh-Hant-TW", "zh-HK"),
            ("zh-MO", "zh-HK"),
            ("zh-HK", "zh-HK"),
            ("zh", "zh-CN"),
            ("zh-SG", "zh-CN"),
            ("zh-Hans", "zh-CN"),
            ("zh-Hans-HK", "zh-CN"),
            ("fr-CA", "fr"),
            ("de-AT", "de"),
            ("en-GB", "en-US"),
            ("id", "id-ID"),
            ("ja-JP", "en-US"),
        ] {
            assert_eq!(choose(&table, &published, wanted), expected, "{wanted}");
        }
        // Only what differs from the language's own entry is listed: a small table.
        assert!(table.len() < 40, "{table:?}");
    }

    #[test]
    fn portuguese_prefers_brazil_and_a_lone_traditional_locale_serves_all_chinese() {
        let table = matching_table(&["en-US", "pt-PT", "pt-BR"]);
        assert_eq!(table["pt"], "pt-BR");
        assert_eq!(choose(&table, &["en-US", "pt-PT", "pt-BR"], "pt"), "pt-BR");
        assert_eq!(
            choose(&table, &["en-US", "pt-PT", "pt-BR"], "pt-PT"),
            "pt-PT"
        );
        let table = matching_table(&["en-US", "pt-PT"]);
        assert_eq!(table["pt"], "pt-PT");
        let table = matching_table(&["en-US", "zh-HK"]);
        assert_eq!(choose(&table, &["en-US", "zh-HK"], "zh-CN"), "zh-HK");
    }
}
