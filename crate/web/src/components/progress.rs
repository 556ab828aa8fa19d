//! The progress bar with bytes read, layers done and a Cancel button.

use super::bytes;
use strata_web::i18n::t;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub name: AttrValue,
    pub bytes_done: u64,
    pub bytes_total: Option<u64>,
    pub layers_done: u64,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn Progress(p: &Props) -> Html {
    let total = p.bytes_total.unwrap_or(0).max(1);
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="progress-panel">
            <label for="load-progress">{ format!("{} {} — {} / {}, {} {}", t().reading, p.name, bytes(p.bytes_done),
                p.bytes_total.map(bytes).unwrap_or_else(|| "?".into()), p.layers_done, t().layers_done) }</label>
            <progress id="load-progress" max={total.to_string()} value={p.bytes_done.min(total).to_string()}></progress>
            <button class="cancel" onclick={cancel}>{ t().cancel }</button>
        </div>
    }
}
