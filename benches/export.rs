//! Exporting the shipped MINUSMA map: `export_png/minusma` and `export_svg/minusma`, each the
//! whole path from the loaded map (text wrapping, layout, scene, writer).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use argmap::render::{self, ExportOptions};
use argmap::scene::Typesetter;
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::HashSet;
use std::hint::black_box;

fn export(c: &mut Criterion) {
    let map = argmap::io::load_str(argmap::MINUSMA_RON, "mali-minusma.ron").unwrap();
    let options = ExportOptions::default();
    // One typesetter, as the app and a batch export keep one: its cache holds the wrapped text.
    let mut ts = Typesetter::new();
    c.bench_function("export_png/minusma", |b| {
        b.iter(|| {
            let picture = render::picture(black_box(&map), &mut ts, &options, &HashSet::new()).unwrap();
            render::png::write(&picture, 1.0).unwrap()
        })
    });
    c.bench_function("export_svg/minusma", |b| {
        b.iter(|| {
            let picture = render::picture(black_box(&map), &mut ts, &options, &HashSet::new()).unwrap();
            render::svg::write(&picture)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = export
}
criterion_main!(benches);
