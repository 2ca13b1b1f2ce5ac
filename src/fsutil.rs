//! File-system helpers shared by every stage: strict UTF-8 reading with positioned errors,
//! byte offset → line:column conversion, project-relative display paths, the rule that no
//! symbolic link may lead out of the project, and atomic single-file writes that keep a file's
//! permission bits (multi-file updates go through [`crate::transaction`]).

use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A point in a file, 1-based, columns counted in characters (not bytes), as editors count them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(path: &Path, line: usize, column: usize) -> Self {
        Location {
            path: path.to_path_buf(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{location}: the file is not valid UTF-8 (invalid byte sequence here); save it as UTF-8"
    )]
    NotUtf8 { location: Location },
    #[error(
        "{}: the file is larger than {} MiB, the most fluentpress reads from one file; split it into several files",
        .path.display(), MAX_FILE_SIZE >> 20
    )]
    TooLarge { path: PathBuf },
    #[error("{}: a symbolic link that leads outside the project is not followed", .path.display())]
    SymlinkOutside { path: PathBuf },
    #[error(
        "{}: not a regular file (a FIFO, socket or device); fluentpress reads only regular files",
        .path.display()
    )]
    NotAFile { path: PathBuf },
}

/// The largest file [`read_utf8`] reads: 10 MiB. Loading a Fluent file takes about 25 times its
/// size in memory, so this bounds one file at a few hundred MiB; the largest real `.ftl` files
/// (Firefox's) are under 100 KiB.
pub const MAX_FILE_SIZE: u64 = 10 << 20;

/// Reads a file that must be UTF-8 text, at most [`MAX_FILE_SIZE`] bytes. A leading byte-order
/// mark is kept (callers that parse strip it themselves so that their offsets stay offsets into
/// the file).
pub fn read_utf8(path: &Path) -> Result<String, ReadError> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        location: not_utf8_location(path, e.as_bytes(), e.utf8_error().valid_up_to()),
    })
}

/// Where the first invalid byte of `bytes` (at `valid_up_to`) is, as a location in `path`.
pub fn not_utf8_location(path: &Path, bytes: &[u8], valid_up_to: usize) -> Location {
    // Safe: everything before `valid_up_to` is valid UTF-8.
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let (line, column) = line_column(prefix, prefix.len());
    Location::new(path, line, column)
}

/// Reads a regular file of at most [`MAX_FILE_SIZE`] bytes.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let io_err = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Opening a FIFO for reading waits for a writer, forever: look at what the path is first
    // (following links, as opening does). A special file swapped in between the two calls is
    // still caught below, after opening, before reading.
    if !std::fs::metadata(path).map_err(io_err)?.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let file = std::fs::File::open(path).map_err(io_err)?;
    let too_large = || ReadError::TooLarge {
        path: path.to_path_buf(),
    };
    let metadata = file.metadata().map_err(io_err)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let size = metadata.len();
    if size > MAX_FILE_SIZE {
        return Err(too_large());
    }
    // One read for the whole file and one that finds its end, as `fs::read` does
    // (`read_to_end` through `Take`, which knows no size, reads in 8 KiB steps: a third system
    // call for most files). The size may change while reading: never read past the limit.
    let limit = MAX_FILE_SIZE as usize + 1;
    let mut bytes = vec![0u8; (size as usize + 1).min(limit)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= limit {
                return Err(too_large());
            }
            bytes.resize((filled * 2).min(limit), 0);
        }
        match (&file).read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_err(e)),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let (line, column, _) = counted_position(text, offset);
    (line, column)
}

/// [`line_column`] and the text of that line without its line ending, found by counting the
/// newlines before `offset` (no index).
fn counted_position(text: &str, offset: usize) -> (usize, usize, &str) {
    let offset = line_end_start(text, floor_char_boundary(text, offset.min(text.len())));
    let bytes = text.as_bytes();
    let before = &bytes[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = text[start..offset].chars().count() + 1;
    let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i + 1);
    let line_text = text[start..end].trim_end_matches(['\n', '\r']);
    (line, column, line_text)
}

/// An offset on the `\n` of a CRLF line ending moves to its `\r`: the end of the line is one
/// column, whichever line endings the file uses.
fn line_end_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    if offset > 0 && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r' {
        offset - 1
    } else {
        offset
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// 0 and the offset after each `\n` of `bytes`. Eight bytes at a time: a mask of the bytes
/// equal to `\n` (exact per byte, no carry between bytes), then one push per bit set. Lines
/// of a Fluent file are short, and a vectorised search restarted at every line costs more per
/// line than this costs per word.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ NEWLINES;
        // High bit of each byte set where the byte of `x` is zero.
        let mut zero = !(((x & LOW7) + LOW7) | x | LOW7);
        while zero != 0 {
            starts.push(base + (zero.trailing_zeros() / 8) as usize + 1);
            zero &= zero - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b'\n' {
            starts.push(base + i + 1);
        }
    }
    starts
}

/// A file's line index, built only once the file is asked for enough positions to repay it:
/// the first few are found by counting newlines before them (a vectorised count reads a byte
/// for a tenth of what building the index costs per byte, and most files of a checked locale
/// are asked for one or two positions, if any).
#[derive(Debug, Default)]
pub struct LazyLines {
    index: std::sync::OnceLock<LineIndex>,
    counted: std::sync::atomic::AtomicU32,
}

impl Clone for LazyLines {
    fn clone(&self) -> Self {
        LazyLines {
            index: self.index.clone(),
            counted: std::sync::atomic::AtomicU32::new(
                self.counted.load(std::sync::atomic::Ordering::Relaxed),
            ),
        }
    }
}

/// Positions found by counting before [`LazyLines`] builds its index.
const COUNTED_POSITIONS: u32 = 8;

impl LazyLines {
    /// The index of `text` (the text these lines are of), built now if not yet.
    pub fn line_index(&self, text: &str) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(text))
    }

    /// The 1-based line and character column of byte `offset` in `text`, and that line's text
    /// without its line ending: what [`LineIndex::line_column`] and [`LineIndex::line_text`]
    /// give.
    pub fn position<'t>(&self, text: &'t str, offset: usize) -> (usize, usize, &'t str) {
        use std::sync::atomic::Ordering::Relaxed;
        let index = match self.index.get() {
            Some(index) => index,
            None if self.counted.fetch_add(1, Relaxed) >= COUNTED_POSITIONS => {
                self.line_index(text)
            }
            None => return counted_position(text, offset),
        };
        let (line, column) = index.line_column(text, offset);
        (line, column, index.line_text(text, line))
    }
}

/// Precomputed line starts of one file, for converting many offsets quickly.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex {
            starts: line_starts(text.as_bytes()),
        }
    }

    /// The 1-based line and character column of byte `offset` in `text` (the text this index
    /// was built from).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = line_end_start(text, floor_char_boundary(text, offset.min(text.len())));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |&e| e);
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// `path` relative to `root` with `/` separators, or the whole path when it lies elsewhere.
pub fn display_relative<'a>(root: &Path, path: &'a Path) -> Cow<'a, str> {
    match path.strip_prefix(root) {
        Ok(rel) => Cow::Owned(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        ),
        Err(_) => path.to_string_lossy(),
    }
}

/// Refuses a symbolic link that leads outside `root` at any level from `root` down to `path`
/// (`locales/de -> /elsewhere`, `content -> ..`, the file itself): a project's files are read
/// from and written into the project only. Links that stay inside are fine; components that do
/// not exist (yet) end the walk, and a `path` not below `root` (a folder the configuration
/// names explicitly, by an absolute or `..` path) is the configuration's business.
pub fn ensure_inside(root: &Path, path: &Path) -> Result<(), ReadError> {
    let Ok(rest) = path.strip_prefix(root) else {
        return Ok(());
    };
    let mut current = root.to_path_buf();
    let mut canonical_root: Option<Option<PathBuf>> = None;
    for component in rest.components() {
        let std::path::Component::Normal(name) = component else {
            return Ok(());
        };
        current.push(name);
        let Ok(meta) = std::fs::symlink_metadata(&current) else {
            return Ok(());
        };
        if meta.file_type().is_symlink() {
            let root = canonical_root.get_or_insert_with(|| {
                let root = if root.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    root
                };
                root.canonicalize().ok()
            });
            // A dangling link counts as outside: where it would lead cannot be known.
            let inside = match (current.canonicalize(), root) {
                (Ok(target), Some(root)) => target.starts_with(root),
                _ => false,
            };
            if !inside {
                return Err(ReadError::SymlinkOutside { path: current });
            }
        }
    }
    Ok(())
}

/// What names a temporary file of fluentpress: `.<name>.fluentpress-tmp-<pid>` beside its
/// target, so a later run (and a person) can tell it from anyone else's files.
pub const TEMP_MARKER: &str = ".fluentpress-tmp-";

/// The temporary file this process writes `path`'s new contents into.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}{TEMP_MARKER}{}", std::process::id()))
}

/// Writes `contents` to [`temp_path`]`(path)` and syncs it to disk. The file gets `path`'s
/// permission bits when `path` exists (a `0664` file stays `0664`), else `0666` less the umask,
/// as any editor would create it. Returns the temporary file's path; on error nothing is left.
pub fn write_temp(path: &Path, contents: &[u8]) -> std::io::Result<PathBuf> {
    let tmp = temp_path(path);
    let existing = std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.permissions());
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // The kernel applies the umask to this mode: no need to read the umask (which cannot be read
    // without changing it, racing other threads).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
    let mut file = match options.open(&tmp) {
        // Left by an earlier process with the same id, killed: ours now.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(&tmp)?;
            options.open(&tmp)?
        }
        result => result?,
    };
    let written = (|| {
        file.write_all(contents)?;
        if let Some(permissions) = existing {
            file.set_permissions(permissions)?;
        }
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// Syncs a folder, so the renames and deletions in it survive a power cut. Best effort: some
/// file systems cannot sync a folder, and a kill (as opposed to a power cut) does not need it.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
/// reader (or a crash) never sees a half-written file. The file keeps its permission bits (see
/// [`write_temp`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = write_temp(path, contents)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_starts_are_found_at_every_position_of_a_word() {
        // Newlines at every offset modulo 8, beside bytes one bit away from `\n` (0x0b, 0x8a,
        // 0x0e) and multi-byte characters, and a tail shorter than a word.
        let mut texts = vec![String::new(), "\n".into(), "abc".into()];
        for len in 1..40 {
            for at in 0..len {
                let mut bytes: Vec<u8> =
                    (0..len).map(|i| [b'a', 0x0b, b'\t', 0x0e][i % 4]).collect();
                bytes[at] = b'\n';
                if at + 2 < len {
                    bytes[at + 2] = b'\n';
                }
                texts.push(String::from_utf8(bytes).unwrap());
            }
        }
        texts.push("é\n\u{8a}\n中文\n\n\r\nx".into());
        for text in &texts {
            let expected: Vec<usize> = std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect();
            assert_eq!(line_starts(text.as_bytes()), expected, "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn counted_positions_are_the_index_positions() {
        let texts = [
            "",
            "a",
            "a = 1\nb = 2\n",
            "x\r\ny = é\r\n\r\nz",
            "标题 = 你好\nid = x\n\n\n",
            "\n\n\r\r\nend",
        ];
        for text in texts {
            let index = LineIndex::new(text);
            // Every offset (past the end too) counted, on lines of a fresh file each time.
            for offset in 0..=text.len() + 2 {
                let lazy = LazyLines::default();
                let counted = lazy.position(text, offset);
                let (line, column) = index.line_column(text, offset);
                let expected = (line, column, index.line_text(text, line));
                assert_eq!(counted, expected, "{text:?} at {offset}");
            }
            // More positions than are counted, so the index answers the later ones.
            let lazy = LazyLines::default();
            for offset in (0..=text.len())
                .cycle()
                .take(3 * COUNTED_POSITIONS as usize)
            {
                let (line, column) = index.line_column(text, offset);
                assert_eq!(
                    lazy.position(text, offset),
                    (line, column, index.line_text(text, line)),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "标题 = 你好\nid = x";
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 4));
        assert_eq!(line_column(text, text.find("id").unwrap()), (2, 1));
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, text.find('你').unwrap()), (1, 6));
        assert_eq!(index.line_text(text, 1), "标题 = 你好");
    }

    #[test]
    fn the_end_of_a_crlf_line_is_one_column() {
        for (text, eol) in [("ab\ncd", 2), ("ab\r\ncd", 3)] {
            let index = LineIndex::new(text);
            assert_eq!(line_column(text, 2), (1, 3));
            assert_eq!(line_column(text, eol), (1, 3), "{text:?}");
            assert_eq!(index.line_column(text, eol), (1, 3), "{text:?}");
            assert_eq!(index.line_column(text, eol + 1), (2, 1), "{text:?}");
        }
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ftl");
        // Sparse: the size is what is checked, before any byte is read.
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_SIZE + 1).unwrap();
        let err = read_utf8(&path).unwrap_err().to_string();
        assert!(
            err.contains("big.ftl: the file is larger than 10 MiB"),
            "{err}"
        );
        file.set_len(MAX_FILE_SIZE).unwrap();
        assert_eq!(read_utf8(&path).unwrap().len() as u64, MAX_FILE_SIZE);
    }

    #[cfg(unix)]
    #[test]
    fn links_leading_outside_are_refused_at_any_level_and_inside_ones_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("locales/fr")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("locales/de")).unwrap();
        std::os::unix::fs::symlink("fr", root.join("locales/fr-FR")).unwrap();
        std::os::unix::fs::symlink("/nowhere/at/all", root.join("locales/it")).unwrap();
        let refused = |path: &str| match ensure_inside(root, &root.join(path)) {
            Err(ReadError::SymlinkOutside { path }) => Some(path),
            _ => None,
        };
        assert_eq!(refused("locales/de"), Some(root.join("locales/de")));
        assert_eq!(
            refused("locales/de/pages/x.ftl"),
            Some(root.join("locales/de"))
        );
        // A dangling link: where it leads cannot be known.
        assert_eq!(refused("locales/it/ui.ftl"), Some(root.join("locales/it")));
        assert_eq!(refused("locales/fr-FR/ui.ftl"), None);
        assert_eq!(refused("locales/es/not/yet/there.ftl"), None);
        // A folder the configuration places elsewhere is not the rule's business.
        assert!(ensure_inside(root, outside.path()).is_ok());
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.ftl");
        std::fs::write(&path, b"a = b\nc = d\xff\n").unwrap();
        let err = read_utf8(&path).unwrap_err().to_string();
        assert!(err.contains("bad.ftl:2:6"), "{err}");
        assert!(err.contains("not valid UTF-8"), "{err}");
    }
}
