//! The relations' arrows: each relation its own arrow into its conclusion.
//!
//! A relation whose premises hang under its conclusion (a tree arrow) leaves its premise, or the
//! bracket joining its co-premises, runs across the gap between conclusion and premises at a
//! depth of its own (its lane), and enters the conclusion with its head at a point of its own:
//! the heads are spread along the conclusion's edge in the order of their premises, and lanes are
//! nested (an outer premise's arrow runs nearer the conclusion), so the arrows into one statement
//! never cross or share a segment. An undercut meets the run (or the first leg) of the arrow it
//! objects to. A cross-link (a relation whose premise hangs elsewhere) follows a route around the
//! boxes ([`crate::layout::route`]). Support arrows are solid, objections dashed, everywhere.

use super::{BRACKET_RISE, HEAD, Item, PAD, Palette, Points, Prepared, Rgba, Scene};
use crate::layout::route::{self, Aim, Lane};
use crate::layout::{Layout, Rect, Side};
use crate::model::{RelationKind, Role, Topology};
use std::collections::BTreeMap;

/// What the arrows are drawn from.
pub(super) struct Context<'a> {
    pub topo: &'a Topology<'a>,
    pub layout: &'a Layout,
    pub prepared: &'a Prepared,
    pub palette: &'a Palette,
    /// Whether each statement (by file position) is drawn.
    pub drawn: &'a [bool],
}

/// A drawn tree arrow, for the undercuts that meet it: the side its premises are on, where its
/// first leg is across, and the block of its conclusion's premises it runs in.
#[derive(Clone, Copy, Debug)]
struct TreeArrow {
    side: Side,
    start: f32,
    end: f32,
    lane: f32,
    /// For a cross-link: where across its last leg is (an undercut comes in from beside it, at
    /// `start`, at the depth `lane`).
    beside: Option<f32>,
    conclusion: usize,
    group: usize,
}

/// One arrow into a conclusion's edge: its relation, the breadth its premises are at (the order
/// of the heads), and whether it is a tree arrow.
#[derive(Clone, Copy)]
struct Entry {
    relation: usize,
    key: f32,
    tree: bool,
}

/// Where each drawn relation's arrow starts and its colour, for tags.
pub(super) type Starts = Vec<Option<(Side, (f32, f32), Rgba)>>;

/// A point of the map.
type Point = (f32, f32);

impl Context<'_> {
    /// The place in the layout of the statement at file position `s`, if placed.
    pub(super) fn slot_of(&self, s: usize) -> Option<usize> {
        self.slot(s)
    }

    /// The box placed at `slot`.
    pub(super) fn rect_of(&self, slot: usize) -> Rect {
        self.rect(slot)
    }

    fn slot(&self, s: usize) -> Option<usize> {
        self.layout.by_position.get(s).copied().flatten()
    }

    fn rect(&self, slot: usize) -> Rect {
        self.layout.placed[slot].rect
    }

    pub(super) fn color(&self, r: usize) -> Rgba {
        let rel = &self.topo.relations[r];
        let first = rel.premises.iter().find(|&&p| self.drawn[p]);
        let role = first.and_then(|&p| self.prepared.roles.get(p).copied()).unwrap_or(Role::Claim);
        self.palette.role(role).stroke
    }

    pub(super) fn shows(&self, r: usize) -> bool {
        let rel = &self.topo.relations[r];
        self.drawn.get(rel.conclusion).copied().unwrap_or(false)
            && rel.premises.iter().any(|&p| self.drawn[p])
    }

    /// The slots of the drawn premises of relation `r` that hang by it under `parent`.
    fn hanging(&self, r: usize, parent: Option<usize>) -> smallvec::SmallVec<[usize; 4]> {
        let rel = &self.topo.relations[r];
        rel.premises
            .iter()
            .filter(|&&p| self.drawn[p])
            .filter_map(|&p| self.slot(p))
            .filter(|&s| {
                let placed = &self.layout.placed[s];
                placed.via == Some(rel.id) && (parent.is_none() || placed.parent == parent)
            })
            .collect()
    }
}

/// Draws every shown relation's arrow into `scene.items`, recording each relation's items in
/// `scene.arrows`; returns where each starts, for the tags. (The outline arrangement's arrows
/// are drawn by [`super::outline::push`] instead.)
pub(super) fn push(scene: &mut Scene, cx: &Context<'_>) -> Starts {
    let n = cx.topo.relations.len();
    scene.arrows.clear();
    scene.arrows.resize(n, 0..0);
    let mut starts: Starts = vec![None; n];
    let mut runs: Vec<Option<TreeArrow>> = vec![None; n];
    let mut anchors: Vec<Option<(f32, f32)>> = vec![None; n];
    // Every arrow into each conclusion's block, in the order of its premises.
    let mut entries: Vec<((usize, usize), Entry)> = Vec::with_capacity(cx.topo.relations.len());
    for (r, rel) in cx.topo.relations.iter().enumerate() {
        if rel.undercuts.is_some() || !cx.shows(r) {
            continue;
        }
        let Some(to) = cx.slot(rel.conclusion) else { continue };
        let tree = cx.hanging(r, Some(to));
        let (group, from, tree) = match tree.first() {
            Some(&first) => (cx.layout.group(first), first, true),
            None => {
                let Some(from) = rel.premises.iter().filter(|&&p| cx.drawn[p]).find_map(|&p| cx.slot(p))
                else {
                    continue;
                };
                (route::entry(cx.layout, from, to), from, false)
            }
        };
        let side = cx.layout.group_side(group);
        let key = side.coords(cx.rect(from).center()).0;
        entries.push(((to, group), Entry { relation: r, key, tree }));
    }
    // By block, then in the order of their premises across.
    entries.sort_unstable_by(|(a, x), (b, y)| {
        a.cmp(b).then(x.key.total_cmp(&y.key)).then(x.relation.cmp(&y.relation))
    });
    let mut lanes_used: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut crossing: Vec<(usize, usize, f32, Side)> = Vec::new(); // (relation, conclusion, end, side)
    for block in entries.chunk_by(|a, b| a.0 == b.0) {
        let (to, group) = block[0].0;
        let list: Vec<Entry> = block.iter().map(|(_, e)| *e).collect();
        let side = cx.layout.group_side(group);
        let (lo, hi, _, far) = side.extent(&cx.rect(to));
        let inset = PAD.min((hi - lo) / 4.0);
        let mut ends: Vec<f32> = (0..list.len())
            .map(|i| lo + inset + (hi - lo - 2.0 * inset) * (i as f32 + 1.0) / (list.len() as f32 + 1.0))
            .collect();
        clear_of_first_legs(cx, &mut ends, to, group);
        let lanes = lanes(cx, &list, &ends, to, side);
        let taken = list.iter().zip(&lanes).filter(|(e, _)| e.tree).map(|(_, &k)| k + 1).max().unwrap_or(0);
        lanes_used.insert((to, group), taken);
        for (i, e) in list.iter().enumerate() {
            if !e.tree {
                // Beside its last leg, half-way to the next head: where an undercut meets it.
                let half = (hi - lo - 2.0 * inset) / (list.len() as f32 + 1.0) / 2.0;
                let by = if ends[i] + half < hi - inset { ends[i] + half } else { ends[i] - half };
                let lane = far + crate::layout::HEAD_ROOM - 2.0;
                runs[e.relation] = Some(TreeArrow {
                    side,
                    start: by,
                    end: by,
                    lane,
                    conclusion: to,
                    group,
                    beside: Some(ends[i]),
                });
                crossing.push((e.relation, to, ends[i], side));
                continue;
            }
            let first = scene.items.len() as u32;
            let color = cx.color(e.relation);
            let dashed = cx.topo.relations[e.relation].kind == RelationKind::Objection;
            let premises = cx.hanging(e.relation, Some(to));
            let (start, near) = bracket(&mut scene.items, cx, &premises, side, color);
            let lane = cx.layout.lane(to, group, lanes[i]);
            let points = [(start, near), (start, lane), (ends[i], lane), (ends[i], far)];
            push_arrow(&mut scene.items, side, &points, color, dashed);
            runs[e.relation] =
                Some(TreeArrow { side, start, end: ends[i], lane, conclusion: to, group, beside: None });
            anchors[e.relation] = Some(side.point((start + ends[i]) / 2.0, lane));
            starts[e.relation] = Some((side, side.point(start, near), color));
            scene.arrows[e.relation] = first..scene.items.len() as u32;
        }
    }
    // Cross-links after the tree's arrows, all together (the canvas fades them far out).
    let cross_start = scene.items.len() as u32;
    for (n, (r, to, end, side)) in crossing.into_iter().enumerate() {
        let first = scene.items.len() as u32;
        let color = cx.color(r);
        let dashed = cx.topo.relations[r].kind == RelationKind::Objection;
        let from = cx.topo.relations[r].premises.iter().filter(|&&p| cx.drawn[p]).find_map(|&p| cx.slot(p));
        let aim =
            from.map(|f| Aim { slot: to, group: route::entry(cx.layout, f, to), breadth: end, depth: None });
        let (points, start) = cross(cx, r, aim, Lane::new(n, !dashed));
        if let Some(start) = start {
            push_polyline(&mut scene.items, &points, color, dashed);
            anchors[r] = middle(&points);
            starts[r] = Some((side, start, color));
        }
        scene.arrows[r] = first..scene.items.len() as u32;
    }
    scene.cross_links = cross_start..scene.items.len() as u32;
    undercuts(scene, cx, (&runs, &anchors), lanes_used, &mut starts);
    let boxes: Vec<Rect> = (0..cx.layout.placed.len()).map(|s| cx.rect(s)).collect();
    super::nudge::nudge(scene, cx.topo, &boxes, cross_start as usize);
    starts
}

/// Moves a head aside (by a few units) where its last leg would run along the first leg of an
/// arrow from one of the conclusion's premises: a premise's middle (or a bracket's) exactly
/// where a head is spread to.
fn clear_of_first_legs(cx: &Context<'_>, ends: &mut [f32], to: usize, group: usize) {
    let side = cx.layout.group_side(group);
    let kids: Vec<usize> =
        cx.layout.children(to).iter().copied().filter(|&c| cx.layout.group(c) == group).collect();
    let center = |c: usize| side.coords(cx.rect(c).center()).0;
    let mut legs: Vec<f32> = kids.iter().map(|&c| center(c)).collect();
    // Brackets: the first leg of co-premises leaves from between them.
    for w in kids.windows(2) {
        if cx.layout.placed[w[0]].via == cx.layout.placed[w[1]].via {
            legs.push((center(w[0]) + center(w[1])) / 2.0);
        }
    }
    for e in ends.iter_mut() {
        if legs.iter().any(|&p| (p - *e).abs() < 1.5) {
            *e += 3.0;
        }
    }
}

/// The lane of each tree arrow into one block of a conclusion (cross-links get none): arrows
/// from the lower side of their head nested outermost-nearest, the same from the higher side;
/// a straight one counts with the lower side.
fn lanes(cx: &Context<'_>, list: &[Entry], ends: &[f32], to: usize, side: Side) -> Vec<usize> {
    let mut lanes = vec![0usize; list.len()];
    let starts: Vec<f32> = list
        .iter()
        .map(|e| {
            let premises = cx.hanging(e.relation, Some(to));
            let (a, b) = premises.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &s| {
                let c = side.coords(cx.rect(s).center()).0;
                (a.min(c), b.max(c))
            });
            (a + b) / 2.0
        })
        .collect();
    let mut low: Vec<usize> =
        (0..list.len()).filter(|&i| list[i].tree && starts[i] <= ends[i] + 0.5).collect();
    let mut high: Vec<usize> =
        (0..list.len()).filter(|&i| list[i].tree && starts[i] > ends[i] + 0.5).collect();
    low.sort_by(|&a, &b| starts[a].total_cmp(&starts[b]));
    high.sort_by(|&a, &b| starts[b].total_cmp(&starts[a]));
    for (k, &i) in low.iter().enumerate().chain(high.iter().enumerate()) {
        lanes[i] = k;
    }
    lanes
}

/// The start of an arrow from `premises` (slots, all hanging on `side`): the middle of a
/// single premise's near edge, or of the bracket joining co-premises, which it draws. Returns
/// the start's breadth and depth.
fn bracket(
    items: &mut Vec<Item>,
    cx: &Context<'_>,
    premises: &[usize],
    side: Side,
    color: Rgba,
) -> (f32, f32) {
    let near = premises.iter().map(|&s| side.extent(&cx.rect(s)).2).fold(f32::INFINITY, f32::min);
    let centers: Vec<f32> = premises.iter().map(|&s| side.coords(cx.rect(s).center()).0).collect();
    let (lo, hi) = centers.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &c| (a.min(c), b.max(c)));
    if premises.len() < 2 {
        return (lo, near);
    }
    let top = near - BRACKET_RISE;
    for &c in &centers {
        line(items, [side.point(c, near), side.point(c, top)], color, false);
    }
    line(items, [side.point(lo, top), side.point(hi, top)], color, false);
    ((lo + hi) / 2.0, top)
}

fn line(items: &mut Vec<Item>, [a, b]: [(f32, f32); 2], color: Rgba, dashed: bool) {
    items.push(Item::Line { points: smallvec::smallvec![a, b], color, width: 2.0, dashed });
}

/// An arrow along `points` (breadth, depth on `side`), its head at the last point.
fn push_arrow(items: &mut Vec<Item>, side: Side, points: &[(f32, f32)], color: Rgba, dashed: bool) {
    let global: Vec<(f32, f32)> = points.iter().map(|&(b, d)| side.point(b, d)).collect();
    push_polyline(items, &global, color, dashed);
}

/// A polyline without a head.
pub(super) fn line_points(items: &mut Vec<Item>, points: &[(f32, f32)], color: Rgba, dashed: bool) {
    items.push(Item::Line { points: Points::from_slice(points), color, width: 2.0, dashed });
}

/// A polyline with an arrowhead at its last point, pointing along its last segment.
pub(super) fn push_polyline(items: &mut Vec<Item>, points: &[(f32, f32)], color: Rgba, dashed: bool) {
    // Each point but one (nearly) where the last kept one is, in one pass.
    let mut pts = Points::new();
    for &p in points {
        let same = |a: &(f32, f32)| (a.0 - p.0).abs() < 0.01 && (a.1 - p.1).abs() < 0.01;
        if !pts.last().is_some_and(same) {
            pts.push(p);
        }
    }
    let (Some(&end), Some(&before)) = (pts.last(), pts.len().checked_sub(2).and_then(|i| pts.get(i))) else {
        return;
    };
    let (dx, dy) = (end.0 - before.0, end.1 - before.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let head = HEAD.min(len);
    let (ux, uy) = (dx / len, dy / len);
    let base = (end.0 - ux * head, end.1 - uy * head);
    if let Some(last) = pts.last_mut() {
        *last = base;
    }
    let half = HEAD * 0.45;
    let (px, py) = (-uy * half, ux * half);
    items.push(Item::Line { points: pts, color, width: 2.0, dashed });
    items.push(Item::Triangle {
        points: [end, (base.0 + px, base.1 + py), (base.0 - px, base.1 - py)],
        color,
    });
}

/// The middle of a polyline's middle segment.
fn middle(points: &[(f32, f32)]) -> Option<(f32, f32)> {
    let i = points.len().checked_sub(1)? / 2;
    let (a, b) = (points.get(i)?, points.get(i + 1).unwrap_or(points.get(i)?));
    Some(((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
}

/// A cross-link's route from relation `r`'s first drawn premise to `aim` (see
/// [`route::route`]); a straight arrow where no route is made. Returns the points and where it
/// starts.
fn cross(cx: &Context<'_>, r: usize, aim: Option<Aim>, lane: Lane) -> (Vec<Point>, Option<Point>) {
    let rel = &cx.topo.relations[r];
    let from = rel.premises.iter().filter(|&&p| cx.drawn[p]).find_map(|&p| cx.slot(p));
    let (Some(from), Some(aim)) = (from, aim) else { return (Vec::new(), None) };
    let points = route::route(cx.layout, from, aim, lane).unwrap_or_else(|| {
        let side = cx.layout.group_side(aim.group);
        let depth = aim.depth.unwrap_or(side.extent(&cx.rect(aim.slot)).3);
        vec![cx.rect(from).center(), side.point(aim.breadth, depth)]
    });
    let start = points.first().copied();
    (points, start)
}

/// The undercuts: each meets the arrow it objects to. Beside that arrow's premises, along a lane
/// of its own to the arrow's first leg; elsewhere, straight to the middle of the arrow.
fn undercuts(
    scene: &mut Scene,
    cx: &Context<'_>,
    (runs, anchors): (&[Option<TreeArrow>], &[Option<Point>]),
    mut used: BTreeMap<(usize, usize), usize>,
    starts: &mut Starts,
) {
    // Undercuts beside each run, farthest from its first leg first (they take the nearer lanes).
    let mut beside: BTreeMap<usize, Vec<(usize, f32)>> = BTreeMap::new();
    let mut routed: BTreeMap<usize, usize> = BTreeMap::new(); // undercuts routed to each target
    for (u, rel) in cx.topo.relations.iter().enumerate() {
        let Some(t) = rel.undercuts else { continue };
        if !cx.shows(u) || anchors.get(t).copied().flatten().is_none() {
            continue;
        }
        let start = runs[t].filter(|run| run.beside.is_none()).and_then(|run| {
            let premises = cx.hanging(u, Some(run.conclusion));
            (!premises.is_empty()).then(|| {
                premises.iter().map(|&s| run.side.coords(cx.rect(s).center()).0).sum::<f32>()
                    / premises.len() as f32
            })
        });
        match start {
            Some(b) => beside.entry(t).or_default().push((u, b)),
            None => {
                let k = routed.entry(t).or_default();
                straight_undercut(scene, cx, u, (runs[t], anchors[t], *k), starts);
                *k += 1;
            }
        }
    }
    // Lanes after those of the arrows into the same block (`used`).
    for (t, mut list) in beside {
        let Some(run) = runs[t] else { continue };
        list.sort_by(|a, b| (b.1 - run.start).abs().total_cmp(&(a.1 - run.start).abs()));
        for (u, _) in list {
            let first = scene.items.len() as u32;
            let color = cx.color(u);
            let premises = cx.hanging(u, Some(run.conclusion));
            let (start, near) = bracket(&mut scene.items, cx, &premises, run.side, color);
            // Along a lane of its own (between the arrows' lanes and the premises) to the first
            // leg of the arrow it objects to, so it meets that arrow, not the conclusion.
            let k = used.entry((run.conclusion, run.group)).or_default();
            let lane = cx.layout.lane(run.conclusion, run.group, *k);
            *k += 1;
            let points = [(start, near), (start, lane), (run.start, lane)];
            push_arrow(&mut scene.items, run.side, &points, color, true);
            starts[u] = Some((run.side, run.side.point(start, near), color));
            scene.arrows[u] = first..scene.items.len() as u32;
        }
    }
}

/// The `k`-th undercut whose premise hangs elsewhere of one arrow: routed like a cross-link to
/// the run of the arrow it objects to (each such undercut to a point of its own along it), or,
/// where that arrow is itself a cross-link, straight to its middle.
fn straight_undercut(
    scene: &mut Scene,
    cx: &Context<'_>,
    u: usize,
    (run, anchor, k): (Option<TreeArrow>, Option<Point>, usize),
    starts: &mut Starts,
) {
    let rel = &cx.topo.relations[u];
    let (Some(anchor), Some(from)) =
        (anchor, rel.premises.iter().filter(|&&p| cx.drawn[p]).find_map(|&p| cx.slot(p)))
    else {
        return;
    };
    let first = scene.items.len() as u32;
    let color = cx.color(u);
    let points = match run {
        Some(run) if run.beside.is_some() => {
            // A cross-link: from beside its last leg, each undercut at a depth of its own between
            // the lanes of the tree's arrows.
            let depth = run.lane + crate::layout::LANE * k as f32;
            let aim = Aim { slot: run.conclusion, group: run.group, breadth: run.start, depth: Some(depth) };
            let mut points = cross(cx, u, Some(aim), Lane::new(u, false)).0;
            points.push(run.side.point(run.beside.unwrap_or(run.start), depth));
            points
        }
        Some(run) => {
            // Along the run, each to a point of its own; on a straight arrow (no run), along its
            // first leg.
            if (run.end - run.start).abs() > 24.0 {
                let t = 0.35 + 0.3 * (1.0 - 0.6f32.powi(k as i32));
                let breadth = run.start + (run.end - run.start) * t;
                let aim = Aim { slot: run.conclusion, group: run.group, breadth, depth: Some(run.lane) };
                cross(cx, u, Some(aim), Lane::new(u, false)).0
            } else {
                // A first leg with (almost) no run: meet it from beside, away from its jog, so
                // the undercut never runs along it.
                let depth = run.lane + 4.0 * (k as f32 + 1.0);
                let away = if run.end >= run.start { -1.0 } else { 1.0 };
                let breadth = run.start + away * (8.0 + crate::layout::LANE * k as f32);
                let aim = Aim { slot: run.conclusion, group: run.group, breadth, depth: Some(depth) };
                let mut points = cross(cx, u, Some(aim), Lane::new(u, false)).0;
                points.push(run.side.point(run.start, depth));
                points
            }
        }
        None => vec![cx.rect(from).center(), anchor],
    };
    push_polyline(&mut scene.items, &points, color, true);
    let start = points.first().copied().unwrap_or(anchor);
    starts[u] = Some((cx.layout.placed[from].side, start, color));
    scene.arrows[u] = first..scene.items.len() as u32;
}
