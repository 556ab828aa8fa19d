//! One component per file; each is a function of `PartialEq` props that reports up through callbacks.

pub mod error;
pub mod files;
pub mod progress;
pub mod stack;
pub mod summary;

/// `1.2 MB`-style sizes (SI), as the CLI prints them.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < UNITS.len() {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// A colour-blind-safe colour for a layer (Okabe–Ito palette, cycled), always shown with its number.
pub fn layer_colour(i: usize) -> &'static str {
    const P: [&str; 8] = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
    ];
    P[i % P.len()]
}
