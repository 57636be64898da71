//! Public state moves only with public events: a drill, an internal-only
//! incident and an internal update leave every public byte as it was, and
//! every public document tells one story (an incident's status is what its
//! newest public update says).

mod common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The paths whose bytes differ between two renderings.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.dedup();
    paths
}

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

async fn write(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> Value {
    let reply = app
        .send(method, path, Some(body), Auth::Bearer(token))
        .await;
    assert!(
        reply.status.is_success(),
        "{path}: {} {}",
        reply.status,
        reply.json
    );
    reply.json
}

#[tokio::test]
async fn a_drill_and_an_internal_only_incident_change_no_public_byte() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let summary = app.get("/api/v2/summary.json").await.json;
    let api = component_id(&summary, "API");
    let website = component_id(&summary, "Website");
    let database = component_id(&summary, "Database");
    // Both renderings as of the same instant, after every write below, so
    // the clock moves nothing between them.
    let at = app.now() + Duration::hours(1);
    let before = app.public_bytes(at);
    let served_before = app.get("/api/v2/summary.json").await.json;

    let drill = write(
        &app,
        &token,
        Method::POST,
        "/api/incidents",
        json!({"issue_key": "DRILL-1", "title": "Game day: the API is down", "summary": "rehearsal",
               "severity": 1, "message": "The API is down (drill).", "drill": true,
               "internal_message": "Drill started by the game master.",
               "components": [{"id": api, "status": "major_outage"},
                              {"id": website, "status": "major_outage"}]}),
    )
    .await;
    let hidden = write(
        &app,
        &token,
        Method::POST,
        "/api/incidents",
        json!({"issue_key": "INT-1", "title": "Backups are slow", "summary": "internal only",
               "severity": 2, "message": "Backups are slow.", "visibility": "internal",
               "components": [{"id": database, "status": "partial_outage"}]}),
    )
    .await;
    // While they run: no public document moved.
    let during = app.public_bytes(at);
    assert_eq!(differing(&before, &during), Vec::<String>::new());
    let served = app.get("/api/v2/summary.json").await.json;
    assert_eq!(served["status"], served_before["status"]);
    assert_eq!(served["components"], served_before["components"]);
    assert_eq!(
        app.get("/api/v2/status.json").await.json["status"]["indicator"],
        served_before["status"]["indicator"]
    );
    // The staff still see the drill's state.
    let staff_view = app
        .send(Method::GET, "/api/components", None, Auth::Bearer(&token))
        .await
        .json;
    let staff_api = staff_view
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == api.as_str())
        .unwrap()
        .clone();
    assert_eq!(staff_api["status"], "major_outage", "{staff_api}");

    // Updating and resolving them changes nothing public either.
    let drill = write(
        &app,
        &token,
        Method::POST,
        &format!("/api/incidents/{}/updates", drill["id"].as_str().unwrap()),
        json!({"version": drill["version"], "status": "identified", "body": "Found it (drill).",
               "components": [{"id": database, "status": "degraded_performance"}]}),
    )
    .await;
    for incident in [&drill, &hidden] {
        write(
            &app,
            &token,
            Method::POST,
            &format!(
                "/api/incidents/{}/resolve",
                incident["id"].as_str().unwrap()
            ),
            json!({"version": incident["version"], "body": "Over."}),
        )
        .await;
    }
    let after = app.public_bytes(at);
    assert_eq!(differing(&before, &after), Vec::<String>::new());
    let served = app.get("/api/v2/summary.json").await.json;
    assert_eq!(served["components"], served_before["components"]);
    let uptime = app.get("/api/herald/uptime.json").await.json;
    let website_bar = uptime["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Website")
        .unwrap()
        .clone();
    assert_eq!(
        website_bar["uptime"], 100.0,
        "the drill counts against no public uptime"
    );
}

/// Checks that every public document agrees on each incident: the status of
/// its newest public update is its status, the same everywhere.
async fn assert_consistent(app: &TestApp) {
    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    let mut lists: Vec<Value> = Vec::new();
    for path in [
        "/api/v2/summary.json",
        "/api/v2/incidents.json",
        "/api/v2/incidents/unresolved.json",
    ] {
        lists.extend(
            app.get(path).await.json["incidents"]
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    let index = app.get("/api/herald/history/index.json").await.json;
    for month in index["months"].as_array().unwrap() {
        let archive = app.get(month["path"].as_str().unwrap()).await;
        assert_eq!(archive.status, StatusCode::OK, "{month}");
        lists.extend(archive.json["incidents"].as_array().unwrap().clone());
    }
    for incident in &lists {
        let id = incident["id"].as_str().unwrap();
        let single = app.get(&format!("/api/herald/incidents/{id}.json")).await;
        lists_agree(&mut seen, &single.json["incident"]);
        lists_agree(&mut seen, incident);
    }
    assert!(!seen.is_empty());
}

fn lists_agree(seen: &mut BTreeMap<String, Value>, incident: &Value) {
    let newest = &incident["incident_updates"][0];
    assert_eq!(
        newest["status"], incident["status"],
        "the newest public update's status is the incident's: {incident}"
    );
    let facts = json!({"status": incident["status"], "monitoring_at": incident["monitoring_at"],
        "resolved_at": incident["resolved_at"], "updates": incident["incident_updates"],
        "name": incident["name"]});
    let id = incident["id"].as_str().unwrap().to_owned();
    if let Some(earlier) = seen.get(&id) {
        assert_eq!(earlier, &facts, "incident {id} differs between documents");
    } else {
        seen.insert(id, facts);
    }
}

#[tokio::test]
async fn an_internal_update_moves_only_the_staff_view_of_an_incident() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let open = app.get("/api/v2/incidents/unresolved.json").await.json["incidents"][0].clone();
    let id = open["id"].as_str().unwrap().to_owned();
    assert_eq!(open["status"], "identified");
    let record = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&token),
        )
        .await
        .json;
    let at = app.now() + Duration::hours(1);
    let before = app.public_bytes(at);

    // An internal note says monitoring: customers were not told.
    let record = write(
        &app,
        &token,
        Method::POST,
        &format!("/api/incidents/{id}/updates"),
        json!({"version": record["version"], "status": "monitoring", "audience": "internal",
               "body": "Fix deployed to db-3, watching the pool."}),
    )
    .await;
    assert_eq!(record["status"], "monitoring", "the staff's view moved");
    assert_eq!(
        differing(&before, &app.public_bytes(at)),
        Vec::<String>::new()
    );
    let listed = app.get("/api/v2/incidents/unresolved.json").await.json["incidents"][0].clone();
    assert_eq!(listed["status"], "identified");
    assert_eq!(listed["monitoring_at"], Value::Null);
    assert_consistent(&app).await;

    // Even an internal "resolved" leaves the incident open to customers.
    let record = write(
        &app,
        &token,
        Method::POST,
        &format!("/api/incidents/{id}/updates"),
        json!({"version": record["version"], "status": "resolved", "audience": "internal",
               "body": "Internally we consider it over."}),
    )
    .await;
    assert_eq!(record["status"], "resolved");
    assert_eq!(
        differing(&before, &app.public_bytes(at)),
        Vec::<String>::new()
    );
    let unresolved = app.get("/api/v2/incidents/unresolved.json").await.json;
    assert!(unresolved["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == id.as_str()));
    assert_ne!(
        app.get("/api/v2/status.json").await.json["status"]["indicator"],
        "none"
    );
    assert_consistent(&app).await;
}

#[tokio::test]
async fn a_public_update_moves_the_public_status_and_its_times() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let open = app.get("/api/v2/incidents/unresolved.json").await.json["incidents"][0].clone();
    let id = open["id"].as_str().unwrap().to_owned();
    let record = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&token),
        )
        .await
        .json;
    let record = write(
        &app,
        &token,
        Method::POST,
        &format!("/api/incidents/{id}/updates"),
        json!({"version": record["version"], "status": "monitoring",
               "body": "A fix is in place and we are monitoring."}),
    )
    .await;
    let listed = app.get("/api/v2/incidents/unresolved.json").await.json["incidents"][0].clone();
    assert_eq!(listed["status"], "monitoring");
    assert_eq!(
        listed["monitoring_at"],
        listed["incident_updates"][0]["created_at"]
    );
    assert_consistent(&app).await;
    write(
        &app,
        &token,
        Method::POST,
        &format!("/api/incidents/{id}/resolve"),
        json!({"version": record["version"], "body": "Everything works again."}),
    )
    .await;
    let incident = app
        .get(&format!("/api/herald/incidents/{id}.json"))
        .await
        .json["incident"]
        .clone();
    assert_eq!(incident["status"], "resolved");
    assert_eq!(
        incident["resolved_at"],
        incident["incident_updates"][0]["created_at"]
    );
    assert_eq!(
        app.get("/api/v2/incidents/unresolved.json").await.json["incidents"],
        json!([])
    );
    assert_consistent(&app).await;
}

#[tokio::test]
async fn a_renamed_or_hidden_component_changes_in_every_document_that_shows_it() {
    let app = TestApp::with_demo();
    let admin = app.token(Role::Admin).await;
    let summary = app.get("/api/v2/summary.json").await.json;
    let api = component_id(&summary, "API");
    let records = app
        .send(Method::GET, "/api/components", None, Auth::Bearer(&admin))
        .await
        .json;
    let version_of = |id: &str| {
        records
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["version"]
            .clone()
    };
    // Rename the API (past incidents name it) and hide the database.
    write(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/components/{api}"),
        json!({"version": version_of(&api), "name": "Public API", "description": "REST only"}),
    )
    .await;
    let database = component_id(&summary, "Database");
    write(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/components/{database}"),
        json!({"version": version_of(&database), "internal_only": true}),
    )
    .await;
    app.state.docs.flush_mirror();

    // Every public document, served and on disk, and an export.
    let out = app.dir.path().join("site");
    herald_server::export::export(
        &app.data_dir(),
        &app.dir.path().join("web"),
        &out,
        app.now(),
    )
    .unwrap();
    let mut paths: Vec<String> = herald_model::v2::paths::ALL
        .iter()
        .map(|p| p.to_string())
        .collect();
    let incidents = app.get("/api/v2/incidents.json").await.json["incidents"].clone();
    for i in incidents.as_array().unwrap() {
        paths.push(format!(
            "/api/herald/incidents/{}.json",
            i["id"].as_str().unwrap()
        ));
    }
    let index = app.get("/api/herald/history/index.json").await.json;
    for m in index["months"].as_array().unwrap() {
        paths.push(m["path"].as_str().unwrap().to_owned());
    }
    let mut api_seen = 0;
    for path in &paths {
        let served = app.get(path).await;
        assert_eq!(served.status, StatusCode::OK, "{path}");
        let copies = [
            ("served", served.bytes.clone()),
            (
                "mirror",
                std::fs::read(app.data_dir().join("public").join(&path[1..])).unwrap(),
            ),
            ("export", std::fs::read(out.join(&path[1..])).unwrap()),
        ];
        for (what, bytes) in copies {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                !text.contains("\"API\""),
                "{what} {path} keeps the old name"
            );
            assert!(
                !text.contains("REST and GraphQL API"),
                "{what} {path} keeps the old description"
            );
            assert!(
                !text.contains(&database),
                "{what} {path} shows the hidden component"
            );
            assert!(
                !text.contains("Managed PostgreSQL clusters"),
                "{what} {path} shows the hidden component"
            );
            if text.contains("\"Public API\"") {
                api_seen += 1;
            }
        }
    }
    assert!(api_seen > 6, "the new name is shown ({api_seen})");
    assert_consistent(&app).await;
}
