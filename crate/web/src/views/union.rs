//! The `union` view: the layers over the merged plane (fig 6.8), with a control that lifts them
//! apart or collapses them into the union; hovering a region of the plane highlights the plate it
//! comes from. The lift moves smoothly unless the system asks for reduced motion.

use super::{info_panel, step_bar, use_at_step, use_hovered, DirCallbacks};
use crate::components::figure::Figure;
use crate::components::use_strings;
use crate::state::Shared;
use std::rc::Rc;
use strata_core::Analysis;
use strata_diagram::{FigureParams, ViewKind};
use yew::prelude::*;

/// Props of [`UnionView`].
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
    /// A directory was chosen.
    pub on_focus: Callback<Option<String>>,
    /// A layer was selected.
    pub on_layer: Callback<Option<usize>>,
    /// A path was selected.
    pub on_path: Callback<Option<String>>,
}

/// The union view.
#[function_component]
pub fn UnionView(p: &Props) -> Html {
    let t = use_strings();
    let lift = use_state(|| 100u32);
    let (hovered, on_hover) = use_hovered();
    let highlight = hovered.as_ref().and_then(|h| h.layer).or(p.params.selected_layer);
    let at = use_at_step(p.analysis.clone(), p.image, p.step);
    // What the page alone knows, on top of the screen's parameters: the lift and the hovered layer.
    let params = FigureParams { lift: *lift as f32 / 100.0, highlight, ..p.params.clone() };
    let scene = use_memo((p.analysis.clone(), p.image, at.clone(), params), |(a, image, at, params)| {
        let (img, at) = (a.images.get(*image)?, at.as_ref()?);
        let mut scene = strata_diagram::figure(at.image(img), ViewKind::Union, params);
        at.mark(&mut scene);
        Some(Rc::new(scene))
    });
    let f = &p.params;
    let (Some(scene), Some(at)) = ((*scene).clone(), at) else { return html! {} };
    let DirCallbacks { on_activate, on_up } =
        DirCallbacks::new(&f.focus, f.selected_layer, f.selected_path.clone(), &p.on_focus, &p.on_layer, &p.on_path);
    let oninput = {
        let lift = lift.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            lift.set(v.parse().unwrap_or(100).min(100));
        })
    };
    let go = |to: u32| {
        let lift = lift.clone();
        Callback::from(move |_: MouseEvent| animate(lift.clone(), to))
    };
    html! {
        <div class="union-view" data-view="union" data-focus={f.focus.clone()}>
            { if p.player { step_bar(&at, &p.on_step) } else { html! {} } }
            <div class="lift">
                <button type="button" data-action="collapse" onclick={go(0)}>{ t.lift_together }</button>
                <input type="range" min="0" max="100" step="1" aria-label={t.lift_label} data-testid="lift"
                       value={lift.to_string()} {oninput} />
                <button type="button" data-action="explode" onclick={go(100)}>{ t.lift_apart }</button>
            </div>
            <figure class="figure">
                <Figure {scene} {on_activate} {on_hover} {on_up} nav={!p.presenting} />
                <figcaption>{ info_panel(&hovered) }<span class="keys">{ t.figure_keys }</span></figcaption>
            </figure>
        </div>
    }
}

/// Moves the lift to `to` in steps over half a second (at once under `prefers-reduced-motion`).
fn animate(lift: UseStateHandle<u32>, to: u32) {
    {
        if crate::browser::document::prefers_reduced_motion() {
            lift.set(to);
            return;
        }
        let from = *lift;
        crate::browser::document::frames(10, 45, move |i, n| {
            let v = from as f32 + (to as f32 - from as f32) * (i as f32 / n as f32);
            lift.set(v.round() as u32);
        });
    }
}
