//! `duplicate-attribute`: an attribute written twice in one message or term (`.label` twice).
//! fluent-bundle shows only the first copy, so the others are dead text a translator may edit in
//! vain. Every later copy is reported at its name; the rules comparing a translation with its
//! source look at the first copy only (see `pattern_pairs`).
//!
//! A warning, as compare-locales reports it: the page still shows the first copy.

use std::collections::hash_map;

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::{Attribute, CatalogFile, Entry};
use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check_entry(
    ctx: &LocaleContext<'_>,
    file: &CatalogFile,
    entry: &Entry,
    out: &mut Vec<Diagnostic>,
) {
    // Most entries have no attribute or one: nothing to compare.
    if entry.attributes.len() < 2 {
        return;
    }
    // A map, not pairwise comparison: a hostile file may hold thousands of attributes.
    let mut seen: HashMap<&str, &Attribute> = HashMap::default();
    for attribute in &entry.attributes {
        let first = match seen.entry(attribute.name.as_str()) {
            hash_map::Entry::Vacant(v) => {
                v.insert(attribute);
                continue;
            }
            hash_map::Entry::Occupied(o) => *o.get(),
        };
        let (line, column) = file.line_column(first.name_span.start);
        let key = entry.pattern_key(Some(&attribute.name)).to_string();
        let mut d = ctx.at(
            Code::DuplicateAttribute,
            file,
            attribute.name_span.start,
            attribute.name_span.len(),
            Some(&key),
            format!("`.{}` is defined twice in `{}`", attribute.name, entry.id),
        );
        d.help = Some(format!(
            "first defined at {line}:{column}; fluent-bundle shows only the first, this copy is never seen"
        ));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn a_second_copy_is_reported_and_not_compared_with_the_source() {
        let source = "b = B\n    .label = Save\n";
        // The dead copy equals the source: only the duplicate is reported, not the identity.
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[(
                "a.ftl",
                "b = Bé\n    .label = Enregistrer\n    .label = Save\n",
            )],
        );
        assert_eq!(codes(&d), ["duplicate-attribute"], "{d:?}");
        assert_eq!((d[0].line, d[0].column), (3, 6));
        assert_eq!(d[0].message_id.as_deref(), Some("b.label"));
        assert!(d[0].help.as_ref().unwrap().contains("2:6"), "{d:?}");
    }

    #[test]
    fn distinct_attributes_and_terms() {
        let d = run(
            "fr",
            &[("a.ftl", "b = B\n    .label = L\n    .title = T\n-t = T\n")],
            &[(
                "a.ftl",
                "b = Bé\n    .label = Lé\n    .title = Té\n-t = Té\n    .g = m\n    .g = f\n",
            )],
        );
        assert_eq!(codes(&d), ["duplicate-attribute"], "{d:?}");
        assert_eq!(d[0].message_id.as_deref(), Some("-t.g"));
    }
}
