//! The architecture, checked by reading `src/` (ARCHITECTURE.md's invariants): the layers point
//! one way, panels read and propose while the app applies, and functions stay short enough to
//! read at once. Comments and string literals are ignored.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// The longest a function may be, in lines, outside tests.
const MAX_FN_LINES: usize = 120;

/// Every `.rs` file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code of a Rust file without comments, string and character literals (each replaced by
/// spaces, line breaks kept), and without its `#[cfg(test)]` module and test files.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                blank(&mut out, chars[i]);
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !prev_is_ident(&chars, i) {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            while j < chars.len() && !chars[j..].iter().take(close.len()).copied().eq(close.chars()) {
                blank(&mut out, chars[j]);
                j += 1;
            }
            i = j + close.len();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    blank(&mut out, ch);
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Whether the `'` at `i` opens a character literal (not a lifetime): `'x'`, `'\n'`, `'\u{..}'`.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    matches!((chars.get(i + 1), chars.get(i + 2)), (Some('\\'), _) | (Some(_), Some('\'')))
}

/// Whether `code` uses `word` as a whole word (`egui` in `egui::Ui`, not in `negui`).
fn uses(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part(before) && !part(after)
    })
}

/// The file's path under `src/`, with `/` separators.
fn rel(path: &Path) -> String {
    path.strip_prefix(SRC).unwrap().to_string_lossy().replace('\\', "/")
}

/// The core: the map, its changes, files, evaluation, layout, interchange, versions and source
/// documents. It draws nothing, so it never reaches into the drawing layer either.
const CORE: [&str; 15] = [
    "model/",
    "live/",
    "edit/",
    "io/",
    "eval.rs",
    "eval/",
    "layout.rs",
    "layout/",
    "interop/",
    "versions/",
    "sources.rs",
    "sources/",
    "printable.rs",
    "schemes.rs",
    "schemes/",
];

/// The parts of the crate that know nothing of the window (no egui, no app): the core, and the
/// generator, the exports' entry point and the colours.
const WITHOUT_UI: [&str; 3] = ["synth.rs", "export.rs", "colors.rs"];

/// What the file `name` (under `src/`) does against the layering, given its `code`.
fn layer_violations(name: &str, code: &str) -> Vec<String> {
    let mut found = Vec::new();
    if CORE.iter().chain(&WITHOUT_UI).any(|c| name.starts_with(c)) {
        for word in ["egui", "eframe", "crate::ui"] {
            if uses(code, word) {
                found.push(format!("{name} uses {word}: the core never touches the UI"));
            }
        }
    }
    if CORE.iter().any(|c| name.starts_with(c)) {
        for word in ["crate::scene", "crate::render"] {
            if uses(code, word) {
                found.push(format!("{name} uses {word}: the core never reaches into the drawing layer"));
            }
        }
    }
    if (name.starts_with("scene/") || name.starts_with("render/")) && uses(code, "crate::ui") {
        found.push(format!("{name} uses crate::ui"));
    }
    found
}

/// What the file `name` under `src/ui/` does against "panels read and propose, the app applies,
/// only the document changes the map", given its `code`.
fn panel_violations(name: &str, code: &str) -> Vec<String> {
    let mut found = Vec::new();
    if uses(code, "crate::cli") {
        found.push(format!("{name} uses the command line"));
    }
    // The app applies actions; the document is the one owner of the map.
    if name.starts_with("ui/app/") || name == "ui/mod.rs" || name == "ui/document.rs" {
        return found;
    }
    for word in ["App", "app::App", "super::app"] {
        if uses(code, word) {
            found.push(format!("{name} uses {word}: panels read and propose, the app applies"));
        }
    }
    let changes = ["&mut Document", "edit::apply(", ".discard_last(", "doc.apply(", "doc.amend("];
    for word in changes {
        if code.contains(word) {
            found.push(format!("{name} changes the document ({word}): only the app does, through Document"));
        }
    }
    if uses(code, "History") {
        found.push(format!("{name} uses the undo history: only the document does"));
    }
    found
}

#[test]
fn the_core_never_uses_the_ui_or_egui_nor_the_drawing_layer() {
    let found: Vec<String> =
        files(Path::new(SRC)).iter().flat_map(|path| layer_violations(&rel(path), &code(path))).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn panels_never_import_the_app_nor_the_command_line_nor_change_the_document() {
    let found: Vec<String> = files(&Path::new(SRC).join("ui"))
        .iter()
        .flat_map(|path| panel_violations(&rel(path), &code(path)))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Each module (a file, named by its path under `src/` without `.rs`) and the sibling modules
/// it names (`super::x`).
fn sibling_uses() -> std::collections::BTreeMap<String, Vec<String>> {
    let mut out = std::collections::BTreeMap::new();
    for path in files(Path::new(SRC)) {
        let name = rel(&path);
        let name = name.trim_end_matches(".rs");
        let (dir, stem) = name.rsplit_once('/').unwrap_or(("", name));
        if stem == "mod" || stem == "tests" {
            continue;
        }
        let code = code(&path);
        let siblings = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok()?.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|s| s != stem && s != "mod" && uses(&code, &format!("super::{s}")))
            .map(|s| format!("{dir}/{s}"))
            .collect();
        out.insert(format!("{dir}/{stem}"), siblings);
    }
    out
}

#[test]
fn no_two_modules_import_each_other() {
    let uses_ = sibling_uses();
    let mut circles = Vec::new();
    for (module, names) in &uses_ {
        for other in names.iter().filter(|o| module < *o) {
            if uses_.get(other).is_some_and(|back| back.contains(module)) {
                circles.push(format!("{module} <-> {other}"));
            }
        }
    }
    assert!(circles.is_empty(), "modules importing each other: {circles:?}");
}

#[test]
fn the_layering_tests_catch_each_probe() {
    // What a careless change would write, checked as the tests above check src/.
    let panel = "fn drop(doc: &mut Document, edit: Edit) { let _ = doc.apply(edit, label); }";
    assert!(!panel_violations("ui/canvas.rs", panel).is_empty(), "a panel that changes the document");
    assert!(panel_violations("ui/app/actions.rs", panel).is_empty(), "the app may");
    let drawing = "use crate::scene::Palette;";
    assert!(!layer_violations("interop/dot.rs", drawing).is_empty(), "interchange reaching into the scene");
    assert!(layer_violations("scene/mod.rs", drawing).is_empty(), "the scene is the drawing layer");
    let window = "use egui::Color32;";
    assert!(!layer_violations("sources/mod.rs", window).is_empty(), "egui in the source documents");
    assert!(!layer_violations("sources.rs", window).is_empty(), "egui in sources.rs");
    assert!(!layer_violations("printable.rs", window).is_empty(), "egui in printable.rs");
}

#[test]
fn the_layering_test_would_catch_a_panel_importing_the_app() {
    // The check above, run on the text a careless change would write into canvas.rs.
    let careless = "use super::app::App;\nfn show(app: &mut App) {}\n";
    assert!(uses(careless, "App") && uses(careless, "super::app"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("canvas.rs");
    std::fs::write(&file, format!("{careless}// App in a comment\nconst S: &str = \"App\";\n")).unwrap();
    let stripped = code(&file);
    assert_eq!(stripped.matches("App").count(), 2, "only the code's own uses count: {stripped}");
}

#[test]
fn no_function_is_longer_than_a_screen() {
    let mut long = Vec::new();
    for path in files(Path::new(SRC)) {
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let code = code(&path);
        let lines: Vec<&str> = code.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let trimmed = lines[i].trim_start();
            let is_fn = trimmed.split_whitespace().take_while(|w| *w != "fn").count() < 4
                && uses(trimmed, "fn")
                && trimmed
                    .split("fn")
                    .nth(1)
                    .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_alphabetic() || c == '_'));
            if !is_fn {
                i += 1;
                continue;
            }
            let (mut depth, mut started, mut j) = (0i32, false, i);
            while j < lines.len() {
                depth += lines[j].matches('{').count() as i32 - lines[j].matches('}').count() as i32;
                started |= lines[j].contains('{');
                if started && depth <= 0 || !started && lines[j].trim_end().ends_with(';') {
                    break;
                }
                j += 1;
            }
            let n = j - i + 1;
            if n > MAX_FN_LINES {
                long.push(format!("{}:{} ({n} lines): {}", rel(&path), i + 1, trimmed.trim()));
            }
            i = if started { j + 1 } else { i + 1 };
        }
    }
    assert!(long.is_empty(), "functions longer than {MAX_FN_LINES} lines:\n{}", long.join("\n"));
}
