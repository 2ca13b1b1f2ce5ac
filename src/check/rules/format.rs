//! `format-error`: every message formatted with `fluent-bundle` for the locale, value, every
//! attribute and every variant, with sample arguments; resolver errors (cycles, unknown
//! functions, a referenced message without a value, too many placeables) are reported.
//! References to undefined messages and terms are `unknown-reference`'s, not repeated here.

use std::collections::BTreeSet;

use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};

use crate::catalog::{EntryKind, PatternInfo};
use crate::check::{Code, Diagnostic, LocaleContext, Located};
use crate::plural::category_samples;

/// Only references and function calls can fail to resolve when every variable is supplied:
/// plain text, variables and selections on variables always format.
fn can_fail(pattern: &PatternInfo) -> bool {
    !pattern.message_refs.is_empty()
        || !pattern.term_refs.is_empty()
        || !pattern.functions.is_empty()
}

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    let candidates: Vec<Located<'_>> = ctx
        .target
        .entries()
        .filter(|(_, e)| e.kind == EntryKind::Message && e.patterns().any(can_fail))
        .collect();
    if candidates.is_empty() {
        return;
    }
    // A bundle of just what those messages can reach (their references, transitively), cut from
    // the files by span: re-parsing every file of every locale would cost more than the check.
    let mut needed: BTreeSet<(EntryKind, &str)> = BTreeSet::new();
    let mut queue: Vec<Located<'_>> = candidates.clone();
    let mut ftl = String::new();
    while let Some((file, entry)) = queue.pop() {
        if !needed.insert((entry.kind, entry.id.as_str())) {
            continue;
        }
        if let Some(text) = file.text.get(entry.span.clone()) {
            ftl.push_str(text);
            ftl.push('\n');
        }
        for pattern in entry.patterns() {
            for r in &pattern.message_refs {
                if let Some(found) = ctx.target_index.message(&r.id) {
                    queue.push(found);
                }
            }
            for r in &pattern.term_refs {
                if let Some(found) = ctx.target_index.term(&r.id) {
                    queue.push(found);
                }
            }
        }
    }
    let mut bundle: FluentBundle<FluentResource> =
        FluentBundle::new(vec![ctx.locale.langid.clone()]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_builtins();
    let resource = match FluentResource::try_new(ftl) {
        Ok(r) | Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    let samples = category_samples(&ctx.locale.langid);

    for (file, entry) in candidates {
        let Some(message) = bundle.get_message(&entry.id) else {
            continue;
        };
        let variables: BTreeSet<&str> = entry
            .patterns()
            .flat_map(|p| p.variables.iter().map(String::as_str))
            .collect();
        let args_with = |chosen: Option<(&str, FluentValue<'static>)>| {
            let mut args = FluentArgs::new();
            for v in &variables {
                args.set(v.to_string(), FluentValue::from(3));
            }
            if let Some((name, value)) = chosen {
                args.set(name.to_string(), value);
            }
            args
        };
        // One argument set per variant of every select, so each variant is formatted.
        let mut arg_sets = vec![args_with(None)];
        for select in entry.patterns().flat_map(|p| p.selects.iter()) {
            let Some(variable) = select.selector.variable() else {
                continue;
            };
            for variant in &select.variants {
                let value: FluentValue<'static> = if variant.numeric {
                    FluentValue::try_number(variant.key.as_str()).into_owned()
                } else if let Some(sample) = samples.get(variant.key.as_str()) {
                    FluentValue::try_number(sample.as_str()).into_owned()
                } else {
                    FluentValue::from(variant.key.clone())
                };
                arg_sets.push(args_with(Some((variable, value))));
            }
        }
        let patterns = message
            .value()
            .into_iter()
            .chain(message.attributes().map(|a| a.value()));
        let mut problems = BTreeSet::new();
        for pattern in patterns {
            for args in &arg_sets {
                let mut errors = Vec::new();
                let _ = bundle.format_pattern(pattern, Some(args), &mut errors);
                for error in errors {
                    if let Some(problem) = describe(&error) {
                        problems.insert(problem);
                    }
                }
            }
        }
        for problem in problems {
            let mut d = ctx.at(
                Code::FormatError,
                file,
                entry.id_span.start,
                entry.id_span.len(),
                Some(&entry.id),
                problem,
            );
            d.help = Some("fluent-bundle cannot format this message as written; the page would show a placeholder".into());
            out.push(d);
        }
    }
}

/// The errors worth a diagnostic; `None` for those other rules report.
fn describe(error: &FluentError) -> Option<String> {
    match error {
        FluentError::ResolverError(resolver) => match resolver {
            ResolverError::Reference(ReferenceKind::Function { id }) => {
                Some(format!("unknown function `{id}()`"))
            }
            ResolverError::Reference(_) => None,
            ResolverError::Cyclic => Some("the message references itself (a cycle)".into()),
            ResolverError::TooManyPlaceables => {
                Some("too many placeables: the message expands beyond fluent-bundle's limit".into())
            }
            ResolverError::NoValue(id) => Some(format!("`{id}` is referenced but has no value")),
            ResolverError::MissingDefault => {
                Some("a select expression has no default variant".into())
            }
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run};

    #[test]
    fn cycles_and_unknown_functions() {
        let source = "a = A\nb = B { $n }\n";
        let d = run(
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", "a = { a }\nb = { FOO($n) }\n")],
        );
        let format: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "format-error")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            format,
            [
                "the message references itself (a cycle)",
                "unknown function `FOO()`"
            ]
        );
    }

    #[test]
    fn message_reference_without_value() {
        let d = run(
            "fr",
            &[("a.ftl", "a = A\nb = B\n")],
            &[("a.ftl", "a =\n    .x = X\nb = { a }\n")],
        );
        assert!(
            d.iter()
                .any(|d| d.code.as_str() == "format-error" && d.message.contains("no value")),
            "{d:?}"
        );
    }

    #[test]
    fn number_builtin_and_plurals_format_cleanly() {
        let source = "x = { NUMBER($n) ->\n    [one] One\n   *[other] { NUMBER($n, minimumFractionDigits: 1) }\n}\n";
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", source)]);
        assert!(!codes(&d).contains(&"format-error"), "{d:?}");
    }
}
