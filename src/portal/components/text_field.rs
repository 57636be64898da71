//! A labelled single-line input.

use leptos::prelude::*;

/// A `<label>` and an `<input>` bound to a value, with an optional hint and
/// problem (announced, and marking the input invalid).
#[component]
pub fn TextField(
    /// The input's id (the label points at it).
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
    /// The input type (`text`, `email`, `password`, `url`, `datetime-local`, `number`).
    #[prop(optional, default = "text")]
    kind: &'static str,
    /// A hint under the input.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// What is wrong with the value, if anything.
    #[prop(optional, into)]
    problem: MaybeProp<String>,
    /// Whether the field must be filled.
    #[prop(optional)]
    required: bool,
    /// The browser's autocomplete hint.
    #[prop(optional, default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let problem_id = format!("{id}-problem");
    let problem_testid = problem_id.clone();
    let described = {
        let (h, p) = (hint_id.clone(), problem_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.get().is_some() {
                ids.push(h.clone());
            }
            if problem.get().is_some() {
                ids.push(p.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=id.clone()
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=move || value.get()
                aria-invalid=move || problem.get().is_some().then_some("true")
                aria-describedby=described
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {move || hint.get().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                problem
                    .get()
                    .map(|p| {
                        view! {
                            <p class="problem" id=problem_id.clone() data-testid=problem_testid.clone()>
                                {p}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
