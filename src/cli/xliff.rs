//! `fluentpress xliff export|import`: the round trip with CAT tools.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use fluentpress::config::Project;
use fluentpress::diagnostic::escape_controls;
use fluentpress::fsutil;
use fluentpress::numbers::{count, count_as, thousands};
use fluentpress::xliff::{self, ImportOptions, ImportOutcome, XliffError};

use super::values::{Only, XliffVersion};

use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum XliffCommand {
    /// Write a locale's messages as XLIFF: one unit per message, attribute and plural variant,
    /// placeables and markup protected as inline codes.
    Export(ExportArgs),
    /// Read translations back from an XLIFF file into the locale's FTL files, changing only
    /// what changed; refuses the whole file (exit 1, nothing written) on any problem.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The target locale to export.
    #[arg(value_name = "LOCALE")]
    locale: String,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Which units to include.
    #[arg(long, value_enum, default_value = "all")]
    only: Only,

    /// XLIFF version (1.2 for older tools).
    #[arg(long = "xliff-version", value_enum, default_value = "2.0")]
    xliff_version: XliffVersion,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The XLIFF file (2.x or 1.2) to import.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Show what would change; write nothing.
    #[arg(long)]
    pub(super) dry_run: bool,

    /// Import units whose source text changed since the file was exported (they stay stale
    /// unless their state says translated, reviewed or final).
    #[arg(long)]
    force: bool,
}

pub fn run(project: &Project, command: XliffCommand) -> Result<Outcome, fluentpress::Error> {
    match command {
        XliffCommand::Export(args) => export(project, args),
        XliffCommand::Import(args) => import(project, args),
    }
}

fn export(project: &Project, args: ExportArgs) -> Result<Outcome, fluentpress::Error> {
    let Some((xml, summary)) = xliff::export_locale(
        project,
        &args.locale,
        args.xliff_version.into(),
        args.only.into(),
    )?
    else {
        eprintln!(
            "xliff export: {}: no units to export (--only {}); nothing written",
            args.locale,
            match args.only {
                Only::Missing => "missing",
                Only::Stale => "stale",
                Only::All => "all",
            }
        );
        return Ok(Outcome::Clean);
    };
    let destination = match &args.output {
        Some(path) => {
            fsutil::write_atomic(path, xml.as_bytes()).map_err(|source| XliffError::Write {
                path: path.clone(),
                source,
            })?;
            path.display().to_string()
        }
        None => {
            out!("{xml}");
            "standard output".into()
        }
    };
    eprintln!(
        "xliff export: {}: {} in {} ({} missing, {} stale; {} not translated, as `check` counts them) → {destination}",
        args.locale,
        count(summary.units, "unit"),
        count(summary.files, "file"),
        thousands(summary.missing),
        thousands(summary.stale),
        count_as(
            summary.missing_entries,
            "message or term",
            "messages and terms"
        )
    );
    Ok(Outcome::Clean)
}

/// How many of an import's problems are listed; the rest are counted.
const MAX_PROBLEMS_SHOWN: usize = 100;

fn import(project: &Project, args: ImportArgs) -> Result<Outcome, fluentpress::Error> {
    let mut options = ImportOptions::default();
    options.dry_run = args.dry_run;
    options.force = args.force;
    let report = match xliff::import::import_xliff(project, &args.file, options)? {
        ImportOutcome::Refused(problems) => {
            let file = args.file.display();
            // The first problems tell what is wrong (a file from another project, say); tens of
            // thousands of lines would bury it.
            // Unit ids and texts come from the file, which may carry C1 controls or DEL (XML
            // allows both): they are shown escaped, never sent to the terminal.
            for p in problems.iter().take(MAX_PROBLEMS_SHOWN) {
                let message = escape_controls(&p.message);
                match &p.unit {
                    Some(unit) => {
                        eprintln!(
                            "{file}:{}:{}: unit `{}`: {message}",
                            p.line,
                            p.column,
                            escape_controls(unit)
                        )
                    }
                    None => eprintln!("{file}:{}:{}: {message}", p.line, p.column),
                }
            }
            if problems.len() > MAX_PROBLEMS_SHOWN {
                eprintln!(
                    "{file}: … and {} more problems (the first {MAX_PROBLEMS_SHOWN} are shown)",
                    thousands(problems.len() - MAX_PROBLEMS_SHOWN)
                );
            }
            eprintln!(
                "fluentpress: xliff import refused: {} in {file}; nothing was written",
                count(problems.len(), "problem")
            );
            return Ok(Outcome::ProblemsFound);
        }
        ImportOutcome::Done(report) => report,
    };
    let changed: usize = report.files.iter().map(|f| f.changed.len()).sum();
    let added: usize = report.files.iter().map(|f| f.added.len()).sum();
    let mut summary = format!(
        "xliff import: {}: {} read; ",
        report.locale,
        count(report.units, "unit")
    );
    if changed + added == 0 && report.confirmed.is_empty() {
        summary.push_str("no changes");
    } else {
        summary.push_str(&format!(
            "{} changed, {} added",
            count(changed, "message"),
            thousands(added)
        ));
        if !report.confirmed.is_empty() {
            summary.push_str(&format!(
                ", {} confirmed",
                count(report.confirmed.len(), "stale translation")
            ));
        }
    }
    if report.dry_run {
        summary.push_str(" (dry run: nothing written)");
    }
    outln!("{summary}");
    for file in &report.files {
        let created = if file.created { " (new file)" } else { "" };
        if !file.changed.is_empty() {
            outln!("  ~ {}{created}: {}", file.path, file.changed.join(", "));
        }
        if !file.added.is_empty() {
            outln!("  + {}{created}: {}", file.path, file.added.join(", "));
        }
    }
    if !report.confirmed.is_empty() {
        outln!("  confirmed after review: {}", report.confirmed.join(", "));
    }
    if !report.still_stale.is_empty() {
        outln!(
            "  still stale (imported with --force; their state is not translated, reviewed or final): {}",
            report.still_stale.join(", ")
        );
    }
    if let Some(snapshot) = &report.snapshot {
        let verb = if report.dry_run {
            "would update"
        } else {
            "updated"
        };
        outln!("  {verb} {snapshot}");
    }
    Ok(Outcome::Clean)
}
