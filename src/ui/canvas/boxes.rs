//! The boxes as widgets: each statement's box (for the pointer, the keyboard and a screen
//! reader), its tags, overlays and collapse pill, the relations' tags, and the editor a statement
//! is typed in.

use super::*;

/// The boxes' widgets: hit testing, accessibility, dragging, the context menu, and the
/// overlays (search matches, the glow of a changed label, selection, hover, the collapse pill).
pub(super) fn boxes(
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
    // A huge map's frame looks only at the runs of boxes near the view.
    let candidates: Box<dyn Iterator<Item = &SceneBox>> =
        if register_all { Box::new(boxes.iter()) } else { Box::new(derived.scene.boxes_near(&stage.cull)) };
    for b in candidates {
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
            presence(painter, stage, b, &statement.id, cx.people);
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
pub(super) fn box_widget(
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
    let response = ui.interact(srect, crate::ui::panel::box_id(bid), Sense::click_and_drag());
    // Built only when accessibility asks for it, not every frame for every box.
    response.widget_info(|| {
        let text = statement.text.as_str();
        let mut label = match b.badge {
            Some(badge) => format!("{}: {text} ({})", b.role.as_str(), badge.text().to_lowercase()),
            None => format!("{}: {text}", b.role.as_str()),
        };
        if b.doubted {
            label.push_str(" (its argument is doubted: you doubt a critical question of it)");
        }
        if b.open_questions > 0 {
            let n = b.open_questions;
            label.push_str(&format!(
                " ({n} critical question{} of its argument open)",
                if n == 1 { "" } else { "s" }
            ));
        }
        if cx.drifted.contains(bid) {
            label.push_str(" (its quote is no longer found in its document)");
        }
        if let Some((_, c)) = cx.doc.map().conflicts_of(bid).next() {
            label.push_str(&format!(" (conflict from a merge: {})", c.field.describe()));
        }
        for person in cx.people.iter().filter(|p| p.selected.contains(bid)) {
            label.push_str(&format!(" ({} has it selected)", crate::printable::line(&person.name, 30)));
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
    let short =
        |s: &StatementId| map.statement(s).map(|x| crate::ui::panel::short(&x.text)).unwrap_or_default();
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
pub(super) fn editor_name(map: &crate::model::ArgumentMap, typing: &crate::ui::Typing) -> String {
    let short =
        |id: &StatementId| map.statement(id).map(|s| crate::ui::panel::short(&s.text)).unwrap_or_default();
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
pub(super) struct TagSpec {
    shown: String,
    said: String,
    fill: Color32,
    salt: &'static str,
    kind: TagKind,
}

/// What a tag does.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum TagKind {
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
pub(super) fn tags(
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
pub(super) fn tag_specs(cx: &PanelContext<'_>, s: &crate::model::Statement) -> Vec<TagSpec> {
    let short = crate::ui::panel::short(&s.text);
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
pub(super) fn tag_row(
    cx: &PanelContext<'_>,
    stage: &Stage,
    b: &SceneBox,
    srect: egui::Rect,
    size: Vec2,
) -> egui::Pos2 {
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
pub(super) fn tag_clicked(
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
pub(super) fn drift_clicked(
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
pub(super) fn box_overlays(
    ui: &egui::Ui,
    painter: &egui::Painter,
    stage: &Stage,
    derived: &crate::ui::derived::Derived,
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

/// The rings of the others in a live session who have this statement selected, each in their
/// colour, with their names above the box.
fn presence(
    painter: &egui::Painter,
    stage: &Stage,
    b: &SceneBox,
    id: &StatementId,
    people: &[crate::live::session::Person],
) {
    let here = people.iter().filter(|p| p.selected.contains(id));
    let srect = stage.camera.rect_to_screen(stage.canvas, &b.rect);
    let radius = 6.0 * stage.camera.zoom;
    let mut label_at = srect.left_top() + egui::vec2(0.0, -8.0);
    for (n, person) in here.enumerate() {
        let [r, g, bl] = crate::colors::person(person.id);
        let colour = Color32::from_rgb(r, g, bl);
        let ring = srect.expand(8.0 + 4.0 * n as f32);
        painter.rect_stroke(ring, radius, Stroke::new(2.5, colour), StrokeKind::Outside);
        let name = crate::printable::line(&person.name, 30);
        let font = egui::FontId::proportional(12.0);
        let galley = painter.layout_no_wrap(name, font, Color32::WHITE);
        let tag = egui::Rect::from_min_size(
            label_at - egui::vec2(0.0, galley.size().y + 4.0),
            galley.size() + egui::vec2(8.0, 4.0),
        );
        painter.rect_filled(tag, 3.0, colour);
        painter.galley(tag.min + egui::vec2(4.0, 2.0), galley, Color32::WHITE);
        label_at.x = tag.max.x + 4.0;
    }
}

/// The collapse toggle on the bottom edge of a box with statements below it; the statement when
/// clicked.
pub(super) fn collapse_pill(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    stage: &Stage,
    derived: &crate::ui::derived::Derived,
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
    let short = crate::ui::panel::short(&statement.text);
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
pub(super) fn relation_tags(ui: &mut egui::Ui, cx: &PanelContext<'_>, stage: &Stage) -> Option<StatementId> {
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

/// The text field over a statement whose text is being typed: what is typed, Enter, Escape and
/// leaving the field, as actions.
pub(super) fn inline_editor(
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
    let srect = field_rect(cx, view, canvas, &typing.id);
    let zoom = view.camera.zoom.clamp(0.7, 2.0);
    let mut buffer = typing.buffer.clone();
    let field = egui::TextEdit::multiline(&mut buffer)
        .id(crate::ui::panel::editor_id())
        .font(FontId::proportional(crate::scene::text::TEXT_SIZE * zoom))
        .hint_text(
            typing
                .prompt
                .as_ref()
                .map_or("Type the statement; Enter to finish, Esc to cancel".to_owned(), |q| {
                    format!("{q} Type your answer; Enter to finish, Esc to cancel")
                }),
        )
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
    let mut lost = false;
    if typing.focus {
        response.request_focus();
        actions.push(Action::TypingFocused);
    } else {
        lost = response.lost_focus();
    }
    if escape {
        actions.push(Action::FinishTyping(false));
    } else if enter || lost {
        actions.push(Action::FinishTyping(true));
    }
}

/// Where the text field stands on screen: over the statement's box; while a new statement's box
/// is not laid out yet (a huge map's picture is made on another thread, a tenth of a second or
/// so), just below its parent's box, or in the middle of the canvas: what is typed at once
/// reaches the field, which moves onto the box once it is drawn.
fn field_rect(cx: &PanelContext<'_>, view: &View, canvas: egui::Rect, id: &str) -> egui::Rect {
    let map = cx.doc.map();
    let laid_out = |id: &str| {
        let rect = cx.derived.and_then(|d| d.layout.rect(map, id))?;
        Some(view.camera.rect_to_screen(canvas, &rect))
    };
    if let Some(rect) = laid_out(id) {
        return rect.expand(2.0);
    }
    let width = 220.0 * view.camera.zoom.clamp(0.7, 2.0);
    let below = map.parent_of(id).and_then(|p| laid_out(p)).map(|p| {
        egui::Rect::from_min_size(
            p.left_bottom() + Vec2::new(0.0, 12.0),
            Vec2::new(p.width().max(width), 60.0),
        )
    });
    below
        .filter(|r| canvas.contains_rect(*r))
        .unwrap_or_else(|| egui::Rect::from_center_size(canvas.center(), Vec2::new(width, 60.0)))
}
