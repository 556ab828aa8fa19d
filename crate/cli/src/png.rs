//! `strata diagram --png`: the SVG rendered to a PNG by resvg (pure Rust), with the system's fonts
//! standing in for the SVG's font stacks (`ui-monospace, …, monospace` and the sans stack).

/// `svg` rendered at `scale` pixels per SVG unit, as PNG bytes.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let have = |family: &str| fonts.faces().any(|f| f.families.iter().any(|(n, _)| n == family));
    let mono = ["DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono"].into_iter().find(|f| have(f));
    let sans = ["DejaVu Sans", "Noto Sans", "Liberation Sans"].into_iter().find(|f| have(f));
    if let Some(f) = mono {
        fonts.set_monospace_family(f);
    }
    if let Some(f) = sans {
        fonts.set_sans_serif_family(f);
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| format!("the SVG cannot be rendered: {e}"))?;
    let size = tree.size();
    let (w, h) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("a {w}×{h} PNG is too large to render"))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("cannot encode the PNG: {e}"))
}
