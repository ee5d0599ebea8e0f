//! Unit tests of `edit`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;
use crate::model::Role;
use RelationKind::{Objection as O, Support as S};

fn sample() -> ArgumentMap {
    ArgumentMap::from_parts(
        "t".into(),
        None,
        ["q", "r1", "r2", "o"].iter().map(|id| Statement::new(*id, *id)).collect(),
        vec![Relation::new(S, vec!["r1".into(), "r2".into()], "q".into()), Relation::single(O, "o", "q")],
    )
    .unwrap()
}

/// Applies `edit`, checks the invariants, undoes it and checks the map is back as it was.
fn check_inverse(edit: Edit) -> ArgumentMap {
    let start = sample();
    let mut m = start.clone();
    let inverse = apply(&mut m, edit).unwrap();
    m.validate().unwrap();
    let after = m.clone();
    let redo = apply(&mut m, inverse).unwrap();
    m.validate().unwrap();
    assert_eq!(m, start);
    assert_eq!(crate::io::to_ron_string(&m), crate::io::to_ron_string(&start));
    apply(&mut m, redo).unwrap();
    assert_eq!(m, after);
    after
}

#[test]
fn adding_an_objection_to_an_objection_makes_a_rebuttal() {
    let m = sample();
    let (edit, id) = add_premise(&m, "o", O, "But no.");
    let after = check_inverse(edit);
    assert_eq!(id.as_str(), "but-no");
    assert_eq!(after.role(&id), Some(Role::Rebuttal));
    let rel = after.relation(after.relations_from(&id)[0]).unwrap();
    assert_eq!((rel.kind, rel.conclusion.statement().map(|c| c.as_str()).unwrap_or("")), (O, "o"));
}

#[test]
fn deleting_a_co_premise_keeps_the_rest_of_the_argument() {
    let m = sample();
    let after = check_inverse(delete_statement(&m, "r1").unwrap());
    assert!(!after.contains("r1"));
    let rel = after.relation(after.relations_to("q")[0]).unwrap();
    assert_eq!(rel.premises, vec![StatementId::from("r2")]);
}

#[test]
fn deleting_a_conclusion_leaves_its_premises_as_free_claims() {
    let m = sample();
    let after = check_inverse(delete_statement(&m, "q").unwrap());
    assert_eq!(after.relation_count(), 0);
    assert_eq!(after.statement_count(), 3);
    assert_eq!(after.role("o"), Some(Role::Claim));
}

#[test]
fn every_primitive_edit_has_an_inverse() {
    let m = sample();
    let rel = m.relations_to("q")[0];
    check_inverse(Edit::SetText { id: "q".into(), text: "new".into() });
    check_inverse(Edit::SetNote { id: "q".into(), note: Some("n".into()) });
    check_inverse(Edit::SetSource {
        id: "q".into(),
        source: Some(Source { quote: "x".into(), reference: "y".into(), ..Source::default() }),
    });
    check_inverse(Edit::SetPinned { id: "q".into(), pinned: Some(Pos { x: 1.0, y: 2.0 }) });
    check_inverse(Edit::SetKind { id: rel, kind: O });
    check_inverse(Edit::SetPremises { id: rel, premises: vec!["r2".into()] });
    check_inverse(Edit::SetTitle { title: "T".into() });
    check_inverse(Edit::SetArrangement { arrangement: crate::model::Arrangement::TwoSides });
    check_inverse(add_copremise(&m, rel, "third").unwrap().0);
    check_inverse(connect(&m, "o", "r1", S));
    check_inverse(add_claim(&m, "free claim").0);
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut m = sample();
    let before = m.clone();
    let edit = Edit::Batch(vec![
        Edit::SetText { id: "q".into(), text: "changed".into() },
        Edit::AddRelation { id: m.next_relation_id(), relation: Relation::single(S, "q", "q") },
    ]);
    assert_eq!(apply(&mut m, edit), Err(ModelError::SelfPremise("q".into())));
    assert_eq!(m, before);
    m.validate().unwrap();
}

#[test]
fn invalid_edits_are_refused() {
    let mut m = sample();
    let rel = m.relations_to("q")[0];
    let before = m.clone();
    let bad = [
        Edit::SetPremises { id: rel, premises: vec![] },
        Edit::SetPremises { id: rel, premises: vec!["q".into()] },
        Edit::SetPinned { id: "q".into(), pinned: Some(Pos { x: f32::INFINITY, y: 0.0 }) },
        Edit::SetText { id: "nope".into(), text: String::new() },
        Edit::RemoveStatement { id: "q".into() },
        Edit::RemoveRelation { id: RelationId(99) },
        Edit::AddStatement { seq: 100, statement: Statement::new("q", "dup") },
    ];
    for edit in bad {
        assert!(apply(&mut m, edit.clone()).is_err(), "{edit:?} should fail");
        assert_eq!(m, before);
        m.validate().unwrap();
    }
}

#[test]
fn history_undoes_redoes_and_tracks_unsaved_changes() {
    let mut m = sample();
    let start = m.clone();
    let mut h = History::default();
    assert!(!h.is_dirty());
    let (edit, id) = add_premise(&m, "q", O, "Counter");
    h.apply(&mut m, edit, "add objection").unwrap();
    assert!(h.is_dirty());
    assert_eq!(h.undo_label(), Some("add objection"));
    let after = m.clone();
    assert_eq!(h.undo(&mut m).unwrap().as_deref(), Some("add objection"));
    assert_eq!(m, start);
    assert!(!h.is_dirty(), "undoing back to the saved state is clean");
    assert_eq!(h.redo(&mut m).unwrap().as_deref(), Some("add objection"));
    assert_eq!(m, after);
    assert!(m.contains(&id));
    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut m).unwrap();
    assert!(h.is_dirty());
    // A new edit after undo drops the redo stack.
    h.apply(&mut m, Edit::SetText { id: "q".into(), text: "x".into() }, "edit text").unwrap();
    assert_eq!(h.redo_label(), None);
    assert_eq!(h.redo(&mut m).unwrap(), None);
    assert!(h.is_dirty());
}

#[test]
fn amend_keeps_a_gesture_one_step_and_discard_leaves_no_trace() {
    let mut m = sample();
    let start = m.clone();
    let mut h = History::default();
    let (edit, id) = add_premise(&m, "q", O, "");
    h.apply(&mut m, edit, "add objection").unwrap();
    h.amend(&mut m, Edit::SetText { id: id.clone(), text: "typed".into() }).unwrap();
    assert_eq!(m.statement(&id).unwrap().text, "typed");
    let after = m.clone();
    h.undo(&mut m).unwrap();
    assert_eq!(m, start, "one undo takes back the statement and its text");
    assert!(!h.is_dirty());
    h.redo(&mut m).unwrap();
    assert_eq!(m, after);

    let (edit, id2) = add_premise(&m, "q", S, "");
    h.apply(&mut m, edit, "add reason").unwrap();
    h.discard_last(&mut m).unwrap();
    assert!(!m.contains(&id2));
    assert_eq!(m, after);
    assert_eq!(h.redo_label(), None, "a cancelled gesture cannot be redone");
    assert_eq!(h.undo_label(), Some("add objection"));
}

#[test]
fn only_edits_that_can_move_a_box_count_as_layout_changes() {
    let mut m = sample();
    let mut h = History::default();
    let rid = m.relations().next().unwrap().0;
    for (edit, moves) in [
        (Edit::SetMark { id: "q".into(), mark: Some(crate::model::Mark::Rejected) }, false),
        (Edit::SetRating { id: rid, rating: Some(crate::model::Rating::Weak) }, false),
        (Edit::SetNote { id: "q".into(), note: Some("n".into()) }, false),
        (Edit::SetRelationText { id: rid, label: Some("L".into()), description: None }, false),
        (Edit::SetText { id: "q".into(), text: "longer text".into() }, true),
        (
            Edit::Batch(vec![
                Edit::SetNote { id: "q".into(), note: None },
                Edit::SetKind { id: rid, kind: O },
            ]),
            true,
        ),
    ] {
        assert_eq!(edit.changes_layout(), moves, "{edit:?}");
        let reshapes = moves && !matches!(edit, Edit::SetText { .. });
        assert_eq!(edit.changes_structure(), reshapes, "{edit:?}");
        let before = h.layout_changes();
        h.apply(&mut m, edit, "e").unwrap();
        assert_eq!(h.layout_changes() > before, moves);
        // Undoing it moves boxes back exactly when doing it moved them.
        let before = h.layout_changes();
        h.undo(&mut m).unwrap();
        assert_eq!(h.layout_changes() > before, moves);
        h.redo(&mut m).unwrap();
    }
}

#[test]
fn grouping_renaming_ungrouping_and_deleting_a_member_are_single_inverse_steps() {
    let ids: Vec<StatementId> = vec!["r1".into(), "o".into()];
    let after = check_inverse(group(&sample(), &ids, "A camp").unwrap());
    assert_eq!(after.groups()[0].id.as_str(), "a-camp");
    assert_eq!(after.members("a-camp"), [&ids[0], &ids[1]]);
    assert!(group(&sample(), &[], "Empty").is_err(), "a group needs a member");
    assert!(group(&sample(), &ids, "  ").is_err(), "and a title");
    // Grouping members of a group into another moves them; a group left empty goes.
    let mut m = after.clone();
    apply(&mut m, group(&after, &ids, "Another").unwrap()).unwrap();
    assert_eq!(m.groups().len(), 1);
    assert_eq!(m.groups()[0].title, "Another");
    // Rename, ungroup.
    let mut m = after.clone();
    let undo = apply(&mut m, Edit::SetGroupTitle { id: "a-camp".into(), title: "Renamed".into() }).unwrap();
    assert_eq!(m.group("a-camp").unwrap().title, "Renamed");
    apply(&mut m, undo).unwrap();
    assert_eq!(m, after);
    let inverse = apply(&mut m, ungroup(&after, "a-camp").unwrap()).unwrap();
    assert!(m.groups().is_empty() && m.group_of("o").is_none());
    apply(&mut m, inverse).unwrap();
    assert_eq!(m, after);
    // A member cannot be removed on its own; deleting it takes it out of its group first.
    assert!(after.clone().remove_statement("o").is_err());
    let mut m = after.clone();
    let inverse = apply(&mut m, delete_statement(&after, "o").unwrap()).unwrap();
    m.validate().unwrap();
    assert_eq!(m.members("a-camp"), [&ids[0]]);
    apply(&mut m, inverse).unwrap();
    assert_eq!(m, after);
    // Deleting every member removes the group too, in one step.
    let mut m = after.clone();
    let inverse = apply(&mut m, delete_statements(&after, &ids).unwrap()).unwrap();
    m.validate().unwrap();
    assert!(m.groups().is_empty());
    apply(&mut m, inverse).unwrap();
    assert_eq!(m, after);
}

#[test]
fn a_statement_added_inside_a_groups_branch_joins_the_group() {
    let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let camp = Some("honest-broker-concerns");
    // A rebuttal of a camp's objection, an undercut of its argument, a co-premise beside it.
    let (edit, id) = add_premise(&map, "honest-broker", O, "An honest broker can still work with it.");
    let mut m = map.clone();
    apply(&mut m, edit).unwrap();
    assert_eq!(m.group_of(&id).map(|g| g.as_str()), camp);
    let rel = map.hangs_by("precedent").unwrap();
    let (edit, id) = add_undercut(&map, rel, "Precedents do not bind the UN.").unwrap();
    let mut m = map.clone();
    apply(&mut m, edit).unwrap();
    assert_eq!(m.group_of(&id).map(|g| g.as_str()), camp);
    let (edit, id) = add_copremise(&map, rel, "And others would follow.").unwrap();
    let mut m = map.clone();
    apply(&mut m, edit).unwrap();
    assert_eq!(m.group_of(&id).map(|g| g.as_str()), camp);
    // A premise of the claim, which is in no group, is in none.
    let (edit, id) = add_premise(&map, "cooperate-with-transition", S, "A new reason.");
    let mut m = map.clone();
    apply(&mut m, edit).unwrap();
    assert!(m.group_of(&id).is_none());
}

/// q ← a ← b (reasons), a ← o (objection), u undercuts a→q, c is a cross-link premise of b's
/// relation to a and also supports q.
fn chain() -> ArgumentMap {
    let mut m = ArgumentMap::from_parts(
        "t".into(),
        None,
        ["q", "a", "b", "o", "u", "c"].iter().map(|id| Statement::new(*id, *id)).collect(),
        vec![
            Relation::single(S, "a", "q"),
            Relation::single(S, "b", "a"),
            Relation::single(O, "o", "a"),
            Relation::single(S, "c", "q"),
            Relation::single(S, "c", "a"),
        ],
    )
    .unwrap();
    let a_q = m.relations_from("a")[0];
    let id = m.next_relation_id();
    apply(&mut m, Edit::AddRelation { id, relation: Relation::undercut("u", a_q) }).unwrap();
    m
}

#[test]
fn a_branch_is_what_deleting_would_otherwise_leave_as_stray_claims() {
    let m = chain();
    let ids = |v: Vec<StatementId>| v.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>();
    // b and o only argue about a; u only objects to a's inference; c also supports q, so it stays.
    assert_eq!(ids(branch(&m, &["a".into()])), ["a", "b", "o", "u"]);
    assert_eq!(ids(branch(&m, &["b".into()])), ["b"]);
    assert_eq!(ids(branch(&m, &["q".into()])), ["q", "a", "b", "o", "u", "c"]);
    let mut after = m.clone();
    apply(&mut after, delete_branch(&m, &["a".into()]).unwrap()).unwrap();
    after.validate().unwrap();
    assert_eq!(after.claims().count(), 1, "no new free claims");
    assert_eq!(after.statement_count(), 2);
}

#[test]
fn a_branch_through_a_cycle_of_objections_ends() {
    let m = ArgumentMap::from_parts(
        "t".into(),
        None,
        ["q", "x", "y"].iter().map(|id| Statement::new(*id, *id)).collect(),
        vec![Relation::single(O, "x", "q"), Relation::single(O, "y", "x"), Relation::single(O, "x", "y")],
    )
    .unwrap();
    // x and y keep objecting to each other: neither is left arguing about nothing.
    assert_eq!(branch(&m, &["q".into()]).len(), 1);
    assert_eq!(branch(&m, &["y".into()]).len(), 1, "x still objects to q");
    assert_eq!(branch(&m, &["x".into()]).len(), 2, "y only objected to x");
}

#[test]
fn keeping_the_premises_hangs_them_under_the_conclusion_in_one_step() {
    let m = chain();
    let mut after = m.clone();
    let inverse = apply(&mut after, delete_keeping_premises(&m, "a").unwrap()).unwrap();
    after.validate().unwrap();
    assert!(!after.contains("a") && !after.contains("u"), "the objection to a's own inference goes with it");
    assert_eq!(after.parent_of("b").map(|s| s.as_str()), Some("q"));
    assert_eq!(after.parent_of("o").map(|s| s.as_str()), Some("q"));
    assert_eq!(after.role("o"), Some(Role::Objection));
    assert_eq!(after.claims().count(), 1, "no new free claims");
    // c supported q already: its reason for a says nothing new there, so it goes, not doubled.
    assert_eq!(after.relations_from("c").len(), 1);
    apply(&mut after, inverse).unwrap();
    assert_eq!(crate::io::to_ron_string(&after), crate::io::to_ron_string(&m));
    assert_eq!(keep_under(&m, "q"), Err(KeepRefused::Claim), "a claim's premises have nowhere to go");
    assert_eq!(keep_under(&m, "b"), Err(KeepRefused::NothingToKeep));
    assert!(delete_keeping_premises(&m, "q").is_err());
}

/// q ← x (objection), x ← r (reason for the objection), x ← b (objection to it: a rebuttal).
fn objection_with_reason_and_rebuttal() -> ArgumentMap {
    ArgumentMap::from_parts(
        "t".into(),
        None,
        ["q", "x", "r", "b"].iter().map(|id| Statement::new(*id, *id)).collect(),
        vec![Relation::single(O, "x", "q"), Relation::single(S, "r", "x"), Relation::single(O, "b", "x")],
    )
    .unwrap()
}

#[test]
fn issue31_keeping_what_argued_about_an_objection_keeps_its_sign() {
    let m = objection_with_reason_and_rebuttal();
    let mut after = m.clone();
    apply(&mut after, delete_keeping_premises(&m, "x").unwrap()).unwrap();
    let kind_of = |p: &str| after.relation(after.relations_from(p)[0]).unwrap().kind;
    assert_eq!(kind_of("r"), O, "a reason for an objection to q is an objection to q");
    assert_eq!(kind_of("b"), S, "an objection to an objection to q is a reason for q");
    assert_eq!(after.role("r"), Some(Role::Objection));
    assert_eq!(after.role("b"), Some(Role::Reason));
    assert_eq!(composed(S, S), S);
    assert_eq!(composed(O, O), S);
    assert_eq!(composed(S, O), O);
    assert_eq!(composed(O, S), O);
}

#[test]
fn issue31_what_no_relation_can_keep_is_refused_with_why() {
    let m = chain();
    assert_eq!(keep_under(&m, "u"), Err(KeepRefused::NothingToKeep));
    // An undercut with a reason of its own: the reason cannot argue about an inference.
    let mut m2 = m.clone();
    apply(&mut m2, add_premise_as(&m, "w".into(), "u", S, "w")).unwrap();
    assert_eq!(keep_under(&m2, "u"), Err(KeepRefused::Undercut));
    // A co-premise: what argues about it counts only with the other premise.
    let mut linked = objection_with_reason_and_rebuttal();
    let rx = linked.relations_from("x")[0];
    let e = add_copremise_as(&linked, "y".into(), rx, "y").unwrap().0;
    apply(&mut linked, e).unwrap();
    let refused = keep_under(&linked, "x").unwrap_err();
    assert_eq!(refused, KeepRefused::CoPremise(vec!["y".into()]));
    assert!(refused.explain(|s| format!("text of {s}")).contains("\u{201c}text of y\u{201d}"));
    // A cycle: q objects to x, which objects to q; kept under q, q would argue about itself.
    let mut cycle = objection_with_reason_and_rebuttal();
    let e = connect(&cycle, "q", "x", O);
    apply(&mut cycle, e).unwrap();
    assert_eq!(keep_under(&cycle, "x"), Err(KeepRefused::Cycle("q".into())));
    // A premise of two arguments.
    let mut two = objection_with_reason_and_rebuttal();
    let e = connect(&two, "x", "b", S);
    apply(&mut two, e).unwrap();
    assert_eq!(keep_under(&two, "x"), Err(KeepRefused::SeveralArguments(2)));
}

#[test]
fn issue37_replacing_the_whole_map_is_one_step_undo_gives_the_old_one_back() {
    let mut m = sample();
    let before = m.clone();
    let mut other = crate::model::ArgumentMap::new("Another");
    let (add, _) = crate::edit::add_claim(&other, "Its claim");
    apply(&mut other, add).unwrap();
    let undo = apply(&mut m, Edit::ReplaceMap { map: Box::new(other.clone()) }).unwrap();
    assert_eq!(m, other);
    apply(&mut m, undo).unwrap();
    assert_eq!(m, before);
    assert!(Edit::ReplaceMap { map: Box::new(other) }.changes_structure());
}
