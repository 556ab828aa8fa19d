//! The views: each a `data-view` root that lays out its figure with `strata-diagram` (memoised on
//! what it depends on) and renders it through [`crate::components::figure::Figure`].

pub mod compare;
pub mod container;
pub mod layers;
pub mod sizes;
pub mod stack;
pub mod union;

use crate::components::figure::Hovered;
use crate::state::Shared;
use std::rc::Rc;
use strata_core::replay::Replay;
use strata_core::steps::{build_steps, image_at, step_facts, StepFacts};
use strata_core::{Analysis, Image};
use strata_diagram::scene::Activate;
use yew::prelude::*;

/// The image a figure draws at the player's step, and what that step did.
#[derive(Debug)]
pub struct AtStep {
    /// The image after the first `step` steps; `None` for the whole image.
    pub partial: Option<Image>,
    /// The step shown (0 = the empty image).
    pub step: usize,
    /// How many steps there are.
    pub steps: usize,
    /// What the step did.
    pub facts: StepFacts,
    /// Whether the player chose the step (else the whole image is shown, nothing marked).
    pub stepping: bool,
    /// The layer the step made, if any.
    pub fresh_layer: Option<usize>,
    /// The history entry it is, if any.
    pub fresh_history: Option<usize>,
}

impl AtStep {
    /// The image to draw: the partial one, or `whole`.
    pub fn image<'a>(&'a self, whole: &'a Image) -> &'a Image {
        self.partial.as_ref().unwrap_or(whole)
    }

    /// Marks what the step just did in `scene` (when stepping; the whole image marks nothing).
    pub fn mark(&self, scene: &mut strata_diagram::Scene) {
        if self.stepping {
            strata_diagram::mark_fresh(scene, self.fresh_layer, self.fresh_history);
        }
    }
}

/// The image of `analysis`' image `image` at build step `step` (`None`: the whole image); the tree
/// is replayed incrementally as the step moves.
#[hook]
pub fn use_at_step(analysis: Shared<Analysis>, image: usize, step: Option<usize>) -> Option<Shared<AtStep>> {
    let replay = use_mut_ref(|| (0usize, 0usize, Replay::new()));
    let at = use_memo((analysis, image, step), move |(a, image, step)| {
        let img = a.images.get(*image)?;
        let steps = build_steps(img);
        let n = steps.len();
        let k = step.unwrap_or(n).min(n);
        let partial = (k < n).then(|| {
            let mut held = replay.borrow_mut();
            let owner = (Rc::as_ptr(&a.0) as usize, *image);
            if (held.0, held.1) != owner {
                *held = (owner.0, owner.1, Replay::new());
            }
            image_at(img, &steps, k, &mut held.2)
        });
        let this = k.checked_sub(1).and_then(|i| steps.get(i));
        Some(Shared(Rc::new(AtStep {
            partial,
            step: k,
            steps: n,
            facts: step_facts(img, &steps, k),
            stepping: step.is_some(),
            fresh_layer: this.and_then(|s| s.layer),
            fresh_history: this.and_then(|s| s.history),
        })))
    });
    (*at).clone()
}

/// What a figure view gets from the page besides the analysis: the screen and where its choices go.
pub struct FigureProps<'a> {
    /// The screen.
    pub route: &'a crate::state::Route,
    /// Digests are still being checked.
    pub verifying: bool,
    /// Presenter mode.
    pub presenting: bool,
    /// Whether the player is shown.
    pub player: bool,
    /// A layer was selected.
    pub on_layer: Callback<Option<usize>>,
    /// A directory was focused.
    pub on_focus: Callback<Option<String>>,
    /// A path was selected.
    pub on_path: Callback<Option<String>>,
    /// The player moved.
    pub on_step: Callback<Option<usize>>,
    /// The canvas width of the figure ([`use_figure_width`]).
    pub width: Option<f32>,
}

/// The figure view of `view` (`None` for the views the app wires itself: files, sizes, container).
pub fn figure_view(view: crate::state::View, a: &Shared<Analysis>, f: &FigureProps<'_>) -> Option<Html> {
    use crate::state::View;
    let r = f.route;
    let (on_layer, on_focus, on_path, on_step) =
        (f.on_layer.clone(), f.on_focus.clone(), f.on_path.clone(), f.on_step.clone());
    let (presenting, player) = (f.presenting, f.player);
    // The screen's figure, as the export draws it; the page adds whether digests are being checked
    // and, presenting, the projector card's shape (the layers and union figures are drawn for it).
    let aspect = if presenting { presenter_aspect() } else { None };
    let params = strata_diagram::FigureParams { verifying: f.verifying, aspect, ..r.figure_params(f.width) };
    Some(match view {
        View::Stack => {
            html! { <stack::StackView analysis={a.clone()} image={r.image} {params}
            on_select={on_layer} step={r.step} {on_step} {presenting} {player} /> }
        }
        View::Layers => {
            html! { <layers::LayersView analysis={a.clone()} image={r.image} {params}
            {on_focus} {on_layer} {on_path} step={r.step} {on_step} {presenting} {player} /> }
        }
        View::Union => {
            html! { <union::UnionView analysis={a.clone()} image={r.image} {params}
            {on_focus} {on_layer} {on_path} step={r.step} {on_step} {presenting} {player} /> }
        }
        View::Files | View::Sizes | View::Compare | View::Container => return None,
    })
}

/// The player and the caption of a figure view.
pub fn step_bar(at: &AtStep, on_step: &Callback<Option<usize>>) -> Html {
    use crate::components::player::{Caption, Player};
    let on_step = on_step.reform(Some);
    html! {
        <div class="step-bar">
            <Player step={at.step} steps={at.steps} {on_step} />
            <Caption facts={at.facts.clone()} />
        </div>
    }
}

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

/// The canvas width of every figure on a screen under 700 px (a phone): the page's width less the
/// figure card's padding, so the figure is drawn at its size and reflows (the diagram crate's
/// `NARROW`) instead of shrinking until its text cannot be read; the export draws the same figure
/// (`strata diagram --width N` does). Elsewhere `None`: the default width.
pub(crate) fn figure_width() -> Option<f32> {
    let w = crate::browser::document::viewport_width()? as f32;
    (w < 700.0).then(|| (w - 48.0).max(320.0))
}

/// The shape of the presenter's figure card (its height over its width): the window less the
/// player and caption above the figure and the page's padding, as the style sheet sets them
/// (`--presenter-chrome`, `--presenter-pad-x`: `.app.presenting .figure-svg`'s `max-height`). `None`
/// outside a browser, without the style sheet, or on a window taller than wide (a tall figure fits).
pub(crate) fn presenter_aspect() -> Option<f32> {
    use crate::browser::document::{root_css_px, viewport_height, viewport_width};
    let (w, h) = (viewport_width()?, viewport_height()?);
    let (chrome, pad_x) = (root_css_px("--presenter-chrome")?, root_css_px("--presenter-pad-x")?);
    card_aspect(w, h, chrome, pad_x)
}

/// The presenter card's shape in a `w` × `h` window, `chrome` px of it above and below the figure
/// and `pad_x` px of padding each side.
fn card_aspect(w: f64, h: f64, chrome: f64, pad_x: f64) -> Option<f32> {
    let aspect = ((h - chrome) / (w - 2.0 * pad_x)) as f32;
    (aspect > 0.2 && aspect < 1.0).then_some(aspect)
}

/// [`figure_width`], drawn again when the window is resized (a phone turned, a window dragged).
/// A window with no width (a frame in a hidden tab) keeps the width it had: hiding a figure
/// does not redraw it, and showing it again finds it as it was.
#[hook]
pub fn use_figure_width() -> Option<f32> {
    let width = use_state_eq(figure_width);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            // Measured again once drawn: a frame's first render may come before its layout.
            if crate::browser::document::viewport_width().is_some() {
                width.set(figure_width());
            }
            let listener = crate::browser::document::on_resize(move || {
                if crate::browser::document::viewport_width().is_some() {
                    width.set(figure_width());
                }
            });
            move || drop(listener)
        });
    }
    *width
}

#[cfg(test)]
mod tests {
    use super::{card_aspect, parent_focus};

    #[test]
    fn the_presenter_card_is_the_window_less_its_chrome_and_padding() {
        // 1280 × 800 with 210 px above and below the figure and 28 px each side.
        let a = card_aspect(1280.0, 800.0, 210.0, 28.0).unwrap_or_default();
        assert!((a - 590.0 / 1224.0).abs() < 1e-6, "{a}");
        assert_eq!(card_aspect(390.0, 844.0, 210.0, 28.0), None, "a window taller than wide");
        assert_eq!(card_aspect(1280.0, 300.0, 210.0, 28.0), None, "no room for a figure");
    }

    #[test]
    fn going_up() {
        assert_eq!(parent_focus("/etc/app"), Some("/etc".to_owned()));
        assert_eq!(parent_focus("/etc"), None);
        assert_eq!(parent_focus("/"), None);
    }
}
