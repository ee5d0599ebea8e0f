//! Unit tests of `model`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;

fn map(statements: &[&str], relations: &[(RelationKind, &[&str], &str)]) -> Result<ArgumentMap, ModelError> {
    ArgumentMap::from_parts(
        "test".into(),
        None,
        statements.iter().map(|id| Statement::new(*id, format!("text of {id}"))).collect(),
        relations
            .iter()
            .map(|(kind, premises, conclusion)| {
                Relation::new(
                    *kind,
                    premises.iter().map(|p| StatementId::from(*p)).collect(),
                    (*conclusion).into(),
                )
            })
            .collect(),
    )
}

use RelationKind::{Objection as O, Support as S};

#[test]
fn roles_are_derived_from_relations() {
    let m = map(
        &["q", "r", "o", "b", "oo", "free", "rr"],
        &[(S, &["r"], "q"), (O, &["o"], "q"), (O, &["b"], "o"), (O, &["oo"], "r"), (S, &["rr"], "o")],
    )
    .unwrap();
    assert_eq!(m.role("q"), Some(Role::Claim));
    assert_eq!(m.role("free"), Some(Role::Claim));
    assert_eq!(m.role("r"), Some(Role::Reason));
    assert_eq!(m.role("o"), Some(Role::Objection));
    assert_eq!(m.role("oo"), Some(Role::Objection), "an objection to a reason is an objection");
    assert_eq!(m.role("b"), Some(Role::Rebuttal), "an objection to an objection is a rebuttal");
    assert_eq!(m.role("rr"), Some(Role::Reason), "a reason for an objection is a reason");
    assert_eq!(m.role("missing"), None);
    let claims: Vec<&str> = m.claims().map(|s| s.id.as_str()).collect();
    assert_eq!(claims, ["q", "free"]);
}

#[test]
fn objection_cycles_are_legal_and_roles_terminate() {
    let m = map(&["a", "b", "c"], &[(O, &["a"], "b"), (O, &["b"], "c"), (O, &["c"], "a")]).unwrap();
    m.validate().unwrap();
    for id in ["a", "b", "c"] {
        assert_eq!(m.role(id), Some(Role::Rebuttal));
    }
    assert_eq!(m.claims().count(), 0);
}

#[test]
fn co_premises_are_one_relation() {
    let m = map(&["q", "p1", "p2"], &[(S, &["p1", "p2"], "q")]).unwrap();
    assert_eq!(m.relation_count(), 1);
    let to_q = m.relations_to("q");
    assert_eq!(to_q.len(), 1);
    assert_eq!(m.relations_from("p1"), to_q);
    assert_eq!(m.relations_from("p2"), to_q);
    assert!(m.relation(to_q[0]).unwrap().is_linked());
}

#[test]
fn adjacent_relations_come_in_file_order() {
    let m = map(&["q", "a", "b", "c"], &[(S, &["c"], "q"), (O, &["a"], "q"), (S, &["b"], "q")]).unwrap();
    let kinds: Vec<RelationKind> = m.relations_to("q").iter().map(|&r| m.relation(r).unwrap().kind).collect();
    assert_eq!(kinds, [S, O, S]);
    let first: Vec<&str> =
        m.relations_to("q").iter().map(|&r| m.relation(r).unwrap().premises[0].as_str()).collect();
    assert_eq!(first, ["c", "a", "b"]);
}

#[test]
fn each_broken_invariant_is_refused() {
    let cases: Vec<(Result<ArgumentMap, ModelError>, &str)> = vec![
        (map(&["a", "a"], &[]), "duplicate statement id \"a\""),
        (map(&[""], &[]), "a statement has an empty id"),
        (map(&["has space"], &[]), "statement id \"has space\" is not a slug"),
        (map(&["a"], &[(S, &["zz"], "a")]), "relation 1: unknown statement id \"zz\""),
        (map(&["a"], &[(S, &["a"], "zz")]), "relation 1: unknown statement id \"zz\""),
        (
            map(&["a", "b"], &[(S, &["b"], "a"), (S, &["a"], "a")]),
            "relation 2: statement \"a\" is its own premise",
        ),
        (map(&["a"], &[(S, &[], "a")]), "relation 1: a relation to \"a\" has no premises"),
        (
            map(&["a", "b"], &[(S, &["b", "b"], "a")]),
            "relation 1: a relation to \"a\" lists premise \"b\" twice",
        ),
    ];
    for (result, expected) in cases {
        let err = result.expect_err(expected).to_string();
        assert!(err.starts_with(expected), "{err:?} should start with {expected:?}");
    }
    let mut s = Statement::new("p", "x");
    s.pinned = Some(Pos { x: f32::NAN, y: 0.0 });
    let err = ArgumentMap::from_parts("t".into(), None, vec![s], vec![]).unwrap_err();
    assert_eq!(err, ModelError::NonFinitePosition("p".into()));
}

#[test]
fn a_statement_in_use_cannot_be_removed_alone() {
    let mut m = map(&["q", "r"], &[(S, &["r"], "q")]).unwrap();
    assert_eq!(m.remove_statement("r"), Err(ModelError::StatementInUse("r".into())));
    assert_eq!(m.remove_statement("q"), Err(ModelError::StatementInUse("q".into())));
    m.validate().unwrap();
}

#[test]
fn fresh_ids_are_readable_and_unique() {
    let m = map(&["honest-broker", "statement"], &[]).unwrap();
    assert_eq!(m.fresh_id("The junta is popular, and more").as_str(), "the-junta-is-popular");
    assert_eq!(m.fresh_id("Honest broker!").as_str(), "honest-broker-2");
    assert_eq!(m.fresh_id("").as_str(), "statement-2");
    assert_eq!(m.fresh_id("¿¡").as_str(), "statement-2");
}

#[test]
fn statement_positions_follow_file_order() {
    let m = map(&["x", "y", "z"], &[]).unwrap();
    assert_eq!(m.statement_position("z"), Some(2));
    assert_eq!(m.statement_position("nope"), None);
}

#[test]
fn equality_ignores_internal_numbering() {
    let a = map(&["q", "r"], &[(S, &["r"], "q")]).unwrap();
    let mut b = map(&["q", "r"], &[]).unwrap();
    b.insert_relation(RelationId(40), Relation::single(S, "r", "q")).unwrap();
    assert_eq!(a, b);
    b.title = "other".into();
    assert_ne!(a, b);
}

#[test]
fn a_revision_changes_with_its_statement_only_and_is_never_reused() {
    let mut m = map(&["q", "r", "o", "free"], &[(S, &["r"], "q"), (O, &["o"], "q")]).unwrap();
    let rev = |m: &ArgumentMap, id: &str| m.revision(id).unwrap();
    let (q, r) = (rev(&m, "q"), rev(&m, "r"));
    assert_ne!(q, r);
    m.statement_mut("r").unwrap().text = "changed".into();
    assert_ne!(rev(&m, "r"), r, "a changed statement has a new revision");
    assert_eq!(rev(&m, "q"), q, "the others keep theirs");
    let copy = m.clone();
    assert_eq!(rev(&copy, "q"), q, "a clone has the same content, so the same revisions");
    let free = rev(&m, "free");
    let (seq, removed) = m.remove_statement("free").unwrap();
    m.insert_statement(seq, removed).unwrap();
    assert!(rev(&m, "free") > free, "a statement put back gets a new revision");
}

#[test]
fn the_index_finds_statements_by_id_and_position_after_removals() {
    let mut m = map(&["a", "b", "c", "d"], &[(S, &["b"], "a"), (S, &["d"], "a")]).unwrap();
    m.remove_statement("c").unwrap();
    m.insert_statement(10, Statement::new("e", "e")).unwrap();
    let topo = Topology::new(&m);
    let ids: Vec<&str> = m.statements().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "d", "e"]);
    for (p, id) in ids.iter().enumerate() {
        assert_eq!(topo.position(id), Some(p));
        assert_eq!(topo.index.statement(&m, p).unwrap().id.as_str(), *id);
        let slot = topo.index.slot(p).unwrap();
        assert_eq!(topo.index.position_of_slot(slot), Some(p));
    }
    assert_eq!(topo.position("c"), None);
    // Relations reach their premises and conclusions by position, in premise order.
    m.insert_relation(RelationId(7), Relation::new(O, vec!["e".into(), "b".into()], "d".into())).unwrap();
    let topo = Topology::new(&m);
    let linked = topo.relations.iter().find(|r| r.id == RelationId(7)).unwrap();
    assert_eq!((linked.premises.as_slice(), linked.conclusion), (&[3, 1][..], 2));
    m.validate().unwrap();
}
