//! Deleting a statement without leaving strays: a statement that only supported or objected to
//! what goes (its premises, the objections to its inference) would otherwise stay behind as a new
//! free claim, far from where it was. [`branch`] says what goes with a statement;
//! [`delete_branch`] deletes all of it, [`delete_keeping_premises`] hangs the statement's
//! premises under its own conclusion first. Each is one edit (one undo step).

use super::{Edit, apply, delete_statements};
use crate::model::{ArgumentMap, ModelError, RelationId, StatementId, Target};
use std::collections::{BTreeSet, HashMap};

/// The statements deleting `ids` takes with it: `ids` themselves, and every statement that would
/// be left supporting or objecting to nothing (all its relations gone with what they concluded,
/// or with the relation they undercut), and so on down. In map order; iterative, so cycles and
/// chains of any length are safe.
pub fn branch(map: &ArgumentMap, ids: &[StatementId]) -> Vec<StatementId> {
    let mut gone: BTreeSet<StatementId> = BTreeSet::new();
    let mut removed: BTreeSet<RelationId> = BTreeSet::new();
    let mut left: HashMap<RelationId, usize> = HashMap::new(); // premises not gone, by relation
    let mut work: Vec<StatementId> = ids.iter().filter(|id| map.contains(id)).cloned().collect();
    while let Some(id) = work.pop() {
        if !gone.insert(id.clone()) {
            continue;
        }
        let mut going: Vec<RelationId> = map.relations_to(&id);
        for r in map.relations_from(&id) {
            let count = left.entry(r).or_insert_with(|| map.relation(r).map_or(0, |rel| rel.premises.len()));
            *count = count.saturating_sub(1);
            if *count == 0 {
                going.push(r);
            }
        }
        while let Some(r) = going.pop() {
            if !removed.insert(r) {
                continue;
            }
            going.extend(map.undercuts_of(r));
            let premises = map.relation(r).map(|rel| rel.premises.clone()).unwrap_or_default();
            for p in premises.into_iter().filter(|p| !gone.contains(p)) {
                if map.relations_from(&p).iter().all(|q| removed.contains(q)) {
                    work.push(p);
                }
            }
        }
    }
    map.statements().filter(|s| gone.contains(&s.id)).map(|s| s.id.clone()).collect()
}

/// Deletes `ids` and everything [`branch`] says goes with them, as one edit.
pub fn delete_branch(map: &ArgumentMap, ids: &[StatementId]) -> Result<Edit, ModelError> {
    delete_statements(map, &branch(map, ids))
}

/// The statement `id`'s own conclusion, where its premises can go: none for a claim, or for a
/// statement that undercuts an inference (its premises would have to undercut too).
pub fn conclusion_for_premises<'m>(map: &'m ArgumentMap, id: &str) -> Option<&'m StatementId> {
    map.relation(map.hangs_by(id)?)?.conclusion.statement()
}

/// Deletes `id` and hangs its reasons and objections under its conclusion instead, as one edit:
/// a reason for a reason becomes a reason for the conclusion, an objection to it an objection to
/// the conclusion, and undercuts of those arguments stay with them. Whatever would then be left
/// over (the objections to `id`'s own inference) goes with it.
pub fn delete_keeping_premises(map: &ArgumentMap, id: &str) -> Result<Edit, ModelError> {
    let conclusion = conclusion_for_premises(map, id)
        .ok_or_else(|| {
            ModelError::Internal(format!("statement {id} has no conclusion to hand its premises to"))
        })?
        .clone();
    let mut edits = Vec::new();
    for r in map.relations_to(id) {
        let Some(relation) = map.relation(r) else { continue };
        if relation.premises.contains(&conclusion) {
            continue; // it would conclude one of its own premises: it goes with the statement
        }
        edits.push(Edit::SetConclusion { id: r, conclusion: Target::Statement(conclusion.clone()) });
    }
    let mut scratch = map.clone();
    apply(&mut scratch, Edit::Batch(edits.clone()))?;
    edits.push(delete_branch(&scratch, &[StatementId::from(id)])?);
    Ok(Edit::Batch(edits))
}
