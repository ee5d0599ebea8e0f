//! The second pass: the document's items read into Argdown's own model: equivalence classes of
//! statements (one per title; untitled paragraphs each their own), arguments with their
//! premise-conclusion structures, and the relations between them as stated (not yet resolved),
//! as argdown-core's model pass reads them.

use super::lex::{Parsed, clean, parse_element, split_meta};
use super::{Argument, Class, Elem, Item, ItemKind, Kind};
use crate::interop::Warning;
use foldhash::HashMap;

/// What the document says, in Argdown's terms.
#[derive(Default)]
pub(super) struct Document {
    /// The statements (equivalence classes).
    pub classes: Vec<Class>,
    /// The arguments.
    pub arguments: Vec<Argument>,
    /// The relations as stated: from, to, kind, line.
    pub raw: Vec<(Elem, Elem, Kind, usize)>,
    /// The sections (headings), each title once, in the order they first come.
    pub sections: Vec<String>,
    /// What could not be read as it stands.
    pub warnings: Vec<Warning>,
}

/// Reads the items, in order.
pub(super) fn read(items: &[Item<'_>]) -> Document {
    let mut reader = Reader::default();
    for item in items {
        reader.item(item);
    }
    reader.doc
}

/// The state of reading: where titles are, the heading, the relation lines above (by indent),
/// and the premise-conclusion structure being read.
#[derive(Default)]
struct Reader {
    doc: Document,
    class_by_title: HashMap<String, usize>,
    argument_by_title: HashMap<String, usize>,
    /// Each section's place in [`Document::sections`], by title (found in hashed time: a
    /// document of thousands of headings reads in linear time).
    section_places: HashMap<String, usize>,
    /// The section being read (its place in [`Document::sections`]).
    heading: Option<usize>,
    stack: Vec<(usize, Elem)>,
    /// The argument whose premise-conclusion structure is being read.
    pcs_argument: Option<usize>,
    /// The last argument defined at the top level (a structure below it reconstructs it).
    last_top_argument: Option<usize>,
    /// The statements of the structure since its last conclusion.
    since_conclusion: Vec<usize>,
    /// An inference line waiting for its conclusion: its rule and line.
    pending_inference: Option<(Option<String>, usize)>,
}

impl Reader {
    fn item(&mut self, item: &Item<'_>) {
        match item.what {
            ItemKind::Heading => {
                // A heading's `{data}` is not its title; `{isGroup: false}` makes it a heading
                // only, as in Argdown (its statements are in no group).
                let (raw, _, data) = split_meta(&item.text);
                let title = clean(&raw);
                let grouped =
                    !data.is_some_and(|d| d.split_whitespace().collect::<String>().contains("isGroup:false"));
                let (sections, places) = (&mut self.doc.sections, &mut self.section_places);
                self.heading = grouped.then(|| {
                    *places.entry(title.clone()).or_insert_with(|| {
                        sections.push(title);
                        sections.len() - 1
                    })
                });
                self.stack.clear();
                self.pcs_argument = None;
            }
            ItemKind::Top => {
                let e = self.element(&item.text);
                self.stack = vec![(item.indent, e)];
                self.pcs_argument = None;
                self.last_top_argument = match e {
                    Elem::Argument(a) => Some(a),
                    Elem::Statement(_) => None,
                };
            }
            ItemKind::Relation(kind, incoming) => self.relation(item, kind, incoming),
            ItemKind::Pcs => self.pcs(item),
            ItemKind::Inference => self.inference(item),
        }
    }

    /// A statement or argument, defined or referred to: its class or argument, with the text,
    /// tags, heading and data it brings.
    fn element(&mut self, text: &str) -> Elem {
        let (raw_text, notes, data) = split_meta(text);
        let parsed = parse_element(&raw_text);
        let defines =
            !matches!(parsed, Parsed::Statement { text: None, .. } | Parsed::Argument { text: None, .. });
        // The section an element is first defined in is its group.
        let section = self.heading.filter(|_| defines);
        let text_of = |text: Option<&str>| text.map(clean).filter(|t| !t.is_empty());
        match parsed {
            Parsed::Statement { title, text } => {
                let index = self.class(title.map(clean));
                let class = &mut self.doc.classes[index];
                class.texts.add(text_of(text));
                class.notes.add(notes);
                class.data.add(data);
                class.section = class.section.or(section);
                Elem::Statement(index)
            }
            Parsed::Argument { title, text } => {
                let index = self.argument(clean(title));
                let argument = &mut self.doc.arguments[index];
                argument.descriptions.add(text_of(text));
                argument.notes.add(notes);
                argument.data.add(data);
                argument.section = argument.section.or(section);
                Elem::Argument(index)
            }
        }
    }

    /// The class of a title (a new one for an untitled statement).
    fn class(&mut self, title: Option<String>) -> usize {
        let classes = &mut self.doc.classes;
        match title {
            Some(t) => match self.class_by_title.get(&t) {
                Some(&index) => index,
                None => {
                    classes.push(Class { title: Some(t.clone()), ..Class::default() });
                    self.class_by_title.insert(t, classes.len() - 1);
                    classes.len() - 1
                }
            },
            None => {
                classes.push(Class::default());
                classes.len() - 1
            }
        }
    }

    /// The argument of a title.
    fn argument(&mut self, title: String) -> usize {
        let arguments = &mut self.doc.arguments;
        *self.argument_by_title.entry(title.clone()).or_insert_with(|| {
            arguments.push(Argument { title, ..Argument::default() });
            arguments.len() - 1
        })
    }

    /// A relation line: the element related to the one above it (by indent).
    fn relation(&mut self, item: &Item<'_>, kind: Kind, incoming: bool) {
        while self.stack.last().is_some_and(|(indent, _)| *indent >= item.indent) {
            self.stack.pop();
        }
        let e = self.element(&item.text);
        match self.stack.last() {
            Some(&(_, parent)) => {
                let (from, to) = if incoming { (e, parent) } else { (parent, e) };
                self.doc.raw.push((from, to, kind, item.line));
            }
            None => self.doc.warnings.push(Warning::at(
                item.line,
                "a relation line with nothing above it to relate to; its element is kept on its own",
            )),
        }
        self.stack.push((item.indent, e));
    }

    /// A numbered statement of a premise-conclusion structure.
    fn pcs(&mut self, item: &Item<'_>) {
        let a = match self.pcs_argument.or(self.last_top_argument) {
            Some(a) => a,
            None => {
                let title = format!("Untitled argument {}", self.doc.arguments.len() + 1);
                self.doc.arguments.push(Argument { title, ..Argument::default() });
                self.doc.arguments.len() - 1
            }
        };
        if self.pcs_argument != Some(a) {
            let argument = &mut self.doc.arguments[a];
            if argument.has_pcs {
                let message = format!(
                    "argument <{}> is reconstructed a second time; argmap keeps both reconstructions",
                    argument.title
                );
                self.doc.warnings.push(Warning::at(item.line, message));
            }
            argument.has_pcs = true;
            self.pcs_argument = Some(a);
            self.since_conclusion.clear();
            self.pending_inference = None;
        }
        let Elem::Statement(s) = self.element(&item.text) else {
            let message = "an argument inside a premise-conclusion structure; left out";
            return self.doc.warnings.push(Warning::at(item.line, message));
        };
        if let Some((rule, line)) = self.pending_inference.take() {
            if self.since_conclusion.is_empty() {
                self.doc.warnings.push(Warning::at(line, "an inference without premises; left out"));
            } else {
                let premises = std::mem::take(&mut self.since_conclusion);
                self.doc.arguments[a].steps.push((premises, s, rule, line));
            }
        }
        self.since_conclusion.push(s);
        self.stack = vec![(item.indent, Elem::Statement(s))];
    }

    /// An inference line (with its rule): the next statement is a conclusion.
    fn inference(&mut self, item: &Item<'_>) {
        if self.pcs_argument.is_none() {
            let message = "an inference line outside a premise-conclusion structure; left out";
            return self.doc.warnings.push(Warning::at(item.line, message));
        }
        let (rule, _, data) = split_meta(&item.text);
        let rule = [clean(&rule), data.unwrap_or_default()].join(" ").trim().to_owned();
        self.pending_inference = Some((Some(rule).filter(|r| !r.is_empty()), item.line));
        self.stack.clear();
    }
}
