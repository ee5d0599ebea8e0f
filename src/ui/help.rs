//! The help window (F1, Help ▸ Help): getting started, a keyboard cheat sheet, the mouse, and
//! what the evaluation means. A window that scrolls, so it fits any window size. A panel: it
//! changes only the view (whether it is open).

use super::command::{Command, Sheet};
use super::view::View;

const GETTING_STARTED: &str = "Click a statement to select it. + adds a reason to it, − an objection (on an \
objection: a rebuttal); type the text where the new box appears, Enter keeps it, Esc drops it. C adds a \
co-premise (a reason that works only together with another), U an undercut (an objection to the step from \
a reason to its conclusion). Delete removes a statement; when statements hang from it, argmap asks what to \
do with them. Ctrl+S saves the map as a readable RON file; File > Export makes a PDF, PNG or SVG picture.";

const MOUSE: &str = "Drag the background to pan, Ctrl+scroll to zoom, drag a box to move it (it stays \
where you put it; Unpin gives it back to the layout). Right-click a box for what you can do with it. \
Ctrl-click or Shift-click adds a statement to the selection, Shift-drag on the background selects the \
boxes it touches.";

const EVALUATION: &str = "Each statement gets a label that says whether it stands, on the map as given. \
IN: it stands: nothing stands against it. OUT: it is defeated for now: an objection to it stands, \
unanswered (answer the objection with a rebuttal, −, or reject it, R, and it comes back in). UNDECIDED: \
caught in a cycle of objections. An argument with co-premises needs all of them; an undercut that stands \
disables the argument it objects to (a DISABLED badge marks that argument's arrow where the undercut meets \
it). REJECTED and GIVEN \
are your what-if marks (R, G): try a view without changing the map. So is Doubt beside an open critical \
question in the inspector: until a statement answers it, the argument counts as disabled, as if an undercut \
stood (a DOUBTED badge on its first premise). E hides or shows the evaluation; View, Show open critical \
questions puts a ?N badge on each argument with N questions open.";

const LABEL_AND_VERDICT: &str = "The label and the suggested verdict answer different questions. The label \
is formal: one unanswered objection is enough to put a claim OUT, however weak. The verdict weighs: it \
counts the reasons and objections in effect by how strong you rated them.";

/// Draws the help window while it is open.
pub fn window(ctx: &egui::Context, view: &mut View) {
    let max = ctx.content_rect().size() * egui::vec2(0.9, 0.85);
    egui::Window::new("Help")
        .open(&mut view.help)
        .collapsible(false)
        .resizable(true)
        .default_size([560.0f32.min(max.x), 520.0f32.min(max.y)])
        .max_size(max)
        .vscroll(true)
        .show(ctx, contents);
}

fn contents(ui: &mut egui::Ui) {
    ui.heading("Getting started");
    ui.label(GETTING_STARTED);
    ui.add_space(8.0);
    ui.heading("Keyboard");
    for (sheet, section) in Sheet::SECTIONS {
        ui.strong(section);
        egui::Grid::new(section).num_columns(2).striped(true).show(ui, |ui| {
            for c in Command::on_sheet(sheet) {
                let keys: Vec<String> = c.shortcuts().iter().map(|s| ui.ctx().format_shortcut(s)).collect();
                ui.monospace(keys.join(", "));
                ui.label(c.label());
                ui.end_row();
            }
        });
        ui.add_space(4.0);
    }
    ui.add_space(8.0);
    ui.heading("Mouse");
    ui.label(MOUSE);
    ui.add_space(8.0);
    ui.heading("Evaluation");
    ui.label(EVALUATION);
    ui.label(LABEL_AND_VERDICT);
    ui.weak(crate::eval::VERDICT_RULE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheat_sheet_lists_every_command_with_a_shortcut_once() {
        for &c in Command::ALL {
            let listed = Sheet::SECTIONS.iter().filter(|(sheet, _)| c.sheet() == *sheet).count();
            let expected = usize::from(!c.shortcuts().is_empty());
            assert_eq!(listed, expected, "{c:?}");
        }
    }
}
