//! The RON file format, version 1: the project's own serde structs, never petgraph's internals.
//!
//! A file lists the map's title and source, then one entry per statement, then one per relation,
//! in the map's order, with fields in a fixed order and empty optional fields left out. Writing is
//! deterministic: the same map gives the same bytes.

use crate::model::{
    ArgumentMap, MapSource, ModelError, Pos, Relation, RelationKind, Source, Statement, StatementId,
};
use serde::{Deserialize, Serialize};

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
    #[serde(default)]
    pub statements: Vec<StatementEntry>,
    #[serde(default)]
    pub relations: Vec<RelationEntry>,
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
}

/// One relation of a file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RelationEntry {
    pub kind: RelationKind,
    pub premises: Vec<StatementId>,
    pub conclusion: StatementId,
}

impl MapFile {
    pub fn from_map(map: &ArgumentMap) -> Self {
        Self {
            version: VERSION,
            title: map.title.clone(),
            source: map.source.clone(),
            statements: map
                .statements()
                .map(|s| StatementEntry {
                    id: s.id.clone(),
                    text: s.text.clone(),
                    source: s.source.clone(),
                    note: s.note.clone(),
                    pos: s.pinned,
                })
                .collect(),
            relations: map
                .relations()
                .map(|(_, r)| RelationEntry {
                    kind: r.kind,
                    premises: r.premises.clone(),
                    conclusion: r.conclusion.clone(),
                })
                .collect(),
        }
    }

    pub fn into_map(self) -> Result<ArgumentMap, ModelError> {
        let statements = self
            .statements
            .into_iter()
            .map(|e| Statement { id: e.id, text: e.text, source: e.source, note: e.note, pinned: e.pos })
            .collect();
        let relations = self
            .relations
            .into_iter()
            .map(|e| Relation { kind: e.kind, premises: e.premises, conclusion: e.conclusion })
            .collect();
        ArgumentMap::from_parts(self.title, self.source, statements, relations)
    }
}
