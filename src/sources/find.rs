//! Where a document's file is. A map names its documents by file name only (a path in a map is
//! never followed); argmap looks for that name in folders the user trusts: beside the map and in
//! the folders given. What it finds there must be a document: a regular file, or a link to one
//! inside the same folder. A link leading out of the folder (to the system's password file, to
//! the process's environment) is not read: a map from someone else must not make argmap read
//! what it names. A file the user chose themselves (File ▸ Locate document…) is read as chosen.

use crate::model::SourceDocument;
use std::path::{Path, PathBuf};

/// Where `document`'s file is: a file the user `chosen` with its name, else its name beside the
/// map, then in each of `folders`; the first that is a document. Otherwise why not, in words
/// naming what was found there (a folder, a FIFO, a device, a link out of the folder) or the
/// places looked in.
pub fn find(
    document: &SourceDocument,
    beside: Option<&Path>,
    folders: &[PathBuf],
    chosen: &[PathBuf],
) -> Result<PathBuf, String> {
    let Some(file) = document.file.as_deref() else { return Err("the map names no file for it".into()) };
    let Some(name) = Path::new(file).file_name() else {
        return Err(format!("{} is not a file name", crate::printable::escaped(file)));
    };
    if let Some(path) = chosen.iter().find(|p| p.file_name() == Some(name) && p.is_file()) {
        return Ok(path.clone());
    }
    let mut problem = None;
    for dir in beside.into_iter().chain(folders.iter().map(PathBuf::as_path)) {
        match inside(dir, &dir.join(name)) {
            Ok(Some(path)) => return Ok(path),
            Ok(None) => {}
            Err(why) => {
                problem.get_or_insert(why);
            }
        }
    }
    Err(problem.unwrap_or_else(|| not_found(file, beside, folders)))
}

/// The document at `path` in `dir`: `None` when there is nothing there; an error saying what is
/// there when it is not a document, or a link out of `dir`.
fn inside(dir: &Path, path: &Path) -> Result<Option<PathBuf>, String> {
    let shown = || crate::printable::escaped(&path.display().to_string()).into_owned();
    let Ok(meta) = std::fs::symlink_metadata(path) else { return Ok(None) };
    if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(path).map_err(|e| {
            format!("{} is a link to nothing argmap can read ({})", shown(), crate::io::io_message(&e))
        })?;
        let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !target.starts_with(&folder) {
            return Err(format!(
                "{} is a link leading out of its folder, which argmap does not follow \
                 (to read that file, choose it with File ▸ Locate document…)",
                shown()
            ));
        }
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {}", shown(), crate::io::io_message(&e)))?;
    let kind = kind_of(&meta.file_type());
    match kind {
        None => Ok(Some(path.to_path_buf())),
        Some(kind) => Err(format!("{} is {kind}, not a document", shown())),
    }
}

/// What a file that is not a regular file is, in words (`None` for a regular file).
fn kind_of(t: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (a pipe)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    if t.is_dir() {
        Some("a folder")
    } else if t.is_file() {
        None
    } else {
        Some("not a regular file")
    }
}

/// "NAME not found in A, B" (a map named without a folder is beside it in the current one: ".").
fn not_found(file: &str, beside: Option<&Path>, folders: &[PathBuf]) -> String {
    let shown = |p: &Path| if p.as_os_str().is_empty() { ".".to_owned() } else { p.display().to_string() };
    let mut places: Vec<String> = beside.into_iter().map(shown).collect();
    places.extend(folders.iter().map(|p| shown(p)));
    format!("{} not found in {}", crate::printable::escaped(file), places.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(file: &str) -> SourceDocument {
        SourceDocument::in_file("d", "D".into(), file.into())
    }

    #[test]
    fn issue32_what_is_found_must_be_a_document_in_its_folder() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(b.join("article.txt"), "Text.").unwrap();
        // A folder of the document's name beside the map; the real file in the second folder.
        std::fs::create_dir(a.join("article.txt")).unwrap();
        assert_eq!(
            find(&doc("article.txt"), Some(&a), std::slice::from_ref(&b), &[]).unwrap(),
            b.join("article.txt")
        );
        let why = find(&doc("article.txt"), Some(&a), &[], &[]).unwrap_err();
        assert!(why.ends_with("article.txt is a folder, not a document"), "{why}");
        // A link out of the folder is refused; a link inside it is followed.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/passwd", a.join("passwd.txt")).unwrap();
            let why = find(&doc("passwd.txt"), Some(&a), &[], &[]).unwrap_err();
            assert!(why.contains("is a link leading out of its folder"), "{why}");
            std::fs::write(a.join("real.txt"), "Text.").unwrap();
            std::os::unix::fs::symlink(a.join("real.txt"), a.join("alias.txt")).unwrap();
            assert_eq!(find(&doc("alias.txt"), Some(&a), &[], &[]).unwrap(), a.join("alias.txt"));
            // Unless the user chose that very file.
            let chosen = [a.join("passwd.txt")];
            assert_eq!(find(&doc("passwd.txt"), Some(&a), &[], &chosen).unwrap(), chosen[0]);
            let fifo = a.join("pipe.txt");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
            let why = find(&doc("pipe.txt"), Some(&a), &[], &[]).unwrap_err();
            assert!(why.ends_with("pipe.txt is a FIFO (a pipe), not a document"), "{why}");
            let why = find(&doc("null"), Some(Path::new("/dev")), &[], &[]).unwrap_err();
            assert!(why.ends_with("/dev/null is a device, not a document"), "{why}");
        }
        let why = find(&doc("gone.txt"), Some(&a), std::slice::from_ref(&b), &[]).unwrap_err();
        assert!(why.starts_with("gone.txt not found in "), "{why}");
    }
}
