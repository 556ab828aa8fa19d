//! One component per file; each is a function of `PartialEq` props that reports up through
//! callbacks. Words come from the page's language ([`use_strings`]), numbers from the core.

pub mod error;
pub mod figure;
pub mod file_content;
pub mod file_panel;
pub mod files;
pub mod gallery;
pub mod header;
pub mod markup;
pub mod notes;
pub mod player;
pub mod problems;
pub mod progress;
pub mod share;
pub mod summary;
pub mod waste;

pub use strata_core::units::human_bytes as bytes;
use strata_i18n::{Lang, Strings};
use yew::prelude::*;

/// A colour-blind-safe colour for a layer (Okabe–Ito palette, cycled), always shown with its number.
pub fn layer_colour(i: usize) -> String {
    strata_diagram::palette::layer_strong(i)
}

/// The words of the page's language (provided by the app as a context).
#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>().unwrap_or_default().strings()
}
