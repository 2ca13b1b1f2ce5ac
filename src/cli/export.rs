//! `fluentpress export <format>`: localized bundles from the catalog. Each format is a
//! subcommand with its own arguments: `web` (the static site) and `print` (PDF, with the
//! default cargo feature `print`).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use fluentpress::catalog;
use fluentpress::config::Project;
use fluentpress::export::web::{self, Progress, WebOptions, WebSummary};
use fluentpress::numbers::{Percent, count, thousands};

use super::Outcome;

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    format: ExportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// The localized static site: pages per locale, search, sitemap (default: <output>/web).
    Web(WebArgs),
    /// One PDF per published locale: cover, contents, every page as a chapter (dist/print/).
    #[cfg(feature = "print")]
    Print(print::PrintArgs),
}

#[derive(Debug, Args)]
pub struct WebArgs {
    /// The output folder, replaced as a whole when the export succeeds.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Publish locales below their min_coverage too.
    #[arg(long)]
    include_incomplete: bool,
    /// Locales to publish (default: all); the source locale is always published.
    #[arg(value_name = "LOCALE")]
    locales: Vec<String>,
}

impl WebArgs {
    /// The library's options for these arguments.
    pub fn options(&self, project: &Project) -> WebOptions {
        let mut options = WebOptions::new(project);
        if let Some(out) = &self.out {
            options.out = out.clone();
        }
        options.include_incomplete = self.include_incomplete;
        options.locales = self.locales.clone();
        options
    }
}

pub fn run(project: &Project, args: ExportArgs) -> Result<Outcome, fluentpress::Error> {
    match args.format {
        ExportFormat::Web(args) => {
            let catalog = catalog::load_catalog(project)?;
            super::warn_unreadable(&catalog);
            run_web(project, &catalog, &args.options(project))
        }
        #[cfg(feature = "print")]
        ExportFormat::Print(args) => print::run(project, args),
    }
}

/// Exports the site and prints its summary (shared with `build`).
pub fn run_web(
    project: &Project,
    catalog: &catalog::Catalog,
    options: &WebOptions,
) -> Result<Outcome, fluentpress::Error> {
    let bar = ProgressBar::new();
    let summary = web::export_web(project, catalog, options, &bar)?;
    print_summary(project, &summary);
    Ok(Outcome::Clean)
}

pub fn print_summary(project: &Project, summary: &WebSummary) {
    let inside = project.root.is_absolute() && summary.out.starts_with(&project.root);
    let out = if summary.out.is_absolute() && !inside {
        summary.out.display().to_string()
    } else {
        project.relative(&summary.out).into_owned()
    };
    outln!("export web: {out}");
    outln!(
        "{:<10} {:>6} {:>9} {:>10} {:>6} {:>13}",
        "locale",
        "pages",
        "coverage",
        "fallbacks",
        "stale",
        "search index"
    );
    for l in &summary.locales {
        outln!(
            "{:<10} {:>6} {:>9} {:>10} {:>6} {:>13}",
            l.tag,
            thousands(l.pages),
            Percent(l.coverage),
            thousands(l.fallback_messages),
            thousands(l.stale_pages),
            format_bytes(l.index_bytes)
        );
    }
    for u in &summary.unpublished {
        outln!(
            "not published: {}: {}; publish it anyway with --include-incomplete",
            u.tag,
            u.reason
        );
    }
    outln!(
        "{} in {} in {:.2} s",
        count(summary.pages(), "page"),
        count(summary.locales.len(), "locale"),
        summary.elapsed.as_secs_f64()
    );
}

fn format_bytes(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// A progress bar on a terminal; nothing when the output is piped or under CI.
pub struct ProgressBar(Option<indicatif::ProgressBar>);

impl ProgressBar {
    pub fn new() -> Self {
        let show = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        ProgressBar(show.then(|| indicatif::ProgressBar::new(0)))
    }
}

impl Progress for ProgressBar {
    fn start(&self, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(total as u64);
        }
    }
    fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(feature = "print")]
pub mod print {
    use std::path::PathBuf;

    use clap::{Args, ValueEnum};
    use fluentpress::catalog;
    use fluentpress::config::Project;
    use fluentpress::export::print::{PrintOptions, PrintReport, export_print};

    use super::Outcome;

    #[derive(Debug, Args)]
    pub struct PrintArgs {
        /// The output folder (default: <output>/print, `paths.output` in fluentpress.yaml).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print only these pages, by their path below content/ without `.md` (overrides
        /// `print.pages` in fluentpress.yaml).
        #[arg(long, value_name = "PAGE,...", value_delimiter = ',')]
        pages: Option<Vec<String>>,
        /// Also write each document's Typst source (.typ) and data (.json) beside its PDF.
        #[arg(long, value_name = "FORMAT")]
        emit: Vec<Emit>,
        /// Also print locales below their `min_coverage` (missing text comes from fallbacks).
        #[arg(long)]
        include_incomplete: bool,
        /// The locales to print (default: every published locale).
        #[arg(value_name = "LOCALE")]
        locales: Vec<String>,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
    enum Emit {
        /// The `.typ` template and the `.json` data it reads.
        Typst,
    }

    pub fn run(project: &Project, args: PrintArgs) -> Result<Outcome, fluentpress::Error> {
        let catalog = catalog::load_catalog(project)?;
        super::super::warn_unreadable(&catalog);
        let mut options = PrintOptions::default();
        options.out_dir = args.out;
        options.pages = args.pages;
        options.emit_typst = args.emit.contains(&Emit::Typst);
        options.include_incomplete = args.include_incomplete;
        options.locales = args.locales;
        let report = export_print(project, &catalog, &options)?;
        print_report(&report);
        Ok(Outcome::Clean)
    }

    /// One line per PDF on stdout; skipped locales and warnings on stderr.
    pub fn print_report(report: &PrintReport) {
        for document in &report.documents {
            outln!(
                "print  {:<8} {} ({})",
                document.locale,
                document.path.display(),
                fluentpress::numbers::count(document.pages, "page")
            );
        }
        for refusal in &report.unpublished {
            eprintln!(
                "fluentpress: note: {} not printed: {} (--include-incomplete prints it)",
                refusal.tag, refusal.reason
            );
        }
        for warning in &report.warnings {
            eprintln!("fluentpress: warning: {warning}");
        }
    }
}
