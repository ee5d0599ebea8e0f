//! Hostile and broken files: every one gives one clear line (file, line and column where known,
//! what is wrong), through the binary, with exit status 1, and never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::path::Path;
use std::process::Command;

mod common;

/// A fresh folder for one test's files, removed when the test ends.
fn scratch(name: &str) -> common::Scratch {
    common::scratch("corpus", name)
}

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// `argmap check FILE` fails with exactly `error: FILE<expected>`.
#[track_caller]
fn check(path: &Path, expected: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_argmap")).arg("check").arg(path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", path.display());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr, format!("error: {}{expected}\n", path.display()));
}

#[test]
fn every_broken_file_of_the_corpus_gives_its_message() {
    let cases = [
        ("empty.ron", ":1:1: the file is empty"),
        ("conflict-unknown-statement.ron", ": conflict 1: unknown statement id \"b\""),
        (
            "conflict-bad-field.ron",
            ":1:98: unexpected variant named `colour` in the conflict's field, expected one of `text`, `note`, `source`, `deleted`, `relation`, `mark`, or `group` instead",
        ),
        ("truncated.ron", ":104:19: a string starting here is never closed (is the file cut off?)"),
        ("random-bytes.ron", ":1:1: the file is not UTF-8 text (save it as UTF-8, or convert it with iconv)"),
        ("not-utf8.ron", ":3:16: the file is not UTF-8 text (save it as UTF-8, or convert it with iconv)"),
        ("json-instead.ron", ":1:1: expected opening `(` for the map"),
        (
            "newer-version.ron",
            ":2:14: the file has format version 2, written by a newer argmap; this argmap reads version 1 and older: update argmap to open it",
        ),
        ("version-zero.ron", ":1:11: unknown format version 0; argmap map files start at version 1"),
        ("missing-title.ron", ":10:1: unexpected missing field named `title` in the map"),
        ("wrong-type.ron", ":3:11: expected string"),
        (
            "unknown-kind.ron",
            ":9:16: unexpected variant named `endorsement` in the relation kind, expected either `support` or `objection` instead",
        ),
        ("duplicate-id.ron", ":6:14: duplicate statement id \"q\""),
        ("dangling-id.ron", ":9:54: relation 1: unknown statement id \"nowhere\""),
        ("self-premise.ron", ":9:36: relation 1: statement \"q\" is its own premise"),
        ("empty-premises.ron", ":9:35: relation 1: a relation to \"q\" has no premises"),
        (
            "bad-id.ron",
            ":6:14: statement id \"r?\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)",
        ),
        (
            "nan-position.ron",
            ":7:14: statement \"r\" has a position that is not a number between -1e8 and 1e8",
        ),
        (
            "infinite-position.ron",
            ":7:14: statement \"r\" has a position that is not a number between -1e8 and 1e8",
        ),
        ("deep-nesting.ron", ":1:55: the file nests deeper than 64 levels, which no map does"),
        // Issue 13: the hostile-input probe's files.
        (
            "far-position.ron",
            ":7:14: statement \"r\" has a position that is not a number between -1e8 and 1e8",
        ),
        ("long-title.ron", ":3:12: the map's title has 1001 characters; argmap keeps at most 1000"),
        ("long-label.ron", ":10:66: relation 1: its label has 1001 characters; argmap keeps at most 1000"),
        (
            "long-id.ron",
            ":6:14: statement \"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr…\": its id has 201 characters; argmap keeps at most 200",
        ),
        (
            "dots-id.ron",
            ":6:14: statement id \"..\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)",
        ),
        (
            "escape-injection.ron",
            ":6:14: statement id \"\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\" is not a slug: use only letters, digits, '-', '_' and '.' (not only dots)",
        ),
        ("self-undercut.ron", ":10:65: relation 1: a relation cannot undercut itself"),
        (
            "undercut-support.ron",
            ":11:16: relation 2: an undercut (a relation whose conclusion is another relation) must be an objection",
        ),
        ("unknown-mark.ron", ":11:29: what-if marks: unknown statement id \"nope\""),
        (
            "both-marks.ron",
            ":11:46: what-if marks: statement \"r\" is marked both rejected and accepted; keep one of the two",
        ),
        (
            "negative-version.ron",
            ":2:15: the format version must be a whole number from 1 up (argmap writes version 1)",
        ),
        (
            "bad-rating.ron",
            ":10:67: unexpected variant named `great` in the rating, expected one of `strong`, `weak`, or `none` instead",
        ),
        ("bad-marks.ron", ":11:27: expected opening `[`"),
        ("cut-character.ron", ":6:34: the file ends in the middle of a character (is it cut off?)"),
    ];
    // Files that look odd and are fine.
    let accepted = ["byte-order-mark.ron"];
    let listed: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.0).chain(accepted).collect();
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        on_disk.iter().map(String::as_str).collect::<std::collections::BTreeSet<_>>(),
        listed,
        "every corpus file has its expected message"
    );
    for (name, expected) in cases {
        check(&Path::new(CORPUS).join(name), expected);
    }
    for name in accepted {
        let out = Command::new(env!("CARGO_BIN_EXE_argmap"))
            .arg("check")
            .arg(Path::new(CORPUS).join(name))
            .output();
        assert!(out.unwrap().status.success(), "{name} loads");
    }
}

#[test]
fn a_20_mb_statement_is_refused() {
    let dir = scratch("huge");
    let path = dir.join("huge.ron");
    let text = "word ".repeat(4 * 1024 * 1024);
    std::fs::write(
        &path,
        format!("(version: 1, title: \"T\", statements: [(id: \"big\", text: \"{text}\")])"),
    )
    .unwrap();
    check(
        &path,
        ":1:44: statement \"big\" has 20971520 characters of text; a statement may have at most 100000",
    );
}

#[test]
fn a_file_over_64_mib_is_refused_before_parsing() {
    let dir = scratch("large");
    let path = dir.join("large.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap(); // sparse: no 64 MiB written
    check(&path, ": the file is 67108865 bytes, more than the 67108864 bytes (64 MiB) argmap reads");
}
