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
pub(crate) mod test_support {
    //! Shorthands for the model's unit tests.
    use std::collections::BTreeSet;

    use fluent_syntax::ast;

    use super::{Part, Shape, shape_of};

    pub fn pattern_shape(ftl: &str) -> Shape {
        let resource = fluent_syntax::parser::parse(ftl).expect("valid FTL");
        match &resource.body[0] {
            ast::Entry::Message(m) => shape_of(m.value.as_ref().expect("a value")),
            _ => panic!("not a message"),
        }
    }

    pub fn text(t: &str) -> Part {
        Part::Text(t.into())
    }

    pub fn ph(p: &str) -> Part {
        Part::Placeable(p.into())
    }

    pub fn cats(list: &[&'static str]) -> BTreeSet<&'static str> {
        list.iter().copied().collect()
    }
}
