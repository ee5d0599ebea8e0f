//! Painting the scene: the items of the picture in view (culled, with level of detail far
//! out), the map's question over it, the ghost of a box being dragged.

use super::*;

/// The scene's arrows (far out, the cross-links faded), the selected statement's arrows again in
/// bold, then the boxes in view (far out a plain block each, nearer with text).
pub(super) fn paint_scene(
    painter: &egui::Painter,
    stage: &Stage,
    cx: &PanelContext<'_>,
    selected: Option<&StatementId>,
) {
    let Some(derived) = cx.derived else { return };
    let scene = &derived.scene;
    let n = scene.items.len();
    let cross = scene.cross_links.start as usize..(scene.cross_links.end as usize).min(n);
    let paint = |items: &[Item], style: Style| paint_items(painter, items, stage, style);
    // Only the runs of items near the view: a huge map's frame does not look at every arrow.
    let paint_near = |range: std::ops::Range<usize>, style: Style| {
        scene.items_near(range, &stage.cull).for_each(|items| paint(items, style));
    };
    let pictured = far_overview(painter, stage, derived);
    if !pictured {
        paint_near(0..cross.start, Style::Plain);
        let far = stage.camera.zoom < FAR_ZOOM;
        paint_near(cross.clone(), if far { Style::Faded } else { Style::Plain });
        paint_near(cross.end..n, Style::Plain);
    }
    if let Some(id) = selected {
        let map = cx.doc.map();
        for r in map.relations_from(id).into_iter().chain(map.relations_to(id)) {
            if let Some(arrow) = derived.scene.arrow(r) {
                paint(arrow, Style::Bold);
            }
        }
    }
    if !pictured {
        let detail = BOX_W * stage.camera.zoom >= TINY_BOX_PX;
        let mut items = Vec::new();
        for b in scene.boxes_near(&stage.cull).filter(|b| b.rect.overlaps(&stage.cull)) {
            scene::box_items(&mut items, b, &derived.prepared, &stage.palette, detail);
        }
        paint(&items, Style::Plain);
    }
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

/// A huge map far out is painted from its overview, one texture, while that is sharp enough;
/// true if it was.
fn far_overview(painter: &egui::Painter, stage: &Stage, derived: &crate::ui::derived::Derived) -> bool {
    if BOX_W * stage.camera.zoom >= TINY_BOX_PX {
        return false;
    }
    let ctx = painter.ctx();
    let Some(overview) = derived.overview(ctx, &stage.palette) else { return false };
    if !overview.sharp_at(stage.camera.zoom, ctx.pixels_per_point()) {
        return false;
    }
    overview.paint(painter, stage.camera.rect_to_screen(stage.canvas, &overview.bounds()), Color32::WHITE);
    true
}

/// The ghost of a box being dragged.
pub(super) fn drag_ghost(painter: &egui::Painter, cx: &PanelContext<'_>, stage: &Stage, accent: Color32) {
    let Some((id, offset)) = cx.gesture.and_then(Gesture::dragging) else { return };
    let Some(rect) = cx.derived.and_then(|d| d.layout.rect(cx.doc.map(), id)) else { return };
    let moved = crate::layout::Rect { x: rect.x + offset.x, y: rect.y + offset.y, ..rect };
    let srect = stage.camera.rect_to_screen(stage.canvas, &moved);
    painter.rect_stroke(srect, 6.0 * stage.camera.zoom, Stroke::new(2.0, accent), StrokeKind::Inside);
}

/// The size of the map's question above it (map units), and its gap to the boxes below.
pub(super) const QUESTION_SIZE: f32 = 22.0;

pub(super) const QUESTION_GAP: f32 = 28.0;

/// The widest the question runs before it wraps (map units).
pub(super) const QUESTION_MAX_W: f32 = 900.0;

/// The map's question (its title) and where it goes: above the map, centred on its first claim
/// (map units), wrapped to the map's width.
pub(super) fn question(ui: &egui::Ui, cx: &PanelContext<'_>) -> Option<(String, crate::layout::Rect)> {
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
pub(super) fn question_heading(ui: &mut egui::Ui, cx: &PanelContext<'_>, stage: &Stage) {
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

/// How [`paint_items`] paints lines and heads.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Style {
    /// As the scene says.
    Plain,
    /// Lighter (cross-links far out).
    Faded,
    /// Wider (the selected statement's arrows).
    Bold,
}

/// Paints scene items that lie in `cull` (map coordinates).
pub(super) fn paint_items(painter: &egui::Painter, items: &[Item], stage: &Stage, style: Style) {
    let (canvas, camera, cull) = (stage.canvas, &stage.camera, &stage.cull);
    let z = camera.zoom;
    if BOX_W * z < TINY_BOX_PX && style != Style::Bold {
        return paint_far(painter, items, stage, style);
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
pub(super) fn paint_far(painter: &egui::Painter, items: &[Item], stage: &Stage, style: Style) {
    let (canvas, camera, cull) = (stage.canvas, &stage.camera, &stage.cull);
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
pub(super) fn far_segment(mesh: &mut egui::Mesh, [a, b]: [Pos2; 2], c: Color32, dashed: bool) {
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
pub(super) fn clip(
    a: (f32, f32),
    b: (f32, f32),
    r: &crate::layout::Rect,
) -> Option<((f32, f32), (f32, f32))> {
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
