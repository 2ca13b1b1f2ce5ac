//! Front matter + Markdown extraction on arbitrary text: `split_front_matter`, then
//! `parse_body`, then the generated FTL file `extract` would write. An error is a fine answer for
//! bad input; a panic, a hang or a generated file that does not read back is a bug: every
//! message of the page must come back from the FTL parser, with no Junk.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluentpress::config::{Project, load_project};
use fluentpress::content::{Page, front_matter::split_front_matter, markdown::parse_body};
use fluentpress::extract::render_page_ftl;
use libfuzzer_sys::fuzz_target;

fn project() -> &'static Project {
    static PROJECT: OnceLock<(tempfile::TempDir, Project)> = OnceLock::new();
    &PROJECT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("fluentpress.yaml"),
                "site:\n  name: Fuzz\n  base_url: https://fuzz.example/\nsource_locale:\n  tag: en-US\n  name: English\n",
            )
            .unwrap();
            let project = load_project(dir.path()).unwrap();
            (dir, project)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let project = project();
    let path: PathBuf = project.content_dir.join("page.md");
    let Ok(split) = split_front_matter(Path::new(&path), text) else {
        return;
    };
    let Ok(sections) = parse_body(&path, text, split.body_offset, "page") else {
        return;
    };
    let page = Page {
        path,
        key: "page".into(),
        id_prefix: "page".into(),
        slug: "page".into(),
        front: split.front,
        sections,
    };
    let ftl = render_page_ftl(project, &page);
    let resource = match fluent_syntax::parser::parse(ftl.as_str()) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("generated FTL does not parse: {errors:?}\n{ftl}"),
    };
    let ids: Vec<&str> = resource
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
            _ => None,
        })
        .collect();
    let expected: Vec<String> = page.messages().into_iter().map(|m| m.id).collect();
    assert_eq!(
        ids, expected,
        "generated FTL lost or renamed messages\n{ftl}"
    );
});
