//! The presenting window's side of the notes window: what it shows, and the channel to it.

use crate::state::notes::Slide;
use crate::state::AppState;

thread_local! {
    /// The slide last told to the notes window, for one that opens later.
    static SLIDE: std::cell::RefCell<Option<Slide>> = const { std::cell::RefCell::new(None) };
}

thread_local! {
    /// The channel to the notes window.
    static NOTES: std::cell::RefCell<Option<crate::browser::channel::Channel>> = const { std::cell::RefCell::new(None) };
}

/// What the notes window shows for `state`: the step, its caption and the next one.
pub fn slide(state: &AppState) -> Option<Slide> {
    use crate::components::player::caption_words;
    use strata_core::steps::{build_steps, step_facts};
    let img = state.analysis.as_ref()?.images.get(state.route.image)?;
    let steps = build_steps(img);
    let (k, n) = (state.step(), steps.len());
    let t = state.strings();
    Some(Slide {
        image: strata_diagram::stack::image_name(img),
        step: k,
        steps: n,
        now: caption_words(t, &step_facts(img, &steps, k)),
        next: (k < n).then(|| caption_words(t, &step_facts(img, &steps, k + 1))),
    })
}

/// Tells the notes window (if one listens) what is on screen now.
pub fn tell(slide: &Slide) {
    SLIDE.with(|l| *l.borrow_mut() = Some(slide.clone()));
    post(&crate::state::notes::NotesMessage::Show(slide.clone()));
}

fn post(message: &crate::state::notes::NotesMessage) {
    NOTES.with(|c| {
        if let Some(c) = c.borrow().as_ref() {
            c.post(&message.to_json());
        }
    });
}

/// Opens the channel to the notes window: a window that says hello gets the slide on screen; one
/// that asks for a step moves the player.
pub fn open_channel(dispatch: yew::UseReducerDispatcher<AppState>) {
    use crate::state::notes::{NotesMessage, CHANNEL};
    use crate::state::Action;
    let channel = crate::browser::channel::Channel::open(CHANNEL, move |text| match NotesMessage::from_json(&text) {
        Some(NotesMessage::Hello) => {
            if let Some(s) = SLIDE.with(|s| s.borrow().clone()) {
                post(&NotesMessage::Show(s));
            }
        }
        Some(NotesMessage::Go { step }) => dispatch.dispatch(Action::Step(Some(step))),
        _ => {}
    });
    NOTES.with(|c| *c.borrow_mut() = channel);
}
