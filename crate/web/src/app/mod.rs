//! The app shell: the reducer, the language and theme, the analysis session, the URL, the page's
//! keys and the share toolbar, wired together. Every decision lives elsewhere (state, worker::client, browser,
//! views, components); this file only connects them.

pub mod embed;
pub mod notes;
pub mod setup;
pub mod share;
pub mod start;

pub use notes::slide;
pub use start::{initial_lang, is_embed, shown_lang};

use crate::browser::analysis;
use crate::components::error::ErrorCard;
use crate::components::file_panel::Show;
use crate::components::files::Files;
use crate::components::gallery::Gallery;
use crate::components::header::Header;
use crate::components::problems::Problems;
use crate::components::progress::Progress;
use crate::components::share::{Share, ShareBar};
use crate::components::summary::Summary;
use crate::state::copy::{CopyAnswer, CopyAsk, ReadCopy};
use crate::state::share::file_stem;
use crate::state::theme::ThemeChoice;
use crate::state::{
    presenter::{takes, Presenter},
    Route,
};
use crate::state::{Action, FilesMode, Phase, View};
use crate::views::compare::CompareView;
use crate::views::container::ContainerView;
use crate::views::sizes::SizesView;
use crate::views::{figure_view, FigureProps};
use strata_diagram::Theme;
use strata_i18n::Lang;
use yew::prelude::*;

/// Reads copies through a session's file worker.
fn reader(session: analysis::Shared) -> ReadCopy {
    ReadCopy(std::rc::Rc::new(move |ask: CopyAsk, done: Callback<CopyAnswer>| {
        session.read_copy(ask, done);
    }))
}

/// A file name for the committed image: `vizapp-committed.tar`.
pub fn committed_name(tags: &[String], id: &str) -> String {
    format!("{}-committed.tar", file_stem(tags, id))
}

/// The page.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(start::initial_state);
    let setup::Setup { session, theme } = setup::use_setup(&state);
    // The second archive of a comparison has its own session (workers and file worker).
    let other: analysis::Shared = (*use_memo((), |_| std::rc::Rc::new(analysis::Session::default()))).clone();
    // The file panel reads copies through the session's file worker.
    let read_copy = {
        let session = session.clone();
        (*use_memo((), move |_| reader(session))).clone()
    };
    let read_other = {
        let other = other.clone();
        (*use_memo((), move |_| reader(other))).clone()
    };
    let dragging = use_state(|| false);
    let figure_width = crate::views::use_figure_width();
    let status = use_state(|| None::<&'static str>);
    let t = state.strings();

    {
        use crate::browser::{document, location};
        let dispatch = state.dispatcher();
        let session = session.clone();
        let other = other.clone();
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            location::on_hash_change(move |h| d.dispatch(Action::Navigate(Route::from_hash(&h))));
            analysis::start_other(&other, dispatch.clone());
            start::load_other(&other, &dispatch);
            notes::open_channel(dispatch.clone());
            // Test hook for the error card (tests/e2e): a deliberate panic in either thread.
            match location::query_param("strata-test-panic").as_deref() {
                Some("main") => panic!("test panic requested by ?strata-test-panic=main"),
                Some("worker") => return analysis::test_panic(&session, &dispatch),
                _ => {}
            }
            start::load_archive(&session, &dispatch, true);
        });
        // The page's keys: what they do depends on presenter mode, so the listener is made again
        // (with the mode it sees) whenever the mode changes, and the old one removed.
        let d = state.dispatcher();
        use_effect_with(state.presenter.clone(), move |presenter: &Presenter| {
            let (on, p) = (presenter.on, presenter.clone());
            let listener = document::on_page_key(
                move |k| {
                    // F full screen, S the notes window (here, not in the reducer: they need the browser).
                    if on {
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
                move |k| takes(&p, k),
            );
            move || drop(listener)
        });
        // The notes window follows the presenter: the step, this caption and the next.
        let slide = state.presenter.on.then(|| slide(&state)).flatten();
        use_effect_with(slide, |slide| {
            if let Some(s) = slide {
                notes::tell(s);
            }
        });
    }
    let start_file = {
        let dispatch = state.dispatcher();
        let session = session.clone();
        Callback::from(move |file: web_sys::File| {
            analysis::open(&session, &dispatch, file.name(), file.into(), false);
        })
    };
    // A second archive for the compare view's other side (A), dropped or picked there.
    let on_other_file = {
        let dispatch = state.dispatcher();
        let other = other.clone();
        Callback::from(move |file: web_sys::File| {
            dispatch.dispatch(Action::CompareWith(None));
            analysis::open_other(&other, &dispatch, file.name(), file.into());
        })
    };
    let on_cancel = {
        let dispatch = state.dispatcher();
        let session = session.clone();
        Callback::from(move |_| {
            analysis::cancel(&session, &dispatch);
            dispatch.dispatch(Action::Cancelled);
        })
    };
    let on_lang = {
        let dispatch = state.dispatcher();
        Callback::from(move |lang: Lang| {
            dispatch.dispatch(Action::SetLang(lang));
            {
                use crate::browser::{location, storage};
                storage::remember_lang(lang.tag());
                if location::query_param("lang").is_some() {
                    location::replace_query_param("lang", lang.tag());
                }
            }
        })
    };
    let on_theme = {
        let dispatch = state.dispatcher();
        Callback::from(move |choice: ThemeChoice| {
            dispatch.dispatch(Action::SetTheme(choice));
            {
                use crate::browser::{location, storage};
                storage::remember_theme(choice.key());
                if location::query_param("theme").is_some() {
                    location::replace_query_param("theme", choice.key());
                }
            }
        })
    };
    let on_share = {
        let status = status.clone();
        let shown = (*state).clone();
        Callback::from(move |what: Share| {
            status.set(None);
            {
                let status = status.clone();
                share::share(what, &shown, theme, move |said| status.set(said));
            }
        })
    };
    let on_commit = {
        let dispatch = state.dispatcher();
        let session = session.clone();
        let (name, image) = (state.source_name.clone(), state.route.image);
        Callback::from(move |(upper, created_by): (String, String)| {
            analysis::commit(&session, &dispatch, name.clone(), image, &upper, &created_by);
        })
    };
    let on_download = {
        let session = session.clone();
        let file = state
            .analysis
            .as_ref()
            .and_then(|a| a.images.get(state.route.image))
            .map_or_else(|| "image-committed.tar".to_owned(), |img| committed_name(&img.tags, &img.id));
        Callback::from(move |_| {
            let file = file.clone();
            analysis::download(&session, &file);
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
    let on_show =
        actions.reform(|(select, layer, mode, against): Show| Action::ShowFile { select, layer, mode, against });
    let present = actions.reform(|_: MouseEvent| Action::Present(true));
    let on_mode = actions.reform(Action::SizeMode);
    // The waste table's callbacks stay the same Callback across renders, so its thousands of rows
    // are not diffed again each time the page renders.
    let on_where = {
        let d = dispatch.clone();
        use_callback((), move |path: String, _| {
            let dir = strata_core::path::parent(&path);
            d.dispatch(Action::OpenSizes {
                dir: (dir != "/").then(|| dir.to_owned()),
                select: Some(path.clone()),
                mode: strata_core::sizes::SizeMode::Stored,
            })
        })
    };
    let on_open = {
        let d = dispatch.clone();
        use_callback((), move |path: String, _| d.dispatch(Action::OpenFile(path)))
    };
    let error = match &state.phase {
        Phase::Failed(f) => html! { <ErrorCard message={AttrValue::from(f.words(t))} /> },
        _ => html! {},
    };
    let loading = matches!(state.phase, Phase::Loading { .. });
    let figure = FigureProps {
        route: &route,
        verifying: state.verifying(),
        presenting,
        player: true,
        on_layer: on_select_layer.clone(),
        on_focus: on_focus.clone(),
        on_path: on_path.clone(),
        on_step,
        width: figure_width,
    };
    let body = match &state.analysis {
        Some(a) => html! {
            <>
                <Summary analysis={a.clone()} image={route.image} {loading} {on_pick} />
                <Problems problems={a.problems.clone()} />
                <div class="tabs-row">
                    <div role="tablist" aria-label={t.views_label} class="tabs">
                        { tab(View::Stack, t.view_stack) }{ tab(View::Layers, t.view_layers) }{ tab(View::Union, t.view_union) }
                        { tab(View::Files, t.view_files) }{ tab(View::Sizes, t.view_sizes) }{ tab(View::Compare, t.view_compare) }{ tab(View::Container, t.view_container) }
                    </div>
                    <ShareBar figure={route.view.figure().is_some()} {on_share} status={status.map(AttrValue::from)} />
                    <button type="button" class="present" data-action="present" onclick={present}>{ t.present }</button>
                </div>
                { figure_view(route.view, a, &figure).unwrap_or_else(|| match route.view {
                    View::Files => html! { <Files analysis={a.clone()} image={route.image} layer={route.layer} mode={route.mode} {on_filter}
                                                  select={route.select.clone()} against={route.against} read={read_copy.clone()} {on_show} /> },
                    View::Compare => html! { <CompareView analysis={a.clone()} image={route.image} compare={route.compare}
                                                          selected={route.select.clone()} read={read_copy.clone()}
                                                          other={state.other.clone()} read_other={read_other.clone()}
                                                          on_other_file={on_other_file.clone()} on_other_clear={actions.reform(|_: ()| Action::OtherClear)}
                                                          on_compare={actions.reform(Action::CompareWith)} on_path={on_path.clone()} width={figure_width} /> },
                    View::Sizes => html! { <SizesView analysis={a.clone()} image={route.image} params={route.figure_params(figure_width)} on_focus={on_focus.clone()}
                                                      on_layer={on_select_layer.clone()} on_path={on_path.clone()} {on_mode} {on_where} {on_open} /> },
                    _ => html! { <ContainerView analysis={a.clone()} image={route.image} focus={route.focus()} selected={route.select.clone()}
                                     {on_focus} on_select={on_path} {on_commit} {on_download} can_download={state.committed} /> },
                }) }
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
        <ContextProvider<Theme> context={theme}>
            <main class={classes!("app", dragging.then_some("dragging"), presenting.then_some("presenting"))} lang={state.lang.tag()}
                  data-presenting={presenting.to_string()} {ondragover} {ondragleave} {ondrop}>
                <Header lang={state.lang} {on_lang} theme={state.theme} {on_theme} on_file={start_file} />
                { if state.is_sample && state.phase == Phase::Ready { html! { <p class="note" data-testid="sample-note">{ sample_note(t, &state.source_name) }</p> } } else { html! {} } }
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

/// The notice over a sample: the teaching sample's title, or the built-in sample's words.
fn sample_note(t: &strata_i18n::Strings, name: &str) -> String {
    if strata_core::sample::find(name).is_some() {
        (t.sample_named)((t.sample)(name).0)
    } else {
        t.sample_note.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{committed_name, sample_note};

    #[test]
    fn a_teaching_sample_is_named_in_the_notice() {
        let en = strata_i18n::Lang::En.strings();
        let title = (en.sample)("replace").0;
        assert_eq!(
            sample_note(en, "replace"),
            format!("Showing the teaching sample “{title}”. Open or drop your own docker save archive.")
        );
        assert_eq!(sample_note(en, "strata-sample:latest"), en.sample_note);
        assert!(sample_note(strata_i18n::Lang::ZhCn.strings(), "waste").contains("教学示例"));
    }

    #[test]
    fn committed_images_are_named_after_their_tag() {
        let tag = |t: &str| vec![t.to_owned()];
        assert_eq!(committed_name(&tag("vizapp:legacy-overlay2"), "x"), "vizapp-committed.tar");
        assert_eq!(committed_name(&tag("docker.io/library/vizapp:skopeo"), "x"), "vizapp-committed.tar");
        assert_eq!(committed_name(&[], "sha256:0937d1701893aa"), "0937d1701893-committed.tar");
        assert_eq!(committed_name(&tag(":"), "sha256:"), "image-committed.tar");
    }
}
