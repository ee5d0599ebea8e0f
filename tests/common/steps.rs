//! Random user gestures for property tests: each resolved against the map as it is when it
//! runs, so that any sequence can be tried.

use argmap::edit::{self, Edit};
use argmap::model::{ArgumentMap, Pos, RelationKind, Source};
use proptest::prelude::*;

/// One user gesture, with indices resolved against the map as it is when the step runs.
#[derive(Clone, Debug)]
pub enum Step {
    AddPremise(usize, bool, String),
    AddClaim(String),
    CoPremise(usize, String),
    Delete(usize),
    Connect(usize, usize, bool),
    Retext(usize, String),
    Move(usize, f32, f32),
    Unpin(usize),
    Flip(usize),
    Source(usize, String),
    Undercut(usize, String),
    Label(usize, String),
    Mark(usize, bool),
    Rate(usize, bool),
    ClearMarks,
    Group(usize, usize, String),
    Ungroup(usize),
    Undo,
    Redo,
}

pub fn step() -> impl Strategy<Value = Step> {
    let text = "[a-zA-Z \"'#]{0,20}";
    prop_oneof![
        3 => (any::<usize>(), any::<bool>(), text).prop_map(|(i, k, t)| Step::AddPremise(i, k, t)),
        1 => text.prop_map(Step::AddClaim),
        1 => (any::<usize>(), text).prop_map(|(i, t)| Step::CoPremise(i, t)),
        1 => any::<usize>().prop_map(Step::Delete),
        1 => (any::<usize>(), any::<usize>(), any::<bool>()).prop_map(|(a, b, k)| Step::Connect(a, b, k)),
        1 => (any::<usize>(), text).prop_map(|(i, t)| Step::Retext(i, t)),
        1 => (any::<usize>(), -5000f32..5000.0, -5000f32..5000.0).prop_map(|(i, x, y)| Step::Move(i, x, y)),
        1 => any::<usize>().prop_map(Step::Unpin),
        1 => any::<usize>().prop_map(Step::Flip),
        1 => (any::<usize>(), text).prop_map(|(i, t)| Step::Source(i, t)),
        2 => (any::<usize>(), text).prop_map(|(i, t)| Step::Undercut(i, t)),
        1 => (any::<usize>(), text).prop_map(|(i, t)| Step::Label(i, t)),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(i, r)| Step::Mark(i, r)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, s)| Step::Rate(i, s)),
        1 => Just(Step::ClearMarks),
        1 => (any::<usize>(), any::<usize>(), "[a-zA-Z ]{1,12}").prop_map(|(i, j, t)| Step::Group(i, j, t)),
        1 => any::<usize>().prop_map(Step::Ungroup),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

pub fn nth_id(map: &ArgumentMap, i: usize) -> Option<String> {
    let n = map.statement_count();
    (n > 0).then(|| map.statements().nth(i % n).map(|s| s.id.to_string())).flatten()
}

/// The edit a step makes, if it makes sense on this map (an invalid one is also tried: it must
/// be refused without changing anything).
pub fn edit_of(map: &ArgumentMap, step: &Step) -> Option<Edit> {
    let kind = |k: bool| if k { RelationKind::Support } else { RelationKind::Objection };
    Some(match step {
        Step::AddPremise(i, k, t) => edit::add_premise(map, &nth_id(map, *i)?, kind(*k), t).0,
        Step::AddClaim(t) => edit::add_claim(map, t).0,
        Step::CoPremise(i, t) => {
            let id = nth_id(map, *i)?;
            let rid = *map.relations_from(&id).first()?;
            edit::add_copremise(map, rid, t).ok()?.0
        }
        Step::Delete(i) => edit::delete_statement(map, &nth_id(map, *i)?).ok()?,
        Step::Connect(a, b, k) => edit::connect(map, &nth_id(map, *a)?, &nth_id(map, *b)?, kind(*k)),
        Step::Retext(i, t) => Edit::SetText { id: nth_id(map, *i)?.as_str().into(), text: t.clone() },
        Step::Move(i, x, y) => {
            Edit::SetPinned { id: nth_id(map, *i)?.as_str().into(), pinned: Some(Pos { x: *x, y: *y }) }
        }
        Step::Unpin(i) => Edit::SetPinned { id: nth_id(map, *i)?.as_str().into(), pinned: None },
        Step::Flip(i) => {
            let rid = *map.relations_from(&nth_id(map, *i)?).first()?;
            Edit::SetKind { id: rid, kind: map.relation(rid)?.kind.flipped() }
        }
        Step::Source(i, t) => Edit::SetSource {
            id: nth_id(map, *i)?.as_str().into(),
            source: Some(Source { quote: t.clone(), reference: "ref".into(), ..Source::default() }),
        },
        Step::Undercut(i, t) => {
            // Undercut the relation a statement hangs by (refused when that is an undercut).
            let rid = *map.relations_from(&nth_id(map, *i)?).first()?;
            edit::add_undercut(map, rid, t).ok()?.0
        }
        Step::Label(i, t) => {
            let rid = *map.relations_from(&nth_id(map, *i)?).first()?;
            Edit::SetRelationText { id: rid, label: Some(t.clone()), description: Some(format!("{t}!")) }
        }
        Step::Mark(i, reject) => Edit::SetMark {
            id: nth_id(map, *i)?.as_str().into(),
            mark: Some(if *reject { argmap::model::Mark::Rejected } else { argmap::model::Mark::Accepted }),
        },
        Step::Rate(i, strong) => {
            let rid = *map.relations_from(&nth_id(map, *i)?).first()?;
            let rating = if *strong { argmap::model::Rating::Strong } else { argmap::model::Rating::Nil };
            Edit::SetRating { id: rid, rating: Some(rating) }
        }
        Step::ClearMarks => edit::clear_marks(map)?,
        Step::Group(i, j, t) => {
            let ids: Vec<argmap::model::StatementId> =
                [nth_id(map, *i)?, nth_id(map, *j)?].into_iter().map(Into::into).collect();
            edit::group(map, &ids, t).ok()?
        }
        Step::Ungroup(i) => edit::ungroup(map, map.group_of(&nth_id(map, *i)?)?).ok()?,
        Step::Undo | Step::Redo => return None,
    })
}
