//! `argmap diff`, `argmap merge`, and git's drivers for them (`git-diff`, `git-setup`): versions
//! of a map compared and combined by ids (see [`crate::versions`]).

use super::{CliError, warning};
use crate::io;
use crate::model::ArgumentMap;
use crate::printable::escaped;
use crate::versions::{self, words};
use std::path::{Path, PathBuf};

/// The lines git's attributes file gets: maps diffed and merged by argmap.
pub const ATTRIBUTES: &str = "*.ron diff=argmap merge=argmap";

/// `argmap diff OLD NEW`: prints what changed; `Ok(true)` when something did.
pub fn diff(old: &Path, new: &Path, json: bool, out: &mut dyn std::io::Write) -> Result<bool, CliError> {
    let (a, b) = (load(old)?, load(new)?);
    let d = versions::diff(&a, &b);
    let text = match json {
        true => crate::printable::json(&serde_json::to_string_pretty(&d).unwrap_or_default()).into_owned(),
        false => words(&d),
    };
    if json || !d.is_empty() {
        let _ = writeln!(out, "{}", text.trim_end());
    }
    Ok(!d.is_empty())
}

/// git's external diff driver: `PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE` (and
/// two more for a rename). Prints a header and the semantic diff of two maps; a file that is not
/// a map (the attribute names every `*.ron`) gets git's own line diff. Succeeds whether or not
/// the versions differ, as git requires of a driver.
pub fn git_diff(args: &[PathBuf], out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let (Some(path), Some(old), Some(new)) = (args.first(), args.get(1), args.get(4)) else {
        return Err(CliError::Usage(
            "git-diff is git's diff driver: it takes the 7 arguments git passes".into(),
        ));
    };
    let (Some(a), Some(b)) = (as_map(old), as_map(new)) else {
        let text = git_output(&["diff", "--no-index", "--no-ext-diff", "--no-color", "--"], &[old, new])?;
        let _ = write!(out, "{text}");
        return Ok(());
    };
    let shown = escaped(&path.display().to_string()).into_owned();
    let _ = writeln!(out, "argmap diff a/{shown} b/{shown}");
    let d = versions::diff(&a, &b);
    let _ = writeln!(out, "{}", if d.is_empty() { "(the same map)".into() } else { words(&d) }.trim_end());
    Ok(())
}

/// git's merge driver: `BASE OURS THEIRS [PATH]` as git passes them (`%O %A %B %P`). Maps are
/// merged by ids into OURS (an empty base, when both sides added the file, is an empty map);
/// a file that is not a map is merged by git's own line merge (`git merge-file`), as git would
/// without the driver. Exit status 0 when clean, 1 with conflicts.
pub fn git_merge(
    [base, ours, theirs]: [&Path; 3],
    path: Option<&Path>,
    warn: &mut dyn std::io::Write,
) -> Result<u8, CliError> {
    let base_map = match std::fs::metadata(base) {
        Ok(m) if m.len() == 0 => Some(ArgumentMap::new("")),
        _ => as_map(base),
    };
    let (Some(b), Some(o), Some(t)) = (base_map, as_map(ours), as_map(theirs)) else {
        let name = path.map_or_else(|| "file".into(), |p| escaped(&p.display().to_string()).into_owned());
        let labels = ["-L", "ours", "-L", "base", "-L", "theirs"];
        let status = git_status(&["merge-file"], &labels, &[ours, base, theirs])?;
        warning(warn, &format!("{name} is not a map: merged line by line, as git merges text"));
        return Ok(u8::from(status != 0));
    };
    let merged = versions::merge(&b, &o, &t);
    io::save_plain(&merged.map, ours)
        .map_err(|e| CliError::Write { path: ours.display().to_string(), message: io::io_message(&e) })?;
    say_merged(&merged, warn);
    Ok(u8::from(!merged.conflicts.is_empty()))
}

/// The map in a file, if it is one.
fn as_map(path: &Path) -> Option<ArgumentMap> {
    load(path).ok()
}

/// Runs git with `args`, then `files`; its standard output (a difference is not a failure).
fn git_output(args: &[&str], files: &[&PathBuf]) -> Result<String, CliError> {
    let run = std::process::Command::new("git").args(args).args(files).output();
    let output = run.map_err(|e| CliError::Usage(format!("cannot run git: {e}")))?;
    if output.status.code().is_none_or(|c| c > 1) {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(CliError::Usage(format!(
            "git {}: {}",
            args.join(" "),
            crate::printable::line(said.trim(), super::MAX_MESSAGE_CHARS)
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs `git SUB OPTIONS FILES`; its exit status (git merge-file: the number of conflicts).
fn git_status(sub: &[&str], options: &[&str], files: &[&Path]) -> Result<i32, CliError> {
    let run = std::process::Command::new("git").args(sub).args(options).args(files).status();
    let status = run.map_err(|e| CliError::Usage(format!("cannot run git: {e}")))?;
    match status.code() {
        Some(code) if (0..128).contains(&code) => Ok(code),
        _ => Err(CliError::Usage(format!("git {} failed", sub.join(" ")))),
    }
}

/// Each note and conflict of a merge, one line each.
fn say_merged(merged: &versions::Merged, warn: &mut dyn std::io::Write) {
    for note in &merged.notes {
        warning(warn, note);
    }
    for c in &merged.conflicts {
        let say = |v: &Option<String>| v.as_deref().map_or("(deleted or none)".into(), |t| format!("{t:?}"));
        let line = format!(
            "conflict: {}: {}: ours {}, theirs {}",
            c.statement,
            c.field.describe(),
            say(&c.ours),
            say(&c.theirs)
        );
        let _ = writeln!(warn, "{}", crate::printable::line(&line, super::MAX_MESSAGE_CHARS));
    }
}

/// `argmap merge BASE OURS THEIRS [-o OUT]`: writes the merged map (to OUT, or stdout) and says
/// each conflict on `warn`; `Ok(true)` when there were conflicts.
pub fn merge(
    [base, ours, theirs]: [&Path; 3],
    target: Option<&Path>,
    out: &mut dyn std::io::Write,
    warn: &mut dyn std::io::Write,
) -> Result<bool, CliError> {
    let (b, o, t) = (load(base)?, load(ours)?, load(theirs)?);
    let merged = versions::merge(&b, &o, &t);
    let written = match target {
        Some(path) => io::save_plain(&merged.map, path).map_err(|e| (path.display().to_string(), e)),
        None => io::ron_within_bounds(&merged.map)
            .map(|text| {
                let _ = write!(out, "{text}");
            })
            .map_err(|e| ("the merged map".to_owned(), e)),
    };
    written.map_err(|(path, e)| CliError::Write { path, message: io::io_message(&e) })?;
    say_merged(&merged, warn);
    Ok(!merged.conflicts.is_empty())
}

/// `argmap git-setup [REPO]`: marks maps for argmap in the repository's `.gitattributes` and
/// sets its diff and merge drivers in its own config (this argmap, by its full path).
pub fn git_setup(repo: Option<&Path>, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let repo = repo.unwrap_or(Path::new("."));
    let root = git(repo, &["rev-parse", "--show-toplevel"])?;
    let root = PathBuf::from(root.trim_end());
    let exe =
        std::env::current_exe().map_err(|e| CliError::Usage(format!("cannot find argmap itself: {e}")))?;
    let exe = shell_quoted(&exe.display().to_string());
    let attributes = root.join(".gitattributes");
    let had = match std::fs::symlink_metadata(&attributes) {
        Ok(m) if !m.is_file() => {
            return Err(CliError::Write {
                path: attributes.display().to_string(),
                message: "not a regular file".into(),
            });
        }
        Ok(_) => io::read_text(&attributes)?,
        Err(_) => String::new(),
    };
    if !had.lines().any(|l| l.trim() == ATTRIBUTES) {
        let sep = if had.is_empty() || had.ends_with('\n') { "" } else { "\n" };
        let text = format!("{had}{sep}{ATTRIBUTES}\n");
        io::write_atomic(&attributes, text.as_bytes()).map_err(|e| CliError::Write {
            path: attributes.display().to_string(),
            message: io::io_message(&e),
        })?;
    }
    let settings = [
        ("diff.argmap.command", format!("{exe} git-diff")),
        ("merge.argmap.name", "argmap: three-way merge of maps by ids".to_owned()),
        ("merge.argmap.driver", format!("{exe} git-merge %O %A %B %P")),
    ];
    for (key, value) in &settings {
        git(&root, &["config", key, value])?;
    }
    let _ = writeln!(out, "{}: {ATTRIBUTES}", escaped(&attributes.display().to_string()));
    for (key, value) in &settings {
        let _ = writeln!(out, "git config {key} {}", escaped(value));
    }
    Ok(())
}

/// Runs git in `dir`; its output, or its error as the verb's.
fn git(dir: &Path, args: &[&str]) -> Result<String, CliError> {
    let run = std::process::Command::new("git").arg("-C").arg(dir).args(args).output();
    let output = run.map_err(|e| CliError::Usage(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = crate::printable::line(said.trim(), super::MAX_MESSAGE_CHARS);
        return Err(CliError::Usage(format!("git {}: {said}", args.join(" "))));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A word for the shell git runs drivers with: in single quotes.
fn shell_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A map from a file; git's `/dev/null` (a file added or deleted) is an empty map.
fn load(path: &Path) -> Result<ArgumentMap, CliError> {
    if path == Path::new("/dev/null") {
        return Ok(ArgumentMap::new(""));
    }
    Ok(io::load_path(path)?)
}
