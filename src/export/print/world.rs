//! Typst as a library: the fonts, the [`World`] one document is compiled in, and the
//! translation of Typst's diagnostics into our errors and warnings.
//!
//! The world is small on purpose: one main file (the template), the document's data as
//! `sys.inputs.data`, files (images) read from the project folder only, no packages, no clock
//! (`datetime.today()` fails; output stays reproducible).

use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Smart, Str, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

/// Every font a document may use: the project's font folders, the system's, and the fonts
/// built into Typst, in that order of precedence. Loaded once per export, shared by all locales;
/// a font file is read only when a document uses it.
pub struct Fonts {
    store: FontStore,
}

impl Fonts {
    /// Scans `dirs` (each must exist), then the system fonts, then adds Typst's embedded ones.
    pub fn load(dirs: &[PathBuf]) -> Result<Fonts, PathBuf> {
        let mut store = FontStore::new();
        for dir in dirs {
            if !dir.is_dir() {
                return Err(dir.clone());
            }
            store.extend(typst_kit::fonts::scan(dir));
        }
        store.extend(typst_kit::fonts::system());
        store.extend(typst_kit::fonts::embedded());
        Ok(Fonts { store })
    }

    /// Typst's built-in fonts only (Libertinus Serif, New Computer Modern, DejaVu Sans Mono):
    /// fast, and the same on every machine.
    pub fn embedded_only() -> Fonts {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::embedded());
        Fonts { store }
    }

    pub fn book(&self) -> &FontBook {
        self.store.book()
    }

    /// Whether a family (any case) is installed.
    pub fn has_family(&self, family: &str) -> bool {
        self.store.book().contains_family(&family.to_lowercase())
    }

    /// Whether some font has a glyph for `c`. Typst falls back to any font covering a
    /// character, so when none does, the reader sees a blank box ("tofu").
    pub fn covers(&self, c: char) -> bool {
        let book = self.store.book();
        (0..)
            .map_while(|i| book.info(i))
            .any(|info| info.coverage.contains(c as u32))
    }
}

/// The template to compile, and where it comes from (for error messages).
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    /// The project's `templates/print.typ`, or `None` for the built-in template.
    pub path: Option<PathBuf>,
}

impl Template {
    /// How errors name the template: its path relative to the project, or the built-in file.
    pub fn display_path(&self, root: &Path) -> String {
        match &self.path {
            Some(path) => crate::fsutil::display_relative(root, path).into_owned(),
            None => format!("(built-in print template) {BUILTIN_TEMPLATE_PATH}"),
        }
    }
}

/// Where the built-in template lives in fluentpress's own sources.
pub const BUILTIN_TEMPLATE_PATH: &str = "src/assets/print/template.typ";

/// One document's compilation context.
pub struct PrintWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
    /// Files other than the template are read below this folder only.
    root: PathBuf,
}

impl<'a> PrintWorld<'a> {
    /// `data` is the document's JSON, passed as `sys.inputs.data`.
    pub fn new(root: &Path, template: &Template, data: String, fonts: &'a Fonts) -> Self {
        let inputs = [(Str::from("data"), Value::Str(Str::from(data)))];
        Self::with_inputs(root, template, inputs.into_iter().collect(), fonts)
    }

    /// A world with any `sys.inputs` (as the Typst CLI's `--input key=value`).
    pub fn with_inputs(root: &Path, template: &Template, inputs: Dict, fonts: &'a Fonts) -> Self {
        let vpath = template
            .path
            .as_deref()
            .and_then(|p| VirtualPath::virtualize(root, p).ok())
            .unwrap_or_else(|| {
                VirtualPath::new("/fluentpress-print.typ").expect("a valid virtual path")
            });
        // A unique id: every world (one per locale, maybe in parallel) has its own main file.
        let id = FileId::unique(RootedPath::new(VirtualRoot::Project, vpath));
        PrintWorld {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            fonts,
            main: Source::new(id, template.text.clone()),
            root: root.to_path_buf(),
        }
    }

    fn read(&self, id: FileId) -> FileResult<Vec<u8>> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "Typst packages are not available in fluentpress print templates".into(),
            )));
        }
        let path = id.vpath().realize(&self.root).map_err(FileError::Realize)?;
        if path.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&path).map_err(|e| FileError::from_io(e, &path))
    }

    /// Where a diagnostic points: `file:line:column` (1-based, columns in characters).
    fn locate(&self, diagnostic: &SourceDiagnostic, template: &Template) -> Option<String> {
        let id = diagnostic.span.id()?;
        let range = self.range(diagnostic.span)?;
        let source = self.source(id).ok()?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let file = if id == self.main.id() {
            template.display_path(&self.root)
        } else {
            crate::fsutil::display_relative(&self.root, &id.vpath().realize(&self.root).ok()?)
                .into_owned()
        };
        Some(format!("{file}:{}:{}", line + 1, column + 1))
    }

    /// One line per diagnostic, with its position, message and hints.
    pub fn describe(&self, diagnostic: &SourceDiagnostic, template: &Template) -> String {
        let mut out = match self.locate(diagnostic, template) {
            Some(at) => format!("{at}: {}", diagnostic.message),
            None => format!(
                "{}: {}",
                template.display_path(&self.root),
                diagnostic.message
            ),
        };
        for hint in &diagnostic.hints {
            out.push_str(&format!(" (hint: {})", hint.v));
        }
        out
    }
}

impl World for PrintWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.read(id)?;
        let text = String::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.read(id).map(Bytes::new)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// A compiled document, or the template's errors (each `file:line:col: message`).
pub struct Compiled {
    pub document: Result<PagedDocument, Vec<String>>,
    /// Typst's warnings, each `file:line:col: message`.
    pub warnings: Vec<String>,
}

pub fn compile(world: &PrintWorld<'_>, template: &Template) -> Compiled {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let describe_all = |diagnostics: &[SourceDiagnostic], severity: Severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .map(|d| world.describe(d, template))
            .collect::<Vec<_>>()
    };
    Compiled {
        document: output.map_err(|errors| describe_all(&errors, Severity::Error)),
        warnings: describe_all(&warnings, Severity::Warning),
    }
}

/// Writes the PDF. `ident` identifies the document stably (the PDF's id is its hash), so the
/// same input gives the same bytes.
pub fn pdf(
    world: &PrintWorld<'_>,
    template: &Template,
    document: &PagedDocument,
    ident: &str,
) -> Result<Vec<u8>, Vec<String>> {
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("fluentpress {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        ..Default::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| errors.iter().map(|d| world.describe(d, template)).collect())
}
