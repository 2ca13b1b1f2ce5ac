//! A synthetic *application* corpus, shaped like Firefox's strings rather than a website's:
//! the source strings in a repository of their own beside the project, files loaded into
//! separate bundles (the same id in two of them), a branding file of terms every bundle
//! shares, access keys, `DATETIME()` and a custom function, `{ "" }` sources, plural selects in
//! languages whose fraction-only categories translators leave out, en-GB beside en-US, and a
//! folder that is not a tag (`ja-JP-mac`). Targets miss messages and terms and keep obsolete
//! ones, so the counts can be compared with compare-locales' (`benches/peers.sh --app`).

use std::fmt::Write as _;
use std::path::Path;

use super::SynthSummary;

/// The target locales: (tag, folder, plural variants a translator writes, in order; the last
/// is the default). The variants follow what Mozilla's translations hold: lt and cs without
/// the `many` that CLDR uses for fractions only, ru and pl sometimes defaulting on `many`.
const LOCALES: &[(&str, &str, &[&[&str]])] = &[
    ("fr", "fr", &[&["one", "other"]]),
    ("de", "de", &[&["one", "other"]]),
    (
        "lt",
        "lt",
        &[&["one", "few", "other"], &["one", "few", "many", "other"]],
    ),
    ("cs", "cs", &[&["one", "few", "other"]]),
    (
        "ru",
        "ru",
        &[&["one", "few", "many", "other"], &["one", "few", "many"]],
    ),
    (
        "pl",
        "pl",
        &[&["one", "few", "many", "other"], &["one", "few", "many"]],
    ),
    (
        "pt-PT",
        "pt-PT",
        &[&["one", "many", "other"], &["one", "other"]],
    ),
    ("en-GB", "en-GB", &[&["one", "other"]]),
    ("ja", "ja-JP-mac", &[&["other"]]),
];

/// The source files (below the source folder) and the bundle group each belongs to.
const FILES: &[&str] = &[
    "browser/menubar.ftl",
    "browser/downloads.ftl",
    "browser/about.ftl",
    "browser/labs.ftl",
    "toolkit/about.ftl",
    "toolkit/printing.ftl",
];

const BRAND: &str = "## Brand names: every bundle loads this file.\n\n-brand-short-name = Nightly\n-brand-full-name = Nightly Browser\n-vendor-short-name = Mozilla\n";

const WORDS: [&str; 12] = [
    "window",
    "tab",
    "bookmark",
    "download",
    "page",
    "history",
    "password",
    "print",
    "folder",
    "profile",
    "update",
    "extension",
];

/// Writes the corpus: `DIR/source/en-US/` (the source repository) and `DIR/l10n/` (the
/// project: `fluentpress.yaml` and `locales/<folder>/`). `messages` is the number of
/// generated messages per source file.
pub fn write_app_corpus(dir: &Path, messages: usize) -> std::io::Result<SynthSummary> {
    let mut summary = SynthSummary::default();
    let mut write = |relative: String, text: &str| -> std::io::Result<()> {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        summary.files += 1;
        summary.bytes += text.len();
        std::fs::write(path, text)
    };
    write("l10n/fluentpress.yaml".into(), &config())?;
    write("source/en-US/branding/brand.ftl".into(), BRAND)?;
    for (f, file) in FILES.iter().enumerate() {
        write(format!("source/en-US/{file}"), &source_file(f, messages))?;
    }
    for (i, (tag, folder, plurals)) in LOCALES.iter().enumerate() {
        let brand = if *tag == "en-GB" {
            BRAND.to_string()
        } else {
            BRAND.replace("Nightly Browser", &format!("Nightly ({tag})"))
        };
        write(format!("l10n/locales/{folder}/branding/brand.ftl"), &brand)?;
        for (f, file) in FILES.iter().enumerate() {
            let text = target_file(i, tag, plurals, f, messages);
            write(format!("l10n/locales/{folder}/{file}"), &text)?;
        }
        summary.locales.push(tag.to_string());
    }
    Ok(summary)
}

/// The target tags with their folders, in configuration order.
pub fn app_locales() -> Vec<(&'static str, &'static str)> {
    LOCALES.iter().map(|(t, f, _)| (*t, *f)).collect()
}

fn config() -> String {
    let mut out = String::from(
        "# A synthetic application corpus (fp-synth --app): only checked, so no `site:` and no\n# names. The source strings live in their own repository beside this project.\nsource_locale:\n  tag: en-US\n  folder: ../source/en-US\nlocales:\n",
    );
    for (tag, folder, _) in LOCALES {
        let _ = writeln!(out, "  - tag: {tag}");
        if tag != folder {
            let _ = writeln!(out, "    folder: {folder}");
        }
    }
    out.push_str(
        "check:\n  functions: [PLATFORM]\n  bundles:\n    - name: browser\n      files: [\"browser/**\", \"branding/**\"]\n    - name: toolkit\n      files: [\"toolkit/**\", \"branding/**\"]\n",
    );
    out
}

fn prefix(file: usize) -> String {
    FILES[file].trim_end_matches(".ftl").replace('/', "-")
}

/// The shape of generated message `k`: 0 text with a term, 1 menu item with an access key,
/// 2 plural, 3 date, 4 platform select, 5 empty source, 6 attributes only.
fn source_message(id: &str, k: usize) -> String {
    let word = WORDS[k % WORDS.len()];
    match k % 7 {
        0 => format!("{id} = Open the {word} in {{ -brand-short-name }}\n"),
        1 => format!(
            "{id} =\n    .label = {} menu\n    .accesskey = {}\n",
            capitalized(word),
            word[..1].to_uppercase()
        ),
        2 => format!(
            "{id} =\n    {{ $count ->\n        [one] {{ $count }} {word}\n       *[other] {{ $count }} {word}s\n    }}\n"
        ),
        3 => format!(
            "{id} = Last {word}: {{ DATETIME($date, month: \"long\", day: \"numeric\") }}\n"
        ),
        4 => format!(
            "{id} =\n    {{ PLATFORM() ->\n        [macos] Preferences of the {word}\n       *[other] Settings of the {word}\n    }}\n"
        ),
        5 => format!("{id} = {{ \"\" }}\n"),
        _ => format!("{id} =\n    .title = About this {word}\n    .placeholder = Search\n"),
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn source_file(file: usize, messages: usize) -> String {
    let mut out = String::from("# This Source Code Form is subject to the terms of a licence.\n\n");
    let p = prefix(file);
    match FILES[file] {
        // The same ids in two files of different bundles.
        "browser/about.ftl" | "toolkit/about.ftl" => {
            out.push_str(
                "about-title = About { -brand-short-name }\nabout-version = Version { $version }\n",
            );
        }
        "browser/labs.ftl" => {
            out.push_str("-firefoxlabs-brand-name = Nightly Labs\nlabs-intro = Try the experiments of { -firefoxlabs-brand-name }\n");
        }
        _ => {}
    }
    for k in 0..messages {
        out.push_str(&source_message(&format!("{p}-item-{k}"), k));
    }
    out
}

/// A translation of one source file by locale `i`: every 17th message (shifted per locale)
/// missing, an obsolete message in some files, the labs term missing in every other locale
/// and an unused obsolete term in every third. en-GB copies the source (a same-language
/// variant); ja translates without plurals.
fn target_file(i: usize, tag: &str, plurals: &[&[&str]], file: usize, messages: usize) -> String {
    let mut out = String::new();
    let p = prefix(file);
    let translate = |text: &str| -> String {
        if tag == "en-GB" {
            text.to_string()
        } else {
            format!("{text} ({tag})")
        }
    };
    match FILES[file] {
        "browser/about.ftl" | "toolkit/about.ftl" => {
            let _ = writeln!(
                out,
                "about-title = {}\nabout-version = {}",
                translate("About { -brand-short-name }"),
                translate("Version { $version }")
            );
        }
        "browser/labs.ftl" => {
            if i % 2 == 1 {
                let _ = writeln!(
                    out,
                    "-firefoxlabs-brand-name = {}",
                    translate("Nightly Labs")
                );
                let _ = writeln!(
                    out,
                    "labs-intro = {}",
                    translate("Try the experiments of { -firefoxlabs-brand-name }")
                );
            } else {
                let _ = writeln!(out, "labs-intro = {}", translate("Try the experiments"));
            }
        }
        _ => {}
    }
    if i.is_multiple_of(3) && file == 0 {
        out.push_str("-old-brand-name = Firefox Classic\n");
    }
    for k in 0..messages {
        if (k + i * 5 + file).is_multiple_of(17) {
            continue;
        }
        let id = format!("{p}-item-{k}");
        let word = WORDS[k % WORDS.len()];
        let text = match k % 7 {
            0 => format!(
                "{id} = {}\n",
                translate(&format!("Open the {word} in {{ -brand-short-name }}"))
            ),
            1 => format!(
                "{id} =\n    .label = {}\n    .accesskey = {}\n",
                translate(&format!("{} menu", capitalized(word))),
                word[..1].to_uppercase()
            ),
            2 => {
                let variants = plurals[k / 7 % plurals.len()];
                let mut select = format!("{id} =\n    {{ $count ->\n");
                for (v, category) in variants.iter().enumerate() {
                    let star = if v + 1 == variants.len() { "*" } else { " " };
                    let _ = writeln!(
                        select,
                        "       {star}[{category}] {{ $count }} {}",
                        translate(&format!("{word} {category}"))
                    );
                }
                select.push_str("    }\n");
                select
            }
            3 => format!(
                "{id} = {} {{ DATETIME($date, month: \"long\", day: \"numeric\") }}\n",
                translate(&format!("Last {word}:"))
            ),
            4 => format!(
                "{id} =\n    {{ PLATFORM() ->\n        [macos] {}\n       *[other] {}\n    }}\n",
                translate(&format!("Preferences of the {word}")),
                translate(&format!("Settings of the {word}"))
            ),
            5 => format!("{id} = {{ \"\" }}\n"),
            _ => format!(
                "{id} =\n    .title = {}\n    .placeholder = {}\n",
                translate(&format!("About this {word}")),
                translate("Search")
            ),
        };
        out.push_str(&text);
    }
    if (file + i).is_multiple_of(3) {
        let _ = writeln!(
            out,
            "{p}-removed-{i} = {}",
            translate("A string the source dropped")
        );
    }
    out
}
