//! `fluentpress serve`'s in-context editor over raw HTTP: the message API (`GET` and `PUT
//! /__fluentpress/message`) on the real binary and the sample site, each save diffed against
//! the file before it; the refusals (token, Host, Origin, conflicts, check errors) leave every
//! file as it was.

use std::net::SocketAddr;

use serde_json::{Value, json};

use crate::export_web::sample_project;
use crate::serve::{Serve, raw, subscribe};
use crate::support::TestProject;

/// Served pages without the editor's marks (the `data-l10n-*` attributes and the JSON list of
/// interface texts): what `export web` writes.
pub(crate) fn without_editor_marks(bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let mut out = text.to_string();
    for attribute in [" data-l10n-id=\"", " data-l10n-locale=\""] {
        while let Some(start) = out.find(attribute) {
            let end = out[start + attribute.len()..].find('"').unwrap() + start + attribute.len();
            out.replace_range(start..=end, "");
        }
    }
    let open = "<script type=\"application/json\" id=\"fluentpress-l10n\">";
    if let Some(start) = out.find(open) {
        let end = out[start..].find("</script>\n").unwrap() + start + "</script>\n".len();
        out.replace_range(start..end, "");
    }
    out.into_bytes()
}

/// The run's token, from a served page's `<meta>`.
fn token(serve: &Serve) -> String {
    let (status, page) = serve.get("/fr/");
    assert_eq!(status, 200);
    let at = page
        .find("<meta name=\"fluentpress-token\" content=\"")
        .expect("the page carries the token");
    let rest = &page[at + "<meta name=\"fluentpress-token\" content=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn describe(serve: &Serve, locale: &str, id: &str) -> Value {
    let (status, body) = serve.get(&format!("/__fluentpress/message?locale={locale}&id={id}"));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A `PUT` of `body` with extra header lines: (status, JSON answer).
fn put(addr: SocketAddr, headers: &str, body: &Value) -> (u16, Value) {
    put_as(addr, &addr.to_string(), headers, body)
}

fn put_as(addr: SocketAddr, host: &str, headers: &str, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let request = format!(
        "PUT /__fluentpress/message HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, _, answer) = raw(addr, request.as_bytes());
    (
        status,
        serde_json::from_str(&answer).unwrap_or(Value::String(answer)),
    )
}

fn save(serve: &Serve, token: &str, body: &Value) -> (u16, Value) {
    put(
        serve.addr,
        &format!("X-Fluentpress-Token: {token}\r\n"),
        body,
    )
}

/// Lines of `after` that are not in `before` and the reverse, in order (a line diff good
/// enough for files where the edited lines are unique).
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let removed = old
        .iter()
        .filter(|l| !new.contains(l))
        .map(|l| l.to_string())
        .collect();
    let added = new
        .iter()
        .filter(|l| !old.contains(l))
        .map(|l| l.to_string())
        .collect();
    (removed, added)
}

// GET describes a message (source and its comment, translation, file, categories, the other
// locales, the base) and writes nothing; a PUT with the token changes only that message's line
// of locales/fr/pages/home.ftl, records it in the snapshot, and the served page shows the new
// text (the open pages are told to reload it).
#[test]
fn a_save_changes_only_that_message_and_the_page_shows_it() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let before_tree = project.snapshot_tree("locales");
    // Served pages mark each element showing a message, and list the interface texts.
    let (_, page) = serve.get("/fr/");
    assert!(page.contains(
        "<h2 id=\"who-we-are\" data-l10n-id=\"home-who-we-are-title\" data-l10n-locale=\"fr\">"
    ));
    assert!(page.contains("<script type=\"application/json\" id=\"fluentpress-l10n\">"));
    assert!(page.contains("[\"search-placeholder\","), "{page}");
    let message = describe(&serve, "fr", "home-who-we-are-title");
    assert_eq!(message["source"]["value"], "Who we are");
    assert_eq!(message["comment"], "Heading (level 2).");
    // French typography: a narrow no-break space before `?`.
    assert_eq!(message["translation"]["value"], "Qui sommes-nous\u{202f}?");
    assert_eq!(message["shown_from"], "fr");
    assert_eq!(message["file"], "locales/fr/pages/home.ftl");
    assert!(
        message["categories"]
            .as_array()
            .unwrap()
            .contains(&json!("other"))
    );
    let others: Vec<&str> = message["other_locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["locale"].as_str().unwrap())
        .collect();
    assert_eq!(others, ["zh-CN", "zh-HK", "id-ID", "de"]);
    assert_eq!(
        project.snapshot_tree("locales"),
        before_tree,
        "GET never writes"
    );

    let events = subscribe(serve.addr);
    let before = project.read("locales/fr/pages/home.ftl");
    let snapshot_before = project.read("snapshots/fr.tsv");
    let (status, answer) = save(
        &serve,
        &token(&serve),
        &json!({
            "locale": "fr", "id": "home-who-we-are-title",
            "value": "Qui nous sommes", "attributes": {}, "base": message["base"],
        }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["file"], "locales/fr/pages/home.ftl");
    assert_ne!(answer["base"], message["base"]);
    let after = project.read("locales/fr/pages/home.ftl");
    assert_eq!(
        changed_lines(&before, &after),
        (
            vec!["home-who-we-are-title = Qui sommes-nous\u{202f}?".to_string()],
            vec!["home-who-we-are-title = Qui nous sommes".to_string()]
        )
    );
    assert_eq!(
        after.len(),
        before.len() - "Qui sommes-nous\u{202f}?".len() + "Qui nous sommes".len()
    );
    let (removed, added) = changed_lines(&snapshot_before, &project.read("snapshots/fr.tsv"));
    assert!(
        removed
            .iter()
            .all(|l| l.starts_with("home-who-we-are-title\t"))
            && added.len() <= 1,
        "only this message's snapshot line changes: {removed:?} {added:?}"
    );
    let event = events
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("a reload event");
    assert!(event.contains("/fr/"), "{event}");
    serve.wait_for("/fr/", "the new heading", |page| {
        page.contains(">Qui nous sommes</h2>")
    });
}

// A plural message's `[one]` variant is edited as FTL: only that variant's line changes.
#[test]
fn a_plural_variant_edit_changes_that_variant_only() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let message = describe(&serve, "fr", "search-results");
    let value = message["translation"]["value"].as_str().unwrap();
    assert!(message["translation"]["select"]["variants"][1]["key"] == "one");
    assert_eq!(message["numeric_keys"], json!(["0"]));
    let before = project.read("locales/fr/ui.ftl");
    let new = value.replace(
        "[one] { $count } résultat pour",
        "[one] Un seul résultat ({ $count }) pour",
    );
    assert_ne!(new, value);
    let (status, answer) = save(
        &serve,
        &token(&serve),
        &json!({ "locale": "fr", "id": "search-results", "value": new, "base": message["base"] }),
    );
    assert_eq!(status, 200, "{answer}");
    let (removed, added) = changed_lines(&before, &project.read("locales/fr/ui.ftl"));
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].contains("[one] { $count } résultat pour"));
    assert_eq!(
        added,
        ["        [one] Un seul résultat ({ $count }) pour «\u{a0}{ $query }\u{a0}»"]
    );
}

// A message German lacks is created in locales/de/pages/home.ftl after the source's preceding
// message, with the source's comment; the page then shows it in German, not English.
#[test]
fn a_missing_german_message_is_created_at_the_source_position() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let message = describe(&serve, "de", "home-what-we-do-title");
    assert_eq!(message["translation"], Value::Null);
    assert_eq!(message["shown_from"], "en-US");
    assert_eq!(message["base"], "absent");
    let before = project.read("locales/de/pages/home.ftl");
    let (status, answer) = save(
        &serve,
        &token(&serve),
        &json!({ "locale": "de", "id": "home-what-we-do-title", "value": "Was wir tun", "base": "absent" }),
    );
    assert_eq!(status, 200, "{answer}");
    let after = project.read("locales/de/pages/home.ftl");
    assert!(after.starts_with(&before), "nothing before it moves");
    assert_eq!(
        &after[before.len()..],
        "\n# Heading (level 2).\nhome-what-we-do-title = Was wir tun\n"
    );
    serve.wait_for("/de/", "the German heading", |page| {
        page.contains(">Was wir tun</h2>")
    });
}

// Text the check rules find an error in is refused with 422 and the diagnostics, and nothing is
// written: a syntax error, an unknown variable, a plural category French does not have.
#[test]
fn check_errors_are_refused_and_nothing_is_written() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let token = token(&serve);
    let before = project.snapshot_tree("locales");
    let heading = describe(&serve, "fr", "home-who-we-are-title");
    let results = describe(&serve, "fr", "search-results");
    let cases = [
        (
            &heading,
            "home-who-we-are-title",
            "Qui { $x".to_string(),
            "syntax error",
        ),
        (
            &heading,
            "home-who-we-are-title",
            "Qui { $name }".to_string(),
            "unknown-variable",
        ),
        (
            &heading,
            "home-who-we-are-title",
            "Qui\n.title = an attribute in disguise".to_string(),
            "attribute",
        ),
        (
            &results,
            "search-results",
            "{ $count ->\n    [few] x { $query }\n   *[other] { $count } pour { $query }\n}"
                .to_string(),
            "invalid-plural-category",
        ),
    ];
    for (message, id, value, expected) in cases {
        let (status, answer) = save(
            &serve,
            &token,
            &json!({ "locale": "fr", "id": id, "value": value, "base": message["base"] }),
        );
        assert_eq!(status, 422, "{value}: {answer}");
        assert!(
            answer["error"].as_str().unwrap().contains(expected),
            "{value}: {answer}"
        );
    }
    assert_eq!(project.snapshot_tree("locales"), before);
}

// A file changed on disk between the GET and the PUT (a text editor) gives 409 with both
// versions, and the disk's text stays.
#[test]
fn a_disk_edit_between_get_and_put_is_a_conflict() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let message = describe(&serve, "fr", "home-who-we-are-title");
    let file = "locales/fr/pages/home.ftl";
    let edited = project.read(file).replace(
        "home-who-we-are-title = ",
        "home-who-we-are-title = (éditeur) ",
    );
    project.write(file, &edited);
    let (status, answer) = save(
        &serve,
        &token(&serve),
        &json!({ "locale": "fr", "id": "home-who-we-are-title", "value": "Mine", "base": message["base"] }),
    );
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["yours"]["value"], "Mine");
    assert_eq!(
        answer["theirs"]["value"],
        "(éditeur) Qui sommes-nous\u{202f}?"
    );
    assert_eq!(project.read(file), edited);
}

// Saves without the token, with a wrong one, from a rebound host name or from another site's
// page are refused with 403 and write nothing.
#[test]
fn saves_without_the_token_or_from_another_site_are_refused() {
    let project = sample_project();
    let serve = Serve::start(&project, &[]);
    let token = token(&serve);
    let message = describe(&serve, "fr", "home-who-we-are-title");
    let body = json!({ "locale": "fr", "id": "home-who-we-are-title", "value": "Pirate", "base": message["base"] });
    let before = project.snapshot_tree("locales");
    let with_token = format!("X-Fluentpress-Token: {token}\r\n");
    let wrong = format!("X-Fluentpress-Token: {}\r\n", "0".repeat(token.len()));
    let evil_origin = format!("{with_token}Origin: http://evil.example\r\n");
    for (host, headers) in [
        (serve.addr.to_string(), String::new()),
        (serve.addr.to_string(), wrong),
        ("evil.example".to_string(), with_token.clone()),
        (format!("evil.example:{}", serve.addr.port()), with_token),
        (serve.addr.to_string(), evil_origin),
    ] {
        let (status, answer) = put_as(serve.addr, &host, &headers, &body);
        assert_eq!(status, 403, "{host} {headers:?}: {answer}");
    }
    assert_eq!(project.snapshot_tree("locales"), before);
    // Unknown locale or id: 404.
    let mut unknown = body.clone();
    unknown["locale"] = json!("xx");
    assert_eq!(save(&serve, &token, &unknown).0, 404);
    let mut unknown = body;
    unknown["id"] = json!("no-such-message");
    assert_eq!(save(&serve, &token, &unknown).0, 404);
}

// A file with a byte-order mark and CRLF line ends keeps both, and its permission bits, when
// one of its messages is saved.
#[test]
fn a_crlf_file_with_a_bom_keeps_both() {
    let project = sample_project();
    let file = "locales/fr/pages/home.ftl";
    let crlf = format!("\u{feff}{}", project.read(file).replace('\n', "\r\n"));
    project.write(file, &crlf);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(project.path(file), std::fs::Permissions::from_mode(0o640))
            .unwrap();
    }
    let serve = Serve::start(&project, &[]);
    let message = describe(&serve, "fr", "home-who-we-are-title");
    let (status, answer) = save(
        &serve,
        &token(&serve),
        &json!({ "locale": "fr", "id": "home-who-we-are-title", "value": "Qui\nnous sommes", "base": message["base"] }),
    );
    assert_eq!(status, 200, "{answer}");
    let after = project.read(file);
    assert_eq!(
        after,
        crlf.replace(
            "home-who-we-are-title = Qui sommes-nous\u{202f}?\r\n",
            "home-who-we-are-title =\r\n    Qui\r\n    nous sommes\r\n"
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(project.path(file))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

// `export web` output carries no editor: no token, no marks, no editor script.
#[test]
fn export_web_has_no_editor() {
    let project: TestProject = sample_project();
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    for (name, bytes) in project.snapshot_tree("dist/web") {
        let text = String::from_utf8_lossy(&bytes);
        for marker in [
            "fluentpress-token",
            "data-l10n-id",
            "fluentpress-l10n",
            "/__fluentpress/",
        ] {
            assert!(!text.contains(marker), "{name} contains {marker}");
        }
    }
}
