//! Nothing internal reaches a public output: a marker is planted in every
//! internal field (issue key, summary, internal notices and updates, final
//! internal comms, roles, support cases, internal-only incidents and
//! components — one of them made internal after customers saw it —, drills,
//! detections, the internal templates, users, API token names, subscriber
//! addresses) and every public document, page, feed, export file and
//! customer notification is searched for it. As a control, a marker in
//! public fields is found in each kind of output.

mod common;

use axum::http::{Method, StatusCode};
use common::{webhook_receiver, Auth, TestApp};
use herald_model::api::Role;
use herald_server::delivery::{spawn_worker, DeliveryConfig};
use serde_json::json;
use std::time::Duration;

/// Every marker contains this, so one search finds them all.
const MARK: &str = "ZQXLEAK";
/// A component's name while customers saw it; made internal, it must leave
/// every document and page (what was sent to them while it was public stays sent).
const LATE: &str = "ZQXLATE";
/// The control: in public fields only, it must be found.
const SHOWN: &str = "ZQXSHOWN";

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_internal_field_appears_in_any_public_output() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let token = app.token(Role::Publisher).await;
    let send = |method: Method, path: String, body: serde_json::Value| {
        let app = &app;
        let token = token.clone();
        async move {
            let reply = app
                .send(method, &path, Some(body), Auth::Bearer(&token))
                .await;
            assert!(reply.status.is_success(), "{path}: {}", reply.json);
            reply.json
        }
    };

    // A customer webhook subscriber, to search what customers are sent.
    let (hook_url, hooks, _) = webhook_receiver(0).await;
    let r = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"webhook_url": hook_url})),
            Auth::None,
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    // A staff subscriber whose address is itself internal.
    let staff = app.token(Role::Viewer).await;
    app.send(
        Method::POST,
        "/api/me/subscriptions",
        Some(json!({"channel": "email", "address": format!("{MARK}-staff@example.com")})),
        Auth::Bearer(&staff),
    )
    .await;
    let mut config = DeliveryConfig::new(None, "Status <status@example.com>").unwrap();
    config.retry_base = Duration::from_millis(50);
    config.allow_private = true;
    spawn_worker(app.state.clone(), config, Duration::from_millis(50));

    let secret_component = send(
        Method::POST,
        "/api/components".into(),
        json!({"name": format!("{MARK} ledger worker"), "internal_only": true}),
    )
    .await;
    let summary = app.get("/api/v2/summary.json").await.json;
    let api = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "API")
        .unwrap()["id"]
        .clone();

    // A public incident with every internal field marked.
    let incident = send(Method::POST, "/api/incidents".into(), json!({
        "issue_key": "ZQXLEAK-1",
        "title": "Payments are slow",
        "summary": format!("{MARK} summary: ledger replica lag"),
        "severity": 2,
        "message": "Some payments take longer than usual. We are investigating.",
        "internal_message": format!("{MARK} internal notice at declaration"),
        "roles": {"incident_manager": format!("{MARK} Dana"), "technical_lead": format!("{MARK} Kenji"),
                  "communications_manager": format!("{MARK} Ana")},
        "support_cases": 987654,
        "assessment": {"audience": "external", "scope": "some", "symptom": "degraded", "support_cases": 987654},
        "components": [{"id": api, "status": "degraded_performance"},
                       {"id": secret_component["id"], "status": "major_outage"}],
    })).await;
    let id = incident["id"].as_str().unwrap().to_owned();
    let mut version = incident["version"].as_i64().unwrap();

    // Internal objects of every other kind.
    let admin = app.token(Role::Admin).await;
    let as_admin = |method: Method, path: String, body: serde_json::Value| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let reply = app
                .send(method, &path, Some(body), Auth::Bearer(&admin))
                .await;
            assert!(reply.status.is_success(), "{path}: {}", reply.json);
            reply.json
        }
    };
    for stage in ["investigating", "identified", "monitoring", "resolved"] {
        as_admin(
            Method::PUT,
            format!("/api/templates/{stage}/internal"),
            json!({"title": format!("{MARK} {{issue_key}} template title"),
                   "body": format!("{MARK} internal template: {{summary}}"), "version": 1}),
        )
        .await;
    }
    as_admin(
        Method::POST,
        "/api/users".into(),
        json!({"email": format!("{}-user@example.com", MARK.to_lowercase()),
               "name": format!("{MARK} Person"), "role": "viewer"}),
    )
    .await;
    as_admin(
        Method::POST,
        "/api/tokens".into(),
        json!({"name": format!("{MARK} monitoring token")}),
    )
    .await;
    send(
        Method::POST,
        "/api/detections".into(),
        json!({"source": format!("{MARK} prometheus"), "summary": format!("{MARK} p99 latency alert"),
               "fingerprint": format!("{MARK}-fp"), "components": [api]}),
    )
    .await;
    // A component customers saw, under an incident of theirs, then made internal.
    let late = send(
        Method::POST,
        "/api/components".into(),
        json!({"name": format!("{LATE} hidden queue")}),
    )
    .await;
    let seen = send(Method::POST, "/api/incidents".into(), json!({
        "issue_key": "OPS-4242", "title": format!("{SHOWN} queue delays"), "summary": "s", "severity": 3,
        "message": format!("{SHOWN} messages are delayed."),
        "components": [{"id": late["id"], "status": "partial_outage"}],
    }))
    .await;
    assert!(
        app.get(&format!(
            "/api/herald/incidents/{}.json",
            seen["id"].as_str().unwrap()
        ))
        .await
        .json
        .to_string()
        .contains(LATE),
        "the component was public at first"
    );
    send(
        Method::PATCH,
        format!("/api/components/{}", late["id"].as_str().unwrap()),
        json!({"version": late["version"], "internal_only": true}),
    )
    .await;
    for (status, body, audience) in [
        (
            "identified",
            format!("{MARK} internal update: replica 3 lagging"),
            "internal",
        ),
        (
            "identified",
            "We found the cause and are fixing it.".to_owned(),
            "public",
        ),
    ] {
        version = send(
            Method::POST,
            format!("/api/incidents/{id}/updates"),
            json!({"version": version, "status": status, "body": body, "audience": audience,
                   "internal_body": format!("{MARK} internal body beside a public update")}),
        )
        .await["version"]
            .as_i64()
            .unwrap();
    }
    send(
        Method::POST,
        format!("/api/incidents/{id}/resolve"),
        json!({"version": version,
        "body": "Payments are fast again.", "internal_body": format!("{MARK} final internal comms"),
        "support_cases": 987654, "recurring": true}),
    )
    .await;

    // An internal-only incident and a drill: entirely internal.
    send(Method::POST, "/api/incidents".into(), json!({"issue_key": "SEC-9", "title": format!("{MARK} internal title"),
        "summary": "s", "severity": 1, "message": format!("{MARK} internal-only message"), "visibility": "internal"})).await;
    send(
        Method::POST,
        "/api/incidents".into(),
        json!({"issue_key": "DRILL-9", "title": format!("{MARK} drill title"),
        "summary": "s", "severity": 1, "message": format!("{MARK} drill message"), "drill": true}),
    )
    .await;

    // Give the worker time to send everything it will send.
    tokio::time::sleep(Duration::from_millis(800)).await;

    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut paths: Vec<String> = herald_model::v2::paths::ALL
        .iter()
        .map(|p| p.to_string())
        .collect();
    paths.extend(
        [
            "/",
            "/index.html",
            "/history.atom",
            "/history.rss",
            "/badge.svg",
            "/api/herald/uptime.json",
            "/api/herald/history/index.json",
        ]
        .map(String::from),
    );
    let index = app.get("/api/herald/history/index.json").await.json;
    for month in index["months"].as_array().unwrap() {
        paths.push(month["path"].as_str().unwrap().to_owned());
    }
    let all = app.get("/api/v2/incidents.json").await.json;
    for i in all["incidents"].as_array().unwrap() {
        paths.push(format!(
            "/api/herald/incidents/{}.json",
            i["id"].as_str().unwrap()
        ));
        // Its page (the permalink) too.
        paths.push(format!("/incidents/{}", i["id"].as_str().unwrap()));
    }
    for path in paths {
        let reply = app.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        outputs.push((path, String::from_utf8_lossy(&reply.bytes).into_owned()));
    }
    app.state.docs.flush_mirror();
    let out = app.dir.path().join("site");
    herald_server::export::export(
        &app.data_dir(),
        &app.dir.path().join("web"),
        &out,
        app.now(),
    )
    .unwrap();
    for file in walk(&out)
        .into_iter()
        .chain(walk(&app.data_dir().join("public")))
    {
        outputs.push((
            file.display().to_string(),
            String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned(),
        ));
    }
    let received = hooks.lock().unwrap().clone();
    assert!(
        received.len() >= 3,
        "the customer webhook got the public updates: {}",
        received.len()
    );
    for hook in &received {
        outputs.push(("customer webhook".into(), hook.body.to_string()));
    }

    // The markers are really there, on the internal side.
    let record = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&token),
        )
        .await
        .json;
    assert!(record.to_string().contains(MARK));
    assert!(record.to_string().contains("987654"));

    for (what, text) in &outputs {
        assert!(
            !text.contains(MARK),
            "{what} leaks an internal field: {text}"
        );
        if what != "customer webhook" {
            assert!(
                !text.contains(LATE),
                "{what} still shows a component made internal"
            );
        }
        assert!(
            !text.contains("987654"),
            "{what} leaks the support-case count"
        );
    }
    // The public update did go out, so the search looked at real content.
    assert!(outputs
        .iter()
        .any(|(_, t)| t.contains("We found the cause and are fixing it.")));
    // And the public marker is in every kind of output that shows incidents.
    let seen_id = seen["id"].as_str().unwrap();
    for kind in [
        "/api/v2/incidents.json".to_owned(),
        "/history.atom".to_owned(),
        format!("/incidents/{seen_id}"),
        format!("/api/herald/incidents/{seen_id}.json"),
        format!("site/incidents/{seen_id}.html"),
        "customer webhook".to_owned(),
    ] {
        assert!(
            outputs
                .iter()
                .any(|(what, t)| what.ends_with(&kind) && t.contains(SHOWN)),
            "the public marker is missing from {kind}"
        );
    }
}
