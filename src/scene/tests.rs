//! Unit tests of `scene`, compiled only under #[cfg(test)] (declared in the parent module).
use super::*;
use crate::edit::{self, Edit};
use crate::layout::LayoutInput;
use crate::model::{ArgumentMap, Arrangement};

fn shipped() -> ArgumentMap {
    crate::io::load_str(crate::MINUSMA_RON, "m").unwrap()
}

/// The scene of a whole map, and its layout.
fn draw(map: &ArgumentMap, ts: &mut Typesetter) -> (Scene, Layout) {
    let topo = Topology::new(map);
    let prepared = prepare(&topo, ts);
    let layout = crate::layout::layout(&LayoutInput::new(&topo, &prepared.sizes, &HashSet::new()));
    let scene = build(&topo, &layout, &prepared, &Palette::of(false), None, None);
    (scene, layout)
}

/// The text items of a scene that are not in a box, nor a group frame's title: (text, x, top,
/// width).
fn loose_texts(scene: &Scene) -> Vec<(String, f32, f32, f32)> {
    let titled =
        |x: f32, y: f32| scene.frames.iter().filter_map(|f| f.label).any(|(r, _)| r.x == x && r.y == y);
    scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, y, width, text, .. } if !titled(*x, *y) => {
                Some((text.to_string(), *x, *y, *width))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_titled_or_rated_relation_is_tagged_beside_its_arrow_clear_of_its_undercut() {
    let mut map = shipped();
    let mut ts = Typesetter::new();
    let (scene, layout) = draw(&map, &mut ts);
    // Only the S2 argument has a title; it is undercut from the right, so its tag is left of
    // the arrow's leg (the middle of the bracket over its two co-premises), just above it.
    let texts = loose_texts(&scene);
    assert_eq!(texts.len(), 2, "two lines: {texts:?}");
    let words: Vec<&str> = texts.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(words.join(" "), "State authority mandate");
    let (_, x, top, width) = texts.iter().cloned().fold((String::new(), f32::MAX, f32::MAX, 0f32), |a, t| {
        (a.0, a.1.min(t.1), a.2.min(t.2), a.3.max(t.3))
    });
    let a = layout.rect(&map, "mandate-state-authority").unwrap();
    let b = layout.rect(&map, "cooperation-with-forces").unwrap();
    let leg = (a.center().0 + b.center().0) / 2.0;
    assert!(x + width < leg && x + width > leg - 10.0, "left of the leg at {leg}: {x} + {width}");
    assert!(
        top < a.y - BRACKET_RISE && top > a.y - crate::layout::NEAR_ROOM_TAGGED,
        "between bracket and lanes"
    );
    assert!(scene.tags.iter().all(|(r, _)| r.w <= TAG_MAX_W && r.h <= 2.0 * text::CAPTION_SIZE * 1.3 + 0.01));

    // A rating shows as words; a long title is shortened, never the rating, to fit.
    let rid = map.relations_from("host-state-consent")[0];
    let title = "An argument from host-state consent as the tenet of all peacekeeping".to_owned();
    edit::apply(&mut map, Edit::SetRelationText { id: rid, label: Some(title), description: None }).unwrap();
    edit::apply(&mut map, Edit::SetRating { id: rid, rating: Some(Rating::Strong) }).unwrap();
    let (scene, layout) = draw(&map, &mut ts);
    let texts = loose_texts(&scene);
    let tagged = texts.iter().position(|t| t.0.ends_with(" · strong")).expect("the rated relation's tag");
    let first = &texts[tagged - 1];
    assert!(first.0.starts_with("An argument"), "{texts:?}");
    assert!(texts[tagged].0.contains('…'), "{}", texts[tagged].0);
    assert!(texts[tagged].3 <= TAG_MAX_W && first.3 <= TAG_MAX_W, "{texts:?}");
    // Nothing undercuts it: right of its leg, the premise's top centre.
    let premise = layout.rect(&map, "host-state-consent").unwrap();
    assert!((first.1 - (premise.center().0 + 5.0)).abs() < 0.01);

    // Rated "none" without a title: the words alone.
    edit::apply(&mut map, Edit::SetRelationText { id: rid, label: None, description: None }).unwrap();
    edit::apply(&mut map, Edit::SetRating { id: rid, rating: Some(Rating::Nil) }).unwrap();
    let (scene, _) = draw(&map, &mut ts);
    assert!(loose_texts(&scene).iter().any(|t| t.0 == "no weight"));
}

#[test]
fn issue13_texts_wrapped_on_several_cores_are_the_texts_wrapped_one_by_one() {
    let map = crate::synth::generate(3_000, 7);
    assert!(
        map.statements().map(|s| s.text.len()).sum::<usize>() > text::PARALLEL_BYTES,
        "shared between cores"
    );
    let texts: Vec<(&str, f32)> = map.statements().map(|s| (s.text.as_str(), BOX_W - 2.0 * PAD)).collect();
    let all = Typesetter::new().wrap_all(&texts, text::TEXT_SIZE);
    let mut one = Typesetter::new();
    assert_eq!(all.len(), texts.len());
    for (wrapped, &(text, width)) in all.iter().zip(&texts) {
        assert_eq!(**wrapped, *one.wrap(text, text::TEXT_SIZE, width), "{text}");
    }
}

#[test]
fn a_mark_or_a_rating_redrawn_with_the_arrows_kept_is_what_a_fresh_drawing_gives() {
    let mut map = shipped();
    let mut ts = Typesetter::new();
    let (mut scene, layout) = draw(&map, &mut ts);
    let rated = map.hangs_by("host-state-consent").unwrap();
    let edits = [
        Edit::SetMark { id: "honest-broker".into(), mark: Some(crate::model::Mark::Rejected) },
        Edit::SetRating { id: rated, rating: Some(crate::model::Rating::Strong) },
        Edit::SetNote { id: "precedent".into(), note: Some("A note.".into()) },
    ];
    for e in edits {
        edit::apply(&mut map, e).unwrap();
        let topo = Topology::new(&map);
        let prepared = prepare(&topo, &mut ts);
        let evaluation = crate::eval::Evaluation::of(&map, &topo);
        let palette = Palette::of(false);
        let basis = Basis { topo: &topo, layout: &layout, prepared: &prepared };
        rebuild_keeping_arrows(&mut scene, basis, &palette, None, Some(&evaluation));
        let fresh = build(&topo, &layout, &prepared, &palette, None, Some(&evaluation));
        assert_eq!(scene, fresh);
    }
    // The rating shows in its tag.
    assert!(scene.items.iter().any(|i| matches!(i, Item::Text { text, .. } if text.contains("strong"))));
}

/// Every text of `maps`, and some awkward ones.
fn texts_to_wrap(maps: &[ArgumentMap]) -> Vec<String> {
    let mut texts: Vec<String> = maps.iter().flat_map(|m| m.statements().map(|s| s.text.clone())).collect();
    texts.extend(
        [
            "A",
            "Supercalifragilisticexpialidocious-and-then-some-more-words-joined-by-dashes beyond a line",
            "Ende – Überblick: Mali's transition, 2020–2021 (ECOWAS, “CNSP”) à la française; naïve façade.",
            "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWW WWWWWWWWW iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
            "Two  spaces, a tab\tand a line\nbreak",
            "مالي والأمم المتحدة",
            "fi fl ffi office affluent AVATAR Tō Tä Yo",
        ]
        .map(String::from),
    );
    texts
}

#[test]
fn issue35_wrapping_by_words_breaks_every_line_where_egui_does() {
    let mut maps = vec![shipped()];
    maps.extend((0..4).map(|seed| crate::synth::generate(1500, seed)));
    let texts = texts_to_wrap(&maps);
    let mut ts = Typesetter::new();
    let (mut by_words, mut all) = (0, 0);
    for size in [text::TEXT_SIZE, text::CAPTION_SIZE] {
        for width in [BOX_W - 2.0 * PAD, CLAIM_W - 2.0 * PAD, TAG_MAX_W, 61.0, 500.5] {
            for text in &texts {
                all += 1;
                let (lines, widths) = ts.wrap_by_egui(text, size, width);
                assert_eq!(*ts.wrap(text, size, width).lines, lines, "what the typesetter gives");
                let Some((said, said_widths)) = ts.wrap_by_words(text, size, width) else { continue };
                by_words += 1;
                assert_eq!(said, lines, "{text:?} at {size} in {width}");
                for (a, b) in said_widths.iter().zip(&widths) {
                    assert!((a - b).abs() < 0.01, "{text:?} at {size} in {width}: {a} against {b}");
                }
            }
        }
    }
    // The words' way is the one taken for ordinary text (else this test would test nothing).
    assert!(by_words * 10 > all * 9, "{by_words} of {all} by words");
}

#[test]
fn issue35_wrapping_by_words_agrees_with_egui_at_every_width() {
    let mut maps = vec![shipped()];
    maps.push(crate::synth::generate(150, 9));
    let texts = texts_to_wrap(&maps);
    let mut ts = Typesetter::new();
    let mut width = 30.0f32;
    while width < 700.0 {
        for text in &texts {
            let Some((said, said_widths)) = ts.wrap_by_words(text, text::TEXT_SIZE, width) else { continue };
            let (lines, widths) = ts.wrap_by_egui(text, text::TEXT_SIZE, width);
            assert_eq!(said, lines, "{text:?} in {width}");
            assert!(
                said_widths.iter().zip(&widths).all(|(a, b)| (a - b).abs() < 0.01),
                "{text:?} in {width}"
            );
        }
        width += 3.7;
    }
}

#[test]
fn issue35_the_shared_captions_and_badges_say_what_each_role_and_badge_says() {
    for b in Badge::ALL {
        assert_eq!(&*b.shared_text(), b.text(), "{b:?}");
    }
    let said: Vec<String> = Role::ALL.iter().map(|r| caption(*r).to_string()).collect();
    assert_eq!(said, ["CLAIM", "REASON", "OBJECTION", "REBUTTAL"]);
}

#[test]
fn issue35_the_boxes_near_a_view_of_a_large_map_are_a_few_runs_and_hold_every_box_in_it() {
    // Boxes are listed in the layout's order, so the runs a frame asks for stay on the map
    // near its view (listed in file order, the runs of a generated map spread across it all
    // and a frame looked at most of its boxes).
    let (map, none) = (crate::synth::generate(20_000, 3), HashSet::new());
    for arrangement in [Arrangement::Outline, Arrangement::TopDown] {
        let topo = Topology::new(&map);
        let prepared = prepare(&topo, &mut Typesetter::new());
        let input = LayoutInput::new(&topo, &prepared.sizes, &none);
        let layout = crate::layout::layout(&input.arranged(arrangement, 1.6));
        let scene = build(&topo, &layout, &prepared, &Palette::of(false), None, None);
        for k in [1, 7_000, 13_000, 19_999] {
            let b = &scene.boxes[k];
            let view = Rect { x: b.rect.x - 400.0, y: b.rect.y - 300.0, w: 1_200.0, h: 800.0 };
            let near: Vec<usize> = scene.boxes_near(&view).map(|b| b.position).collect();
            assert!(near.len() <= 8 * runs::RUN, "{arrangement:?}: {} boxes looked at", near.len());
            let inside = scene.boxes.iter().filter(|b| b.rect.touches(&view));
            for b in inside {
                assert!(near.contains(&b.position), "{arrangement:?}: a box in view is left out");
            }
        }
    }
}
