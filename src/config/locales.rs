//! Locale tags and fallback chains: a tag must be valid BCP 47 in its canonical spelling (it is
//! also the locale's folder name) and name a known language, and a target's chain is its
//! fallbacks, depth-first, then the source locale.

use std::collections::BTreeMap;

use unic_langid::LanguageIdentifier;

/// Parses a BCP 47 tag and insists on its canonical spelling, which is also its folder name,
/// and on a language that exists (`german` is well-formed, and no language's code).
pub(super) fn parse_tag(tag: &str) -> Result<LanguageIdentifier, String> {
    let did_you_mean = || {
        crate::languages::suggest_tag(tag)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default()
    };
    let langid: LanguageIdentifier = tag.parse().map_err(|e| {
        format!(
            "`{tag}` is not a valid BCP 47 locale tag ({e}){}",
            did_you_mean()
        )
    })?;
    let canonical = langid.to_string();
    if canonical != tag {
        return Err(format!(
            "locale tag `{tag}` is not in canonical form; write it as `{canonical}` (it is also the folder name under locales/)"
        ));
    }
    let language = langid.language.as_str();
    if !crate::languages::is_known_language(language) {
        return Err(format!(
            "locale tag `{tag}`: `{language}` is not a known language (ISO 639 code){}",
            did_you_mean()
        ));
    }
    Ok(langid)
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
