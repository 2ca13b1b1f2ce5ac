//! The shared vocabulary of problems found in translations: [`Severity`], the rule [`Code`]s and
//! the [`Diagnostic`] itself. It sits low in the pipeline so that the configuration (severity
//! settings name codes), `check`, `serve` and the editor integration speak of problems the same
//! way without importing each other.

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is. Errors fail `check`; warnings fail it under `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $description:literal;)*) => {
        /// The rules, each with a stable kebab-case code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity before configuration (missing messages become errors in locales
            /// marked `complete`).
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the rule finds.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description,)* }
            }
        }

        impl std::str::FromStr for Code {
            type Err = ();
            fn from_str(s: &str) -> Result<Code, ()> {
                match s { $($name => Ok(Code::$variant),)* _ => Err(()) }
            }
        }
    };
}

codes! {
    SyntaxError => "syntax-error", Error, "The parser could not read an entry (Junk).";
    UnreadableFile => "unreadable-file", Error, "A locale file is not UTF-8 text or not a regular file; its messages are not read.";
    DuplicateId => "duplicate-id", Error, "A message or term is defined twice in one locale.";
    DuplicateAttribute => "duplicate-attribute", Warning, "An attribute is defined twice in one message or term.";
    DuplicateVariantKey => "duplicate-variant-key", Warning, "A variant key appears twice in one select expression.";
    MissingFile => "missing-file", Warning, "A source file has no counterpart in the locale.";
    ObsoleteFile => "obsolete-file", Warning, "A locale file has no counterpart in the source.";
    UnusedFolder => "unused-folder", Warning, "A folder under the locales folder is no configured locale's; its files are not checked.";
    MissingMessage => "missing-message", Warning, "A source message is not translated.";
    ObsoleteMessage => "obsolete-message", Warning, "A translated message no longer exists in the source.";
    MissingValue => "missing-value", Error, "The source message has a value and the translation has none.";
    ObsoleteValue => "obsolete-value", Warning, "The translation has a value and the source message has none.";
    MissingAttribute => "missing-attribute", Error, "A source attribute is not translated.";
    ObsoleteAttribute => "obsolete-attribute", Warning, "A translated attribute no longer exists in the source.";
    UnknownVariable => "unknown-variable", Error, "The translation uses a variable the source never uses.";
    DroppedVariable => "dropped-variable", Warning, "The source shows a variable that no variant of the translation shows.";
    InvalidPluralCategory => "invalid-plural-category", Error, "A plural variant key is not a CLDR category of the locale.";
    MissingPluralCategory => "missing-plural-category", Warning, "A plural selection lacks a CLDR category the locale uses.";
    UnknownReference => "unknown-reference", Error, "A message, term or attribute reference is not defined in the locale.";
    DroppedReference => "dropped-reference", Warning, "The source references a message or term the translation does not.";
    AddedReference => "added-reference", Warning, "The translation references a message or term the source does not.";
    ChangedReference => "changed-reference", Warning, "The translation references another message, term or attribute than the source.";
    FormatError => "format-error", Error, "Formatting the message with fluent-bundle gives a resolver error.";
    MarkupMismatch => "markup-mismatch", Warning, "The inline markup (links, emphasis, code) differs from the source.";
    MarkupTooDeep => "markup-too-deep", Warning, "Inline markup nests deeper than exports render; the deeper spans show as text.";
    BrokenLink => "broken-link", Error, "An internal link (`@/page.md#anchor`) names a page or heading that does not exist.";
    IdenticalToSource => "identical-to-source", Warning, "The translation equals the source text.";
    EmptyTranslation => "empty-translation", Error, "A value or attribute shows nothing: empty, whitespace, or only `{ \"\" }` literals, where the source shows something.";
    StaleTranslation => "stale-translation", Warning, "The source changed since the translation was last edited.";
    GlossaryMismatch => "glossary-mismatch", Warning, "A glossary term lacks its required rendering.";
    CoverageBelowThreshold => "coverage-below-threshold", Error, "The locale translates less than its minimum coverage.";
}

impl Code {
    /// The code `text` was most likely meant to be: two edits away at most
    /// (`missing-mesage` → `missing-message`).
    pub fn closest(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .map(|c| (crate::languages::edit_distance(text, c.as_str()), *c))
            .filter(|(distance, _)| *distance <= 2)
            .min()
            .map(|(_, c)| c)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse()
            .map_err(|()| serde::de::Error::custom(format!("unknown check code `{s}`")))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub locale: String,
    /// Relative to the project root, `/`-separated.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message_id: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// The locale's file the problem counts against when `file` is elsewhere: a missing
    /// message is located at its source definition (the text to translate), but CI reports
    /// (JUnit, GitHub, SARIF) file it under the locale's file that should hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale_file: Option<String>,
    /// Characters to underline from `column` (for the caret in human output).
    #[serde(skip)]
    pub width: usize,
    /// The text of the line pointed at, when it is a line of a locale file (for the human
    /// output's snippet; the files themselves are gone by the time the report is rendered).
    #[serde(skip)]
    pub source_line: Option<String>,
}

/// Whether `c` must not reach a terminal or log raw: C0 controls (ESC starts terminal escape
/// sequences, BEL rings, CR rewrites the line), DEL, C1 controls (CSI is a one-byte ESC `[`),
/// and the bidirectional overrides and isolates that reorder what the reader sees. A tab is
/// kept: it is white space, not a command.
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [`is_unsafe_control`] character written as a visible `\u{1b}` escape, so
/// a hostile translation cannot drive the terminal (or the CI log) that shows a diagnostic.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with every [`is_unsafe_control`] character replaced by one visible character (C0
/// and DEL by their Unicode control pictures, `␛` for ESC; the others by `�`), so that columns
/// still count as in the file: for a source line shown under a caret.
pub fn picture_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            _ if !is_unsafe_control(c) => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ => '\u{fffd}',
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every control character a terminal acts on comes out as visible text; tabs and
    /// ordinary text pass as they are.
    #[test]
    fn control_characters_are_escaped_visibly() {
        assert_eq!(
            escape_controls("a\u{7}b\u{7f}c\u{9b}d\re\u{1b}[31m\u{202e}f\tg\nh"),
            "a\\u{7}b\\u{7f}c\\u{9b}d\\u{d}e\\u{1b}[31m\\u{202e}f\tg\\u{a}h"
        );
        assert!(matches!(
            escape_controls("plain é 中"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// The guide's rule table lists every code, in the code's order, with its default severity,
    /// and nothing else, each row with its anchor: the two cannot drift apart.
    #[test]
    fn the_guides_rule_table_lists_every_code_with_its_default_severity() {
        let guide = include_str!("../docs/src/checking.md");
        let table = guide
            .split_once("| code | default | finds |\n|---|---|---|\n")
            .expect("the rule table in docs/src/checking.md")
            .1;
        let rows: Vec<(&str, &str)> = table
            .lines()
            .take_while(|line| line.starts_with('|'))
            .map(|line| {
                let cells: Vec<&str> = line.split(" | ").collect();
                // Each row opens with its anchor (`<a id="rule-CODE"></a>`), which the
                // language server's diagnostics link to; it must name the row's code.
                let (anchor, code) = cells[0]
                    .trim_start_matches("| ")
                    .split_once("</a>")
                    .expect("an anchor before the code");
                let code = code.trim_matches('`');
                assert_eq!(anchor, format!("<a id=\"rule-{code}\">"), "{line}");
                (code, cells[1])
            })
            .collect();
        let codes: Vec<(&str, &str)> = Code::ALL
            .iter()
            .map(|code| (code.as_str(), code.default_severity().as_str()))
            .collect();
        assert_eq!(rows, codes);
    }
}
