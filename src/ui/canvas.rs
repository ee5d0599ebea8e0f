//! The canvas: paints the scene, and turns pointer and keyboard input on it into view changes
//! (pan, zoom, collapse, search) and [`Action`]s for the app (select, drag a box, type a
//! statement's text, commands from the context menu).
//!
//! A panel: it reads the document and the derived data ([`PanelContext`]), changes the [`View`],
//! and proposes everything else.

use super::action::{Action, Gesture};
use super::command::{Command, ON_STATEMENT};
use super::panel::PanelContext;
use super::view::{Camera, View};
use crate::model::{Role, StatementId};
use crate::scene::{self, BOX_W, Item, Palette, Rgba, SceneBox};
use egui::{Align2, Color32, FontId, Id, Key, Modifiers, Pos2, Sense, Shape, Stroke, StrokeKind, Vec2};

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

/// The scene's arrows (far out, the cross-links faded), the selected statement's arrows again in
/// bold, then the boxes in view (far out a plain block each, nearer with text).
fn paint_scene(
    painter: &egui::Painter,
    stage: &Stage,
    cx: &PanelContext<'_>,
    selected: Option<&StatementId>,
) {
    let Some(derived) = cx.derived else { return };
    let items = &derived.scene.items;
    let cross =
        derived.scene.cross_links.start as usize..(derived.scene.cross_links.end as usize).min(items.len());
    let paint = |items: &[Item], style: Style| {
        paint_items(painter, items, stage.canvas, &stage.camera, &stage.cull, style)
    };
    paint(&items[..cross.start], Style::Plain);
    let far = stage.camera.zoom < FAR_ZOOM;
    paint(&items[cross.clone()], if far { Style::Faded } else { Style::Plain });
    paint(&items[cross.end..], Style::Plain);
    if let Some(id) = selected {
        let map = cx.doc.map();
        for r in map.relations_from(id).into_iter().chain(map.relations_to(id)) {
            if let Some(arrow) = derived.scene.arrow(r) {
                paint(arrow, Style::Bold);
            }
        }
    }
    let detail = BOX_W * stage.camera.zoom >= TINY_BOX_PX;
    let mut items = Vec::new();
    for b in derived.scene.boxes.iter().filter(|b| b.rect.overlaps(&stage.cull)) {
        scene::box_items(&mut items, b, &derived.prepared, &stage.palette, detail);
    }
    paint(&items, Style::Plain);
    if derived.scene.boxes.is_empty() {
        painter.text(
            stage.canvas.center(),
            Align2::CENTER_CENTER,
            "This map is empty: Edit > Add free claim starts one.",
            FontId::proportional(16.0),
            color(stage.palette.weak_text),
        );
    }
}

/// The boxes' widgets: hit testing, accessibility, dragging, the context menu, and the
/// overlays (search matches, the glow of a changed label, selection, hover, the collapse pill).
fn boxes(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    cx: &PanelContext<'_>,
    view: &View,
    stage: &Stage,
    gestures: &mut Gestures,
    actions: &mut Vec<Action>,
) {
    let Some(derived) = cx.derived else { return };
    let matches: Vec<StatementId> = view.search.as_ref().map(|s| s.matches.clone()).unwrap_or_default();
    let boxes = &derived.scene.boxes;
    // Screen readers get every box of a map of ordinary size, on screen or not. A huge map
    // registers only boxes in view and big enough to point at, to keep frames fast; clicks on
    // smaller ones are found by hit-testing.
    let register_all = boxes.len() <= ACCESSIBLE_ALL_UP_TO;
    let pointable = BOX_W * stage.camera.zoom >= MIN_POINTABLE_PX;
    for b in boxes {
        let on_screen = b.rect.overlaps(&stage.cull);
        if !(register_all || on_screen && pointable) {
            continue;
        }
        let Some(statement) = derived.layout.index.statement(cx.doc.map(), b.position) else { continue };
        let selected = view.is_selected(&statement.id);
        let response = box_widget(ui, cx, stage, b, statement, selected, gestures, actions);
        if on_screen {
            let found = matches.contains(&statement.id);
            box_overlays(ui, painter, stage, derived, b, &statement.id, selected, found, &response);
            gestures.toggle =
                collapse_pill(ui, painter, stage, derived, b, statement).or(gestures.toggle.take());
        }
        // Over the selection ring, so that they are read whole.
        if on_screen {
            tags(ui, cx, stage, b, statement, view.source, gestures, actions);
        }
    }
}

/// A box's widget: its accessible description, clicks, drags, source tooltip, context menu.
#[allow(clippy::too_many_arguments)]
fn box_widget(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    stage: &Stage,
    b: &SceneBox,
    statement: &crate::model::Statement,
    selected: bool,
    gestures: &mut Gestures,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let bid = &statement.id;
    let srect = stage.camera.rect_to_screen(stage.canvas, &b.rect);
    let response = ui.interact(srect, super::panel::box_id(bid), Sense::click_and_drag());
    // Built only when accessibility asks for it, not every frame for every box.
    response.widget_info(|| {
        let text = statement.text.as_str();
        let mut label = match b.badge {
            Some(badge) => format!("{}: {text} ({})", b.role.as_str(), badge.text().to_lowercase()),
            None => format!("{}: {text}", b.role.as_str()),
        };
        if cx.drifted.contains(bid) {
            label.push_str(" (its quote is no longer found in its document)");
        }
        if let Some((_, c)) = cx.doc.map().conflicts_of(bid).next() {
            label.push_str(&format!(" (conflict from a merge: {})", c.field.describe()));
        }
        if let Some(c) = cx.comparison {
            if let Some(kind) = c.marks.get(bid) {
                label.push_str(&format!(" ({} since {})", kind.word(), c.against));
            }
            if let Some(ghosts) = c.ghosts.get(bid) {
                label.push_str(&format!(" ({} removed from under it since {})", ghosts.len(), c.against));
            }
        }
        egui::WidgetInfo::selected(egui::Role::Button, true, selected, label)
    });
    let relates = relates(cx.doc.map(), bid);
    if !relates.is_empty() {
        ui.ctx().accesskit_node_builder(response.id, |node| node.set_description(relates));
    }
    if response.has_focus() {
        // The arrow keys move the selection (and the focus with it), not egui's focus.
        let filter =
            egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
        ui.memory_mut(|m| m.set_focus_lock_filter(response.id, filter));
    }
    // Tab to a box selects it: the focus and the selection are one.
    if response.clicked() || response.secondary_clicked() || response.gained_focus() && !selected {
        gestures.clicked = Some(bid.clone());
    }
    if response.double_clicked() {
        gestures.double_clicked = Some(bid.clone());
    }
    if response.dragged() {
        actions.push(Action::Drag(bid.clone(), response.drag_delta() / stage.camera.zoom));
    }
    if response.drag_stopped() && cx.gesture.and_then(Gesture::dragging).is_some_and(|(id, _)| id == bid) {
        actions.push(Action::Drop);
    }
    let response = match statement.source.as_ref() {
        Some(source) => {
            let cited = source.cited(cx.doc.map());
            response.on_hover_text(format!("\u{201c}{}\u{201d}\n— {cited}", source.quote))
        }
        None => response,
    };
    response.context_menu(|ui| {
        let map = cx.doc.map();
        for c in ON_STATEMENT {
            if c.button(ui, Some(c.name_on(Some(b.role))), false, c.applies_to(map, bid)) {
                gestures.menu_command = Some((bid.clone(), c));
            }
        }
    });
    response
}

/// How a statement relates to others, in words for a screen reader: "supports: …", "objects
/// to: …", "rebuts: …", "undercuts the inference to: …", with its co-premises; empty for a
/// statement that argues about nothing (a claim).
pub fn relates(map: &crate::model::ArgumentMap, id: &str) -> String {
    use crate::model::{RelationKind, Role};
    let short = |s: &StatementId| map.statement(s).map(|x| super::panel::short(&x.text)).unwrap_or_default();
    let mut parts = Vec::new();
    for rid in map.relations_from(id) {
        let Some(r) = map.relation(rid) else { continue };
        let Some(to) = map.concluded(r) else { continue };
        let verb = match (r.kind, r.is_undercut(), map.role(to)) {
            (_, true, _) => "undercuts the inference to",
            (RelationKind::Support, false, _) => "supports",
            (RelationKind::Objection, false, Some(Role::Objection | Role::Rebuttal)) => "rebuts",
            (RelationKind::Objection, false, _) => "objects to",
        };
        let mut part = format!("{verb}: {}", short(to));
        let others: Vec<String> = r.premises.iter().filter(|p| p.as_str() != id).map(short).collect();
        if !others.is_empty() {
            part.push_str(&format!(" (together with: {})", others.join("; ")));
        }
        parts.push(part);
    }
    parts.join("; ")
}

/// The name of the text field a statement is typed in: "New objection to: …", "New reason
/// for: …", "New claim",
/// or "Text of: …" for one being edited.
fn editor_name(map: &crate::model::ArgumentMap, typing: &crate::ui::Typing) -> String {
    let short =
        |id: &StatementId| map.statement(id).map(|s| super::panel::short(&s.text)).unwrap_or_default();
    if !typing.is_new {
        return format!("Text of: {}", short(&typing.id));
    }
    let role = map.role(&typing.id).map_or("statement", |r| r.as_str());
    let to = if role == "reason" { "for" } else { "to" };
    match map.parent_of(&typing.id) {
        Some(parent) => format!("New {role} {to}: {}", short(parent)),
        None => format!("New {role}"),
    }
}

/// One tag of a box: what it shows, what it says to screen readers, its colour, its widget's
/// salt, what a click on it does.
struct TagSpec {
    shown: String,
    said: String,
    fill: Color32,
    salt: &'static str,
    kind: TagKind,
}

/// What a tag does.
#[derive(Clone, Copy, PartialEq)]
enum TagKind {
    Drift,
    Conflict,
    Change,
    Ghosts,
}

/// The tags of a box, left to right: its quote drifted, a merge conflict, how it changed since
/// the version it is compared with (its outline in that colour too), and the statements that
/// version hung from it and the map no longer has (ghosts). They go in a row above the box, or
/// below it, or at its left or right, wherever the row covers no other box ([`tag_row`]); only
/// where none is free, over the box's own top edge.
#[allow(clippy::too_many_arguments)]
fn tags(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    stage: &Stage,
    b: &SceneBox,
    statement: &crate::model::Statement,
    pane_open: bool,
    gestures: &mut Gestures,
    actions: &mut Vec<Action>,
) {
    let specs = tag_specs(cx, statement);
    if specs.is_empty() {
        return;
    }
    let srect = stage.camera.rect_to_screen(stage.canvas, &b.rect);
    if let Some(kind) = cx.comparison.and_then(|c| c.marks.get(&statement.id)) {
        let stroke = egui::Stroke::new(2.5, kind.colour());
        ui.painter().rect_stroke(
            srect.expand(3.0),
            7.0 * stage.camera.zoom,
            stroke,
            egui::StrokeKind::Outside,
        );
    }
    let size = (11.0 * stage.camera.zoom).clamp(10.0, 16.0);
    let galleys: Vec<_> = specs
        .iter()
        .map(|t| {
            ui.painter().layout_no_wrap(t.shown.clone(), egui::FontId::proportional(size), Color32::WHITE)
        })
        .collect();
    let width: f32 = galleys.iter().map(|g| g.size().x + 16.0).sum();
    let height = galleys.iter().map(|g| g.size().y).fold(0f32, f32::max) + 4.0;
    let mut at = tag_row(cx, stage, b, srect, Vec2::new(width, height));
    for (spec, galley) in specs.iter().zip(galleys) {
        let rect = egui::Rect::from_min_size(at, galley.size())
            .expand2(Vec2::new(5.0, 2.0))
            .translate(Vec2::new(5.0, 2.0));
        ui.painter().rect_filled(rect, 4.0, spec.fill);
        ui.painter().galley(rect.min + Vec2::new(5.0, 2.0), galley, Color32::WHITE);
        at.x = rect.right() + 6.0;
        let response = ui.interact(rect, Id::unique((spec.salt, statement.id.as_str())), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &spec.said));
        tag_clicked(cx, spec.kind, response, statement, pane_open, gestures, actions);
    }
}

/// The tags statement `s` carries, in the order they are shown.
fn tag_specs(cx: &PanelContext<'_>, s: &crate::model::Statement) -> Vec<TagSpec> {
    let short = super::panel::short(&s.text);
    let mut out = Vec::new();
    if cx.drifted.contains(&s.id) {
        out.push(TagSpec {
            shown: "\u{26a0} quote not found".into(),
            said: format!("Quote not found: {short}"),
            fill: Color32::from_rgb(0xb3, 0x3c, 0x00),
            salt: "drift",
            kind: TagKind::Drift,
        });
    }
    if let Some((_, c)) = cx.doc.map().conflicts_of(&s.id).next() {
        out.push(TagSpec {
            shown: format!("\u{26a0} conflict: {}", c.field.describe()),
            said: format!("Conflict from a merge, {}: {short}", c.field.describe()),
            fill: Color32::from_rgb(0xad, 0x14, 0x57),
            salt: "conflict",
            kind: TagKind::Conflict,
        });
    }
    let Some(comparison) = cx.comparison else { return out };
    if let Some(kind) = comparison.marks.get(&s.id) {
        out.push(TagSpec {
            shown: kind.word().into(),
            said: format!("{} since {}: {short}", kind.word(), comparison.against),
            fill: kind.colour(),
            salt: "change",
            kind: TagKind::Change,
        });
    }
    if let Some(ghosts) = comparison.ghosts.get(&s.id) {
        out.push(TagSpec {
            shown: format!("\u{2212} {} removed", ghosts.len()),
            said: format!("{} removed from under: {short}", ghosts.len()),
            fill: Color32::from_gray(0x80),
            salt: "ghosts",
            kind: TagKind::Ghosts,
        });
    }
    out
}

/// Where a row of tags of `size` (screen points) goes beside the box at `srect`: above it at
/// its left, above at its right, below, left, right, the first that covers no other box in
/// view; else just inside its own top edge (covering only its own caption).
fn tag_row(cx: &PanelContext<'_>, stage: &Stage, b: &SceneBox, srect: egui::Rect, size: Vec2) -> egui::Pos2 {
    let gap = 3.0;
    let candidates = [
        egui::pos2(srect.left() + 8.0, srect.top() - size.y - gap),
        egui::pos2(srect.right() - size.x - 8.0, srect.top() - size.y - gap),
        egui::pos2(srect.left() + 8.0, srect.bottom() + gap),
        egui::pos2(srect.left() - size.x - gap, srect.top()),
        egui::pos2(srect.right() + gap, srect.top()),
    ];
    let Some(derived) = cx.derived else { return candidates[0] };
    let others: Vec<egui::Rect> = derived
        .scene
        .boxes
        .iter()
        .filter(|o| o.position != b.position && o.rect.overlaps(&stage.cull))
        .map(|o| stage.camera.rect_to_screen(stage.canvas, &o.rect).expand(2.0))
        .collect();
    let free = |at: &egui::Pos2| {
        let row = egui::Rect::from_min_size(*at, size);
        stage.canvas.contains_rect(row) && !others.iter().any(|o| o.intersects(row))
    };
    candidates.into_iter().find(free).unwrap_or(egui::pos2(srect.left() + 8.0, srect.top() + 1.0))
}

/// What a click on a tag does: a drifted quote's opens the source pane on it; the others select
/// their statement.
fn tag_clicked(
    cx: &PanelContext<'_>,
    kind: TagKind,
    response: egui::Response,
    statement: &crate::model::Statement,
    pane_open: bool,
    gestures: &mut Gestures,
    actions: &mut Vec<Action>,
) {
    match kind {
        TagKind::Drift => drift_clicked(response, statement, pane_open, gestures, actions),
        TagKind::Conflict => {
            let response =
                response.on_hover_text("Two versions merged disagree here: choose one in the inspector.");
            if response.clicked() {
                gestures.clicked = Some(statement.id.clone());
            }
        }
        TagKind::Change => {
            if response.clicked() {
                gestures.clicked = Some(statement.id.clone());
            }
        }
        TagKind::Ghosts => {
            let Some(c) = cx.comparison else { return };
            let ghosts = c.ghosts.get(&statement.id).map(Vec::as_slice).unwrap_or_default();
            let list: Vec<String> = ghosts.iter().map(|g| format!("\u{2212} \u{201c}{g}\u{201d}")).collect();
            response.on_hover_text(format!(
                "No longer in the map, hung from this statement in {}:\n{}",
                c.against,
                list.join("\n")
            ));
        }
    }
}

/// A click on the tag of a box whose quote is no longer found in its document: the statement
/// selected and the source pane opened, where it is re-located.
fn drift_clicked(
    response: egui::Response,
    statement: &crate::model::Statement,
    pane_open: bool,
    gestures: &mut Gestures,
    actions: &mut Vec<Action>,
) {
    let document = statement.source.as_ref().and_then(|s| s.document.as_ref());
    let response = response.on_hover_text(format!(
        "This statement's quote is no longer found in {}. Select the passage it quotes now in the source pane and press “Quote selection”.",
        document.map_or("its document", |d| d.as_str())
    ));
    if response.clicked() {
        gestures.clicked = Some(statement.id.clone());
        if !pane_open {
            actions.push(Action::Command(Command::ToggleSource));
        }
    }
}

/// A box's overlays: a search match's outline, the glow of a changed label, selection, hover.
#[allow(clippy::too_many_arguments)]
fn box_overlays(
    ui: &egui::Ui,
    painter: &egui::Painter,
    stage: &Stage,
    derived: &super::derived::Derived,
    b: &SceneBox,
    id: &StatementId,
    selected: bool,
    found: bool,
    response: &egui::Response,
) {
    let srect = stage.camera.rect_to_screen(stage.canvas, &b.rect);
    let radius = 6.0 * stage.camera.zoom;
    let accent = ui.visuals().selection.stroke.color;
    if found {
        let stroke = Stroke::new(3.0, Color32::from_rgb(0xf2, 0xb7, 0x05));
        painter.rect_stroke(srect.expand(2.0), radius, stroke, StrokeKind::Outside);
    }
    // A box whose evaluation the last edit changed glows for a moment, fading out.
    let (changed, at) = &derived.changed;
    let since = ui.input(|i| i.time) - at;
    if since < CHANGE_GLOW_SECS && changed.contains(id) {
        let fade = 1.0 - (since / CHANGE_GLOW_SECS) as f32;
        let glow = Color32::from_rgb(0x7c, 0x4d, 0xff).gamma_multiply(fade);
        painter.rect_stroke(srect.expand(6.0), radius, Stroke::new(4.0, glow), StrokeKind::Outside);
        ui.ctx().request_repaint();
    }
    if selected {
        painter.rect_stroke(srect.expand(4.0), radius, Stroke::new(2.5, accent), StrokeKind::Outside);
    } else if response.hovered() {
        let stroke = Stroke::new(1.5, accent.gamma_multiply(0.6));
        painter.rect_stroke(srect.expand(2.0), radius, stroke, StrokeKind::Outside);
    }
}

/// The collapse toggle on the bottom edge of a box with statements below it; the statement when
/// clicked.
fn collapse_pill(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    stage: &Stage,
    derived: &super::derived::Derived,
    b: &SceneBox,
    statement: &crate::model::Statement,
) -> Option<StatementId> {
    let id = &statement.id;
    let placed = derived.layout.at(b.position)?;
    if placed.descendants == 0 || stage.camera.zoom <= 0.15 {
        return None;
    }
    let zoom = stage.camera.zoom.clamp(0.6, 1.5);
    let srect = stage.camera.rect_to_screen(stage.canvas, &b.rect);
    let size = Vec2::new(if placed.hidden > 0 { 44.0 } else { 24.0 }, 16.0) * zoom;
    let pill =
        egui::Rect::from_center_size(Pos2::new(srect.right() - size.x / 2.0 - 4.0, srect.bottom()), size);
    let label = if placed.hidden > 0 { format!("+{}", placed.hidden) } else { "–".to_owned() };
    let r = ui.interact(pill, Id::unique(("collapse", id.as_str())), Sense::click());
    let short = super::panel::short(&statement.text);
    let description = if placed.hidden > 0 {
        format!("Expand the branch of \u{201c}{short}\u{201d} ({} hidden)", placed.hidden)
    } else {
        format!("Collapse the branch of \u{201c}{short}\u{201d}")
    };
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
    let colors = stage.palette.role(b.role);
    let stroke = Stroke::new(1.2, color(colors.stroke));
    painter.rect(pill, size.y / 2.0, color(colors.fill), stroke, StrokeKind::Inside);
    painter.text(
        pill.center(),
        Align2::CENTER_CENTER,
        label,
        FontId::proportional(11.0 * zoom),
        color(colors.stroke),
    );
    r.clicked().then(|| id.clone())
}

/// Relation tags, where legible: hovering one shows the argument's whole title, description and
/// rating; a click selects its first premise, whose inspector edits them.
fn relation_tags(ui: &mut egui::Ui, cx: &PanelContext<'_>, stage: &Stage) -> Option<StatementId> {
    let derived = cx.derived?;
    if scene::text::CAPTION_SIZE * stage.camera.zoom < MIN_TEXT_PX {
        return None;
    }
    let mut clicked = None;
    for (rect, rid) in derived.scene.tags.iter().filter(|(r, _)| r.overlaps(&stage.cull)) {
        let Some(relation) = cx.doc.map().relation(*rid) else { continue };
        let srect = stage.camera.rect_to_screen(stage.canvas, rect);
        let response = ui.interact(srect, Id::unique(("tag", rid.0)), Sense::click());
        response.widget_info(|| {
            let rating = relation.rating.map(scene::rating_words);
            let words: Vec<&str> = relation.label.as_deref().into_iter().chain(rating).collect();
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("argument: {}", words.join(", ")))
        });
        let response = response.on_hover_ui(|ui| {
            ui.set_max_width(360.0);
            if let Some(title) = &relation.label {
                ui.strong(title);
            }
            if let Some(description) = &relation.description {
                ui.label(description);
            }
            if let Some(rating) = relation.rating {
                ui.label(format!("Rated {}.", scene::rating_words(rating)));
            }
            ui.weak("Click to select its premise and edit the argument.");
        });
        if response.clicked() {
            clicked = relation.premises.first().cloned();
        }
    }
    clicked
}

/// The ghost of a box being dragged.
fn drag_ghost(painter: &egui::Painter, cx: &PanelContext<'_>, stage: &Stage, accent: Color32) {
    let Some((id, offset)) = cx.gesture.and_then(Gesture::dragging) else { return };
    let Some(rect) = cx.derived.and_then(|d| d.layout.rect(cx.doc.map(), id)) else { return };
    let moved = crate::layout::Rect { x: rect.x + offset.x, y: rect.y + offset.y, ..rect };
    let srect = stage.camera.rect_to_screen(stage.canvas, &moved);
    painter.rect_stroke(srect, 6.0 * stage.camera.zoom, Stroke::new(2.0, accent), StrokeKind::Inside);
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

/// What the canvas draws over the map, on screen: the search bar (as last drawn, or where it
/// goes) and the minimap.
fn overlays(ui: &egui::Ui, cx: &PanelContext<'_>, view: &View, canvas: egui::Rect) -> Vec<egui::Rect> {
    let drawn = |id: Id| ui.ctx().memory(|m| m.area_rect(id));
    let mut out = Vec::new();
    if view.search.is_some() {
        let at = canvas.left_top() + Vec2::new(12.0, 12.0);
        out.push(
            drawn(Id::unique("search-area")).unwrap_or(egui::Rect::from_min_size(at, Vec2::new(480.0, 34.0))),
        );
    }
    if view.minimap
        && let Some(area) = cx.derived.and_then(|d| minimap_area(d, canvas))
    {
        out.push(area);
    }
    out
}

/// The part of the canvas no overlay covers at its top or bottom edge: where a fitted map goes.
fn clear_band(canvas: egui::Rect, overlays: &[egui::Rect]) -> egui::Rect {
    let mut clear = canvas;
    for o in overlays.iter().filter(|o| o.intersects(canvas)) {
        if o.center().y > canvas.center().y {
            clear.max.y = clear.max.y.min(o.min.y - 4.0);
        } else {
            clear.min.y = clear.min.y.max(o.max.y + 4.0);
        }
    }
    if clear.height() < canvas.height() / 2.0 { canvas } else { clear }
}

/// Fits the map on request, and brings the statement to reveal into view, clear of what is drawn
/// over the map.
fn place_camera(ui: &egui::Ui, cx: &PanelContext<'_>, view: &mut View, canvas: egui::Rect) {
    let Some(derived) = cx.derived else { return };
    let covers = overlays(ui, cx, view, canvas);
    if let (Some(mode), Some(bounds)) = (view.fit, derived.scene.bounds.or(derived.layout.bounds)) {
        let root = derived.layout.placed.first().map(|p| p.rect);
        let bounds = question(ui, cx).map_or(bounds, |(_, q)| bounds.union(&q));
        // The camps' names, which the opening view keeps in sight with the claim.
        let titles: Vec<crate::layout::Rect> =
            derived.scene.frames.iter().filter_map(|f| f.label.map(|(r, _)| r)).collect();
        let clear = clear_band(canvas, &covers);
        let camera = Camera::fit(mode, clear, &bounds, root.as_ref(), &titles);
        // The same map points at the same screen points, the camera being the canvas's.
        let shift = (clear.center() - canvas.center()) / camera.zoom;
        view.camera = Camera { center: camera.center - shift, ..camera };
    }
    let Some(id) = view.reveal.take() else { return };
    let map = cx.doc.map();
    let context = view.reveal_with.take();
    match derived.layout.rect(map, &id) {
        Some(r) => {
            // After an add, its parent too, if both fit.
            let wanted = context.and_then(|c| derived.layout.rect(map, &c)).map_or(r, |c| c.union(&r));
            let visible = view.camera.visible(canvas);
            let margin = REVEAL_MARGIN / view.camera.zoom;
            let wanted = if wanted.w + 2.0 * margin <= visible.w && wanted.h + 2.0 * margin <= visible.h {
                wanted
            } else {
                r
            };
            let dx = pan_into(visible.x, visible.w, wanted.x, wanted.w, margin);
            let dy = pan_into(visible.y, visible.h, wanted.y, wanted.h, margin);
            let mut camera = Camera { center: view.camera.center + Vec2::new(dx, dy), ..view.camera };
            let (ox, oy) = out_from_under(&camera, canvas, &r, &covers);
            camera.center += Vec2::new(ox, oy);
            if camera.center != view.camera.center {
                view.camera = camera;
                view.fit = None;
            }
        }
        None => {
            // Hidden in a collapsed branch: expand its ancestors and try again next frame.
            let mut cur = id.clone();
            for _ in 0..map.statement_count() {
                let Some(parent) = map.parent_of(&cur).cloned() else { break };
                if view.collapsed.remove(&parent) {
                    view.collapsed_version += 1;
                }
                cur = parent;
            }
            if map.contains(&id) {
                view.reveal = Some(id);
            }
        }
    }
}

/// The size of the map's question above it (map units), and its gap to the boxes below.
const QUESTION_SIZE: f32 = 22.0;
const QUESTION_GAP: f32 = 28.0;
/// The widest the question runs before it wraps (map units).
const QUESTION_MAX_W: f32 = 900.0;

/// The map's question (its title) and where it goes: above the map, centred on its first claim
/// (map units), wrapped to the map's width.
fn question(ui: &egui::Ui, cx: &PanelContext<'_>) -> Option<(String, crate::layout::Rect)> {
    let title = cx.doc.map().title.trim();
    let derived = cx.derived?;
    let (bounds, root) = (derived.layout.bounds?, derived.layout.placed.first()?.rect);
    if title.is_empty() {
        return None;
    }
    let wrap = bounds.w.clamp(BOX_W, QUESTION_MAX_W);
    let galley =
        ui.painter().layout(title.to_owned(), FontId::proportional(QUESTION_SIZE), Color32::WHITE, wrap);
    let (w, h) = (galley.size().x, galley.size().y);
    let x = (root.center().0 - w / 2.0).clamp(bounds.x, (bounds.right() - w).max(bounds.x));
    Some((title.to_owned(), crate::layout::Rect { x, y: bounds.y - QUESTION_GAP - h, w, h }))
}

/// Draws the map's question above it, as a heading (a label, so screen readers find it too).
fn question_heading(ui: &mut egui::Ui, cx: &PanelContext<'_>, stage: &Stage) {
    let Some((text, at)) = question(ui, cx) else { return };
    let size = QUESTION_SIZE * stage.camera.zoom;
    if size < MIN_TEXT_PX || !at.overlaps(&stage.cull) {
        return;
    }
    let mut rect = stage.camera.rect_to_screen(stage.canvas, &at).expand2(Vec2::new(2.0 * size, 0.0));
    // Held inside the canvas where it fits across, so a view of part of the map still reads
    // its whole question.
    let (inside, canvas) = (rect.width() <= stage.canvas.width(), stage.canvas);
    if inside && rect.right() > canvas.right() {
        rect = rect.translate(Vec2::new(canvas.right() - rect.right(), 0.0));
    } else if inside && rect.left() < canvas.left() {
        rect = rect.translate(Vec2::new(canvas.left() - rect.left(), 0.0));
    }
    let rich = egui::RichText::new(text).size(size).color(color(stage.palette.text));
    let clip = ui.clip_rect();
    ui.set_clip_rect(clip.intersect(stage.canvas));
    ui.put(rect, egui::Label::new(rich).wrap().selectable(false));
    ui.set_clip_rect(clip);
}

/// How far from the canvas's edge (screen points) a statement brought into view stays.
const REVEAL_MARGIN: f32 = 40.0;

/// How far to move the camera (map units) so that the statement at `r` is under none of the
/// overlays `covers`: up (or down) past the one that covers it where the canvas has room, else
/// sideways; nothing if none covers it.
fn out_from_under(
    camera: &Camera,
    canvas: egui::Rect,
    r: &crate::layout::Rect,
    covers: &[egui::Rect],
) -> (f32, f32) {
    let margin = 8.0;
    let mut shift = Vec2::ZERO;
    for o in covers {
        let on_screen = camera.rect_to_screen(canvas, r).translate(-shift * camera.zoom);
        if !on_screen.expand(margin / 2.0).intersects(*o) {
            continue;
        }
        // Screen points the box must move by, on each side it could leave by.
        let up = on_screen.max.y + margin - o.min.y;
        let down = o.max.y + margin - on_screen.min.y;
        let left = on_screen.max.x + margin - o.min.x;
        let right = o.max.x + margin - on_screen.min.x;
        let fits_v = |d: f32| on_screen.min.y - d >= canvas.min.y && on_screen.max.y - d <= canvas.max.y;
        let fits_h = |d: f32| on_screen.min.x - d >= canvas.min.x && on_screen.max.x - d <= canvas.max.x;
        let moves = [(0.0, up), (0.0, -down), (left, 0.0), (-right, 0.0)];
        let best = moves
            .into_iter()
            .filter(|&(dx, dy)| fits_v(dy) && fits_h(dx))
            .min_by(|a, b| (a.0.abs() + a.1.abs()).total_cmp(&(b.0.abs() + b.1.abs())));
        if let Some((dx, dy)) = best {
            // Moving the box up on screen moves the camera down over the map.
            shift += Vec2::new(dx, dy) / camera.zoom;
        }
    }
    (shift.x, shift.y)
}

/// How far to move a view reaching from `from` for `len` along one axis so that the span `at`,
/// `at + size` shows with `margin` around it: nothing if it shows, as little as needed if it
/// fits, else to centre it.
fn pan_into(from: f32, len: f32, at: f32, size: f32, margin: f32) -> f32 {
    if size + 2.0 * margin > len {
        at + size / 2.0 - (from + len / 2.0)
    } else if at - margin < from {
        at - margin - from
    } else if at + size + margin > from + len {
        at + size + margin - (from + len)
    } else {
        0.0
    }
}

/// Shift-drag (or Ctrl-drag) on the background draws a rubber band; letting go selects every box
/// it touches (with the selection there was).
fn rubber_band(
    ui: &egui::Ui,
    painter: &egui::Painter,
    cx: &PanelContext<'_>,
    view: &mut View,
    stage: &Stage,
    background: &egui::Response,
) {
    let Some(start) = view.band else { return };
    let Some(now) = ui.input(|i| i.pointer.latest_pos()) else { return };
    let band = egui::Rect::from_two_pos(start, now);
    let accent = ui.visuals().selection.stroke.color;
    painter.rect_filled(band, 0.0, accent.gamma_multiply(0.12));
    painter.rect_stroke(band, 0.0, Stroke::new(1.0, accent), StrokeKind::Inside);
    if !background.drag_stopped() && ui.input(|i| i.pointer.any_down()) {
        return;
    }
    view.band = None;
    let (a, b) = (stage.camera.to_map(stage.canvas, band.min), stage.camera.to_map(stage.canvas, band.max));
    let area = crate::layout::Rect { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
    let Some(derived) = cx.derived else { return };
    for sb in derived.scene.boxes.iter().filter(|sb| sb.rect.overlaps(&area)) {
        if let Some(s) = derived.layout.index.statement(cx.doc.map(), sb.position) {
            if view.selected.is_none() {
                view.selected = Some(s.id.clone());
            } else if view.selected.as_ref() != Some(&s.id) {
                view.also.insert(s.id.clone());
            }
        }
    }
}

fn pan_and_zoom(view: &mut View, ui: &egui::Ui, canvas: egui::Rect, background: &egui::Response) {
    let banding = ui.input(|i| i.modifiers.shift || i.modifiers.command);
    if background.drag_started() && banding {
        view.band = ui.input(|i| i.pointer.press_origin()).or(background.interact_pointer_pos());
    }
    if view.band.is_some() {
        return;
    }
    if background.dragged() {
        view.camera.center -= background.drag_delta() / view.camera.zoom;
        view.fit = None;
    }
    if !ui.rect_contains_pointer(canvas) {
        return;
    }
    let (scroll, zoom, pointer) =
        ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
    if (zoom - 1.0).abs() > f32::EPSILON {
        view.camera.zoom_at(canvas, pointer.unwrap_or(canvas.center()), zoom);
        view.fit = None;
    } else if scroll != Vec2::ZERO {
        view.camera.center -= scroll / view.camera.zoom;
        view.fit = None;
    }
}

/// The minimap's size on screen (at most; a map's shape decides the rest).
const MINIMAP: Vec2 = Vec2::new(220.0, 150.0);

/// The whole map small in the canvas's lower right corner, with the part in view outlined; a
/// click or drag there moves the view to that place.
/// What to do first, in one line docked under the canvas (over no box), until the user has
/// done it.
pub const FIRST_RUN_HINT: &str =
    "Select a statement; + adds a reason, − an objection (Enter keeps it). F1: help";

/// The first-run hint's line.
pub fn first_run_hint(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Start here:").strong());
        ui.label(FIRST_RUN_HINT);
    });
}

/// How far the minimap sits from the canvas's corner.
const MINIMAP_INSET: f32 = 8.0;

/// Where the minimap goes: the canvas's lower right corner, shaped like the map.
fn minimap_area(derived: &crate::ui::derived::Derived, canvas: egui::Rect) -> Option<egui::Rect> {
    let bounds = derived.scene.bounds.or(derived.layout.bounds)?;
    let scale = (MINIMAP.x / bounds.w.max(1.0)).min(MINIMAP.y / bounds.h.max(1.0));
    let size = Vec2::new(bounds.w * scale, bounds.h * scale) + Vec2::splat(8.0);
    Some(egui::Rect::from_min_size(canvas.right_bottom() - size - Vec2::splat(MINIMAP_INSET), size))
}

fn minimap(ui: &mut egui::Ui, cx: &PanelContext<'_>, view: &mut View, canvas: egui::Rect, palette: &Palette) {
    let Some(derived) = cx.derived else { return };
    let Some(bounds) = derived.scene.bounds.or(derived.layout.bounds) else { return };
    let Some(area) = minimap_area(derived, canvas) else { return };
    let scale = (MINIMAP.x / bounds.w.max(1.0)).min(MINIMAP.y / bounds.h.max(1.0));
    let inner = area.shrink(4.0);
    let to_screen = |x: f32, y: f32| inner.min + Vec2::new((x - bounds.x) * scale, (y - bounds.y) * scale);
    let response = ui.interact(area, Id::unique("minimap"), Sense::click_and_drag());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, "Minimap: click to move the view")
    });
    let painter = ui.painter_at(area);
    painter.rect(
        area,
        4.0,
        color(palette.background).gamma_multiply(0.95),
        Stroke::new(1.0, color(palette.weak_text)),
        StrokeKind::Inside,
    );
    for f in &derived.scene.frames {
        for part in &f.parts {
            let r =
                egui::Rect::from_min_max(to_screen(part.x, part.y), to_screen(part.right(), part.bottom()));
            painter.rect_filled(r, 1.0, color(crate::scene::frames::hue(f.group)).gamma_multiply(0.25));
        }
    }
    for b in &derived.scene.boxes {
        let r = egui::Rect::from_min_max(
            to_screen(b.rect.x, b.rect.y),
            to_screen(b.rect.right(), b.rect.bottom()),
        );
        painter.rect_filled(r, 0.0, color(palette.role(b.role).stroke));
    }
    let seen = view.camera.visible(canvas);
    let v = egui::Rect::from_min_max(to_screen(seen.x, seen.y), to_screen(seen.right(), seen.bottom()));
    let accent = ui.visuals().selection.stroke.color;
    painter.rect_stroke(v.intersect(inner.expand(2.0)), 0.0, Stroke::new(1.5, accent), StrokeKind::Inside);
    if let Some(p) = response.interact_pointer_pos().filter(|_| response.clicked() || response.dragged()) {
        let m = (p - inner.min) / scale;
        view.camera.center = Vec2::new(bounds.x + m.x, bounds.y + m.y);
        view.fit = None;
    }
}

/// How [`paint_items`] paints lines and heads.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// As the scene says.
    Plain,
    /// Lighter (cross-links far out).
    Faded,
    /// Wider (the selected statement's arrows).
    Bold,
}

/// Paints scene items that lie in `cull` (map coordinates).
fn paint_items(
    painter: &egui::Painter,
    items: &[Item],
    canvas: egui::Rect,
    camera: &Camera,
    cull: &crate::layout::Rect,
    style: Style,
) {
    let z = camera.zoom;
    if BOX_W * z < TINY_BOX_PX && style != Style::Bold {
        return paint_far(painter, items, (canvas, camera, cull), style);
    }
    let to = |p: (f32, f32)| camera.to_screen(canvas, p);
    let tint = |c: Color32| if style == Style::Faded { c.gamma_multiply(0.3) } else { c };
    let widen = if style == Style::Bold { 2.0 } else { 1.0 };
    for item in items {
        match item {
            Item::Rect { .. } | Item::Text { .. } if style == Style::Bold => {}
            Item::Rect { rect, radius, fill, stroke, stroke_width } => {
                if rect.overlaps(cull) {
                    let r = camera.rect_to_screen(canvas, rect);
                    painter.rect(
                        r,
                        radius * z,
                        color(*fill),
                        Stroke::new((stroke_width * z).max(0.75), color(*stroke)),
                        StrokeKind::Inside,
                    );
                }
            }
            Item::Text { x, y, width, text, size, color: c, .. } => {
                let line = crate::layout::Rect { x: *x, y: *y, w: *width, h: *size };
                if !line.overlaps(cull) {
                    continue;
                }
                let px = size * z;
                if BOX_W * z < TINY_BOX_PX {
                    continue; // far out: boxes are blocks, their text is not drawn at all
                }
                if px >= MIN_TEXT_PX {
                    painter.text(to((*x, *y)), Align2::LEFT_TOP, text, FontId::proportional(px), color(*c));
                } else {
                    let w = text.chars().count() as f32 * size * 0.45 * z;
                    let top = to((*x, *y + size * 0.3));
                    painter.rect_filled(
                        egui::Rect::from_min_size(top, Vec2::new(w, (size * 0.5 * z).max(0.5))),
                        0.0,
                        color(*c).gamma_multiply(0.35),
                    );
                }
            }
            Item::Line { points, color: c, width, dashed } => {
                // Only the parts inside the view: a dashed line is cut into dashes along its whole
                // length, and a cross-link can span the whole map.
                let stroke = Stroke::new((width * z * widen).max(0.75 * widen), tint(color(*c)));
                let far = z < FAR_ZOOM;
                for pair in points.windows(2) {
                    let Some((a, b)) = clip(pair[0], pair[1], cull) else { continue };
                    let pts = [to(a), to(b)];
                    if far && (pts[0] - pts[1]).length_sq() < 1.0 {
                        continue; // shorter than a pixel: nothing to see
                    }
                    if *dashed {
                        painter.extend(Shape::dashed_line(
                            &pts,
                            stroke,
                            (7.0 * z).max(4.0),
                            (5.0 * z).max(3.0),
                        ));
                    } else {
                        painter.line_segment(pts, stroke);
                    }
                }
            }
            Item::Triangle { points, color: c } => {
                if z >= FAR_ZOOM && points.iter().any(|&(x, y)| cull.contains(x, y)) {
                    let center = points.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0 / 3.0, a.1 + p.1 / 3.0));
                    let grown = points
                        .map(|p| (center.0 + (p.0 - center.0) * widen, center.1 + (p.1 - center.1) * widen));
                    painter.add(Shape::convex_polygon(
                        grown.iter().map(|&p| to(p)).collect(),
                        tint(color(*c)),
                        Stroke::NONE,
                    ));
                }
            }
            Item::Circle { center, radius, fill, stroke } => {
                if cull.contains(center.0, center.1) {
                    painter.circle(to(*center), radius * z, color(*fill), Stroke::new(1.0, color(*stroke)));
                }
            }
        }
    }
}

/// [`paint_items`] far out, where boxes are blocks a few pixels wide: everything as quads of one
/// mesh (no rounded corners, outlines or text to tessellate), lines a pixel wide, objections
/// still dashed, so a frame of a 10,000-statement map costs little more than its vertices.
fn paint_far(
    painter: &egui::Painter,
    items: &[Item],
    (canvas, camera, cull): (egui::Rect, &Camera, &crate::layout::Rect),
    style: Style,
) {
    let to = |p: (f32, f32)| camera.to_screen(canvas, p);
    let tint = |c: Color32| if style == Style::Faded { c.gamma_multiply(0.3) } else { c };
    let mut mesh = egui::Mesh::default();
    for item in items {
        match item {
            Item::Rect { rect, fill, stroke, .. } if rect.overlaps(cull) => {
                let r = camera.rect_to_screen(canvas, rect);
                // A box too small for its fill to show is a block of its border's colour.
                let c = if r.width().min(r.height()) < 4.0 { *stroke } else { *fill };
                mesh.add_colored_rect(r, color(c));
            }
            Item::Line { points, color: c, dashed, .. } => {
                for pair in points.windows(2) {
                    let Some((a, b)) = clip(pair[0], pair[1], cull) else { continue };
                    far_segment(&mut mesh, [to(a), to(b)], tint(color(*c)), *dashed);
                }
            }
            _ => {}
        }
    }
    painter.add(Shape::mesh(mesh));
}

/// A segment a pixel wide as quads of `mesh`: one, or dashes of 4 pixels with gaps of 3.
fn far_segment(mesh: &mut egui::Mesh, [a, b]: [Pos2; 2], c: Color32, dashed: bool) {
    let d = b - a;
    let len = d.length();
    if len < 0.5 {
        return;
    }
    let n = Vec2::new(-d.y, d.x) / len * 0.5;
    let mut quad = |p: Pos2, q: Pos2| {
        let i = mesh.vertices.len() as u32;
        for v in [p + n, p - n, q - n, q + n] {
            mesh.colored_vertex(v, c);
        }
        mesh.add_triangle(i, i + 1, i + 2);
        mesh.add_triangle(i, i + 2, i + 3);
    };
    if !dashed {
        return quad(a, b);
    }
    let (dash, gap) = (4.0, 3.0);
    let mut t = 0.0;
    while t < len {
        let end = (t + dash).min(len);
        quad(a + d * (t / len), a + d * (end / len));
        t = end + gap;
    }
}

/// The part of the segment `a`-`b` inside `r` (Liang–Barsky), if any.
fn clip(a: (f32, f32), b: (f32, f32), r: &crate::layout::Rect) -> Option<((f32, f32), (f32, f32))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [(-dx, a.0 - r.x), (dx, r.right() - a.0), (-dy, a.1 - r.y), (dy, r.bottom() - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

/// The text field over a statement whose text is being typed: what is typed, Enter, Escape and
/// leaving the field, as actions.
fn inline_editor(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &View,
    canvas: egui::Rect,
    actions: &mut Vec<Action>,
) {
    let Some(typing) = cx.gesture.and_then(Gesture::typing) else { return };
    if !cx.doc.map().contains(&typing.id) {
        return;
    }
    let enter = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
    let escape = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    let rect = cx.derived.and_then(|d| d.layout.rect(cx.doc.map(), &typing.id));
    let mut lost = false;
    if let Some(rect) = rect {
        let srect = view.camera.rect_to_screen(canvas, &rect).expand(2.0);
        let zoom = view.camera.zoom.clamp(0.7, 2.0);
        let mut buffer = typing.buffer.clone();
        let field = egui::TextEdit::multiline(&mut buffer)
            .id(super::panel::editor_id())
            .font(FontId::proportional(crate::scene::text::TEXT_SIZE * zoom))
            .hint_text("Type the statement; Enter to finish, Esc to cancel")
            .desired_width(srect.width() - 8.0)
            .desired_rows(3)
            .frame(egui::Frame::new().fill(ui.visuals().extreme_bg_color));
        let at = egui::Rect::from_min_size(srect.min, Vec2::new(srect.width(), srect.height().max(60.0)));
        let response = ui.put(at, field);
        let name = editor_name(cx.doc.map(), typing);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, &name));
        if buffer != typing.buffer {
            actions.push(Action::Type(buffer));
        }
        if typing.focus {
            response.request_focus();
            actions.push(Action::TypingFocused);
        } else {
            lost = response.lost_focus();
        }
    }
    if escape {
        actions.push(Action::FinishTyping(false));
    } else if enter || lost {
        actions.push(Action::FinishTyping(true));
    }
}

/// The search field at the top of the canvas (Ctrl+F): matches are outlined as you type, Enter
/// jumps from match to match, Escape closes.
fn search_bar(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &mut View,
    canvas: egui::Rect,
    actions: &mut Vec<Action>,
) {
    let Some(search) = view.search.as_mut() else { return };
    let (mut close, mut jump, mut changed) = (false, false, false);
    let at = canvas.left_top() + Vec2::new(12.0, 12.0);
    egui::Area::new(Id::unique("search-area")).fixed_pos(at).show(ui.ctx(), |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Find");
                let field = egui::TextEdit::singleline(&mut search.query)
                    .id(Id::unique("search-field"))
                    .hint_text("Find statements…")
                    .desired_width(220.0);
                let response = ui.add(field).labelled_by(label.id);
                if search.focus_field {
                    response.request_focus();
                    search.focus_field = false;
                }
                changed = response.changed();
                if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    jump = true;
                    response.request_focus();
                }
                close = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
                let count = search.matches.len();
                ui.label(match (search.current, count) {
                    (_, 0) if search.query.is_empty() => String::new(),
                    (_, 0) => "no match".to_owned(),
                    (Some(k), n) => format!("{} of {n}", k + 1),
                    (None, n) => format!("{n} found"),
                });
                jump |= ui.button("Next").clicked();
                close |= ui.button("Close").on_hover_text("Close (Esc)").clicked();
            });
        });
    });
    if close {
        view.search = None;
        return;
    }
    if changed {
        update_matches(view, cx);
    }
    let Some(search) = view.search.as_mut().filter(|s| jump && !s.matches.is_empty()) else { return };
    let next = search.current.map_or(0, |k| (k + 1) % search.matches.len());
    search.current = Some(next);
    actions.push(Action::Select(search.matches[next].clone()));
}

/// Recomputes the search matches: statements whose text, id, quote or note holds the query,
/// ignoring case, in layout order.
pub fn update_matches(view: &mut View, cx: &PanelContext<'_>) {
    let Some(search) = view.search.as_mut() else { return };
    let query = search.query.trim().to_lowercase();
    search.current = None;
    search.matches.clear();
    if query.is_empty() {
        return;
    }
    let map = cx.doc.map();
    let hit = |id: &StatementId| {
        map.statement(id).is_some_and(|s| {
            s.text.to_lowercase().contains(&query)
                || s.id.contains(&query)
                || s.source.as_ref().is_some_and(|src| src.quote.to_lowercase().contains(&query))
                || s.note.as_ref().is_some_and(|n| n.to_lowercase().contains(&query))
        })
    };
    let in_layout: Vec<StatementId> = cx
        .derived
        .map(|d| (0..d.layout.placed.len()).filter_map(|i| d.layout.id(map, i).cloned()).collect())
        .unwrap_or_default();
    let seen: std::collections::HashSet<&StatementId> = in_layout.iter().collect();
    let hidden: Vec<StatementId> =
        map.statements().map(|s| s.id.clone()).filter(|id| !seen.contains(id)).collect();
    drop(seen);
    search.matches = in_layout.into_iter().chain(hidden).filter(|id| hit(id)).collect();
}

/// The legend, docked under the canvas (it never covers a box): the entries, and a button that
/// hides it (View ▸ Legend shows it again).
pub fn legend_bar(ui: &mut egui::Ui, eval: bool, actions: &mut Vec<Action>) {
    let palette = Palette::of(ui.visuals().dark_mode);
    ui.horizontal_wrapped(|ui| {
        legend_entries(ui, &palette, eval);
        ui.add_space(6.0);
        if ui.small_button("Hide legend").on_hover_text("View > Legend shows it again").clicked() {
            actions.push(Action::Command(Command::ToggleLegend));
        }
    });
}

/// The legend's entries in a row: the roles' colours, the arrows, the source marker.
fn legend_entries(ui: &mut egui::Ui, palette: &Palette, eval: bool) {
    let swatch = |ui: &mut egui::Ui| ui.allocate_exact_size(Vec2::new(22.0, 12.0), Sense::hover()).0;
    for role in Role::ALL {
        let colors = palette.role(role);
        let r = swatch(ui);
        ui.painter().rect(
            r,
            3.0,
            color(colors.fill),
            Stroke::new(1.5, color(colors.stroke)),
            StrokeKind::Inside,
        );
        ui.label(match role {
            Role::Claim => "Claim",
            Role::Reason => "Reason",
            Role::Objection => "Objection",
            Role::Rebuttal => "Rebuttal",
        });
        ui.add_space(6.0);
    }
    for (dashed, text) in [(false, "supports"), (true, "objects (into an arrow: undercuts)")] {
        let r = swatch(ui);
        let stroke = Stroke::new(2.0, ui.visuals().text_color());
        let pts = [r.left_center(), r.right_center()];
        if dashed {
            ui.painter().extend(Shape::dashed_line(&pts, stroke, 5.0, 3.0));
        } else {
            ui.painter().line_segment(pts, stroke);
        }
        ui.label(text);
        ui.add_space(6.0);
    }
    let r = swatch(ui);
    ui.painter().circle_filled(r.center(), 4.5, ui.visuals().text_color());
    ui.label("source quote (hover)");
    if eval {
        ui.add_space(6.0);
        ui.label("IN stands, OUT is defeated for now, DISABLED: an undercut stands (E hides; F1 explains)");
    }
}
