//! Synthetic projects for benchmarks: many locales, many messages, deterministic to the byte.
//!
//! The same generator feeds `benches/check.rs` and the `fp-synth` example (`examples/fp-synth.rs`,
//! for comparisons with other tools; never installed), so every figure is measured on the same input. Messages mix plain text,
//! variables, plural selections with each locale's real CLDR categories, attributes and terms;
//! targets miss a few messages, keep a few obsolete ones, and a few entries are Junk.
//! `app` writes an application corpus instead (Firefox's shapes, see [`write_app_corpus`]).

mod app;

pub use app::{app_locales, write_app_corpus};

use std::fmt::Write as _;
use std::path::Path;

use unic_langid::LanguageIdentifier;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub locales: usize,
    pub messages: usize,
    /// Messages per file.
    pub per_file: usize,
    /// Content pages (for exporters); 0 for a checker-only project.
    pub pages: usize,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            locales: 100,
            messages: 3000,
            per_file: 100,
            pages: 0,
        }
    }
}

/// Counts of what was written, for reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SynthSummary {
    pub locales: Vec<String>,
    pub files: usize,
    pub bytes: usize,
    /// Per target locale: the source messages it lacks.
    pub missing_per_locale: usize,
}

const LANGUAGES: [&str; 25] = [
    "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "sv", "da", "fi", "nb", "tr", "ar",
    "he", "ja", "ko", "zh", "id", "vi", "th", "hi", "el",
];
const REGIONS: [&str; 4] = ["", "-CA", "-BE", "-CH"];
const WORDS: [&str; 16] = [
    "aluminium",
    "smelter",
    "bauxite",
    "refinery",
    "community",
    "energy",
    "project",
    "harbour",
    "school",
    "village",
    "report",
    "growth",
    "safety",
    "river",
    "power",
    "people",
];

/// A small deterministic generator (xorshift), so every run writes the same project.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The target locale tags: real languages (so plural rules are real) with a few regions.
pub fn locale_tags(count: usize) -> Vec<String> {
    REGIONS
        .iter()
        .flat_map(|region| LANGUAGES.iter().map(move |lang| format!("{lang}{region}")))
        .take(count)
        .collect()
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    out
}

/// One message's FTL in a locale (`prefix` marks the language so no text equals the source).
fn message(rng: &mut Rng, id: &str, kind: u64, prefix: &str, categories: &[&str]) -> String {
    let words = 4 + rng.below(8) as usize;
    let text = sentence(rng, words);
    match kind {
        // Variables.
        0..=1 => format!("{id} = {prefix}{text} {{ $name }} and {{ $count }}\n"),
        // Plural selection with the locale's own categories.
        2 => {
            let mut out = format!("{id} =\n    {{ $count ->\n");
            for category in categories.iter().filter(|c| **c != "other") {
                let _ = writeln!(
                    out,
                    "        [{category}] {prefix}{{ $count }} {text} {category}"
                );
            }
            let _ = writeln!(out, "       *[other] {prefix}{{ $count }} {text}");
            out.push_str("    }\n");
            out
        }
        // Attributes and a term reference.
        3 => format!(
            "{id} = {prefix}{text} {{ -brand }}\n    .title = {prefix}{text}\n    .aria-label = {prefix}label\n"
        ),
        // Plain text.
        _ => format!("{id} = {prefix}{text}\n"),
    }
}

/// Writes a synthetic project into `dir` (created if needed).
pub fn write_project(dir: &Path, options: &SynthOptions) -> std::io::Result<SynthSummary> {
    let tags = locale_tags(options.locales);
    let mut summary = SynthSummary {
        locales: tags.clone(),
        ..SynthSummary::default()
    };
    let mut config = String::from(
        "site:\n  name: Synthetic\n  base_url: https://synthetic.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n",
    );
    for tag in &tags {
        let _ = writeln!(
            config,
            "  - tag: {tag}\n    name: {tag}\n    min_coverage: 50"
        );
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("fluentpress.yaml"), config)?;
    write_pages(dir, options.pages)?;

    let files = options.messages.div_ceil(options.per_file.max(1));
    let mut all = vec![("en-US".to_string(), String::new())];
    all.extend(tags.iter().map(|t| (t.clone(), format!("{t}: "))));
    for (index, (tag, prefix)) in all.iter().enumerate() {
        let is_source = index == 0;
        let langid: LanguageIdentifier = tag.parse().unwrap_or_default();
        let categories: Vec<&str> = crate::plural::runtime_categories(&langid)
            .into_iter()
            .collect();
        let locale_dir = dir.join("locales").join(tag);
        std::fs::create_dir_all(&locale_dir)?;
        let mut missing = 0;
        for file in 0..files {
            // The source's content is the same for every locale: one seed per file.
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (file as u64 + 1));
            let mut fate = Rng(0x2545_f491_4f6c_dd1d ^ ((index as u64) << 20) ^ (file as u64 + 7));
            let mut text = format!("### Synthetic messages, file {file}, {tag}.\n\n");
            if file == 0 {
                let _ = writeln!(text, "-brand = {prefix}Acme\n");
            }
            for n in 0..options.per_file {
                let number = file * options.per_file + n;
                if number >= options.messages {
                    break;
                }
                let id = format!("msg-{number}");
                let kind = rng.below(10);
                let categories: &[&str] = if is_source {
                    &["one", "other"]
                } else {
                    &categories
                };
                let body = message(&mut rng, &id, kind, prefix, categories);
                if !is_source {
                    match fate.below(1000) {
                        // 2% missing, 0.1% Junk, 0.5% obsolete extra.
                        0..=19 => {
                            missing += 1;
                            continue;
                        }
                        // A Junk entry translates nothing either.
                        20 => {
                            missing += 1;
                            let _ = writeln!(text, "{id} = {{ $broken\n");
                            continue;
                        }
                        21..=25 => {
                            let _ = writeln!(text, "obsolete-{number} = {prefix}gone\n");
                        }
                        _ => {}
                    }
                }
                text.push_str(&body);
                text.push('\n');
            }
            summary.bytes += text.len();
            summary.files += 1;
            std::fs::write(locale_dir.join(format!("messages-{file:03}.ftl")), text)?;
        }
        if !is_source {
            summary.missing_per_locale = summary.missing_per_locale.max(missing);
        }
    }
    Ok(summary)
}

/// Content pages: a heading and a few paragraphs each, with links between pages.
fn write_pages(dir: &Path, pages: usize) -> std::io::Result<()> {
    if pages == 0 {
        return Ok(());
    }
    let content = dir.join("content");
    std::fs::create_dir_all(&content)?;
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for page in 0..pages {
        let mut text = format!(
            "---\ntitle: Page {page} {}\nslug: page-{page}\nnav_order: {}\ndescription: {}\n---\n\n",
            sentence(&mut rng, 2),
            if page < 8 {
                page as i64 + 1
            } else {
                1000 + page as i64
            },
            sentence(&mut rng, 10)
        );
        for section in 0..3 {
            let _ = writeln!(text, "## Section {section} {}\n", sentence(&mut rng, 2));
            for _ in 0..3 {
                let _ = writeln!(
                    text,
                    "{} *{}* [see page {}](@/page-{}.md).\n",
                    sentence(&mut rng, 25),
                    sentence(&mut rng, 2),
                    (page + 1) % pages,
                    (page + 1) % pages
                );
            }
        }
        std::fs::write(content.join(format!("page-{page}.md")), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_loads() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let options = SynthOptions {
            locales: 3,
            messages: 250,
            per_file: 100,
            pages: 2,
        };
        let sa = write_project(a.path(), &options).unwrap();
        let sb = write_project(b.path(), &options).unwrap();
        assert_eq!(sa, sb);
        assert_eq!(sa.locales, ["fr", "de", "es"]);
        for rel in [
            "locales/de/messages-002.ftl",
            "content/page-1.md",
            "fluentpress.yaml",
        ] {
            assert_eq!(
                std::fs::read(a.path().join(rel)).unwrap(),
                std::fs::read(b.path().join(rel)).unwrap()
            );
        }
        let project = crate::config::load_project(a.path()).unwrap();
        let catalog = crate::catalog::load_catalog(&project).unwrap();
        assert_eq!(catalog.locale("en-US").unwrap().message_count(), 250);
        let report = crate::check::check(&project, &catalog, &Default::default(), None).unwrap();
        for summary in report.locales.iter().filter(|s| s.locale != "en-US") {
            assert_eq!(summary.messages, 250);
            assert!(
                summary.missing > 0 && summary.missing <= sa.missing_per_locale,
                "{summary:?} {sa:?}"
            );
            assert!(summary.obsolete > 0, "{summary:?}");
        }
        // Plural selections use each locale's categories: no invalid-plural-category anywhere.
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.code != crate::check::Code::InvalidPluralCategory)
        );
    }
}
