//! Applying what the panels and the keys ask for: the only code that changes the document and
//! its history. Commands are grouped (files, editing, the view) so each group reads at once.

use super::dialogs::Deleting;
use super::{App, Modal};
use crate::edit::{self, Edit};
use crate::model::{Mark, Pos, RelationKind, Role, Source, StatementId};
use crate::ui::action::{Action, Gesture, Pending, Typing};
use crate::ui::command::Command;
use crate::ui::files::FileUse;
use crate::ui::view::{self, Search};

impl App {
    /// Applies every action asked for so far, in order.
    pub(super) fn apply_all(&mut self, ctx: &egui::Context) {
        while !self.actions.is_empty() {
            for action in std::mem::take(&mut self.actions) {
                self.apply(action, ctx);
            }
        }
    }

    /// Applies one action now (the panels' actions are applied this way at the end of a frame).
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        if action.may_change_map(self.connecting().is_some()) {
            self.settle_text();
            self.finish_whole();
        }
        match action {
            Action::Command(command) => self.run(command, ctx),
            Action::CommandOn(id, command) => {
                self.select(id);
                self.run(command, ctx);
            }
            Action::Edit(edit, label) => {
                self.edit(edit, label);
            }
            Action::Select(id) => self.select(id),
            Action::Request(pending) => self.request(pending, ctx),
            Action::Type(text) => {
                if let Some(Gesture::Typing(typing)) = &mut self.gesture {
                    typing.buffer = text;
                }
            }
            Action::TypingFocused => {
                if let Some(Gesture::Typing(typing)) = &mut self.gesture {
                    typing.focus = false;
                }
            }
            Action::FinishTyping(commit) => self.finish_typing(commit),
            Action::CancelConnecting => {
                self.gesture = None;
                self.window.status = "Connecting cancelled.".into();
            }
            Action::Drag(id, by) => self.drag(id, by),
            Action::Drop => self.drop_box(),
            Action::FromSelection(kind) => self.use_selection(kind),
            Action::CancelReading => {
                self.documents.cancel();
                self.window.status = "Reading the document stopped.".into();
            }
            Action::ReadAgain => self.documents.read_again(),
            Action::AnswerQuestion(rid, q) => self.answer_question(rid, q),
            Action::TextTyped(at) => self.text_pane.typed(at),
            Action::BringBackText(at) => self.text_pane.bring_back(at),
        }
    }

    /// The keys of the frame, as commands (the keymap: [`Command::shortcuts`]).
    pub(super) fn keys(&mut self, ctx: &egui::Context) {
        if let Some(text) = self.window.key_text.take() {
            ctx.input_mut(|i| take_text(&mut i.events, text));
        }
        match &self.gesture {
            Some(Gesture::Typing(_)) => return, // the text field owns the keyboard
            Some(Gesture::Connecting { .. }) => {
                if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
                    self.actions.push(Action::CancelConnecting);
                    return;
                }
                // From the keyboard: walk to the target with the arrow keys, Enter connects.
                if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
                    && let Some(target) = self.view.selected.clone()
                {
                    self.actions.push(Action::Select(target));
                    return;
                }
            }
            _ => {}
        }
        // Escape closes the help window, as it closes any window on top.
        if self.view.help && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            self.view.help = false;
            return;
        }
        // Another widget with the keyboard (a text field, a slider, a button) keeps it; the
        // selected box with the focus, or the map, does not.
        let focused = ctx.memory(|m| m.focused());
        let own =
            [self.view.selected.as_deref().map(crate::ui::panel::box_id), Some(crate::ui::panel::map_id())];
        let typing = focused.is_some_and(|f| !own.contains(&Some(f)));
        // What comes after a key that starts typing (+ adds a reason and types it) is the text
        // field's, even in the frame the key is in: a fast typist's words, not commands.
        let later = if typing { None } else { ctx.input_mut(|i| text_after_typing_key(&mut i.events)) };
        let mut fired = Vec::new();
        for &command in Command::keymap() {
            if typing && !command.works_while_typing() {
                continue;
            }
            for shortcut in command.each_shortcut() {
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    self.actions.push(Action::Command(command));
                    fired.push(command);
                }
            }
        }
        if fired.iter().any(|c| c.starts_typing()) {
            // The field has the keys from now on: a space or Enter after the `+` must not
            // press the box or the map that had the focus.
            ctx.memory_mut(|m| m.request_focus(crate::ui::panel::editor_id()));
        }
        ctx.input_mut(|i| {
            let mut later = later.unwrap_or_default();
            for text in fired.iter().filter_map(|c| c.typed_text()) {
                // A key's own text is not typed (nor sent to a field); not with the key, it
                // may come the next frame.
                let taken = take_text(&mut i.events, text) || take_text(&mut later, text);
                self.window.key_text = (!taken).then_some(text);
            }
            i.events.append(&mut later);
        });
    }

    /// Runs a command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        self.finish_whole(); // a command may change the map
        if std::mem::take(&mut self.window.opening_hint) {
            self.window.status.clear();
        }
        use Command::*;
        match command {
            New | NewFromDocument | Open | Save | SaveAs | Quit | Import | Export(_) | CopyImage
            | LocateDocument | CompareWith | CompareSaved => self.run_file(command, ctx),
            ShareLive | JoinLive | LiveSession | LeaveLive => self.run_live(command, ctx),
            Undo | Redo | AddReason | AddObjection | AddCoPremise | AddUndercut | AddClaim | EditText
            | AnswerQuestion | ChooseScheme | Delete | FlipKind | ConnectAsReason | ConnectAsObjection
            | Unpin | ToggleReject | ToggleAccept | ClearMarks | Group | Ungroup => {
                self.run_edit(command, ctx.input(|i| i.time))
            }
            ToggleCollapse | ToggleFocus | Fit | ZoomIn | ZoomOut | Search | Back | Forward | SelectUp
            | SelectDown | SelectLeft | SelectRight | ToggleLegend | ToggleEval | Help | ToggleSource
            | ToggleArgdown | ToggleQuestions | About => self.run_view(command),
            NextChange => self.step_change(1),
            PreviousChange => self.step_change(-1),
            CloseComparison => {
                self.comparison = None;
                self.window.status = "Stopped comparing.".into();
            }
        }
    }

    /// The File menu's commands.
    fn run_file(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.request(Pending::New, ctx),
            Command::Open => self.request(Pending::Open(None), ctx),
            Command::Save => self.save(false, None, ctx),
            Command::SaveAs => self.save(true, None, ctx),
            Command::Quit => self.request(Pending::Quit, ctx),
            Command::Import => self.request(Pending::Import(None), ctx),
            Command::NewFromDocument => self.request(Pending::NewFromDocument(None), ctx),
            Command::Export(format) => self.choose_file(FileUse::Export(format), ctx),
            Command::CopyImage => self.copy_image(ctx),
            Command::LocateDocument => self.choose_file(FileUse::LocateDocument, ctx),
            Command::CompareWith => self.choose_file(FileUse::Compare, ctx),
            Command::CompareSaved => self.compare_saved(),
            _ => {}
        }
    }

    /// The commands that change the map (the Edit menu's, and what-if marks), at app time `now`.
    pub(super) fn run_edit(&mut self, command: Command, now: f64) {
        let selected = self.view.selected.clone();
        match (command, selected) {
            // Typing in the Argdown pane may be the newest change.
            (Command::Undo | Command::Redo, _) if self.undo_typing(command == Command::Undo, now) => {}
            (Command::Undo | Command::Redo, _) => self.undo(command == Command::Undo),
            (Command::AddClaim, _) => {
                let (edit, id) = edit::add_claim_as(self.doc.map(), self.doc.map().fresh_id("claim"), "");
                self.add_and_type(edit, id, "add claim");
            }
            (Command::AddReason, Some(id)) => self.add_premise(id, RelationKind::Support),
            (Command::AddObjection, Some(id)) => self.add_premise(id, RelationKind::Objection),
            (Command::AddCoPremise | Command::AddUndercut, Some(id)) => self.add_to_argument(command, id),
            (Command::EditText, Some(id)) => {
                if let Some(s) = self.doc.map().statement(&id) {
                    let typing = Typing {
                        buffer: s.text.clone(),
                        id,
                        is_new: false,
                        focus: true,
                        fallback: None,
                        prompt: None,
                    };
                    self.gesture = Some(Gesture::Typing(typing));
                }
            }
            (Command::Delete, Some(_)) => self.delete(self.view.selection()),
            (Command::ChooseScheme, Some(id)) => self.choose_scheme(&id),
            (Command::AnswerQuestion, Some(id)) => self.answer_next_question(&id),
            (Command::Group, Some(_)) => self.group_selection(),
            (Command::Ungroup, Some(id)) => match self.doc.map().group_of(&id).cloned() {
                Some(g) => {
                    if let Ok(edit) = edit::ungroup(self.doc.map(), &g) {
                        self.edit(edit, "ungroup");
                    }
                }
                None => self.window.status = "The selected statement is in no group.".into(),
            },
            (Command::FlipKind, Some(id)) => {
                if let Some(edit) = self.doc.map().hangs_by(&id).and_then(|r| edit::flip(self.doc.map(), r)) {
                    self.edit(edit, "switch support/objection");
                }
            }
            (Command::ConnectAsReason, Some(id)) => self.start_connecting(id, RelationKind::Support),
            (Command::ConnectAsObjection, Some(id)) => self.start_connecting(id, RelationKind::Objection),
            (Command::Unpin, Some(id)) => {
                self.edit(Edit::SetPinned { id, pinned: None }, "unpin");
            }
            (Command::ToggleReject | Command::ToggleAccept, Some(id)) => self.toggle_mark(command, id),
            (Command::ClearMarks, _) => match edit::clear_marks(self.doc.map()) {
                Some(edit) => {
                    self.edit(edit, "clear what-if marks");
                }
                None => self.window.status = "No what-if marks to clear.".into(),
            },
            (Command::AddUndercut, None) => {
                self.window.status = "Select a premise: its arrow is the inference to undercut.".into();
            }
            (_, None) => self.window.status = "Select a statement first.".into(),
            _ => {}
        }
    }

    /// The View menu's commands and the ones that walk the map.
    fn run_view(&mut self, command: Command) {
        let v = &mut self.view;
        match command {
            Command::ToggleCollapse => {
                for id in v.selection() {
                    v.toggle_collapsed(&id);
                }
            }
            Command::ToggleFocus => v.focus = !v.focus,
            Command::Fit => v.fit = Some(view::Fit::All),
            Command::ZoomIn => {
                v.camera.zoom = (v.camera.zoom * 1.25).min(view::MAX_ZOOM);
                v.fit = None;
            }
            Command::ZoomOut => {
                v.camera.zoom = (v.camera.zoom / 1.25).max(view::MIN_ZOOM);
                v.fit = None;
            }
            Command::Search => v.search.get_or_insert_with(Search::default).focus_field = true,
            Command::Back => v.go_back(self.doc.map()),
            Command::Forward => v.go_forward(self.doc.map()),
            Command::SelectUp | Command::SelectDown | Command::SelectLeft | Command::SelectRight => {
                self.navigate(command)
            }
            Command::ToggleLegend => self.settings.show_legend = !self.settings.show_legend,
            Command::ToggleEval => self.settings.show_eval = !self.settings.show_eval,
            Command::ToggleQuestions => self.settings.show_questions = !self.settings.show_questions,
            Command::Help => v.help = !v.help,
            Command::About => self.show_modal(Modal::Report("About argmap".into(), about())),
            Command::ToggleSource => {
                v.source = !v.source;
                v.source_scrolled = None;
            }
            Command::ToggleArgdown => v.argdown = !v.argdown,
            _ => {}
        }
    }

    /// Applies an edit as one undo step; shows the error if it is refused.
    pub(super) fn edit(&mut self, edit: Edit, label: &str) -> bool {
        match self.doc.apply(edit, label) {
            Ok(()) => {
                self.changed(String::new());
                true
            }
            Err(e) => {
                self.show_error(in_words(self.doc.map(), &format!("Could not {label}: {e}")));
                false
            }
        }
    }

    /// Makes an edit part of the last undo step (a gesture's or a burst's second half); shows
    /// the error if it is refused.
    pub(super) fn amend(&mut self, edit: Edit) -> bool {
        match self.doc.amend(edit) {
            Ok(()) => {
                self.changed(String::new());
                true
            }
            Err(e) => {
                self.show_error(in_words(self.doc.map(), &format!("Could not change the map: {e}")));
                false
            }
        }
    }

    /// Undo (`true`) or redo the last step.
    fn undo(&mut self, back: bool) {
        let (word, done) = if back { ("Undid", self.doc.undo()) } else { ("Redid", self.doc.redo()) };
        match done {
            Ok(Some(label)) => self.changed(format!("{word} {label}.")),
            Ok(None) => self.window.status = format!("Nothing to {}.", if back { "undo" } else { "redo" }),
            Err(e) => self.show_error(format!("{} failed: {e}", if back { "Undo" } else { "Redo" })),
        }
    }

    /// Bookkeeping after the map changed: the view, the recovery clock.
    pub(super) fn changed(&mut self, status: String) {
        self.autosave.changed();
        self.view.prune(self.doc.map());
        self.window.status = status;
    }

    /// Selects a statement; while connecting, connects to it instead; a text being typed in
    /// another box is kept first.
    fn select(&mut self, id: StatementId) {
        match &self.gesture {
            Some(Gesture::Connecting { .. }) => return self.connect_to(id),
            Some(Gesture::Typing(t)) if t.id != id => self.finish_typing(true),
            _ => {}
        }
        self.view.select(id);
    }

    /// A reason or objection (a rebuttal, on an objection) of `target`, typed in place.
    fn add_premise(&mut self, target: StatementId, kind: RelationKind) {
        self.add_premise_quoting(target, kind, None);
    }

    /// [`App::add_premise`], the new statement quoting `source` (a passage of a document): Enter
    /// with nothing typed keeps the quote as its text.
    pub(super) fn add_premise_quoting(
        &mut self,
        target: StatementId,
        kind: RelationKind,
        source: Option<Source>,
    ) {
        let objects_to_objection =
            matches!(self.doc.map().role(&target), Some(Role::Objection | Role::Rebuttal));
        let (word, label) = match (kind, objects_to_objection) {
            (RelationKind::Support, _) => ("reason", "add reason"),
            (_, true) => ("rebuttal", "add rebuttal"),
            _ => ("objection", "add objection"),
        };
        let id = self.doc.map().fresh_id(&format!("{word} {}", short_id(&target)));
        let mut edit = edit::add_premise_as(self.doc.map(), id.clone(), &target, kind, "");
        let fallback = source.as_ref().map(|s| s.quote.clone());
        if let Some(source) = source {
            edit = Edit::Batch(vec![edit, Edit::SetSource { id: id.clone(), source: Some(source) }]);
        }
        // The branch it goes into opens, so the new box is seen.
        if self.view.collapsed.remove(&target) {
            self.view.collapsed_version += 1;
        }
        self.add_and_type(edit, id, label);
        if let Some(Gesture::Typing(t)) = &mut self.gesture {
            t.fallback = fallback;
        }
    }

    /// A co-premise of, or an undercut of, the argument statement `id` hangs by, typed in place.
    fn add_to_argument(&mut self, command: Command, id: StatementId) {
        let Some(rid) = self.doc.map().hangs_by(&id) else {
            self.window.status = if command == Command::AddCoPremise {
                "A co-premise joins a reason or objection: this statement is a claim.".into()
            } else {
                "A claim has no inference to undercut: select one of its premises.".into()
            };
            return;
        };
        let (word, label) = if command == Command::AddCoPremise {
            ("co-premise", "add co-premise")
        } else {
            ("undercut", "add undercut")
        };
        let new_id = self.doc.map().fresh_id(&format!("{word} {}", short_id(&id)));
        let made = if command == Command::AddCoPremise {
            edit::add_copremise_as(self.doc.map(), new_id, rid, "")
        } else {
            edit::add_undercut_as(self.doc.map(), new_id, rid, "")
        };
        match made {
            Ok((edit, new)) => self.add_and_type(edit, new, label),
            Err(e) if command == Command::AddUndercut => {
                self.window.status = in_words(self.doc.map(), &format!("Cannot undercut here: {e}"))
            }
            Err(e) => self.show_error(e.to_string()),
        }
    }

    /// Applies an edit that adds statement `new` (with empty text), selects it and starts typing
    /// its text in place.
    pub(super) fn add_and_type(&mut self, edit: Edit, new: StatementId, label: &str) {
        if self.edit(edit, label) {
            self.view.select(new.clone());
            self.view.reveal_with = self.doc.map().parent_of(&new).cloned();
            let typing = Typing {
                id: new,
                buffer: String::new(),
                is_new: true,
                focus: true,
                fallback: None,
                prompt: None,
            };
            self.gesture = Some(Gesture::Typing(typing));
        }
    }

    /// Ends typing on the canvas: `commit` keeps the text, otherwise a new statement goes away.
    fn finish_typing(&mut self, commit: bool) {
        let Some(Gesture::Typing(typing)) = self.gesture.take() else { return };
        let typed = typing.buffer.trim();
        let text = match (&typing.fallback, commit) {
            (Some(quote), true) if typed.is_empty() => quote.trim().to_owned(),
            _ => typed.to_owned(),
        };
        if !commit || (typing.is_new && text.is_empty()) {
            if typing.is_new {
                if let Err(e) = self.doc.discard_last() {
                    self.show_error(format!("Could not cancel: {e}"));
                }
                self.changed("Cancelled.".into());
                if let Some(parent) = self.view.back.pop() {
                    self.view.selected = Some(parent);
                }
            }
            return;
        }
        if self.doc.map().statement(&typing.id).is_some_and(|s| s.text == text) {
            return;
        }
        // Its box takes the new text's size: it is brought into view (clear of what the canvas
        // draws over the map) as it now is.
        self.view.reveal = Some(typing.id.clone());
        let edit = Edit::SetText { id: typing.id, text };
        if !typing.is_new {
            self.edit(edit, "edit text");
            return;
        }
        // The new statement's text completes the step that added it: one undo step.
        if self.amend(edit) {
            self.settings.hint_done = true;
        }
    }

    /// Deletes statements; when others hang from them (and would be left arguing about
    /// nothing), asks first: the whole branch, or (one statement) its premises kept under its
    /// conclusion.
    fn delete(&mut self, ids: Vec<StatementId>) {
        let branch = edit::branch(self.doc.map(), &ids);
        if branch.len() <= ids.len() {
            return self.delete_now(&Deleting { ids, branch, keep: None }, false);
        }
        let keep = match ids.as_slice() {
            [one] => Some(edit::keep_under(self.doc.map(), one)),
            _ => None,
        };
        self.show_modal(Modal::Delete(Box::new(Deleting { ids, branch, keep })));
    }

    /// Deletes what `d` says, as one step: the whole branch, or (`keep`) the statement alone with
    /// what argues about it hung under its conclusion; then selects and shows where the rest went.
    pub(super) fn delete_now(&mut self, d: &Deleting, keep: bool) {
        let map = self.doc.map();
        let first =
            d.ids.first().and_then(|id| map.statement(id)).map(|s| short(&s.text)).unwrap_or_default();
        let parent = d.ids.first().and_then(|id| map.parent_of(id)).cloned();
        let made = match (&d.keep, keep) {
            (Some(Ok(under)), true) => {
                edit::delete_keeping_premises(map, &d.ids[0]).map(|e| (e, Some(under.clone())))
            }
            _ => edit::delete_branch(map, &d.ids).map(|e| (e, None)),
        };
        let (edit, kept_under) = match made {
            Ok(made) => made,
            Err(e) => return self.show_error(e.to_string()),
        };
        let moved: Vec<_> = match keep {
            true => map.relations_to(&d.ids[0]),
            false => Vec::new(),
        };
        let label = if d.branch.len() > 1 && !keep { "delete branch" } else { "delete statement" };
        if !self.edit(edit, label) {
            return;
        }
        self.view.also.clear();
        self.window.status = match (&kept_under, d.ids.len(), d.branch.len()) {
            (Some(under), ..) => format!(
                "Deleted \"{first}\"; {} now argue{} about \"{}\" as {}.",
                count(moved.len(), "what argued about it", "the {} arguments about it"),
                if moved.len() == 1 { "s" } else { "" },
                self.doc.map().statement(under).map(|s| short(&s.text)).unwrap_or_default(),
                kinds(self.doc.map(), &moved)
            ),
            (None, 1, 1) => format!("Deleted \"{first}\"."),
            (None, 1, n) => format!("Deleted \"{first}\" and the {} statements that hung from it.", n - 1),
            (None, k, n) => format!("Deleted {k} statements and the {} that hung from them.", n - k),
        };
        if let Some(id) = kept_under.or(parent).filter(|id| self.doc.map().contains(id)) {
            self.view.select(id);
        }
    }

    /// Puts the selected statements in a new group (named "Group N"; rename it in the
    /// inspector).
    fn group_selection(&mut self) {
        let ids = self.view.selection();
        let n = (1..)
            .find(|n| !self.doc.map().groups().iter().any(|g| g.title == format!("Group {n}")))
            .unwrap_or(1);
        match edit::group(self.doc.map(), &ids, &format!("Group {n}")) {
            Ok(edit) => {
                if self.edit(edit, "group statements") {
                    self.window.status = format!(
                        "Grouped {} statements as \"Group {n}\"; rename it in the inspector.",
                        ids.len()
                    );
                }
            }
            Err(e) => self.show_error(e.to_string()),
        }
    }

    /// Waits for the statement `id` will support or object to.
    fn start_connecting(&mut self, id: StatementId, kind: RelationKind) {
        let text = self.doc.map().statement(&id).map(|s| s.text.clone()).unwrap_or_default();
        let verb = if kind == RelationKind::Support { "supports" } else { "objects to" };
        self.window.status = format!(
            "Click the statement that \"{}\" {verb} (or select it with the arrow keys and press Enter; Esc cancels).",
            crate::ui::panel::short(&text)
        );
        self.gesture = Some(Gesture::Connecting { premise: id, kind });
    }

    /// Connects the statement waiting in connect mode to `target`.
    fn connect_to(&mut self, target: StatementId) {
        let Some(Gesture::Connecting { premise, kind }) = self.gesture.take() else { return };
        let edit = edit::connect(self.doc.map(), &premise, &target, kind);
        let label = if kind == RelationKind::Support { "connect as reason" } else { "connect as objection" };
        if self.edit(edit, label) {
            self.window.status = "Connected.".into();
        }
    }

    /// Marks the statement as rejected or accepted (what-if), or clears the mark.
    fn toggle_mark(&mut self, command: Command, id: StatementId) {
        let wanted = if command == Command::ToggleReject { Mark::Rejected } else { Mark::Accepted };
        let mark = (self.doc.map().mark(&id) != Some(wanted)).then_some(wanted);
        let label = match mark {
            Some(Mark::Rejected) => "reject (what-if)",
            Some(Mark::Accepted) => "accept as given (what-if)",
            None => "clear what-if mark",
        };
        self.edit(Edit::SetMark { id, mark }, label);
    }

    /// A box is dragged further (a drag starts here; typing in another box is kept first).
    fn drag(&mut self, id: StatementId, by: egui::Vec2) {
        match &mut self.gesture {
            Some(Gesture::Dragging { id: dragged, offset }) if *dragged == id => *offset += by,
            Some(Gesture::Dragging { .. } | Gesture::Connecting { .. }) => {}
            Some(Gesture::Typing(_)) => {
                self.finish_typing(true);
                self.gesture = Some(Gesture::Dragging { id, offset: by });
            }
            None => self.gesture = Some(Gesture::Dragging { id, offset: by }),
        }
    }

    /// The dragged box is dropped: pinned where it lies, if it moved more than a nudge.
    fn drop_box(&mut self) {
        let Some(Gesture::Dragging { id, offset }) = self.gesture.take() else { return };
        if offset.length() <= 2.0 {
            return;
        }
        // A selected box takes the rest of the selection with it.
        let moved = if self.view.is_selected(&id) { self.view.selection() } else { vec![id] };
        let mut edits: Vec<Edit> = moved
            .into_iter()
            .filter_map(|id| {
                let rect = self.canvas.derived.as_ref().and_then(|d| d.layout.rect(self.doc.map(), &id))?;
                Some(Edit::SetPinned { id, pinned: Some(Pos { x: rect.x + offset.x, y: rect.y + offset.y }) })
            })
            .collect();
        let label = if edits.len() == 1 { "move statement" } else { "move statements" };
        let edit = match edits.len() {
            0 => return,
            1 => edits.remove(0),
            _ => Edit::Batch(edits),
        };
        self.edit(edit, label);
    }

    /// Selects the conclusion, the first premise, or a sibling of the selection.
    fn navigate(&mut self, command: Command) {
        let map = self.doc.map();
        let (Some(derived), Some(selected)) = (&self.canvas.derived, self.view.selected.clone()) else {
            if let Some(first) = self.canvas.derived.as_ref().and_then(|d| d.layout.id(map, 0)).cloned() {
                self.view.select(first);
            }
            return;
        };
        let layout = &derived.layout;
        let Some(me) = layout.find(map, &selected) else { return };
        let placed = &layout.placed[me];
        let target = match command {
            Command::SelectUp => placed.parent,
            Command::SelectDown => layout.children(me).first().copied(),
            Command::SelectLeft | Command::SelectRight => {
                let siblings: Vec<usize> = match placed.parent {
                    Some(p) => layout.children(p).to_vec(),
                    None => (0..layout.placed.len()).filter(|&i| layout.placed[i].parent.is_none()).collect(),
                };
                let pos = siblings.iter().position(|&s| s == me);
                pos.and_then(|k| if command == Command::SelectLeft { k.checked_sub(1) } else { Some(k + 1) })
                    .and_then(|k| siblings.get(k).copied())
            }
            _ => None,
        };
        if let Some(id) = target.and_then(|t| layout.id(map, t)).cloned() {
            self.view.select(id);
        }
    }

    /// Asks "Save changes?" first if the map has unsaved changes, then does the action.
    pub(super) fn request(&mut self, action: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.show_modal(Modal::SaveChanges(action));
        } else {
            self.perform(action, ctx);
        }
    }
}

/// The first words of a statement's text, for the status line.
fn short(text: &str) -> String {
    crate::printable::short_line(text, 80)
}

/// The first two parts of a slug (`cooperate-with-transition` → `cooperate with`).
fn short_id(id: &str) -> String {
    id.split('-').take(2).collect::<Vec<_>>().join(" ")
}

/// `one` when `n` is 1, else `many` with `{}` replaced by `n`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { one.to_owned() } else { many.replace("{}", &n.to_string()) }
}

/// What the relations `ids` are now, counted by kind: "2 objections and a reason".
fn kinds(map: &crate::model::ArgumentMap, ids: &[crate::model::RelationId]) -> String {
    let objections =
        ids.iter().filter_map(|&r| map.relation(r)).filter(|r| r.kind == RelationKind::Objection);
    let objections = objections.count();
    let reasons = ids.len() - objections;
    let words = [
        (reasons > 0).then(|| count(reasons, "a reason", "{} reasons")),
        (objections > 0).then(|| count(objections, "an objection", "{} objections")),
    ];
    words.into_iter().flatten().collect::<Vec<_>>().join(" and ")
}

/// A message about the map in the user's words: each statement it names by its id in quotes
/// ("\"honest-broker\"", as the model's errors do) named by its first words instead.
pub(super) fn in_words(map: &crate::model::ArgumentMap, message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('"');
    out.push_str(parts.next().unwrap_or_default());
    let rest: Vec<&str> = parts.collect();
    let mut i = 0;
    while i < rest.len() {
        // rest[i] is inside quotes when a closing quote follows it.
        match (rest.get(i), rest.get(i + 1)) {
            (Some(inside), Some(after)) => {
                match map.statement(inside) {
                    Some(s) => out.push_str(&crate::printable::named(&s.text)),
                    None => {
                        out.push('"');
                        out.push_str(inside);
                        out.push('"');
                    }
                }
                out.push_str(after);
                i += 2;
            }
            (Some(last), None) => {
                out.push('"');
                out.push_str(last);
                i += 1;
            }
            _ => break,
        }
    }
    out
}

/// What Help ▸ About says: the version and the commit it was built from, the licence, and
/// where the libraries' licences are.
fn about() -> Vec<String> {
    let libraries = crate::LIBRARIES.lines().filter(|l| !l.starts_with("argmap ")).count();
    vec![
        format!("argmap {}", crate::VERSION),
        format!("{}.", env!("CARGO_PKG_DESCRIPTION")),
        format!("Licence: {}.", crate::LICENSE),
        format!(
            "Built from {libraries} libraries, each under its own licence: `argmap licenses` lists them; \
             the Debian package also has them in /usr/share/doc/argmap/copyright."
        ),
    ]
}

/// The events after the first key of `events` that starts typing ([`Command::starts_typing`]),
/// taken out of them (`None` if no such key is pressed).
fn text_after_typing_key(events: &mut Vec<egui::Event>) -> Option<Vec<egui::Event>> {
    let starts = |e: &egui::Event| match e {
        egui::Event::Key { key, pressed: true, modifiers, .. } => Command::keymap()
            .iter()
            .filter(|c| c.starts_typing())
            .flat_map(|c| c.each_shortcut())
            .any(|s| s.logical_key == *key && modifiers.matches_logically(s.modifiers)),
        _ => false,
    };
    let at = events.iter().position(starts)?;
    Some(events.split_off(at + 1))
}

/// Takes the first text event that is `text` out of `events`; whether there was one.
fn take_text(events: &mut Vec<egui::Event>, text: &str) -> bool {
    let at = events.iter().position(|e| matches!(e, egui::Event::Text(t) if t == text));
    at.map(|at| events.remove(at)).is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn issue31_errors_name_statements_by_their_words() {
        let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap_or_default();
        let said =
            super::in_words(&map, "Could not connect: statement \"precedent\" is its own premise \"x\" \"");
        assert_eq!(
            said,
            "Could not connect: statement \u{201c}It would set a precedent: the UN's preference\u{2026}\u{201d} is its own premise \"x\" \""
        );
    }
}
