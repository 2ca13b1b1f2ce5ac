//! `fluentpress lsp` in a build without the cargo feature `lsp` (`cargo test
//! --no-default-features`): the command says it is not in the build.

use crate::export_web::sample_project;

// The command is listed but refuses with a clear error naming the feature, exit 2.
#[test]
fn lsp_says_it_is_not_in_this_build() {
    let project = sample_project();
    let (code, stdout, stderr) = project.run(&["lsp", "--stdio"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("fluentpress: error: `fluentpress lsp` is not in this build")
            && stderr.contains("cargo feature `lsp`"),
        "{stderr}"
    );
}
