//! The PNG rasteriser: paints the scene with tiny-skia, its text shaped and drawn from egui's own
//! font (Ubuntu Light, [`super::font`]) the way egui does it, so a PNG shows the canvas's text
//! without depending on the fonts installed.

use super::font::Font;
use super::{ExportError, Picture, png_size};
use crate::layout::Rect;
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
                    let edge = Rect {
                        x: rect.x + h,
                        y: rect.y + h,
                        w: rect.w - stroke_width,
                        h: rect.h - stroke_width,
                    };
                    if thin(*stroke_width, scale) && radius * scale < 1.0 {
                        thin_frame(&mut pixmap, edge, (*stroke, *stroke_width), view);
                    } else if stroke_width * scale >= MIN_STROKE_PX {
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
                let dashes = dashed.then(|| dash_pattern(scale)).map(|d| (d[0], d[1]));
                if thin(*width, scale) && thin_line(&mut pixmap, points, (*color, *width, dashes), view) {
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

/// Whether a stroke of `width` map units comes out thinner than a pixel at `scale` (but thick
/// enough to draw at all).
fn thin(width: f32, scale: f32) -> bool {
    (MIN_STROKE_PX..1.0).contains(&(width * scale))
}

/// A line thinner than a pixel whose segments all run straight across or down (every arrow of an
/// outline, most of a tree's), blended into the pixels by the area each covers: what tiny-skia's
/// hairline draws, without its pipeline started once per pixel (a 100,000-statement map drawn
/// small spent seconds there). `dashes` (on, off; map units) run on across the corners as
/// tiny-skia's do. False, drawing nothing, when a segment is slanted.
fn thin_line(
    pixmap: &mut Pixmap,
    points: &[(f32, f32)],
    (color, width, dashes): (Rgba, f32, Option<(f32, f32)>),
    view: Transform,
) -> bool {
    let straight = points.windows(2).all(|s| s[0].0 == s[1].0 || s[0].1 == s[1].1);
    if !straight {
        return false;
    }
    let half = width / 2.0;
    let mut walked = 0.0; // how far along the line, for the dashes
    for s in points.windows(2) {
        let ((ax, ay), (bx, by)) = (s[0], s[1]);
        let length = (bx - ax).abs() + (by - ay).abs();
        let pieces = dash_pieces(walked, length, dashes);
        walked += length;
        for (from, to) in pieces {
            // The piece from `from` to `to` along this segment, as a rectangle `width` across.
            let (fx, fy) = (ax + (bx - ax) * from / length, ay + (by - ay) * from / length);
            let (tx, ty) = (ax + (bx - ax) * to / length, ay + (by - ay) * to / length);
            let (x0, x1, y0, y1) = (fx.min(tx), fx.max(tx), fy.min(ty), fy.max(ty));
            let r = if ax == bx {
                Rect { x: x0 - half, y: y0, w: width, h: y1 - y0 }
            } else {
                Rect { x: x0, y: y0 - half, w: x1 - x0, h: width }
            };
            blend(pixmap, r, color, view);
        }
    }
    true
}

/// The parts of a segment `length` long, starting `walked` along its line, that are drawn: all of
/// it, or the "on" parts of `dashes` (on, off) counted from the line's start.
fn dash_pieces(walked: f32, length: f32, dashes: Option<(f32, f32)>) -> Vec<(f32, f32)> {
    let Some((on, off)) = dashes.filter(|&(on, off)| on > 0.0 && off >= 0.0) else {
        return if length > 0.0 { vec![(0.0, length)] } else { Vec::new() };
    };
    let period = on + off;
    let mut pieces = Vec::new();
    // Where the period that holds the segment's start begins, relative to the segment.
    let mut start = -(walked % period);
    while start < length {
        let (from, to) = (start.max(0.0), (start + on).min(length));
        if to > from {
            pieces.push((from, to));
        }
        start += period;
    }
    pieces
}

/// A box's outline thinner than a pixel with corners rounder than none to see: its four sides,
/// blended as [`thin_line`] does (the top and bottom across the corners, the sides between).
fn thin_frame(pixmap: &mut Pixmap, r: Rect, (color, width): (Rgba, f32), view: Transform) {
    let half = width / 2.0;
    let across = |y: f32| Rect { x: r.x - half, y: y - half, w: r.w + width, h: width };
    let down = |x: f32| Rect { x: x - half, y: r.y + half, w: width, h: (r.h - width).max(0.0) };
    for side in [across(r.y), across(r.y + r.h), down(r.x), down(r.x + r.w)] {
        blend(pixmap, side, color, view);
    }
}

/// Blends `color` over each pixel of `r` (map units, `view` to pixels: a scale and a shift) by the
/// area of the pixel it covers, in premultiplied alpha, source over.
fn blend(pixmap: &mut Pixmap, r: Rect, color: Rgba, view: Transform) {
    let (x0, y0) = (r.x * view.sx + view.tx, r.y * view.sy + view.ty);
    let (x1, y1) = (x0 + r.w * view.sx, y0 + r.h * view.sy);
    let (width, height) = (pixmap.width() as f32, pixmap.height() as f32);
    let (x0, x1, y0, y1) = (x0.max(0.0), x1.min(width), y0.max(0.0), y1.min(height));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let stride = pixmap.width() as usize;
    let [r8, g8, b8, a8] = color.0;
    let alpha = f32::from(a8) / 255.0;
    let pixels = pixmap.data_mut();
    // Whole pixels only: the loops stay inside the picture (clamped above).
    for row in (y0.floor() as usize)..(y1.ceil() as usize) {
        let cover_y = (y1.min(row as f32 + 1.0) - y0.max(row as f32)).max(0.0);
        for col in (x0.floor() as usize)..(x1.ceil() as usize) {
            let cover = cover_y * (x1.min(col as f32 + 1.0) - x0.max(col as f32)).max(0.0);
            let a = alpha * cover;
            let at = 4 * (row * stride + col);
            let Some(px) = pixels.get_mut(at..at + 4) else { continue };
            let keep = 1.0 - a;
            for (d, s) in px.iter_mut().zip([r8, g8, b8, 255]) {
                *d = (f32::from(s) * a + f32::from(*d) * keep).round().min(255.0) as u8;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The ink a pixmap holds: the sum of its alpha over all pixels, in pixels.
    fn ink(pixmap: &Pixmap) -> f32 {
        pixmap.pixels().iter().map(|p| f32::from(p.alpha()) / 255.0).sum()
    }

    fn blank() -> Pixmap {
        Pixmap::new(64, 64).unwrap()
    }

    /// A thin straight line comes out where tiny-skia's hairline puts it, with as much ink
    /// (within a few percent) and never outside the pixels its width touches.
    #[test]
    fn a_thin_line_has_the_ink_and_place_of_tiny_skias_hairline() {
        let black = Rgba([0, 0, 0, 255]);
        for (points, width) in [
            (vec![(10.3, 5.0), (10.3, 55.0)], 0.4),
            (vec![(4.0, 20.6), (50.0, 20.6)], 0.7),
            (vec![(8.0, 8.0), (8.0, 40.0), (40.0, 40.0)], 0.25),
        ] {
            let mut ours = blank();
            assert!(thin_line(&mut ours, &points, (black, width, None), Transform::identity()));
            let mut theirs = blank();
            let path = polyline(&points, false).unwrap();
            let s = Stroke { width, line_join: LineJoin::Round, ..Stroke::default() };
            theirs.stroke_path(&path, &paint(black), &s, Transform::identity(), None);
            let (a, b) = (ink(&ours), ink(&theirs));
            assert!((a - b).abs() <= 0.06 * b, "{points:?}: {a} against {b}");
            // Every inked pixel of ours lies within a pixel of the line.
            for (i, p) in ours.pixels().iter().enumerate() {
                if p.alpha() > 0 {
                    let (x, y) = ((i % 64) as f32 + 0.5, (i / 64) as f32 + 0.5);
                    let near = points.windows(2).any(|s| {
                        let (x0, x1) = (s[0].0.min(s[1].0), s[0].0.max(s[1].0));
                        let (y0, y1) = (s[0].1.min(s[1].1), s[0].1.max(s[1].1));
                        x >= x0 - 1.0 && x <= x1 + 1.0 && y >= y0 - 1.0 && y <= y1 + 1.0
                    });
                    assert!(near, "{points:?}: ink at {x}, {y}");
                }
            }
        }
    }

    /// A slanted line is left to tiny-skia; a line past the picture's edge draws only inside it.
    #[test]
    fn slanted_lines_are_refused_and_lines_off_the_picture_stay_inside() {
        let black = Rgba([0, 0, 0, 255]);
        let mut p = blank();
        assert!(!thin_line(&mut p, &[(0.0, 0.0), (30.0, 31.0)], (black, 0.5, None), Transform::identity()));
        assert_eq!(ink(&p), 0.0, "nothing drawn when refused");
        assert!(thin_line(
            &mut p,
            &[(-50.0, 10.0), (500.0, 10.0)],
            (black, 0.5, None),
            Transform::identity()
        ));
        assert!((ink(&p) - 32.0).abs() < 0.5, "half a pixel across 64: {}", ink(&p));
        assert!(thin_line(&mut p, &[(-5.0, -5.0), (-5.0, -50.0)], (black, 0.5, None), Transform::identity()));
    }

    /// Dashes run on across a corner: 7 on, 5 off from the line's start, whatever its segments.
    #[test]
    fn dashes_run_on_across_corners() {
        assert_eq!(dash_pieces(0.0, 20.0, Some((7.0, 5.0))), vec![(0.0, 7.0), (12.0, 19.0)]);
        // A segment starting 20 along starts in the gap from 19 to 24, then is on from 24.
        assert_eq!(dash_pieces(20.0, 10.0, Some((7.0, 5.0))), vec![(4.0, 10.0)]);
        // One starting 15 along is on from the start (12 to 19), off to 24, on again.
        assert_eq!(dash_pieces(15.0, 10.0, Some((7.0, 5.0))), vec![(0.0, 4.0), (9.0, 10.0)]);
        assert_eq!(dash_pieces(0.0, 5.0, None), vec![(0.0, 5.0)]);
        assert!(dash_pieces(0.0, 0.0, None).is_empty());
        // A dashed thin line inks about 7/12 of a solid one.
        let black = Rgba([0, 0, 0, 255]);
        let (mut solid, mut dashed) = (blank(), blank());
        let line = [(2.0, 32.5), (62.0, 32.5)];
        thin_line(&mut solid, &line, (black, 0.5, None), Transform::identity());
        thin_line(&mut dashed, &line, (black, 0.5, Some((7.0, 5.0))), Transform::identity());
        let ratio = ink(&dashed) / ink(&solid);
        assert!((ratio - 35.0 / 60.0).abs() < 0.02, "{ratio}");
    }
}
