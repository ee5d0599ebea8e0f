//! Every arrangement of generated maps (issue 16): no two boxes overlap, every relation is one
//! arrow with exactly one head, at its conclusion, no two heads at one point, arrows and routed
//! cross-links never pass through a box, same map same drawing. And the shipped map fits a slide
//! and a window.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::layout::{self, CONCRETE, Layout, LayoutInput, Rect};
use argmap::model::{ArgumentMap, Arrangement, Topology};
use argmap::scene::{self, Item, Palette, Scene, Typesetter};
use proptest::prelude::*;
use std::collections::HashSet;

/// The layout and scene of a whole map in an arrangement.
fn draw(map: &ArgumentMap, arrangement: Arrangement, ts: &mut Typesetter) -> (Layout, Scene) {
    let topo = Topology::new(map);
    let prepared = scene::prepare(&topo, ts);
    let tags = scene::tag_widths(&topo, &prepared);
    let collapsed = HashSet::new();
    let input = LayoutInput::new(&topo, &prepared.sizes, &collapsed)
        .with_tags(&tags)
        .arranged(arrangement, 16.0 / 9.0);
    let l = layout::layout(&input);
    let s = scene::build(&topo, &l, &prepared, &Palette::LIGHT, None, None);
    (l, s)
}

/// A box shrunk by a pixel: lines may end on its edge, never cross its inside.
fn inside(r: &Rect) -> Rect {
    Rect { x: r.x + 1.0, y: r.y + 1.0, w: (r.w - 2.0).max(0.0), h: (r.h - 2.0).max(0.0) }
}

/// Whether the segment from `a` to `b` (horizontal, vertical or slanted) passes through `r`.
fn crosses(a: (f32, f32), b: (f32, f32), r: &Rect) -> bool {
    // Sampled finely enough for boxes of at least 40 units: a segment that enters a box has a
    // sample inside it.
    let steps = (((b.0 - a.0).abs() + (b.1 - a.1).abs()) / 4.0).ceil().max(1.0) as usize;
    (0..=steps).any(|i| {
        let t = i as f32 / steps as f32;
        r.contains(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
    })
}

/// Checks the properties of one drawing; returns how many arrows it checked.
fn check(map: &ArgumentMap, l: &Layout, s: &Scene, what: &str) -> usize {
    let topo = Topology::new(map);
    // No overlap: a sweep by left edge.
    let mut rects: Vec<Rect> = l.placed.iter().map(|p| p.rect).collect();
    rects.sort_by(|a, b| a.x.total_cmp(&b.x));
    for (i, a) in rects.iter().enumerate() {
        for b in rects[i + 1..].iter().take_while(|b| b.x < a.right()) {
            assert!(!a.overlaps(b), "{what}: {a:?} overlaps {b:?}");
        }
    }
    let boxes: Vec<Rect> = l.placed.iter().map(|p| inside(&p.rect)).collect();
    let mut heads: Vec<(f32, f32)> = Vec::new();
    let mut checked = 0;
    for (r, rel) in topo.relations.iter().enumerate() {
        let range = s.arrows[r].clone();
        let items = &s.items[range.start as usize..range.end as usize];
        let tips: Vec<(f32, f32)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Triangle { points, .. } => Some(points[0]),
                _ => None,
            })
            .collect();
        assert_eq!(tips.len(), 1, "{what}: relation {r} has {} heads", tips.len());
        let tip = tips[0];
        if rel.undercuts.is_none() {
            let c = l.rect_at(rel.conclusion).unwrap();
            let on_edge = (tip.0 >= c.x - 0.5 && tip.0 <= c.right() + 0.5)
                && (tip.1 >= c.y - 0.5 && tip.1 <= c.bottom() + 0.5)
                && ((tip.0 - c.x).abs() < 0.5
                    || (tip.0 - c.right()).abs() < 0.5
                    || (tip.1 - c.y).abs() < 0.5
                    || (tip.1 - c.bottom()).abs() < 0.5);
            assert!(
                on_edge,
                "{what}: the head of relation {r} at {tip:?} is not on its conclusion's edge {c:?}"
            );
        }
        for h in &heads {
            assert!((h.0 - tip.0).abs() + (h.1 - tip.1).abs() > 1.0, "{what}: two heads at {tip:?}");
        }
        heads.push(tip);
        // Its lines pass through no box.
        for item in items {
            let Item::Line { points, .. } = item else { continue };
            for w in points.windows(2) {
                if let Some(b) = boxes.iter().find(|b| crosses(w[0], w[1], b)) {
                    panic!("{what}: relation {r} passes through the box {b:?} ({:?} to {:?})", w[0], w[1]);
                }
            }
        }
        checked += 1;
    }
    assert_kinds_share_no_segment(&topo, s, what);
    assert_frames_cover_no_foreign_box(&topo, l, s, what);
    assert_every_frame_is_titled(s, what);
    checked
}

/// A group's frame (each of its parts, with the title's band) covers no box of a statement
/// outside the group, and every drawn member is inside a part.
fn assert_frames_cover_no_foreign_box(topo: &Topology<'_>, l: &Layout, s: &Scene, what: &str) {
    for frame in &s.frames {
        let h = argmap::scene::frames::LABEL_H;
        let _ = h;
        let band = frame.label.map(|(at, _)| argmap::scene::frames::tab(&at));
        for p in &l.placed {
            let member = topo.groups[p.position] == Some(frame.group);
            let covered = frame.parts.iter().chain(&band).any(|part| part.overlaps(&p.rect));
            assert!(member || !covered, "{what}: the frame of group {} covers {:?}", frame.group, p.rect);
            if member {
                let (x, y) = p.rect.center();
                assert!(
                    frame.parts.iter().any(|part| part.contains(x, y)),
                    "{what}: a member outside its frame"
                );
            }
        }
    }
}

/// Every frame carries its group's title (issue 31): the layout keeps room for it.
fn assert_every_frame_is_titled(s: &Scene, what: &str) {
    for frame in &s.frames {
        assert!(frame.label.is_some(), "{what}: the frame of group {} has no title", frame.group);
    }
}

/// No stretch of line is drawn by a support and an objection both (collinear overlapping
/// segments of the two kinds). Lines are 2 units wide: where two lines turn at nearly the same
/// corner they overlap by up to that much without running together.
fn assert_kinds_share_no_segment(topo: &Topology<'_>, s: &Scene, what: &str) {
    // (vertical?, the constant coordinate, from, to, support?)
    let mut segments: Vec<(bool, f32, f32, f32, bool)> = Vec::new();
    for (r, rel) in topo.relations.iter().enumerate() {
        let support = rel.kind == argmap::model::RelationKind::Support;
        let range = s.arrows[r].clone();
        for item in &s.items[range.start as usize..range.end as usize] {
            let Item::Line { points, .. } = item else { continue };
            for w in points.windows(2) {
                let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                if (x0 - x1).abs() < 0.01 {
                    segments.push((true, x0, y0.min(y1), y0.max(y1), support));
                } else if (y0 - y1).abs() < 0.01 {
                    segments.push((false, y0, x0.min(x1), x0.max(x1), support));
                }
            }
        }
    }
    segments.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
    for (i, a) in segments.iter().enumerate() {
        for b in segments[i + 1..].iter().take_while(|b| b.0 == a.0 && b.1 - a.1 < 0.5) {
            let overlap = a.3.min(b.3) - a.2.max(b.2);
            assert!(
                a.4 == b.4 || overlap <= 2.0,
                "{what}: a support and an objection share a segment at {a:?} / {b:?}"
            );
        }
    }
}

/// A generated map with what is hardest to draw added: cross-links (between any two
/// statements), undercuts (by new statements, and by statements that hang elsewhere), objection
/// cycles, titled relations, and groups (whole branches, and scattered statements).
fn hard_map(n: usize, seed: u64) -> ArgumentMap {
    use argmap::model::{Relation, RelationId, RelationKind, Statement, Target};
    let base = argmap::synth::generate(n, seed);
    let mut statements: Vec<Statement> = base.statements().cloned().collect();
    let mut relations: Vec<Relation> = base.relations().map(|(_, r)| r.clone()).collect();
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = |below: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % below.max(1)
    };
    let ids: Vec<String> = statements.iter().map(|s| s.id.to_string()).collect();
    let plain = relations.len();
    for k in 0..(n / 6).max(1) {
        let (a, b) = (next(ids.len()), next(ids.len()));
        if a != b {
            let kind = if k % 2 == 0 { RelationKind::Support } else { RelationKind::Objection };
            relations.push(Relation::single(kind, &ids[a], &ids[b]));
        }
        if k % 3 == 0 && plain > 0 {
            // An undercut of an ordinary relation, by a new statement or by one that hangs elsewhere.
            let target = Target::Relation(RelationId(next(plain) as u64));
            let by = if k % 2 == 0 {
                let id = format!("u{k}");
                statements.push(Statement::new(
                    id.as_str(),
                    "An undercut of an argument, to be drawn into its arrow.",
                ));
                id
            } else {
                ids[next(ids.len())].clone()
            };
            let mut r = Relation::new(RelationKind::Objection, vec![by.as_str().into()], target);
            r.label = (k % 4 == 0).then(|| "A titled undercut".to_owned());
            relations.push(r);
        }
        if k % 5 == 0 && a != b {
            relations.push(Relation::single(RelationKind::Objection, &ids[b], &ids[a]));
        }
    }
    // Trees of their own: two statements objecting to each other, a free claim with a reason.
    for (a, b, kind) in [
        ("c1", "c2", RelationKind::Objection),
        ("c2", "c1", RelationKind::Objection),
        ("f2", "f1", RelationKind::Support),
    ] {
        for id in [a, b] {
            if !statements.iter().any(|s| s.id.as_str() == id) {
                statements.push(Statement::new(id, "A statement in a tree of its own."));
            }
        }
        relations.push(Relation::single(kind, a, b));
        relations.push(Relation::single(RelationKind::Support, &ids[next(ids.len())], a));
    }
    // Drop what the model refuses (a premise twice, an undercut of itself): keep what validates.
    let mut kept: Vec<Relation> = Vec::new();
    for r in relations {
        let mut trial = kept.clone();
        trial.push(r.clone());
        if ArgumentMap::from_parts("t".into(), None, statements.clone(), trial).is_ok() {
            kept.push(r);
        }
    }
    let map = ArgumentMap::from_parts(format!("hard {n} {seed}"), None, statements, kept).unwrap();
    // Up to three groups: every third statement from a random start, in runs (a branch's
    // statements come together in file order) and scattered.
    let ids: Vec<argmap::model::StatementId> = map.statements().map(|s| s.id.clone()).collect();
    let mut groups = Vec::new();
    let mut taken = std::collections::HashSet::new();
    for g in 0..next(4) {
        let start = next(ids.len());
        let len = 1 + next(ids.len() / 3 + 1);
        let step = 1 + next(3);
        let members: Vec<_> = (0..len)
            .map(|k| ids[(start + k * step) % ids.len()].clone())
            .filter(|id| taken.insert(id.clone()))
            .collect();
        groups.push((argmap::model::Group::new(format!("g{g}"), format!("Group {g}")), members));
    }
    map.with_groups(groups).unwrap()
}

/// The outline's properties: boxes apart; at most 8 columns; a premise in its conclusion's
/// column below it and indented one step, or at the top of a later column; every drawn relation
/// drawn, its lines through no box; a head on its conclusion's bottom edge or at a column's top.
fn check_outline(map: &ArgumentMap, l: &Layout, s: &Scene, what: &str) {
    let topo = Topology::new(map);
    for (i, a) in l.placed.iter().enumerate() {
        for b in &l.placed[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{what}: {:?} overlaps {:?}", a.rect, b.rect);
        }
    }
    assert!((1..=8).contains(&l.columns.len()), "{what}: {} columns", l.columns.len());
    assert_frames_cover_no_foreign_box(&topo, l, s, what);
    assert_every_frame_is_titled(s, what);
    let column = |r: &Rect| l.columns.iter().rposition(|&x| x <= r.x + 0.5).unwrap();
    for p in &l.placed {
        let Some(parent) = p.parent else { continue };
        let c = l.placed[parent].rect;
        if column(&p.rect) == column(&c) {
            assert!(p.rect.y > c.bottom(), "{what}: a premise above its conclusion");
            assert!((p.rect.x - c.x - layout::outline::INDENT).abs() < 0.01, "{what}: not indented a step");
        } else {
            assert!(column(&p.rect) > column(&c), "{what}: a premise in a column before its conclusion's");
        }
    }
    let boxes: Vec<Rect> = l.placed.iter().map(|p| inside(&p.rect)).collect();
    for (r, rel) in topo.relations.iter().enumerate() {
        let range = s.arrows[r].clone();
        assert!(range.start < range.end, "{what}: relation {r} is not drawn");
        // An undercut whose premise hangs elsewhere, to an arrow inside a column, is drawn
        // straight to it (documented).
        let hangs = l.placed.iter().any(|p| p.via == Some(rel.id));
        if rel.undercuts.is_some() && !hangs {
            continue;
        }
        for item in &s.items[range.start as usize..range.end as usize] {
            let Item::Line { points, .. } = item else { continue };
            for w in points.windows(2) {
                if let Some(b) = boxes.iter().find(|b| crosses(w[0], w[1], b)) {
                    panic!("{what}: relation {r} passes through the box {b:?} ({:?} to {:?})", w[0], w[1]);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_arrangement_of_generated_maps_keeps_boxes_apart_and_arrows_followable(n in 2usize..120, seed in 0u64..1_000) {
        let map = hard_map(n, seed);
        let mut ts = Typesetter::new();
        for arrangement in CONCRETE {
            let (l, s) = draw(&map, arrangement, &mut ts);
            let what = format!("{arrangement:?}, {n} statements, seed {seed}");
            check(&map, &l, &s, &what);
            let (l2, s2) = draw(&map, arrangement, &mut ts);
            prop_assert!(l == l2 && s == s2, "{}: the same map gives the same drawing", what);
        }
    }

    #[test]
    fn the_outline_of_generated_maps_keeps_boxes_apart_and_every_arrow_clear_of_them(n in 2usize..120, seed in 0u64..1_000) {
        let map = hard_map(n, seed);
        let mut ts = Typesetter::new();
        let (l, s) = draw(&map, Arrangement::Outline, &mut ts);
        let what = format!("outline, {n} statements, seed {seed}");
        check_outline(&map, &l, &s, &what);
        let (l2, s2) = draw(&map, Arrangement::Outline, &mut ts);
        prop_assert!(l == l2 && s == s2, "{}: the same map gives the same drawing", what);
    }
}

#[test]
fn the_shipped_map_as_an_outline() {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let (l, s) = draw(&map, Arrangement::Outline, &mut Typesetter::new());
    check_outline(&map, &l, &s, "shipped outline");
    assert!(l.columns.len() >= 3, "{} columns for 16:9", l.columns.len());
}

#[test]
fn the_shipped_map_in_every_arrangement() {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let mut ts = Typesetter::new();
    for arrangement in CONCRETE {
        let (l, s) = draw(&map, arrangement, &mut ts);
        assert_eq!(check(&map, &l, &s, &format!("{arrangement:?}")), 25);
        assert_eq!(l.arrangement, arrangement);
    }
    // Automatic is one of them: for a slide, the two sides.
    let (l, _) = draw(&map, Arrangement::Automatic, &mut ts);
    assert_eq!(l.arrangement, Arrangement::TwoSides);
}

#[test]
fn two_sides_puts_the_claims_reasons_left_and_its_objections_right() {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let (l, _) = draw(&map, Arrangement::TwoSides, &mut Typesetter::new());
    let claim = l.rect(&map, "cooperate-with-transition").unwrap();
    for id in [
        "host-state-consent",
        "pragmatic-short-term",
        "win-favour",
        "months-of-protests",
        "no-own-counter-terrorism",
    ] {
        assert!(l.rect(&map, id).unwrap().right() < claim.x, "{id} is left of the claim");
    }
    for id in ["honest-broker", "precedent", "security-first-critique", "coup-of-18-august"] {
        assert!(l.rect(&map, id).unwrap().x > claim.right(), "{id} is right of the claim");
    }
}

#[test]
fn generated_maps_have_cross_links_and_undercuts_to_route() {
    // The property test above means something only if its maps have what is hard to draw.
    let map = hard_map(150, 1);
    let topo = Topology::new(&map);
    assert!(topo.relations.iter().any(|r| r.undercuts.is_some()), "undercuts");
    for arrangement in CONCRETE {
        let (l, s) = draw(&map, arrangement, &mut Typesetter::new());
        assert!(!s.cross_links.is_empty(), "{arrangement:?}: cross-links");
        assert!(l.placed.iter().filter(|p| p.parent.is_none()).count() > 1, "more than one tree");
    }
}

#[test]
fn the_shipped_maps_export_fits_a_1920_by_1080_slide_at_085_or_more() {
    // The whole picture (map, legend, question and citation) as `argmap export` makes it.
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let options = argmap::render::ExportOptions::default();
    let picture =
        argmap::render::picture(&map, &mut Typesetter::new(), &options, &Default::default()).unwrap();
    let (w, h) = (picture.frame.w, picture.frame.h);
    let scale = (1920.0 / w).min(1080.0 / h);
    assert!(scale >= 0.85, "{w} x {h} fits 1920 x 1080 at {scale:.3}");
    // Top down, as before this arrangement existed, it would not.
    let top_down = argmap::render::ExportOptions { arrangement: Some(Arrangement::TopDown), ..options };
    let old = argmap::render::picture(&map, &mut Typesetter::new(), &top_down, &Default::default()).unwrap();
    assert!((1920.0 / old.frame.w).min(1080.0 / old.frame.h) < 0.5);
}
