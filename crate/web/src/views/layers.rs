//! The `layers` view: each layer with its files in the focused directory, and the image the
//! container sees (figs 6.6–6.7). Choosing a group tile (or the breadcrumb) focuses a directory;
//! selecting a file highlights every copy of it; hovering or focusing a tile says what it is.

use super::info_panel;
use crate::components::figure::{Figure, Hovered};
use crate::components::use_strings;
use crate::state::Shared;
use std::rc::Rc;
use strata_core::Analysis;
use strata_diagram::layers::{self, LayersParams};
use strata_diagram::scene::Activate;
use strata_diagram::DirModel;
use yew::prelude::*;

/// Props of [`LayersView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// The focused directory.
    pub focus: String,
    /// The selected layer.
    pub selected_layer: Option<usize>,
    /// The selected path.
    pub selected_path: Option<String>,
    /// A directory was chosen (`None`: the root).
    pub on_focus: Callback<Option<String>>,
    /// A layer was selected (or unselected).
    pub on_layer: Callback<Option<usize>>,
    /// A path was selected (or unselected).
    pub on_path: Callback<Option<String>>,
}

/// The directory to go up to from `focus` (`None` at the root, and for the root's children).
pub fn parent_focus(focus: &str) -> Option<String> {
    let parent = strata_core::path::parent(focus);
    (parent != "/" && focus != "/").then(|| parent.to_owned())
}

/// Turns an activation into the view's callbacks.
pub fn activated(
    a: Activate,
    selected_layer: Option<usize>,
    selected_path: Option<&str>,
    on_focus: &Callback<Option<String>>,
    on_layer: &Callback<Option<usize>>,
    on_path: &Callback<Option<String>>,
) {
    match a {
        Activate::Directory(d) => on_focus.emit((d != "/").then_some(d)),
        Activate::Layer(k) => on_layer.emit(if selected_layer == Some(k) { None } else { Some(k) }),
        Activate::Path(p) => on_path.emit(if selected_path == Some(p.as_str()) { None } else { Some(p) }),
    }
}

/// The layers view.
#[function_component]
pub fn LayersView(p: &Props) -> Html {
    let t = use_strings();
    let hovered = use_state(|| None::<Hovered>);
    let scene = use_memo(
        (p.analysis.clone(), p.image, p.focus.clone(), p.selected_layer, p.selected_path.clone()),
        |(a, image, focus, selected_layer, selected_path)| {
            a.images.get(*image).map(|img| {
                let model = DirModel::new(img, focus);
                let params = LayersParams { selected_layer: *selected_layer, selected_path: selected_path.clone() };
                Rc::new(layers::scene(img, &model, &params))
            })
        },
    );
    let Some(scene) = (*scene).clone() else { return html! {} };
    let on_activate = {
        let (l, path) = (p.selected_layer, p.selected_path.clone());
        let (f, la, pa) = (p.on_focus.clone(), p.on_layer.clone(), p.on_path.clone());
        Callback::from(move |a| activated(a, l, path.as_deref(), &f, &la, &pa))
    };
    let on_up = {
        let on_focus = p.on_focus.clone();
        let focus = p.focus.clone();
        Callback::from(move |_| {
            if focus != "/" {
                on_focus.emit(parent_focus(&focus));
            }
        })
    };
    let on_hover = {
        let hovered = hovered.clone();
        Callback::from(move |h| hovered.set(h))
    };
    html! {
        <div class="layers-view" data-view="layers" data-focus={p.focus.clone()}>
            <figure class="figure">
                <Figure {scene} {on_activate} {on_hover} {on_up} />
                <figcaption>{ info_panel(&hovered) }<span class="keys">{ t.figure_keys }</span></figcaption>
            </figure>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::parent_focus;

    #[test]
    fn going_up() {
        assert_eq!(parent_focus("/etc/app"), Some("/etc".to_owned()));
        assert_eq!(parent_focus("/etc"), None);
        assert_eq!(parent_focus("/"), None);
    }
}
