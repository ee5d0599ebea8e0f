//! Live sessions in the window (issue 37): File > Share live… puts the open map on a sync
//! server and gives the link others join it with; File > Join live… opens a map shared live, in
//! this window's place. While a session lasts, each edit of the user's goes to the others
//! (`crate::live::session` records it on a thread of its own), and theirs arrive as one edit
//! each that is not the user's to undo ([`Document::apply_remote`]): Ctrl+Z undoes only one's
//! own. The RON file stays the file of record, saved here as always.

use super::*;
use crate::live::session::{Event, Person, Session, Start};
use crate::ui::Command;

/// Where, and as whom, to join a live map.
#[derive(Clone, Debug, PartialEq)]
pub struct Joining {
    /// The sync server (`ws://host:port`).
    pub server: String,
    /// The map's link (`automerge:…`).
    pub link: String,
    /// The name the others see.
    pub name: String,
}

/// This window's live session.
pub(super) struct Live {
    session: Session,
    /// The link others join with, once the map is on the server.
    link: Option<String>,
    connected: bool,
    /// The others, with what they have selected.
    people: Vec<Person>,
    /// The document's state last sent or taken in: another stamp is an edit of the user's.
    sent: Stamp,
    /// Joining: the map comes with the first arrival, in the open map's place.
    joining: bool,
}

impl Live {
    /// The others in the session.
    pub(super) fn people(&self) -> &[Person] {
        &self.people
    }

    /// The link others join with, once the map is on the server.
    pub(super) fn link(&self) -> Option<&str> {
        self.link.as_deref()
    }

    /// The status line's word on the session: who else is in it, or that it waits.
    pub(super) fn line(&self) -> String {
        let names: Vec<String> = self.people.iter().map(|p| crate::printable::line(&p.name, 30)).collect();
        match (&self.link, self.connected) {
            (None, _) => "Live: connecting…".into(),
            (Some(_), false) => "Live: offline, edits wait".into(),
            (Some(_), true) if names.is_empty() => "Live: no one else yet".into(),
            (Some(_), true) => format!("Live with {}", names.join(", ")),
        }
    }
}

/// The live sessions' dialog.
pub enum LiveDialog {
    /// Sharing the open map: the server and the name, as typed.
    Share {
        /// The sync server.
        server: String,
        /// The name the others see.
        name: String,
    },
    /// Joining a map by its link.
    Join(Joining),
    /// The session: its link to copy, who is in it.
    Session,
}

/// The name others see: the one given last, else the login name.
fn my_name(settings: &Settings) -> String {
    let login = || std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok();
    let given = Some(settings.live_name.trim().to_owned()).filter(|n| !n.is_empty());
    given.or_else(login).unwrap_or_else(|| "Someone".into())
}

impl App {
    /// File > Share live…, Join live…, Live session…, Leave live session.
    pub(super) fn run_live(&mut self, command: Command, ctx: &egui::Context) {
        let name = my_name(&self.settings);
        match command {
            Command::ShareLive if self.live.is_some() => {
                self.show_modal(Modal::Live(Box::new(LiveDialog::Session)))
            }
            Command::ShareLive => {
                let server = self.settings.live_server.clone();
                self.show_modal(Modal::Live(Box::new(LiveDialog::Share { server, name })));
            }
            Command::JoinLive => self.request(Pending::JoinLive(None), ctx),
            Command::LiveSession if self.live.is_some() => {
                self.show_modal(Modal::Live(Box::new(LiveDialog::Session)))
            }
            Command::LiveSession => {
                self.window.status = "Not in a live session: File > Share live… starts one.".into()
            }
            Command::LeaveLive if self.live.is_some() => {
                self.leave_live("Left the live session; the map stays open as it is.")
            }
            Command::LeaveLive => self.window.status = "Not in a live session.".into(),
            _ => {}
        }
    }

    /// Joins the live map of `link` (on `server`, else the one last used) once the window is up:
    /// `argmap automerge:…`.
    pub fn join_at_start(&mut self, link: String, server: Option<String>) {
        let server = server.unwrap_or_else(|| self.settings.live_server.clone());
        let joining = Joining { server, link, name: my_name(&self.settings) };
        self.actions.push(Action::Request(Pending::JoinLive(Some(joining))));
    }

    /// Joins a live map (asking for its link first when none is given).
    pub(super) fn join_live(&mut self, joining: Option<Joining>, ctx: &egui::Context) {
        match joining {
            Some(j) => self.start_live(&j.server, Start::Join(j.link.trim().to_owned()), &j.name, true, ctx),
            None => {
                let (server, name) = (self.settings.live_server.clone(), my_name(&self.settings));
                let joining = Joining { server, link: String::new(), name };
                self.show_modal(Modal::Live(Box::new(LiveDialog::Join(joining))));
            }
        }
    }

    /// Starts a session (ending any other).
    fn start_live(&mut self, server: &str, start: Start, name: &str, joining: bool, ctx: &egui::Context) {
        self.settings.live_server = server.trim().to_owned();
        self.settings.live_name = name.trim().to_owned();
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        let session = Session::start(server.trim(), start, name.trim(), wake);
        let sent = self.doc.stamp();
        self.live = Some(Live { session, link: None, connected: true, people: Vec::new(), sent, joining });
        self.window.status = format!("Connecting to {}…", crate::printable::line(server.trim(), 80));
    }

    /// Ends the session, saying why.
    fn leave_live(&mut self, why: &str) {
        if self.live.take().is_some() {
            self.window.status = why.to_owned();
        }
    }

    /// Once a frame: what the session says, then the user's edit (if any) to the others.
    pub(super) fn live_frame(&mut self) {
        let Some(live) = self.live.as_mut() else { return };
        let events = live.session.poll();
        for event in events {
            self.live_event(event);
        }
        let Some(live) = self.live.as_mut() else { return };
        let now = self.doc.stamp();
        if !live.joining && now.generation != live.sent.generation {
            self.leave_live("Left the live session: another map is open in this window.");
            return;
        }
        if !live.joining && now != live.sent {
            live.session.edited(self.doc.snapshot());
            live.sent = now;
        }
        // Compared without a copy: most frames the selection is what the others were told.
        if live.session.me().selected.as_slice() != self.view.selected.as_slice() {
            live.session.select(self.view.selected.iter().cloned().collect());
        }
    }

    /// Acts on one thing the session said.
    fn live_event(&mut self, event: Event) {
        let Some(live) = self.live.as_mut() else { return };
        match event {
            Event::Joined { link } => {
                live.link = Some(link);
                if !live.joining {
                    self.window.status = "Shared live: File > Live session… shows the link.".into();
                    self.show_modal(Modal::Live(Box::new(LiveDialog::Session)));
                }
            }
            Event::Arrived(arrival) => self.arrived(arrival),
            Event::Connected(up) => {
                live.connected = up;
                self.window.status = if up {
                    "Connected again: edits made meanwhile are merged.".into()
                } else {
                    "The sync server cannot be reached: edits are kept and sent when it can.".into()
                };
            }
            Event::People(people) => live.people = people,
            Event::Failed(why) => {
                self.live = None;
                self.show_error(format!("The live session ended: {why}\n\nThe map stays open as it is."));
            }
        }
    }

    /// The map as the others left it: in the open map's place when joining, else taken in as
    /// one edit that is not the user's to undo.
    fn arrived(&mut self, arrival: Box<crate::live::session::Arrival>) {
        let Some(live) = self.live.as_mut() else { return };
        if live.joining {
            live.joining = false;
            live.session.took(&arrival);
            self.replace_document(arrival.map, None, true);
            self.window.status = "Joined the live map: save it to keep a copy of your own.".into();
        } else {
            let before = self.doc.map().conflicts().len();
            let edit = crate::edit::reconcile_all(self.doc.map(), &arrival.map);
            match self.doc.apply_remote(edit) {
                Ok(()) => live.session.took(&arrival),
                Err(e) => self.window.status = format!("Others' edits could not be taken in: {e}"),
            }
            let after = self.doc.map().conflicts().len();
            if after > before {
                self.window.status = format!(
                    "{}: two people changed the same thing at once; both versions are kept.",
                    crate::printable::count(after - before, "conflict")
                );
            }
        }
        if let Some(note) = arrival.notes.first() {
            self.window.status = crate::printable::line(note, 200);
        }
        if let Some(live) = self.live.as_mut() {
            live.sent = self.doc.stamp();
        }
    }

    /// Draws the live dialog; keeps it while it stays open.
    pub(super) fn live_dialog(&mut self, ctx: &egui::Context, mut dialog: Box<LiveDialog>) -> Option<Modal> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("live")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            answer = match dialog.as_mut() {
                LiveDialog::Share { server, name } => share_form(ui, server, name),
                LiveDialog::Join(joining) => join_form(ui, joining),
                LiveDialog::Session => self.live.as_ref().and_then(|l| session_view(ui, l)),
            };
        });
        let closed = modal.should_close() && answer.is_none();
        match (answer, *dialog) {
            (Some(Answer::Go), LiveDialog::Share { server, name }) => {
                let map = self.doc.snapshot();
                self.start_live(&server, Start::Share(map), &name, false, ctx);
                None
            }
            (Some(Answer::Go), LiveDialog::Join(joining)) => {
                self.join_live(Some(joining), ctx);
                None
            }
            (Some(Answer::Leave), _) => {
                self.leave_live("Left the live session; the map stays open as it is.");
                None
            }
            (Some(Answer::Close | Answer::Go), _) => None,
            (None, dialog) if !closed => Some(Modal::Live(Box::new(dialog))),
            (None, _) => None,
        }
    }
}

/// What the live dialog's buttons say.
enum Answer {
    Go,
    Leave,
    Close,
}

/// Share live: the server, the name, Share or Cancel.
fn share_form(ui: &mut egui::Ui, server: &mut String, name: &mut String) -> Option<Answer> {
    ui.heading("Share live");
    ui.label(
        "The map goes on a sync server; everyone with its link sees each other's edits as they are made.",
    );
    fields(ui, &mut [("Sync server", server), ("Your name", name)]);
    ui.weak("No server? Run `argmap serve` on a machine everyone can reach.");
    buttons(ui, "Share", !server.trim().is_empty())
}

/// Join live: the link, the server, the name, Join or Cancel.
fn join_form(ui: &mut egui::Ui, joining: &mut Joining) -> Option<Answer> {
    ui.heading("Join live");
    ui.label("The live map opens in this window's place; save it to keep a copy of your own.");
    let Joining { server, link, name } = joining;
    fields(ui, &mut [("Link", link), ("Sync server", server), ("Your name", name)]);
    let ready = crate::live::net::parse_link(link).is_ok() && !server.trim().is_empty();
    if !link.trim().is_empty() && crate::live::net::parse_link(link).is_err() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            "That is not a live map's link (they begin automerge:).",
        );
    }
    buttons(ui, "Join", ready)
}

/// Labelled text fields, one per row.
fn fields(ui: &mut egui::Ui, rows: &mut [(&str, &mut String)]) {
    egui::Grid::new("live-fields").num_columns(2).show(ui, |ui| {
        for (label, value) in rows.iter_mut() {
            let id = ui.label(*label).id;
            ui.add(egui::TextEdit::singleline(*value).desired_width(380.0)).labelled_by(id);
            ui.end_row();
        }
    });
}

/// The dialog's go button (enabled when `ready`) and Cancel.
fn buttons(ui: &mut egui::Ui, go: &str, ready: bool) -> Option<Answer> {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new(go)).clicked() {
            return Some(Answer::Go);
        }
        ui.button("Cancel").clicked().then_some(Answer::Close)
    })
    .inner
}

/// The session: its link to copy, the server, who is in it; Leave or Close.
fn session_view(ui: &mut egui::Ui, live: &Live) -> Option<Answer> {
    ui.heading("Live session");
    match &live.link {
        Some(link) => {
            ui.label("Others join with this link (File > Join live…):");
            ui.horizontal(|ui| {
                let mut shown = link.as_str();
                ui.add(egui::TextEdit::singleline(&mut shown).desired_width(420.0));
                if ui.button("Copy link").clicked() {
                    ui.ctx().copy_text(link.clone());
                }
            });
            ui.weak("The link is the key: anyone who has it and can reach the server can read and change the map.");
        }
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Putting the map on the server…");
            });
        }
    }
    let state = if live.connected { "connected" } else { "not reachable now; edits wait" };
    ui.label(format!("Server: {} ({state})", crate::printable::line(live.session.server(), 80)));
    people_list(ui, live.session.me(), &live.people);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Leave session").clicked() {
            return Some(Answer::Leave);
        }
        ui.button("Close").clicked().then_some(Answer::Close)
    })
    .inner
}

/// Who is in the session, each in their colour.
pub(super) fn people_list(ui: &mut egui::Ui, me: &Person, others: &[Person]) {
    ui.horizontal_wrapped(|ui| {
        ui.label("In it:");
        for (person, you) in std::iter::once((me, true)).chain(others.iter().map(|p| (p, false))) {
            let [r, g, b] = crate::colors::person(person.id);
            let name = crate::printable::line(&person.name, 40);
            let text = if you { format!("{name} (you)") } else { name };
            let colour = egui::Color32::from_rgb(r, g, b);
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 5.0, colour);
            ui.label(egui::RichText::new(text).color(colour));
        }
    });
}
