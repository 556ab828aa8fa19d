//! The step-through player and the caption of the step it shows.
//!
//! Hooks: the player `data-testid="player"` with `data-step` (0 = the empty image) and
//! `data-steps`; the caption `data-testid="caption"` with `data-added`, `data-modified` and
//! `data-deleted` of its step (all 0 for a metadata-only step and for the empty image).

use super::{bytes, use_strings};
use strata_core::steps::StepFacts;
use yew::prelude::*;

/// Props of [`Player`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The step shown (0 = the empty image).
    pub step: usize,
    /// How many steps there are.
    pub steps: usize,
    /// Go to a step.
    pub on_step: Callback<usize>,
}

/// First, previous, play/pause, next, last, and a slider; ←/→/Home/End while it has the focus.
#[function_component]
pub fn Player(p: &Props) -> Html {
    let t = use_strings();
    let playing = use_state(|| false);
    // While playing, the next step comes after a pause; at the end, playing stops.
    {
        let (playing, on_step, step, steps) = (playing.clone(), p.on_step.clone(), p.step, p.steps);
        use_effect_with((*playing, step, steps), move |&(on, step, steps)| {
            let timer = (on && step < steps)
                .then(|| crate::browser::document::Timeout::new(1800, move || on_step.emit(step + 1)));
            if on && step >= steps {
                playing.set(false);
            }
            move || {
                drop(timer);
            }
        });
    }
    let go = |to: usize| {
        let on_step = p.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(to))
    };
    let toggle = {
        let playing = playing.clone();
        let (on_step, step, steps) = (p.on_step.clone(), p.step, p.steps);
        Callback::from(move |_: MouseEvent| {
            if !*playing && step >= steps {
                on_step.emit(0);
            }
            playing.set(!*playing);
        })
    };
    let onkeydown = {
        let (on_step, step, steps) = (p.on_step.clone(), p.step, p.steps);
        Callback::from(move |e: KeyboardEvent| {
            let to = match e.key().as_str() {
                "ArrowRight" => (step + 1).min(steps),
                "ArrowLeft" => step.saturating_sub(1),
                "Home" => 0,
                "End" => steps,
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            on_step.emit(to);
        })
    };
    let oninput = {
        let on_step = p.on_step.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            on_step.emit(v.parse().unwrap_or(0));
        })
    };
    let (prev, next) = (p.step.saturating_sub(1), (p.step + 1).min(p.steps));
    html! {
        <div class="player" data-testid="player" data-step={p.step.to_string()} data-steps={p.steps.to_string()}
             role="group" aria-label={t.player_label} {onkeydown}>
            <button type="button" data-action="first" aria-label={t.player_first} title={t.player_first} onclick={go(0)} disabled={p.step == 0}>{ icon("first") }</button>
            <button type="button" data-action="prev" aria-label={t.player_prev} title={t.player_prev} onclick={go(prev)} disabled={p.step == 0}>{ icon("prev") }</button>
            <button type="button" data-action="play" aria-label={if *playing { t.player_pause } else { t.player_play }}
                    title={if *playing { t.player_pause } else { t.player_play }} aria-pressed={playing.to_string()} onclick={toggle}>
                { if *playing { icon("pause") } else { icon("play") } }</button>
            <button type="button" data-action="next" aria-label={t.player_next} title={t.player_next} onclick={go(next)} disabled={p.step >= p.steps}>{ icon("next") }</button>
            <button type="button" data-action="last" aria-label={t.player_last} title={t.player_last} onclick={go(p.steps)} disabled={p.step >= p.steps}>{ icon("last") }</button>
            <input type="range" min="0" max={p.steps.to_string()} value={p.step.to_string()} aria-label={t.player_label} {oninput} />
            <span class="step-of">{ (t.step_of)(p.step, p.steps) }</span>
        </div>
    }
}

/// An icon drawn by the stylesheet (a clip path in the text colour: no icon font, which not every
/// system has, and no `<svg>`, so the view's only SVG is its figure).
fn icon(name: &'static str) -> Html {
    html! { <span class={classes!("icon", format!("icon-{name}"))} aria-hidden="true"></span> }
}

/// Props of [`Caption`].
#[derive(Properties, PartialEq)]
pub struct CaptionProps {
    /// What the step did.
    pub facts: StepFacts,
}

/// The sentence that says what a step did, worded from the core's facts.
#[function_component]
pub fn Caption(p: &CaptionProps) -> Html {
    let t = use_strings();
    let (added, modified, deleted) = match &p.facts {
        StepFacts::Layer { added, modified, deleted, .. } => (*added, *modified, *deleted),
        _ => (0, 0, 0),
    };
    html! {
        <p class="caption" data-testid="caption" aria-live="polite" data-added={added.to_string()}
           data-modified={modified.to_string()} data-deleted={deleted.to_string()}>{ caption_words(t, &p.facts) }</p>
    }
}

/// The caption of a step in the words of `t` (the page's and the notes window's).
pub fn caption_words(t: &strata_i18n::Strings, facts: &StepFacts) -> String {
    let size = match facts {
        StepFacts::Layer { added_bytes, .. } => *added_bytes,
        _ => 0,
    };
    (t.caption)(facts, &bytes(size))
}
