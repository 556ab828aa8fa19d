//! Embed mode (`?embed=1&src=URL&view=layers&path=/etc&step=3&theme=auto&lang=…[&player=1]`): only
//! the figure (and the player when asked), sized to its frame, with a small link to the full app
//! at the same screen. It tells its parent its height (`{type: "strata:height", height}`) whenever
//! it changes and `{type: "strata:ready"}` once the figure is drawn; `{type: "strata:measure"}`
//! from the parent asks for the height again (a frame revealed from a hidden tab).
//!
//! Hooks: `<main data-embed="true">`, the link `a[data-action="open-in-strata"]`.

use super::{setup, start};
use crate::browser::embed;
use crate::components::error::ErrorCard;
use crate::state::share::app_address;
use crate::state::{Action, Phase, View};
use crate::views::{figure_view, FigureProps};
use strata_diagram::Theme;
use strata_i18n::Lang;
use yew::prelude::*;

/// The embedded figure.
#[function_component]
pub fn EmbedApp() -> Html {
    let state = use_reducer(start::initial_state);
    let setup::Setup { session, theme } = setup::use_setup(&state);
    let main_ref = use_node_ref();
    let width = crate::views::use_figure_width();
    {
        let dispatch = state.dispatcher();
        let drawn = main_ref.clone();
        let main_ref = main_ref.clone();
        use_effect_with((), move |_| {
            start::load_archive(&session, &dispatch, false);
            if let Some(main) = main_ref.cast::<web_sys::Element>() {
                let measure = main.clone();
                embed::on_measure_request(move || embed::post_height(&measure));
                // Kept for the page's life (the observer is not dropped with its handle).
                std::mem::forget(embed::observe_height(&main, |h| {
                    embed::post_to_parent("strata:height", &[("height", h)])
                }));
            }
        });
        let ready = state.phase == Phase::Ready && state.analysis.is_some();
        use_effect_with(ready, move |&ready| {
            if ready {
                // Its height with it: the observer's first report may come before the host listens.
                if let Some(main) = drawn.cast::<web_sys::Element>() {
                    embed::post_height(&main);
                }
                embed::post_to_parent("strata:ready", &[]);
            }
        });
    }
    let t = state.strings();
    let actions = state.dispatcher().to_callback();
    let route = state.route.clone();
    let view = if matches!(route.view, View::Stack | View::Layers | View::Union) { route.view } else { View::Stack };
    let player = crate::browser::location::query_param("player").is_some_and(|v| v != "0");
    let figure = FigureProps {
        route: &route,
        verifying: state.verifying(),
        presenting: false,
        player,
        on_layer: actions.reform(Action::SelectLayer),
        on_focus: actions.reform(Action::FocusPath),
        on_path: actions.reform(Action::SelectPath),
        on_step: actions.reform(Action::Step),
        width,
    };
    let (query, base) = (crate::browser::location::query_pairs(), crate::browser::location::base());
    let full = format!("{base}{}", app_address(&query, &route, state.lang, state.theme));
    let body = match (&state.analysis, &state.phase) {
        (_, Phase::Failed(f)) => html! { <ErrorCard message={AttrValue::from(f.words(t))} /> },
        (Some(a), _) => figure_view(view, a, &figure).unwrap_or_default(),
        (None, _) => html! { <p class="embed-loading" role="status">{ t.loading_embed }</p> },
    };
    html! {
        <ContextProvider<Lang> context={state.lang}>
        <ContextProvider<Theme> context={theme}>
            <main class="embed" data-embed="true" data-figure-width={width.map(|w| w.to_string())} lang={state.lang.tag()} ref={main_ref}>
                { body }
                <a class="open-in" data-action="open-in-strata" href={full} target="_blank" rel="noopener">{ t.open_in_strata }</a>
            </main>
        </ContextProvider<Theme>>
        </ContextProvider<Lang>>
    }
}
