//! Argdown, the plain-text format of argument maps (<https://argdown.org>): import and export.
//!
//! Import maps Argdown's model onto argmap's:
//!
//! - a statement (`[Title]: text`, its references `[Title]`, and every statement with the same
//!   title: an equivalence class) is one argmap statement; further texts of the class go to its
//!   note. Untitled paragraphs are statements too, as in Argdown.
//! - an argument with a premise-conclusion structure (`(1) ...`, an inference line `----` or
//!   `-- rule --`, `(3) conclusion`) becomes one support per inference step: the premises since
//!   the last conclusion, with that conclusion, are co-premises of the next conclusion. The last
//!   step carries the argument's title as label and its text as description. Relations from such
//!   an argument start at its main conclusion.
//! - an argument without premise-conclusion structure becomes a statement with its text.
//! - relations `+ - _ ><` in all directions (`+`, `<+`, `+>`, ...). Approximated, with a warning
//!   line each: an attack on (or support of) a reconstructed argument becomes an undercut of its
//!   last inference (or a support of its conclusion); an undercut of a statement an objection;
//!   contradictory `><` two objections; contrary (strict mode) an objection.
//! - the YAML front matter's `title` names the map, `author` and `date` go to its source; each
//!   section (a `#` heading) is a group of the statements first defined under it (the innermost
//!   heading counts; headings of one title are one group); tags and `{data}` go to the notes of
//!   the statements they belong to; other metadata is reported.
//!
//! Export writes every statement as `[id]: text` (a group's members under its heading, after
//! the statements in no group), relations of one premise as `+`/`-` lines, and
//! co-premises, labelled relations and relations that are undercut as arguments with a
//! premise-conclusion structure; see [`export`].
//!
//! Import runs as passes, the way argdown-core's own plugins do: [`lex`] cuts the text into items
//! (comments, front matter, lines), [`document`] reads them into Argdown's model (equivalence
//! classes, arguments, relations as stated), [`resolve`] maps that model onto argmap's
//! (statements, then relations with their approximations). [`export`] writes a map back.

mod document;
mod export;
mod lex;
mod resolve;

pub use export::export;

use super::{Imported, SyntaxError};
use crate::model::{ArgumentMap, MapSource};
use lex::Front;

/// Reads an Argdown document.
pub fn import(text: &str, fallback_title: &str) -> Result<Imported, SyntaxError> {
    let stripped = lex::strip_comments(text)?;
    let lexed = lex::lex(&stripped)?;
    let document = document::read(&lexed.items);
    let mut warnings = lexed.warnings;
    warnings.extend(document.warnings.iter().cloned());
    let mut statements = resolve::statements(&document);
    let strict = lexed.front.as_ref().is_some_and(|f| f.strict);
    let (relations, by_title) = resolve::relations(&document, &statements, strict, &mut warnings);
    // The critical questions statements answer, by the answered argument's title.
    for (i, (title, question)) in std::mem::take(&mut statements.answers) {
        match by_title.get(&title) {
            Some(&r) => {
                let relation = crate::model::RelationId(r as u64);
                statements.list[i].answers = Some(crate::model::Answer { relation, question });
            }
            None => warnings.push(crate::interop::Warning::general(format!(
                "a statement answers a question of <{title}>, which is no argument here: left out"
            ))),
        }
    }
    resolve::titles_on_arrows(&mut statements, &relations);
    let (title, source) = title_and_source(lexed.front.as_ref(), fallback_title);
    let groups = resolve::groups(&document, &statements, &mut warnings);
    let documents = lexed.front.as_ref().map(|f| f.documents.clone()).unwrap_or_default();
    // A source naming a document the text does not list keeps its quote, not the document.
    for s in &mut statements.list {
        if let Some(src) = s
            .source
            .as_mut()
            .filter(|src| src.document.as_ref().is_some_and(|d| !documents.iter().any(|x| &x.id == d)))
        {
            src.document = None;
            src.at = None;
        }
    }
    let map = ArgumentMap::from_parts(title, source, statements.list, relations)
        .and_then(|m| m.with_groups(groups))
        .and_then(|m| m.with_documents(documents))
        .map_err(|e| SyntaxError::general(format!("the document does not make a valid map: {e}")))?;
    Ok(Imported { map, warnings })
}

/// The map's title (the front matter's, or `fallback`) and source (the one argmap's export
/// wrote, else one made of the author and the date).
fn title_and_source(front: Option<&Front>, fallback: &str) -> (String, Option<MapSource>) {
    let title = front.and_then(|f| f.title.clone()).unwrap_or_else(|| fallback.to_owned());
    let written = front.and_then(|f| f.source.clone());
    let source = written.or_else(|| {
        front.filter(|f| f.author.is_some() || f.year.is_some()).map(|f| MapSource {
            title: title.clone(),
            author: f.author.clone(),
            year: f.year,
            ..MapSource::default()
        })
    });
    (title, source)
}

/// Texts in the order first found, each once. A few are compared one by one; past
/// [`Texts::FEW`] they are found by hash, so a statement stated 100,000 times costs linear time.
#[derive(Default)]
pub(super) struct Texts {
    list: Vec<String>,
    /// Where each text is in `list`, by its hash, once there are more than [`Texts::FEW`]
    /// (boxed: almost every class has none, and there are as many classes as statements).
    seen: Option<Box<foldhash::HashMap<u64, Vec<usize>>>>,
}

impl Texts {
    /// How many texts are compared one by one (almost every statement has one).
    const FEW: usize = 8;

    fn add(&mut self, items: impl IntoIterator<Item = String>) {
        for item in items {
            if self.list.len() < Self::FEW {
                if !self.list.contains(&item) {
                    self.list.push(item);
                }
                continue;
            }
            let list = &self.list;
            let seen = self.seen.get_or_insert_with(|| {
                let mut seen: Box<foldhash::HashMap<u64, Vec<usize>>> = Box::default();
                for (i, text) in list.iter().enumerate() {
                    seen.entry(Self::hash(text)).or_default().push(i);
                }
                seen
            });
            let places = seen.entry(Self::hash(&item)).or_default();
            if !places.iter().any(|&i| self.list[i] == item) {
                places.push(self.list.len());
                self.list.push(item);
            }
        }
    }

    fn hash(text: &str) -> u64 {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::with_seed(0).hash_one(text)
    }
}

impl std::ops::Deref for Texts {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.list
    }
}

/// A statement (equivalence class) of the document.
#[derive(Default)]
struct Class {
    title: Option<String>,
    texts: Texts,
    notes: Texts,
    data: Texts,
    /// The section it is first defined in.
    section: Option<usize>,
}

/// An argument of the document.
#[derive(Default)]
struct Argument {
    title: String,
    descriptions: Texts,
    notes: Texts,
    data: Texts,
    /// Inference steps: premises, conclusion, rule (class indices), line.
    steps: Vec<(Vec<usize>, usize, Option<String>, usize)>,
    has_pcs: bool,
    /// The section it is first defined in.
    section: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Elem {
    Statement(usize),
    Argument(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Support,
    Attack,
    Undercut,
    Contradiction,
}

/// One logical item of the document: a heading, an element, a relation line, a PCS line or an
/// inference line, with its continuation lines joined.
#[derive(Debug)]
struct Item<'a> {
    line: usize,
    indent: usize,
    what: ItemKind,
    /// Its text: the line's, borrowed; continuation lines joined into a copy.
    text: std::borrow::Cow<'a, str>,
}

#[derive(Debug, PartialEq)]
enum ItemKind {
    Heading,
    Top,
    /// A relation line: the kind, and whether the new element is the source (`+ X`: X supports
    /// the parent) or the target (`+> X`: the parent supports X).
    Relation(Kind, bool),
    Pcs,
    /// An inference line (with its rule, if any).
    Inference,
}

/// The title argmap's export gives a relation without label (followed by its number).
const UNTITLED: &str = "argmap argument";

/// The source and note argmap's export writes as a statement's data, and its exact text where
/// Argdown would change it (white space collapsed, an empty text).
#[derive(serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
struct StatementData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<crate::model::Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// The critical question it answers: the argument's title and the question's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answers: Option<AnswerData>,
}

/// The critical question a statement answers, in its data: the title of the argument and the
/// question's place (from 0) among its scheme's questions.
#[derive(serde::Deserialize, serde::Serialize, Clone)]
#[serde(deny_unknown_fields)]
struct AnswerData {
    argument: String,
    question: usize,
}

/// The exact label and description argmap's export writes as an argument's data where the
/// argument's title and text cannot carry them (brackets, line breaks, a repeated label).
#[derive(serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
struct ArgumentData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// The argument's text only stands in (Argdown needs one where it has data): the description
    /// is `description`, or none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    stand_in: bool,
    /// The argument scheme it follows, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scheme: Option<String>,
    /// The critical questions of its scheme the user doubts (what-if), by place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    doubted: Vec<usize>,
}

/// Whether two texts have the same words (Argdown keeps words and drops white space).
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The text as Argdown keeps it: words separated by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A label as an Argdown title: the characters that could read as syntax in a title (brackets,
/// markup, tags, data, comments, escapes) become spaces, white space is collapsed, and a leading
/// `-` or `+` goes.
fn title_base(label: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || c == ' ' || "-.,;:!?'\"()&%$+=|~^".contains(c);
    let title = words(&label.chars().map(|c| if safe(c) { c } else { ' ' }).collect::<String>());
    // Not starting like a relation (`<-`, `<+`): Argdown reads those before a title.
    title.trim_start_matches(['-', '+', ' ']).to_owned()
}

/// Whether `title` is the title [`argument_titles`] gives a relation labelled `label`.
fn is_title_of(title: &str, label: &str) -> bool {
    let base = title_base(label);
    if base.is_empty() {
        return generated_title(title);
    }
    title == base
        || title
            .strip_prefix(&base)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether `title` is one export gives an unlabelled relation (`argmap argument N`).
fn generated_title(title: &str) -> bool {
    title
        .strip_prefix(UNTITLED)
        .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()) && !n.trim().is_empty())
}

#[cfg(test)]
mod tests;
