//! The plain data of a map: statements, relations, sources, positions, roles.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// The project's own name for a statement: a readable slug such as `honest-broker`, unique in its
/// map and stable for the statement's life (files, undo steps and selections hold it).
///
/// Shared, not copied: cloning an id (into a layout, a scene, an undo step) costs a reference
/// count, not an allocation, which keeps per-edit work on large maps small.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementId(Arc<str>);

impl StatementId {
    /// An id from its text (not checked: [`crate::model::is_slug`] says what a valid one is).
    pub fn new(id: impl Into<Arc<str>>) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for StatementId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StatementId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

impl std::ops::Deref for StatementId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for StatementId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StatementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for StatementId {
    fn from(s: &str) -> Self {
        Self(s.into())
    }
}

impl From<String> for StatementId {
    fn from(s: String) -> Self {
        Self(s.into())
    }
}

/// A relation's identity within one open map. It is also its file-order key: relations are listed
/// in the order of their ids. Not written to files; a loaded map numbers its relations from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationId(pub u64);

/// A position on the map, in map units (one unit is one logical pixel at 100% zoom).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pos {
    /// Horizontal, growing to the right.
    pub x: f32,
    /// Vertical, growing downwards.
    pub y: f32,
}

/// Where a statement comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The exact sentence (or part of one) of the source the statement is taken from.
    pub quote: String,
    /// Where the quote comes from: a title, page, paragraph or URL.
    pub reference: String,
    /// The map's source document it is quoted from, if the map lists it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<StatementId>,
    /// Where the quote sits in that document's text, once located.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<super::Location>,
}

/// A statement: one claim of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Unique, stable id.
    pub id: StatementId,
    /// What the statement says.
    pub text: String,
    /// Where it comes from, if the user recorded it.
    pub source: Option<Source>,
    /// A free note.
    pub note: Option<String>,
    /// A position the user pinned by dragging; `None` lets the layout place it.
    pub pinned: Option<Pos>,
    /// The critical question of an argument this statement answers, if it was added as the
    /// answer to one (see [`crate::schemes`]).
    pub answers: Option<Answer>,
}

impl Statement {
    /// A statement with only an id and text.
    pub fn new(id: impl Into<StatementId>, text: impl Into<String>) -> Self {
        Self { id: id.into(), text: text.into(), source: None, note: None, pinned: None, answers: None }
    }
}

/// A critical question of an argument: the relation, and the question's place (from 0) in the
/// list of its scheme's questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Answer {
    /// The argument (a relation) whose question it is.
    pub relation: RelationId,
    /// Which of its scheme's critical questions.
    pub question: usize,
}

/// How a map is arranged on the canvas and in pictures; saved with the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Arrangement {
    /// Whichever of the others fits best the frame the map is drawn in (the window, the page or
    /// the slide).
    #[default]
    Automatic,
    /// The claim on top, the reasons and objections of each statement below it.
    TopDown,
    /// The claim on the left, the reasons and objections of each statement stacked to its right.
    LeftToRight,
    /// The claim in the middle, its reasons on the left and its objections on the right, each
    /// branch growing outwards.
    TwoSides,
    /// Made for a page: each statement indented under the one it answers, in the tree's order,
    /// the list flowed into columns (a long map's densest arrangement).
    Outline,
}

impl Arrangement {
    /// Every arrangement, Automatic first.
    pub const ALL: [Arrangement; 5] = [
        Arrangement::Automatic,
        Arrangement::TopDown,
        Arrangement::LeftToRight,
        Arrangement::TwoSides,
        Arrangement::Outline,
    ];

    /// What the user sees it called.
    pub fn label(self) -> &'static str {
        match self {
            Arrangement::Automatic => "Automatic (fits the window)",
            Arrangement::TopDown => "Top down",
            Arrangement::LeftToRight => "Left to right",
            Arrangement::TwoSides => "Two sides: reasons left, objections right",
            Arrangement::Outline => "Outline: indented, in columns (for print)",
        }
    }

    /// Its name in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Arrangement::Automatic => "automatic",
            Arrangement::TopDown => "top_down",
            Arrangement::LeftToRight => "left_to_right",
            Arrangement::TwoSides => "two_sides",
            Arrangement::Outline => "outline",
        }
    }
}

/// Whether a relation argues for or against its conclusion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// The premises, together, are a reason for the conclusion.
    Support,
    /// The premises, together, are an objection to the conclusion.
    Objection,
}

impl RelationKind {
    /// `"support"` or `"objection"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::Objection => "objection",
        }
    }

    /// The other kind.
    pub fn flipped(self) -> Self {
        match self {
            Self::Support => Self::Objection,
            Self::Objection => Self::Support,
        }
    }
}

/// What a relation argues for or against: a statement, or (for an undercut) another relation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A statement: the relation supports or objects to it.
    Statement(StatementId),
    /// A relation: the premises object to the inference itself ("they may be true, but they do
    /// not support that conclusion"), as Argdown's `_` and AIF's CA-to-RA edge say. Only
    /// objections undercut, and only relations that target a statement can be undercut.
    Relation(RelationId),
}

impl Target {
    /// The statement targeted, if it is one.
    pub fn statement(&self) -> Option<&StatementId> {
        match self {
            Self::Statement(id) => Some(id),
            Self::Relation(_) => None,
        }
    }

    /// The relation undercut, if this is an undercut.
    pub fn relation(&self) -> Option<RelationId> {
        match self {
            Self::Statement(_) => None,
            Self::Relation(id) => Some(*id),
        }
    }

    /// Whether this targets the statement `id`.
    pub fn is(&self, id: &str) -> bool {
        self.statement().is_some_and(|s| s.as_str() == id)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Statement(id) => f.write_str(id),
            Self::Relation(id) => write!(f, "relation #{}", id.0),
        }
    }
}

impl From<&str> for Target {
    fn from(s: &str) -> Self {
        Self::Statement(s.into())
    }
}

/// One reason or objection: premises that together support or object to one conclusion. With
/// more than one premise it is a linked argument of co-premises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// Support or objection.
    pub kind: RelationKind,
    /// The co-premises, at least one.
    pub premises: Vec<StatementId>,
    /// The statement supported or objected to, or the relation undercut.
    pub conclusion: Target,
    /// A short title: Argdown's argument title, an AIF scheme name such as "ExpertOpinion".
    pub label: Option<String>,
    /// A longer description of the argument.
    pub description: Option<String>,
    /// How much the user thinks the relation weighs (Rationale-style assessment), if rated.
    pub rating: Option<Rating>,
    /// The argument scheme it follows, by id in the catalogue ([`crate::schemes::Catalogue`]).
    pub scheme: Option<String>,
    /// The critical questions of its scheme the user doubts (what-if), by place from 0, in
    /// order: while open, each counts as an undercut that stands ([`crate::eval`]).
    pub doubted: Vec<usize>,
}

/// The user's assessment of a reason or objection: how much it weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// It weighs a lot.
    Strong,
    /// It weighs a little.
    Weak,
    /// It weighs nothing (the user heard it and finds it empty).
    #[serde(rename = "none")]
    Nil,
}

impl Rating {
    /// `"strong"`, `"weak"` or `"none"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Strong => "strong",
            Self::Weak => "weak",
            Self::Nil => "none",
        }
    }
}

/// A what-if mark: the user takes a statement as rejected, or as accepted as given, whatever the
/// map says. Marks are saved with the map but kept apart from the argument itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Taken as false: labelled `out`.
    Rejected,
    /// Taken as given: labelled `in`, whatever objects to it.
    Accepted,
}

impl Relation {
    /// A relation of one premise.
    pub fn single(kind: RelationKind, premise: &str, conclusion: &str) -> Self {
        Self::new(kind, vec![premise.into()], conclusion.into())
    }

    /// A relation without label or description.
    pub fn new(kind: RelationKind, premises: Vec<StatementId>, conclusion: Target) -> Self {
        Self {
            kind,
            premises,
            conclusion,
            label: None,
            description: None,
            rating: None,
            scheme: None,
            doubted: Vec::new(),
        }
    }

    /// An undercut of relation `target` by one premise.
    pub fn undercut(premise: &str, target: RelationId) -> Self {
        Self::new(RelationKind::Objection, vec![premise.into()], Target::Relation(target))
    }

    /// Whether it has co-premises (more than one premise).
    pub fn is_linked(&self) -> bool {
        self.premises.len() > 1
    }

    /// Whether it objects to a relation rather than a statement.
    pub fn is_undercut(&self) -> bool {
        matches!(self.conclusion, Target::Relation(_))
    }
}

/// The role of a statement, derived from the relations (never stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Supports or objects to nothing: the question at the top, or a free-standing claim.
    Claim,
    /// A premise of a support.
    Reason,
    /// A premise of an objection to a claim or a reason.
    Objection,
    /// A premise of an objection to an objection.
    Rebuttal,
}

impl Role {
    /// All roles, in the order summaries list them.
    pub const ALL: [Role; 4] = [Role::Claim, Role::Reason, Role::Objection, Role::Rebuttal];

    /// `"claim"`, `"reason"`, `"objection"` or `"rebuttal"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Reason => "reason",
            Self::Objection => "objection",
            Self::Rebuttal => "rebuttal",
        }
    }
}

work! {
    /// The source of a whole map, such as the article it maps.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct MapSource {} then {}
}

impl MapSource {
    /// One line citing the source: `Title. Author. Publisher, Year. Licence. URL`.
    pub fn citation(&self) -> String {
        let mut parts = vec![self.title.clone()];
        if let Some(a) = &self.author {
            parts.push(a.clone());
        }
        match (&self.publisher, self.year) {
            (Some(p), Some(y)) => parts.push(format!("{p}, {y}")),
            (Some(p), None) => parts.push(p.clone()),
            (None, Some(y)) => parts.push(y.to_string()),
            (None, None) => {}
        }
        parts.extend(self.licence.clone());
        parts.extend(self.url.clone());
        let mut out = String::new();
        for part in parts {
            if !out.is_empty() {
                out.push_str(if out.ends_with(['.', '?', '!']) { " " } else { ". " });
            }
            out.push_str(part.trim());
        }
        out
    }
}
