//! The licence list argmap embeds (Help ▸ About, `argmap licenses`, the Debian copyright file)
//! is the one Cargo.lock gives: a dependency added, removed or upgraded without
//! `scripts/licenses.sh` fails here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn the_embedded_licence_list_is_the_one_cargo_lock_gives() {
    let out = std::process::Command::new("bash")
        .args(["scripts/licenses.sh", "--print"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("bash runs scripts/licenses.sh");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let now = String::from_utf8(out.stdout).unwrap();
    assert!(now.lines().count() > 100, "{now}");
    assert!(
        now.lines().all(|l| l.split_once(": ").is_some_and(|(_, lic)| !lic.trim().is_empty())),
        "each has a licence"
    );
    assert_eq!(argmap::LIBRARIES, now, "assets/licenses.txt is out of date: run scripts/licenses.sh");
    assert!(now.contains(&format!("argmap {}: {}", env!("CARGO_PKG_VERSION"), argmap::LICENSE)));
}
