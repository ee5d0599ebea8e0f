//! Fitting a picture to paper or a slide: the arrangement and scale that make the text largest
//! on the page, the picture centred within the page's margins; and a big map over several pages
//! (an overview, then its branches).
//!
//! Must not touch: files, the writers (they draw what a [`Sheet`] says).

use super::{ExportError, ExportOptions, Picture, Region, picture};
use crate::layout::Rect;
use crate::model::{ArgumentMap, Arrangement, StatementId};
use crate::scene::{Typesetter, text};
use std::collections::HashSet;

/// What a picture is made for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    /// The map's own size (a map unit is a CSS pixel, 1/96 inch).
    #[default]
    Fit,
    /// A4 portrait.
    A4,
    /// A4 landscape.
    A4Landscape,
    /// US Letter portrait.
    Letter,
    /// US Letter landscape.
    LetterLandscape,
    /// A 16:9 slide (13.33 x 7.5 inches; 1920 x 1080 pixels as PNG).
    Slide,
}

/// Points per map unit at the map's own size.
pub const FIT_PT_PER_UNIT: f32 = 0.75;

/// Body text smaller than this many points on a page gets a warning.
pub const SMALL_TEXT_PT: f32 = 6.0;

impl Paper {
    /// The page's size in points (none: the map's own size).
    pub fn size_pt(self) -> Option<(f32, f32)> {
        let a4 = (595.276, 841.89);
        let letter = (612.0, 792.0);
        match self {
            Paper::Fit => None,
            Paper::A4 => Some(a4),
            Paper::A4Landscape => Some((a4.1, a4.0)),
            Paper::Letter => Some(letter),
            Paper::LetterLandscape => Some((letter.1, letter.0)),
            Paper::Slide => Some((960.0, 540.0)),
        }
    }

    /// Its name in a sentence ("A4 landscape").
    pub fn name(self) -> &'static str {
        match self {
            Paper::Fit => "the map's own size",
            Paper::A4 => "A4 portrait",
            Paper::A4Landscape => "A4 landscape",
            Paper::Letter => "Letter portrait",
            Paper::LetterLandscape => "Letter landscape",
            Paper::Slide => "16:9 slide",
        }
    }

    /// The empty border of the page, in points: a centimetre on paper, 18 pt (36 pixels of 1920)
    /// on a slide.
    pub fn margin_pt(self) -> f32 {
        match self {
            Paper::Fit => 0.0,
            Paper::Slide => 18.0,
            _ => 28.35,
        }
    }

    /// The page several pages are made on: this one, or A4 landscape for the map's own size.
    pub fn paged(self) -> Self {
        if self == Paper::Fit { Paper::A4Landscape } else { self }
    }

    /// Pixels per inch of a PNG of the page unless told otherwise: 300 for print, 144 for a slide
    /// (so it is 1920 x 1080).
    pub fn default_dpi(self) -> f32 {
        if self == Paper::Slide { 144.0 } else { 300.0 }
    }
}

/// A picture placed on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The picture; its frame is the whole page.
    pub picture: Picture,
    /// Points per map unit.
    pub pt_per_unit: f32,
    /// How many statements it shows.
    pub statements: usize,
    /// Where it sits in the map, for a page of several ("Branch 2 of 5: ...").
    pub heading: Option<String>,
}

impl Sheet {
    /// The statements' text size on the page, in points.
    pub fn body_pt(&self) -> f32 {
        text::TEXT_SIZE * self.pt_per_unit
    }

    /// The page's size in points.
    pub fn size_pt(&self) -> (f32, f32) {
        (self.picture.frame.w * self.pt_per_unit, self.picture.frame.h * self.pt_per_unit)
    }
}

/// The map (or the options' region of it) on one page of `paper`: at its own size, or in the
/// arrangement whose text comes out largest, centred within the margins.
pub fn sheet(
    map: &ArgumentMap,
    ts: &mut Typesetter,
    options: &ExportOptions,
    collapsed: &HashSet<StatementId>,
    paper: Paper,
) -> Result<Sheet, ExportError> {
    let Some((w, h)) = paper.size_pt() else {
        let picture = picture(map, ts, options, collapsed)?;
        let statements = picture.scene.boxes.len();
        return Ok(Sheet { picture, pt_per_unit: FIT_PT_PER_UNIT, statements, heading: None });
    };
    let m = paper.margin_pt();
    let fixed = options.arrangement.unwrap_or(map.arrangement);
    let candidates: &[Arrangement] = match fixed {
        Arrangement::Automatic => {
            &[Arrangement::TwoSides, Arrangement::TopDown, Arrangement::LeftToRight, Arrangement::Outline]
        }
        one => &[one][..],
    };
    let mut best: Option<(f32, Picture)> = None;
    for &arrangement in candidates {
        // The outline flows into the columns that suit the page's shape.
        let aspect = (w - 2.0 * m) / (h - 2.0 * m);
        let o = ExportOptions { margin: 0.0, arrangement: Some(arrangement), aspect, ..options.clone() };
        let p = picture(map, ts, &o, collapsed)?;
        let scale = ((w - 2.0 * m) / p.frame.w).min((h - 2.0 * m) / p.frame.h);
        if best.as_ref().is_none_or(|(s, _)| scale > *s) {
            best = Some((scale, p));
        }
    }
    let Some((scale, mut picture)) = best else {
        return Err(ExportError::Render("no arrangement to draw".into()));
    };
    picture.frame = centred(picture.frame, (w / scale, h / scale));
    let statements = picture.scene.boxes.len();
    Ok(Sheet { picture, pt_per_unit: scale, statements, heading: None })
}

/// A frame of `size` with `content` in its middle.
fn centred(content: Rect, (w, h): (f32, f32)) -> Rect {
    Rect { x: content.x - (w - content.w) / 2.0, y: content.y - (h - content.h) / 2.0, w, h }
}

/// The smallest body text a page of several may have, in points.
pub const MIN_PAGE_TEXT_PT: f32 = 7.0;

/// The map over several pages of `paper`: an overview, then a page for each branch that the
/// overview leaves folded, each at least [`MIN_PAGE_TEXT_PT`] where a single statement's page
/// can be. A page whose branch does not fit folds its deeper branches, which get pages of their
/// own in turn (breadth first: the overview, the top-level branches, then theirs).
pub fn branch_sheets(
    map: &ArgumentMap,
    ts: &mut Typesetter,
    options: &ExportOptions,
    paper: Paper,
) -> Result<Vec<Sheet>, ExportError> {
    let tree = Tree::of(map, ts, options)?;
    let mut pager = Pager { map, ts, options, paper: paper.paged(), tree };
    let mut sheets = Vec::new();
    // Each page to make: the statement it starts from (none: the whole map) and its heading.
    let mut queue: std::collections::VecDeque<(Option<usize>, String)> =
        std::collections::VecDeque::from([(None, "Overview".to_owned())]);
    while let Some((root, heading)) = queue.pop_front() {
        let title = match root {
            None => map.title.trim().to_owned(),
            Some(r) => format!("Branch {heading}: {}", pager.tree.path(map, r)),
        };
        let parent = if root.is_none() { "" } else { heading.as_str() };
        let mut next = 0;
        for (sheet, folded, part) in pager.pages_for(root, &title)? {
            for f in folded {
                next += 1;
                let name = if parent.is_empty() { format!("{next}") } else { format!("{parent}.{next}") };
                queue.push_back((Some(f), name));
            }
            sheets.push(Sheet { heading: Some(format!("{title}{part}")), ..sheet });
        }
    }
    Ok(sheets)
}

/// What the pages of a map are made from: the map, its tree, the options and the paper.
struct Pager<'a> {
    map: &'a ArgumentMap,
    ts: &'a mut Typesetter,
    options: &'a ExportOptions,
    paper: Paper,
    tree: Tree,
}

impl Pager<'_> {
    /// The pages of `root`'s branch: one, folded as deep as its text allows; or, where even its
    /// premises, folded, make the text too small, its premises shared out over as few pages as
    /// keep it at least [`MIN_PAGE_TEXT_PT`] ("(premises 1–6 of 14)"), each with the folded
    /// premises.
    fn pages_for(
        &mut self,
        root: Option<usize>,
        title: &str,
    ) -> Result<Vec<(Sheet, Vec<usize>, String)>, ExportError> {
        let o = ExportOptions { heading: Some(title.to_owned()), ..self.options.clone() };
        let (whole, folded) = self.fitting_page(&o, root)?;
        let tree = &self.tree;
        let kids = root.map_or(&[][..], |r| tree.children[r].as_slice());
        let Some(r) = root.filter(|_| whole.body_pt() < MIN_PAGE_TEXT_PT && kids.len() > 1) else {
            return Ok(vec![(whole, folded, String::new())]);
        };
        // The area a page needs grows with the square of its scale: start where that says.
        let start = ((MIN_PAGE_TEXT_PT / whole.body_pt()).powi(2).ceil() as usize).clamp(2, kids.len());
        let mut pages = Vec::new();
        for parts in start..=kids.len() {
            pages.clear();
            let size = kids.len().div_ceil(parts);
            for (i, chunk) in kids.chunks(size).enumerate() {
                let from = i * size + 1;
                let part = format!(" (premises {from}–{} of {})", from + chunk.len() - 1, kids.len());
                let mut only: HashSet<StatementId> = chunk.iter().map(|&k| tree.ids[k].clone()).collect();
                only.insert(tree.ids[r].clone());
                let folded: Vec<usize> =
                    chunk.iter().copied().filter(|&k| !tree.children[k].is_empty()).collect();
                let collapsed = folded.iter().map(|&k| tree.ids[k].clone()).collect();
                let o = ExportOptions {
                    heading: Some(format!("{title}{part}")),
                    region: Region::Branch(tree.ids[r].clone()),
                    only: Some(only),
                    ..self.options.clone()
                };
                pages.push((sheet(self.map, self.ts, &o, &collapsed, self.paper)?, folded, part));
            }
            if pages.iter().all(|(s, ..)| s.body_pt() >= MIN_PAGE_TEXT_PT) {
                break;
            }
        }
        Ok(pages)
    }

    /// The page for `root`'s branch (or the whole map): the deepest folding whose body text is at
    /// least [`MIN_PAGE_TEXT_PT`] (at least the root and its premises), and the statements it folded.
    fn fitting_page(
        &mut self,
        options: &ExportOptions,
        root: Option<usize>,
    ) -> Result<(Sheet, Vec<usize>), ExportError> {
        let tree = &self.tree;
        let region = root.map_or(Region::Whole, |r| Region::Branch(tree.ids[r].clone()));
        // A branch is laid out alone: the rest of the map costs nothing on its pages.
        let only = root.map(|r| tree.subtree(r).into_iter().map(|i| tree.ids[i].clone()).collect());
        let o = ExportOptions { region, only, ..options.clone() };
        let deepest = tree.depth.iter().copied().max().unwrap_or(0) + 2;
        // Deeper and deeper, while the text stays large enough: the first tries are the cheapest.
        let mut best: Option<(Sheet, Vec<usize>)> = None;
        for depth in 1..=deepest {
            let folded = tree.folded_at(root, depth);
            let collapsed: HashSet<StatementId> = folded.iter().map(|&i| tree.ids[i].clone()).collect();
            let sheet = sheet(self.map, self.ts, &o, &collapsed, self.paper)?;
            let fits = sheet.body_pt() >= MIN_PAGE_TEXT_PT;
            if fits || best.is_none() {
                best = Some((sheet, folded.clone()));
            }
            if !fits || folded.is_empty() {
                break;
            }
        }
        best.ok_or_else(|| ExportError::Render("no page".into()))
    }
}

/// The map's tree as the whole-map layout has it: each statement's parent and children, by
/// layout slot, and the slot's statement position.
struct Tree {
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    depth: Vec<usize>,
    ids: Vec<StatementId>,
}

impl Tree {
    fn of(map: &ArgumentMap, ts: &mut Typesetter, options: &ExportOptions) -> Result<Self, ExportError> {
        let topo = crate::model::Topology::new(map);
        let prepared = crate::scene::prepare(&topo, ts);
        let none = HashSet::new();
        let input = crate::layout::LayoutInput::new(&topo, &prepared.sizes, &none);
        let arrangement = options.arrangement.unwrap_or(map.arrangement);
        let layout = crate::layout::layout(&input.arranged(arrangement, options.aspect));
        let n = layout.placed.len();
        let mut parent = vec![None; n];
        let children: Vec<Vec<usize>> = (0..n).map(|i| layout.children(i).to_vec()).collect();
        for (i, c) in children.iter().enumerate() {
            for &k in c {
                parent[k] = Some(i);
            }
        }
        let mut depth = vec![0; n];
        // Pre-order: a parent comes before its children.
        for i in 0..n {
            if let Some(p) = parent[i] {
                depth[i] = depth[p] + 1;
            }
        }
        let ids = (0..n).map(|i| layout.id(map, i).cloned().unwrap_or_else(|| "".into())).collect();
        Ok(Self { parent, children, depth, ids })
    }

    /// The slots of `root`'s branch, `root` first.
    fn subtree(&self, root: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.children[i].iter().rev());
        }
        out
    }

    /// "Claim › reason › this", each shortened.
    fn path(&self, map: &ArgumentMap, slot: usize) -> String {
        let mut chain = vec![slot];
        let mut at = slot;
        while let Some(p) = self.parent[at] {
            chain.push(p);
            at = p;
        }
        chain
            .iter()
            .rev()
            .map(|&s| {
                let text = map.statement(&self.ids[s]).map_or("", |st| st.text.as_str());
                shorten(text, 40)
            })
            .collect::<Vec<_>>()
            .join(" › ")
    }

    /// The slots in `root`'s branch (or the whole map) deeper than `depth` below it that have
    /// children: what folding at that depth hides.
    fn folded_at(&self, root: Option<usize>, depth: usize) -> Vec<usize> {
        let base = root.map_or(0, |r| self.depth[r]);
        let starts: Vec<usize> = root.map_or_else(
            || (0..self.parent.len()).filter(|&i| self.parent[i].is_none()).collect(),
            |r| vec![r],
        );
        let mut out = Vec::new();
        let mut stack = starts;
        while let Some(i) = stack.pop() {
            let d = self.depth[i] - base + usize::from(root.is_none());
            if d >= depth && !self.children[i].is_empty() {
                out.push(i);
                continue;
            }
            stack.extend(self.children[i].iter().rev());
        }
        out.sort_unstable();
        out
    }
}

/// `text` cut after about `max` characters, at a word, with "…".
fn shorten(text: &str, max: usize) -> String {
    let text = crate::printable::escaped(text);
    if text.chars().count() <= max {
        return text.into_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}
