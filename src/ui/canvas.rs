//! The canvas: paints the scene, and turns pointer and keyboard input on it into view changes
//! and commands (select, drag, pan, zoom, collapse, type a statement's text, search).

use super::app::App;
use super::command::Command;
use super::view::Camera;
use crate::edit::Edit;
use crate::model::{Pos, Role, StatementId};
use crate::scene::{self, BOX_W, Item, Palette, Rgba};
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

fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0[0], c.0[1], c.0[2], c.0[3])
}

/// Draws the canvas and handles its input.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let canvas = ui.max_rect();
    app.canvas_rect = Some(canvas);
    let background = ui.interact(canvas, Id::unique("canvas-background"), Sense::click_and_drag());
    let dark = ui.visuals().dark_mode;
    let palette = Palette::of(dark);

    place_camera(app, canvas);
    pan_and_zoom(app, ui, canvas, &background);
    if background.clicked() && app.connecting.is_none() {
        app.finish_editing(true);
    }
    // In a huge map zoomed far out, boxes have no widgets: find the one under a click.
    let background_hit =
        background.clicked().then(|| background.interact_pointer_pos()).flatten().and_then(|p| {
            let m = app.view.camera.to_map(canvas, p);
            let derived = app.derived.as_ref()?;
            let b = derived.scene.boxes.iter().rev().find(|b| b.rect.contains(m.x, m.y))?;
            derived.layout.index.statement(&app.doc.map, b.position).map(|s| s.id.clone())
        });

    let painter = ui.painter_at(canvas);
    painter.rect_filled(canvas, 0.0, color(palette.background));
    let Some(derived) = &app.derived else { return };
    let camera = app.view.camera;
    let visible = camera.visible(canvas);
    let cull = crate::layout::Rect {
        x: visible.x - 50.0,
        y: visible.y - 50.0,
        w: visible.w + 100.0,
        h: visible.h + 100.0,
    };
    paint_items(&painter, &derived.scene.items, canvas, &camera, &cull);
    // Boxes in view, made now: far out a plain block each, nearer with their text.
    let detail = BOX_W * camera.zoom >= TINY_BOX_PX;
    let mut items = Vec::new();
    for b in derived.scene.boxes.iter().filter(|b| b.rect.overlaps(&cull)) {
        scene::box_items(&mut items, b, &derived.prepared, &palette, detail);
    }
    paint_items(&painter, &items, canvas, &camera, &cull);

    if derived.scene.boxes.is_empty() {
        painter.text(
            canvas.center(),
            Align2::CENTER_CENTER,
            "This map is empty: Edit > Add free claim starts one.",
            FontId::proportional(16.0),
            color(palette.weak_text),
        );
    }

    // Boxes: hit testing, accessibility, selection and the other overlays.
    let accent = ui.visuals().selection.stroke.color;
    let matches: Vec<StatementId> = app.view.search.as_ref().map(|s| s.matches.clone()).unwrap_or_default();
    let mut clicked = background_hit;
    let mut double_clicked = None;
    let mut menu_command = None;
    let mut toggle = None;
    let mut drag_end = None;
    let boxes = &derived.scene.boxes;
    // Screen readers get every box of a map of ordinary size, on screen or not. A huge map
    // registers only boxes in view and big enough to point at, to keep frames fast; clicks on
    // smaller ones are found by hit-testing below.
    let register_all = boxes.len() <= ACCESSIBLE_ALL_UP_TO;
    let pointable = BOX_W * camera.zoom >= MIN_POINTABLE_PX;
    for b in boxes {
        let on_screen = b.rect.overlaps(&cull);
        if !(register_all || on_screen && pointable) {
            continue;
        }
        let Some(statement) = derived.layout.index.statement(&app.doc.map, b.position) else { continue };
        let bid = &statement.id;
        let srect = camera.rect_to_screen(canvas, &b.rect);
        let id = Id::unique(("statement", bid.as_str()));
        let response = ui.interact(srect, id, Sense::click_and_drag());
        let selected = app.view.selected.as_ref() == Some(bid);
        // Built only when accessibility asks for it, not every frame for every box.
        response.widget_info(|| {
            let text = statement.text.as_str();
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                selected,
                match b.badge {
                    Some(badge) => format!("{}: {text} ({})", b.role.as_str(), badge.text().to_lowercase()),
                    None => format!("{}: {text}", b.role.as_str()),
                },
            )
        });
        if response.clicked() || response.secondary_clicked() {
            clicked = Some(bid.clone());
        }
        if response.double_clicked() {
            double_clicked = Some(bid.clone());
        }
        if response.dragged() {
            let delta = response.drag_delta() / camera.zoom;
            let drag = app.view_drag.get_or_insert((bid.clone(), Vec2::ZERO));
            if drag.0 == *bid {
                drag.1 += delta;
            }
        }
        if response.drag_stopped()
            && let Some((dragged, offset)) = app.view_drag.take()
            && dragged == *bid
            && offset.length() > 2.0
        {
            drag_end = Some((dragged, Pos { x: b.rect.x + offset.x, y: b.rect.y + offset.y }));
        }
        let response = if let Some(source) = statement.source.as_ref() {
            let tip = format!("\u{201c}{}\u{201d}\n— {}", source.quote, source.reference);
            response.on_hover_text(tip)
        } else {
            response
        };
        response.context_menu(|ui| {
            for c in [
                Command::AddReason,
                Command::AddObjection,
                Command::AddCoPremise,
                Command::EditText,
                Command::FlipKind,
                Command::ConnectAsReason,
                Command::ConnectAsObjection,
                Command::ToggleCollapse,
                Command::Unpin,
                Command::Delete,
            ] {
                let mut button = egui::Button::new(c.label());
                if let Some(s) = c.shortcuts().first() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(s));
                }
                if ui.add(button).clicked() {
                    menu_command = Some((bid.clone(), c));
                }
            }
        });

        if !on_screen {
            continue;
        }
        let radius = 6.0 * camera.zoom;
        if matches.contains(bid) {
            painter.rect_stroke(
                srect.expand(2.0),
                radius,
                Stroke::new(3.0, Color32::from_rgb(0xf2, 0xb7, 0x05)),
                StrokeKind::Outside,
            );
        }
        // A box whose evaluation the last edit changed glows for a moment, fading out.
        let (changed, at) = &derived.changed;
        let since = ui.input(|i| i.time) - at;
        if since < CHANGE_GLOW_SECS && changed.contains(bid) {
            let fade = 1.0 - (since / CHANGE_GLOW_SECS) as f32;
            let glow = Color32::from_rgb(0x7c, 0x4d, 0xff).gamma_multiply(fade);
            painter.rect_stroke(srect.expand(6.0), radius, Stroke::new(4.0, glow), StrokeKind::Outside);
            ui.ctx().request_repaint();
        }
        if selected {
            painter.rect_stroke(srect.expand(4.0), radius, Stroke::new(2.5, accent), StrokeKind::Outside);
        } else if response.hovered() {
            painter.rect_stroke(
                srect.expand(2.0),
                radius,
                Stroke::new(1.5, accent.gamma_multiply(0.6)),
                StrokeKind::Outside,
            );
        }

        // The collapse toggle, on the bottom edge of a box with statements below it.
        if let Some(placed) = derived.layout.at(b.position)
            && placed.descendants > 0
            && camera.zoom > 0.15
        {
            let size =
                Vec2::new(if placed.hidden > 0 { 44.0 } else { 24.0 }, 16.0) * camera.zoom.clamp(0.6, 1.5);
            let pill = egui::Rect::from_center_size(
                Pos2::new(srect.right() - size.x / 2.0 - 4.0, srect.bottom()),
                size,
            );
            let label = if placed.hidden > 0 { format!("+{}", placed.hidden) } else { "–".to_owned() };
            let r = ui.interact(pill, Id::unique(("collapse", bid.as_str())), Sense::click());
            let description = if placed.hidden > 0 {
                format!("Expand ({} hidden)", placed.hidden)
            } else {
                "Collapse branch".to_owned()
            };
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
            let colors = palette.role(b.role);
            painter.rect(
                pill,
                size.y / 2.0,
                color(colors.fill),
                Stroke::new(1.2, color(colors.stroke)),
                StrokeKind::Inside,
            );
            painter.text(
                pill.center(),
                Align2::CENTER_CENTER,
                label,
                FontId::proportional(11.0 * camera.zoom.clamp(0.6, 1.5)),
                color(colors.stroke),
            );
            if r.clicked() {
                toggle = Some(bid.clone());
            }
        }
    }

    // Relation tags, where legible: hovering one shows the argument's whole title, description
    // and rating; a click selects its first premise, whose inspector edits them.
    if scene::text::CAPTION_SIZE * camera.zoom >= MIN_TEXT_PX {
        for (rect, rid) in derived.scene.tags.iter().filter(|(r, _)| r.overlaps(&cull)) {
            let Some(relation) = app.doc.map.relation(*rid) else { continue };
            let srect = camera.rect_to_screen(canvas, rect);
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
    }

    // The ghost of a box being dragged.
    if let Some((id, offset)) = &app.view_drag
        && let Some(rect) = derived.layout.rect(&app.doc.map, id)
    {
        let moved = crate::layout::Rect { x: rect.x + offset.x, y: rect.y + offset.y, ..rect };
        let srect = camera.rect_to_screen(canvas, &moved);
        painter.rect_stroke(srect, 6.0 * camera.zoom, Stroke::new(2.0, accent), StrokeKind::Inside);
    }

    if let Some(id) = clicked {
        if app.connecting.is_some() {
            app.connect_to(id);
        } else {
            if app.editing.as_ref().is_some_and(|e| e.id != id) {
                app.finish_editing(true);
            }
            app.view.select(id);
        }
    }
    if let Some(id) = double_clicked {
        app.view.select(id);
        app.queued.push(Command::EditText);
    }
    if let Some((id, command)) = menu_command {
        app.view.select(id);
        app.queued.push(command);
    }
    if let Some(id) = toggle {
        app.view.toggle_collapsed(&id);
    }
    if let Some((id, pos)) = drag_end {
        app.apply(Edit::SetPinned { id, pinned: Some(pos) }, "move statement");
    }
    if app.view_drag.is_some() && !ui.input(|i| i.pointer.any_down()) {
        app.view_drag = None;
    }

    inline_editor(app, ui, canvas);
    search_bar(app, ui, canvas);
    if app.settings.show_legend {
        legend(ui, canvas, &palette, app.settings.show_eval);
    }
    let dropped = ui.input(|i| !i.raw.hovered_files.is_empty());
    if dropped {
        painter.rect_filled(canvas, 0.0, Color32::from_black_alpha(60));
        painter.text(
            canvas.center(),
            Align2::CENTER_CENTER,
            "Drop a .ron map to open it",
            FontId::proportional(22.0),
            Color32::WHITE,
        );
    }
}

/// Fits the map on request, and brings the statement to reveal into view.
fn place_camera(app: &mut App, canvas: egui::Rect) {
    let Some(derived) = &app.derived else { return };
    if let (Some(mode), Some(bounds)) = (app.view.fit, derived.layout.bounds) {
        let root = derived.layout.placed.first().map(|p| p.rect);
        app.view.camera = Camera::fit(mode, canvas, &bounds, root.as_ref());
    }
    let Some(id) = app.view.reveal.take() else { return };
    match derived.layout.rect(&app.doc.map, &id) {
        Some(r) => {
            let visible = app.view.camera.visible(canvas);
            let inside = r.x >= visible.x
                && r.right() <= visible.right()
                && r.y >= visible.y
                && r.bottom() <= visible.bottom();
            if !inside {
                let (cx, cy) = r.center();
                app.view.camera.center = Vec2::new(cx, cy);
                app.view.fit = None;
            }
        }
        None => {
            // Hidden in a collapsed branch: expand its ancestors and try again next frame.
            let mut cur = id.clone();
            for _ in 0..app.doc.map.statement_count() {
                let Some(parent) = app
                    .doc
                    .map
                    .relations_from(&cur)
                    .first()
                    .and_then(|&r| app.doc.map.relation(r))
                    .and_then(|r| app.doc.map.concluded(r).cloned())
                else {
                    break;
                };
                if app.view.collapsed.remove(&parent) {
                    app.view.collapsed_version += 1;
                }
                cur = parent;
            }
            if app.doc.map.contains(&id) {
                app.view.reveal = Some(id);
            }
        }
    }
}

fn pan_and_zoom(app: &mut App, ui: &egui::Ui, canvas: egui::Rect, background: &egui::Response) {
    if background.dragged() {
        app.view.camera.center -= background.drag_delta() / app.view.camera.zoom;
        app.view.fit = None;
    }
    if !ui.rect_contains_pointer(canvas) {
        return;
    }
    let (scroll, zoom, pointer) =
        ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
    if (zoom - 1.0).abs() > f32::EPSILON {
        app.view.camera.zoom_at(canvas, pointer.unwrap_or(canvas.center()), zoom);
        app.view.fit = None;
    } else if scroll != Vec2::ZERO {
        app.view.camera.center -= scroll / app.view.camera.zoom;
        app.view.fit = None;
    }
}

/// How long a box whose evaluation changed glows after the edit.
const CHANGE_GLOW_SECS: f64 = 1.6;

/// Paints scene items that lie in `cull` (map coordinates).
fn paint_items(
    painter: &egui::Painter,
    items: &[Item],
    canvas: egui::Rect,
    camera: &Camera,
    cull: &crate::layout::Rect,
) {
    let z = camera.zoom;
    let to = |p: (f32, f32)| camera.to_screen(canvas, p);
    for item in items {
        match item {
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
                let stroke = Stroke::new((width * z).max(0.75), color(*c));
                let far = z < FAR_ZOOM;
                for pair in points.windows(2) {
                    let Some((a, b)) = clip(pair[0], pair[1], cull) else { continue };
                    let pts = [to(a), to(b)];
                    if far && (pts[0] - pts[1]).length_sq() < 1.0 {
                        continue; // shorter than a pixel: nothing to see
                    }
                    if *dashed && !far {
                        painter.extend(Shape::dashed_line(
                            &pts,
                            stroke,
                            (7.0 * z).max(2.0),
                            (5.0 * z).max(1.5),
                        ));
                    } else {
                        painter.line_segment(pts, stroke);
                    }
                }
            }
            Item::Triangle { points, color: c } => {
                if z >= FAR_ZOOM && points.iter().any(|&(x, y)| cull.contains(x, y)) {
                    painter.add(Shape::convex_polygon(
                        points.iter().map(|&p| to(p)).collect(),
                        color(*c),
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

/// The text field over a statement whose text is being typed.
fn inline_editor(app: &mut App, ui: &mut egui::Ui, canvas: egui::Rect) {
    let Some(mut editing) = app.editing.take() else { return };
    if !app.doc.map.contains(&editing.id) {
        return;
    }
    let enter = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
    let escape = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    let rect = app.derived.as_ref().and_then(|d| d.layout.rect(&app.doc.map, &editing.id));
    let mut lost = false;
    if let Some(rect) = rect {
        let srect = app.view.camera.rect_to_screen(canvas, &rect).expand(2.0);
        let zoom = app.view.camera.zoom.clamp(0.7, 2.0);
        let field = egui::TextEdit::multiline(&mut editing.buffer)
            .id(Id::unique("statement-editor"))
            .font(FontId::proportional(crate::scene::text::TEXT_SIZE * zoom))
            .hint_text("Type the statement; Enter to finish, Esc to cancel")
            .desired_width(srect.width() - 8.0)
            .desired_rows(3)
            .frame(egui::Frame::new().fill(ui.visuals().extreme_bg_color));
        let response = ui.put(
            egui::Rect::from_min_size(srect.min, Vec2::new(srect.width(), srect.height().max(60.0))),
            field,
        );
        if editing.focus {
            response.request_focus();
            editing.focus = false;
        } else {
            lost = response.lost_focus();
        }
    }
    app.editing = Some(editing);
    if escape {
        app.finish_editing(false);
    } else if enter || lost {
        app.finish_editing(true);
    }
}

/// The search field at the top of the canvas (Ctrl+F): matches are outlined as you type, Enter
/// jumps from match to match, Escape closes.
fn search_bar(app: &mut App, ui: &mut egui::Ui, canvas: egui::Rect) {
    if app.view.search.is_none() {
        return;
    }
    let mut close = false;
    let mut jump = false;
    let mut changed = false;
    egui::Area::new(Id::unique("search-area")).fixed_pos(canvas.left_top() + Vec2::new(12.0, 12.0)).show(
        ui.ctx(),
        |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let Some(search) = app.view.search.as_mut() else { return };
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
                    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                        close = true;
                    }
                    let count = search.matches.len();
                    ui.label(match (search.current, count) {
                        (_, 0) if search.query.is_empty() => String::new(),
                        (_, 0) => "no match".to_owned(),
                        (Some(k), n) => format!("{} of {n}", k + 1),
                        (None, n) => format!("{n} found"),
                    });
                    if ui.button("Next").clicked() {
                        jump = true;
                    }
                    if ui.button("Close").on_hover_text("Close (Esc)").clicked() {
                        close = true;
                    }
                });
            });
        },
    );
    if close {
        app.view.search = None;
        return;
    }
    if changed {
        update_matches(app);
    }
    if jump {
        let Some(search) = app.view.search.as_mut() else { return };
        if search.matches.is_empty() {
            return;
        }
        let next = search.current.map_or(0, |k| (k + 1) % search.matches.len());
        search.current = Some(next);
        let id = search.matches[next].clone();
        app.view.select(id);
    }
}

/// Recomputes the search matches: statements whose text, id, quote or note holds the query,
/// ignoring case, in layout order.
pub fn update_matches(app: &mut App) {
    let Some(search) = app.view.search.as_mut() else { return };
    let query = search.query.trim().to_lowercase();
    search.current = None;
    search.matches.clear();
    if query.is_empty() {
        return;
    }
    let map = &app.doc.map;
    let hit = |id: &StatementId| {
        map.statement(id).is_some_and(|s| {
            s.text.to_lowercase().contains(&query)
                || s.id.contains(&query)
                || s.source.as_ref().is_some_and(|src| src.quote.to_lowercase().contains(&query))
                || s.note.as_ref().is_some_and(|n| n.to_lowercase().contains(&query))
        })
    };
    let in_layout: Vec<StatementId> = app
        .derived
        .as_ref()
        .map(|d| (0..d.layout.placed.len()).filter_map(|i| d.layout.id(map, i).cloned()).collect())
        .unwrap_or_default();
    let mut seen: std::collections::HashSet<&StatementId> = in_layout.iter().collect();
    let hidden: Vec<StatementId> =
        map.statements().map(|s| s.id.clone()).filter(|id| !seen.contains(id)).collect();
    seen.clear();
    search.matches = in_layout.into_iter().chain(hidden).filter(|id| hit(id)).collect();
}

/// The legend in the bottom-left corner of the canvas.
fn legend(ui: &mut egui::Ui, canvas: egui::Rect, palette: &Palette, eval: bool) {
    egui::Area::new(Id::unique("legend"))
        .fixed_pos(canvas.left_bottom() + Vec2::new(12.0, -12.0))
        .pivot(Align2::LEFT_BOTTOM)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 3.0;
                for role in Role::ALL {
                    let colors = palette.role(role);
                    ui.horizontal(|ui| {
                        let (r, _) = ui.allocate_exact_size(Vec2::new(26.0, 14.0), Sense::hover());
                        ui.painter().rect(
                            r,
                            3.0,
                            color(colors.fill),
                            Stroke::new(1.5, color(colors.stroke)),
                            StrokeKind::Inside,
                        );
                        ui.label(match role {
                            Role::Claim => "Claim",
                            Role::Reason => "Reason (supports)",
                            Role::Objection => "Objection",
                            Role::Rebuttal => "Rebuttal (objects to an objection)",
                        });
                    });
                }
                for (dashed, text) in [
                    (false, "Support arrow (solid)"),
                    (true, "Objection arrow (dashed); into an arrow: undercut"),
                ] {
                    ui.horizontal(|ui| {
                        let (r, _) = ui.allocate_exact_size(Vec2::new(26.0, 14.0), Sense::hover());
                        let stroke = Stroke::new(2.0, ui.visuals().text_color());
                        let pts = [r.left_center(), r.right_center()];
                        if dashed {
                            ui.painter().extend(Shape::dashed_line(&pts, stroke, 5.0, 3.0));
                        } else {
                            ui.painter().line_segment(pts, stroke);
                        }
                        ui.label(text);
                    });
                }
                ui.horizontal(|ui| {
                    let (r, _) = ui.allocate_exact_size(Vec2::new(26.0, 14.0), Sense::hover());
                    ui.painter().circle_filled(r.center(), 4.5, ui.visuals().text_color());
                    ui.label("Has a source quote (hover to read it)");
                });
                if eval {
                    ui.label("IN / OUT / UNDECIDED: which statements stand (E hides)");
                }
            });
        });
}
