//! The real app, driven headless through egui_kittest: find widgets by their labels, click,
//! type, press keys, and check the map and what the screen says.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::model::{RelationKind, Role};
use argmap::ui::{App, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

mod common;
use common::ui::{menu, type_and_enter, until_exported};

/// A fresh folder for one test's files, removed when the test ends.
fn scratch(name: &str) -> common::Scratch {
    common::scratch("ui", name)
}

/// The inspector's link whose text starts with `text`.
fn link<'t>(h: &'t Harness<'_, App>, text: &'t str) -> egui_kittest::Node<'t> {
    h.get(By::new().role(egui::accesskit::Role::Link).label_contains(text))
}

const ROOT: &str = "cooperate-with-transition";

fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_steps(3);
    h
}

fn shipped() -> Harness<'static, App> {
    harness(App::start(None, Settings::default()))
}

fn selected(h: &Harness<'_, App>) -> String {
    h.state().view().selected.as_ref().map(|s| s.to_string()).unwrap_or_default()
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The shipped map, with argmap's own file dialog opening in `dir` (what a user without a
/// desktop dialog sees; File ▸ Use argmap's own file dialog).
fn shipped_in(dir: &std::path::Path) -> Harness<'static, App> {
    harness(App::start(None, in_folder(dir)))
}

/// Settings whose file dialog is argmap's own and opens in `dir`.
fn in_folder(dir: &std::path::Path) -> Settings {
    Settings { last_folder: Some(dir.to_path_buf()), builtin_dialogs: true, ..Settings::default() }
}

/// Fits the whole map (F) and clicks the box whose label starts with `label` (`"reason: Host"`).
fn click_box(h: &mut Harness<'_, App>, label: &str) {
    h.key_press(Key::F);
    h.run_steps(2);
    h.get_by_label_contains(label).click();
    h.run_steps(2);
}

/// Saves as `name` in the dialog's folder: Ctrl+Shift+S, the name, Enter.
fn save_as(h: &mut Harness<'_, App>, name: &str) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    h.get_by_label_contains("Save the map as");
    choose_name(h, ".ron", name);
}

#[test]
fn opens_the_shipped_map_with_the_claim_selected() {
    let h = shipped();
    assert_eq!(selected(&h), ROOT);
    assert_eq!(h.state().doc().map().statement_count(), 27);
    h.get_by_label_contains("claim: MINUSMA should keep cooperating");
    h.get_by_label("CLAIM");
    // An unsaved map is named by its title (its question).
    assert_eq!(
        h.state().title(),
        "Should MINUSMA keep cooperating closely with Mali's post-coup transitional government? — argmap"
    );
}

#[test]
fn clicking_a_box_selects_it_and_inspector_links_navigate() {
    let mut h = shipped();
    h.key_press(Key::F); // fit the whole map, so every box is on screen to click
    h.run_steps(2);
    h.get_by_label_contains("reason: Host-state consent").click();
    h.run_steps(2);
    assert_eq!(selected(&h), "host-state-consent");
    h.get_by_label("REASON");
    // The inspector lists what it supports, and what supports it; each entry selects.
    link(&h, "Acceptance of the transitional government").click();
    h.run_steps(2);
    assert_eq!(selected(&h), "clear-partners");
    link(&h, "Host-state consent is a core tenet").click();
    h.run_steps(2);
    assert_eq!(selected(&h), "host-state-consent");
    // Back and forward walk the selection history.
    h.get_by_label("< Back").click();
    h.run_steps(2);
    assert_eq!(selected(&h), "clear-partners");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(selected(&h), "host-state-consent");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(selected(&h), "clear-partners");
}

/// Types text into the focused field and presses Enter.

#[test]
fn adding_an_objection_with_the_button_then_undo_redo_save_reload() {
    let dir = scratch("save");
    let mut h = shipped_in(&dir);
    h.get_by_label_contains("objection: Direct support for the new government").click();
    h.run_steps(2);
    assert_eq!(selected(&h), "honest-broker");
    h.get_by_label("Add rebuttal").click();
    type_and_enter(&mut h, "The UN can stay an honest broker while it cooperates.");
    let map = h.state().doc().map();
    assert_eq!(map.statement_count(), 28);
    let new = h.state().view().selected.clone().unwrap();
    assert_eq!(map.statement(&new).unwrap().text, "The UN can stay an honest broker while it cooperates.");
    assert_eq!(map.role(&new), Some(Role::Rebuttal));
    let rel = map.relation(map.relations_from(&new)[0]).unwrap();
    assert_eq!(
        (rel.kind, rel.conclusion.statement().unwrap().as_str()),
        (RelationKind::Objection, "honest-broker")
    );
    assert!(h.state().title().contains('*'), "unsaved changes show in the title: {}", h.state().title());
    h.get_by_label_contains("rebuttal: The UN can stay an honest broker");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 27, "undo removes it");
    assert!(!h.state().doc().map().contains(&new));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc().map().statement(&new).unwrap().text,
        "The UN can stay an honest broker while it cooperates."
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert!(h.state().doc().map().contains(&new), "Ctrl+Y redoes too");

    let path = dir.join("saved.ron");
    save_as(&mut h, "saved.ron");
    assert_eq!(h.state().title(), "saved.ron — argmap", "saved: no star, the file's name");
    let reloaded = argmap::io::load_path(&path).unwrap();
    assert_eq!(reloaded, *h.state().doc().map());
    assert_eq!(
        reloaded.statement(&new).unwrap().text,
        "The UN can stay an honest broker while it cooperates."
    );
}

#[test]
fn minus_adds_an_objection_and_plus_a_reason_from_the_keyboard() {
    let mut h = shipped();
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Cooperation legitimises the coup.");
    let map = h.state().doc().map();
    let new = h.state().view().selected.clone().unwrap();
    assert_eq!(map.role(&new), Some(Role::Objection));
    assert!(map.relation(map.relations_from(&new)[0]).unwrap().conclusion.is(ROOT));
    assert_eq!(map.statement(&new).unwrap().text, "Cooperation legitimises the coup.");

    h.key_press(Key::Plus);
    type_and_enter(&mut h, "ECOWAS said so.");
    let map = h.state().doc().map();
    let reason = h.state().view().selected.clone().unwrap();
    assert_eq!(map.role(&reason), Some(Role::Reason));
    assert!(map.relation(map.relations_from(&reason)[0]).unwrap().conclusion.is(&new));
    // Each gesture is one undo step: two undos go back to the shipped map.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(*h.state().doc().map(), argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap());
    assert!(!h.state().doc().history().is_dirty());
}

#[test]
fn escape_cancels_a_new_statement_without_a_trace() {
    let mut h = shipped();
    h.key_press(Key::Minus);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 28);
    h.event(egui::Event::Text("half a tho".into()));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 27);
    assert_eq!(h.state().doc().history().undo_label(), None);
    assert_eq!(h.state().doc().history().redo_label(), None);
    assert_eq!(selected(&h), ROOT);
}

#[test]
fn arrow_keys_walk_the_map() {
    let mut h = shipped();
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    assert_eq!(selected(&h), "host-state-consent", "down goes to the first reason");
    h.key_press(Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(selected(&h), "mandate-state-authority", "right goes to the next sibling");
    h.key_press(Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(selected(&h), "cooperation-with-forces", "co-premises are siblings");
    h.key_press(Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(selected(&h), "mandate-state-authority");
    h.key_press(Key::ArrowUp);
    h.run_steps(1);
    assert_eq!(selected(&h), ROOT);
}

#[test]
fn space_and_the_toggle_collapse_and_expand_a_branch() {
    let mut h = shipped();
    h.key_press(Key::ArrowDown);
    // Right along the claim's premises: two reasons, S2's co-premises and its two undercuts.
    for _ in 0..5 {
        h.key_press(Key::ArrowRight);
    }
    h.run_steps(2);
    assert_eq!(selected(&h), "pragmatic-short-term");
    h.key_press(Key::Space);
    h.run_steps(2);
    let (layout, map) = (&h.state().derived().unwrap().layout, h.state().doc().map());
    assert!(layout.get(map, "junta-open").is_none(), "collapsed branch is hidden");
    assert_eq!(layout.get(map, "pragmatic-short-term").unwrap().hidden, 3);
    assert!(h.query_by_label_contains("reason: The junta (CNSP)").is_none());
    h.get_by_label_contains("Expand the branch of “In the short term cooperation").click();
    h.run_steps(2);
    assert!(h.state().derived().unwrap().layout.get(h.state().doc().map(), "junta-open").is_some());
    h.get_by_label_contains("reason: The junta (CNSP)");
}

#[test]
fn search_highlights_as_you_type_and_enter_jumps() {
    let mut h = shipped();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("barkhane".into()));
    h.run_steps(2);
    let matches = h.state().view().search.as_ref().unwrap().matches.clone();
    assert_eq!(matches.len(), 2, "{matches:?}");
    h.get_by_label("2 found");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(selected(&h), matches[0].as_str());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(selected(&h), matches[1].as_str());
    h.get_by_label("2 of 2");
}

#[test]
fn a_broken_file_shows_the_error_and_keeps_the_map() {
    let mut h = shipped();
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Unsaved work.");
    let before = h.state().doc().map().clone();
    let dir = scratch("broken");
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "(version: 1, title: \"T\", statements: [(id: \"a\" text: \"x\")])").unwrap();
    // Dropped on the window: the unsaved work asks first; Cancel keeps everything.
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(bad.clone())));
    h.run_steps(2);
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(*h.state().doc().map(), before);
    // Opened through the dialog, unsaved work discarded: the error shows, and since nothing
    // could be opened, the map (with the work) stays open.
    let mut h = harness(App::start(None, in_folder(&dir)));
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Unsaved work.");
    let before = h.state().doc().map().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_label("Discard").click();
    h.run_steps(3);
    h.get_by_label_contains("Open a map");
    h.get_by_label("🗋 bad.ron").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(3);
    h.get_by_label_contains("bad.ron:1:48: expected comma");
    assert_eq!(*h.state().doc().map(), before, "the current map stays open, untouched");
    assert!(h.state().doc().history().is_dirty());
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().error().is_none());
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut h = shipped();
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Something to lose.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 28, "cancel keeps the map");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Discard").click();
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 0);
    assert!(!h.state().doc().history().is_dirty());
}

#[test]
fn editing_text_with_f2_is_one_undo_step() {
    let mut h = shipped();
    h.key_press(Key::F2);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("A new question?".into()));
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement(ROOT).unwrap().text, "A new question?");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().doc().map().statement(ROOT).unwrap().text.starts_with("MINUSMA should"));
}

#[test]
fn delete_removes_a_statement_and_its_relations() {
    let mut h = shipped();
    click_box(&mut h, "objection: Cracks with Opération Barkhane");
    h.key_press(Key::Delete);
    h.run_steps(2);
    let map = h.state().doc().map();
    assert!(!map.contains("barkhane-cracks"));
    assert_eq!(map.relation_count(), 24);
    assert_eq!(selected(&h), "authorities-willing", "selection moves to what it objected to");
    map.validate().unwrap();
}

#[test]
fn the_context_menu_and_inspector_add_co_premises_connect_and_flip() {
    let mut h = shipped();
    // Right-click a box: its menu adds a co-premise to the argument it belongs to.
    h.key_press(Key::F);
    h.run_steps(2);
    h.get_by_label_contains("reason: Host-state consent").click_secondary();
    h.run_steps(2);
    // The inspector has a button of the same name; the menu's item is drawn last.
    h.get_all_by_label_contains("Add co-premise").last().unwrap().click();
    type_and_enter(&mut h, "Consent can be withdrawn at any time.");
    let map = h.state().doc().map();
    let new = h.state().view().selected.clone().unwrap();
    let rel = map.relation(map.relations_from(&new)[0]).unwrap();
    assert_eq!(rel.premises.len(), 2);
    assert_eq!(rel.premises[0].as_str(), "host-state-consent");
    assert!(rel.conclusion.is(ROOT));

    // Connect an existing statement as an objection to another: pick the command, then click.
    click_box(&mut h, "reason: MINUSMA could win favour");
    menu(&mut h, &["Edit", "Connect as objection to…"]);
    h.get_by_label_contains("Click the statement that");
    h.get_by_label_contains("objection: Cracks with Opération Barkhane").click();
    h.run_steps(2);
    let map = h.state().doc().map();
    let to_cracks = map.relations_to("barkhane-cracks");
    assert_eq!(to_cracks.len(), 1);
    let rel = map.relation(to_cracks[0]).unwrap();
    assert_eq!((rel.kind, rel.premises[0].as_str()), (RelationKind::Objection, "win-favour"));

    // The inspector's flip switches a relation between support and objection.
    click_box(&mut h, "reason: The junta (CNSP) seems open");
    assert_eq!(selected(&h), "junta-open");
    h.get_by_label("flip").click();
    h.run_steps(2);
    assert_eq!(h.state().doc().map().role("junta-open"), Some(Role::Objection));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().role("junta-open"), Some(Role::Reason));
}

#[test]
fn focus_mode_shows_only_the_neighbourhood() {
    let mut h = shipped();
    click_box(&mut h, "rebuttal: MINUSMA does not itself conduct");
    assert_eq!(selected(&h), "no-own-counter-terrorism");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    h.get_by_label("Focus: 2 links");
    // View ▸ the focus slider, one step down: one link.
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get(By::new().role(egui::accesskit::Role::Slider)).focus();
    h.run_steps(1);
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    let ids: Vec<String> = h.state().doc().map().statements().map(|s| s.id.to_string()).collect();
    let shown: Vec<String> =
        h.state().derived().unwrap().scene.boxes.iter().map(|b| ids[b.position].clone()).collect();
    assert_eq!(shown, ["enables-counter-terrorism", "no-own-counter-terrorism"]);
    h.get_by_label("Focus: 1 links");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get(By::new().role(egui::accesskit::Role::Slider)).focus();
    h.run_steps(1);
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().derived().unwrap().scene.boxes.len(), 3);
    h.get_by_label("Focus: 2 links");
}

#[test]
fn dragging_a_box_pins_it_in_one_undo_step() {
    let mut h = shipped();
    let before = h.state().derived().unwrap().layout.rect(h.state().doc().map(), ROOT).unwrap();
    let node = h.get_by_label_contains("claim: MINUSMA should keep");
    let start = node.rect().center();
    let _ = node;
    h.drag_at(start);
    h.run_steps(1);
    for step in 1..=5 {
        h.hover_at(start + egui::vec2(20.0 * step as f32, 10.0 * step as f32));
        h.run_steps(1);
    }
    h.drop_at(start + egui::vec2(100.0, 50.0));
    h.run_steps(2);
    let pinned = h.state().doc().map().statement(ROOT).unwrap().pinned.expect("dragging pins the box");
    let zoom = h.state().view().camera.zoom;
    assert!((pinned.x - (before.x + 100.0 / zoom)).abs() < 2.0, "{pinned:?} {before:?}");
    assert!((pinned.y - (before.y + 50.0 / zoom)).abs() < 2.0);
    assert_eq!(h.state().doc().history().undo_label(), Some("move statement"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement(ROOT).unwrap().pinned, None);
}

#[test]
fn export_writes_the_selected_branch_and_copy_puts_an_image_on_the_clipboard() {
    let dir = scratch("export");
    let mut h = shipped_in(&dir);
    click_box(&mut h, "objection: It would set a precedent");
    assert_eq!(selected(&h), "precedent");
    menu(&mut h, &["File", "Export", "Selected branch"]);
    h.key_press(Key::Escape);
    h.run_steps(2);
    menu(&mut h, &["File", "Export", "Export SVG…"]);
    choose_name(&mut h, ".svg", "branch.svg");
    assert!(h.state().status().starts_with("Exported SVG"), "{}", h.state().status());
    let text = std::fs::read_to_string(dir.join("branch.svg")).unwrap();
    assert!(text.contains("It would set a precedent"));
    assert!(!text.contains("Host-state consent"), "only the selected branch");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    choose_name(&mut h, ".png", "branch.png");
    assert!(h.state().status().starts_with("Exported PNG image to "), "{}", h.state().status());
    assert!(h.state().status().ends_with("4 statements, body text 28 px, dark."), "{}", h.state().status());
    let png = std::fs::read(dir.join("branch.png")).unwrap();
    assert_eq!(&png[..4], b"\x89PNG");

    // Copy: the picture is made beside the window and goes to the clipboard (egui's output
    // carries the image) in the frame that finds it made. kittest runs one frame per event and
    // keeps the last frame's output: press the modifiers, then the key, and read the output of
    // each frame until the picture is copied.
    let mods = Modifiers::COMMAND | Modifiers::SHIFT;
    h.event(egui::Event::ModifiersChanged(mods));
    h.event(egui::Event::Key {
        key: Key::C,
        pressed: true,
        modifiers: mods,
        repeat: false,
        physical_key: None,
    });
    h.step();
    h.event(egui::Event::Key {
        key: Key::C,
        pressed: false,
        modifiers: mods,
        repeat: false,
        physical_key: None,
    });
    h.event(egui::Event::ModifiersChanged(Modifiers::default()));
    let copied = until_copied(&mut h);
    let [w, _] = copied.expect("an image is put on the clipboard");
    assert!(w > 300, "the branch's picture, {w} pixels wide");
    h.run_steps(1);
    assert!(h.state().status().starts_with("Copied a "), "{}", h.state().status());
}

/// Runs frames until the picture being made to copy is made; the size of the image the frame
/// that copies it puts on the clipboard, if one does.
fn until_copied(h: &mut Harness<'_, App>) -> Option<[usize; 2]> {
    let start = std::time::Instant::now();
    let mut copied = None;
    loop {
        h.step();
        copied = copied.or_else(|| {
            h.output().platform_output.commands.iter().find_map(|c| match c {
                egui::OutputCommand::CopyImage(image) => Some(image.size),
                _ => None,
            })
        });
        if !h.state().exporting() {
            h.run_steps(3); // what it says (a dialog lays itself out first)
            return copied;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(120), "the picture was never made");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// A map too large for a PNG at the chosen scale: Copy image says what the window offers
/// instead (the current view, the selected branch, a smaller scale, PDF or SVG), not the
/// command line's `--scale`, and the map stays as it was; the current view then copies.
#[test]
fn a_picture_too_large_to_copy_says_what_the_window_offers() {
    let map = argmap::synth::generate(5_000, 1);
    let mut h = harness(App::new(map, None, Settings::default()));
    menu(&mut h, &["File", "Export", "Copy image"]);
    assert_eq!(until_copied(&mut h), None, "nothing copied");
    h.get_by_label_contains("Could not copy the picture");
    h.get_by_label_contains("pixels, more than the 16384 a side argmap writes as PNG");
    h.get_by_label_contains("Under File > Export, choose Current view or Selected branch");
    assert!(h.query_by_label_contains("--scale").is_none(), "the command line's words stay out");
    // As it says: the current view fits.
    h.get_by_label("OK").click();
    h.run_steps(2);
    menu(&mut h, &["File", "Export", "Current view"]);
    h.key_press(Key::Escape);
    h.run_steps(2);
    menu(&mut h, &["File", "Export", "Copy image"]);
    assert!(until_copied(&mut h).is_some(), "the current view is copied");
    assert!(h.state().status().starts_with("Copied a "), "{}", h.state().status());
    assert_eq!(h.state().doc().map().statement_count(), 5_000);
}

/// File > Export writes on another thread: while a 12,000-statement map's SVG is written the
/// window goes on drawing frames, the status line says what is being written, a second export
/// is turned away with a reason (the first goes on), closing the window waits for the file; then
/// the export is reported as before and the file is whole.
#[test]
fn an_export_is_written_beside_the_window_which_stays_live_and_says_so() {
    let dir = scratch("export-beside");
    let map = argmap::synth::generate(12_000, 1);
    let mut h = harness(App::new(map, None, in_folder(&dir)));
    let started = std::time::Instant::now();
    menu(&mut h, &["File", "Export", "Export SVG…"]);
    name_file(&mut h, ".svg", "large.svg");
    assert!(h.state().exporting(), "the export goes on beside the window");
    h.get_by_label_contains("Exporting SVG image to ");
    // Closing the window waits for the file: the close is put off, and said.
    let commands = |h: &Harness<'_, App>| {
        let root = h.output().viewport_output.get(&egui::ViewportId::ROOT);
        root.map(|v| v.commands.clone()).unwrap_or_default()
    };
    let root = h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default();
    root.events.push(egui::ViewportEvent::Close);
    h.step();
    assert!(commands(&h).contains(&egui::ViewportCommand::CancelClose), "the window stays open");
    assert!(h.state().status().starts_with("Closing once "), "{}", h.state().status());
    // A second export waits for the first, and says why.
    menu(&mut h, &["File", "Export", "Export Markdown outline…"]);
    name_file(&mut h, ".md", "large.md");
    h.get_by_label_contains("Still making");
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(!dir.join("large.md").exists(), "nothing written by the export turned away");
    eprintln!("turned away at {:?}", started.elapsed());
    // Once the file is written, the window closes as it was asked to.
    let mut closed = false;
    while h.state().exporting() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
        closed |= commands(&h).contains(&egui::ViewportCommand::Close);
    }
    eprintln!("written at {:?}", started.elapsed());
    assert!(closed, "the window closes once the file is written");
    assert!(h.state().status().starts_with("Exported SVG image to "), "{}", h.state().status());
    assert!(h.state().status().contains("12000 statements"), "{}", h.state().status());
    let svg = std::fs::read_to_string(dir.join("large.svg")).unwrap();
    assert!(svg.trim_end().ends_with("</svg>"), "the file is whole");
}

#[test]
fn unsaved_work_is_copied_for_recovery_and_a_save_removes_the_copy() {
    use argmap::ui::recovery::Recovery;
    let dir = scratch("recovery");
    let rec = || Recovery::new(dir.join("rec"));
    let mut h = harness(App::launch(None, in_folder(&dir), Some(rec())));
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Kept through a crash.");
    std::thread::sleep(argmap::ui::recovery::DELAY + std::time::Duration::from_millis(100));
    h.run_steps(2);
    let found = rec().copies().into_iter().next().expect("a recovery copy within two seconds of the edit");
    assert!(rec().find().is_none(), "the copy of a session still running is not offered to another");
    assert_eq!(found.map, *h.state().doc().map());
    assert_eq!(found.original, None);
    save_as(&mut h, "saved.ron");
    h.run_steps(1);
    assert!(rec().copies().is_empty(), "a save removes the copy");

    // A clean exit removes it too: quit, and discard the unsaved work when asked.
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Typed, then thrown away.");
    std::thread::sleep(argmap::ui::recovery::DELAY + std::time::Duration::from_millis(100));
    h.run_steps(2);
    assert!(!rec().copies().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    h.get_by_label("Save changes?");
    h.get_by_label("Discard").click();
    h.step();
    let close =
        h.output().viewport_output.values().any(|v| v.commands.contains(&egui::ViewportCommand::Close));
    assert!(close, "the window closes");
    assert!(rec().copies().is_empty(), "a clean exit removes the copy");
}

#[test]
fn the_next_start_offers_to_restore_and_restore_brings_the_work_back() {
    use argmap::ui::recovery::Recovery;
    let dir = scratch("restore");
    // Each `rec()` is a session of its own; one that writes and is gone is one that crashed.
    let rec = || Recovery::new(dir.join("rec"));
    let mut map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let (edit, _) = argmap::edit::add_claim(&map, "Recovered claim");
    argmap::edit::apply(&mut map, edit).unwrap();
    let original = dir.join("mine.ron");
    rec().write(&map, Some(&original)).unwrap();

    // The copy a session that did not end cleanly left in the data folder, found at start.
    let mut h = harness(App::launch(None, Settings::default(), Some(rec())));
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("Unsaved changes to \"");
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert_eq!(*h.state().doc().map(), map);
    assert_eq!(h.state().doc().path(), Some(original.as_path()));
    assert!(h.state().doc().history().is_dirty(), "restored work is unsaved until saved");
    let copies = rec().copies();
    assert_eq!(copies.len(), 1, "the restoring session holds the only copy");
    assert!(rec().find().is_none(), "and it is not offered to another window while this one runs");
    drop(h);
    assert_eq!(rec().find().map(|f| f.map), Some(map.clone()), "a crash now would keep it");
    rec().forget(&rec().find().unwrap());

    // A file given at start that cannot be opened, with a copy to restore: both are said (the
    // question, and the file's error on the status line).
    rec().write(&map, None).unwrap();
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "(version: 1, title: ").unwrap();
    let h = harness(App::launch(Some(bad), Settings::default(), Some(rec())));
    h.get_by_label("Restore unsaved work?");
    assert!(h.state().status().contains("bad.ron:1:"), "{}", h.state().status());
    h.get_by_label_contains("Could not open the map");

    drop(h);
    // Discard instead: the copy goes.
    let mut h = harness(App::launch(None, Settings::default(), Some(rec())));
    h.get_by_label("Discard").click();
    h.run_steps(2);
    assert!(rec().find().is_none() && rec().copies().is_empty());
    assert_eq!(h.state().doc().map().statement_count(), 27);
}

/// Runs `scenario` in a child process of this test binary that runs only `test`, so that the
/// limits the scenario sets on its process (a file size, a number of open files) touch no other
/// test; the test passes when the child's run of it passes. No privilege is needed: any user,
/// root with or without CAP_SYS_ADMIN, may lower its own limits.
fn in_child(test: &str, scenario: impl FnOnce()) {
    if std::env::var_os("ARGMAP_TEST_CHILD").is_some() {
        return scenario();
    }
    let exe = std::env::current_exe().unwrap();
    let run = std::process::Command::new(exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("ARGMAP_TEST_CHILD", "1")
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "the child's run failed:\n{said}");
    assert!(said.contains("1 passed"), "the child ran the test:\n{said}");
}

/// Sets this process's soft limit of `resource` to `value` (`None`: as high as allowed).
fn limit(resource: rustix::process::Resource, value: Option<u64>) {
    let mut l = rustix::process::getrlimit(resource);
    l.current = value.or(l.maximum);
    rustix::process::setrlimit(resource, l).unwrap();
}

/// Opens the map in a scratch folder (with an older backup beside it), adds an objection from
/// the keyboard and saves with Ctrl+S after `break_it` made saving fail (`mend` undoes it): the
/// save must fail visibly, keep the map open and unsaved, and leave the old file, its backup and
/// the folder as they were.
fn a_failed_save_keeps_everything(name: &str, break_it: impl FnOnce(), mend: impl FnOnce()) {
    let dir = scratch(name);
    let target = dir.join("map.ron");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron"), &target).unwrap();
    let backup = argmap::io::backup_path(&target);
    std::fs::write(&backup, "the older backup").unwrap();
    let old = std::fs::read(&target).unwrap();
    let mut h = harness(App::start(Some(target.clone()), Settings::default()));
    h.key_press(Key::Minus);
    // A long text, so the new file is larger than the old one and the limit.
    type_and_enter(&mut h, &"Not lost. ".repeat(3000));
    break_it();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    mend();
    h.get_by_label_contains(&format!("Could not save to {}", target.display()));
    h.get_by_label_contains("The map is still open and unsaved; the old file is unchanged.");
    assert!(h.state().doc().history().is_dirty());
    assert_eq!(h.state().title(), "map.ron* — argmap", "unsaved, under its file's name");
    assert_eq!(h.state().doc().map().statement_count(), 28, "the edit is still there");
    assert_eq!(std::fs::read(&target).unwrap(), old, "the old file is unchanged");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "the older backup");
    let mut names: Vec<_> = std::fs::read_dir(&*dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["map.ron", "map.ron.bak"], "no temporary file left behind");
}

#[test]
fn a_failed_save_on_a_full_disk_keeps_the_map_the_file_and_its_backup() {
    in_child("a_failed_save_on_a_full_disk_keeps_the_map_the_file_and_its_backup", || {
        // The disk fills up while the new file is written: a file may grow to 32 KiB, the new
        // map is 46 KB. The kernel's signal for it is caught, so the write fails (EFBIG).
        signal_hook::flag::register(signal_hook::consts::SIGXFSZ, Default::default()).unwrap();
        let fsize = rustix::process::Resource::Fsize;
        a_failed_save_keeps_everything("full-disk", || limit(fsize, Some(32 * 1024)), || limit(fsize, None));
    });
}

#[test]
fn a_failed_save_that_cannot_create_its_file_keeps_the_map_the_file_and_its_backup() {
    in_child("a_failed_save_that_cannot_create_its_file_keeps_the_map_the_file_and_its_backup", || {
        // No file can be made (as on a read-only disk): every file this process may open is open.
        let nofile = rustix::process::Resource::Nofile;
        let break_it = || {
            // The lowest free descriptor (a duplicate takes it), and none from it on.
            let lowest = rustix::io::fcntl_dupfd_cloexec(std::io::stderr(), 0).unwrap();
            let free = std::os::fd::AsRawFd::as_raw_fd(&lowest) as u64;
            drop(lowest);
            limit(nofile, Some(free));
        };
        a_failed_save_keeps_everything("no-new-file", break_it, || limit(nofile, None));
    });
}

#[test]
fn connecting_works_from_the_keyboard_alone() {
    let mut h = shipped();
    // From the claim, walk down to the first reason and connect it as an objection to its sibling.
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    assert_eq!(selected(&h), "host-state-consent");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run_steps(1);
    h.key_press(Key::ArrowRight);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let map = h.state().doc().map();
    let rel = map.relation(*map.relations_to("mandate-state-authority").last().unwrap()).unwrap();
    assert_eq!((rel.kind, rel.premises[0].as_str()), (RelationKind::Objection, "host-state-consent"));
    assert!(h.state().connecting().is_none());
    // Ctrl+K flips the selected statement's relation.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(1);
    assert_eq!(h.state().doc().map().role("mandate-state-authority"), Some(Role::Objection));
}

#[test]
fn undercutting_an_inference_with_the_keyboard_and_naming_the_argument() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(2);
    h.get_by_label_contains("reason: Host-state consent").click();
    h.run_steps(2);
    // The inspector offers the argument's title for the arrow this reason starts.
    h.get_by_label("Argument title").click();
    h.run_steps(1);
    h.get_by_label("Argument title").type_text("Consent argument");
    h.run_steps(1);
    h.get_by_label_contains("reason: Host-state consent").click(); // focus leaves: the title is kept
    h.run_steps(2);
    let map = h.state().doc().map();
    let rid = map.relations_from("host-state-consent")[0];
    assert_eq!(map.relation(rid).unwrap().label.as_deref(), Some("Consent argument"));

    h.key_press(Key::U);
    h.run_steps(2);
    type_and_enter(&mut h, "Consent given by a junta is not the consent that tenet means.");
    let map = h.state().doc().map();
    let new = h.state().view().selected.clone().unwrap();
    let undercut = map.relation(map.relations_from(&new)[0]).unwrap();
    assert!(undercut.is_undercut());
    assert_eq!(undercut.conclusion.relation(), Some(rid), "it objects to the arrow, not a statement");
    assert_eq!(map.role(&new), Some(Role::Objection));
    assert_eq!(map.undercuts_of(rid).len(), 1);
    h.get_by_label_contains("objection: Consent given by a junta");
    // The inspector says what it does.
    h.get_by_label("Undercuts the inference to");
    link(&h, "MINUSMA should keep cooperating");

    // A claim has no inference: U explains instead of failing.
    click_box(&mut h, "claim: MINUSMA should keep cooperating");
    assert_eq!(selected(&h), ROOT);
    h.key_press(Key::U);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 28);
    assert!(h.state().status().contains("no inference"), "{}", h.state().status());
}

#[test]
fn importing_an_argdown_document_guards_unsaved_work_and_reports_approximations() {
    let dir = scratch("import");
    let doc = dir.join("week.argdown");
    std::fs::write(&doc, "[Week]: Firms should adopt a four-day week.\n  + [Rested]: Rested staff work better.\n  >< [Five]: Five days are needed.\n").unwrap();
    let mut h = shipped_in(&dir);
    // An unsaved edit first: importing asks before it replaces the map.
    h.get_by_label("Add reason").click();
    type_and_enter(&mut h, "A reason typed before the import.");
    menu(&mut h, &["File", "Import Argdown or AIF…"]);
    h.get_by_label("Save changes?");
    h.get_by_label("Discard").click();
    h.run_steps(3);
    h.get_by_label_contains("Import");
    h.get_by_label("🗋 week.argdown").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(3);
    let map = h.state().doc().map();
    assert_eq!(map.statement_count(), 3);
    assert_eq!(map.statement("Week").unwrap().text, "Firms should adopt a four-day week.");
    assert!(h.state().doc().history().is_dirty(), "an imported map is unsaved until saved as .ron");
    assert!(h.state().doc().path().is_none());
    h.get_by_label_contains("line 3: [Week] and [Five] contradict each other");
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().modal().is_none());

    // Export it back out as Argdown: the file reads back to the same map.
    menu(&mut h, &["File", "Export", "Export Argdown…"]);
    choose_name(&mut h, ".argdown", "week-out.argdown");
    let text = std::fs::read_to_string(dir.join("week-out.argdown")).unwrap();
    let back = argmap::interop::import(argmap::interop::ImportFormat::Argdown, &text, "x").unwrap();
    assert_eq!(back.map.relation_count(), h.state().doc().map().relation_count());
}

#[test]
fn the_map_shows_which_claims_stand_and_what_if_marks_update_it_at_once() {
    let dir = scratch("eval");
    let mut h = shipped_in(&dir);
    h.key_press(Key::F);
    h.run_steps(2);
    // As it opens: the claim is out (five objections stand), the counter-terrorism objection out
    // (its rebuttal stands), the rebuttal in.
    h.get_by_label_contains("transitional government and its security forces. (out)");
    h.get_by_label_contains("which ties it to one side of the conflict. (out)");
    h.get_by_label_contains("does not itself conduct counter-terrorism operations. (in)").click();
    h.run_steps(2);
    h.get_by_label("in: nothing objects to it.");

    // What if the rebuttal is rejected? R, and the objection it answered comes back at once.
    let layout_before = h.state().doc().history().layout_changes();
    let boxes_before = h.state().derived().unwrap().layout.clone();
    h.key_press(Key::R);
    h.run_steps(2);
    // A mark moves no box: the layout is kept, only the evaluation and the drawing change.
    assert_eq!(h.state().doc().history().layout_changes(), layout_before);
    assert_eq!(h.state().derived().unwrap().layout, boxes_before);
    h.get_by_label("out: you rejected it (what-if).");
    h.get_by_label_contains("does not itself conduct counter-terrorism operations. (rejected)");
    h.get_by_label_contains("which ties it to one side of the conflict. (in)");
    // The canvas shows what changed: the two boxes whose label moved glow for a moment.
    let mut changed: Vec<String> =
        h.state().derived().unwrap().changed.0.iter().map(|id| id.to_string()).collect();
    changed.sort();
    assert_eq!(changed, ["enables-counter-terrorism", "no-own-counter-terrorism"]);
    assert!(h.state().title().contains('*'), "a mark is a change to save");

    // Saved apart from the argument, and read back.
    let path = dir.join("marked.ron");
    save_as(&mut h, "marked.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.ends_with("    evaluation: (\n        rejected: [\n            \"no-own-counter-terrorism\",\n        ],\n    ),\n)\n"),
        "{text}"
    );
    let back = argmap::io::load_path(&path).unwrap();
    assert_eq!(back.mark("no-own-counter-terrorism"), Some(argmap::model::Mark::Rejected));

    // E hides the evaluation; the inspector still explains.
    h.key_press(Key::E);
    h.run_steps(2);
    assert!(h.query_by_label_contains("(rejected)").is_none());
    h.get_by_label("out: you rejected it (what-if).");
    h.key_press(Key::E);
    h.run_steps(2);

    // One action clears every mark; undo brings them back.
    h.get_by_label("Clear all marks").click();
    h.run_steps(2);
    assert!(h.state().doc().map().marks().is_empty());
    h.get_by_label_contains("which ties it to one side of the conflict. (out)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().marks().len(), 1);
}

#[test]
fn rating_reasons_and_objections_moves_the_suggested_verdict() {
    let mut h = shipped();
    // The claim: three reasons in effect against five objections, all unrated (1 each).
    h.get_by_label("Suggested verdict from the ratings: reject (total -2).");
    h.key_press(Key::F);
    h.run_steps(2);
    for reason in [
        "reason: Host-state consent",
        "reason: In the short term cooperation",
        "reason: MINUSMA could win favour",
    ] {
        h.get_by_label_contains(reason).click();
        h.run_steps(2);
        h.get_by_label("strong").click();
        h.run_steps(2);
    }
    let map = h.state().doc().map();
    let rid = map.relations_from("host-state-consent")[0];
    assert_eq!(map.relation(rid).unwrap().rating, Some(argmap::model::Rating::Strong));
    // The ratings show on the map beside their arrows (a rating moves no box: the layout is kept
    // and only the drawing is made again).
    let scene = &h.state().derived().unwrap().scene;
    let tags = scene
        .items
        .iter()
        .filter(|i| matches!(i, argmap::scene::Item::Text { text, .. } if &**text == "strong"));
    assert_eq!(tags.count(), 3);
    assert_eq!(h.state().doc().history().layout_changes(), 0);
    // A tag is a button: it selects the argument's first premise, where it is edited. Pinch to
    // zoom in over the S2 argument's tag until it is big enough to click.
    let state = h.state();
    let titled = |rid: &argmap::model::RelationId| state.doc().map().relation(*rid).unwrap().label.is_some();
    let tag = state.derived().unwrap().scene.tags.iter().find(|(_, rid)| titled(rid)).unwrap().0;
    let (x, y) = tag.center();
    for _ in 0..5 {
        let (canvas, camera) = (h.state().canvas_rect().unwrap(), h.state().view().camera);
        h.hover_at(camera.to_screen(canvas, (x, y)));
        h.event(egui::Event::Zoom(1.5));
        h.run_steps(2);
    }
    assert!(h.state().view().camera.zoom > 1.0, "zoomed in: {}", h.state().view().camera.zoom);
    h.get_by_label("argument: State authority mandate").click();
    h.run_steps(2);
    assert_eq!(selected(&h), "mandate-state-authority");
    click_box(&mut h, "claim: MINUSMA should keep cooperating");
    h.get_by_label("Suggested verdict from the ratings: accept (total +1).");
}

#[test]
fn a_new_text_of_the_same_size_keeps_the_layout_and_a_longer_one_moves_boxes() {
    let mut h = shipped();
    let derived = |h: &Harness<'_, App>| h.state().derived().unwrap().layout.as_ref().clone();
    // Select the statement, F2, select its whole text, type the new one, Enter.
    click_box(&mut h, "reason: Acceptance of the transitional government");
    assert_eq!(selected(&h), "clear-partners");
    let before = derived(&h);
    let edit = |h: &mut Harness<'_, App>, text: &str| {
        h.key_press(Key::F2);
        h.run_steps(2);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(egui::Event::Text(text.to_owned()));
        h.key_press(Key::Enter);
        h.run_steps(2);
        assert_eq!(h.state().doc().map().statement("clear-partners").unwrap().text, text);
    };
    // One word for another of the same length: the box keeps its size, nothing moves.
    edit(
        &mut h,
        "Acceptance of the transitional government clarifies which partners the mission should meet with.",
    );
    assert_eq!(derived(&h), before, "same sizes: the layout is kept");
    assert_eq!(h.state().doc().history().structure_changes(), 0);
    // A text twice as long makes the box taller: the boxes below it move.
    edit(
        &mut h,
        "Acceptance of the transitional government clarifies which partners the mission should deal with. "
            .repeat(3)
            .trim_end(),
    );
    let after = derived(&h);
    let map = h.state().doc().map();
    assert!(after.rect(map, "clear-partners").unwrap().h > before.rect(map, "clear-partners").unwrap().h);
    assert_ne!(after, before);
    // The tree was kept and placed again: exactly what a fresh layout gives.
    let state = h.state();
    let topo = argmap::model::Topology::new(state.doc().map());
    let sizes = &state.derived().unwrap().prepared.sizes;
    let prepared = &state.derived().unwrap().prepared;
    let tags = argmap::scene::tag_widths(&topo, prepared);
    let input = argmap::layout::LayoutInput::new(&topo, sizes, &state.view().collapsed).with_tags(&tags);
    let fresh = argmap::layout::layout(&input.arranged(after.arrangement, 1.0));
    assert_eq!(after, fresh);
}

#[test]
fn after_structural_edits_and_undo_the_derived_map_is_what_a_fresh_start_gives() {
    let mut h = shipped();
    // Compares what the app keeps (texts taken over by revision, the index, the layout) with
    // everything made afresh from the map.
    let check = |h: &Harness<'_, App>, when: &str| {
        let state = h.state();
        let derived = state.derived().unwrap();
        let topo = argmap::model::Topology::new(state.doc().map());
        let fresh = argmap::scene::prepare(&topo, &mut argmap::scene::Typesetter::new());
        assert_eq!(*derived.prepared, fresh, "{when}: wrapped texts and box sizes");
        let tags = argmap::scene::tag_widths(&topo, &fresh);
        let input =
            argmap::layout::LayoutInput::new(&topo, &fresh.sizes, &state.view().collapsed).with_tags(&tags);
        let layout = argmap::layout::layout(&input.arranged(derived.layout.arrangement, 1.0));
        assert_eq!(*derived.layout, layout, "{when}: layout");
        let drawn = argmap::scene::build(
            &topo,
            &layout,
            &fresh,
            &argmap::scene::Palette::LIGHT,
            None,
            Some(&argmap::eval::Evaluation::of(state.doc().map(), &topo)),
        );
        let badges =
            |s: &argmap::scene::Scene| s.boxes.iter().map(|b| (b.position, b.badge)).collect::<Vec<_>>();
        assert_eq!(badges(&derived.scene), badges(&drawn), "{when}: boxes and badges");
    };
    // A new objection in the middle of the map (a statement inserted before others in the walk).
    click_box(&mut h, "objection: Direct support for the new government");
    assert_eq!(selected(&h), "honest-broker");
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "The mission is no broker at all: it is a party to the conflict.");
    check(&h, "added");
    // A statement removed from the middle of the file order (every later position shifts).
    click_box(&mut h, "objection: It would set a precedent");
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label("Delete the whole branch (4 statements)").click();
    h.run_steps(2);
    assert!(!h.state().doc().map().contains("precedent"));
    check(&h, "deleted");
    // A new text, then a flipped relation.
    click_box(&mut h, "reason: Acceptance of the transitional government");
    h.key_press(Key::F2);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Shorter.".into()));
    h.key_press(Key::Enter);
    h.run_steps(2);
    check(&h, "new text");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().role("clear-partners"), Some(Role::Objection));
    check(&h, "flipped");
    // Undo puts the statements back in their old places.
    for step in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
        check(&h, &format!("undo {step}"));
    }
    assert_eq!(h.state().doc().map().statement_count(), 27);
}

/// The built-in file dialog's file-name field (the text field holding a name ending in `ext`).
fn file_name_field<'t>(h: &'t Harness<'_, App>, ext: &'t str) -> egui_kittest::Node<'t> {
    h.get(
        By::new()
            .role(egui::accesskit::Role::TextInput)
            .predicate(move |n| n.value().is_some_and(|v| v.ends_with(ext))),
    )
}

/// Types `name` over the dialog's suggested file name and presses Enter.
fn choose_name(h: &mut Harness<'_, App>, ext: &str, name: &str) {
    name_file(h, ext, name);
    until_exported(h); // (an export, if it was one)
}

/// As [`choose_name`], not waiting for an export the name starts.
fn name_file(h: &mut Harness<'_, App>, ext: &str, name: &str) {
    h.run_steps(2); // the dialog lays itself out
    file_name_field(h, ext).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(name.to_owned()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn without_a_desktop_dialog_files_are_chosen_in_the_window() {
    let dir = scratch("chooser");
    let mut h = harness(App::start(None, in_folder(&dir)));
    h.get_by_label("Add reason").click();
    type_and_enter(&mut h, "A reason worth keeping.");

    // New with unsaved changes: Save, and the map has no file yet, so the dialog asks where;
    // once saved, New goes on.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Save changes?");
    h.get_by_label("Save").click();
    h.run_steps(3);
    h.get_by_label_contains("Save the map as");
    h.key_press(Key::Delete); // the canvas's keys are off while the dialog is open
    h.run_steps(1);
    assert_eq!(h.state().doc().map().statement_count(), 28);
    choose_name(&mut h, ".ron", "mali notes"); // no extension typed: .ron is added
    let saved = dir.join("mali notes.ron");
    let back = argmap::io::load_path(&saved).unwrap();
    assert!(back.statements().any(|s| s.text == "A reason worth keeping."));
    assert_eq!(h.state().doc().map().statement_count(), 0, "after the save, New went on");
    assert!(!h.state().choosing_file());

    // Open it again: the dialog lists the folder's maps; pick one, Open.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    h.get_by_label_contains("Open a map");
    h.get_by_label("🗋 mali notes.ron").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(3);
    assert_eq!(h.state().doc().path(), Some(saved.as_path()));
    assert_eq!(h.state().doc().map().statement_count(), 28);
    assert!(h.state().status().starts_with("Opened"), "{}", h.state().status());

    // Exporting over a file that exists asks first: Cancel writes nothing, Replace writes.
    let outline = dir.join("mali notes.md");
    std::fs::write(&outline, "keep me").unwrap();
    menu(&mut h, &["File", "Export", "Export Markdown outline…"]);
    h.run_steps(1);
    h.get_by_label_contains("Export as Markdown outline");
    choose_name(&mut h, ".md", "mali notes.md");
    h.get_by_label("Replace the file?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(std::fs::read_to_string(&outline).unwrap(), "keep me");
    menu(&mut h, &["File", "Export", "Export Markdown outline…"]);
    choose_name(&mut h, ".md", "mali notes.md");
    h.get_by_label("Replace").click();
    h.run_steps(2);
    until_exported(&mut h);
    assert!(std::fs::read_to_string(&outline).unwrap().contains("A reason worth keeping."));

    // Escape closes the dialog without a file; the keys work again.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert!(h.state().choosing_file());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().choosing_file());
    assert_eq!(h.state().status(), "No file chosen.");
}

#[test]
fn issue31_export_pdf_fits_the_chosen_page_and_is_light_on_paper_from_a_dark_canvas() {
    let dir = scratch("export-pdf");
    let settings = Settings { theme: argmap::ui::settings::ThemeChoice::Dark, ..in_folder(&dir) };
    let mut h = harness(App::start(None, settings));
    h.run_steps(2);
    menu(&mut h, &["File", "Export", "Page: The map's own size", "A4 landscape"]);
    h.key_press(Key::Escape);
    h.run_steps(2);
    // The export menu says which theme it will use: light on paper, the dark canvas's on screen.
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export").hover();
    h.run_steps(2);
    assert!(h.query_by_label("Light on paper, dark on screen").is_some());
    assert!(h.query_by_label("Page: A4 landscape").is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    menu(&mut h, &["File", "Export", "Export PDF…"]);
    choose_name(&mut h, ".pdf", "map.pdf");
    let status = h.state().status().to_owned();
    assert!(status.starts_with("Exported PDF document to "), "{status}");
    assert!(status.contains(": A4 landscape, 27 statements, body text "), "{status}");
    assert!(status.ends_with(", light."), "the status says which theme: {status}");
    let pdf = std::fs::read(dir.join("map.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let media = text.split("/MediaBox [").nth(1).unwrap().split(']').next().unwrap();
    let size: Vec<f32> = media.split_whitespace().map(|v| v.parse().unwrap()).collect();
    assert!(
        (size[2] - 841.89).abs() < 0.01 && (size[3] - 595.276).abs() < 0.01,
        "an A4 landscape page: {media}"
    );
    // The page is painted first with the light background (#fafaf7), not the dark canvas's.
    assert_eq!(first_fill(&pdf), [0xfa, 0xfa, 0xf7]);
    // Dark on paper only when the user picks it.
    menu(&mut h, &["File", "Export", "Always dark"]);
    h.key_press(Key::Escape);
    h.run_steps(2);
    menu(&mut h, &["File", "Export", "Export PDF…"]);
    choose_name(&mut h, ".pdf", "dark.pdf");
    assert!(h.state().status().ends_with(", dark."), "{}", h.state().status());
    assert_eq!(first_fill(&std::fs::read(dir.join("dark.pdf")).unwrap()), [0x1b, 0x1c, 0x1e]);
}

/// The colour a PDF's page is first painted with, as bytes.
fn first_fill(pdf: &[u8]) -> [u8; 3] {
    let find =
        |from: usize, what: &[u8]| pdf[from..].windows(what.len()).position(|w| w == what).map(|i| from + i);
    let mut at = 0;
    let mut content = None;
    while let Some(start) = find(at, b"stream\n") {
        let start = start + b"stream\n".len();
        let Some(end) = find(start, b"\nendstream") else { break };
        content = argmap_inflate(&pdf[start..end]).filter(|c| c.contains(" re"));
        if content.is_some() {
            break;
        }
        at = end;
    }
    let content = content.expect("a page's drawing");
    let first_fill = content.lines().find(|l| l.ends_with(" rg")).unwrap();
    let rgb: Vec<f32> = first_fill.split_whitespace().take(3).map(|v| v.parse().unwrap()).collect();
    [0, 1, 2].map(|i| (rgb[i] * 255.0).round() as u8)
}

/// A zlib stream's text, if it is one.
fn argmap_inflate(bytes: &[u8]) -> Option<String> {
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(bytes).ok()?;
    String::from_utf8(raw).ok()
}

#[test]
fn export_web_page_from_the_menu() {
    let dir = scratch("export-web");
    let mut h = shipped_in(&dir);
    menu(&mut h, &["File", "Export", "Export web page…"]);
    choose_name(&mut h, ".html", "minusma.html");
    assert!(h.state().status().starts_with("Exported Web page to "), "{}", h.state().status());
    assert!(h.state().status().contains("web page of 27 statements"), "{}", h.state().status());
    let page = std::fs::read_to_string(dir.join("minusma.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg"));
    assert!(page.contains("\"id\":\"cooperate-with-transition\""));
}

/// Issue 36, all by keyboard: select a reason of the claim (↓), choose its scheme (S, type
/// "expert", Enter), and turn its first critical question into the objection it invites (Q, type,
/// Enter): the objection hangs on the premise, answers the question, and the status line counts
/// it. Esc on the next drops the counter-claim again.
#[test]
fn issue36_a_scheme_is_chosen_and_its_first_question_answered_by_keyboard() {
    let mut h = shipped();
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    let premise = h.state().view().selected.clone().unwrap();
    let rid = h.state().doc().map().hangs_by(&premise).unwrap();
    h.key_press(Key::S);
    h.run_steps(2);
    h.event(egui::Event::Text("expert".into()));
    h.run_steps(2);
    assert!(h.query_by_label_contains("Argument from expert opinion").is_some(), "the dialog lists it");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().doc().map().relation(rid).unwrap().scheme.as_deref(), Some("expert-opinion"));
    // Q: the counter-claim of the first open question, with the question as the prompt.
    h.key_press(Key::Q);
    h.run_steps(2);
    let asked = "Is the source really an expert in this field?";
    let prompted = |h: &Harness<'static, App>, text: &str| {
        let text = text.to_owned();
        h.query(By::new().predicate(move |n| n.placeholder().is_some_and(|p| p.contains(&text)))).is_some()
    };
    assert!(prompted(&h, asked), "the question is the editor's prompt");
    type_and_enter(&mut h, "Its authors are diplomats, not peacekeeping scholars.");
    let map = h.state().doc().map();
    let answer = h.state().view().selected.clone().unwrap();
    let s = map.statement(&answer).unwrap();
    assert_eq!(s.text, "Its authors are diplomats, not peacekeeping scholars.");
    assert_eq!(s.answers, Some(argmap::model::Answer { relation: rid, question: 0 }));
    let objection = map.relation(map.relations_from(&answer)[0]).unwrap();
    assert_eq!(objection.kind, RelationKind::Objection);
    assert!(objection.conclusion.is(&premise), "a \"no\" to it attacks the premise");
    // Its inspector says which question it answers.
    let answers = format!("Answers “{asked}” of the argument");
    assert!(h.query_all_by_label_contains(&answers).next().is_some(), "the answer says what it answers");
    // The premise's argument now counts one answered question.
    h.key_press(Key::ArrowUp);
    h.run_steps(2);
    assert_eq!(h.state().view().selected.as_ref(), Some(&premise));
    assert!(h.query_all_by_label_contains("1 of 6 critical questions answered").next().is_some());
    // The next question, dropped with Esc: nothing changes.
    let before = h.state().doc().map().clone();
    h.key_press(Key::Q);
    h.run_steps(2);
    assert!(prompted(&h, "Did the source really say this"));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(*h.state().doc().map(), before);
}

#[test]
fn issue36_doubting_a_question_is_a_what_if_the_canvas_shows_and_open_questions_can_be_shown() {
    let mut h = shipped();
    let claim = "cooperate-with-transition";
    let label = |h: &Harness<'static, App>, id: &str| {
        let map = h.state().doc().map();
        let topo = argmap::model::Topology::new(map);
        let s = topo.position(id).unwrap();
        h.state().derived().unwrap().evaluation.labels[s]
    };
    assert_eq!(label(&h, claim), argmap::eval::Label::Out);
    // The objection "Critics say…" (expert opinion): doubt its first question in the inspector.
    common::ui::select(&mut h, "security-first-critique");
    let rid = h.state().doc().map().hangs_by("security-first-critique").unwrap();
    h.get_all_by_label("Doubt").next().unwrap().scroll_to_me();
    h.run_steps(1);
    h.get_all_by_label("Doubt").next().unwrap().click();
    h.run_steps(3);
    assert_eq!(h.state().doc().map().relation(rid).unwrap().doubted, [0]);
    assert!(h.query_by_label("Doubted (what-if)").is_some(), "the button says it is on");
    let drawn = |h: &Harness<'static, App>, id: &str| {
        let map = h.state().doc().map();
        let at = argmap::model::Topology::new(map).position(id).unwrap();
        h.state().derived().unwrap().scene.boxes.iter().find(|b| b.position == at).cloned().unwrap()
    };
    assert!(drawn(&h, "security-first-critique").doubted, "the canvas marks the argument DOUBTED");
    let why = h.state().derived().unwrap().assessment.clone().unwrap().1.explanation;
    assert!(why.contains("you doubt one of its critical questions (what-if)"), "{why}");
    // One undo step takes it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.state().doc().map().relation(rid).unwrap().doubted.is_empty());
    assert!(!drawn(&h, "security-first-critique").doubted);
    // View ▸ Show open critical questions: a ?N badge on each argument's first premise.
    assert_eq!(drawn(&h, "security-first-critique").open_questions, 0, "off by default");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Show open critical questions").click();
    h.run_steps(3);
    assert_eq!(drawn(&h, "security-first-critique").open_questions, 6, "none of its six is answered");
    assert_eq!(drawn(&h, claim).open_questions, 0, "the claim starts no argument");
    let described = By::new().label_contains("(6 critical questions of its argument open)");
    assert!(h.query(described).is_some(), "a screen reader hears it too");
}

#[test]
fn issue38_about_names_the_version_and_commit_and_where_the_licences_are() {
    let mut h = shipped();
    menu(&mut h, &["Help", "About argmap"]);
    let said = |h: &Harness<'static, App>, text: &str| h.query_all_by_label_contains(text).next().is_some();
    assert!(said(&h, &format!("argmap {}", argmap::VERSION)), "the version and its commit");
    assert!(argmap::VERSION.contains("(commit "));
    assert!(said(&h, "Licence: MIT OR Apache-2.0"));
    assert!(said(&h, "`argmap licenses` lists them"));
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(!said(&h, "Licence: MIT OR Apache-2.0"), "OK closes it");
}

#[test]
fn issue38_argmap_new_opens_an_empty_untitled_map_still_copied_for_recovery() {
    use argmap::ui::recovery::Recovery;
    let dir = scratch("new");
    let rec = || Recovery::new(dir.join("rec"));
    let h = harness(App::launch_empty(in_folder(&dir), Some(rec())));
    assert_eq!(h.state().doc().map().statement_count(), 0);
    assert_eq!(h.state().doc().map().title, "Untitled map");
    assert_eq!(h.state().doc().path(), None);
    assert!(!h.state().doc().is_dirty(), "nothing to save yet");
    assert!(rec().copies().is_empty(), "nothing unsaved, nothing copied");
}

#[test]
fn issue38_with_the_setting_on_a_map_opened_from_the_desktop_comes_to_this_window() {
    use argmap::ui::handoff::hand_over;
    let dir = scratch("handoff");
    let socket = dir.join("argmap.sock");
    let file = dir.join("other.ron");
    let mut other = argmap::model::ArgumentMap::new("Another question");
    let (edit, _) = argmap::edit::add_claim(&other, "Its claim");
    argmap::edit::apply(&mut other, edit).unwrap();
    std::fs::write(&file, argmap::io::to_ron_string(&other)).unwrap();
    // Off (the default): nobody listens, so the desktop's argmap opens a window of its own.
    let mut h = harness(App::start(None, in_folder(&dir)).handing_off_at(socket.clone()));
    assert!(!hand_over(&socket, &file));
    // On: File > "Open maps from the desktop in this window".
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open maps from the desktop in this window").click();
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(hand_over(&socket, &file), "the window took it");
    h.run_steps(3);
    assert_eq!(h.state().doc().map().title, "Another question");
    assert_eq!(h.state().doc().path(), Some(file.as_path()));
    // With unsaved changes, it asks first, as File > Open does.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::Minus);
    type_and_enter(&mut h, "Unsaved.");
    assert!(hand_over(&socket, &file));
    h.run_steps(3);
    h.get_by_label("Save changes?");
}

/// A scratch folder standing for a shared one, with the shipped map saved in it as
/// `shared.ron`: the folder, the file, and the map it holds.
fn shared_folder(name: &str) -> (common::Scratch, std::path::PathBuf, argmap::model::ArgumentMap) {
    let dir = scratch(name);
    let file = dir.join("shared.ron");
    let shipped = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    std::fs::write(&file, argmap::io::to_ron_string(&shipped)).unwrap();
    (dir, file, shipped)
}

#[test]
fn issue37_two_windows_on_one_file_in_a_shared_folder_both_save_and_nothing_is_lost() {
    let (dir, file, _) = shared_folder("shared");
    let open = || harness(App::start(Some(file.clone()), in_folder(&dir)));
    let (mut alice, mut bob) = (open(), open());
    // Alice adds an objection and saves.
    alice.key_press(Key::Minus);
    type_and_enter(&mut alice, "Alice's objection.");
    alice.key_press_modifiers(Modifiers::COMMAND, Key::S);
    alice.run_steps(2);
    // The file's time must move for Bob to see it changed (coarse clocks on some file systems).
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Bob, who opened the file before Alice saved, adds a reason and saves: Alice's objection
    // comes in, and both are in the file.
    bob.key_press(Key::Plus);
    type_and_enter(&mut bob, "Bob's reason.");
    bob.key_press_modifiers(Modifiers::COMMAND, Key::S);
    bob.run_steps(3);
    let saved = argmap::io::load_path(&file).unwrap();
    let texts: Vec<&str> = saved.statements().map(|s| s.text.as_str()).collect();
    assert!(texts.contains(&"Alice's objection.") && texts.contains(&"Bob's reason."), "{texts:?}");
    assert_eq!(saved.statement_count(), 29);
    assert!(saved.conflicts().is_empty());
    assert_eq!(*bob.state().doc().map(), saved, "Bob's window holds what is in the file");
    assert!(!bob.state().doc().is_dirty());
    // Bob saw what came in: the status says so and the compare view lists Alice's objection.
    assert!(
        bob.state().status().contains("Someone saved the file meanwhile: their 1 change came in"),
        "{}",
        bob.state().status()
    );
    assert!(bob.query_all_by_label_contains("Alice's objection.").next().is_some());
    // Alice saves again after Bob: Bob's reason comes to her, nothing of hers goes.
    alice.key_press(Key::Minus);
    type_and_enter(&mut alice, "Alice again.");
    std::thread::sleep(std::time::Duration::from_millis(20));
    alice.key_press_modifiers(Modifiers::COMMAND, Key::S);
    alice.run_steps(3);
    let saved = argmap::io::load_path(&file).unwrap();
    assert_eq!(saved.statement_count(), 30);
    assert!(saved.statements().any(|s| s.text == "Bob's reason."));
    // Ctrl+Z in Alice's window takes the merge out again (one step), as the status says.
    alice.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    alice.run_steps(2);
    assert!(!alice.state().doc().map().statements().any(|s| s.text == "Bob's reason."));
    assert!(alice.state().doc().map().statements().any(|s| s.text == "Alice again."));
}

/// A file written again moments after it was read (its time proves nothing then) is compared
/// by its bytes: the same bytes are no change and nothing is offered (nor read as a map again);
/// bytes changed in place, the size kept, are a change, and it is offered.
#[test]
fn issue37_a_file_written_again_is_compared_by_its_bytes() {
    let (dir, file, shipped) = shared_folder("digest");
    let mut h = harness(App::start(Some(file.clone()), in_folder(&dir)));
    let wait = || std::thread::sleep(argmap::ui::WATCH_EVERY + std::time::Duration::from_millis(100));
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes).unwrap();
    wait();
    h.run_steps(4);
    assert!(h.query_by_label("The file changed on disk").is_none(), "the same bytes: no change");
    // One letter of the question changed: the same size, another map.
    let mut theirs = shipped.clone();
    let first = theirs.title.chars().next().unwrap();
    theirs.title = format!("{}{}", first.to_ascii_lowercase(), &theirs.title[first.len_utf8()..]);
    let text = argmap::io::to_ron_string(&theirs);
    assert_eq!(text.len(), bytes.len());
    std::fs::write(&file, text).unwrap();
    wait();
    h.run_steps(4);
    h.get_by_label("The file changed on disk");
}

#[test]
fn issue37_a_change_saved_by_someone_else_is_noticed_and_offered_for_merging() {
    let (dir, file, shipped) = shared_folder("noticed");
    let mut h = harness(App::start(Some(file.clone()), in_folder(&dir)));
    h.key_press(Key::Plus);
    type_and_enter(&mut h, "Mine, unsaved.");
    // Someone else saves the file: a claim of theirs.
    let mut theirs = shipped.clone();
    let (edit, _) = argmap::edit::add_claim(&theirs, "Their new claim");
    argmap::edit::apply(&mut theirs, edit).unwrap();
    std::fs::write(&file, argmap::io::to_ron_string(&theirs)).unwrap();
    std::thread::sleep(argmap::ui::WATCH_EVERY + std::time::Duration::from_millis(100));
    h.run_steps(4);
    h.get_by_label("The file changed on disk");
    // Later: nothing changes, and it is not asked again for the same change.
    h.get_by_label("Later").click();
    h.run_steps(2);
    assert!(!h.state().doc().map().statements().any(|s| s.text == "Their new claim"));
    assert!(h.state().status().contains("Save will merge the changes in"), "{}", h.state().status());
    std::thread::sleep(argmap::ui::WATCH_EVERY + std::time::Duration::from_millis(100));
    h.run_steps(2);
    assert!(h.query_by_label("The file changed on disk").is_none());
    // Saving merges: both are in the file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    let saved = argmap::io::load_path(&file).unwrap();
    assert!(saved.statements().any(|s| s.text == "Their new claim"));
    assert!(saved.statements().any(|s| s.text == "Mine, unsaved."));
    // A file that can no longer be read as a map is never written over.
    std::fs::write(&file, "(version: 1, title: ").unwrap();
    h.key_press(Key::Plus);
    type_and_enter(&mut h, "More of mine.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "(version: 1, title: ");
    assert!(h.query_all_by_label_contains("Nothing was written").next().is_some());
    assert!(h.state().doc().is_dirty(), "the work stays, unsaved");
}
