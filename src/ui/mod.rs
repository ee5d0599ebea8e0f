//! The desktop app (eframe + egui, glow renderer): the canvas, the inspector, menus, files.
//!
//! View state (selection, camera, collapsed branches, search) lives here and is never written into
//! the map file. Every change to the map goes through [`crate::edit`] via `App::apply`, so one
//! gesture is one undo step and the model's invariants hold after each.

pub mod action;
mod app;
pub mod argdown;
mod canvas;
mod command;
pub mod compare;
pub mod derived;
pub mod document;
mod files;
pub mod handoff;
mod help;
mod inspector;
mod menus;
mod overview;
mod panel;
pub mod recovery;
pub mod settings;
mod source;
pub mod text_sync;
mod view;

pub use action::{Action, Gesture, Pending, Typing};
pub use app::{App, BACKGROUND_FROM, BURST, Modal, READ_BACK_AFTER, WATCH_EVERY};
pub use canvas::update_matches;
pub use command::Command;
pub use derived::{Derived, DerivedKey};
pub use document::Document;
pub use files::{Chooser, FileUse};
pub use panel::{PanelContext, box_id};
pub use settings::{ExportSettings, ExportWhat, Settings, ThemeChoice};
pub use view::{Camera, Fit, NAMED_ZOOM, View, neighbourhood};

use std::path::PathBuf;

/// The project's icon, drawn as SVG.
pub const ICON_SVG: &str = include_str!("../../assets/icon.svg");

/// The window icon: `assets/icon.svg` rendered to straight-alpha RGBA, `size` pixels square.
pub fn icon(size: u32) -> Option<egui::IconData> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(ICON_SVG, &usvg::Options::default()).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(size, size)?;
    let scale = size as f32 / tree.size().width();
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let rgba = pixmap.pixels().iter().flat_map(|p| {
        let c = p.demultiply();
        [c.red(), c.green(), c.blue(), c.alpha()]
    });
    Some(egui::IconData { rgba: rgba.collect(), width: size, height: size })
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::SETTINGS_KEY, self.settings());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit: whatever was unsaved, the user chose to discard it.
        self.clear_recovery();
    }
}

/// Opens the app window with `file`, or the shipped MINUSMA map.
pub fn run(file: Option<PathBuf>, empty: bool, server: Option<String>) -> Result<(), eframe::Error> {
    // A live map's link in place of a file: the window joins it.
    let link =
        file.as_ref().and_then(|f| f.to_str()).filter(|f| f.starts_with("automerge:")).map(str::to_owned);
    let file = file.filter(|_| link.is_none());
    // A window that takes maps from the desktop is given this one, and no window opens here.
    if let (Some(socket), Some(f)) = (handoff::socket_path(), file.as_ref().filter(|_| !empty))
        && handoff::hand_over(&socket, f)
    {
        return Ok(());
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("argmap")
        .with_app_id("argmap")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon(64) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "argmap",
        options,
        Box::new(move |cc| {
            let settings: Settings =
                cc.storage.and_then(|s| eframe::get_value(s, settings::SETTINGS_KEY)).unwrap_or_default();
            let recovery = recovery::Recovery::platform();
            let app = match empty {
                true => App::launch_empty(settings, recovery),
                false => App::launch(file, settings, recovery),
            };
            let mut app = app.in_window();
            if let Some(link) = link {
                app.join_at_start(link, server);
            }
            Ok(Box::new(app))
        }),
    )
}
