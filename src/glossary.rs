//! A locale's glossary, `locales/<tag>/glossary.yaml`: the required renderings of brand, company
//! and place names in that locale. `check` enforces it; a name whose rendering is the source text
//! itself ("PT. Well Harvest Winning Alumina Refinery") may stand untranslated.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::fsutil::{self, Location};

/// The file name of a glossary inside a locale folder.
pub const GLOSSARY_FILE: &str = "glossary.yaml";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GlossaryError {
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error("{location}: invalid glossary: {message}")]
    Invalid { location: Location, message: String },
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub terms: Vec<GlossaryTerm>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// The text as it appears in source messages (case-sensitive).
    pub source: String,
    /// Accepted renderings in the locale; a translation containing the source text must contain
    /// one of these.
    pub translations: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Other spellings of the term in the locale (`aluminium` for `aluminum`): search finds the
    /// pages of any of them from any other. `check` does not require them.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

impl Glossary {
    /// Texts that may legitimately stay identical to the source: names kept as they are.
    pub fn kept_names(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .filter(|t| t.translations.iter().any(|tr| tr == &t.source))
            .map(|t| t.source.as_str())
    }
}

impl Glossary {
    /// The spelling groups search treats as one word: each term with `synonyms:`, its
    /// renderings (and, in the source locale's own glossary, its source text) then its synonyms.
    pub fn synonym_groups(&self, source_locale: bool) -> Vec<Vec<String>> {
        self.terms
            .iter()
            .filter(|t| !t.synonyms.is_empty())
            .map(|t| {
                let mut group = Vec::new();
                if source_locale {
                    group.push(t.source.clone());
                }
                group.extend(t.translations.iter().cloned());
                group.extend(t.synonyms.iter().cloned());
                group.dedup();
                group
            })
            .collect()
    }
}

/// Path of a locale's glossary.
pub fn glossary_path(locale_dir: &Path) -> PathBuf {
    locale_dir.join(GLOSSARY_FILE)
}

/// Loads a locale's glossary; a locale without one has an empty glossary.
pub fn load_glossary(locale_dir: &Path) -> Result<Glossary, GlossaryError> {
    let path = glossary_path(locale_dir);
    if !path.exists() {
        return Ok(Glossary::default());
    }
    let text = fsutil::read_utf8(&path)?;
    crate::config::from_yaml(&text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        GlossaryError::Invalid {
            location: Location::new(&path, line, column),
            message: message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_terms_and_kept_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(GLOSSARY_FILE),
            "terms:\n  - source: Acme\n    translations: [Acme]\n  - source: Port\n    translations: [港]\n",
        )
        .unwrap();
        let g = load_glossary(dir.path()).unwrap();
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.kept_names().collect::<Vec<_>>(), ["Acme"]);
    }

    #[test]
    fn missing_glossary_is_empty_and_bad_one_is_positioned() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_glossary(dir.path()).unwrap(), Glossary::default());
        std::fs::write(
            dir.path().join(GLOSSARY_FILE),
            "terms:\n  - source: A\n    wrong: 1\n",
        )
        .unwrap();
        let err = load_glossary(dir.path()).unwrap_err().to_string();
        assert!(err.contains("glossary.yaml:3:5"), "{err}");
    }
}
