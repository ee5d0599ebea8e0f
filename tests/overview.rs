//! The whole map on one screen, driven through the real app headless (egui_kittest): the layout
//! a user picks is saved and undone like any edit, F shows the shipped map whole and readable,
//! a wheel notch zooms gently, several statements are selected and grouped, the minimap moves
//! the view, and focus mode lays out and fits only what it shows.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::model::Arrangement;
use argmap::ui::{App, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::ui::menu;

fn harness(size: egui::Vec2) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::start(None, Settings::default()));
    h.run_steps(3);
    h
}

fn shipped() -> Harness<'static, App> {
    harness(egui::vec2(1600.0, 1000.0))
}

/// Every drawn box on screen, with the canvas: (canvas, box rectangles on screen).
fn boxes_on_screen(h: &Harness<'_, App>) -> (egui::Rect, Vec<egui::Rect>) {
    let app = h.state();
    let canvas = app.canvas_rect().expect("the canvas is drawn");
    let derived = app.derived().expect("the map is derived");
    let rects =
        derived.scene.boxes.iter().map(|b| app.view().camera.rect_to_screen(canvas, &b.rect)).collect();
    (canvas, rects)
}

#[test]
fn the_layout_chosen_in_the_view_menu_is_saved_with_the_map_and_undone_like_an_edit() {
    let dir = common::scratch("overview", "layout");
    let mut h = shipped();
    assert_eq!(h.state().doc().map().arrangement, Arrangement::Automatic);
    menu(&mut h, &["View", "Layout", "Top down"]);
    assert_eq!(h.state().doc().map().arrangement, Arrangement::TopDown);
    let derived = h.state().derived().unwrap();
    assert_eq!(derived.layout.arrangement, Arrangement::TopDown, "the canvas is drawn top down");
    // Saved in the file, read back the same.
    let path = dir.join("m.ron");
    argmap::io::save(h.state().doc().map(), &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("layout: top_down"), "{}", &text[..200]);
    assert_eq!(argmap::io::load_path(&path).unwrap().arrangement, Arrangement::TopDown);
    // One undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().doc().map().arrangement, Arrangement::Automatic);
    assert_ne!(h.state().derived().unwrap().layout.arrangement, Arrangement::TopDown);
}

#[test]
fn f_shows_the_whole_shipped_map_readable_in_a_1600_by_1000_window() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(3);
    let zoom = h.state().view().camera.zoom;
    assert!(zoom >= 0.6, "F fits the shipped map at {zoom:.2}, under 60%");
    let (canvas, rects) = boxes_on_screen(&h);
    assert_eq!(rects.len(), 27);
    for r in rects {
        assert!(canvas.contains_rect(r), "{r:?} is outside the canvas {canvas:?}");
    }
}

#[test]
fn one_wheel_notch_with_ctrl_zooms_by_at_most_1_2() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(3);
    let before = h.state().view().camera.zoom;
    let canvas = h.state().canvas_rect().unwrap();
    h.event(egui::Event::PointerMoved(canvas.center()));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 1.0),
        modifiers: Modifiers::COMMAND,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(6);
    let ratio = h.state().view().camera.zoom / before;
    assert!(ratio > 1.01 && ratio <= 1.2, "one notch zoomed by {ratio:.3}");
}

#[test]
fn ctrl_click_selects_several_and_ctrl_g_groups_them_in_one_undo_step() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(3);
    h.get_by_label_contains("reason: Acceptance of the transitional").click();
    h.run_steps(2);
    h.get_by_label_contains("reason: The junta (CNSP)").click_modifiers(Modifiers::COMMAND);
    h.run_steps(2);
    assert_eq!(h.state().view().selection().len(), 2, "{:?}", h.state().view().selection());
    h.get_by_label_contains("2 statements selected");
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_steps(3);
    let map = h.state().doc().map();
    let group = map.groups().last().unwrap().clone();
    assert_eq!(group.title, "Group 1");
    let members: Vec<String> = map.members(&group.id).iter().map(|m| m.to_string()).collect();
    assert_eq!(members, ["clear-partners", "junta-open"]);
    // The frame is drawn behind them, and covers no other box.
    let derived = h.state().derived().unwrap();
    let place = map.groups().len() as u32 - 1;
    let frame = derived.scene.frames.iter().find(|f| f.group == place).expect("a frame");
    for b in &derived.scene.boxes {
        let member = derived
            .layout
            .index
            .statement(map, b.position)
            .is_some_and(|s| members.contains(&s.id.to_string()));
        if !member {
            assert!(frame.parts.iter().all(|p| !p.overlaps(&b.rect)), "the frame covers {b:?}");
        }
    }
    // Renamed in the inspector.
    h.get_by_label("Group").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Context".into()));
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().doc().map().group(&group.id).unwrap().title, "Context");
    // Undo: first the new name, then the group.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().group(&group.id).unwrap().title, "Group 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().doc().map().group(&group.id).is_none());
    assert_eq!(
        h.state().doc().map().group_of("clear-partners").map(|g| g.as_str()),
        Some("state-centric-peacebuilding")
    );
}

#[test]
fn deleting_a_multiple_selection_is_one_step() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(3);
    h.get_by_label_contains("objection: One of the coup leaders").click();
    h.run_steps(2);
    h.get_by_label_contains("objection: The military is over-represented").click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    h.key_press(Key::Delete);
    h.run_steps(3);
    let map = h.state().doc().map();
    assert_eq!(map.statement_count(), 25);
    assert!(!map.contains("coup-leader-vice-president") && !map.contains("military-over-represented"));
    map.validate().unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc().map().statement_count(), 27);
    assert!(
        h.state().doc().map().group_of("military-over-represented").is_some(),
        "undo restores the group too"
    );
}

#[test]
fn the_minimap_shows_the_view_and_a_click_moves_it() {
    let mut h = shipped();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(2);
    menu(&mut h, &["View", "Minimap"]);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().view().minimap);
    let map = h.get_by_label_contains("Minimap: click to move the view");
    let area = map.rect();
    let before = h.state().view().camera.center;
    // The left edge of the minimap is the left edge of the map.
    h.event(egui::Event::PointerMoved(egui::pos2(area.left() + 6.0, area.center().y)));
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(area.left() + 6.0, area.center().y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(area.left() + 6.0, area.center().y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    let after = h.state().view().camera.center;
    let bounds = h.state().derived().unwrap().scene.bounds.unwrap();
    assert!(after.x < before.x - 100.0, "the view moved left: {before:?} to {after:?}");
    assert!((after.x - bounds.x).abs() < bounds.w * 0.05, "to the map's left edge: {after:?}, {bounds:?}");
}

#[test]
fn focus_mode_lays_out_the_neighbourhood_alone_and_f_fits_it() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(3);
    let whole = h.state().view().camera.zoom;
    h.get_by_label_contains("objection: It would set a precedent").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(3);
    h.key_press(Key::F);
    h.run_steps(3);
    let derived = h.state().derived().unwrap();
    let shown = derived.focus.as_ref().unwrap().len();
    assert!(shown < 27, "focus shows a part of the map: {shown}");
    assert_eq!(derived.layout.placed.len(), shown, "only the focused statements are laid out");
    let zoom = h.state().view().camera.zoom;
    assert!(
        zoom > whole,
        "F in focus mode fits the neighbourhood, closer than the whole map ({zoom} vs {whole})"
    );
    let (canvas, rects) = boxes_on_screen(&h);
    assert_eq!(rects.len(), shown);
    for r in rects {
        assert!(canvas.contains_rect(r), "{r:?} is outside the canvas {canvas:?}");
    }
}

/// Presses the primary button at `from` with `modifiers`, moves to `to` in steps, releases.
fn drag(h: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2, modifiers: Modifiers) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    };
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::PointerMoved(from));
    h.run_steps(1);
    h.event(button(from, true));
    h.run_steps(1);
    for k in 1..=5 {
        h.event(egui::Event::PointerMoved(from + (to - from) * (k as f32 / 5.0)));
        h.run_steps(1);
    }
    h.event(button(to, false));
    h.run_steps(1);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(2);
}

#[test]
fn a_rubber_band_selects_the_boxes_it_touches_and_space_and_dragging_act_on_all_of_them() {
    let mut h = shipped();
    h.key_press(Key::F);
    h.run_steps(3);
    // A band over the two objections to "Cooperation became more palatable", from the empty
    // canvas beside them.
    let a = h.get_by_label_contains("objection: One of the coup leaders").rect();
    let b = h.get_by_label_contains("objection: The military is over-represented").rect();
    let from = egui::pos2(a.left() - 12.0, a.top() - 6.0);
    let to = egui::pos2(b.center().x, b.center().y);
    drag(&mut h, from, to, Modifiers::SHIFT);
    let ids: Vec<String> = h.state().view().selection().iter().map(|s| s.to_string()).collect();
    assert!(ids.contains(&"coup-leader-vice-president".to_owned()), "{ids:?}");
    assert!(ids.contains(&"military-over-represented".to_owned()), "{ids:?}");
    assert!(h.state().doc().map().statements().all(|s| s.pinned.is_none()), "a band moves nothing");
    assert!(h.state().doc().history().undo_label().is_none(), "and changes nothing");
    // Dragging one of them moves both, as one undo step.
    let before: Vec<_> = ["coup-leader-vice-president", "military-over-represented"]
        .iter()
        .map(|id| h.state().derived().unwrap().layout.rect(h.state().doc().map(), id).unwrap())
        .collect();
    let box_a = h.get_by_label_contains("objection: One of the coup leaders").rect().center();
    drag(&mut h, box_a, box_a + egui::vec2(0.0, 60.0), Modifiers::NONE);
    let map = h.state().doc().map();
    for (id, was) in ["coup-leader-vice-president", "military-over-represented"].iter().zip(&before) {
        let pin = map.statement(id).unwrap().pinned.unwrap_or_else(|| panic!("{id} is pinned"));
        assert!(pin.y > was.y + 20.0, "{id} moved down: {pin:?} from {was:?}");
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state().doc().map().statement("military-over-represented").unwrap().pinned.is_none(),
        "one undo step"
    );
    // Space collapses every selected branch: select the two reasons with objections below them.
    h.get_by_label_contains("reason: Cooperation became more palatable").click();
    h.run_steps(2);
    h.get_by_label_contains("reason: The transitional authorities are willing")
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    h.key_press(Key::Space);
    h.run_steps(3);
    let collapsed = &h.state().view().collapsed;
    assert!(
        collapsed.contains("civilian-leaders") && collapsed.contains("authorities-willing"),
        "{collapsed:?}"
    );
}
