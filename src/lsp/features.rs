//! What the editor asks about a position or a buffer: hover (the source and the other locales of
//! a message, where the source uses a variable, a term's value), go to definition, completion
//! (the ids the file still lacks, the source's variables, terms, plural categories), code actions
//! (add the missing messages, remove the obsolete ones, replace an invalid plural key) and
//! document symbols. Each reads the catalog as the open buffers make it; none writes anything.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind,
    CompletionTextEdit, DocumentSymbol, Documentation, Hover, HoverContents, InsertTextFormat,
    Location, MarkupContent, MarkupKind, Range, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

use super::convert::{Lines, path_to_uri};
use super::cursor::{self, Slot, Target};
use crate::catalog::{Catalog, CatalogFile, Entry, EntryIndex, EntryKind, Located, PatternInfo};
use crate::config::Project;

/// The most other locales a hover lists (a project may have 100).
const MAX_HOVER_LOCALES: usize = 24;

/// An open `.ftl` buffer as the features see it.
pub struct View<'a> {
    pub project: &'a Project,
    pub catalog: &'a Catalog,
    pub tag: &'a str,
    /// The buffer, parsed (the catalog holds the same text).
    pub file: &'a CatalogFile,
    pub uri: &'a Uri,
}

impl<'a> View<'a> {
    fn source_tag(&self) -> &'a str {
        &self.project.source_locale().tag
    }

    fn is_source(&self) -> bool {
        self.tag == self.source_tag()
    }

    /// An entry of locale `tag`: first in the file of the same relative path (where it usually
    /// is), then anywhere in the locale.
    fn find(&self, tag: &str, kind: EntryKind, id: &str) -> Option<Located<'a>> {
        let locale = self.catalog.locale(tag)?;
        if let Some(file) = locale.file(&self.file.relative)
            && let Some(entry) = file.entry(id, kind)
        {
            return Some((file, entry));
        }
        locale.entries().find(|(_, e)| e.kind == kind && e.id == id)
    }

    /// The entry in this locale, else in the source.
    fn find_here_or_source(&self, kind: EntryKind, id: &str) -> Option<Located<'a>> {
        self.find(self.tag, kind, id)
            .or_else(|| self.find(self.source_tag(), kind, id))
    }

    fn source_file(&self) -> Option<&'a CatalogFile> {
        self.catalog
            .locale(self.source_tag())?
            .file(&self.file.relative)
    }
}

/// The entry as written: its definition, from the id to its last line.
fn written(file: &CatalogFile, entry: &Entry) -> String {
    file.text
        .get(entry.span.clone())
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

/// Untrusted text as a Markdown code block: the fence is longer than any run of backticks in
/// the text, so a translation cannot close it and inject Markdown (or HTML) into the hover.
fn code_block(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}fluent\n{text}\n{fence}\n")
}

/// Plain text (a comment) shown in Markdown without being read as Markdown.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_{}[]()#+-.!<>|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown_hover(value: String) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    }
}

fn location(file: &CatalogFile, span: std::ops::Range<usize>) -> Option<Location> {
    Some(Location {
        uri: path_to_uri(&file.path)?,
        range: Lines::new(&file.text).range(span),
    })
}

pub fn hover(view: &View<'_>, offset: usize) -> Option<Hover> {
    let target = cursor::target_at(view.file, offset)?;
    let mut out = String::new();
    match target {
        Target::Definition { kind, id } => {
            let key = if kind == EntryKind::Term {
                format!("-{id}")
            } else {
                id.clone()
            };
            if !view.is_source() && kind == EntryKind::Message {
                match view.find(view.source_tag(), kind, &id) {
                    Some((file, entry)) => {
                        out.push_str(&format!(
                            "**{}** (source, {}):\n\n",
                            view.source_tag(),
                            view.project.relative(&file.path)
                        ));
                        if let Some(comment) = &entry.comment {
                            out.push_str(&format!("{}\n\n", escape_markdown(comment)));
                        }
                        out.push_str(&code_block(&written(file, entry)));
                    }
                    None => out.push_str(&format!(
                        "`{key}` is not in the source ({}): it is never shown\n",
                        view.source_tag()
                    )),
                }
            }
            let mut listed = 0;
            let mut more = 0;
            for locale in &view.project.locales {
                if locale.tag == view.tag || locale.tag == view.source_tag() {
                    continue;
                }
                let Some((_, entry)) = view.find(&locale.tag, kind, &id) else {
                    continue;
                };
                let Some(value) = entry.value.as_ref().map(|v| v.text.as_str()) else {
                    continue;
                };
                if listed == MAX_HOVER_LOCALES {
                    more += 1;
                    continue;
                }
                if listed == 0 {
                    out.push_str("\nOther locales:\n\n");
                }
                listed += 1;
                out.push_str(&format!("**{}**\n{}", locale.tag, code_block(value)));
            }
            if more > 0 {
                out.push_str(&format!("\nand {more} more locales\n"));
            }
        }
        Target::Reference { kind, id, .. } => {
            let (file, entry) = view.find_here_or_source(kind, &id)?;
            let tag = if view.find(view.tag, kind, &id).is_some() {
                view.tag
            } else {
                view.source_tag()
            };
            out.push_str(&format!(
                "**{tag}** ({}):\n\n",
                view.project.relative(&file.path)
            ));
            if let Some(comment) = &entry.comment {
                out.push_str(&format!("{}\n\n", escape_markdown(comment)));
            }
            out.push_str(&code_block(&written(file, entry)));
        }
        Target::Variable { entry, name } => {
            let Some((file, source)) = view.find(view.source_tag(), EntryKind::Message, &entry)
            else {
                return Some(markdown_hover(format!(
                    "`${name}`: the source has no message `{entry}`"
                )));
            };
            let uses: Vec<String> = source
                .named_patterns()
                .filter(|(_, p)| p.variables().contains(&name))
                .map(|(attribute, _)| match attribute {
                    None => "its value".to_string(),
                    Some(a) => format!("`.{a}`"),
                })
                .collect();
            if uses.is_empty() {
                let known: Vec<String> = source
                    .patterns()
                    .flat_map(|p| p.variables().iter().map(|v| format!("`${v}`")))
                    .collect();
                out.push_str(&format!(
                    "The source message `{entry}` does not use `${name}`{}\n\n",
                    if known.is_empty() {
                        String::from(" (it uses no variable)")
                    } else {
                        format!("; it uses {}", known.join(", "))
                    }
                ));
            } else {
                out.push_str(&format!(
                    "`${name}` is used by the source message `{entry}` in {}:\n\n",
                    uses.join(", ")
                ));
            }
            out.push_str(&code_block(&written(file, source)));
        }
    }
    (!out.is_empty()).then(|| markdown_hover(out))
}

pub fn definition(view: &View<'_>, offset: usize) -> Option<Location> {
    match cursor::target_at(view.file, offset)? {
        Target::Definition { kind, id } => {
            if view.is_source() || kind == EntryKind::Term {
                return None;
            }
            let (file, entry) = view.find(view.source_tag(), kind, &id)?;
            location(file, entry.id_span.clone())
        }
        Target::Reference {
            kind,
            id,
            attribute,
        } => {
            let (file, entry) = view.find_here_or_source(kind, &id)?;
            let span = attribute
                .and_then(|a| entry.attribute(&a).map(|a| a.name_span.clone()))
                .unwrap_or_else(|| entry.id_span.clone());
            location(file, span)
        }
        Target::Variable { entry, .. } => {
            let (file, entry) = view.find(view.source_tag(), EntryKind::Message, &entry)?;
            location(file, entry.id_span.clone())
        }
    }
}

/// Text for a snippet: `$`, `}` and `\` mean something there.
fn snippet_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The messages of the source file that this buffer's locale lacks, in the source's order.
fn missing_messages<'a>(view: &View<'a>) -> Vec<Located<'a>> {
    let (Some(source), Some(locale)) = (view.source_file(), view.catalog.locale(view.tag)) else {
        return Vec::new();
    };
    if view.is_source() {
        return Vec::new();
    }
    let index = EntryIndex::new(locale);
    source
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Message && index.message(&e.id).is_none())
        .map(|e| (source, e))
        .collect()
}

pub fn completion(view: &View<'_>, offset: usize) -> Vec<CompletionItem> {
    let Some(slot) = cursor::slot_at(view.file, offset) else {
        return Vec::new();
    };
    let lines = Lines::new(&view.file.text);
    match slot {
        Slot::NewEntry { typed } => {
            let range = Range::new(lines.position(offset - typed.len()), lines.position(offset));
            missing_messages(view)
                .into_iter()
                .filter(|(_, e)| e.id.starts_with(typed.as_str()))
                .map(|(file, entry)| {
                    let text = written(file, entry);
                    CompletionItem {
                        label: entry.id.to_string(),
                        kind: Some(CompletionItemKind::PROPERTY),
                        detail: entry.value.as_ref().map(|v| first_line(&v.text)),
                        documentation: entry.comment.clone().map(Documentation::String),
                        insert_text_format: Some(InsertTextFormat::SNIPPET),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                            range,
                            new_text: format!("{}$0", snippet_escape(&text)),
                        })),
                        ..CompletionItem::default()
                    }
                })
                .collect()
        }
        Slot::Variable { entry } => {
            let Some((_, source)) = view.find(view.source_tag(), EntryKind::Message, &entry) else {
                return Vec::new();
            };
            let mut names: Vec<&str> = source
                .patterns()
                .flat_map(|p: &PatternInfo| p.variables().iter())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
                .into_iter()
                .map(|name| CompletionItem {
                    label: name.to_string(),
                    kind: Some(CompletionItemKind::VARIABLE),
                    detail: Some(format!("used by the source message `{entry}`")),
                    ..CompletionItem::default()
                })
                .collect()
        }
        Slot::Term => {
            let mut seen = std::collections::BTreeMap::new();
            for tag in [view.tag, view.source_tag()] {
                if let Some(locale) = view.catalog.locale(tag) {
                    for (_, entry) in locale.entries().filter(|(_, e)| e.kind == EntryKind::Term) {
                        seen.entry(entry.id.to_string())
                            .or_insert_with(|| entry.value.as_ref().map(|v| first_line(&v.text)));
                    }
                }
            }
            seen.into_iter()
                .map(|(id, detail)| CompletionItem {
                    label: id,
                    kind: Some(CompletionItemKind::CONSTANT),
                    detail,
                    ..CompletionItem::default()
                })
                .collect()
        }
        Slot::VariantKey { .. } => {
            let Some(locale) = view.project.locale(view.tag) else {
                return Vec::new();
            };
            crate::plural::cardinal_categories(&locale.langid)
                .into_iter()
                .map(|category| CompletionItem {
                    label: category.to_string(),
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    detail: Some(format!("a CLDR plural category of {}", view.tag)),
                    ..CompletionItem::default()
                })
                .collect()
        }
    }
}

// `Uri` caches its parsed parts in cells (clippy's "mutable key type"); its hash and equality
// read only the text, which never changes, and lsp-types' `WorkspaceEdit` keys on it.
#[allow(clippy::mutable_key_type)]
fn edit_action(
    view: &View<'_>,
    title: String,
    edits: Vec<TextEdit>,
    preferred: bool,
) -> CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(view.uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// The span of an entry with the comment lines attached above it and its trailing blank line,
/// for removing it whole.
fn removal_span(file: &CatalogFile, entry: &Entry) -> std::ops::Range<usize> {
    let text = &file.text;
    let start = if entry.comment.is_some() {
        entry.start_with_comment(text)
    } else {
        entry.span.start
    };
    let mut end = entry.span.end.min(text.len());
    if text[end..].starts_with('\n') {
        end += 1;
    } else if text[end..].starts_with("\r\n") {
        end += 2;
    }
    start..end
}

/// The CLDR plural category names (a key spelled as one is meant as one).
const CLDR_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

pub fn code_actions(view: &View<'_>, range: Range) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let lines = Lines::new(&view.file.text);
    let text = &view.file.text;
    let (from, to) = (lines.offset(range.start), lines.offset(range.end));

    // Add the missing messages at the end of the buffer, as copies or as comments.
    let missing = missing_messages(view);
    if !missing.is_empty() {
        let end = lines.end();
        let lead = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        let mut copies = String::from(lead);
        let mut comments = String::from(lead);
        for (file, entry) in &missing {
            let written = written(file, entry);
            copies.push('\n');
            copies.push_str(&written);
            copies.push('\n');
            comments.push('\n');
            for line in written.lines() {
                comments.push_str(if line.is_empty() { "#" } else { "# " });
                comments.push_str(line);
                comments.push('\n');
            }
        }
        let n = missing.len();
        let plural = if n == 1 { "message" } else { "messages" };
        actions.push(edit_action(
            view,
            format!(
                "Add the {n} missing {plural} from {} (source text to translate)",
                view.source_tag()
            ),
            vec![TextEdit::new(Range::new(end, end), copies)],
            false,
        ));
        actions.push(edit_action(
            view,
            format!(
                "Add the {n} missing {plural} from {} as comments",
                view.source_tag()
            ),
            vec![TextEdit::new(Range::new(end, end), comments)],
            false,
        ));
    }

    // Remove obsolete messages: the one under the cursor, and all of them.
    if !view.is_source()
        && let Some(source) = view.catalog.locale(view.source_tag())
    {
        let index = EntryIndex::new(source);
        let obsolete: Vec<&Entry> = view
            .file
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Message && index.message(&e.id).is_none())
            .collect();
        for entry in &obsolete {
            if entry.span.start <= to && from <= entry.span.end {
                actions.push(edit_action(
                    view,
                    format!("Remove the obsolete message `{}`", entry.id),
                    vec![TextEdit::new(
                        lines.range(removal_span(view.file, entry)),
                        String::new(),
                    )],
                    true,
                ));
            }
        }
        if obsolete.len() > 1 {
            actions.push(edit_action(
                view,
                format!(
                    "Remove all {} obsolete messages of this file",
                    obsolete.len()
                ),
                obsolete
                    .iter()
                    .map(|e| TextEdit::new(lines.range(removal_span(view.file, e)), String::new()))
                    .collect(),
                false,
            ));
        }
    }

    // Replace an invalid plural key with a category the locale has and the select lacks.
    if let Some(locale) = view.project.locale(view.tag) {
        let categories = crate::plural::cardinal_categories(&locale.langid);
        for entry in &view.file.entries {
            if entry.span.start > to || entry.span.end < from {
                continue;
            }
            for pattern in entry.patterns() {
                for select in pattern.selects() {
                    for variant in &select.variants {
                        let key = variant.key.as_ref();
                        let invalid = !variant.numeric
                            && CLDR_CATEGORIES.contains(&key)
                            && !categories.contains(key);
                        if !invalid || variant.span.start > to || variant.span.end < from {
                            continue;
                        }
                        let absent: Vec<&str> = categories
                            .iter()
                            .copied()
                            .filter(|c| !select.variants.iter().any(|v| v.key == *c))
                            .collect();
                        for (i, category) in absent.iter().enumerate() {
                            actions.push(edit_action(
                                view,
                                format!("Replace the plural key `[{key}]` with `[{category}]` ({} has no `{key}`)", view.tag),
                                vec![TextEdit::new(lines.range(variant.span.clone()), category.to_string())],
                                i == 0,
                            ));
                        }
                    }
                }
            }
        }
    }
    actions
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though the field is.
pub fn symbols(file: &CatalogFile) -> Vec<DocumentSymbol> {
    let lines = Lines::new(&file.text);
    file.entries
        .iter()
        .map(|entry| {
            let (name, kind) = match entry.kind {
                EntryKind::Message => (entry.id.to_string(), SymbolKind::STRING),
                EntryKind::Term => (format!("-{}", entry.id), SymbolKind::CONSTANT),
            };
            let children: Vec<DocumentSymbol> = entry
                .attributes
                .iter()
                .map(|a| DocumentSymbol {
                    name: format!(".{}", a.name),
                    detail: Some(first_line(&a.pattern.text)),
                    kind: SymbolKind::FIELD,
                    tags: None,
                    deprecated: None,
                    range: lines.range(a.name_span.start..a.pattern.span.end.max(a.name_span.end)),
                    selection_range: lines.range(a.name_span.clone()),
                    children: None,
                })
                .collect();
            DocumentSymbol {
                name,
                detail: entry.value.as_ref().map(|v| first_line(&v.text)),
                kind,
                tags: None,
                deprecated: None,
                range: lines.range(entry.span.clone()),
                selection_range: lines.range(entry.id_span.clone()),
                children: (!children.is_empty()).then_some(children),
            }
        })
        .collect()
}
