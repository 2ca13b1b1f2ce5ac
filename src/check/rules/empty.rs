//! `empty-translation`: a value or attribute that shows nothing: empty, only whitespace, or only
//! string literals of whitespace (`{ "" }`), which is how an "empty" Fluent value is written.
//! Where the source pattern itself shows nothing, empty is the faithful translation; and the
//! source locale is the reference, so an empty source (always written on purpose) is not judged.

use super::PatternAt;
use crate::catalog::PatternInfo;
use crate::check::{Code, Diagnostic, LocaleContext};

fn shows_nothing(pattern: &PatternInfo) -> bool {
    // Decided without reading the text for most patterns: blank, or visible text first.
    if pattern.trimmed_len() == 0 {
        return true;
    }
    // Only a string literal (`{ "" }`) can stand for nothing where a pattern has text or a
    // placeable; most patterns have none, and are answered without reading their text.
    if !pattern.starts_with_placeable() || !pattern.has_string_literal() {
        return false;
    }
    if pattern.selects().len() == 1 && pattern.text.starts_with("{ ") {
        return every_variant_shows_nothing(pattern);
    }
    text_shows_nothing(&pattern.text)
}

/// Text (a pattern's, or one variant's, in canonical FTL) that is empty, whitespace, or only
/// placeables of whitespace string literals.
fn text_shows_nothing(text: &str) -> bool {
    // Most texts start with a visible character: answered without trimming.
    match text.as_bytes().first() {
        None => return true,
        Some(&b) if b.is_ascii_graphic() && b != b'{' => return false,
        _ => {}
    }
    if !text.starts_with("{ \"") {
        return text.trim().is_empty();
    }
    let mut text = text.to_string();
    // Placeables of whitespace-only string literals render as nothing visible.
    while let Some(start) = text.find("{ \"") {
        let Some(len) = text[start + 3..].find("\" }") else {
            break;
        };
        if !text[start + 3..start + 3 + len].trim().is_empty() {
            return false;
        }
        text.replace_range(start..start + 3 + len + 3, "");
    }
    text.trim().is_empty()
}

/// A pattern that is one selection, `{ $n -> *[one] { "" } [other] { "" } }`, whose every variant
/// shows nothing: whatever is selected, the page shows nothing. The canonical text is cut at the
/// variant keys (`SelectInfo` gives them in order); text outside the selection, or a selector the
/// cut cannot be sure of (with a string literal or a placeable), lands in a piece that is not
/// empty, so the answer is never "empty" for a pattern that shows something.
fn every_variant_shows_nothing(pattern: &PatternInfo) -> bool {
    // A variant cannot be blank in Fluent's syntax: one that shows nothing is a string literal.
    // Most selections have none, and are answered without cutting their text.
    if !pattern.text.contains("{ \"") {
        return false;
    }
    let select = &pattern.selects()[0];
    let Some(body) = pattern
        .text
        .strip_prefix("{ ")
        .and_then(|text| text.strip_suffix(" }"))
    else {
        return false;
    };
    let Some((selector, mut rest)) = body.split_once(" ->") else {
        return false;
    };
    if selector.contains(['{', '}', '"']) {
        return false;
    }
    let marker = |variant: &crate::catalog::VariantInfo| {
        format!(
            "{}[{}] ",
            if variant.default { " *" } else { " " },
            variant.key
        )
    };
    for (i, variant) in select.variants.iter().enumerate() {
        let Some(after) = rest.strip_prefix(&marker(variant)) else {
            return false;
        };
        let end = match select.variants.get(i + 1) {
            Some(next) => match after.find(&marker(next)) {
                Some(end) => end,
                None => return false,
            },
            None => after.len(),
        };
        if !text_shows_nothing(&after[..end]) {
            return false;
        }
        rest = &after[end..];
    }
    true
}

pub fn check_pattern(ctx: &LocaleContext<'_>, at: &PatternAt<'_>, out: &mut Vec<Diagnostic>) {
    let (file, entry, attribute, pattern) = (at.file, at.entry, at.attribute, at.pattern);
    if ctx.is_source || !shows_nothing(pattern) {
        return;
    }
    let source_pattern = ctx
        .source_index
        .pattern(entry.pattern_key(attribute))
        .map(|(_, pattern)| pattern);
    if source_pattern.is_some_and(shows_nothing) {
        return;
    }
    let key = entry.pattern_key(attribute).to_string();
    let offset = entry.pattern_offset(pattern);
    let mut d = ctx.at(
        Code::EmptyTranslation,
        file,
        offset,
        1,
        Some(&key),
        format!("`{key}` is empty"),
    );
    d.help = Some("translate it, or delete the message to fall back to another locale".into());
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn whitespace_literals_are_empty() {
        let d = run(
            "fr",
            &[("a.ftl", "a = A\nb = B\n")],
            &[("a.ftl", "a = { \"\" }\nb = { \" \" }{ \"\" }\n")],
        );
        assert_eq!(codes(&d), ["empty-translation", "empty-translation"]);
    }

    /// A source that is itself `{ "" }` may be translated as empty; the source is not judged.
    #[test]
    fn an_empty_source_may_be_translated_as_empty() {
        let source = "a = { \"\" }\nb = B\n    .title = { \"\" }\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "a = { \"\" }\nb = { \"\" }\n    .title = { \"\" }\n",
            )],
        );
        let empty: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "empty-translation")
            .map(|d| d.message_id.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(empty, ["b"], "{d:?}");
        let d = run("en-US", &[("a.ftl", source)], &[]);
        assert!(!codes(&d).contains(&"empty-translation"), "{d:?}");
    }

    #[test]
    fn a_term_is_named_with_its_dash_and_its_ignore_comment_counts() {
        let d = run(
            "fr",
            &[("a.ftl", "-t = T\n-u = U\n")],
            &[(
                "a.ftl",
                "# fluentpress-ignore: empty-translation\n-t = { \"\" }\n-u = { \"\" }\n",
            )],
        );
        assert_eq!(codes(&d), ["empty-translation"]);
        assert_eq!(d[0].message_id.as_deref(), Some("-u"));
        assert_eq!(d[0].message, "`-u` is empty");
    }

    /// A value that is one selection with nothing in any variant shows nothing, whatever is
    /// selected; one variant with text, or text beside the selection, is something.
    #[test]
    fn a_selection_empty_in_every_variant_is_empty() {
        let source = "a = { $n } files\n";
        let empty = "a = { $n ->\n   *[one] { \"\" }\n    [other] { \"\" }\n}\n";
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", empty)]);
        assert!(codes(&d).contains(&"empty-translation"), "{d:?}");
        for shows_something in [
            "a = { $n ->\n   *[one] { \"\" }\n    [other] { $n } fichiers\n}\n",
            "a = { $n ->\n   *[one] { \"\" }\n    [other] { \"\" }\n} fichiers\n",
            "a = { $n ->\n   *[one] { \"\" }\n    [other] { \"\" }\n}{ \"x\" }\n",
            "a = { $n ->\n   *[one] { \"\" }\n    [other] { \" [one] \" }\n}\n",
            "a = { NUMBER($n, type: \"ordinal\") ->\n   *[one] { \"\" }\n    [other] { \"\" }\n}x\n",
        ] {
            let d = run("fr", &[("a.ftl", source)], &[("a.ftl", shows_something)]);
            assert!(
                !codes(&d).contains(&"empty-translation"),
                "{shows_something}: {d:?}"
            );
        }
        // A source that is itself empty in every variant may be translated so.
        let d = run("fr", &[("a.ftl", empty)], &[("a.ftl", empty)]);
        assert!(!codes(&d).contains(&"empty-translation"), "{d:?}");
    }

    #[test]
    fn text_is_not_empty() {
        let d = run(
            "fr",
            &[("a.ftl", "a = A\n")],
            &[("a.ftl", "a = { \"\" }Á\n")],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }
}
