//! The project configuration, `fluentpress.yaml`: site identity, the source locale, the target
//! locales with their fallback chains, and the project's folders.
//!
//! The file is read once, validated completely (unknown keys, locale tags, duplicates, fallback
//! cycles), and turned into a [`Project`]: the resolved, absolute view every stage works from.
//! Every error names the file, line and column, because the person fixing it is looking at YAML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

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

/// `fluentpress.yaml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub name: String,
    pub base_url: String,
    /// The year in the footer's copyright line when `SOURCE_DATE_EPOCH` is not set (default:
    /// the current year).
    #[serde(default)]
    pub copyright_year: Option<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLocaleConfig {
    pub tag: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleConfig {
    pub tag: String,
    pub name: String,
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

/// One locale of the project, source or target, with its resolved fallback chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Locale {
    /// The canonical BCP 47 tag, also the locale's folder name under `locales/`.
    pub tag: String,
    pub langid: LanguageIdentifier,
    /// The language's own name ("简体中文"), for language switchers.
    pub name: String,
    /// Tags tried after this locale's own messages, in order; ends with the source locale
    /// (empty for the source locale itself).
    pub fallback_chain: Vec<String>,
    pub complete: bool,
    /// Percent of source messages required to publish and to pass `check`.
    pub min_coverage: f64,
}

/// The validated project: configuration plus absolute paths.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config_path: PathBuf,
    pub site: SiteConfig,
    /// The source locale first, then the targets in configuration order.
    pub locales: Vec<Locale>,
    pub content_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub output_dir: PathBuf,
    pub snapshots_dir: PathBuf,
    pub check: CheckConfig,
    /// The `print:` section, with `font_dirs` made absolute.
    pub print: PrintConfig,
}

impl Project {
    pub fn source_locale(&self) -> &Locale {
        &self.locales[0]
    }

    pub fn target_locales(&self) -> &[Locale] {
        &self.locales[1..]
    }

    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.tag == tag)
    }

    /// The folder holding one locale's `.ftl` files.
    pub fn locale_dir(&self, tag: &str) -> PathBuf {
        self.locales_dir.join(tag)
    }

    /// A path relative to the project root, with `/` separators, for messages and reports.
    pub fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, str> {
        fsutil::display_relative(&self.root, path)
    }
}

/// Why a folder cannot be an export's output. Every export replaces its output folder as a
/// whole (`export::StagedOutput`), so it must never be the project, one of its sources, or a
/// folder holding them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputProblem {
    #[error("it is the project folder")]
    ProjectRoot,
    #[error("it holds the project ({})", .root.display())]
    HoldsProject { root: PathBuf },
    #[error("it exists and is not a folder")]
    NotAFolder,
    #[error("it is the project's {what} ({folder})")]
    IsSource { what: &'static str, folder: String },
    #[error("it holds the project's {what} ({folder})")]
    HoldsSource { what: &'static str, folder: String },
    #[error("it lies inside the project's {what} ({folder})")]
    InsideSource { what: &'static str, folder: String },
}

impl OutputProblem {
    /// What every refusal adds: why, and what to do.
    pub const ADVICE: &'static str =
        "an export replaces its output folder as a whole, so give it a folder of its own";
}

impl Project {
    /// The folders (and file) an export must never replace, hold or write into: what the
    /// project is made of. Paths as configured (for messages).
    pub fn sources(&self) -> [(&'static str, PathBuf); 5] {
        [
            ("configuration file", self.config_path.clone()),
            ("content folder", self.content_dir.clone()),
            ("locales folder", self.locales_dir.clone()),
            ("snapshots folder", self.snapshots_dir.clone()),
            ("templates folder", self.root.join("templates")),
        ]
    }

    /// The part of the output rule that depends only on where `out` is: it may not be the
    /// project folder or a folder above it, an existing file, or a folder that is, holds or lies
    /// inside one of the project's [`sources`](Project::sources). Symbolic links are resolved
    /// first, so a link to `content/` is `content/`. The rest of the rule (what the folder holds)
    /// is checked by the export itself.
    pub fn check_output_folder(&self, out: &Path) -> Result<(), OutputProblem> {
        let out = resolve_path(out);
        let root = resolve_path(&self.root);
        if out == root {
            return Err(OutputProblem::ProjectRoot);
        }
        if root.starts_with(&out) {
            return Err(OutputProblem::HoldsProject { root });
        }
        if std::fs::symlink_metadata(&out).is_ok() && !out.is_dir() {
            return Err(OutputProblem::NotAFolder);
        }
        for (what, path) in self.sources() {
            let folder = self.relative(&path).into_owned();
            let source = resolve_path(&path);
            if out == source {
                return Err(OutputProblem::IsSource { what, folder });
            }
            if source.starts_with(&out) {
                return Err(OutputProblem::HoldsSource { what, folder });
            }
            if out.starts_with(&source) {
                return Err(OutputProblem::InsideSource { what, folder });
            }
        }
        Ok(())
    }
}

/// `path` made absolute, with every symbolic link in the part that exists resolved and `.` and
/// `..` in the part that does not yet exist applied as written: the folder a write to `path`
/// would really reach, for comparing paths that may be spelled differently.
pub fn resolve_path(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        if path.as_os_str().is_empty() {
            cwd
        } else {
            cwd.join(path)
        }
    };
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(mut resolved) = existing.canonicalize() {
            for part in missing.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        resolved.pop();
                    }
                    std::path::Component::Normal(name) => resolved.push(name),
                    _ => {}
                }
            }
            return resolved;
        }
        let mut components = existing.components();
        match components.next_back() {
            Some(last) if !components.as_path().as_os_str().is_empty() => {
                missing.push(last);
                existing = components.as_path();
            }
            // Nothing of it exists (not even the root): compare it as written.
            _ => return absolute,
        }
    }
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

/// What a YAML document (the configuration, a page's front matter, a glossary) may expand to
/// through its aliases beyond what it costs without them: a name repeating `*big`, an alias of a
/// 100 KB string, 50,000 times is a 300 KB file that took 13 s and 4.9 GiB to load.
pub const MAX_YAML_EXPANSION: usize = 4 << 20;

/// What a value costs besides its text: a typed value holds a `String` or `Vec` header or
/// more per node, so a list of 50,000 small aliases costs its real memory too.
const YAML_NODE_COST: usize = 32;

/// `serde_yaml::from_str`, refusing a document whose aliases expand it beyond
/// [`MAX_YAML_EXPANSION`] bytes more than the document could cost without any (every node takes
/// at least a byte of the text, so `(1 + YAML_NODE_COST)` bytes per byte of text: a large
/// glossary without aliases is never refused). A first pass walks the document's events without
/// keeping anything, counting what each alias replays, and stops at the limit, at the alias's
/// position. serde_norway limits only the number of alias repetitions, not the size they reach.
pub fn from_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    let limit = MAX_YAML_EXPANSION + text.len() * (1 + YAML_NODE_COST);
    let mut budget = YamlBudget {
        left: limit,
        limit,
        exhausted: false,
    };
    let walked = serde::de::DeserializeSeed::deserialize(
        &mut budget,
        serde_yaml::Deserializer::from_str(text),
    );
    match walked {
        Err(e) if budget.exhausted => Err(e),
        // Any other problem: the typed pass meets it no later, within the budget, and says it
        // better ("invalid type" before a syntax error further on).
        _ => serde_yaml::from_str(text),
    }
}

/// The bytes a YAML document may still expand to (see [`from_yaml`]).
struct YamlBudget {
    left: usize,
    limit: usize,
    exhausted: bool,
}

impl YamlBudget {
    fn spend<E: serde::de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        match self.left.checked_sub(bytes + YAML_NODE_COST) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => {
                self.exhausted = true;
                Err(E::custom(format!(
                    "the YAML's aliases (`*name`) expand it to more than {} MiB, the most fluentpress reads from it",
                    self.limit.div_ceil(1 << 20)
                )))
            }
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut YamlBudget {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut YamlBudget {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(&mut *self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(&mut *self)?.is_some() {
            map.next_value_seed(&mut *self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value.
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(&mut *self)?;
        variant.newtype_variant_seed(&mut *self)
    }
}

/// Reads and validates the configuration of the project rooted at `root`.
pub fn load_project(root: &Path) -> Result<Project, ConfigError> {
    let config_path = root.join(CONFIG_FILE);
    fsutil::ensure_inside(root, &config_path)?;
    let text = fsutil::read_utf8(&config_path)?;
    let config: ProjectConfig = from_yaml(&text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        ConfigError::Invalid {
            location: Location::new(&config_path, line, column),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        }
    })?;
    let project = resolve(root, config_path, &text, config)?;
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
        // The glossary (`glossary::GLOSSARY_FILE`) is read by name, not found by a listing.
        paths.push(dir.join("glossary.yaml"));
        paths.push(dir);
        paths.push(project.snapshots_dir.join(format!("{}.tsv", locale.tag)));
    }
    for path in paths {
        fsutil::ensure_inside(root, &path)?;
    }
    Ok(())
}

/// Validates locale tags, duplicates and fallback chains, and resolves paths.
fn resolve(
    root: &Path,
    config_path: PathBuf,
    text: &str,
    config: ProjectConfig,
) -> Result<Project, ConfigError> {
    let invalid = |needle: &str, message: String| ConfigError::Invalid {
        location: locate_in_yaml(&config_path, text, needle),
        message,
    };

    let source_tag = &config.source_locale.tag;
    let source_id = parse_tag(source_tag).map_err(|m| invalid(source_tag, m))?;

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    seen.insert(source_tag.as_str(), 0);
    let mut targets = Vec::new();
    for (index, locale) in config.locales.iter().enumerate() {
        let langid = parse_tag(&locale.tag).map_err(|m| invalid(&locale.tag, m))?;
        if let Some(min) = locale.min_coverage
            && !(0.0..=100.0).contains(&min)
        {
            return Err(invalid(
                "min_coverage",
                format!(
                    "locale `{}`: min_coverage must be a percentage from 0 to 100, not {min}",
                    locale.tag
                ),
            ));
        }
        if seen.insert(locale.tag.as_str(), index + 1).is_some() {
            let message = if &locale.tag == source_tag {
                format!(
                    "`{}` is the source locale; list only target locales under `locales`",
                    locale.tag
                )
            } else {
                format!("locale `{}` is listed twice", locale.tag)
            };
            return Err(ConfigError::Invalid {
                location: locate_nth_in_yaml(
                    &config_path,
                    text,
                    &locale.tag,
                    count_before(&config, index, &locale.tag),
                ),
                message,
            });
        }
        targets.push((locale, langid));
    }

    // Every fallback must be a configured locale; chains are expanded through the fallbacks'
    // own fallbacks (zh-HK → zh-TW → en-US), so a cycle is possible and must be refused.
    let fallbacks: BTreeMap<&str, &[String]> = config
        .locales
        .iter()
        .map(|l| (l.tag.as_str(), l.fallback.as_slice()))
        .collect();
    for locale in &config.locales {
        for fb in &locale.fallback {
            if fb != source_tag && !fallbacks.contains_key(fb.as_str()) {
                return Err(ConfigError::Invalid {
                    location: locate_fallback_entry(&config_path, text, fb),
                    message: format!(
                        "locale `{}` falls back to `{fb}`, which is not a configured locale",
                        locale.tag
                    ),
                });
            }
            if fb == &locale.tag {
                return Err(invalid(
                    &locale.tag,
                    format!("locale `{}` falls back to itself", locale.tag),
                ));
            }
        }
    }

    let mut locales = vec![Locale {
        tag: source_tag.clone(),
        langid: source_id,
        name: config.source_locale.name.clone(),
        fallback_chain: Vec::new(),
        complete: true,
        min_coverage: 0.0,
    }];
    for (locale, langid) in targets {
        let chain = expand_chain(&locale.tag, &fallbacks, source_tag).map_err(|cycle| {
            invalid(
                &locale.tag,
                format!("fallback chains form a cycle: {}", cycle.join(" → ")),
            )
        })?;
        locales.push(Locale {
            tag: locale.tag.clone(),
            langid,
            name: locale.name.clone(),
            fallback_chain: chain,
            complete: locale.complete,
            min_coverage: locale.min_coverage.unwrap_or(DEFAULT_MIN_COVERAGE),
        });
    }

    // Check settings name rule codes and locales: a typo would silently do nothing.
    let known_code = |code: &str| code.parse::<crate::diagnostic::Code>().is_ok();
    let codes = config
        .check
        .severity
        .keys()
        .chain(
            config
                .check
                .locales
                .values()
                .flat_map(|l| l.severity.keys()),
        )
        .chain(config.check.ignore.iter().map(|i| &i.code));
    for code in codes {
        if !known_code(code) {
            return Err(invalid(
                code,
                format!("`{code}` is not a check code (see `fluentpress check --help`)"),
            ));
        }
    }
    let check_locales = config
        .check
        .locales
        .keys()
        .chain(config.check.ignore.iter().filter_map(|i| i.locale.as_ref()));
    for tag in check_locales {
        if tag != source_tag && !fallbacks.contains_key(tag.as_str()) {
            return Err(invalid(
                tag,
                format!("`check` names locale `{tag}`, which is not configured"),
            ));
        }
    }
    // Fluent calls only upper-case names (`[A-Z][A-Z0-9_-]*`): any other name could never be
    // called, so it is a typo.
    for name in &config.check.functions {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid {
            return Err(invalid(
                name,
                format!(
                    "`check.functions` names `{name}`, which is not a Fluent function name (upper-case letters, digits, `_` and `-`)"
                ),
            ));
        }
    }

    let at_root = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            root.join(p)
        }
    };
    let project = Project {
        root: root.to_path_buf(),
        content_dir: at_root(&config.paths.content),
        locales_dir: at_root(&config.paths.locales),
        output_dir: at_root(&config.paths.output),
        snapshots_dir: at_root(&config.paths.snapshots),
        check: config.check,
        print: PrintConfig {
            font_dirs: config.print.font_dirs.iter().map(|d| at_root(d)).collect(),
            ..config.print
        },
        config_path,
        site: config.site,
        locales,
    };
    // Every export replaces a folder below `paths.output` as a whole: an output that is the
    // project, or holds or lies in its sources, would be deleted by the first export.
    if let Err(problem) = project.check_output_folder(&project.output_dir) {
        return Err(ConfigError::Invalid {
            location: locate_value_of(&project.config_path, text, "output"),
            message: format!(
                "paths.output `{}` cannot hold exports: {problem}; {}",
                config.paths.output.display(),
                OutputProblem::ADVICE
            ),
        });
    }
    Ok(project)
}

/// How many earlier target entries carry the same tag (to point at the duplicate, not the first).
fn count_before(config: &ProjectConfig, index: usize, tag: &str) -> usize {
    let earlier = config.locales[..index]
        .iter()
        .filter(|l| l.tag == tag)
        .count();
    earlier + usize::from(config.source_locale.tag == tag)
}

/// Parses a BCP 47 tag and insists on its canonical spelling, which is also its folder name.
fn parse_tag(tag: &str) -> Result<LanguageIdentifier, String> {
    let langid: LanguageIdentifier = tag
        .parse()
        .map_err(|e| format!("`{tag}` is not a valid BCP 47 locale tag ({e})"))?;
    let canonical = langid.to_string();
    if canonical != tag {
        return Err(format!(
            "locale tag `{tag}` is not in canonical form; write it as `{canonical}` (it is also the folder name under locales/)"
        ));
    }
    Ok(langid)
}

/// The chain of a target locale: its fallbacks depth-first (each followed by its own), without
/// repeats, then the source locale. `Err` carries the cycle found.
fn expand_chain(
    tag: &str,
    fallbacks: &BTreeMap<&str, &[String]>,
    source: &str,
) -> Result<Vec<String>, Vec<String>> {
    fn visit(
        tag: &str,
        fallbacks: &BTreeMap<&str, &[String]>,
        source: &str,
        path: &mut Vec<String>,
        chain: &mut Vec<String>,
    ) -> Result<(), Vec<String>> {
        for fb in fallbacks.get(tag).copied().unwrap_or_default() {
            if fb == source {
                continue;
            }
            if let Some(start) = path.iter().position(|p| p == fb) {
                let mut cycle = path[start..].to_vec();
                cycle.push(fb.clone());
                return Err(cycle);
            }
            if !chain.contains(fb) {
                chain.push(fb.clone());
            }
            path.push(fb.clone());
            visit(fb, fallbacks, source, path, chain)?;
            path.pop();
        }
        Ok(())
    }
    let mut chain = Vec::new();
    let mut path = vec![tag.to_string()];
    visit(tag, fallbacks, source, &mut path, &mut chain)?;
    chain.push(source.to_string());
    Ok(chain)
}

/// The position of the first occurrence of `needle` as a YAML scalar token in `text`.
fn locate_in_yaml(path: &Path, text: &str, needle: &str) -> Location {
    locate_nth_in_yaml(path, text, needle, 0)
}

/// The position of the `nth` (0-based) occurrence of `needle` standing as a whole token, so that
/// an error about `fr` does not point into `fr-CA`. Falls back to 1:1.
fn locate_nth_in_yaml(path: &Path, text: &str, needle: &str, nth: usize) -> Location {
    let is_token_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut found = 0;
    for (offset, _) in text.match_indices(needle) {
        let before = text[..offset].chars().next_back();
        let after = text[offset + needle.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !is_token_char(c));
        if boundary(before) && boundary(after) && !text[..offset].ends_with("# ") {
            if found == nth {
                let (line, column) = fsutil::line_column(text, offset);
                return Location::new(path, line, column);
            }
            found += 1;
        }
    }
    Location::new(path, 1, 1)
}

/// The position of the value of the first `key:` in `text` (or of the key when it has no value
/// on its line), for errors about a value whose spelling cannot be searched for (`.`).
fn locate_value_of(path: &Path, text: &str, key: &str) -> Location {
    let needle = format!("{key}:");
    for (offset, _) in text.match_indices(&needle) {
        let before = text[..offset].chars().next_back();
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
            || text[line_start..offset].contains('#')
        {
            continue;
        }
        let after = &text[offset + needle.len()..];
        let line_rest = after.split('\n').next().unwrap_or_default();
        let skipped = line_rest.len() - line_rest.trim_start().len();
        let at = if line_rest.trim().is_empty() || line_rest.trim_start().starts_with('#') {
            offset
        } else {
            offset + needle.len() + skipped
        };
        let (line, column) = fsutil::line_column(text, at);
        return Location::new(path, line, column);
    }
    Location::new(path, 1, 1)
}

/// Finds `needle` inside a `fallback:` list (flow or block style).
fn locate_fallback_entry(path: &Path, text: &str, needle: &str) -> Location {
    let mut in_fallback = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("fallback:") {
            in_fallback = true;
        } else if in_fallback && !trimmed.starts_with('-') {
            in_fallback = false;
        }
        if in_fallback && let Some(pos) = line.find(needle) {
            let (l, c) = fsutil::line_column(text, offset + pos);
            return Location::new(path, l, c);
        }
        offset += line.len();
    }
    locate_in_yaml(path, text, needle)
}

#[cfg(test)]
mod yaml_budget_tests {
    use super::from_yaml;

    #[test]
    fn aliases_past_the_budget_are_refused_and_plain_documents_are_not() {
        // 10,000 aliases of a 1,000-byte string: 10 MB of values from 40 KB of text.
        let bomb = format!(
            "[&a {}, {}]",
            "x".repeat(1_000),
            vec!["*a"; 10_000].join(", ")
        );
        let err = from_yaml::<Vec<String>>(&bomb).unwrap_err().to_string();
        assert!(
            err.contains("aliases (`*name`) expand it to more than"),
            "{err}"
        );
        // 200,000 short items without aliases cost 6.6 MB as values, from 600 KB of text:
        // what the document is, accepted.
        let plain = format!("[{}]", vec!["x"; 200_000].join(", "));
        assert_eq!(from_yaml::<Vec<String>>(&plain).unwrap().len(), 200_000);
    }
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
