//! A dense, read-only index of a map's structure: statements and relations by their file-order
//! position, with premises and conclusions as positions too. Layout, roles and drawing walk this
//! instead of looking statements up by id, so one pass over a 10,000-statement map costs
//! microseconds per statement rather than a string hash per step.

use super::{ArgumentMap, Relation, RelationId, RelationKind, Role, Statement};
use smallvec::SmallVec;

/// One relation, with its ends as statement positions.
#[derive(Clone, Debug)]
pub struct Rel<'a> {
    /// Its id.
    pub id: RelationId,
    /// The relation itself.
    pub relation: &'a Relation,
    /// Its kind (the relation's, kept here beside the positions).
    pub kind: RelationKind,
    /// The positions of its premises, in premise order (inline up to three: no allocation for
    /// the usual one or two).
    pub premises: SmallVec<[usize; 3]>,
    /// The position of the statement it argues about: its conclusion, or for an undercut the
    /// conclusion of the relation it undercuts (where the undercut hangs on the map).
    pub conclusion: usize,
    /// For an undercut, the position (in [`Topology::relations`]) of the relation it undercuts.
    pub undercuts: Option<usize>,
    /// Whether it has a title or a rating (a tag on the map), read with the rest.
    pub tagged: bool,
    /// Whether the user doubts any of its critical questions, read with the rest.
    pub doubted: bool,
    /// Whether it says nothing but its kind, premises and end (no title, description, rating,
    /// scheme or doubt), read with the rest: two such relations of two versions of a map are
    /// the same when their kinds and premises are.
    pub bare: bool,
}

/// Where each statement of a map is in file order, found without hashing or reading any text:
/// a dense table by the model's internal node slot. Owned (it does not borrow the map), so the app
/// keeps one beside its layout and finds a statement's box by id in two array reads after the
/// model's own id lookup. Valid for the map it was made from until that map changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    /// The node slot of each statement, by file-order position.
    slots: Vec<u32>,
    /// The file-order position of each node slot (`u32::MAX`: not a statement).
    positions: Vec<u32>,
}

impl Index {
    /// The file-order position of a statement.
    pub fn position(&self, map: &ArgumentMap, id: &str) -> Option<usize> {
        let slot = map.slot(id)?;
        self.positions.get(slot).copied().filter(|&p| p != u32::MAX).map(|p| p as usize)
    }

    /// The statement at a file-order position.
    pub fn statement<'m>(&self, map: &'m ArgumentMap, position: usize) -> Option<&'m Statement> {
        map.statement_in_slot(*self.slots.get(position)? as usize)
    }

    /// The node slot of the statement at a position: the same statement keeps its slot while it
    /// exists (a removed one's may be reused), so it matches a statement across two indexes of
    /// one map before and after an edit.
    pub fn slot(&self, position: usize) -> Option<usize> {
        self.slots.get(position).map(|&s| s as usize)
    }

    /// The position of a node slot (see [`Index::slot`]).
    pub fn position_of_slot(&self, slot: usize) -> Option<usize> {
        self.positions.get(slot).copied().filter(|&p| p != u32::MAX).map(|p| p as usize)
    }

    /// Number of statements.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether this index begins with `shorter`: the same statements at the same positions, and
    /// perhaps more after them (a map with statements added at its end).
    pub fn extends(&self, shorter: &Index) -> bool {
        self.slots.get(..shorter.slots.len()).is_some_and(|start| start == shorter.slots.as_slice())
    }

    /// Whether the map had no statements.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// The structure of a map at one moment, by position. Built in one linear pass over the model's
/// nodes (no id is hashed, no text read); borrows the map.
#[derive(Clone, Debug)]
pub struct Topology<'a> {
    /// The map.
    pub map: &'a ArgumentMap,
    /// Statements in file order.
    pub statements: Vec<&'a Statement>,
    /// Each statement's revision: equal revisions mean equal content (see
    /// [`ArgumentMap::revision`]).
    pub revisions: Vec<u64>,
    /// Whether each statement quotes a source, read with the rest (the drawing marks its box).
    pub sourced: Vec<bool>,
    /// Position of each statement by id.
    pub index: Index,
    /// Relations in file order.
    pub relations: Vec<Rel<'a>>,
    /// For each statement, the first relation (by position in `relations`) it is a premise of.
    pub first_from: Vec<Option<usize>>,
    /// For each statement, the place of its group in [`ArgumentMap::groups`], if it is in one.
    pub groups: Vec<Option<u32>>,
    /// Relations into each statement (its reasons and objections, not undercuts), in file order:
    /// the slice `into_items[into_start[s]..into_start[s + 1]]`.
    into_start: Vec<usize>,
    into_items: Vec<usize>,
    /// Undercuts of each relation, in file order, in the same layout.
    undercut_start: Vec<usize>,
    undercut_items: Vec<usize>,
    /// Relations each statement is a premise of (once per time it is named), in file order, in
    /// the same layout.
    from_start: Vec<u32>,
    from_items: Vec<u32>,
}

/// Groups `0..items` by `key` (each item in at most one of `groups` groups), keeping order: the
/// start of each group's slice and the items.
fn group(groups: usize, keys: impl Iterator<Item = Option<usize>> + Clone) -> (Vec<usize>, Vec<usize>) {
    let mut start = vec![0usize; groups + 1];
    for k in keys.clone().flatten() {
        start[k + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut items = vec![0usize; start[groups]];
    for (i, k) in keys.enumerate() {
        if let Some(k) = k {
            items[fill[k]] = i;
            fill[k] += 1;
        }
    }
    (start, items)
}

/// An undercut hangs where the relation it undercuts concludes (a relation concluding in a
/// statement); one whose target is missing or another undercut is dropped. `undercuts` holds
/// each undercut's position and its target's node slot, `relation_at` each slot's relation. True
/// when some were dropped.
fn resolve_undercuts(
    relations: &mut Vec<Rel<'_>>,
    undercuts: &[(usize, usize)],
    relation_at: &[u32],
) -> bool {
    let direct: Vec<bool> = relations.iter().map(|r| r.conclusion != usize::MAX).collect();
    for &(r, target) in undercuts {
        let t = relation_at.get(target).copied().filter(|&t| t != u32::MAX).map(|t| t as usize);
        if let Some(t) = t.filter(|&t| direct[t]) {
            relations[r].conclusion = relations[t].conclusion;
            relations[r].undercuts = Some(t);
        }
    }
    let dropped = relations.iter().any(|r| r.conclusion == usize::MAX);
    if dropped {
        drop_unresolved(relations);
    }
    dropped
}

/// Running sums of `counts` in place: `counts[s + 1]` (how many items group `s` has) becomes
/// where group `s + 1` starts.
fn starts_of<T: Copy + std::ops::AddAssign>(counts: &mut [T]) {
    for s in 1..counts.len() {
        let before = counts[s - 1];
        counts[s] += before;
    }
}

/// Each statement's relations as a premise and into it, as flat lists ([`by_premise`]).
struct Lists {
    from_start: Vec<u32>,
    from_items: Vec<u32>,
    first_from: Vec<Option<usize>>,
    into_start: Vec<usize>,
    into_items: Vec<usize>,
}

/// The relations each statement is a premise of, in file order, as one flat list: those of
/// statement `s` are `from_items[from_start[s]..from_start[s + 1]]`; and the first of each; and
/// the relations into each statement (not undercuts) in the same layout, in the same pass.
/// `named[s + 1]` says how often statement `s` is named a premise, `into[s + 1]` how many
/// relations conclude in it (they become the starts).
fn by_premise((mut named, mut into): (Vec<u32>, Vec<usize>), relations: &[Rel<'_>]) -> Lists {
    let n = named.len() - 1;
    starts_of(&mut named);
    starts_of(&mut into);
    let (from_start, into_start) = (named, into);
    let (mut fill, mut into_fill) = (from_start.clone(), into_start.clone());
    let mut from_items = vec![0u32; from_start[n] as usize];
    let mut into_items = vec![0usize; into_start[n]];
    let mut first_from = vec![None; n];
    for (r, rel) in relations.iter().enumerate() {
        for &p in &rel.premises {
            from_items[fill[p] as usize] = r as u32;
            fill[p] += 1;
            first_from[p].get_or_insert(r);
        }
        if rel.undercuts.is_none() {
            into_items[into_fill[rel.conclusion]] = r;
            into_fill[rel.conclusion] += 1;
        }
    }
    Lists { from_start, from_items, first_from, into_start, into_items }
}

/// Drops the relations whose end was not found (`usize::MAX`), renumbering the undercut
/// targets of those kept (a dropped target drops the link).
fn drop_unresolved(relations: &mut Vec<Rel<'_>>) {
    let mut kept = vec![usize::MAX; relations.len()];
    let mut next = 0;
    for (r, rel) in relations.iter().enumerate() {
        if rel.conclusion != usize::MAX {
            kept[r] = next;
            next += 1;
        }
    }
    relations.retain(|rel| rel.conclusion != usize::MAX);
    for rel in relations.iter_mut() {
        rel.undercuts = rel.undercuts.map(|t| kept[t]).filter(|&t| t != usize::MAX);
    }
}

/// The place of each statement's group among the map's groups (none for an ungrouped one).
fn group_places(map: &ArgumentMap, statements: &[&Statement]) -> Vec<Option<u32>> {
    if map.groups().is_empty() {
        return vec![None; statements.len()];
    }
    let place: std::collections::HashMap<&str, u32> =
        map.groups().iter().enumerate().map(|(i, g)| (g.id.as_str(), i as u32)).collect();
    statements.iter().map(|s| map.group_of(&s.id).and_then(|g| place.get(g.as_str()).copied())).collect()
}

/// From how many statements a map's statements and its relations' wiring are read on two
/// threads at once (two passes over different nodes, each a few milliseconds at 100,000).
const IN_TWO_FROM: usize = 20_000;

/// A map's statements in file order, read in one pass over the model's nodes.
struct Statements<'a> {
    /// The file-order position of each node slot (`u32::MAX`: not a statement).
    positions: Vec<u32>,
    slots: Vec<u32>,
    statements: Vec<&'a Statement>,
    revisions: Vec<u64>,
    sourced: Vec<bool>,
}

/// Reads the statements of `map` (node slots below `bound`).
fn read_statements(map: &ArgumentMap, bound: usize) -> Statements<'_> {
    let n = map.statement_count();
    let mut read = Statements {
        positions: vec![u32::MAX; bound],
        slots: Vec::with_capacity(n),
        statements: Vec::with_capacity(n),
        revisions: Vec::with_capacity(n),
        sourced: Vec::with_capacity(n),
    };
    for (slot, rev, statement) in map.statement_slots() {
        read.positions[slot] = read.statements.len() as u32;
        read.slots.push(slot as u32);
        read.statements.push(statement);
        read.revisions.push(rev);
        read.sourced.push(statement.source.is_some());
    }
    read
}

/// Reads the relations of `map` in file order, their ends as node slots (made positions once
/// the statements are read), and the relation in each slot (`u32::MAX`: none).
fn read_wiring(map: &ArgumentMap, bound: usize) -> (Vec<Rel<'_>>, Vec<u32>) {
    let mut relation_at = vec![u32::MAX; bound];
    let mut relations = Vec::with_capacity(map.relation_count());
    for w in map.relation_slots() {
        relation_at[w.slot] = relations.len() as u32;
        let tagged = w.relation.label.is_some() || w.relation.rating.is_some();
        relations.push(Rel {
            id: w.id,
            relation: w.relation,
            kind: w.relation.kind,
            premises: w.premises.iter().map(|p| p.index()).collect(),
            conclusion: w.conclusion,
            undercuts: None,
            tagged,
            doubted: !w.relation.doubted.is_empty(),
            bare: !tagged
                && w.relation.description.is_none()
                && w.relation.scheme.is_none()
                && w.relation.doubted.is_empty(),
        });
    }
    (relations, relation_at)
}

/// `a()` and `b()`: on two threads at once when `apart` (and a thread starts), else in turn
/// (what a huge map's picture reads or makes side by side).
pub fn both<A: Send, B: Send>(apart: bool, a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B) {
    if !apart {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, &b);
        let a = a();
        match other.map(|h| h.join()) {
            Ok(Ok(b)) => (a, b),
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => (a, b()), // no thread: here
        }
    })
}

impl<'a> Topology<'a> {
    /// Indexes a map.
    pub fn new(map: &'a ArgumentMap) -> Self {
        let bound = map.slot_bound();
        let apart = map.statement_count() >= IN_TWO_FROM;
        let (read, (mut relations, relation_at)) =
            both(apart, || read_statements(map, bound), || read_wiring(map, bound));
        let Statements { positions, slots, statements, revisions, sourced } = read;
        let n = statements.len();
        let position =
            |slot: usize| positions.get(slot).copied().filter(|&p| p != u32::MAX).map(|p| p as usize);
        // Each end a statement's position; an undercut's end is a relation, resolved once all are
        // known (it may come later).
        let mut undercut_slots: Vec<(usize, usize)> = Vec::new(); // (relation, its target's slot)
        let mut named = vec![0u32; n + 1]; // how often each statement is named a premise, one on
        let mut into = vec![0usize; n + 1]; // how many relations conclude in each, one on
        for (r, rel) in relations.iter_mut().enumerate() {
            match position(rel.conclusion) {
                Some(c) => {
                    rel.conclusion = c;
                    into[c + 1] += 1;
                }
                None => {
                    undercut_slots.push((r, rel.conclusion));
                    rel.conclusion = usize::MAX;
                }
            }
            rel.premises.retain(|p| position(*p).map(|q| *p = q).is_some());
            for &p in &rel.premises {
                named[p + 1] += 1;
            }
        }
        if !undercut_slots.is_empty() && resolve_undercuts(&mut relations, &undercut_slots, &relation_at) {
            // Relations were dropped: counted again.
            (named, into) = (vec![0u32; n + 1], vec![0usize; n + 1]);
            for rel in &relations {
                rel.premises.iter().for_each(|&p| named[p + 1] += 1);
                if rel.undercuts.is_none() {
                    into[rel.conclusion + 1] += 1;
                }
            }
        }
        let Lists { from_start, from_items, first_from, into_start, into_items } =
            by_premise((named, into), &relations);
        let (undercut_start, undercut_items) = if undercut_slots.is_empty() {
            (vec![0; relations.len() + 1], Vec::new()) // no undercut: none of any relation
        } else {
            group(relations.len(), relations.iter().map(|r| r.undercuts))
        };
        let groups = group_places(map, &statements);
        Self {
            map,
            statements,
            revisions,
            sourced,
            index: Index { slots, positions },
            relations,
            first_from,
            groups,
            into_start,
            into_items,
            undercut_start,
            undercut_items,
            from_start,
            from_items,
        }
    }

    /// The file-order position of a statement.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.position(self.map, id)
    }

    /// Number of statements.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    /// Whether the map has no statements.
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// The relations that conclude in statement `s`, as positions in `relations`, in file order.
    pub fn incoming(&self, s: usize) -> &[usize] {
        &self.into_items[self.into_start[s]..self.into_start[s + 1]]
    }

    /// The relations statement `s` is a premise of (positions in `relations`, undercuts too), in
    /// file order; a relation naming it twice is listed twice.
    pub fn outgoing(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self.from_start[s] as usize..self.from_start[s + 1] as usize;
        self.from_items[range].iter().map(|&r| r as usize)
    }

    /// Whether any relation has an undercut.
    pub fn has_undercuts(&self) -> bool {
        !self.undercut_items.is_empty()
    }

    /// The undercuts of relation `r` (positions in `relations`), in file order.
    pub fn undercuts(&self, r: usize) -> &[usize] {
        &self.undercut_items[self.undercut_start[r]..self.undercut_start[r + 1]]
    }

    /// The statement `s` hangs under ([`ArgumentMap::parent_of`]): the conclusion of the first
    /// relation it is a premise of (an undercut's, where the undercut hangs).
    pub fn parent(&self, s: usize) -> Option<usize> {
        let r = self.first_from.get(s).copied().flatten()?;
        Some(self.relations[r].conclusion)
    }

    /// The role of every statement, in file order (see [`ArgumentMap::role`] for the rule).
    pub fn roles(&self) -> Vec<Role> {
        let kind_of_first = |s: usize| self.first_from[s].map(|r| self.relations[r].kind);
        (0..self.len())
            .map(|s| {
                let Some(r) = self.first_from[s] else { return Role::Claim };
                let rel = &self.relations[r];
                let objected = match (rel.kind, rel.undercuts) {
                    (RelationKind::Support, _) => return Role::Reason,
                    (RelationKind::Objection, Some(t)) => Some(self.relations[t].kind),
                    (RelationKind::Objection, None) => kind_of_first(rel.conclusion),
                };
                if objected == Some(RelationKind::Objection) { Role::Rebuttal } else { Role::Objection }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The lists read in one pass (relations into each statement, each statement's as a
        /// premise, each relation's undercuts) are the lists found by looking at every relation.
        #[test]
        fn issue35_the_lists_read_in_one_pass_are_the_lists_looked_up(
            map in crate::model::sample::maps(1..30, 0..50, 0..10)
        ) {
            let topo = Topology::new(&map);
            let rels = &topo.relations;
            for s in 0..topo.len() {
                let into: Vec<usize> =
                    (0..rels.len()).filter(|&r| rels[r].undercuts.is_none() && rels[r].conclusion == s).collect();
                prop_assert_eq!(topo.incoming(s), into.as_slice());
                let from: Vec<usize> = (0..rels.len())
                    .flat_map(|r| rels[r].premises.iter().filter(move |&&p| p == s).map(move |_| r))
                    .collect();
                prop_assert_eq!(topo.outgoing(s).collect::<Vec<_>>(), from.clone());
                prop_assert_eq!(topo.first_from[s], from.first().copied());
            }
            for r in 0..rels.len() {
                let cuts: Vec<usize> = (0..rels.len()).filter(|&u| rels[u].undercuts == Some(r)).collect();
                prop_assert_eq!(topo.undercuts(r), cuts.as_slice());
            }
            prop_assert_eq!(topo.has_undercuts(), rels.iter().any(|r| r.undercuts.is_some()));
        }

        /// A statement's parent read from the index is the one the map names
        /// ([`ArgumentMap::parent_of`]).
        #[test]
        fn issue35_parents_read_from_the_index_are_those_looked_up(
            a in crate::model::sample::maps(1..30, 0..50, 0..10),
        ) {
            let ta = Topology::new(&a);
            for s in 0..ta.len() {
                let parent = ta.parent(s).map(|p| &ta.statements[p].id);
                prop_assert_eq!(parent, a.parent_of(&ta.statements[s].id));
            }
        }
    }
}
