//! The argument map: statements, relations between them, and the roles they derive.
//!
//! Owns the in-memory model and its invariants. A map is a petgraph [`StableDiGraph`] with two
//! kinds of node, as AIF has them: a *statement* (an I-node) and an *inference* (an RA/CA-node)
//! that stands for one relation. Every premise of a relation has an edge into the inference node,
//! and the inference node has one edge to the conclusion, so a linked argument (co-premises that
//! only together make one reason) is one thing in the graph.
//!
//! Statements are named by the project's own [`StatementId`] (a readable slug) and relations by a
//! [`RelationId`]; petgraph's indices never leave this module, because petgraph reuses them after
//! a deletion.
//!
//! Must not touch: egui, files, or anything else with side effects. Changes go through
//! [`crate::edit`], which keeps the invariants listed on [`ArgumentMap::validate`].

/// Declares a struct with the fields of a published work (title, author, publisher, year,
/// licence, url, in that file order) between the struct's own fields: a map's source and each of
/// its source documents describe a work the same way, and the map file keeps both flat.
macro_rules! work {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$bm:meta])* pub $b:ident: $bt:ty,)*
        } then {
            $($(#[$am:meta])* pub $a:ident: $at:ty,)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$bm])* pub $b: $bt,)*
            /// The work's title.
            pub title: String,
            /// Author or authors, if named.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub author: Option<String>,
            /// Publisher, journal or site.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub publisher: Option<String>,
            /// Year of publication.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub year: Option<i32>,
            /// The licence it is published under.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub licence: Option<String>,
            /// Where it is published.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub url: Option<String>,
            $($(#[$am])* pub $a: $at,)*
        }
    };
}

mod check;
mod conflicts;
mod documents;
mod groups;
mod matching;
mod topology;
mod types;

pub use check::{
    MAX_COORDINATE, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_QUESTIONS, MAX_REFERENCE_CHARS, MAX_TEXT_CHARS,
    ModelError, doubts as check_doubts, is_slug, map_fields as check_map_fields, note as check_note,
    position as check_position, scheme as check_scheme, source as check_source, text as check_text,
};
pub use conflicts::{Conflict, Field as ConflictField};
pub use documents::{Location, SourceDocument, check_document, citation, named_paragraph};
pub use groups::{Group, check_group};
pub use matching::{Matched, match_relations, match_same_relations, pair_statements};
pub use topology::{Index, Rel, Topology, both};
pub use types::{
    Answer, Arrangement, MapSource, Mark, Pos, Rating, Relation, RelationId, RelationKind, Role, Source,
    Statement, StatementId, Target,
};

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use smallvec::SmallVec;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// A node of the graph: a statement or the inference node of one relation.
#[derive(Clone, Debug)]
enum Node {
    /// A statement at file-order place `seq`; `rev` is its revision (see [`fresh_revision`]).
    Statement { seq: u64, rev: u64, statement: Statement },
    /// A relation, with the nodes it joins (its premises in premise order, its conclusion), so
    /// [`Topology`] follows it without looking ids up.
    Inference {
        id: RelationId,
        relation: Relation,
        premises: SmallVec<[NodeIndex; 3]>,
        conclusion: NodeIndex,
    },
}

/// A number no statement revision had before, in this process: a statement gets one when it is
/// added and whenever it can change, so two statements with the same revision (in any maps, such
/// as a map and its clone) have the same content. Derived data (wrapped text, box sizes) is
/// reused by revision after an edit, without reading the text again.
fn fresh_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, AtomicOrdering::Relaxed)
}

/// An edge of the graph: from a premise into an inference node, or from there to the conclusion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Premise,
    Conclusion,
}

/// A relation with the slots of the nodes it joins (see [`ArgumentMap::relation_slots`]).
pub(crate) struct Wired<'a> {
    slot: usize,
    id: RelationId,
    relation: &'a Relation,
    premises: &'a [NodeIndex],
    conclusion: usize,
}

/// An argument map: its title and source, its statements and the relations between them.
///
/// Statements and relations keep the order they were added in (the file order); a statement or
/// relation that is removed and restored by undo goes back to its old place.
#[derive(Clone, Debug, Default)]
pub struct ArgumentMap {
    /// The title of the map, usually the question it maps.
    pub title: String,
    /// Where the map's content comes from, if anywhere.
    pub source: Option<MapSource>,
    /// How the map is arranged when drawn.
    pub arrangement: Arrangement,
    graph: StableDiGraph<Node, Link>,
    by_id: foldhash::HashMap<StatementId, NodeIndex>,
    /// Statements in file order, by their sequence number.
    statement_order: BTreeMap<u64, NodeIndex>,
    /// Relations in file order (a relation's id is its sequence number).
    relation_order: BTreeMap<RelationId, NodeIndex>,
    /// What-if marks, by statement.
    marks: BTreeMap<StatementId, Mark>,
    /// Named groups, in file order.
    groups: Vec<Group>,
    /// Each group's place in `groups`, by id.
    group_places: foldhash::HashMap<StatementId, usize>,
    /// Source documents, in file order.
    documents: Vec<SourceDocument>,
    /// What a merge left unsettled, until the user chooses.
    conflicts: Vec<Conflict>,
    /// The group of each grouped statement.
    group_of: BTreeMap<StatementId, StatementId>,
    /// The statements answering a critical question of each relation ([`Statement::answers`]).
    answered_by: BTreeMap<RelationId, BTreeSet<StatementId>>,
    next_seq: u64,
    next_relation: u64,
}

/// Two maps are equal when they hold the same title, source, statements and relations in the same
/// order (an undercut's target compared by its place in that order); internal numbering does not
/// count.
impl PartialEq for ArgumentMap {
    fn eq(&self, other: &Self) -> bool {
        // Undercuts name their target by id; compare by the target's place in file order instead
        // (the places listed only when an undercut or an answer asks: most maps differ, or have
        // none, before that).
        type Places = std::cell::OnceCell<foldhash::HashMap<RelationId, usize>>;
        let (mine, theirs) = (Places::new(), Places::new());
        let place = |places: &Places, m: &Self, id: &RelationId| {
            let of = || m.relation_order.keys().enumerate().map(|(i, &id)| (id, i)).collect();
            places.get_or_init(of).get(id).copied()
        };
        let same = |(_, a): (RelationId, &Relation), (_, b): (RelationId, &Relation)| {
            a.kind == b.kind
                && a.premises == b.premises
                && a.label == b.label
                && a.description == b.description
                && a.rating == b.rating
                && a.scheme == b.scheme
                && a.doubted == b.doubted
                && match (&a.conclusion, &b.conclusion) {
                    (Target::Statement(x), Target::Statement(y)) => x == y,
                    (Target::Relation(x), Target::Relation(y)) => {
                        place(&mine, self, x) == place(&theirs, other, y)
                    }
                    _ => false,
                }
        };
        // A statement's answer names its relation by id too: compared by the relation's place.
        let same_statement = |a: &Statement, b: &Statement| {
            let answer = |s: &Statement, places: &Places, m: &Self| {
                s.answers.map(|x| (place(places, m, &x.relation), x.question))
            };
            // Every field but the answer, compared in place (a map's equality is asked of whole
            // maps of 100,000 statements before a merge: nothing copied).
            let Statement { id, text, source, note, pinned, answers: _ } = a;
            (id, text, source, note, pinned) == (&b.id, &b.text, &b.source, &b.note, &b.pinned)
                && answer(a, &mine, self) == answer(b, &theirs, other)
        };
        self.title == other.title
            && self.arrangement == other.arrangement
            && self.source == other.source
            && self.marks == other.marks
            && self.groups == other.groups
            && self.documents == other.documents
            && self.conflicts == other.conflicts
            && self.group_of == other.group_of
            && self.statement_count() == other.statement_count()
            && self.statements().zip(other.statements()).all(|(a, b)| same_statement(a, b))
            && self.relation_count() == other.relation_count()
            && self.relations().zip(other.relations()).all(|(a, b)| same(a, b))
    }
}

impl ArgumentMap {
    /// An empty map with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self { title: title.into(), ..Self::default() }
    }

    /// Builds a map from statements and relations in file order, checking every invariant.
    pub fn from_parts(
        title: String,
        source: Option<MapSource>,
        statements: Vec<Statement>,
        relations: Vec<Relation>,
    ) -> Result<Self, ModelError> {
        check::map_fields(&title, source.as_ref())?;
        let mut map = Self { title, source, ..Self::default() };
        map.reserve(statements.len(), relations.iter());
        for statement in statements {
            let seq = map.next_seq;
            map.insert_statement(seq, statement)?;
        }
        // Relation i gets id i; undercuts go in last, so they may come before their target.
        let (undercuts, plain): (Vec<_>, Vec<_>) =
            relations.into_iter().enumerate().partition(|(_, r)| r.is_undercut());
        for (index, relation) in plain.into_iter().chain(undercuts) {
            map.insert_relation(RelationId(index as u64), relation).map_err(|e| e.in_relation(index))?;
        }
        // A statement answers a question of a relation the map has.
        let missing = map.answered_by.iter().find(|(r, _)| !map.relation_order.contains_key(r));
        if let Some((&relation, by)) = missing
            && let Some(id) = by.iter().next()
        {
            return Err(ModelError::AnswersNoRelation(id.clone(), relation));
        }
        Ok(map)
    }

    /// Room for these statements and relations at once (a long map is not copied as it grows).
    pub(crate) fn reserve<'r>(
        &mut self,
        statements: usize,
        relations: impl ExactSizeIterator<Item = &'r Relation>,
    ) {
        let count = relations.len();
        self.graph.reserve_nodes(statements + count);
        let premises: usize = relations.map(|r| r.premises.len()).sum();
        self.graph.reserve_edges(premises + count);
        self.by_id.reserve(statements);
    }

    /// Whether any statement answers a critical question.
    pub(crate) fn has_answers(&self) -> bool {
        !self.answered_by.is_empty()
    }

    /// The statements answering a critical question of relation `id`, with their answers.
    pub fn answering(&self, id: RelationId) -> Vec<(StatementId, Answer)> {
        let by = self.answered_by.get(&id).into_iter().flatten();
        by.filter_map(|s| Some((s.clone(), self.statement(s)?.answers?))).collect()
    }

    /// The critical questions of relation `id` the user doubts that no statement answers yet
    /// (an answer takes the doubt's place: the evaluation weighs the real counter-claim).
    pub fn open_doubts(&self, id: RelationId) -> Vec<usize> {
        let Some(r) = self.relation(id).filter(|r| !r.doubted.is_empty()) else { return Vec::new() };
        let answered: Vec<usize> = self.answering(id).into_iter().map(|(_, a)| a.question).collect();
        r.doubted.iter().copied().filter(|q| !answered.contains(q)).collect()
    }

    /// Sets which critical question statement `id` answers; returns what it answered before.
    pub(crate) fn set_answers(
        &mut self,
        id: &str,
        answers: Option<Answer>,
    ) -> Result<Option<Answer>, ModelError> {
        if let Some(a) = answers
            && !self.relation_order.contains_key(&a.relation)
        {
            return Err(ModelError::AnswersNoRelation(id.into(), a.relation));
        }
        let s = self.statement_mut(id).ok_or_else(|| ModelError::UnknownStatement(id.into()))?;
        let old = std::mem::replace(&mut s.answers, answers);
        self.unindex_answer(id, old);
        self.index_answer(id, answers);
        Ok(old)
    }

    fn index_answer(&mut self, id: &str, answers: Option<Answer>) {
        if let Some(a) = answers {
            self.answered_by.entry(a.relation).or_default().insert(id.into());
        }
    }

    fn unindex_answer(&mut self, id: &str, answers: Option<Answer>) {
        if let Some(a) = answers
            && let Some(by) = self.answered_by.get_mut(&a.relation)
        {
            by.remove(id);
            if by.is_empty() {
                self.answered_by.remove(&a.relation);
            }
        }
    }

    /// [`ArgumentMap::from_parts`] with what-if marks.
    pub fn with_marks(
        mut self,
        marks: impl IntoIterator<Item = (StatementId, Mark)>,
    ) -> Result<Self, ModelError> {
        for (id, mark) in marks {
            self.set_mark(&id, Some(mark))?;
        }
        Ok(self)
    }

    /// Number of statements.
    pub fn statement_count(&self) -> usize {
        self.statement_order.len()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.relation_order.len()
    }

    /// All statements, in file order.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> + '_ {
        self.statement_order.values().filter_map(|&ix| self.statement_at(ix))
    }

    /// All relations with their ids, in file order.
    pub fn relations(&self) -> impl Iterator<Item = (RelationId, &Relation)> + '_ {
        self.relation_order.iter().filter_map(|(&id, &ix)| Some((id, self.relation_at(ix)?)))
    }

    /// The statement with this id.
    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.statement_at(*self.by_id.get(id)?)
    }

    /// Whether a statement with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// A number above every relation's id.
    pub(crate) fn relation_bound(&self) -> u64 {
        self.relation_order.last_key_value().map_or(0, |(id, _)| id.0.saturating_add(1))
    }

    /// The relation with this id.
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relation_at(*self.relation_order.get(&id)?)
    }

    /// The statement a relation argues about: its conclusion, or for an undercut the conclusion
    /// of the relation it undercuts (where the undercut hangs on the map).
    pub fn concluded<'a>(&'a self, relation: &'a Relation) -> Option<&'a StatementId> {
        match &relation.conclusion {
            Target::Statement(id) => Some(id),
            Target::Relation(r) => self.relation(*r)?.conclusion.statement(),
        }
    }

    /// The what-if marks, by statement id (in id order).
    pub fn marks(&self) -> &BTreeMap<StatementId, Mark> {
        &self.marks
    }

    /// The what-if mark of a statement.
    pub fn mark(&self, id: &str) -> Option<Mark> {
        self.marks.get(id).copied()
    }

    /// Sets or clears a statement's what-if mark; returns the old one.
    pub(crate) fn set_mark(
        &mut self,
        id: &StatementId,
        mark: Option<Mark>,
    ) -> Result<Option<Mark>, ModelError> {
        if !self.contains(id) {
            return Err(ModelError::UnknownStatement(id.clone()));
        }
        Ok(match mark {
            Some(m) => self.marks.insert(id.clone(), m),
            None => self.marks.remove(id),
        })
    }

    /// Position of the statement in file order (0-based).
    pub fn statement_position(&self, id: &str) -> Option<usize> {
        let seq = self.seq_of(id)?;
        Some(self.statement_order.range(..seq).count())
    }

    /// The relations this statement is a premise of, in file order.
    pub fn relations_from(&self, id: &str) -> Vec<RelationId> {
        self.adjacent_relations(id, Direction::Outgoing)
    }

    /// The relation a statement hangs by: the first it is a premise of (file order). It decides
    /// the statement's role and where the layout puts it; `None` for a claim.
    pub fn hangs_by(&self, id: &str) -> Option<RelationId> {
        self.relations_from(id).first().copied()
    }

    /// The statement a statement hangs under: the conclusion of the relation it hangs by (for
    /// an undercut, the conclusion of the relation it undercuts).
    pub fn parent_of(&self, id: &str) -> Option<&StatementId> {
        self.concluded(self.relation(self.hangs_by(id)?)?)
    }

    /// The relations that conclude in this statement (its reasons and objections), in file order.
    pub fn relations_to(&self, id: &str) -> Vec<RelationId> {
        self.adjacent_relations(id, Direction::Incoming)
    }

    /// The undercuts of a relation (objections to the relation itself), in file order.
    pub fn undercuts_of(&self, id: RelationId) -> Vec<RelationId> {
        match self.relation_order.get(&id) {
            Some(&ix) => self.relations_at(ix, Direction::Incoming),
            None => Vec::new(),
        }
    }

    fn adjacent_relations(&self, id: &str, dir: Direction) -> Vec<RelationId> {
        match self.by_id.get(id) {
            Some(&ix) => self.relations_at(ix, dir),
            None => Vec::new(),
        }
    }

    fn relations_at(&self, ix: NodeIndex, dir: Direction) -> Vec<RelationId> {
        let mut out: Vec<RelationId> = self
            .graph
            .edges_directed(ix, dir)
            .filter_map(|e| {
                let other = if dir == Direction::Outgoing { e.target() } else { e.source() };
                match self.graph.node_weight(other) {
                    Some(Node::Inference { id, .. }) => Some(*id),
                    _ => None,
                }
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The derived role of a statement.
    ///
    /// The role comes from the first relation (in file order) the statement is a premise of:
    /// none makes it a [`Role::Claim`], a support a [`Role::Reason`], an objection a
    /// [`Role::Objection`], or a [`Role::Rebuttal`] when the objected statement is itself a
    /// premise of an objection. An undercut of an objection makes a rebuttal, of a support an
    /// objection. The rule looks one step up only, so cycles cannot make it loop.
    pub fn role(&self, id: &str) -> Option<Role> {
        if !self.contains(id) {
            return None;
        }
        let Some(first) = self.hangs_by(id).and_then(|r| self.relation(r)) else {
            return Some(Role::Claim);
        };
        Some(match (&first.conclusion, first.kind) {
            (_, RelationKind::Support) => Role::Reason,
            (Target::Relation(r), RelationKind::Objection) => {
                if self.relation(*r).is_some_and(|r| r.kind == RelationKind::Objection) {
                    Role::Rebuttal
                } else {
                    Role::Objection
                }
            }
            (Target::Statement(c), RelationKind::Objection) => {
                let target_objects = self
                    .hangs_by(c)
                    .and_then(|r| self.relation(r))
                    .is_some_and(|r| r.kind == RelationKind::Objection);
                if target_objects { Role::Rebuttal } else { Role::Objection }
            }
        })
    }

    /// The role of every statement, in file order: [`ArgumentMap::role`] for all of them in one
    /// pass over the relations (linear in the size of the map).
    pub fn roles(&self) -> Vec<Role> {
        Topology::new(self).roles()
    }

    /// The statements that support or object to nothing, in file order.
    pub fn claims(&self) -> impl Iterator<Item = &Statement> + '_ {
        self.statements().filter(|s| self.relations_from(&s.id).is_empty())
    }

    /// A fresh statement id made from some text: a short slug of its first words, made unique.
    pub fn fresh_id(&self, text: &str) -> StatementId {
        StatementId::from(unique_slug(text, "statement", |c| self.contains(c)))
    }

    /// The sequence number the next new statement gets.
    pub fn next_statement_seq(&self) -> u64 {
        self.next_seq
    }

    /// The id the next new relation gets.
    pub fn next_relation_id(&self) -> RelationId {
        RelationId(self.next_relation)
    }

    /// The sequence number (file-order key) of a statement.
    pub fn seq_of(&self, id: &str) -> Option<u64> {
        match self.graph.node_weight(*self.by_id.get(id)?) {
            Some(Node::Statement { seq, .. }) => Some(*seq),
            _ => None,
        }
    }

    /// The model's internal slot of a statement (see [`Index`]).
    pub(crate) fn slot(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|ix| ix.index())
    }

    /// The statement in a slot.
    pub(crate) fn statement_in_slot(&self, slot: usize) -> Option<&Statement> {
        self.statement_at(NodeIndex::new(slot))
    }

    /// One more than the highest slot in use.
    pub(crate) fn slot_bound(&self) -> usize {
        petgraph::visit::NodeIndexable::node_bound(&self.graph)
    }

    /// Statements in file order with their slots and revisions.
    pub(crate) fn statement_slots(&self) -> impl Iterator<Item = (usize, u64, &Statement)> + '_ {
        self.statement_order.values().filter_map(|&ix| match self.graph.node_weight(ix) {
            Some(Node::Statement { rev, statement, .. }) => Some((ix.index(), *rev, statement)),
            _ => None,
        })
    }

    /// Relations in file order with the slots they join.
    pub(crate) fn relation_slots(&self) -> impl Iterator<Item = Wired<'_>> + '_ {
        self.relation_order.values().filter_map(|&ix| match self.graph.node_weight(ix) {
            Some(Node::Inference { id, relation, premises, conclusion }) => {
                Some(Wired { slot: ix.index(), id: *id, relation, premises, conclusion: conclusion.index() })
            }
            _ => None,
        })
    }

    /// A statement's revision: a number that changes whenever the statement may have changed and
    /// is never reused (see [`Topology::revisions`]).
    pub fn revision(&self, id: &str) -> Option<u64> {
        match self.graph.node_weight(*self.by_id.get(id)?) {
            Some(Node::Statement { rev, .. }) => Some(*rev),
            _ => None,
        }
    }

    fn statement_at(&self, ix: NodeIndex) -> Option<&Statement> {
        match self.graph.node_weight(ix) {
            Some(Node::Statement { statement, .. }) => Some(statement),
            _ => None,
        }
    }

    fn relation_at(&self, ix: NodeIndex) -> Option<&Relation> {
        match self.graph.node_weight(ix) {
            Some(Node::Inference { relation, .. }) => Some(relation),
            _ => None,
        }
    }

    // ---- primitive mutations, used by `edit` (each keeps every invariant or changes nothing) ----

    /// Mutable access to a statement's content. Its id must not be changed through this.
    /// A new revision is stamped on it, as it may change.
    pub(crate) fn statement_mut(&mut self, id: &str) -> Option<&mut Statement> {
        match self.graph.node_weight_mut(*self.by_id.get(id)?) {
            Some(Node::Statement { statement, rev, .. }) => {
                *rev = fresh_revision();
                Some(statement)
            }
            _ => None,
        }
    }

    /// Adds a statement at the file-order place `seq`.
    pub(crate) fn insert_statement(&mut self, seq: u64, statement: Statement) -> Result<(), ModelError> {
        self.try_insert_statement(seq, statement).map_err(|e| e.0)
    }

    /// [`Self::insert_statement`], the statement handed back with what is wrong when it cannot
    /// join (nothing changes then).
    pub(crate) fn try_insert_statement(
        &mut self,
        seq: u64,
        statement: Statement,
    ) -> Result<(), Box<(ModelError, Statement)>> {
        if let Err(e) = check::statement(&statement) {
            return Err(Box::new((e, statement)));
        }
        let (id, answers) = (statement.id.clone(), statement.answers);
        let std::collections::hash_map::Entry::Vacant(place) = self.by_id.entry(id.clone()) else {
            return Err(Box::new((ModelError::DuplicateId(id), statement)));
        };
        if self.statement_order.contains_key(&seq) {
            return Err(Box::new((
                ModelError::Internal(format!("statement slot {seq} is taken")),
                statement,
            )));
        }
        let ix = self.graph.add_node(Node::Statement { seq, rev: fresh_revision(), statement });
        place.insert(ix);
        self.index_answer(&id, answers);
        self.statement_order.insert(seq, ix);
        self.next_seq = self.next_seq.max(seq + 1);
        Ok(())
    }

    /// Removes a statement that no relation refers to; returns it with its file-order place.
    pub(crate) fn remove_statement(&mut self, id: &str) -> Result<(u64, Statement), ModelError> {
        let &ix = self.by_id.get(id).ok_or_else(|| ModelError::UnknownStatement(id.into()))?;
        if self.graph.edges_directed(ix, Direction::Incoming).next().is_some()
            || self.graph.edges_directed(ix, Direction::Outgoing).next().is_some()
            || self.marks.contains_key(id)
            || self.group_of.contains_key(id)
        {
            return Err(ModelError::StatementInUse(id.into()));
        }
        match self.graph.remove_node(ix) {
            Some(Node::Statement { seq, statement, .. }) => {
                self.by_id.remove(id);
                self.statement_order.remove(&seq);
                self.unindex_answer(id, statement.answers);
                Ok((seq, statement))
            }
            _ => Err(ModelError::Internal(format!("node of {id} is not a statement"))),
        }
    }

    /// Adds a relation under the given id (its file-order place).
    pub(crate) fn insert_relation(&mut self, id: RelationId, relation: Relation) -> Result<(), ModelError> {
        self.try_insert_relation(id, relation).map_err(|e| e.0)
    }

    /// [`Self::insert_relation`], the relation handed back with what is wrong when it cannot
    /// join (nothing changes then).
    pub(crate) fn try_insert_relation(
        &mut self,
        id: RelationId,
        relation: Relation,
    ) -> Result<(), Box<(ModelError, Relation)>> {
        if self.relation_order.contains_key(&id) {
            return Err(Box::new((ModelError::Internal(format!("relation {} is taken", id.0)), relation)));
        }
        if relation.conclusion == Target::Relation(id) {
            return Err(Box::new((ModelError::SelfUndercut, relation)));
        }
        let (premise_ixs, conclusion_ix) = match self.wiring(&relation) {
            Ok(wiring) => wiring,
            Err(e) => return Err(Box::new((e, relation))),
        };
        let premises = premise_ixs.iter().copied().collect();
        let ix = self.graph.add_node(Node::Inference { id, relation, premises, conclusion: conclusion_ix });
        self.connect(ix, &premise_ixs, conclusion_ix);
        self.relation_order.insert(id, ix);
        self.next_relation = self.next_relation.max(id.0 + 1);
        Ok(())
    }

    /// Checks a relation against the map and finds the nodes it joins (each statement looked up
    /// once: the check asks of those found).
    fn wiring(&self, relation: &Relation) -> Result<(Vec<NodeIndex>, NodeIndex), ModelError> {
        let found: Vec<Option<NodeIndex>> =
            relation.premises.iter().map(|p| self.by_id.get(p.as_str()).copied()).collect();
        let conclusion_ix = match &relation.conclusion {
            Target::Statement(c) => self.by_id.get(c.as_str()).copied(),
            Target::Relation(r) => self.relation_order.get(r).copied(),
        };
        let exists = |s: &str| match relation.premises.iter().position(|p| p.as_str() == s) {
            Some(k) => found[k].is_some(),
            None => relation.conclusion.is(s) && conclusion_ix.is_some(),
        };
        check::relation(relation, exists, |r| self.relation(r).map(|r| (r.kind, r.is_undercut())))?;
        let mut premise_ixs = Vec::with_capacity(found.len());
        for (p, ix) in relation.premises.iter().zip(found) {
            premise_ixs.push(ix.ok_or_else(|| ModelError::UnknownStatement(p.clone()))?);
        }
        let conclusion_ix = conclusion_ix.ok_or_else(|| match &relation.conclusion {
            Target::Statement(c) => ModelError::UnknownStatement(c.clone()),
            Target::Relation(r) => ModelError::UnknownRelation(*r),
        })?;
        Ok((premise_ixs, conclusion_ix))
    }

    fn connect(&mut self, ix: NodeIndex, premises: &[NodeIndex], conclusion: NodeIndex) {
        for &p in premises {
            self.graph.add_edge(p, ix, Link::Premise);
        }
        self.graph.add_edge(ix, conclusion, Link::Conclusion);
    }

    /// Removes a relation that nothing undercuts, and returns it.
    pub(crate) fn remove_relation(&mut self, id: RelationId) -> Result<Relation, ModelError> {
        let &ix = self.relation_order.get(&id).ok_or(ModelError::UnknownRelation(id))?;
        if self.graph.edges_directed(ix, Direction::Incoming).any(|e| *e.weight() == Link::Conclusion) {
            return Err(ModelError::RelationInUse(id));
        }
        if self.answered_by.contains_key(&id) {
            return Err(ModelError::RelationAnswered(id));
        }
        self.relation_order.remove(&id);
        match self.graph.remove_node(ix) {
            Some(Node::Inference { relation, .. }) => Ok(relation),
            _ => Err(ModelError::Internal(format!("node of relation {} is not an inference", id.0))),
        }
    }

    /// Puts another relation in the place of one (its undercuts stay on it); returns the old one.
    /// On error nothing changes.
    pub(crate) fn replace_relation(
        &mut self,
        id: RelationId,
        relation: Relation,
    ) -> Result<Relation, ModelError> {
        let &ix = self.relation_order.get(&id).ok_or(ModelError::UnknownRelation(id))?;
        if relation.conclusion == Target::Relation(id) {
            return Err(ModelError::Internal(format!("relation {} would undercut itself", id.0)));
        }
        let undercut =
            self.graph.edges_directed(ix, Direction::Incoming).any(|e| *e.weight() == Link::Conclusion);
        if undercut && relation.is_undercut() {
            return Err(ModelError::UndercutOfUndercut);
        }
        let (premise_ixs, conclusion_ix) = self.wiring(&relation)?;
        let old_edges: Vec<_> = self.graph.edges_directed(ix, Direction::Outgoing).map(|e| e.id()).collect();
        let old_premises: Vec<_> = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| *e.weight() == Link::Premise)
            .map(|e| e.id())
            .collect();
        for e in old_edges.into_iter().chain(old_premises) {
            self.graph.remove_edge(e);
        }
        let old = match self.graph.node_weight_mut(ix) {
            Some(Node::Inference { relation: slot, premises, conclusion, .. }) => {
                *premises = premise_ixs.iter().copied().collect();
                *conclusion = conclusion_ix;
                std::mem::replace(slot, relation)
            }
            _ => return Err(ModelError::Internal(format!("node of relation {} is not an inference", id.0))),
        };
        // Undercut edges into `ix` were kept; wire the new premises and conclusion.
        for p in premise_ixs {
            self.graph.add_edge(p, ix, Link::Premise);
        }
        self.graph.add_edge(ix, conclusion_ix, Link::Conclusion);
        Ok(old)
    }

    /// Checks every invariant of the map; the edit operations keep them, so this is for loads and
    /// tests. The invariants:
    ///
    /// - every statement id is a non-empty slug, unique in the map;
    /// - every relation has at least one premise, no premise twice, and names existing statements;
    /// - an undercut is an objection and targets an existing relation that is not an undercut;
    /// - no statement is a premise of a relation that concludes in itself;
    /// - pinned positions are finite numbers;
    /// - what-if marks name existing statements;
    /// - groups have unique slug ids and one-line titles; each statement is in one group at most,
    ///   and every member exists;
    /// - the graph mirrors the relations exactly (one edge per premise, one to the conclusion).
    pub fn validate(&self) -> Result<(), ModelError> {
        self.check_document_refs()?;
        for (index, d) in self.documents.iter().enumerate() {
            documents::check_document(d)
                .map_err(|e| ModelError::InDocument { index, source: Box::new(e) })?;
        }
        for statement in self.statements() {
            check::statement(statement)?;
            if self.by_id.get(&statement.id).and_then(|&ix| self.statement_at(ix)) != Some(statement) {
                return Err(ModelError::Internal(format!("index of {} is stale", statement.id)));
            }
        }
        if self.by_id.len() != self.statement_order.len() {
            return Err(ModelError::Internal("statement index and order disagree".into()));
        }
        for (index, (id, relation)) in self.relations().enumerate() {
            check::relation(
                relation,
                |s| self.contains(s),
                |r| self.relation(r).map(|r| (r.kind, r.is_undercut())),
            )
            .map_err(|e| e.in_relation(index))?;
            let ix = self.relation_order[&id];
            let mut premises: Vec<&str> = self
                .graph
                .edges_directed(ix, Direction::Incoming)
                .filter(|e| *e.weight() == Link::Premise)
                .filter_map(|e| self.statement_at(e.source()).map(|s| s.id.as_str()))
                .collect();
            premises.sort_unstable();
            let mut expected: Vec<&str> = relation.premises.iter().map(StatementId::as_str).collect();
            expected.sort_unstable();
            let mut conclusions = self.graph.edges_directed(ix, Direction::Outgoing).map(|e| {
                match (self.graph.node_weight(e.target()), &relation.conclusion) {
                    (Some(Node::Statement { statement, .. }), Target::Statement(c)) => statement.id == *c,
                    (Some(Node::Inference { id, .. }), Target::Relation(t)) => id == t,
                    _ => false,
                }
            });
            let one_right_conclusion = conclusions.next() == Some(true) && conclusions.next().is_none();
            // The wiring kept on the inference node agrees with the relation, in premise order.
            let wired = match self.graph.node_weight(ix) {
                Some(Node::Inference { premises, conclusion, .. }) => {
                    premises.len() == relation.premises.len()
                        && premises
                            .iter()
                            .zip(&relation.premises)
                            .all(|(&p, id)| self.statement_at(p).is_some_and(|s| s.id == *id))
                        && self.graph.find_edge(ix, *conclusion).is_some()
                }
                _ => false,
            };
            if premises != expected || !one_right_conclusion || !wired {
                return Err(ModelError::Internal(format!("graph edges of relation {} are stale", id.0)));
            }
        }
        if self.graph.node_count() != self.statement_order.len() + self.relation_order.len() {
            return Err(ModelError::Internal("graph holds nodes outside the order".into()));
        }
        if let Some(id) = self.marks.keys().find(|id| !self.contains(id)) {
            return Err(ModelError::UnknownStatement(id.clone()));
        }
        self.validate_groups()
    }
}

/// A slug of the first four words of `text` (or `fallback`), made unique against `taken` with a
/// numeric suffix. For many ids at once, [`Slugs`] does the same in linear time.
pub fn unique_slug(text: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    Slugs::default().unique(text, fallback, taken)
}

/// The longest slug made from a text, in characters.
const SLUG_CHARS: usize = 48;

/// The slug of the first four words of `text` (ASCII letters and digits, lower case, joined by
/// `-`), or `fallback` when it has none.
fn slug_base(text: &str, fallback: &str) -> String {
    let slug: String = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    // Short enough to read, and far under MAX_ID_CHARS with a suffix.
    let slug = match slug.char_indices().nth(SLUG_CHARS) {
        Some((cut, _)) => slug[..cut].trim_end_matches('-').to_owned(),
        None => slug,
    };
    if slug.is_empty() { fallback.to_owned() } else { slug }
}

/// Hands out unique slugs (see [`unique_slug`]) in time linear in their number, however many
/// texts share a slug: it remembers, for each slug, the next suffix to try.
#[derive(Debug, Default)]
pub struct Slugs {
    next: foldhash::HashMap<String, u64>,
}

impl Slugs {
    /// The slug of `text` (or `fallback`), or the first `slug-N` not `taken`. The caller marks
    /// the result as taken.
    pub fn unique(&mut self, text: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
        let base = slug_base(text, fallback);
        if !taken(&base) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if !taken(&candidate) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod sample;
#[cfg(test)]
mod tests;
