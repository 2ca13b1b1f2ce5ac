//! What the cursor is on in an FTL buffer: the definition of a message or term, a reference to
//! one, a `$variable`, or a place to complete (a new entry, a variable, a term, a variant key).
//! Read from the text around the cursor and the parsed file's spans, never from a second parser.

use crate::catalog::{CatalogFile, Entry, EntryKind};

/// What is under (or just before) the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The identifier of the entry being defined (`hello` in `hello = Hi`).
    Definition { kind: EntryKind, id: String },
    /// A message or term named inside a placeable (`{ -brand }`, `{ menu.label }`).
    Reference {
        kind: EntryKind,
        id: String,
        attribute: Option<String>,
    },
    /// `$name` inside the entry `entry`.
    Variable { entry: String, name: String },
}

/// Where completion was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// At the start of a line, typing an identifier: a new entry.
    NewEntry { typed: String },
    /// After `$` inside a placeable of entry `entry`.
    Variable { entry: String },
    /// After `-` inside a placeable.
    Term,
    /// Inside `[` of a variant key of entry `entry`.
    VariantKey { entry: String },
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The entry whose span holds `offset` (its last line's end included).
pub fn entry_at(file: &CatalogFile, offset: usize) -> Option<&Entry> {
    file.entries
        .iter()
        .find(|e| e.span.start <= offset && offset <= e.span.end)
}

/// Whether `offset` is inside a placeable of the entry: more `{` than `}` between the entry's
/// start and the cursor (string literals with braces are rare enough to ignore).
fn in_placeable(text: &str, entry: &Entry, offset: usize) -> bool {
    let Some(before) = text.get(entry.span.start..offset) else {
        return false;
    };
    let open = before.matches('{').count();
    let close = before.matches('}').count();
    open > close
}

/// The token under the cursor, for hover and go to definition.
pub fn target_at(file: &CatalogFile, offset: usize) -> Option<Target> {
    let text = &file.text;
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_ident(c) || c == '.')
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !(is_ident(c) || c == '.'))
        .map_or(text.len(), |(i, _)| offset + i);
    if start == end {
        return None;
    }
    let word = &text[start..end];
    let entry = entry_at(file, offset)?;
    if start == entry.id_span.start {
        return Some(Target::Definition {
            kind: entry.kind,
            id: entry.id.to_string(),
        });
    }
    if !in_placeable(text, entry, offset) {
        return None;
    }
    if text[..start].ends_with('$') {
        return Some(Target::Variable {
            entry: entry.id.to_string(),
            name: word.split('.').next().unwrap_or(word).to_string(),
        });
    }
    let (kind, name) = match word.strip_prefix('-') {
        Some(term) => (EntryKind::Term, term),
        None => (EntryKind::Message, word),
    };
    let (id, attribute) = match name.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute.to_string())),
        None => (name, None),
    };
    // Function names (`NUMBER`) and variant keys are not references.
    let after = text[end..].trim_start();
    if id.is_empty() || after.starts_with('(') || text[..start].ends_with('[') {
        return None;
    }
    Some(Target::Reference {
        kind,
        id: id.to_string(),
        attribute,
    })
}

/// What to complete at `offset`.
pub fn slot_at(file: &CatalogFile, offset: usize) -> Option<Slot> {
    let text = &file.text;
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    if line.chars().all(is_ident) && !line.starts_with('-') {
        return Some(Slot::NewEntry {
            typed: line.to_string(),
        });
    }
    let typed_start = line
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
        .last()
        .map_or(line.len(), |(i, _)| i);
    let before = &line[..typed_start];
    // The entry the cursor is in, read from the text: what is being typed may not parse yet.
    let entry = entry_id_above(text, line_start)?;
    let trimmed = before.trim_start();
    if trimmed == "[" || trimmed == "*[" {
        return Some(Slot::VariantKey { entry });
    }
    if before.ends_with('$') {
        return Some(Slot::Variable { entry });
    }
    if before.ends_with('-') && before[..before.len() - 1].trim_end().ends_with('{') {
        return Some(Slot::Term);
    }
    None
}

/// The id of the entry whose definition starts on the line at `line_start` or the nearest line
/// above starting with an identifier (a term's without its `-`).
fn entry_id_above(text: &str, line_start: usize) -> Option<String> {
    let mut end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end];
        if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-') {
            let id: String = line.chars().take_while(|&c| is_ident(c)).collect();
            return Some(id.trim_start_matches('-').to_string());
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::parse_file;

    fn file(text: &str) -> CatalogFile {
        parse_file("x.ftl".into(), "x.ftl".into(), text.to_string())
    }

    #[test]
    fn targets_under_the_cursor() {
        let text = "-brand = Acme\nhello = 😀 { -brand } { $name } { menu.label } { NUMBER($n) }\n";
        let f = file(text);
        let at = |needle: &str| target_at(&f, text.find(needle).unwrap() + 1);
        assert_eq!(
            at("ello"),
            Some(Target::Definition {
                kind: EntryKind::Message,
                id: "hello".into()
            })
        );
        assert_eq!(
            at("brand }"),
            Some(Target::Reference {
                kind: EntryKind::Term,
                id: "brand".into(),
                attribute: None
            })
        );
        assert_eq!(
            at("name"),
            Some(Target::Variable {
                entry: "hello".into(),
                name: "name".into()
            })
        );
        assert_eq!(
            at("menu"),
            Some(Target::Reference {
                kind: EntryKind::Message,
                id: "menu".into(),
                attribute: Some("label".into())
            })
        );
        assert_eq!(at("UMBER"), None);
    }

    #[test]
    fn completion_slots() {
        let text = "hello = { $n ->\n    [one] One\n   *[\n}\nx = { $\nbye = { -\nne";
        let f = file(text);
        assert_eq!(
            slot_at(&f, text.len()),
            Some(Slot::NewEntry { typed: "ne".into() })
        );
        assert_eq!(
            slot_at(&f, text.find("*[").unwrap() + 2),
            Some(Slot::VariantKey {
                entry: "hello".into()
            })
        );
        assert_eq!(
            slot_at(&f, text.find("{ $\n").unwrap() + 3),
            Some(Slot::Variable { entry: "x".into() })
        );
        assert_eq!(slot_at(&f, text.find("{ -").unwrap() + 3), Some(Slot::Term));
    }
}
