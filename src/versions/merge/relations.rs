//! The relations of a merge. Relations have no ids in a file: each side's is matched to the
//! base's by what it joins ([`crate::model::match_relations`]), and a relation both sides added
//! is matched between them the same way.

use super::{Merging, three};
use crate::model::{ArgumentMap, ConflictField, Relation, RelationId, Target, match_relations};
use crate::versions::diff::relation_words;
use foldhash::{HashMap, HashSet};

/// A relation of the result: the id each side knows it by, and the relation as merged (an
/// undercut's target a place in the list, once [`retarget`] has run).
#[derive(Clone, Debug)]
pub(super) struct Kept {
    /// Its id in ours.
    pub ours: Option<RelationId>,
    /// Its id in theirs.
    pub theirs: Option<RelationId>,
    /// The relation.
    pub relation: Relation,
}

/// The relations of each side matched to the base's and to each other.
struct Matches {
    ours_to_base: HashMap<RelationId, RelationId>,
    theirs_to_base: HashMap<RelationId, RelationId>,
    base_to_ours: HashMap<RelationId, RelationId>,
    base_to_theirs: HashMap<RelationId, RelationId>,
    theirs_to_ours: HashMap<RelationId, RelationId>,
}

impl Matches {
    fn of(base: &ArgumentMap, ours: &ArgumentMap, theirs: &ArgumentMap) -> Self {
        let ours_to_base = match_relations(base, ours);
        let theirs_to_base = match_relations(base, theirs);
        let invert = |m: &HashMap<RelationId, RelationId>| m.iter().map(|(&k, &v)| (v, k)).collect();
        Self {
            base_to_ours: invert(&ours_to_base),
            base_to_theirs: invert(&theirs_to_base),
            ours_to_base,
            theirs_to_base,
            theirs_to_ours: match_relations(ours, theirs),
        }
    }
}

impl Merging<'_> {
    /// The relations of the result, ours' in order then those only theirs added, their undercut
    /// targets as places in this list.
    pub(super) fn relations(&mut self) -> Vec<Kept> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        let m = Matches::of(base, ours, theirs);
        let targeted_by_ours = targeted(base, ours, &m.ours_to_base, &m.base_to_theirs);
        let targeted_by_theirs = targeted(base, theirs, &m.theirs_to_base, &m.base_to_ours);
        // Relations both sides added, matched: ours' id to theirs'.
        let both_added: HashMap<RelationId, RelationId> = m
            .theirs_to_ours
            .iter()
            .filter(|(t, o)| !m.theirs_to_base.contains_key(t) && !m.ours_to_base.contains_key(o))
            .map(|(&t, &o)| (o, t))
            .collect();
        let mut kept: Vec<Kept> = Vec::new();
        for (id, o) in ours.relations() {
            let Some(&b_id) = m.ours_to_base.get(&id) else {
                let t_id = both_added.get(&id).copied();
                if let Some(t) = t_id.and_then(|t| theirs.relation(t)).filter(|t| !same_relation(o, t)) {
                    self.relation_conflict(o, Some(t));
                }
                kept.push(Kept { ours: Some(id), theirs: t_id, relation: o.clone() });
                continue;
            };
            let b = base.relation(b_id).unwrap_or(o);
            match m.base_to_theirs.get(&b_id).and_then(|&t| Some((t, theirs.relation(t)?))) {
                Some((t_id, t)) => {
                    let relation = self.relation_fields(b, o, t);
                    kept.push(Kept { ours: Some(id), theirs: Some(t_id), relation });
                }
                None if same_relation(b, o) && !targeted_by_ours.contains(&b_id) => {}
                None => {
                    self.relation_conflict(o, None);
                    kept.push(Kept { ours: Some(id), theirs: None, relation: o.clone() });
                }
            }
        }
        let taken: HashSet<RelationId> = both_added.values().copied().collect();
        for (id, t) in theirs.relations().filter(|(id, _)| !taken.contains(id)) {
            match m.theirs_to_base.get(&id) {
                Some(b_id) if m.base_to_ours.contains_key(b_id) => {}
                Some(b_id) => {
                    let b = base.relation(*b_id).unwrap_or(t);
                    if !same_relation(b, t) || targeted_by_theirs.contains(b_id) {
                        let words = relation_words(theirs, t);
                        self.record_relation(t, None, Some(words));
                        kept.push(Kept { ours: None, theirs: Some(id), relation: t.clone() });
                    }
                }
                None => kept.push(Kept { ours: None, theirs: Some(id), relation: t.clone() }),
            }
        }
        // Ours' order, theirs' additions after; where ours left the relations as they were,
        // theirs' order (a side that changed nothing changes nothing).
        let ours_as_base = ours.relation_count() == base.relation_count()
            && ours.relations().all(|(id, _)| m.ours_to_base.get(&id) == Some(&id));
        if ours_as_base {
            kept.sort_by_key(|k| k.theirs.map_or(u64::MAX, |t| t.0));
        }
        retarget(kept, &m.theirs_to_ours)
    }

    /// One relation both sides kept, field by field: each field one side changed is taken; where
    /// both changed one differently, ours is kept and the conflict recorded.
    fn relation_fields(&mut self, b: &Relation, o: &Relation, t: &Relation) -> Relation {
        // A plain relation's conclusion is merged as a field; an undercut's target is matched
        // and retargeted later.
        let conclusion = match (&b.conclusion, &o.conclusion, &t.conclusion) {
            (Target::Statement(bc), Target::Statement(oc), Target::Statement(tc)) => {
                three(bc, oc, tc).map(Target::Statement)
            }
            _ => Some(o.conclusion.clone()),
        };
        let merged = (
            three(&b.kind, &o.kind, &t.kind),
            three(&b.premises, &o.premises, &t.premises),
            three(&b.rating, &o.rating, &t.rating),
            three(&b.label, &o.label, &t.label),
            three(&b.description, &o.description, &t.description),
            conclusion,
        );
        let (Some(kind), Some(premises), Some(rating), Some(label), Some(description), Some(conclusion)) =
            merged
        else {
            self.relation_conflict(o, Some(t));
            return o.clone();
        };
        // The doubted questions are a scheme's: the two change together.
        let unit = |r: &Relation| (r.scheme.clone(), r.doubted.clone());
        let Some((scheme, doubted)) = three(&unit(b), &unit(o), &unit(t)) else {
            self.relation_conflict(o, Some(t));
            return o.clone();
        };
        Relation { kind, premises, conclusion, label, description, rating, scheme, doubted }
    }

    /// Records that both sides have relation `o` differently (`t` theirs, none: they deleted
    /// it), on its first premise.
    fn relation_conflict(&mut self, o: &Relation, t: Option<&Relation>) {
        let rated = |x: &Relation| x.rating.map(|r| format!(" (rated {})", r.as_str())).unwrap_or_default();
        let ours = format!("{}{}", relation_words(self.ours, o), rated(o));
        let theirs = t.map(|t| format!("{}{}", relation_words(self.theirs, t), rated(t)));
        self.record_relation(o, Some(ours), theirs);
    }

    pub(super) fn record_relation(&mut self, r: &Relation, ours: Option<String>, theirs: Option<String>) {
        if let Some(first) = r.premises.first() {
            self.record(first, ConflictField::Relation, ours, theirs);
        }
    }
}

/// The base relations that an undercut of `side` surviving the merge targets: they must stay,
/// whatever the other side did to them. An undercut survives unless the other side deleted it
/// unchanged.
fn targeted(
    base: &ArgumentMap,
    side: &ArgumentMap,
    to_base: &HashMap<RelationId, RelationId>,
    other_from_base: &HashMap<RelationId, RelationId>,
) -> HashSet<RelationId> {
    let survives = |id: &RelationId, r: &Relation| match to_base.get(id) {
        Some(b) => other_from_base.contains_key(b) || base.relation(*b).is_none_or(|b| !same_relation(b, r)),
        None => true,
    };
    side.relations()
        .filter(|(id, r)| r.is_undercut() && survives(id, r))
        .filter_map(|(_, r)| to_base.get(&r.conclusion.relation()?).copied())
        .collect()
}

/// Whether two versions of a relation say the same (the undercut target aside).
pub(super) fn same_relation(a: &Relation, b: &Relation) -> bool {
    a.kind == b.kind
        && a.premises == b.premises
        && a.rating == b.rating
        && a.label == b.label
        && a.description == b.description
        && a.scheme == b.scheme
        && a.doubted == b.doubted
        && (a.conclusion == b.conclusion || (a.is_undercut() && b.is_undercut()))
}

/// The kept relations with each undercut's target rewritten as its place in the list (by
/// ours' id, else theirs', else theirs' seen as ours'); an undercut whose target is gone keeps
/// an impossible place, and [`super::build`] records it.
fn retarget(mut kept: Vec<Kept>, theirs_to_ours: &HashMap<RelationId, RelationId>) -> Vec<Kept> {
    let mut by_ours = HashMap::default();
    let mut by_theirs = HashMap::default();
    for (i, k) in kept.iter().enumerate() {
        if let Some(o) = k.ours {
            by_ours.insert(o, i);
        }
        if let Some(t) = k.theirs {
            by_theirs.insert(t, i);
        }
    }
    for k in &mut kept {
        let Target::Relation(target) = k.relation.conclusion else { continue };
        let place = if k.ours.is_some() {
            by_ours.get(&target)
        } else {
            by_theirs.get(&target).or_else(|| theirs_to_ours.get(&target).and_then(|x| by_ours.get(x)))
        };
        k.relation.conclusion = Target::Relation(RelationId(place.map_or(u64::MAX, |&p| p as u64)));
    }
    kept
}
