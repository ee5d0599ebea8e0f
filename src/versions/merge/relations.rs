//! The relations of a merge. Relations have no ids in a file: each side's is matched to the
//! base's by what it joins ([`crate::model::match_relations`]), and a relation both sides added
//! is matched between them the same way.

use super::{Merging, three};
use crate::model::{ArgumentMap, ConflictField, Matched, Relation, RelationId, Target, match_relations};
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
    ours_to_base: Matched,
    theirs_to_base: Matched,
    base_to_ours: Matched,
    base_to_theirs: Matched,
    theirs_to_ours: Matched,
}

impl Matches {
    fn of(base: &ArgumentMap, ours: &ArgumentMap, theirs: &ArgumentMap) -> Self {
        let (ours_to_base, theirs_to_base) = (match_relations(base, ours), match_relations(base, theirs));
        Self {
            base_to_ours: ours_to_base.inverse(),
            base_to_theirs: theirs_to_base.inverse(),
            ours_to_base,
            theirs_to_base,
            theirs_to_ours: match_relations(ours, theirs),
        }
    }
}

/// A side's relations in id order, found by id with a cursor: the ids a merge asks for mostly
/// rise (the relations of two versions of a map are matched in order), so most finds are a step
/// from the last, not a search through the map's index.
struct ById<'m> {
    all: Vec<(RelationId, &'m Relation)>,
    at: std::cell::Cell<usize>,
}

impl<'m> ById<'m> {
    fn of(map: &'m ArgumentMap) -> Self {
        Self { all: map.relations().collect(), at: Default::default() }
    }

    fn get(&self, id: RelationId) -> Option<&'m Relation> {
        let at = self.at.get();
        let found = match self.all.get(at) {
            Some(&(here, _)) if here == id => Ok(at),
            _ => self.all.binary_search_by_key(&id, |&(here, _)| here),
        };
        let k = found.ok()?;
        self.at.set(k + 1);
        Some(self.all[k].1)
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
            .filter(|&(t, o)| !m.theirs_to_base.contains(t) && !m.ours_to_base.contains(o))
            .map(|(t, o)| (o, t))
            .collect();
        let mut kept: Vec<Kept> = Vec::with_capacity(ours.relation_count());
        let (in_base, in_theirs) = (ById::of(base), ById::of(theirs));
        for (id, o) in ours.relations() {
            let Some(b_id) = m.ours_to_base.get(id) else {
                let t_id = both_added.get(&id).copied();
                if let Some(t) = t_id.and_then(|t| in_theirs.get(t)).filter(|t| !same_relation(o, t)) {
                    self.relation_conflict(o, Some(t));
                }
                kept.push(Kept { ours: Some(id), theirs: t_id, relation: o.clone() });
                continue;
            };
            let b = in_base.get(b_id).unwrap_or(o);
            match m.base_to_theirs.get(b_id).and_then(|t| Some((t, in_theirs.get(t)?))) {
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
            match m.theirs_to_base.get(id) {
                Some(b_id) if m.base_to_ours.contains(b_id) => {}
                Some(b_id) => {
                    let b = in_base.get(b_id).unwrap_or(t);
                    if !same_relation(b, t) || targeted_by_theirs.contains(&b_id) {
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
            && ours.relations().all(|(id, _)| m.ours_to_base.get(id) == Some(id));
        if ours_as_base {
            kept.sort_by_key(|k| k.theirs.map_or(u64::MAX, |t| t.0));
        }
        retarget(kept, &m.theirs_to_ours)
    }

    /// One relation both sides kept, field by field: each field one side changed is taken; where
    /// both changed one differently, ours is kept and the conflict recorded.
    fn relation_fields(&mut self, b: &Relation, o: &Relation, t: &Relation) -> Relation {
        // Most relations: theirs as the base had it, or as ours has it (what the fields would
        // give, without a copy of each: `fields` says so in a test).
        if same_relation(o, t) || same_relation(b, t) {
            return o.clone();
        }
        fields(b, o, t).unwrap_or_else(|| {
            self.relation_conflict(o, Some(t));
            o.clone()
        })
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
    to_base: &Matched,
    other_from_base: &Matched,
) -> HashSet<RelationId> {
    let survives = |id: RelationId, r: &Relation| match to_base.get(id) {
        Some(b) => other_from_base.contains(b) || base.relation(b).is_none_or(|b| !same_relation(b, r)),
        None => true,
    };
    side.relations()
        .filter(|&(id, r)| r.is_undercut() && survives(id, r))
        .filter_map(|(_, r)| to_base.get(r.conclusion.relation()?))
        .collect()
}

/// One relation both sides kept, merged field by field; `None` when both changed a field
/// differently.
fn fields(b: &Relation, o: &Relation, t: &Relation) -> Option<Relation> {
    // A plain relation's conclusion is merged as a field; an undercut's target is matched and
    // retargeted later.
    let conclusion = match (&b.conclusion, &o.conclusion, &t.conclusion) {
        (Target::Statement(bc), Target::Statement(oc), Target::Statement(tc)) => {
            three(bc, oc, tc).map(Target::Statement)?
        }
        _ => o.conclusion.clone(),
    };
    // The doubted questions are a scheme's: the two change together.
    let unit = |r: &Relation| (r.scheme.clone(), r.doubted.clone());
    let (scheme, doubted) = three(&unit(b), &unit(o), &unit(t))?;
    Some(Relation {
        kind: three(&b.kind, &o.kind, &t.kind)?,
        premises: three(&b.premises, &o.premises, &t.premises)?,
        conclusion,
        label: three(&b.label, &o.label, &t.label)?,
        description: three(&b.description, &o.description, &t.description)?,
        rating: three(&b.rating, &o.rating, &t.rating)?,
        scheme,
        doubted,
    })
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
fn retarget(mut kept: Vec<Kept>, theirs_to_ours: &Matched) -> Vec<Kept> {
    if !kept.iter().any(|k| k.relation.is_undercut()) {
        return kept;
    }
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
            by_theirs.get(&target).or_else(|| theirs_to_ours.get(target).and_then(|x| by_ours.get(&x)))
        };
        k.relation.conclusion = Target::Relation(RelationId(place.map_or(u64::MAX, |&p| p as u64)));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rating, RelationKind, StatementId};
    use proptest::prelude::*;

    /// A relation from a few choices per field, so that versions often agree.
    fn relation() -> impl Strategy<Value = Relation> {
        let ids = |k: u8| StatementId::from(format!("s{k}").as_str());
        (
            any::<bool>(),
            prop::collection::vec(0u8..3, 1..3),
            prop_oneof![
                (0u8..3).prop_map(move |k| Target::Statement(ids(k + 3))),
                (0u64..2).prop_map(|r| Target::Relation(RelationId(r)))
            ],
            prop::option::of(prop_oneof![Just("a".to_owned()), Just("b".to_owned())]),
            prop::option::of(Just(Rating::Strong)),
            prop::option::of(Just("expert-opinion".to_owned())),
            prop::collection::vec(0usize..2, 0..2),
        )
            .prop_map(move |(support, premises, conclusion, label, rating, scheme, doubted)| {
                Relation {
                    kind: if support { RelationKind::Support } else { RelationKind::Objection },
                    premises: premises.into_iter().map(ids).collect(),
                    conclusion,
                    label: label.clone(),
                    description: label,
                    rating,
                    scheme,
                    doubted,
                }
            })
    }

    /// `r` with the fields `mask` names taken from `x` (so that versions often agree).
    fn mix(r: &Relation, x: &Relation, mask: u8) -> Relation {
        let from = |bit: u8| mask & (1 << bit) != 0;
        Relation {
            kind: if from(0) { x.kind } else { r.kind },
            premises: if from(1) { x.premises.clone() } else { r.premises.clone() },
            conclusion: if from(2) { x.conclusion.clone() } else { r.conclusion.clone() },
            label: if from(3) { x.label.clone() } else { r.label.clone() },
            description: if from(4) { x.description.clone() } else { r.description.clone() },
            rating: if from(5) { x.rating } else { r.rating },
            scheme: if from(6) { x.scheme.clone() } else { r.scheme.clone() },
            doubted: if from(7) { x.doubted.clone() } else { r.doubted.clone() },
        }
    }

    proptest! {
        /// The shortcut in `relation_fields` gives what merging field by field gives: theirs
        /// the same as ours, or as the base, merges to ours.
        #[test]
        fn a_relation_one_side_left_as_it_was_merges_as_the_field_by_field_merge_does(
            b in relation(), x in relation(), y in relation(), masks in (any::<u8>(), any::<u8>()), pick in 0u8..4,
        ) {
            let o = mix(&b, &x, masks.0);
            let t = match pick { 0 => b.clone(), 1 => o.clone(), 2 => mix(&o, &y, masks.1), _ => mix(&b, &y, masks.1) };
            if same_relation(&o, &t) || same_relation(&b, &t) {
                prop_assert_eq!(fields(&b, &o, &t), Some(o.clone()));
            }
        }
    }

    #[test]
    fn a_relation_found_by_id_with_the_cursor_and_without() {
        let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        let by_id = ById::of(&map);
        let ids: Vec<RelationId> = map.relations().map(|(id, _)| id).collect();
        // In order (the cursor's step), backwards (a search each), and one not there.
        for &id in ids.iter().chain(ids.iter().rev()) {
            assert_eq!(by_id.get(id), map.relation(id));
        }
        assert_eq!(by_id.get(RelationId(u64::MAX)), None);
    }
}
