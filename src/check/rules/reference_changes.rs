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

use rustc_hash::FxHashMap as HashMap;

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

/// What a reference names: the id and the attribute.
type Ident<'r> = (&'r str, Option<&'r str>);

fn ident(r: &Reference) -> Ident<'_> {
    (&r.id, r.attribute.as_deref())
}

/// Whether both lists name the same references as often (the usual case: a translation keeps
/// its source's references, mostly in the same order), decided without building counts.
fn same_references<'r>(source: &[&'r Reference], target: &[&'r Reference]) -> bool {
    if source.len() != target.len() {
        return false;
    }
    if source.iter().zip(target).all(|(a, b)| ident(a) == ident(b)) {
        return true;
    }
    // Reordered: compare sorted copies when short; long lists take the counting path.
    if source.len() > 16 {
        return false;
    }
    let sorted = |refs: &[&'r Reference]| {
        let mut idents: Vec<Ident<'r>> = refs.iter().map(|r| ident(r)).collect();
        idents.sort_unstable();
        idents
    };
    sorted(source) == sorted(target)
}

/// Reference differences reported per pattern at most. Each diagnostic carries its line:
/// thousands of them on one long line (a hostile file) would hold gigabytes, so the rest are
/// counted, not built.
const MAX_PER_PATTERN: usize = 20;

pub fn check_pair(ctx: &LocaleContext<'_>, pair: &PatternPair<'_>, out: &mut Vec<Diagnostic>) {
    // Most patterns reference nothing on either side.
    if pair.source.message_refs().is_empty()
        && pair.source.term_refs().is_empty()
        && pair.target.message_refs().is_empty()
        && pair.target.term_refs().is_empty()
    {
        return;
    }
    let as_sets = !pair.source.selects().is_empty() || !pair.target.selects().is_empty();
    let mut found = Vec::new();
    let mut more = 0;
    for term in [false, true] {
        compare(ctx, pair, term, as_sets, &mut found, &mut more);
    }
    if more > 0
        && let Some(last) = found.last_mut()
    {
        last.help = Some(format!(
            "{more} more reference differences in this pattern are not listed"
        ));
    }
    out.append(&mut found);
}

fn compare<'r>(
    ctx: &LocaleContext<'_>,
    pair: &'r PatternPair<'r>,
    term: bool,
    as_sets: bool,
    out: &mut Vec<Diagnostic>,
    more: &mut usize,
) {
    let source = counted(pair.source, term);
    let target = counted(pair.target, term);
    if same_references(&source, &target) {
        return;
    }
    // Counts by (id, attribute), not pairwise comparison: a hostile file may hold thousands of
    // references in one pattern.
    let count = |refs: &[&'r Reference]| {
        let mut counts: HashMap<Ident<'r>, usize> = HashMap::default();
        for r in refs {
            *counts.entry(ident(r)).or_default() += 1;
        }
        counts
    };
    let (source_counts, target_counts) = (count(&source), count(&target));
    // The references of `refs` beyond what `other` has: as a multiset, the k-th copy of a name is
    // extra when `other` has fewer than k; as a set, a name `other` lacks, once.
    let extra = |refs: &[&'r Reference], other: &HashMap<Ident<'r>, usize>| {
        let mut met: HashMap<Ident<'r>, usize> = HashMap::default();
        let mut out: Vec<&'r Reference> = Vec::new();
        for r in refs {
            let k = met.entry(ident(r)).or_default();
            *k += 1;
            let has = other.get(&ident(r)).copied().unwrap_or(0);
            let beyond = if as_sets {
                has == 0 && *k == 1
            } else {
                *k > has
            };
            if beyond {
                out.push(r);
            }
        }
        out
    };
    let dropped = extra(&source, &target_counts);
    let added = extra(&target, &source_counts);
    // Each dropped reference pairs with the added one it became: the first to the same message,
    // else the first left. Indexed, so that thousands of each pair up in linear time.
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, a) in added.iter().enumerate().rev() {
        by_id.entry(a.id.as_str()).or_default().push(i);
    }
    let mut used = vec![false; added.len()];
    let mut cursor = 0;
    let key = pair.key();
    for gone in dropped {
        let same_id = by_id.get_mut(gone.id.as_str()).and_then(|positions| {
            while let Some(i) = positions.pop() {
                if !used[i] {
                    return Some(i);
                }
            }
            None
        });
        let chosen = same_id.or_else(|| {
            while cursor < used.len() && used[cursor] {
                cursor += 1;
            }
            (cursor < used.len()).then_some(cursor)
        });
        let replacement = chosen.map(|i| {
            used[i] = true;
            added[i]
        });
        if out.len() >= MAX_PER_PATTERN {
            *more += 1;
            continue;
        }
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
    for (extra, _) in added.iter().zip(&used).filter(|(_, used)| !**used) {
        if out.len() >= MAX_PER_PATTERN {
            *more += 1;
            continue;
        }
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

    /// Without selections references are a multiset: once where the source has twice is a drop.
    #[test]
    fn a_reference_written_fewer_or_more_times_counts() {
        let source = "-brand = Acme\nm = { -brand } and { -brand }\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "-brand = Acme\nm = { -brand } et nous\n")],
        );
        assert_eq!(codes(&d), ["dropped-reference"], "{d:?}");
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "-brand = Acme\nm = { -brand }, { -brand } et { -brand }\n",
            )],
        );
        assert_eq!(codes(&d), ["added-reference"], "{d:?}");
        assert_eq!((d[0].line, d[0].column), (2, 33));
    }

    /// A pattern with thousands of differences gets the first few, the last saying how many more.
    #[test]
    fn differences_per_pattern_are_bounded() {
        let defs: String = (0..30).map(|i| format!("m{i} = M\n")).collect();
        let refs =
            |prefix: &str| -> String { (0..30).map(|i| format!("{{ {prefix}{i} }} ")).collect() };
        let source = format!("{defs}x = {}\n", refs("m"));
        let target = format!("{}x = {}\n", defs.replace("M", "Mé"), refs("n"));
        let d = run("fr", &[("a.ftl", &source)], &[("a.ftl", &target)]);
        let changed: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "changed-reference")
            .collect();
        assert_eq!(changed.len(), 20);
        assert!(
            d.iter().any(|d| d.help.as_deref()
                == Some("10 more reference differences in this pattern are not listed")),
            "{d:?}"
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
