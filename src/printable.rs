//! Text that is safe to print on a terminal or show in a message: what a file says (ids, titles,
//! texts, file names) never reaches the screen raw. Control characters (ESC, BEL, NUL, line
//! breaks, C1 controls) and the bidirectional overrides that can make text read differently
//! from what it is are written as escapes (`\u{1b}`, `\n`), and long values are shortened, so a
//! file cannot set the terminal's title, clear the screen or break a one-line error in two.

use std::borrow::Cow;
use std::fmt;

/// How many characters of a value a message quotes before shortening it with "…".
pub const QUOTED_CHARS: usize = 80;

/// Whether `c` may not be printed as itself.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character and bidirectional override written as an escape
/// (`\n`, `\t`, `\u{1b}`); the text itself when it has none.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A value quoted in a message: escaped, and shortened to [`QUOTED_CHARS`] characters with "…".
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTED_CHARS) {
            Some((cut, _)) => write!(f, "{}…", escaped(&self.0[..cut])),
            None => f.write_str(&escaped(self.0)),
        }
    }
}

/// A whole message as one printable line of at most `max` characters: escaped, and when longer,
/// its start and its end kept (where the file, the position and what is wrong are) around "…".
pub fn line(text: &str, max: usize) -> String {
    let text = escaped(text);
    let count = text.chars().count();
    if count <= max {
        return text.into_owned();
    }
    let head = max * 2 / 3;
    let tail = max - head - 1;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

/// The first `n` words of a text, one space between them.
pub fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// The first words of a text (eight), with "…" when there are more: how messages and links name
/// a statement.
pub fn short(text: &str) -> String {
    let mut s = first_words(text, 8);
    if text.split_whitespace().nth(8).is_some() {
        s.push('…');
    }
    s
}

/// [`short`], on one printable line of at most `max` characters (a status line's).
pub fn short_line(text: &str, max: usize) -> String {
    line(&short(text), max)
}

/// The ending of a word counted `n` times: "s" but for one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A count with its thousands set apart: 100000 as "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the word, in the plural but for one: "1 group", "3 groups".
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", plural(n))
}

/// A statement named in a sentence: its first words ([`short`]) between typographic quotes.
pub fn named(text: &str) -> String {
    let short = short(text);
    format!("\u{201c}{}\u{201d}", short.strip_suffix('.').unwrap_or(&short))
}

/// JSON text with every character that may not reach a terminal as itself (DEL, C1 controls,
/// the bidirectional overrides; JSON's own escaping covers the C0 controls) written as a
/// `\uXXXX` escape: the same JSON value, safe to print. Such characters can only stand inside
/// JSON strings, where the escape means the same character.
pub fn json(text: &str) -> Cow<'_, str> {
    // C0 controls in JSON text are its own layout (newlines, indents): strings escape theirs.
    let escape = |c: char| unsafe_char(c) && u32::from(c) >= 0x20;
    if !text.chars().any(escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if escape(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", unit));
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_set_apart() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(2000), "2,000");
        assert_eq!(super::thousands(100_000), "100,000");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn issue32_json_is_printed_with_escapes_and_means_the_same() {
        let value = serde_json::json!({ "text": "left\u{202e}right\u{7f}\u{85}\u{1b}" });
        let raw = serde_json::to_string_pretty(&value).unwrap();
        let safe = super::json(&raw);
        assert!(!safe.chars().any(|c| super::unsafe_char(c) && c != '\n'), "{safe}");
        assert!(safe.contains("\\u202e") && safe.contains("\\u007f") && safe.contains("\\u0085"), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value, "the same value");
    }

    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_escaped() {
        assert_eq!(escaped("plain text, é, 😀"), "plain text, é, 😀");
        assert_eq!(
            escaped("a\u{1b}]0;pwned\u{7}b\nc\td\0e\u{202e}f\u{9b}"),
            "a\\u{1b}]0;pwned\\u{7}b\\nc\\td\\u{0}e\\u{202e}f\\u{9b}"
        );
    }

    #[test]
    fn quoted_values_are_shortened_and_lines_keep_both_ends() {
        assert_eq!(Quoted("short").to_string(), "short");
        let long = "x".repeat(200);
        assert_eq!(Quoted(&long).to_string(), format!("{}…", "x".repeat(QUOTED_CHARS)));
        let message = format!("file.ron:3:4: {} is wrong", "y".repeat(5000));
        let one = line(&message, 300);
        assert_eq!(one.chars().count(), 300);
        assert!(one.starts_with("file.ron:3:4: yyy") && one.ends_with("yyy is wrong"), "{one}");
        assert_eq!(line("a\nb", 300), "a\\nb");
    }
}
