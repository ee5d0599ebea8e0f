//! Unit tests of `layout`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;
use crate::edit::{self, apply};
use crate::model::{ArgumentMap, Pos, Relation, RelationKind, Statement};

fn shipped() -> ArgumentMap {
    crate::io::load_str(crate::MINUSMA_RON, "m").unwrap()
}

fn lay(map: &ArgumentMap, collapsed: &HashSet<StatementId>) -> Layout {
    let sizes: Vec<(f32, f32)> = map
        .statements()
        .map(|s| {
            (
                if map.role(&s.id) == Some(crate::model::Role::Claim) { 300.0 } else { 240.0 },
                60.0 + (s.text.len() % 5) as f32 * 17.0,
            )
        })
        .collect();
    layout(&LayoutInput::new(&Topology::new(map), &sizes, collapsed))
}

fn assert_no_overlap(l: &Layout) {
    for (i, a) in l.placed.iter().enumerate() {
        for b in &l.placed[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.position, b.position);
        }
    }
}

#[test]
fn the_shipped_map_lays_out_as_a_tree_with_reasons_left_of_objections() {
    let map = shipped();
    let l = lay(&map, &HashSet::new());
    assert_eq!(l.placed.len(), 27);
    assert_no_overlap(&l);
    let root = l.rect(&map, "cooperate-with-transition").unwrap();
    for p in &l.placed[1..] {
        assert!(p.rect.y > root.bottom(), "{} is not below the claim", p.position);
    }
    let support_right = l.rect(&map, "win-favour").unwrap().right();
    let objection_left = l.rect(&map, "honest-broker").unwrap().x;
    assert!(support_right < objection_left, "reasons sit left of objections");
    // Co-premises sit side by side at the same height.
    let (a, b) =
        (l.rect(&map, "mandate-state-authority").unwrap(), l.rect(&map, "cooperation-with-forces").unwrap());
    assert_eq!(a.y, b.y);
    assert!(b.x - a.right() <= COPREMISE_GAP + 0.01);
    // A statement sits below the one it supports.
    assert!(
        l.rect(&map, "no-own-counter-terrorism").unwrap().y
            > l.rect(&map, "enables-counter-terrorism").unwrap().bottom()
    );
    assert_eq!(lay(&map, &HashSet::new()), l, "deterministic");
}

#[test]
fn adding_a_statement_does_not_reshuffle_other_branches() {
    let mut map = shipped();
    let map0 = map.clone();
    let before = lay(&map, &HashSet::new());
    let (e, _) = edit::add_premise(&map, "precedent", RelationKind::Objection, "new");
    apply(&mut map, e).unwrap();
    let after = lay(&map, &HashSet::new());
    assert_no_overlap(&after);
    // Every branch keeps its inner arrangement: within the pragmatic branch, all boxes moved by
    // one and the same offset.
    let branch = ["pragmatic-short-term", "junta-open", "junta-popular", "months-of-protests"];
    let dx = after.rect(&map, branch[0]).unwrap().x - before.rect(&map0, branch[0]).unwrap().x;
    for id in branch {
        let (a, b) = (before.rect(&map0, id).unwrap(), after.rect(&map, id).unwrap());
        assert!((b.x - a.x - dx).abs() < 0.01 && (b.y - a.y).abs() < 0.01, "{id} moved within its branch");
    }
    // The order of the claim's children is unchanged.
    let order = |l: &Layout, map: &ArgumentMap| {
        let root = l.find(map, "cooperate-with-transition").unwrap();
        l.children(root).iter().map(|&c| l.id(map, c).unwrap().clone()).collect::<Vec<_>>()
    };
    assert_eq!(order(&before, &map0), order(&after, &map));
}

#[test]
fn collapsed_branches_hide_their_statements_and_count_them() {
    let map = shipped();
    let collapsed = HashSet::from([StatementId::from("pragmatic-short-term")]);
    let l = lay(&map, &collapsed);
    assert_eq!(l.placed.len(), 24);
    assert!(l.get(&map, "months-of-protests").is_none());
    let p = l.find(&map, "pragmatic-short-term").unwrap();
    assert_eq!((l.placed[p].hidden, l.placed[p].descendants, l.children(p).len()), (3, 3, 0));
    assert_no_overlap(&l);
}

#[test]
fn a_pinned_statement_keeps_its_position_and_takes_its_branch_along() {
    let mut map = shipped();
    let map0 = map.clone();
    let free = lay(&map, &HashSet::new());
    apply(
        &mut map,
        edit::Edit::SetPinned {
            id: "pragmatic-short-term".into(),
            pinned: Some(Pos { x: -900.0, y: 700.0 }),
        },
    )
    .unwrap();
    let l = lay(&map, &HashSet::new());
    let r = l.rect(&map, "pragmatic-short-term").unwrap();
    assert_eq!((r.x, r.y), (-900.0, 700.0));
    let (a, b) = (free.rect(&map0, "junta-open").unwrap(), l.rect(&map, "junta-open").unwrap());
    let (pa, pb) = (free.rect(&map0, "pragmatic-short-term").unwrap(), r);
    assert!(((b.x - a.x) - (pb.x - pa.x)).abs() < 0.01 && ((b.y - a.y) - (pb.y - pa.y)).abs() < 0.01);
    assert_eq!(l.rect(&map, "honest-broker"), free.rect(&map0, "honest-broker"), "other branches stay");
}

fn chain_map(n: usize, cycle: bool) -> ArgumentMap {
    let statements = (0..n).map(|i| Statement::new(format!("s{i}"), "x")).collect();
    let mut relations: Vec<Relation> = (1..n)
        .map(|i| Relation::single(RelationKind::Objection, &format!("s{i}"), &format!("s{}", i - 1)))
        .collect();
    if cycle {
        relations.push(Relation::single(RelationKind::Objection, "s0", &format!("s{}", n - 1)));
    }
    ArgumentMap::from_parts("chain".into(), None, statements, relations).unwrap()
}

#[test]
fn cycles_and_very_deep_chains_lay_out_without_hanging_or_overflowing() {
    for cycle in [false, true] {
        let map = chain_map(50_000, cycle);
        let l = lay(&map, &HashSet::new());
        assert_eq!(l.placed.len(), 50_000);
        assert_eq!(l.id(&map, 0).unwrap().as_str(), "s0", "the first statement starts the tree of a cycle");
    }
    let mutual = ArgumentMap::from_parts(
        "m".into(),
        None,
        vec![Statement::new("a", "a"), Statement::new("b", "b")],
        vec![
            Relation::single(RelationKind::Objection, "a", "b"),
            Relation::single(RelationKind::Objection, "b", "a"),
        ],
    )
    .unwrap();
    let l = lay(&mutual, &HashSet::new());
    assert_eq!(l.placed.len(), 2);
    assert_no_overlap(&l);
}

#[test]
fn cross_links_place_a_statement_once_under_its_first_conclusion() {
    let map = ArgumentMap::from_parts(
        "x".into(),
        None,
        ["q", "a", "b", "shared"].iter().map(|id| Statement::new(*id, *id)).collect(),
        vec![
            Relation::single(RelationKind::Support, "a", "q"),
            Relation::single(RelationKind::Support, "b", "q"),
            Relation::single(RelationKind::Support, "shared", "b"),
            Relation::single(RelationKind::Objection, "shared", "a"),
        ],
    )
    .unwrap();
    let l = lay(&map, &HashSet::new());
    assert_eq!(l.placed.len(), 4);
    let shared = l.get(&map, "shared").unwrap();
    assert_eq!(l.id(&map, shared.parent.unwrap()).unwrap().as_str(), "b");
    assert_no_overlap(&l);
}

#[test]
fn placing_the_same_tree_with_new_sizes_equals_a_fresh_layout() {
    let collapsed: HashSet<StatementId> = HashSet::new();
    for seed in 0..4 {
        let map = crate::synth::generate(600, seed);
        let topo = Topology::new(&map);
        let sizes: Vec<(f32, f32)> = (0..topo.len()).map(|i| (240.0, 60.0 + (i % 3) as f32 * 17.0)).collect();
        let mut kept = layout(&LayoutInput::new(&topo, &sizes, &collapsed));
        // Some boxes grow or shrink, as new texts make them.
        let mut resized = sizes.clone();
        for i in (0..resized.len()).step_by(7) {
            resized[i].1 += 34.0 * ((i / 7) % 3) as f32 - 17.0;
        }
        place(&mut kept, &topo, &resized);
        let fresh = layout(&LayoutInput::new(&topo, &resized, &collapsed));
        assert_eq!(kept, fresh, "seed {seed}");
    }
}

mod splicing {
    //! Issue 35: the layout that follows an edit in place ([`super::splice::splice`]) is the layout
    //! made afresh, after any sequence of edits.
    use super::*;
    use crate::edit::History;
    use proptest::prelude::*;

    /// Box sizes and tag widths that depend on each statement alone (as wrapped texts do).
    fn inputs(topo: &Topology<'_>) -> (Vec<(f32, f32)>, Vec<f32>) {
        let sizes = topo
            .statements
            .iter()
            .map(|s| (200.0 + (s.text.len() % 7) as f32 * 9.0, 50.0 + (s.text.len() % 4) as f32 * 15.0))
            .collect();
        let tags = topo
            .first_from
            .iter()
            .map(|r| match r {
                Some(r) if topo.relations[*r].id.0.is_multiple_of(3) => 40.0,
                _ => 0.0,
            })
            .collect();
        (sizes, tags)
    }

    fn fresh(map: &ArgumentMap, collapsed: &HashSet<StatementId>, arrangement: Arrangement) -> Layout {
        let topo = Topology::new(map);
        let (sizes, tags) = inputs(&topo);
        layout(&LayoutInput::new(&topo, &sizes, collapsed).with_tags(&tags).arranged(arrangement, 1.5))
    }

    use crate::edit::steps::{Step, edit_for, structural as step};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn issue35_a_layout_following_edits_in_place_is_the_layout_made_afresh(
            size in 8usize..80,
            seed in any::<u64>(),
            arrangement in prop_oneof![
                Just(Arrangement::TopDown), Just(Arrangement::LeftToRight),
                Just(Arrangement::TwoSides), Just(Arrangement::Outline),
            ],
            fold in proptest::collection::vec(any::<usize>(), 0..3),
            steps in proptest::collection::vec(step(), 1..30),
        ) {
            let mut map = if seed.is_multiple_of(5) { shipped() } else { crate::synth::generate(size, seed) };
            let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
            let collapsed: HashSet<StatementId> = fold.iter().map(|i| ids[i % ids.len()].clone()).collect();
            let mut history = History::default();
            let mut last = fresh(&map, &collapsed, arrangement);
            for (k, step) in steps.iter().enumerate() {
                let before = history.structure_changes();
                let done = match step {
                    Step::Undo => history.undo(&mut map).ok().flatten().is_some(),
                    Step::Redo => history.redo(&mut map).ok().flatten().is_some(),
                    other => match edit_for(&map, other, k) {
                        Some(e) => history.apply(&mut map, e, "step").is_ok(),
                        None => false,
                    },
                };
                let full = fresh(&map, &collapsed, arrangement);
                let reshape = history.reshape(history.structure_changes());
                if done && history.structure_changes() == before + 1 && let Some(r) = reshape {
                    let topo = Topology::new(&map);
                    let (sizes, tags) = inputs(&topo);
                    if let Some(spliced) = splice::splice(&last, &topo, r, &collapsed, (&sizes, &tags, 1.5)) {
                        prop_assert_eq!(&spliced, &full, "after {:?} ({:?})", step, r);
                    }
                }
                last = full;
            }
        }
    }

    /// The splice does follow the edits it is for (the property above is not vacuous): an
    /// objection added to the shipped map's claim, and undone, in every arrangement.
    #[test]
    fn issue35_an_objection_added_and_undone_is_followed_in_place() {
        for arrangement in [Arrangement::TopDown, Arrangement::TwoSides, Arrangement::Outline] {
            let mut map = shipped();
            let none = HashSet::new();
            let mut history = History::default();
            let before = fresh(&map, &none, arrangement);
            let (e, _) =
                edit::add_premise(&map, "cooperate-with-transition", RelationKind::Objection, "A new one.");
            history.apply(&mut map, e, "add").unwrap();
            let topo = Topology::new(&map);
            let (sizes, tags) = inputs(&topo);
            let r = history.reshape(history.structure_changes()).unwrap();
            assert!(matches!(r, edit::Reshape::Added { .. }));
            let spliced = splice::splice(&before, &topo, r, &none, (&sizes, &tags, 1.5)).unwrap();
            assert_eq!(spliced, fresh(&map, &none, arrangement));
            history.undo(&mut map).unwrap();
            let topo = Topology::new(&map);
            let (sizes, tags) = inputs(&topo);
            let r = history.reshape(history.structure_changes()).unwrap();
            assert!(matches!(r, edit::Reshape::Removed { .. }));
            let back = splice::splice(&spliced, &topo, r, &none, (&sizes, &tags, 1.5)).unwrap();
            assert_eq!(back, before);
        }
    }
}
