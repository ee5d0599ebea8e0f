//! Every change to a map, as a value.
//!
//! An [`Edit`] is data; [`apply`] performs it on an [`ArgumentMap`] and returns the inverse edit,
//! which undo applies. A failed edit changes nothing. The functions below [`apply`] build the edits
//! of whole user gestures (add a reason, delete a statement, ...) as one [`Edit::Batch`], so one
//! gesture is one undo step. [`History`] keeps the undo and redo stacks.
//!
//! Must not touch: egui or files. The UI, the CLI and the tests all change maps only through here.

mod delete;
mod history;
mod reconcile;
#[cfg(test)]
pub(crate) mod steps;

pub use delete::{KeepRefused, branch, composed, delete_branch, delete_keeping_premises, keep_under};
pub use history::{History, Reshape};
pub use reconcile::{reconcile, reconcile_all};

use crate::model::{
    Answer, ArgumentMap, Arrangement, Conflict, Group, Mark, ModelError, Pos, Rating, Relation, RelationId,
    RelationKind, Source, Statement, StatementId, Target,
};

/// One change to a map. Applying it returns its inverse.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a statement at the file-order place `seq` (see [`ArgumentMap::next_statement_seq`]).
    AddStatement {
        /// File-order key; a new statement takes the map's next one.
        seq: u64,
        /// The statement to add; its id must be new.
        statement: Statement,
    },
    /// Remove a statement that no relation refers to.
    RemoveStatement {
        /// Which statement.
        id: StatementId,
    },
    /// Replace a statement's text.
    SetText {
        /// Which statement.
        id: StatementId,
        /// The new text.
        text: String,
    },
    /// Replace a statement's source.
    SetSource {
        /// Which statement.
        id: StatementId,
        /// The new source, or none.
        source: Option<Source>,
    },
    /// Replace a statement's note.
    SetNote {
        /// Which statement.
        id: StatementId,
        /// The new note, or none.
        note: Option<String>,
    },
    /// Pin a statement to a position, or unpin it.
    SetPinned {
        /// Which statement.
        id: StatementId,
        /// The new position, or none to let the layout place it.
        pinned: Option<Pos>,
    },
    /// Add a relation under an id (a new relation takes [`ArgumentMap::next_relation_id`]).
    AddRelation {
        /// Its id and file-order key.
        id: RelationId,
        /// The relation.
        relation: Relation,
    },
    /// Remove a relation.
    RemoveRelation {
        /// Which relation.
        id: RelationId,
    },
    /// Change a relation between support and objection.
    SetKind {
        /// Which relation.
        id: RelationId,
        /// The new kind.
        kind: RelationKind,
    },
    /// Replace a relation's premises (to add or remove a co-premise).
    SetPremises {
        /// Which relation.
        id: RelationId,
        /// The new premises, at least one.
        premises: Vec<StatementId>,
    },
    /// Point a relation at another conclusion (its premises now support or object to that).
    SetConclusion {
        /// Which relation.
        id: RelationId,
        /// The new conclusion.
        conclusion: Target,
    },
    /// Replace a relation's label and description.
    SetRelationText {
        /// Which relation.
        id: RelationId,
        /// The new label, or none.
        label: Option<String>,
        /// The new description, or none.
        description: Option<String>,
    },
    /// Name the argument scheme a relation follows (or clear it).
    SetScheme {
        /// Which relation.
        id: RelationId,
        /// The scheme's id in the catalogue, or none.
        scheme: Option<String>,
    },
    /// Say which critical questions of a relation's scheme the user doubts (what-if).
    SetDoubted {
        /// Which relation.
        id: RelationId,
        /// The doubted questions by place, in order.
        doubted: Vec<usize>,
    },
    /// Say which critical question of which argument a statement answers (or clear it).
    SetAnswers {
        /// Which statement.
        id: StatementId,
        /// The question, or none.
        answers: Option<crate::model::Answer>,
    },
    /// Rate a reason or objection (or clear its rating).
    SetRating {
        /// Which relation.
        id: RelationId,
        /// The new rating, or none.
        rating: Option<Rating>,
    },
    /// Mark a statement as rejected or accepted for what-if evaluation (or clear its mark).
    SetMark {
        /// Which statement.
        id: StatementId,
        /// The new mark, or none.
        mark: Option<Mark>,
    },
    /// Replace the conflicts a merge left (choosing a version settles one).
    SetConflicts {
        /// The conflicts still unsettled.
        conflicts: Vec<Conflict>,
    },
    /// Put another map in this one's place, whole (the merge of changes another person saved to
    /// the file meanwhile); its inverse holds the map it replaced.
    ReplaceMap {
        /// The map from now on.
        map: Box<ArgumentMap>,
    },
    /// Change the map's title.
    SetTitle {
        /// The new title.
        title: String,
    },
    /// Change how the map is arranged.
    SetArrangement {
        /// The new arrangement.
        arrangement: Arrangement,
    },
    /// Add a group, with no members, at a place in the group order.
    AddGroup {
        /// Its place among the groups.
        index: usize,
        /// The group; its id must be new.
        group: Group,
    },
    /// Remove a group that has no members.
    RemoveGroup {
        /// Which group.
        id: StatementId,
    },
    /// Rename a group.
    SetGroupTitle {
        /// Which group.
        id: StatementId,
        /// The new title.
        title: String,
    },
    /// Put a statement in a group, or in none.
    SetGroup {
        /// Which statement.
        id: StatementId,
        /// The group, or none.
        group: Option<StatementId>,
    },
    /// Several edits as one step, applied in order; if one fails, none stays applied.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Whether the edit can move or resize a box: statements, texts, pins, relations and groups
    /// (the layout keeps a group together; its frame is drawn with the boxes) do; marks,
    /// ratings, notes, sources, argument titles and the map's title do not.
    pub fn changes_layout(&self) -> bool {
        match self {
            Edit::AddStatement { .. }
            | Edit::RemoveStatement { .. }
            | Edit::SetText { .. }
            | Edit::SetPinned { .. }
            | Edit::AddRelation { .. }
            | Edit::RemoveRelation { .. }
            | Edit::SetKind { .. }
            | Edit::SetPremises { .. }
            | Edit::SetConclusion { .. }
            | Edit::SetArrangement { .. }
            | Edit::AddGroup { .. }
            | Edit::RemoveGroup { .. }
            | Edit::SetGroupTitle { .. }
            | Edit::SetGroup { .. }
            | Edit::ReplaceMap { .. } => true,
            Edit::SetSource { .. }
            | Edit::SetNote { .. }
            | Edit::SetRelationText { .. }
            | Edit::SetRating { .. }
            | Edit::SetScheme { .. }
            | Edit::SetDoubted { .. }
            | Edit::SetAnswers { .. }
            | Edit::SetMark { .. }
            | Edit::SetConflicts { .. }
            | Edit::SetTitle { .. } => false,
            Edit::Batch(edits) => edits.iter().any(Edit::changes_layout),
        }
    }

    /// Whether the edit changes the shape of the layout's tree or a pin: everything that
    /// [`Edit::changes_layout`] but a new text, which moves boxes only if it changes a box's size.
    pub fn changes_structure(&self) -> bool {
        match self {
            Edit::SetText { .. } => false,
            Edit::Batch(edits) => edits.iter().any(Edit::changes_structure),
            other => other.changes_layout(),
        }
    }
}

/// Applies an edit and returns its inverse. On error the map is unchanged.
pub fn apply(map: &mut ArgumentMap, edit: Edit) -> Result<Edit, ModelError> {
    Ok(match edit {
        Edit::AddStatement { seq, statement } => {
            if let Some(a) = statement.answers {
                map.relation(a.relation)
                    .ok_or(ModelError::AnswersNoRelation(statement.id.clone(), a.relation))?;
            }
            let id = statement.id.clone();
            map.insert_statement(seq, statement)?;
            Edit::RemoveStatement { id }
        }
        Edit::RemoveStatement { id } => {
            let (seq, statement) = map.remove_statement(&id)?;
            Edit::AddStatement { seq, statement }
        }
        Edit::SetText { id, text } => {
            crate::model::check_text(&id, &text)?;
            let s = statement_mut(map, &id)?;
            Edit::SetText { text: std::mem::replace(&mut s.text, text), id }
        }
        Edit::SetSource { id, source } => {
            crate::model::check_source(&id, source.as_ref())?;
            let s = statement_mut(map, &id)?;
            Edit::SetSource { source: std::mem::replace(&mut s.source, source), id }
        }
        Edit::SetNote { id, note } => {
            crate::model::check_note(&id, note.as_deref())?;
            let s = statement_mut(map, &id)?;
            Edit::SetNote { note: std::mem::replace(&mut s.note, note), id }
        }
        Edit::SetPinned { id, pinned } => {
            crate::model::check_position(&id, pinned)?;
            let s = statement_mut(map, &id)?;
            Edit::SetPinned { pinned: std::mem::replace(&mut s.pinned, pinned), id }
        }
        Edit::AddRelation { id, relation } => {
            map.insert_relation(id, relation)?;
            Edit::RemoveRelation { id }
        }
        Edit::RemoveRelation { id } => remove_relation(map, id)?,
        Edit::SetKind { id, kind } => {
            let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
            map.replace_relation(id, Relation { kind, ..old.clone() })?;
            Edit::SetKind { id, kind: old.kind }
        }
        Edit::SetPremises { id, premises } => {
            let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
            map.replace_relation(id, Relation { premises, ..old.clone() })?;
            Edit::SetPremises { id, premises: old.premises }
        }
        Edit::SetConclusion { id, conclusion } => {
            let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
            map.replace_relation(id, Relation { conclusion, ..old.clone() })?;
            Edit::SetConclusion { id, conclusion: old.conclusion }
        }
        Edit::SetRelationText { id, label, description } => {
            let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
            map.replace_relation(id, Relation { label, description, ..old.clone() })?;
            Edit::SetRelationText { id, label: old.label, description: old.description }
        }
        Edit::SetScheme { id, scheme } => set_scheme(map, id, scheme)?,
        Edit::SetDoubted { id, doubted } => {
            let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
            map.replace_relation(id, Relation { doubted, ..old.clone() })?;
            Edit::SetDoubted { id, doubted: old.doubted }
        }
        Edit::SetAnswers { id, answers } => Edit::SetAnswers { answers: map.set_answers(&id, answers)?, id },
        Edit::SetRating { id, rating } => {
            let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
            map.replace_relation(id, Relation { rating, ..old.clone() })?;
            Edit::SetRating { id, rating: old.rating }
        }
        Edit::SetMark { id, mark } => {
            let old = map.set_mark(&id, mark)?;
            Edit::SetMark { id, mark: old }
        }
        Edit::SetArrangement { arrangement } => {
            Edit::SetArrangement { arrangement: std::mem::replace(&mut map.arrangement, arrangement) }
        }
        Edit::AddGroup { index, group } => {
            let id = group.id.clone();
            map.insert_group(index, group)?;
            Edit::RemoveGroup { id }
        }
        Edit::RemoveGroup { id } => {
            let (index, group) = map.remove_group(&id)?;
            Edit::AddGroup { index, group }
        }
        Edit::SetGroupTitle { id, title } => {
            let old = map.set_group_title(&id, title)?;
            Edit::SetGroupTitle { id, title: old }
        }
        Edit::SetGroup { id, group } => {
            let old = map.set_group(&id, group.as_ref())?;
            Edit::SetGroup { id, group: old }
        }
        Edit::SetConflicts { conflicts } => {
            Edit::SetConflicts { conflicts: map.replace_conflicts(conflicts) }
        }
        Edit::ReplaceMap { map: new } => replace_map(map, *new)?,
        Edit::SetTitle { title } => {
            crate::model::check_map_fields(&title, None)?;
            Edit::SetTitle { title: std::mem::replace(&mut map.title, title) }
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(map, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(e) => {
                        rollback(map, inverses);
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Edit::Batch(inverses)
        }
    })
}

/// Undoes already applied edits, newest first. Inverses of applied edits always apply.
fn rollback(map: &mut ArgumentMap, inverses: Vec<Edit>) {
    for inverse in inverses.into_iter().rev() {
        // An inverse restores a state that held; it cannot fail, and if it did there is nothing
        // better to do than keep going.
        let _ = apply(map, inverse);
    }
}

/// Removes a relation; the answers to its critical questions go with it (and come back with it
/// on undo). Returns the inverse.
fn remove_relation(map: &mut ArgumentMap, id: RelationId) -> Result<Edit, ModelError> {
    let answering = unmark_answers(map, id)?;
    match map.remove_relation(id) {
        Ok(relation) => Ok(with_answers(Edit::AddRelation { id, relation }, answering)),
        Err(e) => {
            for (s, a) in answering {
                map.set_answers(&s, Some(a))?;
            }
            Err(e)
        }
    }
}

/// Unmarks the statements answering a critical question of relation `id`; returns what they
/// answered, to restore.
fn unmark_answers(map: &mut ArgumentMap, id: RelationId) -> Result<Vec<(StatementId, Answer)>, ModelError> {
    let answering = map.answering(id);
    for (s, _) in &answering {
        map.set_answers(s, None)?;
    }
    Ok(answering)
}

/// The inverse `restore`, and after it the answers it gives back (see [`unmark_answers`]).
fn with_answers(restore: Edit, answering: Vec<(StatementId, Answer)>) -> Edit {
    if answering.is_empty() {
        return restore;
    }
    let answers = answering.into_iter().map(|(id, a)| Edit::SetAnswers { id, answers: Some(a) });
    Edit::Batch(std::iter::once(restore).chain(answers).collect())
}

/// Names a relation's scheme; returns the inverse. Another scheme asks other questions: the
/// statements that answered the old one's no longer answer any, and none is doubted (undo gives
/// the answers and the doubts back).
fn set_scheme(map: &mut ArgumentMap, id: RelationId, scheme: Option<String>) -> Result<Edit, ModelError> {
    crate::model::check_scheme(scheme.as_deref())?;
    let old = map.relation(id).ok_or(ModelError::UnknownRelation(id))?.clone();
    if old.scheme == scheme {
        return Ok(Edit::SetScheme { id, scheme });
    }
    map.replace_relation(id, Relation { scheme, doubted: Vec::new(), ..old.clone() })?;
    let answering = unmark_answers(map, id)?;
    let restore = with_answers(Edit::SetScheme { id, scheme: old.scheme }, answering);
    Ok(match (old.doubted.is_empty(), restore) {
        (true, restore) => restore,
        (false, Edit::Batch(mut edits)) => {
            edits.push(Edit::SetDoubted { id, doubted: old.doubted });
            Edit::Batch(edits)
        }
        (false, restore) => Edit::Batch(vec![restore, Edit::SetDoubted { id, doubted: old.doubted }]),
    })
}

/// Puts `new` in the map's place, whole; returns the inverse.
fn replace_map(map: &mut ArgumentMap, new: ArgumentMap) -> Result<Edit, ModelError> {
    new.validate()?;
    Ok(Edit::ReplaceMap { map: Box::new(std::mem::replace(map, new)) })
}

fn statement_mut<'a>(map: &'a mut ArgumentMap, id: &StatementId) -> Result<&'a mut Statement, ModelError> {
    map.statement_mut(id).ok_or_else(|| ModelError::UnknownStatement(id.clone()))
}

// ---- the edits of whole gestures ----

/// Switches a relation between support and objection (`None`: no such relation).
pub fn flip(map: &ArgumentMap, id: RelationId) -> Option<Edit> {
    let kind = map.relation(id)?.kind.flipped();
    Some(Edit::SetKind { id, kind })
}

/// A new statement with `text` as a premise of a new relation of `kind` to `target`: adding a
/// reason (`Support`) or an objection (`Objection`; on an objection this is a rebuttal). It joins
/// `target`'s group (as a new undercut or co-premise joins its argument's premises' group).
/// Returns the edit and the new statement's id.
pub fn add_premise(map: &ArgumentMap, target: &str, kind: RelationKind, text: &str) -> (Edit, StatementId) {
    let id = map.fresh_id(text);
    (add_premise_as(map, id.clone(), target, kind, text), id)
}

/// [`add_premise`] with the new statement's id chosen by the caller (it must be new).
pub fn add_premise_as(
    map: &ArgumentMap,
    id: StatementId,
    target: &str,
    kind: RelationKind,
    text: &str,
) -> Edit {
    let relation = Relation::single(kind, id.as_str(), target);
    let mut edits = vec![
        Edit::AddStatement { seq: map.next_statement_seq(), statement: Statement::new(id.clone(), text) },
        Edit::AddRelation { id: map.next_relation_id(), relation },
    ];
    edits.extend(join_group_of(map, id, target));
    Edit::Batch(edits)
}

/// A new statement `id` hung beside `beside` joins its group (a counter-claim added inside a
/// camp's branch belongs to that camp), if it has one.
fn join_group_of(map: &ArgumentMap, id: StatementId, beside: &str) -> Option<Edit> {
    map.group_of(beside).map(|g| Edit::SetGroup { id, group: Some(g.clone()) })
}

/// A new statement with `text` undercutting relation `target`: it objects to the inference, not
/// to the premises or the conclusion. Returns the edit and the new statement's id.
pub fn add_undercut(
    map: &ArgumentMap,
    target: RelationId,
    text: &str,
) -> Result<(Edit, StatementId), ModelError> {
    add_undercut_as(map, map.fresh_id(text), target, text)
}

/// [`add_undercut`] with the new statement's id chosen by the caller (it must be new).
pub fn add_undercut_as(
    map: &ArgumentMap,
    id: StatementId,
    target: RelationId,
    text: &str,
) -> Result<(Edit, StatementId), ModelError> {
    let relation = map.relation(target).ok_or(ModelError::UnknownRelation(target))?;
    if relation.is_undercut() {
        return Err(ModelError::UndercutOfUndercut);
    }
    let beside = relation.premises.first().cloned();
    let mut edits = vec![
        Edit::AddStatement { seq: map.next_statement_seq(), statement: Statement::new(id.clone(), text) },
        Edit::AddRelation { id: map.next_relation_id(), relation: Relation::undercut(&id, target) },
    ];
    edits.extend(beside.and_then(|b| join_group_of(map, id.clone(), &b)));
    Ok((Edit::Batch(edits), id))
}

/// A new free-standing claim with `text`. Returns the edit and the new statement's id.
pub fn add_claim(map: &ArgumentMap, text: &str) -> (Edit, StatementId) {
    add_claim_as(map, map.fresh_id(text), text)
}

/// [`add_claim`] with the new statement's id chosen by the caller (it must be new).
pub fn add_claim_as(map: &ArgumentMap, id: StatementId, text: &str) -> (Edit, StatementId) {
    let statement = Statement::new(id.clone(), text);
    (Edit::AddStatement { seq: map.next_statement_seq(), statement }, id)
}

/// A new statement with `text` as a co-premise of an existing relation. Returns the edit and the
/// new statement's id.
pub fn add_copremise(
    map: &ArgumentMap,
    relation: RelationId,
    text: &str,
) -> Result<(Edit, StatementId), ModelError> {
    add_copremise_as(map, map.fresh_id(text), relation, text)
}

/// [`add_copremise`] with the new statement's id chosen by the caller (it must be new).
pub fn add_copremise_as(
    map: &ArgumentMap,
    id: StatementId,
    relation: RelationId,
    text: &str,
) -> Result<(Edit, StatementId), ModelError> {
    let old = map.relation(relation).ok_or(ModelError::UnknownRelation(relation))?;
    let mut premises = old.premises.clone();
    let beside = premises.first().cloned();
    premises.push(id.clone());
    let mut edits = vec![
        Edit::AddStatement { seq: map.next_statement_seq(), statement: Statement::new(id.clone(), text) },
        Edit::SetPremises { id: relation, premises },
    ];
    edits.extend(beside.and_then(|b| join_group_of(map, id.clone(), &b)));
    Ok((Edit::Batch(edits), id))
}

/// Connects an existing statement as a reason (`Support`) or objection of another.
pub fn connect(map: &ArgumentMap, premise: &str, conclusion: &str, kind: RelationKind) -> Edit {
    Edit::AddRelation { id: map.next_relation_id(), relation: Relation::single(kind, premise, conclusion) }
}

/// Deletes a statement with its relations. Relations it concludes go; a relation it is one of
/// several co-premises of loses it; a relation it is the only premise of goes; the undercuts of a
/// relation that goes go with it. Statements left unconnected stay in the map as free claims.
pub fn delete_statement(map: &ArgumentMap, id: &str) -> Result<Edit, ModelError> {
    let statement = map.statement(id).ok_or_else(|| ModelError::UnknownStatement(id.into()))?;
    let mut relations = map.relations_to(id);
    relations.extend(map.relations_from(id));
    relations.sort_unstable();
    relations.dedup();
    let mut removed: Vec<RelationId> = Vec::new();
    let mut shrunk: Vec<Edit> = Vec::new();
    for rid in relations {
        let Some(relation) = map.relation(rid) else { continue };
        let rest: Vec<StatementId> = relation.premises.iter().filter(|p| p.as_str() != id).cloned().collect();
        if relation.conclusion.is(id) || rest.is_empty() {
            removed.push(rid);
        } else {
            shrunk.push(Edit::SetPremises { id: rid, premises: rest });
        }
    }
    // Undercuts of removed relations go first (a relation cannot go while undercut).
    let mut edits: Vec<Edit> = Vec::new();
    let mut gone: Vec<RelationId> = Vec::new();
    for &rid in &removed {
        for u in map.undercuts_of(rid) {
            if !removed.contains(&u) && !gone.contains(&u) {
                gone.push(u);
            }
        }
    }
    gone.extend(removed);
    // An undercut that loses its only premise also goes; one that went needs no shrinking.
    shrunk.retain(|e| !matches!(e, Edit::SetPremises { id, .. } if gone.contains(id)));
    edits.extend(shrunk);
    edits.extend(gone.into_iter().map(|id| Edit::RemoveRelation { id }));
    if map.mark(id).is_some() {
        edits.push(Edit::SetMark { id: statement.id.clone(), mark: None });
    }
    edits.extend(leave_groups(map, std::slice::from_ref(&statement.id)));
    edits.push(Edit::RemoveStatement { id: statement.id.clone() });
    Ok(Edit::Batch(edits))
}

/// Deletes several statements as one step (each as [`delete_statement`] would, one after the
/// other; one that an earlier deletion already took with it is skipped).
pub fn delete_statements(map: &ArgumentMap, ids: &[StatementId]) -> Result<Edit, ModelError> {
    let mut scratch = map.clone();
    let mut edits = Vec::new();
    for id in ids {
        if !scratch.contains(id) {
            continue;
        }
        let edit = delete_statement(&scratch, id)?;
        apply(&mut scratch, edit.clone())?;
        edits.push(edit);
    }
    Ok(Edit::Batch(edits))
}

/// The edits that take `ids` out of their groups, and remove each group they leave empty.
fn leave_groups(map: &ArgumentMap, ids: &[StatementId]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = ids
        .iter()
        .filter(|id| map.group_of(id).is_some())
        .map(|id| Edit::SetGroup { id: id.clone(), group: None })
        .collect();
    edits.extend(emptied_groups(map, ids));
    edits
}

/// The removals of the groups every member of which is among `ids` (in the groups' order).
fn emptied_groups(map: &ArgumentMap, ids: &[StatementId]) -> Vec<Edit> {
    let touched: std::collections::HashSet<&StatementId> =
        ids.iter().filter_map(|id| map.group_of(id)).collect();
    if touched.is_empty() {
        return Vec::new();
    }
    let gone: std::collections::HashSet<&StatementId> = ids.iter().collect();
    map.groups()
        .iter()
        .zip(map.group_members())
        .filter(|(g, members)| touched.contains(&g.id) && members.iter().all(|m| gone.contains(m)))
        .map(|(g, _)| Edit::RemoveGroup { id: g.id.clone() })
        .collect()
}

/// Puts `ids` in a new group titled `title` (out of any group they were in; a group left empty
/// goes), as one step. Fails on no statements or an empty title.
pub fn group(map: &ArgumentMap, ids: &[StatementId], title: &str) -> Result<Edit, ModelError> {
    let id: StatementId = crate::model::unique_slug(title, "group", |c| map.group(c).is_some()).into();
    let group = Group::new(id.clone(), title.trim());
    crate::model::check_group(&group)?;
    if ids.is_empty() {
        return Err(ModelError::InvalidGroup(id, "it has no members"));
    }
    // The new group first; its members move into it; groups they leave empty go last.
    let mut edits = vec![Edit::AddGroup { index: map.groups().len(), group }];
    edits.extend(ids.iter().map(|m| Edit::SetGroup { id: m.clone(), group: Some(id.clone()) }));
    edits.extend(emptied_groups(map, ids));
    Ok(Edit::Batch(edits))
}

/// Dissolves a group: its members leave it and it goes, as one step.
pub fn ungroup(map: &ArgumentMap, group: &str) -> Result<Edit, ModelError> {
    let g = map.group(group).ok_or_else(|| ModelError::UnknownGroup(group.into()))?;
    let mut edits: Vec<Edit> =
        map.members(group).into_iter().map(|m| Edit::SetGroup { id: m.clone(), group: None }).collect();
    edits.push(Edit::RemoveGroup { id: g.id.clone() });
    Ok(Edit::Batch(edits))
}

/// Clears every what-if mark and every doubted critical question, as one step (`None` when there
/// is none).
pub fn clear_marks(map: &ArgumentMap) -> Option<Edit> {
    let marks = map.marks().keys().map(|id| Edit::SetMark { id: id.clone(), mark: None });
    let doubts = map.relations().filter(|(_, r)| !r.doubted.is_empty());
    let edits: Vec<Edit> =
        marks.chain(doubts.map(|(id, _)| Edit::SetDoubted { id, doubted: Vec::new() })).collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Doubts critical question `question` of relation `id`, or stops doubting it (`None`: no such
/// relation).
pub fn toggle_doubt(map: &ArgumentMap, id: RelationId, question: usize) -> Option<Edit> {
    let mut doubted = map.relation(id)?.doubted.clone();
    match doubted.binary_search(&question) {
        Ok(at) => {
            doubted.remove(at);
        }
        Err(at) => doubted.insert(at, question),
    }
    Some(Edit::SetDoubted { id, doubted })
}

#[cfg(test)]
mod tests;
