//! The stack of layers (top of the image at the top), base at the bottom, metadata-only history
//! steps between the layers they sit on. Selecting a layer shows its changes.

use super::{bytes, layer_colour, use_strings};
use crate::state::Shared;
use strata_core::history::{dockerfile_line, MetadataSteps};
use strata_core::merge::ChangeKind;
use strata_core::{Analysis, Image, Verified};
use strata_i18n::Strings;
use yew::prelude::*;

/// Changes listed beside the stack; the Filesystem view ("changes in layer K") lists them all.
const MAX_LISTED: usize = 500;

/// Props of [`Stack`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// Digests are still being checked.
    pub verifying: bool,
    /// The selected layer.
    pub selected: Option<usize>,
    /// A layer was selected (or unselected).
    pub on_select: Callback<Option<usize>>,
}

/// The stack view.
#[function_component]
pub fn Stack(p: &Props) -> Html {
    let t = use_strings();
    let Some(img) = p.analysis.images.get(p.image) else {
        return html! {};
    };
    let has_layers = p.analysis.stage.has_layers();
    let meta = MetadataSteps::of(img);
    let mut items: Vec<Html> = Vec::new();
    for l in img.layers.iter().rev() {
        let idx = l.index;
        items.push(meta_html(img, meta.on(idx), t));
        let selected = p.selected == Some(idx);
        let on_select = p.on_select.clone();
        let onclick = Callback::from(move |_| on_select.emit(if selected { None } else { Some(idx) }));
        let on_select = p.on_select.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_select.emit(if selected { None } else { Some(idx) });
            }
        });
        let diff = l.diff_id.as_ref().map(ToString::to_string).unwrap_or_default();
        let short = l.diff_id.as_ref().map(|d| d.short().to_owned()).unwrap_or_default();
        let (badge, badge_title) = match l.verified {
            _ if p.verifying => ("…", t.layer_pending),
            Verified::Ok => ("✓", t.layer_verified),
            Verified::Mismatch => ("✗", t.layer_mismatch),
            Verified::Unchecked => ("–", t.layer_unchecked),
        };
        let line = l.created_by.as_deref().map(dockerfile_line).filter(|s| !s.is_empty());
        items.push(html! {
            <div class={classes!("slab", selected.then_some("selected"))} role="button" tabindex="0"
                 aria-pressed={selected.to_string()} title={(t.layer_name)(idx)}
                 data-layer-index={idx.to_string()} data-diff-id={diff.clone()} {onclick} {onkeydown}
                 style={format!("--layer-colour: {}", layer_colour(idx))}>
                <span class="layer-no">{ format!("L{idx}") }</span>
                <code class="diff-id" title={diff}>{ short }</code>
                { if has_layers { html! { <>
                    <span class="size">{ bytes(l.size) }</span>
                    <span class="counts">{ format!("+{} ~{} -{}", l.added, l.modified, l.deleted) }</span>
                </> } } else { html! {
                    <span class="size pending" title={t.reading_layers}>{ (t.stored_size)(&bytes(l.blob_size)) }</span>
                } } }
                <span class="verified" title={badge_title}>{ badge }</span>
                { for l.shared.then(|| html! { <span class="shared">{ t.shared }</span> }) }
                <span class="created-by" title={l.created_by.clone().unwrap_or_default()}>{ line.unwrap_or_else(|| t.no_instruction.to_owned()) }</span>
            </div>
        });
    }
    items.push(meta_html(img, &meta.before_base, t));
    let details = p.selected.and_then(|i| img.layers.get(i)).map(|l| {
        let compression = match l.compression {
            Some(strata_core::Compression::None) => t.uncompressed.to_owned(),
            Some(c) => c.name().to_owned(),
            None => String::new(),
        };
        let entries = if has_layers { (t.entries)(l.entries as usize) } else { t.reading_layers.to_owned() };
        let line = l.created_by.as_deref().map(dockerfile_line).unwrap_or_default();
        html! {
            <section class="layer-details" aria-label={t.layer_changes_label}>
                <h3>{ format!("L{} — {line}", l.index) }</h3>
                <p><code>{ l.digest.as_ref().map(ToString::to_string).unwrap_or_default() }</code>{ format!(" · {compression} · {entries}") }</p>
                <ul class="changes">
                    { for l.changes.iter().take(MAX_LISTED).map(|c| {
                        let (cls, sign) = match c.change { ChangeKind::Added => ("added", "+"), ChangeKind::Modified => ("modified", "~"), ChangeKind::Deleted => ("deleted", "−") };
                        html! { <li class={cls} data-path={c.node.path.clone()}>{ format!("{sign} {}", c.node.path) }</li> }
                    }) }
                </ul>
                { for (l.changes.len() > MAX_LISTED).then(|| html! {
                    <p class="more">{ (t.more_changes)(l.changes.len() - MAX_LISTED) }</p>
                }) }
            </section>
        }
    });
    html! {
        <div class={classes!("stack-view", p.selected.is_some().then_some("has-details"))} data-view="stack">
            <div class="stack" aria-label={t.stack_label}>{ for items }</div>
            { for details }
        </div>
    }
}

/// The metadata-only steps `steps` (indexes into the history), top first.
fn meta_html(img: &Image, steps: &[usize], t: &Strings) -> Html {
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <div class="meta-steps" aria-label={t.metadata_only}>
            { for steps.iter().rev().filter_map(|&i| img.history.get(i)).map(|s| html! {
                <div class="meta">{ format!("{} ({})", s.instruction(), t.metadata_only) }</div>
            }) }
        </div>
    }
}
