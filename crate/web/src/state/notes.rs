//! The presenter's notes window (key S in presenter mode): a second window showing the step, the
//! caption on screen, the next one and a timer, kept in sync with the presenting window without a
//! server over a `BroadcastChannel` ([`CHANNEL`]). The messages are plain JSON, so either window
//! can be reloaded: a notes window says [`NotesMessage::Hello`] and the presenter answers with the
//! current [`NotesMessage::Show`]; arrows in the notes window send [`NotesMessage::Go`].

use serde::{Deserialize, Serialize};

/// The channel's name (one per origin: every Strata tab of a site shares it).
pub const CHANNEL: &str = "strata-presenter";

/// What the windows say to each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum NotesMessage {
    /// A notes window opened: the presenter should say where it is.
    Hello,
    /// Where the presenter is.
    Show(Slide),
    /// The notes window asks the presenter to go to a step.
    Go {
        /// The step.
        step: usize,
    },
}

/// What the notes window shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slide {
    /// The image's name.
    pub image: String,
    /// The step on screen (0 = the empty image).
    pub step: usize,
    /// How many steps there are.
    pub steps: usize,
    /// The caption on screen.
    pub now: String,
    /// The next step's caption (none at the last step).
    pub next: Option<String>,
}

impl NotesMessage {
    /// The message as the channel carries it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A message read from the channel (`None` for anything else posted on it).
    pub fn from_json(text: &str) -> Option<NotesMessage> {
        serde_json::from_slice(text.as_bytes()).ok()
    }
}

/// The step a key in the notes window asks for (→ Space PageDown next, ← PageUp previous, Home,
/// End), if any.
pub fn key_step(key: &str, step: usize, steps: usize) -> Option<usize> {
    match key {
        "ArrowRight" | " " | "PageDown" => Some((step + 1).min(steps)),
        "ArrowLeft" | "PageUp" => Some(step.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(steps),
        _ => None,
    }
}

/// `mm:ss` (or `h:mm:ss` past an hour) of `seconds`.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_strangers_are_ignored() {
        let show = NotesMessage::Show(Slide {
            image: "vizapp:1".into(),
            step: 2,
            steps: 5,
            now: "RUN make — adds 3 files (1 kB)".into(),
            next: None,
        });
        for m in [NotesMessage::Hello, show, NotesMessage::Go { step: 4 }] {
            assert_eq!(NotesMessage::from_json(&m.to_json()), Some(m));
        }
        assert_eq!(NotesMessage::Hello.to_json(), r#"{"type":"hello"}"#);
        assert_eq!(NotesMessage::from_json(r#"{"type":"other"}"#), None);
        assert_eq!(NotesMessage::from_json("not json"), None);
    }

    #[test]
    fn keys_and_the_clock() {
        assert_eq!(key_step("ArrowRight", 5, 5), Some(5));
        assert_eq!(key_step("PageUp", 0, 5), Some(0));
        assert_eq!(key_step("End", 1, 5), Some(5));
        assert_eq!(key_step("x", 1, 5), None);
        assert_eq!((clock(0), clock(75), clock(3725)), ("00:00".into(), "01:15".into(), "1:02:05".into()));
    }
}
