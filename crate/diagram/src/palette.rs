//! Colours: a colour-blind-safe layer palette (Okabe & Ito, "Color Universal Design", 2002) in a
//! light and a dark theme. A layer's colour is never the only thing that tells layers apart: every
//! plate, tile and region also carries its layer number.

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark ink on a light page.
    #[default]
    Light,
    /// Light ink on a dark page.
    Dark,
}

impl Theme {
    /// `light` or `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// A theme from its name.
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// The Okabe–Ito colours, grey in place of black (which vanishes on a dark page).
const OKABE_ITO: [[u8; 3]; 8] = [
    [0x00, 0x72, 0xB2], // blue
    [0xE6, 0x9F, 0x00], // orange
    [0x00, 0x9E, 0x73], // bluish green
    [0xCC, 0x79, 0xA7], // reddish purple
    [0x56, 0xB4, 0xE9], // sky blue
    [0xD5, 0x5E, 0x00], // vermillion
    [0xF0, 0xE4, 0x42], // yellow
    [0x99, 0x99, 0x99], // grey
];

/// The colours of one layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerColours {
    /// The layer's own colour: bands, borders, chips.
    pub strong: String,
    /// Ink that reads on `strong` (black or white, by contrast).
    pub on_strong: String,
    /// A calm tint for large faces (a plate's front, a tile).
    pub fill: String,
    /// The tint of a top face (lighter).
    pub top: String,
    /// The tint of a side face (darker).
    pub side: String,
}

/// Every colour a figure uses, in one theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// The theme.
    pub theme: Theme,
    /// The canvas.
    pub background: String,
    /// A card or panel on the canvas.
    pub surface: String,
    /// Main text.
    pub ink: String,
    /// Secondary text.
    pub muted: String,
    /// Hairlines and outlines.
    pub line: String,
    /// Focus and selection.
    pub accent: String,
    /// Deleted copies and whiteouts.
    pub deleted: String,
    /// A whiteout marker's fill.
    pub whiteout: String,
    /// Ink on a whiteout marker.
    pub on_whiteout: String,
    /// A tile added (compare: only in the image shown).
    pub added: String,
    /// A tile changed (compare).
    pub changed: String,
}

/// The strong colour of layer `i` (its badge, its plate's edge), the same in both themes: what the
/// page's chips, bars and rows use beside the figures, so a layer has one colour everywhere.
pub fn layer_strong(i: usize) -> String {
    hex(OKABE_ITO[i % OKABE_ITO.len()])
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// `a` mixed with `b`, `t` of the way towards `b`.
fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round().clamp(0.0, 255.0) as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// WCAG relative luminance.
fn luminance(c: [u8; 3]) -> f32 {
    let lin = |v: u8| {
        let s = f32::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const INK: [u8; 3] = [0x1d, 0x1f, 0x23];
const DARK_BG: [u8; 3] = [0x15, 0x17, 0x1b];

impl Palette {
    /// The palette of `theme`.
    pub fn new(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                theme,
                background: "#ffffff".into(),
                surface: "#f6f7f9".into(),
                ink: hex(INK),
                muted: "#5b616b".into(),
                line: "#c9ccd3".into(),
                accent: "#0b62c4".into(),
                deleted: "#c4262e".into(),
                whiteout: "#2b2f36".into(),
                on_whiteout: "#ffffff".into(),
                added: "#bfe5c8".into(),
                changed: "#f3d9a0".into(),
            },
            Theme::Dark => Palette {
                theme,
                background: hex(DARK_BG),
                surface: "#1e2127".into(),
                ink: "#e6e8eb".into(),
                muted: "#a0a6b0".into(),
                line: "#3d434d".into(),
                accent: "#6cb0ff".into(),
                deleted: "#ff7b72".into(),
                whiteout: "#e6e8eb".into(),
                on_whiteout: hex(DARK_BG),
                added: "#1f5130".into(),
                changed: "#5e4a16".into(),
            },
        }
    }

    /// The colours of layer `i` (the palette cycles; the number tells cycled layers apart).
    pub fn layer(&self, i: usize) -> LayerColours {
        let base = OKABE_ITO[i % OKABE_ITO.len()];
        let on = if contrast(base, WHITE) >= contrast(base, INK) { hex(WHITE) } else { hex(INK) };
        match self.theme {
            Theme::Light => LayerColours {
                strong: layer_strong(i),
                on_strong: on,
                fill: hex(mix(base, WHITE, 0.80)),
                top: hex(mix(base, WHITE, 0.88)),
                side: hex(mix(base, WHITE, 0.62)),
            },
            Theme::Dark => LayerColours {
                strong: layer_strong(i),
                on_strong: on,
                fill: hex(mix(base, DARK_BG, 0.72)),
                top: hex(mix(base, DARK_BG, 0.60)),
                side: hex(mix(base, DARK_BG, 0.82)),
            },
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_layer_has_one_strong_colour_in_both_themes_and_the_page() {
        for k in 0..20 {
            for theme in [Theme::Light, Theme::Dark] {
                assert_eq!(Palette::new(theme).layer(k).strong, layer_strong(k), "layer {k}");
            }
        }
        assert_eq!(layer_strong(0), "#0072b2");
        assert_eq!(layer_strong(8), layer_strong(0), "the palette cycles");
    }

    use super::*;

    fn rgb(h: &str) -> [u8; 3] {
        let v = u32::from_str_radix(h.trim_start_matches('#'), 16).unwrap_or(0);
        [(v >> 16) as u8, (v >> 8) as u8, v as u8]
    }

    #[test]
    fn text_reads_on_every_colour_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::new(theme);
            assert!(contrast(rgb(&p.ink), rgb(&p.background)) >= 7.0, "{theme:?} body text");
            assert!(contrast(rgb(&p.muted), rgb(&p.background)) >= 4.5, "{theme:?} muted text");
            assert!(contrast(rgb(&p.on_whiteout), rgb(&p.whiteout)) >= 7.0);
            for i in 0..8 {
                let l = p.layer(i);
                assert!(contrast(rgb(&l.on_strong), rgb(&l.strong)) >= 3.0, "{theme:?} layer {i} chip");
                assert!(contrast(rgb(&p.ink), rgb(&l.fill)) >= 4.5, "{theme:?} text on layer {i}'s face");
            }
        }
        assert_eq!(Palette::new(Theme::Light).layer(8), Palette::new(Theme::Light).layer(0), "cycles");
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
    }
}
