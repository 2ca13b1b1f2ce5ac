//! `fluentpress init` and `fluentpress completions`.

use assert_cmd::Command;

fn fluentpress() -> Command {
    let mut cmd = Command::cargo_bin("fluentpress").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("CI");
    cmd
}

// A scaffolded project builds at once, in both of its languages, and checks clean.
#[test]
fn init_then_build_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let output = fluentpress()
        .arg("init")
        .arg(&root)
        .args(["--name", "Acme"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(root.join(".gitignore").exists());
    let build = fluentpress()
        .current_dir(&root)
        .arg("build")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&build.stdout);
    assert_eq!(
        build.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(stdout.contains("check: 0 errors, 0 warnings"), "{stdout}");
    let check = fluentpress()
        .current_dir(&root)
        .args(["check", "--deny", "warnings"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

// init refuses to overwrite an existing project, and says so.
#[test]
fn init_refuses_an_existing_project() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        fluentpress()
            .current_dir(dir.path())
            .arg("init")
            .output()
            .unwrap()
            .status
            .success()
    );
    let config = std::fs::read(dir.path().join("fluentpress.yaml")).unwrap();
    let again = fluentpress()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a fluentpress project"));
    assert_eq!(
        std::fs::read(dir.path().join("fluentpress.yaml")).unwrap(),
        config
    );
    let bad = fluentpress()
        .current_dir(dir.path())
        .args(["init", "other", "--target", "not a tag"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("other").exists());
}

// Completion scripts for every supported shell name the commands.
#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_fluentpress()"),
        ("zsh", "#compdef fluentpress"),
        ("fish", "complete -c fluentpress"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = fluentpress().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell}: {marker} not in script");
        assert!(
            script.contains("extract") && script.contains("check"),
            "{shell}"
        );
    }
}
