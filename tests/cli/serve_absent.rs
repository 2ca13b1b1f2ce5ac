//! `fluentpress serve` in a build without the cargo feature `serve` (`cargo test
//! --no-default-features`): the command says it is not in the build.

use crate::export_web::sample_project;

// The command is listed but refuses with a clear error naming the feature, exit 2, before it
// looks for a project.
#[test]
fn serve_says_it_is_not_in_this_build() {
    let project = sample_project();
    let (code, stdout, stderr) = project.run(&["serve", "--port", "0", "fr"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("fluentpress: error: `fluentpress serve` is not in this build")
            && stderr.contains("cargo feature `serve`"),
        "{stderr}"
    );
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("fluentpress"))
        .arg("serve")
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not in this build"));
}
