//! `markup-mismatch`: the inline markup of a translation against its source: link targets,
//! emphasis, strong and code spans, compared as multisets (translators may reorder them).

use super::PatternPair;
use crate::check::{Code, Diagnostic, LocaleContext};
use crate::markup::{MarkupSummary, parse_inline, summarize};

pub fn check(ctx: &LocaleContext<'_>, pairs: &[PatternPair<'_>], out: &mut Vec<Diagnostic>) {
    for pair in pairs {
        // Most text has no markup character at all (the catalog noted it while loading).
        if !pair.source.may_have_markup() && !pair.target.may_have_markup() {
            continue;
        }
        let source = summarize(&parse_inline(pair.source.visible_text()));
        let target = summarize(&parse_inline(pair.target.visible_text()));
        if source == target {
            continue;
        }
        let mut d = ctx.at(
            Code::MarkupMismatch,
            pair.target_file,
            pair.target_offset(),
            1,
            Some(&pair.key()),
            format!(
                "the inline markup differs from the source: {}",
                differences(&source, &target)
            ),
        );
        d.help = Some(
            "keep every link target and the same emphasis, strong and code spans; move them freely"
                .into(),
        );
        out.push(d);
    }
}

fn differences(source: &MarkupSummary, target: &MarkupSummary) -> String {
    let mut parts = Vec::new();
    if source.links != target.links {
        parts.push(format!(
            "links {:?} here, {:?} in the source",
            target.links, source.links
        ));
    }
    for (name, s, t) in [
        ("emphasis", source.emphasis, target.emphasis),
        ("strong", source.strong, target.strong),
    ] {
        if s != t {
            parts.push(format!("{t} {name} here, {s} in the source"));
        }
    }
    if source.code != target.code {
        parts.push(format!(
            "code {:?} here, {:?} in the source",
            target.code, source.code
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn changed_link_target_and_lost_emphasis() {
        let source = "x = Read [more](@/profile.md) about *us*\n";
        // Both pages exist: the link is not broken, only another one than the source's.
        let pages = [
            ("pages/profile.ftl", "profile-title = P\n"),
            ("pages/overseas.ftl", "overseas-title = O\n"),
        ];
        let d = run(
            "fr",
            &[("a.ftl", source), pages[0], pages[1]],
            &[
                ("a.ftl", "x = Lire [la suite](@/overseas.md) sur nous\n"),
                ("pages/profile.ftl", "profile-title = Pr\n"),
                ("pages/overseas.ftl", "overseas-title = Ou\n"),
            ],
        );
        assert_eq!(codes(&d), ["markup-mismatch"]);
        assert!(
            d[0].message.contains("@/overseas.md")
                && d[0].message.contains("0 emphasis here, 1 in the source"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn reordered_markup_is_fine() {
        let source = "x = *A* and [b](https://b.org)\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "x = [B](https://b.org) et *A*\n")],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }
}
