//! The in-context editor's server side: what the panel shows of one message
//! (`GET /__fluentpress/message`), the save of a translation (`PUT`) and the removal of one
//! the editor created (`DELETE`, the undo of its first save), run on the rebuild thread so an
//! edit and a rebuild never interleave.
//!
//! A save writes one message of one locale file and nothing else: the message's own lines are
//! replaced (a new message goes where the source has it, after its nearest preceding sibling
//! the file already has, with the source comment), every other byte of the file is kept, its
//! byte-order mark and line ends included. It is refused, with nothing written, when the
//! message on disk is no longer the one the translator started from (`base`, a fingerprint of
//! its definition: a text editor, `git pull` or `xliff import` changed it meanwhile: 409), or
//! when `check` finds an error in the new text (422). The write goes through a
//! [`Transaction`] under the project lock, with the locale's snapshot updated for that message
//! (the translator just reviewed it, so it is no longer stale).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::{Value, json};

use super::live::LiveSite;
use crate::catalog::{self, CatalogFile, Entry, EntryIndex, EntryKind};
use crate::check::{self, CheckOptions, Diagnostic, Severity};
use crate::config::{Locale, Project};
use crate::fsutil;
use crate::ftl;
use crate::glossary;
use crate::snapshot::{self, Pair};
use crate::transaction::{self, LockMode, Transaction};

/// The base of a message no file of the locale defines yet.
const ABSENT: &str = "absent";

/// An answer: HTTP status and JSON body, and the file a save wrote.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub json: String,
    pub written: Option<PathBuf>,
}

impl Reply {
    fn new(status: u16, body: Value) -> Reply {
        let mut json = serde_json::to_string_pretty(&body).unwrap_or_default();
        json.push('\n');
        Reply {
            status,
            json,
            written: None,
        }
    }

    fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply::new(status, json!({ "error": message.into() }))
    }
}

/// The body of a save: the message's new value and attributes as FTL pattern text, and the
/// `base` the panel was given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Save {
    pub locale: String,
    pub id: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    pub base: String,
}

/// The body of a removal (`DELETE`): the message, and the `base` the last save returned.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Remove {
    pub locale: String,
    pub id: String,
    pub base: String,
}

/// The message as the locale's file on disk has it now.
struct OnDisk {
    /// The locale file that holds it, or will.
    path: PathBuf,
    relative: String,
    /// The file parsed, if it exists.
    file: Option<CatalogFile>,
    /// Index of the message among the file's entries.
    entry: Option<usize>,
}

impl OnDisk {
    fn entry(&self) -> Option<&Entry> {
        Some(&self.file.as_ref()?.entries[self.entry?])
    }

    fn base(&self) -> String {
        match (self.file.as_ref(), self.entry()) {
            (Some(file), Some(entry)) => format!(
                "{:016x}",
                snapshot::fingerprint(&file.text[entry.span.clone()])
            ),
            _ => ABSENT.to_string(),
        }
    }

    fn patterns(&self) -> Value {
        match (self.file.as_ref(), self.entry()) {
            (Some(file), Some(entry)) => patterns_json(&file.text, entry),
            _ => Value::Null,
        }
    }
}

fn locale<'p>(project: &'p Project, tag: &str) -> Option<&'p Locale> {
    project.locales.iter().find(|l| l.tag == tag)
}

/// Reads the locale's file holding message `id` (the one the catalog knows, else the file of
/// the same name as the source's) from disk.
fn on_disk(live: &LiveSite, tag: &str, id: &str) -> Result<OnDisk, Reply> {
    let project = &live.project;
    let source_tag = &project.source_locale().tag;
    let relative = live
        .catalog
        .locale(tag)
        .and_then(|l| {
            EntryIndex::new(l)
                .message(id)
                .map(|(f, _)| f.relative.clone())
        })
        .or_else(|| {
            let source = live.catalog.locale(source_tag)?;
            EntryIndex::new(source)
                .message(id)
                .map(|(f, _)| f.relative.clone())
        })
        .ok_or_else(|| Reply::error(404, format!("no message `{id}` in {tag} or the source")))?;
    let path = project.locale_dir(tag).join(&relative);
    let file = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        _ => {
            let text = fsutil::read_utf8(&path)
                .map_err(|e| Reply::error(500, format!("cannot read {}: {e}", relative)))?;
            Some(catalog::parse_file(path.clone(), relative.clone(), text))
        }
    };
    let entry = file.as_ref().and_then(|f| {
        f.entries
            .iter()
            .position(|e| e.kind == EntryKind::Message && e.id == id)
    });
    Ok(OnDisk {
        path,
        relative,
        file,
        entry,
    })
}

/// Byte offsets of a pattern in a file: from after its `=` to its last line's end.
type Region = (usize, usize);

/// Where the value (after `=`) and each attribute (name, region) of `entry` are written in
/// `text`.
fn regions(text: &str, entry: &Entry) -> (Option<Region>, Vec<(String, Region)>) {
    let line_start = |offset: usize| text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let after_equals = |from: usize| text[from..].find('=').map_or(from, |i| from + i + 1);
    let starts: Vec<usize> = entry
        .attributes
        .iter()
        .map(|a| line_start(a.name_span.start))
        .collect();
    let value_end = starts.first().copied().unwrap_or(entry.span.end);
    let value = entry
        .value
        .is_some()
        .then(|| (after_equals(entry.id_span.end), value_end));
    let attributes = entry
        .attributes
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let end = starts.get(k + 1).copied().unwrap_or(entry.span.end);
            (a.name.to_string(), (after_equals(a.name_span.end), end))
        })
        .collect();
    (value, attributes)
}

/// `{ "value": FTL or null, "attributes": { name: FTL }, "select": ... }` of an entry.
fn patterns_json(text: &str, entry: &Entry) -> Value {
    let (value, attributes) = regions(text, entry);
    let value = value.map(|(s, e)| ftl::pattern_source(text, s, e));
    let select = value.as_deref().and_then(split_select);
    let attributes: BTreeMap<String, String> = attributes
        .into_iter()
        .map(|(name, (s, e))| (name, ftl::pattern_source(text, s, e)))
        .collect();
    json!({ "value": value, "attributes": attributes, "select": select })
}

/// A value that is one select expression on a variable, split for the panel's one field per
/// variant: `{ "selector": "$count", "variants": [{ "key", "default", "text" }] }`. `None`
/// for anything else (the panel then edits the FTL as a whole).
fn split_select(value: &str) -> Option<Value> {
    let lines: Vec<&str> = value.lines().collect();
    let head = lines.first()?.trim();
    let selector = head.strip_prefix('{')?.strip_suffix("->")?.trim();
    if !selector.starts_with('$') || lines.last()?.trim() != "}" || lines.len() < 3 {
        return None;
    }
    let mut variants: Vec<(String, bool, String)> = Vec::new();
    for line in &lines[1..lines.len() - 1] {
        let trimmed = line.trim_start();
        let (default, rest) = match trimmed.strip_prefix('*') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((key, text)) => {
                variants.push((key.trim().to_string(), default, text.trim().to_string()))
            }
            None => {
                let (_, _, text) = variants.last_mut()?;
                text.push('\n');
                text.push_str(trimmed.trim_end());
            }
        }
    }
    // Only what the parser reads the same way: one select, these keys, one default.
    let probe = format!("x ={}\n", {
        let mut out = String::new();
        ftl::source_pattern(&mut out, value, 4);
        out
    });
    let resource = fluent_syntax::parser::parse(probe.as_str()).ok()?;
    let [fluent_syntax::ast::Entry::Message(message)] = &resource.body[..] else {
        return None;
    };
    let elements = &message.value.as_ref()?.elements;
    let [
        fluent_syntax::ast::PatternElement::Placeable {
            expression:
                fluent_syntax::ast::Expression::Select {
                    variants: parsed, ..
                },
        },
    ] = &elements[..]
    else {
        return None;
    };
    if parsed.len() != variants.len() || variants.iter().filter(|v| v.1).count() != 1 {
        return None;
    }
    Some(json!({
        "selector": selector,
        "variants": variants
            .into_iter()
            .map(|(key, default, text)| json!({ "key": key, "default": default, "text": text }))
            .collect::<Vec<_>>(),
    }))
}

/// CLDR's cardinal categories of a locale, in CLDR order.
fn categories(locale: &Locale) -> Vec<&'static str> {
    let known = crate::plural::cardinal_categories(&locale.langid);
    ["zero", "one", "two", "few", "many", "other"]
        .into_iter()
        .filter(|c| known.contains(c))
        .collect()
}

/// The numeric variant keys (`[0]`, `[1]`) of a split select.
fn numeric_keys(select: &Value, into: &mut Vec<String>) {
    for variant in select["variants"].as_array().into_iter().flatten() {
        if let Some(key) = variant["key"].as_str()
            && key.parse::<f64>().is_ok()
            && !into.iter().any(|k| k == key)
        {
            into.push(key.to_string());
        }
    }
}

/// The diagnostics `check` gives message `id` of locale `tag` in `catalog`.
fn diagnostics_of(
    project: &Project,
    catalog: &catalog::Catalog,
    tag: &str,
    id: &str,
) -> Result<Vec<Diagnostic>, Reply> {
    let options = CheckOptions {
        locales: vec![tag.to_string()],
        min_coverage: None,
    };
    let report = check::check(project, catalog, &options, None)
        .map_err(|e| Reply::error(500, format!("check: {e}")))?;
    Ok(report
        .diagnostics
        .into_iter()
        .filter(|d| d.locale == tag)
        .filter(|d| {
            d.message_id
                .as_deref()
                .is_some_and(|m| m == id || m.split_once('.').is_some_and(|(i, _)| i == id))
        })
        .collect())
}

/// Whether the file is generated by `extract` (the source's pages): edits belong in the
/// Markdown.
fn generated(file: Option<&CatalogFile>) -> bool {
    file.is_some_and(|f| {
        f.resource_comments
            .iter()
            .any(|c| c.contains("Generated by `fluentpress extract`"))
    })
}

/// `GET /__fluentpress/message?locale=L&id=ID`: everything the panel shows of one message.
pub(crate) fn describe(live: &LiveSite, tag: &str, id: &str) -> Reply {
    match try_describe(live, tag, id) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn try_describe(live: &LiveSite, tag: &str, id: &str) -> Result<Reply, Reply> {
    let project = &live.project;
    let locale =
        locale(project, tag).ok_or_else(|| Reply::error(404, format!("no locale `{tag}`")))?;
    let source_locale = project.source_locale();
    let disk = on_disk(live, tag, id)?;
    let source = live.catalog.locale(&source_locale.tag).and_then(|l| {
        let (file, entry) = EntryIndex::new(l).message(id)?;
        Some((file, entry))
    });
    let source_json = source.map_or(Value::Null, |(f, e)| patterns_json(&f.text, e));
    let comment = source.and_then(|(_, e)| e.comment.clone());
    let translation = if tag == source_locale.tag {
        source_json.clone()
    } else {
        disk.patterns()
    };
    let shown = live.localizer.format(tag, id, None, None);
    let mut keys = Vec::new();
    for select in [&source_json["select"], &translation["select"]] {
        numeric_keys(select, &mut keys);
    }
    let others: Vec<Value> = project
        .locales
        .iter()
        .filter(|l| l.tag != tag && l.tag != source_locale.tag)
        .map(|l| {
            let value = live.catalog.locale(&l.tag).and_then(|c| {
                let (f, e) = EntryIndex::new(c).message(id)?;
                let (value, _) = regions(&f.text, e);
                value.map(|(s, e)| ftl::pattern_source(&f.text, s, e))
            });
            json!({ "locale": l.tag, "name": l.name, "value": value })
        })
        .collect();
    // Glossary terms the source text uses, with this locale's renderings.
    let source_text: String = source
        .map(|(_, e)| {
            e.patterns()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let glossary_hits: Vec<Value> = glossary::load_glossary(&project.locale_dir(tag))
        .map(|g| g.terms)
        .unwrap_or_default()
        .into_iter()
        .filter(|t| !t.source.is_empty() && source_text.contains(&t.source))
        .map(|t| json!({ "source": t.source, "translations": t.translations, "note": t.note }))
        .collect();
    let diagnostics = diagnostics_of(project, &live.catalog, tag, id)?;
    let editable = !(tag == source_locale.tag && generated(disk.file.as_ref()));
    Ok(Reply::new(
        200,
        json!({
            "locale": tag,
            "name": locale.name,
            "id": id,
            "source_locale": source_locale.tag,
            "source": source_json,
            "comment": comment,
            "translation": translation,
            "shown": shown.as_ref().map(|s| s.text.clone()),
            "shown_from": shown.as_ref().map(|s| s.locale.clone()),
            "file": project.relative(&disk.path),
            "categories": categories(locale),
            "numeric_keys": keys,
            "other_locales": others,
            "glossary": glossary_hits,
            "diagnostics": diagnostics,
            "editable": editable,
            "base": disk.base(),
        }),
    ))
}

/// `PUT /__fluentpress/message`: checks and writes one translation.
pub(crate) fn save(live: &LiveSite, save: &Save) -> Reply {
    match try_save(live, save) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn try_save(live: &LiveSite, save: &Save) -> Result<Reply, Reply> {
    let project = &live.project;
    let tag = save.locale.as_str();
    let id = save.id.as_str();
    if locale(project, tag).is_none() {
        return Err(Reply::error(404, format!("no locale `{tag}`")));
    }
    // Held until the write is committed: no other command reads half of it or writes between
    // the base check and the write.
    let _lock = transaction::lock(&project.root, LockMode::Write, &|| {})
        .map_err(|e| Reply::error(500, e.to_string()))?;
    let disk = on_disk(live, tag, id)?;
    if tag == project.source_locale().tag && generated(disk.file.as_ref()) {
        return Err(Reply::error(
            422,
            format!(
                "{} is generated from content/: change the Markdown page instead",
                disk.relative
            ),
        ));
    }
    let yours = json!({ "value": save.value, "attributes": save.attributes });
    if disk.base() != save.base {
        return Err(Reply::new(
            409,
            json!({
                "error": format!("`{id}` changed in {} since you opened it", project.relative(&disk.path)),
                "yours": yours,
                "theirs": disk.patterns(),
                "base": disk.base(),
            }),
        ));
    }
    let value = save.value.as_deref().filter(|v| !v.trim().is_empty());
    if value.is_none() && save.attributes.is_empty() {
        return Err(Reply::error(
            422,
            "a translation needs a value or an attribute",
        ));
    }
    for name in save.attributes.keys() {
        if !is_identifier(name) {
            return Err(Reply::error(
                422,
                format!("`{name}` is not an attribute name"),
            ));
        }
    }

    // The message alone must read back as exactly this message: text that would end it and
    // start another (`\nother = …`) or that does not parse is refused here.
    let source = live
        .catalog
        .locale(&project.source_locale().tag)
        .and_then(|l| EntryIndex::new(l).message(id).map(|(_, e)| e.clone()));
    // Attributes in the order the file has them, then the source's, then the rest: a save
    // changes no line it does not have to.
    let mut order: Vec<&str> = Vec::new();
    let known = disk
        .entry()
        .into_iter()
        .chain(source.as_ref())
        .flat_map(|e| e.attributes.iter().map(|a| a.name.as_str()));
    for name in known.chain(save.attributes.keys().map(String::as_str)) {
        if save.attributes.contains_key(name) && !order.contains(&name) {
            order.push(name);
        }
    }
    let attributes = order
        .iter()
        .map(|name| (*name, save.attributes[*name].as_str()));
    let existing = disk.entry().is_some();
    let comment = if existing {
        None
    } else {
        source.as_ref().and_then(|e| e.comment.as_deref())
    };
    let entry_text = ftl::message_entry(id, comment, value, attributes);
    let alone = catalog::parse_file(
        PathBuf::from("new.ftl"),
        "new.ftl".into(),
        entry_text.clone(),
    );
    if let Some(junk) = alone.junk.first() {
        let (line, column) = alone.line_column(junk.error_offset);
        return Err(Reply::new(
            422,
            json!({
                "error": format!("syntax error: {} (line {line}, column {column} of the message)", junk.message),
                "diagnostics": [],
            }),
        ));
    }
    let [entry] = &alone.entries[..] else {
        return Err(Reply::error(422, "the text would define other messages"));
    };
    // A line starting with `.` reads as an attribute (`[` and `*` as variants, refused by the
    // parser outside a select).
    let names: Vec<&str> = entry.attributes.iter().map(|a| a.name.as_str()).collect();
    if entry.id != id || entry.kind != EntryKind::Message || names != order {
        return Err(Reply::error(
            422,
            "a line of the text reads as an attribute (it starts with `.`): write it as {\".\"}",
        ));
    }

    let text = splice(live, &disk, &entry_text, id);
    let new_file = catalog::parse_file(disk.path.clone(), disk.relative.clone(), text.clone());
    if new_file.junk.len() > disk.file.as_ref().map_or(0, |f| f.junk.len()) {
        return Err(Reply::error(
            422,
            "syntax error: the message does not read back",
        ));
    }

    // The check rules on the locale with the new file: an error of this message refuses it.
    // Only the locales the check of this one reads are copied: it, its fallbacks, the source.
    let wanted = |other: &str| {
        other == tag
            || other == project.source_locale().tag
            || locale(project, tag).is_some_and(|l| l.fallback_chain.iter().any(|f| f == other))
    };
    let mut catalog = catalog::Catalog {
        locales: live
            .catalog
            .locales
            .iter()
            .filter(|l| wanted(&l.tag))
            .cloned()
            .collect(),
    };
    if let Some(l) = catalog.locale_mut(tag) {
        l.replace_file(new_file);
    }
    let diagnostics = diagnostics_of(project, &catalog, tag, id)?;
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        let first = &errors[0];
        return Err(Reply::new(
            422,
            json!({
                "error": format!("{}: {}", first.code, first.message),
                "diagnostics": errors,
            }),
        ));
    }

    let mut transaction = Transaction::new(&project.root);
    transaction.write(&disk.path, text.into_bytes());
    if tag != project.source_locale().tag
        && let (Some(source_locale), Some(target)) = (
            catalog.locale(&project.source_locale().tag),
            catalog.locale(tag),
        )
    {
        let path = snapshot::snapshot_path(project, tag);
        let mut snap =
            snapshot::load_snapshot(&path).map_err(|e| Reply::error(500, e.to_string()))?;
        let before = snapshot::render_snapshot(&snap);
        // This message's pairs are recorded anew (an attribute removed loses its pair).
        snap.pairs.retain(|key, _| {
            let key = catalog::PatternKey::parse(key);
            key.kind != EntryKind::Message || key.id != id
        });
        let source_index = EntryIndex::new(source_locale);
        let target_index = EntryIndex::new(target);
        if let Some((_, entry)) = target_index.message(id) {
            for (key, translation) in entry.keyed_patterns() {
                if let Some((_, source_pattern)) = source_index.pattern(key) {
                    snap.pairs.insert(
                        key.to_string(),
                        Pair {
                            source: snapshot::fingerprint(&source_pattern.text),
                            translation: snapshot::fingerprint(&translation.text),
                        },
                    );
                }
            }
        }
        let after = snapshot::render_snapshot(&snap);
        if after != before {
            transaction.write(&path, after.into_bytes());
        }
    }
    transaction
        .commit()
        .map_err(|e| Reply::error(500, e.to_string()))?;

    let written = on_disk(live, tag, id)?;
    let mut reply = Reply::new(
        200,
        json!({
            "file": project.relative(&disk.path),
            "base": written.base(),
            "translation": written.patterns(),
            "diagnostics": diagnostics,
        }),
    );
    reply.written = Some(disk.path);
    Ok(reply)
}

/// `DELETE /__fluentpress/message`: takes back a translation the editor created (the undo of
/// its first save), so the page falls back again.
pub(crate) fn remove(live: &LiveSite, remove: &Remove) -> Reply {
    match try_remove(live, remove) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn try_remove(live: &LiveSite, remove: &Remove) -> Result<Reply, Reply> {
    let project = &live.project;
    let tag = remove.locale.as_str();
    let id = remove.id.as_str();
    if locale(project, tag).is_none() {
        return Err(Reply::error(404, format!("no locale `{tag}`")));
    }
    // The source defines what there is to translate: its messages are never taken away here.
    if tag == project.source_locale().tag {
        return Err(Reply::error(
            422,
            format!("`{id}` is a message of the source locale: it is never removed"),
        ));
    }
    let _lock = transaction::lock(&project.root, LockMode::Write, &|| {})
        .map_err(|e| Reply::error(500, e.to_string()))?;
    let disk = on_disk(live, tag, id)?;
    let (Some(file), Some(entry)) = (disk.file.as_ref(), disk.entry()) else {
        return Err(Reply::error(
            404,
            format!("`{id}` is not translated in {tag}: nothing to remove"),
        ));
    };
    if disk.base() != remove.base {
        return Err(Reply::new(
            409,
            json!({
                "error": format!("`{id}` changed in {} since you saved it", project.relative(&disk.path)),
                "theirs": disk.patterns(),
                "base": disk.base(),
            }),
        ));
    }
    let text = &file.text;
    // The comment goes with the message only when it is the source's, the one a save copies
    // above a message it creates; a comment someone wrote stays.
    let source_comment = live
        .catalog
        .locale(&project.source_locale().tag)
        .and_then(|l| {
            EntryIndex::new(l)
                .message(id)
                .map(|(_, e)| e.comment.clone())
        })
        .flatten();
    let start = if entry.comment.is_some() && entry.comment == source_comment {
        entry.start_with_comment(text)
    } else {
        entry.span.start
    };
    let end = line_end(text, entry.span.end);
    let mut before = &text[..start];
    let mut after = &text[end..];
    // A save set the message apart with one blank line: that one goes too, so the file reads
    // as it did before the save. Only a line end is dropped, never a character of text.
    let blank_before = before.is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n");
    if blank_before {
        if let Some(rest) = after
            .strip_prefix("\r\n")
            .or_else(|| after.strip_prefix('\n'))
        {
            after = rest;
        } else if after.is_empty() {
            before = before
                .strip_suffix("\r\n")
                .or_else(|| before.strip_suffix('\n'))
                .unwrap_or(before);
        }
    }
    let new_text = format!("{before}{after}");

    let mut transaction = Transaction::new(&project.root);
    // A file the save created holds nothing else: it goes as well.
    if new_text.trim().is_empty() && file.entries.len() == 1 {
        transaction.delete(&disk.path);
    } else {
        transaction.write(&disk.path, new_text.into_bytes());
    }
    let path = snapshot::snapshot_path(project, tag);
    let mut snap = snapshot::load_snapshot(&path).map_err(|e| Reply::error(500, e.to_string()))?;
    let before_snapshot = snapshot::render_snapshot(&snap);
    snap.pairs.retain(|key, _| {
        let key = catalog::PatternKey::parse(key);
        key.kind != EntryKind::Message || key.id != id
    });
    let after_snapshot = snapshot::render_snapshot(&snap);
    if after_snapshot != before_snapshot {
        transaction.write(&path, after_snapshot.into_bytes());
    }
    transaction
        .commit()
        .map_err(|e| Reply::error(500, e.to_string()))?;

    let mut reply = Reply::new(
        200,
        json!({
            "file": project.relative(&disk.path),
            "base": ABSENT,
            "translation": Value::Null,
        }),
    );
    reply.written = Some(disk.path);
    Ok(reply)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The locale file's new text: the message's definition replaced, or the new message inserted
/// where the source has it. Every other byte is kept; inserted lines take the file's line ends.
fn splice(live: &LiveSite, disk: &OnDisk, entry_text: &str, id: &str) -> String {
    let Some(file) = &disk.file else {
        return entry_text.to_string();
    };
    let text = &file.text;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let ends = |s: &str| s.replace('\n', newline);
    if let Some(entry) = disk.entry() {
        let old = &text[entry.span.clone()];
        let mut new = ends(entry_text);
        if !old.ends_with('\n') {
            new.truncate(new.trim_end_matches(['\r', '\n']).len());
        }
        return format!(
            "{}{new}{}",
            &text[..entry.span.start],
            &text[entry.span.end..]
        );
    }
    // A new message: after the nearest preceding source message the file has, else before the
    // nearest following one, else at the end.
    let in_file = |other: &str| {
        file.entries
            .iter()
            .find(|e| e.kind == EntryKind::Message && e.id == other)
    };
    let siblings: Vec<&str> = live
        .catalog
        .locale(&live.project.source_locale().tag)
        .and_then(|l| l.file(&disk.relative))
        .map(|f| {
            f.entries
                .iter()
                .filter(|e| e.kind == EntryKind::Message)
                .map(|e| e.id.as_str())
                .collect()
        })
        .unwrap_or_default();
    let position = siblings
        .iter()
        .position(|s| *s == id)
        .unwrap_or(siblings.len());
    let before = siblings[..position].iter().rev().find_map(|s| in_file(s));
    let after = siblings
        .get(position + 1..)
        .unwrap_or_default()
        .iter()
        .find_map(|s| in_file(s));
    let (at, insert) = match (before, after) {
        (Some(previous), _) => {
            let at = line_end(text, previous.span.end);
            (at, format!("{newline}{}", ends(entry_text)))
        }
        (None, Some(next)) => (
            next.start_with_comment(text),
            format!("{}{newline}", ends(entry_text)),
        ),
        (None, None) => {
            let lead = if text.is_empty() || text.ends_with(&format!("{newline}{newline}")) {
                String::new()
            } else if text.ends_with('\n') {
                newline.to_string()
            } else {
                format!("{newline}{newline}")
            };
            (text.len(), format!("{lead}{}", ends(entry_text)))
        }
    };
    let mut insert = insert;
    // After a last line without its line end, the insertion starts a line of its own.
    if at > 0 && !text[..at].ends_with('\n') {
        insert.insert_str(0, newline);
    }
    format!("{}{insert}{}", &text[..at], &text[at..])
}

/// The offset just after the line end at or following `offset` (the end of the text if none).
fn line_end(text: &str, offset: usize) -> usize {
    if offset > 0 && text[..offset].ends_with('\n') {
        return offset;
    }
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_values_split_into_variants_only_when_they_read_back() {
        let split =
            split_select("{ $n ->\n    [one] Un article\n   *[other] { $n } articles\n}").unwrap();
        assert_eq!(split["selector"], "$n");
        assert_eq!(split["variants"][0]["key"], "one");
        assert_eq!(split["variants"][1]["default"], true);
        assert_eq!(split["variants"][1]["text"], "{ $n } articles");
        assert!(split_select("Bonjour").is_none());
        assert!(
            split_select("{ $n ->\n    [one] Un\n}").is_none(),
            "no default"
        );
        assert!(split_select("{ NUMBER($n) ->\n   *[other] x\n}").is_none());
    }

    #[test]
    fn identifiers_for_attributes() {
        assert!(is_identifier("title") && is_identifier("aria-label"));
        assert!(!is_identifier("") && !is_identifier("1a") && !is_identifier("a b"));
    }
}
