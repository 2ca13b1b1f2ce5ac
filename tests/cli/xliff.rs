//! `fluentpress xliff export|import`: round trips without byte changes, translations coming
//! back, plural variants, every refusal, and (with xmllint) the OASIS schemas.

use std::path::{Path, PathBuf};

use crate::support::{TestProject, copy_dir, sample_root};

/// A private copy of the repository's sample site.
fn sample_project() -> TestProject {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_root();
    for folder in ["content", "locales", "snapshots", "static"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    std::fs::copy(
        root.join("fluentpress.yaml"),
        dir.path().join("fluentpress.yaml"),
    )
    .unwrap();
    TestProject { dir }
}

/// Everything import may write.
fn tree(project: &TestProject) -> Vec<(String, Vec<u8>)> {
    let mut out = project.snapshot_tree("locales");
    out.extend(project.snapshot_tree("snapshots"));
    out
}

fn target_locales(project: &TestProject) -> Vec<String> {
    let config = fluentpress::config::load_project(project.dir.path()).unwrap();
    config
        .target_locales()
        .iter()
        .map(|l| l.tag.clone())
        .collect()
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

/// The `<unit>` (2.0) or `<trans-unit>` (1.2) element of `id`, as a byte range.
fn unit_range(xml: &str, id: &str) -> std::ops::Range<usize> {
    let (open, close) = if xml.contains("version=\"1.2\"") {
        (format!("<trans-unit id=\"{id}\""), "</trans-unit>")
    } else {
        (format!("<unit id=\"{id}\">"), "</unit>")
    };
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("no unit {id} in\n{xml}"));
    let end = start + xml[start..].find(close).unwrap() + close.len();
    start..end
}

/// Applies `edit` to the text of unit `id`.
fn edit_unit(xml: &str, id: &str, edit: impl Fn(&str) -> String) -> String {
    let range = unit_range(xml, id);
    format!(
        "{}{}{}",
        &xml[..range.start],
        edit(&xml[range.clone()]),
        &xml[range.end..]
    )
}

/// The inner XML of the unit's `<source>`.
fn source_of(unit: &str) -> String {
    let start = unit.find("<source").unwrap();
    let start = start + unit[start..].find('>').unwrap() + 1;
    let end = unit.find("</source>").unwrap();
    unit[start..end].to_string()
}

/// Sets the target of unit `id` (adding it if absent) and marks it translated.
fn set_target(xml: &str, id: &str, inner: &str) -> String {
    edit_unit(xml, id, |unit| {
        let v12 = unit.starts_with("<trans-unit");
        let unit = unit
            .replace(" subState=\"fluentpress:stale\"", "")
            .replace("state=\"initial\"", "state=\"translated\"")
            .replace("state=\"needs-translation\"", "state=\"translated\"")
            .replace("state=\"needs-review-translation\"", "state=\"translated\"");
        let target = if v12 {
            format!("<target state=\"translated\">{inner}</target>")
        } else {
            format!("<target xml:space=\"preserve\">{inner}</target>")
        };
        match (unit.find("<target"), unit.find("</target>")) {
            (Some(start), Some(end)) => format!(
                "{}{target}{}",
                &unit[..start],
                &unit[end + "</target>".len()..]
            ),
            _ => unit.replacen("</source>", &format!("</source>\n        {target}"), 1),
        }
    })
}

/// Every unit id of a document, in order.
fn unit_ids(xml: &str) -> Vec<String> {
    let marker = if xml.contains("version=\"1.2\"") {
        "<trans-unit id=\""
    } else {
        "<unit id=\""
    };
    xml.match_indices(marker)
        .map(|(i, _)| {
            let rest = &xml[i + marker.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Gives every unit without a target one: `prefix` + its source (codes kept as they are).
fn translate_missing(xml: &str, prefix: &str) -> String {
    let mut out = xml.to_string();
    for id in unit_ids(xml) {
        let unit = out[unit_range(&out, &id)].to_string();
        if !unit.contains("<target") {
            out = set_target(&out, &id, &format!("{prefix}{}", source_of(&unit)));
        }
    }
    out
}

fn check_json(project: &TestProject, locale: &str) -> serde_json::Value {
    let (_, stdout, stderr) = project.run(&["check", locale, "--format", "json"]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

fn codes_of(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", d["code"], d["message_id"]))
        .collect()
}

// Export then import unchanged changes no byte of any FTL file or snapshot, for every target
// locale of the sample site and of the fixtures, in both XLIFF versions.
#[test]
fn unchanged_round_trip_changes_no_byte() {
    let projects = [
        ("sample", sample_project()),
        ("xliff", TestProject::fixture("xliff")),
        ("basic", TestProject::fixture("basic")),
        ("check", TestProject::fixture("check")),
    ];
    for (name, project) in &projects {
        let before = tree(project);
        for locale in target_locales(project) {
            for version in ["2.0", "1.2"] {
                let xml = export(project, &[&locale, "--xliff-version", version]);
                let (code, stdout, stderr) = import(project, &xml, &[]);
                assert_eq!(code, 0, "{name} {locale} {version}: {stderr}");
                assert!(stdout.contains("no changes"), "{name} {locale}: {stdout}");
                assert!(
                    tree(project) == before,
                    "{name} {locale} {version}: files changed"
                );
            }
        }
    }
}

// Translating the missing units in the XML and importing writes them at their source position
// with their comments, keeps every other byte, and `check` then counts them translated.
#[test]
fn translated_units_come_back_and_check_counts_them() {
    let project = TestProject::fixture("xliff");
    let xml = export(&project, &["fr", "-o", "work/fr.xlf"]);
    assert!(xml.is_empty(), "-o writes the file, not stdout");
    let xml = project.read("work/fr.xlf");
    let mut translated = translate_missing(&xml, "FR ");
    // The French `one` form, written with code ids only (as some CAT tools return them).
    translated = set_target(
        &translated,
        "search-results:one",
        "<ph id=\"1\"/> résultat pour « <ph id=\"2\"/> »",
    );
    let (code, stdout, stderr) = import(&project, &translated, &[]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("xliff_import_stdout", stdout);
    insta::assert_snapshot!("xliff_import_fr_ui", project.read("locales/fr/ui.ftl"));
    insta::assert_snapshot!(
        "xliff_import_fr_home",
        project.read("locales/fr/pages/home.ftl")
    );
    // Byte-order mark and CRLF line endings are kept, and the new message follows them.
    assert_eq!(
        std::fs::read(project.path("locales/fr/extra.ftl")).unwrap(),
        "\u{feff}a = Ah\r\n\r\n# Second.\r\nb = FR B\r\n".as_bytes()
    );

    let json = check_json(&project, "fr");
    let fr = &json["locales"][0];
    assert_eq!(fr["missing"], 0, "{json}");
    assert_eq!(fr["stale"], 0, "{json}");
    assert_eq!(fr["translated"], fr["messages"], "{json}");
    let codes = codes_of(&json);
    for unwanted in [
        "missing", "plural", "stale", "syntax", "variable", "markup", "empty",
    ] {
        assert!(
            !codes.iter().any(|c| c.contains(unwanted)),
            "{unwanted}: {codes:#?}"
        );
    }
    // A second round trip finds nothing to do.
    let again = export(&project, &["fr"]);
    let (code, stdout, _) = import(&project, &again, &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("no changes"), "{stdout}");
}

// A select expression survives with every variant; each locale is offered its own CLDR
// categories (Polish few/many, Chinese other only) plus the source's numeric keys.
#[test]
fn select_messages_keep_every_variant() {
    let project = TestProject::fixture("xliff");
    let fr = export(&project, &["fr"]);
    let ids = unit_ids(&fr);
    let variants = |ids: &[String], prefix: &str| -> Vec<String> {
        ids.iter()
            .filter(|i| i.starts_with(prefix))
            .cloned()
            .collect()
    };
    assert_eq!(
        variants(&ids, "search-results"),
        [
            "search-results:0",
            "search-results:one",
            "search-results:other"
        ]
    );
    assert_eq!(
        variants(&ids, "welcome"),
        ["welcome:feminine", "welcome:other"]
    );
    let zh = export(&project, &["zh-CN"]);
    assert_eq!(
        variants(&unit_ids(&zh), "search-results"),
        ["search-results:0", "search-results:other"]
    );
    let pl = export(&project, &["pl"]);
    assert_eq!(
        variants(&unit_ids(&pl), "files-found"),
        [
            "files-found:one",
            "files-found:few",
            "files-found:many",
            "files-found:other"
        ]
    );

    // Editing one French variant rewrites the message with all of its variants.
    let edited = set_target(
        &fr,
        "search-results:other",
        "<ph id=\"1\" dataRef=\"d1\"/> pages pour « <ph id=\"2\" dataRef=\"d2\"/> »",
    );
    let (code, _, stderr) = import(&project, &edited, &[]);
    assert_eq!(code, 0, "{stderr}");
    let ui = project.read("locales/fr/ui.ftl");
    assert!(
        ui.contains(
            "search-results =\n    { $count ->\n        [0] Aucun résultat\n       *[other] { $count } pages pour « { $query } »\n    }\n"
        ),
        "{ui}"
    );

    // Polish: every category translated, each comes back as its own variant.
    let mut pl_translated = pl.clone();
    for (id, text) in [
        ("files-found:one", "Znaleziono jeden plik w "),
        ("files-found:few", "Znaleziono <ph id=\"1\"/> pliki w "),
        ("files-found:many", "Znaleziono <ph id=\"1\"/> plików w "),
        ("files-found:other", "Znaleziono <ph id=\"1\"/> pliku w "),
    ] {
        let folder = if id.ends_with(":one") { "1" } else { "2" };
        pl_translated = set_target(&pl_translated, id, &format!("{text}<ph id=\"{folder}\"/>."));
    }
    let (code, stdout, stderr) = import(&project, &pl_translated, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("locales/pl/ui.ftl (new file): files-found"),
        "{stdout}"
    );
    let pl_ui = project.read("locales/pl/ui.ftl");
    assert_eq!(
        pl_ui,
        "# Text around a selection.\nfiles-found =\n    { $n ->\n        [one] Znaleziono jeden plik w { $folder }.\n        [few] Znaleziono { $n } pliki w { $folder }.\n        [many] Znaleziono { $n } plików w { $folder }.\n       *[other] Znaleziono { $n } pliku w { $folder }.\n    }\n"
    );
    let codes = codes_of(&check_json(&project, "pl"));
    assert!(
        !codes
            .iter()
            .any(|c| c.contains("plural") || c.contains("syntax")),
        "{codes:#?}"
    );
}

/// Imports `xml` and asserts it is refused with `expected` in the message, nothing written.
fn assert_refused(project: &TestProject, xml: &str, extra: &[&str], expected: &str) -> String {
    let before = tree(project);
    let (code, stdout, stderr) = import(project, xml, extra);
    assert_eq!(
        code, 1,
        "expected a refusal ({expected}); stdout: {stdout}; stderr: {stderr}"
    );
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in:\n{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(
        tree(project) == before,
        "a refused import wrote files ({expected})"
    );
    stderr
}

// Each refusal: exit 1, a clear message located in the XLIFF file, nothing written.
#[test]
fn import_refuses_bad_files_and_writes_nothing() {
    let project = TestProject::fixture("xliff");
    let fr = export(&project, &["fr"]);

    // A broken code: a placeable the message does not have, or an id that resolves to nothing.
    let evil = edit_unit(&fr, "search-results:other", |unit| {
        unit.replace(
            "</originalData>",
            "  <data id=\"d9\">{ $evil }</data>\n      </originalData>",
        )
        .replace(
            "résultats pour",
            "<ph id=\"9\" dataRef=\"d9\"/> résultats pour",
        )
    });
    assert_refused(&project, &evil, &[], "broken protected code");
    let unknown_code = edit_unit(&fr, "nav-home", |unit| {
        unit.replace(">Accueil<", ">Accueil <ph id=\"42\"/><")
    });
    assert_refused(
        &project,
        &unknown_code,
        &[],
        "code 42 is not a code of this unit",
    );

    // A missing code: the translation dropped `{ $query }`.
    let dropped = edit_unit(&fr, "search-results:other", |unit| {
        let start = unit.find("<target").unwrap();
        let (head, target) = unit.split_at(start);
        format!(
            "{head}{}",
            target.replace(
                "<ph id=\"2\" dataRef=\"d2\" disp=\"{ $query }\" canDelete=\"no\"/>",
                ""
            )
        )
    });
    let stderr = assert_refused(&project, &dropped, &[], "missing protected code");
    assert!(stderr.contains("`{ $query }`"), "{stderr}");
    assert!(
        stderr.contains("work/in.xlf:") && stderr.contains("unit `search-results:other`"),
        "{stderr}"
    );

    // An unknown id.
    let renamed = fr.replace("<unit id=\"nav-home\">", "<unit id=\"nav-homepage\">");
    assert_refused(&project, &renamed, &[], "unknown unit");

    // Target languages that are not configured target locales.
    assert_refused(
        &project,
        &fr.replace("trgLang=\"fr\"", "trgLang=\"es\""),
        &[],
        "`es` is not a configured locale",
    );
    assert_refused(
        &project,
        &fr.replace("trgLang=\"fr\"", "trgLang=\"en-US\""),
        &[],
        "is the source locale",
    );

    // Malformed XML, located.
    let truncated = &fr[..fr.find("<unit id=\"goodbye\">").unwrap() + 30];
    let stderr = assert_refused(&project, truncated, &[], "malformed XML");
    let line = truncated.lines().count();
    assert!(stderr.contains(&format!("work/in.xlf:{line}:")), "{stderr}");
    let mismatched = fr.replacen("</segment>", "</segmnet>", 1);
    assert_refused(&project, &mismatched, &[], "malformed XML");

    // Hostile XML: a DOCTYPE (billion laughs, external entities) or an undefined entity.
    let laughs = fr.replacen(
        "<xliff ",
        "<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>\n<xliff ",
        1,
    )
    .replace(">Accueil<", ">&i;<");
    let started = std::time::Instant::now();
    let stderr = assert_refused(&project, &laughs, &[], "a DOCTYPE is not allowed");
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert!(stderr.contains("work/in.xlf:2:1:"), "{stderr}");
    let external = fr.replacen(
        "<xliff ",
        "<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<xliff ",
        1,
    );
    assert_refused(&project, &external, &[], "a DOCTYPE is not allowed");
    let undefined = fr.replace(">Accueil<", ">&xxe;<");
    assert_refused(&project, &undefined, &[], "undefined entity `&xxe;`");

    // A selection whose default variant has no translation.
    let pl = export(&project, &["pl"]);
    let one_only = set_target(&pl, "files-found:one", "Jeden plik w <ph id=\"1\"/>.");
    assert_refused(
        &project,
        &one_only,
        &[],
        "the default variant [other] has no translation",
    );
}

// A unit whose source changed since the export is refused unless --force.
#[test]
fn stale_file_is_refused_unless_forced() {
    let project = TestProject::fixture("xliff");
    let fr = export(&project, &["fr"]);
    let ui = project.read("locales/en-US/ui.ftl");
    project.write(
        "locales/en-US/ui.ftl",
        ui.replace("nav-home = Home\n", "nav-home = Home page\n"),
    );
    let edited = set_target(&fr, "nav-home", "Page d’accueil");
    let stderr = assert_refused(&project, &edited, &[], "stale unit");
    assert!(
        stderr.contains("unit `nav-home`") && stderr.contains("“Home page”"),
        "{stderr}"
    );
    let (code, stdout, stderr) = import(&project, &edited, &["--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("1 message changed, 0 added"), "{stdout}");
    assert!(
        project
            .read("locales/fr/ui.ftl")
            .contains("\nnav-home = Page d’accueil\n")
    );
}

// A stale translation exported for review and confirmed unchanged (state translated) is
// recorded as reviewed; left unconfirmed it stays stale.
#[test]
fn confirmed_stale_translations_are_no_longer_stale() {
    let project = TestProject::fixture("xliff");
    let ui = project.read("locales/en-US/ui.ftl");
    project.write(
        "locales/en-US/ui.ftl",
        ui.replace(
            "goodbye = Goodbye\n",
            "goodbye = Goodbye and see you soon\n",
        ),
    );
    assert_eq!(check_json(&project, "fr")["locales"][0]["stale"], 1);
    let stale = export(&project, &["fr", "--only", "stale"]);
    assert_eq!(unit_ids(&stale), ["goodbye"]);
    assert!(
        stale.contains("state=\"initial\" subState=\"fluentpress:stale\""),
        "{stale}"
    );
    assert!(stale.contains("Needs review"), "{stale}");

    // Unconfirmed (still initial): nothing changes.
    let (code, stdout, _) = import(&project, &stale, &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("no changes"), "{stdout}");
    assert_eq!(check_json(&project, "fr")["locales"][0]["stale"], 1);

    let confirmed = stale.replace(
        " state=\"initial\" subState=\"fluentpress:stale\"",
        " state=\"reviewed\"",
    );
    let before_ftl = project.read("locales/fr/ui.ftl");
    let (code, stdout, stderr) = import(&project, &confirmed, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("confirmed after review: goodbye"),
        "{stdout}"
    );
    assert!(stdout.contains("updated snapshots/fr.tsv"), "{stdout}");
    assert_eq!(project.read("locales/fr/ui.ftl"), before_ftl);
    assert_eq!(check_json(&project, "fr")["locales"][0]["stale"], 0);
}

// --dry-run reports the plan and writes nothing.
#[test]
fn dry_run_writes_nothing() {
    let project = TestProject::fixture("xliff");
    let translated = translate_missing(&export(&project, &["fr"]), "FR ");
    let before = tree(&project);
    let (code, stdout, stderr) = import(&project, &translated, &["--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(dry run: nothing written)"), "{stdout}");
    assert!(
        stdout.contains("+ locales/fr/ui.ftl: files-found, braces, multiline"),
        "{stdout}"
    );
    assert!(stdout.contains("would update snapshots/fr.tsv"), "{stdout}");
    assert!(tree(&project) == before);
}

// XLIFF 1.2: codes as <x>/<g>, states needs-translation / translated; translations come back.
#[test]
fn xliff_1_2_round_trip_with_translations() {
    let project = TestProject::fixture("xliff");
    let xml = export(&project, &["fr", "--xliff-version", "1.2"]);
    assert!(
        xml.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">")
    );
    assert!(xml.contains("<x id=\"1\" ctype=\"x-fluent-placeable\" equiv-text=\"{ $count }\"/>"));
    assert!(xml.contains("<g id=\"1\" ctype=\"italic\">"), "{xml}");
    assert!(
        xml.contains("<target state=\"needs-translation\">"),
        "{xml}"
    );
    let mut translated = translate_missing(&xml, "FR ");
    translated = set_target(
        &translated,
        "search-results:one",
        "<x id=\"1\"/> résultat pour « <x id=\"2\"/> »",
    );
    let (code, _, stderr) = import(&project, &translated, &[]);
    assert_eq!(code, 0, "{stderr}");
    let json = check_json(&project, "fr");
    assert_eq!(json["locales"][0]["missing"], 0, "{json}");
    let home = project.read("locales/fr/pages/home.ftl");
    assert!(
        home.contains("home-about-p1 = FR Acme is a *leading* producer of **aluminium**. [Read more](https://acme.example/about)"),
        "{home}"
    );
}

// --only selects units; an empty selection writes nothing and says so; the source locale and
// unknown locales are refused.
#[test]
fn export_selects_units_and_refuses_bad_locales() {
    let project = TestProject::fixture("xliff");
    let missing = export(&project, &["fr", "--only", "missing"]);
    let ids = unit_ids(&missing);
    assert!(ids.contains(&"b".to_string()) && ids.contains(&"search-results:one".to_string()));
    assert!(!ids.contains(&"nav-home".to_string()), "{ids:?}");
    let (code, stdout, stderr) = project.run(&[
        "xliff",
        "export",
        "fr",
        "--only",
        "stale",
        "-o",
        "work/none.xlf",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.is_empty() && stderr.contains("no units to export"),
        "{stderr}"
    );
    assert!(!project.path("work/none.xlf").exists());
    for bad in ["en-US", "es"] {
        let (code, _, stderr) = project.run(&["xliff", "export", bad]);
        assert_eq!(code, 2, "{bad}");
        assert!(
            stderr.contains("is not a configured target locale"),
            "{stderr}"
        );
    }
}

/// The XLIFF schemas shipped by Debian's php-symfony-translation (OASIS files, unmodified),
/// copied beside the W3C xml.xsd where their imports look for it.
fn schema_dir() -> tempfile::TempDir {
    let shipped = Path::new("/usr/share/php/Symfony/Component/Translation/Resources/schemas");
    assert!(
        shipped.join("xliff-core-2.0.xsd").exists(),
        "install php-symfony-translation (see .ci/install-deps)"
    );
    let dir = tempfile::tempdir().unwrap();
    let w3c = dir.path().join("informativeCopiesOf3rdPartySchemas/w3c");
    std::fs::create_dir_all(&w3c).unwrap();
    std::fs::copy(shipped.join("xml.xsd"), w3c.join("xml.xsd")).unwrap();
    std::fs::copy(shipped.join("xml.xsd"), dir.path().join("xml.xsd")).unwrap();
    std::fs::copy(
        shipped.join("xliff-core-2.0.xsd"),
        dir.path().join("xliff-core-2.0.xsd"),
    )
    .unwrap();
    // The 1.2 schema imports xml.xsd from the W3C's site; point it at the local copy.
    let strict = std::fs::read_to_string(shipped.join("xliff-core-1.2-strict.xsd")).unwrap();
    std::fs::write(
        dir.path().join("xliff-core-1.2-strict.xsd"),
        strict.replace("http://www.w3.org/2001/xml.xsd", "xml.xsd"),
    )
    .unwrap();
    dir
}

fn xmllint(schema: &Path, document: &Path) {
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg(document)
        .output()
        .expect("xmllint (Debian libxml2-utils) is installed");
    assert!(
        output.status.success(),
        "{} does not validate:\n{}",
        document.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

// Every export of the sample site and of the xliff fixture (fresh, and after translations with
// new, prefilled and stale units) validates against the XLIFF 2.0 core schema and 1.2 strict.
#[test]
#[ignore = "needs xmllint and php-symfony-translation's schemas; run by .ci/run"]
fn exports_validate_against_the_oasis_schemas() {
    let schemas = schema_dir();
    let fixture = TestProject::fixture("xliff");
    let ui = fixture.read("locales/en-US/ui.ftl");
    fixture.write("locales/en-US/ui.ftl", ui.replace("Goodbye", "Bye"));
    let sample = sample_project();
    let mut checked = 0;
    for project in [&sample, &fixture] {
        for locale in target_locales(project) {
            for (version, schema) in [
                ("2.0", "xliff-core-2.0.xsd"),
                ("1.2", "xliff-core-1.2-strict.xsd"),
            ] {
                let path: PathBuf = project.path(&format!("work/{locale}-{version}.xlf"));
                let (code, _, stderr) = project.run(&[
                    "xliff",
                    "export",
                    &locale,
                    "--xliff-version",
                    version,
                    "-o",
                    path.to_str().unwrap(),
                ]);
                assert_eq!(code, 0, "{stderr}");
                xmllint(&schemas.path().join(schema), &path);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 16);
}

// Edits touch only their own lines: a value replaced under its unchanged comment, an attribute
// added after its sibling, a new message between two others (blank lines kept), and a last
// message without a final newline keeps having none.
#[test]
fn edits_touch_only_their_lines() {
    let project = TestProject::fixture("xliff");
    project.write(
        "locales/fr/ui.ftl",
        "-brand = Acme\n# Accueil du site.\nnav-home = Accueil\nsearch-input =\n    .placeholder = Rechercher\ngoodbye = Au revoir",
    );
    let mut xml = export(&project, &["fr"]);
    xml = set_target(&xml, "nav-home", "Page d’accueil");
    xml = set_target(&xml, "search-input.title", "Tapez puis Entrée");
    xml = set_target(&xml, "multiline", "Première ligne,\n  seconde ligne ");
    xml = set_target(&xml, "goodbye", "Adieu");
    let (code, _, stderr) = import(&project, &xml, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        project.read("locales/fr/ui.ftl"),
        "-brand = Acme\n# Accueil du site.\nnav-home = Page d’accueil\nsearch-input =\n    .placeholder = Rechercher\n    .title = Tapez puis Entrée\n\nmultiline =\n    Première ligne,\n    {\"  \"}seconde ligne{\" \"}\n\ngoodbye = Adieu"
    );
    // What was written reads back as what the translator typed.
    let again = export(&project, &["fr"]);
    let unit = &again[unit_range(&again, "multiline")];
    assert!(
        unit.contains("<target xml:space=\"preserve\">Première ligne,\n  seconde ligne </target>"),
        "{unit}"
    );
}

// What CAT tools do to a unit is understood: re-segmentation (two segments and an ignorable),
// paired codes rewritten as <sc>/<ec>, annotations (<mrk>) around text.
#[test]
fn cat_tool_rewritings_are_understood() {
    let project = TestProject::fixture("xliff");
    let fr = export(&project, &["fr"]);
    let unit = &fr[unit_range(&fr, "notice")];
    for data in [
        "<data id=\"d1\">*</data>",
        "<data id=\"d2\">[</data>",
        "<data id=\"d3\">]({ $url })</data>",
        "<data id=\"d4\">`acme update`</data>",
    ] {
        assert!(unit.contains(data), "{unit}");
    }
    let segments = concat!(
        "<segment state=\"translated\"><source>This page is <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\">outdated</pc>.</source>",
        "<target>Cette page est <sc id=\"1\" dataRef=\"d1\"/>périmée<ec startRef=\"1\" dataRef=\"d1\"/>.</target></segment>",
        "<ignorable><source> </source></ignorable>",
        "<segment state=\"final\"><source><pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d3\">Read the original</pc> or run <ph id=\"3\" dataRef=\"d4\"/>.</source>",
        "<target><pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d3\"><mrk id=\"m1\" type=\"term\">Lire</mrk> l’original</pc> ou lancez <ph id=\"3\" dataRef=\"d4\"/>.</target></segment>",
    );
    let rewritten = edit_unit(&fr, "notice", |unit| {
        let start = unit.find("<segment").unwrap();
        let end = unit.find("</segment>").unwrap() + "</segment>".len();
        format!("{}{segments}{}", &unit[..start], &unit[end..])
    });
    let (code, _, stderr) = import(&project, &rewritten, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        project.read("locales/fr/ui.ftl").contains(
            "\nnotice = Cette page est *périmée*. [Lire l’original]({ $url }) ou lancez `acme update`.\n"
        ),
        "{}",
        project.read("locales/fr/ui.ftl")
    );
}

// A hostile XLIFF file's unit ids reach the terminal escaped: XML carries C1 controls and DEL
// (here a CSI, the one-byte form of ESC `[`), which the refusal shows as `\u{9b}`.
#[test]
fn refusals_show_control_characters_escaped() {
    let project = TestProject::fixture("basic");
    project.write(
        "evil.xlf",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" trgLang=\"fr\">\n  <file id=\"f1\" original=\"ui.ftl\">\n    <unit id=\"x&#x9b;2J&#x7f;\">\n      <segment state=\"translated\">\n        <source>S</source>\n        <target>T</target>\n      </segment>\n    </unit>\n  </file>\n</xliff>\n",
    );
    let (code, _, stderr) = project.run(&["xliff", "import", "evil.xlf"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unit `x\\u{9b}2J\\u{7f}`"), "{stderr}");
    assert!(
        !stderr.contains(|c: char| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
}

/// A locale whose `folder:` lies outside the project is read (check, export) but never written:
/// the import is refused before any file changes, there or in the project.
#[test]
fn import_never_writes_a_locale_folder_outside_the_project() {
    let base = tempfile::tempdir().unwrap();
    let project = sample_project();
    let outside = base.path().join("fr-elsewhere");
    copy_dir(&project.path("locales/fr"), &outside);
    std::fs::remove_dir_all(project.path("locales/fr")).unwrap();
    let config = project.read("fluentpress.yaml").replace(
        "  - tag: fr\n",
        &format!("  - tag: fr\n    folder: {}\n", outside.display()),
    );
    assert!(config.contains("folder:"), "the sample lists fr");
    project.write("fluentpress.yaml", config);
    let xliff = export(&project, &["fr"]);
    let start = xliff.find("<target").unwrap();
    let open_end = start + xliff[start..].find('>').unwrap() + 1;
    let changed = format!("{}ZZZ {}", &xliff[..open_end], &xliff[open_end..]);
    project.write("fr.xlf", changed);
    let before_outside = crate::support::tree(&outside);
    let before = tree(&project);
    let (code, _, stderr) = project.run(&["xliff", "import", "fr.xlf"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("lies outside the project folder"),
        "{stderr}"
    );
    assert_eq!(crate::support::tree(&outside), before_outside);
    assert_eq!(tree(&project), before);
}
