//! Meaning is kept by the edits that restructure a map (issue 31): deleting a statement, with
//! its branch or keeping what argues about it, never makes a remaining statement say something
//! new about another, and (keeping) every remaining statement still says what it said about
//! every other through the deleted one.
//!
//! What a statement says about another is its polarity along a path: a premise supports (+) or
//! objects to (−) its relation's conclusion; an undercut objects to the relation it undercuts,
//! which then argues for or against its own conclusion; signs compose along the path (a reason
//! for an objection is against, an objection to an objection for). Several paths may give both
//! signs; the property compares the sets.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::{self, History};
use argmap::model::{ArgumentMap, RelationId, RelationKind, StatementId, Target};
use common::steps::{Step, edit_of, step};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[allow(dead_code)] // the scratch folders are for the tests that write files
mod common;

/// For each statement `a` of `map` in `from`, every statement `b` it reaches with the sign of
/// each path, walking only through `statements` and `relations` (`None`: everything).
/// Iterative over (node, sign) states, so cycles end.
type Says = BTreeMap<StatementId, BTreeSet<(StatementId, bool)>>;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    Statement(usize),
    Relation(RelationId),
}

struct Walk<'m> {
    map: &'m ArgumentMap,
    ids: Vec<StatementId>,
    pos: BTreeMap<StatementId, usize>,
    allowed_statements: Option<&'m BTreeSet<StatementId>>,
    allowed_relations: Option<&'m BTreeSet<RelationId>>,
}

impl<'m> Walk<'m> {
    fn new(
        map: &'m ArgumentMap,
        allowed_statements: Option<&'m BTreeSet<StatementId>>,
        allowed_relations: Option<&'m BTreeSet<RelationId>>,
    ) -> Self {
        let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
        let pos = ids.iter().cloned().enumerate().map(|(i, id)| (id, i)).collect();
        Walk { map, ids, pos, allowed_statements, allowed_relations }
    }

    fn statement_ok(&self, id: &StatementId) -> bool {
        self.allowed_statements.is_none_or(|s| s.contains(id))
    }

    fn relation_ok(&self, r: RelationId) -> bool {
        self.allowed_relations.is_none_or(|s| s.contains(&r))
    }

    /// Where one step from `node` leads, with whether it keeps (true) or flips the sign.
    fn next(&self, node: Node) -> Vec<(Node, bool)> {
        match node {
            Node::Statement(i) => self
                .map
                .relations_from(&self.ids[i])
                .into_iter()
                .filter(|&r| self.relation_ok(r))
                .map(|r| (Node::Relation(r), true))
                .collect(),
            Node::Relation(r) => {
                let Some(rel) = self.map.relation(r) else { return Vec::new() };
                let keeps = rel.kind == RelationKind::Support;
                match &rel.conclusion {
                    Target::Statement(c) if self.statement_ok(c) => {
                        vec![(Node::Statement(self.pos[c]), keeps)]
                    }
                    Target::Relation(t) if self.relation_ok(*t) => vec![(Node::Relation(*t), false)],
                    _ => Vec::new(),
                }
            }
        }
    }

    /// What `a` says about every statement it reaches.
    fn from(&self, a: &StatementId) -> BTreeSet<(StatementId, bool)> {
        let mut seen: BTreeSet<(Node, bool)> = BTreeSet::new();
        let mut work = vec![(Node::Statement(self.pos[a]), true)];
        let mut out = BTreeSet::new();
        while let Some((node, sign)) = work.pop() {
            if !seen.insert((node, sign)) {
                continue;
            }
            if let Node::Statement(i) = node
                && (i != self.pos[a] || seen.len() > 1)
            {
                out.insert((self.ids[i].clone(), sign));
            }
            for (next, keeps) in self.next(node) {
                work.push((next, sign == keeps));
            }
        }
        out
    }
}

/// What each statement of `among` says about the others of `among`, walking as [`Walk`] does.
fn says(walk: &Walk<'_>, among: &BTreeSet<StatementId>) -> Says {
    among
        .iter()
        .map(|a| (a.clone(), walk.from(a).into_iter().filter(|(b, _)| among.contains(b)).collect()))
        .collect()
}

fn relation_ids(map: &ArgumentMap) -> BTreeSet<RelationId> {
    map.relations().map(|(id, _)| id).collect()
}

fn statement_ids(map: &ArgumentMap) -> BTreeSet<StatementId> {
    map.statements().map(|s| s.id.clone()).collect()
}

/// Deletes `id` (keeping what argues about it, or with its branch) and checks that what every
/// remaining statement says about every other is what it said before along the paths that
/// remain: through what remains, and (keeping) through the deleted statement and its argument.
/// Also: one undo step restores the map, groups are kept. Returns false when the choice is not
/// offered.
fn check_delete(map: &ArgumentMap, id: &StatementId, keep: bool) -> Result<bool, TestCaseError> {
    let edit = if keep {
        if edit::keep_under(map, id).is_err() {
            return Ok(false);
        }
        edit::delete_keeping_premises(map, id).map_err(|e| TestCaseError::fail(e.to_string()))?
    } else {
        edit::delete_branch(map, std::slice::from_ref(id)).map_err(|e| TestCaseError::fail(e.to_string()))?
    };
    let mut after = map.clone();
    let mut history = History::default();
    history.apply(&mut after, edit, "delete").map_err(|e| TestCaseError::fail(e.to_string()))?;
    after.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let survivors = statement_ids(&after);
    let mut statements = survivors.clone();
    let mut relations = relation_ids(&after);
    if keep {
        statements.insert(id.clone());
        relations.extend(map.hangs_by(id));
    }
    let before = says(&Walk::new(map, Some(&statements), Some(&relations)), &survivors);
    let now = says(&Walk::new(&after, None, None), &survivors);
    for a in &survivors {
        prop_assert_eq!(
            &now[a],
            &before[a],
            "what {} says changed when {} was deleted (keep: {})",
            a,
            id,
            keep
        );
        prop_assert_eq!(after.group_of(a), map.group_of(a), "{} left its group", a);
    }
    if keep {
        prop_assert_eq!(
            after.claims().count(),
            map.claims().count(),
            "keeping what argues about {} leaves no new free claim",
            id
        );
    }
    history.undo(&mut after).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&after, map, "one undo step restores the map");
    Ok(true)
}

/// A small generated map, with random gestures on it (co-premises, cross-links, undercuts,
/// flips, cycles) so that every shape a user can make turns up.
fn shaped_map() -> impl Strategy<Value = ArgumentMap> {
    (4usize..40, any::<u64>(), proptest::collection::vec(step(), 0..30)).prop_map(|(n, seed, steps)| {
        let mut map = argmap::synth::generate(n, seed);
        for s in steps.iter().filter(|s| !matches!(s, Step::Undo | Step::Redo)) {
            if let Some(e) = edit_of(&map, s) {
                let _ = edit::apply(&mut map, e);
            }
        }
        map
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every statement of every map, deleted both ways the dialog offers: thousands of cases.
    #[test]
    fn deleting_never_changes_what_the_others_say(map in shaped_map()) {
        let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
        let mut kept = 0;
        for id in &ids {
            check_delete(&map, id, false)?;
            kept += usize::from(check_delete(&map, id, true)?);
        }
        prop_assert!(kept <= ids.len());
    }
}

#[test]
fn the_property_holds_on_the_shipped_map_for_every_statement_and_choice() {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let mut kept = 0;
    for s in map.statements() {
        check_delete(&map, &s.id, false).unwrap();
        kept += usize::from(check_delete(&map, &s.id, true).unwrap());
    }
    assert!(kept >= 5, "keeping is offered on the shipped map's statements with reasons: {kept}");
}

/// The walk itself: a reason for an objection is against the claim, a rebuttal for it.
#[test]
fn polarity_composes_along_the_path() {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let all = statement_ids(&map);
    let says = says(&Walk::new(&map, None, None), &all);
    let claim: StatementId = "cooperate-with-transition".into();
    let precedent = map.relations_to("precedent");
    let reason = map.relation(precedent[0]).unwrap().premises[0].clone();
    assert_eq!(map.relation(precedent[0]).unwrap().kind, RelationKind::Support);
    assert!(
        says[&reason].contains(&(claim.clone(), false)),
        "a reason for an objection is against the claim"
    );
    assert!(says["precedent"].contains(&(claim, false)));
}

/// And the property catches what the issue found: re-hanging the reasons of an objection with
/// their own kind (the old `delete_keeping_premises`) changes what they say.
#[test]
fn issue31_the_old_way_of_keeping_fails_the_property() {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let claim: StatementId = "cooperate-with-transition".into();
    let mut edits: Vec<edit::Edit> = map
        .relations_to("precedent")
        .into_iter()
        .map(|r| edit::Edit::SetConclusion { id: r, conclusion: Target::Statement(claim.clone()) })
        .collect();
    let mut scratch = map.clone();
    edit::apply(&mut scratch, edit::Edit::Batch(edits.clone())).unwrap();
    edits.push(edit::delete_branch(&scratch, &["precedent".into()]).unwrap());
    let mut after = map.clone();
    edit::apply(&mut after, edit::Edit::Batch(edits)).unwrap();
    let survivors = statement_ids(&after);
    let mut statements = survivors.clone();
    statements.insert("precedent".into());
    let mut relations = relation_ids(&after);
    relations.extend(map.hangs_by("precedent"));
    let before = says(&Walk::new(&map, Some(&statements), Some(&relations)), &survivors);
    let now = says(&Walk::new(&after, None, None), &survivors);
    assert_ne!(before, now, "the property sees the flipped evidence");
}
