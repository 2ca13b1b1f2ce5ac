//! Benchmark: fluentpress's sharded search index against Pagefind, on the same exported HTML.
//!
//! For each size (default 1,000, 10,000 and 50,000 pages) a synthetic one-locale (en-US) site is
//! generated: pages of a few hundred words drawn from a Zipf-distributed vocabulary of made-up
//! words (some inflected: `-s`, `-ing`, `-ed`), three headed sections each, and 40 queries whose
//! target page is known: 20 rare words planted in one page (10 in its title, 10 in its body),
//! 10 common words planted in one page's title, 10 pairs of common words planted side by side in
//! one page (each word also occurs in many others). Then, after the sample site (en-US, a few
//! queries):
//!
//! - `fluentpress export web` builds the site and its index (wall time of the whole export, and
//!   of `search::build_index` alone, in process, on the same texts);
//! - `pagefind --site` (tests/js/node_modules) indexes the exported HTML (wall time);
//! - index bytes on disk, each engine's whole folder with its client: our `search/` folder less
//!   its HTML page, plus `assets/search.js`; Pagefind's `pagefind/` folder (its index, wasm,
//!   scripts and styles). Both indexes are stored gzip-compressed;
//! - bytes fetched per query, medians over the 30 one-word and the 10 two-word queries, every
//!   file counted *as a static host serves it*: a file stored gzip-compressed (our `.fpz` files,
//!   Pagefind's `.pf_*` files and wasm) at its size, any other (Pagefind's
//!   `pagefind-entry.json`) at its gzip -9 size, as hosts compress text on the fly. The same rule
//!   for both; the clients' scripts are left out of both. Ours: the files the exported client
//!   (assets/search.js) fetches under Node with tests/js/search-client.mjs (manifest, shards,
//!   the fragments of the 10 results shown); Pagefind's: the files its own client fetches in
//!   headless Chromium (one fresh browser per query, `--dump-dom` of a probe page):
//!   pagefind-entry.json, the meta file, the wasm, index chunks and the fragments of its first
//!   10 results;
//! - relevance: how many of the 40 queries have their target page in the top 3, for each.
//!
//! Run: `cargo bench --bench search` (node, chromium and `npm ci` in tests/js needed for the
//! comparison; without them fluentpress alone is measured). `cargo bench --bench search --
//! --quick` runs 1,000 pages only; `-- --pages 2000,5000` chooses the sizes. `FP_BENCH_BIN`
//! points at another fluentpress binary (e.g. a dev build:
//! `FP_BENCH_BIN=target/debug/fluentpress cargo bench --profile dev --bench search -- --quick`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fluentpress::export::web::search::{IndexOptions, SearchDocument, build_index};

// The allocator the `fluentpress` binary ships with, so `build_index` alone is timed as the
// export runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (64-bit LCG, high bits): the same sites on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ren", "tu", "sa", "vel", "no", "ri", "dan", "pe", "gu", "ter", "ba", "li",
    "mor", "ze", "chi", "fa", "wen", "do", "ska", "ru", "nit",
];
/// Planted rare words use other letters, so they never occur by chance.
const RARE: [&str; 8] = ["qox", "yph", "jix", "quv", "xyr", "zhq", "vyx", "qwo"];
const VOCABULARY: usize = 20_000;
const SUFFIXES: [&str; 4] = ["", "s", "ing", "ed"];

struct Site {
    /// Pages: (title, headings, paragraphs per section).
    pages: Vec<(String, Vec<String>, Vec<String>)>,
    /// (query, target page index, kind).
    queries: Vec<(String, usize, &'static str)>,
}

fn word(rank: usize) -> String {
    let mut w = String::new();
    let mut n = rank + SYLLABLES.len();
    while n > 0 {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    w
}

fn rare(k: usize) -> String {
    format!(
        "{}{}{}",
        RARE[k % 8],
        SYLLABLES[(k / 8) % 24],
        RARE[(k / 192 + 3) % 8]
    )
}

/// A Zipf-distributed rank (exponent 1) among VOCABULARY words, by inverse transform on the
/// harmonic numbers' logarithmic approximation.
fn zipf(rng: &mut Rng) -> usize {
    let u = (rng.next() as f64 + 1.0) / (1u64 << 31) as f64;
    let h = (VOCABULARY as f64).ln() + 0.5772;
    ((u * h).exp() - 1.0).clamp(0.0, VOCABULARY as f64 - 1.0) as usize
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        let w = word(zipf(rng));
        let suffix = if rng.below(5) == 0 {
            SUFFIXES[rng.below(4)]
        } else {
            ""
        };
        out.push(format!("{w}{suffix}"));
    }
    let mut s = out.join(" ");
    s.push('.');
    s
}

fn generate(pages: usize) -> Site {
    let mut rng = Rng(pages as u64 * 7919 + 17);
    let mut site = Site {
        pages: Vec::with_capacity(pages),
        queries: Vec::new(),
    };
    for _ in 0..pages {
        let title = {
            let mut t = sentence(&mut rng, 3);
            t.pop();
            t
        };
        let headings = (0..3)
            .map(|_| {
                let mut h = sentence(&mut rng, 2);
                h.pop();
                h
            })
            .collect();
        let sections = (0..3)
            .map(|_| format!("{} {}", sentence(&mut rng, 40), sentence(&mut rng, 40)))
            .collect();
        site.pages.push((title, headings, sections));
    }
    // Targets spread over the site, never the same page twice.
    let target = |k: usize| (k * 7_919 + 13) % pages;
    for k in 0..20 {
        let (page, planted) = (target(k), rare(k));
        if k < 10 {
            site.pages[page].0.push_str(&format!(" {planted}"));
        } else {
            site.pages[page].2[1].push_str(&format!(" {planted} was noted."));
        }
        site.queries.push((planted, page, "rare word"));
    }
    for k in 20..30 {
        // Ranks 200..: words many pages use, none in most titles.
        let (page, planted) = (target(k), word(200 + k * 37));
        site.pages[page].0.push_str(&format!(" {planted}"));
        site.queries.push((planted, page, "common word in a title"));
    }
    for k in 30..40 {
        let page = target(k);
        let (a, b) = (word(150 + k * 41), word(400 + k * 43));
        site.pages[page].2[2].push_str(&format!(" Then {a} {b} came."));
        site.queries
            .push((format!("{a} {b}"), page, "two common words side by side"));
    }
    site
}

fn write_project(dir: &Path, site: &Site) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("fluentpress.yaml"),
        "site:\n  name: Bench\n  base_url: https://example.org/\nsource_locale:\n  tag: en-US\n  name: English\nlocales: []\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("locales/en-US")).unwrap();
    std::fs::write(
        dir.join("locales/en-US/ui.ftl"),
        "search-results = { $count ->\n    [one] { $count } result for { $query }\n   *[other] { $count } results for { $query }\n}\n",
    )
    .unwrap();
    for (n, (title, headings, sections)) in site.pages.iter().enumerate() {
        let mut body = String::new();
        for (s, (heading, text)) in headings.iter().zip(sections).enumerate() {
            body.push_str(&format!("## {heading} {{#s{s}}}\n\n{text}\n\n"));
        }
        std::fs::write(
            dir.join(format!("content/p{n}.md")),
            format!("---\ntitle: {title}\nslug: p{n}\n---\n\n{body}"),
        )
        .unwrap();
    }
}

/// The same texts the export indexes, for timing the index build alone.
fn documents(site: &Site) -> Vec<SearchDocument> {
    site.pages
        .iter()
        .enumerate()
        .map(|(n, (title, headings, sections))| SearchDocument {
            url: format!("p{n}/"),
            title: title.clone(),
            description: String::new(),
            headings: headings.join("\n"),
            body: headings
                .iter()
                .zip(sections)
                .map(|(h, s)| format!("{h}\n{s}\n"))
                .collect(),
        })
        .collect()
}

fn fluentpress_bin() -> PathBuf {
    std::env::var_os("FP_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_fluentpress")))
}

fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js")
}

fn timed(command: &mut Command) -> Duration {
    let started = Instant::now();
    let output = command.output().expect("run");
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    started.elapsed()
}

fn dir_bytes(dir: &Path, skip: &dyn Fn(&Path) -> bool) -> u64 {
    let mut total = 0;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if skip(&path) {
            continue;
        }
        if path.is_dir() {
            total += dir_bytes(&path, skip);
        } else {
            total += entry.metadata().map_or(0, |m| m.len());
        }
    }
    total
}

/// The bytes a static host sends for `path`: a gzip-compressed file as it is, any other file
/// gzip -9 (see the module's comment).
fn served_size(path: &Path, cache: &mut BTreeMap<PathBuf, u64>) -> u64 {
    if let Some(&n) = cache.get(path) {
        return n;
    }
    let bytes = std::fs::read(path).unwrap_or_default();
    let n = if bytes.starts_with(&[0x1f, 0x8b]) {
        bytes.len() as u64
    } else {
        let output = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(path)
            .output()
            .expect("gzip");
        output.stdout.len() as u64
    };
    cache.insert(path.to_path_buf(), n);
    n
}

/// Our client's bytes on disk (Pagefind's folder holds its own).
fn client_bytes(dist: &Path) -> u64 {
    std::fs::metadata(dist.join("assets/search.js")).map_or(0, |m| m.len())
}

fn median(values: &mut [u64]) -> u64 {
    if values.is_empty() {
        return 0;
    }
    values.sort_unstable();
    values[values.len() / 2]
}

/// What one engine did for the queries.
#[derive(Default)]
struct Measured {
    /// Bytes fetched per query, in query order.
    bytes: Vec<u64>,
    /// Top URLs per query (locale-relative for ours, site paths for Pagefind).
    top: Vec<Vec<String>>,
}

fn ours(dist: &Path, queries: &[String]) -> Option<Measured> {
    let output = Command::new("node")
        .arg(js_dir().join("search-client.mjs"))
        .arg(dist)
        .arg("en-US")
        .args(queries)
        .output()
        .ok()?;
    if !output.status.success() {
        eprintln!("node: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let folder = dist.join("en-US/search");
    let mut cache = BTreeMap::new();
    let mut measured = Measured::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let bytes = v["fetched"]
            .as_array()?
            .iter()
            .map(|f| served_size(&folder.join(f.as_str().unwrap_or("")), &mut cache))
            .sum();
        measured.bytes.push(bytes);
        measured.top.push(
            v["results"]
                .as_array()?
                .iter()
                .take(3)
                .map(|r| format!("/en-US/{}", r["url"].as_str().unwrap_or("")))
                .collect(),
        );
    }
    Some(measured)
}

/// Serves `root` on 127.0.0.1 (a thread per connection) until the process ends.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    port
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    let path = request.split(' ').nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(body) => ("200 OK", body),
        Err(_) => ("404 Not Found", Vec::new()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

const PROBE: &str = r#"<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>probe</title></head><body><script type="module">
const q = new URLSearchParams(location.search).get("q");
let out;
try {
  const pagefind = await import("../pagefind/pagefind.js");
  const search = await pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  const entries = performance.getEntriesByType("resource")
    .filter(e => e.name.includes("/pagefind/") && !e.name.endsWith(".js"))
    .map(e => [new URL(e.name).pathname, e.encodedBodySize]);
  out = {total: search.results.length, urls: shown.map(d => d.url), entries};
} catch (e) {
  out = {error: String(e), urls: [], entries: []};
}
// The markers are built here, so the script's own text never matches them.
document.body.textContent = "PRO" + "BE" + JSON.stringify(out) + "EBO" + "RP";
</script></body></html>"#;

fn pagefind(dist: &Path, queries: &[String]) -> Option<(Duration, u64, Measured)> {
    let binary = js_dir().join("node_modules/.bin/pagefind");
    if !binary.exists() {
        eprintln!("no {}", binary.display());
        return None;
    }
    if let Err(e) = Command::new("chromium").arg("--version").output() {
        eprintln!("chromium: {e}");
        return None;
    }
    let build = timed(Command::new(&binary).arg("--site").arg(dist).arg("--quiet"));
    let bytes = dir_bytes(&dist.join("pagefind"), &|_| false);
    std::fs::write(dist.join("en-US/pf-probe.html"), PROBE).unwrap();
    let port = serve(dist.to_path_buf());
    let mut measured = Measured::default();
    let mut cache = BTreeMap::new();
    for query in queries {
        let url = format!(
            "http://127.0.0.1:{port}/en-US/pf-probe.html?q={}",
            query.replace(' ', "%20")
        );
        // Chromium may dump the page before the search finished: tried again, waiting longer.
        let mut found = None;
        for attempt in 1..=4 {
            let profile = tempfile::tempdir().unwrap();
            let output = Command::new("chromium")
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--dump-dom",
                ])
                .arg(format!("--virtual-time-budget={}", attempt * 20_000))
                .arg(format!("--user-data-dir={}", profile.path().display()))
                .arg(&url)
                .stderr(Stdio::null())
                .output()
                .inspect_err(|e| eprintln!("chromium: {e}"))
                .ok()?;
            let dom = String::from_utf8_lossy(&output.stdout).into_owned();
            if let Some(json) = dom
                .split("PROBE")
                .nth(1)
                .and_then(|d| d.split("EBORP").next())
                && let Ok(v) = serde_json::from_str::<serde_json::Value>(json)
            {
                found = Some(v);
                break;
            }
        }
        let Some(v) = found else {
            eprintln!("pagefind probe failed for {query:?}");
            return None;
        };
        if let Some(error) = v.get("error") {
            eprintln!("pagefind failed for {query:?}: {error}");
        }
        // The probe's server sends files as they are: each is counted as a host serves it.
        measured.bytes.push(
            v["entries"]
                .as_array()?
                .iter()
                .map(|e| {
                    let path = e[0].as_str().unwrap_or("").trim_start_matches('/');
                    served_size(&dist.join(path), &mut cache)
                })
                .sum(),
        );
        measured.top.push(
            v["urls"]
                .as_array()?
                .iter()
                .take(3)
                .map(|u| u.as_str().unwrap_or("").to_string())
                .collect(),
        );
    }
    Some((build, bytes, measured))
}

fn found_in_top3(measured: &Measured, targets: &[String]) -> usize {
    measured
        .top
        .iter()
        .zip(targets)
        .filter(|(top, target)| top.iter().any(|u| u == *target))
        .count()
}

/// Medians of the 30 one-word and the 10 two-word queries (by their number of words).
fn medians(measured: &Measured, queries: &[String]) -> (u64, u64) {
    let mut one = Vec::new();
    let mut two = Vec::new();
    for (q, &b) in queries.iter().zip(&measured.bytes) {
        if q.contains(' ') {
            two.push(b);
        } else {
            one.push(b);
        }
    }
    (median(&mut one), median(&mut two))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut sizes = vec![1_000, 10_000, 50_000];
    if args.iter().any(|a| a == "--quick") {
        sizes = vec![1_000];
    }
    if let Some(i) = args.iter().position(|a| a == "--pages") {
        sizes = args[i + 1]
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect();
    }
    let work = tempfile::tempdir().unwrap();
    let bin = fluentpress_bin();
    println!("fluentpress: {}", bin.display());

    // The sample site, its en-US locale.
    let sample = work.path().join("sample");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["content", "locales", "snapshots", "static"] {
        copy_dir(&root.join(sub), &sample.join(sub));
    }
    std::fs::copy(
        root.join("fluentpress.yaml"),
        sample.join("fluentpress.yaml"),
    )
    .unwrap();
    let export = timed(
        Command::new(&bin)
            .arg("--project")
            .arg(&sample)
            .args(["export", "web"])
            .env("CI", "1"),
    );
    let dist = sample.join("dist/web");
    let queries: Vec<String> = ["aluminum", "production", "bauxite", "alumina refinery"]
        .map(String::from)
        .to_vec();
    // Every locale's index, as Pagefind's folder holds every locale's.
    let index_bytes: u64 = std::fs::read_dir(&dist)
        .unwrap()
        .flatten()
        .map(|locale| {
            dir_bytes(&locale.path().join("search"), &|p| {
                p.ends_with("index.html")
            })
        })
        .sum::<u64>()
        + client_bytes(&dist);
    println!(
        "\nsample site (6 locales, 4 pages each): export {:.2} s, index {index_bytes} B on disk (all locales, with the client)",
        export.as_secs_f64()
    );
    if let Some(m) = ours(&dist, &queries) {
        println!(
            "  fluentpress bytes fetched (as served) per query {queries:?}: {:?}",
            m.bytes
        );
    }
    if let Some((build, bytes, m)) = pagefind(&dist, &queries) {
        println!(
            "  pagefind: index {:.2} s, {bytes} B on disk (all locales); bytes fetched (as served) per query: {:?}",
            build.as_secs_f64(),
            m.bytes
        );
    }

    for pages in sizes {
        let started = Instant::now();
        let site = generate(pages);
        let project = work.path().join(format!("site-{pages}"));
        write_project(&project, &site);
        println!(
            "\n{pages} pages (generated in {:.1} s)",
            started.elapsed().as_secs_f64()
        );
        let docs = documents(&site);
        let refs: Vec<&SearchDocument> = docs.iter().collect();
        let options = IndexOptions {
            lang: "en-US".into(),
            ..IndexOptions::default()
        };
        let index_started = Instant::now();
        let built = build_index(&refs, &options);
        let index_time = index_started.elapsed();
        drop(built);
        let export = timed(
            Command::new(&bin)
                .arg("--project")
                .arg(&project)
                .args(["export", "web"])
                .env("CI", "1"),
        );
        let dist = project.join("dist/web");
        let index_bytes = dir_bytes(&dist.join("en-US/search"), &|p| p.ends_with("index.html"))
            + client_bytes(&dist);
        let queries: Vec<String> = site.queries.iter().map(|q| q.0.clone()).collect();
        let targets: Vec<String> = site
            .queries
            .iter()
            .map(|q| format!("/en-US/p{}/", q.1))
            .collect();
        println!(
            "  fluentpress: export {:.2} s ({:.0} pages/s), index build alone {:.2} s, index {:.1} MiB on disk",
            export.as_secs_f64(),
            pages as f64 / export.as_secs_f64(),
            index_time.as_secs_f64(),
            index_bytes as f64 / 1048576.0
        );
        if let Some(m) = ours(&dist, &queries) {
            let (one, two) = medians(&m, &queries);
            println!(
                "  fluentpress: fetched per query (as served), median one-word {one} B, two-word {two} B; target in top 3: {}/40",
                found_in_top3(&m, &targets)
            );
            print_misses("fluentpress", &m, &site, &targets);
        }
        if let Some((build, bytes, m)) = pagefind(&dist, &queries) {
            let (one, two) = medians(&m, &queries);
            println!(
                "  pagefind:    index {:.2} s, {:.1} MiB on disk; fetched per query, median one-word {one} B, two-word {two} B; target in top 3: {}/40",
                build.as_secs_f64(),
                bytes as f64 / 1048576.0,
                found_in_top3(&m, &targets)
            );
            print_misses("pagefind", &m, &site, &targets);
        } else {
            println!("  pagefind: not measured (needs chromium and `npm ci` in tests/js)");
        }
    }
}

fn print_misses(engine: &str, m: &Measured, site: &Site, targets: &[String]) {
    for ((top, target), (query, _, kind)) in m.top.iter().zip(targets).zip(&site.queries) {
        if !top.contains(target) {
            println!("    {engine} missed {query:?} ({kind}): {target} not in {top:?}");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            let mut bytes = Vec::new();
            std::fs::File::open(entry.path())
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            std::fs::write(target, bytes).unwrap();
        }
    }
}
