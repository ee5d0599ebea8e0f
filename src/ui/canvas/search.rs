//! Search: the bar over the canvas and the statements it matches.

use super::*;

/// The search field at the top of the canvas (Ctrl+F): matches are outlined as you type, Enter
/// jumps from match to match, Escape closes.
pub(super) fn search_bar(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &mut View,
    canvas: egui::Rect,
    actions: &mut Vec<Action>,
) {
    let Some(search) = view.search.as_mut() else { return };
    let (mut close, mut jump, mut changed) = (false, false, false);
    let at = canvas.left_top() + Vec2::new(12.0, 12.0);
    egui::Area::new(Id::unique("search-area")).fixed_pos(at).show(ui.ctx(), |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Find");
                let field = egui::TextEdit::singleline(&mut search.query)
                    .id(Id::unique("search-field"))
                    .hint_text("Find statements…")
                    .desired_width(220.0);
                let response = ui.add(field).labelled_by(label.id);
                if search.focus_field {
                    response.request_focus();
                    search.focus_field = false;
                }
                changed = response.changed();
                if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    jump = true;
                    response.request_focus();
                }
                close = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
                let count = search.matches.len();
                ui.label(match (search.current, count) {
                    (_, 0) if search.query.is_empty() => String::new(),
                    (_, 0) => "no match".to_owned(),
                    (Some(k), n) => format!("{} of {n}", k + 1),
                    (None, n) => format!("{n} found"),
                });
                jump |= ui.button("Next").clicked();
                close |= ui.button("Close").on_hover_text("Close (Esc)").clicked();
            });
        });
    });
    if close {
        view.search = None;
        return;
    }
    if changed {
        update_matches(view, cx);
    }
    let Some(search) = view.search.as_mut().filter(|s| jump && !s.matches.is_empty()) else { return };
    let next = search.current.map_or(0, |k| (k + 1) % search.matches.len());
    search.current = Some(next);
    actions.push(Action::Select(search.matches[next].clone()));
}

/// Recomputes the search matches: statements whose text, id, quote or note holds the query,
/// ignoring case, in layout order.
pub fn update_matches(view: &mut View, cx: &PanelContext<'_>) {
    let Some(search) = view.search.as_mut() else { return };
    let query = search.query.trim().to_lowercase();
    search.current = None;
    search.matches.clear();
    if query.is_empty() {
        return;
    }
    let map = cx.doc.map();
    let hit = |id: &StatementId| {
        map.statement(id).is_some_and(|s| {
            s.text.to_lowercase().contains(&query)
                || s.id.contains(&query)
                || s.source.as_ref().is_some_and(|src| src.quote.to_lowercase().contains(&query))
                || s.note.as_ref().is_some_and(|n| n.to_lowercase().contains(&query))
        })
    };
    let in_layout: Vec<StatementId> = cx
        .derived
        .map(|d| (0..d.layout.placed.len()).filter_map(|i| d.layout.id(map, i).cloned()).collect())
        .unwrap_or_default();
    let seen: std::collections::HashSet<&StatementId> = in_layout.iter().collect();
    let hidden: Vec<StatementId> =
        map.statements().map(|s| s.id.clone()).filter(|id| !seen.contains(id)).collect();
    drop(seen);
    search.matches = in_layout.into_iter().chain(hidden).filter(|id| hit(id)).collect();
}
