//! Property tests of random edit sequences: the invariants hold after every step, undoing
//! everything restores the start (byte-identical when saved), redoing everything restores the
//! end, and save then load is the identity at every step.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::History;
use argmap::io;
use common::steps::{Step, edit_of, step};
use proptest::prelude::*;

#[allow(dead_code)] // the scratch folders are for the tests that write files
mod common;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_edit_sequences_keep_the_invariants_and_undo_exactly(steps in proptest::collection::vec(step(), 1..40)) {
        let start = io::load_str(argmap::MINUSMA_RON, "m").unwrap();
        let start_bytes = io::to_ron_string(&start);
        let mut map = start.clone();
        let mut history = History::default();
        for step in &steps {
            match step {
                Step::Undo => { history.undo(&mut map).unwrap(); }
                Step::Redo => { history.redo(&mut map).unwrap(); }
                other => {
                    if let Some(edit) = edit_of(&map, other) {
                        let before = map.clone();
                        if history.apply(&mut map, edit, "step").is_err() {
                            prop_assert_eq!(&map, &before, "a refused edit changes nothing");
                        }
                    }
                }
            }
            map.validate().map_err(|e| TestCaseError::fail(format!("{e} after {step:?}")))?;
            let text = io::to_ron_string(&map);
            let loaded = io::load_str(&text, "m.ron").map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&loaded, &map, "save then load is the identity");
        }
        let end = map.clone();
        let mut undone = 0;
        while history.undo(&mut map).unwrap().is_some() {
            undone += 1;
            map.validate().unwrap();
        }
        prop_assert_eq!(&map, &start);
        prop_assert_eq!(io::to_ron_string(&map), start_bytes, "undoing everything is byte-identical");
        prop_assert!(!history.is_dirty());
        for _ in 0..undone {
            history.redo(&mut map).unwrap();
        }
        prop_assert_eq!(&map, &end, "redoing everything gives the end state");
    }
}
