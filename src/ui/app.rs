//! The app: one open document, its view, the commands, files and dialogs.

use super::canvas;
use super::command::Command;
use super::files::{self, Chosen, FileUse};
use super::inspector;
use super::recovery::{self, Recovery};
use super::view::{self, Camera, Search, View};
use crate::edit::{self, Edit, History};
use crate::io;
use crate::layout::{self, Layout, LayoutInput};
use crate::model::{self, ArgumentMap, Mark, RelationKind, StatementId, Topology};
use crate::render::{self, ExportOptions, Region};
use crate::scene::{self, Palette, Prepared, Scene, Typesetter};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Key of the settings in eframe's storage.
pub const SETTINGS_KEY: &str = "argmap-settings";
/// How many recent files the File menu lists.
const MAX_RECENT: usize = 10;

/// Which theme to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Which part of the map File ▸ Export draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportWhat {
    /// The whole map.
    #[default]
    Whole,
    /// The selected statement and its branch.
    Branch,
    /// What the canvas shows.
    View,
}

/// How File ▸ Export draws (remembered between runs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// Which part.
    pub what: ExportWhat,
    /// PNG pixels per map unit.
    pub scale: f32,
    /// Dark theme (otherwise light, the usual choice for print).
    pub dark: bool,
    /// No background.
    pub transparent: bool,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self { what: ExportWhat::Whole, scale: 2.0, dark: false, transparent: false }
    }
}

/// What persists between runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme.
    pub theme: ThemeChoice,
    /// Recently opened or saved files, most recent first.
    pub recent: Vec<PathBuf>,
    /// The folder the last file dialog ended in.
    pub last_folder: Option<PathBuf>,
    /// Whether the legend shows.
    pub show_legend: bool,
    /// How many links focus mode reaches.
    pub focus_depth: usize,
    /// How File ▸ Export draws.
    pub export: ExportSettings,
    /// Whether boxes show their evaluation (label badges, faded `out` boxes); exports follow.
    #[serde(default = "yes")]
    pub show_eval: bool,
    /// Choose files with argmap's own dialog even where the desktop has one.
    #[serde(default)]
    pub builtin_dialogs: bool,
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            recent: Vec::new(),
            last_folder: None,
            show_legend: true,
            focus_depth: 2,
            export: ExportSettings::default(),
            show_eval: true,
            builtin_dialogs: false,
        }
    }
}

impl Settings {
    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
        if let Some(dir) = path.parent() {
            self.last_folder = Some(dir.to_path_buf());
        }
    }
}

/// The open map, where it lives, and its undo history.
pub struct Document {
    /// The map.
    pub map: ArgumentMap,
    /// Its file, if it has one.
    pub path: Option<PathBuf>,
    /// Undo/redo and the unsaved-changes mark.
    pub history: History,
    /// Changes whenever the map does (edit, undo, redo, open), for the derived-data cache.
    pub version: u64,
}

impl Document {
    /// A document for a map.
    pub fn new(map: ArgumentMap, path: Option<PathBuf>) -> Self {
        Self { map, path, history: History::default(), version: 0 }
    }

    /// The name shown in the window title.
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => {
                p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
            }
            None => "Untitled".to_owned(),
        }
    }
}

/// Typing the text of a statement, on the canvas.
#[derive(Debug, Clone)]
pub struct TextEditing {
    /// Which statement.
    pub id: StatementId,
    /// The text typed so far.
    pub buffer: String,
    /// The statement was just added by this gesture: cancelling removes it again.
    pub is_new: bool,
    /// Focus the field on the next frame.
    pub focus: bool,
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
    /// Close the window.
    Quit,
}

/// Everything derived from the map and the view, recomputed only when its key changes.
pub struct Derived {
    /// What it was computed from.
    pub key: DerivedKey,
    /// Wrapped text and box sizes.
    pub prepared: Prepared,
    /// Positions.
    pub layout: Layout,
    /// The drawing.
    pub scene: Scene,
    /// Statements shown in focus mode (`None`: all).
    pub shown: Option<HashSet<StatementId>>,
    /// The evaluation (labels and what-if marks by file position), always computed: the
    /// inspector explains it even when the canvas hides it.
    pub evaluation: scene::Shown,
    /// Statements whose badge the last edit changed, and when (the canvas rings them briefly).
    pub changed: (HashSet<StatementId>, f64),
    /// The inspector's explanation and verdict of the statement selected when this was made
    /// (see [`inspector::assess`]).
    pub assessment: Option<(StatementId, (String, String))>,
}

/// The inputs of [`Derived`]: it is recomputed exactly when this changes; the wrapped text and
/// the layout only when the part of it that can move a box does ([`DerivedKey::layout_part`]).
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedKey {
    /// [`Document::version`].
    pub doc_version: u64,
    /// [`History::layout_changes`]: edits that may move a box.
    pub layout_changes: u64,
    /// [`History::structure_changes`]: edits that may change the layout's tree or a pin.
    pub structure_changes: u64,
    /// How many documents were opened before (a new document restarts its version).
    pub doc_generation: u64,
    /// [`View::collapsed_version`].
    pub collapsed_version: u64,
    /// The theme.
    pub dark: bool,
    /// Focus mode's centre and depth, when on.
    pub focus: Option<(StatementId, usize)>,
    /// Whether the canvas shows the evaluation.
    pub show_eval: bool,
}

impl DerivedKey {
    /// What the wrapped text and the layout depend on: the document, its edits that may move a
    /// box, the collapsed branches. (Roles and texts change only by such edits.)
    pub fn layout_part(&self) -> (u64, u64, u64) {
        (self.doc_generation, self.layout_changes, self.collapsed_version)
    }

    /// What the layout's tree depends on: as [`DerivedKey::layout_part`], but a new text does not
    /// count (it moves boxes only if it changes a box's size).
    pub fn structure_part(&self) -> (u64, u64, u64) {
        (self.doc_generation, self.structure_changes, self.collapsed_version)
    }
}

/// The argmap app.
pub struct App {
    /// The open map.
    pub doc: Document,
    /// What persists between runs.
    pub settings: Settings,
    /// What the user looks at.
    pub view: View,
    /// Layout and drawing of the current map.
    pub derived: Option<Derived>,
    /// Text layout with egui's fonts.
    pub typesetter: Typesetter,
    /// Typing a statement's text on the canvas.
    pub editing: Option<TextEditing>,
    /// The inspector's fields while the user types in them.
    pub fields: inspector::Fields,
    /// A box being dragged, and how far (map units).
    pub view_drag: Option<(StatementId, egui::Vec2)>,
    /// Waiting for a click on the statement to connect the selection to.
    pub connecting: Option<(StatementId, RelationKind)>,
    /// An action waiting for Save / Discard / Cancel.
    pub pending: Option<Pending>,
    /// An error to show until dismissed.
    pub error: Option<String>,
    /// A report to show until dismissed: its heading and its lines (what an import or export
    /// could only approximate).
    pub report: Option<(String, Vec<String>)>,
    /// The status line.
    pub status: String,
    /// Counts opened documents.
    pub doc_generation: u64,
    /// The window may close now (the user answered the unsaved-changes question).
    pub allow_close: bool,
    /// A command requested by a button or menu this frame, run after drawing.
    pub queued: Vec<Command>,
    /// Whether this runs in a real window (desktop file dialogs and closing work) or headless in
    /// tests.
    pub native: bool,
    /// The built-in file dialog, while it is open.
    pub chooser: Option<files::Chooser>,
    /// A file the built-in dialog would write over, waiting for Replace / Cancel.
    pub overwrite: Option<(FileUse, PathBuf)>,
    /// Whether the desktop has a file dialog (asked the first time a file is chosen).
    desktop_dialogs: Option<bool>,
    /// Where unsaved work is copied for crash recovery (none in tests unless set).
    pub recovery: Option<Recovery>,
    /// A recovery copy found at start, waiting for Restore / Discard.
    pub restore_offer: Option<recovery::Found>,
    /// When the oldest change not yet in the recovery copy was made.
    unwritten_since: Option<std::time::Instant>,
    /// The (document, revision) the recovery copy holds.
    recovery_written: Option<(u64, u64)>,
    /// Where the canvas was drawn last frame (for exporting the current view).
    pub canvas_rect: Option<egui::Rect>,
    /// The last window title sent.
    title_sent: String,
}

impl App {
    /// An app showing `map`, stored at `path`.
    pub fn new(map: ArgumentMap, path: Option<PathBuf>, settings: Settings) -> Self {
        let mut view = View {
            focus_depth: settings.focus_depth.max(1),
            fit: Some(view::Fit::Opening),
            ..View::default()
        };
        view.selected = map.claims().next().or_else(|| map.statements().next()).map(|s| s.id.clone());
        Self {
            doc: Document::new(map, path),
            settings,
            view,
            derived: None,
            typesetter: Typesetter::new(),
            editing: None,
            fields: inspector::Fields::default(),
            view_drag: None,
            connecting: None,
            pending: None,
            error: None,
            report: None,
            status: String::new(),
            doc_generation: 0,
            allow_close: false,
            queued: Vec::new(),
            native: false,
            chooser: None,
            overwrite: None,
            desktop_dialogs: None,
            recovery: None,
            restore_offer: None,
            unwritten_since: None,
            recovery_written: None,
            canvas_rect: None,
            title_sent: String::new(),
        }
    }

    /// Starts the app as the desktop does: [`App::start`], then the crash-recovery copy kept in
    /// `recovery` (the platform's data folder; a test's own folder), offered back if a session
    /// that did not end cleanly left one there.
    pub fn launch(file: Option<PathBuf>, settings: Settings, recovery: Option<Recovery>) -> Self {
        let mut app = Self::start(file, settings);
        if let Some(rec) = recovery {
            app.restore_offer = rec.find();
            app.recovery = Some(rec);
        }
        app
    }

    /// The app as started from the command line: the file given, or the shipped map. A file that
    /// cannot be opened leaves the shipped map open and shows why.
    pub fn start(file: Option<PathBuf>, settings: Settings) -> Self {
        let shipped = || io::load_str(crate::MINUSMA_RON, "mali-minusma.ron").unwrap_or_default();
        match file {
            None => Self::new(shipped(), None, settings),
            Some(path) if crate::interop::ImportFormat::of(&path).is_some() => {
                // An Argdown or AIF document opens as a new, unsaved map.
                let mut app = Self::new(ArgumentMap::new("Untitled map"), None, settings);
                app.import(&path);
                app
            }
            Some(path) => match io::load_path(&path) {
                Ok(map) => {
                    let mut app = Self::new(map, Some(path.clone()), settings);
                    app.settings.remember(&path);
                    app
                }
                Err(e) => {
                    let mut app = Self::new(shipped(), None, settings);
                    app.error = Some(format!("Could not open the map.\n\n{e}"));
                    app
                }
            },
        }
    }

    // ---- the frame ----

    /// Draws the whole app for one frame and handles its input.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.handle_window_events(&ctx);
        if self.pending.is_none()
            && self.error.is_none()
            && self.report.is_none()
            && self.restore_offer.is_none()
            && self.chooser.is_none()
            && self.overwrite.is_none()
        {
            self.handle_keys(&ctx);
        }
        self.refresh_derived(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::right("inspector").resizable(true).default_size(360.0).size_range(260.0..=560.0).show(
            ui,
            |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| inspector::show(self, ui));
            },
        );
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| canvas::show(self, ui));

        self.show_chooser(&ctx);
        self.dialogs(&ctx);
        for command in std::mem::take(&mut self.queued) {
            self.run(command, &ctx);
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let pref = match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        };
        if ctx.options(|o| o.theme_preference) != pref {
            ctx.set_theme(pref);
        }
    }

    fn handle_window_events(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().next() {
            let action = if crate::interop::ImportFormat::of(&path).is_some() {
                Pending::Import(Some(path))
            } else {
                Pending::Open(Some(path))
            };
            self.request(action, ctx);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.history.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.editing.is_some() {
            return; // the text field owns the keyboard; canvas::show handles Enter and Escape
        }
        if self.connecting.is_some() {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
                self.connecting = None;
                self.status = "Connecting cancelled.".into();
                return;
            }
            // From the keyboard: walk to the target with the arrow keys, Enter connects.
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
                && let Some(target) = self.view.selected.clone()
            {
                self.connect_to(target);
                return;
            }
        }
        let typing = ctx.egui_wants_keyboard_input();
        for command in Command::ALL {
            if typing && !command.works_while_typing() {
                continue;
            }
            for shortcut in command.shortcuts() {
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    if let Some(text) = command.typed_text() {
                        ctx.input_mut(|i| {
                            i.events.retain(|e| !matches!(e, egui::Event::Text(t) if t == text))
                        });
                    }
                    self.run(command, ctx);
                }
            }
        }
    }

    fn refresh_derived(&mut self, ctx: &egui::Context) {
        let dark = ctx.global_style().visuals.dark_mode;
        let focus = if self.view.focus {
            self.view.selected.clone().map(|s| (s, self.view.focus_depth))
        } else {
            None
        };
        let key = DerivedKey {
            doc_version: self.doc.version,
            layout_changes: self.doc.history.layout_changes(),
            structure_changes: self.doc.history.structure_changes(),
            doc_generation: self.doc_generation,
            collapsed_version: self.view.collapsed_version,
            dark,
            focus,
            show_eval: self.settings.show_eval,
        };
        if self.derived.as_ref().is_some_and(|d| d.key == key) {
            return;
        }
        let map = &self.doc.map;
        let topo = Topology::new(map);
        let mut old = self.derived.take();
        // The badges before, to show what an edit changed (same document, evaluation shown): by
        // old position, matched to the new one through the model's slots (no id is read).
        let before: Option<(model::Index, Vec<Option<Option<scene::Badge>>>)> = old
            .as_ref()
            .filter(|o| {
                o.key.doc_generation == key.doc_generation
                    && o.key.doc_version != key.doc_version
                    && o.key.show_eval
                    && key.show_eval
            })
            .map(|o| {
                let mut badges = vec![None; o.layout.index.len()];
                for b in &o.scene.boxes {
                    if let Some(slot) = badges.get_mut(b.position) {
                        *slot = Some(b.badge);
                    }
                }
                (o.layout.index.clone(), badges)
            });
        // The old drawing's memory, drawn into again.
        let mut scene = old.as_mut().map(|o| std::mem::take(&mut o.scene)).unwrap_or_default();
        // An edit that cannot move a box (a what-if mark, a rating, a note) keeps the wrapped text
        // and the layout: only the evaluation and the drawing are made again.
        // A new text that leaves every box its size keeps the layout too.
        let (prepared, layout) = match old {
            Some(o) if o.key.layout_part() == key.layout_part() => {
                let mut prepared = o.prepared;
                prepared.tags = scene::tags(&topo, &mut self.typesetter); // a new title or rating
                (prepared, o.layout)
            }
            mut old => {
                let sizes = old.as_ref().map(|o| o.prepared.sizes.clone());
                let prepared = scene::prepare_reusing(
                    &topo,
                    &mut self.typesetter,
                    old.as_mut().map(|o| &mut o.prepared),
                );
                let same_boxes = old.as_ref().is_some_and(|o| {
                    o.key.structure_part() == key.structure_part() && sizes.as_ref() == Some(&prepared.sizes)
                });
                let same_tree = old.as_ref().is_some_and(|o| o.key.structure_part() == key.structure_part());
                let layout = match old {
                    Some(o) if same_boxes => o.layout,
                    // Only sizes changed: the same tree, placed again (no structure rebuilt).
                    Some(mut o) if same_tree => {
                        layout::place(&mut o.layout, &topo, &prepared.sizes);
                        o.layout
                    }
                    _ => layout::layout(&LayoutInput {
                        topo: &topo,
                        sizes: &prepared.sizes,
                        collapsed: &self.view.collapsed,
                    }),
                };
                (prepared, layout)
            }
        };
        // A kept layout has the same statements in the same places; its index is made exact anyway
        // (a dense copy, no hashing).
        let mut layout = layout;
        layout.index.clone_from(&topo.index);
        let shown = key.focus.as_ref().map(|(id, depth)| view::neighbourhood(map, id, *depth));
        let evaluation = scene::Shown::of(map, &topo);
        let drawn = key.show_eval.then_some(&evaluation);
        scene::rebuild(&mut scene, &topo, &layout, &prepared, &Palette::of(dark), shown.as_ref(), drawn);
        let changed = before
            .map(|(old_index, badges)| {
                let index = &layout.index;
                scene
                    .boxes
                    .iter()
                    .filter(|b| {
                        let old = index.slot(b.position).and_then(|s| old_index.position_of_slot(s));
                        old.and_then(|p| badges.get(p).copied().flatten()).is_some_and(|old| old != b.badge)
                    })
                    .filter_map(|b| index.statement(map, b.position).map(|s| s.id.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let changed = (changed, ctx.input(|i| i.time));
        let assessment = self.view.selected.as_ref().and_then(|id| {
            let s = topo.position(id)?;
            Some((id.clone(), inspector::assess(&topo, &evaluation, s)))
        });
        self.derived = Some(Derived { key, prepared, layout, scene, shown, evaluation, changed, assessment });
    }

    /// Copies unsaved work to the recovery folder [`recovery::DELAY`] after the oldest edit it
    /// does not hold yet (so even non-stop editing is never more than that behind); removes the
    /// copy once nothing is unsaved.
    pub fn autosave(&mut self, ctx: &egui::Context) {
        let Some(rec) = &self.recovery else { return };
        if self.restore_offer.is_some() || self.allow_close {
            // The copy on disk is the user's to restore or discard first; or the user quit and
            // discarded the work, and the window is closing.
            return;
        }
        if !self.doc.history.is_dirty() {
            if self.recovery_written.take().is_some() {
                rec.clear();
            }
            return;
        }
        let key = (self.doc_generation, self.doc.history.revision());
        if self.recovery_written == Some(key) {
            return;
        }
        let since = self.unwritten_since.map_or(recovery::DELAY, |t| t.elapsed());
        if since < recovery::DELAY {
            ctx.request_repaint_after(recovery::DELAY - since);
            return;
        }
        self.unwritten_since = None;
        match rec.write(&self.doc.map, self.doc.path.as_deref()) {
            Ok(()) => self.recovery_written = Some(key),
            Err(e) => {
                self.status = format!("Could not write the recovery copy: {}", io::io_message(&e));
                self.recovery_written = Some(key); // do not retry every frame; the next edit will
            }
        }
    }

    /// Removes the recovery copy: the work is saved, discarded, or argmap exits cleanly.
    pub fn clear_recovery(&mut self) {
        if let Some(rec) = &self.recovery {
            rec.clear();
        }
        self.recovery_written = None;
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.doc.history.is_dirty() { "*" } else { "" };
        let title = format!("{}{dirty} — argmap", self.doc.name());
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title_sent
    }

    // ---- commands ----

    /// Runs a command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        let selected = self.view.selected.clone();
        match command {
            Command::New => self.request(Pending::New, ctx),
            Command::Open => self.request(Pending::Open(None), ctx),
            Command::Save => self.save(false, None, ctx),
            Command::SaveAs => self.save(true, None, ctx),
            Command::Quit => self.request(Pending::Quit, ctx),
            Command::ExportPng => self.choose_file(FileUse::ExportPicture("png"), ctx),
            Command::ExportSvg => self.choose_file(FileUse::ExportPicture("svg"), ctx),
            Command::CopyImage => self.copy_image(ctx),
            Command::Import => self.request(Pending::Import(None), ctx),
            Command::ExportArgdown => self.choose_file(FileUse::ExportText("argdown"), ctx),
            Command::ExportAif => self.choose_file(FileUse::ExportText("json"), ctx),
            Command::ExportDot => self.choose_file(FileUse::ExportText("dot"), ctx),
            Command::ExportOutline => self.choose_file(FileUse::ExportText("md"), ctx),
            Command::Undo => match self.doc.history.undo(&mut self.doc.map) {
                Ok(Some(label)) => self.changed(format!("Undid {label}.")),
                Ok(None) => self.status = "Nothing to undo.".into(),
                Err(e) => self.error = Some(format!("Undo failed: {e}")),
            },
            Command::Redo => match self.doc.history.redo(&mut self.doc.map) {
                Ok(Some(label)) => self.changed(format!("Redid {label}.")),
                Ok(None) => self.status = "Nothing to redo.".into(),
                Err(e) => self.error = Some(format!("Redo failed: {e}")),
            },
            Command::AddReason | Command::AddObjection => {
                let Some(target) = selected else {
                    self.status = "Select a statement first.".into();
                    return;
                };
                let kind = if command == Command::AddReason {
                    RelationKind::Support
                } else {
                    RelationKind::Objection
                };
                let (edit, id) = self.new_premise(&target, kind);
                let label = match (kind, self.doc.map.role(&target)) {
                    (RelationKind::Support, _) => "add reason",
                    (_, Some(crate::model::Role::Objection | crate::model::Role::Rebuttal)) => "add rebuttal",
                    _ => "add objection",
                };
                // The branch it goes into opens, so the new box is seen.
                if self.view.collapsed.remove(&target) {
                    self.view.collapsed_version += 1;
                }
                self.add_and_type(edit, id, label);
            }
            Command::AddCoPremise => {
                let Some(id) = selected else { return };
                let Some(&rid) = self.doc.map.relations_from(&id).first() else {
                    self.status =
                        "A co-premise joins a reason or objection: this statement is a claim.".into();
                    return;
                };
                let new_id = self.doc.map.fresh_id(&format!("co-premise {}", short_id(&id)));
                match edit::add_copremise_as(&self.doc.map, new_id, rid, "") {
                    Ok((edit, new)) => self.add_and_type(edit, new, "add co-premise"),
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Command::AddUndercut => {
                let Some(id) = selected else {
                    self.status = "Select a premise: its arrow is the inference to undercut.".into();
                    return;
                };
                let Some(&rid) = self.doc.map.relations_from(&id).first() else {
                    self.status = "A claim has no inference to undercut: select one of its premises.".into();
                    return;
                };
                let new_id = self.doc.map.fresh_id(&format!("undercut {}", short_id(&id)));
                match edit::add_undercut_as(&self.doc.map, new_id, rid, "") {
                    Ok((edit, new)) => self.add_and_type(edit, new, "add undercut"),
                    Err(e) => self.status = format!("Cannot undercut here: {e}"),
                }
            }
            Command::AddClaim => {
                let (edit, id) = edit::add_claim_as(&self.doc.map, self.doc.map.fresh_id("claim"), "");
                self.add_and_type(edit, id, "add claim");
            }
            Command::EditText => {
                if let Some(id) = selected
                    && let Some(s) = self.doc.map.statement(&id)
                {
                    self.editing =
                        Some(TextEditing { id, buffer: s.text.clone(), is_new: false, focus: true });
                }
            }
            Command::Delete => {
                let Some(id) = selected else { return };
                let parent = self
                    .doc
                    .map
                    .relations_from(&id)
                    .first()
                    .and_then(|&r| self.doc.map.relation(r))
                    .and_then(|r| self.doc.map.concluded(r).cloned());
                match edit::delete_statement(&self.doc.map, &id) {
                    Ok(edit) => {
                        if self.apply(edit, "delete statement") {
                            self.view.selected = parent;
                        }
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Command::FlipKind => {
                let Some(id) = selected else { return };
                let Some(&rid) = self.doc.map.relations_from(&id).first() else { return };
                let Some(kind) = self.doc.map.relation(rid).map(|r| r.kind.flipped()) else { return };
                self.apply(Edit::SetKind { id: rid, kind }, "switch support/objection");
            }
            Command::ConnectAsReason | Command::ConnectAsObjection => {
                let Some(id) = selected else { return };
                let kind = if command == Command::ConnectAsReason {
                    RelationKind::Support
                } else {
                    RelationKind::Objection
                };
                self.status = format!(
                    "Click the statement that \"{}\" {} (or select it with the arrow keys and press Enter; Esc cancels).",
                    short(&self.doc.map.statement(&id).map(|s| s.text.clone()).unwrap_or_default()),
                    if kind == RelationKind::Support { "supports" } else { "objects to" }
                );
                self.connecting = Some((id, kind));
            }
            Command::Unpin => {
                if let Some(id) = selected {
                    self.apply(Edit::SetPinned { id, pinned: None }, "unpin");
                }
            }
            Command::ToggleCollapse => {
                if let Some(id) = selected {
                    self.view.toggle_collapsed(&id);
                }
            }
            Command::ToggleFocus => self.view.focus = !self.view.focus,
            Command::Fit => self.view.fit = Some(view::Fit::All),
            Command::ZoomIn => {
                self.view.camera.zoom = (self.view.camera.zoom * 1.25).min(view::MAX_ZOOM);
                self.view.fit = None;
            }
            Command::ZoomOut => {
                self.view.camera.zoom = (self.view.camera.zoom / 1.25).max(view::MIN_ZOOM);
                self.view.fit = None;
            }
            Command::Search => {
                let search = self.view.search.get_or_insert_with(Search::default);
                search.focus_field = true;
            }
            Command::Back => self.view.go_back(&self.doc.map),
            Command::Forward => self.view.go_forward(&self.doc.map),
            Command::SelectUp | Command::SelectDown | Command::SelectLeft | Command::SelectRight => {
                self.navigate(command);
            }
            Command::ToggleLegend => self.settings.show_legend = !self.settings.show_legend,
            Command::ToggleReject | Command::ToggleAccept => {
                let Some(id) = selected else {
                    self.status = "Select a statement first.".into();
                    return;
                };
                let wanted = if command == Command::ToggleReject { Mark::Rejected } else { Mark::Accepted };
                let mark = (self.doc.map.mark(&id) != Some(wanted)).then_some(wanted);
                let label = match mark {
                    Some(Mark::Rejected) => "reject (what-if)",
                    Some(Mark::Accepted) => "accept as given (what-if)",
                    None => "clear what-if mark",
                };
                self.apply(Edit::SetMark { id, mark }, label);
            }
            Command::ClearMarks => match edit::clear_marks(&self.doc.map) {
                Some(edit) => {
                    self.apply(edit, "clear what-if marks");
                }
                None => self.status = "No what-if marks to clear.".into(),
            },
            Command::ToggleEval => self.settings.show_eval = !self.settings.show_eval,
        }
    }

    /// A new premise of `target`, with an id that says what it is.
    fn new_premise(&self, target: &StatementId, kind: RelationKind) -> (Edit, StatementId) {
        let word = match (kind, self.doc.map.role(target)) {
            (RelationKind::Support, _) => "reason",
            (_, Some(crate::model::Role::Objection | crate::model::Role::Rebuttal)) => "rebuttal",
            _ => "objection",
        };
        let id = self.doc.map.fresh_id(&format!("{word} {}", short_id(target)));
        (edit::add_premise_as(&self.doc.map, id.clone(), target, kind, ""), id)
    }

    /// Applies an edit that adds statement `new` (with empty text), selects it and starts typing
    /// its text in place.
    fn add_and_type(&mut self, edit: Edit, new: StatementId, label: &str) {
        if self.apply(edit, label) {
            self.view.select(new.clone());
            self.editing = Some(TextEditing { id: new, buffer: String::new(), is_new: true, focus: true });
        }
    }

    /// Applies an edit as one undo step; shows the error if it is refused.
    pub fn apply(&mut self, edit: Edit, label: &str) -> bool {
        match self.doc.history.apply(&mut self.doc.map, edit, label) {
            Ok(()) => {
                self.changed(String::new());
                true
            }
            Err(e) => {
                self.error = Some(format!("Could not {label}: {e}"));
                false
            }
        }
    }

    /// Adds an edit to the last undo step (finishing a gesture, such as typing a new statement).
    pub fn amend(&mut self, edit: Edit) -> bool {
        match self.doc.history.amend(&mut self.doc.map, edit) {
            Ok(()) => {
                self.changed(String::new());
                true
            }
            Err(e) => {
                self.error = Some(format!("Could not change the map: {e}"));
                false
            }
        }
    }

    /// Takes back the last undo step entirely (a new statement whose typing was cancelled).
    pub fn discard_last(&mut self) {
        if let Err(e) = self.doc.history.discard_last(&mut self.doc.map) {
            self.error = Some(format!("Could not cancel: {e}"));
        }
        self.changed("Cancelled.".into());
    }

    fn changed(&mut self, status: String) {
        self.unwritten_since.get_or_insert_with(std::time::Instant::now);
        self.doc.version += 1;
        self.view.prune(&self.doc.map);
        self.status = status;
    }

    /// Ends typing on the canvas: `commit` keeps the text, otherwise a new statement goes away.
    pub fn finish_editing(&mut self, commit: bool) {
        let Some(editing) = self.editing.take() else { return };
        let text = editing.buffer.trim().to_owned();
        if !commit || (editing.is_new && text.is_empty()) {
            if editing.is_new {
                self.discard_last();
                if let Some(parent) = self.view.back.pop() {
                    self.view.selected = Some(parent);
                }
            }
            return;
        }
        let unchanged = self.doc.map.statement(&editing.id).is_some_and(|s| s.text == text);
        if unchanged {
            return;
        }
        let edit = Edit::SetText { id: editing.id, text };
        if editing.is_new {
            self.amend(edit);
        } else {
            self.apply(edit, "edit text");
        }
    }

    /// Connects the statement waiting in connect mode to `target`.
    pub fn connect_to(&mut self, target: StatementId) {
        let Some((premise, kind)) = self.connecting.take() else { return };
        let edit = edit::connect(&self.doc.map, &premise, &target, kind);
        if self.apply(
            edit,
            if kind == RelationKind::Support { "connect as reason" } else { "connect as objection" },
        ) {
            self.status = "Connected.".into();
        }
    }

    fn navigate(&mut self, command: Command) {
        let map = &self.doc.map;
        let (Some(derived), Some(selected)) = (&self.derived, self.view.selected.clone()) else {
            if let Some(first) = self.derived.as_ref().and_then(|d| d.layout.id(map, 0)).cloned() {
                self.view.select(first);
            }
            return;
        };
        let layout = &derived.layout;
        let Some(me) = layout.find(map, &selected) else { return };
        let placed = &layout.placed[me];
        let target = match command {
            Command::SelectUp => placed.parent,
            Command::SelectDown => layout.children(me).first().copied(),
            Command::SelectLeft | Command::SelectRight => {
                let siblings: Vec<usize> = match placed.parent {
                    Some(p) => layout.children(p).to_vec(),
                    None => layout
                        .placed
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.parent.is_none())
                        .map(|(i, _)| i)
                        .collect(),
                };
                let pos = siblings.iter().position(|&s| s == me);
                pos.and_then(|k| if command == Command::SelectLeft { k.checked_sub(1) } else { Some(k + 1) })
                    .and_then(|k| siblings.get(k).copied())
            }
            _ => None,
        };
        if let Some(id) = target.and_then(|t| layout.id(map, t)).cloned() {
            self.view.select(id);
        }
    }

    // ---- files ----

    /// Asks "Save changes?" first if the map has unsaved changes, then does the action.
    pub fn request(&mut self, action: Pending, ctx: &egui::Context) {
        if self.doc.history.is_dirty() {
            self.pending = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    /// Does an action without asking.
    pub fn perform(&mut self, action: Pending, ctx: &egui::Context) {
        match action {
            Pending::New => self.replace_document(ArgumentMap::new("Untitled map"), None),
            Pending::Open(Some(path)) => self.open(&path),
            Pending::Open(None) => self.choose_file(FileUse::Open, ctx),
            Pending::Import(Some(path)) => self.import(&path),
            Pending::Import(None) => self.choose_file(FileUse::Import, ctx),
            Pending::Quit => {
                self.clear_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a file; on error the current map stays open, untouched, and the error shows.
    pub fn open(&mut self, path: &Path) {
        match io::load_path(path) {
            Ok(map) => {
                self.replace_document(map, Some(path.to_path_buf()));
                self.settings.remember(path);
                self.status = format!("Opened {}.", path.display());
            }
            Err(e) => {
                self.error = Some(format!("Could not open the map; the current map stays open.\n\n{e}"));
            }
        }
    }

    /// Reads an Argdown or AIF document as a new, unsaved map; what it could only approximate
    /// shows in a report. On error the current map stays open, untouched, and the error shows.
    pub fn import(&mut self, path: &Path) {
        let name = path.display().to_string();
        let Some(format) = crate::interop::ImportFormat::of(path) else {
            self.error = Some(format!("{name}: argmap imports Argdown (.argdown, .ad) and AIF (.json)."));
            return;
        };
        let text = match io::read_text(path) {
            Ok(text) => text,
            Err(e) => {
                self.error =
                    Some(format!("Could not import the document; the current map stays open.\n\n{e}"));
                return;
            }
        };
        match crate::interop::import(format, &text, &crate::interop::title_from(path)) {
            Ok(imported) => {
                let (statements, relations) = (imported.map.statement_count(), imported.map.relation_count());
                self.replace_document(imported.map, None);
                self.doc.history.mark_unsaved();
                self.status = format!(
                    "Imported {name}: {statements} statements, {relations} relations. Save it as a map to keep it."
                );
                if !imported.warnings.is_empty() {
                    let lines = imported.warnings.iter().map(ToString::to_string).collect();
                    self.report = Some((format!("Imported {name}, with these notes"), lines));
                }
            }
            Err(e) => {
                self.error =
                    Some(format!("Could not import the document; the current map stays open.\n\n{name}:{e}"));
            }
        }
    }

    fn replace_document(&mut self, map: ArgumentMap, path: Option<PathBuf>) {
        self.clear_recovery();
        let selected = map.claims().next().or_else(|| map.statements().next()).map(|s| s.id.clone());
        self.doc = Document::new(map, path);
        self.doc_generation += 1;
        self.editing = None;
        self.connecting = None;
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
    pub fn save(&mut self, ask: bool, then: Option<Pending>, ctx: &egui::Context) {
        match (&self.doc.path, ask) {
            (Some(path), false) => {
                let path = path.clone();
                self.file_chosen(FileUse::SaveAs(then), path, ctx);
            }
            _ => self.choose_file(FileUse::SaveAs(then), ctx),
        }
    }

    /// Saves the map to `path` and makes it the document's file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match io::save(&self.doc.map, path) {
            Ok(()) => {
                self.doc.path = Some(path.to_path_buf());
                self.doc.history.mark_saved();
                self.clear_recovery();
                self.settings.remember(path);
                self.status = format!("Saved {}.", path.display());
                true
            }
            Err(e) => {
                self.error = Some(format!(
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
    /// window until the user chooses (then [`App::show`] uses the file).
    pub fn choose_file(&mut self, purpose: FileUse, ctx: &egui::Context) {
        let exts = purpose.extensions();
        let suggested = purpose.writes().then(|| {
            let stem = self.doc.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
                || crate::model::ArgumentMap::new("").fresh_id(&self.doc.map.title).to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!("{stem}.{}", exts.first().copied().unwrap_or("ron"))
        });
        let folder = self.settings.last_folder.clone();
        if !self.use_builtin_dialogs() {
            let mut dialog =
                rfd::FileDialog::new().set_title(purpose.title()).add_filter(purpose.kind(), exts);
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
                        self.settings.last_folder = Some(dir.to_path_buf());
                    }
                    self.file_chosen(purpose, path, ctx);
                }
                None => {
                    self.status =
                        "No file chosen. (No dialog appeared? File ▸ Use argmap's own file dialog.)".into();
                }
            }
            return;
        }
        let folder = folder
            .filter(|f| f.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        self.chooser = Some(files::Chooser::new(purpose, &folder, suggested));
    }

    /// Whether files are chosen with the built-in dialog: always headless, when the user asked
    /// for it, and on a desktop without a file dialog (asked once).
    fn use_builtin_dialogs(&mut self) -> bool {
        if !self.native || self.settings.builtin_dialogs {
            return true;
        }
        !*self.desktop_dialogs.get_or_insert_with(files::desktop_dialog_available)
    }

    /// Shows the built-in file dialog while it is open; uses the file once chosen. A file it
    /// would write over asks first (the desktop's dialogs ask themselves).
    fn show_chooser(&mut self, ctx: &egui::Context) {
        let Some(chooser) = self.chooser.as_mut() else { return };
        let chosen = chooser.show(ctx);
        let folder = chooser.folder().to_path_buf();
        match chosen {
            Chosen::Waiting => {}
            Chosen::Cancelled => {
                self.chooser = None;
                self.status = "No file chosen.".into();
            }
            Chosen::File(path) => {
                let Some(chooser) = self.chooser.take() else { return };
                self.settings.last_folder = Some(folder);
                let own_file = self.doc.path.as_deref() == Some(path.as_path());
                if chooser.purpose.writes() && path.exists() && !own_file {
                    self.overwrite = Some((chooser.purpose, path));
                } else {
                    self.file_chosen(chooser.purpose, path, ctx);
                }
            }
        }
    }

    /// Uses the file the user chose for `purpose`.
    fn file_chosen(&mut self, purpose: FileUse, path: PathBuf, ctx: &egui::Context) {
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
            FileUse::ExportPicture(_) => match self.export_to(&path) {
                Ok(status) => self.status = status,
                Err(e) => self.error = Some(format!("Could not export the picture.\n\n{e}")),
            },
            FileUse::ExportText(_) => self.export_text_to(&path),
        }
    }

    // ---- export ----

    /// The export options File ▸ Export uses now: its settings, the selection, the view.
    pub fn export_options(&self) -> ExportOptions {
        let e = &self.settings.export;
        let region = match (e.what, &self.view.selected, self.canvas_rect) {
            (ExportWhat::Branch, Some(id), _) => Region::Branch(id.clone()),
            (ExportWhat::View, _, Some(canvas)) => Region::View(self.view.camera.visible(canvas)),
            _ => Region::Whole,
        };
        ExportOptions {
            scale: e.scale,
            dark: e.dark,
            transparent: e.transparent,
            region,
            eval: self.settings.show_eval,
            ..ExportOptions::default()
        }
    }

    /// Makes the picture File ▸ Export would write.
    pub fn export_picture(&mut self) -> Result<render::Picture, render::ExportError> {
        let options = self.export_options();
        render::picture(&self.doc.map, &mut self.typesetter, &options, &self.view.collapsed)
    }

    /// Writes a picture of the map to `path` (`.png` or `.svg`); returns what it wrote.
    pub fn export_to(&mut self, path: &Path) -> Result<String, String> {
        let picture = self.export_picture().map_err(|e| e.to_string())?;
        let scale = self.settings.export.scale;
        let is_svg = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let (bytes, what) = if is_svg {
            (render::svg::write(&picture).into_bytes(), "SVG".to_owned())
        } else {
            let (w, h) = render::png_size(&picture.frame, scale).map_err(|e| e.to_string())?;
            (render::png::write(&picture, scale).map_err(|e| e.to_string())?, format!("{w} x {h} PNG"))
        };
        io::write_atomic(path, &bytes).map_err(|e| format!("{}: {}", path.display(), io::io_message(&e)))?;
        Ok(format!("Exported {what} to {}.", path.display()))
    }

    /// Writes the map to `path` in the text format its extension names (Argdown, AIF, DOT,
    /// Markdown); what the format cannot hold shows in a report.
    pub fn export_text_to(&mut self, path: &Path) {
        match crate::cli::export(&self.doc.map, path, &ExportOptions::default()) {
            Ok(warnings) => {
                self.status = format!("Exported {}.", path.display());
                if !warnings.is_empty() {
                    let lines = warnings.iter().map(ToString::to_string).collect();
                    self.report = Some((format!("Exported {}, with these notes", path.display()), lines));
                }
            }
            Err(e) => self.error = Some(format!("Could not export the map.\n\n{e}")),
        }
    }

    fn copy_image(&mut self, ctx: &egui::Context) {
        let scale = self.settings.export.scale;
        let result = self.export_picture().and_then(|p| render::png::pixmap(&p, scale));
        match result {
            Ok(pixmap) => {
                let size = [pixmap.width() as usize, pixmap.height() as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_premultiplied(size, pixmap.data()));
                self.status = format!("Copied a {} x {} picture to the clipboard.", size[0], size[1]);
            }
            Err(e) => self.error = Some(format!("Could not copy the picture.\n\n{e}")),
        }
    }

    // ---- panels and dialogs ----

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New);
                self.menu_item(ui, Command::Open);
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            let ctx = ui.ctx().clone();
                            self.request(Pending::Open(Some(path)), &ctx);
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, Command::Save);
                self.menu_item(ui, Command::SaveAs);
                ui.separator();
                self.menu_item(ui, Command::Import);
                ui.menu_button("Export", |ui| {
                    self.menu_item(ui, Command::ExportPng);
                    self.menu_item(ui, Command::ExportSvg);
                    self.menu_item(ui, Command::CopyImage);
                    ui.separator();
                    for c in [
                        Command::ExportArgdown,
                        Command::ExportAif,
                        Command::ExportDot,
                        Command::ExportOutline,
                    ] {
                        self.menu_item(ui, c);
                    }
                    ui.separator();
                    let e = &mut self.settings.export;
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
                    ui.checkbox(&mut e.dark, "Dark theme");
                    ui.checkbox(&mut e.transparent, "Transparent background");
                });
                ui.separator();
                ui.checkbox(&mut self.settings.builtin_dialogs, "Use argmap's own file dialog")
                    .on_hover_text(
                        "Choose files inside the window, for desktops whose file dialog does not appear.",
                    );
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.history.undo_label().map(|l| format!("Undo {l}"));
                let redo = self.doc.history.redo_label().map(|l| format!("Redo {l}"));
                self.menu_item_labeled(ui, Command::Undo, undo.as_deref());
                self.menu_item_labeled(ui, Command::Redo, redo.as_deref());
                ui.separator();
                for c in [
                    Command::AddReason,
                    Command::AddObjection,
                    Command::AddCoPremise,
                    Command::AddUndercut,
                    Command::AddClaim,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [
                    Command::EditText,
                    Command::FlipKind,
                    Command::ConnectAsReason,
                    Command::ConnectAsObjection,
                    Command::Unpin,
                    Command::Delete,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [Command::ToggleReject, Command::ToggleAccept, Command::ClearMarks] {
                    self.menu_item(ui, c);
                }
            });
            ui.menu_button("View", |ui| {
                for c in [
                    Command::Fit,
                    Command::ZoomIn,
                    Command::ZoomOut,
                    Command::ToggleCollapse,
                    Command::Search,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                let mut focus = self.view.focus;
                if ui.checkbox(&mut focus, Command::ToggleFocus.label()).changed() {
                    self.view.focus = focus;
                }
                ui.add(egui::Slider::new(&mut self.view.focus_depth, 1..=6).text("links"));
                self.settings.focus_depth = self.view.focus_depth;
                ui.checkbox(&mut self.settings.show_legend, Command::ToggleLegend.label());
                ui.checkbox(&mut self.settings.show_eval, Command::ToggleEval.label());
                ui.separator();
                ui.label("Theme");
                ui.radio_value(&mut self.settings.theme, ThemeChoice::System, "Follow system");
                ui.radio_value(&mut self.settings.theme, ThemeChoice::Light, "Light");
                ui.radio_value(&mut self.settings.theme, ThemeChoice::Dark, "Dark");
            });
            ui.menu_button("Help", |ui| {
                ui.label("Keyboard");
                ui.separator();
                for c in Command::ALL {
                    if let Some(s) = c.shortcuts().first() {
                        ui.horizontal(|ui| {
                            ui.label(c.label());
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                ui.weak(ui.ctx().format_shortcut(s));
                            });
                        });
                    }
                }
                ui.label("Drag the background to pan, Ctrl+scroll to zoom, drag a box to move it.");
                ui.separator();
                ui.label("Evaluation");
                ui.weak(
                    "IN: the statement stands (every objection to it fails). OUT: an objection to it \
                     stands. UNDECIDED: caught in a cycle of objections. An objection with co-premises \
                     needs all of them; an undercut that stands disables the argument it objects to. \
                     REJECTED and GIVEN are your what-if marks (R, G).",
                );
                ui.weak(crate::eval::VERDICT_RULE);
            });
            ui.separator();
            let back = ui.add_enabled(!self.view.back.is_empty(), egui::Button::new("< Back"));
            if back.on_hover_text("Alt+Left").clicked() {
                self.queued.push(Command::Back);
            }
            let fwd = ui.add_enabled(!self.view.forward.is_empty(), egui::Button::new("Forward >"));
            if fwd.on_hover_text("Alt+Right").clicked() {
                self.queued.push(Command::Forward);
            }
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command) {
        self.menu_item_labeled(ui, command, None);
    }

    fn menu_item_labeled(&mut self, ui: &mut egui::Ui, command: Command, label: Option<&str>) {
        let mut button = egui::Button::new(label.unwrap_or(command.label()));
        if let Some(s) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        if ui.add(button).clicked() {
            self.queued.push(command);
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("{:.0}%", self.view.camera.zoom * 100.0));
            ui.separator();
            ui.label(format!(
                "{} statements, {} relations",
                self.doc.map.statement_count(),
                self.doc.map.relation_count()
            ));
            if self.view.focus {
                ui.separator();
                ui.label(format!("Focus: {} links", self.view.focus_depth));
            }
            ui.separator();
            ui.label(&self.status);
        });
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        if let Some(found) = self.restore_offer.clone() {
            let message = format!(
                "argmap did not close cleanly. Unsaved changes to {} ({} statements) were kept {}.",
                found.name(),
                found.map.statement_count(),
                found.age()
            );
            let answer =
                question(ctx, "restore", "Restore unsaved work?", &message, &["Restore", "Discard"], None);
            match answer {
                Some(0) => {
                    self.restore_offer = None;
                    self.replace_document(found.map, found.original);
                    self.doc.history.mark_unsaved();
                    self.status = "Restored the unsaved work; save it to keep it.".into();
                }
                Some(_) => {
                    self.restore_offer = None;
                    self.clear_recovery();
                }
                None => {}
            }
            return;
        }
        if let Some(message) = self.error.clone() {
            if question(ctx, "error", "Something went wrong", &message, &["OK"], Some(0)).is_some() {
                self.error = None;
            }
            return;
        }
        if let Some((heading, lines)) = self.report.clone() {
            let modal = egui::Modal::new(egui::Id::unique("report")).show(ctx, |ui| {
                ui.set_max_width(640.0);
                ui.heading(heading);
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for line in &lines {
                        ui.label(line);
                    }
                });
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if modal.inner || modal.should_close() {
                self.report = None;
            }
            return;
        }
        if let Some((purpose, path)) = self.overwrite.clone() {
            let message = format!("{} already exists. Replace it?", path.display());
            let answer =
                question(ctx, "overwrite", "Replace the file?", &message, &["Replace", "Cancel"], Some(1));
            match answer {
                Some(0) => {
                    self.overwrite = None;
                    self.file_chosen(purpose, path, ctx);
                }
                Some(_) => {
                    self.overwrite = None;
                    self.status = "Nothing written.".into();
                }
                None => {}
            }
            return;
        }
        let Some(action) = self.pending.clone() else { return };
        let message = format!("\"{}\" has unsaved changes. Save them before you go on?", self.doc.name());
        let answer =
            question(ctx, "unsaved", "Save changes?", &message, &["Save", "Discard", "Cancel"], Some(2));
        match answer {
            Some(0) => {
                self.pending = None;
                self.save(false, Some(action), ctx);
            }
            Some(1) => {
                self.pending = None;
                self.perform(action, ctx);
            }
            Some(_) => self.pending = None,
            None => {}
        }
    }
}

/// A modal question: a heading, a message and a row of buttons. Returns the index of the button
/// clicked this frame; closing the modal (Escape, a click beside it) answers `on_close`, if given.
fn question(
    ctx: &egui::Context,
    id: &str,
    heading: &str,
    message: &str,
    buttons: &[&str],
    on_close: Option<usize>,
) -> Option<usize> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(heading);
        ui.label(message);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (i, button) in buttons.iter().enumerate() {
                if ui.button(*button).clicked() {
                    answer = Some(i);
                }
            }
        });
    });
    if answer.is_none() && modal.should_close() { on_close } else { answer }
}

/// The first words of a text, for messages.
pub fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    let mut s = words.join(" ");
    if text.split_whitespace().count() > 8 {
        s.push('…');
    }
    s
}

/// The first two parts of a slug (`cooperate-with-transition` → `cooperate-with`).
fn short_id(id: &str) -> String {
    id.split('-').take(2).collect::<Vec<_>>().join(" ")
}
