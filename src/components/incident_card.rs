//! One unresolved incident: what is wrong, how badly, where, and what the
//! team has said so far.

use crate::components::{AffectedComponents, StatusIcon, UpdateList};
use crate::i18n::{use_locale, Msg};
use herald_model::v2::Incident;
use herald_model::Indicator;
use leptos::prelude::*;
use leptos_router::components::A;

/// An incident as customers see it: title, impact (icon and words),
/// affected components and every public update, newest first.
#[component]
pub fn IncidentCard(
    /// The incident to show.
    incident: Incident,
) -> impl IntoView {
    let locale = use_locale();
    let level = Indicator::from_impact(incident.impact);
    let heading_id = format!("incident-{}", incident.id);
    let labelled_by = heading_id.clone();
    let id = incident.id.clone();
    view! {
        <article
            class=format!("card incident level-{}", level.as_str())
            data-testid="incident"
            data-incident-id=id
            data-impact=incident.impact.as_str()
            data-status=incident.status.as_str()
            aria-labelledby=labelled_by
        >
            <header class="card-head">
                <h3 id=heading_id>
                    <A href=format!("/incidents/{}", incident.id)>{incident.name}</A>
                </h3>
                <p class=format!("status level-{}", level.as_str()) data-testid="incident-impact">
                    <StatusIcon level />
                    <span class="status-label">{locale.text(Msg::Impact(incident.impact))}</span>
                </p>
            </header>
            <AffectedComponents components=incident.components />
            <UpdateList updates=incident.incident_updates />
        </article>
    }
}
