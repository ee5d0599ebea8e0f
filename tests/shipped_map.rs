//! The shipped MINUSMA map: complete, quoted verbatim from its article, canonical, embedded.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::model::{RelationKind, Role};
use argmap::{MINUSMA_RON, io};

const ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/mali-coup-un-peacekeepers.txt");
const MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron");

/// The article with typographic quotes made straight (the only change a quote may have).
fn article() -> String {
    std::fs::read_to_string(ARTICLE)
        .expect("../shared/seed holds the article")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

#[test]
fn every_quote_occurs_verbatim_in_the_article() {
    let article = article();
    let map = io::load_str(MINUSMA_RON, "mali-minusma.ron").unwrap();
    for s in map.statements() {
        let source = s.source.as_ref().unwrap_or_else(|| panic!("{} has no source", s.id));
        assert!(source.quote.len() > 20, "{} has a quote too short to be a sentence", s.id);
        assert!(article.contains(&source.quote), "quote of {} is not verbatim: {:?}", s.id, source.quote);
        assert!(source.reference.starts_with("CIPS Blog 2020, paragraph "), "{}", source.reference);
    }
}

#[test]
fn the_map_holds_every_statement_of_the_design_with_every_role() {
    let map = io::load_str(MINUSMA_RON, "mali-minusma.ron").unwrap();
    // map-content.md's outline (R, S1, S1a, S2a, S2b, S3, S3a, S3b, S4, O4a, O4b, S5, O5a, S6,
    // O1, O2, O3, O3a, O4, O4c, O4d, O5, O6, O7, R7, C1, C2) as the ids the file gives them.
    let expected = [
        ("cooperate-with-transition", Role::Claim),
        ("host-state-consent", Role::Reason),
        ("clear-partners", Role::Reason),
        ("mandate-state-authority", Role::Reason),
        ("cooperation-with-forces", Role::Reason),
        ("pragmatic-short-term", Role::Reason),
        ("junta-open", Role::Reason),
        ("junta-popular", Role::Reason),
        ("civilian-leaders", Role::Reason),
        ("coup-leader-vice-president", Role::Objection),
        ("military-over-represented", Role::Objection),
        ("authorities-willing", Role::Reason),
        ("barkhane-cracks", Role::Objection),
        ("win-favour", Role::Reason),
        ("honest-broker", Role::Objection),
        ("civilian-protection", Role::Objection),
        ("rights-advocacy", Role::Objection),
        ("advocacy-muted", Role::Reason),
        ("precedent", Role::Objection),
        ("soft-acceptance", Role::Reason),
        ("elections-delayed", Role::Reason),
        ("security-first-critique", Role::Objection),
        ("no-democratic-cover", Role::Objection),
        ("enables-counter-terrorism", Role::Objection),
        ("no-own-counter-terrorism", Role::Rebuttal),
        ("coup-of-18-august", Role::Reason),
        ("months-of-protests", Role::Reason),
    ];
    assert_eq!(map.statement_count(), 27);
    for (id, role) in expected {
        assert_eq!(map.role(id), Some(role), "{id}");
        let text = &map.statement(id).unwrap().text;
        assert!(text.split_whitespace().count() <= 30, "{id} is too long to read at a glance");
    }
    let linked: Vec<_> = map.relations().filter(|(_, r)| r.is_linked()).collect();
    assert_eq!(linked.len(), 1);
    let (s2_id, s2) = linked[0];
    assert_eq!(s2.kind, RelationKind::Support);
    assert!(s2.conclusion.is("cooperate-with-transition"));
    assert_eq!(s2.label.as_deref(), Some("State authority mandate"));
    // O6 and O7 object to the S2 argument as a whole: they undercut it.
    let undercutters: Vec<&str> = map
        .undercuts_of(s2_id)
        .iter()
        .flat_map(|&u| map.relation(u).unwrap().premises.iter().map(|p| p.as_str()))
        .collect();
    assert_eq!(undercutters, ["no-democratic-cover", "enables-counter-terrorism"]);
    assert_eq!(s2.premises, vec!["mandate-state-authority".into(), "cooperation-with-forces".into()]);
    let source = map.source.as_ref().unwrap();
    assert_eq!(source.title, "What Does the Coup in Mali Mean for UN Peacekeepers in the Country?");
    assert_eq!((source.year, source.licence.as_deref()), (Some(2020), Some("CC BY-NC-ND 4.0")));
}

#[test]
fn the_file_is_canonical_and_the_binary_embeds_it() {
    let on_disk = std::fs::read_to_string(MAP).unwrap();
    assert_eq!(on_disk, MINUSMA_RON);
    let map = io::load_str(&on_disk, "mali-minusma.ron").unwrap();
    assert_eq!(io::to_ron_string(&map), on_disk, "the shipped file is written by argmap's own writer");
}

#[test]
fn every_quote_is_located_in_the_article_and_still_there() {
    let map = io::load_str(MINUSMA_RON, "mali-minusma.ron").unwrap();
    let doc = map.document("cips-2020").expect("the map names its article");
    assert_eq!(doc.file.as_deref(), Some("mali-coup-un-peacekeepers.txt"));
    assert_eq!((doc.year, doc.licence.as_deref()), (Some(2020), Some("CC BY-NC-ND 4.0")));
    let reader = argmap::sources::Reader::InProcess;
    let text = argmap::sources::read(std::path::Path::new(ARTICLE), &reader).unwrap();
    for s in map.statements() {
        let source = s.source.as_ref().unwrap();
        assert_eq!(source.document.as_deref(), Some("cips-2020"), "{}", s.id);
        let at = source.at.unwrap_or_else(|| panic!("{} is not located", s.id));
        assert!(text.holds(&source.quote, at), "the quote of {} is no longer at {at:?}", s.id);
        assert_eq!(text.locate(&source.quote, None).map(|l| l.paragraph), Some(at.paragraph), "{}", s.id);
    }
    let seed = std::path::PathBuf::from(ARTICLE).parent().unwrap().to_path_buf();
    let places = argmap::sources::Places { beside: None, folders: &[seed], chosen: &[], reader: &reader };
    let report = argmap::sources::check(&map, &places);
    assert!(report.drifted.is_empty(), "{:?}", report.drifted);
    assert_eq!(report.documents[0].quotes, 27);
}
