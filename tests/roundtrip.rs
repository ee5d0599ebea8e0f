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
        proptest::option::of((text(), text()).prop_map(|(quote, reference)| Source {
            quote,
            reference,
            ..Source::default()
        })),
        proptest::option::of(text()),
        proptest::option::of((-1e6f32..1e6, -1e6f32..1e6).prop_map(|(x, y)| Pos { x, y })),
    )
        .prop_map(move |(slug, text, source, note, pinned)| Statement {
            id: StatementId::from(format!("{slug}-{i}")),
            text,
            source,
            note,
            pinned,
            answers: None,
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
                proptest::option::of(prop_oneof![
                    Just("expert-opinion"),
                    Just("analogy"),
                    Just("a-scheme-of-my-own")
                ]),
                // Doubted critical questions (issue 36), kept only with a scheme.
                proptest::collection::btree_set(0usize..6, 0..3),
            );
            (
                statements,
                proptest::collection::vec(relation, 0..20),
                text(),
                any::<bool>(),
                proptest::collection::vec((0..n, any::<bool>()), 0..4),
                // Statements answering a critical question of a relation (issue 36).
                proptest::collection::vec((0..n, any::<prop::sample::Index>(), 0usize..6), 0..4),
            )
        })
        .prop_map(|(statements, relations, title, with_source, marks, answers)| {
            let ids: Vec<StatementId> = statements.iter().map(|s| s.id.clone()).collect();
            // Some relations undercut an earlier or later plain one (file order does not matter).
            let relations: Vec<_> = relations
                .into_iter()
                .filter(|(_, premises, conclusion, ..)| !premises.contains(conclusion))
                .collect();
            let plain: Vec<usize> = (0..relations.len()).filter(|&i| relations[i].3.is_none()).collect();
            let relations = relations
                .iter()
                .map(|(kind, premises, conclusion, undercut, label, description, rating, scheme, doubted)| {
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
                        scheme: scheme.map(str::to_owned),
                        doubted: if scheme.is_some() {
                            doubted.iter().copied().collect()
                        } else {
                            Vec::new()
                        },
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
            let mut map = ArgumentMap::from_parts(title, source, statements, relations)
                .unwrap()
                .with_marks(marks)
                .unwrap();
            let relation_ids: Vec<RelationId> = map.relations().map(|(id, _)| id).collect();
            for (s, r, question) in answers {
                if !relation_ids.is_empty() {
                    let relation = relation_ids[r.index(relation_ids.len())];
                    let answers = Some(argmap::model::Answer { relation, question });
                    argmap::edit::apply(
                        &mut map,
                        argmap::edit::Edit::SetAnswers { id: ids[s].clone(), answers },
                    )
                    .unwrap();
                }
            }
            map
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

/// Texts that Argdown reads as syntax or white space it collapses: comments (`//` as in URLs,
/// `/*`, `<!--`), brackets, angles, tags, data, markup, escapes, shortcodes, quotes, tabs, line
/// breaks, surrounding spaces, unicode, and the empty text.
fn argdown_text() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        "[a-z /\\[\\]<>#\"'\t\n{}*_@:.,()+=!?é€😀\\\\-]{0,30}",
        Just(String::new()),
        Just("See https://example.org // and /* this */ <!-- too -->".to_owned()),
        Just("  leading and trailing  ".to_owned()),
        Just("[a](b) link, .A. :smile: #tag #(two words) {\"data\": 1} **bold** _it_".to_owned()),
        Just("argmap argument 3".to_owned()),
        Just("x\nInference: ".to_owned()),
        Just("\nInference: rule".to_owned()),
        Just("x\nInference: (4) a premise? (5) no, a rule".to_owned()),
        Just("x\nInference: --- + - <- = rule".to_owned()),
    ]
}

/// A map with Argdown-hostile texts everywhere: statement texts, notes, sources, the title,
/// relation labels and descriptions (what Argdown has no place for, pins, ratings and what-if
/// marks, left out).
fn argdown_map() -> impl Strategy<Value = ArgumentMap> {
    (map(), proptest::collection::vec((argdown_text(), argdown_text(), argdown_text()), 30)).prop_map(
        |(map, texts)| {
            let mut texts = texts.into_iter().cycle();
            let mut next = move || texts.next().unwrap_or_default();
            let statements = map
                .statements()
                .map(|s| {
                    let (text, note, quote) = next();
                    Statement {
                        text,
                        note: s.note.as_ref().map(|_| note),
                        source: s.source.as_ref().map(|src| Source {
                            quote,
                            reference: src.reference.clone(),
                            ..Source::default()
                        }),
                        pinned: None,
                        ..s.clone()
                    }
                })
                .collect();
            let relations = map
                .relations()
                .map(|(_, r)| {
                    let (label, description, _) = next();
                    Relation {
                        label: r.label.as_ref().map(|_| label),
                        description: r.description.as_ref().map(|_| description),
                        rating: None,
                        ..r.clone()
                    }
                })
                .collect();
            let title = next().0;
            ArgumentMap::from_parts(title, map.source.clone(), statements, relations).unwrap()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Issue 13: Argdown export then import gives the same map, whatever the texts hold.
    #[test]
    fn argdown_export_then_import_is_the_identity(map in argdown_map()) {
        let (doc, _) = argmap::interop::argdown::export(&map);
        let back = argmap::interop::argdown::import(&doc, "fallback")
            .map_err(|e| TestCaseError::fail(format!("{e}\n{doc}")))?;
        prop_assert_eq!(&back.map, &map, "{}", doc);
    }
}

/// Texts XML cannot hold as they are: control characters, the non-characters U+FFFE and
/// U+FFFF, markup characters.
fn xml_hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        "[a-z <>&\"'\u{0}\u{1}\u{1b}\u{7f}\u{85}\u{fffe}\u{ffff}\u{fffd}\u{10ffff}]{0,30}",
        Just("\u{fffe} non-character and ]]> end of CDATA".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Issue 13: every SVG export parses with a strict XML parser, whatever the map holds and
    /// whichever options (pins are bounded by the model, so no number is inf or NaN).
    #[test]
    fn every_svg_export_is_well_formed_xml(
        map in map(),
        texts in proptest::collection::vec(xml_hostile_text(), 16),
        dark in any::<bool>(),
        eval in any::<bool>(),
        bare in any::<bool>(),
        margin in 0f32..10_000.0,
    ) {
        let mut texts = texts.into_iter().cycle();
        let statements = map
            .statements()
            .map(|s| Statement { text: texts.next().unwrap_or_default(), ..s.clone() })
            .collect();
        let relations = map.relations().map(|(_, r)| Relation { label: texts.next(), ..r.clone() }).collect();
        let title = texts.next().unwrap_or_default();
        let map = ArgumentMap::from_parts(title, map.source.clone(), statements, relations).unwrap();
        let options = argmap::render::ExportOptions {
            dark,
            eval,
            legend: !bare,
            citation: !bare,
            margin,
            ..Default::default()
        };
        let mut ts = argmap::scene::Typesetter::new();
        let picture = argmap::render::picture(&map, &mut ts, &options, &Default::default()).unwrap();
        let svg = argmap::render::svg::write(&picture, &argmap::render::svg::Style::default());
        let doc = roxmltree::Document::parse(&svg).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(doc.root_element().tag_name().name(), "svg");
        for attr in ["width", "height"] {
            let v: f32 = doc.root_element().attribute(attr).unwrap().parse().unwrap();
            prop_assert!(v.is_finite() && v > 0.0, "{} = {}", attr, v);
        }
    }
}
