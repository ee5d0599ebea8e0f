//! Statements (and groups) both sides added under the same id. Ids are slugs of a statement's
//! first words (a group's title), so two people adding similar statements get the same id:
//! where the two say the same, they are one statement; where they differ, theirs is renamed (a
//! fresh slug of its words), so both are kept with everything that hangs on them.

use crate::model::{ArgumentMap, Relation, RelationId, Statement, StatementId, Target};
use foldhash::{HashMap, HashSet};

/// Theirs with each statement it added under an id ours also added, saying something else,
/// renamed (`None` when there is none), the renames, and a note for each.
pub(super) fn collisions(
    base: &ArgumentMap,
    ours: &ArgumentMap,
    theirs: &ArgumentMap,
) -> (Option<ArgumentMap>, std::collections::BTreeMap<StatementId, StatementId>, Vec<String>) {
    let same = |a: &Statement, b: &Statement| a.text == b.text && a.note == b.note && a.source == b.source;
    let clashing: Vec<&Statement> = theirs
        .statements()
        .filter(|t| !base.contains(&t.id))
        .filter(|t| ours.statement(&t.id).is_some_and(|o| !same(o, t)))
        .collect();
    let clashing_groups: Vec<&crate::model::Group> = theirs
        .groups()
        .iter()
        .filter(|g| base.group(&g.id).is_none())
        .filter(|g| ours.group(&g.id).is_some_and(|o| o.title != g.title))
        .collect();
    if clashing.is_empty() && clashing_groups.is_empty() {
        return (None, Default::default(), Vec::new());
    }
    let mut taken: HashSet<String> = base
        .statements()
        .chain(ours.statements())
        .chain(theirs.statements())
        .map(|s| s.id.to_string())
        .collect();
    let mut renames: HashMap<StatementId, StatementId> = HashMap::default();
    let mut notes = Vec::new();
    for t in clashing {
        let fresh = crate::model::unique_slug(&t.id, "statement", |c| taken.contains(c));
        taken.insert(fresh.clone());
        notes.push(format!(
            "both added a statement as {}: theirs, {}, is kept as {fresh}",
            crate::printable::escaped(&t.id),
            crate::printable::named(&t.text)
        ));
        renames.insert(t.id.clone(), fresh.into());
    }
    let mut group_taken: HashSet<String> =
        base.groups().iter().chain(ours.groups()).chain(theirs.groups()).map(|g| g.id.to_string()).collect();
    let mut group_renames: HashMap<StatementId, StatementId> = HashMap::default();
    for g in clashing_groups {
        let fresh = crate::model::unique_slug(&g.id, "group", |c| group_taken.contains(c));
        group_taken.insert(fresh.clone());
        notes.push(format!(
            "both added a group as {}: theirs, {:?}, is kept as {fresh}",
            crate::printable::escaped(&g.id),
            g.title
        ));
        group_renames.insert(g.id.clone(), fresh.into());
    }
    let map = renamed(theirs, &renames, &group_renames).ok();
    (map, renames.into_iter().collect(), notes)
}

/// `map` with statements renamed, wherever it names them (relations, marks, groups,
/// conflicts); everything else as it was.
fn renamed(
    map: &ArgumentMap,
    renames: &HashMap<StatementId, StatementId>,
    group_renames: &HashMap<StatementId, StatementId>,
) -> Result<ArgumentMap, crate::model::ModelError> {
    let new = |id: &StatementId| renames.get(id).cloned().unwrap_or_else(|| id.clone());
    let new_group = |id: &StatementId| group_renames.get(id).cloned().unwrap_or_else(|| id.clone());
    let statements = map.statements().map(|s| Statement { id: new(&s.id), ..s.clone() }).collect();
    // Relations keep their order; an undercut's target becomes its place in that order.
    let places: HashMap<RelationId, u64> =
        map.relations().enumerate().map(|(i, (id, _))| (id, i as u64)).collect();
    let relations = map
        .relations()
        .map(|(_, r)| Relation {
            premises: r.premises.iter().map(new).collect(),
            conclusion: match &r.conclusion {
                Target::Statement(s) => Target::Statement(new(s)),
                Target::Relation(t) => {
                    Target::Relation(RelationId(places.get(t).copied().unwrap_or(u64::MAX)))
                }
            },
            ..r.clone()
        })
        .collect();
    let marks = map.marks().iter().map(|(id, m)| (new(id), *m));
    let groups = map
        .groups()
        .iter()
        .zip(map.group_members())
        .map(|(g, members)| {
            let renamed = crate::model::Group { id: new_group(&g.id), ..g.clone() };
            (renamed, members.into_iter().map(new).collect())
        })
        .collect();
    let conflicts = map
        .conflicts()
        .iter()
        .map(|c| {
            // A group conflict names groups by id.
            let group = |g: &Option<String>| match c.field {
                crate::model::ConflictField::Group => {
                    g.as_ref().map(|g| new_group(&g.as_str().into()).to_string())
                }
                _ => g.clone(),
            };
            crate::model::Conflict {
                statement: new(&c.statement),
                ours: group(&c.ours),
                theirs: group(&c.theirs),
                ..c.clone()
            }
        })
        .collect();
    let mut out = ArgumentMap::from_parts(map.title.clone(), map.source.clone(), statements, relations)?
        .with_marks(marks)?
        .with_groups(groups)?
        .with_documents(map.documents().to_vec())?
        .with_conflicts(conflicts)?;
    out.arrangement = map.arrangement;
    Ok(out)
}
