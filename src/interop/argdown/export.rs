//! The last pass: a map written as Argdown (see [`export`]), escaped so that Argdown's parser and
//! argmap's own import read every text back as written.

use super::{ArgumentData, StatementData, UNTITLED, generated_title, title_base, words};
use crate::interop::{Warning, left_out};
use crate::model::{ArgumentMap, Relation, RelationId, RelationKind, Target};
use std::collections::HashMap;

/// JSON for Argdown's `{data}` and front matter: strings escaped so that nothing in them reads as
/// Argdown syntax (`//` and `/*` comments, `<!--`, the braces that end a data block).
fn json<T: serde::Serialize>(value: &T) -> String {
    let plain = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(plain.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in plain.chars() {
        match c {
            _ if escaped => {
                escaped = false;
                out.push(c);
            }
            '\\' if in_string => {
                escaped = true;
                out.push(c);
            }
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '/' if in_string => out.push_str("\\/"),
            '<' | '>' | '{' | '}' | '#' | '=' | '*' if in_string => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            _ => out.push(c),
        }
    }
    out
}

/// Argdown's shortcodes (`.name.` and `:name:`), which its parser turns into symbols
/// (`@argdown/core`, `plugins/shortcodes.js`).
const SHORTCODES: [&str; 40] = [
    "+1",
    "-1",
    "->",
    "<->",
    "<>",
    "?",
    "A",
    "E",
    "O",
    "P",
    "[]",
    "^",
    "agree",
    "disagree",
    "disappointed",
    "down",
    "eye-roll",
    "happy",
    "heart",
    "joy",
    "laugh",
    "lol",
    "love",
    "meh",
    "n",
    "question",
    "rofl",
    "sad",
    "scream",
    "shush",
    "smile",
    "smiley",
    "star",
    "think",
    "up",
    "v",
    "v_",
    "wink",
    "y",
    "~",
];

/// Whether a shortcode starts at `rest` (which starts with `.` or `:`).
fn starts_shortcode(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(mark) = chars.next() else { return false };
    let after = chars.as_str();
    SHORTCODES.iter().any(|code| after.strip_prefix(code).is_some_and(|end| end.starts_with(mark)))
}

/// Escapes text for Argdown: white space collapsed (Argdown keeps only words), and a backslash
/// before every character that would start markup, a comment, a tag, data, a link, a mention
/// or a shortcode.
fn escape(text: &str) -> String {
    let text = words(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let rest = &text[i..];
        let syntax = matches!(c, '#' | '{' | '}' | '[' | ']' | '<' | '>' | '*' | '_' | '@' | '\\')
            || (c == '/' && rest[1..].starts_with(['/', '*']))
            || (matches!(c, '.' | ':') && starts_shortcode(rest));
        if syntax {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes the map as Argdown, with the warnings of what Argdown has no place for.
///
/// Every statement is written once as `[id]: text`, its source and note as data. A support or
/// objection of one premise, without label, is a relation line under its conclusion
/// (`+ [premise]`, `- [premise]`), an undercut of one premise a line under the argument it
/// undercuts (`_ [premise]`). Every other relation is an argument with a premise-conclusion structure, titled by its label (or
/// `argmap argument N`): a support concludes its conclusion; an objection or undercut concludes an
/// extra statement `[… objection N]` that attacks (`->`) its target or undercuts (`_>`) the target
/// argument. argmap's import folds those back, so export then import loses nothing.
pub fn export(map: &ArgumentMap) -> (String, Vec<Warning>) {
    let mut out = String::from("===\n");
    out.push_str(&format!("title: {}\n", json(&map.title)));
    if let Some(source) = &map.source {
        // The whole source as JSON (a YAML flow mapping); author and date also as Argdown has them.
        out.push_str(&format!("source: {}\n", json(source)));
        if let Some(a) = &source.author {
            out.push_str(&format!("author: {}\n", json(a)));
        }
        if let Some(y) = source.year {
            out.push_str(&format!("date: {y}\n"));
        }
    }
    if !map.documents().is_empty() {
        // The source documents the statements' sources name, as JSON (a YAML flow sequence).
        out.push_str(&format!("documents: {}\n", json(&map.documents())));
    }
    out.push_str("===\n\n");
    // The statements in no group, then each group's under its heading (a heading holds until the
    // next, so the ungrouped go first).
    // next, so the ungrouped go first). A heading again wherever the group changes keeps the
    // file order: the sections of one title are one group.
    let titles = argument_titles(map);
    let ungrouped = map.statements().filter(|s| map.group_of(&s.id).is_none());
    write_statements(&mut out, ungrouped, &titles);
    let mut section = None;
    for s in map.statements() {
        let Some(g) = map.group_of(&s.id).and_then(|g| map.group(g)) else { continue };
        if section != Some(&g.id) {
            out.push_str(&format!("# {}\n\n", escape(&words(&g.title))));
            section = Some(&g.id);
        }
        write_statements(&mut out, std::iter::once(s), &titles);
    }
    // Relations in file order: simple ones as relation lines, the others as arguments.
    for (id, r) in map.relations() {
        let Some(title) = titles.get(&id) else {
            match &r.conclusion {
                Target::Statement(c) => {
                    let sign = if r.kind == RelationKind::Support { '+' } else { '-' };
                    out.push_str(&format!("[{c}]\n  {sign} [{}]\n\n", r.premises[0]));
                }
                Target::Relation(t) => {
                    let target = titles.get(t).cloned().unwrap_or_default();
                    out.push_str(&format!("<{target}>\n  _ [{}]\n\n", r.premises[0]));
                }
            }
            continue;
        };
        write_argument(&mut out, r, title, &titles);
    }
    let mut warnings = left_out(map, "Argdown", true, true);
    let changed = map.statements().filter(|s| words(&s.text) != s.text).count()
        + map.relations().filter(|(_, r)| r.description.as_deref().is_some_and(|d| words(d) != d)).count();
    if changed > 0 {
        warnings.push(Warning::general(format!(
            "{changed} texts with line breaks, tabs or repeated spaces written on one line (an Argdown \
             statement is one paragraph); argmap keeps the exact text in the data beside it"
        )));
    }
    (out, warnings)
}

/// Each statement as a definition: `[id]: text`, with its data.
fn write_statements<'a>(
    out: &mut String,
    statements: impl Iterator<Item = &'a crate::model::Statement>,
    titles: &HashMap<RelationId, String>,
) {
    for s in statements {
        // A definition needs text: an empty statement is a reference (its text in the data).
        match escape(&s.text) {
            text if text.is_empty() => out.push_str(&format!("[{}]", s.id)),
            text => out.push_str(&format!("[{}]: {text}", s.id)),
        }
        // The exact text too where Argdown would change it (white space, an empty text, which
        // Argdown would read as the title).
        let exact = (s.text.is_empty() || words(&s.text) != s.text).then(|| s.text.clone());
        // The critical question it answers, by the answered argument's title.
        let answers = s.answers.and_then(|a| {
            Some(super::AnswerData { argument: titles.get(&a.relation)?.clone(), question: a.question })
        });
        if s.source.is_some() || s.note.is_some() || exact.is_some() || answers.is_some() {
            let data = StatementData { source: s.source.clone(), note: s.note.clone(), text: exact, answers };
            out.push_str(&format!(" {}", json(&data)));
        }
        out.push_str("\n\n");
    }
}

/// The Argdown title of every relation written as an argument (all but single-premise relations
/// without label or description that nothing undercuts, each written once as a relation line;
/// a repeated one is an argument of its own): its label, with the characters a title
/// cannot hold as spaces, made unique; an unlabelled relation gets `argmap argument N`, which the
/// import reads as "no label".
fn argument_titles(map: &ArgumentMap) -> HashMap<RelationId, String> {
    // Undercut or answered relations are arguments, with a title to be named by; so are those
    // with a scheme (kept in their data).
    let undercut: std::collections::HashSet<RelationId> = map
        .relations()
        .filter_map(|(_, r)| r.conclusion.relation())
        .chain(map.statements().filter_map(|s| s.answers.map(|a| a.relation)))
        .collect();
    let mut titles: HashMap<RelationId, String> = HashMap::new();
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new(); // the next suffix to try, per base
    let mut lines = std::collections::HashSet::new(); // the relation lines written (each once)
    for (n, (id, r)) in map.relations().enumerate() {
        let simple = r.premises.len() == 1
            && r.label.is_none()
            && r.description.is_none()
            && r.scheme.is_none()
            && !undercut.contains(&id);
        if simple && lines.insert((r.kind, &r.premises[0], &r.conclusion)) {
            continue;
        }
        let mut title = match r.label.as_deref().map(title_base) {
            Some(base) if !base.is_empty() => {
                let mut title = base.clone();
                let k = next.entry(base.clone()).or_insert(2);
                while used.contains(&title) {
                    title = format!("{base} {k}");
                    *k += 1;
                }
                title
            }
            // Generated titles stay of the form the import reads as "no label".
            _ => format!("{UNTITLED} {}", n + 1),
        };
        let mut k = n + 1;
        while used.contains(&title) && generated_title(&title) {
            k += 1;
            title = format!("{UNTITLED} {k}");
        }
        used.insert(title.clone());
        titles.insert(id, title);
    }
    titles
}

/// Writes a relation as an argument with a premise-conclusion structure (see [`export`]).
fn write_argument(out: &mut String, r: &Relation, title: &str, titles: &HashMap<RelationId, String>) {
    // A last line `Inference: rule` (as the import writes it) goes back to the inference bar.
    let has_words = |rule: &&str| !words(rule).is_empty();
    let (description, rule) = match r.description.as_deref().map(|d| d.rsplit_once("\nInference: ")) {
        Some(Some((d, rule))) if has_words(&rule) => (Some(d), Some(rule)),
        _ => match r.description.as_deref().and_then(|d| d.strip_prefix("Inference: ")).filter(has_words) {
            Some(rule) => (None, Some(rule)),
            None => (r.description.as_deref(), None),
        },
    };
    // What the import will read back, and the exact values where that differs.
    let read_label = (!generated_title(title)).then_some(title);
    let read_description = match (description.map(words).filter(|d| !d.is_empty()), rule.map(words)) {
        (Some(d), Some(rule)) => Some(format!("{d}\nInference: {rule}")),
        (None, Some(rule)) => Some(format!("Inference: {rule}")),
        (d, None) => d,
    };
    let mut data = ArgumentData {
        label: r.label.clone().filter(|_| r.label.as_deref() != read_label),
        description: r.description.clone().filter(|_| r.description != read_description),
        stand_in: false,
        scheme: r.scheme.clone(),
        doubted: r.doubted.clone(),
    };
    let text = description.filter(|d| !words(d).is_empty());
    // An argument defined with data needs a text (Argdown refuses `<title>: {data}`): its label
    // (or title) stands in, and the data holds the exact description, or says there is none.
    let text = match text {
        None if data.label.is_some() || data.description.is_some() || data.scheme.is_some() => {
            data.stand_in = true;
            data.description = r.description.clone();
            Some(r.label.as_deref().unwrap_or(title))
        }
        text => text,
    };
    let data = if data.label.is_some() || data.description.is_some() || data.stand_in || data.scheme.is_some()
    {
        json(&data)
    } else {
        String::new()
    };
    match text {
        Some(d) => out.push_str(&format!("<{title}>: {} {data}", escape(d))),
        None => out.push_str(&format!("<{title}>")),
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n\n");
    for (k, p) in r.premises.iter().enumerate() {
        out.push_str(&format!("({}) [{p}]\n", k + 1));
    }
    match rule {
        // The rule has a line of its own: one that starts like a premise `(1)`, a bar or a relation
        // would be read as one.
        Some(rule) => {
            let rule = escape(rule);
            let lead = if rule.starts_with(['(', '-', '+', '=']) { "\\" } else { "" };
            out.push_str(&format!("--\n{lead}{rule}\n--\n"))
        }
        None => out.push_str("----\n"),
    }
    let n = r.premises.len() + 1;
    let said = escape(title);
    match (&r.conclusion, r.kind) {
        (Target::Statement(c), RelationKind::Support) => out.push_str(&format!("({n}) [{c}]\n")),
        (Target::Statement(c), RelationKind::Objection) => {
            out.push_str(&format!(
                "({n}) [{title}: objection]: The objection of {said} holds. {{\"argmap\": \"objection\"}}\n  -> [{c}]\n"
            ));
        }
        (Target::Relation(t), _) => {
            let target = titles.get(t).cloned().unwrap_or_default();
            out.push_str(&format!(
                "({n}) [{title}: undercut]: The undercut of {said} holds. {{\"argmap\": \"undercut\"}}\n  _> <{target}>\n"
            ));
        }
    }
    out.push('\n');
}
