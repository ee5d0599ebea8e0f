//! Keeps the kinds of arrows apart: where a routed arrow (a cross-link or an undercut from
//! elsewhere) runs along a stretch of an arrow of the other kind, its stretch is moved aside by
//! a few units, so no support ever shares a line with an objection.

use super::{Item, Scene};
use crate::layout::Rect;
use crate::model::{RelationKind, Topology};

/// How far apart two parallel stretches must be to read as two lines.
const APART: f32 = 1.5;
/// How far a stretch is moved aside.
const STEP: f32 = 3.0;
/// Rounds of moving (a moved stretch may meet another).
const ROUNDS: usize = 8;

/// A straight stretch of an arrow: its item and first point, whether it is vertical, where it
/// is across, its extent along, and whether it is a support.
#[derive(Clone, Copy)]
struct Stretch {
    item: usize,
    at: usize,
    vertical: bool,
    across: f32,
    from: f32,
    to: f32,
    support: bool,
    /// Where its arrowhead points, if it is the last stretch of an arrow.
    tip: Option<(f32, f32)>,
}

/// Moves the routed arrows' stretches (items from `movable` on) off the stretches of arrows of
/// the other kind. The tree's own arrows never move: their stretches are sorted once, and each
/// routed stretch looks up its neighbours among them by binary search.
pub(super) fn nudge(scene: &mut Scene, topo: &Topology<'_>, boxes: &[Rect], movable: usize) {
    let by_place = |a: &Stretch, b: &Stretch| a.vertical.cmp(&b.vertical).then(a.across.total_cmp(&b.across));
    // The routed arrows: those with items from `movable` on (walked again each round, alone).
    let routed: Vec<usize> =
        (0..scene.arrows.len()).filter(|&r| scene.arrows[r].end as usize > movable).collect();
    let mut moving = collect(scene, topo, routed.iter().copied(), |item| item >= movable, |_| true);
    if moving.is_empty() {
        return;
    }
    moving.sort_unstable_by(by_place);
    // Of the tree's stretches, only those a routed one could come near (moved as far as it can
    // go in all rounds) matter.
    let reach = APART + STEP * 4.0 * ROUNDS as f32;
    let cell = |vertical: bool, across: f32| (vertical, (across / reach).floor() as i64);
    let mut near_routes: Vec<(bool, i64)> = moving
        .iter()
        .flat_map(|m| {
            let (v, c) = cell(m.vertical, m.across);
            [(v, c - 1), (v, c), (v, c + 1)]
        })
        .collect();
    near_routes.sort_unstable();
    near_routes.dedup();
    let by_routes = |f: &Stretch| near_routes.binary_search(&cell(f.vertical, f.across)).is_ok();
    let mut fixed: Vec<Stretch> =
        collect(scene, topo, 0..scene.arrows.len(), |item| item < movable, by_routes);
    fixed.sort_unstable_by(by_place);
    let mut fixed_tips: Vec<(f32, f32)> = collect_tips(scene, movable);
    fixed_tips.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut boxes: Vec<Rect> = boxes.to_vec();
    boxes.sort_unstable_by(|a, b| a.x.total_cmp(&b.x));
    let widest = boxes.iter().fold(0f32, |w, b| w.max(b.w));
    let space = Space { fixed: &fixed, boxes: &boxes, widest };
    // After the first round only what moved, and what it moved away from, can meet anew.
    let mut recheck: Option<std::collections::HashSet<(usize, usize)>> = None;
    for round in 0..ROUNDS {
        if round > 0 {
            moving = collect(scene, topo, routed.iter().copied(), |item| item >= movable, |_| true);
            moving.sort_unstable_by(by_place);
        }
        let mut tips: Vec<(f32, f32)> = moving.iter().filter_map(|s| s.tip).collect();
        tips.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let tip_near = |t: (f32, f32)| {
            [&fixed_tips, &tips].into_iter().any(|list| {
                let lo = list.partition_point(|o| o.0 <= t.0 - APART);
                list[lo..].iter().take_while(|o| o.0 < t.0 + APART).any(|&o| near(t, o))
            })
        };
        let mut moves: Vec<(Stretch, f32)> = Vec::new();
        let mut moved: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
        for m in &moving {
            let skip = recheck.as_ref().is_some_and(|r| !r.contains(&(m.item, m.at)));
            if skip || moved.contains(&(m.item, m.at)) {
                continue;
            }
            let others = |by: f32| around(&moving, m, by).filter(move |o| o.item != m.item || o.at != m.at);
            let Some(other) = space.near(m).chain(others(0.0)).find(|o| runs_along(m, o)) else { continue };
            let away = if m.across >= other.across { STEP } else { -STEP };
            let free = |by: f32| {
                space.clear(m, by)
                    && !space.near_moved(m, by).chain(others(by)).any(|o| meets(m, by, o))
                    && !m.tip.is_some_and(|t| tip_near(moved_tip(m, t, by)))
            };
            // Nearest first, away from the other line first: a step, then half-steps further out.
            let tries = (1..=8).flat_map(|k| {
                let d = away * k as f32 / 2.0;
                [d, -d]
            });
            if let Some(by) = tries.into_iter().find(|&by| free(by)) {
                moves.push((*m, by));
                // The other line stays this round (both moving the same way would meet again).
                moved.extend([(m.item, m.at), (other.item, other.at)]);
            }
        }
        if moves.is_empty() {
            return;
        }
        recheck = Some(moved);
        for (s, by) in moves {
            shift(scene, s, by);
        }
    }
}

/// What a routed stretch must keep clear of: the tree's stretches (sorted by place) and the
/// boxes (sorted by left edge; `widest` bounds how far back one can reach).
struct Space<'a> {
    fixed: &'a [Stretch],
    boxes: &'a [Rect],
    widest: f32,
}

/// The tips of the arrowheads of the items before `movable` (the tree's own arrows).
fn collect_tips(scene: &Scene, movable: usize) -> Vec<(f32, f32)> {
    scene.items[..movable.min(scene.items.len())]
        .iter()
        .filter_map(|i| match i {
            Item::Triangle { points, .. } => Some(points[0]),
            _ => None,
        })
        .collect()
}

/// The stretches of `sorted` (by place) parallel to `s` and within [`APART`] of it across, once
/// it is moved by `by`.
fn around<'s>(sorted: &'s [Stretch], s: &Stretch, by: f32) -> impl Iterator<Item = &'s Stretch> + 's {
    let (vertical, across) = (s.vertical, s.across + by);
    let lo = sorted.partition_point(|f| (f.vertical, f.across) < (vertical, across - APART));
    sorted[lo..].iter().take_while(move |f| f.vertical == vertical && f.across < across + APART)
}

impl Space<'_> {
    /// The tree's stretches near `s` once it is moved by `by` (see [`around`]).
    fn near_moved<'s>(&'s self, s: &Stretch, by: f32) -> impl Iterator<Item = &'s Stretch> + 's {
        around(self.fixed, s, by)
    }

    /// The tree's stretches near `s` where it is.
    fn near<'s>(&'s self, s: &Stretch) -> impl Iterator<Item = &'s Stretch> + 's {
        self.near_moved(s, 0.0)
    }

    /// Whether `s`, moved across by `by`, stays out of every box.
    fn clear(&self, s: &Stretch, by: f32) -> bool {
        let (x0, x1) = if s.vertical { (s.across + by, s.across + by) } else { (s.from, s.to) };
        let hi = self.boxes.partition_point(|b| b.x <= x1);
        self.boxes[..hi].iter().rev().take_while(|b| b.x >= x0 - self.widest).all(|b| clear(s, by, b))
    }
}

/// Whether `m` runs along `o`: parallel, close, of the other kind, and overlapping for more than
/// two units (lines are two units wide: less is where two lines meet at a corner).
fn runs_along(m: &Stretch, o: &Stretch) -> bool {
    o.vertical == m.vertical
        && o.support != m.support
        && (o.across - m.across).abs() < APART
        && m.to.min(o.to) - m.from.max(o.from) > 2.0
}

/// Where the tip `t` of stretch `s` goes when it moves across by `by`.
fn moved_tip(s: &Stretch, t: (f32, f32), by: f32) -> (f32, f32) {
    if s.vertical { (t.0 + by, t.1) } else { (t.0, t.1 + by) }
}

/// Whether two arrowheads would (almost) coincide.
fn near(a: (f32, f32), b: (f32, f32)) -> bool {
    (a.0 - b.0).abs() < APART && (a.1 - b.1).abs() < APART
}

/// Whether stretch `s`, moved across by `by`, would run along `o`, a stretch of the other kind.
fn meets(s: &Stretch, by: f32, o: &Stretch) -> bool {
    runs_along(&Stretch { across: s.across + by, ..*s }, o)
}

/// Whether stretch `s`, moved across by `by`, stays out of box `r` (by half a unit; its ends
/// may touch it).
fn clear(s: &Stretch, by: f32, r: &Rect) -> bool {
    let across = s.across + by;
    let (lo, hi, a0, a1) =
        if s.vertical { (r.y, r.y + r.h, r.x, r.x + r.w) } else { (r.x, r.x + r.w, r.y, r.y + r.h) };
    across <= a0 - 0.5 || across >= a1 + 0.5 || s.to <= lo + 1.0 || s.from >= hi - 1.0
}

/// The stretches of the lines of the arrows of `relations` whose items `take` picks, with their
/// kind, those `keep` keeps.
fn collect(
    scene: &Scene,
    topo: &Topology<'_>,
    relations: impl Iterator<Item = usize>,
    take: impl Fn(usize) -> bool,
    keep: impl Fn(&Stretch) -> bool,
) -> Vec<Stretch> {
    let mut out = Vec::new();
    for r in relations {
        let Some(range) = scene.arrows.get(r) else { continue };
        let support = topo.relations.get(r).is_some_and(|rel| rel.kind == RelationKind::Support);
        for item in (range.start as usize..range.end as usize).filter(|&i| take(i)) {
            let Some(Item::Line { points, .. }) = scene.items.get(item) else { continue };
            let tip = match scene.items.get(item + 1) {
                Some(Item::Triangle { points, .. }) => Some(points[0]),
                _ => None,
            };
            let last = points.len().saturating_sub(2);
            for (at, w) in points.windows(2).enumerate() {
                let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                let (vertical, across, a, b) = if (x0 - x1).abs() < 0.01 {
                    (true, x0, y0, y1)
                } else if (y0 - y1).abs() < 0.01 {
                    (false, y0, x0, x1)
                } else {
                    continue;
                };
                let tip = tip.filter(|_| at == last);
                let stretch =
                    Stretch { item, at, vertical, across, from: a.min(b), to: a.max(b), support, tip };
                if keep(&stretch) {
                    out.push(stretch);
                }
            }
        }
    }
    out
}

/// Moves stretch `s` across by `by`; the arrowhead after a line's last stretch moves with it.
fn shift(scene: &mut Scene, s: Stretch, by: f32) {
    let (dx, dy) = if s.vertical { (by, 0.0) } else { (0.0, by) };
    let last = match scene.items.get_mut(s.item) {
        Some(Item::Line { points, .. }) => {
            for p in points.iter_mut().skip(s.at).take(2) {
                *p = (p.0 + dx, p.1 + dy);
            }
            s.at + 2 == points.len()
        }
        _ => false,
    };
    if last && let Some(Item::Triangle { points, .. }) = scene.items.get_mut(s.item + 1) {
        for p in points.iter_mut() {
            *p = (p.0 + dx, p.1 + dy);
        }
    }
}
