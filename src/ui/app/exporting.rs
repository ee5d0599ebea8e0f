//! File > Export and Copy image made on another thread: a huge map's picture takes seconds (a
//! PDF of 100,000 statements several, a PNG of 10,000 about three), and the window stays live
//! meanwhile. The status line says what is being made and for how long; when it is done, the
//! window says what was written or copied (or why not), as it would have at once. One at a
//! time; closing the window waits for a file being written.

use super::App;
use crate::export::{self, Drawing, ExportError, Format, Written};
use crate::render::{self, ExportOptions};
use crate::scene::Typesetter;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// An export being made on another thread.
pub(super) struct Exporting {
    /// The file it is written to; none for a picture to copy.
    path: Option<PathBuf>,
    /// As what (a copy: PNG).
    format: Format,
    /// Whether the picture is in the dark theme (the report says which).
    dark: bool,
    /// When it started (the status line counts the seconds).
    started: Instant,
    /// Where the thread puts what it made.
    done: mpsc::Receiver<Made>,
    /// The window was asked to close meanwhile: it closes once the file is written.
    then_close: bool,
}

/// What the export thread made.
enum Made {
    /// A file written, or why not.
    Written(Result<Written, ExportError>),
    /// A picture to put on the clipboard, or why not.
    Picture(Result<egui::ColorImage, render::ExportError>),
}

/// What an export thread is given: the map as it was, the branches folded on the canvas, the
/// options.
type Order = (Arc<crate::model::ArgumentMap>, HashSet<crate::model::StatementId>, ExportOptions);

/// How often the status line's count of seconds is brought up to date.
const TICK: Duration = Duration::from_millis(250);

impl App {
    /// Writes the map to `path` as `format` (a picture as File > Export draws it) on another
    /// thread ([`App::take_exported`] reports it).
    pub(super) fn export_to(&mut self, path: &Path, format: Format, ctx: &egui::Context) {
        let to = path.to_path_buf();
        let job = move |(map, collapsed, options): Order| {
            let mut typesetter = Typesetter::new();
            let drawing = Drawing { options: &options, collapsed: &collapsed, typesetter: &mut typesetter };
            Made::Written(export::write(&map, &to, format, drawing))
        };
        self.start_export((Some(path), format), job, ctx);
    }

    /// Puts a picture of the map (as File > Export draws it) on the clipboard, made on another
    /// thread ([`App::take_exported`] copies it).
    pub(super) fn copy_image(&mut self, ctx: &egui::Context) {
        let job = |(map, collapsed, options): Order| {
            let mut typesetter = Typesetter::new();
            let picture = render::picture(&map, &mut typesetter, &options, &collapsed);
            Made::Picture(picture.and_then(|p| render::png::pixmap(&p, options.scale)).map(|pixmap| {
                let size = [pixmap.width() as usize, pixmap.height() as usize];
                egui::ColorImage::from_rgba_premultiplied(size, pixmap.data())
            }))
        };
        self.start_export((None, Format::Png), job, ctx);
    }

    /// Starts `job` on the export thread with the map as it is now; a second waits for the
    /// first, and says so.
    fn start_export(
        &mut self,
        (path, format): (Option<&Path>, Format),
        job: impl FnOnce(Order) -> Made + Send + 'static,
        ctx: &egui::Context,
    ) {
        if let Some(e) = &self.exporting {
            let what = e.path.as_ref().map_or("the picture to copy".into(), |p| p.display().to_string());
            return self.show_error(format!("Still making {what}; try again once it is done."));
        }
        let options = self.export_options(format);
        let dark = options.dark;
        let order: Order = (self.doc.snapshot(), self.view.collapsed.clone(), options);
        let (sent, done) = mpsc::channel();
        let repaint = ctx.clone();
        let started = std::thread::Builder::new().name("argmap export".into()).spawn(move || {
            let _ = sent.send(job(order));
            repaint.request_repaint();
        });
        if let Err(e) = started {
            return self.show_error(format!("Could not start the export: {e}. The map is as it was."));
        }
        let path = path.map(Path::to_path_buf);
        self.exporting =
            Some(Exporting { path, format, dark, started: Instant::now(), done, then_close: false });
    }

    /// Whether an export is being made on another thread.
    pub fn exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// What the status line says while an export is made.
    pub(super) fn exporting_note(&self) -> Option<String> {
        let e = self.exporting.as_ref()?;
        let seconds = e.started.elapsed().as_secs();
        Some(match &e.path {
            Some(path) => format!("Exporting {} to {}… {seconds} s", e.format.name(), path.display()),
            None => format!("Making the picture to copy… {seconds} s"),
        })
    }

    /// Reports the export once it is made (and closes the window if it was asked to close
    /// meanwhile); until then asks for a frame now and then, to count the seconds.
    pub(super) fn take_exported(&mut self, ctx: &egui::Context) {
        let Some(e) = &self.exporting else { return };
        let made = match e.done.try_recv() {
            Ok(made) => Some(made),
            Err(mpsc::TryRecvError::Empty) => return ctx.request_repaint_after(TICK),
            Err(mpsc::TryRecvError::Disconnected) => None,
        };
        let Some(e) = self.exporting.take() else { return };
        match made {
            Some(made) => self.report(&e, made, ctx),
            None => self.show_error("The export stopped before it was done; nothing was written.".into()),
        }
        if e.then_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Whether the window must stay open for a file being written: it closes once it is.
    pub(super) fn close_after_export(&mut self) -> bool {
        let Some(e) = self.exporting.as_mut() else { return false };
        let Some(path) = &e.path else { return false }; // a picture to copy is not waited for
        self.window.status = format!("Closing once {} is written…", path.display());
        e.then_close = true;
        true
    }

    /// Says what an export made: the file written, the picture copied, or why not.
    fn report(&mut self, e: &Exporting, made: Made, ctx: &egui::Context) {
        match (made, &e.path) {
            (Made::Written(written), Some(path)) => self.exported(path, (e.format, e.dark), written),
            (Made::Picture(Ok(image)), _) => {
                let [w, h] = image.size;
                ctx.copy_image(image);
                self.window.status = format!("Copied a {w} x {h} picture to the clipboard.");
            }
            (Made::Picture(Err(why)), _) => {
                self.show_error(format!("Could not copy the picture.\n\n{}", super::files::in_window(&why)))
            }
            (Made::Written(_), None) => {} // (a file is written only where one was chosen)
        }
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
