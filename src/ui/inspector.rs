//! The inspector panel: the selected statement's text, role, source and note (editable), the
//! actions on it, and its links, each of which selects the statement it names.

use super::app::{App, short};
use super::command::Command;
use crate::edit::Edit;
use crate::model::{RelationKind, Role, Source, StatementId, Topology};
use crate::scene::{Palette, Shown};

/// The editable fields of the selected statement, kept while the user types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    /// Whose fields these are, and at which document version they were read.
    pub of: Option<(StatementId, u64, u64)>,
    /// The text.
    pub text: String,
    /// The source quote.
    pub quote: String,
    /// The source reference.
    pub reference: String,
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
}

/// The explanation and suggested verdict of the statement at position `s`, in words, from the
/// map's evaluation.
pub fn assess(topo: &Topology<'_>, evaluation: &Shown, s: usize) -> (String, String) {
    let (labels, marks) = (&evaluation.labels, &evaluation.marks);
    if s >= topo.len() || labels.len() != topo.len() || marks.len() != topo.len() {
        return Default::default();
    }
    let mut explanation = crate::eval::explain(topo, labels, marks, s);
    if let Some(disabled) = crate::eval::disabled_argument(topo, labels, s) {
        explanation = format!("{explanation}\n{disabled}");
    }
    let verdict = crate::eval::verdict(topo, labels, s)
        .map(|(v, total)| format!("Suggested verdict from the ratings: {} (total {total:+}).", v.as_str()))
        .unwrap_or_default();
    (explanation, verdict)
}

/// [`assess`] for statement `id`: taken from the app's derived data when it was made for this
/// very map and selection (after an edit on a large map the evaluation is not made twice),
/// otherwise worked out now.
fn assessment(app: &App, id: &StatementId) -> (String, String) {
    let fresh = app
        .derived
        .as_ref()
        .filter(|d| d.key.doc_version == app.doc.version && d.key.doc_generation == app.doc_generation);
    if let Some((of, said)) = fresh.and_then(|d| d.assessment.as_ref())
        && of == id
    {
        return said.clone();
    }
    let topo = Topology::new(&app.doc.map);
    let Some(s) = topo.position(id) else { return Default::default() };
    assess(&topo, &Shown::of(&app.doc.map, &topo), s)
}

/// Draws the inspector.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    ui.add_space(6.0);
    let Some(id) = app.view.selected.clone() else {
        ui.heading(&app.doc.map.title);
        ui.label("Click a statement to see it here.");
        if let Some(source) = &app.doc.map.source {
            ui.add_space(8.0);
            ui.weak(format!("Source: {}", source.citation()));
        }
        return;
    };
    let Some(statement) = app.doc.map.statement(&id).cloned() else { return };
    let role = app.doc.map.role(&id).unwrap_or(Role::Claim);
    let key = (id.clone(), app.doc.version, app.doc_generation);
    let hangs_by = app.doc.map.relations_from(&id).first().copied();
    let statement_mark = app.doc.map.mark(&id);
    let relation = hangs_by.and_then(|r| app.doc.map.relation(r)).cloned();
    if app.fields.of.as_ref() != Some(&key) {
        let (explanation, verdict) = assessment(app, &id);
        app.fields = Fields {
            explanation,
            verdict,
            relation_label: relation.as_ref().and_then(|r| r.label.clone()).unwrap_or_default(),
            relation_description: relation.as_ref().and_then(|r| r.description.clone()).unwrap_or_default(),
            of: Some(key),
            text: statement.text.clone(),
            quote: statement.source.as_ref().map(|s| s.quote.clone()).unwrap_or_default(),
            reference: statement.source.as_ref().map(|s| s.reference.clone()).unwrap_or_default(),
            note: statement.note.clone().unwrap_or_default(),
        };
    }

    let palette = Palette::of(ui.visuals().dark_mode);
    let c = palette.role(role).stroke;
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(role.as_str().to_uppercase())
                .strong()
                .color(egui::Color32::from_rgb(c.0[0], c.0[1], c.0[2])),
        );
        ui.weak(id.as_str());
        if statement.pinned.is_some() {
            ui.weak("· pinned");
        }
    });

    let label = ui.label("Text");
    let text = ui
        .add(
            egui::TextEdit::multiline(&mut app.fields.text)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .id_salt("inspector-text"),
        )
        .labelled_by(label.id);
    if text.lost_focus() && app.fields.text.trim() != statement.text {
        let new = app.fields.text.trim().to_owned();
        app.apply(Edit::SetText { id: id.clone(), text: new }, "edit text");
    }

    ui.horizontal_wrapped(|ui| {
        for (command, text) in [
            (Command::AddReason, "+ Reason"),
            (
                Command::AddObjection,
                if matches!(role, Role::Objection | Role::Rebuttal) {
                    "− Rebuttal"
                } else {
                    "− Objection"
                },
            ),
            (Command::AddCoPremise, "Co-premise"),
            (Command::AddUndercut, "Undercut"),
            (Command::Delete, "Delete"),
        ] {
            let tip = command.shortcuts().first().map(|s| ui.ctx().format_shortcut(s)).unwrap_or_default();
            let enabled = match command {
                Command::AddCoPremise => role != Role::Claim,
                Command::AddUndercut => relation.as_ref().is_some_and(|r| !r.is_undercut()),
                _ => true,
            };
            if ui
                .add_enabled(enabled, egui::Button::new(text))
                .on_hover_text(format!("{} ({tip})", command.label()))
                .clicked()
            {
                app.queued.push(command);
            }
        }
    });

    ui.separator();
    ui.horizontal(|ui| {
        ui.strong("Evaluation");
        if let Some(mark) = statement_mark {
            ui.weak(match mark {
                crate::model::Mark::Rejected => "· you rejected it (what-if)",
                crate::model::Mark::Accepted => "· you accept it as given (what-if)",
            });
        }
    });
    ui.label(&app.fields.explanation);
    if !app.fields.verdict.is_empty() {
        ui.weak(&app.fields.verdict);
    }
    ui.horizontal_wrapped(|ui| {
        let rejected = statement_mark == Some(crate::model::Mark::Rejected);
        let accepted = statement_mark == Some(crate::model::Mark::Accepted);
        for (command, on, text) in [
            (Command::ToggleReject, rejected, "What if rejected?"),
            (Command::ToggleAccept, accepted, "What if accepted?"),
        ] {
            let tip = command.shortcuts().first().map(|s| ui.ctx().format_shortcut(s)).unwrap_or_default();
            if ui.selectable_label(on, text).on_hover_text(format!("{} ({tip})", command.label())).clicked() {
                app.queued.push(command);
            }
        }
        if !app.doc.map.marks().is_empty() && ui.button("Clear all marks").clicked() {
            app.queued.push(Command::ClearMarks);
        }
    });

    ui.separator();
    ui.strong("Links");
    links(app, ui, &id);

    if let (Some(rid), Some(relation)) = (hangs_by, &relation) {
        ui.separator();
        ui.strong("Its argument");
        ui.weak(
            "The arrow this statement starts: a title (an Argdown argument, an AIF scheme) and what it says.",
        );
        let label = ui.label("Argument title");
        let title = ui
            .add(
                egui::TextEdit::singleline(&mut app.fields.relation_label)
                    .desired_width(f32::INFINITY)
                    .id_salt("inspector-relation-label"),
            )
            .labelled_by(label.id);
        let label = ui.label("Argument description");
        let description = ui
            .add(
                egui::TextEdit::multiline(&mut app.fields.relation_description)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .id_salt("inspector-relation-description"),
            )
            .labelled_by(label.id);
        ui.horizontal_wrapped(|ui| {
            ui.label("Rating");
            for (rating, text) in [
                (None, "not rated"),
                (Some(crate::model::Rating::Strong), "strong"),
                (Some(crate::model::Rating::Weak), "weak"),
                (Some(crate::model::Rating::Nil), "none"),
            ] {
                if ui.selectable_label(relation.rating == rating, text).clicked() && relation.rating != rating
                {
                    app.apply(Edit::SetRating { id: rid, rating }, "rate the argument");
                }
            }
        });
        if title.lost_focus() || description.lost_focus() {
            let trimmed = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            let (label, description) =
                (trimmed(&app.fields.relation_label), trimmed(&app.fields.relation_description));
            if label != relation.label || description != relation.description {
                app.apply(Edit::SetRelationText { id: rid, label, description }, "edit argument title");
            }
        }
    }

    ui.separator();
    ui.strong("Source");
    let label = ui.label("Quote (the exact words of the source)");
    let quote = ui
        .add(
            egui::TextEdit::multiline(&mut app.fields.quote)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .id_salt("inspector-quote"),
        )
        .labelled_by(label.id);
    let label = ui.label("Reference");
    let reference = ui
        .add(
            egui::TextEdit::singleline(&mut app.fields.reference)
                .desired_width(f32::INFINITY)
                .id_salt("inspector-reference"),
        )
        .labelled_by(label.id);
    if quote.lost_focus() || reference.lost_focus() {
        let source =
            (!app.fields.quote.trim().is_empty() || !app.fields.reference.trim().is_empty()).then(|| {
                Source {
                    quote: app.fields.quote.trim().to_owned(),
                    reference: app.fields.reference.trim().to_owned(),
                }
            });
        if source != statement.source {
            app.apply(Edit::SetSource { id: id.clone(), source }, "edit source");
        }
    }

    ui.add_space(4.0);
    let label = ui.strong("Note");
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut app.fields.note)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .id_salt("inspector-note"),
        )
        .labelled_by(label.id);
    if note.lost_focus() {
        let new = Some(app.fields.note.trim().to_owned()).filter(|n| !n.is_empty());
        if new != statement.note {
            app.apply(Edit::SetNote { id: id.clone(), note: new }, "edit note");
        }
    }
    if let Some(source) = &app.doc.map.source {
        ui.add_space(10.0);
        ui.weak(format!("Map source: {}", source.citation()));
    }
}

/// The statement's links: what it supports or objects to (with its co-premises), and what
/// supports or objects to it. Each entry selects the statement it names.
fn links(app: &mut App, ui: &mut egui::Ui, id: &StatementId) {
    let map = &app.doc.map;
    let mut rows: Vec<(String, StatementId, Option<crate::model::RelationId>)> = Vec::new();
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
            ui.weak(what);
            let text = map.statement(target).map(|s| short(&s.text)).unwrap_or_default();
            if ui.link(if text.is_empty() { target.to_string() } else { text }).clicked() {
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
        app.view.select(target);
    }
    if let Some(rid) = flip
        && let Some(kind) = app.doc.map.relation(rid).map(|r| r.kind.flipped())
    {
        app.apply(Edit::SetKind { id: rid, kind }, "switch support/objection");
    }
}
