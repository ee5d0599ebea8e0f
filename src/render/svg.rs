//! The SVG writer: one element per scene item, text kept as text (searchable, copyable).
//!
//! Text names egui's font (Ubuntu Light) and carries its laid-out width as `textLength`, so a
//! viewer without that font still keeps every line inside its box with the same line breaks.
//! Output is deterministic: numbers are written with fixed precision, items in scene order.

use super::Picture;
use crate::scene::{Item, Rgba};
use std::fmt::Write;

/// The font family every text element names.
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', sans-serif";

/// The picture as an SVG document.
pub fn write(picture: &Picture) -> String {
    let mut out = Vec::with_capacity(64 * picture.scene.items.len() + 512);
    // Writing to memory cannot fail, and every piece written is a `str`.
    let _ = write_to(picture, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the picture as an SVG document to `sink` in pieces of about 64 KiB, never holding the
/// whole document (a 100,000-statement map's is over 100 MB).
pub fn write_to(picture: &Picture, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    const PIECE: usize = 64 * 1024;
    let mut out = String::with_capacity(PIECE + 4096);
    head(&mut out, picture);
    for item in &picture.scene.items {
        item_svg(&mut out, item);
        if out.len() >= PIECE {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    out.push_str("</svg>\n");
    sink.write_all(out.as_bytes())
}

/// The `<svg>` element and the background.
fn head(out: &mut String, picture: &Picture) {
    let f = picture.frame;
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{} {} {} {}" font-family="{FONT_FAMILY}" font-weight="300">"#,
        num(f.w),
        num(f.h),
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

fn item_svg(out: &mut String, item: &Item) {
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
            writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs"{}>{}</text>"#,
                num(*x),
                num(*baseline),
                num(*size),
                num(*width),
                paint("fill", *color),
                escape(text)
            )
        }
        Item::Line { points, color, width, dashed } => {
            let dash = if *dashed { r#" stroke-dasharray="7 5""# } else { "" };
            writeln!(
                out,
                r#"<polyline points="{}" fill="none"{} stroke-width="{}" stroke-linejoin="round"{dash}/>"#,
                points_attr(points),
                paint("stroke", *color),
                num(*width)
            )
        }
        Item::Triangle { points, color } => {
            writeln!(out, r#"<polygon points="{}"{}/>"#, points_attr(points), paint("fill", *color))
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

fn points_attr(points: &[(f32, f32)]) -> String {
    let mut out = String::with_capacity(16 * points.len());
    for (i, &(x, y)) in points.iter().enumerate() {
        let _ = write!(out, "{}{},{}", if i == 0 { "" } else { " " }, num(x), num(y));
    }
    out
}

/// ` fill="#rrggbb"` (with an opacity if the colour is translucent).
fn paint(attr: &str, c: Rgba) -> String {
    let [r, g, b, a] = c.0;
    if a == 255 {
        format!(r##" {attr}="#{r:02x}{g:02x}{b:02x}""##)
    } else {
        format!(r##" {attr}="#{r:02x}{g:02x}{b:02x}" {attr}-opacity="{}""##, num(f32::from(a) / 255.0))
    }
}

/// Text as XML character data: markup characters as entities, control characters as spaces,
/// and the two non-characters XML forbids (U+FFFE, U+FFFF) as the replacement character.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
}
