//! `fluentpress.yaml` as written: the serde model of the file, with its defaults. Unknown keys
//! are refused (`deny_unknown_fields`), so a typo is an error, not a setting silently ignored;
//! nothing here is validated beyond its type, which is `resolve.rs`'s job.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// `fluentpress.yaml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// Needed by the exporters; a project that only checks may leave it out.
    #[serde(default)]
    pub site: SiteConfig,
    pub source_locale: SourceLocaleConfig,
    #[serde(default)]
    pub locales: Vec<LocaleConfig>,
    #[serde(default)]
    pub paths: PathsConfig,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub print: PrintConfig,
}

/// The `check:` section: severities and suppressions of `fluentpress check`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Severity per rule code for every locale: `error`, `warning` or `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityConfig>,
    /// Per-locale overrides: `locales: { de: { severity: { missing-message: off } } }`.
    #[serde(default)]
    pub locales: BTreeMap<String, LocaleCheckConfig>,
    /// Suppressed diagnostics.
    #[serde(default)]
    pub ignore: Vec<IgnoreConfig>,
    /// Custom functions the application registers on its bundles (`functions: [PLATFORM]`):
    /// `check` then does not report them as unknown. `NUMBER` and `DATETIME` are always known.
    #[serde(default)]
    pub functions: Vec<String>,
    /// How files form bundles, the scope of an id (`per-locale`, `per-file` or named groups):
    /// see `bundles.rs`.
    #[serde(default)]
    pub bundles: super::BundlesConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleCheckConfig {
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityConfig>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityConfig {
    Error,
    Warning,
    Off,
}

/// One suppression: every diagnostic matching all the given fields is dropped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreConfig {
    /// The rule code.
    pub code: String,
    /// A locale tag; all locales when absent.
    #[serde(default)]
    pub locale: Option<String>,
    /// A message id glob (`*` and `?`), e.g. `home-*`; all messages when absent.
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub name: String,
    pub base_url: String,
    /// The year in the footer's copyright line when `SOURCE_DATE_EPOCH` is not set (default:
    /// the current year).
    #[serde(default)]
    pub copyright_year: Option<i32>,
    /// The look of the web export's default theme.
    #[serde(default)]
    pub theme: ThemeConfig,
}

/// `site.theme`: what a project changes in the default theme without writing templates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// The primary colour (links, the navigation band, buttons), `#rgb` or `#rrggbb`.
    #[serde(default)]
    pub primary: Option<String>,
    /// An image file (SVG, PNG, JPEG or WebP) below the project, shown before the site's name.
    #[serde(default)]
    pub logo: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLocaleConfig {
    pub tag: String,
    /// The language's own name; default: CLDR's (see `names.rs`), else the tag.
    #[serde(default)]
    pub name: Option<String>,
    /// The locale's folder when it is not `<paths.locales>/<tag>`, relative to the project
    /// root; the source may lie outside the project (Firefox keeps en-US in its own
    /// repository), where it is read but never written.
    #[serde(default)]
    pub folder: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleConfig {
    pub tag: String,
    /// The language's own name; default: CLDR's (see `names.rs`), else the tag.
    #[serde(default)]
    pub name: Option<String>,
    /// The locale's folder when it is not named after its tag: a name below `paths.locales`
    /// (`ja-JP-mac`, `pt_BR`) or a path with a `/`, relative to the project root.
    #[serde(default)]
    pub folder: Option<PathBuf>,
    #[serde(default)]
    pub fallback: Vec<String>,
    /// A finished translation: a missing message is an error there, not a warning.
    #[serde(default)]
    pub complete: bool,
    /// The share of source messages (percent) the locale must translate to be published and to
    /// pass `check`. Default: [`DEFAULT_MIN_COVERAGE`].
    #[serde(default)]
    pub min_coverage: Option<f64>,
}

/// The default publishing threshold, in percent of messages (po4a's default too).
pub const DEFAULT_MIN_COVERAGE: f64 = 80.0;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathsConfig {
    #[serde(default = "default_content")]
    pub content: PathBuf,
    #[serde(default = "default_locales")]
    pub locales: PathBuf,
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// Translation snapshots (`<tag>.tsv`), see `snapshot`.
    #[serde(default = "default_snapshots")]
    pub snapshots: PathBuf,
}

fn default_content() -> PathBuf {
    PathBuf::from("content")
}
fn default_locales() -> PathBuf {
    PathBuf::from("locales")
}
fn default_output() -> PathBuf {
    PathBuf::from("dist")
}
fn default_snapshots() -> PathBuf {
    PathBuf::from("snapshots")
}

impl Default for PathsConfig {
    fn default() -> Self {
        PathsConfig {
            content: default_content(),
            locales: default_locales(),
            output: default_output(),
            snapshots: default_snapshots(),
        }
    }
}

/// `print:`: the PDF export (`fluentpress export print`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// The pages to print, by their path below `content/` without `.md` (`profile`,
    /// `about/team`); default: every page. They are printed in navigation order whatever the
    /// order here.
    #[serde(default)]
    pub pages: Option<Vec<String>>,
    #[serde(default)]
    pub paper: Paper,
    /// Folders searched for fonts, before the system's; relative to the project root.
    #[serde(default)]
    pub font_dirs: Vec<PathBuf>,
    /// An image printed on the cover (PNG, JPEG, GIF, SVG or WebP), relative to the project
    /// root; made absolute and checked (it exists, inside the project, in a known format) when
    /// the configuration is loaded.
    #[serde(default)]
    pub logo: Option<PathBuf>,
    /// Whether each chapter starts on a new page.
    #[serde(default)]
    pub page_break: PageBreak,
    /// How the address of a link to another site is printed.
    #[serde(default)]
    pub external_links: ExternalLinks,
}

/// Where chapters start (`print.page_break`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageBreak {
    /// Each chapter on a new page.
    Chapter,
    /// Chapters follow one another: the site's pages are often short, and a brochure of
    /// half-empty pages wastes paper and reads as unfinished.
    #[default]
    None,
}

impl PageBreak {
    /// The name the print template receives (`data.page_break`).
    pub fn name(self) -> &'static str {
        match self {
            PageBreak::Chapter => "chapter",
            PageBreak::None => "none",
        }
    }
}

/// How the address of an external link is printed (`print.external_links`): paper cannot
/// be clicked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExternalLinks {
    /// In a footnote: the text reads on undisturbed.
    #[default]
    Footnotes,
    /// In brackets after the link's text.
    Inline,
}

impl ExternalLinks {
    /// The name the print template receives (`data.external_links`).
    pub fn name(self) -> &'static str {
        match self {
            ExternalLinks::Footnotes => "footnotes",
            ExternalLinks::Inline => "inline",
        }
    }
}

/// The paper size of printed documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    #[default]
    A4,
    UsLetter,
}

impl Paper {
    /// The name Typst's `page(paper: ..)` knows it by.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        }
    }
}
