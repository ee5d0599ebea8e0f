//! Which relation of one version of a map is which relation of another: relations have no id
//! in a file, so they are matched by what they join (`versions` and `edit::reconcile` use it).

use super::{ArgumentMap, Relation, RelationId, Statement, Target};
use foldhash::{HashMap, HashSet};
use smallvec::SmallVec;

/// Each statement of `mine` (a map's, in file order) with the place in `theirs` (the statements
/// of `other`, in file order) of the statement with its id. Both are walked side by side: the
/// next few of `theirs` are compared, so a statement one side added or deleted puts the walk out
/// of step for one statement, not for the rest; an id not there is looked up in `other`'s own
/// index, and `theirs` is listed by id only if one is there but out of the walk's reach (a file
/// in another order). `each` is told of every pair (the place in `mine`, then in `theirs`) as it
/// is found, while both statements are at hand.
pub fn pair_statements<'t>(
    mine: &[&Statement],
    (theirs, other): (&[&'t Statement], &ArgumentMap),
    mut each: impl FnMut(usize, usize),
) -> Vec<Option<usize>> {
    const NEAR: usize = 4;
    let mut next = 0;
    let mut by_id: Option<HashMap<&'t str, usize>> = None;
    let listed = || theirs.iter().enumerate().map(|(k, t)| (t.id.as_str(), k)).collect();
    let mut place = |s: &Statement| {
        let near = (next..(next + NEAR).min(theirs.len())).find(|&k| theirs[k].id == s.id);
        let found = near.or_else(|| {
            other.contains(&s.id).then(|| by_id.get_or_insert_with(listed).get(s.id.as_str()).copied())?
        });
        if let Some(k) = found {
            next = k + 1;
        }
        found
    };
    let mut pairs = Vec::with_capacity(mine.len());
    for (here, s) in mine.iter().enumerate() {
        let found = place(s);
        if let Some(there) = found {
            each(here, there);
        }
        pairs.push(found);
    }
    pairs
}

/// Each relation of `new` matched to one of `old` (new id to old id), each at most once, in
/// three passes: the same premises and conclusion (preferring the same kind: a flip otherwise);
/// the same premises (the relation was moved under another conclusion); the same conclusion
/// with a premise in common (its premises changed, perhaps its kind too). Plain relations first, then
/// undercuts, their targets seen through the match so far.
pub fn match_relations(old: &ArgumentMap, new: &ArgumentMap) -> Matched {
    matching(old, new, &[Pass::Exact, Pass::Premises, Pass::Conclusion])
}

/// Each relation of `new` matched to one of `old` with the same premises and conclusion (the
/// kind may differ: a flip), each at most once; plain relations first, then undercuts.
pub fn match_same_relations(old: &ArgumentMap, new: &ArgumentMap) -> HashMap<RelationId, RelationId> {
    matching(old, new, &[Pass::Exact]).iter().collect()
}

/// The relations of one version of a map matched to another's: new id to old id. Relation ids
/// are places in file order, or the numbers edits gave, so they are dense: a table by id, where
/// a find costs a step rather than a miss of the cache on a huge map (ids far apart, which no
/// file or edit makes, are hashed).
#[derive(Clone, Debug)]
pub struct Matched {
    pairs: Pairs,
    len: usize,
}

#[derive(Clone, Debug)]
enum Pairs {
    /// By id: the matched id, or `u64::MAX` for none.
    Table(Vec<u64>),
    Hashed(HashMap<RelationId, RelationId>),
}

impl Matched {
    /// None matched yet, for ids below `bound` (`count` of them).
    fn below(bound: u64, count: usize) -> Self {
        let pairs = if bound <= 4 * count as u64 + 4096 {
            Pairs::Table(vec![u64::MAX; bound as usize])
        } else {
            Pairs::Hashed(HashMap::with_capacity_and_hasher(count, Default::default()))
        };
        Self { pairs, len: 0 }
    }

    /// Matches `new` to `old` (each new id once).
    fn insert(&mut self, new: RelationId, old: RelationId) {
        if let Pairs::Table(table) = &self.pairs
            && new.0 >= table.len() as u64
        {
            self.pairs = Pairs::Hashed(self.iter().collect());
        }
        let fresh = match &mut self.pairs {
            Pairs::Table(table) => {
                table.get_mut(new.0 as usize).is_some_and(|slot| std::mem::replace(slot, old.0) == u64::MAX)
            }
            Pairs::Hashed(pairs) => pairs.insert(new, old).is_none(),
        };
        self.len += usize::from(fresh);
    }

    /// The relation relation `new` is matched to.
    pub fn get(&self, new: RelationId) -> Option<RelationId> {
        match &self.pairs {
            Pairs::Table(table) => {
                table.get(new.0 as usize).copied().filter(|&o| o != u64::MAX).map(RelationId)
            }
            Pairs::Hashed(pairs) => pairs.get(&new).copied(),
        }
    }

    /// Whether relation `new` is matched.
    pub fn contains(&self, new: RelationId) -> bool {
        self.get(new).is_some()
    }

    /// How many are matched.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none is matched.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every pair, new id then old id (by new id where they are a table).
    pub fn iter(&self) -> impl Iterator<Item = (RelationId, RelationId)> + '_ {
        let (table, hashed) = match &self.pairs {
            Pairs::Table(table) => (Some(table), None),
            Pairs::Hashed(pairs) => (None, Some(pairs)),
        };
        let table = table.into_iter().flat_map(|t| t.iter().enumerate());
        let table =
            table.filter(|&(_, &o)| o != u64::MAX).map(|(n, &o)| (RelationId(n as u64), RelationId(o)));
        table.chain(hashed.into_iter().flatten().map(|(&n, &o)| (n, o)))
    }

    /// The same pairs the other way round: old id to new id.
    pub fn inverse(&self) -> Self {
        let bound = self.iter().map(|(_, o)| o.0).max().map_or(0, |m| m.saturating_add(1));
        let mut out = Self::below(bound, self.len);
        for (n, o) in self.iter() {
            out.insert(o, n);
        }
        out
    }
}

fn matching<'m>(old: &'m ArgumentMap, new: &'m ArgumentMap, passes: &[Pass]) -> Matched {
    let mut matched = Matched::below(new.relation_bound(), new.relation_count());
    // The relations of `old` matched by the passes (those `same_ids` matches are never left).
    let mut used: HashSet<RelationId> = HashSet::default();
    // Each map's relations read once: the plain ones matched by id as they are read, the
    // undercuts kept apart for after them (they are matched through the relations they undercut).
    let (mut old_undercuts, mut new_undercuts) = (Vec::new(), Vec::new());
    let olds = old.relations().filter(|&(id, r)| !apart(&mut old_undercuts, (id, r)));
    let news = new.relations().filter(|&(id, r)| !apart(&mut new_undercuts, (id, r)));
    let left = same_ids(olds, news, &mut matched);
    by_passes(left, passes, (&mut matched, &mut used));
    let left = same_ids(old_undercuts.into_iter(), new_undercuts.into_iter(), &mut matched);
    by_passes(left, passes, (&mut matched, &mut used));
    matched
}

/// Whether a relation is an undercut, kept in `undercuts` if so.
fn apart<'m>(undercuts: &mut Vec<Listed<'m>>, (id, r): Listed<'m>) -> bool {
    if r.is_undercut() {
        undercuts.push((id, r));
    }
    r.is_undercut()
}

/// The passes of the matching over what `same_ids` left unmatched on each side (new, old), in
/// file order: each pass looks only at those still unmatched (two versions of one map leave few).
fn by_passes(
    (mut todo, mut left): (Vec<Listed<'_>>, Vec<Listed<'_>>),
    passes: &[Pass],
    (matched, used): (&mut Matched, &mut HashSet<RelationId>),
) {
    for (k, &pass) in passes.iter().enumerate() {
        if k > 0 {
            todo.retain(|&(id, _)| !matched.contains(id));
            left.retain(|(id, _)| !used.contains(id));
        }
        if todo.is_empty() {
            continue;
        }
        let mut free: HashMap<Key<'_>, Vec<Listed<'_>>> = HashMap::default();
        for &(id, r) in &left {
            for key in pass.keys(r, r.conclusion.relation()) {
                free.entry(key).or_default().push((id, r));
            }
        }
        for &(id, r) in &todo {
            let target = r.conclusion.relation().map(|t| matched.get(t).unwrap_or(RelationId(u64::MAX)));
            let found = pass.keys(r, target).into_iter().find_map(|key| {
                let list = free.get(&key)?;
                let same_kind = list.iter().find(|(o, rel)| rel.kind == r.kind && !used.contains(o));
                let any = || list.iter().find(|(o, _)| !used.contains(o));
                same_kind.or_else(any).map(|(o, _)| *o)
            });
            if let Some(o) = found {
                used.insert(o);
                matched.insert(id, o);
            }
        }
    }
}

/// A relation with its id, as the matching lists them.
type Listed<'m> = (RelationId, &'m Relation);

/// Matches each relation of `news` to the relation of `olds` with the same id when the two are
/// of the same kind and join the same premises (in the same order) to the same conclusion (an
/// undercut: to relations already matched to each other). Two versions of one map loaded or
/// edited from the same file share most ids, so most relations are matched here, with no key
/// made or hashed; the passes after it see only the rest. It finds what the exact pass would
/// (the same premises, conclusion and kind), preferring, among identical twins, the one with the
/// same id. Both lists are in id order: they are walked side by side, no id looked up. Returns
/// what is left unmatched of each, in order.
fn same_ids<'m>(
    olds: impl Iterator<Item = Listed<'m>>,
    news: impl Iterator<Item = Listed<'m>>,
    matched: &mut Matched,
) -> (Vec<Listed<'m>>, Vec<Listed<'m>>) {
    let (mut todo, mut left) = (Vec::new(), Vec::new());
    let mut olds = olds.peekable();
    for (id, r) in news {
        while let Some(skipped) = olds.next_if(|&(o, _)| o < id) {
            left.push(skipped);
        }
        let same = olds.peek().filter(|&&(o, _)| o == id).is_some_and(|&(_, o)| {
            let same_end = match (&r.conclusion, &o.conclusion) {
                (Target::Statement(a), Target::Statement(b)) => a == b,
                (Target::Relation(a), Target::Relation(b)) => matched.get(*a) == Some(*b),
                _ => false,
            };
            same_end && o.kind == r.kind && o.premises == r.premises
        });
        if same {
            olds.next();
            matched.insert(id, id);
        } else {
            todo.push((id, r));
        }
    }
    left.extend(olds);
    (todo, left)
}

/// What a relation's conclusion is, as a key: a statement, or a relation undercut (by its id in
/// the old map, as matched so far).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum End<'a> {
    Statement(&'a str),
    Relation(u64),
    Unmatched(u64),
}

/// What a relation is found by in one pass (compared and hashed as it is, no text made).
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key<'a> {
    /// Its premises (sorted) and its conclusion.
    Exact(SmallVec<[&'a str; 3]>, End<'a>),
    /// Its premises (sorted).
    Premises(SmallVec<[&'a str; 3]>),
    /// Its conclusion and one of its premises.
    Conclusion(End<'a>, &'a str),
}

/// One pass of the matching: what two relations must share to be one.
#[derive(Clone, Copy)]
enum Pass {
    Exact,
    Premises,
    Conclusion,
}

impl Pass {
    /// The keys a relation is found by in this pass (its undercut target given as matched).
    fn keys(self, r: &Relation, target: Option<RelationId>) -> SmallVec<[Key<'_>; 3]> {
        let mut premises: SmallVec<[&str; 3]> = r.premises.iter().map(|p| p.as_str()).collect();
        premises.sort_unstable();
        let conclusion = match (&r.conclusion, target) {
            (Target::Statement(s), _) => End::Statement(s.as_str()),
            (Target::Relation(_), Some(t)) => End::Relation(t.0),
            (Target::Relation(t), None) => End::Unmatched(t.0),
        };
        match self {
            Self::Exact => smallvec::smallvec![Key::Exact(premises, conclusion)],
            Self::Premises => smallvec::smallvec![Key::Premises(premises)],
            Self::Conclusion => premises.iter().map(|p| Key::Conclusion(conclusion, p)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::model::{RelationKind, StatementId};

    #[test]
    fn flipped_moved_and_repremised_relations_are_still_themselves() {
        let old = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        let mut new = old.clone();
        let ids: Vec<RelationId> = old.relations().map(|(id, _)| id).collect();
        let plain: Vec<RelationId> =
            old.relations().filter(|(_, r)| !r.is_undercut()).map(|(id, _)| id).collect();
        let flip = plain[1];
        let kind = old.relation(flip).unwrap().kind.flipped();
        apply(&mut new, Edit::SetKind { id: flip, kind }).unwrap();
        // Moved: hung under the claim's first reason instead.
        let moved = plain[5];
        let to = old.relation(plain[0]).unwrap().premises[0].clone();
        apply(&mut new, Edit::SetConclusion { id: moved, conclusion: Target::Statement(to) }).unwrap();
        let m = match_relations(&old, &new);
        assert_eq!(m.len(), ids.len(), "every relation found again");
        for (n, o) in m.iter() {
            assert_eq!(n, o, "each is itself");
        }
        let _ = (RelationKind::Support, StatementId::from("x"));
    }

    #[test]
    fn matched_ids_are_a_table_and_ids_far_apart_are_hashed() {
        let mut m = Matched::below(4, 4);
        m.insert(RelationId(3), RelationId(9));
        m.insert(RelationId(3), RelationId(9));
        assert!(matches!(m.pairs, Pairs::Table(_)));
        assert_eq!(
            (m.get(RelationId(3)), m.get(RelationId(2)), m.get(RelationId(9)), m.len()),
            (Some(RelationId(9)), None, None, 1)
        );
        // An id past the table: every pair hashed from then on, none lost.
        m.insert(RelationId(1 << 40), RelationId(2));
        assert!(matches!(m.pairs, Pairs::Hashed(_)));
        assert_eq!(
            (m.get(RelationId(3)), m.get(RelationId(1 << 40)), m.len()),
            (Some(RelationId(9)), Some(RelationId(2)), 2)
        );
        let back = m.inverse();
        assert_eq!(
            (back.get(RelationId(9)), back.get(RelationId(2)), back.len()),
            (Some(RelationId(3)), Some(RelationId(1 << 40)), 2)
        );
        assert!(
            matches!(Matched::below(1 << 40, 2).pairs, Pairs::Hashed(_)),
            "a bound far past the count is hashed"
        );
    }

    /// Ids are only a shortcut: a relation is matched by what it joins even where the same id
    /// names another relation in the other version (a file read again after a relation was
    /// removed early in it, so every later relation has its neighbour's id), and a relation whose
    /// id survives but whose conclusion changed is found as moved, not taken for another.
    #[test]
    fn ids_that_name_other_relations_in_the_other_version_do_not_fool_the_matching() {
        let old = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        // What a relation joins, in words: its kind, premises' texts and conclusion's text.
        let words = |m: &ArgumentMap, id: RelationId| {
            let r = m.relation(id).unwrap();
            let texts: Vec<&str> = r.premises.iter().map(|p| m.statement(p).unwrap().text.as_str()).collect();
            let end = r.conclusion.statement().map(|c| m.statement(c).unwrap().text.clone());
            format!("{:?} {texts:?} {end:?}", r.kind)
        };
        // The first plain relation nothing undercuts, removed; the map written and read again.
        let (gone, _) = old
            .relations()
            .find(|(id, r)| {
                !r.is_undercut() && old.relations().all(|(_, u)| u.conclusion.relation() != Some(*id))
            })
            .unwrap();
        let mut edited = old.clone();
        apply(&mut edited, Edit::RemoveRelation { id: gone }).unwrap();
        let new = crate::io::load_str(&crate::io::to_ron_string(&edited), "m").unwrap();
        let m = match_relations(&old, &new);
        assert_eq!(m.len(), new.relations().count(), "every relation that stayed is found");
        let shifted = m.iter().filter(|(n, o)| n != o).count();
        assert!(shifted > 0, "the ids moved on reading");
        for (n, o) in m.iter() {
            assert_eq!(words(&new, n), words(&old, o), "each is itself");
        }
        // The same id, another conclusion: matched to itself as moved (the later passes).
        let mut moved = old.clone();
        let plain: Vec<RelationId> =
            old.relations().filter(|(_, r)| !r.is_undercut()).map(|(id, _)| id).collect();
        let to = old.relation(plain[0]).unwrap().premises[0].clone();
        apply(&mut moved, Edit::SetConclusion { id: plain[5], conclusion: Target::Statement(to) }).unwrap();
        assert_eq!(match_same_relations(&old, &moved).get(&plain[5]), None, "not the same relation");
        assert_eq!(match_relations(&old, &moved).get(plain[5]), Some(plain[5]), "found as moved");
    }

    /// The matching as it was first written, every relation looked up by its id and the lists
    /// of what is left filtered again before each pass: what [`matching`], which reads each
    /// map's relations once, must find.
    fn matching_by_lookup(
        old: &ArgumentMap,
        new: &ArgumentMap,
        passes: &[Pass],
    ) -> HashMap<RelationId, RelationId> {
        let mut matched: HashMap<RelationId, RelationId> = HashMap::default();
        let mut used: HashSet<RelationId> = HashSet::default();
        for undercuts in [false, true] {
            for (id, r) in new.relations().filter(|(_, r)| r.is_undercut() == undercuts) {
                let Some(o) = old.relation(id) else { continue };
                let same_end = match (&r.conclusion, &o.conclusion) {
                    (Target::Statement(a), Target::Statement(b)) => a == b,
                    (Target::Relation(a), Target::Relation(b)) => matched.get(a) == Some(b),
                    _ => false,
                };
                if same_end && o.kind == r.kind && o.premises == r.premises && !used.contains(&id) {
                    used.insert(id);
                    matched.insert(id, id);
                }
            }
            for &pass in passes {
                let todo: Vec<(RelationId, &Relation)> = new
                    .relations()
                    .filter(|(id, r)| r.is_undercut() == undercuts && !matched.contains_key(id))
                    .collect();
                let mut free: HashMap<Key<'_>, Vec<(RelationId, &Relation)>> = HashMap::default();
                for (id, r) in
                    old.relations().filter(|(id, r)| r.is_undercut() == undercuts && !used.contains(id))
                {
                    for key in pass.keys(r, r.conclusion.relation()) {
                        free.entry(key).or_default().push((id, r));
                    }
                }
                for (id, r) in todo {
                    let target = r
                        .conclusion
                        .relation()
                        .map(|t| matched.get(&t).copied().unwrap_or(RelationId(u64::MAX)));
                    let found = pass.keys(r, target).into_iter().find_map(|key| {
                        let list = free.get(&key)?;
                        let same_kind = list.iter().find(|(o, rel)| rel.kind == r.kind && !used.contains(o));
                        let any = || list.iter().find(|(o, _)| !used.contains(o));
                        same_kind.or_else(any).map(|(o, _)| *o)
                    });
                    if let Some(o) = found {
                        used.insert(o);
                        matched.insert(id, o);
                    }
                }
            }
        }
        matched
    }

    /// Two numbers a test picks statements or relations by.
    type Pair = (usize, usize);

    /// Two versions of `base`: each lost some of its relations (so each has ids the other lacks,
    /// anywhere in the list), the second has some flipped, one added, and (`moved`) some moved
    /// under another statement or given another premise.
    fn versions(
        base: &ArgumentMap,
        (gone, removed, flipped): (&[usize], &[usize], &[usize]),
        (added, moved): (Option<Pair>, &[Pair]),
    ) -> (ArgumentMap, ArgumentMap) {
        let ids: Vec<RelationId> = base.relations().map(|(id, _)| id).collect();
        let mut old = base.clone();
        for k in gone.iter().filter(|_| !ids.is_empty()) {
            let _ = apply(&mut old, Edit::RemoveRelation { id: ids[k % ids.len()] });
        }
        let mut new = base.clone();
        for k in removed.iter().filter(|_| !ids.is_empty()) {
            let _ = apply(&mut new, Edit::RemoveRelation { id: ids[k % ids.len()] });
        }
        for k in flipped.iter().filter(|_| !ids.is_empty()) {
            if let Some(r) = new.relation(ids[k % ids.len()]) {
                let (id, kind) = (ids[k % ids.len()], r.kind.flipped());
                let _ = apply(&mut new, Edit::SetKind { id, kind });
            }
        }
        let n = new.statement_count();
        if let Some((p, c)) = added {
            let relation = Relation::new(
                RelationKind::Support,
                vec![format!("s{}", p % n).into()],
                format!("s{}", c % n).as_str().into(),
            );
            let _ = apply(&mut new, Edit::AddRelation { id: RelationId(1_000), relation });
        }
        for &(k, s) in moved.iter().filter(|_| !ids.is_empty()) {
            let (id, to) = (ids[k % ids.len()], StatementId::from(format!("s{}", s % n)));
            let _ = apply(&mut new, Edit::SetConclusion { id, conclusion: Target::Statement(to.clone()) });
            let _ = apply(&mut new, Edit::SetPremises { id, premises: vec![to] });
        }
        (old, new)
    }

    proptest::proptest! {
        /// Walking two lists of statements side by side pairs each statement with the one of
        /// the other list that has its id, or none, whatever the lists' orders (one turned
        /// round, one started in the middle) and whichever statements either lacks; every pair
        /// is told as it is found, in order.
        #[test]
        fn issue35_statements_paired_walking_are_those_found_by_id(
            a in crate::model::sample::maps(1..30, 0..10, 0..2),
            b in crate::model::sample::maps(1..30, 0..10, 0..2),
            (reverse, rotate) in (proptest::prelude::any::<bool>(), 0usize..30),
        ) {
            let mut mine: Vec<&Statement> = a.statements().collect();
            if reverse {
                mine.reverse();
            }
            let mut theirs: Vec<&Statement> = b.statements().collect();
            let by = rotate % theirs.len().max(1);
            theirs.rotate_left(by);
            let looked_up: Vec<Option<usize>> =
                mine.iter().map(|s| theirs.iter().position(|t| t.id == s.id)).collect();
            let mut told = Vec::new();
            let paired = pair_statements(&mine, (&theirs, &b), |here, there| told.push((here, there)));
            proptest::prop_assert_eq!(&paired, &looked_up);
            let pairs: Vec<(usize, usize)> =
                looked_up.iter().enumerate().filter_map(|(i, p)| Some((i, (*p)?))).collect();
            proptest::prop_assert_eq!(told, pairs);
        }
    }

    proptest::proptest! {
        /// Walking both versions' relations side by side in id order finds every relation whose
        /// id names, in the old version, a relation of the same kind joining the same premises
        /// to the same end, and matches it to itself; ids either side lacks (relations removed
        /// from one or the other, one added with a new id) are stepped over. Every match joins
        /// what it joined.
        #[test]
        fn issue35_relations_keeping_their_id_are_matched_walking_both_lists(
            base in crate::model::sample::maps(2..10, 0..14, 0..4),
            gone in proptest::collection::vec(0usize..20, 0..4),
            removed in proptest::collection::vec(0usize..20, 0..4),
            flipped in proptest::collection::vec(0usize..20, 0..3),
            added in proptest::option::of((0usize..10, 0usize..10)),
        ) {
            let (old, new) = versions(&base, (&gone, &removed, &flipped), (added, &[]));
            let m = match_same_relations(&old, &new);
            for (id, r) in new.relations().filter(|(_, r)| !r.is_undercut()) {
                let kept = old.relation(id).is_some_and(|o| o.kind == r.kind && o.premises == r.premises && o.conclusion == r.conclusion);
                if kept {
                    proptest::prop_assert_eq!(m.get(&id), Some(&id), "{:?} kept its id", id);
                }
            }
            for (n, o) in &m {
                let (a, b) = (new.relation(*n).unwrap(), old.relation(*o).unwrap());
                let mut pa = a.premises.clone();
                let mut pb = b.premises.clone();
                pa.sort();
                pb.sort();
                proptest::prop_assert_eq!(pa, pb);
                proptest::prop_assert_eq!(a.conclusion.statement(), b.conclusion.statement());
            }
        }

        /// The matching that reads each map's relations once (plain ones matched by id as they
        /// are read, undercuts kept apart for after them, what is left listed once) finds what
        /// the matching that looks every relation up by its id finds, with every pass: versions
        /// with relations removed on either side, flipped, added, moved and re-premised.
        #[test]
        fn issue35_the_matching_reading_each_map_once_is_the_matching_by_lookup(
            base in crate::model::sample::maps(2..12, 0..18, 0..6),
            gone in proptest::collection::vec(0usize..20, 0..4),
            removed in proptest::collection::vec(0usize..20, 0..4),
            flipped in proptest::collection::vec(0usize..20, 0..3),
            added in proptest::option::of((0usize..12, 0usize..12)),
            moved in proptest::collection::vec((0usize..20, 0usize..12), 0..3),
        ) {
            let (old, new) = versions(&base, (&gone, &removed, &flipped), (added, &moved));
            for (a, b) in [(&old, &new), (&new, &old)] {
                let every = [Pass::Exact, Pass::Premises, Pass::Conclusion];
                let matched = match_relations(a, b);
                let pairs: HashMap<RelationId, RelationId> = matched.iter().collect();
                proptest::prop_assert_eq!(matched.len(), pairs.len());
                proptest::prop_assert_eq!(pairs, matching_by_lookup(a, b, &every));
                proptest::prop_assert_eq!(match_same_relations(a, b), matching_by_lookup(a, b, &[Pass::Exact]));
            }
        }
    }
}
