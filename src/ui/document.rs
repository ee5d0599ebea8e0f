//! The open map, where it lives, and its undo history.

use crate::edit::History;
use crate::model::ArgumentMap;
use std::path::PathBuf;

/// The most characters of a map's title the window title shows.
const TITLE_CHARS: usize = 100;

/// The open map, where it lives, and its undo history.
pub struct Document {
    /// The map.
    pub map: ArgumentMap,
    /// Its file, if it has one.
    pub path: Option<PathBuf>,
    /// Undo/redo and the unsaved-changes mark.
    pub history: History,
    /// Changes whenever the map does (edit, undo, redo), for the derived-data cache.
    pub version: u64,
    /// Counts the documents opened before this one (a new document restarts its version).
    pub generation: u64,
}

impl Document {
    /// A document for a map.
    pub fn new(map: ArgumentMap, path: Option<PathBuf>) -> Self {
        Self { map, path, history: History::default(), version: 0, generation: 0 }
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
