//! `duplicate-variant-key`: a key written twice in one select expression (`[one]` twice, or
//! `[1]` and `[1.0]`, which are one number). Only the first can ever be chosen; the other is dead
//! text. Values, attributes, terms and nested selections are all looked at.
//!
//! A warning, as compare-locales reports it: the message still formats.

use std::collections::hash_map;

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

use super::PatternAt;
use crate::catalog::VariantInfo;
use crate::check::{Code, Diagnostic, LocaleContext};

/// What a key selects: a name, or a number by value (`[1]` and `[1.0]` are one key).
#[derive(PartialEq, Eq, Hash)]
enum Selects<'k> {
    Name(&'k str),
    Number(u64),
}

fn selects(variant: &VariantInfo) -> Selects<'_> {
    // Only numeric keys are read as numbers (most keys are plural categories).
    match variant.numeric.then(|| variant.key.parse::<f64>()) {
        // `+ 0.0` makes -0 and 0 one number.
        Some(Ok(n)) => Selects::Number((n + 0.0).to_bits()),
        _ => Selects::Name(&variant.key),
    }
}

/// Selections with at most this many variants (all real ones) are compared in a small inline
/// list; more (a hostile file's thousands) in a map.
const SMALL: usize = 16;

pub fn check_pattern(ctx: &LocaleContext<'_>, at: &PatternAt<'_>, out: &mut Vec<Diagnostic>) {
    let (file, entry, attribute, pattern) = (at.file, at.entry, at.attribute, at.pattern);
    for select in pattern.selects() {
        // A map for many variants, not pairwise comparison: a hostile file may hold
        // thousands. (Neither allocates until used.)
        let mut few: SmallVec<[(Selects<'_>, &VariantInfo); SMALL]> = SmallVec::new();
        let mut many: HashMap<Selects<'_>, &VariantInfo> = HashMap::default();
        for variant in &select.variants {
            let key = selects(variant);
            let first = if select.variants.len() <= SMALL {
                match few.iter().find(|(k, _)| *k == key) {
                    Some((_, first)) => *first,
                    None => {
                        few.push((key, variant));
                        continue;
                    }
                }
            } else {
                match many.entry(key) {
                    hash_map::Entry::Vacant(v) => {
                        v.insert(variant);
                        continue;
                    }
                    hash_map::Entry::Occupied(o) => *o.get(),
                }
            };
            let (line, column) = file.line_column(first.span.start);
            let key = entry.pattern_key(attribute).to_string();
            let mut d = ctx.at(
                Code::DuplicateVariantKey,
                file,
                variant.span.start,
                variant.key.chars().count(),
                Some(&key),
                format!(
                    "the variant key `[{}]` appears twice in one selection",
                    variant.key
                ),
            );
            d.help = Some(format!(
                "first written at {line}:{column} as `[{}]`; only the first can be chosen",
                first.key
            ));
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    const SOURCE: &str = "x = { $n ->\n    [one] One\n   *[other] Many\n}\n-t = T\n    .g = m\n";

    #[test]
    fn repeated_keys_in_values_terms_and_attributes() {
        let target = "x = { $n ->\n    [one] Un\n    [one] Une\n   *[other] Plusieurs\n}\n-t = { $c ->\n    [1] a\n    [1.0] b\n   *[x] c\n}\n    .g = { $k ->\n    [m] m\n   *[m] f\n}\n";
        let d = run("fr", &[("a.ftl", SOURCE)], &[("a.ftl", target)]);
        let dup: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "duplicate-variant-key")
            .map(|d| (d.message_id.as_deref().unwrap_or(""), d.line, d.column))
            .collect();
        assert_eq!(dup, [("x", 3, 6), ("-t", 8, 6), ("-t.g", 13, 6)], "{d:?}");
    }

    #[test]
    fn distinct_keys_are_clean() {
        let target = "x = { $n ->\n    [0] Aucun\n    [one] Un\n   *[other] Plusieurs\n}\n-t = T\n    .g = m\n";
        let d = run("fr", &[("a.ftl", SOURCE)], &[("a.ftl", target)]);
        assert!(!codes(&d).contains(&"duplicate-variant-key"), "{d:?}");
    }
}
