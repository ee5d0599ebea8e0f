//! What panels ask for, as data: they read the document and the derived data, change only the
//! view and their own state, and push [`Action`]s; the app applies them, in one place, and that
//! is the only code that changes the document or its history. Gestures that last several frames
//! (typing a statement, connecting two, dragging a box) are a [`Gesture`], one at a time.

use super::command::Command;
use crate::edit::Edit;
use crate::model::{RelationKind, StatementId};
use std::path::PathBuf;

/// One thing a panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Run a command (a key, a menu item, a button).
    Command(Command),
    /// Select a statement, then run a command on it (a context menu, a double click).
    CommandOn(StatementId, Command),
    /// Change the map, as one undo step with its label.
    Edit(Edit, &'static str),
    /// Select a statement (a click on its box, a link); while connecting, connect to it.
    Select(StatementId),
    /// Ask to open, import, start anew or quit (first "Save changes?" if there are any).
    Request(Pending),
    /// The text being typed on the canvas changed.
    Type(String),
    /// The text field of the statement being typed took the keyboard.
    TypingFocused,
    /// Stop typing: keep the text (`true`) or drop it (a new statement goes away again).
    FinishTyping(bool),
    /// Stop connecting.
    CancelConnecting,
    /// A box is dragged by this much more (map units).
    Drag(StatementId, egui::Vec2),
    /// The dragged box is dropped: it is pinned where it lies (one undo step).
    Drop,
    /// The passage selected in the source pane: a new reason or objection of the selected
    /// statement quoting it (`Some`), or the selected statement's quote (`None`).
    FromSelection(Option<RelationKind>),
    /// Stop reading the source document being read.
    CancelReading,
    /// Read the source document shown again (after an error or a cancelled read).
    ReadAgain,
    /// Add the counter-claim a critical question of an argument invites, and type it.
    AnswerQuestion(crate::model::RelationId, usize),
    /// The user typed in the Argdown pane (at this app time): its text is read back after a
    /// pause.
    TextTyped(f64),
    /// Bring back the Argdown text a change made elsewhere replaced (at this app time).
    BringBackText(f64),
}

impl Action {
    /// Whether applying it may change the map (`connecting`: a selection connects). Text typed
    /// in the Argdown pane and not read yet is read before such an action: it was typed first.
    pub fn may_change_map(&self, connecting: bool) -> bool {
        match self {
            Action::Select(_) => connecting,
            Action::Type(_)
            | Action::TypingFocused
            | Action::CancelConnecting
            | Action::Drag(..)
            | Action::CancelReading
            | Action::ReadAgain
            | Action::TextTyped(_)
            | Action::BringBackText(_) => false,
            _ => true,
        }
    }
}

/// An action waiting for the answer to "Save changes?".
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new map.
    New,
    /// Open a file (none: ask with a dialog).
    Open(Option<PathBuf>),
    /// Import an Argdown or AIF document as a new map (none: ask with a dialog).
    Import(Option<PathBuf>),
    /// Start a new map reading a source document (none: ask with a dialog).
    NewFromDocument(Option<PathBuf>),
    /// Join a live map (none: ask for its link), in this window's place.
    JoinLive(Option<crate::ui::app::Joining>),
    /// Close the window.
    Quit,
}

/// A gesture that lasts several frames; one at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Gesture {
    /// Typing the text of a statement, on the canvas.
    Typing(Typing),
    /// Waiting for the statement to connect `premise` to, as a support or an objection.
    Connecting {
        /// The statement that will support or object.
        premise: StatementId,
        /// Support or objection.
        kind: RelationKind,
    },
    /// Dragging a box, this far so far (map units).
    Dragging {
        /// The statement.
        id: StatementId,
        /// How far.
        offset: egui::Vec2,
    },
}

/// Typing the text of a statement, on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Typing {
    /// Which statement.
    pub id: StatementId,
    /// The text typed so far.
    pub buffer: String,
    /// The statement was just added by this gesture: cancelling removes it again.
    pub is_new: bool,
    /// Focus the field on the next frame.
    pub focus: bool,
    /// The text a new statement keeps when Enter is pressed with nothing typed (the passage it
    /// quotes); without one, an empty new statement goes away.
    pub fallback: Option<String>,
    /// What the field asks for while empty (the critical question a new statement answers).
    pub prompt: Option<String>,
}

impl Gesture {
    /// The typing gesture, if that is what is going on.
    pub fn typing(&self) -> Option<&Typing> {
        match self {
            Gesture::Typing(t) => Some(t),
            _ => None,
        }
    }

    /// The premise waiting to be connected, and how, if connecting.
    pub fn connecting(&self) -> Option<(&StatementId, RelationKind)> {
        match self {
            Gesture::Connecting { premise, kind } => Some((premise, *kind)),
            _ => None,
        }
    }

    /// The box being dragged and how far, if dragging.
    pub fn dragging(&self) -> Option<(&StatementId, egui::Vec2)> {
        match self {
            Gesture::Dragging { id, offset } => Some((id, *offset)),
            _ => None,
        }
    }
}
