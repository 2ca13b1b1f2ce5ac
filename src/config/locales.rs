//! Locale tags and fallback chains: a tag must be valid BCP 47 in its canonical spelling (it is
//! also the locale's folder name) and name a known language, and a target's chain is its
//! fallbacks, depth-first, then the source locale.

use std::collections::BTreeMap;

use unic_langid::LanguageIdentifier;

/// Parses a BCP 47 tag and insists on its canonical spelling, which is also its folder name,
/// and on a language, script and region that exist (`german` is well-formed, and no
/// language's code; `Hanx` no script's; `UK` no region's). A private-use part (`en-x-pseudo`)
/// is kept in the tag and left out of the returned identifier, which plural rules and
/// formatting read.
pub(super) fn parse_tag(tag: &str) -> Result<LanguageIdentifier, String> {
    let did_you_mean = || {
        crate::languages::suggest_tag(tag)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default()
    };
    let (base, private_use) = split_private_use(tag);
    let langid: LanguageIdentifier = base.parse().map_err(|e| {
        format!(
            "`{tag}` is not a valid BCP 47 locale tag ({e}){}",
            did_you_mean()
        )
    })?;
    if let Some(private_use) = private_use
        && private_use.split('-').any(|part| {
            part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
    {
        return Err(format!(
            "`{tag}` is not a valid BCP 47 locale tag (a private-use subtag after `-x-` is 1 to 8 letters or digits)"
        ));
    }
    let language = langid.language.as_str();
    if !crate::languages::is_known_language(language) {
        return Err(format!(
            "locale tag `{tag}`: `{language}` is not a known language (ISO 639 code){}",
            did_you_mean()
        ));
    }
    if let Some(unknown) = crate::languages::unknown_subtag(&langid) {
        return Err(format!(
            "locale tag `{tag}`: {unknown}{}",
            unknown.did_you_mean()
        ));
    }
    let canonical = match private_use {
        Some(private_use) => format!("{langid}-x-{}", private_use.to_ascii_lowercase()),
        None => langid.to_string(),
    };
    if canonical != tag {
        return Err(format!(
            "locale tag `{tag}` is not in canonical form; write it as `{canonical}` (it is also the folder name under locales/)"
        ));
    }
    Ok(langid)
}

/// Whether `tag` is a locale tag the configuration accepts (canonical, of a known language,
/// script and region), for commands that write one into `fluentpress.yaml` (`init`); the
/// error says why not, naming the tag meant.
pub fn validate_tag(tag: &str) -> Result<(), String> {
    parse_tag(tag).map(drop)
}

/// A tag split before its private-use part: `en-x-pseudo` → (`en`, `pseudo`).
fn split_private_use(tag: &str) -> (&str, Option<&str>) {
    let lower = tag.to_ascii_lowercase();
    match lower.find("-x-") {
        Some(at) => (&tag[..at], Some(&tag[at + 3..])),
        None => (tag, None),
    }
}

/// The chain of a target locale: its fallbacks depth-first (each followed by its own), without
/// repeats, then the source locale. `Err` carries the cycle found.
pub(super) fn expand_chain(
    tag: &str,
    fallbacks: &BTreeMap<&str, &[String]>,
    source: &str,
) -> Result<Vec<String>, Vec<String>> {
    fn visit(
        tag: &str,
        fallbacks: &BTreeMap<&str, &[String]>,
        source: &str,
        path: &mut Vec<String>,
        chain: &mut Vec<String>,
    ) -> Result<(), Vec<String>> {
        for fb in fallbacks.get(tag).copied().unwrap_or_default() {
            if fb == source {
                continue;
            }
            if let Some(start) = path.iter().position(|p| p == fb) {
                let mut cycle = path[start..].to_vec();
                cycle.push(fb.clone());
                return Err(cycle);
            }
            if !chain.contains(fb) {
                chain.push(fb.clone());
            }
            path.push(fb.clone());
            visit(fb, fallbacks, source, path, chain)?;
            path.pop();
        }
        Ok(())
    }
    let mut chain = Vec::new();
    let mut path = vec![tag.to_string()];
    visit(tag, fallbacks, source, &mut path, &mut chain)?;
    chain.push(source.to_string());
    Ok(chain)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fallback shared by two paths appears once, where it is first reached; the source
    /// locale, listed or not, comes last.
    #[test]
    fn chains_are_depth_first_without_repeats() {
        let a = vec!["b".to_string(), "c".to_string(), "en".to_string()];
        let b = vec!["c".to_string()];
        let fallbacks = BTreeMap::from([("a", a.as_slice()), ("b", b.as_slice()), ("c", &[][..])]);
        assert_eq!(
            expand_chain("a", &fallbacks, "en").unwrap(),
            ["b", "c", "en"]
        );
        let cyclic = vec!["a".to_string()];
        let fallbacks = BTreeMap::from([("a", b.as_slice()), ("c", cyclic.as_slice())]);
        assert_eq!(
            expand_chain("a", &fallbacks, "en").unwrap_err(),
            ["a", "c", "a"]
        );
    }

    /// Script and region subtags are checked as the language is; variants and private use
    /// are accepted as BCP 47 writes them.
    #[test]
    fn scripts_regions_variants_and_private_use() {
        for fine in [
            "de-Latn-DE",
            "zh-Hant-HK",
            "es-419",
            "en-XA",
            "ca-valencia",
            "ca-ES-valencia",
            "de-1996",
            "en-x-pseudo",
            "sr-Latn-RS-x-ekavian",
        ] {
            assert!(parse_tag(fine).is_ok(), "{fine}: {:?}", parse_tag(fine));
        }
        assert_eq!(parse_tag("en-x-pseudo").unwrap().to_string(), "en");
        let refused = [
            (
                "zh-Hanx",
                "`Hanx` is not a known script (ISO 15924); did you mean `zh-Hans`?",
            ),
            (
                "en-UK",
                "`UK` is not a known region (ISO 3166-1 or UN M.49); did you mean `en-GB`?",
            ),
            ("es-420", "`420` is not a known region"),
            ("en-uk", "did you mean `en-GB`?"),
            ("zh-hant-hk", "write it as `zh-Hant-HK`"),
            ("en-X-Pseudo", "write it as `en-x-pseudo`"),
            ("en-x-waytoolongsubtag", "1 to 8 letters or digits"),
            ("en-x-", "1 to 8 letters or digits"),
        ];
        for (tag, expected) in refused {
            let error = parse_tag(tag).unwrap_err();
            assert!(error.contains(expected), "{tag}: {error}");
        }
    }

    #[test]
    fn tags_must_be_canonical() {
        assert!(parse_tag("zh-Hant-TW").is_ok());
        assert!(
            parse_tag("not a tag")
                .unwrap_err()
                .contains("not a valid BCP 47")
        );
        for tag in ["EN-us", "en_US"] {
            assert!(
                parse_tag(tag).unwrap_err().contains("write it as `en-US`"),
                "{tag}"
            );
        }
    }
}
