//! Placeholder.

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn AdminPage() -> impl IntoView {
    view! { <h1>"AdminPage"</h1> }
}
