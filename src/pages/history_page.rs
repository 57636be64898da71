//! `/history`: every incident, month by month, newest month first, from
//! `/api/herald/history/index.json` and one archive per month, loaded one
//! at a time ("Show older") so the page stays light however long the
//! history is. A page the server rendered starts from the index and the
//! newest month it was rendered from (`crate::seed`).

use crate::api::{fetch_history_index, fetch_history_month, FetchError};
use crate::components::{
    ErrorNotice, LocalTime, SiteFooter, SiteHeader, SiteTitle, StatusIcon, StatusSkeleton,
};
use crate::i18n::{use_locale, Msg};
use crate::seed::{seeded_page, HistoryDocs, SeedPage};
use crate::site::{link_rel, use_site_name};
use herald_model::herald::HistoryMonth;
use herald_model::v2::{Incident, ScheduledMaintenance};
use herald_model::{Indicator, UpdateStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The incident history.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let locale = use_locale();
    let site = use_site_name();
    let seeded = match seeded_page("/history") {
        Some((SeedPage::History(docs), _)) => Some(*docs),
        _ => None,
    };
    let fetch_first = seeded.is_none();
    let (first_index, first_months) = match seeded {
        Some(HistoryDocs { index, newest }) => (Some(index), newest.into_iter().collect()),
        None => (None, Vec::new()),
    };
    let index = RwSignal::new(first_index);
    let index_error = RwSignal::new(None::<FetchError>);
    let months = RwSignal::new(first_months);
    let loading_more = RwSignal::new(false);
    let more_error = RwSignal::new(None::<FetchError>);

    // Fetches the month after the ones shown, if there is one.
    let load_next = move || {
        let next = index.with_untracked(|index| {
            index
                .as_ref()
                .and_then(|index| index.months.get(months.with_untracked(Vec::len)))
                .map(|month| month.path.clone())
        });
        let Some(path) = next else { return };
        if loading_more.get_untracked() {
            return;
        }
        loading_more.set(true);
        more_error.set(None);
        spawn_local(async move {
            let answer = fetch_history_month(path).await;
            if months.is_disposed() {
                return;
            }
            match answer {
                Ok(month) => months.update(|months| months.push(month)),
                Err(error) => more_error.set(Some(error)),
            }
            loading_more.set(false);
        });
    };
    let load_index = move || {
        index_error.set(None);
        spawn_local(async move {
            let answer = fetch_history_index().await;
            if index.is_disposed() {
                return;
            }
            match answer {
                Ok(doc) => {
                    site.0.set(Some(doc.page.name.clone()));
                    index.set(Some(doc));
                    load_next();
                }
                Err(error) => index_error.set(Some(error)),
            }
        });
    };
    if fetch_first {
        load_index();
    }

    Effect::new(move || {
        let heading = locale.text(Msg::HistoryHeading);
        let title = match site.0.get() {
            Some(name) => locale.fill(
                Msg::PageDocumentTitle,
                &[("title", heading), ("name", &name)],
            ),
            None => heading.to_owned(),
        };
        document().set_title(&title);
    });

    let has_more = move || {
        index.with(|index| {
            index
                .as_ref()
                .is_some_and(|index| index.months.len() > months.with(Vec::len))
        })
    };

    view! {
        <SiteHeader>
            <SiteTitle />
        </SiteHeader>
        <main id="main" class="wrap" tabindex="-1">
            <h1>{locale.text(Msg::HistoryHeading)}</h1>
            {move || {
                if let Some(error) = index_error.get() {
                    return view! { <ErrorNotice error on_retry=move |_| load_index() /> }
                        .into_any();
                }
                match index.with(|index| index.as_ref().map(|i| i.months.is_empty())) {
                    None => view! { <StatusSkeleton /> }.into_any(),
                    Some(true) => {
                        view! { <p class="muted">{locale.text(Msg::HistoryEmpty)}</p> }.into_any()
                    }
                    Some(false) => {
                        view! {
                            <For
                                each=move || months.get()
                                key=|month| month.month.clone()
                                children=|month| view! { <MonthSection month /> }
                            />
                        }
                            .into_any()
                    }
                }
            }}
            <div class="more" role="status">
                {move || {
                    more_error.get().map(|error| view! { <p class="stale">{error.message(locale)}</p> })
                }}
            </div>
            <Show when=has_more>
                <button
                    type="button"
                    class="show-older"
                    data-testid="show-older"
                    aria-busy=move || loading_more.get().to_string()
                    on:click=move |_| load_next()
                >
                    {locale.text(Msg::ShowOlder)}
                </button>
            </Show>
        </main>
        <SiteFooter />
    }
}

/// One month of the history: its incidents (with impact and how they
/// ended) and its maintenances.
#[component]
fn MonthSection(
    /// The month's archive.
    month: HistoryMonth,
) -> impl IntoView {
    let locale = use_locale();
    let HistoryMonth {
        month,
        incidents,
        scheduled_maintenances,
        ..
    } = month;
    let heading_id = format!("month-{month}");
    let labelled_by = heading_id.clone();
    let incidents_view = if incidents.is_empty() {
        view! { <p class="muted">{locale.text(Msg::MonthNoIncidents)}</p> }.into_any()
    } else {
        view! {
            <ul class="history-list" role="list">
                {incidents.into_iter().map(history_incident).collect_view()}
            </ul>
        }
        .into_any()
    };
    let maintenances_view = (!scheduled_maintenances.is_empty()).then(|| {
        view! {
            <h3>{locale.text(Msg::MonthMaintenances)}</h3>
            <ul class="history-list" role="list">
                {scheduled_maintenances.into_iter().map(history_maintenance).collect_view()}
            </ul>
        }
    });
    view! {
        <section
            class="history-month"
            data-testid="history-month"
            data-month=month.clone()
            aria-labelledby=labelled_by
        >
            <h2 id=heading_id>{locale.month(&month)}</h2>
            {incidents_view}
            {maintenances_view}
        </section>
    }
}

/// An incident in the history: title (a link to its permalink), impact,
/// and when it was resolved and how long it lasted (or where it stands).
fn history_incident(incident: Incident) -> impl IntoView {
    let locale = use_locale();
    let level = Indicator::from_impact(incident.impact);
    let outcome = match incident.resolved_at {
        Some(at) => view! {
            <p class="history-meta">
                {locale.text(Msg::ResolvedLabel)}
                " "
                <LocalTime at />
                {format!(
                    " · {} {}",
                    locale.text(Msg::DurationLabel),
                    locale.duration((at - incident.started_at).num_seconds()),
                )}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="history-meta">
                {locale.text(Msg::IncidentStatusLabel)}
                " "
                {locale.text(Msg::Update(UpdateStatus::from(incident.status)))}
                " · "
                {locale.text(Msg::StartedLabel)}
                " "
                <LocalTime at=incident.started_at />
            </p>
        }
        .into_any(),
    };
    let href = format!("/incidents/{}", incident.id);
    let rel = link_rel(&href);
    view! {
        <li class="history-item" data-testid="history-incident" data-incident-id=incident.id.clone()>
            <p class="history-title">
                <A href=href attr:rel=rel>{incident.name}</A>
                <span class=format!("status level-{}", level.as_str())>
                    <StatusIcon level />
                    <span class="status-label">{locale.text(Msg::Impact(incident.impact))}</span>
                </span>
            </p>
            {outcome}
        </li>
    }
}

/// A maintenance in the history: title (a link), status and window.
fn history_maintenance(maintenance: ScheduledMaintenance) -> impl IntoView {
    let locale = use_locale();
    let href = format!("/maintenances/{}", maintenance.id);
    let rel = link_rel(&href);
    view! {
        <li class="history-item" data-testid="history-maintenance">
            <p class="history-title">
                <A href=href attr:rel=rel>{maintenance.name}</A>
                <span class="status level-maintenance">
                    <StatusIcon level=Indicator::Maintenance />
                    <span class="status-label">
                        {locale.text(Msg::Update(UpdateStatus::from(maintenance.status)))}
                    </span>
                </span>
            </p>
            <p class="history-meta">
                {locale.text(Msg::MaintenanceWindow)}
                " "
                <LocalTime at=maintenance.scheduled_for />
                {format!(" {} ", locale.text(Msg::RangeSeparator))}
                <LocalTime at=maintenance.scheduled_until />
            </p>
        </li>
    }
}
