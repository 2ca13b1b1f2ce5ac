//! `fluentpress build`: the one command that does the whole job: extract, load every locale,
//! and export (the PDFs, with the `print` feature).

use clap::Args;
use fluentpress::catalog::{self, EntryKind};
use fluentpress::config::Project;
use fluentpress::extract;

use super::Outcome;

#[derive(Debug, Args)]
pub struct BuildArgs {}

pub fn run(project: &Project, _args: BuildArgs) -> Result<Outcome, fluentpress::Error> {
    // Regenerate the source messages first: every later step reads them. On a clean checkout
    // this writes nothing.
    let extraction = extract::plan_extraction(project)?;
    if !extraction.is_current() {
        extract::apply_extraction(&extraction)?;
        super::extract::print_changes(project, &extraction);
    }
    let catalog = catalog::load_catalog(project)?;
    println!(
        "{:<10} {:>6} {:>9} {:>6} {:>5}",
        "locale", "files", "messages", "terms", "junk"
    );
    for locale in &catalog.locales {
        let count = |kind| locale.entries().filter(|(_, e)| e.kind == kind).count();
        let junk: usize = locale.files.iter().map(|f| f.junk.len()).sum();
        println!(
            "{:<10} {:>6} {:>9} {:>6} {:>5}",
            locale.tag,
            locale.files.len(),
            count(EntryKind::Message),
            count(EntryKind::Term),
            junk
        );
    }
    #[cfg(feature = "print")]
    {
        use fluentpress::export::print::{PrintOptions, export_print};
        let report = export_print(project, &catalog, &PrintOptions::default())?;
        super::export::print::print_report(&report);
    }
    Ok(Outcome::Clean)
}
