//! A newcomer's first hour (issue 18), driven headless through egui_kittest: orientation, safe
//! deletes, a view that does not jump, an evaluation that reads right, help that fits, one set
//! of names for the commands, file dialogs that remember.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::model::{Mark, Role};
use argmap::ui::{App, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

mod common;
use common::ui::{menu, select, type_and_enter, until_exported};

const ROOT: &str = "cooperate-with-transition";
const QUESTION: &str =
    "Should MINUSMA keep cooperating closely with Mali's post-coup transitional government?";

fn harness_sized(app: App, size: egui::Vec2) -> Harness<'static, App> {
    let mut h = Harness::builder().with_size(size).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_steps(3);
    h
}

fn shipped() -> Harness<'static, App> {
    harness_sized(App::start(None, Settings::default()), egui::vec2(1400.0, 900.0))
}

fn selected(h: &Harness<'_, App>) -> String {
    h.state().view().selected.as_ref().map(|s| s.to_string()).unwrap_or_default()
}

/// The box of a statement on screen, in map units, and the map rectangle the canvas shows.
fn box_and_view(h: &Harness<'_, App>, id: &str) -> (argmap::layout::Rect, argmap::layout::Rect) {
    let app = h.state();
    let r = app.derived().and_then(|d| d.layout.rect(app.doc().map(), id)).unwrap();
    (r, app.view().camera.visible(app.canvas_rect().unwrap()))
}

fn inside(r: &argmap::layout::Rect, view: &argmap::layout::Rect) -> bool {
    r.x >= view.x && r.y >= view.y && r.right() <= view.right() && r.bottom() <= view.bottom()
}

fn claims(h: &Harness<'_, App>) -> usize {
    h.state().doc().map().claims().count()
}

#[test]
fn the_window_names_the_map_and_its_question_heads_the_canvas() {
    let mut h = shipped();
    assert_eq!(h.state().title(), format!("{QUESTION} — argmap"));
    let question = h.get_by_label(QUESTION).rect();
    let claim = h.get_by_label_contains("claim: MINUSMA should keep cooperating").rect();
    assert!(question.bottom() <= claim.top(), "the question {question:?} is above the claim {claim:?}");
    // It stays at the top of the map when the whole map is fitted (F).
    h.key_press(Key::F);
    h.run_steps(3);
    let canvas = h.state().canvas_rect().unwrap();
    assert!(canvas.contains_rect(h.get_by_label(QUESTION).rect()), "the fitted view shows the question");
}

#[test]
fn a_first_run_hint_shows_until_the_user_has_added_a_statement() {
    let mut h = shipped();
    h.get_by_label_contains("+ adds a reason, − an objection");
    h.key_press(Key::Minus);
    h.run_steps(2);
    h.get_by_label_contains("+ adds a reason, − an objection"); // not yet: nothing is kept
    type_and_enter(&mut h, "The transition charter itself promises elections.");
    assert!(h.query_by_label_contains("+ adds a reason, − an objection").is_none());
    assert!(h.state().settings().hint_done, "remembered for the next start");
    let again = harness_sized(App::start(None, h.state().settings().clone()), egui::vec2(1400.0, 900.0));
    assert!(again.query_by_label_contains("+ adds a reason, − an objection").is_none());
}

#[test]
fn the_legend_sits_under_the_canvas_and_can_be_hidden() {
    let mut h = shipped();
    let canvas = h.state().canvas_rect().unwrap();
    let legend = h.get_by_label("source quote (hover)").rect();
    assert!(
        legend.top() >= canvas.bottom(),
        "the legend {legend:?} is below the canvas {canvas:?}, over no box"
    );
    h.get_by_label("Hide legend").click();
    h.run_steps(3);
    assert!(h.query_by_label("source quote (hover)").is_none());
    assert!(h.state().canvas_rect().unwrap().height() > canvas.height(), "the canvas takes the room");
    menu(&mut h, &["View", "Legend"]);
    h.get_by_label("source quote (hover)");
}

#[test]
fn deleting_a_statement_with_premises_asks_and_never_leaves_stray_claims() {
    let mut h = shipped();
    select(&mut h, "pragmatic-short-term");
    h.key_press(Key::Delete);
    h.run_steps(2);
    // It asks, naming what hangs from it: junta-open, junta-popular and months-of-protests.
    h.get_by_label_contains("has 3 statements hanging from it");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().doc().map().contains("pragmatic-short-term"));
    assert!(!h.state().doc().history().is_dirty(), "Cancel changes nothing");

    // Keep them: they hang under its conclusion, the claim, and are selected there.
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label_contains("Keep them: attach them to").click();
    h.run_steps(3);
    let map = h.state().doc().map();
    assert!(!map.contains("pragmatic-short-term"));
    assert_eq!(map.parent_of("junta-open").map(|s| s.as_str()), Some(ROOT));
    assert_eq!(map.parent_of("months-of-protests").map(|s| s.as_str()), Some("junta-popular"));
    assert_eq!(claims(&h), 1, "no stray claims");
    assert_eq!(selected(&h), ROOT);
    assert!(h.state().status().contains("now argue about \"MINUSMA should keep"), "{}", h.state().status());

    // One undo step brings it all back; the whole branch goes in one step too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc().map().parent_of("junta-open").map(|s| s.as_str()),
        Some("pragmatic-short-term")
    );
    select(&mut h, "pragmatic-short-term");
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label("Delete the whole branch (4 statements)").click();
    h.run_steps(2);
    let map = h.state().doc().map();
    assert_eq!(map.statement_count(), 23);
    assert!(!map.contains("months-of-protests"));
    assert_eq!(claims(&h), 1);

    // An objection with an answered undercut: its rebuttal would be a stray.
    select(&mut h, "enables-counter-terrorism");
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label("Delete the whole branch (2 statements)").click();
    h.run_steps(2);
    assert!(!h.state().doc().map().contains("no-own-counter-terrorism"));
    assert_eq!(claims(&h), 1);
    h.state().doc().map().validate().unwrap();
}

#[test]
fn selecting_pans_only_as_far_as_needed_and_an_add_keeps_its_parent_in_view() {
    let mut h = shipped();
    // The claim clicked, then zoomed in (Ctrl+=, three times) to about 100%.
    common::ui::select(&mut h, ROOT);
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        h.run_steps(1);
    }
    h.run_steps(1);
    assert!(h.state().view().camera.zoom > 0.9, "zoomed in: {}", h.state().view().camera.zoom);
    // Walk from the claim to its premises with the arrow keys; each time the view moves only as
    // far as needed to show the selected box.
    let mut moved = 0;
    for key in
        [Key::ArrowDown, Key::ArrowRight, Key::ArrowRight, Key::ArrowRight, Key::ArrowRight, Key::ArrowRight]
    {
        let before = h.state().view().camera;
        h.key_press(key);
        h.run_steps(2);
        let id = selected(&h);
        let (r, view) = box_and_view(&h, &id);
        assert!(inside(&r, &view), "{id} is in view");
        let after = h.state().view().camera;
        let margin = 40.0 / after.zoom;
        let snug = |moved: f32, near: f32, far: f32| {
            moved.abs() < 0.01 || (near - margin).abs() < 0.5 || (far - margin).abs() < 0.5
        };
        let (dx, dy) = (after.center.x - before.center.x, after.center.y - before.center.y);
        assert!(
            snug(dx, r.x - view.x, view.right() - r.right()),
            "{id}: moved {dx} across, more than needed"
        );
        assert!(
            snug(dy, r.y - view.y, view.bottom() - r.bottom()),
            "{id}: moved {dy} down, more than needed"
        );
        moved += usize::from(dx != 0.0 || dy != 0.0);
    }
    assert!(moved > 0, "the walk left the first view at least once");
    // After an add, the new statement and its parent are both in view.
    let parent = selected(&h);
    h.key_press(Key::Minus);
    h.run_steps(3);
    let new = selected(&h);
    let (parent, view) = box_and_view(&h, &parent);
    let (added, _) = box_and_view(&h, &new);
    assert!(
        inside(&parent, &view) && inside(&added, &view),
        "parent {parent:?} and new {added:?} in {view:?}"
    );
}

#[test]
fn an_objection_being_typed_counts_only_once_it_is_kept() {
    let mut h = shipped();
    let badge = |h: &Harness<'_, App>, id: &str| {
        let app = h.state();
        let d = app.derived().unwrap();
        let p = d.layout.index.position(app.doc().map(), id).unwrap();
        d.scene.boxes.iter().find(|b| b.position == p).and_then(|b| b.badge).map(|b| b.text())
    };
    select(&mut h, "host-state-consent");
    assert_eq!(badge(&h, "host-state-consent"), Some("IN"));
    h.key_press(Key::Minus);
    h.run_steps(3);
    assert_eq!(badge(&h, "host-state-consent"), Some("IN"), "an empty objection defeats nothing");
    type_and_enter(&mut h, "Consent given under duress is no consent.");
    assert_eq!(badge(&h, "host-state-consent"), Some("OUT"), "kept, it counts");
}

#[test]
fn the_status_line_says_where_the_selected_statement_stands_and_what_to_do() {
    let mut h = shipped();
    // The claim: out, and why in words a newcomer reads right.
    h.get_by_label_contains("Defeated for now: ");
    h.get_by_label_contains("answer them (−) or reject them (R)");
    select(&mut h, "host-state-consent");
    h.get_by_label("Stands: nothing objects to it.");
    // The argument that a standing undercut disables: marked on the map, and said.
    select(&mut h, "mandate-state-authority");
    h.get_by_label_contains("Its argument is disabled by a standing undercut.");
    assert_eq!(h.state().derived().unwrap().scene.disabled, 1, "one DISABLED mark on the map");
    // A what-if mark says so, and how to clear it.
    h.key_press(Key::R);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().mark("mandate-state-authority"), Some(Mark::Rejected));
    h.get_by_label_contains("You rejected it (what-if)");
    // Where the formal label and the verdict both show, the difference is explained.
    select(&mut h, ROOT);
    h.get_by_label_contains("Suggested verdict from the ratings");
    h.get_by_label_contains("The label is formal");
}

#[test]
fn help_opens_with_f1_fits_a_small_window_and_scrolls_to_every_key() {
    let mut h = harness_sized(App::start(None, Settings::default()), egui::vec2(1280.0, 800.0));
    h.key_press(Key::F1);
    h.run_steps(3);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    // The window (the menu's button is called Help too, and is smaller).
    let window =
        h.get_all_by_label("Help").map(|n| n.rect()).max_by(|a, b| a.area().total_cmp(&b.area())).unwrap();
    assert!(screen.contains_rect(window), "the help window {window:?} fits the screen");
    // The last sections (the evaluation, the E and G keys) are reached by scrolling.
    let last = "The label and the suggested verdict answer different questions.";
    for label in ["Show evaluation", "Moving around", last] {
        let node = h.get_by_label_contains(label);
        node.scroll_to_me();
        h.run_steps(3);
        let at = h.get_by_label_contains(label).rect();
        assert!(screen.contains_rect(at), "{label} at {at:?} is on screen");
    }
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(!h.state().view().help, "F1 closes it again");
    h.get(By::new().role(egui::accesskit::Role::Button).label("Help")).click();
    h.run_steps(2);
    // The item is a menu item named "Help", its shortcut (F1) given as a shortcut.
    let item = h.get(By::new().role(egui::accesskit::Role::MenuItem).label("Help"));
    assert_eq!(item.accesskit_node().data().keyboard_shortcut(), Some("F1"));
    item.click();
    h.run_steps(3);
    assert!(h.state().view().help, "Help ▸ Help opens it");
}

#[test]
fn the_context_menu_the_inspector_and_the_edit_menu_offer_the_same_commands() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(2);
    select(&mut h, "honest-broker");
    // The inspector and the Edit menu: on an objection, − adds a rebuttal.
    h.get_by_label("Add rebuttal");
    menu(&mut h, &["Edit"]);
    assert_eq!(h.get_all_by_label_contains("Add rebuttal").count(), 2, "the inspector's and the Edit menu's");
    h.key_press(Key::Escape);
    h.run_steps(2);
    // The context menu: the same names, with undercut and what-if.
    h.get_by_label_contains("objection: Direct support for the new government").click_secondary();
    h.run_steps(2);
    for item in ["Add rebuttal", "Undercut its inference", "What if rejected?", "What if accepted as given?"]
    {
        assert!(h.query_all_by_label_contains(item).next().is_some(), "the context menu offers {item}");
    }
    h.get_all_by_label_contains("Undercut its inference").last().unwrap().click();
    type_and_enter(&mut h, "Brokers can cooperate with both sides.");
    let map = h.state().doc().map();
    let new = h.state().view().selected.clone().unwrap();
    let rel = map.relation(map.relations_from(&new)[0]).unwrap();
    assert!(rel.is_undercut(), "the context menu's undercut objects to the inference");
    assert_eq!(map.role(&new), Some(Role::Rebuttal), "it answers an objection");
}

#[test]
fn each_kind_of_file_dialog_starts_where_that_kind_was_last_chosen() {
    let dir = common::scratch("newcomer", "folders");
    let (maps, pictures) = (dir.join("maps"), dir.join("pictures"));
    std::fs::create_dir_all(&maps).unwrap();
    std::fs::create_dir_all(&pictures).unwrap();
    let settings = Settings { builtin_dialogs: true, ..Settings::default() };
    let mut h = harness_sized(App::start(None, settings), egui::vec2(1400.0, 900.0));
    let chooser_folder = |h: &Harness<'_, App>| match h.state().modal() {
        Some(argmap::ui::Modal::Choose(c)) => c.folder().to_path_buf(),
        _ => panic!("no file dialog open"),
    };
    // The file name field (it holds the suggested name), given a whole path.
    let choose = |h: &mut Harness<'_, App>, path: &std::path::Path| {
        h.run_steps(2);
        let ext = path.extension().unwrap().to_string_lossy().into_owned();
        let field = h.get(
            By::new()
                .role(egui::accesskit::Role::TextInput)
                .predicate(move |n| n.value().is_some_and(|v| v.ends_with(&ext))),
        );
        field.click();
        h.run_steps(2);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(egui::Event::Text(path.display().to_string()));
        h.run_steps(1);
        h.key_press(Key::Enter);
        h.run_steps(4);
        until_exported(h); // (an export, if it was one)
    };
    h.key_press_modifiers(Modifiers::COMMAND, Key::E); // Export PNG…
    h.run_steps(3);
    choose(&mut h, &pictures.join("map.png"));
    assert!(pictures.join("map.png").is_file());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S); // Save As…
    h.run_steps(3);
    choose(&mut h, &maps.join("map.ron"));
    assert!(maps.join("map.ron").is_file());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    assert_eq!(chooser_folder(&h), pictures, "pictures go where pictures went");
    h.key_press(Key::Escape);
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert_eq!(chooser_folder(&h), maps, "maps go where maps went");
}

#[test]
fn an_argdown_argument_name_titles_its_arrow_on_the_map() {
    let dir = common::scratch("newcomer", "argdown");
    let doc = dir.join("week.argdown");
    let text = "[Week]: Firms should adopt a four-day week.\n\n<Lifestyle decision>: People value free time more than income.\n  +> [Week]\n";
    std::fs::write(&doc, text).unwrap();
    let h = harness_sized(App::start(Some(doc), Settings::default()), egui::vec2(1400.0, 900.0));
    let map = h.state().doc().map();
    let argument = map.statements().find(|s| s.text.starts_with("People value")).unwrap();
    let rel = map.relation(map.relations_from(&argument.id)[0]).unwrap();
    assert_eq!(rel.label.as_deref(), Some("Lifestyle decision"));
    assert!(argument.note.as_deref().is_none_or(|n| !n.contains("Lifestyle decision")), "not in the note");
    // On the map: the arrow's tag.
    h.get_by_label_contains("Lifestyle decision");
}
