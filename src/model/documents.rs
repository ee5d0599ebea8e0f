//! The map's source documents (an article, a report), and where a statement's quote sits in
//! one. A document's text is never part of the map: the map names its file, and `crate::sources`
//! finds and reads it.

use super::{ArgumentMap, ModelError, Source, StatementId, check};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

work! {
    /// A source document of the map.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct SourceDocument {
        /// Its id (a slug), which statements' sources name.
        pub id: StatementId,
    } then {
        /// The name of its file (a text, Markdown, HTML or PDF file), looked for beside the map
        /// and in the folders the user names.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub file: Option<String>,
    }
}

impl SourceDocument {
    /// A document named `id`, titled `title`, in the file `file`, and nothing more known of it.
    pub fn in_file(id: impl Into<StatementId>, title: String, file: String) -> Self {
        Self {
            id: id.into(),
            title,
            author: None,
            publisher: None,
            year: None,
            url: None,
            licence: None,
            file: Some(file),
        }
    }
}

/// Where a quote sits in its document's text: the paragraph (from 1, as a reader counts them and
/// the reading pane numbers them; 0 in a title or heading) and the characters it spans in the
/// whole text (`start` included, `end` not).
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
        self.set_documents(documents)?;
        Ok(self)
    }

    /// [`ArgumentMap::with_documents`] in place: the map keeps its documents when the new ones
    /// cannot be its own.
    pub fn set_documents(&mut self, documents: Vec<SourceDocument>) -> Result<(), ModelError> {
        for (index, d) in documents.iter().enumerate() {
            let wrap = |e: ModelError| ModelError::InDocument { index, source: Box::new(e) };
            check_document(d).map_err(wrap)?;
            if documents[..index].iter().any(|o| o.id == d.id) {
                return Err(wrap(ModelError::DuplicateDocument(d.id.clone())));
            }
        }
        let before = std::mem::replace(&mut self.documents, documents);
        self.check_document_refs().inspect_err(|_| self.documents = before)
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

/// How a place in a document is cited: "CIPS Blog 2020, paragraph 10" (the document's publisher
/// up to its first comma, else its author or title; its year; the paragraph as the pane numbers
/// it). Every reference the app shows for a located quote is this one.
pub fn citation(document: &SourceDocument, at: Location) -> String {
    let by = document.publisher.as_deref().or(document.author.as_deref()).unwrap_or(&document.title);
    let by = by.split(',').next().unwrap_or(by).trim();
    let by = match document.year {
        Some(year) => format!("{by} {year}"),
        None => by.to_owned(),
    };
    match at.paragraph {
        0 => format!("{by}, a heading"),
        n => format!("{by}, paragraph {n}"),
    }
}

/// The paragraph a written reference names ("paragraph 10", "para. 10", "par 10", "¶10",
/// "¶ 10", any case), if it names one: its number and where the number is written (bytes).
pub fn named_paragraph(reference: &str) -> Option<(u32, Range<usize>)> {
    let lower = reference.to_lowercase();
    if lower.len() != reference.len() {
        return None; // a case change moved the bytes: no byte range would be right
    }
    for word in ["paragraph", "para.", "para", "par.", "par", "\u{b6}"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(word) {
            let after = from + found + word.len();
            let starts_word = !lower[..from + found].ends_with(char::is_alphanumeric);
            let digits_at = after + (lower[after..].len() - lower[after..].trim_start().len());
            let digits = lower[digits_at..].chars().take_while(char::is_ascii_digit).count();
            if starts_word && digits > 0 {
                let number = lower[digits_at..digits_at + digits].parse().ok()?;
                return Some((number, digits_at..digits_at + digits));
            }
            from = after;
        }
    }
    None
}

impl Source {
    /// The reference to show: where the quote was located in its document, cited as
    /// [`citation`] does, when the map lists that document and the place is known; otherwise
    /// the reference as written.
    pub fn cited(&self, map: &ArgumentMap) -> Cow<'_, str> {
        match (self.document.as_deref().and_then(|d| map.document(d)), self.at) {
            (Some(document), Some(at)) => Cow::Owned(citation(document, at)),
            _ => Cow::Borrowed(&self.reference),
        }
    }

    /// The source with its quote found at `at`: the place saved, and a paragraph the written
    /// reference names ("paragraph 11") renumbered to the place's, so the two never disagree.
    pub fn located(&self, at: Location) -> Source {
        let mut reference = self.reference.clone();
        if let Some((_, digits)) = named_paragraph(&reference)
            && at.paragraph > 0
        {
            reference.replace_range(digits, &at.paragraph.to_string());
        }
        Source { at: Some(at), reference, ..self.clone() }
    }
}
