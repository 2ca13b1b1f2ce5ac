//! Test support: copy a fixture project into a temporary folder, mutate it, run the binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct TestProject {
    pub dir: tempfile::TempDir,
}

impl TestProject {
    /// A private copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&source, dir.path());
        TestProject { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// The JSON text of a search index file (`dist/web/fr/search/manifest.fpz`): stored
    /// gzip-compressed, inflated here.
    pub fn read_index(&self, relative: &str) -> String {
        let bytes = std::fs::read(self.path(relative)).unwrap();
        let json = fluentpress::export::web::gzip::decompress(&bytes).unwrap();
        String::from_utf8(json).unwrap()
    }

    /// The binary, run from the project root (so paths in messages are project-relative).
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("fluentpress").unwrap();
        cmd.current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            // 2024-01-01: the footer's year, so exported pages are the same every year.
            .env("SOURCE_DATE_EPOCH", "1704067200")
            .env_remove("CI");
        cmd
    }

    /// Runs with `args` and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.cmd().args(args).output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Every file below `relative`, as (path, bytes), sorted.
    pub fn snapshot_tree(&self, relative: &str) -> Vec<(String, Vec<u8>)> {
        tree(&self.path(relative))
    }
}

/// Every file below `dir` with its bytes, `/`-separated relative paths, sorted (empty when `dir`
/// does not exist).
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read(&path).unwrap()));
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// The repository's own sample project.
pub fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `(exit code, stdout, stderr, peak RSS in KiB, wall time)` of the binary under GNU time.
pub fn run_measured(
    project: &TestProject,
    args: &[&str],
) -> (i32, String, String, u64, std::time::Duration) {
    let report = project.path("time.txt");
    let binary = assert_cmd::cargo::cargo_bin("fluentpress");
    let start = std::time::Instant::now();
    let output = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(binary)
        .args(args)
        .current_dir(project.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("GNU time at /usr/bin/time (Debian package `time`)");
    let elapsed = start.elapsed();
    let rss = std::fs::read_to_string(&report).unwrap();
    let rss: u64 = rss.lines().last().unwrap().trim().parse().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        rss,
        elapsed,
    )
}
