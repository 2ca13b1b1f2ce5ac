//! Phase 1 of an import, read: the parsed XML → a version-neutral [`Document`] (languages,
//! each `<file original>`, and every unit's id, source and target as [`Token`]s: text and
//! codes with the FTL the file gives them), or the problems that make it unreadable as XLIFF.

use std::collections::HashMap;

use crate::config::Project;
use crate::xliff::read::{Element, Node};

pub(super) struct Document {
    pub(super) source_lang: Option<String>,
    pub(super) target_lang: Option<String>,
    /// The name of the attribute giving the target language (`trgLang`, `target-language`).
    pub(super) target_attribute: &'static str,
    /// Each `<file>`'s offset and `original`, which remembers the exported locale.
    pub(super) originals: Vec<(usize, String)>,
    pub(super) units: Vec<RawUnit>,
}

pub(super) struct RawUnit {
    pub(super) id: String,
    pub(super) offset: usize,
    pub(super) source: Vec<Token>,
    pub(super) target: Option<Vec<Token>>,
    /// The translator confirmed it (2.0 state translated, reviewed or final; 1.2 translated,
    /// final, signed-off or approved).
    pub(super) confirmed: bool,
}

/// Inline content with each code's FTL as the file gives it (`None`: only its id).
#[derive(Debug, Clone)]
pub(super) enum Token {
    Text(String),
    Ph {
        id: Option<String>,
        ftl: Option<String>,
    },
    Open {
        id: Option<String>,
        ftl: Option<String>,
    },
    Close {
        id: Option<String>,
        ftl: Option<String>,
    },
}

pub(super) type Problems = Vec<(usize, Option<String>, String)>;

pub(super) fn interpret(root: &Element) -> Result<Document, Problems> {
    if root.name != "xliff" || !root.xliff {
        return Err(vec![(
            root.offset,
            None,
            format!(
                "not an XLIFF document (the root element is <{}>)",
                root.name
            ),
        )]);
    }
    let version = root.attribute("version").unwrap_or("");
    let mut problems = Vec::new();
    let mut document = Document {
        source_lang: None,
        target_lang: None,
        target_attribute: "trgLang",
        originals: root
            .elements()
            .filter(|e| e.name == "file")
            .filter_map(|e| Some((e.offset, e.attribute("original")?.to_string())))
            .collect(),
        units: Vec::new(),
    };
    if version.starts_with('2') {
        document.source_lang = root.attribute("srcLang").map(str::to_string);
        document.target_lang = root.attribute("trgLang").map(str::to_string);
        for file in root.elements().filter(|e| e.name == "file") {
            units_2_0(file, &mut document.units, &mut problems);
        }
    } else if matches!(version, "1.2" | "1.1" | "1.0") {
        document.target_attribute = "target-language";
        for file in root.elements().filter(|e| e.name == "file") {
            for (name, slot) in [
                ("source-language", &mut document.source_lang),
                ("target-language", &mut document.target_lang),
            ] {
                let value = file.attribute(name).map(str::to_string);
                if slot.is_some() && value.is_some() && *slot != value {
                    problems.push((
                        file.offset,
                        None,
                        format!("the files disagree on `{name}`; import one locale at a time"),
                    ));
                }
                if slot.is_none() {
                    *slot = value;
                }
            }
            if let Some(body) = file.element("body") {
                units_1_2(body, &mut document.units, &mut problems);
            }
        }
    } else {
        problems.push((
            root.offset,
            None,
            format!("unsupported XLIFF version `{version}` (fluentpress reads 2.x and 1.2)"),
        ));
    }
    if problems.is_empty() {
        Ok(document)
    } else {
        Err(problems)
    }
}

fn units_2_0(container: &Element, out: &mut Vec<RawUnit>, problems: &mut Problems) {
    for element in container.elements() {
        match element.name.as_str() {
            "group" => units_2_0(element, out, problems),
            "unit" => {
                let Some(id) = element.attribute("id") else {
                    problems.push((element.offset, None, "a <unit> without `id`".into()));
                    continue;
                };
                let data: HashMap<&str, String> = element
                    .element("originalData")
                    .into_iter()
                    .flat_map(|d| d.elements().filter(|e| e.name == "data"))
                    .filter_map(|d| Some((d.attribute("id")?, text_with_cp(d))))
                    .collect();
                let mut source = Vec::new();
                let mut targets: Vec<Option<Vec<Token>>> = Vec::new();
                let mut confirmed = true;
                for part in element.elements() {
                    let ignorable = match part.name.as_str() {
                        "segment" => false,
                        "ignorable" => true,
                        _ => continue,
                    };
                    if !ignorable {
                        let state = part.attribute("state").unwrap_or("initial");
                        confirmed &= matches!(state, "translated" | "reviewed" | "final");
                    }
                    let mut inline = |name: &str| -> Option<Vec<Token>> {
                        let e = part.element(name)?;
                        let mut tokens = Vec::new();
                        match tokens_2_0(e, &data, &mut tokens) {
                            Ok(()) => Some(tokens),
                            Err((offset, message)) => {
                                problems.push((offset, Some(id.to_string()), message));
                                None
                            }
                        }
                    };
                    let segment_source = inline("source").unwrap_or_default();
                    let segment_target = inline("target");
                    targets.push(match (ignorable, segment_target) {
                        (true, None) => Some(segment_source.clone()),
                        (_, t) => t,
                    });
                    source.extend(segment_source);
                }
                let target = targets
                    .iter()
                    .any(Option::is_some)
                    .then(|| targets.into_iter().flatten().flatten().collect());
                out.push(RawUnit {
                    id: id.to_string(),
                    offset: element.offset,
                    source,
                    target,
                    confirmed,
                });
            }
            _ => {}
        }
    }
}

fn text_with_cp(element: &Element) -> String {
    let mut out = String::new();
    for child in &element.children {
        match child {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name == "cp" => out.extend(cp_char(e)),
            Node::Element(_) => {}
        }
    }
    out
}

fn cp_char(e: &Element) -> Option<char> {
    e.attribute("hex")
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32)
}

fn tokens_2_0(
    element: &Element,
    data: &HashMap<&str, String>,
    out: &mut Vec<Token>,
) -> Result<(), (usize, String)> {
    let attr = |e: &Element, name: &str| e.attribute(name).map(str::to_string);
    let data_of = |e: &Element, name: &str| e.attribute(name).and_then(|r| data.get(r)).cloned();
    for child in &element.children {
        let e = match child {
            Node::Text(t) => {
                push_text(out, t);
                continue;
            }
            Node::Element(e) => e,
        };
        if !e.xliff {
            return Err((
                e.offset,
                format!("unexpected <{}> in <{}>", e.name, element.name),
            ));
        }
        match e.name.as_str() {
            "cp" => {
                if let Some(c) = cp_char(e) {
                    push_text(out, &c.to_string());
                }
            }
            "ph" => out.push(Token::Ph {
                id: attr(e, "id"),
                ftl: data_of(e, "dataRef"),
            }),
            "pc" => {
                out.push(Token::Open {
                    id: attr(e, "id"),
                    ftl: data_of(e, "dataRefStart"),
                });
                tokens_2_0(e, data, out)?;
                out.push(Token::Close {
                    id: attr(e, "id"),
                    ftl: data_of(e, "dataRefEnd"),
                });
            }
            "sc" => out.push(Token::Open {
                id: attr(e, "id"),
                ftl: data_of(e, "dataRef"),
            }),
            "ec" => out.push(Token::Close {
                id: attr(e, "startRef").or_else(|| attr(e, "id")),
                ftl: data_of(e, "dataRef"),
            }),
            "mrk" => tokens_2_0(e, data, out)?,
            "sm" | "em" => {}
            other => {
                return Err((
                    e.offset,
                    format!("unexpected <{other}> in <{}>", element.name),
                ));
            }
        }
    }
    Ok(())
}

fn units_1_2(container: &Element, out: &mut Vec<RawUnit>, problems: &mut Problems) {
    for element in container.elements() {
        match element.name.as_str() {
            "group" => units_1_2(element, out, problems),
            "trans-unit" => {
                let Some(id) = element.attribute("id") else {
                    problems.push((element.offset, None, "a <trans-unit> without `id`".into()));
                    continue;
                };
                let mut inline = |name: &str| -> Option<Vec<Token>> {
                    let e = element.element(name)?;
                    let mut tokens = Vec::new();
                    match tokens_1_2(e, &mut tokens) {
                        Ok(()) => Some(tokens),
                        Err((offset, message)) => {
                            problems.push((offset, Some(id.to_string()), message));
                            None
                        }
                    }
                };
                let source = inline("source").unwrap_or_default();
                let target = inline("target");
                let state = element
                    .element("target")
                    .and_then(|t| t.attribute("state"))
                    .unwrap_or("");
                let confirmed = element.attribute("approved") == Some("yes")
                    || matches!(state, "translated" | "final" | "signed-off");
                out.push(RawUnit {
                    id: id.to_string(),
                    offset: element.offset,
                    source,
                    target,
                    confirmed,
                });
            }
            _ => {}
        }
    }
}

fn tokens_1_2(element: &Element, out: &mut Vec<Token>) -> Result<(), (usize, String)> {
    let attr = |e: &Element, name: &str| e.attribute(name).map(str::to_string);
    for child in &element.children {
        let e = match child {
            Node::Text(t) => {
                push_text(out, t);
                continue;
            }
            Node::Element(e) => e,
        };
        if !e.xliff {
            return Err((
                e.offset,
                format!("unexpected <{}> in <{}>", e.name, element.name),
            ));
        }
        match e.name.as_str() {
            "x" => out.push(Token::Ph {
                id: attr(e, "id"),
                ftl: attr(e, "equiv-text"),
            }),
            "g" => {
                out.push(Token::Open {
                    id: attr(e, "id"),
                    ftl: None,
                });
                tokens_1_2(e, out)?;
                out.push(Token::Close {
                    id: attr(e, "id"),
                    ftl: None,
                });
            }
            "bx" => out.push(Token::Open {
                id: attr(e, "rid").or_else(|| attr(e, "id")),
                ftl: None,
            }),
            "ex" => out.push(Token::Close {
                id: attr(e, "rid").or_else(|| attr(e, "id")),
                ftl: None,
            }),
            "mrk" => tokens_1_2(e, out)?,
            other => {
                return Err((
                    e.offset,
                    format!(
                        "unsupported <{other}> in <{}> (fluentpress writes codes as <x> and <g>)",
                        element.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn push_text(out: &mut Vec<Token>, text: &str) {
    if let Some(Token::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Token::Text(text.to_string()));
    }
}

pub(super) fn is_blank(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .all(|t| matches!(t, Token::Text(s) if s.trim().is_empty()))
}

/// The configured target locale the document is for.
pub(super) fn target_locale(project: &Project, document: &Document) -> Result<String, String> {
    let source = &project.source_locale().tag;
    let configured = project
        .target_locales()
        .iter()
        .map(|l| l.tag.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(lang) = &document.source_lang
        && !lang.eq_ignore_ascii_case(source)
    {
        return Err(format!(
            "the file's source language is `{lang}`, the project's is `{source}`"
        ));
    }
    let Some(lang) = &document.target_lang else {
        return Err(format!(
            "the file names no target language (trgLang / target-language); configured locales: {configured}"
        ));
    };
    if lang.eq_ignore_ascii_case(source) {
        return Err(format!(
            "the target language `{lang}` is the source locale; import translations into a target locale ({configured})"
        ));
    }
    project
        .target_locales()
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(lang))
        .map(|l| l.tag.clone())
        .ok_or_else(|| {
            format!(
                "the target language `{lang}` is not a configured locale (configured: {configured})"
            )
        })
}

/// Where and why the file was exported for another configured locale than its target language
/// now says: a translator's tool (or a hand edit) relabelled the French file as Canadian
/// French, say. Imported, the translations would land in the wrong locale, with its plural
/// categories unchecked. Files exported before fluentpress remembered the locale (their
/// `original` names no configured locale) are not refused.
pub(super) fn relabelled(
    project: &Project,
    document: &Document,
    tag: &str,
) -> Option<(usize, String)> {
    document.originals.iter().find_map(|(offset, original)| {
        let remembered = crate::xliff::export::original_locale(original)?;
        let exported = project
            .target_locales()
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(remembered))?;
        (exported.tag != tag).then(|| {
            (
                *offset,
                format!(
                    "the file was exported for `{exported}` (original=\"{original}\"), but its target language ({attribute}) now says `{tag}`; import it as {exported} by restoring {attribute}=\"{exported}\", or export {tag} and translate that file",
                    exported = exported.tag,
                    attribute = document.target_attribute,
                ),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::read::parse_xml;

    fn document(xml: &str) -> Result<Document, Problems> {
        interpret(&parse_xml(xml).expect("well-formed XML"))
    }

    #[test]
    fn a_2_0_file_reads_as_units_with_codes_and_states() {
        let doc = document(concat!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" trgLang=\"fr\">",
            "<file id=\"f1\" original=\"fr/ui.ftl\"><unit id=\"hello\">",
            "<originalData><data id=\"d1\">{ $name }</data></originalData>",
            "<segment state=\"translated\"><source>Hi <ph id=\"1\" dataRef=\"d1\"/>!</source>",
            "<target>Salut <ph id=\"1\" dataRef=\"d1\"/>\u{a0}!</target></segment></unit>",
            "<unit id=\"bye\"><segment state=\"initial\"><source>Bye</source><target/></segment></unit>",
            "</file></xliff>"
        ))
        .unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(doc.source_lang.as_deref(), Some("en-US"));
        assert_eq!(doc.target_lang.as_deref(), Some("fr"));
        assert_eq!(doc.target_attribute, "trgLang");
        assert_eq!(doc.originals.len(), 1);
        assert_eq!(doc.originals[0].1, "fr/ui.ftl");
        let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["hello", "bye"]);
        let hello = &doc.units[0];
        assert!(hello.confirmed);
        let target = format!("{:?}", hello.target.as_ref().expect("a target"));
        assert!(
            target.contains("Salut") && target.contains("{ $name }"),
            "{target}"
        );
        let bye = &doc.units[1];
        assert!(!bye.confirmed);
        assert!(bye.target.as_deref().is_none_or(is_blank));
    }

    #[test]
    fn a_1_2_file_reads_as_units_too() {
        let doc = document(concat!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">",
            "<file original=\"de/ui.ftl\" source-language=\"en-US\" target-language=\"de\" datatype=\"plaintext\"><body>",
            "<trans-unit id=\"hello\"><source>Hi <x id=\"1\" equiv-text=\"{ $name }\"/></source>",
            "<target state=\"needs-review-translation\">Hallo <x id=\"1\" equiv-text=\"{ $name }\"/></target></trans-unit>",
            "</body></file></xliff>"
        ))
        .unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(doc.target_lang.as_deref(), Some("de"));
        assert_eq!(doc.target_attribute, "target-language");
        assert_eq!(doc.units.len(), 1);
        assert!(!doc.units[0].confirmed, "needs review is not confirmed");
    }

    #[test]
    fn another_root_is_refused_where_it_starts() {
        let Err(problems) = document("<html><body/></html>") else {
            panic!("accepted")
        };
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].2.contains("not an XLIFF document"),
            "{problems:?}"
        );
    }
}
