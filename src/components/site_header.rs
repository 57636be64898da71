//! The band at the top of every page.

use leptos::prelude::*;

/// The `<header>` landmark; pages put their title in it.
#[component]
pub fn SiteHeader(
    /// The header's content (the page title).
    children: Children,
) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap">{children()}</div>
        </header>
    }
}
