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
    fn duplicates_in_overlapping_bundles_point_at_the_first_of_their_bundle() {
        // `branding/` is loaded into both groups; `misc/` into none, so it is a bundle alone.
        let config = "check:\n  bundles:\n    - name: browser\n      files: [\"browser/**\", \"branding/**\"]\n    - name: toolkit\n      files: [\"toolkit/**\", \"branding/**\"]\n";
        let files = [
            ("branding/brand.ftl", "shared = S\n"),
            ("browser/a.ftl", "shared = A\nonly-browser = B\n"),
            ("browser/b.ftl", "only-browser = B2\n"),
            ("toolkit/t.ftl", "shared = T\nonly-browser = T\n"),
            ("misc/m.ftl", "shared = M\nshared = M2\n"),
        ];
        let d = run_with(config, "fr", &files, &files, &[]);
        let mut found: Vec<(String, usize, String)> = d
            .iter()
            .filter(|d| d.code.as_str() == "duplicate-id")
            .map(|d| {
                let file = d.file.split("/fr/").nth(1).unwrap_or(&d.file).to_string();
                let help = d.help.clone().unwrap_or_default();
                let first = help.split("/fr/").nth(1).unwrap_or(&help).to_string();
                let first = first.split(';').next().unwrap_or_default().to_string();
                (file, d.line, first)
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                (
                    "browser/a.ftl".to_string(),
                    1,
                    "branding/brand.ftl:1:1".to_string()
                ),
                (
                    "browser/b.ftl".to_string(),
                    1,
                    "browser/a.ftl:2:1".to_string()
                ),
                ("misc/m.ftl".to_string(), 2, "misc/m.ftl:1:1".to_string()),
                (
                    "toolkit/t.ftl".to_string(),
                    1,
                    "branding/brand.ftl:1:1".to_string()
                ),
            ],
            "{d:?}"
        );
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
