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
        let title = message("site-name");
        assert!(
            text.contains(&normalize(&title)),
            "{tag}: title {title:?} in\n{text}"
        );
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
        "صفحة 3 من 4",
    ] {
        assert!(
            text.contains(&normalize(expected)),
            "{expected:?} in\n{text}"
        );
    }
    render_first_pages(&pdf, "ar");
}

/// Renders page 1 (the cover) and page 3 (the first chapter) to
/// `target/test-artifacts/print/<name>-page<N>.png`, to look at.
fn render_first_pages(pdf: &Path, name: &str) {
    for page in ["1", "3"] {
        let prefix = artifacts().join(format!("{name}-page{page}"));
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "100",
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
