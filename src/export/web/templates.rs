//! The site's templates and static assets: embedded in the binary, each replaceable by a file
//! of the same name in the project's `templates/` folder.
//!
//! Templates are `minijinja` with HTML auto-escaping: a value is escaped unless the exporter
//! marked it as HTML it rendered itself (message markup, already escaped). A template that does
//! not parse, or uses a name the exporter does not provide, is an error naming the file and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::{Enumerator, Object};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

use super::WebError;
use crate::config::Project;
use crate::fsutil;

/// The built-in templates, by name.
pub const TEMPLATES: [(&str, &str); 5] = [
    ("base.html", include_str!("../../assets/base.html")),
    ("page.html", include_str!("../../assets/page.html")),
    ("search.html", include_str!("../../assets/search.html")),
    ("404.html", include_str!("../../assets/404.html")),
    ("root.html", include_str!("../../assets/root.html")),
];

/// The built-in static files, copied to `/assets/`.
pub const ASSETS: [(&str, &str); 3] = [
    ("style.css", include_str!("../../assets/style.css")),
    ("site.js", include_str!("../../assets/site.js")),
    ("search.js", include_str!("../../assets/search.js")),
];

/// The folder of a project's own templates and assets.
pub fn templates_dir(project: &Project) -> PathBuf {
    project.root.join("templates")
}

pub struct Templates {
    env: Environment<'static>,
    /// Template name → where it came from, for error messages.
    origins: BTreeMap<String, String>,
    /// Asset name → contents (built-in or the project's).
    pub assets: Vec<(String, String)>,
}

impl Templates {
    /// Loads the built-in templates and the project's overrides, and compiles them all.
    pub fn load(project: &Project) -> Result<Templates, WebError> {
        let dir = templates_dir(project);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Default delimiters cannot fail to build.
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        // minijinja's own HTML escaping also escapes `/`, which is valid but makes every URL
        // unreadable; ours escapes the five characters that matter.
        env.set_formatter(|out, state, value| {
            let plain = *state.auto_escape() == AutoEscape::Html
                && !value.is_safe()
                && !value.is_undefined()
                && !value.is_none();
            if plain {
                // Strings (nearly every value) are escaped straight into the output.
                match value.as_str() {
                    Some(text) => super::html::escape_to(text, out),
                    None => super::html::escape_to(&value.to_string(), out),
                }
                .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        let mut sources: BTreeMap<String, (String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_string(),
                    (format!("(built-in) {name}"), (*text).to_string()),
                )
            })
            .collect();
        let mut assets: BTreeMap<String, String> = ASSETS
            .iter()
            .map(|(name, text)| ((*name).to_string(), (*text).to_string()))
            .collect();
        if dir.is_dir() {
            for (name, path) in list_files(&dir)? {
                // A template linked in from elsewhere on the machine would be published.
                fsutil::ensure_inside(&project.root, &path).map_err(WebError::Read)?;
                let text = fsutil::read_utf8(&path).map_err(WebError::Read)?;
                if name.ends_with(".html") {
                    sources.insert(name, (project.relative(&path).into_owned(), text));
                } else {
                    assets.insert(name, text);
                }
            }
        }
        let mut origins = BTreeMap::new();
        for (name, (origin, text)) in sources {
            origins.insert(name.clone(), origin);
            env.add_template_owned(name, text)
                .map_err(|e| template_error(&e, &origins))?;
        }
        Ok(Templates {
            env,
            origins,
            assets: assets.into_iter().collect(),
        })
    }

    pub fn render(&self, name: &str, context: Value) -> Result<String, WebError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| template_error(&e, &self.origins))
    }
}

/// A map for templates (a page's context, a navigation item, the interface strings), held as
/// its entries sorted by key: built without the tree and the key values minijinja's own maps
/// allocate for every page, looked up by a binary search over plain strings. To a template it
/// is the map it replaces, keys enumerated in the same (sorted) order.
#[derive(Debug)]
pub struct Record<K>(Vec<(K, Value)>);

impl<K: AsRef<str> + Ord + std::fmt::Debug + Send + Sync + 'static> Record<K> {
    /// The map of `entries`; for a key given twice, the last value counts (as inserting into a
    /// map would).
    pub fn value(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
        let mut entries: Vec<(K, Value)> = entries.into_iter().collect();
        // Stable: equal keys stay in order, and the last of each run is kept below.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(K, Value)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match unique.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => unique.push(entry),
            }
        }
        Value::from_object(Record(unique))
    }

    fn find(&self, key: &str) -> Option<Value> {
        self.0
            .binary_search_by(|(k, _)| k.as_ref().cmp(key))
            .ok()
            .map(|i| self.0[i].1.clone())
    }
}

impl<K: AsRef<str> + Ord + std::fmt::Debug + Send + Sync + 'static> Object for Record<K> {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.find(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.find(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(
            self.0
                .iter()
                .map(|(k, _)| Value::from(k.as_ref()))
                .collect(),
        )
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.len())
    }
}

/// Files directly in `dir` (templates and assets are flat), sorted.
fn list_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, WebError> {
    let list_err = |source| WebError::Write {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(list_err)? {
        let entry = entry.map_err(list_err)?;
        let path = entry.path();
        if path.is_file() {
            out.push((entry.file_name().to_string_lossy().into_owned(), path));
        }
    }
    out.sort();
    Ok(out)
}

fn template_error(error: &minijinja::Error, origins: &BTreeMap<String, String>) -> WebError {
    let origin = error
        .name()
        .map(|n| origins.get(n).cloned().unwrap_or_else(|| n.to_string()))
        .unwrap_or_else(|| "template".to_string());
    let location = match error.line() {
        Some(line) => format!("{origin}:{line}"),
        None => origin,
    };
    let message = match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    };
    WebError::Template { location, message }
}
