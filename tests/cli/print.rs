//! `fluentpress export print`: one PDF per published locale.
//!
//! The tests that read the PDFs back need poppler-utils (`pdftotext`, `pdffonts`, `pdftoppm`)
//! and the Noto fonts (CJK, Arabic); they are ignored by default and run by `.ci/run` after
//! `.ci/install-deps`. The others need nothing but the binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use fluentpress::catalog::load_catalog;
use fluentpress::config::load_project;
use fluentpress::content::{Block, load_pages};
use fluentpress::export::print::data::select_pages;
use fluentpress::localize::Localizer;
use fluentpress::markup::{parse_inline, plain_text};

use crate::support::{TestProject, sample_root};

/// The basic fixture with its source messages generated.
fn basic() -> TestProject {
    let project = TestProject::fixture("basic");
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    project
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// Every published locale gets a PDF, the same bytes every time; a locale below its
// min_coverage is named and skipped.
#[test]
fn one_pdf_per_published_locale() {
    let project = basic();
    let (code, stdout, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 0, "{stderr}");
    // The marker lets the next export replace the folder.
    assert_eq!(
        names(&project.path("dist/print")),
        [".fluentpress-output", "en-US.pdf"]
    );
    assert!(
        std::fs::read(project.path("dist/print/en-US.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    assert!(
        stdout.contains("print  en-US    dist/print/en-US.pdf ("),
        "{stdout}"
    );
    assert!(stderr.contains("fr not printed"), "{stderr}");
    assert!(stderr.contains("zh-CN not printed"), "{stderr}");
    // The same input gives the same bytes: no timestamps, a stable document id.
    let first = std::fs::read(project.path("dist/print/en-US.pdf")).unwrap();
    let (code, _, _) = project.run(&["export", "print"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read(project.path("dist/print/en-US.pdf")).unwrap(),
        first
    );

    // Asked for by name, an incomplete locale is an error unless --include-incomplete.
    let (code, _, stderr) = project.run(&["export", "print", "fr"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--include-incomplete"), "{stderr}");
    let (code, _, stderr) = project.run(&["export", "print", "--include-incomplete", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names(&project.path("dist/print")),
        [".fluentpress-output", "fr.pdf"]
    );
}

// --pages selects pages; --emit typst writes the template and the data beside the PDF;
// --out chooses the folder.
#[test]
fn pages_emit_typst_and_out() {
    let project = basic();
    let (code, _, stderr) = project.run(&[
        "export",
        "print",
        "--pages",
        "about/team",
        "--emit",
        "typst",
        "--out",
        "brochure",
        "en-US",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names(&project.path("brochure")),
        [
            ".fluentpress-output",
            "en-US.json",
            "en-US.pdf",
            "en-US.typ"
        ]
    );
    let data: serde_json::Value =
        serde_json::from_str(&project.read("brochure/en-US.json")).unwrap();
    let chapters: Vec<_> = data["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(chapters, ["about/team"]);
    assert_eq!(data["paper"], "a4");
    assert_eq!(data["lang"], "en");
    let typ = project.read("brochure/en-US.typ");
    assert!(
        typ.starts_with("// fluentpress's built-in print template"),
        "{typ}"
    );
    assert!(typ.contains("sys.inputs"), "{typ}");
}

// The `print:` section of fluentpress.yaml selects pages and the paper.
#[test]
fn print_section_of_the_config() {
    let project = basic();
    let config = project.read("fluentpress.yaml");
    project.write(
        "fluentpress.yaml",
        format!("{config}print:\n  pages: [home]\n  paper: us-letter\n"),
    );
    let (code, _, stderr) = project.run(&["export", "print", "--emit", "typst"]);
    assert_eq!(code, 0, "{stderr}");
    let data: serde_json::Value =
        serde_json::from_str(&project.read("dist/print/en-US.json")).unwrap();
    assert_eq!(data["paper"], "us-letter");
    assert_eq!(data["chapters"].as_array().unwrap().len(), 1);

    project.write(
        "fluentpress.yaml",
        format!("{config}print:\n  pages: [nope]\n  margins: 2cm\n"),
    );
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown field `margins`"), "{stderr}");
}

// The output folder is replaced as a whole, so one holding other files is refused (the same
// rule as every export's, see safety.rs).
#[test]
fn out_folder_with_other_files_is_refused() {
    let project = basic();
    let before = project.snapshot_tree("content");
    let (code, _, stderr) = project.run(&["export", "print", "--out", "."]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot export into .: it is the project folder"),
        "{stderr}"
    );
    assert_eq!(project.snapshot_tree("content"), before);
    let (code, _, stderr) = project.run(&["export", "print", "--out", "dist"]);
    assert_eq!(code, 0, "{stderr}");
    project.write("dist/notes.txt", "mine");
    let (code, _, stderr) = project.run(&["export", "print", "--out", "dist"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("dist holds notes.txt, which fluentpress did not write"),
        "{stderr}"
    );
}

// Unknown pages and locales are errors that list what exists.
#[test]
fn unknown_page_or_locale_is_an_error() {
    let project = basic();
    let (code, _, stderr) = project.run(&["export", "print", "--pages", "home,nope"]);
    assert_eq!(code, 2);
    assert!(
        stderr
            .contains("--pages: there is no page `nope` in the content (pages: about/team, home)"),
        "{stderr}"
    );
    let (code, _, stderr) = project.run(&["export", "print", "xx"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`xx` is not a configured locale"),
        "{stderr}"
    );
    assert!(!project.path("dist/print").exists());
}

// A locale below its min_coverage is refused by web and print alike, for the same reason in the
// same words (one publishing policy).
#[test]
fn web_and_print_give_one_reason_for_a_refused_locale() {
    let project = basic();
    let (code, stdout, stderr) = project.run(&["export", "web"]);
    assert_eq!(code, 0, "{stderr}");
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("not published: fr: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let reason = line
        .strip_suffix("; publish it anyway with --include-incomplete")
        .unwrap_or_else(|| panic!("{line}"));
    assert!(
        reason.contains("% of messages translated, below its min_coverage of 80%"),
        "{reason}"
    );
    let (code, _, stderr) = project.run(&["export", "print", "--out", "pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "fluentpress: note: fr not printed: {reason} (--include-incomplete prints it)"
        )),
        "{stderr}"
    );
    let (code, _, stderr) = project.run(&["export", "print", "--out", "pdf", "fr"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!(
            "locale `fr` is not published: {reason}; pass --include-incomplete to print it anyway"
        )),
        "{stderr}"
    );
}

// A broken template is an error at its file:line:col; the previous PDFs stay as they were.
#[test]
fn broken_template_keeps_the_previous_output() {
    let project = basic();
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 0, "{stderr}");
    let before = project.snapshot_tree("dist/print");
    project.write(
        "templates/print.typ",
        "#let data = json(bytes(sys.inputs.data))\n#set text(lang: data.lang)\n#heading(data.titel)\n",
    );
    let (code, stdout, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("the print template failed for locale `en-US`:\n  templates/print.typ:3:15: dictionary does not contain key \"titel\""),
        "{stderr}"
    );
    assert_eq!(project.snapshot_tree("dist/print"), before);
    let leftovers: Vec<_> = names(&project.path("dist"));
    assert_eq!(leftovers, ["print"]);
}

// A configured font folder that does not exist is an error naming it.
#[test]
fn missing_font_folder_is_an_error() {
    let project = basic();
    let config = project.read("fluentpress.yaml");
    project.write(
        "fluentpress.yaml",
        format!("{config}print:\n  font_dirs: [fonts/brand]\n"),
    );
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the font folder fonts/brand does not exist (listed in `print.font_dirs`"),
        "{stderr}"
    );
    // An existing folder is scanned, empty or not.
    project.write("fonts/brand/README", "fonts go here");
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 0, "{stderr}");
}

/// A 48×16 PNG of one colour, standing for a company's logo.
const LOGO_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x30\x00\x00\x00\x10\x08\x02\x00\x00\x00\xdf\xcc\x6b\xe6\x00\x00\x00\x24\x49\x44\x41\x54\x78\xda\x63\x90\xf2\xef\x1e\x54\x88\x61\xd4\x41\xa3\x0e\x1a\x75\xd0\xa8\x83\x46\x1d\x34\xea\xa0\x51\x07\x8d\x3a\x88\xbe\x08\x00\x58\x5c\xdc\x1f\x3c\x5f\xb4\x5c\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

// `print.logo` names the cover's image: a missing file, or one that is no image, is a
// configuration error at the key's line and column, and nothing is printed.
#[test]
fn logo_missing_or_not_an_image_is_a_config_error() {
    let project = basic();
    let config = project.read("fluentpress.yaml");
    project.write(
        "fluentpress.yaml",
        format!("{config}print:\n  paper: a4\n  logo: brand/logo.png\n"),
    );
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "fluentpress: error: fluentpress.yaml:15:9: print.logo `brand/logo.png` does not exist"
        ),
        "{stderr}"
    );
    assert!(!project.path("dist/print").exists());

    project.write("brand/logo.png", "GIF? no, a text file");
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("fluentpress.yaml:15:9: print.logo `brand/logo.png` is not an image the PDF export can print (PNG, JPEG, GIF, SVG or WebP)"),
        "{stderr}"
    );

    project.write("brand/logo.png", LOGO_PNG);
    let (code, _, stderr) = project.run(&["export", "print", "--emit", "typst"]);
    assert_eq!(code, 0, "{stderr}");
    let data: serde_json::Value =
        serde_json::from_str(&project.read("dist/print/en-US.json")).unwrap();
    assert_eq!(data["logo"], "/brand/logo.png");
}

// Print follows the site's theme: `site.theme.primary` is the accent colour and
// `site.theme.logo` the cover's logo, unless `print.logo` names another.
#[test]
fn print_takes_the_theme_colour_and_logo() {
    let project = basic();
    let config = project.read("fluentpress.yaml");
    project.write("brand/logo.png", LOGO_PNG);
    project.write("brand/paper.png", LOGO_PNG);
    let themed = config.replacen(
        "site:\n",
        "site:\n  theme:\n    primary: \"#c0392b\"\n    logo: brand/logo.png\n",
        1,
    );
    assert_ne!(themed, config);
    let data = |yaml: &str| -> serde_json::Value {
        project.write("fluentpress.yaml", yaml);
        let (code, _, stderr) = project.run(&["export", "print", "--emit", "typst"]);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str(&project.read("dist/print/en-US.json")).unwrap()
    };
    let plain = data(&config);
    assert_eq!(plain["accent"], "#1a4f8b");
    assert_eq!(plain["logo"], serde_json::Value::Null);
    let themed_data = data(&themed);
    assert_eq!(themed_data["accent"], "#c0392b");
    assert_eq!(themed_data["logo"], "/brand/logo.png");
    let paper = data(&format!("{themed}print:\n  logo: brand/paper.png\n"));
    assert_eq!(paper["logo"], "/brand/paper.png");
    assert_eq!(paper["accent"], "#c0392b");
}

// The PDF itself wears the theme: the cover's band is in `site.theme.primary` and the
// theme's logo is on the cover.
#[test]
#[ignore = "needs pdftoppm and pdfimages (poppler-utils); run by .ci/run"]
fn pdf_cover_wears_the_theme_colour_and_logo() {
    let project = TestProject::fixture("basic");
    let config = project.read("fluentpress.yaml");
    project.write(
        "fluentpress.yaml",
        config.replacen(
            "site:\n",
            "site:\n  theme:\n    primary: \"#c0392b\"\n    logo: brand/logo.png\n",
            1,
        ),
    );
    project.write("brand/logo.png", LOGO_PNG);
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project.path("dist/print/en-US.pdf");
    let images = tool(
        "pdfimages",
        &["-list", "-f", "1", "-l", "1", pdf.to_str().unwrap()],
    );
    assert!(
        images.lines().any(|l| l.contains(" 48    16 ")),
        "the theme's 48×16 logo on the cover:\n{images}"
    );
    // The cover rendered as a raw PPM: the band's pixels are the theme's colour.
    let prefix = project.path("cover");
    tool(
        "pdftoppm",
        &[
            "-r",
            "20",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let ppm = std::fs::read(project.path("cover.ppm")).unwrap();
    // Whatever the header's length, three bytes in a row of that colour are a pixel of it.
    let band = ppm
        .windows(3)
        .filter(|p| {
            p[0].abs_diff(0xc0) <= 2 && p[1].abs_diff(0x39) <= 2 && p[2].abs_diff(0x2b) <= 2
        })
        .count();
    assert!(band > 100, "{band} pixels of #c0392b on the cover");
}

// The cover is dated from SOURCE_DATE_EPOCH, in the words of the locale's `print-date` (ISO
// 8601 without one): the same sources and epoch give the same bytes, another day other bytes.
#[test]
fn cover_date_follows_source_date_epoch() {
    let project = basic();
    let fr = project.read("locales/fr/ui.ftl");
    project.write(
        "locales/fr/ui.ftl",
        format!("{fr}print-date = le {{ $day }}/{{ $month }}/{{ $year }}\n"),
    );
    let args = [
        "export",
        "print",
        "--emit",
        "typst",
        "--include-incomplete",
        "en-US",
        "fr",
    ];
    let date = |tag: &str| {
        let data: serde_json::Value =
            serde_json::from_str(&project.read(&format!("dist/print/{tag}.json"))).unwrap();
        data["date"]["inlines"][0]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // support.rs sets SOURCE_DATE_EPOCH to 2024-01-01.
    let (code, _, stderr) = project.run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(date("en-US"), "2024-01-01");
    assert_eq!(date("fr"), "le 1/1/2024");
    let first = std::fs::read(project.path("dist/print/en-US.pdf")).unwrap();
    let output = project
        .cmd()
        .env("SOURCE_DATE_EPOCH", "1772884800")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(date("en-US"), "2026-03-07");
    assert_eq!(date("fr"), "le 7/3/2026");
    assert_ne!(
        std::fs::read(project.path("dist/print/en-US.pdf")).unwrap(),
        first
    );
}

// --- Reading the PDFs back (poppler-utils and the Noto fonts) ---

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (install poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text compared without what line breaking adds or moves: white space, hyphens (soft and
/// hard, since hyphenation may split a word), bidi controls and joiners.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{AD}' | '-' | '\u{2010}' | '\u{2011}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}'
                )
        })
        .collect()
}

/// The first sentence of a text, or its first 80 characters.
fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?')
                    && text[i + c.len_utf8()..].starts_with(char::is_whitespace))
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    text[..end].chars().take(80).collect()
}

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("test-artifacts/print");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exports the project at `root` into a fresh folder; returns it.
fn export(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("fluentpress")
        .unwrap()
        // 2024-01-01, the cover's date.
        .env("SOURCE_DATE_EPOCH", "1704067200")
        .args(["--project"])
        .arg(root)
        .args(["export", "print", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    out
}

// Each locale's PDF holds its localized title, and the title and first sentence of every
// chapter, in navigation order; its metadata carries the title and the language.
#[test]
#[ignore = "needs pdftotext, pdfinfo and the Noto fonts; run by .ci/run"]
fn sample_pdfs_hold_every_chapter_in_every_locale() {
    let root = sample_root();
    let out = export(&root);
    let project = load_project(&root).unwrap();
    let catalog = load_catalog(&project).unwrap();
    let localizer = Localizer::new(&project, &catalog);
    let pages = load_pages(&project.root, &project.content_dir).unwrap();
    let pages = select_pages(&pages, None).unwrap();
    let printed = names(out.path());
    assert_eq!(
        printed,
        [
            ".fluentpress-output",
            "de.pdf",
            "en-US.pdf",
            "fr.pdf",
            "id-ID.pdf",
            "zh-CN.pdf",
            "zh-HK.pdf"
        ]
    );
    for locale in &project.locales {
        let tag = locale.tag.as_str();
        let pdf = out.path().join(format!("{tag}.pdf"));
        let pdf = pdf.to_str().unwrap();
        let text = normalize(&tool("pdftotext", &["-enc", "UTF-8", pdf, "-"]));
        // The chapters, after the cover and the table of contents (which repeats the titles).
        let body = normalize(&tool("pdftotext", &["-enc", "UTF-8", "-f", "3", pdf, "-"]));
        let message = |id: &str| {
            let localized = localizer.format(tag, id, None, None).unwrap();
            plain_text(&parse_inline(&localized.text))
        };
        let site_name = message("site-name");
        let title = message("print-title");
        for expected in [&site_name, &title] {
            assert!(
                text.contains(&normalize(expected)),
                "{tag}: {expected:?} in\n{text}"
            );
        }
        let mut last = 0;
        for page in &pages {
            let chapter = message(&page.title_id());
            let at = body[last..].find(&normalize(&chapter)).unwrap_or_else(|| {
                panic!("{tag}: chapter {chapter:?} after byte {last} in\n{body}")
            });
            last += at;
            let first = page
                .sections
                .iter()
                .flat_map(|(_, blocks)| blocks)
                .find_map(|b| match b {
                    Block::Paragraph { message } => Some(message.id.clone()),
                    _ => None,
                })
                .expect("every sample page has a paragraph");
            let sentence = first_sentence(&message(&first));
            assert!(
                body[last..].contains(&normalize(&sentence)),
                "{tag}: first sentence {sentence:?} of {} in\n{body}",
                page.key
            );
        }
        let info = tool("pdfinfo", &[pdf]);
        let info_title = info
            .lines()
            .find_map(|l| l.strip_prefix("Title:"))
            .unwrap_or_default()
            .trim();
        assert_eq!(info_title, title, "{tag}");
        let bytes = std::fs::read(pdf).unwrap();
        let xmp_lang = format!("<dc:language><rdf:Bag><rdf:li>{tag}</rdf:li>");
        assert!(
            String::from_utf8_lossy(&bytes).contains(&xmp_lang),
            "{tag}: no {xmp_lang} in the PDF metadata"
        );
    }
}

// Chinese documents embed the CJK font of their region; page 1 of zh-CN is kept as a PNG.
#[test]
#[ignore = "needs pdffonts, pdftoppm and fonts-noto-cjk; run by .ci/run"]
fn chinese_pdfs_embed_cjk_fonts() {
    let out = export(&sample_root());
    for (tag, font) in [("zh-CN", "NotoSansCJKsc"), ("zh-HK", "NotoSansCJKhk")] {
        let pdf = out.path().join(format!("{tag}.pdf"));
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(fonts.contains(font), "{tag}: no {font} in\n{fonts}");
    }
    render_first_pages(&out.path().join("zh-CN.pdf"), "zh-CN");
}

// The Arabic fixture is set right to left in an Arabic font; its first pages are kept as PNGs.
#[test]
#[ignore = "needs pdftotext, pdffonts, pdftoppm and fonts-noto-core; run by .ci/run"]
fn arabic_pdf_is_shaped_right_to_left() {
    let fixture = TestProject::fixture("print-ar");
    let out = export(fixture.dir.path());
    let pdf = out.path().join("ar.pdf");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("NotoNaskhArabic"), "{fonts}");
    let text = normalize(&tool(
        "pdftotext",
        &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    ));
    for expected in [
        "أكمي للألمنيوم",
        "تنتج أكمي الألمنيوم الأولي في ثلاثة مصاهر",
        "صفحة 3 من 3",
        "انظر الصفحة",
    ] {
        assert!(
            text.contains(&normalize(expected)),
            "{expected:?} in\n{text}"
        );
    }
    render_first_pages(&pdf, "ar");
}

/// The text of each page of a PDF (pdftotext separates pages with a form feed).
fn page_texts(pdf: &Path) -> Vec<String> {
    let text = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // The text ends with a form feed.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Exports the basic fixture (after `change`) and returns the text of `tag`'s PDF, per page.
fn basic_pages(change: impl FnOnce(&TestProject), tag: &str) -> Vec<String> {
    let project = TestProject::fixture("basic");
    change(&project);
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = project.run(&["export", "print", "--include-incomplete", tag]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    page_texts(&project.path(&format!("dist/print/{tag}.pdf")))
}

/// Appends `text` to a file of the project.
fn append(project: &TestProject, file: &str, text: &str) {
    let before = project.read(file);
    project.write(file, format!("{before}{text}"));
}

// The cover names the site, the document's title, the language in its own name and the date
// (SOURCE_DATE_EPOCH's, in the locale's words) and shows the logo; the contents follow.
#[test]
#[ignore = "needs pdftotext and pdfimages (poppler-utils); run by .ci/run"]
fn cover_holds_site_title_language_date_and_logo() {
    let project = TestProject::fixture("basic");
    append(
        &project,
        "fluentpress.yaml",
        "print:\n  logo: brand/logo.png\n",
    );
    project.write("brand/logo.png", LOGO_PNG);
    append(
        &project,
        "locales/en-US/ui.ftl",
        "print-title = Annual Review\nprint-date = { $month ->\n        [1] January\n       *[other] Month { $month }\n    } { $day }, { $year }\n",
    );
    let (code, _, stderr) = project.run(&["extract"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = project.run(&["export", "print"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project.path("dist/print/en-US.pdf");
    let pages = page_texts(&pdf);
    let cover = normalize(&pages[0]);
    for expected in [
        "Acme Aluminium",
        "Annual Review",
        "English",
        "January 1, 2024",
    ] {
        assert!(
            cover.contains(&normalize(expected)),
            "{expected:?} in\n{}",
            pages[0]
        );
    }
    assert!(pages[1].contains("Contents"), "{}", pages[1]);
    let images = tool(
        "pdfimages",
        &["-list", "-f", "1", "-l", "1", pdf.to_str().unwrap()],
    );
    assert!(
        images.lines().any(|l| l.contains(" 48    16 ")),
        "the 48×16 logo on the cover:\n{images}"
    );
}

// A link to a section of another chapter is printed with the page the section starts on,
// in the locale's words (`print-see-page`); the number is that of the page holding the
// heading.
#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn internal_links_name_the_page_of_their_target() {
    let filler = "The plant runs day and night, and its people keep it safe and clean. ".repeat(12);
    let pages = basic_pages(
        |project| {
            let home = project.read("content/home.md");
            let home = home.replace(
                "We employ 4,000 people.",
                &format!("We employ 4,000 people. [Meet the board](@/about/team.md#leadership).\n\n{filler}\n\n{filler}\n\n{filler}"),
            );
            project.write("content/home.md", home);
            append(
                project,
                "locales/en-US/ui.ftl",
                "print-see-page = { $link } (see p.\u{a0}{ $page })\n",
            );
        },
        "en-US",
    );
    let leadership = pages
        .iter()
        .enumerate()
        .skip(2)
        .find(|(_, text)| text.lines().any(|l| l.trim() == "Leadership"))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no Leadership heading in {pages:#?}"));
    assert!(
        leadership > 3,
        "the fixture's filler pushes it on: {pages:#?}"
    );
    let body: String = pages[2..].concat();
    assert!(
        normalize(&body).contains(&normalize(&format!("Meet the board (see p. {leadership})"))),
        "Meet the board (see p. {leadership}) in\n{body}"
    );
}

// In every locale of the sample, each "learn more" link names the page its chapter starts on,
// in the locale's own words.
#[test]
#[ignore = "needs pdftotext and the Noto fonts; run by .ci/run"]
fn sample_links_name_their_page_in_every_locale() {
    let root = sample_root();
    let out = export(&root);
    let project = load_project(&root).unwrap();
    let catalog = load_catalog(&project).unwrap();
    let localizer = Localizer::new(&project, &catalog);
    let links = [
        ("home-who-we-are-p2", "profile-title"),
        ("home-what-we-do-p2", "overseas-title"),
        ("home-esg-p2", "social-responsibility-title"),
    ];
    for locale in &project.locales {
        let tag = locale.tag.as_str();
        let pages: Vec<String> = page_texts(&out.path().join(format!("{tag}.pdf")))
            .iter()
            .map(|p| normalize(p))
            .collect();
        let text = |id: &str, args: Option<&fluent_bundle::FluentArgs>| {
            let localized = localizer.format(tag, id, None, args).unwrap();
            plain_text(&parse_inline(&localized.text))
        };
        for (link, target) in links {
            let title = normalize(&text(target, None));
            let page = pages
                .iter()
                .enumerate()
                .skip(2)
                .find(|(_, p)| p.contains(&title))
                .map(|(i, _)| i + 1)
                .unwrap_or_else(|| panic!("{tag}: no {title:?} after the contents"));
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("link", text(link, None));
            args.set("page", page.to_string());
            let expected = normalize(&text("print-see-page", Some(&args)));
            assert!(
                pages[2..].iter().any(|p| p.contains(&expected)),
                "{tag}: {expected:?} in\n{pages:#?}"
            );
        }
    }
}

// A link to another site keeps its text and prints its address in a footnote, or in
// brackets with `print.external_links: inline`; a link whose text is its address is not
// repeated, nor is one in a heading (the contents would print it twice).
#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn external_links_print_their_address() {
    let paragraph = "Read [our annual report](https://acme.example/report-2024.pdf) or write to [sales@acme.example](mailto:sales@acme.example).";
    let change = |inline: bool| {
        move |project: &TestProject| {
            let home = project.read("content/home.md");
            project.write(
                "content/home.md",
                home.replace("We employ 4,000 people.", paragraph)
                    .replace("## Who we are", "## Who [we](https://acme.example/we) are"),
            );
            if inline {
                append(
                    project,
                    "fluentpress.yaml",
                    "print:\n  external_links: inline\n",
                );
            }
        }
    };
    let pages = basic_pages(change(false), "en-US");
    let page = &pages[2];
    let lines: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // The footnote mark after the text, the address at the foot of the page, before the page
    // number.
    assert!(
        normalize(page).contains(&normalize(
            "Read our annual report1 or write to sales@acme.example."
        )),
        "{page}"
    );
    let at = lines
        .iter()
        .position(|l| normalize(l) == normalize("1 https://acme.example/report-2024.pdf"))
        .unwrap_or_else(|| panic!("a footnote with the address in\n{page}"));
    assert!(
        lines[..at]
            .iter()
            .any(|l| l.contains("Quality is our only product")),
        "the footnote below the text:\n{page}"
    );
    assert_eq!(page.matches("sales@acme.example").count(), 1, "{page}");
    assert!(!page.contains("acme.example/we"), "{page}");
    assert!(!pages[1].contains("https://"), "{}", pages[1]);

    let pages = basic_pages(change(true), "en-US");
    assert!(
        normalize(&pages[2]).contains(&normalize(
            "Read our annual report [https://acme.example/report-2024.pdf] or write to sales@acme.example."
        )),
        "{}",
        pages[2]
    );
}

// Chapters follow one another by default; `print.page_break: chapter` starts each on a new page.
#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn chapters_flow_unless_configured_to_break() {
    let chapter_page = |pages: &[String], title: &str| {
        pages
            .iter()
            .enumerate()
            .skip(2)
            .find(|(_, p)| p.lines().any(|l| l.trim() == title))
            .map(|(i, _)| i + 1)
    };
    let pages = basic_pages(|_| {}, "en-US");
    assert_eq!(pages.len(), 3, "{pages:#?}");
    assert!(pages[2].contains("Welcome to Acme"), "{}", pages[2]);
    assert_eq!(chapter_page(&pages, "Our team"), Some(3));

    let pages = basic_pages(
        |project| {
            append(
                project,
                "fluentpress.yaml",
                "print:\n  page_break: chapter\n",
            )
        },
        "en-US",
    );
    assert_eq!(pages.len(), 4, "{pages:#?}");
    assert!(pages[2].contains("Welcome to Acme"), "{}", pages[2]);
    assert_eq!(chapter_page(&pages, "Our team"), Some(4));
}

// A Chinese paragraph one character longer than two full lines does not end on a line of one
// character: the line breaker prefers looser lines above (Typst's runt cost, raised).
#[test]
#[ignore = "needs pdftotext and fonts-noto-cjk; run by .ci/run"]
fn chinese_paragraph_does_not_end_on_one_character() {
    // 73 ideographs without punctuation; a line holds 36.
    let paragraph: String = "中国宏桥集团是全球最大的铝生产商之一业务覆盖整个铝产业链专注于热电采矿及铝产品生产并以可持续发展及社会公益为核心"
        .chars()
        .cycle()
        .take(73)
        .collect();
    let pages = basic_pages(
        |project| {
            project.write(
                "locales/zh-CN/pages/home.ftl",
                format!("home-intro-p1 = {paragraph}\n"),
            );
        },
        "zh-CN",
    );
    let lines: Vec<&str> = pages[2]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && paragraph.contains(*l))
        .collect();
    assert_eq!(lines.concat(), paragraph, "{}", pages[2]);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.chars().count() > 1),
        "a line of one character: {lines:?}"
    );
}

// A Latin page holds a comfortable measure: the median full line (50 characters or more, which
// leaves out most last lines of paragraphs) has 62 to 75 characters.
#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn latin_lines_have_a_comfortable_measure() {
    let out = export(&sample_root());
    for tag in ["en-US", "fr", "de"] {
        let pdf = out.path().join(format!("{tag}.pdf"));
        let text = tool(
            "pdftotext",
            &[
                "-layout",
                "-enc",
                "UTF-8",
                "-f",
                "3",
                pdf.to_str().unwrap(),
                "-",
            ],
        );
        let mut lengths: Vec<usize> = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.contains(". . ."))
            .map(|l| l.chars().count())
            .filter(|&n| n >= 50)
            .collect();
        lengths.sort_unstable();
        assert!(lengths.len() > 40, "{tag}: {lengths:?}");
        let median = lengths[lengths.len() / 2];
        assert!(
            (62..=75).contains(&median),
            "{tag}: median {median} of {lengths:?}"
        );
    }
}

// Pages 1 to 3 (cover, contents, first chapters) of four locales, as PNGs to look at:
// target/test-artifacts/print/<locale>-page<N>.png.
#[test]
#[ignore = "needs pdftoppm and the Noto fonts; run by .ci/run"]
fn sample_pages_rendered_for_review() {
    let out = export(&sample_root());
    for tag in ["en-US", "zh-HK", "fr", "de"] {
        render_pages(
            &out.path().join(format!("{tag}.pdf")),
            tag,
            &["1", "2", "3"],
            "60",
        );
    }
}

/// Renders page 1 (the cover) and page 3 (the first chapter) to
/// `target/test-artifacts/print/<name>-page<N>.png`, to look at.
fn render_first_pages(pdf: &Path, name: &str) {
    render_pages(pdf, name, &["1", "3"], "100");
}

/// Renders `pages` at `dpi` to `target/test-artifacts/print/<name>-page<N>.png`.
fn render_pages(pdf: &Path, name: &str, pages: &[&str], dpi: &str) {
    for &page in pages {
        let prefix = artifacts().join(format!("{name}-page{page}"));
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                dpi,
                "-singlefile",
                "-f",
                page,
                "-l",
                page,
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let png = prefix.with_extension("png");
        assert!(
            std::fs::metadata(&png).unwrap().len() > 1000,
            "{}",
            png.display()
        );
    }
}
