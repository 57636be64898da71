//! The "Active incidents" section of the status page.

use crate::components::IncidentCard;
use crate::i18n::{use_locale, Msg};
use herald_model::v2::Incident;
use leptos::prelude::*;

/// The unresolved incidents, in the order given; nothing at all when there
/// are none (the banner already says all is well).
#[component]
pub fn IncidentList(
    /// The unresolved incidents, newest first.
    incidents: Vec<Incident>,
) -> impl IntoView {
    (!incidents.is_empty()).then(|| {
        view! {
            <section class="incidents" aria-labelledby="incidents-heading">
                <h2 id="incidents-heading">{use_locale().text(Msg::IncidentsHeading)}</h2>
                {incidents
                    .into_iter()
                    .map(|incident| view! { <IncidentCard incident /> })
                    .collect_view()}
            </section>
        }
    })
}
