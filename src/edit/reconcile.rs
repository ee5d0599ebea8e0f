//! The edit that turns one map into another made from a text (Argdown read back): statements
//! matched by id, relations by what they connect, so that what the text does not hold (pins,
//! what-if marks, ratings, the arrangement) stays on whatever the text kept. The ground of a
//! text pane edited both ways: a text edit becomes one undoable edit of the map.

use super::Edit;
use crate::model::{ArgumentMap, Relation, RelationId, Target};
use foldhash::{HashMap, HashSet};

/// The edit (a batch, empty when nothing changed) that makes `old` say what `new` says: its
/// title, statements (text, source, note), relations (kind, premises, conclusion, label,
/// description), groups and their members. A statement of `new` is the statement of `old`
/// with its id; a relation of `new` is the unmatched relation of `old` with the same premises
/// and conclusion (the kind may differ: a flip), else a new one. Pins, marks and ratings of
/// what is kept stay as they are; `new`'s are not looked at.
pub fn reconcile(old: &ArgumentMap, new: &ArgumentMap) -> Edit {
    let matched = crate::model::match_same_relations(old, new);
    let mut edits = Vec::new();
    remove_relations(old, &matched, &mut edits);
    remove_statements(old, new, &mut edits);
    add_and_update_statements(old, new, &mut edits);
    add_and_update_relations(old, new, &matched, &mut edits);
    groups(old, new, &mut edits);
    if old.title != new.title {
        edits.push(Edit::SetTitle { title: new.title.clone() });
    }
    Edit::Batch(edits)
}

/// Removes the relations of `old` nothing in `new` matched: undercuts first (a relation cannot
/// go while an undercut targets it).
fn remove_relations(old: &ArgumentMap, matched: &HashMap<RelationId, RelationId>, edits: &mut Vec<Edit>) {
    let kept: HashSet<RelationId> = matched.values().copied().collect();
    for undercuts in [true, false] {
        for (id, r) in old.relations() {
            if r.is_undercut() == undercuts && !kept.contains(&id) {
                edits.push(Edit::RemoveRelation { id });
            }
        }
    }
}

/// Removes the statements of `old` that `new` does not have (their marks and group first).
fn remove_statements(old: &ArgumentMap, new: &ArgumentMap, edits: &mut Vec<Edit>) {
    for s in old.statements().filter(|s| !new.contains(&s.id)) {
        if old.mark(&s.id).is_some() {
            edits.push(Edit::SetMark { id: s.id.clone(), mark: None });
        }
        if old.group_of(&s.id).is_some() {
            edits.push(Edit::SetGroup { id: s.id.clone(), group: None });
        }
        edits.push(Edit::RemoveStatement { id: s.id.clone() });
    }
}

/// Adds the statements new in `new` (in its order, after `old`'s) and sets the text, source and
/// note of the others where they changed.
fn add_and_update_statements(old: &ArgumentMap, new: &ArgumentMap, edits: &mut Vec<Edit>) {
    let added = new.statements().filter(|s| !old.contains(&s.id));
    for (seq, s) in (old.next_statement_seq()..).zip(added) {
        let statement = crate::model::Statement { pinned: None, answers: None, ..s.clone() };
        edits.push(Edit::AddStatement { seq, statement });
    }
    for s in new.statements() {
        let Some(o) = old.statement(&s.id) else { continue };
        if o.text != s.text {
            edits.push(Edit::SetText { id: s.id.clone(), text: s.text.clone() });
        }
        if o.source != s.source {
            edits.push(Edit::SetSource { id: s.id.clone(), source: s.source.clone() });
        }
        if o.note != s.note {
            edits.push(Edit::SetNote { id: s.id.clone(), note: s.note.clone() });
        }
    }
}

/// Sets the kind and texts of matched relations where they changed, and adds the unmatched
/// relations of `new` under fresh ids (plain ones first, so undercuts find their targets).
fn add_and_update_relations(
    old: &ArgumentMap,
    new: &ArgumentMap,
    matched: &HashMap<RelationId, RelationId>,
    edits: &mut Vec<Edit>,
) {
    let mut ids = matched.clone();
    let mut next = old.next_relation_id().0;
    for undercuts in [false, true] {
        for (id, r) in new.relations().filter(|(_, r)| r.is_undercut() == undercuts) {
            match matched.get(&id).and_then(|&o| Some((o, old.relation(o)?))) {
                Some((o, was)) => {
                    if was.kind != r.kind {
                        edits.push(Edit::SetKind { id: o, kind: r.kind });
                    }
                    if (&was.label, &was.description) != (&r.label, &r.description) {
                        let (label, description) = (r.label.clone(), r.description.clone());
                        edits.push(Edit::SetRelationText { id: o, label, description });
                    }
                }
                None => {
                    let conclusion = match &r.conclusion {
                        Target::Relation(t) => match ids.get(t) {
                            Some(&mapped) => Target::Relation(mapped),
                            None => continue,
                        },
                        target => target.clone(),
                    };
                    let relation = Relation { conclusion, rating: None, ..r.clone() };
                    let fresh = RelationId(next);
                    next += 1;
                    ids.insert(id, fresh);
                    edits.push(Edit::AddRelation { id: fresh, relation });
                }
            }
        }
    }
}

/// Makes the groups and their members those of `new`: groups added, renamed, members moved,
/// then the groups `new` does not have removed.
fn groups(old: &ArgumentMap, new: &ArgumentMap, edits: &mut Vec<Edit>) {
    for (index, g) in new.groups().iter().enumerate() {
        match old.group(&g.id) {
            None => edits.push(Edit::AddGroup { index: index.min(old.groups().len()), group: g.clone() }),
            Some(o) if o.title != g.title => {
                edits.push(Edit::SetGroupTitle { id: g.id.clone(), title: g.title.clone() })
            }
            Some(_) => {}
        }
    }
    for s in new.statements() {
        let (was, now) = (old.group_of(&s.id), new.group_of(&s.id));
        if was != now && (was.is_some() || now.is_some()) {
            edits.push(Edit::SetGroup { id: s.id.clone(), group: now.cloned() });
        }
    }
    for g in old.groups().iter().filter(|g| new.group(&g.id).is_none()) {
        edits.push(Edit::RemoveGroup { id: g.id.clone() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::interop::argdown;
    use crate::model::{Mark, Pos, Rating, RelationKind, StatementId};

    fn text_of(map: &ArgumentMap) -> String {
        argdown::export(map).0
    }

    fn read(text: &str) -> ArgumentMap {
        argdown::import(text, "t").unwrap().map
    }

    /// A map with a pin, a mark and a rating: what Argdown does not hold.
    fn with_extras(mut map: ArgumentMap) -> ArgumentMap {
        let first = map.statements().nth(1).map(|s| s.id.clone()).unwrap();
        let rated = map.relations().next().map(|(id, _)| id).unwrap();
        let edits = vec![
            Edit::SetPinned { id: first.clone(), pinned: Some(Pos { x: 10.0, y: 20.0 }) },
            Edit::SetMark { id: first, mark: Some(Mark::Rejected) },
            Edit::SetRating { id: rated, rating: Some(Rating::Strong) },
        ];
        apply(&mut map, Edit::Batch(edits)).unwrap();
        map
    }

    #[test]
    fn the_text_of_a_map_read_back_changes_nothing() {
        let shipped = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        for map in [shipped, crate::synth::generate(300, 7), crate::synth::generate(60, 3)] {
            assert_eq!(reconcile(&map, &read(&text_of(&map))), Edit::Batch(Vec::new()), "{}", map.title);
        }
    }

    #[test]
    fn a_text_edited_becomes_an_edit_that_keeps_pins_marks_and_ratings() {
        let old = with_extras(crate::io::load_str(crate::MINUSMA_RON, "m").unwrap());
        // As a user would edit the text: a new reason under the claim, a statement reworded, an
        // objection's sign flipped, a leaf removed.
        let text = text_of(&old)
            .replace(
                "[pragmatic-short-term]\n  + [junta-open]",
                "[pragmatic-short-term]\n  + [junta-open]\n  + [New reason]: The mission has no other partner.",
            )
            .replace("Host-state consent is a core tenet", "Host-state consent is a founding tenet")
            .replace("[civilian-leaders]\n  - [coup-leader-vice-president]", "[civilian-leaders]\n  + [coup-leader-vice-president]");
        let new = read(&text);
        let mut map = old.clone();
        let inverse = apply(&mut map, reconcile(&old, &new)).unwrap();
        // The map says what the text says: nothing left to reconcile (the new relation comes
        // last in file order, where the text had it second).
        assert_eq!(reconcile(&map, &new), Edit::Batch(Vec::new()));
        assert!(map.contains("new-reason"), "a new title is a new statement");
        let consent = map.statement("host-state-consent").unwrap();
        assert!(consent.text.contains("founding tenet"));
        // What the text does not hold stays.
        for s in old.statements().filter(|s| s.pinned.is_some()) {
            assert_eq!(map.statement(&s.id).unwrap().pinned, s.pinned);
        }
        assert_eq!(map.marks(), old.marks());
        let rated: Vec<_> = old.relations().filter(|(_, r)| r.rating.is_some()).map(|(id, _)| id).collect();
        for id in rated {
            assert_eq!(map.relation(id).map(|r| r.rating), old.relation(id).map(|r| r.rating));
        }
        let flipped = map
            .relations()
            .find(|(_, r)| r.premises == [StatementId::from("coup-leader-vice-president")])
            .map(|(_, r)| r.kind);
        assert_eq!(flipped, Some(RelationKind::Support));
        // One step back gives the old map.
        apply(&mut map, inverse).unwrap();
        assert_eq!(map, old);
    }

    #[test]
    fn removed_statements_go_with_their_marks_and_groups() {
        let old = with_extras(crate::io::load_str(crate::MINUSMA_RON, "m").unwrap());
        // The statement `with_extras` marks, in the state-centric camp, and the reason under it.
        let gone = old.statements().nth(1).unwrap().id.clone();
        assert!(old.mark(&gone).is_some() && old.group_of(&gone).is_some(), "marked, in a group");
        let mut smaller = old.clone();
        let edit = crate::edit::delete_branch(&smaller, std::slice::from_ref(&gone)).unwrap();
        apply(&mut smaller, edit).unwrap();
        assert_eq!(smaller.statement_count(), old.statement_count() - 2, "it and its reason went");
        // The text of the smaller map, read back: the edit that makes the map say it.
        let new = read(&text_of(&smaller));
        let mut map = old.clone();
        apply(&mut map, reconcile(&old, &new)).unwrap();
        assert!(!map.contains(&gone) && map.mark(&gone).is_none() && map.group_of(&gone).is_none());
        assert_eq!(map.statement_count(), smaller.statement_count());
        assert_eq!(text_of(&map), text_of(&smaller));
        assert_eq!(reconcile(&map, &new), Edit::Batch(Vec::new()));
        // The marks and groups of what stays are kept.
        assert_eq!(map.group_members(), smaller.group_members());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

        /// Map -> text -> map is the identity on everything Argdown holds: read back, the text
        /// asks for no edit, so the pins, marks and ratings it does not hold stay untouched.
        #[test]
        fn generated_maps_read_back_from_their_text_need_no_edit(n in 2usize..200, seed in 0u64..10_000) {
            let map = with_extras(crate::synth::generate(n, seed));
            proptest::prop_assert_eq!(reconcile(&map, &read(&text_of(&map))), Edit::Batch(Vec::new()));
        }
    }
}
