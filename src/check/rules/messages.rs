//! `missing-message` / `obsolete-message`, `missing-value` / `obsolete-value` and
//! `missing-attribute` / `obsolete-attribute`: the locale's messages against the source's.
//!
//! Terms count as well, under `missing-message` and `obsolete-message` (a term is an entry
//! like a message; compare-locales counts both, and a Firefox localizer compares totals): a
//! source term the locale lacks is missing, a term of the locale the source lacks is obsolete
//! unless the locale's own messages reference it (a language may need building blocks of its
//! own, a declension or a gender). Terms' attributes and values are the locale's own business:
//! they are compared by the reference rules where they are used.

use rustc_hash::FxHashSet;

use crate::catalog::{CatalogFile, Entry, EntryKind, Located};
use crate::check::{Code, Diagnostic, LocaleContext, Matched};

/// The source terms the locale lacks (in a file it has or not), for the rule and the count.
pub fn missing_terms<'c>(ctx: &'c LocaleContext<'_>) -> impl Iterator<Item = Located<'c>> + 'c {
    ctx.source_index
        .terms()
        .iter()
        .filter(|(file, entry)| {
            ctx.target_index
                .matching(file, EntryKind::Term, &entry.id)
                .is_none()
        })
        .copied()
}

/// A `missing-message` for a source entry the locale lacks: located at the source, as
/// compare-locales reports it, and filed under the locale's file that should hold it.
fn missing(
    ctx: &LocaleContext<'_>,
    (source_file, source_entry): Located<'_>,
    target_file: &CatalogFile,
    key: String,
    message: String,
) -> Diagnostic {
    let (line, column) = source_file.line_column(source_entry.id_span.start);
    Diagnostic {
        severity: Code::MissingMessage.default_severity(),
        code: Code::MissingMessage,
        locale: ctx.locale.tag.clone(),
        file: ctx.file_path(source_file),
        line,
        column,
        message_id: Some(key),
        message,
        help: Some(format!("add it to {}", ctx.file_path(target_file))),
        locale_file: Some(ctx.file_path(target_file)),
        width: source_entry.id_span.len(),
        source_line: Some(source_file.line_text(line).to_string()),
    }
}

/// Missing and obsolete terms (`missing-message`, `obsolete-message`).
pub fn check_terms(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (source_file, source_entry) in missing_terms(ctx) {
        // A file missing as a whole is reported by `missing-file`.
        let Some(target_file) = ctx.target.file(&source_file.relative) else {
            continue;
        };
        let key = format!("-{}", source_entry.id);
        let message = format!("the term `{key}` is not translated");
        out.push(missing(
            ctx,
            (source_file, source_entry),
            target_file,
            key,
            message,
        ));
    }
    let obsolete: Vec<Located<'_>> = ctx
        .target_index
        .terms()
        .iter()
        .filter(|(file, entry)| {
            ctx.source_index
                .matching(file, EntryKind::Term, &entry.id)
                .is_none()
        })
        .copied()
        .collect();
    if obsolete.is_empty() {
        return;
    }
    // Terms the locale's own entries use are its building blocks, not leftovers.
    let used: FxHashSet<&str> = ctx
        .target
        .entries()
        .flat_map(|(_, e)| e.patterns())
        .flat_map(|p| p.term_refs())
        .map(|r| r.id.as_str())
        .collect();
    for (file, entry) in obsolete {
        if used.contains(entry.id.as_str()) {
            continue;
        }
        let key = format!("-{}", entry.id);
        let mut d = ctx.at(
            Code::ObsoleteMessage,
            file,
            entry.id_span.start,
            entry.id_span.len(),
            Some(&key),
            format!(
                "the term `{key}` does not exist in {} and nothing here uses it",
                ctx.project.source_locale().tag
            ),
        );
        d.help = Some("delete it; it is never shown".into());
        out.push(d);
    }
}

/// The messages of one source message and its translation, if any: missing, or a value or
/// attribute one has and the other lacks.
pub fn check_match(ctx: &LocaleContext<'_>, matched: &Matched<'_>, out: &mut Vec<Diagnostic>) {
    let &((source_file, source_entry), target) = matched;
    let key = source_entry.id.as_str();
    let Some((target_file, target_entry)) = target else {
        // Messages of a file missing as a whole are reported by `missing-file`.
        let Some(target_file) = ctx.target.file(&source_file.relative) else {
            return;
        };
        let message = format!("`{key}` is not translated");
        let d = missing(
            ctx,
            (source_file, source_entry),
            target_file,
            key.to_string(),
            message,
        );
        out.push(d);
        return;
    };
    let id_at = |code: Code, message: String| {
        ctx.at(
            code,
            target_file,
            target_entry.id_span.start,
            target_entry.id_span.len(),
            Some(key),
            message,
        )
    };
    match (&source_entry.value, &target_entry.value) {
        (Some(_), None) => out.push(id_at(
            Code::MissingValue,
            format!("`{key}` has a value in the source but none here"),
        )),
        (None, Some(_)) => out.push(id_at(
            Code::ObsoleteValue,
            format!("`{key}` has no value in the source; this value is never shown"),
        )),
        _ => {}
    }
    // Nearly every translation has its source's attributes in the same order: nothing lacks
    // or is left over.
    let same_attributes = source_entry.attributes.len() == target_entry.attributes.len()
        && source_entry
            .attributes
            .iter()
            .zip(&target_entry.attributes)
            .all(|(s, t)| s.name == t.name);
    if same_attributes {
        return;
    }
    for attribute in &source_entry.attributes {
        if target_entry.attribute(&attribute.name).is_none() {
            out.push(id_at(
                Code::MissingAttribute,
                format!(
                    "`{key}` lacks the attribute `.{}` of the source",
                    attribute.name
                ),
            ));
        }
    }
    for attribute in &target_entry.attributes {
        if source_entry.attribute(&attribute.name).is_none() {
            out.push(ctx.at(
                Code::ObsoleteAttribute,
                target_file,
                attribute.name_span.start,
                attribute.name_span.len(),
                Some(key),
                format!("`{key}.{}` does not exist in the source", attribute.name),
            ));
        }
    }
}

/// The translations no source message matched (`obsolete-message`).
pub fn check_obsolete(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    // A translation is obsolete when no source message matched it. Matching is the same
    // relation both ways (by id, or by file and id when files form bundles), so the matches
    // already made tell, without a lookup per translation; when every translation was
    // matched, there is nothing to look for.
    let translated = ctx.matched.iter().filter(|(_, t)| t.is_some()).count();
    if translated == ctx.target_index.messages().len() {
        return;
    }
    let mut matched: FxHashSet<*const Entry> =
        FxHashSet::with_capacity_and_hasher(translated, Default::default());
    matched.extend(
        ctx.matched
            .iter()
            .filter_map(|(_, t)| t.map(|(_, e)| e as *const Entry)),
    );
    for &(target_file, target_entry) in ctx.target_index.messages() {
        let key = target_entry.id.as_str();
        if !matched.contains(&(target_entry as *const Entry)) {
            let mut d = ctx.at(
                Code::ObsoleteMessage,
                target_file,
                target_entry.id_span.start,
                target_entry.id_span.len(),
                Some(key),
                format!(
                    "`{key}` does not exist in {}",
                    ctx.project.source_locale().tag
                ),
            );
            d.help = Some("delete it; it is never shown".into());
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Severity;
    use crate::check::rules::tests::{codes, run, run_with};

    const SOURCE: &[(&str, &str)] = &[(
        "a.ftl",
        "x = X\ny = Y\n    .title = T\nz =\n    .label = L\n",
    )];

    #[test]
    fn complete_translation_is_clean() {
        let d = run(
            "fr",
            SOURCE,
            &[(
                "a.ftl",
                "x = X1\ny = Y1\n    .title = T1\nz =\n    .label = L1\n",
            )],
        );
        assert!(codes(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn every_mismatch_is_reported() {
        let d = run(
            "fr",
            SOURCE,
            &[(
                "a.ftl",
                "y =\n    .other = O\nz = Z\n    .label = L1\nw = W\n",
            )],
        );
        let mut got = codes(&d);
        got.sort();
        assert_eq!(
            got,
            [
                "missing-attribute",
                "missing-message",
                "missing-value",
                "obsolete-attribute",
                "obsolete-message",
                "obsolete-value"
            ]
        );
        let missing = d
            .iter()
            .find(|d| d.code.as_str() == "missing-message")
            .unwrap();
        assert_eq!(
            (missing.file.as_str(), missing.line, missing.severity),
            ("locales/en-US/a.ftl", 1, Severity::Warning)
        );
    }

    #[test]
    fn terms_are_missing_or_obsolete_unless_the_locale_uses_its_own() {
        let source = &[("a.ftl", "-brand = Acme\n-labs = Labs\nx = { -brand }\n")];
        let d = run(
            "fr",
            source,
            &[(
                "a.ftl",
                "-brand = Acmé\n-old = Vieux\n-marque-genre = f\nx = { -brand }{ -marque-genre }\n",
            )],
        );
        let found: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.code.as_str(), d.message_id.as_deref().unwrap_or("")))
            .filter(|(c, _)| c.starts_with("missing-message") || c.starts_with("obsolete-message"))
            .collect();
        assert_eq!(
            found,
            [("missing-message", "-labs"), ("obsolete-message", "-old")],
            "{d:?}"
        );
    }

    #[test]
    fn missing_message_is_an_error_in_a_complete_locale() {
        let d = run(
            "de",
            SOURCE,
            &[("a.ftl", "y = Y1\n    .title = T1\nz =\n    .label = L1\n")],
        );
        let missing = d
            .iter()
            .find(|d| d.code.as_str() == "missing-message")
            .unwrap();
        assert_eq!(missing.severity, Severity::Error);
    }

    #[test]
    fn per_file_a_message_is_missing_from_the_file_that_should_hold_it() {
        // `x` moved from a.ftl to b.ftl: per locale that is fine, per file it is missing from
        // a.ftl and obsolete in b.ftl (the application loads a.ftl's bundle without it).
        let source = [("a.ftl", "x = X\n"), ("b.ftl", "y = Y\n")];
        let target = [("a.ftl", "\n"), ("b.ftl", "y = Y1\nx = X1\n")];
        let per_locale = run("fr", &source, &target);
        assert!(codes(&per_locale).is_empty(), "{per_locale:?}");
        let per_file = run_with("check:\n  bundles: per-file\n", "fr", &source, &target, &[]);
        assert_eq!(
            codes(&per_file),
            ["missing-message", "obsolete-message"],
            "{per_file:?}"
        );
    }
}
