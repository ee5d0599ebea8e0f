//! Automatic layout: a pure function from a map (box sizes, collapsed branches, pinned positions)
//! to a position for every visible statement. Same input, same output.
//!
//! The map is laid out as a tidy tree, Rationale's way: the claim on top, the reasons and
//! objections of a statement below it (supports to the left of objections, each in file order),
//! recursively; a statement undercutting a relation sits right beside that relation's premises.
//! The same tree can be arranged three ways ([`Arrangement`]): top down, left to right (the
//! premises of a statement stacked to its right), or on two sides (a claim's reasons to its left,
//! its objections to its right, each branch growing outwards); [`Arrangement::Automatic`] takes
//! the one that fits a frame best ([`choose`]).
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

use crate::model::{ArgumentMap, Arrangement, Index, RelationId, RelationKind, StatementId, Topology};
use std::collections::HashSet;

/// Horizontal gap between sibling subtrees.
pub const H_GAP: f32 = 28.0;
/// Horizontal gap between the co-premises of one relation.
pub const COPREMISE_GAP: f32 = 12.0;
/// Vertical gap between a statement and its reasons and objections.
pub const V_GAP: f32 = 64.0;
/// Horizontal gap between separate trees.
pub const TREE_GAP: f32 = 80.0;
/// Vertical gap between sibling subtrees when premises are stacked (left to right, two sides).
pub const S_GAP: f32 = 12.0;
/// Vertical gap between stacked co-premises of one relation.
pub const STACKED_COPREMISE_GAP: f32 = 8.0;
/// Horizontal gap between a statement and the premises stacked beside it (at least; wider where
/// a relation's tag must fit in it).
pub const D_GAP: f32 = 44.0;
/// Room left around a tag in a horizontal gap.
const TAG_ROOM: f32 = 8.0;
/// The distance between two arrows' lanes: every relation into a statement runs across the gap
/// between it and its premises at a depth of its own (see [`Layout::lane`]).
pub const LANE: f32 = 6.0;
/// The room kept above a box that starts a group's run among its stacked siblings (or an
/// outline's rows): its frame's title goes there, so every frame can carry its title.
pub const TITLE_ROOM: f32 = 24.0;
/// Room between a statement and the first lane (an arrowhead's length and a little).
pub const HEAD_ROOM: f32 = 16.0;
/// Room between the last lane and the premises: brackets of co-premises, tags beside a first
/// leg (two lines of them below), cross-links running along the gap.
pub const NEAR_ROOM: f32 = 36.0;
/// The same below where a relation into the statement has a tag (two lines of it above the
/// bracket of co-premises).
pub const NEAR_ROOM_TAGGED: f32 = 52.0;
/// The same where premises are stacked (tags there widen it as they need).
pub const NEAR_ROOM_STACKED: f32 = 24.0;

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
    /// How to arrange the tree ([`Arrangement::Automatic`]: the one that fits `aspect` best).
    pub arrangement: Arrangement,
    /// The width of the frame divided by its height, for [`Arrangement::Automatic`].
    pub aspect: f32,
    /// The width of the tag of the relation each statement hangs by, by file-order position
    /// (empty: no tags). Stacked arrangements widen the gap before such premises to hold it.
    pub tag_widths: &'a [f32],
    /// Lay out only these statements (focus mode), as if the others were not in the map: one
    /// whose conclusion is not among them starts a tree of its own.
    pub only: Option<&'a HashSet<StatementId>>,
}

impl<'a> LayoutInput<'a> {
    /// The input for a map top down, with no tags.
    pub fn new(topo: &'a Topology<'a>, sizes: &'a [(f32, f32)], collapsed: &'a HashSet<StatementId>) -> Self {
        Self {
            topo,
            sizes,
            collapsed,
            arrangement: Arrangement::TopDown,
            aspect: 16.0 / 9.0,
            tag_widths: &[],
            only: None,
        }
    }

    /// The same, laying out only `only` (see [`LayoutInput::only`]).
    pub fn only(self, only: Option<&'a HashSet<StatementId>>) -> Self {
        Self { only, ..self }
    }

    /// The same, arranged as `arrangement` (for a frame of `aspect` when automatic).
    pub fn arranged(self, arrangement: Arrangement, aspect: f32) -> Self {
        Self { arrangement, aspect, ..self }
    }

    /// The same, with the tag widths of [`LayoutInput::tag_widths`].
    pub fn with_tags(self, tag_widths: &'a [f32]) -> Self {
        Self { tag_widths, ..self }
    }
}

/// Where a statement sits from the statement it hangs under (a tree's root: from where its
/// premises are, but for [`Arrangement::TwoSides`], whose roots have premises on both sides).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    /// Below it: the premises of a statement side by side in a row.
    #[default]
    Below,
    /// To its right: the premises stacked in a column.
    Right,
    /// To its left: the premises stacked in a column.
    Left,
}

impl Side {
    /// Whether siblings are stacked top to bottom (rather than side by side).
    pub fn stacked(self) -> bool {
        self != Side::Below
    }

    /// The point at `breadth` across and `depth` along the direction premises on this side grow
    /// in (depth grows away from the conclusion: down, right, or left).
    pub fn point(self, breadth: f32, depth: f32) -> (f32, f32) {
        match self {
            Side::Below => (breadth, depth),
            Side::Right => (depth, breadth),
            Side::Left => (-depth, breadth),
        }
    }

    /// A point's breadth and depth (see [`Side::point`]).
    pub fn coords(self, (x, y): (f32, f32)) -> (f32, f32) {
        match self {
            Side::Below => (x, y),
            Side::Right => (y, x),
            Side::Left => (y, -x),
        }
    }

    /// A box's extent: breadth from and to, depth of its near edge (towards the conclusions) and
    /// of its far edge (towards the premises).
    pub fn extent(self, r: &Rect) -> (f32, f32, f32, f32) {
        match self {
            Side::Below => (r.x, r.right(), r.y, r.bottom()),
            Side::Right => (r.y, r.bottom(), r.x, r.right()),
            Side::Left => (r.y, r.bottom(), -r.right(), -r.x),
        }
    }
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
    /// Where it sits from its parent.
    pub side: Side,
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
    /// The arrangement it was laid out in (never automatic).
    pub arrangement: Arrangement,
    /// The column of each placed statement's subtree: from where to where it reaches across the
    /// direction its premises grow in (x for [`Side::Below`], y for stacked sides). Nothing of
    /// other subtrees lies in it beyond the statement's parent (without pins).
    pub span: Vec<(f32, f32)>,
    /// The gap between each placed statement and its premises (in the direction they grow in),
    /// for each of its blocks of premises (the second: the right-hand side of a two-sided root).
    pub depth_gap: Vec<[f32; 2]>,
    /// The frame's width over its height, for the outline's columns (0 in the others).
    pub aspect: f32,
    /// The outline's columns: the left edge of each (empty in the other arrangements).
    pub columns: Vec<f32>,
    /// The outline's tag widths by file position (a box with a tag gets room above it).
    pub tag_widths: Vec<f32>,
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

    /// The side the premises in block `g` of a statement lie on (see [`Layout::group`]).
    pub fn group_side(&self, g: usize) -> Side {
        match (g, self.arrangement) {
            (1, _) => Side::Right,
            (_, Arrangement::TopDown | Arrangement::Automatic | Arrangement::Outline) => Side::Below,
            _ => Side::Left,
        }
    }

    /// The block of its parent's premises a placed statement is in: 1 for premises on the right
    /// (left to right, and the right-hand side of two sides), else 0.
    pub fn group(&self, i: usize) -> usize {
        self.placed.get(i).map_or(0, group_of)
    }

    /// The depths (see [`Side::point`]) between which the gap of block `g` of the statement
    /// placed at `i` lies: its far edge, and the near edge of its premises.
    pub fn band(&self, i: usize, g: usize) -> (f32, f32) {
        let side = self.group_side(g);
        let far = side.extent(&self.placed[i].rect).3;
        (far, far + self.depth_gap.get(i).map_or(V_GAP, |gaps| gaps[g]))
    }

    /// The depth of lane `k` in the gap of block `g` of the statement placed at `i`: lane 0
    /// runs nearest the statement.
    pub fn lane(&self, i: usize, g: usize, k: usize) -> f32 {
        self.band(i, g).0 + HEAD_ROOM + LANE * (k as f32 + 0.5)
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

/// A statement as the walk reaches it: (statement, parent, the relation it hangs by, whether
/// that relation, or the one it undercuts, is a support).
type Visit = (usize, Option<usize>, Option<RelationId>, bool);

/// The arrangements [`Arrangement::Automatic`] chooses from, in order of preference on a tie.
pub const CONCRETE: [Arrangement; 3] =
    [Arrangement::TopDown, Arrangement::TwoSides, Arrangement::LeftToRight];

/// Lays out the map.
pub fn layout(input: &LayoutInput<'_>) -> Layout {
    if input.arrangement == Arrangement::Automatic {
        return choose(input);
    }
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
    let only: Vec<bool> = match input.only {
        Some(set) => topo.statements.iter().map(|s| set.contains(s.id.as_str())).collect(),
        None => Vec::new(),
    };
    let mut out = visible(topo, &order, (&collapsed, &only), input.arrangement);
    out.depth_gap = depth_gaps(&out, input.tag_widths);
    if input.arrangement == Arrangement::Outline {
        // Kept for placing again after an edit (the other arrangements do not depend on them).
        out.aspect = input.aspect;
        out.tag_widths = input.tag_widths.to_vec();
    }
    place(&mut out, topo, input.sizes);
    out
}

/// From how many statements the automatic arrangement may be the outline: every tree of a map
/// this large is a sliver in a window, and the outline's columns fill it.
pub const OUTLINE_FROM: usize = 2000;

/// The layout in the arrangement that shows the map largest in a frame of `input.aspect`: the
/// one whose bounds need the least shrinking to fit (ties go to the earlier of [`CONCRETE`]); for
/// a map of [`OUTLINE_FROM`] statements or more, the outline competes too.
pub fn choose(input: &LayoutInput<'_>) -> Layout {
    let aspect = if input.aspect.is_finite() && input.aspect > 0.0 { input.aspect } else { 16.0 / 9.0 };
    let mut best: Option<(f32, Layout)> = None;
    let outline = (input.topo.len() >= OUTLINE_FROM).then_some(Arrangement::Outline);
    for arrangement in CONCRETE.into_iter().chain(outline) {
        let l = layout(&LayoutInput { arrangement, ..*input });
        let scale = l.bounds.map_or(1.0, |b| (aspect / b.w.max(1.0)).min(1.0 / b.h.max(1.0)));
        if best.as_ref().is_none_or(|(s, _)| scale > *s * 1.001) {
            best = Some((scale, l));
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

/// Tree children of each statement: the premises that hang by a relation into it, supports
/// first, then objections, each group in file order, co-premises in premise order, and the
/// premises of the statements undercutting a relation beside its own; each with whether the
/// relation it sides with is a support.
fn tree_kids(topo: &Topology<'_>, primary: &[Option<RelationId>]) -> Flat<(usize, RelationId, bool)> {
    let n = topo.len();
    let mut kids = Flat { start: Vec::with_capacity(n + 1), items: Vec::with_capacity(n) };
    let mut blocks: Vec<usize> = Vec::new(); // where each relation's premises start among c's
    for c in 0..n {
        kids.start.push(kids.items.len());
        kids_of(topo, |p| primary[p], c, (&mut kids.items, &mut blocks));
    }
    kids.start.push(kids.items.len());
    kids
}

/// The tree children of statement `c` (see [`tree_kids`]), appended to `items`; `primary` gives
/// the relation each statement hangs by, `blocks` is room to work in.
fn kids_of(
    topo: &Topology<'_>,
    primary: impl Fn(usize) -> Option<RelationId>,
    c: usize,
    (items, blocks): (&mut Vec<(usize, RelationId, bool)>, &mut Vec<usize>),
) {
    let start = items.len();
    blocks.clear();
    for pass in [RelationKind::Support, RelationKind::Objection] {
        let pro = pass == RelationKind::Support;
        for &r in topo.incoming(c).iter().filter(|&&r| topo.relations[r].kind == pass) {
            blocks.push(items.len() - start);
            for u in std::iter::once(r).chain(topo.undercuts(r).iter().copied()) {
                let rel = &topo.relations[u];
                let hanging = rel.premises.iter().filter(|&&p| primary(p) == Some(rel.id));
                items.extend(hanging.map(|&p| (p, rel.id, pro)));
            }
        }
    }
    blocks.dedup();
    together(topo, &mut items[start..], blocks);
}

/// Brings the premises of one group together, where the group first comes among them: a stable
/// reordering of whole blocks (`blocks`: where each relation's premises start), so co-premises
/// and undercuts stay beside their relation's premises.
fn together(topo: &Topology<'_>, kids: &mut [(usize, RelationId, bool)], blocks: &[usize]) {
    if blocks.len() < 3 || kids.iter().all(|k| topo.groups[k.0].is_none()) {
        return;
    }
    // A block (a relation's premises with those of its undercuts) goes with its first premise's group.
    let group = |b: usize| kids.get(blocks[b]).and_then(|k| topo.groups[k.0]);
    let mut firsts: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for b in 0..blocks.len() {
        if let Some(g) = group(b) {
            firsts.entry(g).or_insert(b);
        }
    }
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&b| (group(b).and_then(|g| firsts.get(&g).copied()).unwrap_or(b), b));
    let end = |b: usize| blocks.get(b + 1).copied().unwrap_or(kids.len());
    let sorted: Vec<(usize, RelationId, bool)> =
        order.iter().flat_map(|&b| kids[blocks[b]..end(b)].iter().copied()).collect();
    kids.copy_from_slice(&sorted);
}

/// The trees in pre-order from the claims, then from whatever cycles left unreached; each
/// statement once (iterative, so no depth is too deep).
fn walk(primary: &[Option<RelationId>], kids: &Flat<(usize, RelationId, bool)>) -> Vec<Visit> {
    let n = primary.len();
    let mut visited = vec![false; n];
    let mut order: Vec<Visit> = Vec::with_capacity(n);
    let roots = (0..n).filter(|&i| primary[i].is_none()).chain(0..n);
    let mut stack: Vec<Visit> = Vec::new();
    for root in roots {
        stack.push((root, None, None, true));
        while let Some((node, parent, via, pro)) = stack.pop() {
            if visited[node] {
                continue;
            }
            visited[node] = true;
            order.push((node, parent, via, pro));
            for &(child, rid, pro) in kids.get(node).iter().rev() {
                if !visited[child] {
                    stack.push((child, Some(node), Some(rid), pro));
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

/// Where a statement sits from its parent in an arrangement: a root's premises grow in the
/// arrangement's direction (for two sides, by whether they support it), and every other
/// statement's premises the way its own branch grows.
fn side_of(arrangement: Arrangement, parent_side: Option<(Side, bool)>, pro: bool) -> Side {
    match (arrangement, parent_side) {
        (Arrangement::TwoSides, Some((_, true))) => {
            if pro {
                Side::Left
            } else {
                Side::Right
            }
        }
        (_, Some((side, _))) => side,
        (Arrangement::TopDown | Arrangement::Automatic | Arrangement::Outline, None) => Side::Below,
        (Arrangement::LeftToRight | Arrangement::TwoSides, None) => Side::Right,
    }
}

/// The visible statements (those under no collapsed statement) in pre-order, unplaced, with
/// their parents, children, sides and counts of descendants.
fn visible(
    topo: &Topology<'_>,
    order: &[Visit],
    (collapsed, only): (&[bool], &[bool]),
    arrangement: Arrangement,
) -> Layout {
    let n = topo.len();
    // With `only`, a statement outside it is not there: one whose parent is not there is a root.
    let there = |s: usize| only.get(s).copied().unwrap_or(true);
    let filtered: Vec<Visit>;
    let order = if only.is_empty() {
        order
    } else {
        filtered = order
            .iter()
            .filter(|v| there(v.0))
            .map(|&(node, parent, via, pro)| match parent {
                Some(p) if !there(p) => (node, None, None, pro),
                _ => (node, parent, via, pro),
            })
            .collect();
        &filtered[..]
    };
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
    let mut out =
        Layout { by_position: vec![None; n], index: topo.index.clone(), arrangement, ..Layout::default() };
    out.placed.reserve(n);
    let mut slot = vec![usize::MAX; n];
    let mut is_root = vec![false; n];
    for &(node, parent, via, pro) in order.iter().filter(|v| shown[v.0]) {
        slot[node] = out.placed.len();
        out.by_position[node] = Some(out.placed.len());
        is_root[node] = parent.is_none();
        let parent_side = parent.map(|p| (out.placed[slot[p]].side, is_root[p]));
        out.placed.push(Placed {
            rect: Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 },
            parent: None,
            via,
            hidden: if collapsed[node] { descendants[node] } else { 0 },
            descendants: descendants[node],
            position: node,
            side: side_of(arrangement, parent_side, pro),
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

/// The gap between each placed statement and each block of its premises: room for a lane per
/// relation into it (co-premises share one, each undercut of them has its own) between
/// [`HEAD_ROOM`] and [`NEAR_ROOM`], at least [`V_GAP`] below or [`D_GAP`] beside; beside, also
/// room for the widest tag of those relations.
fn depth_gaps(out: &Layout, tag_widths: &[f32]) -> Vec<[f32; 2]> {
    (0..out.placed.len()).map(|s| depth_gap(out, s, tag_widths)).collect()
}

/// [`depth_gaps`] of the statement placed at `s`.
fn depth_gap(out: &Layout, s: usize, tag_widths: &[f32]) -> [f32; 2] {
    let mut gaps = [V_GAP; 2];
    for (g, gap) in gaps.iter_mut().enumerate() {
        // One pass over the block's premises: its lanes (a relation's premises share one),
        // whether they are stacked, the widest tag among them.
        let (mut lanes, mut stacked, mut widest) = (0usize, false, 0f32);
        let mut last: Option<Option<RelationId>> = None;
        for c in out.children(s).iter().map(|&c| &out.placed[c]).filter(|c| group_of(c) == g) {
            if last.is_none() {
                stacked = c.side.stacked();
            }
            if last != Some(c.via) {
                lanes += 1;
            }
            last = Some(c.via);
            widest = widest.max(tag_widths.get(c.position).copied().unwrap_or(0.0));
        }
        let near = if stacked && widest > 0.0 { NEAR_ROOM.max(widest + 3.0 * TAG_ROOM) } else { NEAR_ROOM };
        let base = if stacked { D_GAP } else { V_GAP };
        *gap = base.max(HEAD_ROOM + LANE * lanes as f32 + near);
    }
    gaps
}

/// Widens or narrows the gaps for new tags (a relation titled or rated after the layout was
/// made) and places the boxes again if a gap changed.
pub fn retag(out: &mut Layout, topo: &Topology<'_>, sizes: &[(f32, f32)], tag_widths: &[f32]) -> bool {
    let gaps = depth_gaps(out, tag_widths);
    if gaps == out.depth_gap {
        return false;
    }
    out.depth_gap = gaps;
    place(out, topo, sizes);
    true
}

/// Breadth (across the direction premises grow in) and the gaps between siblings, by side.
fn breadth(side: Side, (w, h): (f32, f32)) -> f32 {
    if side.stacked() { h } else { w }
}

fn sibling_gap(side: Side, copremises: bool) -> f32 {
    match (side.stacked(), copremises) {
        (false, true) => COPREMISE_GAP,
        (false, false) => H_GAP,
        (true, true) => STACKED_COPREMISE_GAP,
        (true, false) => S_GAP,
    }
}

/// [`place`] for the outline arrangement ([`outline::place`]).
fn place_outline(out: &mut Layout, topo: &Topology<'_>, sizes: &[(f32, f32)]) {
    let tags = std::mem::take(&mut out.tag_widths);
    // Room above the premise of an undercut argument too, for its DISABLED badge (a map with no
    // undercut, most of them, takes its tags as they are).
    let undercuts = topo.has_undercuts();
    let undercut: Vec<bool> = if undercuts {
        (0..topo.relations.len()).map(|r| !topo.undercuts(r).is_empty()).collect()
    } else {
        Vec::new()
    };
    let argued = |s: usize| topo.first_from.get(s).copied().flatten().is_some_and(|r| undercut[r]);
    let tagged: Vec<f32> = if undercuts {
        (0..topo.len())
            .map(|s| {
                let own = tags.get(s).copied().unwrap_or(0.0);
                if argued(s) { own.max(1.0) } else { own }
            })
            .collect()
    } else {
        Vec::new()
    };
    // An undercut stays in a column with the argument it answers.
    let is_undercut = |p: &Placed| {
        let r = topo.first_from.get(p.position).copied().flatten();
        undercuts && r.is_some_and(|r| topo.relations.get(r).is_some_and(|rel| rel.undercuts.is_some()))
    };
    // Room above a row that starts a run of a group's members, for its frame's title (none in a
    // map without groups).
    let starts: Vec<bool> = if topo.map.groups().is_empty() {
        Vec::new()
    } else {
        (0..out.placed.len())
            .map(|s| {
                let group = |s: usize| topo.groups.get(out.placed[s].position).copied().flatten();
                group(s).is_some_and(|g| s == 0 || group(s - 1) != Some(g))
            })
            .collect()
    };
    let tagged = if undercuts { &tagged } else { &tags };
    outline::place(out, sizes, outline::RowsOf { tagged, starts: &starts, undercuts: is_undercut });
    out.tag_widths = tags;
}

/// Positions every placed box from the box sizes, keeping the tree: subtree breadths bottom-up,
/// a column per subtree top-down (a box centred beside its premises), then pins. Linear, with no
/// hashing: after an edit that only resized boxes (a new text) the app calls it on the previous
/// layout instead of laying the map out again.
pub fn place(out: &mut Layout, topo: &Topology<'_>, sizes: &[(f32, f32)]) {
    if out.arrangement == Arrangement::Outline {
        place_outline(out, topo, sizes);
        return;
    }
    let (block, subtree) = breadths(out, topo, sizes);
    let size = |s: usize| sizes.get(out.placed[s].position).copied().unwrap_or((200.0, 60.0));
    let m = out.placed.len();
    let mut lo = vec![0f32; m];
    let mut rects = vec![Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; m];
    let mut next_root = 0.0f32;
    for s in 0..m {
        let (w, h) = size(s);
        let side = out.placed[s].side;
        let depth_at = match out.placed[s].parent {
            None => {
                lo[s] = next_root;
                next_root += subtree[s] + TREE_GAP;
                0.0
            }
            Some(p) => {
                let gaps = out.depth_gap.get(p).copied().unwrap_or([V_GAP; 2]);
                let (r, gap) = (rects[p], gaps[group_of(&out.placed[s])]);
                match side {
                    Side::Below => r.bottom() + gap,
                    Side::Right => r.right() + gap,
                    Side::Left => r.x - gap - w,
                }
            }
        };
        let across = lo[s] + (subtree[s] - breadth(side, (w, h))) / 2.0;
        rects[s] = if side.stacked() {
            Rect { x: depth_at, y: across, w, h }
        } else {
            Rect { x: across, y: depth_at, w, h }
        };
        // Premises, a block per side, each centred on this statement's column.
        let kids = out.children(s);
        for (group, &width) in block[s].iter().enumerate() {
            let mut at = lo[s] + (subtree[s] - width) / 2.0;
            let mut prev: Option<usize> = None;
            for &c in kids.iter().filter(|&&c| group_of(&out.placed[c]) == group) {
                if let Some(b) = prev {
                    at += sibling_gap(out.placed[c].side, out.placed[b].via == out.placed[c].via);
                }
                at += title_room(out, topo, c, prev.unwrap_or(s));
                lo[c] = at;
                at += subtree[c];
                prev = Some(c);
            }
        }
    }
    out.span = (0..m).map(|s| (lo[s], lo[s] + subtree[s])).collect();
    apply_pins(out, topo, rects);
}

/// Which of a statement's blocks of premises a premise is in: 1 for premises on the right, else 0.
fn group_of(p: &Placed) -> usize {
    usize::from(p.side == Side::Right && p.parent.is_some())
}

/// The room above stacked statement `c`, placed after `before` (its previous sibling, or its
/// parent when it is the first): [`TITLE_ROOM`] when it starts a run of its group's members
/// (the one before is not in that group), for the group frame's title.
fn title_room(out: &Layout, topo: &Topology<'_>, c: usize, before: usize) -> f32 {
    let group = |s: usize| topo.groups.get(out.placed[s].position).copied().flatten();
    let starts = group(c).is_some_and(|g| group(before) != Some(g));
    if starts && out.placed[c].side.stacked() { TITLE_ROOM } else { 0.0 }
}

/// The breadth of each statement's blocks of premises (one per side they grow on), and of its
/// whole subtree, bottom-up.
fn breadths(out: &Layout, topo: &Topology<'_>, sizes: &[(f32, f32)]) -> (Vec<[f32; 2]>, Vec<f32>) {
    let m = out.placed.len();
    let size = |s: usize| sizes.get(out.placed[s].position).copied().unwrap_or((200.0, 60.0));
    let mut block = vec![[0f32; 2]; m];
    let mut subtree = vec![0f32; m];
    for s in (0..m).rev() {
        let mut prev: [Option<usize>; 2] = [None, None];
        for &c in out.children(s) {
            let g = group_of(&out.placed[c]);
            if let Some(b) = prev[g] {
                block[s][g] += sibling_gap(out.placed[c].side, out.placed[b].via == out.placed[c].via);
            }
            block[s][g] += title_room(out, topo, c, prev[g].unwrap_or(s));
            block[s][g] += subtree[c];
            prev[g] = Some(c);
        }
        subtree[s] = breadth(out.placed[s].side, size(s)).max(block[s][0]).max(block[s][1]);
    }
    (block, subtree)
}

/// Moves pinned statements with their subtrees (a pin inside a moved subtree is absolute) and
/// sets the boxes, the spans and the bounds.
fn apply_pins(out: &mut Layout, topo: &Topology<'_>, mut rects: Vec<Rect>) {
    let m = out.placed.len();
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
        let along = if out.placed[s].side.stacked() { shift[s].1 } else { shift[s].0 };
        out.span[s].0 += along;
        out.span[s].1 += along;
        out.placed[s].rect = rects[s];
        out.bounds = Some(out.bounds.map_or(rects[s], |b| b.union(&rects[s])));
    }
}

pub mod outline;
pub mod route;
pub mod splice;

#[cfg(test)]
mod tests;
