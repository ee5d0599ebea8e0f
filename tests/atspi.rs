//! The real Linux accessibility stack (issue 23): `scripts/atspi-check.sh` starts argmap under
//! Xvfb with a private D-Bus session and the AT-SPI bus (a screen reader reported running), and
//! `scripts/atspi-check.py` walks it with pyatspi as Orca would: the window named, 27 statements
//! with role, text, label and relation, boxes out of view not showing, focus events on Down and
//! on the objection added with -, typed and kept. `.ci/run` installs what it needs, and under CI
//! a missing piece fails the test; elsewhere it is skipped with a message.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::Path;
use std::process::Command;

/// What the check needs that is missing here, if anything.
fn missing() -> Option<String> {
    let tools = ["Xvfb", "xdotool", "dbus-launch", "dbus-send"];
    for tool in tools {
        let found = Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output();
        if !found.is_ok_and(|o| o.status.success()) {
            return Some(format!("{tool} not found"));
        }
    }
    if !Path::new("/usr/libexec/at-spi-bus-launcher").exists() {
        return Some("at-spi2-core not installed".into());
    }
    let pyatspi = Command::new("/usr/bin/python3").args(["-c", "import pyatspi"]).output();
    if !pyatspi.is_ok_and(|o| o.status.success()) {
        return Some("python3-pyatspi not installed".into());
    }
    None
}

#[test]
fn a_screen_reader_walks_the_map_through_at_spi() {
    let why = missing().map(|why| {
        format!("{why} (apt-get install at-spi2-core dbus-x11 python3-pyatspi gir1.2-atspi-2.0 xvfb xdotool; .ci/run does)")
    });
    if common::lacks("the AT-SPI bus, Xvfb and pyatspi", why) {
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let run = Command::new("bash")
        .arg(Path::new(root).join("scripts/atspi-check.sh"))
        .arg(env!("CARGO_BIN_EXE_argmap"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    println!("{said}");
    assert!(run.status.success(), "{said}\n{}", String::from_utf8_lossy(&run.stderr));
    // Every check ran, in order, and passed: its own line says so, and so does the summary.
    for name in CHECKS {
        assert!(said.lines().any(|l| l.starts_with(&format!("ok   {name}"))), "{name}: not passed\n{said}");
    }
    let summary: serde_json::Value = serde_json::from_str(said.lines().last().unwrap_or_default()).unwrap();
    let ran: Vec<(&str, bool)> = summary["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["check"].as_str().unwrap(), c["ok"].as_bool().unwrap()))
        .collect();
    assert_eq!(ran, CHECKS.map(|c| (c, true)), "the checks that ran");
    assert_eq!(summary["failed"], 0);
    assert!(summary.get("error").is_none(), "{}", summary["error"]);
    assert_eq!(summary["statements"], 27);
}

/// The checks `scripts/atspi-check.py` makes, in order.
const CHECKS: [&str; 15] = [
    "argmap is on the accessibility bus",
    "the window frame is named after the map",
    "zoomed in, boxes out of view are not showing",
    "27 statements, each with its role, text and label",
    "fitted, every statement is showing",
    "a statement is a button a screen reader can press",
    "each statement but the claim says how it relates",
    "a reason's description names what it supports",
    "every node that can take the focus is named",
    "the map region is named after the map",
    "Down fires a focus event naming the statement it selects",
    "- opens a named editor for the new objection",
    "the new objection has the focus after Enter",
    "menu entries are menu items named without their shortcut",
    "opening a menu moves the focus into it",
];
