//! The drawing of a map as a render-agnostic scene: rectangles, text lines, lines, arrowheads and
//! circles in map coordinates. The canvas paints a scene with egui; exporters write the same scene
//! to other formats, so every picture of a map looks the same.
//!
//! Rationale's grammar: claims blue, reasons green, objections red, rebuttals orange; a support
//! is a solid arrow, an objection a dashed one (so the map reads in grey-scale too); co-premises of
//! one relation are joined by one bracket with one arrow; a statement with a source has a marker.
//!
//! Must not touch: egui's UI (only its text layout, through [`text`]), files.

mod arrows;
pub mod chunked;
pub mod frames;
mod nudge;
mod outline;
pub mod runs;
pub mod text;

pub use crate::colors::{Palette, Rgba, RoleColors, mix};
use crate::eval::{Evaluation, Label};
use crate::layout::{Layout, Rect, Side};
use crate::model::{Mark, Rating, Relation, RelationId, Role, StatementId, Topology};
use std::collections::HashSet;
use std::sync::Arc;
pub use text::Typesetter;

/// Width of a statement's box.
pub const BOX_W: f32 = 250.0;
/// Width of a claim's box.
pub const CLAIM_W: f32 = 280.0;
/// Padding inside a box.
pub const PAD: f32 = 8.0;
/// Height of the role caption row.
pub const CAPTION_H: f32 = 14.0;
/// Space between the caption line and the text.
pub const CAPTION_GAP: f32 = 2.0;
/// Size of an arrowhead.
pub const HEAD: f32 = 10.0;
/// Radius of the source marker.
pub const MARKER_R: f32 = 7.0;
/// Height of an evaluation badge.
pub const CAPTION_SIZE_BOX: f32 = 14.0;
/// How far above co-premises their bracket runs.
pub const BRACKET_RISE: f32 = 14.0;
/// The widest a relation's tag may be: beside its arrow's first leg, it stays clear of the next
/// arrow's leg (a box's width and a gap away).
pub const TAG_MAX_W: f32 = 100.0;
/// The most lines a tag has.
pub const TAG_LINES: usize = 2;

/// The points of a line: inline up to four (an arrow's route), so drawing a large map allocates
/// nothing per arrow.
pub type Points = smallvec::SmallVec<[(f32, f32); 4]>;

/// One drawing primitive, in map coordinates.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A rounded rectangle.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Fill colour.
        fill: Rgba,
        /// Border colour.
        stroke: Rgba,
        /// Border width.
        stroke_width: f32,
    },
    /// One line of text, left-aligned; `y` is the top of the line.
    Text {
        /// Left.
        x: f32,
        /// Top of the line box.
        y: f32,
        /// The baseline (for renderers that place text by baseline, such as SVG).
        baseline: f32,
        /// The width of the line as egui lays it out.
        width: f32,
        /// The text (already wrapped: it is drawn on one line).
        text: Arc<str>,
        /// Font size.
        size: f32,
        /// Colour.
        color: Rgba,
    },
    /// A polyline.
    Line {
        /// The points, in order.
        points: Points,
        /// Colour.
        color: Rgba,
        /// Width.
        width: f32,
        /// Dashed (objections) or solid (supports).
        dashed: bool,
    },
    /// A filled triangle (an arrowhead).
    Triangle {
        /// The three corners.
        points: [(f32, f32); 3],
        /// Colour.
        color: Rgba,
    },
    /// A circle.
    Circle {
        /// Centre.
        center: (f32, f32),
        /// Radius.
        radius: f32,
        /// Fill colour.
        fill: Rgba,
        /// Border colour.
        stroke: Rgba,
    },
}

/// A statement's box in a scene, for hit testing and accessibility.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneBox {
    /// Its box.
    pub rect: Rect,
    /// Its role.
    pub role: Role,
    /// Its evaluation badge, when the scene shows the evaluation.
    pub badge: Option<Badge>,
    /// The statement's file-order position (its entry in [`Prepared`]; the layout's
    /// [`crate::layout::Layout::index`] finds the statement).
    pub position: usize,
    /// Whether the statement has a source (its box shows the marker).
    pub has_source: bool,
    /// Whether the argument it starts (as its first premise) is doubted (what-if), when the
    /// scene shows the evaluation: a DOUBTED badge.
    pub doubted: bool,
    /// How many critical questions of the argument it starts (as its first premise) are open,
    /// when the scene shows them ([`show_questions`]; 0: none or not shown).
    pub open_questions: u8,
}

/// A drawn map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Primitives, back to front: the relations as built; exporters append the boxes'
    /// ([`Scene::expand_boxes`]), the canvas makes those of the boxes in view ([`box_items`]).
    pub items: Vec<Item>,
    /// The statement boxes, in layout pre-order.
    pub boxes: Vec<SceneBox>,
    /// The bounds of everything drawn.
    pub bounds: Option<Rect>,
    /// Where each relation tag is drawn, and whose (the canvas explains a tag on hover).
    pub tags: Vec<(Rect, RelationId)>,
    /// The items of each relation's arrow (brackets, line, head; no tag), by its position in
    /// [`Topology::relations`]: the canvas draws the selected statement's arrows again, bolder.
    pub arrows: Vec<std::ops::Range<u32>>,
    /// The id of each relation, in the same order (ids grow in file order: a binary search finds
    /// a relation's arrow).
    pub arrow_ids: Vec<RelationId>,
    /// The items of the cross-links (relations whose premise hangs elsewhere), all together:
    /// far out the canvas fades them.
    pub cross_links: std::ops::Range<u32>,
    /// The group frames, drawn first (behind everything).
    pub frames: Vec<frames::Frame>,
    /// How many DISABLED badges mark arguments that standing undercuts disable.
    pub disabled: usize,
    /// How many arrows of an outline run up to their column's top (their conclusion is in an
    /// earlier column).
    pub continued: usize,
    /// Where the tags start in `items` (frames and arrows come before), and where each arrow
    /// starts: what [`rebuild_keeping_arrows`] keeps.
    arrows_end: usize,
    starts: arrows::Starts,
    /// Where its items and boxes lie, run by run ([`Scene::items_near`]).
    runs: runs::Runs,
    /// Memory for the second half of an outline's arrows, drawn on another thread (empty).
    half: Vec<Item>,
    /// Where the drawing is whole, across the map (from, to), when only the columns of a huge
    /// outline near a view were drawn ([`rebuild_near`]): a view inside it sees what the whole
    /// drawing shows; `None`: all of the map is drawn.
    pub near: Option<(f32, f32)>,
}

/// The wrapped text and box size of every statement, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// Wrapped text per statement (shared with the typesetter's cache: an unchanged text is
    /// never wrapped or copied again), in chunks shared with the last picture's.
    pub wrapped: chunked::Chunked<Arc<text::Wrapped>>,
    /// Width of each statement's role caption.
    pub caption_widths: Vec<f32>,
    /// Width of each evaluation badge's text, in [`Badge::ALL`] order.
    pub badge_widths: [f32; 7],
    /// The width of "?" and of a digit, for the open-questions badge.
    pub question_widths: (f32, f32),
    /// The font's ascent per unit of font size.
    pub ascent_ratio: f32,
    /// Each statement's role.
    pub roles: Vec<Role>,
    /// Each statement's revision (what [`prepare_reusing`] matches a later map against).
    pub revisions: Vec<u64>,
    /// Box sizes per statement.
    pub sizes: Vec<(f32, f32)>,
    /// Height of one text line.
    pub line_height: f32,
    /// Each group's title and its width, in group order.
    pub group_titles: Vec<(Arc<str>, f32)>,
    /// Each relation's tag, in [`Topology::relations`] order (see [`tags`]). A tag never moves a
    /// box, so an edit that keeps the layout makes these again ([`tags`]) and keeps the rest.
    /// Boxed: most relations have none, and a huge map's list is read whole on every edit.
    pub tags: Vec<Option<Box<Tag>>>,
}

/// A relation's tag on the map: its title (Argdown's argument title, an AIF scheme) and the
/// user's rating, written beside the start of its arrow, in the arrow's colour, on at most
/// [`TAG_LINES`] lines of at most [`TAG_MAX_W`].
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    /// The whole text, its title shortened with "…" where it would not fit.
    pub text: Arc<str>,
    /// Its lines.
    pub lines: Vec<Arc<str>>,
    /// The width of each line.
    pub widths: Vec<f32>,
    /// Its width: its widest line's.
    pub width: f32,
}

impl Tag {
    /// Its height.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * text::CAPTION_SIZE * 1.3
    }
}

/// The words a rating shows on the map.
pub fn rating_words(rating: Rating) -> &'static str {
    match rating {
        Rating::Strong => "strong",
        Rating::Weak => "weak",
        Rating::Nil => "no weight",
    }
}

/// The tag of one relation, if it has a title or a rating: `title · rating`, the title shortened
/// (never the rating) to fit [`TAG_LINES`] lines of [`TAG_MAX_W`].
pub fn tag(relation: &Relation, ts: &mut Typesetter) -> Option<Tag> {
    let title = relation.label.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let rating = relation.rating.map(rating_words);
    let compose = |title: Option<&str>| match (title, rating) {
        (Some(t), Some(r)) => format!("{t} · {r}"),
        (Some(t), None) => t.to_owned(),
        (None, Some(r)) => r.to_owned(),
        (None, None) => String::new(),
    };
    let full = compose(title);
    if full.is_empty() {
        return None;
    }
    let mut fits = |text: &str| {
        let w = ts.wrap(text, text::CAPTION_SIZE, TAG_MAX_W);
        (w.lines.len() <= TAG_LINES && w.widths.iter().all(|&x| x <= TAG_MAX_W + 0.5)).then_some(w)
    };
    let wrapped = match fits(&full) {
        Some(w) => w,
        None => {
            // The longest start of the title that fits with "…" (at least one character).
            let chars: Vec<char> = title.unwrap_or_default().chars().collect();
            let shortened =
                |k: usize| compose(Some(&format!("{}…", chars[..k].iter().collect::<String>().trim_end())));
            let (mut lo, mut hi) = (1, chars.len().max(1));
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if fits(&shortened(mid)).is_some() { lo = mid } else { hi = mid - 1 }
            }
            let text = if chars.is_empty() { full } else { shortened(lo.min(chars.len())) };
            ts.wrap(&text, text::CAPTION_SIZE, TAG_MAX_W)
        }
    };
    let lines: Vec<Arc<str>> = wrapped.lines.iter().take(TAG_LINES).cloned().collect();
    let widths: Vec<f32> = wrapped.widths.iter().take(TAG_LINES).copied().collect();
    let width = widths.iter().fold(0f32, |a, &b| a.max(b));
    Some(Tag { text: Arc::clone(&wrapped.text), lines, widths, width })
}

/// Every relation's tag, in [`Topology::relations`] order; only relations with a title or a
/// rating reach the typesetter.
pub fn tags(topo: &Topology<'_>, ts: &mut Typesetter) -> Vec<Option<Box<Tag>>> {
    topo.relations.iter().map(|r| if r.tagged { tag(r.relation, ts).map(Box::new) } else { None }).collect()
}

/// The width of the tag of the relation each statement hangs by (its first as a premise), by
/// file-order position: 0 for none. The layout makes room for them ([`LayoutInput::tag_widths`]).
pub fn tag_widths(topo: &Topology<'_>, prepared: &Prepared) -> Vec<f32> {
    topo.first_from
        .iter()
        .map(|r| r.and_then(|r| prepared.tags.get(r)?.as_ref()).map_or(0.0, |t| t.width))
        .collect()
}

/// The evaluation badge a box shows: its grounded label, or the user's what-if mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Badge {
    /// Labelled in.
    In,
    /// Labelled out.
    Out,
    /// Labelled undecided.
    Undecided,
    /// Rejected by the user (what-if).
    Rejected,
    /// Accepted as given by the user (what-if).
    Given,
    /// Not a statement's: marks an argument a standing undercut disables, where the undercut
    /// meets its arrow.
    Disabled,
    /// Not a statement's: marks an argument whose critical question the user doubts (what-if),
    /// on its first premise's box.
    Doubted,
}

impl Badge {
    /// All badges, in the order of [`Prepared::badge_widths`].
    pub const ALL: [Badge; 7] = [
        Badge::In,
        Badge::Out,
        Badge::Undecided,
        Badge::Rejected,
        Badge::Given,
        Badge::Disabled,
        Badge::Doubted,
    ];

    /// The badge of a statement with this label and mark.
    pub fn of(label: Label, mark: Option<Mark>) -> Self {
        match (mark, label) {
            (Some(Mark::Rejected), _) => Badge::Rejected,
            (Some(Mark::Accepted), _) => Badge::Given,
            (None, Label::In) => Badge::In,
            (None, Label::Out) => Badge::Out,
            (None, Label::Undecided) => Badge::Undecided,
        }
    }

    /// What it says (words, so it reads in grey-scale and to a screen reader).
    pub fn text(self) -> &'static str {
        match self {
            Badge::In => "IN",
            Badge::Out => "OUT",
            Badge::Undecided => "UNDECIDED",
            Badge::Rejected => "REJECTED",
            Badge::Given => "GIVEN",
            Badge::Disabled => "DISABLED",
            Badge::Doubted => "DOUBTED",
        }
    }

    /// [`Badge::text`], shared by every box that shows it (see [`WORDS`]).
    fn shared_text(self) -> Arc<str> {
        WORDS.1[self as usize].clone()
    }
}

/// Wraps every statement's text and sizes its box. Texts wrapped before (by this typesetter)
/// come from its cache, so after an edit only the changed statement is wrapped again.
pub fn prepare(topo: &Topology<'_>, ts: &mut Typesetter) -> Prepared {
    prepare_reusing(topo, ts, None)
}

/// [`prepare`], with each statement's role given (a part of a map drawn alone is in the roles
/// it has in the whole map), or the map's own.
pub fn prepare_as(topo: &Topology<'_>, ts: &mut Typesetter, roles: Option<Vec<Role>>) -> Prepared {
    prepare_with(topo, ts, None, roles.unwrap_or_else(|| topo.roles()))
}

/// A box's width for a statement of `role`.
fn width_of(role: Role) -> f32 {
    if role == Role::Claim { CLAIM_W } else { BOX_W }
}

/// Where the chunk of `previous`'s texts starting at `s` ends, if it can be taken over whole:
/// it starts a chunk, and each statement in it has the revision and the box width it had.
fn kept_chunk(topo: &Topology<'_>, roles: &[Role], previous: &Prepared, s: usize) -> Option<usize> {
    let end = s + previous.wrapped.chunk_len(s);
    let same = end > s
        && end <= topo.len()
        && previous.revisions.get(s..end) == topo.revisions.get(s..end)
        && previous
            .sizes
            .get(s..end)
            .is_some_and(|old| old.iter().zip(&roles[s..end]).all(|(o, &r)| o.0 == width_of(r)));
    same.then_some(end)
}

/// How far [`prepare_reusing`] looks ahead in the old map for a statement that moved up.
const REALIGN: usize = 8;

/// [`prepare`], sharing each statement's wrapped text with `previous` (the same map before an
/// edit, left as it was: the picture on screen keeps it) where the statement's revision and box
/// width are unchanged:
/// after one edit on a large map only what changed is wrapped or even looked up, and no text is
/// read. The maps are walked side by side in file order (an edit inserts or removes a few
/// statements); a statement found nowhere near its old place goes through the typesetter's cache,
/// so the result is always what [`prepare`] would give.
pub fn prepare_reusing(topo: &Topology<'_>, ts: &mut Typesetter, previous: Option<&Prepared>) -> Prepared {
    prepare_with(topo, ts, previous, topo.roles())
}

/// [`prepare_reusing`] with the statements' `roles`.
fn prepare_with(
    topo: &Topology<'_>,
    ts: &mut Typesetter,
    previous: Option<&Prepared>,
    roles: Vec<Role>,
) -> Prepared {
    let mut out = Prepared { ascent_ratio: ts.ascent_ratio(), roles, ..Prepared::default() };
    out.line_height = ts.wrap("H", text::TEXT_SIZE, f32::INFINITY).line_height;
    let caption_widths = Role::ALL.map(|r| ts.width(&r.as_str().to_uppercase(), text::CAPTION_SIZE));
    out.badge_widths = Badge::ALL.map(|b| ts.width(b.text(), text::CAPTION_SIZE));
    out.question_widths = (ts.width("?", text::CAPTION_SIZE), ts.width("0", text::CAPTION_SIZE));
    let n = topo.len();
    out.sizes.reserve(n);
    out.caption_widths.reserve(n);
    out.revisions = topo.revisions.clone();
    let line_height = out.line_height;
    // What may be taken over: the previous texts, if wrapped with the same line height.
    let previous = previous.filter(|p| p.line_height == line_height && p.wrapped.len() == p.revisions.len());
    let old_revisions = previous.map_or(&[][..], |p| &p.revisions[..]);
    let old_sizes = previous.map_or(&[][..], |p| &p.sizes[..]);
    // With nothing to take over (a map just opened, an export), a large map's texts are wrapped
    // all at once, on every core.
    let mut fresh = if old_revisions.is_empty() {
        let jobs: Vec<(&str, f32)> = topo
            .statements
            .iter()
            .zip(&out.roles)
            .map(|(s, &role)| (s.text.as_str(), width_of(role) - 2.0 * PAD))
            .collect();
        ts.wrap_all(&jobs, text::TEXT_SIZE).into_iter()
    } else {
        Vec::new().into_iter()
    };
    let (mut s, mut j) = (0, 0); // the new position, and the old walked alongside
    while s < n {
        // A whole chunk of texts where it was, each the same and as wide: shared, not looked at.
        if let Some(p) = previous.filter(|_| j == s)
            && let Some(end) = kept_chunk(topo, &out.roles, p, s)
        {
            out.wrapped.share(&p.wrapped, s);
            out.sizes.extend_from_slice(&old_sizes[s..end]);
            out.caption_widths.extend(out.roles[s..end].iter().map(|&r| caption_widths[r as usize]));
            (s, j) = (end, end);
            continue;
        }
        let (role, rev) = (out.roles[s], topo.revisions[s]);
        let w = width_of(role);
        // Realign after removals or an edited statement (this one a few places further on); after
        // an insertion it is nowhere near: keep j.
        if old_revisions.get(j).is_some_and(|&r| r != rev)
            && let Some(skip) = old_revisions.iter().skip(j + 1).take(REALIGN).position(|&r| r == rev)
        {
            j += skip + 1;
        }
        let kept = if old_revisions.get(j) == Some(&rev) && old_sizes.get(j).is_some_and(|s| s.0 == w) {
            let wrapped = previous.and_then(|p| p.wrapped.get(j)).cloned();
            j += 1;
            wrapped
        } else {
            None
        };
        // A text taken over keeps its box (same width, same line height): its lines are not
        // read again.
        let size = kept.as_ref().and_then(|_| old_sizes.get(j - 1).copied());
        let text = &topo.statements[s].text;
        let wrapped =
            kept.or_else(|| fresh.next()).unwrap_or_else(|| ts.wrap(text, text::TEXT_SIZE, w - 2.0 * PAD));
        let lines = || wrapped.lines.len().max(1) as f32;
        out.sizes
            .push(size.unwrap_or_else(|| (w, PAD + CAPTION_H + CAPTION_GAP + lines() * line_height + PAD)));
        out.wrapped.push(wrapped);
        out.caption_widths.push(caption_widths[role as usize]);
        s += 1;
    }
    out.tags = tags(topo, ts);
    out.group_titles = topo
        .map
        .groups()
        .iter()
        .map(|g| (Arc::from(g.title.as_str()), ts.width(&g.title, frames::TITLE_SIZE)))
        .collect();
    out
}

/// Builds the scene of a laid-out map. `shown`, if given, limits the drawing to those statements
/// (focus mode); statements the layout hides (collapsed branches) are never drawn. With an
/// `evaluation`, every box carries its badge, rejected boxes are faded, and each argument a
/// standing undercut disables is marked where the undercut meets it.
pub fn build(
    topo: &Topology<'_>,
    layout: &Layout,
    prepared: &Prepared,
    palette: &Palette,
    shown: Option<&HashSet<StatementId>>,
    evaluation: Option<&Evaluation>,
) -> Scene {
    let mut scene = Scene::default();
    rebuild(&mut scene, Basis { topo, layout, prepared }, palette, shown, evaluation);
    scene
}

/// What a scene is drawn from: the map's index, where its boxes are, their wrapped texts.
#[derive(Clone, Copy)]
pub struct Basis<'a> {
    /// The map's index.
    pub topo: &'a Topology<'a>,
    /// Where each box is.
    pub layout: &'a Layout,
    /// Each statement's wrapped text and box size.
    pub prepared: &'a Prepared,
}

/// [`build`] into an old scene, keeping the memory of its lists: after an edit on a large map the
/// drawing is remade in place, without asking the system for fresh pages.
pub fn rebuild(
    scene: &mut Scene,
    basis: Basis<'_>,
    palette: &Palette,
    shown: Option<&HashSet<StatementId>>,
    evaluation: Option<&Evaluation>,
) {
    rebuild_near(scene, basis, palette, (shown, evaluation), None);
}

/// [`rebuild`], drawing only what a view spanning `near` across the map needs first, when that
/// is much less than the whole (a huge outline without undercuts, everything shown: the tree
/// arrows, tags and boxes of the columns in view and one more either side, every frame and
/// cross-link); [`Scene::near`] says where the drawing is whole. The picture of a huge map goes
/// on screen with this, and the whole drawing follows ([`rebuild`]).
pub fn rebuild_near(
    scene: &mut Scene,
    basis: Basis<'_>,
    palette: &Palette,
    (shown, evaluation): (Option<&HashSet<StatementId>>, Option<&Evaluation>),
    near: Option<(f32, f32)>,
) {
    let Basis { topo, layout, prepared } = basis;
    scene.empty();
    scene.arrow_ids.extend(topo.relations.iter().map(|r| r.id));
    // Room for the arrows (a line and a head each, brackets for co-premises) up front.
    scene.items.reserve(3 * topo.relations.len());
    scene.boxes.reserve(layout.placed.len());
    let drawn = drawn(topo, layout, shown);
    // Group frames first, behind everything; then relations, so boxes are painted over them.
    frames::push(scene, basis, &drawn, palette);
    let cx = arrows::Context { topo, layout, prepared, palette, drawn: &drawn };
    let part;
    (scene.starts, part) = match cx.layout.arrangement {
        crate::model::Arrangement::Outline => outline::push(scene, &cx, near.filter(|_| shown.is_none())),
        _ => (arrows::push(scene, &cx), None),
    };
    let (slots, beside) = part.unzip();
    scene.arrows_end = scene.items.len();
    tags_and_boxes(scene, basis, (palette, &drawn, slots), evaluation);
    if let Some(b) = beside.flatten() {
        scene.bounds = Some(scene.bounds.map_or(b, |a| a.union(&b)));
    }
}

/// [`rebuild`] for a map whose boxes and relations are where they were when `scene` was built
/// (a what-if mark, a rating, a note, a source changed): the frames and arrows are kept, the
/// tags (a rating shows in its tag) and the boxes (badges) are made again.
pub fn rebuild_keeping_arrows(
    scene: &mut Scene,
    basis: Basis<'_>,
    palette: &Palette,
    shown: Option<&HashSet<StatementId>>,
    evaluation: Option<&Evaluation>,
) {
    let Basis { topo, layout, .. } = basis;
    scene.items.truncate(scene.arrows_end);
    scene.runs.keep_items(scene.arrows_end);
    scene.runs.forget_boxes();
    scene.tags.clear();
    scene.boxes.clear();
    let drawn = drawn(topo, layout, shown);
    tags_and_boxes(scene, basis, (palette, &drawn, None), evaluation);
}

/// Whether each statement (by file position) is drawn: laid out, and shown.
fn drawn(topo: &Topology<'_>, layout: &Layout, shown: Option<&HashSet<StatementId>>) -> Vec<bool> {
    (0..topo.len())
        .map(|s| {
            layout.by_position.get(s).is_some_and(Option::is_some)
                && shown.is_none_or(|set| set.contains(topo.statements[s].id.as_str()))
        })
        .collect()
}

/// The tags, after the arrows, then the boxes (painted over the arrows), only those placed at
/// `slots` if given (the columns drawn near a view); the bounds are those of the frames and the
/// boxes (all of them). Measures where everything lies ([`runs`]).
fn tags_and_boxes(
    scene: &mut Scene,
    basis: Basis<'_>,
    (palette, drawn, slots): (&Palette, &[bool], Option<std::ops::Range<usize>>),
    evaluation: Option<&Evaluation>,
) {
    let Basis { topo, layout, prepared } = basis;
    if prepared.tags.iter().any(Option::is_some) {
        let starts = std::mem::take(&mut scene.starts);
        push_tags(scene, topo, prepared, &starts, palette.background);
        scene.starts = starts;
    }
    scene.bounds = frames::bounds(&scene.frames);
    scene.disabled = 0;
    if let Some(e) = evaluation.filter(|_| topo.has_undercuts()) {
        push_disabled(scene, basis, palette, e);
    }
    scene.bounds = match slots {
        // Every placed box is drawn (nothing is left out of a drawing near a view): the layout's
        // bounds are theirs.
        Some(slots) => {
            fill_boxes(&mut scene.boxes, basis, (drawn, evaluation, Some(slots)), None);
            let boxes = layout.bounds;
            scene.bounds.map_or(boxes, |b| Some(boxes.map_or(b, |r| b.union(&r))))
        }
        None => fill_boxes(&mut scene.boxes, basis, (drawn, evaluation, None), scene.bounds),
    };
    if layout.arrangement == crate::model::Arrangement::Outline {
        // An outline's cross-links between columns run over the columns' tops.
        let lines = scene.items.get(scene.cross_links.start as usize..scene.cross_links.end as usize);
        for item in lines.unwrap_or_default() {
            let Item::Line { points, .. } = item else { continue };
            for &(x, y) in points {
                let b = Rect { x, y, w: 0.0, h: 0.0 };
                scene.bounds = Some(scene.bounds.map_or(b, |a| a.union(&b)));
            }
        }
    }
    scene.runs.finish(&scene.items, &scene.boxes);
}

/// A DISABLED badge where each standing undercut (its premises all in) meets the arrow of the
/// argument it disables: that argument lends no support, though its premises stand.
fn push_disabled(scene: &mut Scene, basis: Basis<'_>, palette: &Palette, e: &Evaluation) {
    let Basis { topo, layout, prepared } = basis;
    let outline = layout.arrangement == crate::model::Arrangement::Outline;
    let w = prepared.badge_widths[Badge::ALL.iter().position(|b| *b == Badge::Disabled).unwrap_or(0)];
    for (u, rel) in topo.relations.iter().enumerate() {
        if rel.undercuts.is_none() {
            continue; // only an undercut disables
        }
        let doubted = e.doubted.get(u).copied().unwrap_or(false);
        let stands =
            !doubted && rel.premises.iter().all(|&p| e.labels.get(p) == Some(&crate::eval::Label::In));
        if !stands {
            continue;
        }
        let Some(range) = scene.arrows.get(u).cloned() else { continue };
        let end =
            scene.items[range.start as usize..range.end as usize].iter().rev().find_map(|item| match item {
                Item::Line { points, .. } => points.last().copied(),
                _ => None,
            });
        // In an outline the arrow meets the disabled argument beside its premise's box: the
        // badge goes in the room above that box, at its right.
        let above_premise = outline
            .then(|| rel.undercuts.and_then(|t| topo.relations.get(t)))
            .flatten()
            .and_then(|t| t.premises.iter().find_map(|&p| layout.rect_at(p)))
            .map(|r| (r.right() - w - 12.0, r.y - CAPTION_SIZE_BOX - 4.0));
        if let Some((x, y)) = end {
            let at = above_premise.unwrap_or((x + 6.0, y + 4.0));
            badge_items(&mut scene.items, Badge::Disabled, w, at, palette, prepared.ascent_ratio);
            scene.disabled += 1;
        }
    }
}

/// The relations' tags, beside their arrow's first leg (`starts`: where each drawn relation's
/// arrow starts, and its colour), on the side no undercut comes in from.
fn push_tags(
    scene: &mut Scene,
    topo: &Topology<'_>,
    prepared: &Prepared,
    starts: &arrows::Starts,
    patch: Rgba,
) {
    let mut undercut_from = vec![(false, false); topo.relations.len()]; // (left, right)
    let undercuts = if topo.has_undercuts() { &topo.relations[..] } else { &[] };
    for (rel, start) in undercuts.iter().zip(starts) {
        let (Some(t), Some((_, (x, _), _))) = (rel.undercuts, start) else { continue };
        if let (Some((_, (tx, _), _)), Some(from)) = (starts[t], undercut_from.get_mut(t)) {
            if *x < tx { from.0 = true } else { from.1 = true }
        }
    }
    for (r, start) in starts.iter().enumerate() {
        let (Some(Some(tag)), Some((side, start, color))) = (prepared.tags.get(r), start) else { continue };
        let left = undercut_from[r] == (false, true);
        let rect = push_tag(&mut scene.items, prepared, tag, (*side, *start), (*color, patch), left);
        scene.tags.push((rect, topo.relations[r].id));
    }
}

/// The boxes, in layout order: only their specs. Their items (rectangle, caption, text lines,
/// badge, marker) are made when painted or exported ([`box_items`]), so an edit does not
/// re-create the text of every box of the map.
/// The statements' boxes, into `boxes`; returns `bounds` grown by each in turn.
fn fill_boxes(
    boxes: &mut Vec<SceneBox>,
    basis: Basis<'_>,
    (drawn, evaluation, slots): (&[bool], Option<&Evaluation>, Option<std::ops::Range<usize>>),
    mut bounds: Option<Rect>,
) -> Option<Rect> {
    let Basis { topo, layout, prepared } = basis;
    boxes.clear();
    let slots = slots.unwrap_or(0..layout.placed.len());
    boxes.reserve(slots.len());
    // In the layout's order (the tree's pre-order), so the boxes near each other on the map are
    // near each other in the list, and a run of them ([`runs`]) covers a small part of the map.
    for (slot, placed) in layout.placed.iter().enumerate().take(slots.end).skip(slots.start) {
        let i = placed.position;
        if layout.by_position.get(i) != Some(&Some(slot)) || !drawn.get(i).copied().unwrap_or(false) {
            continue;
        }
        let role = prepared.roles.get(i).copied().unwrap_or(Role::Claim);
        let badge =
            evaluation.and_then(|e| Some(Badge::of(*e.labels.get(i)?, e.marks.get(i).copied().flatten())));
        // Most maps doubt nothing: then no relation is looked at.
        let doubting = evaluation.filter(|e| !e.doubted.is_empty());
        let doubted = doubting
            .and_then(|e| Some(e.doubted.get(starts_argument(topo, i)?).copied().unwrap_or(false)))
            .unwrap_or(false);
        let r = placed.rect;
        bounds = Some(bounds.map_or(r, |b| b.union(&r)));
        boxes.push(SceneBox {
            rect: r,
            role,
            badge,
            position: i,
            has_source: topo.sourced.get(i).copied().unwrap_or(false),
            doubted,
            open_questions: 0,
        });
    }
    bounds
}

/// The argument (relation position) statement `i` is the first premise of, by which it hangs.
fn starts_argument(topo: &Topology<'_>, i: usize) -> Option<usize> {
    let r = topo.first_from.get(i).copied().flatten()?;
    (topo.relations[r].premises.first() == Some(&i)).then_some(r)
}

/// Shows how many critical questions of each argument are open (`open`, by relation position,
/// as [`crate::schemes::open_counts`] gives them) on the box of its first premise.
pub fn show_questions(scene: &mut Scene, topo: &Topology<'_>, open: &[u8]) {
    for b in &mut scene.boxes {
        b.open_questions = starts_argument(topo, b.position).and_then(|r| open.get(r).copied()).unwrap_or(0);
    }
}

impl Scene {
    /// Nothing drawn, the memory kept to draw into: emptying a huge map's drawing (a hundred
    /// thousand arrows) takes a millisecond or two, best spent while nobody waits.
    pub fn empty(&mut self) {
        self.items.clear();
        self.boxes.clear();
        self.tags.clear();
        self.arrows.clear();
        self.arrow_ids.clear();
        self.frames.clear();
        self.runs.clear();
        self.starts.clear();
        (self.bounds, self.cross_links, self.disabled, self.continued, self.arrows_end) =
            (None, 0..0, 0, 0, 0);
        self.near = None;
    }

    /// The items of a relation's arrow, if drawn.
    pub fn arrow(&self, id: RelationId) -> Option<&[Item]> {
        let i = self.arrow_ids.binary_search(&id).ok()?;
        let r = self.arrows.get(i)?;
        self.items.get(r.start as usize..r.end as usize).filter(|items| !items.is_empty())
    }

    /// Appends the items of every box (after the relations, so boxes paint over arrows): the
    /// complete drawing, for exporters.
    ///
    /// Returns where each box's items are, in the order of [`Scene::boxes`] (a web page groups
    /// them, to select and fold boxes).
    pub fn expand_boxes(&mut self, prepared: &Prepared, palette: &Palette) -> Vec<std::ops::Range<usize>> {
        let mut items = std::mem::take(&mut self.items);
        let mut ranges = Vec::with_capacity(self.boxes.len());
        for b in &self.boxes {
            let start = items.len();
            box_items(&mut items, b, prepared, palette, true);
            ranges.push(start..items.len());
        }
        self.items = items;
        ranges
    }
}

/// The items of one box: its rectangle and, with `detail`, its caption, text lines, badge and
/// source marker. Boxes the user rejected (what-if) are faded.
pub fn box_items(items: &mut Vec<Item>, b: &SceneBox, prepared: &Prepared, palette: &Palette, detail: bool) {
    let i = b.position;
    let mut colors = palette.role(b.role);
    // Only what the user rejected is faded: an `out` statement is not wrong, only challenged by
    // an objection nobody has answered (its badge says so).
    let faded = b.badge == Some(Badge::Rejected);
    let text_color = if faded { palette.weak_text } else { palette.text };
    if faded {
        colors.fill = mix(colors.fill, palette.background, 0.6);
    }
    let r = b.rect;
    items.push(Item::Rect {
        rect: r,
        radius: 6.0,
        fill: colors.fill,
        stroke: colors.stroke,
        stroke_width: 1.5,
    });
    if !detail {
        return;
    }
    let caption_y = r.y + PAD - 2.0;
    items.push(Item::Text {
        x: r.x + PAD,
        y: caption_y,
        baseline: caption_y + prepared.ascent_ratio * text::CAPTION_SIZE,
        width: prepared.caption_widths.get(i).copied().unwrap_or(0.0),
        text: caption(b.role),
        size: text::CAPTION_SIZE,
        color: colors.stroke,
    });
    let mut y = r.y + PAD + CAPTION_H + CAPTION_GAP;
    if let Some(wrapped) = prepared.wrapped.get(i) {
        for (line, &width) in wrapped.lines.iter().zip(&wrapped.widths) {
            items.push(Item::Text {
                x: r.x + PAD,
                y,
                baseline: y + prepared.ascent_ratio * text::TEXT_SIZE,
                width,
                text: line.clone(),
                size: text::TEXT_SIZE,
                color: text_color,
            });
            y += prepared.line_height;
        }
    }
    // Right of the caption row, left of the source marker: the statement's badge, then its
    // argument's.
    let mut right = r.right() - PAD - if b.has_source { 2.0 * MARKER_R + 2.0 } else { 0.0 };
    let width =
        |badge: Badge| prepared.badge_widths[Badge::ALL.iter().position(|x| *x == badge).unwrap_or(0)];
    let top = r.y + PAD - 4.0;
    for badge in [b.badge, b.doubted.then_some(Badge::Doubted)].into_iter().flatten() {
        let w = width(badge);
        right -= badge_items(items, badge, w, (right - w - 8.0, top), palette, prepared.ascent_ratio) + 4.0;
    }
    if b.open_questions > 0 {
        let text = format!("?{}", b.open_questions);
        let (mark, digit) = prepared.question_widths;
        let w = mark + digit * (text.len() - 1) as f32;
        let ink = (palette.background, palette.text);
        chip_items(items, (Arc::from(text), w), (right - w - 8.0, top), ink, palette, prepared.ascent_ratio);
    }
    if b.has_source {
        items.push(Item::Circle {
            center: (r.right() - PAD - MARKER_R + 3.0, r.y + PAD + 3.0),
            radius: MARKER_R - 2.5,
            fill: colors.stroke,
            stroke: colors.stroke,
        });
    }
}

/// Draws an evaluation badge whose text is `width` wide, its top left at `(x, y)`: dark for out,
/// light for in, grey for undecided, so it reads in grey-scale too. Returns its width.
pub fn badge_items(
    items: &mut Vec<Item>,
    badge: Badge,
    width: f32,
    (x, y): (f32, f32),
    palette: &Palette,
    ascent: f32,
) -> f32 {
    let colors = match badge {
        Badge::In | Badge::Given => (palette.background, palette.text),
        Badge::Out | Badge::Rejected => (palette.text, palette.background),
        Badge::Undecided => (palette.weak_text, palette.background),
        Badge::Disabled | Badge::Doubted => (palette.background, palette.weak_text),
    };
    chip_items(items, (badge.shared_text(), width), (x, y), colors, palette, ascent)
}

/// Draws a chip of caption text (`text`, `width` wide) with its top left at `(x, y)`, filled
/// and inked in `(fill, ink)`; returns its width.
pub fn chip_items(
    items: &mut Vec<Item>,
    (text, width): (Arc<str>, f32),
    (x, y): (f32, f32),
    (fill, ink): (Rgba, Rgba),
    palette: &Palette,
    ascent: f32,
) -> f32 {
    let rect = Rect { x, y, w: width + 8.0, h: CAPTION_SIZE_BOX };
    items.push(Item::Rect { rect, radius: 3.0, fill, stroke: palette.text, stroke_width: 1.0 });
    let ty = rect.y + (rect.h - text::CAPTION_SIZE) / 2.0 - 1.0;
    items.push(Item::Text {
        x: rect.x + 4.0,
        y: ty,
        baseline: ty + ascent * text::CAPTION_SIZE,
        width,
        text,
        size: text::CAPTION_SIZE,
        color: ink,
    });
    rect.w
}

/// The role captions, in [`Role::ALL`] order.
const CAPTIONS: [&str; 4] = ["CLAIM", "REASON", "OBJECTION", "REBUTTAL"];

/// The captions' and badges' words (in [`Role::ALL`] and [`Badge::ALL`] order), each made once
/// and shared by every box that shows it: a picture of 100,000 boxes holds no copy of its own
/// (each a small allocation to make, and to free when the picture goes).
static WORDS: std::sync::LazyLock<Words> =
    std::sync::LazyLock::new(|| (CAPTIONS.map(Arc::from), Badge::ALL.map(|b| Arc::from(b.text()))));

/// The captions' words, then the badges'.
type Words = ([Arc<str>; 4], [Arc<str>; 7]);

/// A role's caption, shared (see [`WORDS`]).
fn caption(role: Role) -> Arc<str> {
    WORDS.0[role as usize].clone()
}

/// A relation's tag beside its arrow's first leg: top down, right of it (or `left`) just above
/// `start` (the premise's near edge or the co-premises' bracket); stacked, above it, between the
/// premise and the lanes. On a patch of the background, so lines behind it never cross its
/// letters. Returns where it is.
fn push_tag(
    items: &mut Vec<Item>,
    prepared: &Prepared,
    tag: &Tag,
    (side, start): (Side, (f32, f32)),
    (color, patch): (Rgba, Rgba),
    left: bool,
) -> Rect {
    let size = text::CAPTION_SIZE;
    let h = tag.height();
    let (x, y) = match side {
        Side::Below => (if left { start.0 - 5.0 - tag.width } else { start.0 + 5.0 }, start.1 - 4.0 - h),
        Side::Right => (start.0 - 4.0 - BRACKET_RISE - tag.width, start.1 - 2.0 - h),
        Side::Left => (start.0 + 4.0 + BRACKET_RISE, start.1 - 2.0 - h),
    };
    items.push(Item::Rect {
        rect: Rect { x: x - 2.0, y, w: tag.width + 4.0, h },
        radius: 3.0,
        fill: patch,
        stroke: patch,
        stroke_width: 0.0,
    });
    for (k, (line, &width)) in tag.lines.iter().zip(&tag.widths).enumerate() {
        let y = y + k as f32 * size * 1.3;
        let text = Arc::clone(line);
        items.push(Item::Text { x, y, baseline: y + prepared.ascent_ratio * size, width, text, size, color });
    }
    Rect { x, y, w: tag.width, h }
}

#[cfg(test)]
mod tests;
