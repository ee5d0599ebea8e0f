//! What changed between two versions of a map, by id: statements added, removed, reworded,
//! moved; relations added, removed, flipped, re-premised, rated; marks, groups, conflicts; and
//! what that did to the evaluation.

use crate::eval::{self, Label};
use crate::model::match_relations;
use crate::model::{ArgumentMap, Mark, Rel, Relation, Role, StatementId, Target, Topology, pair_statements};
use crate::printable::escaped;
use serde::Serialize;

/// Everything that changed from one version to another, in the new version's order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    /// The changes, statements first, then relations, then the rest.
    pub changes: Vec<Change>,
    /// The statements (in both versions) whose evaluation label changed.
    pub evaluation: Vec<EvalChange>,
}

/// One change. Statements are named by id; relations by what they join.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
#[allow(missing_docs)] // the fields say what they hold: the statement's id, the old and new values
pub enum Change {
    /// The map's title.
    Title { old: String, new: String },
    /// A statement only the new version has (with the statement it hangs under, if any).
    Added { id: StatementId, role: String, text: String, under: Option<StatementId> },
    /// A statement only the old version has.
    Removed { id: StatementId, role: String, text: String },
    /// Its text changed; `words` marks the changed words `[-old-]{+new+}`.
    Reworded { id: StatementId, old: String, new: String, words: String },
    /// It hangs under another statement.
    Moved { id: StatementId, from: Option<StatementId>, to: Option<StatementId> },
    /// Its source (quote, reference, document) changed.
    Source { id: StatementId, old: Option<String>, new: Option<String> },
    /// Its note changed.
    Note { id: StatementId, old: Option<String>, new: Option<String> },
    /// Its pinned place on the canvas changed.
    Pin { id: StatementId },
    /// A relation only the new version has.
    RelationAdded { relation: String, joins: Joins },
    /// A relation only the old version has.
    RelationRemoved { relation: String, joins: Joins },
    /// A relation's kind was flipped.
    Flipped { relation: String, joins: Joins, old: String, new: String },
    /// A relation's premises changed (the premises added and taken away).
    Premises { relation: String, joins: Joins, added: Vec<StatementId>, removed: Vec<StatementId> },
    /// A relation's rating.
    Rated { relation: String, joins: Joins, old: Option<String>, new: Option<String> },
    /// A relation's title or description.
    Described { relation: String, joins: Joins },
    /// The argument scheme a relation names.
    Scheme { relation: String, joins: Joins, old: Option<String>, new: Option<String> },
    /// The critical questions of a relation's scheme the user doubts (what-if), by place.
    Doubted { relation: String, joins: Joins, old: Vec<usize>, new: Vec<usize> },
    /// A what-if mark.
    Mark { id: StatementId, old: Option<String>, new: Option<String> },
    /// The group a statement belongs to.
    Group { id: StatementId, old: Option<String>, new: Option<String> },
    /// The conflicts a merge left: how many before and after.
    Conflicts { old: usize, new: usize },
}

/// What a relation joins, by id: its premises, the statement it argues about, whether it
/// undercuts (then it argues about that statement through the inference it objects to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Joins {
    /// Support or objection (in the version the change says).
    pub kind: crate::model::RelationKind,
    /// Its premises.
    pub premises: Vec<StatementId>,
    /// The statement it argues about (for an undercut, the conclusion of the inference it
    /// objects to).
    pub about: Option<StatementId>,
    /// Whether it objects to an inference rather than to a statement.
    pub undercut: bool,
}

impl Joins {
    /// What `r` of `map` joins.
    pub fn of(map: &ArgumentMap, r: &Relation) -> Self {
        Joins {
            kind: r.kind,
            premises: r.premises.clone(),
            about: map.concluded(r).cloned(),
            undercut: r.is_undercut(),
        }
    }
}

/// A statement whose evaluation label changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvalChange {
    /// Which statement.
    pub id: StatementId,
    /// Its role in the new version.
    pub role: String,
    /// Its label before.
    pub old: Label,
    /// Its label after.
    pub new: Label,
}

impl Diff {
    /// Whether the two versions hold the same map.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.evaluation.is_empty()
    }

    /// The statement a change is about, if it is about one.
    pub fn statement_of(change: &Change) -> Option<&StatementId> {
        match change {
            Change::Added { id, .. }
            | Change::Removed { id, .. }
            | Change::Reworded { id, .. }
            | Change::Moved { id, .. }
            | Change::Source { id, .. }
            | Change::Note { id, .. }
            | Change::Pin { id }
            | Change::Mark { id, .. }
            | Change::Group { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &ArgumentMap, new: &ArgumentMap) -> Diff {
    let mut changes = Vec::new();
    if old.title != new.title {
        changes.push(Change::Title { old: old.title.clone(), new: new.title.clone() });
    }
    // Both versions indexed and evaluated once, side by side on two threads (when there are
    // two); their statements paired by walking both in file order.
    let indexed = |map| {
        let topo = Topology::new(map);
        let labels = eval::Evaluation::of(map, &topo).labels;
        (topo, labels)
    };
    let ((a, before), (b, after)) = std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, || indexed(old));
        let b = indexed(new);
        (other.ok().and_then(|h| h.join().ok()).unwrap_or_else(|| indexed(old)), b)
    });
    // Whether each new statement's own content changed, seen while the pair is at hand.
    let mut differs = vec![false; b.len()];
    let same = |j: usize, i: usize| same_content(a.statements[i], b.statements[j]);
    let paired = pair_statements(&b.statements, (&a.statements, a.map), |j, i| differs[j] = !same(j, i));
    statements((&a, &b), (&paired, &differs), &mut changes);
    relations((&a, &b), &paired, &mut changes);
    extras((&a, &b), &paired, &mut changes);
    Diff { changes, evaluation: evaluation((&b, &paired), (&before, &after)) }
}

/// A role in words.
fn role(map: &ArgumentMap, id: &str) -> String {
    map.role(id).map_or("statement", Role::as_str).to_owned()
}

/// Whether two statements say the same, from the same source, with the same note and pin.
fn same_content(a: &crate::model::Statement, b: &crate::model::Statement) -> bool {
    a.text == b.text && a.source == b.source && a.note == b.note && a.pinned == b.pinned
}

/// Statements added, removed, reworded, moved, re-sourced, re-noted, re-pinned: `paired` holds
/// each new statement's position in the old version ([`pair_statements`]), `differs`
/// whether its content changed ([`same_content`]).
fn statements(
    (old, new): (&Topology<'_>, &Topology<'_>),
    (paired, differs): (&[Option<usize>], &[bool]),
    changes: &mut Vec<Change>,
) {
    let mut kept = vec![false; old.len()];
    paired.iter().flatten().for_each(|&i| kept[i] = true);
    for (s, _) in old.statements.iter().zip(&kept).filter(|(_, kept)| !**kept) {
        changes.push(Change::Removed { id: s.id.clone(), role: role(old.map, &s.id), text: s.text.clone() });
    }
    let id_at = |t: &Topology<'_>, p: Option<usize>| p.map(|p| t.statements[p].id.clone());
    for (j, &i) in paired.iter().enumerate() {
        let Some(i) = i else {
            let s = new.statements[j];
            let (role, under) = (role(new.map, &s.id), id_at(new, new.parent(j)));
            changes.push(Change::Added { id: s.id.clone(), role, text: s.text.clone(), under });
            continue;
        };
        // The same parent: the new one is the old one's (ids are unique, so pairs tell).
        let (from, to) = (old.parent(i), new.parent(j));
        let moved = match (from, to) {
            (Some(f), Some(t)) => paired[t] != Some(f),
            (f, t) => f.is_some() || t.is_some(),
        };
        if !differs[j] && !moved {
            continue;
        }
        let (o, s) = (old.statements[i], new.statements[j]);
        let id = || s.id.clone();
        if o.text != s.text {
            let words = word_diff(&o.text, &s.text);
            changes.push(Change::Reworded { id: id(), old: o.text.clone(), new: s.text.clone(), words });
        }
        if moved {
            changes.push(Change::Moved { id: id(), from: id_at(old, from), to: id_at(new, to) });
        }
        if o.source != s.source {
            let said = |src: &Option<crate::model::Source>| src.as_ref().map(|x| x.quote.clone());
            changes.push(Change::Source { id: id(), old: said(&o.source), new: said(&s.source) });
        }
        if o.note != s.note {
            changes.push(Change::Note { id: id(), old: o.note.clone(), new: s.note.clone() });
        }
        if o.pinned != s.pinned {
            changes.push(Change::Pin { id: id() });
        }
    }
}

/// A run of words in a rewording: kept, taken out or put in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// In both texts.
    Kept,
    /// Only in the old text.
    Gone,
    /// Only in the new text.
    New,
}

/// How `old` was reworded into `new`: runs of words kept, taken out and put in, in reading order
/// (the app shows them struck through and added; [`word_diff`] marks them up).
pub fn word_changes(old: &str, new: &str) -> Vec<(Words, String)> {
    use similar::ChangeTag;
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<(Words, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let words = match change.tag() {
            ChangeTag::Equal => Words::Kept,
            ChangeTag::Delete => Words::Gone,
            ChangeTag::Insert => Words::New,
        };
        match out.last_mut() {
            Some((last, run)) if *last == words => run.push_str(change.value()),
            _ => out.push((words, change.value().to_owned())),
        }
    }
    out
}

/// The words that changed: `[-removed-]{+added+}`, the rest as it was.
pub fn word_diff(old: &str, new: &str) -> String {
    word_changes(old, new)
        .into_iter()
        .map(|(words, run)| match words {
            Words::Kept => run,
            Words::Gone => format!("[-{run}-]"),
            Words::New => format!("{{+{run}+}}"),
        })
        .collect()
}

/// A relation in words: "support: a + b -> c" (an undercut's target said by what it joins).
pub fn relation_words(map: &ArgumentMap, r: &Relation) -> String {
    let premises = r.premises.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" + ");
    let to = match &r.conclusion {
        Target::Statement(s) => s.to_string(),
        Target::Relation(t) => match map.relation(*t) {
            Some(target) => format!(
                "the inference {} -> {}",
                target.premises.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" + "),
                target.conclusion
            ),
            None => format!("relation #{}", t.0),
        },
    };
    format!("{}: {premises} -> {to}", r.kind.as_str())
}

/// Relations added, removed, flipped, re-premised, rated, re-described.
fn relations(
    (a, b): (&Topology<'_>, &Topology<'_>),
    statements: &[Option<usize>],
    changes: &mut Vec<Change>,
) {
    let (old, new) = (a.map, b.map);
    let paired = relations_paired((a, b), &match_relations(old, new));
    let mut kept = vec![false; a.relations.len()];
    paired.iter().flatten().for_each(|&i| kept[i] = true);
    // A relation that came or went with its premises is said by their lines ("under ...").
    let all_in = |r: &Relation, m: &ArgumentMap| r.premises.iter().all(|p| m.contains(p));
    for (rel, _) in a.relations.iter().zip(&kept).filter(|(_, kept)| !**kept) {
        let r = rel.relation;
        if all_in(r, new) {
            changes
                .push(Change::RelationRemoved { relation: relation_words(old, r), joins: Joins::of(old, r) });
        }
    }
    for (rel, &i) in b.relations.iter().zip(&paired) {
        if i.is_some_and(|i| same_bare(&a.relations[i], rel, statements)) {
            continue; // the same, seen without reading either relation
        }
        let r = rel.relation;
        // What names the relation in a change: made only for one that changed.
        let named = || (relation_words(new, r), Joins::of(new, r));
        let Some(o) = i.map(|i| a.relations[i].relation) else {
            if all_in(r, old) {
                let (relation, joins) = named();
                changes.push(Change::RelationAdded { relation, joins });
            }
            continue;
        };
        if o.kind != r.kind {
            let (old_kind, new_kind) = (o.kind.as_str().to_owned(), r.kind.as_str().to_owned());
            let (relation, joins) = named();
            changes.push(Change::Flipped { relation, joins, old: old_kind, new: new_kind });
        }
        if o.premises != r.premises {
            let added = r.premises.iter().filter(|p| !o.premises.contains(p)).cloned().collect();
            let removed = o.premises.iter().filter(|p| !r.premises.contains(p)).cloned().collect();
            let (relation, joins) = named();
            changes.push(Change::Premises { relation, joins, added, removed });
        }
        if o.rating != r.rating {
            let said = |x: Option<crate::model::Rating>| x.map(|x| x.as_str().to_owned());
            let (relation, joins) = named();
            changes.push(Change::Rated { relation, joins, old: said(o.rating), new: said(r.rating) });
        }
        if o.label != r.label || o.description != r.description {
            let (relation, joins) = named();
            changes.push(Change::Described { relation, joins });
        }
        if o.scheme != r.scheme {
            let (old, new) = (o.scheme.clone(), r.scheme.clone());
            let (relation, joins) = named();
            changes.push(Change::Scheme { relation, joins, old, new });
        }
        if o.doubted != r.doubted {
            let (old, new) = (o.doubted.clone(), r.doubted.clone());
            let (relation, joins) = named();
            changes.push(Change::Doubted { relation, joins, old, new });
        }
    }
}

/// Whether two relations of two versions, neither saying more than what it joins ([`Rel::bare`]),
/// are of one kind and have the same premises in the same order (`paired` pairs the versions'
/// statements, as for [`statements`]).
fn same_bare(old: &Rel<'_>, new: &Rel<'_>, paired: &[Option<usize>]) -> bool {
    let same_premises = old.premises.len() == new.premises.len()
        && new.premises.iter().zip(&old.premises).all(|(&n, &o)| paired[n] == Some(o));
    old.bare && new.bare && old.kind == new.kind && same_premises
}

/// Each relation of `b` (by place in its list) with the place in `a`'s of the relation `matched`
/// matches it to: both lists are in id order, so the match is found by walking `a`'s list beside
/// `b`'s while the matches keep their order, else by halving it.
fn relations_paired(
    (a, b): (&Topology<'_>, &Topology<'_>),
    matched: &crate::model::Matched,
) -> Vec<Option<usize>> {
    let mut next = 0;
    b.relations
        .iter()
        .map(|rel| {
            let o = matched.get(rel.id)?;
            let found = match a.relations.get(next) {
                Some(x) if x.id == o => Some(next),
                _ => a.relations.binary_search_by_key(&o, |x| x.id).ok(),
            };
            if let Some(at) = found {
                next = at + 1;
            }
            found
        })
        .collect()
}

/// Marks and groups of the statements in both versions (`paired` as for [`statements`]), and
/// conflicts.
fn extras((old, new): (&Topology<'_>, &Topology<'_>), paired: &[Option<usize>], changes: &mut Vec<Change>) {
    let said =
        |m: Option<Mark>| m.map(|k| if k == Mark::Rejected { "rejected" } else { "accepted" }.to_owned());
    fn group<'m>(t: &Topology<'m>, s: usize) -> Option<&'m str> {
        t.groups[s].and_then(|g| t.map.groups().get(g as usize)).map(|g| g.title.as_str())
    }
    let (old_marks, new_marks) = (eval::marks(old.map, old), eval::marks(new.map, new));
    for (j, i) in paired.iter().enumerate().filter_map(|(j, i)| Some((j, (*i)?))) {
        let id = || new.statements[j].id.clone();
        if old_marks[i] != new_marks[j] {
            changes.push(Change::Mark { id: id(), old: said(old_marks[i]), new: said(new_marks[j]) });
        }
        let (a, b) = (group(old, i), group(new, j));
        if a != b {
            changes.push(Change::Group { id: id(), old: a.map(str::to_owned), new: b.map(str::to_owned) });
        }
    }
    let (a, b) = (old.map.conflicts(), new.map.conflicts());
    if a != b {
        changes.push(Change::Conflicts { old: a.len(), new: b.len() });
    }
}

/// The statements in both versions whose label changed, in the new version's order: `labels`
/// before and after, by position in each version, `paired` as for [`statements`].
fn evaluation(
    (new, paired): (&Topology<'_>, &[Option<usize>]),
    (before, after): (&[Label], &[Label]),
) -> Vec<EvalChange> {
    let changed = |(j, i): (usize, &Option<usize>)| Some((j, (*i)?)).filter(|&(j, i)| before[i] != after[j]);
    paired
        .iter()
        .enumerate()
        .filter_map(changed)
        .map(|(j, i)| {
            let id = &new.statements[j].id;
            EvalChange { role: role(new.map, id), id: id.clone(), old: before[i], new: after[j] }
        })
        .collect()
}

/// The diff in words, one line per change, then the evaluation's changes.
pub fn words(d: &Diff) -> String {
    let mut out = String::new();
    for c in &d.changes {
        out.push_str(&change_line(c));
        out.push('\n');
    }
    if !d.evaluation.is_empty() {
        out.push_str("evaluation:\n");
        for e in &d.evaluation {
            let (was, is) = (e.old.as_str(), e.new.as_str());
            out.push_str(&format!("  the {} {} went from {was} to {is}\n", e.role, e.id));
        }
    }
    out
}

/// One change in words, its texts escaped (no control character reaches the terminal).
pub fn change_line(c: &Change) -> String {
    let q = |t: &str| format!("\"{}\"", escaped(t));
    let opt = |t: &Option<String>| t.as_deref().map_or("none".into(), q);
    let under =
        |u: &Option<crate::model::StatementId>| u.as_ref().map_or("nothing".into(), |x| x.to_string());
    match c {
        Change::Title { old, new } => format!("title: {} -> {}", q(old), q(new)),
        Change::Added { id, role, text, under: u } => {
            format!("+ {role} {id} (under {}): {}", under(u), q(text))
        }
        Change::Removed { id, role, text } => format!("- {role} {id}: {}", q(text)),
        Change::Reworded { id, words, .. } => format!("~ {id} reworded: {}", escaped(words)),
        Change::Moved { id, from, to } => {
            format!("> {id} moved: from under {} to under {}", under(from), under(to))
        }
        Change::Source { id, old, new } => format!("~ {id} source: {} -> {}", opt(old), opt(new)),
        Change::Note { id, old, new } => format!("~ {id} note: {} -> {}", opt(old), opt(new)),
        Change::Pin { id } => format!("~ {id} pinned elsewhere"),
        Change::RelationAdded { relation, .. } => format!("+ relation {}", escaped(relation)),
        Change::RelationRemoved { relation, .. } => format!("- relation {}", escaped(relation)),
        Change::Flipped { relation, old, new, .. } => {
            format!("~ relation {} flipped from {old} to {new}", escaped(relation))
        }
        Change::Premises { relation, added, removed, .. } => {
            let list = |v: &[crate::model::StatementId]| {
                if v.is_empty() {
                    "none".into()
                } else {
                    v.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
                }
            };
            format!(
                "~ relation {} premises: added {}, removed {}",
                escaped(relation),
                list(added),
                list(removed)
            )
        }
        Change::Rated { relation, old, new, .. } => {
            format!("~ relation {} rated: {} -> {}", escaped(relation), opt(old), opt(new))
        }
        Change::Described { relation, .. } => {
            format!("~ relation {} title or description", escaped(relation))
        }
        Change::Scheme { relation, old, new, .. } => {
            format!("~ relation {} scheme: {} -> {}", escaped(relation), opt(old), opt(new))
        }
        Change::Doubted { relation, old, new, .. } => {
            let list = |v: &[usize]| {
                if v.is_empty() {
                    "none".into()
                } else {
                    v.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                }
            };
            format!("~ relation {} doubted questions: {} -> {}", escaped(relation), list(old), list(new))
        }
        Change::Mark { id, old, new } => format!("~ {id} what-if mark: {} -> {}", opt(old), opt(new)),
        Change::Group { id, old, new } => format!("~ {id} group: {} -> {}", opt(old), opt(new)),
        Change::Conflicts { old, new } => format!("~ unresolved conflicts: {old} -> {new}"),
    }
}
