//! `fluentpress build`, `--help` and `--version`.

use crate::support::{TestProject, sample_root};

// build extracts, loads every locale, checks them, exports the web site and prints the
// per-locale summaries (locales below their min_coverage are not published, and the summary says
// why); the fixture's translations are incomplete, so it exits 1.
#[test]
fn build_prints_a_summary_per_locale() {
    let project = TestProject::fixture("basic");
    let (code, stdout, stderr) = project.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    // The PDF lines depend on the `print` feature; the rest of the summary does not.
    let (print, summary): (Vec<&str>, Vec<&str>) =
        stdout.lines().partition(|l| l.starts_with("print "));
    insta::with_settings!({filters => vec![(r"in \d+\.\d+ s", "in [TIME] s")]}, {
        insta::assert_snapshot!("build_summary", summary.join("\n") + "\n");
    });
    assert!(
        project
            .path("dist/web/en-US/about/team/index.html")
            .is_file()
    );
    if cfg!(feature = "print") {
        assert_eq!(print.len(), 1, "{stdout}");
        assert!(print[0].contains("dist/print/en-US.pdf"), "{stdout}");
        assert!(project.path("dist/print/en-US.pdf").is_file());
    }
}

// A locale folder that does not exist yet (zh-CN in the fixture) is an empty locale.
#[test]
fn missing_locale_folder_is_an_empty_locale() {
    let project = TestProject::fixture("basic");
    let (_, stdout, _) = project.run(&["build"]);
    let zh = stdout.lines().find(|l| l.starts_with("zh-CN")).unwrap();
    assert_eq!(
        zh.split_whitespace().collect::<Vec<_>>(),
        ["zh-CN", "0", "0", "0", "0", "0.0%", "1", "3"]
    );
}

// The project is found from a subfolder, and paths in errors are relative to where the user is.
#[test]
fn project_is_found_from_a_subfolder() {
    let project = TestProject::fixture("basic");
    project.write("content/bad.md", "no front matter\n");
    let output = project
        .cmd()
        .current_dir(project.path("content/about"))
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("../../content/bad.md:1:1"), "{stderr}");
}

// On the sample site a fresh clone's build regenerates nothing.
#[test]
fn sample_build_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "locales", "static"] {
        crate::support::copy_dir(&sample_root().join(sub), &dir.path().join(sub));
    }
    std::fs::copy(
        sample_root().join("fluentpress.yaml"),
        dir.path().join("fluentpress.yaml"),
    )
    .unwrap();
    let project = TestProject { dir };
    let before = project.snapshot_tree("locales");
    let (code, stdout, stderr) = project.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("en-US"), "{stdout}");
    assert_eq!(project.snapshot_tree("locales"), before);
}

// Every command has --help, and --version prints the version.
#[test]
fn help_and_version() {
    let project = TestProject::fixture("basic");
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["extract", "--help"],
    ] {
        let (code, stdout, _) = project.run(args);
        assert_eq!(code, 0);
        assert!(stdout.contains("Usage: fluentpress"), "{stdout}");
    }
    let (code, stdout, _) = project.run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("fluentpress {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, _, stderr) = project.run(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unrecognized subcommand"), "{stderr}");
}
