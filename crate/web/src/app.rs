//! The app shell: the reducer, the language, the worker client and the URL, wired together. Every
//! decision lives elsewhere (state, worker::client, browser, components); this file only connects.

#[cfg(target_arch = "wasm32")]
use crate::browser::analysis;
use crate::components::error::ErrorCard;
use crate::components::files::Files;
use crate::components::header::Header;
use crate::components::problems::Problems;
use crate::components::progress::Progress;
use crate::components::summary::Summary;
use crate::state::{Action, AppState, FilesMode, Phase, Route, View};
use crate::views::layers::LayersView;
use crate::views::stack::StackView;
use crate::views::union::UnionView;
use std::cell::Cell;
use strata_diagram::Theme;
use strata_i18n::Lang;
use yew::prelude::*;

thread_local! {
    /// The language shown, for the panic card (drawn outside Yew).
    static SHOWN_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the page shows now.
pub fn shown_lang() -> Lang {
    SHOWN_LANG.with(Cell::get)
}

/// The language to open in: `?lang=`, else the one chosen last time, else the browser's.
pub fn initial_lang() -> Lang {
    #[cfg(target_arch = "wasm32")]
    {
        use crate::browser::{location, storage};
        let asked = location::query_param("lang").and_then(|l| Lang::parse(&l));
        let remembered = storage::remembered_lang().and_then(|l| Lang::parse(&l));
        asked.or(remembered).unwrap_or_else(|| Lang::from_browser(&location::languages()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    Lang::default()
}

/// The theme the system prefers when the page opens.
fn initial_theme() -> Theme {
    #[cfg(target_arch = "wasm32")]
    if crate::browser::document::prefers_dark() {
        return Theme::Dark;
    }
    Theme::Light
}

/// The route in the address bar when the page opens (a link reproduces the screen).
fn initial_route() -> Route {
    #[cfg(target_arch = "wasm32")]
    return Route::from_hash(&crate::browser::location::hash());
    #[cfg(not(target_arch = "wasm32"))]
    Route::default()
}

/// The page.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState { route: initial_route(), lang: initial_lang(), ..AppState::default() });
    #[cfg(target_arch = "wasm32")]
    let client: analysis::Shared = use_mut_ref(|| None);
    let dragging = use_state(|| false);
    let theme = use_state(initial_theme);
    let t = state.strings();

    #[cfg(target_arch = "wasm32")]
    {
        use crate::browser::location;
        use crate::worker::protocol::TEST_PANIC;
        let dispatch = state.dispatcher();
        let client = client.clone();
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            location::on_hash_change(move |h| d.dispatch(Action::Navigate(Route::from_hash(&h))));
            analysis::start(&client, dispatch.clone());
            // Test hook for the error card (tests/e2e): a deliberate panic in either thread.
            match location::query_param("strata-test-panic").as_deref() {
                Some("main") => panic!("test panic requested by ?strata-test-panic=main"),
                Some("worker") => {
                    return analysis::submit(&client, &dispatch, wasm_bindgen::JsValue::from_str(TEST_PANIC))
                }
                _ => {}
            }
            if let Some(url) = location::query_param("src") {
                dispatch.dispatch(Action::Start { name: url.clone(), sample: false });
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::browser::fetch::fetch_blob(&url).await {
                        Ok(blob) => analysis::submit(&client, &dispatch, blob.into()),
                        Err(f) => dispatch.dispatch(Action::Failed(f)),
                    }
                });
            } else if let Some(blob) = analysis::bytes_blob(&strata_core::sample::teaching_image()) {
                dispatch.dispatch(Action::Start { name: "strata-sample:latest".into(), sample: true });
                analysis::submit(&client, &dispatch, blob.into());
            }
        });
        use_effect_with(state.route.clone(), |r| location::set_hash(&r.to_hash()));
    }
    #[cfg(target_arch = "wasm32")]
    {
        let theme = theme.clone();
        use_effect_with((), move |_| {
            crate::browser::document::on_theme_change(move |dark| {
                theme.set(if dark { Theme::Dark } else { Theme::Light })
            })
        });
    }
    use_effect_with(state.lang, |&lang| {
        SHOWN_LANG.with(|l| l.set(lang));
        #[cfg(target_arch = "wasm32")]
        crate::browser::document::set_language(lang.tag(), lang.strings().title);
    });

    let start_file = {
        let dispatch = state.dispatcher();
        #[cfg(target_arch = "wasm32")]
        let client = client.clone();
        Callback::from(move |file: web_sys::File| {
            dispatch.dispatch(Action::Start { name: file.name(), sample: false });
            #[cfg(target_arch = "wasm32")]
            analysis::submit(&client, &dispatch, file.into());
        })
    };
    let on_cancel = {
        let dispatch = state.dispatcher();
        #[cfg(target_arch = "wasm32")]
        let client = client.clone();
        Callback::from(move |_| {
            #[cfg(target_arch = "wasm32")]
            analysis::cancel(&client, &dispatch);
            dispatch.dispatch(Action::Cancelled);
        })
    };
    let on_lang = {
        let dispatch = state.dispatcher();
        Callback::from(move |lang: Lang| {
            dispatch.dispatch(Action::SetLang(lang));
            #[cfg(target_arch = "wasm32")]
            {
                use crate::browser::{location, storage};
                storage::remember_lang(lang.tag());
                if location::query_param("lang").is_some() {
                    location::replace_query_param("lang", lang.tag());
                }
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let start_file = start_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                start_file.emit(f);
            }
        })
    };
    let dispatch = state.dispatcher();
    let route = state.route.clone();
    let tab = |view: View, label: &'static str| {
        let d = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::ShowView(view)));
        html! { <button role="tab" aria-selected={(route.view == view).to_string()} {onclick}>{ label }</button> }
    };
    let actions = dispatch.to_callback();
    let on_select_layer = actions.reform(Action::SelectLayer);
    let on_focus = actions.reform(Action::FocusPath);
    let on_path = actions.reform(Action::SelectPath);
    let on_pick = actions.reform(Action::PickImage);
    let on_filter = actions.reform(|(layer, mode): (Option<usize>, FilesMode)| Action::FilterMode { layer, mode });
    let error = match &state.phase {
        Phase::Failed(f) => html! { <ErrorCard message={AttrValue::from(f.words(t))} /> },
        _ => html! {},
    };
    let loading = matches!(state.phase, Phase::Loading { .. });
    let body = match &state.analysis {
        Some(a) => html! {
            <>
                <Summary analysis={a.clone()} image={route.image} {loading} {on_pick} />
                <Problems problems={a.problems.clone()} />
                <div role="tablist" aria-label={t.views_label} class="tabs">
                    { tab(View::Stack, t.view_stack) }{ tab(View::Layers, t.view_layers) }{ tab(View::Union, t.view_union) }{ tab(View::Files, t.view_files) }
                </div>
                { match route.view {
                    View::Stack => html! { <StackView analysis={a.clone()} image={route.image} verifying={state.verifying()} selected={route.layer} on_select={on_select_layer} /> },
                    View::Layers => html! { <LayersView analysis={a.clone()} image={route.image} focus={route.focus()} selected_layer={route.layer}
                                                selected_path={route.select.clone()} {on_focus} on_layer={on_select_layer} {on_path} /> },
                    View::Union => html! { <UnionView analysis={a.clone()} image={route.image} focus={route.focus()} selected_layer={route.layer}
                                                selected_path={route.select.clone()} {on_focus} on_layer={on_select_layer} {on_path} /> },
                    View::Files => html! { <Files analysis={a.clone()} image={route.image} layer={route.layer} mode={route.mode} {on_filter} /> },
                } }
            </>
        },
        None => html! {},
    };
    let progress = match &state.phase {
        Phase::Loading { name, bytes_done, bytes_total, layers_done } => html! {
            <Progress name={AttrValue::from(name.clone())} bytes_done={*bytes_done} bytes_total={*bytes_total}
                      layers_done={*layers_done} on_cancel={on_cancel.clone()} />
        },
        _ => html! {},
    };
    html! {
        <ContextProvider<Lang> context={state.lang}>
        <ContextProvider<Theme> context={*theme}>
            <main class={classes!("app", dragging.then_some("dragging"))} lang={state.lang.tag()} {ondragover} {ondragleave} {ondrop}>
                <Header lang={state.lang} {on_lang} on_file={start_file} />
                { if state.is_sample && state.phase == Phase::Ready { html! { <p class="note">{ t.sample_note }</p> } } else { html! {} } }
                { progress }
                { error }
                { body }
                <div class="drop-hint" aria-hidden="true">{ t.drop_here }</div>
                <footer>{ t.local_only }</footer>
            </main>
        </ContextProvider<Theme>>
        </ContextProvider<Lang>>
    }
}
