//! Translation snapshots: how `check` knows a translation is *stale*.
//!
//! For each target locale, `snapshots/<tag>.tsv` records, per translated message (and per
//! attribute), a fingerprint of the source text and of the translation when the two were last
//! seen together. Later:
//! - source fingerprint changed, translation fingerprint unchanged → the translation is stale
//!   (the source moved on, the translator has not looked at it since);
//! - translation fingerprint changed → the translator edited it; not stale, and the next refresh
//!   records the new pair. No bookkeeping is asked of translators.
//!
//! `extract` refreshes the snapshots *before* it writes the new source files, so a translator's
//! unrecorded edit is paired with the source it was made against. The file is plain text, one
//! line per message, sorted: it diffs and merges well in review.
//!
//! A record's key is the pattern's (`id`, `id.attribute`, `-term`). When files form bundles
//! (`check.bundles`) and an id is defined in several files, each file's definition is its own
//! translation with its own source: its record is keyed `path/of/file.ftl:id` (the path below
//! the locale folder; an id never holds a `:`).

use std::collections::{BTreeMap, BTreeSet};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::catalog::{EntryIndex, EntryKind, LocaleCatalog, Located, PatternInfo, PatternKey};
use crate::config::{BundlesConfig, Project};
use crate::fsutil::{self, Location};

const HEADER: &str = "# fluentpress translation snapshot: message<TAB>source fingerprint<TAB>translation fingerprint.\n# Written by `fluentpress extract` (and `build`); commit it with the translations. Do not edit.\n";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    #[error(transparent)]
    Read(#[from] fsutil::ReadError),
    #[error(
        "{location}: malformed snapshot line (expected `key<TAB>hex<TAB>hex`); delete the file and run `fluentpress extract` to rebuild it"
    )]
    Malformed { location: Location },
}

/// Fingerprints of one source/translation pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub source: u64,
    pub translation: u64,
}

/// One locale's snapshot: key (`id`, `id.attribute`, `-term`) → fingerprints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub pairs: BTreeMap<String, Pair>,
}

/// Where a target locale's snapshot lives.
pub fn snapshot_path(project: &Project, tag: &str) -> PathBuf {
    project.snapshots_dir.join(format!("{tag}.tsv"))
}

/// A stable 64-bit FNV-1a hash: the same on every platform and Rust version, which a committed
/// file needs (`std`'s hashers promise neither).
pub fn fingerprint(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Reads a snapshot; a missing file is an empty snapshot.
pub fn load_snapshot(path: &Path) -> Result<Snapshot, SnapshotError> {
    if !path.exists() {
        return Ok(Snapshot::default());
    }
    let text = fsutil::read_utf8(path)?;
    parse_snapshot(path, &text)
}

pub fn parse_snapshot(path: &Path, text: &str) -> Result<Snapshot, SnapshotError> {
    // Editors on Windows may save the file with a byte-order mark; it is not part of the
    // first line (which would then be neither a comment nor a valid pair).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pairs = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let parsed = (|| {
            let key = fields.next()?;
            let source = u64::from_str_radix(fields.next()?, 16).ok()?;
            let translation = u64::from_str_radix(fields.next()?, 16).ok()?;
            fields.next().is_none().then(|| {
                (
                    key.to_string(),
                    Pair {
                        source,
                        translation,
                    },
                )
            })
        })();
        let Some((key, pair)) = parsed else {
            return Err(SnapshotError::Malformed {
                location: Location::new(path, n + 1, 1),
            });
        };
        pairs.insert(key, pair);
    }
    Ok(Snapshot { pairs })
}

pub fn render_snapshot(snapshot: &Snapshot) -> String {
    let mut out = String::from(HEADER);
    for (key, pair) in &snapshot.pairs {
        let _ = writeln!(
            out,
            "{key}\t{:016x}\t{:016x}",
            pair.source, pair.translation
        );
    }
    out
}

/// Every translatable pattern of a locale, by snapshot key: the patterns of the first
/// definition of each message and term, as the locale's bundle shows them.
pub fn patterns(locale: &LocaleCatalog) -> BTreeMap<String, &PatternInfo> {
    EntryIndex::new(locale)
        .patterns()
        .map(|(key, pattern)| (key.to_string(), pattern))
        .collect()
}

/// The refreshed snapshot of `target` against `source` (both as on disk now): pairs whose
/// translation changed, or that are new, are recorded anew; pairs whose translation is unchanged
/// keep their old source fingerprint (so a stale translation stays stale until edited); pairs of
/// messages gone from either side are dropped. Files form bundles as `bundles` says.
pub fn refresh(
    old: &Snapshot,
    source: &LocaleCatalog,
    target: &LocaleCatalog,
    bundles: &BundlesConfig,
) -> Snapshot {
    let source = EntryIndex::scoped(source, bundles);
    let target = EntryIndex::scoped(target, bundles);
    let several = ids_in_several_files(&source, &target);
    let mut pairs = BTreeMap::new();
    for (file, entry) in target.first_definitions() {
        for (key, translation) in entry.keyed_patterns() {
            let record = record_key(&several, &file.relative, key);
            let Some((_, source_pattern)) = source.pattern_in(&file.relative, key) else {
                continue;
            };
            let now = Pair {
                source: fingerprint(&source_pattern.text),
                translation: fingerprint(&translation.text),
            };
            let pair = match old.pairs.get(&record) {
                Some(recorded) if recorded.translation == now.translation => *recorded,
                _ => now,
            };
            pairs.insert(record, pair);
        }
    }
    Snapshot { pairs }
}

/// The ids (with their kind) defined in more than one file of either locale, when files form
/// bundles: their records carry the file. None for a locale that is one bundle.
fn ids_in_several_files<'a>(
    source: &EntryIndex<'a>,
    target: &EntryIndex<'a>,
) -> rustc_hash::FxHashSet<(EntryKind, &'a str)> {
    let mut several = rustc_hash::FxHashSet::default();
    if source.is_per_locale() {
        return several;
    }
    for index in [source, target] {
        let mut seen = rustc_hash::FxHashSet::default();
        for (_, entry) in index.first_definitions() {
            if !seen.insert((entry.kind, entry.id.as_str())) {
                several.insert((entry.kind, entry.id.as_str()));
            }
        }
    }
    several
}

/// The record key of `key` in the file at `relative`: `relative:key` for an id of several
/// files, else the pattern's own key.
fn record_key(
    several: &rustc_hash::FxHashSet<(EntryKind, &str)>,
    relative: &str,
    key: PatternKey<'_>,
) -> String {
    if several.contains(&(key.kind, key.id)) {
        format!("{relative}:{key}")
    } else {
        key.to_string()
    }
}

/// A record key split into the file it names, if any, and the pattern key.
fn split_record(record: &str) -> (Option<&str>, PatternKey<'_>) {
    match record.rsplit_once(':') {
        Some((relative, key)) => (Some(relative), PatternKey::parse(key)),
        None => (None, PatternKey::parse(record)),
    }
}

/// Record keys of `target`'s translations that are stale against `source` (the pattern's key,
/// or `file:key` for an id of several files when files form bundles as `bundles` says).
pub fn stale_keys(
    snapshot: &Snapshot,
    source: &LocaleCatalog,
    target: &LocaleCatalog,
    bundles: &BundlesConfig,
) -> BTreeSet<String> {
    if snapshot.pairs.is_empty() {
        return BTreeSet::new();
    }
    let (source, target) = (
        EntryIndex::scoped(source, bundles),
        EntryIndex::scoped(target, bundles),
    );
    stale_in(snapshot, &source, &target)
        .map(|(record, _, _)| record.to_string())
        .collect()
}

/// The translations of `target` that are stale against `source`, in the order of their
/// records, from indexes the caller already has (`check` builds them for every locale anyway):
/// each as its record key, the definition that is stale and the pattern's key. Walks the
/// snapshot's records, so it allocates nothing.
pub fn stale_in<'s, 'a: 's>(
    snapshot: &'s Snapshot,
    source: &'s EntryIndex<'a>,
    target: &'s EntryIndex<'a>,
) -> impl Iterator<Item = (&'s str, Located<'a>, PatternKey<'s>)> + 's {
    snapshot.pairs.iter().filter_map(|(record, recorded)| {
        let (relative, key) = split_record(record);
        let ((located, translation), (_, source_pattern)) = match relative {
            Some(relative) => (
                target.pattern_in(relative, key)?,
                source.pattern_in(relative, key)?,
            ),
            None => (target.pattern(key)?, source.pattern(key)?),
        };
        (recorded.translation == fingerprint(&translation.text)
            && recorded.source != fingerprint(&source_pattern.text))
        .then_some((record.as_str(), located, key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(text: &str) -> LocaleCatalog {
        LocaleCatalog::from_text("x", "a.ftl", text)
    }

    /// Every file in one bundle (a website).
    const ONE_BUNDLE: BundlesConfig = BundlesConfig::Mode(crate::config::BundleMode::PerLocale);

    #[test]
    fn fingerprint_is_stable() {
        // Committed files depend on these exact values.
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn source_change_makes_unedited_translation_stale_and_an_edit_clears_it() {
        let source_v1 = locale("a = Apple\nb = Banana\n    .title = B\n");
        let target_v1 = locale("a = Pomme\nb = Banane\n    .title = B\n");
        let snap = refresh(&Snapshot::default(), &source_v1, &target_v1, &ONE_BUNDLE);
        assert_eq!(snap.pairs.len(), 3);
        assert!(stale_keys(&snap, &source_v1, &target_v1, &ONE_BUNDLE).is_empty());

        let source_v2 = locale("a = Green apple\nb = Banana\n    .title = Big B\n");
        let stale = stale_keys(&snap, &source_v2, &target_v1, &ONE_BUNDLE);
        assert_eq!(stale.into_iter().collect::<Vec<_>>(), ["a", "b.title"]);

        // A refresh does not clear staleness by itself...
        let snap2 = refresh(&snap, &source_v2, &target_v1, &ONE_BUNDLE);
        assert_eq!(
            stale_keys(&snap2, &source_v2, &target_v1, &ONE_BUNDLE).len(),
            2
        );
        // ...the translator's edit does.
        let target_v2 = locale("a = Pomme verte\nb = Banane\n    .title = B\n");
        assert_eq!(
            stale_keys(&snap2, &source_v2, &target_v2, &ONE_BUNDLE)
                .into_iter()
                .collect::<Vec<_>>(),
            ["b.title"]
        );
        let snap3 = refresh(&snap2, &source_v2, &target_v2, &ONE_BUNDLE);
        assert_eq!(snap3.pairs["a"].source, fingerprint("Green apple"));
    }

    #[test]
    fn only_the_first_definition_of_a_message_is_recorded() {
        // The bundle shows the first `b`, which has no title: the duplicate's title is a
        // translation nobody sees, so it is neither recorded nor ever stale.
        let source = locale("b = B\n    .title = T\n");
        let target = locale("b = Bé\nb = Bis\n    .title = Té\n");
        let snap = refresh(&Snapshot::default(), &source, &target, &ONE_BUNDLE);
        assert_eq!(snap.pairs.keys().collect::<Vec<_>>(), ["b"]);
        assert_eq!(snap.pairs["b"].translation, fingerprint("Bé"));
        let recorded = Snapshot {
            pairs: [(
                "b.title".to_string(),
                Pair {
                    source: 1,
                    translation: fingerprint("Té"),
                },
            )]
            .into(),
        };
        assert!(stale_keys(&recorded, &source, &target, &ONE_BUNDLE).is_empty());
    }

    /// When files form bundles, an id defined in two files is two translations: each is
    /// recorded under its file and found stale on its own; an id of one file keeps its plain
    /// key, so the snapshots of such projects read as before.
    #[test]
    fn each_files_definition_is_recorded_when_files_form_bundles() {
        let per_file = BundlesConfig::Mode(crate::config::BundleMode::PerFile);
        let two = |a: &str, b: &str| {
            let mut locale = LocaleCatalog::from_text("x", "a.ftl", a);
            locale.replace_file(crate::catalog::parse_file(
                "b.ftl".into(),
                "sub/b.ftl".into(),
                b.into(),
            ));
            locale
        };
        let source_v1 = two("x = Open\nonly = O\n", "x = Close\n");
        let target = two("x = Ouvrir\nonly = O-fr\n", "x = Fermer\n");
        let snap = refresh(&Snapshot::default(), &source_v1, &target, &per_file);
        assert_eq!(
            snap.pairs.keys().collect::<Vec<_>>(),
            ["a.ftl:x", "only", "sub/b.ftl:x"]
        );
        assert_eq!(snap.pairs["sub/b.ftl:x"].source, fingerprint("Close"));
        // Only b.ftl's source changed: only b.ftl's translation is stale.
        let source_v2 = two("x = Open\nonly = O\n", "x = Close all\n");
        assert_eq!(
            stale_keys(&snap, &source_v2, &target, &per_file)
                .into_iter()
                .collect::<Vec<_>>(),
            ["sub/b.ftl:x"]
        );
        let source_index = EntryIndex::scoped(&source_v2, &per_file);
        let target_index = EntryIndex::scoped(&target, &per_file);
        let stale: Vec<(&str, &str)> = stale_in(&snap, &source_index, &target_index)
            .map(|(_, (file, entry), _)| (file.relative.as_str(), entry.id.as_str()))
            .collect();
        assert_eq!(stale, [("sub/b.ftl", "x")]);
        // The same files in one bundle: the first definition is the translation.
        let one = refresh(&Snapshot::default(), &source_v1, &target, &ONE_BUNDLE);
        assert_eq!(one.pairs.keys().collect::<Vec<_>>(), ["only", "x"]);
        assert_eq!(one.pairs["x"].source, fingerprint("Open"));
    }

    #[test]
    fn render_and_parse_round_trip_and_malformed_lines_are_located() {
        let source = locale("a = A\n-t = T\n");
        let snap = refresh(
            &Snapshot::default(),
            &source,
            &locale("a = Á\n-t = T\n"),
            &ONE_BUNDLE,
        );
        let text = render_snapshot(&snap);
        assert_eq!(parse_snapshot(Path::new("s.tsv"), &text).unwrap(), snap);
        assert!(text.contains("-t\t"));
        let err = parse_snapshot(Path::new("s.tsv"), "# c\na\tzz\t00\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s.tsv:2:1"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_line() {
        let snap = refresh(
            &Snapshot::default(),
            &locale("a = A\n"),
            &locale("a = Á\n"),
            &ONE_BUNDLE,
        );
        let text = render_snapshot(&snap);
        let with_bom = format!("\u{feff}{text}");
        assert_eq!(parse_snapshot(Path::new("s.tsv"), &with_bom).unwrap(), snap);
        // Without the header, the first line is a pair: its key must not keep the mark.
        let bare = format!("\u{feff}{}", text.lines().last().unwrap());
        assert_eq!(parse_snapshot(Path::new("s.tsv"), &bare).unwrap(), snap);
    }
}
