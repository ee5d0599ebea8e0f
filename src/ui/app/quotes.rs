//! From the source pane to the map: a passage selected in a document becomes a new reason or
//! objection quoting it, or the quote of the selected statement.

use super::App;
use crate::edit::Edit;
use crate::model::{RelationKind, Source};

impl App {
    /// Applies [`crate::ui::Action::FromSelection`].
    pub(super) fn use_selection(&mut self, kind: Option<RelationKind>) {
        let Some((document, quote, at)) = self.view.source_selection.clone() else {
            self.window.status = "Select a passage in the source document first.".into();
            return;
        };
        let Some(target) = self.view.selected.clone() else {
            self.window.status =
                "Select the statement it is a reason or objection for (or quotes) first.".into();
            return;
        };
        let reference = self
            .doc
            .map()
            .document(&document)
            .map_or_else(|| format!("paragraph {}", at.paragraph), |d| crate::model::citation(d, at));
        let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
        let source = Source { quote, reference, document: Some(document), at: Some(at) };
        match kind {
            Some(kind) => self.add_premise_quoting(target, kind, Some(source)),
            None => {
                if self.edit(Edit::SetSource { id: target, source: Some(source) }, "quote selection") {
                    self.window.status = "The selected passage is now its quote.".into();
                }
            }
        }
    }
}
