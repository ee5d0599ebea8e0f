//! The Argdown pane's two ways: the text read back into the map after a pause in typing (one
//! undoable edit, made by `edit::reconcile`, so pins, marks and ratings stay), and written again
//! from the map after any other change (a canvas edit, undo, another map).

use super::App;
use crate::interop::argdown;
use crate::model::ArgumentMap;
use crate::ui::argdown as argdown_pane;

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
        let current = self.doc.stamp();
        // Leaving the text (a click on the canvas, a menu) reads it at once: what comes next
        // starts from the map the text says.
        let typing = ctx.memory(|m| m.has_focus(argdown_pane::field_id()));
        match self.text_pane.typed_at {
            Some(at) if now - at >= READ_BACK_AFTER || !typing => self.read_text_back(now),
            Some(at) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(READ_BACK_AFTER - (now - at)))
            }
            None if self.text_pane.synced != Some(current) => self.write_text(ctx),
            None => {}
        }
    }

    /// Writes the map into the pane (what the text said before is the map's now), keeping the
    /// user's place: the cursor stays on the statement it was on. Text with an error that the
    /// map never took is kept aside, to be brought back.
    fn write_text(&mut self, ctx: &egui::Context) {
        let new = argdown::export(self.doc.map()).0;
        let pane = &mut self.text_pane;
        let place = pane.cursor.map(|at| keep_place(&pane.text, at, &new, self.doc.map()));
        if pane.error.is_some() && pane.text != new {
            pane.stash = Some(std::mem::replace(&mut pane.text, new));
        } else {
            pane.text = new;
        }
        pane.synced = Some(self.doc.stamp());
        pane.error = None;
        pane.approximated.clear();
        pane.good.clone_from(&pane.text);
        pane.undone = None;
        if let Some((at, line)) = place {
            let field = argdown_pane::field_id();
            if let Some(mut state) = egui::TextEdit::load_state(ctx, field) {
                let cursor = egui::text::CCursor::new(at);
                state.cursor.set_char_range(Some(egui::text::CCursorRange::one(cursor)));
                state.store(ctx, field);
            }
            pane.cursor = Some(at);
            pane.cursor_line = Some(line);
            pane.reveal = Some(line);
        }
    }

    /// Reads the pane's text back: the map becomes what it says (one undo step), or, when it
    /// cannot be read, keeps its last good state and the error shows on its line.
    pub(super) fn read_text_back(&mut self, now: f64) {
        self.text_pane.typed_at = None;
        let title = self.doc.map().title.clone();
        match argdown::import(&self.text_pane.text, &title) {
            Ok(imported) => {
                self.text_pane.error = None;
                self.text_pane.good.clone_from(&self.text_pane.text);
                self.text_pane.approximated =
                    imported.warnings.iter().filter_map(|w| Some((w.line?, w.message.clone()))).collect();
                let edit = crate::edit::reconcile(self.doc.map(), &imported.map);
                let changes = matches!(&edit, crate::edit::Edit::Batch(list) if !list.is_empty());
                let burst = self.text_pane.last_step.is_some_and(|(revision, at)| {
                    revision == self.doc.history().revision() && now - at < BURST
                });
                let applied = match (changes, burst) {
                    (false, _) => false,
                    (true, true) => self.amend(edit),
                    (true, false) => self.edit(edit, "edit the Argdown text"),
                };
                if applied {
                    self.window.status = "The map follows the text.".into();
                    self.text_pane.last_step = Some((self.doc.history().revision(), now));
                }
                self.text_pane.synced = Some(self.doc.stamp());
            }
            Err(e) => {
                let line = e.position.map(|(l, _)| l);
                self.window.status = format!("The Argdown text has an error (the map is unchanged): {e}");
                self.text_pane.error = Some((line, e.message));
            }
        }
    }
}

impl App {
    /// Undo (`back`) or redo when typing in the Argdown pane is the last thing done. Text typed
    /// and not yet read is read first: if the map takes it, it is the newest step of the
    /// history, which undo then takes back like any other. If the map cannot take it (the text
    /// has an error), undo puts back the last text the map took, and the map is not touched;
    /// redo brings the typing back. Returns whether it undid or redid typing (the map's history
    /// is then left alone).
    pub(super) fn undo_typing(&mut self, back: bool, now: f64) -> bool {
        if let Some(typed) = self.text_pane.typed_at {
            self.read_text_back(typed);
        }
        let pane = &mut self.text_pane;
        if back && pane.error.is_some() {
            let good = pane.good.clone();
            pane.undone = Some(std::mem::replace(&mut pane.text, good));
            pane.error = None;
            pane.approximated.clear();
            self.window.status = "Undid typing in the Argdown text (the map had not taken it).".into();
            return true;
        }
        if !back
            && pane.text == pane.good
            && let Some(text) = pane.undone.take()
        {
            pane.text = text;
            pane.typed_at = Some(now);
            self.window.status = "Redid typing in the Argdown text.".into();
            return true;
        }
        false
    }
}

/// Where a cursor at character `at` of `old` belongs in `new`: on the line that names the same
/// statement (or the same line, if it named none or the statement is gone), at the same column
/// as far as the line allows. Returns the character index and the line (from 1).
fn keep_place(old: &str, at: usize, new: &str, map: &ArgumentMap) -> (usize, usize) {
    let line = argdown_pane::line_at(old, at);
    let column = old.chars().take(at).collect::<Vec<_>>().iter().rev().take_while(|&&c| c != '\n').count();
    let target = argdown_pane::statement_on(old, line, map)
        .and_then(|id| argdown_pane::line_of(new, &id))
        .unwrap_or(line)
        .clamp(1, new.lines().count().max(1));
    let start: usize = new.split_inclusive('\n').take(target - 1).map(|l| l.chars().count()).sum();
    let length = new.lines().nth(target - 1).map_or(0, |l| l.chars().count());
    (start + column.min(length), target)
}

#[cfg(test)]
mod tests {
    use super::keep_place;

    #[test]
    fn the_cursor_stays_on_its_statement_when_lines_move_above_it() {
        let map = crate::synth::generate(5, 1);
        let ids: Vec<_> = map.statements().map(|s| s.id.clone()).collect();
        let old = format!("[{}]\n  + [{}]: x\n", ids[0], ids[1]);
        let new = format!("[{}]\n  - [{}]: new\n  + [{}]: x\n", ids[0], ids[2], ids[1]);
        let at = old.find(": x").unwrap() + 2;
        let (to, line) = keep_place(&old, at, &new, &map);
        assert_eq!(line, 3);
        assert_eq!(&new[to..to + 1], "x", "same statement, same column");
        // A line naming nothing keeps its number, its column clamped.
        let (to, line) = keep_place("a\nbbbbbb\n", 8, "a\nb\n", &map);
        assert_eq!((to, line), (3, 2));
    }
}
