//! The image summary: tags, id, platform, created, size, layers, config, digest state.

use super::bytes;
use strata_core::{Analysis, Verified};
use strata_web::i18n::t;
use strata_web::state::{Shared, Stage};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Shared<Analysis>,
    pub image: usize,
    /// Digests are still being checked (the picture so far comes from headers only).
    pub verifying: bool,
    /// How much has been read: at `Outline`, sizes, changes and the tree are not known yet.
    pub stage: Stage,
    pub on_pick: Callback<usize>,
}

#[function_component]
pub fn Summary(p: &Props) -> Html {
    let Some(img) = p.analysis.images.get(p.image) else {
        return html! {};
    };
    let platform = img.platform();
    let verified = if p.verifying {
        t().digests_verifying
    } else if img.layers.iter().all(|l| l.verified == Verified::Ok) {
        t().digests_ok
    } else if img.layers.iter().any(|l| l.verified == Verified::Mismatch) {
        t().digests_mismatch
    } else {
        t().digests_unchecked
    };
    let tags = if img.tags.is_empty() { t().untagged.to_owned() } else { img.tags.join(", ") };
    // Numbers that need the layers' headers wait for them (never a misleading zero).
    let known = |v: String| if p.stage == Stage::Outline { t().pending.to_owned() } else { v };
    let picker = (p.analysis.images.len() > 1).then(|| {
        let on_pick = p.on_pick.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            on_pick.emit(v.parse().unwrap_or(0));
        });
        html! {
            <label class="picker">{ t().image }{" "}
                <select aria-label="image" {onchange}>
                    { for p.analysis.images.iter().enumerate().map(|(i, im)| html! {
                        <option value={i.to_string()} selected={i == p.image}>
                            { format!("{i}: {}", im.tags.first().cloned().unwrap_or_else(|| im.id.chars().take(19).collect())) }
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
                 data-layer-count={img.layers.len().to_string()} aria-label="image summary">
            { for picker }
            <h2 class="tags">{ tags }</h2>
            <dl>
                <dt>{ t().image_id }</dt><dd title={img.id.clone()}><code>{ img.id.trim_start_matches("sha256:").chars().take(12).collect::<String>() }</code></dd>
                { row(t().platform, platform) }
                { for img.created.clone().map(|c| row(t().created, c)) }
                { row(t().total_size, known(bytes(img.merged.size))) }
                { row(t().layers, img.layers.len().to_string()) }
                { row(t().verified, verified.to_owned()) }
                { row(t().efficiency, known(format!("{:.2} %", img.waste.efficiency * 100.0))) }
                { row(t().wasted, known(bytes(img.waste.wasted_bytes))) }
                { row(t().reclaimable, known(bytes(img.waste.reclaimable_bytes))) }
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
