//! Golden SVGs: every figure of the in-memory images, as `strata diagram` writes them (English,
//! light; the sample also in Chinese, dark). A change to any byte must be deliberate: rewrite them
//! with `STRATA_UPDATE_GOLDEN=1 cargo test -p strata-diagram --test golden`, then look at the diff
//! and at the pictures (`tests/golden/*.svg` open in any browser).

mod common;

use common::{en, samples, zh};
use std::path::PathBuf;
use strata_diagram::svg::{to_svg, SvgOptions};
use strata_diagram::{figure, FigureParams, Theme, ViewKind};

#[test]
fn figures_equal_their_golden_svgs() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("STRATA_UPDATE_GOLDEN").is_some();
    let mut cases = Vec::new();
    for (name, a) in samples() {
        let img = &a.images[0];
        let focus = match name {
            "sample" => "/app",
            "hostile" => "/x",
            _ => "/",
        };
        for view in ViewKind::ALL {
            let params = FigureParams { focus: focus.to_owned(), ..Default::default() };
            let scene = figure(img, view, &params);
            let svg = to_svg(&scene, &SvgOptions { theme: Theme::Light, lang: "en", words: &en });
            cases.push((format!("{name}-{}.svg", view.key()), svg));
            if name == "sample" {
                let svg = to_svg(&scene, &SvgOptions { theme: Theme::Dark, lang: "zh-CN", words: &zh });
                cases.push((format!("{name}-{}-zh-dark.svg", view.key()), svg));
            }
        }
    }
    let mut differ = Vec::new();
    for (file, svg) in &cases {
        let path = dir.join(file);
        if update {
            std::fs::write(&path, svg).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == *svg => {}
            Ok(_) => differ.push(format!("{file} differs")),
            Err(e) => differ.push(format!("{file}: {e} (write it with STRATA_UPDATE_GOLDEN=1)")),
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(cases.len() >= 18);
}
