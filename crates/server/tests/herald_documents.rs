//! Herald's own public documents: incident by id, uptime bars, monthly
//! history — their content, that writes keep them current, that nothing
//! internal shows, and that the home page's documents do not grow with the
//! length of the history.

mod common;

use axum::http::{Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use herald_server::demo;
use serde_json::{json, Value};

fn component_id(summary: &Value, name: &str) -> String {
    summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_incident_by_id_carries_its_whole_public_timeline() {
    let app = TestApp::with_demo();
    let summary = app.get("/api/v2/summary.json").await.json;
    let open = &summary["incidents"][0];
    let id = open["id"].as_str().unwrap();
    let doc = app.get(&format!("/api/herald/incidents/{id}.json")).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(doc.json["incident"], *open);
    assert_eq!(doc.json["page"]["name"], "Acme Cloud");

    let maintenance = &summary["scheduled_maintenances"][0];
    let mid = maintenance["id"].as_str().unwrap();
    let doc = app
        .get(&format!("/api/herald/maintenances/{mid}.json"))
        .await;
    assert_eq!(doc.json["scheduled_maintenance"], *maintenance);

    for bad in [
        "nope.json",
        "..%2F..%2Fherald.db",
        "x",
        "%2e%2e.json",
        ".render-version",
    ] {
        let reply = app.get(&format!("/api/herald/incidents/{bad}")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{bad}");
        assert_eq!(reply.json["code"], "not_found");
    }
}

#[tokio::test]
async fn updates_and_resolution_rewrite_the_incident_and_its_month() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(
                json!({"issue_key": "OPS-5", "title": "Search is slow", "summary": "MARKER-SUMMARY",
                "severity": 3, "message": "Looking into slow search."}),
            ),
            Auth::Bearer(&token),
        )
        .await
        .json;
    let id = declared["id"].as_str().unwrap();
    let path = format!("/api/herald/incidents/{id}.json");
    let etag_before = app.get(&path).await.headers["etag"].clone();
    app.send(
        Method::POST,
        &format!("/api/incidents/{id}/updates"),
        Some(json!({"version": 1, "status": "identified", "body": "An index is missing."})),
        Auth::Bearer(&token),
    )
    .await;
    app.send(
        Method::POST,
        &format!("/api/incidents/{id}/updates"),
        Some(json!({"version": 2, "status": "identified", "body": "MARKER-INTERNAL", "audience": "internal"})),
        Auth::Bearer(&token),
    )
    .await;
    let doc = app.get(&path).await;
    assert_ne!(doc.headers["etag"], etag_before);
    let updates = doc.json["incident"]["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["body"], "An index is missing.");

    app.send(
        Method::POST,
        &format!("/api/incidents/{id}/resolve"),
        Some(json!({"version": 3, "body": "Search is fast again."})),
        Auth::Bearer(&token),
    )
    .await;
    let index = app.get("/api/herald/history/index.json").await.json;
    let month = index["months"][0]["month"].as_str().unwrap().to_owned();
    assert_eq!(index["months"][0]["incidents"], 1);
    let archive = app
        .get(&format!("/api/herald/history/{month}.json"))
        .await
        .json;
    assert_eq!(archive["incidents"][0]["status"], "resolved");
    assert_eq!(
        archive["incidents"][0]["incident_updates"][0]["body"],
        "Search is fast again."
    );
    for doc in [path.clone(), format!("/api/herald/history/{month}.json")] {
        let text = String::from_utf8(app.get(&doc).await.bytes).unwrap();
        assert!(
            !text.contains("MARKER") && !text.contains("OPS-5"),
            "{doc} leaks internal text"
        );
    }
}

#[tokio::test]
async fn internal_only_incidents_have_no_public_document_and_no_history() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(
                json!({"issue_key": "SEC-1", "title": "Credential rotation", "summary": "s",
                "severity": 1, "message": "m", "visibility": "internal"}),
            ),
            Auth::Bearer(&token),
        )
        .await
        .json;
    let id = declared["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/herald/incidents/{id}.json"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let index = app.get("/api/herald/history/index.json").await.json;
    assert_eq!(index["months"], json!([]));
}

#[tokio::test]
async fn uptime_bars_show_each_day_worst_status_and_its_incidents() {
    let app = TestApp::with_demo();
    let summary = app.get("/api/v2/summary.json").await.json;
    let uptime = app.get("/api/herald/uptime.json").await.json;
    assert_eq!(uptime["days"], 90);
    let bars = uptime["components"].as_array().unwrap();
    // Every showcased component, no groups.
    assert_eq!(bars.len(), 6);
    assert!(bars
        .iter()
        .all(|b| b["days"].as_array().unwrap().len() == 90));
    let api_id = component_id(&summary, "API");
    let api = bars.iter().find(|b| b["id"] == api_id.as_str()).unwrap();
    let days = api["days"].as_array().unwrap();
    let today = days.last().unwrap();
    assert_eq!(today["worst"], "partial_outage");
    assert_eq!(today["incidents"][0]["name"], "Elevated API error rates");
    assert!(today["partial_outage_seconds"].as_i64().unwrap() > 30 * 60);
    // The Sev 1 of 17 days ago: a major outage of 37 minutes.
    let outage = days
        .iter()
        .find(|d| d["worst"] == "major_outage")
        .expect("a major outage day");
    assert_eq!(outage["incidents"][0]["name"], "API unavailable");
    assert_eq!(outage["incidents"][0]["impact"], "critical");
    let major = outage["major_outage_seconds"].as_i64().unwrap();
    assert!((36 * 60..=38 * 60).contains(&major), "{major}");
    assert!(outage["uptime"].as_f64().unwrap() < 100.0);
    let period = api["uptime"].as_f64().unwrap();
    assert!(period > 99.0 && period < 100.0, "{period}");
    // A quiet component is fully up, every measured day.
    let website = bars.iter().find(|b| b["name"] == "Website").unwrap();
    assert_eq!(website["uptime"], 100.0);
    assert!(website["days"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["incidents"] == json!([])));
}

#[tokio::test]
async fn a_busy_day_names_its_five_most_severe_incidents_and_counts_the_rest() {
    let app = TestApp::with_demo();
    // Twenty incidents a day on the API for ten days.
    seed_history(&app, 200, 10);
    app.state.republish_all().unwrap();
    let summary = app.get("/api/v2/summary.json").await.json;
    let uptime = app.get("/api/herald/uptime.json").await.json;
    let api_id = component_id(&summary, "API");
    let api = uptime["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == api_id.as_str())
        .unwrap();
    let days = api["days"].as_array().unwrap();
    let busiest = days
        .iter()
        .max_by_key(|d| d["more_incidents"].as_u64().unwrap_or(0))
        .unwrap();
    assert_eq!(busiest["incidents"].as_array().unwrap().len(), 5);
    let more = busiest["more_incidents"].as_u64().unwrap();
    assert!(5 + more >= 20, "{busiest}");
    for day in days {
        let named = day["incidents"].as_array().unwrap().len();
        assert!(named <= 5, "{day}");
        // The count is there only when some are left out.
        assert_eq!(
            day.get("more_incidents").is_some(),
            named == 5 && day["more_incidents"].as_u64() > Some(0),
            "{day}"
        );
    }
}

/// Seeds `n` resolved incidents spread evenly over the last `span_days`.
fn seed_history(app: &TestApp, n: usize, span_days: i64) {
    let (admin, _) = app.user(Role::Admin);
    let mut conn = app.state.store.lock();
    demo::seed_history(&mut conn, &admin, "API", n, span_days, app.now()).unwrap();
}

async fn home_page_sizes(app: &TestApp) -> Vec<(&'static str, usize)> {
    let mut sizes = Vec::new();
    for path in [
        "/api/v2/summary.json",
        "/api/v2/incidents.json",
        "/api/herald/uptime.json",
        "/api/herald/history/index.json",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK);
        sizes.push((path, reply.bytes.len()));
    }
    sizes
}

#[tokio::test]
async fn the_home_page_documents_stay_the_same_size_with_ten_thousand_incidents() {
    // Ten thousand incidents over five years, against ten over five years,
    // and against the same rate of incidents over only the last 100 days.
    let five_years = 5 * 365;
    let large = TestApp::new();
    seed_history(&large, 10_000, five_years);
    large.state.republish_all().unwrap();
    let small = TestApp::new();
    seed_history(&small, 10, five_years);
    small.state.republish_all().unwrap();
    let short = TestApp::new();
    seed_history(&short, 10_000 * 100 / five_years as usize, 100);
    short.state.republish_all().unwrap();

    let sizes = (
        home_page_sizes(&small).await,
        home_page_sizes(&short).await,
        home_page_sizes(&large).await,
    );
    for (((path, s), (_, m)), (_, l)) in sizes.0.iter().zip(&sizes.1).zip(&sizes.2) {
        println!("{path}: {s} bytes with 10 incidents, {m} with 100 days of history, {l} with 10,000 over five years");
        // The same order of size as with ten incidents: at most the 50-item
        // caps and the busier days of the uptime bars make a difference.
        assert!(*l < 10 * s, "{path} grew from {s} to {l} bytes");
        // Nothing grows with the length of the history: five years weigh
        // what 100 days at the same rate weigh (the history index, one small
        // entry per month, is the only one allowed to grow).
        let limit = if *path == "/api/herald/history/index.json" {
            20 * m
        } else {
            m + m / 4
        };
        assert!(
            *l <= limit,
            "{path}: {l} bytes for five years against {m} for 100 days"
        );
    }
    // The history itself is all there, split by month.
    let index = large.get("/api/herald/history/index.json").await.json;
    let months = index["months"].as_array().unwrap();
    assert!(months.len() >= 60, "{}", months.len());
    let total: u64 = months
        .iter()
        .map(|m| m["incidents"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 10_000);
    let one = large.get(months[10]["path"].as_str().unwrap()).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        one.json["incidents"].as_array().unwrap().len() as u64,
        months[10]["incidents"].as_u64().unwrap()
    );
}
