//! Helpers for the tests that drive the app through egui_kittest.

use argmap::ui::App;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Clicks through the menus as a user does: the menu, any submenus (they open on hover), the
/// item: `menu(&mut h, &["File", "Export", "Export SVG…"])`.
pub fn menu(h: &mut Harness<'_, App>, path: &[&str]) {
    for (i, label) in path.iter().enumerate() {
        // An item with a shortcut is labelled with it too ("Export SVG… Ctrl+Shift+E").
        let node = h.query_by_label(label).unwrap_or_else(|| h.get_by_label_contains(label));
        if i == 0 || i + 1 == path.len() {
            node.click();
        } else {
            node.hover();
        }
        h.run_steps(2);
    }
    h.run_steps(3); // the menu closes, and what the item opens (a question, a dialog) appears
}

/// Types `text` where the keyboard is (the statement being added) and presses Enter.
pub fn type_and_enter(h: &mut Harness<'_, App>, text: &str) {
    h.run_steps(2);
    h.event(argmap::egui::Event::Text(text.to_owned()));
    h.run_steps(1);
    h.key_press(argmap::egui::Key::Enter);
    h.run_steps(2);
}

/// Chooses `path` in argmap's built-in file dialog, open: typed whole into its file name field
/// (the empty one; the other holds the folder), then Enter.
pub fn choose_in_dialog(h: &mut Harness<'_, App>, path: &str) {
    let field = h.get(
        egui_kittest::kittest::By::new()
            .role(argmap::egui::accesskit::Role::TextInput)
            .predicate(|n| n.value().as_deref() == Some("")),
    );
    field.click();
    h.run_steps(2);
    h.event(argmap::egui::Event::Text(path.to_owned()));
    h.run_steps(1);
    h.key_press(argmap::egui::Key::Enter);
    h.run_steps(4);
}

/// Fits the whole map (F) and clicks the statement's box, found by its text (the box, a button
/// labelled "role: text", not a link in the inspector that names it too).
pub fn select(h: &mut Harness<'_, App>, id: &str) {
    h.key_press(argmap::egui::Key::F);
    h.run_steps(2);
    let text = h.state().doc().map().statement(id).map(|s| s.text.clone()).unwrap_or_default();
    let start: String = text.chars().take(60).collect();
    let button = egui_kittest::kittest::By::new().role(argmap::egui::accesskit::Role::Button);
    h.get(button.label_contains(&format!(": {start}"))).click();
    h.run_steps(2);
    assert_eq!(h.state().view().selected.as_deref(), Some(id), "{id} selected");
}

/// The source pane's paragraph (a read-only text field) whose text holds `text`.
pub fn paragraph<'t>(h: &'t Harness<'_, App>, text: &'t str) -> egui_kittest::Node<'t> {
    h.get(
        egui_kittest::kittest::By::new()
            .role(argmap::egui::accesskit::Role::MultilineTextInput)
            .predicate(move |n| n.value().is_some_and(|v| v.contains(text))),
    )
}

/// Selects the first `words` words of the source pane's paragraph holding `text`, from the
/// keyboard (Ctrl+Home, then Ctrl+Shift+Right as a Linux keyboard sends them).
pub fn select_words(h: &mut Harness<'_, App>, text: &str, words: usize) {
    use argmap::egui::{Key, Modifiers};
    paragraph(h, text).scroll_to_me();
    h.run_steps(2);
    paragraph(h, text).focus();
    h.run_steps(2);
    let ctrl = Modifiers::CTRL | Modifiers::COMMAND;
    h.key_press_modifiers(ctrl, Key::Home);
    for _ in 0..words {
        h.key_press_modifiers(ctrl | Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run_steps(2);
}

/// Drags the map's background by `by`, as a user pans: pressed on a spot of the canvas clear
/// of every box (and of anything else the pointer could take), moved in a few steps, let go.
pub fn drag_background(h: &mut Harness<'_, App>, by: argmap::egui::Vec2) {
    use argmap::egui::{Event, PointerButton, pos2};
    let canvas = h.state().canvas_rect().unwrap_or(argmap::egui::Rect::EVERYTHING);
    let taken: Vec<argmap::egui::Rect> = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| n.has_bounds()))
        .map(|n| n.rect().expand(12.0))
        .filter(|r| r.width() < canvas.width() && r.height() < canvas.height())
        .collect();
    let steps = 24;
    let spot = (1..steps)
        .flat_map(|i| (1..steps).map(move |j| (i, j)))
        .map(|(i, j)| {
            let (fx, fy) = (i as f32 / steps as f32, j as f32 / steps as f32);
            pos2(canvas.left() + fx * canvas.width(), canvas.top() + fy * canvas.height())
        })
        .find(|p| !taken.iter().any(|r| r.contains(*p)))
        .unwrap_or_else(|| panic!("no empty spot on the canvas to drag"));
    let press = |pressed, pos| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    };
    h.hover_at(spot);
    h.event(press(true, spot));
    h.run_steps(1);
    for k in 1..=4 {
        h.event(Event::PointerMoved(spot + by * (k as f32 / 4.0)));
        h.run_steps(1);
    }
    h.event(press(false, spot + by));
    h.run_steps(2);
}

/// Runs frames until the export under way (File > Export writes on another thread) is written
/// and reported; at most two minutes.
pub fn until_exported(h: &mut Harness<'_, App>) {
    let start = std::time::Instant::now();
    while h.state().exporting() {
        assert!(start.elapsed() < std::time::Duration::from_secs(120), "the export never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run_steps(3); // what it says (a dialog lays itself out first)
}
