//! The web page (issue 22) in a real browser: headless Chromium (Debian's `chromium`, which
//! `.ci/run` installs) driven by `scripts/web/check.mjs` (puppeteer-core, installed there by
//! `npm ci`). The shipped map's page opened from its file: no request leaves it, the claim
//! clicked shows its quote and why it is out, a link followed centres its statement, Back
//! returns, a branch folds, a search finds, the arrow keys walk; its screenshot matches the
//! golden one; a phone-sized window puts the panel under the map; a 5,000-statement page is
//! dragged and its frame times printed (figures for the README, not assertions).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

const ARGMAP: &str = env!("CARGO_BIN_EXE_argmap");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Chromium and the driver, or why the test cannot run here.
fn browser() -> Result<PathBuf, String> {
    let chromium =
        std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| "/usr/bin/chromium".into());
    if !chromium.exists() {
        return Err(format!("{} not found (apt-get install chromium; .ci/run does)", chromium.display()));
    }
    if let Some(why) = common::cannot_run("node", &["--version"]) {
        return Err(format!("{why} (apt-get install nodejs; .ci/run does)"));
    }
    if !Path::new(ROOT).join("scripts/web/node_modules/puppeteer-core").exists() {
        return Err("scripts/web/node_modules missing (npm ci --prefix scripts/web; .ci/run does)".into());
    }
    Ok(chromium)
}

fn export(map: &Path, out: &Path) {
    let status = Command::new(ARGMAP).arg("export").arg(map).arg(out).output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn the_page_clicks_through_in_chromium_as_in_the_app() {
    let chromium = match browser() {
        Ok(c) => c,
        Err(why) => {
            assert!(common::lacks("Chromium, node and puppeteer-core", Some(why)));
            return;
        }
    };
    let dir = common::scratch("web", "chromium");
    let page = dir.join("minusma.html");
    export(&Path::new(ROOT).join("maps/mali-minusma.ron"), &page);
    let large_map = dir.join("large.ron");
    let made =
        Command::new(ARGMAP).args(["gen", "--statements", "5000", "--seed", "1"]).arg(&large_map).output();
    assert!(made.unwrap().status.success());
    let large = dir.join("large.html");
    export(&large_map, &large);
    let (json, shot, phone) = (dir.join("out.json"), dir.join("shot.png"), dir.join("phone.png"));
    let run = Command::new("node")
        .current_dir(Path::new(ROOT).join("scripts/web"))
        .env("CHROMIUM", &chromium)
        .arg("check.mjs")
        .args([&page, &json, &shot, &phone, &large])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let seen: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(seen["errors"], serde_json::json!([]), "no script error");
    assert_eq!(seen["requests"], serde_json::json!([]), "no request leaves the file");
    boxes_as_drawn(&seen["boxes"]);
    // The claim clicked: selected, focused (a screen reader hears it), its panel.
    let claim = &seen["claim"];
    assert_eq!(claim["state"]["selected"], "cooperate-with-transition");
    let panel = claim["panel"].as_str().unwrap();
    assert!(panel.contains("“For its part, the UN will have to decide"), "{panel}");
    assert!(panel.contains("out: defeated by \u{201c}Direct support for the new government"), "{panel}");
    assert!(panel.contains("CIPS Blog 2020, paragraph 10"), "cited where the pane shows it: {panel}");
    assert!(claim["focused"].as_str().unwrap().starts_with("claim. MINUSMA should keep cooperating"));
    // A link: its statement selected and centred; the page's address says it; Back returns.
    assert_eq!(seen["link"]["state"]["selected"], "host-state-consent");
    assert!(seen["link"]["offset"].as_f64().unwrap() < 2.0, "centred: {}", seen["link"]["offset"]);
    assert_eq!(seen["link"]["hash"], "#host-state-consent");
    assert_eq!(seen["back"]["state"]["selected"], "cooperate-with-transition");
    // A branch folded: its three statements hidden, a pill says so; unfolded, all back.
    let fold = &seen["collapse"];
    assert_eq!(
        (fold["before"].as_u64(), fold["after"].as_u64(), fold["expanded"].as_u64()),
        (Some(27), Some(24), Some(27))
    );
    assert_eq!((fold["button"].as_str(), fold["pill"].as_str()), (Some("Expand branch (3)"), Some("+3")));
    // A search, and the arrow keys.
    assert_eq!(seen["search"]["found"], "1 of 2");
    assert_eq!(seen["search"]["state"]["selected"], "barkhane-cracks");
    assert_eq!(seen["keys"]["up"], "cooperate-with-transition");
    assert_eq!(seen["keys"]["down"], "host-state-consent");
    assert!(seen["keys"]["focused"].as_str().unwrap().starts_with("claim."));
    // A phone: the panel under the map, nothing wider than the screen.
    assert_eq!(seen["phone_selected"], "cooperate-with-transition");
    assert_eq!(seen["phone"]["panelBelow"], true);
    assert_eq!(seen["phone"]["width"], 390);
    compare(&shot, "web-minusma");
    let large = &seen["large"];
    assert_eq!(large["selected"], large["claim"], "Tab into the large map selects its claim");
    println!(
        "5,000-statement page: opened in {} ms; while dragged, frames {}",
        large["load_ms"], large["frames"]
    );
}

/// Every box of the shipped map's page as the browser drew it, the whole map in view: each shows
/// its statement's whole text, word for word, and the boxes are where
/// `tests/golden/web-minusma-boxes.txt` says (their caption, their lines, and their place on the
/// screen to a pixel): a word changed, a line lost or a box moved by 2 px fails.
/// `UPDATE_GOLDEN=1` writes the file anew.
fn boxes_as_drawn(boxes: &serde_json::Value) {
    let map = argmap::io::load_path(&Path::new(ROOT).join("maps/mali-minusma.ron")).unwrap();
    let texts: Vec<&str> = map.statements().map(|s| s.text.as_str()).collect();
    let boxes = boxes.as_array().unwrap();
    assert_eq!(boxes.len(), texts.len(), "every statement has a box");
    let mut drawn = Vec::new();
    for b in boxes {
        let i = b["i"].as_u64().unwrap() as usize;
        let lines: Vec<&str> = b["lines"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
        let shown = lines.join(" ");
        assert_eq!(shown, texts[i], "the box of statement {i} shows its text whole");
        let rect: Vec<i64> = b["rect"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        drawn.push((i, rect, b["caption"].as_str().unwrap().to_owned(), lines.join(" / ")));
    }
    drawn.sort();
    let line = |(i, r, caption, lines): &(usize, Vec<i64>, String, String)| {
        format!("{i} {} {} {} {} {caption}: {lines}", r[0], r[1], r[2], r[3])
    };
    let golden = Path::new(ROOT).join("tests/golden/web-minusma-boxes.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "UPDATE_GOLDEN under CI: goldens are checked there, never rewritten"
        );
        std::fs::write(&golden, drawn.iter().map(|d| line(d) + "\n").collect::<String>()).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), drawn.len(), "as many boxes as {}", golden.display());
    for (want, got) in expected.iter().zip(&drawn) {
        // Each number within a pixel (rounding), the rest exactly.
        let (want_nums, want_rest) = want.split_once(' ').unwrap();
        let numbers: Vec<i64> = rest_numbers(want_rest);
        let same_place = numbers.iter().zip(&got.1).all(|(a, b)| (a - b).abs() <= 1);
        let words = |l: &str| l.splitn(6, ' ').nth(5).unwrap_or_default().to_owned();
        assert!(
            want_nums == got.0.to_string() && same_place && words(want) == words(&line(got)),
            "a box is not as it was drawn:\n  was: {want}\n  now: {}",
            line(got)
        );
    }
}

/// The first four numbers of "X Y W H caption: lines".
fn rest_numbers(rest: &str) -> Vec<i64> {
    rest.split(' ').take(4).map(|n| n.parse().unwrap()).collect()
}

/// Compares a browser screenshot with `tests/golden/NAME.png`: at most 0.02% of its pixels (252
/// of 1400 x 900) may differ by more than 24 levels in a channel. The page carries its font, so
/// runs of one browser draw the same pixels (0 differ, measured over five runs); one box moved
/// by 5 px makes 1,255 differ, a changed word or colour more. `UPDATE_GOLDEN=1` writes the new
/// one; on failure it is left at `target/NAME.new.png`.
fn compare(shot: &Path, name: &str) {
    let golden = Path::new(ROOT).join(format!("tests/golden/{name}.png"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "UPDATE_GOLDEN under CI: goldens are checked there, never rewritten"
        );
        std::fs::copy(shot, &golden).unwrap();
    }
    let read = |p: &Path| {
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(p).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info.width, info.height, info.color_type.samples(), buf)
    };
    let (a, b) = (read(shot), read(&golden));
    let differing = if (a.0, a.1, a.2) == (b.0, b.1, b.2) {
        a.3.chunks(a.2)
            .zip(b.3.chunks(b.2))
            .filter(|(x, y)| x.iter().zip(*y).any(|(p, q)| p.abs_diff(*q) > 24))
            .count()
    } else {
        usize::MAX
    };
    let allowed = (a.0 * a.1) as usize / 5000;
    if differing > allowed {
        let new = Path::new(ROOT).join(format!("target/{name}.new.png"));
        std::fs::copy(shot, &new).unwrap();
        panic!(
            "{name}: {differing} pixels differ from the golden screenshot (at most {allowed}); see {new:?}"
        );
    }
}
