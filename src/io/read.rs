//! Reading a whole file, bounded whatever it is: a regular file, a pipe (`<(cmd)`), a FIFO, a
//! device or a file of `/proc` that says it is empty and is not. Nothing is read past the limit,
//! and a FIFO that nobody writes to reads as empty instead of waiting forever.

use super::{LoadErrorKind, io_message};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The bytes of the file at `path`, at most `limit` of them; more is [`LoadErrorKind::TooLarge`].
pub(super) fn bounded(path: &Path, limit: u64) -> Result<Vec<u8>, LoadErrorKind> {
    let io = |e: std::io::Error| LoadErrorKind::Io(io_message(&e));
    let file = open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(LoadErrorKind::Io("it is a folder, not a file".into()));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(LoadErrorKind::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 0 });
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(LoadErrorKind::TooLarge(None));
    }
    Ok(bytes)
}

/// Opens `path` for reading without waiting: opening a FIFO blocks until someone opens it for
/// writing, so it is opened non-blocking, then set back to blocking reads (with no writer, a
/// read says end of file at once).
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = File::from(rustix::fs::open(path, flags, Mode::empty())?);
    let status = rustix::fs::fcntl_getfl(&file)?;
    rustix::fs::fcntl_setfl(&file, status - OFlags::NONBLOCK)?;
    Ok(file)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}
