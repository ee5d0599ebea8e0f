//! The arrows of the outline arrangement ([`crate::layout::outline`]): each premise's arrow
//! leaves its left edge, turns up a spine in the indent under its conclusion (supports' spine
//! nearer the conclusion's edge, objections' further in) and enters the conclusion's bottom
//! edge, so the arrows into one statement share a spine per kind, each drawn from its premise
//! up to the one before it. A premise whose conclusion is in an earlier column runs up to its
//! column's top. An undercut climbs beside its premises to the first leg of the arrow it objects
//! to; a cross-link runs round the right of the boxes (over the columns' tops between columns).
//! An undercut whose premise hangs elsewhere, to an arrow inside a column, goes straight to it.

use super::Scene;
use super::arrows::{Context, Starts, push_polyline};
use crate::layout::outline::{COLUMN_GAP, INDENT};
use crate::layout::{Layout, Rect, Side};
use crate::model::RelationKind;
use foldhash::HashMap;

/// Where a kind's spine runs in the indent: supports nearer the conclusion's left edge.
fn spine_offset(kind: RelationKind) -> f32 {
    match kind {
        RelationKind::Support => INDENT * 0.3,
        RelationKind::Objection => INDENT * 0.6,
    }
}

/// What drawing the arrows keeps track of.
struct Drawer<'c, 'a> {
    cx: &'c Context<'a>,
    /// The columns: where each starts, its right edge and its top.
    cols: &'c Columns,
    starts: Starts,
    /// The last elbow drawn on each (conclusion, objection?, column) spine: the next climbs to it.
    reached: Reached,
    /// Where an undercut meets each drawn arrow.
    meets: Vec<Option<(f32, f32)>>,
    /// Undercuts drawn to each arrow so far (each climbs a line of its own).
    undercuts_of: Vec<usize>,
    /// Undercuts left for after the cross-links (the arrow they meet is one).
    later: Vec<usize>,
    /// Cross-links drawn so far (each runs a line of its own).
    cross: usize,
}

/// Draws every shown relation's arrow; returns where each starts (a premise's top left corner,
/// where its tag goes).
pub(super) fn push(scene: &mut Scene, cx: &Context<'_>) -> Starts {
    let n = cx.topo.relations.len();
    scene.arrows.clear();
    scene.arrows.resize(n, 0..0);
    scene.continued = 0;
    let cols = Columns::of(cx.layout);
    let mut d = Drawer {
        cx,
        cols: &cols,
        starts: vec![None; n],
        reached: Reached::new(cx.layout.placed.len()),
        meets: vec![None; n],
        undercuts_of: vec![0; n],
        later: Vec::new(),
        cross: 0,
    };
    let (slots, order) = hanging(cx);
    for (r, range) in order {
        let first = scene.items.len() as u32;
        for &slot in &slots[range] {
            d.tree_arrow(scene, r, slot);
        }
        scene.arrows[r] = first..scene.items.len() as u32;
    }
    let cross_start = scene.items.len() as u32;
    for r in 0..n {
        let rel = &cx.topo.relations[r];
        if rel.undercuts.is_none() && cx.shows(r) && scene.arrows[r].start == scene.arrows[r].end {
            d.cross_link(scene, r);
        }
    }
    for r in 0..n {
        d.late_undercut(scene, r);
    }
    scene.cross_links = cross_start..scene.items.len() as u32;
    d.starts
}

/// Each drawn relation's hanging premises: their slots, in slot order, all in one list, and
/// for each relation (in the order of its first premise, so that a spine is climbed box by box,
/// top down) where its slots are in that list. No sort and no list per relation.
fn hanging(cx: &Context<'_>) -> (Vec<usize>, Vec<(usize, std::ops::Range<usize>)>) {
    let n = cx.topo.relations.len();
    // The relation each placed statement hangs by and is drawn with, if any.
    let by: Vec<Option<usize>> = cx
        .layout
        .placed
        .iter()
        .map(|placed| {
            // A statement hangs by its first relation as a premise.
            let (Some(_), Some(_)) = (placed.parent, placed.via) else { return None };
            let r = cx.topo.first_from.get(placed.position).copied().flatten()?;
            (cx.shows(r) && cx.drawn[placed.position]).then_some(r)
        })
        .collect();
    let mut start = vec![0usize; n + 1];
    for &r in by.iter().flatten() {
        start[r + 1] += 1;
    }
    for r in 0..n {
        start[r + 1] += start[r];
    }
    let mut fill = start.clone();
    let mut slots = vec![0usize; start[n]];
    let mut order = Vec::new();
    for (slot, r) in by.iter().enumerate() {
        let Some(r) = *r else { continue };
        if fill[r] == start[r] {
            order.push((r, start[r]..start[r + 1])); // its first slot
        }
        slots[fill[r]] = slot;
        fill[r] += 1;
    }
    (slots, order)
}

impl Drawer<'_, '_> {
    /// The arrow of relation `r` from its premise at `slot`.
    fn tree_arrow(&mut self, scene: &mut Scene, r: usize, slot: usize) {
        let (cx, layout) = (self.cx, self.cols);
        let rel = &cx.topo.relations[r];
        let Some(to) = cx.layout.placed[slot].parent else { return };
        let (p, c) = (cx.rect_of(slot), cx.rect_of(to));
        let (y, color) = (p.y + p.h / 2.0, cx.color(r));
        let objection = rel.kind == RelationKind::Objection;
        if let Some(t) = rel.undercuts {
            let Some(points) = self.undercut_points(scene, t, &p) else {
                // It meets a cross-link, not drawn yet.
                self.later.push(r);
                return;
            };
            push_polyline(&mut scene.items, &points, color, true);
        } else {
            let key = (to, objection, column(layout, &p));
            let spine = p.x - INDENT + spine_offset(rel.kind);
            let climbed = self.reached.get(key);
            let top = match climbed {
                Some(at) => at,
                None if column(layout, &c) == column(layout, &p) => c.bottom(),
                None => {
                    scene.continued += 1;
                    column_top(layout, column(layout, &p)) - 12.0
                }
            };
            let points = [(p.x, y), (spine, y), (spine, top)];
            if climbed.is_some() {
                super::arrows::line_points(&mut scene.items, &points, color, objection);
            } else {
                push_polyline(&mut scene.items, &points, color, objection);
            }
            self.reached.insert(key, y);
            self.meets[r].get_or_insert((p.x - 8.0, y));
        }
        // An undercut's start a hair left of its target's, so that the target's tag goes above
        // the target's box, to its right (the side no undercut comes from).
        let x = if rel.undercuts.is_some() { p.x - 0.5 } else { p.x };
        self.starts[r].get_or_insert((Side::Below, (x, p.y), color));
    }

    /// An undercut from the premise `p` hanging beside the arrow `t`: up to that arrow's first
    /// leg in the same column, each undercut of it a line of its own; from another column, up
    /// to its column's top. None when `t` is not drawn yet.
    fn undercut_points(&mut self, scene: &mut Scene, t: usize, p: &Rect) -> Option<Vec<(f32, f32)>> {
        let layout = self.cols;
        let (ex, ey) = self.meets.get(t).copied().flatten()?;
        let y = p.y + p.h / 2.0;
        let aside = 5.0 * self.undercuts_of.get(t).copied().unwrap_or(0) as f32;
        if let Some(k) = self.undercuts_of.get_mut(t) {
            *k += 1;
        }
        let same_column = column(layout, &Rect { x: ex + 8.0, ..*p }) == column(layout, p);
        Some(if ey < y && same_column {
            let x = ex.max(p.x - 8.0) - aside;
            vec![(p.x, y), (x, y), (x, ey)]
        } else {
            scene.continued += 1;
            vec![(p.x, y), (p.x - 8.0, y), (p.x - 8.0, column_top(layout, column(layout, p)) - 12.0)]
        })
    }

    /// A cross-link (a relation none of whose premises hang by it): round the right of the
    /// boxes, in the gap after each one's column; between columns over their tops.
    fn cross_link(&mut self, scene: &mut Scene, r: usize) {
        let (cx, layout) = (self.cx, self.cols);
        let rel = &cx.topo.relations[r];
        let from = rel.premises.iter().filter(|&&p| cx.drawn[p]).find_map(|&p| cx.slot_of(p));
        let (Some(from), Some(to)) = (from, cx.slot_of(rel.conclusion)) else { return };
        let (p, c) = (cx.rect_of(from), cx.rect_of(to));
        let (py, cy) = (p.y + p.h / 2.0, c.y + c.h / 2.0);
        let aside = self.next_aside();
        let (xp, xc) =
            (gap_after(layout, column(layout, &p)) + aside, gap_after(layout, column(layout, &c)) + aside);
        let points = if column(layout, &p) == column(layout, &c) {
            vec![(p.right(), py), (xp, py), (xp, cy), (c.right(), cy)]
        } else {
            let over = -16.0 - aside;
            vec![(p.right(), py), (xp, py), (xp, over), (xc, over), (xc, cy), (c.right(), cy)]
        };
        // Where an undercut meets it: the middle of its first climb, in the gap.
        self.meets[r] = Some((xp, (points[1].1 + points[2].1) / 2.0));
        let first = scene.items.len() as u32;
        let color = cx.color(r);
        push_polyline(&mut scene.items, &points, color, rel.kind == RelationKind::Objection);
        self.starts[r] = Some((Side::Below, (p.x, p.y), color));
        scene.arrows[r] = first..scene.items.len() as u32;
    }

    /// An undercut not drawn with the tree's arrows (it meets a cross-link, or its premise
    /// hangs elsewhere): through the gaps to a cross-link, straight to an arrow in a column.
    fn late_undercut(&mut self, scene: &mut Scene, r: usize) {
        let (cx, layout) = (self.cx, self.cols);
        let rel = &cx.topo.relations[r];
        let Some(t) = rel.undercuts else { return };
        let pending = scene.arrows[r].start == scene.arrows[r].end || self.later.contains(&r);
        let from = rel.premises.iter().filter(|&&p| cx.drawn[p]).find_map(|&p| cx.slot_of(p));
        let meets = self.meets.get(t).copied().flatten();
        let (true, true, Some(from), Some((ax, ay))) = (pending, cx.shows(r), from, meets) else { return };
        let u = cx.rect_of(from);
        let uy = u.y + u.h / 2.0;
        let own_gap = in_gap(layout, column(layout, &u), ax);
        let points = if own_gap {
            vec![(u.right(), uy), (ax + 6.0, uy), (ax + 6.0, ay), (ax, ay)]
        } else if (0..layout.columns.len()).any(|c| in_gap(layout, c, ax)) {
            let aside = self.next_aside();
            let (over, xu) = (-16.0 - aside, gap_after(layout, column(layout, &u)) + aside);
            vec![(u.right(), uy), (xu, uy), (xu, over), (ax + 6.0, over), (ax + 6.0, ay), (ax, ay)]
        } else {
            vec![(u.x, uy), (ax, ay)]
        };
        let first = scene.items.len() as u32;
        let color = cx.color(r);
        push_polyline(&mut scene.items, &points, color, true);
        self.starts[r].get_or_insert((Side::Below, (u.x - 0.5, u.y), color));
        scene.arrows[r] = first..scene.items.len() as u32;
    }

    /// How far aside of the others the next line through the gaps runs.
    fn next_aside(&mut self) -> f32 {
        self.cross += 1;
        5.0 * ((self.cross - 1) % 6) as f32
    }
}

/// The last elbow drawn on each spine, by (conclusion's slot, objection?, column). A spine is
/// climbed column after column, so the latest column of each conclusion's spine is kept in a
/// plain list; an earlier column's elbow, rarely asked for again, in a map.
struct Reached {
    /// By (conclusion's slot, objection?): the latest column climbed (`u32::MAX`: none) and its
    /// elbow (eight bytes each: a huge map's list stays small).
    latest: Vec<(u32, f32)>,
    older: HashMap<(usize, bool, usize), f32>,
}

impl Reached {
    fn new(slots: usize) -> Self {
        Self { latest: vec![(u32::MAX, 0.0); 2 * slots], older: HashMap::default() }
    }

    fn get(&self, (to, objection, column): (usize, bool, usize)) -> Option<f32> {
        match self.latest.get(2 * to + usize::from(objection)).copied() {
            Some((c, y)) if c as usize == column => Some(y),
            _ => self.older.get(&(to, objection, column)).copied(),
        }
    }

    fn insert(&mut self, (to, objection, column): (usize, bool, usize), y: f32) {
        let Some(slot) = self.latest.get_mut(2 * to + usize::from(objection)) else { return };
        let (c, before) = *slot;
        if c != u32::MAX && c as usize != column {
            self.older.insert((to, objection, c as usize), before);
        }
        *slot = (column as u32, y);
    }
}

/// The outline's columns, measured once: where each starts, its widest box's right edge, its
/// first box's top.
struct Columns {
    /// Where each column starts ([`Layout::columns`]).
    columns: Vec<f32>,
    /// Each column's right edge: its widest box's.
    right: Vec<f32>,
    /// Each column's top: its first box's.
    top: Vec<f32>,
}

impl Columns {
    /// The columns of `layout`, in one pass over its boxes.
    fn of(layout: &Layout) -> Self {
        let columns = layout.columns.clone();
        let mut right = columns.clone();
        let mut top = vec![f32::INFINITY; columns.len()];
        let cols = Self { columns, right: Vec::new(), top: Vec::new() };
        for r in layout.placed.iter().map(|p| p.rect) {
            // The last column starting left of the box (the columns run left to right).
            if let Some(c) = cols.columns.partition_point(|&x| r.x >= x - 0.5).checked_sub(1) {
                right[c] = right[c].max(r.right());
                top[c] = top[c].min(r.y);
            }
        }
        Self { right, top, ..cols }
    }
}

/// The column a box is in: the last starting left of it, found by halving (a huge map's
/// outline has hundreds of columns, and every arrow asks).
fn column(cols: &Columns, r: &Rect) -> usize {
    cols.columns.partition_point(|&x| x <= r.x + 0.5).saturating_sub(1)
}

/// Where lines run in the gap after column `col` (right of the last column after the last).
fn gap_after(cols: &Columns, col: usize) -> f32 {
    let widest = column_right(cols, col);
    let gap = cols.columns.get(col + 1).map_or(24.0, |&next| (next - widest).min(COLUMN_GAP));
    widest + gap / 3.0
}

/// Whether `x` lies in the gap after column `c`.
fn in_gap(cols: &Columns, c: usize, x: f32) -> bool {
    x > column_right(cols, c) - 0.5 && cols.columns.get(c + 1).is_none_or(|&next| x < next)
}

/// The right edge of column `c`: its widest box's.
fn column_right(cols: &Columns, c: usize) -> f32 {
    cols.right.get(c).copied().unwrap_or(0.0)
}

/// The top of column `c`: its first box's top.
fn column_top(cols: &Columns, c: usize) -> f32 {
    cols.top.get(c).copied().unwrap_or(f32::INFINITY)
}
