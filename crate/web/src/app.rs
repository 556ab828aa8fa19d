//! The app shell: the reducer, the language and theme, the analysis session, the URL and the
//! page's keys, wired together. Every decision lives elsewhere (state, worker::client, browser,
//! views, components); this file only connects them.

#[cfg(target_arch = "wasm32")]
use crate::browser::analysis;
use crate::components::error::ErrorCard;
use crate::components::files::Files;
use crate::components::gallery::Gallery;
use crate::components::header::Header;
use crate::components::problems::Problems;
use crate::components::progress::Progress;
use crate::components::summary::Summary;
use crate::state::presenter::Presenter;
#[cfg(target_arch = "wasm32")]
use crate::state::{presenter::takes, Route};
use crate::state::{Action, AppState, FilesMode, Phase, View};
use crate::views::container::ContainerView;
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
    /// Presenter mode's state, for the page's key handler (registered once).
    static PRESENTER: std::cell::RefCell<Presenter> = std::cell::RefCell::new(Presenter::default());
    /// The slide last told to the notes window, for one that opens later.
    static SLIDE: std::cell::RefCell<Option<crate::state::notes::Slide>> = const { std::cell::RefCell::new(None) };
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

/// The state the page opens in: the route of the address bar, the language, presenter mode.
fn initial_state() -> AppState {
    #[cfg(target_arch = "wasm32")]
    {
        use crate::browser::location;
        let mut s =
            AppState { route: Route::from_hash(&location::hash()), lang: initial_lang(), ..AppState::default() };
        s.presenter.on = location::query_param("present").is_some_and(|v| v != "0");
        s
    }
    #[cfg(not(target_arch = "wasm32"))]
    AppState::default()
}

/// What the notes window shows for `state`: the step, its caption and the next one.
pub fn slide(state: &AppState) -> Option<crate::state::notes::Slide> {
    use crate::components::player::caption_words;
    use strata_core::steps::{build_steps, step_facts};
    let img = state.analysis.as_ref()?.images.get(state.route.image)?;
    let steps = build_steps(img);
    let (k, n) = (state.step(), steps.len());
    let t = state.strings();
    Some(crate::state::notes::Slide {
        image: strata_diagram::stack::image_name(img),
        step: k,
        steps: n,
        now: caption_words(t, &step_facts(img, &steps, k)),
        next: (k < n).then(|| caption_words(t, &step_facts(img, &steps, k + 1))),
    })
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The channel to the notes window.
    static NOTES: std::cell::RefCell<Option<crate::browser::channel::Channel>> = const { std::cell::RefCell::new(None) };
}

/// Opens the channel to the notes window: a window that says hello gets the slide on screen; one
/// that asks for a step moves the player.
#[cfg(target_arch = "wasm32")]
fn notes_channel(dispatch: UseReducerDispatcher<AppState>) {
    use crate::state::notes::{NotesMessage, CHANNEL};
    let channel = crate::browser::channel::Channel::open(CHANNEL, move |text| match NotesMessage::from_json(&text) {
        Some(NotesMessage::Hello) => {
            let slide = SLIDE.with(|s| s.borrow().clone());
            if let Some(s) = slide {
                NOTES.with(|c| {
                    if let Some(c) = c.borrow().as_ref() {
                        c.post(&NotesMessage::Show(s).to_json());
                    }
                });
            }
        }
        Some(NotesMessage::Go { step }) => dispatch.dispatch(Action::Step(Some(step))),
        _ => {}
    });
    NOTES.with(|c| *c.borrow_mut() = channel);
}

/// A file name for the committed image of `tag`: `vizapp-committed.tar`.
pub fn committed_name(tag: &str) -> String {
    let base = tag.rsplit('/').next().unwrap_or(tag).split(':').next().unwrap_or(tag);
    let clean: String =
        base.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    format!("{}-committed.tar", if clean.is_empty() { "image" } else { &clean })
}

/// The page.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    #[cfg(target_arch = "wasm32")]
    let session: analysis::Shared = (*use_memo((), |_| std::rc::Rc::new(analysis::Session::default()))).clone();
    let dragging = use_state(|| false);
    let theme = use_state(initial_theme);
    let t = state.strings();

    #[cfg(target_arch = "wasm32")]
    {
        use crate::browser::{document, location};
        let dispatch = state.dispatcher();
        let session = session.clone();
        let theme = theme.clone();
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            location::on_hash_change(move |h| d.dispatch(Action::Navigate(Route::from_hash(&h))));
            let d = dispatch.clone();
            document::on_page_key(
                move |k| {
                    // F full screen, S the notes window (here, not in the reducer: they need the browser).
                    if PRESENTER.with(|p| p.borrow().on) {
                        match k.as_str() {
                            "f" | "F" => document::toggle_fullscreen(),
                            "s" | "S" => {
                                crate::browser::channel::open_window(&format!("?notes=1&lang={}", shown_lang().tag()))
                            }
                            _ => {}
                        }
                    }
                    d.dispatch(Action::Key(k))
                },
                |k| PRESENTER.with(|p| takes(&p.borrow(), k)),
            );
            document::on_theme_change(move |dark| theme.set(if dark { Theme::Dark } else { Theme::Light }));
            analysis::start(&session, dispatch.clone());
            notes_channel(dispatch.clone());
            // Test hook for the error card (tests/e2e): a deliberate panic in either thread.
            match location::query_param("strata-test-panic").as_deref() {
                Some("main") => panic!("test panic requested by ?strata-test-panic=main"),
                Some("worker") => return analysis::test_panic(&session, &dispatch),
                _ => {}
            }
            if let Some(url) = location::query_param("src") {
                dispatch.dispatch(Action::Start { name: url.clone(), sample: false });
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::browser::fetch::fetch_blob(&url).await {
                        Ok(blob) => analysis::open(&session, &dispatch, url, blob, false),
                        Err(f) => dispatch.dispatch(Action::Failed(f)),
                    }
                });
                return;
            }
            let asked = location::query_param("sample");
            let (name, bytes) =
                match asked.as_deref().and_then(|n| strata_core::sample::named(n).map(|b| (n.to_owned(), b))) {
                    Some(sample) => sample,
                    None => ("strata-sample:latest".to_owned(), strata_core::sample::teaching_image()),
                };
            if asked.is_some() && location::hash().is_empty() {
                let screen = crate::components::gallery::sample_screen(&name);
                dispatch.dispatch(Action::Navigate(Route::from_hash(screen)));
            }
            if let Some(blob) = analysis::bytes_blob(&bytes) {
                analysis::open(&session, &dispatch, name, blob, true);
            }
        });
        use_effect_with(state.route.clone(), |r| location::set_hash(&r.to_hash()));
        use_effect_with(state.presenter.clone(), |now| PRESENTER.with(|p| *p.borrow_mut() = now.clone()));
        // The notes window follows the presenter: the step, this caption and the next.
        let slide = state.presenter.on.then(|| slide(&state)).flatten();
        use_effect_with(slide, |slide| {
            if let Some(s) = slide {
                SLIDE.with(|l| *l.borrow_mut() = Some(s.clone()));
                NOTES.with(|c| {
                    if let Some(c) = c.borrow().as_ref() {
                        c.post(&crate::state::notes::NotesMessage::Show(s.clone()).to_json());
                    }
                });
            }
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
        let session = session.clone();
        Callback::from(move |file: web_sys::File| {
            #[cfg(target_arch = "wasm32")]
            analysis::open(&session, &dispatch, file.name(), file.into(), false);
            #[cfg(not(target_arch = "wasm32"))]
            dispatch.dispatch(Action::Start { name: file.name(), sample: false });
        })
    };
    let on_cancel = {
        let dispatch = state.dispatcher();
        #[cfg(target_arch = "wasm32")]
        let session = session.clone();
        Callback::from(move |_| {
            #[cfg(target_arch = "wasm32")]
            analysis::cancel(&session, &dispatch);
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
    let on_commit = {
        let dispatch = state.dispatcher();
        #[cfg(target_arch = "wasm32")]
        let session = session.clone();
        let (name, image) = (state.source_name.clone(), state.route.image);
        Callback::from(move |(upper, created_by): (String, String)| {
            #[cfg(target_arch = "wasm32")]
            analysis::commit(&session, &dispatch, name.clone(), image, &upper, &created_by);
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (&dispatch, &name, image, upper, created_by);
        })
    };
    let on_download = {
        #[cfg(target_arch = "wasm32")]
        let session = session.clone();
        let tag = state
            .analysis
            .as_ref()
            .and_then(|a| a.images.get(state.route.image))
            .map(strata_diagram::stack::image_name);
        Callback::from(move |_| {
            let file = committed_name(tag.as_deref().unwrap_or("image"));
            #[cfg(target_arch = "wasm32")]
            analysis::download(&session, &file);
            #[cfg(not(target_arch = "wasm32"))]
            let _ = file;
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
    let presenting = state.presenter.on;
    let tab = |view: View, label: &'static str| {
        let d = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::ShowView(view)));
        html! { <button role="tab" aria-selected={(route.view == view).to_string()} data-tab={view.key()} {onclick}>{ label }</button> }
    };
    let actions = dispatch.to_callback();
    let on_select_layer = actions.reform(Action::SelectLayer);
    let on_focus = actions.reform(Action::FocusPath);
    let on_path = actions.reform(Action::SelectPath);
    let on_step = actions.reform(Action::Step);
    let on_pick = actions.reform(Action::PickImage);
    let on_filter = actions.reform(|(layer, mode): (Option<usize>, FilesMode)| Action::FilterMode { layer, mode });
    let present = actions.reform(|_: MouseEvent| Action::Present(true));
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
                <div class="tabs-row">
                    <div role="tablist" aria-label={t.views_label} class="tabs">
                        { tab(View::Stack, t.view_stack) }{ tab(View::Layers, t.view_layers) }{ tab(View::Union, t.view_union) }
                        { tab(View::Files, t.view_files) }{ tab(View::Container, t.view_container) }
                    </div>
                    <button type="button" class="present" data-action="present" onclick={present}>{ t.present }</button>
                </div>
                { match route.view {
                    View::Stack => html! { <StackView analysis={a.clone()} image={route.image} verifying={state.verifying()} selected={route.layer}
                                               on_select={on_select_layer} step={route.step} {on_step} {presenting} /> },
                    View::Layers => html! { <LayersView analysis={a.clone()} image={route.image} focus={route.focus()} selected_layer={route.layer}
                                                selected_path={route.select.clone()} {on_focus} on_layer={on_select_layer} {on_path}
                                                step={route.step} {on_step} {presenting} /> },
                    View::Union => html! { <UnionView analysis={a.clone()} image={route.image} focus={route.focus()} selected_layer={route.layer}
                                                selected_path={route.select.clone()} {on_focus} on_layer={on_select_layer} {on_path}
                                                step={route.step} {on_step} {presenting} /> },
                    View::Files => html! { <Files analysis={a.clone()} image={route.image} layer={route.layer} mode={route.mode} {on_filter} /> },
                    View::Container => html! { <ContainerView analysis={a.clone()} image={route.image} focus={route.focus()} selected={route.select.clone()}
                                                   {on_focus} on_select={on_path} {on_commit} {on_download} can_download={state.committed} /> },
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
    let p = &state.presenter;
    let overlays = html! {
        <>
            { if p.blackout { html! { <div class="blackout" data-testid="blackout" aria-hidden="true"></div> } } else { html! {} } }
            { if p.help { html! {
                <div class="presenter-help" data-testid="presenter-help" role="dialog" aria-label={t.keys_title}>
                    <h2>{ t.keys_title }</h2>
                    <ul>{ for [t.key_next, t.key_prev, t.key_first_last, t.key_blackout, t.key_fullscreen, t.key_goto, t.key_notes, t.key_help, t.key_leave]
                        .iter().map(|k| html! { <li>{ *k }</li> }) }</ul>
                </div>
            } } else { html! {} } }
            { for p.goto.as_ref().map(|typed| html! { <div class="goto" data-testid="goto" role="status">{ (t.goto_prompt)(typed) }</div> }) }
        </>
    };
    html! {
        <ContextProvider<Lang> context={state.lang}>
        <ContextProvider<Theme> context={*theme}>
            <main class={classes!("app", dragging.then_some("dragging"), presenting.then_some("presenting"))} lang={state.lang.tag()}
                  data-presenting={presenting.to_string()} {ondragover} {ondragleave} {ondrop}>
                <Header lang={state.lang} {on_lang} on_file={start_file} />
                { if state.is_sample && state.phase == Phase::Ready { html! { <p class="note">{ t.sample_note }</p> } } else { html! {} } }
                { progress }
                { error }
                { body }
                { if state.is_sample && !presenting { html! { <Gallery lang={state.lang} /> } } else { html! {} } }
                <div class="drop-hint" aria-hidden="true">{ t.drop_here }</div>
                <footer>{ t.local_only }</footer>
                { overlays }
                <p class="presenter-hint" aria-hidden="true">{ format!("{}   ·   {}", t.key_help, t.key_leave) }</p>
            </main>
        </ContextProvider<Theme>>
        </ContextProvider<Lang>>
    }
}

#[cfg(test)]
mod tests {
    use super::committed_name;

    #[test]
    fn committed_images_are_named_after_their_tag() {
        assert_eq!(committed_name("vizapp:legacy-overlay2"), "vizapp-committed.tar");
        assert_eq!(committed_name("docker.io/library/vizapp:skopeo"), "vizapp-committed.tar");
        assert_eq!(committed_name("0937d1701893"), "0937d1701893-committed.tar");
        assert_eq!(committed_name(":"), "image-committed.tar");
    }
}
