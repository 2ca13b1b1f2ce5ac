//! `fluentpress status`: the table, Markdown and JSON views of every locale.

use crate::support::{TestProject, sample_root};

fn run_sample(args: &[&str]) -> (i32, String, String) {
    let output = assert_cmd::Command::cargo_bin("fluentpress")
        .unwrap()
        .current_dir(sample_root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

// The sample site's status in all three formats (the sample site is read, never written).
#[test]
fn status_of_the_sample_site() {
    let (code, table, stderr) = run_sample(&["status"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("status_table", table);
    let (code, markdown, _) = run_sample(&["status", "--format", "markdown"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("status_markdown", markdown);
}

// The JSON document carries the documented fields; de is published at 40% against 30%.
#[test]
fn status_json_is_stable_and_complete() {
    let (code, stdout, stderr) = run_sample(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["source_locale"], "en-US");
    let locales = json["locales"].as_array().unwrap();
    let tags: Vec<&str> = locales
        .iter()
        .map(|l| l["locale"].as_str().unwrap())
        .collect();
    assert_eq!(
        tags,
        ["de", "fr", "id-ID", "zh-CN", "zh-HK"],
        "sorted by tag"
    );
    for locale in locales {
        for key in [
            "locale",
            "name",
            "messages",
            "translated",
            "missing",
            "stale",
            "errors",
            "warnings",
            "words",
            "words_translated",
            "coverage",
            "words_coverage",
            "min_coverage",
            "published",
        ] {
            assert!(locale.get(key).is_some(), "{key} missing in {locale}");
        }
    }
    let de = &locales[0];
    assert_eq!(de["coverage"], 46.3);
    assert_eq!(de["min_coverage"], 30.0);
    assert_eq!(de["published"], true);
    assert_eq!(locales[1]["coverage"], 100.0);
}

// Named locales only; an unknown locale is a usage error; a project below its threshold is
// shown unpublished; piped output has no color even without NO_COLOR.
#[test]
fn status_filters_locales_and_marks_unpublished_ones() {
    let project = TestProject::fixture("xliff");
    let output = project
        .cmd()
        .env_remove("NO_COLOR")
        .args(["status", "fr", "zh-CN"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(!table.contains('\x1b'), "{table}");
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.contains("no (min 80%)"), "{table}");
    assert!(!table.contains("\npl "), "{table}");
    let (code, _, stderr) = project.run(&["status", "xx"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`xx` is not a configured locale"),
        "{stderr}"
    );
}
