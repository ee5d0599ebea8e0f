//! The Argdown pane's two ways: the text read back into the map after a pause in typing (one
//! undoable edit, made by `edit::reconcile`, so pins, marks and ratings stay), and written again
//! from the map after any other change (a canvas edit, undo, another map).

use super::App;
use crate::interop::argdown;

/// How long typing pauses before the text is read back, in seconds.
pub const READ_BACK_AFTER: f64 = 0.3;
/// Typing again within this many seconds of the last read-back (no other edit between) makes
/// the same undo step: a burst of typing is one step.
pub const BURST: f64 = 3.0;

impl App {
    /// Keeps the pane's text and the map saying the same, while the pane is open.
    pub(super) fn refresh_text(&mut self, ctx: &egui::Context) {
        if !self.view.argdown {
            return;
        }
        let now = ctx.input(|i| i.time);
        let current = (self.doc.generation, self.doc.version);
        match self.text_pane.typed_at {
            Some(at) if now - at >= READ_BACK_AFTER => self.read_text_back(now),
            Some(at) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(READ_BACK_AFTER - (now - at)))
            }
            None if self.text_pane.synced != Some(current) => self.write_text(),
            None => {}
        }
    }

    /// Writes the map into the pane (what the text said before is the map's now).
    fn write_text(&mut self) {
        let pane = &mut self.text_pane;
        pane.text = argdown::export(&self.doc.map).0;
        pane.synced = Some((self.doc.generation, self.doc.version));
        pane.error = None;
        pane.approximated.clear();
    }

    /// Reads the pane's text back: the map becomes what it says (one undo step), or, when it
    /// cannot be read, keeps its last good state and the error shows on its line.
    pub(super) fn read_text_back(&mut self, now: f64) {
        self.text_pane.typed_at = None;
        let title = self.doc.map.title.clone();
        match argdown::import(&self.text_pane.text, &title) {
            Ok(imported) => {
                self.text_pane.error = None;
                self.text_pane.approximated =
                    imported.warnings.iter().filter_map(|w| Some((w.line?, w.message.clone()))).collect();
                let edit = crate::edit::reconcile(&self.doc.map, &imported.map);
                let changes = matches!(&edit, crate::edit::Edit::Batch(list) if !list.is_empty());
                let burst = self.text_pane.last_step.is_some_and(|(revision, at)| {
                    revision == self.doc.history.revision() && now - at < BURST
                });
                let applied = match (changes, burst) {
                    (false, _) => false,
                    (true, true) => self.amend(edit),
                    (true, false) => self.edit(edit, "edit the Argdown text"),
                };
                if applied {
                    self.status = "The map follows the text.".into();
                    self.text_pane.last_step = Some((self.doc.history.revision(), now));
                }
                self.text_pane.synced = Some((self.doc.generation, self.doc.version));
            }
            Err(e) => {
                let line = e.position.map(|(l, _)| l);
                self.status = format!("The Argdown text has an error (the map is unchanged): {e}");
                self.text_pane.error = Some((line, e.message));
            }
        }
    }
}
