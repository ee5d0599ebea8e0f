//! A fuzzer for the loader, the importers and every exporter, run as a test: random bytes and
//! mutations of real map files, Argdown documents and AIF graphs (byte flips, cuts, splices,
//! repeats, syntax tokens, odd numbers and deep nesting) must give `Ok` or a clear `Err`, never a
//! panic; every map that loads or imports must hold the invariants, round-trip, and export to
//! every format (SVG that parses as XML, Argdown that imports back with the same texts).
//!
//! CI runs it for a few seconds. A long run (the figures in README.md came from this):
//!
//!     ARGMAP_FUZZ_SECS=600 cargo test --release --test fuzz -- --nocapture --test-threads 1
//!
//! (each test runs for ARGMAP_FUZZ_SECS). A crashing input is written to `target/fuzz-crash.*`
//! before the test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::time::{Duration, Instant};

use argmap::interop::ImportFormat;
use argmap::model::ArgumentMap;
use argmap::render::ExportOptions;
use argmap::scene::Typesetter;
use argmap::synth::Rng; // SplitMix64: a run is reproducible from its seed

const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"r#\"",
    b"\"#",
    b"Some(",
    b"None",
    b"NaN",
    b"inf",
    b"-inf",
    b"1e400",
    b"-0.0",
    b"4294967296",
    b"version: 2",
    b"version: 1",
    b"id: \"q\"",
    b"kind: objection",
    b"premises: []",
    b"\\u{0}",
    b"\\",
    b"#![enable(implicit_some)]",
    b"\xff",
    b"\xe9",
    b"\n",
    b"//",
    b"/*",
    // Argdown
    b"[",
    b"]: ",
    b"<",
    b">: ",
    b"\n  + ",
    b"\n  - ",
    b"\n  _ ",
    b"\n  <- ",
    b"\n  +> ",
    b" >< ",
    b"\n(1) ",
    b"\n----\n",
    b"\n--\n",
    b"===\n",
    b"{\"argmap\": \"objection\"}",
    b"{\"text\": \"\"}",
    b" #tag",
    b"<!--",
    b"\\",
    b".A.",
    // AIF
    b"{\"nodeID\": \"9\", \"type\": \"CA\", \"text\": \"\"}",
    b"{\"nodeID\": 3, \"type\": \"RA\"}",
    b"{\"fromID\": \"9\", \"toID\": \"1\"}",
    b"\"type\": \"I\"",
    "\u{fffe}".as_bytes(),
    b"\x1b",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let len = data.len().max(1);
        match rng.below(7) {
            0 => {
                let i = rng.below(len);
                if let Some(b) = data.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => data.truncate(rng.below(len)),
            2 => {
                let (a, b) = (rng.below(len), rng.below(len));
                let (a, b) = (a.min(b), a.max(b).min(data.len()));
                data.drain(a..b);
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(data.len() + 1);
                data.splice(i..i, t.iter().copied());
            }
            4 => {
                let (a, b) = (rng.below(len), rng.below(len));
                let (a, b) = (a.min(b), a.max(b).min(data.len()).min(a + 200));
                let chunk = data[a..b].to_vec();
                let i = rng.below(data.len() + 1);
                data.splice(i..i, chunk);
            }
            5 => {
                let depth = rng.below(400);
                let i = rng.below(data.len() + 1);
                let open = if rng.below(2) == 0 { b'[' } else { b'(' };
                data.splice(i..i, std::iter::repeat_n(open, depth));
            }
            _ => data = (0..rng.below(600)).map(|_| rng.next_u64() as u8).collect(),
        }
    }
    data
}

/// Writes a crashing input beside the build and fails.
fn crashed(what: &str, ext: &str, input: &[u8]) -> ! {
    let path = format!("{}/target/fuzz-crash.{ext}", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(&path, input).unwrap();
    panic!("{what} panicked; the input is in {path}");
}

/// Exports a valid map to every format: none may panic; the SVG parses as XML; the Argdown
/// export imports back with the same statements and texts.
fn export_everything(map: &ArgumentMap, ts: &mut Typesetter) {
    use argmap::interop::{aif, argdown, dot, outline};
    let (doc, _) = argdown::export(map);
    let back = argdown::import(&doc, "t").unwrap_or_else(|e| panic!("{e}\n{doc}")).map;
    // The same statements and texts; in the order Argdown's sections allow (a heading holds
    // until the next, so statements in no group come first).
    let texts = |m: &ArgumentMap| {
        let mut t = m.statements().map(|s| (s.id.clone(), s.text.clone())).collect::<Vec<_>>();
        t.sort();
        t
    };
    assert_eq!(texts(&back), texts(map), "{doc}");
    let groups = |m: &ArgumentMap| {
        let mut g: Vec<(String, Vec<String>)> = m
            .groups()
            .iter()
            .map(|g| (g.title.clone(), m.members(&g.id).iter().map(|s| s.to_string()).collect()))
            .collect();
        g.sort();
        g
    };
    assert_eq!(groups(&back), groups(map), "the groups travel as sections: {doc}");
    let (json, _) = aif::export(map);
    aif::import(&json, "t").unwrap();
    let _ = dot::export(map);
    let _ = outline::export(map);
    let options = ExportOptions { eval: true, ..ExportOptions::default() };
    let picture = argmap::render::picture(map, ts, &options, &Default::default()).unwrap();
    let svg = argmap::render::svg::write(&picture, &argmap::render::svg::Style::default());
    roxmltree::Document::parse(&svg).unwrap();
    match argmap::render::png::write(&picture, 0.05) {
        Ok(png) => assert!(png.starts_with(b"\x89PNG")),
        Err(e) => assert!(e.to_string().starts_with("the PNG would be"), "{e}"),
    }
}

fn secs_and_seed() -> (u64, u64) {
    let secs = std::env::var("ARGMAP_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let seed = std::env::var("ARGMAP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    (secs, seed)
}

/// Argdown documents and AIF graphs to mutate: argmap's own exports and, where `../shared` is
/// beside the project, the real documents of the field.
fn documents() -> Vec<(ImportFormat, Vec<u8>)> {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "m").unwrap();
    let generated = argmap::synth::generate(40, 3);
    let mut docs = vec![
        (ImportFormat::Argdown, argmap::interop::argdown::export(&map).0.into_bytes()),
        (ImportFormat::Argdown, argmap::interop::argdown::export(&generated).0.into_bytes()),
        (ImportFormat::Aif, argmap::interop::aif::export(&map).0.into_bytes()),
    ];
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
    for (folder, format) in [("argdown", ImportFormat::Argdown), ("aif", ImportFormat::Aif)] {
        let Ok(entries) = std::fs::read_dir(format!("{shared}/{folder}")) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        docs.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()).map(|bytes| (format, bytes)));
    }
    docs
}

#[test]
fn the_importers_never_panic_and_what_they_make_exports_everywhere() {
    let (secs, seed) = secs_and_seed();
    let docs = documents();
    let mut rng = Rng(seed);
    let mut ts = Typesetter::new();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut imported, mut refused) = (0u64, 0u64, 0u64);
    while Instant::now() < deadline {
        for _ in 0..16 {
            let (format, seed) = &docs[rng.below(docs.len())];
            let input = mutate(&mut rng, seed);
            let text = String::from_utf8_lossy(&input);
            runs += 1;
            let result = std::panic::catch_unwind(|| argmap::interop::import(*format, &text, "fuzz"));
            match result {
                Ok(Ok(done)) => {
                    imported += 1;
                    done.map.validate().unwrap();
                    let ts = &mut ts;
                    let exported = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        export_everything(&done.map, ts);
                    }));
                    if exported.is_err() {
                        crashed("an exporter (of an imported map)", "import", &input);
                    }
                }
                Ok(Err(_)) => refused += 1,
                Err(_) => crashed("an importer", "import", &input),
            }
        }
    }
    println!(
        "fuzz importers: {runs} inputs in {secs} s ({} per second): {imported} imported and exported to every format, {refused} refused, 0 panics",
        runs / secs.max(1)
    );
}

#[test]
fn the_loader_never_panics_and_what_loads_is_valid() {
    let (secs, seed) = secs_and_seed();
    let mut ts = Typesetter::new();
    let seeds: Vec<Vec<u8>> = vec![
        argmap::MINUSMA_RON.as_bytes().to_vec(),
        argmap::io::to_ron_string(&argmap::synth::generate(40, 3)).into_bytes(),
        b"(version: 1, title: \"T\", statements: [(id: \"a\", text: \"x\", pos: Some((x: 1.0, y: 2.0)))], relations: [])".to_vec(),
    ];
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut loaded, mut refused) = (0u64, 0u64, 0u64);
    while Instant::now() < deadline {
        for _ in 0..64 {
            let which = rng.below(seeds.len());
            let input = mutate(&mut rng, &seeds[which]);
            let result = std::panic::catch_unwind(|| argmap::io::load_bytes(&input, "fuzz.ron"));
            runs += 1;
            match result {
                Ok(Ok(map)) => {
                    loaded += 1;
                    map.validate().unwrap();
                    let text = argmap::io::to_ron_string(&map);
                    assert_eq!(argmap::io::load_str(&text, "again.ron").unwrap(), map);
                    let ts = &mut ts;
                    let exported = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        export_everything(&map, ts);
                    }));
                    if exported.is_err() {
                        crashed("an exporter (of a loaded map)", "ron", &input);
                    }
                }
                Ok(Err(e)) => {
                    refused += 1;
                    let line = e.to_string();
                    assert!(line.starts_with("fuzz.ron"), "the error names the file: {line}");
                }
                Err(_) => crashed("the loader", "ron", &input),
            }
        }
    }
    println!(
        "fuzz loader: {runs} inputs in {secs} s ({} per second): {loaded} loaded and exported to every format, {refused} refused, 0 panics",
        runs / secs.max(1)
    );
}
