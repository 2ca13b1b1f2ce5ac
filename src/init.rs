//! `init`: scaffolds a new project that builds at once: a configuration with a source and one
//! target locale, one Markdown page, hand-written UI strings, and a `.gitignore` for `dist/`.
//!
//! For a French target the scaffold ships translated UI strings and home page, so the first
//! `build` publishes both languages; for any other target the locale starts empty with
//! `min_coverage: 0` and a comment saying to raise it once translated. An existing project is
//! never overwritten.

use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use crate::config::CONFIG_FILE;
use crate::extract::ftl_pattern;
use crate::transaction::{self, LockMode, Transaction, TransactionError};

const CONFIG: &str = include_str!("assets/init/fluentpress.yaml");
const HOME: &str = include_str!("assets/init/home.md");
const UI_SOURCE: &str = include_str!("assets/init/ui-source.ftl");
const UI_FR: &str = include_str!("assets/init/ui-fr.ftl");
const HOME_FR: &str = include_str!("assets/init/home-fr.ftl");
const GLOSSARY_FR: &str = include_str!("assets/init/glossary-fr.yaml");
const GITIGNORE: &str = include_str!("assets/init/gitignore");

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InitError {
    #[error("{} already holds a fluentpress project ({CONFIG_FILE}); nothing was written", .dir.display())]
    Exists { dir: PathBuf },
    #[error("{} already has a `{name}` folder; init writes only into a new or empty project folder", .dir.display())]
    NotEmpty { dir: PathBuf, name: &'static str },
    #[error("`{tag}` is not a valid BCP 47 locale tag")]
    BadTag { tag: String },
    /// A well-formed tag the configuration would refuse (`german`, `en-UK`): said now, before
    /// a project that cannot load is written.
    #[error("--source/--target: {message}")]
    UnknownTag { message: String },
    #[error("the source and target locale are both `{tag}`")]
    SameLocale { tag: String },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Transaction(#[from] TransactionError),
}

/// What to scaffold.
///
/// New fields may come: build it from its default and set fields (a struct literal outside
/// the crate does not compile).
///
/// ```compile_fail,E0639
/// let options = fluentpress::init::InitOptions {
///     site_name: "Acme".into(),
///     source: "en-US".into(),
///     target: "fr".into(),
/// };
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InitOptions {
    pub site_name: String,
    pub source: String,
    pub target: String,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            site_name: "My multilingual site".into(),
            source: "en-US".into(),
            target: "fr".into(),
        }
    }
}

/// The language's own name, for the few languages the scaffold knows; the tag otherwise
/// (the author edits it in the configuration).
fn endonym(tag: &str) -> String {
    let language = tag.split('-').next().unwrap_or(tag);
    match language {
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "it" => "Italiano",
        "pt" => "Português",
        "nl" => "Nederlands",
        "id" => "Bahasa Indonesia",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "ar" => "العربية",
        "ru" => "Русский",
        _ => tag,
    }
    .to_string()
}

fn canonical(tag: &str) -> Result<String, InitError> {
    let canonical = tag
        .parse::<LanguageIdentifier>()
        .map(|l| l.to_string())
        .map_err(|_| InitError::BadTag {
            tag: tag.to_string(),
        })?;
    crate::config::validate_tag(&canonical).map_err(|message| InitError::UnknownTag { message })?;
    Ok(canonical)
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Writes the scaffold into `dir` (created if needed). Returns the files written.
pub fn init_project(dir: &Path, options: &InitOptions) -> Result<Vec<PathBuf>, InitError> {
    let source = canonical(&options.source)?;
    let target = canonical(&options.target)?;
    if source == target {
        return Err(InitError::SameLocale { tag: source });
    }
    std::fs::create_dir_all(dir).map_err(|source| InitError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    // Locked, so two inits of one folder cannot both find it empty.
    let _lock = transaction::lock(dir, LockMode::Write, &|| {})?;
    if dir.join(CONFIG_FILE).exists() {
        return Err(InitError::Exists {
            dir: dir.to_path_buf(),
        });
    }
    for name in ["content", "locales"] {
        let sub = dir.join(name);
        if sub.is_dir()
            && std::fs::read_dir(&sub)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            return Err(InitError::NotEmpty {
                dir: dir.to_path_buf(),
                name,
            });
        }
    }
    let translated = target.split('-').next() == Some("fr");
    let target_extra = if translated {
        String::new()
    } else {
        "    # Not translated yet: raise min_coverage once it is.\n    min_coverage: 0\n"
            .to_string()
    };

    let ftl_name = ftl_pattern(&options.site_name);
    let config = CONFIG
        .replace("{site_name}", &yaml_string(&options.site_name))
        .replace("{source_tag}", &source)
        .replace("{source_name}", &yaml_string(&endonym(&source)))
        .replace("{target_tag}", &target)
        .replace("{target_name}", &yaml_string(&endonym(&target)))
        .replace("{target_extra}\n", &target_extra);
    let home = HOME
        .replace("{site_name}", &yaml_string(&options.site_name))
        .replace(
            "{description}",
            &yaml_string(&format!("Welcome to {}.", options.site_name)),
        );
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join(CONFIG_FILE), config),
        (dir.join(".gitignore"), GITIGNORE.to_string()),
        (dir.join("content/home.md"), home),
        (
            dir.join("locales").join(&source).join("ui.ftl"),
            UI_SOURCE.replace("{site_name}", &ftl_name),
        ),
    ];
    if translated {
        let locale_dir = dir.join("locales").join(&target);
        files.push((
            locale_dir.join("ui.ftl"),
            UI_FR.replace("{site_name}", &ftl_name),
        ));
        files.push((
            locale_dir.join("pages/home.ftl"),
            HOME_FR.replace("{site_name}", &ftl_name),
        ));
        files.push((
            locale_dir.join("glossary.yaml"),
            GLOSSARY_FR.replace("{site_name}", &yaml_string(&options.site_name)),
        ));
    }
    // All files or none: a killed init leaves no half project that a second init refuses.
    let mut transaction = Transaction::new(dir);
    let mut written = Vec::new();
    for (path, contents) in files {
        // Never replace a file that is already there (a `.gitignore`, say).
        if path.exists() {
            continue;
        }
        transaction.write(&path, contents);
        written.push(path);
    }
    transaction.commit()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_loads_extracts_and_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        let written = init_project(dir.path(), &InitOptions::default()).unwrap();
        assert_eq!(written.len(), 7);
        let project = crate::config::load_project(dir.path()).unwrap();
        let extraction = crate::extract::plan_extraction(&project).unwrap();
        crate::extract::apply_extraction(&extraction).unwrap();
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        let report = crate::check::check(&project, &catalog, &Default::default(), None).unwrap();
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
        assert_eq!(report.locales[1].coverage, 100.0);
    }

    #[test]
    fn other_target_starts_empty_and_still_passes() {
        let dir = tempfile::tempdir().unwrap();
        let options = InitOptions {
            site_name: "Site {with} \"quotes\": yes".into(),
            source: "en-GB".into(),
            target: "zh-hk".into(),
        };
        init_project(dir.path(), &options).unwrap();
        let project = crate::config::load_project(dir.path()).unwrap();
        assert_eq!(project.locales[1].tag, "zh-HK");
        assert_eq!(project.site.name, options.site_name);
        let extraction = crate::extract::plan_extraction(&project).unwrap();
        crate::extract::apply_extraction(&extraction).unwrap();
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        assert!(catalog.locales[0].files.iter().all(|f| f.junk.is_empty()));
        let report = crate::check::check(&project, &catalog, &Default::default(), None).unwrap();
        assert!(!report.fails(false), "{:#?}", report.diagnostics);
    }

    #[test]
    fn refuses_an_existing_project() {
        let dir = tempfile::tempdir().unwrap();
        init_project(dir.path(), &InitOptions::default()).unwrap();
        let before = std::fs::read(dir.path().join(CONFIG_FILE)).unwrap();
        let err = init_project(dir.path(), &InitOptions::default()).unwrap_err();
        assert!(matches!(err, InitError::Exists { .. }));
        assert_eq!(std::fs::read(dir.path().join(CONFIG_FILE)).unwrap(), before);

        let other = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(other.path().join("content")).unwrap();
        std::fs::write(other.path().join("content/x.md"), "mine").unwrap();
        assert!(matches!(
            init_project(other.path(), &InitOptions::default()),
            Err(InitError::NotEmpty { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(other.path().join("content/x.md")).unwrap(),
            "mine"
        );
    }
}
