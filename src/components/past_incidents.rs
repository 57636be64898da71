//! The "Past incidents" section of the home page: the last days, newest
//! first, each with its incidents or a sentence saying there were none.

use crate::components::{LocalTime, StatusIcon};
use crate::i18n::{use_locale, Msg};
use crate::past_days::PastDay;
use crate::site::link_rel;
use herald_model::v2::Incident;
use herald_model::Indicator;
use leptos::prelude::*;
use leptos_router::components::A;

/// The past days (as [`crate::past_days::past_days`] made them) and a link
/// to the whole history.
#[component]
pub fn PastIncidents(
    /// The days to show, newest first.
    days: Vec<PastDay>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="past" aria-labelledby="past-heading">
            <h2 id="past-heading">{locale.text(Msg::PastIncidentsHeading)}</h2>
            {days
                .into_iter()
                .map(|day| {
                    let heading_id = format!("past-{}", day.date);
                    let labelled_by = heading_id.clone();
                    let body = if day.incidents.is_empty() {
                        view! { <p class="muted">{locale.text(Msg::NoIncidentsReported)}</p> }
                            .into_any()
                    } else {
                        view! {
                            <ul class="past-incidents" role="list">
                                {day.incidents.into_iter().map(past_incident).collect_view()}
                            </ul>
                        }
                            .into_any()
                    };
                    view! {
                        <section
                            class="past-day"
                            data-testid="past-day"
                            data-date=day.date.to_string()
                            aria-labelledby=labelled_by
                        >
                            <h3 id=heading_id>{locale.date(day.date)}</h3>
                            {body}
                        </section>
                    }
                })
                .collect_view()}
            <p class="more">
                <A href="/history" attr:rel=link_rel("/history")>{locale.text(Msg::ShowHistory)}</A>
            </p>
        </section>
    }
}

/// One incident of a past day: its title as a link to its permalink, its
/// impact and its latest update.
fn past_incident(incident: Incident) -> impl IntoView {
    let locale = use_locale();
    let level = Indicator::from_impact(incident.impact);
    let latest = incident
        .incident_updates
        .iter()
        .max_by_key(|u| u.display_at)
        .cloned();
    view! {
        <li class=format!("past-incident level-{}", level.as_str()) data-testid="past-incident">
            <p class="past-title">
                <A href=format!("/incidents/{}", incident.id)>{incident.name}</A>
                <span class=format!("status level-{}", level.as_str())>
                    <StatusIcon level />
                    <span class="status-label">{locale.text(Msg::Impact(incident.impact))}</span>
                </span>
            </p>
            {latest
                .map(|update| {
                    view! {
                        <p class="past-update">
                            <strong>{locale.text(Msg::Update(update.status))}</strong>
                            " – "
                            {update.body}
                        </p>
                        <p class="past-time">
                            <LocalTime at=update.display_at />
                        </p>
                    }
                })}
        </li>
    }
}
