//! The filesystem view: the merged tree, collapsible, with the layer that provides each entry,
//! filtered by layer ("changes in layer K" or "everything up to layer K", part of the route) and by
//! a substring or glob (the core's [`PathQuery`]), sorted by name or size. Only the rows on screen
//! are rendered, so 100,000 entries stay smooth.

use super::file_panel::{FilePanel, Show};
use super::{bytes, layer_colour, use_strings};
use crate::state::copy::ReadCopy;
use crate::state::file_view::Want;
use crate::state::{FilesMode, Shared};
use std::collections::{HashMap, HashSet};
use strata_core::layer::EntryKind;
use strata_core::merge::{ChangeKind, Node};
use strata_core::query::{sort_rows, PathQuery, Sort};
use strata_core::replay::Replay;
use strata_core::sizes::dir_totals;
use strata_core::{path, Analysis, Image};
use yew::prelude::*;

const ROW: f64 = 26.0;
const VIEWPORT: f64 = 560.0;

/// Props of [`Files`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// The chosen layer, if any.
    pub layer: Option<usize>,
    /// With a layer: its changes, or the tree up to it.
    pub mode: FilesMode,
    /// The layer filter changed.
    pub on_filter: Callback<(Option<usize>, FilesMode)>,
    /// The selected path: its file panel is open.
    pub select: Option<String>,
    /// The layer whose copy the panel compares with.
    pub against: Option<usize>,
    /// Reads copies for the panel.
    pub read: ReadCopy,
    /// The panel's navigation (and a click on a row).
    pub on_show: Callback<Show>,
}

/// What the view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// The final merged tree.
    Merged,
    /// One layer's own change rows, deletions included.
    Changes(usize),
    /// The tree as it stood after a layer (replayed by the core).
    UpTo(usize),
}

impl Listing {
    /// The listing a route asks for.
    pub fn of(layer: Option<usize>, mode: FilesMode) -> Listing {
        match (layer, mode) {
            (None, _) => Listing::Merged,
            (Some(k), FilesMode::In) => Listing::Changes(k),
            (Some(k), FilesMode::UpTo) => Listing::UpTo(k),
        }
    }
}

/// Whether rows are listed with full paths and no folding (a filter, a size sort or a change list
/// breaks the tree).
fn is_flat(listing: Listing, query: &PathQuery, sort: Sort) -> bool {
    !query.is_all() || sort != Sort::Tree || matches!(listing, Listing::Changes(_))
}

/// The bytes under each directory of a listing (`strata_core::sizes::dir_totals`): the merged
/// tree's, the tree after layer K's, or what layer K itself writes under it.
pub fn listing_totals(img: &Image, listing: Listing, replay: &mut Replay) -> HashMap<String, u64> {
    match listing {
        Listing::Merged => dir_totals(&img.tree.nodes),
        Listing::Changes(k) => dir_totals(
            img.layers
                .get(k)
                .map_or(&[][..], |l| &l.changes[..])
                .iter()
                .filter(|c| c.change != ChangeKind::Deleted)
                .map(|c| &c.node),
        ),
        Listing::UpTo(k) => {
            replay.seek_to_layer(img, k);
            dir_totals(replay.nodes(img))
        }
    }
}

/// The rows the files view lists, with the search, the folded directories and the sort applied.
/// `replay` is moved to the asked layer incrementally (it must belong to `img`).
pub fn visible_rows(
    img: &Image,
    listing: Listing,
    query: &PathQuery,
    sort: Sort,
    collapsed: &HashSet<String>,
    replay: &mut Replay,
) -> Vec<(Node, Option<ChangeKind>)> {
    let flat = is_flat(listing, query, sort);
    let keep = |n: &Node| query.matches(&n.path) && (flat || !collapsed.iter().any(|c| path::is_below(&n.path, c)));
    let mut rows: Vec<(Node, Option<ChangeKind>)> = match listing {
        Listing::Changes(k) => {
            let changes = img.layers.get(k).map_or(&[][..], |l| &l.changes[..]);
            let mut v: Vec<_> =
                changes.iter().filter(|c| keep(&c.node)).map(|c| (c.node.clone(), Some(c.change))).collect();
            sort_rows(&mut v, Sort::Tree, |r| &r.0);
            v
        }
        Listing::UpTo(k) => {
            replay.seek_to_layer(img, k);
            replay.nodes(img).filter(|n| keep(n)).map(|n| (n.clone(), None)).collect()
        }
        Listing::Merged => img.tree.nodes.iter().filter(|n| keep(n)).map(|n| (n.clone(), None)).collect(),
    };
    if sort != Sort::Tree {
        sort_rows(&mut rows, sort, |r| &r.0);
    }
    rows
}

/// The files view.
#[function_component]
pub fn Files(p: &Props) -> Html {
    let t = use_strings();
    let text = use_state(String::new);
    let sort = use_state(|| Sort::Tree);
    let collapsed = use_state(HashSet::<String>::new);
    let scroll = use_state(|| 0.0f64);
    // The replay that "up to layer K" moves layer by layer, with the analysis and image it belongs to.
    let replay = use_mut_ref(|| (0usize, 0usize, Replay::new()));
    let query = PathQuery::parse(&text);
    let listing = Listing::of(p.layer, p.mode);
    // The filtered rows are recomputed only when a filter changes, never on scroll (a scroll just
    // slices them), so 100,000 entries stay smooth. Hooks run before any early return.
    let rows = {
        let replay = replay.clone();
        use_memo(
            (p.analysis.clone(), p.image, listing, query.clone(), *sort, (*collapsed).clone()),
            move |(a, image, listing, query, sort, collapsed)| {
                let (Some(img), Ok(query)) = (a.images.get(*image), query) else { return Vec::new() };
                let mut held = replay.borrow_mut();
                let owner = (std::rc::Rc::as_ptr(&a.0) as usize, *image);
                if (held.0, held.1) != owner {
                    *held = (owner.0, owner.1, Replay::new());
                }
                visible_rows(img, *listing, query, *sort, collapsed, &mut held.2)
            },
        )
    };
    let totals = {
        let replay = replay.clone();
        use_memo((p.analysis.clone(), p.image, listing), move |(a, image, listing)| {
            let Some(img) = a.images.get(*image) else { return HashMap::new() };
            let mut held = replay.borrow_mut();
            let owner = (std::rc::Rc::as_ptr(&a.0) as usize, *image);
            if (held.0, held.1) != owner {
                *held = (owner.0, owner.1, Replay::new());
            }
            listing_totals(img, *listing, &mut held.2)
        })
    };
    let Some(img) = p.analysis.images.get(p.image) else {
        return html! {};
    };
    let flat = query.as_ref().map_or(true, |q| is_flat(listing, q, *sort));
    let total = rows.len();
    let first = ((*scroll / ROW) as usize).saturating_sub(5).min(total);
    let last = (first + (VIEWPORT / ROW) as usize + 12).min(total);
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            scroll.set(f64::from(el.scroll_top()));
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let onlayer = {
        let on_filter = p.on_filter.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            match v.split_once(':') {
                Some(("upto", k)) => on_filter.emit((k.parse().ok(), FilesMode::UpTo)),
                Some(("in", k)) => on_filter.emit((k.parse().ok(), FilesMode::In)),
                _ => on_filter.emit((None, FilesMode::In)),
            }
        })
    };
    let onsort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            let by_size = e.target_unchecked_into::<web_sys::HtmlInputElement>().value() == "size";
            sort.set(if by_size { Sort::SizeDescending } else { Sort::Tree })
        })
    };
    let open_file = |path: String| {
        let (on_show, layer, mode) = (p.on_show.clone(), p.layer, p.mode);
        Callback::from(move |_: MouseEvent| on_show.emit((Some(path.clone()), layer, mode, None)))
    };
    let toggle = |path: String| {
        let collapsed = collapsed.clone();
        Callback::from(move |_| {
            let mut c = (*collapsed).clone();
            if !c.remove(&path) {
                c.insert(path.clone());
            }
            collapsed.set(c);
        })
    };
    let selected_value = match listing {
        Listing::Merged => "all".to_owned(),
        Listing::UpTo(k) => format!("upto:{k}"),
        Listing::Changes(k) => format!("in:{k}"),
    };
    let badge = |c: Option<ChangeKind>| -> Option<(&'static str, &'static str)> {
        Some(match c? {
            ChangeKind::Added => ("added", t.added),
            ChangeKind::Modified => ("modified", t.modified),
            ChangeKind::Deleted => ("deleted", t.deleted),
        })
    };
    let empty = match (&query, total, p.analysis.stage.has_layers()) {
        (Err(bad), _, _) => {
            html! { <p class="empty bad-pattern" role="status">{ (t.bad_pattern)(&bad.pattern, &bad.why) }</p> }
        }
        (Ok(_), 0, false) => html! { <p class="empty pending" role="status">{ t.reading_layers }</p> },
        (Ok(_), 0, true) => html! { <p class="empty">{ t.no_match }</p> },
        _ => html! {},
    };
    html! {
        <div class="files-view" data-view="files">
            <div class="toolbar">
                <input type="search" placeholder={t.search} aria-label={t.search} value={(*text).clone()} {oninput} />
                <select aria-label={t.layer_filter_label} onchange={onlayer}>
                    <option value="all" selected={selected_value == "all"}>{ t.all_layers }</option>
                    { for img.layers.iter().map(|l| { let v = format!("in:{}", l.index); html! {
                        <option value={v.clone()} selected={selected_value == v}>{ (t.changes_in_layer)(l.index) }</option> } }) }
                    { for img.layers.iter().map(|l| { let v = format!("upto:{}", l.index); html! {
                        <option value={v.clone()} selected={selected_value == v}>{ (t.up_to_layer)(l.index) }</option> } }) }
                </select>
                <select aria-label={t.sort_label} onchange={onsort}>
                    <option value="name" selected={*sort == Sort::Tree}>{ t.sort_name }</option>
                    <option value="size" selected={*sort != Sort::Tree}>{ t.sort_size }</option>
                </select>
                <span class="count">{ (t.entries)(total) }</span>
            </div>
            { empty }
            <div class={classes!("files-body", p.select.is_some().then_some("with-panel"))}>
            <div class="tree" role="tree" aria-label={t.tree_label} {onscroll} style={format!("height:{VIEWPORT}px")}>
                <div style={format!("height:{}px;position:relative", total as f64 * ROW)}>
                    { for rows.get(first..last).unwrap_or(&[]).iter().enumerate().map(|(i, (n, change))| {
                        let depth = if flat { 0 } else { n.path.matches('/').count().saturating_sub(1) };
                        let is_dir = n.kind == EntryKind::Dir;
                        let open = !collapsed.contains(n.path.as_str());
                        let name = if flat { n.path.to_string() } else { path::file_name(&n.path).to_owned() };
                        let b = badge(*change);
                        let selected = p.select.as_deref() == Some(n.path.as_str());
                        let activate = if is_dir { toggle(n.path.to_string()) } else { open_file(n.path.to_string()) };
                        html! {
                            <div key={n.path.to_string()} class={classes!("row", (*change == Some(ChangeKind::Deleted)).then_some("deleted"), selected.then_some("selected"))}
                                 role="treeitem" aria-expanded={is_dir.then(|| open.to_string())} aria-selected={selected.to_string()}
                                 data-path={n.path.to_string()} data-layer={n.layer.to_string()} tabindex="0"
                                 style={format!("top:{}px;padding-left:{}px", (first + i) as f64 * ROW, 8 + depth * 16)}
                                 onclick={activate.clone()}
                                 onkeydown={row_keys(is_dir, open, activate)}>
                                <span class="twisty">{ if is_dir { if open { "▾" } else { "▸" } } else { " " } }</span>
                                <span class="name">{ format!("{name}{}", n.link_text()) }</span>
                                { for b.map(|(cls, label)| html! { <span class={classes!("badge", cls)}>{ label }</span> }) }
                                <span class="layer-chip" style={format!("--layer-colour: {}", layer_colour(n.layer))}
                                      title={(t.layer_name)(n.layer)}>{ format!("L{}", n.layer) }</span>
                                <span class="size">{ if is_dir { bytes(totals.get(n.path.as_str()).copied().unwrap_or(0)) } else { bytes(n.size) } }</span>
                                <span class="mode">{ format!("{} {}", n.mode_text(), n.owner()) }</span>
                            </div>
                        }
                    }) }
                </div>
            </div>
            { for p.select.as_ref().map(|path| html! {
                <FilePanel analysis={p.analysis.clone()} image={p.image} path={AttrValue::from(path.clone())}
                           want={Want::of(p.layer, p.mode)} against={p.against} read={p.read.clone()} on_show={p.on_show.clone()} />
            }) }
            </div>
        </div>
    }
}

/// Keyboard in the tree: ↑/↓ move between rows, → opens and ← closes a directory, Enter/Space
/// toggle a directory or open a file's panel.
fn row_keys(is_dir: bool, open: bool, toggle: Callback<MouseEvent>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        use wasm_bindgen::JsCast;
        let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let next = match e.key().as_str() {
            "ArrowDown" => el.next_element_sibling(),
            "ArrowUp" => el.previous_element_sibling(),
            "ArrowRight" | "ArrowLeft" | "Enter" | " " if is_dir => {
                let wants_open = match e.key().as_str() {
                    "ArrowRight" => true,
                    "ArrowLeft" => false,
                    _ => !open,
                };
                if wants_open != open {
                    if let Ok(click) = MouseEvent::new("click") {
                        toggle.emit(click);
                    }
                }
                e.prevent_default();
                return;
            }
            "Enter" | " " => {
                if let Ok(click) = MouseEvent::new("click") {
                    toggle.emit(click);
                }
                e.prevent_default();
                return;
            }
            _ => return,
        };
        e.prevent_default();
        if let Some(h) = next.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = h.focus();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> PathQuery {
        PathQuery::parse(s).unwrap()
    }

    #[test]
    fn rows_for_each_filter() {
        let a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).unwrap();
        let img = &a.images[0];
        let none = HashSet::new();
        let mut replay = Replay::new();
        let mut rows = |listing, query: &str, sort, collapsed: &HashSet<String>| {
            visible_rows(img, listing, &q(query), sort, collapsed, &mut replay)
        };
        let paths = |rows: &[(Node, Option<ChangeKind>)]| -> Vec<String> {
            rows.iter().map(|(n, _)| n.path.to_string()).collect()
        };
        let all = rows(Listing::Merged, "", Sort::Tree, &none);
        assert_eq!(all.len(), img.tree.nodes.len());
        let in2 = rows(Listing::Changes(2), "", Sort::Tree, &none);
        assert!(in2.iter().any(|(n, c)| n.path == "/app/cache/build.tmp" && *c == Some(ChangeKind::Deleted)));
        let upto0 = rows(Listing::UpTo(0), "", Sort::Tree, &none);
        assert!(paths(&upto0).contains(&"/app/cache/build.tmp".to_owned()));
        assert!(!paths(&all).contains(&"/app/cache/build.tmp".to_owned()));
        let upto2 = rows(Listing::UpTo(2), "", Sort::Tree, &none);
        assert_eq!(paths(&upto2), paths(&all), "up to the top layer is the merged tree");
        let totals = listing_totals(img, Listing::Merged, &mut Replay::new());
        assert_eq!(totals.get("/app").copied(), Some(55 + 36 + 33 + 23), "README, app.sh, config.ini, records.csv");
        assert_eq!(
            totals.get("/").copied(),
            Some(img.merged.size),
            "the hard link counts once, as the summary counts it"
        );
        let in1 = listing_totals(img, Listing::Changes(1), &mut Replay::new());
        assert_eq!(in1.get("/app").copied(), Some(36 + 33 + 23));
        let folded: HashSet<String> = ["/app".to_owned()].into();
        assert!(!paths(&rows(Listing::Merged, "", Sort::Tree, &folded)).iter().any(|p| p.starts_with("/app/")));
        let found = rows(Listing::Merged, "*.csv", Sort::Tree, &folded);
        assert_eq!(paths(&found), vec!["/app/data/latest.csv", "/app/data/records.csv"], "search ignores folding");
        let big = rows(Listing::Merged, "", Sort::SizeDescending, &none);
        assert_eq!(big[0].0.path, "/bin/sh");
        assert!(rows(Listing::Changes(9), "", Sort::Tree, &none).is_empty(), "no such layer: nothing, no panic");
    }
}
