//! The formats argmap reads documents in: plain text and Markdown as they are, HTML through
//! html2text, PDF through pdf-extract. The parsers of HTML and PDF are someone else's code
//! meeting someone else's file: they run guarded (a panic is an error, silent), and the app and
//! the CLI run them in a child process ([`super::Reader`]) so that no document can hang argmap
//! or exhaust its memory.

use super::{SourceError, Text};
use std::path::Path;

/// The kinds of file argmap reads as documents, by extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown (or no extension).
    Plain,
    /// An HTML page.
    Html,
    /// A PDF.
    Pdf,
    /// Anything else, in words ("a .docx file").
    Other(String),
}

impl Kind {
    /// The kind of the file at `path`, by its extension.
    pub fn of(path: &Path) -> Self {
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "txt" | "text" | "md" | "markdown" | "" => Kind::Plain,
            "html" | "htm" | "xhtml" => Kind::Html,
            "pdf" => Kind::Pdf,
            other => Kind::Other(format!("a .{} file", crate::printable::escaped(other))),
        }
    }
}

/// Reads and parses a document in this process: plain text, Markdown, HTML or PDF, the file at
/// most `io`'s bound. A panic in a parser is its error here, and says nothing on stderr.
pub fn parse(path: &Path) -> Result<Text, SourceError> {
    let in_file = |why: String| SourceError::Read(format!("{}: {why}", path.display()));
    match Kind::of(path) {
        Kind::Plain => {
            let text = crate::io::read_text(path).map_err(|e| SourceError::Read(e.to_string()))?;
            Ok(Text::new(&text))
        }
        Kind::Html => {
            let text = crate::io::read_text(path).map_err(|e| SourceError::Read(e.to_string()))?;
            html_text(&text).map_err(in_file)
        }
        Kind::Pdf => {
            let bytes = crate::io::read_bytes(path).map_err(|e| SourceError::Read(e.to_string()))?;
            pdf_text(&bytes).map_err(in_file)
        }
        Kind::Other(kind) => Err(SourceError::Format { path: path.display().to_string(), kind }),
    }
}

/// Runs a parser, its panic an error in `words` (a hostile file must not take argmap down, nor
/// print a backtrace).
fn guarded<T>(
    words: &str,
    parse: impl FnOnce() -> Result<T, String> + std::panic::UnwindSafe,
) -> Result<T, String> {
    /// Marks this thread as parsing while it lives (also while a panic unwinds through it).
    struct Parsing;
    impl Drop for Parsing {
        fn drop(&mut self) {
            PARSING.with(|p| p.set(false));
        }
    }
    quiet_panics();
    PARSING.with(|p| p.set(true));
    let _parsing = Parsing;
    std::panic::catch_unwind(parse).unwrap_or_else(|_| Err(words.to_owned()))
}

/// Panics say nothing on stderr from now on in this process (a parser's panic is reported as
/// its error, once, by whoever called it); set once.
fn quiet_panics() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let loud = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !PARSING.with(std::cell::Cell::get) {
                loud(info);
            }
        }));
    });
}

thread_local! {
    /// Whether this thread is running a document parser (its panics are its errors).
    static PARSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The text of a PDF as pdf-extract reads it: page after page, in the order the PDF draws its
/// text (for most documents, columns one after the other); a paragraph's lines joined into one,
/// a word hyphenated across a line break joined again, ligatures (ﬁ, ﬂ...) spelt out.
pub fn pdf_text(pdf: &[u8]) -> Result<Text, String> {
    // pdf-extract answers most broken files with an error but panics on some; a panic in it is
    // its error here (the map and the app are untouched either way).
    let pages = guarded("the PDF reader could not make sense of this PDF", || {
        pdf_extract::extract_text_from_mem_by_pages(pdf)
            .map_err(|e| format!("not a PDF argmap can read ({e})"))
    })?;
    let paragraphs: Vec<String> = pages
        .iter()
        .flat_map(|page| page.split("\n\n"))
        .map(|block| joined_lines(&spelt_out(block)))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(
            "it holds no text argmap can read (a scan, perhaps: argmap does not read text from images)"
                .into(),
        );
    }
    Ok(Text::new(&paragraphs.join("\n\n")))
}

/// A block's lines as one line: a word broken by a hyphen at a line's end (`com-` `pile`) joined.
fn joined_lines(block: &str) -> String {
    let mut out = String::new();
    for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let hyphenated = out.strip_suffix('-').filter(|head| head.ends_with(char::is_alphabetic));
        let next_lower = line.starts_with(char::is_lowercase);
        match hyphenated {
            Some(head) if next_lower => out.truncate(head.len()),
            _ if !out.is_empty() => out.push(' '),
            _ => {}
        }
        out.push_str(line);
    }
    out
}

/// The text with the typographic ligatures PDFs often carry spelt as their letters.
fn spelt_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            // TeX's asterisk for affiliations and footnotes (no glyph for it in the pane's font).
            '\u{2217}' => out.push('*'),
            c => out.push(c),
        }
    }
    out
}

/// The text of an HTML page as html2text (html5ever's parser) renders it without decoration:
/// paragraphs and headings as blocks between blank lines, no markup, lines not wrapped.
pub fn html_text(html: &str) -> Result<Text, String> {
    /// Wide enough that no paragraph is broken into lines.
    const NO_WRAP: usize = 100_000;
    let text = guarded("the HTML reader could not make sense of this page", || {
        let decorator = html2text::render::TrivialDecorator::new();
        html2text::config::with_decorator(decorator)
            .string_from_read(html.as_bytes(), NO_WRAP)
            .map_err(|e| e.to_string())
    })?;
    Ok(Text::new(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue32_a_parser_that_panics_is_an_error_and_the_thread_is_itself_again() {
        let said = guarded::<()>("could not make sense of it", || panic!("a parser's bug"));
        assert_eq!(said, Err("could not make sense of it".to_owned()));
        assert!(!PARSING.with(std::cell::Cell::get), "panics on this thread are loud again");
        assert_eq!(guarded("unused", || Ok::<_, String>(7)), Ok(7));
    }
}
