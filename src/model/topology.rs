//! A dense, read-only index of a map's structure: statements and relations by their file-order
//! position, with premises and conclusions as positions too. Layout, roles and drawing walk this
//! instead of looking statements up by id, so one pass over a 10,000-statement map costs
//! microseconds per statement rather than a string hash per step.

use super::{ArgumentMap, Relation, RelationId, RelationKind, Role, Statement};
use foldhash::{HashMap, HashMapExt};
use smallvec::SmallVec;

/// One relation, with its ends as statement positions.
#[derive(Clone, Debug)]
pub struct Rel<'a> {
    /// Its id.
    pub id: RelationId,
    /// The relation itself.
    pub relation: &'a Relation,
    /// The positions of its premises, in premise order (inline up to three: no allocation for
    /// the usual one or two).
    pub premises: SmallVec<[usize; 3]>,
    /// The position of the statement it argues about: its conclusion, or for an undercut the
    /// conclusion of the relation it undercuts (where the undercut hangs on the map).
    pub conclusion: usize,
    /// For an undercut, the position (in [`Topology::relations`]) of the relation it undercuts.
    pub undercuts: Option<usize>,
}

/// The structure of a map at one moment, by position. Built in one linear pass; borrows the map.
#[derive(Clone, Debug)]
pub struct Topology<'a> {
    /// Statements in file order.
    pub statements: Vec<&'a Statement>,
    /// Position of each statement by id.
    pub index: HashMap<&'a str, usize>,
    /// Relations in file order.
    pub relations: Vec<Rel<'a>>,
    /// For each statement, the first relation (by position in `relations`) it is a premise of.
    pub first_from: Vec<Option<usize>>,
    /// Relations into each statement (its reasons and objections, not undercuts), in file order:
    /// the slice `into_items[into_start[s]..into_start[s + 1]]`.
    into_start: Vec<usize>,
    into_items: Vec<usize>,
    /// Undercuts of each relation, in file order, in the same layout.
    undercut_start: Vec<usize>,
    undercut_items: Vec<usize>,
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

impl<'a> Topology<'a> {
    /// Indexes a map.
    pub fn new(map: &'a ArgumentMap) -> Self {
        let statements: Vec<&Statement> = map.statements().collect();
        let n = statements.len();
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
        index.extend(statements.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)));
        let mut relations: Vec<Rel<'a>> = Vec::with_capacity(map.relation_count());
        let mut any_undercut = false;
        for (id, relation) in map.relations() {
            // The model's invariants guarantee every end exists; a missing one is skipped.
            let conclusion = match map.concluded(relation).and_then(|c| index.get(c.as_str())) {
                Some(&c) => c,
                None => continue,
            };
            let premises = relation.premises.iter().filter_map(|p| index.get(p.as_str()).copied()).collect();
            any_undercut |= relation.is_undercut();
            relations.push(Rel { id, relation, premises, conclusion, undercuts: None });
        }
        if any_undercut {
            // Relation ids are file-order keys below `next_relation_id`: a dense table finds them.
            let mut position = vec![usize::MAX; map.next_relation_id().0 as usize];
            for (r, rel) in relations.iter().enumerate() {
                if let Some(slot) = position.get_mut(rel.id.0 as usize) {
                    *slot = r;
                }
            }
            for rel in &mut relations {
                rel.undercuts = rel
                    .relation
                    .conclusion
                    .relation()
                    .and_then(|t| position.get(t.0 as usize).copied())
                    .filter(|&r| r != usize::MAX);
            }
        }
        let mut first_from = vec![None; n];
        for (r, rel) in relations.iter().enumerate() {
            for &p in &rel.premises {
                first_from[p].get_or_insert(r);
            }
        }
        let (into_start, into_items) =
            group(n, relations.iter().map(|r| if r.undercuts.is_none() { Some(r.conclusion) } else { None }));
        let (undercut_start, undercut_items) = group(relations.len(), relations.iter().map(|r| r.undercuts));
        Self {
            statements,
            index,
            relations,
            first_from,
            into_start,
            into_items,
            undercut_start,
            undercut_items,
        }
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

    /// The undercuts of relation `r` (positions in `relations`), in file order.
    pub fn undercuts(&self, r: usize) -> &[usize] {
        &self.undercut_items[self.undercut_start[r]..self.undercut_start[r + 1]]
    }

    /// The role of every statement, in file order (see [`ArgumentMap::role`] for the rule).
    pub fn roles(&self) -> Vec<Role> {
        let kind_of_first = |s: usize| self.first_from[s].map(|r| self.relations[r].relation.kind);
        (0..self.len())
            .map(|s| {
                let Some(r) = self.first_from[s] else { return Role::Claim };
                let rel = &self.relations[r];
                let objected = match (rel.relation.kind, rel.undercuts) {
                    (RelationKind::Support, _) => return Role::Reason,
                    (RelationKind::Objection, Some(t)) => Some(self.relations[t].relation.kind),
                    (RelationKind::Objection, None) => kind_of_first(rel.conclusion),
                };
                if objected == Some(RelationKind::Objection) { Role::Rebuttal } else { Role::Objection }
            })
            .collect()
    }
}
