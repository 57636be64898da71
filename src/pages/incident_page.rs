//! `/incidents/:id`: one incident's permalink, with its whole public
//! timeline, from `/api/herald/incidents/{id}.json`.

use super::permalink_doc::{permalink_body, permalink_doc};
use crate::api::fetch_incident;
use crate::components::{
    AffectedComponents, Fact, Facts, LocalTime, SiteFooter, SiteHeader, SiteTitle, StatusIcon,
    UpdateList,
};
use crate::i18n::{use_locale, Msg};
use crate::seed::SeedPage;
use crate::site::use_site_name;
use herald_model::v2::Incident;
use herald_model::{Indicator, UpdateStatus};
use leptos::prelude::*;

/// An incident as customers see it after the fact: title, impact, status,
/// affected components, when it started and ended, how long it lasted, and
/// every public update.
#[component]
pub fn IncidentPage() -> impl IntoView {
    let locale = use_locale();
    let site = use_site_name();
    let doc = permalink_doc(
        "incidents",
        |page| match page {
            SeedPage::Incident(doc) => Some(*doc),
            _ => None,
        },
        fetch_incident,
    );
    Effect::new(move || {
        let title = doc.with(|answer| match answer {
            Some(Ok(doc)) => {
                site.0.set(Some(doc.page.name.clone()));
                Some(locale.fill(
                    Msg::PageDocumentTitle,
                    &[("title", &doc.incident.name), ("name", &doc.page.name)],
                ))
            }
            Some(Err(_)) => Some(locale.text(Msg::IncidentNotFoundHeading).to_owned()),
            None => None,
        });
        if let Some(title) = title {
            document().set_title(&title);
        }
    });
    view! {
        <SiteHeader>
            <SiteTitle />
        </SiteHeader>
        <main id="main" class="wrap" tabindex="-1">
            {permalink_body(
                doc,
                |doc| incident_view(doc.incident),
                locale.text(Msg::IncidentNotFoundHeading),
                locale.text(Msg::IncidentNotFoundBody),
            )}
        </main>
        <SiteFooter />
    }
}

/// The body of a loaded incident.
pub fn incident_view(incident: Incident) -> impl IntoView {
    let locale = use_locale();
    let level = Indicator::from_impact(incident.impact);
    let status = UpdateStatus::from(incident.status);
    let duration = match incident.resolved_at {
        Some(end) => locale.duration((end - incident.started_at).num_seconds()),
        None => locale.text(Msg::Ongoing).to_owned(),
    };
    view! {
        <article
            class=format!("permalink level-{}", level.as_str())
            data-testid="incident-page"
            data-incident-id=incident.id
            data-impact=incident.impact.as_str()
            data-status=incident.status.as_str()
        >
            <h1>{incident.name}</h1>
            <p class=format!("status level-{}", level.as_str()) data-testid="incident-impact">
                <StatusIcon level />
                <span class="status-label">{locale.text(Msg::Impact(incident.impact))}</span>
            </p>
            <Facts>
                <Fact label=locale.text(Msg::IncidentStatusLabel)>
                    {locale.text(Msg::Update(status))}
                </Fact>
                <Fact label=locale.text(Msg::StartedLabel)>
                    <LocalTime at=incident.started_at />
                </Fact>
                {incident
                    .resolved_at
                    .map(|at| {
                        view! {
                            <Fact label=locale.text(Msg::ResolvedLabel)>
                                <LocalTime at />
                            </Fact>
                        }
                    })}
                <Fact label=locale.text(Msg::DurationLabel)>{duration}</Fact>
            </Facts>
            <AffectedComponents components=incident.components />
            <h2>{locale.text(Msg::TimelineHeading)}</h2>
            <UpdateList updates=incident.incident_updates />
        </article>
    }
}
