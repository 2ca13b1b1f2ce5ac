//! The default theme as a visitor meets it, in headless Chromium: no page scrolls sideways on a
//! phone, the menu button, the search box's placeholder shown whole, zh-HK drawn with a Hong
//! Kong face, the root page's language choice, the fallback badge; and screenshots of home and
//! profile pages in `target/test-artifacts/` to look at. Ignored by default (needs chromium and
//! fonts-noto-cjk; `.ci/run` runs them).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::browser::{Browser, Server};
use crate::export_web::sample_project;
use crate::support::TestProject;

const LOCALES: [&str; 6] = ["en-US", "zh-CN", "zh-HK", "id-ID", "fr", "de"];
const PAGES: [&str; 6] = [
    "",
    "profile/",
    "social-responsibility/",
    "overseas/",
    "search/?q=aluminum",
    "no-such-page/",
];

fn exported_sample() -> TestProject {
    let project = sample_project();
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    project
}

/// Emulates a screen `width` px wide (a phone below 800).
fn resize(browser: &mut Browser, width: u32, height: u32) {
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800}),
    );
}

// Every page of every locale fits the screen at 320, 360, 375, 390 and 1280 px, with the menu
// closed and open; on a phone the menu button opens the menu (keyboard too), whose search
// button is wholly on screen.
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn no_page_scrolls_sideways() {
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    let mut overflows = Vec::new();
    for width in [320, 360, 375, 390, 1280] {
        resize(&mut browser, width, 800);
        for locale in LOCALES {
            for page in PAGES {
                browser.goto(&site.url(&format!("/{locale}/{page}")));
                let fits = "document.documentElement.scrollWidth <= innerWidth";
                if browser.eval(fits) != json!(true) {
                    overflows.push(format!("{locale}/{page} at {width}px"));
                }
                if width < 800 {
                    // The menu is closed; the checkbox behind its button opens it.
                    assert_eq!(
                        browser
                            .eval("getComputedStyle(document.getElementById('site-menu')).display"),
                        "none",
                        "{locale}/{page} at {width}px"
                    );
                    browser.eval("document.querySelector('.menu-button').click()");
                    if browser.eval(fits) != json!(true) {
                        overflows.push(format!("{locale}/{page} at {width}px, menu open"));
                    }
                    let button = browser.eval(
                        "(() => { const r = document.querySelector('.search-form button').getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= innerWidth; })()",
                    );
                    assert_eq!(button, json!(true), "{locale}/{page} at {width}px");
                }
            }
        }
    }
    // Right to left too: the Arabic pages of the fixture.
    let fixture = TestProject::fixture("web");
    let (code, stdout, stderr) = fixture.run(&["export", "web"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let rtl = Server::start(&fixture.path("dist/web"));
    for width in [320, 390, 1280] {
        resize(&mut browser, width, 800);
        for page in ["", "profile/"] {
            browser.goto(&rtl.url(&format!("/ar/{page}")));
            let fits = "document.documentElement.scrollWidth <= innerWidth";
            if browser.eval(fits) != json!(true) {
                overflows.push(format!("ar/{page} at {width}px"));
            }
        }
    }
    assert!(
        overflows.is_empty(),
        "pages wider than the screen: {overflows:?}"
    );

    // Keyboard: Tab reaches the menu's checkbox, Space opens the menu.
    resize(&mut browser, 375, 800);
    browser.goto(&site.url("/fr/"));
    browser.eval("document.getElementById('menu-toggle').focus()");
    browser.call(
        "Input.dispatchKeyEvent",
        json!({"type": "keyDown", "key": " ", "code": "Space", "text": " "}),
    );
    browser.call(
        "Input.dispatchKeyEvent",
        json!({"type": "keyUp", "key": " ", "code": "Space"}),
    );
    browser.wait_for("getComputedStyle(document.getElementById('site-menu')).display !== 'none'");
}

// On a desktop the search box shows its whole placeholder in every locale (German's is long).
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn search_placeholder_is_never_cut_on_a_desktop() {
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    resize(&mut browser, 1280, 800);
    for locale in LOCALES {
        browser.goto(&site.url(&format!("/{locale}/profile/")));
        let room = browser.eval(
            "(() => { const i = document.getElementById('search-input'); const s = getComputedStyle(i); \
             const c = document.createElement('canvas').getContext('2d'); c.font = s.font; \
             const text = c.measureText(i.placeholder).width; \
             const inner = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); \
             return [text, inner]; })()",
        );
        let (text, inner) = (room[0].as_f64().unwrap(), room[1].as_f64().unwrap());
        assert!(text <= inner, "{locale}: placeholder {text}px in {inner}px");
    }
}

// A zh-HK paragraph is set in a Hong Kong face (Noto Sans CJK HK where installed), a zh-CN one
// in a Simplified face; their quotation marks come from the CJK font too.
#[test]
#[ignore = "needs chromium and fonts-noto-cjk; run by .ci/run"]
fn chinese_text_uses_its_own_faces() {
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    browser.call("DOM.enable", json!({}));
    browser.call("CSS.enable", json!({}));
    for (locale, face) in [("zh-HK", "Noto Sans CJK HK"), ("zh-CN", "Noto Sans CJK SC")] {
        browser.goto(&site.url(&format!("/{locale}/")));
        let family = browser.eval("getComputedStyle(document.querySelector('.card p')).fontFamily");
        assert!(
            family.as_str().unwrap().starts_with(&format!("\"{face}\"")),
            "{locale}: {family}"
        );
        let used = used_fonts(&mut browser, ".card p");
        assert!(
            used.iter().all(|f| f.contains(face)),
            "{locale}: drawn with {used:?}"
        );
        // The ESG card holds “from society and for society” in CJK quotation marks.
        let used = used_fonts(&mut browser, ".card:nth-child(3) p");
        assert!(
            used.iter().all(|f| f.contains(face)),
            "{locale}: drawn with {used:?}"
        );
    }
}

/// The fonts Chromium used to draw the text of the first element matching `selector`.
fn used_fonts(browser: &mut Browser, selector: &str) -> Vec<String> {
    let document = browser.call("DOM.getDocument", json!({}));
    let root = document["root"]["nodeId"].clone();
    let node = browser.call(
        "DOM.querySelector",
        json!({"nodeId": root, "selector": selector}),
    )["nodeId"]
        .clone();
    let fonts = browser.call("CSS.getPlatformFontsForNode", json!({"nodeId": node}));
    fonts["fonts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["familyName"].as_str().unwrap_or_default().to_string())
        .collect()
}

// The root page follows the browser's languages by script and region: Traditional Chinese to
// zh-HK, Singapore's Simplified to zh-CN, fr-CA to fr, de-AT to de, and Japanese (not
// published) to the source locale; a language picked in the switcher wins afterwards.
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn root_page_chooses_the_language() {
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    let user_agent = browser.call("Browser.getVersion", json!({}))["userAgent"].clone();
    for (languages, expected) in [
        ("zh-TW", "zh-HK"),
        ("zh-Hant-TW", "zh-HK"),
        ("zh-MO", "zh-HK"),
        ("zh-SG", "zh-CN"),
        ("fr-CA", "fr"),
        ("ja-JP", "en-US"),
        ("de-AT", "de"),
        ("ja-JP,fr", "fr"),
    ] {
        browser.call(
            "Network.setUserAgentOverride",
            json!({"userAgent": user_agent, "acceptLanguage": languages}),
        );
        browser.goto(&site.url("/"));
        browser.wait_for(&format!(
            "location.pathname === '/{expected}/' && document.readyState === 'complete'"
        ));
    }
    // A language chosen in the switcher is remembered.
    browser.eval("document.querySelector('.language-switcher a[hreflang=\"id-ID\"]').click()");
    browser.wait_for("location.pathname === '/id-ID/' && document.readyState === 'complete'");
    browser.goto(&site.url("/"));
    browser.wait_for("location.pathname === '/id-ID/'");
}

// An untranslated German block carries a badge naming its language, in German, that explains
// itself on focus and to screen readers.
#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn fallback_badge_is_visible_and_named() {
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    // A headless page never has the focus unless told to; :focus needs it.
    browser.call(
        "Emulation.setFocusEmulationEnabled",
        json!({"enabled": true}),
    );
    browser.goto(&site.url("/de/profile/"));
    let badge: Value = browser.eval(
        "(() => { const b = document.querySelector('main p .fallback-badge'); b.focus(); \
         const r = b.getBoundingClientRect(); \
         return [b.textContent, b.lang, b.closest('p').lang, b.getAttribute('aria-label'), \
                 r.width > 0 && r.height > 0, getComputedStyle(b, '::after').content]; })()",
    );
    assert_eq!(badge[0], "English", "{badge}");
    assert_eq!(badge[1], "de", "{badge}");
    assert_eq!(badge[2], "en-US", "{badge}");
    assert!(badge[3].as_str().unwrap().contains("Noch nicht"), "{badge}");
    assert_eq!(badge[4], true, "{badge}");
    assert!(badge[5].as_str().unwrap().contains("Noch nicht"), "{badge}");
}

// Home and profile in zh-CN, zh-HK, fr and de at 390 and 1280 px, whole pages, written to
// target/test-artifacts/ to be looked at.
#[test]
#[ignore = "needs chromium and fonts-noto-cjk; run by .ci/run"]
fn screenshots_of_the_theme() {
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&out).unwrap();
    for width in [390, 1280] {
        for locale in ["zh-CN", "zh-HK", "fr", "de"] {
            for (page, name) in [("", "home"), ("profile/", "profile")] {
                resize(&mut browser, width, 800);
                browser.goto(&site.url(&format!("/{locale}/{page}")));
                let height = browser
                    .eval("document.documentElement.scrollHeight")
                    .as_u64()
                    .unwrap();
                // The sample's logo (site.theme.logo) is drawn in the header.
                assert_eq!(
                    browser.eval(
                        "(() => { const l = document.querySelector('.brand .logo'); return l !== null && l.complete && l.naturalWidth > 0; })()"
                    ),
                    true,
                    "the logo in /{locale}/{page} at {width} px"
                );
                if page.is_empty() {
                    // The header alone, to look at the logo beside the name.
                    let shot = browser.call(
                        "Page.captureScreenshot",
                        json!({"format": "png", "clip": {"x": 0, "y": 0, "width": width, "height": 160, "scale": 1}}),
                    );
                    let png = base64_decode(shot["data"].as_str().unwrap());
                    std::fs::write(out.join(format!("theme-{locale}-header-{width}.png")), png)
                        .unwrap();
                }
                resize(&mut browser, width, height.min(4000) as u32);
                let shot = browser.call("Page.captureScreenshot", json!({"format": "png"}));
                let png = base64_decode(shot["data"].as_str().unwrap());
                let file = out.join(format!("theme-{locale}-{name}-{width}.png"));
                std::fs::write(&file, png).unwrap();
            }
        }
    }
}

/// Standard base64 (DevTools' screenshots), without a dependency.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let v: Vec<u32> = chunk.iter().map(|&c| u32::from(value(c))).collect();
        let n = v.iter().fold(0u32, |acc, &x| (acc << 6) | x) << (6 * (4 - v.len()));
        out.push((n >> 16) as u8);
        if v.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if v.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

/// Opens the search page of `locale` for `query` and waits for its results.
fn search(browser: &mut Browser, site: &Server, locale: &str, query: &str) {
    let q: String = query
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect::<Vec<_>>()
        .concat();
    browser.goto(&site.url(&format!("/{locale}/search/?q={q}")));
    browser.wait_for(
        "document.getElementById('search').getAttribute('data-state') === 'done' \
         && document.querySelectorAll('#search-results li').length > 0",
    );
}

/// A screenshot of the whole page (up to 4000 px high) to target/test-artifacts/`name`.png.
fn whole_page(browser: &mut Browser, width: u32, name: &str) {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&out).unwrap();
    let height = browser
        .eval("document.documentElement.scrollHeight")
        .as_u64()
        .unwrap();
    resize(browser, width, height.min(4000) as u32);
    let shot = browser.call("Page.captureScreenshot", json!({"format": "png"}));
    let png = base64_decode(shot["data"].as_str().unwrap());
    std::fs::write(out.join(format!("{name}.png")), png).unwrap();
    resize(browser, width, 800);
}

// The search page wears the theme: the words found are marked in a tint of the primary colour
// (not the browser's yellow), results are numbered title links over their passage, paging
// links are finger-sized boxes with the current page filled in the primary colour; nothing
// scrolls sideways at 320 px. Screenshots of en-US and zh-HK results and of paging, at 390 and
// 1280 px, go to target/test-artifacts/search-*.png.
#[test]
#[ignore = "needs chromium and fonts-noto-cjk; run by .ci/run"]
fn search_results_and_paging_wear_the_theme() {
    let fits = "document.documentElement.scrollWidth <= innerWidth";
    let project = exported_sample();
    let site = Server::start(&project.path("dist/web"));
    let mut browser = Browser::launch();
    for width in [320, 390, 1280] {
        resize(&mut browser, width, 800);
        for (locale, query) in [("en-US", "aluminium smelting"), ("zh-HK", "鋁")] {
            search(&mut browser, &site, locale, query);
            assert_eq!(browser.eval(fits), true, "{locale} at {width} px");
            let mark = browser.eval(
                "(() => { const m = document.querySelector('#search-results mark'); return m && getComputedStyle(m).backgroundColor; })()",
            );
            let mark = mark.as_str().expect("a marked word");
            assert!(
                // color-mix() computes to `color(srgb …)`; the browser's own is yellow.
                mark.starts_with("color(srgb") && mark != "rgb(255, 255, 0)",
                "{locale}: mark {mark}"
            );
            if width != 320 {
                whole_page(&mut browser, width, &format!("search-{locale}-{width}"));
            }
        }
    }

    // Paging: the sample with fourteen more pages about aluminium (en-US only).
    let paged = sample_project();
    for n in 1..=14 {
        paged.write(
            &format!("content/news-{n}.md"),
            format!(
                "---\ntitle: Aluminium news {n}\nslug: news-{n}\nnav_order: {}\n---\n\nAluminium smelting news, issue {n}: the plant in Shandong kept its aluminium output.\n",
                10 + n
            ),
        );
    }
    let (code, stdout, stderr) = paged.run(&["extract"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (_, stdout, stderr) = paged.run(&["export", "web"]);
    assert!(
        paged.path("dist/web/en-US/search/index.html").exists(),
        "{stdout}{stderr}"
    );
    let site = Server::start(&paged.path("dist/web"));
    for width in [320, 390, 1280] {
        resize(&mut browser, width, 800);
        search(&mut browser, &site, "en-US", "aluminium");
        let pager = browser.eval(
            "(() => { const links = Array.from(document.querySelectorAll('#search-pages a')); \
             const current = document.querySelector('#search-pages a[aria-current]'); \
             return [links.length, Math.min(...links.map(a => a.getBoundingClientRect().height)), \
                     current && getComputedStyle(current).backgroundColor]; })()",
        );
        assert!(pager[0].as_u64().unwrap() >= 2, "{pager}");
        assert!(pager[1].as_f64().unwrap() >= 40.0, "finger-sized: {pager}");
        assert_eq!(pager[2], "rgb(10, 92, 142)", "the current page filled");
        assert_eq!(browser.eval(fits), true, "paging at {width} px");
        if width != 320 {
            whole_page(&mut browser, width, &format!("search-paging-en-US-{width}"));
        }
    }
}
