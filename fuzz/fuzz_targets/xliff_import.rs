//! XLIFF import on arbitrary bytes, through `xliff::import_xliff` exactly as
//! `fluentpress xliff import --dry-run` calls it, against the `tests/fixtures/xliff` project
//! (three target locales, plurals, attributes, terms). An import may refuse the file with
//! problems, or plan changes; a panic, a hang or an error other than the documented ones is a bug.
//! Dry runs write nothing, so every input meets the same project.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use fluentpress::config::{Project, load_project};
use fluentpress::xliff::ImportOptions;
use fluentpress::xliff::import::import_xliff;
use libfuzzer_sys::fuzz_target;

fn project() -> &'static (tempfile::TempDir, Project, PathBuf) {
    static PROJECT: OnceLock<(tempfile::TempDir, Project, PathBuf)> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/xliff");
        copy_dir(&fixture, dir.path());
        let project = load_project(dir.path()).unwrap();
        let input = dir.path().join("in.xlf");
        (dir, project, input)
    })
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (_dir, project, input) = project();
    std::fs::write(input, data).unwrap();
    let mut options = ImportOptions::default();
    options.dry_run = true;
    // Half the inputs also take the `--force` path.
    options.force = data.len() % 2 == 1;
    // Only I/O on the fixture could fail here, and it does not change.
    import_xliff(project, input, options).unwrap();
});
