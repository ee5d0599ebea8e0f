//! The app's side of comparing the map with another version: reading that version, keeping the
//! comparison in step with the map, stepping through the changes.

use super::App;
use crate::io;
use crate::ui::compare::Comparison;
use std::path::Path;

impl App {
    /// Compares the map with the map in the file at `path` (`against` says what it is).
    pub(super) fn compare_with(&mut self, path: &Path, against: String) {
        match io::load_path(path) {
            Ok(old) => {
                let key = self.doc.stamp();
                let c = Comparison::new(against, old, self.doc.map(), key);
                let n = c.diff.changes.len();
                let s = crate::printable::plural(n);
                self.window.status = format!("Comparing with {}: {n} change{s}.", c.against);
                self.comparison = Some(c);
            }
            Err(e) => self.show_error(format!("Could not read the version to compare with.\n\n{e}")),
        }
    }

    /// Compares the map with its file as last saved.
    pub(super) fn compare_saved(&mut self) {
        match self.doc.path().map(std::path::Path::to_path_buf) {
            Some(path) => self.compare_with(&path, "the last saved version".into()),
            None => {
                self.window.status =
                    "The map has not been saved yet: there is no saved version to compare with.".into()
            }
        }
    }

    /// Makes the comparison again after the map changed.
    pub(super) fn refresh_comparison(&mut self) {
        let key = self.doc.stamp();
        if let Some(c) = self.comparison.as_mut().filter(|c| c.key != key) {
            c.refresh(self.doc.map(), key);
        }
    }

    /// Selects the next (`by` 1) or previous (-1) change's statement and brings it into view.
    pub(super) fn step_change(&mut self, by: isize) {
        let Some(c) = self.comparison.as_mut() else {
            self.window.status = "Nothing is being compared: File > Compare with… first.".into();
            return;
        };
        match c.next(self.doc.map(), by) {
            Some((at, id)) => {
                c.step = Some(at);
                let line = crate::ui::compare::sentence(self.doc.map(), c, &c.diff.changes[at]);
                self.window.status = format!("Change {} of {}: {line}", at + 1, c.diff.changes.len());
                self.view.select(id);
            }
            None => self.window.status = "No change to show on the map.".into(),
        }
    }
}
