//! Exporting the shipped MINUSMA map: `export_png/minusma`, `export_svg/minusma` and
//! `export_pdf/minusma` (target: within twice the PNG's time) and `export_html/minusma` (the
//! web page; target: under 100 ms), each what
//! `argmap export` does after loading the map: a fresh typesetter (nothing wrapped before), text
//! wrapping, layout, scene, the writer, and the file written through the atomic writer.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use argmap::render::ExportOptions;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn export(c: &mut Criterion) {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "mali-minusma.ron").unwrap();
    let options = ExportOptions::default();
    let dir = tempfile::tempdir().unwrap();
    for ext in ["png", "svg", "pdf", "html"] {
        let out = dir.path().join(format!("mali.{ext}"));
        c.bench_function(&format!("export_{ext}/minusma"), |b| {
            b.iter(|| argmap::cli::export(black_box(&map), &out, &options).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = export
}
criterion_main!(benches);
