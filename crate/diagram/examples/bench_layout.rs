//! Benchmark (not a test): how long each figure's layout takes natively on a generated image of
//! 100,000 entries over 12 layers (files rewritten and deleted across layers), at the root and in
//! the biggest directory. Prints the median of 15 runs of each. With `--write FILE` it also writes
//! the image as a `docker save` archive (for `scripts/bench-figures.mjs`, the same in Chromium).
//!
//! `cargo run --release -p strata-diagram --example bench_layout [-- --write /tmp/figures-100k.tar]`

use std::time::Instant;
use strata_core::sample::{docker_archive, layer_tar, SampleEntry};
use strata_diagram::{figure, FigureParams, ViewKind};

/// 100,000 entries: a base of 64 packages × 805 files under /usr/lib, then 11 layers each adding
/// 4,000 files under /srv/data/lNN, rewriting 300 base files and deleting 100 (and a whole package).
fn image() -> Vec<u8> {
    let name = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let mut layers = Vec::new();
    let mut base = vec![SampleEntry::Dir("usr"), SampleEntry::Dir("usr/lib")];
    for p in 0..64 {
        base.push(SampleEntry::Dir(name(format!("usr/lib/pkg{p:02}"))));
        for f in 0..805 {
            base.push(SampleEntry::File(name(format!("usr/lib/pkg{p:02}/f{f:04}.so")), vec![b'x'; 64], 0o644));
        }
    }
    layers.push(layer_tar(&base));
    for l in 1..12 {
        let mut e = vec![
            SampleEntry::Dir("srv"),
            SampleEntry::Dir("srv/data"),
            SampleEntry::Dir(name(format!("srv/data/l{l:02}"))),
        ];
        for f in 0..4000 {
            e.push(SampleEntry::File(name(format!("srv/data/l{l:02}/d{:02}/f{f:05}", f % 40)), vec![b'y'; 32], 0o644));
        }
        for f in 0..300 {
            e.push(SampleEntry::File(
                name(format!("usr/lib/pkg{:02}/f{:04}.so", l * 5 % 64, f)),
                vec![b'z'; 80],
                0o644,
            ));
        }
        for f in 0..100 {
            e.push(SampleEntry::Whiteout(name(format!("usr/lib/pkg{:02}/f{:04}.so", (l * 7 + 1) % 64, 700 + f))));
        }
        e.push(SampleEntry::Whiteout(name(format!("usr/lib/pkg{:02}", 40 + l))));
        layers.push(layer_tar(&e));
    }
    let steps: Vec<(&'static str, bool)> = (0..12).map(|l| (name(format!("RUN build step {l}")), true)).collect();
    docker_archive("bench:figures", &layers, &steps, &[], &["/bin/sh"])
}

fn main() {
    let bytes = image();
    if let Some(i) = std::env::args().position(|a| a == "--write") {
        let out = std::env::args().nth(i + 1).unwrap_or_else(|| "figures-100k.tar".into());
        std::fs::write(&out, &bytes).expect("write the archive");
        eprintln!("wrote {out} ({} MB)", bytes.len() / 1_000_000);
    }
    let a = strata_core::analyze_bytes(&bytes).expect("the generated image reads");
    let img = &a.images[0];
    let entries: u64 = img.layers.iter().map(|l| l.entries).sum();
    println!("image: {} layers, {entries} entries, {} visible paths", img.layers.len(), img.tree.nodes.len());
    use strata_core::sizes::SizeMode::{Merged, Stored};
    for (view, focus, size_mode) in [
        (ViewKind::Stack, "/", Merged),
        (ViewKind::Layers, "/", Merged),
        (ViewKind::Layers, "/usr/lib", Merged),
        (ViewKind::Layers, "/usr/lib/pkg05", Merged),
        (ViewKind::Union, "/", Merged),
        (ViewKind::Union, "/usr/lib", Merged),
        (ViewKind::Sizes, "/", Merged),
        (ViewKind::Sizes, "/", Stored),
        (ViewKind::Sizes, "/usr/lib", Merged),
    ] {
        let params = FigureParams { focus: focus.to_owned(), size_mode, ..Default::default() };
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let t = Instant::now();
                let scene = figure(img, view, &params);
                std::hint::black_box(&scene);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let items = figure(img, view, &params).all().count();
        println!(
            "{:<7} {:<16} {:<6} median {:>6.1} ms   (min {:.1}, max {:.1}; {items} items)",
            view.key(),
            focus,
            size_mode.key(),
            times[7],
            times[0],
            times[14]
        );
    }
}
