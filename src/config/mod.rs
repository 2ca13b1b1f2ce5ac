//! The project configuration, `fluentpress.yaml`: site identity, the source locale, the target
//! locales with their fallback chains, and the project's folders.
//!
//! The file is read once, validated completely (unknown keys, locale tags, duplicates, fallback
//! cycles), and turned into a [`Project`]: the resolved, absolute view every stage works from.
//! Every error names the file, line and column, because the person fixing it is looking at YAML.
//!
//! One file per job: `file.rs` is the file as written (the serde model), `resolve.rs` turns it
//! into a [`Project`] (`project.rs`) and validates it, `bundles.rs` says how files form bundles, `locales.rs` parses tags and expands
//! fallback chains, `position.rs` finds the line and column an error points at, `output.rs` is
//! the rule for export output folders, `yaml.rs` reads YAML within bounds,
//! `unknown.rs` is the error of a locale asked for and not configured. This file finds and
//! reads the file, and holds the errors.

mod bundles;
mod file;
mod locales;
mod names;
mod output;
mod position;
mod project;
mod resolve;
mod unknown;
mod yaml;

use std::path::{Path, PathBuf};

pub use bundles::{BundleGroup, BundleMode, BundlesConfig, path_glob_match, wildcard_match};
pub use file::{
    CheckConfig, DEFAULT_MIN_COVERAGE, ExternalLinks, IgnoreConfig, LocaleCheckConfig,
    LocaleConfig, PageBreak, Paper, PathsConfig, PrintConfig, ProjectConfig, SeverityConfig,
    SiteConfig, SourceLocaleConfig, ThemeConfig,
};
pub use locales::validate_tag;
pub use output::{OutputProblem, resolve_path};
pub use position::locale_setting_position;
pub use project::{Locale, Project};
pub use unknown::UnknownLocale;
pub use yaml::{MAX_YAML_EXPANSION, from_yaml};

use crate::fsutil::{self, Location};

/// The name of the configuration file that marks a project root.
pub const CONFIG_FILE: &str = "fluentpress.yaml";

/// Errors found while reading or validating the configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("no {CONFIG_FILE} in {} or any folder above it", .start.display())]
    NotFound { start: PathBuf },
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error("{location}: {message}")]
    Invalid { location: Location, message: String },
}

/// Finds `fluentpress.yaml` in `start` or the nearest folder above it.
pub fn find_project_root(start: &Path) -> Result<PathBuf, ConfigError> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Err(ConfigError::NotFound {
        start: start.to_path_buf(),
    })
}

/// Reads and validates the configuration of the project rooted at `root`.
pub fn load_project(root: &Path) -> Result<Project, ConfigError> {
    let config_path = root.join(CONFIG_FILE);
    fsutil::ensure_inside(root, &config_path)?;
    let text = fsutil::read_utf8(&config_path)?;
    load_project_from_text(root, &text)
}

/// Validates `text` as the configuration of the project rooted at `root`, as [`load_project`]
/// does with the file: for an editor's unsaved `fluentpress.yaml` (the language server).
pub fn load_project_from_text(root: &Path, text: &str) -> Result<Project, ConfigError> {
    let config_path = root.join(CONFIG_FILE);
    let config: ProjectConfig = from_yaml(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        ConfigError::Invalid {
            location: Location::new(&config_path, line, column),
            message: yaml::plain_message(
                e.to_string().split(" at line ").next().unwrap_or_default(),
            ),
        }
    })?;
    let project = resolve::resolve(root, config_path, text, config)?;
    refuse_links_outside(&project)?;
    Ok(project)
}

/// The project's folders (and the fixed files in them) must not be symbolic links leading
/// outside the project, at any level: `locales/de -> /elsewhere` would be read from and, by
/// `xliff import`, written into. Checked once here so every reader and writer gets the rule;
/// files found by listing a folder are checked as they are listed, and writers check each
/// target again ([`crate::transaction`]).
fn refuse_links_outside(project: &Project) -> Result<(), ConfigError> {
    let root = &project.root;
    let mut paths = vec![
        project.content_dir.clone(),
        project.locales_dir.clone(),
        project.snapshots_dir.clone(),
        // The web export's own templates (`export::web::templates::templates_dir`).
        root.join("templates"),
    ];
    for locale in &project.locales {
        let dir = project.locale_dir(&locale.tag);
        paths.push(project.snapshots_dir.join(format!("{}.tsv", locale.tag)));
        // A folder configured outside the project (an application's source strings in their
        // own repository) is read as it is; writers refuse it (`Project::contains`).
        if !project.contains(&dir) {
            continue;
        }
        // The glossary (`glossary::GLOSSARY_FILE`) is read by name, not found by a listing.
        paths.push(dir.join("glossary.yaml"));
        paths.push(dir);
    }
    for path in paths {
        fsutil::ensure_inside(root, &path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> Result<Project, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), yaml).unwrap();
        load_project(dir.path())
    }

    const BASE: &str = "site:\n  name: S\n  base_url: https://example.org/\nsource_locale:\n  tag: en-US\n  name: English\n";

    #[test]
    fn fallback_chain_ends_with_source_and_follows_fallbacks_fallbacks() {
        let p = load(&format!(
            "{BASE}locales:\n  - tag: zh-TW\n    name: T\n  - tag: zh-HK\n    name: H\n    fallback: [zh-TW, en-US]\n"
        ))
        .unwrap();
        assert_eq!(
            p.locale("zh-HK").unwrap().fallback_chain,
            ["zh-TW", "en-US"]
        );
        assert_eq!(p.locale("zh-TW").unwrap().fallback_chain, ["en-US"]);
        assert_eq!(p.source_locale().tag, "en-US");
    }

    #[test]
    fn print_section_defaults_and_values() {
        let p = load(BASE).unwrap();
        assert_eq!(p.print, PrintConfig::default());
        assert_eq!(p.print.paper.typst_name(), "a4");
        let p = load(&format!(
            "{BASE}print:\n  pages: [home, about/team]\n  paper: us-letter\n  font_dirs: [fonts]\n"
        ))
        .unwrap();
        assert_eq!(p.print.paper, Paper::UsLetter);
        assert_eq!(
            p.print.pages.as_deref(),
            Some(&["home".to_string(), "about/team".to_string()][..])
        );
        assert_eq!(p.print.font_dirs, [p.root.join("fonts")]);
        let err = load(&format!("{BASE}print:\n  paper: a5\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown variant `a5`, expected `a4` or `us-letter`"),
            "{err}"
        );
        let err = load(&format!("{BASE}print:\n  font: x\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `font`"), "{err}");
    }

    // The cover's logo, the chapter breaks and the link style of `print:`.
    #[test]
    fn print_logo_page_break_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let write = |yaml: String| std::fs::write(dir.path().join(CONFIG_FILE), yaml).unwrap();
        let err = |yaml: String| {
            write(yaml);
            load_project(dir.path()).unwrap_err().to_string()
        };
        let p = load(BASE).unwrap();
        assert_eq!(p.print.page_break, PageBreak::None);
        assert_eq!(p.print.external_links, ExternalLinks::Footnotes);
        assert_eq!(p.print.logo, None);

        let e = err(format!("{BASE}print:\n  paper: a4\n  logo: img/logo.svg\n"));
        assert!(
            e.ends_with("fluentpress.yaml:9:9: print.logo `img/logo.svg` does not exist"),
            "{e}"
        );
        std::fs::create_dir(dir.path().join("img")).unwrap();
        std::fs::write(dir.path().join("img/logo.svg"), "GIF? no: BM....").unwrap();
        let e = err(format!("{BASE}print: {{ logo: img/logo.svg }}\n"));
        assert!(e.contains("fluentpress.yaml:7:16: print.logo `img/logo.svg` is not an image the PDF export can print (PNG, JPEG, GIF, SVG or WebP)"), "{e}");
        let e = err(format!("{BASE}print:\n  logo: ../logo.png\n"));
        assert!(e.contains("must be a path inside the project"), "{e}");

        std::fs::write(
            dir.path().join("img/logo.svg"),
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .unwrap();
        write(format!(
            "{BASE}print:\n  logo: img/logo.svg\n  page_break: chapter\n  external_links: inline\n"
        ));
        let p = load_project(dir.path()).unwrap();
        assert_eq!(p.print.logo, Some(p.root.join("img/logo.svg")));
        assert_eq!(p.print.page_break, PageBreak::Chapter);
        assert_eq!(p.print.external_links, ExternalLinks::Inline);
        let e = err(format!("{BASE}print:\n  page_break: section\n"));
        assert!(
            e.contains("unknown variant `section`, expected `chapter` or `none`"),
            "{e}"
        );
    }

    // `print.logo` defaults to `site.theme.logo` when the typesetter can read it; an explicit
    // `print.logo` wins.
    #[test]
    fn print_logo_defaults_to_the_theme_logo() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        std::fs::write(dir.path().join("img/site.svg"), svg).unwrap();
        std::fs::write(dir.path().join("img/paper.svg"), svg).unwrap();
        let theme = BASE.replace(
            "site:\n",
            "site:\n  theme:\n    primary: \"#7a1f2b\"\n    logo: img/site.svg\n",
        );
        let load_with = |yaml: String| {
            std::fs::write(dir.path().join(CONFIG_FILE), yaml).unwrap();
            load_project(dir.path()).unwrap()
        };
        let p = load_with(theme.clone());
        assert_eq!(p.print.logo, Some(p.root.join("img/site.svg")));
        assert_eq!(p.site.theme.primary.as_deref(), Some("#7a1f2b"));

        let p = load_with(format!("{theme}print:\n  logo: img/paper.svg\n"));
        assert_eq!(p.print.logo, Some(p.root.join("img/paper.svg")));

        // A theme logo browsers show but Typst cannot read leaves the cover without one.
        std::fs::write(dir.path().join("img/site.svg"), "not an image").unwrap();
        let p = load_with(theme);
        assert_eq!(p.print.logo, None);
        assert_eq!(p.site.theme.logo, Some(p.root.join("img/site.svg")));
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let err = load(&format!("{BASE}colour: blue\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("fluentpress.yaml:7:1"), "{err}");
        assert!(err.contains("unknown field `colour`"), "{err}");
    }

    #[test]
    fn bad_tag_points_at_the_tag() {
        let err = load(&format!("{BASE}locales:\n  - tag: en_GB!\n    name: X\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("fluentpress.yaml:8:10"), "{err}");
        assert!(err.contains("not a valid BCP 47"), "{err}");
    }

    #[test]
    fn non_canonical_tag_is_refused_with_the_right_spelling() {
        let err = load(&format!("{BASE}locales:\n  - tag: zh-cn\n    name: X\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("write it as `zh-CN`"), "{err}");
    }

    #[test]
    fn duplicate_locale_points_at_the_second_entry() {
        let err = load(&format!(
            "{BASE}locales:\n  - tag: fr\n    name: F\n  - tag: fr\n    name: F\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("fluentpress.yaml:10:10"), "{err}");
        assert!(err.contains("listed twice"), "{err}");
    }

    #[test]
    fn fallback_cycle_is_an_error() {
        let err = load(&format!(
            "{BASE}locales:\n  - tag: fr\n    name: F\n    fallback: [de]\n  - tag: de\n    name: D\n    fallback: [fr]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("cycle: fr → de → fr"), "{err}");
        assert!(err.contains("fluentpress.yaml:8:10"), "{err}");
    }

    #[test]
    fn check_settings_with_unknown_codes_or_locales_are_errors() {
        let err = load(&format!(
            "{BASE}check:\n  severity:\n    missing-mesage: off\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("fluentpress.yaml:9:5: `missing-mesage` is not a check code"),
            "{err}"
        );
        let err = load(&format!(
            "{BASE}check:\n  ignore:\n    - code: identical-to-source\n      locale: xx\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("`check` names locale `xx`"), "{err}");
        let ok = load(&format!(
            "{BASE}locales:\n  - tag: fr\n    name: F\ncheck:\n  severity:\n    identical-to-source: error\n  locales:\n    fr:\n      severity:\n        missing-message: off\n  ignore:\n    - code: markup-mismatch\n      message: home-*\n"
        ));
        assert!(ok.is_ok(), "{:?}", ok.err());
    }

    #[test]
    fn unsafe_output_points_at_its_value_not_at_a_comment() {
        let err = load(&format!(
            "{BASE}# output: where the exports go\npaths:\n  content: content\n  output:   \"..\"\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("fluentpress.yaml:10:13: paths.output `..` cannot hold exports: it holds the project"),
            "{err}"
        );
        let err = load(&format!("{BASE}paths:\n  output: content/site\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("fluentpress.yaml:8:11: paths.output `content/site` cannot hold exports: it lies inside the project's content folder (content)"),
            "{err}"
        );
        assert!(load(&format!("{BASE}paths:\n  output: public\n")).is_ok());
    }

    #[test]
    fn unknown_fallback_is_an_error() {
        let err = load(&format!(
            "{BASE}locales:\n  - tag: fr\n    name: F\n    fallback: [fr-CA]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("`fr-CA`, which is not a configured locale"),
            "{err}"
        );
        assert!(err.contains("fluentpress.yaml:10:16"), "{err}");
    }
}
