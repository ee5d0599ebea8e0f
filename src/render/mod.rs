//! Exporting pictures of a map: the same scene the canvas paints, framed (whole map, one branch,
//! or a view), with a legend and a citation line, written as SVG ([`svg`]) or PNG ([`png`]).
//!
//! Must not touch: egui's UI, files (callers write the bytes, through `io::write_atomic`).

pub mod png;
pub mod svg;

use crate::layout::{self, LayoutInput, Rect};
use crate::model::{ArgumentMap, Arrangement, Role, StatementId, Topology};
use crate::scene::{self, Item, Palette, Rgba, Scene, Typesetter, text};
use std::collections::HashSet;

/// The largest PNG side argmap writes, in pixels.
pub const MAX_PNG_SIDE: u32 = 16_384;

/// Which part of the map to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Region {
    /// Every statement.
    #[default]
    Whole,
    /// A statement and everything below it in the layout.
    Branch(StatementId),
    /// What a window shows: this rectangle of the map.
    View(Rect),
}

/// How to export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per map unit (PNG only): 1, 2 or 4 for print.
    pub scale: f32,
    /// Dark theme instead of light.
    pub dark: bool,
    /// No background (PNG with alpha, SVG without its background rectangle).
    pub transparent: bool,
    /// Space around the map, in map units.
    pub margin: f32,
    /// Which part of the map.
    pub region: Region,
    /// Draw the legend under the map.
    pub legend: bool,
    /// Write the map's title and its source's citation under the map.
    pub citation: bool,
    /// Show the evaluation: each box's label (or what-if mark) as a badge, `out` boxes faded.
    pub eval: bool,
    /// How to arrange the map (none: as the map says).
    pub arrangement: Option<Arrangement>,
    /// The width of the frame the picture is for divided by its height: an automatic arrangement
    /// is the one that fits it best (16:9, a slide, unless told otherwise).
    pub aspect: f32,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 1.0,
            dark: false,
            transparent: false,
            margin: 24.0,
            region: Region::Whole,
            legend: true,
            eval: false,
            citation: true,
            arrangement: None,
            aspect: 16.0 / 9.0,
        }
    }
}

/// Why a picture could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// `--branch` names no statement.
    #[error("unknown statement id \"{0}\"")]
    UnknownStatement(StatementId),
    /// The PNG would be larger than [`MAX_PNG_SIDE`].
    #[error(
        "the PNG would be {width} x {height} pixels, more than the {MAX_PNG_SIDE} a side argmap writes; \
         --scale {fit} fits, or export SVG (always complete)"
    )]
    TooLarge {
        /// Width it would have.
        width: u64,
        /// Height it would have.
        height: u64,
        /// The largest scale that fits, rounded down to two decimals.
        fit: String,
    },
    /// The scale is not a positive number.
    #[error("the scale must be a number above 0, not {0}")]
    BadScale(f32),
    /// The rasteriser failed.
    #[error("cannot render the picture: {0}")]
    Render(String),
}

/// A scene ready to write: the drawing, the rectangle of the map it shows, and its background.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The drawing, in map coordinates.
    pub scene: Scene,
    /// The rectangle of the map the picture shows (margin included).
    pub frame: Rect,
    /// The background colour, or none for transparent.
    pub background: Option<Rgba>,
}

/// Lays out and draws the map for export. `collapsed` hides branches as the canvas does.
pub fn picture(
    map: &ArgumentMap,
    ts: &mut Typesetter,
    options: &ExportOptions,
    collapsed: &HashSet<StatementId>,
) -> Result<Picture, ExportError> {
    let palette = Palette::of(options.dark);
    let topo = Topology::new(map);
    let prepared = scene::prepare(&topo, ts);
    let tag_widths = scene::tag_widths(&topo, &prepared);
    let arrangement = options.arrangement.unwrap_or(map.arrangement);
    let input = LayoutInput::new(&topo, &prepared.sizes, collapsed).with_tags(&tag_widths);
    let layout = layout::layout(&input.arranged(arrangement, options.aspect));
    let shown: Option<HashSet<StatementId>> = match &options.region {
        Region::Whole | Region::View(_) => None,
        Region::Branch(id) => {
            let start = layout.find(map, id).ok_or_else(|| ExportError::UnknownStatement(id.clone()))?;
            let mut set = HashSet::new();
            let mut stack = vec![start];
            while let Some(i) = stack.pop() {
                set.extend(layout.id(map, i).cloned());
                stack.extend(layout.children(i));
            }
            Some(set)
        }
    };
    let evaluation = options.eval.then(|| crate::eval::Evaluation::of(map, &topo));
    let mut scene = scene::build(&topo, &layout, &prepared, &palette, shown.as_ref(), evaluation.as_ref());
    scene.expand_boxes(&prepared, &palette);
    let content = match &options.region {
        Region::View(view) => Some(*view),
        _ => scene.bounds,
    };
    let content = content.unwrap_or(Rect { x: 0.0, y: 0.0, w: 320.0, h: 40.0 });
    let m = options.margin.max(0.0);
    let mut frame =
        Rect { x: content.x - m, y: content.y - m, w: content.w + 2.0 * m, h: content.h + 2.0 * m };
    if let Region::View(view) = &options.region {
        scene.items.retain(|item| item_bounds(item).is_none_or(|b| b.touches(view)));
    }
    let top = frame.bottom();
    let left = frame.x + m;
    let width = (frame.w - 2.0 * m).max(200.0);
    let (mut y, mut cite_x) = (top, left);
    if options.legend {
        let (bottom, right) = legend(&mut scene.items, ts, &palette, left, top, prepared.ascent_ratio);
        // The citation beside the legend where the picture is wide enough, else below it.
        if right + CITATION_GAP + MIN_CITATION_W <= left + width {
            cite_x = right + CITATION_GAP;
        } else {
            y = bottom;
        }
        if options.citation {
            y = y.max(citation_at(
                &mut scene.items,
                ts,
                &palette,
                map,
                (cite_x, if cite_x > left { top } else { y }),
                left + width - cite_x,
                prepared.ascent_ratio,
            ));
        }
        y = y.max(bottom);
    } else if options.citation {
        y = citation_at(&mut scene.items, ts, &palette, map, (left, top), width, prepared.ascent_ratio);
    }
    if y > frame.bottom() {
        frame.h = y + m - frame.y;
    }
    Ok(Picture { scene, frame, background: (!options.transparent).then_some(palette.background) })
}

/// The room between the legend and the citation beside it.
const CITATION_GAP: f32 = 40.0;
/// The narrowest the citation is written beside the legend.
const MIN_CITATION_W: f32 = 420.0;

/// Draws the legend as one row starting at (`x`, `y`); returns the bottom and the right of what
/// it drew.
fn legend(
    items: &mut Vec<Item>,
    ts: &mut Typesetter,
    palette: &Palette,
    x: f32,
    y: f32,
    ascent: f32,
) -> (f32, f32) {
    let size = text::SMALL_SIZE;
    let row = y + 4.0;
    let mid = row + 8.0;
    let mut cx = x;
    let mut label = |items: &mut Vec<Item>, cx: &mut f32, s: &str| {
        let width = ts.width(s, size);
        items.push(Item::Text {
            x: *cx,
            y: row,
            baseline: row + ascent * size,
            width,
            text: s.into(),
            size,
            color: palette.weak_text,
        });
        *cx += width + 18.0;
    };
    for role in Role::ALL {
        let c = palette.role(role);
        items.push(Item::Rect {
            rect: Rect { x: cx, y: row + 1.0, w: 22.0, h: 13.0 },
            radius: 3.0,
            fill: c.fill,
            stroke: c.stroke,
            stroke_width: 1.5,
        });
        cx += 28.0;
        let name = match role {
            Role::Claim => "Claim",
            Role::Reason => "Reason",
            Role::Objection => "Objection",
            Role::Rebuttal => "Rebuttal",
        };
        label(items, &mut cx, name);
    }
    for (dashed, name) in [(false, "supports"), (true, "objects to (into an arrow: undercuts)")] {
        items.push(Item::Line {
            points: smallvec::smallvec![(cx, mid), (cx + 26.0, mid)],
            color: palette.weak_text,
            width: 2.0,
            dashed,
        });
        cx += 32.0;
        label(items, &mut cx, name);
    }
    items.push(Item::Circle {
        center: (cx + 5.0, mid),
        radius: 4.5,
        fill: palette.weak_text,
        stroke: palette.weak_text,
    });
    cx += 16.0;
    label(items, &mut cx, "has a source quote");
    (row + 20.0, cx - 18.0)
}

/// Writes the map's title and its source's citation from `(x, y)`, wrapped to `width`; returns
/// the bottom.
fn citation_at(
    items: &mut Vec<Item>,
    ts: &mut Typesetter,
    palette: &Palette,
    map: &ArgumentMap,
    (x, y): (f32, f32),
    width: f32,
    ascent: f32,
) -> f32 {
    let mut y = y + 6.0;
    let mut block = |items: &mut Vec<Item>, y: &mut f32, s: &str, size: f32, color: Rgba| {
        let wrapped = ts.wrap(s, size, width);
        for line in &wrapped.lines {
            let w = ts.width(line, size);
            items.push(Item::Text {
                x,
                y: *y,
                baseline: *y + ascent * size,
                width: w,
                text: line.clone(),
                size,
                color,
            });
            *y += wrapped.line_height;
        }
    };
    if !map.title.trim().is_empty() {
        block(items, &mut y, map.title.trim(), text::TEXT_SIZE, palette.text);
    }
    if let Some(source) = &map.source {
        block(items, &mut y, &format!("Source: {}", source.citation()), text::SMALL_SIZE, palette.weak_text);
    }
    y
}

/// The bounds of an item, if it has any extent.
pub fn item_bounds(item: &Item) -> Option<Rect> {
    let from_points = |pts: &mut dyn Iterator<Item = (f32, f32)>| {
        pts.fold(None::<Rect>, |acc, (x, y)| {
            let r = Rect { x, y, w: 0.0, h: 0.0 };
            Some(acc.map_or(r, |a| a.union(&r)))
        })
    };
    match item {
        Item::Rect { rect, .. } => Some(*rect),
        Item::Text { x, y, width, size, .. } => Some(Rect { x: *x, y: *y, w: *width, h: *size * 1.3 }),
        Item::Line { points, .. } => from_points(&mut points.iter().copied()),
        Item::Triangle { points, .. } => from_points(&mut points.iter().copied()),
        Item::Circle { center, radius, .. } => {
            Some(Rect { x: center.0 - radius, y: center.1 - radius, w: 2.0 * radius, h: 2.0 * radius })
        }
    }
}

/// The pixel size of a PNG of `frame` at `scale`, or why it cannot be made.
pub fn png_size(frame: &Rect, scale: f32) -> Result<(u32, u32), ExportError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(ExportError::BadScale(scale));
    }
    let width = (frame.w * scale).ceil().max(1.0) as u64;
    let height = (frame.h * scale).ceil().max(1.0) as u64;
    let max = u64::from(MAX_PNG_SIDE);
    if width > max || height > max {
        let fit = f64::from(MAX_PNG_SIDE) / f64::from(frame.w.max(frame.h)) * 0.999_999;
        return Err(ExportError::TooLarge { width, height, fit: fitting_scale(fit.min(f64::from(scale))) });
    }
    Ok((width as u32, height as u32))
}

/// `fit` written with three significant digits (at least two decimals), rounded down so the
/// picture at that scale still fits: `3.39`, `0.0125`, `0.000139`.
fn fitting_scale(fit: f64) -> String {
    let decimals = (2 - fit.log10().floor() as i32).clamp(2, 12) as usize;
    let factor = 10f64.powi(decimals as i32);
    format!("{:.decimals$}", (fit * factor).floor() / factor)
}

#[cfg(test)]
mod tests;
