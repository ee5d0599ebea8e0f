//! Which statements stand: the grounded labelling of a map.
//!
//! Objections attack: an objection relation lets its premises, jointly, attack its conclusion
//! (a set attack, as in argumentation frameworks with sets of attacking arguments, SETAF; with a
//! single premise it is Dung's attack). An undercut (an objection to a relation) whose premises are
//! all `in` disables that relation, and a disabled objection attacks nothing. A statement is `in`
//! when every attack on it *fails* (has a premise `out`, or is disabled by an undercut whose
//! premises are all `in`); `out` when some attack on it *succeeds* (all its premises `in` and
//! every undercut of it failed, each having a premise `out`); `undecided` otherwise. Supports do
//! not change acceptability here.
//!
//! The labelling is the least fixed point, computed with a worklist in time linear in the size of
//! the map; cycles of objections come out `undecided`, never a hang.
//!
//! Must not touch: egui, files.

use crate::model::{ArgumentMap, RelationKind, StatementId, Topology};
use serde::Serialize;

/// The status of a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Accepted: every attack on it fails.
    In,
    /// Defeated: some attack on it succeeds.
    Out,
    /// Neither (cycles of attacks, or attacks by undecided statements).
    Undecided,
}

impl Label {
    /// `"in"`, `"out"` or `"undecided"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::In => "in",
            Label::Out => "out",
            Label::Undecided => "undecided",
        }
    }
}

/// The grounded labelling of every statement, in file order.
pub fn grounded(map: &ArgumentMap) -> Vec<(StatementId, Label)> {
    let topo = Topology::new(map);
    let labels = labels(&topo);
    topo.statements.iter().map(|s| s.id.clone()).zip(labels).collect()
}

/// The grounded labelling by statement position.
pub fn labels(topo: &Topology<'_>) -> Vec<Label> {
    let n = topo.len();
    let rels = &topo.relations;
    // Relations that take part: objections to statements (attacks) and undercuts of them.
    let attack = |r: usize| rels[r].relation.kind == RelationKind::Objection && rels[r].undercuts.is_none();
    let counts = |r: usize| attack(r) || rels[r].undercuts.is_some_and(attack);
    let mut by_premise: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut live = vec![0usize; n]; // attacks on each statement that have not failed yet
    let mut pending = vec![0usize; rels.len()]; // undercuts of each attack that have not failed yet
    for r in (0..rels.len()).filter(|&r| counts(r)) {
        for &p in &rels[r].premises {
            by_premise[p].push(r);
        }
        match rels[r].undercuts {
            None => live[rels[r].conclusion] += 1,
            Some(t) => pending[t] += 1,
        }
    }
    let mut label: Vec<Option<Label>> = vec![None; n];
    let mut ins = vec![0usize; rels.len()]; // premises of each relation that are in
    let mut failed = vec![false; rels.len()];
    let mut queue: Vec<usize> = Vec::new();
    for i in 0..n {
        if live[i] == 0 {
            label[i] = Some(Label::In);
            queue.push(i);
        }
    }
    // An attack fails: its target loses one live attack and may come in.
    let fail = |a: usize,
                failed: &mut [bool],
                live: &mut [usize],
                label: &mut [Option<Label>],
                queue: &mut Vec<usize>| {
        if !failed[a] {
            failed[a] = true;
            let t = rels[a].conclusion;
            live[t] -= 1;
            if live[t] == 0 && label[t].is_none() {
                label[t] = Some(Label::In);
                queue.push(t);
            }
        }
    };
    // An attack succeeds when all its premises are in and all its undercuts failed.
    let succeed = |a: usize,
                   ins: &[usize],
                   pending: &[usize],
                   failed: &[bool],
                   label: &mut [Option<Label>],
                   queue: &mut Vec<usize>| {
        let t = rels[a].conclusion;
        if !failed[a] && pending[a] == 0 && ins[a] == rels[a].premises.len() && label[t].is_none() {
            label[t] = Some(Label::Out);
            queue.push(t);
        }
    };
    while let Some(s) = queue.pop() {
        for &r in &by_premise[s] {
            match (label[s], rels[r].undercuts) {
                (Some(Label::In), None) => {
                    ins[r] += 1;
                    succeed(r, &ins, &pending, &failed, &mut label, &mut queue);
                }
                (Some(Label::In), Some(a)) => {
                    ins[r] += 1;
                    if ins[r] == rels[r].premises.len() {
                        fail(a, &mut failed, &mut live, &mut label, &mut queue); // disabled
                    }
                }
                (Some(Label::Out), None) => fail(r, &mut failed, &mut live, &mut label, &mut queue),
                (Some(Label::Out), Some(a)) if !failed[r] => {
                    failed[r] = true;
                    pending[a] -= 1;
                    succeed(a, &ins, &pending, &failed, &mut label, &mut queue);
                }
                _ => {}
            }
        }
    }
    label.into_iter().map(|l| l.unwrap_or(Label::Undecided)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, RelationId, Statement};
    use std::collections::HashMap;

    fn labels(ids: &[&str], attacks: &[(&[&str], &str)]) -> Vec<(String, Label)> {
        let map = ArgumentMap::from_parts(
            "t".into(),
            None,
            ids.iter().map(|id| Statement::new(*id, *id)).collect(),
            attacks
                .iter()
                .map(|(p, c)| {
                    Relation::new(RelationKind::Objection, p.iter().map(|&p| p.into()).collect(), (*c).into())
                })
                .collect(),
        )
        .unwrap();
        grounded(&map).into_iter().map(|(id, l)| (id.to_string(), l)).collect()
    }

    fn check(ids: &[&str], attacks: &[(&[&str], &str)], expected: &[Label]) {
        let got: Vec<Label> = labels(ids, attacks).into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, expected);
    }

    use Label::{In, Out, Undecided as Und};

    #[test]
    fn known_frameworks() {
        // A chain a -> b -> c: a and c in, b out.
        check(&["a", "b", "c"], &[(&["a"], "b"), (&["b"], "c")], &[In, Out, In]);
        // Mutual attack: both undecided.
        check(&["a", "b"], &[(&["a"], "b"), (&["b"], "a")], &[Und, Und]);
        // An odd cycle of three: all undecided.
        check(&["a", "b", "c"], &[(&["a"], "b"), (&["b"], "c"), (&["c"], "a")], &[Und, Und, Und]);
        // An unattacked attacker of a cycle member settles the cycle.
        check(&["x", "a", "b"], &[(&["x"], "a"), (&["a"], "b"), (&["b"], "a")], &[In, Out, In]);
        // Linked objection with one premise out fails; with both in it succeeds.
        check(&["p", "q", "t", "k"], &[(&["p", "q"], "t"), (&["k"], "q")], &[In, Out, In, In]);
        check(&["p", "q", "t"], &[(&["p", "q"], "t")], &[In, In, Out]);
        // Self-sustaining: an undecided attacker leaves its target undecided.
        check(&["a", "b", "c"], &[(&["a"], "b"), (&["b"], "a"), (&["b"], "c")], &[Und, Und, Und]);
    }

    #[test]
    fn undercuts_disable_what_they_target() {
        let objection = |p: &str, c: &str| Relation::single(RelationKind::Objection, p, c);
        let make = |ids: &[&str], relations: Vec<Relation>| {
            let statements = ids.iter().map(|id| Statement::new(*id, *id)).collect();
            let map = ArgumentMap::from_parts("t".into(), None, statements, relations).unwrap();
            grounded(&map).into_iter().map(|(_, l)| l).collect::<Vec<_>>()
        };
        // a objects to t; u undercuts that objection: the objection is disabled, t stands.
        assert_eq!(
            make(&["t", "a", "u"], vec![objection("a", "t"), Relation::undercut("u", RelationId(0))]),
            [In, In, In]
        );
        // The undercut is itself defeated by k: the objection works again, t falls.
        assert_eq!(
            make(
                &["t", "a", "u", "k"],
                vec![objection("a", "t"), Relation::undercut("u", RelationId(0)), objection("k", "u")]
            ),
            [Out, In, Out, In]
        );
        // An undecided undercut leaves the target undecided.
        assert_eq!(
            make(
                &["t", "a", "u", "v"],
                vec![
                    objection("a", "t"),
                    Relation::undercut("u", RelationId(0)),
                    objection("v", "u"),
                    objection("u", "v")
                ]
            ),
            [Und, In, Und, Und]
        );
        // Undercutting a support changes no label.
        assert_eq!(
            make(
                &["t", "r", "u"],
                vec![
                    Relation::single(RelationKind::Support, "r", "t"),
                    Relation::undercut("u", RelationId(0))
                ]
            ),
            [In, In, In]
        );
    }

    #[test]
    fn the_labelling_is_a_fixed_point_on_generated_maps() {
        for seed in 0..5 {
            let map = crate::synth::generate(2000, seed);
            let labels: HashMap<_, _> = grounded(&map).into_iter().collect();
            for s in map.statements() {
                let attackers: Vec<Vec<Label>> = map
                    .relations_to(&s.id)
                    .iter()
                    .filter_map(|&r| map.relation(r))
                    .filter(|r| r.kind == RelationKind::Objection)
                    .map(|r| r.premises.iter().map(|p| labels[p]).collect())
                    .collect();
                match labels[&s.id] {
                    Label::In => assert!(attackers.iter().all(|a| a.contains(&Label::Out)), "{}", s.id),
                    Label::Out => {
                        assert!(attackers.iter().any(|a| a.iter().all(|&l| l == Label::In)), "{}", s.id)
                    }
                    Label::Undecided => {
                        assert!(!attackers.iter().all(|a| a.contains(&Label::Out)));
                        assert!(!attackers.iter().any(|a| a.iter().all(|&l| l == Label::In)));
                    }
                }
            }
        }
    }
}
