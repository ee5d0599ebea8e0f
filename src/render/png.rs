//! The PNG rasteriser: paints the scene with tiny-skia, its text shaped and drawn from egui's own
//! font (Ubuntu Light, [`super::font`]) the way egui does it, so a PNG shows the canvas's text
//! without depending on the fonts installed.

use super::font::Font;
use super::{ExportError, Picture, png_size};
use crate::scene::{Item, Rgba};
use resvg::tiny_skia::{
    self as sk, FillRule, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};
use skrifa::outline::OutlinePen;
use std::collections::HashMap;

/// A glyph's outline as a tiny-skia path, in font units (y up).
fn outline(font: &Font<'_>, glyph: u16) -> Option<sk::Path> {
    let mut pen = Pen(PathBuilder::new());
    font.outline(glyph, &mut pen).then_some(())?;
    pen.0.finish()
}

struct Pen(PathBuilder);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

fn paint(c: Rgba) -> Paint<'static> {
    let [r, g, b, a] = c.0;
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, a);
    paint.anti_alias = true;
    paint
}

fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<sk::Path> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.quad_to(x + w, y, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.quad_to(x + w, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.quad_to(x, y + h, x, y + h - r);
    pb.line_to(x, y + r);
    pb.quad_to(x, y, x + r, y);
    pb.close();
    pb.finish()
}

fn polyline(points: &[(f32, f32)], close: bool) -> Option<sk::Path> {
    let mut pb = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    pb.move_to(first.0, first.1);
    for p in rest {
        pb.line_to(p.0, p.1);
    }
    if close {
        pb.close();
    }
    pb.finish()
}

/// The dashes of an objection's line (7 on, 5 off, as on the canvas and in SVG), in map units,
/// lengthened when they would come out shorter than [`MIN_DASH_PX`] a period: finer dashes cannot
/// be seen, and a long line would cost a dash per 12 map units whatever the scale (a map of
/// 100,000 statements drawn small would stroke millions of them).
fn dash_pattern(scale: f32) -> Vec<f32> {
    let stretch = (MIN_DASH_PX / (12.0 * scale)).max(1.0);
    vec![7.0 * stretch, 5.0 * stretch]
}

/// The shortest dash period drawn, in pixels.
const MIN_DASH_PX: f32 = 4.0;

/// Strokes thinner than this many pixels are not drawn: tiny-skia draws a thin stroke as a
/// hairline faded by its width, so one this thin changes no pixel by more than four levels of 255
/// (a map of 100,000 statements drawn small would spend seconds on invisible lines).
const MIN_STROKE_PX: f32 = 1.0 / 64.0;

/// Shapes covering less than this many square pixels are not drawn, for the same reason.
const MIN_AREA_PX: f32 = 1.0 / 256.0;

/// Whether a shape of `w` x `h` map units shows at `scale`.
fn shows(w: f32, h: f32, scale: f32) -> bool {
    w * h * scale * scale >= MIN_AREA_PX
}

/// Text whose font size comes out smaller than this many pixels is not drawn.
const MIN_TEXT_PX: f32 = 2.0;

/// The picture as RGBA pixels (premultiplied alpha), `scale` pixels per map unit.
pub fn pixmap(picture: &Picture, scale: f32) -> Result<Pixmap, ExportError> {
    let (width, height) = png_size(&picture.frame, scale)?;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot allocate {width} x {height} pixels")))?;
    if let Some(bg) = picture.background {
        let [r, g, b, a] = bg.0;
        pixmap.fill(sk::Color::from_rgba8(r, g, b, a));
    }
    let f = picture.frame;
    let view = Transform::from_row(scale, 0.0, 0.0, scale, -f.x * scale, -f.y * scale);
    let font = Font::egui().ok_or_else(|| ExportError::Render("egui's font cannot be read".into()))?;
    let upem = font.units_per_em;
    let mut shaping = super::font::Shaping::new(&font);
    let mut outlines: HashMap<u16, Option<sk::Path>> = HashMap::new();
    for item in &picture.scene.items {
        match item {
            Item::Rect { rect, radius, fill, stroke, stroke_width } => {
                if !shows(rect.w, rect.h, scale) {
                    continue;
                }
                let h = stroke_width / 2.0;
                if let Some(path) = rounded_rect(
                    rect.x + h,
                    rect.y + h,
                    rect.w - stroke_width,
                    rect.h - stroke_width,
                    radius - h,
                ) {
                    pixmap.fill_path(&path, &paint(*fill), FillRule::Winding, view, None);
                    if stroke_width * scale >= MIN_STROKE_PX {
                        let s = Stroke { width: *stroke_width, ..Stroke::default() };
                        pixmap.stroke_path(&path, &paint(*stroke), &s, view, None);
                    }
                }
            }
            Item::Text { x, baseline, text, size, color, .. } => {
                let p = paint(*color);
                let k = size / upem;
                if size * scale < MIN_TEXT_PX {
                    continue; // text too small to read at this scale: leave it out
                }
                for glyph in shaping.line(text) {
                    if let Some(path) = outlines.entry(glyph.id).or_insert_with(|| outline(&font, glyph.id)) {
                        let at = Transform::from_row(k, 0.0, 0.0, -k, x + glyph.x * k, *baseline)
                            .post_concat(view);
                        pixmap.fill_path(path, &p, FillRule::Winding, at, None);
                    }
                }
            }
            Item::Line { points, color, width, dashed } => {
                if width * scale < MIN_STROKE_PX {
                    continue;
                }
                if let Some(path) = polyline(points, false) {
                    let dash = if *dashed { StrokeDash::new(dash_pattern(scale), 0.0) } else { None };
                    let s = Stroke { width: *width, line_join: LineJoin::Round, dash, ..Stroke::default() };
                    pixmap.stroke_path(&path, &paint(*color), &s, view, None);
                }
            }
            Item::Triangle { points, color } => {
                let (w, h) = super::item_bounds(item).map_or((0.0, 0.0), |b| (b.w, b.h));
                if !shows(w, h, scale) {
                    continue;
                }
                if let Some(path) = polyline(points, true) {
                    pixmap.fill_path(&path, &paint(*color), FillRule::Winding, view, None);
                }
            }
            Item::Circle { center, radius, fill, stroke } => {
                if !shows(2.0 * radius, 2.0 * radius, scale) {
                    continue;
                }
                if let Some(path) = PathBuilder::from_circle(center.0, center.1, *radius) {
                    pixmap.fill_path(&path, &paint(*fill), FillRule::Winding, view, None);
                    pixmap.stroke_path(&path, &paint(*stroke), &Stroke::default(), view, None);
                }
            }
        }
    }
    Ok(pixmap)
}

/// The picture as PNG bytes (8-bit RGBA, straight alpha).
///
/// Encoded with the `png` crate's fast DEFLATE (fdeflate) and adaptive filtering: about ten times
/// faster than the default level for files a little larger, which suits a picture of flat colours.
pub fn write(picture: &Picture, scale: f32) -> Result<Vec<u8>, ExportError> {
    let pixmap = pixmap(picture, scale)?;
    let rgba: std::borrow::Cow<'_, [u8]> = if picture.background.is_some_and(|c| c.0[3] == 255) {
        // Opaque: premultiplied and straight alpha are the same bytes (not copied: a picture of
        // a huge map is hundreds of megabytes).
        std::borrow::Cow::Borrowed(pixmap.data())
    } else {
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    };
    let mut out = Vec::with_capacity(rgba.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Adaptive);
    let fail = |e: png::EncodingError| ExportError::Render(e.to_string());
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&rgba).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}
