//! The third pass: Argdown's model resolved into argmap's. Statements first (an equivalence
//! class each, and each argument without a reconstruction), then relations: every inference
//! step of a reconstruction, then the relations as stated, approximated where argmap has no
//! equal (each approximation a warning), each relation once however often it is stated, in the
//! order the document states them.

use super::document::Document;
use super::{Argument, ArgumentData, Elem, Kind, StatementData, generated_title, is_title_of, same_words};
use crate::interop::{Ids, Warning};
use crate::model::{Group, Relation, RelationId, RelationKind, Statement, StatementId, Target};
use foldhash::HashMap;

/// The statements of the map, and where each class and argument went.
pub(super) struct Statements {
    /// In file order: classes, then arguments without a reconstruction.
    pub list: Vec<Statement>,
    /// The id of each class's statement.
    pub class_id: Vec<StatementId>,
    /// The statement of each argument without a reconstruction.
    pub argument_statement: HashMap<usize, StatementId>,
    /// The critical question each statement (by place in `list`) answers, by the argument's
    /// title, from the data argmap's export wrote.
    pub answers: Vec<(usize, (String, usize))>,
    /// Classes that conclude argmap's own objection or undercut reconstructions (folded back
    /// into a relation, no statement), with their argument.
    pub folded_class: HashMap<usize, usize>,
}

/// The statements of a document.
pub(super) fn statements(doc: &Document) -> Statements {
    let folded_class = folded_classes(doc);
    let mut ids = Ids::default();
    let mut st = Statements {
        list: Vec::new(),
        class_id: Vec::new(),
        argument_statement: HashMap::default(),
        answers: Vec::new(),
        folded_class,
    };
    for (c, class) in doc.classes.iter().enumerate() {
        let text = class.texts.first().cloned().or_else(|| class.title.clone()).unwrap_or_default();
        let id = StatementId::from(ids.fresh_or(class.title.as_deref(), &text));
        st.class_id.push(id.clone());
        if !st.folded_class.contains_key(&c) {
            let (statement, answers) = class_statement(class, id, text);
            if let Some(a) = answers {
                st.answers.push((st.list.len(), a));
            }
            st.list.push(statement);
        }
    }
    for (a, argument) in doc.arguments.iter().enumerate().filter(|(_, a)| a.steps.is_empty()) {
        let text = argument.descriptions.first().cloned().unwrap_or_else(|| argument.title.clone());
        let id = StatementId::from(ids.fresh(&argument.title));
        let mut notes = vec![format!("Argdown argument: <{}>", argument.title)];
        notes.extend(argument.descriptions.iter().skip(1).map(|d| format!("Also described as: {d}")));
        notes.extend(argument.notes.iter().cloned());
        notes.extend(argument.data.iter().map(|d| format!("Data: {d}")));
        let mut s = Statement::new(id.clone(), text);
        s.note = Some(notes.join("\n"));
        st.list.push(s);
        st.argument_statement.insert(a, id);
    }
    st
}

/// Takes the "Argdown argument: <title>" line out of the note of each argument's statement
/// whose title went onto its arrows (a relation from it with a label): the title is on the map.
pub(super) fn titles_on_arrows(st: &mut Statements, relations: &[Relation]) {
    let titled: foldhash::HashSet<&StatementId> =
        relations.iter().filter(|r| r.label.is_some()).flat_map(|r| r.premises.iter()).collect();
    let arguments: foldhash::HashSet<&StatementId> = st.argument_statement.values().collect();
    for s in st.list.iter_mut().filter(|s| titled.contains(&s.id) && arguments.contains(&s.id)) {
        let rest: Vec<&str> = s
            .note
            .as_deref()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.starts_with("Argdown argument: <"))
            .collect();
        s.note = (!rest.is_empty()).then(|| rest.join("\n"));
    }
}

/// The groups: one per section with statements first defined in it, its members in file order.
pub(super) fn groups(
    doc: &Document,
    st: &Statements,
    warnings: &mut Vec<Warning>,
) -> Vec<(Group, Vec<StatementId>)> {
    let mut members: Vec<Vec<StatementId>> = vec![Vec::new(); doc.sections.len()];
    for (c, class) in doc.classes.iter().enumerate() {
        if let (Some(g), false) = (class.section, st.folded_class.contains_key(&c)) {
            members[g].push(st.class_id[c].clone());
        }
    }
    for (a, argument) in doc.arguments.iter().enumerate() {
        if let (Some(g), Some(id)) = (argument.section, st.argument_statement.get(&a)) {
            members[g].push(id.clone());
        }
    }
    let order: HashMap<&StatementId, usize> = st.list.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let (mut slugs, mut ids) = (crate::model::Slugs::default(), foldhash::HashSet::default());
    let mut out = Vec::new();
    for (title, mut m) in doc.sections.iter().zip(members) {
        if m.is_empty() {
            continue;
        }
        m.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
        let id = slugs.unique(title, "section", |c| ids.contains(c));
        ids.insert(id.clone());
        if title.chars().nth(crate::model::MAX_NAME_CHARS).is_some() {
            warnings.push(Warning::general(format!(
                "a section's heading is longer than the {} characters a group's title holds: cut there",
                crate::model::MAX_NAME_CHARS
            )));
        }
        let title: String = title.chars().take(crate::model::MAX_NAME_CHARS).collect();
        out.push((Group::new(id, title), m));
    }
    out
}

/// argmap's own exports mark the conclusions of reconstructions that stand for objections and
/// undercuts (`{"argmap": "objection"}`): those classes, by the argument they conclude.
fn folded_classes(doc: &Document) -> HashMap<usize, usize> {
    let marker = |data: &[String]| -> Option<String> {
        data.iter().find_map(|d| {
            let v: serde_json::Value = serde_json::from_str(d).ok()?;
            v.get("argmap")?.as_str().map(str::to_owned)
        })
    };
    let mut folded = HashMap::default();
    for (a, argument) in doc.arguments.iter().enumerate() {
        if let Some((_, c, _, _)) = argument.steps.last()
            && matches!(marker(&doc.classes[*c].data).as_deref(), Some("objection" | "undercut"))
        {
            folded.insert(*c, a);
        }
    }
    folded
}

/// The statement of an equivalence class: its first text; further texts, tags, the heading and
/// data in its note; the source, note and exact text argmap's export wrote as data.
fn class_statement(
    class: &super::Class,
    id: StatementId,
    text: String,
) -> (Statement, Option<(String, usize)>) {
    let mut s = Statement::new(id.clone(), text);
    let mut answers = None;
    let mut notes = Vec::new();
    if let Some(t) = class.title.as_ref().filter(|t| t.as_str() != id.as_str()) {
        notes.push(format!("Argdown title: [{t}]"));
    }
    for other in class.texts.iter().skip(1) {
        notes.push(format!("Also stated as: {other}"));
    }
    notes.extend(class.notes.iter().cloned());
    let mut own_note = None;
    for d in class.data.iter() {
        match serde_json::from_str::<StatementData>(d) {
            Ok(data) => {
                s.source = data.source;
                own_note = data.note;
                answers = data.answers.map(|a| (a.argument, a.question));
                // The exact text, unless the text was edited since (its words differ).
                let read = class.texts.first().map_or("", String::as_str);
                if let Some(exact) = data.text.filter(|t| same_words(t, read)) {
                    s.text = exact;
                }
            }
            Err(_) => notes.push(format!("Data: {d}")),
        }
    }
    s.note = match (notes.is_empty(), own_note) {
        (true, own) => own,
        (false, own) => Some(notes.into_iter().chain(own).collect::<Vec<_>>().join("\n")),
    };
    (s, answers)
}

/// The relations an import found, each with the line that states it (to sort them by), and an
/// index by what each says (kind, premises, conclusion, label, description: two relations that
/// say the same are one), so a relation stated twice is found in constant time.
#[derive(Default)]
struct Found {
    relations: Vec<Relation>,
    lines: Vec<usize>,
    /// The relations (by place) that say what hashes to each key.
    index: HashMap<u64, Vec<usize>>,
}

impl Found {
    /// The hash of what a relation says.
    fn key(r: &Relation) -> u64 {
        use std::hash::BuildHasher;
        let says = (r.kind, &r.premises, &r.conclusion, &r.label, &r.description);
        foldhash::fast::FixedState::with_seed(0).hash_one(says)
    }

    /// Whether two relations say the same.
    fn same(a: &Relation, b: &Relation) -> bool {
        (a.kind, &a.premises, &a.conclusion, &a.label, &a.description)
            == (b.kind, &b.premises, &b.conclusion, &b.label, &b.description)
    }

    /// A relation of the document: the one found before that says the same, or a new one.
    fn add(&mut self, r: Relation, line: usize) -> usize {
        let relations = &self.relations;
        let places = self.index.entry(Self::key(&r)).or_default();
        if let Some(&i) = places.iter().find(|&&i| Self::same(&relations[i], &r)) {
            return i;
        }
        places.push(self.relations.len());
        self.add_step(r, line)
    }

    /// An inference step, or an argument argmap wrote: always a relation of its own (each
    /// reconstruction keeps its steps; a relation line saying the same is another relation).
    fn add_step(&mut self, r: Relation, line: usize) -> usize {
        self.relations.push(r);
        self.lines.push(line);
        self.relations.len() - 1
    }

    /// The relations in the order the document states them (an undercut's target renumbered),
    /// and the new place of each relation found.
    fn in_order(self) -> (Vec<Relation>, Vec<usize>) {
        let Found { relations, lines, .. } = self;
        let mut order: Vec<usize> = (0..relations.len()).collect();
        order.sort_by_key(|&i| (lines[i], i));
        let mut new_index = vec![0usize; relations.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<Relation>> = relations.into_iter().map(Some).collect();
        let ordered = order
            .iter()
            .filter_map(|&old| slots[old].take())
            .map(|mut r| {
                if let Target::Relation(RelationId(t)) = r.conclusion {
                    r.conclusion = Target::Relation(RelationId(new_index[t as usize] as u64));
                }
                r
            })
            .collect();
        (ordered, new_index)
    }
}

/// The relations of the document, in the order it states them, and the place of each
/// argument's last step among them, by the argument's title; approximations as warnings.
pub(super) fn relations(
    doc: &Document,
    st: &Statements,
    strict: bool,
    warnings: &mut Vec<Warning>,
) -> (Vec<Relation>, HashMap<String, usize>) {
    let mut r = Resolver {
        doc,
        st,
        strict,
        warnings,
        found: Found::default(),
        last_step: HashMap::default(),
        conclusion_of: HashMap::default(),
        argues_by: HashMap::default(),
    };
    r.inference_steps();
    // Folded objections first (undercuts may target them), then undercuts, then the rest.
    let mut order: Vec<&(Elem, Elem, Kind, usize)> = doc.raw.iter().collect();
    order.sort_by_key(|(from, _, kind, _)| match (r.folded(*from), kind) {
        (Some(_), Kind::Attack) => 0,
        (Some(_), _) => 1,
        (None, Kind::Undercut) => 3,
        _ => 2,
    });
    for &&(from, to, kind, line) in &order {
        match r.folded(from) {
            Some(a) => r.folded_relation(a, from, to, kind, line),
            None => r.stated(from, to, kind, line),
        }
    }
    let last_step = std::mem::take(&mut r.last_step);
    let (relations, new_index) = r.found.in_order();
    let by_title = last_step
        .into_iter()
        .filter_map(|(a, step)| Some((doc.arguments.get(a)?.title.clone(), *new_index.get(step)?)))
        .collect();
    (relations, by_title)
}

/// Resolving the relations: what is found so far, and where each argument went.
struct Resolver<'a> {
    doc: &'a Document,
    st: &'a Statements,
    strict: bool,
    warnings: &'a mut Vec<Warning>,
    found: Found,
    /// The relation of each reconstructed argument's last inference step.
    last_step: HashMap<usize, usize>,
    /// The main conclusion (a class) of each reconstructed argument.
    conclusion_of: HashMap<usize, usize>,
    /// The relation each argument without reconstruction argues by (its first, in document order).
    argues_by: HashMap<usize, usize>,
}

impl Resolver<'_> {
    /// The label of an argument's last step: its title, or the exact label argmap's export kept
    /// in its data; none for a title argmap's export made up.
    fn label_of(argument: &Argument) -> Option<String> {
        match exact_of(argument).label {
            Some(label) if is_title_of(&argument.title, &label) => Some(label),
            _ => (!generated_title(&argument.title)).then(|| argument.title.clone()),
        }
    }

    /// Each inference step of each reconstruction: a support (co-premises when several), so
    /// reconstructed statements hang under their conclusions.
    fn inference_steps(&mut self) {
        let class_id = &self.st.class_id;
        for (a, argument) in self.doc.arguments.iter().enumerate() {
            let n = argument.steps.len();
            for (k, (premises, conclusion, rule, step_line)) in argument.steps.iter().enumerate() {
                let last = k + 1 == n;
                if last && self.st.folded_class.contains_key(conclusion) {
                    continue; // made from the relation line of its conclusion
                }
                let premises: Vec<StatementId> =
                    premises.iter().filter(|p| *p != conclusion).map(|&p| class_id[p].clone()).collect();
                if premises.is_empty() {
                    continue;
                }
                let relation = Relation {
                    label: if last { Self::label_of(argument) } else { None },
                    description: description_of(argument, rule.as_deref(), last),
                    scheme: if last { exact_of(argument).scheme } else { None },
                    doubted: if last { exact_of(argument).doubted } else { Vec::new() },
                    ..Relation::new(
                        RelationKind::Support,
                        premises,
                        Target::Statement(class_id[*conclusion].clone()),
                    )
                };
                let step = self.found.add_step(relation, *step_line);
                if last {
                    self.last_step.insert(a, step);
                    self.conclusion_of.insert(a, *conclusion);
                }
            }
        }
    }

    /// The argument a statement stands for, if it concludes argmap's own objection or undercut.
    fn folded(&self, from: Elem) -> Option<usize> {
        match from {
            Elem::Statement(c) => self.st.folded_class.get(&c).copied(),
            Elem::Argument(_) => None,
        }
    }

    /// The statement an element is in argmap: its class, an argument's statement or conclusion.
    fn source_of(&self, e: Elem) -> Option<StatementId> {
        let class_id = &self.st.class_id;
        match e {
            Elem::Statement(s) => Some(class_id[s].clone()),
            Elem::Argument(a) => self
                .st
                .argument_statement
                .get(&a)
                .cloned()
                .or_else(|| self.conclusion_of.get(&a).map(|&c| class_id[c].clone())),
        }
    }

    /// How the document names an element, for warnings.
    fn title_of(&self, e: Elem) -> String {
        match e {
            Elem::Statement(s) => {
                let class = &self.doc.classes[s];
                format!(
                    "[{}]",
                    class.title.clone().unwrap_or_else(|| crate::printable::first_words(
                        class.texts.first().map_or("", |t| t),
                        6
                    ))
                )
            }
            Elem::Argument(a) => format!("<{}>", self.doc.arguments[a].title),
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning::at(line, message));
    }

    /// A relation of the document, once however often it is stated; a statement that relates to
    /// itself is left out with a warning (an argument supporting its own conclusion says what
    /// its reconstruction says: no warning).
    fn push(&mut self, r: Relation, line: usize, from: Elem) -> Option<usize> {
        if self.folded(from).is_some() {
            return Some(self.found.add_step(r, line)); // argmap's own argument: one relation each
        }
        if r.conclusion.statement().is_some_and(|c| r.premises.contains(c)) {
            match (r.kind, from) {
                (RelationKind::Support, Elem::Argument(_)) => {}
                (RelationKind::Support, Elem::Statement(_)) => {
                    self.warn(line, "a statement supporting itself; left out".into())
                }
                (RelationKind::Objection, _) => {
                    self.warn(line, "a statement objecting to itself; left out".into())
                }
            }
            return None;
        }
        Some(self.found.add(r, line))
    }

    /// argmap's own objection or undercut: the argument's premises object to the target.
    fn folded_relation(&mut self, a: usize, from: Elem, to: Elem, kind: Kind, line: usize) {
        let argument = &self.doc.arguments[a];
        let Some((premises, _, rule, _)) = argument.steps.last() else { return };
        let reconstructed = match to {
            Elem::Argument(t) => self.last_step.get(&t).copied(),
            Elem::Statement(_) => None,
        };
        let target = match (kind, reconstructed, to) {
            (Kind::Undercut, Some(step), _) => Target::Relation(RelationId(step as u64)),
            (Kind::Attack, _, Elem::Statement(t)) => Target::Statement(self.st.class_id[t].clone()),
            _ => {
                let message =
                    format!("{} relates in a way argmap does not write; left out", self.title_of(from));
                return self.warn(line, message);
            }
        };
        let premises = premises.iter().map(|&p| self.st.class_id[p].clone()).collect();
        let r = Relation {
            label: Self::label_of(argument),
            description: description_of(argument, rule.as_deref(), true),
            scheme: exact_of(argument).scheme,
            doubted: exact_of(argument).doubted,
            ..Relation::new(RelationKind::Objection, premises, target)
        };
        if let Some(i) = self.push(r, line, from) {
            self.last_step.insert(a, i);
        }
    }

    /// A relation as the document states it, approximated where argmap has no equal.
    fn stated(&mut self, from: Elem, to: Elem, kind: Kind, line: usize) {
        let Some(premise) = self.source_of(from) else { return };
        // How the document names both, for a warning (made only when one is given).
        let titles = |r: &Self| (r.title_of(from), r.title_of(to));
        let mut reconstructed = match to {
            Elem::Argument(a) => self.last_step.get(&a).copied(),
            Elem::Statement(_) => None,
        };
        if let (Kind::Undercut, Elem::Argument(a)) = (kind, to) {
            reconstructed = reconstructed.or_else(|| self.argues_by.get(&a).copied());
        }
        let single = |kind, target: Target| Relation::new(kind, vec![premise.clone()], target);
        let undercut =
            |step: usize| single(RelationKind::Objection, Target::Relation(RelationId(step as u64)));
        match (kind, reconstructed) {
            (Kind::Support | Kind::Attack, None) => {
                let Some(target) = self.source_of(to) else { return };
                let k = if kind == Kind::Support { RelationKind::Support } else { RelationKind::Objection };
                let both_statements = matches!((from, to), (Elem::Statement(_), Elem::Statement(_)));
                if self.strict && kind == Kind::Attack && both_statements {
                    let (from_t, to_t) = titles(self);
                    self.warn(
                        line,
                        format!(
                            "{from_t} is contrary to {to_t} (strict mode): imported as an objection to it"
                        ),
                    );
                }
                let mut r = single(k, Target::Statement(target));
                // An argument without a reconstruction: its title titles its first arrow, on the
                // map (titles are unique, as in Argdown).
                if let Elem::Argument(a) = from
                    && self.st.argument_statement.contains_key(&a)
                    && !self.argues_by.contains_key(&a)
                {
                    r.label = Self::label_of(&self.doc.arguments[a]);
                }
                let pushed = self.push(r, line, from);
                if let (Elem::Argument(a), Some(i)) = (from, pushed) {
                    self.argues_by.entry(a).or_insert(i);
                }
            }
            (Kind::Support, Some(_)) => {
                let Elem::Argument(a) = to else { return };
                let Some(&c) = self.conclusion_of.get(&a) else { return };
                let (from_t, to_t) = titles(self);
                self.warn(
                    line,
                    format!("{from_t} supports the argument {to_t}: imported as a support of its conclusion"),
                );
                let target = Target::Statement(self.st.class_id[c].clone());
                self.push(single(RelationKind::Support, target), line, from);
            }
            (Kind::Attack, Some(step)) => {
                let (from_t, to_t) = titles(self);
                self.warn(
                    line,
                    format!(
                        "{from_t} attacks the argument {to_t}: imported as an undercut of its last inference"
                    ),
                );
                self.push(undercut(step), line, from);
            }
            (Kind::Undercut, Some(step)) => {
                self.push(undercut(step), line, from);
            }
            (Kind::Undercut, None) => {
                let Some(target) = self.source_of(to) else { return };
                let (from_t, to_t) = titles(self);
                self.warn(
                    line,
                    format!("{from_t} undercuts {to_t}, which has no inference: imported as an objection"),
                );
                self.push(single(RelationKind::Objection, Target::Statement(target)), line, from);
            }
            (Kind::Contradiction, _) => {
                let (Some(a), Some(b)) = (self.source_of(from), self.source_of(to)) else { return };
                let (from_t, to_t) = titles(self);
                self.warn(
                    line,
                    format!(
                        "{from_t} and {to_t} contradict each other: imported as two objections, one each way"
                    ),
                );
                for (p, c) in [(a.clone(), b.clone()), (b, a)] {
                    self.push(
                        Relation::new(RelationKind::Objection, vec![p], Target::Statement(c)),
                        line,
                        from,
                    );
                }
            }
        }
    }
}

/// The description of an inference step of `argument` with `rule`: for its last step, the
/// argument's text, then the rule as a line `Inference: rule`, or the exact description argmap's
/// export kept in the argument's data if its words are the same (else the text was edited since).
fn description_of(argument: &Argument, rule: Option<&str>, last: bool) -> Option<String> {
    let mut description = if last { argument.descriptions.first().cloned() } else { None };
    if let Some(rule) = rule {
        let line = format!("Inference: {rule}");
        description = Some(description.map_or(line.clone(), |d| format!("{d}\n{line}")));
    }
    let exact = exact_of(argument);
    if last && exact.stand_in {
        // argmap's export: the text only stood in; the data holds the description, if any.
        return exact.description.or_else(|| rule.map(|r| format!("Inference: {r}")));
    }
    match exact.description {
        Some(exact) if last && same_words(&exact, description.as_deref().unwrap_or_default()) => Some(exact),
        _ => description,
    }
}

/// The exact label and description argmap's export wrote in an argument's data, if any.
fn exact_of(argument: &Argument) -> ArgumentData {
    let mut data: ArgumentData =
        argument.data.iter().find_map(|d| serde_json::from_str(d).ok()).unwrap_or_default();
    // Doubts a hand-written document gives in any order, or without a scheme to ask them.
    data.doubted.sort_unstable();
    data.doubted.dedup();
    let asked = |&q: &usize| q < crate::model::MAX_QUESTIONS && data.scheme.is_some();
    if !data.doubted.iter().all(asked) {
        data.doubted.clear();
    }
    data
}
