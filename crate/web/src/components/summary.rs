//! The image summary: tags, id, platform, created, size, layers, config, digest verdict.

use super::{bytes, use_strings};
use crate::state::Shared;
use strata_core::{Analysis, DigestVerdict};
use yew::prelude::*;

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image shown.
    pub image: usize,
    /// Reading is still going on (a verdict still pending is "verifying", not "not checked").
    pub loading: bool,
    /// Another image was picked.
    pub on_pick: Callback<usize>,
}

/// The summary card.
#[function_component]
pub fn Summary(p: &Props) -> Html {
    let t = use_strings();
    let Some(img) = p.analysis.images.get(p.image) else {
        return html! {};
    };
    let verdict = match p.analysis.digest_verdict(p.image) {
        DigestVerdict::Pending if p.loading => t.digests_verifying,
        DigestVerdict::Pending => t.digests_not_checked,
        DigestVerdict::Verified => t.digests_ok,
        DigestVerdict::Mismatch => t.digests_mismatch,
        DigestVerdict::Unchecked => t.digests_unchecked,
    };
    let tags = if img.tags.is_empty() { t.untagged.to_owned() } else { img.tags.join(", ") };
    // Numbers that need the layers' headers wait for them (never a misleading zero).
    let known = |v: String| if p.analysis.stage.has_layers() { v } else { t.pending.to_owned() };
    let picker = (p.analysis.images.len() > 1).then(|| {
        let on_pick = p.on_pick.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            on_pick.emit(v.parse().unwrap_or(0));
        });
        html! {
            <label class="picker">{ t.image }{" "}
                <select aria-label={t.image} {onchange}>
                    { for p.analysis.images.iter().enumerate().map(|(i, im)| html! {
                        <option value={i.to_string()} selected={i == p.image}>
                            { format!("{i}: {}", im.tags.first().map_or_else(|| im.short_id().to_owned(), Clone::clone)) }
                        </option>
                    }) }
                </select>
            </label>
        }
    });
    let c = &img.config;
    let row = |k: &str, v: String| html! { <><dt>{ k.to_owned() }</dt><dd>{ v }</dd></> };
    html! {
        <section class="summary" data-testid="image-summary" data-image-id={img.id.clone()}
                 data-layer-count={img.layers.len().to_string()} data-stage={stage_key(p.analysis.stage)}
                 aria-label={t.summary_label}>
            { for picker }
            <h2 class="tags">{ tags }</h2>
            <dl>
                <dt>{ t.image_id }</dt><dd title={img.id.clone()}><code>{ img.short_id().to_owned() }</code></dd>
                { row(t.platform, img.platform()) }
                { for img.created.as_deref().map(|c| row(t.created, (t.date)(c))) }
                { row(t.total_size, known(bytes(img.merged.size))) }
                { row(t.layers, img.layers.len().to_string()) }
                { row(t.digests, verdict.to_owned()) }
                { row(t.efficiency, known(format!("{:.2} %", img.waste.efficiency * 100.0))) }
                { row(t.wasted, known(bytes(img.waste.wasted_bytes))) }
                { row(t.reclaimable, known(bytes(img.waste.reclaimable_bytes))) }
                { for c.cmd.as_ref().map(|v| row("CMD", v.join(" "))) }
                { for c.entrypoint.as_ref().map(|v| row("ENTRYPOINT", v.join(" "))) }
                { for c.user.as_ref().map(|v| row("USER", v.clone())) }
                { for c.working_dir.as_ref().map(|v| row("WORKDIR", v.clone())) }
                { for (!c.exposed_ports.is_empty()).then(|| row("EXPOSE", c.exposed_ports.join(" "))) }
                { for (!c.env.is_empty()).then(|| row("ENV", c.env.join("  "))) }
                { for c.labels.iter().map(|(k, v)| row("LABEL", format!("{k}={v}"))) }
            </dl>
        </section>
    }
}

/// How far reading got, as the summary's `data-stage` says it.
fn stage_key(stage: strata_core::Stage) -> &'static str {
    match stage {
        strata_core::Stage::Outline => "outline",
        strata_core::Stage::Structure => "structure",
        strata_core::Stage::Complete => "complete",
    }
}
