//! Writes a locale's units as XLIFF 2.0 (or 1.2 for older tools).
//!
//! One `<file>` per FTL file, one `<unit>` (`<trans-unit>`) per message value, attribute and
//! plural variant, in source order. Each unit carries the source text, the current translation
//! as target, a state (translated, initial / needs-translation, stale → needs review) and notes
//! (what it is and where, the FTL comments). Placeables and inline Markdown are inline codes
//! whose original FTL travels with them (`<originalData>` and `disp` in 2.0, `equiv-text` in
//! 1.2). The XML is written by hand with complete escaping: the output is small, and writing it
//! directly keeps it deterministic to the byte.

use std::fmt::Write as _;

use super::model::CodeKind;
use super::units::{Coded, LocaleUnits, Unit, UnitState};
use super::{Only, XliffVersion};
use crate::catalog::EntryKind;

pub const NAMESPACE_2_0: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub const NAMESPACE_1_2: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub files: usize,
    pub units: usize,
    pub missing: usize,
    pub stale: usize,
}

/// The XLIFF document of `units` (restricted by `only`), or `None` when no unit is left.
pub fn render_xliff(
    units: &LocaleUnits,
    version: XliffVersion,
    only: Only,
) -> Option<(String, ExportSummary)> {
    let all = units.units();
    let mut summary = ExportSummary::default();
    let mut w = Writer {
        out: String::new(),
        version,
    };
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        XliffVersion::V2_0 => {
            let _ = writeln!(
                w.out,
                "<xliff xmlns=\"{NAMESPACE_2_0}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">",
                attr(&units.source_tag),
                attr(&units.target_tag)
            );
        }
        XliffVersion::V1_2 => {
            let _ = writeln!(w.out, "<xliff xmlns=\"{NAMESPACE_1_2}\" version=\"1.2\">");
        }
    }
    for (index, file) in units.files.iter().enumerate() {
        let selected: Vec<&Unit> = all
            .iter()
            .filter(|u| std::ptr::eq(u.file, file))
            .filter(|u| match only {
                Only::All => true,
                Only::Missing => u.state == UnitState::Missing,
                Only::Stale => u.state == UnitState::Stale,
            })
            .collect();
        if selected.is_empty() {
            continue;
        }
        summary.files += 1;
        match version {
            XliffVersion::V2_0 => {
                let _ = writeln!(
                    w.out,
                    "  <file id=\"f{}\" original=\"{}\">",
                    index + 1,
                    attr(&original(&units.target_tag, &file.relative))
                );
            }
            XliffVersion::V1_2 => {
                let _ = writeln!(
                    w.out,
                    "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n    <body>",
                    attr(&original(&units.target_tag, &file.relative)),
                    attr(&units.source_tag),
                    attr(&units.target_tag)
                );
            }
        }
        for unit in selected {
            summary.units += 1;
            match unit.state {
                UnitState::Missing => summary.missing += 1,
                UnitState::Stale => summary.stale += 1,
                UnitState::Translated => {}
            }
            match version {
                XliffVersion::V2_0 => w.unit_2_0(unit, &units.target_tag),
                XliffVersion::V1_2 => w.unit_1_2(unit, &units.target_tag),
            }
        }
        match version {
            XliffVersion::V2_0 => w.out.push_str("  </file>\n"),
            XliffVersion::V1_2 => w.out.push_str("    </body>\n  </file>\n"),
        }
    }
    w.out.push_str("</xliff>\n");
    (summary.units > 0).then_some((w.out, summary))
}

/// A `<file>`'s `original`: the FTL file's path below the locales folder, `fr/pages/home.ftl`.
/// Its first segment remembers which locale was exported, so an import can refuse the file
/// when its target language was relabelled to another locale. `original` rather than an
/// attribute of our own: CAT tools keep it (it is how they name the document, and required in
/// 1.2), while extension attributes and file-level notes are dropped by some of them.
pub fn original(target_tag: &str, relative: &str) -> String {
    format!("{target_tag}/{relative}")
}

/// The locale an `original` written by [`original`] remembers: its first segment.
pub fn original_locale(original: &str) -> Option<&str> {
    original.split_once('/').map(|(tag, _)| tag)
}

struct Writer {
    out: String,
    version: XliffVersion,
}

/// A note: (2.0 category, 1.2 `from`, text).
type Note = (&'static str, &'static str, String);

fn notes(unit: &Unit, target_tag: &str) -> Vec<Note> {
    let pattern = unit.pattern;
    let dash = if pattern.kind == EntryKind::Term {
        "-"
    } else {
        ""
    };
    let owner = match pattern.kind {
        EntryKind::Message => "message",
        EntryKind::Term => "term",
    };
    let mut what = match &pattern.attribute {
        Some(a) => format!("Attribute .{a} of {owner} {dash}{}", pattern.id),
        None => format!("{owner} {dash}{}", pattern.id),
    };
    if pattern.attribute.is_none() {
        // Capitalize the first letter.
        what.replace_range(..1, &what[..1].to_uppercase());
    }
    for (key, plural, _) in &unit.leaf.path {
        let hint = if *plural && key.numeric {
            format!(" (exactly {})", key.name)
        } else if *plural {
            format!(" (plural category of {target_tag})")
        } else {
            String::new()
        };
        let _ = write!(what, ", variant [{}]{hint}", key.name);
    }
    let _ = write!(
        what,
        ", in {}:{}.",
        unit.file.source_path, pattern.source_line
    );
    let mut out = vec![("location", "fluentpress", what)];
    if let Some(comment) = &pattern.comment {
        out.push(("comment", "developer", comment.clone()));
    }
    if let Some(comment) = &pattern.target_comment {
        out.push((
            "comment",
            "translator",
            format!("Comment in the {target_tag} file: {comment}"),
        ));
    }
    match unit.state {
        UnitState::Stale => out.push((
            "fluentpress",
            "fluentpress",
            "Needs review: the source text changed after this translation was last edited. Confirm or correct it.".into(),
        )),
        UnitState::Missing if unit.leaf.leaf.target.is_some() => out.push((
            "fluentpress",
            "fluentpress",
            "Needs translation: the translation has no variant for this plural category; the target shows the variant used meanwhile.".into(),
        )),
        _ => {}
    }
    out
}

impl Writer {
    fn unit_2_0(&mut self, unit: &Unit, target_tag: &str) {
        let out = &mut self.out;
        let _ = writeln!(out, "    <unit id=\"{}\">", attr(&unit.id));
        out.push_str("      <notes>\n");
        for (category, _, text) in notes(unit, target_tag) {
            // A note holds text only (no <cp>): characters XML cannot carry are dropped.
            let _ = writeln!(
                out,
                "        <note category=\"{category}\">{}</note>",
                text_1_2(&text)
            );
        }
        out.push_str("      </notes>\n");
        if !unit.coded.data.is_empty() {
            out.push_str("      <originalData>\n");
            for (i, ftl) in unit.coded.data.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "        <data id=\"d{}\">{}</data>",
                    i + 1,
                    text_2_0(ftl)
                );
            }
            out.push_str("      </originalData>\n");
        }
        let state = match unit.state {
            UnitState::Translated => "state=\"translated\"",
            UnitState::Missing => "state=\"initial\"",
            UnitState::Stale => "state=\"initial\" subState=\"fluentpress:stale\"",
        };
        let _ = writeln!(out, "      <segment {state}>");
        out.push_str("        <source xml:space=\"preserve\">");
        self.codes(&unit.coded.source);
        self.out.push_str("</source>\n");
        if let Some(target) = &unit.coded.target {
            self.out.push_str("        <target xml:space=\"preserve\">");
            self.codes(target);
            self.out.push_str("</target>\n");
        }
        self.out.push_str("      </segment>\n    </unit>\n");
    }

    fn unit_1_2(&mut self, unit: &Unit, target_tag: &str) {
        let _ = writeln!(
            self.out,
            "      <trans-unit id=\"{}\" xml:space=\"preserve\">",
            attr(&unit.id)
        );
        self.out.push_str("        <source>");
        self.codes(&unit.coded.source);
        self.out.push_str("</source>\n");
        if let Some(target) = &unit.coded.target {
            let state = match unit.state {
                UnitState::Translated => "translated",
                UnitState::Missing => "needs-translation",
                UnitState::Stale => "needs-review-translation",
            };
            let _ = write!(self.out, "        <target state=\"{state}\">");
            self.codes(target);
            self.out.push_str("</target>\n");
        }
        for (_, from, text) in notes(unit, target_tag) {
            let _ = writeln!(
                self.out,
                "        <note from=\"{from}\">{}</note>",
                text_1_2(&text)
            );
        }
        self.out.push_str("      </trans-unit>\n");
    }

    fn codes(&mut self, coded: &[Coded]) {
        for c in coded {
            match c {
                Coded::Text(t) => {
                    let escaped = match self.version {
                        XliffVersion::V2_0 => text_2_0(t),
                        XliffVersion::V1_2 => text_1_2(t),
                    };
                    self.out.push_str(&escaped);
                }
                Coded::Ph {
                    id,
                    kind,
                    ftl,
                    data,
                    required,
                } => match self.version {
                    XliffVersion::V2_0 => {
                        let _ = write!(
                            self.out,
                            "<ph id=\"{id}\" dataRef=\"d{}\" disp=\"{}\"{}{}/>",
                            data + 1,
                            attr(ftl),
                            type_2_0(*kind),
                            if *required { " canDelete=\"no\"" } else { "" }
                        );
                    }
                    XliffVersion::V1_2 => {
                        let _ = write!(
                            self.out,
                            "<x id=\"{id}\" ctype=\"{}\" equiv-text=\"{}\"/>",
                            ctype_1_2(*kind),
                            attr(ftl)
                        );
                    }
                },
                Coded::Pc {
                    id,
                    kind,
                    open,
                    close,
                    open_data,
                    close_data,
                    required,
                    children,
                } => {
                    match self.version {
                        XliffVersion::V2_0 => {
                            let _ = write!(
                                self.out,
                                "<pc id=\"{id}\" dataRefStart=\"d{}\" dataRefEnd=\"d{}\" dispStart=\"{}\" dispEnd=\"{}\"{}{}>",
                                open_data + 1,
                                close_data + 1,
                                attr(open),
                                attr(close),
                                type_2_0(*kind),
                                if *required { " canDelete=\"no\"" } else { "" }
                            );
                        }
                        XliffVersion::V1_2 => {
                            let _ =
                                write!(self.out, "<g id=\"{id}\" ctype=\"{}\">", ctype_1_2(*kind));
                        }
                    }
                    self.codes(children);
                    self.out.push_str(match self.version {
                        XliffVersion::V2_0 => "</pc>",
                        XliffVersion::V1_2 => "</g>",
                    });
                }
            }
        }
    }
}

fn type_2_0(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Placeable => "",
        CodeKind::CodeSpan => " type=\"fmt\"",
        CodeKind::Emphasis => " type=\"fmt\" subType=\"xlf:i\"",
        CodeKind::Strong => " type=\"fmt\" subType=\"xlf:b\"",
        CodeKind::Link | CodeKind::Autolink => " type=\"link\"",
    }
}

fn ctype_1_2(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Placeable => "x-fluent-placeable",
        CodeKind::CodeSpan => "x-markdown-code",
        CodeKind::Autolink => "x-markdown-autolink",
        CodeKind::Emphasis => "italic",
        CodeKind::Strong => "bold",
        CodeKind::Link => "link",
    }
}

/// Characters XML 1.0 cannot carry at all, not even as references.
fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn escape_text(text: &str, forbidden: impl Fn(&mut String, char)) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A literal carriage return would be normalized away by every XML parser.
            '\r' => out.push_str("&#13;"),
            c if is_forbidden(c) => forbidden(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Text content in 2.0: forbidden characters as `<cp hex="…"/>`, as the standard says.
fn text_2_0(text: &str) -> String {
    escape_text(text, |out, c| {
        let _ = write!(out, "<cp hex=\"{:04X}\"/>", c as u32);
    })
}

/// Text content in 1.2, which has no way to carry forbidden characters: they are dropped.
fn text_1_2(text: &str) -> String {
    escape_text(text, |_, _| {})
}

/// An attribute value: quotes and line breaks as references (a parser turns literal ones into
/// spaces).
pub(crate) fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_breaks_and_forbidden_characters() {
        assert_eq!(
            attr("a<b>&\"c\"\n\t"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#9;"
        );
        assert_eq!(
            text_2_0("x\u{1}y & z\r"),
            "x<cp hex=\"0001\"/>y &amp; z&#13;"
        );
        assert_eq!(text_1_2("x\u{1}y"), "xy");
    }
}
