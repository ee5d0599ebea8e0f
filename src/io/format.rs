//! The RON file format, version 1: the project's own serde structs, never petgraph's internals.
//!
//! A file lists the map's title and source, then one entry per statement, then one per relation,
//! in the map's order, then the groups with their members, with fields in a fixed order and empty optional fields left out. Writing is
//! deterministic: the same map gives the same bytes.

use crate::model::{
    Answer, ArgumentMap, Arrangement, Conflict, Group, MapSource, Mark, ModelError, Pos, Rating, Relation,
    RelationId, RelationKind, Slugs, Source, SourceDocument, Statement, StatementId, Target,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The format version this argmap writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// A whole map file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MapFile {
    pub version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<MapSource>,
    /// The source documents statements quote (their files are not part of the map).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<SourceDocument>,
    /// How the map is arranged (left out when automatic).
    #[serde(default, skip_serializing_if = "is_automatic")]
    pub layout: Arrangement,
    #[serde(default)]
    pub statements: Vec<StatementEntry>,
    #[serde(default)]
    pub relations: Vec<RelationEntry>,
    /// Named groups of statements, each with its members in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupEntry>,
    #[serde(default, skip_serializing_if = "Evaluation::is_empty")]
    pub evaluation: Evaluation,
    /// What a merge left unsettled (both versions), until the user chooses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// One group of a file: its id, its title and its members.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupEntry {
    pub id: StatementId,
    pub title: String,
    #[serde(default)]
    pub members: Vec<StatementId>,
}

/// The what-if marks of a file, apart from the argument: statements taken as rejected or as
/// accepted as given, each list in id order, and the critical questions doubted, in relation
/// order.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Evaluation {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<StatementId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<StatementId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doubted: Vec<DoubtEntry>,
}

/// A critical question the user doubts (what-if): the relation's `id` in the file and the
/// question's place (from 0) among its scheme's questions.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DoubtEntry {
    pub relation: String,
    pub question: usize,
}

fn is_automatic(a: &Arrangement) -> bool {
    *a == Arrangement::Automatic
}

impl Evaluation {
    fn is_empty(&self) -> bool {
        self.rejected.is_empty() && self.accepted.is_empty() && self.doubted.is_empty()
    }
}

/// Only the version of a file, read first so a newer file is refused with a clear message even if
/// the rest of it uses fields this argmap does not know.
#[derive(Debug, Deserialize)]
pub(super) struct VersionProbe {
    pub version: u32,
}

/// One statement of a file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatementEntry {
    pub id: StatementId,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswerEntry>,
}

/// The critical question a statement answers: the relation's `id` in the file and the
/// question's place (from 0) among its scheme's questions.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnswerEntry {
    pub relation: String,
    pub question: usize,
}

/// One relation of a file. `conclusion` names a statement, or for an undercut the `id` of
/// another relation (statement and relation ids share one namespace). Only relations that an
/// undercut or an answer names carry an `id`; argmap writes one for them (see
/// [`relation_names`]).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RelationEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub kind: RelationKind,
    pub premises: Vec<StatementId>,
    pub conclusion: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
}

/// The names files give relations that undercuts target, statements answer or doubts name: the slug of the relation's label, or
/// `relation-N` (its 1-based place in the file), made unique against statement ids and each
/// other. Derived from the map, so the same map always gets the same names.
pub fn relation_names(map: &ArgumentMap) -> HashMap<RelationId, String> {
    let mut names: HashMap<RelationId, String> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    let targets: HashSet<RelationId> = map
        .relations()
        .filter_map(|(_, r)| r.conclusion.relation())
        .chain(map.statements().filter_map(|s| s.answers.map(|a| a.relation)))
        .chain(map.relations().filter(|(_, r)| !r.doubted.is_empty()).map(|(id, _)| id))
        .collect();
    let mut slugs = Slugs::default();
    for (n, (id, r)) in map.relations().enumerate() {
        if !targets.contains(&id) {
            continue;
        }
        let fallback = format!("relation-{}", n + 1);
        let name = slugs.unique(r.label.as_deref().unwrap_or(&fallback), &fallback, |c| {
            map.contains(c) || used.contains(c)
        });
        used.insert(name.clone());
        names.insert(id, name);
    }
    names
}

impl MapFile {
    pub fn from_map(map: &ArgumentMap) -> Self {
        let names = relation_names(map);
        Self {
            version: VERSION,
            title: map.title.clone(),
            source: map.source.clone(),
            documents: map.documents().to_vec(),
            layout: map.arrangement,
            statements: map
                .statements()
                .map(|s| StatementEntry {
                    id: s.id.clone(),
                    text: s.text.clone(),
                    source: s.source.clone(),
                    note: s.note.clone(),
                    pos: s.pinned,
                    answers: s.answers.and_then(|a| {
                        Some(AnswerEntry { relation: names.get(&a.relation)?.clone(), question: a.question })
                    }),
                })
                .collect(),
            relations: {
                map.relations()
                    .map(|(id, r)| RelationEntry {
                        id: names.get(&id).cloned(),
                        kind: r.kind,
                        premises: r.premises.clone(),
                        conclusion: match &r.conclusion {
                            Target::Statement(s) => s.to_string(),
                            Target::Relation(t) => names.get(t).cloned().unwrap_or_default(),
                        },
                        label: r.label.clone(),
                        description: r.description.clone(),
                        rating: r.rating,
                        scheme: r.scheme.clone(),
                    })
                    .collect()
            },
            groups: map
                .groups()
                .iter()
                .zip(map.group_members())
                .map(|(g, members)| GroupEntry {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    members: members.into_iter().cloned().collect(),
                })
                .collect(),
            evaluation: Evaluation {
                rejected: map
                    .marks()
                    .iter()
                    .filter(|(_, m)| **m == Mark::Rejected)
                    .map(|(id, _)| id.clone())
                    .collect(),
                accepted: map
                    .marks()
                    .iter()
                    .filter(|(_, m)| **m == Mark::Accepted)
                    .map(|(id, _)| id.clone())
                    .collect(),
                doubted: map
                    .relations()
                    .flat_map(|(id, r)| r.doubted.iter().map(move |&q| (id, q)))
                    .filter_map(|(id, question)| {
                        Some(DoubtEntry { relation: names.get(&id)?.clone(), question })
                    })
                    .collect(),
            },
            // A conflict about a statement since deleted is settled.
            conflicts: map.conflicts().iter().filter(|c| map.contains(&c.statement)).cloned().collect(),
        }
    }

    pub fn into_map(self) -> Result<ArgumentMap, ModelError> {
        let statement_ids: HashSet<&str> = self.statements.iter().map(|s| s.id.as_str()).collect();
        let mut names: HashMap<String, usize> = HashMap::new();
        for (index, e) in self.relations.iter().enumerate() {
            if let Some(name) = e.id.as_deref()
                && (statement_ids.contains(name) || names.insert(name.to_owned(), index).is_some())
            {
                return Err(ModelError::DuplicateId(StatementId::from(name)).in_relation(index));
            }
        }
        // Which conclusions name relations (a statement id wins; the two namespaces are disjoint).
        let undercut_target: Vec<Option<usize>> = self
            .relations
            .iter()
            .map(|e| {
                if statement_ids.contains(e.conclusion.as_str()) {
                    None
                } else {
                    names.get(&e.conclusion).copied()
                }
            })
            .collect();
        let mut relations: Vec<Relation> = self
            .relations
            .into_iter()
            .zip(undercut_target)
            .map(|(e, target)| Relation {
                kind: e.kind,
                premises: e.premises,
                conclusion: match target {
                    Some(t) => Target::Relation(RelationId(t as u64)),
                    None => Target::Statement(StatementId::from(e.conclusion)),
                },
                label: e.label,
                description: e.description,
                rating: e.rating,
                scheme: e.scheme,
                doubted: Vec::new(),
            })
            .collect();
        for d in self.evaluation.doubted {
            let Some(&r) = names.get(&d.relation) else {
                return Err(ModelError::InMarks(Box::new(ModelError::DoubtsUnnamed(d.relation))));
            };
            let Some(doubted) = relations.get_mut(r).map(|r| &mut r.doubted) else { continue };
            if let Err(at) = doubted.binary_search(&d.question) {
                doubted.insert(at, d.question);
            }
        }
        let statements = self
            .statements
            .into_iter()
            .map(|e| {
                let answers = match e.answers {
                    Some(a) => match names.get(&a.relation) {
                        Some(&r) => Some(Answer { relation: RelationId(r as u64), question: a.question }),
                        None => return Err(ModelError::AnswersUnnamed(e.id, a.relation)),
                    },
                    None => None,
                };
                Ok(Statement {
                    id: e.id,
                    text: e.text,
                    source: e.source,
                    note: e.note,
                    pinned: e.pos,
                    answers,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let rejected: HashSet<&StatementId> = self.evaluation.rejected.iter().collect();
        if let Some(both) = self.evaluation.accepted.iter().find(|id| rejected.contains(id)) {
            return Err(ModelError::InMarks(Box::new(ModelError::ContradictoryMarks(both.clone()))));
        }
        let marks = self.evaluation.rejected.into_iter().map(|id| (id, Mark::Rejected));
        let marks = marks.chain(self.evaluation.accepted.into_iter().map(|id| (id, Mark::Accepted)));
        let mut map = ArgumentMap::from_parts(self.title, self.source, statements, relations)?
            .with_marks(marks)
            .map_err(|e| ModelError::InMarks(Box::new(e)))?
            .with_groups(self.groups.into_iter().map(|g| (Group::new(g.id, g.title), g.members)).collect())?
            .with_documents(self.documents)?
            .with_conflicts(self.conflicts)?;
        map.arrangement = self.layout;
        Ok(map)
    }
}
