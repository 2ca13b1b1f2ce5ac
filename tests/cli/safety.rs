//! Hostile and broken input: each gets a clear answer (an error naming the file, or a
//! diagnostic), in bounded time and memory, and never a crash or a corrupted file. The guide's
//! "Safety" chapter (docs/src/safety.md) has one row per test here.

use std::time::{Duration, Instant};

use crate::support::{TestProject, run_measured, tree};

/// About `bytes` of valid FTL: plain messages with a variable.
fn big_ftl(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 100);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "msg-{i} = Bonjour {{ $name }}, voici le message numéro {i} du grand fichier\n"
        ));
        i += 1;
    }
    out
}

/// A 100 MB translation file is refused before it is read: exit 2, the file named, in well under
/// a second and a few MiB (reading it whole would take 2.6 GiB and half a minute).
#[test]
#[ignore = "heavy (writes 100 MB) and needs GNU time; run by .ci/run"]
fn hundred_megabyte_ftl_file_is_refused_in_bounded_memory() {
    let project = TestProject::fixture("check");
    project.write("locales/fr/huge.ftl", big_ftl(100 << 20));
    let (code, _, stderr, rss, elapsed) = run_measured(&project, &["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "locales/fr/huge.ftl: the file is larger than 10 MiB, the most fluentpress reads from one file"
        ),
        "{stderr}"
    );
    assert!(rss < 64 << 10, "peak RSS {rss} KiB");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

/// The largest file accepted (just under 10 MiB, 130,000 messages) is checked completely, in
/// bounded memory and time.
#[test]
#[ignore = "heavy (checks 10 MB) and needs GNU time; run by .ci/run"]
fn largest_accepted_ftl_file_is_checked_in_bounded_memory() {
    let project = TestProject::fixture("check");
    project.write("locales/fr/large.ftl", big_ftl((10 << 20) - 200));
    let (code, stdout, stderr, rss, elapsed) =
        run_measured(&project, &["check", "fr", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let obsolete = report["locales"][0]["obsolete"].as_u64().unwrap();
    assert!(obsolete > 130_000, "{obsolete}");
    assert!(rss < 600 << 10, "peak RSS {rss} KiB");
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

/// Just over the limit, with no need for GNU time: the same clear error, quickly.
#[test]
fn ftl_file_over_the_size_limit_is_refused() {
    let project = TestProject::fixture("check");
    project.write(
        "locales/fr/huge.ftl",
        vec![b'\n'; (fluentpress::fsutil::MAX_FILE_SIZE + 1) as usize],
    );
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("locales/fr/huge.ftl: the file is larger than 10 MiB"),
        "{stderr}"
    );
}

/// Placeables nested 100,000 deep are one syntax error with its position, not a stack
/// overflow; 100 levels (the limit) are read, checked and formatted like any message.
#[test]
fn deeply_nested_placeables_are_a_syntax_error() {
    let project = TestProject::fixture("check");
    let nested = |depth: usize| format!("{}$x{}", "{ ".repeat(depth), " }".repeat(depth));
    let at_limit = format!("limit = {}\n", nested(100));
    let source = project.read("locales/en-US/ui.ftl");
    project.write("locales/en-US/ui.ftl", format!("{source}{at_limit}"));
    let target = project.read("locales/fr/ui.ftl");
    let lines = target.lines().count();
    project.write(
        "locales/fr/ui.ftl",
        format!("{target}{at_limit}deep = {}\n", nested(100_000)),
    );
    let (code, stdout, stderr) = project.run(&["check", "fr", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let deep: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("nested more than 100")
        })
        .collect();
    assert_eq!(deep.len(), 1, "{stdout}");
    assert_eq!(deep[0]["code"], "syntax-error");
    assert_eq!(deep[0]["line"], lines + 2);
    assert_eq!(deep[0]["column"], 8 + 2 * 100);
    // The message at the limit is a normal message: translated, no diagnostic of its own.
    assert!(
        !report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message_id"] == "limit"),
        "{stdout}"
    );
    // Every other reader of the files (the web export's bundles, XLIFF) is spared the entry too.
    let (code, _, stderr) = project.run(&["build"]);
    assert!(code == 0 || code == 1, "{stderr}");
    let (code, stdout, stderr) = project.run(&["xliff", "export", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("limit"), "{stdout}");
}

/// The YAML "billion laughs": nine levels of aliases, each repeating the one below ten times.
fn billion_laughs(indent: &str) -> String {
    let mut out = format!(
        "{indent}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    );
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(",");
        out.push_str(&format!("{indent}{name}: &{name} [{refs}]\n"));
    }
    out
}

/// A billion-laughs configuration is refused at once, with its position, in bounded memory:
/// no key of fluentpress.yaml takes nested lists, so the first alias is an error, and
/// serde_norway's repetition limit would stop the expansion anyway (see the next test).
#[test]
fn billion_laughs_config_is_refused() {
    for yaml in [
        // At the top level: an unknown key.
        format!(
            "{}site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\n",
            billion_laughs("")
        ),
        // Inside a known key whose type the bomb does not fit.
        format!(
            "site:\n  name: S\n  base_url: https://s.example/\nsource_locale:\n  tag: en-US\n  name: English\ncheck:\n  ignore:\n    - code: x\n      locale:\n{}",
            billion_laughs("        ")
        ),
    ] {
        let project = TestProject::fixture("basic");
        project.write("fluentpress.yaml", &yaml);
        let start = Instant::now();
        let (code, _, stderr) = project.run(&["check"]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("fluentpress.yaml:"), "{stderr}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }
    // The same in a page's front matter.
    let project = TestProject::fixture("basic");
    project.write(
        "content/bomb.md",
        format!("---\ntitle: Bomb\n{}---\nText\n", billion_laughs("")),
    );
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("content/bomb.md:3:1: invalid front matter: unknown field `a`"),
        "{stderr}"
    );
}

/// The limit behind the typed configuration: serde_norway (the YAML parser) refuses to expand
/// aliases beyond a repetition limit even where any value is accepted.
#[test]
fn yaml_alias_expansion_is_limited() {
    let err = serde_yaml::from_str::<serde_yaml::Value>(&billion_laughs(""))
        .unwrap_err()
        .to_string();
    assert!(err.contains("repetition limit exceeded"), "{err}");
}

/// A configuration that is not UTF-8 is an error with its position.
#[test]
fn non_utf8_config_is_refused() {
    let project = TestProject::fixture("basic");
    project.write(
        "fluentpress.yaml",
        b"site:\n  name: Caf\xe9\n  base_url: https://s.example/\n",
    );
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("fluentpress.yaml:2:12: the file is not valid UTF-8"),
        "{stderr}"
    );
}

/// `text` with a byte-order mark and CRLF line endings.
fn bom_crlf(text: &str) -> String {
    format!(
        "\u{feff}{}",
        text.replace("\r\n", "\n").replace('\n', "\r\n")
    )
}

/// A page saved with a BOM and CRLF line endings extracts to the very same FTL as the plain one.
#[test]
fn bom_and_crlf_content_extract_the_same_messages() {
    let plain = TestProject::fixture("basic");
    let windows = TestProject::fixture("basic");
    for page in ["content/home.md", "content/about/team.md"] {
        windows.write(page, bom_crlf(&windows.read(page)));
    }
    for project in [&plain, &windows] {
        let (code, _, stderr) = project.run(&["extract"]);
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(
        plain.snapshot_tree("locales/en-US/pages"),
        windows.snapshot_tree("locales/en-US/pages")
    );
}

/// Translation files with a BOM and CRLF line endings give the same diagnostics at the same
/// lines and columns as the plain files.
#[test]
fn bom_and_crlf_translations_keep_positions() {
    let plain = TestProject::fixture("check");
    let windows = TestProject::fixture("check");
    for file in [
        "locales/fr/ui.ftl",
        "locales/zh-CN/ui.ftl",
        "locales/en-US/ui.ftl",
    ] {
        windows.write(file, bom_crlf(&windows.read(file)));
    }
    let report = |project: &TestProject| {
        let (code, stdout, stderr) = project.run(&["check", "--format", "json"]);
        assert_eq!(code, 1, "{stderr}");
        let mut report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        report["diagnostics"].take()
    };
    let (plain, windows) = (report(&plain), report(&windows));
    assert!(plain.as_array().unwrap().len() > 5);
    assert_eq!(plain, windows);
}

/// Symbolic links in `locales/` that lead outside the project are refused, files and folders
/// alike (a published site must not pick up files from elsewhere on the machine).
#[cfg(unix)]
#[test]
fn symlinks_in_locales_leading_outside_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.ftl"), "secret = S\n").unwrap();
    for (link, target) in [
        ("locales/fr/secret.ftl", outside.path().join("secret.ftl")),
        ("locales/fr/elsewhere", outside.path().to_path_buf()),
    ] {
        let project = TestProject::fixture("check");
        std::os::unix::fs::symlink(&target, project.path(link)).unwrap();
        for command in ["check", "build"] {
            let (code, _, stderr) = project.run(&[command]);
            assert_eq!(code, 2, "{stderr}");
            assert!(
                stderr.contains(&format!(
                    "{link}: a symbolic link that leads outside the project is not followed"
                )),
                "{stderr}"
            );
        }
    }
    // A link that stays inside the project is followed.
    let project = TestProject::fixture("check");
    std::os::unix::fs::symlink(
        project.path("locales/fr/ui.ftl"),
        project.path("locales/fr/alias.ftl"),
    )
    .unwrap();
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
}

/// Slugs that would leave the locale's folder are refused: `..` anywhere, absolute paths,
/// backslashes.
#[test]
fn escaping_slugs_are_refused() {
    for (slug, reason) in [
        ("../../etc", "`.` and `..` segments"),
        ("about/../../x", "`.` and `..` segments"),
        ("/etc/passwd", "it must be relative"),
        ("..\\\\windows", "use `/`"),
    ] {
        let project = TestProject::fixture("basic");
        project.write(
            "content/evil.md",
            format!("---\ntitle: Evil\nslug: \"{slug}\"\n---\nText\n"),
        );
        let (code, _, stderr) = project.run(&["extract"]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("content/evil.md:3:1: invalid slug"),
            "{stderr}"
        );
        assert!(stderr.contains(reason), "{slug}: {stderr}");
        assert!(!project.path("locales/en-US/pages").exists());
    }
}

/// Several `extract` runs at once on the same project all succeed and leave the same complete
/// files a single run writes, with no temporary file behind.
#[test]
fn concurrent_extract_runs_do_not_corrupt_files() {
    // A stale generated file every run wants to delete, and one to rewrite (same messages, so
    // the snapshots, computed from the source on disk, do not depend on who runs first).
    let prepare = |project: &TestProject| {
        project.write(
            "locales/en-US/pages/gone.ftl",
            format!("{}\nx = y\n", fluentpress::extract::GENERATED_MARKER),
        );
        let home = project.read("locales/en-US/pages/home.ftl");
        project.write(
            "locales/en-US/pages/home.ftl",
            home.replacen("###", "### Outdated header.\n###", 1),
        );
    };
    let single = TestProject::fixture("check");
    prepare(&single);
    let (code, _, stderr) = single.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    let expected = single.snapshot_tree("locales");
    let expected_snapshots = single.snapshot_tree("snapshots");

    for round in 0..3 {
        let project = TestProject::fixture("check");
        prepare(&project);
        let children: Vec<_> = (0..6)
            .map(|_| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin("fluentpress"))
                    .arg("extract")
                    .current_dir(project.dir.path())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert_eq!(output.status.code(), Some(0), "round {round}: {output:?}");
        }
        assert_eq!(project.snapshot_tree("locales"), expected, "round {round}");
        assert_eq!(
            project.snapshot_tree("snapshots"),
            expected_snapshots,
            "round {round}"
        );
        let (code, stdout, _) = project.run(&["extract", "--check"]);
        assert_eq!(code, 0, "{stdout}");
    }
}

/// `export web` killed with SIGKILL at many points of its run (while writing pages, and around
/// the final swap) leaves the previous `dist/web` exactly as it was, or, once the swap is done,
/// the complete new one; never a mixture, never nothing. The next export then succeeds.
#[cfg(unix)]
#[test]
#[ignore = "heavy (about 20 s: ten exports of 1,200 pages, killed); run by .ci/run"]
fn export_killed_mid_run_leaves_the_previous_output() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let options = fluentpress::synth::SynthOptions {
        locales: 2,
        messages: 100,
        per_file: 100,
        pages: 400,
    };
    fluentpress::synth::write_project(dir.path(), &options).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("fluentpress");
    let run = |args: &[&str]| {
        let output = Command::new(&binary)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
    };
    run(&["extract"]);
    let export = ["export", "web", "--include-incomplete"];
    run(&export);
    let out = dir.path().join("dist/web");
    let before = tree(&out);
    assert!(before.len() > 1000, "{}", before.len());

    // The next export differs on every page: the site's name changes.
    let config = dir.path().join("fluentpress.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("name: Synthetic", "name: Renamed")).unwrap();
    let after = {
        let copy = tempfile::tempdir().unwrap();
        crate::support::copy_dir(dir.path(), copy.path());
        let output = Command::new(&binary)
            .args(export)
            .current_dir(copy.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        tree(&copy.path().join("dist/web"))
    };
    assert_ne!(before, after);

    let staging_started = || {
        std::fs::read_dir(dir.path().join("dist"))
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains("staging"))
    };
    let mut killed_mid_run = 0;
    for delay_ms in [0, 0, 100, 300, 600, 900, 1200, 1500, 2000, 3000] {
        let mut child = Command::new(&binary)
            .args(export)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until it writes its staging folder (or finishes), then a little more.
        let start = Instant::now();
        while !staging_started()
            && child.try_wait().unwrap().is_none()
            && start.elapsed() < Duration::from_secs(30)
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        let now = tree(&out);
        if finished {
            assert!(
                now == after,
                "finished export after {delay_ms} ms left another output"
            );
        } else {
            assert!(
                now == before || now == after,
                "killed after {delay_ms} ms: dist/web is neither the previous nor the new output"
            );
            if now == before {
                killed_mid_run += 1;
            }
        }
        if now == after {
            // Back to the previous output for the next round.
            std::fs::write(&config, &yaml).unwrap();
            run(&export);
            std::fs::write(&config, yaml.replace("name: Synthetic", "name: Renamed")).unwrap();
            assert_eq!(tree(&out), before);
        }
    }
    assert!(
        killed_mid_run >= 3,
        "only {killed_mid_run} kills landed mid-run"
    );
    // Interrupted runs leave only their staging folders and lock files behind; the next export
    // succeeds and removes them.
    run(&export);
    assert_eq!(tree(&out), after);
    let left: Vec<_> = std::fs::read_dir(dir.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["web"]);
}
