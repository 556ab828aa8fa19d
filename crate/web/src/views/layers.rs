//! The `layers` view: each layer with its files in the focused directory, and the image the
//! container sees (figs 6.6–6.7). Choosing a group tile (or the breadcrumb) focuses a directory;
//! selecting a file highlights every copy of it; hovering or focusing a tile says what it is.

use super::{info_panel, step_bar, use_at_step, use_hovered, DirCallbacks};
use crate::components::figure::Figure;
use crate::components::use_strings;
use crate::state::Shared;
use std::rc::Rc;
use strata_core::Analysis;
use strata_diagram::{FigureParams, ViewKind};
use yew::prelude::*;

/// Props of [`LayersView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// The figure's parameters, from the screen ([`crate::state::Route::figure_params`]): the
    /// focused directory, the selected layer and path, the width.
    pub params: FigureParams,
    /// The player's step (`None`: the whole image).
    pub step: Option<usize>,
    /// The player moved.
    pub on_step: Callback<Option<usize>>,
    /// Presenter mode (arrows are the presenter's).
    pub presenting: bool,
    /// Whether the player and its caption are shown (an embedded figure may go without).
    #[prop_or(true)]
    pub player: bool,
    /// A directory was chosen (`None`: the root).
    pub on_focus: Callback<Option<String>>,
    /// A layer was selected (or unselected).
    pub on_layer: Callback<Option<usize>>,
    /// A path was selected (or unselected).
    pub on_path: Callback<Option<String>>,
}

/// The layers view.
#[function_component]
pub fn LayersView(p: &Props) -> Html {
    let t = use_strings();
    let (hovered, on_hover) = use_hovered();
    let at = use_at_step(p.analysis.clone(), p.image, p.step);
    let scene = use_memo((p.analysis.clone(), p.image, at.clone(), p.params.clone()), |(a, image, at, params)| {
        let (img, at) = (a.images.get(*image)?, at.as_ref()?);
        let mut scene = strata_diagram::figure(at.image(img), ViewKind::Layers, params);
        at.mark(&mut scene);
        Some(Rc::new(scene))
    });
    let f = &p.params;
    let (Some(scene), Some(at)) = ((*scene).clone(), at) else { return html! {} };
    let DirCallbacks { on_activate, on_up } =
        DirCallbacks::new(&f.focus, f.selected_layer, f.selected_path.clone(), &p.on_focus, &p.on_layer, &p.on_path);
    html! {
        <div class="layers-view" data-view="layers" data-focus={f.focus.clone()}>
            { if p.player { step_bar(&at, &p.on_step) } else { html! {} } }
            <figure class="figure">
                <Figure {scene} {on_activate} {on_hover} {on_up} nav={!p.presenting} />
                <figcaption>{ info_panel(&hovered) }<span class="keys">{ t.figure_keys }</span></figcaption>
            </figure>
        </div>
    }
}
