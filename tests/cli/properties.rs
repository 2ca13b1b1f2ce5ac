//! Properties (proptest): extract is deterministic and idempotent on generated Markdown pages;
//! check never panics on arbitrary UTF-8 in any locale's files. These call the library, like
//! the fuzz targets in `fuzz/`, to try many more cases than spawning the binary allows.

use std::path::Path;

use fluentpress::catalog::{Catalog, LocaleCatalog, parse_file};
use fluentpress::check::report::{Format, render};
use fluentpress::check::{CheckOptions, check};
use fluentpress::config::{Project, load_project};
use fluentpress::extract::{apply_extraction, plan_extraction};
use proptest::prelude::*;

use crate::support::tree;

const CONFIG: &str = "site:\n  name: P\n  base_url: https://p.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n    complete: true\n";

/// Words with the characters FTL and Markdown treat specially (no `<`: raw HTML is refused by
/// design, and `{#`/`fp-id` pins are left to the unit tests).
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}",
        "[0-9]{1,3}",
        Just("{".to_string()),
        Just("}".to_string()),
        Just("{ $x }".to_string()),
        Just("[".to_string()),
        Just("].".to_string()),
        Just("*".to_string()),
        Just("中国宏桥".to_string()),
        Just("café".to_string()),
        Just("\\".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..8).prop_map(|w| w.join(" "))
}

/// Inline Markdown: plain text with emphasis, strong, code and links.
fn inline() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => sentence(),
            1 => "[a-z]{1,8}".prop_map(|w| format!("*{w}*")),
            1 => "[a-z]{1,8}".prop_map(|w| format!("**{w}**")),
            1 => "[a-z]{1,8}".prop_map(|w| format!("`{w}`")),
            1 => ("[a-z]{1,8}", "[a-z]{1,8}").prop_map(|(t, u)| format!("[{t}](https://x.example/{u})")),
        ],
        1..5,
    )
    .prop_map(|parts| parts.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => inline(),
        1 => (1u8..5, inline()).prop_map(|(level, text)| format!("{} {text}", "#".repeat(level as usize))),
        1 => prop::collection::vec(inline(), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n")),
        1 => prop::collection::vec(inline(), 1..3)
            .prop_map(|items| items.iter().map(|i| format!("> {i}")).collect::<Vec<_>>().join("\n>\n")),
        1 => ("[a-z]{1,8}", sentence()).prop_map(|(src, alt)| format!("![{}](img/{src}.png)", alt.replace(['[', ']'], ""))),
        1 => sentence().prop_map(|code| format!("```\n{code}\n```")),
        1 => Just("---".to_string()),
        1 => (inline(), inline()).prop_map(|(a, b)| format!("{a}\n{b}")),
    ]
}

/// A whole page: front matter and blocks separated by blank lines, LF or CRLF.
fn page() -> impl Strategy<Value = String> {
    (
        "[A-Za-z][A-Za-z ]{0,20}",
        prop::option::of("[A-Za-z ]{1,30}"),
        prop::collection::vec(block(), 0..12),
        any::<bool>(),
    )
        .prop_map(|(title, description, blocks, crlf)| {
            let mut page = format!("---\ntitle: \"{title}\"\n");
            if let Some(d) = description {
                page.push_str(&format!("description: \"{d}\"\n"));
            }
            page.push_str("---\n\n");
            page.push_str(&blocks.join("\n\n"));
            page.push('\n');
            if crlf {
                page.replace('\n', "\r\n")
            } else {
                page
            }
        })
}

fn write_project(dir: &Path, pages: &[String]) {
    std::fs::write(dir.join("fluentpress.yaml"), CONFIG).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    for (i, page) in pages.iter().enumerate() {
        std::fs::write(dir.join(format!("content/page-{i}.md")), page).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Extract twice into two projects gives the same bytes; extract again changes nothing;
    /// and every generated file reads back without a syntax error.
    #[test]
    fn extract_is_deterministic_and_idempotent(pages in prop::collection::vec(page(), 1..4)) {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for dir in [a.path(), b.path()] {
            write_project(dir, &pages);
            let project = load_project(dir).unwrap();
            let plan = plan_extraction(&project);
            let plan = match plan {
                Ok(plan) => plan,
                // Refusing a page is fine (e.g. a heading that slugs to nothing twice); it
                // must be refused the same way each time, and write nothing.
                Err(e) => {
                    prop_assert!(!dir.join("locales").exists(), "{e}");
                    continue;
                }
            };
            apply_extraction(&plan).unwrap();
            let again = plan_extraction(&project).unwrap();
            prop_assert!(again.is_current(), "second extract changes {:?}", again.changes.keys());
            let catalog = fluentpress::catalog::load_catalog(&project).unwrap();
            for file in &catalog.locale("en-US").unwrap().files {
                prop_assert!(file.junk.is_empty(), "{}: {:?}\n{}", file.relative, file.junk, file.text);
            }
        }
        prop_assert_eq!(tree(a.path()), tree(b.path()));
    }
}

fn check_project() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fluentpress.yaml"), CONFIG).unwrap();
    let project = load_project(dir.path()).unwrap();
    (dir, project)
}

/// Fragments of FTL syntax, to reach deeper than random characters do.
fn ftl_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("msg = ".to_string()),
        Just("-term = ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("    ".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("{ $x }".to_string()),
        Just("{ $n ->\n".to_string()),
        Just("[one] ".to_string()),
        Just("*[other] ".to_string()),
        Just("[few]".to_string()),
        Just(".title = ".to_string()),
        Just("{ -term }".to_string()),
        Just("{ msg.title }".to_string()),
        Just("{ NUMBER($n) }".to_string()),
        Just("{ \"lit\" }".to_string()),
        Just("# fluentpress-ignore: missing-value\n".to_string()),
        Just("### c\n".to_string()),
        Just("[link](@/page.md) **b** *e* `c`".to_string()),
        "[a-z]{1,6}",
        "\\PC{1,4}",
    ]
}

fn ftl() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(ftl_fragment(), 0..40).prop_map(|f| f.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever the files hold, check returns a report (and every format renders it).
    #[test]
    fn check_never_panics_on_arbitrary_utf8(files in prop::collection::vec(ftl(), 1..5)) {
        let (_dir, project) = check_project();
        let mut locales: Vec<LocaleCatalog> = ["en-US", "fr"]
            .iter()
            .map(|tag| LocaleCatalog { tag: tag.to_string(), dir: project.locale_dir(tag), files: Vec::new() })
            .collect();
        for (i, text) in files.into_iter().enumerate() {
            let locale = &mut locales[i % 2];
            let relative = format!("f{}.ftl", i / 2);
            locale.files.push(parse_file(locale.dir.join(&relative), relative, text));
        }
        let catalog = Catalog { locales };
        let report = check(&project, &catalog, &CheckOptions::default(), None).unwrap();
        for format in [Format::Human, Format::Json, Format::Github, Format::Sarif, Format::Junit] {
            let _ = render(format, &report, false);
        }
    }
}

/// One message of a generated locale file: a value and/or attributes, made of words, variables,
/// term references, markup and plural selections; `translated` marks the target's version.
fn ftl_message() -> impl Strategy<Value = (bool, bool, bool, u8, Vec<String>)> {
    (
        any::<bool>(), // has a value
        any::<bool>(), // has an attribute
        any::<bool>(), // value is a plural selection
        0u8..4,        // 0: missing in the target, 3: Junk there
        prop::collection::vec(word_or_placeable(), 1..6),
    )
}

fn word_or_placeable() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Zéü中]{1,8}",
        1 => Just("{ $name }".to_string()),
        1 => Just("{ -brand }".to_string()),
        1 => Just("*em*".to_string()),
        1 => Just("[link](https://x.example/)".to_string()),
        1 => Just("{ \"{\" }".to_string()),
    ]
}

/// Source and target FTL files from generated messages.
fn render_locale_files(messages: &[(bool, bool, bool, u8, Vec<String>)]) -> (String, String) {
    let mut source = String::from("-brand = Acme\n\n");
    let mut target = String::from("### Cible.\n\n-brand = Acme\n\n");
    for (i, (value, attribute, plural, fate, words)) in messages.iter().enumerate() {
        let text = words.join(" ");
        let value = *value || !*attribute;
        let render = |prefix: &str| {
            let mut out = format!("msg-{i} =");
            if value {
                if *plural {
                    out.push_str(&format!(
                        "\n    {{ $count ->\n        [one] {prefix}{text} one\n       *[other] {prefix}{text}\n    }}"
                    ));
                } else {
                    out.push_str(&format!(" {prefix}{text}"));
                }
            }
            if *attribute {
                out.push_str(&format!("\n    .title = {prefix}{text} title"));
            }
            out.push_str("\n\n");
            out
        };
        source.push_str(&render(""));
        match fate {
            0 => {}
            3 => target.push_str(&format!("msg-{i} = {{ $broken\n\n")),
            _ => target.push_str(&render("fr ")),
        }
    }
    (source, target)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Export a locale to XLIFF (2.0 and 1.2) and import the file unchanged: no byte of any FTL
    /// file or snapshot changes.
    #[test]
    fn xliff_round_trip_is_the_identity_on_unchanged_files(
        messages in prop::collection::vec(ftl_message(), 1..12),
        crlf in any::<bool>(),
    ) {
        use fluentpress::xliff::import::import_xliff;
        use fluentpress::xliff::{ImportOptions, ImportOutcome, Only, XliffVersion, export_locale};
        let (source, target) = render_locale_files(&messages);
        let (source, target) = if crlf {
            (source.replace('\n', "\r\n"), target.replace('\n', "\r\n"))
        } else {
            (source, target)
        };
        for version in [XliffVersion::V2_0, XliffVersion::V1_2] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("fluentpress.yaml"), CONFIG).unwrap();
            std::fs::create_dir_all(dir.path().join("locales/en-US")).unwrap();
            std::fs::create_dir_all(dir.path().join("locales/fr")).unwrap();
            std::fs::write(dir.path().join("locales/en-US/ui.ftl"), &source).unwrap();
            std::fs::write(dir.path().join("locales/fr/ui.ftl"), &target).unwrap();
            let project = load_project(dir.path()).unwrap();
            let before = tree(dir.path());
            let Some((xml, _)) = export_locale(&project, "fr", version, Only::All).unwrap() else {
                continue;
            };
            let path = dir.path().join("fr.xlf");
            std::fs::write(&path, &xml).unwrap();
            let outcome = import_xliff(&project, &path, ImportOptions::default()).unwrap();
            let ImportOutcome::Done(report) = outcome else {
                return Err(TestCaseError::fail(format!("refused: {outcome:?}\n{xml}")));
            };
            prop_assert!(report.files.is_empty(), "{report:?}");
            std::fs::remove_file(&path).unwrap();
            prop_assert_eq!(tree(dir.path()), before);
        }
    }
}
