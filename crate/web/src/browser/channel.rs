//! A `BroadcastChannel` between the windows of one origin (the presenter and its notes window).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An open channel; closed when dropped.
pub struct Channel {
    channel: web_sys::BroadcastChannel,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Channel {
    /// Opens channel `name`; `f` gets every text message another window posts on it.
    pub fn open(name: &str, f: impl Fn(String) + 'static) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                f(text);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Channel { channel, _on_message: on_message })
    }

    /// Posts `text` to the other windows.
    pub fn post(&self, text: &str) {
        let _ = self.channel.post_message(&JsValue::from_str(text));
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Opens (or brings back) the notes window at `url`.
pub fn open_window(url: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(Some(notes)) = w.open_with_url_and_target_and_features(url, "strata-notes", "width=900,height=560") {
            let _ = notes.focus();
        }
    }
}
