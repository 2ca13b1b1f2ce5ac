//! Bad input: each gets a clear error naming the file (and line:column), exit 2, nothing written.

use crate::support::TestProject;

/// Runs `extract` on the basic fixture after `mutate`; returns stderr after asserting exit 2
/// and that no generated file was written.
fn extract_fails(mutate: impl FnOnce(&TestProject)) -> String {
    let project = TestProject::fixture("basic");
    mutate(&project);
    let (code, stdout, stderr) = project.run(&["extract"]);
    assert_eq!(code, 2, "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.starts_with("fluentpress: error: "), "{stderr}");
    assert!(
        !project.path("locales/en-US/pages").exists(),
        "a failed extract wrote files"
    );
    stderr
}

#[test]
fn broken_front_matter_yaml_has_file_line_column() {
    let err = extract_fails(|p| {
        p.write(
            "content/broken.md",
            "---\ntitle: Broken\ndescription: [oops\n---\nText\n",
        );
    });
    assert!(
        err.contains(
            "content/broken.md:3:14: invalid front matter: description: invalid type: sequence"
        ),
        "{err}"
    );
}

#[test]
fn page_without_title() {
    let err = extract_fails(|p| {
        p.write("content/untitled.md", "---\nslug: untitled\n---\nText\n");
    });
    assert!(
        err.contains("content/untitled.md:2:1: invalid front matter: missing field `title`"),
        "{err}"
    );
}

#[test]
fn page_without_front_matter() {
    let err = extract_fails(|p| {
        p.write("content/plain.md", "# Just Markdown\n");
    });
    assert!(
        err.contains("content/plain.md:1:1: the page has no front matter"),
        "{err}"
    );
}

#[test]
fn non_utf8_content_file() {
    let err = extract_fails(|p| {
        p.write("content/latin1.md", b"---\ntitle: Caf\xe9\n---\n");
    });
    assert!(
        err.contains("content/latin1.md:2:11: the file is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn non_utf8_ftl_file() {
    let project = TestProject::fixture("basic");
    project.write("locales/fr/broken.ftl", b"a = \xff\n");
    // The build goes on without the file, warns, and fails as check does (`unreadable-file`).
    let (code, _, stderr) = project.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "fluentpress: warning: locales/fr/broken.ftl:1:5: the file is not valid UTF-8"
        ),
        "{stderr}"
    );
    assert!(project.path("dist/web/en-US/index.html").is_file());
}

#[test]
fn missing_content_folder() {
    let err = extract_fails(|p| {
        std::fs::remove_dir_all(p.path("content")).unwrap();
    });
    assert!(
        err.contains("the content folder content does not exist"),
        "{err}"
    );
}

#[test]
fn duplicate_pinned_id_names_both_places() {
    let err = extract_fails(|p| {
        let home = p
            .read("content/home.md")
            .replace("## Who we are", "## Who we are {#products}");
        p.write("content/home.md", home);
    });
    assert!(err.contains("content/home.md:18:1: message id `home-products-title` is already used at content/home.md:10:1"), "{err}");
}

#[test]
fn slug_escaping_the_output_folder_is_refused() {
    let err = extract_fails(|p| {
        p.write(
            "content/evil.md",
            "---\ntitle: Evil\nslug: ../../etc\n---\nText\n",
        );
    });
    assert!(
        err.contains("content/evil.md:3:1: invalid slug `../../etc`"),
        "{err}"
    );
}

#[test]
fn raw_html_is_refused() {
    let err = extract_fails(|p| {
        p.write(
            "content/html.md",
            "---\ntitle: H\n---\n\n<script>alert(1)</script>\n",
        );
    });
    assert!(
        err.contains("content/html.md:5:1: raw HTML is not supported"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_project_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\n---\n",
    )
    .unwrap();
    let err = extract_fails(|p| {
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            p.path("content/secret.md"),
        )
        .unwrap();
    });
    assert!(
        err.contains("content/secret.md: a symbolic link that leads outside the project"),
        "{err}"
    );
}

fn config_error(yaml_tail: &str) -> String {
    let project = TestProject::fixture("basic");
    let base = "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\n";
    project.write("fluentpress.yaml", format!("{base}{yaml_tail}"));
    let (code, _, stderr) = project.run(&["build"]);
    assert_eq!(code, 2, "{stderr}");
    stderr
}

#[test]
fn config_errors_name_file_line_and_column() {
    insta::assert_snapshot!(
        "config_errors",
        [
            config_error("locales:\n  - tag: xx-!!\n    name: X\n"),
            config_error("locales:\n  - tag: fr\n    name: F\n    colour: blue\n"),
            config_error("locales:\n  - tag: fr\n    name: F\n  - tag: fr\n    name: F\n"),
            config_error("locales:\n  - tag: fr\n    name: F\n    fallback: [de]\n  - tag: de\n    name: D\n    fallback: [fr]\n"),
            config_error("locales:\n  - tag: en-US\n    name: E\n"),
            config_error("locales: [\n"),
        ]
        .join("")
    );
}

#[test]
fn missing_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("fluentpress")
        .unwrap()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no fluentpress.yaml in"));
}

// Config errors point at the exact value at fault, not at the first spelling of the key (a
// comment, another locale's), and say what a value must be in words, not Rust types.
#[test]
fn config_errors_point_at_the_value_and_say_what_it_must_be() {
    // Lines 7 on; the first locale's min_coverage is fine, the second's is not.
    let two_locales = |tail: &str| {
        format!(
            "# raise min_coverage later\nlocales:\n  - tag: de\n    name: D\n    min_coverage: 20\n  - tag: fr\n    name: F\n{tail}"
        )
    };
    let cases = [
        (
            two_locales("    min_coverage: 150\n"),
            "fluentpress.yaml:14:19: locale `fr`: min_coverage must be a number from 0 to 100, not 150",
        ),
        (
            two_locales("    min_coverage: thirty\n"),
            "fluentpress.yaml:14:19: locales[1].min_coverage: expected a number from 0 to 100, not `thirty`",
        ),
        (
            two_locales("    complete: yes please\n"),
            "fluentpress.yaml:14:15: locales[1].complete: expected `true` or `false`, not `yes please`",
        ),
        (
            two_locales("    fallback: de\n"),
            "fluentpress.yaml:14:15: locales[1].fallback: expected a list (`[a, b]`, or one `- item` per line), not `de`",
        ),
        (
            // A fallback in a flow list, at its own token (not the first `fe` of the file).
            "locales:\n  - tag: de\n    name: D # fe\n  - tag: fr\n    name: F\n    fallback: [de, fe]\n".into(),
            "fluentpress.yaml:12:20: locale `fr` falls back to `fe`, which is not a configured locale; did you mean `de`?",
        ),
        (
            // In a block list, at its item.
            "locales:\n  - tag: de\n    name: D\n  - tag: fr\n    name: F\n    fallback:\n      - de\n      - fr\n".into(),
            "fluentpress.yaml:14:9: locale `fr` falls back to itself",
        ),
        (
            // The second `fr` is the one refused, at its own line.
            "locales:\n  - tag: fr\n    name: F\n  - name: F2\n    tag: fr\n".into(),
            "fluentpress.yaml:11:10: locale `fr` is listed twice",
        ),
    ];
    for (tail, expected) in cases {
        let stderr = config_error(&tail);
        assert!(
            stderr.contains(&format!("fluentpress: error: {expected}\n")),
            "{tail}\n{stderr}"
        );
    }
}

// A tag's script and region must be known too (ISO 15924; ISO 3166-1 or a UN M.49 area), refused
// at the value with the tag meant where one is close; any case is written canonically.
#[test]
fn unknown_scripts_and_regions_are_refused_with_the_tag_meant() {
    let cases = [
        (
            "locales:\n  - tag: zh-Hanx\n    name: Z\n",
            "fluentpress.yaml:8:10: locale tag `zh-Hanx`: `Hanx` is not a known script (ISO 15924); did you mean `zh-Hans`?\n",
        ),
        (
            "locales:\n  - name: Z\n    tag: zh-Hanx-HK\n",
            "fluentpress.yaml:9:10: locale tag `zh-Hanx-HK`: `Hanx` is not a known script (ISO 15924); did you mean `zh-Hant-HK`?\n",
        ),
        (
            "locales:\n  - tag: en-UK\n    name: E\n",
            "fluentpress.yaml:8:10: locale tag `en-UK`: `UK` is not a known region (ISO 3166-1 or UN M.49); did you mean `en-GB`?\n",
        ),
        (
            "locales:\n  - tag: fr-QL\n    name: F\n",
            "fluentpress.yaml:8:10: locale tag `fr-QL`: `QL` is not a known region (ISO 3166-1 or UN M.49)\n",
        ),
        (
            "locales:\n  - tag: es-420\n    name: E\n",
            "fluentpress.yaml:8:10: locale tag `es-420`: `420` is not a known region (ISO 3166-1 or UN M.49)",
        ),
        (
            "locales:\n  - tag: zh-hant-hk\n    name: Z\n",
            "fluentpress.yaml:8:10: locale tag `zh-hant-hk` is not in canonical form; write it as `zh-Hant-HK`",
        ),
        (
            "locales:\n  - tag: en-X-Pseudo\n    name: E\n",
            "fluentpress.yaml:8:10: locale tag `en-X-Pseudo` is not in canonical form; write it as `en-x-pseudo`",
        ),
    ];
    for (tail, expected) in cases {
        let stderr = config_error(tail);
        assert!(
            stderr.contains(&format!("fluentpress: error: {expected}")),
            "{tail}\n{stderr}"
        );
    }
}

// What BCP 47 allows is accepted: scripts, regions, UN M.49 areas, private-use regions (Android's
// pseudo-locales), variants and a private-use part.
#[test]
fn scripts_regions_areas_variants_and_private_use_are_accepted() {
    let project = TestProject::fixture("basic");
    let tags = [
        "de-Latn-DE",
        "zh-Hant-HK",
        "es-419",
        "en-XA",
        "ca-valencia",
        "de-1996",
        "en-x-pseudo",
    ];
    let base = "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n";
    let locales: String = tags
        .iter()
        .map(|t| format!("  - tag: {t}\n    name: N\n"))
        .collect();
    project.write("fluentpress.yaml", format!("{base}{locales}"));
    for tag in tags {
        // Checked (its translations are missing: exit 1), not refused (exit 2).
        let (code, out, stderr) = project.run(&["check", tag, "--format", "json"]);
        assert_eq!(code, 1, "{tag}: {stderr}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["locales"][0]["locale"], tag);
    }
}

// A locale tag must name a known language: `tag: german` is refused at its value with the
// code meant (`de`), as are a three-letter code of a two-letter language and a mistyped rule
// code in the check settings.
#[test]
fn unknown_languages_and_codes_are_refused_with_the_one_meant() {
    let cases = [
        (
            "locales:\n  - tag: german\n    name: Deutsch\n",
            "fluentpress.yaml:8:10: locale tag `german`: `german` is not a known language (ISO 639 code); did you mean `de`?",
        ),
        (
            "locales:\n  - tag: fra-CA\n    name: F\n",
            "fluentpress.yaml:8:10: locale tag `fra-CA`: `fra` is not a known language (ISO 639 code); did you mean `fr-CA`?",
        ),
        (
            "locales:\n  - tag: xx\n    name: X\n",
            "fluentpress.yaml:8:10: locale tag `xx`: `xx` is not a known language (ISO 639 code)\n",
        ),
        (
            "locales:\n  - tag: zh_cn\n    name: Z\n",
            "fluentpress.yaml:8:10: locale tag `zh_cn` is not in canonical form; write it as `zh-CN`",
        ),
        (
            "check:\n  severity:\n    missing-mesage: off\n",
            "fluentpress.yaml:9:5: `missing-mesage` is not a check code; did you mean `missing-message`? (every code: `fluentpress check --help`)",
        ),
    ];
    for (tail, expected) in cases {
        let stderr = config_error(tail);
        assert!(
            stderr.contains(&format!("fluentpress: error: {expected}")),
            "{tail}\n{stderr}"
        );
    }
}
