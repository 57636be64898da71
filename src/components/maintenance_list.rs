//! The "Scheduled maintenance" section of the status page.

use crate::components::MaintenanceCard;
use crate::i18n::{use_locale, Msg};
use herald_model::v2::ScheduledMaintenance;
use leptos::prelude::*;

/// Upcoming and active maintenances, in the order given; nothing at all
/// when there are none.
#[component]
pub fn MaintenanceList(
    /// The maintenances, soonest first.
    maintenances: Vec<ScheduledMaintenance>,
) -> impl IntoView {
    (!maintenances.is_empty()).then(|| {
        view! {
            <section class="maintenances" aria-labelledby="maintenance-heading">
                <h2 id="maintenance-heading">{use_locale().text(Msg::MaintenanceHeading)}</h2>
                {maintenances
                    .into_iter()
                    .map(|maintenance| view! { <MaintenanceCard maintenance /> })
                    .collect_view()}
            </section>
        }
    })
}
