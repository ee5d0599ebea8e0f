//! Undo and redo: each step stores the edit that reverses it, and the revision it leads to, so
//! "are there unsaved changes?" is a comparison of two numbers.

use super::{Edit, apply};
use crate::model::{ArgumentMap, ModelError, RelationId, StatementId};

/// What a structural edit did to the map's tree, when it is one the layout can follow in place
/// ([`crate::layout::splice`]) rather than lay the map out again: the commonest edits, a
/// statement added as the only premise of a new relation (a reason, an objection, an undercut),
/// and the same taken back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reshape {
    /// `statement` was added as the only premise of the new `relation`.
    Added {
        /// The new statement.
        statement: StatementId,
        /// Its relation.
        relation: RelationId,
    },
    /// `statement` and `relation` were removed (the layout checks it was such a premise).
    Removed {
        /// The removed statement.
        statement: StatementId,
        /// The removed relation.
        relation: RelationId,
        /// The statement the removed relation argued about (for an undercut, the conclusion of
        /// the relation it undercut), read before the removal ([`History`] does): the only one
        /// whose attacks changed.
        on: Option<StatementId>,
    },
}

impl Reshape {
    /// The reshape an edit is, if it is one of the two kinds: one statement and one relation
    /// added or removed, besides edits that keep the tree (a text, a mark) and the group of that
    /// statement.
    pub fn of(edit: &Edit) -> Option<Self> {
        let (mut added, mut removed) = ((None, None), (None, None));
        let mut grouped: Vec<&StatementId> = Vec::new();
        let mut stack = vec![edit];
        while let Some(e) = stack.pop() {
            match e {
                Edit::Batch(edits) => stack.extend(edits.iter().rev()),
                Edit::AddStatement { statement, .. } if added.0.is_none() => added.0 = Some(&statement.id),
                Edit::AddRelation { id, relation } if added.1.is_none() => added.1 = Some((*id, relation)),
                Edit::RemoveStatement { id } if removed.0.is_none() => removed.0 = Some(id),
                Edit::RemoveRelation { id } if removed.1.is_none() => removed.1 = Some(*id),
                Edit::SetGroup { id, .. } => grouped.push(id),
                other if !other.changes_structure() => {}
                _ => return None,
            }
        }
        let reshape = match (added, removed) {
            ((Some(s), Some((r, rel))), (None, None)) if rel.premises.len() == 1 && rel.premises[0] == *s => {
                Reshape::Added { statement: s.clone(), relation: r }
            }
            ((None, None), (Some(s), Some(r))) => {
                Reshape::Removed { statement: s.clone(), relation: r, on: None }
            }
            _ => return None,
        };
        let own = match &reshape {
            Reshape::Added { statement, .. } | Reshape::Removed { statement, .. } => statement,
        };
        grouped.iter().all(|g| *g == own).then_some(reshape)
    }

    /// The same, with the statement a removed relation argues about read from `map` (before the
    /// removal).
    fn located(self, map: &ArgumentMap) -> Self {
        match self {
            Reshape::Removed { statement, relation, .. } => {
                let on = map.relation(relation).and_then(|r| map.concluded(r)).cloned();
                Reshape::Removed { statement, relation, on }
            }
            added => added,
        }
    }
}

/// One undoable step: a user gesture.
#[derive(Clone, Debug)]
struct Step {
    /// What the gesture was, for menus ("Undo add objection").
    label: String,
    /// The edit that takes the map to the other side of this step.
    edit: Edit,
    /// Revision before the gesture.
    before: u64,
    /// Revision after the gesture.
    after: u64,
}

/// The undo and redo stacks of one open map.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    next_revision: u64,
    saved: Option<u64>,
    /// How many applied edits (forward, undone or redone) could move a box: a cache key for
    /// the layout, which edits of marks, ratings, notes or sources leave alone.
    layout_changes: u64,
    /// How many of those changed the tree or a pin (not only a text).
    structure_changes: u64,
    /// The last of those, if the layout can follow it in place, with the count it made.
    reshape: Option<(u64, Reshape)>,
}

/// An empty history whose current state counts as saved.
impl Default for History {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            next_revision: 1,
            saved: Some(0),
            layout_changes: 0,
            structure_changes: 0,
            reshape: None,
        }
    }
}

impl History {
    /// Applies an edit, counting it if it could change the layout.
    fn run(&mut self, map: &mut ArgumentMap, edit: Edit) -> Result<Edit, ModelError> {
        let (moves, reshapes) = (edit.changes_layout(), edit.changes_structure());
        let reshape = if reshapes { Reshape::of(&edit).map(|r| r.located(map)) } else { None };
        let inverse = apply(map, edit)?;
        self.layout_changes += u64::from(moves);
        if reshapes {
            self.structure_changes += 1;
            self.reshape = reshape.map(|r| (self.structure_changes, r));
        }
        Ok(inverse)
    }

    /// The edit that brought [`History::structure_changes`] to `count`, if it is a [`Reshape`]
    /// (and the last such edit).
    pub fn reshape(&self, count: u64) -> Option<&Reshape> {
        self.reshape.as_ref().filter(|(c, _)| *c == count).map(|(_, r)| r)
    }

    /// Changes whenever an edit may have changed the layout's tree or a pin
    /// (see [`Edit::changes_structure`]).
    pub fn structure_changes(&self) -> u64 {
        self.structure_changes
    }

    /// Changes whenever an edit may have moved or resized a box (see [`Edit::changes_layout`]).
    pub fn layout_changes(&self) -> u64 {
        self.layout_changes
    }

    /// Marks the current state as one that was never saved (a map recovered or imported).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// Applies a gesture's edit as one undo step; clears the redo stack. On error nothing changes.
    pub fn apply(
        &mut self,
        map: &mut ArgumentMap,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), ModelError> {
        let inverse = self.run(map, edit)?;
        let before = self.revision;
        self.next_revision = self.next_revision.max(self.revision + 1);
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.undo.push(Step { label: label.into(), edit: inverse, before, after: self.revision });
        self.redo.clear();
        Ok(())
    }

    /// Applies an edit as part of the last step, so the gesture stays one undo step (typing the
    /// text of a statement the same gesture added). With no last step it becomes one.
    pub fn amend(&mut self, map: &mut ArgumentMap, edit: Edit) -> Result<(), ModelError> {
        if self.undo.is_empty() {
            return self.apply(map, edit, "edit");
        }
        let inverse = self.run(map, edit)?;
        let Some(last) = self.undo.last_mut() else { return Ok(()) };
        let older = std::mem::replace(&mut last.edit, Edit::Batch(Vec::new()));
        last.edit = Edit::Batch(vec![inverse, older]);
        self.revision = self.next_revision;
        self.next_revision += 1;
        last.after = self.revision;
        self.redo.clear();
        Ok(())
    }

    /// Applies another person's edit (a live map): not a step of this person's to undo. Every
    /// state the stacks lead back to now holds that edit too, so each gets a new revision, and
    /// none counts as saved any more.
    pub fn remote(&mut self, map: &mut ArgumentMap, edit: Edit) -> Result<(), ModelError> {
        self.run(map, edit)?;
        let mut renamed: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
        let mut next = self.next_revision;
        let mut fresh = |r: u64| {
            *renamed.entry(r).or_insert_with(|| {
                next += 1;
                next - 1
            })
        };
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            step.before = fresh(step.before);
            step.after = fresh(step.after);
        }
        self.revision = fresh(self.revision);
        self.next_revision = next;
        self.saved = None;
        Ok(())
    }

    /// Undoes the last step and forgets it, leaving nothing to redo (a cancelled gesture).
    pub fn discard_last(&mut self, map: &mut ArgumentMap) -> Result<(), ModelError> {
        let Some(step) = self.undo.pop() else { return Ok(()) };
        match self.run(map, step.edit.clone()) {
            Ok(_) => {
                self.revision = step.before;
                Ok(())
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Undoes the last step; returns its label, or `None` if there is nothing to undo.
    pub fn undo(&mut self, map: &mut ArgumentMap) -> Result<Option<String>, ModelError> {
        let Some(step) = self.undo.pop() else { return Ok(None) };
        match self.run(map, step.edit.clone()) {
            Ok(forward) => {
                self.revision = step.before;
                let label = step.label.clone();
                self.redo.push(Step { edit: forward, ..step });
                Ok(Some(label))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; returns its label, or `None` if there is nothing to redo.
    pub fn redo(&mut self, map: &mut ArgumentMap) -> Result<Option<String>, ModelError> {
        let Some(step) = self.redo.pop() else { return Ok(None) };
        match self.run(map, step.edit.clone()) {
            Ok(inverse) => {
                self.revision = step.after;
                let label = step.label.clone();
                self.undo.push(Step { edit: inverse, ..step });
                Ok(Some(label))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// The label of the step undo would reverse.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Marks the current state as the saved one.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.revision);
    }

    /// Whether the map differs from its saved state.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.revision)
    }

    /// The current revision: changes with every applied, undone or redone step.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}
