//! The `argmap` binary's headless verbs, run as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::path::Path;
use std::process::{Command, Output};

mod common;

/// A fresh folder for one test's files, removed when the test ends.
fn scratch(name: &str) -> common::Scratch {
    common::scratch("cli", name)
}

const MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron");

fn argmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argmap")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn check_prints_a_summary_by_role() {
    let o = argmap(&["check", MAP]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("27 statements: 1 claim, 15 reasons, 10 objections, 1 rebuttal"), "{out}");
    assert!(
        out.contains("25 relations: 14 support, 11 objection (of which 2 undercuts); 1 linked (co-premises)"),
        "{out}"
    );
}

#[test]
fn check_json_lists_every_statement_with_role_and_quote() {
    let o = argmap(&["check", "--json", MAP]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let statements = doc["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 27);
    assert_eq!(statements[0]["id"], "cooperate-with-transition", "file order");
    for role in ["claim", "reason", "objection", "rebuttal"] {
        assert!(statements.iter().any(|s| s["role"] == role), "no {role}");
    }
    for s in statements {
        assert!(s["source"]["quote"].as_str().is_some_and(|q| !q.is_empty()), "{s}");
        assert!(s.get("note").is_some() && s.get("text").is_some());
    }
    let relations = doc["relations"].as_array().unwrap();
    assert!(relations.iter().any(|r| r["premises"].as_array().unwrap().len() == 2 && r["kind"] == "support"));
    assert!(doc["title"].as_str().unwrap().starts_with("Should MINUSMA"));
    // The two camps, as the design lists them: the claim's reasons with their branches, and its
    // objections with theirs; the claim in neither.
    let groups = doc["groups"].as_array().unwrap();
    let titles: Vec<&str> = groups.iter().map(|g| g["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["State-centric peacebuilding", "Honest-broker concerns"]);
    let members = |g: usize| -> Vec<&str> {
        groups[g]["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect()
    };
    assert_eq!(members(0).len() + members(1).len(), 26);
    for id in ["host-state-consent", "no-democratic-cover", "no-own-counter-terrorism", "barkhane-cracks"] {
        assert!(members(0).contains(&id), "{id} is state-centric");
    }
    for id in ["honest-broker", "advocacy-muted", "coup-of-18-august", "security-first-critique"] {
        assert!(members(1).contains(&id), "{id} is an honest-broker concern");
    }
    assert!(
        !members(0).contains(&"cooperate-with-transition")
            && !members(1).contains(&"cooperate-with-transition")
    );
}

#[test]
fn an_argdown_document_with_sections_imports_one_group_per_section() {
    let dir = common::scratch("cli", "sections");
    let doc = dir.join("d.argdown");
    std::fs::write(
        &doc,
        "[Claim]: We should act.\n\n# For\n\n[A]: It helps.\n  +> [Claim]\n\n[B]: It is cheap.\n  +> [Claim]\n\n# Against\n\n[C]: It is risky.\n  -> [Claim]\n",
    )
    .unwrap();
    let out = dir.join("d.ron");
    let o = argmap(&["import", doc.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = argmap(&["check", "--json", out.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let groups: Vec<(String, usize)> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["title"].as_str().unwrap().to_owned(), g["members"].as_array().unwrap().len()))
        .collect();
    assert_eq!(groups, [("For".to_owned(), 2), ("Against".to_owned(), 1)]);
}

#[test]
fn export_ron_writes_the_canonical_bytes() {
    let dir = scratch("export");
    let out = dir.join("copy.ron");
    let o = argmap(&["export", MAP, out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(MAP).unwrap());
}

#[test]
fn errors_are_one_line_with_status_1() {
    let dir = scratch("errors");
    let dup = write(
        &dir,
        "dup.ron",
        "(version: 1, title: \"T\", statements: [(id: \"a\", text: \"x\"), (id: \"a\", text: \"y\")])",
    );
    let newer = write(&dir, "newer.ron", "(version: 2, title: \"T\")");
    let broken = write(&dir, "broken.ron", "(version: 1, title: \"T\"");
    std::fs::write(dir.join("binary.ron"), [0xff, 0xfe, 0x00]).unwrap();
    let binary = dir.join("binary.ron").display().to_string();
    let missing = dir.join("missing.ron").display().to_string();
    let cases = [
        (vec!["check", dup.as_str()], format!("error: {dup}:1:66: duplicate statement id \"a\"")),
        (
            vec!["check", newer.as_str()],
            format!(
                "error: {newer}:1:11: the file has format version 2, written by a newer argmap; this argmap reads version 1 and older: update argmap to open it"
            ),
        ),
        (
            vec!["check", broken.as_str()],
            format!("error: {broken}:1:22: the file ends too early (is it cut off?): expected comma"),
        ),
        (vec!["check", binary.as_str()], format!("error: {binary}:1:1: the file is not UTF-8 text (save it as UTF-8, or convert it with iconv)")),
        (
            vec!["check", missing.as_str()],
            format!("error: {missing}: cannot read the file: no such file or directory"),
        ),
        (
            vec!["export", MAP, "/tmp/out.gif"],
            "error: /tmp/out.gif: unknown export format \".gif\"; argmap export writes .ron, .pdf, .svg, .png, .html, .argdown, .json (AIF), .dot and .md"
                .to_owned(),
        ),
        (
            vec!["export", MAP, "/nonexistent-dir/out.ron"],
            "error: /nonexistent-dir/out.ron: cannot write: no such file or directory".to_owned(),
        ),
    ];
    for (args, expected) in cases {
        let o = argmap(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o), format!("{expected}\n"), "{args:?}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn usage_errors_keep_clap_status_2() {
    let o = argmap(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = argmap(&["frobnicate", "x", "y"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_png_and_svg_with_options() {
    let dir = scratch("pictures");
    let png = dir.join("mali.png");
    let o = argmap(&["export", MAP, png.to_str().unwrap(), "--scale", "2", "--theme", "dark"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let svg = dir.join("mali.svg");
    let o = argmap(&["export", MAP, svg.to_str().unwrap(), "--branch", "honest-broker", "--transparent"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(text.contains("Direct support for the new"));
    assert!(!text.contains("Host-state consent"));
    // The same map exported twice gives the same bytes.
    let again = dir.join("again.png");
    argmap(&["export", MAP, again.to_str().unwrap(), "--scale", "2", "--theme", "dark"]);
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
}

#[test]
fn export_errors_are_one_line() {
    let dir = scratch("export-errors");
    let out = dir.join("x.png").display().to_string();
    let cases = [
        (
            vec!["export", MAP, out.as_str(), "--branch", "nope"],
            format!("error: {out}: unknown statement id \"nope\""),
        ),
        (
            vec!["export", MAP, out.as_str(), "--scale", "8", "--layout", "top-down"],
            format!(
                "error: {out}: the PNG would be 40144 x 5447 pixels, more than the 16384 a side argmap writes; --scale 3.26 fits, or export SVG (always complete)"
            ),
        ),
        (
            vec!["export", MAP, "/nonexistent-dir/x.svg"],
            "error: /nonexistent-dir/x.svg: cannot write: no such file or directory".to_owned(),
        ),
    ];
    for (args, expected) in cases {
        let o = argmap(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o), format!("{expected}\n"), "{args:?}");
    }
    assert!(!dir.join("x.png").exists(), "nothing written on error");
}

/// Killing argmap (`kill -9`) while it writes a file leaves the old file or the new one at the
/// target, complete, never a broken one (issue 6).
#[test]
fn a_kill_during_a_write_leaves_the_old_or_the_new_file() {
    let dir = scratch("kill");
    let target = dir.join("map.ron");
    let o = argmap(&["gen", "--statements", "50", "--seed", "1", target.to_str().unwrap()]);
    assert!(o.status.success());
    let small = std::fs::read(&target).unwrap();
    let backup = argmap::io::backup_path(&target);
    // argmap (a debug build) waits between the complete temporary file and the rename: kill it
    // there, once the whole new map is written beside the old one.
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["gen", "--statements", "3000", "--seed", "2", target.to_str().unwrap()])
        .env("ARGMAP_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .spawn()
        .unwrap();
    let temporary = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".map.ron.argmap-")))
    };
    let start = std::time::Instant::now();
    let tmp = loop {
        // Synced before the pause: a temporary that loads as the whole new map is the moment.
        let complete = temporary(&dir).filter(|t| {
            std::fs::read(t)
                .ok()
                .and_then(|b| argmap::io::load_bytes(&b, "t").ok())
                .is_some_and(|m| m.statement_count() == 3000)
        });
        if let Some(t) = complete {
            break t;
        }
        assert!(start.elapsed().as_secs() < 60, "the temporary file never became complete");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL, between the write and the rename
    let _ = child.wait();
    assert_eq!(std::fs::read(&target).unwrap(), small, "the old map, untouched");
    assert!(argmap::io::load_path(&target).is_ok());
    assert!(!backup.exists(), "the backup is made only after the pause, and no write finished");
    assert!(tmp.exists(), "the killed write left its temporary file");
    // The next write removes it once it is a minute old, and writes the new map.
    let f = std::fs::File::options().write(true).open(&tmp).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(120)).unwrap();
    let o = argmap(&["gen", "--statements", "3000", "--seed", "2", target.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(!tmp.exists());
    assert_eq!(argmap::io::load_path(&target).unwrap().statement_count(), 3000);
    assert_eq!(std::fs::read(&backup).unwrap(), small);
}

#[test]
fn eval_prints_grounded_labels() {
    let o = argmap(&["eval", "--json", MAP]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let labels = doc["labels"].as_object().unwrap();
    assert_eq!(labels.len(), 27);
    // The rebuttal stands, so the counter-terrorism objection falls; unanswered objections stand.
    assert_eq!(labels["no-own-counter-terrorism"], "in");
    assert_eq!(labels["enables-counter-terrorism"], "out");
    assert_eq!(labels["honest-broker"], "in");
    let o = argmap(&["eval", MAP]);
    assert!(stdout(&o).lines().any(|l| l.starts_with("no-own-counter-terrorism") && l.ends_with("  in")));
    let o = argmap(&["eval", "--why", "--json", MAP]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        doc["why"]["enables-counter-terrorism"],
        "out: defeated by \u{201c}MINUSMA does not itself conduct counter-terrorism operations\u{201d}, \
         which stands because nothing objects to it."
    );
}

#[test]
fn pictures_can_show_the_evaluation() {
    let dir = scratch("eval-export");
    let plain = dir.join("plain.svg");
    let evaluated = dir.join("eval.svg");
    assert!(argmap(&["export", MAP, plain.to_str().unwrap()]).status.success());
    let o = argmap(&["export", MAP, evaluated.to_str().unwrap(), "--eval"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let count = |path: &Path, word: &str| {
        std::fs::read_to_string(path).unwrap().matches(&format!(">{word}</text>")).count()
    };
    // 27 statements: 4 out (the claim, two reasons, the counter-terrorism objection), 23 in; and
    // the legend explains each badge once.
    assert_eq!((count(&evaluated, "OUT"), count(&evaluated, "IN")), (4 + 1, 23 + 1));
    assert_eq!((count(&plain, "OUT"), count(&plain, "IN")), (0, 0));
    let png = dir.join("eval.png");
    assert!(argmap(&["export", MAP, png.to_str().unwrap(), "--eval"]).status.success());
}

#[test]
fn import_argdown_and_aif_with_one_warning_line_per_approximation() {
    let dir = scratch("import");
    let doc = write(
        &dir,
        "debate.argdown",
        "===\ntitle: Four-day week\n===\n\n[Week]: Firms should adopt a four-day week.\n  + [Rested]: Rested staff work better.\n  >< [Five]: Five days are needed.\n",
    );
    let out = dir.join("debate.ron");
    let o = argmap(&["import", &doc, out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "warning: {doc}:7: [Week] and [Five] contradict each other: imported as two objections, one each way\n"
        )
    );
    assert!(stdout(&o).contains("3 statements, 3 relations (1 warnings)"), "{}", stdout(&o));
    let o = argmap(&["check", out.to_str().unwrap()]);
    assert!(stdout(&o).contains("Four-day week"), "{}", stdout(&o));

    let graph = write(
        &dir,
        "g.json",
        r#"{"nodes": [{"nodeID": 1, "text": "A", "type": "I"}, {"nodeID": 2, "text": "B", "type": "I"},
            {"nodeID": 3, "text": "RA", "type": "RA"}, {"nodeID": 4, "text": "x", "type": "L"}],
           "edges": [{"edgeID": 1, "fromID": 2, "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": 1}]}"#,
    );
    let out = dir.join("g.ron");
    let o = argmap(&["import", &graph, out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 locutions (L, the dialogue layer) not imported"), "{}", stderr(&o));
}

#[test]
fn import_errors_name_the_line_and_write_nothing() {
    let dir = scratch("import-errors");
    let doc = write(&dir, "bad.argdown", "[a]: fine\n\n/* never closed\n");
    let out = dir.join("bad.ron");
    let o = argmap(&["import", &doc, out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), format!("error: {doc}:3:1: a comment opened with /* is never closed with */\n"));
    assert!(!out.exists());
    let o = argmap(&["import", &write(&dir, "x.txt", ""), out.to_str().unwrap()]);
    assert!(stderr(&o).contains("unknown import format \".txt\""), "{}", stderr(&o));
    let o = argmap(&["import", &write(&dir, "g.json", "{\"nodes\": [}"), out.to_str().unwrap()]);
    assert!(stderr(&o).starts_with(&format!("error: {}:1:", dir.join("g.json").display())), "{}", stderr(&o));
}

#[test]
fn export_to_argdown_aif_dot_and_outline() {
    let dir = scratch("formats");
    for (name, starts) in [
        ("m.argdown", "===\ntitle: "),
        ("m.json", "{\n  \"nodes\": ["),
        ("m.dot", "digraph argmap {"),
        ("m.md", "# Should MINUSMA keep cooperating"),
    ] {
        let out = dir.join(name);
        let o = argmap(&["export", MAP, out.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{name}: {}", &text[..80.min(text.len())]);
    }
    // AIF has no place for sources: the export says so.
    let o = argmap(&["export", MAP, dir.join("again.json").to_str().unwrap()]);
    assert!(stderr(&o).contains("27 sources not written: AIF has no place for them"), "{}", stderr(&o));
    // The Argdown export reads back as the same map.
    let back = dir.join("back.ron");
    let o = argmap(&["import", dir.join("m.argdown").to_str().unwrap(), back.to_str().unwrap()]);
    assert!(o.status.success() && stderr(&o).is_empty(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(back).unwrap(), std::fs::read_to_string(MAP).unwrap());
}

/// Graphviz draws the DOT export (issue 14): `dot -Tsvg` reads it without a complaint and draws
/// every statement as a node named by its id. CI installs Graphviz (and fails without it);
/// elsewhere the test says it skipped.
#[test]
fn graphviz_draws_the_dot_export() {
    if common::lacks("Graphviz (dot)", common::cannot_run("dot", &["-V"])) {
        return;
    }
    let dir = scratch("graphviz");
    let dot = dir.join("m.dot");
    let o = argmap(&["export", MAP, dot.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let drawn = Command::new("dot").arg("-Tsvg").arg(&dot).output().unwrap();
    assert!(drawn.status.success(), "{}", String::from_utf8_lossy(&drawn.stderr));
    assert!(drawn.stderr.is_empty(), "dot warns: {}", String::from_utf8_lossy(&drawn.stderr));
    let svg = String::from_utf8(drawn.stdout).unwrap();
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() }; // Graphviz writes a DOCTYPE
    let doc = roxmltree::Document::parse_with_options(&svg, options).unwrap();
    let nodes: std::collections::HashSet<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()))
        .collect();
    let map = argmap::io::load_path(Path::new(MAP)).unwrap();
    for s in map.statements() {
        assert!(nodes.contains(s.id.as_str()), "{} is not drawn", s.id);
    }
    // Objections are dashed and reasons solid, as argmap draws them.
    assert!(svg.contains("stroke-dasharray"), "dashed objection edges");
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed");

#[test]
fn check_verifies_every_quote_against_its_document_and_strict_makes_drift_an_error() {
    // The shipped map: all 27 quotes found in the article.
    let o = argmap(&["check", MAP, "--documents", SEED, "--strict"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    // Without the article: one warning, the quotes not verified; --strict makes it an error.
    let dir = scratch("quotes");
    let copy = write(&dir, "map.ron", &std::fs::read_to_string(MAP).unwrap());
    let o = argmap(&["check", &copy]);
    assert!(o.status.success());
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("document cips-2020: mali-coup-un-peacekeepers.txt not found"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("quotes not verified"));
    assert_eq!(argmap(&["check", &copy, "--strict"]).status.code(), Some(1));
    // A quote edited in the copy: exactly that statement is named.
    let edited = std::fs::read_to_string(MAP).unwrap().replace(
        "On the one hand, it clarifies which key partners",
        "On the one hand, it muddles which key partners",
    );
    let copy = write(&dir, "map.ron", &edited);
    let o = argmap(&["check", &copy, "--documents", SEED]);
    assert!(o.status.success(), "a warning, not an error");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("statement clear-partners: its quote is no longer found in document cips-2020"),
        "{err}"
    );
    let o = argmap(&["check", &copy, "--documents", SEED, "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("1 quote problem (--strict makes them errors)"), "{}", stderr(&o));
    // check --json names the documents and where each quote is.
    let o = argmap(&["check", "--json", MAP]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["documents"][0]["id"], "cips-2020");
    assert_eq!(json["documents"][0]["file"], "mali-coup-un-peacekeepers.txt");
    let source = &json["statements"][1]["source"];
    assert_eq!(source["document"], "cips-2020");
    assert!(
        source["at"]["paragraph"].as_u64().unwrap() > 0
            && source["at"]["end"].as_u64() > source["at"]["start"].as_u64()
    );
}

#[test]
fn sources_lists_documents_and_relocate_finds_moved_quotes() {
    let dir = scratch("sources");
    let o = argmap(&["sources", MAP, "--documents", SEED]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "cips-2020 (What Does the Coup in Mali Mean for UN Peacekeepers in the Country?): 27 quotes;"
        ),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("10 of 13 paragraphs quoted"), "{}", stdout(&o));
    // The article with a paragraph added at the top: every quote moved, --relocate finds them.
    let article = std::fs::read_to_string(format!("{SEED}/mali-coup-un-peacekeepers.txt")).unwrap();
    write(&dir, "mali-coup-un-peacekeepers.txt", &format!("An editor's note.\n\n{article}"));
    let copy = write(&dir, "map.ron", &std::fs::read_to_string(MAP).unwrap());
    let o = argmap(&["sources", &copy, "--relocate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("27 quotes located afresh"), "{}", stdout(&o));
    let map = argmap::io::load_path(Path::new(&copy)).unwrap();
    let source = map.statement("host-state-consent").unwrap().source.clone().unwrap();
    assert_eq!(source.at.unwrap().paragraph, 7, "one paragraph further down");
    assert_eq!(source.reference, "CIPS Blog 2020, paragraph 7", "the written reference follows its place");
    assert_eq!(argmap(&["check", &copy, "--strict"]).status.code(), Some(0));
}

#[test]
fn issue31_check_json_cites_each_quote_where_the_pane_shows_it() {
    let o = argmap(&["check", "--json", MAP]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for s in doc["statements"].as_array().unwrap() {
        let reference = s["source"]["reference"].as_str().unwrap();
        let paragraph = s["source"]["at"]["paragraph"].as_u64().unwrap();
        assert_eq!(reference, format!("CIPS Blog 2020, paragraph {paragraph}"), "{}", s["id"]);
    }
    // A reference that says another paragraph than where its quote is: check says so.
    let dir = scratch("misnumbered");
    let map = std::fs::read_to_string(MAP).unwrap().replacen(
        "CIPS Blog 2020, paragraph 10",
        "CIPS Blog 2020, paragraph 13",
        1,
    );
    let copy = write(&dir, "map.ron", &map);
    let o = argmap(&["check", &copy, "--documents", SEED]);
    assert!(o.status.success(), "a warning, not an error: {}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "statement cooperate-with-transition: its reference says paragraph 13 but its quote is in paragraph 10"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(argmap(&["check", &copy, "--documents", SEED, "--strict"]).status.code(), Some(1));
}

/// The shipped map's arguments name their schemes, and the objections and undercuts already in
/// it answer their critical questions (issue 36).
#[test]
fn issue36_check_json_shows_each_arguments_scheme_and_its_answered_questions() {
    let o = argmap(&["check", "--json", MAP]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let relations = v["relations"].as_array().unwrap();
    let into_claim: Vec<&serde_json::Value> =
        relations.iter().filter(|r| r["conclusion"] == "cooperate-with-transition").collect();
    assert!(into_claim.len() >= 10);
    for r in &into_claim {
        assert!(r["scheme"].is_string(), "each of the claim's arguments names its scheme: {r}");
        assert!(r["questions"]["total"].as_u64().unwrap() >= 3, "{r}");
    }
    let answered: u64 = relations.iter().filter_map(|r| r["questions"]["answered"].as_u64()).sum();
    assert!(answered >= 5, "{answered} answered questions");
    // Each answer names the argument by the id the file gives it.
    let statements = v["statements"].as_array().unwrap();
    let answer = statements.iter().find(|s| s["id"] == "barkhane-cracks").unwrap();
    let named = answer["answers"]["relation"].as_str().unwrap();
    assert!(relations.iter().any(|r| r["id"] == named && r["premises"][0] == "authorities-willing"));
    // The 27 statements and 25 relations are those of the map's content list.
    assert_eq!((statements.len(), relations.len()), (27, 25));
}

#[test]
fn issue36_questions_lists_the_open_questions_of_every_argument() {
    let o = argmap(&["questions", MAP]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    // Arguments by their words, their scheme, how many are answered, and each open question
    // with what a "no" attacks and what answers it.
    assert!(
        said.contains("(Argument from positive consequences): 1 of 3 critical questions answered"),
        "{said}"
    );
    let lines: Vec<&str> = said.lines().collect();
    let favour = lines.iter().position(|l| l.contains("(Argument from positive consequences)")).unwrap();
    assert!(
        lines[favour + 1].starts_with("  open: How likely are the good consequences, really? (a “no” attacks the premise “MINUSMA could win favour"),
        "{said}"
    );
    assert!(said.contains("answer it with an objection to the premise"), "{said}");
    assert!(
        !said.contains("Are there bad consequences to weigh against the good ones?"),
        "answered: not listed\n{said}"
    );
    assert!(said.lines().last().unwrap().ends_with("open across 11 arguments."), "{said}");
    // As JSON: each argument with its open questions and who answered the others.
    let o = argmap(&["questions", "--json", MAP]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arguments = v["arguments"].as_array().unwrap();
    assert_eq!(arguments.len(), 11);
    let favour = arguments.iter().find(|a| a["premises"][0] == "win-favour").unwrap();
    assert_eq!(favour["scheme"], "positive-consequences");
    assert_eq!(favour["answers"][0]["by"][0], "honest-broker");
    assert_eq!(favour["open"][0]["attacks"], "premise 0");
    // A map without schemes says so.
    let dir = scratch("questions");
    let plain = dir.join("plain.ron").display().to_string();
    assert!(argmap(&["gen", "--statements", "20", &plain]).status.success());
    let o = argmap(&["questions", &plain]);
    assert!(stdout(&o).contains("No argument of this map names a scheme"), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn issue36_doubted_questions_change_the_evaluation_only_as_what_ifs_and_exports_show_open_ones() {
    let dir = scratch("doubted");
    let doubted = dir.join("doubted.ron");
    // The five objections to the claim, each with one question doubted (as the inspector's
    // Doubt does it).
    let mut map = argmap::io::load_path(Path::new(MAP)).unwrap();
    let objections: Vec<_> = map
        .relations()
        .filter(|(_, r)| r.kind == argmap::model::RelationKind::Objection)
        .filter(|(_, r)| r.conclusion.is("cooperate-with-transition"))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(objections.len(), 5);
    for id in objections {
        let doubt = argmap::edit::toggle_doubt(&map, id, 1).unwrap();
        argmap::edit::apply(&mut map, doubt).unwrap();
    }
    std::fs::write(&doubted, argmap::io::to_ron_string(&map)).unwrap();
    let path = doubted.display().to_string();
    // The claim's five objections are doubted: it stands, and eval says why.
    let o = argmap(&["eval", "--why", &path]);
    let first = stdout(&o).lines().next().unwrap().to_owned();
    assert!(first.starts_with("cooperate-with-transition   in"), "{first}");
    assert!(first.contains("you doubt one of its critical questions (what-if)"), "{first}");
    // questions marks them; check --json lists them.
    let said = stdout(&argmap(&["questions", &path]));
    assert_eq!(said.matches("  open, doubted (what-if): ").count(), 5, "{said}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&argmap(&["check", "--json", &path]))).unwrap();
    let doubts =
        v["relations"].as_array().unwrap().iter().filter(|r| r["questions"]["doubted"].is_array()).count();
    assert_eq!(doubts, 5);
    // An export shows the map's own evaluation unless asked for the what-ifs.
    let svg = |args: &[&str]| {
        let out = dir.join("m.svg");
        let mut all = vec!["export", path.as_str(), out.to_str().unwrap()];
        all.extend_from_slice(args);
        let o = argmap(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read_to_string(out).unwrap()
    };
    assert!(!svg(&["--eval"]).contains(">DOUBTED<"));
    assert!(svg(&["--eval", "--what-if"]).contains(">DOUBTED<"));
    // --questions: a ?N badge on each argument's first premise, explained in the legend.
    let shown = svg(&["--questions"]);
    assert!(shown.contains(">?6<") && shown.contains("critical questions of its argument still open"));
    assert!(!svg(&[]).contains(">?6<"));
}

#[test]
fn issue38_version_names_the_commit_and_the_manual_and_completions_come_from_the_cli() {
    let o = argmap(&["--version"]);
    let version = stdout(&o);
    assert!(o.status.success());
    let commit = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output();
    match commit {
        Ok(c) if c.status.success() => {
            let head = String::from_utf8_lossy(&c.stdout).trim().to_owned();
            assert_eq!(version.trim(), format!("argmap {} (commit {head})", env!("CARGO_PKG_VERSION")));
        }
        _ => assert!(version.starts_with("argmap ") && version.contains("(commit "), "{version}"),
    }
    // Completions for each shell the package installs, naming the verbs.
    for shell in ["bash", "zsh", "fish"] {
        let o = argmap(&["completions", shell]);
        assert!(o.status.success(), "{}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains("export") && script.contains("questions"), "{shell}: {script}");
    }
    // The manual: a page for argmap and for each verb, in roff, with the version.
    let dir = scratch("manual");
    let o = argmap(&["manual", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.join("argmap.1")).unwrap();
    assert!(page.starts_with(".ie") || page.contains(".TH argmap"), "{page}");
    assert!(
        page.contains(&format!("argmap {}", argmap::VERSION)) || page.contains(env!("CARGO_PKG_VERSION"))
    );
    let export = std::fs::read_to_string(dir.join("argmap-export.1")).unwrap();
    assert!(export.contains("\\-\\-questions"), "{export}");
    assert!(!dir.join("argmap-manual.1").exists(), "the hidden verb has no page");
    // The licences: argmap's and each library's.
    let said = stdout(&argmap(&["licenses"]));
    assert!(said.starts_with(&format!("argmap {}: MIT OR Apache-2.0", argmap::VERSION)), "{said}");
    assert!(said.contains("\neframe 0.37"), "{said}");
}
