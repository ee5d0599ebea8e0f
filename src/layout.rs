//! Automatic layout: a pure function from a map (box sizes, collapsed branches, pinned positions)
//! to a position for every visible statement. Same input, same output.
//!
//! The map is laid out as a tidy tree, Rationale's way: the claim on top, the reasons and
//! objections of a statement below it (supports to the left of objections, each in file order),
//! recursively; a statement undercutting a relation sits right beside that relation's premises.
//! A statement hangs under the conclusion of its *first* relation (in file order; for an undercut,
//! the conclusion of the relation it undercuts);
//! its other relations are cross-links, drawn but not used for placement. Co-premises of one
//! relation sit side by side. Every subtree owns its own column of the map, so boxes never
//! overlap and an edit moves only the branches beside and above it, never reorders any.
//!
//! Statements unreachable from a claim (objection cycles) start trees of their own, in file order.
//! All walks are iterative, so a chain of any depth cannot overflow the stack.
//!
//! Must not touch: egui, files.

use crate::model::{ArgumentMap, Index, RelationId, RelationKind, StatementId, Topology};
use std::collections::HashSet;

/// Horizontal gap between sibling subtrees.
pub const H_GAP: f32 = 28.0;
/// Horizontal gap between the co-premises of one relation.
pub const COPREMISE_GAP: f32 = 12.0;
/// Vertical gap between a statement and its reasons and objections.
pub const V_GAP: f32 = 64.0;
/// Horizontal gap between separate trees.
pub const TREE_GAP: f32 = 80.0;

/// A rectangle in map coordinates (one unit is one point at 100% zoom; y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// The centre point.
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the two rectangles share any area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    /// Whether the rectangles touch: as [`Rect::overlaps`], but sharing an edge counts, so a
    /// rectangle of no width or height (a straight line's bounds) touches what it lies on.
    pub fn touches(&self, o: &Rect) -> bool {
        self.x <= o.right() && o.x <= self.right() && self.y <= o.bottom() && o.y <= self.bottom()
    }

    /// Whether the point lies inside.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect { x, y, w: self.right().max(o.right()) - x, h: self.bottom().max(o.bottom()) - y }
    }
}

/// What the layout needs to know besides the map.
pub struct LayoutInput<'a> {
    /// The map's structure.
    pub topo: &'a Topology<'a>,
    /// The size (width, height) of each statement's box, by file-order position.
    pub sizes: &'a [(f32, f32)],
    /// Statements whose branches are collapsed (their descendants are hidden).
    pub collapsed: &'a HashSet<StatementId>,
}

/// One placed statement (its id is its `position` in the map's [`Index`]: a placement holds no
/// text, so laying out a large map after an edit never touches the statements themselves).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Its box.
    pub rect: Rect,
    /// The statement it hangs under (the conclusion of its first relation), if visible.
    pub parent: Option<usize>,
    /// The relation it hangs under its parent by.
    pub via: Option<RelationId>,
    /// How many statements its collapsed branch hides (0 when expanded or a leaf).
    pub hidden: usize,
    /// How many statements hang under it when expanded.
    pub descendants: usize,
    /// Its statement's file-order position (its entry in the box sizes).
    pub position: usize,
}

/// The result: every visible statement placed, in the tree's pre-order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Visible statements in pre-order (roots in file order, each followed by its subtree).
    pub placed: Vec<Placed>,
    /// Where each statement of the map is in file order (finds a statement by id).
    pub index: Index,
    /// Index into `placed` by file-order position (`None`: hidden).
    pub by_position: Vec<Option<usize>>,
    /// The bounds of all boxes.
    pub bounds: Option<Rect>,
    /// The shown children of each placed statement, left to right: the slice
    /// `child_items[child_start[i]..child_start[i + 1]]` (flat: no allocation per statement).
    child_start: Vec<usize>,
    child_items: Vec<usize>,
}

impl Layout {
    /// The place in `placed` of a visible statement of `map` (the map laid out).
    pub fn find(&self, map: &ArgumentMap, id: &str) -> Option<usize> {
        self.by_position.get(self.index.position(map, id)?).copied().flatten()
    }

    /// The box of a visible statement of `map` (the map laid out).
    pub fn rect(&self, map: &ArgumentMap, id: &str) -> Option<Rect> {
        self.find(map, id).map(|i| self.placed[i].rect)
    }

    /// The placement of a visible statement of `map` (the map laid out).
    pub fn get(&self, map: &ArgumentMap, id: &str) -> Option<&Placed> {
        self.find(map, id).map(|i| &self.placed[i])
    }

    /// The id of the statement placed at `i` in `placed` (`map` is the map laid out).
    pub fn id<'m>(&self, map: &'m ArgumentMap, i: usize) -> Option<&'m StatementId> {
        self.index.statement(map, self.placed.get(i)?.position).map(|s| &s.id)
    }

    /// The shown children of the statement placed at `i`, left to right (places in `placed`).
    pub fn children(&self, i: usize) -> &[usize] {
        match (self.child_start.get(i), self.child_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.child_items[a..b],
            _ => &[],
        }
    }

    /// The placement of the statement at a file-order position, if visible.
    pub fn at(&self, position: usize) -> Option<&Placed> {
        self.by_position.get(position).copied().flatten().map(|i| &self.placed[i])
    }

    /// The box of the statement at a file-order position, if visible.
    pub fn rect_at(&self, position: usize) -> Option<Rect> {
        self.by_position.get(position).copied().flatten().map(|i| self.placed[i].rect)
    }
}

/// Lists of lists in two flat vectors (no allocation per list): list `i` is
/// `items[start[i]..start[i + 1]]`.
struct Flat<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T> Flat<T> {
    fn get(&self, i: usize) -> &[T] {
        &self.items[self.start[i]..self.start[i + 1]]
    }
}

/// A statement as the walk reaches it: (statement, parent, the relation it hangs by).
type Visit = (usize, Option<usize>, Option<RelationId>);

/// Lays out the map.
pub fn layout(input: &LayoutInput<'_>) -> Layout {
    let topo = input.topo;
    let n = topo.len();
    let mut collapsed = vec![false; n];
    for id in input.collapsed {
        if let Some(p) = topo.position(id) {
            collapsed[p] = true;
        }
    }
    // The relation each statement hangs by: its first as a premise.
    let primary: Vec<Option<RelationId>> =
        (0..n).map(|s| topo.first_from[s].map(|r| topo.relations[r].id)).collect();
    let kids = tree_kids(topo, &primary);
    let order = walk(&primary, &kids);
    let mut out = visible(topo, &order, &collapsed);
    place(&mut out, topo, input.sizes);
    out
}

/// Tree children of each statement: the premises that hang by a relation into it, supports
/// first, then objections, each group in file order, co-premises in premise order, and the
/// premises of the statements undercutting a relation beside its own.
fn tree_kids(topo: &Topology<'_>, primary: &[Option<RelationId>]) -> Flat<(usize, RelationId)> {
    let n = topo.len();
    let mut kids = Flat { start: Vec::with_capacity(n + 1), items: Vec::with_capacity(n) };
    for c in 0..n {
        kids.start.push(kids.items.len());
        for pass in [RelationKind::Support, RelationKind::Objection] {
            for &r in topo.incoming(c).iter().filter(|&&r| topo.relations[r].kind == pass) {
                for u in std::iter::once(r).chain(topo.undercuts(r).iter().copied()) {
                    let rel = &topo.relations[u];
                    let hanging = rel.premises.iter().filter(|&&p| primary[p] == Some(rel.id));
                    kids.items.extend(hanging.map(|&p| (p, rel.id)));
                }
            }
        }
    }
    kids.start.push(kids.items.len());
    kids
}

/// The trees in pre-order from the claims, then from whatever cycles left unreached; each
/// statement once (iterative, so no depth is too deep).
fn walk(primary: &[Option<RelationId>], kids: &Flat<(usize, RelationId)>) -> Vec<Visit> {
    let n = primary.len();
    let mut visited = vec![false; n];
    let mut order: Vec<Visit> = Vec::with_capacity(n);
    let roots = (0..n).filter(|&i| primary[i].is_none()).chain(0..n);
    let mut stack: Vec<Visit> = Vec::new();
    for root in roots {
        stack.push((root, None, None));
        while let Some((node, parent, via)) = stack.pop() {
            if visited[node] {
                continue;
            }
            visited[node] = true;
            order.push((node, parent, via));
            for &(child, rid) in kids.get(node).iter().rev() {
                if !visited[child] {
                    stack.push((child, Some(node), Some(rid)));
                }
            }
        }
    }
    order
}

/// Tree children as found by the walk. Each statement is in exactly one `kids` list (its first
/// relation's conclusion), so pre-order lists every parent's children left to right.
fn children_of(order: &[Visit], n: usize) -> Flat<usize> {
    let mut start = vec![0usize; n + 1];
    for &(_, parent, ..) in order {
        if let Some(p) = parent {
            start[p + 1] += 1;
        }
    }
    for p in 0..n {
        start[p + 1] += start[p];
    }
    let mut fill = start.clone();
    let mut items = vec![0usize; start[n]];
    for &(node, parent, ..) in order {
        if let Some(p) = parent {
            items[fill[p]] = node;
            fill[p] += 1;
        }
    }
    Flat { start, items }
}

/// The visible statements (those under no collapsed statement) in pre-order, unplaced, with
/// their parents, children and counts of descendants.
fn visible(topo: &Topology<'_>, order: &[Visit], collapsed: &[bool]) -> Layout {
    let n = topo.len();
    let children = children_of(order, n);
    let mut descendants = vec![0usize; n];
    for &(node, parent, ..) in order.iter().rev() {
        if let Some(p) = parent {
            descendants[p] += descendants[node] + 1;
        }
    }
    let mut shown = vec![false; n];
    for &(node, parent, ..) in order {
        shown[node] = parent.is_none_or(|p| shown[p] && !collapsed[p]);
    }
    let mut out = Layout { by_position: vec![None; n], index: topo.index.clone(), ..Layout::default() };
    out.placed.reserve(n);
    let mut slot = vec![usize::MAX; n];
    for &(node, _, via) in order.iter().filter(|v| shown[v.0]) {
        slot[node] = out.placed.len();
        out.by_position[node] = Some(out.placed.len());
        out.placed.push(Placed {
            rect: Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 },
            parent: None,
            via,
            hidden: if collapsed[node] { descendants[node] } else { 0 },
            descendants: descendants[node],
            position: node,
        });
    }
    out.child_start.reserve(out.placed.len() + 1);
    out.child_items.reserve(out.placed.len());
    for &(node, parent, ..) in order.iter().filter(|v| shown[v.0]) {
        out.placed[slot[node]].parent = parent.map(|p| slot[p]).filter(|&s| s != usize::MAX);
        out.child_start.push(out.child_items.len());
        let kids = if collapsed[node] { &[][..] } else { children.get(node) };
        out.child_items.extend(kids.iter().map(|&c| slot[c]));
    }
    out.child_start.push(out.child_items.len());
    out
}

/// Positions every placed box from the box sizes, keeping the tree: subtree widths bottom-up,
/// a column per subtree top-down (a box centred over its children), then pins. Linear, with no
/// hashing: after an edit that only resized boxes (a new text) the app calls it on the previous
/// layout instead of laying the map out again.
pub fn place(out: &mut Layout, topo: &Topology<'_>, sizes: &[(f32, f32)]) {
    let m = out.placed.len();
    let size = |s: usize| sizes.get(out.placed[s].position).copied().unwrap_or((200.0, 60.0));
    // Gaps: co-premises of one relation sit closer together.
    let gap_between = |a: usize, b: usize| {
        let (va, vb) = (out.placed[a].via, out.placed[b].via);
        if va.is_some() && va == vb { COPREMISE_GAP } else { H_GAP }
    };
    let mut block = vec![0f32; m]; // width of the children block
    let mut subtree = vec![0f32; m];
    for s in (0..m).rev() {
        let kids = out.children(s);
        let mut w = 0.0;
        for (k, &c) in kids.iter().enumerate() {
            if k > 0 {
                w += gap_between(kids[k - 1], c);
            }
            w += subtree[c];
        }
        block[s] = w;
        subtree[s] = size(s).0.max(w);
    }
    let mut left = vec![0f32; m];
    let mut rects = vec![Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; m];
    let mut next_root_x = 0.0f32;
    for s in 0..m {
        let (w, h) = size(s);
        let y = match out.placed[s].parent {
            None => {
                left[s] = next_root_x;
                next_root_x += subtree[s] + TREE_GAP;
                0.0
            }
            Some(p) => rects[p].bottom() + V_GAP,
        };
        rects[s] = Rect { x: left[s] + (subtree[s] - w) / 2.0, y, w, h };
        let mut x = left[s] + (subtree[s] - block[s]) / 2.0;
        let kids = out.children(s);
        for (k, &c) in kids.iter().enumerate() {
            if k > 0 {
                x += gap_between(kids[k - 1], c);
            }
            left[c] = x;
            x += subtree[c];
        }
    }
    // Pinned statements move with their subtrees; a pin inside a moved subtree is absolute.
    let mut shift = vec![(0f32, 0f32); m];
    out.bounds = None;
    for s in 0..m {
        let inherited = out.placed[s].parent.map_or((0.0, 0.0), |p| shift[p]);
        shift[s] = match topo.statements.get(out.placed[s].position).and_then(|st| st.pinned) {
            Some(pos) => (pos.x - rects[s].x, pos.y - rects[s].y),
            None => inherited,
        };
        rects[s].x += shift[s].0;
        rects[s].y += shift[s].1;
        out.placed[s].rect = rects[s];
        out.bounds = Some(out.bounds.map_or(rects[s], |b| b.union(&rects[s])));
    }
}

#[cfg(test)]
mod tests;
