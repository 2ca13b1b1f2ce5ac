//! `duplicate-id`: a message or term defined twice in one bundle: in one locale (in one file or
//! across files) for a website, or within one file or bundle group when `check.bundles` says
//! the application loads its files into several bundles.

use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for ((first_file, first_entry), (file, entry)) in ctx.target_index.duplicates() {
        let key = entry.key().to_string();
        let (line, column) = first_file.line_column(first_entry.id_span.start);
        let mut d = ctx.at(
            Code::DuplicateId,
            file,
            entry.id_span.start,
            entry.id_span.len(),
            Some(&key),
            format!("`{key}` is defined twice in {}", ctx.locale.tag),
        );
        d.help = Some(format!(
            "first defined at {}:{line}:{column}; only the first definition is used",
            ctx.file_path(first_file)
        ));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{codes, run, run_with};

    #[test]
    fn second_definition_is_reported_across_files() {
        let d = run(
            "fr",
            &[("a.ftl", "x = X\n")],
            &[("a.ftl", "x = X1\n"), ("b.ftl", "x = X2\n")],
        );
        let dup: Vec<_> = d
            .iter()
            .filter(|d| d.code.as_str() == "duplicate-id")
            .collect();
        assert_eq!(dup.len(), 1);
        assert_eq!(dup[0].file.rsplit('/').next(), Some("b.ftl"));
        assert!(dup[0].help.as_ref().unwrap().contains("a.ftl:1:1"));
    }

    #[test]
    fn a_message_and_a_term_of_one_name_are_not_duplicates() {
        let d = run(
            "fr",
            &[("a.ftl", "x = X\n-x = T\n")],
            &[("a.ftl", "x = X1\n-x = T\n")],
        );
        assert!(!codes(&d).contains(&"duplicate-id"));
    }

    #[test]
    fn a_duplicate_term_is_named_with_its_dash() {
        let d = run(
            "fr",
            &[("a.ftl", "-x = X\n")],
            &[("a.ftl", "-x = A\n-x = B\n")],
        );
        assert_eq!(codes(&d), ["duplicate-id"]);
        assert_eq!(d[0].message_id.as_deref(), Some("-x"));
    }

    #[test]
    fn one_id_in_two_bundles_is_not_a_duplicate() {
        let source = [("a.ftl", "x = X\n"), ("b.ftl", "x = Other X\n")];
        let target = [("a.ftl", "x = X1\n"), ("b.ftl", "x = X2\n")];
        let per_file = run_with("check:\n  bundles: per-file\n", "fr", &source, &target, &[]);
        assert!(!codes(&per_file).contains(&"duplicate-id"), "{per_file:?}");
        // Each file's `x` is matched with its own translation: nothing missing or obsolete.
        assert!(codes(&per_file).is_empty(), "{per_file:?}");
        let grouped = run_with(
            "check:\n  bundles:\n    - name: all\n      files: [\"*.ftl\"]\n",
            "fr",
            &source,
            &target,
            &[],
        );
        assert_eq!(codes(&grouped), ["duplicate-id"], "{grouped:?}");
    }
}
