//! Everything a user can ask the app to do, as data, declared once ([`commands!`]): each command
//! with its label, keyboard shortcuts, place in the menus and row in the help's cheat sheet, so
//! menus, the keymap, the help and tests all go through one place (the app applies a command as
//! an [`super::action::Action`]). [`Command::button`] draws one wherever it shows.

use crate::export::Format;
use crate::model::{ArgumentMap, Role};
use egui::{Key, KeyboardShortcut, Modifiers};

/// Where a command shows in the menus: a section of one menu (sections are parted by a line),
/// or only elsewhere (a key, a button, the canvas).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// File: new and open.
    FileNew,
    /// File: save.
    FileSave,
    /// File: import (the Export submenu follows).
    FileImport,
    /// File: source documents.
    FileDocuments,
    /// File: comparing versions.
    FileCompare,
    /// File: live sessions.
    FileLive,
    /// File: quit.
    FileQuit,
    /// File ▸ Export: pictures and pages.
    ExportPictures,
    /// File ▸ Export: text formats.
    ExportText,
    /// Edit: undo and redo.
    EditHistory,
    /// Edit: adding statements.
    EditAdd,
    /// Edit: changing the selected statement.
    EditChange,
    /// Edit: what-if marks.
    EditWhatIf,
    /// View: moving the camera and what is shown.
    ViewSee,
    /// View: a checkbox that turns something on or off.
    ViewToggle,
    /// Help.
    Help,
    /// In no menu.
    None,
}

/// Where a command shows in the help window's keyboard cheat sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    /// Adding and changing statements.
    Adding,
    /// What-if marks and the evaluation.
    WhatIf,
    /// Moving the selection.
    Moving,
    /// What the canvas shows.
    Seeing,
    /// Files.
    Files,
    /// Help.
    Help,
    /// Not on the sheet (no shortcut).
    None,
}

impl Sheet {
    /// The sheet's sections, in order, with their headings.
    pub const SECTIONS: [(Sheet, &'static str); 6] = [
        (Sheet::Adding, "Adding and changing"),
        (Sheet::WhatIf, "What if"),
        (Sheet::Moving, "Moving around"),
        (Sheet::Seeing, "Seeing"),
        (Sheet::Files, "Files"),
        (Sheet::Help, "Help"),
    ];
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;

/// A command as declared: its label, shortcuts, menu section and cheat-sheet section.
struct Spec {
    label: &'static str,
    shortcuts: &'static [(Modifiers, Key)],
    menu: Menu,
    sheet: Sheet,
}

/// Declares every command once: `Variant => "label", [modifiers key, ...], menu, sheet;`, or
/// `Export(Format) => ...` for an export. Makes the [`Command`] enum (every `Export(..)` row is
/// one `Export(Format)` variant), [`Command::ALL`] in declaration order (the order menus and the
/// help list them), and each command's label, shortcuts, menu section and sheet section.
macro_rules! commands {
    // The enum, row by row: a plain row is a variant, an export row adds nothing (the enum ends
    // with `Export(Format)`).
    (@enum [$($done:tt)*]) => {
        /// A user command.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $($done)*
            /// Export the map in a format (a file dialog asks where).
            Export(Format),
        }
    };
    (@enum [$($done:tt)*] $(#[doc = $doc:literal])* Export($f:ident) => $label:literal,
        [$($m:ident $k:ident),*], $menu:ident, $sheet:ident; $($rest:tt)*) => {
        commands!(@enum [$($done)*] $($rest)*);
    };
    (@enum [$($done:tt)*] $(#[doc = $doc:literal])* $v:ident => $label:literal,
        [$($m:ident $k:ident),*], $menu:ident, $sheet:ident; $($rest:tt)*) => {
        commands!(@enum [$($done)* $(#[doc = $doc])* $v,] $($rest)*);
    };
    ($($(#[doc = $doc:literal])* $v:ident $(($f:ident))? => $label:literal,
        [$($m:ident $k:ident),*], $menu:ident, $sheet:ident;)*) => {
        commands!(@enum [] $($(#[doc = $doc])* $v $(($f))? => $label, [$($m $k),*], $menu, $sheet;)*);

        impl Command {
            /// Every command, in the order declared: the order menus and the help list them.
            pub const ALL: &'static [Command] = &[$(Command::$v $((Format::$f))?,)*];

            /// What the command is, as declared.
            fn spec(self) -> Spec {
                match self {
                    $(Command::$v $((Format::$f))? => Spec {
                        label: $label,
                        shortcuts: &[$(($m, Key::$k)),*],
                        menu: Menu::$menu,
                        sheet: Sheet::$sheet,
                    },)*
                    #[allow(unreachable_patterns)]
                    Command::Export(_) => Spec { label: "Export…", shortcuts: &[], menu: Menu::None, sheet: Sheet::None },
                }
            }
        }
    };
}

commands! {
    /// Start a new, empty map.
    New => "New", [CMD N], FileNew, Files;
    /// Start a new map reading a document: the document open beside it, an empty claim.
    NewFromDocument => "New map from document…", [CMD_SHIFT N], FileNew, Files;
    /// Open a map file.
    Open => "Open…", [CMD O], FileNew, Files;
    /// Save the map to its file (or ask where, if it has none).
    Save => "Save", [CMD S], FileSave, Files;
    /// Save the map to a new file.
    SaveAs => "Save As…", [CMD_SHIFT S], FileSave, Files;
    /// Read an Argdown or AIF document as a new map.
    Import => "Import Argdown or AIF…", [CMD I], FileImport, Files;
    /// Choose a source document's file (its folder is searched from then on).
    LocateDocument => "Locate document…", [], FileDocuments, None;
    /// Compare the map with another version of it (a file): changes coloured and listed.
    CompareWith => "Compare with…", [], FileCompare, None;
    /// Compare the map with its file as last saved.
    CompareSaved => "Compare with last saved", [], FileCompare, None;
    /// Put the map on a sync server and get a link others join it with.
    ShareLive => "Share live…", [], FileLive, None;
    /// Join a map shared live, by its link.
    JoinLive => "Join live…", [], FileLive, None;
    /// Show the live session's link and who is in it.
    LiveSession => "Live session…", [], FileLive, None;
    /// Leave the live session (the map stays open, as it is).
    LeaveLive => "Leave live session", [], FileLive, None;
    /// Close the app.
    Quit => "Quit", [CMD Q], FileQuit, Files;
    Export(Pdf) => "Export PDF…", [], ExportPictures, None;
    Export(Png) => "Export PNG…", [CMD E], ExportPictures, Files;
    Export(Svg) => "Export SVG…", [CMD_SHIFT E], ExportPictures, Files;
    Export(Html) => "Export web page…", [], ExportPictures, None;
    /// Copy a picture of the map to the clipboard.
    CopyImage => "Copy image", [CMD_SHIFT C], ExportPictures, Files;
    Export(Argdown) => "Export Argdown…", [], ExportText, None;
    Export(Aif) => "Export AIF (JSON)…", [], ExportText, None;
    Export(Dot) => "Export Graphviz DOT…", [], ExportText, None;
    Export(Outline) => "Export Markdown outline…", [], ExportText, None;
    /// Undo the last edit.
    Undo => "Undo", [CMD Z], EditHistory, Adding;
    /// Redo the last undone edit.
    Redo => "Redo", [CMD_SHIFT Z, CMD Y], EditHistory, Adding;
    /// Add a reason to the selected statement and start typing its text.
    AddReason => "Add reason", [NONE Plus], EditAdd, Adding;
    /// Add an objection to the selected statement (a rebuttal, on an objection).
    AddObjection => "Add objection", [NONE Minus], EditAdd, Adding;
    /// Add a co-premise to the relation the selected statement is a premise of.
    AddCoPremise => "Add co-premise", [NONE C], EditAdd, Adding;
    /// Add a statement undercutting the inference the selected statement starts, and type it.
    AddUndercut => "Undercut its inference", [NONE U], EditAdd, Adding;
    /// Add the counter-claim the next open critical question of the selected statement's
    /// argument invites, and type it.
    AnswerQuestion => "Answer its next critical question", [NONE Q], EditAdd, Adding;
    /// Add a free-standing claim.
    AddClaim => "Add free claim", [], EditAdd, None;
    /// Edit the selected statement's text.
    EditText => "Edit text", [NONE F2, NONE Enter], EditChange, Adding;
    /// Switch the selected statement's relation between support and objection.
    FlipKind => "Switch support/objection", [CMD K], EditChange, Adding;
    /// Pick another statement that the selected one will support.
    ConnectAsReason => "Connect as reason of…", [CMD L], EditChange, Adding;
    /// Pick another statement that the selected one will object to.
    ConnectAsObjection => "Connect as objection to…", [CMD_SHIFT L], EditChange, Adding;
    /// Choose the argument scheme of the selected statement's argument.
    ChooseScheme => "Argument scheme…", [NONE S], EditChange, Adding;
    /// Let the layout place the selected statement again.
    Unpin => "Unpin (automatic position)", [], EditChange, None;
    /// Delete the selected statement.
    Delete => "Delete statement", [NONE Delete], EditChange, Adding;
    /// Put the selected statements in a new group.
    Group => "Group selected statements", [CMD G], EditChange, Adding;
    /// Dissolve the selected statement's group.
    Ungroup => "Ungroup", [CMD_SHIFT G], EditChange, Adding;
    /// Mark the selected statement as rejected for what-if evaluation (again: clear the mark).
    ToggleReject => "What if rejected?", [NONE R], EditWhatIf, WhatIf;
    /// Mark the selected statement as accepted as given (again: clear the mark).
    ToggleAccept => "What if accepted as given?", [NONE G], EditWhatIf, WhatIf;
    /// Clear every what-if mark.
    ClearMarks => "Clear all what-if marks", [], EditWhatIf, None;
    /// Fit the whole map into the window.
    Fit => "Fit map to window", [NONE F, NONE Home], ViewSee, Seeing;
    /// Zoom in.
    ZoomIn => "Zoom in", [CMD Plus, CMD Equals], ViewSee, Seeing;
    /// Zoom out.
    ZoomOut => "Zoom out", [CMD Minus], ViewSee, Seeing;
    /// Collapse or expand the selected statement's branch.
    ToggleCollapse => "Collapse/expand branch", [NONE Space], ViewSee, Seeing;
    /// Search the statements.
    Search => "Find…", [CMD F], ViewSee, Moving;
    /// Show only statements near the selection, or everything.
    ToggleFocus => "Focus mode", [CMD_SHIFT F], ViewToggle, Seeing;
    /// Show or hide the legend.
    ToggleLegend => "Legend", [], ViewToggle, None;
    /// Show or hide the source document beside the map.
    ToggleSource => "Source document", [CMD D], ViewToggle, Seeing;
    /// Show or hide the map as Argdown text beside it, edited both ways.
    ToggleArgdown => "Argdown text", [CMD T], ViewToggle, Seeing;
    /// Show or hide the evaluation on the canvas.
    ToggleEval => "Show evaluation", [NONE E], ViewToggle, WhatIf;
    /// Show or hide how many critical questions of each argument are open (a ?N badge).
    ToggleQuestions => "Show open critical questions", [SHIFT Q], ViewToggle, WhatIf;
    /// Select the previously selected statement.
    Back => "Back", [ALT ArrowLeft], None, Moving;
    /// Select the statement selected before going back.
    Forward => "Forward", [ALT ArrowRight], None, Moving;
    /// Select the statement the selected one supports or objects to.
    SelectUp => "Select conclusion", [NONE ArrowUp], None, Moving;
    /// Select the first statement below the selected one.
    SelectDown => "Select first premise", [NONE ArrowDown], None, Moving;
    /// Select the sibling to the left.
    SelectLeft => "Select left sibling", [NONE ArrowLeft], None, Moving;
    /// Select the sibling to the right.
    SelectRight => "Select right sibling", [NONE ArrowRight], None, Moving;
    /// Select the next change of the comparison.
    NextChange => "Next change", [NONE F8], None, Seeing;
    /// Select the previous change of the comparison.
    PreviousChange => "Previous change", [SHIFT F8], None, Seeing;
    /// Stop comparing.
    CloseComparison => "Stop comparing", [], None, None;
    /// Open or close the help window (getting started, the keyboard, the evaluation).
    Help => "Help", [NONE F1], Help, Help;
    /// Say which argmap this is (its version and commit) and where the licences are.
    About => "About argmap", [], Help, None;
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

impl Command {
    /// The label in menus and buttons.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The keyboard shortcuts, the one shown in menus first.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        self.each_shortcut().collect()
    }

    /// The keyboard shortcuts one by one, without a list (the keymap asks every frame).
    pub fn each_shortcut(self) -> impl Iterator<Item = KeyboardShortcut> {
        self.spec().shortcuts.iter().map(|&(m, k)| KeyboardShortcut::new(m, k))
    }

    /// Where it shows in the menus.
    pub fn menu(self) -> Menu {
        self.spec().menu
    }

    /// Where it shows on the help's cheat sheet.
    pub fn sheet(self) -> Sheet {
        self.spec().sheet
    }

    /// The commands in a section of the menus, in order.
    pub fn in_menu(menu: Menu) -> impl Iterator<Item = Command> {
        Command::ALL.iter().copied().filter(move |c| c.menu() == menu)
    }

    /// The commands on a section of the help's cheat sheet, in order.
    pub fn on_sheet(sheet: Sheet) -> impl Iterator<Item = Command> {
        Command::ALL.iter().copied().filter(move |c| c.sheet() == sheet)
    }

    /// Every command in the order the keymap tries them: shortcuts with more modifiers first (a
    /// pressed Ctrl+Shift+S also matches Ctrl+S, Alt+Left also Left).
    pub fn keymap() -> &'static [Command] {
        static KEYMAP: std::sync::LazyLock<Vec<Command>> = std::sync::LazyLock::new(|| {
            let held = |c: &Command| {
                c.shortcuts()
                    .iter()
                    .map(|s| {
                        let m = s.modifiers;
                        u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
                    })
                    .max()
                    .unwrap_or(0)
            };
            let mut all = Command::ALL.to_vec();
            all.sort_by_key(|c| std::cmp::Reverse(held(c)));
            all
        });
        &KEYMAP
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
            Command::ChooseScheme => argument.is_some(),
            Command::AnswerQuestion => argument.is_some_and(|r| r.scheme.is_some()),
            Command::Unpin => map.statement(id).is_some_and(|s| s.pinned.is_some()),
            Command::Ungroup => map.group_of(id).is_some(),
            _ => map.contains(id),
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

    /// Whether the command starts typing a statement's text (in the field over its box).
    pub fn starts_typing(self) -> bool {
        matches!(
            self,
            Command::AddReason
                | Command::AddObjection
                | Command::AddCoPremise
                | Command::AddUndercut
                | Command::AnswerQuestion
                | Command::EditText
        )
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
            Command::AnswerQuestion => Some("q"),
            Command::ChooseScheme => Some("s"),
            Command::Fit => Some("f"),
            Command::ToggleCollapse => Some(" "),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for &c in Command::ALL {
            assert!(seen.insert(c), "{c:?} is declared twice");
        }
        // Every format argmap writes from a picture of the map is an Export command of its own.
        for f in Format::ALL.into_iter().filter(|&f| f != Format::Ron) {
            assert!(seen.contains(&Command::Export(f)), "{f:?} has no Export command");
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for &c in Command::ALL {
            for s in c.shortcuts() {
                if let Some(other) = seen.insert((s.modifiers, s.logical_key), c) {
                    panic!("{c:?} and {other:?} share {s:?}");
                }
            }
        }
    }

    #[test]
    fn every_command_has_a_label() {
        for &c in Command::ALL {
            assert!(!c.label().is_empty(), "{c:?}");
        }
    }

    #[test]
    fn the_keymap_tries_a_shortcut_before_one_it_contains() {
        let keymap = Command::keymap();
        let at = |c: Command| keymap.iter().position(|&d| d == c).unwrap();
        assert!(at(Command::SaveAs) < at(Command::Save));
        assert!(at(Command::Back) < at(Command::SelectLeft));
        assert!(at(Command::PreviousChange) < at(Command::NextChange));
        assert_eq!(keymap.len(), Command::ALL.len());
    }
}
