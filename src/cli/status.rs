//! `fluentpress status`: one row per locale (coverage, stale, problems, published or not).

use std::io::IsTerminal;

use clap::Args;
use fluentpress::catalog;
use fluentpress::config::Project;
use fluentpress::status;

use super::values::StatusFormat;

use super::Outcome;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Locales to show (default: every target locale).
    #[arg(value_name = "LOCALE")]
    locales: Vec<String>,

    /// Output format: a terminal table, JSON (stable, documented in the guide), or Markdown
    /// to paste in a pull request.
    #[arg(long, value_enum, default_value = "table")]
    format: StatusFormat,
}

pub fn run(project: &Project, args: StatusArgs) -> Result<Outcome, fluentpress::Error> {
    let catalog = catalog::load_catalog(project)?;
    let report = status::status(project, &catalog, &args.locales)?;
    let color = args.format == StatusFormat::Table
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    out!("{}", status::render(&report, args.format.into(), color));
    Ok(Outcome::Clean)
}
