//! Live maps over a real sync server: `argmap serve` in its own process, clients on the app's
//! code (`argmap share`, `join`, `sync`), maps edited on both sides and brought together.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::{self, Edit};
use argmap::live::session::{Event, Session, Start};
use argmap::model::{ArgumentMap, ConflictField, RelationKind};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;

const MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron");

use common::server::Server;

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

/// A person in a live session on the app's own path: their map and its undo history (their
/// edits are steps; others' arrive through `History::remote`), and their session.
struct Member {
    map: ArgumentMap,
    /// The map last read from the shared document.
    last: Option<ArgumentMap>,
    history: edit::History,
    session: Session,
}

impl Member {
    fn share(server: &Server, map: ArgumentMap, name: &str) -> (Self, String) {
        let session = Session::start(&server.url, Start::Share(Arc::new(map.clone())), name, || {});
        let mut m = Self { map, last: None, history: edit::History::default(), session };
        let link = m.wait(|_, e| match e {
            Event::Joined { link } => Some(link.clone()),
            _ => None,
        });
        (m, link)
    }

    fn join(server: &Server, link: &str, name: &str) -> Self {
        let session = Session::start(&server.url, Start::Join(link.to_owned()), name, || {});
        let mut m =
            Self { map: ArgumentMap::default(), last: None, history: edit::History::default(), session };
        m.wait(|_, e| matches!(e, Event::Arrived(_)).then_some(()));
        m
    }

    /// Takes in what the session says, as the app does; true if a map arrived.
    fn take(&mut self, event: &Event) -> bool {
        match event {
            Event::Arrived(a) if self.map.statement_count() == 0 => {
                self.last = Some(a.map.clone());
                self.map = a.map.clone();
                self.session.took(a);
                true
            }
            Event::Arrived(a) => {
                self.last = Some(a.map.clone());
                let e = edit::reconcile_all(&self.map, &a.map);
                self.history.remote(&mut self.map, e).unwrap();
                self.session.took(a);
                true
            }
            Event::Failed(why) => panic!("the session ended: {why}"),
            _ => false,
        }
    }

    /// Polls until `want` says yes to an event (each event taken in first), at most 30 s.
    fn wait<T>(&mut self, mut want: impl FnMut(&Self, &Event) -> Option<T>) -> T {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            for event in self.session.poll() {
                self.take(&event);
                if let Some(t) = want(self, &event) {
                    return t;
                }
            }
            assert!(Instant::now() < until, "waited 30 s");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Takes in what has arrived, without waiting.
    fn poll(&mut self) {
        for event in self.session.poll() {
            self.take(&event);
        }
    }

    /// An edit of this person's, sent to the others.
    fn edit(&mut self, e: Edit, label: &str) -> bool {
        let done = self.history.apply(&mut self.map, e, label).is_ok();
        if done {
            self.session.edited(Arc::new(self.map.clone()));
        }
        done
    }

    fn undo(&mut self) -> Option<String> {
        let undone = self.history.undo(&mut self.map).ok().flatten();
        if undone.is_some() {
            self.session.edited(Arc::new(self.map.clone()));
        }
        undone
    }
}

/// Everything a map says, whatever its order and relation ids.
fn said(map: &ArgumentMap) -> Vec<String> {
    let mut out: Vec<String> = map
        .statements()
        .map(|s| format!("{s:?} {:?} {:?}", map.mark(&s.id), map.group_of(&s.id)))
        .chain(map.relations().map(|(_, r)| {
            let to = match &r.conclusion {
                argmap::model::Target::Relation(t) => format!("{:?}", map.relation(*t).map(|t| &t.premises)),
                s => format!("{s:?}"),
            };
            format!("{:?} {:?} {to} {:?} {:?} {:?}", r.kind, r.premises, r.label, r.rating, r.doubted)
        }))
        .collect();
    out.sort();
    out.push(format!("{:?} {:?}", map.title, map.groups()));
    out
}

/// Polls every member until all their maps say the same, at most 60 s.
fn settle(members: &mut [Member]) {
    let until = Instant::now() + Duration::from_secs(300);
    let began = Instant::now();
    loop {
        for m in members.iter_mut() {
            m.poll();
        }
        let first = said(&members[0].map);
        if members.iter().all(|m| said(&m.map) == first) {
            // Still the same a moment later: nothing was on its way.
            std::thread::sleep(Duration::from_millis(300));
            for m in members.iter_mut() {
                m.poll();
            }
            if members.iter().all(|m| said(&m.map) == first) {
                eprintln!("settled in {:?}", began.elapsed());
                return;
            }
        }
        if Instant::now() >= until {
            let first = said(&members[0].map);
            for (i, m) in members.iter().enumerate().skip(1) {
                let other = said(&m.map);
                let only0: Vec<_> = first.iter().filter(|l| !other.contains(l)).collect();
                let only: Vec<_> = other.iter().filter(|l| !first.contains(l)).collect();
                eprintln!("member 0 only: {}, member {i} only: {}", only0.len(), only.len());
                eprintln!("{:#?}", only0.iter().take(4).collect::<Vec<_>>());
                eprintln!("{:#?}", only.iter().take(4).collect::<Vec<_>>());
            }
            for m in members.iter() {
                let l = m.last.as_ref().unwrap();
                eprintln!(
                    "map {} statements, last read {} statements, same: {}",
                    m.map.statement_count(),
                    l.statement_count(),
                    said(l) == said(&m.map)
                );
            }
            panic!("the maps never became the same");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_live_session_carries_each_persons_edits_and_selection_and_undo_is_ones_own() {
    let server = Server::start(None);
    let (mut ada, link) = Member::share(&server, load(Path::new(MAP)), "Ada");
    let mut ben = Member::join(&server, &link, "Ben");
    assert_eq!(said(&ben.map), said(&ada.map), "Ben joins the map Ada shared");
    // Ben adds a reason; Ada sees it.
    let (e, id) =
        edit::add_premise(&ben.map, "cooperate-with-transition", RelationKind::Support, "Ben's reason.");
    assert!(ben.edit(e, "add reason"));
    ada.wait(|m, _| m.map.contains(&id).then_some(()));
    // Ada rewords a statement; Ben sees it. Ada's Ctrl+Z takes back her rewording only.
    let e = Edit::SetText { id: "precedent".into(), text: "Ada's wording.".into() };
    assert!(ada.edit(e, "edit text"));
    ben.wait(|m, _| (text(&m.map, "precedent") == "Ada's wording.").then_some(()));
    assert_eq!(ada.undo().as_deref(), Some("edit text"));
    assert_eq!(ada.undo(), None, "Ben's reason is not Ada's to undo");
    assert!(ada.map.contains(&id));
    ben.wait(|m, _| (text(&m.map, "precedent") != "Ada's wording.").then_some(()));
    assert!(ben.map.contains(&id), "Ben's reason stays with him");
    // Ben selects a statement: Ada sees who and which.
    ben.session.select(vec!["precedent".into()]);
    let seen = ada.wait(|_, e| match e {
        Event::People(p) => p.iter().find(|p| p.selected == ["precedent".into()]).cloned(),
        _ => None,
    });
    assert_eq!(seen.name, "Ben");
    settle(&mut [ada, ben]);
}

#[test]
fn a_thousand_random_edits_from_three_people_end_in_one_map() {
    use proptest::strategy::{Strategy, ValueTree};
    let server = Server::start(None);
    let (ada, link) = Member::share(&server, argmap::synth::generate(30, 9), "Ada");
    let mut people = [ada, Member::join(&server, &link, "Ben"), Member::join(&server, &link, "Chloe")];
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let who = (0usize..3, 0u8..8, common::steps::step());
    let steps = proptest::collection::vec(who, 1000).new_tree(&mut runner).unwrap().current();
    let mut made = 0;
    let began = Instant::now();
    for (n, (w, pause, step)) in steps.iter().enumerate() {
        let p = &mut people[*w];
        // Now and then a person takes in what arrived before their next edit; mostly they edit
        // on, as people do while the network carries the others' edits.
        if *pause == 0 {
            p.poll();
        }
        made += usize::from(match step {
            common::steps::Step::Undo => p.undo().is_some(),
            common::steps::Step::Redo => false,
            s => common::steps::edit_of(&p.map, s).is_some_and(|e| p.edit(e, &format!("step {n}"))),
        });
    }
    assert!(made > 500, "{made} of 1,000 steps were edits");
    eprintln!("1,000 steps made in {:?}", began.elapsed());
    settle(&mut people);
    for p in &people {
        p.map.validate().unwrap();
    }
}

#[test]
fn the_stock_automerge_repo_sync_server_serves_live_sessions_too() {
    let dir = common::scratch("live", "stock");
    let server = match Server::stock(&dir) {
        Ok(s) => s,
        Err(why) => {
            assert!(common::lacks("automerge-repo-sync-server", Some(why)));
            return;
        }
    };
    let (mut ada, link) = Member::share(&server, load(Path::new(MAP)), "Ada");
    let mut ben = Member::join(&server, &link, "Ben");
    assert_eq!(said(&ben.map), said(&ada.map));
    let (e, id) = edit::add_premise(&ben.map, "precedent", RelationKind::Objection, "Ben's objection.");
    assert!(ben.edit(e, "add objection"));
    ada.wait(|m, _| m.map.contains(&id).then_some(()));
    let e = Edit::SetText { id: "precedent".into(), text: "Ada's wording.".into() };
    assert!(ada.edit(e, "edit text"));
    ben.wait(|m, _| (text(&m.map, "precedent") == "Ada's wording.").then_some(()));
    // Presence goes through it as well.
    ben.session.select(vec!["precedent".into()]);
    let seen = ada.wait(|_, e| match e {
        Event::People(p) => p.iter().find(|p| p.selected == ["precedent".into()]).cloned(),
        _ => None,
    });
    assert_eq!(seen.name, "Ben");
    // And the command line's copies too.
    let file = dir.join("joined.ron");
    argmap(&["join", &link, "--server", &server.url, file.to_str().unwrap()]);
    assert_eq!(text(&load(&file), "precedent"), "Ada's wording.");
    assert!(load(&file).contains(&id));
}

/// Ada shares the shipped map and Ben joins it through a server keeping its maps in `dir`; then
/// the server stops, and Ada's session has noticed. Returns where to start it again, and the two.
fn apart(dir: &Path) -> (String, Member, Member) {
    let url = Server::start(Some(dir)).url.clone(); // a free port, let go again
    let listen = url.trim_start_matches("ws://").to_owned();
    let server = Server::at(&listen, Some(dir));
    let (mut ada, link) = Member::share(&server, load(Path::new(MAP)), "Ada");
    let ben = Member::join(&server, &link, "Ben");
    drop(server);
    ada.wait(|_, e| matches!(e, Event::Connected(false)).then_some(()));
    (listen, ada, ben)
}

#[test]
fn edits_made_while_the_server_is_down_merge_when_it_is_back() {
    let dir = common::scratch("live", "reconnect");
    let (listen, mut ada, mut ben) = apart(&dir);
    // Both edit while the server is down: their maps take the edits at once.
    let e = Edit::SetText { id: "precedent".into(), text: "Ada's wording, offline.".into() };
    assert!(ada.edit(e, "edit text"));
    let (e, id) =
        edit::add_premise(&ben.map, "precedent", RelationKind::Objection, "Ben's objection, offline.");
    assert!(ben.edit(e, "add objection"));
    let _server = Server::at(&listen, Some(&dir));
    ada.wait(|_, e| matches!(e, Event::Connected(true)).then_some(()));
    let (ada_map, ben_map) = {
        let mut both = [ada, ben];
        settle(&mut both);
        let [a, b] = both;
        (a.map, b.map)
    };
    for map in [&ada_map, &ben_map] {
        assert_eq!(text(map, "precedent"), "Ada's wording, offline.");
        assert!(map.contains(&id), "Ben's offline objection arrived");
    }
}

#[test]
fn two_people_rewording_one_statement_at_once_see_the_same_wording_and_the_conflict() {
    let dir = common::scratch("live", "reword");
    // Neither sees the other's rewording before making theirs: the server is down meanwhile.
    let (listen, mut ada, mut ben) = apart(&dir);
    let reword = |text: &str| Edit::SetText { id: "precedent".into(), text: text.into() };
    assert!(ada.edit(reword("Ada's wording."), "edit text"));
    assert!(ben.edit(reword("Ben's wording."), "edit text"));
    let _server = Server::at(&listen, Some(&dir));
    let mut both = [ada, ben];
    settle(&mut both);
    let [ada, ben] = both;
    assert_eq!(text(&ada.map, "precedent"), text(&ben.map, "precedent"), "one wording everywhere");
    let kept = text(&ada.map, "precedent");
    let other = if kept == "Ada's wording." { "Ben's wording." } else { "Ada's wording." };
    for map in [&ada.map, &ben.map] {
        let c = map.conflicts().iter().find(|c| c.field == ConflictField::Text).expect("a conflict");
        assert_eq!(c.statement.as_str(), "precedent");
        assert_eq!(c.theirs.as_deref(), Some(other), "the other wording is kept in the conflict");
    }
}
