//! # strata-diagram
//!
//! The textbook figures of an image, as geometry. For each view a pure function maps an image (and
//! the view's parameters: the focused directory, the selected layer and path) to a [`Scene`]:
//! flat items of rects, polygons, lines and text with stable ids, the layer each belongs to and
//! the `data-*` hooks tests and embedding sites rely on. The scene has no words and no colours of
//! its own (labels are [`Label`] keys or data, colours are [`Ink`]s): [`svg::to_svg`] writes it as a
//! standalone SVG in a theme and a language, and the page renders the same scene.
//!
//! - [`stack`]: the stack of read-only layers (figs 6.3–6.5);
//! - [`layers`]: layers with their files, replaced and deleted copies, whiteouts (figs 6.6–6.7);
//! - [`union`]: the layers over the merged plane, the system's view (fig 6.8);
//! - [`compare`]: two images side by side, their shared layers joined;
//! - [`sizes`]: the size map, a treemap of where the bytes are ([`treemap`] lays it out).
//!
//! ```
//! use strata_diagram::{figure, FigureParams, ViewKind};
//! let a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).unwrap();
//! let scene = figure(&a.images[0], ViewKind::Layers, &FigureParams { focus: "/app".into(), ..Default::default() });
//! let counts = scene.item("figure-counts").unwrap();
//! assert_eq!(counts.data("written"), Some("7"));
//! let svg = strata_diagram::svg::to_svg(&scene, &strata_diagram::svg::SvgOptions {
//!     theme: strata_diagram::Theme::Light, lang: "en", words: &|l| format!("{l:?}"),
//! });
//! assert!(svg.contains("data-tile-path=\"/app/config.ini\""));
//! ```

#![deny(missing_docs)]
// Drawing never panics on what an image holds.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod compare;
mod crumbs;
pub mod geom;
pub mod group;
pub mod layers;
pub mod palette;
pub mod plate;
pub mod scene;
pub mod sizes;
pub mod stack;
pub mod svg;
pub mod text;
pub mod treemap;
pub mod union;

pub use group::DirModel;
pub use palette::Theme;
pub use scene::{Label, Scene, ViewKind};
use strata_core::Image;

/// Everything a figure can be asked to show.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureParams {
    /// The focused directory (layers and union figures).
    pub focus: String,
    /// The selected layer.
    pub selected_layer: Option<usize>,
    /// The selected path.
    pub selected_path: Option<String>,
    /// Digests are still being checked.
    pub verifying: bool,
    /// Only the outer archive has been read.
    pub outline: bool,
    /// The union figure's lift (0 = collapsed, 1 = apart).
    pub lift: f32,
    /// A layer to highlight in the union figure.
    pub highlight: Option<usize>,
    /// The size map's mode.
    pub size_mode: strata_core::sizes::SizeMode,
    /// The canvas width a figure that reflows may use (the size map, and the union figure, which
    /// reflows for a phone under [`union::NARROW`]; `None`: its default).
    pub width: Option<f32>,
    /// The height the figure's card allows, as a share of its width (a projector's wide card;
    /// `None`: no limit). The union figure is laid out for that shape; the layers figure is drawn
    /// on the narrowest canvas (up to [`CARD_ZOOMS`]' largest, never under its phone width) whose
    /// figure still fits it, so that scaled to the card its text is larger.
    pub aspect: Option<f32>,
}

/// How much larger the layers figure may be drawn on a card with room below it
/// ([`FigureParams::aspect`]), the largest tried first (none fitting: its default canvas).
pub const CARD_ZOOMS: [f32; 3] = [1.6, 1.4, 1.2];

impl Default for FigureParams {
    fn default() -> Self {
        FigureParams {
            focus: "/".to_owned(),
            selected_layer: None,
            selected_path: None,
            verifying: false,
            outline: false,
            lift: 1.0,
            highlight: None,
            size_mode: strata_core::sizes::SizeMode::Merged,
            width: None,
            aspect: None,
        }
    }
}

/// The scene of `view` for `image`.
pub fn figure(image: &Image, view: ViewKind, params: &FigureParams) -> Scene {
    match view {
        ViewKind::Stack => stack::scene(
            image,
            &stack::StackParams {
                selected: params.selected_layer,
                verifying: params.verifying,
                outline: params.outline,
                width: params.width,
            },
        ),
        ViewKind::Layers => {
            let model = DirModel::new(image, &params.focus);
            let at = |width: Option<f32>| {
                let p = layers::LayersParams {
                    selected_layer: params.selected_layer,
                    selected_path: params.selected_path.clone(),
                    width,
                };
                layers::scene(image, &model, &p)
            };
            let base = params.width.unwrap_or(layers::WIDTH);
            let fitted = params.aspect.filter(|_| base >= layers::NARROW).and_then(|aspect| {
                CARD_ZOOMS
                    .iter()
                    .map(|zoom| (base / zoom).max(layers::NARROW))
                    .map(|width| at(Some(width)))
                    .find(|scene| scene.height <= aspect * scene.width)
            });
            fitted.unwrap_or_else(|| at(params.width))
        }
        ViewKind::Union => {
            let model = DirModel::new(image, &params.focus);
            let p = union::UnionParams {
                lift: params.lift,
                highlight: params.highlight.or(params.selected_layer),
                selected_path: params.selected_path.clone(),
                width: params.width,
                aspect: params.aspect,
            };
            union::scene(image, &model, &p)
        }
        ViewKind::Sizes => sizes::scene(image, &params.focus, &sizes::SizesParams::from(params)),
        // One image compared with itself: every layer shared (the page draws two images with
        // [`compare::scene`]).
        ViewKind::Compare => {
            let rows: Vec<strata_core::compare::LayerRow> = image
                .layers
                .iter()
                .map(|l| strata_core::compare::LayerRow {
                    diff_id: l.diff_id.as_ref().map(ToString::to_string).unwrap_or_default(),
                    within: strata_core::compare::In::Both,
                    a: Some(l.index),
                    b: Some(l.index),
                })
                .collect();
            compare::scene(image, image, &rows, params.width)
        }
    }
}

/// The image as it stood after build step `step` (`None`, or the last step: the whole image),
/// the way the page's player draws it (`strata_core::steps`).
pub fn image_at_step(image: &Image, step: Option<usize>) -> std::borrow::Cow<'_, Image> {
    use strata_core::steps::{build_steps, image_at};
    let steps = build_steps(image);
    match step.filter(|&k| k < steps.len()) {
        Some(k) => std::borrow::Cow::Owned(image_at(image, &steps, k, &mut strata_core::replay::Replay::new())),
        None => std::borrow::Cow::Borrowed(image),
    }
}

/// A figure as a standalone SVG, as `strata diagram` writes it and the page exports it: `view` of
/// `image` at build step `step` with `params`, in the theme and words of `options`.
pub fn standalone_svg(
    image: &Image,
    view: ViewKind,
    params: &FigureParams,
    step: Option<usize>,
    options: &svg::SvgOptions<'_>,
) -> String {
    svg::to_svg(&figure(&image_at_step(image, step), view, params), options)
}

/// Marks what one build step just did, for the page to animate: the items of layer `layer` (its
/// plate, its copies and whiteouts), the copies it replaced or deleted (`data-by`), and the flag of
/// history step `history`. Each gets `data-fresh="true"`.
pub fn mark_fresh(scene: &mut Scene, layer: Option<usize>, history: Option<usize>) {
    fn walk(items: &mut [scene::Item], layer: Option<usize>, history: Option<usize>) {
        for it in items {
            let by = it.data("by").and_then(|b| b.parse::<usize>().ok());
            let step = it.data("history-step").and_then(|h| h.parse::<usize>().ok());
            let fresh =
                (layer.is_some() && (it.layer == layer || by == layer)) || (history.is_some() && step == history);
            if fresh && it.data("fresh").is_none() {
                it.data.push(("data-fresh", "true".to_owned()));
            }
            walk(&mut it.children, layer, history);
        }
    }
    walk(&mut scene.items, layer, history);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_draws_the_image_as_it_stood_then() {
        let a = strata_core::analyze_bytes(&strata_core::sample::replace()).expect("sample");
        let img = &a.images[0];
        assert_eq!(image_at_step(img, Some(1)).layers.len(), 1);
        assert_eq!(image_at_step(img, Some(3)).layers.len(), 3, "the last step is the whole image");
        assert_eq!(image_at_step(img, None).layers.len(), 3);
        let words = |l: &Label| format!("{l:?}");
        let o = svg::SvgOptions { theme: Theme::Light, lang: "en", words: &words };
        let one = standalone_svg(img, ViewKind::Stack, &FigureParams::default(), Some(1), &o);
        assert!(one.contains("data-layer-index=\"0\"") && !one.contains("data-layer-index=\"1\""));
        assert_eq!(
            standalone_svg(img, ViewKind::Stack, &FigureParams::default(), None, &o),
            svg::to_svg(&figure(img, ViewKind::Stack, &FigureParams::default()), &o)
        );
    }

    #[test]
    fn fresh_marks_what_a_step_did() {
        let a = strata_core::analyze_bytes(&strata_core::sample::replace()).expect("sample");
        let mut s = figure(&a.images[0], ViewKind::Layers, &FigureParams::default());
        mark_fresh(&mut s, Some(2), None);
        let fresh: Vec<String> = s.all().filter(|i| i.data("fresh").is_some()).map(|i| i.id.clone()).collect();
        assert!(fresh.contains(&"plate-2".to_owned()) && fresh.contains(&"tile-2-/file5".to_owned()), "{fresh:?}");
        assert!(fresh.contains(&"tile-1-/file5".to_owned()), "the copy it replaced");
        assert!(!fresh.contains(&"tile-0-/file1".to_owned()));
    }
}
