//! Unit tests of `render`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;
use crate::model::Role;
use resvg::{tiny_skia, usvg};

fn shipped() -> ArgumentMap {
    crate::io::load_str(crate::MINUSMA_RON, "m").unwrap()
}

fn picture_of(map: &ArgumentMap, options: &ExportOptions) -> Picture {
    picture(map, &mut Typesetter::new(), options, &HashSet::new()).unwrap()
}

/// All text of an SVG, in document order, one string per `<text>` element.
fn svg_texts(svg: &str) -> Vec<String> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("the SVG parses");
    assert!(tree.size().width() > 0.0);
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.to_owned()))
        .map(|t| t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""))
        .collect()
}

#[test]
fn the_svg_parses_and_holds_every_statement_as_text_with_the_screen_line_breaks() {
    let map = shipped();
    let pic = picture_of(&map, &ExportOptions::default());
    let svg = svg::write(&pic, &svg::Style::default());
    let texts = svg_texts(&svg);
    let joined = texts.join(" ");
    let prepared = crate::scene::prepare(&Topology::new(&map), &mut Typesetter::new());
    for (s, wrapped) in map.statements().zip(prepared.wrapped.iter()) {
        // The lines the canvas wraps to are the lines of the SVG, each a text element.
        for line in &wrapped.lines {
            assert!(texts.iter().any(|t| **t == **line), "{}: line {line:?} missing", s.id);
        }
        let words: Vec<&str> = s.text.split_whitespace().collect();
        assert!(joined.contains(words[0]) && joined.contains(words[words.len() - 1]), "{}", s.id);
    }
    assert!(
        joined.contains(
            "Source: What Does the Coup in Mali Mean for UN Peacekeepers in the Country? CIPS Blog"
        )
    );
    assert!(svg.contains(r#"font-family="'argmap Ubuntu Light'"#));
    assert!(svg.contains("@font-face") && svg.contains("data:font/ttf;base64,"));
}

#[test]
fn the_png_decodes_its_size_follows_bounds_and_scale_and_reason_boxes_are_green() {
    let map = shipped();
    for scale in [1.0, 2.0] {
        let pic = picture_of(&map, &ExportOptions { scale, ..ExportOptions::default() });
        let bytes = png::write(&pic, scale).unwrap();
        let decoded = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!(decoded.width(), (pic.frame.w * scale).ceil() as u32);
        assert_eq!(decoded.height(), (pic.frame.h * scale).ceil() as u32);
        // A point inside a reason's box, away from its text, has the reason fill.
        let at = map.statements().position(|s| s.id.as_str() == "clear-partners").unwrap();
        let b = pic.scene.boxes.iter().find(|b| b.position == at).unwrap();
        let (x, y) = (b.rect.right() - 6.0, b.rect.bottom() - 6.0);
        let px = decoded
            .pixel(((x - pic.frame.x) * scale) as u32, ((y - pic.frame.y) * scale) as u32)
            .unwrap()
            .demultiply();
        let want = Palette::LIGHT.role(Role::Reason).fill.0;
        assert_eq!([px.red(), px.green(), px.blue(), px.alpha()], want);
    }
}

#[test]
fn exports_are_deterministic() {
    let map = shipped();
    let a = picture_of(&map, &ExportOptions::default());
    let b = picture_of(&map, &ExportOptions::default());
    assert_eq!(svg::write(&a, &svg::Style::default()), svg::write(&b, &svg::Style::default()));
    assert_eq!(png::write(&a, 1.0).unwrap(), png::write(&b, 1.0).unwrap());
}

#[test]
fn a_branch_export_holds_that_branch_only() {
    let map = shipped();
    let pic = picture_of(
        &map,
        &ExportOptions { region: Region::Branch("precedent".into()), ..ExportOptions::default() },
    );
    let all: Vec<&str> = map.statements().map(|s| s.id.as_str()).collect();
    let mut ids: Vec<&str> = pic.scene.boxes.iter().map(|b| all[b.position]).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["coup-of-18-august", "elections-delayed", "precedent", "soft-acceptance"]);
    let whole = picture_of(&map, &ExportOptions::default());
    assert!(pic.frame.w < whole.frame.w / 3.0);
    let err = picture(
        &map,
        &mut Typesetter::new(),
        &ExportOptions { region: Region::Branch("nope".into()), ..ExportOptions::default() },
        &HashSet::new(),
    );
    assert_eq!(err.unwrap_err().to_string(), "unknown statement id \"nope\"");
}

#[test]
fn dark_and_transparent_change_the_background() {
    let map = shipped();
    let dark = picture_of(&map, &ExportOptions { dark: true, ..ExportOptions::default() });
    assert_eq!(dark.background, Some(Palette::DARK.background));
    let clear = picture_of(&map, &ExportOptions { transparent: true, ..ExportOptions::default() });
    assert_eq!(clear.background, None);
    let pix = png::pixmap(&clear, 1.0).unwrap();
    assert_eq!(pix.pixel(0, 0).unwrap().alpha(), 0, "the corner is transparent");
}

#[test]
fn an_oversized_png_is_refused_with_the_scale_that_fits() {
    let frame = Rect { x: 0.0, y: 0.0, w: 5000.0, h: 700.0 };
    assert_eq!(png_size(&frame, 2.0), Ok((10_000, 1400)));
    let err = png_size(&frame, 4.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the PNG would be 20000 x 2800 pixels, more than the 16384 a side argmap writes; --scale 3.27 fits, or export SVG (always complete)"
    );
    assert_eq!(png_size(&frame, 0.0).unwrap_err(), ExportError::BadScale(0.0));
}

/// Compares a PNG export with `tests/golden/NAME.png`: exports are deterministic, so every pixel
/// must match within 2 levels a channel but for at most 0.01% of them (one glyph's edge); a lost
/// text, a solid line for a dashed one or a colour shifted by 3 fails. Regenerate after an
/// intended change of look with `UPDATE_GOLDEN=1 cargo test golden`; on failure the new picture
/// is written beside the build as `target/golden-NAME.new.png` to look at.
fn check_golden(name: &str, options: &ExportOptions) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = dir.join(format!("tests/golden/{name}.png"));
    let pic = picture_of(&shipped(), options);
    let bytes = png::write(&pic, options.scale).unwrap();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "UPDATE_GOLDEN under CI: goldens are checked there, never rewritten"
        );
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
    }
    let golden =
        tiny_skia::Pixmap::decode_png(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
            .unwrap();
    let now = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    let differing = if (now.width(), now.height()) == (golden.width(), golden.height()) {
        let d = |x: u8, y: u8| x.abs_diff(y) > 2;
        now.pixels()
            .iter()
            .zip(golden.pixels())
            .filter(|(a, b)| {
                d(a.red(), b.red())
                    || d(a.green(), b.green())
                    || d(a.blue(), b.blue())
                    || d(a.alpha(), b.alpha())
            })
            .count()
    } else {
        usize::MAX
    };
    let allowed = now.pixels().len() / 10_000;
    if differing > allowed {
        let new = dir.join(format!("target/golden-{name}.new.png"));
        let _ = std::fs::write(&new, &bytes);
        panic!(
            "{name}: {} pixels differ from the golden image (at most {allowed} may); the new picture is {new:?}",
            if differing == usize::MAX { "the size and all".to_owned() } else { differing.to_string() }
        );
    }
}

/// The look of the shipped map as it exports by default, guarded by a golden image.
#[test]
fn golden_image_of_the_shipped_map() {
    check_golden("mali-minusma", &ExportOptions::default());
}

/// The same with the evaluation shown (badges, faded OUT boxes).
#[test]
fn golden_image_of_the_shipped_map_with_its_evaluation() {
    check_golden("mali-minusma-eval", &ExportOptions { eval: true, ..ExportOptions::default() });
}

/// The same in the dark theme.
#[test]
fn golden_image_of_the_shipped_map_in_the_dark_theme() {
    check_golden("mali-minusma-dark", &ExportOptions { dark: true, eval: true, ..ExportOptions::default() });
}

/// The fill of the box of statement `id` in an export's scene.
fn box_fill(map: &ArgumentMap, pic: &Picture, id: &str) -> Rgba {
    let at = map.statements().position(|s| s.id.as_str() == id).unwrap();
    let rect = pic.scene.boxes.iter().find(|b| b.position == at).unwrap().rect;
    pic.scene
        .items
        .iter()
        .find_map(|item| match item {
            Item::Rect { rect: r, fill, .. } if *r == rect => Some(*fill),
            _ => None,
        })
        .unwrap()
}

#[test]
fn issue14_bare_leaves_out_the_legend_and_the_citation() {
    let map = shipped();
    let full = svg_texts(&svg::write(&picture_of(&map, &ExportOptions::default()), &svg::Style::default()));
    let bare_pic = picture_of(
        &map,
        &ExportOptions { title: false, legend: false, citation: false, ..ExportOptions::default() },
    );
    let bare = svg_texts(&svg::write(&bare_pic, &svg::Style::default()));
    for gone in ["Reason", "supports", "has a source quote", map.title.as_str()] {
        assert!(full.iter().any(|t| t == gone), "{gone} is in the full picture");
        assert!(!bare.iter().any(|t| t == gone), "{gone} is left out of the bare one");
    }
    assert!(
        full.iter().any(|t| t.starts_with("Source: ")) && !bare.iter().any(|t| t.starts_with("Source: "))
    );
    assert_eq!(
        bare_pic.frame.bottom(),
        bare_pic.scene.bounds.unwrap().bottom() + 24.0,
        "nothing under the map"
    );
}

#[test]
fn issue14_the_margin_is_space_around_the_map() {
    let map = shipped();
    let options =
        |margin| ExportOptions { margin, legend: false, citation: false, ..ExportOptions::default() };
    let (narrow, wide) = (picture_of(&map, &options(0.0)), picture_of(&map, &options(100.0)));
    let bounds = narrow.scene.bounds.unwrap();
    assert_eq!(narrow.frame, bounds);
    assert_eq!((wide.frame.x, wide.frame.y), (bounds.x - 100.0, bounds.y - 100.0));
    assert_eq!((wide.frame.w, wide.frame.h), (bounds.w + 200.0, bounds.h + 200.0));
}

#[test]
fn issue14_a_view_export_holds_what_the_view_shows() {
    let map = shipped();
    let whole = picture_of(&map, &ExportOptions::default());
    let first = whole.scene.boxes[0].rect;
    let view = Rect { x: first.x - 10.0, y: first.y - 10.0, w: first.w + 20.0, h: first.h + 20.0 };
    let pic = picture_of(
        &map,
        &ExportOptions {
            region: Region::View(view),
            title: false,
            legend: false,
            citation: false,
            ..ExportOptions::default()
        },
    );
    assert_eq!(pic.frame, Rect { x: view.x - 24.0, y: view.y - 24.0, w: view.w + 48.0, h: view.h + 48.0 });
    for item in &pic.scene.items {
        let b = item_bounds(item).unwrap();
        assert!(b.touches(&view), "{item:?} lies outside the view");
    }
    let texts = svg_texts(&svg::write(&pic, &svg::Style::default()));
    assert!(texts.iter().any(|t| t == "CLAIM") && !texts.iter().any(|t| t == "OBJECTION"), "{texts:?}");
}

#[test]
fn out_boxes_keep_their_colour_and_only_what_the_user_rejected_fades() {
    let mut map = shipped();
    let reason = Palette::LIGHT.role(Role::Reason).fill;
    let eval = picture_of(&map, &ExportOptions { eval: true, ..ExportOptions::default() });
    // civilian-leaders is out (README's table): challenged, not wrong, so drawn as any reason.
    assert_eq!(box_fill(&map, &eval, "civilian-leaders"), reason);
    assert_eq!(box_fill(&map, &eval, "host-state-consent"), reason);
    crate::edit::apply(
        &mut map,
        crate::edit::Edit::SetMark {
            id: "host-state-consent".into(),
            mark: Some(crate::model::Mark::Rejected),
        },
    )
    .unwrap();
    let what_if = picture_of(&map, &ExportOptions { eval: true, what_if: true, ..ExportOptions::default() });
    let faded = box_fill(&map, &what_if, "host-state-consent");
    assert_ne!(faded, reason);
    // Faded towards the background: each channel between the reason's fill and the background.
    let (fill, bg) = (reason.0, Palette::LIGHT.background.0);
    for c in 0..3 {
        let (lo, hi) = (fill[c].min(bg[c]), fill[c].max(bg[c]));
        assert!((lo..=hi).contains(&faded.0[c]), "channel {c}: {faded:?}");
    }
}

#[test]
fn an_argument_a_standing_undercut_disables_is_marked_and_the_legend_says_so() {
    // no-democratic-cover undercuts the state-authority argument and stands; the undercut by
    // enables-counter-terrorism is answered by a rebuttal, so it disables nothing.
    let map = shipped();
    let eval = picture_of(&map, &ExportOptions { eval: true, ..ExportOptions::default() });
    let texts = svg_texts(&svg::write(&eval, &svg::Style::default()));
    assert_eq!(texts.iter().filter(|t| t.as_str() == "DISABLED").count(), 2, "the map's and the legend's");
    assert!(texts.iter().any(|t| t.contains("disabled by a standing undercut")), "the legend explains it");
    let bare = picture_of(&map, &ExportOptions { eval: true, legend: false, ..ExportOptions::default() });
    let texts = svg_texts(&svg::write(&bare, &svg::Style::default()));
    assert_eq!(texts.iter().filter(|t| t.as_str() == "DISABLED").count(), 1, "{texts:?}");
    let plain = picture_of(&map, &ExportOptions::default());
    let texts = svg_texts(&svg::write(&plain, &svg::Style::default()));
    assert!(!texts.iter().any(|t| t == "DISABLED"), "without the evaluation nothing is marked");
}

#[test]
fn issue14_every_svg_text_carries_its_measured_width_as_text_length() {
    let map = shipped();
    let pic = picture_of(&map, &ExportOptions { eval: true, ..ExportOptions::default() });
    let svg = svg::write(&pic, &svg::Style::default());
    let widths: Vec<f32> = pic
        .scene
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text { text, width, .. } if !text.trim().is_empty() => Some(*width),
            _ => None,
        })
        .collect();
    let written: Vec<f32> = svg
        .split("<text ")
        .skip(1)
        .map(|t| t.split("textLength=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(written.len(), widths.len());
    for (w, want) in written.iter().zip(&widths) {
        assert!((w - want).abs() <= 0.005, "{w} vs {want}");
        assert!(*w > 0.0);
    }
    assert!(svg.contains(r#"lengthAdjust="spacingAndGlyphs""#));
}

/// The shipped map with one critical question doubted on each argument that objects to the
/// claim (all five stand, so the claim is out).
fn doubting_the_claims_objections() -> ArgumentMap {
    let mut map = shipped();
    let objections: Vec<_> = map
        .relations()
        .filter(|(_, r)| r.kind == crate::model::RelationKind::Objection)
        .filter(|(_, r)| r.conclusion.statement().is_some_and(|c| c.as_str() == "cooperate-with-transition"))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(objections.len(), 5);
    for id in objections {
        let doubt = crate::edit::toggle_doubt(&map, id, 0).unwrap();
        crate::edit::apply(&mut map, doubt).unwrap();
    }
    map
}

#[test]
fn issue36_doubted_arguments_are_marked_only_when_the_what_ifs_are_shown_and_the_legend_says_so() {
    let map = doubting_the_claims_objections();
    let count = |texts: &[String], t: &str| texts.iter().filter(|x| x.as_str() == t).count();
    let what_if = picture_of(&map, &ExportOptions { eval: true, what_if: true, ..ExportOptions::default() });
    let texts = svg_texts(&svg::write(&what_if, &svg::Style::default()));
    assert_eq!(count(&texts, "DOUBTED"), 6, "five arguments and the legend: {texts:?}");
    assert!(texts.iter().any(|t| t.contains("you doubt a critical question of it (what-if)")));
    let claim = what_if.scene.boxes.iter().find(|b| b.role == Role::Claim).unwrap();
    assert_eq!(claim.badge, Some(crate::scene::Badge::In), "no objection to it counts");
    // The map's own evaluation (an export's default) has no doubts.
    let own = picture_of(&map, &ExportOptions { eval: true, ..ExportOptions::default() });
    let texts = svg_texts(&svg::write(&own, &svg::Style::default()));
    assert_eq!(count(&texts, "DOUBTED"), 0);
    let claim = own.scene.boxes.iter().find(|b| b.role == Role::Claim).unwrap();
    assert_eq!(claim.badge, Some(crate::scene::Badge::Out));
}

#[test]
fn issue36_open_questions_show_as_a_badge_on_each_argument_when_asked() {
    let map = shipped();
    let asked = crate::schemes::all_asked(&map, crate::schemes::Catalogue::shipped());
    let catalogue = std::sync::Arc::new(crate::schemes::Catalogue::shipped().clone());
    let options = ExportOptions { questions: Some(catalogue), ..ExportOptions::default() };
    let pic = picture_of(&map, &options);
    let texts = svg_texts(&svg::write(&pic, &svg::Style::default()));
    let badges: Vec<&String> = texts.iter().filter(|t| t.starts_with('?') && t.len() <= 3).collect();
    assert_eq!(badges.len(), asked.len() + 1, "one per argument with a scheme and the legend's: {badges:?}");
    // Each says how many of its argument's questions are open.
    let mut want: Vec<String> =
        asked.iter().map(|a| format!("?{}", a.questions.len() - a.answered())).collect();
    want.push("?N".into());
    let mut got: Vec<String> = badges.into_iter().cloned().collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert!(texts.iter().any(|t| t.contains("critical questions of its argument still open")));
    // Not asked: none.
    let plain = svg_texts(&svg::write(&picture_of(&map, &ExportOptions::default()), &svg::Style::default()));
    assert!(!plain.iter().any(|t| t.starts_with('?')), "{plain:?}");
}

/// Each line's outline group (the `<use>`s just before its `<text>`) and its text, in order.
fn outlined_lines(svg: &str) -> Vec<(Vec<String>, String)> {
    svg.split("<text ")
        .zip(svg.split("<text ").skip(1))
        .filter_map(|(before, text)| {
            let group = before.rsplit_once("<g transform=")?.1;
            let uses = group.split("xlink:href=\"#").skip(1).filter_map(|u| u.split_once('"')).map(|u| u.0);
            let text = text.split_once('>')?.1.split_once("</text>")?.0;
            Some((uses.map(str::to_owned).collect(), text.to_owned()))
        })
        .collect()
}

#[test]
fn issue35_every_line_is_drawn_in_its_own_words_whether_its_text_is_shared_repeated_or_alone() {
    let map = shipped();
    let picture = picture_of(&map, &ExportOptions::default());
    let doc = svg::write(&picture, &svg::Style::default());
    let lines = outlined_lines(&doc);
    assert_eq!(lines.len(), doc.matches("<text ").count(), "every line has its outlines");
    let mut words_of: HashMap<&str, &[String]> = HashMap::new();
    for (uses, text) in &lines {
        // One `<use>` per word: spaces have no outline.
        assert_eq!(uses.len(), text.split_whitespace().count(), "the outlines of {text:?}: {uses:?}");
        // The same text is drawn with the same words wherever it is, shared (a caption) or not.
        let first = *words_of.entry(text).or_insert(uses);
        assert_eq!(first, &uses[..], "{text:?} drawn in other words");
    }
    let captions = lines.iter().filter(|(_, t)| t == "REASON").count();
    assert!(captions > 5, "{captions} reasons' captions");
}
