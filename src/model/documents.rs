//! The map's source documents (an article, a report), and where a statement's quote sits in
//! one. A document's text is never part of the map: the map names its file, and `crate::sources`
//! finds and reads it.

use super::{ArgumentMap, ModelError, StatementId, check};
use serde::{Deserialize, Serialize};

/// A source document of the map.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// Its id (a slug), which statements' sources name.
    pub id: StatementId,
    /// Its title.
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
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The licence it is published under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The name of its file (a text, Markdown, HTML or PDF file), looked for beside the map and
    /// in the folders the user names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Where a quote sits in its document's text: the paragraph (1-based, as the reading pane numbers
/// them) and the characters it spans in the whole text (`start` included, `end` not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The paragraph, from 1.
    pub paragraph: u32,
    /// The first character, counted from 0 in the document's text.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

/// A document's fields: a slug id, bounded texts.
pub fn check_document(d: &SourceDocument) -> Result<(), ModelError> {
    if !check::is_slug(d.id.as_str()) {
        return Err(ModelError::InvalidDocumentId(d.id.clone()));
    }
    check::document_fields(d)
}

impl ArgumentMap {
    /// The source documents, in file order.
    pub fn documents(&self) -> &[SourceDocument] {
        &self.documents
    }

    /// A source document by id.
    pub fn document(&self, id: &str) -> Option<&SourceDocument> {
        self.documents.iter().find(|d| d.id.as_str() == id)
    }

    /// The map with these source documents, checked: slug ids, each once, and every statement's
    /// source naming one of them (if it names one).
    pub fn with_documents(mut self, documents: Vec<SourceDocument>) -> Result<Self, ModelError> {
        for (index, d) in documents.iter().enumerate() {
            let wrap = |e: ModelError| ModelError::InDocument { index, source: Box::new(e) };
            check_document(d).map_err(wrap)?;
            if documents[..index].iter().any(|o| o.id == d.id) {
                return Err(wrap(ModelError::DuplicateDocument(d.id.clone())));
            }
        }
        self.documents = documents;
        self.check_document_refs()?;
        Ok(self)
    }

    /// Every statement's source names a document of the map, if it names one.
    pub(crate) fn check_document_refs(&self) -> Result<(), ModelError> {
        for s in self.statements() {
            if let Some(d) = s.source.as_ref().and_then(|src| src.document.as_ref())
                && self.document(d).is_none()
            {
                return Err(ModelError::UnknownDocument { statement: s.id.clone(), document: d.clone() });
            }
        }
        Ok(())
    }
}
