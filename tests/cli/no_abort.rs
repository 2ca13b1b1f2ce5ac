//! Never abort: a closed standard output, input nested deep enough to overflow a stack, files
//! that are not UTF-8 or not files at all, YAML alias bombs and quadratic inputs each get a quiet
//! exit or a clear diagnostic, never a panic or a signal. The README's "Safety" section has one
//! row per test here.

use std::process::Stdio;

use crate::support::TestProject;

/// Runs `args` with a standard output whose reader is already gone (as `| head` leaves it once
/// it has its lines), deterministically: every write fails with EPIPE. Returns (code, stderr).
fn run_with_closed_stdout(project: &TestProject, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("fluentpress"))
        .args(args)
        .current_dir(project.dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `check | head`, `completions bash | head`, `xliff export | head`: the command ends quietly
/// with its usual exit code (check's 1 still reports the problems it found), no panic.
#[test]
fn closed_stdout_ends_quietly() {
    let project = TestProject::fixture("basic");
    for (args, expected) in [
        (&["check"][..], 1),
        (&["completions", "bash"][..], 0),
        (&["xliff", "export", "fr"][..], 0),
    ] {
        let (code, stderr) = run_with_closed_stdout(&project, args);
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
}

/// `build | head -1`: the reader leaving does not stop the work: the site and the PDFs are
/// written all the same.
#[test]
fn closed_stdout_still_builds_everything() {
    let project = TestProject::fixture("basic");
    let (code, stderr) = run_with_closed_stdout(&project, &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        project.path("dist/web/en-US/index.html").is_file(),
        "{stderr}"
    );
    #[cfg(feature = "print")]
    assert!(project.path("dist/print/en-US.pdf").is_file(), "{stderr}");
}
