//! `unknown-reference`: a message, term or attribute reference that the locale itself does not
//! define. A fallback locale may have it, but then this locale shows another language's words in
//! the middle of its own sentence.

use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, entry) in ctx.target.entries() {
        // Named only when something is reported.
        let message_id = || entry.key().to_string();
        for pattern in entry.patterns() {
            let refs = pattern
                .message_refs()
                .iter()
                .map(|r| (r, ctx.target_index.message(&r.id), "message", ""))
                .chain(
                    pattern
                        .term_refs()
                        .iter()
                        .map(|r| (r, ctx.target_index.term(&r.id), "term", "-")),
                );
            for (reference, found, kind, dash) in refs {
                let key = format!("{dash}{}", reference.id);
                let problem = match (found, &reference.attribute) {
                    (None, _) => Some(format!("unknown {kind} `{key}`")),
                    (Some((_, e)), Some(attribute)) if e.attribute(attribute).is_none() => {
                        Some(format!("{kind} `{key}` has no attribute `.{attribute}`"))
                    }
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
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn undefined_term_and_attribute() {
        let source = "-brand = Acme\nx = { -brand }\ny = { x }\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "x = { -marque }\ny = { x.title }\n")],
        );
        let mut got = codes(&d);
        got.retain(|c| *c == "unknown-reference");
        assert_eq!(got.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (1, 7));
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
}
