//! The source pane (issue 19), driven headless through egui_kittest: the shipped map's article
//! beside the map, its quoted passages highlighted, a click on one selecting its statement, a
//! selection scrolling to its passage, and the document located once when it is not found.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::ui::{App, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

mod common;
use common::ui::paragraph;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed");

fn harness(settings: Settings) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(None, settings));
    h.run_steps(3);
    h
}

/// The shipped map with the source pane open (Ctrl+D), documents looked for in `folders`.
fn with_pane(folders: Vec<std::path::PathBuf>) -> Harness<'static, App> {
    let mut h = harness(Settings { document_folders: folders, ..Settings::default() });
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(4);
    h
}

/// The shipped article's folder, as the place to look for documents.
fn in_seed(reader: &argmap::sources::Reader) -> argmap::sources::Places<'_> {
    static FOLDERS: std::sync::LazyLock<[std::path::PathBuf; 1]> = std::sync::LazyLock::new(|| [SEED.into()]);
    argmap::sources::Places { beside: None, folders: &*FOLDERS, chosen: &[], reader }
}

fn selected(h: &Harness<'_, App>) -> String {
    h.state().view().selected.as_ref().map(|s| s.to_string()).unwrap_or_default()
}

#[test]
fn the_article_shows_beside_the_map_with_its_passages_highlighted_and_clickable() {
    let mut h = with_pane(vec![SEED.into()]);
    // Paragraphs numbered; the coverage in the status bar.
    h.get_by_label("¶1");
    h.get_by_label("¶13");
    // The title lines are not paragraphs a reader counts.
    assert_eq!(h.get_all_by_label("heading").count(), 2 + 4, "two title lines, a credit line, three footers");
    // In the pane's header and in the status bar.
    assert_eq!(h.get_all_by_label_contains("10 of 13 paragraphs mapped").count(), 2);
    // The claim is selected at start: the pane scrolled to its passage.
    assert_eq!(
        h.state().view().source_scrolled.as_ref().map(|s| s.as_str()),
        Some("cooperate-with-transition")
    );
    // A click on a highlighted passage selects the statement quoting it: paragraph 4 opens with
    // the quote of months-of-protests.
    let para = paragraph(&h, "had gathered to voice frustration");
    para.scroll_to_me();
    h.run_steps(3);
    let at = paragraph(&h, "had gathered to voice frustration").rect().left_top() + egui::vec2(6.0, 6.0);
    h.event(egui::Event::PointerMoved(at));
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    assert_eq!(selected(&h), "months-of-protests");
}

#[test]
fn a_passage_selected_in_the_article_becomes_an_objection_quoting_it() {
    let mut h = with_pane(vec![SEED.into()]);
    assert_eq!(selected(&h), "cooperate-with-transition");
    // Paragraph 1: its first eleven words selected from the keyboard.
    common::ui::select_words(&mut h, "On August 18th, officers", 11);
    h.get_by_label_contains("Selected in ¶1");
    // - makes an objection of the claim quoting it; Enter with nothing typed keeps the quote as
    // its text.
    // As a real keyboard sends it: the key and its text (the text must not reach the paragraph).
    let key = |pressed| egui::Event::Key {
        key: Key::Minus,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    h.event(key(true));
    h.event(egui::Event::Text("-".into()));
    h.event(key(false));
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let map = h.state().doc().map();
    let new = h.state().view().selected.clone().unwrap();
    let s = map.statement(&new).unwrap();
    let source = s.source.as_ref().unwrap();
    assert!(source.quote.starts_with("On August 18th, officers from the Malian armed forces"), "{source:?}");
    assert_eq!(s.text, source.quote, "the quote is its text until the user words it");
    assert_eq!(source.document.as_deref(), Some("cips-2020"));
    assert_eq!(source.at.unwrap().paragraph, 1);
    assert_eq!(source.reference, "CIPS Blog 2020, paragraph 1");
    assert_eq!(map.role(&new), Some(argmap::model::Role::Objection));
    assert_eq!(map.parent_of(&new).map(|p| p.as_str()), Some("cooperate-with-transition"));
    // The new quote is located: the pane highlights it, and check finds it in the article.
    let report = argmap::sources::check(map, &in_seed(&argmap::sources::Reader::InProcess));
    assert!(report.drifted.is_empty(), "{:?}", report.drifted);
}

#[test]
fn a_document_not_found_is_said_plainly_and_located_once() {
    let dir = common::scratch("sources", "locate");
    let settings =
        Settings { builtin_dialogs: true, last_folder: Some(dir.to_path_buf()), ..Settings::default() };
    let mut h = harness(settings);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(3);
    h.get_by_label_contains("mali-coup-un-peacekeepers.txt not found in");
    h.get_by_label("Locate document…").click();
    h.run_steps(3);
    common::ui::choose_in_dialog(&mut h, &format!("{SEED}/mali-coup-un-peacekeepers.txt"));
    assert_eq!(h.state().settings().document_folders.len(), 1, "remembered");
    assert_eq!(h.get_all_by_label_contains("10 of 13 paragraphs mapped").count(), 2);
}

#[test]
fn quotes_the_document_lost_are_named_and_moved_ones_are_put_right_in_one_step() {
    // The article with an editor's note on top (every quote moves down a paragraph) and one
    // sentence reworded (the quote of clear-partners is no longer in it).
    let dir = common::scratch("sources", "drift");
    let article = std::fs::read_to_string(format!("{SEED}/mali-coup-un-peacekeepers.txt")).unwrap();
    let changed = format!("An editor's note.\n\n{article}").replace(
        "On the one hand, it clarifies which key partners",
        "On the one hand, it muddles which key partners",
    );
    std::fs::write(dir.join("mali-coup-un-peacekeepers.txt"), changed).unwrap();
    let mut h = with_pane(vec![dir.to_path_buf()]);
    h.get_by_label_contains("1 quote is no longer in the text");
    // The pane's link (the map's box has the same words).
    h.get(
        By::new().role(egui::accesskit::Role::Link).label_contains("reason: Acceptance of the transitional"),
    )
    .click();
    h.run_steps(3);
    assert_eq!(selected(&h), "clear-partners");
    h.get_by_label("Update the places of 26 quotes found elsewhere in the text").click();
    h.run_steps(4);
    let map = h.state().doc().map();
    let at = map.statement("host-state-consent").unwrap().source.as_ref().unwrap().at.unwrap();
    assert_eq!(at.paragraph, 7, "one paragraph further down, saved");
    let reference = &map.statement("host-state-consent").unwrap().source.as_ref().unwrap().reference;
    assert_eq!(reference, "CIPS Blog 2020, paragraph 7", "its written reference with it");
    assert!(h.query_by_label_contains("found elsewhere in the text").is_none(), "nothing left to update");
    assert_eq!(h.state().doc().history().undo_label(), Some("update quote places"), "one undo step");
}

#[test]
fn a_drifted_quote_is_marked_on_its_box_and_the_mark_opens_the_pane_on_it() {
    // The article with one sentence reworded: the quote of clear-partners is no longer in it.
    let dir = common::scratch("sources", "drift-mark");
    let article = std::fs::read_to_string(format!("{SEED}/mali-coup-un-peacekeepers.txt")).unwrap();
    let changed = article.replace(
        "On the one hand, it clarifies which key partners",
        "On the one hand, it muddles which key partners",
    );
    std::fs::write(dir.join("mali-coup-un-peacekeepers.txt"), changed).unwrap();
    // The pane closed: the map still says which quote drifted.
    let mut h = harness(Settings { document_folders: vec![dir.to_path_buf()], ..Settings::default() });
    h.run_steps(2);
    assert!(!h.state().view().source);
    let marked: Vec<String> = h
        .get_all_by_label_contains("its quote is no longer found in its document")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(marked[0].starts_with("reason: Acceptance of the transitional"), "{marked:?}");
    h.get_by_label_contains("Quote not found: Acceptance of the transitional").click();
    h.run_steps(4);
    assert_eq!(selected(&h), "clear-partners");
    assert!(h.state().view().source, "the pane opened, naming the drifted quote");
    h.get_by_label_contains("1 quote is no longer in the text");
}

#[test]
fn a_new_map_from_a_document_opens_it_beside_an_empty_claim_being_typed() {
    let dir = common::scratch("sources", "new-from");
    let settings =
        Settings { builtin_dialogs: true, last_folder: Some(dir.to_path_buf()), ..Settings::default() };
    let mut h = harness(settings);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("New map from document…").click();
    h.run_steps(3);
    common::ui::choose_in_dialog(&mut h, &format!("{SEED}/mali-coup-un-peacekeepers.txt"));
    let map = h.state().doc().map();
    assert_eq!(map.statement_count(), 1, "an empty claim, being typed");
    assert_eq!(map.documents().len(), 1);
    let document = &map.documents()[0];
    assert_eq!(document.file.as_deref(), Some("mali-coup-un-peacekeepers.txt"));
    assert_eq!(map.title, document.title, "the map is titled after the document");
    assert!(h.state().view().source, "the document open beside the map");
    assert_eq!(h.get_all_by_label_contains("0 of 13 paragraphs mapped").count(), 2);
    h.event(egui::Event::Text("The UN should keep working with the junta.".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let map = h.state().doc().map();
    let claim = map.claims().next().unwrap();
    assert_eq!(claim.text, "The UN should keep working with the junta.");
    assert_eq!(h.state().doc().path(), None, "a new map, not yet saved");
}

#[test]
fn a_document_that_cannot_be_read_leaves_the_open_map_as_it_was() {
    let dir = common::scratch("sources", "new-from-broken");
    std::fs::write(dir.join("report.pdf"), b"%PDF-1.7\nnot really").unwrap();
    let settings =
        Settings { builtin_dialogs: true, last_folder: Some(dir.to_path_buf()), ..Settings::default() };
    let mut h = harness(settings);
    let before = h.state().doc().map().statement_count();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run_steps(3);
    common::ui::choose_in_dialog(&mut h, &dir.join("report.pdf").display().to_string());
    let error = h.state().error().unwrap_or_default().to_owned();
    assert!(error.contains("report.pdf") && error.contains("the current map stays open"), "{error}");
    assert_eq!(h.state().doc().map().statement_count(), before);
}

#[test]
fn opening_the_pane_keeps_the_selected_statement_in_view() {
    // The pane narrows the canvas a lot: the arrangement the user sees stays (issue 31), and the
    // selection stays on screen.
    // The window's size as it first opens on a desktop.
    let settings = Settings { document_folders: vec![SEED.into()], ..Settings::default() };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(None, settings));
    h.run_steps(3);
    let box_of = |h: &Harness<'_, App>| {
        h.get(
            By::new()
                .role(egui::accesskit::Role::Button)
                .label_contains("reason: Acceptance of the transitional"),
        )
        .rect()
    };
    common::ui::select(&mut h, "clear-partners");
    h.run_steps(1);
    let canvas = h.state().canvas_rect().unwrap();
    assert!(canvas.contains(box_of(&h).center()), "shown before: {:?} in {canvas:?}", box_of(&h));
    let before = h.state().derived().map(|d| d.layout.arrangement);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(4);
    assert_eq!(h.state().derived().map(|d| d.layout.arrangement), before, "the same arrangement");
    let canvas = h.state().canvas_rect().unwrap();
    assert!(canvas.contains_rect(box_of(&h)), "shown after: {:?} in {canvas:?}", box_of(&h));
    // Closing it again keeps it too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(4);
    assert_eq!(h.state().derived().map(|d| d.layout.arrangement), before);
    let canvas = h.state().canvas_rect().unwrap();
    assert!(canvas.contains_rect(box_of(&h)), "shown after closing: {:?} in {canvas:?}", box_of(&h));
}

#[test]
fn issue32_a_document_is_read_off_the_ui_thread_and_reading_it_can_be_cancelled() {
    // A page of 100,000 nested elements: its reader takes minutes (quadratic in the nesting).
    let dir = common::scratch("sources", "cancel");
    let nested = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    std::fs::write(dir.join("nested.html"), nested).unwrap();
    let map = dir.join("map.ron");
    std::fs::write(&map, argmap::MINUSMA_RON.replace("mali-coup-un-peacekeepers.txt", "nested.html"))
        .unwrap();
    let limits = argmap::sources::Limits { seconds: 60.0, megabytes: 512 };
    let reader = argmap::sources::Reader::Isolated { program: env!("CARGO_BIN_EXE_argmap").into(), limits };
    let app = App::start(Some(map), Settings::default()).reading_with(reader);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    // Frames go on while it is read: the map can be used meanwhile.
    for _ in 0..10 {
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.get_by_label_contains("nested.html…");
    assert!(h.state().documents().reading().is_some(), "still reading");
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    assert_ne!(selected(&h), "cooperate-with-transition", "the map answers the keyboard while it reads");
    h.get_by_label("Cancel").click();
    let mut cancelled = false;
    for _ in 0..250 {
        h.run_steps(1);
        if h.query_by_label_contains("reading it was cancelled").is_some() {
            cancelled = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(cancelled, "the pane says reading was cancelled");
    assert!(h.state().documents().reading().is_none());
    h.get_by_label("Read again");
}
