//! Tests of `live`: a map shared, edited on several copies at once, merged: the same map on every
//! copy, and nobody's work lost.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use super::*;
use crate::edit::{self, Edit};
use crate::model::{ArgumentMap, ConflictField, RelationKind, StatementId};
use proptest::prelude::*;

/// The map as its file says it (what "the same map" means to a user).
fn file(map: &ArgumentMap) -> String {
    crate::io::to_ron_string(map)
}

/// A copy's map after its edit, recorded; returns the map.
fn edited(copy: &mut Shared, change: impl FnOnce(&ArgumentMap) -> Option<Edit>) -> ArgumentMap {
    let mut map = copy.map().unwrap().map;
    if let Some(e) = change(&map) {
        edit::apply(&mut map, e).unwrap();
    }
    copy.record(&map).unwrap();
    map
}

/// Both copies take in each other's changes.
fn sync(a: &mut Shared, b: &mut Shared) {
    a.merge(b).unwrap();
    b.merge(a).unwrap();
}

fn id_with_text(map: &ArgumentMap, text: &str) -> Option<StatementId> {
    map.statements().find(|s| s.text == text).map(|s| s.id.clone())
}

#[test]
fn a_shared_map_reads_back_as_itself() {
    for map in
        [crate::io::load_str(crate::MINUSMA_RON, "minusma.ron").unwrap(), crate::synth::generate(300, 3)]
    {
        let mut shared = Shared::share(&map).unwrap();
        let bytes = shared.save();
        let mut joined = Shared::load(&bytes).unwrap();
        assert_eq!(file(&joined.map().unwrap().map), file(&map));
        assert!(joined.map().unwrap().notes.is_empty());
    }
}

#[test]
fn a_relations_kind_is_written_as_json_as_every_other_field() {
    for kind in [RelationKind::Support, RelationKind::Objection] {
        assert_eq!(write::kind_word(kind), json(&kind));
    }
}

#[test]
fn a_document_that_is_no_map_is_refused_with_a_reason() {
    let mut other = automerge::AutoCommit::new();
    other.put(ROOT, "title", "a shopping list").unwrap();
    let err = Shared::load(&other.save()).err().unwrap();
    assert!(err.to_string().contains("not an argmap map"), "{err}");
    assert!(Shared::load(b"not automerge at all").is_err());
}

#[test]
fn edits_of_different_statements_on_two_copies_both_arrive() {
    let map = crate::synth::generate(20, 1);
    let (first, second) = {
        let mut s = map.statements().skip(1);
        (s.next().unwrap().id.clone(), s.next().unwrap().id.clone())
    };
    let mut a = Shared::share(&map).unwrap();
    let mut b = a.fork();
    edited(&mut a, |_| Some(Edit::SetText { id: first.clone(), text: "Reworded by Ada.".into() }));
    edited(&mut b, |m| Some(edit::add_premise(m, &second, RelationKind::Objection, "Bo objects.").0));
    sync(&mut a, &mut b);
    let (ma, mb) = (a.map().unwrap().map, b.map().unwrap().map);
    assert_eq!(file(&ma), file(&mb));
    assert_eq!(ma.statement(&first).unwrap().text, "Reworded by Ada.");
    let objection = id_with_text(&ma, "Bo objects.").unwrap();
    assert!(ma.relations().any(|(_, r)| r.premises == [objection.clone()] && r.conclusion.is(&second)));
    assert!(ma.conflicts().is_empty());
}

#[test]
fn two_rewordings_at_once_end_the_same_everywhere_and_show_as_a_conflict() {
    let map = crate::synth::generate(10, 1);
    let id = map.statements().nth(2).unwrap().id.clone();
    let mut a = Shared::share(&map).unwrap();
    let mut b = a.fork();
    edited(&mut a, |_| Some(Edit::SetText { id: id.clone(), text: "Ada's words.".into() }));
    edited(&mut b, |_| Some(Edit::SetText { id: id.clone(), text: "Bo's words.".into() }));
    sync(&mut a, &mut b);
    let (ma, mb) = (a.map().unwrap().map, b.map().unwrap().map);
    assert_eq!(file(&ma), file(&mb));
    let conflict =
        ma.conflicts().iter().find(|c| c.statement == id && c.field == ConflictField::Text).unwrap();
    let mut both = [conflict.ours.clone().unwrap(), conflict.theirs.clone().unwrap()];
    both.sort();
    assert_eq!(both, ["Ada's words.".to_owned(), "Bo's words.".to_owned()]);
    assert_eq!(ma.statement(&id).unwrap().text, conflict.ours.clone().unwrap());
    // Ada settles it for Bo's words: both copies show them, and the conflict is gone.
    let theirs = conflict.theirs.clone().unwrap();
    let mut settled = ma.clone();
    edit::apply(&mut settled, Edit::SetText { id: id.clone(), text: theirs.clone() }).unwrap();
    let settled = settled.with_conflicts(Vec::new()).unwrap();
    a.record(&settled).unwrap();
    sync(&mut a, &mut b);
    let mb = b.map().unwrap().map;
    assert_eq!(mb.statement(&id).unwrap().text, theirs);
    assert!(mb.conflicts().is_empty(), "{:?}", mb.conflicts());
}

#[test]
fn a_statement_deleted_while_another_objects_to_it_is_kept_with_both_and_a_conflict() {
    let map = crate::synth::generate(12, 1);
    let leaf = map
        .statements()
        .map(|s| s.id.clone())
        .filter(|id| edit::delete_statement(&map, id).is_ok())
        .last()
        .unwrap();
    let mut a = Shared::share(&map).unwrap();
    let mut b = a.fork();
    edited(&mut a, |m| edit::delete_statement(m, &leaf).ok());
    assert!(!a.map().unwrap().map.contains(&leaf));
    edited(&mut b, |m| Some(edit::add_premise(m, &leaf, RelationKind::Objection, "Bo's objection.").0));
    sync(&mut a, &mut b);
    let (ma, mb) = (a.map().unwrap().map, b.map().unwrap().map);
    assert_eq!(file(&ma), file(&mb));
    assert!(ma.contains(&leaf), "the statement built on is kept");
    let objection = id_with_text(&ma, "Bo's objection.").unwrap();
    assert!(ma.relations().any(|(_, r)| r.premises == [objection.clone()] && r.conclusion.is(&leaf)));
    assert!(ma.conflicts().iter().any(|c| c.statement == leaf && c.field == ConflictField::Deleted));
}

#[test]
fn two_people_adding_the_same_words_at_once_add_two_statements() {
    let map = crate::synth::generate(8, 1);
    let target = map.statements().next().unwrap().id.clone();
    let mut a = Shared::share(&map).unwrap();
    let mut b = a.fork();
    for copy in [&mut a, &mut b] {
        edited(copy, |m| Some(edit::add_premise(m, &target, RelationKind::Support, "The same words.").0));
    }
    sync(&mut a, &mut b);
    let (ma, mb) = (a.map().unwrap().map, b.map().unwrap().map);
    assert_eq!(file(&ma), file(&mb));
    let same: Vec<_> =
        ma.statements().filter(|s| s.text == "The same words.").map(|s| s.id.clone()).collect();
    assert_eq!(same.len(), 2, "{same:?}");
    for id in &same {
        assert!(ma.relations().any(|(_, r)| r.premises == [id.clone()] && r.conclusion.is(&target)));
    }
}

#[test]
fn edits_made_on_a_map_that_lacks_what_came_in_keep_it_and_are_never_written_twice() {
    let map = crate::synth::generate(20, 4);
    let mut mine = Shared::share(&map).unwrap();
    let mut theirs = mine.fork();
    let base = mine.heads();
    let shown = mine.map().unwrap().map;
    // Someone else's objection arrives while this person edits the map as it was.
    edited(&mut theirs, |m| Some(edit::add_premise(m, "s0", RelationKind::Objection, "Theirs.").0));
    mine.merge(&mut theirs).unwrap();
    let mut local = shown.clone();
    let mine_added = edit::add_premise(&local, "s0", RelationKind::Support, "Mine.").0;
    edit::apply(&mut local, mine_added).unwrap();
    let Recorded::Merged(at) = mine.record_at(&base, &local).unwrap() else { panic!("merged") };
    // A second edit on the same map (still without theirs) is recorded against the first.
    let first = id_with_text(&local, "Mine.").unwrap();
    edit::apply(&mut local, Edit::SetText { id: first, text: "Mine, reworded.".into() }).unwrap();
    assert!(matches!(mine.record_at(&at, &local).unwrap(), Recorded::Merged(_)));
    let now = mine.map().unwrap().map;
    let texts: Vec<&str> = now.statements().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.iter().filter(|t| **t == "Theirs.").count(), 1, "{texts:?}");
    assert_eq!(texts.iter().filter(|t| t.starts_with("Mine")).count(), 1, "{texts:?}");
    assert!(texts.contains(&"Mine, reworded."));
    // Nothing came in since: recorded where it is.
    let heads = mine.heads();
    let mut later = now.clone();
    edit::apply(&mut later, Edit::SetNote { id: "s0".into(), note: Some("A note.".into()) }).unwrap();
    assert!(matches!(mine.record_at(&heads, &later).unwrap(), Recorded::Here(_)));
    assert_eq!(file(&mine.map().unwrap().map), file(&later));
}

/// One person's step in a random session: an edit of their copy, or a sync with another copy.
#[derive(Clone, Debug)]
enum Step {
    Reword(usize, usize),
    Object(usize, usize),
    Delete(usize, usize),
    Note(usize, usize),
    Sync(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0usize..3;
    let what = 0usize..64;
    prop_oneof![
        3 => (who.clone(), what.clone()).prop_map(|(w, s)| Step::Reword(w, s)),
        3 => (who.clone(), what.clone()).prop_map(|(w, s)| Step::Object(w, s)),
        1 => (who.clone(), what.clone()).prop_map(|(w, s)| Step::Delete(w, s)),
        1 => (who.clone(), what.clone()).prop_map(|(w, s)| Step::Note(w, s)),
        2 => (who.clone(), 0usize..3).prop_map(|(a, b)| Step::Sync(a, b)),
    ]
}

/// Plays `steps` on three copies of a small map, then syncs them all; returns the copies' maps
/// and the texts each person added (with whether anyone deleted the statement).
fn play(steps: &[Step]) -> (Vec<ArgumentMap>, Vec<String>) {
    let map = crate::synth::generate(12, 2);
    let mut shared = Shared::share(&map).unwrap();
    let mut copies = [shared.fork(), shared.fork(), shared.fork()];
    let mut added = Vec::new();
    for (n, s) in steps.iter().enumerate() {
        let nth = |m: &ArgumentMap, k: usize| {
            m.statements().nth(k % m.statements().count().max(1)).map(|s| s.id.clone())
        };
        match *s {
            Step::Reword(w, k) => {
                edited(&mut copies[w], |m| {
                    Some(Edit::SetText { id: nth(m, k)?, text: format!("Reworded {n}.") })
                });
            }
            Step::Object(w, k) => {
                let text = format!("Objection {n} by {w}.");
                edited(&mut copies[w], |m| {
                    Some(edit::add_premise(m, &nth(m, k)?, RelationKind::Objection, &text).0)
                });
                added.push(text);
            }
            Step::Delete(w, k) => {
                edited(&mut copies[w], |m| edit::delete_statement(m, &nth(m, k)?).ok());
            }
            Step::Note(w, k) => {
                edited(&mut copies[w], |m| {
                    Some(Edit::SetNote { id: nth(m, k)?, note: Some(format!("Note {n}.")) })
                });
            }
            Step::Sync(x, y) if x != y => {
                let (lo, hi) = (x.min(y), x.max(y));
                let (left, right) = copies.split_at_mut(hi);
                sync(&mut left[lo], &mut right[0]);
            }
            Step::Sync(..) => {}
        }
    }
    for (x, y) in [(0, 1), (1, 2), (0, 1)] {
        let (left, right) = copies.split_at_mut(y);
        sync(&mut left[x], &mut right[0]);
    }
    for copy in &mut copies {
        // What the patches kept up to date is what reading the document whole finds.
        let whole = Mirror::of(&mut copy.doc);
        assert_eq!(copy.mirror.statements, whole.statements);
        assert_eq!(copy.mirror.relations, whole.relations);
    }
    (copies.iter_mut().map(|c| c.map().unwrap().map).collect(), added)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever three people do on their copies, and whenever they sync, every copy ends with
    /// the same map, and every objection anyone added is there unless someone deleted it.
    #[test]
    fn three_copies_edited_at_random_converge_to_one_map(steps in proptest::collection::vec(step(), 0..60)) {
        let (maps, _) = play(&steps);
        let first = file(&maps[0]);
        for m in &maps[1..] {
            prop_assert_eq!(&file(m), &first);
        }
    }
}

#[test]
fn a_thousand_random_edits_from_three_copies_converge() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let steps = proptest::collection::vec(step(), 1000).new_tree(&mut runner).unwrap().current();
    let (maps, added) = play(&steps);
    let first = file(&maps[0]);
    assert!(maps.iter().all(|m| file(m) == first));
    // Nothing lost: an objection added is in the map with its words, unless a step deleted or
    // reworded it (each such step changes at most one statement).
    let kept = added.iter().filter(|t| maps[0].statements().any(|s| &s.text == *t)).count();
    let changes = steps.iter().filter(|s| matches!(s, Step::Delete(..) | Step::Reword(..))).count();
    assert!(kept + changes >= added.len(), "{kept} kept, {changes} changes, {} added", added.len());
    assert!(kept > 0);
}
