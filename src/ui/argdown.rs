//! The Argdown pane (View > Argdown text, Ctrl+T): the map as Argdown beside the canvas, with
//! line numbers and its syntax coloured, edited both ways. A panel: it edits only its own text
//! buffer ([`TextPane`]) and proposes a selection when the cursor moves onto a statement; the
//! app reads the text back after a pause (`app::text`), writes it again after a canvas edit,
//! and keeps the error it found.

use super::action::Action;
use super::view::View;
use crate::model::ArgumentMap;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

/// The pane's text and where it stands with the map.
#[derive(Debug, Default)]
pub struct TextPane {
    /// The text shown and edited.
    pub text: String,
    /// The document (generation, version) the text says: written from it, or read into it.
    pub synced: Option<(u64, u64)>,
    /// When the user last typed, while the map does not say it yet (app time, seconds).
    pub typed_at: Option<f64>,
    /// The error reading the text back found: its line (from 1, where known) and message.
    pub error: Option<(Option<usize>, String)>,
    /// What reading it back could only approximate, by line.
    pub approximated: Vec<(usize, String)>,
    /// The line the cursor was on last frame (from 1).
    pub cursor_line: Option<usize>,
    /// The history's revision after the last step the text made, and when (app time): typing
    /// again soon after, with no other edit between, amends that step (a burst is one step).
    pub last_step: Option<(u64, f64)>,
}

/// Draws the pane: a header saying where the text stands, then the text with line numbers.
pub fn show(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    pane: &mut TextPane,
    view: &View,
    actions: &mut Vec<Action>,
) {
    ui.heading("Argdown text");
    match &pane.error {
        Some((line, message)) => {
            let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let red = ui.visuals().error_fg_color;
            ui.colored_label(
                red,
                format!("The text has an error; the map keeps its last good state. {at}{message}"),
            );
        }
        None if pane.typed_at.is_some() => {
            ui.weak("Reading the text when you pause…");
        }
        None => {
            ui.weak("Edit the text or the map: each follows the other.");
        }
    }
    for (line, message) in pane.approximated.iter().take(3) {
        ui.weak(format!("line {line}: {message}"));
    }
    ui.separator();
    let selected = view.selected.as_ref().map(|id| format!("[{id}]"));
    let dark = ui.visuals().dark_mode;
    let error_line = pane.error.as_ref().and_then(|(l, _)| *l);
    let marked: Vec<usize> = pane.approximated.iter().map(|(l, _)| *l).collect();
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, _wrap: f32| {
        let looks = Looks { dark, selected: selected.as_deref(), error_line, marked: &marked };
        ui.fonts_mut(|f| f.layout_job(highlight(text.as_str(), &looks)))
    };
    let lines = pane.text.lines().count().max(1);
    let numbers: String = (1..=lines).map(|n| format!("{n:>4}\n")).collect();
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            ui.add(egui::Label::new(egui::RichText::new(numbers).monospace().weak()).selectable(false));
            // Undo and redo here are the map's, as on the canvas: one history for both sides.
            let field = egui::Id::unique("argdown text");
            if ui.memory(|m| m.has_focus(field)) {
                let (undo, redo) = ui.input_mut(|i| {
                    let z = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
                    let shift_z = egui::KeyboardShortcut::new(
                        egui::Modifiers { shift: true, ..egui::Modifiers::COMMAND },
                        egui::Key::Z,
                    );
                    let y = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
                    let redo = i.consume_shortcut(&shift_z) | i.consume_shortcut(&y);
                    (i.consume_shortcut(&z), redo)
                });
                if undo {
                    actions.push(Action::Command(super::command::Command::Undo));
                }
                if redo {
                    actions.push(Action::Command(super::command::Command::Redo));
                }
            }
            let edit = egui::TextEdit::multiline(&mut pane.text)
                .id(field)
                .code_editor()
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .hint_text("The map as Argdown");
            let output = edit.show(ui);
            output.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Argdown text")
            });
            if output.response.changed() {
                pane.typed_at = Some(ui.input(|i| i.time));
            }
            let cursor = output.cursor_range.map(|c| c.primary.index.0);
            if let Some(at) = cursor {
                let line = pane.text.chars().take(at).filter(|&c| c == '\n').count() + 1;
                if pane.cursor_line != Some(line) && output.response.has_focus() {
                    pane.cursor_line = Some(line);
                    if let Some(id) = statement_on(&pane.text, line, map)
                        && view.selected.as_ref() != Some(&id)
                    {
                        actions.push(Action::Select(id));
                    }
                }
            }
        });
    });
}

/// The statement the line names (its first `[title]` that is a statement of the map).
pub fn statement_on(text: &str, line: usize, map: &ArgumentMap) -> Option<crate::model::StatementId> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let mut rest = l;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']')?;
        let title = &after[..close];
        if map.contains(title) {
            return map.statement(title).map(|s| s.id.clone());
        }
        rest = &after[close + 1..];
    }
    None
}

/// How the text is coloured.
struct Looks<'a> {
    dark: bool,
    /// The selected statement's title (`[id]`): its lines are highlighted.
    selected: Option<&'a str>,
    /// The line with the error, underlined.
    error_line: Option<usize>,
    /// Lines approximated, underlined faintly.
    marked: &'a [usize],
}

/// The text laid out with its syntax coloured: titles, argument names, relation signs, headings,
/// data, comments and the front matter each in a colour of their own.
fn highlight(text: &str, looks: &Looks<'_>) -> LayoutJob {
    let font = FontId::monospace(13.0);
    let c = |light: u32, dark: u32| {
        let v = if looks.dark { dark } else { light };
        Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    };
    let plain = c(0x202020, 0xdddddd);
    let weak = c(0x808080, 0x8a8a8a);
    let (title, argument, heading) = (c(0x1f5fa8, 0x7fb2f0), c(0x7a3fa0, 0xc39be0), c(0x000000, 0xffffff));
    let (pro, con, under) = (c(0x2e7d32, 0x81c784), c(0xc62828, 0xef7b7b), c(0xc77700, 0xf0b050));
    let mut job = LayoutJob::default();
    let mut front = text.starts_with("===");
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        let mut format = TextFormat::simple(font.clone(), plain);
        if looks.selected.is_some_and(|s| line.contains(s)) {
            format.background = c(0xfff3b0, 0x4a4520);
        }
        if looks.error_line == Some(n) {
            format.underline = Stroke::new(1.5, c(0xd32f2f, 0xff6b6b));
        } else if looks.marked.contains(&n) {
            format.underline = Stroke::new(1.0, weak);
        }
        let put = |job: &mut LayoutJob, s: &str, color: Color32| {
            if !s.is_empty() {
                job.append(s, 0.0, TextFormat { color, ..format.clone() });
            }
        };
        if front || line.starts_with("===") {
            put(&mut job, line, weak);
            if line.starts_with("===") && n > 1 {
                front = false;
            }
            continue;
        }
        if line.starts_with('#') {
            put(&mut job, line, heading);
            continue;
        }
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        put(&mut job, indent, plain);
        let sign_len =
            body.find(' ').filter(|&k| k <= 3 && body[..k].chars().all(|c| "+-_<>".contains(c))).unwrap_or(0);
        let sign = &body[..sign_len];
        let color = if sign.contains('+') {
            pro
        } else if sign.contains('_') {
            under
        } else {
            con
        };
        put(&mut job, sign, color);
        let mut rest = &body[sign_len..];
        while !rest.is_empty() {
            let next = rest.find(['[', '<', '{', '/']).unwrap_or(rest.len());
            put(&mut job, &rest[..next], plain);
            rest = &rest[next..];
            let (end, color) = match rest.chars().next() {
                Some('[') => (rest.find(']').map_or(rest.len(), |k| k + 1), title),
                Some('<') => (rest.find('>').map_or(rest.len(), |k| k + 1), argument),
                Some('{') => (rest.rfind('}').map_or(rest.len(), |k| k + 1), weak),
                Some('/') if rest.starts_with("//") => (rest.len(), weak),
                Some(_) => (1, plain),
                None => break,
            };
            put(&mut job, &rest[..end], color);
            rest = &rest[end..];
        }
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coloured_text_is_the_text() {
        let text = "===\ntitle: T\n===\n\n# Group\n\n[a]: A text {\"note\":\"n\"}\n\n[a]\n  + [b] // why\n  - <Arg>\n";
        let looks = Looks { dark: false, selected: Some("[a]"), error_line: Some(10), marked: &[] };
        let job = highlight(text, &looks);
        assert_eq!(job.text, text, "every character kept, in order");
        let colours: std::collections::HashSet<_> = job.sections.iter().map(|s| s.format.color).collect();
        assert!(colours.len() >= 6, "{colours:?}");
    }
}
