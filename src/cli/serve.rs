//! `fluentpress serve`: the site on the local machine, rebuilt and reloaded as files change.
//!
//! The first line printed is the address (`serve: http://127.0.0.1:8000/`), so scripts and
//! tests can read it; then one line per change, with the diagnostics of the changed files.
//! Ctrl-C stops the server and removes its temporary folder.

use std::io::Write as _;
use std::net::IpAddr;
use std::path::Path;

use clap::Args;
use fluentpress::config::Project;
use fluentpress::numbers::count;
use fluentpress::serve::{self, Reporter, ServeEvent, ServeOptions, Server};

use super::Outcome;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = serve::DEFAULT_PORT)]
    port: u16,
    /// The address to listen on; 127.0.0.1 keeps the site on this machine (0.0.0.0 shares it
    /// with the network). Requests must name localhost, a loopback address or this address
    /// (any IP address for 0.0.0.0) as their Host.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Let the in-context editor write translations although --bind is not a loopback address:
    /// anyone who can reach the address can then change the project's .ftl files. (On a
    /// loopback address the editor is always on.)
    #[arg(long)]
    translate: bool,
    /// Open the site in the browser (with xdg-open).
    #[arg(long)]
    open: bool,
    /// Locales to serve (default: all); the source locale is always served.
    #[arg(value_name = "LOCALE")]
    locales: Vec<String>,
}

pub fn run(project: &Project, args: ServeArgs) -> Result<Outcome, fluentpress::Error> {
    let mut options = ServeOptions::default();
    options.bind = args.bind;
    options.port = args.port;
    options.locales = args.locales;
    options.translate = args.translate;
    if args.translate && !args.bind.is_loopback() {
        eprintln!(
            "fluentpress: warning: --translate on {}: anyone who can reach this address can change the translations in locales/",
            args.bind
        );
    }
    let (stop, stopped) = std::sync::mpsc::channel();
    // Ctrl-C (and SIGTERM) end the wait below; the server then stops in order.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(());
    });
    let server = Server::start(project.clone(), &options, Box::new(Terminal))?;
    let url = server.url();
    outln!("serve: {url}");
    let startup = server.startup();
    outln!(
        "serve: {} in {} ({}) built in {:.2} s into {} (removed on exit)",
        count(startup.pages * startup.locales.len(), "page"),
        count(startup.locales.len(), "locale"),
        startup.locales.join(", "),
        startup.elapsed.as_secs_f64(),
        startup.folder.display()
    );
    out!("{}", startup.diagnostics_text);
    outln!(
        "serve: check: {}, {}{}",
        count(startup.errors, "error"),
        count(startup.warnings, "warning"),
        if startup.warnings > 0 {
            " (warnings show for the files you change; `fluentpress check` lists them all)"
        } else {
            ""
        }
    );
    outln!("serve: watching content/, locales/, templates/ and fluentpress.yaml; Ctrl-C stops");
    if server.editing() {
        outln!("serve: translate on the page: switch on \"Translate\" at the bottom of any page");
    } else {
        outln!("serve: editing off (not a loopback address; --translate turns it on)");
    }
    if args.open {
        open_browser(&url);
    }
    let _ = std::io::stdout().flush();
    let _ = stopped.recv();
    server.stop();
    outln!("serve: stopped");
    Ok(Outcome::Clean)
}

/// Prints what the server does.
struct Terminal;

impl Reporter for Terminal {
    fn report(&mut self, event: ServeEvent) {
        match event {
            ServeEvent::Updated(u) => {
                let what = if u.full {
                    format!("site rebuilt ({})", count(u.pages, "page"))
                } else {
                    format!("{} re-rendered", count(u.pages, "page"))
                };
                outln!(
                    "serve: {}: {what}, reload sent {:.1} ms after the change ({})",
                    u.changed.join(", "),
                    u.latency.as_secs_f64() * 1000.0,
                    count(u.clients, "browser")
                );
                out!("{}", u.diagnostics_text);
            }
            ServeEvent::Failed(f) => {
                let what = if f.changed.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", f.changed.join(", "))
                };
                outln!(
                    "serve: {what}error: {}\nserve: the last good version of the site is still served",
                    f.error
                );
            }
        }
        let _ = std::io::stdout().flush();
    }
}

/// Opens `url` with `xdg-open` when it is installed; says so otherwise.
fn open_browser(url: &str) {
    let found = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| is_executable(&dir.join("xdg-open")))
    });
    if !found {
        outln!("serve: --open: xdg-open is not installed; open {url} in your browser");
        return;
    }
    match std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        // Reap it in the background: xdg-open returns once the browser started.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => outln!("serve: --open: cannot run xdg-open: {e}"),
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}
