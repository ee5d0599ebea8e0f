//! The merged map built piece by piece, each piece checked as it joins: a relation, mark, group
//! or document that cannot join (it would break an invariant) is left out and recorded, so the
//! result is always a valid map and never one side whole.

use super::relations::Kept;
use super::{Merging, named, three};
use crate::edit::{Edit, apply};
use crate::model::{
    Answer, ArgumentMap, Conflict, ConflictField, Group, RelationId, SourceDocument, Statement, StatementId,
};
use crate::versions::diff::relation_words;
use foldhash::{HashMap, HashSet};

/// What tells one conflict from another (its texts, for the list's comparisons in hashed time).
fn key(c: &Conflict) -> (StatementId, ConflictField, Option<String>, Option<String>) {
    (c.statement.clone(), c.field, c.ours.clone(), c.theirs.clone())
}

impl Merging<'_> {
    /// The map made of the merged parts: the map's own fields, statements, relations, marks,
    /// groups, documents and conflicts, merged and checked.
    pub(super) fn build(&mut self, statements: Vec<Statement>, relations: Vec<Kept>) -> ArgumentMap {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let title = three(&base.title, &ours.title, &theirs.title).unwrap_or_else(|| {
            self.notes.push(format!("both changed the question: ours kept, theirs was {:?}", theirs.title));
            ours.title.clone()
        });
        let source = three(&base.source, &ours.source, &theirs.source).unwrap_or_else(|| {
            self.notes.push("both changed the map's source: ours kept".into());
            ours.source.clone()
        });
        let arrangement =
            three(&base.arrangement, &ours.arrangement, &theirs.arrangement).unwrap_or_else(|| {
                self.notes.push(format!("both changed the layout: ours ({}) kept", ours.arrangement.name()));
                ours.arrangement
            });
        // The answers to critical questions name relations by their id in each side: they join
        // once the relations have their merged places.
        let answering = self.ours.has_answers() || self.theirs.has_answers();
        let answers: Vec<(StatementId, Option<Answer>, Option<Answer>)> = statements
            .iter()
            .filter(|_| answering)
            .map(|s| {
                (
                    s.id.clone(),
                    self.ours.statement(&s.id).and_then(|o| o.answers),
                    self.theirs.statement(&s.id).and_then(|t| t.answers),
                )
            })
            .filter(|(_, o, t)| o.is_some() || t.is_some())
            .collect();
        let statements = statements.into_iter().map(|s| Statement { answers: None, ..s }).collect();
        let mut map = self.with_statements(title, source, statements, &relations);
        map.arrangement = arrangement;
        let places = |side: fn(&Kept) -> Option<RelationId>| -> HashMap<RelationId, RelationId> {
            relations.iter().enumerate().filter_map(|(i, k)| Some((side(k)?, RelationId(i as u64)))).collect()
        };
        let (ours_places, theirs_places) = (places(|k| k.ours), places(|k| k.theirs));
        self.add_relations(&mut map, relations);
        // Ours where ours answers one that is kept, else theirs: no answer is dropped.
        for (id, o, t) in answers {
            let mapped = |a: Option<Answer>, places: &HashMap<RelationId, RelationId>| {
                a.and_then(|a| Some(Answer { relation: *places.get(&a.relation)?, question: a.question }))
            };
            if let Some(answer) = mapped(o, &ours_places).or_else(|| mapped(t, &theirs_places)) {
                let _ = apply(&mut map, Edit::SetAnswers { id, answers: Some(answer) });
            }
        }
        self.add_marks(&mut map);
        self.add_groups(&mut map);
        self.add_documents(&mut map);
        self.add_conflicts(&mut map);
        map
    }

    /// A map of the statements (the title and source of a side, which each side checked).
    fn with_statements(
        &mut self,
        title: String,
        source: Option<crate::model::MapSource>,
        statements: Vec<Statement>,
        relations: &[Kept],
    ) -> ArgumentMap {
        let mut map = ArgumentMap::from_parts(title, source, Vec::new(), Vec::new())
            .unwrap_or_else(|_| ArgumentMap::new(self.ours.title.clone()));
        map.reserve(statements.len(), relations.iter().map(|k| &k.relation));
        for statement in statements {
            if let Err(left) = map.try_insert_statement(map.next_statement_seq(), statement) {
                let text = named(&left.1.text);
                self.notes.push(format!("{text} could not join the merged map and is left out"));
            }
        }
        map
    }

    /// The relations, plain ones first (each with its place as its id, so that undercuts find
    /// their targets), then undercuts; one that cannot join is recorded as a conflict.
    fn add_relations(&mut self, map: &mut ArgumentMap, relations: Vec<Kept>) {
        let (undercuts, plain): (Vec<_>, Vec<_>) =
            relations.into_iter().enumerate().partition(|(_, k)| k.relation.is_undercut());
        for (place, Kept { ours, theirs, relation }) in plain.into_iter().chain(undercuts) {
            if let Err(left) = map.try_insert_relation(RelationId(place as u64), relation) {
                self.cannot_join(&Kept { ours, theirs, relation: left.1 });
            }
        }
    }

    /// A relation that cannot join the merged map (its target gone, or it would break an
    /// invariant there): recorded as a conflict on its first premise, as each side had it.
    fn cannot_join(&mut self, k: &Kept) {
        let words = |m: &ArgumentMap, id: Option<RelationId>| Some(relation_words(m, m.relation(id?)?));
        let (ours, theirs) = (words(self.ours, k.ours), words(self.theirs, k.theirs));
        let present = |id: &StatementId| self.ours.contains(id) || self.theirs.contains(id);
        match k.relation.premises.iter().find(|p| present(p)) {
            Some(first) => self.record(first, ConflictField::Relation, ours, theirs),
            None => self.notes.push("a relation could not join the merged map and is left out".into()),
        }
        if let Some(last) = self.conflicts.last_mut() {
            last.ours.get_or_insert_with(|| "(could not join the merged map)".into());
        }
    }

    /// The what-if marks of the statements present.
    fn add_marks(&mut self, map: &mut ArgumentMap) {
        let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
        for id in ids {
            if let Some(mark) = self.mark(&id) {
                let _ = apply(map, Edit::SetMark { id, mark: Some(mark) });
            }
        }
    }

    /// The groups: each statement's group merged as a field; a group kept while it has members
    /// (one side deleted, the other extended: kept with the members it has), or a conflict
    /// names it; its title merged (both retitled: ours, noted).
    fn add_groups(&mut self, map: &mut ArgumentMap) {
        let ids: Vec<StatementId> = map.statements().map(|s| s.id.clone()).collect();
        let mut membership: Vec<(StatementId, StatementId)> = Vec::new();
        for id in ids {
            if let Some(g) = self.group_of(&id) {
                membership.push((id, g));
            }
        }
        let named_in_conflicts: HashSet<StatementId> = self
            .conflicts
            .iter()
            .filter(|c| c.field == ConflictField::Group)
            .flat_map(|c| c.ours.iter().chain(&c.theirs).map(|g| StatementId::from(g.as_str())))
            .collect();
        let used: HashSet<&StatementId> = membership.iter().map(|(_, g)| g).collect();
        for group in self.group_list() {
            if !used.contains(&group.id) && !named_in_conflicts.contains(&group.id) {
                continue;
            }
            let index = map.groups().len();
            if apply(map, Edit::AddGroup { index, group }).is_err() {
                continue;
            }
        }
        for (id, group) in membership {
            let _ = apply(map, Edit::SetGroup { id, group: Some(group) });
        }
    }

    /// Every group any side has, in ours' order then theirs', with its merged title.
    fn group_list(&mut self) -> Vec<Group> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let find = |m: &ArgumentMap, id: &StatementId| m.group(id).cloned();
        let mut seen: HashSet<StatementId> = HashSet::default();
        let mut out = Vec::new();
        for g in ours.groups().iter().chain(theirs.groups()).chain(base.groups()) {
            if !seen.insert(g.id.clone()) {
                continue;
            }
            let (b, o, t) = (find(base, &g.id), find(ours, &g.id), find(theirs, &g.id));
            let title = |x: &Option<Group>| x.as_ref().map(|g| g.title.clone());
            let kept = match three(&title(&b), &title(&o), &title(&t)) {
                Some(Some(title)) => Group { title, ..g.clone() },
                // One side deleted it: kept for the members the other gave it, if any.
                Some(None) => o.or(t).unwrap_or_else(|| g.clone()),
                None => {
                    let (ours_title, theirs_title) =
                        (title(&o).unwrap_or_default(), title(&t).unwrap_or_default());
                    self.notes.push(format!(
                        "both renamed the group {ours_title:?}: ours kept, theirs was {theirs_title:?}"
                    ));
                    o.unwrap_or_else(|| g.clone())
                }
            };
            out.push(kept);
        }
        out
    }

    /// The source documents: each merged as a whole (both changed one differently: ours,
    /// noted); one a side removed stays if a statement still quotes it.
    fn add_documents(&mut self, map: &mut ArgumentMap) {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let quoted: HashSet<StatementId> =
            map.statements().filter_map(|s| s.source.as_ref()?.document.clone()).collect();
        let all = ours.documents().iter().chain(theirs.documents()).chain(base.documents());
        let mut out: Vec<SourceDocument> = Vec::new();
        for d in all {
            if out.iter().any(|x| x.id == d.id) {
                continue;
            }
            let (b, o, t) = (base.document(&d.id), ours.document(&d.id), theirs.document(&d.id));
            let pick = three(&b, &o, &t).unwrap_or_else(|| {
                self.notes.push(format!("both changed the document {:?}: ours kept", d.title));
                o
            });
            match pick {
                Some(kept) => out.push(kept.clone()),
                None if quoted.contains(&d.id) => out.push(d.clone()),
                None => {}
            }
        }
        if map.set_documents(out).is_err() {
            self.notes.push("the source documents could not be merged: the merged map lists none".into());
        }
    }

    /// The conflicts: those of the sides merged as a list (one a side settled stays settled),
    /// then this merge's, each about a statement present.
    fn add_conflicts(&mut self, map: &mut ArgumentMap) {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let keys = |m: &ArgumentMap| m.conflicts().iter().map(key).collect::<HashSet<_>>();
        let (in_base, in_ours, in_theirs) = (keys(base), keys(ours), keys(theirs));
        let mut seen = HashSet::default();
        let mut conflicts: Vec<Conflict> = Vec::new();
        for c in ours.conflicts().iter().chain(theirs.conflicts()).chain(&self.conflicts) {
            let k = key(c);
            // In the base and gone from a side: that side settled it.
            let settled = in_base.contains(&k) && !(in_ours.contains(&k) && in_theirs.contains(&k));
            if !settled && map.contains(&c.statement) && seen.insert(k) {
                conflicts.push(c.clone());
            }
        }
        if apply(map, Edit::SetConflicts { conflicts }).is_err() {
            self.notes.push("the conflicts could not all be recorded".into());
        }
    }
}
