//! egui's proportional font (Ubuntu Light) for the exporters: text shaped with harfrust, the
//! shaper egui itself uses (so ligatures and kerning come out as on the canvas), glyph outlines
//! from skrifa, and a subset of the font (skera) for the files that carry it (PDF, SVG).
//!
//! Must not touch: the scene's layout (lines arrive wrapped), files.

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider;
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{GlyphId, NameId, Tag};
use skrifa::{FontRef, MetadataProvider};

/// The font's bytes (egui's Ubuntu Light).
pub const BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The name files give the font.
pub const NAME: &str = "Ubuntu-Light";

/// One glyph of a shaped line: its id, where it starts (font units from the line's start), and
/// the text it stands for (a ligature stands for several characters; the further glyphs of one
/// character stand for none).
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Glyph id in the font.
    pub id: u16,
    /// Left edge, in font units from the line's start.
    pub x: f32,
    /// Advance, in font units.
    pub advance: f32,
    /// The byte range of the line's text it stands for (empty for a mark of the same cluster).
    pub text: std::ops::Range<usize>,
}

/// The font, ready to shape and outline.
pub struct Font<'a> {
    font: FontRef<'a>,
    shaper_data: harfrust::ShaperData,
    /// Each glyph's advance, by glyph id.
    advances: Vec<f32>,
    /// Font units per em.
    pub units_per_em: f32,
}

/// A shaper for the font: made once per export (making one costs more than shaping a line).
pub type Shaper<'a> = harfrust::Shaper<'a>;

impl Font<'static> {
    /// egui's font, or none if its bytes do not parse (they always do: they are built in).
    pub fn egui() -> Option<Self> {
        let font = FontRef::new(BYTES).ok()?;
        let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em);
        let shaper_data = harfrust::ShaperData::new(&font);
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let count = u32::from(font.maxp().map_or(0, |m| m.num_glyphs()));
        let advances = (0..count).map(|g| metrics.advance_width(GlyphId::new(g)).unwrap_or(0.0)).collect();
        Some(Self { font, shaper_data, advances, units_per_em })
    }
}

impl Font<'_> {
    /// A shaper for [`Font::shape`].
    pub fn shaper(&self) -> Shaper<'_> {
        self.shaper_data.shaper(&self.font).build()
    }

    /// Shapes one line of text with `shaper` (this font's).
    pub fn shape(&self, shaper: &Shaper<'_>, text: &str) -> Vec<Glyph> {
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let infos = shaped.glyph_infos();
        let ends = cluster_ends(infos.iter().map(|g| g.cluster), text.len());
        let mut x = 0.0;
        let mut out = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(shaped.glyph_positions()).enumerate() {
            let start = info.cluster as usize;
            let first = i == 0 || infos[i - 1].cluster != info.cluster;
            let end = ends.get(i).copied().unwrap_or(text.len());
            let range = if first { start..end.min(text.len()) } else { start..start };
            out.push(Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: x + pos.x_offset as f32,
                advance: pos.x_advance as f32,
                text: range,
            });
            x += pos.x_advance as f32;
        }
        out
    }

    /// Draws a glyph's outline (font units, y up) into `pen`; false if it has none.
    pub fn outline(&self, glyph: u16, pen: &mut impl OutlinePen) -> bool {
        let Some(outline) = self.font.outline_glyphs().get(GlyphId::new(u32::from(glyph))) else {
            return false;
        };
        outline.draw(DrawSettings::unhinted(Size::unscaled(), LocationRef::default()), pen).is_ok()
    }

    /// The glyph's advance in font units (its width in the font's own metrics).
    pub fn advance(&self, glyph: u16) -> f32 {
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0.0)
    }

    /// Ascender, descender (negative), cap height, in font units.
    pub fn vertical_metrics(&self) -> (f32, f32, f32) {
        let m = self.font.metrics(Size::unscaled(), LocationRef::default());
        (m.ascent, m.descent, m.cap_height.unwrap_or(m.ascent * 0.7))
    }

    /// The font's bounding box (x min, y min, x max, y max), in font units.
    pub fn bounds(&self) -> [f32; 4] {
        let m = self.font.metrics(Size::unscaled(), LocationRef::default());
        m.bounds
            .map_or([0.0, m.descent, self.units_per_em, m.ascent], |b| [b.x_min, b.y_min, b.x_max, b.y_max])
    }

    /// A subset of the font with `glyphs` and the characters of `chars`, glyph ids kept (the
    /// glyphs left out are empty), its `cmap` kept for the characters (so a browser can use it),
    /// without hinting.
    pub fn subset(&self, glyphs: &IntSet<u16>, chars: &IntSet<u32>) -> Result<Vec<u8>, String> {
        let gids: IntSet<GlyphId> = glyphs.iter().map(|g| GlyphId::new(u32::from(g))).collect();
        let mut names = IntSet::<NameId>::empty();
        names.insert_range(NameId::from(0)..=NameId::from(6));
        let mut languages = IntSet::<u16>::empty();
        languages.insert(0x0409);
        let mut scripts = IntSet::<Tag>::empty();
        scripts.invert();
        let features: IntSet<Tag> = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
        let flags = skera::SubsetFlags::SUBSET_FLAGS_RETAIN_GIDS
            | skera::SubsetFlags::SUBSET_FLAGS_NO_HINTING
            | skera::SubsetFlags::SUBSET_FLAGS_NOTDEF_OUTLINE;
        let drop: IntSet<Tag> = [Tag::new(b"DSIG"), Tag::new(b"kern")].into_iter().collect();
        let plan =
            skera::Plan::new(&gids, chars, &self.font, flags, &drop, &scripts, &features, &names, &languages);
        skera::subset_font(&self.font, &plan).map_err(|e| format!("cannot subset the font: {e}"))
    }
}

/// Shapes lines for a writer: word by word, each distinct word shaped once (a map repeats its
/// words), the words and the runs of spaces between them put side by side; a line with
/// right-to-left text is shaped whole (its words' order is the shaper's to decide).
pub struct Shaping<'f> {
    font: &'f Font<'static>,
    shaper: Shaper<'f>,
    /// Each distinct piece's number: its place in `shaped`.
    pieces: foldhash::HashMap<String, usize>,
    shaped: Vec<Vec<Glyph>>,
}

impl<'f> Shaping<'f> {
    /// A shaping for `font`.
    pub fn new(font: &'f Font<'static>) -> Self {
        Self { font, shaper: font.shaper(), pieces: foldhash::HashMap::default(), shaped: Vec::new() }
    }

    /// The glyphs of one line.
    pub fn line(&mut self, text: &str) -> Vec<Glyph> {
        let mut out = Vec::with_capacity(text.len());
        self.pieces(text, |start, x, (glyphs, _)| {
            out.extend(glyphs.iter().map(|g| Glyph {
                x: x + g.x,
                text: g.text.start + start..g.text.end + start,
                ..g.clone()
            }));
        });
        out
    }

    /// One line as its pieces (words and runs of spaces; a line with right-to-left text is one
    /// piece), each given to `each` in order: its byte offset in the line, its left edge (font
    /// units), and its glyphs placed from 0 with the piece's number (the same for the same
    /// piece, counted from 0 as pieces are first met). Nothing is allocated but a new piece's.
    pub fn pieces(&mut self, text: &str, mut each: impl FnMut(usize, f32, (&[Glyph], usize))) {
        let Self { font, shaper, pieces, shaped } = self;
        // Hebrew, Arabic and the scripts after them in Unicode's order may run right to left.
        let whole = text.chars().any(|c| ('\u{0590}'..='\u{08ff}').contains(&c) || c > '\u{FB1C}');
        let (mut start, mut x) = (0, 0.0);
        while start < text.len() {
            let rest = &text[start..];
            let space = rest.starts_with(' ');
            let len = if whole {
                rest.len()
            } else {
                rest.find(|c: char| (c == ' ') != space).unwrap_or(rest.len())
            };
            let piece = &rest[..len];
            let number = match pieces.get(piece) {
                Some(&n) => n,
                None => {
                    shaped.push(font.shape(shaper, piece));
                    pieces.insert(piece.to_owned(), shaped.len() - 1);
                    shaped.len() - 1
                }
            };
            let glyphs = shaped.get(number).map_or(&[][..], Vec::as_slice);
            each(start, x, (glyphs, number));
            x += glyphs.iter().map(|g| g.advance).sum::<f32>();
            start += len;
        }
    }
}

/// The glyphs and characters a set of lines uses, for [`Font::subset`].
#[derive(Default)]
pub struct Used {
    /// Glyph ids.
    pub glyphs: IntSet<u16>,
    /// Characters.
    pub chars: IntSet<u32>,
}

impl Used {
    /// Notes a shaped line.
    pub fn add(&mut self, text: &str, glyphs: &[Glyph]) {
        self.glyphs.insert(0);
        self.glyphs.extend(glyphs.iter().map(|g| g.id));
        self.chars.extend(text.chars().map(u32::from));
    }
}

/// Where each glyph's cluster ends: where the next glyph of a later cluster starts (clusters
/// rise left to right), else at `len`. One pass from the right with a stack of the clusters
/// still ahead: linear, even for one cluster of 100,000 combining marks.
fn cluster_ends(
    clusters: impl DoubleEndedIterator<Item = u32> + ExactSizeIterator,
    len: usize,
) -> Vec<usize> {
    let mut ends = vec![len; clusters.len()];
    let mut ahead: Vec<u32> = Vec::new();
    for (i, c) in clusters.enumerate().rev() {
        while ahead.last().is_some_and(|&a| a <= c) {
            ahead.pop();
        }
        if let Some(&a) = ahead.last() {
            ends[i] = a as usize;
        }
        ahead.push(c);
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition: the first later cluster that starts after this one, else the end.
    fn naive(clusters: &[u32], len: usize) -> Vec<usize> {
        (0..clusters.len())
            .map(|i| {
                clusters[i..].iter().map(|&c| c as usize).find(|&c| c > clusters[i] as usize).unwrap_or(len)
            })
            .collect()
    }

    proptest! {
        #[test]
        fn cluster_ends_are_where_the_next_later_cluster_starts(clusters in proptest::collection::vec(0u32..12, 0..40)) {
            prop_assert_eq!(cluster_ends(clusters.iter().copied(), 99), naive(&clusters, 99));
        }
    }

    #[test]
    fn a_cluster_of_combining_marks_is_one_piece_of_text() {
        let font = Font::egui().unwrap();
        let text = format!("xa{}y", "\u{301}".repeat(1000));
        let glyphs = font.shape(&font.shaper(), &text);
        let pieces: Vec<&str> =
            glyphs.iter().map(|g| &text[g.text.clone()]).filter(|t| !t.is_empty()).collect();
        assert_eq!(pieces, ["x", &text[1..text.len() - 1], "y"]);
    }
}
