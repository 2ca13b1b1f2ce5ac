//! `fluentpress export web`: the localized static site, checked file by file.

use std::collections::BTreeMap;

use crate::support::{TestProject, copy_dir, sample_root};

fn exported(fixture: &str, args: &[&str]) -> TestProject {
    let project = TestProject::fixture(fixture);
    let mut all = vec!["export", "web"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = project.run(&all);
    assert_eq!(code, 0, "{stdout}{stderr}");
    project
}

/// The sample site of the repository, in a private copy.
pub fn sample_project() -> TestProject {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "locales", "snapshots"] {
        copy_dir(&sample_root().join(sub), &dir.path().join(sub));
    }
    std::fs::copy(
        sample_root().join("fluentpress.yaml"),
        dir.path().join("fluentpress.yaml"),
    )
    .unwrap();
    TestProject { dir }
}

fn summary_filters() -> Vec<(&'static str, &'static str)> {
    vec![(r"in \d+\.\d+ s", "in [TIME] s")]
}

// The export writes every page of every published locale, the per-locale files and the root
// files, and prints a summary: pages, coverage, fallbacks, stale pages, index size, and why a
// locale was not published.
#[test]
fn export_writes_the_site_and_a_summary() {
    let project = TestProject::fixture("web");
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    insta::with_settings!({filters => summary_filters()}, {
        insta::assert_snapshot!("web_summary", stdout);
    });
    let files: Vec<String> = project
        .snapshot_tree("dist/web")
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    insta::assert_snapshot!("web_files", files.join("\n"));
}

// The exported HTML of a translated page with a stale translation, and of a right-to-left,
// partly translated one.
#[test]
fn exported_pages_html() {
    let project = exported("web", &[]);
    insta::assert_snapshot!(
        "web_fr_profile",
        project.read("dist/web/fr/profile/index.html")
    );
    insta::assert_snapshot!(
        "web_ar_profile",
        project.read("dist/web/ar/profile/index.html")
    );
}

// An Arabic locale is written right to left; the English fallback text inside it keeps its own
// language and direction, and the page says it is partly translated.
#[test]
fn rtl_locale_and_fallback_text_marked_with_its_language() {
    let project = exported("web", &[]);
    let page = project.read("dist/web/ar/profile/index.html");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(
        page.contains("<p lang=\"en-US\" dir=\"ltr\">Acme employs 4,000 people"),
        "{page}"
    );
    assert!(page.contains("<h1>نبذة عن الشركة</h1>"), "{page}");
    assert!(page.contains("لم تُترجم بعض أجزاء هذه الصفحة بعد"), "{page}");
    // A fully translated Arabic page has no notice.
    let home = project.read("dist/web/ar/index.html");
    assert!(!home.contains("notice"), "{home}");
    let fr = project.read("dist/web/fr/index.html");
    assert!(fr.contains("<html lang=\"fr\" dir=\"ltr\">"));
}

// A locale below its min_coverage is not published, unless --include-incomplete.
#[test]
fn incomplete_locale_is_published_only_when_asked() {
    let project = exported("web", &[]);
    assert!(!project.path("dist/web/de").exists());
    assert!(!project.read("dist/web/sitemap.xml").contains("/de/"));
    let project = exported("web", &["--include-incomplete"]);
    let page = project.read("dist/web/de/profile/index.html");
    assert!(
        page.contains("<h1 lang=\"en-US\">Company Profile</h1>"),
        "{page}"
    );
    // The German interface string that exists is used, the others come from English.
    assert!(
        page.contains("<button type=\"submit\">Suchen</button>"),
        "{page}"
    );
    assert!(
        page.contains("<span lang=\"en-US\">Search the site</span>"),
        "{page}"
    );
}

// A page with a stale translation links to the original page, in the source language's name.
#[test]
fn stale_translation_shows_the_outdated_notice() {
    let project = exported("web", &[]);
    let page = project.read("dist/web/fr/profile/index.html");
    assert!(
        page.contains("Cette traduction n’est peut-être plus à jour. <a href=\"../../en-US/profile/\">Lire la version originale (English)</a>."),
        "{page}"
    );
    assert!(!project.read("dist/web/fr/index.html").contains("outdated"));
    assert!(
        !project
            .read("dist/web/en-US/profile/index.html")
            .contains("outdated")
    );
}

// The language switcher leads to the same page in every published locale, each language named
// in itself; canonical and alternates are absolute, with x-default.
#[test]
fn language_switcher_and_alternates() {
    let project = exported("web", &[]);
    let page = project.read("dist/web/fr/profile/index.html");
    for expected in [
        "<a href=\"../../ar/profile/\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\" data-locale=\"ar\">العربية</a>",
        "<a href=\"../../en-US/profile/\" hreflang=\"en-US\" lang=\"en-US\" dir=\"ltr\" data-locale=\"en-US\">English</a>",
        "<span aria-current=\"true\" lang=\"fr\" dir=\"ltr\" title=\"Langue actuelle\u{a0}: Français\">Français</span>",
        "<link rel=\"canonical\" href=\"https://acme.example/fr/profile/\">",
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://acme.example/ar/profile/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://acme.example/\">",
        "<a href=\"../../fr/profile/\" aria-current=\"page\">Présentation de l’entreprise</a>",
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
    // Message links to other pages lead to that page in the same locale.
    let home = project.read("dist/web/fr/index.html");
    assert!(
        home.contains("<a href=\"../fr/profile/\">présentation</a>"),
        "{home}"
    );
}

// Every link and asset between pages is relative, so the site works under any base path.
#[test]
fn links_between_pages_are_relative() {
    let project = exported("web", &[]);
    for (path, bytes) in project.snapshot_tree("dist/web") {
        if !path.ends_with(".html") || path.ends_with("404.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\"", "action=\""] {
            for (i, _) in html.match_indices(attr) {
                let url = &html[i + attr.len()..];
                let line_start = html[..i].rfind('\n').map_or(0, |n| n + 1);
                let absolute_ok = html[line_start..i].starts_with("<link rel=\"canonical\"")
                    || html[line_start..i].starts_with("<link rel=\"alternate\"");
                if !absolute_ok {
                    assert!(
                        !url.starts_with('/') && !url.starts_with("http"),
                        "{path}: {}",
                        &url[..40.min(url.len())]
                    );
                }
            }
        }
    }
    // 404 pages are served at any depth: they pin their base.
    let not_found = project.read("dist/web/fr/404.html");
    assert!(not_found.contains("<base href=\"/fr/\">"), "{not_found}");
    assert!(
        not_found.contains("<a href=\"./\">Aller à la page d’accueil</a>"),
        "{not_found}"
    );
}

// The root page chooses a locale with JavaScript and lists them all as plain links without it;
// sitemap.xml has every page with its alternates; robots.txt names the sitemap.
#[test]
fn root_page_sitemap_and_robots() {
    let project = exported("web", &[]);
    let root = project.read("dist/web/index.html");
    assert!(root.contains("navigator.languages"), "{root}");
    assert!(
        root.contains(
            "<li><a href=\"ar/\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a></li>"
        ),
        "{root}"
    );
    let root_404 = project.read("dist/web/404.html");
    assert!(root_404.contains("Page introuvable") && root_404.contains("الصفحة غير موجودة"));
    insta::assert_snapshot!("web_sitemap", project.read("dist/web/sitemap.xml"));
    assert_eq!(
        project.read("dist/web/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://acme.example/sitemap.xml\n"
    );
}

// Translations are untrusted: script, event handlers, javascript: and data: links and quotes
// breaking out of attributes all come out as inert text.
#[test]
fn hostile_translations_render_inert() {
    let project = exported("hostile", &[]);
    let page = project.read("dist/web/fr/index.html");
    // The only script element is the site's own.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(page.contains("<script src=\"../assets/site.js\" defer></script>"));
    for forbidden in [
        "=\"javascript:",
        "=\"data:",
        "<img",
        "<iframe",
        "<b ",
        " onload=\"",
        " onclick=\"",
        " onerror=\"",
        " onmouseover=\"",
    ] {
        assert!(!page.contains(forbidden), "{forbidden}\n{page}");
    }
    assert!(page.contains("&lt;script&gt;document.documentElement.dataset.pwned"));
    let index = project.read("dist/web/fr/search-index.json");
    assert!(
        index.contains("<script>"),
        "the index holds text, shown with textContent"
    );
}

// A broken template is an error naming the file and line, and the previous export stays.
#[test]
fn broken_template_leaves_the_previous_output() {
    let project = exported("web", &[]);
    let before = project.snapshot_tree("dist/web");
    project.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ content }\n{% endblock %}\n",
    );
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("templates/page.html:3: syntax error"),
        "{stderr}"
    );
    // A template that uses a value the exporter does not give fails at render time, too.
    project.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ no_such_value }}{% endblock %}\n",
    );
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("templates/page.html:2: undefined value"),
        "{stderr}"
    );
    assert_eq!(project.snapshot_tree("dist/web"), before);
    let leftovers: Vec<_> = std::fs::read_dir(project.path("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(leftovers, ["web"]);
}

// A project's templates/ folder replaces built-in templates and assets by name.
#[test]
fn project_templates_override_the_built_in_ones() {
    let project = TestProject::fixture("web");
    project.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<div class=\"mine\">{{ heading }}</div>{% endblock %}");
    project.write("templates/style.css", "body { color: red }\n");
    let (code, _, stderr) = project.run(&["export", "web", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let page = project.read("site/fr/profile/index.html");
    assert!(
        page.contains("<div class=\"mine\">Présentation de l’entreprise</div>"),
        "{page}"
    );
    assert_eq!(
        project.read("site/assets/style.css"),
        "body { color: red }\n"
    );
}

// Locales named on the command line are the ones published (with the source); an unknown one
// is a usage error.
#[test]
fn locales_on_the_command_line() {
    let project = exported("web", &["fr"]);
    assert!(project.path("dist/web/fr/index.html").exists());
    assert!(project.path("dist/web/en-US/index.html").exists());
    assert!(!project.path("dist/web/ar").exists());
    let (code, _, stderr) = project.run(&["export", "web", "xx"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`xx` is not a configured locale (configured: en-US, fr, ar, de)"),
        "{stderr}"
    );
}

// Two exports of one project are identical to the byte.
#[test]
fn export_is_deterministic() {
    let project = exported("web", &["--out", "a"]);
    let (code, _, _) = project.run(&["export", "web", "--out", "b"]);
    assert_eq!(code, 0);
    assert_eq!(project.snapshot_tree("a"), project.snapshot_tree("b"));
}

// The search index of the sample site: Chinese is indexed by characters and pairs (铝 finds
// pages), Latin text is folded (no accents, lower case), and the result count's texts follow
// the locale's plural categories.
#[test]
fn search_index_of_the_sample_site() {
    let project = sample_project();
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    let index = |tag: &str| -> serde_json::Value {
        serde_json::from_str(&project.read(&format!("dist/web/{tag}/search-index.json"))).unwrap()
    };
    let zh = index("zh-CN");
    let docs = |v: &serde_json::Value, term: &str| v["terms"][term].as_array().map_or(0, Vec::len);
    assert!(docs(&zh, "铝") >= 3, "{}", zh["terms"]["铝"]);
    assert!(docs(&zh, "宏桥") >= 3);
    assert_eq!(zh["results"]["exact"]["0"], "未找到与“{query}”相关的结果");
    let fr = index("fr");
    assert!(docs(&fr, "developpement") >= 1);
    assert!(fr["terms"].get("développement").is_none());
    assert_eq!(
        fr["results"]["categories"]["one"],
        "{count} résultat pour «\u{a0}{query}\u{a0}»"
    );
    let id = index("id-ID");
    assert!(docs(&id, "aluminium") >= 1);
    let en = index("en-US");
    assert_eq!(en["docs"][2][0], "profile/");
    assert!(docs(&en, "aluminum") >= 3);
    let page = project.read("dist/web/zh-CN/search/index.html");
    assert!(
        page.contains("data-index=\"../search-index.json\""),
        "{page}"
    );
}

// messages.json gives each message's text and who served it; messages that need arguments list
// their variables; the .ftl files are published beside it.
#[test]
fn messages_json_and_ftl_resources() {
    let project = exported("web", &[]);
    let json: serde_json::Value =
        serde_json::from_str(&project.read("dist/web/ar/messages.json")).unwrap();
    assert_eq!(json["locale"], "ar");
    assert_eq!(json["fallback"], serde_json::json!(["en-US"]));
    let m = &json["messages"];
    assert_eq!(
        m["nav-home"],
        serde_json::json!({"locale": "ar", "value": "الرئيسية"})
    );
    assert_eq!(
        m["profile-history-p1"],
        serde_json::json!({"locale": "en-US", "value": "Acme was founded in 1990 in Lyon."})
    );
    assert_eq!(
        m["search-results"],
        serde_json::json!({"locale": "ar", "variables": ["count", "query"]})
    );
    assert_eq!(
        json["resources"],
        serde_json::json!(["ftl/pages/home.ftl", "ftl/pages/profile.ftl", "ftl/ui.ftl"])
    );
    assert_eq!(
        project.read("dist/web/ar/ftl/ui.ftl"),
        project.read("locales/ar/ui.ftl")
    );
    let _: BTreeMap<String, serde_json::Value> = serde_json::from_value(m.clone()).unwrap();
}
