//! `/portal/admin`: not built yet; the page says so and points
//! to the API, which already has every endpoint it needs.

use crate::i18n::PortalMsg as P;
use crate::portal::t;
use leptos::prelude::*;

/// A heading and a sentence saying the page is not built yet.
#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <h1>{t(P::NavAdmin)}</h1>
        <p class="notice" data-testid="not-built">{t(P::NotBuiltYet)}</p>
    }
}
