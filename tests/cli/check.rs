//! `fluentpress check`: formats, exit codes, suppressions, baseline, and the sample site.

use crate::support::{TestProject, sample_root};

// Every output format of the check fixture (one of many problems in fr and zh-CN).
#[test]
fn check_formats() {
    let project = TestProject::fixture("check");
    for format in ["human", "json", "github", "sarif", "junit"] {
        let (code, stdout, stderr) = project.run(&["check", "--format", format]);
        assert_eq!(code, 1, "{format}: {stderr}");
        insta::assert_snapshot!(format!("check_{format}"), stdout);
    }
}

// The JSON report parses and carries the documented fields.
#[test]
fn json_report_is_stable_and_complete() {
    let project = TestProject::fixture("check");
    let (_, stdout, _) = project.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["version"], 1);
    let first = &json["diagnostics"][0];
    for key in [
        "severity",
        "code",
        "locale",
        "file",
        "line",
        "column",
        "message_id",
        "message",
        "help",
    ] {
        assert!(first.get(key).is_some(), "diagnostic lacks {key}: {first}");
    }
    let fr = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "fr")
        .unwrap();
    for key in [
        "messages",
        "translated",
        "missing",
        "obsolete",
        "stale",
        "errors",
        "warnings",
        "coverage",
        "words",
        "words_translated",
    ] {
        assert!(fr.get(key).is_some(), "locale summary lacks {key}: {fr}");
    }
    assert_eq!(fr["coverage"], 62.5);
    assert!(json["summary"]["errors"].as_u64().unwrap() > 0);
}

// SARIF has one rule per code and validates structurally as 2.1.0.
#[test]
fn sarif_has_a_rule_per_code() {
    let project = TestProject::fixture("check");
    let (_, stdout, _) = project.run(&["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), fluentpress::check::Code::ALL.len());
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

// Exit codes: 0 clean, 1 problems (warnings only with --deny warnings), 2 usage errors.
#[test]
fn exit_codes() {
    let project = TestProject::fixture("check");
    // en-US alone is clean.
    assert_eq!(project.run(&["check", "en-US"]).0, 0);
    // zh-CN has warnings and one error (coverage); with the threshold lowered, warnings only.
    assert_eq!(
        project.run(&["check", "zh-CN", "--min-coverage", "20"]).0,
        0
    );
    assert_eq!(
        project
            .run(&[
                "check",
                "zh-CN",
                "--min-coverage",
                "20",
                "--deny",
                "warnings"
            ])
            .0,
        1
    );
    assert_eq!(project.run(&["check", "zh-CN"]).0, 1);
    let (code, _, stderr) = project.run(&["check", "xx"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`xx` is not a configured locale"),
        "{stderr}"
    );
    assert_eq!(project.run(&["check", "--min-coverage", "120"]).0, 2);
    assert_eq!(project.run(&["check", "--format", "yaml"]).0, 2);
}

// Config suppressions and `# fluentpress-ignore:` comments remove exactly their diagnostics.
#[test]
fn suppressions() {
    let project = TestProject::fixture("check");
    let (_, stdout, _) = project.run(&["check", "fr", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let codes_of = |id: &str| -> Vec<String> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["message_id"] == id)
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes_of("brand-name").is_empty(), "config ignore");
    assert!(codes_of("farewell").is_empty(), "inline ignore");
    // Severity override from the config: obsolete-message is an error here.
    let obsolete = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "obsolete-message")
        .unwrap();
    assert_eq!(obsolete["severity"], "error");

    // Without the suppressions, both come back.
    let config = project.read("fluentpress.yaml");
    let bare = config.split("check:").next().unwrap().to_string();
    project.write("fluentpress.yaml", bare);
    project.write(
        "locales/fr/ui.ftl",
        project
            .read("locales/fr/ui.ftl")
            .replace("# fluentpress-ignore: identical-to-source\n", ""),
    );
    let (_, stdout, _) = project.run(&["check", "fr", "--format", "json"]);
    assert_eq!(
        stdout.matches("\"identical-to-source\"").count(),
        2,
        "{stdout}"
    );
}

// A baseline records today's problems by (code, locale, file, message id): line moves do not
// make them new, a new problem is reported.
#[test]
fn baseline_reports_only_new_problems() {
    let project = TestProject::fixture("check");
    let (code, _, stderr) = project.run(&["check", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("recorded"), "{stderr}");
    assert_eq!(project.run(&["check", "--baseline", "baseline.json"]).0, 0);

    // Shift every line of fr/ui.ftl down: still nothing new.
    let fr = project.read("locales/fr/ui.ftl");
    project.write("locales/fr/ui.ftl", format!("\n\n{fr}"));
    let (code, stdout, _) = project.run(&["check", "--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("known from the baseline not shown"),
        "{stdout}"
    );

    // A new problem fails.
    project.write("locales/fr/ui.ftl", format!("{fr}another = {{ $nope }}\n"));
    let (code, stdout, _) = project.run(&["check", "--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("`another` does not exist in en-US"),
        "{stdout}"
    );
    assert!(!stdout.contains("`old-message`"), "{stdout}");
}

// check writes nothing (but a baseline when asked).
#[test]
fn check_is_read_only() {
    let project = TestProject::fixture("check");
    let before = project.snapshot_tree("");
    project.run(&["check"]);
    project.run(&["check", "--format", "sarif"]);
    assert_eq!(project.snapshot_tree(""), before);
}

// A stale translation: the source changes, extract runs, the untouched translation is flagged;
// the translator's edit clears it.
#[test]
fn stale_translation_end_to_end() {
    let project = TestProject::fixture("check");
    project.write(
        "locales/en-US/ui.ftl",
        project
            .read("locales/en-US/ui.ftl")
            .replace("Goodbye", "Goodbye for now"),
    );
    project.run(&["extract"]);
    let (_, stdout, _) = project.run(&["check", "fr"]);
    assert!(
        stdout.contains("warning[stale-translation]: the source of `farewell` changed"),
        "{stdout}"
    );
    project.write(
        "locales/fr/ui.ftl",
        project
            .read("locales/fr/ui.ftl")
            .replace("farewell = Goodbye", "farewell = Au revoir"),
    );
    let (_, stdout, _) = project.run(&["check", "fr"]);
    assert!(!stdout.contains("stale-translation"), "{stdout}");
}

// The sample site: zh-CN, zh-HK, id-ID and fr are clean; de reports its missing messages.
#[test]
fn sample_site_complete_locales_are_clean() {
    let output = assert_cmd::Command::cargo_bin("fluentpress")
        .unwrap()
        .args([
            "--project",
            sample_root().to_str().unwrap(),
            "check",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["locale"], "de", "unexpected diagnostic: {d}");
        assert!(
            ["missing-message", "missing-file"].contains(&d["code"].as_str().unwrap()),
            "{d}"
        );
    }
    let de_missing = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "de")
        .unwrap()["missing"]
        .as_u64();
    assert_eq!(de_missing, Some(36));
    let strict = assert_cmd::Command::cargo_bin("fluentpress")
        .unwrap()
        .args([
            "--project",
            sample_root().to_str().unwrap(),
            "check",
            "zh-CN",
            "zh-HK",
            "id-ID",
            "fr",
            "--deny",
            "warnings",
        ])
        .output()
        .unwrap();
    assert_eq!(
        strict.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&strict.stdout)
    );
}

// JUnit: a run that exits 0 with warnings reports no failure (the warnings are in
// `<system-out>`); under `--deny warnings` the same warnings are failures and the run exits 1.
#[test]
fn junit_warnings_fail_only_when_denied() {
    let project = TestProject::fixture("check");
    let args = [
        "check",
        "zh-CN",
        "--min-coverage",
        "20",
        "--format",
        "junit",
    ];
    let (code, stdout, stderr) = project.run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(r#"<testsuites name="fluentpress check" tests="2" failures="0">"#),
        "{stdout}"
    );
    assert!(!stdout.contains("<failure"), "{stdout}");
    assert!(
        stdout.contains("<system-out>warning[missing-message]: locales/en-US/ui.ftl:4:1:"),
        "{stdout}"
    );
    let (code, stdout, _) = project.run(&[&args[..], &["--deny", "warnings"]].concat());
    assert_eq!(code, 1);
    assert!(stdout.contains(r#"tests="2" failures="2">"#), "{stdout}");
    assert!(!stdout.contains("<system-out>"), "{stdout}");
}

// A missing message counts against the locale file that should hold it in every CI format:
// the JUnit case, the GitHub annotation's file and the SARIF result's location, which carries
// the source definition as its related location.
#[test]
fn ci_reports_file_a_missing_message_under_the_locale_file() {
    let project = TestProject::fixture("check");
    let (_, junit, _) = project.run(&["check", "zh-CN", "--format", "junit"]);
    let case = junit
        .split("<testcase ")
        .find(|case| case.contains("missing-message"))
        .unwrap();
    assert!(
        case.starts_with(r#"classname="zh-CN" name="locales/zh-CN/ui.ftl">"#),
        "{case}"
    );
    assert!(!junit.contains(r#"name="locales/en-US/ui.ftl""#), "{junit}");

    let (_, github, _) = project.run(&["check", "zh-CN", "--format", "github"]);
    assert!(
        github.contains("::warning file=locales/zh-CN/ui.ftl,title=missing-message::[zh-CN] `results` is not translated (source: locales/en-US/ui.ftl:4:1)"),
        "{github}"
    );
    // Under --deny warnings the annotation is an error, as the run fails.
    let (_, github, _) =
        project.run(&["check", "zh-CN", "--format", "github", "--deny", "warnings"]);
    assert!(
        github.contains("::error file=locales/zh-CN/ui.ftl,title=missing-message"),
        "{github}"
    );

    let (_, sarif, _) = project.run(&["check", "zh-CN", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "missing-message")
        .unwrap();
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "locales/zh-CN/ui.ftl");
    let related = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "locales/en-US/ui.ftl");
    assert_eq!(related["region"]["startLine"], 4);
}

// The human format: a syntax error on a blank line after an unclosed `{` is shown at its own
// line and column (as JSON says), in words rather than the grammar's character ranges.
#[test]
fn human_syntax_error_on_a_blank_line_is_located_and_worded() {
    let project = TestProject::fixture("check");
    project.write(
        "locales/zh-CN/ui.ftl",
        "brand-name = Acme\ngreeting = 你好 { $name }\n\nabout = 关于 {\n\n\n",
    );
    let (_, human, _) = project.run(&["check", "zh-CN"]);
    let (_, json, _) = project.run(&["check", "zh-CN", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let syntax = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "syntax-error")
        .unwrap();
    let at = format!("{}:{}", syntax["line"], syntax["column"]);
    assert_eq!(at, "6:1");
    assert!(
        human.contains(
            "error[syntax-error]: expected an expression inside `{ }`: a variable (`$name`), a message, a term (`-brand`), a string or a number [zh-CN]\n --> locales/zh-CN/ui.ftl:6:1\n  |\n6 |\n  | ^\n"
        ),
        "{human}"
    );
}

// Control characters from a hostile translation (its file name, its text) reach neither the
// terminal nor a CI log raw: human and github show them escaped, JUnit carries no character
// XML 1.0 forbids.
#[test]
fn control_characters_are_escaped_in_every_text_format() {
    let project = TestProject::fixture("check");
    let evil = "locales/zh-CN/e\u{1b}[31mvil\u{7}\u{7f}\u{9b}.ftl";
    project.write(evil, "x = \u{1b}]0;owned\u{7} {\n");
    for format in ["human", "github", "junit"] {
        let (_, stdout, _) = project.run(&["check", "zh-CN", "--format", format]);
        assert!(
            !stdout.contains(|c: char| c.is_control() && c != '\n' && c != '\t'),
            "{format}: {stdout:?}"
        );
        assert!(
            stdout.contains("e\\u{1b}[31mvil\\u{7}\\u{7f}\\u{9b}.ftl"),
            "{format}: {stdout}"
        );
    }
    let (_, human, _) = project.run(&["check", "zh-CN"]);
    // The source line under the caret keeps its columns: one picture per character.
    assert!(human.contains("1 | x = ␛]0;owned␇ {\n"), "{human}");
    let (_, junit, _) = project.run(&["check", "zh-CN", "--format", "junit"]);
    assert!(
        quick_xml_parses(&junit),
        "the JUnit report is well-formed XML: {junit}"
    );
}

/// Whether `xml` reads to the end without an error.
fn quick_xml_parses(xml: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

// Counts and percentages read the same in every command: a noun agrees with its number
// (`1 warning`, `1 diagnostic`), thousands are grouped (`8,398`), and one message missing of
// 8,398 is 99.9% in every table (check, status), never a complete-looking 100.0%.
#[test]
fn counts_and_coverage_read_the_same_in_every_command() {
    let project = TestProject::fixture("check");
    std::fs::remove_dir_all(project.path("locales/en-US/pages")).unwrap();
    std::fs::remove_dir_all(project.path("content")).unwrap();
    std::fs::remove_dir_all(project.path("locales/zh-CN")).unwrap();
    project.write(
        "fluentpress.yaml",
        "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n",
    );
    let (mut source, mut french) = (String::new(), String::new());
    for i in 0..8398 {
        source.push_str(&format!("m{i} = Message {i}\n"));
        if i > 0 {
            french.push_str(&format!("m{i} = Le message {i}\n"));
        }
    }
    project.write("locales/en-US/ui.ftl", source);
    project.write("locales/fr/ui.ftl", french);

    let (code, human, stderr) = project.run(&["check", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        human.contains(
            "fr            8,398  16,796    99.9%    99.9%       1       0      0        1\n"
        ),
        "{human}"
    );
    assert!(human.ends_with("check: 0 errors, 1 warning\n"), "{human}");

    let (_, status, _) = project.run(&["status"]);
    let fr = status.lines().find(|l| l.starts_with("fr ")).unwrap();
    assert!(
        fr.contains("8,398") && fr.contains("99.9%") && !fr.contains("100.0%"),
        "{status}"
    );

    let (_, json, _) = project.run(&["check", "fr", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["locales"][0]["coverage"], 99.99);

    let (_, _, stderr) = project.run(&["check", "fr", "--write-baseline", "b.json"]);
    assert!(
        stderr.contains("check: recorded 1 diagnostic in b.json"),
        "{stderr}"
    );
}

// Every command that takes a locale refuses an unknown one with the same words, listing the
// configured tags and naming the one meant: `zh_cn` is `zh-CN`.
#[test]
fn unknown_locales_are_refused_alike_with_the_tag_meant() {
    let project = TestProject::fixture("check");
    for (args, expected) in [
        (
            &["check", "zh_cn"][..],
            "fluentpress: error: `zh_cn` is not a configured locale (configured: en-US, fr, zh-CN); did you mean `zh-CN`?\n",
        ),
        (
            &["status", "ZH-cn"][..],
            "fluentpress: error: `ZH-cn` is not a configured locale (configured: en-US, fr, zh-CN); did you mean `zh-CN`?\n",
        ),
        (
            &["export", "web", "fe"][..],
            "fluentpress: error: `fe` is not a configured locale (configured: en-US, fr, zh-CN); `fe` is not a known language (ISO 639); did you mean `fr`?\n",
        ),
        (
            &["xliff", "export", "zh_cn"][..],
            "fluentpress: error: `zh_cn` is not a configured target locale (configured: fr, zh-CN); did you mean `zh-CN`?\n",
        ),
        (
            &["check", "de"][..],
            "fluentpress: error: `de` is not a configured locale (configured: en-US, fr, zh-CN)\n",
        ),
        // A tag naming no known script or region says so, whatever the command.
        (
            &["check", "zh-Hanx"][..],
            "fluentpress: error: `zh-Hanx` is not a configured locale (configured: en-US, fr, zh-CN); `Hanx` is not a known script (ISO 15924)\n",
        ),
        (
            &["xliff", "export", "fr-QL"][..],
            "fluentpress: error: `fr-QL` is not a configured target locale (configured: fr, zh-CN); `QL` is not a known region (ISO 3166-1 or UN M.49)\n",
        ),
        (
            &["status", "xx"][..],
            "fluentpress: error: `xx` is not a configured locale (configured: en-US, fr, zh-CN); `xx` is not a known language (ISO 639)\n",
        ),
        (
            &["check", "zh-cn"][..],
            "fluentpress: error: `zh-cn` is not a configured locale (configured: en-US, fr, zh-CN); did you mean `zh-CN`?\n",
        ),
    ] {
        let (code, _, stderr) = project.run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.ends_with(expected), "{args:?}: {stderr}");
    }
}

// `check --help` lists every rule code with its default severity, from the checker's own list.
#[test]
fn check_help_lists_the_rule_codes() {
    let project = TestProject::fixture("check");
    let (code, help, _) = project.run(&["check", "--help"]);
    assert_eq!(code, 0);
    for c in fluentpress::check::Code::ALL {
        let row = format!(
            "  {:<24}  {:<7}  {}",
            c.as_str(),
            c.default_severity().as_str(),
            c.description()
        );
        assert!(help.contains(&row), "{row}\n{help}");
    }
}

// A coverage below the threshold points at the locale's own entry in fluentpress.yaml: its
// `min_coverage` value when it sets one, else its tag (not the `fr-CA` listed before `fr`).
#[test]
fn coverage_below_threshold_points_at_the_locales_own_setting() {
    let project = TestProject::fixture("check");
    project.write(
        "fluentpress.yaml",
        "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr-CA\n    name: FC\n    min_coverage: 0\n  - tag: fr\n    name: F\n  - tag: zh-CN\n    name: Z\n    min_coverage: 50\n",
    );
    let (_, github, _) = project.run(&["check", "--format", "github"]);
    assert!(
        github.contains(
            "::error file=fluentpress.yaml,line=11,col=10,title=coverage-below-threshold::[fr]"
        ),
        "{github}"
    );
    assert!(
        github.contains(
            "::error file=fluentpress.yaml,line=15,col=19,title=coverage-below-threshold::[zh-CN]"
        ),
        "{github}"
    );
}

// A folder under locales/ that no configured locale reads is an `unused-folder` warning in every
// format: filed under the locale it resembles (`fr_FR` under `fr`), else under the source locale;
// switched off and ignored like any other code.
#[test]
fn an_unused_locale_folder_is_a_diagnostic_in_every_format() {
    let project = TestProject::fixture("check");
    let unused = |project: &TestProject, args: &[&str]| -> Vec<(String, String)> {
        let (code, out, stderr) = project.run(args);
        assert_ne!(code, 2, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "unused-folder")
            .map(|d| {
                (
                    d["locale"].as_str().unwrap().to_string(),
                    d["file"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // None while every folder is a locale's.
    assert_eq!(unused(&project, &["check", "--format", "json"]), []);

    project.write("locales/fr_FR/ui.ftl", "greeting = Bonjour\n");
    project.write("locales/old-site/ui.ftl", "greeting = Hi\n");
    assert_eq!(
        unused(&project, &["check", "--format", "json"]),
        [
            ("en-US".to_string(), "locales/old-site".to_string()),
            ("fr".to_string(), "locales/fr_FR".to_string()),
        ]
    );
    // Checking one locale shows the folders filed under it only.
    assert_eq!(
        unused(&project, &["check", "fr", "--format", "json"]),
        [("fr".to_string(), "locales/fr_FR".to_string())]
    );
    assert_eq!(
        unused(&project, &["check", "zh-CN", "--format", "json"]),
        []
    );

    let (_, human, stderr) = project.run(&["check", "fr"]);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        human.contains("warning[unused-folder]: locales/fr_FR is not the folder of any configured locale; its files are not checked [fr]\n  --> locales/fr_FR:1:1\n"),
        "{human}"
    );
    assert!(
        human.contains("= help: did you mean `fr`? rename the folder to `fr`, or set `folder: fr_FR` on locale `fr` in fluentpress.yaml"),
        "{human}"
    );
    let (_, github, _) = project.run(&["check", "--format", "github"]);
    assert!(
        github.contains("::warning file=locales/old-site,line=1,col=1,title=unused-folder::[en-US] locales/old-site is not the folder"),
        "{github}"
    );
    let (_, sarif, _) = project.run(&["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let run = &sarif["runs"][0];
    assert!(
        run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "unused-folder")
    );
    let results: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "unused-folder")
        .collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "locales/old-site"
    );
    let (_, junit, _) = project.run(&["check", "fr", "--format", "junit", "--deny", "warnings"]);
    assert!(
        junit.contains("<testcase classname=\"fr\" name=\"locales/fr_FR\">\n      <failure type=\"unused-folder\""),
        "{junit}"
    );

    // Suppressed like the others: off by severity, or by an ignore entry for one locale.
    let config = project.read("fluentpress.yaml");
    project.write(
        "fluentpress.yaml",
        config.replace(
            "  ignore:\n",
            "  ignore:\n    - code: unused-folder\n      locale: en-US\n",
        ),
    );
    assert_eq!(
        unused(&project, &["check", "--format", "json"]),
        [("fr".to_string(), "locales/fr_FR".to_string())]
    );
    project.write(
        "fluentpress.yaml",
        config.replace(
            "    obsolete-message: error\n",
            "    obsolete-message: error\n    unused-folder: off\n",
        ),
    );
    assert_eq!(unused(&project, &["check", "--format", "json"]), []);
}

// `--summary --format json` is the locale × code table as JSON (the guide documents its shape);
// with a CI format it is refused as a usage error, before anything is checked.
#[test]
fn summary_as_json_and_refused_with_the_ci_formats() {
    let project = TestProject::fixture("check");
    let (code, out, stderr) = project.run(&["check", "--summary", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    // The same counts as the full report's.
    let (_, full, _) = project.run(&["check", "--format", "json"]);
    let full: serde_json::Value = serde_json::from_str(&full).unwrap();
    assert_eq!(json["summary"], full["summary"]);
    let diagnostics = full["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = json["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(codes.contains(&"missing-message") && codes.contains(&"syntax-error"));
    for locale in json["locales"].as_array().unwrap() {
        let tag = locale["locale"].as_str().unwrap();
        let mine: Vec<&serde_json::Value> =
            diagnostics.iter().filter(|d| d["locale"] == tag).collect();
        let counts = locale["counts"].as_object().unwrap();
        assert_eq!(
            counts.values().map(|n| n.as_u64().unwrap()).sum::<u64>(),
            mine.len() as u64,
            "{tag}"
        );
        for (code, n) in counts {
            assert_eq!(
                mine.iter().filter(|d| d["code"] == code.as_str()).count() as u64,
                n.as_u64().unwrap(),
                "{tag} {code}"
            );
        }
        // Only the codes found, written in the rule table's order (the order of `codes`).
        let block = out
            .split(&format!("\"locale\": \"{tag}\""))
            .nth(1)
            .unwrap()
            .split("\"locale\"")
            .next()
            .unwrap();
        let at: Vec<usize> = codes
            .iter()
            .filter(|c| counts.contains_key(**c))
            .map(|c| block.find(&format!("\"{c}\": ")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{tag}: {block}");
        let errors = mine.iter().filter(|d| d["severity"] == "error").count();
        assert_eq!(locale["errors"], errors, "{tag}");
    }
    assert_eq!(json["locales"][0]["locale"], "en-US");
    assert_eq!(json["locales"][0]["counts"], serde_json::json!({}));
    assert_eq!(json["locales"][2]["counts"]["missing-message"], 4);

    for format in ["sarif", "junit", "github"] {
        let (code, out, stderr) = project.run(&["check", "--summary", "--format", format]);
        assert_eq!(code, 2, "{format}: {out}");
        assert!(out.is_empty(), "{format}: {out}");
        assert!(
            stderr.starts_with(&format!("error: `--summary` prints counts, as a table or as JSON (`--format json`); `--format {format}` reports each finding for CI: use one or the other\n")),
            "{format}: {stderr}"
        );
    }
    let (code, _, stderr) = project.run(&["check", "--summary", "--all"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("'--summary' cannot be used with '--all'"),
        "{stderr}"
    );
}
