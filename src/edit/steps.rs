//! Random runs of a user's edits, for the property tests that check what follows an edit in place
//! (the layout's splice, the evaluation's relabelling) against what is made afresh. Compiled only
//! under `#[cfg(test)]`.

use crate::edit::{self, Edit};
use crate::model::{ArgumentMap, Mark, RelationId, RelationKind, StatementId};
use proptest::prelude::*;

/// One step of a user's: add a reason (`true`) or an objection somewhere, add an undercut,
/// undo, redo, set or clear a what-if mark, start or finish typing the newest statement, or
/// something no edit is followed in place for (a statement deleted, a relation flipped).
#[derive(Clone, Debug)]
pub enum Step {
    Premise(usize, bool),
    Undercut(usize),
    Undo,
    Redo,
    Mark(usize, u8),
    Typing,
    Delete(usize),
    Flip(usize),
}

/// Steps that change the map's structure (no marks, no typing).
pub fn structural() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (any::<usize>(), any::<bool>()).prop_map(|(i, pro)| Step::Premise(i, pro)),
        1 => any::<usize>().prop_map(Step::Undercut),
        3 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => any::<usize>().prop_map(Step::Delete),
        1 => any::<usize>().prop_map(Step::Flip),
    ]
}

/// Any step, marks and typing too.
pub fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (any::<usize>(), any::<bool>()).prop_map(|(i, pro)| Step::Premise(i, pro)),
        2 => any::<usize>().prop_map(Step::Undercut),
        3 => Just(Step::Undo),
        1 => Just(Step::Redo),
        2 => (any::<usize>(), 0u8..3).prop_map(|(i, m)| Step::Mark(i, m)),
        1 => Just(Step::Typing),
        1 => any::<usize>().prop_map(Step::Delete),
        1 => any::<usize>().prop_map(Step::Flip),
    ]
}

/// The edit a step makes on `map` (the `k`-th step: a new statement's text names it); `None` for
/// undo, redo and typing, and for a step the map has nothing to take.
pub fn edit_for(map: &ArgumentMap, step: &Step, k: usize) -> Option<Edit> {
    let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
    let rels: Vec<RelationId> = map.relations().map(|(id, _)| id).collect();
    let pick = |i: usize| ids.get(i % ids.len().max(1));
    let text = format!("Added statement number {k}.");
    match *step {
        Step::Premise(i, pro) => {
            let kind = if pro { RelationKind::Support } else { RelationKind::Objection };
            Some(edit::add_premise(map, pick(i)?, kind, &text).0)
        }
        Step::Undercut(i) => {
            edit::add_undercut(map, *rels.get(i % rels.len().max(1))?, &text).ok().map(|e| e.0)
        }
        Step::Mark(i, m) => {
            let mark = [None, Some(Mark::Accepted), Some(Mark::Rejected)][m as usize];
            Some(Edit::SetMark { id: pick(i)?.clone(), mark })
        }
        Step::Delete(i) => edit::delete_statement(map, pick(i)?).ok(),
        Step::Flip(i) => {
            let id = *rels.get(i % rels.len().max(1))?;
            let kind = match map.relation(id)?.kind {
                RelationKind::Support => RelationKind::Objection,
                RelationKind::Objection => RelationKind::Support,
            };
            Some(Edit::SetKind { id, kind })
        }
        Step::Undo | Step::Redo | Step::Typing => None,
    }
}
