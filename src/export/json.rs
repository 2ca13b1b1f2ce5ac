//! `/{locale}/messages.json`: every message of a locale, resolved through its fallback chain,
//! for a client-side runtime (or any other consumer that wants plain text and no Fluent).
//!
//! Each message gives its text and the locale that served it; attributes likewise. A message
//! that needs arguments (a plural, a name) cannot be turned into text in advance: it lists its
//! variables instead, and a client formats it from the `.ftl` files published beside this file
//! (`resources`, relative to the locale's folder), in the order of `fallback`.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::catalog::EntryIndex;
use crate::config::Project;
use crate::localize::Localizer;

#[derive(Serialize)]
struct MessagesFile<'a> {
    locale: &'a str,
    /// The locales tried after this one, in order.
    fallback: &'a [String],
    /// This locale's `.ftl` files, relative to its folder (`ftl/ui.ftl`).
    resources: Vec<String>,
    messages: SortedMap<'a>,
}

/// Messages by id, sorted by id: serialized as a JSON object, like a `BTreeMap`, but built by
/// one sort instead of a tree insertion per message.
struct SortedMap<'a>(Vec<(&'a str, MessageJson)>);

impl Serialize for SortedMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(id, message)| (id, message)))
    }
}

/// A message: its value's fields (when it has a value) and its attributes, in one object.
struct MessageJson {
    value: Option<TextJson>,
    attributes: BTreeMap<String, TextJson>,
}

// Written out rather than derived with `#[serde(flatten)]`: the same JSON, without serde's
// buffering of flattened fields, which cost a fifth of the file's time.
impl Serialize for MessageJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(value) = &self.value {
            map.serialize_entry("locale", &value.locale)?;
            if let Some(text) = &value.value {
                map.serialize_entry("value", text)?;
            }
            if !value.variables.is_empty() {
                map.serialize_entry("variables", &value.variables)?;
            }
        }
        if !self.attributes.is_empty() {
            map.serialize_entry("attributes", &self.attributes)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct TextJson {
    /// Who served the text.
    locale: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    /// Variables the text needs; when present there is no `value`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variables: Vec<String>,
}

/// The folder below `/{locale}/` holding the locale's `.ftl` files.
pub const FTL_DIR: &str = "ftl";

/// The `messages.json` of `tag`: every message of the source locale.
pub fn messages_json(
    project: &Project,
    catalog: &crate::catalog::Catalog,
    localizer: &Localizer,
    tag: &str,
) -> String {
    let mut json = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let _ = write_messages_json(project, catalog, localizer, tag, &mut json);
    String::from_utf8(json).unwrap_or_default()
}

/// [`messages_json`] written to `out` as it is serialized: the file (megabytes for a large
/// site) is never held whole in memory, which fresh memory for every locale made slow.
pub fn write_messages_json(
    project: &Project,
    catalog: &crate::catalog::Catalog,
    localizer: &Localizer,
    tag: &str,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    let source_tag = &project.source_locale().tag;
    // Each locale's messages by id (first definition wins, as in the bundles): only the locales
    // that can serve this one, its fallback chain.
    let chain = localizer.chain(tag);
    let by_id: FxHashMap<&str, EntryIndex<'_>> = catalog
        .locales
        .iter()
        .filter(|l| chain.contains(&l.tag))
        .map(|l| (l.tag.as_str(), EntryIndex::new(l)))
        .collect();
    let text = |id: &str, attribute: Option<&str>| -> Option<TextJson> {
        let found = localizer.format(tag, id, attribute, None)?;
        // The variables of the serving locale's pattern decide whether the text is final.
        let variables: Vec<String> = by_id
            .get(found.locale.as_str())
            .and_then(|index| index.message(id))
            .and_then(|(_, e)| match attribute {
                Some(name) => e.attribute(name).map(|a| &a.pattern),
                None => e.value.as_ref(),
            })
            .map(|p| p.variables().iter().map(String::from).collect())
            .unwrap_or_default();
        Some(TextJson {
            locale: found.locale,
            value: variables.is_empty().then_some(found.text),
            variables,
        })
    };
    let mut messages = Vec::new();
    if let Some(source) = catalog.locale(source_tag) {
        // The source serves every locale, so its index is normally among the chain's.
        let built;
        let index = match by_id.get(source_tag.as_str()) {
            Some(index) => index,
            None => {
                built = EntryIndex::new(source);
                &built
            }
        };
        messages.reserve(index.messages().len());
        for (_, entry) in index.messages() {
            let attributes = entry
                .attributes
                .iter()
                .filter_map(|a| Some((a.name.to_string(), text(&entry.id, Some(&a.name))?)))
                .collect();
            let value = entry.value.as_ref().and_then(|_| text(&entry.id, None));
            messages.push((entry.id.as_str(), MessageJson { value, attributes }));
        }
    }
    // Ids are unique, so the order is total.
    messages.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let resources = catalog
        .locale(tag)
        .map(|l| {
            l.files
                .iter()
                .map(|f| format!("{FTL_DIR}/{}", f.relative))
                .collect()
        })
        .unwrap_or_default();
    let file = MessagesFile {
        locale: tag,
        fallback: project
            .locale(tag)
            .map_or(&[], |l| l.fallback_chain.as_slice()),
        resources,
        messages: SortedMap(messages),
    };
    serde_json::to_writer_pretty(&mut out, &file)?;
    out.write_all(b"\n")
}
