//! What a Fluent pattern uses: variables, references, functions, select expressions; and where.
//!
//! `fluent-syntax` 0.12 has no spans on its AST, but parsing from a `&str` makes every identifier
//! and text element a slice of the source, so a byte offset is a pointer difference. This module
//! turns one pattern into a [`PatternInfo`]: plain data the catalog keeps after the AST is gone.

use std::collections::BTreeSet;
use std::ops::Range;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};

/// A reference to a message or term, with the attribute if any (`-brand.gender`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    pub id: String,
    pub attribute: Option<String>,
    /// Byte span of the identifier in the file.
    pub span: Range<usize>,
}

/// One select expression (`{ $count -> [one] ... *[other] ... }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectInfo {
    pub selector: Selector,
    pub variants: Vec<VariantInfo>,
    /// Byte span of the selector's identifier (or the first variant key when unknown).
    pub span: Range<usize>,
}

/// What a select expression selects on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Variable(String),
    /// `NUMBER($x)` and other calls: the function name and its first variable argument.
    Function {
        name: String,
        variable: Option<String>,
    },
    TermAttribute {
        term: String,
        attribute: String,
    },
    Literal,
}

impl Selector {
    /// The variable the selection depends on, if any.
    pub fn variable(&self) -> Option<&str> {
        match self {
            Selector::Variable(v) => Some(v),
            Selector::Function { variable, .. } => variable.as_deref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantInfo {
    /// The key as written: `one`, `other`, `0`.
    pub key: String,
    pub numeric: bool,
    pub default: bool,
    /// Byte span of the key.
    pub span: Range<usize>,
    /// Variables shown in this variant's text.
    pub shown_variables: BTreeSet<String>,
}

/// Everything the checker and the exporters need to know about one pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatternInfo {
    /// Byte span from the first to the last source slice of the pattern.
    pub span: Range<usize>,
    /// The pattern's text with placeables written back in canonical FTL (`{ $count }`), variants
    /// joined; used to compare a translation with its source and to count words.
    pub text: String,
    /// Variables used anywhere, including selectors.
    pub variables: BTreeSet<String>,
    /// Variables shown in the text (in any variant), not only used to select.
    pub shown_variables: BTreeSet<String>,
    pub message_refs: Vec<Reference>,
    pub term_refs: Vec<Reference>,
    pub functions: BTreeSet<String>,
    pub selects: Vec<SelectInfo>,
    /// For a pattern with select expressions only: the text a reader can see, each variant's
    /// text on its own line, without the selection syntax (for markup comparison).
    pub visible: Option<String>,
}

impl PatternInfo {
    /// The text a reader can see (for a pattern without selections, its `text`).
    pub fn visible_text(&self) -> &str {
        self.visible.as_deref().unwrap_or(&self.text)
    }

    /// Text elements only (no placeables), trimmed: empty means the translation shows nothing.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Analyzes `pattern`, whose slices borrow from `source`.
pub fn analyze_pattern(source: &str, pattern: &Pattern<&str>) -> PatternInfo {
    let mut walker = Walker {
        base: source.as_ptr() as usize,
        len: source.len(),
        info: PatternInfo {
            text: String::with_capacity(96),
            ..PatternInfo::default()
        },
        start: usize::MAX,
        end: 0,
    };
    let mut shown = BTreeSet::new();
    walker.text_pattern(pattern, &mut shown);
    walker.info.shown_variables = shown;
    if !walker.info.selects.is_empty() {
        let mut visible = String::new();
        visible_text(pattern, &mut visible);
        walker.info.visible = Some(visible);
    }
    walker.info.span = if walker.start == usize::MAX {
        0..0
    } else {
        walker.start..walker.end
    };
    walker.info
}

struct Walker {
    base: usize,
    len: usize,
    info: PatternInfo,
    start: usize,
    end: usize,
}

impl Walker {
    /// The byte span of a slice of the source, or `None` for text the parser owns.
    fn span_of(&mut self, slice: &str) -> Option<Range<usize>> {
        let offset = (slice.as_ptr() as usize).checked_sub(self.base)?;
        if offset + slice.len() > self.len {
            return None;
        }
        let span = offset..offset + slice.len();
        self.start = self.start.min(span.start);
        self.end = self.end.max(span.end);
        Some(span)
    }

    fn text_pattern(&mut self, pattern: &Pattern<&str>, shown: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => {
                    self.span_of(value);
                    self.info.text.push_str(value);
                }
                PatternElement::Placeable { expression } => {
                    self.info.text.push_str("{ ");
                    self.expression(expression, shown);
                    self.info.text.push_str(" }");
                }
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&str>, shown: &mut BTreeSet<String>) {
        match expression {
            Expression::Inline(inline) => self.inline(inline, Some(shown)),
            Expression::Select { selector, variants } => {
                self.inline(selector, None);
                let selector_kind = match selector {
                    InlineExpression::VariableReference { id } => {
                        Selector::Variable(id.name.to_string())
                    }
                    InlineExpression::FunctionReference { id, arguments } => Selector::Function {
                        name: id.name.to_string(),
                        variable: arguments.positional.iter().find_map(|a| match a {
                            InlineExpression::VariableReference { id } => Some(id.name.to_string()),
                            _ => None,
                        }),
                    },
                    InlineExpression::TermReference {
                        id,
                        attribute: Some(attr),
                        ..
                    } => Selector::TermAttribute {
                        term: id.name.to_string(),
                        attribute: attr.name.to_string(),
                    },
                    _ => Selector::Literal,
                };
                let selector_span = selector_identifier(selector).and_then(|s| self.span_of(s));
                self.info.text.push_str(" ->");
                let mut infos = Vec::new();
                for variant in variants {
                    let (key, numeric) = match &variant.key {
                        VariantKey::Identifier { name } => (*name, false),
                        VariantKey::NumberLiteral { value } => (*value, true),
                    };
                    let span = self.span_of(key).unwrap_or(0..0);
                    self.info
                        .text
                        .push_str(if variant.default { " *[" } else { " [" });
                    self.info.text.push_str(key);
                    self.info.text.push_str("] ");
                    let mut variant_shown = BTreeSet::new();
                    self.text_pattern(&variant.value, &mut variant_shown);
                    shown.extend(variant_shown.iter().cloned());
                    infos.push(VariantInfo {
                        key: key.to_string(),
                        numeric,
                        default: variant.default,
                        span,
                        shown_variables: variant_shown,
                    });
                }
                let span = selector_span
                    .or_else(|| infos.first().map(|v| v.span.clone()))
                    .unwrap_or(0..0);
                self.info.selects.push(SelectInfo {
                    selector: selector_kind,
                    variants: infos,
                    span,
                });
            }
        }
    }

    /// Records what an inline expression uses. `shown` is `None` inside a selector, where a
    /// variable decides the variant but is not displayed.
    fn inline(&mut self, inline: &InlineExpression<&str>, shown: Option<&mut BTreeSet<String>>) {
        match inline {
            InlineExpression::StringLiteral { value } => {
                self.span_of(value);
                self.info.text.push('"');
                self.info.text.push_str(value);
                self.info.text.push('"');
            }
            InlineExpression::NumberLiteral { value } => {
                self.span_of(value);
                self.info.text.push_str(value);
            }
            InlineExpression::VariableReference { id } => {
                self.span_of(id.name);
                self.info.variables.insert(id.name.to_string());
                if let Some(shown) = shown {
                    shown.insert(id.name.to_string());
                }
                self.info.text.push('$');
                self.info.text.push_str(id.name);
            }
            InlineExpression::MessageReference { id, attribute } => {
                let span = self.span_of(id.name).unwrap_or(0..0);
                attribute.as_ref().map(|a| self.span_of(a.name));
                self.info.message_refs.push(Reference {
                    id: id.name.to_string(),
                    attribute: attribute.as_ref().map(|a| a.name.to_string()),
                    span,
                });
                self.info.text.push_str(id.name);
                if let Some(a) = attribute {
                    self.info.text.push('.');
                    self.info.text.push_str(a.name);
                }
            }
            InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let span = self
                    .span_of(id.name)
                    .map(|s| s.start.saturating_sub(1)..s.end)
                    .unwrap_or(0..0);
                self.info.term_refs.push(Reference {
                    id: id.name.to_string(),
                    attribute: attribute.as_ref().map(|a| a.name.to_string()),
                    span,
                });
                self.info.text.push('-');
                self.info.text.push_str(id.name);
                if let Some(a) = attribute {
                    self.span_of(a.name);
                    self.info.text.push('.');
                    self.info.text.push_str(a.name);
                }
                if let Some(arguments) = arguments {
                    self.arguments(arguments, shown);
                }
            }
            InlineExpression::FunctionReference { id, arguments } => {
                self.span_of(id.name);
                self.info.functions.insert(id.name.to_string());
                self.info.text.push_str(id.name);
                self.arguments(arguments, shown);
            }
            InlineExpression::Placeable { expression } => {
                let mut inner = BTreeSet::new();
                self.info.text.push_str("{ ");
                self.expression(expression, &mut inner);
                self.info.text.push_str(" }");
                if let Some(shown) = shown {
                    shown.extend(inner);
                }
            }
        }
    }

    fn arguments(
        &mut self,
        arguments: &fluent_syntax::ast::CallArguments<&str>,
        mut shown: Option<&mut BTreeSet<String>>,
    ) {
        self.info.text.push('(');
        for (i, arg) in arguments.positional.iter().enumerate() {
            if i > 0 {
                self.info.text.push_str(", ");
            }
            self.inline(arg, shown.as_deref_mut());
        }
        for (i, named) in arguments.named.iter().enumerate() {
            if i > 0 || !arguments.positional.is_empty() {
                self.info.text.push_str(", ");
            }
            self.span_of(named.name.name);
            self.info.text.push_str(named.name.name);
            self.info.text.push_str(": ");
            self.inline(&named.value, shown.as_deref_mut());
        }
        self.info.text.push(')');
    }
}

/// Text elements as written, inline placeables as `{ … }`, and each variant of a selection on
/// a line of its own, so markup can be compared without the selection syntax in the way.
fn visible_text(pattern: &Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } => {
                for variant in variants {
                    out.push('\n');
                    visible_text(&variant.value, out);
                }
                out.push('\n');
            }
            PatternElement::Placeable {
                expression: Expression::Inline(inline),
            } => match inline {
                InlineExpression::StringLiteral { value } => out.push_str(value),
                InlineExpression::VariableReference { id } => {
                    out.push_str("{ $");
                    out.push_str(id.name);
                    out.push_str(" }");
                }
                _ => out.push_str("{ }"),
            },
        }
    }
}

/// The identifier slice that best locates a selector.
fn selector_identifier<'s>(selector: &InlineExpression<&'s str>) -> Option<&'s str> {
    match selector {
        InlineExpression::VariableReference { id }
        | InlineExpression::FunctionReference { id, .. }
        | InlineExpression::TermReference { id, .. }
        | InlineExpression::MessageReference { id, .. } => Some(id.name),
        InlineExpression::StringLiteral { value } | InlineExpression::NumberLiteral { value } => {
            Some(value)
        }
        InlineExpression::Placeable { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;

    fn info(source: &str) -> PatternInfo {
        let resource = fluent_syntax::parser::parse(source).unwrap();
        match &resource.body[0] {
            Entry::Message(m) => analyze_pattern(source, m.value.as_ref().unwrap()),
            _ => panic!("not a message"),
        }
    }

    #[test]
    fn variables_shown_and_selected() {
        let src = "m = { $count ->\n    [one] One result for { $query }\n   *[other] { $count } results for { $query }\n}\n";
        let i = info(src);
        assert_eq!(i.variables, ["count", "query"].map(String::from).into());
        assert_eq!(
            i.shown_variables,
            ["count", "query"].map(String::from).into()
        );
        assert_eq!(i.selects[0].selector, Selector::Variable("count".into()));
        let keys: Vec<_> = i.selects[0]
            .variants
            .iter()
            .map(|v| v.key.as_str())
            .collect();
        assert_eq!(keys, ["one", "other"]);
        assert_eq!(&src[i.selects[0].variants[0].span.clone()], "one");
        assert!(!i.selects[0].variants[0].shown_variables.contains("count"));
    }

    #[test]
    fn selector_only_variable_is_not_shown() {
        let i = info("m = { $n ->\n   *[other] Many\n}\n");
        assert!(i.variables.contains("n"));
        assert!(i.shown_variables.is_empty());
    }

    #[test]
    fn references_have_spans() {
        let src = "m = { -brand } and { other.attr } { NUMBER($x, minimumFractionDigits: 2) }\n";
        let i = info(src);
        assert_eq!(&src[i.term_refs[0].span.clone()], "-brand");
        assert_eq!(i.message_refs[0].attribute.as_deref(), Some("attr"));
        assert!(i.functions.contains("NUMBER"));
        assert_eq!(
            i.text,
            "{ -brand } and { other.attr } { NUMBER($x, minimumFractionDigits: 2) }"
        );
    }
}
