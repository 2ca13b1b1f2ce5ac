//! `empty-translation`: a value or attribute that shows nothing: empty, only whitespace, or only
//! string literals of whitespace (`{ "" }`), which is how an "empty" Fluent value is written.
//! Where the source pattern itself shows nothing, empty is the faithful translation; and the
//! source locale is the reference, so an empty source (always written on purpose) is not judged.

use crate::catalog::PatternInfo;
use crate::check::{Code, Diagnostic, LocaleContext};

fn shows_nothing(pattern: &PatternInfo) -> bool {
    if !pattern.text.starts_with("{ \"") {
        return pattern.text.trim().is_empty();
    }
    let mut text = pattern.text.clone();
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

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, entry) in ctx.target.entries() {
        for (attribute, pattern) in entry.named_patterns() {
            if ctx.is_source || !shows_nothing(pattern) {
                continue;
            }
            let source_pattern = ctx
                .source_index
                .pattern(entry.pattern_key(attribute))
                .map(|(_, pattern)| pattern);
            if source_pattern.is_some_and(shows_nothing) {
                continue;
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
            d.help =
                Some("translate it, or delete the message to fall back to another locale".into());
            out.push(d);
        }
    }
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
