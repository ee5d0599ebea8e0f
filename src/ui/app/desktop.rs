//! Maps the desktop opens while this window runs ([`crate::ui::handoff`]): with the setting on,
//! the window listens, and a map handed to it opens here as File ▸ Open would (asking first about
//! unsaved changes), the window raised.

use super::*;
use crate::ui::handoff::Listener;

/// Where this window would listen, and whether it does.
#[derive(Default)]
pub(super) struct Handoff {
    /// The socket (the user's runtime folder; none in tests unless given).
    pub(super) socket: Option<PathBuf>,
    /// Listening, while the setting is on.
    listener: Option<Listener>,
    /// Listening failed (another window listens, or the folder refused): not tried again until
    /// the setting is turned off and on.
    failed: bool,
}

impl App {
    /// Listens while the setting asks (and stops when it no longer does), and opens what was
    /// handed over.
    pub(super) fn listen_for_files(&mut self, ctx: &egui::Context) {
        let h = &mut self.handoff;
        if !self.settings.open_here {
            h.listener = None;
            h.failed = false;
            return;
        }
        if h.listener.is_none() && !h.failed {
            let Some(socket) = h.socket.clone() else { return };
            let wake = ctx.clone();
            match Listener::start(&socket, move || wake.request_repaint()) {
                Ok(l) => h.listener = Some(l),
                Err(e) => {
                    h.failed = true;
                    self.window.status = format!(
                        "Maps from the desktop open in new windows: this one cannot listen ({}).",
                        crate::printable::escaped(&e.to_string())
                    );
                    return;
                }
            }
        }
        let files = h.listener.as_ref().map(Listener::received).unwrap_or_default();
        for file in files {
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            self.request(Pending::Open(Some(file)), ctx);
        }
    }

    /// Listens for maps handed over at `socket` (a test's own), when the setting is on.
    pub fn handing_off_at(mut self, socket: PathBuf) -> Self {
        self.handoff.socket = Some(socket);
        self
    }
}
