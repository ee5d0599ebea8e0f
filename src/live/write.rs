//! A map written into its shared document: only the fields that differ, so that one person's
//! edit touches only what they changed and merges with everyone else's.

use super::read::{Keys, Layout, Mirror, layout};
use super::{Fields, GROUPS, LiveError, MARKS, RELATIONS, STATEMENTS, json, root_map};
use crate::model::ConflictField as Field;
use crate::model::{ArgumentMap, Mark, RelationId, StatementId, Target};
use automerge::transaction::Transactable;
use automerge::{ObjId, ObjType, ROOT, ReadDoc};
use foldhash::{HashMap, HashSet};

/// Records `map`, read from this document with `keys` (its last [`super::read`], or the keys
/// this returned), as its differences from the document as `mirror` has it up to date; returns
/// the keys of the map now.
pub fn write<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    keys: &Keys,
    mirror: &Mirror,
) -> Result<Keys, LiveError> {
    write_with(doc, map, (keys, mirror), false)
}

/// [`write`]; `first` for the map being shared, whose statements are keyed by their ids (every
/// statement added later gets a key of its own: two people may add one id at once).
pub(super) fn write_with<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    (keys, mirror): (&Keys, &Mirror),
    first: bool,
) -> Result<Keys, LiveError> {
    let before = layout(mirror);
    let mut keys = keys_for(map, keys, first);
    let conflicts = unsettled(map, &before);
    write_statements(doc, map, &keys, (&before, &conflicts))?;
    write_relations(doc, map, &keys, &before)?;
    write_marks(doc, map, &keys)?;
    write_groups(doc, map, &keys)?;
    write_root(doc, map, &conflicts)?;
    keys.relations.retain(|id, _| map.relation(*id).is_some());
    keys.statements.retain(|id, _| map.contains(id));
    Ok(keys)
}

/// The key of every statement and relation of `map`: the one it was read with, or a new one.
fn keys_for(map: &ArgumentMap, keys: &Keys, first: bool) -> Keys {
    let mut out = keys.clone();
    for s in map.statements() {
        if !out.statements.contains_key(&s.id) {
            let key = if first { s.id.to_string() } else { format!("{}~{}", s.id, random_suffix()) };
            out.statements.insert(s.id.clone(), key);
        }
    }
    for (id, _) in map.relations() {
        out.relations.entry(id).or_insert_with(|| format!("r~{}", random_suffix()));
    }
    out
}

/// Twelve random hexadecimal digits (48 bits: two people adding one statement at once never
/// meet).
fn random_suffix() -> String {
    let mut hex = automerge::ActorId::random().to_hex_string();
    hex.truncate(12);
    hex
}

/// The fields whose concurrent values the map still shows as a conflict (by statement and
/// field): those are left as they are, so that every copy keeps showing both until one is chosen.
fn unsettled(map: &ArgumentMap, before: &Layout<'_>) -> HashSet<(StatementId, Field)> {
    let mut out = HashSet::default();
    for c in map.conflicts() {
        let field = match c.field {
            Field::Text => "text",
            Field::Note => "note",
            _ => continue,
        };
        let key = before.keys.statements.get(&c.statement);
        let entry = key.and_then(|k| before.statements.get(k.as_str()));
        if entry.is_some_and(|e| e.fields.several(field)) {
            out.insert((c.statement.clone(), c.field));
        }
    }
    out
}

/// Each statement's fields, new statements made, and those the map no longer has marked deleted.
fn write_statements<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    keys: &Keys,
    (before, unsettled): (&Layout<'_>, &HashSet<(StatementId, Field)>),
) -> Result<(), LiveError> {
    let all = root_map(doc, STATEMENTS)?;
    let mut order = before.statements.values().map(|e| e.order).max().unwrap_or(0);
    let mut kept = HashSet::default();
    for s in map.statements() {
        let Some(key) = keys.statements.get(&s.id) else { continue };
        kept.insert(key.as_str());
        let (obj, fields) = object(doc, &all, key, before.statements.get(key.as_str()), &mut order)?;
        let settled = |field| !unsettled.contains(&(s.id.clone(), field));
        let mut put = |field: &str, value: Option<&str>| put_text(doc, (&obj, fields), field, value);
        put("id", Some(s.id.as_str()))?;
        if settled(Field::Text) {
            put("text", Some(&s.text))?;
        }
        if settled(Field::Note) {
            put("note", s.note.as_deref())?;
        }
        put("source", s.source.as_ref().map(json).as_deref())?;
        put("pinned", s.pinned.as_ref().map(json).as_deref())?;
        let answers = s.answers.and_then(|a| {
            let relation = keys.relations.get(&a.relation)?;
            Some(json(&(relation, a.question)))
        });
        put("answers", answers.as_deref())?;
    }
    for (key, e) in before.statements {
        if !e.deleted && !kept.contains(key.as_str()) {
            doc.put(&e.obj, "deleted", true)?;
        }
    }
    Ok(())
}

/// Each relation's fields, new relations made, and those the map no longer has marked deleted.
fn write_relations<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    keys: &Keys,
    before: &Layout<'_>,
) -> Result<(), LiveError> {
    let all = root_map(doc, RELATIONS)?;
    let mut order = before.relations.values().map(|e| e.order).max().unwrap_or(0);
    let mut kept = HashSet::default();
    let key_of = |id: &StatementId| keys.statements.get(id).cloned().unwrap_or_default();
    for (id, r) in map.relations() {
        let Some(key) = keys.relations.get(&id) else { continue };
        kept.insert(key.as_str());
        let (obj, fields) = object(doc, &all, key, before.relations.get(key.as_str()), &mut order)?;
        let premises: Vec<String> = r.premises.iter().map(key_of).collect();
        let conclusion = match &r.conclusion {
            Target::Statement(s) => format!("s:{}", key_of(s)),
            Target::Relation(t) => format!("r:{}", relation_key(keys, *t)),
        };
        let mut put = |field: &str, value: Option<&str>| put_text(doc, (&obj, fields), field, value);
        put("kind", Some(kind_word(r.kind)))?;
        put("premises", Some(&json(&premises)))?;
        put("conclusion", Some(&conclusion))?;
        put("label", r.label.as_deref())?;
        put("description", r.description.as_deref())?;
        put("rating", r.rating.as_ref().map(json).as_deref())?;
        put("scheme", r.scheme.as_deref())?;
        put("doubted", (!r.doubted.is_empty()).then(|| json(&r.doubted)).as_deref())?;
    }
    for (key, e) in before.relations {
        if !e.deleted && !kept.contains(key.as_str()) {
            doc.put(&e.obj, "deleted", true)?;
        }
    }
    Ok(())
}

/// The object of a statement or relation, with the fields it has: the one the document holds
/// (no longer deleted), or a new one placed after every other.
fn object<'e, D: Transactable + ReadDoc>(
    doc: &mut D,
    all: &ObjId,
    key: &str,
    entry: Option<&'e super::read::Entry>,
    order: &mut i64,
) -> Result<(ObjId, &'e Fields), LiveError> {
    static NONE: std::sync::LazyLock<Fields> = std::sync::LazyLock::new(Fields::default);
    Ok(match entry {
        Some(e) => {
            if e.deleted {
                doc.put(&e.obj, "deleted", false)?;
            }
            (e.obj.clone(), &e.fields)
        }
        None => {
            let obj = doc.put_object(all, key, ObjType::Map)?;
            *order += 1;
            doc.put(&obj, "order", *order)?;
            (obj, &NONE)
        }
    })
}

/// A relation's kind as the document writes it (JSON, as the other fields).
pub(super) fn kind_word(kind: crate::model::RelationKind) -> &'static str {
    match kind {
        crate::model::RelationKind::Support => "\"support\"",
        crate::model::RelationKind::Objection => "\"objection\"",
    }
}

/// The key of relation `id`.
fn relation_key(keys: &Keys, id: RelationId) -> String {
    keys.relations.get(&id).cloned().unwrap_or_default()
}

/// The what-if marks, by statement key.
fn write_marks<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    keys: &Keys,
) -> Result<(), LiveError> {
    let all = root_map(doc, MARKS)?;
    let wanted: HashMap<&str, &str> = map
        .marks()
        .iter()
        .filter_map(|(id, m)| {
            let word = if *m == Mark::Rejected { "rejected" } else { "accepted" };
            Some((keys.statements.get(id)?.as_str(), word))
        })
        .collect();
    let present = Fields::of(doc, &all);
    for key in present.0.keys().filter(|k| !wanted.contains_key(k.as_str())) {
        doc.delete(&all, key.as_str())?;
    }
    for (key, word) in wanted {
        if present.text(key) != Some(word) || present.several(key) {
            doc.put(&all, key, word)?;
        }
    }
    Ok(())
}

/// The groups, by id: their titles, members (by key) and order.
fn write_groups<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    keys: &Keys,
) -> Result<(), LiveError> {
    let all = root_map(doc, GROUPS)?;
    let present: Vec<String> = doc.keys(&all).collect();
    let wanted: HashSet<&str> = map.groups().iter().map(|g| g.id.as_str()).collect();
    for key in present.iter().filter(|k| !wanted.contains(k.as_str())) {
        doc.delete(&all, key.as_str())?;
    }
    for (place, (g, members)) in map.groups().iter().zip(map.group_members()).enumerate() {
        let (obj, fields) = match doc.get(&all, g.id.as_str())? {
            Some((automerge::Value::Object(ObjType::Map), obj)) => {
                let fields = Fields::of(doc, &obj);
                (obj, fields)
            }
            _ => (doc.put_object(&all, g.id.as_str(), ObjType::Map)?, Fields::default()),
        };
        let members: Vec<&str> =
            members.iter().filter_map(|m| keys.statements.get(*m)).map(String::as_str).collect();
        put_text(doc, (&obj, &fields), "title", Some(&g.title))?;
        put_text(doc, (&obj, &fields), "members", Some(&json(&members)))?;
        if fields.int("order") != Some(place as i64) {
            doc.put(&obj, "order", place as i64)?;
        }
    }
    Ok(())
}

/// The map's own fields: title, source, arrangement, documents, and the conflicts it records
/// (less those the document's concurrent values show by themselves).
fn write_root<D: Transactable + ReadDoc>(
    doc: &mut D,
    map: &ArgumentMap,
    unsettled: &HashSet<(StatementId, Field)>,
) -> Result<(), LiveError> {
    let fields = Fields::of(doc, &ROOT);
    let mut put = |field: &str, value: Option<&str>| put_text(doc, (&ROOT, &fields), field, value);
    put("title", Some(&map.title))?;
    put("source", map.source.as_ref().map(json).as_deref())?;
    put("arrangement", Some(&json(&map.arrangement)))?;
    put("documents", (!map.documents().is_empty()).then(|| json(&map.documents())).as_deref())?;
    let recorded: Vec<_> =
        map.conflicts().iter().filter(|c| !unsettled.contains(&(c.statement.clone(), c.field))).collect();
    put("conflicts", (!recorded.is_empty()).then(|| json(&recorded)).as_deref())?;
    Ok(())
}

/// Sets a string field of an object with these `fields` to `value` (deletes it for none), only
/// if it differs, or if several values were set at once (writing one settles them).
fn put_text<D: Transactable + ReadDoc>(
    doc: &mut D,
    (obj, fields): (&ObjId, &Fields),
    field: &str,
    value: Option<&str>,
) -> Result<(), LiveError> {
    let several = fields.several(field);
    let present = if several { None } else { fields.text(field) };
    match value {
        Some(v) if present != Some(v) => doc.put(obj, field, v)?,
        None if present.is_some() || several => doc.delete(obj, field)?,
        _ => {}
    }
    Ok(())
}
