//! The three-way merge as properties (issues 32 and 33): random edit scripts applied to both
//! sides of generated maps, merged. Nothing either side did is lost or chosen silently:
//!
//! - a side that changed nothing gives the other side's map, whole;
//! - every change made on one side only is in the merge (a statement's text, note, source,
//!   what-if mark and group; a statement added or deleted; a relation added);
//! - a conflict is recorded exactly where both sides changed one field of a statement
//!   differently;
//! - merging the other way round holds the same statements and relations, conflicts aside;
//! - the merge always holds every invariant and loads back as itself.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit;
use argmap::io;
use argmap::model::{ArgumentMap, ConflictField, Mark, RelationKind, Statement, StatementId};
use argmap::versions::{Merged, merge};
use common::steps::{Step, edit_of, step};
use proptest::prelude::*;
use std::collections::BTreeSet;

#[allow(dead_code)] // the scratch folders are for the tests that write files
mod common;

/// The map after the steps that make sense on it (undo and redo left out).
fn edited(map: &ArgumentMap, steps: &[Step]) -> ArgumentMap {
    let mut map = map.clone();
    for s in steps.iter().filter(|s| !matches!(s, Step::Undo | Step::Redo)) {
        if let Some(e) = edit_of(&map, s) {
            let _ = edit::apply(&mut map, e);
        }
    }
    map
}

/// A small generated map with a few steps already on it (groups, marks, undercuts), as the
/// common version of two sides.
fn base_map() -> impl Strategy<Value = ArgumentMap> {
    let generated = (3usize..30, any::<u64>(), proptest::collection::vec(step(), 0..12))
        .prop_map(|(n, seed, steps)| edited(&argmap::synth::generate(n, seed), &steps));
    let shipped = proptest::collection::vec(step(), 0..8)
        .prop_map(|steps| edited(&io::load_str(argmap::MINUSMA_RON, "m").unwrap(), &steps));
    prop_oneof![3 => generated, 1 => shipped]
}

/// The fields of a statement a side can change, as they are in `map`.
#[derive(Clone, Debug, PartialEq)]
struct Fields {
    text: String,
    note: Option<String>,
    source: Option<argmap::model::Source>,
    mark: Option<Mark>,
    group: Option<String>,
}

fn fields(map: &ArgumentMap, s: &Statement) -> Fields {
    Fields {
        text: s.text.clone(),
        note: s.note.clone(),
        source: s.source.clone(),
        mark: map.mark(&s.id),
        group: map.group_of(&s.id).and_then(|g| map.group(g)).map(|g| g.title.clone()),
    }
}

/// The statements a merge's conflicts are about.
fn disputed(m: &Merged) -> BTreeSet<StatementId> {
    m.map.conflicts().iter().map(|c| c.statement.clone()).collect()
}

/// The statements of a map as what they say (texts, sorted), and its relations as what they
/// join (kind, premise texts, conclusion text), but those about the `disputed` statements.
fn said(m: &Merged, disputed: &BTreeSet<StatementId>) -> (Vec<String>, Vec<String>) {
    let map = &m.map;
    let text = |id: &StatementId| map.statement(id).map(|s| s.text.clone()).unwrap_or_default();
    let mut statements: Vec<String> =
        map.statements().filter(|s| !disputed.contains(&s.id)).map(|s| s.text.clone()).collect();
    statements.sort();
    let mut relations: Vec<String> = map
        .relations()
        .filter(|(_, r)| !r.premises.iter().any(|p| disputed.contains(p)))
        .filter(|(_, r)| r.conclusion.statement().is_none_or(|c| !disputed.contains(c)))
        .map(|(_, r)| {
            let mut premises: Vec<String> = r.premises.iter().map(text).collect();
            premises.sort();
            let to = r.conclusion.statement().map_or("(an inference)".into(), text);
            format!("{:?} {premises:?} -> {to}", r.kind)
        })
        .collect();
    relations.sort();
    (statements, relations)
}

/// Checks that every change `side` made that `other` did not touch is in `merged`, and that a
/// conflict is recorded exactly where both changed a statement's field differently.
fn one_sided_changes_are_kept(
    base: &ArgumentMap,
    side: &ArgumentMap,
    other: &ArgumentMap,
    merged: &Merged,
    ours: bool,
) -> Result<(), TestCaseError> {
    let map = &merged.map;
    let conflicted = |id: &StatementId, field: ConflictField| {
        map.conflicts().iter().any(|c| &c.statement == id && c.field == field)
    };
    for s in side.statements() {
        let (mine, theirs) = (fields(side, s), other.statement(&s.id).map(|o| fields(other, o)));
        let Some(b) = base.statement(&s.id).map(|b| fields(base, b)) else {
            // Added by this side: in the merge (under its id, or renamed when the other side
            // added another statement under the same id).
            prop_assert!(
                map.statements().any(|m| m.text == s.text),
                "{} added {:?}, lost in the merge",
                if ours { "ours" } else { "theirs" },
                s.text
            );
            continue;
        };
        let Some(t) = theirs else { continue }; // deleted by the other side: a conflict or gone
        let Some(m) = map.statement(&s.id).map(|m| fields(map, m)) else {
            return Err(TestCaseError::fail(format!("{} kept by both sides, lost in the merge", s.id)));
        };
        let checks = [
            (
                mine.text != b.text,
                t.text != b.text,
                mine.text == t.text,
                m.text == mine.text,
                ConflictField::Text,
            ),
            (
                mine.note != b.note,
                t.note != b.note,
                mine.note == t.note,
                m.note == mine.note,
                ConflictField::Note,
            ),
            (
                mine.source != b.source,
                t.source != b.source,
                mine.source == t.source,
                m.source == mine.source,
                ConflictField::Source,
            ),
            (
                mine.mark != b.mark,
                t.mark != b.mark,
                mine.mark == t.mark,
                m.mark == mine.mark,
                ConflictField::Mark,
            ),
            (
                mine.group != b.group,
                t.group != b.group,
                mine.group == t.group,
                m.group == mine.group,
                ConflictField::Group,
            ),
        ];
        for (changed, other_changed, agree, taken, field) in checks {
            if changed && !other_changed {
                prop_assert!(
                    taken,
                    "{}'s {:?} of {} not taken",
                    if ours { "ours" } else { "theirs" },
                    field,
                    s.id
                );
            }
            if changed && other_changed && !agree {
                prop_assert!(
                    conflicted(&s.id, field),
                    "both changed the {:?} of {}: no conflict",
                    field,
                    s.id
                );
            } else if field != ConflictField::Group {
                prop_assert!(
                    !conflicted(&s.id, field),
                    "a {:?} conflict on {} where the sides agree",
                    field,
                    s.id
                );
            }
        }
    }
    // Deleted by this side, untouched by the other, nothing built on it: gone.
    for b in base.statements().filter(|b| !side.contains(&b.id)) {
        let untouched = other
            .statement(&b.id)
            .is_some_and(|o| fields(other, o) == fields(base, b) && o.pinned == b.pinned);
        let built_on = other.relations().any(|(_, r)| r.premises.contains(&b.id) || r.conclusion.is(&b.id))
            && map.relations().any(|(_, r)| r.premises.contains(&b.id) || r.conclusion.is(&b.id));
        if untouched && !built_on {
            prop_assert!(
                !map.contains(&b.id),
                "{} deleted by one side and untouched by the other, kept",
                b.id
            );
        }
        // Deleted by this side, changed by the other: both did something to it, so it stays,
        // with the deletion recorded for the user to settle.
        let changed = other.statement(&b.id).is_some_and(|o| fields(other, o) != fields(base, b));
        if changed {
            prop_assert!(
                map.contains(&b.id) && conflicted(&b.id, ConflictField::Deleted),
                "{} deleted by one side and changed by the other: not kept as a conflict",
                b.id
            );
        }
    }
    // Relations added by this side, between statements the other kept (or this side added): in
    // the merge (a statement this side added may be renamed there), or recorded.
    let in_merge = |id: &StatementId| -> StatementId {
        match merged.renamed.get(id).filter(|_| !ours) {
            Some(renamed) => renamed.clone(),
            None => id.clone(),
        }
    };
    let matched = argmap::model::match_relations(base, side);
    for (id, r) in side.relations().filter(|(_, r)| !r.is_undercut()) {
        let Some(c) = r.conclusion.statement() else { continue };
        let all_there = r.premises.iter().chain([c]).all(|id| !base.contains(id) || other.contains(id));
        if matched.contains(id) || !all_there {
            continue;
        }
        let premises: BTreeSet<StatementId> = r.premises.iter().map(in_merge).collect();
        let conclusion = in_merge(c);
        let kept = map.relations().any(|(_, m)| {
            m.kind == r.kind
                && m.conclusion.is(&conclusion)
                && m.premises.iter().cloned().collect::<BTreeSet<_>>() == premises
        });
        let recorded = map.conflicts().iter().any(|k| k.field == ConflictField::Relation);
        prop_assert!(
            kept || recorded,
            "a relation added by one side is lost: {:?} -> {}",
            premises,
            conclusion
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn a_merge_takes_every_one_sided_change_records_every_clash_and_is_symmetric(
        base in base_map(),
        xs in proptest::collection::vec(step(), 0..30),
        ys in proptest::collection::vec(step(), 0..30),
    ) {
        let (x, y) = (edited(&base, &xs), edited(&base, &ys));
        // A side that changed nothing gives the other side's map, whole.
        let only_x = merge(&base, &x, &base);
        prop_assert!(
            only_x.map == x && only_x.conflicts.is_empty(),
            "merge(base, x, base) == x: {:?} {:?}",
            argmap::versions::diff(&x, &only_x.map).changes,
            only_x.conflicts
        );
        let only_y = merge(&base, &base, &y);
        prop_assert!(only_y.map == y && only_y.conflicts.is_empty(), "merge(base, base, y) == y");
        let xy = merge(&base, &x, &y);
        xy.map.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = io::load_str(&io::to_ron_string(&xy.map), "m.ron").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back == xy.map, "loads back as itself");
        one_sided_changes_are_kept(&base, &x, &y, &xy, true)?;
        one_sided_changes_are_kept(&base, &y, &x, &xy, false)?;
        // The other way round: the same statements and relations, conflicts aside.
        let yx = merge(&base, &y, &x);
        let aside: BTreeSet<StatementId> = disputed(&xy).union(&disputed(&yx)).cloned().collect();
        prop_assert_eq!(said(&xy, &aside), said(&yx, &aside), "merge(base, x, y) and merge(base, y, x) say the same");
    }
}

/// The shipped map with `f` applied.
fn changed(f: impl FnOnce(&mut ArgumentMap)) -> ArgumentMap {
    let mut m = io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    f(&mut m);
    m
}

#[test]
fn issue32_both_adding_under_one_id_keeps_both_statements_and_their_relations() {
    let base = changed(|_| {});
    let add = |kind: RelationKind, text: &str| {
        changed(|m| {
            let e = edit::add_premise_as(m, "the-mission".into(), "precedent", kind, text);
            edit::apply(m, e).unwrap();
        })
    };
    let x = add(RelationKind::Support, "The mission saw it coming.");
    let y = add(RelationKind::Objection, "The mission saw nothing.");
    let merged = merge(&base, &x, &y);
    let map = &merged.map;
    for (text, kind) in [
        ("The mission saw it coming.", RelationKind::Support),
        ("The mission saw nothing.", RelationKind::Objection),
    ] {
        let s = map.statements().find(|s| s.text == text).unwrap_or_else(|| panic!("{text} kept"));
        let r = map.relation(map.hangs_by(&s.id).unwrap()).unwrap();
        assert_eq!(r.kind, kind, "{text} keeps its relation");
    }
    assert!(
        merged.notes.iter().any(|n| n.contains("both added a statement as the-mission")),
        "{:?}",
        merged.notes
    );
}

#[test]
fn issue32_a_statement_moved_differently_and_a_relation_added_differently_are_recorded() {
    let base = changed(|_| {});
    let moved = |to: &str| {
        changed(|m| {
            let r = m.hangs_by("win-favour").unwrap();
            edit::apply(m, edit::Edit::SetConclusion { id: r, conclusion: to.into() }).unwrap();
        })
    };
    let merged = merge(&base, &moved("host-state-consent"), &moved("pragmatic-short-term"));
    let c = merged.map.conflicts().iter().find(|c| c.statement.as_str() == "win-favour").unwrap();
    assert_eq!(c.field, ConflictField::Relation);
    assert!(c.theirs.as_deref().unwrap().contains("pragmatic-short-term"), "{c:?}");
    // One relation added on both sides, with a different kind.
    let connect = |kind: RelationKind| {
        changed(|m| {
            let e = edit::connect(m, "junta-open", "precedent", kind);
            edit::apply(m, e).unwrap();
        })
    };
    let merged = merge(&base, &connect(RelationKind::Support), &connect(RelationKind::Objection));
    let recorded = merged
        .map
        .conflicts()
        .iter()
        .any(|c| c.statement.as_str() == "junta-open" && c.field == ConflictField::Relation);
    assert!(recorded, "{:?}", merged.map.conflicts());
}

#[test]
fn issue32_marks_groups_and_a_settled_conflict_are_merged_not_chosen_silently() {
    let base = changed(|_| {});
    let mark = |m: Option<Mark>| {
        changed(|map| {
            edit::apply(map, edit::Edit::SetMark { id: "precedent".into(), mark: m }).unwrap();
        })
    };
    let merged = merge(&base, &mark(Some(Mark::Rejected)), &mark(Some(Mark::Accepted)));
    let c = &merged.map.conflicts()[0];
    assert_eq!(
        (c.field, c.ours.as_deref(), c.theirs.as_deref()),
        (ConflictField::Mark, Some("rejected"), Some("accepted"))
    );
    let settled = argmap::versions::resolve(&merged.map, 0, argmap::versions::Side::Theirs).unwrap();
    let mut after = merged.map.clone();
    edit::apply(&mut after, settled).unwrap();
    assert_eq!(after.mark("precedent"), Some(Mark::Accepted));
    // A group one side deleted and the other extended: kept with the member it was given.
    let deleted = changed(|m| {
        let e = edit::ungroup(m, "honest-broker-concerns").unwrap();
        edit::apply(m, e).unwrap();
    });
    let extended = changed(|m| {
        edit::apply(
            m,
            edit::Edit::SetGroup {
                id: "cooperate-with-transition".into(),
                group: Some("honest-broker-concerns".into()),
            },
        )
        .unwrap();
    });
    let merged = merge(&base, &deleted, &extended);
    assert_eq!(
        merged.map.group_of("cooperate-with-transition").map(|g| g.as_str()),
        Some("honest-broker-concerns")
    );
    assert!(merged.map.group_of("precedent").is_none(), "its other members left it, as we said");
    // A conflict one side settled stays settled.
    let (x, y) = (
        changed(|m| {
            edit::apply(m, edit::Edit::SetText { id: "precedent".into(), text: "Ours.".into() })
                .map(|_| ())
                .unwrap()
        }),
        changed(|m| {
            edit::apply(m, edit::Edit::SetText { id: "precedent".into(), text: "Theirs.".into() })
                .map(|_| ())
                .unwrap()
        }),
    );
    let conflicted = merge(&base, &x, &y).map;
    assert_eq!(conflicted.conflicts().len(), 1);
    let mut settled = conflicted.clone();
    edit::apply(
        &mut settled,
        argmap::versions::resolve(&conflicted, 0, argmap::versions::Side::Ours).unwrap(),
    )
    .unwrap();
    let mut other = conflicted.clone();
    edit::apply(&mut other, edit::Edit::SetNote { id: "junta-open".into(), note: Some("Meanwhile.".into()) })
        .unwrap();
    let merged = merge(&conflicted, &settled, &other);
    assert!(merged.map.conflicts().is_empty(), "settled on one side, untouched on the other: settled");
    assert_eq!(merged.map.statement("junta-open").unwrap().note.as_deref(), Some("Meanwhile."));
}

#[test]
fn issue32_a_combination_neither_side_made_invalid_is_recorded_never_ours_whole() {
    // Ours moves an objection of precedent under junta-open; theirs makes junta-open a
    // premise of that same objection: combined, junta-open would object to itself.
    let base = changed(|_| {});
    let r = base.hangs_by("soft-acceptance").unwrap();
    let x = changed(|m| {
        edit::apply(m, edit::Edit::SetConclusion { id: r, conclusion: "junta-open".into() }).unwrap();
    });
    let y = changed(|m| {
        let premises = vec!["soft-acceptance".into(), "junta-open".into()];
        edit::apply(m, edit::Edit::SetPremises { id: r, premises }).unwrap();
        edit::apply(
            m,
            edit::Edit::SetText { id: "honest-broker".into(), text: "Their independent rewording.".into() },
        )
        .unwrap();
    });
    let merged = merge(&base, &x, &y);
    merged.map.validate().unwrap();
    assert_eq!(
        merged.map.statement("honest-broker").unwrap().text,
        "Their independent rewording.",
        "their independent change is in, not lost to ours whole"
    );
    assert!(!merged.map.conflicts().is_empty(), "what could not be combined is recorded");
}
