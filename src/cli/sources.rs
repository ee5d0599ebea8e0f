//! The verbs about a map's source documents: `check`'s quote check, and `sources`.

use super::{CliError, warning};
use crate::io;
use crate::printable::{escaped, plural};
use crate::sources::{self, Places, Reader, Report};
use std::path::{Path, PathBuf};

/// Where `check` and `sources` look for the documents of the map at `path`: beside it and in
/// `folders`, each folder given that is not there a warning; HTML and PDF read in a child.
fn places<'a>(
    path: &'a Path,
    folders: &'a [PathBuf],
    reader: &'a Reader,
    warn: &mut dyn std::io::Write,
) -> Places<'a> {
    for dir in folders.iter().filter(|d| !d.is_dir()) {
        let what = if dir.exists() { "is not a folder" } else { "does not exist" };
        warning(warn, &format!("--documents {}: {what}", escaped(&dir.display().to_string())));
    }
    Places { beside: path.parent(), folders, chosen: &[], reader }
}

/// `check`'s part: every located quote against its document, where the document is found. Each
/// document not found and each quote no longer found is a warning; with `strict`, an error.
pub fn check_quotes(
    map: &crate::model::ArgumentMap,
    path: &Path,
    folders: &[PathBuf],
    strict: bool,
    warn: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    if map.documents().is_empty() {
        return Ok(());
    }
    let reader = Reader::this_program();
    let report = sources::check(map, &places(path, folders, &reader, warn));
    let mut problems = 0;
    for d in &report.documents {
        if let Err(why) = &d.file {
            warning(warn, &format!("{}: document {}: {why}; its quotes not verified", path.display(), d.id));
            problems += 1;
        }
    }
    for (statement, document) in &report.drifted {
        warning(
            warn,
            &format!(
                "{}: statement {statement}: its quote is no longer found in document {document} \
                 (correct the quote, or select its passage in the app's source pane and Quote selection)",
                path.display()
            ),
        );
        problems += 1;
    }
    for (statement, written, found) in &report.misnumbered {
        let found = match found {
            0 => "a heading".to_owned(),
            n => format!("paragraph {n}"),
        };
        warning(
            warn,
            &format!(
                "{}: statement {statement}: its reference says paragraph {written} but its quote is in {found} \
                 (paragraphs counted as the source pane counts them, titles and headings aside; \
                 argmap sources --relocate writes the places found)",
                path.display()
            ),
        );
        problems += 1;
    }
    if strict && problems > 0 {
        return Err(CliError::Quotes { path: path.display().to_string(), count: problems });
    }
    Ok(())
}

/// `argmap sources`: each document, whether it is found, and its coverage; `relocate` saves the
/// map with every quote's place found afresh.
pub fn list(
    path: &Path,
    folders: &[PathBuf],
    relocate: bool,
    out: &mut dyn std::io::Write,
    warn: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let mut map = io::load_path(path)?;
    let reader = Reader::this_program();
    let places = places(path, folders, &reader, warn);
    if relocate {
        let changed = sources::relocate(&mut map, &places)
            .map_err(|e| CliError::Write { path: path.display().to_string(), message: e.to_string() })?;
        if changed > 0 {
            io::save(&map, path).map_err(|e| CliError::Write {
                path: path.display().to_string(),
                message: io::io_message(&e),
            })?;
        }
        let _ = writeln!(
            out,
            "{}: {changed} quote{} located afresh",
            escaped(&path.display().to_string()),
            plural(changed)
        );
    }
    let report = sources::check(&map, &places);
    let _ = writeln!(out, "{}", describe(&map, &report));
    Ok(())
}

/// One line per document: id, title, file found (or why not), quotes, coverage, drifted quotes.
fn describe(map: &crate::model::ArgumentMap, report: &Report) -> String {
    if report.documents.is_empty() {
        return "no source documents".into();
    }
    let lines: Vec<String> = report
        .documents
        .iter()
        .map(|d| {
            let title = map.document(&d.id).map_or("", |doc| doc.title.as_str());
            let drifted = report.drifted.iter().filter(|(_, doc)| *doc == d.id).count();
            let found = match &d.file {
                Ok(file) => format!(
                    "{}; {} of {} paragraphs quoted",
                    escaped(&file.display().to_string()),
                    d.coverage.0,
                    d.coverage.1
                ),
                Err(why) => format!("not read: {}", escaped(why)),
            };
            let drift = if drifted > 0 { format!("; {drifted} no longer found") } else { String::new() };
            format!("{} ({}): {} quote{}; {found}{drift}", d.id, escaped(title), d.quotes, plural(d.quotes))
        })
        .collect();
    lines.join("\n")
}
