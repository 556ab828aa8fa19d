//! `strata diagram`: a figure as a standalone SVG, for READMEs and slides where no script runs.

use crate::load;
use strata_diagram::svg::{to_svg, SvgOptions};
use strata_diagram::{figure, DirModel, FigureParams, Theme, ViewKind};
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
            if !DirModel::new(img, &normal).exists {
                return Err(format!("--path {p}: no layer of the image has a directory there"));
            }
            normal
        }
        None => "/".to_owned(),
    };
    let params = FigureParams { focus, selected_layer: args.layer, ..FigureParams::default() };
    let scene = figure(img, args.view, &params);
    let strings = args.lang.strings();
    let words = |l: &strata_diagram::Label| (strings.figure)(l);
    let svg = to_svg(&scene, &SvgOptions { theme: args.theme, lang: args.lang.tag(), words: &words });
    match &args.output {
        Some(file) => std::fs::write(file, svg).map_err(|e| format!("cannot write {file}: {e}"))?,
        None => print!("{svg}"),
    }
    Ok(0)
}
