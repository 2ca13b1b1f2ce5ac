//! `fluentpress init [DIR]`: scaffold a new project.

use std::path::PathBuf;

use clap::Args;
use fluentpress::init::{InitOptions, init_project};

use super::Outcome;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the project in (default: the current folder, or --project).
    dir: Option<PathBuf>,
    /// The site's name.
    #[arg(long, default_value = "My multilingual site")]
    name: String,
    /// The locale the content is written in.
    #[arg(long, default_value = "en-US", value_name = "TAG")]
    source: String,
    /// The first target locale (French comes translated; others start empty).
    #[arg(long, default_value = "fr", value_name = "TAG")]
    target: String,
}

pub fn run(project: Option<PathBuf>, args: InitArgs) -> Result<Outcome, fluentpress::Error> {
    let dir = args.dir.or(project).unwrap_or_else(|| PathBuf::from("."));
    let options = InitOptions {
        site_name: args.name,
        source: args.source,
        target: args.target,
    };
    let written = init_project(&dir, &options)?;
    for path in &written {
        outln!("  created  {}", path.display());
    }
    outln!(
        "init: a new project in {}; next: `fluentpress --project {} build`",
        dir.display(),
        dir.display()
    );
    Ok(Outcome::Clean)
}
