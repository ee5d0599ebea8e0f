//! Selection and keyboard focus are one: when the selection moves (arrow keys, a click, a link,
//! search, back and forward, a statement added and kept), the selected box takes the focus, so
//! a screen reader announces it. The focus is not taken from a text field being typed in.

use super::App;
use crate::model::StatementId;
use crate::ui::panel::{box_id, editor_id};

/// How many frames a focus request is repeated while the box is not yet drawn (the camera is
/// still moving to it).
const TRIES: u8 = 3;

/// The focus the app is handing to a box.
#[derive(Debug, Default)]
pub struct FocusFollow {
    /// The selection last seen.
    seen: Option<StatementId>,
    /// Whether a statement was being typed last frame.
    was_typing: bool,
    /// Whether another text field (search, the inspector) had the keyboard last frame.
    was_in_field: bool,
    /// The box to focus, and how many more frames to try.
    pending: Option<(StatementId, u8)>,
}

impl App {
    /// Moves the focus to the selected box when the selection moved or typing ended.
    pub(super) fn focus_selection(&mut self, ctx: &egui::Context) {
        let typing = matches!(self.gesture, Some(crate::ui::Gesture::Typing(_)));
        let f = &mut self.window.focus;
        let moved = f.seen != self.view.selected;
        let typed = f.was_typing && !typing;
        // Leaving a field (Escape from search, Enter in the inspector) gives the map the keyboard
        // back, at the selected box.
        let in_field = ctx.text_edit_focused();
        let left_field = f.was_in_field && ctx.memory(|m| m.focused()).is_none();
        f.was_in_field = in_field;
        f.seen.clone_from(&self.view.selected);
        f.was_typing = typing;
        if typing {
            // The statement's text field has the keyboard until it is kept or dropped.
            f.pending = None;
            return;
        }
        if moved || typed || left_field {
            // After typing, one frame later: the box's new name reaches the screen reader
            // before the focus does, so it announces the text just typed.
            let tries = if typed { TRIES + 1 } else { TRIES };
            f.pending = self.view.selected.clone().map(|id| (id, tries));
        }
        let Some((id, tries)) = f.pending.take() else { return };
        if tries > TRIES {
            f.pending = Some((id, tries - 1));
            ctx.request_repaint();
            return;
        }
        let target = box_id(&id);
        if ctx.memory(|m| m.focused()) == Some(target) || self.modal.is_some() {
            return;
        }
        // Typing in another field (the inspector, the Argdown pane, search): leave it there.
        if ctx.text_edit_focused() && !ctx.memory(|m| m.focused()).is_some_and(|f| f == editor_id()) {
            return;
        }
        ctx.memory_mut(|m| m.request_focus(target));
        if tries > 1 {
            f.pending = Some((id, tries - 1));
        }
    }
}
