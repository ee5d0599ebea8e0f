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
    let text = if json { serde_json::to_string_pretty(&d).unwrap_or_default() } else { words(&d) };
    if json || !d.is_empty() {
        let _ = writeln!(out, "{}", text.trim_end());
    }
    Ok(!d.is_empty())
}

/// git's external diff driver: `PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE` (and
/// two more for a rename). Prints a header and the semantic diff; succeeds whether or not the
/// versions differ, as git requires of a driver.
pub fn git_diff(args: &[PathBuf], out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let (Some(path), Some(old), Some(new)) = (args.first(), args.get(1), args.get(4)) else {
        return Err(CliError::Usage(
            "git-diff is git's diff driver: it takes the 7 arguments git passes".into(),
        ));
    };
    let shown = escaped(&path.display().to_string()).into_owned();
    let _ = writeln!(out, "argmap diff a/{shown} b/{shown}");
    let (a, b) = (load(old)?, load(new)?);
    let d = versions::diff(&a, &b);
    let _ = writeln!(out, "{}", if d.is_empty() { "(the same map)".into() } else { words(&d) }.trim_end());
    Ok(())
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
    match target {
        Some(path) => io::save_plain(&merged.map, path)
            .map_err(|e| CliError::Write { path: path.display().to_string(), message: io::io_message(&e) })?,
        None => {
            let _ = write!(out, "{}", io::to_ron_string(&merged.map));
        }
    }
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
    let failed = merged.notes.iter().any(|n| n.contains("could not be combined"));
    Ok(!merged.conflicts.is_empty() || failed)
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
        ("merge.argmap.driver", format!("{exe} merge %O %A %B -o %A")),
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
