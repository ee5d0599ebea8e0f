//! The source pane (issue 19), driven headless through egui_kittest: the shipped map's article
//! beside the map, its quoted passages highlighted, a click on one selecting its statement, a
//! selection scrolling to its passage, and the document located once when it is not found.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::ui::{App, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

mod common;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed");

fn harness(settings: Settings) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(None, settings));
    h.run_steps(3);
    h
}

fn selected(h: &Harness<'_, App>) -> String {
    h.state().view.selected.as_ref().map(|s| s.to_string()).unwrap_or_default()
}

#[test]
fn the_article_shows_beside_the_map_with_its_passages_highlighted_and_clickable() {
    let settings = Settings { document_folders: vec![SEED.into()], ..Settings::default() };
    let mut h = harness(settings);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(4);
    // Paragraphs numbered; the coverage in the status bar.
    h.get_by_label("¶1 ");
    h.get_by_label("¶19 ");
    // In the pane's header and in the status bar.
    assert_eq!(h.get_all_by_label_contains("10 of 19 paragraphs mapped").count(), 2);
    // The claim is selected at start: the pane scrolled to its passage.
    assert_eq!(
        h.state().view.source_scrolled.as_ref().map(|s| s.as_str()),
        Some("cooperate-with-transition")
    );
    // A click on a highlighted passage selects the statement quoting it.
    h.get_by_label_contains("Host state").scroll_to_me();
    h.run_steps(3);
    h.get_by_label_contains("Host state").click();
    h.run_steps(3);
    assert_eq!(selected(&h), "host-state-consent");
    // Two statements quote the same sentence: clicking it again and again selects each in turn.
    let shared = "especially given that the CNSP";
    h.get_by_label_contains(shared).scroll_to_me();
    h.run_steps(3);
    h.get_by_label_contains(shared).click();
    h.run_steps(3);
    let first = selected(&h);
    h.get_by_label_contains(shared).click();
    h.run_steps(3);
    let second = selected(&h);
    assert_ne!(first, second);
    assert!([first.as_str(), second.as_str()].iter().all(|s| ["junta-open", "junta-popular"].contains(s)));
    // Paragraph 1 (the title) is quoted by nothing: marked as not mapped on hover.
    assert!(h.query_by_label("¶1 ").is_some());
}

#[test]
fn a_document_not_found_is_said_plainly_and_located_once() {
    let dir = common::scratch("sources", "locate");
    let settings =
        Settings { builtin_dialogs: true, last_folder: Some(dir.to_path_buf()), ..Settings::default() };
    let mut h = harness(settings);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(3);
    h.get_by_label_contains("mali-coup-un-peacekeepers.txt was not found");
    h.get_by_label("Locate document…").click();
    h.run_steps(3);
    // The built-in dialog: the article's whole path typed as the file name.
    // The file name field (empty; the other holds the folder).
    let field = h.get(
        By::new().role(egui::accesskit::Role::TextInput).predicate(|n| n.value().as_deref() == Some("")),
    );
    field.click();
    h.run_steps(2);
    h.event(egui::Event::Text(format!("{SEED}/mali-coup-un-peacekeepers.txt")));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert_eq!(h.state().settings.document_folders.len(), 1, "remembered");
    assert_eq!(h.get_all_by_label_contains("10 of 19 paragraphs mapped").count(), 2);
}
