//! Generated maps of several sizes: layouts without overlaps, every relation drawn, same input
//! same output, cycles and cross-links without panics or hangs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::layout::{self, Layout, LayoutInput};
use argmap::model::Topology;
use argmap::scene::{self, Item, Palette, Typesetter};
use argmap::synth::generate;
use std::collections::HashSet;

fn lay(map: &argmap::model::ArgumentMap, ts: &mut Typesetter) -> (scene::Prepared, Layout) {
    let topo = Topology::new(map);
    let prepared = scene::prepare(&topo, ts);
    let l = layout::layout(&LayoutInput::new(&topo, &prepared.sizes, &HashSet::new()));
    (prepared, l)
}

/// No two boxes overlap: a sweep over boxes sorted by their left edge.
fn assert_no_overlap(l: &Layout) {
    let mut rects: Vec<_> = l.placed.iter().map(|p| (p.rect, p.position)).collect();
    rects.sort_by(|a, b| a.0.x.total_cmp(&b.0.x));
    for (i, (a, ida)) in rects.iter().enumerate() {
        for (b, idb) in &rects[i + 1..] {
            if b.x >= a.right() {
                break;
            }
            assert!(!a.overlaps(b), "{ida} overlaps {idb}");
        }
    }
}

#[test]
fn generated_maps_lay_out_without_overlaps_and_draw_every_relation() {
    let mut ts = Typesetter::new();
    for (n, seed) in [(1, 1), (10, 2), (100, 3), (1000, 4), (5000, 5)] {
        let map = generate(n, seed);
        map.validate().unwrap();
        assert_eq!(map.statement_count(), n);
        let (prepared, l) = lay(&map, &mut ts);
        assert_eq!(l.placed.len(), n, "every statement is placed");
        assert_no_overlap(&l);
        let scene = scene::build(&Topology::new(&map), &l, &prepared, &Palette::LIGHT, None, None);
        let arrows = scene.items.iter().filter(|i| matches!(i, Item::Triangle { .. })).count();
        assert_eq!(arrows, map.relation_count(), "one arrowhead per relation (n = {n})");
        assert_eq!(scene.boxes.len(), n);
    }
}

#[test]
fn generation_and_layout_are_deterministic() {
    let a = argmap::io::to_ron_string(&generate(2000, 9));
    let b = argmap::io::to_ron_string(&generate(2000, 9));
    assert_eq!(a, b, "same size and seed, same bytes");
    assert_ne!(a, argmap::io::to_ron_string(&generate(2000, 10)), "another seed, another map");
    let map = generate(2000, 9);
    let mut ts = Typesetter::new();
    assert_eq!(lay(&map, &mut ts).1, lay(&map, &mut ts).1);
}

#[test]
fn generated_maps_have_the_mix_the_benchmarks_need() {
    let map = generate(10_000, 1);
    let linked = map.relations().filter(|(_, r)| r.is_linked()).count();
    assert!(linked > 100, "co-premises: {linked}");
    let cross = map.statements().filter(|s| map.relations_from(&s.id).len() > 1).count();
    assert!(cross > 50, "statements with more than one conclusion (cross-links, cycles): {cross}");
    let roles: HashSet<_> = map.statements().filter_map(|s| map.role(&s.id)).collect();
    assert_eq!(roles.len(), 4, "claims, reasons, objections and rebuttals");
    for s in map.statements().take(200) {
        let words = s.text.split_whitespace().count();
        assert!((8..=30).contains(&words), "{words} words");
    }
    // Round trip through the file format at scale.
    let text = argmap::io::to_ron_string(&map);
    assert_eq!(argmap::io::load_str(&text, "g.ron").unwrap(), map);
}

/// After one edit, the wrapped texts are taken over by revision: only the new or changed text is
/// even looked up, and the result is exactly a fresh preparation.
#[test]
fn after_an_edit_only_what_changed_is_wrapped_again() {
    use argmap::edit::{self, Edit};
    use argmap::model::RelationKind;
    let mut map = generate(5000, 3);
    let mut ts = Typesetter::new();
    let mut kept = scene::prepare(&Topology::new(&map), &mut ts);
    let middle = |map: &argmap::model::ArgumentMap, k: usize| map.statements().nth(k).unwrap().id.clone();
    let (add, _) = edit::add_premise(&map, &middle(&map, 2500), RelationKind::Objection, "A new objection.");
    // A leaf: nothing hangs under it, so no other statement changes its role (and box width).
    let leaf = map.statements().skip(1200).find(|s| map.relations_to(&s.id).is_empty()).unwrap().id.clone();
    let remove = edit::delete_statement(&map, &leaf).unwrap();
    let steps = [
        ("add", add, 1),
        ("remove", remove, 0),
        ("retext", Edit::SetText { id: middle(&map, 4000), text: "Another text.".into() }, 1),
    ];
    // Overhead of every preparation: the line height, role captions and badge words.
    let fixed = {
        let before = ts.asked();
        let _ = scene::prepare_reusing(&Topology::new(&map), &mut ts, Some(&kept));
        ts.asked() - before
    };
    for (what, e, wrapped) in steps {
        let undo = edit::apply(&mut map, e).unwrap();
        let topo = Topology::new(&map);
        let before = ts.asked();
        let reused = scene::prepare_reusing(&topo, &mut ts, Some(&kept));
        assert_eq!(ts.asked() - before - fixed, wrapped, "{what}: texts looked up");
        assert_eq!(reused, scene::prepare(&topo, &mut Typesetter::new()), "{what}");
        kept = reused;
        // And back: undo restores the statement with a fresh revision, looked up once.
        let mut again = map.clone();
        edit::apply(&mut again, undo).unwrap();
        let topo = Topology::new(&again);
        let back = scene::prepare_reusing(&topo, &mut ts, Some(&kept));
        assert_eq!(back, scene::prepare(&topo, &mut Typesetter::new()), "{what} undone");
    }
}

/// Issue 13: imports of 100,000 repeated things finish (each id made unique, each repeated
/// relation found, in linear time; these took minutes when it was quadratic).
#[test]
fn issue13_imports_of_100000_repeated_things_are_linear() {
    use argmap::interop::{ImportFormat, import};
    let n = 100_000;
    // 100,000 identical paragraphs: 100,000 statements, ids the-same-text, -2, ... -100000.
    let doc = "The same text.\n\n".repeat(n);
    let map = import(ImportFormat::Argdown, &doc, "t").unwrap().map;
    assert_eq!(map.statement_count(), n);
    assert!(map.statement("the-same-text-100000").is_some());
    // 100,000 relation lines under one claim, half of them repeating the other half.
    let mut doc = String::from("[claim]: The claim.\n");
    for i in 0..n {
        doc.push_str(&format!("  + [r{}]: Reason.\n", i % (n / 2)));
    }
    let imported = import(ImportFormat::Argdown, &doc, "t").unwrap();
    assert_eq!(imported.map.relation_count(), n / 2, "a relation stated twice is one");
    // AIF: 100,000 I-nodes with one text, all premises of one RA node.
    let mut nodes = vec![r#"{"nodeID": "c", "type": "I", "text": "Conclusion."}"#.to_owned()];
    let mut edges = vec![r#"{"edgeID": "e", "fromID": "ra", "toID": "c"}"#.to_owned()];
    nodes.push(r#"{"nodeID": "ra", "type": "RA", "text": "Default Inference"}"#.to_owned());
    for i in 0..n {
        nodes.push(format!(r#"{{"nodeID": "{i}", "type": "I", "text": "One text."}}"#));
        edges.push(format!(r#"{{"edgeID": "e{i}", "fromID": "{i}", "toID": "ra"}}"#));
    }
    let doc = format!(r#"{{"nodes": [{}], "edges": [{}]}}"#, nodes.join(","), edges.join(","));
    let map = import(ImportFormat::Aif, &doc, "t").unwrap().map;
    assert_eq!(map.statement_count(), n + 1);
    assert_eq!(map.relations().next().unwrap().1.premises.len(), n);
}
