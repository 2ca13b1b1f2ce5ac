//! Back from XLIFF: the units' texts rebuilt into one pattern ([`Rebuilt`]), and that pattern
//! written as FTL through [`crate::ftl`].

use std::fmt::Write as _;

use super::shape::Key;
use super::tree::UnitTree;
use crate::ftl::{self, Layout, Part, inline_text as inline_ftl};

/// A pattern rebuilt from its units, ready for [`pattern_ftl`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuilt {
    Text(Vec<Part>),
    Select {
        selector: String,
        variants: Vec<(Key, Rebuilt)>,
    },
}

/// Rebuilds a pattern from its tree, taking each leaf's text from `imported` (by unit id suffix)
/// when given there and different from the current translation. Variants that only stood in
/// for a missing one are left out; a selection left with its default variant only becomes that
/// variant. `Ok(None)`: nothing is translated. `Err`: the default variant has no text.
pub fn rebuild(
    tree: &UnitTree,
    imported: &dyn Fn(&str) -> Option<Vec<Part>>,
) -> Result<Option<Rebuilt>, String> {
    Ok(rebuild_inner(tree, &mut String::new(), imported)?.map(|(r, _)| r))
}

fn rebuild_inner(
    tree: &UnitTree,
    suffix: &mut String,
    imported: &dyn Fn(&str) -> Option<Vec<Part>>,
) -> Result<Option<(Rebuilt, bool)>, String> {
    match tree {
        UnitTree::Leaf(leaf) => {
            let new = imported(suffix);
            Ok(match (new, &leaf.target) {
                (Some(new), Some(current)) if parts_equal(&new, current) => {
                    Some((Rebuilt::Text(new), leaf.own))
                }
                (Some(new), _) => Some((Rebuilt::Text(new), true)),
                (None, Some(current)) => Some((Rebuilt::Text(current.clone()), leaf.own)),
                (None, None) => None,
            })
        }
        UnitTree::Select {
            selector,
            keys,
            children,
            ..
        } => {
            let mut variants = Vec::new();
            let mut default = None;
            for (key, child) in keys.iter().zip(children) {
                let len = suffix.len();
                suffix.push(':');
                suffix.push_str(&key.name);
                let result = rebuild_inner(child, suffix, imported)?;
                suffix.truncate(len);
                match result {
                    Some((node, true)) => variants.push((key.clone(), node)),
                    Some((node, false)) if key.default => default = Some(node),
                    _ => {}
                }
            }
            if variants.is_empty() {
                return Ok(default.map(|d| (d, false)));
            }
            if !variants.iter().any(|(k, _)| k.default) {
                let Some(node) = default else {
                    let name = keys
                        .iter()
                        .find(|k| k.default)
                        .map_or("other", |k| k.name.as_str());
                    return Err(format!(
                        "the default variant [{name}] has no translation (translate the unit ending in `:{name}` too)"
                    ));
                };
                let key = keys.iter().find(|k| k.default).cloned();
                if let Some(key) = key {
                    variants.push((key, node));
                }
            }
            // Keys in the tree's order, which puts numeric keys first and `other` among the
            // categories, as translators write them.
            variants.sort_by_key(|(k, _)| keys.iter().position(|x| x.name == k.name));
            if variants.len() == 1 {
                let (_, only) = variants.pop().expect("one variant");
                return Ok(Some((only, true)));
            }
            Ok(Some((
                Rebuilt::Select {
                    selector: selector.clone(),
                    variants,
                },
                true,
            )))
        }
    }
}

/// Whether two texts are the same translation.
pub fn parts_equal(a: &[Part], b: &[Part]) -> bool {
    inline_ftl(a) == inline_ftl(b)
}

/// The FTL of a pattern after `id =` (or `.attr =`): ` text` on one line, or a block on the
/// following lines indented by `indent` spaces.
pub fn pattern_ftl(pattern: &Rebuilt, indent: usize) -> String {
    let mut out = String::new();
    match pattern {
        Rebuilt::Text(parts) => ftl::write_pattern(&mut out, parts, indent, Layout::Block),
        Rebuilt::Select { .. } => {
            out.push('\n');
            push_indent(&mut out, indent);
            write_select(&mut out, pattern, indent);
        }
    }
    out
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_select(out: &mut String, node: &Rebuilt, indent: usize) {
    let Rebuilt::Select { selector, variants } = node else {
        return;
    };
    let _ = writeln!(out, "{{ {selector} ->");
    for (key, value) in variants {
        if key.default {
            push_indent(out, indent + 3);
            out.push('*');
        } else {
            push_indent(out, indent + 4);
        }
        let _ = write!(out, "[{}]", key.name);
        match value {
            Rebuilt::Text(parts) => ftl::write_pattern(out, parts, indent + 8, Layout::Block),
            Rebuilt::Select { .. } => {
                out.push('\n');
                push_indent(out, indent + 8);
                write_select(out, value, indent + 8);
            }
        }
        out.push('\n');
    }
    push_indent(out, indent);
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::model::test_support::*;
    use crate::xliff::model::{Shape, leaves, merge, shape_of};
    use fluent_syntax::ast;

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
}
