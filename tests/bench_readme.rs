//! `scripts/bench-readme.py` (issue 33): README's table of figures is written from criterion's
//! own results, never typed in. Run here on a made-up criterion folder: the figures it writes
//! are those of the estimates, in the table file's order, and a benchmark with no result is an
//! error naming it, the README untouched.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::path::Path;
use std::process::Command;

mod common;

/// Writes criterion's files for one benchmark: its id and median (nanoseconds) with an interval.
fn result(criterion: &Path, id: &str, median: f64, (low, high): (f64, f64)) {
    let dir = criterion.join(id.replace('/', "_")).join("new");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("benchmark.json"), format!(r#"{{"full_id":"{id}","title":"{id}"}}"#)).unwrap();
    let estimates = format!(
        r#"{{"median":{{"point_estimate":{median},"confidence_interval":{{"confidence_level":0.95,"lower_bound":{low},"upper_bound":{high}}}}}}}"#
    );
    std::fs::write(dir.join("estimates.json"), estimates).unwrap();
}

fn run(dir: &Path, table: &str) -> std::process::Output {
    run_with(dir, table, &[])
}

fn run_with(dir: &Path, table: &str, more: &[&str]) -> std::process::Output {
    std::fs::write(dir.join("table.tsv"), table).unwrap();
    Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/bench-readme.py"))
        .args(["--no-run", "--date", "2026-12-04"])
        .args(more)
        .arg("--criterion")
        .arg(dir.join("criterion"))
        .arg("--readme")
        .arg(dir.join("README.md"))
        .arg("--table")
        .arg(dir.join("table.tsv"))
        .output()
        .unwrap()
}

#[test]
fn the_readmes_figures_are_criterions_own() {
    if common::lacks("python3", common::cannot_run("python3", &["--version"])) {
        return;
    }
    let dir = common::scratch("bench-readme", "figures");
    let criterion = dir.join("criterion");
    result(&criterion, "merge/10000", 59_011_000.0, (56_712_000.0, 61_503_000.0));
    result(&criterion, "pdf/a4/20000", 1_826_700_000.0, (1_756_100_000.0, 1_899_300_000.0));
    result(&criterion, "layout/1000", 212_400.0, (210_000.0, 215_000.0));
    let before = "# Title\n\nText.\n\n<!-- bench-figures:begin (scripts/bench-readme.py writes this table) -->\nold\n<!-- bench-figures:end -->\n\nAfter.\n";
    std::fs::write(dir.join("README.md"), before).unwrap();
    let table = "# comment\npdf/a4/20000\tone page of 20,000\tlinear\nmerge/10000\ta merge\t< 200 ms\nlayout/1000\ta layout\t\n";
    let o = run(&dir, table);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(
        readme.starts_with("# Title\n\nText.\n\n<!-- bench-figures:begin")
            && readme.ends_with("-->\n\nAfter.\n")
    );
    assert!(!readme.contains("\nold\n"), "the old table is gone");
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `")).collect();
    assert_eq!(
        rows,
        [
            "| `pdf/a4/20000` | one page of 20,000 | linear | 1.83 s (1.76–1.9) |",
            "| `merge/10000` | a merge | < 200 ms | 59 ms (56.7–61.5) |",
            "| `layout/1000` | a layout |  | 212 µs (210–215) |",
        ]
    );
    assert!(readme.contains("Measured 2026-12-04 on "), "{readme}");
    // A benchmark criterion has no result for: an error naming it, the README as it was.
    let o = run(&dir, "merge/10000\ta merge\t\nquotes/200\tquotes\t\n");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("criterion has no result for quotes/200"));
    assert_eq!(std::fs::read_to_string(dir.join("README.md")).unwrap(), readme);
}

#[test]
fn keep_leaves_an_earlier_figure_marked_and_takes_criterions_where_it_has_one() {
    if common::lacks("python3", common::cannot_run("python3", &["--version"])) {
        return;
    }
    let dir = common::scratch("bench-readme", "keep");
    let criterion = dir.join("criterion");
    result(&criterion, "merge/10000", 59_011_000.0, (56_712_000.0, 61_503_000.0));
    let before = "<!-- bench-figures:begin (scripts/bench-readme.py writes this table) -->\n| `merge/10000` | a merge | < 200 ms | 80 ms (79–81) |\n| `quotes/200` | quotes |  | 3 ms (2.9–3.1) |\n<!-- bench-figures:end -->\n";
    std::fs::write(dir.join("README.md"), before).unwrap();
    let table = "merge/10000\ta merge\t< 200 ms\nquotes/200\tquotes\t\n";
    let o = run_with(&dir, table, &["--keep"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `")).collect();
    assert_eq!(
        rows,
        [
            "| `merge/10000` | a merge | < 200 ms | 59 ms (56.7–61.5) |",
            "| `quotes/200` | quotes |  | 3 ms (2.9–3.1) (earlier run) |"
        ]
    );
    // Again: marked once, not twice.
    assert!(run_with(&dir, table, &["--keep"]).status.success());
    assert_eq!(std::fs::read_to_string(dir.join("README.md")).unwrap(), readme);
    // A benchmark neither criterion nor the README has a figure for is still an error.
    let o = run_with(&dir, "merge/10000\ta merge\t\nlayout/1000\ta layout\t\n", &["--keep"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("criterion has no result for layout/1000"));
}
