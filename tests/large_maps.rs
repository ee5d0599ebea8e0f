//! Large maps in the app (issue 35): what a user sees when a map of thousands of statements
//! opens, driven headless through egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::ui::{App, Settings};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn opened(map: argmap::model::ArgumentMap, size: egui::Vec2) -> Harness<'static, App> {
    let app = App::new(map, None, Settings::default());
    let mut h = Harness::builder().with_size(size).build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn issue35_a_large_map_opens_on_its_claim_at_a_readable_zoom() {
    for (n, size) in [(10_000, egui::vec2(1280.0, 800.0)), (3_000, egui::vec2(1600.0, 1000.0))] {
        let h = opened(argmap::synth::generate(n, 1), size);
        let app = h.state();
        let claim = app.doc().map().claims().next().unwrap().id.clone();
        let r = app.derived().and_then(|d| d.layout.rect(app.doc().map(), &claim)).unwrap();
        let canvas = app.canvas_rect().unwrap();
        let on_screen = app.view().camera.rect_to_screen(canvas, &r);
        assert!(canvas.contains_rect(on_screen), "{n}: the claim {on_screen:?} in view {canvas:?}");
        assert!(app.view().camera.zoom >= argmap::ui::NAMED_ZOOM, "{n}: readable, not a sliver");
        let said = app.status();
        assert!(said.contains("statements: the claim is in view; F shows the whole map."), "{n}: {said}");
        // Its text is drawn (a box, not a lane of arrows).
        let words = app.doc().map().statement(&claim).unwrap().text.split(' ').take(3).collect::<Vec<_>>();
        let drawn =
            h.query_all_by_label_contains(&words.join(" ")).any(|node| canvas.contains(node.rect().center()));
        assert!(drawn, "{n}: the claim's words on the canvas");
    }
}

#[test]
fn issue35_fitting_a_large_map_shows_its_structure_not_a_sliver() {
    let mut h = opened(argmap::synth::generate(10_000, 1), egui::vec2(1280.0, 800.0));
    h.key_press(egui::Key::F);
    h.run_steps(3);
    let app = h.state();
    assert!(!app.status().contains("the claim is in view"), "the opening hint goes with the first command");
    let zoom = app.view().camera.zoom;
    // The automatic arrangement of a map this long is its outline, in columns that fill the
    // window: each box a block a few pixels wide (arranged as a tree it was a sliver of
    // one-pixel boxes at 0.2%), the whole map in view.
    assert_eq!(app.derived().unwrap().layout.arrangement, argmap::model::Arrangement::Outline);
    assert!(zoom * argmap::scene::BOX_W >= 3.0, "boxes {} px wide at {zoom}", zoom * argmap::scene::BOX_W);
    let bounds = app.derived().unwrap().layout.bounds.unwrap();
    let canvas = app.canvas_rect().unwrap();
    assert!(
        canvas.expand(1.0).contains_rect(app.view().camera.rect_to_screen(canvas, &bounds)),
        "the whole map"
    );
}
