//! `fluentpress build`: the one command that does the whole job: extract, load every locale,
//! export the web site (into `<output>/web`) and, with the `print` feature, the PDFs (into
//! `<output>/print`).

use clap::Args;
use fluentpress::catalog::{self, EntryKind};
use fluentpress::check::{self, CheckOptions, Severity};
use fluentpress::config::Project;
use fluentpress::export::web::WebError;
use fluentpress::extract;

use super::Outcome;

#[derive(Debug, Args)]
pub struct BuildArgs {}

pub fn run(project: &Project, _args: BuildArgs) -> Result<Outcome, fluentpress::Error> {
    // The outputs are checked before `extract` writes anything: a folder the exports may not
    // replace stops the build with the project as it was.
    let options = fluentpress::export::web::WebOptions::new(project);
    let outputs = [
        Some(options.out.clone()),
        cfg!(feature = "print").then(|| project.output_dir.join("print")),
    ];
    for out in outputs.iter().flatten() {
        fluentpress::export::check_output(project, out).map_err(WebError::from)?;
    }
    // Regenerate the source messages and refresh the snapshots first: every later step reads
    // them. On a clean checkout this writes nothing.
    let extraction = extract::plan_extraction(project)?;
    if !extraction.is_current() {
        extract::apply_extraction(&extraction)?;
        super::extract::print_changes(project, &extraction);
    }
    let catalog = catalog::load_catalog(project)?;
    super::warn_unreadable(&catalog);
    let report = check::check(project, &catalog, &CheckOptions::default(), None)?;
    outln!(
        "{:<10} {:>6} {:>9} {:>6} {:>5} {:>9} {:>7} {:>8}",
        "locale",
        "files",
        "messages",
        "terms",
        "junk",
        "coverage",
        "errors",
        "warnings"
    );
    for locale in &catalog.locales {
        let count = |kind| locale.entries().filter(|(_, e)| e.kind == kind).count();
        let junk: usize = locale.files.iter().map(|f| f.junk.len()).sum();
        let summary = report.locales.iter().find(|s| s.locale == locale.tag);
        outln!(
            "{:<10} {:>6} {:>9} {:>6} {:>5} {:>8.1}% {:>7} {:>8}",
            locale.tag,
            locale.files.len(),
            count(EntryKind::Message),
            count(EntryKind::Term),
            junk,
            summary.map_or(0.0, |s| s.coverage),
            summary.map_or(0, |s| s.errors),
            summary.map_or(0, |s| s.warnings),
        );
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    outln!("check: {errors} errors, {warnings} warnings (details: `fluentpress check`)");
    outln!();
    // The exports run even when the check found errors, so authors see the result; the exit
    // code still reports the errors.
    let exported = super::export::run_web(project, &catalog, &options)?;
    #[cfg(feature = "print")]
    {
        use fluentpress::export::print::{PrintOptions, export_print};
        outln!();
        let report = export_print(project, &catalog, &PrintOptions::default())?;
        super::export::print::print_report(&report);
    }
    Ok(if errors > 0 {
        Outcome::ProblemsFound
    } else {
        exported
    })
}
