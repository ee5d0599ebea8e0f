//! The evaluation followed in place. A statement's label depends only on the statements
//! upstream of it (its attackers, their premises, their undercuts, and theirs), so after an edit
//! that changed the attacks on a few statements (an objection added, or taken back) only the
//! statements downstream of those can change: [`relabel`] labels those again, taking every
//! other label as it was, with the same rules as [`super::labels`] (checked against it by a
//! property test on random maps).

use super::{Label, Mark, Rules};
use crate::model::Topology;
use foldhash::{HashMap, HashMapExt};

/// What labelling keeps of one relation that takes part: premises in so far, undercuts not
/// failed yet (for an attack), whether it failed.
#[derive(Clone, Copy, Debug, Default)]
struct Held {
    ins: usize,
    pending: usize,
    failed: bool,
}

/// The labels of a map whose statements at `seeds` may have new attacks (or be new), given the
/// labels it had before by position (`before`; a statement past its end is new and must be a
/// seed): each statement downstream of a seed is labelled again, every other keeps its label.
/// `marks` and `doubted` are as [`super::labels`] takes them, and must be as before for every
/// statement and relation not downstream of a seed.
pub fn relabel(
    topo: &Topology<'_>,
    marks: &[Option<Mark>],
    doubted: &[bool],
    before: &[Label],
    seeds: &[usize],
) -> Vec<Label> {
    let n = topo.len();
    let mut out: Vec<Label> = before.get(..n).unwrap_or(before).to_vec();
    out.resize(n, Label::Undecided);
    let mut region = Region::downstream(topo, Rules::new(topo, doubted), seeds);
    region.start(marks, &out);
    region.propagate();
    for (&s, label) in region.members.iter().zip(&region.label) {
        out[s] = label.unwrap_or(Label::Undecided);
    }
    out
}

/// The statements downstream of the seeds being labelled, and what labelling them keeps.
struct Region<'t, 'a> {
    topo: &'t Topology<'a>,
    rules: Rules<'t, 'a>,
    /// Its statements, and where each is among them.
    members: Vec<usize>,
    at: HashMap<usize, usize>,
    /// Attacks on each member that have not failed yet, and its label so far.
    live: Vec<usize>,
    label: Vec<Option<Label>>,
    /// The relations that take part in labelling the members: the attacks on them and those
    /// attacks' undercuts.
    held: HashMap<usize, Held>,
    /// Members labelled whose relations have not heard of it yet.
    queue: Vec<usize>,
}

impl<'t, 'a> Region<'t, 'a> {
    /// The seeds and every statement a relation leads to from one of the region's (an undercut
    /// leads where the relation it undercuts does); walked with a stack, each statement once.
    fn downstream(topo: &'t Topology<'a>, rules: Rules<'t, 'a>, seeds: &[usize]) -> Self {
        let mut at = HashMap::new();
        let mut members = Vec::new();
        let mut stack: Vec<usize> = seeds.iter().copied().filter(|&s| s < topo.len()).collect();
        while let Some(s) = stack.pop() {
            if at.contains_key(&s) {
                continue;
            }
            at.insert(s, members.len());
            members.push(s);
            stack.extend(
                topo.outgoing(s).map(|r| topo.relations[r].conclusion).filter(|c| !at.contains_key(c)),
            );
        }
        let k = members.len();
        let (live, label) = (vec![0; k], vec![None; k]);
        Self { topo, rules, members, at, live, label, held: HashMap::new(), queue: Vec::new() }
    }

    /// Counts the attacks on each member and their undercuts, labels the marked members, takes
    /// in the premises outside the region (their labels in `fixed`), and labels whatever that
    /// decides, as [`super::labels`] does at its start.
    fn start(&mut self, marks: &[Option<Mark>], fixed: &[Label]) {
        let (topo, rules) = (self.topo, self.rules);
        for i in 0..self.members.len() {
            let s = self.members[i];
            for a in topo.incoming(s).iter().copied().filter(|&a| rules.attack(a)) {
                self.live[i] += 1;
                let undercuts: Vec<usize> =
                    topo.undercuts(a).iter().copied().filter(|&u| rules.live(u)).collect();
                self.held.insert(a, Held { pending: undercuts.len(), ..Held::default() });
                for u in undercuts {
                    self.held.insert(u, Held::default());
                }
            }
            if let Some(mark) = marks.get(s).copied().flatten() {
                self.set(s, if mark == Mark::Accepted { Label::In } else { Label::Out });
            }
        }
        let mut taking: Vec<usize> = self.held.keys().copied().collect();
        taking.sort_unstable(); // the same order every time
        for &r in &taking {
            let outside: Vec<usize> =
                topo.relations[r].premises.iter().copied().filter(|p| !self.at.contains_key(p)).collect();
            for p in outside {
                self.premise(r, fixed.get(p).copied().unwrap_or(Label::Undecided));
            }
        }
        for i in 0..self.members.len() {
            if self.live[i] == 0 && self.label[i].is_none() {
                self.set(self.members[i], Label::In);
            }
        }
        for &r in &taking {
            match topo.relations[r].undercuts {
                None => self.succeed(r),
                Some(a) if self.held.get(&r).is_some_and(|h| h.ins == topo.relations[r].premises.len()) => {
                    self.fail(a)
                }
                Some(_) => {}
            }
        }
    }

    /// Tells every relation of each member labelled, until none is left to tell.
    fn propagate(&mut self) {
        while let Some(s) = self.queue.pop() {
            let label = self.at.get(&s).and_then(|&i| self.label[i]);
            let Some(label) = label else { continue };
            let outgoing: Vec<usize> = self.topo.outgoing(s).filter(|r| self.held.contains_key(r)).collect();
            for r in outgoing {
                self.premise(r, label);
                if label == Label::In {
                    match self.topo.relations[r].undercuts {
                        None => self.succeed(r),
                        Some(a)
                            if self
                                .held
                                .get(&r)
                                .is_some_and(|h| h.ins == self.topo.relations[r].premises.len()) =>
                        {
                            self.fail(a)
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }

    /// One premise of relation `r` is labelled `label`: one more in, or the relation fails (an
    /// undercut that fails leaves its attack one fewer to wait for).
    fn premise(&mut self, r: usize, label: Label) {
        let undercuts = self.topo.relations[r].undercuts;
        let Some(h) = self.held.get_mut(&r) else { return };
        match (label, undercuts) {
            (Label::In, _) => h.ins += 1,
            (Label::Out, None) => self.fail(r),
            (Label::Out, Some(a)) if !h.failed => {
                h.failed = true;
                if let Some(attack) = self.held.get_mut(&a) {
                    attack.pending -= 1;
                }
                self.succeed(a);
            }
            _ => {}
        }
    }

    /// The attack `a` fails: its target loses one live attack and may come in.
    fn fail(&mut self, a: usize) {
        let Some(h) = self.held.get_mut(&a).filter(|h| !h.failed) else { return };
        h.failed = true;
        let Some(&i) = self.at.get(&self.topo.relations[a].conclusion) else { return };
        self.live[i] -= 1;
        if self.live[i] == 0 && self.label[i].is_none() {
            self.set(self.members[i], Label::In);
        }
    }

    /// The attack `a` succeeds if all its premises are in and all its undercuts failed: its
    /// target goes out.
    fn succeed(&mut self, a: usize) {
        let rel = &self.topo.relations[a];
        let Some(h) = self.held.get(&a) else { return };
        let Some(&i) = self.at.get(&rel.conclusion) else { return };
        if !h.failed && h.pending == 0 && h.ins == rel.premises.len() && self.label[i].is_none() {
            self.set(rel.conclusion, Label::Out);
        }
    }

    /// Labels member `s` and queues it to tell its relations.
    fn set(&mut self, s: usize, label: Label) {
        if let Some(&i) = self.at.get(&s) {
            self.label[i] = Some(label);
            self.queue.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Whatever the map (cycles, co-premises, undercuts, what-if marks, doubted relations)
        /// and wherever the change was, labelling again downstream of it gives the labels made
        /// afresh, even when every label downstream was wrong before (only the labels upstream
        /// are taken over).
        #[test]
        fn issue35_labels_made_again_downstream_of_a_change_are_the_labels_made_afresh(
            map in crate::model::sample::maps(2..40, 1..60, 0..8),
            seeds in proptest::collection::vec(any::<usize>(), 1..4),
            marks in proptest::collection::vec(prop_oneof![8 => Just(None), 1 => Just(Some(Mark::Accepted)), 1 => Just(Some(Mark::Rejected))], 40),
            doubted in proptest::collection::vec(prop_oneof![9 => Just(false), 1 => Just(true)], 0..70),
            wrong in any::<u8>(),
        ) {
            let topo = Topology::new(&map);
            prop_assume!(!topo.is_empty());
            let marks = &marks[..topo.len()];
            let fresh = super::super::labels(&topo, marks, &doubted);
            let seeds: Vec<usize> = seeds.iter().map(|s| s % topo.len()).collect();
            // Every label downstream of a seed made wrong.
            let region = Region::downstream(&topo, Rules::new(&topo, &doubted), &seeds);
            let mut before = fresh.clone();
            let labels = [Label::In, Label::Out, Label::Undecided];
            for (k, &s) in region.members.iter().enumerate() {
                before[s] = labels[(k + wrong as usize) % 3];
            }
            prop_assert_eq!(relabel(&topo, marks, &doubted, &before, &seeds), fresh);
        }
    }

    use crate::edit::steps::{Step, any_step as step, edit_for};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// After each of a random run of edits on a generated map, the evaluation followed in
        /// place from the one before (when it can be: one reshape, or none, since) is the
        /// evaluation made afresh; the statement being typed counts as out in both.
        #[test]
        fn issue35_an_evaluation_following_edits_in_place_is_the_evaluation_made_afresh(
            size in 6usize..60,
            seed in any::<u64>(),
            steps in proptest::collection::vec(step(), 1..30),
        ) {
            use crate::eval::{Before, Evaluation};
            let mut map = crate::synth::generate(size, seed);
            let mut history = crate::edit::History::default();
            let topo = Topology::new(&map);
            let mut typing = false;
            let mut last = (Evaluation::pending(&map, &topo, None), topo.index.clone(), None);
            let mut followed = 0usize;
            for (k, step) in steps.iter().enumerate() {
                let before = history.structure_changes();
                match step {
                    Step::Undo => { let _ = history.undo(&mut map); }
                    Step::Redo => { let _ = history.redo(&mut map); }
                    Step::Typing => typing = !typing,
                    other => if let Some(e) = edit_for(&map, other, k) {
                        let _ = history.apply(&mut map, e, "step");
                    },
                }
                let topo = Topology::new(&map);
                // The newest statement is being typed, or none is.
                let pending = if typing { topo.len().checked_sub(1) } else { None };
                let fresh = Evaluation::pending(&map, &topo, pending);
                let since = history.structure_changes() - before;
                let reshape = history.reshape(history.structure_changes());
                if since == 0 || (since == 1 && reshape.is_some()) {
                    let reshape = if since == 0 { None } else { reshape };
                    let was = Before { evaluation: &last.0, pending: last.2, index: &last.1, reshape };
                    if let Some(got) = Evaluation::following(&map, &topo, pending, was) {
                        prop_assert_eq!(&got, &fresh, "after {:?} ({:?})", step, reshape);
                        followed += 1;
                    }
                }
                last = (fresh, topo.index.clone(), pending);
            }
            prop_assert!(followed <= steps.len());
        }
    }

    /// The evaluation does follow the edits it is for (the property above is not vacuous): an
    /// objection added to a generated map, undone, a what-if mark on its claim.
    #[test]
    fn issue35_an_objection_added_marked_and_undone_is_evaluated_in_place() {
        use crate::eval::{Before, Evaluation};
        let mut map = crate::synth::generate(200, 7);
        let mut history = crate::edit::History::default();
        let mut topo = Topology::new(&map);
        let mut last = (Evaluation::of(&map, &topo), topo.index.clone());
        let target = topo.statements[150].id.clone();
        let claim = topo.statements[0].id.clone();
        let (add, _) = crate::edit::add_premise(&map, &target, RelationKind::Objection, "A new one.");
        let mark = crate::edit::Edit::SetMark { id: claim, mark: Some(Mark::Rejected) };
        for (edit, structural) in [(Some(add), true), (None, true), (Some(mark), false)] {
            match edit {
                Some(e) => {
                    history.apply(&mut map, e, "step").unwrap();
                }
                None => {
                    history.undo(&mut map).unwrap();
                }
            }
            topo = Topology::new(&map);
            let reshape = structural.then(|| history.reshape(history.structure_changes()).unwrap());
            let was = Before { evaluation: &last.0, pending: None, index: &last.1, reshape };
            let followed = Evaluation::following(&map, &topo, None, was).unwrap();
            assert_eq!(followed, Evaluation::of(&map, &topo));
            last = (followed, topo.index.clone());
        }
        // The claim marked rejected is out.
        assert_eq!(last.0.labels[0], Label::Out);
    }
}
