//! Live maps over a real sync server: `argmap serve` in its own process, clients on the app's
//! code (`argmap share`, `join`, `sync`), maps edited on both sides and brought together.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::{self, Edit};
use argmap::model::{ArgumentMap, ConflictField, RelationKind};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

mod common;

const MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron");

/// A sync server on a free port, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(data: Option<&Path>) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_argmap"));
        cmd.args(["serve", "--listen", "127.0.0.1:0"]);
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim().strip_prefix("argmap serve: listening on ").unwrap().to_owned();
        Self { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn argmap(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_argmap")).args(args).output().unwrap();
    assert!(o.status.success(), "argmap {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

fn load(path: &Path) -> ArgumentMap {
    argmap::io::load_path(path).unwrap()
}

/// Applies an edit to the map file, as a person editing it would.
fn edit_file(path: &Path, change: impl FnOnce(&ArgumentMap) -> Edit) {
    let mut map = load(path);
    let e = change(&map);
    edit::apply(&mut map, e).unwrap();
    argmap::io::save(&map, path).unwrap();
}

/// Shares the shipped map from `a`, joins it into `b`; returns the link.
fn shared_pair(server: &Server, a: &Path, b: &Path) -> String {
    std::fs::copy(MAP, a).unwrap();
    let o = argmap(&["share", a.to_str().unwrap(), "--server", &server.url]);
    let link = String::from_utf8(o.stdout).unwrap().trim().to_owned();
    assert!(link.starts_with("automerge:"), "{link}");
    argmap(&["join", &link, "--server", &server.url, b.to_str().unwrap()]);
    link
}

fn sync(server: &Server, map: &Path, link: &str) {
    argmap(&["sync", map.to_str().unwrap(), "--link", link, "--server", &server.url]);
}

fn text(map: &ArgumentMap, id: &str) -> String {
    map.statement(id).unwrap().text.clone()
}

#[test]
fn a_joined_map_is_the_shared_map() {
    let dir = common::scratch("live", "joined");
    let server = Server::start(None);
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    shared_pair(&server, &a, &b);
    assert_eq!(argmap::io::to_ron_string(&load(&b)), argmap::io::to_ron_string(&load(Path::new(MAP))));
}

#[test]
fn edits_of_two_people_both_reach_both_files() {
    let dir = common::scratch("live", "both");
    let server = Server::start(None);
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    let link = shared_pair(&server, &a, &b);
    edit_file(&a, |_| Edit::SetText { id: "host-state-consent".into(), text: "Reworded by Ada.".into() });
    edit_file(&b, |m| edit::add_premise(m, "junta-popular", RelationKind::Objection, "Bo's objection.").0);
    // Each syncs whenever they like; after both have, and Ada once more, both files agree.
    for map in [&a, &b, &a] {
        sync(&server, map, &link);
    }
    let (ma, mb) = (load(&a), load(&b));
    assert_eq!(argmap::io::to_ron_string(&ma), argmap::io::to_ron_string(&mb));
    assert_eq!(text(&ma, "host-state-consent"), "Reworded by Ada.");
    assert!(ma.statements().any(|s| s.text == "Bo's objection."));
}

#[test]
fn two_rewordings_of_one_statement_end_the_same_in_both_files_as_a_conflict() {
    let dir = common::scratch("live", "same");
    let server = Server::start(None);
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    let link = shared_pair(&server, &a, &b);
    edit_file(&a, |_| Edit::SetText { id: "junta-popular".into(), text: "Ada's words.".into() });
    edit_file(&b, |_| Edit::SetText { id: "junta-popular".into(), text: "Bo's words.".into() });
    for map in [&a, &b, &a] {
        sync(&server, map, &link);
    }
    let (ma, mb) = (load(&a), load(&b));
    assert_eq!(argmap::io::to_ron_string(&ma), argmap::io::to_ron_string(&mb));
    let c = ma.conflicts().iter().find(|c| c.field == ConflictField::Text).unwrap();
    let mut both = [c.ours.clone().unwrap(), c.theirs.clone().unwrap()];
    both.sort();
    assert_eq!(both, ["Ada's words.".to_owned(), "Bo's words.".to_owned()]);
}

#[test]
fn a_server_with_a_data_folder_keeps_the_map_across_a_restart() {
    let dir = common::scratch("live", "restart");
    let data = dir.join("data");
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    let link = {
        let server = Server::start(Some(&data));
        std::fs::copy(MAP, &a).unwrap();
        let o = argmap(&["share", a.to_str().unwrap(), "--server", &server.url]);
        String::from_utf8(o.stdout).unwrap().trim().to_owned()
    };
    let server = Server::start(Some(&data));
    argmap(&["join", &link, "--server", &server.url, b.to_str().unwrap()]);
    assert_eq!(argmap::io::to_ron_string(&load(&b)), argmap::io::to_ron_string(&load(Path::new(MAP))));
}

#[test]
fn a_wrong_link_or_no_server_is_a_clear_error() {
    let dir = common::scratch("live", "errors");
    let server = Server::start(None);
    let b = dir.join("b.ron");
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_argmap")).args(args).output().unwrap();
    let o = run(&["join", "not-a-link", "--server", &server.url, b.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a link to a live map"));
    let o = run(&[
        "join",
        "automerge:2j9knpCseyhnK8izDmLpGP5WMdZQ",
        "--server",
        "ws://127.0.0.1:9",
        b.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("ws://127.0.0.1:9"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!b.exists(), "nothing written");
}

#[test]
fn a_client_killed_mid_sync_loses_nothing_of_the_others_nor_its_own_file() {
    let dir = common::scratch("live", "killed");
    let server = Server::start(None);
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    let link = shared_pair(&server, &a, &b);
    edit_file(&a, |_| Edit::SetText { id: "host-state-consent".into(), text: "Ada's words.".into() });
    sync(&server, &a, &link);
    let before = std::fs::read(&b).unwrap();
    edit_file(&b, |m| edit::add_premise(m, "junta-popular", RelationKind::Objection, "Bo's objection.").0);
    let edited = std::fs::read(&b).unwrap();
    // Bo's sync is killed at once (kill -9): his file is what it was, whole.
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["sync", b.to_str().unwrap(), "--link", &link, "--server", &server.url])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let now = std::fs::read(&b).unwrap();
    assert!(now == edited || load(&b).statements().any(|s| s.text == "Ada's words."), "a whole file");
    assert_ne!(now, before);
    // Ada's work is on the server; Bo syncs again and both have everything.
    for map in [&b, &a] {
        sync(&server, map, &link);
    }
    let (ma, mb) = (load(&a), load(&b));
    assert_eq!(argmap::io::to_ron_string(&ma), argmap::io::to_ron_string(&mb));
    assert_eq!(text(&ma, "host-state-consent"), "Ada's words.");
    assert!(ma.statements().any(|s| s.text == "Bo's objection."));
}
