//! The verbs about a map's source documents: `check`'s quote check, and `sources`.

use super::{CliError, warning};
use crate::io;
use crate::printable::escaped;
use crate::sources::{self, Report};
use std::path::{Path, PathBuf};

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
    let report = sources::check(map, path.parent(), folders);
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
) -> Result<(), CliError> {
    let mut map = io::load_path(path)?;
    if relocate {
        let changed = sources::relocate(&mut map, path.parent(), folders)
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
    let report = sources::check(&map, path.parent(), folders);
    let _ = writeln!(out, "{}", describe(&map, &report));
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
