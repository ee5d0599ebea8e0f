//! Which statements stand: the grounded labelling of a map.
//!
//! Objections attack: an objection relation lets its premises, jointly, attack its conclusion
//! (a set attack, as in argumentation frameworks with sets of attacking arguments, SETAF; with a
//! single premise it is Dung's attack). A statement is `in` when every attack on it has a premise
//! that is `out`; `out` when some attack on it has all its premises `in`; `undecided` otherwise.
//! Supports do not change acceptability here.
//!
//! The labelling is the least fixed point, computed with a worklist in time linear in the size of
//! the map; cycles of objections come out `undecided`, never a hang.
//!
//! Must not touch: egui, files.

use crate::model::{ArgumentMap, RelationKind};
use serde::Serialize;
use std::collections::HashMap;

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
pub fn grounded(map: &ArgumentMap) -> Vec<(crate::model::StatementId, Label)> {
    let ids: Vec<_> = map.statements().map(|s| s.id.clone()).collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    // Attacks: premises (indices) and target (index).
    let attacks: Vec<(Vec<usize>, usize)> = map
        .relations()
        .filter(|(_, r)| r.kind == RelationKind::Objection)
        .filter_map(|(_, r)| {
            let premises =
                r.premises.iter().map(|p| index.get(p.as_str()).copied()).collect::<Option<Vec<_>>>()?;
            Some((premises, *index.get(r.conclusion.as_str())?))
        })
        .collect();
    let n = ids.len();
    let mut attacks_by_premise: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut live = vec![0usize; n]; // attacks on each statement not yet defeated
    for (a, (premises, target)) in attacks.iter().enumerate() {
        for &p in premises {
            attacks_by_premise[p].push(a);
        }
        live[*target] += 1;
    }
    let mut label: Vec<Option<Label>> = vec![None; n];
    let mut ins = vec![0usize; attacks.len()]; // premises of each attack that are in
    let mut defeated = vec![false; attacks.len()];
    let mut queue: Vec<usize> = Vec::new();
    for i in 0..n {
        if live[i] == 0 {
            label[i] = Some(Label::In);
            queue.push(i);
        }
    }
    while let Some(s) = queue.pop() {
        match label[s] {
            Some(Label::In) => {
                for &a in &attacks_by_premise[s] {
                    ins[a] += 1;
                    let (premises, target) = &attacks[a];
                    if ins[a] == premises.len() && label[*target].is_none() {
                        label[*target] = Some(Label::Out);
                        queue.push(*target);
                    }
                }
            }
            Some(Label::Out) => {
                for &a in &attacks_by_premise[s] {
                    if !defeated[a] {
                        defeated[a] = true;
                        let target = attacks[a].1;
                        live[target] -= 1;
                        if live[target] == 0 && label[target].is_none() {
                            label[target] = Some(Label::In);
                            queue.push(target);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    ids.into_iter().zip(label.into_iter().map(|l| l.unwrap_or(Label::Undecided))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, Statement};

    fn labels(ids: &[&str], attacks: &[(&[&str], &str)]) -> Vec<(String, Label)> {
        let map = ArgumentMap::from_parts(
            "t".into(),
            None,
            ids.iter().map(|id| Statement::new(*id, *id)).collect(),
            attacks
                .iter()
                .map(|(p, c)| Relation {
                    kind: RelationKind::Objection,
                    premises: p.iter().map(|&p| p.into()).collect(),
                    conclusion: (*c).into(),
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
