//! Other formats of the field: Argdown and AIF (read and written), Graphviz DOT and a Markdown
//! outline (written). Importers turn a document into an [`ArgumentMap`] plus the warnings of what
//! the model could only approximate or leaves out, one per case with its line where known; they
//! never drop content silently. Exporters write a map, and say what the format has no place for.
//!
//! Must not touch: egui, files (callers read and write; this module maps text to text).

pub mod aif;
pub mod argdown;
pub mod dot;
pub mod outline;

use crate::model::{ArgumentMap, Slugs};
use std::fmt;
use std::path::Path;

/// Something an import or export could not carry over exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The 1-based line of the source document it is about, if known.
    pub line: Option<usize>,
    /// What was approximated or left out, and how.
    pub message: String,
}

impl Warning {
    /// A warning about line `line`.
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Self { line: Some(line), message: message.into() }
    }

    /// A warning about the document as a whole.
    pub fn general(message: impl Into<String>) -> Self {
        Self { line: None, message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A document that could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", position.map(|(l, c)| format!("{l}:{c}: ")).unwrap_or_default())]
pub struct SyntaxError {
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl SyntaxError {
    /// An error at a line and column.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self { position: Some((line, column)), message: message.into() }
    }

    /// An error about the document as a whole.
    pub fn general(message: impl Into<String>) -> Self {
        Self { position: None, message: message.into() }
    }
}

/// A map read from another format, with what could not be carried over exactly.
#[derive(Debug)]
pub struct Imported {
    /// The map.
    pub map: ArgumentMap,
    /// One line per approximation or left-out construct.
    pub warnings: Vec<Warning>,
}

/// A format argmap can import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Argdown (`.argdown`, `.ad`).
    Argdown,
    /// AIF as JSON (`.json`).
    Aif,
}

impl ImportFormat {
    /// The format a file name's extension names, if any.
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension()?.to_string_lossy().to_lowercase().as_str() {
            "argdown" | "ad" => Some(Self::Argdown),
            "json" => Some(Self::Aif),
            _ => None,
        }
    }
}

/// Reads a document of `format`; `title` names the map when the document has no title of its own.
pub fn import(format: ImportFormat, text: &str, title: &str) -> Result<Imported, SyntaxError> {
    if text.trim().is_empty() {
        return Err(SyntaxError::at(1, 1, "the document is empty"));
    }
    match format {
        ImportFormat::Argdown => argdown::import(text, title),
        ImportFormat::Aif => aif::import(text, title),
    }
}

/// A title for a map read from `path`: its file name without extension.
pub fn title_from(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Imported map".into())
}

/// Hands out statement ids made from text (readable slugs, unique in one import).
#[derive(Default)]
pub(crate) struct Ids {
    taken: foldhash::HashSet<String>,
    slugs: Slugs,
}

impl Ids {
    /// The title itself when it is a valid, unused id (so ids survive a round trip), else a
    /// fresh id made from the title or, without one, the text.
    pub fn fresh_or(&mut self, title: Option<&str>, text: &str) -> String {
        match title {
            Some(t)
                if crate::model::is_slug(t)
                    && t.len() <= crate::model::MAX_ID_CHARS
                    && !self.taken.contains(t) =>
            {
                self.taken.insert(t.to_owned());
                t.to_owned()
            }
            Some(t) => self.fresh(t),
            None => self.fresh(text),
        }
    }

    /// A new id for a statement with this text.
    pub fn fresh(&mut self, text: &str) -> String {
        let id = self.slugs.unique(text, "statement", |c| self.taken.contains(c));
        self.taken.insert(id.clone());
        id
    }
}

/// What an export left out because the format has no place for it, as warnings.
pub(crate) fn left_out(map: &ArgumentMap, format: &str, sources: bool, notes: bool) -> Vec<Warning> {
    let mut out = Vec::new();
    let count = |f: &dyn Fn(&crate::model::Statement) -> bool| map.statements().filter(|s| f(s)).count();
    let mut say = |n: usize, what: &str| {
        if n > 0 {
            out.push(Warning::general(format!("{n} {what} not written: {format} has no place for them")));
        }
    };
    if !sources {
        say(count(&|s| s.source.is_some()), "sources");
    }
    if !notes {
        say(count(&|s| s.note.is_some()), "notes");
    }
    say(count(&|s| s.pinned.is_some()), "pinned positions");
    say(map.relations().filter(|(_, r)| r.rating.is_some()).count(), "ratings");
    say(map.marks().len(), "what-if marks");
    out
}
