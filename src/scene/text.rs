//! Text layout for boxes: wraps statement text with egui's own fonts (the very font bytes the
//! canvas draws with), once, in map units, so every renderer shows the same line breaks.

use egui::epaint::text::{Fonts, LayoutJob, TextOptions};
use egui::{Color32, FontDefinitions, FontFamily, FontId};
use foldhash::HashMap;
use std::sync::Arc;

/// Font size of a statement's text, in map units.
pub const TEXT_SIZE: f32 = 14.0;
/// Font size of the role caption at the top of a box.
pub const CAPTION_SIZE: f32 = 10.5;
/// Font size of the legend and the title line.
pub const SMALL_SIZE: f32 = 12.0;

/// From how many bytes of text [`Typesetter::wrap_all`] shares the work between cores (a
/// thousand statements of ordinary length; below, loading a second typesetter costs more than it
/// saves).
pub const PARALLEL_BYTES: usize = 128 * 1024;

/// Wrapped text: its lines and the height of one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Wrapped {
    /// The text that was wrapped (shared with the typesetter's cache).
    pub text: Arc<str>,
    /// The font size it was wrapped at.
    pub size: f32,
    /// The width it was wrapped at.
    pub max_width: f32,
    /// The lines, without trailing spaces.
    pub lines: Vec<Arc<str>>,
    /// The width of each line (without trailing spaces), in map units.
    pub widths: Vec<f32>,
    /// The height of one line, in map units.
    pub line_height: f32,
    /// The width of the widest line, in map units.
    pub width: f32,
}

/// Wraps and measures text with egui's default proportional font (Ubuntu Light), at one pixel
/// per point, caching by text and width.
pub struct Typesetter {
    fonts: Fonts,
    /// Wrapped texts by (size, width) and then by text, so a lookup borrows the text.
    cache: HashMap<(u32, u32), HashMap<Arc<str>, Arc<Wrapped>>>,
    cached: usize,
    asked: usize,
    /// Each word's glyphs by size, as egui shapes the word between spaces: a text of known
    /// words is wrapped by adding advances, exactly as egui would break it.
    words: HashMap<u32, HashMap<Box<str>, Word>>,
}

/// A word as egui shapes it between two spaces (kerning included).
struct Word {
    /// The advance of the space before it (kerned with its first letter).
    space_before: f32,
    /// Its characters and their advances, the last one's kerned with a space after it.
    glyphs: Box<[(char, f32)]>,
    /// The last character's advance at the end of the text (no space after it).
    last_alone: f32,
}

/// How many texts a [`Typesetter`] wraps with egui before it wraps by words.
const BY_WORDS_AFTER: usize = 100;

/// The most words [`Typesetter`] remembers the glyphs of (then it forgets them all).
const WORDS_KEPT: usize = 200_000;

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// Loads egui's default fonts (this takes a few milliseconds: create one and keep it).
    pub fn new() -> Self {
        Self {
            fonts: Fonts::new(TextOptions::default(), FontDefinitions::default()),
            cache: HashMap::default(),
            cached: 0,
            asked: 0,
            words: HashMap::default(),
        }
    }

    /// Wraps `text` at `size` to lines no wider than `width`.
    pub fn wrap(&mut self, text: &str, size: f32, width: f32) -> Arc<Wrapped> {
        self.asked += 1;
        let max_width = width;
        let key = (size.to_bits(), width.to_bits());
        if let Some(hit) = self.cache.get(&key).and_then(|texts| texts.get(text)) {
            return Arc::clone(hit);
        }
        let line_height =
            self.fonts.with_pixels_per_point(1.0).row_height(&FontId::new(size, FontFamily::Proportional));
        // By words once the texts are many enough for words to come again (a word is measured
        // twice, between spaces and at the end: a small map's texts go faster through egui).
        let rows = if self.asked > BY_WORDS_AFTER { self.by_words(text, size, width) } else { None };
        let (lines, widths) = match rows {
            Some(rows) => rows,
            None => self.by_egui(text, size, width),
        };
        let width = widths.iter().copied().fold(0.0, f32::max);
        let text: Arc<str> = Arc::from(text);
        let wrapped =
            Arc::new(Wrapped { text: Arc::clone(&text), size, max_width, lines, widths, line_height, width });
        self.remember(size, max_width, &wrapped);
        wrapped
    }

    /// Wraps with egui's own layout: its lines (without trailing spaces) and their widths.
    fn by_egui(&mut self, text: &str, size: f32, width: f32) -> (Vec<Arc<str>>, Vec<f32>) {
        let font = FontId::new(size, FontFamily::Proportional);
        let job = LayoutJob::simple(text.to_owned(), font, Color32::BLACK, width);
        // Uncached in epaint: the galley (with its glyph meshes) is dropped once read, so wrapping
        // a huge map keeps only the lines.
        let galley = self.fonts.layout_uncached(1.0, std::sync::Arc::new(job));
        let mut lines = Vec::with_capacity(galley.rows.len());
        let mut widths = Vec::with_capacity(galley.rows.len());
        for row in &galley.rows {
            let glyphs = &row.row.glyphs;
            let end = glyphs.iter().rposition(|g| !g.chr.is_whitespace()).map_or(0, |i| i + 1);
            lines.push(Arc::from(glyphs[..end].iter().map(|g| g.chr).collect::<String>()));
            widths.push(glyphs[..end].last().map_or(0.0, |g| g.pos.x + g.advance_width));
        }
        (lines, widths)
    }

    /// Wraps a text of plain words, one space between them, by the glyphs of each word as egui
    /// shapes it alone (measured once per word and size), replaying egui's own line breaking:
    /// each glyph placed at the pixel egui draws it at ([`pixel`]), a row broken after the last space
    /// before the first glyph that reaches past the width (and half a pixel). `None` for a text
    /// this cannot be sure of (other scripts, combining marks, other spaces, a row with no
    /// space to break at): egui wraps those itself.
    fn by_words(&mut self, text: &str, size: f32, width: f32) -> Option<(Vec<Arc<str>>, Vec<f32>)> {
        let plain = |c: char| {
            (c.is_ascii_graphic() || c == ' ' || ('\u{c0}'..='\u{24f}').contains(&c))
                && c != '\u{d7}'
                && c != '\u{f7}'
        };
        if text.is_empty() || !width.is_finite() || !text.chars().all(plain) || text.contains("  ") {
            return None;
        }
        if text.starts_with(' ') || text.ends_with(' ') {
            return None;
        }
        // This size's words, taken out while the paragraph is placed (measuring a new word needs
        // the fonts), and put back after.
        let key = size.to_bits();
        let mut known = std::mem::take(self.words.entry(key).or_default());
        let placed = self.place(text, size, &mut known);
        self.words.insert(key, known);
        let (glyphs, end) = placed?;
        break_rows(&glyphs, end, width + 0.5)
    }

    /// The paragraph's glyphs, each at the pixel egui draws it at with its advance, and where its
    /// cursor ends; new words are measured into `known`.
    #[allow(clippy::type_complexity)]
    fn place(
        &mut self,
        text: &str,
        size: f32,
        known: &mut HashMap<Box<str>, Word>,
    ) -> Option<(Vec<(char, f32, f32)>, f32)> {
        let mut glyphs: Vec<(char, f32, f32)> = Vec::with_capacity(text.len());
        let mut cursor = 0.0f32;
        let mut words = text.split(' ').peekable();
        let mut first = true;
        while let Some(word) = words.next() {
            if !known.contains_key(word) {
                let measured = self.measure(word, size)?;
                if known.len() >= WORDS_KEPT {
                    known.clear();
                }
                known.insert(word.into(), measured);
            }
            let w = known.get(word)?;
            if !first {
                glyphs.push((' ', pixel(cursor), w.space_before));
                cursor += w.space_before;
            }
            first = false;
            let last = words.peek().is_none();
            for (k, &(c, advance)) in w.glyphs.iter().enumerate() {
                let advance = if last && k + 1 == w.glyphs.len() { w.last_alone } else { advance };
                glyphs.push((c, pixel(cursor), advance));
                cursor += advance;
            }
        }
        Some((glyphs, cursor))
    }

    /// A word as egui shapes it between two spaces, and at the end of a text.
    fn measure(&mut self, word: &str, size: f32) -> Option<Word> {
        let between = self.glyphs(&format!(" {word} "), size)?;
        let at_end = self.glyphs(&format!(" {word}"), size)?;
        let n = word.chars().count();
        // A ligature or a mark (not one glyph of its own per character: egui places the rest of
        // a cluster differently) is left to egui.
        let own = |g: &[(char, f32)]| g.iter().all(|&(_, advance)| advance > 0.0);
        if between.len() != n + 2 || at_end.len() != n + 1 || n == 0 || !own(&between) || !own(&at_end) {
            return None;
        }
        Some(Word { space_before: between[0].1, glyphs: between[1..=n].into(), last_alone: at_end[n].1 })
    }

    /// The glyphs of one line of `text` as egui shapes it: each character and its advance.
    fn glyphs(&mut self, text: &str, size: f32) -> Option<Vec<(char, f32)>> {
        let font = FontId::new(size, FontFamily::Proportional);
        let job = LayoutJob::simple(text.to_owned(), font, Color32::BLACK, f32::INFINITY);
        let galley = self.fonts.layout_uncached(1.0, std::sync::Arc::new(job));
        let [row] = galley.rows.as_slice() else { return None };
        Some(row.row.glyphs.iter().map(|g| (g.chr, g.advance_width)).collect())
    }

    /// Caches a wrapped text (the cache is emptied when it holds 50,000).
    fn remember(&mut self, size: f32, width: f32, wrapped: &Arc<Wrapped>) {
        if self.cached > 50_000 {
            self.cache.clear();
            self.cached = 0;
        }
        self.cached += 1;
        let key = (size.to_bits(), width.to_bits());
        self.cache.entry(key).or_default().insert(Arc::clone(&wrapped.text), Arc::clone(wrapped));
    }

    /// Wraps each `(text, width)` at `size`, in order: the same as calling [`Typesetter::wrap`]
    /// on each, spread over the processor's cores when there are many (each other core wraps its
    /// share with a typesetter of its own, which costs a few milliseconds to load).
    /// Texts found in the cache are taken from it, and the others' results go into it.
    pub fn wrap_all(&mut self, texts: &[(&str, f32)], size: f32) -> Vec<Arc<Wrapped>> {
        let mut out: Vec<Option<Arc<Wrapped>>> = texts
            .iter()
            .map(|&(text, width)| {
                let hit = self.cache.get(&(size.to_bits(), width.to_bits())).and_then(|t| t.get(text));
                hit.cloned()
            })
            .collect();
        let misses: Vec<(&str, f32)> =
            texts.iter().zip(&out).filter(|(_, hit)| hit.is_none()).map(|(&t, _)| t).collect();
        self.asked += texts.len() - misses.len();
        let mut wrapped = self.wrap_uncached(&misses, size).into_iter();
        for slot in out.iter_mut().filter(|slot| slot.is_none()) {
            *slot = wrapped.next();
        }
        out.into_iter().flatten().collect()
    }

    /// Wraps texts that are not in the cache (in parallel when there is much text), then caches
    /// them.
    fn wrap_uncached(&mut self, texts: &[(&str, f32)], size: f32) -> Vec<Arc<Wrapped>> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        let bytes: usize = texts.iter().map(|(text, _)| text.len()).sum();
        if cores < 2 || texts.len() < 2 || bytes < PARALLEL_BYTES {
            return texts.iter().map(|&(text, width)| self.wrap(text, size, width)).collect();
        }
        // Shares of about equal length of text, in order.
        let mut shares: Vec<&[(&str, f32)]> = Vec::with_capacity(cores);
        let (mut start, mut sum) = (0, 0);
        for (i, (text, _)) in texts.iter().enumerate() {
            sum += text.len();
            if sum * cores >= bytes * (shares.len() + 1) && shares.len() + 1 < cores {
                shares.push(&texts[start..=i]);
                start = i + 1;
            }
        }
        shares.push(&texts[start..]);
        let Some((mine, others)) = shares.split_first() else { return Vec::new() };
        std::thread::scope(|scope| {
            let workers: Vec<_> = others
                .iter()
                .map(|&share| {
                    let work = move || {
                        let mut ts = Typesetter::new();
                        share.iter().map(|&(text, width)| ts.wrap(text, size, width)).collect::<Vec<_>>()
                    };
                    (share, scope.spawn(work))
                })
                .collect();
            let mut out: Vec<Arc<Wrapped>> =
                mine.iter().map(|&(text, width)| self.wrap(text, size, width)).collect();
            for (share, worker) in workers {
                match worker.join() {
                    Ok(wrapped) => {
                        for (w, &(_, width)) in wrapped.iter().zip(share) {
                            self.remember(size, width, w);
                        }
                        self.asked += wrapped.len();
                        out.extend(wrapped);
                    }
                    // A worker cannot fail short of a bug; should one, its share is wrapped here.
                    Err(_) => out.extend(share.iter().map(|&(text, width)| self.wrap(text, size, width))),
                }
            }
            out
        })
    }

    /// Wraps `text` with egui's own layout, never by words (what [`Typesetter::wrap`] must equal).
    #[doc(hidden)]
    pub fn wrap_by_egui(&mut self, text: &str, size: f32, width: f32) -> (Vec<Arc<str>>, Vec<f32>) {
        self.by_egui(text, size, width)
    }

    /// Wraps `text` by its words' glyphs, if it can be (what must equal egui's layout).
    #[doc(hidden)]
    pub fn wrap_by_words(&mut self, text: &str, size: f32, width: f32) -> Option<(Vec<Arc<str>>, Vec<f32>)> {
        self.by_words(text, size, width)
    }

    /// How many texts it was asked to wrap so far, from its cache or not (what a caller that
    /// reuses wrapped text avoids).
    pub fn asked(&self) -> usize {
        self.asked
    }

    /// The font's ascent (top of the line to the baseline) per unit of font size.
    pub fn ascent_ratio(&mut self) -> f32 {
        let size = 100.0;
        let job = LayoutJob::simple(
            "H".to_owned(),
            FontId::new(size, FontFamily::Proportional),
            Color32::BLACK,
            f32::INFINITY,
        );
        let galley = self.fonts.with_pixels_per_point(1.0).layout_job(job);
        galley.rows.first().and_then(|r| r.row.glyphs.first()).map_or(0.8, |g| g.pos.y / size)
    }

    /// The width of one line of text, unwrapped.
    pub fn width(&mut self, text: &str, size: f32) -> f32 {
        self.wrap(text, size, f32::INFINITY).width
    }
}

/// The pixel egui places a glyph at whose cursor is at `x` (epaint's subpixel binning, for
/// `x >= 0`: a quarter-pixel bin of the pixel below, or the next pixel from seven eighths on).
fn pixel(x: f32) -> f32 {
    let trunc = x as i32;
    let fract = x - trunc as f32;
    (if fract < 0.875 { trunc } else { trunc + 1 }) as f32
}

/// egui's line breaking (epaint's `line_break`) replayed over a paragraph's placed glyphs
/// (character, the pixel it is drawn at, advance) ending at cursor `end`, for a wrap width
/// `wrap`: one row if the cursor ends within `wrap`; else a row is broken after the last space
/// before the first glyph whose right edge reaches past `wrap` from the row's start. `None`
/// where egui would break elsewhere than at a space.
fn break_rows(glyphs: &[(char, f32, f32)], end: f32, wrap: f32) -> Option<(Vec<Arc<str>>, Vec<f32>)> {
    let (mut lines, mut widths) = (Vec::new(), Vec::new());
    let mut row = |from: usize, to: usize, start_x: f32| {
        let kept = &glyphs[from..to];
        let end = kept.iter().rposition(|g| g.0 != ' ').map_or(0, |i| i + 1);
        lines.push(Arc::from(kept[..end].iter().map(|g| g.0).collect::<String>()));
        widths.push(kept[..end].last().map_or(0.0, |g| g.1 - start_x + g.2));
    };
    let (mut start, mut start_x, mut space) = (0, 0.0, None);
    let fits = end <= wrap;
    for (i, &(c, x, advance)) in glyphs.iter().enumerate().filter(|_| !fits) {
        if wrap < x + advance - start_x {
            let s = space?;
            row(start, s + 1, start_x);
            start = s + 1;
            start_x = glyphs[start].1;
            space = None;
        }
        if c == ' ' {
            space = Some(i);
        }
    }
    if start < glyphs.len() {
        row(start, glyphs.len(), start_x);
    }
    Some((lines, widths))
}
