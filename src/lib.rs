//! fluentpress: a multilingual website from source content to published, localized bundles.
//!
//! The pipeline, one module per stage, plain data flowing between them:
//!
//! ```text
//! content/*.md ──extract──► locales/<source>/pages/*.ftl ─┐
//!                           locales/<source>/ui.ftl ──────┤ (hand-written)
//!                           locales/<target>/**/*.ftl ────┤ (translators)
//!                                                         ▼
//!                                               load_catalog → Catalog
//! ```
//!
//! - [`config`]: `fluentpress.yaml` → [`config::Project`] (locales, fallback chains, paths).
//! - [`content`]: Markdown pages with front matter → [`content::Page`]s (blocks and messages).
//! - [`extract`]: pages → the source locale's generated `.ftl` files, byte-for-byte stable.
//! - [`ftl`]: the one FTL writer (Fluent's escaping), shared by extract, init and xliff import.
//! - [`catalog`]: every locale's `.ftl` files → [`catalog::Catalog`], with spans for reports.
//! - [`calendar`]: dates from Unix times (the copyright year, the print cover's date).
//! - [`coverage`]: how much of the source a locale translates, by messages and words.
//! - [`diagnostic`]: severities, rule codes and the diagnostic record every stage reports with.
//! - [`check`]: every locale validated against the source; diagnostics for people and CI.
//! - [`init`]: scaffolds a new project that builds at once.
//! - [`plural`]: the CLDR plural categories of a locale, as fluent-bundle negotiates them.
//! - [`glossary`]: each locale's required renderings of names.
//! - [`snapshot`]: per-locale fingerprints that tell a stale translation from a fresh one.
//! - [`markup`]: the inline Markdown subset inside messages, judged safe, for exporters.
//! - [`publish`]: which locales are published and why the others are not, one policy for every
//!   exporter, `serve` and `status`.
//! - [`localize`]: one fluent-bundle per locale, lookup through fallback chains.
//! - [`export`]: the exporters, each writing into a staged folder swapped in on success:
//!   [`export::web`] (the localized static site, with search), [`export::json`], and
//!   `export::print` (feature `print`, on by default: one PDF per locale typeset with Typst).
//! - [`status`]: one row per locale (coverage, stale, problems, published), for people and CI.
//! - [`xliff`]: the translator round trip: a locale as XLIFF 2.0 / 1.2 for CAT tools, and back.
//! - [`xml`]: XML written through quick-xml's writer (the JUnit report, XLIFF export).
//! - [`languages`]: the known language subtags (ISO 639) and the tag a mistyped one meant.
//! - [`numbers`]: counts with their noun, thousands and percentages as every command prints them.
//! - [`fsutil`]: reading text files with positioned errors, line:column, atomic writes, links.
//! - [`parallel`]: independent items mapped on every core (rayon), results in order.
//! - [`transaction`]: the project lock, and multi-file updates applied all together or not at
//!   all (a journal, replayed or rolled back by the next command after a kill).
//! - `serve` (feature `serve`, on by default): the web export served locally, re-rendered as
//!   files change, pages updating themselves with `check`'s findings shown over them, and
//!   translators translating on the page (the in-context editor).
//! - `lsp` (feature `lsp`, on by default): the language server, `check`'s findings in the
//!   editor as a translator types, with hover, go to definition, completion and quick fixes.
//!
//! Library errors are typed enums carrying the file and position; the binary renders them.
//!
//! Checking a project from a program, as `fluentpress check --format json` does:
//!
//! ```no_run
//! use std::path::Path;
//!
//! let project = fluentpress::config::load_project(Path::new("."))?;
//! let report = fluentpress::check::check_project(&project, &Default::default(), None)?;
//! for d in &report.diagnostics {
//!     println!("{}[{}] {}:{}:{}: {}", d.severity.as_str(), d.code, d.file, d.line, d.column, d.message);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod calendar;
pub mod catalog;
pub mod check;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostic;
pub mod export;
pub mod extract;
pub mod fsutil;
pub mod ftl;
pub mod glossary;
pub mod init;
pub mod languages;
pub mod localize;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod markup;
pub mod numbers;
pub mod parallel;
pub mod plural;
pub mod publish;
#[cfg(feature = "serve")]
pub mod serve;
pub mod snapshot;
pub mod status;
#[doc(hidden)] // For the benchmarks and the fp-synth example, not a stable interface.
pub mod synth;
pub mod transaction;
pub mod xliff;
pub mod xml;

/// An error's message followed by each cause not already spelled out in it, one per line: how
/// the CLI and `serve` show an error to a person.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str("\n  caused by: ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

/// Any error a command can end with. Each variant's message names the file (and the line and
/// column where known).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Extract(#[from] extract::ExtractError),
    #[error(transparent)]
    Catalog(#[from] catalog::CatalogError),
    #[error(transparent)]
    Glossary(#[from] glossary::GlossaryError),
    #[error(transparent)]
    Check(#[from] check::CheckError),
    #[error(transparent)]
    Init(#[from] init::InitError),
    #[error(transparent)]
    Web(#[from] export::web::WebError),
    #[error(transparent)]
    Xliff(#[from] xliff::XliffError),
    #[cfg(feature = "print")]
    #[error(transparent)]
    Print(#[from] export::print::PrintError),
    #[cfg(feature = "serve")]
    #[error(transparent)]
    Serve(#[from] serve::ServeError),
    #[cfg(feature = "lsp")]
    #[error(transparent)]
    Lsp(#[from] lsp::LspError),
    #[error(transparent)]
    Transaction(#[from] transaction::TransactionError),
    /// A command left out of this build by its cargo feature.
    #[error(
        "`fluentpress {command}` is not in this build: it was compiled without the cargo feature `{feature}` (on by default; build or install without --no-default-features, or with --features {feature})"
    )]
    NotBuilt {
        command: &'static str,
        feature: &'static str,
    },
}
