//! `strata diagram`: a figure as a standalone SVG (or a PNG rendered from it), for READMEs and
//! slides where no script runs.

use crate::load;
use strata_diagram::svg::SvgOptions;
use strata_diagram::{standalone_svg, DirModel, FigureParams, Theme, ViewKind};
use strata_i18n::Lang;

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramArgs {
    /// The archive.
    pub archive: String,
    /// Which figure.
    pub view: ViewKind,
    /// `--image N|TAG`.
    pub image: Option<String>,
    /// `--path DIR`: the focused directory (layers, union).
    pub path: Option<String>,
    /// `--layer N`: the selected layer.
    pub layer: Option<usize>,
    /// `--select PATH`: a selected path (every copy highlighted).
    pub select: Option<String>,
    /// `--mode merged|stored`: the size map's bytes (sizes).
    pub mode: strata_core::sizes::SizeMode,
    /// `--width N`: the canvas width of a figure that reflows (sizes).
    pub width: Option<f32>,
    /// `--step K`: the image as it stood after build step K (0 = the empty image).
    pub step: Option<usize>,
    /// `--png`: a PNG (rendered from the SVG) instead of the SVG.
    pub png: bool,
    /// `--scale N`: the PNG's pixels per SVG unit (2 by default).
    pub scale: f32,
    /// `--lang`.
    pub lang: Lang,
    /// `--theme`.
    pub theme: Theme,
    /// `-o FILE` (stdout without).
    pub output: Option<String>,
}

/// Runs the command; returns the exit code.
pub fn run(args: &DiagramArgs) -> Result<u8, String> {
    let analysis = load::load(&args.archive)?;
    let (_, img) = load::pick(&analysis, args.image.as_deref())?;
    if let Some(k) = args.layer.filter(|&k| k >= img.layers.len()) {
        return Err(format!("--layer {k}: the image has {} layers, numbered from 0 (base)", img.layers.len()));
    }
    let focus = match &args.path {
        Some(p) => {
            let normal = strata_core::path::normalize_str(p).map_err(|_| format!("--path {p:?}: escapes the root"))?;
            let exists = if args.view == ViewKind::Sizes {
                strata_core::sizes::size_tree(img, &normal, args.mode).is_some()
            } else {
                DirModel::new(img, &normal).exists
            };
            if !exists {
                return Err(format!("--path {p}: no layer of the image has a directory there"));
            }
            normal
        }
        None => "/".to_owned(),
    };
    let steps = strata_core::steps::build_steps(img).len();
    if let Some(k) = args.step.filter(|&k| k > steps) {
        return Err(format!("--step {k}: the image has {steps} build steps (0 = the empty image)"));
    }
    let params = FigureParams {
        focus,
        selected_layer: args.layer,
        selected_path: args.select.clone(),
        size_mode: args.mode,
        width: args.width,
        ..FigureParams::default()
    };
    let strings = args.lang.strings();
    let words = |l: &strata_diagram::Label| (strings.figure)(l);
    let options = SvgOptions { theme: args.theme, lang: args.lang.tag(), words: &words };
    let svg = standalone_svg(img, args.view, &params, args.step, &options);
    let bytes = if args.png { crate::png::render(&svg, args.scale)? } else { svg.into_bytes() };
    match &args.output {
        Some(file) => std::fs::write(file, bytes).map_err(|e| format!("cannot write {file}: {e}"))?,
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes).map_err(|e| e.to_string())?,
    }
    Ok(0)
}
