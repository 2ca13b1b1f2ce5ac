//! `dropped-reference`, `added-reference` and `changed-reference`: the message and term
//! references of a translation compared with its source pattern's (value with value, attribute
//! with attribute). A dropped `{ button.label }` makes text vanish from the page; an added one
//! shows text the source does not; `{ button.tooltip }` for `{ button.label }` shows the wrong one.
//!
//! Message references compare by id and attribute; term references by id only, since a term
//! attribute (`-brand.gender`) is grammar a translation may select on differently. Where neither
//! pattern selects, references are multisets (twice against once is a drop); where either does,
//! variants may repeat or omit what another has, so only which references appear is compared.
//! A dropped reference and an added one of the same kind make one `changed-reference`.
//! Warnings, as in compare-locales; `# fluentpress-ignore: CODE` is the way out where a language
//! legitimately needs another shape.

use crate::catalog::{PatternInfo, Reference};
use crate::check::rules::PatternPair;
use crate::check::{Code, Diagnostic, LocaleContext};

/// A reference as reports write it: `{ button.label }`, `{ -brand }`.
fn shown(term: bool, reference: &Reference) -> String {
    let dash = if term { "-" } else { "" };
    match (term, &reference.attribute) {
        (false, Some(attribute)) => format!("{{ {}.{attribute} }}", reference.id),
        _ => format!("{{ {dash}{} }}", reference.id),
    }
}

/// The references of one kind that count: term references used as selectors' grammar
/// (`-brand.gender`) are left out.
fn counted(pattern: &PatternInfo, term: bool) -> Vec<&Reference> {
    if term {
        pattern
            .term_refs()
            .iter()
            .filter(|r| r.attribute.is_none())
            .collect()
    } else {
        pattern.message_refs().iter().collect()
    }
}

fn same(a: &Reference, b: &Reference) -> bool {
    a.id == b.id && a.attribute == b.attribute
}

pub fn check(ctx: &LocaleContext<'_>, pairs: &[PatternPair<'_>], out: &mut Vec<Diagnostic>) {
    for pair in pairs {
        // Most patterns reference nothing on either side.
        if pair.source.message_refs().is_empty()
            && pair.source.term_refs().is_empty()
            && pair.target.message_refs().is_empty()
            && pair.target.term_refs().is_empty()
        {
            continue;
        }
        let as_sets = !pair.source.selects().is_empty() || !pair.target.selects().is_empty();
        for term in [false, true] {
            compare(ctx, pair, term, as_sets, out);
        }
    }
}

fn compare(
    ctx: &LocaleContext<'_>,
    pair: &PatternPair<'_>,
    term: bool,
    as_sets: bool,
    out: &mut Vec<Diagnostic>,
) {
    let source = counted(pair.source, term);
    let target = counted(pair.target, term);
    let (dropped, mut added): (Vec<&Reference>, Vec<&Reference>) = if as_sets {
        (
            dedup(source.iter().filter(|s| !target.iter().any(|t| same(s, t)))),
            dedup(target.iter().filter(|t| !source.iter().any(|s| same(s, t)))),
        )
    } else {
        // Multisets: each target reference absorbs one equal source reference.
        let mut unmatched: Vec<Option<&Reference>> = target.iter().copied().map(Some).collect();
        let mut dropped = Vec::new();
        for s in &source {
            match unmatched.iter_mut().find(|t| t.is_some_and(|t| same(s, t))) {
                Some(slot) => *slot = None,
                None => dropped.push(*s),
            }
        }
        (dropped, unmatched.into_iter().flatten().collect())
    };
    let key = pair.key();
    for gone in dropped {
        // The added reference this one became: one to the same message first, else any.
        let replacement = added
            .iter()
            .position(|a| a.id == gone.id)
            .or((!added.is_empty()).then_some(0))
            .map(|i| added.remove(i));
        let d = match replacement {
            Some(instead) => {
                let mut d = ctx.at(
                    Code::ChangedReference,
                    pair.target_file,
                    instead.span.start,
                    instead.span.len(),
                    Some(&key),
                    format!(
                        "`{}` where the source has `{}`",
                        shown(term, instead),
                        shown(term, gone)
                    ),
                );
                d.help = Some(format!(
                    "reference `{}` as the source does, or the page shows other text",
                    shown(term, gone)
                ));
                d
            }
            None => {
                let mut d = ctx.at(
                    Code::DroppedReference,
                    pair.target_file,
                    pair.target_offset(),
                    1,
                    Some(&key),
                    format!(
                        "the source shows `{}` and this translation does not",
                        shown(term, gone)
                    ),
                );
                d.help = Some("its text vanishes from the page: add the reference".into());
                d
            }
        };
        out.push(d);
    }
    for extra in added {
        let mut d = ctx.at(
            Code::AddedReference,
            pair.target_file,
            extra.span.start,
            extra.span.len(),
            Some(&key),
            format!("`{}` is not in the source", shown(term, extra)),
        );
        d.help = Some(
            "remove it, or add `# fluentpress-ignore: added-reference` if the language needs it"
                .into(),
        );
        out.push(d);
    }
}

/// The references in order, each once.
fn dedup<'r>(references: impl Iterator<Item = &'r &'r Reference>) -> Vec<&'r Reference> {
    let mut out: Vec<&Reference> = Vec::new();
    for r in references {
        if !out.iter().any(|o| same(o, r)) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    const SOURCE: &str = "button = B\n    .label = Save\n    .tooltip = Saves\n-brand = Acme\nm = Click { button.label } at { -brand }\n";
    const DEFS: &str =
        "button = Bé\n    .label = Enregistrer\n    .tooltip = Enregistre\n-brand = Acme\n";

    fn found(target: &str) -> Vec<(&'static str, String)> {
        let d = run(
            "fr",
            &[("a.ftl", SOURCE)],
            &[("a.ftl", &format!("{DEFS}{target}"))],
        );
        d.iter()
            .filter(|d| d.code.as_str().ends_with("-reference"))
            .map(|d| (d.code.as_str(), d.message.clone()))
            .collect()
    }

    #[test]
    fn the_same_references_are_clean() {
        assert!(found("m = Cliquez { button.label } chez { -brand }\n").is_empty());
        // Order does not matter.
        assert!(found("m = Chez { -brand }, cliquez { button.label }\n").is_empty());
    }

    #[test]
    fn dropped_added_and_changed() {
        assert_eq!(
            found("m = Cliquez chez { -brand }\n"),
            [(
                "dropped-reference",
                "the source shows `{ button.label }` and this translation does not".to_string()
            )]
        );
        assert_eq!(
            found("m = Cliquez { button.label } chez { -brand } { button.tooltip } { -brand }\n"),
            [
                (
                    "added-reference",
                    "`{ button.tooltip }` is not in the source".to_string()
                ),
                (
                    "added-reference",
                    "`{ -brand }` is not in the source".to_string()
                ),
            ]
        );
        assert_eq!(
            found("m = Cliquez { button.tooltip } chez { -brand }\n"),
            [(
                "changed-reference",
                "`{ button.tooltip }` where the source has `{ button.label }`".to_string()
            )]
        );
        assert_eq!(
            found("m = Cliquez { button } chez { -brand }\n")[0].1,
            "`{ button }` where the source has `{ button.label }`"
        );
    }

    #[test]
    fn term_moved_from_the_value_to_an_attribute() {
        let source = "-brand = Acme\nm = At { -brand }\n    .title = Title\n";
        let target = "-brand = Acme\nm = Chez nous\n    .title = Titre { -brand }\n";
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", target)]);
        let refs: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str().ends_with("-reference"))
            .map(|d| (d.code.as_str(), d.message_id.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            refs,
            [("dropped-reference", "m"), ("added-reference", "m.title")]
        );
    }

    #[test]
    fn selections_compare_which_references_appear_and_term_grammar_is_free() {
        let source = "-brand = Acme\nm = { $n ->\n    [one] One { -brand }\n   *[other] Many { -brand }\n}\n";
        let target = "-brand = Acme\n    .gender = f\nm = { -brand.gender ->\n   *[f] { $n ->\n        [one] Une { -brand }\n       *[other] Des { -brand } { -brand }\n    }\n}\n";
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", target)]);
        assert!(
            !codes(&d).iter().any(|c| c.ends_with("-reference")),
            "{d:?}"
        );
    }

    #[test]
    fn the_inline_suppression_silences_a_deliberate_difference() {
        let d = run(
            "fr",
            &[("a.ftl", SOURCE)],
            &[(
                "a.ftl",
                &format!(
                    "{DEFS}# fluentpress-ignore: dropped-reference\nm = Cliquez chez {{ -brand }}\n"
                ),
            )],
        );
        assert!(!codes(&d).contains(&"dropped-reference"), "{d:?}");
    }
}
