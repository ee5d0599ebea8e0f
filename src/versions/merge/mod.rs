//! A three-way merge by ids: what each side changed since their common version, combined.
//! A merge never chooses silently. Every difference between the sides is either merged by a rule
//! (README, "Working together", lists them) or recorded in the map as a [`Conflict`] the app
//! settles with a click, ours shown meanwhile:
//!
//! - a change made on one side only is taken;
//! - a statement both sides added under the same id (ids are slugs of first words, so similar
//!   statements collide) is one statement if they say the same, else theirs is renamed
//!   ([`rename`]) and both are kept;
//! - a field of a statement (text, note, source, what-if mark, group) both changed differently:
//!   a conflict; a statement one side deleted and the other changed or built on: kept, a
//!   conflict;
//! - a relation (matched by what it joins) both changed differently (kind, premises,
//!   conclusion, rating, title), or both added differently: ours kept, a conflict naming theirs;
//!   one deleted and the other changed: kept, a conflict;
//! - what a map holds once (its title, source, arrangement, documents, a group's title) and a
//!   box's pinned place both changed differently: ours, said in [`Merged::notes`];
//! - a conflict one side settled is settled.
//!
//! The result is built piece by piece ([`build`]): a piece that cannot join it (a relation that
//! would make a statement its own premise, say) is left out and recorded as a conflict, so the
//! merged map always holds every invariant, never falls back to one side, and loses nothing
//! without saying so.

mod build;
mod relations;
mod rename;

use crate::model::{ArgumentMap, Conflict, ConflictField, Mark, Statement, StatementId, pair_statements};
use foldhash::HashSet;

/// The merged map, and what could not be settled.
#[derive(Debug)]
pub struct Merged {
    /// The map: every change of both sides, ours where they disagree.
    pub map: ArgumentMap,
    /// The conflicts this merge found (also in `map.conflicts()`, after any the sides had).
    pub conflicts: Vec<Conflict>,
    /// Differences settled by a rule that keeps ours (the title, the arrangement, a pinned
    /// place...) and statements renamed, in words, for the user to see.
    pub notes: Vec<String>,
    /// Statements theirs added under an id ours also gave another statement: their id, and the
    /// id they have in the merged map.
    pub renamed: std::collections::BTreeMap<StatementId, StatementId>,
}

/// The value both sides agree on, or the one side that changed it; `None` when both changed it
/// differently.
fn three<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || theirs == base {
        Some(ours.clone())
    } else if ours == base {
        Some(theirs.clone())
    } else {
        None
    }
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &ArgumentMap, ours: &ArgumentMap, theirs: &ArgumentMap) -> Merged {
    // A side that changed nothing changes nothing: the other side, whole.
    if theirs == base || ours == theirs {
        return Merged {
            map: ours.clone(),
            conflicts: Vec::new(),
            notes: Vec::new(),
            renamed: Default::default(),
        };
    }
    if ours == base {
        return Merged {
            map: theirs.clone(),
            conflicts: Vec::new(),
            notes: Vec::new(),
            renamed: Default::default(),
        };
    }
    let (renamed_map, renamed, mut notes) = rename::collisions(base, ours, theirs);
    let theirs = renamed_map.as_ref().unwrap_or(theirs);
    let mut run = Merging { base, ours, theirs, conflicts: Vec::new(), notes: Vec::new() };
    let relations = run.relations();
    let needed: HashSet<&str> = relations
        .iter()
        .flat_map(|k| k.relation.premises.iter().chain(k.relation.conclusion.statement()))
        .map(|id| id.as_str())
        .collect();
    let statements = run.statements(&needed);
    let map = run.build(statements, relations);
    notes.append(&mut run.notes);
    Merged { map, conflicts: run.conflicts, notes, renamed }
}

/// One merge under way: the three versions and the conflicts and notes found so far.
struct Merging<'a> {
    base: &'a ArgumentMap,
    ours: &'a ArgumentMap,
    theirs: &'a ArgumentMap,
    conflicts: Vec<Conflict>,
    notes: Vec<String>,
}

impl<'a> Merging<'a> {
    /// The statements of the result in order (ours', then those only theirs added; theirs' if
    /// we added none, so that a side that changed nothing changes nothing), each merged field
    /// by field; one deleted by a side stays if the other changed it or a relation needs it.
    fn statements(&mut self, needed: &HashSet<&str>) -> Vec<Statement> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let listed = |m: &'a ArgumentMap| m.statements().collect::<Vec<_>>();
        let (in_base, in_ours, in_theirs) = (listed(base), listed(ours), listed(theirs));
        // Each side's statements paired with the base's, walking both in file order.
        let ours_in_base = pair_statements(&in_ours, (&in_base, base), |_, _| ());
        let ours_added = ours_in_base.iter().any(Option::is_none);
        let (first, second) = if ours_added { (&in_ours, &in_theirs) } else { (&in_theirs, &in_ours) };
        let first_in_base =
            if ours_added { ours_in_base } else { pair_statements(first, (&in_base, base), |_, _| ()) };
        let first_in_second =
            pair_statements(first, (second, if ours_added { theirs } else { ours }), |_, _| ());
        let mut in_first = vec![false; second.len()];
        first_in_second.iter().flatten().for_each(|&k| in_first[k] = true);
        // Each statement with its version in the first side, the second and the base.
        let firsts = first
            .iter()
            .zip(first_in_second.iter().zip(&first_in_base))
            .map(|(&s, (&t, &b))| (Some(s), t.map(|t| second[t]), b.map(|b| in_base[b])));
        let seconds = second
            .iter()
            .zip(&in_first)
            .filter(|(_, f)| !**f)
            .map(|(&s, _)| (None, Some(s), base.statement(&s.id)));
        let mut out = Vec::with_capacity(first.len());
        for (in_first, in_second, b) in firsts.chain(seconds) {
            let Some(id) = in_first.or(in_second).map(|s| &s.id) else { continue };
            let (o, t) = if ours_added { (in_first, in_second) } else { (in_second, in_first) };
            let kept = match (b, o, t) {
                (_, Some(o), Some(t)) => Some(self.fields(b.unwrap_or(o), o, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let keeper = if o.is_some() { self.ours } else { self.theirs };
                    // Its answer to a critical question goes with the argument it answered:
                    // not a change of the statement's own.
                    let own = |s: &Statement| Statement { answers: None, ..s.clone() };
                    let changed = own(kept) != own(b)
                        || keeper.mark(id) != self.base.mark(id)
                        || keeper.group_of(id) != self.base.group_of(id);
                    (changed || needed.contains(id.as_str())).then(|| {
                        let text = Some(kept.text.clone());
                        let (ours, theirs) = if o.is_some() { (text, None) } else { (None, text) };
                        self.record(id, ConflictField::Deleted, ours, theirs);
                        kept.clone()
                    })
                }
                (None, Some(s), None) | (None, None, Some(s)) => Some(s.clone()),
                _ => None,
            };
            out.extend(kept);
        }
        out
    }

    /// One statement both sides have, field by field (ours where both changed it differently,
    /// recorded; a pinned place by the rule, noted).
    fn fields(&mut self, b: &Statement, o: &Statement, t: &Statement) -> Statement {
        let mut s = o.clone();
        match three(&b.text, &o.text, &t.text) {
            Some(text) => s.text = text,
            None => self.record(&o.id, ConflictField::Text, Some(o.text.clone()), Some(t.text.clone())),
        }
        match three(&b.note, &o.note, &t.note) {
            Some(note) => s.note = note,
            None => self.record(&o.id, ConflictField::Note, o.note.clone(), t.note.clone()),
        }
        match three(&b.source, &o.source, &t.source) {
            Some(source) => s.source = source,
            None => {
                let quote = |x: &Statement| x.source.as_ref().map(|q| q.quote.clone());
                self.record(&o.id, ConflictField::Source, quote(o), quote(t));
                if let Some(last) = self.conflicts.last_mut() {
                    last.their_source.clone_from(&t.source);
                }
            }
        }
        s.pinned = three(&b.pinned, &o.pinned, &t.pinned).unwrap_or_else(|| {
            self.notes.push(format!("both placed {} by hand, elsewhere: ours kept", named(&o.text)));
            o.pinned
        });
        s
    }

    /// The what-if mark of statement `id` in the result (a conflict when both changed it
    /// differently: ours kept).
    fn mark(&mut self, id: &StatementId) -> Option<Mark> {
        let (b, o, t) = (self.base.mark(id), self.ours.mark(id), self.theirs.mark(id));
        three(&b, &o, &t).unwrap_or_else(|| {
            let word =
                |m: Option<Mark>| m.map(|m| if m == Mark::Rejected { "rejected" } else { "accepted" }.into());
            self.record(id, ConflictField::Mark, word(o), word(t));
            o
        })
    }

    /// The group of statement `id` in the result (a conflict when both moved it differently:
    /// ours kept).
    fn group_of(&mut self, id: &StatementId) -> Option<StatementId> {
        let of = |m: &ArgumentMap| m.group_of(id).cloned();
        let (b, o, t) = (of(self.base), of(self.ours), of(self.theirs));
        three(&b, &o, &t).unwrap_or_else(|| {
            self.record(
                id,
                ConflictField::Group,
                o.as_ref().map(|g| g.to_string()),
                t.as_ref().map(|g| g.to_string()),
            );
            o
        })
    }

    fn record(
        &mut self,
        id: &StatementId,
        field: ConflictField,
        ours: Option<String>,
        theirs: Option<String>,
    ) {
        let statement = id.clone();
        self.conflicts.push(Conflict { statement, field, ours, theirs, their_source: None });
    }
}

/// A statement named in a note: its first words, in quotes.
fn named(text: &str) -> String {
    crate::printable::named(text)
}
