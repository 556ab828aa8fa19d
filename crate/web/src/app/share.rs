//! The share toolbar's work: the figure on screen as the standalone SVG `strata diagram` writes
//! for the same archive, view, path, layer, selection, step, language and theme; that SVG as a PNG
//! at twice its size; the analysis as `strata inspect --json` prints it; the permalink.

use crate::components::share::Share;
use crate::state::share::app_address;
use crate::state::share::{export_name, file_stem};
use crate::state::AppState;
use strata_diagram::{Theme, ViewKind};

/// The image the compare view compares the one on screen with: `compare` when it names another
/// image of the archive, else the first other one.
pub fn compare_image(a: &strata_core::Analysis, image: usize, compare: Option<usize>) -> Option<usize> {
    compare.filter(|&c| c != image && c < a.images.len()).or_else(|| (0..a.images.len()).find(|&i| i != image))
}

/// The compare view's A, "before": image `compare` of the second archive when one is open
/// (`other`: `Some(None)` while it is read; its first image by default), else another image of
/// the archive shown.
pub fn compare_side<'a>(
    shown: &'a strata_core::Analysis,
    other: Option<Option<&'a strata_core::Analysis>>,
    image: usize,
    compare: Option<usize>,
) -> Option<(&'a strata_core::Analysis, usize)> {
    match other {
        Some(read) => {
            let a = read?;
            let k = compare.filter(|&c| c < a.images.len()).unwrap_or(0);
            a.images.get(k).map(|_| (a, k))
        }
        None => compare_image(shown, image, compare).map(|k| (shown, k)),
    }
}

/// [`compare_side`] for the state.
pub fn compare_side_of(state: &AppState) -> Option<(&strata_core::Analysis, usize)> {
    let shown = state.analysis.as_deref()?;
    let other = state.other.as_ref().map(|o| o.analysis.as_deref());
    compare_side(shown, other, state.route.image, state.route.compare)
}

/// The SVG of the figure on screen, and its file name.
pub fn figure_svg(state: &AppState, theme: Theme) -> Option<(String, String)> {
    let a = state.analysis.as_ref()?;
    let img = a.images.get(state.route.image)?;
    let kind = state.route.view.figure()?;
    let r = &state.route;
    // The figure as the page draws it, at the page's width (a phone's figure reflows).
    let width = crate::views::figure_width();
    let params = r.figure_params(width);
    let t = state.strings();
    let words = |l: &strata_diagram::Label| (t.figure)(l);
    let options = strata_diagram::svg::SvgOptions { theme, lang: state.lang.tag(), words: &words };
    let svg = if kind == ViewKind::Compare {
        // Two images: the one compared with (A) and the one on screen (B).
        let a_img = compare_side_of(state).and_then(|(an, i)| an.images.get(i))?;
        let rows = strata_core::compare::layer_rows(a_img, img);
        strata_diagram::svg::to_svg(&strata_diagram::compare::scene(a_img, img, &rows, width), &options)
    } else {
        strata_diagram::standalone_svg(img, kind, &params, r.step, &options)
    };
    Some((svg, export_name(&file_stem(&img.tags, &img.id), r.view.key(), "svg")))
}

/// The analysis as JSON, and its file name.
pub fn analysis_json(state: &AppState) -> Option<(String, String)> {
    let a = state.analysis.as_ref()?;
    let img = a.images.get(state.route.image)?;
    Some((a.to_json_document(), export_name(&file_stem(&img.tags, &img.id), state.route.view.key(), "json")))
}

/// The permalink of the screen: the app's address with the archive, language, theme and route.
pub fn permalink(state: &AppState) -> String {
    use crate::browser::location;
    format!("{}{}", location::base(), app_address(&location::query_pairs(), &state.route, state.lang, state.theme))
}

/// Does what the toolbar asked; `say` gets what to tell the user.
pub fn share(what: Share, state: &AppState, theme: Theme, say: impl Fn(Option<&'static str>) + 'static) {
    use crate::browser::export;
    let t = state.strings();
    match what {
        Share::Svg => match figure_svg(state, theme) {
            Some((svg, name)) => export::save_text(&svg, "image/svg+xml", &name),
            None => say(Some(t.export_failed)),
        },
        Share::Png => match figure_svg(state, theme) {
            Some((svg, name)) => {
                let failed = t.export_failed;
                export::save_png(&svg, 2.0, &name.replace(".svg", ".png"), move |ok| say((!ok).then_some(failed)))
            }
            None => say(Some(t.export_failed)),
        },
        Share::Json => match analysis_json(state) {
            Some((json, name)) => export::save_text(&json, "application/json", &name),
            None => say(Some(t.export_failed)),
        },
        Share::Link => {
            let (copied, failed) = (t.link_copied, t.export_failed);
            export::copy_text(&permalink(state), move |ok| say(Some(if ok { copied } else { failed })))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Route, View};
    use std::rc::Rc;
    use strata_diagram::FigureParams;
    use yew::Reducible;

    #[test]
    fn the_exported_figure_is_what_strata_diagram_writes() {
        let a = strata_core::analyze_bytes(&strata_core::sample::replace()).expect("sample");
        let s = Rc::new(AppState::default())
            .reduce(Action::Show(a.clone()))
            .reduce(Action::Navigate(Route::from_hash("#view=layers&image=0&layer=1&select=/file5&step=2")));
        let (svg, name) = figure_svg(&s, Theme::Dark).expect("a figure");
        assert_eq!(name, "replace-layers.svg");
        let t = strata_i18n::Lang::En.strings();
        let words = |l: &strata_diagram::Label| (t.figure)(l);
        let params =
            FigureParams { selected_layer: Some(1), selected_path: Some("/file5".into()), ..FigureParams::default() };
        let options = strata_diagram::svg::SvgOptions { theme: Theme::Dark, lang: "en", words: &words };
        assert_eq!(svg, strata_diagram::standalone_svg(&a.images[0], ViewKind::Layers, &params, Some(2), &options));
        let (json, name) = analysis_json(&s).expect("json");
        assert_eq!((json, name), (a.to_json_document(), "replace-layers.json".to_owned()));
        let files = s.reduce(Action::ShowView(View::Files));
        assert!(figure_svg(&files, Theme::Light).is_none(), "the files view is no figure");
    }
}
