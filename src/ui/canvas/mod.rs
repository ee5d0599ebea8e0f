//! The canvas: paints the scene, and turns pointer and keyboard input on it into view changes
//! (pan, zoom, collapse, search) and [`Action`]s for the app (select, drag a box, type a
//! statement's text, commands from the context menu).
//!
//! A panel: it reads the document and the derived data ([`PanelContext`]), changes the [`View`],
//! and proposes everything else.
//!
//! Split by concern: `paint` (the picture), `boxes` (each box as a widget, its tags and the
//! editor), `gestures` (the camera: placing it, pan, zoom, the rubber band), `minimap`, `search`,
//! `legend`; this file draws them in order and turns what the pointer did into actions.

use super::action::{Action, Gesture};
use super::command::{Command, ON_STATEMENT};
use super::panel::PanelContext;
use super::view::{Camera, View};
use crate::model::{Role, StatementId};
use crate::scene::{self, BOX_W, Item, Palette, Rgba, SceneBox};
use egui::{Align2, Color32, FontId, Id, Key, Modifiers, Pos2, Sense, Shape, Stroke, StrokeKind, Vec2};

mod boxes;
mod gestures;
mod legend;
mod minimap;
mod paint;
mod search;

use boxes::*;
use gestures::*;
pub use legend::{Shown, first_run_hint, legend_bar};
use minimap::*;
use paint::*;
pub use search::update_matches;
use search::*;

/// Below this many screen pixels per text line, text is drawn as grey bars (level of detail).
const MIN_TEXT_PX: f32 = 4.0;

/// Boxes narrower than this on screen are drawn as plain blocks without text (level of detail).
const TINY_BOX_PX: f32 = 40.0;

/// Below this zoom, objection arrows are drawn solid: dashes would not show anyway.
const FAR_ZOOM: f32 = 0.25;

/// Maps up to this many statements expose every box to accessibility, on screen or not.
const ACCESSIBLE_ALL_UP_TO: usize = 2000;

/// Boxes narrower than this on screen get no widget of their own in a huge map.
const MIN_POINTABLE_PX: f32 = 24.0;

/// How long a box whose evaluation changed glows after the edit.
const CHANGE_GLOW_SECS: f64 = 1.6;

fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0[0], c.0[1], c.0[2], c.0[3])
}

/// What the pointer did to the boxes this frame.
#[derive(Default)]
struct Gestures {
    clicked: Option<StatementId>,
    double_clicked: Option<StatementId>,
    menu_command: Option<(StatementId, Command)>,
    toggle: Option<StatementId>,
}

/// Where the canvas is drawn and how: its rectangle, the camera, the view's culling rectangle
/// (map units), the palette.
struct Stage {
    canvas: egui::Rect,
    camera: Camera,
    cull: crate::layout::Rect,
    palette: Palette,
}

/// Draws the canvas and handles its input; returns the rectangle it covers.
pub fn show(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &mut View,
    actions: &mut Vec<Action>,
) -> egui::Rect {
    let canvas = ui.max_rect();
    let background = ui.interact(canvas, super::panel::map_id(), Sense::click_and_drag());
    background.widget_info(|| {
        let title = cx.doc.map().title.trim();
        let name = if title.is_empty() { "The map".to_owned() } else { format!("The map: {title}") };
        egui::WidgetInfo::labeled(egui::Role::Canvas, true, name)
    });
    // The map holds the boxes and clips them: one scrolled out of view is not reported as
    // showing (the boxes are placed in it by a child Ui whose accessibility parent it is).
    ui.ctx().accesskit_node_builder(background.id, |node| node.set_clips_children());
    let palette = Palette::of(ui.visuals().dark_mode);
    place_camera(ui, cx, view, canvas);
    pan_and_zoom(view, ui, canvas, &background);
    let typing = cx.gesture.and_then(Gesture::typing);
    let connecting = cx.gesture.and_then(Gesture::connecting).is_some();
    if background.clicked() && !connecting && typing.is_some() {
        actions.push(Action::FinishTyping(true));
    }
    let painter = ui.painter_at(canvas);
    painter.rect_filled(canvas, 0.0, color(palette.background));
    if cx.derived.is_none() {
        // A huge map's first picture is being made on another thread.
        let n = crate::printable::thousands(cx.doc.map().statement_count());
        let said = format!("Laying out {n} statements…");
        painter.text(
            canvas.center(),
            Align2::CENTER_CENTER,
            said,
            FontId::proportional(18.0),
            color(palette.weak_text),
        );
        return canvas;
    }
    let visible = view.camera.visible(canvas);
    let cull = crate::layout::Rect {
        x: visible.x - 50.0,
        y: visible.y - 50.0,
        w: visible.w + 100.0,
        h: visible.h + 100.0,
    };
    let stage = Stage { canvas, camera: view.camera, cull, palette };
    paint_scene(&painter, &stage, cx, view.selected.as_ref());
    // In a huge map zoomed far out, boxes have no widgets: find the one under a click.
    let mut gestures = Gestures { clicked: background_hit(cx, &stage, &background), ..Gestures::default() };
    let mut in_map =
        ui.new_child(egui::UiBuilder::new().max_rect(canvas).accessibility_parent(background.id));
    boxes(&mut in_map, &painter, cx, view, &stage, &mut gestures, actions);
    gestures.clicked = relation_tags(ui, cx, &stage).or(gestures.clicked);
    drag_ghost(&painter, cx, &stage, ui.visuals().selection.stroke.color);
    question_heading(ui, cx, &stage);
    let multi = ui.input(|i| i.modifiers.command || i.modifiers.shift);
    // A plain click on the empty map clears the selection, as in any editor.
    if background.clicked() && gestures.clicked.is_none() && !connecting && typing.is_none() && !multi {
        view.deselect();
    }
    propose(gestures, view, actions, multi);
    rubber_band(ui, &painter, cx, view, &stage, &background);
    if cx.gesture.and_then(Gesture::dragging).is_some() && !ui.input(|i| i.pointer.any_down()) {
        actions.push(Action::Drop);
    }
    inline_editor(ui, cx, view, canvas, actions);
    search_bar(ui, cx, view, canvas, actions);
    if view.minimap {
        minimap(ui, cx, view, canvas, &palette);
    }
    if ui.input(|i| !i.raw.hovered_files.is_empty()) {
        painter.rect_filled(canvas, 0.0, Color32::from_black_alpha(60));
        painter.text(
            canvas.center(),
            Align2::CENTER_CENTER,
            "Drop a .ron map to open it",
            FontId::proportional(22.0),
            Color32::WHITE,
        );
    }
    canvas
}

/// The statement under a click on the background, where boxes have no widgets.
fn background_hit(cx: &PanelContext<'_>, stage: &Stage, background: &egui::Response) -> Option<StatementId> {
    let p = background.clicked().then(|| background.interact_pointer_pos()).flatten()?;
    let m = stage.camera.to_map(stage.canvas, p);
    let derived = cx.derived?;
    let b = derived.scene.boxes.iter().rev().find(|b| b.rect.contains(m.x, m.y))?;
    derived.layout.index.statement(cx.doc.map(), b.position).map(|s| s.id.clone())
}

/// What the pointer did, as the view's changes and the app's actions.
fn propose(gestures: Gestures, view: &mut View, actions: &mut Vec<Action>, multi: bool) {
    match gestures.clicked {
        // Ctrl- or Shift-click adds to the selection or takes out of it.
        Some(id) if multi && view.selected.is_some() => view.toggle_selected(&id),
        Some(id) => actions.push(Action::Select(id)),
        None => {}
    }
    if let Some(id) = gestures.double_clicked {
        actions.push(Action::CommandOn(id, Command::EditText));
    }
    if let Some((id, command)) = gestures.menu_command {
        actions.push(Action::CommandOn(id, command));
    }
    if let Some(id) = gestures.toggle {
        view.toggle_collapsed(&id);
    }
}
