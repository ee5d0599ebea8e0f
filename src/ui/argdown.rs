//! The Argdown pane (View > Argdown text, Ctrl+T): the map as Argdown beside the canvas, with
//! line numbers and its syntax coloured, edited both ways. A panel: it edits only its own text
//! buffer ([`TextPane`]) and proposes actions like every panel: that the user typed (the app
//! reads the text back after a pause, through [`super::text_sync`]), a selection when the cursor
//! moves onto a statement, undo and redo, the user's replaced text brought back.

use super::action::Action;
use super::view::View;
use crate::model::{ArgumentMap, StatementId};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Stroke};
use std::hash::{Hash, Hasher};

/// The pane's own state: its text, the cursor, what to scroll to. The pane edits the text;
/// [`super::text_sync::TextSync`], which owns this, writes it when the map changed elsewhere.
#[derive(Debug, Default)]
pub struct TextPane {
    /// The text shown and edited.
    text: String,
    /// The line the cursor was on last frame (from 1).
    cursor_line: Option<usize>,
    /// Where the cursor was last frame (characters from the start).
    cursor: Option<usize>,
    /// A line to scroll into view at the next frame (from 1).
    reveal: Option<usize>,
    /// The canvas's selection the pane last showed (a new one is scrolled to).
    shown_selection: Option<StatementId>,
    /// The coloured text last laid out, by what it was made from (text, colours, width, scale):
    /// a large map's text is coloured again only when something changed.
    layout_cache: Option<(u64, std::sync::Arc<Galley>)>,
}

impl TextPane {
    /// The text shown and edited.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the cursor was last frame (characters from the start).
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// Shows `text` instead; returns the text it replaces.
    pub fn set_text(&mut self, text: String) -> String {
        std::mem::replace(&mut self.text, text)
    }

    /// Puts the cursor at character `at`, on `line` (from 1), and scrolls to it.
    pub fn place_cursor(&mut self, ctx: &egui::Context, at: usize, line: usize) {
        let field = field_id();
        if let Some(mut state) = egui::TextEdit::load_state(ctx, field) {
            let cursor = egui::text::CCursor::new(at);
            state.cursor.set_char_range(Some(egui::text::CCursorRange::one(cursor)));
            state.store(ctx, field);
        }
        self.cursor = Some(at);
        self.cursor_line = Some(line);
        self.reveal = Some(line);
    }
}

/// Where the text stands with the map, as the pane shows it (made by the part that owns it).
#[derive(Clone, Copy, Debug)]
pub struct Standing<'a> {
    /// The error reading the text back found: its line (where known) and message.
    pub error: Option<&'a (Option<usize>, String)>,
    /// Whether typing waits to be read back.
    pub waiting: bool,
    /// Whether the user's text with an error was replaced and can be brought back.
    pub stashed: bool,
    /// What reading it back could only approximate, by line.
    pub approximated: &'a [(usize, String)],
}

/// The text field's id: the app moves its cursor when the map rewrites the text.
pub fn field_id() -> egui::Id {
    egui::Id::unique("argdown text")
}

/// How wide the line numbers' gutter is, in points.
const GUTTER: f32 = 38.0;

impl TextPane {
    /// Draws the pane, with where its text stands with the map.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &ArgumentMap,
        standing: Standing<'_>,
        view: &View,
        actions: &mut Vec<Action>,
    ) {
        show(ui, map, (self, standing), view, actions);
    }
}

/// Draws the pane: a header saying where the text stands, then the text with line numbers.
fn show(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    (pane, standing): (&mut TextPane, Standing<'_>),
    view: &View,
    actions: &mut Vec<Action>,
) {
    header(ui, standing, actions);
    ui.separator();
    let field = field_id();
    if pane.shown_selection != view.selected {
        pane.shown_selection.clone_from(&view.selected);
        let typing_here = ui.memory(|m| m.has_focus(field));
        if let (Some(id), false) = (&view.selected, typing_here) {
            pane.reveal = line_of(&pane.text, id).or(pane.reveal);
        }
    }
    let selected = view.selected.as_ref().map(|id| format!("[{id}]"));
    let error_line = standing.error.and_then(|(l, _)| *l);
    let marked: Vec<usize> = standing.approximated.iter().map(|(l, _)| *l).collect();
    let looks =
        Looks { dark: ui.visuals().dark_mode, selected: selected.as_deref(), error_line, marked: &marked };
    let cache = &mut pane.layout_cache;
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap: f32| {
        let key = looks.key(text.as_str(), wrap, ui.ctx().pixels_per_point());
        if let Some((k, galley)) = cache.as_ref()
            && *k == key
        {
            return galley.clone();
        }
        let mut job = highlight(text.as_str(), &looks);
        job.wrap.max_width = wrap;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        *cache = Some((key, galley.clone()));
        galley
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            let gutter = ui.cursor().min.x;
            ui.add_space(GUTTER);
            history_keys(ui, field, actions);
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
            line_numbers(ui, &output.galley, output.galley_pos, gutter);
            if let Some(line) = pane.reveal.take()
                && let Some(rect) = line_rect(&output.galley, line)
            {
                ui.scroll_to_rect(rect.translate(output.galley_pos.to_vec2()), Some(egui::Align::Center));
            }
            if output.response.changed() {
                actions.push(Action::TextTyped(ui.input(|i| i.time)));
            }
            let cursor = output.cursor_range.map(|c| c.primary.index.0);
            if cursor.is_some() && cursor != pane.cursor {
                pane.cursor = cursor;
                let line = line_at(&pane.text, cursor.unwrap_or(0));
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

/// The pane's heading and where the text stands: in step with the map, waiting for a pause,
/// or wrong (the map keeps its last good state); the user's broken text, if a change made
/// elsewhere replaced it, offered back.
fn header(ui: &mut egui::Ui, standing: Standing<'_>, actions: &mut Vec<Action>) {
    ui.heading("Argdown text");
    match standing.error {
        Some((line, message)) => {
            let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let red = ui.visuals().error_fg_color;
            ui.colored_label(
                red,
                format!("The text has an error; the map keeps its last good state. {at}{message}"),
            );
        }
        None if standing.waiting => {
            ui.weak("Reading the text when you pause…");
        }
        None => {
            ui.weak("Edit the text or the map: each follows the other.");
        }
    }
    if standing.stashed {
        ui.horizontal_wrapped(|ui| {
            ui.label("The map changed while your text had an error, so the text now says the map.");
            if ui.button("Bring back my text").clicked() {
                actions.push(Action::BringBackText(ui.input(|i| i.time)));
            }
        });
    }
    for (line, message) in standing.approximated.iter().take(3) {
        ui.weak(format!("line {line}: {message}"));
    }
}

/// Undo and redo in the text field are the map's, as on the canvas: one history for both sides.
fn history_keys(ui: &mut egui::Ui, field: egui::Id, actions: &mut Vec<Action>) {
    if !ui.memory(|m| m.has_focus(field)) {
        return;
    }
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

/// Numbers the text's lines in the gutter left of `gutter`'s edge, beside the first row of each
/// (a long line wraps onto rows of its own); only the rows in view are drawn.
fn line_numbers(ui: &egui::Ui, galley: &Galley, at: egui::Pos2, gutter: f32) {
    let clip = ui.clip_rect();
    let font = FontId::monospace(12.0);
    let colour = ui.visuals().weak_text_color();
    let mut line = 1;
    let mut starts = true;
    for row in &galley.rows {
        let top = at.y + row.pos.y;
        if starts && top <= clip.bottom() && top + row.row.size.y >= clip.top() {
            let pos = egui::pos2(gutter + GUTTER - 8.0, top);
            ui.painter().text(pos, egui::Align2::RIGHT_TOP, line.to_string(), font.clone(), colour);
        }
        if row.ends_with_newline {
            line += 1;
        }
        starts = row.ends_with_newline;
    }
}

/// Where line `line` (from 1) starts in the laid-out text, relative to the galley.
fn line_rect(galley: &Galley, line: usize) -> Option<egui::Rect> {
    let mut at = 1;
    let mut starts = true;
    for row in &galley.rows {
        if starts && at == line {
            return Some(row.rect());
        }
        if row.ends_with_newline {
            at += 1;
        }
        starts = row.ends_with_newline;
    }
    None
}

/// The line (from 1) the character at `index` is on.
pub fn line_at(text: &str, index: usize) -> usize {
    text.chars().take(index).filter(|&c| c == '\n').count() + 1
}

/// The first line (from 1) that names the statement (`[id]`): where it is written out.
pub fn line_of(text: &str, id: &StatementId) -> Option<usize> {
    let title = format!("[{id}]");
    text.lines().position(|l| l.contains(&title)).map(|i| i + 1)
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

impl Looks<'_> {
    /// What a laid-out text depends on, hashed: the text, these looks, the width and the scale.
    fn key(&self, text: &str, wrap: f32, scale: f32) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (text, self.dark, self.selected, self.error_line, self.marked).hash(&mut h);
        (wrap.to_bits(), scale.to_bits()).hash(&mut h);
        h.finish()
    }
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
