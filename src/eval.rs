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
//! What-if marks change the starting point: a statement the user rejects is `out`, one accepted
//! as given is `in` (whatever objects to it), and the rest follows from them by the same rules.
//! A relation whose critical question the user doubts (and no statement answers yet) counts as
//! disabled by an undercut that stands: a doubted objection attacks nothing, a doubted undercut
//! disables nothing, a doubted reason adds nothing to the suggested verdict.
//!
//! Besides the formal labels, [`verdict`] suggests a Rationale-style verdict from the user's
//! ratings of reasons and objections ([`VERDICT_RULE`]), and [`explain`] says in words why a
//! statement has its label.
//!
//! Must not touch: egui, files.

use crate::edit::Reshape;
use crate::model::{ArgumentMap, Index, Mark, Rating, RelationKind, StatementId, Topology};
use serde::Serialize;

mod relabel;
pub use relabel::relabel;

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

/// The grounded labelling of every statement, in file order, with the map's what-if marks.
pub fn grounded(map: &ArgumentMap) -> Vec<(StatementId, Label)> {
    let topo = Topology::new(map);
    let labels = labels(&topo, &marks(map, &topo), &doubted(&topo));
    topo.statements.iter().map(|s| s.id.clone()).zip(labels).collect()
}

/// The map's what-if marks by statement position.
pub fn marks(map: &ArgumentMap, topo: &Topology<'_>) -> Vec<Option<Mark>> {
    if map.marks().is_empty() {
        return vec![None; topo.len()];
    }
    topo.statements.iter().map(|s| map.mark(&s.id)).collect()
}

/// Which relations, by position, the user doubts a critical question of that no statement
/// answers yet: each counts as disabled (see the module's words). Empty when none is (most maps).
pub fn doubted(topo: &Topology<'_>) -> Vec<bool> {
    if topo.relations.iter().all(|r| !r.doubted) {
        return Vec::new();
    }
    (0..topo.relations.len()).map(|r| is_doubted(topo, r)).collect()
}

/// Whether relation `r` (by position) has a doubted critical question still open.
fn is_doubted(topo: &Topology<'_>, r: usize) -> bool {
    let rel = &topo.relations[r];
    rel.doubted && !topo.map.open_doubts(rel.id).is_empty()
}

/// A map's evaluation by statement position: the grounded labels and the user's what-if marks
/// (what the scene draws as badges and the inspector explains), with the doubted relations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Grounded labels.
    pub labels: Vec<Label>,
    /// What-if marks.
    pub marks: Vec<Option<Mark>>,
    /// Doubted relations by position ([`doubted`]; empty: none).
    pub doubted: Vec<bool>,
}

impl Evaluation {
    /// The evaluation of a map.
    pub fn of(map: &ArgumentMap, topo: &Topology<'_>) -> Self {
        let marks = marks(map, topo);
        let doubted = doubted(topo);
        Self { labels: labels(topo, &marks, &doubted), marks, doubted }
    }

    /// The evaluation of a map whose statement at position `pending` (a new one whose text is
    /// still being typed) does not count yet: it is taken as out until it is kept, so an empty
    /// objection does not defeat anything.
    pub fn pending(map: &ArgumentMap, topo: &Topology<'_>, pending: Option<usize>) -> Self {
        let marks = marks(map, topo);
        let counted = counted(&marks, pending);
        let doubted = doubted(topo);
        Self { labels: labels(topo, &counted, &doubted), marks, doubted }
    }

    /// [`Evaluation::pending`] of a map that is `before` and at most one reshape on: only the
    /// statements downstream of what changed (the statement the added or removed relation argues
    /// about, the new statement, a statement whose what-if mark changed or that is no longer
    /// being typed) are labelled again ([`relabel`]). `None` when the change is not one it can
    /// follow (then make it afresh): another structure, doubted questions, a statement added
    /// anywhere but last or removed anywhere but last.
    pub fn following(
        map: &ArgumentMap,
        topo: &Topology<'_>,
        pending: Option<usize>,
        before: Before<'_>,
    ) -> Option<Self> {
        let (n, m) = (topo.len(), before.evaluation.labels.len());
        let doubted = doubted(topo);
        if !doubted.is_empty() || !before.evaluation.doubted.is_empty() || before.index.len() != m {
            return None;
        }
        let mut seeds = match before.reshape {
            None => (n == m && topo.index == *before.index).then(Vec::new)?,
            Some(Reshape::Added { statement, relation }) => {
                let s = topo.position(statement).filter(|&s| s + 1 == n && m + 1 == n)?;
                let r = topo
                    .relations
                    .last()
                    .filter(|r| r.id == *relation && topo.index.extends(before.index))?;
                vec![r.conclusion, s]
            }
            Some(Reshape::Removed { on, .. }) => {
                let on = topo.position(on.as_ref()?)?;
                (n + 1 == m && before.index.extends(&topo.index)).then(|| vec![on])?
            }
        };
        let marks = marks(map, topo);
        let counted_before = counted(&before.evaluation.marks, before.pending);
        let counted = counted(&marks, pending);
        let kept = n.min(m);
        seeds.extend((0..kept).filter(|&s| counted[s] != counted_before[s]));
        let labels = relabel(topo, &counted, &doubted, &before.evaluation.labels, &seeds);
        Some(Self { labels, marks, doubted })
    }

    /// The evaluation of a map as if it had no what-if marks and no doubts (what an export shows
    /// unless asked).
    pub fn without_marks(topo: &Topology<'_>) -> Self {
        let marks = vec![None; topo.len()];
        Self { labels: labels(topo, &marks, &[]), marks, doubted: Vec::new() }
    }
}

/// What an evaluation was made from, for [`Evaluation::following`]: the evaluation, the statement
/// being typed then (counted as out), the index of the map it was made for, and the reshape
/// since (`None`: the same statements and relations).
#[derive(Clone, Copy)]
pub struct Before<'a> {
    /// The evaluation.
    pub evaluation: &'a Evaluation,
    /// The statement being typed then, by position.
    pub pending: Option<usize>,
    /// The index of the map it was made for.
    pub index: &'a Index,
    /// The one structural edit since, if any.
    pub reshape: Option<&'a Reshape>,
}

/// The marks labelling counts: the user's, with the statement being typed out.
fn counted(marks: &[Option<Mark>], pending: Option<usize>) -> Vec<Option<Mark>> {
    let mut counted = marks.to_vec();
    if let Some(slot) = pending.and_then(|p| counted.get_mut(p)) {
        *slot = Some(Mark::Rejected);
    }
    counted
}

/// The grounded labelling by statement position, given what-if marks by position and the doubted
/// relations by position ([`doubted`]; shorter: the rest are not).
pub fn labels(topo: &Topology<'_>, marks: &[Option<Mark>], doubted: &[bool]) -> Vec<Label> {
    let n = topo.len();
    let rels = &topo.relations;
    let rules = Rules::new(topo, doubted);
    let mut live = vec![0usize; n]; // attacks on each statement that have not failed yet
    let mut pending = vec![0usize; rels.len()]; // undercuts of each attack that have not failed yet
    let taking: Vec<bool> = (0..rels.len()).map(|r| rules.counts(r)).collect();
    for r in (0..rels.len()).filter(|&r| taking[r]) {
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
        let start = match marks.get(i).copied().flatten() {
            Some(Mark::Accepted) => Some(Label::In),
            Some(Mark::Rejected) => Some(Label::Out),
            None => (live[i] == 0).then_some(Label::In),
        };
        if start.is_some() {
            label[i] = start;
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
        for r in topo.outgoing(s).filter(|&r| taking[r]) {
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

/// Which relations take part in labelling: objections to statements (attacks) and undercuts of
/// them; a doubted one is disabled from the start, so it takes no part.
#[derive(Clone, Copy)]
struct Rules<'t, 'a> {
    rels: &'t [crate::model::Rel<'a>],
    doubted: &'t [bool],
}

impl<'t, 'a> Rules<'t, 'a> {
    fn new(topo: &'t Topology<'a>, doubted: &'t [bool]) -> Self {
        Self { rels: &topo.relations, doubted }
    }

    /// Relation `r` is not doubted (by position; past the end of `doubted`: not).
    fn live(&self, r: usize) -> bool {
        !self.doubted.get(r).copied().unwrap_or(false)
    }

    /// Relation `r` is an objection to a statement that takes part.
    fn attack(&self, r: usize) -> bool {
        let rel = &self.rels[r];
        rel.kind == RelationKind::Objection && rel.undercuts.is_none() && self.live(r)
    }

    /// Relation `r` takes part: an attack, or an undercut of one that is not doubted.
    fn counts(&self, r: usize) -> bool {
        self.attack(r) || (self.live(r) && self.rels[r].undercuts.is_some_and(|t| self.attack(t)))
    }
}

/// How an attack (an objection to a statement) stands, given the labels.
#[derive(Clone, Debug, PartialEq)]
enum Attack {
    /// All premises in, every undercut failed: it defeats its target.
    Succeeds,
    /// A premise is out.
    PremiseOut(usize),
    /// An undercut whose premises are all in disables it.
    Disabled(usize),
    /// The user doubts one of its critical questions (what-if).
    Doubted,
    /// Neither yet: some premise or undercut is undecided.
    Open,
}

fn attack(topo: &Topology<'_>, labels: &[Label], r: usize) -> Attack {
    if is_doubted(topo, r) {
        return Attack::Doubted;
    }
    let rel = &topo.relations[r];
    if let Some(u) = standing_undercut(topo, labels, r) {
        return Attack::Disabled(u);
    }
    if let Some(&p) = rel.premises.iter().find(|&&p| labels[p] == Label::Out) {
        return Attack::PremiseOut(p);
    }
    let undercuts_failed = topo
        .undercuts(r)
        .iter()
        .all(|&u| is_doubted(topo, u) || topo.relations[u].premises.iter().any(|&p| labels[p] == Label::Out));
    let all_in = rel.premises.iter().all(|&p| labels[p] == Label::In);
    if all_in && undercuts_failed { Attack::Succeeds } else { Attack::Open }
}

/// An undercut of relation `r` (by position) that stands: its premises all in, not doubted.
fn standing_undercut(topo: &Topology<'_>, labels: &[Label], r: usize) -> Option<usize> {
    let stands = |u: usize| topo.relations[u].premises.iter().all(|&p| labels[p] == Label::In);
    topo.undercuts(r).iter().copied().find(|&u| !is_doubted(topo, u) && stands(u))
}

/// The attacks (objections, not undercuts) on statement `s`, as relation positions.
fn attacks_on<'t>(topo: &'t Topology<'_>, s: usize) -> impl Iterator<Item = usize> + 't {
    topo.incoming(s).iter().copied().filter(|&r| topo.relations[r].kind == RelationKind::Objection)
}

/// Statements named in a sentence by their first words: “A…”, “B…” and “C…”.
fn names(topo: &Topology<'_>, list: &[usize]) -> String {
    let named: Vec<String> =
        list.iter().map(|&p| crate::printable::named(&topo.statements[p].text)).collect();
    match named.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Why an `in` statement stands, in words (without the leading "in").
fn why_in(topo: &Topology<'_>, labels: &[Label], marks: &[Option<Mark>], s: usize) -> String {
    if marks.get(s).copied().flatten() == Some(Mark::Accepted) {
        return "you accept it as given (what-if)".into();
    }
    let attacks: Vec<usize> = attacks_on(topo, s).collect();
    let fails = |r: usize| match attack(topo, labels, r) {
        Attack::PremiseOut(p) => names(topo, &[p]) + " is out",
        Attack::Disabled(u) => {
            format!("the undercut by {} disables it", names(topo, &topo.relations[u].premises))
        }
        Attack::Doubted => "you doubt one of its critical questions (what-if)".into(),
        _ => "it fails".into(),
    };
    match attacks.as_slice() {
        [] => "nothing objects to it".into(),
        [r] => {
            let by = names(topo, &topo.relations[*r].premises);
            match attack(topo, labels, *r) {
                Attack::PremiseOut(p) if topo.relations[*r].premises[..] == [p] => {
                    format!("its only objection {by} is out")
                }
                _ => format!("its only objection, {by}, fails: {}", fails(*r)),
            }
        }
        many => {
            let reasons: Vec<String> = many.iter().map(|&r| fails(r)).collect();
            format!("all {} objections to it fail ({})", many.len(), reasons.join("; "))
        }
    }
}

/// Why statement `s` has its label, in words, such as "out: defeated by “Direct support for the
/// new government…”, which stands because nothing objects to it". Statements are named by their
/// first words.
pub fn explain(topo: &Topology<'_>, labels: &[Label], marks: &[Option<Mark>], s: usize) -> String {
    match (labels[s], marks.get(s).copied().flatten()) {
        (_, Some(Mark::Rejected)) => "out: you rejected it (what-if).".into(),
        (Label::In, _) => format!("in: {}.", why_in(topo, labels, marks, s)),
        (Label::Out, _) => {
            let Some(r) = attacks_on(topo, s).find(|&r| attack(topo, labels, r) == Attack::Succeeds) else {
                return "out.".into();
            };
            let premises = &topo.relations[r].premises;
            let because: Vec<String> = premises.iter().map(|&p| why_in(topo, labels, marks, p)).collect();
            match premises.as_slice() {
                [p] => {
                    format!("out: defeated by {}, which stands because {}.", names(topo, &[*p]), because[0])
                }
                _ => format!(
                    "out: defeated by {} together, which all stand ({}).",
                    names(topo, premises),
                    premises
                        .iter()
                        .zip(&because)
                        .map(|(&p, b)| format!("{}: {b}", names(topo, &[p])))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            }
        }
        (Label::Undecided, _) => {
            let open: Vec<usize> = attacks_on(topo, s)
                .filter(|&r| attack(topo, labels, r) == Attack::Open)
                .flat_map(|r| topo.relations[r].premises.iter().copied())
                .filter(|&p| labels[p] == Label::Undecided)
                .collect();
            if open.is_empty() {
                "undecided: an undercut of an objection to it is itself undecided.".into()
            } else {
                format!(
                    "undecided: {} object{} to it and {} itself undecided (a cycle of objections has no winner).",
                    names(topo, &open),
                    if open.len() == 1 { "s" } else { "" },
                    if open.len() == 1 { "is" } else { "are" }
                )
            }
        }
    }
}

/// Where statement `s` stands, in one line a newcomer reads right, with what to do about it:
/// "Defeated for now: 2 objections to it stand unanswered; answer them (−) or reject them (R)."
pub fn summary(topo: &Topology<'_>, labels: &[Label], marks: &[Option<Mark>], s: usize) -> String {
    let objections = attacks_on(topo, s).count();
    match (labels.get(s), marks.get(s).copied().flatten()) {
        (_, Some(Mark::Rejected)) => "You rejected it (what-if): it counts as out. R clears the mark.".into(),
        (_, Some(Mark::Accepted)) => {
            "You accept it as given (what-if): it counts as in. G clears the mark.".into()
        }
        (Some(Label::In), _) if objections == 0 => "Stands: nothing objects to it.".into(),
        (Some(Label::In), _) => format!(
            "Stands: {} to it {} answered.",
            count(objections, "the objection", "all {} objections"),
            if objections == 1 { "is" } else { "are" }
        ),
        (Some(Label::Out), _) => {
            let open = attacks_on(topo, s).filter(|&r| attack(topo, labels, r) == Attack::Succeeds).count();
            if open == 0 {
                return "Out.".into(); // only a what-if mark makes a statement out without one
            }
            let (them, stand) = if open == 1 { ("it", "stands") } else { ("them", "stand") };
            format!(
                "Defeated for now: {} to it {stand} unanswered; answer {them} (−) or reject {them} (R).",
                count(open, "1 objection", "{} objections")
            )
        }
        (Some(Label::Undecided), _) => {
            "Undecided: it is caught in a cycle of objections that has no winner.".into()
        }
        (None, _) => String::new(),
    }
}

/// `one` when `n` is 1, else `many` with `{}` replaced by `n`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { one.to_owned() } else { many.replace("{}", &n.to_string()) }
}

/// Whether the argument statement `s` starts (its first relation) is disabled by a standing
/// undercut, in words; `None` when it is not.
pub fn disabled_argument(topo: &Topology<'_>, labels: &[Label], s: usize) -> Option<String> {
    let r = topo.first_from[s]?;
    let rel = &topo.relations[r];
    let what = match rel.kind {
        RelationKind::Support => "its support for",
        RelationKind::Objection => "its objection to",
    };
    let to = names(topo, &[rel.conclusion]);
    if is_doubted(topo, r) {
        return Some(format!(
            "The argument it belongs to is disabled: you doubt one of its critical questions (what-if), so {what} {to} does not count."
        ));
    }
    let u = standing_undercut(topo, labels, r)?;
    let by = names(topo, &topo.relations[u].premises);
    Some(format!(
        "The argument it belongs to is disabled: {by} undercuts it and stands, so {what} {to} does not count."
    ))
}

/// The rule of [`verdict`], as the help shows it.
pub const VERDICT_RULE: &str = "Suggested verdict, from your ratings: a reason or objection counts only while it is in \
effect (all its premises are in, no standing undercut disables it and you doubt none of its critical questions). Each counts 2 when rated strong, 1 when \
weak or not rated, 0 when rated none. Reasons add, objections subtract: a positive total suggests accept, a \
negative one reject, zero undecided.";

/// A suggested verdict on a statement with reasons or objections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The reasons in effect outweigh the objections.
    Accept,
    /// The objections in effect outweigh the reasons.
    Reject,
    /// They balance, or nothing is in effect.
    Undecided,
}

impl Verdict {
    /// `"accept"`, `"reject"` or `"undecided"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Reject => "reject",
            Self::Undecided => "undecided",
        }
    }
}

/// The suggested verdict on statement `s` by [`VERDICT_RULE`], with its total; `None` for a
/// statement without reasons or objections.
pub fn verdict(topo: &Topology<'_>, labels: &[Label], s: usize) -> Option<(Verdict, i32)> {
    let incoming = topo.incoming(s);
    if incoming.is_empty() {
        return None;
    }
    let mut total = 0i32;
    for &r in incoming {
        let rel = &topo.relations[r];
        let all_in = rel.premises.iter().all(|&p| labels[p] == Label::In);
        let disabled = is_doubted(topo, r) || standing_undercut(topo, labels, r).is_some();
        if !all_in || disabled {
            continue;
        }
        let weight = match rel.relation.rating {
            Some(Rating::Strong) => 2,
            Some(Rating::Weak) | None => 1,
            Some(Rating::Nil) => 0,
        };
        total += if rel.kind == RelationKind::Support { weight } else { -weight };
    }
    let v = match total.signum() {
        1 => Verdict::Accept,
        -1 => Verdict::Reject,
        _ => Verdict::Undecided,
    };
    Some((v, total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, RelationId, Statement};
    use std::collections::HashMap;

    fn labels_of(ids: &[&str], attacks: &[(&[&str], &str)]) -> Vec<(String, Label)> {
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
        let got: Vec<Label> = labels_of(ids, attacks).into_iter().map(|(_, l)| l).collect();
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

    fn minusma() -> ArgumentMap {
        crate::io::load_str(crate::MINUSMA_RON, "m").unwrap()
    }

    /// Labels and explanations of a map, by id.
    fn explained(map: &ArgumentMap) -> HashMap<String, (Label, String)> {
        let topo = Topology::new(map);
        let marks = marks(map, &topo);
        let labels = labels(&topo, &marks, &doubted(&topo));
        (0..topo.len())
            .map(|s| (topo.statements[s].id.to_string(), (labels[s], explain(&topo, &labels, &marks, s))))
            .collect()
    }

    #[test]
    fn the_minusma_map_checked_by_hand() {
        let e = explained(&minusma());
        // The rebuttal R7 is unattacked, so O7 falls, so nothing defeats the S2 argument's inference
        // (undercuts do not change labels of statements).
        assert_eq!(e["no-own-counter-terrorism"], (In, "in: nothing objects to it.".to_owned()));
        assert_eq!(
            e["enables-counter-terrorism"],
            (
                Out,
                "out: defeated by \u{201c}MINUSMA does not itself conduct counter-terrorism operations\u{201d}, \
                 which stands because nothing objects to it."
                    .into()
            )
        );
        // The claim: five unanswered objections stand, so it is out.
        assert_eq!(e["cooperate-with-transition"].0, Out);
        assert!(
            e["cooperate-with-transition"]
                .1
                .starts_with("out: defeated by \u{201c}Direct support for the new government could undermine\u{2026}\u{201d}, which stands because nothing objects to it.")
        );
        // Reasons with unanswered objections fall; the others stand.
        assert_eq!(e["civilian-leaders"].0, Out);
        assert_eq!(e["authorities-willing"].0, Out);
        for id in [
            "host-state-consent",
            "mandate-state-authority",
            "cooperation-with-forces",
            "pragmatic-short-term",
            "win-favour",
        ] {
            assert_eq!(e[id], (In, "in: nothing objects to it.".into()), "{id}");
        }
        let outs: Vec<&str> = {
            let mut v: Vec<&str> =
                e.iter().filter(|(_, (l, _))| *l == Out).map(|(id, _)| id.as_str()).collect();
            v.sort();
            v
        };
        assert_eq!(
            outs,
            [
                "authorities-willing",
                "civilian-leaders",
                "cooperate-with-transition",
                "enables-counter-terrorism"
            ]
        );
    }

    #[test]
    fn what_if_marks_change_the_picture_and_explain_themselves() {
        let mut map = minusma();
        // Reject the rebuttal: the counter-terrorism objection comes back (it undercuts S2, which
        // still changes no statement's label).
        crate::edit::apply(
            &mut map,
            crate::edit::Edit::SetMark { id: "no-own-counter-terrorism".into(), mark: Some(Mark::Rejected) },
        )
        .unwrap();
        let e = explained(&map);
        assert_eq!(e["no-own-counter-terrorism"], (Out, "out: you rejected it (what-if).".into()));
        assert_eq!(
            e["enables-counter-terrorism"],
            (In, "in: its only objection \u{201c}MINUSMA does not itself conduct counter-terrorism operations\u{201d} is out.".into())
        );
        // Reject every objection to the claim and accept the vice-president objection as given.
        for id in [
            "honest-broker",
            "civilian-protection",
            "rights-advocacy",
            "precedent",
            "security-first-critique",
        ] {
            crate::edit::apply(
                &mut map,
                crate::edit::Edit::SetMark { id: id.into(), mark: Some(Mark::Rejected) },
            )
            .unwrap();
        }
        let e = explained(&map);
        assert_eq!(e["cooperate-with-transition"].0, In);
        assert!(
            e["cooperate-with-transition"]
                .1
                .starts_with("in: all 5 objections to it fail (\u{201c}Direct support for the new government could undermine\u{2026}\u{201d} is out;"),
            "{}",
            e["cooperate-with-transition"].1
        );
        crate::edit::apply(
            &mut map,
            crate::edit::Edit::SetMark { id: "civilian-leaders".into(), mark: Some(Mark::Accepted) },
        )
        .unwrap();
        let e = explained(&map);
        assert_eq!(e["civilian-leaders"], (In, "in: you accept it as given (what-if).".into()));
        // Clearing all marks is one edit, and restores the plain labels.
        let clear = crate::edit::clear_marks(&map).unwrap();
        crate::edit::apply(&mut map, clear).unwrap();
        assert!(map.marks().is_empty());
        assert_eq!(explained(&map), explained(&minusma()));
    }

    #[test]
    fn explanations_of_cycles_linked_objections_and_undercuts() {
        let objection = |p: &[&str], c: &str| {
            Relation::new(RelationKind::Objection, p.iter().map(|&p| p.into()).collect(), c.into())
        };
        let make = |ids: &[&str], relations: Vec<Relation>| {
            let statements = ids.iter().map(|id| Statement::new(*id, *id)).collect();
            ArgumentMap::from_parts("t".into(), None, statements, relations).unwrap()
        };
        let e = explained(&make(&["a", "b"], vec![objection(&["a"], "b"), objection(&["b"], "a")]));
        assert_eq!(
            e["a"].1,
            "undecided: \u{201c}b\u{201d} objects to it and is itself undecided (a cycle of objections has no winner)."
        );
        let e = explained(&make(&["t", "p", "q"], vec![objection(&["p", "q"], "t")]));
        assert_eq!(
            e["t"].1,
            "out: defeated by \u{201c}p\u{201d} and \u{201c}q\u{201d} together, which all stand (\u{201c}p\u{201d}: nothing objects to it; \u{201c}q\u{201d}: nothing objects to it)."
        );
        let e = explained(&make(
            &["t", "a", "u"],
            vec![objection(&["a"], "t"), Relation::undercut("u", RelationId(0))],
        ));
        assert_eq!(
            e["t"].1,
            "in: its only objection, \u{201c}a\u{201d}, fails: the undercut by \u{201c}u\u{201d} disables it."
        );
        // The argument an undercut disables, said with the verb of its relation.
        let map =
            make(&["t", "a", "u"], vec![objection(&["a"], "t"), Relation::undercut("u", RelationId(0))]);
        let topo = Topology::new(&map);
        let labels = labels(&topo, &marks(&map, &topo), &doubted(&topo));
        let said = disabled_argument(&topo, &labels, topo.position("a").unwrap()).unwrap();
        assert_eq!(
            said,
            "The argument it belongs to is disabled: \u{201c}u\u{201d} undercuts it and stands, so its objection to \u{201c}t\u{201d} does not count."
        );
    }

    #[test]
    fn verdicts_follow_the_ratings_of_what_is_in_effect() {
        let mut map = minusma();
        let topo = Topology::new(&map);
        let root = topo.position("cooperate-with-transition").unwrap();
        let labels = labels(&topo, &marks(&map, &topo), &doubted(&topo));
        // Unrated, each counts 1: the reasons in effect (host-state consent, pragmatic, win-favour;
        // S2 is disabled by its standing undercut, two reasons are out) against five objections.
        assert_eq!(in_effect_support(&topo, &labels, root), 3);
        assert_eq!(verdict(&topo, &labels, root), Some((Verdict::Reject, 3 - 5)));
        drop(topo);
        // Rate every objection to the claim strong: the verdict turns to reject.
        for (id, r) in map.relations().map(|(id, r)| (id, r.clone())).collect::<Vec<_>>() {
            if r.conclusion.is("cooperate-with-transition") && r.kind == RelationKind::Objection {
                crate::edit::apply(
                    &mut map,
                    crate::edit::Edit::SetRating { id, rating: Some(Rating::Strong) },
                )
                .unwrap();
            }
        }
        let topo = Topology::new(&map);
        let labels = super::labels(&topo, &marks(&map, &topo), &doubted(&topo));
        let (v, total) = verdict(&topo, &labels, root).unwrap();
        assert_eq!((v, total), (Verdict::Reject, in_effect_support(&topo, &labels, root) - 2 * 5));
        assert_eq!(
            verdict(&topo, &labels, topo.position("no-own-counter-terrorism").unwrap()),
            None,
            "no reasons or objections"
        );
    }

    fn in_effect_support(topo: &Topology<'_>, labels: &[Label], s: usize) -> i32 {
        topo.incoming(s)
            .iter()
            .filter(|&&r| topo.relations[r].kind == RelationKind::Support)
            .filter(|&&r| topo.relations[r].premises.iter().all(|&p| labels[p] == Label::In))
            .filter(|&&r| {
                !topo
                    .undercuts(r)
                    .iter()
                    .any(|&u| topo.relations[u].premises.iter().all(|&p| labels[p] == Label::In))
            })
            .count() as i32
    }

    /// Adds `n` undercuts of relations `rng` picks.
    fn undercut_at_random(map: &mut ArgumentMap, rng: &mut crate::synth::Rng, n: usize) {
        for k in 0..n {
            let relations: Vec<_> =
                map.relations().filter(|(_, r)| !r.is_undercut()).map(|(id, _)| id).collect();
            let target = relations[rng.below(relations.len())];
            let (edit, _) = crate::edit::add_undercut(map, target, &format!("undercut {k}")).unwrap();
            crate::edit::apply(map, edit).unwrap();
        }
    }

    /// Names a scheme on `n` random relations and doubts one of its questions (what-if).
    fn doubt_at_random(map: &mut ArgumentMap, rng: &mut crate::synth::Rng, n: usize) {
        use crate::edit::{Edit, apply};
        let relations: Vec<_> = map.relations().map(|(id, _)| id).collect();
        for _ in 0..n {
            let id = relations[rng.below(relations.len())];
            apply(map, Edit::SetScheme { id, scheme: Some("expert-opinion".into()) }).unwrap();
            apply(map, Edit::SetDoubted { id, doubted: vec![rng.below(6)] }).unwrap();
        }
    }

    /// What the module promises: a doubted critical question counts as an undercut that stands.
    /// The labels with doubts equal those of the same map where each doubted argument is
    /// undercut by a new statement nothing objects to (and each doubted undercut, which nothing
    /// may undercut, is left out: disabled, it disables nothing).
    #[test]
    fn issue36_a_doubted_question_counts_as_an_undercut_that_stands() {
        use crate::edit::{Edit, add_undercut, apply};
        for seed in 0..6 {
            let mut map = crate::synth::generate(600, seed);
            let mut rng = crate::synth::Rng(seed + 31);
            undercut_at_random(&mut map, &mut rng, 60);
            doubt_at_random(&mut map, &mut rng, 40);
            let with_doubts = grounded(&map);
            let mut undercut = map.clone();
            let doubted: Vec<_> =
                map.relations().filter(|(_, r)| !r.doubted.is_empty()).map(|(id, _)| id).collect();
            for (k, &id) in doubted.iter().enumerate() {
                apply(&mut undercut, Edit::SetDoubted { id, doubted: Vec::new() }).unwrap();
                if map.relation(id).is_some_and(|r| r.is_undercut()) {
                    apply(&mut undercut, Edit::RemoveRelation { id }).unwrap();
                } else {
                    let (edit, _) = add_undercut(&undercut, id, &format!("doubt {k}")).unwrap();
                    apply(&mut undercut, edit).unwrap();
                }
            }
            let as_undercut: HashMap<StatementId, Label> = grounded(&undercut).into_iter().collect();
            let changed = with_doubts.iter().filter(|(id, l)| as_undercut[id] != *l).count();
            assert_eq!(changed, 0, "seed {seed}: {} doubted", doubted.len());
            // And the doubts matter: without them some label differs.
            let mut plain = map.clone();
            for &id in &doubted {
                apply(&mut plain, Edit::SetDoubted { id, doubted: Vec::new() }).unwrap();
            }
            assert_ne!(grounded(&plain), with_doubts, "seed {seed}");
        }
    }

    #[test]
    fn issue36_an_answered_question_is_no_longer_a_doubt_and_the_words_say_so() {
        use crate::edit::{Edit, apply};
        let objection = |p: &str, c: &str| Relation::single(RelationKind::Objection, p, c);
        let statements = ["t", "a"].iter().map(|id| Statement::new(*id, *id)).collect();
        let mut map =
            ArgumentMap::from_parts("t".into(), None, statements, vec![objection("a", "t")]).unwrap();
        let id = map.relations().next().unwrap().0;
        assert_eq!(grounded(&map)[0].1, Label::Out, "the objection stands");
        apply(&mut map, Edit::SetScheme { id, scheme: Some("expert-opinion".into()) }).unwrap();
        apply(&mut map, Edit::SetDoubted { id, doubted: vec![1] }).unwrap();
        assert_eq!(grounded(&map)[0].1, Label::In, "doubted, the objection attacks nothing");
        let topo = Topology::new(&map);
        let e = Evaluation::of(&map, &topo);
        assert_eq!(e.doubted, [true]);
        let why = explain(&topo, &e.labels, &e.marks, 0);
        assert!(why.contains("you doubt one of its critical questions (what-if)"), "{why}");
        let disabled = disabled_argument(&topo, &e.labels, 1).unwrap();
        assert!(disabled.contains("you doubt one of its critical questions"), "{disabled}");
        assert_eq!(
            Evaluation::without_marks(&topo).labels[0],
            Label::Out,
            "exports ignore what-ifs unless asked"
        );
        // A statement answering that question takes the doubt's place (here it is itself out).
        let (edit, u) = crate::edit::add_undercut(&map, id, "u").unwrap();
        apply(&mut map, edit).unwrap();
        apply(&mut map, Edit::SetMark { id: u.clone(), mark: Some(Mark::Rejected) }).unwrap();
        let answer = crate::model::Answer { relation: id, question: 1 };
        apply(&mut map, Edit::SetAnswers { id: u, answers: Some(answer) }).unwrap();
        assert_eq!(grounded(&map)[0].1, Label::Out, "the rejected answer no longer disables it");
        assert!(doubted(&Topology::new(&map)).is_empty() || !doubted(&Topology::new(&map))[0]);
    }

    #[test]
    fn the_labelling_is_a_fixed_point_on_generated_maps() {
        use crate::synth::Rng;
        for seed in 0..6 {
            let mut map = crate::synth::generate(1500, seed);
            // Add undercuts of random relations and a few what-if marks.
            let mut rng = Rng(seed + 100);
            undercut_at_random(&mut map, &mut rng, 120);
            let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
            for _ in 0..10 {
                let id = ids[rng.below(ids.len())].clone();
                let mark = if rng.below(2) == 0 { Mark::Rejected } else { Mark::Accepted };
                crate::edit::apply(&mut map, crate::edit::Edit::SetMark { id, mark: Some(mark) }).unwrap();
            }
            let labels: HashMap<_, _> = grounded(&map).into_iter().collect();
            let all_in = |r: &crate::model::Relation| r.premises.iter().all(|p| labels[p] == Label::In);
            let some_out = |r: &crate::model::Relation| r.premises.iter().any(|p| labels[p] == Label::Out);
            for s in map.statements() {
                // Each attack on it: does it succeed (all premises in, every undercut failed) or
                // fail (a premise out, or an undercut with all premises in)?
                let attacks: Vec<(bool, bool)> = map
                    .relations_to(&s.id)
                    .iter()
                    .filter_map(|&r| Some((r, map.relation(r)?)))
                    .filter(|(_, r)| r.kind == RelationKind::Objection)
                    .map(|(id, r)| {
                        let undercuts: Vec<_> =
                            map.undercuts_of(id).iter().filter_map(|&u| map.relation(u)).collect();
                        let succeeds = all_in(r) && undercuts.iter().all(|u| some_out(u));
                        let fails = some_out(r) || undercuts.iter().any(|u| all_in(u));
                        (succeeds, fails)
                    })
                    .collect();
                let label = labels[&s.id];
                match map.mark(&s.id) {
                    Some(Mark::Rejected) => assert_eq!(label, Label::Out),
                    Some(Mark::Accepted) => assert_eq!(label, Label::In),
                    None => match label {
                        Label::In => assert!(attacks.iter().all(|a| a.1), "{}", s.id),
                        Label::Out => assert!(attacks.iter().any(|a| a.0), "{}", s.id),
                        Label::Undecided => {
                            assert!(!attacks.iter().all(|a| a.1), "{}", s.id);
                            assert!(!attacks.iter().any(|a| a.0), "{}", s.id);
                        }
                    },
                }
            }
            assert!(labels.values().any(|l| *l == Label::Undecided), "generated maps have cycles");
        }
    }

    /// The grounded labelling the slow, obvious way (issue 14): start from nothing labelled
    /// (what-if marks aside), then label a statement in once every attack on it fails and out
    /// once one succeeds, over and over until nothing changes. What this reaches is the least
    /// fixed point by construction, so a labelling that settled a cycle one way would differ.
    /// A doubted relation (`doubted`) counts as disabled: an attack that fails, an undercut
    /// that fails.
    fn naive(topo: &Topology<'_>, marks: &[Option<Mark>], doubted: &[bool]) -> Vec<Label> {
        let d = |r: usize| doubted.get(r).copied().unwrap_or(false);
        let n = topo.len();
        let mut label: Vec<Option<Label>> = (0..n)
            .map(|i| match marks[i] {
                Some(Mark::Accepted) => Some(Label::In),
                Some(Mark::Rejected) => Some(Label::Out),
                None => None,
            })
            .collect();
        let all_in = |l: &[Option<Label>], r: usize| {
            topo.relations[r].premises.iter().all(|&p| l[p] == Some(Label::In))
        };
        let some_out = |l: &[Option<Label>], r: usize| {
            topo.relations[r].premises.iter().any(|&p| l[p] == Some(Label::Out))
        };
        loop {
            let mut changed = false;
            for s in 0..n {
                if label[s].is_some() {
                    continue;
                }
                let attacks: Vec<usize> = topo
                    .incoming(s)
                    .iter()
                    .copied()
                    .filter(|&r| topo.relations[r].kind == RelationKind::Objection)
                    .collect();
                let succeeds = |r: usize| {
                    !d(r)
                        && all_in(&label, r)
                        && topo.undercuts(r).iter().all(|&u| d(u) || some_out(&label, u))
                };
                let fails = |r: usize| {
                    d(r) || some_out(&label, r)
                        || topo.undercuts(r).iter().any(|&u| !d(u) && all_in(&label, u))
                };
                let next = if attacks.iter().any(|&r| succeeds(r)) {
                    Some(Label::Out)
                } else if attacks.iter().all(|&r| fails(r)) {
                    Some(Label::In)
                } else {
                    None
                };
                if next.is_some() {
                    label[s] = next;
                    changed = true;
                }
            }
            if !changed {
                return label.into_iter().map(|l| l.unwrap_or(Label::Undecided)).collect();
            }
        }
    }

    #[test]
    fn issue14_the_labelling_is_the_least_fixed_point_a_naive_iteration_reaches() {
        use crate::synth::Rng;
        for seed in 0..8 {
            let mut map = crate::synth::generate(400, seed);
            let mut rng = Rng(seed + 7);
            undercut_at_random(&mut map, &mut rng, 40);
            // Even cycles (a objects to b, b to a): grounded semantics leaves both undecided.
            let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
            for _ in 0..30 {
                let (a, b) = (ids[rng.below(ids.len())].clone(), ids[rng.below(ids.len())].clone());
                if a != b {
                    for (p, c) in [(&a, &b), (&b, &a)] {
                        let r = Relation::single(RelationKind::Objection, p.as_str(), c.as_str());
                        let id = map.next_relation_id();
                        crate::edit::apply(&mut map, crate::edit::Edit::AddRelation { id, relation: r })
                            .unwrap();
                    }
                }
            }
            for _ in 0..6 {
                let id = ids[rng.below(ids.len())].clone();
                let mark = if rng.below(2) == 0 { Mark::Rejected } else { Mark::Accepted };
                crate::edit::apply(&mut map, crate::edit::Edit::SetMark { id, mark: Some(mark) }).unwrap();
            }
            doubt_at_random(&mut map, &mut rng, 12);
            let topo = Topology::new(&map);
            let m = marks(&map, &topo);
            let d = doubted(&topo);
            assert!(d.iter().any(|&x| x), "seed {seed}: some relations are doubted");
            let fast = labels(&topo, &m, &d);
            assert_eq!(fast, naive(&topo, &m, &d), "seed {seed}");
            assert!(fast.contains(&Label::Undecided) && fast.contains(&Label::Out), "seed {seed}");
        }
    }
}
