//! What is found before and after a file is parsed: which entries nest placeables too deep
//! for the recursive parser (those are blanked out, so a hostile file cannot overflow the
//! stack), and where each entry's extent ends.

use std::ops::Range;

/// Placeables nested deeper than this (`{ { { … } } }`, also through call arguments and select
/// variants) are refused before parsing: `fluent-syntax` parses them by recursion, without a
/// limit of its own, so a few thousand levels would overflow the stack. Real translations nest
/// two or three levels.
pub const MAX_PLACEABLE_DEPTH: usize = 100;

/// The entries of `text` (whose first `bom` bytes are a byte-order mark) whose placeables nest
/// deeper than `limit`: (the entry's byte span, the offset of the first `{` past the limit),
/// offsets into the text after the byte-order mark.
///
/// The depth test is a cheap scan, not a parser; it may overestimate, never underestimate, the
/// depth the parser reaches. The parser recurses only from an entry (`id =` or `-term =` at the
/// start of a line), and such a line (or a `#` comment line) inside an open placeable is an
/// error that unwinds the recursion, so counting restarts there: the file is cut into segments
/// at those lines. A segment with no more `{` or `(` than the limit cannot nest deeper. One
/// vectorised search lists the file's braces; a segment has more than `limit` of them only if
/// some `limit + 1` consecutive braces have no entry line between them, and lines are looked
/// at only from a brace to the next entry line (most of a file is never read line by line).
pub(super) fn too_deep(text: &str, bom: usize, limit: usize) -> Vec<(Range<usize>, usize)> {
    let bytes = &text.as_bytes()[bom..];
    let mut found = Vec::new();
    // Call arguments nest too (`{ NUMBER(NUMBER(…)) }` recurses once per call), so `(` counts
    // with `{`.
    let braces: Vec<usize> = memchr::memchr2_iter(b'{', b'(', bytes).collect();
    let mut first = 0; // the first brace of the window `first ..= first + limit`
    while first + limit < braces.len() {
        let last = braces[first + limit];
        match next_entry_line(bytes, braces[first]) {
            // An entry line inside the window: no segment holds the window's first brace and
            // its last; go on from the first brace past that line.
            Some(line) if line < last => {
                first += braces[first..].partition_point(|&b| b < line);
            }
            // `limit + 1` braces in one segment: scan that segment brace by brace.
            next => {
                let start = previous_entry_line(bytes, braces[first]);
                let end = next.unwrap_or(bytes.len());
                if let Some(deepest) = deepest_brace(&bytes[start..end], limit) {
                    found.push((start..end, start + deepest));
                }
                first += braces[first..].partition_point(|&b| b < end);
            }
        }
    }
    found
}

/// The start of the first line after offset `from` that starts an entry or is a comment.
fn next_entry_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut pos = from;
    while let Some(i) = memchr::memchr(b'\n', &bytes[pos..]) {
        let line = pos + i + 1;
        if line < bytes.len() && starts_entry(&bytes[line..]) {
            return Some(line);
        }
        pos = line;
    }
    None
}

/// The start of the segment holding offset `at`: its line when that starts an entry or is a
/// comment, else the nearest such line before it, else the file's start.
fn previous_entry_line(bytes: &[u8], at: usize) -> usize {
    let mut end = at;
    loop {
        let line = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
        if line == 0 || starts_entry(&bytes[line..]) {
            return line;
        }
        end = line - 1;
    }
}

/// Within one segment (an entry and the lines up to the next), the offset of the first `{`
/// or `(` nested deeper than `limit`, if any. Braces inside string literals (`{ "{" }`) do not
/// count; a `#` line is a comment and counts nothing.
fn deepest_brace(segment: &[u8], limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = 0;
    while pos < segment.len() {
        let end = memchr::memchr(b'\n', &segment[pos..]).map_or(segment.len(), |i| pos + i + 1);
        let line = &segment[pos..end];
        if line[0] != b'#' {
            let mut in_string = false;
            let mut i = 0;
            while i < line.len() {
                match (in_string, line[i]) {
                    (true, b'\\') => i += 1,
                    (true, b'"') => in_string = false,
                    (false, b'"') if depth > 0 => in_string = true,
                    (false, b'{') => {
                        depth += 1;
                        if depth > limit {
                            return Some(pos + i);
                        }
                    }
                    (false, b'}') => depth = depth.saturating_sub(1),
                    // Inside a placeable, each call's argument list is one more level of the
                    // parser's recursion; outside, a parenthesis is text.
                    (false, b'(') if depth > 0 => {
                        depth += 1;
                        if depth > limit {
                            return Some(pos + i);
                        }
                    }
                    (false, b')') if depth > 0 => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
        }
        pos = end;
    }
    None
}

/// Whether the line at the start of `line` (which may run on past its end) starts an entry
/// (`id =`, `-term =`) or is a comment.
fn starts_entry(line: &[u8]) -> bool {
    if line.first() == Some(&b'#') {
        return true;
    }
    let id = line.strip_prefix(b"-").unwrap_or(line);
    if !id.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let after = id
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .map_or(&[][..], |i| &id[i..]);
    let spaces = after
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    after.get(spaces) == Some(&b'=')
}

/// `text` with the bytes of `spans` (offsets into `text[bom..]`) replaced by spaces, line ends
/// kept: the same length, so the parser's slices still give offsets into the original.
pub(super) fn blank_out(text: &str, bom: usize, spans: &[(Range<usize>, usize)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (span, _) in spans {
        for b in &mut bytes[span.start + bom..span.end + bom] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only ASCII was written over whole spans that start and end at line boundaries.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The end of the entry starting at `start` whose last parsed byte ends before `parsed_end`:
/// Fluent entries begin at column 0, and every line of an entry but the first is indented (or
/// a closing brace), so the entry runs until the next line that starts with a letter, `-` or
/// `#`, less its trailing blank lines. The lines up to `parsed_end` belong to the entry (the
/// parser read them as its own), so the search starts there.
pub(super) fn entry_end(text: &str, start: usize, parsed_end: usize) -> usize {
    let bytes = text.as_bytes();
    // What follows the last parsed byte is a few bytes (` }`, a line end, blank lines): a plain
    // loop, cheaper than a vectorised search for so short a distance.
    let from = parsed_end.max(start).min(bytes.len());
    let mut next = bytes.len();
    let mut at_line_start = false;
    for (i, &b) in bytes[from..].iter().enumerate() {
        if at_line_start && (b.is_ascii_alphabetic() || b == b'-' || b == b'#') {
            next = from + i;
            break;
        }
        at_line_start = b == b'\n';
    }
    let last = bytes[start..next]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| start + i);
    bytes[last..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| last + i + 1)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::catalog::{CatalogFile, EntryKind, parse_file};

    fn parse(text: &str) -> CatalogFile {
        parse_file(PathBuf::from("x.ftl"), "x.ftl".into(), text.to_string())
    }

    /// `{ { … $x … } }` nested `depth` levels deep.
    fn nested(depth: usize) -> String {
        format!("{}$x{}", "{ ".repeat(depth), " }".repeat(depth))
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        let text = format!("deep = {}\nnext = N\n", nested(MAX_PLACEABLE_DEPTH));
        let file = parse(&text);
        assert!(file.junk.is_empty(), "{:?}", file.junk);
        let deep = file.entry("deep", EntryKind::Message).unwrap();
        assert!(deep.value.as_ref().unwrap().variables().contains("x"));
    }

    #[test]
    fn deeper_nesting_is_junk_not_a_stack_overflow() {
        // On a 2 MiB stack, like the catalog's loading threads, and far past what the
        // recursive parser survives.
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let text = format!(
                    "# A comment\nok = Fine\ndeep = {}\n    .title = T\nafter = {{ $y }}\n",
                    nested(100_000)
                );
                (parse(&text), text)
            })
            .unwrap();
        let (file, text) = handle.join().unwrap();
        assert_eq!(file.junk.len(), 1, "{:?}", file.junk);
        let junk = &file.junk[0];
        assert!(text[junk.span.clone()].starts_with("deep = { { "));
        assert!(text[junk.span.clone()].ends_with(".title = T\n"));
        assert!(
            junk.message.contains("nested more than 100"),
            "{}",
            junk.message
        );
        assert_eq!(file.line_column(junk.error_offset), (3, 208));
        let ids: Vec<&str> = file.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["ok", "after"]);
        let after = file.entry("after", EntryKind::Message).unwrap();
        assert_eq!(&text[after.id_span.clone()], "after");
    }

    #[test]
    fn escaped_braces_and_unclosed_junk_do_not_add_up() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!(
                "bad{i} = {{ $x\nbraces{i} = {{\"{{\"}} and {{ \"{{{{\" }}\n"
            ));
        }
        let file = parse(&text);
        assert_eq!(file.junk.len(), 300);
        assert!(file.junk.iter().all(|j| !j.message.contains("nested")));
        assert_eq!(file.entries.len(), 300);
    }

    #[test]
    fn nesting_through_call_arguments_and_line_starts_is_counted() {
        // Placeables may continue at the start of a line inside a placeable, and nest through
        // call arguments: neither restarts the count.
        let depth = 5_000;
        let text = format!(
            "deep = {}$x{}\n",
            "{\nF(\n".repeat(depth),
            ")}".repeat(depth)
        );
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse(&text))
            .unwrap();
        let file = handle.join().unwrap();
        assert_eq!(file.junk.len(), 1);
        assert!(file.junk[0].message.contains("nested"));
    }

    #[test]
    fn nested_calls_without_braces_are_counted() {
        // `{ NUMBER(NUMBER(…)) }` nests by call arguments alone: one `{`, 10,000 calls.
        let depth = 10_000;
        let text = format!(
            "ok = {{ NUMBER(1) }} (a parenthesis in text)\ndeep = {{ {}1{} }}\nnext = N\n",
            "NUMBER(".repeat(depth),
            ")".repeat(depth)
        );
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse(&text))
            .unwrap();
        let file = handle.join().unwrap();
        assert_eq!(file.junk.len(), 1);
        assert!(file.junk[0].message.contains("nested more than 100"));
        assert_eq!(
            file.line_column(file.junk[0].error_offset),
            (2, 10 + 7 * 99 + 6)
        ); // the 100th `(`, the 101st level
        let ids: Vec<&str> = file.entries.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["ok", "next"]);
    }
}
