//! `fluentpress extract`: generated files, id stability, pinned ids, determinism, `--check`.

use crate::support::{TestProject, sample_root};

// The generated files of the basic fixture are exactly what authors and translators expect.
#[test]
fn extract_writes_the_generated_files() {
    let project = TestProject::fixture("basic");
    let (code, stdout, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("extract_stdout", stdout);
    insta::assert_snapshot!("home_ftl", project.read("locales/en-US/pages/home.ftl"));
    insta::assert_snapshot!(
        "about_team_ftl",
        project.read("locales/en-US/pages/about/team.ftl")
    );
}

// Extract writes only locales/<source>/pages/: UI strings and translations are untouched.
#[test]
fn extract_touches_nothing_but_the_source_pages() {
    let project = TestProject::fixture("basic");
    let before_ui = project.read("locales/en-US/ui.ftl");
    let before_fr = project.snapshot_tree("locales/fr");
    project.run(&["extract"]);
    assert_eq!(project.read("locales/en-US/ui.ftl"), before_ui);
    assert_eq!(project.snapshot_tree("locales/fr"), before_fr);
    let tree: Vec<String> = project
        .snapshot_tree("locales/en-US")
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(tree, ["pages/about/team.ftl", "pages/home.ftl", "ui.ftl"]);
}

// Two runs on two copies give the same bytes; a second run on the same copy changes nothing.
#[test]
fn extract_is_deterministic_and_idempotent() {
    let a = TestProject::fixture("basic");
    let b = TestProject::fixture("basic");
    a.run(&["extract"]);
    b.run(&["extract"]);
    assert_eq!(a.snapshot_tree("locales"), b.snapshot_tree("locales"));
    let (code, stdout, _) = a.run(&["extract"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("are up to date"), "{stdout}");
    assert_eq!(a.snapshot_tree("locales"), b.snapshot_tree("locales"));
}

fn ids(project: &TestProject, file: &str) -> Vec<(String, String)> {
    project
        .read(file)
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, value)| (id.to_string(), value.to_string()))
        .collect()
}

// Inserting a paragraph in one section renames nothing in another section.
#[test]
fn inserting_a_paragraph_keeps_other_sections_ids() {
    let project = TestProject::fixture("basic");
    project.run(&["extract"]);
    let before = ids(&project, "locales/en-US/pages/home.ftl");
    let home = project.read("content/home.md").replace(
        "## Who we are\n\n",
        "## Who we are\n\nA new first paragraph.\n\n",
    );
    project.write("content/home.md", home);
    project.run(&["extract"]);
    let after = ids(&project, "locales/en-US/pages/home.ftl");
    for (id, value) in &before {
        if !id.starts_with("home-who-we-are-") {
            assert!(after.contains(&(id.clone(), value.clone())), "{id} changed");
        }
    }
    assert!(after.contains(&("home-who-we-are-p1".into(), "A new first paragraph.".into())));
    assert!(after.contains(&(
        "home-who-we-are-p3".into(),
        "We employ 4,000 people.".into()
    )));
}

// `{#id}` on a heading and `<!-- fp-id: x -->` before a block pin ids whatever the text says.
#[test]
fn pinned_ids_survive_text_changes() {
    let project = TestProject::fixture("basic");
    let home = project
        .read("content/home.md")
        .replace(
            "## What we do {#products}",
            "## Our products today {#products}",
        )
        .replace("From society, for society.", "For society.");
    project.write("content/home.md", home);
    project.run(&["extract"]);
    let after = ids(&project, "locales/en-US/pages/home.ftl");
    assert!(after.contains(&("home-products-title".into(), "Our products today".into())));
    assert!(after.contains(&("home-motto".into(), "For society.".into())));
}

// `extract --check` fails listing every file and id that would change, and writes nothing.
#[test]
fn extract_check_reports_and_writes_nothing() {
    let project = TestProject::fixture("basic");
    let (code, stdout, _) = project.run(&["extract", "--check"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("added    locales/en-US/pages/home.ftl"),
        "{stdout}"
    );
    assert!(stdout.contains("+ home-who-we-are-p1"), "{stdout}");
    assert!(!project.path("locales/en-US/pages").exists());

    project.run(&["extract"]);
    let (code, _, _) = project.run(&["extract", "--check"]);
    assert_eq!(code, 0);

    project.write("content/old.md", "---\ntitle: Old\n---\nGone soon.\n");
    project.run(&["extract"]);
    std::fs::remove_file(project.path("content/old.md")).unwrap();
    let home = project
        .read("content/home.md")
        .replace("We employ 4,000 people.", "We employ 5,000 people.")
        .replace("- Wire rod\n", "")
        .replace("## Who we are\n\n", "## Who we are\n\nNew.\n\n");
    project.write("content/home.md", home);
    let (code, stdout, _) = project.run(&["extract", "--check"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("extract_check_stale", stdout);
    assert!(
        project.path("locales/en-US/pages/old.ftl").exists(),
        "--check must not delete"
    );
}

// The repository's own sample site: committed generated files are current.
#[test]
fn sample_site_generated_files_are_current() {
    let output = assert_cmd::Command::cargo_bin("fluentpress")
        .unwrap()
        .args([
            "--project",
            sample_root().to_str().unwrap(),
            "extract",
            "--check",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

// Every sentence of the user's seed text stands verbatim in the value of an en-US message
// (the seed is in ../shared beside the repository, as in CI; a checkout without it skips, but
// CI without it fails).
#[test]
fn sample_site_keeps_every_seed_sentence() {
    let seed_path = sample_root().join("../shared/seed/000_d53a6de7a705d2e6.txt");
    let Ok(seed) = std::fs::read_to_string(&seed_path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the seed is missing: {}",
            seed_path.display()
        );
        eprintln!("skipped: no seed at {}", seed_path.display());
        return;
    };
    let project = fluentpress::config::load_project(&sample_root()).unwrap();
    let catalog = fluentpress::catalog::load_catalog(&project).unwrap();
    let values: Vec<&str> = catalog
        .locale("en-US")
        .unwrap()
        .entries()
        .filter_map(|(_, e)| e.value.as_ref().map(|v| v.text.as_str()))
        .collect();
    let mut sentences = 0;
    for line in seed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // Sentence ends: a full stop (or closing quote) followed by a space and a capital.
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for w in chars.windows(3) {
            let ((_, end), (_, space), (next, capital)) = (w[0], w[1], w[2]);
            if matches!(end, '.' | '”') && space == ' ' && capital.is_uppercase() {
                let sentence = line[start..next].trim();
                // "Co., Ltd. is ..." is not a sentence end: keep such pieces joined.
                if !sentence.ends_with("Ltd.") && !sentence.ends_with("PT.") {
                    check_sentence(sentence, &values);
                    sentences += 1;
                    start = next;
                }
            }
        }
        check_sentence(line[start..].trim(), &values);
        sentences += 1;
    }
    assert!(sentences > 50, "{sentences} sentences");
}

fn check_sentence(sentence: &str, values: &[&str]) {
    assert!(
        values.iter().any(|v| v.contains(sentence)),
        "not verbatim in any en-US message: {sentence}"
    );
}
