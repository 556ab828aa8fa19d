//! Embed mode (`?embed=1&src=URL&view=layers&path=/etc&step=3&theme=auto&lang=…[&player=1]`): only
//! the figure (and the player when asked), sized to its frame, with a small link to the full app
//! at the same screen. It tells its parent its height (`{type: "strata:height", height}`) whenever
//! it changes and `{type: "strata:ready"}` once the figure is drawn; `{type: "strata:measure"}`
//! from the parent asks for the height again (a frame revealed from a hidden tab).
//!
//! Hooks: `<main data-embed="true">`, the link `a[data-action="open-in-strata"]`.

use super::start;
#[cfg(target_arch = "wasm32")]
use crate::browser::analysis;
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
    let system_dark = use_state(start::system_dark);
    let theme = state.theme.resolve(*system_dark);
    let main_ref = use_node_ref();
    #[cfg(target_arch = "wasm32")]
    {
        use crate::browser::{document, embed, location};
        let session: analysis::Shared = (*use_memo((), |_| std::rc::Rc::new(analysis::Session::default()))).clone();
        let dispatch = state.dispatcher();
        let (system_dark, main_ref) = (system_dark.clone(), main_ref.clone());
        use_effect_with((), move |_| {
            document::on_theme_change(move |dark| system_dark.set(dark));
            analysis::start(&session, dispatch.clone());
            start::load_archive(&session, &dispatch, false);
            if let Some(main) = main_ref.cast::<web_sys::Element>() {
                let measure = main.clone();
                embed::on_measure_request(move || embed::post_height(&measure));
                let _ = embed::observe_height(&main, |h| embed::post_to_parent("strata:height", &[("height", h)]));
            }
        });
        let ready = state.phase == Phase::Ready && state.analysis.is_some();
        use_effect_with(ready, |&ready| {
            if ready {
                embed::post_to_parent("strata:ready", &[]);
            }
        });
        use_effect_with(theme, |&theme| document::set_theme(theme.as_str()));
        use_effect_with(state.lang, |&lang| document::set_language(lang.tag(), lang.strings().title));
        use_effect_with(state.route.clone(), |r| location::set_hash(&r.to_hash()));
    }
    let t = state.strings();
    let actions = state.dispatcher().to_callback();
    let route = state.route.clone();
    let view = if matches!(route.view, View::Stack | View::Layers | View::Union) { route.view } else { View::Stack };
    #[cfg(target_arch = "wasm32")]
    let player = crate::browser::location::query_param("player").is_some_and(|v| v != "0");
    #[cfg(not(target_arch = "wasm32"))]
    let player = false;
    let figure = FigureProps {
        route: &route,
        verifying: state.verifying(),
        presenting: false,
        player,
        on_layer: actions.reform(Action::SelectLayer),
        on_focus: actions.reform(Action::FocusPath),
        on_path: actions.reform(Action::SelectPath),
        on_step: actions.reform(Action::Step),
    };
    #[cfg(target_arch = "wasm32")]
    let (query, base) = (crate::browser::location::query_pairs(), crate::browser::location::base());
    #[cfg(not(target_arch = "wasm32"))]
    let (query, base) = (Vec::new(), String::new());
    let full = format!("{base}{}", app_address(&query, &route, state.lang, state.theme));
    let body = match (&state.analysis, &state.phase) {
        (_, Phase::Failed(f)) => html! { <ErrorCard message={AttrValue::from(f.words(t))} /> },
        (Some(a), _) => figure_view(view, a, &figure).unwrap_or_default(),
        (None, _) => html! { <p class="embed-loading" role="status">{ t.loading_embed }</p> },
    };
    html! {
        <ContextProvider<Lang> context={state.lang}>
        <ContextProvider<Theme> context={theme}>
            <main class="embed" data-embed="true" lang={state.lang.tag()} ref={main_ref}>
                { body }
                <a class="open-in" data-action="open-in-strata" href={full} target="_blank" rel="noopener">{ t.open_in_strata }</a>
            </main>
        </ContextProvider<Theme>>
        </ContextProvider<Lang>>
    }
}
