//! Presenter mode: the keys a teacher knows from slide tools, as a pure function of the state.
//!
//! → Space PageDown next step; ← PageUp previous; Home / End first and last; B or . blacks the
//! screen; F full screen and S the notes window (done by the page: they need the browser); G, a
//! number, Enter jumps to a step; ? lists the keys; Esc closes the list or the black screen, then
//! leaves. P enters.

/// What presenter mode shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presenter {
    /// On.
    pub on: bool,
    /// The screen is black.
    pub blackout: bool,
    /// The key list is shown.
    pub help: bool,
    /// "Go to step" is being typed.
    pub goto: Option<String>,
}

/// What a key did beyond the presenter's own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Move to this step.
    Go(usize),
    /// The key was taken (the page should not act on it too).
    Handled,
}

/// Whether presenter mode takes `key` (so the page stops its default action, e.g. Space scrolling).
pub fn takes(p: &Presenter, key: &str) -> bool {
    if !p.on {
        return matches!(key, "p" | "P");
    }
    p.goto.is_some()
        || matches!(
            key,
            "ArrowRight"
                | "ArrowLeft"
                | " "
                | "PageDown"
                | "PageUp"
                | "Home"
                | "End"
                | "b"
                | "B"
                | "."
                | "f"
                | "F"
                | "s"
                | "S"
                | "g"
                | "G"
                | "?"
                | "Escape"
        )
}

/// Handles `key` at step `step` of `steps`.
pub fn on_key(p: &mut Presenter, key: &str, step: usize, steps: usize) -> Option<Effect> {
    if !p.on {
        if matches!(key, "p" | "P") {
            *p = Presenter { on: true, ..Presenter::default() };
            return Some(Effect::Handled);
        }
        return None;
    }
    if let Some(typed) = &mut p.goto {
        match key {
            k if k.len() == 1 && k.chars().all(|c| c.is_ascii_digit()) && typed.len() < 4 => typed.push_str(k),
            "Backspace" => {
                typed.pop();
            }
            "Enter" => {
                let to = typed.parse::<usize>().ok().map(|k| k.min(steps));
                p.goto = None;
                return Some(to.map_or(Effect::Handled, Effect::Go));
            }
            "Escape" => p.goto = None,
            _ => {}
        }
        return Some(Effect::Handled);
    }
    match key {
        "ArrowRight" | " " | "PageDown" => return Some(Effect::Go((step + 1).min(steps))),
        "ArrowLeft" | "PageUp" => return Some(Effect::Go(step.saturating_sub(1))),
        "Home" => return Some(Effect::Go(0)),
        "End" => return Some(Effect::Go(steps)),
        "b" | "B" | "." => p.blackout = !p.blackout,
        "g" | "G" => p.goto = Some(String::new()),
        "?" => p.help = !p.help,
        "Escape" if p.help => p.help = false,
        "Escape" if p.blackout => p.blackout = false,
        "Escape" => *p = Presenter::default(),
        "f" | "F" | "s" | "S" => {}
        _ => return None,
    }
    Some(Effect::Handled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_keys() {
        let mut p = Presenter::default();
        assert_eq!(on_key(&mut p, "ArrowRight", 0, 5), None, "off: arrows are the page's");
        assert!(takes(&p, "P") && !takes(&p, " "));
        assert_eq!(on_key(&mut p, "P", 0, 5), Some(Effect::Handled));
        assert!(p.on && takes(&p, " "));
        assert_eq!(on_key(&mut p, " ", 5, 5), Some(Effect::Go(5)), "stays at the end");
        assert_eq!(on_key(&mut p, "PageUp", 0, 5), Some(Effect::Go(0)));
        assert_eq!(on_key(&mut p, ".", 2, 5), Some(Effect::Handled));
        assert!(p.blackout);
        assert_eq!(on_key(&mut p, "?", 2, 5), Some(Effect::Handled));
        assert!(p.help);
        on_key(&mut p, "Escape", 2, 5);
        assert!(!p.help && p.blackout && p.on, "Esc closes the key list first");
        on_key(&mut p, "Escape", 2, 5);
        assert!(!p.blackout && p.on, "then the black screen");
        on_key(&mut p, "G", 2, 5);
        for k in ["1", "x", "2", "Backspace", "3"] {
            on_key(&mut p, k, 2, 5);
        }
        assert_eq!(p.goto.as_deref(), Some("13"));
        assert_eq!(on_key(&mut p, "Enter", 2, 5), Some(Effect::Go(5)), "capped at the last step");
        assert_eq!(p.goto, None);
        assert_eq!(on_key(&mut p, "q", 2, 5), None);
        on_key(&mut p, "Escape", 2, 5);
        assert!(!p.on, "then Esc leaves");
    }
}
