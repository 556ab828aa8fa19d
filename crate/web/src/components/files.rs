//! The filesystem view: the merged tree, collapsible, with the layer that provides each entry,
//! filtered by layer and by a substring or glob, sorted by name or size. Only the rows on screen
//! are rendered, so 100,000 entries stay smooth.

use super::{bytes, layer_colour};
use std::collections::HashSet;
use strata_core::layer::EntryKind;
use strata_core::merge::{ChangeKind, Node};
use strata_core::{path, Analysis, Image};
use strata_web::i18n::t;
use strata_web::state::{Shared, Stage};
use yew::prelude::*;

const ROW: f64 = 26.0;
const VIEWPORT: f64 = 560.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Shared<Analysis>,
    pub image: usize,
    /// How much has been read: at `Outline`, sizes, changes and the tree are not known yet.
    pub stage: Stage,
    pub layer: Option<usize>,
    pub on_layer: Callback<Option<usize>>,
}

/// Glob match with `*` and `?` (a pattern without them matches as a substring).
pub fn matches(pattern: &str, text: &str) -> bool {
    if pattern.is_empty() {
        return true;
    }
    if !pattern.contains(['*', '?']) {
        return text.to_lowercase().contains(&pattern.to_lowercase());
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let name_only = !pattern.contains('/');
    let t: Vec<char> = if name_only { path::file_name(text).chars().collect() } else { t };
    glob(&p, &t)
}

fn glob(p: &[char], t: &[char]) -> bool {
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether rows are listed with full paths and no folding (a filter or a size sort breaks the tree).
fn is_flat(layer: Option<usize>, up_to: bool, query: &str, by_size: bool) -> bool {
    !query.is_empty() || by_size || (layer.is_some() && !up_to)
}

/// The rows the files view lists: "changes in layer K" (that layer's own rows, deletions included),
/// "up to layer K" (the tree as it stood then, replayed by the core), or the final merged tree;
/// then the search, the folded directories and the sort applied.
pub fn visible_rows(
    img: &Image,
    layer: Option<usize>,
    up_to: bool,
    query: &str,
    by_size: bool,
    collapsed: &HashSet<String>,
) -> Vec<(Node, Option<ChangeKind>)> {
    let source: Vec<(Node, Option<ChangeKind>)> = match (layer.and_then(|k| img.layers.get(k)), layer) {
        (Some(l), _) if !up_to => {
            let mut v: Vec<_> = l.changes.iter().map(|c| (c.node.clone(), Some(c.change))).collect();
            v.sort_by(|a, b| path::tree_order(&a.0.path, &b.0.path));
            v
        }
        (Some(_), Some(k)) => img.tree_at(k).into_iter().map(|n| (n, None)).collect(),
        _ => img.tree.nodes.iter().map(|n| (n.clone(), None)).collect(),
    };
    let flat = is_flat(layer, up_to, query, by_size);
    let mut rows: Vec<_> = source
        .into_iter()
        .filter(|(n, _)| matches(query, &n.path))
        .filter(|(n, _)| flat || !collapsed.iter().any(|c| path::is_below(&n.path, c)))
        .collect();
    if by_size {
        rows.sort_by(|a, b| b.0.size.cmp(&a.0.size).then_with(|| a.0.path.cmp(&b.0.path)));
    }
    rows
}

#[function_component]
pub fn Files(p: &Props) -> Html {
    let query = use_state(String::new);
    let by_size = use_state(|| false);
    let collapsed = use_state(HashSet::<String>::new);
    let scroll = use_state(|| 0.0f64);
    let up_to = use_state(|| false);
    // The filtered rows are recomputed only when a filter changes, never on scroll (a scroll just
    // slices them), so 100,000 entries stay smooth. Hooks run before any early return.
    let rows = use_memo(
        (p.analysis.clone(), p.image, p.layer, *up_to, (*query).clone(), *by_size, (*collapsed).clone()),
        |(a, image, layer, up_to, query, by_size, collapsed)| {
            a.images
                .get(*image)
                .map(|img| visible_rows(img, *layer, *up_to, query, *by_size, collapsed))
                .unwrap_or_default()
        },
    );
    let Some(img) = p.analysis.images.get(p.image) else {
        return html! {};
    };
    let flat = is_flat(p.layer, *up_to, &query, *by_size);
    let total = rows.len();
    let first = ((*scroll / ROW) as usize).saturating_sub(5).min(total);
    let last = (first + (VIEWPORT / ROW) as usize + 12).min(total);
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            scroll.set(el.scroll_top() as f64);
        })
    };
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let onlayer = {
        let on_layer = p.on_layer.clone();
        let up_to = up_to.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            match v.split_once(':') {
                Some(("upto", k)) => {
                    up_to.set(true);
                    on_layer.emit(k.parse().ok());
                }
                Some(("in", k)) => {
                    up_to.set(false);
                    on_layer.emit(k.parse().ok());
                }
                _ => on_layer.emit(None),
            }
        })
    };
    let onsort = {
        let by_size = by_size.clone();
        Callback::from(move |e: Event| {
            by_size.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value() == "size")
        })
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
    let selected_value = match p.layer {
        None => "all".to_owned(),
        Some(k) if *up_to => format!("upto:{k}"),
        Some(k) => format!("in:{k}"),
    };
    let badge = |c: Option<ChangeKind>| -> Option<(&'static str, &'static str)> {
        Some(match c? {
            ChangeKind::Added => ("added", t().added),
            ChangeKind::Modified => ("modified", t().modified),
            ChangeKind::Deleted => ("deleted", t().deleted),
        })
    };
    html! {
        <div class="files-view" data-view="files">
            <div class="toolbar">
                <input type="search" placeholder={t().search} aria-label={t().search} value={(*query).clone()} {oninput} />
                <select aria-label="layer filter" onchange={onlayer}>
                    <option value="all" selected={selected_value == "all"}>{ t().all_layers }</option>
                    { for img.layers.iter().map(|l| { let v = format!("in:{}", l.index); html! {
                        <option value={v.clone()} selected={selected_value == v}>{ format!("{} {}", t().changes_in_layer, l.index) }</option> } }) }
                    { for img.layers.iter().map(|l| { let v = format!("upto:{}", l.index); html! {
                        <option value={v.clone()} selected={selected_value == v}>{ format!("{} {}", t().up_to_layer, l.index) }</option> } }) }
                </select>
                <select aria-label="sort" onchange={onsort}>
                    <option value="name" selected={!*by_size}>{ t().sort_name }</option>
                    <option value="size" selected={*by_size}>{ t().sort_size }</option>
                </select>
                <span class="count">{ t().entries.replace("{}", &total.to_string()) }</span>
            </div>
            { match (total, p.stage == Stage::Outline) {
                (0, true) => html! { <p class="empty pending" role="status">{ t().reading_layers }</p> },
                (0, false) => html! { <p class="empty">{ t().no_match }</p> },
                _ => html! {},
            } }
            <div class="tree" role="tree" aria-label="merged filesystem" {onscroll} style={format!("height:{VIEWPORT}px")}>
                <div style={format!("height:{}px;position:relative", total as f64 * ROW)}>
                    { for rows[first..last].iter().enumerate().map(|(i, (n, change))| {
                        let depth = if flat { 0 } else { n.path.matches('/').count().saturating_sub(1) };
                        let is_dir = n.kind == EntryKind::Dir;
                        let open = !collapsed.contains(&n.path);
                        let name = if flat { n.path.clone() } else { path::file_name(&n.path).to_owned() };
                        let link = n.target.as_ref().map(|t| if n.kind == EntryKind::Hardlink { format!(" => {t}") } else { format!(" -> {t}") }).unwrap_or_default();
                        let b = badge(*change);
                        html! {
                            <div key={n.path.clone()} class={classes!("row", (*change == Some(ChangeKind::Deleted)).then_some("deleted"))} role="treeitem" aria-expanded={is_dir.then(|| open.to_string())}
                                 data-path={n.path.clone()} data-layer={n.layer.to_string()} tabindex="0"
                                 style={format!("top:{}px;padding-left:{}px", (first + i) as f64 * ROW, 8 + depth * 16)}
                                 onclick={if is_dir { toggle(n.path.clone()) } else { Callback::noop() }}
                                 onkeydown={row_keys(is_dir, open, toggle(n.path.clone()))}>
                                <span class="twisty">{ if is_dir { if open { "▾" } else { "▸" } } else { " " } }</span>
                                <span class="name">{ format!("{name}{link}") }</span>
                                { for b.map(|(cls, label)| html! { <span class={classes!("badge", cls)}>{ label }</span> }) }
                                <span class="layer-chip" style={format!("--layer-colour: {}", layer_colour(n.layer))}
                                      title={format!("layer {}", n.layer)}>{ format!("L{}", n.layer) }</span>
                                <span class="size">{ if is_dir { String::new() } else { bytes(n.size) } }</span>
                                <span class="mode">{ format!("{:04o} {}:{}", n.mode, n.uid, n.gid) }</span>
                            </div>
                        }
                    }) }
                </div>
            </div>
        </div>
    }
}

/// Keyboard in the tree: ↑/↓ move between rows, → opens and ← closes a directory, Enter/Space toggle.
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
    use super::matches;

    #[test]
    fn rows_for_each_filter() {
        use super::visible_rows;
        use std::collections::HashSet;
        use strata_core::merge::ChangeKind;
        let a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).unwrap();
        let img = &a.images[0];
        let none = HashSet::new();
        let paths = |rows: &[(strata_core::merge::Node, Option<ChangeKind>)]| -> Vec<String> {
            rows.iter().map(|(n, _)| n.path.clone()).collect()
        };
        let all = visible_rows(img, None, false, "", false, &none);
        assert_eq!(all.len(), img.tree.nodes.len());
        let in2 = visible_rows(img, Some(2), false, "", false, &none);
        assert!(in2.iter().any(|(n, c)| n.path == "/app/cache/build.tmp" && *c == Some(ChangeKind::Deleted)));
        let upto0 = visible_rows(img, Some(0), true, "", false, &none);
        assert!(paths(&upto0).contains(&"/app/cache/build.tmp".to_owned()));
        assert!(!paths(&all).contains(&"/app/cache/build.tmp".to_owned()));
        let folded: HashSet<String> = ["/app".to_owned()].into();
        assert!(!paths(&visible_rows(img, None, false, "", false, &folded)).iter().any(|p| p.starts_with("/app/")));
        let found = visible_rows(img, None, false, "*.csv", false, &folded);
        assert_eq!(paths(&found), vec!["/app/data/latest.csv", "/app/data/records.csv"], "search ignores folding");
        let big = visible_rows(img, None, false, "", true, &none);
        assert_eq!(big[0].0.path, "/bin/sh");
    }

    #[test]
    fn substring_and_glob() {
        assert!(matches("conf", "/etc/app/config.ini"));
        assert!(matches("*.ini", "/etc/app/config.ini"));
        assert!(!matches("*.conf", "/etc/app/config.ini"));
        assert!(matches("/etc/*/config.*", "/etc/app/config.ini"));
        assert!(matches("", "/x"));
    }
}
