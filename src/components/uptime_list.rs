//! The "Uptime" section of the home page: one bar per showcased component.

use crate::components::UptimeBar;
use crate::i18n::{use_locale, Msg};
use herald_model::herald::UptimeDoc;
use leptos::prelude::*;

/// Every showcased component's uptime bar; nothing when none is showcased.
#[component]
pub fn UptimeList(
    /// `/api/herald/uptime.json`.
    doc: UptimeDoc,
) -> impl IntoView {
    let locale = use_locale();
    (!doc.components.is_empty()).then(|| {
        view! {
            <section class="uptime-list" aria-labelledby="uptime-heading">
                <h2 id="uptime-heading">
                    {locale.fill(Msg::UptimeHeading, &[("days", &doc.days.to_string())])}
                </h2>
                {doc
                    .components
                    .into_iter()
                    .map(|uptime| view! { <UptimeBar uptime /> })
                    .collect_view()}
            </section>
        }
    })
}
