//! The unit model between Fluent and XLIFF, both ways.
//!
//! One source pattern (a message's value, or one attribute) becomes a [`UnitTree`]: a plain
//! pattern is one leaf; a pattern with select expressions is a tree of selections whose leaves
//! are the full text a reader sees for one choice of variants (`id:one`, `id:other`), so a CAT
//! tool shows each plural form as a sentence of its own. The tree merges the source's shape
//! with the translation's: plural selections offer the target locale's CLDR categories (and
//! keep numeric keys such as `[0]`), whatever the source has.
//!
//! A leaf's text is a list of [`Part`]s (text and placeables). For XLIFF it becomes a list of
//! [`Inline`]s: placeables and inline Markdown (`**strong**`, `*em*`, `` `code` ``,
//! `[text](url)`) are protected as codes, each carrying its original FTL, so a CAT tool can move
//! them but not break them. Back from XLIFF, [`rebuild`] turns the leaves' texts into one FTL
//! pattern again, and [`pattern_ftl`] writes it (through [`crate::ftl`]).
//!
//! One file per job: [`shape`] (an FTL pattern → its shape), [`tree`] (source and translation
//! shapes merged into units), [`codes`] (a unit's text → XLIFF inline codes, on
//! [`crate::markup`]'s spans), [`rebuild`] (units' texts → an FTL pattern again).

pub mod codes;
pub mod rebuild;
pub mod shape;
pub mod tree;

pub use crate::ftl::{Part, inline_text as inline_ftl, push_part};
pub use codes::{Code, CodeKind, Inline, inline_parts, inlines};
pub use rebuild::{Rebuilt, parts_equal, pattern_ftl, rebuild};
pub use shape::{Key, SelectShape, Shape, expression_ftl, shape_of};
pub use tree::{Leaf, LeafRef, UnitTree, leaves, merge};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    use fluent_syntax::ast;

    fn pattern_shape(ftl: &str) -> Shape {
        let resource = fluent_syntax::parser::parse(ftl).expect("valid FTL");
        match &resource.body[0] {
            ast::Entry::Message(m) => shape_of(m.value.as_ref().expect("a value")),
            _ => panic!("not a message"),
        }
    }

    fn text(t: &str) -> Part {
        Part::Text(t.into())
    }

    fn ph(p: &str) -> Part {
        Part::Placeable(p.into())
    }

    fn cats(list: &[&'static str]) -> BTreeSet<&'static str> {
        list.iter().copied().collect()
    }

    #[test]
    fn selections_spread_over_whole_sentences() {
        let shape = pattern_shape(
            "m = Found { $n ->\n    [one] one page\n   *[other] { $n } pages\n} today.\n",
        );
        let Shape::Select(s) = shape else {
            panic!("a selection")
        };
        assert!(s.plural);
        assert_eq!(s.selector, "$n");
        assert_eq!(
            s.variants[1].1,
            Shape::Leaf(vec![text("Found "), ph("{ $n }"), text(" pages today.")])
        );
    }

    #[test]
    fn plural_keys_follow_the_target_locale() {
        let source =
            pattern_shape("m = { $n ->\n    [0] none\n    [one] one\n   *[other] { $n } many\n}\n");
        let zh = merge(&source, None, &cats(&["other"]));
        let ids: Vec<String> = leaves(&zh).iter().map(|l| l.suffix()).collect();
        assert_eq!(ids, [":0", ":other"]);
        let pl = merge(&source, None, &cats(&["few", "many", "one", "other"]));
        let ids: Vec<String> = leaves(&pl).iter().map(|l| l.suffix()).collect();
        assert_eq!(ids, [":0", ":one", ":few", ":many", ":other"]);
        // `few` has no source variant: its source is the default one.
        assert_eq!(
            leaves(&pl)[2].leaf.source,
            vec![ph("{ $n }"), text(" many")]
        );
        // A source with `other` only still offers French `one`.
        let only_other = pattern_shape("m = { $n ->\n   *[other] { $n } pages\n}\n");
        let fr = merge(&only_other, None, &cats(&["one", "other"]));
        let ids: Vec<String> = leaves(&fr).iter().map(|l| l.suffix()).collect();
        assert_eq!(ids, [":one", ":other"]);
    }

    #[test]
    fn unchanged_rebuild_keeps_every_variant_and_an_edit_touches_one() {
        let source = pattern_shape("m = { $n ->\n    [one] one\n   *[other] many\n}\n");
        let target =
            pattern_shape("m = { $n ->\n    [0] aucun\n    [one] un\n   *[other] plusieurs\n}\n");
        let tree = merge(&source, Some(&target), &cats(&["one", "other"]));
        let ids: Vec<String> = leaves(&tree).iter().map(|l| l.suffix()).collect();
        assert_eq!(ids, [":0", ":one", ":other"]);
        let edited = rebuild(&tree, &|id| (id == ":one").then(|| vec![text("une seule")]))
            .unwrap()
            .unwrap();
        assert_eq!(
            pattern_ftl(&edited, 4),
            "\n    { $n ->\n        [0] aucun\n        [one] une seule\n       *[other] plusieurs\n    }"
        );
    }

    #[test]
    fn a_missing_default_is_refused_and_a_lone_default_is_plain_text() {
        let source = pattern_shape("m = { $n ->\n    [one] one\n   *[other] many\n}\n");
        let tree = merge(&source, None, &cats(&["one", "other"]));
        let err = rebuild(&tree, &|id| (id == ":one").then(|| vec![text("un")])).unwrap_err();
        assert!(err.contains("[other]"), "{err}");
        let zh = merge(&source, None, &cats(&["other"]));
        let rebuilt = rebuild(&zh, &|_| Some(vec![text("多个")]))
            .unwrap()
            .unwrap();
        assert_eq!(rebuilt, Rebuilt::Text(vec![text("多个")]));
    }

    #[test]
    fn written_text_reads_back_identically() {
        for sample in [
            "plain",
            "  spaced  ",
            "a {b} c",
            "line one\n  indented two\n[three]\n*four\n.five\n\nsix",
            "\nstarts with a newline",
            "ends with a newline\n",
            "quote \" and backslash \\ at the end ",
        ] {
            let ftl = format!(
                "m ={}\n",
                pattern_ftl(&Rebuilt::Text(vec![text(sample)]), 4)
            );
            let resource = fluent_syntax::parser::parse(ftl.as_str())
                .unwrap_or_else(|(_, e)| panic!("{ftl:?}: {e:?}"));
            let ast::Entry::Message(m) = &resource.body[0] else {
                panic!("{ftl}")
            };
            assert_eq!(
                shape_of(m.value.as_ref().unwrap()),
                Shape::Leaf(vec![text(sample)]),
                "{ftl}"
            );
        }
    }

    #[test]
    fn markup_and_placeables_become_codes() {
        let parts = vec![
            text("This may be *outdated*. [Read the **original** in "),
            ph("{ $source }"),
            text("]("),
            ph("{ $url }"),
            text("). Run `make` or see <https://example.com>."),
        ];
        let inl = inlines(&parts);
        let Inline::Pc { kind, open, .. } = &inl[1] else {
            panic!("{inl:?}")
        };
        assert_eq!((*kind, open.ftl.as_str()), (CodeKind::Emphasis, "*"));
        let Inline::Pc {
            kind,
            open,
            close,
            children,
        } = &inl[3]
        else {
            panic!("{inl:?}")
        };
        assert_eq!(*kind, CodeKind::Link);
        assert_eq!(open.ftl, "[");
        assert_eq!(close.ftl, "]({ $url })");
        assert!(matches!(
            &children[1],
            Inline::Pc {
                kind: CodeKind::Strong,
                ..
            }
        ));
        assert!(
            matches!(&children[3], Inline::Ph { kind: CodeKind::Placeable, code } if code.ftl == "{ $source }")
        );
        assert!(inl.iter().any(
            |i| matches!(i, Inline::Ph { kind: CodeKind::CodeSpan, code } if code.ftl == "`make`")
        ));
        assert!(inl.iter().any(|i| matches!(
            i,
            Inline::Ph {
                kind: CodeKind::Autolink,
                ..
            }
        )));
        // Nothing is lost or added.
        assert!(parts_equal(&inline_parts(&inl), &parts));
    }

    #[test]
    fn text_that_is_not_markup_stays_text() {
        let parts = vec![text("2 * 3 = 6, a_b_c, [not a link] and 50% off")];
        assert_eq!(inlines(&parts), vec![Inline::Text(parts_text(&parts))]);
    }

    fn parts_text(parts: &[Part]) -> String {
        inline_ftl(parts)
    }
}
