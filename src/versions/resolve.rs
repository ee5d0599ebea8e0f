//! Settling a conflict a merge left: the edit that keeps one side's version.

use crate::edit::{self, Edit};
use crate::model::{ArgumentMap, ConflictField};

/// Which version to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Ours: what the map shows meanwhile.
    Ours,
    /// Theirs.
    Theirs,
}

/// The edit that settles conflict `index` of `map` by keeping `side`'s version (one undo step),
/// or none if that version cannot be applied (a relation's other version: only ours is kept
/// by a click; theirs is said in words).
pub fn resolve(map: &ArgumentMap, index: usize, side: Side) -> Option<Edit> {
    let c = map.conflicts().get(index)?;
    let id = c.statement.clone();
    let chosen = if side == Side::Ours { &c.ours } else { &c.theirs };
    let mut rest = map.conflicts().to_vec();
    rest.remove(index);
    let mut edits = Vec::new();
    match (c.field, side) {
        (ConflictField::Deleted, _) if chosen.is_none() => {
            // The side that deleted it: every conflict about it goes, then the statement.
            rest.retain(|o| o.statement != id);
            edits.push(Edit::SetConflicts { conflicts: rest });
            let mut after = map.clone();
            edit::apply(&mut after, edits[0].clone()).ok()?;
            edits.push(edit::delete_statement(&after, &id).ok()?);
            return Some(Edit::Batch(edits));
        }
        (ConflictField::Relation, Side::Theirs) => return None,
        (_, Side::Ours) | (ConflictField::Deleted, Side::Theirs) => {}
        (ConflictField::Text, Side::Theirs) => {
            edits.push(Edit::SetText { id, text: c.theirs.clone().unwrap_or_default() });
        }
        (ConflictField::Note, Side::Theirs) => edits.push(Edit::SetNote { id, note: c.theirs.clone() }),
        (ConflictField::Source, Side::Theirs) => {
            edits.push(Edit::SetSource { id, source: c.their_source.clone() })
        }
        (ConflictField::Mark, Side::Theirs) => {
            let mark = match c.theirs.as_deref() {
                Some("rejected") => Some(crate::model::Mark::Rejected),
                Some("accepted") => Some(crate::model::Mark::Accepted),
                _ => None,
            };
            edits.push(Edit::SetMark { id, mark });
        }
        (ConflictField::Group, Side::Theirs) => {
            let group = c.theirs.as_deref().map(crate::model::StatementId::from);
            if group.as_ref().is_some_and(|g| map.group(g).is_none()) {
                return None; // their group is not in the map: put it back by hand
            }
            edits.push(Edit::SetGroup { id, group });
        }
    }
    edits.push(Edit::SetConflicts { conflicts: rest });
    Some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    fn conflicted() -> ArgumentMap {
        let base = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        let retext = |text: &str| {
            let mut m = base.clone();
            apply(&mut m, Edit::SetText { id: "precedent".into(), text: text.into() }).unwrap();
            m
        };
        let mut deleted = retext("Ours.");
        let e = edit::delete_statement(&deleted, "junta-open").unwrap();
        apply(&mut deleted, e).unwrap();
        let mut theirs = retext("Theirs.");
        apply(&mut theirs, Edit::SetNote { id: "junta-open".into(), note: Some("Kept.".into()) }).unwrap();
        super::super::merge(&base, &deleted, &theirs).map
    }

    #[test]
    fn one_click_keeps_a_version_and_settles_the_conflict() {
        let map = conflicted();
        assert_eq!(map.conflicts().len(), 2);
        let text = map.conflicts().iter().position(|c| c.field == ConflictField::Text).unwrap();
        let mut theirs = map.clone();
        let undo = apply(&mut theirs, resolve(&map, text, Side::Theirs).unwrap()).unwrap();
        assert_eq!(theirs.statement("precedent").unwrap().text, "Theirs.");
        assert_eq!(theirs.conflicts().len(), 1);
        apply(&mut theirs, undo).unwrap();
        assert_eq!(theirs, map, "undone in one step");
        // We deleted junta-open, they gave it a note: keeping ours deletes it.
        let gone = map.conflicts().iter().position(|c| c.field == ConflictField::Deleted).unwrap();
        let mut ours = map.clone();
        apply(&mut ours, resolve(&map, gone, Side::Ours).unwrap()).unwrap();
        assert!(!ours.contains("junta-open") && ours.conflicts().len() == 1);
        let mut kept = map.clone();
        apply(&mut kept, resolve(&map, gone, Side::Theirs).unwrap()).unwrap();
        assert_eq!(kept.statement("junta-open").unwrap().note.as_deref(), Some("Kept."));
    }
}
