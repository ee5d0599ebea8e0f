//! The app: one open document, its view and derived data, the gesture going on and the modal
//! dialog open, and the one place that changes them: panels draw and push [`Action`]s, and the
//! app applies them at the end of each frame ([`App::apply`], in `actions.rs`). Keys are
//! commands too, applied as the frame starts, through the same path.
//!
//! Split by concern: `actions.rs` (actions and commands), `files.rs` (open, import, save,
//! export, the recovery copy), `dialogs.rs` (the modal dialogs).

mod actions;
mod compare;
mod desktop;
mod dialogs;
mod documents;
mod exporting;
mod files;
mod focus;
mod live;
mod making;
mod questions;
mod quotes;
mod shared;
mod text;

pub use crate::ui::text_sync::{BURST, READ_BACK_AFTER};
pub use dialogs::Modal;
pub use live::Joining;
pub use making::BACKGROUND_FROM;
pub use shared::WATCH_EVERY;

use super::action::{Action, Gesture, Pending};
use super::canvas;
use super::derived::{self, Derived, DerivedKey, derive};
use super::document::{Document, Stamp};
use super::files::Chooser;
use super::help;
use super::inspector;
use super::menus;
use super::panel::PanelContext;
use super::recovery::{self, Recovery};
use super::settings::{Settings, ThemeChoice};
use super::source::SourceView;
use super::view::{self, View};
use crate::model::{ArgumentMap, Arrangement, StatementId};
use crate::scene::Typesetter;
use std::path::PathBuf;

/// The argmap app: the document, and the state each part of the window owns. Panels read
/// the document and propose [`Action`]s; only [`App::apply`] changes the document, and only
/// through [`Document`]'s own methods.
pub struct App {
    /// The open map: the only way to change it.
    doc: Document,
    /// What persists between runs.
    settings: Settings,
    /// What the user looks at.
    view: View,
    /// The canvas: the map's layout and drawing, and where it was drawn.
    canvas: Canvas,
    /// The inspector's fields while the user types in them.
    inspector: inspector::Inspector,
    /// The source documents: the one the pane shows, one being read, how they are read.
    documents: documents::Documents,
    /// The Argdown pane's text and where it stands with the map.
    text_pane: super::text_sync::TextSync,
    /// The map compared with another version of it (File > Compare with), while it is.
    comparison: Option<super::compare::Comparison>,
    /// The argument schemes: the shipped ones and the user's.
    schemes: crate::schemes::Catalogue,
    /// The crash-recovery copy of unsaved work.
    autosave: Autosave,
    /// The window: its title, status line, dialogs, keyboard focus, closing.
    window: Window,
    /// The gesture going on: typing a statement, connecting two, dragging a box.
    gesture: Option<Gesture>,
    /// The modal dialog open, if any: one at a time.
    modal: Option<Modal>,
    /// What the panels asked for this frame, applied at its end.
    actions: Vec<Action>,
    /// Maps the desktop hands to this window (when the setting says so).
    handoff: desktop::Handoff,
    /// The map's file, looked at for changes someone else saved.
    watch: shared::Watch,
    /// The live session this window is in, if any.
    live: Option<live::Live>,
    /// File > Export being written on another thread, if it is ([`exporting`]).
    exporting: Option<exporting::Exporting>,
}

/// The canvas's state: what is drawn, made from the document and the view, and where.
#[derive(Default)]
struct Canvas {
    /// Layout and drawing of the current map (none before the first frame).
    derived: Option<Derived>,
    /// Text layout with egui's fonts (made on first use; away while a picture is made on another
    /// thread).
    typesetter: Option<Typesetter>,
    /// Where the canvas was drawn last frame (for exporting the current view).
    rect: Option<egui::Rect>,
    /// A huge map's picture being made on another thread, if any ([`making`]).
    making: Option<making::Making>,
    /// The thread huge maps' pictures are made on (started for the first).
    worker: Option<making::Worker>,
    /// Making a picture on another thread failed once: they are made here.
    background_failed: bool,
    /// A picture made on another thread waits to go in ([`App::hold_pictures`]).
    held: bool,
    /// The whole drawing of the picture on screen, coming from the picture thread, when it was
    /// drawn near the view first ([`making::Whole`]).
    whole: Option<making::Whole>,
}

/// The window's state: what it says, where the keyboard is, how it closes.
#[derive(Default)]
struct Window {
    /// The status line.
    status: String,
    /// Whether this runs in a real window (desktop file dialogs and closing work) or headless in
    /// tests.
    native: bool,
    /// The window may close now (the user answered the unsaved-changes question).
    allow_close: bool,
    /// Whether the desktop has a file dialog (asked the first time a file is chosen).
    desktop_dialogs: Option<bool>,
    /// The last window title sent.
    title_sent: String,
    /// The selected box taking the keyboard focus.
    focus: focus::FocusFollow,
    /// Whether to say on standard error when the map is first drawn ([`FIRST_FRAME_ENV`]).
    report_first_frame: bool,
    /// Whether the status line still says where the whole of a large map is (until the first
    /// command).
    opening_hint: bool,
    /// The text of a key the keymap took (`+` adds a reason) when it came without it: the
    /// system may send the text a frame after the key, and it is no one's to type.
    key_text: Option<&'static str>,
}

/// Set (to anything), the app says on standard error when it first drew the map, as
/// `argmap: first frame drawn at <milliseconds since the Unix epoch>`:
/// `scripts/measure-large.sh` times opening a large map by it.
pub const FIRST_FRAME_ENV: &str = "ARGMAP_REPORT_FIRST_FRAME";

impl Window {
    /// Names the window after `doc` (its file or title, `*` while unsaved), as its title bar and
    /// a screen reader show it.
    fn show_title(&mut self, ctx: &egui::Context, doc: &Document) {
        let dirty = if doc.is_dirty() { "*" } else { "" };
        let title = format!("{}{dirty} — argmap", doc.name());
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |root| root.set_label(self.title_sent.clone()));
    }
}

/// Unsaved work copied for crash recovery.
#[derive(Default)]
struct Autosave {
    /// Where unsaved work is copied (none in tests unless given).
    recovery: Option<Recovery>,
    /// When the oldest change not yet in the recovery copy was made.
    unwritten_since: Option<std::time::Instant>,
    /// The state of the document the recovery copy holds.
    written: Option<Stamp>,
}

impl Autosave {
    /// The map changed: the copy is behind from now on (if it was not already).
    fn changed(&mut self) {
        self.unwritten_since.get_or_insert_with(std::time::Instant::now);
    }

    /// Copies `doc`'s unsaved work [`recovery::DELAY`] after the oldest edit the copy does not
    /// hold yet (so even non-stop editing is never more than that behind); removes the copy once
    /// nothing is unsaved. Returns why the copy could not be written, if it could not.
    fn tick(&mut self, doc: &Document, ctx: &egui::Context) -> Option<String> {
        let rec = self.recovery.as_ref()?;
        if !doc.is_dirty() {
            if self.written.take().is_some() {
                rec.clear();
            }
            return None;
        }
        let key = doc.stamp();
        if self.written == Some(key) {
            return None;
        }
        let since = self.unwritten_since.map_or(recovery::DELAY, |t| t.elapsed());
        if since < recovery::DELAY {
            ctx.request_repaint_after(recovery::DELAY - since);
            return None;
        }
        self.unwritten_since = None;
        // Written once per revision, also after an error: not every frame; the next edit will.
        self.written = Some(key);
        rec.write(doc.map(), doc.path()).err().map(|e| crate::io::io_message(&e))
    }

    /// Removes the copy.
    fn clear(&mut self) {
        if let Some(rec) = &self.recovery {
            rec.clear();
        }
        self.written = None;
    }
}

impl App {
    /// An app showing `map`, stored at `path`.
    pub fn new(map: ArgumentMap, path: Option<PathBuf>, settings: Settings) -> Self {
        let view = View {
            focus_depth: settings.focus_depth.max(1),
            fit: Some(view::Fit::Opening),
            selected: map.claims().next().or_else(|| map.statements().next()).map(|s| s.id.clone()),
            ..View::default()
        };
        // A large map opens on its claim: say where the whole of it is.
        let (schemes, schemes_error) = crate::schemes::installed();
        let status = match map.statement_count() {
            n if n >= crate::layout::OUTLINE_FROM => {
                format!(
                    "{} statements: the claim is in view; F shows the whole map.",
                    crate::printable::thousands(n)
                )
            }
            _ => String::new(),
        };
        // A schemes.ron of the user's own that cannot be read is said in full, not in a status
        // line too narrow for its file, line and column.
        let status = match &schemes_error {
            Some(_) => "Your schemes.ron could not be read: the shipped schemes are used.".to_owned(),
            None => status,
        };
        let modal = schemes_error.map(|e| {
            let lines = vec![e.to_string(), "The shipped schemes are used until it is mended.".into()];
            Modal::Report("Your argument schemes could not be read".into(), lines)
        });
        let mut app = Self {
            doc: Document::new(map, path),
            settings,
            view,
            canvas: Canvas::default(),
            inspector: inspector::Inspector::default(),
            documents: documents::Documents::default(),
            text_pane: super::text_sync::TextSync::default(),
            comparison: None,
            schemes,
            autosave: Autosave::default(),
            window: Window { opening_hint: !status.is_empty(), status, ..Window::default() },
            gesture: None,
            modal,
            actions: Vec::new(),
            handoff: desktop::Handoff::default(),
            watch: shared::Watch::default(),
            live: None,
            exporting: None,
        };
        app.doc.remember_disk();
        app
    }

    /// Runs in a real window: desktop file dialogs, and the window closes when asked.
    pub fn in_window(mut self) -> Self {
        self.window.native = true;
        self.handoff.socket = crate::ui::handoff::socket_path();
        self.window.report_first_frame = std::env::var_os(FIRST_FRAME_ENV).is_some();
        self
    }

    /// Reads HTML and PDF documents with `reader` (a test harness is not argmap, so it reads in
    /// its own process, or through the argmap binary it names).
    pub fn reading_with(mut self, reader: crate::sources::Reader) -> Self {
        self.documents.reader = reader;
        self
    }

    /// Starts the app as the desktop does: [`App::start`], then the crash-recovery copy kept in
    /// `recovery` (the platform's data folder; a test's own folder), offered back if a session
    /// that did not end cleanly left one there.
    pub fn launch(file: Option<PathBuf>, settings: Settings, recovery: Option<Recovery>) -> Self {
        Self::start(file, settings).recovering(recovery)
    }

    /// [`App::launch`] on a new, empty map (`argmap --new`).
    pub fn launch_empty(settings: Settings, recovery: Option<Recovery>) -> Self {
        Self::start_empty(settings).recovering(recovery)
    }

    /// The app with its unsaved work copied for recovery, offering to restore work a crash left.
    fn recovering(self, recovery: Option<Recovery>) -> Self {
        let mut app = self;
        if let Some(rec) = recovery {
            if let Some(found) = rec.find() {
                app.show_modal(Modal::Restore(Box::new(found)));
            }
            app.autosave.recovery = Some(rec);
        }
        app
    }

    /// The app started on a new, empty map (`argmap --new`, the desktop entry's "New map").
    pub fn start_empty(settings: Settings) -> Self {
        Self::new(ArgumentMap::new("Untitled map"), None, settings)
    }

    /// The app as started from the command line: the file given, or the shipped map. A file that
    /// cannot be opened leaves the shipped map open and shows why.
    pub fn start(file: Option<PathBuf>, settings: Settings) -> Self {
        let shipped = || crate::io::load_str(crate::MINUSMA_RON, "mali-minusma.ron").unwrap_or_default();
        match file {
            None => Self::new(shipped(), None, settings),
            Some(path) if crate::interop::ImportFormat::of(&path).is_some() => {
                // An Argdown or AIF document opens as a new, unsaved map.
                let mut app = Self::new(ArgumentMap::new("Untitled map"), None, settings);
                app.import(&path);
                app
            }
            Some(path) => match crate::io::load_path(&path) {
                Ok(map) => {
                    // Named absolutely: "Compare with last saved", recovery and Open Recent
                    // work whatever folder argmap runs in.
                    let path = crate::ui::settings::absolute(&path);
                    let mut app = Self::new(map, Some(path.clone()), settings);
                    app.settings.remember(&path);
                    app
                }
                Err(e) => {
                    let mut app = Self::new(shipped(), None, settings);
                    app.show_error(format!(
                        "Could not open the map; the shipped map is open instead.\n\n{e}"
                    ));
                    app
                }
            },
        }
    }

    /// One frame: keys, the derived data, the panels, the modal dialog, then what they asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.window_events(&ctx);
        if self.modal.is_none() {
            self.keys(&ctx);
        }
        self.apply_all(&ctx);
        self.refresh_derived(&ctx);
        self.refresh_source(&ctx);
        self.refresh_text(&ctx);
        self.refresh_comparison();
        self.panels(ui);
        self.dialogs(&ctx);
        self.apply_all(&ctx);
        self.take_exported(&ctx);
        self.live_frame();
        self.focus_selection(&ctx);
        self.update_title(&ctx);
        self.autosave(&ctx);
        self.listen_for_files(&ctx);
        self.watch_file(&ctx);
        self.report_first_frame();
    }

    /// The panels, each reading the document and the derived data and pushing actions.
    fn panels(&mut self, ui: &mut egui::Ui) {
        let working =
            self.making_note().into_iter().chain(self.exporting_note()).chain(self.questions_note());
        let actions = &mut self.actions;
        egui::Panel::top("menu")
            .show(ui, |ui| menus::menu_bar(ui, &self.doc, &mut self.settings, &mut self.view, actions));
        let cx = PanelContext {
            doc: &self.doc,
            derived: self.canvas.derived.as_ref(),
            settings: &self.settings,
            gesture: self.gesture.as_ref(),
            drifted: self.documents.view.as_ref().map_or(&[], |s| &s.drifted),
            comparison: self.comparison.as_ref(),
            schemes: &self.schemes,
            people: self.live.as_ref().map_or(&[], |l| l.people()),
        };
        let (view, fields) = (&mut self.view, &mut self.inspector);
        fields.refresh(&cx, view);
        let summary = fields.summary_of(view.selected.as_ref()).filter(|_| self.settings.show_eval);
        let mut said: Vec<String> = working.chain(summary.map(str::to_owned)).collect();
        said.extend(self.live.as_ref().map(live::Live::line));
        said.extend(self.documents.view.as_ref().filter(|_| view.source).and_then(SourceView::status));
        egui::Panel::bottom("status")
            .show(ui, |ui| menus::status_bar(ui, cx.doc, view, (&said, &self.window.status)));
        let inspector =
            egui::Panel::right("inspector").resizable(true).default_size(360.0).size_range(260.0..=560.0);
        inspector.show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| fields.ui(ui, &cx, view, actions));
        });
        if view.source {
            let pane =
                egui::Panel::left("source").resizable(true).default_size(420.0).size_range(240.0..=900.0);
            let documents = &self.documents;
            pane.show(ui, |ui| documents.ui(ui, self.doc.map(), view, actions));
        }
        if let Some(c) = cx.comparison {
            let pane =
                egui::Panel::left("changes").resizable(true).default_size(340.0).size_range(240.0..=700.0);
            pane.show(ui, |ui| c.ui(ui, self.doc.map(), actions));
        }
        if view.argdown {
            let pane =
                egui::Panel::left("argdown").resizable(true).default_size(440.0).size_range(240.0..=900.0);
            let text = &mut self.text_pane;
            pane.show(ui, |ui| text.ui(ui, self.doc.map(), view, actions));
        }
        if self.settings.show_legend {
            // From the picture's evaluation: empty (nothing to walk) on a map without doubts.
            let doubts = self.canvas.derived.as_ref().is_some_and(|d| d.evaluation.doubted.contains(&true));
            let shown = canvas::Shown {
                eval: self.settings.show_eval,
                doubts: self.settings.show_eval && doubts,
                questions: self.settings.show_questions,
            };
            egui::Panel::bottom("legend").show(ui, |ui| canvas::legend_bar(ui, shown, actions));
        }
        // What to do first, docked under the canvas (never over a box), until the user has.
        if !self.settings.hint_done {
            egui::Panel::bottom("first-run-hint").show(ui, canvas::first_run_hint);
        }
        let central = egui::CentralPanel::default().frame(egui::Frame::NONE);
        let drawn = central.show(ui, |ui| canvas::show(ui, &cx, view, actions)).inner;
        // A pane opened or closed beside the canvas: the selection stays in view.
        if self.canvas.rect.is_some_and(|was| (was.width() - drawn.width()).abs() > 40.0) {
            view.reveal = view.reveal.take().or_else(|| view.selected.clone());
        }
        self.canvas.rect = Some(drawn);
        help::window(ui.ctx(), view);
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
        // One notch of the wheel (egui counts it as 40 points) zooms by ZOOM_PER_NOTCH.
        let speed = view::ZOOM_PER_NOTCH.ln() / 40.0;
        if ctx.options(|o| o.input_options.scroll_zoom_speed) != speed {
            ctx.options_mut(|o| o.input_options.scroll_zoom_speed = speed);
        }
    }

    /// Files dropped on the window, and the window's close button.
    fn window_events(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().next() {
            let action = if crate::interop::ImportFormat::of(&path).is_some() {
                Pending::Import(Some(path))
            } else {
                Pending::Open(Some(path))
            };
            self.actions.push(Action::Request(action));
        }
        let closing = ctx.input(|i| i.viewport().close_requested());
        if closing && self.close_after_export() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        } else if closing && !self.window.allow_close && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.show_modal(Modal::SaveChanges(Pending::Quit));
        }
    }

    /// What the canvas shows besides the map: (dark theme, evaluation, open questions).
    fn shown(&self, dark: bool) -> (bool, bool, bool) {
        (dark, self.settings.show_eval, self.settings.show_questions)
    }

    /// The derived data, made again when what it depends on changed.
    fn refresh_derived(&mut self, ctx: &egui::Context) {
        self.take_made();
        self.take_whole();
        let aspect = self.canvas_aspect(ctx);
        self.keep_arrangement(aspect);
        let dark = ctx.global_style().visuals.dark_mode;
        let pending = self.gesture.as_ref().and_then(Gesture::typing).filter(|t| t.is_new).map(|t| &t.id);
        let key = DerivedKey::of(&self.doc, &self.view, self.shown(dark), pending);
        if self.canvas.derived.as_ref().is_some_and(|d| d.key == key) {
            return;
        }
        if self.canvas.making.is_some() {
            return; // the picture being made goes in first, then this one is made
        }
        let time = ctx.input(|i| i.time);
        if self.in_background() && self.start_making(key.clone(), ctx, (time, aspect)) {
            return;
        }
        let old = self.canvas.derived.take();
        let inputs = derived::Inputs::of(&self.doc, &self.view, &self.schemes);
        let derived = derive(
            old,
            key,
            inputs,
            self.canvas.typesetter.get_or_insert_with(Typesetter::new),
            (time, aspect),
        );
        self.install(derived, aspect);
    }

    /// A new picture of the map in place of the last one, made for a canvas of `aspect`.
    fn install(&mut self, derived: Derived, aspect: f32) {
        let arranged_before =
            self.canvas.derived.as_ref().map(|d| (d.key.stamp.generation, d.layout.arrangement));
        if self.doc.map().arrangement == Arrangement::Automatic && self.view.arranged.is_none() {
            self.view.arranged = Some((derived.layout.arrangement, Some(aspect)));
        }
        // Another arrangement of the same map moves every box: the camera follows the selection
        // (or shows the whole map), so the canvas never comes up empty.
        if arranged_before
            .is_some_and(|(g, a)| g == self.doc.stamp().generation && a != derived.layout.arrangement)
        {
            let selected = self.view.selected.as_ref().and_then(|id| derived.layout.rect(self.doc.map(), id));
            match selected {
                Some(r) => {
                    self.view.camera.center = egui::vec2(r.x + r.w / 2.0, r.y + r.h / 2.0);
                    self.view.fit = None;
                }
                None => self.view.fit = Some(view::Fit::All),
            }
        }
        self.canvas.whole = None; // the whole drawing of the picture replaced, if coming
        let replaced = self.canvas.derived.replace(derived);
        if self.in_background()
            && let Some(mut old) = replaced
        {
            // It goes to the picture thread, which frees it (a huge map's texts and layout take
            // some milliseconds) and draws the next picture into its drawing's memory; the
            // window goes on.
            drop(old.overview.take());
            if let Some(worker) = &self.canvas.worker {
                worker.free(old);
            }
        }
    }

    /// Which side panes are open (source, Argdown, changes), as bits.
    fn panes(&self) -> u8 {
        u8::from(self.view.source)
            | u8::from(self.view.argdown) << 1
            | u8::from(self.comparison.is_some()) << 2
    }

    /// An automatic arrangement is chosen again when the window changes shape much, but kept
    /// when a pane opens or closes beside the canvas (the user keeps the picture they know, and
    /// the selection stays in view). `aspect` is the canvas's as drawn last frame.
    fn keep_arrangement(&mut self, aspect: f32) {
        let panes = self.panes();
        let toggled = std::mem::replace(&mut self.view.panes, panes) != panes;
        let Some((arrangement, chosen_for)) = self.view.arranged else { return };
        match chosen_for {
            // The canvas is drawn at its new size this frame; its shape is taken next frame.
            _ if toggled => self.view.arranged = Some((arrangement, None)),
            None => self.view.arranged = Some((arrangement, Some(aspect))),
            Some(for_) if (aspect / for_).max(for_ / aspect) > 1.25 => self.view.arranged = None,
            Some(_) => {}
        }
    }

    /// The canvas's width over its height: as drawn last frame, or before the first, the window's
    /// without the inspector.
    fn canvas_aspect(&self, ctx: &egui::Context) -> f32 {
        let rect = self.canvas.rect.unwrap_or_else(|| {
            let window = ctx.content_rect();
            egui::Rect::from_min_size(window.min, egui::vec2(window.width() - 360.0, window.height() - 50.0))
        });
        if rect.width() > 1.0 && rect.height() > 1.0 { rect.width() / rect.height() } else { 16.0 / 9.0 }
    }

    /// Says when the map was first drawn, once, if asked to ([`FIRST_FRAME_ENV`]).
    fn report_first_frame(&mut self) {
        if self.window.report_first_frame && self.canvas.derived.is_some() && self.canvas.rect.is_some() {
            self.window.report_first_frame = false;
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            eprintln!("argmap: first frame drawn at {}", now.as_millis());
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        self.window.show_title(ctx, &self.doc);
    }

    /// The open map, where it lives, and its history.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// What persists between runs.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What the user looks at.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// What the user looks at, to move it (the camera, the selection: never the map).
    pub fn view_mut(&mut self) -> &mut View {
        &mut self.view
    }

    /// The map's layout, drawing and evaluation as last made (none before the first frame).
    pub fn derived(&self) -> Option<&Derived> {
        self.canvas.derived.as_ref()
    }

    /// Where the canvas was drawn last frame.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas.rect
    }

    /// The link of the live session this window is in, once the map is on the server.
    pub fn live_link(&self) -> Option<&str> {
        self.live.as_ref().and_then(live::Live::link)
    }

    /// The others in this window's live session, with what they have selected.
    pub fn live_people(&self) -> &[crate::live::session::Person] {
        self.live.as_ref().map_or(&[], live::Live::people)
    }

    /// The status line.
    pub fn status(&self) -> &str {
        &self.window.status
    }

    /// The Argdown pane's text and where it stands with the map.
    pub fn text_pane(&self) -> &super::text_sync::TextSync {
        &self.text_pane
    }

    /// The source documents: the one the pane shows, one being read.
    pub fn documents(&self) -> &documents::Documents {
        &self.documents
    }

    /// The comparison with another version of the map, while it is shown.
    pub fn comparison(&self) -> Option<&super::compare::Comparison> {
        self.comparison.as_ref()
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.window.title_sent
    }

    /// The modal dialog open, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// Whether argmap's own file dialog is open.
    pub fn choosing_file(&self) -> bool {
        matches!(self.modal, Some(Modal::Choose(_)))
    }

    /// The action waiting for the answer to "Save changes?", if that is the question open.
    pub fn pending(&self) -> Option<&Pending> {
        match &self.modal {
            Some(Modal::SaveChanges(p)) => Some(p),
            _ => None,
        }
    }

    /// The error shown, if any.
    pub fn error(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Error(e)) => Some(e),
            _ => None,
        }
    }

    /// The gesture going on, if any.
    pub fn gesture(&self) -> Option<&Gesture> {
        self.gesture.as_ref()
    }

    /// The statement waiting to be connected, if connecting.
    pub fn connecting(&self) -> Option<&StatementId> {
        self.gesture.as_ref().and_then(Gesture::connecting).map(|(id, _)| id)
    }

    /// Opens a modal dialog. One shows at a time: an error while "Restore unsaved work?" waits
    /// goes to the status line, so the recovered work is never pushed aside; an error shown when
    /// the question comes (a file given at start that could not be opened) goes there too.
    fn show_modal(&mut self, modal: Modal) {
        match (&self.modal, &modal) {
            (Some(Modal::Restore(_)), Modal::Error(e)) => self.window.status = e.replace('\n', " "),
            (Some(Modal::Error(e)), Modal::Restore(_)) => {
                self.window.status = e.replace('\n', " ");
                self.modal = Some(modal);
            }
            _ => self.modal = Some(modal),
        }
    }

    /// Shows an error until dismissed.
    fn show_error(&mut self, message: String) {
        self.show_modal(Modal::Error(message));
    }

    /// Uses the built-in file dialog, open in the window.
    fn open_chooser(&mut self, chooser: Chooser) {
        self.show_modal(Modal::Choose(Box::new(chooser)));
    }

    /// Copies unsaved work to the recovery folder (see [`Autosave::tick`]), except while the
    /// copy on disk is the user's to restore or discard first, or when the user quit and
    /// discarded the work and the window is closing.
    pub fn autosave(&mut self, ctx: &egui::Context) {
        if matches!(self.modal, Some(Modal::Restore(_))) || self.window.allow_close {
            return;
        }
        if let Some(e) = self.autosave.tick(&self.doc, ctx) {
            self.window.status = format!("Could not write the recovery copy: {e}");
        }
    }

    /// Removes the recovery copy: the work is saved, discarded, or argmap exits cleanly.
    pub fn clear_recovery(&mut self) {
        self.autosave.clear();
    }

    /// Copies restored work into this session's recovery folder, then removes the copy it came
    /// from.
    fn recover_now(&mut self, found: &recovery::Found) -> Result<(), String> {
        let Some(rec) = self.autosave.recovery.as_ref() else { return Ok(()) };
        rec.write(&found.map, found.original.as_deref()).map_err(|e| crate::io::io_message(&e))?;
        rec.forget(found);
        Ok(())
    }

    /// Removes a copy found at start that the user discarded.
    fn forget_recovered(&mut self, found: &recovery::Found) {
        if let Some(rec) = self.autosave.recovery.as_ref() {
            rec.forget(found);
        }
    }
}
