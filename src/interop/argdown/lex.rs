//! The first pass: the text of a document into items. Comments out (line numbers kept), the YAML
//! front matter read, the body cut into logical items (headings, elements, relation lines,
//! premise-conclusion lines, inference lines, with their continuation lines joined), and the
//! small readers of an element's text (tags, data, escapes, markup, titles) the later passes use.

use super::{Item, ItemKind, Kind};
use crate::interop::{SyntaxError, Warning};
use crate::model::MapSource;
use std::borrow::Cow;

/// A document cut into items, with its front matter and what the front matter could not give.
pub(super) struct Lexed<'a> {
    /// The items of the body, in order.
    pub items: Vec<Item<'a>>,
    /// The front matter, if there is one.
    pub front: Option<Front>,
    /// Front-matter keys argmap does not keep, strict mode.
    pub warnings: Vec<Warning>,
}

/// Cuts a document into items; an unclosed comment or front matter is a syntax error.
/// Reads a text whose comments are out ([`strip_comments`]).
pub(super) fn lex(text: &str) -> Result<Lexed<'_>, SyntaxError> {
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
            let message =
                format!("front matter \"{key}\" not imported (argmap keeps title, author and date)");
            warnings.push(Warning::at(first + 2 + line, message));
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
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        unclosed_title(line)
            .map_or(Ok(()), |(column, message)| Err(SyntaxError::at(i + 1, column, message)))?;
    }
    // The body: the text from its first line on (a slice of it, not a copy).
    let body =
        lines.get(body_start).map_or("", |first| &text[first.as_ptr() as usize - text.as_ptr() as usize..]);
    Ok(Lexed { items: items(body, body_start + 1), front, warnings })
}

/// A statement's title (`[...`) or an argument's (`<...`) opened where a line's statement or
/// argument starts (after a relation sign or a number) and never closed on that line: the
/// column of the bracket and what is wrong. (A bracket in running text is text, as Argdown has it.)
fn unclosed_title(line: &str) -> Option<(usize, String)> {
    let trimmed = line.trim_start();
    let mut rest = trimmed;
    if let Some((_, _, len)) = relation_token(rest) {
        rest = rest[len..].trim_start();
    } else if let Some(len) = pcs_number(rest) {
        rest = rest[len.min(rest.len())..].trim_start();
    }
    let (open, close) = match rest.chars().next()? {
        '[' => ('[', ']'),
        '<' if !rest.starts_with("<!--") => ('<', '>'),
        _ => return None,
    };
    let mut escaped = false;
    for c in rest.chars().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == close => return None,
            _ => {}
        }
    }
    let column = line.len() - rest.len() + 1;
    let what = if open == '[' { "a statement's title" } else { "an argument's title" };
    Some((column, format!("{what} opened with {open} is never closed with {close}")))
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
pub(super) fn strip_comments(text: &str) -> Result<Cow<'_, str>, SyntaxError> {
    // Most documents have no comment: nothing to blank out, nothing copied.
    if !["<!--", "/*", "//"].iter().any(|open| text.contains(open)) {
        return Ok(Cow::Borrowed(text));
    }
    strip_in_copy(text).map(Cow::Owned)
}

/// [`strip_comments`] of a text with comments (or what may open one).
fn strip_in_copy(text: &str) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut line = 1;
    while !rest.is_empty() {
        // Up to the next character that may open a comment or escape one, copied in one piece.
        let plain = rest.bytes().position(|b| matches!(b, b'<' | b'/' | b'\\')).unwrap_or(rest.len());
        if plain > 0 {
            line += rest.as_bytes()[..plain].iter().filter(|&&b| b == b'\n').count();
            out.push_str(&rest[..plain]);
            rest = &rest[plain..];
            continue;
        }
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
pub(super) fn split_meta(text: &str) -> (Cow<'_, str>, Vec<String>, Option<String>) {
    let trimmed = text.trim();
    if !trimmed.ends_with('}') && !trimmed.as_bytes().contains(&b'#') {
        return (Cow::Borrowed(trimmed), Vec::new(), None); // no data, no tags
    }
    let mut notes = Vec::new();
    let mut text = trimmed.to_owned();
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
    (Cow::Owned(kept), notes, data)
}

/// Where a trailing `{data}` block starts: the first `{` not escaped with a backslash.
fn data_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'{' && (i == 0 || bytes[i - 1] != b'\\'))
}

/// Removes the backslashes of escaped characters.
pub(super) fn unescape(text: &str) -> String {
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
pub(super) fn clean(text: &str) -> String {
    // Most texts have no emphasis, link or escape, and single spaces between their words: one
    // pass over their bytes tells, and they are copied once (a long map's text reads back in
    // linear time with few allocations).
    match plain(text) {
        Plain::AsIs => text.to_owned(),
        Plain::Spaced => text.split_whitespace().collect::<Vec<_>>().join(" "),
        Plain::Marked => clean_marked(text),
    }
}

/// What [`clean`] has to do with a text.
enum Plain {
    /// Nothing: no mark, words separated by single spaces.
    AsIs,
    /// Collapse its white space.
    Spaced,
    /// Take out marks (emphasis, links, escapes).
    Marked,
}

/// What [`clean`] has to do with `text`, found in one pass over its bytes without a branch per
/// byte (any byte beyond ASCII sends it to the careful path, which knows Unicode's white space).
fn plain(text: &str) -> Plain {
    const MARK: u8 = 1;
    const SPACE: u8 = 2;
    const OTHER_SPACE: u8 = 4;
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        class[b'*' as usize] = MARK;
        class[b'_' as usize] = MARK;
        class[b']' as usize] = MARK;
        class[b'\\' as usize] = MARK;
        class[b' ' as usize] = SPACE;
        let mut b = 0x80;
        while b < 256 {
            class[b] = OTHER_SPACE;
            b += 1;
        }
        let mut c = 0;
        while c < 5 {
            class[[b'\t', b'\n', 0x0b, 0x0c, b'\r'][c] as usize] = OTHER_SPACE;
            c += 1;
        }
        class
    };
    let bytes = text.as_bytes();
    let (mut seen, mut doubled) = (0u8, 0u8);
    let mut previous = 0u8;
    for &b in bytes {
        let class = CLASS[b as usize];
        seen |= class;
        doubled |= class & previous;
        previous = class;
    }
    let ends_spaced = bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ');
    if seen & MARK != 0 {
        Plain::Marked
    } else if seen & OTHER_SPACE != 0 || doubled & SPACE != 0 || ends_spaced {
        Plain::Spaced
    } else {
        Plain::AsIs
    }
}

/// [`clean`] of a text with emphasis, links or escapes.
fn clean_marked(text: &str) -> String {
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
pub(super) enum Parsed<'a> {
    Statement { title: Option<&'a str>, text: Option<&'a str> },
    Argument { title: &'a str, text: Option<&'a str> },
}

pub(super) fn parse_element(text: &str) -> Parsed<'_> {
    let t = text.trim();
    for (open, close, argument) in [('[', ']', false), ('<', '>', true)] {
        if let Some(inner) = t.strip_prefix(open)
            && let Some(end) = inner.find(close)
        {
            let title = inner[..end].trim();
            let after = inner[end + close.len_utf8()..].trim_start();
            let text = if after.is_empty() {
                Some(None)
            } else {
                after.strip_prefix(':').map(|rest| Some(rest.trim()))
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
    Parsed::Statement { title: None, text: Some(t) }
}

/// Splits the document into items.
fn items(body: &str, first_line: usize) -> Vec<Item<'_>> {
    let mut out: Vec<Item<'_>> = Vec::new();
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
            out.push(Item { line, indent, what: ItemKind::Inference, text: Cow::Borrowed("") });
            open = false;
            continue;
        }
        if in_rule {
            if let Some(last) = out.last_mut() {
                let text = last.text.to_mut();
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(trimmed);
            }
            continue;
        }
        if indent == 0 && trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ') {
            out.push(Item {
                line,
                indent,
                what: ItemKind::Heading,
                text: Cow::Borrowed(trimmed.trim_start_matches('#').trim()),
            });
            open = false;
            continue;
        }
        if let Some(skip) = pcs_number(trimmed) {
            out.push(Item { line, indent, what: ItemKind::Pcs, text: Cow::Borrowed(trimmed[skip..].trim()) });
            open = true;
            continue;
        }
        if let Some((kind, incoming, skip)) = relation_token(trimmed) {
            out.push(Item {
                line,
                indent,
                what: ItemKind::Relation(kind, incoming),
                text: Cow::Borrowed(trimmed[skip..].trim()),
            });
            open = true;
            continue;
        }
        match out.last_mut() {
            Some(last) if open => {
                let text = last.text.to_mut();
                text.push(' ');
                text.push_str(trimmed);
            }
            _ => {
                out.push(Item { line, indent, what: ItemKind::Top, text: Cow::Borrowed(trimmed) });
                open = true;
            }
        }
    }
    out
}

/// The YAML front matter: the map's title and source, strict mode, and what else it holds.
pub(super) struct Front {
    pub title: Option<String>,
    pub source: Option<MapSource>,
    /// The map's source documents, as argmap's export writes them (a JSON array).
    pub documents: Vec<crate::model::SourceDocument>,
    pub author: Option<String>,
    pub year: Option<i32>,
    pub strict: bool,
    pub other: Vec<(usize, String)>,
}

fn front_matter(lines: &[&str]) -> Front {
    let mut front = Front {
        title: None,
        source: None,
        documents: Vec::new(),
        author: None,
        year: None,
        strict: false,
        other: Vec::new(),
    };
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
            "documents" => match serde_json::from_str(value.trim()) {
                Ok(documents) => front.documents = documents,
                Err(_) => front.other.push((*line, k.clone())),
            },
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast way of [`clean`] says what the full one says, whatever the text.
        #[test]
        fn clean_without_marks_is_the_full_clean(text in "[a-z *_\\[\\]()\\\\\\t\\n\\r\u{b}\u{a0}\u{2003}é.,]{0,40}") {
            prop_assert_eq!(clean(&text), clean_marked(&text));
        }

        /// Comments are taken out exactly as a walk character by character takes them out (the
        /// way it was done before plain runs were copied in one piece), errors and lines too.
        #[test]
        fn comments_stripped_in_runs_as_one_character_at_a_time(
            text in "[a-z <>!/*\\\\\n-]{0,60}"
        ) {
            let ours = strip_comments(&text).map_err(|e| e.to_string());
            let theirs = strip_one_by_one(&text).map_err(|e| e.to_string());
            prop_assert_eq!(ours.map(String::from), theirs);
        }
    }

    /// [`strip_comments`] as it was: one character at a time.
    fn strip_one_by_one(text: &str) -> Result<String, SyntaxError> {
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
                let message = format!("a comment opened with {open} is never closed with {close}");
                return Err(SyntaxError::at(line, 1, message));
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

    #[test]
    fn plain_texts_are_kept_and_white_space_collapsed() {
        assert_eq!(clean("A plain statement."), "A plain statement.");
        assert_eq!(clean("  two\tlines\n here\u{a0}"), "two lines here");
        assert_eq!(clean("*so* [a](b)"), "so a (b)");
    }
}
