//! The views: each a `data-view` root that lays out its figure with `strata-diagram` (memoised on
//! what it depends on) and renders it through [`crate::components::figure::Figure`].

pub mod layers;
pub mod stack;
pub mod union;

use crate::components::figure::Hovered;
use strata_diagram::scene::Activate;
use yew::prelude::*;

/// What is hovered or focused in a figure, and the callback that sets it.
#[hook]
pub fn use_hovered() -> (UseStateHandle<Option<Hovered>>, Callback<Option<Hovered>>) {
    let hovered = use_state(|| None::<Hovered>);
    let set = {
        let hovered = hovered.clone();
        Callback::from(move |h| hovered.set(h))
    };
    (hovered, set)
}

/// The callbacks of a figure that shows a directory (layers, union): activating a group or a crumb
/// focuses it, a plate selects its layer, a tile selects its path (again: unselects); going up
/// focuses the parent directory.
pub struct DirCallbacks {
    /// For [`Figure`](crate::components::figure::Figure)'s `on_activate`.
    pub on_activate: Callback<Activate>,
    /// For its `on_up`.
    pub on_up: Callback<()>,
}

impl DirCallbacks {
    /// The callbacks for a figure of `focus` with these selections, reporting to these callbacks.
    pub fn new(
        focus: &str,
        selected_layer: Option<usize>,
        selected_path: Option<String>,
        on_focus: &Callback<Option<String>>,
        on_layer: &Callback<Option<usize>>,
        on_path: &Callback<Option<String>>,
    ) -> DirCallbacks {
        let on_activate = {
            let (on_focus, on_layer, on_path) = (on_focus.clone(), on_layer.clone(), on_path.clone());
            Callback::from(move |a| match a {
                Activate::Directory(d) => on_focus.emit((d != "/").then_some(d)),
                Activate::Layer(k) => on_layer.emit(if selected_layer == Some(k) { None } else { Some(k) }),
                Activate::Path(p) => {
                    on_path.emit(if selected_path.as_deref() == Some(p.as_str()) { None } else { Some(p) })
                }
            })
        };
        let on_up = {
            let on_focus = on_focus.clone();
            let focus = focus.to_owned();
            Callback::from(move |_| {
                if focus != "/" {
                    on_focus.emit(parent_focus(&focus));
                }
            })
        };
        DirCallbacks { on_activate, on_up }
    }
}

/// The directory to go up to from `focus` (`None` at the root, and for the root's children).
pub fn parent_focus(focus: &str) -> Option<String> {
    let parent = strata_core::path::parent(focus);
    (parent != "/" && focus != "/").then(|| parent.to_owned())
}

/// What the pointer or the keyboard is on, said in words beside the figure (path, size, mode,
/// owner, layer and instruction for a tile).
pub fn info_panel(hovered: &Option<Hovered>) -> Html {
    let words = hovered.as_ref().and_then(|h| h.words.clone()).unwrap_or_default();
    html! { <p class="figure-info" aria-live="polite" data-testid="figure-info">{ words }</p> }
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
