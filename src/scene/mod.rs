//! The drawing of a map as a render-agnostic scene: rectangles, text lines, lines, arrowheads and
//! circles in map coordinates. The canvas paints a scene with egui; exporters write the same scene
//! to other formats, so every picture of a map looks the same.
//!
//! Rationale's grammar: claims blue, reasons green, objections red, rebuttals orange; a support
//! is a solid arrow, an objection a dashed one (so the map reads in grey-scale too); co-premises of
//! one relation are joined by one bracket with one arrow; a statement with a source has a marker.
//!
//! Must not touch: egui's UI (only its text layout, through [`text`]), files.

pub mod text;

use crate::eval::{Evaluation, Label};
use crate::layout::{Layout, Rect};
use crate::model::{Mark, Rating, Relation, RelationId, RelationKind, Role, StatementId, Topology};
use std::collections::HashSet;
use std::sync::Arc;
pub use text::Typesetter;

/// Width of a statement's box.
pub const BOX_W: f32 = 240.0;
/// Width of a claim's box.
pub const CLAIM_W: f32 = 300.0;
/// Padding inside a box.
pub const PAD: f32 = 10.0;
/// Height of the role caption row.
pub const CAPTION_H: f32 = 14.0;
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
pub const TAG_MAX_W: f32 = BOX_W / 2.0 + 4.0;

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// An opaque colour from a hex triple such as `0x3c8d2f`.
    pub const fn hex(rgb: u32) -> Self {
        Self([(rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 255])
    }
}

/// The colours of one role.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RoleColors {
    /// Box fill.
    pub fill: Rgba,
    /// Box border, caption and arrows from the role's statements.
    pub stroke: Rgba,
}

/// The colours of a theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Behind the map.
    pub background: Rgba,
    /// Statement text.
    pub text: Rgba,
    /// Secondary text (legend, title line).
    pub weak_text: Rgba,
    /// Claims, reasons, objections, rebuttals, in [`Role::ALL`] order.
    pub roles: [RoleColors; 4],
}

impl Palette {
    /// The light theme.
    pub const LIGHT: Palette = Palette {
        dark: false,
        background: Rgba::hex(0xfafaf7),
        text: Rgba::hex(0x1d1d1f),
        weak_text: Rgba::hex(0x5f6368),
        roles: [
            RoleColors { fill: Rgba::hex(0xdde9f8), stroke: Rgba::hex(0x2f62a3) },
            RoleColors { fill: Rgba::hex(0xdff1d6), stroke: Rgba::hex(0x2e7d32) },
            RoleColors { fill: Rgba::hex(0xf9dcda), stroke: Rgba::hex(0xc62828) },
            RoleColors { fill: Rgba::hex(0xfde7c8), stroke: Rgba::hex(0xd66a00) },
        ],
    };

    /// The dark theme.
    pub const DARK: Palette = Palette {
        dark: true,
        background: Rgba::hex(0x1b1c1e),
        text: Rgba::hex(0xeceff1),
        weak_text: Rgba::hex(0xa0a4a8),
        roles: [
            RoleColors { fill: Rgba::hex(0x1f3350), stroke: Rgba::hex(0x7fb0f0) },
            RoleColors { fill: Rgba::hex(0x1f3a22), stroke: Rgba::hex(0x7cc97f) },
            RoleColors { fill: Rgba::hex(0x4a2020), stroke: Rgba::hex(0xf08080) },
            RoleColors { fill: Rgba::hex(0x4a3214), stroke: Rgba::hex(0xf5a54a) },
        ],
    };

    /// The palette of a theme.
    pub fn of(dark: bool) -> Palette {
        if dark { Self::DARK } else { Self::LIGHT }
    }

    /// The colours of a role.
    pub fn role(&self, role: Role) -> RoleColors {
        self.roles[role as usize]
    }
}

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
}

/// The wrapped text and box size of every statement, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// Wrapped text per statement (shared with the typesetter's cache: an unchanged text is
    /// never wrapped or copied again).
    pub wrapped: Vec<Arc<text::Wrapped>>,
    /// Width of each statement's role caption.
    pub caption_widths: Vec<f32>,
    /// Width of each evaluation badge's text, in [`Badge::ALL`] order.
    pub badge_widths: [f32; 5],
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
    /// Each relation's tag, in [`Topology::relations`] order (see [`tags`]). A tag never moves a
    /// box, so an edit that keeps the layout makes these again ([`tags`]) and keeps the rest.
    pub tags: Vec<Option<Tag>>,
}

/// A relation's tag on the map: its title (Argdown's argument title, an AIF scheme) and the
/// user's rating, written beside the start of its arrow, in the arrow's colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    /// The text, shortened with "…" to fit [`TAG_MAX_W`].
    pub text: Arc<str>,
    /// Its width.
    pub width: f32,
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
/// (never the rating) to fit [`TAG_MAX_W`].
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
    let width = ts.width(&full, text::CAPTION_SIZE);
    if width <= TAG_MAX_W {
        return Some(Tag { text: Arc::from(full), width });
    }
    // The longest start of the title that fits with "…" (at least one character).
    let chars: Vec<char> = title.unwrap_or_default().chars().collect();
    let shortened =
        |k: usize| compose(Some(&format!("{}…", chars[..k].iter().collect::<String>().trim_end())));
    let (mut lo, mut hi) = (1, chars.len().max(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if ts.width(&shortened(mid), text::CAPTION_SIZE) <= TAG_MAX_W { lo = mid } else { hi = mid - 1 }
    }
    let text = if chars.is_empty() { full } else { shortened(lo.min(chars.len())) };
    let width = ts.width(&text, text::CAPTION_SIZE);
    Some(Tag { text: Arc::from(text), width })
}

/// Every relation's tag, in [`Topology::relations`] order; only relations with a title or a
/// rating reach the typesetter.
pub fn tags(topo: &Topology<'_>, ts: &mut Typesetter) -> Vec<Option<Tag>> {
    topo.relations
        .iter()
        .map(|r| {
            if r.relation.label.is_some() || r.relation.rating.is_some() { tag(r.relation, ts) } else { None }
        })
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
}

impl Badge {
    /// All badges, in the order of [`Prepared::badge_widths`].
    pub const ALL: [Badge; 5] = [Badge::In, Badge::Out, Badge::Undecided, Badge::Rejected, Badge::Given];

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
        }
    }
}

/// Mixes two colours: `t` = 0 gives `a`, 1 gives `b`.
fn mix(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Rgba([m(a.0[0], b.0[0]), m(a.0[1], b.0[1]), m(a.0[2], b.0[2]), 255])
}

/// Wraps every statement's text and sizes its box. Texts wrapped before (by this typesetter)
/// come from its cache, so after an edit only the changed statement is wrapped again.
pub fn prepare(topo: &Topology<'_>, ts: &mut Typesetter) -> Prepared {
    prepare_reusing(topo, ts, None)
}

/// How far [`prepare_reusing`] looks ahead in the old map for a statement that moved up.
const REALIGN: usize = 8;

/// [`prepare`], taking each statement's wrapped text out of `previous` (the same map before an
/// edit; its per-statement lists are taken, leaving them empty) where the statement's revision and box width are unchanged:
/// after one edit on a large map only what changed is wrapped or even looked up, and no text is
/// read. The maps are walked side by side in file order (an edit inserts or removes a few
/// statements); a statement found nowhere near its old place goes through the typesetter's cache,
/// so the result is always what [`prepare`] would give.
pub fn prepare_reusing(
    topo: &Topology<'_>,
    ts: &mut Typesetter,
    previous: Option<&mut Prepared>,
) -> Prepared {
    let mut out = Prepared { ascent_ratio: ts.ascent_ratio(), roles: topo.roles(), ..Prepared::default() };
    out.line_height = ts.wrap("H", text::TEXT_SIZE, f32::INFINITY).line_height;
    let caption_widths = Role::ALL.map(|r| ts.width(&r.as_str().to_uppercase(), text::CAPTION_SIZE));
    out.badge_widths = Badge::ALL.map(|b| ts.width(b.text(), text::CAPTION_SIZE));
    let n = topo.len();
    out.wrapped.reserve(n);
    out.sizes.reserve(n);
    out.caption_widths.reserve(n);
    out.revisions = topo.revisions.clone();
    let line_height = out.line_height;
    let (old_revisions, old_sizes, mut old_wrapped) = match previous {
        Some(p) if p.line_height == line_height && p.wrapped.len() == p.revisions.len() => {
            (std::mem::take(&mut p.revisions), std::mem::take(&mut p.sizes), std::mem::take(&mut p.wrapped))
        }
        _ => Default::default(),
    };
    // With nothing to take over (a map just opened, an export), a large map's texts are wrapped
    // all at once, on every core.
    let mut fresh = if old_revisions.is_empty() {
        let jobs: Vec<(&str, f32)> = topo
            .statements
            .iter()
            .zip(&out.roles)
            .map(|(s, &role)| {
                (s.text.as_str(), if role == Role::Claim { CLAIM_W } else { BOX_W } - 2.0 * PAD)
            })
            .collect();
        ts.wrap_all(&jobs, text::TEXT_SIZE).into_iter()
    } else {
        Vec::new().into_iter()
    };
    let mut old_wrapped = old_wrapped.drain(..);
    let mut taken = 0; // how many of `old_wrapped` the walk has passed
    let mut j = 0; // the old position walked alongside
    for (s, (&role, &rev)) in topo.statements.iter().zip(out.roles.iter().zip(&topo.revisions)) {
        let w = if role == Role::Claim { CLAIM_W } else { BOX_W };
        // Realign after removals or an edited statement (this one a few places further on); after
        // an insertion it is nowhere near: keep j.
        if old_revisions.get(j).is_some_and(|&r| r != rev)
            && let Some(skip) = old_revisions.iter().skip(j + 1).take(REALIGN).position(|&r| r == rev)
        {
            j += skip + 1;
        }
        let kept = if old_revisions.get(j) == Some(&rev) && old_sizes.get(j).is_some_and(|s| s.0 == w) {
            let wrapped = old_wrapped.nth(j - taken);
            taken = j + 1;
            j += 1;
            wrapped
        } else {
            None
        };
        let wrapped =
            kept.or_else(|| fresh.next()).unwrap_or_else(|| ts.wrap(&s.text, text::TEXT_SIZE, w - 2.0 * PAD));
        let lines = wrapped.lines.len().max(1) as f32;
        out.sizes.push((w, PAD + CAPTION_H + 4.0 + lines * line_height + PAD));
        out.wrapped.push(wrapped);
        out.caption_widths.push(caption_widths[role as usize]);
    }
    out.tags = tags(topo, ts);
    out
}

/// Builds the scene of a laid-out map. `shown`, if given, limits the drawing to those statements
/// (focus mode); statements the layout hides (collapsed branches) are never drawn. With an
/// `evaluation`, every box carries its badge and `out` boxes are faded.
pub fn build(
    topo: &Topology<'_>,
    layout: &Layout,
    prepared: &Prepared,
    palette: &Palette,
    shown: Option<&HashSet<StatementId>>,
    evaluation: Option<&Evaluation>,
) -> Scene {
    let mut scene = Scene::default();
    rebuild(&mut scene, topo, layout, prepared, palette, shown, evaluation);
    scene
}

/// [`build`] into an old scene, keeping the memory of its lists: after an edit on a large map the
/// drawing is remade in place, without asking the system for fresh pages.
pub fn rebuild(
    scene: &mut Scene,
    topo: &Topology<'_>,
    layout: &Layout,
    prepared: &Prepared,
    palette: &Palette,
    shown: Option<&HashSet<StatementId>>,
    evaluation: Option<&Evaluation>,
) {
    scene.items.clear();
    scene.boxes.clear();
    scene.tags.clear();
    scene.bounds = None;
    // Room for the arrows (a line and a head each, brackets for co-premises) up front.
    scene.items.reserve(3 * topo.relations.len());
    scene.boxes.reserve(layout.placed.len());
    let drawn: Vec<bool> = (0..topo.len())
        .map(|s| {
            layout.by_position.get(s).is_some_and(Option::is_some)
                && shown.is_none_or(|set| set.contains(topo.statements[s].id.as_str()))
        })
        .collect();
    let role_of = |s: usize| prepared.roles.get(s).copied().unwrap_or(Role::Claim);
    let rect_of = |s: usize| layout.rect_at(s).unwrap_or(Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 });

    // Relations first, so boxes are painted over them. Arrows into one box spread along its
    // bottom edge, in the order of the boxes below it (left to right by their leftmost premise).
    let shows = |r: &crate::model::Rel<'_>| drawn[r.conclusion] && r.premises.iter().any(|&p| drawn[p]);
    let mut relations: Vec<(f32, usize)> = topo
        .relations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.undercuts.is_none() && shows(r))
        .map(|(i, r)| {
            let x = r
                .premises
                .iter()
                .filter(|&&p| drawn[p])
                .map(|&p| rect_of(p).center().0)
                .fold(f32::INFINITY, f32::min);
            (x, i)
        })
        .collect();
    relations.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut slots = vec![(0usize, 0usize); topo.len()]; // per conclusion: (next, count)
    for &(_, r) in &relations {
        slots[topo.relations[r].conclusion].1 += 1;
    }
    // Where each drawn relation's arrow can be met by an undercut.
    let mut anchors: Vec<Option<(f32, f32)>> = vec![None; topo.relations.len()];
    // Where each drawn relation's arrow starts, and its colour (for its tag).
    let mut starts: Vec<Option<((f32, f32), Rgba)>> = vec![None; topo.relations.len()];
    let from_premises = |items: &mut Vec<Item>, rel: &crate::model::Rel<'_>| {
        let premises: Vec<Rect> = rel.premises.iter().filter(|&&p| drawn[p]).map(|&p| rect_of(p)).collect();
        let first_premise = rel.premises.iter().find(|&&p| drawn[p]).map_or(Role::Claim, |&p| role_of(p));
        let color = palette.role(first_premise).stroke;
        (bracket(items, &premises, color), color)
    };
    for &(_, r) in &relations {
        let rel = &topo.relations[r];
        let target = rect_of(rel.conclusion);
        let (start, color) = from_premises(&mut scene.items, rel);
        let slot = &mut slots[rel.conclusion];
        let t = (slot.0 as f32 + 1.0) / (slot.1 as f32 + 1.0);
        slot.0 += 1;
        let spread = target.w - 2.0 * PAD;
        let end = (target.x + PAD + spread * t, target.bottom());
        let dashed = rel.kind == RelationKind::Objection;
        anchors[r] = Some(push_arrow(&mut scene.items, start, end, color, dashed));
        starts[r] = Some((start, color));
    }
    // Undercuts meet the middle of the arrow they object to.
    for (r, rel) in topo.relations.iter().enumerate() {
        let Some(anchor) = rel.undercuts.and_then(|t| anchors[t]) else { continue };
        if !shows(rel) {
            continue;
        }
        let (start, color) = from_premises(&mut scene.items, rel);
        push_undercut(&mut scene.items, start, anchor, color);
        starts[r] = Some((start, color));
    }
    // Tags, last, then the boxes (painted over the arrows).
    if prepared.tags.iter().any(Option::is_some) {
        push_tags(scene, topo, prepared, &starts);
    }
    push_boxes(scene, layout, topo, prepared, &drawn, evaluation);
}

/// The relations' tags, beside their arrow's first leg (`starts`: where each drawn relation's
/// arrow starts, and its colour), on the side no undercut comes in from.
fn push_tags(
    scene: &mut Scene,
    topo: &Topology<'_>,
    prepared: &Prepared,
    starts: &[Option<((f32, f32), Rgba)>],
) {
    let mut undercut_from = vec![(false, false); topo.relations.len()]; // (left, right)
    for (rel, start) in topo.relations.iter().zip(starts) {
        let (Some(t), Some(((x, _), _))) = (rel.undercuts, start) else { continue };
        if let (Some(((tx, _), _)), Some(from)) = (starts[t], undercut_from.get_mut(t)) {
            if *x < tx { from.0 = true } else { from.1 = true }
        }
    }
    for (r, start) in starts.iter().enumerate() {
        let (Some(Some(tag)), Some((start, color))) = (prepared.tags.get(r), start) else { continue };
        let left = undercut_from[r] == (false, true);
        let rect = push_tag(&mut scene.items, prepared, tag, *start, *color, left);
        scene.tags.push((rect, topo.relations[r].id));
    }
}

/// The boxes, in layout order: only their specs. Their items (rectangle, caption, text lines,
/// badge, marker) are made when painted or exported ([`box_items`]), so an edit does not
/// re-create the text of every box of the map.
fn push_boxes(
    scene: &mut Scene,
    layout: &Layout,
    topo: &Topology<'_>,
    prepared: &Prepared,
    drawn: &[bool],
    evaluation: Option<&Evaluation>,
) {
    for (i, slot) in layout.by_position.iter().enumerate() {
        let Some(slot) = *slot else { continue };
        if !drawn[i] {
            continue;
        }
        let placed = &layout.placed[slot];
        let role = prepared.roles.get(i).copied().unwrap_or(Role::Claim);
        let badge =
            evaluation.and_then(|e| Some(Badge::of(*e.labels.get(i)?, e.marks.get(i).copied().flatten())));
        let r = placed.rect;
        scene.bounds = Some(scene.bounds.map_or(r, |b| b.union(&r)));
        scene.boxes.push(SceneBox {
            rect: r,
            role,
            badge,
            position: i,
            has_source: topo.statements[i].source.is_some(),
        });
    }
}

impl Scene {
    /// Appends the items of every box (after the relations, so boxes paint over arrows): the
    /// complete drawing, for exporters.
    pub fn expand_boxes(&mut self, prepared: &Prepared, palette: &Palette) {
        let mut items = std::mem::take(&mut self.items);
        for b in &self.boxes {
            box_items(&mut items, b, prepared, palette, true);
        }
        self.items = items;
    }
}

/// The items of one box: its rectangle and, with `detail`, its caption, text lines, badge and
/// source marker. `out`-labelled boxes are faded.
pub fn box_items(items: &mut Vec<Item>, b: &SceneBox, prepared: &Prepared, palette: &Palette, detail: bool) {
    let i = b.position;
    let mut colors = palette.role(b.role);
    let faded = matches!(b.badge, Some(Badge::Out | Badge::Rejected));
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
        text: Arc::from(CAPTIONS[b.role as usize]),
        size: text::CAPTION_SIZE,
        color: colors.stroke,
    });
    let mut y = r.y + PAD + CAPTION_H + 4.0;
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
    if let Some(badge) = b.badge {
        // Right of the caption row, left of the source marker: dark for out, light for in,
        // grey for undecided, so it reads in grey-scale too.
        let w = prepared.badge_widths[Badge::ALL.iter().position(|x| *x == badge).unwrap_or(0)];
        let right = r.right() - PAD - if b.has_source { 2.0 * MARKER_R + 2.0 } else { 0.0 };
        let rect = Rect { x: right - w - 8.0, y: r.y + PAD - 4.0, w: w + 8.0, h: CAPTION_SIZE_BOX };
        let (fill, ink) = match badge {
            Badge::In | Badge::Given => (palette.background, palette.text),
            Badge::Out | Badge::Rejected => (palette.text, palette.background),
            Badge::Undecided => (palette.weak_text, palette.background),
        };
        items.push(Item::Rect { rect, radius: 3.0, fill, stroke: palette.text, stroke_width: 1.0 });
        let ty = rect.y + (rect.h - text::CAPTION_SIZE) / 2.0 - 1.0;
        items.push(Item::Text {
            x: rect.x + 4.0,
            y: ty,
            baseline: ty + prepared.ascent_ratio * text::CAPTION_SIZE,
            width: w,
            text: Arc::from(badge.text()),
            size: text::CAPTION_SIZE,
            color: ink,
        });
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

/// The role captions, in [`Role::ALL`] order.
const CAPTIONS: [&str; 4] = ["CLAIM", "REASON", "OBJECTION", "REBUTTAL"];

/// The point an arrow from some premises starts at: the top centre of a single premise, or the
/// middle of the bracket that joins co-premises (drawn here).
fn bracket(items: &mut Vec<Item>, premises: &[Rect], color: Rgba) -> (f32, f32) {
    match premises {
        [] => (0.0, 0.0),
        [r] => (r.center().0, r.y),
        _ => {
            let top = premises.iter().map(|r| r.y).fold(f32::INFINITY, f32::min) - BRACKET_RISE;
            let left = premises.iter().map(|r| r.center().0).fold(f32::INFINITY, f32::min);
            let right = premises.iter().map(|r| r.center().0).fold(f32::NEG_INFINITY, f32::max);
            for r in premises {
                items.push(Item::Line {
                    points: smallvec::smallvec![(r.center().0, r.y), (r.center().0, top)],
                    color,
                    width: 2.0,
                    dashed: false,
                });
            }
            items.push(Item::Line {
                points: smallvec::smallvec![(left, top), (right, top)],
                color,
                width: 2.0,
                dashed: false,
            });
            ((left + right) / 2.0, top)
        }
    }
}

/// An arrow from `start` (a premise, below) up to `end` (its conclusion's bottom edge), routed
/// orthogonally: up, across at half height, up into the conclusion, with a fixed-size head.
/// When the premise is not below its conclusion (a cross-link or a pinned box), a straight line.
/// Returns the arrow's anchor for undercuts: the middle of its first leg.
fn push_arrow(
    items: &mut Vec<Item>,
    start: (f32, f32),
    end: (f32, f32),
    color: Rgba,
    dashed: bool,
) -> (f32, f32) {
    if start.1 > end.1 + 2.0 * HEAD {
        // One height for every arrow into a box, so arrows from its premises share one bus.
        let mid = end.1 + ((start.1 - end.1) / 2.0).min((crate::layout::V_GAP - BRACKET_RISE) / 2.0);
        let base = (end.0, end.1 + HEAD);
        let points = smallvec::smallvec![start, (start.0, mid), (end.0, mid), base];
        items.push(Item::Line { points, color, width: 2.0, dashed });
        let w = HEAD * 0.45;
        items.push(Item::Triangle { points: [end, (end.0 - w, base.1), (end.0 + w, base.1)], color });
        return (start.0, (start.1 + mid) / 2.0);
    }
    straight_arrow(items, start, end, color, dashed);
    ((start.0 + end.0) / 2.0, (start.1 + end.1) / 2.0)
}

/// A relation's tag beside its arrow's first leg (right of it, or `left`), just above `start`
/// (the premise's top or the co-premises' bracket), below the arrows' shared horizontal run.
/// Returns where it is.
fn push_tag(
    items: &mut Vec<Item>,
    prepared: &Prepared,
    tag: &Tag,
    start: (f32, f32),
    color: Rgba,
    left: bool,
) -> Rect {
    let size = text::CAPTION_SIZE;
    let y = start.1 - 4.0 - size * 1.3;
    let x = if left { start.0 - 5.0 - tag.width } else { start.0 + 5.0 };
    items.push(Item::Text {
        x,
        y,
        baseline: y + prepared.ascent_ratio * size,
        width: tag.width,
        text: Arc::clone(&tag.text),
        size,
        color,
    });
    Rect { x, y, w: tag.width, h: size * 1.3 }
}

/// A dashed arrow from an undercutting premise at `start` to `anchor` on another arrow: up to the
/// anchor's height, then across into it; a straight line when the anchor is not above.
fn push_undercut(items: &mut Vec<Item>, start: (f32, f32), anchor: (f32, f32), color: Rgba) {
    let across = anchor.0 - start.0;
    if start.1 > anchor.1 + HEAD && across.abs() > 2.0 * HEAD {
        let dir = across.signum();
        let base = (anchor.0 - dir * HEAD, anchor.1);
        items.push(Item::Line {
            points: smallvec::smallvec![start, (start.0, anchor.1), base],
            color,
            width: 2.0,
            dashed: true,
        });
        let w = HEAD * 0.45;
        items.push(Item::Triangle { points: [anchor, (base.0, base.1 - w), (base.0, base.1 + w)], color });
        return;
    }
    straight_arrow(items, start, anchor, color, true);
}

/// A straight arrow with its head at `end`.
fn straight_arrow(items: &mut Vec<Item>, start: (f32, f32), end: (f32, f32), color: Rgba, dashed: bool) {
    let (dx, dy) = (end.0 - start.0, end.1 - start.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let (ux, uy) = (dx / len, dy / len);
    let base = (end.0 - ux * HEAD, end.1 - uy * HEAD);
    let (px, py) = (-uy * HEAD * 0.45, ux * HEAD * 0.45);
    items.push(Item::Line { points: smallvec::smallvec![start, base], color, width: 2.0, dashed });
    items.push(Item::Triangle {
        points: [end, (base.0 + px, base.1 + py), (base.0 - px, base.1 - py)],
        color,
    });
}

#[cfg(test)]
mod tests;
