//! The command line: one file per command, each turning its arguments into library calls.
//!
//! Exit codes follow ripgrep's convention: 0 when all is well, 1 when the command found
//! problems (stale generated files, failed checks), 2 for usage, configuration and I/O errors.
//! Errors are printed once, here, as `fluentpress: error: …` with their causes.

// Errors are rare and end the process: their size on the error path costs nothing worth
// boxing for.
#![allow(clippy::result_large_err)]

/// `print!` that survives a closed standard output: see [`output::write`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::fluentpress_cli::output::write(format_args!($($arg)*))
    };
}

/// `println!` that survives a closed standard output: see [`output::write`].
macro_rules! outln {
    () => {
        $crate::fluentpress_cli::output::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::fluentpress_cli::output::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod build;
mod check;
mod completions;
mod export;
mod extract;
mod init;
#[cfg(feature = "lsp")]
mod lsp;
#[cfg(not(feature = "lsp"))]
#[path = "lsp_absent.rs"]
mod lsp;
mod output;
#[cfg(feature = "serve")]
mod serve;
#[cfg(not(feature = "serve"))]
#[path = "serve_absent.rs"]
mod serve;
mod status;
mod values;
mod xliff;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use fluentpress::config::{self, Project};
use fluentpress::transaction::{self, LockMode, ProjectLock};

/// Multilingual websites: Markdown content → Project Fluent messages → localized bundles.
#[derive(Debug, Parser)]
#[command(name = "fluentpress", version, about, propagate_version = true)]
pub struct Cli {
    /// The project folder (default: the nearest folder holding fluentpress.yaml, searching
    /// upward from the current one).
    #[arg(long, global = true, value_name = "DIR")]
    project: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Do the whole job: extract the source messages, load every locale, print a summary.
    Build(build::BuildArgs),
    /// Regenerate the source locale's page messages (locales/<source>/pages/) from content/.
    Extract(extract::ExtractArgs),
    /// Validate every locale against the source: syntax, missing and obsolete messages,
    /// variables, plurals, markup, stale translations, glossary, coverage.
    Check(check::CheckArgs),
    /// Create a new project (configuration, a page, UI strings) that builds at once.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell) to standard output.
    Completions(completions::CompletionsArgs),
    /// Export localized bundles: `export web` writes the static site.
    Export(export::ExportArgs),
    /// Show where each locale stands: messages and words translated, missing, stale, errors,
    /// warnings, and whether it is published (at least its min_coverage).
    Status(status::StatusArgs),
    /// Exchange translations with CAT tools (Trados, memoQ, OmegaT) as XLIFF 2.0 or 1.2.
    #[command(subcommand)]
    Xliff(xliff::XliffCommand),
    /// Serve the site on this machine, rebuilding and reloading the open pages as files change,
    /// with check's findings shown over them.
    Serve(serve::ServeArgs),
    /// The language server for editors (VS Code, Neovim, Helix...): check's findings as you
    /// type, hover, go to definition, completion and quick fixes in .ftl files, over stdio.
    Lsp(lsp::LspArgs),
}

/// How a command ended when it did not fail outright.
pub enum Outcome {
    Clean,
    ProblemsFound,
}

pub fn run() -> ExitCode {
    // `check --help` lists the rule codes, generated from the checker's own list.
    let command =
        <Cli as clap::CommandFactory>::command().mut_subcommand("check", check::with_codes_help);
    let cli = match command
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with exit 0, usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Command::Check(args) = &cli.command
        && let Some(problem) = args.usage_problem()
    {
        let mut command = <Cli as clap::CommandFactory>::command();
        command.build();
        let check = command
            .find_subcommand_mut("check")
            .expect("the check subcommand");
        let _ = check
            .error(clap::error::ErrorKind::ArgumentConflict, problem)
            .print();
        return ExitCode::from(2);
    }
    let outcome = execute(cli);
    // A reader that went away (`| head`) is no failure: the work is done and its exit code
    // stands, as with ripgrep. Any other write failure (a full disk) is an I/O error.
    if let (Ok(_), Some(e)) = (&outcome, output::failure()) {
        eprintln!("fluentpress: error: cannot write to standard output: {e}");
        return ExitCode::from(2);
    }
    match outcome {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::ProblemsFound) => ExitCode::from(1),
        Err(e) => {
            eprintln!("fluentpress: error: {}", fluentpress::error_chain(&e));
            ExitCode::from(2)
        }
    }
}

fn execute(cli: Cli) -> Result<Outcome, fluentpress::Error> {
    // Commands that need no project come first.
    let command = match cli.command {
        Command::Init(args) => return init::run(cli.project, args),
        Command::Completions(args) => return completions::run(args),
        // The editor names the project (its workspace); the server finds it itself.
        #[cfg(feature = "lsp")]
        Command::Lsp(args) => return lsp::run(cli.project, args),
        #[cfg(not(feature = "lsp"))]
        Command::Lsp(_) => return Err(lsp::unavailable()),
        #[cfg(not(feature = "serve"))]
        Command::Serve(_) => return Err(serve::unavailable()),
        other => other,
    };
    let project = open_project(cli.project)?;
    // Held until the command ends: writers alone, readers never in the middle of an update.
    let _lock = match lock_mode(&command) {
        Some(mode) => lock_project(&project, mode)?,
        None => None,
    };
    match command {
        Command::Build(args) => build::run(&project, args),
        Command::Extract(args) => extract::run(&project, args),
        Command::Check(args) => check::run(&project, args),
        Command::Init(_) | Command::Completions(_) | Command::Lsp(_) => {
            unreachable!("handled before opening a project")
        }
        Command::Export(args) => export::run(&project, args),
        Command::Status(args) => status::run(&project, args),
        Command::Xliff(command) => xliff::run(&project, command),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&project, args),
        #[cfg(not(feature = "serve"))]
        Command::Serve(_) => unreachable!("handled before opening a project"),
    }
}

/// How a command locks the project: exclusively when it writes into the project (`extract`,
/// `build`, `xliff import`), shared when it only reads; `serve` locks each of its extractions
/// itself, since it runs for hours.
fn lock_mode(command: &Command) -> Option<LockMode> {
    match command {
        Command::Build(_) => Some(LockMode::Write),
        Command::Extract(args) if !args.check => Some(LockMode::Write),
        Command::Xliff(xliff::XliffCommand::Import(args)) if !args.dry_run => Some(LockMode::Write),
        Command::Serve(_) => None,
        _ => Some(LockMode::Read),
    }
}

/// Locks the project (see `fluentpress::transaction`), saying so when it waits for another
/// command, and when it completed or undid an update that a killed command left.
fn lock_project(
    project: &Project,
    mode: LockMode,
) -> Result<Option<ProjectLock>, fluentpress::Error> {
    let waiting = || {
        eprintln!("fluentpress: waiting for another fluentpress command in this project to finish")
    };
    let (lock, recovery) = match transaction::lock(&project.root, mode, &waiting) {
        Ok(locked) => locked,
        // A reader on a file system without locks (some network mounts) reads unlocked, as it
        // always did; a writer must not.
        Err(transaction::TransactionError::Lock { .. }) if mode == LockMode::Read => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    if recovery.completed > 0 {
        eprintln!(
            "fluentpress: completed the update an interrupted command left ({} replaced or deleted)",
            fluentpress::numbers::count(recovery.completed, "file")
        );
    }
    if recovery.rolled_back > 0 {
        eprintln!(
            "fluentpress: undid the unfinished update an interrupted command left ({} temporary files removed; no file had changed)",
            recovery.rolled_back
        );
    }
    Ok(Some(lock))
}

/// Exports skip a locale file that cannot be read (not UTF-8, not a regular file), as they skip
/// entries that do not parse; the author hears of it here, and `check` fails on it.
fn warn_unreadable(catalog: &fluentpress::catalog::Catalog) {
    let files = catalog.locales.iter().flat_map(|l| &l.files);
    for error in files.filter_map(|f| f.read_error()) {
        eprintln!("fluentpress: warning: {error}; its messages are skipped");
    }
}

fn open_project(dir: Option<PathBuf>) -> Result<Project, fluentpress::Error> {
    let root = match dir {
        Some(dir) => {
            if !dir.join(config::CONFIG_FILE).is_file() {
                return Err(config::ConfigError::NotFound { start: dir }.into());
            }
            dir
        }
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let found = config::find_project_root(&cwd)?;
            // Paths in messages read best relative to where the user stands: `content/a.md`,
            // or `../content/a.md` from a subfolder.
            let depth = cwd
                .strip_prefix(&found)
                .map_or(0, |rest| rest.components().count());
            (0..depth).map(|_| "..").collect::<PathBuf>()
        }
    };
    Ok(config::load_project(&root)?)
}
