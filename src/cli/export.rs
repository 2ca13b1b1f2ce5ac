//! `fluentpress export <format>`: write localized bundles. One subcommand per format.

use clap::{Args, Subcommand};
use fluentpress::config::Project;

use super::Outcome;

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    format: ExportFormat,
}

#[derive(Debug, Subcommand)]
enum ExportFormat {
    /// One PDF per published locale: cover, contents, every page as a chapter (dist/print/).
    #[cfg(feature = "print")]
    Print(print::PrintArgs),
}

#[cfg_attr(not(feature = "print"), allow(unused_variables))]
pub fn run(project: &Project, args: ExportArgs) -> Result<Outcome, fluentpress::Error> {
    match args.format {
        #[cfg(feature = "print")]
        ExportFormat::Print(args) => print::run(project, args),
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
        let options = PrintOptions {
            out_dir: args.out,
            pages: args.pages,
            emit_typst: args.emit.contains(&Emit::Typst),
            include_incomplete: args.include_incomplete,
            locales: args.locales,
        };
        let report = export_print(project, &catalog, &options)?;
        print_report(&report);
        Ok(Outcome::Clean)
    }

    /// One line per PDF on stdout; skipped locales and warnings on stderr.
    pub fn print_report(report: &PrintReport) {
        for document in &report.documents {
            println!(
                "print  {:<8} {} ({} pages)",
                document.locale,
                document.path.display(),
                document.pages
            );
        }
        for (tag, percent, min) in &report.unpublished {
            eprintln!(
                "fluentpress: note: {tag} not printed: {percent:.0}% translated, below its min_coverage of {min}% (--include-incomplete prints it)"
            );
        }
        for warning in &report.warnings {
            eprintln!("fluentpress: warning: {warning}");
        }
    }
}
