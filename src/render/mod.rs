//! Exporting pictures of a map: the same scene the canvas paints, framed (whole map, one branch,
//! or a view), with a legend and a citation line, written as SVG ([`svg`]) or PNG ([`png`]).
//!
//! Must not touch: egui's UI, files (callers write the bytes, through `io::write_atomic`).

pub mod font;
mod legend;
pub mod page;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod web;

use crate::eval::{Evaluation, Label};
use crate::layout::{self, LayoutInput, Rect};
use crate::model::{ArgumentMap, Arrangement, Role, StatementId, Topology};
use crate::scene::{self, Item, Palette, Rgba, Scene, Typesetter};
use std::collections::{HashMap, HashSet};

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

/// What a part of a map drawn alone (a branch's page) takes from the whole map: each
/// statement's role, and its evaluation's label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Whole {
    /// Each statement's role in the whole map (the top of a branch is no claim).
    pub roles: HashMap<StatementId, Role>,
    /// Each statement's label in the whole map's evaluation (what is above a branch counts).
    pub labels: HashMap<StatementId, Label>,
}

impl Whole {
    /// The roles and labels of `map`, evaluated as `options` say.
    pub fn of(map: &ArgumentMap, options: &ExportOptions) -> Self {
        let topo = Topology::new(map);
        let ids = || topo.statements.iter().map(|s| s.id.clone());
        let roles = ids().zip(topo.roles()).collect();
        let labels = match (options.eval, options.what_if) {
            (false, _) => HashMap::new(),
            (true, true) => ids().zip(Evaluation::of(map, &topo).labels).collect(),
            (true, false) => ids().zip(Evaluation::without_marks(&topo).labels).collect(),
        };
        Self { roles, labels }
    }

    /// The roles of `topo`'s statements, a part of the whole map.
    fn roles_of(&self, topo: &Topology<'_>) -> Vec<Role> {
        let own = topo.roles();
        topo.statements.iter().zip(own).map(|(s, r)| self.roles.get(&s.id).copied().unwrap_or(r)).collect()
    }

    /// The labels of `topo`'s statements, a part of the whole map.
    fn labels_of(&self, topo: &Topology<'_>) -> Vec<Label> {
        topo.statements.iter().map(|s| self.labels.get(&s.id).copied().unwrap_or(Label::Undecided)).collect()
    }
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
    /// Write the map's question as a title above the map.
    pub title: bool,
    /// A title to write instead of the map's question (a page of several says where it is).
    pub heading: Option<String>,
    /// Draw the legend under the map.
    pub legend: bool,
    /// Write the source's citation under the legend.
    pub citation: bool,
    /// Show the evaluation: each box's label as a badge, `out` boxes faded.
    pub eval: bool,
    /// With the evaluation, show the user's what-if marks (and evaluate with them); without,
    /// the evaluation is the map's own.
    pub what_if: bool,
    /// Show how many critical questions of each argument are open, as these schemes ask them
    /// (a `?N` badge on its first premise's box); none: not shown.
    pub questions: Option<std::sync::Arc<crate::schemes::Catalogue>>,
    /// How to arrange the map (none: as the map says).
    pub arrangement: Option<Arrangement>,
    /// The page the picture is for (the map's own size unless told).
    pub paper: page::Paper,
    /// A PNG page's pixels per inch (its paper's default unless told).
    pub dpi: Option<f32>,
    /// An overview page, then a page for each branch (PDF).
    pub branch_pages: bool,
    /// SVG: glyph outlines only, no text (for tools that ignore embedded fonts and text).
    pub text_as_paths: bool,
    /// The width of the frame the picture is for divided by its height: an automatic arrangement
    /// is the one that fits it best (16:9, a slide, unless told otherwise).
    pub aspect: f32,
    /// When the map drawn is a part of a larger one drawn alone (a branch's page): what its
    /// statements are and how they stand in the whole map, which the part cannot see.
    pub whole: Option<std::sync::Arc<Whole>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 1.0,
            dark: false,
            transparent: false,
            margin: 24.0,
            region: Region::Whole,
            title: true,
            heading: None,
            legend: true,
            eval: false,
            what_if: false,
            citation: true,
            questions: None,
            arrangement: None,
            aspect: 16.0 / 9.0,
            paper: page::Paper::Fit,
            dpi: None,
            branch_pages: false,
            text_as_paths: false,
            whole: None,
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
    /// A PNG page would be larger than [`MAX_PNG_SIDE`] at the pixels per inch asked for.
    #[error(
        "the PNG page would be {width} x {height} pixels, more than the {MAX_PNG_SIDE} a side argmap writes; \
         --dpi {dpi} fits, or export PDF or SVG (always complete)"
    )]
    PageTooLarge {
        /// Width it would have.
        width: u64,
        /// Height it would have.
        height: u64,
        /// The most pixels per inch that fit.
        dpi: u32,
    },
    /// The scale is not a positive number.
    #[error("the scale must be a number above 0, not {0}")]
    BadScale(f32),
    /// `--pages branches` asked of a format other than PDF.
    #[error("--pages branches writes several pages, which only a PDF holds; export to a .pdf file")]
    PagesNeedPdf,
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
    /// Where each box's items are in `scene.items`, in the order of `scene.boxes`.
    pub box_items: Vec<std::ops::Range<usize>>,
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
    let roles = options.whole.as_ref().map(|w| w.roles_of(&topo));
    let prepared = scene::prepare_as(&topo, ts, roles);
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
    let evaluation = options.eval.then(|| {
        let own = if options.what_if { Evaluation::of(map, &topo) } else { Evaluation::without_marks(&topo) };
        match &options.whole {
            // Part of a larger map: its labels are the whole map's.
            Some(whole) => Evaluation { labels: whole.labels_of(&topo), ..own },
            None => own,
        }
    });
    let mut scene = scene::build(&topo, &layout, &prepared, &palette, shown.as_ref(), evaluation.as_ref());
    if let Some(catalogue) = &options.questions {
        scene::show_questions(&mut scene, &topo, &crate::schemes::open_counts(&topo, catalogue));
    }
    let box_items = scene.expand_boxes(&prepared, &palette);
    let content = match &options.region {
        Region::View(view) => Some(*view),
        _ => scene.bounds,
    };
    let content = content.unwrap_or(Rect { x: 0.0, y: 0.0, w: 320.0, h: 40.0 });
    if let Region::View(view) = &options.region {
        scene.items.retain(|item| item_bounds(item).is_none_or(|b| b.touches(view)));
        scene.forget_runs(); // the items left have moved
    }
    let title = options.heading.as_deref().unwrap_or(map.title.trim());
    let parts = legend::Parts {
        title: Some(title).filter(|t| options.title && !t.is_empty()),
        legend: options.legend,
        citation: options.citation,
    };
    let all = legend::decorate(&mut scene, content, &topo, ts, &palette, &parts);
    let m = options.margin.max(0.0);
    let frame = Rect { x: all.x - m, y: all.y - m, w: all.w + 2.0 * m, h: all.h + 2.0 * m };
    let background = (!options.transparent).then_some(palette.background);
    Ok(Picture { scene, frame, background, box_items })
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
