//! The presenter's notes window (`?notes=1`, opened by S in presenter mode): the step, the caption
//! on screen, the next one and a timer, from the presenting window over a `BroadcastChannel`
//! ([`crate::state::notes`]). Its arrows move the presenter too.
//!
//! Hooks: `data-testid="notes"` on the page; `data-testid="notes-step"` with `data-step` and
//! `data-steps`; `notes-now`, `notes-next`, `notes-timer`.

use crate::state::notes::{clock, Slide};
use strata_i18n::Lang;
use yew::prelude::*;

/// Props of [`NotesPage`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The language.
    pub lang: Lang,
}

/// The notes window.
#[function_component]
pub fn NotesPage(p: &Props) -> Html {
    let t = p.lang.strings();
    let slide = use_state(|| None::<Slide>);
    let seconds = use_state(|| 0u64);
    let channel = use_mut_ref(|| None::<crate::browser::channel::Channel>);
    {
        use crate::browser::{channel::Channel, document};
        use crate::state::notes::{key_step, NotesMessage, CHANNEL};
        let (slide, channel) = (slide.clone(), channel.clone());
        let lang = p.lang;
        use_effect_with((), move |_| {
            document::set_language(lang.tag(), lang.strings().notes_title);
            let shown = std::rc::Rc::new(std::cell::RefCell::new(None::<Slide>));
            let on_show = shown.clone();
            let opened = Channel::open(CHANNEL, move |text| {
                if let Some(NotesMessage::Show(s)) = NotesMessage::from_json(&text) {
                    *on_show.borrow_mut() = Some(s.clone());
                    slide.set(Some(s));
                }
            });
            if let Some(c) = &opened {
                c.post(&NotesMessage::Hello.to_json());
            }
            *channel.borrow_mut() = opened;
            let keys = channel.clone();
            document::on_page_key(
                move |k| {
                    let go = shown.borrow().as_ref().and_then(|s| key_step(&k, s.step, s.steps));
                    if let (Some(step), Some(c)) = (go, keys.borrow().as_ref()) {
                        c.post(&NotesMessage::Go { step }.to_json());
                    }
                },
                |k| key_step(k, 0, 1).is_some(),
            )
            .forever();
        });
        let seconds = seconds.clone();
        use_effect_with(*seconds, move |&s| {
            let timer = document::Timeout::new(1000, move || seconds.set(s + 1));
            move || drop(timer)
        });
    }
    let go = |to: Option<usize>| {
        let channel = channel.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(step), Some(c)) = (to, channel.borrow().as_ref()) {
                c.post(&crate::state::notes::NotesMessage::Go { step }.to_json());
            }
        })
    };
    let restart = {
        let seconds = seconds.clone();
        Callback::from(move |_: MouseEvent| seconds.set(0))
    };
    let body = match &*slide {
        None => html! { <p class="notes-waiting">{ t.notes_waiting }</p> },
        Some(s) => html! {
            <>
                <p class="notes-step" data-testid="notes-step" data-step={s.step.to_string()} data-steps={s.steps.to_string()}>
                    <strong>{ (t.step_of)(s.step, s.steps) }</strong>{ format!("  ·  {}", s.image) }
                </p>
                <section class="notes-now"><h2>{ t.notes_now }</h2><p data-testid="notes-now">{ s.now.clone() }</p></section>
                <section class="notes-next"><h2>{ t.notes_next }</h2>
                    <p data-testid="notes-next">{ s.next.clone().unwrap_or_else(|| t.notes_end.to_owned()) }</p></section>
                <nav class="notes-nav">
                    <button type="button" data-action="prev" onclick={go(s.step.checked_sub(1))} disabled={s.step == 0}>{ t.player_prev }</button>
                    <button type="button" data-action="next" onclick={go((s.step < s.steps).then_some(s.step + 1))}
                            disabled={s.step >= s.steps}>{ t.player_next }</button>
                </nav>
            </>
        },
    };
    html! {
        <main class="notes" lang={p.lang.tag()} data-testid="notes">
            <header>
                <h1>{ t.notes_title }</h1>
                <span class="notes-timer" data-testid="notes-timer" role="timer">{ clock(*seconds) }</span>
                <button type="button" data-action="restart-timer" onclick={restart}>{ t.notes_timer_reset }</button>
            </header>
            { body }
        </main>
    }
}
