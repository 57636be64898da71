//! The key facts of an incident or maintenance as a description list.

use leptos::prelude::*;

/// A `<dl>` of label–value pairs, laid out as a compact table.
#[component]
pub fn Facts(
    /// The `<Fact>` entries.
    children: Children,
) -> impl IntoView {
    view! { <dl class="facts">{children()}</dl> }
}

/// One label and its value in [`Facts`].
#[component]
pub fn Fact(
    /// The label (from the catalogue).
    label: &'static str,
    /// The value.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}
