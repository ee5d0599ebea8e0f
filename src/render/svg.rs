//! The SVG writer: one element per scene item. A line of text is drawn as the glyph outlines of
//! egui's font (Ubuntu Light, shaped as on the canvas), each glyph defined once and placed with
//! `<use>`, so every renderer (browsers, librsvg, Inkscape, resvg) draws it the same with no font
//! installed; and, unless `text_as_paths`, also kept as text, transparent over the outlines, in
//! that font embedded as a subset (`@font-face`), so it can be selected, searched and copied.
//!
//! Output is deterministic: numbers are written with fixed precision, items in scene order.

use super::Picture;
use super::font::{Font, Glyph, Used};
use crate::scene::{Item, Rgba};
use base64::Engine;
use foldhash::HashMap;
use skrifa::outline::OutlinePen;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The family name of the embedded font.
pub const EMBEDDED_FAMILY: &str = "argmap Ubuntu Light";

/// The font family every text element names: the embedded font first.
pub const FONT_FAMILY: &str = "'argmap Ubuntu Light', Ubuntu, sans-serif";

/// How to write the SVG.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Style {
    /// The page's size in points (width and height then say it in millimetres), or none for the
    /// picture's own size in pixels.
    pub size_pt: Option<(f32, f32)>,
    /// Outlines only: no text elements and no embedded font.
    pub text_as_paths: bool,
    /// Text only, drawn in the embedded font: no outlines (a web page, whose browser honours
    /// `@font-face`; a third of the size, and fewer elements to draw).
    pub text_only: bool,
}

/// The picture as an SVG document.
pub fn write(picture: &Picture, style: &Style) -> String {
    let mut out = Vec::with_capacity(64 * picture.scene.items.len() + 512);
    // Writing to memory cannot fail, and every piece written is a `str`.
    let _ = write_to(picture, &mut out, style);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the picture as an SVG document to `sink` in pieces of about 64 KiB, never holding the
/// whole document (a 100,000-statement map's is over 100 MB).
pub fn write_to(picture: &Picture, sink: &mut dyn std::io::Write, style: &Style) -> std::io::Result<()> {
    const PIECE: usize = 64 * 1024;
    let mut out = String::with_capacity(PIECE + 4096);
    let font = Font::egui().ok_or_else(|| std::io::Error::other("egui's font cannot be read"))?;
    let glyphs = Glyphs::of(picture, &font, style.text_only);
    head(&mut out, picture, style);
    defs(&mut out, &font, &glyphs, style).map_err(std::io::Error::other)?;
    for (i, item) in picture.scene.items.iter().enumerate() {
        item_svg(&mut out, item, (glyphs.line(i), &glyphs), style);
        if out.len() >= PIECE {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    out.push_str("</svg>\n");
    sink.write_all(out.as_bytes())
}

/// The picture in pieces, for a page whose script places them: the document with every item
/// but those of `parts` (and `tail` written last, before it ends), and the markup of each part.
/// Parts must not overlap.
pub fn split(
    picture: &Picture,
    style: &Style,
    parts: &[std::ops::Range<usize>],
    tail: &str,
) -> std::io::Result<(String, Vec<String>)> {
    let font = Font::egui().ok_or_else(|| std::io::Error::other("egui's font cannot be read"))?;
    let glyphs = Glyphs::of(picture, &font, style.text_only);
    let mut doc = String::new();
    head(&mut doc, picture, style);
    defs(&mut doc, &font, &glyphs, style).map_err(std::io::Error::other)?;
    let mut part_of: Vec<Option<usize>> = vec![None; picture.scene.items.len()];
    for (k, range) in parts.iter().enumerate() {
        for slot in part_of.get_mut(range.clone()).into_iter().flatten() {
            *slot = Some(k);
        }
    }
    let mut pieces = vec![String::new(); parts.len()];
    for (i, (item, part)) in picture.scene.items.iter().zip(part_of).enumerate() {
        let out = match part {
            Some(k) => &mut pieces[k],
            None => &mut doc,
        };
        item_svg(out, item, (glyphs.line(i), &glyphs), style);
    }
    doc.push_str(tail);
    doc.push_str("</svg>\n");
    Ok((doc, pieces))
}

/// Every line of text shaped once, as words: each distinct word is defined once (its glyphs'
/// outlines placed side by side) and a line places its words. Also the characters used.
///
/// Each text item's line is found by the item's place in the picture, not by its text: a large
/// map's hundreds of thousands of lines are neither copied nor looked up again when written.
struct Glyphs {
    /// Each item's line (an index into `lines`), `NO_LINE` for items that are not text.
    line_of: Vec<u32>,
    /// Each distinct line's words: where they start and end in `placed`.
    lines: Vec<(u32, u32)>,
    /// The lines' words one after another: the word's number and its left edge, in font units.
    placed: Vec<(u32, f32)>,
    /// Each word's glyphs that have an outline: the glyph and its left edge, in font units.
    words: Vec<Vec<(u16, f32)>>,
    /// Each glyph's outline.
    drawn: BTreeMap<u16, String>,
    used: Used,
    units_per_em: f32,
}

/// An item that has no line of text.
const NO_LINE: u32 = u32::MAX;

impl Glyphs {
    /// The lines of the picture's text; `text_only`: only the characters used (for the font's
    /// subset), no outlines.
    fn of(picture: &Picture, font: &Font<'static>, text_only: bool) -> Self {
        let items = &picture.scene.items;
        let mut out = Glyphs {
            line_of: Vec::with_capacity(items.len()),
            lines: Vec::new(),
            placed: Vec::new(),
            words: Vec::new(),
            drawn: BTreeMap::new(),
            used: Used::default(),
            units_per_em: font.units_per_em,
        };
        // Lines met before, by where their text is: a caption or a badge shared by many boxes
        // is shaped once, without reading (or hashing) every line's text to find the few that
        // repeat. Equal texts apart are shaped apart, to the same words.
        let mut seen: HashMap<*const u8, u32> = HashMap::default();
        // Each piece's word (none for spaces), by the piece's number; none yet if not met.
        let mut numbers: Vec<Option<Option<u32>>> = Vec::new();
        let mut tried: Vec<bool> = Vec::new();
        let mut shaping = super::font::Shaping::new(font);
        for item in items {
            let Item::Text { text, .. } = item else {
                out.line_of.push(NO_LINE);
                continue;
            };
            let next = u32::try_from(out.lines.len()).unwrap_or(NO_LINE);
            let line = *seen.entry(text.as_ptr()).or_insert(next);
            out.line_of.push(line);
            if line != next {
                continue;
            }
            let start = out.placed.len();
            shaping.pieces(text, |at, x, (glyphs, piece)| {
                if numbers.len() <= piece {
                    numbers.resize(piece + 1, None);
                }
                let number = match numbers[piece] {
                    Some(n) => n,
                    None => {
                        let text = &text[at..at + glyphs.iter().map(|g| g.text.end).max().unwrap_or(0)];
                        out.used.add(text, glyphs);
                        let n = if text_only { None } else { out.word(font, glyphs, &mut tried) };
                        numbers[piece] = Some(n);
                        n
                    }
                };
                out.placed.extend(number.map(|n| (n, x)));
            });
            out.lines.push((index(start), index(out.placed.len())));
        }
        out
    }

    /// The words of item `i`'s line: none if it is not text.
    fn line(&self, i: usize) -> &[(u32, f32)] {
        let Some(&(start, end)) = self.line_of.get(i).and_then(|&l| self.lines.get(l as usize)) else {
            return &[];
        };
        self.placed.get(start as usize..end as usize).unwrap_or(&[])
    }

    /// Defines a word from its glyphs (their outlines made on first use); none if nothing of it
    /// is drawn (spaces).
    fn word(&mut self, font: &Font<'_>, glyphs: &[Glyph], tried: &mut Vec<bool>) -> Option<u32> {
        let mut placed = Vec::with_capacity(glyphs.len());
        for g in glyphs {
            let i = usize::from(g.id);
            if tried.len() <= i {
                tried.resize(i + 1, false);
            }
            if !std::mem::replace(&mut tried[i], true) {
                let mut pen = PathData(String::new());
                if font.outline(g.id, &mut pen) && !pen.0.is_empty() {
                    self.drawn.insert(g.id, pen.0);
                }
            }
            if self.drawn.contains_key(&g.id) {
                placed.push((g.id, g.x));
            }
        }
        if placed.is_empty() {
            return None;
        }
        self.words.push(placed);
        u32::try_from(self.words.len() - 1).ok()
    }
}

/// A place in one of the writer's lists (never past `u32::MAX`: a picture has fewer items).
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// An outline as SVG path data, font units with y down.
struct PathData(String);

impl OutlinePen for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{} {}", num(x), num(-y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{} {}", num(x), num(-y));
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{} {} {} {}", num(cx0), num(-cy0), num(x), num(-y));
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let _ =
            write!(self.0, "C{} {} {} {} {} {}", num(cx0), num(-cy0), num(cx1), num(-cy1), num(x), num(-y));
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// The glyph outlines and, with text, the embedded subset font.
fn defs(out: &mut String, font: &Font<'_>, glyphs: &Glyphs, style: &Style) -> Result<(), String> {
    out.push_str("<defs>\n");
    if !style.text_as_paths && !glyphs.lines.is_empty() {
        let subset = font.subset(&glyphs.used.glyphs, &glyphs.used.chars)?;
        let data = base64::engine::general_purpose::STANDARD.encode(subset);
        let _ = writeln!(
            out,
            r#"<style>@font-face {{ font-family: "{EMBEDDED_FAMILY}"; src: url(data:font/ttf;base64,{data}) format("truetype"); }}</style>"#
        );
    }
    for (id, d) in &glyphs.drawn {
        let _ = writeln!(out, r#"<path id="g{id}" d="{d}"/>"#);
    }
    for (n, word) in glyphs.words.iter().enumerate() {
        let _ = write!(out, r#"<g id="w{n}">"#);
        for (id, x) in word {
            // In font units, whole: a thousandth of the font size is finer than any screen shows.
            let _ = write!(out, r##"<use xlink:href="#g{id}" x="{}"/>"##, x.round() as i32);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</defs>\n");
    Ok(())
}

/// The `<svg>` element and the background.
fn head(out: &mut String, picture: &Picture, style: &Style) {
    let f = picture.frame;
    let (w, h) = match style.size_pt {
        Some((w, h)) => (format!("{}mm", num(w / 72.0 * 25.4)), format!("{}mm", num(h / 72.0 * 25.4))),
        None => (num(f.w).to_string(), num(f.h).to_string()),
    };
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}" viewBox="{} {} {} {}" font-family="{FONT_FAMILY}" font-weight="300">"#,
        num(f.x),
        num(f.y),
        num(f.w),
        num(f.h),
    );
    if let Some(bg) = picture.background {
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{}/>"#,
            num(f.x),
            num(f.y),
            num(f.w),
            num(f.h),
            paint("fill", bg)
        );
    }
}

/// One item's element; `line`: a text item's words, as `glyphs` has them.
fn item_svg(out: &mut String, item: &Item, (line, glyphs): (&[(u32, f32)], &Glyphs), style: &Style) {
    let _ = match item {
        Item::Rect { rect, radius, fill, stroke, stroke_width } => {
            // egui strokes a rectangle inside its edge; SVG centres the stroke on the edge.
            let h = stroke_width / 2.0;
            writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"{}{} stroke-width="{}"/>"#,
                num(rect.x + h),
                num(rect.y + h),
                num(rect.w - stroke_width),
                num(rect.h - stroke_width),
                num((radius - h).max(0.0)),
                paint("fill", *fill),
                paint("stroke", *stroke),
                num(*stroke_width)
            )
        }
        Item::Text { x, baseline, width, text, size, color, .. } => {
            if text.trim().is_empty() {
                return;
            }
            if !style.text_only {
                outlines(out, (*x, *baseline), *size, *color, line, glyphs);
            }
            if style.text_as_paths {
                return;
            }
            let opacity = if style.text_only { "" } else { r#" fill-opacity="0""# };
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs" fill="{}"{opacity}>"#,
                num(*x),
                num(*baseline),
                num(*size),
                num(*width),
                hex(*color),
            );
            escape_into(out, text);
            out.push_str("</text>\n");
            Ok(())
        }
        Item::Line { points, color, width, dashed } => {
            let dash = if *dashed { r#" stroke-dasharray="7 5""# } else { "" };
            writeln!(
                out,
                r#"<polyline points="{}" fill="none"{} stroke-width="{}" stroke-linejoin="round"{dash}/>"#,
                Points(points),
                paint("stroke", *color),
                num(*width)
            )
        }
        Item::Triangle { points, color } => {
            writeln!(out, r#"<polygon points="{}"{}/>"#, Points(points), paint("fill", *color))
        }
        Item::Circle { center, radius, fill, stroke } => writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
            num(center.0),
            num(center.1),
            num(*radius),
            paint("fill", *fill),
            paint("stroke", *stroke)
        ),
    };
}

/// A line's words as `<use>`s of their definitions, in one group scaled to the font size.
fn outlines(
    out: &mut String,
    (x, baseline): (f32, f32),
    size: f32,
    color: Rgba,
    line: &[(u32, f32)],
    glyphs: &Glyphs,
) {
    let k = size / glyphs.units_per_em;
    let _ = write!(
        out,
        r#"<g transform="matrix({} 0 0 {} {} {})"{}>"#,
        Num4(k),
        Num4(k),
        num(x),
        num(baseline),
        paint("fill", color)
    );
    for (n, x) in line {
        let _ = write!(out, r##"<use xlink:href="#w{n}" x="{}"/>"##, x.round() as i32);
    }
    out.push_str("</g>\n");
}

/// A number with four decimals at most (a glyph's scale), written where it is formatted.
struct Num4(f32);

impl std::fmt::Display for Num4 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let units = (f64::from(v) * 10_000.0).round() as i64;
        let (sign, abs) = if units < 0 { ("-", units.unsigned_abs()) } else { ("", units as u64) };
        let (whole, mut frac, mut digits) = (abs / 10_000, abs % 10_000, 4);
        if frac == 0 {
            return write!(f, "{sign}{whole}");
        }
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        write!(f, "{sign}{whole}.{frac:0digits$}")
    }
}

/// A number with at most two decimals, without trailing zeros (`12`, `3.5`, `-0.25`), written
/// where it is formatted (no allocation: a large export writes millions); never `inf` or `NaN`,
/// which no SVG reader takes (the model bounds every position, so none comes).
#[derive(Clone, Copy)]
struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        // Hundredths, rounded as `{:.2}` rounds (ties to even; exact: an f32 times 100 fits an f64).
        let hundredths = (f64::from(v) * 100.0).round_ties_even() as i64;
        let (sign, abs) =
            if hundredths < 0 { ("-", hundredths.unsigned_abs()) } else { ("", hundredths as u64) };
        let (whole, frac) = (abs / 100, abs % 100);
        match frac {
            0 => write!(f, "{sign}{whole}"),
            _ if frac % 10 == 0 => write!(f, "{sign}{whole}.{}", frac / 10),
            _ => write!(f, "{sign}{whole}.{frac:02}"),
        }
    }
}

/// A number to write (see [`Num`]).
fn num(v: f32) -> Num {
    Num(v)
}

/// Points as an SVG `points` attribute (`x,y x,y`), written where it is formatted.
struct Points<'a>(&'a [(f32, f32)]);

impl std::fmt::Display for Points<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, &(x, y)) in self.0.iter().enumerate() {
            write!(f, "{}{},{}", if i == 0 { "" } else { " " }, num(x), num(y))?;
        }
        Ok(())
    }
}

/// `#rrggbb`, written where it is formatted.
struct Hex(Rgba);

impl std::fmt::Display for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b, _] = self.0.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

fn hex(c: Rgba) -> Hex {
    Hex(c)
}

/// ` fill="#rrggbb"` (with an opacity if the colour is translucent), written where it is
/// formatted.
struct Paint<'a>(&'a str, Rgba);

impl std::fmt::Display for Paint<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Paint(attr, c) = *self;
        match c.0[3] {
            255 => write!(f, r#" {attr}="{}""#, hex(c)),
            a => write!(f, r#" {attr}="{}" {attr}-opacity="{}""#, hex(c), num(f32::from(a) / 255.0)),
        }
    }
}

fn paint(attr: &str, c: Rgba) -> Paint<'_> {
    Paint(attr, c)
}

/// Text as XML character data: markup characters as entities, control characters as spaces,
/// and the two non-characters XML forbids (U+FFFE, U+FFFF) as the replacement character. Safe
/// in HTML too, as an element's text or an attribute in double quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], written onto the end of `out`.
fn escape_into(out: &mut String, s: &str) {
    out.reserve(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}
