//! Source content: the Markdown pages under `content/`, each with YAML front matter.
//!
//! [`load_pages`] finds every `*.md` file, splits front matter from body, validates the slug and
//! parses the body into blocks and messages. The result, a list of [`Page`]s, is the structure
//! every locale shares; only the text of its messages is translated.

pub mod front_matter;
pub mod markdown;
mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use front_matter::FrontMatter;
pub use markdown::{Block, PageMessage, Section};
pub use walk::collect_files;

use crate::fsutil::{self, Location, line_column};

/// Errors in the source content. Every variant names the file, and the position where known.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ContentError {
    #[error("the content folder {} does not exist (set `paths.content` in fluentpress.yaml)", .path.display())]
    MissingDir { path: PathBuf },
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error("cannot list {}: {source}", .path.display())]
    List {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: a symbolic link that leads outside the project is not followed", .path.display())]
    SymlinkOutside { path: PathBuf },
    #[error(
        "{}: a symbolic link loop: it leads back to `{}`, a folder that contains it; remove the link",
        .path.display(),
        .target.display()
    )]
    SymlinkLoop { path: PathBuf, target: PathBuf },
    #[error(
        "{location}: the page has no front matter; start it with a `---` line, a `title:` and another `---`"
    )]
    NoFrontMatter { location: Location },
    #[error("{location}: the front matter is not closed by a `---` line")]
    UnclosedFrontMatter { location: Location },
    #[error("{location}: invalid front matter: {message}")]
    FrontMatter { location: Location, message: String },
    #[error("{location}: invalid slug `{slug}`: {reason}")]
    BadSlug {
        location: Location,
        slug: String,
        reason: String,
    },
    #[error(
        "{location}: `{id}` cannot be used in a message id; use ASCII letters, digits, `-` and `_`, starting with a letter"
    )]
    BadPinnedId { id: String, location: Location },
    #[error("{second}: message id `{id}` is already used at {first} ({hint})")]
    DuplicateId {
        id: String,
        first: Location,
        second: Location,
        hint: &'static str,
    },
    #[error("{second}: slug `{slug}` is already used by {first}")]
    DuplicateSlug {
        slug: String,
        first: Location,
        second: Location,
    },
    #[error(
        "{location}: raw HTML is not supported in content (exports never pass HTML through); use Markdown"
    )]
    RawHtml { location: Location },
    #[error("{location}: {what} are not supported in content")]
    Unsupported {
        location: Location,
        what: &'static str,
    },
}

/// One content page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Markdown file, absolute.
    pub path: PathBuf,
    /// The file's path below `content/`, without `.md`, with `/` separators: `profile`.
    pub key: String,
    /// The prefix of every message id of this page: `profile`.
    pub id_prefix: String,
    pub front: FrontMatter,
    /// The URL path below the locale (`profile`; empty for the home page).
    pub slug: String,
    /// The page body, grouped by heading.
    pub sections: Vec<(Section, Vec<Block>)>,
}

impl Page {
    /// Message id of the page title.
    pub fn title_id(&self) -> String {
        format!("{}-title", self.id_prefix)
    }

    /// Message id of the meta description (present only when the front matter has one).
    pub fn description_id(&self) -> String {
        format!("{}-description", self.id_prefix)
    }

    /// The messages from the front matter: the title, and the description when there is one.
    pub fn meta_messages(&self) -> Vec<PageMessage> {
        let mut out = vec![PageMessage {
            id: self.title_id(),
            text: self.front.title.trim().to_string(),
            role: "Page title (front matter `title`)".into(),
            line: 1,
            column: 1,
            pinned: false,
        }];
        if let Some(description) = self
            .front
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
        {
            out.push(PageMessage {
                id: self.description_id(),
                text: description.trim().to_string(),
                role: "Meta description (front matter `description`)".into(),
                line: 1,
                column: 1,
                pinned: false,
            });
        }
        out
    }

    /// Every message of the page in document order: title, description, then the body.
    pub fn messages(&self) -> Vec<PageMessage> {
        let mut out = self.meta_messages();
        for (_, blocks) in &self.sections {
            for block in blocks {
                out.extend(block.messages().into_iter().cloned());
            }
        }
        out
    }
}

/// Loads every page under `content_dir`, sorted by path.
pub fn load_pages(root: &Path, content_dir: &Path) -> Result<Vec<Page>, ContentError> {
    if !content_dir.is_dir() {
        return Err(ContentError::MissingDir {
            path: content_dir.to_path_buf(),
        });
    }
    let mut files = Vec::new();
    collect_files(root, content_dir, "md", &mut files)?;
    let mut pages = Vec::new();
    for path in files {
        pages.push(load_page(content_dir, &path)?);
    }
    let mut slugs: BTreeMap<&str, &Page> = BTreeMap::new();
    let mut prefixes: BTreeMap<&str, &Page> = BTreeMap::new();
    for page in &pages {
        if let Some(first) = slugs.insert(&page.slug, page) {
            return Err(ContentError::DuplicateSlug {
                slug: page.slug.clone(),
                first: Location::new(&first.path, 1, 1),
                second: Location::new(&page.path, 1, 1),
            });
        }
        if let Some(first) = prefixes.insert(&page.id_prefix, page) {
            return Err(ContentError::DuplicateId {
                id: format!("{}-*", page.id_prefix),
                first: Location::new(&first.path, 1, 1),
                second: Location::new(&page.path, 1, 1),
                hint: "two pages share one id prefix; set `id:` in the front matter of one",
            });
        }
    }
    Ok(pages)
}

fn load_page(content_dir: &Path, path: &Path) -> Result<Page, ContentError> {
    let text = fsutil::read_utf8(path)?;
    let split = front_matter::split_front_matter(path, &text)?;
    let key = fsutil::display_relative(content_dir, path)
        .trim_end_matches(".md")
        .to_string();
    let slug_location = || {
        let (line, column) = line_column(&text, split.slug_offset.unwrap_or(0));
        Location::new(path, line, column)
    };
    let slug = match &split.front.slug {
        Some(slug) => {
            validate_slug(slug).map_err(|reason| ContentError::BadSlug {
                location: slug_location(),
                slug: slug.clone(),
                reason,
            })?;
            slug.trim_matches('/').to_string()
        }
        None => {
            // The file's path is the slug: it must pass the same rules, or a page named
            // `content/search.md` would overwrite the search page.
            validate_slug(&key).map_err(|reason| ContentError::BadSlug {
                location: Location::new(path, 1, 1),
                slug: key.clone(),
                reason: format!(
                    "{reason} (the slug comes from the file's path; rename the file or set `slug:`)"
                ),
            })?;
            key.clone()
        }
    };
    let id_prefix = match &split.front.id {
        Some(id) => id.clone(),
        None => key.replace('/', "-"),
    };
    let id_ok = id_prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && id_prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !id_ok {
        return Err(ContentError::BadPinnedId {
            id: id_prefix,
            location: Location::new(path, 1, 1),
        });
    }
    let sections = markdown::parse_body(path, &text, split.body_offset, &id_prefix)?;
    Ok(Page {
        path: path.to_path_buf(),
        key,
        id_prefix,
        front: split.front,
        slug,
        sections,
    })
}

/// Names the web export writes in each locale's folder beside the pages (`fr/404.html`,
/// `fr/search/`...), with what they are. A page whose slug starts with one of them would
/// overwrite that file, or be overwritten by it, so [`load_pages`] refuses it. Compared without
/// regard to ASCII case: on macOS and Windows `Search` and `search` are one folder. Content sits
/// below the export in the pipeline, so the list lives here and the export's tests check it
/// against the files it really writes.
pub const GENERATED_NAMES: &[(&str, &str)] = &[
    ("index.html", "the locale's home page"),
    ("404.html", "the locale's not-found page"),
    (
        "messages.json",
        "the locale's messages for client-side Fluent",
    ),
    ("search", "the folder of the locale's search page"),
    ("ftl", "the folder of the locale's published `.ftl` files"),
];

/// Device names Windows reserves in every folder, with or without an extension (`con.html`
/// is the console too): such a page could not be checked out, let alone exported, there.
const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
    "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// A slug is a relative URL path that stays inside its locale's folder, is the same folder on
/// every file system, and leaves the export's own files alone.
fn validate_slug(slug: &str) -> Result<(), String> {
    if slug.starts_with('/') && slug != "/" {
        return Err("it must be relative (no leading `/`)".into());
    }
    if slug.contains('\\') {
        return Err("use `/` to separate path segments".into());
    }
    let trimmed = slug.trim_matches('/');
    for (n, segment) in trimmed.split('/').enumerate() {
        if segment == ".." || segment == "." {
            return Err("`.` and `..` segments would leave the page's folder".into());
        }
        if segment.is_empty() && !trimmed.is_empty() {
            return Err("empty path segment".into());
        }
        // Letters and digits of any script, but no punctuation beyond `-`, `_` and `.`: that
        // also refuses look-alikes of `..` (U+2024 one dot leader, U+FF0E full-width full stop)
        // that some tools fold into real dots.
        if !segment
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err("only letters, digits, `-`, `_`, `.` and `/` are allowed".into());
        }
        // A leading dot hides the folder (and web servers often refuse to serve it); Windows
        // drops a trailing one, making `about.` the folder `about`.
        if segment.starts_with('.') || segment.ends_with('.') {
            return Err(format!(
                "the segment `{segment}` starts or ends with `.` (hidden, or renamed by Windows)"
            ));
        }
        let stem = segment.split('.').next().unwrap_or_default().to_lowercase();
        if WINDOWS_DEVICES.contains(&stem.as_str()) {
            return Err(format!(
                "`{segment}` is a device name on Windows, not a file or folder"
            ));
        }
        if n == 0
            && let Some((name, what)) = GENERATED_NAMES
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(segment))
        {
            return Err(format!(
                "`{name}` is where the web export writes {what}; choose another slug"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_that_escape_are_refused() {
        assert!(validate_slug("../x").is_err());
        assert!(validate_slug("a/../../x").is_err());
        assert!(validate_slug("/etc/passwd").is_err());
        assert!(validate_slug("a\\b").is_err());
        assert!(validate_slug("").is_ok());
        assert!(validate_slug("about/team").is_ok());
        assert!(validate_slug("/").is_ok());
    }

    #[test]
    fn slugs_the_error_text_does_not_allow_are_refused() {
        for slug in [
            ".hidden",
            "a/.well-known",
            "about.",
            "con",
            "docs/CON.html",
            "lpt1",
            "com\u{b9}",
            "\u{2024}\u{2024}",
            "a/\u{2024}\u{2024}/b",
            "\u{ff0e}\u{ff0e}",
            "a\u{ff0e}b",
            "a b",
            "a+b",
        ] {
            assert!(validate_slug(slug).is_err(), "{slug:?} was accepted");
        }
        for slug in ["über-uns", "关于我们", "v1.2", "console", "a_b-c"] {
            assert_eq!(validate_slug(slug), Ok(()), "{slug:?}");
        }
    }

    #[test]
    fn slugs_of_generated_files_are_refused() {
        for slug in [
            "404.html",
            "messages.json",
            "ftl/ui.ftl",
            "ftl",
            "search",
            "Search",
            "search/advanced",
            "index.html",
        ] {
            let reason = validate_slug(slug).unwrap_err();
            assert!(reason.contains("the web export writes"), "{slug}: {reason}");
        }
        // Only the first segment is the locale's folder.
        assert!(validate_slug("docs/search").is_ok());
        assert!(validate_slug("searching").is_ok());
    }
}
