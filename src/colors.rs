//! The colours of a map's pictures: each theme's palette, the role colours, the hues of group
//! frames. Plain data, no drawing: the scene, every renderer, the app and the text exports
//! (Graphviz DOT) take their colours from here.

use crate::model::Role;

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

/// The hues of groups, in group order (then again): slate, violet, teal, olive; none of the
/// role colours, so a frame never reads as a reason or an objection.
const HUES: [Rgba; 4] = [Rgba::hex(0x5b7b9a), Rgba::hex(0x8a64a8), Rgba::hex(0x3f9a96), Rgba::hex(0x9a8a3f)];

/// The hue of the group at `place`.
pub fn hue(place: u32) -> Rgba {
    HUES[place as usize % HUES.len()]
}

/// Mixes two colours: `t` = 0 gives `a`, 1 gives `b`.
pub fn mix(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Rgba([m(a.0[0], b.0[0]), m(a.0[1], b.0[1]), m(a.0[2], b.0[2]), 255])
}

/// The colours of people in a live session (their selection rings and names): strong,
/// told apart from each other and from the role colours (green reasons, red objections).
const PEOPLE: [[u8; 3]; 8] = [
    [0x1f, 0x6f, 0xd1],
    [0xd1, 0x6b, 0x00],
    [0x8e, 0x3c, 0xc8],
    [0x00, 0x8c, 0x8c],
    [0xc2, 0x18, 0x7a],
    [0x6d, 0x6a, 0x00],
    [0x3d, 0x4f, 0xb8],
    [0x8a, 0x4b, 0x2a],
];

/// The colour of the person whose session number is `id` (the same on every machine).
pub fn person(id: u64) -> [u8; 3] {
    PEOPLE[(id % PEOPLE.len() as u64) as usize]
}
