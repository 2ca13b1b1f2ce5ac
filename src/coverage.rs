//! How much of the source a locale translates: by messages and by source words.
//!
//! A message counts as translated when the locale itself defines it with a value (a fallback
//! does not count). Words are the source text's words, so locales compare on one scale whatever
//! their script; a Chinese or Japanese source counts each CJK character as a word. Whether a
//! locale is published is [`crate::publish`]'s decision.

use crate::catalog::{EntryIndex, LocaleCatalog, PatternInfo};

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Coverage {
    /// Messages of the source (terms are not counted: they are building blocks).
    pub messages: usize,
    pub translated: usize,
    /// Words of the source messages, and of those translated.
    pub words: usize,
    pub words_translated: usize,
}

impl Coverage {
    /// Percentage of messages translated, 0..=100 (100 for an empty source).
    pub fn percent(&self) -> f64 {
        percent(self.translated, self.messages)
    }

    pub fn words_percent(&self) -> f64 {
        percent(self.words_translated, self.words)
    }

    pub fn missing(&self) -> usize {
        self.messages - self.translated
    }
}

use crate::numbers::percent;

/// The source side of coverage, computed once per run: every message with its word count.
#[derive(Debug, Clone, Default)]
pub struct SourceWords<'a> {
    /// (id, words, the source message has a value).
    messages: Vec<(&'a str, usize, bool)>,
}

impl<'a> SourceWords<'a> {
    /// The source's messages (first definitions, in file order) from its index.
    pub fn new(source: &EntryIndex<'a>) -> SourceWords<'a> {
        let messages = source
            .messages()
            .iter()
            .map(|(_, e)| {
                (
                    e.id.as_str(),
                    e.patterns().map(word_count).sum(),
                    e.value.is_some(),
                )
            })
            .collect();
        SourceWords { messages }
    }
}

/// Coverage of `target` against `source`.
pub fn coverage(source: &LocaleCatalog, target: &LocaleCatalog) -> Coverage {
    coverage_of(
        &SourceWords::new(&EntryIndex::new(source)),
        &EntryIndex::new(target),
    )
}

/// Coverage of a target's index against precomputed source words (for many locales at once).
pub fn coverage_of(source: &SourceWords<'_>, target: &EntryIndex<'_>) -> Coverage {
    // The first definition of each message counts, as it does for fluent-bundle.
    coverage_in_order(
        source,
        source
            .messages
            .iter()
            .map(|(id, ..)| target.message(id).map(|(_, e)| e.value.is_some())),
    )
}

/// Coverage given, for each source message in the order of [`SourceWords`] (the first
/// definition of each message, in file order), whether the target defines it (`None`: not at
/// all) and with a value (`Some(true)`).
pub fn coverage_in_order(
    source: &SourceWords<'_>,
    target_has_value: impl Iterator<Item = Option<bool>>,
) -> Coverage {
    let mut result = Coverage::default();
    for (&(_, words, source_has_value), target) in source.messages.iter().zip(target_has_value) {
        result.messages += 1;
        result.words += words;
        // A message made of attributes only (an input's placeholder and title) is translated
        // when the locale defines it; any other needs its value.
        let translated = match target {
            None => false,
            Some(has_value) => has_value || !source_has_value,
        };
        if translated {
            result.translated += 1;
            result.words_translated += words;
        }
    }
    result
}

/// Words of a pattern's text, placeables excluded: runs of letters or digits separated by
/// white space, each CJK character counting as one word.
pub fn word_count(pattern: &PatternInfo) -> usize {
    let mut words = 0;
    let mut depth = 0usize;
    let mut in_word = false;
    for c in pattern.text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if is_cjk(c) => {
                words += 1;
                in_word = false;
            }
            c if c.is_whitespace() => in_word = false,
            c if c.is_alphanumeric() && !in_word => {
                words += 1;
                in_word = true;
            }
            _ => {}
        }
    }
    words
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xac00..=0xd7af)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(text: &str) -> LocaleCatalog {
        LocaleCatalog::from_text("x", "a.ftl", text)
    }

    #[test]
    fn counts_messages_and_words() {
        let source = locale(
            "-brand = Acme\na = One two three\nb = Four { $x } five\n    .title = Six\nc = Seven\n",
        );
        let target = locale("a = Un deux trois\nc = Sept\nd = Obsolete\n");
        let c = coverage(&source, &target);
        assert_eq!((c.messages, c.translated, c.missing()), (3, 2, 1));
        assert_eq!((c.words, c.words_translated), (7, 4));
        assert!((c.percent() - 66.666).abs() < 0.01);
    }

    #[test]
    fn a_message_of_attributes_only_counts_once_defined() {
        let source = locale("input =\n    .placeholder = Search\n");
        assert_eq!(coverage(&source, &locale("")).translated, 0);
        let target = locale("input =\n    .placeholder = Chercher\n");
        assert_eq!(coverage(&source, &target).translated, 1);
        assert_eq!(coverage(&source, &source).percent(), 100.0);
    }

    #[test]
    fn cjk_characters_count_as_words() {
        let file = locale("a = 中国宏桥 is big\n");
        let entry = &file.files[0].entries[0];
        assert_eq!(word_count(entry.value.as_ref().unwrap()), 6);
    }
}
