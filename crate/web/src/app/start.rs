//! How the page starts: the language, the theme and the screen it opens in, and the archive it
//! loads (`?src=URL`, `?sample=NAME`, else the built-in sample).

use crate::state::theme::ThemeChoice;
use crate::state::{AppState, Route};
use std::cell::Cell;
use strata_i18n::Lang;

thread_local! {
    /// The language shown, for the panic card (drawn outside Yew).
    static SHOWN_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the page shows now.
pub fn shown_lang() -> Lang {
    SHOWN_LANG.with(Cell::get)
}

/// Records the language shown (for the panic card).
pub fn set_shown_lang(lang: Lang) {
    SHOWN_LANG.with(|l| l.set(lang));
}

/// The language to open in: `?lang=`, else the one chosen last time, else the browser's.
pub fn initial_lang() -> Lang {
    {
        use crate::browser::{location, storage};
        let asked = location::query_param("lang").and_then(|l| Lang::parse(&l));
        let remembered = storage::remembered_lang().and_then(|l| Lang::parse(&l));
        asked.or(remembered).unwrap_or_else(|| Lang::from_browser(&location::languages()))
    }
}

/// Whether the system prefers a dark theme now.
pub fn system_dark() -> bool {
    crate::browser::document::prefers_dark()
}

/// The state the page opens in: the screen of the address bar (the hash; in embed mode the query
/// too), the language, the theme (`?theme=`, else the one chosen last time, except in an embed,
/// which follows its snippet or the system), presenter mode.
pub fn initial_state() -> AppState {
    {
        use crate::browser::location;
        let route = if is_embed() {
            crate::state::share::embed_route(&location::query_pairs(), &location::hash())
        } else {
            Route::from_hash(&location::hash())
        };
        let mut s = AppState { route, lang: initial_lang(), ..AppState::default() };
        let remembered = || crate::browser::storage::remembered_theme().and_then(|t| ThemeChoice::parse(&t));
        let asked = location::query_param("theme").and_then(|t| ThemeChoice::parse(&t));
        s.theme = asked.or_else(|| (!is_embed()).then(remembered).flatten()).unwrap_or_default();
        s.presenter.on = !is_embed() && location::query_param("present").is_some_and(|v| v != "0");
        s
    }
}

/// Whether the page is an embedded figure (`?embed=1`).
pub fn is_embed() -> bool {
    crate::browser::location::query_param("embed").is_some_and(|v| v != "0")
}

/// Loads the second archive `?compare=URL` names (the compare view's A), if any.
pub fn load_other(other: &crate::browser::analysis::Shared, dispatch: &yew::UseReducerDispatcher<AppState>) {
    use crate::browser::{analysis, location};
    use crate::state::Action;
    let Some(url) = location::query_param("compare") else { return };
    dispatch.dispatch(Action::OtherStart(url.clone()));
    let (other, dispatch) = (other.clone(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match crate::browser::fetch::fetch_blob(&url).await {
            Ok(blob) => analysis::open_other(&other, &dispatch, url, blob),
            Err(f) => dispatch.dispatch(Action::OtherFailed(f)),
        }
    });
}

/// Loads the archive the address names: `?src=URL` (fetched), `?sample=NAME`, else the built-in
/// sample. A named sample without a hash opens on the screen that shows its point.
pub fn load_archive(
    session: &crate::browser::analysis::Shared,
    dispatch: &yew::UseReducerDispatcher<AppState>,
    choose_screen: bool,
) {
    use crate::browser::{analysis, location};
    use crate::state::Action;
    if choose_screen && location::query_param("compare").is_some() && location::hash().is_empty() {
        dispatch.dispatch(Action::Navigate(Route::from_hash("view=compare")));
    }
    if let Some(url) = location::query_param("src") {
        dispatch.dispatch(Action::Start { name: url.clone(), sample: false });
        let (session, dispatch) = (session.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match crate::browser::fetch::fetch_blob(&url).await {
                Ok(blob) => analysis::open(&session, &dispatch, url, blob, false),
                Err(f) => dispatch.dispatch(Action::Failed(f)),
            }
        });
        return;
    }
    let asked = location::query_param("sample");
    let (name, bytes) = match asked.as_deref().and_then(|n| strata_core::sample::named(n).map(|b| (n.to_owned(), b))) {
        Some(sample) => sample,
        None => ("strata-sample:latest".to_owned(), strata_core::sample::teaching_image()),
    };
    if choose_screen && asked.is_some() && location::hash().is_empty() {
        let screen = strata_core::sample::find(&name).map_or("#view=stack&image=0", |s| s.screen);
        dispatch.dispatch(Action::Navigate(Route::from_hash(screen)));
    }
    if let Some(blob) = analysis::bytes_blob(&bytes) {
        analysis::open(session, dispatch, name, blob, true);
    }
}
