//! `fluentpress extract [--check]`.

use clap::Args;
use fluentpress::config::Project;
use fluentpress::extract::{self, FileChange};
use fluentpress::numbers::count;

use super::Outcome;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Write nothing; exit 1 and list what would change when the generated files are out of
    /// date (for CI, like `cargo fmt --check`).
    #[arg(long)]
    pub(super) check: bool,
}

pub fn run(project: &Project, args: ExtractArgs) -> Result<Outcome, fluentpress::Error> {
    let extraction = extract::plan_extraction(project)?;
    let messages: usize = extraction.pages.iter().map(|p| p.messages().len()).sum();
    if extraction.is_current() {
        outln!(
            "extract: {}, {}; {} and {} are up to date",
            count(extraction.pages.len(), "page"),
            count(messages, "message"),
            project.relative(&extract::pages_dir(project)),
            project.relative(&project.snapshots_dir)
        );
        return Ok(Outcome::Clean);
    }
    if args.check {
        outln!("extract --check: the generated files are out of date; run `fluentpress extract`:");
        print_changes(project, &extraction);
        return Ok(Outcome::ProblemsFound);
    }
    let touched = extract::apply_extraction(&extraction)?;
    print_changes(project, &extraction);
    outln!(
        "extract: {}, {}; {} updated",
        count(extraction.pages.len(), "page"),
        count(messages, "message"),
        count(touched.len(), "file")
    );
    Ok(Outcome::Clean)
}

/// One line per file, then one indented line per message id affected.
pub fn print_changes(project: &Project, extraction: &extract::Extraction) {
    for (path, change) in &extraction.changes {
        let path = project.relative(path);
        let lines: Vec<(char, &Vec<String>)> = match change {
            FileChange::Added { ids } => {
                outln!("  added    {path}");
                vec![('+', ids)]
            }
            FileChange::Removed { ids } => {
                outln!("  removed  {path}");
                vec![('-', ids)]
            }
            FileChange::Changed {
                added,
                changed,
                removed,
            } => {
                outln!("  changed  {path}");
                vec![('+', added), ('~', changed), ('-', removed)]
            }
        };
        for (mark, ids) in lines {
            for id in ids {
                outln!("      {mark} {id}");
            }
        }
    }
}
