//! `export print`: one PDF per published locale, typeset by Typst (used as a library).
//!
//! For each locale the pages are resolved through the [`Localizer`] into a data tree
//! ([`data::DocumentData`]), handed to the Typst template as JSON in `sys.inputs`, compiled and
//! written as `{locale}.pdf`. The template is built in (`src/assets/print/template.typ`) and
//! replaced by the project's `templates/print.typ` when there is one. All PDFs are written into a
//! [`StagedOutput`]: a broken template, a missing font folder or any other error leaves the
//! previous output as it was, never a partial PDF.
//!
//! Language matters here more than anywhere: each document sets Typst's `lang` and `region`
//! (Chinese line breaking, Arabic right-to-left shaping, French and Indonesian hyphenation come
//! from there), text served by a fallback locale is set in that locale's language, and the
//! locale's script font is listed first. A character no installed font can draw is reported as a
//! warning naming the locale and the message rather than printed as a blank box.

pub mod data;
pub mod world;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::config::{Locale, Project};
use crate::content::{self, ContentError, Page};
use crate::export::{StageError, StagedOutput};
use crate::localize::Localizer;
use crate::publish::{self, Reason, Refusal};

pub use data::PrintWarning;
use data::{DocumentBuilder, DocumentData};
use world::{Fonts, PrintWorld, Template};

/// The built-in template.
pub const BUILTIN_TEMPLATE: &str = include_str!("../assets/print/template.typ");

/// The project file that replaces the built-in template.
pub const TEMPLATE_OVERRIDE: &str = "templates/print.typ";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PrintError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Read(#[from] crate::fsutil::ReadError),
    #[error(transparent)]
    Stage(#[from] StageError),
    #[error("the font folder {} does not exist (listed in `print.font_dirs` of fluentpress.yaml)", .path.display())]
    FontDir { path: PathBuf },
    #[error("{from}: there is no page `{key}` in the content (pages: {available})")]
    UnknownPage {
        key: String,
        /// `--pages` or `print.pages in fluentpress.yaml`.
        from: &'static str,
        available: String,
    },
    #[error(transparent)]
    UnknownLocale(#[from] crate::config::UnknownLocale),
    /// A locale asked for by name is not published (see [`crate::publish`]).
    #[error(
        "locale `{tag}` is not published: {reason}; pass --include-incomplete to print it anyway"
    )]
    Unpublished { tag: String, reason: Reason },
    #[error("the print template failed for locale `{locale}`:\n  {}", .errors.join("\n  "))]
    Template { locale: String, errors: Vec<String> },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What to print and where; the command line's view (`fluentpress export print ...`).
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::export::print::PrintOptions {
///     out_dir: None,
///     pages: None,
///     emit_typst: false,
///     include_incomplete: false,
///     locales: Vec::new(),
/// };
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PrintOptions {
    /// The output folder (default `<output>/print`).
    pub out_dir: Option<PathBuf>,
    /// Page keys to print; overrides `print.pages`.
    pub pages: Option<Vec<String>>,
    /// Also write each document's `.typ` source and `.json` data.
    pub emit_typst: bool,
    /// Print locales below their `min_coverage` too.
    pub include_incomplete: bool,
    /// Locales to print (default: every published locale).
    pub locales: Vec<String>,
}

impl PrintOptions {
    /// The output folder: `out_dir`, or `<output>/print`.
    pub fn out_dir(&self, project: &Project) -> PathBuf {
        self.out_dir
            .clone()
            .unwrap_or_else(|| project.output_dir.join("print"))
    }
}

/// The PDFs as an [`Exporter`](crate::export::Exporter), with their options.
#[derive(Debug, Clone, Default)]
pub struct PrintExporter(pub PrintOptions);

impl crate::export::Exporter for PrintExporter {
    fn name(&self) -> &'static str {
        "print"
    }

    fn out(&self, project: &Project) -> PathBuf {
        self.0.out_dir(project)
    }

    fn export(
        &self,
        ctx: &crate::export::ExportContext<'_>,
    ) -> Result<crate::export::Summary, crate::export::ExportError> {
        let report = export_print(ctx.project, ctx.catalog, &self.0)?;
        Ok(crate::export::Summary::Print(report))
    }
}

/// One PDF written.
#[derive(Debug, Clone)]
pub struct PrintedDocument {
    pub locale: String,
    /// Where the PDF is, once the export is committed.
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

#[derive(Debug, Clone)]
pub struct PrintReport {
    pub out_dir: PathBuf,
    pub documents: Vec<PrintedDocument>,
    /// Locales left out for their coverage, and why (see [`crate::publish`]).
    pub unpublished: Vec<Refusal>,
    /// Sorted, without repeats.
    pub warnings: Vec<PrintWarning>,
}

/// Exports the PDFs of `project`, its messages loaded in `catalog`.
pub fn export_print(
    project: &Project,
    catalog: &Catalog,
    options: &PrintOptions,
) -> Result<PrintReport, PrintError> {
    let pages = content::load_pages(&project.root, &project.content_dir)?;
    let (wanted, from) = match (&options.pages, &project.print.pages) {
        (Some(pages), _) => (Some(pages.as_slice()), "--pages"),
        (None, Some(pages)) => (Some(pages.as_slice()), "print.pages in fluentpress.yaml"),
        (None, None) => (None, ""),
    };
    let selected = data::select_pages(&pages, wanted).map_err(|key| PrintError::UnknownPage {
        key,
        from,
        available: pages
            .iter()
            .map(|p| p.key.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })?;
    let out_dir = options.out_dir(project);
    // Refused before any work (typesetting takes seconds) when the folder may not be replaced.
    crate::export::check_output(project, &out_dir)?;
    let (locales, unpublished) = locales_to_print(project, catalog, options)?;
    let template = load_template(project)?;
    let fonts =
        Fonts::load(&project.print.font_dirs).map_err(|path| PrintError::FontDir { path })?;
    let localizer = Localizer::new(project, catalog);

    let job = Job {
        project,
        localizer: &localizer,
        pages: &selected,
        template: &template,
        fonts: &fonts,
        // One date for every locale of the export.
        date: data::document_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
    };
    let results = crate::parallel::map(&locales, |locale| job.print(locale));
    // The typesetter's caches are worth keeping within one export, not across exports.
    typst::comemo::evict(0);

    let staged = StagedOutput::new(project, &out_dir, "print")?;
    let mut documents = Vec::new();
    let mut warnings = Vec::new();
    for (locale, result) in locales.iter().zip(results) {
        let printed = result?;
        warnings.extend(printed.warnings);
        let name = |ext: &str| format!("{}.{ext}", locale.tag);
        write(&staged.path().join(name("pdf")), &printed.pdf)?;
        if options.emit_typst {
            let source = format!(
                "// {} print template, as used for {}.pdf; its data is {}.json.\n// typst compile --root <project> --input data-file={}.json {}.typ\n{}",
                match &template.path {
                    Some(_) => "The project's",
                    None => "fluentpress's built-in",
                },
                locale.tag,
                locale.tag,
                locale.tag,
                locale.tag,
                template.text
            );
            write(&staged.path().join(name("typ")), source.as_bytes())?;
            let json = serde_json::to_string_pretty(&printed.data).unwrap_or_default();
            write(&staged.path().join(name("json")), json.as_bytes())?;
        }
        documents.push(PrintedDocument {
            locale: locale.tag.clone(),
            path: out_dir.join(name("pdf")),
            pages: printed.pages,
            bytes: printed.pdf.len(),
        });
    }
    staged.commit()?;
    warnings.sort();
    warnings.dedup();
    Ok(PrintReport {
        out_dir,
        documents,
        unpublished,
        warnings,
    })
}

/// The locales to print: the ones asked for, or every published one (the source locale, and
/// each target whose coverage reaches its `min_coverage`, unless `include_incomplete`: the
/// policy of [`crate::publish`]). A locale asked for by name and refused is an error.
fn locales_to_print<'p>(
    project: &'p Project,
    catalog: &Catalog,
    options: &PrintOptions,
) -> Result<(Vec<&'p Locale>, Vec<Refusal>), PrintError> {
    for tag in &options.locales {
        project.require_locale(tag)?;
    }
    let request = publish::Request {
        locales: &options.locales,
        include_incomplete: options.include_incomplete,
        // A set of PDFs is whole without the source's.
        keep_source: false,
    };
    let publication = publish::decide(project, catalog, &request);
    let mut unpublished = publication.reported().cloned();
    if !options.locales.is_empty()
        && let Some(refusal) = unpublished.next()
    {
        return Err(PrintError::Unpublished {
            tag: refusal.tag,
            reason: refusal.reason,
        });
    }
    let locales = publication.published.iter().map(|p| p.locale).collect();
    Ok((locales, unpublished.collect()))
}

/// The project's template when it has one, else the built-in one.
pub fn load_template(project: &Project) -> Result<Template, PrintError> {
    let path = project.root.join(TEMPLATE_OVERRIDE);
    if path.is_file() {
        let text = crate::fsutil::read_utf8(&path)?;
        return Ok(Template {
            text,
            path: Some(path),
        });
    }
    Ok(Template {
        text: BUILTIN_TEMPLATE.to_string(),
        path: None,
    })
}

/// Everything shared by the documents of one export.
struct Job<'a> {
    project: &'a Project,
    localizer: &'a Localizer,
    pages: &'a [&'a Page],
    template: &'a Template,
    fonts: &'a Fonts,
    date: (i64, u32, u32),
}

/// One locale's document, typeset.
struct Printed {
    data: DocumentData,
    pdf: Vec<u8>,
    pages: usize,
    warnings: Vec<PrintWarning>,
}

impl Job<'_> {
    fn print(&self, locale: &Locale) -> Result<Printed, PrintError> {
        let mut warnings = Vec::new();
        let fonts = self.fonts_for(locale, &mut warnings);
        let builder = DocumentBuilder {
            project: self.project,
            localizer: self.localizer,
            locale,
            pages: self.pages,
            fonts,
            date: self.date,
        };
        let data = builder.build(&mut warnings);
        self.check_glyphs(&data, &mut warnings);
        let json = serde_json::to_string(&data).unwrap_or_default();
        let world = PrintWorld::new(&self.project.root, self.template, json, self.fonts);
        let compiled = world::compile(&world, self.template);
        warnings.extend(compiled.warnings.into_iter().map(|message| PrintWarning {
            locale: locale.tag.clone(),
            message_id: None,
            message,
        }));
        let template_error = |errors| PrintError::Template {
            locale: locale.tag.clone(),
            errors,
        };
        let document = compiled.document.map_err(template_error)?;
        let pdf = world::pdf(
            &world,
            self.template,
            &document,
            &format!("fluentpress:{}", locale.tag),
        )
        .map_err(template_error)?;
        Ok(Printed {
            data,
            pages: document.pages().len(),
            pdf,
            warnings,
        })
    }

    /// The locale's preferred fonts that are installed; a warning when its script's own font is
    /// missing (Typst then falls back to whatever font has the glyphs, often a poor match).
    fn fonts_for(&self, locale: &Locale, warnings: &mut Vec<PrintWarning>) -> Vec<String> {
        let preferred = data::preferred_fonts(&locale.langid);
        let script_fonts = data::script_font_count(&locale.langid);
        if script_fonts > 0
            && !preferred[..script_fonts]
                .iter()
                .any(|f| self.fonts.has_family(f))
        {
            warnings.push(PrintWarning {
                locale: locale.tag.clone(),
                message_id: None,
                message: format!(
                    "none of the fonts for this language is installed ({}); install them (Debian: fonts-noto-cjk, fonts-noto-core) or add a folder to `print.font_dirs`",
                    preferred[..script_fonts].join(", ")
                ),
            });
        }
        preferred
            .into_iter()
            .filter(|f| self.fonts.has_family(f))
            .map(str::to_string)
            .collect()
    }

    /// Warns about each message holding characters that no font can draw.
    fn check_glyphs(&self, data: &DocumentData, warnings: &mut Vec<PrintWarning>) {
        let mut known: BTreeMap<char, bool> = BTreeMap::new();
        for (id, text) in data::texts(data) {
            let mut missing: Vec<char> = text
                .chars()
                .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_invisible(c))
                .filter(|&c| !*known.entry(c).or_insert_with(|| self.fonts.covers(c)))
                .collect();
            if missing.is_empty() {
                continue;
            }
            missing.sort_unstable();
            missing.dedup();
            warnings.push(PrintWarning {
                locale: data.locale.clone(),
                message_id: (!id.is_empty()).then(|| id.to_string()),
                message: format!(
                    "no installed font has {}; it would print as blank boxes (install a font for it or add one to `print.font_dirs`)",
                    missing
                        .iter()
                        .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
}

/// Characters that draw nothing: format controls, joiners, variation selectors, soft hyphens.
fn is_invisible(c: char) -> bool {
    typst::text::is_default_ignorable(c)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    std::fs::write(path, bytes).map_err(|source| PrintError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::load_catalog;
    use typst::layout::{Frame, FrameItem};

    fn frame_text(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Text(text) => out.push_str(&text.text),
                FrameItem::Group(group) => frame_text(&group.frame, out),
                _ => {}
            }
        }
        out.push(' ');
    }

    /// Typesets one locale of the test project with the built-in template and Typst's own
    /// fonts; returns the text of every page.
    fn typeset(dir: &Path, tag: &str) -> String {
        let project = data::tests::project(dir);
        with_job(&project, |job| {
            let printed = job.print(project.locale(tag).unwrap()).unwrap();
            assert!(printed.pdf.starts_with(b"%PDF-"));
            let json = serde_json::to_string(&printed.data).unwrap();
            let world = PrintWorld::new(&project.root, job.template, json, job.fonts);
            let document = world::compile(&world, job.template).document.unwrap();
            let mut text = String::new();
            for page in document.pages() {
                frame_text(&page.frame, &mut text);
            }
            text
        })
    }

    /// Runs `f` with a print job of every page of `project`, the built-in template and Typst's
    /// own fonts.
    fn with_job<R>(project: &Project, f: impl FnOnce(&Job) -> R) -> R {
        with_job_and_fonts(project, Fonts::embedded_only(), f)
    }

    fn with_job_and_fonts<R>(project: &Project, fonts: Fonts, f: impl FnOnce(&Job) -> R) -> R {
        let catalog = load_catalog(project).unwrap();
        let localizer = Localizer::new(project, &catalog);
        let pages = content::load_pages(&project.root, &project.content_dir).unwrap();
        let selected = data::select_pages(&pages, None).unwrap();
        let template = load_template(project).unwrap();
        f(&Job {
            project,
            localizer: &localizer,
            pages: &selected,
            template: &template,
            fonts: &fonts,
            date: (2026, 3, 7),
        })
    }

    /// The widths (in em) of the Chinese commas set inside a line: not last in their run of
    /// text (where a line may end and punctuation hangs or is compressed by rule), not next to
    /// another punctuation mark (compressed by rule too).
    fn inline_comma_widths(frame: &Frame, out: &mut Vec<f64>) {
        let is_punctuation = |s: &str| {
            s.chars().all(|c| {
                c.is_ascii_punctuation()
                    || ('\u{3000}'..='\u{303F}').contains(&c)
                    || ('\u{FF00}'..='\u{FF65}').contains(&c)
            })
        };
        for (_, item) in frame.items() {
            match item {
                FrameItem::Text(text) => {
                    let glyphs = &text.glyphs;
                    for (i, glyph) in glyphs.iter().enumerate() {
                        if !matches!(&text.text[glyph.range()], "，" | "、") || i == 0 {
                            continue;
                        }
                        let (Some(before), Some(after)) = (glyphs.get(i - 1), glyphs.get(i + 1))
                        else {
                            continue;
                        };
                        if is_punctuation(&text.text[before.range()])
                            || is_punctuation(&text.text[after.range()])
                        {
                            continue;
                        }
                        out.push(glyph.x_advance.get());
                    }
                }
                FrameItem::Group(group) => inline_comma_widths(&group.frame, out),
                _ => {}
            }
        }
    }

    // Justified Chinese keeps its commas full width inside a line: when a line must shrink,
    // the squeeze is shared among its characters rather than taken from the commas, which
    // would leave some half as wide as others.
    #[test]
    #[ignore = "needs fonts-noto-cjk; run by .ci/run"]
    fn chinese_commas_keep_their_width_inside_lines() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::config::load_project(root).unwrap();
        let fonts = Fonts::load(&[]).unwrap();
        with_job_and_fonts(&project, fonts, |job| {
            for tag in ["zh-CN", "zh-HK"] {
                let printed = job.print(project.locale(tag).unwrap()).unwrap();
                let json = serde_json::to_string(&printed.data).unwrap();
                let world = PrintWorld::new(&project.root, job.template, json, job.fonts);
                let document = world::compile(&world, job.template).document.unwrap();
                let mut widths = Vec::new();
                for page in document.pages() {
                    inline_comma_widths(&page.frame, &mut widths);
                }
                assert!(widths.len() > 20, "{tag}: {widths:?}");
                let narrowest = widths.iter().copied().fold(f64::INFINITY, f64::min);
                assert!(
                    narrowest > 0.85,
                    "{tag}: a comma squeezed to {narrowest:.2} em: {widths:?}"
                );
            }
        });
    }

    // A translation holding Typst syntax (`#set`, `[x]`, `$y$`, `\z`) is printed as written.
    #[test]
    fn typst_syntax_in_a_translation_prints_literally() {
        let dir = tempfile::tempdir().unwrap();
        let text = typeset(dir.path(), "fr");
        assert!(text.contains("Accueil #set [x] $y$ \\z"), "{text}");
        // The localized footer and contents heading.
        assert!(text.contains("Sommaire"), "{text}");
        assert!(text.contains("2 / 3"), "{text}");
    }

    // A broken project template is an error naming its file, line and column; nothing is
    // written, and the previous output stays.
    #[test]
    fn broken_template_is_a_positioned_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let project = data::tests::project(dir.path());
        std::fs::create_dir_all(project.root.join("templates")).unwrap();
        std::fs::write(
            project.root.join(TEMPLATE_OVERRIDE),
            "#let data = json(bytes(sys.inputs.data))\n\n#text(data.nope)\n",
        )
        .unwrap();
        let out = dir.path().join("dist/print");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.pdf"), "old").unwrap();
        std::fs::write(out.join(crate::export::MARKER), "old.pdf\n").unwrap();
        let catalog = load_catalog(&project).unwrap();
        let options = PrintOptions {
            locales: vec!["en-US".into()],
            ..PrintOptions::default()
        };
        let err = export_print(&project, &catalog, &options)
            .unwrap_err()
            .to_string();
        assert!(err.contains("templates/print.typ:3:"), "{err}");
        assert!(err.contains("`en-US`"), "{err}");
        assert!(err.contains("nope"), "{err}");
        let mut left: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, [crate::export::MARKER, "old.pdf"]);
    }

    // A character no font has is a warning naming the locale and the message.
    #[test]
    fn glyph_missing_in_every_font_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let project = data::tests::project(dir.path());
        std::fs::write(
            project.root.join("locales/fr/pages/legal.ftl"),
            "legal-intro-p1 = Petits caractères 中文.\n",
        )
        .unwrap();
        let printed = with_job(&project, |job| {
            job.print(project.locale("fr").unwrap()).unwrap()
        });
        assert_eq!(
            printed.warnings,
            [PrintWarning {
                locale: "fr".into(),
                message_id: Some("legal-intro-p1".into()),
                message: "no installed font has `中` (U+4E2D), `文` (U+6587); it would print as blank boxes (install a font for it or add one to `print.font_dirs`)".into(),
            }]
        );
    }

    // What --emit typst writes compiles on its own, the data read from the .json file (as
    // `typst compile --input data-file=fr.json fr.typ` does).
    #[test]
    fn emitted_typst_source_compiles_with_its_data_file() {
        let dir = tempfile::tempdir().unwrap();
        let project = data::tests::project(dir.path());
        let catalog = load_catalog(&project).unwrap();
        let options = PrintOptions {
            emit_typst: true,
            include_incomplete: true,
            locales: vec!["fr".into()],
            ..PrintOptions::default()
        };
        let report = export_print(&project, &catalog, &options).unwrap();
        let out = &report.out_dir;
        let template = Template {
            text: std::fs::read_to_string(out.join("fr.typ")).unwrap(),
            path: Some(out.join("fr.typ")),
        };
        let inputs = [(
            typst::foundations::Str::from("data-file"),
            typst::foundations::Value::Str("fr.json".into()),
        )];
        let fonts = Fonts::embedded_only();
        let world = PrintWorld::with_inputs(
            &project.root,
            &template,
            inputs.into_iter().collect(),
            &fonts,
        );
        let document = world::compile(&world, &template).document.unwrap();
        let mut text = String::new();
        for page in document.pages() {
            frame_text(&page.frame, &mut text);
        }
        assert!(text.contains("Accueil #set [x] $y$ \\z"), "{text}");
    }

    // A configured font folder that does not exist is an error naming it.
    #[test]
    fn missing_font_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        data::tests::project(dir.path());
        let config = dir.path().join(crate::config::CONFIG_FILE);
        let mut yaml = std::fs::read_to_string(&config).unwrap();
        yaml.push_str("print:\n  font_dirs: [fonts/brand]\n");
        std::fs::write(&config, yaml).unwrap();
        let project = crate::config::load_project(dir.path()).unwrap();
        let catalog = load_catalog(&project).unwrap();
        let err = export_print(&project, &catalog, &PrintOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("fonts/brand"), "{err}");
        assert!(err.contains("print.font_dirs"), "{err}");
        assert!(!dir.path().join("dist/print").exists());
    }
}
