use super::*;

fn shipped_page() -> String {
    let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    page(&map, &mut Typesetter::new(), &ExportOptions::default()).unwrap()
}

#[test]
fn the_page_is_whole_and_asks_for_nothing() {
    let html = shipped_page();
    assert!(html.len() < 300 * 1024, "{} bytes", html.len());
    // No external resource: no src or href but the page's own fragments and data URLs.
    for attr in ["src=\"", "href=\""] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            assert!(value.starts_with('#') || value.starts_with("data:"), "{}", &html[at..at + 80]);
        }
    }
    assert!(!html.contains("url(http") && !html.contains("@import"));
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    // Every statement's box and every relation's arrow is a piece of the page's data, with its
    // words, evaluation and source.
    let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let tag = "<script type=\"application/json\" id=\"data\">";
    let start = html.find(tag).unwrap() + tag.len();
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert!(json["nodes"].as_array().unwrap().iter().all(|n| n["svg"].as_str().unwrap().contains("<rect")));
    let arrows = json["relations"].as_array().unwrap();
    assert_eq!(arrows.len(), map.relation_count());
    assert!(arrows.iter().all(|r| r["svg"].as_str().unwrap().contains("<polyline")));
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), map.statement_count());
    let claim = nodes.iter().find(|n| n["id"] == "cooperate-with-transition").unwrap();
    assert_eq!(claim["label"], "out");
    let why = claim["why"].as_str().unwrap();
    assert!(why.contains("\u{201c}Direct support for the new government"), "{why}");
    assert!(!why.contains("honest-broker"), "statements named by their words, not their ids: {why}");
    assert!(claim["quote"].as_str().unwrap().starts_with("For its part"));
}

#[test]
fn text_that_looks_like_markup_stays_text() {
    let mut map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
    let nasty = "</script><script>alert(1)</script> {{SVG}} & \"quoted\"";
    crate::edit::apply(&mut map, crate::edit::Edit::SetText { id: "precedent".into(), text: nasty.into() })
        .unwrap();
    map.title = "<b>{{DATA}}</b>".into();
    let html = page(&map, &mut Typesetter::new(), &ExportOptions::default()).unwrap();
    assert_eq!(html.matches("<script").count(), 2, "only the page's own two scripts");
    assert_eq!(html.matches("<svg").count(), 1, "a placeholder in the text is not filled");
    assert!(!html.contains("alert(1)</script>"));
    assert!(html.contains("&lt;b&gt;{{DATA}}&lt;/b&gt;"));
}

#[test]
fn the_same_map_gives_the_same_page() {
    assert_eq!(shipped_page(), shipped_page());
}

/// The page's JSON size for a claim with one linked argument of `k` co-premises.
fn linked_page_size(k: usize) -> usize {
    use crate::model::{Relation, RelationKind, Statement};
    let mut statements = vec![Statement::new("claim", "The claim.")];
    statements.extend((0..k).map(|i| Statement::new(format!("p{i}"), format!("Premise {i}."))));
    let premises = (0..k).map(|i| format!("p{i}").into()).collect();
    let relations = vec![Relation::new(RelationKind::Support, premises, "claim".into())];
    let map = ArgumentMap::from_parts("t".into(), None, statements, relations).unwrap();
    let html = page(&map, &mut Typesetter::new(), &ExportOptions::default()).unwrap();
    html.split("<script").map(str::len).max().unwrap_or(0)
}

#[test]
fn issue32_the_page_grows_linearly_with_a_linked_argument() {
    // Every premise lists a dozen co-premises by name and the rest in one link: doubling the
    // argument doubles the page's data (listing every pair made it four times as large).
    let (small, large) = (linked_page_size(400), linked_page_size(800));
    let ratio = large as f64 / small as f64;
    assert!(ratio < 2.3, "{small} -> {large} bytes: {ratio:.2}x for twice the premises");
}

/// Each statement's panel says the scheme of the argument it starts and that argument's open
/// critical questions (issue 36).
#[test]
fn issue36_the_page_lists_an_arguments_open_questions_in_its_premises_panel() {
    let html = shipped_page();
    let tag = "<script type=\"application/json\" id=\"data\">";
    let start = html.find(tag).unwrap() + tag.len();
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let favour = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "win-favour").unwrap();
    assert_eq!(favour["argument"]["scheme"], "Argument from positive consequences");
    assert_eq!(favour["argument"]["said"], "1 of 3 critical questions answered");
    assert_eq!(favour["argument"]["open"][0], "How likely are the good consequences, really?");
    let claim =
        json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "cooperate-with-transition").unwrap();
    assert!(claim.get("argument").is_none(), "a claim starts no argument");
}
