//! The waste panel beside the size map: dive 0.13.1's efficiency and wasted bytes (as
//! `strata inspect` computes them, `strata_core::waste`) with their full-precision values in
//! `data-value`, a bar per layer (its size and the bytes of its copies a higher layer replaces or
//! deletes, `strata_core::sizes::hidden_by_layer`), and dive's inefficient files: one
//! `[data-testid=waste-row]` per path (`data-path`, `data-count`, `data-bytes`), sortable, each
//! expanding to every copy with its layer, instruction and fate, with a way to the size map
//! (stored mode) and to the files view.

use super::{bytes, layer_colour, use_strings};
use crate::state::Shared;
use strata_core::copies::copies;
use strata_core::sizes::hidden_by_layer;
use strata_core::Analysis;
use yew::prelude::*;

/// Props of [`WastePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// Show a path's copies in the size map.
    pub on_where: Callback<String>,
    /// Open a path in the files view.
    pub on_open: Callback<String>,
}

/// How the inefficient files are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Bytes,
    Count,
    Path,
}

/// The waste panel.
#[function_component]
pub fn WastePanel(p: &Props) -> Html {
    let t = use_strings();
    let sort = use_state(|| Sort::Bytes);
    let open = use_state(|| None::<String>);
    let hidden =
        use_memo((p.analysis.clone(), p.image), |(a, i)| a.images.get(*i).map(hidden_by_layer).unwrap_or_default());
    let Some(img) = p.analysis.images.get(p.image) else { return html! {} };
    let w = &img.waste;
    let mut rows: Vec<&strata_core::waste::InefficientFile> = w.inefficient_files.iter().collect();
    match *sort {
        Sort::Bytes => {
            strata_core::order::sort_by(&mut rows, |a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)))
        }
        Sort::Count => {
            strata_core::order::sort_by(&mut rows, |a, b| b.count.cmp(&a.count).then_with(|| b.bytes.cmp(&a.bytes)))
        }
        Sort::Path => strata_core::order::sort_by(&mut rows, |a, b| a.path.cmp(&b.path)),
    }
    let widest = img.layers.iter().map(|l| l.size).max().unwrap_or(0).max(1);
    let header = |s: Sort, label: &'static str| {
        let pressed = *sort == s;
        let sort = sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| sort.set(s));
        html! {
            <th aria-sort={if pressed { "descending" } else { "none" }}>
                <button type="button" data-sort={format!("{s:?}").to_lowercase()} aria-pressed={pressed.to_string()} {onclick}>{ label }</button>
            </th>
        }
    };
    let row = |f: &strata_core::waste::InefficientFile| {
        let expanded = open.as_deref() == Some(f.path.as_str());
        let toggle = {
            let (open, path) = (open.clone(), f.path.clone());
            Callback::from(move |_: MouseEvent| open.set(if expanded { None } else { Some(path.clone()) }))
        };
        let (on_where, on_open) = (p.on_where.clone(), p.on_open.clone());
        let (pw, po) = (f.path.clone(), f.path.clone());
        let copies_html = if expanded {
            let all = copies(img, |q| q == f.path);
            let list = all.get(f.path.as_str()).cloned().unwrap_or_default();
            html! {
                <tr class="waste-copies"><td colspan="3">
                    <ul>
                        { for list.iter().filter(|c| c.is_file_like()).map(|c| {
                            let by = img.instruction(c.layer);
                            html! {
                                <li data-testid="waste-copy" data-layer={c.layer.to_string()} data-state={c.fate.as_str()}>
                                    <span class="layer-chip" style={format!("--layer-colour: {}", layer_colour(c.layer))}>{ format!("L{}", c.layer) }</span>
                                    { " " }{ (t.waste_copy)(c.layer, &bytes(c.node.size), c.fate) }
                                    <span class="instruction">{ by }</span>
                                </li>
                            }
                        }) }
                    </ul>
                    <button type="button" data-action="waste-in-map" onclick={Callback::from(move |_: MouseEvent| on_where.emit(pw.clone()))}>{ t.waste_in_map }</button>
                    <button type="button" data-action="waste-in-files" onclick={Callback::from(move |_: MouseEvent| on_open.emit(po.clone()))}>{ t.waste_in_files }</button>
                </td></tr>
            }
        } else {
            html! {}
        };
        html! {
            <>
                <tr data-testid="waste-row" data-path={f.path.clone()} data-count={f.count.to_string()} data-bytes={f.bytes.to_string()}
                    aria-expanded={expanded.to_string()}>
                    <td><button type="button" class="waste-path" onclick={toggle}>{ &f.path }</button></td>
                    <td class="num">{ f.count }</td>
                    <td class="num">{ bytes(f.bytes) }</td>
                </tr>
                { copies_html }
            </>
        }
    };
    html! {
        <aside class="waste-panel" aria-label={t.waste_title}>
            <h2>{ t.waste_title }</h2>
            <dl class="waste-numbers">
                <dt>{ t.waste_efficiency }</dt>
                <dd data-testid="efficiency" data-value={w.efficiency.to_string()}>{ format!("{:.2} %", w.efficiency * 100.0) }</dd>
                <dt>{ t.waste_wasted }</dt>
                <dd data-testid="wasted-bytes" data-value={w.wasted_bytes.to_string()}>{ bytes(w.wasted_bytes) }</dd>
            </dl>
            <h3>{ t.waste_layers }</h3>
            <ul class="waste-bars">
                { for img.layers.iter().enumerate().map(|(k, l)| {
                    let gone = hidden.get(k).copied().unwrap_or(0);
                    let width = |b: u64| format!("width: {:.2}%", b as f64 * 100.0 / widest as f64);
                    html! {
                        <li data-testid="waste-layer" data-layer={k.to_string()} data-size={l.size.to_string()} data-hidden={gone.to_string()}>
                            <span class="waste-bar-words">{ (t.waste_layer_bar)(k, &bytes(l.size), &bytes(gone)) }</span>
                            <span class="waste-bar" style={format!("--layer-colour: {}", layer_colour(k))}>
                                <span class="waste-bar-size" style={width(l.size)}></span>
                                <span class="waste-bar-hidden" style={width(gone.min(l.size))}></span>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            <h3>{ t.waste_files }</h3>
            { if rows.is_empty() { html! { <p class="file-note">{ t.waste_none }</p> } } else { html! { <>
                <table class="waste-files">
                    <thead><tr>{ header(Sort::Path, t.col_path) }{ header(Sort::Count, t.col_copies) }{ header(Sort::Bytes, t.col_bytes) }</tr></thead>
                    <tbody>{ for rows.into_iter().map(row) }</tbody>
                </table>
            </> } } }
        </aside>
    }
}
