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
}

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
        let job = LayoutJob::simple(
            text.to_owned(),
            FontId::new(size, FontFamily::Proportional),
            Color32::BLACK,
            width,
        );
        let line_height =
            self.fonts.with_pixels_per_point(1.0).row_height(&FontId::new(size, FontFamily::Proportional));
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
        let width = widths.iter().copied().fold(0.0, f32::max);
        let text: Arc<str> = Arc::from(text);
        let wrapped =
            Arc::new(Wrapped { text: Arc::clone(&text), size, max_width, lines, widths, line_height, width });
        self.remember(size, max_width, &wrapped);
        wrapped
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
