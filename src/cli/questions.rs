//! `argmap questions`: each argument's critical questions ([`crate::schemes`]): how many are
//! answered, and the open ones, each with what a "no" attacks and what answers it.

use crate::model::{ArgumentMap, RelationId, Target};
use crate::printable::{self, short};
use crate::schemes::{Asked, Attacks, Catalogue};
use serde::Serialize;

/// The report of `argmap questions`: lines, or one JSON object.
pub fn report(map: &ArgumentMap, catalogue: &Catalogue, json: bool) -> String {
    let asked = crate::schemes::all_asked(map, catalogue);
    if json {
        return as_json(map, &asked);
    }
    if asked.is_empty() {
        return "No argument of this map names a scheme, so none has critical questions.".into();
    }
    let mut lines = Vec::new();
    for a in &asked {
        lines.push(format!(
            "{} ({}): {}",
            crate::schemes::argument_words(map, a.relation),
            a.scheme.name,
            a.said()
        ));
        let doubted = map.relation(a.relation).map(|r| r.doubted.as_slice()).unwrap_or_default();
        for (i, q, by) in &a.questions {
            if by.is_empty() {
                let state = if doubted.contains(i) { "open, doubted (what-if)" } else { "open" };
                lines.push(format!("  {state}: {} ({})", q.ask, what_answers(map, a.relation, q.attacks)));
            }
        }
    }
    let open: usize = asked.iter().map(|a| a.questions.len() - a.answered()).sum();
    lines.push(format!(
        "{} open across {}.",
        printable::count(open, "question"),
        printable::count(asked.len(), "argument")
    ));
    // Each line on its own: no control character of a statement's text reaches the terminal.
    lines.iter().map(|l| printable::escaped(l).into_owned()).collect::<Vec<_>>().join("\n")
}

/// What a "no" to a question attacks, in words, and what answers it.
fn what_answers(map: &ArgumentMap, id: RelationId, attacks: Attacks) -> String {
    let r = map.relation(id);
    let attacks = attacks.in_argument(r.map_or(0, |r| r.premises.len()));
    let named = |s: Option<&str>| s.and_then(|s| map.statement(s)).map(|s| format!(" “{}”", short(&s.text)));
    let part = match attacks {
        Attacks::Premise(n) => {
            let p = r.and_then(|r| r.premises.get(n));
            format!("the premise{}", named(p.map(|p| p.as_str())).unwrap_or_default())
        }
        Attacks::Inference => "the inference".to_owned(),
        Attacks::Conclusion => {
            let c = r.and_then(|r| r.conclusion.statement()).map(|c| c.as_str());
            format!("the conclusion{}", named(c).unwrap_or_default())
        }
    };
    format!("a “no” attacks {part}: answer it with {}", attacks.answered_by())
}

#[derive(Serialize)]
struct JsonArgument<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    premises: Vec<&'a str>,
    conclusion: String,
    scheme: &'a str,
    answered: usize,
    total: usize,
    open: Vec<JsonQuestion<'a>>,
    answers: Vec<JsonAnswered<'a>>,
}

#[derive(Serialize)]
struct JsonQuestion<'a> {
    question: usize,
    ask: &'a str,
    attacks: String,
    /// The user doubts it (what-if): the evaluation counts the argument as disabled.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    doubted: bool,
}

#[derive(Serialize)]
struct JsonAnswered<'a> {
    question: usize,
    ask: &'a str,
    by: Vec<String>,
}

/// What a "no" attacks, as JSON says it: "premise 0", "inference", "conclusion".
fn attacks_name(attacks: Attacks) -> String {
    match attacks {
        Attacks::Premise(n) => format!("premise {n}"),
        Attacks::Inference => "inference".into(),
        Attacks::Conclusion => "conclusion".into(),
    }
}

fn as_json(map: &ArgumentMap, asked: &[Asked<'_>]) -> String {
    let names = crate::io::relation_names(map);
    let arguments: Vec<JsonArgument<'_>> = asked
        .iter()
        .filter_map(|a| {
            let r = map.relation(a.relation)?;
            Some(JsonArgument {
                id: names.get(&a.relation).cloned(),
                premises: r.premises.iter().map(|p| p.as_str()).collect(),
                conclusion: match &r.conclusion {
                    Target::Statement(s) => s.to_string(),
                    Target::Relation(t) => names.get(t).cloned().unwrap_or_default(),
                },
                scheme: &a.scheme.id,
                answered: a.answered(),
                total: a.questions.len(),
                open: a
                    .questions
                    .iter()
                    .filter(|q| q.2.is_empty())
                    .map(|(i, q, _)| JsonQuestion {
                        question: *i,
                        ask: &q.ask,
                        attacks: attacks_name(q.attacks.in_argument(r.premises.len())),
                        doubted: r.doubted.contains(i),
                    })
                    .collect(),
                answers: a
                    .questions
                    .iter()
                    .filter(|q| !q.2.is_empty())
                    .map(|(i, q, by)| JsonAnswered {
                        question: *i,
                        ask: &q.ask,
                        by: by.iter().map(ToString::to_string).collect(),
                    })
                    .collect(),
            })
        })
        .collect();
    let doc = serde_json::json!({ "arguments": arguments });
    printable::json(&serde_json::to_string_pretty(&doc).unwrap_or_default()).into_owned()
}
