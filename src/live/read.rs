//! A shared document read as a map, the same on every machine that holds the same changes:
//! statements and relations in the document's order (by the order each was added in, then by
//! key), relations named by their place in it, and what concurrent edits left to settle said as
//! conflicts, never dropped.

use super::{Fields, GROUPS, LiveError, MARKS, RELATIONS, STATEMENTS, objects};
use crate::model::ConflictField as Field;
use crate::model::{
    Answer, ArgumentMap, Conflict, Group, Mark, Pos, Rating, Relation, RelationId, RelationKind, Source,
    Statement, StatementId, Target,
};
use automerge::{ObjId, ObjType, ROOT, ReadDoc};
use foldhash::HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Which key of the document each statement and relation of a map read from it has.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keys {
    /// By statement id.
    pub statements: HashMap<StatementId, String>,
    /// By relation id.
    pub relations: HashMap<RelationId, String>,
}

/// A map read from its shared document.
#[derive(Debug)]
pub struct Read {
    /// The map.
    pub map: ArgumentMap,
    /// Its keys in the document (to write the map back after an edit).
    pub keys: Keys,
    /// What could not be read as it stands (a relation to something never shared), in words.
    pub notes: Vec<String>,
}

/// One statement or relation of the document: its object, fields, place and whether it is
/// deleted.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Entry {
    pub obj: ObjId,
    pub fields: Fields,
    pub order: i64,
    pub deleted: bool,
    /// For a relation, what it refers to ([`refers`], read once).
    refs: (Vec<String>, Option<(bool, String)>),
}

/// The document's statements and relations by key, and the keys of what a read makes of them.
pub(super) struct Layout<'m> {
    pub statements: &'m BTreeMap<String, Entry>,
    pub relations: &'m BTreeMap<String, Entry>,
    /// The statements and relations a read keeps (live, or built on), in the map's order, with
    /// the ids it gives them.
    pub keys: Keys,
    /// Statement keys in the map's order, with their ids, and whether each came back.
    statement_order: Vec<(String, StatementId, bool)>,
    /// Relation keys in the map's order.
    relation_order: Vec<String>,
    notes: Vec<String>,
}

/// The document's statements and relations as last read, kept up to date by the patches of
/// each change ([`Mirror::refresh`]): reading a map after an edit reads again only what the edit
/// touched, not every field of every statement.
#[derive(Clone, Debug, Default)]
pub struct Mirror {
    pub(super) statements: BTreeMap<String, Entry>,
    pub(super) relations: BTreeMap<String, Entry>,
    /// The statements and relations (true) with a field set by several people at once: a
    /// change that settles it may leave the value as it was, and no patch says so.
    conflicted: BTreeSet<(bool, String)>,
}

impl Mirror {
    /// The mirror of a document, read whole; from now on the document keeps an index of its
    /// changes for [`Mirror::refresh`].
    pub fn of(doc: &mut automerge::AutoCommit) -> Self {
        let (statements, relations) = (entries(doc, STATEMENTS), entries(doc, RELATIONS));
        doc.update_diff_cursor();
        let conflicted = statements
            .iter()
            .map(|(k, e)| (false, k, e))
            .chain(relations.iter().map(|(k, e)| (true, k, e)))
            .filter(|(_, _, e)| e.fields.any_several())
            .map(|(r, k, _)| (r, k.clone()))
            .collect();
        Self { statements, relations, conflicted }
    }

    /// Brings the mirror up to date with the document: reads again the statements and relations
    /// the changes since it was last brought up to date touched (their patches, from the
    /// document's index of changes: no walk over the whole document).
    pub fn refresh(&mut self, doc: &mut automerge::AutoCommit) {
        let patches = doc.diff_incremental();
        let mut touched: foldhash::HashSet<(bool, String)> = Default::default();
        for patch in patches {
            let top = |i: usize| match patch.path.get(i) {
                Some((_, automerge::Prop::Map(key))) => Some(key.clone()),
                _ => None,
            };
            let key = match (&patch.action, patch.path.len()) {
                (
                    automerge::PatchAction::PutMap { key, .. } | automerge::PatchAction::DeleteMap { key },
                    1,
                ) => Some(key.clone()),
                (_, n) if n >= 2 => top(1),
                _ => None,
            };
            match (top(0).as_deref(), key) {
                (Some(STATEMENTS), Some(key)) => touched.insert((false, key)),
                (Some(RELATIONS), Some(key)) => touched.insert((true, key)),
                _ => false,
            };
        }
        touched.extend(std::mem::take(&mut self.conflicted));
        for (relation, key) in touched {
            let (field, all) =
                if relation { (RELATIONS, &mut self.relations) } else { (STATEMENTS, &mut self.statements) };
            match entry(doc, field, &key) {
                Some(e) => {
                    if e.fields.any_several() {
                        self.conflicted.insert((relation, key.clone()));
                    }
                    all.insert(key, e)
                }
                None => all.remove(&key),
            };
        }
    }
}

/// The entries of one of the root's maps, by key.
fn entries<D: ReadDoc>(doc: &D, field: &str) -> BTreeMap<String, Entry> {
    objects(doc, field).into_iter().map(|(key, obj, fields)| (key, Entry::new(obj, fields))).collect()
}

/// The entry at `key` of one of the root's maps, read again.
fn entry<D: ReadDoc>(doc: &D, field: &str, key: &str) -> Option<Entry> {
    let Ok(Some((automerge::Value::Object(ObjType::Map), all))) = doc.get(ROOT, field) else { return None };
    let Ok(Some((automerge::Value::Object(ObjType::Map), obj))) = doc.get(&all, key) else { return None };
    let fields = Fields::of(doc, &obj);
    Some(Entry::new(obj, fields))
}

impl Entry {
    fn new(obj: ObjId, fields: Fields) -> Self {
        let (order, deleted) = (fields.int("order").unwrap_or(0), fields.yes("deleted"));
        let refs = refers(&fields);
        Self { obj, fields, order, deleted, refs }
    }
}

/// What a relation of the document refers to: its premises' keys and its conclusion.
fn refers(fields: &Fields) -> (Vec<String>, Option<(bool, String)>) {
    let premises: Vec<String> = fields.json("premises").unwrap_or_default();
    let conclusion = fields.text("conclusion").and_then(|c| {
        let (kind, key) = c.split_once(':')?;
        Some((kind == "r", key.to_owned()))
    });
    (premises, conclusion)
}

/// The document's layout: which statements and relations a read keeps and the ids it gives them.
/// A relation alive brings back what it refers to that was deleted meanwhile (iteratively: an
/// undercut brings back the relation it objects to, and that one its premises).
pub(super) fn layout(mirror: &Mirror) -> Layout<'_> {
    let (statements, relations) = (&mirror.statements, &mirror.relations);
    let mut alive_s: HashMap<&str, bool> = statements.iter().map(|(k, e)| (k.as_str(), !e.deleted)).collect();
    let mut alive_r: HashMap<&str, bool> = relations.iter().map(|(k, e)| (k.as_str(), !e.deleted)).collect();
    let mut back: foldhash::HashSet<&str> = Default::default();
    let mut todo: Vec<&str> = relations.iter().filter(|(_, e)| !e.deleted).map(|(k, _)| k.as_str()).collect();
    let mut notes = Vec::new();
    let mut dropped: foldhash::HashSet<&str> = Default::default();
    while let Some(r) = todo.pop() {
        let (premises, conclusion) = &relations[r].refs;
        let statement_keys = premises.iter().chain(conclusion.iter().filter(|c| !c.0).map(|c| &c.1));
        let missing = statement_keys.clone().any(|k| !statements.contains_key(k))
            || conclusion.as_ref().is_none_or(|(is_r, k)| *is_r && !relations.contains_key(k));
        if missing {
            dropped.insert(r);
            notes.push("a relation to something never shared was left out".to_owned());
            continue;
        }
        for k in statement_keys {
            if let Some((key, false)) = alive_s.get_key_value(k.as_str()).map(|(k, a)| (*k, *a)) {
                alive_s.insert(key, true);
                back.insert(key);
            }
        }
        if let Some((true, k)) = &conclusion
            && let Some((key, false)) = alive_r.get_key_value(k.as_str()).map(|(k, a)| (*k, *a))
        {
            alive_r.insert(key, true);
            todo.push(key);
        }
    }
    let by_order = |m: &BTreeMap<String, Entry>, alive: &HashMap<&str, bool>| -> Vec<String> {
        let mut keys: Vec<(&i64, &String)> = m
            .iter()
            .filter(|(k, _)| alive.get(k.as_str()) == Some(&true))
            .map(|(k, e)| (&e.order, k))
            .collect();
        keys.sort();
        keys.into_iter().map(|(_, k)| k.clone()).collect()
    };
    let relation_order: Vec<String> =
        by_order(relations, &alive_r).into_iter().filter(|k| !dropped.contains(k.as_str())).collect();
    let statement_keys = by_order(statements, &alive_s);
    let statement_order = name_statements(statements, statement_keys, &back);
    let keys = Keys {
        statements: statement_order.iter().map(|(k, id, _)| (id.clone(), k.clone())).collect(),
        relations: relation_order
            .iter()
            .enumerate()
            .map(|(i, k)| (RelationId(i as u64), k.clone()))
            .collect(),
    };
    Layout { statements, relations, keys, statement_order, relation_order, notes }
}

/// Each kept statement's id: its own, unless a statement before it in the map's order has it
/// (two people added one at once): then its id and the first free number.
fn name_statements(
    statements: &BTreeMap<String, Entry>,
    keys: Vec<String>,
    back: &foldhash::HashSet<&str>,
) -> Vec<(String, StatementId, bool)> {
    let mut taken: foldhash::HashSet<String> = Default::default();
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let own = statements[&key].fields.text("id").map_or_else(|| key.clone(), str::to_owned);
        let mut id = own.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{own}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        let came_back = back.contains(key.as_str());
        out.push((key, StatementId::from(id), came_back));
    }
    out
}

/// The map the document holds, its statements and relations as `mirror` has them up to date
/// ([`layout`] says what is kept and how it is named).
pub fn read<D: ReadDoc>(doc: &D, mirror: &Mirror) -> Result<Read, LiveError> {
    let layout = layout(mirror);
    let key_to_id: HashMap<&str, &StatementId> =
        layout.statement_order.iter().map(|(k, id, _)| (k.as_str(), id)).collect();
    let relation_place: HashMap<&str, u64> =
        layout.relation_order.iter().enumerate().map(|(i, k)| (k.as_str(), i as u64)).collect();
    let mut conflicts = Vec::new();
    let mut statements = Vec::with_capacity(layout.statement_order.len());
    for (key, id, came_back) in &layout.statement_order {
        let entry = &layout.statements[key];
        statements.push(statement(&entry.fields, id.clone(), &relation_place));
        conflicts.extend(concurrent(doc, entry, id));
        if *came_back {
            conflicts.push(Conflict {
                statement: id.clone(),
                field: Field::Deleted,
                ours: None,
                theirs: Some("built on while it was being deleted: kept".into()),
                their_source: None,
            });
        }
    }
    let mut notes = layout.notes.clone();
    let relations: Vec<Relation> = layout
        .relation_order
        .iter()
        .filter_map(|k| relation(&layout.relations[k], &key_to_id, &relation_place))
        .collect();
    if relations.len() != layout.relation_order.len() {
        notes.push("a relation that could not be read was left out".into());
    }
    let map = assemble(doc, statements, relations, (&key_to_id, conflicts), &mut notes)?;
    Ok(Read { map, keys: layout.keys, notes })
}

/// A statement's fields.
fn statement(fields: &Fields, id: StatementId, relations: &HashMap<&str, u64>) -> Statement {
    let answers = fields.json::<(String, usize)>("answers").and_then(|(key, question)| {
        Some(Answer { relation: RelationId(*relations.get(key.as_str())?), question })
    });
    Statement {
        text: fields.text("text").unwrap_or_default().to_owned(),
        note: fields.text("note").map(str::to_owned),
        source: fields.json::<Source>("source"),
        pinned: fields.json::<Pos>("pinned"),
        answers,
        ..Statement::new(id, "")
    }
}

/// The conflicts a statement's concurrent values make: two rewordings, two notes. Ours is the
/// value every machine shows (Automerge's pick), theirs the other.
fn concurrent<D: ReadDoc>(doc: &D, entry: &Entry, id: &StatementId) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (field, name) in [(Field::Text, "text"), (Field::Note, "note")] {
        if !entry.fields.several(name) {
            continue;
        }
        let Ok(values) = doc.get_all(&entry.obj, name) else { continue };
        let shown = entry.fields.text(name).map(str::to_owned);
        let other =
            values.into_iter().filter_map(|(v, _)| v.into_string().ok()).find(|v| Some(v) != shown.as_ref());
        out.push(Conflict { statement: id.clone(), field, ours: shown, theirs: other, their_source: None });
    }
    out
}

/// A relation's fields, its references turned into ids (none if one is unreadable).
fn relation(
    entry: &Entry,
    ids: &HashMap<&str, &StatementId>,
    places: &HashMap<&str, u64>,
) -> Option<Relation> {
    let (fields, (premises, conclusion)) = (&entry.fields, &entry.refs);
    let premises: Vec<StatementId> =
        premises.iter().map(|k| ids.get(k.as_str()).map(|id| (*id).clone())).collect::<Option<_>>()?;
    let conclusion = match conclusion.as_ref()? {
        (false, k) => Target::Statement((*ids.get(k.as_str())?).clone()),
        (true, k) => Target::Relation(RelationId(*places.get(k.as_str())?)),
    };
    let text = |f: &str| fields.text(f).map(str::to_owned);
    Some(Relation {
        label: text("label"),
        description: text("description"),
        rating: fields.json::<Rating>("rating"),
        scheme: text("scheme"),
        doubted: fields.json("doubted").unwrap_or_default(),
        ..Relation::new(fields.json::<RelationKind>("kind")?, premises, conclusion)
    })
}

/// The map of these statements and relations with the document's own fields, marks, groups and
/// conflicts. A relation the map refuses (two concurrent edits that together break a rule) is
/// left out with a note naming its statements by their text.
fn assemble<D: ReadDoc>(
    doc: &D,
    statements: Vec<Statement>,
    relations: Vec<Relation>,
    (ids, mut conflicts): (&HashMap<&str, &StatementId>, Vec<Conflict>),
    notes: &mut Vec<String>,
) -> Result<ArgumentMap, LiveError> {
    let root = Fields::of(doc, &ROOT);
    let title = root.text("title").unwrap_or_default().to_owned();
    let source = root.json("source");
    // Answers name relations: set once the relations are in.
    let mut statements = statements;
    let answers: Vec<(StatementId, Answer)> =
        statements.iter_mut().filter_map(|s| Some((s.id.clone(), s.answers.take()?))).collect();
    let mut map = ArgumentMap::from_parts(title, source, statements, Vec::new())
        .map_err(|e| LiveError::NotAMap(e.to_string()))?;
    // Plain relations first: an undercut may come before the relation it objects to.
    let (undercuts, plain): (Vec<_>, Vec<_>) =
        relations.into_iter().enumerate().partition(|(_, r)| r.is_undercut());
    for (i, r) in plain.into_iter().chain(undercuts) {
        let said = crate::printable::first_words(
            r.premises.first().and_then(|p| map.statement(p)).map_or("", |s| s.text.as_str()),
            8,
        );
        if map.insert_relation(RelationId(i as u64), r).is_err() {
            notes.push(format!("the relation from \"{said}\" was left out: edits made at once left it breaking a rule of maps"));
        }
    }
    for (id, answer) in answers {
        // An answer to a relation left out is no answer.
        let _ = map.set_answers(id.as_str(), Some(answer));
    }
    let marks = marks(doc, ids);
    map = map.with_marks(marks).map_err(|e| LiveError::NotAMap(e.to_string()))?;
    map = map.with_groups(groups(doc, ids)).map_err(|e| LiveError::NotAMap(e.to_string()))?;
    let documents = root.json("documents").unwrap_or_default();
    map = map.with_documents(documents).map_err(|e| LiveError::NotAMap(e.to_string()))?;
    let recorded: Vec<Conflict> = root.json("conflicts").unwrap_or_default();
    conflicts.splice(0..0, recorded);
    conflicts.retain(|c| map.contains(&c.statement));
    conflicts.dedup();
    map = map.with_conflicts(conflicts).map_err(|e| LiveError::NotAMap(e.to_string()))?;
    map.arrangement = root.json("arrangement").unwrap_or_default();
    Ok(map)
}

/// The what-if marks of the statements kept.
fn marks<D: ReadDoc>(doc: &D, ids: &HashMap<&str, &StatementId>) -> Vec<(StatementId, Mark)> {
    let Ok(Some((automerge::Value::Object(ObjType::Map), all))) = doc.get(ROOT, MARKS) else {
        return Vec::new();
    };
    let fields = Fields::of(doc, &all);
    let mut out: Vec<(StatementId, Mark)> = fields
        .0
        .iter()
        .filter_map(|(key, (value, _))| {
            let id = (*ids.get(key.as_str())?).clone();
            let mark = match value {
                super::Scalar::Text(t) if t == "rejected" => Mark::Rejected,
                super::Scalar::Text(t) if t == "accepted" => Mark::Accepted,
                _ => return None,
            };
            Some((id, mark))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The groups in their order, each with its members kept; a statement in two (two people
/// grouped it at once) stays in the first.
fn groups<D: ReadDoc>(doc: &D, ids: &HashMap<&str, &StatementId>) -> Vec<(Group, Vec<StatementId>)> {
    let mut found: Vec<(i64, String, Fields)> =
        objects(doc, GROUPS).into_iter().map(|(key, _, f)| (f.int("order").unwrap_or(0), key, f)).collect();
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut grouped: foldhash::HashSet<StatementId> = Default::default();
    let mut out = Vec::new();
    for (_, key, fields) in found {
        let members: Vec<String> = fields.json("members").unwrap_or_default();
        let members: Vec<StatementId> = members
            .iter()
            .filter_map(|k| ids.get(k.as_str()).map(|id| (*id).clone()))
            .filter(|id| grouped.insert(id.clone()))
            .collect();
        let title = fields.text("title").unwrap_or_default();
        out.push((Group::new(key.as_str(), title), members));
    }
    out
}
