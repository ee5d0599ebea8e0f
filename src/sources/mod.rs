//! A map's source documents on disk: finding a document's file (beside the map, then in the
//! folders the user names), reading its text (plain text, Markdown, HTML, PDF), numbering its paragraphs,
//! locating a quote in it (whitespace, typographic quotes and dashes normalised), and checking
//! that every located quote is still there.
//!
//! Must not touch: egui. Reads files only through `io::read_text` (bounded).

use crate::model::{ArgumentMap, Location, SourceDocument, StatementId};
use std::path::{Path, PathBuf};

mod find;
pub mod formats;
mod isolated;

pub use find::find;
pub use formats::{html_text, pdf_text};
pub use isolated::{Limits, Reader, serve};

/// A document's text, its blocks and their paragraph numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The text, with line endings as `\n`.
    pub text: String,
    /// Each block (lines between blank lines) as characters `start..end` of `text`, in order.
    pub blocks: Vec<(u32, u32)>,
    /// Each block's paragraph number as a reader counts them, from 1; 0 for a title, a heading or
    /// a caption, which a reader does not count ([`is_heading`]). The one numbering the pane,
    /// the located places (`Location::paragraph`) and every citation use.
    pub numbers: Vec<u32>,
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read (missing, too large, not UTF-8, a device...).
    #[error("{0}")]
    Read(String),
    /// A kind of file argmap does not read.
    #[error(
        "{path}: argmap reads documents in plain text (.txt), Markdown (.md), HTML (.html) and PDF (.pdf); this one is {kind}"
    )]
    Format {
        /// The file.
        path: String,
        /// What it is.
        kind: String,
    },
}

/// The most words a block that does not end a sentence may have and still be a title, heading
/// or caption (longer, it is a paragraph cut short or a list).
const HEADING_WORDS: usize = 20;

/// Whether a block is a title, a heading or a caption, which a reader does not count among the
/// paragraphs: a Markdown heading (`# ...`), or a short block (at most 20 words) that does not
/// end a sentence (no full stop, `!`, `…`, `:` or `;` at its end, closing quotes and brackets
/// aside), or a short one-line question. So an article's title, its section headings and a
/// photo's credit line are not numbered, and its pull quotes and paragraphs are.
pub fn is_heading(block: &str) -> bool {
    let block = block.trim();
    if block.starts_with('#') {
        return true;
    }
    if block.split_whitespace().count() > HEADING_WORDS {
        return false;
    }
    let end = block.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '\u{bb}', '*', '_']);
    match end.chars().last() {
        Some('.' | '!' | '\u{2026}' | ':' | ';') | None => false,
        Some('?') => !block.contains('\n'),
        Some(_) => true,
    }
}

impl Text {
    /// A text cut into blocks, its paragraphs numbered.
    pub fn new(text: &str) -> Self {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut blocks = Vec::new();
        let mut open: Option<(u32, u32)> = None; // the block being read: its start and end
        let mut line_start = 0u32;
        for line in text.split('\n') {
            let end = line_start + line.chars().count() as u32;
            open = match (line.trim().is_empty(), open) {
                (false, None) => Some((line_start, end)),
                (false, Some((start, _))) => Some((start, end)),
                (true, Some(p)) => {
                    blocks.push(p);
                    None
                }
                (true, None) => None,
            };
            line_start = end + 1;
        }
        blocks.extend(open);
        let chars: Vec<char> = text.chars().collect();
        let mut counted = 0;
        let numbers = blocks
            .iter()
            .map(|&(a, b)| {
                let block: String = chars.get(a as usize..b as usize).unwrap_or_default().iter().collect();
                if is_heading(&block) {
                    0
                } else {
                    counted += 1;
                    counted
                }
            })
            .collect();
        Self { text, blocks, numbers }
    }

    /// How many paragraphs the text has, as a reader counts them (titles and headings aside).
    pub fn paragraph_count(&self) -> usize {
        self.numbers.iter().filter(|&&n| n > 0).count()
    }

    /// The paragraph number of the block holding character `c` (or the last block before it):
    /// 0 for a title or heading, 1 when `c` comes before every block.
    pub fn paragraph_of(&self, c: u32) -> u32 {
        let n = self.blocks.partition_point(|&(start, _)| start <= c);
        match n {
            0 => 1,
            n => self.numbers[n - 1],
        }
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
        // After the hint, then before it (up to where a match could still start before it):
        // one pass over the text at most.
        let before = || {
            let mut end = (from_byte + needle.len()).min(hay.len());
            while !hay.is_char_boundary(end) {
                end += 1;
            }
            hay[..end].find(&needle)
        };
        let after = hay[from_byte..].find(&needle).map(|b| b + from_byte);
        let byte = after.or_else(|| (from_byte > 0).then(before).flatten())?;
        let first = offsets.partition_point(|&b| b < byte);
        let last = first + needle.chars().count() - 1;
        let start = *back.get(first)? as u32;
        let end = *back.get(last)? as u32 + 1;
        Some(Location { paragraph: self.text.paragraph_of(start), start, end })
    }

    /// Where `quote` is now: at its saved place `at` if it still holds there (its paragraph
    /// numbered afresh, as the pane numbers it), else found again near where it was.
    pub fn place(&self, quote: &str, at: Option<Location>) -> Option<Location> {
        match at.filter(|&at| self.holds(quote, at)) {
            Some(at) => Some(Location { paragraph: self.text.paragraph_of(at.start), ..at }),
            None => self.locate(quote, at.map(|a| a.start)),
        }
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

/// Reads a document's text from its file (plain text, Markdown, HTML or PDF, at most `io`'s
/// bound). Plain text and Markdown are read here; HTML and PDF, whose parsers are someone else's
/// code meeting someone else's file, as `reader` says (in a child process with a deadline and a
/// memory budget, for the app and the CLI).
pub fn read(path: &Path, reader: &Reader) -> Result<Text, SourceError> {
    match formats::Kind::of(path) {
        formats::Kind::Plain => formats::parse(path),
        formats::Kind::Html | formats::Kind::Pdf => reader.read(path),
        formats::Kind::Other(kind) => Err(SourceError::Format { path: path.display().to_string(), kind }),
    }
}

/// A new, empty map for reading the document at `path`, whose text is `text`, titled after it
/// and listing it: its title the text's first paragraph when that reads as a title (short),
/// else the file's name.
pub fn map_for(path: &Path, text: &Text) -> Result<ArgumentMap, SourceError> {
    /// The longest first paragraph taken as the document's title, in characters.
    const TITLE_CHARS: usize = 120;
    let first = text.blocks.first().map(|&(a, b)| {
        let chars: String = text.text.chars().skip(a as usize).take((b - a) as usize).collect();
        chars.split_whitespace().collect::<Vec<_>>().join(" ")
    });
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let title = first
        .filter(|t| t.chars().count() <= TITLE_CHARS && t.chars().any(char::is_alphabetic))
        .unwrap_or_else(|| crate::printable::escaped(&stem).into_owned());
    let id = crate::model::unique_slug(&stem, "document", |_| false);
    let document = SourceDocument::in_file(id, title.clone(), name);
    ArgumentMap::new(title)
        .with_documents(vec![document])
        .map_err(|e| SourceError::Read(format!("{}: {e}", path.display())))
}

/// Where a map's documents are looked for and how they are read.
#[derive(Clone, Copy, Debug)]
pub struct Places<'a> {
    /// The map's own folder.
    pub beside: Option<&'a Path>,
    /// The folders given (`--documents`, the app's document folders).
    pub folders: &'a [PathBuf],
    /// Files the user chose themselves (File ▸ Locate document…).
    pub chosen: &'a [PathBuf],
    /// How HTML and PDF are read.
    pub reader: &'a Reader,
}

impl Places<'_> {
    /// Where `document`'s file is ([`find`]).
    pub fn find(&self, document: &SourceDocument) -> Result<PathBuf, String> {
        find(document, self.beside, self.folders, self.chosen)
    }

    /// `document`'s file and text, or why not.
    pub fn read(&self, document: &SourceDocument) -> Result<(PathBuf, Text), String> {
        let path = self.find(document)?;
        let text = read(&path, self.reader).map_err(|e| e.to_string())?;
        Ok((path, text))
    }
}

/// What checking a map's quotes against its documents found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Each document: its id, the file found (or why not), how many of its paragraphs are quoted.
    pub documents: Vec<DocumentReport>,
    /// Each quote that names a document that was read but is no longer found in it.
    pub drifted: Vec<(StatementId, StatementId)>,
    /// Each quote whose written reference names another paragraph than the one its quote is
    /// in: the statement, the paragraph written, the paragraph found.
    pub misnumbered: Vec<(StatementId, u32, u32)>,
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
/// found (`places`).
pub fn check(map: &ArgumentMap, places: &Places<'_>) -> Report {
    let mut report = Report::default();
    for d in map.documents() {
        let quoting: Vec<_> = map
            .statements()
            .filter_map(|s| Some((s, s.source.as_ref().filter(|src| src.document.as_ref() == Some(&d.id))?)))
            .collect();
        let found = places.find(d);
        let text = found.clone().and_then(|p| read(&p, places.reader).map_err(|e| e.to_string()));
        let mut covered = std::collections::BTreeSet::new();
        if let Ok(text) = &text {
            let finder = text.finder();
            for (s, src) in &quoting {
                match finder.place(&src.quote, src.at) {
                    Some(at) => {
                        covered.extend(Some(at.paragraph).filter(|&p| p > 0));
                        if let Some((written, _)) = crate::model::named_paragraph(&src.reference)
                            && written != at.paragraph
                        {
                            report.misnumbered.push((s.id.clone(), written, at.paragraph));
                        }
                    }
                    None => report.drifted.push((s.id.clone(), d.id.clone())),
                }
            }
        }
        let total = text.as_ref().map_or(0, Text::paragraph_count);
        report.documents.push(DocumentReport {
            id: d.id.clone(),
            file: found.and_then(|p| text.map(|_| p)),
            quotes: quoting.len(),
            coverage: (covered.len(), total),
        });
    }
    report
}

/// The sources of `map` with every quote that names a document located afresh in that document's
/// text (where it is found), the paragraph a written reference names renumbered to match: what
/// `argmap sources --relocate` writes. Returns how many changed.
pub fn relocate(map: &mut ArgumentMap, places: &Places<'_>) -> Result<usize, crate::model::ModelError> {
    let mut edits = Vec::new();
    for d in map.documents().to_vec() {
        let Ok((_, text)) = places.read(&d) else { continue };
        let text = text.finder();
        for s in map.statements() {
            let Some(src) = s.source.as_ref().filter(|src| src.document.as_ref() == Some(&d.id)) else {
                continue;
            };
            if let Some(at) = text.place(&src.quote, src.at) {
                let source = src.located(at);
                if &source != src {
                    edits.push(crate::edit::Edit::SetSource { id: s.id.clone(), source: Some(source) });
                }
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
            .blocks
            .iter()
            .map(|&(a, b)| t.text.chars().skip(a as usize).take((b - a) as usize).collect())
            .collect();
        assert_eq!(paragraphs[0], "A Title");
        assert_eq!(paragraphs[1], "First paragraph, \u{201c}quoted\u{201d} words\nrunning on.");
        assert_eq!(paragraphs[2], "  Second: it\u{2019}s here \u{2013} and there.");
        assert_eq!(Text::new("one.\r\n\r\ntwo.").blocks.len(), 2, "Windows line endings");
        assert_eq!(t.numbers, [0, 1, 2], "the title is not a paragraph a reader counts");
        assert_eq!(t.paragraph_count(), 2);
    }

    #[test]
    fn issue31_paragraphs_are_numbered_as_a_reader_counts_them() {
        for heading in [
            "What Does the Coup in Mali Mean for UN Peacekeepers in the Country?",
            "Monday market in Djenne and the Great Mosque of Djenn\u{e9}, Mali\n(Ferdinand Reus CC BY-SA 2.0)",
            "Read another great blog from CIPS",
            "## Methods.",
            "3. Results",
        ] {
            assert!(is_heading(heading), "{heading}");
        }
        for paragraph in [
            "The UN will have to decide whether close cooperation with Mali\u{2019}s new government is the best way.",
            "So, what next? Thus far, the CNSP seem willing.",
            "He said \u{201c}it must continue.\u{201d}",
            "Two questions remain:",
            "Is this the best way\nto build lasting peace?",
            &"a long run of words without an end ".repeat(5),
        ] {
            assert!(!is_heading(paragraph), "{paragraph}");
        }
        // The shipped article: its two title lines and the photo credit are not counted, so the
        // passage the map cites as paragraph 10 is the pane's tenth.
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seed/mali-coup-un-peacekeepers.txt");
        let text = read(&seed, &Reader::InProcess).unwrap();
        let at = text.locate("For its part, the UN will have to decide", None).unwrap();
        assert_eq!(at.paragraph, 10);
        assert_eq!(text.locate("On August 18th, officers", None).unwrap().paragraph, 1);
        assert_eq!(text.locate("What Does the Coup", None).unwrap().paragraph, 0, "in the title");
    }

    #[test]
    fn a_quote_is_found_exactly_or_with_plain_quotes_dashes_and_spaces() {
        let t = Text::new(ARTICLE);
        let exact = t.locate("Second: it\u{2019}s here", None).unwrap();
        assert_eq!(exact.paragraph, 2);
        assert!(t.holds("Second: it\u{2019}s here", exact));
        let plain = t.locate("\"quoted\" words running   on.", None).unwrap();
        assert_eq!(plain.paragraph, 1);
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
    fn a_quote_is_looked_for_after_its_old_place_then_before_it_even_across_it() {
        // "ab…" straddles the hint: it starts before it and ends after it.
        let t = Text::new("él abc, then él abd.");
        let first = t.locate("él ab", None).unwrap();
        assert_eq!((first.start, first.end), (0, 5));
        let next = t.locate("él ab", Some(1)).unwrap();
        assert_eq!(next.start, 13, "the one after the hint comes first");
        let straddling = t.locate("él abc", Some(2)).unwrap();
        assert_eq!((straddling.start, straddling.end), (0, 6));
        let earlier = t.locate("abc, then", Some(15)).unwrap();
        assert_eq!(earlier.start, 3);
        assert!(t.locate("abe", Some(4)).is_none());
    }

    #[test]
    fn only_the_file_name_of_a_document_is_looked_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        let doc = |file: &str| SourceDocument::in_file("d", "D".into(), file.into());
        let folders = [dir.path().to_path_buf()];
        assert_eq!(find(&doc("a.txt"), None, &folders, &[]), Ok(dir.path().join("a.txt")));
        assert_eq!(find(&doc("../../elsewhere/a.txt"), None, &folders, &[]), Ok(dir.path().join("a.txt")));
        assert!(find(&doc("b.txt"), None, &folders, &[]).is_err());
        assert!(matches!(
            read(&dir.path().join("a.docx"), &Reader::InProcess),
            Err(SourceError::Format { .. })
        ));
    }

    #[test]
    fn an_html_page_reads_as_its_paragraphs_without_markup() {
        let page = "<!doctype html><html><head><title>T</title><style>p{color:red}</style><script>var x = 1;</script></head>\
            <body><h1>A Title</h1><p>First paragraph, with <a href=\"https://example.org\">a link</a> and <em>stress</em>.</p>\
            <p>Second: it&rsquo;s here &ndash; and there.</p><ul><li>One item</li><li>Another</li></ul></body></html>";
        let t = html_text(page).unwrap();
        let paragraphs: Vec<String> = t
            .blocks
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
        assert_eq!(read(&dir.path().join("page.html"), &Reader::InProcess).unwrap(), t);
    }

    /// A one-page, two-column PDF as a typesetter writes one: each column's lines in reading
    /// order, 10 pt Helvetica on 13 pt lines, paragraphs 26 pt apart; the left column first.
    fn two_column_pdf(columns: [&[&[&[u8]]]; 2]) -> Vec<u8> {
        use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
        let (catalog, tree, page, font, content) =
            (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids([page]).count(1);
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content);
        p.resources().fonts().pair(Name(b"F1"), font);
        p.finish();
        pdf.type1_font(font).base_font(Name(b"Helvetica"));
        let mut c = Content::new();
        c.begin_text();
        c.set_font(Name(b"F1"), 10.0);
        for (column, x) in columns.iter().zip([56.0, 310.0]) {
            let mut y = 780.0;
            for paragraph in column.iter() {
                for line in paragraph.iter() {
                    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
                    c.show(Str(line));
                    y -= 13.0;
                }
                y -= 13.0;
            }
        }
        c.end_text();
        pdf.stream(content, &c.finish());
        pdf.finish()
    }

    #[test]
    fn a_two_column_pdf_reads_column_after_column_in_paragraphs() {
        // 0xAE is the fi ligature in the standard encoding of Helvetica.
        let left: &[&[&[u8]]] = &[
            &[b"The mission should keep its coop-", b"eration with the transitional", b"government."],
            &[b"Its mandate asks it to support the", b"state\xAEs authority in the centre"],
        ];
        // The second paragraph runs on at the top of the right column.
        let right: &[&[&[u8]]] = &[
            &[b"and the north."],
            &[b"Critics say this costs it the trust", b"of armed groups."],
            &[b"Page 2"],
        ];
        let t = pdf_text(&two_column_pdf([left, right])).unwrap();
        let paragraphs: Vec<String> = t
            .blocks
            .iter()
            .map(|&(a, b)| t.text.chars().skip(a as usize).take((b - a) as usize).collect())
            .collect();
        assert_eq!(
            paragraphs,
            [
                "The mission should keep its cooperation with the transitional government.",
                "Its mandate asks it to support the statefis authority in the centre and the north.",
                "Critics say this costs it the trust of armed groups.",
                "Page 2",
            ],
            "{}",
            t.text
        );
        let at = t.locate("support the statefis authority", None).unwrap();
        assert_eq!(at.paragraph, 2);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.pdf"), two_column_pdf([left, right])).unwrap();
        assert_eq!(read(&dir.path().join("report.pdf"), &Reader::InProcess).unwrap(), t);
    }

    #[test]
    fn a_file_that_is_not_a_readable_pdf_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.pdf");
        std::fs::write(&path, b"%PDF-1.4\nnothing else").unwrap();
        let err = read(&path, &Reader::InProcess).unwrap_err().to_string();
        assert!(err.starts_with(&path.display().to_string()) && err.contains("PDF"), "{err}");
        std::fs::write(&path, two_column_pdf([&[], &[]])).unwrap();
        let err = read(&path, &Reader::InProcess).unwrap_err().to_string();
        assert!(err.contains("no text"), "{err}");
    }
}
