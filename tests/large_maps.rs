//! Large maps in the app (issue 35): what a user sees when a map of thousands of statements
//! opens, driven headless through egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::ui::{App, Settings};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

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

/// The vertices a frame of `app` sends to the GPU, and whether one of its meshes is textured by
/// a texture of the app's own (not egui's font atlas).
fn frame_cost(app: &mut App, ctx: &egui::Context) -> (usize, bool) {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let mut out =
        ctx.run_ui(egui::RawInput { screen_rect: Some(screen), ..Default::default() }, |ui| app.show(ui));
    out.textures_delta.clear();
    let mut vertices = 0;
    let mut pictured = false;
    for p in ctx.tessellate(out.shapes, out.pixels_per_point) {
        if let egui::epaint::Primitive::Mesh(mesh) = p.primitive {
            vertices += mesh.vertices.len();
            pictured |= mesh.texture_id != egui::TextureId::default();
        }
    }
    (vertices, pictured)
}

#[test]
fn issue35_a_huge_map_far_out_is_one_picture_not_a_mesh_of_every_box() {
    let mut app = App::new(argmap::synth::generate(20_000, 1), None, Settings::default());
    let ctx = egui::Context::default();
    app.view_mut().fit = Some(argmap::ui::Fit::All);
    while app.making_picture() || app.derived().is_none_or(|d| d.key.stamp != app.doc().stamp()) {
        frame_cost(&mut app, &ctx);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    frame_cost(&mut app, &ctx);
    let (vertices, pictured) = frame_cost(&mut app, &ctx);
    assert!(pictured, "the whole map is drawn from its overview");
    assert!(app.derived().unwrap().overview.get().is_some_and(Option::is_some));
    // 20,000 boxes and their arrows as quads were over 100,000 vertices.
    assert!(vertices < 20_000, "{vertices} vertices");
    // The minimap is the same picture, not a rectangle per box.
    app.view_mut().minimap = true;
    let (with_minimap, _) = frame_cost(&mut app, &ctx);
    assert!(with_minimap < vertices + 2_000, "{with_minimap} vertices with the minimap");
    // Near, the boxes in view are drawn as themselves: text and all, no overview.
    let bounds = app.derived().unwrap().layout.bounds.unwrap();
    app.view_mut().fit = None;
    app.view_mut().camera =
        argmap::ui::Camera { center: egui::vec2(bounds.x + 400.0, bounds.y + 300.0), zoom: 1.0 };
    app.view_mut().minimap = false;
    frame_cost(&mut app, &ctx);
    let (_, pictured) = frame_cost(&mut app, &ctx);
    assert!(!pictured, "near, no overview");
}

/// What the inspector and the status line say of where the selected statement stands.
fn standing(h: &Harness<'static, App>) -> String {
    h.query_all(egui_kittest::kittest::By::new().predicate(|_| true))
        .filter_map(|n| n.accesskit_node().value())
        .find(|t| t.contains("stand unanswered") || t.starts_with("Stands"))
        .unwrap_or_default()
}

/// Runs frames until the picture of the map as it is now is drawn (a huge map's is made on
/// another thread).
fn until_drawn(h: &mut Harness<'static, App>) {
    for _ in 0..2_000 {
        h.step();
        let app = h.state();
        if !app.making_picture() && app.derived().is_some_and(|d| d.key.stamp == app.doc().stamp()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the picture never came");
}

#[test]
fn issue35_a_huge_map_is_laid_out_beside_the_window_which_shows_the_last_whole_picture() {
    let n = argmap::ui::BACKGROUND_FROM;
    let app = App::new(argmap::synth::generate(n, 1), None, Settings::default());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    // Opening: the window is up at once and says what it is doing.
    h.step();
    assert!(h.state().making_picture(), "the first picture is made on another thread");
    let count = argmap::printable::thousands(n);
    assert!(h.query_all_by_label_contains(&format!("Laying out {count} statements")).next().is_some());
    until_drawn(&mut h);
    let boxes = h.state().derived().unwrap().scene.boxes.len();
    assert_eq!(boxes, n);
    // The status line counts as the rest of the window does, in thousands.
    assert!(h.query_all_by_label_contains(&format!("{count} statements, ")).next().is_some());
    // An edit: the next frame still shows the last complete picture (every box of it), says
    // what is being done, and the new picture comes whole.
    let target = h.state().doc().map().claims().next().unwrap().id.clone();
    h.state_mut().view_mut().select(target.clone());
    h.run_steps(2);
    let before = h.state().doc().stamp();
    let said_before = standing(&h);
    let (e, added) = argmap::edit::add_premise(
        h.state().doc().map(),
        &target,
        argmap::model::RelationKind::Objection,
        "A new objection.",
    );
    let ctx = h.ctx.clone();
    h.state_mut().apply(argmap::ui::Action::Edit(e, "add an objection"), &ctx);
    h.step();
    let app = h.state();
    assert!(app.making_picture());
    let shown = app.derived().unwrap();
    assert_eq!(shown.key.stamp, before, "the last picture, until the new one is whole");
    assert_eq!(shown.scene.boxes.len(), n);
    let count = argmap::printable::thousands(n + 1);
    assert!(h.query_all_by_label_contains(&format!("Laying out {count} statements")).next().is_some());
    // The inspector keeps the last picture's words meanwhile (nothing is worked out again
    // here), then says where the claim stands with its new objection.
    assert_eq!(standing(&h), said_before, "the last picture's words");
    until_drawn(&mut h);
    let said_after = standing(&h);
    assert!(
        said_after.contains("objections to it stand unanswered") && said_after != said_before,
        "{said_after}"
    );
    until_whole(&mut h);
    let app = h.state();
    let shown = app.derived().unwrap();
    assert_eq!(shown.scene.boxes.len(), n + 1);
    assert!(shown.layout.rect(app.doc().map(), &added).is_some(), "the new objection is drawn");
    assert!(h.query_all_by_label_contains("Laying out").next().is_none(), "nothing said once done");
    same_as_made_afresh(app, "after the edit");
    // Undo: the picture shares the last one's texts again, and is still what a fresh start gives.
    h.state_mut().run(argmap::ui::Command::Undo, &ctx);
    until_drawn(&mut h);
    until_whole(&mut h);
    assert_eq!(h.state().derived().unwrap().scene.boxes.len(), n);
    same_as_made_afresh(h.state(), "after undo");
}

/// Runs frames until the picture on screen is drawn whole (a huge map's is drawn near the view
/// first, the rest on another thread).
fn until_whole(h: &mut Harness<'static, App>) {
    for _ in 0..2_000 {
        if !h.state().drawing_whole() {
            assert!(h.state().derived().is_some_and(|d| d.scene.near.is_none()), "drawn whole");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    panic!("the whole drawing never came");
}

#[test]
fn issue35_a_huge_map_is_drawn_near_the_view_first_and_whole_right_after() {
    let n = argmap::ui::BACKGROUND_FROM;
    let app = App::new(argmap::synth::generate(n, 1), None, Settings::default());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    until_drawn(&mut h);
    until_whole(&mut h);
    // At 100% on a statement in the middle of the map.
    let map = h.state().doc().map();
    let target = map.statements().nth(n / 2).unwrap().id.clone();
    let r = h.state().derived().unwrap().layout.rect(map, &target).unwrap();
    h.state_mut().view_mut().fit = None;
    h.state_mut().view_mut().camera = argmap::ui::Camera { center: egui::vec2(r.x, r.y), zoom: 1.0 };
    h.state_mut().view_mut().select(target.clone());
    h.run_steps(2);
    let ctx = h.ctx.clone();
    let add = |h: &mut Harness<'static, App>, text: &str| {
        let kind = argmap::model::RelationKind::Objection;
        let (e, added) = argmap::edit::add_premise(h.state().doc().map(), &target, kind, text);
        h.state_mut().apply(argmap::ui::Action::Edit(e, "add an objection"), &ctx);
        added
    };
    let added = add(&mut h, "A new objection.");
    until_drawn(&mut h);
    // The picture goes in drawn near the view: a few columns of boxes, the new one among them,
    // and every box and arrow a view there shows, as drawing the whole map shows them.
    let app = h.state();
    let shown = app.derived().unwrap();
    let (from, to) = shown.scene.near.expect("drawn near the view first");
    let seen = app.view().camera.visible(app.canvas_rect().unwrap());
    assert!(from <= seen.x && seen.right() < to, "the view {seen:?} inside {from}..{to}");
    assert!(shown.scene.boxes.len() < n / 4, "{} boxes drawn first", shown.scene.boxes.len());
    let new_box = shown.layout.rect(app.doc().map(), &added).unwrap();
    assert!(shown.scene.boxes.iter().any(|b| b.rect == new_box), "the new objection's box is drawn");
    assert_eq!(shown.layout.placed.len(), n + 1, "the whole map is laid out");
    let view = argmap::layout::Rect { x: from.max(seen.x - 600.0), y: seen.y, w: 1200.0, h: seen.h };
    let whole = whole_drawing(app);
    let near_view = |s: &argmap::scene::Scene| {
        let mut b: Vec<_> = s.boxes_near(&view).filter(|b| b.rect.overlaps(&view)).cloned().collect();
        b.sort_by_key(|b| b.position);
        b
    };
    assert_eq!(near_view(&shown.scene), near_view(&whole), "the boxes a view there shows");
    // The whole drawing follows, made on the picture thread; then it is all there.
    until_whole(&mut h);
    same_as_made_afresh(h.state(), "drawn whole after the edit");
    // An edit while the rest is drawn waits for it rather than copying the map; the view moved
    // far from what was drawn near it waits for the whole drawing: no frame shows half a map.
    let _ = add(&mut h, "Another new objection.");
    until_drawn(&mut h);
    assert!(h.state().derived().unwrap().scene.near.is_some());
    let address = std::ptr::from_ref(h.state().doc().map());
    let _ = add(&mut h, "A third new objection.");
    assert_eq!(std::ptr::from_ref(h.state().doc().map()), address, "the map changed in place, not copied");
    until_drawn(&mut h);
    let (from, _) = h.state().derived().unwrap().scene.near.expect("drawn near the view first");
    let bounds = h.state().derived().unwrap().layout.bounds.unwrap();
    assert!(bounds.x < from - 2_000.0, "the map reaches far left of what was drawn");
    h.state_mut().view_mut().camera.center = egui::vec2(bounds.x + 300.0, bounds.y + 300.0);
    h.step();
    let shown = h.state().derived().unwrap();
    assert!(shown.scene.near.is_none(), "drawn whole before a frame shows the far view");
    assert_eq!(shown.scene.boxes.len(), n + 3);
    assert!(!h.state().drawing_whole());
}

/// The whole drawing of the picture the app shows, made here.
fn whole_drawing(app: &App) -> argmap::scene::Scene {
    use argmap::scene;
    let shown = app.derived().unwrap();
    let topo = argmap::model::Topology::new(app.doc().map());
    let evaluation = argmap::eval::Evaluation::of(app.doc().map(), &topo);
    let palette = scene::Palette::of(shown.key.dark);
    scene::build(&topo, &shown.layout, &shown.prepared, &palette, None, Some(&evaluation))
}

/// The picture the app shows (made beside the window from a share of the last one) is what one
/// made from nothing gives: the same wrapped texts and sizes, layout, boxes and badges.
fn same_as_made_afresh(app: &App, when: &str) {
    use argmap::scene;
    let shown = app.derived().unwrap();
    let map = app.doc().map();
    let topo = argmap::model::Topology::new(map);
    let fresh = scene::prepare(&topo, &mut scene::Typesetter::new());
    assert!(*shown.prepared == fresh, "{when}: wrapped texts and sizes");
    let tags = scene::tag_widths(&topo, &fresh);
    let input = argmap::layout::LayoutInput::new(&topo, &fresh.sizes, &app.view().collapsed).with_tags(&tags);
    let aspect = app.canvas_rect().map_or(1.0, |r| r.aspect_ratio()); // outline columns fill it
    let layout = argmap::layout::layout(&input.arranged(shown.layout.arrangement, aspect));
    assert!(*shown.layout == layout, "{when}: layout");
    let evaluation = argmap::eval::Evaluation::of(map, &topo);
    let palette = scene::Palette::of(shown.key.dark);
    let drawn = scene::build(&topo, &layout, &fresh, &palette, None, Some(&evaluation));
    let badges = |s: &scene::Scene| s.boxes.iter().map(|b| (b.position, b.badge)).collect::<Vec<_>>();
    assert!(badges(&shown.scene) == badges(&drawn), "{when}: boxes and badges");
    assert!(shown.scene.items == drawn.items, "{when}: everything drawn");
}

/// `+` on a huge map and the words typed at once (a user who types as fast as they think): the
/// new statement's box is not laid out until its picture comes from the other thread, and the
/// text field stands below its parent meanwhile, so what is typed goes into its text, none of
/// it lost and nothing doubled (not the `+`, which a system may send a frame after its key);
/// what is typed once the box is drawn follows it.
#[test]
fn issue35_words_typed_before_a_huge_maps_new_box_is_drawn_are_kept() {
    let n = argmap::ui::BACKGROUND_FROM;
    let mut h = opened(argmap::synth::generate(n, 1), egui::vec2(1280.0, 800.0));
    until_drawn(&mut h);
    until_whole(&mut h);
    let target = h.state().doc().map().claims().next().unwrap().id.clone();
    h.state_mut().view_mut().select(target.clone());
    h.run_steps(2);
    // + as a real keyboard sends it: the key and its text (here a frame apart).
    let key = |key, pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    // The picture with the new box waits, as on a machine slower than the typist.
    h.state_mut().hold_pictures(true);
    h.event(key(egui::Key::Plus, true));
    h.event(egui::Event::Text("+".into()));
    h.event(key(egui::Key::Plus, false));
    h.step();
    let new = h.state().view().selected.clone().unwrap();
    assert_ne!(new, target, "the new reason is selected");
    // Typed at once, a typo rubbed out, while the new box is not laid out yet.
    for text in ["Typed", " befroe"] {
        h.event(egui::Event::Text(text.into()));
        h.step();
    }
    for _ in 0..3 {
        h.event(key(egui::Key::Backspace, true));
        h.event(key(egui::Key::Backspace, false));
        h.step();
    }
    h.event(egui::Event::Text("ore the box".into()));
    h.step();
    let app = h.state();
    let drawn = app.derived().is_some_and(|d| d.layout.rect(app.doc().map(), &new).is_some());
    assert!(!drawn && app.making_picture(), "typed before the new box is laid out (else this tests nothing)");
    h.state_mut().hold_pictures(false);
    until_drawn(&mut h);
    h.run_steps(2);
    h.event(egui::Event::Text(", and after it".into()));
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    let text = h.state().doc().map().statement(&new).map(|s| s.text.clone());
    assert_eq!(text.as_deref(), Some("Typed before the box, and after it"));
}

/// A fast typist's `+` and words reaching the app in one frame (1 ms a key, as a burst): the
/// words are the new reason's text, not commands (space folds a branch, `s` chooses a scheme,
/// `r` rejects), and the `+` is not typed.
#[test]
fn words_typed_in_the_frame_of_their_plus_are_the_new_statements_text_not_commands() {
    let shipped = argmap::io::load_str(argmap::MINUSMA_RON, "mali-minusma.ron").unwrap();
    let mut app = App::new(shipped, None, Settings::default());
    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let frame = |app: &mut App, events: Vec<egui::Event>| {
        let input = egui::RawInput { screen_rect: Some(screen), events, ..Default::default() };
        ctx.run_ui(input, |ui| app.show(ui)).textures_delta.clear();
    };
    for _ in 0..3 {
        frame(&mut app, Vec::new());
    }
    let claim = app.doc().map().claims().next().unwrap().id.clone();
    app.view_mut().select(claim.clone());
    frame(&mut app, Vec::new());
    let (statements, marks) = (app.doc().map().statement_count(), app.doc().map().marks().len());
    let key = |key| egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let text = |t: &str| egui::Event::Text(t.into());
    let burst = vec![
        key(egui::Key::Plus),
        text("+"),
        text("A"),
        key(egui::Key::Space),
        text(" "),
        key(egui::Key::R),
        text("r"),
        key(egui::Key::S),
        text("s"),
    ];
    frame(&mut app, burst);
    frame(&mut app, vec![key(egui::Key::Enter)]);
    frame(&mut app, Vec::new());
    let map = app.doc().map();
    assert_eq!(map.statement_count(), statements + 1, "one reason added");
    let new = map.statements().last().unwrap();
    assert_eq!(new.text, "A rs", "the words typed, not the +");
    assert_eq!(map.marks().len(), marks, "r did not reject anything");
    assert!(app.gesture().is_none(), "no scheme chooser or other gesture left open");
}
