//! `markup-mismatch`: the inline markup of a translation against its source: link targets,
//! emphasis, strong and code spans, compared as multisets (translators may reorder them).
//! `markup-too-deep`: markup nested past [`MAX_INLINE_DEPTH`], which exports show as text.

use super::{PatternAt, PatternPair};
use crate::check::{Code, Diagnostic, LocaleContext};
use crate::markup::{
    MAX_INLINE_DEPTH, MarkupSummary, parse_inline, parse_inline_checked, summarize,
};

/// Reports every pattern of the locale (the source's pages too) whose markup nests deeper than
/// exports render. Runs on every locale, so it is cheap: each level of nesting takes at least
/// one marker character, and only text with more of them than the limit is parsed.
pub fn check_depth_pattern(ctx: &LocaleContext<'_>, at: &PatternAt<'_>, out: &mut Vec<Diagnostic>) {
    let (file, entry, attribute, pattern) = (at.file, at.entry, at.attribute, at.pattern);
    if !pattern.may_have_markup() {
        return;
    }
    let text = pattern.visible_text();
    let markers = text
        .bytes()
        .filter(|b| matches!(b, b'*' | b'_' | b'['))
        .count();
    if markers <= MAX_INLINE_DEPTH || !parse_inline_checked(text).1 {
        return;
    }
    let key = entry.pattern_key(attribute).to_string();
    let mut d = ctx.at(
        Code::MarkupTooDeep,
        file,
        entry.pattern_offset(pattern),
        1,
        Some(&key),
        format!(
            "emphasis, strong and links are nested more than {MAX_INLINE_DEPTH} levels deep; exports show the deeper ones as plain text"
        ),
    );
    d.help = Some("nest markup a few levels at most".into());
    out.push(d);
}

pub fn check_pair(ctx: &LocaleContext<'_>, pair: &PatternPair<'_>, out: &mut Vec<Diagnostic>) {
    // Most text has no markup character at all (the catalog noted it while loading).
    if !pair.source.may_have_markup() && !pair.target.may_have_markup() {
        return;
    }
    let source = summarize(&parse_inline(pair.source.visible_text()));
    let target = summarize(&parse_inline(pair.target.visible_text()));
    if source == target {
        return;
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
    fn markup_nested_too_deep_is_reported() {
        let deep = format!("{}x{}", "*a **b ".repeat(5_000), " b** a*".repeat(5_000));
        let shallow = "*a **b *c* b** a*";
        let source = format!("x = {deep}\ny = {shallow}\n");
        let target = format!("y = {shallow}\nx = {deep}\n");
        let d = run("fr", &[("a.ftl", &source)], &[("a.ftl", &target)]);
        let deep: Vec<(&str, usize, Option<&str>)> = d
            .iter()
            .filter(|d| d.code.as_str() == "markup-too-deep")
            .map(|d| (d.locale.as_str(), d.line, d.message_id.as_deref()))
            .collect();
        assert_eq!(deep, [("fr", 2, Some("x"))]);
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
