//! A three-way merge by ids: what each side changed since their common version, combined.
//! Independent changes combine; where both changed one thing differently, ours stays and the
//! conflict is recorded in the map with both versions, so the result always loads.

use super::diff::relation_words;
use crate::model::match_relations;
use crate::model::{
    ArgumentMap, Conflict, ConflictField, Group, Relation, RelationId, SourceDocument, Statement,
    StatementId, Target,
};
use std::collections::{HashMap, HashSet};

/// The merged map, and what could not be settled.
#[derive(Debug)]
pub struct Merged {
    /// The map: every change of both sides, ours where they disagree.
    pub map: ArgumentMap,
    /// The conflicts this merge found (also in `map.conflicts()`, after any the sides had).
    pub conflicts: Vec<Conflict>,
    /// Disagreements that are not about a statement (the title, the arrangement), settled ours.
    pub notes: Vec<String>,
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
    let mut run = Run { base, ours, theirs, conflicts: Vec::new(), notes: Vec::new() };
    let relations = run.relations();
    let needed: HashSet<StatementId> = relations
        .iter()
        .flat_map(|r| r.premises.iter().cloned().chain(r.conclusion.statement().cloned()))
        .collect();
    let statements = run.statements(&needed);
    match run.build(statements, relations) {
        Ok(map) => Merged { map, conflicts: run.conflicts, notes: run.notes },
        Err(e) => {
            // Never a broken file: ours, whole, and the reason theirs could not join it.
            let mut notes = run.notes;
            notes.push(format!("their changes could not be combined with ours ({e}); the result is ours"));
            let map = ours.clone();
            Merged { map, conflicts: Vec::new(), notes }
        }
    }
}

/// One merge under way: the three versions and the conflicts found so far.
struct Run<'a> {
    base: &'a ArgumentMap,
    ours: &'a ArgumentMap,
    theirs: &'a ArgumentMap,
    conflicts: Vec<Conflict>,
    notes: Vec<String>,
}

impl Run<'_> {
    /// The statements of the result in order (ours', then those only theirs added; theirs' if
    /// we added none, so that a side that changed nothing changes nothing), each merged
    /// field by field; one deleted by a side stays if the other changed it or a relation needs it.
    fn statements(&mut self, needed: &HashSet<StatementId>) -> Vec<Statement> {
        // In the order of the side that added statements (ours if both did), the rest after it.
        let ours_added = self.ours.statements().any(|s| !self.base.contains(&s.id));
        let (first, second) = if ours_added { (self.ours, self.theirs) } else { (self.theirs, self.ours) };
        let ids = first.statements().chain(second.statements().filter(|s| !first.contains(&s.id)));
        let ids: Vec<StatementId> = ids.map(|s| s.id.clone()).collect();
        let mut out = Vec::new();
        for id in ids {
            let (b, o, t) = (self.base.statement(&id), self.ours.statement(&id), self.theirs.statement(&id));
            let kept = match (b, o, t) {
                (_, Some(o), Some(t)) => Some(self.fields(b.unwrap_or(o), o, t)),
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    let we_kept = o.is_some();
                    let changed = kept != b;
                    (changed || needed.contains(&id)).then(|| {
                        let text = Some(kept.text.clone());
                        let (ours, theirs) = if we_kept { (text, None) } else { (None, text) };
                        self.record(&id, ConflictField::Deleted, ours, theirs);
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

    /// One statement both sides have, field by field (ours where both changed it differently).
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
        s.pinned = three(&b.pinned, &o.pinned, &t.pinned).unwrap_or(o.pinned);
        s
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

    /// The relations of the result, ours' in order then those only theirs added, their undercut
    /// targets as places in this list.
    fn relations(&mut self) -> Vec<Relation> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let ours_from_base = invert(&match_relations(base, ours));
        let theirs_from_base = invert(&match_relations(base, theirs));
        let ours_to_base: HashMap<RelationId, RelationId> = match_relations(base, ours);
        let theirs_to_base: HashMap<RelationId, RelationId> = match_relations(base, theirs);
        let theirs_to_ours = match_relations(ours, theirs);
        // A relation that an undercut surviving the merge targets must stay, whatever the other
        // side did to it. An undercut survives unless the other side deleted it unchanged.
        let targeted = |m: &ArgumentMap,
                        to_base: &HashMap<RelationId, RelationId>,
                        other: &HashMap<RelationId, RelationId>| {
            let survives = |id: &RelationId, r: &Relation| match to_base.get(id) {
                Some(b) => other.contains_key(b) || base.relation(*b).is_none_or(|b| !same_relation(b, r)),
                None => true,
            };
            m.relations()
                .filter(|(id, r)| r.is_undercut() && survives(id, r))
                .filter_map(|(_, r)| to_base.get(&r.conclusion.relation()?).copied())
                .collect::<HashSet<RelationId>>()
        };
        let targeted_by_ours = targeted(ours, &ours_to_base, &theirs_from_base);
        let targeted_by_theirs = targeted(theirs, &theirs_to_base, &ours_from_base);
        // Each kept relation: (which side's id names it, the relation as merged).
        let mut kept: Vec<(Option<RelationId>, Option<RelationId>, Relation)> = Vec::new();
        for (id, o) in ours.relations() {
            let Some(&b_id) = ours_to_base.get(&id) else {
                kept.push((Some(id), None, o.clone()));
                continue;
            };
            let b = base.relation(b_id).unwrap_or(o);
            match theirs_from_base.get(&b_id).and_then(|&t| Some((t, theirs.relation(t)?))) {
                Some((t_id, t)) => {
                    let merged = self.relation_fields(b, o, t);
                    kept.push((Some(id), Some(t_id), merged));
                }
                None if same_relation(b, o) && !targeted_by_ours.contains(&b_id) => {}
                None => {
                    self.record_relation(o, Some(relation_words(ours, o)), None);
                    kept.push((Some(id), None, o.clone()));
                }
            }
        }
        for (id, t) in theirs.relations() {
            match theirs_to_base.get(&id) {
                Some(b_id) if ours_from_base.contains_key(b_id) => {}
                Some(b_id) => {
                    let b = base.relation(*b_id).unwrap_or(t);
                    if !same_relation(b, t) || targeted_by_theirs.contains(b_id) {
                        self.record_relation(t, None, Some(relation_words(theirs, t)));
                        kept.push((None, Some(id), t.clone()));
                    }
                }
                None => {
                    let added_by_ours_too =
                        theirs_to_ours.get(&id).is_some_and(|o| !ours_to_base.contains_key(o));
                    if !added_by_ours_too {
                        kept.push((None, Some(id), t.clone()));
                    }
                }
            }
        }
        // In the order of the side that added relations (ours if both did).
        if !ours.relations().any(|(id, _)| !ours_to_base.contains_key(&id)) {
            kept.sort_by_key(|(_, t, _)| t.map_or(u64::MAX, |t| t.0));
        }
        retarget(kept, &theirs_to_ours)
    }

    /// One relation both sides kept, field by field (ours where they disagree, recorded).
    fn relation_fields(&mut self, b: &Relation, o: &Relation, t: &Relation) -> Relation {
        let mut r = o.clone();
        let merged = (
            three(&b.kind, &o.kind, &t.kind),
            three(&b.premises, &o.premises, &t.premises),
            three(&b.rating, &o.rating, &t.rating),
            three(&b.label, &o.label, &t.label),
            three(&b.description, &o.description, &t.description),
        );
        let (Some(kind), Some(premises), Some(rating), Some(label), Some(description)) = merged else {
            let (ours, theirs) = (relation_words(self.ours, o), relation_words(self.theirs, t));
            let rated =
                |x: &Relation| x.rating.map(|r| format!(" (rated {})", r.as_str())).unwrap_or_default();
            self.record_relation(
                o,
                Some(format!("{ours}{}", rated(o))),
                Some(format!("{theirs}{}", rated(t))),
            );
            return r;
        };
        (r.kind, r.premises, r.rating, r.label, r.description) = (kind, premises, rating, label, description);
        // The conclusion is ours unless only they moved it (an undercut's target is retargeted later).
        if let (Target::Statement(bc), Target::Statement(oc), Target::Statement(tc)) =
            (&b.conclusion, &o.conclusion, &t.conclusion)
            && bc == oc
            && oc != tc
        {
            r.conclusion = Target::Statement(tc.clone());
        }
        r
    }

    fn record_relation(&mut self, r: &Relation, ours: Option<String>, theirs: Option<String>) {
        if let Some(first) = r.premises.first() {
            self.record(first, ConflictField::Relation, ours, theirs);
        }
    }

    /// The map made of the merged parts: marks, groups, documents and the map's own fields
    /// merged as the statements were, and every conflict recorded.
    fn build(&mut self, statements: Vec<Statement>, relations: Vec<Relation>) -> Result<ArgumentMap, String> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let title = three(&base.title, &ours.title, &theirs.title).unwrap_or_else(|| {
            self.notes.push(format!("both changed the title; ours kept, theirs was {:?}", theirs.title));
            ours.title.clone()
        });
        let source = three(&base.source, &ours.source, &theirs.source).unwrap_or_else(|| ours.source.clone());
        let arrangement =
            three(&base.arrangement, &ours.arrangement, &theirs.arrangement).unwrap_or(ours.arrangement);
        let present: HashSet<StatementId> = statements.iter().map(|s| s.id.clone()).collect();
        let marks: Vec<_> = present
            .iter()
            .filter_map(|id| {
                let m = three(&base.mark(id), &ours.mark(id), &theirs.mark(id)).unwrap_or(ours.mark(id));
                Some((id.clone(), m?))
            })
            .collect();
        let documents = self.documents(&statements);
        let groups = self.groups(&statements);
        let mut conflicts: Vec<Conflict> = ours.conflicts().to_vec();
        for c in theirs.conflicts().iter().chain(&self.conflicts) {
            if !conflicts.contains(c) {
                conflicts.push(c.clone());
            }
        }
        conflicts.retain(|c| present.contains(&c.statement));
        let mut map = ArgumentMap::from_parts(title, source, statements, relations)
            .and_then(|m| m.with_marks(marks))
            .and_then(|m| m.with_groups(groups))
            .and_then(|m| m.with_documents(documents))
            .and_then(|m| m.with_conflicts(conflicts))
            .map_err(|e| e.to_string())?;
        map.arrangement = arrangement;
        Ok(map)
    }

    /// The source documents: ours', then those only theirs added; one a side removed stays if
    /// a statement still quotes it.
    fn documents(&self, statements: &[Statement]) -> Vec<SourceDocument> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let quoted: HashSet<&StatementId> =
            statements.iter().filter_map(|s| s.source.as_ref()?.document.as_ref()).collect();
        let all = ours
            .documents()
            .iter()
            .chain(theirs.documents().iter().filter(|d| ours.document(&d.id).is_none()));
        let mut out: Vec<SourceDocument> = Vec::new();
        for d in all.chain(base.documents()) {
            if out.iter().any(|x| x.id == d.id) {
                continue;
            }
            let pick = three(&base.document(&d.id), &ours.document(&d.id), &theirs.document(&d.id));
            match pick.unwrap_or(ours.document(&d.id)) {
                Some(kept) => out.push(kept.clone()),
                None if quoted.contains(&d.id) => out.push(d.clone()),
                None => {}
            }
        }
        out
    }

    /// The groups with their members: each statement's group merged as a field.
    fn groups(&self, statements: &[Statement]) -> Vec<(Group, Vec<StatementId>)> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let find = |m: &ArgumentMap, id: &StatementId| m.groups().iter().find(|g| &g.id == id).cloned();
        let all = ours.groups().iter().chain(theirs.groups()).chain(base.groups());
        let mut groups: Vec<(Group, Vec<StatementId>)> = Vec::new();
        for g in all {
            if groups.iter().any(|(x, _)| x.id == g.id) {
                continue;
            }
            let pick = three(&find(base, &g.id), &find(ours, &g.id), &find(theirs, &g.id));
            if let Some(kept) = pick.unwrap_or_else(|| find(ours, &g.id)) {
                groups.push((kept, Vec::new()));
            }
        }
        for s in statements {
            let of = |m: &ArgumentMap| m.group_of(&s.id).cloned();
            let group = three(&of(base), &of(ours), &of(theirs)).unwrap_or_else(|| of(ours));
            if let Some((_, members)) = group.and_then(|g| groups.iter_mut().find(|(x, _)| x.id == g)) {
                members.push(s.id.clone());
            }
        }
        groups
    }
}

/// The map inverted: values to keys.
fn invert(m: &HashMap<RelationId, RelationId>) -> HashMap<RelationId, RelationId> {
    m.iter().map(|(&k, &v)| (v, k)).collect()
}

/// Whether two versions of a relation say the same (the undercut target aside).
fn same_relation(a: &Relation, b: &Relation) -> bool {
    a.kind == b.kind
        && a.premises == b.premises
        && a.rating == b.rating
        && a.label == b.label
        && a.description == b.description
        && (a.conclusion == b.conclusion || (a.is_undercut() && b.is_undercut()))
}

/// The kept relations with each undercut's target rewritten as its place in the list (by
/// ours' id, else theirs', else theirs' seen as ours'); an undercut whose target is gone is left
/// out (its premise stays).
fn retarget(
    kept: Vec<(Option<RelationId>, Option<RelationId>, Relation)>,
    theirs_to_ours: &HashMap<RelationId, RelationId>,
) -> Vec<Relation> {
    let mut by_ours = HashMap::new();
    let mut by_theirs = HashMap::new();
    for (i, (o, t, _)) in kept.iter().enumerate() {
        if let Some(o) = o {
            by_ours.insert(*o, i);
        }
        if let Some(t) = t {
            by_theirs.insert(*t, i);
        }
    }
    let mut out = Vec::with_capacity(kept.len());
    for (o, _, mut r) in kept {
        if let Target::Relation(target) = r.conclusion {
            let place = if o.is_some() {
                by_ours.get(&target)
            } else {
                by_theirs.get(&target).or_else(|| theirs_to_ours.get(&target).and_then(|x| by_ours.get(x)))
            };
            let Some(&place) = place else { continue };
            r.conclusion = Target::Relation(RelationId(place as u64));
        }
        out.push(r);
    }
    out
}
