//! Issue 35: what the app takes over from the last picture after an edit (wrapped texts by
//! revision, a kept layout, a tree placed again, kept arrows, a share of the last picture made
//! into the next on another thread) always equals the picture made from nothing, after random
//! edit sequences on generated maps in every arrangement.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::{self, Edit};
use argmap::model::{Arrangement, Mark, RelationKind, StatementId};
use argmap::scene::Typesetter;
use argmap::ui::derived::{self, Derived, DerivedKey, Inputs};
use argmap::ui::{Document, View};
use proptest::prelude::*;

/// One edit a user might make, on the statement or relation at a place chosen by number.
#[derive(Clone, Debug)]
enum Step {
    /// A reason or an objection under a statement.
    Add(usize, bool),
    /// A statement deleted (with what goes with it).
    Delete(usize),
    /// A statement reworded: a short text (its box keeps or shrinks) or a long one (it grows).
    Reword(usize, bool),
    /// A relation flipped between support and objection.
    Flip(usize),
    /// A what-if mark set or cleared.
    Mark(usize, Option<bool>),
    /// Undo of the last edit.
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<usize>(), any::<bool>()).prop_map(|(s, pro)| Step::Add(s, pro)),
        any::<usize>().prop_map(Step::Delete),
        (any::<usize>(), any::<bool>()).prop_map(|(s, long)| Step::Reword(s, long)),
        any::<usize>().prop_map(Step::Flip),
        (any::<usize>(), proptest::option::of(any::<bool>())).prop_map(|(s, m)| Step::Mark(s, m)),
        Just(Step::Undo),
    ]
}

/// The statement at place `k` (modulo their number).
fn statement(doc: &Document, k: usize) -> StatementId {
    let map = doc.map();
    map.statements().nth(k % map.statement_count().max(1)).unwrap().id.clone()
}

/// Applies `step` to the document as the app would (an edit it refuses changes nothing).
fn apply(doc: &mut Document, step: &Step, n: usize) {
    let map = doc.map();
    let edit = match *step {
        Step::Add(k, pro) => {
            let kind = if pro { RelationKind::Support } else { RelationKind::Objection };
            Some(edit::add_premise(map, &statement(doc, k), kind, &format!("A new premise, number {n}.")).0)
        }
        Step::Delete(k) => edit::delete_statement(map, &statement(doc, k)).ok(),
        Step::Reword(k, long) => {
            let text = if long {
                format!("A reworded statement, number {n}, long enough to need more lines than it had. ")
                    .repeat(3)
            } else {
                format!("Reworded {n}.")
            };
            Some(Edit::SetText { id: statement(doc, k), text: text.trim().to_owned() })
        }
        Step::Flip(k) => {
            let relations: Vec<_> = map.relations().collect();
            relations
                .get(k % relations.len().max(1))
                .map(|(id, r)| Edit::SetKind { id: *id, kind: r.kind.flipped() })
        }
        Step::Mark(k, m) => {
            let mark = m.map(|accepted| if accepted { Mark::Accepted } else { Mark::Rejected });
            Some(Edit::SetMark { id: statement(doc, k), mark })
        }
        Step::Undo => {
            let _ = doc.undo();
            None
        }
    };
    if let Some(e) = edit {
        let _ = doc.apply(e, "a step");
    }
}

/// The picture made from nothing, with a fresh typesetter.
fn afresh(doc: &Document, view: &View, key: DerivedKey) -> Derived {
    let inputs = Inputs::of(doc, view, argmap::schemes::Catalogue::shipped());
    derived::derive(None, key, inputs, &mut Typesetter::new(), (0.0, 1.6))
}

fn assert_same(made: &Derived, fresh: &Derived, when: &str) {
    assert!(*made.prepared == *fresh.prepared, "{when}: wrapped texts and sizes");
    assert!(*made.layout == *fresh.layout, "{when}: layout");
    assert!(made.evaluation == fresh.evaluation, "{when}: evaluation");
    assert!(made.scene == fresh.scene, "{when}: the drawing");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_picture_taken_over_after_each_edit_is_the_picture_made_afresh(
        seed in 0u64..1_000,
        arrangement in prop_oneof![
            Just(Arrangement::TwoSides),
            Just(Arrangement::TopDown),
            Just(Arrangement::LeftToRight),
            Just(Arrangement::Outline),
        ],
        steps in proptest::collection::vec(step(), 1..10),
    ) {
        let mut map = argmap::synth::generate(300, seed);
        map.arrangement = arrangement;
        let mut doc = Document::new(map, None);
        let view = View::default();
        let schemes = argmap::schemes::Catalogue::shipped();
        let mut ts = Typesetter::new();
        let key = |doc: &Document| DerivedKey::of(doc, &view, (false, true, false), None);
        let mut kept = derived::derive(None, key(&doc), Inputs::of(&doc, &view, schemes), &mut ts, (0.0, 1.6));
        for (n, s) in steps.iter().enumerate() {
            apply(&mut doc, s, n);
            let inputs = Inputs::of(&doc, &view, schemes);
            // Alternately on this thread (the last picture handed over whole) and as a huge
            // map's worker does it (a share of the last picture, which stays on screen).
            let made = if n % 2 == 0 {
                derived::derive(Some(kept), key(&doc), inputs, &mut ts, (0.0, 1.6))
            } else {
                let shared = kept.share();
                derived::derive_beside(Some(shared), key(&doc), inputs, &mut ts, (0.0, 1.6, None)).0
            };
            assert_same(&made, &afresh(&doc, &view, key(&doc)), &format!("after {s:?} ({arrangement:?})"));
            kept = made;
        }
    }
}
