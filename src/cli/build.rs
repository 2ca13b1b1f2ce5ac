//! `fluentpress build`: the one command that does the whole job: extract, load every locale,
//! then run every exporter compiled in ([`export::exporters`]): the web site (into
//! `<output>/web`) and, with the `print` feature, the PDFs (into `<output>/print`).

use clap::Args;
use fluentpress::catalog::{self, EntryKind};
use fluentpress::check::{self, CheckOptions, Severity};
use fluentpress::config::Project;
use fluentpress::export::web::WebError;
use fluentpress::export::{self, ExportContext, Summary};
use fluentpress::extract;
use fluentpress::numbers::{self, Percent, percent, thousands};

use super::Outcome;

#[derive(Debug, Args)]
pub struct BuildArgs {}

pub fn run(project: &Project, _args: BuildArgs) -> Result<Outcome, fluentpress::Error> {
    // The outputs are checked before `extract` writes anything: a folder the exports may not
    // replace stops the build with the project as it was.
    let exporters = export::exporters(project);
    for exporter in &exporters {
        export::check_output(project, &exporter.out(project)).map_err(WebError::from)?;
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
            "{:<10} {:>6} {:>9} {:>6} {:>5} {:>9} {:>7} {:>8}",
            locale.tag,
            thousands(locale.files.len()),
            thousands(count(EntryKind::Message)),
            thousands(count(EntryKind::Term)),
            thousands(junk),
            Percent(summary.map_or(0.0, |s| percent(s.translated, s.messages))),
            thousands(summary.map_or(0, |s| s.errors)),
            thousands(summary.map_or(0, |s| s.warnings)),
        );
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    outln!(
        "check: {}, {} (details: `fluentpress check`)",
        numbers::count(errors, "error"),
        numbers::count(warnings, "warning")
    );
    outln!();
    // The exports run even when the check found errors, so authors see the result; the exit
    // code still reports the errors.
    let bar = super::export::ProgressBar::new();
    let ctx = ExportContext::new(project, &catalog).with_progress(&bar);
    for (i, exporter) in exporters.iter().enumerate() {
        if i > 0 {
            outln!();
        }
        match exporter.export(&ctx)? {
            Summary::Web(summary) => super::export::print_summary(project, &summary),
            #[cfg(feature = "print")]
            Summary::Print(report) => super::export::print::print_report(&report),
            // An exporter this command does not know yet: its output is written, quietly.
            _ => {}
        }
    }
    Ok(if errors > 0 {
        Outcome::ProblemsFound
    } else {
        Outcome::Clean
    })
}
