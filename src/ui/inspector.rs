//! The inspector panel: the selected statement's text, role, source and note (editable), the
//! commands on it, and its links, each of which selects the statement it names.
//!
//! A panel: it reads the document and the derived data ([`PanelContext`]), keeps what the user
//! is typing in its own [`Inspector`], and proposes every change as an [`Action`].

use super::action::Action;
use super::command::Command;
use super::derived::{Assessment, assess};
use super::document::Stamp;
use super::panel::{PanelContext, short};
use super::view::View;
use crate::edit::Edit;
use crate::eval::Evaluation;
use crate::model::{
    ArgumentMap, Mark, Rating, Relation, RelationId, RelationKind, Role, Source, Statement, StatementId,
    Topology,
};
use crate::scene::Palette;

/// The inspector's state: the editable fields of the selected statement, kept while the user
/// types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inspector {
    /// Whose fields these are, and at which document version they were read.
    pub of: Option<(StatementId, Stamp)>,
    /// The explanation, verdict and summary are those of the last picture: a huge map's new
    /// one is being made on another thread, and they are taken from it when it comes.
    pub awaiting: bool,
    /// The text.
    pub text: String,
    /// The source quote.
    pub quote: String,
    /// The source reference: where its quote was found in the map's document, cited, when it
    /// was ([`crate::model::Source::cited`]; then it is not edited here), else as written.
    pub reference: String,
    /// Whether `reference` is the cited place of a located quote.
    pub cited: bool,
    /// The note.
    pub note: String,
    /// The label of the relation the statement hangs by.
    pub relation_label: String,
    /// That relation's description.
    pub relation_description: String,
    /// The statement's label and why, in words.
    pub explanation: String,
    /// The suggested verdict from the ratings, in words (empty without reasons or objections).
    pub verdict: String,
    /// The title of the statement's group.
    pub group_title: String,
    /// Where it stands and what to do about it, in one line (the status bar shows it).
    pub summary: String,
}

impl Inspector {
    /// The one-line summary of statement `id`'s evaluation, if these are its fields.
    pub fn summary_of(&self, id: Option<&StatementId>) -> Option<&str> {
        let of = self.of.as_ref().map(|(of, ..)| of);
        (of.is_some() && of == id && !self.summary.is_empty()).then_some(self.summary.as_str())
    }
}

/// [`assess`] for statement `id`: taken from the derived data when it was made for this very
/// map and selection (after an edit on a large map the evaluation is not made twice), otherwise
/// worked out now; `None` for a huge map whose picture (with the evaluation) is being made on
/// another thread: it is taken from there when it comes.
fn assessment(cx: &PanelContext<'_>, id: &StatementId) -> Option<Assessment> {
    let fresh = cx.derived.filter(|d| d.key.stamp == cx.doc.stamp());
    if let Some((of, said)) = fresh.and_then(|d| d.assessment.as_ref())
        && of == id
    {
        return Some(said.clone());
    }
    if cx.derived.is_none_or(|d| d.key.stamp != cx.doc.stamp())
        && cx.doc.map().statement_count() >= crate::ui::derived::BACKGROUND_FROM
    {
        return None;
    }
    let topo = Topology::new(cx.doc.map());
    let Some(s) = topo.position(id) else { return Some(Default::default()) };
    Some(assess(&topo, &Evaluation::of(cx.doc.map(), &topo), s))
}

/// The selected statement, its role and the relation it hangs by, as the inspector shows them.
struct Selected {
    id: StatementId,
    statement: Statement,
    role: Role,
    hangs_by: Option<(RelationId, Relation)>,
}

/// The selected statement as the inspector shows it, if it exists.
fn selected(cx: &PanelContext<'_>, id: StatementId) -> Option<Selected> {
    let map = cx.doc.map();
    let statement = map.statement(&id).cloned()?;
    let role = map.role(&id).unwrap_or(Role::Claim);
    let hangs_by = map.hangs_by(&id).and_then(|r| Some((r, map.relation(r)?.clone())));
    Some(Selected { id, statement, role, hangs_by })
}

impl Inspector {
    /// Reads the fields of the selected statement afresh if the selection or the map changed
    /// (the status bar, drawn before the inspector, shows its summary in the same frame).
    pub fn refresh(&mut self, cx: &PanelContext<'_>, view: &View) {
        if let Some(s) = view.selected.clone().and_then(|id| selected(cx, id)) {
            refresh_fields(cx, &s, self);
        }
    }

    /// Draws the inspector.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &PanelContext<'_>, view: &View, actions: &mut Vec<Action>) {
        show(ui, cx, view, self, actions);
    }
}

/// Draws the inspector with its fields.
fn show(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &View,
    fields: &mut Inspector,
    actions: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    let map = cx.doc.map();
    let Some(id) = view.selected.clone() else {
        ui.heading(&map.title);
        ui.label("Click a statement to see it here.");
        if let Some(source) = &map.source {
            ui.add_space(8.0);
            ui.weak(format!("Source: {}", source.citation()));
        }
        return;
    };
    let Some(s) = selected(cx, id) else { return };
    refresh_fields(cx, &s, fields);
    heading(ui, &s);
    answers(ui, cx, &s);
    conflicts(ui, map, &s.id, actions);
    text_and_commands(ui, map, &s, fields, actions);
    ui.separator();
    evaluation(ui, cx, &s, fields, actions);
    ui.separator();
    ui.strong("Links");
    links(ui, cx, &s.id, actions);
    if let Some((rid, relation)) = &s.hangs_by {
        ui.separator();
        argument(ui, *rid, relation, fields, actions);
        ui.separator();
        questions(ui, cx, *rid, actions);
    }
    ui.separator();
    source_and_note(ui, &s, fields, actions);
    group(ui, cx, view, &s, fields, actions);
    if let Some(source) = &map.source {
        ui.add_space(10.0);
        ui.weak(format!("Map source: {}", source.citation()));
    }
}

/// Reads the fields afresh when another statement is selected or the map changed.
fn refresh_fields(cx: &PanelContext<'_>, s: &Selected, fields: &mut Inspector) {
    let key = (s.id.clone(), cx.doc.stamp());
    if fields.of.as_ref() == Some(&key) {
        if fields.awaiting
            && let Some(a) = assessment(cx, &s.id)
        {
            (fields.explanation, fields.verdict, fields.summary) = (a.explanation, a.verdict, a.summary);
            fields.awaiting = false;
        }
        return;
    }
    let same = fields.of.as_ref().is_some_and(|(id, _)| *id == s.id);
    let (Assessment { explanation, verdict, summary }, awaiting) = match assessment(cx, &s.id) {
        Some(a) => (a, false),
        // The last picture's words for this statement meanwhile, or none yet.
        None if same => {
            let kept = (fields.explanation.clone(), fields.verdict.clone(), fields.summary.clone());
            (Assessment { explanation: kept.0, verdict: kept.1, summary: kept.2 }, true)
        }
        None => {
            (Assessment { explanation: "Working out where it stands…".into(), ..Default::default() }, true)
        }
    };
    let relation = s.hangs_by.as_ref().map(|(_, r)| r);
    let source = s.statement.source.as_ref();
    *fields = Inspector {
        explanation,
        verdict,
        summary,
        relation_label: relation.and_then(|r| r.label.clone()).unwrap_or_default(),
        relation_description: relation.and_then(|r| r.description.clone()).unwrap_or_default(),
        of: Some(key),
        awaiting,
        text: s.statement.text.clone(),
        quote: source.map(|s| s.quote.clone()).unwrap_or_default(),
        reference: source.map(|s| s.cited(cx.doc.map()).into_owned()).unwrap_or_default(),
        cited: source.is_some_and(|s| matches!(s.cited(cx.doc.map()), std::borrow::Cow::Owned(_))),
        note: s.statement.note.clone().unwrap_or_default(),
        group_title: cx
            .doc
            .map()
            .group_of(&s.id)
            .and_then(|g| cx.doc.map().group(g))
            .map(|g| g.title.clone())
            .unwrap_or_default(),
    };
}

/// The role in its colour, the id, whether it is pinned.
fn heading(ui: &mut egui::Ui, s: &Selected) {
    let c = Palette::of(ui.visuals().dark_mode).role(s.role).stroke;
    ui.horizontal(|ui| {
        let role = egui::RichText::new(s.role.as_str().to_uppercase()).strong();
        ui.label(role.color(egui::Color32::from_rgb(c.0[0], c.0[1], c.0[2])));
        ui.weak(s.id.as_str()).on_hover_text("Its id: how the file and the Argdown text name it");
        if s.statement.pinned.is_some() {
            ui.weak("· pinned");
        }
    });
}

/// The conflicts a merge left on the statement: both versions side by side, each kept with one
/// click (one undo step).
fn conflicts(
    ui: &mut egui::Ui,
    map: &crate::model::ArgumentMap,
    id: &StatementId,
    actions: &mut Vec<Action>,
) {
    use crate::versions::{Side, resolve};
    for (index, c) in map.conflicts_of(id) {
        ui.add_space(4.0);
        let red = egui::Color32::from_rgb(0xad, 0x14, 0x57);
        ui.colored_label(red, format!("\u{26a0} Conflict from a merge: {}", c.field.describe()));
        ui.columns(2, |columns| {
            let sides = [(Side::Ours, "Ours (shown now)", &c.ours), (Side::Theirs, "Theirs", &c.theirs)];
            for (ui, (side, name, version)) in columns.iter_mut().zip(sides) {
                ui.strong(name);
                let said = match (c.field, version) {
                    (crate::model::ConflictField::Relation, Some(words)) => Some(relation_said(map, words)),
                    (crate::model::ConflictField::Group, Some(id)) => Some(
                        map.group(id).map_or_else(|| id.clone(), |g| format!("\u{201c}{}\u{201d}", g.title)),
                    ),
                    (crate::model::ConflictField::Group, None) => Some("(in no group)".into()),
                    _ => version.clone(),
                };
                ui.label(said.as_deref().unwrap_or(match c.field {
                    crate::model::ConflictField::Deleted | crate::model::ConflictField::Relation => {
                        "(deleted)"
                    }
                    _ => "(none)",
                }));
                let edit = resolve(map, index, side);
                let button = ui.add_enabled(
                    edit.is_some(),
                    egui::Button::new(format!("Keep {}", if side == Side::Ours { "ours" } else { "theirs" })),
                );
                let button = if edit.is_none() {
                    button.on_disabled_hover_text("Change the relation by hand to match, then keep ours.")
                } else {
                    button
                };
                if button.clicked()
                    && let Some(edit) = edit
                {
                    actions.push(Action::Edit(edit, "resolve a conflict"));
                }
            }
        });
    }
    if map.conflicts_of(id).next().is_some() {
        ui.separator();
    }
}

/// A multi-line text field labelled `label`.
fn field(ui: &mut egui::Ui, label: &str, text: &mut String, rows: usize, salt: &str) -> egui::Response {
    let label = ui.label(label);
    let edit = egui::TextEdit::multiline(text).desired_rows(rows).desired_width(f32::INFINITY).id_salt(salt);
    ui.add(edit).labelled_by(label.id)
}

/// The text field (a change is an edit when the field is left) and the commands on the statement.
fn text_and_commands(
    ui: &mut egui::Ui,
    map: &ArgumentMap,
    s: &Selected,
    fields: &mut Inspector,
    actions: &mut Vec<Action>,
) {
    let text = field(ui, "Text", &mut fields.text, 3, "inspector-text");
    if text.lost_focus() && fields.text.trim() != s.statement.text {
        let new = fields.text.trim().to_owned();
        actions.push(Action::Edit(Edit::SetText { id: s.id.clone(), text: new }, "edit text"));
    }
    ui.horizontal_wrapped(|ui| {
        let adding = [Command::AddReason, Command::AddObjection, Command::AddCoPremise, Command::AddUndercut];
        for command in adding.into_iter().chain([Command::Delete]) {
            let enabled = command.applies_to(map, &s.id);
            if command.button(ui, Some(command.name_on(Some(s.role))), true, enabled) {
                actions.push(Action::Command(command));
            }
        }
    });
}

/// How the label and the verdict differ, where both show.
const LABEL_AND_VERDICT: &str = "The label is formal: one objection nobody has answered puts a statement out, \
however weak. The verdict weighs the reasons and objections in effect by your ratings.";

/// The label and why, the suggested verdict, the what-if marks.
fn evaluation(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    s: &Selected,
    fields: &Inspector,
    actions: &mut Vec<Action>,
) {
    let mark = cx.doc.map().mark(&s.id);
    ui.horizontal(|ui| {
        ui.strong("Evaluation");
        match mark {
            Some(Mark::Rejected) => ui.weak("· you rejected it (what-if)"),
            Some(Mark::Accepted) => ui.weak("· you accept it as given (what-if)"),
            None => ui.weak(""),
        };
    });
    ui.label(&fields.explanation);
    if !fields.verdict.is_empty() {
        ui.weak(&fields.verdict);
        ui.weak(LABEL_AND_VERDICT);
    }
    ui.horizontal_wrapped(|ui| {
        for (command, on) in [
            (Command::ToggleReject, mark == Some(Mark::Rejected)),
            (Command::ToggleAccept, mark == Some(Mark::Accepted)),
        ] {
            let tip = command.shortcuts().first().map(|s| ui.ctx().format_shortcut(s)).unwrap_or_default();
            let hover = format!("Mark it, or clear the mark ({tip}); the map itself does not change");
            if ui.selectable_label(on, command.label()).on_hover_text(hover).clicked() {
                actions.push(Action::Command(command));
            }
        }
        if !cx.doc.map().marks().is_empty() && ui.button("Clear all marks").clicked() {
            actions.push(Action::Command(Command::ClearMarks));
        }
    });
}

/// The argument the statement starts: its title, description and rating.
fn argument(
    ui: &mut egui::Ui,
    rid: RelationId,
    relation: &Relation,
    fields: &mut Inspector,
    actions: &mut Vec<Action>,
) {
    ui.strong("Its argument");
    ui.weak("The arrow this statement starts: a title (an Argdown argument's) and what it says.");
    let label = ui.label("Argument title");
    let edit = egui::TextEdit::singleline(&mut fields.relation_label)
        .desired_width(f32::INFINITY)
        .id_salt("inspector-relation-label");
    let title = ui.add(edit).labelled_by(label.id);
    let description = field(
        ui,
        "Argument description",
        &mut fields.relation_description,
        2,
        "inspector-relation-description",
    );
    ui.horizontal_wrapped(|ui| {
        ui.label("Rating");
        for (rating, text) in [
            (None, "not rated"),
            (Some(Rating::Strong), "strong"),
            (Some(Rating::Weak), "weak"),
            (Some(Rating::Nil), "none"),
        ] {
            if ui.selectable_label(relation.rating == rating, text).clicked() && relation.rating != rating {
                actions.push(Action::Edit(Edit::SetRating { id: rid, rating }, "rate the argument"));
            }
        }
    });
    if title.lost_focus() || description.lost_focus() {
        let trimmed = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let (label, description) = (trimmed(&fields.relation_label), trimmed(&fields.relation_description));
        if label != relation.label || description != relation.description {
            let edit = Edit::SetRelationText { id: rid, label, description };
            actions.push(Action::Edit(edit, "edit argument title"));
        }
    }
}

/// The critical question the statement answers, if it was added as the answer to one.
fn answers(ui: &mut egui::Ui, cx: &PanelContext<'_>, s: &Selected) {
    let map = cx.doc.map();
    let Some(a) = s.statement.answers else { return };
    let asked = crate::schemes::asked(map, a.relation, cx.schemes);
    let Some(question) = asked.as_ref().and_then(|x| x.questions.get(a.question)) else { return };
    let argument = crate::schemes::argument_words(map, a.relation);
    ui.weak(format!("Answers “{}” of the argument {argument}.", question.1.ask));
}

/// The argument's scheme (a button chooses it) and its critical questions: each answered one
/// with the statements answering it (a click selects one), each open one with a button that adds
/// the counter-claim it invites.
fn questions(ui: &mut egui::Ui, cx: &PanelContext<'_>, rid: RelationId, actions: &mut Vec<Action>) {
    let map = cx.doc.map();
    let scheme = map.relation(rid).and_then(|r| r.scheme.as_deref());
    let asked = crate::schemes::asked(map, rid, cx.schemes);
    ui.horizontal_wrapped(|ui| {
        ui.strong("Scheme");
        match (&asked, scheme) {
            (Some(a), _) => ui.label(&a.scheme.name),
            (None, Some(unknown)) => ui.weak(format!("“{unknown}”, which the catalogue does not have")),
            (None, None) => ui.weak("none named"),
        };
        if Command::ChooseScheme.button(ui, Some("Choose…"), true, true) {
            actions.push(Action::Command(Command::ChooseScheme));
        }
    });
    let Some(a) = asked else { return };
    ui.weak(&a.scheme.description);
    ui.label(format!("Critical questions: {}", a.said()));
    for (q, question, by) in &a.questions {
        ui.horizontal_wrapped(|ui| match by.first() {
            Some(first) => {
                ui.weak("Answered:");
                ui.label(&question.ask);
                let text = map.statement(first).map(|s| short(&s.text)).unwrap_or_default();
                if ui.link(format!("answered by “{text}”")).clicked() {
                    actions.push(Action::Select(first.clone()));
                }
            }
            None => {
                ui.weak("Open:");
                ui.label(&question.ask);
                let attacks = question.attacks.in_argument(map.relation(rid).map_or(0, |r| r.premises.len()));
                let hint = format!("Adds {} that answers it, and you type it", attacks.answered_by());
                if ui.small_button("Answer").on_hover_text(hint).clicked() {
                    actions.push(Action::AnswerQuestion(rid, *q));
                }
                doubt(ui, map, (rid, *q), actions);
            }
        });
    }
}

/// The what-if toggle of open question `q` of relation `rid`: doubting it disables the argument
/// in the evaluation until a statement answers it.
fn doubt(
    ui: &mut egui::Ui,
    map: &crate::model::ArgumentMap,
    (rid, q): (RelationId, usize),
    actions: &mut Vec<Action>,
) {
    let doubted = map.relation(rid).is_some_and(|r| r.doubted.contains(&q));
    let hint = "What if the answer is no? The evaluation counts the argument as disabled, as if an \
        undercut stood, until a statement answers the question (what-if: Clear all what-if marks \
        clears it)";
    let label = if doubted { "Doubted (what-if)" } else { "Doubt" };
    let button = egui::Button::new(label).small().selected(doubted);
    if ui.add(button).on_hover_text(hint).clicked()
        && let Some(edit) = crate::edit::toggle_doubt(map, rid, q)
    {
        let said =
            if doubted { "stop doubting a critical question" } else { "doubt a critical question (what-if)" };
        actions.push(Action::Edit(edit, said));
    }
}

/// The source quote and reference, and the note.
fn source_and_note(ui: &mut egui::Ui, s: &Selected, fields: &mut Inspector, actions: &mut Vec<Action>) {
    ui.strong("Source");
    let quote = field(ui, "Quote (the exact words of the source)", &mut fields.quote, 2, "inspector-quote");
    let label = ui.label("Reference");
    let edit = egui::TextEdit::singleline(&mut fields.reference)
        .desired_width(f32::INFINITY)
        .interactive(!fields.cited)
        .id_salt("inspector-reference");
    let mut reference = ui.add(edit).labelled_by(label.id);
    if fields.cited {
        reference = reference.on_hover_text(
            "Where the quote is in its document, as the source pane numbers the paragraphs (titles and headings are not counted)",
        );
    }
    if quote.lost_focus() || reference.lost_focus() {
        let (q, r) = (fields.quote.trim(), fields.reference.trim());
        // The document stays named; a location stays only while the quote is the one located,
        // and with it the reference as written (what is shown is cited from the place).
        let old = s.statement.source.as_ref();
        let at = old.filter(|o| o.quote == q).and_then(|o| o.at);
        let r = match old.filter(|_| fields.cited && at.is_some()) {
            Some(o) => o.reference.as_str(),
            None => r,
        };
        let document = old.and_then(|o| o.document.clone());
        let source = (!q.is_empty() || !r.is_empty()).then(|| Source {
            quote: q.to_owned(),
            reference: r.to_owned(),
            document,
            at,
        });
        if source != s.statement.source {
            actions.push(Action::Edit(Edit::SetSource { id: s.id.clone(), source }, "edit source"));
        }
    }
    ui.add_space(4.0);
    let label = ui.strong("Note");
    let edit = egui::TextEdit::multiline(&mut fields.note)
        .desired_rows(2)
        .desired_width(f32::INFINITY)
        .id_salt("inspector-note");
    let note = ui.add(edit).labelled_by(label.id);
    if note.lost_focus() {
        let new = Some(fields.note.trim().to_owned()).filter(|n| !n.is_empty());
        if new != s.statement.note {
            actions.push(Action::Edit(Edit::SetNote { id: s.id.clone(), note: new }, "edit note"));
        }
    }
}

/// The statement's group, its title editable (renames the group), with Group and Ungroup; or,
/// with several statements selected, how many and Group.
fn group(
    ui: &mut egui::Ui,
    cx: &PanelContext<'_>,
    view: &View,
    s: &Selected,
    fields: &mut Inspector,
    actions: &mut Vec<Action>,
) {
    let map = cx.doc.map();
    let group = map.group_of(&s.id).and_then(|g| map.group(g));
    let several = view.selection().len();
    if group.is_none() && several < 2 {
        return;
    }
    ui.separator();
    if several > 1 {
        ui.label(format!("{several} statements selected (Ctrl-click or Shift-drag to change)."));
    }
    if let Some(g) = group {
        let label = ui.strong("Group");
        let edit = egui::TextEdit::singleline(&mut fields.group_title)
            .desired_width(f32::INFINITY)
            .id_salt("inspector-group");
        let title = ui.add(edit).labelled_by(label.id);
        let new = fields.group_title.trim();
        if title.lost_focus() && !new.is_empty() && new != g.title {
            let edit = Edit::SetGroupTitle { id: g.id.clone(), title: new.to_owned() };
            actions.push(Action::Edit(edit, "rename group"));
        }
    }
    ui.horizontal(|ui| {
        for (c, enabled) in [(Command::Group, several > 1), (Command::Ungroup, group.is_some())] {
            if c.button(ui, None, true, enabled) {
                actions.push(Action::Command(c));
            }
        }
    });
}

/// The statement's links: what it supports or objects to (with its co-premises), and what
/// supports or objects to it. Each entry selects the statement it names.
fn links(ui: &mut egui::Ui, cx: &PanelContext<'_>, id: &StatementId, actions: &mut Vec<Action>) {
    let map = cx.doc.map();
    let mut rows: Vec<(String, StatementId, Option<RelationId>)> = Vec::new();
    for rid in map.relations_from(id) {
        let Some(r) = map.relation(rid) else { continue };
        let verb = match (r.kind, r.is_undercut()) {
            (_, true) => "Undercuts the inference to",
            (RelationKind::Support, false) => "Supports",
            (RelationKind::Objection, false) => "Objects to",
        };
        let Some(conclusion) = map.concluded(r) else { continue };
        rows.push((verb.to_owned(), conclusion.clone(), (!r.is_undercut()).then_some(rid)));
        for p in r.premises.iter().filter(|p| *p != id) {
            rows.push(("together with".to_owned(), p.clone(), None));
        }
    }
    for kind in [RelationKind::Support, RelationKind::Objection] {
        for rid in map.relations_to(id) {
            let Some(r) = map.relation(rid) else { continue };
            if r.kind != kind {
                continue;
            }
            let what = match (kind, r.is_linked()) {
                (RelationKind::Support, false) => "Reason",
                (RelationKind::Support, true) => "Reason (co-premise)",
                (RelationKind::Objection, false) => "Objection",
                (RelationKind::Objection, true) => "Objection (co-premise)",
            };
            for p in &r.premises {
                rows.push((what.to_owned(), p.clone(), None));
            }
        }
    }
    for rid in map.relations_to(id) {
        for u in map.undercuts_of(rid) {
            let Some(u) = map.relation(u) else { continue };
            for p in &u.premises {
                rows.push(("Undercut (objects to an inference)".to_owned(), p.clone(), None));
            }
        }
    }
    if rows.is_empty() {
        ui.weak("No links: a free-standing claim.");
        return;
    }
    let mut go = None;
    let mut flip = None;
    for (what, target, relation) in &rows {
        ui.horizontal_wrapped(|ui| {
            // Not selectable text: it would take the keyboard focus with no name of its own.
            ui.add(egui::Label::new(egui::RichText::new(what.as_str()).weak()).selectable(false));
            let text = map.statement(target).map(|s| short(&s.text)).unwrap_or_default();
            let shown = if text.is_empty() { target.to_string() } else { text };
            // One line, cut short if it must: a link wrapped from the middle of a row is split
            // by egui into pieces a screen reader meets as unnamed stops.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let link = ui.link(shown.as_str());
            // A screen reader hears how it is linked with where the link goes.
            link.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Link, true, format!("{what}: {shown}"))
            });
            if link.clicked() {
                go = Some(target.clone());
            }
            if let Some(rid) = relation
                && ui.small_button("flip").on_hover_text("Switch between support and objection").clicked()
            {
                flip = Some(*rid);
            }
        });
    }
    if let Some(target) = go {
        actions.push(Action::Select(target));
    }
    if let Some(edit) = flip.and_then(|rid| crate::edit::flip(map, rid)) {
        actions.push(Action::Edit(edit, "switch support/objection"));
    }
}

/// A relation as a merge conflict records it ("support: a + b -> c", by ids; an undercut's target
/// "the inference a -> c") in the user's words: “A…” and “B…” support “C…”. Ids that name no
/// statement of the map stay as they are; words of another shape are shown as they are.
fn relation_said(map: &ArgumentMap, words: &str) -> String {
    let name =
        |id: &str| map.statement(id).map_or_else(|| id.to_owned(), |s| crate::printable::named(&s.text));
    let list = |ids: &str| {
        let named: Vec<String> = ids.split(" + ").map(name).collect();
        match named.as_slice() {
            [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
            _ => named.join(""),
        }
    };
    let Some((kind, rest)) = words.split_once(": ") else { return words.to_owned() };
    let Some((premises, to)) = rest.split_once(" -> ") else { return words.to_owned() };
    let several = premises.contains(" + ");
    let verb = match (kind, several) {
        ("support", false) => "supports",
        ("support", true) => "together support",
        (_, false) => "objects to",
        (_, true) => "together object to",
    };
    let to = match to.strip_prefix("the inference ").and_then(|t| t.split_once(" -> ")) {
        Some((from, c)) => format!("the inference from {} to {}", list(from), name(c)),
        None => name(to),
    };
    format!("{} {verb} {to}", list(premises))
}

#[cfg(test)]
mod tests {
    #[test]
    fn issue31_a_conflicting_relation_is_said_in_words() {
        let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap_or_default();
        assert_eq!(
            super::relation_said(&map, "objection: precedent -> cooperate-with-transition"),
            "\u{201c}It would set a precedent: the UN's preference\u{2026}\u{201d} objects to \u{201c}MINUSMA should keep cooperating closely with Mali's post-coup\u{2026}\u{201d}"
        );
        let undercut = super::relation_said(&map, "objection: gone + precedent -> the inference a -> b");
        assert_eq!(
            undercut,
            "gone and \u{201c}It would set a precedent: the UN's preference\u{2026}\u{201d} together object to the inference from a to b"
        );
        assert_eq!(super::relation_said(&map, "anything else"), "anything else");
    }
}
