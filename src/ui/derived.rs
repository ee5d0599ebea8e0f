//! Everything the panels draw that is derived from the document and the view: wrapped text, the
//! layout, the scene, the evaluation, the inspector's explanation. Recomputed only when its key
//! ([`DerivedKey`]) changes, so "does it need recomputing?" is a plain `==`; after an edit it
//! takes over what the edit cannot have changed (see ARCHITECTURE.md).

use super::document::{Document, Stamp};
use super::overview::Overview;
use super::view::{self, View};
use crate::eval::Evaluation;
use crate::layout::{self, Layout, LayoutInput};
use crate::model::{self, Arrangement, StatementId, Topology};
use crate::scene::{self, Palette, Prepared, Scene, Typesetter};
use std::collections::HashSet;
use std::sync::Arc;

/// Maps with at least this many statements have their picture made on another thread
/// (`App`'s `making`): a full pass takes a tenth of a second and more.
pub const BACKGROUND_FROM: usize = 20_000;

/// The statements focus mode shows.
pub type FocusSet = HashSet<StatementId>;

/// Everything derived from the map and the view, recomputed only when its key changes.
pub struct Derived {
    /// What it was computed from.
    pub key: DerivedKey,
    /// Wrapped text and box sizes (shared with a picture being made on another thread).
    pub prepared: Arc<Prepared>,
    /// Positions (shared the same way).
    pub layout: Arc<Layout>,
    /// The drawing.
    pub scene: Scene,
    /// Statements shown in focus mode (`None`: all).
    pub focus: Option<FocusSet>,
    /// The evaluation (labels and what-if marks by file position), always computed: the
    /// inspector explains it even when the canvas hides it.
    pub evaluation: Evaluation,
    /// Statements whose badge the last edit changed, and when (the canvas rings them briefly).
    pub changed: (HashSet<StatementId>, f64),
    /// The inspector's explanation and verdict of the statement selected when this was made
    /// (see [`assess`]).
    pub assessment: Option<(StatementId, Assessment)>,
    /// A huge map's picture as one texture, made on the first frame that draws it far out
    /// ([`super::overview`]); `None` inside for a map too small to need one.
    pub overview: std::cell::OnceCell<Option<Overview>>,
}

impl Derived {
    /// A huge map's picture as one texture ([`super::overview`]), made on first use; `None` for
    /// a map small enough to draw as it is.
    pub fn overview(&self, ctx: &egui::Context, palette: &Palette) -> Option<&Overview> {
        self.overview
            .get_or_init(|| super::overview::make(ctx, &self.scene, &self.prepared, palette))
            .as_ref()
    }
}

/// What the app says about where a statement stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assessment {
    /// Its label and why, in words (and whether its argument is disabled).
    pub explanation: String,
    /// The suggested verdict from the ratings (empty without reasons or objections).
    pub verdict: String,
    /// One line for the status bar: where it stands and what to do about it.
    pub summary: String,
}

impl Assessment {
    /// For a new statement whose text is still being typed: it does not count yet.
    pub fn pending() -> Self {
        let said = "New: it counts once you keep its text (Enter keeps it, Esc drops it).";
        Self { explanation: said.into(), verdict: String::new(), summary: said.into() }
    }
}

/// The inputs of [`Derived`]: it is recomputed exactly when this changes; the wrapped text and
/// the layout only when the part of it that can move a box does ([`DerivedKey::layout_part`]).
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedKey {
    /// The document and its state ([`Document::stamp`]).
    pub stamp: Stamp,
    /// [`crate::edit::History::layout_changes`]: edits that may move a box.
    pub layout_changes: u64,
    /// [`crate::edit::History::structure_changes`]: edits that may change the layout's tree or a pin.
    pub structure_changes: u64,
    /// [`View::collapsed_version`].
    pub collapsed_version: u64,
    /// The theme.
    pub dark: bool,
    /// Focus mode's centre and depth, when on.
    pub focus: Option<(StatementId, usize)>,
    /// Whether the canvas shows the evaluation.
    pub show_eval: bool,
    /// Whether the canvas shows how many critical questions of each argument are open.
    pub show_questions: bool,
    /// The arrangement asked for: the map's, or for an automatic one the choice the view keeps
    /// ([`View::arranged`]; automatic until one is made).
    pub arrangement: Arrangement,
    /// A new statement whose text is being typed: it does not count in the evaluation yet.
    pub pending: Option<StatementId>,
}

impl DerivedKey {
    /// The key for a document and view now, with the new statement being typed, if any.
    pub fn of(
        doc: &Document,
        view: &View,
        (dark, show_eval, show_questions): (bool, bool, bool),
        pending: Option<&StatementId>,
    ) -> Self {
        let focus = if view.focus { view.selected.clone().map(|s| (s, view.focus_depth)) } else { None };
        Self {
            stamp: doc.stamp(),
            layout_changes: doc.history().layout_changes(),
            structure_changes: doc.history().structure_changes(),
            collapsed_version: view.collapsed_version,
            dark,
            focus,
            show_eval,
            show_questions,
            arrangement: match doc.map().arrangement {
                Arrangement::Automatic => view.arranged.map_or(Arrangement::Automatic, |(a, ..)| a),
                chosen => chosen,
            },
            pending: pending.cloned(),
        }
    }

    /// What the wrapped text and the layout depend on: the document, its edits that may move a
    /// box, the collapsed branches. (Roles and texts change only by such edits.)
    pub fn layout_part(&self) -> LayoutPart<'_> {
        LayoutPart { changes: self.layout_changes, ..self.structure_part() }
    }

    /// What the layout's tree depends on: as [`DerivedKey::layout_part`], but a new text does not
    /// count (it moves boxes only if it changes a box's size).
    pub fn structure_part(&self) -> LayoutPart<'_> {
        LayoutPart {
            generation: self.stamp.generation,
            changes: self.structure_changes,
            collapsed: self.collapsed_version,
            arrangement: self.arrangement,
            focus: self.focus.as_ref(),
        }
    }
}

/// The part of a [`DerivedKey`] the layout depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutPart<'a> {
    /// Which document.
    pub generation: u64,
    /// How many of its edits could move a box (or change the tree).
    pub changes: u64,
    /// [`View::collapsed_version`].
    pub collapsed: u64,
    /// The arrangement.
    pub arrangement: Arrangement,
    /// Focus mode's centre and depth, when on.
    pub focus: Option<&'a (StatementId, usize)>,
}

/// The badges of an old scene by old position, with its index (to match them to the new one).
pub type OldBadges = (model::Index, Vec<Option<Option<scene::Badge>>>);

/// What the derived data is made from besides its key: the map, the branches the user folded,
/// the statement selected (its explanation is made with the rest).
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    /// The map.
    pub map: &'a model::ArgumentMap,
    /// [`View::collapsed`].
    pub collapsed: &'a HashSet<StatementId>,
    /// [`View::selected`].
    pub selected: Option<&'a StatementId>,
    /// The argument schemes, whose open questions the canvas shows (when the key says so).
    pub schemes: &'a crate::schemes::Catalogue,
    /// The last structural edit, when the layout can follow it in place ([`layout::splice`]).
    pub reshape: Option<&'a crate::edit::Reshape>,
    /// Where across the map the view is (from, to): a huge map is drawn there first
    /// ([`scene::rebuild_near`]; `None`: all of it at once).
    pub near: Option<(f32, f32)>,
}

impl<'a> Inputs<'a> {
    /// The inputs of a document's map seen in `view`, its open questions as `schemes` ask them.
    pub fn of(doc: &'a Document, view: &'a View, schemes: &'a crate::schemes::Catalogue) -> Self {
        let (collapsed, selected) = (&view.collapsed, view.selected.as_ref());
        let reshape = doc.history().reshape(doc.history().structure_changes());
        Self { map: doc.map(), collapsed, selected, schemes, reshape, near: None }
    }
}

/// The same inputs owned, to make the derived data on another thread ([`Inputs`]).
pub struct OwnedInputs {
    /// The map as it was when asked for.
    pub map: std::sync::Arc<model::ArgumentMap>,
    /// [`View::collapsed`].
    pub collapsed: HashSet<StatementId>,
    /// [`View::selected`].
    pub selected: Option<StatementId>,
    /// The argument schemes.
    pub schemes: crate::schemes::Catalogue,
    /// [`Inputs::reshape`].
    pub reshape: Option<crate::edit::Reshape>,
    /// [`Inputs::near`].
    pub near: Option<(f32, f32)>,
}

impl OwnedInputs {
    /// Borrowed.
    pub fn borrow(&self) -> Inputs<'_> {
        let (selected, reshape) = (self.selected.as_ref(), self.reshape.as_ref());
        let (map, collapsed, schemes, near) = (&*self.map, &self.collapsed, &self.schemes, self.near);
        Inputs { map, collapsed, selected, schemes, reshape, near }
    }
}

/// What a new picture may take over from the last one: its key, its wrapped texts and layout
/// (shared, so the last picture can stay on screen while the next is made on another thread),
/// and the memory of its drawing to draw into.
pub struct Earlier {
    /// What the last picture was made from.
    pub key: DerivedKey,
    /// Its wrapped texts and box sizes.
    pub prepared: Arc<Prepared>,
    /// Its layout.
    pub layout: Arc<Layout>,
    /// Its drawing (empty when shared: the screen keeps it).
    pub scene: Scene,
    /// An older picture's drawing, done with: its memory is drawn into when the drawing above
    /// is empty.
    pub spare: Option<Scene>,
    /// Its evaluation, which the next follows in place when it can ([`Evaluation::following`]).
    pub evaluation: Option<Evaluation>,
}

impl Derived {
    /// All of it, for the next picture made on this thread (which draws into its memory).
    pub fn into_earlier(self) -> Earlier {
        Earlier {
            key: self.key,
            prepared: self.prepared,
            layout: self.layout,
            scene: self.scene,
            spare: None,
            evaluation: Some(self.evaluation),
        }
    }

    /// A share of it for a picture made on another thread while this one stays on screen: the
    /// texts and layout are shared, not copied.
    pub fn share(&self) -> Earlier {
        let (prepared, layout) = (Arc::clone(&self.prepared), Arc::clone(&self.layout));
        let evaluation = Some(self.evaluation.clone());
        Earlier { key: self.key.clone(), prepared, layout, scene: Scene::default(), spare: None, evaluation }
    }
}

/// Makes the derived data for `key`, taking over from `old` what the change cannot have touched
/// (the wrapped texts of unchanged statements; the layout, frames and arrows when no box moved).
/// `time` stamps the boxes whose badge changed; `aspect` is the canvas's (width over height), for
/// an automatic arrangement not chosen yet. The key keeps the arrangement the layout used.
pub fn derive(
    old: Option<Derived>,
    key: DerivedKey,
    inputs: Inputs<'_>,
    ts: &mut Typesetter,
    (time, aspect): (f64, f32),
) -> Derived {
    let before = badges_before(old.as_ref(), &key);
    let inputs = Inputs { near: None, ..inputs }; // drawn whole at once
    derive_beside(old.map(Derived::into_earlier), key, inputs, ts, (time, aspect, before)).0
}

/// What is left to draw of a picture drawn near its view first ([`Inputs::near`]): its whole
/// drawing, made by [`Rest::draw`] once the picture is on screen.
pub struct Rest<'a> {
    topo: Topology<'a>,
    prepared: Arc<Prepared>,
    layout: Arc<Layout>,
    evaluation: Option<Evaluation>,
    dark: bool,
    /// The open critical questions of each argument, when the canvas shows them.
    questions: Option<Vec<u8>>,
}

impl Rest<'_> {
    /// The whole drawing, in `scene`'s memory.
    pub fn draw(self, mut scene: Scene) -> Scene {
        let basis = scene::Basis { topo: &self.topo, layout: &self.layout, prepared: &self.prepared };
        scene::rebuild(&mut scene, basis, &Palette::of(self.dark), None, self.evaluation.as_ref());
        if let Some(open) = &self.questions {
            scene::show_questions(&mut scene, &self.topo, open);
        }
        scene
    }
}

/// [`derive`] from a share of the last picture ([`Derived::share`]), on another thread: `before`
/// holds the last picture's badges ([`badges_before`]), so the boxes whose badge changed still
/// glow. A huge map may be drawn only near the view ([`Inputs::near`], [`Scene::near`]): then
/// the rest of the drawing comes with it, to be drawn once the picture is on screen.
pub fn derive_beside<'a>(
    old: Option<Earlier>,
    mut key: DerivedKey,
    inputs: Inputs<'a>,
    ts: &mut Typesetter,
    (time, aspect, before): (f64, f32, Option<OldBadges>),
) -> (Derived, Option<Rest<'a>>) {
    let map = inputs.map;
    let topo = Topology::new(map);
    let mut old = old;
    // The old drawing's memory, drawn into again.
    let mut scene = old.as_mut().map(|o| std::mem::take(&mut o.scene)).unwrap_or_default();
    // Focus mode lays out the focused statements on their own.
    let focus = key.focus.as_ref().map(|(id, depth)| view::neighbourhood(map, id, *depth));
    // A kept layout in the same theme keeps the frames and arrows too (when the old drawing's
    // memory came along: a shared picture keeps its drawing on screen).
    let same_theme = old.as_ref().is_some_and(|o| o.key.dark == key.dark && !scene.boxes.is_empty())
        && scene.near.is_none();
    if scene.boxes.is_empty()
        && let Some(spare) = old.as_mut().and_then(|o| o.spare.take())
    {
        scene = spare; // drawn afresh below, into memory already in use
    }
    let evaluation = evaluate(old.as_ref(), &key, inputs, &topo);
    let (prepared, mut layout, kept) =
        prepare_and_lay_out(old, &key, &topo, (inputs.collapsed, focus.as_ref(), inputs.reshape), ts, aspect);
    key.arrangement = layout.arrangement;
    // A kept layout has the same statements in the same places; its index is made exact anyway
    // (a dense copy, no hashing).
    layout.index.clone_from(&topo.index);
    let drawn = key.show_eval.then_some(&evaluation);
    let palette = Palette::of(key.dark);
    if kept && same_theme {
        scene::rebuild_keeping_arrows(
            &mut scene,
            scene::Basis { topo: &topo, layout: &layout, prepared: &prepared },
            &palette,
            focus.as_ref(),
            drawn,
        );
    } else {
        let basis = scene::Basis { topo: &topo, layout: &layout, prepared: &prepared };
        scene::rebuild_near(&mut scene, basis, &palette, (focus.as_ref(), drawn), inputs.near);
    }
    let questions = key.show_questions.then(|| crate::schemes::open_counts(&topo, inputs.schemes));
    if let Some(open) = &questions {
        scene::show_questions(&mut scene, &topo, open);
    }
    let changed = (changed_badges(before, drawn, &layout, map), time);
    let assessment = inputs.selected.and_then(|id| {
        if key.pending.as_ref() == Some(id) {
            return Some((id.clone(), Assessment::pending()));
        }
        let s = topo.position(id)?;
        Some((id.clone(), assess(&topo, &evaluation, s)))
    });
    let (prepared, layout) = (Arc::new(prepared), Arc::new(layout));
    let rest = scene.near.is_some().then(|| Rest {
        topo,
        prepared: Arc::clone(&prepared),
        layout: Arc::clone(&layout),
        evaluation: key.show_eval.then(|| evaluation.clone()),
        dark: key.dark,
        questions,
    });
    let overview = Default::default();
    (Derived { key, prepared, layout, scene, focus, evaluation, changed, assessment, overview }, rest)
}

/// The map's evaluation, with the statement being typed counted out: followed in place from the
/// last picture's when the map is the same or one reshape on ([`Evaluation::following`]), made
/// afresh otherwise.
fn evaluate(old: Option<&Earlier>, key: &DerivedKey, inputs: Inputs<'_>, topo: &Topology<'_>) -> Evaluation {
    let pending = key.pending.as_ref().and_then(|id| topo.position(id));
    let followed = old.filter(|o| o.key.stamp.generation == key.stamp.generation).and_then(|o| {
        let evaluation = o.evaluation.as_ref()?;
        let reshape = match key.structure_changes.checked_sub(o.key.structure_changes)? {
            0 => None,
            1 => Some(inputs.reshape?),
            _ => return None,
        };
        let index = &o.layout.index;
        let was_pending = o.key.pending.as_ref().and_then(|id| index.position(inputs.map, id));
        let before = crate::eval::Before { evaluation, pending: was_pending, index, reshape };
        Evaluation::following(inputs.map, topo, pending, before)
    });
    followed.unwrap_or_else(|| Evaluation::pending(inputs.map, topo, pending))
}

/// The badges an old picture showed before an edit (same document, evaluation shown before and
/// after), by old position, to tell which changed; for a picture made on another thread, taken
/// before ([`derive_beside`]). Read from its layout and evaluation: its drawing may hold only
/// the boxes near the view.
pub fn badges_before(old: Option<&Derived>, key: &DerivedKey) -> Option<OldBadges> {
    let o = old.filter(|o| {
        o.key.stamp.generation == key.stamp.generation
            && o.key.stamp.version != key.stamp.version
            && o.key.show_eval
            && key.show_eval
    })?;
    Some((o.layout.index.clone(), badges(&o.layout, &o.evaluation)))
}

/// The badge of each statement a layout places, by file position.
fn badges(layout: &Layout, evaluation: &Evaluation) -> Vec<Option<Option<scene::Badge>>> {
    let badge = |s: usize| {
        let label = *evaluation.labels.get(s)?;
        Some(scene::Badge::of(label, evaluation.marks.get(s).copied().flatten()))
    };
    layout.by_position.iter().enumerate().map(|(s, slot)| slot.map(|_| badge(s))).collect()
}

/// The statements whose badge differs from before, matched through the model's slots (`None`:
/// the evaluation is not shown, no badge changed).
fn changed_badges(
    before: Option<OldBadges>,
    evaluation: Option<&Evaluation>,
    layout: &Layout,
    map: &model::ArgumentMap,
) -> HashSet<StatementId> {
    let (Some((old_index, old)), Some(evaluation)) = (before, evaluation) else { return HashSet::new() };
    let index = &layout.index;
    let now = badges(layout, evaluation);
    let changed = |s: usize| {
        let was = index.slot(s).and_then(|slot| old_index.position_of_slot(slot));
        let was = was.and_then(|p| old.get(p).copied().flatten());
        matches!((was, now[s]), (Some(a), Some(b)) if a != b)
    };
    (0..now.len())
        .filter(|&s| changed(s))
        .filter_map(|s| index.statement(map, s).map(|st| st.id.clone()))
        .collect()
}

/// The wrapped text and the layout: kept when the edit cannot move a box (a what-if mark, a
/// rating, a note); the tree kept and the boxes placed again when only sizes changed; made
/// afresh otherwise. True when every box is where it was.
fn prepare_and_lay_out(
    old: Option<Earlier>,
    key: &DerivedKey,
    topo: &Topology<'_>,
    (collapsed, focus, reshape): (&HashSet<StatementId>, Option<&FocusSet>, Option<&crate::edit::Reshape>),
    ts: &mut Typesetter,
    aspect: f32,
) -> (Prepared, Layout, bool) {
    match old {
        Some(o) if o.key.layout_part() == key.layout_part() => {
            let mut prepared = Arc::unwrap_or_clone(o.prepared);
            prepared.tags = scene::tags(topo, ts); // a new title or rating
            let mut layout = Arc::unwrap_or_clone(o.layout);
            let moved =
                layout::retag(&mut layout, topo, &prepared.sizes, &scene::tag_widths(topo, &prepared));
            (prepared, layout, !moved)
        }
        old => {
            let same_tree = old.as_ref().is_some_and(|o| o.key.structure_part() == key.structure_part());
            // One reshape since the last layout (an objection added or undone): its tree is kept
            // and the change put in while the texts are wrapped (on two threads for a huge map).
            let splicing = old.as_ref().zip(reshape).filter(|(o, _)| !same_tree && follows(&o.key, key));
            let huge = topo.len() >= BACKGROUND_FROM;
            let (prepared, cut) = model::both(
                huge && splicing.is_some(),
                || scene::prepare_reusing(topo, ts, old.as_ref().map(|o| &*o.prepared)),
                || splicing.and_then(|(o, r)| layout::splice::cut(&o.layout, topo, r, collapsed)),
            );
            let same_boxes = same_tree && old.as_ref().is_some_and(|o| o.prepared.sizes == prepared.sizes);
            let layout = match old {
                Some(o) if same_boxes => Arc::unwrap_or_clone(o.layout),
                // Only sizes changed: the same tree, placed again (no structure rebuilt).
                Some(o) if same_tree => {
                    let mut layout = Arc::unwrap_or_clone(o.layout);
                    layout::place(&mut layout, topo, &prepared.sizes);
                    layout
                }
                _ => {
                    let tag_widths = scene::tag_widths(topo, &prepared);
                    let spliced = cut
                        .map(|cut| layout::splice::finish(cut, topo, (&prepared.sizes, &tag_widths, aspect)));
                    spliced.unwrap_or_else(|| {
                        let input = LayoutInput::new(topo, &prepared.sizes, collapsed)
                            .with_tags(&tag_widths)
                            .only(focus);
                        layout::layout(&input.arranged(key.arrangement, aspect))
                    })
                }
            };
            (prepared, layout, same_boxes)
        }
    }
}

/// Whether the layout for `key` is one structural edit on from the layout for `old`, with all
/// else it depends on the same: the same document, branches folded and arrangement, no focus.
fn follows(old: &DerivedKey, key: &DerivedKey) -> bool {
    let (a, b) = (old.structure_part(), key.structure_part());
    a.generation == b.generation
        && a.changes + 1 == b.changes
        && a.collapsed == b.collapsed
        && a.arrangement == b.arrangement
        && a.arrangement != Arrangement::Automatic
        && a.focus.is_none()
        && b.focus.is_none()
}

/// The explanation, suggested verdict and one-line summary of the statement at position `s`, in
/// words, from the map's evaluation.
pub fn assess(topo: &Topology<'_>, evaluation: &Evaluation, s: usize) -> Assessment {
    let (labels, marks) = (&evaluation.labels, &evaluation.marks);
    if s >= topo.len() || labels.len() != topo.len() || marks.len() != topo.len() {
        return Assessment::default();
    }
    let mut explanation = crate::eval::explain(topo, labels, marks, s);
    if let Some(disabled) = crate::eval::disabled_argument(topo, labels, s) {
        explanation = format!("{explanation}\n{disabled}");
    }
    let verdict = crate::eval::verdict(topo, labels, s)
        .map(|(v, total)| format!("Suggested verdict from the ratings: {} (total {total:+}).", v.as_str()))
        .unwrap_or_default();
    let mut summary = crate::eval::summary(topo, labels, marks, s);
    if crate::eval::disabled_argument(topo, labels, s).is_some() {
        summary.push_str(" Its argument is disabled by a standing undercut.");
    }
    Assessment { explanation, verdict, summary }
}
