//! A huge map's picture made on another thread: its wrapped texts, layout, drawing and
//! evaluation take a few hundred milliseconds at 100,000 statements, so from
//! [`BACKGROUND_FROM`] statements they are made beside the UI. Meanwhile the canvas shows the
//! last complete picture (never a half-made one) and the status line says what is being done;
//! the new picture goes in whole on the first frame after it is ready.

use super::*;
use crate::ui::derived::{self, OwnedInputs};

pub use crate::ui::derived::BACKGROUND_FROM;

/// A picture being made on another thread: of how many statements, for what shape of canvas,
/// and the thread (which hands back the picture and the typesetter it used).
pub(super) struct Making {
    statements: usize,
    /// The canvas's shape it is made for.
    aspect: f32,
    thread: std::thread::JoinHandle<(Derived, Typesetter)>,
}

impl Canvas {
    /// The typesetter (made on first use; away while a picture is made on another thread).
    pub(super) fn typesetter(&mut self) -> &mut Typesetter {
        self.typesetter.get_or_insert_with(Typesetter::new)
    }
}

impl App {
    /// Whether a picture of the map is being made on another thread.
    pub fn making_picture(&self) -> bool {
        self.canvas.making.is_some()
    }

    /// Whether a picture made on another thread is ready to go in (the next frame takes it; the
    /// thread asks for that frame when it is done).
    pub fn picture_ready(&self) -> bool {
        self.canvas.making.as_ref().is_some_and(|m| m.thread.is_finished())
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
        let inputs = OwnedInputs {
            map: self.doc.snapshot(),
            collapsed: self.view.collapsed.clone(),
            selected: self.view.selected.clone(),
            schemes: self.schemes.clone(),
            reshape: self.doc.history().reshape(self.doc.history().structure_changes()).cloned(),
        };
        let before = derived::badges_before(self.canvas.derived.as_ref(), &key);
        // The last picture stays on screen; the new one shares its texts and layout.
        let mut earlier = self.canvas.derived.as_ref().map(Derived::share);
        if let Some(e) = earlier.as_mut() {
            e.spare = self.canvas.spare.take();
        }
        let mut ts = self.canvas.typesetter.take().unwrap_or_default();
        let (for_key, repaint) = (key.clone(), ctx.clone());
        let spawned = std::thread::Builder::new().name("argmap picture".into()).spawn(move || {
            let made =
                derived::derive_beside(earlier, for_key, inputs.borrow(), &mut ts, (time, aspect, before));
            repaint.request_repaint();
            (made, ts)
        });
        match spawned {
            Ok(thread) => {
                self.canvas.making =
                    Some(Making { statements: self.doc.map().statement_count(), aspect, thread });
                true
            }
            Err(_) => false,
        }
    }

    /// The picture made on another thread, once it is ready: it goes in whole.
    pub(super) fn take_made(&mut self) {
        if !self.picture_ready() {
            return;
        }
        let Some(making) = self.canvas.making.take() else { return };
        match making.thread.join() {
            Ok((made, ts)) => {
                self.canvas.typesetter = Some(ts);
                self.install(made, making.aspect);
            }
            Err(_) => {
                // Made here from now on; the last picture stays meanwhile.
                self.canvas.background_failed = true;
                self.window.status =
                    "Could not lay out the map on another thread; it is laid out here.".into();
            }
        }
    }
}
