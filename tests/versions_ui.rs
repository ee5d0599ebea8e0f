//! Versions in the app (issue 21), driven headless through egui_kittest: a merge's conflict
//! shown on the map and settled with one click; the map compared with its last saved version
//! and with another file, its changes coloured, ghosts hung, listed and stepped through.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::{self, Edit};
use argmap::egui;
use argmap::io;
use argmap::model::{ArgumentMap, RelationKind};
use argmap::ui::{App, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

mod common;

fn shipped() -> ArgumentMap {
    io::load_str(argmap::MINUSMA_RON, "m").unwrap()
}

fn app_on(file: &Path, settings: Settings) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(Some(file.to_path_buf()), settings));
    h.run_steps(3);
    h
}

/// The shipped map merged from two sides that reworded `precedent` differently, saved at `file`.
fn conflicted(file: &Path) {
    let base = shipped();
    let retext = |text: &str| {
        let mut m = base.clone();
        edit::apply(&mut m, Edit::SetText { id: "precedent".into(), text: text.into() }).unwrap();
        m
    };
    let merged = argmap::versions::merge(&base, &retext("Our wording."), &retext("Their wording."));
    io::save_plain(&merged.map, file).unwrap();
}

#[test]
fn a_merge_conflict_shows_on_the_map_and_one_click_settles_it() {
    let dir = common::scratch("versions-ui", "conflict");
    let file = dir.join("merged.ron");
    conflicted(&file);
    let mut h = app_on(&file, Settings::default());
    // The box says it, and so does its tag.
    let label =
        h.get_by_label_contains("(conflict from a merge: its text)").accesskit_node().label().unwrap();
    assert!(label.contains("Our wording."), "{label}");
    h.get_by_label("Conflict from a merge, its text: Our wording.").click();
    h.run_steps(2);
    assert_eq!(h.state().view().selected.as_ref().map(|s| s.as_str()), Some("precedent"));
    // The inspector shows both versions side by side.
    h.get_by_label("Their wording.");
    h.get_by_label("Keep theirs").click();
    h.run_steps(2);
    let map = h.state().doc().map();
    assert_eq!(map.statement("precedent").unwrap().text, "Their wording.");
    assert!(map.conflicts().is_empty());
    assert!(h.query_by_label_contains("conflict from a merge").is_none(), "the tag is gone");
    // One step back: the conflict again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().conflicts().len(), 1);
    assert_eq!(h.state().doc().map().statement("precedent").unwrap().text, "Our wording.");
}

#[test]
fn saving_with_an_unresolved_conflict_warns_and_keeps_it() {
    let dir = common::scratch("versions-ui", "save");
    let file = dir.join("merged.ron");
    conflicted(&file);
    let mut h = app_on(&file, Settings::default());
    h.key_press(Key::R); // any change, so that Ctrl+S writes
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(h.state().status().contains("1 unresolved conflict from a merge"), "{}", h.state().status());
    assert_eq!(io::load_path(&file).unwrap().conflicts().len(), 1, "the file keeps both versions");
}

#[test]
fn comparing_with_the_last_saved_version_colours_lists_and_steps_through_the_changes() {
    let dir = common::scratch("versions-ui", "compare");
    let file = dir.join("minusma.ron");
    io::save_plain(&shipped(), &file).unwrap();
    let mut h = app_on(&file, Settings::default());
    // On the canvas: an objection added to the claim, a statement deleted, the claim reworded.
    h.key_press(Key::Minus);
    h.run_steps(1);
    common::ui::type_and_enter(&mut h, "An objection added since the save.");
    let claim = "cooperate-with-transition";
    common::ui::select(&mut h, claim);
    h.key_press(Key::F2);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("MINUSMA should keep cooperating, for now.".into()));
    h.key_press(Key::Enter);
    h.run_steps(2);
    common::ui::select(&mut h, "junta-open");
    h.key_press(Key::Delete);
    h.run_steps(2);
    let map = h.state().doc().map();
    assert_eq!(map.statement(claim).unwrap().text, "MINUSMA should keep cooperating, for now.");
    assert!(!map.contains("junta-open"));
    common::ui::menu(&mut h, &["File", "Compare with last saved"]);
    h.get_by_label("Changes");
    let said =
        |h: &Harness<'_, App>, what: &str| h.get_by_label_contains(what).accesskit_node().label().unwrap();
    // The count says as many changes as the diff finds, in words ("1 change", "3 changes").
    let saved = io::load_path(&file).unwrap();
    let n = argmap::versions::diff(&saved, h.state().doc().map()).changes.len();
    let s = if n == 1 { "" } else { "s" };
    h.get_by_label_contains(&format!("; {n} change{s} in all"));
    assert!(said(&h, "(added since the last saved version)").contains("An objection added since the save."));
    assert!(said(&h, "(reworded since the last saved version)").contains("for now."));
    // The deleted statement hangs as a ghost from the statement it hung from.
    h.get_by_label_contains("(1 removed from under it since the last saved version)");
    h.get_by_label("Removed the reason \u{201c}The junta (CNSP) seems open to consultation\u{201d}.");
    // The rewording in words struck through and put in, not markup; no ids.
    let reworded = said(&h, "Reworded: ");
    assert!(!reworded.contains("[-") && !reworded.contains("{+"), "{reworded}");
    assert!(h.query_by_label_contains("junta-open").is_none(), "statements named by their words");
    // F8 steps through them, selecting each statement.
    let mut seen = Vec::new();
    for _ in 0..3 {
        h.key_press(Key::F8);
        h.run_steps(2);
        seen.push(h.state().view().selected.clone().unwrap().to_string());
        // The status line says the change in words too.
        let status = &h.state().status();
        assert!(
            status.starts_with("Change ") && !status.contains("junta-open") && !status.contains("[-"),
            "{status}"
        );
    }
    assert!(seen.contains(&claim.to_string()), "{seen:?}");
    assert!(seen.contains(&"pragmatic-short-term".to_string()), "the ghost's parent: {seen:?}");
    // The comparison follows the map: undoing the rewording takes it off the list.
    h.key_press(Key::Escape);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.query_by_label_contains("reworded since the last saved version").is_none());
    h.get_by_label("Stop comparing").click();
    h.run_steps(2);
    assert!(h.state().comparison().is_none());
}

#[test]
fn compare_with_another_file_through_the_dialog() {
    let dir = common::scratch("versions-ui", "other");
    let (mine, theirs) = (dir.join("mine.ron"), dir.join("theirs.ron"));
    io::save_plain(&shipped(), &mine).unwrap();
    let mut other = shipped();
    let (e, _) = edit::add_premise(&other, "precedent", RelationKind::Objection, "Only in the other file.");
    edit::apply(&mut other, e).unwrap();
    io::save_plain(&other, &theirs).unwrap();
    let settings =
        Settings { builtin_dialogs: true, last_folder: Some(dir.to_path_buf()), ..Settings::default() };
    let mut h = app_on(&mine, settings);
    common::ui::menu(&mut h, &["File", "Compare with…"]);
    common::ui::choose_in_dialog(&mut h, &theirs.display().to_string());
    let c = h.state().comparison().expect("comparing");
    assert_eq!(c.against, "theirs.ron");
    // What only the other file has is what this map lacks: a ghost under `precedent`.
    h.get_by_label_contains("(1 removed from under it since theirs.ron)");
}

/// One change is counted as one ("1 change", not "1 changes"), in the pane and the status line.
#[test]
fn one_change_is_said_in_the_singular() {
    let dir = common::scratch("versions-ui", "one-change");
    let file = dir.join("minusma.ron");
    io::save_plain(&shipped(), &file).unwrap();
    let mut h = app_on(&file, Settings::default());
    h.key_press(Key::Minus);
    h.run_steps(1);
    common::ui::type_and_enter(&mut h, "One objection added since the save.");
    common::ui::menu(&mut h, &["File", "Compare with last saved"]);
    h.get_by_label_contains("; 1 change in all");
    assert!(h.state().status().ends_with(": 1 change."), "{}", h.state().status());
}
