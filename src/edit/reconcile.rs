//! The edit that turns one map into another made from a text (Argdown read back): statements
//! matched by id, relations by what they connect, so that what the text does not hold (pins,
//! what-if marks, ratings, the arrangement) stays on whatever the text kept. The ground of a
//! text pane edited both ways: a text edit becomes one undoable edit of the map.

use super::Edit;
use crate::model::{ArgumentMap, Relation, RelationId, StatementId, Target};
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

/// The edit that makes `old` say all that `new` says, what a text holds and what it does not:
/// [`reconcile`], then pins, marks, answers, ratings, schemes, doubts, the arrangement and the
/// conflicts of `new` (another person's edits arriving in a live map). A map whose documents
/// or source changed is put in place whole ([`Edit::ReplaceMap`]). Relations keep their ids
/// where they match, so the steps a person can still undo name the same relations.
pub fn reconcile_all(old: &ArgumentMap, new: &ArgumentMap) -> Edit {
    if old.documents() != new.documents() || old.source != new.source {
        return Edit::ReplaceMap { map: Box::new(new.clone()) };
    }
    let first = reconcile(old, new);
    let mut mid = old.clone();
    if super::apply(&mut mid, first.clone()).is_err() {
        return Edit::ReplaceMap { map: Box::new(new.clone()) };
    }
    let mut edits = vec![first];
    let matched = crate::model::match_same_relations(&mid, new);
    relation_extras(&mid, new, &matched, &mut edits);
    statement_extras(&mid, new, &matched, &mut edits);
    if mid.arrangement != new.arrangement {
        edits.push(Edit::SetArrangement { arrangement: new.arrangement });
    }
    if mid.conflicts() != new.conflicts() {
        edits.push(Edit::SetConflicts { conflicts: new.conflicts().to_vec() });
    }
    group_order(&mid, new, &mut edits);
    Edit::Batch(edits)
}

/// Puts the groups in `new`'s order (it gives each frame its colour): a group out of place is
/// emptied, taken out, put in at its place and filled again.
fn group_order(mid: &ArgumentMap, new: &ArgumentMap, edits: &mut Vec<Edit>) {
    let mut order: Vec<&StatementId> = mid.groups().iter().map(|g| &g.id).collect();
    for (place, g) in new.groups().iter().enumerate() {
        let Some(at) = order.iter().position(|id| **id == g.id) else { continue };
        if at == place {
            continue;
        }
        let members: Vec<StatementId> =
            new.statements().filter(|s| new.group_of(&s.id) == Some(&g.id)).map(|s| s.id.clone()).collect();
        edits.extend(members.iter().map(|id| Edit::SetGroup { id: id.clone(), group: None }));
        edits.push(Edit::RemoveGroup { id: g.id.clone() });
        edits.push(Edit::AddGroup { index: place, group: g.clone() });
        edits.extend(members.iter().map(|id| Edit::SetGroup { id: id.clone(), group: Some(g.id.clone()) }));
        let moved = order.remove(at);
        order.insert(place, moved);
    }
}

/// Ratings, schemes and doubts of the relations of `new` (matched to `mid`'s) where they differ.
fn relation_extras(
    mid: &ArgumentMap,
    new: &ArgumentMap,
    matched: &HashMap<RelationId, RelationId>,
    edits: &mut Vec<Edit>,
) {
    for (id, r) in new.relations() {
        let Some((m, was)) = matched.get(&id).and_then(|&m| Some((m, mid.relation(m)?))) else { continue };
        if was.rating != r.rating {
            edits.push(Edit::SetRating { id: m, rating: r.rating });
        }
        // A scheme changed unmarks the answers to its questions: answers are set after.
        if was.scheme != r.scheme {
            edits.push(Edit::SetScheme { id: m, scheme: r.scheme.clone() });
        }
        if was.scheme != r.scheme || was.doubted != r.doubted {
            edits.push(Edit::SetDoubted { id: m, doubted: r.doubted.clone() });
        }
    }
}

/// Pins, marks and answers of the statements of `new` where they differ from `mid`'s.
fn statement_extras(
    mid: &ArgumentMap,
    new: &ArgumentMap,
    matched: &HashMap<RelationId, RelationId>,
    edits: &mut Vec<Edit>,
) {
    let rescheme: HashSet<RelationId> = new
        .relations()
        .filter_map(|(id, r)| {
            let m = *matched.get(&id)?;
            (mid.relation(m)?.scheme != r.scheme).then_some(m)
        })
        .collect();
    for s in new.statements() {
        let Some(was) = mid.statement(&s.id) else { continue };
        if was.pinned != s.pinned {
            edits.push(Edit::SetPinned { id: s.id.clone(), pinned: s.pinned });
        }
        if mid.mark(&s.id) != new.mark(&s.id) {
            edits.push(Edit::SetMark { id: s.id.clone(), mark: new.mark(&s.id) });
        }
        let answers =
            s.answers.and_then(|a| Some(crate::model::Answer { relation: *matched.get(&a.relation)?, ..a }));
        let cleared = was.answers.is_some_and(|a| rescheme.contains(&a.relation));
        if was.answers != answers || (cleared && answers.is_some()) {
            edits.push(Edit::SetAnswers { id: s.id.clone(), answers });
        }
    }
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

    /// All a map says, whatever its order or relation ids: statements by id with every field,
    /// relations by what they join (an undercut by its target's description), marks, groups,
    /// the arrangement, the conflicts.
    fn said(map: &ArgumentMap) -> Vec<String> {
        fn relation(map: &ArgumentMap, id: RelationId, depth: usize) -> String {
            let Some(r) = map.relation(id) else { return "?".into() };
            let to = match &r.conclusion {
                Target::Statement(s) => s.to_string(),
                Target::Relation(t) if depth < 8 => format!("({})", relation(map, *t, depth + 1)),
                Target::Relation(_) => "deep".into(),
            };
            let (k, p, l, d, g, sc, db) =
                (&r.kind, &r.premises, &r.label, &r.description, &r.rating, &r.scheme, &r.doubted);
            format!("{k:?} {p:?} -> {to} {l:?} {d:?} {g:?} {sc:?} {db:?}")
        }
        let mut out: Vec<String> = map
            .statements()
            .map(|s| {
                let answers = s.answers.map(|a| (relation(map, a.relation, 0), a.question));
                let fields =
                    (&s.text, &s.source, &s.note, s.pinned, answers, map.mark(&s.id), map.group_of(&s.id));
                format!("S {} {fields:?}", s.id)
            })
            .chain(map.relations().map(|(id, _)| format!("R {}", relation(map, id, 0))))
            .collect();
        out.sort();
        out.push(format!("{:?} {:?} {:?} {:?}", map.title, map.arrangement, map.conflicts(), map.groups()));
        out
    }

    /// One person's edit of a map, drawn at random (what arrives from them in a live map).
    fn random_edit(map: &ArgumentMap, what: u8, k: usize, n: usize) -> Option<Edit> {
        let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
        let rels: Vec<RelationId> = map.relations().map(|(id, _)| id).collect();
        let id = ids.get(k % ids.len().max(1))?.clone();
        let rel = rels.get(k % rels.len().max(1)).copied();
        let other = ids.get((k * 7 + 3) % ids.len().max(1))?.clone();
        Some(match what % 12 {
            10 => crate::edit::group(map, &[id, other], &format!("Group {n}")).ok()?,
            11 => crate::edit::ungroup(map, &map.groups().get(k % map.groups().len().max(1))?.id).ok()?,
            0 => Edit::SetText { id, text: format!("Reworded {n}.") },
            1 => crate::edit::add_premise(map, &id, RelationKind::Objection, &format!("Objection {n}.")).0,
            2 => crate::edit::delete_statement(map, &id).ok()?,
            3 => Edit::SetPinned { id, pinned: Some(Pos { x: n as f32, y: k as f32 }) },
            4 => Edit::SetMark { id, mark: [None, Some(Mark::Rejected), Some(Mark::Accepted)][n % 3] },
            5 => {
                Edit::SetRating { id: rel?, rating: [None, Some(Rating::Strong), Some(Rating::Weak)][n % 3] }
            }
            6 => Edit::SetScheme { id: rel?, scheme: Some(["expert-opinion", "consequences"][n % 2].into()) },
            7 => Edit::SetAnswers {
                id,
                answers: Some(crate::model::Answer { relation: rel?, question: n % 3 }),
            },
            8 => Edit::SetNote { id, note: Some(format!("Note {n}.")) },
            _ => crate::edit::add_premise(map, &id, RelationKind::Support, &format!("Reason {n}.")).0,
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

        /// Another person's edits, taken in as one edit, make the map say all their map says:
        /// texts, relations, pins, marks, ratings, schemes, answers; and undoing it gives the
        /// map back as it was.
        #[test]
        fn a_map_reconciled_whole_says_all_the_other_says(
            n in 3usize..60,
            seed in 0u64..1000,
            steps in proptest::collection::vec((0u8..12, 0usize..64), 0..30),
        ) {
            let old = with_extras(crate::synth::generate(n, seed));
            let mut new = old.clone();
            for (i, (what, k)) in steps.into_iter().enumerate() {
                if let Some(e) = random_edit(&new, what, k, i) {
                    let _ = apply(&mut new, e);
                }
            }
            let mut map = old.clone();
            let inverse = apply(&mut map, reconcile_all(&old, &new)).unwrap();
            proptest::prop_assert_eq!(said(&map), said(&new));
            apply(&mut map, inverse).unwrap();
            proptest::prop_assert_eq!(said(&map), said(&old));
        }
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
