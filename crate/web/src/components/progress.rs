//! The progress bar with bytes read, layers done and a Cancel button.

use super::{bytes, use_strings};
use yew::prelude::*;

/// Props of [`Progress`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The file's name.
    pub name: AttrValue,
    /// Bytes read so far.
    pub bytes_done: u64,
    /// The file's size, when known.
    pub bytes_total: Option<u64>,
    /// Layers read to the end.
    pub layers_done: u64,
    /// Cancel was pressed.
    pub on_cancel: Callback<()>,
}

/// The progress panel.
#[function_component]
pub fn Progress(p: &Props) -> Html {
    let t = use_strings();
    let total = p.bytes_total.unwrap_or(0).max(1);
    // The component lives exactly as long as the load: its first render is the start time.
    let started = use_state(now_ms);
    let eta = estimate(now_ms() - *started, p.bytes_done, p.bytes_total)
        .map(|s| format!(" — {}", (t.time_left)(s)))
        .unwrap_or_default();
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    let total_text = p.bytes_total.map(bytes).unwrap_or_else(|| "?".into());
    html! {
        <div class="progress-panel">
            <label for="load-progress">{ (t.reading)(&p.name, &bytes(p.bytes_done), &total_text, p.layers_done) }{ eta }</label>
            <progress id="load-progress" aria-label={t.progress_label} max={total.to_string()} value={p.bytes_done.min(total).to_string()}></progress>
            <button class="cancel" onclick={cancel}>{ t.cancel }</button>
        </div>
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Seconds left at the average rate so far (None until there is a rate to speak of).
pub fn estimate(elapsed_ms: f64, done: u64, total: Option<u64>) -> Option<u64> {
    let total = total?;
    if done == 0 || elapsed_ms < 500.0 || done >= total {
        return None;
    }
    let rate = done as f64 / elapsed_ms;
    Some(((total - done) as f64 / rate / 1000.0).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::estimate;

    #[test]
    fn estimates_from_the_average_rate() {
        assert_eq!(estimate(1000.0, 100, Some(400)), Some(3));
        assert_eq!(estimate(100.0, 100, Some(400)), None, "too early to say");
        assert_eq!(estimate(1000.0, 0, Some(400)), None);
        assert_eq!(estimate(1000.0, 400, Some(400)), None);
        assert_eq!(estimate(1000.0, 10, None), None);
    }
}
