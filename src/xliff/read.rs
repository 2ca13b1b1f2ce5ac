//! Reads an XLIFF file into a small element tree, refusing anything hostile.
//!
//! Translations come back from outside: the reader treats the file as untrusted. A `DOCTYPE`
//! is refused outright (XLIFF needs none, and entity declarations are how "billion laughs"
//! and external-entity attacks work), so no entity is ever defined, let alone expanded; a
//! reference to anything but the five predefined entities and character references is an
//! error; nesting is bounded. Errors carry the byte offset, turned into line:column by the
//! caller.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::export::{NAMESPACE_1_2, NAMESPACE_2_0};

/// Deeper than any XLIFF file needs; guards the stack against hostile nesting.
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The local name (`unit`), without prefix.
    pub name: String,
    /// In an XLIFF namespace, or in none (some tools omit it for 1.2).
    pub xliff: bool,
    /// Attributes by qualified name (`state`, `xml:space`), values unescaped.
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// Byte offset of the start tag.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements of the XLIFF vocabulary (others belong to extensions and are skipped).
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) if e.xliff => Some(e),
            _ => None,
        })
    }

    pub fn element(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The text of all descendants.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// A well-formedness or safety problem at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub offset: usize,
    pub message: String,
}

/// Parses `text` (UTF-8, byte-order mark allowed) into its root element.
pub fn parse_xml(text: &str) -> Result<Element, XmlError> {
    // The parser passes such characters through as text; XML 1.0 allows them nowhere (a NUL
    // would also cut the FTL file short for many tools), so the document is not well-formed.
    if let Some((offset, c)) = first_forbidden(text) {
        let name = if c == '\0' { "NUL " } else { "" };
        return Err(XmlError {
            offset,
            message: format!(
                "a raw {name}character U+{:04X}: XML 1.0 allows it nowhere in a document; remove it",
                c as u32
            ),
        });
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = NsReader::from_str(&text[bom..]);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let offset = reader.buffer_position() as usize + bom;
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace_kind(&ns), event),
            Err(e) => {
                return Err(XmlError {
                    offset: reader.error_position() as usize + bom,
                    message: format!("malformed XML: {e}"),
                });
            }
        };
        let fail = |message: String| Err(XmlError { offset, message });
        match event {
            Event::DocType(_) => {
                return fail(
                    "a DOCTYPE is not allowed: XLIFF needs none, and its entity declarations could expand without bound; remove it".into(),
                );
            }
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return fail("a second root element: an XML document has exactly one".into());
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return fail(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                let element = element(&start, namespace, offset)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = element(&start, namespace, offset)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let Some(element) = stack.pop() else {
                    return fail("an end tag without its start tag".into());
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content(), offset)?,
            Event::CData(c) => push_text(&mut stack, &c.xml10_content(), offset)?,
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if !is_forbidden(c) => c,
                        _ => {
                            return fail(format!("`&{};` is not a character XML allows", &*r));
                        }
                    }
                } else {
                    match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return fail(format!(
                                "undefined entity `&{other};` (only &amp; &lt; &gt; &quot; &apos; and character references are allowed)"
                            ));
                        }
                    }
                };
                push_text(&mut stack, &resolved.to_string(), offset)?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError {
            offset: open.offset,
            message: format!("<{}> is never closed", open.name),
        });
    }
    root.ok_or_else(|| XmlError {
        offset: bom,
        message: "no root element: the file is empty or not XML".into(),
    })
}

/// Whether an element's namespace is XLIFF's (or none); `Err` for an undeclared prefix.
fn namespace_kind(ns: &ResolveResult) -> Result<bool, String> {
    match ns {
        ResolveResult::Unbound => Ok(true),
        ResolveResult::Bound(ns) => Ok(ns.0 == NAMESPACE_2_0 || ns.0 == NAMESPACE_1_2),
        ResolveResult::Unknown(prefix) => Err(format!("undeclared namespace prefix `{prefix}`")),
    }
}

fn element(
    start: &BytesStart,
    namespace: Result<bool, String>,
    offset: usize,
) -> Result<Element, XmlError> {
    let fail = |message: String| XmlError { offset, message };
    let xliff = namespace.map_err(fail)?;
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| fail(format!("malformed attribute: {e}")))?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| {
                fail(format!(
                    "attribute `{}`: {e} (only &amp; &lt; &gt; &quot; &apos; and character references are allowed)",
                    attribute.key.as_ref()
                ))
            })?;
        attributes.push((attribute.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(Element {
        name: start.local_name().as_ref().to_string(),
        xliff,
        attributes,
        children: Vec::new(),
        offset,
    })
}

fn push_text(stack: &mut [Element], text: &str, offset: usize) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(last)) = parent.children.last_mut() {
                last.push_str(text);
            } else {
                parent.children.push(Node::Text(text.to_string()));
            }
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(XmlError {
            offset,
            message: "text outside the root element".into(),
        }),
    }
}

/// The first character of `text` that [`is_forbidden`], and its byte offset.
///
/// It runs over every byte of files up to 10 MiB, so it searches with `memchr` (a dozen
/// vectorized passes, each over the text before the best hit so far) rather than char by char,
/// which added 0.5-0.8 s to the import of a 9 MiB file in a debug build.
fn first_forbidden(text: &str) -> Option<(usize, char)> {
    /// The forbidden characters below U+0020: one byte each in UTF-8.
    const CONTROLS: &[u8] = &[
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11,
        0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
    ];
    let bytes = text.as_bytes();
    let mut best = bytes.len();
    for group in CONTROLS.chunks(3) {
        let hay = &bytes[..best];
        let hit = match *group {
            [a, b, c] => memchr::memchr3(a, b, c, hay),
            [a, b] => memchr::memchr2(a, b, hay),
            [a] => memchr::memchr(a, hay),
            _ => None,
        };
        best = hit.unwrap_or(best);
    }
    for nonchar in ["\u{fffe}", "\u{ffff}"] {
        best = memchr::memmem::find(&bytes[..best], nonchar.as_bytes()).unwrap_or(best);
    }
    let c = text[best..].chars().next()?;
    Some((best, c))
}

fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_text_references_and_namespaces() {
        let xml = "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:m=\"urn:x\" a=\"1&amp;2&#10;\">\n<m:ext/><unit>a &lt;b&gt; &#x4E2D;<![CDATA[<raw>]]></unit></xliff>";
        let root = parse_xml(xml).unwrap();
        assert_eq!(root.name, "xliff");
        assert_eq!(root.attribute("a"), Some("1&2\n"));
        assert_eq!(
            root.elements().count(),
            1,
            "the extension element is skipped"
        );
        assert_eq!(root.element("unit").unwrap().text(), "a <b> 中<raw>");
    }

    #[test]
    fn hostile_documents_are_refused_without_expansion() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>\n<xliff>&lol2;</xliff>";
        let err = parse_xml(laughs).unwrap_err();
        assert!(err.message.contains("DOCTYPE"), "{err:?}");
        assert_eq!(err.offset, laughs.find("<!DOCTYPE").unwrap());
        let undefined = "<xliff>&xxe;</xliff>";
        assert!(
            parse_xml(undefined)
                .unwrap_err()
                .message
                .contains("undefined entity")
        );
        let in_attribute = "<xliff a=\"&xxe;\"/>";
        assert!(parse_xml(in_attribute).is_err());
        let deep = format!("{}{}", "<a>".repeat(200), "</a>".repeat(200));
        assert!(parse_xml(&deep).unwrap_err().message.contains("deeper"));
    }

    #[test]
    fn raw_characters_xml_forbids_are_refused_where_they_are() {
        for (xml, code) in [
            ("<xliff>\n  <unit>a\u{0}b</unit></xliff>", "U+0000"),
            ("<xliff a=\"\u{0}\"/>", "U+0000"),
            ("<xliff><!-- \u{1} --></xliff>", "U+0001"),
            ("<xliff>\u{ffff}</xliff>", "U+FFFF"),
        ] {
            let err = parse_xml(xml).unwrap_err();
            assert!(err.message.contains(code), "{err:?}");
            assert_eq!(err.offset, xml.find(|c: char| is_forbidden(c)).unwrap());
        }
        assert!(
            parse_xml("<xliff>\u{0}</xliff>")
                .unwrap_err()
                .message
                .contains("raw NUL character")
        );
        // Tabs, line breaks and carriage returns are ordinary whitespace.
        assert!(parse_xml("<xliff>\t\r\n</xliff>").is_ok());
        // The fast search finds exactly what the definition forbids, and the first of them.
        // Every one-, two- and three-byte character near the forbidden ones, and the last ones.
        let near = (0..0x1000)
            .chain(0xE000..=0xFFFF)
            .chain([0x10000, 0x10FFFF]);
        for c in near.filter_map(char::from_u32) {
            let text = format!("a\u{fffd}{c}b\u{1}");
            let expected = if is_forbidden(c) {
                (4, c)
            } else {
                (4 + c.len_utf8() + 1, '\u{1}')
            };
            assert_eq!(first_forbidden(&text), Some(expected), "{:04X}", c as u32);
        }
        assert_eq!(first_forbidden("plain \u{ffef}\u{fffd} text\t\r\n"), None);
    }

    #[test]
    fn malformed_documents_point_at_the_problem() {
        let err = parse_xml("<xliff>\n  <unit></file>\n</xliff>").unwrap_err();
        assert!(err.message.starts_with("malformed XML"), "{err:?}");
        assert!(err.offset > 8, "{err:?}");
        assert!(parse_xml("").is_err());
        assert!(parse_xml("<a/><b/>").is_err());
        assert!(
            parse_xml("<a>")
                .unwrap_err()
                .message
                .contains("never closed")
        );
    }
}
