//! XML output through quick-xml's writer, for the reports and exports that write XML (the JUnit
//! report, XLIFF export).
//!
//! The writer frames the markup (declaration, tags, attributes); the callers decide how text is
//! escaped, because their formats disagree on the corners (XLIFF 2.0 carries a character XML
//! forbids as `<cp hex="…"/>`, 1.2 and JUnit drop it; XLIFF writes line breaks in attributes as
//! references) and their outputs are compared byte for byte. Values given here are therefore
//! already escaped, built from [`quick_xml::escape`]'s functions plus the callers' own rules.
//! Layout white space is written explicitly, so the output is deterministic to the byte.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// Characters XML 1.0 cannot carry at all, not even as references.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// An XML document being written in memory.
pub struct XmlWriter {
    inner: quick_xml::Writer<Vec<u8>>,
}

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new()
    }
}

impl XmlWriter {
    pub fn new() -> XmlWriter {
        XmlWriter {
            inner: quick_xml::Writer::new(Vec::new()),
        }
    }

    fn write(&mut self, event: Event<'_>) {
        // Writing into a `Vec` cannot fail: the only error quick-xml reports is the sink's.
        let _ = self.inner.write_event(event);
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>` and a line break.
    pub fn declaration(&mut self) {
        self.write(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        self.raw("\n");
    }

    fn tag<'a>(name: &'a str, attributes: &[(&'a str, &'a str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            // The value is already escaped: the `Attribute` struct takes it as it is.
            start.push_attribute(Attribute {
                key: QName(key),
                value: Cow::Borrowed(value),
            });
        }
        start
    }

    /// `<name key="value"…>`, values already escaped.
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.write(Event::Start(Self::tag(name, attributes)));
    }

    /// `<name key="value"…/>`, values already escaped.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.write(Event::Empty(Self::tag(name, attributes)));
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) {
        self.write(Event::End(BytesEnd::new(name)));
    }

    /// Text already escaped, or layout white space.
    pub fn raw(&mut self, escaped: &str) {
        self.write(Event::Text(BytesText::from_escaped(escaped)));
    }

    /// An element holding escaped text only: `<name …>text</name>`.
    pub fn element(&mut self, name: &str, attributes: &[(&str, &str)], escaped: &str) {
        self.start(name, attributes);
        self.raw(escaped);
        self.end(name);
    }

    pub fn finish(self) -> String {
        // Every piece written was a `&str`.
        String::from_utf8(self.inner.into_inner()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_tags_as_given() {
        let mut w = XmlWriter::new();
        w.declaration();
        w.start("a", &[("x", "1&amp;2"), ("y", "")]);
        w.empty("b", &[("z", "&quot;")]);
        w.element("c", &[], "t &lt; u");
        w.end("a");
        assert_eq!(
            w.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x=\"1&amp;2\" y=\"\"><b z=\"&quot;\"/><c>t &lt; u</c></a>"
        );
    }
}
