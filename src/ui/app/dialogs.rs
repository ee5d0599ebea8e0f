//! The modal dialogs: one at a time, as a type ([`Modal`]), so what may be open together follows
//! from the type. While one is open the canvas's keys are off.

use super::App;
use crate::model::StatementId;
use crate::printable::plural;
use crate::ui::action::Pending;
use crate::ui::files::{Chooser, Chosen, FileUse};
use crate::ui::recovery;
use std::path::PathBuf;

/// The dialog open over the window.
pub enum Modal {
    /// A recovery copy found at start: Restore or Discard.
    Restore(Box<recovery::Found>),
    /// An error, until dismissed.
    Error(String),
    /// What an import or export could only approximate: a heading and its lines.
    Report(String, Vec<String>),
    /// "Save changes?" before the waiting action.
    SaveChanges(Pending),
    /// argmap's own file dialog.
    Choose(Box<Chooser>),
    /// A file the built-in dialog would write over, waiting for Replace or Cancel.
    Replace(FileUse, PathBuf),
    /// Statements to delete that others hang from: the whole branch, keep the premises, or
    /// cancel.
    Delete(Box<Deleting>),
    /// A document read for a new map (File ▸ New map from document), with Cancel.
    Reading(Box<super::documents::Background>),
    /// The argument scheme of an argument being chosen.
    Scheme(Box<super::questions::Choosing>),
    /// Someone saved the map's file meanwhile: merge now or later.
    ChangedOnDisk(Box<super::shared::OnDiskChange>),
    /// Sharing or joining a live map, or the session's link and people.
    Live(Box<super::live::LiveDialog>),
}

/// A deletion waiting for its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleting {
    /// The statements the user deletes.
    pub ids: Vec<StatementId>,
    /// Them and all that hangs from them only (in map order).
    pub branch: Vec<StatementId>,
    /// For one statement: where what argues about it can go instead, or why it cannot go
    /// anywhere without changing what it says (`None` for several statements).
    pub keep: Option<Result<StatementId, crate::edit::KeepRefused>>,
}

impl App {
    /// Draws the open dialog and acts on its answer.
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else { return };
        let kept = match modal {
            Modal::Restore(found) => self.restore(ctx, found),
            Modal::ChangedOnDisk(change) => self.changed_on_disk_dialog(ctx, change),
            Modal::Error(message) => {
                let answered = question(ctx, "error", "Something went wrong", &message, &["OK"], Some(0));
                answered.is_none().then_some(Modal::Error(message))
            }
            Modal::Report(heading, lines) => {
                report(ctx, &heading, &lines).then_some(Modal::Report(heading, lines))
            }
            Modal::SaveChanges(action) => self.save_changes(ctx, action),
            Modal::Choose(chooser) => self.choose(ctx, chooser),
            Modal::Replace(purpose, path) => self.replace(ctx, purpose, path),
            Modal::Delete(deleting) => self.confirm_delete(ctx, deleting),
            Modal::Reading(job) => self.reading(ctx, job),
            Modal::Scheme(choosing) => self.scheme_dialog(ctx, choosing),
            Modal::Live(dialog) => self.live_dialog(ctx, dialog),
        };
        // The answer may have opened another dialog (an error, the file dialog); else keep this one.
        if self.modal.is_none() {
            self.modal = kept;
        }
    }

    fn restore(&mut self, ctx: &egui::Context, found: Box<recovery::Found>) -> Option<Modal> {
        let message = format!(
            "argmap did not close cleanly. Unsaved changes to {} ({} statements) were kept {}.",
            found.name(),
            found.map.statement_count(),
            found.age()
        );
        match question(ctx, "restore", "Restore unsaved work?", &message, &["Restore", "Discard"], None) {
            Some(0) => {
                let found = *found;
                // This session's copy first, then the old one goes: a crash between keeps one.
                let copied = self.recover_now(&found);
                self.replace_document(found.map, found.original, true);
                self.window.status = match copied {
                    Ok(()) => "Restored the unsaved work; save it to keep it.".into(),
                    Err(e) => {
                        format!("Restored the unsaved work; save it to keep it (its recovery copy: {e}).")
                    }
                };
                None
            }
            Some(_) => {
                self.forget_recovered(&found);
                None
            }
            None => Some(Modal::Restore(found)),
        }
    }

    fn save_changes(&mut self, ctx: &egui::Context, action: Pending) -> Option<Modal> {
        let message = format!("\"{}\" has unsaved changes. Save them before you go on?", self.doc.name());
        match question(ctx, "unsaved", "Save changes?", &message, &["Save", "Discard", "Cancel"], Some(2)) {
            Some(0) => {
                self.save(false, Some(action), ctx);
                None
            }
            Some(1) => {
                self.perform(action, ctx);
                None
            }
            Some(_) => None,
            None => Some(Modal::SaveChanges(action)),
        }
    }

    /// The built-in file dialog: uses the file once chosen; a file it would write over asks
    /// first (the desktop's dialogs ask themselves).
    fn choose(&mut self, ctx: &egui::Context, mut chooser: Box<Chooser>) -> Option<Modal> {
        let chosen = chooser.show(ctx);
        match chosen {
            Chosen::Waiting => Some(Modal::Choose(chooser)),
            Chosen::Cancelled => {
                self.window.status = "No file chosen.".into();
                None
            }
            Chosen::File(path) => {
                let folder = path.parent().unwrap_or(chooser.folder());
                self.settings.used_folder(&chooser.purpose, folder);
                let own_file = self.doc.path() == Some(path.as_path());
                if chooser.purpose.writes() && path.exists() && !own_file {
                    return Some(Modal::Replace(chooser.purpose, path));
                }
                self.file_chosen(chooser.purpose, path, ctx);
                None
            }
        }
    }

    fn replace(&mut self, ctx: &egui::Context, purpose: FileUse, path: PathBuf) -> Option<Modal> {
        let message = format!("{} already exists. Replace it?", path.display());
        match question(ctx, "overwrite", "Replace the file?", &message, &["Replace", "Cancel"], Some(1)) {
            Some(0) => {
                self.file_chosen(purpose, path, ctx);
                None
            }
            Some(_) => {
                self.window.status = "Nothing written.".into();
                None
            }
            None => Some(Modal::Replace(purpose, path)),
        }
    }
}

impl App {
    /// A document being read for a new map: a spinner and Cancel until it is read, then the new
    /// map (or the error, the current map kept).
    fn reading(&mut self, ctx: &egui::Context, job: Box<super::documents::Background>) -> Option<Modal> {
        if let Some(text) = job.poll() {
            self.document_read(&job.path, text);
            return None;
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        egui::Modal::new(egui::Id::unique("reading")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Reading the document");
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(job.path.display().to_string());
            });
            ui.weak("HTML and PDF are read apart from the map: one that takes too long or too much memory is stopped, and the open map stays as it is.");
            if ui.button("Cancel").clicked() {
                job.cancel();
            }
        });
        Some(Modal::Reading(job))
    }

    fn confirm_delete(&mut self, ctx: &egui::Context, d: Box<Deleting>) -> Option<Modal> {
        let map = self.doc.map();
        let text = |id: &StatementId| {
            map.statement(id).map(|s| crate::ui::panel::short(&s.text)).unwrap_or_default()
        };
        let hanging = d.branch.len() - d.ids.len();
        let what = match d.ids.as_slice() {
            [one] => format!("\"{}\" has {hanging} statement{} hanging from it", text(one), plural(hanging)),
            more => format!("{} statements have {hanging} more hanging from them", more.len()),
        };
        let whole = format!("Delete the whole branch ({} statements)", d.branch.len());
        let keep = match &d.keep {
            Some(Ok(c)) => Some(format!("Keep them: attach them to \"{}\"", text(c))),
            _ => None,
        };
        let mut message = format!(
            "{what} (reasons and objections that argue about nothing else). Delete them too, or keep them?"
        );
        if let Some(Err(why)) = &d.keep {
            message = format!(
                "{what} (reasons and objections that argue about nothing else). They cannot be kept: {}.",
                why.explain(text)
            );
        }
        let mut buttons = vec![whole.as_str()];
        buttons.extend(keep.as_deref());
        buttons.push("Cancel");
        let cancel = buttons.len() - 1;
        match question(ctx, "delete", "Delete a branch?", &message, &buttons, Some(cancel)) {
            Some(i) if i == cancel => {
                self.window.status = "Nothing deleted.".into();
                None
            }
            Some(i) => {
                self.delete_now(&d, i == 1);
                None
            }
            None => Some(Modal::Delete(d)),
        }
    }
}

/// A report: a heading and its lines, with OK. True while it stays open.
fn report(ctx: &egui::Context, heading: &str, lines: &[String]) -> bool {
    let modal = egui::Modal::new(egui::Id::unique("report")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(heading);
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for line in lines {
                ui.label(line);
            }
        });
        ui.add_space(8.0);
        ui.button("OK").clicked()
    });
    !(modal.inner || modal.should_close())
}

/// A modal question: a heading, a message and a row of buttons. Returns the index of the button
/// clicked this frame; closing the modal (Escape, a click beside it) answers `on_close`, if given.
pub(super) fn question(
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
