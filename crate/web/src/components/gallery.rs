//! The teaching samples, a card each: a small drawing of its stack, its title and one sentence.
//! A card is a plain link (`?sample=NAME`), so it works from any page and can be shared.

use super::{layer_colour, use_strings};
use strata_core::sample::CATALOGUE;
use strata_i18n::Lang;
use yew::prelude::*;

/// Props of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The page's language (kept in the links).
    pub lang: Lang,
}

/// The gallery.
#[function_component]
pub fn Gallery(p: &Props) -> Html {
    let t = use_strings();
    html! {
        <section class="gallery" aria-label={t.samples_title}>
            <h2>{ t.samples_title }</h2>
            <p class="intro">{ t.samples_intro }</p>
            <ul>
                { for CATALOGUE.iter().map(|s| {
                    let (name, layers) = (s.name, s.layers);
                    let (title, sentence) = (t.sample)(name);
                    let href = format!("?sample={name}&lang={}{}", p.lang.tag(), s.screen);
                    html! {
                        <li><a class="sample-card" data-sample={name} href={href}>
                            { drawing(layers) }
                            <strong>{ title }</strong>
                            <span>{ sentence }</span>
                        </a></li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// A tiny stack of `layers` plates, base at the bottom, each in its layer's colour (every card's
/// drawing is as tall as the tallest, so the titles line up).
fn drawing(layers: usize) -> Html {
    let tallest = CATALOGUE.iter().map(|s| s.layers).max().unwrap_or(1);
    let h = 14.0 * tallest as f32 + 10.0;
    html! {
        <svg class="sample-drawing" viewBox={format!("0 0 90 {h}")} width="90" height={h.to_string()} aria-hidden="true">
            { for (0..layers).map(|k| {
                let y = h - 12.0 - 14.0 * k as f32;
                let c = layer_colour(k);
                html! { <g>
                    <polygon points={format!("6,{y} 72,{y} 84,{} 18,{}", y - 5.0, y - 5.0)} fill={c.clone()} opacity="0.45" />
                    <rect x="6" y={y.to_string()} width="66" height="9" fill={c} />
                </g> }
            }) }
        </svg>
    }
}
