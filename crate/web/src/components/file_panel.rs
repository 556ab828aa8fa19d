//! The file panel beside the files view's tree: the selected path's history (a row per layer that
//! changed it, with the layer's instruction), and the copy the route names: its bytes read by the
//! file worker (text lines, a hex dump, an image), a link with a way to its target, a directory
//! with its totals, or why there is none (deleted in layer N, with a way to its last copy). With
//! `against` it compares two copies ([`super::file_content::Compare`]).
//!
//! Hooks: `data-testid="file-panel"` (`data-path`, `data-layer`: the layer of the copy shown),
//! `file-history` with rows `data-layer` / `data-change`, `file-content` (`data-kind`,
//! `data-bytes`), `file-line`, `hex-row`, `diff-line` (`data-op`); see the README.

use super::file_content::{Compare, Content};
use super::{bytes, layer_colour, use_strings};
use crate::state::copy::{CopyAnswer, CopyAsk, ReadCopy};
use crate::state::file_view::{decide, Showing, Want};
use crate::state::{FilesMode, Shared};
use strata_core::content::locate::Follow;
use strata_core::content::show::SHOWN;
use strata_core::content::{locate, View};
use strata_core::merge::ChangeKind;
use strata_core::{path, Analysis, Image};
use yew::prelude::*;

/// What the panel asks the page to show: a path (or none: close), a layer and mode, a comparison.
pub type Show = (Option<String>, Option<usize>, FilesMode, Option<usize>);

/// Props of [`FilePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image.
    pub image: usize,
    /// The selected path.
    pub path: AttrValue,
    /// Which copy (the route's layer and mode).
    pub want: Want,
    /// The layer of the copy to compare with.
    pub against: Option<usize>,
    /// Reads copies (the file worker).
    pub read: ReadCopy,
    /// Navigation: another copy, another path, a comparison, or close.
    pub on_show: Callback<Show>,
}

/// The instruction that made layer `k`, as a Dockerfile line.
pub fn instruction(img: &Image, k: usize) -> String {
    img.instruction(k)
}

/// Reads one copy into a state: `None` while reading. Re-read when `ask` changes.
#[hook]
pub fn use_copy(read: ReadCopy, ask: Option<CopyAsk>) -> Option<CopyAnswer> {
    let answer = use_state(|| None::<(CopyAsk, CopyAnswer)>);
    {
        let answer = answer.clone();
        use_effect_with(ask.clone(), move |ask| {
            if let Some(ask) = ask.clone() {
                let key = ask.clone();
                read.ask(ask, Callback::from(move |a| answer.set(Some((key.clone(), a)))));
            }
        });
    }
    // An answer to an older question is not this copy's.
    (*answer).as_ref().filter(|(k, _)| Some(k) == ask.as_ref()).map(|(_, a)| a.clone())
}

/// The file panel.
#[function_component]
pub fn FilePanel(p: &Props) -> Html {
    let t = use_strings();
    let img = p.analysis.images.get(p.image);
    let (showing, events) = match img {
        Some(img) => decide(img, &p.path, p.want),
        None => return html! {},
    };
    let ask = match &showing {
        Showing::Copy { data_layer, entry, .. } => {
            Some(CopyAsk { image: p.image, layer: *data_layer, entry: entry.clone(), keep: SHOWN, download: None })
        }
        _ => None,
    };
    // The copy compared with: layer M's own copy of the path.
    let against = p.against.and_then(|m| {
        let found = locate(img?, &p.path, View::Layer(m), Follow::Parents).ok()?;
        Some((m, found))
    });
    let against_ask = against.as_ref().and_then(|(_, f)| f.data.clone()).map(|(layer, entry)| CopyAsk {
        image: p.image,
        layer,
        entry,
        keep: SHOWN,
        download: None,
    });
    let answer = use_copy(p.read.clone(), ask.clone());
    let against_answer = use_copy(p.read.clone(), against_ask);
    let Some(img) = img else { return html! {} };
    let shown_layer = showing.layer();
    let path = p.path.to_string();
    let show = |layer: Option<usize>, mode: FilesMode, against: Option<usize>| {
        let (on_show, path) = (p.on_show.clone(), path.clone());
        Callback::from(move |_: MouseEvent| on_show.emit((Some(path.clone()), layer, mode, against)))
    };
    let close = {
        let on_show = p.on_show.clone();
        Callback::from(move |_: MouseEvent| on_show.emit((None, None, FilesMode::In, None)))
    };
    let history = html! {
        <section class="file-history" data-testid="file-history" aria-label={t.file_history}>
            <h4>{ t.file_history }</h4>
            { for events.iter().enumerate().map(|(i, e)| {
                let (cls, word) = match e.change {
                    ChangeKind::Added => ("added", t.added),
                    ChangeKind::Modified => ("modified", t.modified),
                    ChangeKind::Deleted => ("deleted", t.deleted),
                };
                let current = shown_layer == Some(e.layer) && p.against.is_none();
                let previous = events[..i].iter().rev().find(|x| x.change != ChangeKind::Deleted).map(|x| x.layer);
                let compare = (e.change == ChangeKind::Modified).then_some(previous).flatten();
                let by = instruction(img, e.layer);
                html! {
                    <div class={classes!("history-row", cls, current.then_some("current"))} data-layer={e.layer.to_string()} data-change={cls}>
                        <button type="button" class="history-copy" aria-current={current.then_some("true")}
                                onclick={show(Some(e.layer), FilesMode::In, None)}>
                            <span class="layer-chip" style={format!("--layer-colour: {}", layer_colour(e.layer))}>{ format!("L{}", e.layer) }</span>
                            <span class={classes!("badge", cls)}>{ word }</span>
                            <span class="instruction" title={by.clone()}>{ by }</span>
                        </button>
                        { for compare.map(|prev| html! {
                            <button type="button" class="compare-prev" data-action="compare-prev"
                                    onclick={show(Some(e.layer), FilesMode::In, Some(prev))}>{ t.file_compare_prev }</button>
                        }) }
                    </div>
                }
            }) }
        </section>
    };
    let missing_against = p.against.filter(|_| against.is_none());
    let body = match (&showing, &against) {
        _ if missing_against.is_some() => {
            html! { <p class="file-note" role="status">{ (t.file_no_copy)(missing_against.unwrap_or_default()) }</p> }
        }
        (Showing::Copy { node, .. }, Some((m, found))) => html! {
            <Compare from={*m} to={node.layer} from_node={found.node.clone()} to_node={node.clone()}
                     from_answer={against_answer.clone()} to_answer={answer.clone()}
                     on_off={show(Some(node.layer), FilesMode::In, None)} />
        },
        (Showing::Copy { node, .. }, _) => {
            let download =
                ask.clone().map(|a| CopyAsk { keep: u64::MAX, download: Some(path::file_name(&path).to_owned()), ..a });
            html! { <Content node={node.clone()} answer={answer.clone()} read={p.read.clone()} {download} /> }
        }
        (Showing::Link { node }, _) => {
            let target = node.target.as_deref().unwrap_or_default().to_owned();
            let to = locate(img, &path, View::Merged, Follow::All).map(|f| f.resolved).ok().or_else(|| {
                let joined =
                    if target.starts_with('/') { target.clone() } else { path::join(path::parent(&path), &target) };
                path::normalize_str(&joined).ok()
            });
            let go = to.map(|to| {
                let on_show = p.on_show.clone();
                Callback::from(move |_: MouseEvent| on_show.emit((Some(to.clone()), None, FilesMode::In, None)))
            });
            html! {
                <div class="file-content" data-testid="file-content" data-kind="link" data-bytes={node.size.to_string()} data-target={target.clone()}>
                    <p>{ (t.file_link)(&target) }</p>
                    { for go.map(|onclick| html! { <button type="button" data-action="go-target" {onclick}>{ t.file_go_target }</button> }) }
                </div>
            }
        }
        (Showing::Dir { files, bytes: total, .. }, _) => html! {
            <div class="file-content" data-testid="file-content" data-kind="dir" data-bytes={total.to_string()} data-count={files.to_string()}>
                <p>{ (t.file_dir)(*files, &bytes(*total)) }</p>
            </div>
        },
        (Showing::Special { node }, _) => html! {
            <div class="file-content" data-testid="file-content" data-kind="empty" data-bytes="0">
                <p>{ (t.file_special)(node.kind.name()) }</p>
            </div>
        },
        (Showing::Absent { layer, last }, _) => html! {
            <div class="file-content" data-testid="file-content" data-kind="absent" data-bytes="0" data-deleted-in={layer.to_string()}>
                <p>{ (t.file_deleted_in)(*layer, &instruction(img, *layer)) }</p>
                { for last.map(|l| html! {
                    <button type="button" data-action="show-last" data-layer={l.to_string()} onclick={show(Some(l), FilesMode::In, None)}>{ t.file_show_last }</button>
                }) }
            </div>
        },
        (Showing::NoCopy { layer }, _) => html! {
            <div class="file-content" data-testid="file-content" data-kind="absent" data-bytes="0">
                <p>{ (t.file_no_copy)(*layer) }</p>
            </div>
        },
        (Showing::Missing(why), _) => html! {
            <div class="file-content" data-testid="file-content" data-kind="absent" data-bytes="0">
                <p class="bad">{ (t.file_missing)(why) }</p>
            </div>
        },
    };
    html! {
        <aside class="file-panel" data-testid="file-panel" data-path={path.clone()}
               data-layer={shown_layer.map(|l| l.to_string())} aria-label={t.file_panel_label}>
            <header class="file-head">
                <h3 class="file-path" title={path.clone()}>{ path.clone() }</h3>
                <button type="button" class="file-close" data-action="close-file" aria-label={t.file_close} onclick={close}>{ "×" }</button>
            </header>
            { history }
            { body }
        </aside>
    }
}
