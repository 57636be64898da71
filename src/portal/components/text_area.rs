//! A labelled multi-line input.

use leptos::prelude::*;

/// A `<label>` and a `<textarea>` bound to a value, with an optional hint
/// and problem.
#[component]
pub fn TextArea(
    /// The textarea's id (the label points at it).
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// A hint under the textarea.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// What is wrong with the value, if anything.
    #[prop(optional, into)]
    problem: MaybeProp<String>,
    /// Visible lines.
    #[prop(optional, default = 4)]
    rows: u32,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    let described = {
        let p = problem_id.clone();
        move || problem.get().is_some().then(|| p.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                name=id.clone()
                rows=rows
                prop:value=move || value.get()
                aria-invalid=move || problem.get().is_some().then_some("true")
                aria-describedby=described
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            {move || hint.get().map(|h| view! { <p class="hint">{h}</p> })}
            {move || {
                problem.get().map(|p| view! { <p class="problem" id=problem_id.clone()>{p}</p> })
            }}
        </div>
    }
}
