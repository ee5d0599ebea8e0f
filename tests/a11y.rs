//! What a screen reader meets (issue 23), through egui's accessibility tree as AccessKit hands it
//! to the platform: the selected statement has the focus, so moving the selection announces it;
//! each statement says how it relates; the map, the in-map editor and the branch toggles are
//! named; a statement added and kept keeps the focus.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::ui::{App, Settings, box_id};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

#[allow(dead_code)] // the scratch folders are for the tests that write files
mod common;

fn shipped() -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(None, Settings::default()));
    h.run_steps(3);
    h
}

/// The accessible name of the node with the keyboard focus.
fn focused(h: &Harness<'_, App>) -> String {
    let node = h.get(By::new().predicate(|n| n.is_focused()));
    node.accesskit_node().label().unwrap_or_default()
}

#[test]
fn moving_the_selection_moves_the_focus_and_says_how_the_statement_relates() {
    let mut h = shipped();
    assert_eq!(h.state().view().selected.as_ref().unwrap().as_str(), "cooperate-with-transition");
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    let selected = h.state().view().selected.clone().unwrap();
    assert_eq!(selected.as_str(), "host-state-consent");
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(box_id(&selected)));
    assert!(focused(&h).starts_with("reason: Host-state consent is a core tenet"), "{}", focused(&h));
    // It says what it supports; the objection to an objection says it rebuts.
    let node = h.get_by_label_contains("reason: Host-state consent is a core tenet");
    let description = node.accesskit_node().description().unwrap_or_default();
    assert!(description.starts_with("supports: MINUSMA should keep cooperating closely"), "{description}");
    let rebuttal = h.get_by_label_contains("rebuttal: MINUSMA does not itself conduct");
    let description = rebuttal.accesskit_node().description().unwrap_or_default();
    assert!(description.starts_with("rebuts: MINUSMA enables counter-terrorism"), "{description}");
    let co = h.get_by_label_contains("reason: MINUSMA's mandate makes helping");
    let description = co.accesskit_node().description().unwrap_or_default();
    assert!(description.contains("(together with: In practice, extending state authority"), "{description}");
    // The arrow keys keep moving the selection, not egui's focus on its own.
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    let next = h.state().view().selected.clone().unwrap();
    assert_ne!(next, selected);
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(box_id(&next)));
}

#[test]
fn the_map_the_editor_and_the_branch_toggles_are_named() {
    let mut h = shipped();
    h.get(
        By::new()
            .role(egui::accesskit::Role::Canvas)
            .label_contains("The map: Should MINUSMA keep cooperating"),
    );
    h.get_by_label_contains("Collapse the branch of “In the short term cooperation is the pragmatic");
    // A counter-claim added with -, typed and kept: the editor says what it is for, and the new
    // objection has the focus afterwards.
    h.key_press(Key::Minus);
    h.run_steps(2);
    h.get(
        By::new()
            .role(egui::accesskit::Role::MultilineTextInput)
            .label_contains("New objection to: MINUSMA should keep cooperating closely"),
    );
    common::ui::type_and_enter(&mut h, "The mission cannot stay neutral.");
    h.run_steps(2);
    let selected = h.state().view().selected.clone().unwrap();
    assert_eq!(h.state().doc().map().statement(&selected).unwrap().text, "The mission cannot stay neutral.");
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(box_id(&selected)));
    assert!(focused(&h).starts_with("objection: The mission cannot stay neutral."), "{}", focused(&h));
}

#[test]
fn focusing_a_box_with_tab_selects_it() {
    let mut h = shipped();
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    let before = h.state().view().selected.clone().unwrap();
    // Tab goes on through the box's branch toggle to the next statement's box.
    for _ in 0..2 {
        h.key_press(Key::Tab);
        h.run_steps(3);
    }
    assert!(focused(&h).starts_with("reason: "), "{}", focused(&h));
    let after = h.state().view().selected.clone().unwrap();
    assert_ne!(before, after, "Tab went on to another statement");
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(box_id(&after)), "the focus and the selection stay one");
}

#[test]
fn menus_are_menu_items_with_their_shortcuts_and_take_the_keyboard_when_opened() {
    let mut h = shipped();
    h.get(By::new().role(egui::accesskit::Role::Button).label("File")).click();
    h.run_steps(3);
    let new = h.get(By::new().role(egui::accesskit::Role::MenuItem).label("New"));
    assert_eq!(new.accesskit_node().data().keyboard_shortcut(), Some("Ctrl+N"));
    assert!(new.accesskit_node().is_focused(), "the opened menu has the keyboard at its first item");
    h.get(By::new().role(egui::accesskit::Role::MenuItem).label("Save As…"));
}

#[test]
fn leaving_search_gives_the_focus_back_to_the_found_statement() {
    let mut h = shipped();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("Barkhane".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    let selected = h.state().view().selected.clone().unwrap();
    assert!(h.state().doc().map().statement(&selected).unwrap().text.contains("Barkhane"), "{selected}");
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(box_id(&selected)), "the found statement has the focus");
}
