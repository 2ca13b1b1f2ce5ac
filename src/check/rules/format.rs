//! `format-error`: every message formatted with `fluent-bundle` for the locale, value, every
//! attribute and every variant, with sample arguments; resolver errors (cycles, unknown
//! functions, a referenced message without a value, too many placeables) are reported.
//! `NUMBER()`, `DATETIME()` and the functions the configuration declares (`check.functions`)
//! are known.
//! References to undefined messages and terms are `unknown-reference`'s, not repeated here.

use std::collections::BTreeSet;

use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::{CatalogFile, Entry, EntryKind, PatternKey};
use crate::check::{Code, Diagnostic, LocaleContext, Located};
use crate::plural::category_samples;

/// Formatting resolves at most this many placeables per message (fluent-bundle's limit).
const MAX_PLACEABLES: usize = 100;

/// What formatting an entry can do, as far as the catalog tells without formatting it.
#[derive(Clone, Copy)]
enum Expansion {
    /// Being looked at: met again, it is a reference cycle.
    Visiting,
    /// It cannot give a reported resolver error; it resolves at most this many placeables.
    Safe(usize),
    /// It might: fluent-bundle must format it.
    MayFail,
}

/// Decides which entries can fail to format, without formatting. Only function calls and
/// references can fail when every variable is supplied: an unknown function, a reference to a
/// message without a value, a reference cycle, or more placeables than fluent-bundle resolves.
/// An entry whose references all lead (transitively) to entries free of those is safe; the rest
/// are formatted with fluent-bundle, which has the last word. Undefined references are left to
/// `unknown-reference`.
struct Safety<'c, 'a> {
    ctx: &'c LocaleContext<'a>,
    /// By entry: when files form bundles, one id may name a different entry in each.
    memo: HashMap<*const Entry, Expansion>,
    /// How many references deep the walk is: a chain of 10,000 `r0 = { r1 }` messages would
    /// otherwise overflow the stack here (a translator's file, `check` aborted with SIGABRT).
    depth: usize,
}

impl<'a> Safety<'_, 'a> {
    /// What a reference from `from` to `id` can do: the definition it resolves to there (the
    /// locale's, or when files form bundles, the one in `from`'s bundles).
    fn referenced(
        &mut self,
        from: &'a CatalogFile,
        kind: EntryKind,
        id: &'a str,
        attribute: Option<&str>,
    ) -> Expansion {
        let Some((file, entry)) = self.ctx.target_index.resolve(from, kind, id) else {
            return Expansion::Safe(0);
        };
        if attribute.is_none() && entry.value.is_none() {
            return Expansion::MayFail;
        }
        let key = entry as *const Entry;
        match self.memo.get(&key) {
            Some(Expansion::Visiting) => return Expansion::MayFail,
            Some(known) => return *known,
            None => {}
        }
        // Every reference is a placeable: a chain deeper than fluent-bundle's placeable limit
        // cannot be safe, and fluent-bundle (which stops there) reports it.
        if self.depth >= MAX_PLACEABLES {
            return Expansion::MayFail;
        }
        self.memo.insert(key, Expansion::Visiting);
        self.depth += 1;
        let result = self.entry(file, entry);
        self.depth -= 1;
        self.memo.insert(key, result);
        result
    }

    /// `NUMBER()`, `DATETIME()` and the application's functions (`check.functions`): those the
    /// formatting below registers.
    fn known_function(&self, name: &str) -> bool {
        matches!(name, "NUMBER" | "DATETIME")
            || self.ctx.project.check.functions.iter().any(|f| f == name)
    }

    fn entry(&mut self, file: &'a CatalogFile, entry: &'a Entry) -> Expansion {
        let mut total = 0;
        for pattern in entry.patterns() {
            // Functions and references are placeables: a pattern without any (most) adds
            // nothing and cannot fail.
            if pattern.placeables() == 0 {
                continue;
            }
            // A known function gives a value or writes its own name, never a reported error
            // (fluent-bundle reports only an unknown one); what its arguments reference is
            // among the pattern's references, looked at below.
            if pattern
                .functions()
                .iter()
                .any(|name| !self.known_function(name))
            {
                return Expansion::MayFail;
            }
            total += pattern.placeables();
            let refs = pattern
                .message_refs()
                .iter()
                .map(|r| (EntryKind::Message, r))
                .chain(pattern.term_refs().iter().map(|r| (EntryKind::Term, r)));
            for (kind, r) in refs {
                match self.referenced(file, kind, &r.id, r.attribute.as_deref()) {
                    Expansion::Safe(n) => total += n,
                    _ => return Expansion::MayFail,
                }
            }
        }
        if total > MAX_PLACEABLES {
            Expansion::MayFail
        } else {
            Expansion::Safe(total)
        }
    }
}

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut safety = Safety {
        ctx,
        memo: HashMap::default(),
        depth: 0,
    };
    let candidates: Vec<Located<'_>> = ctx
        .target
        .entries()
        .filter(|(file, e)| {
            // A later definition of an id in the same bundle is never shown (`duplicate-id`
            // says so): only the one the bundle resolves is formatted.
            let shown = || {
                ctx.target_index
                    .resolve(file, EntryKind::Message, &e.id)
                    .is_some_and(|(_, first)| std::ptr::eq(first, *e))
            };
            e.kind == EntryKind::Message
                && matches!(safety.entry(file, e), Expansion::MayFail)
                && shown()
        })
        .collect();
    // One fluent-bundle per set of bundles a file is loaded into (one for a website): an id
    // defined in two files of different bundles is two messages, each formatted as its own
    // bundle shows it, not as the locale's first definition.
    let mut groups: Vec<(Vec<&str>, Vec<Located<'_>>)> = Vec::new();
    for located in candidates {
        let bundles = ctx.target_index.bundles_of(located.0);
        match groups.iter_mut().find(|(b, _)| **b == *bundles) {
            Some((_, members)) => members.push(located),
            None => groups.push((bundles.to_vec(), vec![located])),
        }
    }
    for (_, members) in groups {
        format_group(ctx, &members, out);
    }
}

/// Formats `candidates` (of files loaded into the same bundles) with fluent-bundle and
/// reports what fails.
fn format_group(ctx: &LocaleContext<'_>, candidates: &[Located<'_>], out: &mut Vec<Diagnostic>) {
    // A bundle of just what those messages can reach (their references, transitively), cut from
    // the files by span: re-parsing every file of every locale would cost more than the check.
    // The candidates go in first: fluent-bundle keeps the first definition of an id.
    let mut needed: BTreeSet<PatternKey<'_>> = BTreeSet::new();
    let mut queue: std::collections::VecDeque<Located<'_>> = candidates.iter().copied().collect();
    let mut ftl = String::new();
    while let Some((file, entry)) = queue.pop_front() {
        if !needed.insert(entry.key()) {
            continue;
        }
        if let Some(text) = file.text.get(entry.span.clone()) {
            ftl.push_str(text);
            ftl.push('\n');
        }
        for pattern in entry.patterns() {
            for r in pattern.message_refs() {
                if let Some(found) = ctx.target_index.resolve(file, EntryKind::Message, &r.id) {
                    queue.push_back(found);
                }
            }
            for r in pattern.term_refs() {
                if let Some(found) = ctx.target_index.resolve(file, EntryKind::Term, &r.id) {
                    queue.push_back(found);
                }
            }
        }
    }
    let mut bundle: FluentBundle<FluentResource> =
        FluentBundle::new(vec![ctx.locale.langid.clone()]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_builtins();
    // fluent-bundle ships `NUMBER()` only; `DATETIME()` is standard Fluent all the same, and an
    // application registers its own functions (`check.functions`). Here they stand in as
    // functions giving back their first argument: the checker needs them known, not run.
    let stand_ins = std::iter::once("DATETIME")
        .chain(ctx.project.check.functions.iter().map(String::as_str))
        .filter(|name| *name != "NUMBER");
    for name in stand_ins {
        let _ = bundle.add_function(name, |positional, _named| {
            positional
                .first()
                .map_or(FluentValue::None, |value| value.clone().into_owned())
        });
    }
    let resource = match FluentResource::try_new(ftl) {
        Ok(r) | Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    let samples = category_samples(&ctx.locale.langid);

    for &(file, entry) in candidates {
        let Some(message) = bundle.get_message(&entry.id) else {
            continue;
        };
        let variables: BTreeSet<&str> = entry
            .patterns()
            .flat_map(|p| p.variables().iter())
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
        for select in entry.patterns().flat_map(|p| p.selects().iter()) {
            let Some(variable) = select.selector.variable() else {
                continue;
            };
            for variant in &select.variants {
                let value: FluentValue<'static> = if variant.numeric {
                    FluentValue::try_number(&variant.key).into_owned()
                } else if let Some(sample) = samples.get(&*variant.key) {
                    FluentValue::try_number(sample.as_str()).into_owned()
                } else {
                    FluentValue::from(variant.key.to_string())
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
    use crate::check::rules::tests::{codes, run, run_with};

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

    /// `DATETIME()` is standard Fluent, and a declared custom function is the application's:
    /// neither is an unknown function; an undeclared one still is.
    #[test]
    fn datetime_and_declared_functions_are_known() {
        let source =
            "a = { DATETIME($d, month: \"long\") }\nb = { PLATFORM() }\nc = { OTHER($x) }\n";
        let d = run_with(
            "check:\n  functions: [PLATFORM]\n",
            "fr",
            &[("a.ftl", source)],
            &[("a.ftl", source)],
            &[],
        );
        let format: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "format-error")
            .map(|d| (d.message_id.as_deref().unwrap_or(""), d.message.as_str()))
            .collect();
        assert_eq!(format, [("c", "unknown function `OTHER()`")]);
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", source)]);
        let unknown: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "format-error")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            unknown,
            [
                "unknown function `PLATFORM()`",
                "unknown function `OTHER()`"
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

    #[test]
    fn failures_reached_through_terms_are_found() {
        // `x` reaches a message without a value through a term; `y` expands past the limit
        // through a term written twice; `z` only reaches plain text and is fine.
        let many = "{ $n } ".repeat(60);
        let source = "x = X\ny = Y { $n }\nz = Z\n";
        let target = "-via = { m }\nm =\n    .a = A\n-big = MANY\n-plain = Plain\nx = { -via }\ny = { -big } { -big }\nz = { -plain } { -plain }\n"
            .replace("MANY", &many);
        let d = run("fr", &[("a.ftl", source)], &[("a.ftl", &target)]);
        let format: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "format-error")
            .map(|d| (d.message_id.as_deref().unwrap_or(""), d.message.as_str()))
            .collect();
        assert_eq!(format.len(), 2, "{format:?}");
        assert!(
            format[0].0 == "x" && format[0].1.contains("no value"),
            "{format:?}"
        );
        assert!(
            format[1].0 == "y" && format[1].1.contains("too many placeables"),
            "{format:?}"
        );
    }

    /// With files in bundles of their own, an id in two files is two messages: each is
    /// formatted as its own bundle holds it (the second file's unknown function is found,
    /// and its references resolve in its own file), not as the locale's first definition.
    #[test]
    fn each_bundle_formats_its_own_definition() {
        let source: &[(&str, &str)] = &[
            ("a.ftl", "x = X { $n }\nm = M\n"),
            ("b.ftl", "x = X { $n }\nm = M\n"),
        ];
        let target: &[(&str, &str)] = &[
            ("a.ftl", "x = { NUMBER($n) } X\nm = M\n"),
            // `m` here has no value: `{ m }` fails in b.ftl, not in a.ftl.
            ("b.ftl", "x = { BOGUS($n) } X { m }\nm =\n    .a = A\n"),
        ];
        let failures = |config: &str| -> Vec<(String, String)> {
            run_with(config, "fr", source, target, &[])
                .into_iter()
                .filter(|d| d.code.as_str() == "format-error")
                .map(|d| (d.file, d.message))
                .collect()
        };
        assert_eq!(
            failures("check:\n  bundles: per-file\n"),
            [
                (
                    "locales/fr/b.ftl".to_string(),
                    "`m` is referenced but has no value".to_string()
                ),
                (
                    "locales/fr/b.ftl".to_string(),
                    "unknown function `BOGUS()`".to_string()
                ),
            ]
        );
        // One bundle for the locale: b.ftl's copy of `x` is a duplicate nobody sees (its
        // `duplicate-id` says so), and `x` formats as a.ftl has it.
        assert_eq!(failures(""), []);
    }
}
