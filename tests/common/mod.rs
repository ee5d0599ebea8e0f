//! Helpers shared by the integration tests.

use std::path::Path;

/// Helpers for the UI tests (unused by the others).
#[allow(dead_code)]
pub mod ui;

/// A sync server for the tests of live maps (unused by the others).
#[allow(dead_code)]
pub mod server;

/// Random edit sequences for property tests (unused by the others).
#[allow(dead_code)]
pub mod steps;

/// A fresh, empty folder for one test's files, removed (with everything in it) when the test
/// ends, passed or failed: runs leave nothing behind in the temporary folder.
pub struct Scratch(tempfile::TempDir);

/// A scratch folder whose name says which test made it (`argmap-{suite}-{name}-…`).
#[allow(dead_code)]
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

/// Whether a test that needs an outside tool must stop here because `missing` says the tool is
/// not there (`None`: it is). Under CI (`CI` set, as `.ci/run` sets it) a missing tool fails the
/// test, naming it; elsewhere the test says it skipped and why.
#[allow(dead_code)]
pub fn lacks(tool: &str, missing: Option<String>) -> bool {
    let Some(why) = missing else { return false };
    assert!(std::env::var_os("CI").is_none(), "{tool} is missing, and CI must run this test: {why}");
    eprintln!("skipped: {tool} is missing ({why}); under CI this test fails instead");
    true
}

/// Why `program` cannot run (`program ARGS` fails to start), or none when it can.
#[allow(dead_code)]
pub fn cannot_run(program: &str, args: &[&str]) -> Option<String> {
    match std::process::Command::new(program).args(args).output() {
        Ok(_) => None,
        Err(e) => Some(format!("`{program}` cannot be run: {e}")),
    }
}
