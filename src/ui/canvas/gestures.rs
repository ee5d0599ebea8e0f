//! Where the camera goes and how the pointer moves it: placing it on the map (fitted, the
//! opening view, a selection revealed out from under the overlays), pan, zoom and the rubber band.

use super::*;

/// What the canvas draws over the map, on screen: the search bar (as last drawn, or where it
/// goes) and the minimap.
pub(super) fn overlays(
    ui: &egui::Ui,
    cx: &PanelContext<'_>,
    view: &View,
    canvas: egui::Rect,
) -> Vec<egui::Rect> {
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
pub(super) fn clear_band(canvas: egui::Rect, overlays: &[egui::Rect]) -> egui::Rect {
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
pub(super) fn place_camera(ui: &egui::Ui, cx: &PanelContext<'_>, view: &mut View, canvas: egui::Rect) {
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

/// How far from the canvas's edge (screen points) a statement brought into view stays.
pub(super) const REVEAL_MARGIN: f32 = 40.0;

/// How far to move the camera (map units) so that the statement at `r` is under none of the
/// overlays `covers`: up (or down) past the one that covers it where the canvas has room, else
/// sideways; nothing if none covers it.
pub(super) fn out_from_under(
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
pub(super) fn pan_into(from: f32, len: f32, at: f32, size: f32, margin: f32) -> f32 {
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
pub(super) fn rubber_band(
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

pub(super) fn pan_and_zoom(view: &mut View, ui: &egui::Ui, canvas: egui::Rect, background: &egui::Response) {
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
