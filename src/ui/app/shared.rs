//! A map in a shared folder (issue 37): another person, or another window, may save its file
//! while it is open here. Nothing they saved is written over: a change on disk is noticed
//! (the file's size and time, looked at every [`WATCH_EVERY`]) and offered for merging, and Save
//! merges it in first in any case, three-way with `versions::merge` (the version this window
//! last read or wrote as base), as one undoable step, the compare view showing what came in.

use super::*;
use crate::io;
use crate::ui::document::{self, file_stamp};
use std::path::Path;

/// How often the open map's file is looked at.
pub const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// The file's state as last looked at.
#[derive(Default)]
pub(super) struct Watch {
    /// When the file was last looked at.
    last: Option<std::time::Instant>,
    /// The file's size and time when it was last read (a change is offered once).
    offered: Option<(u64, std::time::SystemTime)>,
}

/// A change someone saved to the file, read.
pub struct OnDiskChange {
    /// The map the file holds now.
    pub theirs: ArgumentMap,
    /// The file's size and time.
    pub stamp: Option<(u64, std::time::SystemTime)>,
    /// The SHA-256 of its bytes.
    pub digest: Option<document::Digest>,
}

impl App {
    /// Every [`WATCH_EVERY`], whether the file changed on disk: a change not offered yet is
    /// offered for merging (never applied or ignored silently).
    pub(super) fn watch_file(&mut self, ctx: &egui::Context) {
        if self.doc.path().is_none() {
            return;
        }
        ctx.request_repaint_after(WATCH_EVERY);
        // Between looks a frame does nothing here: no path copied, no file asked.
        if self.watch.last.is_some_and(|t| t.elapsed() < WATCH_EVERY) || self.modal.is_some() {
            return;
        }
        self.watch.last = Some(std::time::Instant::now());
        let Some(path) = self.doc.path().map(Path::to_path_buf) else { return };
        let now = file_stamp(&path);
        if now.is_none() || now == self.watch.offered {
            return;
        }
        match self.changed_on_disk(&path) {
            Ok(Some(change)) => {
                self.watch.offered = change.stamp;
                self.show_modal(Modal::ChangedOnDisk(Box::new(change)));
            }
            // Looked at: not read again until it changes.
            Ok(None) => self.watch.offered = now,
            Err(why) => {
                self.watch.offered = now;
                self.window.status = why;
            }
        }
    }

    /// What the file holds now if someone saved it since this window read or wrote it (`None`:
    /// no change); an error when it can no longer be read as a map.
    pub(super) fn changed_on_disk(&self, path: &Path) -> Result<Option<OnDiskChange>, String> {
        let same_file = self.doc.path().is_some_and(|p| p == crate::ui::settings::absolute(path));
        let Some(base) = self.doc.on_disk().filter(|_| same_file) else { return Ok(None) };
        let stamp = file_stamp(path);
        if stamp.is_none() || base.unchanged(stamp) {
            return Ok(None); // gone (a save writes it anew), or untouched since
        }
        // Read as bytes first: the same bytes as remembered are the same map, and nothing is
        // parsed (a huge map's file would take most of a second and its memory).
        let read = io::read_bytes(path).map(|bytes| (document::digest(&bytes), bytes));
        if let Ok((digest, _)) = &read
            && base.digest.as_ref() == Some(digest)
        {
            return Ok(None);
        }
        let theirs = read.and_then(|(digest, bytes)| {
            io::load_bytes(&bytes, &path.display().to_string()).map(|map| (map, digest))
        });
        let (theirs, digest) = match theirs {
            Ok(theirs) => theirs,
            // Its size and time are as remembered: unchanged as far as anyone can tell, and what
            // kept it from being read (no file handle left, say) is the save's to report.
            Err(_) if base.same_stamp(stamp) => return Ok(None),
            Err(e) => {
                return Err(format!(
                    "{} changed on disk and cannot be read as a map now: {e}. Save As keeps your work in another file.",
                    path.display()
                ));
            }
        };
        Ok((theirs != *base.map).then_some(OnDiskChange { theirs, stamp, digest: Some(digest) }))
    }

    /// Merges what someone saved into the map, as one undoable step, and shows what came in;
    /// returns what to say.
    pub(super) fn merge_from_disk(&mut self, change: OnDiskChange) -> Result<String, String> {
        let Some(base) = self.doc.on_disk().cloned() else { return Err("nothing to merge with".into()) };
        let ours = self.doc.map().clone();
        let merged = crate::versions::merge(&base.map, &ours, &change.theirs);
        let conflicts = merged.conflicts.len();
        let edit = crate::edit::Edit::ReplaceMap { map: Box::new(merged.map) };
        self.doc
            .apply(edit, "merge the changes saved to the file meanwhile")
            .map_err(|e| format!("merging the changes on disk failed: {e}"))?;
        self.doc.remember_disk_as(change.theirs, (change.stamp, change.digest));
        self.watch.offered = change.stamp;
        let against = "your version before the changes on disk came in".to_owned();
        let c = crate::ui::compare::Comparison::new(against, ours, self.doc.map(), self.doc.stamp());
        let n = c.diff.changes.len();
        self.comparison = Some(c);
        let conflicts = match conflicts {
            0 => String::new(),
            n => format!(", {n} conflict{} to settle (⚠ on the map)", if n == 1 { "" } else { "s" }),
        };
        Ok(format!(
            "Someone saved the file meanwhile: their {n} change{} came in{conflicts}; F8 steps through them, Ctrl+Z takes them out.",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// Before writing over the map's own file: what someone saved to it meanwhile is merged in
    /// first. Returns what to say when something came in; an error (nothing is written) when
    /// the file can no longer be read as a map.
    pub(super) fn take_in_changes_on_disk(&mut self, path: &Path) -> Result<Option<String>, String> {
        let change = self.changed_on_disk(path).map_err(|e| format!("{e}\n\nNothing was written."))?;
        let Some(change) = change else { return Ok(None) };
        let said = self.merge_from_disk(change).map_err(|e| format!("{e}. Nothing was written."))?;
        Ok(Some(format!("Saved {}. {said}", path.display())))
    }

    /// The question when the file changed on disk: merge now, or later (Save merges anyway).
    pub(super) fn changed_on_disk_dialog(
        &mut self,
        ctx: &egui::Context,
        change: Box<OnDiskChange>,
    ) -> Option<Modal> {
        let name = self.doc.name();
        let message = format!(
            "Someone saved {name} since you opened it. Merge their changes into yours now? (Save merges them in any case; nothing of theirs is written over.)"
        );
        match dialogs::question(
            ctx,
            "on-disk",
            "The file changed on disk",
            &message,
            &["Merge now", "Later"],
            Some(1),
        ) {
            Some(0) => {
                self.window.status = self.merge_from_disk(*change).unwrap_or_else(|e| e);
                None
            }
            Some(_) => {
                self.window.status = format!("{name} changed on disk: Save will merge the changes in.");
                None
            }
            None => Some(Modal::ChangedOnDisk(change)),
        }
    }
}
