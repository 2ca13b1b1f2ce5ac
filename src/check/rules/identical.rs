//! `identical-to-source`: a translation equal to its source text, usually forgotten English.
//! Allowed without a warning: text with no letters (numbers, punctuation, placeables only),
//! text made only of names the locale's glossary keeps as they are, and a one-character
//! attribute (an access key, `.accesskey = F`, which many languages keep). A same-language
//! variant (en-GB) has its own policy, applied with the severities (`severity.rs`).

use super::PatternPair;
use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check_pair(
    ctx: &LocaleContext<'_>,
    pair: &PatternPair<'_>,
    kept: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    // Different lengths are different texts: most pairs are told apart without reading
    // either text.
    if pair.source.trimmed_len() != pair.target.trimmed_len() {
        return;
    }
    let text = trimmed(&pair.target.text);
    if trimmed(&pair.source.text) != text {
        return;
    }
    if pair.attribute.is_some() && text.chars().count() == 1 {
        return;
    }
    let mut rest = without_placeables(&pair.target.text);
    for name in kept {
        rest = rest.replace(name, "");
    }
    if !rest.chars().any(char::is_alphabetic) {
        return;
    }
    let mut d = ctx.at(
        Code::IdenticalToSource,
        pair.target_file,
        pair.target_offset(),
        1,
        Some(&pair.key()),
        format!(
            "the translation is identical to the {} source",
            ctx.project.source_locale().tag
        ),
    );
    d.help = Some(
        "translate it; if it is a name that stays as it is, add it to the locale's glossary.yaml with itself as translation"
            .into(),
    );
    out.push(d);
}

/// `text` without surrounding whitespace; most text has none, which its first and last bytes
/// tell without decoding characters.
fn trimmed(text: &str) -> &str {
    let plain_edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii() && !b.is_ascii_whitespace());
    if plain_edge(text.as_bytes().first()) && plain_edge(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

fn without_placeables(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run, run_with};

    #[test]
    fn forgotten_english_is_flagged_numbers_and_placeables_are_not() {
        let source = "a = Home\nb = 2018\nc = { -brand }\nd = –\n-brand = Acme\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "a = Home\nb = 2018\nc = { -brand }\nd = –\n-brand = Acme\n",
            )],
        );
        assert_eq!(codes(&d), ["identical-to-source"]);
        assert_eq!(d[0].message_id.as_deref(), Some("a"));
    }

    #[test]
    fn names_kept_by_the_glossary_are_allowed() {
        let glossary =
            "terms:\n  - source: China Hongqiao Group\n    translations: [China Hongqiao Group]\n";
        let d = run_with(
            "",
            "fr",
            &[("a.ftl", "a = China Hongqiao Group\n")],
            &[("a.ftl", "a = China Hongqiao Group\n")],
            &[("locales/fr/glossary.yaml", glossary)],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn access_keys_are_not_flagged() {
        let source = "menu =\n    .label = File\n    .accesskey = F\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "menu =\n    .label = File\n    .accesskey = F\n")],
        );
        let keys: Vec<_> = d.iter().filter_map(|d| d.message_id.as_deref()).collect();
        assert_eq!(keys, ["menu.label"], "{d:?}");
    }

    #[test]
    fn a_same_language_variant_may_keep_the_source_unless_configured() {
        let source = [("a.ftl", "a = Colour settings\n")];
        let config = "locales:\n  - tag: en-GB\n    name: English (UK)\n";
        let same = crate::check::rules::tests::run_full_config(config, "en-GB", &source, &source);
        assert!(codes(&same).is_empty(), "{same:?}");
        let on = format!(
            "{config}check:\n  locales:\n    en-GB:\n      severity:\n        identical-to-source: warning\n"
        );
        let flagged = crate::check::rules::tests::run_full_config(&on, "en-GB", &source, &source);
        assert_eq!(codes(&flagged), ["identical-to-source"]);
    }
}
