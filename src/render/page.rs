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
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
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

/// How many statements a branch page's heading names, at most: the claim, then the last ones.
const PATH_SHOWN: usize = 4;

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
    // Each branch's page draws the branch alone (a map of its own, so that a page costs what
    // its branch holds, not the whole map), saying what the whole map says of each statement.
    let options =
        ExportOptions { whole: Some(std::sync::Arc::new(super::Whole::of(map, options))), ..options.clone() };
    let options = &options;
    let positions = map.statements().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    let mut pager = Pager { map, ts, options, paper: paper.paged(), tree, positions };
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
    /// Each statement's position in the whole map.
    positions: std::collections::HashMap<StatementId, usize>,
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
                    ..self.options.clone()
                };
                let part_map = sub_map(self.map, &only);
                let page = sheet(&part_map, self.ts, &o, &collapsed, self.paper)?;
                pages.push((in_whole_map(page, &part_map, &self.positions), folded, part));
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
        // A branch is laid out alone, as a map of its own: the rest costs nothing on its pages.
        let branch: Option<ArgumentMap> = root.map(|r| {
            let ids: HashSet<StatementId> =
                tree.subtree(r).into_iter().map(|i| tree.ids[i].clone()).collect();
            sub_map(self.map, &ids)
        });
        let map = branch.as_ref().unwrap_or(self.map);
        let o = ExportOptions { region, ..options.clone() };
        let base = root.map_or(0, |r| tree.depth[r]);
        let deepest = tree.depth.iter().copied().max().unwrap_or(0).saturating_sub(base) + 2;
        // The deepest folding whose text is large enough: the text only shrinks as the page
        // shows more, so halving the range finds it in a few tries.
        let mut page = |depth: usize| -> Result<(Sheet, Vec<usize>), ExportError> {
            let folded = tree.folded_at(root, depth);
            let collapsed: HashSet<StatementId> = folded.iter().map(|&i| tree.ids[i].clone()).collect();
            let page = sheet(map, self.ts, &o, &collapsed, self.paper)?;
            let page = if branch.is_some() { in_whole_map(page, map, &self.positions) } else { page };
            Ok((page, folded))
        };
        let first = page(1)?;
        if first.0.body_pt() < MIN_PAGE_TEXT_PT || first.1.is_empty() {
            return Ok(first);
        }
        let (mut fits, mut too_deep) = ((1, first), deepest + 1);
        while too_deep - fits.0 > 1 {
            let mid = (fits.0 + too_deep) / 2;
            let tried = page(mid)?;
            if tried.0.body_pt() >= MIN_PAGE_TEXT_PT {
                let done = tried.1.is_empty();
                fits = (mid, tried);
                if done {
                    break;
                }
            } else {
                too_deep = mid;
            }
        }
        Ok(fits.1)
    }
}

/// The part of `map` made of the statements `ids`: them (in file order), the relations among
/// them (and undercuts of those whose premises are among them), their groups, marks and the
/// documents: built in time proportional to the part, not to the map.
fn sub_map(map: &ArgumentMap, ids: &HashSet<StatementId>) -> ArgumentMap {
    use crate::model::{Relation, RelationId, Target};
    let mut order: Vec<(u64, &StatementId)> =
        ids.iter().filter_map(|id| Some((map.seq_of(id)?, id))).collect();
    order.sort_unstable();
    let statements = order.iter().filter_map(|(_, id)| map.statement(id).cloned()).collect();
    let within = |r: &Relation| r.premises.iter().all(|p| ids.contains(p));
    let mut chosen: Vec<RelationId> = Vec::new();
    for (_, id) in &order {
        for r in map.relations_to(id) {
            if map.relation(r).is_some_and(&within) {
                chosen.push(r);
                chosen
                    .extend(map.undercuts_of(r).into_iter().filter(|&u| map.relation(u).is_some_and(within)));
            }
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    let place: std::collections::HashMap<RelationId, u64> =
        chosen.iter().enumerate().map(|(i, &r)| (r, i as u64)).collect();
    let relations = chosen
        .iter()
        .filter_map(|&r| map.relation(r))
        .map(|r| match r.conclusion {
            Target::Relation(t) => Relation {
                conclusion: Target::Relation(RelationId(place.get(&t).copied().unwrap_or(u64::MAX))),
                ..r.clone()
            },
            _ => r.clone(),
        })
        .collect();
    let marks = order.iter().filter_map(|(_, id)| Some(((*id).clone(), map.mark(id)?)));
    let mut groups: Vec<(crate::model::Group, Vec<StatementId>)> = Vec::new();
    for (_, id) in &order {
        let Some(g) = map.group_of(id).and_then(|g| map.group(g)) else { continue };
        match groups.iter_mut().find(|(x, _)| x.id == g.id) {
            Some((_, members)) => members.push((*id).clone()),
            None => groups.push((g.clone(), vec![(*id).clone()])),
        }
    }
    let part = ArgumentMap::from_parts(map.title.clone(), map.source.clone(), statements, relations)
        .and_then(|m| m.with_marks(marks))
        .and_then(|m| m.with_groups(groups))
        .and_then(|m| m.with_documents(map.documents().to_vec()));
    match part {
        Ok(mut part) => {
            part.arrangement = map.arrangement;
            part
        }
        Err(_) => map.clone(),
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

    /// "Claim › reason › this", each shortened; deeper than [`PATH_SHOWN`] steps, the middle
    /// is "…" (the branch's number says where it is): a heading as long as the page is wide.
    fn path(&self, map: &ArgumentMap, slot: usize) -> String {
        let mut chain = vec![slot];
        let mut at = slot;
        while let Some(p) = self.parent[at] {
            chain.push(p);
            at = p;
        }
        chain.reverse();
        let named = |s: usize| shorten(map.statement(&self.ids[s]).map_or("", |st| st.text.as_str()), 40);
        let mut steps: Vec<String> = Vec::with_capacity(PATH_SHOWN + 1);
        if chain.len() > PATH_SHOWN {
            steps.push(named(chain[0]));
            steps.push("…".to_owned());
            steps.extend(chain[chain.len() - (PATH_SHOWN - 1)..].iter().map(|&s| named(s)));
        } else {
            steps.extend(chain.iter().map(|&s| named(s)));
        }
        steps.join(" › ")
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

/// `sheet`, a page of `part` (a part of the map), with its boxes naming their statements by
/// their `positions` in the whole map.
fn in_whole_map(
    mut sheet: Sheet,
    part: &ArgumentMap,
    positions: &std::collections::HashMap<StatementId, usize>,
) -> Sheet {
    let ids: Vec<&StatementId> = part.statements().map(|s| &s.id).collect();
    for b in &mut sheet.picture.scene.boxes {
        if let Some(&at) = ids.get(b.position).and_then(|id| positions.get(*id)) {
            b.position = at;
        }
    }
    sheet
}
