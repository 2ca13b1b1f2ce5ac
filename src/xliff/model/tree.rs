//! The units of one pattern: the source's [`Shape`] merged with the translation's into a
//! [`UnitTree`], whose plural selections offer the target locale's CLDR categories, and its
//! leaves listed with the keys that lead to them (the unit id suffixes).

use std::collections::BTreeSet;

use super::shape::{Key, SelectShape, Shape};
use crate::ftl::Part;
use crate::plural::ALL_CATEGORIES;

/// One unit: a leaf of the merged tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub source: Vec<Part>,
    /// The current translation of this choice of variants, if any.
    pub target: Option<Vec<Part>>,
    /// The translation has this very variant (not its default variant standing in for it).
    pub own: bool,
}

/// A pattern's units: the source's selections merged with the translation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitTree {
    Leaf(Leaf),
    Select {
        selector: String,
        variable: Option<String>,
        plural: bool,
        keys: Vec<Key>,
        children: Vec<UnitTree>,
    },
}

/// Merges the source's shape with the translation's (if any) for a locale whose CLDR plural
/// categories are `categories`.
pub fn merge(source: &Shape, target: Option<&Shape>, categories: &BTreeSet<&str>) -> UnitTree {
    merge_inner(source, target, true, categories)
}

fn merge_inner(
    source: &Shape,
    target: Option<&Shape>,
    own: bool,
    categories: &BTreeSet<&str>,
) -> UnitTree {
    match (source, target) {
        (Shape::Leaf(s), None) => UnitTree::Leaf(Leaf {
            source: s.clone(),
            target: None,
            own: false,
        }),
        (Shape::Leaf(s), Some(Shape::Leaf(t))) => UnitTree::Leaf(Leaf {
            source: s.clone(),
            target: Some(t.clone()),
            own,
        }),
        (Shape::Select(s), Some(Shape::Select(t))) if s.selector == t.selector => {
            let keys = merged_keys(Some(s), Some(t), categories);
            let children = keys
                .iter()
                .map(|k| {
                    let source_child = s.child(&k.name).unwrap_or_else(|| s.default_child());
                    let (target_child, exact) = match t.child(&k.name) {
                        Some(c) => (c, true),
                        None => (t.default_child(), false),
                    };
                    merge_inner(source_child, Some(target_child), own && exact, categories)
                })
                .collect();
            select_node(s, keys, children)
        }
        (Shape::Select(s), target) => {
            // No translation, a translation without this selection, or one selecting on
            // something else: the source's selection, each variant offered the translation.
            let keys = merged_keys(Some(s), None, categories);
            let children = keys
                .iter()
                .map(|k| {
                    let source_child = s.child(&k.name).unwrap_or_else(|| s.default_child());
                    merge_inner(source_child, target, own && k.default, categories)
                })
                .collect();
            select_node(s, keys, children)
        }
        (Shape::Leaf(_), Some(Shape::Select(t))) => {
            // The translation selects where the source does not (a plural the source language
            // does not need): the translation's selection, each variant with the whole source.
            let keys = merged_keys(None, Some(t), categories);
            let children = keys
                .iter()
                .map(|k| {
                    let (target_child, exact) = match t.child(&k.name) {
                        Some(c) => (c, true),
                        None => (t.default_child(), false),
                    };
                    merge_inner(source, Some(target_child), own && exact, categories)
                })
                .collect();
            select_node(t, keys, children)
        }
    }
}

fn select_node(shape: &SelectShape, keys: Vec<Key>, children: Vec<UnitTree>) -> UnitTree {
    UnitTree::Select {
        selector: shape.selector.clone(),
        variable: shape.variable.clone(),
        plural: shape.plural,
        keys,
        children,
    }
}

/// The variant keys offered for one selection. A plural selection offers the numeric keys of
/// either side, then the locale's CLDR categories (`other` the default), then any other key the
/// translation has (so nothing is lost on a rewrite). Other selections offer the source's keys
/// then the translation's extra ones.
fn merged_keys(
    source: Option<&SelectShape>,
    target: Option<&SelectShape>,
    categories: &BTreeSet<&str>,
) -> Vec<Key> {
    let sides: Vec<&SelectShape> = source.into_iter().chain(target).collect();
    let plural = sides.first().is_some_and(|s| s.plural);
    let mut keys: Vec<Key> = Vec::new();
    let has = |keys: &[Key], name: &str| keys.iter().any(|k| k.name == name);
    if plural {
        for side in &sides {
            for (k, _) in &side.variants {
                if k.numeric && !has(&keys, &k.name) {
                    keys.push(Key {
                        default: false,
                        ..k.clone()
                    });
                }
            }
        }
        for category in ALL_CATEGORIES {
            if categories.contains(category) {
                keys.push(Key {
                    name: category.to_string(),
                    numeric: false,
                    default: category == "other",
                });
            }
        }
        if let Some(t) = target {
            for (k, _) in &t.variants {
                if !has(&keys, &k.name) {
                    keys.push(Key {
                        default: false,
                        ..k.clone()
                    });
                }
            }
        }
    } else {
        for (i, side) in sides.iter().enumerate() {
            for (k, _) in &side.variants {
                if !has(&keys, &k.name) {
                    keys.push(Key {
                        default: i == 0 && k.default,
                        ..k.clone()
                    });
                }
            }
        }
        if !keys.iter().any(|k| k.default)
            && let Some(last) = keys.last_mut()
        {
            last.default = true;
        }
    }
    keys
}

/// A leaf with the keys that lead to it.
pub struct LeafRef<'t> {
    /// `(key, selection is plural, selection's variable)` from the root.
    pub path: Vec<(&'t Key, bool, Option<&'t str>)>,
    pub leaf: &'t Leaf,
}

impl LeafRef<'_> {
    /// The unit id suffix: `:one`, `:0:other`, or empty.
    pub fn suffix(&self) -> String {
        self.path
            .iter()
            .map(|(k, _, _)| format!(":{}", k.name))
            .collect()
    }

    /// Placeables a translation may leave out: `{ $count }` in a plural variant (a language
    /// may say "one result" in words).
    pub fn optional_placeables(&self) -> Vec<String> {
        self.path
            .iter()
            .filter(|(_, plural, _)| *plural)
            .filter_map(|(_, _, var)| var.map(|v| format!("{{ ${v} }}")))
            .collect()
    }

    /// The translation lacks a plural category the locale uses (its default variant shows).
    pub fn lacks_category(&self) -> bool {
        !self.leaf.own
            && self
                .path
                .iter()
                .any(|(k, plural, _)| *plural && !k.numeric && !k.default)
    }
}

/// Every leaf of `tree`, in key order.
pub fn leaves(tree: &UnitTree) -> Vec<LeafRef<'_>> {
    let mut out = Vec::new();
    collect_leaves(tree, &mut Vec::new(), &mut out);
    out
}

fn collect_leaves<'t>(
    tree: &'t UnitTree,
    path: &mut Vec<(&'t Key, bool, Option<&'t str>)>,
    out: &mut Vec<LeafRef<'t>>,
) {
    match tree {
        UnitTree::Leaf(leaf) => out.push(LeafRef {
            path: path.clone(),
            leaf,
        }),
        UnitTree::Select {
            keys,
            children,
            plural,
            variable,
            ..
        } => {
            for (key, child) in keys.iter().zip(children) {
                path.push((key, *plural, variable.as_deref()));
                collect_leaves(child, path, out);
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::model::test_support::*;

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
}
