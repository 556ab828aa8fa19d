//! The `stack` view: the stack figure (at the player's step), the selected layer's details and
//! changes, and the stack as an accessible table.

use super::{info_panel, step_bar, use_at_step, use_hovered};
use crate::components::figure::Figure;
use crate::components::{bytes, use_strings};
use crate::state::Shared;
use std::rc::Rc;
use strata_core::history::MetadataSteps;
use strata_core::merge::ChangeKind;
use strata_core::{Analysis, Verified};
use strata_diagram::scene::Activate;
use strata_diagram::{FigureParams, ViewKind};
use yew::prelude::*;

/// Changes listed beside the stack; the Filesystem view ("changes in layer K") lists them all.
const MAX_LISTED: usize = 500;

/// Props of [`StackView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// The figure's parameters, from the screen ([`crate::state::Route::figure_params`]): the
    /// selected layer, whether digests are still being checked, the width.
    pub params: FigureParams,
    /// A layer was selected (or unselected).
    pub on_select: Callback<Option<usize>>,
    /// The player's step (`None`: the whole image).
    pub step: Option<usize>,
    /// The player moved.
    pub on_step: Callback<Option<usize>>,
    /// Presenter mode (arrows are the presenter's).
    pub presenting: bool,
    /// Whether the player and its caption are shown (an embedded figure may go without).
    #[prop_or(true)]
    pub player: bool,
}

/// The stack view.
#[function_component]
pub fn StackView(p: &Props) -> Html {
    let t = use_strings();
    let (hovered, on_hover) = use_hovered();
    let at = use_at_step(p.analysis.clone(), p.image, p.step);
    let scene = use_memo((p.analysis.clone(), p.image, at.clone(), p.params.clone()), |(a, image, at, params)| {
        let (img, at) = (a.images.get(*image)?, at.as_ref()?);
        let params = FigureParams { outline: !a.stage.has_layers(), ..params.clone() };
        let mut scene = strata_diagram::figure(at.image(img), ViewKind::Stack, &params);
        at.mark(&mut scene);
        Some(Rc::new(scene))
    });
    let (selected, verifying) = (p.params.selected_layer, p.params.verifying);
    let (Some(img), Some(scene), Some(at)) = (p.analysis.images.get(p.image), (*scene).clone(), at) else {
        return html! {};
    };
    let on_activate = {
        let on_select = p.on_select.clone();
        let selected = p.params.selected_layer;
        Callback::from(move |a: Activate| {
            if let Activate::Layer(k) = a {
                on_select.emit(if selected == Some(k) { None } else { Some(k) });
            }
        })
    };
    let has_layers = p.analysis.stage.has_layers();
    let details = selected.and_then(|i| img.layers.get(i)).map(|l| {
        let compression = match l.compression {
            Some(strata_core::Compression::None) => t.uncompressed.to_owned(),
            Some(c) => c.name().to_owned(),
            None => String::new(),
        };
        let entries = if has_layers { (t.entries)(l.entries as usize) } else { t.reading_layers.to_owned() };
        let line = l.instruction().unwrap_or_default();
        html! {
            <section class="layer-details" aria-label={t.layer_changes_label}>
                <h3>{ format!("L{} — {line}", l.index) }</h3>
                <p><code>{ l.digest.as_ref().map(ToString::to_string).unwrap_or_default() }</code>{ format!(" · {compression} · {entries}") }</p>
                <ul class="changes">
                    { for l.changes.iter().take(MAX_LISTED).map(|c| {
                        let (cls, sign) = match c.change { ChangeKind::Added => ("added", "+"), ChangeKind::Modified => ("modified", "~"), ChangeKind::Deleted => ("deleted", "−") };
                        html! { <li class={cls} data-path={c.node.path.to_string()}>{ format!("{sign} {}", c.node.path) }</li> }
                    }) }
                </ul>
                { for (l.changes.len() > MAX_LISTED).then(|| html! {
                    <p class="more">{ (t.more_changes)(l.changes.len() - MAX_LISTED) }</p>
                }) }
            </section>
        }
    });
    html! {
        <div class={classes!("stack-view", selected.is_some().then_some("has-details"))} data-view="stack">
            { if p.player { step_bar(&at, &p.on_step) } else { html! {} } }
            <figure class="figure">
                <Figure {scene} {on_activate} {on_hover} nav={!p.presenting} />
                <figcaption>{ info_panel(&hovered) }</figcaption>
                { table(img, has_layers, verifying, t) }
            </figure>
            // A slot that is always there, so showing the details never rebuilds the figure.
            <div class="details-slot">{ for details }</div>
        </div>
    }
}

/// The stack as a table: a row per layer (top first) and per metadata-only step.
fn table(img: &strata_core::Image, has_layers: bool, verifying: bool, t: &strata_i18n::Strings) -> Html {
    let meta = MetadataSteps::of(img);
    let mut rows: Vec<Html> = Vec::new();
    let meta_rows = |steps: &[usize]| -> Vec<Html> {
        steps
            .iter()
            .rev()
            .filter_map(|&i| img.history.get(i))
            .map(|s| html! { <tr class="meta"><td></td><td></td><td></td><td></td><td>{ format!("{} ({})", s.instruction(), t.metadata_only) }</td></tr> })
            .collect()
    };
    for l in img.layers.iter().rev() {
        rows.extend(meta_rows(meta.on(l.index)));
        let verified = match l.verified {
            _ if verifying => t.layer_pending,
            Verified::Ok => t.layer_verified,
            Verified::Mismatch => t.layer_mismatch,
            Verified::Unchecked => t.layer_unchecked,
        };
        let size = if has_layers { bytes(l.size) } else { (t.stored_size)(&bytes(l.blob_size)) };
        let changes =
            if has_layers { format!("+{} ~{} −{}", l.added, l.modified, l.deleted) } else { t.pending.to_owned() };
        let line = l.instruction().unwrap_or_default();
        rows.push(html! {
            <tr data-row-layer={l.index.to_string()}>
                <th scope="row">{ format!("L{}", l.index) }</th>
                <td><code>{ l.diff_id.as_ref().map(|d| d.short().to_owned()).unwrap_or_default() }</code></td>
                <td>{ size }</td><td>{ changes }{ " · " }{ verified }</td>
                <td class="created-by">{ if line.is_empty() { t.no_instruction.to_owned() } else { line } }</td>
            </tr>
        });
    }
    rows.extend(meta_rows(&meta.before_base));
    html! {
        <details class="figure-table">
            <summary>{ t.stack_as_table }</summary>
            <table aria-label={t.stack_label}>
                <thead><tr><th>{ t.col_layer }</th><th>{ t.col_id }</th><th>{ t.col_size }</th><th>{ t.col_changes }</th><th>{ t.col_instruction }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </details>
    }
}
