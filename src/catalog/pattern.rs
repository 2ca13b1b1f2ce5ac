//! What a Fluent pattern uses: variables, references, functions, select expressions; and where.
//!
//! `fluent-syntax` 0.12 has no spans on its AST, but parsing from a `&str` makes every identifier
//! and text element a slice of the source, so a byte offset is a pointer difference. This module
//! turns one pattern into a [`PatternInfo`]: plain data the catalog keeps after the AST is gone.

use std::borrow::Cow;
use std::ops::Range;

use compact_str::CompactString;
use smallvec::SmallVec;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};

/// A reference to a message or term, with the attribute if any (`-brand.gender`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Identifiers are short: kept inline, without an allocation of their own.
    pub id: CompactString,
    pub attribute: Option<CompactString>,
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
    Variable(CompactString),
    /// `NUMBER($x)` and other calls: the function name and its first variable argument.
    Function {
        name: CompactString,
        variable: Option<CompactString>,
    },
    TermAttribute {
        term: CompactString,
        attribute: CompactString,
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
    /// The key as written: `one`, `other`, `0` (a plural category without an allocation).
    pub key: Cow<'static, str>,
    pub numeric: bool,
    pub default: bool,
    /// Byte span of the key.
    pub span: Range<usize>,
}

/// A small set of names (variables, functions), sorted, in one string separated by spaces
/// (Fluent identifiers have none). Patterns use none, one or two names, which fit in the set
/// itself (up to 24 bytes, no allocation): comparing a translation's variables with its
/// source's then reads no memory elsewhere, which matters more than the comparison itself
/// across 100 locales.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NameSet(CompactString);

impl NameSet {
    pub const fn new() -> NameSet {
        NameSet(CompactString::const_new(""))
    }

    pub fn insert(&mut self, name: &str) {
        if self.0.is_empty() {
            self.0.push_str(name);
            return;
        }
        if self.0 == name {
            return;
        }
        let mut at = self.0.len();
        let mut pos = 0;
        for existing in self.iter() {
            match existing.cmp(name) {
                std::cmp::Ordering::Less => pos += existing.len() + 1,
                std::cmp::Ordering::Equal => return,
                std::cmp::Ordering::Greater => {
                    at = pos;
                    break;
                }
            }
        }
        if self.0.is_empty() {
            self.0.push_str(name);
        } else if at >= self.0.len() {
            self.0.push(' ');
            self.0.push_str(name);
        } else {
            self.0.insert(at, ' ');
            self.0.insert_str(at, name);
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        // Most sets hold one name: then the whole string is the name.
        self.0 == name || (self.0.len() > name.len() && self.iter().any(|n| n == name))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// The names in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|n| !n.is_empty())
    }

    /// The names of `self` that `other` lacks, in order.
    pub fn difference<'a>(&'a self, other: &'a NameSet) -> impl Iterator<Item = &'a str> {
        // Equal sets (the usual case: a translation uses its source's variables) are equal
        // strings.
        let names = (self.0 != other.0).then(|| self.iter());
        names
            .into_iter()
            .flatten()
            .filter(move |n| !other.contains(n))
    }

    pub fn is_superset(&self, other: &NameSet) -> bool {
        other.iter().all(|n| self.contains(n))
    }

    pub fn extend_from(&mut self, other: &NameSet) {
        if self.0.is_empty() {
            self.0 = other.0.clone();
            return;
        }
        for name in other.iter() {
            self.insert(name);
        }
    }
}

impl NameSet {
    /// The set of `names` (sorted and deduplicated here, in place): one string built at once,
    /// where inserting names one by one would shift the string for each.
    #[inline]
    fn from_names(names: &mut [&str]) -> NameSet {
        match names {
            [] => NameSet::new(),
            [name] => NameSet(CompactString::from(*name)),
            _ => NameSet::from_several(names),
        }
    }

    /// Two names or more (the walk keeps each once): sorted, joined by spaces.
    fn from_several(names: &mut [&str]) -> NameSet {
        names.sort_unstable();
        let mut set =
            CompactString::with_capacity(names.iter().map(|n| n.len() + 1).sum::<usize>() - 1);
        for (i, name) in names.iter().enumerate() {
            if i == 0 {
                set.push_str(name);
            } else if names[i - 1] != *name {
                set.push(' ');
                set.push_str(name);
            }
        }
        NameSet(set)
    }
}

impl<S: AsRef<str>> FromIterator<S> for NameSet {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> NameSet {
        let mut set = NameSet::new();
        for name in iter {
            set.insert(name.as_ref());
        }
        set
    }
}

/// Everything the checker and the exporters need to know about one pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatternInfo {
    /// Byte span from the first to the last source slice of the pattern.
    pub span: Range<usize>,
    /// The pattern's text with placeables written back in canonical FTL (`{ $count }`), variants
    /// joined; used to compare a translation with its source and to count words.
    pub text: String,
    /// What the placeables use (variables too: a pattern without a placeable has none); `None`
    /// for plain text, which most patterns are: a catalog of 300,000 patterns then holds
    /// 300,000 fewer allocations, and each pattern is 48 bytes smaller than with the variables
    /// kept here (less memory for every rule's pass to read).
    details: Option<Box<PatternDetails>>,
    /// Whether the text may hold inline markup (`*`, `_`, `` ` ``, `](`): most text has none,
    /// and then comparing markup is skipped without looking at the text again.
    may_have_markup: bool,
    /// The length of `text` trimmed, and whether it starts with a placeable: the rules that
    /// look for empty or unchanged translations decide most patterns from these, without
    /// reading the text (another allocation, so another cache miss, per pattern).
    trimmed_len: u32,
    starts_with_placeable: bool,
    /// Whether the pattern has a string literal anywhere (`{ "" }`, a call's argument, a
    /// selector): a placeable that shows nothing is one, so a pattern without any shows
    /// something wherever it has a placeable.
    has_string_literal: bool,
}

/// The parts of a [`PatternInfo`] that only patterns with placeables have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PatternDetails {
    /// Variables used anywhere, including selectors.
    variables: NameSet,
    /// Variables shown in the text (in any variant), not only used to select.
    shown_variables: NameSet,
    message_refs: Vec<Reference>,
    term_refs: Vec<Reference>,
    functions: NameSet,
    selects: Vec<SelectInfo>,
    visible: Option<String>,
    /// Placeables written, in every variant and nested ones included.
    placeables: usize,
}

static NO_DETAILS: PatternDetails = PatternDetails {
    variables: NameSet::new(),
    shown_variables: NameSet::new(),
    message_refs: Vec::new(),
    term_refs: Vec::new(),
    functions: NameSet::new(),
    selects: Vec::new(),
    visible: None,
    placeables: 0,
};

impl PatternInfo {
    fn details(&self) -> &PatternDetails {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }

    /// Variables used anywhere, including selectors.
    pub fn variables(&self) -> &NameSet {
        &self.details().variables
    }

    /// Variables shown in the text (in any variant), not only used to select.
    pub fn shown_variables(&self) -> &NameSet {
        &self.details().shown_variables
    }

    pub fn message_refs(&self) -> &[Reference] {
        &self.details().message_refs
    }

    pub fn term_refs(&self) -> &[Reference] {
        &self.details().term_refs
    }

    pub fn functions(&self) -> &NameSet {
        &self.details().functions
    }

    pub fn selects(&self) -> &[SelectInfo] {
        &self.details().selects
    }

    /// How many placeables the pattern writes, counting every variant and nested placeables:
    /// at least as many as formatting it resolves.
    pub fn placeables(&self) -> usize {
        self.details().placeables
    }

    /// The text a reader can see: for a pattern with select expressions, each variant's text on
    /// its own line, without the selection syntax (for markup comparison); otherwise `text`.
    /// Kept only when [`PatternInfo::may_have_markup`]; otherwise this is `text`.
    pub fn visible_text(&self) -> &str {
        self.details().visible.as_deref().unwrap_or(&self.text)
    }

    /// Whether the text may hold inline markup; `false` means it certainly holds none.
    pub fn may_have_markup(&self) -> bool {
        self.may_have_markup
    }

    /// The length of `text` without the whitespace around it.
    pub fn trimmed_len(&self) -> usize {
        self.trimmed_len as usize
    }

    /// Whether `text` starts with a placeable (`{ … }`).
    pub fn starts_with_placeable(&self) -> bool {
        self.starts_with_placeable
    }

    /// Whether the pattern has a string literal anywhere (in any variant, argument or
    /// selector): without one, a placeable of the pattern shows something.
    pub fn has_string_literal(&self) -> bool {
        self.has_string_literal
    }

    /// Text elements only (no placeables), trimmed: empty means the translation shows nothing.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Whether `text` has a character that starts inline markup.
fn markup_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Without an early exit the loop compiles to vector compares: texts are short, and most
    // have none of these bytes. (Two `memchr` searches cost twice this on texts this short:
    // their setup outweighs the scan.)
    let (mut marks, mut bracket) = (false, false);
    for &b in bytes {
        marks |= (b == b'*') | (b == b'_') | (b == b'`');
        bracket |= b == b']';
    }
    marks || (bracket && bytes.windows(2).any(|w| w == b"]("))
}

/// Analyzes `pattern`, whose slices borrow from `source`. `scratch` is a buffer the caller
/// reuses from pattern to pattern, so the text is built without growing a new string each time.
pub fn analyze_pattern(source: &str, pattern: &Pattern<&str>) -> PatternInfo {
    analyze_pattern_with(source, pattern, &mut String::new())
}

/// [`analyze_pattern`] with a reusable text buffer.
pub fn analyze_pattern_with(
    source: &str,
    pattern: &Pattern<&str>,
    scratch: &mut String,
) -> PatternInfo {
    // Most patterns are one run of text: their text is that slice, nothing to walk.
    if let [PatternElement::TextElement { value }] = pattern.elements.as_slice() {
        return plain_text(source, value);
    }
    scratch.clear();
    let mut walker = Walker {
        base: source.as_ptr() as usize,
        len: source.len(),
        text: scratch,
        variables: SmallVec::new(),
        shown: SmallVec::new(),
        details: PatternDetails::default(),
        start: usize::MAX,
        end: 0,
        plain: true,
        markup: false,
        string_literal: false,
    };
    walker.text_pattern(pattern, true);
    let span = if walker.start == usize::MAX {
        0..0
    } else {
        walker.start..walker.end
    };
    let text = String::from(walker.text.as_str());
    // Markup can only come from text elements and string literals: identifiers cannot open
    // emphasis, and the selection syntax (`*[other]`) is not text.
    let may_have_markup = walker.markup;
    walker.details.variables = NameSet::from_names(&mut walker.variables);
    walker.details.shown_variables = NameSet::from_names(&mut walker.shown);
    let mut details = (!walker.plain).then(|| {
        let mut details = std::mem::take(&mut walker.details);
        // The visible text is read only to compare markup.
        if !details.selects.is_empty() && may_have_markup {
            let mut visible = String::new();
            visible_text(pattern, &mut visible);
            details.visible = Some(visible);
        }
        Box::new(details)
    });
    if details
        .as_ref()
        .is_some_and(|d| **d == PatternDetails::default())
    {
        details = None;
    }
    PatternInfo {
        span,
        trimmed_len: u32::try_from(text.trim().len()).unwrap_or(u32::MAX),
        starts_with_placeable: text.starts_with('{'),
        has_string_literal: walker.string_literal,
        text,
        details,
        may_have_markup,
    }
}

/// What [`analyze_pattern_with`] finds in a pattern of one text element, `value`, without the
/// walk: the same result, found with fewer steps.
fn plain_text(source: &str, value: &str) -> PatternInfo {
    let offset = (value.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
    let span = if offset <= source.len() && value.len() <= source.len() - offset {
        offset..offset + value.len()
    } else {
        0..0
    };
    PatternInfo {
        span,
        trimmed_len: u32::try_from(value.trim().len()).unwrap_or(u32::MAX),
        starts_with_placeable: value.starts_with('{'),
        has_string_literal: false,
        text: String::from(value),
        details: None,
        may_have_markup: markup_chars(value),
    }
}

struct Walker<'t, 's> {
    base: usize,
    len: usize,
    text: &'t mut String,
    /// Variables used anywhere, in the order met (a set is made of them at the end; a pattern
    /// names a few, kept without an allocation).
    variables: SmallVec<[&'s str; 4]>,
    /// Variables shown in the text, not only used to select.
    shown: SmallVec<[&'s str; 4]>,
    details: PatternDetails,
    start: usize,
    end: usize,
    /// No placeable seen yet: the pattern is plain text and needs no details.
    plain: bool,
    /// A text element or string literal has a markup character (see `markup_chars`).
    markup: bool,
    /// A string literal was met.
    string_literal: bool,
}

impl<'s> Walker<'_, 's> {
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

    /// `shown` is false inside a selector (and everything nested in it), where a variable
    /// decides the variant but is not displayed.
    fn text_pattern(&mut self, pattern: &Pattern<&'s str>, shown: bool) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => {
                    self.span_of(value);
                    self.markup |= markup_chars(value);
                    self.text.push_str(value);
                }
                PatternElement::Placeable { expression } => {
                    self.plain = false;
                    self.details.placeables += 1;
                    self.text.push_str("{ ");
                    self.expression(expression, shown);
                    self.text.push_str(" }");
                }
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&'s str>, shown: bool) {
        match expression {
            Expression::Inline(inline) => self.inline(inline, shown),
            Expression::Select { selector, variants } => {
                self.inline(selector, false);
                let selector_kind = match selector {
                    InlineExpression::VariableReference { id } => {
                        Selector::Variable(id.name.into())
                    }
                    InlineExpression::FunctionReference { id, arguments } => Selector::Function {
                        name: id.name.into(),
                        variable: arguments.positional.iter().find_map(|a| match a {
                            InlineExpression::VariableReference { id } => Some(id.name.into()),
                            _ => None,
                        }),
                    },
                    InlineExpression::TermReference {
                        id,
                        attribute: Some(attr),
                        ..
                    } => Selector::TermAttribute {
                        term: id.name.into(),
                        attribute: attr.name.into(),
                    },
                    _ => Selector::Literal,
                };
                let selector_span = selector_identifier(selector).and_then(|s| self.span_of(s));
                self.text.push_str(" ->");
                let mut infos = Vec::with_capacity(variants.len());
                for variant in variants {
                    let (key, numeric) = match &variant.key {
                        VariantKey::Identifier { name } => (*name, false),
                        VariantKey::NumberLiteral { value } => (*value, true),
                    };
                    let span = self.span_of(key).unwrap_or(0..0);
                    self.text
                        .push_str(if variant.default { " *[" } else { " [" });
                    self.text.push_str(key);
                    self.text.push_str("] ");
                    self.text_pattern(&variant.value, shown);
                    infos.push(VariantInfo {
                        key: variant_key(key),
                        numeric,
                        default: variant.default,
                        span,
                    });
                }
                let span = selector_span
                    .or_else(|| infos.first().map(|v| v.span.clone()))
                    .unwrap_or(0..0);
                self.details.selects.push(SelectInfo {
                    selector: selector_kind,
                    variants: infos,
                    span,
                });
            }
        }
    }

    /// Records what an inline expression uses (`shown` as in [`Walker::text_pattern`]).
    fn inline(&mut self, inline: &InlineExpression<&'s str>, shown: bool) {
        match inline {
            InlineExpression::StringLiteral { value } => {
                self.string_literal = true;
                self.span_of(value);
                self.markup |= markup_chars(value);
                self.text.push('"');
                self.text.push_str(value);
                self.text.push('"');
            }
            InlineExpression::NumberLiteral { value } => {
                self.span_of(value);
                self.text.push_str(value);
            }
            InlineExpression::VariableReference { id } => {
                self.span_of(id.name);
                // A variable is usually used again (`{ $n -> [one] { $n } … }`): kept once, so
                // that most patterns end with one name, made a set without sorting.
                if !self.variables.contains(&id.name) {
                    self.variables.push(id.name);
                }
                if shown && !self.shown.contains(&id.name) {
                    self.shown.push(id.name);
                }
                self.text.push('$');
                self.text.push_str(id.name);
            }
            InlineExpression::MessageReference { id, attribute } => {
                let span = self.span_of(id.name).unwrap_or(0..0);
                attribute.as_ref().map(|a| self.span_of(a.name));
                self.details.message_refs.push(Reference {
                    id: id.name.into(),
                    attribute: attribute.as_ref().map(|a| a.name.into()),
                    span,
                });
                self.text.push_str(id.name);
                if let Some(a) = attribute {
                    self.text.push('.');
                    self.text.push_str(a.name);
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
                self.details.term_refs.push(Reference {
                    id: id.name.into(),
                    attribute: attribute.as_ref().map(|a| a.name.into()),
                    span,
                });
                self.text.push('-');
                self.text.push_str(id.name);
                if let Some(a) = attribute {
                    self.span_of(a.name);
                    self.text.push('.');
                    self.text.push_str(a.name);
                }
                if let Some(arguments) = arguments {
                    self.arguments(arguments, shown);
                }
            }
            InlineExpression::FunctionReference { id, arguments } => {
                self.span_of(id.name);
                self.details.functions.insert(id.name);
                self.text.push_str(id.name);
                self.arguments(arguments, shown);
            }
            InlineExpression::Placeable { expression } => {
                self.details.placeables += 1;
                self.text.push_str("{ ");
                self.expression(expression, shown);
                self.text.push_str(" }");
            }
        }
    }

    fn arguments(&mut self, arguments: &fluent_syntax::ast::CallArguments<&'s str>, shown: bool) {
        self.text.push('(');
        for (i, arg) in arguments.positional.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.inline(arg, shown);
        }
        for (i, named) in arguments.named.iter().enumerate() {
            if i > 0 || !arguments.positional.is_empty() {
                self.text.push_str(", ");
            }
            self.span_of(named.name.name);
            self.text.push_str(named.name.name);
            self.text.push_str(": ");
            self.inline(&named.value, shown);
        }
        self.text.push(')');
    }
}

/// A variant key; the plural categories, the keys nearly every selection uses, are shared.
fn variant_key(key: &str) -> Cow<'static, str> {
    match crate::plural::ALL_CATEGORIES.iter().find(|c| **c == key) {
        Some(category) => Cow::Borrowed(category),
        None => Cow::Owned(key.to_string()),
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
        assert_eq!(
            i.variables(),
            &["count", "query"].into_iter().collect::<NameSet>()
        );
        assert_eq!(
            i.shown_variables(),
            &["count", "query"].into_iter().collect::<NameSet>()
        );
        assert_eq!(i.selects()[0].selector, Selector::Variable("count".into()));
        let keys: Vec<_> = i.selects()[0].variants.iter().map(|v| &*v.key).collect();
        assert_eq!(keys, ["one", "other"]);
        assert_eq!(&src[i.selects()[0].variants[0].span.clone()], "one");
    }

    #[test]
    fn selector_only_variable_is_not_shown() {
        let i = info("m = { $n ->\n   *[other] Many\n}\n");
        assert!(i.variables().contains("n"));
        assert!(i.shown_variables().is_empty());
    }

    #[test]
    fn references_have_spans() {
        let src = "m = { -brand } and { other.attr } { NUMBER($x, minimumFractionDigits: 2) }\n";
        let i = info(src);
        assert_eq!(&src[i.term_refs()[0].span.clone()], "-brand");
        assert_eq!(i.message_refs()[0].attribute.as_deref(), Some("attr"));
        assert!(i.functions().contains("NUMBER"));
        assert_eq!(
            i.text,
            "{ -brand } and { other.attr } { NUMBER($x, minimumFractionDigits: 2) }"
        );
    }

    #[test]
    fn name_sets_stay_sorted_and_unique() {
        let mut set = NameSet::new();
        for name in ["count", "a-b", "zeta", "count", "a", "m_x"] {
            set.insert(name);
        }
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            ["a", "a-b", "count", "m_x", "zeta"]
        );
        assert!(set.contains("a-b") && !set.contains("b") && !set.contains(""));
        let other: NameSet = ["count", "other"].into_iter().collect();
        assert_eq!(
            set.difference(&other).collect::<Vec<_>>(),
            ["a", "a-b", "m_x", "zeta"]
        );
        let mut merged = other.clone();
        merged.extend_from(&set);
        assert_eq!(merged.len(), 6);
        assert!(merged.is_superset(&set) && !set.is_superset(&merged));
    }
}
