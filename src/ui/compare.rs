//! File ▸ Compare with: the map beside another version of it. [`Comparison`] holds the other
//! version and what changed since (made again whenever the map changes); the canvas colours the
//! boxes by it and hangs the statements the map no longer has, as ghosts, on the box they hung
//! from; [`show`] lists the changes and steps through them (F8, Shift+F8). A panel: it reads
//! and proposes.

use super::action::Action;
use super::command::Command;
use crate::model::{ArgumentMap, StatementId};
use crate::versions::{Change, Diff, change_line};
use egui::Color32;
use std::collections::HashMap;

/// How a statement of the map differs from the other version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The other version does not have it.
    Added,
    /// Its text changed.
    Reworded,
    /// It hangs under another statement.
    Moved,
    /// Something else of it changed (source, note, mark, group, place).
    Changed,
}

impl Kind {
    /// The word on its tag.
    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Reworded => "reworded",
            Self::Moved => "moved",
            Self::Changed => "changed",
        }
    }

    /// The colour of its tag and outline: distinct from the roles' green, red and orange.
    pub fn colour(self) -> Color32 {
        match self {
            Self::Added => Color32::from_rgb(0x15, 0x65, 0xc0),
            Self::Reworded => Color32::from_rgb(0x8e, 0x24, 0xaa),
            Self::Moved => Color32::from_rgb(0x00, 0x83, 0x8f),
            Self::Changed => Color32::from_rgb(0x5d, 0x67, 0x7a),
        }
    }
}

/// The map compared with another version of it.
#[derive(Debug)]
pub struct Comparison {
    /// What the other version is, in words ("the last saved version", a file name).
    pub against: String,
    /// The other version.
    pub old: ArgumentMap,
    /// What changed from it to the map.
    pub diff: Diff,
    /// The map's statements that changed, and how (the strongest change first).
    pub marks: HashMap<StatementId, Kind>,
    /// Statements only the other version has, by the statement of the map they hung from.
    pub ghosts: HashMap<StatementId, Vec<String>>,
    /// The change shown last (an index into `diff.changes`).
    pub step: Option<usize>,
    /// The document (generation, version) the diff was made against.
    pub key: (u64, u64),
}

impl Comparison {
    /// The map compared with `old`.
    pub fn new(against: String, old: ArgumentMap, map: &ArgumentMap, key: (u64, u64)) -> Self {
        let mut c = Self {
            against,
            old,
            diff: Diff::default(),
            marks: HashMap::new(),
            ghosts: HashMap::new(),
            step: None,
            key,
        };
        c.refresh(map, key);
        c
    }

    /// Compares again with the map as it is now.
    pub fn refresh(&mut self, map: &ArgumentMap, key: (u64, u64)) {
        self.diff = crate::versions::diff(&self.old, map);
        self.key = key;
        self.marks.clear();
        self.ghosts.clear();
        for change in &self.diff.changes {
            let (id, kind) = match change {
                Change::Added { id, .. } => (id, Kind::Added),
                Change::Reworded { id, .. } => (id, Kind::Reworded),
                Change::Moved { id, .. } => (id, Kind::Moved),
                Change::Removed { id, text, .. } => {
                    let parent = self.old.parent_of(id).filter(|p| map.contains(p));
                    if let Some(p) = parent {
                        self.ghosts.entry(p.clone()).or_default().push(text.clone());
                    }
                    continue;
                }
                other => match Diff::statement_of(other) {
                    Some(id) => (id, Kind::Changed),
                    None => continue,
                },
            };
            let strongest = |a: Kind, b: Kind| if (a as u8) <= (b as u8) { a } else { b };
            let mark = self.marks.entry(id.clone()).or_insert(kind);
            *mark = strongest(*mark, kind);
        }
        self.step = self.step.filter(|&s| s < self.diff.changes.len());
    }

    /// The change `by` steps from the one shown (wrapping round) that names a statement of the
    /// map, if any.
    pub fn next(&self, map: &ArgumentMap, by: isize) -> Option<(usize, StatementId)> {
        let n = self.diff.changes.len() as isize;
        let from = self.step.map_or(if by > 0 { -1 } else { n }, |s| s as isize);
        (1..=n).find_map(|k| {
            let at = (from + by * k).rem_euclid(n.max(1)) as usize;
            let change = self.diff.changes.get(at)?;
            let id = match change {
                Change::Removed { id, .. } => self.old.parent_of(id).filter(|p| map.contains(p))?,
                other => Diff::statement_of(other).filter(|id| map.contains(id))?,
            };
            Some((at, id.clone()))
        })
    }
}

/// The changes panel: what the map is compared with, the changes in words (a click selects the
/// statement), stepping, and stopping.
pub fn show(ui: &mut egui::Ui, c: &Comparison, actions: &mut Vec<Action>) {
    ui.heading("Changes");
    ui.label(format!("Since {}:", c.against));
    let d = &c.diff;
    let count = |f: fn(&Change) -> bool| d.changes.iter().filter(|x| f(x)).count();
    ui.weak(format!(
        "{} added, {} removed, {} reworded, {} moved; {} changes in all",
        count(|x| matches!(x, Change::Added { .. })),
        count(|x| matches!(x, Change::Removed { .. })),
        count(|x| matches!(x, Change::Reworded { .. })),
        count(|x| matches!(x, Change::Moved { .. })),
        d.changes.len()
    ));
    ui.horizontal(|ui| {
        for command in [Command::PreviousChange, Command::NextChange, Command::CloseComparison] {
            if command.button(ui, None, true, command == Command::CloseComparison || !d.changes.is_empty()) {
                actions.push(Action::Command(command));
            }
        }
    });
    ui.separator();
    if d.is_empty() {
        ui.label("No changes: the two versions hold the same map.");
        return;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (i, change) in d.changes.iter().enumerate() {
            let line = change_line(change);
            let shown = c.step == Some(i);
            let response = ui.selectable_label(shown, line);
            if shown && response.changed() {
                response.scroll_to_me(None);
            }
            if response.clicked()
                && let Some(id) = Diff::statement_of(change)
            {
                actions.push(Action::Select(id.clone()));
            }
        }
        if !d.evaluation.is_empty() {
            ui.separator();
            ui.strong("Evaluation");
            for e in &d.evaluation {
                let line =
                    format!("the {} {} went from {} to {}", e.role, e.id, e.old.as_str(), e.new.as_str());
                if ui.selectable_label(false, line).clicked() {
                    actions.push(Action::Select(e.id.clone()));
                }
            }
        }
    });
}
