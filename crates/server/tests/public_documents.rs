//! The eight Statuspage v2 documents: exact keys, types and enum values as
//! DESIGN.md §3 lists them, HTTP caching and CORS headers, ordering, caps,
//! and the disk mirror and export.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const PAGE_KEYS: &[&str] = &["id", "name", "url", "time_zone", "updated_at"];
const COMPONENT_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "position",
    "description",
    "showcase",
    "start_date",
    "group_id",
    "page_id",
    "group",
    "only_show_if_degraded",
];
const INCIDENT_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "impact",
    "created_at",
    "updated_at",
    "started_at",
    "monitoring_at",
    "resolved_at",
    "shortlink",
    "page_id",
    "components",
    "incident_updates",
];
const UPDATE_KEYS: &[&str] = &[
    "id",
    "status",
    "body",
    "incident_id",
    "created_at",
    "updated_at",
    "display_at",
    "affected_components",
    "deliver_notifications",
    "custom_tweet",
    "tweet_id",
];
const AFFECTED_KEYS: &[&str] = &["code", "name", "old_status", "new_status"];

const COMPONENT_STATUSES: &[&str] = &[
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
];
const INCIDENT_STATUSES: &[&str] = &[
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
];
const MAINTENANCE_STATUSES: &[&str] = &["scheduled", "in_progress", "verifying", "completed"];
const IMPACTS: &[&str] = &["none", "minor", "major", "critical"];
const INDICATORS: &[&str] = &["none", "minor", "major", "critical", "maintenance"];

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn assert_keys(v: &Value, expected: &[&str], what: &str) {
    let expected: BTreeSet<&str> = expected.iter().copied().collect();
    assert_eq!(keys(v), expected, "keys of {what}: {v}");
}

fn assert_timestamp(v: &Value, what: &str) {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"));
    let b = s.as_bytes();
    let ok = s.len() == 24
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'.'
        && b[23] == b'Z'
        && chrono::DateTime::parse_from_rfc3339(s).is_ok();
    assert!(ok, "{what} is not RFC 3339 UTC with milliseconds: {s}");
}

fn assert_opt_timestamp(v: &Value, what: &str) {
    if !v.is_null() {
        assert_timestamp(v, what);
    }
}

fn assert_enum(v: &Value, allowed: &[&str], what: &str) {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"));
    assert!(
        allowed.contains(&s),
        "{what} = {s:?} is not one of {allowed:?}"
    );
}

fn check_page(page: &Value) {
    assert_keys(page, PAGE_KEYS, "page");
    for k in ["id", "name", "url", "time_zone"] {
        assert!(page[k].is_string(), "page.{k}");
    }
    assert_timestamp(&page["updated_at"], "page.updated_at");
}

fn check_component(c: &Value, page_id: &str) {
    let mut expected = COMPONENT_KEYS.to_vec();
    if c["group"] == true {
        expected.push("components");
        assert!(
            c["components"].as_array().is_some(),
            "group components list: {c}"
        );
    }
    assert_keys(c, &expected, "component");
    assert!(c["id"].is_string() && c["name"].is_string());
    assert_enum(&c["status"], COMPONENT_STATUSES, "component.status");
    assert_timestamp(&c["created_at"], "component.created_at");
    assert_timestamp(&c["updated_at"], "component.updated_at");
    assert!(c["position"].is_i64(), "position: {c}");
    assert!(c["description"].is_string() || c["description"].is_null());
    assert!(
        c["showcase"].is_boolean()
            && c["group"].is_boolean()
            && c["only_show_if_degraded"].is_boolean()
    );
    assert!(c["start_date"].is_null() || c["start_date"].as_str().is_some_and(|d| d.len() == 10));
    assert!(c["group_id"].is_string() || c["group_id"].is_null());
    assert_eq!(c["page_id"], page_id);
}

fn check_update(u: &Value, incident_id: &str, statuses: &[&str]) {
    assert_keys(u, UPDATE_KEYS, "incident update");
    assert_enum(&u["status"], statuses, "update.status");
    assert!(u["body"].is_string());
    assert_eq!(u["incident_id"], incident_id);
    for k in ["created_at", "updated_at", "display_at"] {
        assert_timestamp(&u[k], k);
    }
    for a in u["affected_components"]
        .as_array()
        .expect("affected_components array")
    {
        assert_keys(a, AFFECTED_KEYS, "affected component");
        assert_enum(&a["old_status"], COMPONENT_STATUSES, "old_status");
        assert_enum(&a["new_status"], COMPONENT_STATUSES, "new_status");
    }
    assert!(u["deliver_notifications"].is_boolean());
    assert!(u["custom_tweet"].is_null() || u["custom_tweet"].is_string());
    assert!(u["tweet_id"].is_null() || u["tweet_id"].is_string());
}

fn check_updates_newest_first(updates: &Value) {
    let times: Vec<&str> = updates
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["created_at"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "incident_updates must be newest first");
}

fn check_incident(i: &Value, page_id: &str) {
    assert_keys(i, INCIDENT_KEYS, "incident");
    assert_enum(&i["status"], INCIDENT_STATUSES, "incident.status");
    assert_enum(&i["impact"], IMPACTS, "incident.impact");
    for k in ["created_at", "updated_at", "started_at"] {
        assert_timestamp(&i[k], k);
    }
    assert_opt_timestamp(&i["monitoring_at"], "monitoring_at");
    assert_opt_timestamp(&i["resolved_at"], "resolved_at");
    assert!(i["shortlink"].as_str().unwrap().starts_with("http"));
    assert_eq!(i["page_id"], page_id);
    for c in i["components"].as_array().unwrap() {
        check_component(c, page_id);
    }
    let id = i["id"].as_str().unwrap();
    for u in i["incident_updates"].as_array().unwrap() {
        check_update(u, id, INCIDENT_STATUSES);
    }
    check_updates_newest_first(&i["incident_updates"]);
}

fn check_maintenance(m: &Value, page_id: &str) {
    let mut expected = INCIDENT_KEYS.to_vec();
    expected.extend(["scheduled_for", "scheduled_until"]);
    assert_keys(m, &expected, "scheduled maintenance");
    assert_enum(&m["status"], MAINTENANCE_STATUSES, "maintenance.status");
    assert_eq!(m["impact"], "maintenance");
    assert_timestamp(&m["scheduled_for"], "scheduled_for");
    assert_timestamp(&m["scheduled_until"], "scheduled_until");
    assert_opt_timestamp(&m["started_at"], "started_at");
    let id = m["id"].as_str().unwrap();
    for u in m["incident_updates"].as_array().unwrap() {
        check_update(u, id, MAINTENANCE_STATUSES);
    }
    for c in m["components"].as_array().unwrap() {
        check_component(c, page_id);
    }
}

fn check_status(s: &Value) {
    assert_keys(s, &["indicator", "description"], "status");
    assert_enum(&s["indicator"], INDICATORS, "status.indicator");
    assert!(s["description"].is_string());
}

#[tokio::test]
async fn every_v2_document_has_the_statuspage_keys_types_and_enums() {
    let app = TestApp::with_demo();
    let docs: Vec<(&str, Value)> = {
        let mut v = Vec::new();
        for path in herald_model::v2::paths::ALL {
            let reply = app.get(path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            v.push((path, reply.json));
        }
        v
    };
    for (path, doc) in &docs {
        check_page(&doc["page"]);
        let page_id = doc["page"]["id"].as_str().unwrap();
        let top: Vec<&str> = match *path {
            "/api/v2/summary.json" => vec![
                "page",
                "status",
                "components",
                "incidents",
                "scheduled_maintenances",
            ],
            "/api/v2/status.json" => vec!["page", "status"],
            "/api/v2/components.json" => vec!["page", "components"],
            "/api/v2/incidents.json" | "/api/v2/incidents/unresolved.json" => {
                vec!["page", "incidents"]
            }
            _ => vec!["page", "scheduled_maintenances"],
        };
        assert_keys(doc, &top, path);
        if let Some(s) = doc.get("status") {
            check_status(s);
        }
        for c in doc
            .get("components")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            check_component(c, page_id);
        }
        for i in doc
            .get("incidents")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            check_incident(i, page_id);
        }
        for m in doc
            .get("scheduled_maintenances")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            check_maintenance(m, page_id);
        }
    }

    let get = |p: &str| docs.iter().find(|(path, _)| *path == p).unwrap().1.clone();
    let summary = get("/api/v2/summary.json");
    // The demo has one open Sev 2 incident (major impact) and a partial outage.
    assert_eq!(summary["status"]["indicator"], "major");
    assert_eq!(summary["status"]["description"], "Partial System Outage");
    assert_eq!(summary["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(
        summary["incidents"][0]["incident_updates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(summary["scheduled_maintenances"][0]["status"], "scheduled");
    assert_eq!(
        get("/api/v2/incidents/unresolved.json")["incidents"],
        summary["incidents"]
    );
    assert_eq!(
        get("/api/v2/incidents.json")["incidents"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    assert_eq!(
        get("/api/v2/scheduled-maintenances/upcoming.json")["scheduled_maintenances"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        get("/api/v2/scheduled-maintenances/active.json")["scheduled_maintenances"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(get("/api/v2/status.json")["status"], summary["status"]);

    // Groups list their children, and each child points back at its group.
    let components = summary["components"].as_array().unwrap();
    let groups: Vec<&Value> = components.iter().filter(|c| c["group"] == true).collect();
    assert_eq!(groups.len(), 2);
    for g in groups {
        let children = g["components"].as_array().unwrap();
        assert!(!children.is_empty());
        for child_id in children {
            let child = components
                .iter()
                .find(|c| &c["id"] == child_id)
                .expect("child listed");
            assert_eq!(child["group_id"], g["id"]);
        }
    }
}

#[tokio::test]
async fn documents_carry_etag_cache_control_cors_and_json_type_and_answer_304() {
    let app = TestApp::with_demo();
    for path in herald_model::v2::paths::ALL {
        let reply = app.get(path).await;
        let h = &reply.headers;
        assert_eq!(
            h[header::CONTENT_TYPE],
            "application/json; charset=utf-8",
            "{path}"
        );
        assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
        assert_eq!(h[header::CACHE_CONTROL], "public, no-cache", "{path}");
        let etag = h[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");

        let again = app
            .request(
                Request::get(path)
                    .header(header::IF_NONE_MATCH, &etag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.bytes.is_empty());
        assert_eq!(again.headers[header::ETAG], etag.as_str());

        let other = app
            .request(
                Request::get(path)
                    .header(header::IF_NONE_MATCH, "\"stale\"")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(other.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn lists_are_capped_at_fifty_newest_first() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    for n in 0..55 {
        let reply = app
            .send(
                Method::POST,
                "/api/incidents",
                Some(
                    json!({"issue_key": format!("CAP-{n}"), "title": format!("Incident {n}"),
                    "summary": "s", "severity": 3, "message": "m"}),
                ),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    }
    let incidents = app.get("/api/v2/incidents.json").await.json["incidents"].clone();
    let list = incidents.as_array().unwrap();
    assert_eq!(list.len(), 50);
    assert_eq!(list[0]["name"], "Incident 54");
    assert!(list.iter().all(|i| i["name"] != "Incident 0"));
    // All 55 are unresolved: the unresolved list is not capped.
    let unresolved = app.get("/api/v2/incidents/unresolved.json").await.json;
    assert_eq!(unresolved["incidents"].as_array().unwrap().len(), 55);
}

#[tokio::test]
async fn the_disk_mirror_holds_the_served_bytes_and_export_writes_a_static_site() {
    let app = TestApp::with_demo();
    let out = app.dir.path().join("site");
    let web = app.dir.path().join("web");
    // Uptime is measured to the minute: export and serve within one minute.
    let mut written = 0;
    for _ in 0..2 {
        app.state.republish().unwrap();
        written = herald_server::export::export(&app.data_dir(), &web, &out, app.now()).unwrap();
        let served = app.get("/api/herald/uptime.json").await.bytes;
        if std::fs::read(out.join("api/herald/uptime.json")).unwrap() == served {
            break;
        }
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(r#"<div id="herald-app">"#) && index.contains("Partial System Outage"));
    assert!(index.ends_with(r#"<script src="/app.js"></script></body></html>"#));
    let exported: Vec<String> = walk(&out.join("api"))
        .into_iter()
        .chain(walk(&out.join("incidents")))
        .chain(walk(&out.join("maintenances")))
        .chain(
            [
                "history.atom",
                "history.rss",
                "badge.svg",
                "robots.txt",
                "index.html",
                "404.html",
                "history.html",
                "subscribe.html",
            ]
            .map(|f| out.join(f)),
        )
        .collect::<Vec<_>>()
        .iter()
        .map(|p| format!("/{}", p.strip_prefix(&out).unwrap().display()))
        .collect();
    assert_eq!(exported.len(), written);
    // Which months the demo spans depends on the day it was seeded: read
    // them off the dates of its incidents and its maintenance (in the
    // page's time zone), and expect exactly those archives.
    let tz = herald_server::calendar::zone("Europe/Berlin");
    let month_of = |at: &serde_json::Value| {
        let at: chrono::DateTime<chrono::Utc> = at.as_str().unwrap().parse().unwrap();
        herald_server::calendar::month_key(herald_server::calendar::local_date(at, tz))
    };
    let incidents = app.get("/api/v2/incidents.json").await.json["incidents"].clone();
    let maintenances =
        app.get("/api/v2/scheduled-maintenances.json").await.json["scheduled_maintenances"].clone();
    let mut months: Vec<String> = incidents
        .as_array()
        .unwrap()
        .iter()
        .map(|i| month_of(&i["created_at"]))
        .chain(
            maintenances
                .as_array()
                .unwrap()
                .iter()
                .map(|m| month_of(&m["scheduled_for"])),
        )
        .collect();
    months.sort();
    months.dedup();
    assert!(
        months.len() >= 2,
        "the demo's history spans a month at least"
    );
    let history_index = app.get("/api/herald/history/index.json").await.json;
    let mut listed: Vec<String> = history_index["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap().to_owned())
        .collect();
    listed.sort();
    assert_eq!(listed, months, "the history index lists the demo's months");
    for month in &months {
        let path = format!("/api/herald/history/{month}.json");
        assert!(exported.contains(&path), "{path} exported");
    }
    // The eight v2 documents, uptime and history index, two feeds and the
    // badge, robots.txt, the rendered status, not-found, history and
    // subscription pages, six incidents and one maintenance (each a document
    // and a permalink page), and one archive per month.
    assert_eq!(
        written,
        8 + 2 + 3 + 1 + 4 + 2 * (6 + 1) + months.len(),
        "{exported:#?}"
    );
    for path in herald_model::v2::paths::ALL {
        assert!(exported.iter().any(|p| p == path), "{path} exported");
    }
    app.state.docs.flush_mirror();
    for path in &exported {
        // A permalink's page is served at its path without `.html`.
        let page = path.strip_suffix(".html").filter(|_| path != "/index.html");
        let served = app.get(page.unwrap_or(path)).await;
        // `/404` names no page: the not-found page, as a 404.
        let status = match path.as_str() {
            "/404.html" => StatusCode::NOT_FOUND,
            _ => StatusCode::OK,
        };
        assert_eq!(served.status, status, "{path}");
        let mirrored = std::fs::read(app.data_dir().join("public").join(&path[1..])).unwrap();
        assert!(
            served.bytes == mirrored,
            "the disk mirror of {path} differs from what is served"
        );
        let file = std::fs::read(out.join(&path[1..])).unwrap();
        assert!(
            served.bytes == file,
            "the export of {path} differs from what is served"
        );
    }
    // Static hosts answer unknown paths with 404.html: the app's not-found
    // page, in the page's own header.
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        not_found.contains(r#"data-testid="not-found""#),
        "{not_found}"
    );
    assert!(
        not_found.contains(r#"<a href="/">Acme Cloud"#),
        "{not_found}"
    );
    assert!(!not_found.contains("Partial System Outage"), "{not_found}");
    // No temporary files are left behind.
    let leftovers: Vec<_> = walk(&app.data_dir().join("public"))
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn unknown_api_paths_are_json_404_and_client_routes_get_the_app() {
    let app = TestApp::new();
    for path in ["/api/nope", "/api/v2/nope.json", "/api"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.json["code"], "not_found", "{path}");
    }
    // Unknown public paths are 404, with the app's page (which shows its
    // not-found page); known ones are 200.
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/index.html", StatusCode::OK),
        ("/incidents/abc", StatusCode::NOT_FOUND),
        ("/incidents/no-such-id", StatusCode::NOT_FOUND),
        ("/maintenances/m1", StatusCode::NOT_FOUND),
        ("/maintenances/x", StatusCode::NOT_FOUND),
        ("/history/2030-01", StatusCode::NOT_FOUND),
        ("/nope", StatusCode::NOT_FOUND),
        ("/no/such/page", StatusCode::NOT_FOUND),
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, status, "{path}");
        assert_eq!(
            reply.headers[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let html = String::from_utf8(reply.bytes).unwrap();
        // The app's page, titled with the page's name.
        assert!(
            html.contains(r#"<script src="/app.js"></script>"#),
            "{path}: {html}"
        );
        assert!(html.contains(r#"<div id="herald-app">"#), "{path}");
        // The status page at its paths, the not-found page elsewhere.
        let not_found = html.contains(r#"data-testid="not-found""#);
        assert_eq!(not_found, status == StatusCode::NOT_FOUND, "{path}: {html}");
        if not_found {
            assert!(
                html.contains("<title>Page not found</title>"),
                "{path}: {html}"
            );
            assert!(html.contains("Page not found"), "{path}: {html}");
        } else {
            assert!(
                html.contains(r#"data-testid="overall-status""#),
                "{path}: {html}"
            );
        }
    }
}

#[tokio::test]
async fn permalinks_of_public_objects_are_pages_and_of_internal_ones_are_not() {
    let app = TestApp::with_demo();
    let incident = app.get("/api/v2/incidents.json").await.json["incidents"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let maintenance = app.get("/api/v2/scheduled-maintenances.json").await.json
        ["scheduled_maintenances"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for path in [
        format!("/incidents/{incident}"),
        format!("/maintenances/{maintenance}"),
    ] {
        assert_eq!(app.get(&path).await.status, StatusCode::OK, "{path}");
    }
    // An incident's id under the maintenances path is no page.
    let wrong = format!("/maintenances/{incident}");
    assert_eq!(app.get(&wrong).await.status, StatusCode::NOT_FOUND);
    // An internal-only incident has no public page.
    let token = app.token(Role::Publisher).await;
    let hidden = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(
                json!({"issue_key": "INT-7", "title": "Quiet", "summary": "s", "severity": 3,
                "message": "m", "visibility": "internal"}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(hidden.status, StatusCode::CREATED, "{}", hidden.json);
    let path = format!("/incidents/{}", hidden.json["id"].as_str().unwrap());
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_permalink_page_holds_its_whole_public_timeline_and_a_link_preview() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let api = app.get("/api/v2/components.json").await.json["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "API")
        .unwrap()["id"]
        .clone();
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(json!({"issue_key": "OPS-777", "title": "Slow <checkout>", "summary": "MARKER-SUMMARY",
                "severity": 2, "message": "We are looking into slow checkouts.",
                "components": [{"id": api, "status": "degraded_performance"}]})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    let id = declared.json["id"].as_str().unwrap().to_owned();
    for (version, status, body, audience) in [
        (1, "identified", "MARKER-INTERNAL: db-3 pool", "internal"),
        (2, "monitoring", "A fix is out; we are watching.", "public"),
    ] {
        let reply = app
            .send(
                Method::POST,
                &format!("/api/incidents/{id}/updates"),
                Some(json!({"version": version, "status": status, "body": body, "audience": audience})),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    }
    let reply = app.get(&format!("/incidents/{id}")).await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = String::from_utf8(reply.bytes).unwrap();
    let page_url = app.get("/api/v2/status.json").await.json["page"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("{page_url}/incidents/{id}");
    for expected in [
        "<title>Slow &lt;checkout&gt; · Acme Cloud</title>".to_owned(),
        r#"<meta property="og:title" content="Slow &lt;checkout&gt; · Acme Cloud" />"#.to_owned(),
        format!(r#"<meta property="og:url" content="{url}" />"#),
        r#"<meta property="og:description" content="Monitoring — A fix is out; we are watching." />"#
            .to_owned(),
        r#"<meta name="twitter:card" content="summary" />"#.to_owned(),
        "<h1>Slow &lt;checkout&gt;".to_owned(),
        r#"<p class="site-title"><a href="/">Acme Cloud"#.to_owned(),
        "Affected components:".to_owned(),
        r#"<li data-component-id="#.to_owned(),
        "We are looking into slow checkouts.".to_owned(),
        "A fix is out; we are watching.".to_owned(),
        r#"<script src="/app.js"></script>"#.to_owned(),
    ] {
        assert!(html.contains(&expected), "{expected} missing from {html}");
    }
    for internal in ["MARKER", "OPS-777", "db-3"] {
        assert!(!html.contains(internal), "{internal} on the public page");
    }
    // The one in the disk mirror, which an export copies for static hosts.
    let file = app.data_dir().join(format!("public/incidents/{id}.html"));
    assert_eq!(std::fs::read_to_string(file).unwrap(), html);

    let maintenance =
        &app.get("/api/v2/scheduled-maintenances.json").await.json["scheduled_maintenances"][0];
    let reply = app
        .get(&format!(
            "/maintenances/{}",
            maintenance["id"].as_str().unwrap()
        ))
        .await;
    let html = String::from_utf8(reply.bytes).unwrap();
    let name = maintenance["name"].as_str().unwrap();
    assert!(
        html.contains(&format!("<title>{name} · Acme Cloud</title>")),
        "{html}"
    );
    for update in maintenance["incident_updates"].as_array().unwrap() {
        assert!(html.contains(update["body"].as_str().unwrap()), "{html}");
    }
}

#[tokio::test]
async fn the_portal_is_its_own_app_served_for_every_path_under_portal() {
    let app = TestApp::new();
    for path in [
        "/portal",
        "/portal/",
        "/portal/incidents/3",
        "/portal/admin",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let html = String::from_utf8(reply.bytes).unwrap();
        assert!(
            html.contains("<title>Herald test portal</title>"),
            "{path}: {html}"
        );
        assert!(!html.contains("herald-app"), "{path}");
    }
    let script = app.get("/portal/portal.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        String::from_utf8(script.bytes).unwrap(),
        "// the portal app"
    );
    // The public page does not link the portal's app.
    let public = String::from_utf8(app.get("/").await.bytes).unwrap();
    assert!(!public.contains("portal.js"));
}

#[tokio::test]
async fn history_and_subscribe_get_the_second_public_app_with_the_page_rendered_in() {
    let app = TestApp::with_demo();
    for path in ["/history", "/subscribe", "/history?month=2026-10"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let html = String::from_utf8(reply.bytes).unwrap();
        // The second app's page (its title replaced by the page's own).
        assert!(
            html.contains("<title>") && !html.contains("Herald test more"),
            "{path}"
        );
        assert!(!html.contains("Herald test app"), "{path}");
        assert!(
            html.contains(r#"<body><div id="herald-app">"#),
            "{path}: {html}"
        );
        assert!(html.contains(r#"<script id="herald-seed""#), "{path}");
    }
    let script = app.get("/more/more.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        String::from_utf8(script.bytes).unwrap(),
        "// the second public app"
    );
    // Neither the feeds beside /history nor the first visit's page are it.
    let feed = app.get("/history.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(String::from_utf8(feed.bytes).unwrap().contains("<feed"));
    let public = String::from_utf8(app.get("/").await.bytes).unwrap();
    assert!(!public.contains("more.js") && !public.contains("Herald test more"));
}

#[tokio::test]
async fn the_history_is_served_with_its_newest_month_written_in() {
    let app = TestApp::with_demo();
    let index = app.get("/api/herald/history/index.json").await.json;
    let months = index["months"].as_array().unwrap();
    assert!(
        months.len() >= 2,
        "the demo has history in two months: {index}"
    );
    let names = |month: &Value| -> Vec<String> {
        month["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let newest = app.get(months[0]["path"].as_str().unwrap()).await.json;
    let older = app.get(months[1]["path"].as_str().unwrap()).await.json;
    assert!(!names(&newest).is_empty());

    let html = String::from_utf8(app.get("/history").await.bytes).unwrap();
    assert!(
        html.contains("<title>Incident history · Acme Cloud</title>"),
        "{html}"
    );
    assert!(html.contains(r#"<meta name="description""#));
    assert!(html.contains(r#"<link rel="canonical" href="https://status.example.com/history" />"#));
    // The rendered page, without the markers hydration finds its way by.
    let page = html
        [html.find("<body>").unwrap()..html.find(r#"<script id="herald-seed""#).unwrap()]
        .replace("<!>", "");
    assert!(page.contains("<h1>Incident history</h1>"), "{page}");
    assert_eq!(page.matches(r#"data-testid="history-month""#).count(), 1);
    assert!(page.contains(&format!(
        r#"data-month="{}""#,
        months[0]["month"].as_str().unwrap()
    )));
    for name in names(&newest) {
        assert!(page.contains(&name), "the history lacks {name}");
    }
    // Older months wait for "Show older".
    for name in names(&older) {
        if !names(&newest).contains(&name) {
            assert!(
                !page.contains(&name),
                "the history shows {name} of an older month"
            );
        }
    }
    assert!(page.contains(r#"data-testid="show-older""#));
    for secret in ["OPS-142", "api-db-3"] {
        assert!(!html.contains(secret), "the history leaks {secret}");
    }
}

#[tokio::test]
async fn the_subscription_form_is_served_with_the_components_to_choose() {
    let app = TestApp::with_demo();
    let html = String::from_utf8(app.get("/subscribe").await.bytes).unwrap();
    assert!(
        html.contains("<title>Subscribe to updates · Acme Cloud</title>"),
        "{html}"
    );
    // The rendered page, without the markers hydration finds its way by.
    let page = html
        [html.find("<body>").unwrap()..html.find(r#"<script id="herald-seed""#).unwrap()]
        .replace("<!>", "");
    assert!(page.contains("<form"));
    let components = app.get("/api/v2/components.json").await.json;
    let leaves: Vec<&str> = components["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["group"] == false)
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(!leaves.is_empty());
    assert_eq!(
        page.matches(r#"data-testid="subscribe-component""#).count(),
        leaves.len()
    );
    for name in leaves {
        assert!(page.contains(name), "the form does not offer {name}");
    }
    // It follows writes, as the status page does.
    let token = app.token(Role::Admin).await;
    let created = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "Billing portal"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    let after = String::from_utf8(app.get("/subscribe").await.bytes).unwrap();
    assert!(after.contains("Billing portal"));
}

#[tokio::test]
async fn assets_are_sent_from_their_precompressed_copies() {
    let app = TestApp::new();
    let web = app.dir.path().join("web");
    let script = "console.log('the app');".repeat(100);
    std::fs::write(web.join("app.js"), &script).unwrap();
    std::fs::write(web.join("app.js.br"), b"brotli bytes").unwrap();
    std::fs::write(web.join("app.js.gz"), b"gzip bytes").unwrap();
    for (accept, encoding, body) in [
        ("br, gzip", Some("br"), &b"brotli bytes"[..]),
        ("gzip", Some("gzip"), &b"gzip bytes"[..]),
        ("identity", None, script.as_bytes()),
    ] {
        let req = Request::get("/app.js")
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        let reply = app.request(req).await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert_eq!(
            reply
                .headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(reply.bytes, body, "{accept}");
    }
}

#[tokio::test]
async fn the_page_is_served_with_the_current_status_written_in() {
    let app = TestApp::with_demo();
    let reply = app.get("/").await;
    let html = String::from_utf8(reply.bytes).unwrap();
    let body = html.find("<body>").unwrap();
    assert!(html[..body].contains(r#"<link rel="canonical" href="https://status.example.com/" />"#));
    let status = &html[body..];
    assert!(status.starts_with(r#"<body><div id="herald-app">"#));
    assert_eq!(status.matches("<h1>").count(), 1);
    for text in [
        "Acme Cloud",
        "Partial System Outage",
        "Elevated API error rates",
        "Identified",
        "Platform",
        "Webhooks",
        "Degraded performance",
        "Website",
    ] {
        assert!(status.contains(text), "the first paint lacks {text}");
    }
    for secret in ["OPS-142", "api-db-3"] {
        assert!(!status.contains(secret), "the first paint leaks {secret}");
    }
    // It follows writes, and is cacheable by ETag like every document.
    let token = app.token(Role::Publisher).await;
    let components = app
        .send(Method::GET, "/api/components", None, Auth::Bearer(&token))
        .await
        .json;
    let website = components
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Website")
        .unwrap();
    let path = format!("/api/components/{}", website["id"].as_str().unwrap());
    let patch = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": website["version"], "status": "major_outage"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK);
    let after = app.get("/").await;
    let html = String::from_utf8(after.bytes.clone()).unwrap();
    assert!(html.contains("Major Service Outage") && html.contains("Major outage"));
    let etag = after.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = app
        .request(
            Request::get("/")
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = TestApp::new();
    let reply = app.get("/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/api/session", &["post", "get", "delete"][..]),
        ("/api/tokens", &["post"]),
        ("/api/components", &["get", "post"]),
        ("/api/components/{id}", &["patch"]),
        ("/api/incidents", &["get", "post"]),
        ("/api/incidents/{id}", &["get"]),
        ("/api/incidents/{id}/updates", &["post"]),
        ("/api/incidents/{id}/resolve", &["post"]),
    ] {
        for m in methods {
            assert!(
                paths[path][m].is_object(),
                "{m} {path} missing from OpenAPI"
            );
        }
    }
    for path in herald_model::v2::paths::ALL {
        assert!(
            paths[path]["get"].is_object(),
            "{path} missing from OpenAPI"
        );
    }
    let schemas = &doc["components"]["schemas"];
    for s in ["SummaryDoc", "NewIncident", "ApiError", "IncidentRecord"] {
        assert!(schemas[s].is_object(), "schema {s} missing");
    }
}

#[tokio::test]
async fn the_openapi_document_spells_every_enum_as_on_the_wire() {
    use herald_model::api::{Audience, ErrorCode, Role, Visibility};
    use herald_model::{ComponentStatus, Impact, IncidentStatus, UpdateStatus};
    let app = TestApp::new();
    let doc = app.get("/api/openapi.json").await.json;
    let schemas = &doc["components"]["schemas"];
    let spelled = |name: &str| -> Vec<String> {
        schemas[name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("schema {name} is not a string enum: {}", schemas[name]))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    fn wire<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(|v| v.to_string()).collect()
    }
    assert_eq!(spelled("ComponentStatus"), wire(ComponentStatus::ALL));
    assert_eq!(spelled("IncidentStatus"), wire(IncidentStatus::ALL));
    assert_eq!(spelled("UpdateStatus"), wire(UpdateStatus::ALL));
    assert_eq!(spelled("Impact"), wire(Impact::ALL));
    assert_eq!(spelled("Visibility"), wire(Visibility::ALL));
    assert_eq!(spelled("Audience"), wire(Audience::ALL));
    assert_eq!(spelled("Role"), wire(Role::ALL));
    assert_eq!(spelled("ErrorCode"), wire(ErrorCode::ALL));
    assert!(spelled("ComponentStatus").contains(&"partial_outage".to_owned()));
    // No schema anywhere publishes a Rust variant name instead.
    let text = doc.to_string();
    for rust_name in ["\"PartialOutage\"", "\"MajorOutage\"", "\"InProgress\""] {
        assert!(
            !text.contains(rust_name),
            "{rust_name} in the OpenAPI document"
        );
    }
}

#[tokio::test]
async fn a_restart_removes_the_temporary_files_a_kill_left_in_the_mirror() {
    let app = TestApp::with_demo();
    let public = app.data_dir().join("public");
    let left = [
        public.join(".history.atom.4242.tmp"),
        public.join("api/v2/.summary.json.4242.tmp"),
    ];
    for file in &left {
        std::fs::write(file, b"half a document").unwrap();
    }
    let restarted = herald_server::AppState::open_with_clock(
        &app.data_dir(),
        app.dir.path().join("web"),
        app.state.clock,
    )
    .unwrap();
    for file in &left {
        assert!(!file.exists(), "{} is still there", file.display());
    }
    // The documents themselves are all still there.
    restarted.docs.flush_mirror();
    assert!(public.join("api/v2/summary.json").is_file());
    assert!(public.join("history.atom").is_file());
}

#[tokio::test]
async fn robots_txt_keeps_crawlers_out_of_the_portal_and_the_api() {
    let app = TestApp::new();
    let reply = app.get("/robots.txt").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = String::from_utf8(reply.bytes).unwrap();
    assert!(text.contains("User-agent: *"));
    assert!(text.contains("Disallow: /portal"));
    assert!(text.contains("Disallow: /api/"));
    assert!(!text.contains("<html"));
}
