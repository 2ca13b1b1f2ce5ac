//! Benchmark: `fluentpress export web` against Hugo building the equivalent multilingual site.
//!
//! A synthetic site of 1,000 pages in 5 locales (en-US, zh-CN, id-ID, fr, de; the sample site's
//! interface strings) is generated into a temporary folder twice: as a fluentpress project and
//! as a Hugo site with one content folder per language, the same text, a base template with
//! navigation, language switcher, hreflang alternates and a search form. Each tool builds it
//! `RUNS` times; the medians and pages per second are printed, and the ratio, with each
//! process's peak RSS when GNU time is installed (`/usr/bin/time`, Debian `time`).
//!
//! Run: `cargo bench --bench web` (Hugo from Debian's `hugo` package; without it only
//! fluentpress is measured). Environment: `FP_BENCH_PAGES` (default 1000), `FP_BENCH_RUNS` (5),
//! `FP_BENCH_BIN` (another fluentpress binary to measure, e.g. an older commit's).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const LOCALES: [(&str, &str, &str); 5] = [
    ("en-US", "en", "English"),
    ("zh-CN", "zh", "简体中文"),
    ("id-ID", "id", "Bahasa Indonesia"),
    ("fr", "fr", "Français"),
    ("de", "de", "Deutsch"),
];

const WORDS: [&str; 24] = [
    "aluminium",
    "smelter",
    "alumina",
    "bauxite",
    "energy",
    "community",
    "production",
    "quality",
    "innovation",
    "capacity",
    "refinery",
    "railway",
    "employment",
    "school",
    "medical",
    "port",
    "sustainable",
    "investment",
    "local",
    "annual",
    "tonnes",
    "industry",
    "chain",
    "welfare",
];

const CJK: [&str; 12] = [
    "铝",
    "氧化铝",
    "铝土矿",
    "能源",
    "社区",
    "生产",
    "质量",
    "创新",
    "产能",
    "铁路",
    "就业",
    "医疗",
];

fn main() {
    let pages: usize = env_number("FP_BENCH_PAGES", 1000);
    let runs: usize = env_number("FP_BENCH_RUNS", 5);
    let work = tempfile::tempdir().unwrap();
    // FP_BENCH_KEEP=DIR keeps the generated sites there, for profiling.
    let keep = std::env::var_os("FP_BENCH_KEEP").map(PathBuf::from);
    let work_path = keep.clone().unwrap_or_else(|| work.path().to_path_buf());
    let work = (work, work_path);
    let fp_dir = work.1.join("fluentpress");
    let hugo_dir = work.1.join("hugo");
    let started = Instant::now();
    if keep.is_some() {
        let _ = std::fs::remove_dir_all(&work.1);
    }
    write_fluentpress_site(&fp_dir, pages);
    write_hugo_site(&hugo_dir, pages);
    let total_pages = pages * LOCALES.len();
    println!(
        "synthetic site: {pages} pages x {} locales = {total_pages} pages (generated in {:.1} s)",
        LOCALES.len(),
        started.elapsed().as_secs_f64()
    );

    // `FP_BENCH_BIN` measures another build (an older commit, say) on the same site.
    let fluentpress_bin = std::env::var_os("FP_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_fluentpress")));
    let fluentpress = fluentpress_bin.as_path();
    // Generate the source messages once (not timed: extract is not part of an export).
    run(Command::new(fluentpress)
        .arg("--project")
        .arg(&fp_dir)
        .arg("extract"));
    write_translations(&fp_dir, pages);
    let fp = median(runs, || {
        run(Command::new(fluentpress)
            .arg("--project")
            .arg(&fp_dir)
            .args(["export", "web", "--out"])
            .arg(work.1.join("out-fluentpress"))
            .env("CI", "1"))
    });
    let produced = count_files(&work.1.join("out-fluentpress"), "index.html");
    report("fluentpress export web", fp, total_pages, produced);

    let hugo = Command::new("hugo").arg("version").output();
    let Ok(version) = hugo.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()) else {
        println!("hugo: not installed (apt-get install hugo); only fluentpress was measured");
        return;
    };
    println!("{version}");
    let out = work.1.join("out-hugo");
    let hg = median(runs, || {
        let _ = std::fs::remove_dir_all(&out);
        run(Command::new("hugo")
            .arg("--quiet")
            .arg("--source")
            .arg(&hugo_dir)
            .arg("--destination")
            .arg(&out))
    });
    let produced = count_files(&out, "index.html");
    report("hugo", hg, total_pages, produced);
    println!(
        "ratio: fluentpress is {:.2}x Hugo's pages per second",
        hg.0.as_secs_f64() / fp.0.as_secs_f64()
    );
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `command`; returns its wall time and, when GNU time is installed (Debian `time`), its
/// peak resident set size in KiB (`/usr/bin/time -f %M` wraps the process).
fn run(command: &mut Command) -> (Duration, Option<u64>) {
    let gnu_time = Path::new("/usr/bin/time");
    let rss_file = tempfile::NamedTempFile::new().unwrap();
    let mut wrapped;
    let command = if gnu_time.exists() {
        wrapped = Command::new(gnu_time);
        wrapped
            .args(["-f", "%M", "-o"])
            .arg(rss_file.path())
            .arg(command.get_program())
            .args(command.get_args());
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => wrapped.env(key, value),
                None => wrapped.env_remove(key),
            };
        }
        if let Some(dir) = command.get_current_dir() {
            wrapped.current_dir(dir);
        }
        &mut wrapped
    } else {
        command
    };
    let start = Instant::now();
    let output = command.output().expect("cannot run the command");
    let elapsed = start.elapsed();
    assert!(
        output.status.success(),
        "{:?} failed:\n{}{}",
        command,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let rss = std::fs::read_to_string(rss_file.path())
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    (elapsed, rss)
}

/// The median wall time of `runs` runs after a warm-up, and the largest peak RSS seen.
fn median(runs: usize, mut f: impl FnMut() -> (Duration, Option<u64>)) -> (Duration, Option<u64>) {
    let _warm_up = f();
    let results: Vec<(Duration, Option<u64>)> = (0..runs.max(1)).map(|_| f()).collect();
    let mut times: Vec<Duration> = results.iter().map(|r| r.0).collect();
    times.sort();
    let rss = results.iter().filter_map(|r| r.1).max();
    (times[times.len() / 2], rss)
}

fn report(name: &str, (time, rss): (Duration, Option<u64>), pages: usize, produced: usize) {
    let rss = rss.map_or_else(
        || "peak RSS not measured (no /usr/bin/time)".to_string(),
        |kib| format!("peak RSS {:.0} MiB", kib as f64 / 1024.0),
    );
    println!(
        "{name}: median {:.3} s, {:.0} pages/s, {rss} ({produced} index.html files written)",
        time.as_secs_f64(),
        pages as f64 / time.as_secs_f64()
    );
}

fn count_files(dir: &Path, name: &str) -> usize {
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == name) {
                count += 1;
            }
        }
    }
    count
}

/// A deterministic pseudo-random sentence of `n` words (or CJK phrases).
fn sentence(seed: usize, n: usize, cjk: bool) -> String {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(12345);
    let mut out = String::new();
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if cjk {
            out.push_str(CJK[x % CJK.len()]);
        } else {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[x % WORDS.len()]);
        }
    }
    if cjk { out + "。" } else { out + "." }
}

/// The text of message `n` of page `p` in a locale: English words, Chinese phrases, or the
/// English words marked with the locale (the benchmark measures the tools, not translation).
fn text(locale: &str, p: usize, n: usize, words: usize) -> String {
    let english = sentence(p * 31 + n, words, false);
    match locale {
        "en-US" => english,
        "zh-CN" => sentence(p * 31 + n, words / 2, true),
        other => format!("{english} ({other})"),
    }
}

/// Page `p`'s body in a locale, as Markdown: 3 sections of a heading, 2 paragraphs, a list.
fn body(locale: &str, p: usize) -> Vec<(String, String)> {
    // (message key, text) in order; the key tells the block kind.
    let mut out = Vec::new();
    for s in 1..=3 {
        out.push((format!("s{s}-title"), text(locale, p, s * 10, 3)));
        out.push((format!("s{s}-p1"), text(locale, p, s * 10 + 1, 40)));
        out.push((format!("s{s}-p2"), text(locale, p, s * 10 + 2, 30)));
        for li in 1..=3 {
            out.push((format!("s{s}-li{li}"), text(locale, p, s * 10 + 2 + li, 6)));
        }
    }
    out
}

fn markdown(blocks: &[(String, String)], pinned: bool) -> String {
    let mut md = String::new();
    for (key, text) in blocks {
        if key.ends_with("-title") {
            let section = key.trim_end_matches("-title");
            if pinned {
                let _ = write!(md, "\n## {text} {{#{section}}}\n\n");
            } else {
                let _ = write!(md, "\n## {text}\n\n");
            }
        } else if key.contains("-li") {
            let _ = writeln!(md, "- {text}");
        } else {
            let _ = write!(md, "\n{text}\n\n");
        }
    }
    md
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write_fluentpress_site(dir: &Path, pages: usize) {
    let mut config = String::from(
        "site:\n  name: Synthetic\n  base_url: https://bench.example/\nsource_locale:\n  tag: en-US\n  name: English\nlocales:\n",
    );
    for (tag, _, name) in &LOCALES[1..] {
        let _ = writeln!(config, "  - tag: {tag}\n    name: {name}");
    }
    write(&dir.join("fluentpress.yaml"), &config);
    for (tag, _, _) in LOCALES {
        std::fs::create_dir_all(dir.join("locales").join(tag)).unwrap();
        std::fs::copy(
            repo().join("locales").join(tag).join("ui.ftl"),
            dir.join("locales").join(tag).join("ui.ftl"),
        )
        .unwrap();
    }
    for p in 0..pages {
        let nav = if p < 5 {
            format!("nav_order: {p}\n")
        } else {
            String::new()
        };
        let page = format!(
            "---\ntitle: {}\nslug: page-{p}\n{nav}description: {}\n---\n{}",
            text("en-US", p, 1, 4),
            text("en-US", p, 2, 12),
            markdown(&body("en-US", p), true)
        );
        write(&dir.join(format!("content/page-{p}.md")), &page);
    }
}

/// The target locales' page messages, after `extract` wrote the source ones.
fn write_translations(dir: &Path, pages: usize) {
    for (tag, _, _) in &LOCALES[1..] {
        for p in 0..pages {
            let mut ftl = String::new();
            let _ = writeln!(ftl, "page-{p}-title = {}", text(tag, p, 1, 4));
            let _ = writeln!(ftl, "page-{p}-description = {}", text(tag, p, 2, 12));
            for (key, value) in body(tag, p) {
                let id = match key.split_once("-li") {
                    Some((section, n)) => format!("{section}-li{n}"),
                    None => key.clone(),
                };
                let _ = writeln!(ftl, "page-{p}-{id} = {value}");
            }
            write(&dir.join(format!("locales/{tag}/pages/page-{p}.ftl")), &ftl);
        }
    }
}

fn write_hugo_site(dir: &Path, pages: usize) {
    let mut config = String::from(
        "baseURL = 'https://bench.example/'\ndefaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\ndisableKinds = ['taxonomy', 'term', 'RSS']\n[languages]\n",
    );
    for (weight, (tag, short, name)) in LOCALES.iter().enumerate() {
        let _ = write!(
            config,
            "[languages.{short}]\nlanguageCode = '{tag}'\nlanguageName = '{name}'\ncontentDir = 'content/{short}'\nweight = {}\n",
            weight + 1
        );
        let _ = write!(
            config,
            "[[languages.{short}.menus.main]]\nname = 'Home'\npageRef = '/'\nweight = 1\n"
        );
        write(
            &dir.join(format!("i18n/{short}.toml")),
            "skip = 'Skip to main content'\nsearch = 'Search'\nplaceholder = 'Please enter the keyword'\nlanguage = 'Language'\n",
        );
    }
    write(&dir.join("hugo.toml"), &config);
    write(
        &dir.join("layouts/_default/baseof.html"),
        r##"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">
{{ end }}<link rel="alternate" hreflang="x-default" href="{{ "/" | absURL }}">
</head>
<body><a href="#main">{{ i18n "skip" }}</a>
<header><form action="{{ "search/" | relLangURL }}"><input type="search" name="q" placeholder="{{ i18n "placeholder" }}"><button>{{ i18n "search" }}</button></form>
<nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
<nav aria-label="{{ i18n "language" }}"><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Site.LanguageCode }}" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>© 2024 {{ .Site.Title }}</p></footer>
</body></html>
"##,
    );
    write(
        &dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>\n{{ .Content }}</article>{{ end }}\n",
    );
    write(
        &dir.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ end }}\n",
    );
    write(
        &dir.join("layouts/index.html"),
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>{{ end }}\n",
    );
    for (tag, short, _) in LOCALES {
        for p in 0..pages {
            let page = format!(
                "---\ntitle: \"{}\"\ndescription: \"{}\"\ntranslationKey: page-{p}\nslug: page-{p}\n---\n{}",
                text(tag, p, 1, 4),
                text(tag, p, 2, 12),
                markdown(&body(tag, p), false)
            );
            write(&dir.join(format!("content/{short}/page-{p}.md")), &page);
        }
    }
}
