//! Writes a locale's units as XLIFF 2.0 (or 1.2 for older tools).
//!
//! One `<file>` per FTL file, one `<unit>` (`<trans-unit>`) per message value, attribute and
//! plural variant, in source order. Each unit carries the source text, the current translation
//! as target, a state (translated, initial / needs-translation, stale → needs review) and notes
//! (what it is and where, the FTL comments). Placeables and inline Markdown are inline codes
//! whose original FTL travels with them (`<originalData>` and `disp` in 2.0, `equiv-text` in
//! 1.2). The XML goes through quick-xml's writer ([`crate::xml`]); the escaping is quick-xml's
//! `partial_escape` plus XLIFF's rules for characters XML forbids and for attribute values, and
//! the layout white space is explicit, so the output is deterministic to the byte.

use std::fmt::Write as _;

use quick_xml::escape::partial_escape;

use super::model::CodeKind;
use super::units::{Coded, LocaleUnits, Unit, UnitState};
use super::{Only, XliffVersion};
use crate::catalog::EntryKind;
use crate::xml::{XmlWriter, is_forbidden};

pub const NAMESPACE_2_0: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub const NAMESPACE_1_2: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub files: usize,
    pub units: usize,
    pub missing: usize,
    pub stale: usize,
    /// Source messages and terms the locale does not translate at all, counted as `check`
    /// counts them (its `missing`), whatever `only` selects: units count each value,
    /// attribute and plural variant, which is not what a localizer compares between tools.
    pub missing_entries: usize,
}

/// The XLIFF document of `units` (restricted by `only`), or `None` when no unit is left.
pub fn render_xliff(
    units: &LocaleUnits,
    version: XliffVersion,
    only: Only,
) -> Option<(String, ExportSummary)> {
    let all = units.units();
    let mut summary = ExportSummary {
        missing_entries: units.missing_entries(),
        ..ExportSummary::default()
    };
    let mut w = Writer {
        xml: XmlWriter::new(),
        version,
    };
    w.xml.declaration();
    let (source_tag, target_tag) = (attr(&units.source_tag), attr(&units.target_tag));
    match version {
        XliffVersion::V2_0 => w.xml.start(
            "xliff",
            &[
                ("xmlns", NAMESPACE_2_0),
                ("version", "2.0"),
                ("srcLang", &source_tag),
                ("trgLang", &target_tag),
            ],
        ),
        XliffVersion::V1_2 => w
            .xml
            .start("xliff", &[("xmlns", NAMESPACE_1_2), ("version", "1.2")]),
    }
    w.xml.raw("\n");
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
        let original = attr(&original(&units.target_tag, &file.relative));
        w.xml.raw("  ");
        match version {
            XliffVersion::V2_0 => {
                let id = format!("f{}", index + 1);
                w.xml.start("file", &[("id", &id), ("original", &original)]);
                w.xml.raw("\n");
            }
            XliffVersion::V1_2 => {
                w.xml.start(
                    "file",
                    &[
                        ("original", &original),
                        ("source-language", &source_tag),
                        ("target-language", &target_tag),
                        ("datatype", "plaintext"),
                    ],
                );
                w.xml.raw("\n    ");
                w.xml.start("body", &[]);
                w.xml.raw("\n");
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
        if version == XliffVersion::V1_2 {
            w.xml.raw("    ");
            w.xml.end("body");
            w.xml.raw("\n");
        }
        w.xml.raw("  ");
        w.xml.end("file");
        w.xml.raw("\n");
    }
    w.xml.end("xliff");
    w.xml.raw("\n");
    (summary.units > 0).then(|| (w.xml.finish(), summary))
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
    xml: XmlWriter,
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
        let w = &mut self.xml;
        w.raw("    ");
        w.start("unit", &[("id", &attr(&unit.id))]);
        w.raw("\n      ");
        w.start("notes", &[]);
        w.raw("\n");
        for (category, _, text) in notes(unit, target_tag) {
            // A note holds text only (no <cp>): characters XML cannot carry are dropped.
            w.raw("        ");
            w.element("note", &[("category", category)], &text_1_2(&text));
            w.raw("\n");
        }
        w.raw("      ");
        w.end("notes");
        w.raw("\n");
        if !unit.coded.data.is_empty() {
            w.raw("      ");
            w.start("originalData", &[]);
            w.raw("\n");
            for (i, ftl) in unit.coded.data.iter().enumerate() {
                let id = format!("d{}", i + 1);
                w.raw("        ");
                w.start("data", &[("id", &id)]);
                text_2_0(w, ftl);
                w.end("data");
                w.raw("\n");
            }
            w.raw("      ");
            w.end("originalData");
            w.raw("\n");
        }
        let state: &[(&str, &str)] = match unit.state {
            UnitState::Translated => &[("state", "translated")],
            UnitState::Missing => &[("state", "initial")],
            UnitState::Stale => &[("state", "initial"), ("subState", "fluentpress:stale")],
        };
        w.raw("      ");
        w.start("segment", state);
        w.raw("\n        ");
        w.start("source", &[("xml:space", "preserve")]);
        self.codes(&unit.coded.source);
        self.xml.end("source");
        self.xml.raw("\n");
        if let Some(target) = &unit.coded.target {
            self.xml.raw("        ");
            self.xml.start("target", &[("xml:space", "preserve")]);
            self.codes(target);
            self.xml.end("target");
            self.xml.raw("\n");
        }
        self.xml.raw("      ");
        self.xml.end("segment");
        self.xml.raw("\n    ");
        self.xml.end("unit");
        self.xml.raw("\n");
    }

    fn unit_1_2(&mut self, unit: &Unit, target_tag: &str) {
        self.xml.raw("      ");
        self.xml.start(
            "trans-unit",
            &[("id", &attr(&unit.id)), ("xml:space", "preserve")],
        );
        self.xml.raw("\n        ");
        self.xml.start("source", &[]);
        self.codes(&unit.coded.source);
        self.xml.end("source");
        self.xml.raw("\n");
        if let Some(target) = &unit.coded.target {
            let state = match unit.state {
                UnitState::Translated => "translated",
                UnitState::Missing => "needs-translation",
                UnitState::Stale => "needs-review-translation",
            };
            self.xml.raw("        ");
            self.xml.start("target", &[("state", state)]);
            self.codes(target);
            self.xml.end("target");
            self.xml.raw("\n");
        }
        for (_, from, text) in notes(unit, target_tag) {
            self.xml.raw("        ");
            self.xml
                .element("note", &[("from", from)], &text_1_2(&text));
            self.xml.raw("\n");
        }
        self.xml.raw("      ");
        self.xml.end("trans-unit");
        self.xml.raw("\n");
    }

    fn codes(&mut self, coded: &[Coded]) {
        for c in coded {
            match c {
                Coded::Text(t) => match self.version {
                    XliffVersion::V2_0 => text_2_0(&mut self.xml, t),
                    XliffVersion::V1_2 => self.xml.raw(&text_1_2(t)),
                },
                Coded::Ph {
                    id,
                    kind,
                    ftl,
                    data,
                    required,
                } => {
                    let id = id.to_string();
                    let ftl = attr(ftl);
                    match self.version {
                        XliffVersion::V2_0 => {
                            let data_ref = format!("d{}", data + 1);
                            let mut attributes =
                                vec![("id", id.as_str()), ("dataRef", &data_ref), ("disp", &ftl)];
                            attributes.extend(type_2_0(*kind));
                            if *required {
                                attributes.push(("canDelete", "no"));
                            }
                            self.xml.empty("ph", &attributes);
                        }
                        XliffVersion::V1_2 => self.xml.empty(
                            "x",
                            &[
                                ("id", &id),
                                ("ctype", ctype_1_2(*kind)),
                                ("equiv-text", &ftl),
                            ],
                        ),
                    }
                }
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
                    let id = id.to_string();
                    let name = match self.version {
                        XliffVersion::V2_0 => {
                            let (start, end) = (
                                format!("d{}", open_data + 1),
                                format!("d{}", close_data + 1),
                            );
                            let (open, close) = (attr(open), attr(close));
                            let mut attributes = vec![
                                ("id", id.as_str()),
                                ("dataRefStart", &start),
                                ("dataRefEnd", &end),
                                ("dispStart", &open),
                                ("dispEnd", &close),
                            ];
                            attributes.extend(type_2_0(*kind));
                            if *required {
                                attributes.push(("canDelete", "no"));
                            }
                            self.xml.start("pc", &attributes);
                            "pc"
                        }
                        XliffVersion::V1_2 => {
                            self.xml
                                .start("g", &[("id", &id), ("ctype", ctype_1_2(*kind))]);
                            "g"
                        }
                    };
                    self.codes(children);
                    self.xml.end(name);
                }
            }
        }
    }
}

fn type_2_0(kind: CodeKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        CodeKind::Placeable => &[],
        CodeKind::CodeSpan => &[("type", "fmt")],
        CodeKind::Emphasis => &[("type", "fmt"), ("subType", "xlf:i")],
        CodeKind::Strong => &[("type", "fmt"), ("subType", "xlf:b")],
        CodeKind::Link | CodeKind::Autolink => &[("type", "link")],
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

/// Text content in 2.0: forbidden characters as `<cp hex="…"/>`, as the standard says; the
/// rest through quick-xml's `partial_escape` (`&`, `<`, `>`, and a carriage return as `&#13;`,
/// which every XML parser would otherwise normalize away).
fn text_2_0(w: &mut XmlWriter, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(is_forbidden) {
        let c = rest[at..].chars().next().unwrap_or('\0');
        w.raw(&partial_escape(&rest[..at]));
        w.empty("cp", &[("hex", &format!("{:04X}", c as u32))]);
        rest = &rest[at + c.len_utf8()..];
    }
    w.raw(&partial_escape(rest));
}

/// Text content in 1.2, which has no way to carry forbidden characters: they are dropped.
fn text_1_2(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| !is_forbidden(c)).collect();
    partial_escape(kept.as_str()).into_owned()
}

/// An attribute value: quotes and line breaks as references too (a parser turns literal ones
/// into spaces); forbidden characters dropped. The apostrophe stays as it is (values are
/// double-quoted), which is why quick-xml's own attribute escaping is not used.
pub(crate) fn attr(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| !is_forbidden(c)).collect();
    let mut out = String::with_capacity(kept.len());
    for c in partial_escape(kept.as_str()).chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
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
        let mut w = XmlWriter::new();
        text_2_0(&mut w, "x\u{1}y & z\r\u{FFFF}");
        assert_eq!(
            w.finish(),
            "x<cp hex=\"0001\"/>y &amp; z&#13;<cp hex=\"FFFF\"/>"
        );
        assert_eq!(text_1_2("x\u{1}y"), "xy");
    }
}
