//! The problems the core reported next to the analysis, worded from their kinds.

use super::use_strings;
use strata_core::{Problem, Severity};
use yew::prelude::*;

/// Props of [`Problems`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The problems, in the core's order.
    pub problems: Vec<Problem>,
}

/// A folding list; open, and announced, when one of them is an error.
#[function_component]
pub fn Problems(p: &Props) -> Html {
    let t = use_strings();
    if p.problems.is_empty() {
        return html! {};
    }
    let any_error = p.problems.iter().any(|p| p.severity() == Severity::Error);
    html! {
        <details class="problems" open={any_error}>
            <summary role={any_error.then_some("alert")}>{ (t.problem_count)(p.problems.len()) }</summary>
            <ul>{ for p.problems.iter().map(|pr| html! {
                <li class={pr.severity().as_str()} data-code={pr.code()}>{ (t.problem)(pr) }</li>
            }) }</ul>
        </details>
    }
}
