//! Output folders: every export replaces its output folder as a whole, so the folders it may
//! replace are limited by one rule (`export::StagedOutput`): a folder that does not exist, is
//! empty, or holds only what the last export listed in its `.fluentpress-output` marker. The
//! project, a folder above it, a file, and the project's sources are refused before anything is
//! touched. The README's "Safety" section has one row per test here.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TestProject, tree};

/// A copy of fixture `name` in a folder of its own inside a temporary folder (also dropped at
/// the end), so that `..` is a folder of the test's, never the shared temporary folder.
fn nested_fixture(name: &str) -> (tempfile::TempDir, TestProject) {
    let outer = tempfile::tempdir().unwrap();
    let project = TestProject {
        dir: tempfile::tempdir_in(outer.path()).unwrap(),
    };
    crate::support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        project.dir.path(),
    );
    (outer, project)
}

/// Every file of the project with its bytes (what a refused export must leave as it was).
fn everything(project: &TestProject) -> Vec<(String, Vec<u8>)> {
    project.snapshot_tree("")
}

/// Runs `args`, expects exit 2 with every `expected` text in the error, and the project's files
/// byte-identical afterwards.
fn refused(project: &TestProject, args: &[&str], expected: &[&str]) {
    let before = everything(project);
    let (code, stdout, stderr) = project.run(args);
    assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
    assert!(stderr.starts_with("fluentpress: error: "), "{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "{args:?}: {text:?} not in {stderr}");
    }
    assert!(
        everything(project) == before,
        "{args:?} changed the project's files"
    );
}

// `export web --out` naming the project, a folder above it, a source folder, a folder inside
// one, or a file, is refused before anything is written: the sources, translations and the
// project stay byte for byte.
#[test]
fn export_into_the_project_or_its_sources_is_refused() {
    let (outer, project) = nested_fixture("web");
    std::fs::write(outer.path().join("beside.txt"), "beside").unwrap();
    project.write("notes.txt", "my notes");
    project.write("templates/base.html.keep", "");
    let root = project.dir.path().to_string_lossy().into_owned();
    let parent = project
        .dir
        .path()
        .parent()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let cases: &[(&str, &str)] = &[
        (
            "content",
            "cannot export into content: it is the project's content folder",
        ),
        (
            "locales",
            "cannot export into locales: it is the project's locales folder",
        ),
        ("snapshots", "it is the project's snapshots folder"),
        ("templates", "it is the project's templates folder"),
        ("locales/fr", "it lies inside the project's locales folder"),
        ("content/../locales", "it is the project's locales folder"),
        (".", "cannot export into .: it is the project folder"),
        (&root, "it is the project folder"),
        ("..", "cannot export into ..: it holds the project"),
        (&parent, "it holds the project"),
        ("/", "cannot export into /: it holds the project"),
        (
            "notes.txt",
            "cannot export into notes.txt: it exists and is not a folder",
        ),
        ("fluentpress.yaml", "it exists and is not a folder"),
    ];
    for (out, message) in cases {
        refused(
            &project,
            &["export", "web", "--out", out],
            &[message, "an export replaces its output folder as a whole"],
        );
    }
    // Nothing was staged beside any of them.
    assert!(!project.path("dist").exists());
    let beside: Vec<_> = std::fs::read_dir(outer.path()).unwrap().collect();
    assert_eq!(beside.len(), 2, "{beside:?}");
    let names: Vec<String> = std::fs::read_dir(project.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.starts_with(".old"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

// A symbolic link is resolved before the comparison: a link to `locales/` is `locales/`.
#[cfg(unix)]
#[test]
fn symlinked_output_is_resolved_before_the_rule() {
    let project = TestProject::fixture("web");
    std::os::unix::fs::symlink(project.path("locales"), project.path("site")).unwrap();
    refused(
        &project,
        &["export", "web", "--out", "site"],
        &["cannot export into site: it is the project's locales folder"],
    );
    // A link to a folder of its own is fine: the export replaces the folder, the link stays.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir(elsewhere.path().join("www")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("www"), project.path("public")).unwrap();
    let (code, _, stderr) = project.run(&["export", "web", "--out", "public"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(project.path("public").is_symlink());
    assert!(elsewhere.path().join("www/index.html").is_file());
    let (code, _, stderr) = project.run(&["export", "web", "--out", "public"]);
    assert_eq!(code, 0, "{stderr}");
}

// A folder holding files fluentpress did not write is refused, naming the first of them; an
// empty folder is used; a file added beside a previous export (a CNAME, notes) stops the next
// one; an unmarked site from an older fluentpress is refused with advice.
#[test]
fn foreign_files_in_the_output_folder_are_refused() {
    let project = TestProject::fixture("web");
    project
        .write("site/b.txt", "mine")
        .write("site/a.txt", "mine too");
    refused(
        &project,
        &["export", "web", "--out", "site"],
        &["site holds a.txt, which fluentpress did not write"],
    );

    std::fs::create_dir_all(project.path("empty")).unwrap();
    let (code, _, stderr) = project.run(&["export", "web", "--out", "empty"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(project.path("empty/index.html").is_file());

    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    let marker = project.read("dist/web/.fluentpress-output");
    assert!(marker.contains("fluentpress export web"), "{marker}");
    assert!(marker.contains("\nindex.html\n"), "{marker}");
    project.write("dist/web/CNAME", "www.example.org");
    refused(
        &project,
        &["export", "web"],
        &["dist/web holds CNAME, which fluentpress did not write"],
    );
    std::fs::remove_file(project.path("dist/web/CNAME")).unwrap();
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");

    // What an older fluentpress wrote: the site without the marker.
    std::fs::remove_file(project.path("dist/web/.fluentpress-output")).unwrap();
    refused(
        &project,
        &["export", "web"],
        &[
            "dist/web holds 404.html, which fluentpress did not write",
            "delete it and export again",
        ],
    );
}

// `export print` and `build` follow the same rule; `build` refuses before `extract` writes.
#[test]
fn print_and_build_follow_the_same_rule() {
    let project = TestProject::fixture("web");
    #[cfg(feature = "print")]
    refused(
        &project,
        &["export", "print", "--out", "content"],
        &["cannot export into content: it is the project's content folder"],
    );
    // A page changed, so `extract` would rewrite the generated messages.
    let page = std::fs::read_dir(project.path("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nA new paragraph.\n")).unwrap();
    project.write("dist/web/mine.html", "mine");
    refused(
        &project,
        &["build"],
        &["dist/web holds mine.html, which fluentpress did not write"],
    );
    #[cfg(feature = "print")]
    {
        std::fs::remove_dir_all(project.path("dist")).unwrap();
        project.write("dist/print/notes.txt", "mine");
        refused(
            &project,
            &["build"],
            &["dist/print holds notes.txt, which fluentpress did not write"],
        );
    }
}

// `paths.output` is checked by the same rule when the configuration is loaded, by every
// command, pointing at the value.
#[test]
fn unsafe_paths_output_is_a_config_error() {
    let (_outer, project) = nested_fixture("web");
    project.write("notes.txt", "my notes");
    let config = project.read("fluentpress.yaml");
    assert!(!config.contains("paths:"), "the fixture sets no paths");
    let line = config.lines().count() + 2;
    for (value, message) in [
        (
            "\"..\"",
            "paths.output `..` cannot hold exports: it holds the project",
        ),
        (
            "\".\"",
            "paths.output `.` cannot hold exports: it is the project folder",
        ),
        (
            "/",
            "paths.output `/` cannot hold exports: it holds the project",
        ),
        ("content", "it is the project's content folder"),
        ("locales/out", "it lies inside the project's locales folder"),
        ("notes.txt", "it exists and is not a folder"),
    ] {
        project.write(
            "fluentpress.yaml",
            format!("{config}paths:\n  output: {value}\n"),
        );
        for command in [&["check"][..], &["export", "web"], &["build"]] {
            refused(
                &project,
                command,
                &[&format!("fluentpress.yaml:{line}:11: "), message],
            );
        }
    }
    project.write(
        "fluentpress.yaml",
        format!("{config}paths:\n  output: public\n"),
    );
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(project.path("public/web/index.html").is_file());
}

/// `flock -o FILE cat`: another process holding the lock of a staging folder, as a live export
/// does, until its standard input is closed. Returns once the lock is held.
// The caller closes its input and waits for it; clippy cannot see past the return.
#[allow(clippy::zombie_processes)]
fn hold_lock(path: &Path) -> Child {
    let mut child = Command::new("flock")
        .arg("-o")
        .arg(path)
        .arg("cat")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("flock(1) from util-linux");
    let start = Instant::now();
    loop {
        let free = Command::new("flock")
            .args(["-n"])
            .arg(path)
            .arg("true")
            .status()
            .unwrap()
            .success();
        if !free {
            return child;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("flock never held {}", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

// What exports killed with SIGKILL leave beside the output (their staging folders, lock files
// and set-aside previous outputs) is removed by the next export into the same place, except a
// staging folder whose lock a live export holds.
#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_killed_exports_are_removed_by_the_next() {
    let project = TestProject::fixture("web");
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    let dist = project.path("dist");
    // Killed while writing, before the lock files existed (an older fluentpress).
    project.write("dist/.web.staging-Ab12Cd/fr/index.html", "half");
    // Killed while writing: the folder and its (now unlocked) lock file.
    project.write("dist/.web.staging-Ef34Gh/index.html", "half");
    project.write("dist/.web.staging-Ef34Gh.lock", "");
    // Killed between setting the previous output aside and removing it.
    project.write("dist/.web.staging-Ij56Kl.old/index.html", "old");
    // Live: another process holds its lock.
    project.write("dist/.web.staging-Mn78Op/index.html", "being written");
    project.write("dist/.web.staging-Mn78Op.lock", "");
    let mut live = hold_lock(&dist.join(".web.staging-Mn78Op.lock"));
    // Not ours to remove: another output's staging, and a user's folder.
    project.write("dist/.print.staging-Qr90St/en-US.pdf", "pdf");
    project.write("dist/notes/todo.txt", "mine");

    let (code, _, stderr) = project.run(&["export", "web"]);
    let mut names: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    drop(live.stdin.take());
    live.wait().unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names,
        [
            ".print.staging-Qr90St",
            ".web.staging-Mn78Op",
            ".web.staging-Mn78Op.lock",
            "notes",
            "web"
        ]
    );
    assert_eq!(
        tree(&dist.join(".web.staging-Mn78Op")),
        [("index.html".to_string(), b"being written".to_vec())]
    );
    assert_eq!(project.read("dist/notes/todo.txt"), "mine");

    // Its process gone, the last one goes too.
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!dist.join(".web.staging-Mn78Op").exists());
    assert!(!dist.join(".web.staging-Mn78Op.lock").exists());
}

/// Starts `serve` on a free port; returns it and the folder its second line names.
fn start_serve(project: &TestProject) -> (Child, std::path::PathBuf) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("fluentpress"))
        .args(["serve", "--port", "0"])
        .current_dir(project.dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _address = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let folder = second
        .split(" into ")
        .nth(1)
        .and_then(|rest| rest.split(" (removed").next())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| panic!("second line: {second}"));
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, folder)
}

// The folder `serve` builds its preview in is private (0700), in the shared temporary folder;
// a server killed with SIGKILL leaves it behind, and the next `serve` removes it.
#[cfg(target_os = "linux")]
#[test]
fn serve_folder_is_private_and_a_killed_servers_is_removed() {
    use std::os::unix::fs::PermissionsExt;
    let project = TestProject::fixture("web");
    let (mut first, folder) = start_serve(&project);
    let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{}", folder.display());
    assert!(
        folder.starts_with(std::env::temp_dir()),
        "{}",
        folder.display()
    );
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(folder.exists(), "SIGKILL leaves the folder behind");

    let (mut second, other) = start_serve(&project);
    let gone = !folder.exists();
    let _ = second.kill();
    second.wait().unwrap();
    let _ = std::fs::remove_dir_all(&other);
    let _ = std::fs::remove_file(format!("{}.lock", other.display()));
    assert!(gone, "the next serve removes {}", folder.display());
    assert!(!project.path("dist").exists(), "serve never writes dist/");
}
