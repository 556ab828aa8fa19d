//! The screen as the URL hash says it: `#view=files&image=0&layer=3&mode=upto&path=/etc`.
//!
//! Stable keys (used by tests and embedding sites; extend, never rename): `view` (`stack`,
//! `layers`, `union`, `files`), `image` (index), `layer` (index, 0 = base), `mode` (`in` = the
//! changes in that layer, `upto` = the tree as it stood after it; files view), `path` (an absolute
//! path: the focused directory of the layers and union figures), `select` (a selected path: every
//! copy of it is highlighted; in the files view, the file panel opens on it: the visible copy, or
//! with `layer=N` layer N's copy), `against` (files view: the file panel shows a line diff from
//! layer M's copy to the one shown); in the size map (`view=sizes`), `path` is the directory
//! mapped, `mode=stored` maps every copy the layers store (`merged`, the default, what the
//! container sees) and `layer` picks out a layer's files. Unknown keys and values are ignored, so
//! an old link still opens. `view=compare`: `compare` is the image compared with the one shown
//! (A, "before"; `image` is B, "after").

use strata_core::sizes::SizeMode;
use strata_diagram::{FigureParams, ViewKind};

/// Which view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The layer stack (figs 6.3–6.5).
    #[default]
    Stack,
    /// Layers with their files (figs 6.6–6.7).
    Layers,
    /// The union view (fig 6.8).
    Union,
    /// The filesystem tree.
    Files,
    /// The size map and the waste panel.
    Sizes,
    /// Two images compared.
    Compare,
    /// A live container over the image (its writable layer).
    Container,
}

impl View {
    /// The name in the hash.
    pub fn key(self) -> &'static str {
        match self {
            View::Stack => "stack",
            View::Layers => "layers",
            View::Union => "union",
            View::Files => "files",
            View::Sizes => "sizes",
            View::Compare => "compare",
            View::Container => "container",
        }
    }

    /// Every view, in the order of the tabs.
    pub const ALL: [View; 7] =
        [View::Stack, View::Layers, View::Union, View::Files, View::Sizes, View::Compare, View::Container];

    /// The figure the view draws, if it is one (the files and container views are tables): the one
    /// list of which views are figures, for the page, its export and the share bar.
    pub fn figure(self) -> Option<ViewKind> {
        match self {
            View::Stack => Some(ViewKind::Stack),
            View::Layers => Some(ViewKind::Layers),
            View::Union => Some(ViewKind::Union),
            View::Sizes => Some(ViewKind::Sizes),
            View::Compare => Some(ViewKind::Compare),
            View::Files | View::Container => None,
        }
    }

    /// Whether the view draws the build step by step (it has the player).
    pub fn steps(self) -> bool {
        matches!(self, View::Stack | View::Layers | View::Union)
    }

    fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// What the files view lists when a layer is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FilesMode {
    /// That layer's own changes ("changes in layer K"), deletions included.
    #[default]
    In,
    /// The merged tree as it stood after that layer ("everything up to layer K").
    UpTo,
}

impl FilesMode {
    /// The name in the hash.
    pub fn key(self) -> &'static str {
        match self {
            FilesMode::In => "in",
            FilesMode::UpTo => "upto",
        }
    }
}

/// What the URL hash says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// The view shown.
    pub view: View,
    /// The image shown (index into the archive's images).
    pub image: usize,
    /// The selected layer, if any.
    pub layer: Option<usize>,
    /// With a layer, what the files view lists.
    pub mode: FilesMode,
    /// A focused path, if any: the directory the layers and union figures show.
    pub path: Option<String>,
    /// A selected path, if any: every copy of it is highlighted.
    pub select: Option<String>,
    /// The build step shown (0 = the empty image); `None` for the whole image.
    pub step: Option<usize>,
    /// Files view: the layer whose copy the shown copy is compared with.
    pub against: Option<usize>,
    /// Size map: which bytes it maps.
    pub sizes: SizeMode,
    /// Compare view: the image compared with the one shown (A, "before"; the shown one is B).
    pub compare: Option<usize>,
}

impl Route {
    /// The directory the figures focus on (the root when none is set).
    pub fn focus(&self) -> String {
        self.path.clone().unwrap_or_else(|| "/".to_owned())
    }

    /// The parameters of the figure this screen shows, `width` wide (`None`: the default width):
    /// the one path from a screen to its figure, taken by the page's views and by the export alike
    /// (`strata diagram` takes the same [`FigureParams`] from its options). What the page alone
    /// knows (digests being checked, the union's lift, a hovered layer) it sets on top.
    pub fn figure_params(&self, width: Option<f32>) -> FigureParams {
        FigureParams {
            focus: self.focus(),
            selected_layer: self.layer,
            selected_path: self.select.clone(),
            size_mode: self.sizes,
            width,
            ..FigureParams::default()
        }
    }
}

/// Percent-decoding without a browser (so it can be unit-tested natively).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = (b == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (_, Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Route {
    /// Parses `#view=files&image=1&layer=2&mode=upto&path=/etc` (unknown keys ignored).
    pub fn from_hash(hash: &str) -> Route {
        let mut r = Route::default();
        for pair in hash.trim_start_matches('#').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "view" => r.view = View::from_key(v).unwrap_or_default(),
                "image" => r.image = v.parse().unwrap_or(0),
                "layer" => r.layer = v.parse().ok(),
                "mode" => {
                    r.mode = if v == FilesMode::UpTo.key() { FilesMode::UpTo } else { FilesMode::In };
                    r.sizes = SizeMode::parse(v).unwrap_or_default();
                }
                "path" if !v.is_empty() => r.path = Some(decode(v)),
                "select" if !v.is_empty() => r.select = Some(decode(v)),
                "step" => r.step = v.parse().ok(),
                "against" => r.against = v.parse().ok(),
                "compare" => r.compare = v.parse().ok(),
                _ => {}
            }
        }
        r
    }

    /// The hash for this route (`mode` only where it means something: the files view with a layer).
    pub fn to_hash(&self) -> String {
        let mut s = format!("#view={}&image={}", self.view.key(), self.image);
        if let Some(l) = self.layer {
            s += &format!("&layer={l}");
            if self.view == View::Files {
                s += &format!("&mode={}", self.mode.key());
            }
        }
        if self.view == View::Sizes && self.sizes != SizeMode::Merged {
            s += &format!("&mode={}", self.sizes.key());
        }
        if let Some(p) = &self.path {
            s += &format!("&path={}", encode(p));
        }
        if let Some(p) = &self.select {
            s += &format!("&select={}", encode(p));
        }
        if let Some(k) = self.step {
            s += &format!("&step={k}");
        }
        if let (Some(m), View::Files) = (self.against, self.view) {
            s += &format!("&against={m}");
        }
        if let (Some(a), View::Compare) = (self.compare, self.view) {
            s += &format!("&compare={a}");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trips_and_old_links_still_open() {
        let r = Route {
            view: View::Files,
            image: 1,
            layer: Some(3),
            mode: FilesMode::UpTo,
            path: Some("/etc/app config.ini".into()),
            select: None,
            step: None,
            against: None,
            sizes: SizeMode::Merged,
            compare: None,
        };
        let h = r.to_hash();
        assert_eq!(h, "#view=files&image=1&layer=3&mode=upto&path=/etc/app%20config.ini");
        assert_eq!(Route::from_hash(&h), r);
        assert_eq!(Route::from_hash("#view=stack&image=0&layer=3").layer, Some(3));
        assert_eq!(Route::from_hash("#view=files&image=0&layer=2").mode, FilesMode::In);
        assert_eq!(Route::from_hash(""), Route::default());
        assert_eq!(Route::from_hash("#image=x&view=bogus&mode=sideways"), Route::default());
        assert_eq!(
            Route { view: View::Stack, layer: Some(1), ..r.clone() }.to_hash(),
            "#view=stack&image=1&layer=1&path=/etc/app%20config.ini"
        );
        let file = Route::from_hash("#view=files&image=0&layer=2&select=/etc/app%20x.ini&against=1");
        assert_eq!((file.select.as_deref(), file.layer, file.against), (Some("/etc/app x.ini"), Some(2), Some(1)));
        assert_eq!(Route::from_hash(&file.to_hash()), file);
        assert_eq!(Route::from_hash("#view=files&against=x").against, None);
        let sizes = Route::from_hash("#view=sizes&image=0&path=/usr&mode=stored&layer=2");
        assert_eq!((sizes.view, sizes.sizes, sizes.layer), (View::Sizes, SizeMode::Stored, Some(2)));
        assert_eq!(sizes.to_hash(), "#view=sizes&image=0&layer=2&mode=stored&path=/usr");
        assert_eq!(Route::from_hash("#view=sizes&mode=merged").to_hash(), "#view=sizes&image=0");
        let c = Route::from_hash("#view=compare&image=1&compare=0");
        assert_eq!((c.view, c.image, c.compare), (View::Compare, 1, Some(0)));
        assert_eq!(c.to_hash(), "#view=compare&image=1&compare=0");
        assert_eq!(
            Route::from_hash("#path=/caf%C3%A9%2").path.as_deref(),
            Some("/café%2"),
            "a cut escape stays as it is"
        );
    }
}
