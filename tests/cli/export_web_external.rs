//! `export web` checked by outside programs: the exported bundles loaded by `@fluent/bundle`
//! under Node, the site driven in headless Chromium, and the search payload compared with
//! Pagefind's. Ignored by default; `.ci/run` installs the programs (`.ci/install-deps`) and runs
//! them with `--include-ignored`.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::browser::{Browser, Server, js_dir};
use crate::export_web::sample_project;
use crate::support::TestProject;

fn export(project: &TestProject, args: &[&str]) {
    let mut all = vec!["export", "web"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = project.run(&all);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

fn node(args: &[&str]) -> Value {
    let output = Command::new("node")
        .args(args)
        .current_dir(js_dir())
        .output()
        .expect("node");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

// A client runtime loads a locale's published .ftl resources (listed in messages.json) with
// @fluent/bundle and formats a plural message in that locale's categories.
#[test]
#[ignore = "needs node and tests/js/node_modules; run by .ci/run"]
fn fluent_bundle_formats_the_exported_resources() {
    let project = TestProject::fixture("web");
    export(&project, &[]);
    let dist = project.path("dist/web");
    let dist = dist.to_str().unwrap();
    let formatted = |locale: &str, count: &str| {
        let out = node(&["fluent-bundle.mjs", dist, locale, "search-results", count]);
        assert_eq!(out["errors"], json!([]), "{out}");
        assert_eq!(
            out["manifest"],
            json!({"locale": locale, "variables": ["count", "query"]})
        );
        out["formatted"].as_str().unwrap().to_string()
    };
    assert_eq!(formatted("fr", "1"), "1 résultat pour «\u{a0}q\u{a0}»");
    assert_eq!(formatted("fr", "3"), "3 résultats pour «\u{a0}q\u{a0}»");
    assert_eq!(formatted("ar", "2"), "نتيجتان عن «q»");
    assert_eq!(formatted("ar", "3"), "3 نتائج عن «q»");
    assert_eq!(formatted("ar", "11"), "11 نتيجة عن «q»");
}

// In a real browser: lang and dir, the language switcher from the zh-CN profile page to the fr
// one, the root page's choice of language, and search for an English word, for 铝 and for a
// French word typed without its accents.
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn site_in_a_real_browser() {
    let sample = sample_project();
    export(&sample, &[]);
    let fixture = TestProject::fixture("web");
    export(&fixture, &[]);
    let site = Server::start(&sample.path("dist/web"));
    let rtl = Server::start(&fixture.path("dist/web"));
    let mut browser = Browser::launch();

    browser.goto(&rtl.url("/ar/profile/"));
    assert_eq!(browser.eval("document.documentElement.lang"), "ar");
    assert_eq!(
        browser.eval("getComputedStyle(document.body).direction"),
        "rtl"
    );
    assert_eq!(
        browser.eval("document.querySelector('main p').closest('[lang]').lang + ' ' + getComputedStyle(document.querySelector('main p')).direction"),
        "en-US ltr"
    );

    browser.goto(&site.url("/zh-CN/profile/"));
    assert_eq!(browser.eval("document.documentElement.lang"), "zh-CN");
    assert_eq!(browser.eval("document.documentElement.dir"), "ltr");
    browser.eval("document.querySelector('.language-switcher a[hreflang=fr]').click()");
    browser.wait_for("location.pathname === '/fr/profile/' && document.readyState === 'complete'");
    assert_eq!(browser.eval("document.documentElement.lang"), "fr");
    assert_eq!(
        browser.eval("document.querySelector('h1').textContent"),
        "Présentation de l’entreprise"
    );

    // The root page follows the browser's languages, and remembers a language picked above.
    let user_agent = browser.call("Browser.getVersion", json!({}))["userAgent"].clone();
    browser.call(
        "Network.setUserAgentOverride",
        json!({"userAgent": user_agent, "acceptLanguage": "id-ID,id;q=0.9"}),
    );
    browser.goto(&site.url("/"));
    browser.wait_for("location.pathname === '/fr/'");
    browser.eval("localStorage.removeItem('fluentpress-locale')");
    browser.goto(&site.url("/"));
    browser.wait_for("location.pathname === '/id-ID/'");

    let search = |browser: &mut Browser, page: &str, query: &str| -> (Value, Value) {
        browser.goto(&site.url(page));
        browser.eval(&format!(
            "(() => {{ const i = document.getElementById('search-input'); i.value = {}; i.form.requestSubmit(); }})()",
            json!(query)
        ));
        browser.wait_for("document.getElementById('search')?.dataset.state === 'done'");
        (
            browser.eval("document.getElementById('search-count').textContent"),
            browser.eval("Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))"),
        )
    };
    let (count, links) = search(&mut browser, "/en-US/", "aluminum");
    assert_eq!(count, "3 results for “aluminum”");
    assert!(
        links.as_array().unwrap().contains(&json!("../profile/")),
        "{links}"
    );
    let (count, links) = search(&mut browser, "/zh-CN/", "铝");
    assert!(count.as_str().unwrap().contains("“铝”"), "{count}");
    assert!(!links.as_array().unwrap().is_empty(), "{links}");
    // Results lead to pages of the same locale.
    browser.eval("document.querySelector('#search-results a').click()");
    browser.wait_for(
        "location.pathname.startsWith('/zh-CN/') && !location.pathname.includes('search')",
    );
    let (count, _) = search(&mut browser, "/fr/", "developpement");
    assert!(count.as_str().unwrap().contains("résultat"), "{count}");
    let (count, links) = search(&mut browser, "/fr/", "zzzz");
    assert_eq!(count, "Aucun résultat pour «\u{a0}zzzz\u{a0}»");
    assert_eq!(links, json!([]));
}

// The hostile fixture's translations run nothing: no script, handler or link of theirs sets the
// marker they all aim for, on the page or in the search results.
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn hostile_translations_execute_nothing_in_a_browser() {
    let project = TestProject::fixture("hostile");
    export(&project, &[]);
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    browser.goto(&site.url("/fr/"));
    // Give any injected handler (img onerror, iframe) time to fire.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let pwned = "document.documentElement.dataset.pwned === undefined";
    assert_eq!(browser.eval(pwned), true);
    assert_eq!(browser.eval("document.scripts.length"), 1);
    assert_eq!(
        browser.eval("document.querySelectorAll('img, iframe, b').length"),
        0
    );
    // Hovering and clicking every link of the page's content runs nothing either.
    browser.eval("document.querySelectorAll('main a, nav a').forEach(a => a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))");
    assert_eq!(browser.eval(pwned), true);
    assert_eq!(
        browser.eval("Array.from(document.querySelectorAll('a[href]')).filter(a => !['http:', 'https:', 'mailto:'].includes(a.protocol)).length"),
        0
    );
    browser.goto(&site.url("/fr/search/?q=paragraphe"));
    browser.wait_for("document.getElementById('search')?.dataset.state === 'done'");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        browser.eval("document.querySelectorAll('#search-results li').length"),
        1
    );
    assert_eq!(browser.eval(pwned), true);
    assert!(
        browser
            .eval("document.querySelector('#search-results a').textContent")
            .as_str()
            .unwrap()
            .contains("<script>")
    );
}

/// Sum of the bytes the page loaded from resources whose URL matches `filter`, and their paths.
fn loaded_paths(browser: &mut Browser, filter: &str) -> (u64, Vec<String>) {
    let entries = browser.eval(&format!(
        "performance.getEntriesByType('resource').filter(e => {filter}).map(e => [new URL(e.name).pathname, e.encodedBodySize])"
    ));
    let mut total = 0;
    let mut paths = Vec::new();
    for entry in entries.as_array().unwrap() {
        total += entry[1].as_u64().unwrap();
        paths.push(entry[0].as_str().unwrap().to_string());
    }
    (total, paths)
}

/// The bytes a static host sends for a file: a file stored gzip-compressed (ours and Pagefind's
/// index files) as it is, any other gzip -9 (hosts compress text on the fly).
fn served_size(path: &Path) -> u64 {
    let bytes = std::fs::read(path).unwrap();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes.len() as u64;
    }
    let output = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .expect("gzip");
    output.stdout.len() as u64
}

// The bytes a visitor downloads for one search, ours against Pagefind's on the same exported
// HTML, each file counted as a host serves it (both indexes are stored gzip-compressed; the
// clients and Pagefind's entry JSON are compressed by the host). Prints the table quoted in the
// guide (docs/src/web.md); fails if ours is not the smaller.
#[test]
#[ignore = "needs chromium, node and tests/js/node_modules (pagefind); run by .ci/run"]
fn search_payload_against_pagefind() {
    let project = sample_project();
    export(&project, &[]);
    let dist = project.path("dist/web");
    let status = Command::new(js_dir().join("node_modules/.bin/pagefind"))
        .arg("--site")
        .arg(&dist)
        .arg("--quiet")
        .status()
        .expect("pagefind");
    assert!(status.success());
    let site = Server::start(&dist);
    let mut browser = Browser::launch();
    println!(
        "query            | fluentpress stored | fluentpress served | pagefind served (5 results shown)"
    );
    for (locale, query) in [
        ("en-US", "aluminum"),
        ("zh-CN", "铝"),
        ("fr", "developpement"),
    ] {
        browser.goto(&site.url(&format!("/{locale}/search/?q={}", urlencode(query))));
        browser.wait_for("document.getElementById('search')?.dataset.state === 'done'");
        let (ours, paths) = loaded_paths(
            &mut browser,
            "e.name.endsWith('/search.js') || e.name.includes('/search/')",
        );
        // The client, the manifest, a shard or two, and a fragment per result shown.
        assert!(
            paths.iter().any(|p| p.ends_with("/manifest.fpz")),
            "{paths:?}"
        );
        assert!(paths.iter().any(|p| p.contains("/search/t/")), "{paths:?}");
        assert!(paths.iter().any(|p| p.contains("/search/f/")), "{paths:?}");
        let served = |paths: &[String]| -> u64 {
            paths
                .iter()
                .map(|p| served_size(&dist.join(p.trim_start_matches('/'))))
                .sum()
        };
        let ours_served = served(&paths);

        // Pagefind's documented JS API, on a page of the same locale: search, then load the
        // data of the first five results, as its default UI shows them.
        let probe = format!(
            "<!DOCTYPE html><html lang=\"{locale}\"><head><meta charset=\"utf-8\"><title>probe</title></head><body><script type=\"module\">\nconst pagefind = await import('../pagefind/pagefind.js');\nconst search = await pagefind.search({});\nconst data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));\ndocument.body.dataset.count = String(search.results.length);\ndocument.body.dataset.done = 'yes';\n</script></body></html>",
            json!(query)
        );
        std::fs::write(dist.join(locale).join("pagefind-probe.html"), probe).unwrap();
        browser.goto(&site.url(&format!("/{locale}/pagefind-probe.html")));
        browser.wait_for("document.body.dataset.done === 'yes'");
        let found = browser.eval("Number(document.body.dataset.count)");
        assert!(
            found.as_u64().unwrap() > 0,
            "pagefind found nothing for {query}"
        );
        let (_, their_paths) = loaded_paths(&mut browser, "e.name.includes('/pagefind/')");
        let theirs = served(&their_paths);
        println!(
            "{locale} {query:<10} | {ours:>18} | {ours_served:>18} | {theirs:>15} ({found} results)"
        );
        assert!(ours_served < theirs, "{locale}: {ours_served} >= {theirs}");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A one-locale (en-US) project with the given pages: (slug, title, Markdown body).
pub fn english_site(pages: &[(&str, &str, &str)], glossary: Option<&str>) -> TestProject {
    let project = TestProject {
        dir: tempfile::tempdir().unwrap(),
    };
    project.write(
        "fluentpress.yaml",
        "site:\n  name: Test\n  base_url: https://example.org/\nsource_locale:\n  tag: en-US\n  name: English\nlocales: []\n",
    );
    for (slug, title, body) in pages {
        project.write(
            &format!("content/{slug}.md"),
            format!("---\ntitle: {title}\nslug: {slug}\n---\n\n{body}\n"),
        );
    }
    project.write(
        "locales/en-US/ui.ftl",
        "search-results = { $count ->\n    [0] No results for { $query }\n    [one] { $count } result for { $query }\n   *[other] { $count } results for { $query }\n}\n",
    );
    if let Some(glossary) = glossary {
        project.write("locales/en-US/glossary.yaml", glossary);
    }
    project
}

// The exported site's own search client (assets/search.js), run under Node against the
// exported index: words are found by their stem whatever form is typed, title matches rank
// first, words side by side beat words far apart, the beginning of a word finds it while
// typing, synonyms find each other, snippets are text nodes and <mark>s around the match, and
// a query fetches the manifest, the shards of its words and the fragments of its results only.
#[test]
#[ignore = "needs node; run by .ci/run"]
fn search_client_under_node() {
    let filler = "Quarterly figures and staff news from the plants. ".repeat(12);
    let mut pages = vec![
        (
            "ops",
            "Refinery operations",
            format!("Our refineries run day and night.\n\n{filler}"),
        ),
        (
            "report",
            "Annual report",
            format!("## Results\n\n{filler} The refinery in Guinea grew.\n\n{filler}"),
        ),
        (
            "near",
            "Smelting",
            format!("{filler} The aluminium smelter opened in May."),
        ),
        (
            "far",
            "Plants",
            format!("The smelter is new. {filler} Aluminium prices rose."),
        ),
    ];
    for n in 0..40 {
        pages.push(("", "", format!("Page {n}. {filler}")));
    }
    let pages: Vec<(String, String, String)> = pages
        .into_iter()
        .enumerate()
        .map(|(n, (slug, title, body))| {
            if slug.is_empty() {
                (format!("filler{n}"), format!("Filler {n}"), body)
            } else {
                (slug.to_string(), title.to_string(), body)
            }
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = pages
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let project = english_site(
        &refs,
        Some(
            "terms:\n  - source: aluminum\n    translations: [aluminum]\n    synonyms: [aluminium]\n",
        ),
    );
    export(&project, &[]);
    let dist = project.path("dist/web");
    let script = js_dir().join("search-client.mjs");
    let queries = [
        "refineries",
        "REFINERY",
        "aluminium smelter",
        "refin",
        "aluminum",
        "zzzz",
        "refinerys",
    ];
    // The client reads the index files as stored (gzip), or with `--decoded` as a host that
    // answers them with `Content-Encoding: gzip` delivers them: inflated already.
    let run = |decoded: bool| -> Vec<Value> {
        let output = Command::new("node")
            .arg(&script)
            .args(decoded.then_some("--decoded"))
            .arg(&dist)
            .arg("en-US")
            .args(queries)
            .output()
            .expect("node");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let lines = run(false);
    assert_eq!(lines.len(), queries.len());
    assert_eq!(
        run(true),
        lines,
        "already decoded bytes give the same results"
    );
    let urls = |v: &Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_string())
            .collect()
    };

    // "refineries" (page ops) and "refinery" (page report) share a stem; the title match first.
    let refineries = &lines[0];
    assert_eq!(urls(refineries), ["ops/", "report/"], "{refineries}");
    assert_eq!(refineries["count"], "2 results for refineries");
    assert_eq!(urls(&lines[1]), ["ops/", "report/"]);
    // The snippet of the second result is the passage around its match, highlighted.
    let snippet = &refineries["results"][1]["snippet"];
    let marked: Vec<&str> = snippet
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["mark"] == true)
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["refinery"], "{snippet}");
    assert!(snippet.to_string().contains("in Guinea grew"), "{snippet}");
    let nodes = refineries["nodes"].as_array().unwrap();
    assert!(nodes.contains(&json!("mark>#text")), "{nodes:?}");
    assert!(
        nodes.iter().all(|n| n == "#text" || n == "mark>#text"),
        "{nodes:?}"
    );
    // Fetched: the manifest, the shard(s) of the word, a fragment per result and nothing else.
    let fetched: Vec<&str> = refineries["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(fetched[0], "manifest.fpz");
    assert_eq!(fetched.iter().filter(|f| f.starts_with("f/")).count(), 2);
    assert!(
        fetched.iter().filter(|f| f.starts_with("t/")).count() <= 2,
        "{fetched:?}"
    );

    // Words side by side rank above the same words far apart.
    assert_eq!(urls(&lines[2]), ["near/", "far/"], "{}", lines[2]);
    // While typing: the beginning of a word.
    assert_eq!(urls(&lines[3]), ["ops/", "report/"], "{}", lines[3]);
    // The glossary's synonym: "aluminum" finds the pages writing "aluminium".
    assert_eq!(urls(&lines[4]).len(), 2, "{}", lines[4]);
    assert_eq!(lines[5]["total"], 0);
    assert_eq!(lines[5]["count"], "No results for zzzz");
    // A form the site never writes: its longest beginning in the dictionary stands for it.
    assert_eq!(urls(&lines[6]), ["ops/", "report/"], "{}", lines[6]);
}

/// Decodes standard base64 (what DevTools returns for a screenshot).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| *c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= u32::from(value(*c)) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

// A search on a 10,000-page site in headless Chromium: the result shows (title, snippet with
// the word marked, the count) and the page fetched only the client, the manifest, the shards
// of the query's words and the fragments of the results shown, a dozen requests at most of the
// index's thousands of files. Typing the beginning of another word updates the results and the
// URL's `?q=`.
#[test]
#[ignore = "needs chromium; exports 10,000 pages (tens of seconds in a debug build); run by .ci/run"]
fn search_on_a_large_site_fetches_only_its_shards() {
    const PAGES: usize = 10_000;
    let words = [
        "alumina",
        "smelter",
        "energy",
        "port",
        "railway",
        "school",
        "quality",
        "annual",
        "capacity",
        "bauxite",
        "community",
        "tonnes",
        "welfare",
        "chain",
        "local",
    ];
    let pages: Vec<(String, String, String)> = (0..PAGES)
        .map(|n| {
            let body: Vec<&str> = (0..40)
                .map(|w| words[(n * 7 + w * 3 + w * w) % words.len()])
                .collect();
            let mut body = body.join(" ");
            if n == 4321 {
                body.push_str(" The quetzalcoatlite deposit was found here.");
            }
            if n == 987 {
                body.push_str(" A xylophonist played.");
            }
            (
                format!("p{n}"),
                format!("Page {n} {}", words[n % words.len()]),
                body,
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = pages
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let project = english_site(&refs, None);
    export(&project, &[]);
    let dist = project.path("dist/web");
    let index_files = std::fs::read_dir(dist.join("en-US/search/t"))
        .unwrap()
        .count()
        + std::fs::read_dir(dist.join("en-US/search/f"))
            .unwrap()
            .count();
    assert!(index_files > PAGES, "{index_files} index files");
    let site = Server::start(&dist);
    let mut browser = Browser::launch();
    browser.goto(&site.url("/en-US/search/?q=quetzalcoatlite"));
    browser.wait_for("document.getElementById('search')?.dataset.state === 'done'");
    assert_eq!(
        browser.eval("document.getElementById('search-count').textContent"),
        "1 result for quetzalcoatlite"
    );
    assert_eq!(
        browser.eval("document.querySelector('#search-results a').getAttribute('href')"),
        "../p4321/"
    );
    assert_eq!(
        browser.eval("document.querySelector('#search-results mark').textContent"),
        "quetzalcoatlite"
    );
    let (_, paths) = loaded_paths(&mut browser, "e.name.includes('/search')");
    let shards = paths.iter().filter(|p| p.contains("/search/t/")).count();
    let fragments = paths.iter().filter(|p| p.contains("/search/f/")).count();
    assert_eq!(
        paths.len(),
        2 + shards + fragments,
        "search.js, the manifest, shards and fragments only: {paths:?}"
    );
    assert!((1..=2).contains(&shards), "{paths:?}");
    assert_eq!(fragments, 1, "{paths:?}");

    // While typing: the beginning of a word, and the URL follows.
    browser.eval("(() => { const i = document.getElementById('search-page-input'); i.value = 'xyloph'; i.dispatchEvent(new Event('input')); })()");
    browser.wait_for("document.getElementById('search')?.dataset.state === 'done' && document.querySelector('#search-results a')?.getAttribute('href') === '../p987/'");
    assert_eq!(browser.eval("location.search"), "?q=xyloph");
    // A common word: paged, ten results a page, page links keep the query.
    browser.goto(&site.url("/en-US/search/?q=railway&page=2"));
    browser.wait_for("document.getElementById('search')?.dataset.state === 'done'");
    assert_eq!(
        browser.eval("document.querySelectorAll('#search-results li').length"),
        10
    );
    assert_eq!(
        browser.eval("document.querySelector('#search-pages [aria-current]').textContent"),
        "2"
    );
    let shot = browser.call("Page.captureScreenshot", json!({"format": "png"}));
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(
        artifacts.join("search-large-site.png"),
        base64_decode(shot["data"].as_str().unwrap()),
    )
    .unwrap();

    // A host that labels the gzip files `Content-Encoding: gzip`: the browser inflates them and
    // the client reads the JSON as it comes.
    let labelling = Server::start_labelling_gzip(&dist);
    browser.goto(&labelling.url("/en-US/search/?q=quetzalcoatlite"));
    browser.wait_for("document.getElementById('search')?.dataset.state === 'done'");
    assert_eq!(
        browser.eval("document.querySelector('#search-results a').getAttribute('href')"),
        "../p4321/"
    );
    let inflated = browser.eval(
        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/search/manifest.fpz')).map(e => e.decodedBodySize > e.encodedBodySize)",
    );
    assert_eq!(inflated, json!([true]), "the browser inflated the manifest");
}
