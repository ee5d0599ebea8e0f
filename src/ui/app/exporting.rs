//! File > Export written on another thread: a huge map's picture takes seconds (a PNG of
//! 100,000 statements about three), and the window stays live meanwhile. The status line says
//! what is being written and for how long; when it is done, the window says what was written
//! (or why not), as it would have at once. One export at a time; closing the window waits for
//! the file to be written.

use super::App;
use crate::export::{self, Drawing, ExportError, Format, Written};
use crate::scene::Typesetter;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// An export being written on another thread.
pub(super) struct Exporting {
    /// Where to.
    path: PathBuf,
    /// As what.
    format: Format,
    /// Whether the picture is in the dark theme (the report says which).
    dark: bool,
    /// When it started (the status line counts the seconds).
    started: Instant,
    /// Where the thread puts what it wrote.
    done: mpsc::Receiver<Result<Written, ExportError>>,
    /// The window was asked to close meanwhile: it closes once the file is written.
    then_close: bool,
}

/// How often the status line's count of seconds is brought up to date.
const TICK: Duration = Duration::from_millis(250);

impl App {
    /// Writes the map to `path` as `format` (a picture as File > Export draws it) on another
    /// thread ([`App::take_exported`] reports it); here, at once, if no thread can start.
    pub(super) fn export_to(&mut self, path: &Path, format: Format, ctx: &egui::Context) {
        if let Some(e) = &self.exporting {
            let busy = format!("Still exporting {}; export again once it is written.", e.path.display());
            self.show_error(busy);
            return;
        }
        let options = self.export_options(format);
        let (map, collapsed) = (self.doc.snapshot(), self.view.collapsed.clone());
        let (sent, done) = mpsc::channel();
        let (to, repaint, opts) = (path.to_path_buf(), ctx.clone(), options.clone());
        let started = std::thread::Builder::new().name("argmap export".into()).spawn(move || {
            let mut typesetter = Typesetter::new();
            let drawing = Drawing { options: &opts, collapsed: &collapsed, typesetter: &mut typesetter };
            let _ = sent.send(export::write(&map, &to, format, drawing));
            repaint.request_repaint();
        });
        let dark = options.dark;
        if started.is_err() {
            let drawing = Drawing {
                options: &options,
                collapsed: &self.view.collapsed,
                typesetter: self.canvas.typesetter(),
            };
            let written = export::write(self.doc.map(), path, format, drawing);
            return self.exported(path, (format, dark), written);
        }
        let path = path.to_path_buf();
        self.exporting =
            Some(Exporting { path, format, dark, started: Instant::now(), done, then_close: false });
    }

    /// Whether an export is being written on another thread.
    pub fn exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// What the status line says while an export is written.
    pub(super) fn exporting_note(&self) -> Option<String> {
        let e = self.exporting.as_ref()?;
        let seconds = e.started.elapsed().as_secs();
        Some(format!("Exporting {} to {}… {seconds} s", e.format.name(), e.path.display()))
    }

    /// Reports the export once it is written (and closes the window if it was asked to close
    /// meanwhile); until then asks for a frame now and then, to count the seconds.
    pub(super) fn take_exported(&mut self, ctx: &egui::Context) {
        let Some(e) = &self.exporting else { return };
        let written = match e.done.try_recv() {
            Ok(written) => written,
            Err(mpsc::TryRecvError::Empty) => return ctx.request_repaint_after(TICK),
            Err(mpsc::TryRecvError::Disconnected) => {
                let stopped = crate::render::ExportError::Render(
                    "the export stopped before the file was written".into(),
                );
                Err(ExportError::Picture(stopped))
            }
        };
        let Some(e) = self.exporting.take() else { return };
        self.exported(&e.path, (e.format, e.dark), written);
        if e.then_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Whether the window must stay open for an export being written: it closes once it is.
    pub(super) fn close_after_export(&mut self) -> bool {
        let Some(e) = self.exporting.as_mut() else { return false };
        e.then_close = true;
        self.window.status = format!("Closing once {} is written…", e.path.display());
        true
    }

    /// Says what an export wrote, or why it could not: `dark` whether the picture is in the
    /// dark theme; what a text format cannot hold shows in a report.
    fn exported(
        &mut self,
        path: &Path,
        (format, dark): (Format, bool),
        written: Result<Written, ExportError>,
    ) {
        match written {
            Ok(written) if format.is_picture() || format == Format::Html => {
                let theme = if dark { "dark" } else { "light" };
                self.window.status =
                    format!("Exported {} to {}: {}, {theme}.", format.name(), path.display(), written.what);
            }
            Ok(written) => {
                self.window.status = format!("Exported {}.", path.display());
                if !written.warnings.is_empty() {
                    let lines = written.warnings.iter().map(ToString::to_string).collect();
                    let title = format!("Exported {}, with these notes", path.display());
                    self.show_modal(super::Modal::Report(title, lines));
                }
            }
            Err(ExportError::Picture(e)) if format.is_picture() => self.show_error(format!(
                "Could not export the picture.\n\n{}: {}",
                path.display(),
                super::files::in_window(&e)
            )),
            Err(e) if format.is_picture() => {
                self.show_error(format!("Could not export the picture.\n\n{}: {e}", path.display()))
            }
            Err(e) => self.show_error(format!("Could not export the map.\n\n{}: {e}", path.display())),
        }
    }
}
