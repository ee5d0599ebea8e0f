//! Files: opening, importing, saving and exporting, and choosing where (the desktop's dialog, or
//! argmap's own where there is none).

use super::{App, Modal};
use crate::export::Format;
use crate::io;
use crate::model::ArgumentMap;
use crate::render::{self, ExportOptions, Region};
use crate::ui::action::Pending;
use crate::ui::files::{self, Chooser, FileUse};
use crate::ui::settings::ExportWhat;
use crate::ui::view::{self, Camera, View};
use std::path::{Path, PathBuf};

impl App {
    /// Does an action without asking.
    pub(super) fn perform(&mut self, action: Pending, ctx: &egui::Context) {
        match action {
            Pending::New => self.replace_document(ArgumentMap::new("Untitled map"), None, false),
            Pending::Open(Some(path)) => self.open(&path),
            Pending::Open(None) => self.choose_file(FileUse::Open, ctx),
            Pending::Import(Some(path)) => self.import(&path),
            Pending::Import(None) => self.choose_file(FileUse::Import, ctx),
            Pending::NewFromDocument(Some(path)) => self.new_from_document(&path),
            Pending::NewFromDocument(None) => self.choose_file(FileUse::NewFromDocument, ctx),
            Pending::JoinLive(joining) => self.join_live(joining, ctx),
            Pending::Quit => {
                self.clear_recovery();
                self.window.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a file; on error the current map stays open, untouched, and the error shows.
    fn open(&mut self, path: &Path) {
        match io::load_path(path) {
            Ok(map) => {
                self.replace_document(map, Some(crate::ui::settings::absolute(path)), false);
                self.settings.remember(path);
                self.window.status = format!("Opened {}.", path.display());
            }
            Err(e) => self.show_error(format!("Could not open the map; the current map stays open.\n\n{e}")),
        }
    }

    /// Reads an Argdown or AIF document as a new, unsaved map; what it could only approximate
    /// shows in a report. On error the current map stays open, untouched, and the error shows.
    pub(super) fn import(&mut self, path: &Path) {
        let name = path.display().to_string();
        let Some(format) = crate::interop::ImportFormat::of(path) else {
            return self
                .show_error(format!("{name}: argmap imports Argdown (.argdown, .ad) and AIF (.json)."));
        };
        let failed = "Could not import the document; the current map stays open.";
        let text = match io::read_text(path) {
            Ok(text) => text,
            Err(e) => return self.show_error(format!("{failed}\n\n{e}")),
        };
        match crate::interop::import(format, &text, &crate::interop::title_from(path)) {
            Ok(imported) => {
                let (statements, relations) = (imported.map.statement_count(), imported.map.relation_count());
                self.replace_document(imported.map, None, true);
                self.window.status = format!(
                    "Imported {name}: {statements} statements, {relations} relations. Save it as a map to keep it."
                );
                if !imported.warnings.is_empty() {
                    let lines = imported.warnings.iter().map(ToString::to_string).collect();
                    self.show_modal(Modal::Report(format!("Imported {name}, with these notes"), lines));
                }
            }
            Err(e) => self.show_error(format!("{failed}\n\n{name}:{e}")),
        }
    }

    /// A new document in place of the old one, with a fresh view.
    pub(super) fn replace_document(&mut self, map: ArgumentMap, path: Option<PathBuf>, unsaved: bool) {
        self.clear_recovery();
        let selected = map.claims().next().or_else(|| map.statements().next()).map(|s| s.id.clone());
        self.doc.replace(map, path, unsaved);
        if !unsaved {
            self.doc.remember_disk();
        }
        self.gesture = None;
        self.comparison = None;
        self.view = View {
            selected,
            focus_depth: self.view.focus_depth,
            fit: Some(view::Fit::Opening),
            camera: Camera::default(),
            ..View::default()
        };
    }

    /// Saves the map, then does `then` (the answer "Save" to "Save changes?"); `ask` (or a map
    /// without a file) asks where first. Nothing more happens if the save fails or is cancelled.
    pub(super) fn save(&mut self, ask: bool, then: Option<Pending>, ctx: &egui::Context) {
        match (self.doc.path(), ask) {
            (Some(path), false) => {
                let path = path.to_path_buf();
                self.file_chosen(FileUse::SaveAs(then), path, ctx);
            }
            _ => self.choose_file(FileUse::SaveAs(then), ctx),
        }
    }

    /// Saves the map to `path` and makes it the document's file.
    fn save_to(&mut self, path: &Path) -> bool {
        let merged = match self.take_in_changes_on_disk(path) {
            Ok(merged) => merged,
            Err(why) => {
                self.show_error(why);
                return false;
            }
        };
        match io::save(self.doc.map(), path) {
            Ok(()) => {
                self.doc.saved_as(crate::ui::settings::absolute(path));
                self.doc.remember_disk();
                self.clear_recovery();
                self.settings.remember(path);
                self.window.status = match (merged, self.doc.map().conflicts().len()) {
                    (Some(what_came_in), _) => what_came_in,
                    (None, 0) => format!("Saved {}.", path.display()),
                    (None, n) => format!(
                        "Saved {}, with {n} unresolved conflict{} from a merge: choose a version for each (⚠ conflict on the map).",
                        path.display(),
                        if n == 1 { "" } else { "s" }
                    ),
                };
                true
            }
            Err(e) => {
                self.show_error(format!(
                    "Could not save to {}: {}.\nThe map is still open and unsaved; the old file is unchanged.",
                    path.display(),
                    io::io_message(&e)
                ));
                false
            }
        }
    }

    /// Asks for a file for `purpose`: with the desktop's dialog where there is one (it blocks,
    /// and the file is used at once), else with the built-in dialog, which stays open in the
    /// window until the user chooses.
    pub(super) fn choose_file(&mut self, purpose: FileUse, ctx: &egui::Context) {
        let exts = purpose.extensions();
        let suggested = purpose.writes().then(|| {
            let stem = self.doc.path().as_ref().and_then(|p| p.file_stem()).map_or_else(
                || ArgumentMap::new("").fresh_id(&self.doc.map().title).to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!("{stem}.{}", exts.first().copied().unwrap_or("ron"))
        });
        let beside = self.doc.path().and_then(|p| p.parent());
        let folder = self.settings.folder_for(&purpose, beside);
        if self.use_builtin_dialogs() {
            let folder =
                folder.or_else(|| std::env::current_dir().ok()).unwrap_or_else(|| PathBuf::from("."));
            return self.open_chooser(Chooser::new(purpose, &folder, suggested));
        }
        let mut dialog = rfd::FileDialog::new().set_title(purpose.title()).add_filter(purpose.kind(), exts);
        if let Some(dir) = &folder {
            dialog = dialog.set_directory(dir);
        }
        let picked = match suggested {
            Some(name) => dialog.set_file_name(name).save_file(),
            None => dialog.pick_file(),
        };
        match picked {
            Some(path) => {
                if let Some(dir) = path.parent() {
                    self.settings.used_folder(&purpose, dir);
                }
                self.file_chosen(purpose, path, ctx);
            }
            None => {
                self.window.status =
                    "No file chosen. (No dialog appeared? File > Use argmap's own file dialog.)".into();
            }
        }
    }

    /// Whether files are chosen with the built-in dialog: always headless, when the user asked
    /// for it, and on a desktop without a file dialog (asked once).
    fn use_builtin_dialogs(&mut self) -> bool {
        if !self.window.native || self.settings.builtin_dialogs {
            return true;
        }
        !*self.window.desktop_dialogs.get_or_insert_with(files::desktop_dialog_available)
    }

    /// Uses the file the user chose for `purpose`.
    pub(super) fn file_chosen(&mut self, purpose: FileUse, path: PathBuf, ctx: &egui::Context) {
        match purpose {
            FileUse::Open => self.open(&path),
            FileUse::Import => self.import(&path),
            FileUse::SaveAs(then) => {
                if self.save_to(&path)
                    && let Some(action) = then
                {
                    self.perform(action, ctx);
                }
            }
            FileUse::Export(format) => self.export_to(&path, format, ctx),
            FileUse::LocateDocument => self.locate_document(&path),
            FileUse::NewFromDocument => self.new_from_document(&path),
            FileUse::Compare => {
                let name =
                    path.file_name().map_or(path.display().to_string(), |n| n.to_string_lossy().into());
                self.compare_with(&path, name);
            }
        }
    }

    /// Starts a new, unsaved map reading the document at `path`: the document listed in it and
    /// open beside it, its folder searched for documents, an empty claim being typed. When the
    /// document cannot be read, the current map stays open, untouched, and the error shows.
    /// Plain text is read at once; HTML and PDF off the UI thread, in a child process, while a
    /// dialog says so and offers to cancel.
    fn new_from_document(&mut self, path: &Path) {
        use crate::sources::formats::Kind;
        if matches!(Kind::of(path), Kind::Html | Kind::Pdf) {
            let reading =
                super::documents::Background::start(self.documents.reader.clone(), path.to_path_buf());
            return self.show_modal(Modal::Reading(Box::new(reading)));
        }
        let text = crate::sources::read(path, &crate::sources::Reader::InProcess);
        self.document_read(path, text.map_err(|e| e.to_string()));
    }

    /// A document read for a new map (see [`App::new_from_document`]): the new map opened beside
    /// it, or the error, the current map kept.
    pub(super) fn document_read(&mut self, path: &Path, text: Result<crate::sources::Text, String>) {
        let map = text.and_then(|t| crate::sources::map_for(path, &t).map_err(|e| e.to_string()));
        match map {
            Ok(map) => {
                self.replace_document(map, None, false);
                self.locate_document(path);
                self.run_edit(crate::ui::command::Command::AddClaim, 0.0);
                self.window.status =
                    "Type the map's central claim; then select passages in the document and press + or −."
                        .into();
            }
            Err(e) => {
                self.show_error(format!("Could not read the document; the current map stays open.\n\n{e}"))
            }
        }
    }

    /// The export options File ▸ Export uses now: its settings, the selection, the view.
    pub(super) fn export_options(&self, format: Format) -> ExportOptions {
        let e = &self.settings.export;
        let region = match (e.what, &self.view.selected, self.canvas.rect) {
            (ExportWhat::Branch, Some(id), _) => Region::Branch(id.clone()),
            (ExportWhat::View, _, Some(canvas)) => Region::View(self.view.camera.visible(canvas)),
            _ => Region::Whole,
        };
        // The view as the canvas arranges it; the whole map or a branch as the map says (an
        // automatic arrangement fitting a slide).
        let arrangement = match region {
            Region::View(_) => self.canvas.derived.as_ref().map(|d| d.layout.arrangement),
            _ => None,
        };
        ExportOptions {
            scale: e.scale,
            dark: e.dark(format, self.canvas.derived.as_ref().is_some_and(|d| d.key.dark)),
            paper: e.page,
            transparent: e.transparent,
            region,
            eval: self.settings.show_eval,
            questions: self.settings.show_questions.then(|| std::sync::Arc::new(self.schemes.clone())),
            arrangement,
            ..ExportOptions::default()
        }
    }
}

/// Why a picture could not be made, in the window's words: one too large for a PNG names what
/// File > Export offers, not the command line's `--scale` or `--dpi`.
pub(super) fn in_window(e: &render::ExportError) -> String {
    match e {
        render::ExportError::TooLarge { width, height, .. }
        | render::ExportError::PageTooLarge { width, height, .. } => format!(
            "The picture would be {width} x {height} pixels, more than the {} a side argmap \
             writes as PNG. Under File > Export, choose Current view or Selected branch, or a \
             smaller PNG scale; or export PDF or SVG, which hold the whole map.",
            render::MAX_PNG_SIDE
        ),
        e => e.to_string(),
    }
}
