//! Pictures ready for a paper or a slide: PDF, pages, several pages, an SVG that travels. The
//! PDF checks read the file back with poppler (pdfinfo, pdffonts, pdftotext: `.ci/run` installs
//! them; where they are missing the test says so and checks what it can without them).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use argmap::render::{self, ExportOptions, svg};
use argmap::scene::Typesetter;
use resvg::{tiny_skia, usvg};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

mod common;

const MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron");

fn argmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argmap")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A poppler tool's output, or none (with a message) where it is not installed; under CI (`CI`
/// set, as `.ci/run` sets it) a missing tool fails the test.
fn poppler(tool: &str, args: &[&str]) -> Option<String> {
    match Command::new(tool).args(args).output() {
        Ok(o) if o.status.success() => Some(text(&o.stdout)),
        Ok(o) => panic!("{tool} failed: {}", text(&o.stderr)),
        Err(e) => {
            let lacking = common::lacks(&format!("{tool} (poppler-utils)"), Some(e.to_string()));
            assert!(lacking, "a missing tool stops the check");
            None
        }
    }
}

fn shipped() -> argmap::model::ArgumentMap {
    argmap::io::load_path(Path::new(MAP)).unwrap()
}

/// Whitespace collapsed to single spaces.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_a4_landscape_pdf_is_one_page_with_its_font_embedded_and_every_statement_extractable() {
    let dir = common::scratch("print", "a4");
    let out = dir.join("out.pdf");
    let o = argmap(&["export", MAP, out.to_str().unwrap(), "--page", "a4-landscape"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // One line saying what was made.
    let line = text(&o.stdout);
    assert!(
        line.starts_with(&format!("{}: A4 landscape, 27 statements, body text ", out.display())),
        "{line}"
    );
    // Readable on the page: at least 7 pt, so no warning.
    let body: f32 = line.split("body text ").nth(1).unwrap().trim_end_matches(" pt\n").parse().unwrap();
    assert!(body >= 7.0, "{line}");
    assert!(text(&o.stderr).is_empty(), "no warning: {}", text(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    if let Some(info) = poppler("pdfinfo", &[out.to_str().unwrap()]) {
        assert!(info.contains("Pages:           1\n"), "{info}");
        assert!(info.contains("Page size:       841.89 x 595.276 pts (A4)"), "{info}");
        assert!(info.contains("Title:           Should MINUSMA keep cooperating"), "{info}");
    }
    if let Some(fonts) = poppler("pdffonts", &[out.to_str().unwrap()]) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 1, "{fonts}");
        // name, type, encoding, embedded, subset, unicode map
        let cols: Vec<&str> = rows[0].split_whitespace().collect();
        assert!(cols[0].ends_with("+Ubuntu-Light"), "{fonts}");
        assert_eq!(&cols[4..7], ["yes", "yes", "yes"], "{fonts}");
    }
    if let Some(extracted) = poppler("pdftotext", &["-raw", out.to_str().unwrap(), "-"]) {
        let extracted = words(&extracted);
        for s in shipped().statements() {
            assert!(extracted.contains(&words(&s.text)), "{} is not extractable:\n{extracted}", s.id);
        }
        assert!(extracted.contains("Should MINUSMA keep cooperating closely with Mali's post-coup"));
        // Both camps named (issue 31: the outline's frames had lost their titles).
        assert!(
            extracted.contains("State-centric peacebuilding") && extracted.contains("Honest-broker concerns")
        );
    }
}

#[test]
fn a_slide_png_is_1920_by_1080_with_body_text_of_12_pixels_or_more() {
    let dir = common::scratch("print", "slide");
    let out = dir.join("slide.png");
    let o = argmap(&["export", MAP, out.to_str().unwrap(), "--page", "slide"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let line = text(&o.stdout);
    let body: f32 = line.split("body text ").nth(1).unwrap().trim_end_matches(" px\n").parse().unwrap();
    assert!(body >= 12.0, "{line}");
    assert!(text(&o.stderr).is_empty(), "no warning: {}", text(&o.stderr));
    let png = tiny_skia::Pixmap::load_png(&out).unwrap();
    assert_eq!((png.width(), png.height()), (1920, 1080));
    // A4 portrait PNG at 300 dpi: the page's pixel size.
    let a4 = dir.join("a4.png");
    assert!(argmap(&["export", MAP, a4.to_str().unwrap(), "--page", "a4"]).status.success());
    let png = tiny_skia::Pixmap::load_png(&a4).unwrap();
    assert_eq!((png.width(), png.height()), (2480, 3508));
}

#[test]
fn a_page_too_small_for_the_map_says_so_and_names_what_helps() {
    let dir = common::scratch("print", "small");
    let big = dir.join("big.ron");
    assert!(argmap(&["gen", "--statements", "300", big.to_str().unwrap()]).status.success());
    let out = dir.join("small.pdf");
    let o = argmap(&["export", big.to_str().unwrap(), out.to_str().unwrap(), "--page", "a4"]);
    assert!(o.status.success());
    let warning = text(&o.stderr);
    assert!(
        warning
            .starts_with(&format!("warning: {}: on one A4 portrait page the body text is ", out.display()))
    );
    assert!(warning.contains("--branch ID") && warning.contains("--pages branches"), "{warning}");
    // The map's own size never warns.
    let o = argmap(&["export", big.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(text(&o.stderr).is_empty());
}

#[test]
fn pages_by_branch_give_an_overview_and_pages_whose_text_is_7_pt_or_more() {
    let map = argmap::synth::generate(1000, 3);
    let options = ExportOptions::default();
    let sheets =
        render::page::branch_sheets(&map, &mut Typesetter::new(), &options, render::page::Paper::A4Landscape)
            .unwrap();
    assert!(sheets.len() > 100, "{} pages", sheets.len());
    assert_eq!(sheets[0].heading.as_deref(), Some(map.title.trim()));
    // Every statement is on some page (a folded one is on its parent's page and heads its own).
    let mut seen = HashSet::new();
    for (i, s) in sheets.iter().enumerate() {
        assert!(s.body_pt() >= 7.0, "page {} has {} pt", i + 1, s.body_pt());
        let (w, h) = s.size_pt();
        assert!((w - 841.89).abs() < 0.01 && (h - 595.276).abs() < 0.01, "{w} x {h}");
        if i > 0 {
            let heading = s.heading.as_deref().unwrap();
            assert!(heading.starts_with("Branch "), "{heading}");
            // The claim, "…" and the last three steps at most: a heading, not a paragraph.
            assert!(heading.matches(" › ").count() <= 4, "{heading}");
        }
        seen.extend(s.picture.scene.boxes.iter().map(|b| b.position));
    }
    assert_eq!(seen.len(), map.statements().count());
}

/// A branch's page is drawn from the branch alone (for speed), yet what it says of each
/// statement is what the whole map says: its role (the top of a branch is no claim) and its
/// evaluation's badge, what-if marks included; each box names its statement in the whole map.
#[test]
fn a_branch_page_shows_the_whole_maps_evaluation_of_each_statement() {
    use argmap::model::Mark;
    let map = argmap::synth::generate(600, 7);
    let marks: Vec<_> = map
        .statements()
        .enumerate()
        .filter(|(i, _)| i % 9 == 4)
        .map(|(i, s)| (s.id.clone(), if i % 2 == 0 { Mark::Rejected } else { Mark::Accepted }))
        .collect();
    let map = map.with_marks(marks).unwrap();
    let options = ExportOptions { eval: true, what_if: true, ..ExportOptions::default() };
    let whole = render::picture(&map, &mut Typesetter::new(), &options, &HashSet::new()).unwrap();
    let said: std::collections::HashMap<usize, _> =
        whole.scene.boxes.iter().map(|b| (b.position, (b.role, b.badge))).collect();
    let sheets =
        render::page::branch_sheets(&map, &mut Typesetter::new(), &options, render::page::Paper::A4Landscape)
            .unwrap();
    assert!(sheets.len() > 20, "{} pages", sheets.len());
    let mut compared = 0;
    for s in &sheets[1..] {
        for b in &s.picture.scene.boxes {
            let here = (b.role, b.badge);
            assert_eq!(Some(&here), said.get(&b.position), "{:?}, statement {}", s.heading, b.position);
            compared += 1;
        }
    }
    assert!(compared >= map.statements().count(), "{compared} boxes compared");
    assert!(whole.scene.boxes.iter().any(|b| b.badge.is_some()));
}

/// A claim with `n` reasons, each with one reason of its own.
fn wide_map(n: usize) -> argmap::model::ArgumentMap {
    let mut statements = String::from(
        r#"(id: "c", text: "The claim, which has far more reasons than one page can hold at a readable size."),"#,
    );
    let mut relations = String::new();
    for i in 0..n {
        statements += &format!(
            r#"(id: "r{i}", text: "Reason number {i}, long enough to wrap over two or three lines in its box."),(id: "s{i}", text: "Support for reason {i}."),"#
        );
        relations += &format!(
            r#"(kind: support, premises: ["r{i}"], conclusion: "c"),(kind: support, premises: ["s{i}"], conclusion: "r{i}"),"#
        );
    }
    let ron = format!(r#"(version: 1, title: "Wide", statements: [{statements}], relations: [{relations}])"#);
    argmap::io::load_str(&ron, "wide.ron").unwrap()
}

#[test]
fn a_statement_with_more_premises_than_a_page_holds_shares_them_out_over_pages() {
    let map = wide_map(60);
    let sheets = render::page::branch_sheets(
        &map,
        &mut Typesetter::new(),
        &ExportOptions::default(),
        render::page::Paper::A4Landscape,
    )
    .unwrap();
    let shares: Vec<&str> =
        sheets.iter().filter_map(|s| s.heading.as_deref()).filter(|h| h.contains("(premises ")).collect();
    assert!(shares.len() >= 2, "{:?}", sheets.iter().map(|s| s.heading.clone()).collect::<Vec<_>>());
    assert!(shares[0].contains("(premises 1–"), "{}", shares[0]);
    assert!(shares.last().unwrap().ends_with(" of 60)"));
    let mut seen = HashSet::new();
    for s in &sheets {
        assert!(s.body_pt() >= 7.0, "{:?} has {} pt", s.heading, s.body_pt());
        seen.extend(s.picture.scene.boxes.iter().map(|b| b.position));
    }
    assert_eq!(seen.len(), map.statements().count(), "every statement is on a page");
}

#[test]
fn the_svg_draws_the_same_as_the_png_with_no_font_installed_and_carries_its_font() {
    let map = shipped();
    let picture =
        render::picture(&map, &mut Typesetter::new(), &ExportOptions::default(), &HashSet::new()).unwrap();
    let doc = svg::write(&picture, &svg::Style::default());
    // Rendered with no font at all (as librsvg or resvg where Ubuntu is not installed): the
    // outlines are the text; the picture matches argmap's own PNG.
    let bare =
        usvg::Options { fontdb: std::sync::Arc::new(usvg::fontdb::Database::new()), ..Default::default() };
    let tree = usvg::Tree::from_str(&doc, &bare).unwrap();
    let (w, h) = (picture.frame.w.ceil() as u32, picture.frame.h.ceil() as u32);
    let mut drawn = tiny_skia::Pixmap::new(w, h).unwrap();
    resvg::render(&tree, tiny_skia::Transform::identity(), &mut drawn.as_mut());
    let ours = render::png::pixmap(&picture, 1.0).unwrap();
    let differ = drawn
        .pixels()
        .iter()
        .zip(ours.pixels())
        .filter(|(a, b)| {
            let d = |x: u8, y: u8| x.abs_diff(y);
            d(a.red(), b.red()).max(d(a.green(), b.green())).max(d(a.blue(), b.blue())) > 64
        })
        .count();
    assert!(differ * 1000 < (w * h) as usize, "{differ} pixels of {} differ", w * h);
    // The embedded font, alone, sets every line inside its box.
    let data = doc.split("data:font/ttf;base64,").nth(1).unwrap().split(')').next().unwrap();
    let font = base64_decode(data);
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(font);
    assert_eq!(db.faces().next().map(|f| f.families[0].0.clone()), Some("Ubuntu Light".to_owned()));
    let only = usvg::Options {
        fontdb: std::sync::Arc::new(db),
        font_family: "Ubuntu Light".into(),
        ..Default::default()
    };
    let visible =
        doc.replace(r#" fill-opacity="0""#, "").replace("'argmap Ubuntu Light', ", "'Ubuntu Light', ");
    let tree = usvg::Tree::from_str(&visible, &only).unwrap();
    let mut texts = Vec::new();
    collect_texts(tree.root(), &mut texts);
    let lines = doc.matches("<text ").count();
    assert_eq!(texts.len(), lines, "every line is set in the embedded font");
    let mut inside = 0;
    // The tree's coordinates start at the frame's corner.
    let (fx, fy) = (picture.frame.x, picture.frame.y);
    for (anchor, bounds) in &texts {
        let (ax, ay) = (anchor.0 + fx, anchor.1 + fy);
        if let Some(b) = picture.scene.boxes.iter().find(|b| b.rect.contains(ax, ay)) {
            let r = b.rect;
            let (left, right, bottom) = (bounds.left() + fx, bounds.right() + fx, bounds.bottom() + fy);
            assert!(
                left >= r.x && right <= r.right() && bottom <= r.bottom() + 1.0,
                "a line at {anchor:?} spills out of its box {r:?}: {bounds:?}"
            );
            inside += 1;
        }
    }
    assert!(inside > 100, "{inside} lines in boxes");
    // With --text-as-paths: outlines and no text, no font.
    let paths = svg::write(&picture, &svg::Style { text_as_paths: true, ..svg::Style::default() });
    assert!(!paths.contains("<text") && !paths.contains("@font-face") && paths.contains("<use "));
}

/// Each text node's anchor (its first glyph's left, at mid-height) and bounds.
fn collect_texts(group: &usvg::Group, out: &mut Vec<((f32, f32), usvg::Rect)>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_texts(g, out),
            usvg::Node::Text(t) => {
                let b = t.abs_bounding_box();
                out.push(((b.left() + 1.0, b.top() + b.height() / 2.0), b));
            }
            _ => {}
        }
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[test]
fn a_pdf_of_several_pages_lists_each_page_in_its_outline() {
    let dir = common::scratch("print", "outline");
    let out = dir.join("branches.pdf");
    // On A4 portrait the shipped map takes more than one page at 7 pt (on A4 landscape it fits
    // one, and so gets one).
    let o = argmap(&["export", MAP, out.to_str().unwrap(), "--pages", "branches", "--page", "a4"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let line = text(&o.stdout);
    let pages: usize =
        line.split(": A4 portrait, ").nth(1).unwrap().split(" pages").next().unwrap().parse().unwrap();
    assert!(pages >= 2 && line.contains(" pages, 27 statements, body text "), "{line}");
    let bytes = std::fs::read(&out).unwrap();
    let pdf = String::from_utf8_lossy(&bytes);
    assert!(pdf.contains("/Outlines "));
    assert_eq!(pdf.matches("/Dest [").count(), pages, "one bookmark a page");
    // Titles beyond ASCII are written as UTF-16 with a byte-order mark, in hexadecimal.
    let utf16: String = "Branch 1: MINUSMA".encode_utf16().map(|u| format!("{u:04X}")).collect();
    assert!(pdf.contains(&format!("/Title <FEFF{utf16}")), "bookmarks name the branch");
    if let Some(info) = poppler("pdfinfo", &[out.to_str().unwrap()]) {
        assert!(info.contains(&format!("Pages:           {pages}\n")), "{info}");
    }
    // Only a PDF holds several pages.
    let png = dir.join("branches.png");
    let o = argmap(&["export", MAP, png.to_str().unwrap(), "--pages", "branches"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("only a PDF holds"), "{}", text(&o.stderr));
}

/// The shipped map with two of its objections in a new group, "Group 1".
fn with_new_group() -> argmap::model::ArgumentMap {
    let mut map = shipped();
    let ids = ["civilian-protection".into(), "rights-advocacy".into()];
    let e = argmap::edit::group(&map, &ids, "Group 1").unwrap();
    argmap::edit::apply(&mut map, e).unwrap();
    map
}

const TITLES: [&str; 3] = ["State-centric peacebuilding", "Honest-broker concerns", "Group 1"];

#[test]
fn issue31_every_renderer_draws_every_group_title_in_every_arrangement() {
    let dir = common::scratch("print", "titles");
    let file = dir.join("grouped.ron");
    argmap::io::save_plain(&with_new_group(), &file).unwrap();
    let file = file.to_str().unwrap();
    for layout in ["top-down", "left-to-right", "two-sides", "outline"] {
        // SVG (its text kept, transparent, in the embedded font) and the web page (its SVG).
        for ext in ["svg", "html"] {
            let out = dir.join(format!("{layout}.{ext}"));
            let o = argmap(&["export", file, out.to_str().unwrap(), "--layout", layout]);
            assert!(o.status.success(), "{}", text(&o.stderr));
            let written = std::fs::read_to_string(&out).unwrap();
            for title in TITLES {
                // Drawn as a text of the picture (the page's JSON names groups too).
                let drawn = written
                    .split("<text ")
                    .any(|t| t.split_once('>').is_some_and(|(_, r)| r.starts_with(title)));
                assert!(drawn, "{layout} {ext}: {title}");
            }
        }
        // PDF, fitted to a page, read back by poppler.
        let out = dir.join(format!("{layout}.pdf"));
        let o =
            argmap(&["export", file, out.to_str().unwrap(), "--layout", layout, "--page", "a4-landscape"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        if let Some(extracted) = poppler("pdftotext", &[out.to_str().unwrap(), "-"]) {
            for title in TITLES {
                assert!(words(&extracted).contains(title), "{layout} pdf: {title}");
            }
        }
    }
}

#[test]
fn issue31_the_png_draws_each_frames_title_in_its_band() {
    let map = with_new_group();
    for arrangement in argmap::layout::CONCRETE.into_iter().chain([argmap::model::Arrangement::Outline]) {
        let options =
            ExportOptions { arrangement: Some(arrangement), scale: 2.0, ..ExportOptions::default() };
        let picture = render::picture(&map, &mut Typesetter::new(), &options, &HashSet::new()).unwrap();
        let pixmap = render::png::pixmap(&picture, options.scale).unwrap();
        assert_eq!(picture.scene.frames.len(), 3);
        for frame in &picture.scene.frames {
            let (label, _) = frame.label.unwrap_or_else(|| panic!("{arrangement:?}: an untitled frame"));
            // The label's pixels: the title's strokes differ from the band's fill.
            let px = |x: f32, y: f32| {
                let (x, y) = ((x - picture.frame.x) * 2.0, (y - picture.frame.y) * 2.0);
                pixmap.pixel(x as u32, y as u32).map(|p| (p.red(), p.green(), p.blue()))
            };
            let fill = px(label.x - 4.0, label.y + label.h / 2.0).unwrap();
            let mut inked = 0;
            let mut y = label.y;
            while y < label.y + label.h {
                let mut x = label.x;
                while x < label.x + label.w {
                    let p = px(x, y).unwrap();
                    let d = u32::from(p.0.abs_diff(fill.0))
                        + u32::from(p.1.abs_diff(fill.1))
                        + u32::from(p.2.abs_diff(fill.2));
                    inked += usize::from(d > 60);
                    x += 0.5;
                }
                y += 0.5;
            }
            assert!(
                inked > 20,
                "{arrangement:?}: the title of group {} is not drawn ({inked} inked)",
                frame.group
            );
        }
    }
}

/// The mean colour of each 8 x 8 block of `image` (RGBA, `width` wide), as one value per block
/// and channel: anti-aliasing and hinting average out, a box or a colour does not.
fn blocks(image: &tiny_skia::Pixmap) -> Vec<[f32; 3]> {
    const B: u32 = 8;
    let (w, h) = (image.width() / B, image.height() / B);
    let mut out = Vec::with_capacity((w * h) as usize);
    for by in 0..h {
        for bx in 0..w {
            let mut sum = [0.0f32; 3];
            for y in by * B..(by + 1) * B {
                for x in bx * B..(bx + 1) * B {
                    let p = image.pixel(x, y).unwrap().demultiply();
                    for (s, v) in sum.iter_mut().zip([p.red(), p.green(), p.blue()]) {
                        *s += f32::from(v);
                    }
                }
            }
            out.push(sum.map(|s| s / (B * B) as f32));
        }
    }
    out
}

/// How the PDF looks (issue 33): poppler draws its A4 page at 96 dpi, and it is compared block
/// by block with argmap's own PNG of the same page and theme. Measured: at most 2 of 13,860
/// blocks differ by more than 24 levels (their edges fall a pixel apart); a box left out, a box
/// in another colour or a black page changes a hundred or more. The PDF is the same bytes each
/// time it is written, as the SVG and PNG are.
#[test]
fn the_pdf_looks_as_the_png_of_its_page_and_is_the_same_each_time() {
    let dir = common::scratch("print", "pdf-look");
    for theme in ["light", "dark"] {
        let (pdf, again, png) =
            (dir.join(format!("{theme}.pdf")), dir.join("again.pdf"), dir.join(format!("{theme}.png")));
        let page = ["--page", "a4-landscape", "--theme", theme];
        for (out, extra) in [(&pdf, &[][..]), (&again, &[][..]), (&png, &["--dpi", "96"][..])] {
            let o = argmap(&[&["export", MAP, out.to_str().unwrap()][..], &page, extra].concat());
            assert!(o.status.success(), "{}", text(&o.stderr));
        }
        assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&again).unwrap(), "{theme}: the same bytes");
        let drawn = dir.join(format!("{theme}-poppler"));
        let args = ["-r", "96", "-png", "-singlefile", pdf.to_str().unwrap(), drawn.to_str().unwrap()];
        if poppler("pdftoppm", &args).is_none() {
            return;
        }
        let (a, b) = (
            tiny_skia::Pixmap::load_png(&png).unwrap(),
            tiny_skia::Pixmap::load_png(dir.join(format!("{theme}-poppler.png"))).unwrap(),
        );
        assert!(
            a.width().abs_diff(b.width()) <= 1 && a.height().abs_diff(b.height()) <= 1,
            "the same page size"
        );
        let (a, b) = (blocks(&a), blocks(&b));
        let width = 1123 / 8;
        let differing: Vec<usize> = a
            .iter()
            .zip(&b)
            .enumerate()
            .filter(|(_, (p, q))| p.iter().zip(q.iter()).any(|(x, y)| (x - y).abs() > 24.0))
            .map(|(i, _)| i)
            .collect();
        assert!(
            differing.len() <= 20,
            "{theme}: {} of {} blocks of the PDF differ from the PNG, first at block ({}, {})",
            differing.len(),
            a.len(),
            differing[0] % width,
            differing[0] / width
        );
    }
}
