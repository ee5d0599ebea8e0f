//! The invariants of a map, as checks of single statements and relations, and their errors.

use super::{Relation, RelationId, RelationKind, Statement, StatementId, Target};

/// A broken invariant of a map, or an edit that would break one.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// A statement has an empty id.
    #[error("a statement has an empty id")]
    EmptyId,
    /// An id has characters other than letters, digits, `-`, `_` and `.`.
    #[error("statement id \"{0}\" is not a slug: use only letters, digits, '-', '_' and '.'")]
    InvalidId(StatementId),
    /// Two statements share an id.
    #[error("duplicate statement id \"{0}\"")]
    DuplicateId(StatementId),
    /// A relation (or an edit) names a statement that does not exist.
    #[error("unknown statement id \"{0}\"")]
    UnknownStatement(StatementId),
    /// An edit names a relation that does not exist.
    #[error("unknown relation #{}", .0.0)]
    UnknownRelation(RelationId),
    /// A relation has no premises.
    #[error("a relation to \"{0}\" has no premises")]
    EmptyPremises(Target),
    /// A relation lists the same premise twice.
    #[error("a relation to \"{conclusion}\" lists premise \"{premise}\" twice")]
    DuplicatePremise {
        /// The repeated premise.
        premise: StatementId,
        /// The relation's conclusion.
        conclusion: Target,
    },
    /// An undercut that is not an objection.
    #[error("an undercut (a relation whose conclusion is another relation) must be an objection")]
    UndercutKind,
    /// An undercut of an undercut.
    #[error("an undercut can only target a support or objection of a statement, not another undercut")]
    UndercutOfUndercut,
    /// A relation that undercuts still point to cannot be removed on its own.
    #[error("relation #{} is still undercut", .0.0)]
    RelationInUse(RelationId),
    /// A statement is a premise of a relation that concludes in itself.
    #[error("statement \"{0}\" is its own premise")]
    SelfPremise(StatementId),
    /// A pinned position is NaN or infinite.
    #[error("statement \"{0}\" has a position that is not a finite number")]
    NonFinitePosition(StatementId),
    /// A statement's text is longer than [`MAX_TEXT_CHARS`].
    #[error(
        "statement \"{id}\" has {chars} characters of text; a statement may have at most {MAX_TEXT_CHARS}"
    )]
    TextTooLong {
        /// The statement.
        id: StatementId,
        /// How long its text is.
        chars: usize,
    },
    /// A statement that relations or a what-if mark still refer to cannot be removed on its own.
    #[error("statement \"{0}\" still has relations or a what-if mark")]
    StatementInUse(StatementId),
    /// An error found in a relation of a file; shown with its 1-based number.
    #[error("relation {}: {source}", .index + 1)]
    InRelation {
        /// 0-based position of the relation in the file.
        index: usize,
        /// What is wrong with it.
        source: Box<ModelError>,
    },
    /// A broken internal consistency (a bug in argmap, never expected).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ModelError {
    /// Wraps the error as one of the `index`-th relation of a file.
    pub fn in_relation(self, index: usize) -> Self {
        match self {
            e @ Self::InRelation { .. } => e,
            e => Self::InRelation { index, source: Box::new(e) },
        }
    }

    /// The innermost error, without the relation it was found in.
    pub fn root(&self) -> &ModelError {
        match self {
            Self::InRelation { source, .. } => source.root(),
            e => e,
        }
    }

    /// The statement id this error is about, if any.
    pub fn offending_id(&self) -> Option<&StatementId> {
        match self.root() {
            Self::InvalidId(id)
            | Self::DuplicateId(id)
            | Self::UnknownStatement(id)
            | Self::SelfPremise(id)
            | Self::NonFinitePosition(id)
            | Self::StatementInUse(id) => Some(id),
            Self::TextTooLong { id, .. } => Some(id),
            Self::DuplicatePremise { premise, .. } => Some(premise),
            _ => None,
        }
    }
}

/// The longest text a statement may have, in characters (a long paragraph is a few thousand).
pub const MAX_TEXT_CHARS: usize = 100_000;

/// Refuses a text longer than [`MAX_TEXT_CHARS`].
pub fn text(id: &StatementId, text: &str) -> Result<(), ModelError> {
    // Byte length bounds the character count from above: count only when it could be too long.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        return Err(ModelError::TextTooLong { id: id.clone(), chars: text.chars().count() });
    }
    Ok(())
}

/// Whether `id` is a valid statement id: non-empty, of letters, digits, `-`, `_` and `.`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The invariants of one statement on its own.
pub(super) fn statement(statement: &Statement) -> Result<(), ModelError> {
    if statement.id.is_empty() {
        return Err(ModelError::EmptyId);
    }
    if !is_slug(&statement.id) {
        return Err(ModelError::InvalidId(statement.id.clone()));
    }
    if statement.pinned.is_some_and(|p| !p.x.is_finite() || !p.y.is_finite()) {
        return Err(ModelError::NonFinitePosition(statement.id.clone()));
    }
    text(&statement.id, &statement.text)
}

/// The invariants of one relation, given which statement ids exist and the kind of each relation
/// (with whether it is an undercut).
pub(super) fn relation(
    relation: &Relation,
    exists: impl Fn(&str) -> bool,
    relation_of: impl Fn(RelationId) -> Option<(RelationKind, bool)>,
) -> Result<(), ModelError> {
    if relation.premises.is_empty() {
        return Err(ModelError::EmptyPremises(relation.conclusion.clone()));
    }
    // Repeated premises: a set for long lists, so a relation of 100,000 premises costs linear time.
    let mut seen = std::collections::HashSet::new();
    let long = relation.premises.len() > 16;
    for (i, premise) in relation.premises.iter().enumerate() {
        if !exists(premise.as_str()) {
            return Err(ModelError::UnknownStatement(premise.clone()));
        }
        if relation.conclusion.is(premise) {
            return Err(ModelError::SelfPremise(premise.clone()));
        }
        let repeated =
            if long { !seen.insert(premise.as_str()) } else { relation.premises[..i].contains(premise) };
        if repeated {
            return Err(ModelError::DuplicatePremise {
                premise: premise.clone(),
                conclusion: relation.conclusion.clone(),
            });
        }
    }
    match &relation.conclusion {
        Target::Statement(c) if !exists(c.as_str()) => Err(ModelError::UnknownStatement(c.clone())),
        Target::Statement(_) => Ok(()),
        Target::Relation(_) if relation.kind != RelationKind::Objection => Err(ModelError::UndercutKind),
        Target::Relation(r) => match relation_of(*r) {
            None => Err(ModelError::UnknownRelation(*r)),
            Some((_, true)) => Err(ModelError::UndercutOfUndercut),
            Some((_, false)) => Ok(()),
        },
    }
}
