//! Tests of `aif`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;

/// An OVA-style graph: numeric and string ids, a linked RA with a scheme, a CA on a statement, a
/// CA on the RA (an undercut), and dialogue and rephrase nodes to report.
const GRAPH: &str = r#"{
  "nodes": [
    {"nodeID": 1, "text": "Tax the rich more", "type": "I"},
    {"nodeID": "2", "text": "Inequality harms growth", "type": "I"},
    {"nodeID": "3", "text": "The IMF says so", "type": "I"},
    {"nodeID": "4", "text": "ExpertOpinion", "type": "RA", "scheme": "ExpertOpinion"},
    {"nodeID": "5", "text": "Capital would flee", "type": "I"},
    {"nodeID": "6", "text": "Default Conflict", "type": "CA"},
    {"nodeID": "7", "text": "The IMF is not an expert on growth", "type": "I"},
    {"nodeID": "8", "text": "CA", "type": "CA"},
    {"nodeID": "9", "text": "Bob says tax the rich", "type": "L"},
    {"nodeID": "10", "text": "Asserting", "type": "YA"},
    {"nodeID": "11", "text": "Default Rephrase", "type": "MA"}
  ],
  "edges": [
    {"edgeID": 1, "fromID": "2", "toID": "4"},
    {"edgeID": 2, "fromID": "3", "toID": "4"},
    {"edgeID": 3, "fromID": "4", "toID": 1},
    {"edgeID": 4, "fromID": "5", "toID": "6"},
    {"edgeID": 5, "fromID": "6", "toID": "1"},
    {"edgeID": 6, "fromID": "7", "toID": "8"},
    {"edgeID": 7, "fromID": "8", "toID": "4"},
    {"edgeID": 8, "fromID": "9", "toID": "10"},
    {"edgeID": 9, "fromID": "10", "toID": "1"}
  ]
}"#;

#[test]
fn reads_statements_linked_supports_objections_undercuts_and_reports_the_rest() {
    let Imported { map, warnings } = import(GRAPH, "Taxes").unwrap();
    assert_eq!(map.title, "Taxes");
    let texts: Vec<&str> = map.statements().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Tax the rich more",
            "Inequality harms growth",
            "The IMF says so",
            "Capital would flee",
            "The IMF is not an expert on growth"
        ]
    );
    let relations: Vec<_> = map.relations().collect();
    assert_eq!(relations.len(), 3);
    let (ra, support) = relations[0];
    assert_eq!(support.kind, RelationKind::Support);
    assert_eq!(
        support.premises,
        ["inequality-harms-growth".into(), "the-imf-says-so".into()] as [StatementId; 2]
    );
    assert!(support.conclusion.is("tax-the-rich-more"));
    // A scheme the catalogue knows is the relation's scheme, not a title (issue 36).
    assert_eq!(support.scheme.as_deref(), Some("expert-opinion"));
    assert_eq!(support.label, None, "its text only names the scheme again");
    let (_, objection) = relations[1];
    assert_eq!(
        (objection.kind, objection.conclusion.is("tax-the-rich-more")),
        (RelationKind::Objection, true)
    );
    assert_eq!(objection.label, None, "\"Default Conflict\" names no scheme");
    let (_, undercut) = relations[2];
    assert_eq!(undercut.conclusion, Target::Relation(ra));
    let said: String = warnings.iter().map(|w| format!("{w}\n")).collect();
    assert!(said.contains("1 locutions (L, the dialogue layer) not imported"), "{said}");
    assert!(said.contains("1 illocutionary connections (YA"), "{said}");
    assert!(said.contains("1 rephrases (MA)"), "{said}");
    assert_eq!(warnings.len(), 3, "only the three kinds left out are reported: {said}");
}

#[test]
fn import_export_import_is_the_same_map_and_the_export_is_plain_aif() {
    let first = import(GRAPH, "Taxes").unwrap().map;
    let (json, _) = export(&first);
    let doc: Value = serde_json::from_str(&json).unwrap();
    for n in doc["nodes"].as_array().unwrap() {
        assert!(n["nodeID"].is_string() && n["text"].is_string() && n["type"].is_string(), "{n}");
    }
    for e in doc["edges"].as_array().unwrap() {
        assert!(e["edgeID"].is_string() && e["fromID"].is_string() && e["toID"].is_string(), "{e}");
    }
    let types: Vec<&str> =
        doc["nodes"].as_array().unwrap().iter().map(|n| n["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["I", "I", "I", "I", "I", "RA", "CA", "CA"]);
    let second = import(&json, "Taxes").unwrap();
    assert_eq!(second.map, first);
    assert!(second.warnings.is_empty(), "{:?}", second.warnings);
}

#[test]
fn the_shipped_map_survives_aif_with_its_structure() {
    let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let (json, warnings) = export(&map);
    assert!(warnings.iter().any(|w| w.message.contains("27 sources not written")), "{warnings:?}");
    let back = import(&json, &map.title).unwrap().map;
    let shape = |m: &ArgumentMap| -> Vec<(RelationKind, Vec<String>, String)> {
        let text = |id: &str| m.statement(id).unwrap().text.clone();
        m.relations()
            .map(|(_, r)| {
                let target = match &r.conclusion {
                    Target::Statement(c) => text(c),
                    Target::Relation(t) => format!(
                        "inference of {:?}",
                        m.relation(*t).unwrap().premises.iter().map(|p| text(p)).collect::<Vec<_>>()
                    ),
                };
                (r.kind, r.premises.iter().map(|p| text(p)).collect(), target)
            })
            .collect()
    };
    assert_eq!(shape(&back), shape(&map));
    let generated = crate::synth::generate(300, 7);
    let once = import(&export(&generated).0, "g").unwrap().map;
    let twice = import(&export(&once).0, "g").unwrap().map;
    assert_eq!(once, twice);
    assert_eq!(once.relation_count(), generated.relation_count());
}

#[test]
fn broken_json_is_an_error_with_line_and_column_and_odd_graphs_are_reported() {
    let e = import("{\"nodes\": [\n  {\"nodeID\": 1,,}\n]}", "t").unwrap_err();
    assert_eq!(e.position.map(|p| p.0), Some(2), "{e}");
    let e = import("{\"edges\": []}", "t").unwrap_err();
    assert!(e.message.contains("no \"nodes\""), "{e}");
    let odd = r#"{"nodes": [{"nodeID": "a", "text": "A", "type": "I"}, {"nodeID": "r", "text": "RA", "type": "RA"}],
                 "edges": [{"edgeID": "1", "fromID": "a", "toID": "r"}, {"edgeID": "2", "fromID": "a", "toID": "zz"}]}"#;
    let Imported { map, warnings } = import(odd, "t").unwrap();
    assert_eq!((map.statement_count(), map.relation_count()), (1, 0));
    let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|w| w.contains("edge 2 names a node that does not exist")), "{said:?}");
    assert!(said.iter().any(|w| w.contains("RA node \"r\" leads nowhere")), "{said:?}");
}

#[test]
fn issue13_an_edge_from_statement_to_statement_is_reported() {
    let graph = r#"{"nodes": [{"nodeID": "a", "type": "I", "text": "A"}, {"nodeID": "b", "type": "I", "text": "B"}],
        "edges": [{"edgeID": "e", "fromID": "a", "toID": "b"}]}"#;
    let imported = import(graph, "t").unwrap();
    assert_eq!(imported.map.relation_count(), 0);
    assert_eq!(
        imported.warnings,
        [Warning::general(
            "1 edges from an I-node straight to an I-node left out: AIF relates statements through RA and CA nodes, so argmap cannot tell support from attack"
        )]
    );
}

/// Schemes survive AIF exactly: an RA-node's scheme is read as the catalogue's scheme and
/// written back under the name AIFdb gives it, beside the relation's own title; a scheme the
/// catalogue does not know stays the relation's title, as before (issue 36).
#[test]
fn issue36_schemes_round_trip_through_aif() {
    let map = import(GRAPH, "g").unwrap().map;
    let (json, _) = export(&map);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ra: Vec<&serde_json::Value> =
        v["nodes"].as_array().unwrap().iter().filter(|n| n["type"] == "RA").collect();
    assert_eq!(ra[0]["scheme"], "ExpertOpinion");
    let again = import(&json, "g").unwrap().map;
    assert_eq!(again, map);
    // With a title of its own beside its scheme, and a scheme argmap does not know.
    let titled = GRAPH.replace(
        r#"{"nodeID": "4", "text": "ExpertOpinion", "type": "RA", "scheme": "ExpertOpinion"}"#,
        r#"{"nodeID": "4", "text": "The IMF's word", "type": "RA", "scheme": "Expert Opinion"}"#,
    );
    let map = import(&titled, "g").unwrap().map;
    let (_, r) = map.relations().next().unwrap();
    assert_eq!((r.label.as_deref(), r.scheme.as_deref()), (Some("The IMF's word"), Some("expert-opinion")));
    let again = import(&export(&map).0, "g").unwrap().map;
    assert_eq!(again, map);
    let unknown = GRAPH
        .replace(r#""scheme": "ExpertOpinion""#, r#""scheme": "FromTheStars""#)
        .replace(r#""text": "ExpertOpinion""#, r#""text": "RA""#);
    let map = import(&unknown, "g").unwrap().map;
    let (_, r) = map.relations().next().unwrap();
    assert_eq!((r.label.as_deref(), r.scheme.as_deref()), (Some("FromTheStars"), None));
}
