//! The external update exactly as the public page will render it: the
//! public page's own [`IncidentCard`], fed an incident built from the form.

use crate::components::IncidentCard;
use crate::i18n::PortalMsg as P;
use crate::portal::t;
use chrono::{DateTime, Utc};
use herald_model::v2::{Component, Incident, IncidentUpdate};
use herald_model::{ComponentStatus, Impact, IncidentStatus};
use leptos::prelude::*;

/// A component as the public documents describe it, for a preview (only
/// its id, name and status are shown).
pub fn preview_component(
    id: &str,
    name: &str,
    status: ComponentStatus,
    now: DateTime<Utc>,
) -> Component {
    Component {
        id: id.to_owned(),
        name: name.to_owned(),
        status,
        created_at: now,
        updated_at: now,
        position: 0,
        description: None,
        showcase: false,
        start_date: None,
        group_id: None,
        page_id: String::new(),
        group: false,
        only_show_if_degraded: false,
        components: None,
    }
}

/// A public update, for a preview.
pub fn preview_update(status: IncidentStatus, body: &str, at: DateTime<Utc>) -> IncidentUpdate {
    IncidentUpdate {
        id: format!("preview-{}", at.timestamp_millis()),
        status: status.into(),
        body: body.to_owned(),
        incident_id: "preview".to_owned(),
        created_at: at,
        updated_at: at,
        display_at: at,
        affected_components: Vec::new(),
        deliver_notifications: true,
        custom_tweet: None,
        tweet_id: None,
    }
}

/// The incident as the public page will show it once `body` is published
/// at `now` with `status`, after the `earlier` public updates.
pub fn preview_incident(
    title: &str,
    status: IncidentStatus,
    impact: Impact,
    components: Vec<Component>,
    earlier: Vec<IncidentUpdate>,
    body: &str,
    now: DateTime<Utc>,
) -> Incident {
    let mut updates = earlier;
    updates.push(preview_update(status, body, now));
    Incident {
        id: "preview".to_owned(),
        name: title.to_owned(),
        status,
        impact,
        created_at: now,
        updated_at: now,
        // The public card does not show it.
        started_at: now,
        monitoring_at: None,
        resolved_at: None,
        shortlink: String::new(),
        page_id: String::new(),
        components,
        incident_updates: updates,
    }
}

/// The public page's rendering of `incident`, or a note that nothing goes
/// public.
#[component]
pub fn ExternalPreview(
    /// The incident as it will be public.
    #[prop(into)]
    incident: Signal<Incident>,
    /// Whether anything goes public at all (not for internal-only incidents,
    /// drills and internal notes).
    #[prop(into)]
    public: Signal<bool>,
) -> impl IntoView {
    view! {
        <section class="preview external-preview" data-testid="external-preview" aria-labelledby="external-preview-heading">
            <h2 id="external-preview-heading">{t(P::ExternalPreviewHeading)}</h2>
            <p class="hint">{t(P::ExternalPreviewHint)}</p>
            {move || {
                if public.get() {
                    view! { <div class="public-look"><IncidentCard incident=incident.get() /></div> }.into_any()
                } else {
                    view! { <p class="nothing-public" data-testid="nothing-public">{t(P::NothingPublic)}</p> }
                        .into_any()
                }
            }}
        </section>
    }
}
