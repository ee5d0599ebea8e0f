//! Issue 13: what a hostile-input probe found, each case run through the binary as a user (or an
//! attacker) would run it. Every test here failed before its fix.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

fn scratch(name: &str) -> common::Scratch {
    common::scratch("hostile", name)
}

const MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron");

/// Runs the binary, killing it (and failing) if it takes longer than `secs`.
#[track_caller]
fn argmap_within(secs: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            panic!("argmap {args:?} still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn argmap(args: &[&str]) -> Output {
    argmap_within(120, args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Makes a special file (a FIFO, or a device like /dev/null's); `false` where this user may not.
fn mknod(path: &Path, kind: rustix::fs::FileType) -> bool {
    let dev = if kind == rustix::fs::FileType::Fifo { 0 } else { rustix::fs::makedev(1, 3) };
    rustix::fs::mknodat(rustix::fs::CWD, path, kind, rustix::fs::Mode::from_raw_mode(0o666), dev).is_ok()
}

fn file_type(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---- 3. Writing to a device, FIFO or symlink ----

#[test]
fn issue13_a_device_node_is_never_replaced_nor_read_for_a_backup() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("device");
    let null = dir.join("null.ron");
    let made = mknod(&null, rustix::fs::FileType::CharacterDevice);
    if common::lacks("the right to make a device node (root)", (!made).then(|| "mknod was refused".into())) {
        return;
    }
    let docs = scratch("device-doc");
    let doc = docs.join("doc.argdown");
    std::fs::write(&doc, "[A]: a\n  + [B]: b\n").unwrap();
    for args in [
        vec!["gen", "--statements", "10", s(&null)],
        vec!["export", MAP, s(&null)],
        vec!["import", s(&doc), s(&null)],
    ] {
        let o = argmap(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "error: {}: cannot write: it is a device; argmap writes only regular files and will not replace it\n",
                null.display()
            )
        );
        assert!(file_type(&null).is_char_device(), "still the device");
        assert_eq!(entries(&dir), ["null.ron"], "no backup, no temporary");
    }
}

#[test]
fn issue13_a_fifo_is_never_replaced_and_a_fifo_without_writer_reads_as_empty() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.ron");
    assert!(mknod(&fifo, rustix::fs::FileType::Fifo));
    let o = argmap_within(20, &["gen", "--statements", "10", s(&fifo)]);
    assert!(stderr(&o).ends_with("cannot write: it is a FIFO (named pipe); argmap writes only regular files and will not replace it\n"), "{}", stderr(&o));
    assert!(file_type(&fifo).is_fifo());
    // Reading it with nobody writing: an empty file at once, not a hang.
    let o = argmap_within(20, &["check", s(&fifo)]);
    assert_eq!(stderr(&o), format!("error: {}:1:1: the file is empty\n", fifo.display()));
    let doc = dir.join("pipe.argdown");
    assert!(mknod(&doc, rustix::fs::FileType::Fifo));
    let o = argmap_within(20, &["import", s(&doc), s(&dir.join("out.ron"))]);
    assert_eq!(stderr(&o), format!("error: {}:1:1: the document is empty\n", doc.display()));
}

#[test]
fn issue13_writing_through_a_symlink_replaces_the_file_it_points_to_and_keeps_the_link() {
    let dir = scratch("symlink");
    let real = dir.join("real.ron");
    std::fs::copy(MAP, &real).unwrap();
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    let o = argmap(&["gen", "--statements", "10", s(&link)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(file_type(&link).is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("real.ron"));
    let check = argmap(&["check", s(&real)]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("10 statements"), "the file it points to is new");
    assert_eq!(std::fs::read(dir.join("real.ron.bak")).unwrap(), std::fs::read(MAP).unwrap(), "its backup");
    // A link to nothing is refused, and nothing is made.
    let dangling = dir.join("dangling.ron");
    std::os::unix::fs::symlink("nowhere/x.ron", &dangling).unwrap();
    let o = argmap(&["gen", "--statements", "10", s(&dangling)]);
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: cannot write: it is a symbolic link to a file that does not exist\n",
            dangling.display()
        )
    );
    assert!(file_type(&dangling).is_symlink());
}

// ---- 4. Temporary files ----

#[test]
fn issue13_a_file_name_of_255_bytes_can_be_written() {
    let dir = scratch("long-name");
    let name = format!("{}.ron", "m".repeat(251));
    let path = dir.join(&name);
    let o = argmap(&["gen", "--statements", "10", s(&path)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = argmap(&["gen", "--statements", "12", s(&path)]);
    assert!(o.status.success(), "the second write (whose backup name is too long) {}", stderr(&o));
    assert_eq!(entries(&dir), [name]);
}

#[test]
fn issue13_a_planted_link_at_the_old_predictable_temporary_name_is_not_followed() {
    let dir = scratch("planted");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // What argmap used to name its temporary file: `.NAME.argmap-PID.tmp`, PID guessable. Plant
    // links for a range of PIDs around the next one.
    let target = dir.join("m.ron");
    let next = std::process::id();
    for pid in next..next + 2000 {
        let _ = std::os::unix::fs::symlink(&victim, dir.join(format!(".m.ron.argmap-{pid}.tmp")));
    }
    let o = argmap(&["gen", "--statements", "10", s(&target)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(file_type(&target).is_file());
}

// ---- 5. Backups ----

/// Runs argmap with writes limited to `blocks` of 512 bytes (a disk that fills up).
fn argmap_with_full_disk(blocks: u32, args: &[&str]) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "trap '' XFSZ; ulimit -f {blocks}; exec '{}' {}",
        env!("CARGO_BIN_EXE_argmap"),
        quoted.join(" ")
    );
    Command::new("sh").arg("-c").arg(script).output().unwrap()
}

#[test]
fn issue13_a_failed_save_keeps_the_older_backup() {
    let dir = scratch("full-disk");
    let path = dir.join("m.ron");
    let bak = dir.join("m.ron.bak");
    std::fs::write(&path, "the current map").unwrap();
    std::fs::write(&bak, "the older backup").unwrap();
    let o = argmap_with_full_disk(16, &["gen", "--statements", "2000", s(&path)]);
    assert_eq!(o.status.code(), Some(1), "the write must fail: {}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the current map");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), "the older backup");
    assert_eq!(entries(&dir), ["m.ron", "m.ron.bak"], "no temporary left");
}

#[test]
fn issue13_export_to_ron_over_a_map_keeps_a_backup() {
    let dir = scratch("export-backup");
    let out = dir.join("out.ron");
    std::fs::write(&out, "an older map").unwrap();
    let o = argmap(&["export", MAP, s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("out.ron.bak")).unwrap(), "an older map");
}

#[test]
fn issue13_temporary_files_left_by_a_kill_are_removed_on_the_next_write() {
    let dir = scratch("leftovers");
    let make = |name: &str, age: u64| -> PathBuf {
        let p = dir.join(name);
        let f = std::fs::File::create(&p).unwrap();
        f.set_modified(std::time::SystemTime::now() - Duration::from_secs(age)).unwrap();
        p
    };
    let stale = make(".m.ron.argmap-a1B2c3D4e5.tmp", 120);
    let fresh = make(".m.ron.argmap-f6G7h8I9j0.tmp", 0); // another argmap may be writing it now
    let foreign = make(".m.ron.other-a1B2c3D4e5.tmp", 120);
    let o = argmap(&["gen", "--statements", "10", s(&dir.join("m.ron"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stale.exists(), "argmap's own leftover older than a minute is removed");
    assert!(fresh.exists() && foreign.exists(), "a fresh one and someone else's stay");
}

// ---- 6. Bounded reads ----

#[test]
fn issue13_endless_and_special_files_are_read_bounded() {
    let dir = scratch("endless");
    let out = dir.join("out.ron");
    for (args, expected) in [
        (
            vec!["check", "/dev/zero"],
            "error: /dev/zero: the file is more than the 67108864 bytes (64 MiB) argmap reads\n",
        ),
        (
            vec!["check", "/dev/urandom"],
            "error: /dev/urandom: the file is more than the 67108864 bytes (64 MiB) argmap reads\n",
        ),
        (
            vec!["import", "/dev/zero", s(&out)],
            "error: /dev/zero: unknown import format \"(none)\"; argmap import reads .argdown (or .ad) and .json (AIF)\n",
        ),
    ] {
        let o = argmap_within(30, &args);
        assert_eq!(stderr(&o), expected, "{args:?}");
    }
    // An endless document under an importable name: a link to /dev/zero.
    let zero = dir.join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let o = argmap_within(30, &["import", s(&zero), s(&out)]);
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: the file is more than the 67108864 bytes (64 MiB) argmap reads\n",
            zero.display()
        )
    );
    assert!(!out.exists());
    // A document over the limit is refused by its size, before reading.
    let big = dir.join("big.argdown");
    std::fs::File::create(&big).unwrap().set_len(65 * 1024 * 1024).unwrap();
    let o = argmap_within(30, &["import", s(&big), s(&out)]);
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: the file is 68157440 bytes, more than the 67108864 bytes (64 MiB) argmap reads\n",
            big.display()
        )
    );
}

#[test]
fn issue13_a_map_through_a_pipe_loads() {
    let script = format!("'{}' check <(cat '{MAP}')", env!("CARGO_BIN_EXE_argmap"));
    let o = Command::new("bash").arg("-c").arg(script).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("27 statements"));
}

// ---- 1. Walks over a map: every format, for cycles under no claim and very long chains ----

fn map_of(statements: usize, relations: &[(usize, usize, RelationKind)]) -> ArgumentMap {
    let statements =
        (0..statements).map(|i| Statement::new(format!("s{i}"), format!("Statement {i}."))).collect();
    let relations = relations
        .iter()
        .map(|&(p, c, kind)| {
            Relation::new(kind, vec![format!("s{p}").into()], Target::Statement(format!("s{c}").into()))
        })
        .collect();
    ArgumentMap::from_parts("Hostile".into(), None, statements, relations).unwrap()
}

/// Exports `map` to every format through the binary: each must succeed (a PNG too large to
/// draw must say so) and never crash.
fn export_everything(name: &str, map: &ArgumentMap) {
    let dir = scratch(name);
    let path = dir.join("map.ron");
    argmap::io::save(map, &path).unwrap();
    for ext in ["ron", "argdown", "json", "dot", "md", "svg", "png"] {
        let out = dir.join(format!("out.{ext}"));
        let o = argmap(&["export", s(&path), s(&out), "--scale", "0.001"]);
        assert!(o.status.code() == Some(0) || o.status.code() == Some(1), "{name} {ext}: {o:?}");
        if o.status.success() {
            assert!(std::fs::metadata(&out).unwrap().len() > 0, "{name} {ext}");
        } else {
            assert!(stderr(&o).contains("the PNG would be"), "{name} {ext}: {}", stderr(&o));
        }
    }
    // The outline holds every statement's text (all of them are `Statement N.`).
    let md = std::fs::read_to_string(dir.join("out.md")).unwrap();
    let numbers: std::collections::BTreeSet<usize> =
        md.split("Statement ").skip(1).filter_map(|rest| rest.split('.').next()?.parse().ok()).collect();
    assert_eq!(numbers.len(), map.statement_count(), "{name}: every statement in the outline");
}

use argmap::model::{ArgumentMap, Relation, RelationKind, Statement, Target};

#[test]
fn issue13_every_format_exports_a_mutual_objection() {
    use RelationKind::Objection;
    export_everything("mutual", &map_of(2, &[(0, 1, Objection), (1, 0, Objection)]));
}

#[test]
fn issue13_every_format_exports_a_support_cycle() {
    use RelationKind::Support;
    export_everything("cycle", &map_of(3, &[(0, 1, Support), (1, 2, Support), (2, 0, Support)]));
}

#[test]
fn issue13_every_format_exports_a_chain_100000_deep() {
    let n = 100_000;
    let chain: Vec<_> = (1..n).map(|i| (i, i - 1, RelationKind::Support)).collect();
    export_everything("chain", &map_of(n, &chain));
}

// ---- 11. Nothing printed carries a raw control character ----

/// Whether `bytes` hold a control character other than the line ends argmap itself prints.
fn has_raw_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).chars().any(|c| c.is_control() && c != '\n' || c == '\u{202e}')
}

#[test]
fn issue13_what_a_file_says_reaches_the_terminal_escaped_and_errors_stay_one_line() {
    let dir = scratch("escapes");
    // A valid map whose title sets the terminal title, rings the bell, clears the screen.
    let map = dir.join("title.ron");
    std::fs::write(
        &map,
        "(version: 1, title: \"\u{1b}]0;pwned\u{7}\u{1b}[2J\nfake line\u{202e}\", statements: [(id: \"a\", text: \"A\")])",
    )
    .unwrap();
    let o = argmap(&["check", s(&map)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!has_raw_control(&o.stdout), "{:?}", String::from_utf8_lossy(&o.stdout));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("  \\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\nfake line\\u{202e}\n")
    );
    // An error about an id full of escapes: one line, escaped.
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/escape-injection.ron");
    let o = argmap(&["check", bad]);
    assert!(!has_raw_control(&o.stderr) && stderr(&o).lines().count() == 1, "{:?}", stderr(&o));
    // Import warnings about hostile titles: one line each, escaped, long ones shortened.
    let doc = dir.join("doc.argdown");
    let title = format!("\u{1b}[31m{}", "x".repeat(10_000));
    std::fs::write(&doc, format!("[a]: A.\n  >< [{title}]: B.\n")).unwrap();
    let o = argmap(&["import", s(&doc), s(&dir.join("out.ron"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!has_raw_control(&o.stderr), "{:?}", stderr(&o));
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].chars().count() <= 2_000 + "warning: ".len(), "{}", warnings[0].len());
    // A file name with a line break in an error: still one line.
    let odd = dir.join("two\nlines.ron");
    std::fs::write(&odd, "").unwrap();
    let o = argmap(&["check", s(&odd)]);
    assert_eq!(stderr(&o).lines().count(), 1, "{:?}", stderr(&o));
}

// ---- 12. Options checked when parsed; a suggested scale is one argmap takes ----

#[test]
fn issue13_bad_numbers_are_refused_when_parsed() {
    let dir = scratch("options");
    let out = dir.join("x.svg");
    for (option, value, expected) in [
        ("--margin", "inf", "the margin must be a number from 0 to 10000 (map units)"),
        ("--margin", "-1", "the margin must be a number from 0 to 10000 (map units)"),
        ("--margin", "NaN", "the margin must be a number from 0 to 10000 (map units)"),
        ("--scale", "0", "the scale must be a number above 0 and at most 100"),
        ("--scale", "inf", "the scale must be a number above 0 and at most 100"),
        ("--scale", "1e30", "the scale must be a number above 0 and at most 100"),
    ] {
        let arg = format!("{option}={value}");
        let o = argmap(&["export", MAP, s(&out), &arg]);
        assert_eq!(o.status.code(), Some(2), "{arg}: usage errors exit 2");
        assert!(stderr(&o).contains(expected), "{arg}: {}", stderr(&o));
        assert!(!out.exists());
    }
}

#[test]
fn issue13_the_scale_a_too_large_png_suggests_is_taken_and_fits() {
    let dir = scratch("fit");
    let n = 2000;
    let chain: Vec<_> = (1..n).map(|i| (i, i - 1, RelationKind::Support)).collect();
    let path = dir.join("chain.ron");
    argmap::io::save(&map_of(n, &chain), &path).unwrap();
    let png = dir.join("chain.png");
    let o = argmap(&["export", s(&path), s(&png)]);
    let err = stderr(&o);
    let fit = err.split("--scale ").nth(1).and_then(|r| r.split(' ').next()).unwrap();
    assert!(fit.parse::<f32>().unwrap() > 0.0, "{err}");
    let o = argmap(&["export", s(&path), s(&png), "--scale", fit]);
    assert!(o.status.success(), "--scale {fit}: {}", stderr(&o));
    let side = |b: &[u8], at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let bytes = std::fs::read(&png).unwrap();
    assert!(side(&bytes, 16) <= 16_384 && side(&bytes, 20) <= 16_384);
    // On its longer side (a map this long is arranged as an outline in columns: wider than tall).
    let longer = side(&bytes, 16).max(side(&bytes, 20));
    assert!(longer > 16_000, "the suggestion is close to the largest that fits: {longer}");
}

// ---- 8. gen: bounded to what argmap opens ----

#[test]
fn issue13_gen_makes_only_maps_argmap_opens() {
    let dir = scratch("gen");
    let out = dir.join("g.ron");
    for count in ["0", "100001", "1000000000000", "18446744073709551615", "-1"] {
        let o = argmap(&["gen", "--statements", count, s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{count}: {}", stderr(&o));
        assert!(stderr(&o).contains("1..=100000") || count == "-1", "{count}: {}", stderr(&o));
        assert!(!out.exists());
    }
    let o = argmap(&["gen", "--statements", "100000", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = argmap(&["check", s(&out)]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("100000 statements"), "{}", stderr(&o));
}
