//! What the page and the embedded figure set up alike: the analysis session and its workers, the
//! theme drawn (the choice, or the system's when it is "auto"), the document's theme and
//! language, and the address's hash kept in step with the route.

use super::start;
use crate::browser::{analysis, document, location};
use crate::state::AppState;
use std::rc::Rc;
use strata_diagram::Theme;
use yew::prelude::*;

/// What [`use_setup`] gives the component that calls it.
pub struct Setup {
    /// The analysis session (its workers and its file worker).
    pub session: analysis::Shared,
    /// The theme drawn now.
    pub theme: Theme,
}

/// Sets up a page showing `state`: its session started once, the system's theme followed, and the
/// theme, language and hash written to the document whenever they change.
#[hook]
pub fn use_setup(state: &UseReducerHandle<AppState>) -> Setup {
    let session: analysis::Shared = (*use_memo((), |_| Rc::new(analysis::Session::default()))).clone();
    let system_dark = use_state(start::system_dark);
    let theme = state.theme.resolve(*system_dark);
    {
        let (session, dispatch) = (session.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            document::on_theme_change(move |dark| system_dark.set(dark));
            analysis::start(&session, dispatch);
        });
    }
    use_effect_with(theme, |&theme| document::set_theme(theme.as_str()));
    use_effect_with(state.lang, |&lang| {
        start::set_shown_lang(lang);
        document::set_language(lang.tag(), lang.strings().title);
    });
    use_effect_with(state.route.clone(), |r| location::set_hash(&r.to_hash()));
    Setup { session, theme }
}
