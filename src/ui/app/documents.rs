//! The map's source documents in the app: the one the source pane shows (the one the selected
//! statement quotes), read when what it shows changes (another document, folder or map): plain
//! text at once, HTML and PDF off the UI thread in a child process
//! ([`crate::sources::Reader`]), which the user can cancel; its quotes located again on every
//! edit. Built while the pane is closed too, so that drifted quotes are marked on the map.

use super::App;
use crate::model::SourceDocument;
use crate::sources::{Places, Reader, Text, formats::Kind};
use crate::ui::source::{self, SourceKey, SourceView};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

/// The source documents' state: the document shown, one being read, how documents are read.
pub struct Documents {
    /// The document the pane shows, its text and its quotes.
    pub view: Option<SourceView>,
    /// A document being read off the UI thread.
    reading: Option<Reading>,
    /// How HTML and PDF are read: a child process of argmap itself (in the app), or in this
    /// process (a test harness, which is not argmap).
    pub reader: Reader,
}

impl Default for Documents {
    fn default() -> Self {
        Self { view: None, reading: None, reader: Reader::this_program() }
    }
}

/// A document read on a thread of its own (HTML and PDF, in a child process), cancellable.
pub struct Background {
    /// Its file.
    pub path: PathBuf,
    /// Set to stop the reader.
    cancel: Arc<AtomicBool>,
    /// The text, or why not, when it comes.
    result: mpsc::Receiver<Result<Text, String>>,
}

impl Background {
    /// Starts reading `path` with `reader` on a thread of its own.
    pub fn start(reader: Reader, path: PathBuf) -> Self {
        let (send, result) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (file, stop, failed) = (path.clone(), cancel.clone(), send.clone());
        let spawned = std::thread::Builder::new().name("argmap document reader".into()).spawn(move || {
            let text = reader.read_cancellable(&file, &stop).map_err(|e| e.to_string());
            let _ = send.send(text);
        });
        if let Err(e) = spawned {
            let _ = failed.send(Err(format!("{}: could not start reading it ({e})", path.display())));
        }
        Self { path, cancel, result }
    }

    /// Asks the reader to stop (the result then says it was cancelled).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The text, or why not, once read; `None` while reading.
    pub fn poll(&self) -> Option<Result<Text, String>> {
        match self.result.try_recv() {
            Ok(text) => Some(text),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(Err(format!("{}: the reader stopped", self.path.display())))
            }
        }
    }
}

/// The pane's document read in the [`Background`].
struct Reading {
    /// What it is read for (the file: the map, the document, the folders looked in).
    key: SourceKey,
    /// The document.
    document: SourceDocument,
    /// The reading.
    job: Background,
}

impl Documents {
    /// Draws the source pane: the document read, or the one being read.
    pub fn ui(
        &self,
        ui: &mut egui::Ui,
        map: &crate::model::ArgumentMap,
        view: &mut crate::ui::view::View,
        actions: &mut Vec<crate::ui::action::Action>,
    ) {
        let shown = source::Shown { view: self.view.as_ref(), reading: self.reading() };
        source::show(ui, map, shown, view, actions);
    }

    /// The document being read, and its file, while one is.
    pub fn reading(&self) -> Option<(&SourceDocument, &std::path::Path)> {
        self.reading.as_ref().map(|r| (&r.document, r.job.path.as_path()))
    }

    /// Stops the document being read, if one is (its pane then says it was cancelled).
    pub fn cancel(&mut self) {
        if let Some(r) = &self.reading {
            r.job.cancel();
        }
    }

    /// Forgets the document shown, so that it is read again.
    pub fn read_again(&mut self) {
        self.view = None;
    }

    /// Stops and forgets the document being read.
    fn drop_reading(&mut self) {
        self.cancel();
        self.reading = None;
    }
}

impl App {
    /// The source document shown, made again when what it shows changed: another document, an
    /// edit, another map, another folder to look in. A document read on a thread is waited for
    /// (the frame comes back when it is read).
    pub(super) fn refresh_source(&mut self, ctx: &egui::Context) {
        let map = self.doc.map();
        let Some(wanted) = source::wanted(map, self.view.selected.as_ref()) else {
            self.documents.view = None;
            self.documents.drop_reading();
            return;
        };
        // Every frame: compared in place, cloned only when it changed.
        let (stamp, folders) = (self.doc.stamp(), &self.settings.document_folders);
        if self
            .documents
            .view
            .as_ref()
            .is_some_and(|s| (s.key.stamp, &s.key.document, &s.key.folders) == (stamp, &wanted, folders))
        {
            return;
        }
        let key = SourceKey { stamp, document: wanted.clone(), folders: folders.clone() };
        if self.documents.reading.as_ref().is_some_and(|r| r.key.same_file(&key)) {
            return self.collect_reading(ctx, key);
        }
        self.documents.drop_reading();
        let Some(document) = map.document(&wanted).cloned() else { return };
        // A passage selected in another document, or another map, is no longer there.
        let shown = self.documents.view.as_ref().map(|s| &s.key);
        if shown.is_none_or(|s| s.stamp.generation != stamp.generation || s.document != wanted) {
            self.view.source_selection = None;
        }
        // The text is read again only when another document or folder is asked for.
        let same_file = shown.is_some_and(|s| s.same_file(&key));
        let text = match self.documents.view.take() {
            Some(old) if same_file => old.text,
            _ => match self.places().find(&document) {
                Ok(path) if Kind::of(&path) != Kind::Plain => {
                    return self.start_reading(key, document, path);
                }
                Ok(path) => crate::sources::read(&path, &Reader::InProcess)
                    .map(|t| (path, t))
                    .map_err(|e| e.to_string()),
                Err(why) => Err(why),
            },
        };
        self.documents.view = Some(SourceView::new(self.doc.map(), key, document, text));
    }

    /// Where the map's documents are looked for.
    fn places(&self) -> Places<'_> {
        Places {
            beside: self.doc.path().and_then(std::path::Path::parent),
            folders: &self.settings.document_folders,
            chosen: &self.settings.document_files,
            reader: &self.documents.reader,
        }
    }

    /// Reads `path` on a thread of its own (HTML, PDF: in a child process, bounded).
    fn start_reading(&mut self, key: SourceKey, document: SourceDocument, path: PathBuf) {
        let job = Background::start(self.documents.reader.clone(), path);
        self.documents.reading = Some(Reading { key, document, job });
    }

    /// The document read on its thread, once it is: the view made from it (for the map as it is
    /// now); until then the frame comes back soon to look again.
    fn collect_reading(&mut self, ctx: &egui::Context, key: SourceKey) {
        let Some(text) = self.documents.reading.as_ref().and_then(|r| r.job.poll()) else {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        };
        let Some(r) = self.documents.reading.take() else { return };
        let text = text.map(|t| (r.job.path, t));
        self.documents.view = Some(SourceView::new(self.doc.map(), key, r.document, text));
    }

    /// A source document's file was chosen: it is read as chosen (even a link out of its
    /// folder: the user opened it), and its folder is searched for documents from now on.
    pub(super) fn locate_document(&mut self, path: &std::path::Path) {
        let path = crate::ui::settings::absolute(path);
        let Some(dir) = path.parent().map(std::path::Path::to_path_buf) else { return };
        let settings = &mut self.settings;
        settings.document_folders.retain(|d| d != &dir);
        settings.document_folders.insert(0, dir.clone());
        settings.document_folders.truncate(10);
        settings.document_files.retain(|f| f != &path && f.file_name() != path.file_name());
        settings.document_files.insert(0, path);
        settings.document_files.truncate(20);
        self.documents.read_again();
        self.view.source = true;
        self.window.status = format!("Looking for source documents in {} too.", dir.display());
    }
}
