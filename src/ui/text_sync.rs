//! The Argdown pane's two ways, as a part of its own: the text read back into the map after a
//! pause in typing (proposed as one [`Edit`], made by `edit::reconcile`, so pins, marks and
//! ratings stay), and written again from the map after any other change (a canvas edit, undo,
//! another map). It owns the pane's state ([`TextPane`]) and where the text stands with the map;
//! it reads the document and proposes edits, and the app applies them.

use super::action::Action;
use super::argdown::{self as pane, TextPane};
use super::document::{Document, Stamp};
use super::view::View;
use crate::edit::Edit;
use crate::interop::argdown;
use crate::model::ArgumentMap;

/// How long typing pauses before the text is read back, in seconds.
pub const READ_BACK_AFTER: f64 = 0.3;
/// Typing again within this many seconds of the last read-back (no other edit between) makes
/// the same undo step: a burst of typing is one step.
pub const BURST: f64 = 3.0;

/// Where the text stands with the map: what the pane's header and colours show.
#[derive(Debug, Default)]
pub struct Standing {
    /// The document state the text says: written from it, or read into it.
    synced: Option<Stamp>,
    /// When the user last typed, while the map does not say it yet (app time, seconds).
    typed_at: Option<f64>,
    /// The error reading the text back found: its line (from 1, where known) and message.
    error: Option<(Option<usize>, String)>,
    /// What reading it back could only approximate, by line.
    approximated: Vec<(usize, String)>,
    /// The user's text that had an error when a change made elsewhere rewrote the pane: kept so
    /// that it can be brought back, never silently lost.
    stash: Option<String>,
}

impl Standing {
    /// When the user last typed, while the map does not say it yet.
    pub fn typed_at(&self) -> Option<f64> {
        self.typed_at
    }

    /// The error reading the text back found: its line (where known) and message.
    pub fn error(&self) -> Option<&(Option<usize>, String)> {
        self.error.as_ref()
    }

    /// What reading it back could only approximate, by line.
    pub fn approximated(&self) -> &[(usize, String)] {
        &self.approximated
    }

    /// The user's text with an error that a change made elsewhere replaced, if any.
    pub fn stash(&self) -> Option<&str> {
        self.stash.as_deref()
    }
}

/// What the text asks of the map now.
#[derive(Debug, PartialEq)]
pub enum Due {
    /// Nothing: text and map say the same.
    Nothing,
    /// The user is typing: look again after this many seconds.
    Wait(f64),
    /// The user paused (or left the text): read it back.
    Read,
    /// The map changed elsewhere: write the text again.
    Write,
}

/// The text read back: what the map should become, or why it cannot.
#[derive(Debug)]
pub enum ReadBack {
    /// The text says what the map says.
    Same,
    /// The edit that makes the map say what the text says; `amend` when it continues the last
    /// step (a burst of typing is one undo step).
    Edit {
        /// The edit.
        edit: Edit,
        /// Whether it is part of the last undo step.
        amend: bool,
    },
    /// The text cannot be read; the map keeps its last good state.
    Error(String),
}

/// The Argdown pane's state and the text's standing with the map.
#[derive(Debug, Default)]
pub struct TextSync {
    /// The pane's own state: its text, cursor, what it scrolls to.
    pane: TextPane,
    /// Where the text stands with the map.
    standing: Standing,
    /// The history's revision after the last step the text made, and when (app time): typing
    /// again soon after, with no other edit between, amends that step.
    last_step: Option<(u64, f64)>,
    /// The last text the map took (written from it, or read into it): what undoing typing the
    /// map never took puts back.
    good: String,
    /// Typing that undo took back before the map took it: what redo puts back.
    undone: Option<String>,
}

impl TextSync {
    /// The text shown and edited.
    pub fn text(&self) -> &str {
        self.pane.text()
    }

    /// Where the text stands with the map.
    pub fn standing(&self) -> &Standing {
        &self.standing
    }

    /// Draws the pane and where its text stands with the map.
    pub fn ui(&mut self, ui: &mut egui::Ui, map: &ArgumentMap, view: &View, actions: &mut Vec<Action>) {
        let s = &self.standing;
        let shown = pane::Standing {
            error: s.error.as_ref(),
            waiting: s.typed_at.is_some(),
            stashed: s.stash.is_some(),
            approximated: &s.approximated,
        };
        self.pane.ui(ui, map, shown, view, actions);
    }

    /// The user typed in the pane at `now`.
    pub fn typed(&mut self, now: f64) {
        self.standing.typed_at = Some(now);
        self.standing.stash = None;
        self.undone = None;
    }

    /// The user asked for the text a change made elsewhere replaced: it is the pane's again,
    /// read back after the pause like typing.
    pub fn bring_back(&mut self, now: f64) {
        if let Some(text) = self.standing.stash.take() {
            self.pane.set_text(text);
            self.standing.typed_at = Some(now);
        }
    }

    /// What the text asks of the map at `now` (`focused`: the user is in the text field).
    pub fn due(&self, doc: Stamp, now: f64, focused: bool) -> Due {
        match self.standing.typed_at {
            Some(at) if now - at >= READ_BACK_AFTER || !focused => Due::Read,
            Some(at) => Due::Wait(READ_BACK_AFTER - (now - at)),
            None if self.standing.synced != Some(doc) => Due::Write,
            None => Due::Nothing,
        }
    }

    /// Writes the map into the pane (what the text said before is the map's now), keeping the
    /// user's place: the cursor stays on the statement it was on. Text with an error that the
    /// map never took is kept aside, to be brought back.
    pub fn write(&mut self, doc: &Document, ctx: &egui::Context) {
        let new = argdown::export(doc.map()).0;
        let place = self.pane.cursor().map(|at| keep_place(self.pane.text(), at, &new, doc.map()));
        let old = self.pane.set_text(new);
        if self.standing.error.is_some() && old != self.pane.text() {
            self.standing.stash = Some(old);
        }
        self.standing.synced = Some(doc.stamp());
        self.standing.error = None;
        self.standing.approximated.clear();
        self.good = self.pane.text().to_owned();
        self.undone = None;
        if let Some((at, line)) = place {
            self.pane.place_cursor(ctx, at, line);
        }
    }

    /// Reads the text back at `now`: the edit that makes `doc`'s map say what the text says,
    /// or the error that keeps the map as it is.
    pub fn read_back(&mut self, doc: &Document, now: f64) -> ReadBack {
        self.standing.typed_at = None;
        match argdown::import(self.pane.text(), &doc.map().title) {
            Ok(imported) => {
                self.standing.error = None;
                self.good = self.pane.text().to_owned();
                self.standing.approximated =
                    imported.warnings.iter().filter_map(|w| Some((w.line?, w.message.clone()))).collect();
                let edit = crate::edit::reconcile(doc.map(), &imported.map);
                if !matches!(&edit, Edit::Batch(list) if !list.is_empty()) {
                    self.standing.synced = Some(doc.stamp());
                    return ReadBack::Same;
                }
                let revision = doc.history().revision();
                let amend = self.last_step.is_some_and(|(r, at)| r == revision && now - at < BURST);
                ReadBack::Edit { edit, amend }
            }
            Err(e) => {
                self.standing.error = Some((e.position.map(|(l, _)| l), e.message.clone()));
                ReadBack::Error(e.to_string())
            }
        }
    }

    /// The map took what the text says (`taken`), or refused it; either way the text now says
    /// `doc`'s map as it is.
    pub fn took(&mut self, doc: &Document, taken: bool, now: f64) {
        if taken {
            self.last_step = Some((doc.history().revision(), now));
        }
        self.standing.synced = Some(doc.stamp());
    }

    /// Undo (`back`) or redo when typing the map never took is the last thing done: undo puts
    /// back the last text the map took (the map is not touched), redo brings the typing back.
    /// Returns what it did, in words, or `None` when the map's history is to undo or redo.
    pub fn undo_typing(&mut self, back: bool, now: f64) -> Option<&'static str> {
        if back && self.standing.error.is_some() {
            let good = self.good.clone();
            self.undone = Some(self.pane.set_text(good));
            self.standing.error = None;
            self.standing.approximated.clear();
            return Some("Undid typing in the Argdown text (the map had not taken it).");
        }
        if !back && self.pane.text() == self.good {
            let text = self.undone.take()?;
            self.pane.set_text(text);
            self.standing.typed_at = Some(now);
            return Some("Redid typing in the Argdown text.");
        }
        None
    }
}

/// Where a cursor at character `at` of `old` belongs in `new`: on the line that names the same
/// statement (or the same line, if it named none or the statement is gone), at the same column
/// as far as the line allows. Returns the character index and the line (from 1).
fn keep_place(old: &str, at: usize, new: &str, map: &ArgumentMap) -> (usize, usize) {
    let line = pane::line_at(old, at);
    let column = old.chars().take(at).collect::<Vec<_>>().iter().rev().take_while(|&&c| c != '\n').count();
    let target = pane::statement_on(old, line, map)
        .and_then(|id| pane::line_of(new, &id))
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
