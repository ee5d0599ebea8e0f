//! Crash recovery: unsaved work is copied to the platform's data folder a moment after each edit
//! (through the same atomic write as everything else), removed on save or clean exit, and offered
//! back at the next start if argmap did not exit cleanly.
//!
//! Several argmap windows may run at once (a map opened from the file manager starts another):
//! each session copies into a folder of its own and holds a lock on it while it runs, so a
//! session never offers, overwrites or removes another's copy while that one runs; a copy whose
//! folder nobody holds was left by a session that ended without closing cleanly.

use crate::io;
use crate::model::ArgumentMap;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long after an edit the recovery copy is written.
pub const DELAY: Duration = Duration::from_millis(1500);

/// What the recovery copy is of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Meta {
    /// The file the map was opened from or saved to, if any.
    original: Option<PathBuf>,
    /// When the copy was written, in seconds since 1970.
    saved_at: u64,
}

/// A recovery copy found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The map it holds.
    pub map: ArgumentMap,
    /// The file the map belonged to, if any.
    pub original: Option<PathBuf>,
    /// When it was written, in seconds since 1970.
    pub saved_at: u64,
    /// The folder it is in.
    folder: PathBuf,
}

impl Found {
    /// "3 minutes ago" and the like.
    pub fn age(&self) -> String {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let secs = now.saturating_sub(self.saved_at);
        match secs {
            0..=59 => format!("{secs} seconds ago"),
            60..=3599 => format!("{} minutes ago", secs / 60),
            3600..=86_399 => format!("{} hours ago", secs / 3600),
            _ => format!("{} days ago", secs / 86_400),
        }
    }

    /// The name of the file it belonged to, or "an untitled map".
    pub fn name(&self) -> String {
        self.original
            .as_ref()
            .map_or_else(|| "an untitled map".to_owned(), |p| format!("\"{}\"", p.display()))
    }
}

/// The recovery folder, and this session's own folder in it (made at the first copy; clones
/// share it).
#[derive(Clone, Debug)]
pub struct Recovery {
    dir: PathBuf,
    session: Arc<OnceLock<Session>>,
}

/// A session's folder, locked while the session runs.
#[derive(Debug)]
struct Session {
    folder: PathBuf,
    /// Held open and locked: the lock goes when the process does, however it ends.
    _lock: File,
}

impl Drop for Session {
    /// A session ending without a copy leaves no folder behind; one with a copy (a panic on the
    /// way out) keeps it, to be offered at the next start.
    fn drop(&mut self) {
        if !self.folder.join(META).exists() {
            let _ = std::fs::remove_dir_all(&self.folder);
        }
    }
}

/// The map's copy in a session's folder.
const MAP: &str = "unsaved.ron";
/// What the copy is of; written last, so its presence means the copy is complete.
const META: &str = "unsaved-meta.ron";
/// The file a running session holds locked.
const LOCK: &str = "lock";
/// How a session's folder is named: this, then the process id and the time it started.
const SESSION: &str = "session-";

impl Recovery {
    /// Recovery in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into(), session: Arc::default() }
    }

    /// The platform's data folder for argmap (`~/.local/share/argmap` on Linux), if there is one.
    pub fn platform() -> Option<Self> {
        directories::ProjectDirs::from("", "", "argmap").map(|d| Self::new(d.data_dir().join("recovery")))
    }

    /// This session's folder, made and locked on first use.
    fn session(&self) -> std::io::Result<&Path> {
        if let Some(s) = self.session.get() {
            return Ok(&s.folder);
        }
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let folder = self.dir.join(format!("{SESSION}{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&folder)?;
        let lock = File::create(folder.join(LOCK))?;
        lock.try_lock().map_err(|e| std::io::Error::other(e.to_string()))?;
        let _ = self.session.set(Session { folder, _lock: lock });
        self.session.get().map(|s| s.folder.as_path()).ok_or_else(|| std::io::Error::other("no session"))
    }

    /// Writes the recovery copy of `map`, which belongs to `original`.
    pub fn write(&self, map: &ArgumentMap, original: Option<&Path>) -> std::io::Result<()> {
        let folder = self.session()?;
        io::write_atomic(&folder.join(MAP), io::to_ron_string(map).as_bytes())?;
        let saved_at = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let meta = Meta { original: original.map(Path::to_path_buf), saved_at };
        let text = ron::ser::to_string(&meta).map_err(std::io::Error::other)?;
        // The meta file is written last: its presence means the copy is complete.
        io::write_atomic(&folder.join(META), text.as_bytes())
    }

    /// Removes this session's copy (after a save, a discard or a clean exit).
    pub fn clear(&self) {
        if let Some(s) = self.session.get() {
            let _ = std::fs::remove_file(s.folder.join(META));
            let _ = std::fs::remove_file(s.folder.join(MAP));
        }
    }

    /// Removes a copy found at start, once restored (this session copies it again) or discarded.
    pub fn forget(&self, found: &Found) {
        let _ = std::fs::remove_file(found.folder.join(META));
        let _ = std::fs::remove_file(found.folder.join(MAP));
        if found.folder != self.dir {
            let _ = std::fs::remove_dir_all(&found.folder);
        }
    }

    /// The newest copy left by a session that did not exit cleanly (nobody holds its folder),
    /// if any, and readable; never one of a session still running, nor this one's.
    pub fn find(&self) -> Option<Found> {
        let own = self.session.get().map(|s| s.folder.clone());
        self.folders()
            .into_iter()
            .filter(|f| Some(f) != own.as_ref() && !held(f))
            .filter_map(|f| read(&f))
            .max_by_key(|f| f.saved_at)
    }

    /// Every copy in the folder, of running sessions too (this one's included), newest first.
    pub fn copies(&self) -> Vec<Found> {
        let mut all: Vec<Found> = self.folders().into_iter().filter_map(|f| read(&f)).collect();
        all.sort_by_key(|f| std::cmp::Reverse(f.saved_at));
        all
    }

    /// The sessions' folders, and the folder itself (where argmap before sessions copied).
    fn folders(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let sessions = entries.filter_map(Result::ok).filter(|e| {
            e.file_name().to_string_lossy().starts_with(SESSION) && e.file_type().is_ok_and(|t| t.is_dir())
        });
        std::iter::once(self.dir.clone()).chain(sessions.map(|e| e.path())).collect()
    }
}

/// Whether a running session holds the folder's lock.
fn held(folder: &Path) -> bool {
    match File::open(folder.join(LOCK)) {
        Ok(file) => file.try_lock().is_err(),
        Err(_) => false,
    }
}

/// The complete copy in a folder, if there is one and it reads.
fn read(folder: &Path) -> Option<Found> {
    let meta: Meta = ron::from_str(&io::read_text(&folder.join(META)).ok()?).ok()?;
    let map = io::load_path(&folder.join(MAP)).ok()?;
    Some(Found { map, original: meta.original, saved_at: meta.saved_at, folder: folder.to_path_buf() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_windows_keep_copies_of_their_own_and_only_a_crashed_ones_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        let map = |title: &str| ArgumentMap::new(title);
        let (a, b) = (Recovery::new(dir.path()), Recovery::new(dir.path()));
        a.write(&map("A"), None).unwrap();
        b.write(&map("B"), None).unwrap();
        assert_eq!(a.copies().len(), 2, "each its own copy, neither overwritten");
        assert!(a.find().is_none() && b.find().is_none(), "a running window's copy is not offered");
        a.clear();
        assert_eq!(
            b.copies().iter().map(|f| f.map.title.as_str()).collect::<Vec<_>>(),
            ["B"],
            "a clears only its own"
        );
        // b ends without a clean exit: its copy is left, and a third window finds it.
        drop(b);
        let c = Recovery::new(dir.path());
        let found = c.find().expect("the crashed window's copy");
        assert_eq!(found.map.title, "B");
        c.forget(&found);
        assert!(c.find().is_none() && c.copies().is_empty());
        // A window that ends with nothing unsaved leaves no folder behind.
        drop(a);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_copy_an_older_argmap_left_in_the_folder_itself_is_still_offered() {
        let dir = tempfile::tempdir().unwrap();
        let old = ArgumentMap::new("Before sessions");
        io::write_atomic(&dir.path().join(MAP), io::to_ron_string(&old).as_bytes()).unwrap();
        io::write_atomic(&dir.path().join(META), b"(original: None, saved_at: 5)").unwrap();
        let rec = Recovery::new(dir.path());
        let found = rec.find().unwrap();
        assert_eq!(found.map.title, "Before sessions");
        rec.forget(&found);
        assert!(rec.find().is_none() && dir.path().exists());
    }
}
