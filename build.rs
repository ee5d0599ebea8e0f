//! Names the commit argmap is built from (`argmap --version`, Help ▸ About): `ARGMAP_COMMIT` if
//! set (a build from a source tarball says which), else git's `HEAD`, else "unknown".

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=ARGMAP_COMMIT");
    // A new commit, a checkout or a pack of refs changes what HEAD names.
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/packed-refs");
    if let Ok(head) = std::fs::read_to_string(".git/HEAD")
        && let Some(branch) = head.trim().strip_prefix("ref: ")
    {
        println!("cargo:rerun-if-changed=.git/{branch}");
    }
    let from_git = || {
        let out = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output().ok()?;
        let commit = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        (out.status.success() && commit.chars().all(|c| c.is_ascii_hexdigit()) && !commit.is_empty())
            .then_some(commit)
    };
    let commit = std::env::var("ARGMAP_COMMIT").ok().filter(|c| !c.is_empty()).or_else(from_git);
    println!("cargo:rustc-env=ARGMAP_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
}
