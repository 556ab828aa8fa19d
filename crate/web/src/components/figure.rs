//! Any [`Scene`] as an inline `<svg>`: the same elements the SVG writer writes
//! ([`strata_diagram::svg::elements`]), plus what the page needs to use it: activatable items are
//! focusable buttons (Tab), arrows move between them in reading order, Enter or a click activates,
//! Backspace or Escape goes up a directory; hovering or focusing an item reports it. One delegated
//! handler on the `<svg>` serves every item.

use super::use_strings;
use std::rc::Rc;
use strata_diagram::palette::{Palette, Theme};
use strata_diagram::scene::{Activate, Item, Label, Scene};
use strata_diagram::svg::{elements, xml_id, SANS};
use yew::prelude::*;
use yew::virtual_dom::{VNode, VTag, VText};

/// What the pointer or the keyboard is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Hovered {
    /// The item's id.
    pub id: String,
    /// Its layer.
    pub layer: Option<usize>,
    /// Its tooltip, worded.
    pub words: Option<String>,
}

/// Props of [`Figure`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The scene.
    pub scene: Rc<Scene>,
    /// An item was activated (click, Enter, Space).
    pub on_activate: Callback<Activate>,
    /// The pointer or the focus moved onto an item (or off every item).
    #[prop_or_default]
    pub on_hover: Callback<Option<Hovered>>,
    /// Backspace or Escape: go up.
    #[prop_or_default]
    pub on_up: Callback<()>,
    /// Whether the arrow keys move between items (off in presenter mode: they step the build).
    #[prop_or(true)]
    pub nav: bool,
}

/// The items of a scene by their element index (`data-sid`).
struct Index {
    items: Vec<Item>,
}

impl Index {
    fn new(scene: &Scene) -> Index {
        Index { items: scene.all().cloned().collect() }
    }
}

fn item_node(it: &Item, sid: &mut usize, palette: &Palette, words: &dyn Fn(&Label) -> String) -> VNode {
    let mut g = VTag::new("g");
    g.add_attribute("id", xml_id(&it.id));
    g.add_attribute("data-sid", sid.to_string());
    *sid += 1;
    if !it.hooks_on_rect {
        for (k, v) in &it.data {
            g.add_attribute(k, v.clone());
        }
    }
    let tooltip = it.tooltip.as_ref().map(|t| strata_diagram::text::visible(&words(t)));
    if it.activate.is_some() {
        g.add_attribute("tabindex", "0");
        g.add_attribute("role", "button");
        g.add_attribute("class", "figure-item");
        if let Some(t) = &tooltip {
            g.add_attribute("aria-label", t.clone());
        }
        if matches!(it.activate, Some(Activate::Layer(_))) {
            g.add_attribute("aria-pressed", it.selected.to_string());
        }
    }
    if it.selected {
        g.add_attribute("data-selected", "true");
    }
    if let Some(t) = tooltip {
        let mut title = VTag::new("title");
        title.add_child(VText::new(t).into());
        g.add_child(title.into());
    }
    let mut hooks = it.hooks_on_rect;
    for s in &it.shapes {
        for e in elements(s, palette, words) {
            let mut t = VTag::new(e.tag);
            if hooks && e.tag == "rect" {
                for (k, v) in &it.data {
                    t.add_attribute(k, v.clone());
                }
                hooks = false;
            }
            for (k, v) in e.attrs {
                t.add_attribute(k, v);
            }
            if let Some(text) = e.text {
                t.add_child(VText::new(text).into());
            }
            g.add_child(t.into());
        }
    }
    for child in &it.children {
        g.add_child(item_node(child, sid, palette, words));
    }
    g.into()
}

/// The `data-sid` of the item an event happened in, if any.
fn sid_of(target: Option<web_sys::EventTarget>) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let g = el.closest("[data-sid]").ok()??;
    g.get_attribute("data-sid")?.parse().ok()
}

/// The item to move to from `from` with an arrow key: the nearest in that direction by the items'
/// reading-order positions.
pub fn neighbour(positions: &[(usize, (usize, usize))], from: (usize, usize), key: &str) -> Option<usize> {
    let (r, c) = from;
    let dist = |a: usize, b: usize| a.abs_diff(b);
    let pick = |ok: &dyn Fn(usize, usize) -> bool, score: &dyn Fn(usize, usize) -> (usize, usize)| {
        positions
            .iter()
            .filter(|(_, (r2, c2))| ok(*r2, *c2))
            .min_by_key(|(_, (r2, c2))| score(*r2, *c2))
            .map(|(i, _)| *i)
    };
    match key {
        "ArrowRight" => pick(&|r2, c2| r2 == r && c2 > c, &|_, c2| (c2 - c, 0)),
        "ArrowLeft" => pick(&|r2, c2| r2 == r && c2 < c, &|_, c2| (c - c2, 0)),
        "ArrowDown" => pick(&|r2, _| r2 > r, &|r2, c2| (r2 - r, dist(c2, c))),
        "ArrowUp" => pick(&|r2, _| r2 < r, &|r2, c2| (r - r2, dist(c2, c))),
        _ => None,
    }
}

/// The figure.
#[function_component]
pub fn Figure(p: &Props) -> Html {
    let t = use_strings();
    let theme = use_context::<Theme>().unwrap_or_default();
    let index = use_memo(p.scene.clone(), |s| Rc::new(Index::new(s)));
    let words = |l: &Label| (t.figure)(l);
    let palette = Palette::new(theme);
    let mut sid = 0;
    let nodes: Vec<VNode> = p.scene.items.iter().map(|it| item_node(it, &mut sid, &palette, &words)).collect();
    let activate = {
        let index = index.clone();
        let on_activate = p.on_activate.clone();
        move |i: usize| {
            if let Some(a) = index.items.get(i).and_then(|it| it.activate.clone()) {
                on_activate.emit(a);
            }
        }
    };
    let onclick = {
        let activate = activate.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = sid_of(e.target()) {
                // Keyboard use carries on from what was clicked.
                focus_sid(i);
                activate(i);
            }
        })
    };
    let onkeydown = {
        let index = index.clone();
        let on_up = p.on_up.clone();
        let nav = p.nav;
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let here = sid_of(e.target());
            match key.as_str() {
                "Enter" | " " => {
                    if let Some(i) = here {
                        e.prevent_default();
                        activate(i);
                    }
                }
                "Backspace" | "Escape" if nav => {
                    e.prevent_default();
                    on_up.emit(());
                }
                "ArrowRight" | "ArrowLeft" | "ArrowDown" | "ArrowUp" if nav => {
                    let Some(from) = here.and_then(|i| index.items.get(i)).and_then(|it| it.nav) else { return };
                    let positions: Vec<(usize, (usize, usize))> = index
                        .items
                        .iter()
                        .enumerate()
                        .filter(|(_, it)| it.activate.is_some())
                        .filter_map(|(i, it)| it.nav.map(|n| (i, n)))
                        .collect();
                    if let Some(next) = neighbour(&positions, from, &key) {
                        e.prevent_default();
                        focus_sid(next);
                    }
                }
                _ => {}
            }
        })
    };
    let hover = {
        let index = index.clone();
        let on_hover = p.on_hover.clone();
        move |target: Option<web_sys::EventTarget>| {
            let item = sid_of(target).and_then(|i| index.items.get(i));
            on_hover.emit(item.map(|it| Hovered {
                id: it.id.clone(),
                layer: it.layer,
                words: it.tooltip.as_ref().map(|l| strata_diagram::text::visible(&(t.figure)(l))),
            }));
        }
    };
    let onmouseover = {
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| hover(e.target()))
    };
    let onfocusin = Callback::from(move |e: FocusEvent| hover(e.target()));
    let onmouseleave = {
        let on_hover = p.on_hover.clone();
        Callback::from(move |_: MouseEvent| on_hover.emit(None))
    };
    let s = &p.scene;
    let (w, h) = (strata_diagram::geom::num(s.width), strata_diagram::geom::num(s.height.ceil()));
    let title = strata_diagram::text::visible(&words(&s.title));
    let desc = strata_diagram::text::visible(&words(&s.desc));
    html! {
        <svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" viewBox={format!("0 0 {w} {h}")} role="group"
             aria-labelledby="figure-title figure-desc" data-figure={s.view.key()} data-theme={theme.as_str()}
             font-family={SANS} font-size="12" fill={palette.ink.clone()}
             {onclick} {onkeydown} {onmouseover} {onfocusin} {onmouseleave}>
            <title id="figure-title">{ title }</title>
            <desc id="figure-desc">{ desc }</desc>
            <rect width={w.clone()} height={h.clone()} fill={palette.background.clone()} />
            { for nodes }
        </svg>
    }
}

/// Focuses the item with this `data-sid`.
fn focus_sid(i: usize) {
    {
        use wasm_bindgen::JsCast;
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("[data-sid=\"{i}\"]")).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::neighbour;

    #[test]
    fn arrows_move_in_reading_order() {
        // Two rows: (0,0) (0,1) (0,2) / (1,0) (1,2).
        let pos = [(10, (0, 0)), (11, (0, 1)), (12, (0, 2)), (20, (1, 0)), (22, (1, 2))];
        assert_eq!(neighbour(&pos, (0, 0), "ArrowRight"), Some(11));
        assert_eq!(neighbour(&pos, (0, 2), "ArrowRight"), None);
        assert_eq!(neighbour(&pos, (0, 1), "ArrowDown"), Some(20), "the nearest column below (ties go left)");
        assert_eq!(neighbour(&pos, (0, 2), "ArrowDown"), Some(22));
        assert_eq!(neighbour(&pos, (1, 2), "ArrowUp"), Some(12));
        assert_eq!(neighbour(&pos, (1, 0), "ArrowLeft"), None);
        assert_eq!(neighbour(&pos, (1, 0), "Tab"), None);
    }
}
