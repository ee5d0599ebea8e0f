//! Versions of a map (issue 21): `diff` and `merge` by ids, as properties over random edit
//! sequences, and as git's drivers in a real repository, set up the way the README says.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::edit::{self, Edit};
use argmap::io;
use argmap::model::{ArgumentMap, ConflictField, RelationKind};
use argmap::versions::{Change, diff, merge};
use common::steps::{Step, edit_of, step};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

mod common;

const ARGMAP: &str = env!("CARGO_BIN_EXE_argmap");
const CLAIM: &str = "cooperate-with-transition";

fn shipped() -> ArgumentMap {
    io::load_str(argmap::MINUSMA_RON, "m").unwrap()
}

/// The map after the steps that make sense on it (undo and redo left out).
fn edited(map: &ArgumentMap, steps: &[Step]) -> ArgumentMap {
    let mut map = map.clone();
    for s in steps {
        if let Some(e) = edit_of(&map, s) {
            let _ = edit::apply(&mut map, e);
        }
    }
    map
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A side that changed nothing gives the other side's map, whole; any two sides give a map
    /// that holds its invariants and loads back as itself; a map has no diff with itself.
    #[test]
    fn merges_with_an_unchanged_side_give_the_other_and_every_merge_loads(
        xs in proptest::collection::vec(step(), 0..25),
        ys in proptest::collection::vec(step(), 0..25),
    ) {
        let base = shipped();
        let (x, y) = (edited(&base, &xs), edited(&base, &ys));
        let ours = merge(&base, &x, &base);
        prop_assert!(ours.conflicts.is_empty());
        prop_assert!(ours.map == x, "merge(base, x, base) == x: {:?}", diff(&x, &ours.map).changes);
        let theirs = merge(&base, &base, &y);
        prop_assert!(theirs.conflicts.is_empty());
        prop_assert!(theirs.map == y, "merge(base, base, y) == y: {:?}", diff(&y, &theirs.map).changes);
        prop_assert!(diff(&x, &x).is_empty());
        let both = merge(&base, &x, &y);
        both.map.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = io::load_str(&io::to_ron_string(&both.map), "m.ron").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back == both.map, "loads back as itself");
    }
}

/// The diff found the straightforward way, every statement and relation looked up by its id
/// in the other version: what `diff`, which walks both versions side by side, must say.
fn diff_by_lookup(old: &ArgumentMap, new: &ArgumentMap) -> argmap::versions::Diff {
    use argmap::model::{Mark, Role};
    use argmap::versions::{EvalChange, Joins, word_changes};
    let role = |m: &ArgumentMap, id: &str| m.role(id).map_or("statement", Role::as_str).to_owned();
    let words = |a: &str, b: &str| {
        let marked = |(w, run): (argmap::versions::Words, String)| match w {
            argmap::versions::Words::Kept => run,
            argmap::versions::Words::Gone => format!("[-{run}-]"),
            argmap::versions::Words::New => format!("{{+{run}+}}"),
        };
        word_changes(a, b).into_iter().map(marked).collect::<String>()
    };
    let mut changes = Vec::new();
    if old.title != new.title {
        changes.push(Change::Title { old: old.title.clone(), new: new.title.clone() });
    }
    for s in old.statements().filter(|s| !new.contains(&s.id)) {
        changes.push(Change::Removed { id: s.id.clone(), role: role(old, &s.id), text: s.text.clone() });
    }
    for s in new.statements() {
        let id = || s.id.clone();
        let Some(o) = old.statement(&s.id) else {
            let under = new.parent_of(&s.id).cloned();
            changes.push(Change::Added { id: id(), role: role(new, &s.id), text: s.text.clone(), under });
            continue;
        };
        if o.text != s.text {
            changes.push(Change::Reworded {
                id: id(),
                old: o.text.clone(),
                new: s.text.clone(),
                words: words(&o.text, &s.text),
            });
        }
        let (from, to) = (old.parent_of(&s.id), new.parent_of(&s.id));
        if from != to {
            changes.push(Change::Moved { id: id(), from: from.cloned(), to: to.cloned() });
        }
        if o.source != s.source {
            let said = |src: &Option<argmap::model::Source>| src.as_ref().map(|x| x.quote.clone());
            changes.push(Change::Source { id: id(), old: said(&o.source), new: said(&s.source) });
        }
        if o.note != s.note {
            changes.push(Change::Note { id: id(), old: o.note.clone(), new: s.note.clone() });
        }
        if o.pinned != s.pinned {
            changes.push(Change::Pin { id: id() });
        }
    }
    let matched = argmap::model::match_relations(old, new);
    let kept: std::collections::HashSet<_> = matched.iter().map(|(_, o)| o).collect();
    let all_in = |r: &argmap::model::Relation, m: &ArgumentMap| r.premises.iter().all(|p| m.contains(p));
    let said = |m: &ArgumentMap, r: &argmap::model::Relation| {
        (argmap::versions::relation_words(m, r), Joins::of(m, r))
    };
    for (_, r) in old.relations().filter(|(id, _)| !kept.contains(id)) {
        if all_in(r, new) {
            let (relation, joins) = said(old, r);
            changes.push(Change::RelationRemoved { relation, joins });
        }
    }
    for (id, r) in new.relations() {
        let Some(o) = matched.get(id).and_then(|o| old.relation(o)) else {
            if all_in(r, old) {
                let (relation, joins) = said(new, r);
                changes.push(Change::RelationAdded { relation, joins });
            }
            continue;
        };
        let (relation, joins) = said(new, r);
        if o.kind != r.kind {
            let (old, new) = (o.kind.as_str().to_owned(), r.kind.as_str().to_owned());
            changes.push(Change::Flipped { relation: relation.clone(), joins: joins.clone(), old, new });
        }
        if o.premises != r.premises {
            let added = r.premises.iter().filter(|p| !o.premises.contains(p)).cloned().collect();
            let removed = o.premises.iter().filter(|p| !r.premises.contains(p)).cloned().collect();
            changes.push(Change::Premises {
                relation: relation.clone(),
                joins: joins.clone(),
                added,
                removed,
            });
        }
        if o.rating != r.rating {
            let said = |x: Option<argmap::model::Rating>| x.map(|x| x.as_str().to_owned());
            changes.push(Change::Rated {
                relation: relation.clone(),
                joins: joins.clone(),
                old: said(o.rating),
                new: said(r.rating),
            });
        }
        if o.label != r.label || o.description != r.description {
            changes.push(Change::Described { relation: relation.clone(), joins: joins.clone() });
        }
        if o.scheme != r.scheme {
            changes.push(Change::Scheme {
                relation: relation.clone(),
                joins: joins.clone(),
                old: o.scheme.clone(),
                new: r.scheme.clone(),
            });
        }
        if o.doubted != r.doubted {
            changes.push(Change::Doubted { relation, joins, old: o.doubted.clone(), new: r.doubted.clone() });
        }
    }
    let mark = |m: &ArgumentMap, id: &str| {
        m.mark(id).map(|k| if k == Mark::Rejected { "rejected" } else { "accepted" }.to_owned())
    };
    let group = |m: &ArgumentMap, id: &str| {
        m.group_of(id).and_then(|g| m.groups().iter().find(|x| &x.id == g)).map(|g| g.title.clone())
    };
    for s in new.statements().filter(|s| old.contains(&s.id)) {
        let (a, b) = (mark(old, &s.id), mark(new, &s.id));
        if a != b {
            changes.push(Change::Mark { id: s.id.clone(), old: a, new: b });
        }
        let (a, b) = (group(old, &s.id), group(new, &s.id));
        if a != b {
            changes.push(Change::Group { id: s.id.clone(), old: a, new: b });
        }
    }
    if old.conflicts() != new.conflicts() {
        changes.push(Change::Conflicts { old: old.conflicts().len(), new: new.conflicts().len() });
    }
    let before: std::collections::HashMap<_, _> = argmap::eval::grounded(old).into_iter().collect();
    let evaluation = argmap::eval::grounded(new)
        .into_iter()
        .filter_map(|(id, label)| {
            let was = *before.get(&id)?;
            (was != label).then(|| EvalChange { role: role(new, &id), id, old: was, new: label })
        })
        .collect();
    argmap::versions::Diff { changes, evaluation }
}

/// The same map with its statements listed in the opposite order (as a file written by hand
/// might list them): the same statements and relations, nothing else (no answers to critical
/// questions, marks, groups or documents).
fn reversed(map: &ArgumentMap) -> ArgumentMap {
    let mut out = ArgumentMap::new(map.title.clone());
    for s in map.statements().collect::<Vec<_>>().into_iter().rev() {
        // (Its answer to a critical question names a relation not there yet: left out.)
        let (seq, statement) =
            (out.next_statement_seq(), argmap::model::Statement { answers: None, ..s.clone() });
        edit::apply(&mut out, Edit::AddStatement { seq, statement }).unwrap();
    }
    // Each relation under its own id (undercuts name theirs), plain ones first.
    let (undercuts, plain): (Vec<_>, Vec<_>) = map.relations().partition(|(_, r)| r.is_undercut());
    for (id, relation) in plain.into_iter().chain(undercuts) {
        edit::apply(&mut out, Edit::AddRelation { id, relation: relation.clone() }).unwrap();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Issue 35: the diff, which pairs the versions' statements by walking both in file order,
    /// reads each statement's content while the pair is at hand, skips relations that say
    /// nothing but what they join when they join the same, and evaluates both versions on two
    /// threads, says what the diff found by looking every statement and relation up by its id
    /// says, change for change, in order: between two versions edited apart, either way round,
    /// and with one of them listing its statements in the opposite order.
    #[test]
    fn issue35_the_diff_walking_both_versions_is_the_diff_looking_each_id_up(
        xs in proptest::collection::vec(step(), 0..30),
        ys in proptest::collection::vec(step(), 0..30),
    ) {
        let base = shipped();
        let (x, y) = (edited(&base, &xs), edited(&base, &ys));
        for (old, new) in [(&base, &x), (&x, &y), (&y, &x), (&x, &reversed(&y)), (&reversed(&x), &base)] {
            let (walked, looked_up) = (diff(old, new), diff_by_lookup(old, new));
            prop_assert_eq!(&walked.changes, &looked_up.changes);
            prop_assert_eq!(&walked.evaluation, &looked_up.evaluation);
        }
    }
}

#[test]
fn independent_changes_combine_and_a_double_reword_is_recorded() {
    let base = shipped();
    let add = |map: &ArgumentMap, text: &str| {
        let mut m = map.clone();
        edit::apply(&mut m, edit::add_premise(map, CLAIM, RelationKind::Objection, text).0).unwrap();
        m
    };
    let retext = |map: &ArgumentMap, id: &str, text: &str| {
        let mut m = map.clone();
        edit::apply(&mut m, Edit::SetText { id: id.into(), text: text.into() }).unwrap();
        m
    };
    let a = add(&base, "An objection from one side.");
    let b =
        retext(&add(&base, "An objection from the other side."), CLAIM, "MINUSMA should keep cooperating.");
    let merged = merge(&base, &a, &b);
    assert!(merged.conflicts.is_empty());
    let map = &merged.map;
    assert_eq!(map.statement_count(), base.statement_count() + 2);
    assert_eq!(map.statement(CLAIM).unwrap().text, "MINUSMA should keep cooperating.");
    for text in ["An objection from one side.", "An objection from the other side."] {
        let s = map.statements().find(|s| s.text == text).unwrap();
        assert_eq!(map.parent_of(&s.id).map(|p| p.as_str()), Some(CLAIM));
    }
    // Both reword one statement: ours stays, both are recorded.
    let (x, y) =
        (retext(&base, "host-state-consent", "Ours."), retext(&base, "host-state-consent", "Theirs."));
    let merged = merge(&base, &x, &y);
    assert_eq!(merged.map.statement("host-state-consent").unwrap().text, "Ours.");
    let c = &merged.map.conflicts()[0];
    assert_eq!(
        (c.field, c.ours.as_deref(), c.theirs.as_deref()),
        (ConflictField::Text, Some("Ours."), Some("Theirs."))
    );
    // One deletes what the other reworded: it stays, recorded.
    let deleted = {
        let mut m = base.clone();
        let e = edit::delete_statement(&m, "precedent").unwrap();
        edit::apply(&mut m, e).unwrap();
        m
    };
    let merged = merge(&base, &deleted, &retext(&base, "precedent", "Reworded."));
    assert_eq!(merged.map.statement("precedent").unwrap().text, "Reworded.");
    assert_eq!(merged.map.conflicts()[0].field, ConflictField::Deleted);
}

#[test]
fn the_diff_names_each_change_and_what_it_did_to_the_evaluation() {
    let base = shipped();
    let mut new = base.clone();
    edit::apply(
        &mut new,
        Edit::SetText { id: CLAIM.into(), text: "MINUSMA should stop cooperating.".into() },
    )
    .unwrap();
    // Every objection to the claim rebutted away: the claim goes from out to in.
    let objections: Vec<_> = base
        .relations()
        .filter(|(_, r)| r.kind == RelationKind::Objection && r.conclusion.is(CLAIM))
        .map(|(id, _)| id)
        .collect();
    for id in objections {
        let e = edit::flip(&new, id).unwrap();
        edit::apply(&mut new, e).unwrap();
    }
    let d = diff(&base, &new);
    let reworded = d.changes.iter().find_map(|c| match c {
        Change::Reworded { id, words, .. } if id.as_str() == CLAIM => Some(words.clone()),
        _ => None,
    });
    assert_eq!(
        reworded.as_deref(),
        Some(
            "MINUSMA should [-keep-]{+stop+} [-cooperating closely with Mali's post-coup transitional government and its security forces.-]{+cooperating.+}"
        )
    );
    assert!(d.changes.iter().any(|c| matches!(c, Change::Flipped { .. })));
    let claim = d.evaluation.iter().find(|e| e.id.as_str() == CLAIM).unwrap();
    assert_eq!((claim.old.as_str(), claim.new.as_str()), ("out", "in"));
    assert!(diff(&base, &base).is_empty());
}

#[test]
fn diff_exits_as_diff_does() {
    let dir = common::scratch("versions", "diff");
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    let mut map = shipped();
    io::save_plain(&map, &a).unwrap();
    edit::apply(&mut map, Edit::SetText { id: CLAIM.into(), text: "Changed.".into() }).unwrap();
    io::save_plain(&map, &b).unwrap();
    let run = |args: &[&Path]| Command::new(ARGMAP).arg("diff").args(args).output().unwrap();
    assert_eq!(run(&[&a, &a]).status.code(), Some(0));
    let out = run(&[&a, &b]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("~ cooperate-with-transition reworded:"));
    let missing = run(&[&a, &dir.join("nope.ron")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.ron"));
}

/// Runs git in `dir`, failing the test on an error unless `may_fail`; the output.
fn git(dir: &Path, args: &[&str], may_fail: bool) -> std::process::Output {
    let out =
        Command::new("git").arg("-C").arg(dir).args(args).env("GIT_CONFIG_NOSYSTEM", "1").output().unwrap();
    assert!(may_fail || out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The map in the repository, changed by an edit and committed on a new branch from main.
fn branch(dir: &Path, name: &str, change: impl Fn(&ArgumentMap) -> Edit) {
    git(dir, &["checkout", "-q", "-b", name, "main"], false);
    let file = dir.join("minusma.ron");
    let mut map = io::load_path(&file).unwrap();
    let e = change(&map);
    edit::apply(&mut map, e).unwrap();
    io::save_plain(&map, &file).unwrap();
    git(dir, &["commit", "-q", "-am", name], false);
}

#[test]
fn git_merges_maps_by_ids_with_the_driver_the_readme_sets_up() {
    if common::lacks("git", common::cannot_run("git", &["--version"])) {
        return;
    }
    let dir = common::scratch("versions", "git");
    git(&dir, &["init", "-q", "-b", "main"], false);
    git(&dir, &["config", "user.name", "argmap test"], false);
    git(&dir, &["config", "user.email", "test@argmap.invalid"], false);
    io::save_plain(&shipped(), &dir.join("minusma.ron")).unwrap();
    let setup = Command::new(ARGMAP).arg("git-setup").arg(&*dir).output().unwrap();
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        "*.ron diff=argmap merge=argmap\n"
    );
    git(&dir, &["add", "."], false);
    git(&dir, &["commit", "-q", "-m", "the shipped map"], false);
    let object = |text: &'static str| {
        move |m: &ArgumentMap| edit::add_premise(m, CLAIM, RelationKind::Objection, text).0
    };
    branch(&dir, "objection-a", object("Objection from branch A."));
    branch(&dir, "objection-b", object("Objection from branch B."));
    branch(&dir, "reword", |_| Edit::SetText {
        id: CLAIM.into(),
        text: "MINUSMA should keep cooperating, warily.".into(),
    });
    git(&dir, &["checkout", "-q", "main"], false);
    for b in ["objection-a", "objection-b", "reword"] {
        git(&dir, &["merge", "-q", "--no-edit", b], false);
    }
    let map = io::load_path(&dir.join("minusma.ron")).unwrap();
    assert!(map.conflicts().is_empty());
    assert_eq!(map.statement(CLAIM).unwrap().text, "MINUSMA should keep cooperating, warily.");
    for text in ["Objection from branch A.", "Objection from branch B."] {
        assert!(map.statements().any(|s| s.text == text), "{text} merged");
    }
    let check = Command::new(ARGMAP).arg("check").arg(dir.join("minusma.ron")).output().unwrap();
    assert!(check.status.success());
    // git diff shows argmap's diff, not RON lines.
    let shown = git(&dir, &["diff", "HEAD~1", "HEAD"], false);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("argmap diff a/minusma.ron b/minusma.ron"), "{shown}");
    assert!(
        shown.contains("~ cooperate-with-transition reworded:") && !shown.contains("text: \""),
        "{shown}"
    );
    // Two rewordings of one statement: git reports a conflict, the map loads and holds both.
    let reword = |text: &'static str| {
        move |_: &ArgumentMap| Edit::SetText { id: "precedent".into(), text: text.into() }
    };
    branch(&dir, "ours", reword("Our wording."));
    branch(&dir, "theirs", reword("Their wording."));
    git(&dir, &["checkout", "-q", "ours"], false);
    let merged = git(&dir, &["merge", "--no-edit", "theirs"], true);
    assert!(!merged.status.success(), "git sees the conflict");
    let map = io::load_path(&dir.join("minusma.ron")).unwrap();
    let c = &map.conflicts()[0];
    assert_eq!((c.ours.as_deref(), c.theirs.as_deref()), (Some("Our wording."), Some("Their wording.")));
    let check = Command::new(ARGMAP).arg("check").arg(dir.join("minusma.ron")).output().unwrap();
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("1 unresolved conflict"));
}

/// A git repository in a scratch folder, set up with argmap's drivers.
fn repo(name: &str) -> common::Scratch {
    assert!(!common::lacks("git", common::cannot_run("git", &["--version"])), "callers check for git first");
    let dir = common::scratch("versions", name);
    git(&dir, &["init", "-q", "-b", "main"], false);
    git(&dir, &["config", "user.name", "argmap test"], false);
    git(&dir, &["config", "user.email", "test@argmap.invalid"], false);
    let setup = Command::new(ARGMAP).arg("git-setup").arg(&*dir).output().unwrap();
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    dir
}

#[test]
fn issue32_the_drivers_leave_a_ron_file_that_is_not_a_map_to_git() {
    if common::lacks("git", common::cannot_run("git", &["--version"])) {
        return;
    }
    let dir = repo("not-a-map");
    let settings = "(\n    width: 800,\n    height: 600,\n    theme: \"light\",\n    language: \"en\",\n)\n";
    std::fs::write(dir.join("settings.ron"), settings).unwrap();
    git(&dir, &["add", "."], false);
    git(&dir, &["commit", "-q", "-m", "settings"], false);
    let edit = |branch: &str, from: &str, to: &str| {
        git(&dir, &["checkout", "-q", "-b", branch, "main"], false);
        let text = std::fs::read_to_string(dir.join("settings.ron")).unwrap().replace(from, to);
        std::fs::write(dir.join("settings.ron"), text).unwrap();
        git(&dir, &["commit", "-q", "-am", branch], false);
    };
    edit("wider", "width: 800", "width: 1024");
    edit("darker", "theme: \"light\"", "theme: \"dark\"");
    // git diff shows the lines (the driver used to die on a file that is not a map).
    let shown = git(&dir, &["diff", "main", "wider"], false);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("-    width: 800,") && shown.contains("+    width: 1024,"), "{shown}");
    // Independent lines merge cleanly, both kept (they used to conflict, theirs dropped).
    git(&dir, &["checkout", "-q", "wider"], false);
    let merged = git(&dir, &["merge", "--no-edit", "darker"], true);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    let text = std::fs::read_to_string(dir.join("settings.ron")).unwrap();
    assert!(text.contains("width: 1024") && text.contains("theme: \"dark\""), "{text}");
}

#[test]
fn issue32_a_map_both_branches_added_merges_from_an_empty_base() {
    if common::lacks("git", common::cannot_run("git", &["--version"])) {
        return;
    }
    let dir = repo("add-add");
    std::fs::write(dir.join("README"), "maps\n").unwrap();
    git(&dir, &["add", "."], false);
    git(&dir, &["commit", "-q", "-m", "start"], false);
    let add = |branch: &str, text: &str| {
        git(&dir, &["checkout", "-q", "-b", branch, "main"], false);
        let mut map = shipped();
        let e = edit::add_premise(&map, CLAIM, RelationKind::Objection, text).0;
        edit::apply(&mut map, e).unwrap();
        io::save_plain(&map, &dir.join("new.ron")).unwrap();
        git(&dir, &["add", "new.ron"], false);
        git(&dir, &["commit", "-q", "-m", branch], false);
    };
    add("a", "An objection added on branch A.");
    add("b", "An objection added on branch B.");
    git(&dir, &["checkout", "-q", "a"], false);
    let merged = git(&dir, &["merge", "--no-edit", "b"], true);
    let map = io::load_path(&dir.join("new.ron")).unwrap();
    for text in ["An objection added on branch A.", "An objection added on branch B."] {
        assert!(map.statements().any(|s| s.text == text), "{text} merged");
    }
    // Both added the whole shipped map: every statement is one statement, not two.
    assert_eq!(map.statement_count(), shipped().statement_count() + 2);
    let _ = merged;
}
