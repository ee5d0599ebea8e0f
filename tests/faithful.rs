//! The map says only what its author said (issue 31), driven headless through egui_kittest as a
//! user drives it: deletes that keep what every statement says, one numbering for citations,
//! undo that undoes the last thing done, explanations in the user's words, pictures that keep
//! what the map says visible, overlays that hide nothing the user works on.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::model::{RelationKind, Role};
use argmap::ui::{App, Settings};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;
use common::ui::select;

const ROOT: &str = "cooperate-with-transition";

fn harness_sized(app: App, size: egui::Vec2) -> Harness<'static, App> {
    let mut h = Harness::builder().with_size(size).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_steps(3);
    h
}

fn shipped() -> Harness<'static, App> {
    harness_sized(App::start(None, Settings::default()), egui::vec2(1600.0, 1000.0))
}

/// How many parts the frame of the group `id` is drawn in.
fn frame_parts(h: &Harness<'_, App>, id: &str) -> usize {
    let map = h.state().doc().map();
    let place = map.groups().iter().position(|g| g.id.as_str() == id).unwrap() as u32;
    let derived = h.state().derived().unwrap();
    derived.scene.frames.iter().find(|f| f.group == place).map_or(0, |f| f.parts.len())
}

#[test]
fn issue31_deleting_an_objection_and_keeping_its_reasons_keeps_them_against_the_claim() {
    let mut h = shipped();
    let camp = "honest-broker-concerns";
    let reasons: Vec<String> = {
        let map = h.state().doc().map();
        map.relations_to("precedent")
            .into_iter()
            .flat_map(|r| map.relation(r).unwrap().premises.clone())
            .map(|p| p.to_string())
            .collect()
    };
    assert_eq!(reasons.len(), 3);
    assert_eq!(frame_parts(&h, camp), 1, "the honest-broker camp is one frame");
    let verdict = |h: &Harness<'_, App>| {
        let map = h.state().doc().map();
        let topo = argmap::model::Topology::new(map);
        let labels = argmap::eval::Evaluation::of(map, &topo).labels;
        argmap::eval::verdict(&topo, &labels, topo.position(ROOT).unwrap()).unwrap().0
    };
    let before = verdict(&h);

    select(&mut h, "precedent");
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label_contains("Keep them: attach them to \"MINUSMA should keep").click();
    h.run_steps(3);
    let map = h.state().doc().map();
    assert!(!map.contains("precedent"));
    for r in &reasons {
        assert_eq!(map.parent_of(r).map(|s| s.as_str()), Some(ROOT), "{r}");
        let rel = map.relation(map.hangs_by(r).unwrap()).unwrap();
        assert_eq!(rel.kind, RelationKind::Objection, "{r}: a reason for an objection is against the claim");
        assert_eq!(map.role(r), Some(Role::Objection));
        assert_eq!(map.group_of(r).map(|g| g.as_str()), Some(camp), "{r} stays in its camp");
    }
    assert_eq!(frame_parts(&h, camp), 1, "the camp's frame stays one frame");
    assert_eq!(before, argmap::eval::Verdict::Reject);
    assert_eq!(verdict(&h), before, "the suggested verdict on the claim does not flip");
    let status = h.state().status().to_owned();
    assert!(status.contains("now argue about \"MINUSMA should keep"), "{status}");
    assert!(status.contains("as 3 objections"), "{status}");

    // One undo step brings it back as it was.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let map = h.state().doc().map();
    assert!(map.contains("precedent"));
    assert!(!h.state().doc().history().is_dirty());
    assert_eq!(map, &argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap());
}

#[test]
fn issue31_where_nothing_can_keep_the_meaning_the_dialog_says_why_and_offers_only_the_branch() {
    let mut h = shipped();
    // A co-premise of a linked argument, given a reason of its own.
    let map = h.state().doc().map().clone();
    let linked = map.relations().find(|(_, r)| r.is_linked()).map(|(_, r)| r.premises.clone());
    let Some(premises) = linked else { panic!("the shipped map has a linked argument") };
    let target = premises[0].clone();
    // Give it a reason, so something hangs from it.
    select(&mut h, &target);
    h.key_press(Key::Plus); // + adds a reason
    common::ui::type_and_enter(&mut h, "A reason for a co-premise.");
    select(&mut h, &target);
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label_contains("They cannot be kept: it counts only together with");
    assert!(h.query_by_label_contains("Keep them").is_none(), "only choices that keep the meaning");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().doc().map().contains(&target));
}

#[test]
fn issue31_a_quote_taken_from_the_pane_is_cited_as_the_pane_numbers_it_like_the_others() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed");
    let settings = Settings { document_folders: vec![seed.into()], ..Settings::default() };
    let mut h = harness_sized(App::start(None, settings), egui::vec2(1600.0, 1000.0));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::D);
    h.run_steps(4);
    // The claim quotes the tenth paragraph as a reader counts (the pane's ¶10).
    let claim = h.state().doc().map().statement(ROOT).unwrap().source.clone().unwrap();
    assert_eq!(claim.reference, "CIPS Blog 2020, paragraph 10");
    assert_eq!(claim.at.unwrap().paragraph, 10);
    h.get_by_label("¶10");
    common::ui::select_words(&mut h, "Just after the coup, a spokesperson", 4);
    h.get_by_label_contains("Selected in ¶10");
    // + as a real keyboard sends it: the key and its text (the text must not reach the paragraph).
    let key = |pressed| egui::Event::Key {
        key: Key::Plus,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    h.event(key(true));
    h.event(egui::Event::Text("+".into()));
    h.event(key(false));
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let map = h.state().doc().map();
    let new = h.state().view().selected.clone().unwrap();
    let source = map.statement(&new).unwrap().source.clone().unwrap();
    assert_eq!(source.at.unwrap().paragraph, 10);
    assert_eq!(source.reference, claim.reference, "one paragraph, one citation");
    // The inspector shows the citation of the place found, as the hover and the exports do.
    let field = h.get_by_label("Reference");
    assert_eq!(field.value().as_deref(), Some("CIPS Blog 2020, paragraph 10"));
}

/// Every label and value the app shows (its accessibility tree, which is what a screen reader
/// reads and what the screen shows), but the Argdown text and a bare id beside a role.
fn shown_text(h: &Harness<'_, App>) -> Vec<String> {
    use egui_kittest::kittest::NodeT;
    h.query_all(egui_kittest::kittest::By::new().predicate(|_| true))
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value(), node.description()]
        })
        .flatten()
        .filter(|t| !t.starts_with("[cooperate-with-transition]"))
        .collect()
}

#[test]
fn issue31_explanations_and_changes_name_statements_by_their_words() {
    let dir = common::scratch("faithful", "words");
    let file = dir.join("minusma.ron");
    std::fs::write(&file, argmap::MINUSMA_RON).unwrap();
    let mut h = harness_sized(App::start(Some(file), Settings::default()), egui::vec2(1600.0, 1000.0));
    // An objection given a rebuttal and an undercut, as the issue found it.
    select(&mut h, "honest-broker");
    h.key_press(Key::Minus);
    common::ui::type_and_enter(&mut h, "The mission was never an honest broker.");
    select(&mut h, "honest-broker");
    h.key_press(Key::U);
    common::ui::type_and_enter(&mut h, "Brokerage does not depend on distance from the state.");
    select(&mut h, "honest-broker");
    h.run_steps(2);
    let shown = shown_text(&h);
    let explanation = shown.iter().find(|t| t.contains("The argument it belongs to is disabled")).unwrap();
    assert!(
        explanation
            .contains("\u{201c}Brokerage does not depend on distance from the\u{2026}\u{201d} undercuts it"),
        "{explanation}"
    );
    assert!(
        explanation.contains("so its objection to \u{201c}MINUSMA should keep cooperating"),
        "an objection is not said to lend support: {explanation}"
    );
    // Compare with the last saved version: the Changes panel too.
    common::ui::menu(&mut h, &["File", "Compare with last saved"]);
    h.get_by_label("Changes");
    let ids: Vec<String> =
        h.state().doc().map().statements().map(|s| s.id.to_string()).filter(|id| id.contains('-')).collect();
    let shown = shown_text(&h);
    assert!(
        shown.iter().any(|t| t.starts_with("Added the rebuttal \u{201c}The mission was never")),
        "{shown:#?}"
    );
    for text in &shown {
        for id in &ids {
            assert!(text == id || !text.contains(id.as_str()), "{id} shown in {text:?}");
        }
        assert!(!text.contains("[-") && !text.contains("{+"), "markup shown: {text:?}");
    }
}

/// The text items of the canvas's scene (what it paints, beside the boxes).
fn scene_texts(h: &Harness<'_, App>) -> Vec<String> {
    let scene = &h.state().derived().unwrap().scene;
    scene
        .items
        .iter()
        .filter_map(|i| match i {
            argmap::scene::Item::Text { text, .. } => Some(text.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn issue31_a_new_groups_title_is_drawn_on_the_canvas_in_every_arrangement() {
    let mut h = shipped();
    // Two objections of the right-hand column grouped: Ctrl-click, then Ctrl+G.
    select(&mut h, "civilian-protection");
    h.get_by_label_contains("objection: It could undermine the UN as a plausible")
        .click_modifiers(egui::Modifiers::COMMAND);
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::G);
    h.run_steps(3);
    let map = h.state().doc().map();
    assert_eq!(
        map.group_of("rights-advocacy").map(|g| map.group(g).unwrap().title.as_str()),
        Some("Group 1")
    );
    for arrangement in argmap::model::Arrangement::ALL {
        common::ui::menu(&mut h, &["View", "Layout", arrangement.label()]);
        h.key_press(Key::Escape);
        h.run_steps(2);
        let frames = &h.state().derived().unwrap().scene.frames;
        assert_eq!(frames.len(), 3, "{arrangement:?}");
        assert!(frames.iter().all(|f| f.label.is_some()), "{arrangement:?}: every frame titled");
        let texts = scene_texts(&h);
        for title in ["Group 1", "State-centric peacebuilding", "Honest-broker concerns"] {
            assert!(texts.iter().any(|t| t == title), "{arrangement:?}: {title} drawn");
        }
    }
}

/// The screen rectangle of the node labelled exactly `label`.
fn rect_of(h: &Harness<'_, App>, label: &str) -> egui::Rect {
    h.get_by_label(label).rect()
}

/// The screen rectangle of statement `id`'s box.
fn box_rect(h: &Harness<'_, App>, id: &str) -> egui::Rect {
    let app = h.state();
    let r = app.derived().and_then(|d| d.layout.rect(app.doc().map(), id)).unwrap();
    app.view().camera.rect_to_screen(app.canvas_rect().unwrap(), &r)
}

#[test]
fn issue31_the_first_view_shows_the_claim_with_its_camps_names_and_the_hint_covers_nothing() {
    for size in [egui::vec2(1600.0, 1000.0), egui::vec2(1280.0, 800.0)] {
        let h = harness_sized(App::start(None, Settings::default()), size);
        let app = h.state();
        let canvas = app.canvas_rect().unwrap();
        assert!(canvas.contains_rect(box_rect(&h, ROOT)), "{size:?}: the claim in view");
        let frames = &app.derived().unwrap().scene.frames;
        assert_eq!(frames.len(), 2);
        for f in frames {
            let (title, _) = f.label.unwrap();
            let on_screen = app.view().camera.rect_to_screen(canvas, &title);
            assert!(
                canvas.contains_rect(on_screen),
                "{size:?}: camp {} named in view: {on_screen:?}",
                f.group
            );
        }
        assert!(app.view().camera.zoom >= argmap::ui::NAMED_ZOOM, "{size:?}: legible");
        // The first-run hint is docked under the canvas, over no box.
        let hint = h.get_by_label_contains("Select a statement; + adds a reason").rect();
        assert!(!hint.intersects(canvas), "{size:?}: the hint {hint:?} is outside the canvas {canvas:?}");
    }
}

#[test]
fn issue31_opening_and_closing_panes_keeps_the_arrangement_and_the_selection_in_view() {
    let mut h = shipped();
    select(&mut h, "precedent");
    let arrangement = |h: &Harness<'_, App>| h.state().derived().unwrap().layout.arrangement;
    let before = arrangement(&h);
    assert_eq!(before, argmap::model::Arrangement::TwoSides);
    for key in [Key::D, Key::T, Key::D, Key::T] {
        h.key_press_modifiers(egui::Modifiers::COMMAND, key);
        h.run_steps(4);
        assert_eq!(arrangement(&h), before, "{key:?}: the arrangement the user sees");
        let canvas = h.state().canvas_rect().unwrap();
        assert!(canvas.contains_rect(box_rect(&h, "precedent")), "{key:?}: the selection in view");
    }
}

#[test]
fn issue31_a_new_statement_is_never_left_under_the_minimap() {
    let mut h = shipped();
    common::ui::menu(&mut h, &["View", "Minimap"]);
    h.key_press(Key::Escape);
    h.run_steps(2);
    // An objection of the right-hand column, panned into the minimap's corner (as a user drags
    // the map), gets a rebuttal.
    select(&mut h, "civilian-protection");
    let (canvas, r) = (h.state().canvas_rect().unwrap(), box_rect(&h, "civilian-protection"));
    let at = canvas.right_bottom() - egui::vec2(60.0 + r.width() / 2.0, 60.0 + r.height() / 2.0);
    common::ui::drag_background(&mut h, at - r.center());
    let under = rect_of(&h, "Minimap: click to move the view");
    assert!(box_rect(&h, "civilian-protection").intersects(under), "under the minimap to start with");
    h.key_press(Key::Minus);
    common::ui::type_and_enter(&mut h, "A rebuttal added by the minimap.");
    h.run_steps(3);
    let new =
        h.state().doc().map().statements().find(|s| s.text == "A rebuttal added by the minimap.").unwrap();
    let id = new.id.to_string();
    let r = box_rect(&h, &id);
    let canvas = h.state().canvas_rect().unwrap();
    assert!(canvas.contains_rect(r), "in view: {r:?}");
    // The minimap as it is now (the map's new shape reshapes it).
    let minimap = rect_of(&h, "Minimap: click to move the view");
    assert!(!r.intersects(minimap), "the new box {r:?} is clear of the minimap {minimap:?}");
}

#[test]
fn issue31_a_changes_tag_covers_no_other_box() {
    let dir = common::scratch("faithful", "tags");
    let file = dir.join("minusma.ron");
    std::fs::write(&file, argmap::MINUSMA_RON).unwrap();
    let mut h = harness_sized(App::start(Some(file), Settings::default()), egui::vec2(1600.0, 1000.0));
    // Reasons stacked close together: one reworded, so its tag sits above it, between boxes.
    for id in ["mandate-state-authority", "cooperation-with-forces", "civilian-protection"] {
        select(&mut h, id);
        h.key_press(Key::F2);
        h.run_steps(2);
        h.event(egui::Event::Text(" (reworded)".into()));
        h.key_press(Key::Enter);
        h.run_steps(2);
    }
    common::ui::menu(&mut h, &["File", "Compare with last saved"]);
    h.key_press(Key::F);
    h.run_steps(3);
    let app = h.state();
    let canvas = app.canvas_rect().unwrap();
    let boxes: Vec<(String, egui::Rect)> = app
        .doc()
        .map()
        .statements()
        .map(|s| (s.id.to_string(), box_rect(&h, &s.id)))
        .filter(|(_, r)| r.intersects(canvas))
        .collect();
    let tags: Vec<_> = h
        .query_all_by_label_contains("reworded since")
        .filter(|n| n.accesskit_node().label().is_some_and(|l| l.starts_with("reworded since")))
        .collect();
    assert_eq!(tags.len(), 3);
    for tag in tags {
        let r = tag.rect();
        let own = tag.accesskit_node().label().unwrap_or_default();
        for (id, b) in &boxes {
            let own_box =
                own.contains(&argmap::printable::short(&app.doc().map().statement(id).unwrap().text));
            assert!(own_box || !b.shrink(1.0).intersects(r), "the tag {own:?} at {r:?} covers {id} at {b:?}");
        }
    }
}

#[test]
fn issue31_escape_closes_help_and_a_click_on_the_empty_map_clears_the_selection() {
    let mut h = shipped();
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(h.state().view().help);
    h.get_by_label("Getting started");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().view().help, "Escape closes Help");
    assert!(h.query_by_label("Getting started").is_none());
    // A click on the map where no box is: nothing selected (Back brings it back).
    select(&mut h, "precedent");
    let canvas = h.state().canvas_rect().unwrap();
    let empty = canvas.left_top() + egui::vec2(4.0, 4.0);
    let map = h.state().doc().map();
    assert!(map.statements().all(|s| !box_rect(&h, &s.id).contains(empty)), "an empty place");
    h.event(egui::Event::PointerMoved(empty));
    for pressed in [true, false] {
        let button = egui::PointerButton::Primary;
        h.event(egui::Event::PointerButton { pos: empty, button, pressed, modifiers: egui::Modifiers::NONE });
    }
    h.run_steps(2);
    assert_eq!(h.state().view().selected, None, "the click cleared the selection");
    h.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().view().selected.as_deref(), Some("precedent"), "Back brings it back");
}

#[test]
fn issue31_a_map_opened_by_a_relative_path_is_remembered_absolutely() {
    // Tests run in the package's folder: the shipped map by its relative path, as a user types
    // `argmap maps/mali-minusma.ron` in a shell.
    let relative = std::path::PathBuf::from("maps/mali-minusma.ron");
    assert!(relative.is_file());
    let h = harness_sized(App::start(Some(relative), Settings::default()), egui::vec2(1280.0, 800.0));
    let app = h.state();
    let recent = &app.settings().recent[0];
    assert!(recent.is_absolute() && recent.is_file(), "Open Recent works from any folder: {recent:?}");
    assert!(app.doc().path().as_ref().is_some_and(|p| p.is_absolute()));
    let folder = app.settings().last_folder.as_ref().unwrap();
    assert!(folder.is_absolute() && folder.is_dir(), "the dialogs open on it from anywhere: {folder:?}");
}

#[test]
fn issue31_enter_saves_in_the_built_in_dialog_wherever_the_keyboard_is() {
    let dir = common::scratch("faithful", "enter");
    let settings =
        Settings { last_folder: Some(dir.to_path_buf()), builtin_dialogs: true, ..Settings::default() };
    let mut h = harness_sized(App::start(None, settings), egui::vec2(1280.0, 800.0));
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::S);
    h.run_steps(4);
    assert!(h.state().choosing_file(), "the dialog is open");
    // The name field holds the map's name; the keyboard is not in it: Enter saves.
    let focused = h.ctx.memory(|m| m.focused());
    assert!(focused.is_none_or(|id| egui::TextEdit::load_state(&h.ctx, id).is_none()), "{focused:?}");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(!h.state().choosing_file(), "Enter chose the name");
    let saved: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0].extension().and_then(|e| e.to_str()), Some("ron"));
    assert_eq!(argmap::io::load_path(&saved[0]).unwrap(), *h.state().doc().map());
}
