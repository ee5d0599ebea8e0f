//! Named groups of statements (the camps of a debate, the themes of a report): each statement
//! belongs to at most one group. A group is a region of the map, not a verdict: it changes no
//! evaluation.

use super::check::{self, ModelError};
use super::{ArgumentMap, StatementId};

/// A named group of statements, drawn as a labelled frame behind its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Its id: a slug, unique among the map's groups.
    pub id: StatementId,
    /// Its title, shown on its frame.
    pub title: String,
}

impl Group {
    /// A group with an id and a title.
    pub fn new(id: impl Into<StatementId>, title: impl Into<String>) -> Self {
        Self { id: id.into(), title: title.into() }
    }
}

/// The checks of one group on its own: a slug id and a one-line, bounded, non-empty title.
pub fn check_group(group: &Group) -> Result<(), ModelError> {
    if !check::is_slug(&group.id) || group.id.chars().count() > check::MAX_ID_CHARS {
        return Err(ModelError::InvalidGroup(
            group.id.clone(),
            "its id is not a slug (letters, digits, '-', '_', '.')",
        ));
    }
    if group.title.trim().is_empty() {
        return Err(ModelError::InvalidGroup(group.id.clone(), "its title is empty"));
    }
    if group.title.chars().count() > check::MAX_NAME_CHARS {
        return Err(ModelError::InvalidGroup(
            group.id.clone(),
            "its title is longer than argmap keeps (1000 characters)",
        ));
    }
    Ok(())
}

impl ArgumentMap {
    /// The groups, in file order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.group_places.get(id).and_then(|&at| self.groups.get(at))
    }

    /// The members of every group, in file order, the groups in the order of
    /// [`ArgumentMap::groups`]: one pass over the statements, however many groups.
    pub fn group_members(&self) -> Vec<Vec<&StatementId>> {
        let mut out = vec![Vec::new(); self.groups.len()];
        for s in self.statements() {
            if let Some(&at) = self.group_of(&s.id).and_then(|g| self.group_places.get(g)) {
                out[at].push(&s.id);
            }
        }
        out
    }

    /// Numbers the groups from `from` on again in `group_places`.
    fn place_groups_from(&mut self, from: usize) {
        for (at, g) in self.groups.iter().enumerate().skip(from) {
            self.group_places.insert(g.id.clone(), at);
        }
    }

    /// A group's place, or the error that names it as unknown.
    fn group_place(&self, id: &str) -> Result<usize, ModelError> {
        self.group_places.get(id).copied().ok_or_else(|| ModelError::UnknownGroup(id.into()))
    }

    /// The id of the group a statement belongs to, if any.
    pub fn group_of(&self, statement: &str) -> Option<&StatementId> {
        self.group_of.get(statement)
    }

    /// The members of a group, in file order.
    pub fn members(&self, group: &str) -> Vec<&StatementId> {
        self.statements()
            .filter(|s| self.group_of(&s.id).is_some_and(|g| &**g == group))
            .map(|s| &s.id)
            .collect()
    }

    /// [`ArgumentMap::from_parts`] with groups and their members (a file's `groups`); errors
    /// name the group.
    pub fn with_groups(mut self, groups: Vec<(Group, Vec<StatementId>)>) -> Result<Self, ModelError> {
        for (index, (group, members)) in groups.into_iter().enumerate() {
            let id = group.id.clone();
            let wrap = |e: ModelError| ModelError::InGroup { index, source: Box::new(e) };
            self.insert_group(index, group).map_err(wrap)?;
            for m in members {
                if let Some(other) = self.group_of(&m) {
                    return Err(wrap(ModelError::TwoGroups { statement: m.clone(), first: other.clone() }));
                }
                self.set_group(&m, Some(&id)).map_err(wrap)?;
            }
        }
        Ok(self)
    }

    /// Adds a group (with no members) at `index` in the group order.
    pub(crate) fn insert_group(&mut self, index: usize, group: Group) -> Result<(), ModelError> {
        check_group(&group)?;
        if self.group(&group.id).is_some() {
            return Err(ModelError::DuplicateGroup(group.id));
        }
        let at = index.min(self.groups.len());
        self.groups.insert(at, group);
        self.place_groups_from(at);
        Ok(())
    }

    /// Removes a group that has no members; returns its place and the group.
    pub(crate) fn remove_group(&mut self, id: &str) -> Result<(usize, Group), ModelError> {
        let at = self.group_place(id)?;
        if self.group_of.values().any(|g| &**g == id) {
            return Err(ModelError::GroupInUse(id.into()));
        }
        let group = self.groups.remove(at);
        self.group_places.remove(id);
        self.place_groups_from(at);
        Ok((at, group))
    }

    /// Renames a group; returns its old title.
    pub(crate) fn set_group_title(&mut self, id: &str, title: String) -> Result<String, ModelError> {
        let at = self.group_place(id)?;
        check_group(&Group { id: id.into(), title: title.clone() })?;
        Ok(std::mem::replace(&mut self.groups[at].title, title))
    }

    /// Puts a statement in a group, or in none; returns the group it was in.
    pub(crate) fn set_group(
        &mut self,
        statement: &StatementId,
        group: Option<&StatementId>,
    ) -> Result<Option<StatementId>, ModelError> {
        if !self.contains(statement) {
            return Err(ModelError::UnknownStatement(statement.clone()));
        }
        Ok(match group {
            Some(g) => {
                if self.group(g).is_none() {
                    return Err(ModelError::UnknownGroup(g.clone()));
                }
                self.group_of.insert(statement.clone(), g.clone())
            }
            None => self.group_of.remove(statement),
        })
    }

    /// The groups' invariants: unique valid groups, members that exist, in groups that exist.
    pub(super) fn validate_groups(&self) -> Result<(), ModelError> {
        let mut seen = std::collections::HashSet::with_capacity(self.groups.len());
        for (at, g) in self.groups.iter().enumerate() {
            check_group(g)?;
            if !seen.insert(&g.id) {
                return Err(ModelError::DuplicateGroup(g.id.clone()));
            }
            if self.group_places.get(&g.id) != Some(&at) {
                return Err(ModelError::Internal(format!("group {} is not at its place", g.id)));
            }
        }
        for (member, group) in &self.group_of {
            if !self.contains(member) {
                return Err(ModelError::UnknownStatement(member.clone()));
            }
            if self.group(group).is_none() {
                return Err(ModelError::UnknownGroup(group.clone()));
            }
        }
        Ok(())
    }
}
