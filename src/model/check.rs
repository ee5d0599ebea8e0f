//! The invariants of a map, as checks of single statements and relations, and their errors.

use super::{MapSource, Relation, RelationId, RelationKind, Statement, StatementId, Target};
use crate::printable::Quoted;

/// A broken invariant of a map, or an edit that would break one.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// A statement has an empty id.
    #[error("a statement has an empty id")]
    EmptyId,
    /// An id has characters other than letters, digits, `-`, `_` and `.`, or only dots.
    #[error(
        "statement id \"{}\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)",
        Quoted(.0)
    )]
    InvalidId(StatementId),
    /// Two statements share an id.
    #[error("duplicate statement id \"{}\"", Quoted(.0))]
    DuplicateId(StatementId),
    /// A relation (or an edit) names a statement that does not exist.
    #[error("unknown statement id \"{}\"", Quoted(.0))]
    UnknownStatement(StatementId),
    /// An edit names a relation that does not exist.
    #[error("unknown relation #{}", .0.0)]
    UnknownRelation(RelationId),
    /// A relation names itself as the relation it undercuts.
    #[error("a relation cannot undercut itself")]
    SelfUndercut,
    /// A relation has no premises.
    #[error("a relation to \"{}\" has no premises", Quoted(&.0.to_string()))]
    EmptyPremises(Target),
    /// A relation lists the same premise twice.
    #[error("a relation to \"{}\" lists premise \"{}\" twice", Quoted(&conclusion.to_string()), Quoted(premise))]
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
    /// A relation a statement answers a critical question of cannot be removed on its own.
    #[error("relation #{} has a critical question a statement answers", .0.0)]
    RelationAnswered(RelationId),
    /// A statement answers a question of a relation the map does not have.
    #[error("statement \"{}\" answers a question of relation #{}, which the map does not have", Quoted(.0), .1.0)]
    AnswersNoRelation(StatementId, RelationId),
    /// A statement in a file answers a question of a relation no relation of the file is called.
    #[error("statement \"{}\" answers a question of relation \"{}\", but no relation has that id", Quoted(.0), .1)]
    AnswersUnnamed(StatementId, String),
    /// A scheme id is empty or too long.
    #[error(
        "a scheme id must be a short name such as \"expert-opinion\" (at most 100 characters, not empty)"
    )]
    InvalidScheme,
    /// A file doubts a question of a relation no relation of the file is called.
    #[error("a critical question of relation \"{}\" is doubted, but no relation has that id", .0)]
    DoubtsUnnamed(String),
    /// A relation doubts critical questions but names no scheme, or lists a question twice.
    #[error(
        "only the critical questions of a relation's scheme can be doubted: this relation names no scheme, or the question is past the 64th"
    )]
    InvalidDoubts,
    /// A statement is a premise of a relation that concludes in itself.
    #[error("statement \"{}\" is its own premise", Quoted(.0))]
    SelfPremise(StatementId),
    /// A pinned position is not a number, or too far out to draw.
    #[error(
        "statement \"{}\" has a position that is not a number between -{MAX_COORDINATE:e} and {MAX_COORDINATE:e}",
        Quoted(.0)
    )]
    NonFinitePosition(StatementId),
    /// A statement's text is longer than [`MAX_TEXT_CHARS`].
    #[error(
        "statement \"{}\" has {chars} characters of text; a statement may have at most {MAX_TEXT_CHARS}",
        Quoted(id)
    )]
    TextTooLong {
        /// The statement.
        id: StatementId,
        /// How long its text is.
        chars: usize,
    },
    /// Another text of the map (a title, label, note, source, id) is longer than argmap keeps.
    #[error(
        "{}{what} has {chars} characters; argmap keeps at most {max}",
        owner.as_ref().map(|id| format!("statement \"{}\": ", Quoted(id))).unwrap_or_default()
    )]
    TooLong {
        /// The statement it belongs to, if it belongs to one.
        owner: Option<StatementId>,
        /// What it is, in words ("its note", "the map's title").
        what: &'static str,
        /// The field of the file that holds it (`note`, `title`).
        field: &'static str,
        /// How long it is.
        chars: usize,
        /// How long it may be.
        max: usize,
    },
    /// A statement is marked both rejected and accepted.
    #[error("statement \"{}\" is marked both rejected and accepted; keep one of the two", Quoted(.0))]
    ContradictoryMarks(StatementId),
    /// A statement that relations or a what-if mark still refer to cannot be removed on its own.
    #[error("statement \"{}\" still has relations, a what-if mark or a group", Quoted(.0))]
    StatementInUse(StatementId),
    /// A group with an id that is not a slug, or a title that is empty or too long.
    #[error("group \"{}\": {}", Quoted(.0), .1)]
    InvalidGroup(StatementId, &'static str),
    /// Two groups share an id.
    #[error("duplicate group id \"{}\"", Quoted(.0))]
    DuplicateGroup(StatementId),
    /// An edit or a member names a group that does not exist.
    #[error("unknown group \"{}\"", Quoted(.0))]
    UnknownGroup(StatementId),
    /// A group that still has members cannot be removed on its own.
    #[error("group \"{}\" still has members", Quoted(.0))]
    GroupInUse(StatementId),
    /// A statement listed as a member of two groups.
    #[error(
        "statement \"{}\" is already a member of group \"{}\"; a statement belongs to one group at most",
        Quoted(statement),
        Quoted(first)
    )]
    TwoGroups {
        /// The statement.
        statement: StatementId,
        /// The group it was listed in first.
        first: StatementId,
    },
    /// An error found in a group of a file; shown with its 1-based number.
    #[error("group {}: {source}", .index + 1)]
    InGroup {
        /// 0-based position of the group in the file.
        index: usize,
        /// What is wrong with it.
        source: Box<ModelError>,
    },
    /// An error found in a merge conflict a file records; shown with its 1-based number.
    #[error("conflict {}: {source}", .index + 1)]
    InConflict {
        /// 0-based position of the conflict in the file.
        index: usize,
        /// What is wrong with it.
        source: Box<ModelError>,
    },
    /// A statement's source names a document the map does not list.
    #[error(
        "statement \"{}\": its source names document \"{}\", which the map does not list",
        Quoted(statement),
        Quoted(document)
    )]
    UnknownDocument {
        /// The statement.
        statement: StatementId,
        /// The document it names.
        document: StatementId,
    },
    /// A document's id is not a slug.
    #[error("document id \"{}\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)", Quoted(.0))]
    InvalidDocumentId(StatementId),
    /// Two source documents share an id.
    #[error("duplicate document id \"{}\"", Quoted(.0))]
    DuplicateDocument(StatementId),
    /// An error found in a source document of a file; shown with its 1-based number.
    #[error("document {}: {source}", .index + 1)]
    InDocument {
        /// 0-based position of the document in the file.
        index: usize,
        /// What is wrong with it.
        source: Box<ModelError>,
    },
    /// An error found in a relation of a file; shown with its 1-based number.
    #[error("relation {}: {source}", .index + 1)]
    InRelation {
        /// 0-based position of the relation in the file.
        index: usize,
        /// What is wrong with it.
        source: Box<ModelError>,
    },
    /// An error found in the what-if marks of a file (its `evaluation` section).
    #[error("what-if marks: {0}")]
    InMarks(Box<ModelError>),
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
            Self::InRelation { source, .. }
            | Self::InGroup { source, .. }
            | Self::InConflict { source, .. }
            | Self::InDocument { source, .. }
            | Self::InMarks(source) => source.root(),
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
            | Self::ContradictoryMarks(id)
            | Self::StatementInUse(id)
            | Self::DuplicateDocument(id)
            | Self::InvalidDocumentId(id) => Some(id),
            Self::UnknownDocument { statement, .. } => Some(statement),
            Self::TwoGroups { statement, .. } => Some(statement),
            Self::TextTooLong { id, .. } => Some(id),
            Self::TooLong { owner, .. } => owner.as_ref(),
            Self::DuplicatePremise { premise, .. } => Some(premise),
            _ => None,
        }
    }
}

/// The longest text a statement may have, in characters (a long paragraph is a few thousand);
/// also the bound of notes, source quotes and relation descriptions.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// The longest map title or relation label, in characters (both are one line).
pub const MAX_NAME_CHARS: usize = 1_000;

/// The longest source reference or field of the map's source (title, author, URL), in characters.
pub const MAX_REFERENCE_CHARS: usize = 10_000;

/// The longest statement id, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// How far from the origin a pinned position may be, in map units either way (far beyond any
/// map; further out, an f32 no longer places a box to the unit).
pub const MAX_COORDINATE: f32 = 1.0e8;

/// Refuses a text longer than [`MAX_TEXT_CHARS`].
pub fn text(id: &StatementId, text: &str) -> Result<(), ModelError> {
    // Byte length bounds the character count from above: count only when it could be too long.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        return Err(ModelError::TextTooLong { id: id.clone(), chars: text.chars().count() });
    }
    Ok(())
}

/// Refuses a `value` longer than `max` characters.
fn bounded(
    owner: Option<&StatementId>,
    what: &'static str,
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<(), ModelError> {
    if value.len() > max && value.chars().count() > max {
        let chars = value.chars().count();
        return Err(ModelError::TooLong { owner: owner.cloned(), what, field, chars, max });
    }
    Ok(())
}

/// Whether `id` is a valid statement id: non-empty, of letters, digits, `-`, `_` and `.`, and not
/// only dots (`.` and `..` name folders).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !id.chars().all(|c| c == '.')
}

/// A statement's note, bounded.
pub fn note(id: &StatementId, note: Option<&str>) -> Result<(), ModelError> {
    note.map_or(Ok(()), |n| bounded(Some(id), "its note", "note", n, MAX_TEXT_CHARS))
}

/// A relation's scheme id: not empty, at most 100 characters, one line.
pub fn scheme(scheme: Option<&str>) -> Result<(), ModelError> {
    match scheme {
        Some(s) if s.trim().is_empty() || s.chars().count() > 100 || s.contains(char::is_control) => {
            Err(ModelError::InvalidScheme)
        }
        _ => Ok(()),
    }
}

/// The critical questions a relation doubts: only with a scheme, in increasing order (so each
/// once), each below the most questions a scheme may ask.
pub fn doubts(relation: &Relation) -> Result<(), ModelError> {
    let d = &relation.doubted;
    let ordered = d.windows(2).all(|w| w[0] < w[1]);
    if d.is_empty() || (relation.scheme.is_some() && ordered && d.iter().all(|&q| q < MAX_QUESTIONS)) {
        Ok(())
    } else {
        Err(ModelError::InvalidDoubts)
    }
}

/// The place of a critical question a relation may doubt is below this (no scheme asks nearly
/// as many).
pub const MAX_QUESTIONS: usize = 64;

/// A statement's source, bounded.
pub fn source(id: &StatementId, source: Option<&super::Source>) -> Result<(), ModelError> {
    let Some(s) = source else { return Ok(()) };
    bounded(Some(id), "its source quote", "quote", &s.quote, MAX_TEXT_CHARS)?;
    bounded(Some(id), "its source reference", "reference", &s.reference, MAX_REFERENCE_CHARS)
}

/// A source document's texts, bounded.
pub fn document_fields(d: &super::SourceDocument) -> Result<(), ModelError> {
    bounded(None, "a document's title", "title", &d.title, MAX_NAME_CHARS)?;
    let fields = [
        ("a document's author", "author", d.author.as_ref()),
        ("a document's publisher", "publisher", d.publisher.as_ref()),
        ("a document's URL", "url", d.url.as_ref()),
        ("a document's licence", "licence", d.licence.as_ref()),
        ("a document's file name", "file", d.file.as_ref()),
    ];
    for (what, field, value) in fields {
        if let Some(v) = value {
            bounded(None, what, field, v, MAX_REFERENCE_CHARS)?;
        }
    }
    Ok(())
}

/// A pinned position: finite and within [`MAX_COORDINATE`].
pub fn position(id: &StatementId, pinned: Option<super::Pos>) -> Result<(), ModelError> {
    let fits = |v: f32| v.is_finite() && v.abs() <= MAX_COORDINATE;
    match pinned {
        Some(p) if !(fits(p.x) && fits(p.y)) => Err(ModelError::NonFinitePosition(id.clone())),
        _ => Ok(()),
    }
}

/// The map's title and source, bounded.
pub fn map_fields(title: &str, source: Option<&MapSource>) -> Result<(), ModelError> {
    bounded(None, "the map's title", "title", title, MAX_NAME_CHARS)?;
    let Some(s) = source else { return Ok(()) };
    let fields = [
        ("the source's title", Some(&s.title)),
        ("the source's author", s.author.as_ref()),
        ("the source's publisher", s.publisher.as_ref()),
        ("the source's licence", s.licence.as_ref()),
        ("the source's URL", s.url.as_ref()),
    ];
    for (what, value) in fields {
        if let Some(v) = value {
            bounded(None, what, "source", v, MAX_REFERENCE_CHARS)?;
        }
    }
    Ok(())
}

/// The invariants of one statement on its own.
pub(super) fn statement(statement: &Statement) -> Result<(), ModelError> {
    let id = &statement.id;
    if id.is_empty() {
        return Err(ModelError::EmptyId);
    }
    bounded(Some(id), "its id", "id", id, MAX_ID_CHARS)?;
    if !is_slug(id) {
        return Err(ModelError::InvalidId(id.clone()));
    }
    position(id, statement.pinned)?;
    text(id, &statement.text)?;
    note(id, statement.note.as_deref())?;
    source(id, statement.source.as_ref())
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
    if let Some(label) = &relation.label {
        bounded(None, "its label", "label", label, MAX_NAME_CHARS)?;
    }
    scheme(relation.scheme.as_deref())?;
    doubts(relation)?;
    if let Some(description) = &relation.description {
        bounded(None, "its description", "description", description, MAX_TEXT_CHARS)?;
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
