//! The open map, where it lives, and its undo history: the only way to change the map.
//!
//! Every change goes through [`Document::apply`], [`Document::amend`], [`Document::undo`],
//! [`Document::redo`], [`Document::discard_last`] or [`Document::replace`], and each moves the
//! document's [`Stamp`]; the fields are private, so nothing changes the map behind the undo
//! history, and every cache of what was made from the map (layout, text pane, source pane,
//! comparison, recovery copy) knows it is stale by comparing one stamp.

use crate::edit::{Edit, History};
use crate::model::{ArgumentMap, ModelError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The most characters of a map's title the window title shows.
const TITLE_CHARS: usize = 100;

/// Which map and which state of it: moves on every change of the map and when another map
/// takes its place, never back (an undo is a change too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// Counts the documents opened before this one.
    pub generation: u64,
    /// Counts the changes of this document's map.
    pub version: u64,
}

/// The open map, where it lives, and its undo history.
pub struct Document {
    /// Shared with a picture being made of it on another thread, if any: an edit meanwhile
    /// changes a copy ([`Arc::make_mut`]).
    map: Arc<ArgumentMap>,
    path: Option<PathBuf>,
    history: History,
    stamp: Stamp,
    /// The map as its file held it when opened or last saved, and the file's size and time then:
    /// the base of a merge when someone else saved the file meanwhile.
    on_disk: Option<OnDisk>,
}

/// A map as its file held it, and the file's size and modification time when it did.
#[derive(Clone, Debug)]
pub struct OnDisk {
    /// The map.
    pub map: Arc<ArgumentMap>,
    /// The file's size and modification time.
    pub stamp: Option<(u64, std::time::SystemTime)>,
    /// When it was remembered.
    pub at: std::time::SystemTime,
    /// The SHA-256 of the file's bytes then (none if they could not be read): a file whose
    /// time proves nothing is compared by it, not read as a map again.
    pub digest: Option<Digest>,
}

/// The SHA-256 of a file's bytes.
pub type Digest = [u8; 32];

/// The SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> Digest {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).into()
}

/// The SHA-256 of a file's bytes (read bounded, as every read), if it can be read.
pub fn file_digest(path: &std::path::Path) -> Option<Digest> {
    crate::io::read_bytes(path).ok().map(|bytes| digest(&bytes))
}

impl OnDisk {
    /// Whether a file of size and time `now` is the one remembered. A time within the last two
    /// seconds before it was remembered proves nothing (file systems in shared folders keep
    /// times to the second or two): the file is read and compared then.
    pub fn unchanged(&self, now: Option<(u64, std::time::SystemTime)>) -> bool {
        self.same_stamp(now) && now.is_some_and(|(_, t)| self.settled(t))
    }

    /// Whether a file time `t` was over two seconds old when this was remembered (so the same
    /// time later proves the file the same).
    fn settled(&self, t: std::time::SystemTime) -> bool {
        self.at.duration_since(t).is_ok_and(|d| d > std::time::Duration::from_secs(2))
    }

    /// Whether a file of size and time `now` has the size and time remembered.
    pub fn same_stamp(&self, now: Option<(u64, std::time::SystemTime)>) -> bool {
        now.is_some() && now == self.stamp
    }
}

/// The size and modification time of a file, if it can be read.
pub fn file_stamp(path: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl Document {
    /// A document for a map.
    pub fn new(map: ArgumentMap, path: Option<PathBuf>) -> Self {
        Self { map: Arc::new(map), path, history: History::default(), stamp: Stamp::default(), on_disk: None }
    }

    /// What its file held when opened or last saved (none: not from a file, or unknown).
    pub fn on_disk(&self) -> Option<&OnDisk> {
        self.on_disk.as_ref()
    }

    /// Remembers the map as its file holds it now (just opened or saved).
    pub fn remember_disk(&mut self) {
        let at = std::time::SystemTime::now();
        self.on_disk = self.path.as_deref().map(|p| {
            let mut disk = OnDisk { map: Arc::clone(&self.map), stamp: file_stamp(p), at, digest: None };
            // Only a file whose time proves nothing (just written) is ever compared by its bytes:
            // an older one is not read a second time.
            if !disk.stamp.is_some_and(|(_, t)| disk.settled(t)) {
                disk.digest = file_digest(p);
            }
            disk
        });
    }

    /// Remembers that the file now holds `map` (read from it when it changed on disk).
    pub fn remember_disk_as(
        &mut self,
        map: ArgumentMap,
        (stamp, digest): (Option<(u64, std::time::SystemTime)>, Option<Digest>),
    ) {
        let at = std::time::SystemTime::now();
        self.on_disk = Some(OnDisk { map: Arc::new(map), stamp, at, digest });
    }

    /// The map.
    pub fn map(&self) -> &ArgumentMap {
        &self.map
    }

    /// The map as it is now, to read on another thread (a later edit does not change it).
    pub fn snapshot(&self) -> Arc<ArgumentMap> {
        Arc::clone(&self.map)
    }

    /// Its file, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Undo and redo labels, the unsaved-changes mark, and what kinds of change were made.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Which map and which state of it.
    pub fn stamp(&self) -> Stamp {
        self.stamp
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Applies an edit as one undo step named `label`.
    pub fn apply(&mut self, edit: Edit, label: &str) -> Result<(), ModelError> {
        let done = self.history.apply(Arc::make_mut(&mut self.map), edit, label);
        self.moved(done)
    }

    /// Makes an edit part of the last undo step (a gesture's second half).
    pub fn amend(&mut self, edit: Edit) -> Result<(), ModelError> {
        let done = self.history.amend(Arc::make_mut(&mut self.map), edit);
        self.moved(done)
    }

    /// Applies another person's edit (a live map): the map changes, the undo steps stay this
    /// person's own.
    pub fn apply_remote(&mut self, edit: Edit) -> Result<(), ModelError> {
        let done = self.history.remote(Arc::make_mut(&mut self.map), edit);
        self.moved(done)
    }

    /// Takes back the last step without leaving it to redo (a new statement left empty).
    pub fn discard_last(&mut self) -> Result<(), ModelError> {
        let done = self.history.discard_last(Arc::make_mut(&mut self.map));
        self.moved(done)
    }

    /// Undoes the last step; its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, ModelError> {
        let done = self.history.undo(Arc::make_mut(&mut self.map));
        self.moved_if(done, Option::is_some)
    }

    /// Redoes the last step undone; its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, ModelError> {
        let done = self.history.redo(Arc::make_mut(&mut self.map));
        self.moved_if(done, Option::is_some)
    }

    /// Another map in this one's place (opened, imported, restored), with a fresh history;
    /// `unsaved` when it is not what its file holds.
    pub fn replace(&mut self, map: ArgumentMap, path: Option<PathBuf>, unsaved: bool) {
        let generation = self.stamp.generation + 1;
        *self = Self { stamp: Stamp { generation, version: 0 }, ..Self::new(map, path) };
        if unsaved {
            self.history.mark_unsaved();
        }
    }

    /// The map was written to `path`, which is its file from now on.
    pub fn saved_as(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
    }

    /// Moves the stamp when the map changed (a refused edit changes nothing).
    fn moved<T>(&mut self, done: Result<T, ModelError>) -> Result<T, ModelError> {
        self.moved_if(done, |_| true)
    }

    /// Moves the stamp when the step was done and `changed` says it changed the map.
    fn moved_if<T>(
        &mut self,
        done: Result<T, ModelError>,
        changed: impl Fn(&T) -> bool,
    ) -> Result<T, ModelError> {
        if done.as_ref().is_ok_and(changed) {
            self.stamp.version += 1;
        }
        done
    }

    /// The name shown in the window title: the file's name once saved, else the map's title
    /// (shortened), else "Untitled".
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => {
                p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
            }
            None if !self.map.title.trim().is_empty() => {
                crate::printable::line(self.map.title.trim(), TITLE_CHARS)
            }
            None => "Untitled".to_owned(),
        }
    }
}
