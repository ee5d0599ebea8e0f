//! A map's source documents on disk: finding a document's file (beside the map, then in the
//! folders the user names), reading its text (plain text and Markdown), numbering its paragraphs,
//! locating a quote in it (whitespace, typographic quotes and dashes normalised), and checking
//! that every located quote is still there.
//!
//! Must not touch: egui. Reads files only through `io::read_text` (bounded).

use crate::model::{ArgumentMap, Location, SourceDocument, StatementId};
use std::path::{Path, PathBuf};

/// A document's text and its paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The text, with line endings as `\n`.
    pub text: String,
    /// Each paragraph (a block of lines between blank lines) as characters `start..end` of
    /// `text`, in order; paragraph 1 is the first.
    pub paragraphs: Vec<(u32, u32)>,
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read (missing, too large, not UTF-8, a device...).
    #[error("{0}")]
    Read(String),
    /// A kind of file argmap does not read.
    #[error(
        "{path}: argmap reads documents in plain text (.txt), Markdown (.md) and HTML (.html); this one is {kind}"
    )]
    Format {
        /// The file.
        path: String,
        /// What it is.
        kind: String,
    },
}

impl Text {
    /// A text with its paragraphs numbered.
    pub fn new(text: &str) -> Self {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut paragraphs = Vec::new();
        let mut open: Option<(u32, u32)> = None; // the paragraph being read: its start and end
        let mut line_start = 0u32;
        for line in text.split('\n') {
            let end = line_start + line.chars().count() as u32;
            open = match (line.trim().is_empty(), open) {
                (false, None) => Some((line_start, end)),
                (false, Some((start, _))) => Some((start, end)),
                (true, Some(p)) => {
                    paragraphs.push(p);
                    None
                }
                (true, None) => None,
            };
            line_start = end + 1;
        }
        paragraphs.extend(open);
        Self { text, paragraphs }
    }

    /// The paragraph (from 1) holding character `c`, or the last one before it.
    pub fn paragraph_of(&self, c: u32) -> u32 {
        let n = self.paragraphs.partition_point(|&(start, _)| start <= c);
        n.max(1) as u32
    }

    /// Where `quote` is in the text, its whitespace, typographic quotes and dashes normalised on
    /// both sides; the first place from `near` on (a hint: where it was), else the first place.
    /// (For many quotes, [`Text::finder`] normalises the text once.)
    pub fn locate(&self, quote: &str, near: Option<u32>) -> Option<Location> {
        self.finder().locate(quote, near)
    }

    /// Whether the quote is still at `at` (normalised as [`Text::locate`] does).
    pub fn holds(&self, quote: &str, at: Location) -> bool {
        self.finder().holds(quote, at)
    }

    /// The text made ready for many lookups: normalised once.
    pub fn finder(&self) -> Finder<'_> {
        let chars: Vec<char> = self.text.chars().collect();
        let (hay, back) = normalised(&self.text);
        let hay: String = hay.into_iter().collect();
        // Byte offset of each character of `hay` (str::find is linear; it answers in bytes).
        let offsets: Vec<usize> = hay.char_indices().map(|(b, _)| b).collect();
        Finder { text: self, chars, hay, offsets, back }
    }
}

/// A [`Text`] normalised once, for locating and checking many quotes in linear time each.
pub struct Finder<'t> {
    text: &'t Text,
    chars: Vec<char>,
    hay: String,
    offsets: Vec<usize>,
    back: Vec<usize>,
}

impl Finder<'_> {
    /// See [`Text::locate`].
    pub fn locate(&self, quote: &str, near: Option<u32>) -> Option<Location> {
        let needle: String = normalised(quote.trim()).0.into_iter().collect();
        if needle.is_empty() {
            return None;
        }
        let (hay, offsets, back) = (&self.hay, &self.offsets, &self.back);
        let from = near.map_or(0, |c| back.partition_point(|&o| o < c as usize));
        let from_byte = offsets.get(from).copied().unwrap_or(hay.len());
        let byte = hay[from_byte..].find(&needle).map(|b| b + from_byte).or_else(|| hay.find(&needle))?;
        let first = offsets.partition_point(|&b| b < byte);
        let last = first + needle.chars().count() - 1;
        let start = *back.get(first)? as u32;
        let end = *back.get(last)? as u32 + 1;
        Some(Location { paragraph: self.text.paragraph_of(start), start, end })
    }

    /// See [`Text::holds`].
    pub fn holds(&self, quote: &str, at: Location) -> bool {
        let Some(span) = self.chars.get(at.start as usize..at.end as usize) else { return false };
        let plain = |t: &str| normalised(t).0.into_iter().collect::<String>().trim().to_owned();
        !span.is_empty() && plain(&span.iter().collect::<String>()) == plain(quote)
    }
}

/// The text with typographic quotes and dashes made plain and each run of whitespace one space,
/// and for each of its characters the character of `text` it comes from.
fn normalised(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(text.len());
    let mut back = Vec::with_capacity(text.len());
    let mut space = false;
    for (i, c) in text.chars().enumerate() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00a0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                back.push(i);
            }
            space = true;
        } else {
            out.push(c);
            back.push(i);
            space = false;
        }
    }
    (out, back)
}

/// Reads a document's text from its file (plain text or Markdown, at most `io`'s bound).
pub fn read(path: &Path) -> Result<Text, SourceError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let html = matches!(ext.as_str(), "html" | "htm" | "xhtml");
    match ext.as_str() {
        "txt" | "text" | "md" | "markdown" | "" => {}
        _ if html => {}
        other => {
            return Err(SourceError::Format {
                path: path.display().to_string(),
                kind: format!("a .{other} file"),
            });
        }
    }
    let text = crate::io::read_text(path).map_err(|e| SourceError::Read(e.to_string()))?;
    if html {
        return html_text(&text).map_err(|why| SourceError::Read(format!("{}: {why}", path.display())));
    }
    Ok(Text::new(&text))
}

/// The text of an HTML page as html2text (html5ever's parser) renders it without decoration:
/// paragraphs and headings as blocks between blank lines, no markup, lines not wrapped.
pub fn html_text(html: &str) -> Result<Text, String> {
    /// Wide enough that no paragraph is broken into lines.
    const NO_WRAP: usize = 100_000;
    let decorator = html2text::render::TrivialDecorator::new();
    let text = html2text::config::with_decorator(decorator)
        .string_from_read(html.as_bytes(), NO_WRAP)
        .map_err(|e| e.to_string())?;
    Ok(Text::new(&text))
}

/// Where a document's file is: its name (only the name: a path in the map is never followed)
/// beside the map, then in each of `folders`; the first that exists.
pub fn find(document: &SourceDocument, beside: Option<&Path>, folders: &[PathBuf]) -> Option<PathBuf> {
    let name = Path::new(document.file.as_deref()?).file_name()?;
    beside
        .into_iter()
        .chain(folders.iter().map(PathBuf::as_path))
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// What checking a map's quotes against its documents found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Each document: its id, the file found (or why not), how many of its paragraphs are quoted.
    pub documents: Vec<DocumentReport>,
    /// Each quote that names a document that was read but is no longer found in it.
    pub drifted: Vec<(StatementId, StatementId)>,
}

/// One document's part of a [`Report`].
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentReport {
    /// The document's id.
    pub id: StatementId,
    /// Its file, or why it could not be read.
    pub file: Result<PathBuf, String>,
    /// How many statements quote it.
    pub quotes: usize,
    /// How many of its paragraphs hold a quote, of how many.
    pub coverage: (usize, usize),
}

/// Checks every quote that names a document against the document's text, where the document is
/// found (beside the map at `beside`, or in `folders`).
pub fn check(map: &ArgumentMap, beside: Option<&Path>, folders: &[PathBuf]) -> Report {
    let mut report = Report::default();
    for d in map.documents() {
        let quoting: Vec<_> = map
            .statements()
            .filter_map(|s| Some((s, s.source.as_ref().filter(|src| src.document.as_ref() == Some(&d.id))?)))
            .collect();
        let found = find(d, beside, folders).ok_or_else(|| not_found(d, beside, folders));
        let text = found.clone().and_then(|p| read(&p).map_err(|e| e.to_string()));
        let mut covered = std::collections::BTreeSet::new();
        if let Ok(text) = &text {
            for (s, src) in &quoting {
                let at =
                    src.at.filter(|&at| text.holds(&src.quote, at)).or_else(|| text.locate(&src.quote, None));
                match at {
                    Some(at) => {
                        covered.insert(at.paragraph);
                    }
                    None => report.drifted.push((s.id.clone(), d.id.clone())),
                }
            }
        }
        let total = text.as_ref().map_or(0, |t| t.paragraphs.len());
        report.documents.push(DocumentReport {
            id: d.id.clone(),
            file: found.and_then(|p| text.map(|_| p)),
            quotes: quoting.len(),
            coverage: (covered.len(), total),
        });
    }
    report
}

fn not_found(d: &SourceDocument, beside: Option<&Path>, folders: &[PathBuf]) -> String {
    let Some(file) = d.file.as_deref() else { return "the map names no file for it".into() };
    let mut places: Vec<String> = beside.into_iter().map(|p| p.display().to_string()).collect();
    places.extend(folders.iter().map(|p| p.display().to_string()));
    format!("{} not found in {}", crate::printable::escaped(file), places.join(", "))
}

/// The sources of `map` with every quote that names a document located afresh in that document's
/// text (where it is found): what `argmap sources --relocate` writes. Returns how many changed.
pub fn relocate(
    map: &mut ArgumentMap,
    beside: Option<&Path>,
    folders: &[PathBuf],
) -> Result<usize, crate::model::ModelError> {
    let mut edits = Vec::new();
    for d in map.documents().to_vec() {
        let Some(text) = find(&d, beside, folders).and_then(|p| read(&p).ok()) else { continue };
        let text = text.finder();
        for s in map.statements() {
            let Some(src) = s.source.as_ref().filter(|src| src.document.as_ref() == Some(&d.id)) else {
                continue;
            };
            let at = src
                .at
                .filter(|&at| text.holds(&src.quote, at))
                .or_else(|| text.locate(&src.quote, src.at.map(|a| a.start)));
            if at.is_some() && at != src.at {
                let source = Some(crate::model::Source { at, ..src.clone() });
                edits.push(crate::edit::Edit::SetSource { id: s.id.clone(), source });
            }
        }
    }
    let n = edits.len();
    if n > 0 {
        crate::edit::apply(map, crate::edit::Edit::Batch(edits))?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "A Title\n\nFirst paragraph, \u{201c}quoted\u{201d} words\nrunning on.\n\n\n  Second: it\u{2019}s here \u{2013} and there.\n";

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        let t = Text::new(ARTICLE);
        let paragraphs: Vec<String> = t
            .paragraphs
            .iter()
            .map(|&(a, b)| t.text.chars().skip(a as usize).take((b - a) as usize).collect())
            .collect();
        assert_eq!(paragraphs[0], "A Title");
        assert_eq!(paragraphs[1], "First paragraph, \u{201c}quoted\u{201d} words\nrunning on.");
        assert_eq!(paragraphs[2], "  Second: it\u{2019}s here \u{2013} and there.");
        assert_eq!(Text::new("one\r\n\r\ntwo").paragraphs.len(), 2, "Windows line endings");
    }

    #[test]
    fn a_quote_is_found_exactly_or_with_plain_quotes_dashes_and_spaces() {
        let t = Text::new(ARTICLE);
        let exact = t.locate("Second: it\u{2019}s here", None).unwrap();
        assert_eq!(exact.paragraph, 3);
        assert!(t.holds("Second: it\u{2019}s here", exact));
        let plain = t.locate("\"quoted\" words running   on.", None).unwrap();
        assert_eq!(plain.paragraph, 2);
        assert!(t.holds("\"quoted\" words running on.", plain));
        assert!(t.locate("it's here - and", None).is_some());
        assert!(t.locate("", None).is_none() && t.locate("   ", None).is_none());
        assert!(t.locate(&"x".repeat(500), None).is_none(), "longer than the text");
    }

    #[test]
    fn a_moved_paragraph_is_found_again_and_an_edited_quote_is_not() {
        let t = Text::new(ARTICLE);
        let quote = "Second: it's here";
        let at = t.locate(quote, None).unwrap();
        let moved = Text::new(&format!("A new opening paragraph.\n\n{ARTICLE}"));
        assert!(!moved.holds(quote, at), "the old place no longer holds it");
        let again = moved.locate(quote, Some(at.start)).unwrap();
        assert_eq!(again.paragraph, at.paragraph + 1);
        assert!(moved.holds(quote, again));
        assert!(t.locate("Second: it is here", None).is_none(), "a changed word is drift");
    }

    #[test]
    fn only_the_file_name_of_a_document_is_looked_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        let doc = |file: &str| SourceDocument {
            id: "d".into(),
            title: "D".into(),
            author: None,
            publisher: None,
            year: None,
            url: None,
            licence: None,
            file: Some(file.into()),
        };
        let folders = [dir.path().to_path_buf()];
        assert_eq!(find(&doc("a.txt"), None, &folders), Some(dir.path().join("a.txt")));
        assert_eq!(find(&doc("../../elsewhere/a.txt"), None, &folders), Some(dir.path().join("a.txt")));
        assert_eq!(find(&doc("b.txt"), None, &folders), None);
        assert!(matches!(read(&dir.path().join("a.pdf")), Err(SourceError::Format { .. })));
    }

    #[test]
    fn an_html_page_reads_as_its_paragraphs_without_markup() {
        let page = "<!doctype html><html><head><title>T</title><style>p{color:red}</style><script>var x = 1;</script></head>\
            <body><h1>A Title</h1><p>First paragraph, with <a href=\"https://example.org\">a link</a> and <em>stress</em>.</p>\
            <p>Second: it&rsquo;s here &ndash; and there.</p><ul><li>One item</li><li>Another</li></ul></body></html>";
        let t = html_text(page).unwrap();
        let paragraphs: Vec<String> = t
            .paragraphs
            .iter()
            .map(|&(a, b)| t.text.chars().skip(a as usize).take((b - a) as usize).collect())
            .collect();
        assert!(
            paragraphs.iter().any(|p| p.contains("First paragraph, with a link and stress.")),
            "{paragraphs:?}"
        );
        assert!(
            !t.text.contains("color:red") && !t.text.contains("var x") && !t.text.contains('<'),
            "{}",
            t.text
        );
        let at = t.locate("Second: it's here - and there.", None).unwrap();
        assert!(t.holds("Second: it\u{2019}s here \u{2013} and there.", at));
        assert!(paragraphs.len() >= 3, "{paragraphs:?}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.html"), page).unwrap();
        assert_eq!(read(&dir.path().join("page.html")).unwrap(), t);
    }
}
