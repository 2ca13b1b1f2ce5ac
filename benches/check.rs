//! Benchmark of `check` on a synthetic project of 100 locales × 3,000 messages (the generator in
//! `src/synth.rs`), against the floor of merely reading and parsing the same files with
//! `fluent-syntax`, in the same run. Prints medians; run with `cargo bench --bench check`, or
//! `cargo bench --bench check -- --quick` for 10 locales × 1,000 messages and 3 runs (a smoke
//! run that proves the benchmark works; its ratio is noisier). `-- --once` runs two full checks
//! of the project the last run wrote (written first if missing) and prints nothing: the run to
//! profile, e.g. `valgrind --tool=callgrind target/release/deps/check-HASH --once` (half of
//! what it counts is one check; per-process caches such as the plural rules fill in the first).
//! `-- --app` measures the application corpus instead (`fp-synth DIR --app --messages 5500`:
//! the source in its own folder, 9 target locales, 29.9 MB, files in bundles: the shape of
//! Firefox's strings, which cannot be fetched here), with `--once` too.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fluentpress::catalog::load_catalog;
use fluentpress::check::{CheckOptions, check, check_project};
use fluentpress::config::load_project;
use fluentpress::synth::{SynthOptions, write_app_corpus, write_project};

// The allocator the `fluentpress` binary ships with, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median time until `f`'s result is ready. Freeing the result (a report, a loaded catalog)
/// is not timed; what is freed on the way is: the full check frees each locale after checking
/// it, as the parse-only floor frees each syntax tree inside its loop.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    drop(f()); // warm the page cache and allocator
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                let result = std::hint::black_box(f());
                let elapsed = start.elapsed();
                drop(result);
                elapsed
            })
            .collect(),
    )
}

/// CPU time of the whole process so far (every thread, user and system).
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let of = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    of(usage.ru_utime) + of(usage.ru_stime)
}

/// `f`'s result and the CPU time the process spent on it, every thread included.
fn with_cpu<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let before = cpu_time();
    let result = f();
    (result, cpu_time().saturating_sub(before))
}

/// One run of `f`, timed until its result is ready (freed untimed, as in [`time`]).
fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = std::hint::black_box(f());
    let elapsed = start.elapsed();
    drop(result);
    elapsed
}

/// What `fluentpress check` runs: the configuration read, the source loaded, then each locale
/// loaded, checked and freed in turn on every core.
#[inline(never)]
fn full_check(dir: &Path) -> fluentpress::check::CheckReport {
    let project = load_project(dir).unwrap();
    check_project(&project, &CheckOptions::default(), None).unwrap()
}

fn ftl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ftl_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
}

/// Read and parse every file, on `threads` threads: the floor any checker pays.
fn parse_only(files: &[PathBuf], threads: usize) -> usize {
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|path| {
                            let text = std::fs::read_to_string(path).unwrap();
                            match fluent_syntax::parser::parse(text.as_str()) {
                                Ok(r) => r.body.len(),
                                Err((r, _)) => r.body.len(),
                            }
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn options_for(quick: bool) -> SynthOptions {
    if quick {
        SynthOptions {
            locales: 10,
            messages: 1000,
            ..SynthOptions::default()
        }
    } else {
        SynthOptions::default()
    }
}

/// Messages per source file of the application corpus: 9 locales, 29.9 MB in all.
const APP_MESSAGES: usize = 5500;

/// Writes the project to measure into `dir`: (the project's folder, a line that describes it).
fn write_corpus(dir: &Path, app: bool, quick: bool) -> (PathBuf, String) {
    if app {
        let messages = if quick { 500 } else { APP_MESSAGES };
        let summary = write_app_corpus(dir, messages).unwrap();
        let line = format!(
            "application corpus: {} locales + source, {} files, {:.1} MB, bundles of files",
            summary.locales.len(),
            summary.files,
            summary.bytes as f64 / 1e6
        );
        (dir.join("l10n"), line)
    } else {
        let summary = write_project(dir, &options_for(quick)).unwrap();
        let line = format!(
            "synthetic project: {} locales + source, {} files, {:.1} MB",
            summary.locales.len(),
            summary.files,
            summary.bytes as f64 / 1e6
        );
        (dir.to_path_buf(), line)
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let app = std::env::args().any(|a| a == "--app");
    let name = if app {
        "bench-check-app"
    } else {
        "bench-check-synth"
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let project_dir = if app { dir.join("l10n") } else { dir.clone() };
    if std::env::args().any(|a| a == "--once") {
        // The project of the last full run is kept, so that a profile of this run holds
        // little besides the two checks.
        if !project_dir.join("fluentpress.yaml").is_file() {
            write_corpus(&dir, app, quick);
        }
        drop(full_check(&project_dir));
        drop(std::hint::black_box(full_check(&project_dir)));
        return;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let (project_dir, description) = write_corpus(&dir, app, quick);
    // Every file the check reads: the locales' and, for the application corpus, the source's
    // own folder beside the project.
    let mut files = Vec::new();
    ftl_files(&dir, &mut files);
    files.sort();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{description}, {threads} threads");
    let dir = project_dir;

    let runs = if quick { 3 } else { 11 };
    let parse_1 = time(runs, || parse_only(&files, 1));
    // The two figures of the goal are taken in turn, run by run, so that other work on the
    // machine falls on both alike (as benches/peers.sh alternates the two tools).
    let (mut parse_runs, mut full_runs) = (Vec::new(), Vec::new());
    let (mut parse_cpu, mut full_cpu) = (Vec::new(), Vec::new());
    std::hint::black_box(parse_only(&files, threads)); // warm-up
    drop(full_check(&dir));
    for _ in 0..runs {
        let (wall, cpu) = with_cpu(|| timed(|| parse_only(&files, threads)));
        parse_runs.push(wall);
        parse_cpu.push(cpu);
        let (wall, cpu) = with_cpu(|| timed(|| full_check(&dir)));
        full_runs.push(wall);
        full_cpu.push(cpu);
    }
    // Each full check beside the parse run just before it: on a shared machine the slow
    // stretches fall on pairs, so the ratio per pair is steadier than the ratio of medians.
    let mut pair_ratios: Vec<f64> = parse_runs
        .iter()
        .zip(&full_runs)
        .map(|(parse, full)| full.as_secs_f64() / parse.as_secs_f64())
        .collect();
    pair_ratios.sort_by(f64::total_cmp);
    let pair_ratio = pair_ratios[pair_ratios.len() / 2];
    let (parse_min, full_min) = (
        *parse_runs.iter().min().unwrap(),
        *full_runs.iter().min().unwrap(),
    );
    let (parse_n, full) = (median(parse_runs), median(full_runs));
    // CPU time moves less than wall time when the machine's other tenants take turns on its
    // cores (a descheduled thread costs wall time, not CPU time); cache misses show in both.
    let (parse_cpu, full_cpu) = (median(parse_cpu), median(full_cpu));
    let project = load_project(&dir).unwrap();
    let load = time(runs, || load_catalog(&project).unwrap());
    let catalog = load_catalog(&project).unwrap();
    let rules = time(runs, || {
        check(&project, &catalog, &CheckOptions::default(), None).unwrap()
    });

    // What a user waits for: the release binary, end to end, output discarded.
    let binary = env!("CARGO_BIN_EXE_fluentpress");
    let cli = time(5, || {
        std::process::Command::new(binary)
            .args([
                "--project",
                dir.to_str().unwrap(),
                "check",
                "--format",
                "json",
            ])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap()
    });

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("median of {runs} runs:");
    println!("  parse only, 1 thread        {:>8.1} ms", ms(parse_1));
    println!(
        "  parse only, {threads} threads       {:>8.1} ms",
        ms(parse_n)
    );
    println!("  load catalog (read+parse+spans) {:>4.1} ms", ms(load));
    println!("  rules only (catalog loaded) {:>8.1} ms", ms(rules));
    println!("  full check (config+load+rules) {:>5.1} ms", ms(full));
    println!(
        "  `fluentpress check` CLI, end to end {:>5.1} ms (median of 5)",
        ms(cli)
    );
    println!(
        "  full check / parse only: {:.2}x (same threads), {:.2}x (vs 1 thread)",
        ms(full) / ms(parse_n),
        ms(full) / ms(parse_1)
    );
    println!(
        "  CPU time, every thread: parse only {:.1} ms, full check {:.1} ms: {:.2}x",
        ms(parse_cpu),
        ms(full_cpu),
        ms(full_cpu) / ms(parse_cpu)
    );
    println!(
        "  the same, run by run: median {pair_ratio:.2}x (of {}: {}); fastest runs {:.2}x ({:.1} / {:.1} ms)",
        pair_ratios.len(),
        pair_ratios
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(" "),
        ms(full_min) / ms(parse_min),
        ms(full_min),
        ms(parse_min)
    );
}
