//! Argument schemes and their critical questions: the common shapes of a reason (from expert
//! opinion, from consequences, by analogy, ...), each with the questions it invites. A "no" to a
//! question attacks one part of the argument ([`Attacks`]): a premise (answered by an objection
//! to it), the inference (an undercut) or the conclusion (an objection to it).
//!
//! The catalogue ships in `assets/schemes.ron` ([`Catalogue::shipped`]); a user adds or
//! overrides schemes in a file of the same format ([`Catalogue::with_file`]). A relation names
//! its scheme by id ([`crate::model::Relation::scheme`]).
//!
//! Must not touch: egui, files other than the one it is asked to read.

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

/// The catalogue argmap ships.
pub const SHIPPED: &str = include_str!("../assets/schemes.ron");

/// One argument scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Its id, as files name it (`expert-opinion`).
    pub id: String,
    /// Its name (`Argument from expert opinion`).
    pub name: String,
    /// What it says, in one line.
    pub description: String,
    /// Its premises as a pattern (`E is an expert in field F.`), in order.
    pub premises: Vec<String>,
    /// Its conclusion as a pattern.
    pub conclusion: String,
    /// The names AIF graphs give it (the first is written).
    #[serde(default)]
    pub aif: Vec<String>,
    /// Words in an argument's text that suggest it.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Its critical questions, in order.
    pub questions: Vec<Question>,
}

/// A critical question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question.
    pub ask: String,
    /// What a "no" attacks.
    pub attacks: Attacks,
}

/// The part of an argument a "no" to a critical question attacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attacks {
    /// Its n-th premise (from 0): answered by an objection to that premise.
    Premise(usize),
    /// The step from its premises to its conclusion: answered by an undercut.
    Inference,
    /// Its conclusion: answered by an objection to it.
    Conclusion,
}

impl Attacks {
    /// What it attacks in an argument with `premises` premises: a premise the argument states,
    /// or for one it leaves unstated (the map's argument has fewer premises than the scheme's
    /// pattern), the inference, of which an unstated premise is part.
    pub fn in_argument(self, premises: usize) -> Attacks {
        match self {
            Self::Premise(n) if n >= premises => Self::Inference,
            other => other,
        }
    }

    /// What answers it, in words.
    pub fn answered_by(self) -> &'static str {
        match self {
            Self::Premise(_) => "an objection to the premise",
            Self::Inference => "an undercut of the inference",
            Self::Conclusion => "an objection to the conclusion",
        }
    }
}

/// A catalogue of schemes, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalogue {
    schemes: Vec<Scheme>,
}

/// Why a catalogue file could not be read: the file, the line and column where known, and what
/// is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError {
    /// The file.
    pub file: String,
    /// The line and column (from 1), where known.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for CatalogueError {}

impl Catalogue {
    /// The catalogue argmap ships (`assets/schemes.ron`, checked by the tests).
    pub fn shipped() -> &'static Catalogue {
        static SHIPPED_CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        SHIPPED_CATALOGUE
            .get_or_init(|| Catalogue { schemes: parse(SHIPPED, "schemes.ron").unwrap_or_default() })
    }

    /// This catalogue with the schemes of a user's file: one with the id of a scheme here takes
    /// its place, the others come after.
    pub fn with(&self, extra: Vec<Scheme>) -> Catalogue {
        let mut schemes = self.schemes.clone();
        for s in extra {
            match schemes.iter_mut().find(|o| o.id == s.id) {
                Some(old) => *old = s,
                None => schemes.push(s),
            }
        }
        Catalogue { schemes }
    }

    /// [`Catalogue::with`] the schemes of a catalogue file (read bounded, like a map).
    pub fn with_file(&self, path: &Path) -> Result<Catalogue, CatalogueError> {
        let file = path.display().to_string();
        let text = crate::io::read_text(path).map_err(|e| CatalogueError {
            file: file.clone(),
            at: None,
            message: e.kind.to_string(),
        })?;
        Ok(self.with(parse(&text, &file)?))
    }

    /// The schemes, in order.
    pub fn schemes(&self) -> &[Scheme] {
        &self.schemes
    }

    /// The scheme with this id.
    pub fn get(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    /// The scheme an AIF graph names (`ExpertOpinion`, `Expert Opinion`: case, spaces, hyphens
    /// and underscores aside), or whose id it is.
    pub fn by_aif(&self, name: &str) -> Option<&Scheme> {
        let key = squash(name);
        self.schemes.iter().find(|s| squash(&s.id) == key || s.aif.iter().any(|a| squash(a) == key))
    }

    /// The schemes an argument's text suggests, best first, each with why in words ("mentions
    /// “report”"): those whose cues occur in it, by how many (ties in catalogue order).
    /// Deterministic and offline.
    pub fn suggest(&self, text: &str) -> Vec<(&Scheme, String)> {
        let lower = format!(" {} ", text.to_lowercase());
        let mut found: Vec<(usize, usize, &Scheme, String)> = self
            .schemes
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let cues: Vec<&str> =
                    s.cues.iter().map(String::as_str).filter(|c| has_cue(&lower, c)).collect();
                let why = cues.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join(", ");
                (!cues.is_empty()).then(|| (cues.len(), i, s, format!("mentions {why}")))
            })
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, _, s, why)| (s, why)).collect()
    }
}

/// Where a user adds or overrides schemes: `schemes.ron` in argmap's settings folder
/// (`~/.config/argmap/` on Linux).
pub fn user_file() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "argmap").map(|d| d.config_dir().join("schemes.ron"))
}

/// The shipped catalogue with the user's schemes, if they wrote any; an error names the user's
/// file, line and column (the shipped catalogue stands meanwhile).
pub fn installed() -> (Catalogue, Option<CatalogueError>) {
    match user_file().filter(|p| p.exists()) {
        Some(path) => match Catalogue::shipped().with_file(&path) {
            Ok(c) => (c, None),
            Err(e) => (Catalogue::shipped().clone(), Some(e)),
        },
        None => (Catalogue::shipped().clone(), None),
    }
}

/// The critical questions of one argument (a relation with a scheme the catalogue knows),
/// each with the statements that answer it.
#[derive(Clone, Debug)]
pub struct Asked<'c> {
    /// The relation.
    pub relation: crate::model::RelationId,
    /// Its scheme.
    pub scheme: &'c Scheme,
    /// Each question, by its place, with the statements answering it (none: open).
    pub questions: Vec<(usize, &'c Question, Vec<crate::model::StatementId>)>,
}

impl Asked<'_> {
    /// How many of its questions are answered.
    pub fn answered(&self) -> usize {
        self.questions.iter().filter(|q| !q.2.is_empty()).count()
    }

    /// "2 of 6 critical questions answered".
    pub fn said(&self) -> String {
        format!("{} of {} critical questions answered", self.answered(), self.questions.len())
    }
}

/// The critical questions of relation `id` of `map`, if it names a scheme `catalogue` has.
pub fn asked<'c>(
    map: &crate::model::ArgumentMap,
    id: crate::model::RelationId,
    catalogue: &'c Catalogue,
) -> Option<Asked<'c>> {
    let scheme = catalogue.get(map.relation(id)?.scheme.as_deref()?)?;
    let answering = map.answering(id);
    let questions = scheme
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            (i, q, answering.iter().filter(|(_, a)| a.question == i).map(|(s, _)| s.clone()).collect())
        })
        .collect();
    Some(Asked { relation: id, scheme, questions })
}

/// How many critical questions of each relation of `topo` (by position) are open: 0 for one
/// without a scheme `catalogue` knows; at most 255.
pub fn open_counts(topo: &crate::model::Topology<'_>, catalogue: &Catalogue) -> Vec<u8> {
    let open = |r: &crate::model::Rel<'_>| {
        r.relation.scheme.as_ref()?;
        let a = asked(topo.map, r.id, catalogue)?;
        Some(u8::try_from(a.questions.len() - a.answered()).unwrap_or(u8::MAX))
    };
    topo.relations.iter().map(|r| open(r).unwrap_or(0)).collect()
}

/// The critical questions of every argument of `map` with a scheme `catalogue` knows, in file
/// order.
pub fn all_asked<'c>(map: &crate::model::ArgumentMap, catalogue: &'c Catalogue) -> Vec<Asked<'c>> {
    map.relations().filter_map(|(id, _)| asked(map, id, catalogue)).collect()
}

/// An argument in words: its premises' and conclusion's first words.
pub fn argument_words(map: &crate::model::ArgumentMap, id: crate::model::RelationId) -> String {
    let Some(r) = map.relation(id) else { return String::new() };
    let said = |s: &str| {
        map.statement(s).map(|s| format!("“{}”", crate::printable::short(&s.text))).unwrap_or_default()
    };
    let premises: Vec<String> = r.premises.iter().map(|p| said(p)).collect();
    let conclusion = match &r.conclusion {
        crate::model::Target::Statement(c) => said(c),
        crate::model::Target::Relation(t) => format!("the inference of {}", argument_words(map, *t)),
    };
    let verb = if r.kind == crate::model::RelationKind::Support { "supports" } else { "objects to" };
    format!("{} {verb} {conclusion}", premises.join(" with "))
}

/// What in `map` says something about critical questions that is no longer so, in words: an
/// argument naming a scheme the catalogue does not have, a statement marked as answering a
/// question its scheme does not ask, or one that no longer objects to the part of the argument
/// the question is about (it was moved or flipped since). `argmap check` warns of each.
pub fn problems(map: &crate::model::ArgumentMap, catalogue: &Catalogue) -> Vec<String> {
    use crate::model::{RelationKind, Target};
    let quoted = |id: &str| {
        map.statement(id).map(|s| format!("“{}”", crate::printable::short(&s.text))).unwrap_or_default()
    };
    let mut out = Vec::new();
    for (id, r) in map.relations() {
        if let Some(s) = r.scheme.as_deref().filter(|s| catalogue.get(s).is_none()) {
            out.push(format!(
                "the argument {} names the scheme “{s}”, which the catalogue does not have",
                argument_words(map, id)
            ));
        }
        let asks = r.scheme.as_deref().and_then(|s| catalogue.get(s)).map(|s| s.questions.len());
        if let Some(q) = asks.and_then(|n| r.doubted.iter().find(|&&q| q >= n)) {
            out.push(format!(
                "the argument {} doubts question {q}, but its scheme asks {}",
                argument_words(map, id),
                crate::printable::count(asks.unwrap_or(0), "question")
            ));
        }
    }
    for s in map.statements() {
        let Some(a) = s.answers else { continue };
        let Some(relation) = map.relation(a.relation) else { continue };
        let Some(scheme) = relation.scheme.as_deref().and_then(|k| catalogue.get(k)) else { continue };
        let Some(question) = scheme.questions.get(a.question) else {
            out.push(format!(
                "{} answers question {} of the argument {}, but its scheme asks {}",
                quoted(&s.id),
                a.question,
                argument_words(map, a.relation),
                crate::printable::count(scheme.questions.len(), "question")
            ));
            continue;
        };
        // What its relations must include: an objection to the premise or conclusion, or an
        // undercut of the argument (or of the argument it objects to).
        let target = match question.attacks.in_argument(relation.premises.len()) {
            Attacks::Premise(n) => Target::Statement(relation.premises[n].clone()),
            Attacks::Inference => Target::Relation(a.relation),
            Attacks::Conclusion => relation.conclusion.clone(),
        };
        let fits = map
            .relations_from(&s.id)
            .into_iter()
            .filter_map(|r| map.relation(r))
            .any(|r| r.kind == RelationKind::Objection && r.conclusion == target);
        if !fits {
            out.push(format!(
                "{} is marked as answering “{}” of the argument {}, but it does not object to what the question is about",
                quoted(&s.id),
                question.ask,
                argument_words(map, a.relation)
            ));
        }
    }
    out
}

/// Whether `cue` occurs in `lower` (lower-case, padded with spaces) at the start of a word.
fn has_cue(lower: &str, cue: &str) -> bool {
    let cue = cue.to_lowercase();
    lower.match_indices(&cue).any(|(i, _)| !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// A name with case, spaces, hyphens and underscores aside.
fn squash(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The schemes of a catalogue file's text, checked: ids unique and not empty, each question's
/// premise one the scheme has.
pub fn parse(text: &str, file: &str) -> Result<Vec<Scheme>, CatalogueError> {
    let options = ron::Options::default().with_recursion_limit(64);
    let schemes: Vec<Scheme> = options.from_str(text).map_err(|e| CatalogueError {
        file: file.to_owned(),
        at: (e.span.start.line > 0).then_some((e.span.start.line, e.span.start.col)),
        message: [
            ("`Scheme`", "a scheme"),
            ("`Question`", "a question"),
            ("`Attacks`", "what a question attacks"),
        ]
        .iter()
        .fold(e.code.to_string().replace("struct ", "").replace("enum ", ""), |m, (rust, said)| {
            m.replace(rust, said)
        }),
    })?;
    let fail = |message: String| Err(CatalogueError { file: file.to_owned(), at: None, message });
    let mut seen = std::collections::HashSet::new();
    for s in &schemes {
        if s.id.trim().is_empty() {
            return fail(format!("the scheme “{}” has no id", crate::printable::short(&s.name)));
        }
        if !seen.insert(s.id.as_str()) {
            return fail(format!("two schemes have the id “{}”", crate::printable::short(&s.id)));
        }
        for q in &s.questions {
            if let Attacks::Premise(n) = q.attacks
                && n >= s.premises.len()
            {
                return fail(format!(
                    "the scheme “{}” asks about premise {n}, but its premises are numbered 0 to {}",
                    crate::printable::short(&s.id),
                    s.premises.len().saturating_sub(1)
                ));
            }
        }
    }
    Ok(schemes)
}

#[cfg(test)]
mod tests;
