//! Deleting a statement without leaving strays: a statement that only supported or objected to
//! what goes (its premises, the objections to its inference) would otherwise stay behind as a new
//! free claim, far from where it was. [`branch`] says what goes with a statement;
//! [`delete_branch`] deletes all of it, [`delete_keeping_premises`] hangs the statement's
//! premises under its own conclusion first. Each is one edit (one undo step).

use super::{Edit, apply, delete_statements};
use crate::model::{ArgumentMap, ModelError, RelationId, RelationKind, StatementId, Target};
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
    if let Some(unknown) = ids.iter().find(|id| !map.contains(id)) {
        return Err(ModelError::UnknownStatement(unknown.clone()));
    }
    delete_statements(map, &branch(map, ids))
}

/// Why a statement's reasons and objections cannot be kept when it goes: no relation could say
/// what they said through it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeepRefused {
    /// Nothing argues about it (only objections to its own inference hang from it).
    NothingToKeep,
    /// It is a claim: there is nothing above it.
    Claim,
    /// It is a premise of several arguments: no one place keeps what they say.
    SeveralArguments(usize),
    /// It undercuts an argument: what argues about it cannot become an argument about an
    /// inference.
    Undercut,
    /// It is a co-premise: it counts only together with these others.
    CoPremise(Vec<StatementId>),
    /// A statement that argues about it is also where it leads: attached there, it would argue
    /// about itself.
    Cycle(StatementId),
}

impl KeepRefused {
    /// Why, in words, naming statements by `name` (their shortened text, for people).
    pub fn explain(&self, name: impl Fn(&StatementId) -> String) -> String {
        match self {
            Self::NothingToKeep => "nothing argues about it, so there is nothing to keep".into(),
            Self::Claim => "it is a claim, so there is nothing above it to attach them to".into(),
            Self::SeveralArguments(n) => {
                format!("it is a premise of {n} arguments, so no one place keeps what they say through it")
            }
            Self::Undercut => {
                "it objects to an inference, and a reason or objection cannot be attached to an inference"
                    .into()
            }
            Self::CoPremise(others) => format!(
                "it counts only together with {}, so attached elsewhere they would say more than they did",
                others
                    .iter()
                    .map(&name)
                    .map(|n| format!("\u{201c}{n}\u{201d}"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Self::Cycle(id) => format!(
                "\u{201c}{}\u{201d} argues about it and is also what it argues for, so attached there it would argue about itself",
                name(id)
            ),
        }
    }
}

/// Where the reasons and objections of `id` can go when it is deleted: its own conclusion, when
/// one relation can say there what each said through `id` (see [`delete_keeping_premises`]);
/// otherwise why not.
pub fn keep_under(map: &ArgumentMap, id: &str) -> Result<StatementId, KeepRefused> {
    let into = map.relations_to(id);
    if into.is_empty() {
        return Err(KeepRefused::NothingToKeep);
    }
    let from = map.relations_from(id);
    let hangs = match from.as_slice() {
        [] => return Err(KeepRefused::Claim),
        [one] => map.relation(*one).ok_or(KeepRefused::Claim)?,
        more => return Err(KeepRefused::SeveralArguments(more.len())),
    };
    let conclusion = hangs.conclusion.statement().ok_or(KeepRefused::Undercut)?;
    if hangs.is_linked() {
        let others = hangs.premises.iter().filter(|p| p.as_str() != id).cloned().collect();
        return Err(KeepRefused::CoPremise(others));
    }
    for r in into.iter().filter_map(|&r| map.relation(r)) {
        if r.premises.contains(conclusion) {
            return Err(KeepRefused::Cycle(conclusion.clone()));
        }
    }
    Ok(conclusion.clone())
}

/// The kind of a relation that says, straight to a conclusion, what one of `first`'s kind said
/// through a statement that argued for (`Support`) or against (`Objection`) it: a reason for
/// an objection is an objection, an objection to an objection a reason.
pub fn composed(first: RelationKind, then: RelationKind) -> RelationKind {
    if first == then { RelationKind::Support } else { RelationKind::Objection }
}

/// Deletes `id` and hangs its reasons and objections under its conclusion instead, as one edit,
/// each saying there what it said through `id` ([`composed`]): a reason for a reason stays a
/// reason, a reason for an objection becomes an objection, an objection to an objection (a
/// rebuttal) a reason. Groups, titles, ratings and the undercuts of those arguments stay with
/// them. Whatever would then be left over (the objections to `id`'s own inference) goes with
/// it. Refused, as [`keep_under`] says, where no relation could keep the meaning.
pub fn delete_keeping_premises(map: &ArgumentMap, id: &str) -> Result<Edit, ModelError> {
    let conclusion = keep_under(map, id).map_err(|why| {
        ModelError::Internal(format!(
            "the statements arguing about {id} cannot be kept: {}",
            why.explain(|s| s.to_string())
        ))
    })?;
    let through = map.hangs_by(id).and_then(|r| map.relation(r)).map_or(RelationKind::Support, |r| r.kind);
    let mut edits = Vec::new();
    for r in map.relations_to(id) {
        let Some(relation) = map.relation(r) else { continue };
        let kind = composed(relation.kind, through);
        if map.undercuts_of(r).is_empty() && says_already(map, &relation.premises, &conclusion, kind) {
            continue; // the same argument is there already: this one goes with the statement
        }
        edits.push(Edit::SetConclusion { id: r, conclusion: Target::Statement(conclusion.clone()) });
        if kind != relation.kind {
            edits.push(Edit::SetKind { id: r, kind });
        }
    }
    let mut scratch = map.clone();
    apply(&mut scratch, Edit::Batch(edits.clone()))?;
    edits.push(delete_branch(&scratch, &[StatementId::from(id)])?);
    Ok(Edit::Batch(edits))
}

/// Whether a relation of `kind` from exactly `premises` to `conclusion` exists.
fn says_already(
    map: &ArgumentMap,
    premises: &[StatementId],
    conclusion: &StatementId,
    kind: RelationKind,
) -> bool {
    map.relations_to(conclusion).into_iter().filter_map(|r| map.relation(r)).any(|r| {
        r.kind == kind
            && r.premises.len() == premises.len()
            && premises.iter().all(|p| r.premises.contains(p))
    })
}
