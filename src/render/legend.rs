//! What a picture says about itself: the map's question as a title above the map, a legend of
//! exactly what is drawn (the roles, arrows, badges, markers and frames that appear), and the
//! source's citation under it.
//!
//! Must not touch: the map's drawing (everything here is added around it).

use crate::layout::Rect;
use crate::model::{RelationKind, Role, Topology};
use crate::scene::{self, Badge, Item, Palette, Rgba, Scene, Typesetter, text};

/// The title's font size, in map units.
pub const TITLE_SIZE: f32 = 20.0;
/// Room between the title and the map, and between the map and the legend.
const GAP: f32 = 20.0;
/// The narrowest the title and legend are wrapped to.
const MIN_WIDTH: f32 = 420.0;
/// Room between two legend entries.
const ENTRY_GAP: f32 = 18.0;
/// Height of a legend row.
const ROW_H: f32 = 22.0;
/// The open-questions badge as the legend shows it.
const QUESTIONS_SAMPLE: &str = "?N";

/// What the legend can explain.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Key {
    Role(Role),
    Supports,
    Objects,
    Undercuts,
    Continued,
    Badge(Badge),
    Questions,
    Source,
    Group,
}

impl Key {
    fn label(self) -> &'static str {
        match self {
            Key::Role(Role::Claim) => "Claim",
            Key::Role(Role::Reason) => "Reason",
            Key::Role(Role::Objection) => "Objection",
            Key::Role(Role::Rebuttal) => "Rebuttal",
            Key::Supports => "supports",
            Key::Objects => "objects to",
            Key::Undercuts => "undercuts (objects to the step from a reason)",
            Key::Continued => "to a column's top: on to its statement in a column before",
            Key::Badge(Badge::In) => "stands",
            Key::Badge(Badge::Out) => "defeated: an objection to it stands unanswered",
            Key::Badge(Badge::Undecided) => "undecided",
            Key::Badge(Badge::Rejected) => "assumed rejected (what-if)",
            Key::Badge(Badge::Given) => "assumed given (what-if)",
            Key::Badge(Badge::Disabled) => "argument disabled by a standing undercut",
            Key::Badge(Badge::Doubted) => "argument disabled: you doubt a critical question of it (what-if)",
            Key::Questions => "critical questions of its argument still open (how many)",
            Key::Source => "has a source quote",
            Key::Group => "group",
        }
    }
}

/// The keys a scene needs, in reading order.
fn keys(scene: &Scene, topo: &Topology<'_>) -> Vec<Key> {
    let mut keys: Vec<Key> =
        Role::ALL.into_iter().filter(|r| scene.boxes.iter().any(|b| b.role == *r)).map(Key::Role).collect();
    let drawn = |r: usize| scene.arrows.get(r).is_some_and(|a| !a.is_empty());
    let rels = || (0..topo.relations.len()).filter(|&r| drawn(r)).map(|r| &topo.relations[r]);
    if rels().any(|r| r.kind == RelationKind::Support && r.undercuts.is_none()) {
        keys.push(Key::Supports);
    }
    if rels().any(|r| r.kind == RelationKind::Objection && r.undercuts.is_none()) {
        keys.push(Key::Objects);
    }
    if rels().any(|r| r.undercuts.is_some()) {
        keys.push(Key::Undercuts);
    }
    if scene.continued > 0 {
        keys.push(Key::Continued);
    }
    keys.extend(
        Badge::ALL.into_iter().filter(|b| scene.boxes.iter().any(|x| x.badge == Some(*b))).map(Key::Badge),
    );
    if scene.disabled > 0 {
        keys.push(Key::Badge(Badge::Disabled));
    }
    if scene.boxes.iter().any(|b| b.doubted) {
        keys.push(Key::Badge(Badge::Doubted));
    }
    if scene.boxes.iter().any(|b| b.open_questions > 0) {
        keys.push(Key::Questions);
    }
    if scene.boxes.iter().any(|b| b.has_source) {
        keys.push(Key::Source);
    }
    if !scene.frames.is_empty() {
        keys.push(Key::Group);
    }
    keys
}

/// The pieces to add.
pub struct Parts<'a> {
    /// The title above the map (the map's question).
    pub title: Option<&'a str>,
    /// The legend under it.
    pub legend: bool,
    /// The source's citation under the legend.
    pub citation: bool,
}

/// Adds the parts to the scene: each block (the title; the legend with the citation) in an empty
/// corner of the map where one is large enough (the title at the top, the legend at the bottom),
/// else above or below the map. Returns the bounds of everything.
pub fn decorate(
    scene: &mut Scene,
    content: Rect,
    topo: &Topology<'_>,
    ts: &mut Typesetter,
    palette: &Palette,
    parts: &Parts<'_>,
) -> Rect {
    let map = topo.map;
    let ascent = ts.ascent_ratio();
    let keys = if parts.legend { keys(scene, topo) } else { Vec::new() };
    let citation =
        map.source.as_ref().filter(|_| parts.citation).map(|s| format!("Source: {}", s.citation()));
    let title_block = |ts: &mut Typesetter, width: f32| {
        let mut items = Vec::new();
        if let Some(title) = parts.title {
            // Wrapped at the body's size and scaled: a new font size would make egui rasterise
            // the font again, which costs more than the rest of the picture's text.
            let k = TITLE_SIZE / text::TEXT_SIZE;
            let wrapped = ts.wrap(title, text::TEXT_SIZE, width / k);
            let mut y = 0.0;
            for (line, w) in wrapped.lines.iter().zip(&wrapped.widths) {
                items.push(Item::Text {
                    x: 0.0,
                    y,
                    baseline: y + ascent * TITLE_SIZE,
                    width: w * k,
                    text: line.clone(),
                    size: TITLE_SIZE,
                    color: palette.text,
                });
                y += wrapped.line_height * k;
            }
        }
        items
    };
    let foot_block = |ts: &mut Typesetter, width: f32| {
        let mut items = Vec::new();
        let y = legend(&mut items, &keys, (0.0, 0.0), width, ts, palette, ascent);
        if let Some(text) = &citation {
            let wrapped = ts.wrap(text, text::SMALL_SIZE, width);
            lines(
                &mut items,
                &wrapped.lines,
                (0.0, y + 4.0),
                text::SMALL_SIZE,
                wrapped.line_height,
                ascent,
                palette.weak_text,
                ts,
            );
        }
        items
    };
    if parts.title.is_none() && keys.is_empty() && citation.is_none() {
        return content; // bare: nothing to place
    }
    let mut all = content;
    let occupied: Vec<Rect> = scene.items.iter().filter_map(super::item_bounds).collect();
    for top in [true, false] {
        let block = |ts: &mut Typesetter, w: f32| if top { title_block(ts, w) } else { foot_block(ts, w) };
        let spot = [0.5, 0.42, 0.34].into_iter().find_map(|share| {
            let width = (content.w * share).max(MIN_WIDTH);
            let items = block(ts, width);
            let size = extent(&items)?;
            Some((corner(&occupied, content, size, top)?, items))
        });
        let (at, items) = match spot {
            Some(found) => found,
            None => {
                let items = block(ts, content.w.max(MIN_WIDTH));
                let Some((w, h)) = extent(&items) else { continue };
                let y = if top { all.y - GAP - h } else { all.bottom() + GAP };
                (Rect { x: content.x, y, w, h }, items)
            }
        };
        all = all.union(&at);
        scene.items.extend(items.into_iter().map(|i| shifted(i, at.x, at.y)));
    }
    all
}

/// Room kept between a block placed in the map and anything drawn.
const CLEAR: f32 = 16.0;

/// The top (or bottom) corner of `content`, right then left, where a block of `size` touches
/// nothing drawn.
fn corner(occupied: &[Rect], content: Rect, (w, h): (f32, f32), top: bool) -> Option<Rect> {
    if w + 2.0 * CLEAR > content.w / 2.0 + CLEAR || h + 2.0 * CLEAR > content.h / 3.0 {
        return None;
    }
    let y = if top { content.y } else { content.bottom() - h };
    [content.right() - w, content.x].into_iter().map(|x| Rect { x, y, w, h }).find(|r| {
        let padded = Rect { x: r.x - CLEAR, y: r.y - CLEAR, w: r.w + 2.0 * CLEAR, h: r.h + 2.0 * CLEAR };
        !occupied.iter().any(|o| o.touches(&padded))
    })
}

/// The width and height of items drawn from the origin.
fn extent(items: &[Item]) -> Option<(f32, f32)> {
    let b = items.iter().filter_map(super::item_bounds).reduce(|a, b| a.union(&b))?;
    Some((b.right(), b.bottom()))
}

/// An item moved by `(dx, dy)`.
fn shifted(mut item: Item, dx: f32, dy: f32) -> Item {
    match &mut item {
        Item::Rect { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
        Item::Text { x, y, baseline, .. } => {
            *x += dx;
            *y += dy;
            *baseline += dy;
        }
        Item::Line { points, .. } => points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy)),
        Item::Triangle { points, .. } => points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy)),
        Item::Circle { center, .. } => *center = (center.0 + dx, center.1 + dy),
    }
    item
}

/// Writes wrapped lines from `(x, y)`.
#[allow(clippy::too_many_arguments)]
fn lines(
    items: &mut Vec<Item>,
    lines: &[std::sync::Arc<str>],
    (x, mut y): (f32, f32),
    size: f32,
    line_height: f32,
    ascent: f32,
    color: Rgba,
    ts: &mut Typesetter,
) {
    for line in lines {
        let width = ts.width(line, size);
        items.push(Item::Text { x, y, baseline: y + ascent * size, width, text: line.clone(), size, color });
        y += line_height;
    }
}

/// Draws the legend's entries in rows from `(x, y)`, each row at most `width` wide; returns the
/// bottom.
fn legend(
    items: &mut Vec<Item>,
    keys: &[Key],
    (x, y): (f32, f32),
    width: f32,
    ts: &mut Typesetter,
    palette: &Palette,
    ascent: f32,
) -> f32 {
    if keys.is_empty() {
        return y - 4.0;
    }
    let size = text::SMALL_SIZE;
    let (mut cx, mut row) = (x, y);
    for &key in keys {
        let label_w = ts.width(key.label(), size);
        let sample_w = sample_width(key, ts);
        if cx > x && cx + sample_w + 6.0 + label_w > x + width {
            cx = x;
            row += ROW_H;
        }
        sample(items, key, (cx, row), ts, palette, ascent);
        cx += sample_w + 6.0;
        let top = row + 3.0;
        items.push(Item::Text {
            x: cx,
            y: top,
            baseline: top + ascent * size,
            width: label_w,
            text: key.label().into(),
            size,
            color: palette.weak_text,
        });
        cx += label_w + ENTRY_GAP;
    }
    row + ROW_H
}

fn sample_width(key: Key, ts: &mut Typesetter) -> f32 {
    match key {
        Key::Role(_) | Key::Group => 22.0,
        Key::Supports | Key::Objects | Key::Undercuts => 26.0,
        Key::Continued => 12.0,
        Key::Badge(b) => ts.width(b.text(), text::CAPTION_SIZE) + 8.0,
        Key::Questions => ts.width(QUESTIONS_SAMPLE, text::CAPTION_SIZE) + 8.0,
        Key::Source => 10.0,
    }
}

/// The small picture of a key, its row's top at `y`.
fn sample(
    items: &mut Vec<Item>,
    key: Key,
    (x, y): (f32, f32),
    ts: &mut Typesetter,
    palette: &Palette,
    ascent: f32,
) {
    let mid = y + 10.0;
    let stroke = |[a, b]: [(f32, f32); 2], dashed| Item::Line {
        points: smallvec::smallvec![a, b],
        color: palette.weak_text,
        width: 2.0,
        dashed,
    };
    let head = |points| Item::Triangle { points, color: palette.weak_text };
    let line = |dashed| stroke([(x, mid), (x + 26.0, mid)], dashed);
    match key {
        Key::Role(role) => {
            let c = palette.role(role);
            let rect = Rect { x, y: y + 4.0, w: 22.0, h: 13.0 };
            items.push(Item::Rect { rect, radius: 3.0, fill: c.fill, stroke: c.stroke, stroke_width: 1.5 });
        }
        Key::Group => {
            let rect = Rect { x, y: y + 4.0, w: 22.0, h: 13.0 };
            let (fill, stroke) = scene::frames::colors(palette, 0);
            items.push(Item::Rect { rect, radius: 4.0, fill, stroke, stroke_width: 1.0 });
        }
        Key::Supports => items.push(line(false)),
        Key::Objects => items.push(line(true)),
        Key::Undercuts => {
            // A dashed line into the middle of a solid one.
            items.push(stroke([(x, y + 17.0), (x + 26.0, y + 17.0)], false));
            items.push(stroke([(x + 13.0, y + 2.0), (x + 13.0, y + 13.0)], true));
            items.push(head([(x + 9.0, y + 11.0), (x + 17.0, y + 11.0), (x + 13.0, y + 16.0)]));
        }
        Key::Continued => {
            // An arrow going up, to nothing.
            items.push(stroke([(x + 6.0, y + 19.0), (x + 6.0, y + 8.0)], false));
            items.push(head([(x + 6.0, y + 1.0), (x + 2.0, y + 8.0), (x + 10.0, y + 8.0)]));
        }
        Key::Badge(b) => {
            let w = ts.width(b.text(), text::CAPTION_SIZE);
            scene::badge_items(items, b, w, (x, y + 3.0), palette, ascent);
        }
        Key::Questions => {
            let w = ts.width(QUESTIONS_SAMPLE, text::CAPTION_SIZE);
            let ink = (palette.background, palette.text);
            scene::chip_items(items, (QUESTIONS_SAMPLE.into(), w), (x, y + 3.0), ink, palette, ascent);
        }
        Key::Source => items.push(Item::Circle {
            center: (x + 5.0, mid),
            radius: 4.5,
            fill: palette.weak_text,
            stroke: palette.weak_text,
        }),
    }
}
