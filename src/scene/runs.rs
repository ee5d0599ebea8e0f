//! Where a scene's items and boxes lie, run by run: the bounds of every [`RUN`] items and of every
//! [`RUN`] boxes, measured once when the scene is drawn. A frame of a huge map asks only the runs
//! that touch its view for their items, not all of a hundred thousand arrows and boxes. Items are
//! drawn roughly in the order their boxes are placed, so a run stays small on the map.

use super::{Item, Scene, SceneBox};
use crate::layout::Rect;
use std::ops::Range;

/// How many items (or boxes) one run holds.
pub const RUN: usize = 256;

/// The bounds of each run of a scene's items and of its boxes (`None`: a run with nothing to
/// paint), and how many of each were measured: what is added later is never skipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Runs {
    items: Vec<Option<Rect>>,
    boxes: Vec<Option<Rect>>,
    measured_items: usize,
    measured_boxes: usize,
}

/// Bounds grown point by point (plain minima and maxima: a huge map has a million points).
#[derive(Clone, Copy)]
struct Extent {
    min: (f32, f32),
    max: (f32, f32),
}

impl Extent {
    const NONE: Self =
        Self { min: (f32::INFINITY, f32::INFINITY), max: (f32::NEG_INFINITY, f32::NEG_INFINITY) };

    fn point(&mut self, (x, y): (f32, f32)) {
        // Plain comparisons (a NaN is left out, as `f32::min` would): no NaN checks per point.
        if x < self.min.0 {
            self.min.0 = x;
        }
        if x > self.max.0 {
            self.max.0 = x;
        }
        if y < self.min.1 {
            self.min.1 = y;
        }
        if y > self.max.1 {
            self.max.1 = y;
        }
    }

    fn rect(&mut self, r: &Rect) {
        self.point((r.x, r.y));
        self.point((r.right(), r.bottom()));
    }

    /// Grown by what an item paints: its rectangle, its text line, every point of its line or
    /// head, its circle.
    fn item(&mut self, item: &Item) {
        match item {
            Item::Rect { rect, .. } => self.rect(rect),
            Item::Text { x, y, width, size, .. } => self.rect(&Rect { x: *x, y: *y, w: *width, h: *size }),
            Item::Line { points, .. } => points.iter().for_each(|&p| self.point(p)),
            Item::Triangle { points, .. } => points.iter().for_each(|&p| self.point(p)),
            Item::Circle { center, radius, .. } => {
                self.point((center.0 - radius, center.1 - radius));
                self.point((center.0 + radius, center.1 + radius));
            }
        }
    }

    /// The bounds, if anything was added.
    fn bounds(self) -> Option<Rect> {
        let (w, h) = (self.max.0 - self.min.0, self.max.1 - self.min.1);
        (w >= 0.0 && h >= 0.0).then_some(Rect { x: self.min.0, y: self.min.1, w, h })
    }
}

/// Where an item paints, if anywhere (what a run's bounds are grown by).
#[cfg(test)]
pub(crate) fn item_bounds(item: &Item) -> Option<Rect> {
    let mut extent = Extent::NONE;
    extent.item(item);
    extent.bounds()
}

/// Measures the runs of `all` from `measured` on: every whole run, and with `partial` the last
/// one too. A last run measured before while it was partial is measured again. Keeps `runs[k]`
/// the bounds of `all[k * RUN..(k + 1) * RUN]` (up to `measured`).
fn catch_up<T>(
    (runs, measured): (&mut Vec<Option<Rect>>, &mut usize),
    all: &[T],
    grow: impl Fn(&mut Extent, &T),
    partial: bool,
) {
    if *measured % RUN != 0 {
        runs.pop();
        *measured -= *measured % RUN;
    }
    while *measured + RUN <= all.len() || partial && *measured < all.len() {
        let end = (*measured + RUN).min(all.len());
        let mut extent = Extent::NONE;
        all[*measured..end].iter().for_each(|t| grow(&mut extent, t));
        runs.push(extent.bounds());
        *measured = end;
    }
}

impl Runs {
    /// Forgets every run: nothing is skipped until they are measured again.
    pub fn clear(&mut self) {
        self.items.clear();
        self.boxes.clear();
        (self.measured_items, self.measured_boxes) = (0, 0);
    }

    /// Measures the whole runs of `items` drawn since the last call: called as items are drawn,
    /// it reads them while they are still in the cache (a huge map's arrows read again
    /// afterwards cost milliseconds).
    pub fn catch_up(&mut self, items: &[Item]) {
        catch_up((&mut self.items, &mut self.measured_items), items, Extent::item, false);
    }

    /// Measures everything not measured yet, the last partial runs too.
    pub fn finish(&mut self, items: &[Item], boxes: &[SceneBox]) {
        catch_up((&mut self.items, &mut self.measured_items), items, Extent::item, true);
        catch_up((&mut self.boxes, &mut self.measured_boxes), boxes, |e, b| e.rect(&b.rect), true);
    }

    /// Forgets what was measured of the items from `len` on (they are being drawn again).
    pub fn keep_items(&mut self, len: usize) {
        self.measured_items = self.measured_items.min(len) / RUN * RUN;
        self.items.truncate(self.measured_items / RUN);
    }

    /// Forgets the boxes (they are being filled again).
    pub fn forget_boxes(&mut self) {
        self.boxes.clear();
        self.measured_boxes = 0;
    }

    /// The parts of `range` whose runs (measured up to `measured`) touch `view`: whole runs,
    /// neighbours joined, and everything past what was measured.
    fn near(runs: &[Option<Rect>], measured: usize, range: Range<usize>, view: &Rect) -> Vec<Range<usize>> {
        let mut parts: Vec<Range<usize>> = Vec::new();
        let mut add = |part: Range<usize>| match parts.last_mut() {
            Some(last) if last.end == part.start => last.end = part.end,
            _ if part.is_empty() => {}
            _ => parts.push(part),
        };
        let measured_end = range.end.min(measured);
        let mut at = range.start;
        while at < measured_end {
            let run = at / RUN;
            let end = ((run + 1) * RUN).min(measured_end);
            if runs.get(run).copied().flatten().is_some_and(|r| r.touches(view)) {
                add(at..end);
            }
            at = end;
        }
        add(range.start.max(measured)..range.end);
        parts
    }
}

impl Scene {
    /// Measures where its items and boxes lie ([`Runs`]), for [`Scene::items_near`] and
    /// [`Scene::boxes_near`]; done when it is drawn.
    pub fn measure_runs(&mut self) {
        self.runs.clear();
        self.runs.finish(&self.items, &self.boxes);
    }

    /// Forgets where its items and boxes lie: every one is looked at (after items were taken
    /// out, say), until [`Scene::measure_runs`].
    pub fn forget_runs(&mut self) {
        self.runs.clear();
    }

    /// The slices of `items[range]` that may paint inside `view` (map coordinates): whole runs
    /// of items, in order; every item that does paint there is in one of them.
    pub fn items_near(&self, range: Range<usize>, view: &Rect) -> impl Iterator<Item = &[Item]> {
        let range = range.start.min(self.items.len())..range.end.min(self.items.len());
        let parts = Runs::near(&self.runs.items, self.runs.measured_items, range, view);
        parts.into_iter().filter_map(|part| self.items.get(part))
    }

    /// The boxes that may touch `view`, in order: every box that does is among them.
    pub fn boxes_near(&self, view: &Rect) -> impl Iterator<Item = &SceneBox> {
        let parts = Runs::near(&self.runs.boxes, self.runs.measured_boxes, 0..self.boxes.len(), view);
        parts.into_iter().filter_map(|part| self.boxes.get(part)).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(points: &[(f32, f32)]) -> Item {
        Item::Line {
            points: points.iter().copied().collect(),
            color: crate::colors::Rgba([0; 4]),
            width: 2.0,
            dashed: false,
        }
    }

    proptest! {
        /// Every item whose bounds touch a view is among the items near it, in order, each once;
        /// so is every box, and what is pushed after the runs were measured.
        #[test]
        fn issue35_the_items_near_a_view_hold_every_item_that_touches_it(
            points in proptest::collection::vec((0f32..5_000.0, 0f32..5_000.0, 0f32..300.0), 0..1_500),
            view in (0f32..5_000.0, 0f32..5_000.0, 0f32..800.0, 0f32..800.0),
            later in 0usize..40,
            range in (0usize..1_600, 0usize..1_600),
        ) {
            let mut scene = Scene::default();
            for &(x, y, d) in &points {
                scene.items.push(line(&[(x, y), (x + d, y), (x + d, y + d)]));
                scene.boxes.push(SceneBox {
                    rect: Rect { x, y, w: d, h: d / 2.0 },
                    role: crate::model::Role::Reason,
                    badge: None,
                    position: scene.boxes.len(),
                    has_source: false,
                    doubted: false,
                    open_questions: 0,
                });
            }
            scene.measure_runs();
            for &(x, y, d) in points.iter().take(later) {
                scene.items.push(Item::Circle { center: (x, y), radius: d, fill: crate::colors::Rgba([0; 4]), stroke: crate::colors::Rgba([0; 4]) });
            }
            let view = Rect { x: view.0, y: view.1, w: view.2, h: view.3 };
            let (a, b) = (range.0.min(range.1), range.0.max(range.1));
            let near: Vec<*const Item> =
                scene.items_near(a..b, &view).flatten().map(|i| i as *const Item).collect();
            let base = scene.items.as_ptr();
            // In order, each once, all inside the range asked for.
            let at: Vec<usize> = near.iter().map(|&p| (p as usize - base as usize) / std::mem::size_of::<Item>()).collect();
            prop_assert!(at.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(at.iter().all(|&i| i >= a && i < b.min(scene.items.len())));
            for (i, item) in scene.items.iter().enumerate().take(b).skip(a) {
                let mut extent = Extent::NONE;
                extent.item(item);
                if extent.bounds().is_some_and(|r| r.touches(&view)) {
                    prop_assert!(at.contains(&i), "item {} touches the view but was left out", i);
                }
            }
            let boxes: Vec<usize> = scene.boxes_near(&view).map(|b| b.position).collect();
            prop_assert!(boxes.windows(2).all(|w| w[0] < w[1]));
            for b in &scene.boxes {
                if b.rect.touches(&view) {
                    prop_assert!(boxes.contains(&b.position), "box {} left out", b.position);
                }
            }
        }
    }

    proptest! {
        /// Runs measured bit by bit as items are drawn, some drawn again after a cut, are the
        /// runs measured all at once.
        #[test]
        fn issue35_runs_measured_while_drawing_are_the_runs_measured_at_once(
            steps in proptest::collection::vec((0usize..300, any::<bool>(), 0usize..2_000), 0..12),
        ) {
            let mut scene = Scene::default();
            let mut k = 0.0;
            for (count, cut, at) in steps {
                if cut {
                    scene.items.truncate(at);
                    scene.runs.keep_items(at);
                }
                for _ in 0..count {
                    k += 1.0;
                    scene.items.push(line(&[(k, k * 3.0 % 97.0), (k + 5.0, 2.0 * k)]));
                }
                scene.runs.catch_up(&scene.items);
            }
            scene.runs.finish(&scene.items, &scene.boxes);
            let drawn = scene.runs.clone();
            scene.measure_runs();
            prop_assert_eq!(drawn, scene.runs);
        }
    }

    /// A run far from the view is skipped whole.
    #[test]
    fn issue35_runs_far_from_the_view_are_skipped() {
        let mut scene = Scene::default();
        for k in 0..(4 * RUN) {
            let y = (k / RUN) as f32 * 10_000.0;
            scene.items.push(line(&[(0.0, y), (10.0, y + 5.0)]));
        }
        scene.measure_runs();
        let view = Rect { x: -5.0, y: 19_990.0, w: 50.0, h: 50.0 };
        let near: Vec<&[Item]> = scene.items_near(0..scene.items.len(), &view).collect();
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].len(), RUN);
        assert!(std::ptr::eq(near[0].as_ptr(), scene.items[2 * RUN..].as_ptr()));
    }
}
