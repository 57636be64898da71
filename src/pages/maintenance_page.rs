//! `/maintenances/:id`: one scheduled maintenance's permalink, from
//! `/api/herald/maintenances/{id}.json`.

use super::permalink_doc::{permalink_body, permalink_doc};
use crate::api::fetch_maintenance;
use crate::components::{
    AffectedComponents, Fact, Facts, LocalTime, SiteFooter, SiteHeader, SiteTitle, StatusIcon,
    UpdateList,
};
use crate::i18n::{use_locale, Msg};
use crate::seed::SeedPage;
use crate::site::use_site_name;
use herald_model::v2::ScheduledMaintenance;
use herald_model::{Indicator, UpdateStatus};
use leptos::prelude::*;

/// A maintenance: title, status, planned window in the viewer's time
/// zone, the components under maintenance and every public update.
#[component]
pub fn MaintenancePage() -> impl IntoView {
    let locale = use_locale();
    let site = use_site_name();
    let doc = permalink_doc(
        "maintenances",
        |page| match page {
            SeedPage::Maintenance(doc) => Some(*doc),
            _ => None,
        },
        fetch_maintenance,
    );
    Effect::new(move || {
        let title = doc.with(|answer| match answer {
            Some(Ok(doc)) => {
                site.0.set(Some(doc.page.name.clone()));
                Some(locale.fill(
                    Msg::PageDocumentTitle,
                    &[
                        ("title", &doc.scheduled_maintenance.name),
                        ("name", &doc.page.name),
                    ],
                ))
            }
            Some(Err(_)) => Some(locale.text(Msg::MaintenanceNotFoundHeading).to_owned()),
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
                |doc| maintenance_view(doc.scheduled_maintenance),
                locale.text(Msg::MaintenanceNotFoundHeading),
                locale.text(Msg::MaintenanceNotFoundBody),
            )}
        </main>
        <SiteFooter />
    }
}

/// The body of a loaded maintenance.
fn maintenance_view(maintenance: ScheduledMaintenance) -> impl IntoView {
    let locale = use_locale();
    let status = UpdateStatus::from(maintenance.status);
    view! {
        <article
            class="permalink level-maintenance"
            data-testid="maintenance-page"
            data-maintenance-id=maintenance.id
            data-status=maintenance.status.as_str()
        >
            <h1>{maintenance.name}</h1>
            <p class="status level-maintenance" data-testid="maintenance-status">
                <StatusIcon level=Indicator::Maintenance />
                <span class="status-label">{locale.text(Msg::Update(status))}</span>
            </p>
            <Facts>
                <Fact label=locale.text(Msg::MaintenanceWindow)>
                    <span data-testid="maintenance-window">
                        <LocalTime at=maintenance.scheduled_for />
                        {format!(" {} ", locale.text(Msg::RangeSeparator))}
                        <LocalTime at=maintenance.scheduled_until />
                    </span>
                </Fact>
            </Facts>
            <AffectedComponents components=maintenance.components />
            <h2>{locale.text(Msg::TimelineHeading)}</h2>
            <UpdateList updates=maintenance.incident_updates />
        </article>
    }
}
