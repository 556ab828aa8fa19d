//! The `sizes` view: why the image is big. The size map (`strata_diagram::sizes`, the scene
//! `strata diagram --view sizes` writes) of the directory in the route, in merged or stored mode,
//! with a table of the same numbers for screen readers; beside it the waste panel
//! ([`crate::components::waste`]). Clicking a directory zooms in, Backspace or Escape zooms out,
//! a legend entry picks out its layer.

use super::{info_panel, use_hovered, DirCallbacks};
use crate::components::figure::Figure;
use crate::components::use_strings;
use crate::components::waste::WastePanel;
use crate::state::Shared;
use std::rc::Rc;
use strata_core::sizes::{size_tree, SizeMode, SizeNode};
use strata_core::units::human_bytes;
use strata_core::Analysis;
use strata_diagram::sizes::{self, SizesParams};
use strata_diagram::FigureParams;
use yew::prelude::*;

/// Props of [`SizesView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// The figure's parameters, from the screen ([`crate::state::Route::figure_params`]): the
    /// directory mapped, which bytes, the layer picked out, the path outlined, the width.
    pub params: FigureParams,
    /// A directory was chosen.
    pub on_focus: Callback<Option<String>>,
    /// A layer was picked (or the pick cleared).
    pub on_layer: Callback<Option<usize>>,
    /// A path was selected.
    pub on_path: Callback<Option<String>>,
    /// The mode was switched.
    pub on_mode: Callback<SizeMode>,
    /// The waste table asked for a path in the size map (stored mode, its directory).
    pub on_where: Callback<String>,
    /// The waste table asked for a path in the files view.
    pub on_open: Callback<String>,
}

/// The sizes view.
#[function_component]
pub fn SizesView(p: &Props) -> Html {
    let t = use_strings();
    let (hovered, on_hover) = use_hovered();
    let f = &p.params;
    // The size tree, once per directory and mode: the figure and the table both show it.
    let tree = use_memo((p.analysis.clone(), p.image, f.focus.clone(), f.size_mode), |(a, image, focus, mode)| {
        Shared(Rc::new(a.images.get(*image).and_then(|img| size_tree(img, focus, *mode))))
    });
    let scene = use_memo(((*tree).clone(), p.analysis.clone(), p.image, f.clone()), |(tree, a, image, params)| {
        let img = a.images.get(*image)?;
        Some(Rc::new(sizes::scene_of(img, tree.0.as_ref().as_ref(), &params.focus, &SizesParams::from(params))))
    });
    let Some(scene) = (*scene).clone() else { return html! {} };
    let DirCallbacks { on_activate, on_up } =
        DirCallbacks::new(&f.focus, f.selected_layer, f.selected_path.clone(), &p.on_focus, &p.on_layer, &p.on_path);
    let mode_button = |m: SizeMode, label: &'static str| {
        let on_mode = p.on_mode.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_mode.emit(m));
        html! {
            <button type="button" data-size-mode={m.key()} aria-pressed={(f.size_mode == m).to_string()} {onclick}>{ label }</button>
        }
    };
    html! {
        <div class="sizes-view" data-view="sizes" data-focus={f.focus.clone()} data-mode={f.size_mode.key()}>
            <div class="sizes-main">
                <div class="size-modes" role="group" aria-label={t.sizes_mode_label}>
                    { mode_button(SizeMode::Merged, t.sizes_merged) }{ mode_button(SizeMode::Stored, t.sizes_stored) }
                </div>
                <figure class="figure">
                    <Figure {scene} {on_activate} {on_hover} {on_up} />
                    <figcaption>{ info_panel(&hovered) }<span class="keys">{ t.sizes_keys }</span></figcaption>
                </figure>
                { table(t, tree.0.as_ref().as_ref()) }
            </div>
            <WastePanel analysis={p.analysis.clone()} image={p.image} on_where={p.on_where.clone()} on_open={p.on_open.clone()} />
        </div>
    }
}

/// The focused directory's children with their bytes and share, for screen readers (the figure's
/// numbers, from the same size tree).
fn table(t: &strata_i18n::Strings, tree: Option<&SizeNode>) -> Html {
    let Some(tree) = tree else { return html! {} };
    let total = tree.bytes;
    let share = |b: u64| if total == 0 { "0%".to_owned() } else { format!("{:.1}%", b as f64 * 100.0 / total as f64) };
    html! {
        <table class="visually-hidden" data-testid="sizes-table">
            <caption>{ t.sizes_table }</caption>
            <thead><tr><th>{ t.col_path }</th><th>{ t.col_bytes }</th><th>{ t.col_share }</th></tr></thead>
            <tbody>
                { for tree.children.iter().take(200).map(|c| html! {
                    <tr data-path={c.path.clone()} data-bytes={c.bytes.to_string()}>
                        <td>{ &c.path }</td><td>{ human_bytes(c.bytes) }</td><td>{ share(c.bytes) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
