//! Everything a user can ask the app to do, as data: each command has a label and its keyboard
//! shortcuts, so menus, the keymap and tests all go through one place (the app applies a
//! command as an [`super::action::Action`]). [`Command::button`] draws one wherever it shows.

use crate::model::{ArgumentMap, Role};
use egui::{Key, KeyboardShortcut, Modifiers};

/// A user command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start a new, empty map.
    New,
    /// Start a new map reading a document: the document open beside it, an empty claim.
    NewFromDocument,
    /// Open a map file (native dialog).
    Open,
    /// Save the map to its file (or ask where, if it has none).
    Save,
    /// Save the map to a new file.
    SaveAs,
    /// Export a PNG picture of the map (native dialog).
    ExportPng,
    /// Export an SVG picture of the map (native dialog).
    ExportSvg,
    /// Export a PDF of the map (native dialog).
    ExportPdf,
    /// Copy a picture of the map to the clipboard.
    CopyImage,
    /// Read an Argdown or AIF document as a new map (native dialog).
    Import,
    /// Export the map as an Argdown document.
    ExportArgdown,
    /// Export the map as AIF (JSON), as OVA and AIFdb read it.
    ExportAif,
    /// Export the map as a Graphviz DOT graph.
    ExportDot,
    /// Export the map as a Markdown outline (an essay plan).
    ExportOutline,
    /// Write the map as a self-contained web page to click through in a browser.
    ExportWeb,
    /// Close the app.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Add a reason to the selected statement and start typing its text.
    AddReason,
    /// Add an objection to the selected statement (a rebuttal, on an objection).
    AddObjection,
    /// Add a co-premise to the relation the selected statement is a premise of.
    AddCoPremise,
    /// Add a statement undercutting the inference the selected statement starts, and type it.
    AddUndercut,
    /// Add a free-standing claim.
    AddClaim,
    /// Edit the selected statement's text.
    EditText,
    /// Delete the selected statement.
    Delete,
    /// Switch the selected statement's relation between support and objection.
    FlipKind,
    /// Pick another statement that the selected one will support.
    ConnectAsReason,
    /// Pick another statement that the selected one will object to.
    ConnectAsObjection,
    /// Let the layout place the selected statement again.
    Unpin,
    /// Collapse or expand the selected statement's branch.
    ToggleCollapse,
    /// Show only statements near the selection, or everything.
    ToggleFocus,
    /// Fit the whole map into the window.
    Fit,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Search the statements.
    Search,
    /// Select the previously selected statement.
    Back,
    /// Select the statement selected before going back.
    Forward,
    /// Select the statement the selected one supports or objects to.
    SelectUp,
    /// Select the first statement below the selected one.
    SelectDown,
    /// Select the sibling to the left.
    SelectLeft,
    /// Select the sibling to the right.
    SelectRight,
    /// Mark the selected statement as rejected for what-if evaluation (again: clear the mark).
    ToggleReject,
    /// Mark the selected statement as accepted as given (again: clear the mark).
    ToggleAccept,
    /// Clear every what-if mark.
    ClearMarks,
    /// Show or hide the evaluation on the canvas.
    ToggleEval,
    /// Show or hide the legend.
    ToggleLegend,
    /// Put the selected statements in a new group.
    Group,
    /// Dissolve the selected statement's group.
    Ungroup,
    /// Open or close the help window (getting started, the keyboard, the evaluation).
    Help,
    /// Show or hide the source document beside the map.
    ToggleSource,
    /// Show or hide the map as Argdown text beside it, edited both ways.
    ToggleArgdown,
    /// Choose a source document's file (its folder is searched from then on).
    LocateDocument,
    /// Compare the map with another version of it (a file): changes coloured and listed.
    CompareWith,
    /// Compare the map with its file as last saved.
    CompareSaved,
    /// Select the next change of the comparison.
    NextChange,
    /// Select the previous change of the comparison.
    PreviousChange,
    /// Stop comparing.
    CloseComparison,
}

/// The commands on one statement, in the order its context menu offers them; the inspector and
/// the Edit menu name them the same way ([`Command::name_on`]).
pub const ON_STATEMENT: [Command; 13] = [
    Command::AddReason,
    Command::AddObjection,
    Command::AddCoPremise,
    Command::AddUndercut,
    Command::EditText,
    Command::FlipKind,
    Command::ConnectAsReason,
    Command::ConnectAsObjection,
    Command::ToggleReject,
    Command::ToggleAccept,
    Command::ToggleCollapse,
    Command::Unpin,
    Command::Delete,
];

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
const ALT: Modifiers = Modifiers::ALT;

impl Command {
    /// Every command, in the order the keymap tries them (modified shortcuts before bare keys).
    pub const ALL: [Command; 57] = [
        Command::NewFromDocument,
        Command::New,
        Command::Open,
        Command::SaveAs,
        Command::Save,
        Command::ExportSvg,
        Command::ExportPng,
        Command::ExportPdf,
        Command::CopyImage,
        Command::Import,
        Command::ExportArgdown,
        Command::ExportAif,
        Command::ExportDot,
        Command::ExportOutline,
        Command::ExportWeb,
        Command::Quit,
        Command::Ungroup,
        Command::Group,
        Command::Redo,
        Command::Undo,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ToggleFocus,
        Command::ConnectAsObjection,
        Command::ConnectAsReason,
        Command::FlipKind,
        Command::Search,
        Command::Back,
        Command::Forward,
        Command::AddReason,
        Command::AddObjection,
        Command::AddCoPremise,
        Command::AddUndercut,
        Command::AddClaim,
        Command::EditText,
        Command::Delete,
        Command::Unpin,
        Command::ToggleCollapse,
        Command::Fit,
        Command::SelectUp,
        Command::SelectDown,
        Command::SelectLeft,
        Command::SelectRight,
        Command::ToggleLegend,
        Command::ToggleReject,
        Command::ToggleAccept,
        Command::ClearMarks,
        Command::ToggleEval,
        Command::Help,
        Command::ToggleSource,
        Command::ToggleArgdown,
        Command::LocateDocument,
        Command::PreviousChange,
        Command::NextChange,
        Command::CompareWith,
        Command::CompareSaved,
        Command::CloseComparison,
    ];

    /// The label in menus and buttons.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::NewFromDocument => "New map from document…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::ExportPng => "Export PNG…",
            Command::ExportSvg => "Export SVG…",
            Command::ExportPdf => "Export PDF…",
            Command::CopyImage => "Copy image",
            Command::Import => "Import Argdown or AIF…",
            Command::ExportArgdown => "Export Argdown…",
            Command::ExportAif => "Export AIF (JSON)…",
            Command::ExportDot => "Export Graphviz DOT…",
            Command::ExportOutline => "Export Markdown outline…",
            Command::ExportWeb => "Export web page…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AddReason => "Add reason",
            Command::AddObjection => "Add objection",
            Command::AddCoPremise => "Add co-premise",
            Command::AddUndercut => "Undercut its inference",
            Command::AddClaim => "Add free claim",
            Command::EditText => "Edit text",
            Command::Delete => "Delete statement",
            Command::FlipKind => "Switch support/objection",
            Command::ConnectAsReason => "Connect as reason of…",
            Command::ConnectAsObjection => "Connect as objection to…",
            Command::Unpin => "Unpin (automatic position)",
            Command::ToggleCollapse => "Collapse/expand branch",
            Command::ToggleFocus => "Focus mode",
            Command::Fit => "Fit map to window",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::Search => "Find…",
            Command::Back => "Back",
            Command::Forward => "Forward",
            Command::SelectUp => "Select conclusion",
            Command::SelectDown => "Select first premise",
            Command::SelectLeft => "Select left sibling",
            Command::SelectRight => "Select right sibling",
            Command::ToggleLegend => "Legend",
            Command::ToggleReject => "What if rejected?",
            Command::ToggleAccept => "What if accepted as given?",
            Command::ClearMarks => "Clear all what-if marks",
            Command::ToggleEval => "Show evaluation",
            Command::Group => "Group selected statements",
            Command::Ungroup => "Ungroup",
            Command::Help => "Help",
            Command::ToggleSource => "Source document",
            Command::ToggleArgdown => "Argdown text",
            Command::LocateDocument => "Locate document…",
            Command::CompareWith => "Compare with…",
            Command::CompareSaved => "Compare with last saved",
            Command::NextChange => "Next change",
            Command::PreviousChange => "Previous change",
            Command::CloseComparison => "Stop comparing",
        }
    }

    /// The name of the command on a statement of `role`: an objection to an objection (or to a
    /// rebuttal) is a rebuttal.
    pub fn name_on(self, role: Option<Role>) -> &'static str {
        match (self, role) {
            (Command::AddObjection, Some(Role::Objection | Role::Rebuttal)) => "Add rebuttal",
            _ => self.label(),
        }
    }

    /// Whether the command can be used on statement `id` of `map` (a claim has no argument to
    /// add a co-premise to, undercut or flip; only a pinned box can be unpinned).
    pub fn applies_to(self, map: &ArgumentMap, id: &str) -> bool {
        let argument = map.hangs_by(id).and_then(|r| map.relation(r));
        match self {
            Command::AddCoPremise | Command::FlipKind => argument.is_some(),
            Command::AddUndercut => argument.is_some_and(|r| !r.is_undercut()),
            Command::Unpin => map.statement(id).is_some_and(|s| s.pinned.is_some()),
            Command::Ungroup => map.group_of(id).is_some(),
            _ => map.contains(id),
        }
    }

    /// The keyboard shortcuts, the one shown in menus first.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn k(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(modifiers, key)
        }
        match self {
            Command::New => vec![k(CMD, Key::N)],
            Command::NewFromDocument => vec![k(CMD_SHIFT, Key::N)],
            Command::Open => vec![k(CMD, Key::O)],
            Command::Save => vec![k(CMD, Key::S)],
            Command::SaveAs => vec![k(CMD_SHIFT, Key::S)],
            Command::ExportPng => vec![k(CMD, Key::E)],
            Command::ExportSvg => vec![k(CMD_SHIFT, Key::E)],
            Command::CopyImage => vec![k(CMD_SHIFT, Key::C)],
            Command::Quit => vec![k(CMD, Key::Q)],
            Command::Import => vec![k(CMD, Key::I)],
            Command::ExportPdf
            | Command::ExportArgdown
            | Command::ExportAif
            | Command::ExportDot
            | Command::ExportOutline
            | Command::ExportWeb => {
                vec![]
            }
            Command::Undo => vec![k(CMD, Key::Z)],
            Command::Redo => vec![k(CMD_SHIFT, Key::Z), k(CMD, Key::Y)],
            Command::ZoomIn => vec![k(CMD, Key::Plus), k(CMD, Key::Equals)],
            Command::ZoomOut => vec![k(CMD, Key::Minus)],
            Command::Search => vec![k(CMD, Key::F)],
            Command::Back => vec![k(ALT, Key::ArrowLeft)],
            Command::Forward => vec![k(ALT, Key::ArrowRight)],
            Command::AddReason => vec![k(NONE, Key::Plus)],
            Command::AddObjection => vec![k(NONE, Key::Minus)],
            Command::AddCoPremise => vec![k(NONE, Key::C)],
            Command::AddUndercut => vec![k(NONE, Key::U)],
            Command::AddClaim => vec![],
            Command::EditText => vec![k(NONE, Key::F2), k(NONE, Key::Enter)],
            Command::Delete => vec![k(NONE, Key::Delete)],
            Command::FlipKind => vec![k(CMD, Key::K)],
            Command::ConnectAsReason => vec![k(CMD, Key::L)],
            Command::ConnectAsObjection => vec![k(CMD_SHIFT, Key::L)],
            Command::Unpin => vec![],
            Command::ToggleCollapse => vec![k(NONE, Key::Space)],
            Command::ToggleFocus => vec![k(CMD_SHIFT, Key::F)],
            Command::Fit => vec![k(NONE, Key::F), k(NONE, Key::Home)],
            Command::SelectUp => vec![k(NONE, Key::ArrowUp)],
            Command::SelectDown => vec![k(NONE, Key::ArrowDown)],
            Command::SelectLeft => vec![k(NONE, Key::ArrowLeft)],
            Command::SelectRight => vec![k(NONE, Key::ArrowRight)],
            Command::ToggleLegend => vec![],
            Command::ToggleReject => vec![k(NONE, Key::R)],
            Command::ToggleAccept => vec![k(NONE, Key::G)],
            Command::ClearMarks => vec![],
            Command::ToggleEval => vec![k(NONE, Key::E)],
            Command::Group => vec![k(CMD, Key::G)],
            Command::Ungroup => vec![k(CMD_SHIFT, Key::G)],
            Command::Help => vec![k(NONE, Key::F1)],
            Command::ToggleSource => vec![k(CMD, Key::D)],
            Command::ToggleArgdown => vec![k(CMD, Key::T)],
            Command::LocateDocument
            | Command::CompareWith
            | Command::CompareSaved
            | Command::CloseComparison => vec![],
            Command::NextChange => vec![k(NONE, Key::F8)],
            Command::PreviousChange => vec![k(Modifiers::SHIFT, Key::F8)],
        }
    }

    /// Draws the command as a button: a menu or context-menu item with its label (or `label`)
    /// and its first shortcut beside it, or, `inline` (the inspector's buttons), with `label` and
    /// the command and its shortcut on hover. True when clicked.
    pub fn button(self, ui: &mut egui::Ui, label: Option<&str>, inline: bool, enabled: bool) -> bool {
        if !inline {
            return self.menu_item(ui, label, enabled).clicked();
        }
        let hover = match self.shortcuts().first() {
            Some(s) => format!("{} ({})", self.label(), ui.ctx().format_shortcut(s)),
            None => self.label().to_owned(),
        };
        let text = label.unwrap_or(self.label());
        ui.add_enabled(enabled, egui::Button::new(text)).on_hover_text(hover).clicked()
    }

    /// Draws the command as a menu or context-menu item: its label (or `label`) with its first
    /// shortcut beside it; for a screen reader, a menu item named by its label, its shortcut as
    /// a shortcut.
    pub fn menu_item(self, ui: &mut egui::Ui, label: Option<&str>, enabled: bool) -> egui::Response {
        let shortcut = self.shortcuts().first().map(|s| ui.ctx().format_shortcut(s));
        let text = label.unwrap_or(self.label());
        let button = egui::Button::new(text);
        let button = match &shortcut {
            Some(s) => button.shortcut_text(s),
            None => button,
        };
        let response = ui.add_enabled(enabled, button);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MenuItem, enabled, text));
        if let Some(s) = shortcut {
            ui.ctx().accesskit_node_builder(response.id, |node| node.set_keyboard_shortcut(s));
        }
        response
    }

    /// Whether the command's shortcut works while a text field has the keyboard.
    pub fn works_while_typing(self) -> bool {
        // Undo, redo and the arrows belong to the text field while one has the keyboard.
        matches!(
            self,
            Command::New
                | Command::Open
                | Command::Save
                | Command::SaveAs
                | Command::Quit
                | Command::Search
                | Command::Help
        )
    }

    /// The text a bare-key shortcut also sends (egui gets `-` both as a key and as text).
    pub fn typed_text(self) -> Option<&'static str> {
        match self {
            Command::AddReason => Some("+"),
            Command::AddObjection => Some("-"),
            Command::AddCoPremise => Some("c"),
            Command::Fit => Some("f"),
            Command::ToggleCollapse => Some(" "),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant, named once: `exhaustive` makes adding a variant fail to compile here until
    /// it is named, and then `every_command_is_listed_once` fails until it is in [`Command::ALL`].
    macro_rules! every {
        ($($v:ident),* $(,)?) => {
            #[allow(dead_code)]
            fn exhaustive(c: Command) {
                match c {
                    $(Command::$v)|* => {}
                }
            }
            const EVERY: &[Command] = &[$(Command::$v),*];
        };
    }

    every!(
        New,
        NewFromDocument,
        Open,
        Save,
        SaveAs,
        ExportPng,
        ExportSvg,
        ExportPdf,
        CopyImage,
        Import,
        ExportArgdown,
        ExportAif,
        ExportDot,
        ExportOutline,
        ExportWeb,
        Quit,
        Undo,
        Redo,
        Group,
        Ungroup,
        AddReason,
        AddObjection,
        AddCoPremise,
        AddUndercut,
        AddClaim,
        EditText,
        Delete,
        FlipKind,
        ConnectAsReason,
        ConnectAsObjection,
        Unpin,
        ToggleCollapse,
        ToggleFocus,
        Fit,
        ZoomIn,
        ZoomOut,
        Search,
        Back,
        Forward,
        SelectUp,
        SelectDown,
        SelectLeft,
        SelectRight,
        ToggleReject,
        ToggleAccept,
        ClearMarks,
        ToggleEval,
        ToggleLegend,
        Help,
        ToggleSource,
        ToggleArgdown,
        LocateDocument,
        CompareWith,
        CompareSaved,
        NextChange,
        PreviousChange,
        CloseComparison,
    );

    #[test]
    fn every_command_is_listed_once() {
        for c in EVERY {
            assert_eq!(Command::ALL.iter().filter(|&d| d == c).count(), 1, "{c:?} must be in ALL once");
        }
        assert_eq!(Command::ALL.len(), EVERY.len());
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for c in Command::ALL {
            for s in c.shortcuts() {
                if let Some(other) = seen.insert((s.modifiers, s.logical_key), c) {
                    panic!("{c:?} and {other:?} share {s:?}");
                }
            }
        }
    }

    #[test]
    fn every_command_has_a_label() {
        for c in Command::ALL {
            assert!(!c.label().is_empty(), "{c:?}");
        }
    }
}
