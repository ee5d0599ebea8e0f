//! Cross-links routed around the boxes. A cross-link is a relation whose premise hangs under
//! another statement (its first relation's conclusion), so the tree does not put it next to its
//! conclusion. Its route runs orthogonally through the space the tidy tree leaves free: up from
//! the premise through the gap above each of its ancestors' columns (each subtree owns a column,
//! and nothing of other subtrees lies in the gap between two columns), along the gap between the
//! nearest common ancestor and its premises, and down the same way into the conclusion's gap,
//! ending in an arrowhead on the conclusion's edge. Routes never pass through a box of an
//! unpinned layout; pinned boxes can stand in the way.
//!
//! A route climbs at most [`MAX_LEVELS`] levels; a longer one is not made (the caller draws a
//! straight arrow), so no map makes routing slower than linear in the number of cross-links.

use super::{Arrangement, Layout, Side, TREE_GAP};

/// How many levels a route may climb from each end.
pub const MAX_LEVELS: usize = 64;

/// A cross-link's own place in the gaps it runs through, so two routes rarely share a segment and
/// a support and an objection never do: supports run on one half of a gap, objections on the
/// other.
#[derive(Clone, Copy, Debug)]
pub struct Lane {
    /// Where across a gap between columns (0: at its lower edge, 1: at its upper edge).
    across: f32,
    /// How far from the premises' edge a route runs along a gap between a statement and its
    /// premises.
    along: f32,
}

impl Lane {
    /// The lane of the `n`-th cross-link, by its kind.
    pub fn new(n: usize, support: bool) -> Self {
        let k = (n % 3) as f32;
        if support {
            Self { across: 0.56 + 0.12 * k, along: 4.0 + 3.0 * k }
        } else {
            Self { across: 0.44 - 0.12 * k, along: 5.5 + 3.0 * k }
        }
    }
}

/// The statement placed at `s` and its ancestors up to its tree's root, or none if the chain is
/// longer than [`MAX_LEVELS`].
fn chain(layout: &Layout, s: usize) -> Option<Vec<usize>> {
    let mut out = vec![s];
    let mut at = s;
    while let Some(p) = layout.placed.get(at)?.parent {
        if out.len() > MAX_LEVELS {
            return None;
        }
        out.push(p);
        at = p;
    }
    Some(out)
}

/// How many statements two chains (each ending at its root) share, counted from the root.
fn shared(a: &[usize], b: &[usize]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// The block of its premises through whose gap a cross-link from `from` enters `to`: a
/// statement's own (its premises lie on its side), a two-sided root's on the side the premise
/// is on.
pub fn entry(layout: &Layout, from: usize, to: usize) -> usize {
    if layout.placed.get(to).is_some_and(|p| p.parent.is_some()) {
        return layout.group(to);
    }
    match layout.arrangement {
        Arrangement::TwoSides => match chain(layout, from) {
            Some(c) if c.len() > 1 && c.last() == Some(&to) => layout.group(c[c.len() - 2]),
            _ => 1,
        },
        Arrangement::TopDown | Arrangement::Automatic | Arrangement::Outline => 0,
        Arrangement::LeftToRight => 1,
    }
}

/// The breadth of the gap beside the column of the statement placed at `s`, on the side of
/// `toward`, at the lane's place across it.
fn beside(layout: &Layout, s: usize, toward: f32, lane: Lane) -> f32 {
    let (lo, hi) = layout.span[s];
    let high = toward >= (lo + hi) / 2.0;
    // Measured from the gap's lower edge whichever column it is beside, so a support and an
    // objection in one gap never meet.
    let room = room(layout, s, high);
    let (g0, g1) = if high { (hi, hi + room) } else { (lo - room, lo) };
    // Supports near the gap's upper edge, objections near its lower one, a few units in (never
    // past the middle): gaps of different widths side by side keep the kinds apart too.
    let mid = (g0 + g1) / 2.0;
    let inset = 2.0 + 12.0 * ((lane.across - 0.5).abs() - 0.06);
    if lane.across >= 0.5 { (g1 - inset).max(mid + 0.75) } else { (g0 + inset).min(mid - 0.75) }
}

/// The free room beside the column of `s` (above its `high` or low edge): up to the nearest
/// column of another subtree.
fn room(layout: &Layout, s: usize, high: bool) -> f32 {
    let mut at = s;
    let mut extra = 0.0;
    for _ in 0..8 {
        let Some(p) = layout.placed[at].parent else { return extra + TREE_GAP };
        let g = layout.group(at);
        let siblings: Vec<usize> =
            layout.children(p).iter().copied().filter(|&c| layout.group(c) == g).collect();
        let Some(k) = siblings.iter().position(|&c| c == at) else { break };
        let (lo, hi) = layout.span[at];
        let neighbour =
            if high { siblings.get(k + 1) } else { k.checked_sub(1).and_then(|j| siblings.get(j)) };
        if let Some(&n) = neighbour {
            let (nlo, nhi) = layout.span[n];
            return extra + if high { nlo - hi } else { lo - nhi };
        }
        // The outermost premise: the room reaches to its parent's column edge and beyond.
        let (plo, phi) = layout.span[p];
        extra += if high { phi - hi } else { lo - plo };
        at = p;
        if layout.placed[at].parent.is_none() || layout.group(at) != g {
            break;
        }
    }
    extra + super::STACKED_COPREMISE_GAP
}

/// The depth at which a route runs along the gap of block `g` of the statement placed at `s`:
/// near its premises, below the lanes of its own arrows.
fn along(layout: &Layout, s: usize, g: usize, lane: Lane) -> f32 {
    layout.band(s, g).1 - lane.along
}

/// A statement's middle across, on `side`, moved about a quarter of its breadth towards `toward`
/// (so a cross-link leaves a box beside its tree arrow), by the lane (so a support and an
/// objection leaving one box never share a stretch).
fn start_breadth(layout: &Layout, s: usize, side: Side, toward: f32, lane: Lane) -> f32 {
    let (lo, hi, _, _) = side.extent(&layout.placed[s].rect);
    let mid = (lo + hi) / 2.0;
    let shift = (hi - lo) * (0.12 + 0.25 * lane.across);
    if toward >= mid { mid + shift } else { mid - shift }
}

/// Where a route ends: in the gap of block `group` of the statement placed at `slot`, at
/// `breadth` across, on the statement's edge (`depth` none; a cross-link's head) or at `depth`
/// in the gap (an undercut's head on the arrow it objects to).
#[derive(Clone, Copy, Debug)]
pub struct Aim {
    /// The conclusion's place.
    pub slot: usize,
    /// The block of its premises the route arrives in (see [`entry`]).
    pub group: usize,
    /// Where across.
    pub breadth: f32,
    /// Where along the gap, if not at the statement's edge.
    pub depth: Option<f32>,
}

/// The route of a cross-link from the premise placed at `from` to `aim`, as a polyline from the
/// premise's edge to the aim (the arrowhead's point last). None when a chain is longer than
/// [`MAX_LEVELS`].
pub fn route(layout: &Layout, from: usize, aim: Aim, lane: Lane) -> Option<Vec<(f32, f32)>> {
    let (to, end, g_end) = (aim.slot, aim.breadth, aim.group);
    let up = chain(layout, from)?;
    let down = chain(layout, to)?;
    let common = shared(&up, &down);
    let center = |s: usize, side: Side| side.coords(layout.placed[s].rect.center()).0;
    // From the conclusion back to where the chains meet (or to its root).
    let meet_down = if common > 0 { down.len() - common } else { down.len() - 1 };
    let side_end = layout.group_side(g_end);
    let far = aim.depth.unwrap_or(side_end.extent(&layout.placed[to].rect).3);
    let mut tail = vec![side_end.point(end, far), side_end.point(end, along(layout, to, g_end, lane))];
    let mut g_below = g_end;
    for i in 0..meet_down {
        let (r, parent, g) = (down[i], down[i + 1], layout.group(down[i]));
        let side = layout.group_side(g);
        let b = beside(layout, r, center(from, side), lane);
        tail.push(side.point(b, along(layout, r, g_below, lane)));
        tail.push(side.point(b, along(layout, parent, g, lane)));
        g_below = g;
    }
    // From the premise up to where the chains meet (or to its root).
    let meet_up = if common > 0 { up.len() - common } else { up.len() - 1 };
    let mut head = Vec::new();
    let mut g_up = g_below;
    if meet_up == 0 && common > 0 {
        // The premise is an ancestor of the conclusion: leave it into the conclusion's way.
        let side = layout.group_side(g_below);
        let b = start_breadth(layout, from, side, center(to, side), lane);
        head.push(side.point(b, side.extent(&layout.placed[from].rect).3));
        head.push(side.point(b, along(layout, from, g_below, lane)));
    } else if meet_up > 0 {
        let g0 = layout.group(from);
        let side = layout.group_side(g0);
        let b = start_breadth(layout, from, side, center(to, side), lane);
        head.push(side.point(b, side.extent(&layout.placed[from].rect).2));
        head.push(side.point(b, along(layout, up[1], g0, lane)));
        g_up = g0;
        for i in 1..meet_up {
            let (a, g) = (up[i], layout.group(up[i]));
            let side = layout.group_side(g);
            let b = beside(layout, a, center(to, side), lane);
            head.push(side.point(b, along(layout, a, g_up, lane)));
            head.push(side.point(b, along(layout, up[i + 1], g, lane)));
            g_up = g;
        }
    }
    let mut points = head;
    let tail_end = tail.last().copied().unwrap_or_default();
    let chains = Chains { from, up: &up, down: &down, common, groups: (g_up, g_below) };
    join(layout, &mut points, tail_end, &chains, lane);
    points.extend(tail.into_iter().rev());
    Some(simplify(points))
}

/// Drops repeated points and the middle of three points on one line (a route that runs on, or
/// turns back on itself, to where the next leg starts), keeping the first and last.
fn simplify(points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let same = |a: f32, b: f32| (a - b).abs() < 0.01;
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| same(q.0, p.0) && same(q.1, p.1)) {
            continue;
        }
        if let [.., a, b] = out[..]
            && ((same(a.0, b.0) && same(b.0, p.0)) || (same(a.1, b.1) && same(b.1, p.1)))
        {
            out.pop();
            if out.last().is_some_and(|q| same(q.0, p.0) && same(q.1, p.1)) {
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// The two chains of a route: the premise, its chain and the conclusion's (each to its root),
/// how many statements they share, and the blocks through whose gaps each half arrives.
struct Chains<'a> {
    from: usize,
    up: &'a [usize],
    down: &'a [usize],
    common: usize,
    groups: (usize, usize),
}

/// Joins the two halves of a route (`points` so far, and `tail_end`, where the other half
/// starts): nothing to add where both are in the same gap; around the top of a two-sided root's
/// column from one side to the other; over the trees when premise and conclusion are in different
/// trees.
fn join(layout: &Layout, points: &mut Vec<(f32, f32)>, tail_end: (f32, f32), c: &Chains<'_>, lane: Lane) {
    let (Some(&root_up), Some(&root_down)) = (c.up.last(), c.down.last()) else { return };
    let (g_up, g_down) = c.groups;
    if c.common > 0 && g_up == g_down {
        return;
    }
    let out = TREE_GAP * lane.across / 2.0;
    if layout.arrangement == Arrangement::TwoSides {
        // Up the root's gap to above the tree, and round to the other side or tree.
        let (top_up, top_down) = (layout.span[root_up].0 - out, layout.span[root_down].0 - out);
        let x_up = match points.last() {
            Some(p) => p.0,
            None => {
                let r = layout.placed[c.from].rect;
                points.push((r.center().0, r.y));
                r.center().0
            }
        };
        points.push((x_up, top_up));
        if c.common == 0 {
            let outside = layout.bounds.map_or(0.0, |b| b.x) - out;
            points.push((outside, top_up));
            points.push((outside, top_down));
        }
        points.push((tail_end.0, top_down));
        return;
    }
    // Trees side by side (top down) or stacked (left to right): over their roots.
    let side = layout.group_side(g_up);
    let across = |s: usize| side.coords(layout.placed[s].rect.center()).0;
    let over = -out;
    let leave = if points.is_empty() {
        let b = start_breadth(layout, c.from, side, across(root_down), lane);
        points.push(side.point(b, side.extent(&layout.placed[c.from].rect).2));
        b
    } else {
        let b = beside(layout, root_up, across(root_down), lane);
        points.push(side.point(b, along(layout, root_up, g_up, lane)));
        b
    };
    points.push(side.point(leave, over));
    let enter = beside(layout, root_down, across(root_up), lane);
    points.push(side.point(enter, over));
    points.push(side.point(enter, along(layout, root_down, g_down, lane)));
}
