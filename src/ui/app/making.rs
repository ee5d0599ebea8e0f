//! A huge map's picture made on another thread: its wrapped texts, layout, drawing and
//! evaluation take a few hundred milliseconds at 100,000 statements, so from
//! [`BACKGROUND_FROM`] statements they are made beside the UI. Meanwhile the canvas shows the
//! last complete picture (never a half-made one) and the status line says what is being done;
//! the new picture goes in whole on the first frame after it is ready.

use super::*;
use crate::scene::Scene;
use crate::ui::derived::{self, OwnedInputs};
use std::sync::{Arc, Mutex, mpsc};

pub use crate::ui::derived::BACKGROUND_FROM;

/// A picture being made on another thread: of how many statements, for what shape of canvas,
/// and where the thread puts the picture and the typesetter it used when it is done.
pub(super) struct Making {
    statements: usize,
    /// The canvas's shape it is made for.
    aspect: f32,
    made: Arc<Mutex<Option<(Derived, Typesetter)>>>,
}

/// A picture to make ([`derived::derive_beside`]): put in `made`, then a frame asked for.
struct Order {
    earlier: Option<derived::Earlier>,
    key: DerivedKey,
    inputs: OwnedInputs,
    ts: Typesetter,
    at: (f64, f32, Option<derived::OldBadges>),
    made: Arc<Mutex<Option<(Derived, Typesetter)>>>,
    repaint: egui::Context,
}

/// What the picture thread is asked to do.
enum Job {
    /// Make a picture.
    Make(Box<Order>),
    /// Free a picture the window replaced (a huge map's texts and layout take milliseconds to
    /// free), while the thread waits for the next; its drawing, emptied, is drawn into next.
    Free(Box<Derived>),
}

/// The thread a huge map's pictures are made on, one for the window's life: every picture is
/// made in the same memory, and the one it replaced is freed there, not on the window's thread.
pub(super) struct Worker {
    jobs: mpsc::Sender<Job>,
    thread: std::thread::JoinHandle<()>,
}

impl Worker {
    /// Starts the thread; `None` if it could not start.
    fn start() -> Option<Self> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("argmap picture".into())
            .spawn(move || {
                let mut spare = None;
                while let Ok(job) = inbox.recv() {
                    run(job, &mut spare);
                }
            })
            .ok()?;
        Some(Self { jobs, thread })
    }

    /// Hands the thread a picture to free; freed here if the thread is gone.
    pub(super) fn free(&self, old: Derived) {
        let _ = self.jobs.send(Job::Free(Box::new(old)));
    }
}

/// Does one job on the picture thread. `spare` is the drawing of the last picture freed, emptied
/// while the thread waited: the next picture is drawn into its memory (a huge map's drawing is
/// neither freed nor allocated on every edit, nor emptied while the user waits).
fn run(job: Job, spare: &mut Option<Scene>) {
    match job {
        Job::Make(order) => {
            let Order { mut earlier, key, inputs, mut ts, at, made, repaint } = *order;
            if let Some(e) = earlier.as_mut() {
                e.spare = spare.take();
            }
            let picture = derived::derive_beside(earlier, key, inputs.borrow(), &mut ts, at);
            if let Ok(mut slot) = made.lock() {
                *slot = Some((picture, ts));
            }
            repaint.request_repaint();
        }
        Job::Free(mut old) => {
            let mut scene = std::mem::take(&mut old.scene);
            drop(old);
            scene.empty();
            *spare = Some(scene);
        }
    }
}

impl App {
    /// Whether a picture of the map is being made on another thread.
    pub fn making_picture(&self) -> bool {
        self.canvas.making.is_some()
    }

    /// Whether a picture made on another thread is ready to go in (the next frame takes it; the
    /// thread asks for that frame when it is done), or the thread is gone without it.
    pub fn picture_ready(&self) -> bool {
        let made = |m: &Making| m.made.lock().map_or(true, |slot| slot.is_some());
        let gone = self.canvas.worker.as_ref().is_none_or(|w| w.thread.is_finished());
        self.canvas.making.as_ref().is_some_and(|m| made(m) || gone)
    }

    /// What the status line says while a picture is being made.
    pub(super) fn making_note(&self) -> Option<String> {
        let m = self.canvas.making.as_ref()?;
        Some(format!("Laying out {} statements…", crate::printable::thousands(m.statements)))
    }

    /// Whether pictures are made on another thread: for a huge map, unless making one there
    /// failed before.
    pub(super) fn in_background(&self) -> bool {
        self.doc.map().statement_count() >= BACKGROUND_FROM && !self.canvas.background_failed
    }

    /// Starts making the picture for `key` on another thread; false if no thread could start.
    pub(super) fn start_making(
        &mut self,
        key: DerivedKey,
        ctx: &egui::Context,
        (time, aspect): (f64, f32),
    ) -> bool {
        if self.canvas.worker.is_none() {
            self.canvas.worker = Worker::start();
        }
        let Some(worker) = self.canvas.worker.as_ref() else { return false };
        let inputs = OwnedInputs {
            map: self.doc.snapshot(),
            collapsed: self.view.collapsed.clone(),
            selected: self.view.selected.clone(),
            schemes: self.schemes.clone(),
            reshape: self.doc.history().reshape(self.doc.history().structure_changes()).cloned(),
        };
        let before = derived::badges_before(self.canvas.derived.as_ref(), &key);
        // The last picture stays on screen; the new one shares its texts and layout.
        let earlier = self.canvas.derived.as_ref().map(Derived::share);
        let ts = self.canvas.typesetter.take().unwrap_or_default();
        let made = Arc::new(Mutex::new(None));
        let at = (time, aspect, before);
        let repaint = ctx.clone();
        let job =
            Job::Make(Box::new(Order { earlier, key, inputs, ts, at, made: Arc::clone(&made), repaint }));
        match worker.jobs.send(job) {
            Ok(()) => {
                self.canvas.making =
                    Some(Making { statements: self.doc.map().statement_count(), aspect, made });
                true
            }
            Err(mpsc::SendError(job)) => {
                if let Job::Make(order) = job {
                    self.canvas.typesetter = Some(order.ts);
                }
                self.canvas.worker = None;
                false
            }
        }
    }

    /// The picture made on another thread, once it is ready: it goes in whole.
    pub(super) fn take_made(&mut self) {
        if !self.picture_ready() {
            return;
        }
        let Some(making) = self.canvas.making.take() else { return };
        let made = making.made.lock().ok().and_then(|mut slot| slot.take());
        match made {
            Some((made, ts)) => {
                self.canvas.typesetter = Some(ts);
                self.install(made, making.aspect);
            }
            None => {
                // Made here from now on; the last picture stays meanwhile.
                self.canvas.worker = None;
                self.canvas.background_failed = true;
                self.window.status =
                    "Could not lay out the map on another thread; it is laid out here.".into();
            }
        }
    }
}
