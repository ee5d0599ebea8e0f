use super::*;

/// The schemes issue 36 names, by id.
const NAMED: [&str; 22] = [
    "practical-reasoning",
    "positive-consequences",
    "negative-consequences",
    "values",
    "expert-opinion",
    "position-to-know",
    "witness-testimony",
    "popular-opinion",
    "analogy",
    "example",
    "precedent",
    "cause-to-effect",
    "correlation-to-cause",
    "sign",
    "verbal-classification",
    "commitment",
    "inconsistent-commitment",
    "ad-hominem",
    "slippery-slope",
    "ignorance",
    "established-rule",
    "exceptional-case",
];

#[test]
fn issue36_the_shipped_catalogue_holds_the_common_schemes_with_their_questions() {
    let shipped = parse(SHIPPED, "schemes.ron").expect("the shipped catalogue reads");
    assert_eq!(Catalogue::shipped().schemes(), shipped.as_slice());
    assert!(shipped.len() >= 20, "{} schemes", shipped.len());
    for id in NAMED {
        let s = Catalogue::shipped().get(id).unwrap_or_else(|| panic!("{id} is in the catalogue"));
        assert!(!s.name.is_empty() && !s.description.is_empty() && !s.conclusion.is_empty(), "{id}");
        assert!(!s.premises.is_empty(), "{id} has premises");
        assert!(s.questions.len() >= 3, "{id} has its critical questions");
        assert!(!s.aif.is_empty() && !s.cues.is_empty(), "{id} has AIF names and cues");
        // Each kind of attack a scheme's questions make is one argmap can answer.
        for q in &s.questions {
            assert!(q.ask.ends_with('?'), "{id}: {}", q.ask);
            if let Attacks::Premise(n) = q.attacks {
                assert!(n < s.premises.len(), "{id}: premise {n}");
            }
        }
    }
}

#[test]
fn issue36_aif_names_find_their_scheme_whatever_their_spelling() {
    let c = Catalogue::shipped();
    // The names AraucariaDB writes on RA-nodes (see ../shared/data/aif/).
    for (aif, id) in [
        ("ExpertOpinion", "expert-opinion"),
        ("PracticalReasoning", "practical-reasoning"),
        ("CauseToEffect", "cause-to-effect"),
        ("Analogy", "analogy"),
        ("Commitment", "commitment"),
        ("Ignorance", "ignorance"),
        ("ExceptionalCase", "exceptional-case"),
        ("Expert Opinion", "expert-opinion"),
        ("argument from expert opinion", "expert-opinion"),
        ("slippery-slope", "slippery-slope"),
    ] {
        assert_eq!(c.by_aif(aif).map(|s| s.id.as_str()), Some(id), "{aif}");
    }
    assert_eq!(c.by_aif("Default Inference"), None);
    // The name written back is the first: what AIFdb writes.
    assert_eq!(c.get("expert-opinion").map(|s| s.aif[0].as_str()), Some("ExpertOpinion"));
}

#[test]
fn issue36_a_users_schemes_override_and_extend_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schemes.ron");
    let mine = r#"[
        (id: "analogy", name: "My analogy", description: "Mine.", premises: ["A is like B."],
         conclusion: "So.", questions: [(ask: "Alike?", attacks: Premise(0))]),
        (id: "from-budget", name: "Argument from the budget", description: "It fits the budget.",
         premises: ["It costs X.", "X is within the budget."], conclusion: "It can be done.",
         questions: [(ask: "Is the cost right?", attacks: Premise(0)), (ask: "Is anything else due?", attacks: Inference)]),
    ]"#;
    std::fs::write(&path, mine).unwrap();
    let c = Catalogue::shipped().with_file(&path).unwrap();
    assert_eq!(c.schemes().len(), Catalogue::shipped().schemes().len() + 1);
    assert_eq!(c.get("analogy").unwrap().name, "My analogy", "overridden in place");
    let at = c.schemes().iter().position(|s| s.id == "analogy").unwrap();
    assert_eq!(Catalogue::shipped().schemes()[at].id, "analogy", "where it was");
    assert_eq!(c.schemes().last().unwrap().id, "from-budget", "a new one after");
}

#[test]
fn issue36_a_broken_catalogue_is_named_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schemes.ron");
    std::fs::write(&path, "[\n  (id: \"x\", name: \"X\",\n   nme: \"typo\")\n]").unwrap();
    let e = Catalogue::shipped().with_file(&path).unwrap_err();
    assert_eq!(e.at.map(|(line, _)| line), Some(3), "{e}");
    let said = e.to_string();
    assert!(said.starts_with(&format!("{}:3:", path.display())) && said.contains("nme"), "{said}");
    assert!(said.contains("in a scheme") && !said.contains("`Scheme`"), "in the file's words: {said}");
    // A question about a premise the scheme does not have.
    let bad = r#"[(id: "x", name: "X", description: "D.", premises: ["P."], conclusion: "C.",
        questions: [(ask: "Q?", attacks: Premise(1))])]"#;
    std::fs::write(&path, bad).unwrap();
    let said = Catalogue::shipped().with_file(&path).unwrap_err().to_string();
    assert!(said.contains("asks about premise 1, but its premises are numbered 0 to 0"), "{said}");
    // Two schemes with one id.
    let twice = r#"[(id: "x", name: "X", description: "D.", premises: ["P."], conclusion: "C.", questions: []),
        (id: "x", name: "Y", description: "D.", premises: ["P."], conclusion: "C.", questions: [])]"#;
    std::fs::write(&path, twice).unwrap();
    let said = Catalogue::shipped().with_file(&path).unwrap_err().to_string();
    assert!(said.contains("two schemes have the id “x”"), "{said}");
    // Not a file at all.
    let said = Catalogue::shipped().with_file(dir.path()).unwrap_err().to_string();
    assert!(said.starts_with(&dir.path().display().to_string()), "{said}");
}

#[test]
fn issue36_suggestions_come_from_cues_in_the_text_and_say_which() {
    let c = Catalogue::shipped();
    let said = c.suggest("According to a UN panel report, the transition will fail.");
    assert_eq!(said[0].0.id, "expert-opinion");
    assert!(said[0].1.contains("“report”") && said[0].1.contains("“according to”"), "{}", said[0].1);
    let said = c.suggest("The mission should cooperate in order to keep its access to the north.");
    assert_eq!(said[0].0.id, "practical-reasoning", "{:?}", said.iter().map(|s| &s.0.id).collect::<Vec<_>>());
    // A cue counts only at the start of a word ("like" is not in "unlikely").
    assert!(c.suggest("It is unlikely.").iter().all(|s| s.0.id != "analogy"));
    assert!(c.suggest("Nothing here.").is_empty());
    // The same text, the same suggestions.
    assert_eq!(c.suggest("a report says so"), c.suggest("a report says so"));
}

/// A claim with one reason from expert opinion and an objection answering its first question.
fn answered_map() -> crate::model::ArgumentMap {
    use crate::model::{Answer, ArgumentMap, Relation, RelationId, RelationKind, Statement};
    let mut reason = Relation::single(RelationKind::Support, "report", "claim");
    reason.scheme = Some("expert-opinion".into());
    let statements = vec![
        Statement::new("claim", "The mission should stay."),
        Statement::new("report", "A panel report says the mission protects civilians."),
        Statement {
            answers: Some(Answer { relation: RelationId(0), question: 0 }),
            ..Statement::new("not-experts", "The panel had no one who had worked in the north.")
        },
    ];
    let relations = vec![reason, Relation::single(RelationKind::Objection, "not-experts", "report")];
    ArgumentMap::from_parts("Stay?".into(), None, statements, relations).unwrap()
}

#[test]
fn issue36_schemes_and_answers_are_kept_in_the_file_and_old_files_load_unchanged() {
    let map = answered_map();
    let text = crate::io::to_ron_string(&map);
    assert!(text.contains("scheme: \"expert-opinion\""), "{text}");
    assert!(text.contains("answers: (relation: \"relation-1\", question: 0)"), "{text}");
    let back = crate::io::load_str(&text, "m.ron").unwrap();
    assert_eq!(back, map);
    assert_eq!(crate::io::to_ron_string(&back), text, "written the same again");
    // An answer naming no relation of the file is an error that names the statement.
    let broken = text.replace("relation: \"relation-1\"", "relation: \"nowhere\"");
    let e = crate::io::load_str(&broken, "m.ron").unwrap_err().to_string();
    assert!(e.contains("\"not-experts\" answers a question of relation \"nowhere\""), "{e}");
    // The shipped map of an older argmap (no schemes) still loads as it was.
    let old = crate::io::load_str(crate::MINUSMA_RON, "mali-minusma.ron").unwrap();
    assert_eq!(crate::io::load_str(&crate::io::to_ron_string(&old), "again").unwrap(), old);
}

#[test]
fn issue36_an_argument_knows_which_questions_are_answered_and_by_whom() {
    let map = answered_map();
    let asked = all_asked(&map, Catalogue::shipped());
    assert_eq!(asked.len(), 1, "only the reason names a scheme");
    let a = &asked[0];
    assert_eq!(a.scheme.id, "expert-opinion");
    assert_eq!(a.questions[0].2, vec![crate::model::StatementId::from("not-experts")]);
    assert_eq!(a.answered(), 1);
    assert_eq!(a.said(), format!("1 of {} critical questions answered", a.scheme.questions.len()));
    // A question about a premise the argument leaves unstated is answered by an undercut.
    assert_eq!(Attacks::Premise(2).in_argument(1), Attacks::Inference);
    assert_eq!(Attacks::Premise(0).in_argument(1), Attacks::Premise(0));
}

#[test]
fn issue36_deleting_an_argument_takes_its_answers_with_it_and_undo_brings_them_back() {
    let mut map = answered_map();
    let before = map.clone();
    let reason = map.relations().next().map(|(id, _)| id).unwrap();
    // Deleting the report deletes its argument (and the objection hanging on the report).
    let e = crate::edit::delete_statement(&map, "report").unwrap();
    let undo = crate::edit::apply(&mut map, e).unwrap();
    assert!(map.relation(reason).is_none());
    assert!(map.statements().all(|s| s.answers.is_none()), "no answer names a relation that is gone");
    crate::edit::apply(&mut map, undo).unwrap();
    assert_eq!(map, before, "undo restores the argument and its answer");
    // Removing the relation on its own does the same.
    let undo = crate::edit::apply(&mut map, crate::edit::Edit::RemoveRelation { id: reason }).unwrap();
    assert_eq!(map.statement("not-experts").unwrap().answers, None);
    crate::edit::apply(&mut map, undo).unwrap();
    assert_eq!(map, before);
}

#[test]
fn issue36_another_scheme_asks_other_questions_so_the_old_answers_go_and_undo_brings_them_back() {
    let mut map = answered_map();
    let before = map.clone();
    let reason = map.relations().next().map(|(id, _)| id).unwrap();
    let e = crate::edit::Edit::SetScheme { id: reason, scheme: Some("analogy".into()) };
    let undo = crate::edit::apply(&mut map, e).unwrap();
    assert_eq!(
        map.statement("not-experts").unwrap().answers,
        None,
        "it answered a question of the old scheme"
    );
    crate::edit::apply(&mut map, undo).unwrap();
    assert_eq!(map, before);
    // The same scheme again changes nothing.
    let e = crate::edit::Edit::SetScheme { id: reason, scheme: Some("expert-opinion".into()) };
    crate::edit::apply(&mut map, e).unwrap();
    assert_eq!(map, before);
}

#[test]
fn issue36_the_markdown_outline_lists_each_arguments_open_questions_under_it() {
    let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let outline = crate::interop::outline::export(&map);
    let lines: Vec<&str> = outline.lines().collect();
    let favour = lines.iter().position(|l| l.contains("MINUSMA could win favour")).unwrap();
    assert_eq!(
        lines[favour + 1].trim(),
        "*Argument from positive consequences: 1 of 3 critical questions answered; open: How likely \
         are the good consequences, really? What evidence shows that they would follow?*"
    );
}

#[test]
fn issue36_check_says_where_a_mark_no_longer_fits_what_the_map_says() {
    use crate::edit::{Edit, apply};
    use crate::model::{Answer, RelationKind};
    let catalogue = Catalogue::shipped();
    let mut map = answered_map();
    assert!(problems(&map, catalogue).is_empty(), "the objection answers the premise's question");
    let (reason, objection) = {
        let ids: Vec<_> = map.relations().map(|(id, _)| id).collect();
        (ids[0], ids[1])
    };
    // Flipped into a reason, it no longer answers "is the source an expert?" with a "no".
    apply(&mut map, Edit::SetKind { id: objection, kind: RelationKind::Support }).unwrap();
    let said = problems(&map, catalogue);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("“The panel had no one who had worked…” is marked as answering “Is the source really an expert in this field?”"), "{}", said[0]);
    // A question the scheme does not ask, and a scheme the catalogue does not have.
    apply(
        &mut map,
        Edit::SetAnswers {
            id: "not-experts".into(),
            answers: Some(Answer { relation: reason, question: 9 }),
        },
    )
    .unwrap();
    assert!(
        problems(&map, catalogue)[0].contains("answers question 9 of the argument"),
        "{:?}",
        problems(&map, catalogue)
    );
    apply(&mut map, Edit::SetScheme { id: reason, scheme: Some("from-the-stars".into()) }).unwrap();
    assert!(
        problems(&map, catalogue)[0]
            .contains("names the scheme “from-the-stars”, which the catalogue does not have")
    );
}

/// The reason of [`answered_map`] with its second and third questions doubted (what-if).
fn doubted_map() -> (crate::model::ArgumentMap, crate::model::RelationId) {
    let mut map = answered_map();
    let reason = map.relations().next().map(|(id, _)| id).unwrap();
    crate::edit::apply(&mut map, crate::edit::Edit::SetDoubted { id: reason, doubted: vec![1, 2] }).unwrap();
    (map, reason)
}

#[test]
fn issue36_doubted_questions_are_kept_in_the_file_and_a_broken_list_is_refused() {
    let (map, _) = doubted_map();
    let text = crate::io::to_ron_string(&map);
    // With the other what-ifs, apart from the argument, the relation by the id the file gives it.
    let saved = "evaluation: (\n        doubted: [\n            (relation: \"relation-1\", question: 1),\n            (relation: \"relation-1\", question: 2),\n        ],\n    ),";
    assert!(text.contains(saved), "{text}");
    let back = crate::io::load_str(&text, "m.ron").unwrap();
    assert_eq!(back, map);
    assert_eq!(crate::io::to_ron_string(&back), text);
    // Listed in another order, or twice: read as the same doubts.
    let shuffled = text.replace("question: 1),\n            (relation: \"relation-1\", question: 2)", "question: 2),\n            (relation: \"relation-1\", question: 1),\n            (relation: \"relation-1\", question: 2)");
    assert_eq!(crate::io::load_str(&shuffled, "m.ron").unwrap(), map);
    // A relation the file does not name, or one without a scheme: refused, saying why.
    let unnamed =
        text.replace("(relation: \"relation-1\", question: 2)", "(relation: \"nowhere\", question: 2)");
    let e = crate::io::load_str(&unnamed, "m.ron").unwrap_err().to_string();
    assert!(
        e.contains("a critical question of relation \"nowhere\" is doubted, but no relation has that id"),
        "{e}"
    );
    let unschemed = text.replace("scheme: \"expert-opinion\",", "");
    let e = crate::io::load_str(&unschemed, "m.ron").unwrap_err().to_string();
    assert!(e.contains("only the critical questions of a relation's scheme can be doubted"), "{e}");
    // A question the scheme does not ask is a warning of argmap check.
    let mut far = map.clone();
    let reason = far.relations().next().map(|(id, _)| id).unwrap();
    crate::edit::apply(&mut far, crate::edit::Edit::SetDoubted { id: reason, doubted: vec![40] }).unwrap();
    let said = problems(&far, Catalogue::shipped());
    assert!(said.iter().any(|p| p.contains("doubts question 40, but its scheme asks")), "{said:?}");
}

#[test]
fn issue36_doubts_are_what_ifs_another_scheme_drops_them_and_undo_gives_them_back() {
    use crate::edit::{Edit, apply, clear_marks, toggle_doubt};
    let (mut map, reason) = doubted_map();
    let before = map.clone();
    let undo = apply(&mut map, Edit::SetScheme { id: reason, scheme: Some("analogy".into()) }).unwrap();
    assert!(map.relation(reason).unwrap().doubted.is_empty(), "another scheme asks other questions");
    apply(&mut map, undo).unwrap();
    assert_eq!(map, before, "undo gives the scheme, the answer and the doubts back");
    // Clearing the what-ifs clears doubts too, as one step.
    let clear = clear_marks(&map).unwrap();
    let undo = apply(&mut map, clear).unwrap();
    assert!(map.relation(reason).unwrap().doubted.is_empty());
    apply(&mut map, undo).unwrap();
    assert_eq!(map, before);
    // A toggle doubts a question or stops doubting it, keeping the list in order.
    let toggle = toggle_doubt(&map, reason, 0).unwrap();
    apply(&mut map, toggle).unwrap();
    assert_eq!(map.relation(reason).unwrap().doubted, [0, 1, 2]);
    let toggle = toggle_doubt(&map, reason, 1).unwrap();
    apply(&mut map, toggle).unwrap();
    assert_eq!(map.relation(reason).unwrap().doubted, [0, 2]);
    // The doubt of an answered question waits: only open ones count.
    assert_eq!(map.open_doubts(reason), [2], "question 0 is answered by “The panel had no one…”");
}

#[test]
fn issue36_merges_keep_each_sides_doubts_and_compare_says_what_changed() {
    let base = answered_map();
    let (ours, reason) = doubted_map();
    // Theirs retitled the argument: both changes kept.
    let mut theirs = base.clone();
    let retitle =
        crate::edit::Edit::SetRelationText { id: reason, label: Some("Panel".into()), description: None };
    crate::edit::apply(&mut theirs, retitle).unwrap();
    let merged = crate::versions::merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let r = merged.map.relations().next().unwrap().1.clone();
    assert_eq!((r.doubted.as_slice(), r.label.as_deref()), (&[1, 2][..], Some("Panel")));
    // Theirs named another scheme: the doubts were of the old one's questions, so a conflict.
    let mut other = base.clone();
    crate::edit::apply(
        &mut other,
        crate::edit::Edit::SetScheme { id: reason, scheme: Some("analogy".into()) },
    )
    .unwrap();
    let merged = crate::versions::merge(&base, &ours, &other);
    assert_eq!(merged.conflicts.len(), 1, "ours kept, theirs recorded");
    assert_eq!(merged.map.relations().next().unwrap().1.doubted, [1, 2]);
    // A diff names both kinds of change.
    let d = crate::versions::diff(&base, &ours);
    assert!(
        d.changes.iter().any(|c| matches!(c, crate::versions::Change::Doubted { new, .. } if new == &[1, 2]))
    );
    let d = crate::versions::diff(&base, &other);
    assert!(
        d.changes
            .iter()
            .any(|c| matches!(c, crate::versions::Change::Scheme { new: Some(s), .. } if s == "analogy"))
    );
}
