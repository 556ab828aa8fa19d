//! The container view's two stacked panels: the writable layer (upperdir) with its entries, over
//! the image's read-only layers (lowerdir).

use crate::components::{bytes, layer_colour};
use strata_core::container::{UpperEntry, UpperState};
use strata_core::layer::EntryKind;
use strata_core::Image;
use strata_i18n::Strings;
use yew::prelude::*;

/// The writable layer: one row per entry with its state; a deleted directory can be made again
/// (`on_make_again`: a file created in it, so the directory comes back opaque).
pub fn upper_panel(
    t: &'static Strings,
    img: &Image,
    upper: &[UpperEntry],
    last: Option<&str>,
    on_make_again: &Callback<String>,
) -> Html {
    let was_dir = |p: &str| img.tree.nodes.iter().any(|n| n.path == p && n.kind == EntryKind::Dir);
    let row = |e: &UpperEntry| {
        let mark = match e.state {
            UpperState::Whiteout => "✕",
            UpperState::Opaque => "⊘",
            UpperState::CopiedUp => "⇡",
            UpperState::Created => "+",
        };
        let meta = match (e.state, e.kind) {
            (UpperState::Whiteout, _) => t.state_whiteout.to_owned(),
            (UpperState::Opaque, _) => t.state_opaque.to_owned(),
            (_, EntryKind::Dir) => String::new(),
            _ => bytes(e.size()),
        };
        let again = (e.state == UpperState::Whiteout && was_dir(&e.path)).then(|| {
            let (on, path) = (on_make_again.clone(), e.path.clone());
            let onclick = Callback::from(move |_: MouseEvent| on.emit(path.clone()));
            html! { <button type="button" class="again" data-action="make-again" data-path={e.path.clone()} {onclick}>{ t.act_make_again }</button> }
        });
        html! {
            <li class={classes!("uentry", e.state.as_str(), (last == Some(e.path.as_str())).then_some("fresh"))}
                data-tile-path={e.path.clone()} data-state={e.state.as_str()}>
                <span class="mark">{ mark }</span>
                <span class="name">{ strata_diagram::text::visible(&e.path) }</span>
                <span class="meta">{ meta }{ for again }</span>
            </li>
        }
    };
    html! {
        <section class="upper" data-testid="container-layer">
            <h3>{ t.upper_title }</h3>
            { if upper.is_empty() {
                html! { <p class="empty">{ t.upper_empty }</p> }
            } else {
                html! { <ul>{ for upper.iter().map(row) }</ul> }
            } }
        </section>
    }
}

/// The read-only image layers under the writable one, top first.
pub fn lower_panel(t: &'static Strings, img: &Image) -> Html {
    html! {
        <section class="lower">
            <h3>{ t.lower_title }</h3>
            <ol class="lower-plates">{ for img.layers.iter().rev().map(|l| html! {
                <li style={format!("--layer-colour: {}", layer_colour(l.index))} data-lower-layer={l.index.to_string()}>
                    <span class="chip">{ format!("L{}", l.index) }</span>
                    <code>{ l.diff_id.as_ref().map(|d| d.short().to_owned()).unwrap_or_default() }</code>
                </li>
            }) }</ol>
        </section>
    }
}
