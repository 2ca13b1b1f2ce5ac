//! The one FTL writer: text and placeables serialized as a Fluent pattern, with Fluent's escaping.
//!
//! `extract` (generated source files), `init` (the starter UI strings) and `xliff import`
//! (translations written back) all write patterns through here, so a text reads back from the
//! file exactly as it was given. Fluent would otherwise change it silently: braces start
//! placeables, white space at the start of a line or the end of the pattern is dropped, a
//! continuation line starting with `[`, `*` or `.` reads as a variant or an attribute, blank lines
//! at either end vanish and a carriage return is read as part of a line end. Each of those is
//! written as a string literal (`{"{"}`, `{"  "}`, `{"["}`, `{""}`, `{"\u000D"}`). This module
//! sits low (it knows no project, catalog or XLIFF) so every stage above can share it.

/// A piece of what a reader sees: text, or a placeable kept as canonical FTL (`{ $count }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Placeable(String),
}

/// Appends `part`, merging adjacent text.
pub fn push_part(parts: &mut Vec<Part>, part: Part) {
    match (parts.last_mut(), part) {
        (_, Part::Text(t)) if t.is_empty() => {}
        (Some(Part::Text(last)), Part::Text(t)) => last.push_str(&t),
        (_, part) => parts.push(part),
    }
}

/// Where a pattern of several lines starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The first line stays on the `id =` line, the others follow indented
    /// (`id = one\n    two`): how `extract` writes pages.
    Inline,
    /// Every line on a line of its own below `id =` (`id =\n    one\n    two`): how
    /// `xliff import` writes translations, the way translators lay out long values.
    Block,
}

/// The FTL of plain `text` after `id =` (leading space included), with [`Layout::Inline`] and
/// continuation lines indented by four spaces.
pub fn text_pattern(text: &str) -> String {
    let mut out = String::new();
    write_pattern(&mut out, &[Part::Text(text.to_string())], 4, Layout::Inline);
    out
}

/// Writes text and placeables as the FTL after `id =` (or `.attr =`, or a variant key):
/// ` line` when it fits on one line, else lines indented by `indent` laid out as `layout` says.
pub fn write_pattern(out: &mut String, parts: &[Part], indent: usize, layout: Layout) {
    let lines = split_lines(parts);
    let count = lines.len();
    for (i, line) in lines.iter().enumerate() {
        // A line that begins a line of the file, where `[`, `*` and `.` mean something.
        let starts_file_line = count > 1 && (i > 0 || layout == Layout::Block);
        let rendered = render_line(line, i == 0, i + 1 == count, count > 1, starts_file_line);
        if i == 0 && (count == 1 || layout == Layout::Inline) {
            out.push(' ');
            out.push_str(&rendered);
            continue;
        }
        out.push('\n');
        // A blank line carries no indentation: trailing white space helps no one.
        if !rendered.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(&rendered);
        }
    }
}

/// Parts as one line of FTL-like text: braces in text escaped, placeables as written. Used to
/// identify XLIFF codes and compare texts, not to write files.
pub fn inline_text(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(t) => {
                for c in t.chars() {
                    match c {
                        '{' => out.push_str("{\"{\"}"),
                        '}' => out.push_str("{\"}\"}"),
                        c => out.push(c),
                    }
                }
            }
            Part::Placeable(p) => out.push_str(p),
        }
    }
    out
}

/// Writes `text` as an FTL string literal placeable: `{"…"}`.
pub fn string_literal(out: &mut String, text: &str) {
    out.push_str("{\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // A literal cannot span lines, and a raw CR would be read as a line end.
            '\n' => out.push_str("\\u000A"),
            '\r' => out.push_str("\\u000D"),
            c => out.push(c),
        }
    }
    out.push_str("\"}");
}

/// A pattern a translator wrote as FTL (what follows `id =`, placeables and select
/// expressions included, continuation lines without their indentation) as it goes after
/// `id =` in a file: ` text` on one line, else every line on a line of its own indented by
/// `indent` spaces (blank lines kept, without indentation). Unlike [`write_pattern`] nothing is
/// escaped: the text is FTL already, and the caller parses the result to refuse what does not
/// read back.
pub fn source_pattern(out: &mut String, ftl: &str, indent: usize) {
    let ftl = ftl.replace("\r\n", "\n");
    let lines: Vec<&str> = ftl.trim_matches('\n').split('\n').collect();
    if lines.len() == 1 {
        let line = lines[0].trim();
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        return;
    }
    for line in lines {
        out.push('\n');
        let line = line.trim_end();
        if !line.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(line);
        }
    }
}

/// A whole message as written by a translator: its `#` comment, `id =` with the value, then
/// each attribute (`.name =`), ending with a line end. Attributes come in the order given.
pub fn message_entry<'a>(
    id: &str,
    comment: Option<&str>,
    value: Option<&str>,
    attributes: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut out = String::new();
    if let Some(comment) = comment {
        for line in comment.split('\n') {
            out.push('#');
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    out.push_str(id);
    out.push_str(" =");
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        source_pattern(&mut out, value, 4);
    }
    out.push('\n');
    for (name, pattern) in attributes {
        out.push_str("    .");
        out.push_str(name);
        out.push_str(" =");
        source_pattern(&mut out, pattern, 8);
        out.push('\n');
    }
    out
}

/// The FTL a translator edits of one pattern written in a file from `start` (just after `=`)
/// to `end`: continuation lines without their common indentation, no trailing line end. The
/// inverse of [`source_pattern`].
pub fn pattern_source(text: &str, start: usize, end: usize) -> String {
    let raw = text[start..end].replace("\r\n", "\n");
    let mut lines = raw.split('\n');
    let first = lines.next().unwrap_or("").trim().to_string();
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = first;
    for line in rest {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
    }
    out.trim_matches('\n').to_string()
}

enum Piece<'a> {
    Text(&'a str),
    Placeable(&'a str),
}

fn split_lines(parts: &[Part]) -> Vec<Vec<Piece<'_>>> {
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    for part in parts {
        match part {
            Part::Placeable(p) => lines.last_mut().expect("a line").push(Piece::Placeable(p)),
            Part::Text(t) => {
                for (i, segment) in t.split('\n').enumerate() {
                    if i > 0 {
                        lines.push(Vec::new());
                    }
                    if !segment.is_empty() {
                        lines.last_mut().expect("a line").push(Piece::Text(segment));
                    }
                }
            }
        }
    }
    lines
}

fn render_line(
    pieces: &[Piece],
    first: bool,
    last: bool,
    multiline: bool,
    starts_file_line: bool,
) -> String {
    let mut out = String::new();
    if pieces.is_empty() {
        // FTL drops blank lines at the start and end of a pattern, and a pattern cannot be
        // empty: keep them explicitly.
        if (first || last) && multiline || (first && last) {
            out.push_str("{\"\"}");
        }
        return out;
    }
    let n = pieces.len();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Placeable(p) => out.push_str(p),
            Piece::Text(t) => {
                let mut text: &str = t;
                if i == 0 {
                    let body = text.trim_start_matches([' ', '\t']);
                    let lead = &text[..text.len() - body.len()];
                    if !lead.is_empty() {
                        string_literal(&mut out, lead);
                    }
                    text = body;
                    // At the start of a line of the file these would read as a variant key, a
                    // default marker or an attribute.
                    if starts_file_line && let Some(c @ ('[' | '*' | '.')) = text.chars().next() {
                        string_literal(&mut out, &c.to_string());
                        text = &text[1..];
                    }
                }
                let mut trail = "";
                if i + 1 == n && last {
                    let body = text.trim_end_matches([' ', '\t']);
                    trail = &text[body.len()..];
                    text = body;
                }
                for c in text.chars() {
                    match c {
                        '{' => out.push_str("{\"{\"}"),
                        '}' => out.push_str("{\"}\"}"),
                        '\r' => out.push_str("{\"\\u000D\"}"),
                        c => out.push(c),
                    }
                }
                if !trail.is_empty() {
                    string_literal(&mut out, trail);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement};

    fn text(t: &str) -> Part {
        Part::Text(t.into())
    }

    /// The text a pattern stands for, string literals unescaped (placeables other than literals
    /// are not expected here).
    fn read_back(ftl: &str) -> String {
        let resource =
            fluent_syntax::parser::parse(ftl).unwrap_or_else(|(_, e)| panic!("{ftl:?}: {e:?}"));
        let ast::Entry::Message(m) = &resource.body[0] else {
            panic!("{ftl:?}")
        };
        let mut out = String::new();
        for element in &m.value.as_ref().expect("a value").elements {
            match element {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::StringLiteral { value }),
                } => out.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(value)),
                other => panic!("{ftl:?}: unexpected {other:?}"),
            }
        }
        out
    }

    const HOSTILE: &[&str] = &[
        "plain",
        "",
        "  spaced  ",
        "\ttabbed\t",
        "a {b} c",
        "}{",
        "line one\n  indented two\n[three]\n*four\n.five\n\nsix",
        "[first]\n*second",
        "\nstarts with a newline",
        "ends with a newline\n",
        "\n\n",
        "blank\n\n\nlines",
        "crlf\r\nline\r\n",
        "lone \r carriage return",
        "quote \" and backslash \\ at the end ",
        "  [lead then bracket\n  *lead then star",
        "tab\tinside and {\"literal\"}",
    ];

    #[test]
    fn translators_patterns_are_laid_out_and_read_back() {
        let entry = message_entry(
            "items",
            Some("a note"),
            Some("{ $n ->\n    [one] One\n   *[other] { $n } items\n}"),
            [("title", "Items")],
        );
        assert_eq!(
            entry,
            "# a note\nitems =\n    { $n ->\n        [one] One\n       *[other] { $n } items\n    }\n    .title = Items\n"
        );
        let start = entry.find("items =").unwrap() + "items =".len();
        let end = entry.find("    .title").unwrap();
        assert_eq!(
            pattern_source(&entry, start, end),
            "{ $n ->\n    [one] One\n   *[other] { $n } items\n}"
        );
        assert_eq!(
            message_entry("a", None, Some("Bonjour"), []),
            "a = Bonjour\n"
        );
        let crlf = "a = one\r\n    two\r\n";
        assert_eq!(pattern_source(crlf, 3, crlf.len()), "one\ntwo");
    }

    #[test]
    fn hostile_texts_read_back_identically_in_both_layouts() {
        for sample in HOSTILE {
            let inline = format!("m ={}\n", text_pattern(sample));
            assert_eq!(read_back(&inline), *sample, "{inline:?}");
            let mut block = String::from("m =");
            write_pattern(&mut block, &[text(sample)], 4, Layout::Block);
            block.push('\n');
            assert_eq!(read_back(&block), *sample, "{block:?}");
        }
    }

    #[test]
    fn layouts_differ_only_in_where_the_first_line_goes() {
        assert_eq!(text_pattern("one\n[two]"), " one\n    {\"[\"}two]");
        let mut block = String::new();
        write_pattern(&mut block, &[text("one\n[two]")], 4, Layout::Block);
        assert_eq!(block, "\n    one\n    {\"[\"}two]");
        // One line is one line in either layout; `[` is harmless after `=`.
        assert_eq!(text_pattern("[x] *y* .z"), " [x] *y* .z");
    }

    #[test]
    fn text_is_escaped_for_ftl() {
        let write = |t: &str| {
            let mut out = String::new();
            write_pattern(&mut out, &[text(t)], 4, Layout::Block);
            out
        };
        assert_eq!(write("a {b}"), " a {\"{\"}b{\"}\"}");
        assert_eq!(write("  lead and trail "), " {\"  \"}lead and trail{\" \"}");
        assert_eq!(
            write("one\n[two]\n*three\n.four"),
            "\n    one\n    {\"[\"}two]\n    {\"*\"}three\n    {\".\"}four"
        );
        assert_eq!(write("a\n\nb"), "\n    a\n\n    b");
        assert_eq!(write(""), " {\"\"}");
        assert_eq!(write("x\n"), "\n    x\n    {\"\"}");
        assert_eq!(write("say \"hi\" \\ "), " say \"hi\" \\{\" \"}");
        assert_eq!(write("a\r\nb"), "\n    a{\"\\u000D\"}\n    b");
    }

    #[test]
    fn placeables_are_written_as_given() {
        let mut out = String::new();
        write_pattern(
            &mut out,
            &[text("{ "), Part::Placeable("{ $n }".into()), text(" }")],
            4,
            Layout::Block,
        );
        assert_eq!(out, " {\"{\"} { $n } {\"}\"}");
    }
}
