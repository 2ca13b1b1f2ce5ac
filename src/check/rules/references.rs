//! `unknown-reference`: a message, term or attribute reference that the locale itself does not
//! define. A fallback locale may have it, but then this locale shows another language's words in
//! the middle of its own sentence.

use crate::catalog::{CatalogFile, Entry, EntryKind};
use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check_entry(
    ctx: &LocaleContext<'_>,
    file: &CatalogFile,
    entry: &Entry,
    out: &mut Vec<Diagnostic>,
) {
    // Named only when something is reported.
    let message_id = || entry.key().to_string();
    for pattern in entry.patterns() {
        let refs = pattern
            .message_refs()
            .iter()
            .map(|r| {
                let found = ctx.target_index.resolve(file, EntryKind::Message, &r.id);
                (r, found, "message", "")
            })
            .chain(pattern.term_refs().iter().map(|r| {
                let found = ctx.target_index.resolve(file, EntryKind::Term, &r.id);
                (r, found, "term", "-")
            }));
        for (reference, found, kind, dash) in refs {
            // Written out only for a reference reported: most resolve.
            let key = || format!("{dash}{}", reference.id);
            let problem = match (found, &reference.attribute) {
                (None, _) => Some(format!("unknown {kind} `{}`", key())),
                (Some((_, e)), Some(attribute)) if e.attribute(attribute).is_none() => Some(
                    format!("{kind} `{}` has no attribute `.{attribute}`", key()),
                ),
                _ => None,
            };
            if let Some(message) = problem {
                let mut d = ctx.at(
                    Code::UnknownReference,
                    file,
                    reference.span.start,
                    reference.span.len(),
                    Some(&message_id()),
                    message,
                );
                d.help = Some(format!(
                    "define it in {}, or reference one that exists",
                    ctx.locale.tag
                ));
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run, run_with};

    #[test]
    fn undefined_term_and_attribute() {
        let source = "-brand = Acme\nx = { -brand }\ny = { x }\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "x = { -marque }\ny = { x.title }\n")],
        );
        let found: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "unknown-reference")
            .collect();
        assert_eq!(found.len(), 2, "{d:?}");
        assert_eq!((found[0].line, found[0].column), (1, 7));
    }

    #[test]
    fn defined_references_are_clean() {
        let source = "-brand = Acme\nx = { -brand }\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "-brand = Acmé\nx = { -brand }\n")],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn references_resolve_within_the_bundles_of_their_file() {
        // Per file, `-brand` of brand.ftl is not seen from menu.ftl; in a group it is.
        let source = [
            ("branding/brand.ftl", "-brand = Acme\n"),
            ("menu.ftl", "x = { -brand }\n"),
        ];
        let per_file = run_with("check:\n  bundles: per-file\n", "en-US", &source, &[], &[]);
        let unknown: Vec<_> = per_file
            .iter()
            .filter(|d| d.code.as_str() == "unknown-reference")
            .collect();
        assert_eq!(unknown.len(), 1, "{per_file:?}");
        assert_eq!(unknown[0].file, "locales/en-US/menu.ftl");
        let grouped = run_with(
            "check:\n  bundles:\n    - name: main\n      files: [menu.ftl, branding/*.ftl]\n",
            "en-US",
            &source,
            &[],
            &[],
        );
        assert!(codes(&grouped).is_empty(), "{grouped:?}");
    }
}
