//! `check.bundles`: how a locale's files form Fluent bundles, the scope of a message id.
//!
//! A website loads every file of a locale into one bundle, so an id is the locale's (the
//! default, `per-locale`). An application such as Firefox loads each file, or a named group
//! of files, into a bundle of its own: the same id in two files of different bundles is two
//! messages, a reference resolves only within the bundles its file belongs to, and a
//! translation is matched to its source by file (the file that should hold it), as Mozilla's
//! compare-locales does. The globs are matched against paths below the locale folder
//! (`browser/**/*.ftl`); a small matcher of our own (`*`, `?`, `**`), as the whole grammar
//! needed is these three and a glob crate would pull a regex engine into a lean checker.

use serde::Deserialize;

/// `check.bundles` as written: a mode name or a list of named groups.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum BundlesConfig {
    Mode(BundleMode),
    Groups(Vec<BundleGroup>),
}

impl Default for BundlesConfig {
    fn default() -> Self {
        BundlesConfig::Mode(BundleMode::PerLocale)
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BundleMode {
    /// Every file of a locale in one bundle (a website).
    PerLocale,
    /// Each file its own bundle (an application that loads files one by one).
    PerFile,
}

/// A named group of files loaded into one bundle. A file may belong to several groups (a
/// branding file shared by every window); a file no group names is a bundle of its own.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BundleGroup {
    pub name: String,
    /// Globs of paths below the locale folder: `*` and `?` within a folder name, `**` any
    /// number of folders.
    pub files: Vec<String>,
}

impl BundlesConfig {
    /// Every file in one bundle: ids are the locale's.
    pub fn is_per_locale(&self) -> bool {
        matches!(self, BundlesConfig::Mode(BundleMode::PerLocale))
    }

    /// The bundles a file (its path below the locale folder) is loaded into, by name: one for
    /// every group that names it, else the file itself. Per locale, the one bundle is `""`.
    pub fn bundles_of<'s>(&'s self, relative: &'s str) -> Vec<&'s str> {
        match self {
            BundlesConfig::Mode(BundleMode::PerLocale) => vec![""],
            BundlesConfig::Mode(BundleMode::PerFile) => vec![relative],
            BundlesConfig::Groups(groups) => {
                let named: Vec<&str> = groups
                    .iter()
                    .filter(|g| g.files.iter().any(|glob| path_glob_match(glob, relative)))
                    .map(|g| g.name.as_str())
                    .collect();
                if named.is_empty() {
                    vec![relative]
                } else {
                    named
                }
            }
        }
    }
}

/// Matches a `/`-separated path against a glob: `**` as a whole segment matches any number of
/// segments (none included), `*` any run of characters within a segment, `?` one character.
pub fn path_glob_match(glob: &str, path: &str) -> bool {
    let glob: Vec<&str> = glob.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    segments_match(&glob, &path)
}

fn segments_match(glob: &[&str], path: &[&str]) -> bool {
    match glob.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => path.split_first().is_some_and(|(segment, tail)| {
            wildcard_match(first, segment) && segments_match(rest, tail)
        }),
    }
}

/// `*` and `?` within one path segment, or any text without segments (message ids for
/// `fluentpress-ignore` globs): iterative, with one backtrack point, linear enough for names.
pub fn wildcard_match(glob: &str, text: &str) -> bool {
    let g: Vec<char> = glob.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut gi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == t[ti]) {
            gi += 1;
            ti += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some(gi);
            mark = ti;
            gi += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_segments_and_any_depth() {
        assert!(path_glob_match("browser/**", "browser/a.ftl"));
        assert!(path_glob_match("browser/**", "browser/x/y/a.ftl"));
        assert!(path_glob_match("**/brand.ftl", "brand.ftl"));
        assert!(path_glob_match("**/brand.ftl", "branding/brand.ftl"));
        assert!(path_glob_match("browser/*.ftl", "browser/menu.ftl"));
        assert!(!path_glob_match("browser/*.ftl", "browser/x/menu.ftl"));
        assert!(path_glob_match("a?.ftl", "ab.ftl"));
        assert!(!path_glob_match("toolkit/**", "browser/a.ftl"));
    }

    #[test]
    fn a_file_belongs_to_every_group_that_names_it_or_to_itself() {
        let groups = BundlesConfig::Groups(vec![
            BundleGroup {
                name: "browser".into(),
                files: vec!["browser/**".into(), "branding/**".into()],
            },
            BundleGroup {
                name: "about".into(),
                files: vec!["about/**".into(), "branding/**".into()],
            },
        ]);
        assert_eq!(
            groups.bundles_of("branding/brand.ftl"),
            ["browser", "about"]
        );
        assert_eq!(groups.bundles_of("browser/menu.ftl"), ["browser"]);
        assert_eq!(groups.bundles_of("other.ftl"), ["other.ftl"]);
        assert_eq!(
            BundlesConfig::Mode(BundleMode::PerFile).bundles_of("a/b.ftl"),
            ["a/b.ftl"]
        );
        assert_eq!(BundlesConfig::default().bundles_of("a/b.ftl"), [""]);
    }
}
