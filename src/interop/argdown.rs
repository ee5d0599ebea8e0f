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
//! - the YAML front matter's `title` names the map, `author` and `date` go to its source; headings,
//!   tags and `{data}` go to the notes of the statements they belong to; other metadata is reported.
//!
//! Export writes every statement as `[id]: text`, relations of one premise as `+`/`-` lines, and
//! co-premises, labelled relations and relations that are undercut as arguments with a
//! premise-conclusion structure; see [`export`].

use super::{Ids, Imported, SyntaxError, Warning, left_out};
use crate::model::{
    ArgumentMap, MapSource, Relation, RelationId, RelationKind, Statement, StatementId, Target,
};
use std::collections::HashMap;

/// Texts in the order first found, each once (found in constant time, so a statement stated
/// 100,000 times costs linear time).
#[derive(Default)]
struct Texts {
    list: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Texts {
    fn add(&mut self, items: impl IntoIterator<Item = String>) {
        for item in items {
            if self.seen.insert(item.clone()) {
                self.list.push(item);
            }
        }
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
struct Item {
    line: usize,
    indent: usize,
    what: ItemKind,
    text: String,
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

const RELATION_TOKENS: [(&str, Kind, bool); 10] = [
    ("<+", Kind::Support, true),
    ("<-", Kind::Attack, true),
    ("<_", Kind::Undercut, true),
    ("+>", Kind::Support, false),
    ("->", Kind::Attack, false),
    ("_>", Kind::Undercut, false),
    ("><", Kind::Contradiction, false),
    ("+", Kind::Support, true),
    ("-", Kind::Attack, true),
    ("_", Kind::Undercut, true),
];

fn relation_token(trimmed: &str) -> Option<(Kind, bool, usize)> {
    RELATION_TOKENS.iter().find_map(|&(tok, kind, incoming)| {
        let rest = trimmed.strip_prefix(tok)?;
        (rest.starts_with([' ', '\t']) || rest.is_empty()).then_some((kind, incoming, tok.len()))
    })
}

fn is_dash_line(trimmed: &str) -> bool {
    trimmed.len() >= 2 && trimmed.chars().all(|c| c == '-')
}

fn pcs_number(trimmed: &str) -> Option<usize> {
    let rest = trimmed.strip_prefix('(')?;
    let close = rest.find(')')?;
    let digits = &rest[..close];
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(close + 2)
}

/// Blanks out comments (`<!-- -->`, `/* */`, and `//` after a space or at the start of a line, so
/// `https://` stays), keeping line breaks so line numbers stay right.
fn strip_comments(text: &str) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut line = 1;
    while !rest.is_empty() {
        let (open, close) = if rest.starts_with("<!--") {
            ("<!--", "-->")
        } else if rest.starts_with("/*") {
            ("/*", "*/")
        } else if rest.starts_with("//") && out.chars().next_back().is_none_or(char::is_whitespace) {
            ("//", "\n")
        } else {
            // A character, or an escaped one (a backslash and the next character: `\/*` opens
            // no comment).
            let mut chars = rest.chars();
            let c = chars.next().unwrap_or(' ');
            let take = match (c, chars.next()) {
                ('\\', Some(next)) if next != '\n' => 1 + next.len_utf8(),
                _ => c.len_utf8(),
            };
            if c == '\n' {
                line += 1;
            }
            out.push_str(&rest[..take]);
            rest = &rest[take..];
            continue;
        };
        let Some(end) = rest[open.len()..].find(close) else {
            if open == "//" {
                break;
            }
            return Err(SyntaxError::at(
                line,
                1,
                format!("a comment opened with {open} is never closed with {close}"),
            ));
        };
        let comment = &rest[..open.len() + end + if close == "\n" { 0 } else { close.len() }];
        for c in comment.chars() {
            if c == '\n' {
                line += 1;
                out.push('\n');
            }
        }
        rest = &rest[comment.len()..];
    }
    Ok(out)
}

/// Takes `#tag`, `#(tag words)` and a trailing `{data}` out of a text; returns the rest of the
/// text (still raw: escapes and markup kept), the tag note and the data.
fn split_meta(text: &str) -> (String, Vec<String>, Option<String>) {
    let mut notes = Vec::new();
    let mut text = text.trim().to_owned();
    let mut data = None;
    if text.ends_with('}')
        && let Some(open) = data_start(&text)
    {
        data = Some(text[open..].to_owned());
        text.truncate(open);
    }
    let mut tags = Vec::new();
    let mut kept = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find('#') {
        let before = &rest[..i];
        let after = &rest[i + 1..];
        let at_word = (before.is_empty() || before.ends_with(char::is_whitespace)) && !before.ends_with('\\');
        if at_word
            && let Some(inner) = after.strip_prefix('(')
            && let Some(end) = inner.find(')')
        {
            tags.push(inner[..end].to_owned());
            kept.push_str(before);
            rest = &inner[end + 1..];
        } else if at_word && after.starts_with(|c: char| c.is_alphanumeric()) {
            let end =
                after.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(after.len());
            tags.push(after[..end].to_owned());
            kept.push_str(before);
            rest = &after[end..];
        } else {
            kept.push_str(&rest[..=i]);
            rest = after;
        }
    }
    kept.push_str(rest);
    if !tags.is_empty() {
        notes.push(format!("Tags: {}", tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ")));
    }
    (kept, notes, data)
}

/// Where a trailing `{data}` block starts: the first `{` not escaped with a backslash.
fn data_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'{' && (i == 0 || bytes[i - 1] != b'\\'))
}

/// Removes the backslashes of escaped characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Markdown emphasis out, whitespace collapsed, links as `text (url)`.
fn clean(text: &str) -> String {
    let text = text.replace("**", "").replace("__", "");
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if (c == '_' || c == '*') && (i == 0 || chars[i - 1] != '\\') {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let opens = prev.is_none_or(|p| p.is_whitespace() || "([\"'".contains(p))
                && next.is_some_and(char::is_alphanumeric);
            let closes = prev.is_some_and(|p| p.is_alphanumeric() || ".,!?".contains(p))
                && next.is_none_or(|n| n.is_whitespace() || ".,;:!?)\"'".contains(n));
            if opens || closes {
                continue;
            }
        }
        out.push(c);
    }
    // [text](url) -> text (url)
    let mut linked = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find("](") {
        let (head, tail) = rest.split_at(i);
        let escaped = |at: usize| head[..at].ends_with('\\');
        match (head.rfind('['), tail[2..].find(')')) {
            (Some(open), Some(close)) if !head[open..].contains(']') && !escaped(open) && !escaped(i) => {
                linked.push_str(&head[..open]);
                linked.push_str(&head[open + 1..]);
                linked.push_str(" (");
                linked.push_str(&tail[2..2 + close]);
                linked.push(')');
                rest = &tail[3 + close..];
            }
            _ => {
                linked.push_str(&rest[..i + 2]);
                rest = &rest[i + 2..];
            }
        }
    }
    linked.push_str(rest);
    unescape(&linked.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What an element's text says: a statement or argument, titled or not, defined or referenced.
enum Parsed {
    Statement { title: Option<String>, text: Option<String> },
    Argument { title: String, text: Option<String> },
}

fn parse_element(text: &str) -> Parsed {
    let t = text.trim();
    for (open, close, argument) in [('[', ']', false), ('<', '>', true)] {
        if let Some(inner) = t.strip_prefix(open)
            && let Some(end) = inner.find(close)
        {
            let title = inner[..end].trim().to_owned();
            let after = inner[end + close.len_utf8()..].trim_start();
            let text = if after.is_empty() {
                Some(None)
            } else {
                after.strip_prefix(':').map(|rest| Some(rest.trim().to_owned()))
            };
            if let Some(text) = text
                && !title.is_empty()
            {
                return if argument {
                    Parsed::Argument { title, text }
                } else {
                    Parsed::Statement { title: Some(title), text }
                };
            }
        }
    }
    Parsed::Statement { title: None, text: Some(t.to_owned()) }
}

/// Splits the document into items.
fn items(body: &str, first_line: usize) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut open = false; // whether the last item may take continuation lines
    let mut in_rule = false;
    let lines: Vec<&str> = body.lines().collect();
    for (i, raw) in lines.iter().enumerate() {
        let line = first_line + i;
        let trimmed = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        if is_dash_line(trimmed) {
            if in_rule {
                in_rule = false;
                open = false;
                continue;
            }
            // A bar followed by a line that is not a PCS line opens a rule block: `--`, rule, `--`.
            let next = lines[i + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty());
            in_rule = next.is_some_and(|n| pcs_number(n).is_none() && !is_dash_line(n));
            out.push(Item { line, indent, what: ItemKind::Inference, text: String::new() });
            open = false;
            continue;
        }
        if in_rule {
            if let Some(last) = out.last_mut() {
                if !last.text.is_empty() {
                    last.text.push(' ');
                }
                last.text.push_str(trimmed);
            }
            continue;
        }
        if indent == 0 && trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ') {
            out.push(Item {
                line,
                indent,
                what: ItemKind::Heading,
                text: trimmed.trim_start_matches('#').trim().to_owned(),
            });
            open = false;
            continue;
        }
        if let Some(skip) = pcs_number(trimmed) {
            out.push(Item { line, indent, what: ItemKind::Pcs, text: trimmed[skip..].trim().to_owned() });
            open = true;
            continue;
        }
        if let Some((kind, incoming, skip)) = relation_token(trimmed) {
            out.push(Item {
                line,
                indent,
                what: ItemKind::Relation(kind, incoming),
                text: trimmed[skip..].trim().to_owned(),
            });
            open = true;
            continue;
        }
        match out.last_mut() {
            Some(last) if open => {
                last.text.push(' ');
                last.text.push_str(trimmed);
            }
            _ => {
                out.push(Item { line, indent, what: ItemKind::Top, text: trimmed.to_owned() });
                open = true;
            }
        }
    }
    out
}

/// The YAML front matter: the map's title and source, strict mode, and what else it holds.
struct Front {
    title: Option<String>,
    source: Option<MapSource>,
    author: Option<String>,
    year: Option<i32>,
    strict: bool,
    other: Vec<(usize, String)>,
}

fn front_matter(lines: &[&str]) -> Front {
    let mut front =
        Front { title: None, source: None, author: None, year: None, strict: false, other: Vec::new() };
    let mut key: Option<(String, usize)> = None;
    let mut value = String::new();
    let finish = |key: &Option<(String, usize)>, value: &str, front: &mut Front| {
        let Some((k, line)) = key else { return };
        let exact = serde_json::from_str::<String>(value.trim()).ok(); // a JSON string, as argmap writes
        let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let v = if let Some(exact) = exact {
            exact
        } else if v.starts_with('"') && v.ends_with('"') && v.len() > 1 {
            serde_json::from_str::<String>(&v).unwrap_or_else(|_| v.trim_matches('"').to_owned())
        } else if v.starts_with('\'') && v.ends_with('\'') && v.len() > 1 {
            v[1..v.len() - 1].replace("''", "'")
        } else {
            v
        };
        match k.as_str() {
            "title" => front.title = Some(v),
            "source" => {
                match serde_json::from_str::<MapSource>(value.trim()).or_else(|_| serde_json::from_str(&v)) {
                    Ok(source) => front.source = Some(source),
                    Err(_) => front.other.push((*line, k.clone())),
                }
            }
            "author" if !v.is_empty() => front.author = Some(v),
            "author" => {}
            "date" => {
                front.year = v.rsplit(['/', '-', '.', ' ']).find_map(|p| p.parse().ok()).filter(|y| *y > 999)
            }
            "model" => {
                front.strict = v.contains("strict");
                front.other.push((*line, "model".into()));
            }
            _ => front.other.push((*line, k.clone())),
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if indent == 0
            && let Some((k, v)) = trimmed.split_once(':')
            && !k.contains(' ')
        {
            finish(&key, &value, &mut front);
            key = Some((k.to_owned(), i));
            value = v.trim().to_owned();
        } else if key.as_ref().is_some_and(|(k, _)| k == "author") && trimmed.starts_with("- ") {
            if !value.is_empty() {
                value.push_str(", ");
            }
            value.push_str(trimmed.trim_start_matches("- "));
        } else {
            value.push(' ');
            value.push_str(trimmed);
        }
    }
    finish(&key, &value, &mut front);
    front
}

/// Reads an Argdown document.
pub fn import(text: &str, fallback_title: &str) -> Result<Imported, SyntaxError> {
    let text = strip_comments(text)?;
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings = Vec::new();
    let mut body_start = 0;
    let mut front = None;
    if let Some(first) = lines.iter().position(|l| !l.trim().is_empty())
        && lines[first].trim() == "==="
    {
        let Some(end) = lines[first + 1..].iter().position(|l| l.trim() == "===") else {
            return Err(SyntaxError::at(
                first + 1,
                1,
                "the front matter opened with === is never closed with ===",
            ));
        };
        let f = front_matter(&lines[first + 1..first + 1 + end]);
        for (line, key) in &f.other {
            warnings.push(Warning::at(
                first + 2 + line,
                format!("front matter \"{key}\" not imported (argmap keeps title, author and date)"),
            ));
        }
        if f.strict {
            warnings.push(Warning::at(
                first + 1,
                "strict mode: argmap reads the document as it reads any other; contrary relations become objections",
            ));
        }
        front = Some(f);
        body_start = first + end + 2;
    }
    let body = lines[body_start.min(lines.len())..].join("\n");
    let items = items(&body, body_start + 1);
    let strict = front.as_ref().is_some_and(|f| f.strict);

    let mut classes: Vec<Class> = Vec::new();
    let mut class_by_title: HashMap<String, usize> = HashMap::new();
    let mut arguments: Vec<Argument> = Vec::new();
    let mut argument_by_title: HashMap<String, usize> = HashMap::new();
    let mut raw: Vec<(Elem, Elem, Kind, usize)> = Vec::new();
    let mut heading: Option<String> = None;
    let mut stack: Vec<(usize, Elem)> = Vec::new();
    // The argument whose premise-conclusion structure is being read, and its state.
    let mut pcs_argument: Option<usize> = None;
    let mut last_top_argument: Option<usize> = None;
    let mut since_conclusion: Vec<usize> = Vec::new();
    let mut pending_inference: Option<(Option<String>, usize)> = None;

    let mut element = |text: &str,
                       heading: &Option<String>,
                       classes: &mut Vec<Class>,
                       arguments: &mut Vec<Argument>|
     -> Elem {
        let (raw_text, mut notes, data) = split_meta(text);
        let defines = !matches!(
            parse_element(&raw_text),
            Parsed::Statement { text: None, .. } | Parsed::Argument { text: None, .. }
        );
        if let Some(h) = heading.as_ref().filter(|_| defines) {
            notes.push(format!("Section: {h}"));
        }
        let add = |list: &mut Texts, items: Vec<String>| list.add(items);
        match parse_element(&raw_text) {
            Parsed::Statement { title, text } => {
                let title = title.map(|t| clean(&t));
                let index = match &title {
                    Some(t) => *class_by_title.entry(t.clone()).or_insert_with(|| {
                        classes.push(Class { title: Some(t.clone()), ..Class::default() });
                        classes.len() - 1
                    }),
                    None => {
                        classes.push(Class::default());
                        classes.len() - 1
                    }
                };
                let class = &mut classes[index];
                add(
                    &mut class.texts,
                    text.map(|t| clean(&t)).filter(|t| !t.is_empty()).into_iter().collect(),
                );
                add(&mut class.notes, notes);
                add(&mut class.data, data.into_iter().collect());
                Elem::Statement(index)
            }
            Parsed::Argument { title, text } => {
                let title = clean(&title);
                let index = *argument_by_title.entry(title.clone()).or_insert_with(|| {
                    arguments.push(Argument { title: title.clone(), ..Argument::default() });
                    arguments.len() - 1
                });
                let argument = &mut arguments[index];
                add(
                    &mut argument.descriptions,
                    text.map(|t| clean(&t)).filter(|t| !t.is_empty()).into_iter().collect(),
                );
                add(&mut argument.notes, notes);
                add(&mut argument.data, data.into_iter().collect());
                Elem::Argument(index)
            }
        }
    };

    for item in &items {
        match item.what {
            ItemKind::Heading => {
                heading = Some(item.text.clone());
                stack.clear();
                pcs_argument = None;
            }
            ItemKind::Top => {
                let e = element(&item.text, &heading, &mut classes, &mut arguments);
                stack = vec![(item.indent, e)];
                pcs_argument = None;
                last_top_argument = match e {
                    Elem::Argument(a) => Some(a),
                    Elem::Statement(_) => None,
                };
            }
            ItemKind::Relation(kind, incoming) => {
                while stack.last().is_some_and(|(indent, _)| *indent >= item.indent) {
                    stack.pop();
                }
                let e = element(&item.text, &heading, &mut classes, &mut arguments);
                match stack.last() {
                    Some(&(_, parent)) => {
                        let (from, to) = if incoming { (e, parent) } else { (parent, e) };
                        raw.push((from, to, kind, item.line));
                    }
                    None => warnings.push(Warning::at(
                        item.line,
                        "a relation line with nothing above it to relate to; its element is kept on its own",
                    )),
                }
                stack.push((item.indent, e));
            }
            ItemKind::Pcs => {
                let a = match pcs_argument.or(last_top_argument) {
                    Some(a) => a,
                    None => {
                        arguments.push(Argument {
                            title: format!("Untitled argument {}", arguments.len() + 1),
                            ..Argument::default()
                        });
                        arguments.len() - 1
                    }
                };
                if pcs_argument != Some(a) {
                    if arguments[a].has_pcs {
                        warnings.push(Warning::at(item.line, format!("argument <{}> is reconstructed a second time; argmap keeps both reconstructions", arguments[a].title)));
                    }
                    arguments[a].has_pcs = true;
                    pcs_argument = Some(a);
                    since_conclusion.clear();
                    pending_inference = None;
                }
                let Elem::Statement(s) = element(&item.text, &heading, &mut classes, &mut arguments) else {
                    warnings.push(Warning::at(
                        item.line,
                        "an argument inside a premise-conclusion structure; left out",
                    ));
                    continue;
                };
                if let Some((rule, line)) = pending_inference.take() {
                    if since_conclusion.is_empty() {
                        warnings.push(Warning::at(line, "an inference without premises; left out"));
                    } else {
                        arguments[a].steps.push((std::mem::take(&mut since_conclusion), s, rule, line));
                    }
                }
                since_conclusion.push(s);
                stack = vec![(item.indent, Elem::Statement(s))];
            }
            ItemKind::Inference => {
                if pcs_argument.is_none() {
                    warnings.push(Warning::at(
                        item.line,
                        "an inference line outside a premise-conclusion structure; left out",
                    ));
                    continue;
                }
                let (rule, _, data) = split_meta(&item.text);
                let rule = [clean(&rule), data.unwrap_or_default()].join(" ").trim().to_owned();
                let rule = Some(rule).filter(|r| !r.is_empty());
                pending_inference = Some((rule, item.line));
                stack.clear();
            }
        }
    }

    // argmap's own exports mark reconstructions that stand for objections and undercuts, and
    // arguments without a label; see `export`.
    let marker = |data: &[String]| -> Option<String> {
        data.iter().find_map(|d| {
            let v: serde_json::Value = serde_json::from_str(d).ok()?;
            v.get("argmap")?.as_str().map(str::to_owned)
        })
    };
    // Statements that conclude an objection or undercut reconstruction: argument by class.
    let mut folded_class: HashMap<usize, usize> = HashMap::new();
    for (a, argument) in arguments.iter().enumerate() {
        if let Some((_, c, _, _)) = argument.steps.last()
            && matches!(marker(&classes[*c].data).as_deref(), Some("objection" | "undercut"))
        {
            folded_class.insert(*c, a);
        }
    }

    // Statements: classes, then arguments without a reconstruction.
    let mut ids = Ids::default();
    let mut statements: Vec<Statement> = Vec::new();
    let mut class_id: Vec<StatementId> = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        let text = class.texts.first().cloned().or_else(|| class.title.clone()).unwrap_or_default();
        let id = StatementId::from(ids.fresh_or(class.title.as_deref(), &text));
        class_id.push(id.clone());
        if folded_class.contains_key(&c) {
            continue;
        }
        let mut s = Statement::new(id.clone(), text);
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
        statements.push(s);
    }
    let mut argument_statement: HashMap<usize, StatementId> = HashMap::new();
    for (a, argument) in arguments.iter().enumerate() {
        if !argument.steps.is_empty() {
            continue;
        }
        let text = argument.descriptions.first().cloned().unwrap_or_else(|| argument.title.clone());
        let id = StatementId::from(ids.fresh(&argument.title));
        let mut notes = vec![format!("Argdown argument: <{}>", argument.title)];
        notes.extend(argument.descriptions.iter().skip(1).map(|d| format!("Also described as: {d}")));
        notes.extend(argument.notes.iter().cloned());
        notes.extend(argument.data.iter().map(|d| format!("Data: {d}")));
        let mut s = Statement::new(id.clone(), text);
        s.note = Some(notes.join("\n"));
        statements.push(s);
        argument_statement.insert(a, id);
    }

    // Relations: inference steps first (so reconstructed statements hang under their
    // conclusions), then the relations of the document.
    let mut found = Found::default();
    let mut last_step: HashMap<usize, usize> = HashMap::new();
    let mut conclusion_of: HashMap<usize, usize> = HashMap::new();
    let label_of = |argument: &Argument| match exact_of(argument).label {
        Some(label) if is_title_of(&argument.title, &label) => Some(label),
        _ => (!generated_title(&argument.title)).then(|| argument.title.clone()),
    };
    for (a, argument) in arguments.iter().enumerate() {
        let n = argument.steps.len();
        for (k, (premises, conclusion, rule, step_line)) in argument.steps.iter().enumerate() {
            let last = k + 1 == n;
            if last && folded_class.contains_key(conclusion) {
                continue; // made below, from the relation line of its conclusion
            }
            let description = description_of(argument, rule.as_deref(), last);
            let premises: Vec<StatementId> =
                premises.iter().filter(|p| *p != conclusion).map(|&p| class_id[p].clone()).collect();
            if premises.is_empty() {
                continue;
            }
            let label = if last { label_of(argument) } else { None };
            let step = found.add_step(
                Relation {
                    label,
                    description,
                    ..Relation::new(
                        RelationKind::Support,
                        premises,
                        Target::Statement(class_id[*conclusion].clone()),
                    )
                },
                *step_line,
            );
            if last {
                last_step.insert(a, step);
                conclusion_of.insert(a, *conclusion);
            }
        }
    }
    // Folded objections first (undercuts may target them), then undercuts, then the rest.
    let folded = |from: Elem| match from {
        Elem::Statement(c) => folded_class.get(&c).copied(),
        Elem::Argument(_) => None,
    };
    let mut order: Vec<&(Elem, Elem, Kind, usize)> = raw.iter().collect();
    order.sort_by_key(|(from, _, kind, _)| match (folded(*from), kind) {
        (Some(_), Kind::Attack) => 0,
        (Some(_), _) => 1,
        (None, Kind::Undercut) => 3,
        _ => 2,
    });
    // The relation each argument without reconstruction argues by (its first, in document order).
    let mut argues_by: HashMap<usize, usize> = HashMap::new();
    let source_of = |e: Elem| -> Option<StatementId> {
        match e {
            Elem::Statement(s) => Some(class_id[s].clone()),
            Elem::Argument(a) => argument_statement
                .get(&a)
                .cloned()
                .or_else(|| conclusion_of.get(&a).map(|&c| class_id[c].clone())),
        }
    };
    let title_of = |e: Elem| match e {
        Elem::Statement(s) => format!(
            "[{}]",
            classes[s].title.clone().unwrap_or_else(|| short(classes[s].texts.first().map_or("", |t| t)))
        ),
        Elem::Argument(a) => format!("<{}>", arguments[a].title),
    };
    // A relation of the document, once however often it is stated; a statement that relates to
    // itself is left out with a warning (an argument supporting its own conclusion says what its
    // reconstruction says: no warning).
    let push = |found: &mut Found, warnings: &mut Vec<Warning>, r: Relation, line: usize, from: Elem| {
        if folded(from).is_some() {
            return Some(found.add_step(r, line)); // argmap's own argument: one relation each
        }
        if r.conclusion.statement().is_some_and(|c| r.premises.contains(c)) {
            match (r.kind, from) {
                (RelationKind::Support, Elem::Argument(_)) => {}
                (RelationKind::Support, Elem::Statement(_)) => {
                    warnings.push(Warning::at(line, "a statement supporting itself; left out"))
                }
                (RelationKind::Objection, _) => {
                    warnings.push(Warning::at(line, "a statement objecting to itself; left out"))
                }
            }
            return None;
        }
        Some(found.add(r, line))
    };
    for &&(from, to, kind, line) in &order {
        let reconstructed = match to {
            Elem::Argument(a) => last_step.get(&a).copied(),
            Elem::Statement(_) => None,
        };
        if let Some(a) = folded(from) {
            // argmap's own objection or undercut: the argument's premises object to the target.
            let argument = &arguments[a];
            let Some((premises, _, rule, _)) = argument.steps.last() else { continue };
            let target = match (kind, reconstructed, to) {
                (Kind::Undercut, Some(step), _) => Target::Relation(RelationId(step as u64)),
                (Kind::Attack, _, Elem::Statement(t)) => Target::Statement(class_id[t].clone()),
                _ => {
                    warnings.push(Warning::at(
                        line,
                        format!("{} relates in a way argmap does not write; left out", title_of(from)),
                    ));
                    continue;
                }
            };
            let premises = premises.iter().map(|&p| class_id[p].clone()).collect();
            let r = Relation {
                label: label_of(argument),
                description: description_of(argument, rule.as_deref(), true),
                ..Relation::new(RelationKind::Objection, premises, target)
            };
            if let Some(i) = push(&mut found, &mut warnings, r, line, from) {
                last_step.insert(a, i);
            }
            continue;
        }
        let Some(premise) = source_of(from) else { continue };
        let (from_t, to_t) = (title_of(from), title_of(to));
        let reconstructed = match (kind, to) {
            (Kind::Undercut, Elem::Argument(a)) => reconstructed.or_else(|| argues_by.get(&a).copied()),
            _ => reconstructed,
        };
        let single = |kind, target: Target| Relation::new(kind, vec![premise.clone()], target);
        match (kind, reconstructed) {
            (Kind::Support | Kind::Attack, None) => {
                let Some(target) = source_of(to) else { continue };
                let k = if kind == Kind::Support { RelationKind::Support } else { RelationKind::Objection };
                if strict
                    && kind == Kind::Attack
                    && matches!((from, to), (Elem::Statement(_), Elem::Statement(_)))
                {
                    warnings.push(Warning::at(
                        line,
                        format!(
                            "{from_t} is contrary to {to_t} (strict mode): imported as an objection to it"
                        ),
                    ));
                }
                let pushed =
                    push(&mut found, &mut warnings, single(k, Target::Statement(target)), line, from);
                if let (Elem::Argument(a), Some(i)) = (from, pushed) {
                    argues_by.entry(a).or_insert(i);
                }
            }
            (Kind::Support, Some(_)) => {
                let Elem::Argument(a) = to else { continue };
                let Some(&c) = conclusion_of.get(&a) else { continue };
                warnings.push(Warning::at(
                    line,
                    format!("{from_t} supports the argument {to_t}: imported as a support of its conclusion"),
                ));
                push(
                    &mut found,
                    &mut warnings,
                    single(RelationKind::Support, Target::Statement(class_id[c].clone())),
                    line,
                    from,
                );
            }
            (Kind::Attack, Some(step)) => {
                warnings.push(Warning::at(
                    line,
                    format!(
                        "{from_t} attacks the argument {to_t}: imported as an undercut of its last inference"
                    ),
                ));
                push(
                    &mut found,
                    &mut warnings,
                    single(RelationKind::Objection, Target::Relation(RelationId(step as u64))),
                    line,
                    from,
                );
            }
            (Kind::Undercut, Some(step)) => {
                push(
                    &mut found,
                    &mut warnings,
                    single(RelationKind::Objection, Target::Relation(RelationId(step as u64))),
                    line,
                    from,
                );
            }
            (Kind::Undercut, None) => {
                let Some(target) = source_of(to) else { continue };
                warnings.push(Warning::at(
                    line,
                    format!("{from_t} undercuts {to_t}, which has no inference: imported as an objection"),
                ));
                push(
                    &mut found,
                    &mut warnings,
                    single(RelationKind::Objection, Target::Statement(target)),
                    line,
                    from,
                );
            }
            (Kind::Contradiction, _) => {
                let (Some(a), Some(b)) = (source_of(from), source_of(to)) else { continue };
                warnings.push(Warning::at(
                    line,
                    format!(
                        "{from_t} and {to_t} contradict each other: imported as two objections, one each way"
                    ),
                ));
                let pair = [(a.clone(), b.clone()), (b, a)];
                for (p, c) in pair {
                    let r = Relation::new(RelationKind::Objection, vec![p], Target::Statement(c));
                    push(&mut found, &mut warnings, r, line, from);
                }
            }
        }
    }

    let title = front.as_ref().and_then(|f| f.title.clone()).unwrap_or_else(|| fallback_title.to_owned());
    let written = front.as_ref().and_then(|f| f.source.clone());
    let source = written.or_else(|| {
        front.as_ref().filter(|f| f.author.is_some() || f.year.is_some()).map(|f| MapSource {
            title: title.clone(),
            author: f.author.clone(),
            year: f.year,
            ..MapSource::default()
        })
    });
    // Relations in the order the document states them (an undercut's target renumbered).
    let Found { relations, lines, .. } = found;
    let mut order: Vec<usize> = (0..relations.len()).collect();
    order.sort_by_key(|&i| (lines[i], i));
    let mut new_index = vec![0usize; relations.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Relation>> = relations.into_iter().map(Some).collect();
    let relations: Vec<Relation> = order
        .iter()
        .filter_map(|&old| slots[old].take())
        .map(|mut r| {
            if let Target::Relation(RelationId(t)) = r.conclusion {
                r.conclusion = Target::Relation(RelationId(new_index[t as usize] as u64));
            }
            r
        })
        .collect();
    let map = ArgumentMap::from_parts(title, source, statements, relations)
        .map_err(|e| SyntaxError::general(format!("the document does not make a valid map: {e}")))?;
    Ok(Imported { map, warnings })
}

/// What a relation says; two relations that say the same are one.
type RelationKey = (RelationKind, Vec<StatementId>, Target, Option<String>, Option<String>);

/// The relations an import found, each with the line that states it (to sort them by), and an
/// index by what each says, so a relation stated twice is found in constant time.
#[derive(Default)]
struct Found {
    relations: Vec<Relation>,
    lines: Vec<usize>,
    index: HashMap<RelationKey, usize>,
}

impl Found {
    fn key(r: &Relation) -> RelationKey {
        (r.kind, r.premises.clone(), r.conclusion.clone(), r.label.clone(), r.description.clone())
    }

    /// A relation of the document: the one found before that says the same, or a new one.
    fn add(&mut self, r: Relation, line: usize) -> usize {
        let key = Self::key(&r);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.index.insert(key, self.relations.len());
        self.relations.push(r);
        self.lines.push(line);
        self.relations.len() - 1
    }

    /// An inference step, or an argument argmap wrote: always a relation of its own (each
    /// reconstruction keeps its steps; a relation line saying the same is another relation).
    fn add_step(&mut self, r: Relation, line: usize) -> usize {
        self.relations.push(r);
        self.lines.push(line);
        self.relations.len() - 1
    }
}

/// The title argmap's export gives a relation without label (followed by its number).
const UNTITLED: &str = "argmap argument";

/// The description of an inference step of `argument` with `rule`: for its last step, the
/// argument's text, then the rule as a line `Inference: rule`, or the exact description argmap's
/// export kept in the argument's data if its words are the same (else the text was edited since).
fn description_of(argument: &Argument, rule: Option<&str>, last: bool) -> Option<String> {
    let mut description = if last { argument.descriptions.first().cloned() } else { None };
    if let Some(rule) = rule {
        let line = format!("Inference: {rule}");
        description = Some(description.map_or(line.clone(), |d| format!("{d}\n{line}")));
    }
    match exact_of(argument).description {
        Some(exact) if last && same_words(&exact, description.as_deref().unwrap_or_default()) => Some(exact),
        _ => description,
    }
}

/// The exact label and description argmap's export wrote in an argument's data, if any.
fn exact_of(argument: &Argument) -> ArgumentData {
    argument.data.iter().find_map(|d| serde_json::from_str::<ArgumentData>(d).ok()).unwrap_or_default()
}

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
}

/// Whether two texts have the same words (Argdown keeps words and drops white space).
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The text as Argdown keeps it: words separated by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

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

fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    words.join(" ")
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
    out.push_str("===\n\n");
    for s in map.statements() {
        // A definition needs text: an empty statement is a reference (its text in the data).
        match escape(&s.text) {
            text if text.is_empty() => out.push_str(&format!("[{}]", s.id)),
            text => out.push_str(&format!("[{}]: {text}", s.id)),
        }
        // The exact text too where Argdown would change it (white space, an empty text, which
        // Argdown would read as the title).
        let exact = (s.text.is_empty() || words(&s.text) != s.text).then(|| s.text.clone());
        if s.source.is_some() || s.note.is_some() || exact.is_some() {
            let data = StatementData { source: s.source.clone(), note: s.note.clone(), text: exact };
            out.push_str(&format!(" {}", json(&data)));
        }
        out.push_str("\n\n");
    }
    let titles = argument_titles(map);
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

/// The Argdown title of every relation written as an argument (all but single-premise relations
/// without label or description that nothing undercuts, each written once as a relation line;
/// a repeated one is an argument of its own): its label, with the characters a title
/// cannot hold as spaces, made unique; an unlabelled relation gets `argmap argument N`, which the
/// import reads as "no label".
fn argument_titles(map: &ArgumentMap) -> HashMap<RelationId, String> {
    let undercut: std::collections::HashSet<RelationId> =
        map.relations().filter_map(|(_, r)| r.conclusion.relation()).collect();
    let mut titles: HashMap<RelationId, String> = HashMap::new();
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new(); // the next suffix to try, per base
    let mut lines = std::collections::HashSet::new(); // the relation lines written (each once)
    for (n, (id, r)) in map.relations().enumerate() {
        let simple =
            r.premises.len() == 1 && r.label.is_none() && r.description.is_none() && !undercut.contains(&id);
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
    let data = ArgumentData {
        label: r.label.clone().filter(|_| r.label.as_deref() != read_label),
        description: r.description.clone().filter(|_| r.description != read_description),
    };
    let data = if data.label.is_some() || data.description.is_some() { json(&data) } else { String::new() };
    match (description, data.is_empty()) {
        (Some(d), _) => out.push_str(&format!("<{title}>: {} {data}", escape(d))),
        (None, false) => out.push_str(&format!("<{title}>: {data}")),
        (None, true) => out.push_str(&format!("<{title}>")),
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

#[cfg(test)]
mod tests;
