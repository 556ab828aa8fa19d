//! The views: each a `data-view` root that lays out its figure with `strata-diagram` (memoised on
//! what it depends on) and renders it through [`crate::components::figure::Figure`].

pub mod layers;
pub mod stack;
pub mod union;

use crate::components::figure::Hovered;
use yew::prelude::*;

/// What the pointer or the keyboard is on, said in words beside the figure (path, size, mode,
/// owner, layer and instruction for a tile).
pub fn info_panel(hovered: &Option<Hovered>) -> Html {
    let words = hovered.as_ref().and_then(|h| h.words.clone()).unwrap_or_default();
    html! { <p class="figure-info" aria-live="polite" data-testid="figure-info">{ words }</p> }
}
