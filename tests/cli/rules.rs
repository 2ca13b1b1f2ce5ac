//! The check rules of the reference checker, through real files and the real binary: new
//! findings (duplicate attributes and variant keys, reference changes, broken internal links,
//! refused at extract too) each with a case that must be found and one that must not, and the
//! false alarms that are gone.

use crate::support::TestProject;

/// The `basic` fixture, extracted, with `fr/ui.ftl` (and any other files) written.
fn project(files: &[(&str, &str)]) -> TestProject {
    let project = TestProject::fixture("basic");
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    for (path, text) in files {
        project.write(path, text);
    }
    project
}

/// (code, file:line:col, message id) of every diagnostic of `codes` that `check <args>` reports.
fn findings(project: &TestProject, args: &[&str], codes: &[&str]) -> Vec<(String, String, String)> {
    let mut command = vec!["check", "--format", "json"];
    command.extend_from_slice(args);
    let (_, stdout, stderr) = project.run(&command);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| codes.contains(&d["code"].as_str().unwrap()))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap(),
                    d["line"],
                    d["column"]
                ),
                d["message_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const UI: &str = "-brand = Acme\nnav-home = Home\nsearch-results =\n    { $count ->\n        [one] { $count } result\n       *[other] { $count } results\n    }\nsave = Save\n    .label = Save the file\n    .tooltip = Saves it\nhint = Press { save.label } at { -brand }\n";

// A later `.label` and a second `[one]` are dead text: reported as warnings at the copy.
#[test]
fn duplicate_attributes_and_variant_keys_are_found() {
    let fr = "-brand = Acme\nnav-home = Accueil\nsearch-results =\n    { $count ->\n        [one] { $count } résultat\n        [one] { $count } résultats\n       *[other] { $count } résultats\n    }\nsave = Enregistrer\n    .label = Enregistrer le fichier\n    .tooltip = L'enregistre\n    .label = Save the file\nhint = Appuyez sur { save.label } chez { -brand }\n";
    let project = project(&[("locales/en-US/ui.ftl", UI), ("locales/fr/ui.ftl", fr)]);
    let codes = [
        "duplicate-attribute",
        "duplicate-variant-key",
        "identical-to-source",
    ];
    assert_eq!(
        findings(&project, &["fr"], &codes),
        [
            (
                "duplicate-variant-key".into(),
                "locales/fr/ui.ftl:6:10".into(),
                "search-results".into()
            ),
            (
                "duplicate-attribute".into(),
                "locales/fr/ui.ftl:12:6".into(),
                "save.label".into()
            ),
        ]
    );
    // Without the copies: nothing.
    let clean = fr
        .replace("        [one] { $count } résultats\n", "")
        .replace("    .label = Save the file\n", "");
    project.write("locales/fr/ui.ftl", &clean);
    assert_eq!(findings(&project, &["fr"], &codes), []);
}

// A reference the translation drops, adds or points elsewhere is reported; the same references
// in another order are not.
#[test]
fn reference_changes_are_found() {
    let base = "-brand = Acme\nnav-home = Accueil\nsearch-results = { $count ->\n    [one] { $count } résultat\n   *[other] { $count } résultats\n}\nsave = Enregistrer\n    .label = Enregistrer le fichier\n    .tooltip = L'enregistre\n";
    let codes = ["dropped-reference", "added-reference", "changed-reference"];
    let project = project(&[
        ("locales/en-US/ui.ftl", UI),
        (
            "locales/fr/ui.ftl",
            &format!("{base}hint = Chez {{ -brand }}, appuyez sur {{ save.label }}\n"),
        ),
    ]);
    assert_eq!(findings(&project, &["fr"], &codes), []);
    for (hint, expected) in [
        (
            "hint = Appuyez chez { -brand }\n",
            ("dropped-reference", "locales/fr/ui.ftl:10:8"),
        ),
        (
            "hint = Appuyez sur { save.label } { save } chez { -brand }\n",
            ("added-reference", "locales/fr/ui.ftl:10:37"),
        ),
        (
            "hint = Appuyez sur { save.tooltip } chez { -brand }\n",
            ("changed-reference", "locales/fr/ui.ftl:10:22"),
        ),
    ] {
        project.write("locales/fr/ui.ftl", format!("{base}{hint}"));
        assert_eq!(
            findings(&project, &["fr"], &codes),
            [(
                expected.0.to_string(),
                expected.1.to_string(),
                "hint".to_string()
            )],
            "{hint}"
        );
    }
}

// `[text](@/nope.md)` in a page is refused by extract at file:line:col, as is an anchor that is
// no heading of the page; links to pages and headings that exist pass.
#[test]
fn extract_refuses_broken_internal_links() {
    let project = TestProject::fixture("basic");
    let home = project.read("content/home.md");
    for (link, message) in [
        (
            "@/nope.md",
            "broken link `@/nope.md`: `nope.md` is not a page",
        ),
        (
            "@/about/team.md#board",
            "broken link `@/about/team.md#board`: `about/team.md` has no heading with the anchor `#board` (its anchors: #leadership)",
        ),
    ] {
        project.write("content/home.md", format!("{home}\nSee [this]({link}).\n"));
        let (code, _, stderr) = project.run(&["extract"]);
        assert_eq!(code, 2, "{stderr}");
        let line = home.lines().count() + 2;
        assert!(
            stderr.contains(&format!("content/home.md:{line}:12: {message}")),
            "{stderr}"
        );
        assert!(
            !project.path("locales/en-US/pages").exists(),
            "extract wrote files"
        );
    }
    project.write(
        "content/home.md",
        format!("{home}\nSee [this](@/about/team.md#leadership) and [that](@/home.md#products).\n"),
    );
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
}

// A translation's link to a missing page or heading is a `broken-link` error at file:line:col.
#[test]
fn check_reports_broken_links_in_translations() {
    let project = project(&[]);
    let source = project.read("locales/en-US/pages/home.ftl");
    let fr = source.replace(
        "[three smelters](@/about/team.md)",
        "[trois fonderies](@/about/equipe.md)",
    );
    assert_ne!(fr, source);
    project.write("locales/fr/pages/home.ftl", &fr);
    let line = fr.lines().position(|l| l.contains("equipe")).unwrap() + 1;
    let column = fr.lines().nth(line - 1).unwrap().find("@/").unwrap() + 1;
    assert_eq!(
        findings(&project, &["fr"], &["broken-link"]),
        [(
            "broken-link".into(),
            format!("locales/fr/pages/home.ftl:{line}:{column}"),
            "home-who-we-are-p1".into()
        )]
    );
    let (code, stdout, _) = project.run(&["check", "fr"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("`@/about/equipe.md` is not a page of the site"),
        "{stdout}"
    );
    // A heading anchor of the page is fine; one it lacks is not.
    for (target, broken) in [
        ("@/about/team.md#leadership", false),
        ("@/about/team.md#board", true),
    ] {
        project.write(
            "locales/fr/pages/home.ftl",
            source.replace("@/about/team.md", target),
        );
        assert_eq!(
            findings(&project, &["fr"], &["broken-link"]).len(),
            usize::from(broken),
            "{target}"
        );
    }
}

// The false alarms of the issue: an `*[other]`-only source, `[1]` for German `one`, DATETIME()
// and declared functions, an empty translation of an empty source. French `[1]` still lacks
// `one`, and an undeclared function is still unknown.
#[test]
fn false_alarms_are_gone() {
    let config = "site:\n  name: Acme\n  base_url: https://acme.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n  - tag: de\n    name: Deutsch\ncheck:\n  functions: [PLATFORM]\n";
    let ui = "files = { $n ->\n    [one] { $n } file\n   *[other] { $n } files\n}\nitems = { $n ->\n   *[other] { $n } items\n}\nwhen = { DATETIME($d) } on { PLATFORM() }\nnothing = { \"\" }\n";
    let de = "files = { $n ->\n    [1] Eine Datei\n   *[other] { $n } Dateien\n}\nitems = { $n } Dinge\nwhen = { DATETIME($d) } auf { PLATFORM() }\nnothing = { \"\" }\n";
    let fr = "files = { $n ->\n    [1] Un fichier\n   *[other] { $n } fichiers\n}\nitems = { $n } choses\nwhen = { DATETIME($d) } sur { OTHER() }\nnothing = { \"\" }\n";
    let project = TestProject::fixture("basic");
    project
        .write("fluentpress.yaml", config)
        .write("locales/en-US/ui.ftl", ui)
        .write("locales/de/ui.ftl", de)
        .write("locales/fr/ui.ftl", fr);
    let codes = [
        "missing-plural-category",
        "format-error",
        "empty-translation",
    ];
    assert_eq!(findings(&project, &["de", "en-US"], &codes), []);
    assert_eq!(
        findings(&project, &["fr"], &codes),
        [
            (
                "missing-plural-category".into(),
                "locales/fr/ui.ftl:1:12".into(),
                "files".into()
            ),
            (
                "format-error".into(),
                "locales/fr/ui.ftl:6:1".into(),
                "when".into()
            ),
        ]
    );
}

// A declared function name Fluent could never call (lower case) is a configuration error.
#[test]
fn a_function_name_fluent_cannot_call_is_refused() {
    let project = TestProject::fixture("basic");
    let config = project.read("fluentpress.yaml");
    project.write(
        "fluentpress.yaml",
        format!("{config}check:\n  functions: [platform]\n"),
    );
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("fluentpress: error:")
            && stderr.contains(
                "`check.functions` names `platform`, which is not a Fluent function name"
            ),
        "{stderr}"
    );
    project.write(
        "fluentpress.yaml",
        format!("{config}check:\n  functions: [PLATFORM, X_2-B]\n"),
    );
    let (code, _, stderr) = project.run(&["check"]);
    assert_ne!(code, 2, "{stderr}");
}
