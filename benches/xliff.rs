//! Benchmark of the XLIFF round trip on one locale of a synthetic project (3,000 messages, plural
//! selections, attributes; the generator in `src/synth.rs`), against the floor of loading the two
//! locales' catalogs, in the same run. Prints medians; run with `cargo bench --bench xliff`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fluentpress::catalog::load_locales;
use fluentpress::config::load_project;
use fluentpress::synth::{SynthOptions, write_project};
use fluentpress::xliff::import::{ImportOptions, ImportOutcome, import_xliff};
use fluentpress::xliff::{Only, XliffVersion, export_locale};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median of `runs` timed calls of `f`, each after an untimed `setup`.
fn time<T>(runs: usize, mut setup: impl FnMut(), mut f: impl FnMut() -> T) -> Duration {
    setup();
    let _ = f(); // warm the page cache and allocator
    median(
        (0..runs)
            .map(|_| {
                setup();
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-xliff-synth");
    let _ = std::fs::remove_dir_all(&dir);
    let options = SynthOptions {
        locales: 1,
        ..SynthOptions::default()
    };
    let summary = write_project(&dir, &options).unwrap();
    let project = load_project(&dir).unwrap();
    let tag = summary.locales[0].clone();
    let source = project.source_locale().tag.clone();
    let locale_dir = project.locale_dir(&tag);
    let pristine = dir.join("pristine");
    copy_dir(&locale_dir, &pristine);
    let restore = || copy_dir(&pristine, &locale_dir);

    let (xml, exported) = export_locale(&project, &tag, XliffVersion::V2_0, Only::All)
        .unwrap()
        .unwrap();
    println!(
        "synthetic locale {tag}: {} messages, {} units in {} files, XLIFF {:.1} MB",
        options.messages,
        exported.units,
        exported.files,
        xml.len() as f64 / 1e6
    );
    let unchanged = dir.join("unchanged.xlf");
    std::fs::write(&unchanged, &xml).unwrap();
    // Every target edited: every message is rewritten in place.
    let edited = dir.join("edited.xlf");
    std::fs::write(&edited, xml.replace("</target>", " (revised)</target>")).unwrap();

    let runs = 7;
    let load = time(
        runs,
        || {},
        || {
            load_locales(&project, &[source.as_str(), tag.as_str()])
                .unwrap()
                .locales
                .len()
        },
    );
    let export = time(
        runs,
        || {},
        || {
            export_locale(&project, &tag, XliffVersion::V2_0, Only::All)
                .unwrap()
                .map(|(x, _)| x.len())
        },
    );
    let import = |path: &Path| match import_xliff(&project, path, ImportOptions::default()).unwrap()
    {
        ImportOutcome::Done(report) => report.files.len(),
        ImportOutcome::Refused(problems) => panic!("refused: {problems:?}"),
    };
    let read_xml = time(
        runs,
        || {},
        || {
            let text = std::fs::read_to_string(&unchanged).unwrap();
            fluentpress::xliff::read::parse_xml(&text)
                .unwrap()
                .children
                .len()
        },
    );
    let import_unchanged = time(runs, || {}, || import(&unchanged));
    let import_edited = time(runs, restore, || import(&edited));
    restore();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("median of {runs} runs:");
    println!("  load source + locale catalogs   {:>8.1} ms", ms(load));
    println!("  export XLIFF 2.0 (load + write) {:>8.1} ms", ms(export));
    println!("  read + parse the XLIFF (tree)   {:>8.1} ms", ms(read_xml));
    println!(
        "  import unchanged (no write)     {:>8.1} ms",
        ms(import_unchanged)
    );
    println!(
        "  import, every unit edited       {:>8.1} ms",
        ms(import_edited)
    );
    println!(
        "  export / load: {:.2}x; import unchanged / load: {:.2}x; import edited / load: {:.2}x",
        ms(export) / ms(load),
        ms(import_unchanged) / ms(load),
        ms(import_edited) / ms(load)
    );
}
