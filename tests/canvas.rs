//! The painted canvas, checked as a picture (issue 14): the real app runs in an egui context, its
//! frame is tessellated as a GPU renderer receives it, and the triangles are painted on the CPU
//! with egui's own font atlas; the picture is compared with a golden image within 2 levels a
//! channel on 0.01% of the pixels. First launch, a selection, and the dark theme.
//!
//! Why paint on the CPU here: no software renderer for egui 0.37 exists as a crate (the two on
//! crates.io are for egui 0.34), and egui_kittest's snapshots need wgpu, which adds about five
//! minutes to every clean build on this project's 2-core machines. What is painted here is
//! exactly what egui hands a renderer: meshes of triangles with per-vertex colours
//! (premultiplied) and texture coordinates into the font atlas, clipped to rectangles.
//!
//! Regenerate after an intended change of look with `UPDATE_GOLDEN=1 cargo test --test canvas`;
//! on failure the new picture is written to `target/canvas-NAME.new.png`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::egui;
use argmap::ui::{App, Settings, ThemeChoice};
use egui::epaint::{ClippedPrimitive, Color32, ImageData, Primitive, TextureId, textures::TexturesDelta};
use std::collections::HashMap;

const SIZE: (usize, usize) = (1400, 900);

/// egui's textures as the renderer keeps them: RGBA texels (premultiplied), by id.
#[derive(Default)]
struct Textures(HashMap<TextureId, (usize, usize, Vec<Color32>)>);

impl Textures {
    /// Applies a frame's texture changes, as a renderer does before painting.
    fn apply(&mut self, delta: &TexturesDelta) {
        let mut ids: Vec<_> = delta.set.keys().copied().collect();
        ids.sort_by_key(|id| format!("{id:?}")); // deterministic, though the order does not matter
        for id in ids {
            for d in &delta.set[&id] {
                let ImageData::Color(image) = &d.image;
                let [w, h] = image.size;
                match d.pos {
                    None => {
                        self.0.insert(id, (w, h, image.pixels.clone()));
                    }
                    Some([x0, y0]) => {
                        let (tw, _, texels) = self.0.get_mut(&id).expect("a patch of a known texture");
                        for y in 0..h {
                            for x in 0..w {
                                texels[(y0 + y) * *tw + x0 + x] = image.pixels[y * w + x];
                            }
                        }
                    }
                }
            }
        }
    }

    /// The texel nearest to `uv` (0..1), premultiplied, as floats 0..1.
    fn sample(&self, id: TextureId, u: f32, v: f32) -> [f32; 4] {
        let Some((w, h, texels)) = self.0.get(&id) else { return [1.0; 4] };
        let x = ((u * *w as f32) as isize).clamp(0, *w as isize - 1) as usize;
        let y = ((v * *h as f32) as isize).clamp(0, *h as isize - 1) as usize;
        let c = texels[y * w + x];
        [c.r(), c.g(), c.b(), c.a()].map(|c| f32::from(c) / 255.0)
    }
}

/// Paints egui's tessellated frame: every triangle's pixels (by their centres), colour times
/// texel, premultiplied "over" blending, clipped. Returns RGBA bytes.
fn paint(primitives: &[ClippedPrimitive], textures: &Textures) -> Vec<u8> {
    let (w, h) = SIZE;
    let mut px = vec![[0.0f32; 4]; w * h];
    for p in primitives {
        let Primitive::Mesh(mesh) = &p.primitive else { continue };
        let clip = p.clip_rect;
        for tri in mesh.indices.chunks_exact(3) {
            let v = [tri[0], tri[1], tri[2]].map(|i| mesh.vertices[i as usize]);
            let area = edge(v[0].pos, v[1].pos, v[2].pos);
            if area.abs() < 1e-9 {
                continue;
            }
            let xs = v.map(|v| v.pos.x);
            let ys = v.map(|v| v.pos.y);
            let x0 = xs.iter().copied().fold(f32::MAX, f32::min).max(clip.min.x).max(0.0).floor() as usize;
            let x1 =
                xs.iter().copied().fold(f32::MIN, f32::max).min(clip.max.x).min(w as f32).ceil() as usize;
            let y0 = ys.iter().copied().fold(f32::MAX, f32::min).max(clip.min.y).max(0.0).floor() as usize;
            let y1 =
                ys.iter().copied().fold(f32::MIN, f32::max).min(clip.max.y).min(h as f32).ceil() as usize;
            for y in y0..y1 {
                for x in x0..x1 {
                    let c = egui::pos2(x as f32 + 0.5, y as f32 + 0.5);
                    if !clip.contains(c) {
                        continue;
                    }
                    let b = [
                        edge(v[1].pos, v[2].pos, c),
                        edge(v[2].pos, v[0].pos, c),
                        edge(v[0].pos, v[1].pos, c),
                    ]
                    .map(|e| e / area);
                    if b.iter().any(|&b| b < 0.0) {
                        continue;
                    }
                    let mix = |f: &dyn Fn(usize) -> f32| b[0] * f(0) + b[1] * f(1) + b[2] * f(2);
                    let (u, t) = (mix(&|i| v[i].uv.x), mix(&|i| v[i].uv.y));
                    let texel = textures.sample(mesh.texture_id, u, t);
                    let src: [f32; 4] = std::array::from_fn(|k| {
                        mix(&|i| f32::from(v[i].color.to_array()[k]) / 255.0) * texel[k]
                    });
                    let dst = &mut px[y * w + x];
                    for k in 0..4 {
                        dst[k] = src[k] + dst[k] * (1.0 - src[3]);
                    }
                }
            }
        }
    }
    px.iter().flat_map(|c| c.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)).collect()
}

fn edge(a: egui::Pos2, b: egui::Pos2, c: egui::Pos2) -> f32 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// Runs the app for a few frames, `events` arriving in the third (once the map is laid out), as
/// the window would, and paints the last frame.
fn frame_of(mut app: App, events: Vec<egui::Event>) -> Vec<u8> {
    let ctx = egui::Context::default();
    let mut textures = Textures::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(SIZE.0 as f32, SIZE.1 as f32));
    let mut events = Some(events);
    let mut last = None;
    for frame in 0..6 {
        let now = if frame == 2 { events.take().unwrap_or_default() } else { Vec::new() };
        let input = egui::RawInput { screen_rect: Some(screen), events: now, ..Default::default() };
        let mut out = ctx.run_ui(input, |ui| app.show(ui));
        textures.apply(&out.textures_delta);
        out.textures_delta.clear();
        last = Some(ctx.tessellate(out.shapes, out.pixels_per_point));
    }
    paint(&last.unwrap(), &textures)
}

/// Compares a painted frame with `tests/golden/canvas-NAME.png` (see the module's doc).
fn check_golden(name: &str, rgba: &[u8]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = dir.join(format!("tests/golden/canvas-{name}.png"));
    let encode = |rgba: &[u8]| {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, SIZE.0 as u32, SIZE.1 as u32);
        e.set_color(png::ColorType::Rgba);
        e.set_depth(png::BitDepth::Eight);
        let mut writer = e.write_header().unwrap();
        writer.write_image_data(rgba).unwrap();
        writer.finish().unwrap();
        out
    };
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "UPDATE_GOLDEN under CI: goldens are checked there, never rewritten"
        );
        std::fs::write(&path, encode(rgba)).unwrap();
    }
    let golden = decode(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}")));
    let differing = if golden.len() == rgba.len() {
        golden
            .chunks(4)
            .zip(rgba.chunks(4))
            .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > 2))
            .count()
    } else {
        usize::MAX
    };
    let allowed = SIZE.0 * SIZE.1 / 10_000;
    if differing > allowed {
        let new = dir.join(format!("target/canvas-{name}.new.png"));
        std::fs::write(&new, encode(rgba)).unwrap();
        panic!(
            "canvas {name}: {differing} pixels differ from the golden image (at most {allowed}); see {new:?}"
        );
    }
}

fn decode(bytes: &[u8]) -> Vec<u8> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    buf
}

fn key(key: egui::Key) -> Vec<egui::Event> {
    let press = |pressed| egui::Event::Key {
        key,
        pressed,
        modifiers: Default::default(),
        repeat: false,
        physical_key: None,
    };
    vec![press(true), press(false)]
}

#[test]
fn the_canvas_at_first_launch() {
    // On a light desktop.
    let settings = Settings { theme: ThemeChoice::Light, ..Settings::default() };
    let rgba = frame_of(App::start(None, settings), Vec::new());
    check_golden("first-launch", &rgba);
}

#[test]
fn the_canvas_with_a_reason_selected() {
    // Down: from the claim to its first reason, selected, with the inspector showing it.
    let settings = Settings { theme: ThemeChoice::Light, ..Settings::default() };
    let rgba = frame_of(App::start(None, settings), key(egui::Key::ArrowDown));
    check_golden("selection", &rgba);
}

#[test]
fn the_canvas_in_the_dark_theme_fitted_to_the_window() {
    let settings = Settings { theme: ThemeChoice::Dark, ..Settings::default() };
    let rgba = frame_of(App::start(None, settings), key(egui::Key::F));
    check_golden("dark-fitted", &rgba);
}
