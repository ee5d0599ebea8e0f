//! The source pane (View > Source document): the document the selected statement quotes beside
//! the map, paragraphs numbered, every quoted passage highlighted in its statement's role colour.
//! Clicking a highlight selects its statement; selecting a statement scrolls to its passage;
//! paragraphs no statement quotes are marked. A panel: it reads [`SourceView`] (made by the app,
//! which reads the file) and proposes actions.

use super::action::Action;
use super::command::Command;
use super::document::Stamp;
use super::view::View;
use crate::model::{ArgumentMap, Location, RelationKind, Role, SourceDocument, StatementId};
use crate::scene::Palette;
use crate::sources::Text;
use std::path::PathBuf;

/// What a source view was made from: the map's state, the document shown, the folders searched.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceKey {
    /// The map and its state.
    pub stamp: Stamp,
    /// The document shown.
    pub document: StatementId,
    /// The folders its file was looked for in.
    pub folders: Vec<PathBuf>,
}

impl SourceKey {
    /// Whether `other` asks for the same file: the same document of the same map, looked for in
    /// the same folders (the map may have changed meanwhile).
    pub fn same_file(&self, other: &SourceKey) -> bool {
        self.stamp.generation == other.stamp.generation
            && self.document == other.document
            && self.folders == other.folders
    }
}

/// What the pane shows: a document of the map, its text (or why it is not there) and where each
/// statement quoting it is.
pub struct SourceView {
    /// What it was made from.
    pub key: SourceKey,
    /// The document.
    pub document: SourceDocument,
    /// Its file and text, or why it could not be read.
    pub text: Result<(PathBuf, Text), String>,
    /// Each located quote: its statement, the statement's role, where it is; in text order.
    pub quotes: Vec<(StatementId, Role, Location)>,
    /// Statements whose quote is no longer found in the text.
    pub drifted: Vec<StatementId>,
    /// Each paragraph's text (cut once, not every frame).
    pub paragraphs: Vec<String>,
    /// Statements whose quote is found somewhere else than its saved place (the document
    /// changed), with the place found: what "Update their places" saves.
    pub moved: Vec<(StatementId, Location)>,
}

impl SourceView {
    /// Locates the quotes of the statements that name `document` in `text`.
    pub fn new(
        map: &ArgumentMap,
        key: SourceKey,
        document: SourceDocument,
        text: Result<(PathBuf, Text), String>,
    ) -> Self {
        let mut quotes = Vec::new();
        let mut drifted = Vec::new();
        let mut moved = Vec::new();
        if let Ok((_, t)) = &text {
            let t = t.finder();
            for s in map.statements() {
                let Some(src) = s.source.as_ref().filter(|src| src.document.as_ref() == Some(&document.id))
                else {
                    continue;
                };
                match t.place(&src.quote, src.at) {
                    Some(at) => {
                        if src.at != Some(at) {
                            moved.push((s.id.clone(), at));
                        }
                        quotes.push((s.id.clone(), map.role(&s.id).unwrap_or(Role::Claim), at))
                    }
                    None => drifted.push(s.id.clone()),
                }
            }
        }
        quotes.sort_by_key(|(_, _, at)| (at.start, at.end));
        let paragraphs = match &text {
            Ok((_, t)) => {
                let chars: Vec<char> = t.text.chars().collect();
                t.blocks.iter().map(|&(a, b)| chars_string(&chars, a, b)).collect()
            }
            Err(_) => Vec::new(),
        };
        Self { key, document, text, quotes, drifted, moved, paragraphs }
    }

    /// How many paragraphs hold a quote, of how many.
    pub fn coverage(&self) -> Option<(usize, usize)> {
        let (_, text) = self.text.as_ref().ok()?;
        let mut quoted: Vec<u32> =
            self.quotes.iter().map(|(_, _, at)| at.paragraph).filter(|&p| p > 0).collect();
        quoted.sort_unstable();
        quoted.dedup();
        Some((quoted.len(), text.paragraph_count()))
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

/// What the pane shows: the document read, or the one being read.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    /// The document read, its text and quotes.
    pub view: Option<&'a SourceView>,
    /// A document being read (off the UI thread) and its file.
    pub reading: Option<(&'a SourceDocument, &'a std::path::Path)>,
}

/// Draws the pane.
pub fn show(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    shown: Shown<'_>,
    view: &mut View,
    actions: &mut Vec<Action>,
) {
    let source = match (shown.view, shown.reading) {
        (Some(source), _) => source,
        (None, Some((document, file))) => return reading(ui, document, file, actions),
        (None, None) => {
            ui.heading("Source document");
            ui.label("This map lists no source documents.");
            return;
        }
    };
    ui.heading(&source.document.title);
    let (path, text) = match &source.text {
        Ok((path, text)) => (path, text),
        Err(why) => {
            ui.label(format!("Not read: {}.", why.trim_end_matches('.')));
            ui.label("Point argmap at the file once; it looks in that folder from then on.");
            ui.horizontal(|ui| {
                if Command::LocateDocument.button(ui, None, true, true) {
                    actions.push(Action::Command(Command::LocateDocument));
                }
                if ui.button("Read again").clicked() {
                    actions.push(Action::ReadAgain);
                }
            });
            return;
        }
    };
    ui.weak(path.display().to_string());
    if let Some(line) = source.status() {
        ui.weak(line);
    }
    selection_bar(ui, map, view, actions);
    quote_keys(ui, view, actions);
    drift(ui, map, source, actions);
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        paragraphs(ui, map, source, text, view, actions);
    });
}

/// A document being read: its title, its file, and a way to stop.
fn reading(ui: &mut egui::Ui, document: &SourceDocument, file: &std::path::Path, actions: &mut Vec<Action>) {
    ui.heading(&document.title);
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(format!("Reading {}…", file.display()));
    });
    ui.weak("HTML and PDF are read apart from the map: a document that takes too long or too much memory is stopped, and the map stays as it is.");
    if ui.button("Cancel").clicked() {
        actions.push(Action::CancelReading);
    }
}

/// Quotes the document no longer holds (each named, a click selects it: select the passage it
/// should quote and "Quote selection"), and quotes it holds elsewhere than their saved place
/// (one click saves the places found).
fn drift(ui: &mut egui::Ui, map: &ArgumentMap, source: &SourceView, actions: &mut Vec<Action>) {
    if !source.drifted.is_empty() {
        let warn = ui.visuals().warn_fg_color;
        let n = source.drifted.len();
        let said = if n == 1 {
            "1 quote is no longer in the text:".to_owned()
        } else {
            format!("{n} quotes are no longer in the text:")
        };
        ui.colored_label(warn, said);
        for id in &source.drifted {
            if ui
                .link(statement_name(map, id))
                .on_hover_text("Select it, then select the passage it quotes now and Quote selection")
                .clicked()
            {
                actions.push(Action::Select(id.clone()));
            }
        }
    }
    if !source.moved.is_empty() {
        let n = source.moved.len();
        let label = if n == 1 {
            "Update the place of 1 quote found elsewhere in the text".to_owned()
        } else {
            format!("Update the places of {n} quotes found elsewhere in the text")
        };
        if ui
            .button(label)
            .on_hover_text("The document changed; the quotes are still in it, elsewhere")
            .clicked()
        {
            let edits = source
                .moved
                .iter()
                .filter_map(|(id, at)| {
                    let src = map.statement(id)?.source.clone()?;
                    Some(crate::edit::Edit::SetSource { id: id.clone(), source: Some(src.located(*at)) })
                })
                .collect();
            actions.push(Action::Edit(crate::edit::Edit::Batch(edits), "update quote places"));
        }
    }
}

/// The paragraphs, each numbered, its quoted passages highlighted: read-only text fields, so a
/// passage can be selected (then `+`, `-` or the bar's buttons make a statement quoting it).
fn paragraphs(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    source: &SourceView,
    text: &Text,
    view: &mut View,
    actions: &mut Vec<Action>,
) {
    let palette = Palette::of(ui.visuals().dark_mode);
    let scroll_to = view.selected.clone().filter(|s| view.source_scrolled.as_ref() != Some(s));
    // The passage selected in the paragraph that has the keyboard (kept while the keyboard is
    // elsewhere, so a button or a key can use it).
    let mut focused: Option<Option<(String, Location)>> = None;
    for (n, (&(start, end), &number)) in text.blocks.iter().zip(&text.numbers).enumerate() {
        let quoted: Vec<&(StatementId, Role, Location)> =
            source.quotes.iter().filter(|(_, _, at)| at.start < end && at.end > start).collect();
        paragraph_mark(ui, number, quoted.is_empty());
        let pieces = segments(start, end, &quoted);
        let selected = view.selected.as_ref();
        let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, width: f32| {
            let job = highlighted(ui, buf.as_str(), start, &pieces, (selected, &palette), width);
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let Some(own) = source.paragraphs.get(n) else { continue };
        let mut paragraph: &str = own;
        let output = egui::TextEdit::multiline(&mut paragraph)
            .id_salt(("source-paragraph", n))
            .frame(egui::Frame::NONE)
            .desired_rows(1)
            .desired_width(f32::INFINITY)
            .layouter(&mut layouter)
            .show(ui);
        // Selecting with the mouse gives the paragraph the keyboard, as in any text view.
        if output.response.drag_started() || output.response.clicked() {
            output.response.request_focus();
        }
        let range = output.cursor_range.map(|r| r.as_sorted_char_range());
        if output.response.has_focus() {
            focused = Some(range.clone().filter(|r| r.start.0 < r.end.0).map(|r| {
                let (a, b) = (start + r.start.0 as u32, start + r.end.0 as u32);
                let quote = own.chars().skip(r.start.0).take(r.end.0 - r.start.0).collect();
                (quote, Location { paragraph: number, start: a, end: b })
            }));
        }
        match range {
            Some(r) if output.response.clicked() => {
                // A click on a highlight selects the statement quoting it (each in turn).
                let at = start + r.start.0 as u32;
                if let Some((_, _, covering)) = pieces.iter().find(|(a, b, _)| *a <= at && at < *b)
                    && let Some(&(first, _)) = covering.first()
                {
                    let next = next_of(covering, view.selected.as_ref()).unwrap_or(first);
                    actions.push(Action::Select(next.clone()));
                }
            }
            _ => {}
        }
        if let Some(id) = &scroll_to
            && quoted.iter().any(|(q, ..)| q == id)
        {
            output.response.scroll_to_me(Some(egui::Align::Center));
            view.source_scrolled = Some(id.clone());
        }
        let names: Vec<String> = quoted.iter().map(|(c, ..)| statement_name(map, c)).collect();
        if !names.is_empty() {
            output.response.response.on_hover_text(format!("Quoted by {}", names.join("; ")));
        }
        ui.add_space(6.0);
    }
    view.source_focused = focused.is_some();
    if let Some(selection) = focused {
        view.source_selection = selection.map(|(quote, at)| (source.document.id.clone(), quote, at));
    }
}

/// A block's mark above it: its paragraph number (¶10), or "heading" for a title, heading or
/// caption, which a reader does not count; weak where no statement quotes it.
fn paragraph_mark(ui: &mut egui::Ui, number: u32, unquoted: bool) {
    let mark = egui::RichText::new(place_name(number)).small();
    match (number, unquoted) {
        (0, _) => ui.label(mark.weak()).on_hover_text("Titles, headings and captions are not numbered"),
        (_, true) => ui.label(mark.weak()).on_hover_text("No statement quotes this paragraph (not mapped)"),
        (_, false) => ui.label(mark.strong()),
    };
}

/// "¶10", or "heading" for paragraph 0.
fn place_name(paragraph: u32) -> String {
    match paragraph {
        0 => "heading".into(),
        n => format!("\u{b6}{n}"),
    }
}

/// The passage selected, and what can be made of it: a reason or objection of the selected
/// statement quoting it, or the selected statement's quote. Always the same height, so the text
/// does not move under a selection being dragged.
fn selection_bar(ui: &mut egui::Ui, map: &ArgumentMap, view: &View, actions: &mut Vec<Action>) {
    let selection = view.source_selection.as_ref();
    let said = match selection {
        Some((_, quote, at)) => {
            format!("Selected in {}: \u{201c}{}\u{201d}", place_name(at.paragraph), quote.trim())
        }
        None => "Select a passage: + or − makes a reason or objection quoting it".into(),
    };
    ui.add(egui::Label::new(said).truncate());
    let role = view.selected.as_ref().and_then(|id| map.role(id));
    let on =
        view.selected.as_ref().and_then(|id| map.statement(id)).map(|s| crate::ui::panel::short(&s.text));
    ui.horizontal(|ui| {
        let enabled = on.is_some() && selection.is_some();
        for (command, kind) in
            [(Command::AddReason, RelationKind::Support), (Command::AddObjection, RelationKind::Objection)]
        {
            if command.button(ui, Some(command.name_on(role)), true, enabled) {
                actions.push(Action::FromSelection(Some(kind)));
            }
        }
        let quote = ui.add_enabled(enabled, egui::Button::new("Quote selection"));
        if quote.on_hover_text("Make the passage the selected statement's quote").clicked() {
            actions.push(Action::FromSelection(None));
        }
    });
    let for_whom =
        on.map_or_else(|| "Select the statement it is for on the map.".to_owned(), |t| format!("For: {t}"));
    ui.add(egui::Label::new(egui::RichText::new(for_whom).weak()).truncate());
}

/// With a passage selected and the keyboard in the pane, + and - make a reason or objection of
/// the selected statement quoting it, as on the canvas; taken before the text fields see them.
fn quote_keys(ui: &mut egui::Ui, view: &View, actions: &mut Vec<Action>) {
    if !view.source_focused || view.source_selection.is_none() {
        return;
    }
    for (key, text, kind) in
        [(egui::Key::Plus, "+", RelationKind::Support), (egui::Key::Minus, "-", RelationKind::Objection)]
    {
        let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::NONE, key);
        let pressed = ui.input_mut(|i| {
            let pressed = i.consume_shortcut(&shortcut);
            if pressed {
                i.events.retain(|e| !matches!(e, egui::Event::Text(t) if t == text));
            }
            pressed
        });
        if pressed {
            actions.push(Action::FromSelection(Some(kind)));
        }
    }
}

fn chars_string(chars: &[char], a: u32, b: u32) -> String {
    chars.get(a as usize..b as usize).map(|c| c.iter().collect()).unwrap_or_default()
}

/// A paragraph's text laid out with its quoted passages on their statements' role colours (the
/// selected statement's strongest), wrapped at `width`.
fn highlighted(
    ui: &egui::Ui,
    text: &str,
    start: u32,
    pieces: &[(u32, u32, Covering<'_>)],
    (selected, palette): (Option<&StatementId>, &Palette),
    width: f32,
) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let mut job = egui::text::LayoutJob::default();
    let chars: Vec<char> = text.chars().collect();
    for (a, b, covering) in pieces {
        let piece: String = chars
            .get((a - start) as usize..(b - start) as usize)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        let mut format = egui::TextFormat::simple(font.clone(), plain);
        if let Some(&(_, role)) = covering.first() {
            let colors = palette.role(*role);
            let strong = covering.iter().any(|(c, _)| Some(*c) == selected);
            let (fill, ink) =
                if strong { (colors.stroke, palette.background) } else { (colors.fill, palette.text) };
            format.background = egui::Color32::from_rgb(fill.0[0], fill.0[1], fill.0[2]);
            format.color = egui::Color32::from_rgb(ink.0[0], ink.0[1], ink.0[2]);
        }
        job.append(&piece, 0.0, format);
    }
    job.wrap.max_width = width;
    job
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
