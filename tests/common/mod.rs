//! Helpers shared by the integration tests.

use std::path::Path;

/// Helpers for the UI tests (unused by the others).
#[allow(dead_code)]
pub mod ui;

/// Random edit sequences for property tests (unused by the others).
#[allow(dead_code)]
pub mod steps;

/// A fresh, empty folder for one test's files, removed (with everything in it) when the test
/// ends, passed or failed: runs leave nothing behind in the temporary folder.
pub struct Scratch(tempfile::TempDir);

/// A scratch folder whose name says which test made it (`argmap-{suite}-{name}-…`).
pub fn scratch(suite: &str, name: &str) -> Scratch {
    let dir = tempfile::Builder::new().prefix(&format!("argmap-{suite}-{name}-")).tempdir();
    Scratch(dir.unwrap_or_else(|e| panic!("cannot make a scratch folder: {e}")))
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}
