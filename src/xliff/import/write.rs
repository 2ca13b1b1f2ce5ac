//! Phase 4 of an import, write: the rebuilt patterns → edits of the locale's FTL files
//! ([`plan_edits`]). A changed value or attribute replaces exactly its own lines, a new
//! attribute goes after the preceding one, a new message after the preceding source message
//! present in the file (with its comment); [`FilePlan::apply`] keeps every other byte and the
//! file's line ends.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::catalog::{CatalogFile, Entry, EntryKind, LocaleCatalog};
use crate::config::Project;
use crate::xliff::units::{LocaleUnits, PatternUnits};

struct Edit {
    start: usize,
    end: usize,
    text: String,
    seq: usize,
    /// A new message: keep a blank line between it and an entry that follows directly.
    blank_after: bool,
}

pub(super) struct FilePlan {
    pub(super) path: PathBuf,
    pub(super) relative: String,
    pub(super) original: Option<CatalogFile>,
    edits: Vec<Edit>,
    /// Whole new messages for a file that does not exist yet.
    pub(super) appended: Vec<String>,
    pub(super) changed: Vec<String>,
    pub(super) added: Vec<String>,
}

impl FilePlan {
    pub(super) fn apply(&self) -> String {
        let Some(original) = &self.original else {
            return self.appended.join("\n");
        };
        let text = &original.text;
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| (e.start, e.end > e.start, e.seq));
        let crlf = text.contains("\r\n");
        let mut out = String::with_capacity(text.len() + 256);
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut cursor = 0;
        for (i, edit) in edits.iter().enumerate() {
            out.push_str(&text[cursor..edit.start.max(cursor)]);
            out.push_str(&edit.text.replace('\n', newline));
            cursor = cursor.max(edit.end);
            // The last insertion here (a replacement may start at the same point).
            let last_here = edits
                .get(i + 1)
                .is_none_or(|next| next.start != edit.start || next.end > next.start);
            let follows = &text[cursor..];
            if edit.blank_after
                && last_here
                && !follows.is_empty()
                && !follows.starts_with(['\n', '\r'])
            {
                out.push_str(newline);
            }
        }
        out.push_str(&text[cursor..]);
        out
    }
}

/// Where each entry of a file begins: its attached `#` comment, else its identifier.
fn comment_start(text: &str, entry: &Entry) -> usize {
    let mut pos = entry.span.start;
    while pos > 0 {
        let line_start = text[..pos - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..pos].trim_end_matches(['\n', '\r']);
        if line == "#" || (line.starts_with("# ")) {
            pos = line_start;
        } else {
            break;
        }
    }
    pos
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn comment_lines(comment: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(comment) = comment {
        for line in comment.split('\n') {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn entry_key(kind: EntryKind, id: &str) -> String {
    match kind {
        EntryKind::Message => id.to_string(),
        EntryKind::Term => format!("-{id}"),
    }
}

/// Turns the rebuilt patterns into edits of the locale's files, in source order.
pub(super) fn plan_edits(
    project: &Project,
    units: &LocaleUnits,
    rebuilt: &BTreeMap<(usize, usize), String>,
    target: &LocaleCatalog,
    tag: &str,
) -> Vec<FilePlan> {
    let mut located: HashMap<(EntryKind, &str), (usize, &Entry)> = HashMap::new();
    for (index, file) in target.files.iter().enumerate() {
        for entry in &file.entries {
            located
                .entry((entry.kind, entry.id.as_str()))
                .or_insert((index, entry));
        }
    }
    let locale_dir = project.locale_dir(tag);
    let mut plans: BTreeMap<String, FilePlan> = BTreeMap::new();
    let mut seq = 0;
    let plan_for = |plans: &mut BTreeMap<String, FilePlan>, relative: &str| {
        plans.entry(relative.to_string()).or_insert_with(|| {
            let original = target.file(relative).cloned();
            FilePlan {
                path: original
                    .as_ref()
                    .map_or_else(|| locale_dir.join(relative), |f| f.path.clone()),
                relative: relative.to_string(),
                original,
                edits: Vec::new(),
                appended: Vec::new(),
                changed: Vec::new(),
                added: Vec::new(),
            }
        });
    };

    for (f, file) in units.files.iter().enumerate() {
        // The file's entries in source order, each with its patterns' indexes.
        let mut entries: Vec<(EntryKind, &str, Vec<usize>)> = Vec::new();
        for (p, pattern) in file.patterns.iter().enumerate() {
            match entries.last_mut() {
                Some((kind, id, list)) if *kind == pattern.kind && *id == pattern.id => {
                    list.push(p)
                }
                _ => entries.push((pattern.kind, &pattern.id, vec![p])),
            }
        }
        for (e, (kind, id, pattern_indexes)) in entries.iter().enumerate() {
            let changes: Vec<(&PatternUnits, &String)> = pattern_indexes
                .iter()
                .filter_map(|&p| Some((&file.patterns[p], rebuilt.get(&(f, p))?)))
                .collect();
            if changes.is_empty() {
                continue;
            }
            let key = entry_key(*kind, id);
            match located.get(&(*kind, *id)) {
                Some(&(file_index, entry)) => {
                    let target_file = &target.files[file_index];
                    plan_for(&mut plans, &target_file.relative);
                    let plan = plans.get_mut(&target_file.relative).expect("planned");
                    let text = &target_file.text;
                    let attribute_starts: Vec<usize> = entry
                        .attributes
                        .iter()
                        .map(|a| line_start(text, a.name_span.start))
                        .collect();
                    let value_end = attribute_starts.first().copied().unwrap_or(entry.span.end);
                    let segment_end = |k: usize| {
                        attribute_starts
                            .get(k + 1)
                            .copied()
                            .unwrap_or(entry.span.end)
                    };
                    let newline = |end: usize| {
                        if text[..end].ends_with('\n') {
                            "\n"
                        } else {
                            ""
                        }
                    };
                    for (pattern, ftl) in &changes {
                        seq += 1;
                        match &pattern.attribute {
                            None => plan.edits.push(Edit {
                                start: entry.span.start,
                                end: value_end,
                                text: format!("{key} ={ftl}{}", newline(value_end)),
                                seq,
                                blank_after: false,
                            }),
                            Some(name) => {
                                match entry.attributes.iter().position(|a| a.name == name) {
                                    Some(k) => {
                                        let start = attribute_starts[k];
                                        let dot = entry.attributes[k].name_span.start - 1;
                                        let indent = &text[start..dot];
                                        let end = segment_end(k);
                                        plan.edits.push(Edit {
                                            start,
                                            end,
                                            text: format!("{indent}.{name} ={ftl}{}", newline(end)),
                                            seq,
                                            blank_after: false,
                                        });
                                    }
                                    None => {
                                        // After the nearest preceding source attribute the
                                        // translation has, else after the value.
                                        let source_order: Vec<&str> = pattern_indexes
                                            .iter()
                                            .filter_map(|&p| file.patterns[p].attribute.as_deref())
                                            .collect();
                                        let mine = source_order
                                            .iter()
                                            .position(|a| a == name)
                                            .unwrap_or(0);
                                        let at = source_order[..mine]
                                            .iter()
                                            .rev()
                                            .find_map(|a| {
                                                entry
                                                    .attributes
                                                    .iter()
                                                    .position(|x| x.name == *a)
                                                    .map(segment_end)
                                            })
                                            .unwrap_or(value_end);
                                        let lead = if at > 0 && !text[..at].ends_with('\n') {
                                            "\n"
                                        } else {
                                            ""
                                        };
                                        plan.edits.push(Edit {
                                            start: at,
                                            end: at,
                                            text: format!("{lead}    .{name} ={ftl}\n"),
                                            seq,
                                            blank_after: false,
                                        });
                                    }
                                }
                            }
                        }
                    }
                    plan.changed.push(key);
                }
                None => {
                    // A new message: its comment, its value and translated attributes.
                    let mut message = comment_lines(changes[0].0.comment.as_deref());
                    match changes.iter().find(|(p, _)| p.attribute.is_none()) {
                        Some((_, ftl)) => message.push_str(&format!("{key} ={ftl}\n")),
                        None => message.push_str(&format!("{key} =\n")),
                    }
                    for (pattern, ftl) in &changes {
                        if let Some(name) = &pattern.attribute {
                            message.push_str(&format!("    .{name} ={ftl}\n"));
                        }
                    }
                    plan_for(&mut plans, &file.relative);
                    let plan = plans.get_mut(&file.relative).expect("planned");
                    seq += 1;
                    match &plan.original {
                        None => plan.appended.push(message),
                        Some(existing) => {
                            let text = &existing.text;
                            let in_file = |(k, i): (EntryKind, &str)| {
                                existing.entries.iter().find(|x| x.kind == k && x.id == i)
                            };
                            let before = entries[..e]
                                .iter()
                                .rev()
                                .find_map(|(k, i, _)| in_file((*k, i)));
                            let after = entries[e + 1..]
                                .iter()
                                .find_map(|(k, i, _)| in_file((*k, i)));
                            let (at, insert) = match (before, after) {
                                (Some(prev), _) => {
                                    let at = prev.span.end;
                                    let lead = if text[..at].ends_with('\n') { "" } else { "\n" };
                                    (at, format!("{lead}\n{message}"))
                                }
                                (None, Some(next)) => {
                                    (comment_start(text, next), format!("{message}\n"))
                                }
                                (None, None) => {
                                    let lead = match text.as_str() {
                                        "" => "",
                                        t if t.ends_with("\n\n") => "",
                                        t if t.ends_with('\n') => "\n",
                                        _ => "\n\n",
                                    };
                                    (text.len(), format!("{lead}{message}"))
                                }
                            };
                            plan.edits.push(Edit {
                                start: at,
                                end: at,
                                text: insert,
                                seq,
                                blank_after: true,
                            });
                        }
                    }
                    plan.added.push(key);
                }
            }
        }
    }
    plans.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str, edits: Vec<Edit>) -> FilePlan {
        let original = crate::catalog::parse_file("fr/ui.ftl".into(), "ui.ftl".into(), text.into());
        FilePlan {
            path: "fr/ui.ftl".into(),
            relative: "ui.ftl".into(),
            original: Some(original),
            edits,
            appended: Vec::new(),
            changed: Vec::new(),
            added: Vec::new(),
        }
    }

    fn edit(start: usize, end: usize, text: &str, seq: usize, blank_after: bool) -> Edit {
        Edit {
            start,
            end,
            text: text.into(),
            seq,
            blank_after,
        }
    }

    #[test]
    fn edits_replace_their_lines_and_keep_every_other_byte() {
        let text = "# a comment\na = old\n\nb = keep\n";
        let start = text.find("a =").unwrap();
        let end = text.find("\n\n").unwrap() + 1;
        let new = plan(text, vec![edit(start, end, "a = new\n", 1, false)]).apply();
        assert_eq!(new, "# a comment\na = new\n\nb = keep\n");
    }

    #[test]
    fn a_file_with_crlf_line_ends_keeps_them() {
        let text = "a = old\r\nb = keep\r\n";
        let end = text.find("b =").unwrap();
        let new = plan(
            text,
            vec![edit(0, end, "a =\n    one\n    two\n", 1, false)],
        )
        .apply();
        assert_eq!(new, "a =\r\n    one\r\n    two\r\nb = keep\r\n");
    }

    #[test]
    fn a_new_message_is_kept_apart_from_the_entry_that_follows() {
        let text = "b = keep\n";
        let new = plan(text, vec![edit(0, 0, "a = new\n", 1, true)]).apply();
        assert_eq!(new, "a = new\n\nb = keep\n");
        // Two insertions at one point: one blank line, after the last of them.
        let new = plan(
            text,
            vec![
                edit(0, 0, "a = new\n", 1, true),
                edit(0, 0, "a2 = new\n", 2, true),
            ],
        )
        .apply();
        assert_eq!(new, "a = new\na2 = new\n\nb = keep\n");
    }

    #[test]
    fn a_new_file_is_its_messages() {
        let mut p = plan("", Vec::new());
        p.original = None;
        p.appended = vec!["a = 1\n".into(), "b = 2\n".into()];
        assert_eq!(p.apply(), "a = 1\n\nb = 2\n");
    }

    #[test]
    fn comments_are_written_and_found_with_their_entry() {
        assert_eq!(comment_lines(Some("one\n\ntwo")), "# one\n#\n# two\n");
        assert_eq!(comment_lines(None), "");
        let text = "x = 1\n\n# about a\n#\n# more\na = 2\n";
        let file = crate::catalog::parse_file("f".into(), "f".into(), text.into());
        let a = file.entries.iter().find(|e| e.id == "a").expect("entry a");
        assert_eq!(
            &text[comment_start(text, a)..],
            "# about a\n#\n# more\na = 2\n"
        );
    }
}
