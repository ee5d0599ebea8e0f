//! The menu bar and the status bar. A panel: the menus show every command with its shortcut and
//! propose it as an [`Action`], toggles included (a checkbox proposes the same command as its
//! shortcut); the options they hold (theme, export options, the focus depth) change the
//! settings and the view directly.

use super::action::{Action, Pending};
use super::command::{Command, Menu, ON_STATEMENT};
use super::document::Document;
use super::settings::{ExportTheme, ExportWhat, Settings, ThemeChoice};
use super::view::View;
use crate::edit::Edit;
use crate::model::{Arrangement, StatementId};
use crate::render::page::Paper;

/// Draws the menu bar.
pub fn menu_bar(
    ui: &mut egui::Ui,
    doc: &Document,
    settings: &mut Settings,
    view: &mut View,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, settings, actions));
        ui.menu_button("Edit", |ui| edit_menu(ui, doc, view.selected.as_ref(), actions));
        ui.menu_button("View", |ui| view_menu(ui, doc, settings, view, actions));
        ui.menu_button("Help", |ui| help_menu(ui, actions));
        ui.separator();
        let back = ui.add_enabled(!view.back.is_empty(), egui::Button::new("< Back"));
        if back.on_hover_text("Alt+Left").clicked() {
            actions.push(Action::Command(Command::Back));
        }
        let forward = ui.add_enabled(!view.forward.is_empty(), egui::Button::new("Forward >"));
        if forward.on_hover_text("Alt+Right").clicked() {
            actions.push(Action::Command(Command::Forward));
        }
        ui.separator();
        let text = ui.selectable_label(view.argdown, "Argdown");
        if text.on_hover_text("The map as Argdown text beside it, edited both ways (Ctrl+T)").clicked() {
            actions.push(Action::Command(Command::ToggleArgdown));
        }
    });
}

/// Menu items for the commands of a section of the menus, each proposing its command when
/// clicked.
fn items(ui: &mut egui::Ui, menu: Menu, actions: &mut Vec<Action>) {
    let opened = just_opened(ui);
    for (i, c) in Command::in_menu(menu).enumerate() {
        let item = c.menu_item(ui, None, true);
        // A menu just opened takes the keyboard at its first item (the arrows move on from it).
        if opened && i == 0 {
            item.request_focus();
        }
        if item.clicked() {
            actions.push(Action::Command(c));
        }
    }
}

/// Whether the menu (or submenu) `ui` draws opened this frame: it was not drawn the last one.
fn just_opened(ui: &egui::Ui) -> bool {
    let key = ui.unique_id().with("argmap menu drawn");
    let frame = ui.ctx().cumulative_frame_nr();
    ui.ctx().data_mut(|d| {
        let last: Option<u64> = d.get_temp(key);
        d.insert_temp(key, frame);
        // Within one frame, only the first list of the menu takes the keyboard.
        last.is_none_or(|l| l + 1 < frame)
    })
}

fn file_menu(ui: &mut egui::Ui, settings: &mut Settings, actions: &mut Vec<Action>) {
    items(ui, Menu::FileNew, actions);
    ui.menu_button("Open Recent", |ui| {
        if settings.recent.is_empty() {
            ui.label("No recent files");
        }
        for path in &settings.recent {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::Request(Pending::Open(Some(path.clone()))));
            }
        }
    });
    ui.separator();
    items(ui, Menu::FileSave, actions);
    ui.separator();
    items(ui, Menu::FileImport, actions);
    ui.menu_button("Export", |ui| export_menu(ui, settings, actions));
    ui.separator();
    items(ui, Menu::FileDocuments, actions);
    ui.separator();
    items(ui, Menu::FileCompare, actions);
    ui.separator();
    items(ui, Menu::FileLive, actions);
    ui.separator();
    ui.checkbox(&mut settings.builtin_dialogs, "Use argmap's own file dialog")
        .on_hover_text("Choose files inside the window, for desktops whose file dialog does not appear.");
    ui.checkbox(&mut settings.open_here, "Open maps from the desktop in this window").on_hover_text(
        "A map double-clicked in the file manager opens here (after asking about unsaved changes), not in a new window.",
    );
    ui.separator();
    items(ui, Menu::FileQuit, actions);
}

/// The pages File ▸ Export offers.
const PAGES: [Paper; 6] =
    [Paper::Fit, Paper::A4Landscape, Paper::A4, Paper::LetterLandscape, Paper::Letter, Paper::Slide];

fn page_name(p: Paper) -> &'static str {
    if p == Paper::Fit { "The map's own size" } else { p.name() }
}

fn export_menu(ui: &mut egui::Ui, settings: &mut Settings, actions: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    items(ui, Menu::ExportPictures, actions);
    ui.separator();
    items(ui, Menu::ExportText, actions);
    ui.separator();
    let e = &mut settings.export;
    ui.radio_value(&mut e.what, ExportWhat::Whole, "Whole map");
    ui.radio_value(&mut e.what, ExportWhat::Branch, "Selected branch");
    ui.radio_value(&mut e.what, ExportWhat::View, "Current view");
    ui.separator();
    ui.horizontal(|ui| {
        ui.label("PNG scale");
        for s in [1.0, 2.0, 4.0] {
            ui.radio_value(&mut e.scale, s, format!("{s}x"));
        }
    });
    // A submenu, not a combo box: a combo's popup inside a menu closes the menu.
    ui.menu_button(format!("Page: {}", page_name(e.page)), |ui| {
        for p in PAGES {
            ui.radio_value(&mut e.page, p, page_name(p));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Theme");
        // What the automatic theme draws, said for paper and screen.
        let auto = if dark { "Light on paper, dark on screen" } else { "Light" };
        ui.radio_value(&mut e.theme, ExportTheme::Canvas, auto)
            .on_hover_text("PDFs and pictures fitted to a page are light; other pictures follow the canvas");
        ui.radio_value(&mut e.theme, ExportTheme::Light, "Always light");
        ui.radio_value(&mut e.theme, ExportTheme::Dark, "Always dark");
    });
    ui.checkbox(&mut e.transparent, "Transparent background");
}

fn edit_menu(ui: &mut egui::Ui, doc: &Document, selected: Option<&StatementId>, actions: &mut Vec<Action>) {
    let undo = doc.history().undo_label().map(|l| format!("Undo {l}"));
    let redo = doc.history().redo_label().map(|l| format!("Redo {l}"));
    for (c, label) in [(Command::Undo, undo), (Command::Redo, redo)] {
        if c.button(ui, label.as_deref(), false, true) {
            actions.push(Action::Command(c));
        }
    }
    // A command on the selected statement is named and enabled as on it (its context menu and
    // the inspector); the others (a free claim, clearing every mark) are plain items.
    let role = selected.and_then(|id| doc.map().role(id));
    for menu in [Menu::EditAdd, Menu::EditChange, Menu::EditWhatIf] {
        ui.separator();
        for c in Command::in_menu(menu) {
            let on_selected = ON_STATEMENT.contains(&c) || c == Command::Group || c == Command::Ungroup;
            let enabled = !on_selected || selected.is_none_or(|id| c.applies_to(doc.map(), id));
            let label = if on_selected { Some(c.name_on(role)) } else { None };
            if c.button(ui, label, false, enabled) {
                actions.push(Action::Command(c));
            }
        }
    }
}

fn view_menu(
    ui: &mut egui::Ui,
    doc: &Document,
    settings: &mut Settings,
    view: &mut View,
    actions: &mut Vec<Action>,
) {
    items(ui, Menu::ViewSee, actions);
    ui.menu_button("Layout", |ui| layout_menu(ui, doc, actions));
    ui.separator();
    for c in Command::in_menu(Menu::ViewToggle) {
        let on = match c {
            Command::ToggleFocus => view.focus,
            Command::ToggleLegend => settings.show_legend,
            Command::ToggleSource => view.source,
            Command::ToggleArgdown => view.argdown,
            Command::ToggleEval => settings.show_eval,
            Command::ToggleQuestions => settings.show_questions,
            _ => false,
        };
        toggle(ui, on, c, actions);
        if c == Command::ToggleFocus {
            ui.add(egui::Slider::new(&mut view.focus_depth, 1..=6).text("links"));
            settings.focus_depth = view.focus_depth;
        }
        if c == Command::ToggleLegend {
            ui.checkbox(&mut view.minimap, "Minimap");
        }
    }
    ui.separator();
    ui.label("Theme");
    ui.radio_value(&mut settings.theme, ThemeChoice::System, "Follow system");
    ui.radio_value(&mut settings.theme, ThemeChoice::Light, "Light");
    ui.radio_value(&mut settings.theme, ThemeChoice::Dark, "Dark");
}

/// A menu checkbox for a command that turns something on or off: it shows whether it is `on`
/// and, clicked, proposes the command (the same path as its shortcut).
fn toggle(ui: &mut egui::Ui, on: bool, command: Command, actions: &mut Vec<Action>) {
    let mut shown = on;
    if ui.checkbox(&mut shown, command.label()).clicked() {
        actions.push(Action::Command(command));
    }
}

/// How the map is arranged: saved with the map, so choosing one is an edit (undoable).
fn layout_menu(ui: &mut egui::Ui, doc: &Document, actions: &mut Vec<Action>) {
    let now = doc.map().arrangement;
    for arrangement in Arrangement::ALL {
        if ui.radio(now == arrangement, arrangement.label()).clicked() && now != arrangement {
            actions.push(Action::Edit(Edit::SetArrangement { arrangement }, "Change the layout"));
        }
    }
    ui.separator();
    ui.weak("Saved with the map. Automatic takes the arrangement that shows the whole map largest in the window (or, when exporting, on a 16:9 slide).");
}

fn help_menu(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    items(ui, Menu::Help, actions);
    ui.weak("Help (F1): getting started, every shortcut, what the evaluation means");
}

/// The zoom as the status bar says it: whole percents, and below 1% as many decimals as show it
/// (never "0%").
fn zoom_label(zoom: f32) -> String {
    let percent = zoom * 100.0;
    match percent {
        p if p >= 1.0 => format!("{p:.0}%"),
        p if p >= 0.1 => format!("{p:.1}%"),
        p => format!("{p:.2}%"),
    }
}

/// Draws the status bar: zoom, size, focus, where the selected statement stands and how much of
/// the source document the map covers (`said`), the last message.
pub fn status_bar(ui: &mut egui::Ui, doc: &Document, view: &View, (said, status): (&[String], &str)) {
    ui.horizontal(|ui| {
        ui.label(zoom_label(view.camera.zoom));
        ui.separator();
        let (map, count) = (doc.map(), crate::printable::thousands);
        ui.label(format!(
            "{} statements, {} relations",
            count(map.statement_count()),
            count(map.relation_count())
        ));
        if view.focus {
            ui.separator();
            ui.label(format!("Focus: {} links", view.focus_depth));
        }
        for line in said {
            ui.separator();
            ui.label(line);
        }
        ui.separator();
        ui.label(status);
    });
}

#[cfg(test)]
mod tests {
    use super::zoom_label;

    #[test]
    fn issue35_the_zoom_is_never_said_to_be_nought() {
        assert_eq!(zoom_label(0.7), "70%");
        assert_eq!(zoom_label(0.012), "1%");
        assert_eq!(zoom_label(0.004), "0.4%");
        assert_eq!(zoom_label(crate::ui::view::MIN_ZOOM), "0.05%");
    }
}
