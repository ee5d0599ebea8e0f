//! Property tests: any valid map, co-premises and cycles included, survives save and load.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::io;
use argmap::model::{
    ArgumentMap, MapSource, Mark, Pos, Rating, Relation, RelationId, RelationKind, Source, Statement,
    StatementId, Target,
};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z \"#\\\\'\n\t]{0,40}", Just("r#\"raw\"# and \"quotes\"".to_owned()),]
}

fn statement(i: usize) -> impl Strategy<Value = Statement> {
    (
        "[a-z0-9]{1,8}",
        text(),
        proptest::option::of((text(), text()).prop_map(|(quote, reference)| Source { quote, reference })),
        proptest::option::of(text()),
        proptest::option::of((-1e6f32..1e6, -1e6f32..1e6).prop_map(|(x, y)| Pos { x, y })),
    )
        .prop_map(move |(slug, text, source, note, pinned)| Statement {
            id: StatementId::from(format!("{slug}-{i}")),
            text,
            source,
            note,
            pinned,
        })
}

fn map() -> impl Strategy<Value = ArgumentMap> {
    (1usize..15)
        .prop_flat_map(|n| {
            let statements: Vec<_> = (0..n).map(statement).collect();
            let relation = (
                prop_oneof![Just(RelationKind::Support), Just(RelationKind::Objection)],
                proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n.min(3)),
                0..n,
                proptest::option::weighted(0.2, any::<prop::sample::Index>()),
                proptest::option::of(text()),
                proptest::option::of(text()),
                proptest::option::of(prop_oneof![
                    Just(Rating::Strong),
                    Just(Rating::Weak),
                    Just(Rating::Nil)
                ]),
            );
            (
                statements,
                proptest::collection::vec(relation, 0..20),
                text(),
                any::<bool>(),
                proptest::collection::vec((0..n, any::<bool>()), 0..4),
            )
        })
        .prop_map(|(statements, relations, title, with_source, marks)| {
            let ids: Vec<StatementId> = statements.iter().map(|s| s.id.clone()).collect();
            // Some relations undercut an earlier or later plain one (file order does not matter).
            let relations: Vec<_> = relations
                .into_iter()
                .filter(|(_, premises, conclusion, ..)| !premises.contains(conclusion))
                .collect();
            let plain: Vec<usize> = (0..relations.len()).filter(|&i| relations[i].3.is_none()).collect();
            let relations = relations
                .iter()
                .map(|(kind, premises, conclusion, undercut, label, description, rating)| {
                    let premises = premises.iter().map(|&p| ids[p].clone()).collect();
                    let (kind, conclusion) = match undercut {
                        Some(ix) if !plain.is_empty() => (
                            RelationKind::Objection,
                            Target::Relation(RelationId(plain[ix.index(plain.len())] as u64)),
                        ),
                        _ => (*kind, Target::Statement(ids[*conclusion].clone())),
                    };
                    Relation {
                        kind,
                        premises,
                        conclusion,
                        label: label.clone(),
                        description: description.clone(),
                        rating: *rating,
                    }
                })
                .collect();
            let source = with_source.then(|| MapSource {
                title: "Article".into(),
                author: Some("A. Author".into()),
                year: Some(2020),
                ..MapSource::default()
            });
            let marks = marks
                .into_iter()
                .map(|(i, reject)| (ids[i].clone(), if reject { Mark::Rejected } else { Mark::Accepted }));
            ArgumentMap::from_parts(title, source, statements, relations).unwrap().with_marks(marks).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn save_then_load_is_the_identity(map in map()) {
        let text = io::to_ron_string(&map);
        let loaded = io::load_str(&text, "p.ron").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &map);
        loaded.validate().unwrap();
        prop_assert_eq!(io::to_ron_string(&loaded), text, "load then save gives the same bytes");
    }

    #[test]
    fn roles_and_queries_terminate_on_any_map(map in map()) {
        let roles = map.roles();
        for (s, role) in map.statements().zip(roles) {
            prop_assert_eq!(map.role(&s.id), Some(role), "roles() agrees with role()");
            for r in map.relations_to(&s.id) {
                prop_assert!(map.relation(r).unwrap().conclusion.is(&s.id));
            }
        }
    }
}
