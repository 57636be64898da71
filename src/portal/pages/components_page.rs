//! Placeholder.

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn ComponentsPage() -> impl IntoView {
    view! { <h1>"ComponentsPage"</h1> }
}
