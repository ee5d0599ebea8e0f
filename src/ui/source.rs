//! The source pane (View > Source document): the document the selected statement quotes beside
//! the map, paragraphs numbered, every quoted passage highlighted in its statement's role colour.
//! Clicking a highlight selects its statement; selecting a statement scrolls to its passage;
//! paragraphs no statement quotes are marked. A panel: it reads [`SourceView`] (made by the app,
//! which reads the file) and proposes actions.

use super::action::Action;
use super::command::Command;
use super::view::View;
use crate::model::{ArgumentMap, Location, Role, SourceDocument, StatementId};
use crate::scene::Palette;
use crate::sources::Text;
use std::path::PathBuf;

/// What the pane shows: a document of the map, its text (or why it is not there) and where each
/// statement quoting it is.
pub struct SourceView {
    /// What it was made from: the document's generation and version, the document shown, the
    /// folders searched.
    pub key: (u64, u64, StatementId, Vec<PathBuf>),
    /// The document.
    pub document: SourceDocument,
    /// Its file and text, or why it could not be read.
    pub text: Result<(PathBuf, Text), String>,
    /// Each located quote: its statement, the statement's role, where it is; in text order.
    pub quotes: Vec<(StatementId, Role, Location)>,
    /// Statements whose quote is no longer found in the text.
    pub drifted: Vec<StatementId>,
}

impl SourceView {
    /// Locates the quotes of the statements that name `document` in `text`.
    pub fn new(
        map: &ArgumentMap,
        key: (u64, u64, StatementId, Vec<PathBuf>),
        document: SourceDocument,
        text: Result<(PathBuf, Text), String>,
    ) -> Self {
        let mut quotes = Vec::new();
        let mut drifted = Vec::new();
        if let Ok((_, t)) = &text {
            for s in map.statements() {
                let Some(src) = s.source.as_ref().filter(|src| src.document.as_ref() == Some(&document.id))
                else {
                    continue;
                };
                match src.at.filter(|&at| t.holds(&src.quote, at)).or_else(|| t.locate(&src.quote, None)) {
                    Some(at) => quotes.push((s.id.clone(), map.role(&s.id).unwrap_or(Role::Claim), at)),
                    None => drifted.push(s.id.clone()),
                }
            }
        }
        quotes.sort_by_key(|(_, _, at)| (at.start, at.end));
        Self { key, document, text, quotes, drifted }
    }

    /// How many paragraphs hold a quote, of how many.
    pub fn coverage(&self) -> Option<(usize, usize)> {
        let (_, text) = self.text.as_ref().ok()?;
        let mut quoted: Vec<u32> = self.quotes.iter().map(|(_, _, at)| at.paragraph).collect();
        quoted.dedup();
        quoted.sort_unstable();
        quoted.dedup();
        Some((quoted.len(), text.paragraphs.len()))
    }

    /// "Title: 10 of 19 paragraphs mapped", for the status bar.
    pub fn status(&self) -> Option<String> {
        let (mapped, all) = self.coverage()?;
        Some(format!(
            "{}: {mapped} of {all} paragraphs mapped",
            crate::ui::panel::short(&self.document.title)
        ))
    }
}

/// The document the pane shows: the one the selected statement quotes, else the map's first.
pub fn wanted(map: &ArgumentMap, selected: Option<&StatementId>) -> Option<StatementId> {
    let quoted = selected
        .and_then(|id| map.statement(id))
        .and_then(|s| s.source.as_ref())
        .and_then(|src| src.document.clone());
    quoted.or_else(|| map.documents().first().map(|d| d.id.clone()))
}

/// Draws the pane.
pub fn show(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    source: Option<&SourceView>,
    view: &mut View,
    actions: &mut Vec<Action>,
) {
    let Some(source) = source else {
        ui.heading("Source document");
        ui.label("This map lists no source documents.");
        return;
    };
    ui.heading(&source.document.title);
    let (path, text) = match &source.text {
        Ok((path, text)) => (path, text),
        Err(why) => {
            ui.label(format!("Not found: {why}."));
            ui.label("Point argmap at the file once; it looks in that folder from then on.");
            if Command::LocateDocument.button(ui, None, true, true) {
                actions.push(Action::Command(Command::LocateDocument));
            }
            return;
        }
    };
    ui.weak(path.display().to_string());
    if let Some(line) = source.status() {
        ui.weak(line);
    }
    if !source.drifted.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{} quotes no longer found in the text", source.drifted.len()),
        );
    }
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        paragraphs(ui, map, source, text, view, actions);
    });
}

/// The paragraphs, each numbered, its quoted passages highlighted.
fn paragraphs(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    source: &SourceView,
    text: &Text,
    view: &mut View,
    actions: &mut Vec<Action>,
) {
    let chars: Vec<char> = text.text.chars().collect();
    let palette = Palette::of(ui.visuals().dark_mode);
    let scroll_to = view.selected.clone().filter(|s| view.source_scrolled.as_ref() != Some(s));
    for (n, &(start, end)) in text.paragraphs.iter().enumerate() {
        let number = n as u32 + 1;
        let quoted: Vec<&(StatementId, Role, Location)> =
            source.quotes.iter().filter(|(_, _, at)| at.start < end && at.end > start).collect();
        ui.horizontal_wrapped(|ui| {
            let mark = egui::RichText::new(format!("¶{number} ")).small();
            if quoted.is_empty() {
                ui.label(mark.weak()).on_hover_text("No statement quotes this paragraph (not mapped)");
            } else {
                ui.label(mark.strong());
            }
            // The pieces of a paragraph run on as one text.
            ui.spacing_mut().item_spacing.x = 0.0;
            for (a, b, covering) in segments(start, end, &quoted) {
                let piece: String = chars[a as usize..b as usize].iter().collect();
                let Some(&(id, role)) = covering.first() else {
                    ui.label(piece);
                    continue;
                };
                let selected = covering.iter().any(|(c, ..)| view.selected.as_ref() == Some(c));
                let colors = palette.role(*role);
                let fill = if selected { colors.stroke } else { colors.fill };
                let ink = if selected { palette.background } else { palette.text };
                let rich = egui::RichText::new(piece)
                    .background_color(egui::Color32::from_rgb(fill.0[0], fill.0[1], fill.0[2]))
                    .color(egui::Color32::from_rgb(ink.0[0], ink.0[1], ink.0[2]));
                let response = ui.add(egui::Label::new(rich).sense(egui::Sense::click()));
                let names: Vec<String> = covering.iter().map(|(c, ..)| statement_name(map, c)).collect();
                let response = response.on_hover_text(format!("Quoted by {}", names.join("; ")));
                if response.clicked() {
                    actions.push(Action::Select(
                        next_of(&covering, view.selected.as_ref()).unwrap_or(id).clone(),
                    ));
                }
                if selected && scroll_to.is_some() {
                    response.scroll_to_me(Some(egui::Align::Center));
                    view.source_scrolled = scroll_to.clone();
                }
            }
        });
        ui.add_space(6.0);
    }
}

/// The statements (and their roles) whose quotes cover a piece of a paragraph.
type Covering<'q> = Vec<(&'q StatementId, &'q Role)>;

/// The pieces of a paragraph `start..end`, each with the quotes covering it.
fn segments<'q>(
    start: u32,
    end: u32,
    quotes: &[&'q (StatementId, Role, Location)],
) -> Vec<(u32, u32, Covering<'q>)> {
    let mut cuts = vec![start, end];
    for (_, _, at) in quotes {
        cuts.extend([at.start.clamp(start, end), at.end.clamp(start, end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let covering = quotes
                .iter()
                .filter(|(_, _, at)| at.start <= w[0] && at.end >= w[1])
                .map(|(id, role, _)| (id, role))
                .collect();
            (w[0], w[1], covering)
        })
        .collect()
}

/// The statement after the selected one among those covering a passage (a click on a passage
/// two statements quote selects each in turn).
fn next_of<'q>(
    covering: &[(&'q StatementId, &'q Role)],
    selected: Option<&StatementId>,
) -> Option<&'q StatementId> {
    let at = covering.iter().position(|(c, _)| Some(*c) == selected)?;
    covering.get((at + 1) % covering.len()).map(|(c, _)| *c)
}

fn statement_name(map: &ArgumentMap, id: &StatementId) -> String {
    let role = map.role(id).map_or("statement", Role::as_str);
    let text = map.statement(id).map(|s| crate::ui::panel::short(&s.text)).unwrap_or_default();
    format!("{role}: {text}")
}
