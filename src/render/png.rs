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

/// The side of a square tile, in pixels. The picture is painted tile by tile, each tile's
/// items into a pixmap of its own that stays in the cache (256 KB), then copied into place: a
/// huge map's arrows run down thousands of rows, and painting them straight into a picture of
/// 16,384 pixels a side missed the cache at every pixel (three quarters of its time).
const TILE: u32 = 256;

/// Each tile is painted with this many pixels more on every side, which are not kept: where a
/// shape crosses a pixmap's edge, tiny-skia pins it to the edge, and a pixel or two there takes
/// ink from what lies beyond (a seam at every tile's edge).
const MARGIN: u32 = 4;

/// The picture as RGBA pixels (premultiplied alpha), `scale` pixels per map unit. Painted in
/// tiles ([`TILE`]), bands of tiles on as many threads as the machine has cores (up to four);
/// every tile is painted the same whatever the thread, so the pixels do not depend on the cores.
pub fn pixmap(picture: &Picture, scale: f32) -> Result<Pixmap, ExportError> {
    raster(picture, scale, TILE)
}

/// [`pixmap`] in tiles of `tile` pixels a side.
fn raster(picture: &Picture, scale: f32, tile: u32) -> Result<Pixmap, ExportError> {
    let (width, height) = png_size(&picture.frame, scale)?;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot allocate {width} x {height} pixels")))?;
    let font = Font::egui().ok_or_else(|| ExportError::Render("egui's font cannot be read".into()))?;
    let f = picture.frame;
    let grid = Grid { tile, width, height, left: -f.x * scale, top: -f.y * scale, scale };
    let bins = grid.bins(&picture.scene.items);
    let band = tile as usize * width as usize * 4;
    let bands = std::sync::Mutex::new(pixmap.data_mut().chunks_mut(band).enumerate());
    // No more threads than bands (a small picture is one band: painted on one thread).
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4).min(grid.rows());
    let failed = std::thread::scope(|s| {
        let work = || -> Result<(), ExportError> {
            let mut painter = Painter::new(&font, scale, grid.canvas())?;
            // One band at a time, taken in turn (the lock is held only to take one).
            while let Some((row, pixels)) = bands.lock().ok().and_then(|mut b| b.next()) {
                for column in 0..grid.columns() {
                    let items =
                        bins[row * grid.columns() + column].iter().map(|&i| &picture.scene.items[i as usize]);
                    painter.tile(picture.background, grid.view(column, row), items);
                    grid.copy(&painter.canvas, pixels, column);
                }
            }
            Ok(())
        };
        let handles: Vec<_> = (0..workers).map(|_| s.spawn(work)).collect();
        handles.into_iter().map(|h| h.join()).find_map(|r| match r {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some(ExportError::Render("a painting thread failed".into())),
        })
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(pixmap),
    }
}

/// The picture's pixels cut into square tiles: `left` and `top` shift map units (times `scale`)
/// to the picture's pixels.
struct Grid {
    tile: u32,
    width: u32,
    height: u32,
    left: f32,
    top: f32,
    scale: f32,
}

impl Grid {
    /// Tiles across.
    fn columns(&self) -> usize {
        self.width.div_ceil(self.tile) as usize
    }

    /// Tiles down.
    fn rows(&self) -> usize {
        self.height.div_ceil(self.tile) as usize
    }

    /// The size of the pixmap a tile is painted in: the tile (or the picture, if smaller) and
    /// its [`MARGIN`] on every side.
    fn canvas(&self) -> (u32, u32) {
        (self.tile.min(self.width) + 2 * MARGIN, self.tile.min(self.height) + 2 * MARGIN)
    }

    /// From map units to the pixels of the canvas of the tile at `column`, `row`.
    fn view(&self, column: usize, row: usize) -> Transform {
        let (x0, y0) = (column as f32 * self.tile as f32, row as f32 * self.tile as f32);
        let (x0, y0) = (x0 - MARGIN as f32, y0 - MARGIN as f32);
        Transform::from_row(self.scale, 0.0, 0.0, self.scale, self.left - x0, self.top - y0)
    }

    /// For each tile (row by row), the items that may paint a pixel of it, in drawing order.
    fn bins(&self, items: &[Item]) -> Vec<Vec<u32>> {
        let (columns, rows) = (self.columns(), self.rows());
        let mut bins = vec![Vec::new(); columns * rows];
        for (i, item) in items.iter().enumerate() {
            let Some(b) = super::item_bounds(item) else { continue };
            // The stroke and glyphs beyond, smoothing, and the tiles' margins.
            let pad = reach(item) * self.scale + 2.0 + MARGIN as f32;
            let (x0, x1) = (b.x * self.scale + self.left - pad, b.right() * self.scale + self.left + pad);
            let (y0, y1) = (b.y * self.scale + self.top - pad, b.bottom() * self.scale + self.top + pad);
            if !(x1 >= 0.0 && y1 >= 0.0 && x0 < self.width as f32 && y0 < self.height as f32) {
                continue; // off the picture (or not a number)
            }
            let t = self.tile as f32;
            let span =
                |lo: f32, hi: f32, n: usize| (lo.max(0.0) / t) as usize..=((hi / t) as usize).min(n - 1);
            for row in span(y0, y1, rows) {
                for column in span(x0, x1, columns) {
                    bins[row * columns + column].push(i as u32);
                }
            }
        }
        bins
    }

    /// Copies the tile painted in `canvas` ([`Grid::canvas`]), its margins left out, into its
    /// place in `band`, the pixels of its row of tiles.
    fn copy(&self, canvas: &Pixmap, band: &mut [u8], column: usize) {
        let (stride, from_stride) = (self.width as usize * 4, canvas.width() as usize * 4);
        let x0 = column * self.tile as usize * 4;
        let w = (self.tile as usize * 4).min(stride - x0);
        let m = MARGIN as usize * 4;
        let rows = canvas.data().chunks(from_stride).skip(MARGIN as usize);
        for (to, from) in band.chunks_mut(stride).zip(rows) {
            to[x0..x0 + w].copy_from_slice(&from[m..m + w]);
        }
    }
}

/// How far an item may paint beyond its bounds ([`super::item_bounds`]), in map units.
fn reach(item: &Item) -> f32 {
    match item {
        Item::Rect { stroke_width, .. } => *stroke_width,
        Item::Line { width, .. } => *width,
        Item::Text { size, .. } => *size, // glyphs over the line's ends and below its height
        Item::Triangle { .. } => 0.0,
        Item::Circle { .. } => 1.0, // the default stroke
    }
}

/// Paints items into one tile: a thread's tile pixmap, and its font's shaped words and glyph
/// outlines (kept from tile to tile).
struct Painter<'f> {
    canvas: Pixmap,
    scale: f32,
    upem: f32,
    shaping: super::font::Shaping<'f>,
    outlines: HashMap<u16, Option<sk::Path>>,
    font: &'f Font<'static>,
}

impl<'f> Painter<'f> {
    fn new(font: &'f Font<'static>, scale: f32, (w, h): (u32, u32)) -> Result<Self, ExportError> {
        let canvas = Pixmap::new(w, h)
            .ok_or_else(|| ExportError::Render(format!("cannot allocate {w} x {h} pixels")))?;
        let shaping = super::font::Shaping::new(font);
        Ok(Self { canvas, scale, upem: font.units_per_em, shaping, outlines: HashMap::new(), font })
    }

    /// Paints `items` over `background` (or nothing) into the tile, `view` from map units to it.
    fn tile<'i>(&mut self, background: Option<Rgba>, view: Transform, items: impl Iterator<Item = &'i Item>) {
        let [r, g, b, a] = background.map_or([0; 4], |c| c.0);
        self.canvas.fill(sk::Color::from_rgba8(r, g, b, a));
        for item in items {
            self.item(item, view);
        }
    }

    /// Paints one item.
    fn item(&mut self, item: &Item, view: Transform) {
        let (scale, pixmap) = (self.scale, &mut self.canvas);
        match item {
            Item::Rect { rect, radius, fill, stroke, stroke_width } => {
                if !shows(rect.w, rect.h, scale) {
                    return;
                }
                let h = stroke_width / 2.0;
                let edge =
                    Rect { x: rect.x + h, y: rect.y + h, w: rect.w - stroke_width, h: rect.h - stroke_width };
                if let Some(path) = rounded_rect(edge.x, edge.y, edge.w, edge.h, radius - h) {
                    pixmap.fill_path(&path, &paint(*fill), FillRule::Winding, view, None);
                    if thin(*stroke_width, scale) && radius * scale < 1.0 {
                        thin_frame(pixmap, edge, (*stroke, *stroke_width), view);
                    } else if stroke_width * scale >= MIN_STROKE_PX {
                        let s = Stroke { width: *stroke_width, ..Stroke::default() };
                        pixmap.stroke_path(&path, &paint(*stroke), &s, view, None);
                    }
                }
            }
            Item::Text { x, baseline, text, size, color, .. } => {
                if size * scale < MIN_TEXT_PX {
                    return; // text too small to read at this scale: leave it out
                }
                let (p, k) = (paint(*color), size / self.upem);
                for glyph in self.shaping.line(text) {
                    let font = self.font;
                    let outline = self.outlines.entry(glyph.id).or_insert_with(|| outline(font, glyph.id));
                    if let Some(path) = outline {
                        let at = Transform::from_row(k, 0.0, 0.0, -k, x + glyph.x * k, *baseline)
                            .post_concat(view);
                        pixmap.fill_path(path, &p, FillRule::Winding, at, None);
                    }
                }
            }
            Item::Line { points, color, width, dashed } => {
                if width * scale < MIN_STROKE_PX {
                    return;
                }
                let dashes = dashed.then(|| dash_pattern(scale)).map(|d| (d[0], d[1]));
                if thin(*width, scale) && thin_line(pixmap, points, (*color, *width, dashes), view) {
                    return;
                }
                if let Some(path) = polyline(points, false) {
                    let dash = if *dashed { StrokeDash::new(dash_pattern(scale), 0.0) } else { None };
                    let s = Stroke { width: *width, line_join: LineJoin::Round, dash, ..Stroke::default() };
                    pixmap.stroke_path(&path, &paint(*color), &s, view, None);
                }
            }
            Item::Triangle { points, color } => {
                let (w, h) = super::item_bounds(item).map_or((0.0, 0.0), |b| (b.w, b.h));
                if shows(w, h, scale)
                    && let Some(path) = polyline(points, true)
                {
                    pixmap.fill_path(&path, &paint(*color), FillRule::Winding, view, None);
                }
            }
            Item::Circle { center, radius, fill, stroke } => {
                if shows(2.0 * radius, 2.0 * radius, scale)
                    && let Some(path) = PathBuilder::from_circle(center.0, center.1, *radius)
                {
                    pixmap.fill_path(&path, &paint(*fill), FillRule::Winding, view, None);
                    pixmap.stroke_path(&path, &paint(*stroke), &Stroke::default(), view, None);
                }
            }
        }
    }
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
    // The part of the map the pixmap shows (a pixel more each way), in map units: a segment's
    // dashes outside it paint nothing (a tile of a huge picture is a small part of a long line).
    let (w, h) = (pixmap.width() as f32, pixmap.height() as f32);
    let (sx, sy) = (view.sx.abs().max(f32::MIN_POSITIVE), view.sy.abs().max(f32::MIN_POSITIVE));
    let shown =
        Rect { x: (-1.0 - view.tx) / sx, y: (-1.0 - view.ty) / sy, w: (w + 2.0) / sx, h: (h + 2.0) / sy };
    let mut walked = 0.0; // how far along the line, for the dashes
    for s in points.windows(2) {
        let ((ax, ay), (bx, by)) = (s[0], s[1]);
        let length = (bx - ax).abs() + (by - ay).abs();
        let window = seen(((ax, ay), (bx, by)), half, &shown);
        let pieces = window.map_or_else(Vec::new, |window| dash_pieces(walked, length, dashes, window));
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

/// How far along the straight segment `a` to `b` (across or down) the part that `shown` holds
/// starts and ends, or none when it holds none of it (`half`: half the line's width).
fn seen(((ax, ay), (bx, by)): ((f32, f32), (f32, f32)), half: f32, shown: &Rect) -> Option<(f32, f32)> {
    // Along the segment, and across it.
    let (a, b, across, lo, hi, side_lo, side_hi) = if ax == bx {
        (ay, by, ax, shown.y, shown.bottom(), shown.x, shown.right())
    } else {
        (ax, bx, ay, shown.x, shown.right(), shown.y, shown.bottom())
    };
    if across + half < side_lo || across - half > side_hi {
        return None;
    }
    // Distances from `a` of the ends of the shown stretch.
    let (d0, d1) = if b >= a { (lo - a, hi - a) } else { (a - hi, a - lo) };
    let (from, to) = (d0.max(0.0), d1.min((b - a).abs()));
    (from <= to).then_some((from, to))
}

/// The parts of a segment `length` long, starting `walked` along its line, that are drawn and
/// touch `window` (from, to along the segment): all of it, or the "on" parts of `dashes` (on,
/// off) counted from the line's start. Each part is the same whatever the window.
fn dash_pieces(walked: f32, length: f32, dashes: Option<(f32, f32)>, window: (f32, f32)) -> Vec<(f32, f32)> {
    let Some((on, off)) = dashes.filter(|&(on, off)| on > 0.0 && off >= 0.0) else {
        return if length > 0.0 { vec![(0.0, length)] } else { Vec::new() };
    };
    let period = on + off;
    // Where the period that holds the segment's start begins, relative to the segment; the
    // periods from the one that holds the window's start.
    let first = -(walked % period);
    let mut k = ((window.0 - first) / period).floor().max(0.0) as u32;
    let mut pieces = Vec::new();
    loop {
        let start = first + k as f32 * period;
        if start >= length || start > window.1 {
            break;
        }
        let (from, to) = (start.max(0.0), (start + on).min(length));
        if to > from && to >= window.0 {
            pieces.push((from, to));
        }
        k += 1;
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
                *d = (f32::from(s) * a + f32::from(*d) * keep + 0.5).min(255.0) as u8; // rounded (never below 0)
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

    /// The pixels of `picture` at `scale` painted in tiles of `tile` and in one piece: how many of
    /// them differ at all, and by how much at most (any channel).
    fn tiled_against_whole(picture: &Picture, scale: f32, tile: u32) -> (usize, u8) {
        let whole = raster(picture, scale, 1 << 16).unwrap();
        let tiled = raster(picture, scale, tile).unwrap();
        assert_eq!((whole.width(), whole.height()), (tiled.width(), tiled.height()));
        let pairs = whole.data().chunks(4).zip(tiled.data().chunks(4));
        let apart = |(a, b): (&[u8], &[u8])| a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        let worst = pairs.clone().map(apart).max().unwrap_or(0);
        (pairs.filter(|&(a, b)| a != b).count(), worst)
    }

    /// A picture painted tile by tile is the picture painted in one piece, to the rounding of
    /// shifted coordinates: nothing clipped at a tile's edge (boxes, text, arrows, dashes,
    /// badges), no seam, nothing painted twice. Tiles of 37 and
    /// 100 pixels cut through every kind of item; the shipped map at full size (text, strokes
    /// wider than a pixel), in dark and transparent, and a generated map small (thin lines and
    /// dashes blended by hand, boxes of a few pixels).
    #[test]
    fn issue35_a_picture_painted_in_tiles_is_the_picture_painted_whole() {
        use crate::render::{ExportOptions, picture};
        use crate::scene::Typesetter;
        let shipped = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        let generated = crate::synth::generate(600, 3);
        let plain = ExportOptions::default();
        let dark = ExportOptions { dark: true, ..ExportOptions::default() };
        let clear = ExportOptions { transparent: true, ..ExportOptions::default() };
        let none = std::collections::HashSet::new();
        let cases = [
            (&shipped, &plain, 1.0),
            (&shipped, &dark, 0.7),
            (&shipped, &clear, 1.3),
            (&generated, &plain, 0.08),
        ];
        for (map, options, scale) in cases {
            let picture = picture(map, &mut Typesetter::new(), options, &none).unwrap();
            for tile in [37, 100, TILE] {
                let (differ, worst) = tiled_against_whole(&picture, scale, tile);
                // Rounding: the tiles' pixels are found from coordinates shifted by the tile's
                // place, so an edge may fall a hair to the other side of a sample (a few hundred
                // pixels of millions, by up to 64 levels). A seam or a clipped shape differs by more
                // (tiles painted without margins: 174 levels).
                let pixels = (picture.frame.w * scale).ceil() * (picture.frame.h * scale).ceil();
                assert!(worst <= 96, "tiles of {tile} at scale {scale}: a pixel {worst} levels apart");
                assert!(
                    (differ as f32) < 0.005 * pixels,
                    "tiles of {tile} at scale {scale}: {differ} pixels differ"
                );
            }
        }
    }

    /// Dashes run on across a corner: 7 on, 5 off from the line's start, whatever its segments.
    #[test]
    fn dashes_run_on_across_corners() {
        let dashes = Some((7.0, 5.0));
        assert_eq!(dash_pieces(0.0, 20.0, dashes, (0.0, 20.0)), vec![(0.0, 7.0), (12.0, 19.0)]);
        // A segment starting 20 along starts in the gap from 19 to 24, then is on from 24.
        assert_eq!(dash_pieces(20.0, 10.0, dashes, (0.0, 10.0)), vec![(4.0, 10.0)]);
        // One starting 15 along is on from the start (12 to 19), off to 24, on again.
        assert_eq!(dash_pieces(15.0, 10.0, dashes, (0.0, 10.0)), vec![(0.0, 4.0), (9.0, 10.0)]);
        assert_eq!(dash_pieces(0.0, 5.0, None, (0.0, 5.0)), vec![(0.0, 5.0)]);
        assert!(dash_pieces(0.0, 0.0, None, (0.0, 0.0)).is_empty());
        // Only the dashes that touch the window, each as it is in the whole.
        let whole = dash_pieces(3.0, 1000.0, dashes, (0.0, 1000.0));
        let part = dash_pieces(3.0, 1000.0, dashes, (500.0, 530.0));
        let touching: Vec<_> = whole.iter().copied().filter(|&(a, b)| b >= 500.0 && a <= 530.0).collect();
        assert_eq!(part, touching);
        assert_eq!(part.len(), 3, "{part:?}");
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
