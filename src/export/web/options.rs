//! What to export: the options of `export web` (output folder, locales, the copyright year),
//! resolved from the command line, and the check that refuses what no site can be made of
//! before any work starts.

use super::*;

/// What to export, resolved from the command line; [`WebOptions::new`] gives the defaults.
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::export::web::WebOptions {
///     out: "dist/web".into(),
///     include_incomplete: false,
///     locales: Vec::new(),
///     year: "2026".into(),
/// };
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WebOptions {
    /// The output folder (replaced as a whole).
    pub out: PathBuf,
    /// Publish locales below their `min_coverage` too.
    pub include_incomplete: bool,
    /// Locales to publish; empty for all. The source locale is always published: it is the
    /// default version of the site and the original that outdated translations link to.
    pub locales: Vec<String>,
    /// `$year` of `footer-copyright`, as text.
    pub year: String,
    /// Marks for `serve`'s in-context editor: each element showing a page message carries
    /// `data-l10n-id` and `data-l10n-locale`, and each page a JSON list of its interface texts.
    /// Never set by `export web`: a published site carries no editor markup.
    pub editor_marks: bool,
}

impl WebOptions {
    /// The default options for `project`: `dist/web`, every locale, the year from
    /// [`copyright_year`].
    pub fn new(project: &Project) -> WebOptions {
        WebOptions {
            out: default_out(project),
            include_incomplete: false,
            locales: Vec::new(),
            year: copyright_year(project),
            editor_marks: false,
        }
    }
}

/// `<output>/web`.
pub fn default_out(project: &Project) -> PathBuf {
    project.output_dir.join("web")
}

/// The copyright year: from `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// `site.copyright_year` from the configuration, else the current year.
pub fn copyright_year(project: &Project) -> String {
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return crate::calendar::year_of(seconds).to_string();
    }
    if let Some(year) = project.site.copyright_year {
        return year.to_string();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    crate::calendar::year_of(now).to_string()
}

/// Refuses what no site can be made of: an unknown locale among those requested. (Slugs that
/// would clash with the export's own files, `search` among them, are refused when the pages are
/// loaded: see [`content::GENERATED_NAMES`].)
pub fn validate(project: &Project, _pages: &[Page], options: &WebOptions) -> Result<(), WebError> {
    for tag in &options.locales {
        project.require_locale(tag)?;
    }
    Ok(())
}
