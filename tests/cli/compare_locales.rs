//! The situations of compare-locales' own Fluent check tests, rewritten as tiny projects under
//! `tests/fixtures/compare-locales/NN-name/`: `fluentpress check` must report exactly the codes
//! each case's `expect` file lists, so a rule that breaks (or a new false alarm) fails here.
//! `bash benches/peers.sh --cases` runs compare-locales on the same cases beside fluentpress.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::TestProject;

/// What a case's `expect` file says: `compare-locales:` and `fluentpress:` findings (empty for
/// `clean`), and the one-line `why:` where the tools disagree on purpose.
struct Expect {
    compare_locales: Vec<String>,
    fluentpress: Vec<String>,
    why: Option<String>,
}

fn read_expect(case: &Path) -> Expect {
    let text = std::fs::read_to_string(case.join("expect")).unwrap();
    let mut fields = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (key, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("{}: `{line}` is not `key: value`", case.display()));
        fields.insert(key.to_string(), value.to_string());
    }
    let findings = |key: &str| -> Vec<String> {
        let value = fields
            .get(key)
            .unwrap_or_else(|| panic!("{}: no `{key}:` line", case.display()));
        let mut words: Vec<String> = value.split_whitespace().map(String::from).collect();
        if words == ["clean"] {
            words.clear();
        }
        words.sort();
        words
    };
    Expect {
        compare_locales: findings("compare-locales"),
        fluentpress: findings("fluentpress"),
        why: fields.get("why").cloned(),
    }
}

/// Every case folder, in order of its number.
fn cases() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare-locales");
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// The cases are numbered 01, 02, … without gaps, so "N of M cases" counts them exactly.
#[test]
fn compare_locales_cases_are_numbered_without_gaps() {
    let names = cases();
    assert_eq!(names.len(), 40, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        assert!(
            name.starts_with(&format!("{:02}-", i + 1)),
            "case {} is `{name}`",
            i + 1
        );
    }
}

// fluentpress reports exactly the codes of every case's expect file; a case where only one tool
// finds a problem says why.
#[test]
fn compare_locales_cases_report_the_expected_codes() {
    let mut wrong = Vec::new();
    for name in cases() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/compare-locales")
            .join(&name);
        let expect = read_expect(&fixture);
        let project = TestProject::fixture(&format!("compare-locales/{name}"));
        let (code, stdout, stderr) = project.run(&["check", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|_| panic!("{name}: exit {code}, no JSON: {stderr}"));
        let mut found: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        if found != expect.fluentpress {
            wrong.push(format!(
                "{name}: found {found:?}, expected {:?}",
                expect.fluentpress
            ));
        }
        // Exit status 1 exactly when an error is reported (warnings do not fail a run).
        let errors = json["summary"]["errors"].as_u64().unwrap();
        assert_eq!(code, i32::from(errors > 0), "{name}: {stderr}");
        let tools_differ = expect.compare_locales.is_empty() != expect.fluentpress.is_empty();
        if tools_differ != expect.why.is_some() {
            wrong.push(format!(
                "{name}: a `why:` line belongs exactly to a case where one tool finds nothing"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
