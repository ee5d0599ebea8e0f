//! The PDF writer: the scene as vector drawing on one or more pages, with pdf-writer (the typst
//! project's low-level writer). Text is shaped with egui's font ([`super::font`]) and written
//! as glyphs of that font, embedded as a subset (a CID-keyed TrueType font), with a `ToUnicode`
//! map so a viewer can select, search and copy it.
//!
//! Output is deterministic: no dates, the subset's tag made from the glyphs it holds.

use super::font::{Font, Glyph, Shaping, Used};
use super::{ExportError, Picture};
use crate::scene::{Item, Rgba};
use pdf_writer::types::{CidFontType, FontFlags, LineJoinStyle, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::{BTreeMap, HashMap};

/// One page: a picture and how many points one map unit is on it.
pub struct Page<'a> {
    /// What the page shows (its frame is the whole page).
    pub picture: &'a Picture,
    /// Points (1/72 inch) per map unit.
    pub pt_per_unit: f32,
    /// Its entry in the document's outline (the bookmarks a viewer lists), for a document of
    /// several pages.
    pub title: Option<&'a str>,
}

/// The pages as a PDF document titled `title`.
pub fn write(pages: &[Page<'_>], title: &str) -> Result<Vec<u8>, ExportError> {
    let font = Font::egui().ok_or_else(|| ExportError::Render("egui's font cannot be read".into()))?;
    let mut text = Texts::default();
    let mut shaping = Shaping::new(&font);
    for page in pages {
        for item in &page.picture.scene.items {
            if let Item::Text { text: t, .. } = item {
                text.shape(&mut shaping, t);
            }
        }
    }
    let mut states = Alphas::default();
    let contents: Vec<Vec<u8>> = pages.iter().map(|p| page_content(p, &font, &text, &mut states)).collect();
    let mut refs = Refs(0);
    let (catalog, tree, font_ref) = (refs.next(), refs.next(), refs.next());
    let state_refs: Vec<(String, Ref, (f32, f32))> =
        states.names().into_iter().map(|(name, alphas)| (name, refs.next(), alphas)).collect();
    let mut pdf = Pdf::new();
    let outline =
        (pages.len() > 1).then(|| (refs.next(), pages.iter().map(|_| refs.next()).collect::<Vec<_>>()));
    let mut c = pdf.catalog(catalog);
    c.pages(tree);
    if let Some((o, _)) = &outline {
        c.outlines(*o);
    }
    c.finish();
    let mut kids = Vec::with_capacity(pages.len());
    for (page, content) in pages.iter().zip(&contents) {
        let (page_ref, content_ref) = (refs.next(), refs.next());
        kids.push(page_ref);
        let (w, h) = (page.picture.frame.w * page.pt_per_unit, page.picture.frame.h * page.pt_per_unit);
        let mut p = pdf.page(page_ref);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree).contents(content_ref);
        let mut resources = p.resources();
        resources.fonts().pair(Name(b"F1"), font_ref);
        let mut gs = resources.ext_g_states();
        for (name, r, _) in &state_refs {
            gs.pair(Name(name.as_bytes()), *r);
        }
        gs.finish();
        resources.finish();
        p.finish();
        pdf.stream(content_ref, &deflate(content)).filter(Filter::FlateDecode);
    }
    pdf.pages(tree).kids(kids.iter().copied()).count(kids.len() as i32);
    if let Some((o, items)) = &outline {
        bookmarks(&mut pdf, (*o, items), pages, &kids);
    }
    for (_, r, (fill, stroke)) in &state_refs {
        pdf.ext_graphics(*r).non_stroking_alpha(*fill).stroking_alpha(*stroke);
    }
    embed_font(&mut pdf, &mut refs, font_ref, &font, &text)?;
    let info = refs.next();
    pdf.document_info(info).title(TextStr(title)).creator(TextStr("argmap"));
    Ok(pdf.finish())
}

/// The outline: one entry a page, titled as the page is, each opening its page whole.
fn bookmarks(pdf: &mut Pdf, (outline, items): (Ref, &[Ref]), pages: &[Page<'_>], kids: &[Ref]) {
    let (Some(&first), Some(&last)) = (items.first(), items.last()) else { return };
    pdf.outline(outline).first(first).last(last).count(items.len() as i32);
    for (i, (&item, page)) in items.iter().zip(pages).enumerate() {
        let mut o = pdf.outline_item(item);
        o.title(TextStr(page.title.unwrap_or("Page"))).parent(outline);
        if i > 0 {
            o.prev(items[i - 1]);
        }
        if let Some(&next) = items.get(i + 1) {
            o.next(next);
        }
        o.dest().page(kids[i]).fit();
    }
}

/// Hands out object numbers.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Every line of text shaped once, and what the glyphs stand for.
#[derive(Default)]
struct Texts {
    lines: HashMap<String, Vec<Glyph>>,
    used: Used,
    /// For the `ToUnicode` map: the text each glyph first stood for.
    unicode: BTreeMap<u16, String>,
}

impl Texts {
    fn shape(&mut self, shaping: &mut Shaping<'_>, text: &str) {
        if self.lines.contains_key(text) {
            return;
        }
        let glyphs = shaping.line(text);
        self.used.add(text, &glyphs);
        for g in &glyphs {
            if let Some(s) = text.get(g.text.clone()).filter(|s| !s.is_empty()) {
                self.unicode.entry(g.id).or_insert_with(|| s.to_owned());
            }
        }
        self.lines.insert(text.to_owned(), glyphs);
    }
}

/// The graphics states for translucent colours, named `GS1`, `GS2`, ... by first use.
#[derive(Default)]
struct Alphas(Vec<(u8, u8)>);

impl Alphas {
    /// The state's name for a fill and a stroke opacity.
    fn name(&mut self, fill: u8, stroke: u8) -> String {
        let i = self.0.iter().position(|&a| a == (fill, stroke)).unwrap_or_else(|| {
            self.0.push((fill, stroke));
            self.0.len() - 1
        });
        format!("GS{}", i + 1)
    }

    fn names(&self) -> Vec<(String, (f32, f32))> {
        let f = |a: u8| f32::from(a) / 255.0;
        self.0.iter().enumerate().map(|(i, &(a, b))| (format!("GS{}", i + 1), (f(a), f(b)))).collect()
    }
}

/// The drawing of one page, in map units: the page's matrix flips y and scales.
fn page_content(page: &Page<'_>, font: &Font<'_>, texts: &Texts, states: &mut Alphas) -> Vec<u8> {
    let (f, s) = (page.picture.frame, page.pt_per_unit);
    let mut c = Content::new();
    c.transform([s, 0.0, 0.0, -s, -f.x * s, (f.y + f.h) * s]);
    if let Some(bg) = page.picture.background {
        set(&mut c, states, Some(bg), None);
        c.rect(f.x, f.y, f.w, f.h).fill_nonzero();
    }
    c.set_line_join(LineJoinStyle::RoundJoin);
    for item in &page.picture.scene.items {
        draw(&mut c, item, font, texts, states);
    }
    c.finish().to_vec()
}

fn draw(c: &mut Content, item: &Item, font: &Font<'_>, texts: &Texts, states: &mut Alphas) {
    match item {
        Item::Rect { rect, radius, fill, stroke, stroke_width } => {
            let h = stroke_width / 2.0;
            let (x, y, w, hh) = (rect.x + h, rect.y + h, rect.w - stroke_width, rect.h - stroke_width);
            if w <= 0.0 || hh <= 0.0 {
                return;
            }
            set(c, states, Some(*fill), Some(*stroke));
            c.set_line_width(*stroke_width);
            rounded_rect(c, x, y, w, hh, (radius - h).max(0.0));
            c.fill_nonzero_and_stroke();
        }
        Item::Text { x, baseline, text, size, color, .. } => {
            let Some(glyphs) = texts.lines.get(&**text) else { return };
            if text.trim().is_empty() {
                return;
            }
            set(c, states, Some(*color), None);
            show(c, font, glyphs, (*x, *baseline), *size);
        }
        Item::Line { points, color, width, dashed } => {
            let Some((first, rest)) = points.split_first() else { return };
            set(c, states, None, Some(*color));
            c.set_line_width(*width);
            if *dashed {
                c.set_dash_pattern([7.0, 5.0], 0.0);
            }
            c.move_to(first.0, first.1);
            for p in rest {
                c.line_to(p.0, p.1);
            }
            c.stroke();
            if *dashed {
                c.set_dash_pattern([], 0.0);
            }
        }
        Item::Triangle { points, color } => {
            set(c, states, Some(*color), None);
            c.move_to(points[0].0, points[0].1);
            c.line_to(points[1].0, points[1].1);
            c.line_to(points[2].0, points[2].1);
            c.close_path().fill_nonzero();
        }
        Item::Circle { center, radius, fill, stroke } => {
            set(c, states, Some(*fill), Some(*stroke));
            c.set_line_width(1.0);
            circle(c, *center, *radius);
            c.fill_nonzero_and_stroke();
        }
    }
}

/// Sets the fill and stroke colours (and their opacity through a graphics state).
fn set(c: &mut Content, states: &mut Alphas, fill: Option<Rgba>, stroke: Option<Rgba>) {
    let rgb = |v: Rgba| (f32::from(v.0[0]) / 255.0, f32::from(v.0[1]) / 255.0, f32::from(v.0[2]) / 255.0);
    if let Some(v) = fill {
        let (r, g, b) = rgb(v);
        c.set_fill_rgb(r, g, b);
    }
    if let Some(v) = stroke {
        let (r, g, b) = rgb(v);
        c.set_stroke_rgb(r, g, b);
    }
    let alpha = |v: Option<Rgba>| v.map_or(255, |v| v.0[3]);
    let name = states.name(alpha(fill), alpha(stroke));
    c.set_parameters(Name(name.as_bytes()));
}

/// One line of glyphs at `(x, baseline)`: shown as one `TJ` whose adjustments put each glyph
/// where the shaper put it (kerning), so the line is as wide as on the canvas.
fn show(c: &mut Content, font: &Font<'_>, glyphs: &[Glyph], (x, baseline): (f32, f32), size: f32) {
    let upem = font.units_per_em;
    c.begin_text();
    c.set_font(Name(b"F1"), size);
    // The page's matrix flips y; the text matrix flips it back.
    c.set_text_matrix([1.0, 0.0, 0.0, -1.0, x, baseline]);
    let mut bytes = Vec::with_capacity(2 * glyphs.len());
    let mut positioned = c.show_positioned();
    let mut items = positioned.items();
    let mut cursor = 0.0;
    for g in glyphs {
        let gap = g.x - cursor;
        if gap.abs() > 0.5 {
            if !bytes.is_empty() {
                items.show(Str(&bytes));
                bytes.clear();
            }
            items.adjust(-gap * 1000.0 / upem);
        }
        bytes.extend_from_slice(&g.id.to_be_bytes());
        cursor = g.x + font.advance(g.id);
    }
    if !bytes.is_empty() {
        items.show(Str(&bytes));
    }
    items.finish();
    positioned.finish();
    c.end_text();
}

/// The bezier handle length of a quarter circle of radius 1.
const KAPPA: f32 = 0.552_284_8;

fn rounded_rect(c: &mut Content, x: f32, y: f32, w: f32, h: f32, r: f32) {
    let r = r.min(w / 2.0).min(h / 2.0);
    let k = r * (1.0 - KAPPA);
    c.move_to(x + r, y);
    c.line_to(x + w - r, y);
    c.cubic_to(x + w - k, y, x + w, y + k, x + w, y + r);
    c.line_to(x + w, y + h - r);
    c.cubic_to(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
    c.line_to(x + r, y + h);
    c.cubic_to(x + k, y + h, x, y + h - k, x, y + h - r);
    c.line_to(x, y + r);
    c.cubic_to(x, y + k, x + k, y, x + r, y);
    c.close_path();
}

fn circle(c: &mut Content, (cx, cy): (f32, f32), r: f32) {
    let k = r * KAPPA;
    c.move_to(cx + r, cy);
    c.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    c.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    c.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    c.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    c.close_path();
}

/// Embeds the font as a Type 0 font over a CID-keyed TrueType subset (glyph ids kept, so a
/// glyph's id is its CID), with its widths and a `ToUnicode` map.
fn embed_font(
    pdf: &mut Pdf,
    refs: &mut Refs,
    type0: Ref,
    font: &Font<'_>,
    texts: &Texts,
) -> Result<(), ExportError> {
    let (cid, descriptor, cmap, file) = (refs.next(), refs.next(), refs.next(), refs.next());
    let subset = font.subset(&texts.used.glyphs, &texts.used.chars).map_err(ExportError::Render)?;
    let name = format!("{}+{}", subset_tag(&texts.used.glyphs.iter().collect::<Vec<_>>()), super::font::NAME);
    let name = Name(name.as_bytes());
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let per_mille = 1000.0 / font.units_per_em;
    let mut c = pdf.cid_font(cid);
    c.subtype(CidFontType::Type2).base_font(name).system_info(system).font_descriptor(descriptor);
    c.default_width(0.0).cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = c.widths();
    for g in texts.used.glyphs.iter() {
        widths.consecutive(g, [font.advance(g) * per_mille]);
    }
    widths.finish();
    c.finish();
    let (ascent, descent, cap) = font.vertical_metrics();
    let [x0, y0, x1, y1] = font.bounds().map(|v| v * per_mille);
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(x0, y0, x1, y1))
        .italic_angle(0.0)
        .ascent(ascent * per_mille)
        .descent(descent * per_mille)
        .cap_height(cap * per_mille)
        .stem_v(70.0)
        .font_file2(file);
    let mut unicode = UnicodeCmap::new(
        Name(b"Custom"),
        SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 },
    );
    for (g, s) in &texts.unicode {
        unicode.pair_with_multiple(*g, s.chars());
    }
    pdf.cmap(cmap, &unicode.finish());
    pdf.stream(file, &deflate(&subset))
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), subset.len() as i32);
    Ok(())
}

/// Six capital letters naming a subset, made from its glyphs (the same glyphs, the same tag).
fn subset_tag(glyphs: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in glyphs {
        for b in g.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
