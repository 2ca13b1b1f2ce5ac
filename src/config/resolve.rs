//! The file as written turned into a [`Project`]: locale tags parsed, duplicates, unknown
//! fallbacks and cycles refused, check settings matched against the known codes and locales,
//! folders made absolute, `paths.output` held to the output rule. Every refusal points at the
//! line and column of the value at fault.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::locales::{expand_chain, parse_tag};
use super::position::{
    Step, locate_fallback, locate_in_yaml, locate_nth_in_yaml, locate_path,
    locate_value_in_section, locate_value_of,
};
use super::{
    ConfigError, DEFAULT_MIN_COVERAGE, Locale, OutputProblem, PrintConfig, Project, ProjectConfig,
};

/// Validates locale tags, duplicates and fallback chains, and resolves paths.
pub(super) fn resolve(
    root: &Path,
    config_path: PathBuf,
    text: &str,
    config: ProjectConfig,
) -> Result<Project, ConfigError> {
    let invalid = |needle: &str, message: String| ConfigError::Invalid {
        location: locate_in_yaml(&config_path, text, needle),
        message,
    };
    // An error about a key of the `index`th locale, at that key's value (the search for
    // `needle` when the file is written in flow style).
    let invalid_at = |index: usize, key: &str, needle: &str, message: String| {
        let steps = [Step::Key("locales"), Step::Index(index), Step::Key(key)];
        ConfigError::Invalid {
            location: locate_path(&config_path, text, &steps)
                .unwrap_or_else(|| locate_in_yaml(&config_path, text, needle)),
            message,
        }
    };

    let source_tag = &config.source_locale.tag;
    let source_id = parse_tag(source_tag).map_err(|message| ConfigError::Invalid {
        location: locate_path(
            &config_path,
            text,
            &[Step::Key("source_locale"), Step::Key("tag")],
        )
        .unwrap_or_else(|| locate_in_yaml(&config_path, text, source_tag)),
        message,
    })?;

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    seen.insert(source_tag.as_str(), 0);
    let mut targets = Vec::new();
    for (index, locale) in config.locales.iter().enumerate() {
        let langid =
            parse_tag(&locale.tag).map_err(|m| invalid_at(index, "tag", &locale.tag, m))?;
        if let Some(min) = locale.min_coverage
            && !(0.0..=100.0).contains(&min)
        {
            return Err(invalid_at(
                index,
                "min_coverage",
                "min_coverage",
                format!(
                    "locale `{}`: min_coverage must be a number from 0 to 100, not {min}",
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
            let steps = [Step::Key("locales"), Step::Index(index), Step::Key("tag")];
            return Err(ConfigError::Invalid {
                location: locate_path(&config_path, text, &steps).unwrap_or_else(|| {
                    locate_nth_in_yaml(
                        &config_path,
                        text,
                        &locale.tag,
                        count_before(&config, index, &locale.tag),
                    )
                }),
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
    let at_fallback =
        |index: usize, nth: usize, fb: &str| locate_fallback(&config_path, text, index, nth, fb);
    for (index, locale) in config.locales.iter().enumerate() {
        for (nth, fb) in locale.fallback.iter().enumerate() {
            if fb != source_tag && !fallbacks.contains_key(fb.as_str()) {
                let configured: Vec<&str> = fallbacks.keys().copied().collect();
                return Err(ConfigError::Invalid {
                    location: at_fallback(index, nth, fb),
                    message: format!(
                        "locale `{}` falls back to `{fb}`, which is not a configured locale{}",
                        locale.tag,
                        crate::languages::closest_configured(fb, &configured)
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default()
                    ),
                });
            }
            if fb == &locale.tag {
                return Err(ConfigError::Invalid {
                    location: at_fallback(index, nth, fb),
                    message: format!("locale `{}` falls back to itself", locale.tag),
                });
            }
        }
    }

    let locales_dir = at_root_of(root, &config.paths.locales);
    // A bare name is a folder below `paths.locales` (`ja-JP-mac`); a path, the project's.
    let folder_of = |tag: &str, folder: &Option<PathBuf>| match folder {
        None => locales_dir.join(tag),
        Some(f) if f.components().count() == 1 => locales_dir.join(f),
        Some(f) => at_root_of(root, f),
    };
    let mut locales = vec![Locale {
        tag: source_tag.clone(),
        dir: folder_of(source_tag, &config.source_locale.folder),
        name: config
            .source_locale
            .name
            .clone()
            .unwrap_or_else(|| super::names::own_name(&source_id)),
        langid: source_id,
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
            dir: folder_of(&locale.tag, &locale.folder),
            name: locale
                .name
                .clone()
                .unwrap_or_else(|| super::names::own_name(&langid)),
            langid,
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
                format!(
                    "`{code}` is not a check code{} (every code: `fluentpress check --help`)",
                    crate::diagnostic::Code::closest(code)
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default()
                ),
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

    // A group named twice would silently merge two bundles.
    if let super::BundlesConfig::Groups(groups) = &config.check.bundles {
        let mut names = std::collections::BTreeSet::new();
        for group in groups {
            if !names.insert(group.name.as_str()) {
                return Err(ConfigError::Invalid {
                    location: locate_nth_in_yaml(&config_path, text, &group.name, 1),
                    message: format!("`check.bundles` names the group `{}` twice", group.name),
                });
            }
        }
    }

    let at_root = |p: &Path| at_root_of(root, p);
    let logo = match &config.print.logo {
        Some(logo) => Some(
            resolve_logo(root, logo).map_err(|message| ConfigError::Invalid {
                location: locate_value_in_section(&config_path, text, "print", "logo"),
                message,
            })?,
        ),
        None => None,
    };
    let project = Project {
        root: root.to_path_buf(),
        content_dir: at_root(&config.paths.content),
        locales_dir,
        output_dir: at_root(&config.paths.output),
        snapshots_dir: at_root(&config.paths.snapshots),
        check: config.check,
        print: PrintConfig {
            font_dirs: config.print.font_dirs.iter().map(|d| at_root(d)).collect(),
            logo,
            ..config.print
        },
        config_path,
        site: config.site,
        locales,
    };
    let project = resolve_theme(project, text)?;
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

fn at_root_of(root: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    }
}

/// Checks `site.theme`: the primary colour must be a hex colour (it is written into the
/// site's CSS, so anything else could break out of it), the logo an image file inside the
/// project (it is copied into the site). The logo's path becomes absolute.
fn resolve_theme(mut project: Project, text: &str) -> Result<Project, ConfigError> {
    let theme = &mut project.site.theme;
    if let Some(primary) = &theme.primary
        && !is_hex_colour(primary)
    {
        return Err(ConfigError::Invalid {
            location: locate_value_in_section(&project.config_path, text, "site", "primary"),
            message: format!(
                "site.theme.primary `{primary}` is not a colour: write it as `#rrggbb` or `#rgb`"
            ),
        });
    }
    if let Some(logo) = &theme.logo {
        let path = if logo.is_absolute() {
            logo.clone()
        } else {
            project.root.join(logo)
        };
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let problem = if !LOGO_EXTENSIONS.contains(&extension.as_str()) {
            Some(format!(
                "is not an image the site can show: use one of {}",
                LOGO_EXTENSIONS.join(", ")
            ))
        } else if !path.is_file() {
            Some("is not a file".to_string())
        } else if !path.starts_with(&project.root)
            || path
                .components()
                .any(|c| c == std::path::Component::ParentDir)
            || crate::fsutil::ensure_inside(&project.root, &path).is_err()
        {
            Some("lies outside the project".to_string())
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(ConfigError::Invalid {
                location: locate_value_in_section(&project.config_path, text, "site", "logo"),
                message: format!("site.theme.logo `{}` {problem}", logo.display()),
            });
        }
        theme.logo = Some(path);
    }
    // The PDFs wear the site's logo unless `print.logo` names another: a project that set its
    // brand once gets it on paper too. Only an image the typesetter can read is taken, so a
    // theme logo the browsers show but Typst cannot never fails `export print`.
    if project.print.logo.is_none()
        && let Some(logo) = &project.site.theme.logo
        && std::fs::read(logo).is_ok_and(|bytes| image_format(&bytes).is_some())
    {
        project.print.logo = Some(logo.clone());
    }
    Ok(project)
}

/// The logo formats every browser shows.
pub const LOGO_EXTENSIONS: [&str; 5] = ["svg", "png", "jpg", "jpeg", "webp"];

/// `#rgb` or `#rrggbb`.
fn is_hex_colour(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `print.logo` made absolute, once it is known to be an image inside the project: the
/// typesetter reads files below the project root only, and a logo found missing only when the
/// PDFs are made would waste the run that found it.
fn resolve_logo(root: &Path, logo: &Path) -> Result<PathBuf, String> {
    let shown = logo.display();
    if logo.is_absolute()
        || logo.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
    {
        return Err(format!(
            "print.logo `{shown}` must be a path inside the project, relative to fluentpress.yaml"
        ));
    }
    let path = root.join(logo);
    if crate::fsutil::ensure_inside(root, &path).is_err() {
        return Err(format!(
            "print.logo `{shown}` is a symbolic link leading outside the project"
        ));
    }
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("print.logo `{shown}` does not exist"));
        }
        Err(e) => return Err(format!("print.logo `{shown}` cannot be read: {e}")),
    };
    if image_format(&bytes).is_none() {
        return Err(format!(
            "print.logo `{shown}` is not an image the PDF export can print (PNG, JPEG, GIF, SVG or WebP)"
        ));
    }
    Ok(path)
}

/// The format of an image, from its first bytes (the extension may lie), among those Typst
/// prints.
pub(super) fn image_format(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("gif")
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        Some("webp")
    } else if head.windows(4).any(|w| w == b"<svg") {
        Some("svg")
    } else {
        None
    }
}

/// How many earlier target entries carry the same tag (to point at the duplicate, not the first).
fn count_before(config: &ProjectConfig, index: usize, tag: &str) -> usize {
    let earlier = config.locales[..index]
        .iter()
        .filter(|l| l.tag == tag)
        .count();
    earlier + usize::from(config.source_locale.tag == tag)
}
