//! A parsed FTL pattern → its [`Shape`]: text and placeables (kept as canonical FTL), and
//! selections spread so that every leaf holds the whole sentence a reader sees for one choice of
//! variants.

use std::fmt::Write as _;

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement, VariantKey};

use crate::ftl::{Part, push_part};
use crate::plural::ALL_CATEGORIES;

/// Canonical FTL of an inline expression (`$count`, `-brand(case: "gen")`, `NUMBER($n)`).
pub fn expression_ftl(expression: &InlineExpression<&str>) -> String {
    let mut out = String::new();
    write_expression(&mut out, expression);
    out
}

fn write_expression(out: &mut String, expression: &InlineExpression<&str>) {
    match expression {
        InlineExpression::StringLiteral { value } => {
            let _ = write!(out, "\"{value}\"");
        }
        InlineExpression::NumberLiteral { value } => out.push_str(value),
        InlineExpression::VariableReference { id } => {
            let _ = write!(out, "${}", id.name);
        }
        InlineExpression::MessageReference { id, attribute } => {
            out.push_str(id.name);
            if let Some(a) = attribute {
                let _ = write!(out, ".{}", a.name);
            }
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            let _ = write!(out, "-{}", id.name);
            if let Some(a) = attribute {
                let _ = write!(out, ".{}", a.name);
            }
            if let Some(arguments) = arguments {
                write_arguments(out, arguments);
            }
        }
        InlineExpression::FunctionReference { id, arguments } => {
            out.push_str(id.name);
            write_arguments(out, arguments);
        }
        InlineExpression::Placeable { expression } => match &**expression {
            Expression::Inline(inner) => {
                out.push_str("{ ");
                write_expression(out, inner);
                out.push_str(" }");
            }
            Expression::Select { selector, .. } => {
                // A selection inside a placeable's placeable: kept opaque, never split.
                out.push_str("{ ");
                write_expression(out, selector);
                out.push_str(" -> … }");
            }
        },
    }
}

fn write_arguments(out: &mut String, arguments: &ast::CallArguments<&str>) {
    out.push('(');
    let mut first = true;
    for positional in &arguments.positional {
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_expression(out, positional);
    }
    for named in &arguments.named {
        if !first {
            out.push_str(", ");
        }
        first = false;
        let _ = write!(out, "{}: ", named.name.name);
        write_expression(out, &named.value);
    }
    out.push(')');
}

/// A variant key of a selection in the unit tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub numeric: bool,
    pub default: bool,
}

/// A pattern's shape: text, or a selection whose variants each end with the rest of the
/// pattern (everything after the selection), so every leaf holds a whole sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Leaf(Vec<Part>),
    Select(SelectShape),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectShape {
    /// Canonical FTL of the selector (`$count`, `NUMBER($n)`).
    pub selector: String,
    /// The variable the selection depends on, if any.
    pub variable: Option<String>,
    /// Selects on a number with CLDR plural categories (and numeric keys).
    pub plural: bool,
    pub variants: Vec<(Key, Shape)>,
}

impl SelectShape {
    pub(super) fn child(&self, name: &str) -> Option<&Shape> {
        self.variants
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, s)| s)
    }

    pub(super) fn default_child(&self) -> &Shape {
        self.variants
            .iter()
            .find(|(k, _)| k.default)
            .or(self.variants.last())
            .map(|(_, s)| s)
            .unwrap_or(&EMPTY_LEAF)
    }
}

static EMPTY_LEAF: Shape = Shape::Leaf(Vec::new());

/// An element of a pattern, before selections are spread over the leaves.
#[derive(Debug, Clone)]
enum Item {
    Part(Part),
    Select {
        selector: String,
        variable: Option<String>,
        plural: bool,
        variants: Vec<(Key, Vec<Item>)>,
    },
}

/// The shape of a parsed pattern.
pub fn shape_of(pattern: &ast::Pattern<&str>) -> Shape {
    spread(&items(pattern), Vec::new())
}

fn items(pattern: &ast::Pattern<&str>) -> Vec<Item> {
    let mut out = Vec::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                out.push(Item::Part(Part::Text(value.to_string())))
            }
            PatternElement::Placeable { expression } => match expression {
                // A string literal is text written the only way FTL allows (`{"{"}`).
                Expression::Inline(InlineExpression::StringLiteral { value }) => {
                    out.push(Item::Part(Part::Text(
                        fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
                    )))
                }
                Expression::Inline(inline) => out.push(Item::Part(Part::Placeable(format!(
                    "{{ {} }}",
                    expression_ftl(inline)
                )))),
                Expression::Select { selector, variants } => {
                    let keys: Vec<Key> = variants
                        .iter()
                        .map(|v| match &v.key {
                            VariantKey::Identifier { name } => Key {
                                name: name.to_string(),
                                numeric: false,
                                default: v.default,
                            },
                            VariantKey::NumberLiteral { value } => Key {
                                name: value.to_string(),
                                numeric: true,
                                default: v.default,
                            },
                        })
                        .collect();
                    let variable = match selector {
                        InlineExpression::VariableReference { id } => Some(id.name.to_string()),
                        InlineExpression::FunctionReference { arguments, .. } => {
                            arguments.positional.iter().find_map(|a| match a {
                                InlineExpression::VariableReference { id } => {
                                    Some(id.name.to_string())
                                }
                                _ => None,
                            })
                        }
                        _ => None,
                    };
                    let numeric_selector = match selector {
                        InlineExpression::VariableReference { .. } => true,
                        InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                        _ => false,
                    };
                    let plural = numeric_selector
                        && keys
                            .iter()
                            .all(|k| k.numeric || ALL_CATEGORIES.contains(&k.name.as_str()));
                    out.push(Item::Select {
                        selector: expression_ftl(selector),
                        variable,
                        plural,
                        variants: keys
                            .into_iter()
                            .zip(variants)
                            .map(|(k, v)| (k, items(&v.value)))
                            .collect(),
                    });
                }
            },
        }
    }
    out
}

fn spread(items: &[Item], mut prefix: Vec<Part>) -> Shape {
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Part(part) => push_part(&mut prefix, part.clone()),
            Item::Select {
                selector,
                variable,
                plural,
                variants,
            } => {
                let rest = &items[i + 1..];
                let variants = variants
                    .iter()
                    .map(|(key, variant_items)| {
                        let mut continued = variant_items.clone();
                        continued.extend(rest.iter().cloned());
                        (key.clone(), spread(&continued, prefix.clone()))
                    })
                    .collect();
                return Shape::Select(SelectShape {
                    selector: selector.clone(),
                    variable: variable.clone(),
                    plural: *plural,
                    variants,
                });
            }
        }
    }
    Shape::Leaf(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::model::test_support::*;

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
}
