//! Argument schemes and critical questions in the app (issue 36): choosing an argument's scheme
//! (a dialog that finds schemes by name and suggests some from the argument's words, all by
//! keyboard), and turning an open critical question into the counter-claim it invites: an
//! objection to the premise, an undercut of the inference, or an objection to the conclusion,
//! typed in place with the question as its prompt and marked as answering it.

use super::actions::in_words;
use super::*;
use crate::edit::{self, Edit};
use crate::model::{Answer, RelationId, RelationKind, Target};
use crate::schemes::{Attacks, Scheme};

/// The scheme dialog while it is open: which argument, what the user typed to find a scheme,
/// which row is highlighted.
#[derive(Debug, Clone, PartialEq)]
pub struct Choosing {
    relation: RelationId,
    find: String,
    at: usize,
}

impl App {
    /// What the status line says of the selected statement's argument's critical questions.
    pub(super) fn questions_note(&self) -> Option<String> {
        let map = self.doc.map();
        let rid = map.hangs_by(self.view.selected.as_ref()?)?;
        let a = crate::schemes::asked(map, rid, &self.schemes)?;
        Some(format!("{}: {}", a.scheme.name, a.said()))
    }

    /// Opens the scheme dialog for the argument statement `id` hangs by.
    pub(super) fn choose_scheme(&mut self, id: &StatementId) {
        match self.doc.map().hangs_by(id) {
            Some(relation) => {
                self.show_modal(Modal::Scheme(Box::new(Choosing { relation, find: String::new(), at: 0 })))
            }
            None => {
                self.window.status = "A claim has no argument to name a scheme for: select a premise.".into()
            }
        }
    }

    /// The counter-claim the next open critical question of the argument statement `id` hangs
    /// by invites.
    pub(super) fn answer_next_question(&mut self, id: &StatementId) {
        let map = self.doc.map();
        let Some(rid) = map.hangs_by(id) else {
            self.window.status = "A claim has no argument with critical questions: select a premise.".into();
            return;
        };
        let Some(asked) = crate::schemes::asked(map, rid, &self.schemes) else {
            self.window.status = "Its argument names no scheme: choose one first (S).".into();
            return;
        };
        match asked.questions.iter().find(|q| q.2.is_empty()) {
            Some(&(q, ..)) => self.answer_question(rid, q),
            None => self.window.status = format!("Its argument has no open question: {}.", asked.said()),
        }
    }

    /// Adds the counter-claim question `q` of argument `rid` invites, marked as answering it, and
    /// starts typing it with the question as the prompt.
    pub(super) fn answer_question(&mut self, rid: RelationId, q: usize) {
        let map = self.doc.map();
        let Some(asked) = crate::schemes::asked(map, rid, &self.schemes) else { return };
        let (Some(relation), Some(&(_, question, _))) = (map.relation(rid), asked.questions.get(q)) else {
            return;
        };
        let ask = question.ask.clone();
        let id = map.fresh_id("answer");
        let made = match question.attacks.in_argument(relation.premises.len()) {
            Attacks::Premise(n) => {
                let premise = relation.premises[n].clone();
                Ok(edit::add_premise_as(map, id.clone(), &premise, RelationKind::Objection, ""))
            }
            Attacks::Conclusion => match &relation.conclusion {
                Target::Statement(c) => {
                    Ok(edit::add_premise_as(map, id.clone(), c, RelationKind::Objection, ""))
                }
                Target::Relation(t) => edit::add_undercut_as(map, id.clone(), *t, "").map(|(e, _)| e),
            },
            Attacks::Inference => edit::add_undercut_as(map, id.clone(), rid, "").map(|(e, _)| e),
        };
        let made = match made {
            Ok(e) => e,
            Err(e) => return self.window.status = in_words(map, &format!("Cannot answer it here: {e}")),
        };
        let answers = Some(Answer { relation: rid, question: q });
        let edit = Edit::Batch(vec![made, Edit::SetAnswers { id: id.clone(), answers }]);
        self.add_and_type(edit, id, "answer a critical question");
        if let Some(Gesture::Typing(t)) = &mut self.gesture {
            t.prompt = Some(ask);
        }
    }

    /// Draws the scheme dialog; keeps it while no scheme is chosen and it is not cancelled.
    pub(super) fn scheme_dialog(&mut self, ctx: &egui::Context, mut c: Box<Choosing>) -> Option<Modal> {
        let words = crate::schemes::argument_words(self.doc.map(), c.relation);
        let current = self.doc.map().relation(c.relation).and_then(|r| r.scheme.clone());
        let rows = rows(&self.schemes, &words, &c.find);
        let (up, down, enter) = ctx.input_mut(|i| {
            let k = |i: &mut egui::InputState, key| i.consume_key(egui::Modifiers::NONE, key);
            (k(i, egui::Key::ArrowUp), k(i, egui::Key::ArrowDown), k(i, egui::Key::Enter))
        });
        c.at = if up {
            c.at.saturating_sub(1)
        } else if down {
            (c.at + 1).min(rows.len())
        } else {
            c.at.min(rows.len())
        };
        let mut chosen: Option<Option<String>> = None;
        let modal = egui::Modal::new(egui::Id::unique("scheme")).show(ctx, |ui| {
            ui.set_max_width(640.0);
            ui.heading("Argument scheme");
            ui.label(format!("Of the argument {words}."));
            let find = ui.add(
                egui::TextEdit::singleline(&mut c.find)
                    .hint_text("Find a scheme by name")
                    .id_salt("scheme-find"),
            );
            find.request_focus();
            egui::ScrollArea::vertical().max_height(340.0).show(ui, |ui| {
                for (k, (scheme, why)) in rows.iter().enumerate() {
                    let mark =
                        if current.as_deref() == Some(scheme.id.as_str()) { " (its scheme now)" } else { "" };
                    let text = match why {
                        Some(why) => format!("{}{mark} — suggested: {why}", scheme.name),
                        None => format!("{}{mark}", scheme.name),
                    };
                    if ui.selectable_label(k == c.at, text).clicked() || (enter && k == c.at) {
                        chosen = Some(Some(scheme.id.clone()));
                    }
                    if k == c.at {
                        ui.weak(format!(
                            "{} {} So: {}",
                            scheme.description,
                            scheme.premises.join(" "),
                            scheme.conclusion
                        ));
                    }
                }
                if ui.selectable_label(c.at == rows.len(), "No scheme").clicked()
                    || (enter && c.at == rows.len())
                {
                    chosen = Some(None);
                }
            });
            ui.weak("Up and Down to pick, Enter to choose, Esc to cancel.");
        });
        match chosen {
            Some(scheme) if scheme != current => {
                let said = scheme.as_deref().and_then(|s| self.schemes.get(s)).map(|s| s.name.clone());
                self.edit(Edit::SetScheme { id: c.relation, scheme }, "choose a scheme");
                self.window.status = match said {
                    Some(name) => format!("{name}: Q answers its next critical question."),
                    None => "The argument names no scheme now.".into(),
                };
                None
            }
            Some(_) => None,
            None if modal.should_close() => {
                self.window.status = "No scheme chosen.".into();
                None
            }
            None => Some(Modal::Scheme(c)),
        }
    }
}

/// The rows of the scheme dialog: the schemes the argument's words suggest (with why), then the
/// rest, those whose name, id or description holds `find`.
fn rows<'c>(
    catalogue: &'c crate::schemes::Catalogue,
    words: &str,
    find: &str,
) -> Vec<(&'c Scheme, Option<String>)> {
    let find = find.trim().to_lowercase();
    let matches = |s: &Scheme| {
        find.is_empty() || [&s.name, &s.id, &s.description].iter().any(|t| t.to_lowercase().contains(&find))
    };
    let suggested = catalogue.suggest(words);
    let mut rows: Vec<(&Scheme, Option<String>)> =
        suggested.iter().filter(|(s, _)| matches(s)).map(|(s, why)| (*s, Some(why.clone()))).collect();
    for s in catalogue.schemes().iter().filter(|s| matches(s)) {
        if !rows.iter().any(|(r, _)| r.id == s.id) {
            rows.push((s, None));
        }
    }
    rows
}
