//! Positions and file names as LSP clients speak them: lines and UTF-16 code units (what
//! VS Code, Neovim and Helix count in), against the byte offsets and character columns the
//! catalog and the check use; `file://` URIs against paths.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// Where each line of a text starts (lines end at `\n`; a `\r` before it is part of no
/// character a client counts: it ends the line's text).
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// The LSP position of byte `offset` (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let character = utf16_len(&self.text[self.starts[line]..offset]);
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position; a position past the end of its line is the line's
    /// end, past the last line the text's end (as the protocol asks).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = self.line_text(position.line as usize);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// The byte offset of a 1-based line and character column (the check's positions).
    pub fn offset_of_column(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let text = self.line_text(line.saturating_sub(1));
        start
            + text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i)
    }

    /// The range of `width` characters from a 1-based line and character column, within the
    /// line.
    pub fn column_range(&self, line: usize, column: usize, width: usize) -> Range {
        let start = self.offset_of_column(line, column);
        let line_end = self.line_end(line.saturating_sub(1));
        let rest = &self.text[start.min(line_end)..line_end];
        let end = start
            + rest
                .char_indices()
                .nth(width)
                .map_or(rest.len(), |(i, _)| i);
        Range::new(self.position(start), self.position(end))
    }

    /// The text of 0-based `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        &self.text[start..self.line_end(line)]
    }

    fn line_end(&self, line: usize) -> usize {
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let start = self.starts.get(line).copied().unwrap_or(end);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// The position just after the last character.
    pub fn end(&self) -> Position {
        self.position(self.text.len())
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// What a path keeps as-is in a URI; everything else is percent-encoded.
const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The `file://` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let encoded = utf8_percent_encode(text, PATH_SET).to_string();
    format!("file://{encoded}").parse().ok()
}

/// The path of a `file://` URI (with an empty or `localhost` authority); `None` for other
/// schemes (an editor's unsaved `untitled:` buffer).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_after_cjk_and_emoji() {
        // `😀` is two UTF-16 units (four bytes), `中文` two units (six bytes).
        let text = "a = 😀 中文 { $x\nb = B\r\nc = 中 { $y }\n";
        let lines = Lines::new(text);
        let dollar = text.find("$x").unwrap();
        // "a = " 4 + 😀 2 + " " 1 + 中文 2 + " { " 3 = 12
        assert_eq!(lines.position(dollar), Position::new(0, 12));
        assert_eq!(lines.offset(Position::new(0, 12)), dollar);
        let y = text.find("$y").unwrap();
        assert_eq!(lines.position(y), Position::new(2, 8));
        assert_eq!(lines.offset(Position::new(2, 8)), y);
        // The check's columns count characters: `$x` is character 12 of line 1.
        assert_eq!(lines.offset_of_column(1, 12), dollar);
        assert_eq!(
            lines.column_range(1, 12, 2),
            Range::new(Position::new(0, 12), Position::new(0, 14))
        );
        // A position past the end of a line is the line's end (`\r\n` not counted).
        assert_eq!(
            lines.offset(Position::new(1, 99)),
            text.find("B\r").unwrap() + 1
        );
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        // An offset inside a character is moved back to its start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(lines.position(emoji + 2), Position::new(0, 4));
        assert_eq!(lines.line_text(1), "b = B");
    }

    #[test]
    fn file_uris_round_trip_with_spaces_and_non_ascii() {
        let path = Path::new("/tmp/my project/locales/zh-CN/界面 #1.ftl");
        let uri = path_to_uri(path).unwrap();
        assert!(
            uri.as_str().starts_with("file:///tmp/my%20project/"),
            "{}",
            uri.as_str()
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let localhost: Uri = "file://localhost/a/b.ftl".parse().unwrap();
        assert_eq!(uri_to_path(&localhost).unwrap(), Path::new("/a/b.ftl"));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert!(uri_to_path(&untitled).is_none());
    }
}
