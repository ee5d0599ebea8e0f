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
    /// Where the cross-links left for the whole drawing reach ([`Drawer::cross_link`]).
    beside: Option<Rect>,
}

/// From how many boxes the tree's arrows are drawn in two halves at once ([`halves`]).
const IN_TWO_FROM: usize = 20_000;

#[cfg(test)]
thread_local! {
    /// In tests: from how many boxes the arrows are drawn in two halves on this thread.
    static IN_TWO: std::cell::Cell<usize> = const { std::cell::Cell::new(IN_TWO_FROM) };
}

/// From how many boxes the arrows are drawn in two halves.
fn in_two_from() -> usize {
    #[cfg(test)]
    return IN_TWO.with(std::cell::Cell::get);
    #[cfg(not(test))]
    IN_TWO_FROM
}

/// A spine: its conclusion's slot, whether it is the objections', its column.
type Key = (usize, bool, usize);

/// One relation's arrows from its hanging premises, and where their items are.
type Entry = (usize, std::ops::Range<usize>);

/// The columns of a huge outline drawn first, near a view ([`push`]): the boxes placed at
/// `slots` (whole columns, one more either side of those in view), and the x-range `claim` (in
/// map units) inside which the drawing is the whole drawing's.
struct Region {
    slots: std::ops::Range<usize>,
    claim: (f32, f32),
}

/// What a drawing near a view drew of the boxes, the slots of its columns, and where the
/// cross-links it left out reach.
pub(super) type Near = (std::ops::Range<usize>, Option<Rect>);

/// Draws every shown relation's arrow; returns where each starts (a premise's top left corner,
/// where its tag goes). With `near` (an x-range of the map a view shows), a huge outline
/// without undercuts draws only the tree arrows of the columns near it (and every cross-link
/// that reaches them), sets [`Scene::near`] to where that drawing is whole, and returns the
/// slots of the columns drawn (their boxes are the only ones to draw) and where the cross-links
/// left out reach (the drawing's bounds are the whole drawing's).
pub(super) fn push(scene: &mut Scene, cx: &Context<'_>, near: Option<(f32, f32)>) -> (Starts, Option<Near>) {
    let n = cx.topo.relations.len();
    scene.arrows.clear();
    scene.arrows.resize(n, 0..0);
    scene.continued = 0;
    let cols = Columns::of(cx.layout);
    let mut d = Drawer::new(cx, &cols);
    let region = near.and_then(|x| region(cx, &cols, x));
    // In a region, a relation whose arrows hang outside it is no cross-link for being undrawn.
    // Which relations are drawn in the tree is read on another thread meanwhile.
    let hangs = region.as_ref().map(|region| {
        let draw = || {
            let (slots, order) = hanging_in(cx, region.slots.clone());
            for ((r, range), elsewhere) in &order {
                d.entry(scene, &slots, &(*r, range.clone()));
                if *elsewhere {
                    d.starts[*r] = None; // its tag is at its first premise, outside the region
                }
                scene.runs.catch_up(&scene.items);
            }
        };
        crate::model::both(true, draw, || in_tree(cx)).1
    });
    if region.is_none() {
        let (slots, order) = hanging(cx);
        match halves(cx, &cols, &slots, &order) {
            Some((k, b)) => d.in_two(scene, (&slots, b), order.split_at(k)),
            None => {
                for entry in &order {
                    d.entry(scene, &slots, entry);
                    scene.runs.catch_up(&scene.items); // while they are in the cache
                }
            }
        }
    }
    let cross_start = scene.items.len() as u32;
    // A relation drawn in the tree (here or outside the region) is no cross-link: most of a huge
    // map's, each passed over without reading it.
    for r in (0..n).filter(|&r| !hangs.as_ref().is_some_and(|tree| tree[r])) {
        let rel = &cx.topo.relations[r];
        if rel.undercuts.is_none() && cx.shows(r) && scene.arrows[r].start == scene.arrows[r].end {
            d.cross_link(scene, r, region.as_ref().map(|r| r.claim));
        }
    }
    if cx.topo.has_undercuts() {
        for r in 0..n {
            d.late_undercut(scene, r);
        }
    }
    scene.cross_links = cross_start..scene.items.len() as u32;
    scene.near = region.as_ref().map(|r| r.claim);
    (d.starts, region.map(|r| (r.slots, d.beside)))
}

/// The columns to draw for a view spanning `a..b` across the map: those it shows and one more
/// either side; `None` when the whole map is to be drawn: a map small enough to draw whole
/// (fewer than [`IN_TWO_FROM`] boxes, three columns), one with undercuts (an undercut meets an
/// arrow that may hang in any column), or a view that needs every column.
fn region(cx: &Context<'_>, cols: &Columns, (a, b): (f32, f32)) -> Option<Region> {
    let last = cols.columns.len().checked_sub(1)?;
    if cx.layout.placed.len() < in_two_from().max(2) || last < 2 || cx.topo.has_undercuts() {
        return None;
    }
    let column = |x: f32| cols.columns.partition_point(|&c| c <= x).saturating_sub(1);
    let (c0, c1) = (column(a).saturating_sub(1), (column(b) + 1).min(last));
    if c0 == 0 && c1 == last {
        return None;
    }
    // What is drawn for a column lies within it and the gap after it; the columns either side are
    // drawn too, so the claim ends where they begin.
    let left = if c0 == 0 { f32::NEG_INFINITY } else { cols.columns[c0 + 1] };
    let right = if c1 == last { f32::INFINITY } else { cols.columns[c1] };
    let start = |c: usize| cols.of_slot.partition_point(|&k| (k as usize) < c);
    Some(Region { slots: start(c0)..start(c1 + 1), claim: (left, right) })
}

/// Whether the box placed at `slot` hangs by a drawn relation: which.
fn hangs_by(cx: &Context<'_>, slot: usize) -> Option<usize> {
    let placed = &cx.layout.placed[slot];
    let (Some(_), Some(_)) = (placed.parent, placed.via) else { return None };
    let r = cx.topo.first_from.get(placed.position).copied().flatten()?;
    (cx.shows(r) && cx.drawn[placed.position]).then_some(r)
}

/// [`hanging`] for the boxes placed at `slots` only: each relation with only its premises
/// there, in the order the whole drawing meets them (by the relation's first hanging premise
/// anywhere), and whether that premise lies before `slots`.
fn hanging_in(cx: &Context<'_>, slots: std::ops::Range<usize>) -> (Vec<usize>, Vec<(Entry, bool)>) {
    // (the relation's first hanging premise anywhere, the slot, the relation)
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for slot in slots.clone() {
        let Some(r) = hangs_by(cx, slot) else { continue };
        let rel = &cx.topo.relations[r];
        let first = if rel.premises.len() == 1 {
            slot
        } else {
            let by_r = |&p: &usize| cx.slot_of(p).filter(|&s| hangs_by(cx, s) == Some(r));
            rel.premises.iter().filter_map(by_r).min().unwrap_or(slot)
        };
        found.push((first, slot, r));
    }
    found.sort_unstable();
    let mut order: Vec<(Entry, bool)> = Vec::new();
    for (i, &(first, _, r)) in found.iter().enumerate() {
        match order.last_mut() {
            Some(((last, range), _)) if *last == r => range.end = i + 1,
            _ => order.push(((r, i..i + 1), first < slots.start)),
        }
    }
    (found.into_iter().map(|(_, slot, _)| slot).collect(), order)
}

/// Whether each relation (by file position) is drawn in the tree: a premise hangs by it, a
/// premise drawn, hanging under another statement in the layout, its first relation this one.
fn in_tree(cx: &Context<'_>) -> Vec<bool> {
    let mut tree = vec![false; cx.topo.relations.len()];
    for p in cx.layout.placed.iter().filter(|p| p.parent.is_some() && p.via.is_some() && cx.drawn[p.position])
    {
        if let Some(r) = cx.topo.first_from[p.position] {
            tree[r] = true;
        }
    }
    tree
}

/// Each drawn relation's hanging premises: their slots, in slot order, all in one list, and
/// for each relation (in the order of its first premise, so that a spine is climbed box by box,
/// top down) where its slots are in that list. No sort and no list per relation.
fn hanging(cx: &Context<'_>) -> (Vec<usize>, Vec<(usize, std::ops::Range<usize>)>) {
    let n = cx.topo.relations.len();
    // The relation each placed statement hangs by and is drawn with, if any.
    // A statement hangs by its first relation as a premise.
    let by: Vec<Option<usize>> = (0..cx.layout.placed.len()).map(|slot| hangs_by(cx, slot)).collect();
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

/// Where the tree's arrows of a huge outline can be drawn in two halves at once: from the first
/// box of the column in the middle of the boxes, and the first entry of `order` from it on. Each
/// column's spines are its own, so the second half's arrows (all but its undercuts, which meet
/// arrows drawn before them) need nothing of the first but where the first half's arrows climbed
/// in the second's columns ([`seeds`]).
fn halves(cx: &Context<'_>, cols: &Columns, slots: &[usize], order: &[Entry]) -> Option<(usize, usize)> {
    let placed = &cx.layout.placed;
    if placed.len() < in_two_from().max(2) || cols.columns.len() < 2 {
        return None;
    }
    let middle = cols.at(placed.len() / 2).max(1);
    // The first box of that column (the columns hold runs of boxes, in order).
    let b = cols.of_slot.partition_point(|&c| (c as usize) < middle);
    let k = order.partition_point(|(_, range)| slots[range.start] < b);
    (k > 0 && k < order.len()).then_some((k, b))
}

/// Where the arrows of `before` climb to last on each spine from box `b` on (a relation whose
/// co-premises hang on both sides of `b`): what the second half starts from, in drawing order.
fn seeds(
    cx: &Context<'_>,
    cols: &Columns,
    (slots, b): (&[usize], usize),
    before: &[Entry],
) -> Vec<(Key, f32)> {
    let mut seeds = Vec::new();
    for (r, range) in before.iter().filter(|(_, range)| slots[range.end - 1] >= b) {
        let rel = &cx.topo.relations[*r];
        if rel.undercuts.is_some() {
            continue; // an undercut climbs no spine
        }
        for &slot in slots[range.clone()].iter().filter(|&&slot| slot >= b) {
            let Some(to) = cx.layout.placed[slot].parent else { continue };
            let p = cx.rect_of(slot);
            seeds.push(((to, rel.kind == RelationKind::Objection, cols.at(slot)), p.y + p.h / 2.0));
        }
    }
    seeds
}

impl<'c, 'a> Drawer<'c, 'a> {
    /// Nothing drawn yet.
    fn new(cx: &'c Context<'a>, cols: &'c Columns) -> Self {
        let n = cx.topo.relations.len();
        Self {
            cx,
            cols,
            starts: vec![None; n],
            reached: Reached::new(cx.layout.placed.len()),
            meets: vec![None; n],
            undercuts_of: vec![0; n],
            later: Vec::new(),
            cross: 0,
            beside: None,
        }
    }
}

impl Drawer<'_, '_> {
    /// The arrows of one relation from its hanging premises (their slots are `slots[range]`).
    fn entry(&mut self, scene: &mut Scene, slots: &[usize], (r, range): &Entry) {
        let first = scene.items.len() as u32;
        for &slot in &slots[range.clone()] {
            self.tree_arrow(scene, *r, slot);
        }
        scene.arrows[*r] = first..scene.items.len() as u32;
    }

    /// The tree's arrows, the entries of `after` but its undercuts drawn on another thread
    /// while `before` is drawn here (see [`halves`]); then, in order, the second half's arrows
    /// put in and its undercuts drawn, each seeing what it would have seen drawn in one go.
    fn in_two(
        &mut self,
        scene: &mut Scene,
        (slots, b): (&[usize], usize),
        (before, after): (&[Entry], &[Entry]),
    ) {
        let (cx, cols) = (self.cx, self.cols);
        let plain = |(r, _): &Entry| cx.topo.relations[*r].undercuts.is_none();
        let seeds = seeds(cx, cols, (slots, b), before);
        // The second half is drawn into the memory it was drawn into last time (a huge map's
        // half of the arrows, allocated once rather than grown on every edit on that thread).
        let items = std::mem::take(&mut scene.half);
        let drawn = std::thread::scope(|s| {
            let other = std::thread::Builder::new().spawn_scoped(s, move || {
                let mut d = Drawer::new(cx, cols);
                seeds.iter().for_each(|&(key, y)| d.reached.insert(key, y));
                let arrows = vec![0..0; cx.topo.relations.len()];
                let mut part = Scene { items, arrows, ..Scene::default() };
                after.iter().filter(|e| plain(e)).for_each(|e| d.entry(&mut part, slots, e));
                (d.meets, d.starts, part)
            });
            for entry in before {
                self.entry(scene, slots, entry);
                scene.runs.catch_up(&scene.items);
            }
            other.ok().and_then(|h| h.join().ok())
        });
        let Some((meets, starts, part)) = drawn else {
            after.iter().for_each(|e| self.entry(scene, slots, e)); // no thread: all here
            return;
        };
        let offset = scene.items.len() as u32;
        let mut half = part.items;
        scene.items.append(&mut half);
        scene.half = half; // empty, its memory kept
        scene.continued += part.continued;
        for entry in after {
            let r = entry.0;
            if plain(entry) {
                scene.arrows[r] = part.arrows[r].start + offset..part.arrows[r].end + offset;
                (self.meets[r], self.starts[r]) = (meets[r], starts[r]);
            } else {
                self.entry(scene, slots, entry);
            }
        }
        scene.runs.catch_up(&scene.items);
    }

    /// The arrow of relation `r` from its premise at `slot`.
    fn tree_arrow(&mut self, scene: &mut Scene, r: usize, slot: usize) {
        let (cx, layout) = (self.cx, self.cols);
        let rel = &cx.topo.relations[r];
        let Some(to) = cx.layout.placed[slot].parent else { return };
        let (p, c) = (cx.rect_of(slot), cx.rect_of(to));
        let (p_column, c_column) = (layout.at(slot), layout.at(to));
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
            let key = (to, objection, p_column);
            let spine = p.x - INDENT + spine_offset(rel.kind);
            let climbed = self.reached.get(key);
            let top = match climbed {
                Some(at) => at,
                None if c_column == p_column => c.bottom(),
                None => {
                    scene.continued += 1;
                    column_top(layout, p_column) - 12.0
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
    /// Drawn near a view (`claim`, the x-range the drawing is whole in), a link wholly beside it
    /// is left for the whole drawing; its tag's place is kept.
    fn cross_link(&mut self, scene: &mut Scene, r: usize, claim: Option<(f32, f32)>) {
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
        let color = cx.color(r);
        self.starts[r] = Some((Side::Below, (p.x, p.y), color));
        // Its reach across the map, with room for its head and stroke.
        let (a, b) = (p.right().min(c.right()) - COLUMN_GAP, xp.max(xc) + COLUMN_GAP);
        if claim.is_some_and(|(left, right)| b < left || a > right) {
            for &(x, y) in &points {
                let at = Rect { x, y, w: 0.0, h: 0.0 };
                self.beside = Some(self.beside.map_or(at, |r| r.union(&at)));
            }
            return;
        }
        let first = scene.items.len() as u32;
        push_polyline(&mut scene.items, &points, color, rel.kind == RelationKind::Objection);
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
/// first box's top, and the column of each placed box.
struct Columns {
    /// Where each column starts ([`Layout::columns`]).
    columns: Vec<f32>,
    /// Each column's right edge: its widest box's.
    right: Vec<f32>,
    /// Each column's top: its first box's.
    top: Vec<f32>,
    /// The column of the box at each slot.
    of_slot: Vec<u32>,
}

impl Columns {
    /// The columns of `layout`, in one pass over its boxes.
    fn of(layout: &Layout) -> Self {
        let columns = layout.columns.clone();
        let mut right = columns.clone();
        let mut top = vec![f32::INFINITY; columns.len()];
        let mut of_slot = Vec::with_capacity(layout.placed.len());
        let starts = |c: usize, x: f32| columns.get(c).is_some_and(|&start| x >= start - 0.5);
        let mut c = 0;
        for r in layout.placed.iter().map(|p| p.rect) {
            // The last column starting left of the box: the columns run left to right and hold
            // runs of boxes in order, so it is the last box's or one after (else found by halving).
            if !starts(c, r.x) || starts(c + 2, r.x) {
                c = columns.partition_point(|&x| r.x >= x - 0.5).saturating_sub(1);
            } else if starts(c + 1, r.x) {
                c += 1;
            }
            of_slot.push(c as u32);
            if starts(c, r.x) {
                right[c] = right[c].max(r.right());
                top[c] = top[c].min(r.y);
            }
        }
        Self { columns, right, top, of_slot }
    }

    /// The column of the box at `slot`.
    fn at(&self, slot: usize) -> usize {
        self.of_slot.get(slot).map_or(0, |&c| c as usize)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Layout, LayoutInput};
    use crate::model::{ArgumentMap, Arrangement, Topology};
    use crate::scene::{Palette, Typesetter};
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// The map drawn as an outline in a wide frame (many columns), the tree's arrows in two halves
    /// from `in_two` boxes; and whether they were.
    fn drawn(map: &ArgumentMap, in_two: usize) -> (Scene, bool) {
        let topo = Topology::new(map);
        let mut ts = Typesetter::new();
        let prepared = crate::scene::prepare(&topo, &mut ts);
        let tags = crate::scene::tag_widths(&topo, &prepared);
        let collapsed = HashSet::new();
        let input = LayoutInput::new(&topo, &prepared.sizes, &collapsed).with_tags(&tags);
        let layout = crate::layout::layout(&input.arranged(Arrangement::Outline, 30.0));
        let evaluation = crate::eval::Evaluation::of(map, &topo);
        IN_TWO.with(|c| c.set(in_two));
        let scene = crate::scene::build(&topo, &layout, &prepared, &Palette::LIGHT, None, Some(&evaluation));
        let d = vec![true; topo.len()];
        let cx = Context {
            topo: &topo,
            layout: &layout,
            prepared: &prepared,
            palette: &Palette::LIGHT,
            drawn: &d,
        };
        let (slots, order) = hanging(&cx);
        let split = halves(&cx, &Columns::of(&layout), &slots, &order).is_some();
        IN_TWO.with(|c| c.set(IN_TWO_FROM));
        (scene, split)
    }

    /// Two scenes draw the same: every relation's arrow, the cross-links, the tags and badges
    /// after the arrows, the boxes.
    fn same(a: &Scene, b: &Scene) -> Result<(), TestCaseError> {
        let items = |s: &Scene, r: &std::ops::Range<u32>| s.items[r.start as usize..r.end as usize].to_vec();
        prop_assert_eq!(a.arrows.len(), b.arrows.len());
        for (ra, rb) in a.arrows.iter().zip(&b.arrows) {
            prop_assert_eq!(items(a, ra), items(b, rb));
        }
        prop_assert_eq!(items(a, &a.cross_links), items(b, &b.cross_links));
        prop_assert_eq!(&a.items[a.arrows_end..], &b.items[b.arrows_end..]);
        prop_assert_eq!(a.items.len(), b.items.len());
        prop_assert_eq!((a.continued, a.disabled, &a.starts), (b.continued, b.disabled, &b.starts));
        prop_assert_eq!((&a.boxes, &a.tags, a.bounds), (&b.boxes, &b.tags, b.bounds));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whatever the map (co-premises hanging on both sides of the middle column, undercuts of
        /// arrows drawn before and after them, cross-links, cycles), an outline's arrows drawn in
        /// two halves at once are the arrows drawn in one go.
        #[test]
        fn issue35_arrows_drawn_in_two_halves_are_the_arrows_drawn_in_one_go(
            map in crate::model::sample::maps(20..150, 10..220, 0..16)
        ) {
            let (halved, _) = drawn(&map, 0);
            let (whole, _) = drawn(&map, usize::MAX);
            same(&halved, &whole)?;
        }
    }

    /// The map's index, texts, outline (in a wide frame: many columns) and evaluation.
    fn parts(map: &ArgumentMap) -> (Topology<'_>, crate::scene::Prepared, Layout, crate::eval::Evaluation) {
        let topo = Topology::new(map);
        let prepared = crate::scene::prepare(&topo, &mut Typesetter::new());
        let tags = crate::scene::tag_widths(&topo, &prepared);
        let collapsed = HashSet::new();
        let input = LayoutInput::new(&topo, &prepared.sizes, &collapsed).with_tags(&tags);
        let layout = crate::layout::layout(&input.arranged(Arrangement::Outline, 30.0));
        let evaluation = crate::eval::Evaluation::of(map, &topo);
        (topo, prepared, layout, evaluation)
    }

    /// The map drawn whole, and drawn near a view spanning `near` across it (as a huge map is
    /// drawn first: drawing near a view is tried whatever the map's size).
    fn drawn_near(map: &ArgumentMap, near: impl Fn(Rect) -> (f32, f32)) -> (Scene, Scene) {
        let (topo, prepared, layout, evaluation) = parts(map);
        let basis = crate::scene::Basis { topo: &topo, layout: &layout, prepared: &prepared };
        let palette = &Palette::LIGHT;
        IN_TWO.with(|c| c.set(0));
        let whole = crate::scene::build(&topo, &layout, &prepared, palette, None, Some(&evaluation));
        let mut part = Scene::default();
        let x = whole.bounds.map(near);
        crate::scene::rebuild_near(&mut part, basis, palette, (None, Some(&evaluation)), x);
        IN_TWO.with(|c| c.set(IN_TWO_FROM));
        (whole, part)
    }

    /// What a view of `view` paints of a scene: the items the canvas asks for there
    /// ([`Scene::items_near`]) that reach into it, the boxes and the tags, each as text, sorted.
    fn seen(scene: &Scene, view: &Rect) -> Vec<String> {
        let reach = |item: &&crate::scene::Item| {
            crate::scene::runs::item_bounds(item).is_some_and(|b| b.overlaps(view))
        };
        let items = scene.items_near(0..scene.items.len(), view).flatten();
        let mut seen: Vec<String> = items.filter(reach).map(|i| format!("{i:?}")).collect();
        seen.extend(scene.boxes_near(view).filter(|b| b.rect.overlaps(view)).map(|b| format!("{b:?}")));
        seen.extend(scene.tags.iter().filter(|t| t.0.overlaps(view)).map(|t| format!("{t:?}")));
        seen.sort();
        seen
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Drawn near a view, a map without undercuts (co-premises hanging in columns on both
        /// sides of the view, cross-links, cycles, tags) says where its drawing is whole, and a
        /// view anywhere inside that (the one asked for, the whole of it, top to bottom) sees
        /// exactly what it sees of the whole drawing: every arrow, tag and box, and the same
        /// bounds. Leaving out the co-premises hanging before the view, or a straddling
        /// relation's tag, or drawing an unhung relation as a cross-link, fails it.
        #[test]
        fn issue35_a_view_inside_the_columns_drawn_near_it_sees_the_whole_drawing(
            mut map in crate::model::sample::maps(20..150, 10..220, 0..1),
            (at, span, down) in (0f32..1.0, 0f32..0.4, 0f32..1.0),
            rated in proptest::collection::vec(any::<bool>(), 0..220),
        ) {
            // Rated relations have tags, above their first premises.
            let ids: Vec<_> = map.relations().map(|(id, _)| id).collect();
            for (id, _) in ids.into_iter().zip(rated).filter(|(_, r)| *r) {
                let rating = Some(crate::model::Rating::Strong);
                crate::edit::apply(&mut map, crate::edit::Edit::SetRating { id, rating }).expect("rated");
            }
            let near = |b: Rect| (b.x + at * b.w, b.x + (at + span) * b.w);
            let (whole, part) = drawn_near(&map, near);
            prop_assert_eq!(part.bounds, whole.bounds);
            let Some(bounds) = whole.bounds else { return Ok(()) };
            let Some((left, right)) = part.near else {
                return same(&part, &whole);
            };
            let (a, b) = near(bounds);
            prop_assert!(left <= a && b < right, "the claim {:?} holds the view {:?}", (left, right), (a, b));
            let asked = Rect { x: a, y: bounds.y + down * bounds.h, w: b - a, h: 300.0 };
            let (l, r) = (left.max(bounds.x - 50.0), right.min(bounds.right() + 50.0));
            let all = Rect { x: l, y: bounds.y - 50.0, w: r - l - 0.01, h: bounds.h + 100.0 };
            for view in [asked, all] {
                prop_assert_eq!(seen(&part, &view), seen(&whole, &view));
            }
        }
    }

    /// A generated map is drawn near a view: a few of its columns, far fewer boxes and arrows.
    #[test]
    fn issue35_a_large_outline_is_drawn_near_a_view_first() {
        let map = crate::synth::generate(3_000, 1);
        let (whole, part) = drawn_near(&map, |b| (b.x + b.w / 2.0, b.x + b.w / 2.0 + 800.0));
        let (left, right) = part.near.expect("drawn near the view");
        assert!(right - left < whole.bounds.map_or(0.0, |b| b.w) / 3.0, "{left}..{right}");
        assert!(
            part.boxes.len() * 4 < whole.boxes.len(),
            "{} of {} boxes",
            part.boxes.len(),
            whole.boxes.len()
        );
        assert!(
            part.items.len() * 4 < whole.items.len(),
            "{} of {} items",
            part.items.len(),
            whole.items.len()
        );
        let view = Rect { x: left, y: -100.0, w: right - left - 0.01, h: 1e6 };
        assert_eq!(seen(&part, &view), seen(&whole, &view));
    }

    /// A generated map is drawn in two halves, and the same as in one go.
    #[test]
    fn issue35_a_large_outline_is_drawn_in_two_halves() {
        let map = crate::synth::generate(3_000, 1);
        let (halved, split) = drawn(&map, 0);
        assert!(split, "the generated map is drawn in two halves");
        let (whole, _) = drawn(&map, usize::MAX);
        same(&halved, &whole).unwrap();
    }
}
