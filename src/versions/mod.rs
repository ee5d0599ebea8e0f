//! Versions of one map side by side: what changed between two ([`diff`]), and two lines of
//! change since a common version combined into one ([`merge`]), by ids, never by lines of RON.
//! The ground of `argmap diff`, `argmap merge` (git's diff and merge drivers) and the app's
//! File ▸ Compare with.
//!
//! Statements are the same statement when they have the same id. Relations have no id in a file,
//! so they are matched by what they join ([`crate::model::match_relations`]). Must not touch: egui, files.

mod diff;
mod merge;
mod resolve;

pub use diff::{
    Change, Diff, EvalChange, Joins, Words, change_line, diff, relation_words, word_changes, words,
};
pub use merge::{Merged, merge};
pub use resolve::{Side, resolve};
