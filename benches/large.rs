//! Large maps: `load/10000`, `layout/10000`, `relayout/10000`, `remark/10000`, `retext/10000`,
//! `frame/fit/10000`, `frame/zoomed/10000` and
//! `eval/10000` and `export_svg/5000`, on maps from `argmap gen` (seed 1).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use argmap::egui;
use argmap::layout::{self, LayoutInput};
use argmap::model::Topology;
use argmap::render::{self, ExportOptions};
use argmap::scene::{self, Typesetter};
use argmap::ui::{App, Camera, Settings};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::HashSet;
use std::hint::black_box;

fn text_of(n: usize) -> String {
    argmap::io::to_ron_string(&argmap::synth::generate(n, 1))
}

fn load(c: &mut Criterion) {
    let text = text_of(10_000);
    c.bench_function("load/10000", |b| b.iter(|| argmap::io::load_str(black_box(&text), "g.ron").unwrap()));
}

fn layout(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    let topo = Topology::new(&map);
    let prepared = scene::prepare(&topo, &mut Typesetter::new());
    let collapsed = HashSet::new();
    c.bench_function("layout/10000", |b| {
        b.iter(|| {
            layout::layout(&LayoutInput {
                topo: &Topology::new(black_box(&map)),
                sizes: &prepared.sizes,
                collapsed: &collapsed,
            })
        })
    });
}

/// What one edit costs the app on a 10,000-statement map: wrap (cached), lay out, draw the scene.
fn relayout(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    let mut ts = Typesetter::new();
    let _ = scene::prepare(&Topology::new(&map), &mut ts); // the app has wrapped every text before
    let collapsed = HashSet::new();
    c.bench_function("relayout/10000", |b| {
        b.iter(|| {
            let topo = Topology::new(black_box(&map));
            let prepared = scene::prepare(&topo, &mut ts);
            let l =
                layout::layout(&LayoutInput { topo: &topo, sizes: &prepared.sizes, collapsed: &collapsed });
            scene::build(&topo, &l, &prepared, &scene::Palette::LIGHT, None, None)
        })
    });
}

/// What a what-if mark (or a rating, a note) costs on 10,000 statements: the layout is kept, the
/// index, the evaluation and the drawing are made again.
fn remark(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    let topo = Topology::new(&map);
    let prepared = scene::prepare(&topo, &mut Typesetter::new());
    let l = layout::layout(&LayoutInput { topo: &topo, sizes: &prepared.sizes, collapsed: &HashSet::new() });
    c.bench_function("remark/10000", |b| {
        b.iter(|| {
            let topo = Topology::new(black_box(&map));
            let shown = scene::Shown::of(&map, &topo);
            scene::build(&topo, &l, &prepared, &scene::Palette::LIGHT, None, Some(&shown))
        })
    });
}

/// What a new text that resizes one box costs on 10,000 statements: wrap it, place the same
/// tree again, evaluate, draw.
fn retext(c: &mut Criterion) {
    let mut map = argmap::synth::generate(10_000, 1);
    let mut ts = Typesetter::new();
    let topo = Topology::new(&map);
    let mut kept = layout::layout(&LayoutInput {
        topo: &topo,
        sizes: &scene::prepare(&topo, &mut ts).sizes,
        collapsed: &HashSet::new(),
    });
    let id = map.statements().nth(5_000).unwrap().id.clone();
    let long = "a much longer text that wraps onto more lines than before, ".repeat(4);
    argmap::edit::apply(&mut map, argmap::edit::Edit::SetText { id, text: long }).unwrap();
    c.bench_function("retext/10000", |b| {
        b.iter(|| {
            let topo = Topology::new(black_box(&map));
            let prepared = scene::prepare(&topo, &mut ts);
            layout::place(&mut kept, &topo, &prepared.sizes);
            let shown = scene::Shown::of(&map, &topo);
            scene::build(&topo, &kept, &prepared, &scene::Palette::LIGHT, None, Some(&shown))
        })
    });
}

/// One full frame of the app (egui pass and tessellation, no GPU) with the camera set by `place`.
fn frame(c: &mut Criterion, name: &str, place: impl Fn(&mut App, egui::Rect)) {
    let map = argmap::synth::generate(10_000, 1);
    let mut app = App::new(map, None, Settings::default());
    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let input = || egui::RawInput { screen_rect: Some(screen), ..Default::default() };
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui)); // layout, fonts and panels settle
    }
    let canvas = app.canvas_rect.unwrap();
    place(&mut app, canvas);
    c.bench_function(name, |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

fn frames(c: &mut Criterion) {
    frame(c, "frame/fit/10000", |app, _| app.view.fit = Some(argmap::ui::Fit::All));
    frame(c, "frame/zoomed/10000", |app, _| {
        let bounds = app.derived.as_ref().unwrap().layout.bounds.unwrap();
        let (x, y) = bounds.center();
        app.view.fit = None;
        app.view.camera = Camera { center: egui::vec2(x, y), zoom: 1.0 };
    });
}

fn eval(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    c.bench_function("eval/10000", |b| b.iter(|| argmap::eval::grounded(black_box(&map))));
}

fn export_svg(c: &mut Criterion) {
    let map = argmap::synth::generate(5_000, 1);
    let mut ts = Typesetter::new();
    let options = ExportOptions::default();
    c.bench_function("export_svg/5000", |b| {
        b.iter(|| {
            let picture = render::picture(black_box(&map), &mut ts, &options, &HashSet::new()).unwrap();
            render::svg::write(&picture)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = load, layout, relayout, remark, retext, frames, eval, export_svg
}
criterion_main!(benches);
