//! A fuzzer for the loader, run as a test: random bytes and mutations of real map files (byte
//! flips, cuts, splices, repeats, odd numbers and deep nesting) must give `Ok` or a clear `Err`,
//! never a panic, and every map that loads must hold the invariants and round-trip.
//!
//! CI runs it for a few seconds. A long run (the figures in README.md came from this):
//!
//!     ARGMAP_FUZZ_SECS=600 cargo test --release --test fuzz -- --nocapture
//!
//! A crashing input is written to `target/fuzz-crash.ron` before the test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::time::{Duration, Instant};

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

#[test]
fn the_loader_never_panics_and_what_loads_is_valid() {
    let secs: u64 = std::env::var("ARGMAP_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let seed: u64 = std::env::var("ARGMAP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
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
                }
                Ok(Err(e)) => {
                    refused += 1;
                    let line = e.to_string();
                    assert!(line.starts_with("fuzz.ron"), "the error names the file: {line}");
                }
                Err(_) => {
                    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/fuzz-crash.ron");
                    std::fs::write(path, &input).unwrap();
                    panic!("the loader panicked; the input is in {path}");
                }
            }
        }
    }
    println!(
        "fuzz: {runs} inputs in {secs} s ({} per second): {loaded} loaded, {refused} refused, 0 panics",
        runs / secs.max(1)
    );
}
