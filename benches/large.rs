//! Large maps: `load/10000`, `layout/10000` (and 1000, 5000, 20000), `relayout/10000`, `remark/10000`, `retext/10000`,
//! `edit/10000`, `frame/fit/10000`, `frame/zoomed/10000`, `eval/10000`, `export_svg/5000` and
//! `route/10000`, on maps from `argmap gen` (seed 1).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use argmap::egui;
use argmap::layout::{self, LayoutInput};
use argmap::model::{RelationKind, Topology};
use argmap::render::ExportOptions;
use argmap::scene::{self, Typesetter};
use argmap::ui::{App, Camera, Command, Settings};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::HashSet;
use std::hint::black_box;

fn text_of(n: usize) -> String {
    argmap::io::to_ron_string(&argmap::synth::generate(n, 1))
}

/// Reading a 10,000-statement map file: the file read (bounded), UTF-8, parse, checks.
fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.ron");
    std::fs::write(&path, text_of(10_000)).unwrap();
    c.bench_function("load/10000", |b| b.iter(|| argmap::io::load_path(black_box(&path)).unwrap()));
}

/// Gives statement `id` of `map` a text never seen before (the typesetter must wrap it).
fn fresh_text(map: &mut argmap::model::ArgumentMap, id: &argmap::model::StatementId, text: String) {
    argmap::edit::apply(map, argmap::edit::Edit::SetText { id: id.clone(), text }).unwrap();
}

/// `layout/10000`, and beside it the same at 1,000, 5,000 and 20,000 statements: the cost grows
/// close to linearly with the map.
fn layout(c: &mut Criterion) {
    for n in [1_000, 5_000, 10_000, 20_000] {
        let map = argmap::synth::generate(n, 1);
        let topo = Topology::new(&map);
        let prepared = scene::prepare(&topo, &mut Typesetter::new());
        let collapsed = HashSet::new();
        c.bench_function(&format!("layout/{n}"), |b| {
            b.iter(|| {
                layout::layout(&LayoutInput::new(
                    &Topology::new(black_box(&map)),
                    &prepared.sizes,
                    &collapsed,
                ))
            })
        });
    }
}

/// What a structural edit costs the app's derived data on a 10,000-statement map: index the map,
/// take the wrapped texts over from before the edit (one new statement is wrapped), lay out the
/// tree, draw the scene. Each iteration goes from the map before an added objection to the map
/// after it, or back, so every one of them really has a statement more or less to handle.
fn relayout(c: &mut Criterion) {
    let before = argmap::synth::generate(10_000, 1);
    let mut after = before.clone();
    let target = before.statements().nth(5_000).unwrap().id.clone();
    let (e, added) = argmap::edit::add_premise(&before, &target, RelationKind::Objection, "A new objection.");
    argmap::edit::apply(&mut after, e).unwrap();
    let mut maps = [before, after];
    let mut ts = Typesetter::new();
    let mut prepared = Some(scene::prepare(&Topology::new(&maps[0]), &mut ts));
    let collapsed = HashSet::new();
    let (mut k, mut n) = (0, 0);
    c.bench_function("relayout/10000", |b| {
        b.iter(|| {
            k ^= 1;
            if k == 1 {
                // The added objection says something new each time, so it is wrapped each time.
                n += 1;
                fresh_text(&mut maps[1], &added, format!("A new objection, number {n}."));
            }
            let topo = Topology::new(black_box(&maps[k]));
            let p = scene::prepare_reusing(&topo, &mut ts, prepared.as_ref());
            let l = layout::layout(&LayoutInput::new(&topo, &p.sizes, &collapsed));
            let scene = scene::build(&topo, &l, &p, &scene::Palette::LIGHT, None, None);
            prepared = Some(p);
            scene
        })
    });
}

/// One structural edit in the app with a map of N statements open at 100% zoom, and the frame
/// that shows it (egui pass and tessellation, no GPU): an objection added to the selected
/// statement in the middle of the map, or taken back by undo, each followed by its frame (with the
/// inspector explaining the selected statement's new label). What a user waits for after a key.
/// From [`argmap::ui::BACKGROUND_FROM`] statements the picture is made on another thread: the
/// frames in between show the last picture, and the time is until the frame that shows the edit
/// (`edit_frame/N` times the first frame after the key alone: how soon the window answers).
fn edit(c: &mut Criterion) {
    for n in [1_000, 10_000, 100_000] {
        let (mut app, ctx, input) = app_with(n);
        let target = app.doc().map().statements().nth(n / 2).unwrap().id.clone();
        let bounds = app.derived().unwrap().layout.rect(app.doc().map(), &target).unwrap();
        app.view_mut().fit = None;
        app.view_mut().camera = Camera { center: egui::vec2(bounds.x, bounds.y), zoom: 1.0 };
        app.view_mut().select(target.clone());
        until_drawn(&mut app, &ctx, &input);
        let (mut added, mut k) = (false, 0);
        let mut step = |app: &mut App| {
            if added {
                app.run(Command::Undo, &ctx);
            } else {
                k += 1; // a text never wrapped before, as a user types one
                let (e, _) = argmap::edit::add_premise(
                    app.doc().map(),
                    &target,
                    RelationKind::Objection,
                    &format!("A new objection, number {k}."),
                );
                app.apply(argmap::ui::Action::Edit(e, "add an objection"), &ctx);
            }
            added = !added;
        };
        // As a user pauses between edits: the whole drawing of the last picture (a huge map's is
        // drawn near the view first, the rest right after on the picture thread) is in before
        // the key; `edit_next/N` times the key pressed as soon as the last edit shows.
        let frames = (&ctx, &input);
        c.bench_function(&format!("edit/{n}"), |b| {
            b.iter_custom(|iters| paused(iters, &mut app, &mut step, frames, Timed::UntilDrawn))
        });
        if n >= argmap::ui::BACKGROUND_FROM {
            c.bench_function(&format!("edit_next/{n}"), |b| {
                b.iter(|| {
                    step(&mut app);
                    until_drawn(&mut app, &ctx, &input)
                })
            });
            // Only the key and the frame after it are timed; the picture is waited for outside.
            c.bench_function(&format!("edit_frame/{n}"), |b| {
                b.iter_custom(|iters| paused(iters, &mut app, &mut step, frames, Timed::FirstFrame))
            });
        }
    }
}

/// What of an edit is timed: until the frame that shows it, or the frame after the key alone.
#[derive(Clone, Copy, PartialEq)]
enum Timed {
    UntilDrawn,
    FirstFrame,
}

/// `iters` edits (`step`) with a pause before each, as a user makes: the last picture is drawn
/// whole before the key. The time from each key through what `timed` says; the picture is
/// waited for untimed after a first frame alone.
fn paused(
    iters: u64,
    app: &mut App,
    step: &mut impl FnMut(&mut App),
    (ctx, input): (&egui::Context, &impl Fn() -> egui::RawInput),
    timed: Timed,
) -> std::time::Duration {
    let mut took = std::time::Duration::ZERO;
    for _ in 0..iters {
        until_whole(app, ctx, input);
        let start = std::time::Instant::now();
        step(app);
        match timed {
            Timed::UntilDrawn => black_box(until_drawn(app, ctx, input)),
            Timed::FirstFrame => black_box(one_frame(app, ctx, input)),
        };
        took += start.elapsed();
        if timed == Timed::FirstFrame {
            until_drawn(app, ctx, input);
        }
    }
    took
}

/// Frames until the picture on screen is drawn whole, as while a user pauses (a huge map's is
/// drawn near the view first and whole on the picture thread right after).
fn until_whole(app: &mut App, ctx: &egui::Context, input: &impl Fn() -> egui::RawInput) {
    while app.drawing_whole() {
        std::thread::sleep(std::time::Duration::from_micros(200));
        one_frame(app, ctx, input);
    }
}

/// One frame of the app: egui's pass and tessellation (no GPU).
fn one_frame(app: &mut App, ctx: &egui::Context, input: &impl Fn() -> egui::RawInput) -> usize {
    let mut out = ctx.run_ui(input(), |ui| app.show(ui));
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

/// Frames until one draws the map as it is now; the primitives of that frame. A huge map's
/// picture is made on another thread: as in the app, the frame after the key shows the last
/// picture, then the window waits (it paints nothing until the thread asks for a frame when the
/// picture is ready, polled here every 100 µs) and the next frame puts the new picture in.
fn until_drawn(app: &mut App, ctx: &egui::Context, input: &impl Fn() -> egui::RawInput) -> usize {
    loop {
        let drawn = one_frame(app, ctx, input);
        let current = app.derived().is_some_and(|d| d.key.stamp == app.doc().stamp());
        if current && !app.making_picture() {
            return drawn;
        }
        while app.making_picture() && !app.picture_ready() {
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
    }
}

/// What a what-if mark (or a rating, a note) costs on 10,000 statements: the layout, the frames
/// and the arrows are kept; the index, the evaluation, the tags and the boxes are made again.
fn remark(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    let topo = Topology::new(&map);
    let prepared = scene::prepare(&topo, &mut Typesetter::new());
    let l = layout::layout(&LayoutInput::new(&topo, &prepared.sizes, &HashSet::new()));
    // As the app does: the frames and arrows drawn once stay (no box moved); the tags and boxes
    // (with their badges) are made again.
    let mut drawn = scene::build(&topo, &l, &prepared, &scene::Palette::LIGHT, None, None);
    c.bench_function("remark/10000", |b| {
        b.iter(|| {
            let topo = Topology::new(black_box(&map));
            let shown = argmap::eval::Evaluation::of(&map, &topo);
            let parts = scene::Basis { topo: &topo, layout: &l, prepared: &prepared };
            scene::rebuild_keeping_arrows(&mut drawn, parts, &scene::Palette::LIGHT, None, Some(&shown));
        })
    });
}

/// What a new text that resizes one box costs on 10,000 statements: wrap it (the other texts are
/// taken over), place the same tree again, evaluate, draw. Each iteration goes from the old text
/// to the new one or back.
fn retext(c: &mut Criterion) {
    let before = argmap::synth::generate(10_000, 1);
    let mut after = before.clone();
    let id = before.statements().nth(5_000).unwrap().id.clone();
    let long = "a much longer text that wraps onto more lines than before, ".repeat(4);
    argmap::edit::apply(&mut after, argmap::edit::Edit::SetText { id: id.clone(), text: long.clone() })
        .unwrap();
    let mut maps = [before, after];
    let mut ts = Typesetter::new();
    let topo = Topology::new(&maps[0]);
    let mut prepared = Some(scene::prepare(&topo, &mut ts));
    let mut kept =
        layout::layout(&LayoutInput::new(&topo, &prepared.as_ref().unwrap().sizes, &HashSet::new()));
    let (mut k, mut n) = (0, 0);
    c.bench_function("retext/10000", |b| {
        b.iter(|| {
            k ^= 1;
            // A text never wrapped before each time, long and short by turns.
            n += 1;
            let text = if k == 1 { format!("{long}{n}") } else { format!("A short text, {n}.") };
            fresh_text(&mut maps[k], &id, text);
            let map = black_box(&maps[k]);
            let topo = Topology::new(map);
            let p = scene::prepare_reusing(&topo, &mut ts, prepared.as_ref());
            layout::place(&mut kept, &topo, &p.sizes);
            let shown = argmap::eval::Evaluation::of(map, &topo);
            let scene = scene::build(&topo, &kept, &p, &scene::Palette::LIGHT, None, Some(&shown));
            prepared = Some(p);
            scene
        })
    });
}

/// The app with a generated map of `n` statements open, a context and the input of a 1600x1000
/// window, after its picture is drawn and a few frames more (layout, fonts and panels settle).
fn app_with(n: usize) -> (App, egui::Context, impl Fn() -> egui::RawInput) {
    let map = argmap::synth::generate(n, 1);
    let mut app = App::new(map, None, Settings::default());
    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let input = move || egui::RawInput { screen_rect: Some(screen), ..Default::default() };
    until_drawn(&mut app, &ctx, &input);
    for _ in 0..3 {
        settle(ctx.run_ui(input(), |ui| app.show(ui)));
    }
    (app, ctx, input)
}

/// Drops a frame's output as a renderer would after uploading its textures (egui insists, in
/// debug builds, that texture changes are handled).
fn settle(mut out: egui::FullOutput) {
    out.textures_delta.clear();
}

/// One full frame of the app (egui pass and tessellation, no GPU) with the camera set by `place`.
fn frame(c: &mut Criterion, name: &str, place: impl Fn(&mut App, egui::Rect)) {
    let n = name.rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let (mut app, ctx, input) = app_with(n);
    let canvas = app.canvas_rect().unwrap();
    place(&mut app, canvas);
    c.bench_function(name, |b| {
        b.iter(|| {
            let mut out = ctx.run_ui(input(), |ui| app.show(ui));
            out.textures_delta.clear();
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

fn frames(c: &mut Criterion) {
    for n in [1_000, 10_000, 100_000] {
        frame(c, &format!("frame/fit/{n}"), |app, _| app.view_mut().fit = Some(argmap::ui::Fit::All));
        frame(c, &format!("frame/zoomed/{n}"), |app, _| {
            let bounds = app.derived().unwrap().layout.bounds.unwrap();
            let (x, y) = bounds.center();
            app.view_mut().fit = None;
            app.view_mut().camera = Camera { center: egui::vec2(x, y), zoom: 1.0 };
        });
    }
}

fn eval(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    c.bench_function("eval/10000", |b| b.iter(|| argmap::eval::grounded(black_box(&map))));
}

/// `route/10000`: every arrow of a 10,000-statement map drawn (its scene built from the layout):
/// the tree arrows with their lanes, the cross-links (a statement's second relation) routed
/// around the boxes through the gaps between columns, the undercuts into their arrows, and the
/// kinds kept off each other's lines; the layout is made once, outside the timing.
fn route(c: &mut Criterion) {
    let map = argmap::synth::generate(10_000, 1);
    let topo = Topology::new(&map);
    let prepared = scene::prepare(&topo, &mut Typesetter::new());
    let collapsed = HashSet::new();
    let tags = scene::tag_widths(&topo, &prepared);
    let input = LayoutInput::new(&topo, &prepared.sizes, &collapsed).with_tags(&tags);
    let laid = layout::layout(&input);
    // A cross-link: a relation some premise of which hangs by another (its first) relation.
    let cross = (0..topo.relations.len())
        .filter(|&r| topo.relations[r].premises.iter().any(|&p| topo.first_from[p] != Some(r)))
        .count();
    assert!(cross > 0, "the map has cross-links to route");
    let palette = scene::Palette::LIGHT;
    let mut drawn = scene::Scene::default();
    c.bench_function("route/10000", |b| {
        b.iter(|| {
            let basis = scene::Basis { topo: &topo, layout: black_box(&laid), prepared: &prepared };
            scene::rebuild(&mut drawn, basis, &palette, None, None)
        })
    });
}

/// `argmap export` of a 5,000-statement map to SVG after loading it: a fresh typesetter, every
/// text wrapped, the file written.
fn export_svg(c: &mut Criterion) {
    let map = argmap::synth::generate(5_000, 1);
    let options = ExportOptions::default();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.svg");
    c.bench_function("export_svg/5000", |b| {
        b.iter(|| argmap::cli::export(black_box(&map), &out, &options).unwrap())
    });
}

/// `pdf_a4/N` and `pdf_branches/N`: `argmap export MAP OUT.pdf --page a4` of 5,000, 10,000 and
/// 20,000 statements, and `--pages branches` of 1,000, 2,000 and 4,000 (an overview and a page
/// for each branch the pages before fold, each drawn from its branch alone): both grow
/// linearly (they were quadratic, issue 32).
fn pdf_pages(c: &mut Criterion) {
    use argmap::render::page::Paper;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.pdf");
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    let runs = [(5_000, Paper::A4, false), (10_000, Paper::A4, false), (20_000, Paper::A4, false)]
        .into_iter()
        .chain([
            (1_000, Paper::A4Landscape, true),
            (2_000, Paper::A4Landscape, true),
            (4_000, Paper::A4Landscape, true),
        ]);
    for (n, paper, branch_pages) in runs {
        let map = argmap::synth::generate(n, 3);
        let options = ExportOptions { paper, branch_pages, ..ExportOptions::default() };
        let name = if branch_pages { format!("branches/{n}") } else { format!("a4/{n}") };
        group.bench_function(&name, |b| {
            b.iter(|| argmap::cli::export(black_box(&map), &out, &options).unwrap())
        });
    }
    group.finish();
}

/// `svg_marks/N`: exporting to SVG a statement that is one letter and N combining marks (one
/// cluster of the font's shaping), at 25,000, 50,000 and 99,999 marks: linear (each mark
/// looked for the cluster's end before, quadratic: issue 32).
fn svg_marks(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.svg");
    let options = ExportOptions::default();
    for n in [25_000, 50_000, 99_999] {
        let text = format!("a{}", "\u{301}".repeat(n));
        let map = argmap::model::ArgumentMap::from_parts(
            "Marks".into(),
            None,
            vec![argmap::model::Statement::new("s", text)],
            vec![],
        )
        .unwrap();
        c.bench_function(&format!("svg_marks/{n}"), |b| {
            b.iter(|| argmap::cli::export(black_box(&map), &out, &options).unwrap())
        });
    }
}

/// A map changed as a day's work might: every 100th statement reworded, an
/// objection added under every 200th, every 500th deleted (`offset` shifts which ones, so two
/// versions made with different offsets changed different statements).
fn changed(map: &argmap::model::ArgumentMap, offset: usize) -> argmap::model::ArgumentMap {
    let mut out = map.clone();
    let ids: Vec<_> = map.statements().map(|s| s.id.clone()).collect();
    for (i, id) in ids.iter().enumerate().skip(offset + 1) {
        if i % 100 == 0 {
            let text = format!("Reworded on one side, number {i}.");
            argmap::edit::apply(&mut out, argmap::edit::Edit::SetText { id: id.clone(), text }).unwrap();
        } else if i % 200 == 1 {
            let (e, _) = argmap::edit::add_premise(&out, id, RelationKind::Objection, "An objection.");
            argmap::edit::apply(&mut out, e).unwrap();
        } else if i % 500 == 7 && out.contains(id) {
            let e = argmap::edit::delete_statement(&out, id).unwrap();
            argmap::edit::apply(&mut out, e).unwrap();
        }
    }
    out
}

/// `diff/10000` and `merge/N`: what changed between two versions of a 10,000-statement map
/// (with the evaluation of both), and a three-way merge of two sides changed independently, at
/// 10,000, 20,000 and 40,000 statements (it grows linearly: issue 32).
fn versions(c: &mut Criterion) {
    for n in [10_000, 100_000] {
        let base = argmap::synth::generate(n, 1);
        let ours = changed(&base, 0);
        c.bench_function(&format!("diff/{n}"), |b| {
            b.iter(|| argmap::versions::diff(black_box(&base), black_box(&ours)))
        });
    }
    for n in [10_000, 20_000, 40_000, 100_000] {
        let base = argmap::synth::generate(n, 1);
        let (ours, theirs) = (changed(&base, 0), changed(&base, 50));
        c.bench_function(&format!("merge/{n}"), |b| {
            b.iter(|| argmap::versions::merge(black_box(&base), black_box(&ours), black_box(&theirs)))
        });
    }
}

/// `live_join/N`: a map of N statements shared live, joined by another copy: its document's
/// bytes loaded and read as a map (what opening a link costs before the first frame).
/// `live_edit/N`: one person's edit (an objection added to their map) recorded on their copy,
/// taken in by a second copy and read there as a map: what an edit costs on the way to another
/// window, without the network.
fn live(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let map = argmap::synth::generate(n, 1);
        let mut shared = argmap::live::Shared::share(&map).unwrap();
        let bytes = shared.save();
        c.bench_function(&format!("live_join/{n}"), |b| {
            b.iter(|| argmap::live::Shared::load(black_box(&bytes)).unwrap().map().unwrap().map)
        });
        let mut other = shared.fork();
        let target = map.statements().nth(n / 2).unwrap().id.clone();
        let (mut mine, mut k) = (shared.map().unwrap().map, 0);
        c.bench_function(&format!("live_edit/{n}"), |b| {
            b.iter(|| {
                k += 1;
                object(&mut mine, &target, k);
                shared.record(&mine).unwrap();
                other.merge(&mut shared).unwrap();
                other.map().unwrap().map
            })
        });
    }
}

/// Adds the objection "Objection {k}." to `target` in `map`; returns its text.
fn object(map: &mut argmap::model::ArgumentMap, target: &str, k: usize) -> String {
    let text = format!("Objection {k}.");
    let (e, _) = argmap::edit::add_premise(map, target, RelationKind::Objection, &text);
    argmap::edit::apply(map, e).unwrap();
    text
}

/// A sync server (`argmap serve`'s code) on a free port of this process; its address.
fn in_process_server() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    let ready = move |addr| tx.send(addr).unwrap();
    std::thread::spawn(move || argmap::live::net::serve("127.0.0.1:0", None, ready, std::future::pending()));
    format!("ws://{}", rx.recv().unwrap())
}

/// `live_loopback_edit/1000`: an edit on one person's copy of a live 1,000-statement map reaching
/// another person's through `argmap serve` on loopback: recorded, sent (the sender waits for the
/// server to have it), fetched by the other copy and read there as a map.
/// `live_loopback_join/10000`: a 10,000-statement live map joined from the server: connected,
/// fetched, read as a map.
fn live_loopback(c: &mut Criterion) {
    use argmap::live::{Shared, net};
    let server = in_process_server();
    for n in [1_000, 10_000] {
        let map = argmap::synth::generate(n, 1);
        let mut mine = Shared::share(&map).unwrap();
        let me = net::Client::connect(&server).unwrap();
        let link = me.share(&mut mine).unwrap();
        if n == 10_000 {
            c.bench_function(&format!("live_loopback_join/{n}"), |b| {
                b.iter(|| {
                    let mut joined = Shared::empty();
                    net::Client::connect(&server).unwrap().sync(&link, &mut joined).unwrap();
                    joined.map().unwrap().map
                })
            });
            continue;
        }
        let (other, mut theirs) = (net::Client::connect(&server).unwrap(), Shared::empty());
        other.sync(&link, &mut theirs).unwrap();
        let target = map.statements().nth(n / 2).unwrap().id.clone();
        let (mut edited, mut k) = (mine.map().unwrap().map, 0);
        c.bench_function(&format!("live_loopback_edit/{n}"), |b| {
            b.iter(|| {
                k += 1;
                let text = object(&mut edited, &target, k);
                mine.record(&edited).unwrap();
                me.sync(&link, &mut mine).unwrap();
                // The other copy keeps syncing with the server; it has the edit once it arrived.
                let start = std::time::Instant::now();
                loop {
                    other.sync(&link, &mut theirs).unwrap();
                    let seen = theirs.map().unwrap().map;
                    if seen.statements().any(|s| s.text == text) {
                        break seen;
                    }
                    assert!(start.elapsed() < std::time::Duration::from_secs(5), "the edit never arrived");
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            })
        });
    }
}

/// `live_session_edit/1000`: the app's own path: an edit in one window's live session of a
/// 1,000-statement map reaching another window's session through `argmap serve` on loopback and
/// taken into its map (recorded on the worker, sent, taken in, read, reconciled into the map).
fn live_session(c: &mut Criterion) {
    use argmap::live::session::{Event, Session, Start};
    use std::sync::Arc;
    let server = in_process_server();
    let n = 1_000;
    let mut mine = argmap::synth::generate(n, 1);
    let mut ada = Session::start(&server, Start::Share(Arc::new(mine.clone())), "Ada", || {});
    let wait = |s: &mut Session, want: &mut dyn FnMut(Event) -> bool| {
        let start = std::time::Instant::now();
        loop {
            if s.poll().into_iter().any(&mut *want) {
                return;
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(10), "nothing arrived");
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    };
    let mut link = String::new();
    wait(&mut ada, &mut |e| match e {
        Event::Joined { link: l } => {
            link = l;
            true
        }
        _ => false,
    });
    let mut ben = Session::start(&server, Start::Join(link), "Ben", || {});
    let mut first = None;
    wait(&mut ben, &mut |e| match e {
        Event::Arrived(a) => {
            first = Some(a);
            true
        }
        _ => false,
    });
    let first = first.unwrap();
    ben.took(&first);
    let mut theirs = first.map;
    let target = mine.statements().nth(n / 2).unwrap().id.clone();
    let mut k = 0;
    c.bench_function(&format!("live_session_edit/{n}"), |b| {
        b.iter(|| {
            k += 1;
            let text = object(&mut mine, &target, k);
            ada.edited(Arc::new(mine.clone()));
            let mut arrived = None;
            wait(&mut ben, &mut |e| match e {
                Event::Arrived(a) if a.map.statements().any(|s| s.text == text) => {
                    arrived = Some(a);
                    true
                }
                _ => false,
            });
            let a = arrived.unwrap();
            let taken = argmap::edit::reconcile_all(&theirs, &a.map);
            argmap::edit::apply(&mut theirs, taken).unwrap();
            ben.took(&a);
        })
    });
}

/// `argdown_sections/N`: importing an Argdown document of N headings, each over one statement
/// (sections found by title in hashed time: linear; it was quadratic, issue 32).
fn argdown_sections(c: &mut Criterion) {
    for n in [2_500, 5_000, 10_000] {
        let text: String = (0..n).map(|i| format!("# Section {i}\n\n[S{i}]: Statement {i}.\n\n")).collect();
        c.bench_function(&format!("argdown_sections/{n}"), |b| {
            b.iter(|| argmap::interop::argdown::import(black_box(&text), "t").unwrap())
        });
    }
}

/// `quotes/N`: checking N quotes against a 2 MB text document, none of them still in it (the
/// worst case: each one looked for through the whole text). The document is read and
/// normalised once, then each quote costs one pass over it: linear in quotes and in the
/// document (each quote normalised the whole document again before, issue 32).
fn quotes(c: &mut Criterion) {
    use argmap::model::{ArgumentMap, Source, SourceDocument, Statement};
    let dir = tempfile::tempdir().unwrap();
    let words = ["peace", "mission", "government", "consent", "security", "forces", "region"];
    let paragraph =
        |i: usize| (0..80).map(|w| words[(i * 7 + w * 3) % words.len()]).collect::<Vec<_>>().join(" ");
    let text = (0..4_000).map(paragraph).collect::<Vec<_>>().join(".\n\n");
    std::fs::write(dir.path().join("doc.txt"), &text).unwrap();
    let document = SourceDocument {
        id: "doc".into(),
        title: "Doc".into(),
        author: None,
        publisher: None,
        year: None,
        url: None,
        licence: None,
        file: Some("doc.txt".into()),
    };
    for n in [10, 50, 200] {
        let statements = (0..n).map(|i| Statement {
            source: Some(Source {
                quote: format!("A sentence {i} the document never says, about peace and security."),
                reference: "Doc, paragraph 1".into(),
                document: Some("doc".into()),
                at: None,
            }),
            ..Statement::new(format!("s{i}"), format!("Statement {i}."))
        });
        let map = ArgumentMap::from_parts("Quotes".into(), None, statements.collect(), vec![])
            .and_then(|m| m.with_documents(vec![document.clone()]))
            .unwrap();
        let reader = argmap::sources::Reader::InProcess;
        let places =
            argmap::sources::Places { beside: Some(dir.path()), folders: &[], chosen: &[], reader: &reader };
        c.bench_function(&format!("quotes/{n}"), |b| {
            b.iter(|| {
                let report = argmap::sources::check(black_box(&map), &places);
                assert_eq!(report.drifted.len(), n);
            })
        });
    }
}

/// `groups/N`: a map of N statements in N/2 groups written as RON and read back (each group's
/// members listed in one pass, each group found by id in hashed time: linear; saving 20,000
/// groups took 58 s, issue 32).
fn groups(c: &mut Criterion) {
    for n in [10_000, 20_000, 40_000] {
        let text: String = (0..n / 2)
            .map(|i| format!("# Section {i}\n\n[S{i}]: Statement {i}.\n\n[T{i}]: Another {i}.\n\n"))
            .collect();
        let map = argmap::interop::argdown::import(&text, "t").unwrap().map;
        assert_eq!(map.groups().len(), n / 2);
        c.bench_function(&format!("groups/{n}"), |b| {
            b.iter(|| argmap::io::load_str(&argmap::io::to_ron_string(black_box(&map)), "g.ron").unwrap())
        });
    }
}

/// `typing/1000`: a key typed in the Argdown pane with a 1,000-statement map open (its text
/// about 3,000 lines), and the frame that shows it: the whole text coloured and laid out anew,
/// the canvas beside it. The text is read back after a pause, which `text_sync` measures.
fn typing(c: &mut Criterion) {
    let mut app = App::new(argmap::synth::generate(1_000, 1), None, Settings::default());
    app.view_mut().argdown = true;
    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    // One moment, so that the pause never ends: each frame is a key typed, never a read-back.
    let input = move |events| egui::RawInput {
        screen_rect: Some(screen),
        time: Some(1.0),
        events,
        ..Default::default()
    };
    for _ in 0..3 {
        settle(ctx.run_ui(input(vec![]), |ui| app.show(ui)));
    }
    ctx.memory_mut(|m| m.request_focus(argmap::ui::argdown::field_id()));
    settle(ctx.run_ui(input(vec![]), |ui| app.show(ui)));
    let mut ran = false;
    let before = app.text_pane().text().to_owned();
    c.bench_function("typing/1000", |b| {
        b.iter(|| {
            ran = true;
            let key = vec![egui::Event::Text("x".into())];
            let mut out = ctx.run_ui(input(key), |ui| app.show(ui));
            out.textures_delta.clear();
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    // (When a filter leaves the bench out, nothing was typed.)
    assert!(!ran || app.text_pane().text() != before, "the keys were typed");
}

/// `text_sync/1000`: the Argdown text of a 1,000-statement map, one statement reworded in it,
/// read back, turned into the edit that makes the map say it (`edit::reconcile`), applied, and
/// the canvas made again as the app makes it after a change: index, texts wrapped (the reworded
/// one anew), laid out, evaluated, drawn.
fn text_sync(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        text_sync_of(c, n);
    }
}

fn text_sync_of(c: &mut Criterion, n: usize) {
    let map = argmap::synth::generate(n, 1);
    let (text, _) = argmap::interop::argdown::export(&map);
    let first = map.statements().nth(1).map(|s| s.text.clone()).unwrap();
    let mut ts = Typesetter::new();
    let mut prepared = Some(scene::prepare(&Topology::new(&map), &mut ts));
    let collapsed = HashSet::new();
    let mut k = 0;
    c.bench_function(&format!("text_sync/{n}"), |b| {
        b.iter(|| {
            // A wording never seen before each time, so that it is wrapped each time.
            k += 1;
            let edited = text.replacen(&first, &format!("{first} Reworded {k}."), 1);
            let new = argmap::interop::argdown::import(black_box(&edited), "t").unwrap().map;
            let mut synced = map.clone();
            argmap::edit::apply(&mut synced, argmap::edit::reconcile(&map, &new)).unwrap();
            let topo = Topology::new(&synced);
            let p = scene::prepare_reusing(&topo, &mut ts, prepared.as_ref());
            let l = layout::layout(&LayoutInput::new(&topo, &p.sizes, &collapsed));
            let shown = argmap::eval::Evaluation::of(&synced, &topo);
            let scene = scene::build(&topo, &l, &p, &scene::Palette::LIGHT, None, Some(&shown));
            prepared = Some(p);
            scene
        })
    });
}

/// `export_svg/N`, `export_png/N`, `export_pdf/N` for 1,000, 10,000 and 100,000 statements:
/// `argmap export` of a generated map after loading it (a fresh typesetter, every text wrapped,
/// laid out, drawn, the file written). A PNG too large at the usual scale is made at the largest
/// that fits (as `argmap export` suggests); the PDF is one page the size of the map.
fn exports(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let maps: Vec<_> = [1_000, 10_000, 100_000].map(|n| (n, argmap::synth::generate(n, 1))).into();
    for format in ["svg", "png", "pdf"] {
        let mut group = c.benchmark_group(format!("export_{format}"));
        group.sample_size(10);
        let out = dir.path().join(format!("g.{format}"));
        for (n, map) in &maps {
            let mut options = ExportOptions::default();
            if let Err(e) = argmap::cli::export(map, &out, &options) {
                // "... --scale 0.07 fits, ...": the largest scale that fits.
                let said = e.to_string();
                let fit = said.split("--scale ").nth(1).and_then(|t| t.split(' ').next());
                options.scale = fit.and_then(|f| f.parse().ok()).unwrap_or_else(|| panic!("{said}"));
            }
            group.bench_function(n.to_string(), |b| {
                b.iter(|| argmap::cli::export(black_box(map), &out, &options).unwrap())
            });
        }
        group.finish();
    }
}

/// `open/N`: what a user waits for when a generated map of N statements opens: the file read and
/// checked, the app made, and its first frame that draws the map (texts wrapped, laid out,
/// evaluated, drawn; egui's pass and tessellation, no GPU; for a huge map, made on another
/// thread while the window is up).
fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let path = dir.path().join(format!("g{n}.ron"));
        std::fs::write(&path, text_of(n)).unwrap();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
        group.bench_function(n.to_string(), |b| {
            b.iter(|| {
                let mut app = App::start(Some(path.clone()), Settings::default());
                let ctx = egui::Context::default();
                let input = || egui::RawInput { screen_rect: Some(screen), ..Default::default() };
                let drawn = until_drawn(&mut app, &ctx, &input);
                assert!(app.derived().is_some() && drawn > 0, "the map is drawn");
                drawn
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = open, exports, load, layout, relayout, remark, retext, edit, frames, eval, export_svg, route, text_sync, typing, versions, live, live_loopback, live_session, argdown_sections, quotes, pdf_pages, svg_marks, groups
}
criterion_main!(benches);
