//! Small random maps for property tests, compiled only under `#[cfg(test)]`.

use super::{ArgumentMap, Relation, RelationId, RelationKind, Statement, Target};
use proptest::prelude::*;

/// A map of `n` statements `s0`, `s1`, ... with the relations given as (objection?, premises,
/// conclusion) by number (a premise named twice, or the conclusion, is left out; a relation left
/// with none is dropped) and undercuts as (premise, relation undercut, taken modulo the
/// relations kept): always a valid map.
pub fn map_of(
    n: usize,
    relations: &[(bool, Vec<usize>, usize)],
    undercuts: &[(usize, usize)],
) -> ArgumentMap {
    let statements = (0..n).map(|i| Statement::new(format!("s{i}"), format!("Statement {i}."))).collect();
    let kind = |objection: bool| if objection { RelationKind::Objection } else { RelationKind::Support };
    let plain: Vec<Relation> = relations
        .iter()
        .filter_map(|(objection, premises, c)| {
            let mut premises: Vec<usize> = premises.iter().copied().filter(|p| p != c).collect();
            premises.sort_unstable();
            premises.dedup();
            let premises = premises.iter().map(|p| format!("s{p}").into()).collect::<Vec<_>>();
            (!premises.is_empty())
                .then(|| Relation::new(kind(*objection), premises, format!("s{c}").as_str().into()))
        })
        .collect();
    let cuts = undercuts.iter().filter(|_| !plain.is_empty()).map(|&(p, t)| {
        let target = Target::Relation(RelationId((t % plain.len()) as u64));
        Relation::new(RelationKind::Objection, vec![format!("s{p}").into()], target)
    });
    let all: Vec<Relation> = plain.iter().cloned().chain(cuts).collect();
    ArgumentMap::from_parts("t".into(), None, statements, all).unwrap_or_else(|e| panic!("a map: {e}"))
}

/// Random maps of `statements` statements (cycles, co-premises, undercuts): up to `relations`
/// relations, up to `undercuts` undercuts.
pub fn maps(
    statements: std::ops::Range<usize>,
    relations: std::ops::Range<usize>,
    undercuts: std::ops::Range<usize>,
) -> impl Strategy<Value = ArgumentMap> {
    statements.prop_flat_map(move |n| {
        let relation = (any::<bool>(), proptest::collection::vec(0..n, 1..4), 0..n);
        let relations = proptest::collection::vec(relation, relations.clone());
        let undercuts = proptest::collection::vec((0..n, any::<usize>()), undercuts.clone());
        (Just(n), relations, undercuts).prop_map(|(n, r, u)| map_of(n, &r, &u))
    })
}
