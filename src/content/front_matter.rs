//! The YAML front matter at the top of a content page, between two `---` lines.
//!
//! Errors carry positions in the Markdown file itself (not in the YAML fragment), so an author
//! can jump straight to the line.

use std::path::Path;

use serde::Deserialize;

use super::ContentError;
use crate::fsutil::{Location, line_column};

/// A page's front matter, as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title: the `<title>`, the first heading, and the navigation label unless the UI
    /// strings define `nav-<page>`.
    pub title: String,
    /// The page's URL path below its locale, e.g. `profile` → `/fr/profile/`. Empty for the
    /// locale's home page. Defaults to the file's path below `content/` without `.md`.
    #[serde(default)]
    pub slug: Option<String>,
    /// Position in the navigation, ascending; pages without one are not in the navigation.
    #[serde(default)]
    pub nav_order: Option<i64>,
    /// One line for `<meta name="description">` and search snippets.
    #[serde(default)]
    pub description: Option<String>,
    /// Pins the prefix of every message id of this page (default: the file path, `/` → `-`).
    #[serde(default)]
    pub id: Option<String>,
}

/// Front matter plus where the Markdown body starts (byte offset into the file).
#[derive(Debug, Clone)]
pub struct SplitPage<'a> {
    pub front: FrontMatter,
    /// Byte offset of the line holding the front matter's `slug:` key, for errors about it.
    pub slug_offset: Option<usize>,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `text` (a whole page file) into front matter and body.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<SplitPage<'a>, ContentError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Err(ContentError::NoFrontMatter {
            location: Location::new(path, 1, 1),
        });
    }
    let yaml_start = bom + first_line_end;
    let mut offset = yaml_start;
    let mut yaml_end = None;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            yaml_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_offset)) = yaml_end else {
        return Err(ContentError::UnclosedFrontMatter {
            location: Location::new(path, 1, 1),
        });
    };
    let yaml = &text[yaml_start..yaml_end];
    let (first_line, _) = line_column(text, yaml_start);
    let front: FrontMatter = crate::config::from_yaml(yaml).map_err(|e| {
        // serde's location is relative to the YAML fragment; shift it to the file.
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        ContentError::FrontMatter {
            location: Location::new(path, first_line + line - 1, column),
            message,
        }
    })?;
    if front.title.trim().is_empty() {
        let at = yaml.find("title").map_or(yaml_start, |i| yaml_start + i);
        let (line, column) = line_column(text, at);
        return Err(ContentError::FrontMatter {
            location: Location::new(path, line, column),
            message: "the page title is empty".into(),
        });
    }
    let slug_offset = yaml
        .match_indices("slug:")
        .find(|&(i, _)| i == 0 || yaml.as_bytes()[i - 1] == b'\n')
        .map(|(i, _)| yaml_start + i);
    Ok(SplitPage {
        front,
        slug_offset,
        body: &text[body_offset..],
        body_offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: Hi\nslug: hi\nnav_order: 2\n---\n\nBody\n";
        let page = split_front_matter(Path::new("p.md"), text).unwrap();
        assert_eq!(page.front.title, "Hi");
        assert_eq!(page.front.slug.as_deref(), Some("hi"));
        assert_eq!(page.front.nav_order, Some(2));
        assert_eq!(page.body, "\nBody\n");
        assert_eq!(&text[page.slug_offset.unwrap()..][..5], "slug:");
    }

    #[test]
    fn yaml_error_position_is_in_file_coordinates() {
        let text = "---\ntitle: Hi\ndescription: [unclosed\n---\n";
        let err = split_front_matter(Path::new("p.md"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("p.md:"), "{err}");
        let line: usize = err.split(':').nth(1).unwrap().parse().unwrap();
        assert!(line >= 3, "{err}");
    }

    #[test]
    fn missing_title_is_an_error() {
        let text = "---\nslug: x\n---\nBody\n";
        let err = split_front_matter(Path::new("p.md"), text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `title`"), "{err}");
    }

    #[test]
    fn page_without_front_matter_is_an_error() {
        let err = split_front_matter(Path::new("p.md"), "# Title\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.md:1:1"), "{err}");
        assert!(err.contains("front matter"), "{err}");
    }
}
