//! The overview of a huge map: the whole picture rasterised once into a texture (boxes as
//! blocks, lines a texel wide, cross-links faded, as the far view draws them), so a frame of a
//! 100,000-statement map fitted in the window, or its minimap, costs one textured rectangle
//! instead of a mesh of every box and line. Made on the first frame that needs it for each
//! derived picture (and theme), kept with it ([`crate::ui::derived::Derived::overview`]).

use crate::layout::Rect;
use crate::scene::{self, Item, Palette};
use egui::{Color32, Pos2};

/// Maps with at least this many boxes are drawn far out from their overview (smaller ones are
/// cheap enough as a mesh, and stay crisp at any zoom).
pub const OVERVIEW_FROM: usize = 20_000;

/// The longest side of the overview, in texels (within what every GPU takes).
const MAX_SIDE: usize = 2048;

/// The overview is used while a texel covers at least this fraction of a screen pixel (a
/// little blur as one zooms in, never a blocky picture).
const SHARP_ENOUGH: f32 = 0.6;

/// A map's picture as one texture.
pub struct Overview {
    texture: egui::TextureHandle,
    /// The map area it shows.
    bounds: Rect,
    /// Texels per map unit.
    scale: f32,
}

impl Overview {
    /// The map area it shows.
    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    /// Paints it over `screen` (where its bounds are on screen).
    pub fn paint(&self, painter: &egui::Painter, screen: egui::Rect, tint: Color32) {
        let uv = egui::Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        painter.image(self.texture.id(), screen, uv, tint);
    }

    /// Whether it is sharp enough at `zoom` (screen points per map unit) and `pixels_per_point`.
    pub fn sharp_at(&self, zoom: f32, pixels_per_point: f32) -> bool {
        self.scale >= zoom * pixels_per_point * SHARP_ENOUGH
    }
}

/// The overview of a scene, for a map with at least [`OVERVIEW_FROM`] boxes: the scene
/// rasterised into a texture of at most [`MAX_SIDE`] texels a side.
pub fn make(
    ctx: &egui::Context,
    scene: &scene::Scene,
    prepared: &scene::Prepared,
    palette: &Palette,
) -> Option<Overview> {
    if scene.boxes.len() < OVERVIEW_FROM {
        return None;
    }
    let bounds = scene.bounds?;
    let side = MAX_SIDE.min(ctx.input(|i| i.max_texture_side)) as f32;
    let scale = (side / bounds.w.max(1.0)).min(side / bounds.h.max(1.0));
    let image = raster(scene, prepared, palette, bounds, scale);
    let options = egui::TextureOptions {
        mipmap_mode: Some(egui::TextureFilter::Linear),
        ..egui::TextureOptions::LINEAR
    };
    let texture = ctx.load_texture("map overview", image, options);
    Some(Overview { texture, bounds, scale })
}

/// The scene as an image of `bounds` at `scale` texels per map unit: the arrows (cross-links
/// faded), then the boxes as blocks of their fill (or of their border's colour where too small
/// for the fill to show), as the canvas draws them far out. Transparent elsewhere.
pub fn raster(
    scene: &scene::Scene,
    prepared: &scene::Prepared,
    palette: &Palette,
    bounds: Rect,
    scale: f32,
) -> egui::ColorImage {
    let size = [(bounds.w * scale).ceil().max(1.0) as usize, (bounds.h * scale).ceil().max(1.0) as usize];
    let mut canvas = Texels { pixels: vec![Color32::TRANSPARENT; size[0] * size[1]], size, bounds, scale };
    let cross = scene.cross_links.start as usize..scene.cross_links.end as usize;
    for (i, item) in scene.items.iter().enumerate() {
        let faded = cross.contains(&i);
        match item {
            Item::Line { points, color: c, dashed, .. } => {
                let c = if faded { color(*c).gamma_multiply(0.3) } else { color(*c) };
                for pair in points.windows(2) {
                    canvas.line(pair[0], pair[1], c, *dashed);
                }
            }
            Item::Rect { rect, fill, stroke, .. } => canvas.block(rect, color(*fill), color(*stroke)),
            _ => {}
        }
    }
    let mut items = Vec::new();
    for b in &scene.boxes {
        items.clear();
        scene::box_items(&mut items, b, prepared, palette, false);
        for item in &items {
            if let Item::Rect { rect, fill, stroke, .. } = item {
                canvas.block(rect, color(*fill), color(*stroke));
            }
        }
    }
    egui::ColorImage::new(size, canvas.pixels)
}

/// A colour of the scene as egui's.
fn color(c: scene::Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0[0], c.0[1], c.0[2], c.0[3])
}

/// An image being drawn, and where it is on the map.
struct Texels {
    pixels: Vec<Color32>,
    size: [usize; 2],
    bounds: Rect,
    scale: f32,
}

impl Texels {
    /// Where a map point is, in texels.
    fn at(&self, (x, y): (f32, f32)) -> (f32, f32) {
        ((x - self.bounds.x) * self.scale, (y - self.bounds.y) * self.scale)
    }

    /// Blends `c` (premultiplied) over the texel at `(x, y)`, if inside.
    fn blend(&mut self, x: i64, y: i64, c: Color32) {
        if x < 0 || y < 0 || x as usize >= self.size[0] || y as usize >= self.size[1] {
            return;
        }
        let p = &mut self.pixels[y as usize * self.size[0] + x as usize];
        let keep = 255 - u16::from(c.a());
        let mix = |s: u8, d: u8| (u16::from(s) + (u16::from(d) * keep + 127) / 255).min(255) as u8;
        *p = Color32::from_rgba_premultiplied(
            mix(c.r(), p.r()),
            mix(c.g(), p.g()),
            mix(c.b(), p.b()),
            mix(c.a(), p.a()),
        );
    }

    /// A rectangle as a block at least a texel each way: its fill, or its border's colour where
    /// it is under four texels across (as the far view draws a small box).
    fn block(&mut self, rect: &Rect, fill: Color32, stroke: Color32) {
        let (x0, y0) = self.at((rect.x, rect.y));
        let (x1, y1) = self.at((rect.right(), rect.bottom()));
        let c = if (x1 - x0).min(y1 - y0) < 4.0 { stroke } else { fill };
        let (x0, y0) = (x0.floor() as i64, y0.floor() as i64);
        let (x1, y1) = ((x1.ceil() as i64).max(x0 + 1), (y1.ceil() as i64).max(y0 + 1));
        let (x0, x1) = (x0.max(0), x1.min(self.size[0] as i64));
        let (y0, y1) = (y0.max(0), y1.min(self.size[1] as i64));
        for y in y0..y1 {
            for x in x0..x1 {
                self.blend(x, y, c);
            }
        }
    }

    /// A line a texel wide from `a` to `b` (map points); dashed: four texels on, three off.
    fn line(&mut self, a: (f32, f32), b: (f32, f32), c: Color32, dashed: bool) {
        let (a, b) = (self.at(a), self.at(b));
        let steps = (b.0 - a.0).abs().max((b.1 - a.1).abs()).ceil().max(1.0) as i64;
        // A line beyond the image is cut short: no more steps than the image is long.
        let most = (self.size[0] + self.size[1]) as i64 * 2;
        if steps > most * 8 {
            return;
        }
        for k in 0..=steps {
            if dashed && k % 7 >= 4 {
                continue;
            }
            let t = k as f32 / steps as f32;
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            self.blend(x.floor() as i64, y.floor() as i64, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Rgba;

    /// A scene with one box and one line, drawn at one texel per map unit: the box is a block
    /// of its fill where it is, the line a row of its colour, the rest transparent.
    #[test]
    fn issue35_the_overview_draws_boxes_and_lines_where_they_are() {
        let mut scene = scene::Scene::default();
        let palette = Palette::LIGHT;
        let rect = Rect { x: 10.0, y: 10.0, w: 20.0, h: 10.0 };
        let fill = Rgba([10, 200, 30, 255]);
        let stroke = Rgba([0, 0, 0, 255]);
        scene.items.push(Item::Rect { rect, radius: 0.0, fill, stroke, stroke_width: 1.0 });
        let red = Rgba([200, 0, 0, 255]);
        let points = [(0.0, 40.0), (39.0, 40.0)].into_iter().collect();
        scene.items.push(Item::Line { points, color: red, width: 2.0, dashed: false });
        let bounds = Rect { x: 0.0, y: 0.0, w: 40.0, h: 50.0 };
        let image = raster(&scene, &scene::Prepared::default(), &palette, bounds, 1.0);
        assert_eq!(image.size, [40, 50]);
        let at = |x: usize, y: usize| image.pixels[y * 40 + x];
        assert_eq!(at(15, 15), color(fill), "inside the box: its fill");
        assert_eq!(at(5, 5), Color32::TRANSPARENT, "outside: nothing");
        assert_eq!(at(20, 40), color(red), "on the line: its colour");
        assert_eq!(at(20, 41), Color32::TRANSPARENT, "a texel wide");
    }

    /// A box under four texels across is a block of its border's colour, at least a texel.
    #[test]
    fn issue35_a_tiny_box_is_a_block_of_its_border() {
        let mut scene = scene::Scene::default();
        let rect = Rect { x: 10.0, y: 10.0, w: 250.0, h: 60.0 };
        let (fill, stroke) = (Rgba([250, 250, 250, 255]), Rgba([0, 0, 200, 255]));
        scene.items.push(Item::Rect { rect, radius: 0.0, fill, stroke, stroke_width: 1.0 });
        let bounds = Rect { x: 0.0, y: 0.0, w: 1000.0, h: 1000.0 };
        let image = raster(&scene, &scene::Prepared::default(), &Palette::LIGHT, bounds, 0.01);
        assert_eq!(image.size, [10, 10]);
        assert_eq!(image.pixels[0], color(stroke));
        assert_eq!(image.pixels.iter().filter(|&&p| p != Color32::TRANSPARENT).count(), 3);
    }
}
