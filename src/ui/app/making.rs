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

/// What the status line says when the picture thread is gone.
const HERE_NOW: &str = "Could not lay out the map on another thread; it is laid out here.";

/// A picture being made on another thread: of how many statements, for what shape of canvas,
/// and where the thread puts the picture and the typesetter it used when it is done.
pub(super) struct Making {
    statements: usize,
    /// The canvas's shape it is made for.
    aspect: f32,
    made: Arc<Mutex<Option<(Derived, Typesetter)>>>,
    /// Where the whole drawing goes when the picture was drawn near its view first.
    whole: Whole,
}

/// The whole drawing of a picture drawn near its view first ([`Scene::near`]), with the key of
/// the picture it belongs to: put here by the picture thread once the picture is made.
pub(super) type Whole = Arc<Mutex<Option<(DerivedKey, Scene)>>>;

/// A picture to make ([`derived::derive_beside`]): put in `made`, then a frame asked for.
struct Order {
    earlier: Option<derived::Earlier>,
    key: DerivedKey,
    inputs: OwnedInputs,
    ts: Typesetter,
    at: (f64, f32, Option<derived::OldBadges>),
    made: Arc<Mutex<Option<(Derived, Typesetter)>>>,
    whole: Whole,
    repaint: egui::Context,
}

/// What the picture thread is asked to do.
enum Job {
    /// Make a picture.
    Make(Box<Order>),
    /// Free a picture the window replaced (a huge map's texts and layout take milliseconds to
    /// free), while the thread waits for the next; its drawing, emptied, is drawn into next.
    Free(Box<Derived>),
    /// A drawing near the view that the whole drawing replaced: emptied, the next drawing near
    /// the view is drawn into its memory.
    Spare(Box<Scene>),
}

/// The drawings whose memory the picture thread draws into: the last whole one freed, and the
/// last one near a view.
#[derive(Default)]
struct Spares {
    whole: Option<Scene>,
    near: Option<Scene>,
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
                let mut spares = Spares::default();
                while let Ok(job) = inbox.recv() {
                    run(job, &mut spares);
                }
            })
            .ok()?;
        Some(Self { jobs, thread })
    }

    /// Hands the thread a picture to free; freed here if the thread is gone.
    pub(super) fn free(&self, old: Derived) {
        let _ = self.jobs.send(Job::Free(Box::new(old)));
    }

    /// Hands the thread a drawing near the view to draw the next such into.
    pub(super) fn spare(&self, scene: Scene) {
        let _ = self.jobs.send(Job::Spare(Box::new(scene)));
    }
}

/// Does one job on the picture thread. `spares` are the drawings the window was done with,
/// emptied while the thread waited: the next picture is drawn into their memory (a huge map's
/// drawing is neither freed nor allocated on every edit, nor emptied while the user waits). A
/// picture drawn near its view first is drawn into the last such drawing's memory, and its whole
/// drawing, made right after it is handed over, into the last whole one's.
fn run(job: Job, spares: &mut Spares) {
    match job {
        Job::Make(order) => {
            let Order { mut earlier, key, inputs, mut ts, at, made, whole, repaint } = *order;
            if let Some(e) = earlier.as_mut() {
                e.spare = if inputs.near.is_some() { spares.near.take() } else { spares.whole.take() };
            }
            let (picture, rest) = derived::derive_beside(earlier, key, inputs.borrow(), &mut ts, at);
            let near = rest.is_some().then(|| picture.key.clone());
            if let Ok(mut slot) = made.lock() {
                *slot = Some((picture, ts));
            }
            repaint.request_repaint();
            if let (Some(rest), Some(key)) = (rest, near) {
                let scene = rest.draw(spares.whole.take().unwrap_or_default());
                // The map is let go of before the window hears: an edit waiting for this changes
                // the map in place rather than copying it.
                drop(inputs);
                if let Ok(mut slot) = whole.lock() {
                    *slot = Some((key, scene));
                }
                repaint.request_repaint();
            }
        }
        Job::Free(mut old) => {
            let mut scene = std::mem::take(&mut old.scene);
            drop(old);
            scene.empty();
            spares.whole = Some(scene);
        }
        Job::Spare(mut scene) => {
            scene.empty();
            spares.near = Some(*scene);
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

    /// Whether the picture on screen was drawn near the view first and its whole drawing is still
    /// to go in (the next frame after it is drawn puts it in).
    pub fn drawing_whole(&self) -> bool {
        self.canvas.whole.is_some()
    }

    /// What the status line says while a picture is being made.
    pub(super) fn making_note(&self) -> Option<String> {
        let m = self.canvas.making.as_ref()?;
        Some(format!("Laying out {} statements…", crate::printable::thousands(m.statements)))
    }

    /// Keeps a picture made on another thread from going in until `held` is false again, as on
    /// a machine too slow to make it before the next keys: what a test types meanwhile.
    #[doc(hidden)]
    pub fn hold_pictures(&mut self, held: bool) {
        self.canvas.held = held;
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
            near: self.near(),
        };
        let before = derived::badges_before(self.canvas.derived.as_ref(), &key);
        // The last picture stays on screen; the new one shares its texts and layout.
        let earlier = self.canvas.derived.as_ref().map(Derived::share);
        let ts = self.canvas.typesetter.take().unwrap_or_default();
        let (made, whole) = (Arc::new(Mutex::new(None)), Arc::new(Mutex::new(None)));
        let at = (time, aspect, before);
        let repaint = ctx.clone();
        let (to_make, to_draw) = (Arc::clone(&made), Arc::clone(&whole));
        let order = Order { earlier, key, inputs, ts, at, made: to_make, whole: to_draw, repaint };
        match worker.jobs.send(Job::Make(Box::new(order))) {
            Ok(()) => {
                let statements = self.doc.map().statement_count();
                self.canvas.making = Some(Making { statements, aspect, made, whole });
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
        if self.canvas.held || !self.picture_ready() {
            return;
        }
        let Some(making) = self.canvas.making.take() else { return };
        let made = making.made.lock().ok().and_then(|mut slot| slot.take());
        match made {
            Some((made, ts)) => {
                self.canvas.typesetter = Some(ts);
                let near = made.scene.near.is_some();
                self.install(made, making.aspect);
                self.canvas.whole = near.then_some(making.whole);
            }
            None => {
                // Made here from now on; the last picture stays meanwhile.
                self.canvas.worker = None;
                self.canvas.background_failed = true;
                self.window.status = HERE_NOW.into();
            }
        }
    }
}

impl App {
    /// Where across the map a huge map's next picture is drawn first: the view, and a quarter of
    /// its width either side (`None`: all of it, for a view that fits the whole map or shows the
    /// minimap, which pictures all of it).
    fn near(&self) -> Option<(f32, f32)> {
        let canvas = self.canvas.rect?;
        if self.view.fit.is_some() || self.view.minimap {
            return None;
        }
        let seen = self.view.camera.visible(canvas);
        Some((seen.x - seen.w / 4.0, seen.right() + seen.w / 4.0))
    }

    /// The whole drawing of the picture on screen, when it was drawn near the view first and
    /// the thread has drawn the rest: it takes the place of the drawing near the view. When the
    /// view is not inside what was drawn (or is about to leave it, to show a statement), the
    /// window waits for it: a frame never shows a half-drawn map.
    pub(super) fn take_whole(&mut self) {
        let outside =
            self.canvas.derived.as_ref().and_then(|d| d.scene.near).is_some_and(|c| !self.sees_inside(c));
        self.whole_drawing(outside);
    }

    /// Before an edit: the whole drawing of the picture on screen, waited for if it is being
    /// drawn (its thread reads the map until then, and an edit meanwhile would copy the map).
    pub(super) fn finish_whole(&mut self) {
        self.whole_drawing(true);
    }

    /// The whole drawing put in if it is ready; with `wait`, waited for until it is. If its
    /// thread is gone, the picture is made here from then on, whole.
    fn whole_drawing(&mut self, wait: bool) {
        let Some(whole) = self.canvas.whole.clone() else { return };
        let waited = std::time::Instant::now();
        loop {
            let drawn = whole.lock().map_or(None, |mut slot| slot.take());
            if let Some((key, scene)) = drawn {
                self.canvas.whole = None;
                if let Some(derived) = self.canvas.derived.as_mut().filter(|d| d.key == key) {
                    let near = std::mem::replace(&mut derived.scene, scene);
                    derived.overview = Default::default();
                    if let Some(worker) = &self.canvas.worker {
                        worker.spare(near);
                    }
                }
                return;
            }
            if self.canvas.worker.as_ref().is_none_or(|w| w.thread.is_finished()) {
                // Never coming: the next frame makes the picture here, whole.
                (self.canvas.whole, self.canvas.derived, self.canvas.worker) = (None, None, None);
                self.canvas.background_failed = true;
                self.window.status = HERE_NOW.into();
                return;
            }
            if !wait || waited.elapsed() > std::time::Duration::from_secs(5) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    }

    /// Whether the view, and where it is about to move to show a statement, lies inside `claim`
    /// (from, to across the map): where a drawing near the view is whole ([`Scene::near`]).
    fn sees_inside(&self, (from, to): (f32, f32)) -> bool {
        let (Some(canvas), Some(derived)) = (self.canvas.rect, self.canvas.derived.as_ref()) else {
            return false;
        };
        if self.view.fit.is_some() || self.view.minimap {
            return false;
        }
        let seen = self.view.camera.visible(canvas);
        let (mut left, mut right) = (seen.x, seen.right());
        if let Some(id) = &self.view.reveal {
            // Brought into view with a margin, out from under what covers the canvas.
            let Some(r) = derived.layout.rect(self.doc.map(), id) else { return false };
            (left, right) = (left.min(r.x - seen.w / 2.0), right.max(r.right() + seen.w / 2.0));
        }
        from <= left && right < to
    }
}
