//! The layer stack: one slab per layer, base at the bottom, metadata-only history steps between
//! slabs. Selecting a slab shows its changes.

use super::{bytes, layer_colour};
use strata_core::merge::ChangeKind;
use strata_core::{Analysis, Verified};
use strata_web::i18n::t;
use strata_web::state::{Shared, Stage};
use yew::prelude::*;

/// Changes listed beside the stack; the Filesystem view ("changes in layer K") lists them all.
const MAX_LISTED: usize = 500;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Shared<Analysis>,
    pub image: usize,
    /// Digests are still being checked.
    pub verifying: bool,
    /// How much has been read: at `Outline`, sizes, changes and the tree are not known yet.
    pub stage: Stage,
    pub selected: Option<usize>,
    pub on_select: Callback<Option<usize>>,
}

#[function_component]
pub fn Stack(p: &Props) -> Html {
    let Some(img) = p.analysis.images.get(p.image) else {
        return html! {};
    };
    // Top of the picture = last history step; base at the bottom.
    let mut items: Vec<Html> = Vec::new();
    let mut pending_meta: Vec<String> = Vec::new();
    let mut by_layer: Vec<Vec<String>> = vec![Vec::new(); img.layers.len()];
    for h in &img.history {
        match h.layer {
            Some(l) if l < by_layer.len() => {
                by_layer[l].append(&mut pending_meta);
            }
            _ if h.empty_layer => pending_meta.push(h.created_by.clone()),
            _ => {}
        }
    }
    if !pending_meta.is_empty() {
        items.push(meta_html(&pending_meta));
    }
    for l in img.layers.iter().rev() {
        let idx = l.index;
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
        let diff = l.diff_id.clone().unwrap_or_default();
        let short: String = diff.trim_start_matches("sha256:").chars().take(12).collect();
        let badge = match l.verified {
            _ if p.verifying => "…",
            Verified::Ok => "✓",
            Verified::Mismatch => "✗",
            Verified::Unchecked => "–",
        };
        items.push(html! {
            <div class={classes!("slab", selected.then_some("selected"))} role="button" tabindex="0"
                 aria-pressed={selected.to_string()}
                 data-layer-index={idx.to_string()} data-diff-id={diff.clone()} {onclick} {onkeydown}
                 style={format!("--layer-colour: {}", layer_colour(idx))}>
                <span class="layer-no">{ format!("L{idx}") }</span>
                <code class="diff-id" title={diff}>{ short }</code>
                { if p.stage == Stage::Outline { html! {
                    <span class="size pending" title={t().reading_layers}>{ format!("{} {}", bytes(l.blob_size), t().stored) }</span>
                } } else { html! { <>
                    <span class="size">{ bytes(l.size) }</span>
                    <span class="counts">{ format!("+{} ~{} -{}", l.added, l.modified, l.deleted) }</span>
                </> } } }
                <span class="verified" title={format!("{:?}", l.verified)}>{ badge }</span>
                { for l.shared.then(|| html! { <span class="shared">{ t().shared }</span> }) }
                <span class="created-by" title={l.created_by.clone().unwrap_or_default()}>{ instruction(l.created_by.as_deref().unwrap_or("")) }</span>
            </div>
        });
        if let Some(meta) = by_layer.get(idx) {
            if !meta.is_empty() {
                items.push(meta_html(meta));
            }
        }
    }
    let details = p.selected.and_then(|i| img.layers.get(i)).map(|l| {
        html! {
            <section class="layer-details" aria-label="layer changes">
                <h3>{ format!("L{} — {}", l.index, l.created_by.clone().unwrap_or_default()) }</h3>
                <p><code>{ l.digest.clone().unwrap_or_default() }</code>{ format!(" · {} · {}", match l.compression.as_deref() { Some("none") => t().uncompressed, c => c.unwrap_or_default() },
                    if p.stage == Stage::Outline { t().reading_layers.to_owned() } else { t().entries.replace("{}", &l.entries.to_string()) }) }</p>
                <ul class="changes">
                    { for l.changes.iter().take(MAX_LISTED).map(|c| {
                        let (cls, sign) = match c.change { ChangeKind::Added => ("added", "+"), ChangeKind::Modified => ("modified", "~"), ChangeKind::Deleted => ("deleted", "−") };
                        html! { <li class={cls} data-path={c.node.path.clone()}>{ format!("{sign} {}", c.node.path) }</li> }
                    }) }
                </ul>
                { for (l.changes.len() > MAX_LISTED).then(|| html! {
                    <p class="more">{ t().more_changes.replace("{}", &(l.changes.len() - MAX_LISTED).to_string()) }</p>
                }) }
            </section>
        }
    });
    html! {
        <div class={classes!("stack-view", p.selected.is_some().then_some("has-details"))} data-view="stack">
            <div class="stack" aria-label="layers, top layer first">{ for items }</div>
            { for details }
        </div>
    }
}

fn meta_html(steps: &[String]) -> Html {
    html! {
        <div class="meta-steps" aria-label={t().metadata_only}>
            { for steps.iter().rev().map(|s| html! { <div class="meta">{ format!("{} ({})", instruction(s), t().metadata_only) }</div> }) }
        </div>
    }
}

/// A history step as a Dockerfile line: `/bin/sh -c #(nop)  ENV A=1` → `ENV A=1`,
/// `/bin/sh -c make` → `RUN make` (the full text stays available as the tooltip).
pub fn instruction(created_by: &str) -> String {
    let s = created_by.trim();
    if let Some(rest) = s.strip_prefix("/bin/sh -c #(nop)") {
        return rest.trim().to_owned();
    }
    if let Some(rest) = s.strip_prefix("/bin/sh -c ") {
        return format!("RUN {}", rest.trim());
    }
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::instruction;

    #[test]
    fn history_steps_read_like_a_dockerfile() {
        assert_eq!(instruction("/bin/sh -c #(nop)  ENV A=1"), "ENV A=1");
        assert_eq!(instruction("/bin/sh -c #(nop) COPY file:abc in /x "), "COPY file:abc in /x");
        assert_eq!(instruction("/bin/sh -c rm -rf /tmp/x"), "RUN rm -rf /tmp/x");
        assert_eq!(instruction("RUN /bin/sh -c true # buildkit"), "RUN /bin/sh -c true # buildkit");
    }
}
