//! The minimap: the whole map small in a corner of the canvas, the part in view outlined; a
//! click or drag there moves the view.

use super::*;

/// The minimap's size on screen (at most; a map's shape decides the rest).
pub(super) const MINIMAP: Vec2 = Vec2::new(220.0, 150.0);

/// How far the minimap sits from the canvas's corner.
pub(super) const MINIMAP_INSET: f32 = 8.0;

/// Where the minimap goes: the canvas's lower right corner, shaped like the map.
pub(super) fn minimap_area(derived: &crate::ui::derived::Derived, canvas: egui::Rect) -> Option<egui::Rect> {
    let bounds = derived.scene.bounds.or(derived.layout.bounds)?;
    let scale = (MINIMAP.x / bounds.w.max(1.0)).min(MINIMAP.y / bounds.h.max(1.0));
    let size = Vec2::new(bounds.w * scale, bounds.h * scale) + Vec2::splat(8.0);
    Some(egui::Rect::from_min_size(canvas.right_bottom() - size - Vec2::splat(MINIMAP_INSET), size))
}

/// The whole map small in the canvas's lower right corner, with the part in view outlined; a
/// click or drag there moves the view to that place.
pub(super) fn minimap(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &mut View,
    canvas: egui::Rect,
    palette: &Palette,
) {
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
    // A huge map's minimap is its overview, one texture (not a rectangle per box).
    if let Some(overview) = derived.overview(ui.ctx(), palette) {
        let b = overview.bounds();
        let r = egui::Rect::from_min_max(to_screen(b.x, b.y), to_screen(b.right(), b.bottom()));
        overview.paint(&painter, r, Color32::WHITE);
    } else {
        shapes(&painter, derived, palette, to_screen);
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

/// The minimap of a map of ordinary size: its frames tinted, each box a block of its colour.
fn shapes(
    painter: &egui::Painter,
    derived: &crate::ui::derived::Derived,
    palette: &Palette,
    to_screen: impl Fn(f32, f32) -> Pos2,
) {
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
}
