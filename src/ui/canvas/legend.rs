//! The legend under the canvas, and the first-run hint.

use super::*;

/// What to do first, in one line docked under the canvas (over no box), until the user has
/// done it.
pub const FIRST_RUN_HINT: &str =
    "Select a statement; + adds a reason, − an objection (Enter keeps it). F1: help";

/// The first-run hint's line.
pub fn first_run_hint(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Start here:").strong());
        ui.label(FIRST_RUN_HINT);
    });
}

/// What the canvas shows besides the map, which the legend explains.
#[derive(Clone, Copy, Debug, Default)]
pub struct Shown {
    /// The evaluation's badges.
    pub eval: bool,
    /// DOUBTED badges (the map doubts a critical question, and the evaluation shows).
    pub doubts: bool,
    /// The open critical questions' `?N` badges.
    pub questions: bool,
}

/// The legend, docked under the canvas (it never covers a box): the entries, and a button that
/// hides it (View ▸ Legend shows it again).
pub fn legend_bar(ui: &mut egui::Ui, shown: Shown, actions: &mut Vec<Action>) {
    let palette = Palette::of(ui.visuals().dark_mode);
    ui.horizontal_wrapped(|ui| {
        legend_entries(ui, &palette, shown);
        ui.add_space(6.0);
        if ui.small_button("Hide legend").on_hover_text("View > Legend shows it again").clicked() {
            actions.push(Action::Command(Command::ToggleLegend));
        }
    });
}

/// The legend's entries in a row: the roles' colours, the arrows, the source marker.
pub(super) fn legend_entries(ui: &mut egui::Ui, palette: &Palette, shown: Shown) {
    let swatch = |ui: &mut egui::Ui| ui.allocate_exact_size(Vec2::new(22.0, 12.0), Sense::hover()).0;
    for role in Role::ALL {
        let colors = palette.role(role);
        let r = swatch(ui);
        ui.painter().rect(
            r,
            3.0,
            color(colors.fill),
            Stroke::new(1.5, color(colors.stroke)),
            StrokeKind::Inside,
        );
        ui.label(match role {
            Role::Claim => "Claim",
            Role::Reason => "Reason",
            Role::Objection => "Objection",
            Role::Rebuttal => "Rebuttal",
        });
        ui.add_space(6.0);
    }
    for (dashed, text) in [(false, "supports"), (true, "objects (into an arrow: undercuts)")] {
        let r = swatch(ui);
        let stroke = Stroke::new(2.0, ui.visuals().text_color());
        let pts = [r.left_center(), r.right_center()];
        if dashed {
            ui.painter().extend(Shape::dashed_line(&pts, stroke, 5.0, 3.0));
        } else {
            ui.painter().line_segment(pts, stroke);
        }
        ui.label(text);
        ui.add_space(6.0);
    }
    let r = swatch(ui);
    ui.painter().circle_filled(r.center(), 4.5, ui.visuals().text_color());
    ui.label("source quote (hover)");
    if shown.eval {
        ui.add_space(6.0);
        ui.label("IN stands, OUT is defeated for now, DISABLED: an undercut stands (E hides; F1 explains)");
    }
    if shown.doubts {
        ui.add_space(6.0);
        ui.label("DOUBTED: you doubt a critical question of its argument (what-if)");
    }
    if shown.questions {
        ui.add_space(6.0);
        ui.label("?N: N critical questions of its argument open (Shift+Q hides)");
    }
}
