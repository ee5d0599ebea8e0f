//! Unit tests of `io`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;

const GOOD: &str = r#"(
    version: 1,
    title: "T",
    statements: [
        (id: "q", text: "Question"),
        (id: "r", text: "Reason"),
    ],
    relations: [
        (kind: support, premises: ["r"], conclusion: "q"),
    ],
)"#;

/// Loads `input` as `t.ron` and asserts the one-line error it gives.
#[track_caller]
fn check(input: &str, expected: &str) {
    match load_str(input, "t.ron") {
        Ok(_) => panic!("{input:?} loaded, expected {expected:?}"),
        Err(e) => assert_eq!(e.to_string(), expected),
    }
}

#[test]
fn a_plain_file_loads_without_the_implicit_some_header() {
    let map = load_str(GOOD, "t.ron").unwrap();
    assert_eq!(map.statement_count(), 2);
    assert_eq!(map.role("r"), Some(crate::model::Role::Reason));
}

#[test]
fn save_then_load_is_the_identity_and_canonical_text_is_stable() {
    let map = load_str(GOOD, "t.ron").unwrap();
    let text = to_ron_string(&map);
    let again = load_str(&text, "t.ron").unwrap();
    assert_eq!(again, map);
    assert_eq!(to_ron_string(&again), text);
}

#[test]
fn syntax_errors_name_line_and_column() {
    check(
        "(\n    version: 1,\n    title: \"T\",\n    statements: [(id: \"a\" text: \"x\")],\n)",
        "t.ron:4:27: expected comma",
    );
    check("", "t.ron:1:1: the file is empty");
    check("  \n", "t.ron:1:1: the file is empty");
    check("[1, 2]", "t.ron:1:1: expected opening `(` for the map");
    check(
        &GOOD[..60],
        "t.ron:4:18: the file ends too early (is it cut off?): expected opening `(` for a statement",
    );
}

#[test]
fn unknown_and_missing_fields_are_named() {
    check(
        "(version: 1, title: \"T\", colour: 3)",
        "t.ron:1:26: unexpected field named `colour` in the map, expected one of `version`, `title`, `source`, `documents`, `layout`, `statements`, `relations`, `groups`, `evaluation`, or `conflicts` instead",
    );
    check("(version: 1)", "t.ron:1:12: unexpected missing field named `title` in the map");
    check("(title: \"T\")", "t.ron:1:12: unexpected missing field named `version` in the map");
    check(
        "(version: 1, title: \"T\", relations: [(kind: rebut, premises: [\"a\"], conclusion: \"b\")])",
        "t.ron:1:45: unexpected variant named `rebut` in the relation kind, expected either `support` or `objection` instead",
    );
}

#[test]
fn newer_and_unknown_versions_are_refused() {
    check(
        "(version: 7, title: \"T\", shiny_new_field: (a: 1))",
        "t.ron:1:11: the file has format version 7, written by a newer argmap; this argmap reads version 1 and older: update argmap to open it",
    );
    check(
        "(version: 0, title: \"T\")",
        "t.ron:1:11: unknown format version 0; argmap map files start at version 1",
    );
}

#[test]
fn model_errors_point_at_the_offending_id() {
    let dup = GOOD.replace("(id: \"r\", text", "(id: \"q\", text");
    check(&dup, "t.ron:6:14: duplicate statement id \"q\"");
    let dangling = GOOD.replace("conclusion: \"q\"", "conclusion: \"qq\"");
    check(&dangling, "t.ron:9:54: relation 1: unknown statement id \"qq\"");
    let empty = GOOD.replace("premises: [\"r\"]", "premises: []");
    check(&empty, "t.ron:9:35: relation 1: a relation to \"q\" has no premises");
    let own = GOOD.replace("premises: [\"r\"]", "premises: [\"q\"]");
    check(&own, "t.ron:9:36: relation 1: statement \"q\" is its own premise");
    let bad_id = GOOD.replace("(id: \"r\", text", "(id: \"r r\", text");
    check(
        &bad_id,
        "t.ron:6:14: statement id \"r r\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)",
    );
    let empty_id = GOOD.replace("(id: \"r\", text", "(id: \"\", text");
    check(&empty_id, "t.ron:6:14: a statement has an empty id");
}

#[test]
fn non_utf8_and_oversized_input_are_refused() {
    let bytes = b"(version: 1,\n title: \"caf\xe9\")";
    assert_eq!(
        load_bytes(bytes, "t.ron").unwrap_err().to_string(),
        "t.ron:2:13: the file is not UTF-8 text (save it as UTF-8, or convert it with iconv)"
    );
    // Issue 13: a file cut inside a character is called cut off, not "not UTF-8".
    let cut = &"(version: 1, title: \"caf\u{e9}\")".as_bytes()[..25];
    assert_eq!(
        load_bytes(cut, "t.ron").unwrap_err().to_string(),
        "t.ron:1:25: the file ends in the middle of a character (is it cut off?)"
    );
    let big = vec![b' '; (MAX_FILE_BYTES + 1) as usize];
    assert_eq!(
        load_bytes(&big, "t.ron").unwrap_err().kind,
        LoadErrorKind::TooLarge(Some(MAX_FILE_BYTES + 1))
    );
}

#[test]
fn issue13_a_byte_order_mark_is_accepted() {
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    assert_eq!(load_bytes(&with_bom, "t.ron").unwrap(), load_str(GOOD, "t.ron").unwrap());
    assert_eq!(load_str(&format!("\u{feff}{GOOD}"), "t.ron").unwrap().statement_count(), 2);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // With the version not first, the version is read by a generic parse: the one place a file
    // can nest as deep as it likes. The recursion limit stops it.
    let deep = format!("(title: \"T\", x: {}{}, version: 1)", "[".repeat(100_000), "]".repeat(100_000));
    let err = load_str(&deep, "t.ron").unwrap_err();
    assert!(err.to_string().ends_with("the file nests deeper than 64 levels, which no map does"), "{err}");
}

#[test]
fn a_missing_file_is_named() {
    let err = load_path(Path::new("/nonexistent/map.ron")).unwrap_err();
    assert_eq!(err.to_string(), "/nonexistent/map.ron: cannot read the file: no such file or directory");
}

#[test]
fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
    let scratch = tempfile::tempdir().unwrap(); // removed when the test ends
    let dir = scratch.path();
    let path = dir.join("m.ron");
    write_atomic(&path, b"old").unwrap();
    write_atomic(&path, b"new").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    let names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("m.ron")]);
}

#[test]
fn save_keeps_the_previous_version_as_bak() {
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("m.ron");
    let mut map = load_str(GOOD, "t.ron").unwrap();
    save(&map, &path).unwrap();
    assert!(!backup_path(&path).exists(), "nothing to back up the first time");
    let first = std::fs::read(&path).unwrap();
    map.title = "Second".into();
    save(&map, &path).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(std::fs::read(&path).unwrap(), to_ron_string(&map).as_bytes(), "streamed, the same bytes");
    assert_eq!(backup_path(&path).file_name().unwrap(), "m.ron.bak");
    assert_eq!(load_path(&path).unwrap().title, "Second");
}

#[test]
fn groups_load_save_and_their_errors_point_at_the_group() {
    let with = |groups: &str| GOOD.replace("    ],\n)", &format!("    ],\n    groups: [\n{groups}    ],\n)"));
    let good = with("        (id: \"camp\", title: \"A camp\", members: [\"r\"]),\n");
    let map = load_str(&good, "t.ron").unwrap();
    assert_eq!(map.groups()[0].title, "A camp");
    assert_eq!(map.members("camp").iter().map(|m| m.as_str()).collect::<Vec<_>>(), ["r"]);
    let saved = to_ron_string(&map);
    assert!(saved.contains("groups: ["), "{saved}");
    assert_eq!(load_str(&saved, "t.ron").unwrap(), map);
    // An old file (no groups) has none, and saving one without groups writes no `groups`.
    assert!(load_str(GOOD, "t.ron").unwrap().groups().is_empty());
    assert!(!to_ron_string(&load_str(GOOD, "t.ron").unwrap()).contains("groups"));
    check(
        &with("        (id: \"camp\", title: \"A\", members: [\"nobody\"]),\n"),
        "t.ron:12:44: group 1: unknown statement id \"nobody\"",
    );
    check(
        &with(
            "        (id: \"a\", title: \"A\", members: [\"r\"]),\n        (id: \"b\", title: \"B\", members: [\"q\", \"r\"]),\n",
        ),
        "t.ron:13:46: group 2: statement \"r\" is already a member of group \"a\"; a statement belongs to one group at most",
    );
    check(
        &with(
            "        (id: \"a\", title: \"A\", members: []),\n        (id: \"a\", title: \"B\", members: []),\n",
        ),
        "t.ron:13:14: group 2: duplicate group id \"a\"",
    );
    check(
        &with("        (id: \"a\", title: \" \", members: []),\n"),
        "t.ron:12:26: group 1: group \"a\": its title is empty",
    );
}

#[test]
fn documents_are_checked_and_their_errors_placed() {
    let doc = |extra: &str| {
        format!(
            "#![enable(implicit_some)]\n(version: 1, title: \"T\", documents: [(id: \"art\", title: \"An article\"{extra})], statements: [(id: \"a\", text: \"A\", source: (quote: \"q\", reference: \"r\", document: \"art\", at: (paragraph: 1, start: 0, end: 1)))])"
        )
    };
    let map = load_str(&doc(""), "t.ron").unwrap();
    assert_eq!(map.document("art").map(|d| d.title.as_str()), Some("An article"));
    assert_eq!(load_str(&to_ron_string(&map), "t.ron").unwrap(), map, "written and read back the same");
    check(
        "#![enable(implicit_some)]\n(version: 1, title: \"T\", statements: [(id: \"a\", text: \"A\", source: (quote: \"q\", reference: \"r\", document: \"nope\"))])",
        "t.ron:2:107: statement \"a\": its source names document \"nope\", which the map does not list",
    );
    check(
        "(version: 1, title: \"T\", documents: [(id: \"x y\", title: \"D\")])",
        "t.ron:1:43: document 1: document id \"x y\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)",
    );
    check(
        "(version: 1, title: \"T\", documents: [(id: \"d\", title: \"D\"), (id: \"d\", title: \"E\")])",
        "t.ron:1:66: document 2: duplicate document id \"d\"",
    );
}

#[test]
fn issue32_a_map_larger_than_argmap_reads_is_not_written_and_the_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let map = load_str(crate::MINUSMA_RON, "m").unwrap();
    std::fs::write(&path, "the old file").unwrap();
    let e = save_within(&map, &path, 1_000).unwrap_err();
    assert!(io_message(&e).contains("larger than the 64 MB argmap reads"), "{}", io_message(&e));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old file");
    save_within(&map, &path, MAX_FILE_BYTES).unwrap();
    assert_eq!(load_path(&path).unwrap(), map);
}

#[test]
fn issue37_a_file_replaced_while_a_save_is_under_way_is_kept_as_the_backup() {
    // Someone else's save lands while ours is being written: ours replaces it, and theirs is the
    // backup beside it, not lost (the app merges before it writes; this is the instant between).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    std::fs::write(&path, "the version both opened").unwrap();
    super::write_atomic_with(&path, true, |w| {
        std::fs::write(&path, "theirs, saved meanwhile")?;
        w.write_all(b"ours")
    })
    .unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "ours");
    assert_eq!(std::fs::read_to_string(super::backup_path(&path)).unwrap(), "theirs, saved meanwhile");
}
