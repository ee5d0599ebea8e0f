//! Following a structural edit in place: a statement added as the only premise of a new
//! relation, or taken away again (an objection added, and undone), changes one list of children
//! in the tree. The last layout's tree is kept, the statement put in or taken out where a fresh
//! layout would have it, and the boxes placed again ([`place`]); building the tree again (its
//! children, walk, visible statements and gaps) is most of a layout's time on a large map.
//!
//! Every change is checked against what a fresh layout would do (the changed statement's
//! children made afresh and compared); anything else gives `None`, and the caller lays the map
//! out again. The result equals [`super::layout`] of the new map (a property test says so).
//! Walks are iterative.

use super::{Layout, Placed, Rect, depth_gap, kids_of, place, side_of};
use crate::edit::Reshape;
use crate::model::{RelationId, StatementId, Topology};
use std::collections::HashSet;

/// The layout of `topo` (the map after the edit `reshape`) from `old` (the layout of the map
/// before it, with the same branches `collapsed`), with the new box `sizes` and `tag_widths`
/// (by file position), for a frame of `aspect` (the outline's columns fit it); `None` when it
/// cannot follow the edit in place.
pub fn splice(
    old: &Layout,
    topo: &Topology<'_>,
    reshape: &Reshape,
    collapsed: &HashSet<StatementId>,
    (sizes, tag_widths, aspect): (&[(f32, f32)], &[f32], f32),
) -> Option<Layout> {
    cut(old, topo, reshape, collapsed).map(|cut| finish(cut, topo, (sizes, tag_widths, aspect)))
}

/// The tree of a spliced layout, its boxes not placed yet ([`cut`], then [`finish`]).
pub struct Cut {
    out: Layout,
    /// The places whose gaps changed.
    changed: [Option<usize>; 2],
}

/// The first part of [`splice`], which needs no box size: the kept tree with the statement put
/// in or taken out (so it can be done while the texts are wrapped).
pub fn cut(
    old: &Layout,
    topo: &Topology<'_>,
    reshape: &Reshape,
    collapsed: &HashSet<StatementId>,
) -> Option<Cut> {
    let (mut out, changed) = match reshape {
        Reshape::Added { statement, relation } => added(old, topo, (statement, *relation), collapsed)?,
        Reshape::Removed { statement, relation, .. } => removed(old, topo, statement, *relation)?,
    };
    out.index.clone_from(&topo.index);
    Some(Cut { out, changed })
}

/// The rest of [`splice`]: the gaps and the boxes placed with their sizes.
pub fn finish(
    Cut { mut out, changed }: Cut,
    topo: &Topology<'_>,
    (sizes, tag_widths, aspect): (&[(f32, f32)], &[f32], f32),
) -> Layout {
    if out.arrangement == crate::model::Arrangement::Outline {
        out.tag_widths = tag_widths.to_vec();
        out.aspect = aspect;
    }
    for at in changed.into_iter().flatten() {
        out.depth_gap[at] = depth_gap(&out, at, tag_widths);
    }
    place(&mut out, topo, sizes);
    out
}

/// The children of the statement placed at `x` as a fresh layout would have them: (position,
/// relation), from the map itself.
fn fresh_children(topo: &Topology<'_>, x: usize, old: &Layout) -> Vec<(usize, RelationId, bool)> {
    let primary = |p: usize| topo.first_from[p].map(|r| topo.relations[r].id);
    let mut items = Vec::new();
    kids_of(topo, primary, old.placed[x].position, (&mut items, &mut Vec::new()));
    items
}

/// Where the subtree of the statement placed at `i` ends in `placed` (one past its last box).
fn subtree_end(layout: &Layout, i: usize) -> usize {
    let mut e = i;
    while let Some(&last) = layout.children(e).last() {
        e = last;
    }
    e + 1
}

/// A statement added at the end of the map as the only premise of the new relation.
/// Returns the layout and the places whose gaps changed (the parent's, the new statement's).
fn added(
    old: &Layout,
    topo: &Topology<'_>,
    (statement, relation): (&str, RelationId),
    collapsed: &HashSet<StatementId>,
) -> Option<(Layout, [Option<usize>; 2])> {
    let s = topo.position(statement)?;
    let n = topo.len();
    // Every other statement keeps its place in file order; the new one comes last.
    if s + 1 != n || old.by_position.len() != s || !topo.index.extends(&old.index) {
        return None;
    }
    let r = topo.first_from[s]?;
    let rel = &topo.relations[r];
    if rel.id != relation || rel.premises.len() != 1 {
        return None;
    }
    // It hangs under its conclusion, which must be shown with its premises.
    let x = old.by_position.get(rel.conclusion).copied().flatten()?;
    if collapsed.contains(topo.statements[rel.conclusion].id.as_str()) {
        return None;
    }
    let fresh = fresh_children(topo, x, old);
    let k = fresh.iter().position(|&(p, ..)| p == s)?;
    let kept: Vec<usize> = old.children(x).iter().map(|&c| old.placed[c].position).collect();
    let others = fresh.iter().filter(|&&(p, ..)| p != s).map(|&(p, ..)| p);
    if !others.eq(kept.iter().copied()) {
        return None;
    }
    let at = match k {
        0 => x + 1,
        _ => subtree_end(old, old.children(x)[k - 1]),
    };
    let (_, via, pro) = fresh[k];
    let parent_side = Some((old.placed[x].side, old.placed[x].parent.is_none()));
    let placed = Placed {
        rect: Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 },
        parent: Some(x),
        via: Some(via),
        hidden: 0,
        descendants: 0,
        position: s,
        side: side_of(old.arrangement, parent_side, pro),
    };
    // The boxes before it keep their places (and their parents, which come before them); those
    // after it move one on.
    let mut out = skeleton(old);
    out.placed.reserve(old.placed.len() + 1);
    out.placed.extend_from_slice(&old.placed[..at]);
    out.placed.push(placed);
    let moved =
        |p: &Placed| Placed { parent: p.parent.map(|q| if q >= at { q + 1 } else { q }), ..p.clone() };
    out.placed.extend(old.placed[at..].iter().map(moved));
    out.depth_gap.reserve(old.depth_gap.len() + 1);
    out.depth_gap.extend_from_slice(&old.depth_gap[..at]);
    out.depth_gap.push([super::V_GAP; 2]);
    out.depth_gap.extend_from_slice(&old.depth_gap[at..]);
    for_ancestors(&mut out, Some(x), |p| p.descendants += 1);
    links_inserted(old, &mut out, (at, x, k), s);
    Some((out, [Some(x), Some(at)])) // the parent comes before its premises: it kept its place
}

/// The statement taken away (and its relation), if it was a shown leaf hanging alone by it and
/// it was the map's last statement.
fn removed(
    old: &Layout,
    topo: &Topology<'_>,
    statement: &str,
    relation: RelationId,
) -> Option<(Layout, [Option<usize>; 2])> {
    let n = topo.len();
    if old.by_position.len() != n + 1 || !old.index.extends(&topo.index) || topo.position(statement).is_some()
    {
        return None;
    }
    let i = old.by_position[n]?;
    let p = &old.placed[i];
    let x = p.parent?;
    if p.via != Some(relation) || !old.children(i).is_empty() || p.descendants != 0 {
        return None;
    }
    // Nothing else hung by the relation, and the parent's other children stay as they were.
    let kept: Vec<usize> =
        old.children(x).iter().filter(|&&c| c != i).map(|&c| old.placed[c].position).collect();
    if old.children(x).iter().any(|&c| c != i && old.placed[c].via == Some(relation)) {
        return None;
    }
    let x_new = if x > i { x - 1 } else { x };
    let mut out = skeleton(old);
    out.placed.reserve(old.placed.len());
    out.placed.extend_from_slice(&old.placed[..i]);
    let moved = |p: &Placed| Placed { parent: p.parent.map(|q| if q > i { q - 1 } else { q }), ..p.clone() };
    out.placed.extend(old.placed[i + 1..].iter().map(moved));
    out.depth_gap.extend(old.depth_gap.iter().enumerate().filter(|&(k, _)| k != i).map(|(_, g)| *g));
    // Its ancestors (before it: unmoved) have one statement fewer below them.
    for_ancestors(&mut out, Some(x), |p| p.descendants -= 1);
    links_removed(old, &mut out, (i, x), n);
    let fresh = fresh_children(topo, x_new, &out);
    if !fresh.iter().map(|&(p, ..)| p).eq(kept.iter().copied()) {
        return None;
    }
    Some((out, [Some(x_new), None]))
}

/// A layout like `old` with nothing placed yet: what [`place`], [`links_inserted`] and [`links_removed`] do not make
/// again is taken over (the arrangement, the frame's shape).
fn skeleton(old: &Layout) -> Layout {
    Layout { arrangement: old.arrangement, aspect: old.aspect, ..Layout::default() }
}

/// Applies `f` to the statement placed at `from` and each of its ancestors.
fn for_ancestors(out: &mut Layout, from: Option<usize>, mut f: impl FnMut(&mut Placed)) {
    let mut at = from;
    let mut steps = 0;
    while let Some(a) = at.filter(|_| steps <= out.placed.len()) {
        f(&mut out.placed[a]);
        at = out.placed[a].parent;
        steps += 1; // a parent chain never loops; should one, stop
    }
}

/// The children lists and the places by file position of `old` with a leaf put in at place
/// `at` as the `k`-th child of the statement at place `x` (before it): every place from `at`
/// on moves one on; the leaf is the statement at file position `s`, the map's last.
fn links_inserted(old: &Layout, out: &mut Layout, (at, x, k): (usize, usize, usize), s: usize) {
    let shift = |v: usize| if v >= at { v + 1 } else { v };
    // One more child in `x`'s list, and `at` a place with none: the lists after `x`'s start
    // one later.
    out.child_start = old.child_start[..=x].to_vec();
    out.child_start.extend(old.child_start[x + 1..=at].iter().map(|&v| v + 1));
    out.child_start.extend(old.child_start[at..].iter().map(|&v| v + 1));
    let mut items: Vec<usize> = old.child_items.iter().map(|&v| shift(v)).collect();
    items.insert(old.child_start[x] + k, at);
    out.child_items = items;
    out.by_position = old.by_position.iter().map(|p| p.map(shift)).collect();
    out.by_position.resize(s, None);
    out.by_position.push(Some(at));
}

/// The children lists and the places by file position of `old` with the leaf at place `i`
/// (a child of the statement at place `x`, before it; the map's last statement) taken out, for
/// a map of `n` statements: every place after `i` moves one back.
fn links_removed(old: &Layout, out: &mut Layout, (i, x): (usize, usize), n: usize) {
    let shift = |v: usize| if v > i { v - 1 } else { v };
    out.child_start = old.child_start[..=x].to_vec();
    out.child_start.extend(old.child_start[x + 1..i].iter().map(|&v| v - 1));
    out.child_start.extend(old.child_start[i + 1..].iter().map(|&v| v - 1));
    out.child_items = old.child_items.iter().filter(|&&v| v != i).map(|&v| shift(v)).collect();
    out.by_position = old.by_position[..n].iter().map(|p| p.map(shift)).collect();
}
