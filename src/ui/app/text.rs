//! The Argdown pane in the app: [`TextSync`] says when the text is to be read back or written
//! again, and proposes the edit; the app applies it like any other, and keeps the status line.

use super::App;
use crate::ui::argdown as argdown_pane;
use crate::ui::text_sync::{Due, ReadBack};

impl App {
    /// Keeps the pane's text and the map saying the same, while the pane is open.
    pub(super) fn refresh_text(&mut self, ctx: &egui::Context) {
        if !self.view.argdown {
            return;
        }
        let now = ctx.input(|i| i.time);
        // Leaving the text (a click on the canvas, a menu) reads it at once: what comes next
        // starts from the map the text says.
        let focused = ctx.memory(|m| m.has_focus(argdown_pane::field_id()));
        match self.text_pane.due(self.doc.stamp(), now, focused) {
            Due::Read => self.read_text_back(now),
            Due::Wait(seconds) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds)),
            Due::Write => self.text_pane.write(&self.doc, ctx),
            Due::Nothing => {}
        }
    }

    /// Text typed in the Argdown pane and not read yet is read now (before an action that may
    /// change the map: it was typed first).
    pub(super) fn settle_text(&mut self) {
        if let Some(typed) = self.text_pane.standing().typed_at() {
            self.read_text_back(typed);
        }
    }

    /// Reads the pane's text back: the map becomes what it says (one undo step, or part of the
    /// last one in a burst of typing), or, when it cannot be read, keeps its last good state and
    /// the error shows on its line.
    fn read_text_back(&mut self, now: f64) {
        match self.text_pane.read_back(&self.doc, now) {
            ReadBack::Same => {}
            ReadBack::Edit { edit, amend } => {
                let taken = if amend { self.amend(edit) } else { self.edit(edit, "edit the Argdown text") };
                if taken {
                    self.window.status = "The map follows the text.".into();
                }
                self.text_pane.took(&self.doc, taken, now);
            }
            ReadBack::Error(e) => {
                self.window.status = format!("The Argdown text has an error (the map is unchanged): {e}");
            }
        }
    }

    /// Undo (`back`) or redo when typing in the Argdown pane is the last thing done. Text typed
    /// and not yet read is read first: if the map takes it, it is the newest step of the
    /// history, which undo then takes back like any other. If the map cannot take it (the text
    /// has an error), undo puts back the last text the map took, and the map is not touched;
    /// redo brings the typing back. Returns whether it undid or redid typing (the map's history
    /// is then left alone).
    pub(super) fn undo_typing(&mut self, back: bool, now: f64) -> bool {
        self.settle_text();
        match self.text_pane.undo_typing(back, now) {
            Some(said) => {
                self.window.status = said.into();
                true
            }
            None => false,
        }
    }
}
