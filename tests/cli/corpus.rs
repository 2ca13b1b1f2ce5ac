//! Application corpora (Firefox-like): files loaded into separate bundles (`check.bundles`),
//! terms counted as compare-locales counts them, and `xliff export` agreeing with `check`.

use crate::support::TestProject;

const CONFIG: &str = "site:\n  name: App\n  base_url: https://app.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n";

/// An application whose two files each hold an `x`, loaded per file.
fn per_file_project() -> TestProject {
    let dir = tempfile::tempdir().unwrap();
    let project = TestProject { dir };
    project
        .write(
            "fluentpress.yaml",
            format!("{CONFIG}check:\n  bundles: per-file\n"),
        )
        .write(
            "locales/en-US/menu.ftl",
            "-brand = Acme\nx = Open { -brand }\ny = Close\n",
        )
        .write("locales/en-US/panel.ftl", "-brand = Acme\nx = Panel\n")
        .write(
            "locales/fr/menu.ftl",
            "-brand = Acmé\nx = Ouvrir { -brand }\n",
        )
        .write("locales/fr/panel.ftl", "x = Panneau\n-old = Vieux\n");
    project
}

fn check_json(project: &TestProject) -> serde_json::Value {
    let (_, stdout, stderr) = project.run(&["check", "--format", "json"]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

fn found(json: &serde_json::Value, code: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            format!(
                "{} {}",
                d["file"].as_str().unwrap(),
                d["message_id"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// Per file, one id in two files is two messages: no duplicate, each matched in its own file,
/// and missing/obsolete terms counted as compare-locales counts them.
#[test]
fn per_file_bundles_scope_ids_and_count_terms() {
    let project = per_file_project();
    let json = check_json(&project);
    assert!(found(&json, "duplicate-id").is_empty(), "{json}");
    assert!(found(&json, "unknown-reference").is_empty(), "{json}");
    assert_eq!(
        found(&json, "missing-message"),
        ["locales/en-US/menu.ftl y", "locales/en-US/panel.ftl -brand"],
        "{json}"
    );
    assert_eq!(
        found(&json, "obsolete-message"),
        ["locales/fr/panel.ftl -old"],
        "{json}"
    );
    let fr = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "fr")
        .unwrap();
    // 3 source messages (x twice, y); y is missing, and the term -brand of panel.ftl.
    assert_eq!(
        (&fr["messages"], &fr["missing"]),
        (&3.into(), &2.into()),
        "{fr}"
    );
    assert_eq!(fr["obsolete"], 1, "{fr}");

    // The same project per locale: `x` of panel.ftl is a duplicate in both locales.
    project.write("fluentpress.yaml", CONFIG);
    let json = check_json(&project);
    assert_eq!(
        found(&json, "duplicate-id"),
        [
            "locales/en-US/panel.ftl -brand",
            "locales/en-US/panel.ftl x",
            "locales/fr/panel.ftl x"
        ],
        "{json}"
    );
}

/// `xliff export` keeps both `x` (one unit per file) and says how many messages and terms are
/// not translated, the number `check` gives as the locale's `missing`.
#[test]
fn xliff_export_keeps_every_file_and_counts_missing_as_check_does() {
    let project = per_file_project();
    let (code, xml, stderr) = project.run(&["xliff", "export", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    let files = xml.matches("<file ").count();
    assert_eq!(files, 2, "{xml}");
    assert_eq!(xml.matches("<unit id=\"x\"").count(), 2, "{xml}");
    assert!(xml.contains("Panneau"), "{xml}");
    let json = check_json(&project);
    let missing = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "fr")
        .unwrap()["missing"]
        .as_u64()
        .unwrap();
    assert!(
        stderr.contains(&format!(
            "; {missing} messages and terms not translated, as `check` counts them"
        )),
        "{stderr} (check: {missing})"
    );
}

/// An application's layout: no `site:`, no names, the source strings in a repository of their
/// own beside the project, a folder that is not a tag (`ja-JP-mac`), and a stray folder that
/// looks like a configured tag.
#[test]
fn layout_of_an_application_corpus() {
    let outer = tempfile::tempdir().unwrap();
    let write = |relative: &str, text: &str| {
        let path = outer.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "l10n/fluentpress.yaml",
        "source_locale:\n  tag: en-US\n  folder: ../source/en-US\nlocales:\n  - tag: ja\n    folder: ja-JP-mac\n  - tag: de-DE\ncheck:\n  bundles: per-file\n",
    );
    write("source/en-US/app.ftl", "x = Open\ny = Close\n");
    write("l10n/locales/ja-JP-mac/app.ftl", "x = 開く\ny = 閉じる\n");
    write("l10n/locales/de-DE/app.ftl", "x = Öffnen\ny = Schließen\n");
    write("l10n/locales/de_DE/app.ftl", "x = Öffnen\n");
    let project = TestProject {
        dir: tempfile::TempDir::new_in(outer.path()).unwrap(),
    };
    // The project is `l10n/`: run from there.
    let mut cmd = project.cmd();
    cmd.current_dir(outer.path().join("l10n"));
    let output = cmd.args(["check"]).output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("warning[unused-folder]: locales/de_DE is not the folder of any configured locale; its files are not checked [de-DE]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("did you mean `de-DE`? rename the folder to `de-DE`, or set `folder: de_DE` on locale `de-DE`"),
        "{stdout}"
    );
    // Read, never written: extract refuses a source folder outside the project.
    let mut cmd = project.cmd();
    cmd.current_dir(outer.path().join("l10n"));
    let output = cmd.args(["extract"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "the source locale's folder lies outside the project; extract writes only inside it"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(outer.path().join("source/en-US"))
            .unwrap()
            .count(),
        1
    );
}

/// The synthetic application corpus (`fp-synth --app`): the untouched source is clean, and
/// no locale has a false error from bundles, terms, functions or `{ "" }` sources.
#[test]
fn synthetic_application_corpus_has_no_false_errors() {
    let outer = tempfile::tempdir().unwrap();
    fluentpress::synth::write_app_corpus(outer.path(), 30).unwrap();
    let project = TestProject {
        dir: tempfile::TempDir::new_in(outer.path()).unwrap(),
    };
    let run = |args: &[&str]| {
        let mut cmd = project.cmd();
        let output = cmd
            .current_dir(outer.path().join("l10n"))
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (code, stdout) = run(&["check", "en-US"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("check: 0 errors, 0 warnings"), "{stdout}");
    let (_, stdout) = run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for false_alarm in [
        "duplicate-id",
        "unknown-reference",
        "format-error",
        "empty-translation",
    ] {
        assert!(!codes.contains(false_alarm), "{false_alarm}: {codes:?}");
    }
    // Every configured locale was read (ja from ja-JP-mac) and counts the labs term.
    let ja = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "ja")
        .unwrap();
    assert!(ja["translated"].as_u64().unwrap() > 100, "{ja}");
}

/// Thousands of one finding are counted, not all printed: the human format shows 20 per code
/// and locale and says how many more; `--summary` gives the counts per locale and code.
#[test]
fn repeated_findings_are_capped_and_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let project = TestProject { dir };
    let text: String = (0..25)
        .map(|i| format!("m{i} = Same words {i}\n"))
        .collect();
    project
        .write("fluentpress.yaml", CONFIG)
        .write("locales/en-US/app.ftl", &text)
        .write("locales/fr/app.ftl", &text);
    let (code, stdout, _) = project.run(&["check"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout.matches("warning[identical-to-source]").count(),
        20,
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "… and 5 more identical-to-source in fr (every one: --all; counts: --summary)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("check: 0 errors, 25 warnings"), "{stdout}");
    // `--all` shows all 25, in order, and no "more" line.
    let (code, all, _) = project.run(&["check", "--all"]);
    assert_eq!(code, 0, "{all}");
    assert_eq!(
        all.matches("warning[identical-to-source]").count(),
        25,
        "{all}"
    );
    assert!(!all.contains("more identical-to-source"), "{all}");
    assert!(all.contains("--> locales/fr/app.ftl:25:7"), "{all}");
    assert!(all.contains("check: 0 errors, 25 warnings"), "{all}");
    // Exactly the cap is shown in full with no "more" line either.
    let twenty: String = (0..20)
        .map(|i| format!("m{i} = Same words {i}\n"))
        .collect();
    project
        .write("locales/en-US/app.ftl", &twenty)
        .write("locales/fr/app.ftl", &twenty);
    let (_, capped, _) = project.run(&["check"]);
    assert_eq!(capped.matches("warning[identical-to-source]").count(), 20);
    assert!(!capped.contains("more identical-to-source"), "{capped}");
    project
        .write("locales/en-US/app.ftl", &text)
        .write("locales/fr/app.ftl", &text);
    let (code, stdout, _) = project.run(&["check", "--summary"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout,
        "locale  identical-to-source\nen-US                     0\nfr                       25\n\ncheck: 0 errors, 25 warnings\n"
    );
}
