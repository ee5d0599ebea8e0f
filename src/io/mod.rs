//! Reading and writing map files: the versioned RON format, clear load errors, atomic writes.
//!
//! Every file argmap writes goes through [`write_atomic`]. Every map it reads goes through
//! [`load_bytes`], which checks size, encoding, syntax, version and the model's invariants, and
//! names the file, line and column of what is wrong.
//!
//! Must not touch: egui. Errors are returned, never printed here.

mod atomic;
mod format;
mod read;

pub use atomic::{backup_path, remove_unfinished, write_atomic, write_atomic_with, write_atomic_with_backup};
pub use format::{VERSION, relation_names};

use crate::model::{ArgumentMap, ModelError};
use format::{MapFile, VersionProbe};
use std::fmt;
use std::path::Path;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Nesting deeper than this is refused, so no file can overflow the stack.
const RECURSION_LIMIT: usize = 64;

/// Why a map could not be read, with where in which file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file, as the user named it (or a label such as `<embedded>`).
    pub file: String,
    /// Line and column (1-based), where known.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub kind: LoadErrorKind,
}

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The file is larger than [`MAX_FILE_BYTES`] (its size, when it has one).
    #[error(
        "the file is {}more than the {MAX_FILE_BYTES} bytes (64 MiB) argmap reads",
        .0.map(|n| format!("{n} bytes, ")).unwrap_or_default()
    )]
    TooLarge(Option<u64>),
    /// The bytes are not UTF-8 text.
    #[error("the file is not UTF-8 text (save it as UTF-8, or convert it with iconv)")]
    NotUtf8,
    /// The bytes end in the middle of a UTF-8 character.
    #[error("the file ends in the middle of a character (is it cut off?)")]
    CutCharacter,
    /// The text is not a valid map in RON.
    #[error("{0}")]
    Syntax(String),
    /// The file was written by a newer argmap.
    #[error(
        "the file has format version {0}, written by a newer argmap; this argmap reads version {VERSION} and older: update argmap to open it"
    )]
    NewerVersion(u32),
    /// The format version is not one argmap ever wrote.
    #[error("unknown format version {0}; argmap map files start at version 1")]
    UnknownVersion(u32),
    /// The map breaks an invariant of the model.
    #[error("{0}")]
    Model(ModelError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads a map from a file.
pub fn load_path(path: &Path) -> Result<ArgumentMap, LoadError> {
    let (bytes, file) = read_bounded(path)?;
    load_bytes(&bytes, &file)
}

/// Reads a text file of at most [`MAX_FILE_BYTES`] (a document to import, say), as
/// [`load_path`] reads a map: bounded whatever the file is, a byte-order mark skipped, UTF-8
/// required (the error names the line and column of the first byte that is not).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let (bytes, file) = read_bounded(path)?;
    text_of(&bytes, &file).map(str::to_owned)
}

/// The bytes of a file of at most [`MAX_FILE_BYTES`] (a PDF document, say), bounded whatever the
/// file is.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_bounded(path).map(|(bytes, _)| bytes)
}

/// The bytes of a file (at most [`MAX_FILE_BYTES`]) and its name for messages.
fn read_bounded(path: &Path) -> Result<(Vec<u8>, String), LoadError> {
    let file = path.display().to_string();
    match read::bounded(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok((bytes, file)),
        Err(kind) => Err(LoadError { file, at: None, kind }),
    }
}

/// The UTF-8 text of a file's bytes, without a byte-order mark.
fn text_of<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, LoadError> {
    let err = |at, kind| LoadError { file: file.to_owned(), at, kind };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(None, LoadErrorKind::TooLarge(Some(bytes.len() as u64))));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let at = line_col(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
        let kind = if e.error_len().is_none() { LoadErrorKind::CutCharacter } else { LoadErrorKind::NotUtf8 };
        err(Some(at), kind)
    })
}

/// Reads a map from the bytes of a file; `file` names it in errors.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<ArgumentMap, LoadError> {
    load_str(text_of(bytes, file)?, file)
}

/// Reads a map from RON text; `file` names it in errors.
pub fn load_str(text: &str, file: &str) -> Result<ArgumentMap, LoadError> {
    let err = |at, kind| LoadError { file: file.to_owned(), at, kind };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // a byte-order mark, as editors write
    if text.trim().is_empty() {
        return Err(err(Some((1, 1)), LoadErrorKind::Syntax("the file is empty".into())));
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    // The version first, so a newer file is refused as such even if the rest of it uses fields
    // this argmap does not know. Read from the text where it sits (cheap); otherwise parse it.
    let version = match leading_version(text) {
        Some(v) => v,
        None => options.from_str::<VersionProbe>(text).map_err(|e| ron_error(text, file, &e))?.version,
    };
    match version {
        0 => return Err(err(version_at(text), LoadErrorKind::UnknownVersion(0))),
        v if v > VERSION => return Err(err(version_at(text), LoadErrorKind::NewerVersion(v))),
        _ => {}
    }
    let parsed: MapFile = options.from_str(text).map_err(|e| ron_error(text, file, &e))?;
    parsed.into_map().map_err(|e| err(locate(text, &e), LoadErrorKind::Model(e)))
}

/// How argmap writes RON: four-space indents, one entry per statement and relation.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .struct_names(false)
        .depth_limit(3)
        .escape_strings(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The map as canonical RON text: deterministic, one entry per statement and relation.
pub fn to_ron_string(map: &ArgumentMap) -> String {
    // Serializing plain structs of strings and numbers into a String cannot fail; should it ever,
    // the empty text makes the following load fail loudly instead of writing half a file.
    let mut text = ron::ser::to_string_pretty(&MapFile::from_map(map), pretty()).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the map to a file in canonical form (the bytes of [`to_ron_string`]), atomically and
/// streamed to the file, keeping the previous version of the file as `NAME.ron.bak`. A map
/// whose file would be larger than argmap reads back ([`MAX_FILE_BYTES`]) is refused, and the
/// file stays as it was.
pub fn save(map: &ArgumentMap, path: &Path) -> std::io::Result<()> {
    save_within(map, path, MAX_FILE_BYTES)
}

/// [`save`], refusing a file of more than `limit` bytes.
fn save_within(map: &ArgumentMap, path: &Path, limit: u64) -> std::io::Result<()> {
    let file = MapFile::from_map(map);
    write_atomic_with(path, true, |w| {
        let mut bounded = Bounded { inner: w, written: 0, limit };
        ron::Options::default().to_io_writer_pretty(&mut bounded, &file, pretty()).map_err(|e| match e {
            ron::Error::Io(_) if bounded.written > limit => too_large(),
            e => std::io::Error::other(e),
        })?;
        std::io::Write::write_all(&mut bounded, b"\n")
    })
}

/// Writes the map as [`save`] does, but keeps no `.bak` (git's merge driver writes into a work
/// tree, where a backup would be litter).
pub fn save_plain(map: &ArgumentMap, path: &Path) -> std::io::Result<()> {
    write_atomic(path, ron_within_bounds(map)?.as_bytes())
}

/// The map as canonical RON ([`to_ron_string`]), refused when argmap could not read it back.
pub fn ron_within_bounds(map: &ArgumentMap) -> std::io::Result<String> {
    let text = to_ron_string(map);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(text)
}

/// The error of a map too large for argmap to read back.
fn too_large() -> std::io::Error {
    atomic::refusal(format!(
        "the map would be larger than the {} MB argmap reads, so it is not written",
        MAX_FILE_BYTES >> 20
    ))
}

/// A writer that refuses to go past `limit` bytes (counting what it was given).
struct Bounded<'w> {
    inner: &'w mut dyn std::io::Write,
    written: u64,
    limit: u64,
}

impl std::io::Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.written += buf.len() as u64;
        if self.written > self.limit {
            return Err(too_large());
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether `e` says symbolic links lead round in a loop (or too deep to follow).
pub(crate) fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// A short message for an IO error, without Rust's "(os error N)" noise.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(own) = e.get_ref().and_then(|inner| inner.downcast_ref::<atomic::Refusal>()) {
        return own.to_string(); // argmap's own words
    }
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a directory".into(),
        _ if is_link_loop(e) => "it is a symbolic link that leads round in a loop".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

fn ron_error(text: &str, file: &str, e: &ron::error::SpannedError) -> LoadError {
    let start = e.span.start;
    let end = e.span.end;
    // An error that reaches the end of the text is a file cut off, whatever RON expected next.
    let content_end = line_col(text, text.trim_end().len());
    let cut_off = (end.line, end.col) >= content_end;
    let number = matches!(e.code, ron::Error::IntegerOutOfBounds | ron::Error::ExpectedInteger);
    let at_version =
        number && version_at(text).is_some_and(|(l, c)| l == start.line && (c..c + 12).contains(&start.col));
    let message = if cut_off && !matches!(e.code, ron::Error::Eof) {
        format!("the file ends too early (is it cut off?): {}", syntax_message(&e.code))
    } else if at_version {
        "the format version must be a whole number from 1 up (argmap writes version 1)".to_owned()
    } else {
        syntax_message(&e.code)
    };
    LoadError {
        file: file.to_owned(),
        at: (start.line > 0).then_some((start.line, start.col)),
        kind: LoadErrorKind::Syntax(message),
    }
}

/// RON's message, reworded where it speaks of Rust types rather than the file.
fn syntax_message(code: &ron::Error) -> String {
    const NAMES: [(&str, &str); 12] = [
        ("`MapFile`", "the map"),
        ("`VersionProbe`", "the map"),
        ("`StatementEntry`", "a statement"),
        ("`RelationEntry`", "a relation"),
        ("`MapSource`", "the map's source"),
        ("`Source`", "a source"),
        ("`Pos`", "a position"),
        ("`RelationKind`", "the relation kind"),
        ("`Evaluation`", "the what-if marks"),
        ("`Rating`", "the rating"),
        ("`Conflict`", "a conflict"),
        ("`Field`", "the conflict's field"),
    ];
    let mut s = code.to_string();
    for (rust, file) in NAMES {
        for prefix in ["struct ", "enum ", ""] {
            s = s.replace(&format!("{prefix}{rust}"), file);
        }
    }
    match code {
        ron::Error::Eof => "the file ends too early (is it cut off?)".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            format!("the file nests deeper than {RECURSION_LIMIT} levels, which no map does")
        }
        ron::Error::ExpectedStringEnd => {
            "a string starting here is never closed (is the file cut off?)".to_owned()
        }
        ron::Error::ExpectedOption => "expected an optional value: write Some(...) or None, \
             or start the file with #![enable(implicit_some)] as argmap does"
            .to_owned(),
        ron::Error::IntegerOutOfBounds => "this number is out of range".to_owned(),
        _ => {
            // RON's messages start with a capital; argmap's are lower case after the position.
            let mut chars = s.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

/// Line and column (1-based, columns in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The `version: N` field when it is the first field of the map, as argmap writes it.
fn leading_version(text: &str) -> Option<u32> {
    let mut rest = text.trim_start();
    while let Some(after) = rest.strip_prefix("#!") {
        rest = after.split_once('\n')?.1.trim_start(); // the `#![enable(...)]` attribute line
    }
    let rest =
        rest.strip_prefix('(')?.trim_start().strip_prefix("version")?.trim_start().strip_prefix(':')?;
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    let after = rest.trim_start()[digits.len()..].trim_start();
    if after.starts_with(',') || after.starts_with(')') { digits.parse().ok() } else { None }
}

fn version_at(text: &str) -> Option<(usize, usize)> {
    find_field(text, "version", 0).map(|o| line_col(text, o))
}

/// Byte offset of the value of the first field `name:` at or after `from`.
fn find_field(text: &str, name: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(name) {
        let start = at + i;
        let after = &text[start + name.len()..];
        let before_ok = text[..start].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let trimmed = after.trim_start();
        if before_ok && trimmed.starts_with(':') {
            let value = trimmed[1..].trim_start();
            return Some(text.len() - value.len());
        }
        at = start + name.len();
    }
    None
}

/// Best-effort position of the statement id a model error is about.
fn locate(text: &str, e: &ModelError) -> Option<(usize, usize)> {
    let quoted = |id: &str| format!("\"{id}\"");
    let id_field = |id: &str, nth: usize| {
        let mut from = 0;
        let mut seen = 0;
        while let Some(o) = find_field(text, "id", from) {
            // The id as written may hold escapes ("a\u{1b}b"): compare it read.
            if text[o..].starts_with(&quoted(id)) || string_at(text, o).is_some_and(|s| s == id) {
                if seen == nth {
                    return Some(o);
                }
                seen += 1;
            }
            from = o;
        }
        None
    };
    let relations_start = || find_field(text, "relations", 0).unwrap_or(0);
    let offset = match (e, e.root()) {
        (_, ModelError::DuplicateId(id)) => id_field(id, 1),
        (_, ModelError::EmptyId) => id_field("", 0),
        (ModelError::InMarks(_), root) => {
            let start = find_field(text, "evaluation", 0)?;
            let id = root.offending_id()?;
            let last = matches!(root, ModelError::ContradictoryMarks(_));
            let found = if last { text[start..].rfind(&quoted(id)) } else { text[start..].find(&quoted(id)) };
            found.map(|i| start + i)
        }
        (ModelError::InDocument { index, .. }, root) => {
            let start = nth_entry(text, find_field(text, "documents", 0)?, *index);
            let by_id =
                || root.offending_id().and_then(|id| text[start..].find(&quoted(id)).map(|i| start + i));
            by_id().or(Some(start))
        }
        (_, ModelError::UnknownDocument { statement, .. }) => {
            let at = id_field(statement, 0)?;
            find_field(text, "document", at).or(Some(at))
        }
        (ModelError::InGroup { index, .. }, root) => {
            let start = nth_entry(text, find_field(text, "groups", 0)?, *index);
            let field = match root {
                ModelError::InvalidGroup(_, why) if why.contains("title") => Some("title"),
                ModelError::InvalidGroup(..) | ModelError::DuplicateGroup(_) => Some("id"),
                _ => None,
            };
            let by_id =
                || root.offending_id().and_then(|id| text[start..].find(&quoted(id)).map(|i| start + i));
            field.and_then(|f| find_field(text, f, start)).or_else(by_id).or(Some(start))
        }
        (_, ModelError::InvalidId(id) | ModelError::NonFinitePosition(id)) => id_field(id, 0),
        (_, ModelError::TextTooLong { id, .. }) => id_field(id, 0),
        (ModelError::InRelation { index, .. }, root) => {
            let start = nth_entry(text, relations_start(), *index);
            let field = match root {
                ModelError::EmptyPremises(_) => Some("premises"),
                ModelError::TooLong { field, .. } => Some(*field),
                ModelError::UndercutKind => Some("kind"),
                ModelError::SelfUndercut
                | ModelError::UndercutOfUndercut
                | ModelError::UnknownRelation(_) => Some("conclusion"),
                _ => None,
            };
            let by_id =
                || root.offending_id().and_then(|id| text[start..].find(&quoted(id)).map(|i| start + i));
            field.and_then(|f| find_field(text, f, start)).or_else(by_id).or(Some(start))
        }
        (_, ModelError::TooLong { owner: Some(id), field: "id", .. }) => id_field(id, 0),
        (_, ModelError::TooLong { owner: Some(id), field, .. }) => {
            id_field(id, 0).and_then(|at| find_field(text, field, at)).or_else(|| id_field(id, 0))
        }
        (_, ModelError::TooLong { owner: None, field, .. }) => find_field(text, field, 0),
        _ => None,
    }?;
    Some(line_col(text, offset))
}

/// The RON string literal that starts at `at` (a quoted string with its escapes), read.
fn string_at(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    if !rest.starts_with('"') {
        return None;
    }
    let mut escaped = false;
    let end = rest[1..].char_indices().find_map(|(i, c)| {
        let closes = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        closes.then_some(i + 2)
    })?;
    ron::from_str::<String>(&rest[..end]).ok()
}

/// Byte offset of the `index`-th top-level `(` entry of the list that starts at `list`.
fn nth_entry(text: &str, list: usize, index: usize) -> usize {
    let mut depth = 0i32;
    let mut seen = 0;
    let mut in_string = false;
    let mut prev = ' ';
    for (i, c) in text[list..].char_indices() {
        match c {
            '"' if prev != '\\' => in_string = !in_string,
            '(' if !in_string => {
                if depth == 1 {
                    if seen == index {
                        return list + i;
                    }
                    seen += 1;
                }
                depth += 1;
            }
            '[' if !in_string => depth += 1,
            ')' | ']' if !in_string => {
                depth -= 1;
                if depth <= 0 {
                    break;
                }
            }
            _ => {}
        }
        prev = c;
    }
    list
}

#[cfg(test)]
mod tests;
