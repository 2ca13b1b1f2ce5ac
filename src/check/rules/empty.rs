//! `empty-translation`: a value or attribute that shows nothing: empty, only whitespace, or only
//! string literals of whitespace (`{ "" }`), which is how an "empty" Fluent value is written.
//! Where the source pattern itself shows nothing, empty is the faithful translation; and the
//! source locale is the reference, so an empty source (always written on purpose) is not judged.

use crate::catalog::{EntryKind, PatternInfo, pattern_key};
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
        let patterns = entry.value.iter().map(|p| (None, p)).chain(
            entry
                .attributes
                .iter()
                .map(|a| (Some(a.name.as_str()), &a.pattern)),
        );
        for (attribute, pattern) in patterns {
            if ctx.is_source || !shows_nothing(pattern) {
                continue;
            }
            let source = match entry.kind {
                EntryKind::Message => ctx.source_index.message(&entry.id),
                EntryKind::Term => ctx.source_index.term(&entry.id),
            };
            let source_pattern = source.and_then(|(_, e)| match attribute {
                None => e.value.as_ref(),
                Some(name) => e.attribute(name).map(|a| &a.pattern),
            });
            if source_pattern.is_some_and(shows_nothing) {
                continue;
            }
            let key = pattern_key(&entry.id, attribute);
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
    fn text_is_not_empty() {
        let d = run(
            "fr",
            &[("a.ftl", "a = A\n")],
            &[("a.ftl", "a = { \"\" }Á\n")],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }
}
