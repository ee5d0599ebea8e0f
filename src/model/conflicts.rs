//! What a three-way merge could not settle: both versions of a statement's field, kept in the
//! map (and its file) until the user chooses one. The statement shows our version meanwhile.

use super::{ArgumentMap, ModelError, Source, StatementId, check};
use serde::{Deserialize, Serialize};

/// One unsettled disagreement between two versions of a map, about one statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The statement it is about (it holds our version meanwhile).
    pub statement: StatementId,
    /// What the two versions disagree on.
    pub field: Field,
    /// Our version, said in words (none: we deleted it, or it has no note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<String>,
    /// Their version, said in words (none: they deleted it, or it has no note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<String>,
    /// Their source, whole, for a source conflict (what choosing theirs sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub their_source: Option<Source>,
}

/// What two versions of a statement disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// Both reworded it, differently.
    Text,
    /// Both changed its note, differently.
    Note,
    /// Both changed its source, differently.
    Source,
    /// One side deleted it, the other changed it or built on it (it is kept).
    Deleted,
    /// Both changed a relation it is the premise of, differently (ours is kept; `theirs` says
    /// what they had).
    Relation,
    /// Both changed its what-if mark, differently (`ours`, `theirs`: "rejected", "accepted" or
    /// none).
    Mark,
    /// Both moved it to another group, differently (`ours`, `theirs`: the group's id, or none).
    Group,
}

impl Field {
    /// What the versions disagree on, in words: "its text", "whether it exists"...
    pub fn describe(self) -> &'static str {
        match self {
            Self::Text => "its text",
            Self::Note => "its note",
            Self::Source => "its source",
            Self::Deleted => "whether to keep it",
            Self::Relation => "its relation",
            Self::Mark => "its what-if mark",
            Self::Group => "its group",
        }
    }
}

impl ArgumentMap {
    /// The conflicts a merge left, in the order it found them.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The conflicts about statement `id`.
    pub fn conflicts_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (usize, &'a Conflict)> + 'a {
        self.conflicts.iter().enumerate().filter(move |(_, c)| c.statement.as_str() == id)
    }

    /// Replaces the conflicts, returning the old list (an edit's inverse).
    pub fn replace_conflicts(&mut self, conflicts: Vec<Conflict>) -> Vec<Conflict> {
        std::mem::replace(&mut self.conflicts, conflicts)
    }

    /// The map with these conflicts, checked: each names a statement of the map, and its texts
    /// are within the limits of a statement's text.
    pub fn with_conflicts(mut self, conflicts: Vec<Conflict>) -> Result<Self, ModelError> {
        for (index, c) in conflicts.iter().enumerate() {
            let wrap = |e: ModelError| ModelError::InConflict { index, source: Box::new(e) };
            if !self.contains(&c.statement) {
                return Err(wrap(ModelError::UnknownStatement(c.statement.clone())));
            }
            for text in c.ours.iter().chain(&c.theirs) {
                check::note(&c.statement, Some(text)).map_err(wrap)?;
            }
            if let Some(source) = &c.their_source {
                check::source(&c.statement, Some(source)).map_err(wrap)?;
            }
        }
        self.conflicts = conflicts;
        Ok(self)
    }
}
