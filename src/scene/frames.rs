//! Group frames: a tinted, labelled frame behind the members of each group. A frame never
//! covers a box outside its group: where one frame around all members would, the group is
//! framed in parts (each branch of members on its own, or at the last each member).

pub use crate::colors::hue;

use super::{Item, Palette, Rgba, Scene, mix, text};
use crate::layout::{Layout, Rect};

/// Room between a frame and the boxes it holds.
pub const FRAME_PAD: f32 = 5.0;
/// The height of the band above a frame's first part that holds its title.
pub const LABEL_H: f32 = 18.0;
/// The font size of a frame's title.
pub const TITLE_SIZE: f32 = text::CAPTION_SIZE + 2.0;

/// A drawn frame: its parts and its group's place among the map's groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The group's place in [`crate::model::ArgumentMap::groups`].
    pub group: u32,
    /// Its rectangles (one for a group drawn together).
    pub parts: Vec<Rect>,
    /// Where the title is drawn, if it found room, and the part it heads (in a band above it).
    pub label: Option<(Rect, usize)>,
}

/// A group frame's fill and border, for the group at `place`.
pub fn colors(palette: &Palette, place: u32) -> (Rgba, Rgba) {
    let color = hue(place);
    let fill_t = if palette.dark { 0.16 } else { 0.09 };
    (mix(palette.background, color, fill_t), mix(palette.background, color, 0.55))
}

/// Pushes the frame of every group with drawn members (`drawn`, by position) onto the scene,
/// behind everything pushed after, and records them in [`Scene::frames`].
pub(super) fn push(scene: &mut Scene, basis: super::Basis<'_>, drawn: &[bool], palette: &Palette) {
    let super::Basis { topo, layout, prepared } = basis;
    scene.frames.clear();
    let groups = topo.map.groups().len();
    if groups == 0 {
        return;
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for (slot, p) in layout.placed.iter().enumerate() {
        if let Some(g) = topo.groups.get(p.position).copied().flatten().filter(|_| drawn[p.position]) {
            members[g as usize].push(slot);
        }
    }
    for (g, slots) in members.iter().enumerate() {
        if slots.is_empty() {
            continue;
        }
        let foreign: Vec<Rect> = layout
            .placed
            .iter()
            .filter(|p| drawn[p.position] && topo.groups[p.position] != Some(g as u32))
            .map(|p| p.rect)
            .collect();
        let Some(parts) = parts(layout, slots, &foreign) else { continue };
        let title = prepared.group_titles.get(g).cloned().unwrap_or_default();
        let label = label(&parts, title.1, &foreign);
        let (fill, stroke) = colors(palette, g as u32);
        // The title's tab first, so that the part's fill covers where the two meet.
        if let Some((at, _)) = label {
            scene.items.push(Item::Rect { rect: tab(&at), radius: 6.0, fill, stroke, stroke_width: 1.0 });
        }
        for part in &parts {
            scene.items.push(Item::Rect { rect: *part, radius: 10.0, fill, stroke, stroke_width: 1.0 });
        }
        if let Some((at, _)) = label {
            let size = TITLE_SIZE;
            scene.items.push(Item::Text {
                x: at.x,
                y: at.y,
                baseline: at.y + prepared.ascent_ratio * size,
                width: title.1,
                text: title.0,
                size,
                color: mix(palette.text, hue(g as u32), 0.45),
            });
        }
        scene.frames.push(Frame { group: g as u32, parts, label });
    }
}

/// What the frames cover (their parts, and the tabs that carry their titles).
pub fn bounds(frames: &[Frame]) -> Option<Rect> {
    frames
        .iter()
        .flat_map(|f| f.parts.iter().copied().chain(f.label.map(|(at, _)| tab(&at))))
        .reduce(|a, b| a.union(&b))
}

/// The tab above a frame's part that holds its title at `at`: as wide as the title, from the
/// top of the band above the part down into the part's edge.
pub fn tab(at: &Rect) -> Rect {
    Rect { x: at.x - 8.0, y: at.y - 3.0, w: at.w + 16.0, h: LABEL_H + 2.0 }
}

/// The parts of one group's frame: all members in one, else each branch of members, else each
/// member; none where even a member's own frame would cover another box.
fn parts(layout: &Layout, slots: &[usize], foreign: &[Rect]) -> Option<Vec<Rect>> {
    let grow = |r: Rect| Rect {
        x: r.x - FRAME_PAD,
        y: r.y - FRAME_PAD,
        w: r.w + 2.0 * FRAME_PAD,
        h: r.h + 2.0 * FRAME_PAD,
    };
    let clear = |parts: &[Rect]| parts.iter().all(|p| foreign.iter().all(|f| !p.overlaps(f)));
    let bbox = |ss: &mut dyn Iterator<Item = usize>| {
        ss.map(|s| layout.placed[s].rect).reduce(|a, b| a.union(&b)).map(grow)
    };
    let whole: Vec<Rect> = bbox(&mut slots.iter().copied()).into_iter().collect();
    if clear(&whole) {
        return Some(whole);
    }
    // Branches: a member whose parent is not a member starts one; the others join their parent's.
    let mut branch_of: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut branches: Vec<Vec<usize>> = Vec::new();
    for &s in slots {
        // Slots are in pre-order: a member's parent comes before it.
        let parent_branch = layout.placed[s].parent.and_then(|p| branch_of.get(&p).copied());
        let b = parent_branch.unwrap_or_else(|| {
            branches.push(Vec::new());
            branches.len() - 1
        });
        branches[b].push(s);
        branch_of.insert(s, b);
    }
    let mut out = Vec::new();
    for b in &branches {
        match bbox(&mut b.iter().copied()) {
            Some(r) if clear(&[r]) => out.push(r),
            _ => out.extend(b.iter().map(|&s| grow(layout.placed[s].rect)).filter(|r| clear(&[*r]))),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Where the title goes: in a band above the first part whose band covers no other box (the
/// layout keeps room for it above where a group's run starts: `layout::TITLE_ROOM`), and which
/// part it heads.
fn label(parts: &[Rect], width: f32, foreign: &[Rect]) -> Option<(Rect, usize)> {
    if width <= 0.0 {
        return None;
    }
    let clear = |b: &Rect| foreign.iter().all(|f| !b.overlaps(f));
    parts.iter().enumerate().find_map(|(i, p)| {
        // The band above the part, from its left; else from just right of each box in the way.
        let w = (width + 16.0).min(p.w);
        let band = |x: f32| Rect { x, y: p.y - LABEL_H, w, h: LABEL_H };
        let whole = Rect { w: p.w, ..band(p.x) };
        let starts = std::iter::once(p.x)
            .chain(foreign.iter().filter(|f| f.overlaps(&whole)).map(|f| f.right() + 2.0));
        let x = starts.filter(|&x| x + w <= p.right()).find(|&x| clear(&band(x)))?;
        let b = band(x);
        Some((Rect { x: b.x + 8.0, y: b.y + 3.0, w: width.min(b.w - 16.0), h: LABEL_H - 4.0 }, i))
    })
}
