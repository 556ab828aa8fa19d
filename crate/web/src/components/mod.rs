//! One component per file; each is a function of `PartialEq` props that reports up through callbacks.

pub mod error;
pub mod files;
pub mod progress;
pub mod stack;
pub mod summary;

pub use strata_core::units::human_bytes as bytes;

/// A colour-blind-safe colour for a layer (Okabe–Ito palette, cycled), always shown with its number.
pub fn layer_colour(i: usize) -> &'static str {
    const P: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];
    P[i % P.len()]
}
