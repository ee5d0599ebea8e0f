//! Tests of `argdown`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;
use crate::interop::Warning;
use crate::model::{RelationKind, Target};

fn read(doc: &str) -> Imported {
    import(doc, "fallback").unwrap()
}

/// (kind, premises, conclusion as text) of every relation, in file order.
fn shape(map: &ArgumentMap) -> Vec<(RelationKind, Vec<String>, String)> {
    map.relations()
        .map(|(_, r)| {
            let target = match &r.conclusion {
                Target::Statement(c) => c.to_string(),
                Target::Relation(t) => format!("inference of {:?}", map.relation(*t).unwrap().label),
            };
            (r.kind, r.premises.iter().map(|p| p.to_string()).collect(), target)
        })
        .collect()
}

use crate::model::RelationKind::{Objection as O, Support as S};

fn rel(kind: RelationKind, premises: &[&str], conclusion: &str) -> (RelationKind, Vec<String>, String) {
    (kind, premises.iter().map(|p| p.to_string()).collect(), conclusion.to_owned())
}

#[test]
fn relations_in_every_direction() {
    let doc = "[a]: A claim.\n  + [b]: A reason.\n  - [c]: An objection.\n    - [d]: A rebuttal.\n  +> [e]: Something a supports.\n  -> [f]: Something a attacks.\n  <+ [g]: Another reason.\n  <- [h]: Another objection.\n";
    let Imported { map, warnings } = read(doc);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        shape(&map),
        [
            rel(S, &["b"], "a"),
            rel(O, &["c"], "a"),
            rel(O, &["d"], "c"),
            rel(S, &["a"], "e"),
            rel(O, &["a"], "f"),
            rel(S, &["g"], "a"),
            rel(O, &["h"], "a"),
        ]
    );
    assert_eq!(map.statement("d").unwrap().text, "A rebuttal.");
    assert_eq!(map.role("d"), Some(crate::model::Role::Rebuttal));
}

#[test]
fn premise_conclusion_structures_become_linked_supports_with_title_and_description() {
    let doc = "<Growth>: Taxes slow growth.\n\n(1) [Rates]: Rates are high.\n(2) High rates slow\n    investment.\n--\nModus ponens {uses: [1,2]}\n--\n(3) [Slow]: Investment slows.\n(4) Slow investment slows growth.\n----\n(5) [Growth claim]: Growth slows.\n";
    let Imported { map, warnings } = read(doc);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        shape(&map),
        [
            rel(S, &["Rates", "high-rates-slow-investment"], "Slow"),
            rel(S, &["Slow", "slow-investment-slows-growth"], "growth-claim")
        ]
    );
    let relations: Vec<_> = map.relations().map(|(_, r)| r.clone()).collect();
    assert_eq!(relations[0].label, None);
    assert_eq!(relations[0].description.as_deref(), Some("Inference: Modus ponens {uses: [1,2]}"));
    assert_eq!(relations[1].label.as_deref(), Some("Growth"));
    assert_eq!(relations[1].description.as_deref(), Some("Taxes slow growth."));
    assert_eq!(map.statement("high-rates-slow-investment").unwrap().text, "High rates slow investment.");
    assert_eq!(map.statement("growth-claim").unwrap().note.as_deref(), Some("Argdown title: [Growth claim]"));
}

#[test]
fn undercuts_approximations_and_their_warnings() {
    let doc = "<A>: An argument.\n\n(1) [p]: P.\n----\n(2) [c]: C.\n\n<A>\n  _ [u]: The inference fails.\n  - [x]: Attacks the argument.\n\n[c]\n  >< [d]: Not C.\n\n[s]: Sketched.\n  _ [v]: Undercuts a statement.\n";
    let Imported { map, warnings } = read(doc);
    let a = map.relations().find(|(_, r)| r.label.as_deref() == Some("A")).unwrap().0;
    let undercuts: Vec<String> =
        map.undercuts_of(a).iter().map(|&u| map.relation(u).unwrap().premises[0].to_string()).collect();
    assert_eq!(undercuts, ["u", "x"], "an undercut is exact; an attack on the argument is approximated");
    assert!(shape(&map).contains(&rel(O, &["c"], "d")) && shape(&map).contains(&rel(O, &["d"], "c")));
    assert!(shape(&map).contains(&rel(O, &["v"], "s")));
    let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "line 9: [x] attacks the argument <A>: imported as an undercut of its last inference",
            "line 12: [c] and [d] contradict each other: imported as two objections, one each way",
            "line 15: [s] undercuts [v], which has no inference: imported as an objection"
                .replace("[s] undercuts [v]", "[v] undercuts [s]")
                .as_str(),
        ]
    );
}

#[test]
fn front_matter_headings_tags_data_comments_and_equivalence_classes() {
    let doc = "===\ntitle: Drugs policy\nauthor: A. Author\ndate: 12/03/2019\ncolor:\n    colorScheme: x\n===\n\n# Part one\n\n/* a comment\nover lines */\n[S]: First text. #pro #(needs source) {source: \"P1\"}\n\n<!-- another -->\n[S]: Second text. // a line comment\n\nSee https://example.org/x for more.\n";
    let Imported { map, warnings } = read(doc);
    assert_eq!(map.title, "Drugs policy");
    let source = map.source.clone().unwrap();
    assert_eq!((source.author.as_deref(), source.year), (Some("A. Author"), Some(2019)));
    let s = map.statement("S").unwrap();
    assert_eq!(s.text, "First text.");
    let note = s.note.clone().unwrap();
    for part in ["Also stated as: Second text.", "Tags: #pro #needs source", "Data: {source: \"P1\"}"] {
        assert!(note.contains(part), "{part:?} in {note:?}");
    }
    // The section is a group of the statements defined in it.
    let groups: Vec<(&str, &str)> = map.groups().iter().map(|g| (g.id.as_str(), g.title.as_str())).collect();
    assert_eq!(groups, [("part-one", "Part one")]);
    assert_eq!(map.members("part-one").len(), 2, "S and the paragraph after it");
    let url = map.statements().find(|s| s.text.starts_with("See")).unwrap();
    assert_eq!(url.text, "See https://example.org/x for more.");
    let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(said, ["line 5: front matter \"color\" not imported (argmap keeps title, author and date)"]);
}

#[test]
fn syntax_errors_name_the_line_and_nothing_is_made() {
    let e = import("[a]: fine\n\n<!-- never closed\n[b]: b\n", "t").unwrap_err();
    assert_eq!(e.position, Some((3, 1)), "{e}");
    let e = import("===\ntitle: x\n[a]: no end of front matter\n", "t").unwrap_err();
    assert_eq!(e.position, Some((1, 1)), "{e}");
    // A title begun and not finished (as while typing it): the line and the bracket's column.
    let e = import("[a]: A\n\n[a]\n  + [b: B\n", "t").unwrap_err();
    assert_eq!(e.position, Some((4, 5)), "{e}");
    assert!(e.message.contains("never closed with ]"), "{e}");
    let e = import("[a]: A\n\n[a]\n  - <Argument\n", "t").unwrap_err();
    assert_eq!(e.position, Some((4, 5)), "{e}");
    // In running text a bracket is text; an escaped one closes nothing.
    assert!(import("[a]: A [note and <more\n\n[b]: \\[x]\n", "t").is_ok());
}

#[test]
fn the_shipped_map_and_generated_maps_survive_export_then_import() {
    let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let (doc, warnings) = export(&map);
    assert!(warnings.is_empty(), "sources and notes travel as data: {warnings:?}");
    assert!(doc.contains("<State authority mandate>: "), "labelled relations are arguments");
    assert!(doc.contains(
        "(1) [mandate-state-authority]\n(2) [cooperation-with-forces]\n----\n(3) [cooperate-with-transition]"
    ));
    // Schemes and the questions statements answer travel as data (issue 36).
    assert!(doc.contains(r#"{"scheme":"established-rule"}"#), "{doc}");
    assert!(doc.contains(r#""answers":{"argument":"State authority mandate","question":2}"#), "{doc}");
    let back = import(&doc, "x").unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.map, map, "nothing lost:\n{doc}");
    assert!(back.map.relations().filter(|(_, r)| r.scheme.is_some()).count() >= 10);
    for seed in 0..3 {
        let generated = crate::synth::generate(400, seed);
        let back = import(&export(&generated).0, "x").unwrap();
        assert!(back.warnings.is_empty());
        assert_eq!(back.map.title, generated.title);
        assert_eq!(back.map, generated, "seed {seed}");
    }
}

#[test]
fn awkward_text_is_escaped_and_read_back() {
    let mut map = ArgumentMap::new("Odd # title \"quoted\"");
    let text = "Uses [brackets], <angles>, {braces}, #hash, @mention, *stars* and _under_ \\ slash: (1) odd.";
    let edit = crate::edit::add_claim_as(&map, "odd".into(), text).0;
    crate::edit::apply(&mut map, edit).unwrap();
    let (doc, _) = export(&map);
    let back = import(&doc, "x").unwrap().map;
    assert_eq!(back.statement("odd").unwrap().text, text);
    assert_eq!(back.title, map.title);
}

#[test]
fn issue13_a_statement_supporting_itself_is_left_out_with_a_warning() {
    let Imported { map, warnings } = read("[A]: a.\n  + [A]\n  + [B]: b.\n");
    assert_eq!(map.relation_count(), 1);
    assert_eq!(warnings, [Warning::at(2, "a statement supporting itself; left out")]);
}

#[test]
fn issue13_a_url_in_a_text_survives_export_then_import() {
    let mut map = ArgumentMap::new("T");
    let text = "See https://example.org/a // not a comment, nor /* this */";
    let edit = crate::edit::add_claim_as(&map, "u".into(), text).0;
    crate::edit::apply(&mut map, edit).unwrap();
    let (doc, warnings) = export(&map);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(doc.contains("https:\\//example.org/a \\// not a comment, nor \\/\\* this \\*/"), "{doc}");
    assert_eq!(read(&doc).map.statement("u").unwrap().text, text);
}

#[test]
fn sections_are_groups_unless_marked_not_and_travel_back_as_headings() {
    let doc = "[C]: Claim.\n\n# For {isGroup: false}\n\n[A]: A.\n  +> [C]\n\n## Money {color: \"green\"}\n\n[B]: B {costs}.\n  +> [C]\n\n# For\n\n[D]: D.\n  +> [C]\n";
    let map = read(doc).map;
    let groups: Vec<(&str, Vec<&str>)> = map
        .groups()
        .iter()
        .map(|g| (g.title.as_str(), map.members(&g.id).iter().map(|m| m.as_str()).collect()))
        .collect();
    // "For" with isGroup: false groups nothing; the heading's data is not its title; a second
    // "For" (a plain one) is a group.
    assert_eq!(groups, [("Money", vec!["B"]), ("For", vec!["D"])]);
    let (text, _) = export(&map);
    let back = read(&text).map;
    assert_eq!(back, map, "{text}");
}

#[test]
fn an_argument_name_titles_its_first_arrow_and_same_titled_arrows_export_as_argdown_reads_them() {
    let doc = "[Ban]: Ban soft drugs.\n\n[Harm]: Soft drugs are harmful.\n\n<Lifestyle decision>: People may choose.\n  -> [Ban]\n  +> [Harm]\n";
    let imported = read(doc);
    let labels: Vec<Option<&str>> = imported.map.relations().map(|(_, r)| r.label.as_deref()).collect();
    assert_eq!(labels, [Some("Lifestyle decision"), None], "the title once, on its first arrow");
    // Two arrows the user titled alike, without descriptions: Argdown needs unique titles and a
    // text after `<title>:`, so the second stands in its label and says it has no description.
    let mut map = imported.map.clone();
    let second = map.relations().nth(1).unwrap().0;
    let edit = crate::edit::Edit::SetRelationText {
        id: second,
        label: Some("Lifestyle decision".into()),
        description: None,
    };
    crate::edit::apply(&mut map, edit).unwrap();
    let (text, _) = export(&map);
    assert!(!text.contains(">: {"), "every argument defined with data has a text:\n{text}");
    let back = import(&text, "x").unwrap();
    assert_eq!(back.map, map, "nothing lost:\n{text}");
}

#[test]
fn issue32_a_heading_cut_to_a_groups_title_says_so() {
    let long = "A".repeat(200_000);
    let text = format!("# {long}\n\n[Claim]: The claim.\n");
    let imported = import(&text, "t").unwrap();
    assert_eq!(imported.map.groups()[0].title.chars().count(), crate::model::MAX_NAME_CHARS);
    assert!(imported.warnings.iter().any(|w| w.message.contains("cut there")), "{:?}", imported.warnings);
}

#[test]
fn issue36_doubted_questions_travel_in_the_arguments_data() {
    let mut map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let schemed: Vec<_> = map.relations().filter(|(_, r)| r.scheme.is_some()).map(|(id, _)| id).collect();
    for (k, id) in schemed.into_iter().enumerate().take(4) {
        let e = crate::edit::Edit::SetDoubted { id, doubted: vec![k % 2, 2] };
        crate::edit::apply(&mut map, e).unwrap();
    }
    let (doc, warnings) = export(&map);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(doc.contains(r#""doubted":[0,2]"#), "{doc}");
    let back = import(&doc, "x").unwrap();
    assert_eq!(back.map, map, "nothing lost:\n{doc}");
    // A hand-written list out of order is read in order; one without a scheme is left out.
    let by_hand = "<a>: A {\"scheme\": \"analogy\", \"doubted\": [2, 0, 2]}\n\n(1) [p]: P\n----\n(2) [c]: C\n\n\
        <b>: B {\"doubted\": [1]}\n\n(1) [q]: Q\n----\n(2) [c]\n";
    let read = import(by_hand, "x").unwrap().map;
    let doubts: Vec<Vec<usize>> = read.relations().map(|(_, r)| r.doubted.clone()).collect();
    assert!(
        doubts.contains(&vec![0, 2]) && doubts.iter().filter(|d| !d.is_empty()).count() == 1,
        "{doubts:?}"
    );
}

proptest::proptest! {
    /// A class's texts are each kept once, in the order first stated, whether there are a few
    /// (compared one by one) or many (found by hash).
    #[test]
    fn texts_are_kept_once_in_order_few_or_many(items in proptest::collection::vec(0u8..24, 0..60)) {
        let mut texts = Texts::default();
        let words: Vec<String> = items.iter().map(|i| format!("text {i}")).collect();
        for chunk in words.chunks(3) {
            texts.add(chunk.to_vec());
        }
        let mut expected: Vec<String> = Vec::new();
        for w in &words {
            if !expected.contains(w) {
                expected.push(w.clone());
            }
        }
        proptest::prop_assert_eq!(&*texts, &expected[..]);
    }
}
