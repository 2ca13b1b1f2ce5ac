//! Input that would cost a user work unless refused or read right: slugs that clash with the
//! web export's own files or that some file system would change, symbolic link loops, snapshots
//! with a byte-order mark, XLIFF with a raw NUL or relabelled to another locale, and what
//! `xliff import --force` records. Each refusal names the file (and line:column where it has
//! one), exits non-zero and writes nothing.

use std::path::Path;

use crate::support::TestProject;

/// Everything `extract`, `export web` and `xliff import` may write, as (path, bytes); symbolic
/// links are listed by their target, not followed (some tests make loops).
fn written(project: &TestProject) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, name: &str, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = format!("{name}/{}", entry.file_name().to_string_lossy());
            let file_type = entry.file_type().unwrap();
            if file_type.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.push((name, target.to_string_lossy().as_bytes().to_vec()));
            } else if file_type.is_dir() {
                walk(&path, &name, out);
            } else {
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    for folder in ["locales", "snapshots", "dist"] {
        walk(&project.path(folder), folder, &mut out);
    }
    out.sort();
    out
}

/// `extract` and `export web` refuse `content/evil.md` with front matter slug `slug`: exit 2,
/// `content/evil.md:3:1: invalid slug`, nothing written. Returns the error.
fn refused_slug(slug: &str) -> String {
    let project = TestProject::fixture("basic");
    project.write(
        "content/evil.md",
        format!("---\ntitle: Evil\nslug: \"{slug}\"\n---\nText\n"),
    );
    let before = written(&project);
    let mut stderr = String::new();
    for command in [&["extract"][..], &["export", "web"]] {
        let (code, _, err) = project.run(command);
        assert_eq!(code, 2, "{slug}: {err}");
        assert!(
            err.contains(&format!("content/evil.md:3:1: invalid slug `{slug}`")),
            "{slug}: {err}"
        );
        assert!(written(&project) == before, "{slug}: {command:?} wrote");
        stderr = err;
    }
    stderr
}

/// Slugs that name a file or folder the web export writes in each locale's folder are refused
/// when the pages are loaded (they would overwrite the 404 page, the messages, the published
/// FTL or the search page, or be overwritten by them), whatever their case.
#[test]
fn slugs_of_generated_files_are_refused() {
    for (slug, what) in [
        ("404.html", "the locale's not-found page"),
        ("messages.json", "the locale's messages"),
        ("ftl/ui.ftl", "published `.ftl` files"),
        ("search", "the locale's search page"),
        ("Search", "the locale's search page"),
        ("index.html", "the locale's home page"),
    ] {
        let stderr = refused_slug(slug);
        assert!(
            stderr.contains("is where the web export writes") && stderr.contains(what),
            "{slug}: {stderr}"
        );
    }
    // A page whose file path gives the slug is held to the same rule.
    let project = TestProject::fixture("basic");
    project.write("content/search.md", "---\ntitle: Search\n---\nText\n");
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("content/search.md:1:1: invalid slug `search`")
            && stderr.contains("rename the file or set `slug:`"),
        "{stderr}"
    );
    assert!(!project.path("locales/en-US/pages").exists());
}

/// Slugs the error text never allowed, yet were accepted: hidden segments, Windows device
/// names, and look-alikes of `..` (one-dot leaders, full-width full stops).
#[test]
fn slugs_the_error_text_does_not_allow_are_refused() {
    for (slug, reason) in [
        (".hidden", "starts or ends with `.`"),
        ("docs/.hidden", "starts or ends with `.`"),
        ("about.", "starts or ends with `.`"),
        ("con", "a device name on Windows"),
        ("docs/Con.html", "a device name on Windows"),
        ("\u{2024}\u{2024}", "only letters, digits"),
        ("a/\u{2024}\u{2024}/b", "only letters, digits"),
        ("\u{ff0e}\u{ff0e}", "only letters, digits"),
        (
            "\u{ff0e}\u{ff0e}/\u{ff0e}\u{ff0e}/x",
            "only letters, digits",
        ),
    ] {
        let stderr = refused_slug(slug);
        assert!(stderr.contains(reason), "{slug}: {stderr}");
    }
}

/// Every name `export web` writes in a locale's folder, besides the pages, is one content
/// refuses as a slug: the list in `content` is complete.
#[test]
fn reserved_slugs_cover_every_file_the_web_export_writes() {
    let project = TestProject::fixture("web");
    let (code, _, stderr) = project.run(&["export", "web", "--include-incomplete"]);
    assert_eq!(code, 0, "{stderr}");
    let root = project.dir.path();
    let pages = fluentpress::content::load_pages(root, &root.join("content")).unwrap();
    let page_folders: Vec<&str> = pages
        .iter()
        .filter_map(|p| p.slug.split('/').next())
        .collect();
    let mut seen = 0;
    for locale in std::fs::read_dir(project.path("dist/web")).unwrap() {
        let locale = locale.unwrap();
        if !project
            .path("dist/web")
            .join(locale.file_name())
            .join("messages.json")
            .exists()
        {
            continue;
        }
        for entry in std::fs::read_dir(locale.path()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if page_folders.contains(&name.as_str()) {
                continue;
            }
            seen += 1;
            assert!(
                fluentpress::content::GENERATED_NAMES
                    .iter()
                    .any(|(n, _)| *n == name),
                "{name} is written by the export but not reserved"
            );
        }
    }
    assert!(seen >= 5, "only {seen} generated names found");
}

/// A symbolic link to a folder that contains it, in `content/` or in a locale's folder, is
/// reported as a loop naming the link, not followed until the path is too long.
#[test]
fn symlink_loops_are_reported_as_loops() {
    for (link, target, command) in [
        ("content/more/back", "..", "extract"),
        ("content/itself", ".", "extract"),
        ("locales/fr/sub/up", "../..", "check"),
    ] {
        let project = TestProject::fixture("check");
        std::fs::create_dir_all(project.path(link).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, project.path(link)).unwrap();
        let before = written(&project);
        let (code, _, stderr) = project.run(&[command]);
        assert_eq!(code, 2, "{link}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "{link}: a symbolic link loop: it leads back to `{target}`, a folder that contains it"
            )),
            "{link}: {stderr}"
        );
        assert!(written(&project) == before, "{link}: {command} wrote");
    }
}

/// A snapshot saved with a byte-order mark (as some Windows editors do) reads as without it:
/// the same stale translations, not a "malformed snapshot line".
#[test]
fn snapshot_with_a_byte_order_mark_is_read() {
    let project = TestProject::fixture("xliff");
    let ui = project.read("locales/en-US/ui.ftl");
    project.write(
        "locales/en-US/ui.ftl",
        ui.replace("goodbye = Goodbye\n", "goodbye = Goodbye for now\n"),
    );
    let plain = project.run(&["check", "fr", "--format", "json"]);
    assert_eq!(plain.0, 1, "{}", plain.2);
    assert!(plain.1.contains("\"stale\": 1"), "{}", plain.1);
    let snapshot = project.read("snapshots/fr.tsv");
    project.write("snapshots/fr.tsv", format!("\u{feff}{snapshot}"));
    assert_eq!(project.run(&["check", "fr", "--format", "json"]), plain);
    // Also when the first line is a pair, not the header.
    let pairs: String = snapshot
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    project.write("snapshots/fr.tsv", format!("\u{feff}{pairs}"));
    assert_eq!(project.run(&["check", "fr", "--format", "json"]), plain);
}

fn export(project: &TestProject, args: &[&str]) -> String {
    let mut full = vec!["xliff", "export"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = project.run(&full);
    assert_eq!(code, 0, "export {args:?}: {stderr}");
    stdout
}

fn import(project: &TestProject, xml: &str, extra: &[&str]) -> (i32, String, String) {
    project.write("work/in.xlf", xml);
    let mut args = vec!["xliff", "import", "work/in.xlf"];
    args.extend_from_slice(extra);
    project.run(&args)
}

/// Imports `xml` expecting a refusal: exit 1, `expected` in the errors, nothing written.
fn assert_refused(project: &TestProject, xml: &str, expected: &str) -> String {
    let before = written(project);
    let (code, _, stderr) = import(project, xml, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert!(
        stderr.contains("xliff import refused") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert!(written(project) == before, "a refused import wrote");
    stderr
}

/// A raw NUL (or another character XML 1.0 forbids) anywhere in an XLIFF file is refused with
/// the file, line and column, before any unit is looked at.
#[test]
fn xliff_with_a_raw_nul_is_refused() {
    let project = TestProject::fixture("xliff");
    let fr = export(&project, &["fr"]);
    let at = fr.find(">Accueil<").unwrap() + 1;
    let (line, column) = (
        fr[..at].lines().count(),
        fr[..at].rsplit('\n').next().unwrap().chars().count() + 1,
    );
    let evil = format!("{}Acc\u{0}ueil{}", &fr[..at], &fr[at + "Accueil".len()..]);
    let stderr = assert_refused(
        &project,
        &evil,
        &format!(
            "work/in.xlf:{line}:{}: a raw NUL character U+0000",
            column + 3
        ),
    );
    assert!(stderr.contains("XML 1.0 allows it nowhere"), "{stderr}");
    let in_attribute = fr.replacen("<unit id=\"", "<unit id=\"\u{0}", 1);
    assert_refused(&project, &in_attribute, "a raw NUL character U+0000");
}

/// A file exported for one locale whose target language was relabelled to another configured
/// locale is refused, naming both (XLIFF 2.0 `trgLang`, 1.2 `target-language`): the exported
/// locale travels in each `<file original="fr/…">`, which CAT tools keep.
#[test]
fn xliff_relabelled_to_another_locale_is_refused() {
    let project = TestProject::fixture("xliff");
    let fr = export(&project, &["fr"]);
    assert!(fr.contains(" original=\"fr/ui.ftl\""), "{fr}");
    let relabelled = fr.replace("trgLang=\"fr\"", "trgLang=\"zh-CN\"");
    let line = fr[..fr.find("<file ").unwrap()].matches('\n').count() + 1;
    let stderr = assert_refused(
        &project,
        &relabelled,
        &format!("work/in.xlf:{line}:3: the file was exported for `fr` (original=\"fr/"),
    );
    assert!(
        stderr.contains("its target language (trgLang) now says `zh-CN`")
            && stderr.contains("restoring trgLang=\"fr\""),
        "{stderr}"
    );

    let fr_1_2 = export(&project, &["fr", "--xliff-version", "1.2"]);
    assert!(fr_1_2.contains("<file original=\"fr/ui.ftl\""), "{fr_1_2}");
    let relabelled = fr_1_2.replace("target-language=\"fr\"", "target-language=\"zh-CN\"");
    assert_refused(
        &project,
        &relabelled,
        "its target language (target-language) now says `zh-CN`",
    );

    // A file from before the locale was remembered (`original` without it) still imports.
    let old_style = fr.replace(" original=\"fr/", " original=\"");
    let (code, stdout, stderr) = import(&project, &old_style, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("no changes"), "{stdout}");
}

/// The stale count `check` gives for `fr`.
fn stale_count(project: &TestProject) -> u64 {
    let (_, stdout, _) = project.run(&["check", "fr", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    json["locales"][0]["stale"].as_u64().unwrap()
}

/// `xliff import --force` writes a unit whose source changed since the export, but records it
/// as reviewed only when its state says so (2.0 `translated`, `reviewed`, `final`; 1.2
/// `translated`, `final`, `signed-off`): otherwise it stays stale.
#[test]
fn forced_import_stays_stale_unless_the_unit_says_reviewed() {
    // (version, state left as exported or set, remains stale)
    let cases = [
        ("2.0", "state=\"initial\"", true),
        ("2.0", "", true),
        ("2.0", "state=\"translated\"", false),
        ("2.0", "state=\"reviewed\"", false),
        ("2.0", "state=\"final\"", false),
        ("1.2", "state=\"needs-translation\"", true),
        ("1.2", "state=\"needs-review-translation\"", true),
        ("1.2", "state=\"translated\"", false),
    ];
    for (version, state, stays_stale) in cases {
        let project = TestProject::fixture("xliff");
        let exported = export(&project, &["fr", "--xliff-version", version]);
        let ui = project.read("locales/en-US/ui.ftl");
        project.write(
            "locales/en-US/ui.ftl",
            ui.replace("nav-home = Home\n", "nav-home = Home page\n"),
        );
        assert_eq!(stale_count(&project), 1, "nav-home is stale after the edit");
        // Only the nav-home unit: other units may hold the same text.
        let (open, close) = match version {
            "2.0" => ("<unit id=\"nav-home\">", "</unit>"),
            _ => ("<trans-unit id=\"nav-home\"", "</trans-unit>"),
        };
        let start = exported.find(open).unwrap();
        let end = start + exported[start..].find(close).unwrap();
        let unit = &exported[start..end];
        let new_unit = match version {
            "2.0" => unit
                .replace(
                    "<segment state=\"translated\">",
                    &if state.is_empty() {
                        "<segment>".to_string()
                    } else {
                        format!("<segment {state}>")
                    },
                )
                .replace(">Accueil</target>", ">Page d’accueil</target>"),
            _ => unit.replace(
                "<target state=\"translated\">Accueil</target>",
                &format!("<target {state}>Page d’accueil</target>"),
            ),
        };
        let edited = format!("{}{new_unit}{}", &exported[..start], &exported[end..]);
        assert_ne!(edited, exported, "{version} {state}");
        let (code, stdout, stderr) = import(&project, &edited, &["--force"]);
        assert_eq!(code, 0, "{version} {state}: {stderr}");
        assert!(
            project
                .read("locales/fr/ui.ftl")
                .contains("\nnav-home = Page d’accueil\n"),
            "{version} {state}: not written"
        );
        assert_eq!(
            stdout.contains("still stale (imported with --force"),
            stays_stale,
            "{version} {state}: {stdout}"
        );
        assert_eq!(
            stale_count(&project),
            u64::from(stays_stale),
            "{version} {state}: {stdout}"
        );
        // `extract` does not clear it either: only an edit or a confirmation does.
        if stays_stale {
            let (code, _, stderr) = project.run(&["extract"]);
            assert_eq!(code, 0, "{stderr}");
            assert_eq!(stale_count(&project), 1, "{version} {state}: after extract");
        }
    }
}
