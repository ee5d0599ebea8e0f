//! What a panel sees: read-only views of the document, the derived data, the settings and the
//! gesture going on. Panels change only the view and their own state, and push
//! [`super::action::Action`]s for everything else.

use super::action::Gesture;
use super::derived::Derived;
use super::document::Document;
use super::settings::Settings;

/// Read-only views a panel draws from.
#[derive(Clone, Copy)]
pub struct PanelContext<'a> {
    /// The open map and its history.
    pub doc: &'a Document,
    /// Layout, scene and evaluation of the map (none before the first frame).
    pub derived: Option<&'a Derived>,
    /// What persists between runs.
    pub settings: &'a Settings,
    /// The gesture going on, if any.
    pub gesture: Option<&'a Gesture>,
    /// Statements whose quote is no longer found in their document (where it was read).
    pub drifted: &'a [crate::model::StatementId],
    /// The map compared with another version of it, while it is.
    pub comparison: Option<&'a super::compare::Comparison>,
    /// The argument schemes: the shipped ones and the user's.
    pub schemes: &'a crate::schemes::Catalogue,
    /// The others in a live session, with what they have selected.
    pub people: &'a [crate::live::session::Person],
}

/// The id of a statement's box widget on the canvas (the app gives it the focus).
pub fn box_id(id: &str) -> egui::Id {
    egui::Id::unique(("statement", id))
}

/// The id of the text field a statement is typed in on the canvas.
pub fn editor_id() -> egui::Id {
    egui::Id::unique("statement-editor")
}

/// The id of the map's background on the canvas.
pub fn map_id() -> egui::Id {
    egui::Id::unique("canvas-background")
}

pub use crate::printable::short;
