//! One upcoming or active scheduled maintenance.

use crate::components::{AffectedComponents, LocalTime, StatusIcon, UpdateList};
use crate::i18n::{use_locale, Msg};
use herald_model::v2::ScheduledMaintenance;
use herald_model::{Indicator, UpdateStatus};
use leptos::prelude::*;
use leptos_router::components::A;

/// A maintenance: title, status, planned window in the viewer's time zone,
/// the components under maintenance and its public updates.
#[component]
pub fn MaintenanceCard(
    /// The maintenance to show.
    maintenance: ScheduledMaintenance,
) -> impl IntoView {
    let locale = use_locale();
    let heading_id = format!("maintenance-{}", maintenance.id);
    let labelled_by = heading_id.clone();
    let id = maintenance.id.clone();
    view! {
        <article
            class="card maintenance level-maintenance"
            data-testid="maintenance"
            data-maintenance-id=id
            data-status=maintenance.status.as_str()
            aria-labelledby=labelled_by
        >
            <header class="card-head">
                <h3 id=heading_id>
                    <A href=format!("/maintenances/{}", maintenance.id)>{maintenance.name}</A>
                </h3>
                <p class="status level-maintenance" data-testid="maintenance-status">
                    <StatusIcon level=Indicator::Maintenance />
                    <span class="status-label">
                        {locale.text(Msg::Update(UpdateStatus::from(maintenance.status)))}
                    </span>
                </p>
            </header>
            <p class="window" data-testid="maintenance-window">
                <span class="window-label">{locale.text(Msg::MaintenanceWindow)}</span>
                " "
                <LocalTime at=maintenance.scheduled_for />
                {format!(" {} ", locale.text(Msg::RangeSeparator))}
                <LocalTime at=maintenance.scheduled_until />
            </p>
            <AffectedComponents components=maintenance.components />
            <UpdateList updates=maintenance.incident_updates />
        </article>
    }
}
