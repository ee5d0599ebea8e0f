//! The one routine that writes files: a temporary file in the same folder, flushed and synced,
//! then renamed over the target, so a crash at any moment leaves the old file or the new one,
//! complete, and never half of one.
//!
//! What it writes over, and how:
//! - only a regular file, or nothing: a folder, device, FIFO or socket is refused with an error
//!   that says which it is;
//! - a symbolic link is followed, as editors do: the file it points to is replaced and the link
//!   stays a link (a link to nothing is refused);
//! - the temporary file is created exclusively (`O_EXCL`) under an unpredictable name, so a
//!   planted file or link of that name cannot redirect the write; its name stays short whatever
//!   the target's length; it gets the permissions of the file it replaces;
//! - a backup (`NAME.bak`) is rotated only once the new file is written and synced, as a hard link
//!   of the old file (no byte is read) or, where the file system has none, a copy of at most
//!   [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES);
//! - argmap's own temporary files older than a minute (left by a killed process) are removed
//!   from the folder before writing.

use std::ffi::OsStr;
use std::fs::{self, File, Permissions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What temporary names are made of: `.` + (part of) the target's name + this + random + `.tmp`.
const TMP_MARK: &str = ".argmap-";
const TMP_SUFFIX: &str = ".tmp";
const TMP_RANDOM: usize = 10;
/// How much of the target's name a temporary name repeats, in bytes (names stay under NAME_MAX).
const TMP_NAME_BYTES: usize = 100;
/// Temporary files of argmap's older than this are left over from a killed process.
const STALE_AFTER: Duration = Duration::from_secs(60);
/// At most this many folder entries are looked at for leftovers per write.
const STALE_SCAN: usize = 10_000;
/// The longest file name most file systems allow, in bytes.
const NAME_MAX: usize = 255;

/// argmap's own reason to refuse a write, worded for the user (see [`super::io_message`]).
#[derive(Debug)]
pub(super) struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

fn refuse(kind: io::ErrorKind, message: impl Into<String>) -> io::Error {
    io::Error::new(kind, Refusal(message.into()))
}

/// argmap's own refusal to write, in `message`'s words (see [`super::io_message`]).
pub(super) fn refusal(message: impl Into<String>) -> io::Error {
    refuse(io::ErrorKind::Other, message)
}

/// The backup of a file: `NAME.ron` keeps its previous version as `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically and keeps the file's previous version (if any) as its
/// [`backup_path`]. The backup is replaced only after the new file is safely written, so a
/// failed save (a full disk) keeps the older backup.
pub fn write_atomic_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, true, |w| w.write_all(bytes))
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, false, |w| w.write_all(bytes))
}

/// Writes to `path` atomically what `fill` writes (buffered, so it may write in small pieces and
/// never hold the whole file in memory), keeping a backup of the previous version if `backup`.
/// If `fill` fails, nothing at `path` changes.
pub fn write_atomic_with(
    path: &Path,
    backup: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve(path)?;
    let dir = folder_of(&target);
    remove_stale(&dir);
    let existing = regular_or_none(&target)?;
    let prefix = temporary_prefix(&target);
    // Created exclusively, as 0666 less the umask, as a plain `create` would be.
    let mut plain = builder(&prefix);
    #[cfg(unix)]
    plain.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = plain.tempfile_in(&dir)?;
    let _unfinished = Unfinished::register(tmp.path());
    let mut buffered = io::BufWriter::new(tmp.as_file_mut());
    fill(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    if let Some(permissions) = existing {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    pause_for_tests();
    if backup && target.exists() {
        keep_backup(&target)?;
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable; not every platform can open a folder, so best effort.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The temporary files being written now, removed by [`remove_unfinished`] when argmap is
/// stopped by a signal mid-write (a kill that cannot be caught leaves one, which the next write
/// to that folder removes).
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// A temporary file listed in [`UNFINISHED`] while it lives.
struct Unfinished(PathBuf);

impl Unfinished {
    fn register(path: &Path) -> Self {
        if let Ok(mut list) = UNFINISHED.lock() {
            list.push(path.to_path_buf());
        }
        Self(path.to_path_buf())
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Ok(mut list) = UNFINISHED.lock() {
            list.retain(|p| p != &self.0);
        }
    }
}

/// Removes every temporary file being written (argmap is stopping: a signal).
pub fn remove_unfinished() {
    if let Ok(list) = UNFINISHED.lock() {
        for p in list.iter() {
            let _ = fs::remove_file(p);
        }
    }
}

/// In debug builds only, waits `ARGMAP_TEST_PAUSE_BEFORE_RENAME_MS` milliseconds between the
/// complete, synced temporary file and the rename, so a test can kill argmap at the moment the
/// promise "a kill leaves the old file or the new one" is most at risk. Release builds never
/// read the variable.
fn pause_for_tests() {
    if cfg!(debug_assertions)
        && let Some(ms) =
            std::env::var("ARGMAP_TEST_PAUSE_BEFORE_RENAME_MS").ok().and_then(|v| v.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

/// The file a write to `path` replaces: `path` itself, or the file a symbolic link points to.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    if path.file_name().is_none() {
        return Err(refuse(io::ErrorKind::InvalidInput, "the path names no file"));
    }
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            // ELOOP: the links lead round in a circle (or too deep to follow).
            if super::is_link_loop(&e) {
                refuse(io::ErrorKind::InvalidInput, "it is a symbolic link that leads round in a loop")
            } else {
                refuse(io::ErrorKind::NotFound, "it is a symbolic link to a file that does not exist")
            }
        }),
        _ => Ok(path.to_path_buf()),
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The permissions of the regular file at `path`, `None` when there is none; an error for
/// anything else (a folder, device, FIFO or socket), which argmap never writes over.
fn regular_or_none(path: &Path) -> io::Result<Option<Permissions>> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => Ok(Some(meta.permissions())),
        Ok(meta) => Err(not_regular(&meta.file_type())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn not_regular(kind: &fs::FileType) -> io::Error {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    let what = if kind.is_dir() {
        "a folder"
    } else if cfg!(unix) && kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if cfg!(unix) && (kind.is_char_device() || kind.is_block_device()) {
        "a device"
    } else if cfg!(unix) && kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    refuse(
        io::ErrorKind::InvalidInput,
        format!("it is {what}; argmap writes only regular files and will not replace it"),
    )
}

/// The start of a temporary name for `target`: `.NAME.argmap-`, NAME shortened so the whole
/// name stays well under NAME_MAX.
fn temporary_prefix(target: &Path) -> String {
    let name = target.file_name().map(OsStr::to_string_lossy).unwrap_or_default();
    let mut end = name.len().min(TMP_NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}{TMP_MARK}", &name[..end])
}

/// Makes temporary files named `PREFIX` + random + `.tmp`, each created exclusively (a name that
/// exists is never opened, so a planted file or link cannot redirect the write).
fn builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(TMP_SUFFIX).rand_bytes(TMP_RANDOM);
    b
}

/// Rotates `target`'s backup: the current file becomes `NAME.bak`, replacing the older backup
/// atomically. A hard link where the file system has them (nothing read), else a bounded copy.
fn keep_backup(target: &Path) -> io::Result<()> {
    let bak = backup_path(target);
    if bak.file_name().is_some_and(|n| n.len() > NAME_MAX) {
        return Ok(()); // a name this long has no room for ".bak"; the write itself stays atomic
    }
    regular_or_none(&bak)
        .map_err(|e| refuse(e.kind(), format!("its backup {}: {}", bak.display(), super::io_message(&e))))?;
    let dir = folder_of(target);
    let prefix = temporary_prefix(&bak);
    let linked = builder(&prefix).make_in(&dir, |p| fs::hard_link(target, p));
    match linked {
        Ok(link) => link.persist(&bak).map(drop).map_err(|e| e.error),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => copy_bounded(&dir, target, &prefix)?.persist(&bak).map(drop).map_err(|e| e.error),
    }
}

/// A temporary copy of `from` (named by `prefix`) of at most `MAX_FILE_BYTES`, with its
/// permissions.
fn copy_bounded(dir: &Path, from: &Path, prefix: &str) -> io::Result<tempfile::NamedTempFile> {
    let limit = super::MAX_FILE_BYTES;
    let mut tmp = builder(prefix).tempfile_in(dir)?;
    tmp.as_file().set_permissions(fs::metadata(from)?.permissions())?;
    let copied = io::copy(&mut File::open(from)?.take(limit + 1), tmp.as_file_mut())?;
    if copied > limit {
        return Err(refuse(
            io::ErrorKind::InvalidData,
            format!(
                "it is larger than {limit} bytes, too large to keep as a backup; save under another name"
            ),
        ));
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Removes argmap's own temporary files older than a minute from `dir` (left by a killed
/// process). Only regular files named as [`temporary`] names them; best effort.
fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.take(STALE_SCAN).flatten() {
        let name = entry.file_name();
        if !is_temporary_name(&name.to_string_lossy()) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else { continue };
        let old = meta.modified().ok().and_then(|m| m.elapsed().ok()).is_some_and(|age| age > STALE_AFTER);
        if meta.file_type().is_file() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is one [`temporary`] makes: `.NAME.argmap-RANDOM.tmp`.
fn is_temporary_name(name: &str) -> bool {
    let Some(stem) = name.strip_prefix('.').and_then(|n| n.strip_suffix(TMP_SUFFIX)) else {
        return false;
    };
    let Some(cut) = stem.len().checked_sub(TMP_RANDOM) else { return false };
    let (head, random) = (stem.get(..cut), stem.get(cut..));
    head.is_some_and(|h| h.ends_with(TMP_MARK))
        && random.is_some_and(|r| r.chars().all(|c| c.is_ascii_alphanumeric()))
}
