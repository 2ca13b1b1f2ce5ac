//! Where in `fluentpress.yaml` an error points. serde reports the position of syntax and type
//! errors only; a value that parses but is wrong (a duplicate tag, an unknown fallback, an
//! unsafe output folder) is found again in the text, as a whole token, outside comments.

use std::path::Path;

use crate::fsutil::{self, Location};

/// The position of the first occurrence of `needle` as a YAML scalar token in `text`.
pub(super) fn locate_in_yaml(path: &Path, text: &str, needle: &str) -> Location {
    locate_nth_in_yaml(path, text, needle, 0)
}

/// The position of the `nth` (0-based) occurrence of `needle` standing as a whole token, so that
/// an error about `fr` does not point into `fr-CA`. Falls back to 1:1.
pub(super) fn locate_nth_in_yaml(path: &Path, text: &str, needle: &str, nth: usize) -> Location {
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
pub(super) fn locate_value_of(path: &Path, text: &str, key: &str) -> Location {
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

/// The position of the value of `key:` inside the top-level `section:` (block or flow style),
/// so that `print: { logo: .. }` is found rather than a `logo:` elsewhere; else as
/// [`locate_value_of`].
pub(super) fn locate_value_in_section(
    path: &Path,
    text: &str,
    section: &str,
    key: &str,
) -> Location {
    let header = format!("{section}:");
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let top_level = !line.starts_with([' ', '\t', '#', '\n', '\r']);
        match start {
            None if line.starts_with(&header) => start = Some(offset),
            Some(from) if top_level => {
                let section_text = &text[..offset];
                let found = locate_value_of(path, &section_text[from..], key);
                return shifted(path, text, from, found);
            }
            _ => {}
        }
        offset += line.len();
    }
    match start {
        Some(from) => shifted(path, text, from, locate_value_of(path, &text[from..], key)),
        None => locate_value_of(path, text, key),
    }
}

/// A location found in `text[from..]` as a location in `text` (1:1 meaning not found).
fn shifted(path: &Path, text: &str, from: usize, found: Location) -> Location {
    if (found.line, found.column) == (1, 1) {
        return Location::new(path, 1, 1);
    }
    let (line, _) = fsutil::line_column(text, from);
    // `from` is a line start, so only the line number moves.
    Location::new(path, line + found.line - 1, found.column)
}

/// Finds `needle` inside a `fallback:` list (flow or block style).
pub(super) fn locate_fallback_entry(path: &Path, text: &str, needle: &str) -> Location {
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
mod tests {
    use super::*;

    /// An error about `fr` points at `fr`, not into `fr-CA`, nor at a commented-out `# fr`.
    #[test]
    fn tokens_are_found_whole_and_outside_comments() {
        let text = "locales:\n  # fr\n  - tag: fr-CA\n  - tag: fr\n  - tag: fr\n";
        let at = |nth| {
            let l = locate_nth_in_yaml(Path::new("f.yaml"), text, "fr", nth);
            (l.line, l.column)
        };
        assert_eq!([at(0), at(1), at(2)], [(4, 10), (5, 10), (1, 1)]);
        let l = locate_value_of(
            Path::new("f.yaml"),
            "paths:\n  # output: x\n  output:   .\n",
            "output",
        );
        assert_eq!((l.line, l.column), (3, 13));
    }

    /// A key is found in its own section, in block or flow style, not in another section.
    #[test]
    fn section_keys_are_found_in_their_section() {
        let at = |text: &str| {
            let l = locate_value_in_section(Path::new("f.yaml"), text, "print", "logo");
            (l.line, l.column)
        };
        let block =
            "site:\n  logo: a.png\nprint:\n  # logo: old\n  logo: b.png\npaths:\n  logo: c\n";
        assert_eq!(at(block), (5, 9));
        assert_eq!(
            at("site:\n  logo: a\nprint: { paper: a4, logo: x.svg }\n"),
            (3, 27)
        );
        assert_eq!(at("print:\n  paper: a4\n  logo: x.svg"), (3, 9));
    }
}
