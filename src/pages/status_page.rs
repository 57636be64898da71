//! The public status page at `/`: the overall status, active incidents,
//! scheduled maintenance, the components, their uptime bars and the past
//! incidents, from `/api/v2/summary.json`, `/api/herald/uptime.json` and
//! `/api/v2/incidents.json`.
//!
//! The page refreshes itself (every minute while visible, every five
//! minutes while hidden, and at once when it becomes visible again) with
//! conditional requests, and never goes blank: a failed refresh keeps the
//! last good data on screen and says so.

use crate::api::{self, FetchError, Polled};
use crate::components::{
    ComponentList, ErrorNotice, IncidentList, LocalTime, MaintenanceList, OverallStatus,
    PastIncidents, SiteFooter, SiteHeader, StatusSkeleton, UptimeList,
};
use crate::i18n::{use_locale, Msg};
use crate::past_days::{past_days, viewer_date, PAST_DAYS};
use crate::seed::{seeded_page, use_viewer_zone, SeedPage, StatusDocs};
use crate::site::use_site_name;
use chrono::{DateTime, NaiveDate, Utc};
use herald_model::v2::SummaryDoc;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// How often a visible page fetches its documents again. People keep a
/// status page open during an outage; it should not need reloading.
const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// How often a hidden page (a background tab) refreshes: it costs the
/// server and the battery, and nobody is looking.
const REFRESH_HIDDEN_EVERY: Duration = Duration::from_secs(5 * 60);

/// Whether the browser shows the page (an unknown state counts as shown).
fn page_visible() -> bool {
    document().visibility_state() != web_sys::VisibilityState::Hidden
}

/// Milliseconds since the epoch, the browser's clock.
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Reads `polled` again and puts a changed document into `target`; a
/// `304` leaves `target` (and everything rendered from it) untouched.
///
/// The page may be left while the answer is on its way: then the reactive
/// values are gone, and the answer is dropped.
async fn poll<T: DeserializeOwned + PartialEq + Send + Sync + 'static>(
    polled: StoredValue<Polled<T>>,
    target: RwSignal<Option<T>>,
) -> Result<(), FetchError> {
    let Some(request) = polled.try_get_value() else {
        return Ok(());
    };
    let (doc, etag) = request.fetch().await?;
    if polled.try_update_value(|p| p.remember(etag)).is_none() {
        return Ok(());
    }
    if let Some(doc) = doc {
        if target.try_with_untracked(|old| old.as_ref() != Some(&doc)) == Some(true) {
            target.try_set(Some(doc));
        }
    }
    Ok(())
}

/// The public status page.
#[component]
pub fn StatusPage() -> impl IntoView {
    let locale = use_locale();
    let site = use_site_name();
    let zone = use_viewer_zone();
    // The documents the server rendered the page from, if it did.
    let (summary, uptime, recent, rendered_on) = match seeded_page("/") {
        Some((SeedPage::Status(docs), day)) => {
            let StatusDocs {
                summary,
                uptime,
                incidents,
            } = *docs;
            (Some(summary), Some(uptime), Some(incidents), Some(day))
        }
        _ => (None, None, None, None),
    };
    let summary = RwSignal::new(summary);
    let uptime = RwSignal::new(uptime);
    let recent = RwSignal::new(recent);
    // Only for a first load that fails; later failures keep the data.
    let first_error = RwSignal::new(None::<FetchError>);
    let refresh_failed = RwSignal::new(false);
    // When the summary on screen was last confirmed current.
    let confirmed_at = RwSignal::new(None::<DateTime<Utc>>);
    // The page's "today": the day it was rendered on (in UTC, like every
    // time on a rendered page) until the viewer's calendar is known.
    let rendered_on = rendered_on.unwrap_or_else(|| Utc::now().date_naive());
    let today = RwSignal::new(rendered_on);
    let polls = (
        StoredValue::new(api::summary()),
        StoredValue::new(api::uptime()),
        StoredValue::new(api::recent_incidents()),
    );
    let busy = StoredValue::new(false);
    // A refresh asked for while one is on its way: run another right after
    // it, so the newest request (back online, back to the tab) is answered.
    let again = StoredValue::new(false);
    let last_attempt = StoredValue::new(0.0_f64);

    let refresh = move || {
        if busy.get_value() {
            again.set_value(true);
            return;
        }
        busy.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                last_attempt.set_value(now_ms());
                let summary_result = poll(polls.0, summary).await;
                let others = [poll(polls.1, uptime).await, poll(polls.2, recent).await];
                // The page may have been left while the answers were coming:
                // everything below belongs to it.
                if summary.is_disposed() || busy.is_disposed() || again.is_disposed() {
                    return;
                }
                today.set(viewer_date(Utc::now()));
                let failed = summary_result.is_err() || others.iter().any(Result::is_err);
                match summary_result {
                    Ok(()) => {
                        confirmed_at.set(Some(Utc::now()));
                        first_error.set(None);
                    }
                    Err(error) => {
                        leptos::logging::warn!("the summary could not be refreshed: {error}");
                        if summary.with_untracked(Option::is_none) {
                            first_error.set(Some(error));
                        }
                    }
                }
                for error in others.iter().filter_map(|r| r.as_ref().err()) {
                    leptos::logging::warn!("a document could not be refreshed: {error}");
                }
                refresh_failed.set(failed && summary.with_untracked(Option::is_some));
                if !again.get_value() {
                    break;
                }
                again.set_value(false);
            }
            busy.set_value(false);
        });
    };
    // Live refresh starts in the browser only (effects never run on the
    // server), right after the app has taken over the rendered page.
    Effect::new(move || {
        untrack(|| {
            today.set(viewer_date(Utc::now()));
            start_refreshing(refresh, last_attempt);
        })
    });

    Effect::new(move || {
        let name = summary.with(|doc| doc.as_ref().map(|doc| doc.page.name.clone()));
        if name.is_some() && site.0.get_untracked() != name {
            site.0.set(name.clone());
        }
        let title = match name {
            Some(name) => locale.fill(Msg::DocumentTitle, &[("name", &name)]),
            None => locale.text(Msg::SiteTitleFallback).to_owned(),
        };
        document().set_title(&title);
    });
    let page_name = move || {
        summary.with(|doc| match doc {
            Some(doc) => doc.page.name.clone(),
            None => locale.text(Msg::SiteTitleFallback).to_owned(),
        })
    };
    // The overall status sentence, announced politely when it changes.
    let announcement = Memo::new(move |_| {
        summary.with(|doc| {
            doc.as_ref()
                .map(|doc| locale.text(Msg::Indicator(doc.status.indicator)))
                .unwrap_or_default()
        })
    });

    view! {
        <SiteHeader>
            <h1>{page_name}</h1>
        </SiteHeader>
        <main id="main" class="wrap" tabindex="-1">
            <p class="visually-hidden" aria-live="polite" data-testid="status-announcement">
                {move || announcement.get()}
            </p>
            <div class="live" role="status">
                {move || {
                    (refresh_failed.get())
                        .then(|| {
                            confirmed_at
                                .get()
                                .map(|at| view! { <RefreshFailedNotice at /> })
                        })
                }}
            </div>
            {move || match summary.get() {
                Some(doc) => summary_view(doc).into_any(),
                None => {
                    match first_error.get() {
                        Some(error) => {
                            view! { <ErrorNotice error on_retry=move |_| refresh() /> }.into_any()
                        }
                        None => view! { <StatusSkeleton /> }.into_any(),
                    }
                }
            }}
            {move || uptime.get().map(|doc| view! { <UptimeList doc /> })}
            {move || {
                // UTC days until the viewer's calendar is known.
                let (today, day_of): (_, fn(DateTime<Utc>) -> NaiveDate) = match zone.known() {
                    true => (today.get(), viewer_date),
                    false => (rendered_on, |at| at.date_naive()),
                };
                recent
                    .with(|doc| {
                        doc.as_ref().map(|doc| past_days(&doc.incidents, today, PAST_DAYS, day_of))
                    })
                    .map(|days| view! { <PastIncidents days /> })
            }}
        </main>
        <SiteFooter />
    }
}

/// Refreshes now, then every minute (every five while hidden), and at once
/// when the page is shown again or the browser is back online; all of it
/// stops when the page is left.
fn start_refreshing(refresh: impl Fn() + Copy + 'static, last_attempt: StoredValue<f64>) {
    refresh();
    if let Ok(timer) = set_interval_with_handle(
        move || {
            let due = if page_visible() {
                REFRESH_EVERY
            } else {
                REFRESH_HIDDEN_EVERY
            };
            // A little slack so a tick that comes early is not skipped.
            if now_ms() - last_attempt.get_value() >= due.as_millis() as f64 - 1000.0 {
                refresh();
            }
        },
        REFRESH_EVERY,
    ) {
        on_cleanup(move || timer.clear());
    }
    let visible_again = window_event_listener_untyped("visibilitychange", move |_| {
        if page_visible() {
            refresh();
        }
    });
    let online_again = window_event_listener_untyped("online", move |_| refresh());
    on_cleanup(move || {
        visible_again.remove();
        online_again.remove();
    });
}

/// "Couldn't refresh. Showing the status as of …": the data on screen is
/// older than it should be.
#[component]
fn RefreshFailedNotice(
    /// When the data on screen was last confirmed current.
    at: DateTime<Utc>,
) -> impl IntoView {
    let (before, after) = use_locale().split(Msg::RefreshFailed, "time");
    view! {
        <p class="stale" data-testid="refresh-failed">
            {before}
            <LocalTime at />
            {after}
        </p>
    }
}

/// The page body for a loaded summary: banner first, then what needs
/// attention (incidents, maintenance), then every component.
fn summary_view(doc: SummaryDoc) -> impl IntoView {
    let SummaryDoc {
        page,
        status,
        components,
        incidents,
        scheduled_maintenances,
    } = doc;
    view! {
        <OverallStatus indicator=status.indicator updated_at=page.updated_at />
        <IncidentList incidents />
        <MaintenanceList maintenances=scheduled_maintenances />
        <ComponentList components />
    }
}

/// In-browser tests of the loaded page's markup (the `data-testid` contract).
/// They run in headless Chromium through chromedriver:
/// `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
/// cargo test --target wasm32-unknown-unknown -p herald-web --lib`.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use crate::components::{PastIncidents, UptimeBar};
    use crate::past_days::PastDay;
    use herald_model::herald::ComponentUptime;
    use leptos_router::components::Router;
    use serde_json::json;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::{Element, HtmlElement};

    wasm_bindgen_test_configure!(run_in_browser);

    fn component(id: &str, status: &str, position: i64) -> serde_json::Value {
        json!({
            "id": id, "name": id.to_uppercase(), "status": status,
            "created_at": "2026-11-22T07:00:00.000Z", "updated_at": "2026-11-22T07:00:00.000Z",
            "position": position, "description": null, "showcase": true,
            "start_date": null, "group_id": null, "page_id": "pg1", "group": false,
            "only_show_if_degraded": false
        })
    }

    fn update(id: &str, status: &str, at: &str) -> serde_json::Value {
        json!({
            "id": id, "status": status, "body": format!("Update {id}"), "incident_id": "inc1",
            "created_at": at, "updated_at": at, "display_at": at, "affected_components": [],
            "deliver_notifications": true, "custom_tweet": null, "tweet_id": null
        })
    }

    fn summary() -> SummaryDoc {
        let mut group = component("core", "operational", 1);
        group["group"] = json!(true);
        group["components"] = json!(["api", "db"]);
        let mut api = component("api", "partial_outage", 1);
        api["group_id"] = json!("core");
        let mut db = component("db", "operational", 2);
        db["group_id"] = json!("core");
        let mut quiet = component("quiet", "operational", 0);
        quiet["only_show_if_degraded"] = json!(true);
        let web = component("web", "operational", 2);
        serde_json::from_value(json!({
            "page": {"id": "pg1", "name": "Acme", "url": "https://status.example",
                     "time_zone": "Etc/UTC", "updated_at": "2026-11-22T07:30:00.000Z"},
            "status": {"indicator": "major", "description": "Partial System Outage"},
            "components": [web, db, group, quiet, api.clone()],
            "incidents": [{
                "id": "inc1", "name": "API errors", "status": "identified", "impact": "major",
                "created_at": "2026-11-22T07:00:00.000Z", "updated_at": "2026-11-22T07:30:00.000Z",
                "started_at": "2026-11-22T06:50:00.000Z", "monitoring_at": null,
                "resolved_at": null, "shortlink": "https://status.example/i/inc1",
                "page_id": "pg1", "components": [api],
                "incident_updates": [
                    update("u1", "investigating", "2026-11-22T07:00:00.000Z"),
                    update("u2", "identified", "2026-11-22T07:30:00.000Z")
                ]
            }],
            "scheduled_maintenances": []
        }))
        .expect("the fixture is a valid summary")
    }

    /// Mounts `view` inside a router (links need one) in a fresh `<div>`.
    fn mount(view: impl FnOnce() -> AnyView + Send + 'static) -> (HtmlElement, impl Drop) {
        let parent: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&parent).unwrap();
        let handle = leptos::mount::mount_to(parent.clone(), move || {
            view! { <Router>{view()}</Router> }
        });
        (parent, handle)
    }

    fn uptime_fixture() -> ComponentUptime {
        let day =
            |date: &str, worst: Option<&str>, uptime: Option<f64>, incidents: serde_json::Value| {
                json!({
                    "date": date, "worst": worst, "uptime": uptime,
                    "partial_outage_seconds": 0,
                    "major_outage_seconds": if worst == Some("major_outage") { 2220 } else { 0 },
                    "incidents": incidents
                })
            };
        serde_json::from_value(json!({
            "id": "api", "name": "API", "status": "operational", "uptime": 99.1234,
            "days": [
                day("2026-11-03", None, None, json!([])),
                day("2026-11-04", Some("major_outage"), Some(97.43), json!([
                    {"id": "inc9", "name": "API unavailable", "impact": "critical"}
                ])),
                day("2026-11-05", Some("operational"), Some(100.0), json!([])),
            ]
        }))
        .expect("the fixture is a valid component uptime")
    }

    fn dispatch(el: &Element, event: &str) {
        el.dispatch_event(&web_sys::Event::new(event).unwrap())
            .unwrap();
    }

    fn all(parent: &Element, selector: &str) -> Vec<Element> {
        let list = parent.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    fn attr(el: &Element, name: &str) -> String {
        el.get_attribute(name).unwrap_or_default()
    }

    #[wasm_bindgen_test]
    fn banner_comes_first_and_carries_the_indicator() {
        let (parent, _handle) = mount(|| summary_view(summary()).into_any());
        let first = parent.first_element_child().unwrap();
        assert_eq!(attr(&first, "data-testid"), "overall-status");
        assert_eq!(attr(&first, "data-indicator"), "major");
        assert!(first
            .text_content()
            .unwrap()
            .contains("Partial System Outage"));
    }

    #[wasm_bindgen_test]
    fn components_are_grouped_ordered_and_filtered() {
        let (parent, _handle) = mount(|| summary_view(summary()).into_any());
        let rows = all(&parent, "[data-testid=component]");
        let ids: Vec<String> = rows.iter().map(|r| attr(r, "data-component-id")).collect();
        assert_eq!(ids, ["core", "api", "db", "web"]);
        assert_eq!(attr(&rows[0], "data-status"), "partial_outage");
        assert_eq!(attr(&rows[0], "data-group"), "true");
        assert!(rows[1].text_content().unwrap().contains("Partial outage"));
        assert_eq!(all(&rows[1], "svg").len(), 1, "a status has an icon");
    }

    #[wasm_bindgen_test]
    fn incidents_show_every_update_newest_first() {
        let (parent, _handle) = mount(|| summary_view(summary()).into_any());
        let incidents = all(&parent, "[data-testid=incident]");
        assert_eq!(incidents.len(), 1);
        let text = incidents[0].text_content().unwrap();
        assert!(
            text.contains("API errors") && text.contains("Major impact"),
            "{text}"
        );
        let updates = all(&parent, "[data-testid=incident-update]");
        let statuses: Vec<String> = updates.iter().map(|u| attr(u, "data-status")).collect();
        assert_eq!(statuses, ["identified", "investigating"]);
        assert_eq!(
            attr(&all(&updates[0], "time")[0], "datetime"),
            "2026-11-22T07:30:00.000Z"
        );
        assert!(all(&parent, "[data-testid=maintenance]").is_empty());
    }

    #[wasm_bindgen_test]
    async fn an_error_reads_as_a_sentence_and_can_be_retried() {
        let retries = RwSignal::new(0);
        let (parent, _handle) = mount(move || {
            view! {
                <ErrorNotice
                    error=crate::api::FetchError::Network("TypeError".into())
                    on_retry=move |_| retries.update(|n| *n += 1)
                />
            }
            .into_any()
        });
        let notice = &all(&parent, "[data-testid=load-error]")[0];
        let text = notice.text_content().unwrap();
        assert!(text.contains("could not reach its server"), "{text}");
        assert!(!text.contains("TypeError"), "{text}");
        let button: HtmlElement = all(&parent, "button")[0].clone().unchecked_into();
        button.click();
        leptos::task::tick().await;
        assert_eq!(retries.get_untracked(), 1);
    }

    #[wasm_bindgen_test]
    async fn groups_collapse_and_expand() {
        let (parent, _handle) = mount(|| summary_view(summary()).into_any());
        let toggle: HtmlElement = all(&parent, "[data-testid=component-group] button")[0]
            .clone()
            .unchecked_into();
        assert_eq!(attr(&toggle, "aria-expanded"), "true");
        assert!(toggle.text_content().unwrap().contains("CORE"));
        let children = &all(&parent, "[data-testid=component-group] ul")[0];
        assert!(!children.has_attribute("hidden"));
        toggle.click();
        leptos::task::tick().await;
        assert_eq!(attr(&toggle, "aria-expanded"), "false");
        assert!(children.has_attribute("hidden"));
        assert_eq!(attr(&toggle, "aria-controls"), children.id());
        toggle.click();
        leptos::task::tick().await;
        assert!(!children.has_attribute("hidden"));
    }

    #[wasm_bindgen_test]
    async fn uptime_days_are_named_in_words_and_open_their_details() {
        let (parent, _handle) =
            mount(|| view! { <UptimeBar uptime=uptime_fixture() /> }.into_any());
        let bar = &all(&parent, "[data-testid=uptime-bar]")[0];
        assert_eq!(attr(bar, "data-component-id"), "api");
        let period = all(&parent, "[data-testid=uptime-period]")[0]
            .text_content()
            .unwrap();
        assert_eq!(period, "99.12 % uptime");
        let days = all(&parent, "[data-testid=uptime-day]");
        assert_eq!(days.len(), 3);
        assert_eq!(attr(&days[0], "data-worst"), "");
        assert_eq!(attr(&days[0], "aria-label"), "Nov 3: no data");
        assert_eq!(attr(&days[1], "data-worst"), "major_outage");
        assert_eq!(
            attr(&days[1], "aria-label"),
            "Nov 4: major outage, 97.43 % uptime, 1 incident"
        );
        // One tab stop: today.
        let stops: Vec<String> = days.iter().map(|d| attr(d, "tabindex")).collect();
        assert_eq!(stops, ["-1", "-1", "0"]);
        assert!(all(&parent, "[data-testid=uptime-day-details]").is_empty());

        // Tap (click) opens the day's details with its incident as a link.
        let major: HtmlElement = days[1].clone().unchecked_into();
        major.click();
        leptos::task::tick().await;
        let details = &all(&parent, "[data-testid=uptime-day-details]")[0];
        assert_eq!(attr(details, "data-date"), "2026-11-04");
        let text = details.text_content().unwrap();
        assert!(text.contains("Major outage: 37 min"), "{text}");
        let link = &all(details, "a")[0];
        assert_eq!(attr(link, "href"), "/incidents/inc9");
        assert_eq!(link.text_content().unwrap(), "API unavailable");

        // Hover shows another day while the pointer is on it.
        dispatch(&days[2], "mouseenter");
        leptos::task::tick().await;
        let details = &all(&parent, "[data-testid=uptime-day-details]")[0];
        assert_eq!(attr(details, "data-date"), "2026-11-05");
        assert!(details
            .text_content()
            .unwrap()
            .contains("No incidents reported."));
        dispatch(&all(&parent, ".uptime-track")[0], "mouseleave");
        leptos::task::tick().await;
        let details = &all(&parent, "[data-testid=uptime-day-details]")[0];
        assert_eq!(
            attr(details, "data-date"),
            "2026-11-04",
            "the tapped day stays"
        );
    }

    #[wasm_bindgen_test]
    fn past_days_list_incidents_or_say_there_were_none() {
        let incident = summary().incidents[0].clone();
        let days = vec![
            PastDay {
                date: "2026-11-22".parse().unwrap(),
                incidents: vec![incident],
            },
            PastDay {
                date: "2026-11-21".parse().unwrap(),
                incidents: vec![],
            },
        ];
        let (parent, _handle) = mount(move || view! { <PastIncidents days /> }.into_any());
        let days = all(&parent, "[data-testid=past-day]");
        let dates: Vec<String> = days.iter().map(|d| attr(d, "data-date")).collect();
        assert_eq!(dates, ["2026-11-22", "2026-11-21"]);
        let first = days[0].text_content().unwrap();
        assert!(
            first.contains("API errors") && first.contains("Major impact"),
            "{first}"
        );
        assert!(first.contains("Update u2"), "the latest update: {first}");
        assert!(!first.contains("Update u1"), "{first}");
        assert_eq!(attr(&all(&days[0], "a")[0], "href"), "/incidents/inc1");
        assert!(days[1]
            .text_content()
            .unwrap()
            .contains("No incidents reported."));
    }

    #[wasm_bindgen_test]
    fn times_are_local_with_utc_in_the_tooltip() {
        let (parent, _handle) = mount(|| summary_view(summary()).into_any());
        let time = &all(&parent, "[data-testid=last-updated] time")[0];
        assert_eq!(attr(time, "datetime"), "2026-11-22T07:30:00.000Z");
        assert_eq!(attr(time, "title"), "2026-11-22 07:30 UTC");
    }
}
