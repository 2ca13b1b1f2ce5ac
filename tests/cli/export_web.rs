//! `fluentpress export web`: the localized static site, checked file by file.

use std::collections::BTreeMap;

use fluentpress::export::web::search::decode_numbers;

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
    for sub in ["content", "locales", "snapshots", "static"] {
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
        page.contains(
            "<h1 lang=\"en-US\">Company Profile <span class=\"fallback-badge\" lang=\"de\""
        ),
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
        "<link rel=\"alternate\" hreflang=\"en-US\" href=\"https://acme.example/en-US/profile/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://acme.example/en-US/profile/\">",
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
    let fragments: String = std::fs::read_dir(project.path("dist/web/fr/search/f"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            project.read_index(
                path.strip_prefix(project.path(""))
                    .unwrap()
                    .to_str()
                    .unwrap(),
            )
        })
        .collect();
    assert!(
        fragments.contains("<script>"),
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
    // The search index among them, gzip-compressed.
    let manifest = std::fs::read(project.path("a/fr/search/manifest.fpz")).unwrap();
    assert_eq!(manifest[..2], [0x1f, 0x8b]);
    assert!(
        project
            .read_index("a/fr/search/manifest.fpz")
            .contains("\"docs\":")
    );
}

/// A locale's search index as exported: its manifest, and the dictionary of all its term
/// shards merged (checking on the way that each shard's keys lie in the range the manifest
/// gives it, so a client looking a key up fetches the right shard).
pub fn search_index(
    project: &TestProject,
    tag: &str,
) -> (
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
) {
    let folder = format!("dist/web/{tag}/search");
    let manifest: serde_json::Value =
        serde_json::from_str(&project.read_index(&format!("{folder}/manifest.fpz"))).unwrap();
    let separators: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    // JavaScript compares strings by UTF-16 code units.
    let utf16 = |s: &str| s.encode_utf16().collect::<Vec<_>>();
    let mut terms = serde_json::Map::new();
    for (n, first) in separators.iter().enumerate() {
        let shard: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&project.read_index(&format!("{folder}/t/{n}.fpz"))).unwrap();
        for key in shard.keys() {
            assert!(utf16(key) >= utf16(first), "{key} before shard {n}");
            if let Some(next) = separators.get(n + 1) {
                assert!(utf16(key) < utf16(next), "{key} after shard {n}");
            }
        }
        terms.extend(shard);
    }
    (manifest, terms)
}

/// The pages an index entry lists, following a word's pointer to its stem.
pub fn pages_of(terms: &serde_json::Map<String, serde_json::Value>, key: &str) -> Vec<u64> {
    let Some(entry) = terms.get(key) else {
        return Vec::new();
    };
    // A postings string, or [the key to look up, the word's own postings if any].
    let mut pages = Vec::new();
    let postings = match entry.as_array() {
        Some(pointer) => {
            pages = pages_of(terms, pointer[0].as_str().unwrap());
            pointer.get(1).map_or("", |p| p.as_str().unwrap())
        }
        None => entry.as_str().unwrap(),
    };
    let mut numbers: Vec<u64> = decode_numbers(postings)
        .unwrap()
        .into_iter()
        .map(u64::from)
        .collect();
    // Page delta, frequencies, length, then as many positions as title and body counts allow.
    let mut page = 0;
    while numbers.len() >= 3 {
        page += numbers[0];
        let code = numbers[1];
        let positions = ((code & 3) + (code >> 4)).min(3) as usize;
        pages.push(page);
        numbers.drain(..(3 + positions).min(numbers.len()));
    }
    pages.sort_unstable();
    pages.dedup();
    pages
}

// The search index of the sample site: Chinese is indexed by characters and pairs (铝 finds
// pages), Latin text is folded (no accents, lower case) and stemmed where the language has a
// Snowball stemmer (a word whose stem differs points at it), the glossary's synonyms find each
// other's pages, and the result count's texts follow the locale's plural categories.
#[test]
fn search_index_of_the_sample_site() {
    let project = sample_project();
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    let (zh_manifest, zh) = search_index(&project, "zh-CN");
    assert!(pages_of(&zh, "铝").len() >= 3, "{}", zh["铝"]);
    assert!(pages_of(&zh, "宏桥").len() >= 3);
    assert_eq!(zh_manifest["stemmer"], serde_json::Value::Null);
    assert_eq!(
        zh_manifest["results"]["exact"]["0"],
        "未找到与“{query}”相关的结果"
    );
    let (fr_manifest, fr) = search_index(&project, "fr");
    assert_eq!(fr_manifest["stemmer"], "french");
    assert!(!pages_of(&fr, "developpement").is_empty());
    assert!(fr.get("développement").is_none());
    assert_eq!(
        fr_manifest["results"]["categories"]["one"],
        "{count} résultat pour «\u{a0}{query}\u{a0}»"
    );
    // Indonesian has no Snowball stemmer: its words are their own keys.
    let (id_manifest, id) = search_index(&project, "id-ID");
    assert_eq!(id_manifest["stemmer"], serde_json::Value::Null);
    assert!(!pages_of(&id, "aluminium").is_empty());
    assert!(id["aluminium"].is_string());
    let (en_manifest, en) = search_index(&project, "en-US");
    assert_eq!(en_manifest["docs"], 4);
    let fragment: serde_json::Value =
        serde_json::from_str(&project.read_index("dist/web/en-US/search/f/2.fpz")).unwrap();
    assert_eq!(fragment["u"], "profile/");
    assert_eq!(fragment["t"], "Company Profile");
    assert!(
        fragment["x"]
            .as_str()
            .unwrap()
            .contains("aluminum producer")
    );
    let aluminum = pages_of(&en, "aluminum");
    assert!(aluminum.len() >= 3);
    // locales/en-US/glossary.yaml: aluminum, synonyms: [aluminium].
    assert_eq!(pages_of(&en, "aluminium"), aluminum);
    // "producing" and "produce" share the stem "produc".
    assert_eq!(en["producing"], serde_json::json!(["produc"]));
    let page = project.read("dist/web/zh-CN/search/index.html");
    assert!(page.contains("data-index=\"./\""), "{page}");
    assert!(page.contains("assets/search.js"), "{page}");
}

// A site of many pages gets many term shards, each in the manifest's order, a fragment per
// page, and the index of a word planted in one page lists that page only.
#[test]
fn search_index_is_sharded() {
    let project = TestProject {
        dir: tempfile::tempdir().unwrap(),
    };
    project.write(
        "fluentpress.yaml",
        "site:\n  name: Test\n  base_url: https://example.org/\nsource_locale:\n  tag: en-US\n  name: English\nlocales: []\n",
    );
    for n in 0..300 {
        let words: Vec<String> = (0..40)
            .map(|w| format!("word{}", (n * 7 + w * 13) % 997))
            .collect();
        project.write(
            &format!("content/p{n}.md"),
            format!(
                "---\ntitle: Page {n}\nslug: p{n}\n---\n\n{}{}\n",
                words.join(" "),
                if n == 123 { " zanzibarite" } else { "" }
            ),
        );
    }
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (manifest, terms) = search_index(&project, "en-US");
    let shards = manifest["shards"].as_array().unwrap().len();
    assert!(shards > 2, "{shards} shards");
    let n = manifest["docs"].as_u64().unwrap();
    assert_eq!(n, 300);
    for doc in 0..n {
        assert!(
            project
                .path(&format!("dist/web/en-US/search/f/{doc}.fpz"))
                .exists()
        );
    }
    let planted = pages_of(&terms, "zanzibarit");
    assert_eq!(planted.len(), 1);
    let fragment = project.read_index(&format!("dist/web/en-US/search/f/{}.fpz", planted[0]));
    assert!(fragment.contains("\"u\":\"p123/\""), "{fragment}");
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

// A page that shows more than half of its messages from another locale (the Arabic profile
// translates 1 of 6) is `noindex`, offers no alternates, and is left out of the other versions'
// alternates and of the sitemap; a page translated enough (the Arabic home) stays in.
#[test]
fn mostly_fallback_pages_are_not_indexed() {
    let project = exported("web", &[]);
    let ar = project.read("dist/web/ar/profile/index.html");
    assert!(
        ar.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{ar}"
    );
    assert!(!ar.contains("rel=\"alternate\""), "{ar}");
    let fr = project.read("dist/web/fr/profile/index.html");
    assert!(!fr.contains("noindex"), "{fr}");
    assert!(!fr.contains("hreflang=\"ar\" href=\"https://"), "{fr}");
    let sitemap = project.read("dist/web/sitemap.xml");
    assert!(
        !sitemap.contains("https://acme.example/ar/profile/"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://acme.example/ar/</loc>"),
        "{sitemap}"
    );
    let home = project.read("dist/web/ar/index.html");
    assert!(!home.contains("noindex"), "{home}");
    assert!(
        home.contains(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://acme.example/en-US/\">"
        ),
        "{home}"
    );
}

// A block shown in another language carries a visible badge naming that language, in the
// page's own words, with the explanation for hover, focus and screen readers.
#[test]
fn fallback_blocks_carry_a_named_badge() {
    let project = exported("web", &[]);
    let ar = project.read("dist/web/ar/profile/index.html");
    let badge = ar
        .split("<span class=\"fallback-badge\"")
        .nth(1)
        .and_then(|rest| rest.split("</span>").next())
        .unwrap_or_else(|| panic!("no badge in {ar}"));
    assert!(
        badge.contains("lang=\"ar\" dir=\"rtl\" tabindex=\"0\" role=\"note\""),
        "{badge}"
    );
    assert!(badge.contains("aria-label=\""), "{badge}");
    assert!(badge.ends_with(">English"), "{badge}");
    // Translated text has none.
    assert!(
        !project
            .read("dist/web/fr/index.html")
            .contains("fallback-badge\" lang")
    );
}

// `site.theme` gives the site its primary colour and logo without a template: the colour is
// written after the stylesheet, the logo copied to /assets/ and shown before the site's name.
#[test]
fn theme_colour_and_logo_from_the_configuration() {
    let project = TestProject::fixture("web");
    let config = project.read("fluentpress.yaml").replacen(
        "site:\n",
        "site:\n  theme:\n    primary: \"#7a1f2b\"\n    logo: static/Logo.SVG\n",
        1,
    );
    project.write("fluentpress.yaml", config);
    project.write(
        "static/Logo.SVG",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let page = project.read("dist/web/fr/profile/index.html");
    assert!(
        page.contains("<style>:root{--primary:#7a1f2b}</style>"),
        "{page}"
    );
    assert!(
        page.contains("<img class=\"logo\" src=\"../../assets/logo.svg\" alt=\"\""),
        "{page}"
    );
    assert_eq!(
        project.read("dist/web/assets/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    // Without a theme, neither.
    let plain = exported("web", &[]).read("dist/web/fr/profile/index.html");
    assert!(
        !plain.contains("<style>") && !plain.contains("class=\"logo\""),
        "{plain}"
    );
}

// A primary colour that is not one, or a logo that is not an image file of the project, is a
// configuration error pointing at its value (exit 2), before anything is written.
#[test]
fn bad_theme_values_are_refused_at_their_position() {
    for (theme, expected) in [
        (
            "    primary: \"red;}body{display:none\"\n",
            "fluentpress.yaml:3:14: site.theme.primary `red;}body{display:none` is not a colour",
        ),
        (
            "    logo: static/missing.svg\n",
            "fluentpress.yaml:3:11: site.theme.logo `static/missing.svg` is not a file",
        ),
        (
            "    logo: fluentpress.yaml\n",
            "fluentpress.yaml:3:11: site.theme.logo `fluentpress.yaml` is not an image",
        ),
        (
            "    logo: ../outside.svg\n",
            "fluentpress.yaml:3:11: site.theme.logo `../outside.svg`",
        ),
    ] {
        let project = TestProject::fixture("web");
        let config = project.read("fluentpress.yaml").replacen(
            "site:\n",
            &format!("site:\n  theme:\n{theme}"),
            1,
        );
        project.write("fluentpress.yaml", config);
        let (code, stdout, stderr) = project.run(&["export", "web"]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
        assert!(!project.path("dist/web").exists());
    }
}

// The root page carries the language table computed from CLDR's likely subtags: Traditional
// Chinese (zh-TW, zh-MO, zh-Hant) leads to zh-HK, Simplified (zh, zh-Hans) to zh-CN, and
// regions that change nothing (fr-CA, de-AT, zh-SG) are not listed.
#[test]
fn root_page_matches_languages_by_likely_script() {
    let project = sample_project();
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let root = project.read("dist/web/index.html");
    for entry in [
        "\"zh\":\"zh-CN\"",
        "\"zh-hans\":\"zh-CN\"",
        "\"zh-hant\":\"zh-HK\"",
        "\"zh-mo\":\"zh-HK\"",
        "\"zh-tw\":\"zh-HK\"",
        "\"fr\":\"fr\"",
        "\"de\":\"de\"",
        "\"id\":\"id-ID\"",
    ] {
        assert!(root.contains(entry), "{entry}\n{root}");
    }
    for absent in ["\"zh-sg\"", "\"fr-ca\"", "\"de-at\"", "\"ja\""] {
        assert!(!root.contains(absent), "{absent}\n{root}");
    }
}

// The home page has the site's identity (its name and description as an introduction), the
// teasers of content/home.md as cards, each with its "learn more" link; text before the first
// heading stays above them. Header: menu button, search box, languages, navigation; footer:
// navigation, languages, copyright.
#[test]
fn home_page_has_an_introduction_and_teaser_cards() {
    let project = sample_project();
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let home = project.read("dist/web/fr/index.html");
    assert!(home.contains("<body class=\"home\">"), "{home}");
    assert!(home.contains("<header class=\"hero\">\n<h1>"), "{home}");
    assert!(home.contains("<p class=\"lead\">"), "{home}");
    let cards = home.split("<div class=\"cards\">").nth(1).unwrap();
    assert_eq!(
        cards.matches("<section class=\"card\">").count(),
        3,
        "{home}"
    );
    for link in [
        "../fr/profile/",
        "../fr/overseas/",
        "../fr/social-responsibility/",
    ] {
        assert!(
            cards.contains(&format!("<a href=\"{link}\">")),
            "{link}\n{home}"
        );
    }
    for part in [
        "<label class=\"menu-button\" for=\"menu-toggle\">Menu</label>",
        "placeholder=\"Saisissez un mot-clé\"",
        "<footer class=\"site-footer\">",
        "<nav class=\"footer-nav\" aria-label=\"Plan du site\">",
        "<p class=\"copyright\">©",
    ] {
        assert!(home.contains(part), "{part}\n{home}");
    }
    // Other pages have neither introduction nor cards.
    let profile = project.read("dist/web/fr/profile/index.html");
    assert!(!profile.contains("class=\"cards\"") && !profile.contains("hero"));

    let fixture = exported("web", &[]);
    let ar = fixture.read("dist/web/ar/index.html");
    let intro = ar.find("<p>مرحبًا").unwrap();
    assert!(intro < ar.find("<div class=\"cards\">").unwrap(), "{ar}");
    // A ui.ftl older than the menu button still gets words, not the message's id.
    assert!(ar.contains("for=\"menu-toggle\">Menu</label>"), "{ar}");
}

// The error points at `site.theme.logo` even when `print.logo` comes first in the file.
#[test]
fn bad_theme_logo_is_found_in_the_site_section() {
    let project = TestProject::fixture("web");
    let config = project.read("fluentpress.yaml").replacen(
        "site:\n",
        "print:\n  logo: print.svg\nsite:\n  theme:\n    logo: web.gif\n",
        1,
    );
    project.write("fluentpress.yaml", config);
    project.write("print.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("fluentpress.yaml:5:11: site.theme.logo `web.gif` is not an image"),
        "{stderr}"
    );
}

// The sample project shows the theme off: its lettermark (static/logo.svg) is copied into the
// site and drawn before the name in every page's header.
#[test]
fn sample_site_wears_its_logo() {
    let project = sample_project();
    let (code, _, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        project.read("dist/web/assets/logo.svg"),
        std::fs::read_to_string(sample_root().join("static/logo.svg")).unwrap()
    );
    for page in [
        "dist/web/en-US/index.html",
        "dist/web/zh-HK/profile/index.html",
    ] {
        assert!(
            project.read(page).contains("<img class=\"logo\" src=\"../"),
            "{page}"
        );
    }
}
