//! Speed of `fluentpress export print`, end to end through the release binary (process start to
//! last PDF written, fonts discovered on every run, as a user sees it).
//!
//! 1. The sample site, every published locale (6 PDFs), warm: the goal is under 2 s wall.
//! 2. A synthetic site of 192 pages (the sample's 4 pages, 48 times, with their translations),
//!    every locale: a document of about 200+ printed pages per locale.
//!
//! Run: `cargo bench --bench print`. Prints the median of several runs and its ratio to the goal.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fluentpress::export::print::world::Fonts;

const GOAL: Duration = Duration::from_secs(2);

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_fluentpress");

    let started = Instant::now();
    let fonts = Fonts::load(&[]).expect("no font folders to miss");
    let scan = started.elapsed();
    let faces = (0..)
        .take_while(|&i| fonts.book().info(i).is_some())
        .count();
    println!(
        "font discovery (system + embedded, {faces} faces): {:.0} ms",
        ms(scan)
    );

    let out = tempfile::tempdir().unwrap();
    let (median, stdout) = measure(bin, &root, out.path(), 7, &[]);
    println!(
        "sample site, {} locales: median {:.0} ms wall ({:.2} of the 2 s goal)",
        stdout.lines().count(),
        ms(median),
        median.as_secs_f64() / GOAL.as_secs_f64()
    );

    let synthetic = tempfile::tempdir().unwrap();
    let pages = synthesize(&root, synthetic.path(), 48);
    let status = Command::new(bin)
        .arg("--project")
        .arg(synthetic.path())
        .arg("extract")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let out = tempfile::tempdir().unwrap();
    // German is below its min_coverage once the pages outnumber its UI strings: print it anyway.
    let (median, stdout) = measure(
        bin,
        synthetic.path(),
        out.path(),
        3,
        &["--include-incomplete"],
    );
    let documents = stdout.lines().count();
    println!(
        "synthetic site, {pages} pages, {documents} locales: median {:.0} ms wall, {:.0} ms per locale",
        ms(median),
        ms(median) / documents as f64
    );
    for line in stdout.lines() {
        let tag = line.split_whitespace().nth(1).unwrap_or_default();
        let printed = line
            .rsplit_once('(')
            .map_or("", |(_, p)| p.trim_end_matches(')'));
        let (alone, _) = measure(
            bin,
            synthetic.path(),
            out.path(),
            1,
            &["--include-incomplete", tag],
        );
        println!("  {tag:<6} {printed:>10}, alone: {:.0} ms wall", ms(alone));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the export (with `args`) `runs` times after one warm-up run; the median wall time and the last
/// run's output.
fn measure(
    bin: &str,
    project: &Path,
    out: &Path,
    runs: usize,
    args: &[&str],
) -> (Duration, String) {
    let run = || {
        let started = Instant::now();
        let output = Command::new(bin)
            .arg("--project")
            .arg(project)
            .args(["export", "print", "--out"])
            .arg(out)
            .args(args)
            .output()
            .unwrap();
        let elapsed = started.elapsed();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        (
            elapsed,
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (_, mut stdout) = run();
    let mut times = Vec::new();
    for _ in 0..runs {
        let (t, s) = run();
        times.push(t);
        stdout = s;
    }
    times.sort();
    (times[times.len() / 2], stdout)
}

/// Writes a project holding `copies` copies of every sample page, each with its translations
/// (message ids prefixed `s<k>-`). Returns the number of pages.
fn synthesize(sample: &Path, dir: &Path, copies: usize) -> usize {
    std::fs::copy(
        sample.join("fluentpress.yaml"),
        dir.join("fluentpress.yaml"),
    )
    .unwrap();
    // The theme's logo the configuration names (the cover prints it).
    std::fs::create_dir_all(dir.join("static")).unwrap();
    std::fs::copy(sample.join("static/logo.svg"), dir.join("static/logo.svg")).unwrap();
    let mut pages = 0;
    let mut sources: Vec<PathBuf> = std::fs::read_dir(sample.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    let locales: Vec<String> = std::fs::read_dir(sample.join("locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for locale in &locales {
        let from = sample.join("locales").join(locale).join("ui.ftl");
        let to = dir.join("locales").join(locale);
        std::fs::create_dir_all(to.join("pages")).unwrap();
        std::fs::copy(from, to.join("ui.ftl")).unwrap();
    }
    for k in 0..copies {
        for (n, source) in sources.iter().enumerate() {
            let key = source.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(source).unwrap();
            // Front matter: a unique slug and id prefix, in navigation order.
            let mut front = String::new();
            let (head, body) = text[4..].split_once("\n---\n").unwrap();
            for line in head.lines() {
                if !(line.starts_with("slug:") || line.starts_with("nav_order:")) {
                    front.push_str(line);
                    front.push('\n');
                }
            }
            let page = format!(
                "---\n{front}slug: s{k}/{key}\nnav_order: {}\nid: s{k}-{key}\n---\n{body}",
                k * 10 + n
            );
            let path = dir
                .join("content")
                .join(format!("s{k}"))
                .join(format!("{key}.md"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, page).unwrap();
            pages += 1;
            for locale in locales.iter().filter(|l| *l != "en-US") {
                let ftl = sample
                    .join("locales")
                    .join(locale)
                    .join("pages")
                    .join(format!("{key}.ftl"));
                let Ok(ftl) = std::fs::read_to_string(ftl) else {
                    continue;
                };
                let renamed: String = ftl
                    .lines()
                    .map(|line| match line.strip_prefix(&format!("{key}-")) {
                        Some(rest) => format!("s{k}-{key}-{rest}\n"),
                        None => format!("{line}\n"),
                    })
                    .collect();
                std::fs::write(
                    dir.join("locales")
                        .join(locale)
                        .join("pages")
                        .join(format!("s{k}-{key}.ftl")),
                    renamed,
                )
                .unwrap();
            }
        }
    }
    pages
}
