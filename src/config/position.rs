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

/// One step of a path into the YAML document: a mapping key or a list position.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A block-style YAML node start: a list item's `-` or a `key:`, with its column and offset,
/// and for a key the offset of a value written on its own line.
struct Token<'t> {
    column: usize,
    offset: usize,
    key: Option<&'t str>,
    value: Option<usize>,
}

/// The block-style structure of `text`, comments and blank lines left out.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        // A comment starts at `#` at the start or after white space.
        let end = body
            .char_indices()
            .find(|&(i, c)| c == '#' && (i == 0 || body[..i].ends_with([' ', '\t'])))
            .map_or(body.len(), |(i, _)| i);
        let body = &body[..end];
        let mut column = body.len() - body.trim_start_matches(' ').len();
        loop {
            let rest = &body[column..];
            if rest.trim().is_empty() {
                break;
            }
            if rest == "-" || rest.starts_with("- ") {
                let item = column + 1 + (rest[1..].len() - rest[1..].trim_start_matches(' ').len());
                out.push(Token {
                    column,
                    offset: line_start + column,
                    key: None,
                    // Where the item starts, when on the dash's line.
                    value: (item < body.len()).then_some(line_start + item),
                });
                column = item;
                continue;
            }
            if let Some(colon) = rest
                .find(": ")
                .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
                && !rest.starts_with(['[', '{', '"', '\''])
            {
                let key = rest[..colon].trim_end();
                let after = &rest[colon + 1..];
                let skipped = after.len() - after.trim_start().len();
                let value =
                    (!after.trim().is_empty()).then_some(line_start + column + colon + 1 + skipped);
                out.push(Token {
                    column,
                    offset: line_start + column,
                    key: Some(key),
                    value,
                });
            }
            break;
        }
        line_start += line.len();
    }
    out
}

/// The position of the node at `steps` in block-style YAML: the value when it is written on
/// the key's line (`min_coverage: 150` points at `150`), the key otherwise, the item after a
/// list's `-`. `None` when the path is not found that way (flow style `{…}`, `[…]`): the
/// caller then falls back to a search.
pub(super) fn locate_path(path: &Path, text: &str, steps: &[Step<'_>]) -> Option<Location> {
    let (line, column) = fsutil::line_column(text, path_offset(text, steps)?);
    Some(Location::new(path, line, column))
}

/// The line and column of the `index`th target locale's `key` in `text` (block style), for
/// diagnostics about a locale's setting (`check`'s coverage below `min_coverage`).
pub fn locale_setting_position(text: &str, index: usize, key: &str) -> Option<(usize, usize)> {
    let steps = [Step::Key("locales"), Step::Index(index), Step::Key(key)];
    Some(fsutil::line_column(text, path_offset(text, &steps)?))
}

/// The `nth` fallback (`fb`) of the `index`th locale: its own item in a block list, its token
/// within the locale's `[…]` list, or (other layouts) the first fallback list naming it.
pub(super) fn locate_fallback(
    path: &Path,
    text: &str,
    index: usize,
    nth: usize,
    fb: &str,
) -> Location {
    let list = [
        Step::Key("locales"),
        Step::Index(index),
        Step::Key("fallback"),
    ];
    let item = [list[0], list[1], list[2], Step::Index(nth)];
    let in_flow_list = || {
        let start = path_offset(text, &list)?;
        let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        let at = text[start..line_end].match_indices(fb).find(|&(i, _)| {
            let before = text[..start + i].chars().next_back();
            let after = text[start + i + fb.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-'));
            boundary(before) && boundary(after)
        })?;
        Some(start + at.0)
    };
    match path_offset(text, &item).or_else(in_flow_list) {
        Some(offset) => {
            let (line, column) = fsutil::line_column(text, offset);
            Location::new(path, line, column)
        }
        None => locate_fallback_entry(path, text, fb),
    }
}

/// The byte offset [`locate_path`] points at.
fn path_offset(text: &str, steps: &[Step<'_>]) -> Option<usize> {
    let tokens = tokens(text);
    let (mut lo, mut hi) = (0, tokens.len());
    let mut at = None;
    for step in steps {
        let level = tokens.get(lo..hi)?.first()?.column;
        let mut siblings = (lo..hi).filter(|&i| tokens[i].column == level);
        let found = match *step {
            Step::Key(key) => siblings.find(|&i| tokens[i].key == Some(key))?,
            Step::Index(n) => siblings.filter(|&i| tokens[i].key.is_none()).nth(n)?,
        };
        let end = (found + 1..hi)
            .find(|&i| tokens[i].column <= level)
            .unwrap_or(hi);
        let token = &tokens[found];
        at = Some(match (token.key, token.value) {
            (_, Some(value)) => value,
            (Some(_), None) => token.offset,
            (None, None) => tokens.get(found + 1).map_or(token.offset, |t| t.offset),
        });
        (lo, hi) = (found + 1, end);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path finds its own node: the second locale's `min_coverage`, not the first's nor a
    /// commented-out one; a key without a value on its line is pointed at itself.
    #[test]
    fn paths_find_the_value_of_their_own_node() {
        let text = "# min_coverage: 5\nlocales:\n  - tag: de\n    min_coverage: 20\n  - tag: fr # the French\n    # min_coverage: 1\n    min_coverage: 150\n    fallback:\n      - de\npaths:\n  output: out\n";
        let at = |steps: &[Step<'_>]| {
            locate_path(Path::new("f.yaml"), text, steps).map(|l| (l.line, l.column))
        };
        use Step::{Index, Key};
        assert_eq!(
            at(&[Key("locales"), Index(1), Key("min_coverage")]),
            Some((7, 19))
        );
        assert_eq!(
            at(&[Key("locales"), Index(0), Key("min_coverage")]),
            Some((4, 19))
        );
        assert_eq!(at(&[Key("locales"), Index(1), Key("tag")]), Some((5, 10)));
        assert_eq!(
            at(&[Key("locales"), Index(1), Key("fallback")]),
            Some((8, 5))
        );
        assert_eq!(
            at(&[Key("locales"), Index(1), Key("fallback"), Index(0)]),
            Some((9, 9))
        );
        assert_eq!(at(&[Key("paths"), Key("output")]), Some((11, 11)));
        assert_eq!(at(&[Key("locales"), Index(2)]), None);
        assert_eq!(at(&[Key("site")]), None);
    }

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
