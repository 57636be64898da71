//! The icon that goes with a status, so that no status is told by colour
//! alone: each level has its own shape (check, dash, half-filled circle,
//! cross, clock).

use herald_model::Indicator;
use leptos::prelude::*;

/// A status icon, drawn in the current text colour. Decorative: it always
/// sits beside the status in words, so screen readers skip it.
///
/// Levels are [`Indicator`]s; a component status maps onto one with
/// [`Indicator::from_component`] and an impact with [`Indicator::from_impact`].
#[component]
pub fn StatusIcon(
    /// The level to draw.
    level: Indicator,
) -> impl IntoView {
    let glyph = match level {
        Indicator::None => view! { <path d="M7.5 12.5l3 3 6-6.5" /> }.into_any(),
        Indicator::Minor => view! { <path d="M7.5 12h9" /> }.into_any(),
        Indicator::Major => view! { <path class="fill" d="M12 2a10 10 0 0 1 0 20z" /> }.into_any(),
        Indicator::Critical => view! { <path d="M8.5 8.5l7 7m0-7l-7 7" /> }.into_any(),
        Indicator::Maintenance => view! { <path d="M12 6.5V12l3.5 2.5" /> }.into_any(),
    };
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="24"
            height="24"
            aria-hidden="true"
            focusable="false"
        >
            <circle cx="12" cy="12" r="10" />
            {glyph}
        </svg>
    }
}
