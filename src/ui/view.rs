//! View state: what the user looks at (selection and its history, camera, collapsed branches,
//! focus, search). Never saved into the map file.

use crate::layout::Rect;
use crate::model::{ArgumentMap, StatementId};
use egui::{Pos2, Vec2};
use std::collections::{HashSet, VecDeque};

/// Zoom limits: far enough out for F to show a map of 100,000 statements whole.
pub const MIN_ZOOM: f32 = 0.0005;
/// How much one notch of the mouse wheel zooms (with Ctrl).
pub const ZOOM_PER_NOTCH: f32 = 1.15;
/// Zoom limits.
pub const MAX_ZOOM: f32 = 4.0;

/// Where the canvas looks: the map point at the centre of the canvas, and the zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Map point shown at the canvas centre.
    pub center: Vec2,
    /// Screen points per map unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self { center: Vec2::ZERO, zoom: 1.0 }
    }
}

impl Camera {
    /// Map point to screen point, for a canvas rectangle.
    pub fn to_screen(&self, canvas: egui::Rect, p: (f32, f32)) -> Pos2 {
        canvas.center() + (Vec2::new(p.0, p.1) - self.center) * self.zoom
    }

    /// Screen point to map point.
    pub fn to_map(&self, canvas: egui::Rect, p: Pos2) -> Vec2 {
        (p - canvas.center()) / self.zoom + self.center
    }

    /// A map rectangle on screen.
    pub fn rect_to_screen(&self, canvas: egui::Rect, r: &Rect) -> egui::Rect {
        egui::Rect::from_min_max(
            self.to_screen(canvas, (r.x, r.y)),
            self.to_screen(canvas, (r.right(), r.bottom())),
        )
    }

    /// The map rectangle the canvas shows.
    pub fn visible(&self, canvas: egui::Rect) -> Rect {
        let min = self.to_map(canvas, canvas.min);
        let max = self.to_map(canvas, canvas.max);
        Rect { x: min.x, y: min.y, w: max.x - min.x, h: max.y - min.y }
    }

    /// Zooms by `factor` keeping the map point under `anchor` (a screen point) in place.
    pub fn zoom_at(&mut self, canvas: egui::Rect, anchor: Pos2, factor: f32) {
        let before = self.to_map(canvas, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.to_map(canvas, anchor);
        self.center += before - after;
    }

    /// The camera of a fit mode, for a map with `bounds` whose first claim is at `root`, its
    /// camps' names (group frames' titles) at `titles`.
    pub fn fit(mode: Fit, canvas: egui::Rect, bounds: &Rect, root: Option<&Rect>, titles: &[Rect]) -> Self {
        let all = Self::fitting(canvas, bounds);
        match (mode, root) {
            (Fit::All, _) | (Fit::Opening, None) => all,
            (Fit::Opening, Some(_)) if all.zoom >= READABLE_ZOOM => all,
            (Fit::Opening, Some(root)) => {
                // The claim with the camps' names across the canvas, no smaller than
                // NAMED_ZOOM; where they do not fit so, the claim at a readable zoom.
                let named = titles.iter().fold(*root, |a, t| a.union(t));
                let fits = (canvas.width() - 60.0) / named.w.max(1.0);
                let (zoom, across) = match fits {
                    z if z >= READABLE_ZOOM => (READABLE_ZOOM, named),
                    z if z >= NAMED_ZOOM => (z, named),
                    _ => (READABLE_ZOOM, *root),
                };
                let width = (canvas.width() - 60.0) / zoom;
                let height = canvas.height() / zoom;
                let margin = 30.0 / zoom;
                // Centred on them, but not past the map's edges (no empty canvas beside it).
                let x = if bounds.w > width {
                    across.center().0.clamp(bounds.x + width / 2.0, bounds.right() - width / 2.0)
                } else {
                    bounds.center().0
                };
                // The map's top at the canvas's top, unless the claim is further down than the
                // canvas reaches (a large map arranged sideways): then the claim in the middle.
                let top = bounds.y - margin + height / 2.0;
                let y = if root.bottom() + margin > bounds.y - margin + height {
                    root.center().1.clamp(top, (bounds.bottom() + margin - height / 2.0).max(top))
                } else {
                    top
                };
                Self { center: Vec2::new(x, y), zoom }
            }
        }
    }

    /// A camera showing all of `bounds` in `canvas`, with a margin, never zoomed in past 100%.
    pub fn fitting(canvas: egui::Rect, bounds: &Rect) -> Self {
        let margin = 16.0;
        let zx = (canvas.width() - 2.0 * margin).max(10.0) / bounds.w.max(1.0);
        let zy = (canvas.height() - 2.0 * margin).max(10.0) / bounds.h.max(1.0);
        let (cx, cy) = bounds.center();
        Self { center: Vec2::new(cx, cy), zoom: zx.min(zy).clamp(MIN_ZOOM, 1.0) }
    }
}

/// What the user is looking at.
#[derive(Debug, Default)]
pub struct View {
    /// The selected statement.
    pub selected: Option<StatementId>,
    /// Further selected statements (Ctrl- or Shift-click, a rubber band): commands that work
    /// on several statements (delete, collapse, group, drag) take them with `selected`.
    pub also: std::collections::BTreeSet<StatementId>,
    /// Where a rubber band started (screen point), while one is dragged.
    pub band: Option<Pos2>,
    /// Show the minimap.
    pub minimap: bool,
    /// Statements selected before, most recent last.
    pub back: Vec<StatementId>,
    /// Statements left by going back, most recent last.
    pub forward: Vec<StatementId>,
    /// The camera.
    pub camera: Camera,
    /// How the camera follows the canvas and the map until the user pans or zooms.
    pub fit: Option<Fit>,
    /// Bring this statement into view on the next frame, panning no more than needed.
    pub reveal: Option<StatementId>,
    /// With [`View::reveal`], this one too if both fit (the parent of a statement just added).
    pub reveal_with: Option<StatementId>,
    /// Collapsed branches.
    pub collapsed: HashSet<StatementId>,
    /// Changes whenever `collapsed` does.
    pub collapsed_version: u64,
    /// For a map arranged automatically: the arrangement chosen, and the canvas's aspect (width
    /// over height) it was chosen for (none until the canvas is drawn again after a pane opened
    /// or closed). Kept while the map is edited, so an edit never rearranges the map, and while
    /// panes open and close; chosen again when the window's shape changes much or another map
    /// opens.
    pub arranged: Option<(crate::model::Arrangement, Option<f32>)>,
    /// Which side panes were open last frame (bits: source, Argdown, changes).
    pub panes: u8,
    /// Show only statements within `focus_depth` links of the selection.
    pub focus: bool,
    /// How many links focus mode reaches.
    pub focus_depth: usize,
    /// The search field, when open.
    pub search: Option<Search>,
    /// The help window is open.
    pub help: bool,
    /// The source pane is open.
    pub source: bool,
    /// The Argdown pane is open.
    pub argdown: bool,
    /// The statement whose passage the source pane last scrolled to.
    pub source_scrolled: Option<StatementId>,
    /// The passage selected in the source pane: its document, its text, where it is.
    pub source_selection: Option<(StatementId, String, crate::model::Location)>,
    /// A paragraph of the source pane had the keyboard last frame.
    pub source_focused: bool,
}

impl View {
    /// Every selected statement: the selected one first, then the others in id order.
    pub fn selection(&self) -> Vec<StatementId> {
        self.selected
            .iter()
            .chain(self.also.iter().filter(|id| Some(*id) != self.selected.as_ref()))
            .cloned()
            .collect()
    }

    /// Whether a statement is selected (the selected one or one of the others).
    pub fn is_selected(&self, id: &StatementId) -> bool {
        self.selected.as_ref() == Some(id) || self.also.contains(id)
    }

    /// Adds a statement to the selection, or takes it out (Ctrl- or Shift-click).
    pub fn toggle_selected(&mut self, id: &StatementId) {
        if self.selected.is_none() {
            self.selected = Some(id.clone());
        } else if self.selected.as_ref() == Some(id) {
            self.selected = self.also.pop_first();
        } else if !self.also.remove(id) {
            self.also.insert(id.clone());
        }
    }
}

/// A camera that follows the map and the canvas size (window resizes, panels) by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The whole map in the window (`F`, Home).
    All,
    /// How a map opens: the whole map if it is readable so, else the top of the map at a readable
    /// zoom, centred on the first claim.
    Opening,
}

/// The zoom below which text is too small to read comfortably; a map opens no smaller than this,
/// unless it takes a little less ([`NAMED_ZOOM`]) to show the claim with its camps' names.
pub const READABLE_ZOOM: f32 = 0.7;
/// The smallest zoom a map opens at to show its claim with its camps' names (text still legible
/// on a desktop screen).
pub const NAMED_ZOOM: f32 = 0.55;

/// An open search.
#[derive(Debug, Default)]
pub struct Search {
    /// What the user typed.
    pub query: String,
    /// Statements that match, in layout order.
    pub matches: Vec<StatementId>,
    /// Which match Enter jumped to last.
    pub current: Option<usize>,
    /// Give the field keyboard focus on the next frame.
    pub focus_field: bool,
}

impl View {
    /// Selects a statement, remembering the previous one for Back, and brings it into view.
    pub fn select(&mut self, id: StatementId) {
        self.also.clear();
        if self.selected.as_ref() == Some(&id) {
            self.reveal = Some(id);
            return;
        }
        if let Some(old) = self.selected.take() {
            self.back.push(old);
            if self.back.len() > 200 {
                self.back.remove(0);
            }
        }
        self.forward.clear();
        self.reveal = Some(id.clone());
        self.selected = Some(id);
    }

    /// Clears the selection (a click on the empty map), remembering it for Back.
    pub fn deselect(&mut self) {
        self.also.clear();
        if let Some(old) = self.selected.take() {
            self.back.push(old);
            if self.back.len() > 200 {
                self.back.remove(0);
            }
            self.forward.clear();
        }
    }

    /// Goes back in the selection history, skipping statements that no longer exist.
    pub fn go_back(&mut self, map: &ArgumentMap) {
        if let Some(id) = step(&mut self.back, &mut self.forward, &mut self.selected, map) {
            self.reveal = Some(id);
        }
    }

    /// Goes forward in the selection history.
    pub fn go_forward(&mut self, map: &ArgumentMap) {
        if let Some(id) = step(&mut self.forward, &mut self.back, &mut self.selected, map) {
            self.reveal = Some(id);
        }
    }

    /// Collapses or expands a branch.
    pub fn toggle_collapsed(&mut self, id: &StatementId) {
        if !self.collapsed.remove(id) {
            self.collapsed.insert(id.clone());
        }
        self.collapsed_version += 1;
    }

    /// Forgets statements that no longer exist (after an edit, undo or open).
    pub fn prune(&mut self, map: &ArgumentMap) {
        if self.selected.as_ref().is_some_and(|s| !map.contains(s)) {
            self.selected = None;
        }
        let before = self.collapsed.len();
        self.collapsed.retain(|id| map.contains(id));
        if self.collapsed.len() != before {
            self.collapsed_version += 1;
        }
    }
}

/// Moves the selection to the newest statement of `from` that still exists, pushing the current
/// one onto `to`; returns the newly selected statement.
fn step(
    from: &mut Vec<StatementId>,
    to: &mut Vec<StatementId>,
    selected: &mut Option<StatementId>,
    map: &ArgumentMap,
) -> Option<StatementId> {
    let id = std::iter::from_fn(|| from.pop()).find(|id| map.contains(id))?;
    if let Some(current) = selected.replace(id.clone()) {
        to.push(current);
    }
    Some(id)
}

/// The statements within `depth` links of `start`, a link being a relation between a premise and
/// its conclusion or between co-premises.
pub fn neighbourhood(map: &ArgumentMap, start: &StatementId, depth: usize) -> HashSet<StatementId> {
    let mut seen: HashSet<StatementId> = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([(start.clone(), 0usize)]);
    while let Some((id, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        let relations = map.relations_from(&id).into_iter().chain(map.relations_to(&id));
        for rid in relations {
            let Some(r) = map.relation(rid) else { continue };
            for next in r.premises.iter().chain(map.concluded(r)) {
                if seen.insert(next.clone()) {
                    queue.push_back((next.clone(), d + 1));
                }
            }
        }
    }
    seen
}
