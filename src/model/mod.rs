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

mod check;
mod topology;
mod types;

pub use check::{MAX_TEXT_CHARS, ModelError, text as check_text};
pub use topology::{Rel, Topology};
pub use types::{MapSource, Pos, Relation, RelationId, RelationKind, Role, Source, Statement, StatementId};

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashMap};

/// A node of the graph: a statement or the inference node of one relation.
#[derive(Clone, Debug)]
enum Node {
    Statement { seq: u64, statement: Statement },
    Inference { id: RelationId, relation: Relation },
}

/// An edge of the graph: from a premise into an inference node, or from there to the conclusion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Premise,
    Conclusion,
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
    graph: StableDiGraph<Node, Link>,
    by_id: HashMap<StatementId, NodeIndex>,
    /// Statements in file order, by their sequence number.
    statement_order: BTreeMap<u64, NodeIndex>,
    /// Relations in file order (a relation's id is its sequence number).
    relation_order: BTreeMap<RelationId, NodeIndex>,
    next_seq: u64,
    next_relation: u64,
}

/// Two maps are equal when they hold the same title, source, statements and relations in the same
/// order; internal numbering does not count.
impl PartialEq for ArgumentMap {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.source == other.source
            && self.statements().eq(other.statements())
            && self.relations().map(|(_, r)| r).eq(other.relations().map(|(_, r)| r))
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
        let mut map = Self { title, source, ..Self::default() };
        for statement in statements {
            let seq = map.next_seq;
            map.insert_statement(seq, statement)?;
        }
        for (index, relation) in relations.into_iter().enumerate() {
            let id = RelationId(map.next_relation);
            map.insert_relation(id, relation).map_err(|e| e.in_relation(index))?;
        }
        Ok(map)
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

    /// The relation with this id.
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relation_at(*self.relation_order.get(&id)?)
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

    /// The relations that conclude in this statement (its reasons and objections), in file order.
    pub fn relations_to(&self, id: &str) -> Vec<RelationId> {
        self.adjacent_relations(id, Direction::Incoming)
    }

    fn adjacent_relations(&self, id: &str, dir: Direction) -> Vec<RelationId> {
        let Some(&ix) = self.by_id.get(id) else {
            return Vec::new();
        };
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
    /// premise of an objection. The rule looks one step up only, so cycles cannot make it loop.
    pub fn role(&self, id: &str) -> Option<Role> {
        if !self.contains(id) {
            return None;
        }
        let Some(first) = self.relations_from(id).first().and_then(|&r| self.relation(r)) else {
            return Some(Role::Claim);
        };
        Some(match first.kind {
            RelationKind::Support => Role::Reason,
            RelationKind::Objection => {
                let target_objects = self
                    .relations_from(&first.conclusion)
                    .first()
                    .and_then(|&r| self.relation(r))
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
        let slug: String = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(4)
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let base = if slug.is_empty() { "statement".to_owned() } else { slug };
        if !self.contains(&base) {
            return StatementId(base);
        }
        (2u64..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.contains(candidate))
            .map(StatementId)
            .unwrap_or_else(|| StatementId(base))
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
    pub(crate) fn statement_mut(&mut self, id: &str) -> Option<&mut Statement> {
        match self.graph.node_weight_mut(*self.by_id.get(id)?) {
            Some(Node::Statement { statement, .. }) => Some(statement),
            _ => None,
        }
    }

    /// Adds a statement at the file-order place `seq`.
    pub(crate) fn insert_statement(&mut self, seq: u64, statement: Statement) -> Result<(), ModelError> {
        check::statement(&statement)?;
        if self.contains(&statement.id) {
            return Err(ModelError::DuplicateId(statement.id));
        }
        if self.statement_order.contains_key(&seq) {
            return Err(ModelError::Internal(format!("statement slot {seq} is taken")));
        }
        let id = statement.id.clone();
        let ix = self.graph.add_node(Node::Statement { seq, statement });
        self.by_id.insert(id, ix);
        self.statement_order.insert(seq, ix);
        self.next_seq = self.next_seq.max(seq + 1);
        Ok(())
    }

    /// Removes a statement that no relation refers to; returns it with its file-order place.
    pub(crate) fn remove_statement(&mut self, id: &str) -> Result<(u64, Statement), ModelError> {
        let &ix = self.by_id.get(id).ok_or_else(|| ModelError::UnknownStatement(id.into()))?;
        if self.graph.edges_directed(ix, Direction::Incoming).next().is_some()
            || self.graph.edges_directed(ix, Direction::Outgoing).next().is_some()
        {
            return Err(ModelError::StatementInUse(id.into()));
        }
        match self.graph.remove_node(ix) {
            Some(Node::Statement { seq, statement }) => {
                self.by_id.remove(id);
                self.statement_order.remove(&seq);
                Ok((seq, statement))
            }
            _ => Err(ModelError::Internal(format!("node of {id} is not a statement"))),
        }
    }

    /// Adds a relation under the given id (its file-order place).
    pub(crate) fn insert_relation(&mut self, id: RelationId, relation: Relation) -> Result<(), ModelError> {
        check::relation(&relation, |s| self.contains(s))?;
        if self.relation_order.contains_key(&id) {
            return Err(ModelError::Internal(format!("relation {} is taken", id.0)));
        }
        let mut premise_ixs = Vec::with_capacity(relation.premises.len());
        for p in &relation.premises {
            premise_ixs.push(*self.by_id.get(p).ok_or_else(|| ModelError::UnknownStatement(p.clone()))?);
        }
        let conclusion_ix = *self
            .by_id
            .get(&relation.conclusion)
            .ok_or_else(|| ModelError::UnknownStatement(relation.conclusion.clone()))?;
        let ix = self.graph.add_node(Node::Inference { id, relation });
        for p in premise_ixs {
            self.graph.add_edge(p, ix, Link::Premise);
        }
        self.graph.add_edge(ix, conclusion_ix, Link::Conclusion);
        self.relation_order.insert(id, ix);
        self.next_relation = self.next_relation.max(id.0 + 1);
        Ok(())
    }

    /// Removes a relation and returns it.
    pub(crate) fn remove_relation(&mut self, id: RelationId) -> Result<Relation, ModelError> {
        let ix = self.relation_order.remove(&id).ok_or(ModelError::UnknownRelation(id))?;
        match self.graph.remove_node(ix) {
            Some(Node::Inference { relation, .. }) => Ok(relation),
            _ => Err(ModelError::Internal(format!("node of relation {} is not an inference", id.0))),
        }
    }

    /// Checks every invariant of the map; the edit operations keep them, so this is for loads and
    /// tests. The invariants:
    ///
    /// - every statement id is a non-empty slug, unique in the map;
    /// - every relation has at least one premise, no premise twice, and names existing statements;
    /// - no statement is a premise of a relation that concludes in itself;
    /// - pinned positions are finite numbers;
    /// - the graph mirrors the relations exactly (one edge per premise, one to the conclusion).
    pub fn validate(&self) -> Result<(), ModelError> {
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
            check::relation(relation, |s| self.contains(s)).map_err(|e| e.in_relation(index))?;
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
            let conclusions: Vec<&str> = self
                .graph
                .edges_directed(ix, Direction::Outgoing)
                .filter_map(|e| self.statement_at(e.target()).map(|s| s.id.as_str()))
                .collect();
            if premises != expected || conclusions != [relation.conclusion.as_str()] {
                return Err(ModelError::Internal(format!("graph edges of relation {} are stale", id.0)));
            }
        }
        if self.graph.node_count() != self.statement_order.len() + self.relation_order.len() {
            return Err(ModelError::Internal("graph holds nodes outside the order".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
