//! Catalog load + check on arbitrary bytes: the input is split at NUL bytes into up to six
//! files, alternately the source locale's and the target's (`en-US/f0.ftl`, `fr/f0.ftl`,
//! `en-US/f1.ftl`, ...), so the same relative path exists in both locales. Each file goes through
//! the code `fluentpress check` runs (`catalog::parse_file` on the text `fsutil::read_utf8`
//! returns, then `check::check` and every report format); only the disk is skipped. Input that is
//! not UTF-8 is what `read_utf8` refuses before parsing, so it is skipped here.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use fluentpress::catalog::{Catalog, LocaleCatalog, parse_file};
use fluentpress::check::report::{Format, render};
use fluentpress::check::{CheckOptions, check};
use fluentpress::config::{Project, load_project};
use libfuzzer_sys::fuzz_target;

const LOCALES: [&str; 2] = ["en-US", "fr"];

/// A project on disk for the configuration only (no locale files: those come from the input).
fn project() -> &'static Project {
    static PROJECT: OnceLock<(tempfile::TempDir, Project)> = OnceLock::new();
    &PROJECT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("fluentpress.yaml"),
                "site:\n  name: Fuzz\n  base_url: https://fuzz.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n  - tag: fr\n    name: Français\n    complete: true\n",
            )
            .unwrap();
            let project = load_project(dir.path()).unwrap();
            (dir, project)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let project = project();
    let mut locales: Vec<LocaleCatalog> = LOCALES
        .iter()
        .map(|tag| LocaleCatalog {
            tag: tag.to_string(),
            dir: project.locale_dir(tag),
            files: Vec::new(),
        })
        .collect();
    for (i, part) in data.split(|&b| b == 0).take(6).enumerate() {
        let Ok(text) = std::str::from_utf8(part) else {
            return;
        };
        let locale = &mut locales[i % 2];
        let relative = format!("f{}.ftl", i / 2);
        let path: PathBuf = locale.dir.join(&relative);
        locale
            .files
            .push(parse_file(path, relative, text.to_string()));
    }
    let catalog = Catalog { locales };
    let report = check(project, &catalog, &CheckOptions::default(), None).unwrap();
    for format in [
        Format::Human,
        Format::Json,
        Format::Github,
        Format::Sarif,
        Format::Junit,
    ] {
        std::hint::black_box(render(format, &report, false));
    }
});
