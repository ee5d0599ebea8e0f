//! Crash recovery: unsaved work is copied to the platform's data folder a moment after each edit
//! (through the same atomic write as everything else), removed on save or clean exit, and offered
//! back at the next start if argmap did not exit cleanly.

use crate::io;
use crate::model::ArgumentMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
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

/// The recovery folder and its two files.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    dir: PathBuf,
}

impl Recovery {
    /// Recovery in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The platform's data folder for argmap (`~/.local/share/argmap` on Linux), if there is one.
    pub fn platform() -> Option<Self> {
        directories::ProjectDirs::from("", "", "argmap").map(|d| Self::new(d.data_dir().join("recovery")))
    }

    fn map_path(&self) -> PathBuf {
        self.dir.join("unsaved.ron")
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join("unsaved-meta.ron")
    }

    /// Writes the recovery copy of `map`, which belongs to `original`.
    pub fn write(&self, map: &ArgumentMap, original: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        io::write_atomic(&self.map_path(), io::to_ron_string(map).as_bytes())?;
        let saved_at = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let meta = Meta { original: original.map(Path::to_path_buf), saved_at };
        let text = ron::ser::to_string(&meta).map_err(std::io::Error::other)?;
        // The meta file is written last: its presence means the copy is complete.
        io::write_atomic(&self.meta_path(), text.as_bytes())
    }

    /// Removes the recovery copy (after a save, a discard or a clean exit).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.meta_path());
        let _ = std::fs::remove_file(self.map_path());
    }

    /// The recovery copy left by a session that did not exit cleanly, if any (and readable).
    pub fn find(&self) -> Option<Found> {
        let meta: Meta = ron::from_str(&io::read_text(&self.meta_path()).ok()?).ok()?;
        let map = io::load_path(&self.map_path()).ok()?;
        Some(Found { map, original: meta.original, saved_at: meta.saved_at })
    }
}
