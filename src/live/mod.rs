//! Live co-editing: a map shared as an [Automerge](https://automerge.org) document, so that
//! several people's edits merge on every machine to the same map, without a home-made protocol.
//!
//! The map goes into the document by ids, one object per thing, one value per field, so that
//! concurrent edits of different things never conflict and two of one field end the same
//! everywhere (Automerge keeps both values and picks the same one on every machine; the other
//! becomes a [`crate::model::Conflict`] the compare view shows):
//!
//! ```text
//! ROOT { argmap: 1, title, source, arrangement, documents, conflicts,      (JSON where not text)
//!        statements: { key: { id, text, note, source, pinned, answers, order, deleted } },
//!        relations:  { key: { kind, premises: [statement keys], conclusion: "s:key" | "r:key",
//!                             label, description, rating, scheme, doubted, order, deleted } },
//!        marks:      { statement key: "rejected" | "accepted" },
//!        groups:     { group id: { title, members: [statement keys], order } } }
//! ```
//!
//! A statement's key is its id when the map is shared and, for one added afterwards, its id with
//! a random suffix: two people adding "the same" statement at once add two. A relation's key is
//! `r` and its id when shared, `r` and a random number after. The map read back names relations
//! by their place in the document's order, the same on every machine ([`read::read`]).
//!
//! Deleting marks a thing deleted and keeps its fields, so that what another person built on it
//! meanwhile (an objection to a statement being deleted) brings it back, with a conflict that says
//! so, rather than losing either person's work.

pub mod net;
mod read;
pub mod session;
mod write;

pub use read::{Keys, Mirror, Read, read};
pub use write::write;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc};

/// The version of the document's layout (the `argmap` field of its root).
pub const SCHEMA: i64 = 1;

/// The root's objects, by field name.
const STATEMENTS: &str = "statements";
const RELATIONS: &str = "relations";
const MARKS: &str = "marks";
const GROUPS: &str = "groups";

/// What went wrong with a shared document.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// Automerge refused an operation or the bytes of a document.
    #[error("the shared document: {0}")]
    Automerge(#[from] automerge::AutomergeError),
    /// The document is not a shared argmap map, or one of a newer layout.
    #[error("the shared document is not an argmap map of a layout this argmap reads ({0})")]
    NotAMap(String),
}

/// A map shared live: the Automerge document that holds it, and the keys of the map last read
/// from it or recorded into it (what the next edit is written with).
pub struct Shared {
    doc: AutoCommit,
    keys: Keys,
    /// The document's statements and relations, kept up to date after each change.
    mirror: Mirror,
}

impl Shared {
    /// A new shared document holding `map` (the first person's copy).
    pub fn share(map: &crate::model::ArgumentMap) -> Result<Self, LiveError> {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "argmap", SCHEMA)?;
        for field in [STATEMENTS, RELATIONS, MARKS, GROUPS] {
            doc.put_object(ROOT, field, ObjType::Map)?;
        }
        let keys = write::write_with(&mut doc, map, (&Keys::default(), &Mirror::default()), true)?;
        doc.commit();
        let mirror = Mirror::of(&mut doc);
        Ok(Self { doc, keys, mirror })
    }

    /// An empty document, to join a map shared elsewhere ([`Shared::take_in`] brings it).
    pub fn empty() -> Self {
        let mut doc = AutoCommit::new();
        let mirror = Mirror::of(&mut doc);
        Self { doc, keys: Keys::default(), mirror }
    }

    /// Takes in another copy's changes, as saved bytes (what a sync server sends).
    pub fn take_in(&mut self, bytes: &[u8]) -> Result<(), LiveError> {
        let fresh = self.doc.get_heads().is_empty();
        self.doc.load_incremental(bytes)?;
        if fresh {
            // The first changes of a joined map: read whole (the index starts with them).
            self.mirror = Mirror::of(&mut self.doc);
            self.keys = read::layout(&self.mirror).keys;
        } else {
            self.mirror.refresh(&mut self.doc);
        }
        Ok(())
    }

    /// A shared document from its saved bytes (what another person's copy sent).
    pub fn load(bytes: &[u8]) -> Result<Self, LiveError> {
        let mut doc = AutoCommit::load(bytes)?;
        let schema = doc.get(ROOT, "argmap")?.and_then(|(v, _)| v.as_i64());
        match schema {
            Some(SCHEMA) => {
                let mirror = Mirror::of(&mut doc);
                Ok(Self { keys: read::layout(&mirror).keys, doc, mirror })
            }
            Some(other) => Err(LiveError::NotAMap(format!("layout {other}"))),
            None => Err(LiveError::NotAMap("no argmap field".into())),
        }
    }

    /// The document's bytes, whole.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// A copy as another machine would hold it (its own actor), for tests and a second window.
    pub fn fork(&mut self) -> Self {
        let mut doc = self.doc.fork();
        doc.update_diff_cursor();
        Self { doc, keys: self.keys.clone(), mirror: self.mirror.clone() }
    }

    /// Takes in the changes another copy made (what a sync does). Record the map's own edits
    /// first, and read the map again after.
    pub fn merge(&mut self, other: &mut Shared) -> Result<(), LiveError> {
        self.doc.merge(&mut other.doc)?;
        self.mirror.refresh(&mut self.doc);
        Ok(())
    }

    /// Records the map's differences from the document as one change (the user's edit). The
    /// map is the last one read ([`Shared::map`]) with the user's edits since.
    pub fn record(&mut self, map: &crate::model::ArgumentMap) -> Result<(), LiveError> {
        self.keys = write(&mut self.doc, map, &self.keys, &self.mirror)?;
        self.doc.commit();
        self.mirror.refresh(&mut self.doc);
        Ok(())
    }

    /// Which changes the document holds.
    pub fn heads(&mut self) -> Vec<automerge::ChangeHash> {
        self.doc.get_heads()
    }

    /// The changes made since `heads`, as bytes another copy takes in ([`Shared::take_in`]).
    pub fn changes_since(&mut self, heads: &[automerge::ChangeHash]) -> Vec<u8> {
        self.doc.save_after(heads)
    }

    /// Records `map`, an edit of the map as the document held it at `base`: against the document
    /// as it is when nothing came in since, else on a copy of the document at `base`, merged
    /// back, so that what came in meanwhile (and the map did not show yet) is not undone.
    /// Returns the state the edited map is of: the document's when nothing came in, else the
    /// copy's (the base of the next edit made on the same map).
    pub fn record_at(
        &mut self,
        base: &[automerge::ChangeHash],
        map: &crate::model::ArgumentMap,
    ) -> Result<Recorded, LiveError> {
        if self.heads() == base {
            self.record(map)?;
            return Ok(Recorded::Here(self.heads()));
        }
        let mut doc = self.doc.fork_at(base)?;
        let mirror = Mirror::of(&mut doc);
        let keys = read::layout(&mirror).keys;
        let mut then = Self { doc, keys, mirror };
        then.record(map)?;
        let heads = then.heads();
        self.merge(&mut then)?;
        Ok(Recorded::Merged(heads))
    }

    /// The map the document holds now, with what reading it had to settle; the next edit is
    /// recorded against it.
    pub fn map(&mut self) -> Result<Read, LiveError> {
        let read = read(&self.doc, &self.mirror)?;
        self.keys = read.keys.clone();
        Ok(read)
    }
}

/// Where an edit was recorded ([`Shared::record_at`]), and the state of the document the
/// edited map is of.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    /// On the document as it was: the map is of its state now.
    Here(Vec<automerge::ChangeHash>),
    /// On a copy at the map's base, merged with what came in meanwhile: the map is of the
    /// copy's state, and lacks what came in.
    Merged(Vec<automerge::ChangeHash>),
}

/// The object at `field` of the root (one of the four maps), made if missing.
fn root_map<D: Transactable + ReadDoc>(doc: &mut D, field: &str) -> Result<ObjId, LiveError> {
    match doc.get(ROOT, field)? {
        Some((automerge::Value::Object(ObjType::Map), id)) => Ok(id),
        _ => Ok(doc.put_object(ROOT, field, ObjType::Map)?),
    }
}

/// One value of a field, as this layout uses them.
#[derive(Clone, Debug, PartialEq)]
enum Scalar {
    Text(String),
    Int(i64),
    Bool(bool),
    /// An object, or a kind of value this layout never writes.
    Other,
}

/// An object's fields, read in one pass (one read of a field costs a walk of the document's
/// columns): each field's value, the one every machine shows, and whether others were set at
/// the same time.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Fields(foldhash::HashMap<String, (Scalar, bool)>);

impl Fields {
    /// The fields of `obj`.
    fn of<D: ReadDoc>(doc: &D, obj: &ObjId) -> Self {
        let fields = doc.map_range(obj, ..).map(|item| {
            let value = match item.value {
                automerge::ValueRef::Scalar(automerge::ScalarValueRef::Str(s)) => {
                    Scalar::Text(s.into_owned())
                }
                automerge::ValueRef::Scalar(automerge::ScalarValueRef::Int(i)) => Scalar::Int(i),
                automerge::ValueRef::Scalar(automerge::ScalarValueRef::Boolean(b)) => Scalar::Bool(b),
                _ => Scalar::Other,
            };
            (item.key.into_owned(), (value, item.conflict))
        });
        Self(fields.collect())
    }

    /// The string at `field`.
    fn text(&self, field: &str) -> Option<&str> {
        match self.0.get(field) {
            Some((Scalar::Text(s), _)) => Some(s),
            _ => None,
        }
    }

    /// A value written as JSON into a string field (none when absent or unreadable).
    fn json<T: serde::de::DeserializeOwned>(&self, field: &str) -> Option<T> {
        serde_json::from_str(self.text(field)?).ok()
    }

    /// The whole number at `field`.
    fn int(&self, field: &str) -> Option<i64> {
        match self.0.get(field) {
            Some((Scalar::Int(i), _)) => Some(*i),
            _ => None,
        }
    }

    /// Whether `field` is set and true.
    fn yes(&self, field: &str) -> bool {
        matches!(self.0.get(field), Some((Scalar::Bool(true), _)))
    }

    /// Whether any field has several values set at once.
    fn any_several(&self) -> bool {
        self.0.values().any(|(_, conflict)| *conflict)
    }

    /// Whether several values were set at `field` at once.
    fn several(&self, field: &str) -> bool {
        self.0.get(field).is_some_and(|(_, conflict)| *conflict)
    }
}

/// The objects of one of the root's maps, by key, with their fields.
fn objects<D: ReadDoc>(doc: &D, field: &str) -> Vec<(String, ObjId, Fields)> {
    let Ok(Some((automerge::Value::Object(ObjType::Map), all))) = doc.get(ROOT, field) else {
        return Vec::new();
    };
    doc.map_range(&all, ..)
        .filter(|item| matches!(item.value, automerge::ValueRef::Object(ObjType::Map)))
        .map(|item| (item.key.to_string(), item.id()))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(key, obj)| {
            let fields = Fields::of(doc, &obj);
            (key, obj, fields)
        })
        .collect()
}

/// A value as the JSON string a field holds (serde_json writes these plain structs infallibly;
/// an empty string would read back as absent).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests;
