//! `fluentpress check`: validate locales against the source, in the format CI wants.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use fluentpress::check::report;

use super::values::Format;
use fluentpress::check::{self, Baseline, CheckOptions, Code};
use fluentpress::config::Project;

use super::Outcome;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Locales to check (default: every configured locale, the source included).
    #[arg(value_name = "LOCALE")]
    locales: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,

    /// Make warnings fail the check too (`--deny warnings`).
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<Deny>,

    /// Minimum coverage (percent of messages) for every checked locale, overriding the
    /// configuration's `min_coverage`.
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    min_coverage: Option<f64>,

    /// Report only diagnostics not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,

    /// Print counts per locale and code instead of each finding: a table, or JSON with
    /// `--format json`.
    #[arg(long)]
    summary: bool,

    /// Show every finding in the human format (by default the first 20 of each code in each
    /// locale, then how many more).
    #[arg(long, conflicts_with = "summary")]
    all: bool,

    /// Record every current diagnostic in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

/// `check`'s help with every rule code and its default severity, from [`Code::ALL`], for
/// `check.severity` and `check.ignore` in fluentpress.yaml and `# fluentpress-ignore:` comments.
pub fn with_codes_help(command: clap::Command) -> clap::Command {
    let width = Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::from(
        "Rule codes (for check.severity and check.ignore in fluentpress.yaml, and `# fluentpress-ignore: CODE`):\n",
    );
    for code in Code::ALL {
        text.push_str(&format!(
            "  {:<width$}  {:<7}  {}\n",
            code.as_str(),
            code.default_severity().as_str(),
            code.description()
        ));
    }
    command.after_help(text)
}

impl CheckArgs {
    /// Combinations of options clap cannot refuse by itself: `--summary` is a table or JSON, the
    /// CI formats report each finding.
    pub fn usage_problem(&self) -> Option<String> {
        let other = match self.format {
            Format::Human | Format::Json => return None,
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
        };
        self.summary.then(|| {
            format!(
                "`--summary` prints counts, as a table or as JSON (`--format json`); `--format {other}` reports each finding for CI: use one or the other"
            )
        })
    }
}

fn parse_percent(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} is not a percentage from 0 to 100"))
    }
}

pub fn run(project: &Project, args: CheckArgs) -> Result<Outcome, fluentpress::Error> {
    let baseline = args
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()
        .map_err(check::CheckError::from)?;
    let mut options = CheckOptions::default();
    options.locales = args.locales;
    options.min_coverage = args.min_coverage;
    // Each locale is loaded, checked and let go in turn: 100 locales need the memory of a few.
    let report = check::check_project(project, &options, baseline.as_ref())?;
    let color = args.format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    if args.summary {
        match args.format {
            Format::Json => {
                super::output::write_with(|out| report::summary::write_json(&report, out))
            }
            _ => out!("{}", report::summary::render(&report)),
        }
    } else {
        let render = report::RenderOptions::new(color, deny_warnings).with_all(args.all);
        super::output::write_with(|out| report::write(args.format.into(), &report, &render, out));
    }
    if let Some(path) = args.write_baseline {
        Baseline::from_diagnostics(&report.diagnostics)
            .write(&path)
            .map_err(check::CheckError::from)?;
        eprintln!(
            "check: recorded {} in {}",
            fluentpress::numbers::count(report.diagnostics.len(), "diagnostic"),
            path.display()
        );
        return Ok(Outcome::Clean);
    }
    if report.fails(deny_warnings) {
        Ok(Outcome::ProblemsFound)
    } else {
        Ok(Outcome::Clean)
    }
}
