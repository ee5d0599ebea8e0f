//! Live sessions in the app (issue 37): two windows, driven headless through egui_kittest,
//! joined to one map through a real `argmap serve` by the File menu's dialogs: a reason added in
//! one appears in the other, each sees what the other has selected, and Ctrl+Z undoes only
//! one's own edit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui::{self, Key, Modifiers};
use argmap::ui::{App, Settings};
use common::server::Server;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};

mod common;

type Window = Harness<'static, App>;

fn window() -> Window {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(None, Settings::default()));
    h.run_steps(3);
    h
}

/// Runs frames of both windows (the network works meanwhile) until `done` says yes, at most 30 s.
fn until(a: &mut Window, b: &mut Window, what: &str, done: impl Fn(&Window, &Window) -> bool) {
    let began = Instant::now();
    while !done(a, b) {
        assert!(began.elapsed() < Duration::from_secs(30), "waited 30 s for {what}");
        a.run_steps(1);
        b.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Types `text` into the dialog's field labelled `label`, in place of what it held.
fn fill(h: &mut Window, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(2);
}

fn texts(h: &Window) -> Vec<String> {
    h.state().doc().map().statements().map(|s| s.text.clone()).collect()
}

#[test]
fn two_windows_share_a_live_map_see_each_other_and_undo_their_own() {
    let server = Server::start(None);
    let (mut ada, mut ben) = (window(), window());
    // Ada shares the shipped map.
    common::ui::menu(&mut ada, &["File", "Share live…"]);
    fill(&mut ada, "Sync server", &server.url);
    fill(&mut ada, "Your name", "Ada");
    ada.get_by_label("Share").click();
    until(&mut ada, &mut ben, "the link", |a, _| a.state().live_link().is_some());
    let link = ada.state().live_link().unwrap().to_owned();
    ada.run_steps(2);
    ada.get_by_label("Copy link");
    ada.get_by_label("Close").click();
    ada.run_steps(2);
    // Ben joins it by its link.
    common::ui::menu(&mut ben, &["File", "Join live…"]);
    fill(&mut ben, "Link", &link);
    fill(&mut ben, "Sync server", &server.url);
    fill(&mut ben, "Your name", "Ben");
    ben.get_by_label("Join").click();
    until(&mut ada, &mut ben, "Ben's copy", |a, b| texts(a) == texts(b));
    assert!(ben.state().doc().path().is_none(), "a joined map is saved where its user says");
    // Ada adds a reason to the claim: it appears in Ben's window.
    common::ui::select(&mut ada, "cooperate-with-transition");
    ada.key_press(Key::Plus);
    common::ui::type_and_enter(&mut ada, "A reason from Ada.");
    until(&mut ada, &mut ben, "Ada's reason in Ben's window", |_, b| {
        texts(b).iter().any(|t| t == "A reason from Ada.")
    });
    // Ben selects a statement: Ada's window rings it in Ben's colour and names him.
    common::ui::select(&mut ben, "precedent");
    until(&mut ada, &mut ben, "Ben's selection in Ada's window", |a, _| {
        a.state().live_people().iter().any(|p| p.name == "Ben" && p.selected == ["precedent".into()])
    });
    ada.run_steps(2); // the frame after the news draws it
    ada.get_by_label_contains("(Ben has it selected)");
    ada.get_by_label_contains("Live with Ben");
    // Ben adds an objection of his own, then presses Ctrl+Z twice: his objection goes (in
    // both windows); Ada's reason stays, it is not his to undo.
    ben.key_press(Key::Minus);
    common::ui::type_and_enter(&mut ben, "An objection from Ben.");
    until(&mut ada, &mut ben, "Ben's objection in Ada's window", |a, _| {
        texts(a).iter().any(|t| t == "An objection from Ben.")
    });
    ben.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    ben.run_steps(2);
    ben.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    ben.run_steps(2);
    until(&mut ada, &mut ben, "Ben's undo in Ada's window", |a, b| {
        !texts(a).iter().any(|t| t == "An objection from Ben.") && texts(a) == texts(b)
    });
    assert!(texts(&ben).iter().any(|t| t == "A reason from Ada."), "{:?}", texts(&ben));
    assert!(ben.state().doc().is_dirty(), "the map changed since Ben last saved (never)");
}
