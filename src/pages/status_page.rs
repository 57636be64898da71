//! The public status page at `/`: the overall status, active incidents,
//! scheduled maintenance and the components, from `/api/v2/summary.json`.

use crate::api::fetch_summary;
use crate::components::{
    ComponentList, ErrorNotice, IncidentList, MaintenanceList, OverallStatus, SiteFooter,
    SiteHeader, StatusSkeleton,
};
use crate::i18n::{use_locale, Msg};
use herald_model::v2::SummaryDoc;
use leptos::prelude::*;
use std::time::Duration;

/// How often an open page fetches the summary again. People keep a status
/// page open during an outage; it should not need reloading.
const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// The public status page.
///
/// Shows a placeholder until the first answer, then keeps the last view on
/// screen while it refreshes (a `Transition`), so nothing jumps.
#[component]
pub fn StatusPage() -> impl IntoView {
    let locale = use_locale();
    let summary = LocalResource::new(fetch_summary);
    if let Ok(timer) = set_interval_with_handle(move || summary.refetch(), REFRESH_EVERY) {
        on_cleanup(move || timer.clear());
    }

    let page_name = Memo::new(move |_| {
        summary.with(|answer| match answer {
            Some(Ok(doc)) => Some(doc.page.name.clone()),
            _ => None,
        })
    });
    Effect::new(move || {
        let title = match page_name.get() {
            Some(name) => locale.fill(Msg::DocumentTitle, &[("name", &name)]),
            None => locale.text(Msg::SiteTitleFallback).to_owned(),
        };
        document().set_title(&title);
    });

    view! {
        <SiteHeader>
            <h1>
                {move || {
                    page_name.get().unwrap_or_else(|| locale.text(Msg::SiteTitleFallback).into())
                }}
            </h1>
        </SiteHeader>
        <main id="main" class="wrap">
            <Transition fallback=|| view! { <StatusSkeleton /> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(doc) => summary_view(doc).into_any(),
                        Err(error) => {
                            leptos::logging::warn!("status could not be loaded: {error}");
                            view! { <ErrorNotice error on_retry=move |_| summary.refetch() /> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </main>
        <SiteFooter />
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

    fn mount(view: impl FnOnce() -> AnyView + 'static) -> (HtmlElement, impl Drop) {
        let parent: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&parent).unwrap();
        let handle = leptos::mount::mount_to(parent.clone(), view);
        (parent, handle)
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
}
