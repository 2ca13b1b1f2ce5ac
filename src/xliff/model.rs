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
//! pattern again, and [`pattern_ftl`] writes it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement, VariantKey};

use crate::plural::ALL_CATEGORIES;

/// A piece of what a reader sees: text, or a placeable kept as canonical FTL (`{ $count }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Placeable(String),
}

/// Appends `part`, merging adjacent text.
pub fn push_part(parts: &mut Vec<Part>, part: Part) {
    match (parts.last_mut(), part) {
        (_, Part::Text(t)) if t.is_empty() => {}
        (Some(Part::Text(last)), Part::Text(t)) => last.push_str(&t),
        (_, part) => parts.push(part),
    }
}

/// A protected code: its parts (a markup delimiter may contain a placeable: `]({ $url })`) and
/// their FTL form, which the XLIFF file carries and which identifies the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub ftl: String,
    pub parts: Vec<Part>,
}

impl Code {
    fn new(parts: Vec<Part>) -> Code {
        Code {
            ftl: inline_ftl(&parts),
            parts,
        }
    }
}

/// What a code stands for (shown to CAT tools as the code's type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// `{ $count }`, `{ -brand }`, `{ NUMBER($n) }`.
    Placeable,
    /// `` `code` ``: not translated.
    CodeSpan,
    /// `<https://…>`.
    Autolink,
    Emphasis,
    Strong,
    Link,
}

/// A unit's content for XLIFF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A standalone code (`<ph>` / `<x>`).
    Ph {
        kind: CodeKind,
        code: Code,
    },
    /// Paired codes around translatable text (`<pc>` / `<g>`).
    Pc {
        kind: CodeKind,
        open: Code,
        close: Code,
        children: Vec<Inline>,
    },
}

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
    fn child(&self, name: &str) -> Option<&Shape> {
        self.variants
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, s)| s)
    }

    fn default_child(&self) -> &Shape {
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

/// Parts as one line of FTL-like text: braces in text escaped, placeables as written. Used to
/// identify codes and compare texts, not to write files.
pub fn inline_ftl(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(t) => {
                for c in t.chars() {
                    match c {
                        '{' => out.push_str("{\"{\"}"),
                        '}' => out.push_str("{\"}\"}"),
                        c => out.push(c),
                    }
                }
            }
            Part::Placeable(p) => out.push_str(p),
        }
    }
    out
}

/// The FTL of a pattern after `id =` (or `.attr =`): ` text` on one line, or a block on the
/// following lines indented by `indent` spaces.
pub fn pattern_ftl(pattern: &Rebuilt, indent: usize) -> String {
    let mut out = String::new();
    match pattern {
        Rebuilt::Text(parts) => write_text(&mut out, parts, indent),
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
            Rebuilt::Text(parts) => write_text(out, parts, indent + 8),
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

/// Writes text and placeables as an FTL pattern: ` line` when it fits on one line, else a block
/// at `indent`. Braces become string literals; so do the whitespace FTL would strip (at the start
/// of a line and the end of the pattern) and the characters that would start a variant, an
/// attribute or a default marker at the start of a continuation line.
fn write_text(out: &mut String, parts: &[Part], indent: usize) {
    let lines = split_lines(parts);
    let count = lines.len();
    let rendered: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| render_line(line, i == 0, i + 1 == count, count > 1))
        .collect();
    if count == 1 {
        out.push(' ');
        out.push_str(&rendered[0]);
        return;
    }
    for line in rendered {
        out.push('\n');
        if !line.is_empty() {
            push_indent(out, indent);
            out.push_str(&line);
        }
    }
}

enum Piece<'a> {
    Text(&'a str),
    Placeable(&'a str),
}

fn split_lines(parts: &[Part]) -> Vec<Vec<Piece<'_>>> {
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    for part in parts {
        match part {
            Part::Placeable(p) => lines.last_mut().expect("a line").push(Piece::Placeable(p)),
            Part::Text(t) => {
                for (i, segment) in t.split('\n').enumerate() {
                    if i > 0 {
                        lines.push(Vec::new());
                    }
                    if !segment.is_empty() {
                        lines.last_mut().expect("a line").push(Piece::Text(segment));
                    }
                }
            }
        }
    }
    lines
}

fn render_line(pieces: &[Piece], first: bool, last: bool, multiline: bool) -> String {
    let mut out = String::new();
    if pieces.is_empty() {
        // FTL drops blank lines at the start and end of a pattern: keep them explicitly.
        if (first || last) && multiline || (first && last) {
            out.push_str("{\"\"}");
        }
        return out;
    }
    let n = pieces.len();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Placeable(p) => out.push_str(p),
            Piece::Text(t) => {
                let mut text: &str = t;
                if i == 0 {
                    let body = text.trim_start_matches([' ', '\t']);
                    let lead = &text[..text.len() - body.len()];
                    if !lead.is_empty() {
                        string_literal(&mut out, lead);
                    }
                    text = body;
                    // Every line of a block starts a line of the file, where these would read
                    // as a variant key, a default marker or an attribute.
                    if multiline && let Some(c @ ('[' | '*' | '.')) = text.chars().next() {
                        string_literal(&mut out, &c.to_string());
                        text = &text[1..];
                    }
                }
                let mut trail = "";
                if i + 1 == n && last {
                    let body = text.trim_end_matches([' ', '\t']);
                    trail = &text[body.len()..];
                    text = body;
                }
                for c in text.chars() {
                    match c {
                        '{' => out.push_str("{\"{\"}"),
                        '}' => out.push_str("{\"}\"}"),
                        '\r' => out.push_str("{\"\\u000D\"}"),
                        c => out.push(c),
                    }
                }
                if !trail.is_empty() {
                    string_literal(&mut out, trail);
                }
            }
        }
    }
    out
}

fn string_literal(out: &mut String, text: &str) {
    out.push_str("{\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push_str("\"}");
}

// ---------------------------------------------------------------------------------------------
// Inline markup as codes.

/// Private-use characters stand for placeables while the Markdown parser reads the text, so
/// markup that spans a placeable (`[Read more]({ $url })`) is found whole.
const SENTINEL_BASE: u32 = 0xE000;
const SENTINEL_COUNT: usize = 0x1900;

fn is_private_use(c: char) -> bool {
    (0xE000..=0xF8FF).contains(&(c as u32))
}

/// Splits a leaf's parts into text and protected codes: every placeable, and the inline
/// Markdown the site renders (emphasis, strong, code spans, links, autolinks).
pub fn inlines(parts: &[Part]) -> Vec<Inline> {
    let placeables: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Placeable(p) => Some(p.as_str()),
            Part::Text(_) => None,
        })
        .collect();
    let text_is_plain = parts
        .iter()
        .all(|p| !matches!(p, Part::Text(t) if t.chars().any(is_private_use)));
    if !text_is_plain || placeables.len() > SENTINEL_COUNT {
        return parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => Inline::Text(t.clone()),
                Part::Placeable(p) => placeable_code(p),
            })
            .collect();
    }
    let mut flat = String::new();
    let mut n = 0u32;
    for part in parts {
        match part {
            Part::Text(t) => flat.push_str(t),
            Part::Placeable(_) => {
                flat.push(char::from_u32(SENTINEL_BASE + n).unwrap_or('\u{E000}'));
                n += 1;
            }
        }
    }
    // Most texts have no markup at all: no need to ask the Markdown parser.
    let spans = if flat.contains(['*', '_', '`', '[', '<']) {
        markup_spans(&flat)
    } else {
        Vec::new()
    };
    build_inlines(&flat, 0..flat.len(), &spans, &placeables)
}

fn placeable_code(ftl: &str) -> Inline {
    Inline::Ph {
        kind: CodeKind::Placeable,
        code: Code::new(vec![Part::Placeable(ftl.to_string())]),
    }
}

struct Span {
    outer: Range<usize>,
    /// The translatable inside of paired markup; `None` for a standalone code.
    inner: Option<Range<usize>>,
    kind: CodeKind,
}

fn markup_spans(flat: &str) -> Vec<Span> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

    struct Frame {
        kind: Option<CodeKind>,
        range: Range<usize>,
        inner_end: usize,
    }
    let mut spans = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Spans opened past the depth limit: ignored, so their markers stay text. The unit's
    // inline tree is built and walked by recursion, and every event below looks through the
    // whole stack: markup nested 10,000 deep overflowed the stack after 20 s of quadratic work.
    let mut excess = 0usize;
    for (event, range) in Parser::new_ext(flat, Options::empty()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
                if stack.len() >= crate::markup::MAX_INLINE_DEPTH =>
            {
                excess += 1;
                continue;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) if excess > 0 => {
                excess -= 1;
                continue;
            }
            _ => {}
        }
        let skipping = stack.iter().any(|f| f.kind.is_none());
        match &event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. }) => {
                let kind = match &event {
                    Event::Start(Tag::Emphasis) => Some(CodeKind::Emphasis),
                    Event::Start(Tag::Strong) => Some(CodeKind::Strong),
                    Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        ..
                    }) => Some(CodeKind::Link),
                    Event::Start(Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    }) => {
                        if !skipping {
                            spans.push(Span {
                                outer: range.clone(),
                                inner: None,
                                kind: CodeKind::Autolink,
                            });
                        }
                        None
                    }
                    _ => None,
                };
                for frame in &mut stack {
                    frame.inner_end = frame.inner_end.max(range.end);
                }
                stack.push(Frame {
                    kind,
                    inner_end: range.start + 1,
                    range,
                });
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {
                let Some(frame) = stack.pop() else { continue };
                let still_skipping = stack.iter().any(|f| f.kind.is_none());
                let Some(kind) = frame.kind else { continue };
                if still_skipping {
                    continue;
                }
                let r = frame.range;
                let inner = match kind {
                    CodeKind::Emphasis | CodeKind::Strong => {
                        let d = if kind == CodeKind::Strong { 2 } else { 1 };
                        let ok = r.len() >= 2 * d
                            && flat[r.start..r.start + d]
                                .chars()
                                .all(|c| c == '*' || c == '_')
                            && flat[r.end - d..r.end].chars().all(|c| c == '*' || c == '_');
                        ok.then(|| r.start + d..r.end - d)
                    }
                    _ => {
                        let end = frame.inner_end.max(r.start + 1).min(r.end);
                        flat[end..].starts_with("](").then_some(r.start + 1..end)
                    }
                };
                if let Some(inner) = inner {
                    spans.push(Span {
                        outer: r,
                        inner: Some(inner),
                        kind,
                    });
                }
            }
            _ => {
                for frame in &mut stack {
                    frame.inner_end = frame.inner_end.max(range.end);
                }
                if let Event::Code(_) = event
                    && !skipping
                {
                    spans.push(Span {
                        outer: range,
                        inner: None,
                        kind: CodeKind::CodeSpan,
                    });
                }
            }
        }
    }
    spans.sort_by(|a, b| {
        a.outer
            .start
            .cmp(&b.outer.start)
            .then(b.outer.end.cmp(&a.outer.end))
    });
    spans
}

fn build_inlines(
    flat: &str,
    range: Range<usize>,
    spans: &[Span],
    placeables: &[&str],
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut cursor = range.start;
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        let mut j = i + 1;
        while j < spans.len()
            && spans[j].outer.start >= span.outer.start
            && spans[j].outer.end <= span.outer.end
        {
            j += 1;
        }
        if span.outer.start < cursor || span.outer.end > range.end {
            // Overlapping markup (not produced by a CommonMark parser): leave it as text.
            i = j;
            continue;
        }
        push_text_inlines(&mut out, &flat[cursor..span.outer.start], placeables);
        match &span.inner {
            None => out.push(Inline::Ph {
                kind: span.kind,
                code: Code::new(flat_parts(&flat[span.outer.clone()], placeables)),
            }),
            Some(inner) => out.push(Inline::Pc {
                kind: span.kind,
                open: Code::new(flat_parts(&flat[span.outer.start..inner.start], placeables)),
                close: Code::new(flat_parts(&flat[inner.end..span.outer.end], placeables)),
                children: build_inlines(flat, inner.clone(), &spans[i + 1..j], placeables),
            }),
        }
        cursor = span.outer.end;
        i = j;
    }
    push_text_inlines(&mut out, &flat[cursor..range.end], placeables);
    out
}

fn sentinel_index(c: char) -> Option<usize> {
    let n = (c as u32).checked_sub(SENTINEL_BASE)? as usize;
    (n < SENTINEL_COUNT).then_some(n)
}

fn flat_parts(text: &str, placeables: &[&str]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        match sentinel_index(c).and_then(|n| placeables.get(n)) {
            Some(p) => {
                push_part(&mut parts, Part::Text(std::mem::take(&mut run)));
                parts.push(Part::Placeable(p.to_string()));
            }
            None => run.push(c),
        }
    }
    push_part(&mut parts, Part::Text(run));
    parts
}

fn push_text_inlines(out: &mut Vec<Inline>, text: &str, placeables: &[&str]) {
    for part in flat_parts(text, placeables) {
        match part {
            Part::Text(t) => match out.last_mut() {
                Some(Inline::Text(last)) => last.push_str(&t),
                _ => out.push(Inline::Text(t)),
            },
            Part::Placeable(p) => out.push(placeable_code(&p)),
        }
    }
}

/// The parts an inline list stands for (codes expanded).
pub fn inline_parts(inlines: &[Inline]) -> Vec<Part> {
    let mut out = Vec::new();
    collect_parts(inlines, &mut out);
    out
}

fn collect_parts(inlines: &[Inline], out: &mut Vec<Part>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => push_part(out, Part::Text(t.clone())),
            Inline::Ph { code, .. } => {
                for p in &code.parts {
                    push_part(out, p.clone());
                }
            }
            Inline::Pc {
                open,
                close,
                children,
                ..
            } => {
                for p in &open.parts {
                    push_part(out, p.clone());
                }
                collect_parts(children, out);
                for p in &close.parts {
                    push_part(out, p.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn text_is_escaped_for_ftl() {
        let write = |parts: Vec<Part>| pattern_ftl(&Rebuilt::Text(parts), 4);
        assert_eq!(write(vec![text("a {b}")]), " a {\"{\"}b{\"}\"}");
        assert_eq!(
            write(vec![text("  lead and trail ")]),
            " {\"  \"}lead and trail{\" \"}"
        );
        assert_eq!(
            write(vec![text("one\n[two]\n*three\n.four")]),
            "\n    one\n    {\"[\"}two]\n    {\"*\"}three\n    {\".\"}four"
        );
        assert_eq!(write(vec![text("a\n\nb")]), "\n    a\n\n    b");
        assert_eq!(write(vec![text("")]), " {\"\"}");
        assert_eq!(write(vec![text("x\n")]), "\n    x\n    {\"\"}");
        assert_eq!(write(vec![text("say \"hi\" \\ ")]), " say \"hi\" \\{\" \"}");
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
