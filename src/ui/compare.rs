//! File ▸ Compare with: the map beside another version of it. [`Comparison`] holds the other
//! version and what changed since (made again whenever the map changes); the canvas colours the
//! boxes by it and hangs the statements the map no longer has, as ghosts, on the box they hung
//! from; [`show`] lists the changes and steps through them (F8, Shift+F8). A panel: it reads
//! and proposes.

use super::action::Action;
use super::command::Command;
use super::document::Stamp;
use crate::model::{ArgumentMap, RelationKind, StatementId};
use crate::versions::{Change, Diff, Joins, Words};
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
    pub key: Stamp,
}

impl Comparison {
    /// The map compared with `old`.
    pub fn new(against: String, old: ArgumentMap, map: &ArgumentMap, key: Stamp) -> Self {
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
    pub fn refresh(&mut self, map: &ArgumentMap, key: Stamp) {
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

impl Comparison {
    /// Draws the changes panel.
    pub fn ui(&self, ui: &mut egui::Ui, map: &ArgumentMap, actions: &mut Vec<Action>) {
        show(ui, map, self, actions);
    }
}

/// The changes panel: what the map is compared with, the changes in words (a click selects the
/// statement), stepping, and stopping.
fn show(ui: &mut egui::Ui, map: &ArgumentMap, c: &Comparison, actions: &mut Vec<Action>) {
    ui.heading("Changes");
    ui.label(format!("Since {}:", c.against));
    let d = &c.diff;
    let count = |f: fn(&Change) -> bool| d.changes.iter().filter(|x| f(x)).count();
    ui.weak(format!(
        "{} added, {} removed, {} reworded, {} moved; {} change{} in all",
        count(|x| matches!(x, Change::Added { .. })),
        count(|x| matches!(x, Change::Removed { .. })),
        count(|x| matches!(x, Change::Reworded { .. })),
        count(|x| matches!(x, Change::Moved { .. })),
        d.changes.len(),
        crate::printable::plural(d.changes.len())
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
        let said = Said { map, old: &c.old };
        for (i, change) in d.changes.iter().enumerate() {
            let line = said.change(ui, change);
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
                let line = format!(
                    "The {} {} went from {} to {}.",
                    e.role,
                    said.name(&e.id),
                    e.old.as_str(),
                    e.new.as_str()
                );
                if ui.selectable_label(false, line).clicked() {
                    actions.push(Action::Select(e.id.clone()));
                }
            }
        }
    });
}

/// The changes in the user's words: statements named by their first words (from the map, or the
/// other version for one it no longer has), relations by the verb of their kind, a rewording as
/// its words struck through and put in.
struct Said<'a> {
    map: &'a ArgumentMap,
    old: &'a ArgumentMap,
}

impl Said<'_> {
    /// A statement by its first words, in quotes.
    fn name(&self, id: &StatementId) -> String {
        let text = self.map.statement(id).or_else(|| self.old.statement(id)).map(|s| s.text.as_str());
        crate::printable::named(text.unwrap_or(id.as_str()))
    }

    /// Statements by their first words: “a”, “b” and “c”.
    fn names(&self, ids: &[StatementId]) -> String {
        let named: Vec<String> = ids.iter().map(|id| self.name(id)).collect();
        match named.as_slice() {
            [] => "nothing".into(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    /// What a relation says: “a” supports “c”, “u” objects to the inference to “c”.
    fn relation(&self, j: &Joins, kind: RelationKind) -> String {
        let verb = match (kind, j.premises.len() > 1) {
            (RelationKind::Support, false) => "supports",
            (RelationKind::Support, true) => "together support",
            (RelationKind::Objection, false) => "objects to",
            (RelationKind::Objection, true) => "together object to",
        };
        let about = j.about.as_ref().map_or("nothing".into(), |a| self.name(a));
        let about = if j.undercut { format!("the inference to {about}") } else { about };
        format!("{} {verb} {about}", self.names(&j.premises))
    }

    /// One change as a line of the panel: its sentence, a rewording with its words struck
    /// through and put in.
    fn change(&self, ui: &egui::Ui, change: &Change) -> egui::WidgetText {
        match change {
            Change::Reworded { old, new, .. } => reworded(ui, old, new),
            other => self.sentence(other).into(),
        }
    }

    /// One change as a sentence.
    fn sentence(&self, change: &Change) -> String {
        let kind = |k: &str| if k == "support" { RelationKind::Support } else { RelationKind::Objection };
        let or_none = |t: &Option<String>| t.clone().unwrap_or_else(|| "none".into());
        match change {
            Change::Title { new, .. } => format!("The question is now \u{201c}{new}\u{201d}."),
            Change::Added { id, role, under, .. } => match under {
                Some(u) => format!("Added the {role} {} under {}.", self.name(id), self.name(u)),
                None => format!("Added the {role} {}.", self.name(id)),
            },
            Change::Removed { id, role, .. } => format!("Removed the {role} {}.", self.name(id)),
            Change::Reworded { old, new, .. } => {
                format!("Reworded {} as {}.", crate::printable::named(old), crate::printable::named(new))
            }
            Change::Moved { id, from, to } => format!(
                "Moved {} from under {} to under {}.",
                self.name(id),
                from.as_ref().map_or("nothing".into(), |f| self.name(f)),
                to.as_ref().map_or("nothing".into(), |t| self.name(t))
            ),
            Change::Source { id, .. } => format!("Changed the source of {}.", self.name(id)),
            Change::Note { id, .. } => format!("Changed the note on {}.", self.name(id)),
            Change::Pin { id } => format!("Placed {} by hand elsewhere.", self.name(id)),
            Change::RelationAdded { joins, .. } => format!("Now {}.", self.relation(joins, joins.kind)),
            Change::RelationRemoved { joins, .. } => {
                format!("No longer: {}.", self.relation(joins, joins.kind))
            }
            Change::Flipped { joins, old, .. } => format!(
                "Switched: {} (it {} it before).",
                self.relation(joins, joins.kind),
                if kind(old) == RelationKind::Support { "supported" } else { "objected to" }
            ),
            Change::Premises { joins, added, removed, .. } => format!(
                "Now {}: {} added, {} taken out.",
                self.relation(joins, joins.kind),
                self.names(added),
                self.names(removed)
            ),
            Change::Rated { joins, old, new, .. } => format!(
                "Rated {} (was {}): {}.",
                or_none(new),
                or_none(old),
                self.relation(joins, joins.kind)
            ),
            Change::Described { joins, .. } => {
                format!("Retitled or described: {}.", self.relation(joins, joins.kind))
            }
            Change::Scheme { joins, new, .. } => match new {
                Some(scheme) => format!("Scheme “{scheme}” named: {}.", self.relation(joins, joins.kind)),
                None => format!("Scheme no longer named: {}.", self.relation(joins, joins.kind)),
            },
            Change::Doubted { joins, old, new, .. } => format!(
                "What-if: {} of its critical questions doubted (was {}): {}.",
                new.len(),
                old.len(),
                self.relation(joins, joins.kind)
            ),
            Change::Mark { id, new, .. } => match new {
                Some(mark) => format!("What-if: {} {mark}.", self.name(id)),
                None => format!("What-if mark cleared on {}.", self.name(id)),
            },
            Change::Group { id, new, .. } => match new {
                Some(group) => format!("{} is now in the group \u{201c}{group}\u{201d}.", self.name(id)),
                None => format!("{} is now in no group.", self.name(id)),
            },
            Change::Conflicts { old, new } => format!("Unresolved conflicts: {old} before, {new} now."),
        }
    }
}

/// A change of the comparison `c` with `map` as one sentence in the user's words (the status
/// line's, as F8 steps through them).
pub fn sentence(map: &ArgumentMap, c: &Comparison, change: &Change) -> String {
    Said { map, old: &c.old }.sentence(change)
}

/// A rewording as the user reads one on paper: the words taken out struck through, the words
/// put in underlined, in the text's colours.
fn reworded(ui: &egui::Ui, old: &str, new: &str) -> egui::WidgetText {
    let style = ui.style();
    let font = egui::TextStyle::Body.resolve(style);
    let plain = ui.visuals().text_color();
    let gone = ui.visuals().error_fg_color;
    let added = Kind::Reworded.colour();
    let mut job = egui::text::LayoutJob::default();
    let format =
        |color: egui::Color32| egui::TextFormat { font_id: font.clone(), color, ..Default::default() };
    job.append("Reworded: ", 0.0, format(plain));
    for (words, run) in crate::versions::word_changes(old, new) {
        let mut f = format(plain);
        match words {
            Words::Kept => {}
            Words::Gone => {
                f.color = gone;
                f.strikethrough = egui::Stroke::new(1.0, gone);
            }
            Words::New => {
                f.color = added;
                f.underline = egui::Stroke::new(1.0, added);
            }
        }
        job.append(&run, 0.0, f);
    }
    job.into()
}
