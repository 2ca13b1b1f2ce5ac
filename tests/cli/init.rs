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

// A tag the configuration would refuse (no such language or region) is refused by init with the
// same words, before a project that cannot load is written; a tag in any case is written
// canonically and builds.
#[test]
fn init_refuses_tags_the_configuration_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    for (tag, expected) in [
        (
            "german",
            "fluentpress: error: --source/--target: locale tag `german`: `german` is not a known language (ISO 639 code); did you mean `de`?\n",
        ),
        (
            "en-UK",
            "fluentpress: error: --source/--target: locale tag `en-UK`: `UK` is not a known region (ISO 3166-1 or UN M.49); did you mean `en-GB`?\n",
        ),
    ] {
        let output = fluentpress()
            .current_dir(dir.path())
            .args(["init", "site", "--target", tag])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{tag}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
        assert!(!dir.path().join("site").exists(), "{tag}");
    }
    let output = fluentpress()
        .current_dir(dir.path())
        .args(["init", "site", "--target", "zh-hant-hk"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let config = std::fs::read_to_string(dir.path().join("site/fluentpress.yaml")).unwrap();
    assert!(config.contains("zh-Hant-HK"), "{config}");
    let check = fluentpress()
        .current_dir(dir.path().join("site"))
        .arg("check")
        .output()
        .unwrap();
    assert_ne!(
        check.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
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
