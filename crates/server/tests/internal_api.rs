//! The internal write API: authentication and roles, validation that names
//! the field, stale writes refused with 409, and the public documents
//! following every committed write.

mod common;

use axum::http::{header, Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};

fn incident_body(key: &str, components: Value) -> Value {
    json!({
        "issue_key": key,
        "title": "Checkout is failing",
        "summary": "Payments provider returns 502 since deploy 841",
        "severity": 2,
        "message": "We are investigating failed checkouts.",
        "components": components,
    })
}

async fn component(app: &TestApp, token: &str, name: &str, group_id: Option<&str>) -> Value {
    let reply = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": name, "group_id": group_id})),
            Auth::Bearer(token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    reply.json
}

#[tokio::test]
async fn every_write_needs_a_signed_in_publisher() {
    let app = TestApp::new();
    let publisher = app.token(Role::Publisher).await;
    let viewer = app.token(Role::Viewer).await;
    let c = component(&app, &publisher, "API", None).await;
    let cid = c["id"].as_str().unwrap().to_owned();
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(incident_body("OPS-1", json!([]))),
            Auth::Bearer(&publisher),
        )
        .await;
    let iid = declared.json["id"].as_str().unwrap().to_owned();

    let writes = [
        (
            Method::POST,
            "/api/components".to_owned(),
            json!({"name": "X"}),
        ),
        (
            Method::PATCH,
            format!("/api/components/{cid}"),
            json!({"version": 1, "name": "Y"}),
        ),
        (
            Method::POST,
            "/api/incidents".to_owned(),
            incident_body("OPS-2", json!([])),
        ),
        (
            Method::POST,
            format!("/api/incidents/{iid}/updates"),
            json!({"version": 1, "status": "identified", "body": "found it"}),
        ),
        (
            Method::POST,
            format!("/api/incidents/{iid}/resolve"),
            json!({"version": 1, "body": "fixed"}),
        ),
    ];
    for (method, path, body) in &writes {
        let anon = app
            .send(method.clone(), path, Some(body.clone()), Auth::None)
            .await;
        assert_eq!(
            anon.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
        assert_eq!(anon.json["code"], "unauthenticated");
        let bogus = app
            .send(
                method.clone(),
                path,
                Some(body.clone()),
                Auth::Bearer("not-a-token"),
            )
            .await;
        assert_eq!(
            bogus.status,
            StatusCode::UNAUTHORIZED,
            "bad token {method} {path}"
        );
        let v = app
            .send(
                method.clone(),
                path,
                Some(body.clone()),
                Auth::Bearer(&viewer),
            )
            .await;
        assert_eq!(v.status, StatusCode::FORBIDDEN, "viewer {method} {path}");
        assert_eq!(v.json["code"], "forbidden");
    }
    // Reads of the internal API need a signed-in user of any role.
    for path in [
        "/api/components",
        "/api/incidents",
        &format!("/api/incidents/{iid}"),
    ] {
        assert_eq!(
            app.get(path).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        let reply = app
            .send(Method::GET, path, None, Auth::Bearer(&viewer))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "viewer reads {path}");
    }
    // Nothing the refused writes carried was stored.
    let incidents = app
        .send(Method::GET, "/api/incidents", None, Auth::Bearer(&viewer))
        .await;
    assert_eq!(incidents.json.as_array().unwrap().len(), 1);
    assert_eq!(incidents.json[0]["status"], "investigating");
}

#[tokio::test]
async fn sessions_sign_in_and_out_and_wrong_passwords_are_refused() {
    let app = TestApp::new();
    let (user, password) = app.user(Role::Publisher);
    let wrong = app
        .send(
            Method::POST,
            "/api/session",
            Some(json!({"email": user.email, "password": "nope"})),
            Auth::None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json["code"], "invalid_credentials");
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
    let unknown = app
        .send(
            Method::POST,
            "/api/session",
            Some(json!({"email": "who@example.com", "password": "x"})),
            Auth::None,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);

    let cookie = app.login(&user.email.to_uppercase(), &password).await;
    let me = app
        .send(Method::GET, "/api/session", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json["email"], user.email);
    assert_eq!(me.json["role"], "publisher");

    let out = app
        .send(Method::DELETE, "/api/session", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = app
        .send(Method::GET, "/api/session", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(after.status, StatusCode::OK, "an ended session is nobody");
    assert_eq!(after.json, Value::Null);
    let ended = app
        .send(Method::GET, "/api/incidents", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(ended.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn asking_who_is_signed_in_answers_null_for_nobody_and_401_for_a_bad_token() {
    let app = TestApp::new();
    let nobody = app
        .send(Method::GET, "/api/session", None, Auth::None)
        .await;
    assert_eq!(nobody.status, StatusCode::OK);
    assert_eq!(nobody.json, Value::Null);
    let unknown_cookie = app
        .send(
            Method::GET,
            "/api/session",
            None,
            Auth::Cookie("herald_session=not-a-session"),
        )
        .await;
    assert_eq!(unknown_cookie.status, StatusCode::OK);
    assert_eq!(unknown_cookie.json, Value::Null);
    let bad_token = app
        .send(
            Method::GET,
            "/api/session",
            None,
            Auth::Bearer("not-a-token"),
        )
        .await;
    assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad_token.json["code"], "unauthenticated");
    let token = app.token(Role::Viewer).await;
    let viewer = app
        .send(Method::GET, "/api/session", None, Auth::Bearer(&token))
        .await;
    assert_eq!(viewer.status, StatusCode::OK);
    assert_eq!(viewer.json["role"], "viewer");
    let other = app
        .send(Method::GET, "/api/incidents", None, Auth::None)
        .await;
    assert_eq!(
        other.status,
        StatusCode::UNAUTHORIZED,
        "other endpoints keep their 401"
    );
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_stores_nothing() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let api = component(&app, &token, "API", None).await;
    let api_id = api["id"].as_str().unwrap();
    let before = app.get("/api/v2/summary.json").await;

    let not_json = app
        .send_raw(
            Method::POST,
            "/api/incidents",
            "application/json",
            "{\"title\": ",
            &token,
        )
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_json.json["code"], "invalid_json");
    let form = app
        .send_raw(
            Method::POST,
            "/api/incidents",
            "application/x-www-form-urlencoded",
            "a=b",
            &token,
        )
        .await;
    assert_eq!(form.status, StatusCode::BAD_REQUEST);

    let cases: Vec<(Value, &str)> = vec![
        (json!({"title": "t"}), "issue_key"),
        (incident_body("ops 1", json!([])), "issue_key"),
        (
            {
                let mut b = incident_body("OPS-1", json!([]));
                b["title"] = json!("");
                b
            },
            "title",
        ),
        (
            {
                let mut b = incident_body("OPS-1", json!([]));
                b["severity"] = json!(7);
                b
            },
            "severity",
        ),
        (
            {
                let mut b = incident_body("OPS-1", json!([]));
                b["serverity"] = json!(1);
                b
            },
            "serverity",
        ),
        (
            incident_body("OPS-1", json!([{"id": api_id, "status": "sideways"}])),
            "components[0].status",
        ),
        (
            incident_body(
                "OPS-1",
                json!([{"id": "missing", "status": "major_outage"}]),
            ),
            "components[0].id",
        ),
        (
            {
                let mut b = incident_body("OPS-1", json!([]));
                b["status"] = json!("resolved");
                b
            },
            "status",
        ),
    ];
    for (body, field) in cases {
        let reply = app
            .send(
                Method::POST,
                "/api/incidents",
                Some(body.clone()),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            reply.json
        );
        assert_eq!(reply.json["code"], "validation");
        assert_eq!(reply.json["field"], field, "{body}: {}", reply.json);
        assert!(reply.json["message"]
            .as_str()
            .unwrap()
            .contains(field.split('[').next().unwrap()));
    }
    let group = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "G", "group_id": api_id})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(group.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(group.json["field"], "group_id");

    // Nothing changed: the documents are byte for byte the same.
    let after = app.get("/api/v2/summary.json").await;
    assert_eq!(before.bytes, after.bytes);
    let list = app
        .send(Method::GET, "/api/incidents", None, Auth::Bearer(&token))
        .await;
    assert_eq!(list.json.as_array().unwrap().len(), 0);

    // A duplicate issue key is refused and the first incident stays as it was.
    let first = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(incident_body("OPS-9", json!([]))),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let mut dup = incident_body("OPS-9", json!([]));
    dup["title"] = json!("Another title");
    let dup = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(dup),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(dup.json["field"], "issue_key");
    let stored = app
        .send(
            Method::GET,
            &format!("/api/incidents/{}", first.json["id"].as_str().unwrap()),
            None,
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(stored.json["title"], "Checkout is failing");
}

#[tokio::test]
async fn a_write_based_on_a_stale_version_gets_409_and_overwrites_nothing() {
    let app = TestApp::new();
    let alice = app.token(Role::Publisher).await;
    let bob = app.token(Role::Admin).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(incident_body("OPS-7", json!([]))),
            Auth::Bearer(&alice),
        )
        .await;
    let id = declared.json["id"].as_str().unwrap().to_owned();
    let version = declared.json["version"].as_i64().unwrap();
    let path = format!("/api/incidents/{id}/updates");

    let a = app
        .send(
            Method::POST,
            &path,
            Some(json!({"version": version, "status": "identified", "body": "Alice's update"})),
            Auth::Bearer(&alice),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    let b = app
        .send(
            Method::POST,
            &path,
            Some(json!({"version": version, "status": "monitoring", "body": "Bob's update"})),
            Auth::Bearer(&bob),
        )
        .await;
    assert_eq!(b.status, StatusCode::CONFLICT, "{}", b.json);
    assert_eq!(b.json["code"], "conflict");
    let stored = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&alice),
        )
        .await;
    assert_eq!(stored.json["status"], "identified");
    assert!(stored.json["updates"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["body"] != "Bob's update"));

    let resolve = app
        .send(
            Method::POST,
            &format!("/api/incidents/{id}/resolve"),
            Some(json!({"version": version, "body": "done"})),
            Auth::Bearer(&bob),
        )
        .await;
    assert_eq!(resolve.status, StatusCode::CONFLICT);

    let c = component(&app, &alice, "API", None).await;
    let cpath = format!("/api/components/{}", c["id"].as_str().unwrap());
    let first = app
        .send(
            Method::PATCH,
            &cpath,
            Some(json!({"version": 1, "name": "Public API"})),
            Auth::Bearer(&alice),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.json["version"], 2);
    let stale = app
        .send(
            Method::PATCH,
            &cpath,
            Some(json!({"version": 1, "name": "REST API"})),
            Auth::Bearer(&bob),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let comps = app.get("/api/v2/components.json").await.json;
    assert_eq!(comps["components"][0]["name"], "Public API");
}

#[tokio::test]
async fn the_incident_lifecycle_moves_the_public_documents_with_it() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let group = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "Platform", "group": true})),
            Auth::Bearer(&token),
        )
        .await
        .json;
    let gid = group["id"].as_str().unwrap();
    let api = component(&app, &token, "API", Some(gid)).await;
    let db = component(&app, &token, "Database", Some(gid)).await;
    let (api_id, db_id) = (api["id"].as_str().unwrap(), db["id"].as_str().unwrap());
    let summary = app.get("/api/v2/summary.json").await.json;
    assert_eq!(summary["status"]["indicator"], "none");
    assert_eq!(summary["status"]["description"], "All Systems Operational");

    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(incident_body(
                "OPS-3",
                json!([{"id": api_id, "status": "partial_outage"}]),
            )),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    let id = declared.json["id"].as_str().unwrap().to_owned();
    assert_eq!(declared.json["impact"], "major");

    let summary = app.get("/api/v2/summary.json").await.json;
    assert_eq!(summary["status"]["indicator"], "major");
    let incident = &summary["incidents"][0];
    assert_eq!(incident["name"], "Checkout is failing");
    assert_eq!(incident["components"][0]["id"], api_id);
    let platform = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == gid)
        .unwrap();
    assert_eq!(
        platform["status"], "partial_outage",
        "a group shows its worst child"
    );
    let first = &incident["incident_updates"][0];
    assert_eq!(first["affected_components"][0]["old_status"], "operational");
    assert_eq!(
        first["affected_components"][0]["new_status"],
        "partial_outage"
    );

    let path = format!("/api/incidents/{id}/updates");
    let internal = app
        .send(
            Method::POST,
            &path,
            Some(json!({"version": 1, "status": "identified", "body": "INTERNAL: db-3 pool", "audience": "internal"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(internal.status, StatusCode::OK, "{}", internal.json);
    let monitoring = app
        .send(
            Method::POST,
            &path,
            Some(
                json!({"version": 2, "status": "monitoring", "body": "A fix is live.",
                "components": [{"id": db_id, "status": "degraded_performance"}]}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(monitoring.status, StatusCode::OK, "{}", monitoring.json);

    let unresolved = app.get("/api/v2/incidents/unresolved.json").await.json;
    let inc = &unresolved["incidents"][0];
    assert_eq!(inc["status"], "monitoring");
    assert!(inc["monitoring_at"].is_string());
    let bodies: Vec<&str> = inc["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        vec!["A fix is live.", "We are investigating failed checkouts."]
    );
    assert_eq!(inc["components"].as_array().unwrap().len(), 2);

    // A resolved incident may not go back to investigating.
    let resolved = app
        .send(
            Method::POST,
            &format!("/api/incidents/{id}/resolve"),
            Some(json!({"version": 3, "body": "All good."})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.json);
    let reopen = app
        .send(
            Method::POST,
            &path,
            Some(json!({"version": 4, "status": "investigating", "body": "again"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(reopen.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reopen.json["field"], "status");

    let summary = app.get("/api/v2/summary.json").await.json;
    assert_eq!(summary["incidents"].as_array().unwrap().len(), 0);
    assert_eq!(summary["status"]["indicator"], "none");
    assert!(summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == "operational"));
    let all = app.get("/api/v2/incidents.json").await.json;
    assert_eq!(all["incidents"][0]["status"], "resolved");
    assert!(all["incidents"][0]["resolved_at"].is_string());

    // The internal update never reached a public document.
    for doc in herald_model::v2::paths::ALL {
        let text = String::from_utf8(app.get(doc).await.bytes).unwrap();
        for secret in [
            "INTERNAL: db-3 pool",
            "OPS-3",
            "Payments provider returns 502",
        ] {
            assert!(!text.contains(secret), "{doc} leaks {secret}");
        }
    }
    // Staff see every update, the internal one included.
    let record = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&token),
        )
        .await
        .json;
    assert_eq!(record["issue_key"], "OPS-3");
    assert!(record["updates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["audience"] == "internal"));
}

#[tokio::test]
async fn internal_only_incidents_stay_off_the_public_documents() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let mut body = incident_body("SEC-12", json!([]));
    body["visibility"] = json!("internal");
    body["title"] = json!("MARKER internal-only title");
    let reply = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(body),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    for doc in herald_model::v2::paths::ALL {
        let text = String::from_utf8(app.get(doc).await.bytes).unwrap();
        assert!(
            !text.contains("MARKER"),
            "{doc} shows an internal-only incident"
        );
    }
    assert_eq!(
        app.get("/api/v2/status.json").await.json["status"]["indicator"],
        "none"
    );
}

#[tokio::test]
async fn a_component_s_creation_change_and_removal_are_each_audited_with_who_and_what() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let admin = app.token(Role::Admin).await;
    let me = app
        .send(Method::GET, "/api/session", None, Auth::Bearer(&token))
        .await;
    let email = me.json["email"].as_str().unwrap().to_owned();
    let c = component(&app, &token, "API", None).await;
    let id = c["id"].as_str().unwrap().to_owned();
    let changed = app
        .send(
            Method::PATCH,
            &format!("/api/components/{id}"),
            Some(json!({"version": 1, "status": "major_outage"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.json);
    let removed = app
        .send(
            Method::DELETE,
            &format!("/api/components/{id}?version=2"),
            None,
            Auth::Bearer(&token),
        )
        .await;
    assert!(removed.status.is_success(), "{}", removed.json);

    let audit = app
        .send(
            Method::GET,
            "/api/audit?limit=50",
            None,
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.json);
    // Newest first; only this component's events.
    let events: Vec<&Value> = audit
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["object_type"] == "component" && e["object_id"] == id.as_str())
        .collect();
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["component.delete", "component.update", "component.create"],
        "{}",
        audit.json
    );
    assert!(
        events.iter().all(|e| e["actor"] == email.as_str()),
        "every event names who did it: {}",
        audit.json
    );
    let text = |e: &Value, field: &str| -> Option<Value> {
        e[field].as_str().map(|t| serde_json::from_str(t).unwrap())
    };
    let (delete, update, create) = (events[0], events[1], events[2]);
    assert_eq!(text(create, "before"), None);
    assert_eq!(text(create, "after").unwrap()["status"], "operational");
    assert_eq!(text(update, "before").unwrap()["status"], "operational");
    assert_eq!(text(update, "after").unwrap()["status"], "major_outage");
    assert_eq!(text(delete, "before").unwrap()["status"], "major_outage");
    assert_eq!(text(delete, "after"), None);
    let conn = app.state.store.lock();
    assert_eq!(
        herald_server::store::audit::count_for(&conn, "component", &id).unwrap(),
        3
    );
}

#[tokio::test]
async fn a_published_update_is_corrected_in_place_and_nobody_is_told_again() {
    let app = TestApp::new();
    let publisher = app.token(Role::Publisher).await;
    let admin = app.token(Role::Admin).await;
    let viewer = app.token(Role::Viewer).await;
    let hook = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"webhook_url": "http://93.184.216.34/hook"})),
            Auth::None,
        )
        .await;
    assert!(hook.status.is_success(), "{}", hook.json);
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(incident_body("OPS-7", json!([]))),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    let id = declared.json["id"].as_str().unwrap().to_owned();
    let posted = app
        .send(
            Method::POST,
            &format!("/api/incidents/{id}/updates"),
            Some(
                json!({"version": declared.json["version"], "status": "identified",
                "body": "The fix ships at 14:00 UTC."}),
            ),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.json);
    let update_id = posted.json["updates"][0]["id"].as_str().unwrap().to_owned();
    let first_id = posted.json["updates"][1]["id"].as_str().unwrap().to_owned();
    assert_eq!(posted.json["updates"][0]["edited_at"], Value::Null);
    let version = posted.json["version"].as_i64().unwrap();
    let deliveries = |json: &Value| json.as_array().unwrap().len();
    let before = app
        .send(Method::GET, "/api/deliveries", None, Auth::Bearer(&admin))
        .await;
    assert_eq!(deliveries(&before.json), 2, "{}", before.json);
    let path = format!("/api/incidents/{id}/updates/{update_id}");

    // Refusals name their reason and change nothing.
    let leak = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version, "body": "OPS-7: fix at 15:00 UTC."})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(
        leak.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        leak.json
    );
    assert_eq!(leak.json["code"], "leak");
    let empty = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version, "body": "  "})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(
        (empty.status, &empty.json["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("body"))
    );
    let stale = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version - 1, "body": "x"})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let denied = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version, "body": "x"})),
            Auth::Bearer(&viewer),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let elsewhere = app
        .send(
            Method::PATCH,
            &format!("/api/incidents/{id}/updates/no-such-update"),
            Some(json!({"version": version, "body": "x"})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let summary = app.get("/api/v2/summary.json").await.json;
    assert_eq!(
        summary["incidents"][0]["incident_updates"][0]["body"],
        "The fix ships at 14:00 UTC."
    );

    let edited = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version, "body": "The fix ships at 15:00 UTC."})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.json);
    assert_eq!(edited.json["version"], version + 1);
    assert_eq!(edited.json["status"], "identified");
    assert_eq!(
        edited.json["updates"][0]["body"],
        "The fix ships at 15:00 UTC."
    );
    assert!(edited.json["updates"][0]["edited_at"].is_string());
    assert_eq!(edited.json["updates"][1]["id"], first_id.as_str());
    assert_eq!(edited.json["updates"][1]["edited_at"], Value::Null);

    // Every public document shows the corrected text; no new message went out.
    let summary = app.get("/api/v2/summary.json").await.json;
    let shown = &summary["incidents"][0]["incident_updates"][0];
    assert_eq!(shown["body"], "The fix ships at 15:00 UTC.");
    assert!(shown["updated_at"].as_str().unwrap() > shown["created_at"].as_str().unwrap());
    assert_eq!(
        summary["incidents"][0]["incident_updates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let permalink = app
        .get(&format!("/api/herald/incidents/{id}.json"))
        .await
        .json;
    assert_eq!(
        permalink["incident"]["incident_updates"][0]["body"],
        "The fix ships at 15:00 UTC."
    );
    let after = app
        .send(Method::GET, "/api/deliveries", None, Auth::Bearer(&admin))
        .await;
    assert_eq!(deliveries(&after.json), 2, "{}", after.json);
    let audit = app
        .send(Method::GET, "/api/audit", None, Auth::Bearer(&admin))
        .await;
    assert!(
        audit.json.to_string().contains("incident.update.edit"),
        "{}",
        audit.json
    );
}

#[tokio::test]
async fn an_incident_is_retitled_and_escalated_as_it_unfolds() {
    let app = TestApp::new();
    let publisher = app.token(Role::Publisher).await;
    let admin = app.token(Role::Admin).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(json!({"issue_key": "OPS-8", "title": "Slow dashboards", "summary": "Replica lag on db-7",
                "severity": 3, "message": "Dashboards load slowly."})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    let id = declared.json["id"].as_str().unwrap().to_owned();
    let path = format!("/api/incidents/{id}");
    let version = declared.json["version"].as_i64().unwrap();
    let due_sev3 = declared.json["next_update_due"]
        .as_str()
        .unwrap()
        .to_owned();

    // Refusals name the field and change nothing.
    for (body, field) in [
        (json!({"version": version, "title": " "}), "title"),
        (
            json!({"version": version, "impact": "maintenance"}),
            "impact",
        ),
        (json!({"version": version, "severity": 4}), "severity"),
    ] {
        let r = app
            .send(
                Method::PATCH,
                &path,
                Some(body.clone()),
                Auth::Bearer(&publisher),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.json
        );
        assert_eq!(r.json["field"], field, "{body}");
    }
    let leak = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version, "title": "OPS-8 outage"})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(
        (leak.status, &leak.json["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("leak"))
    );
    let stale = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version + 5, "title": "x"})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        app.get("/api/v2/incidents/unresolved.json").await.json["incidents"][0]["name"],
        "Slow dashboards"
    );

    let edited = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": version, "title": "Dashboards unavailable", "severity": 1, "impact": "critical",
                "roles": {"incident_manager": "Ada"}})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.json);
    let r = &edited.json;
    assert_eq!(
        (
            r["title"].as_str(),
            r["severity"].as_u64(),
            r["impact"].as_str()
        ),
        (Some("Dashboards unavailable"), Some(1), Some("critical"))
    );
    assert_eq!(
        (r["summary"].as_str(), r["status"].as_str()),
        (Some("Replica lag on db-7"), Some("investigating"))
    );
    assert_eq!(r["roles"]["incident_manager"], "Ada");
    assert_eq!(r["version"], version + 1);
    // A Sev 1 is due for its next update sooner than the Sev 3 was.
    assert!(
        r["next_update_due"].as_str().unwrap() < due_sev3.as_str(),
        "{r}"
    );
    assert_eq!(
        r["updates"].as_array().unwrap().len(),
        1,
        "no update is posted"
    );

    let public = app.get("/api/v2/incidents/unresolved.json").await.json;
    assert_eq!(public["incidents"][0]["name"], "Dashboards unavailable");
    assert_eq!(public["incidents"][0]["impact"], "critical");
    assert!(!public.to_string().contains("Ada") && !public.to_string().contains("db-7"));
    let audit = app
        .send(Method::GET, "/api/audit", None, Auth::Bearer(&admin))
        .await;
    assert!(
        audit.json.to_string().contains("incident.edit"),
        "{}",
        audit.json
    );
}

#[tokio::test]
async fn monitoring_reports_detections_that_are_declared_or_dismissed() {
    let app = TestApp::new();
    let monitor = app.token(Role::Publisher).await;
    let viewer = app.token(Role::Viewer).await;
    let api = component(&app, &monitor, "API", None).await;
    let api_id = api["id"].as_str().unwrap().to_owned();
    let alert = |fingerprint: &str, summary: &str| {
        json!({"source": "alertmanager", "fingerprint": fingerprint, "summary": summary,
            "severity": 2, "components": [api_id]})
    };
    let report = |body: Value, token: String| {
        let app = &app;
        async move {
            app.send(
                Method::POST,
                "/api/detections",
                Some(body),
                Auth::Bearer(&token),
            )
            .await
        }
    };

    let first = report(
        alert("a1", "DETECTION-MARKER 5xx above 5% on api"),
        monitor.clone(),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    assert_eq!(
        (first.json["status"].as_str(), first.json["count"].as_u64()),
        (Some("open"), Some(1))
    );
    // The same alert firing again is the same detection.
    let again = report(
        alert("a1", "DETECTION-MARKER 5xx above 9% on api"),
        monitor.clone(),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.json);
    assert_eq!(again.json["id"], first.json["id"]);
    assert_eq!(again.json["count"], 2);
    assert_eq!(
        again.json["summary"],
        "DETECTION-MARKER 5xx above 9% on api"
    );
    let other = report(alert("b2", "Disk 95% on search-1"), monitor.clone()).await;
    assert_eq!(other.status, StatusCode::CREATED);
    for (body, field) in [
        (json!({"source": "grafana", "summary": " "}), "summary"),
        (json!({"source": "", "summary": "x"}), "source"),
        (
            json!({"source": "grafana", "summary": "x", "components": ["nope"]}),
            "components[0]",
        ),
    ] {
        let r = report(body.clone(), monitor.clone()).await;
        assert_eq!(
            (r.status, &r.json["field"]),
            (StatusCode::UNPROCESSABLE_ENTITY, &json!(field)),
            "{body}"
        );
    }
    assert_eq!(
        report(alert("c3", "x"), viewer.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let open = app
        .send(Method::GET, "/api/detections", None, Auth::Bearer(&viewer))
        .await;
    assert_eq!(open.json.as_array().unwrap().len(), 2, "{}", open.json);

    // Declaring one closes it and links the incident.
    let detection_id = first.json["id"].as_str().unwrap().to_owned();
    let mut body = incident_body(
        "OPS-11",
        json!([{"id": api_id, "status": "partial_outage"}]),
    );
    body["detection_id"] = json!(detection_id);
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(body.clone()),
            Auth::Bearer(&monitor),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    body["issue_key"] = json!("OPS-12");
    let twice = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(body),
            Auth::Bearer(&monitor),
        )
        .await;
    assert_eq!(
        (twice.status, &twice.json["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("detection_id"))
    );
    let dismiss = format!(
        "/api/detections/{}/dismiss",
        other.json["id"].as_str().unwrap()
    );
    assert_eq!(
        app.send(Method::POST, &dismiss, None, Auth::Bearer(&viewer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let dismissed = app
        .send(Method::POST, &dismiss, None, Auth::Bearer(&monitor))
        .await;
    assert_eq!(
        (dismissed.status, &dismissed.json["status"]),
        (StatusCode::OK, &json!("dismissed"))
    );
    assert_eq!(
        app.send(Method::POST, &dismiss, None, Auth::Bearer(&monitor))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let open = app
        .send(Method::GET, "/api/detections", None, Auth::Bearer(&viewer))
        .await;
    assert_eq!(open.json, json!([]));

    // Detections are internal: no public document mentions them.
    for path in herald_model::v2::paths::ALL {
        let doc = app.get(path).await;
        assert!(
            !String::from_utf8_lossy(&doc.bytes).contains("DETECTION-MARKER"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_component_nothing_refers_to_can_be_deleted_one_with_history_stays() {
    let app = TestApp::new();
    let publisher = app.token(Role::Publisher).await;
    let viewer = app.token(Role::Viewer).await;
    let group = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "Core", "group": true})),
            Auth::Bearer(&publisher),
        )
        .await
        .json;
    let group_id = group["id"].as_str().unwrap().to_owned();
    let api = component(&app, &publisher, "API", Some(&group_id)).await;
    let typo = component(&app, &publisher, "Dashbaord", None).await;
    let followed = component(&app, &publisher, "Webhooks", None).await;
    let del = |c: &Value, version: Option<i64>| {
        let id = c["id"].as_str().unwrap().to_owned();
        match version {
            Some(v) => format!("/api/components/{id}?version={v}"),
            None => format!("/api/components/{id}"),
        }
    };
    let v = |c: &Value| c["version"].as_i64().unwrap();
    app.send(
        Method::POST,
        "/api/incidents",
        Some(incident_body(
            "OPS-21",
            json!([{"id": api["id"], "status": "major_outage"}]),
        )),
        Auth::Bearer(&publisher),
    )
    .await;
    app.send(
        Method::POST,
        "/api/subscribers",
        Some(json!({"webhook_url": "http://93.184.216.34/hook", "components": [followed["id"]]})),
        Auth::None,
    )
    .await;

    let r = app
        .send(
            Method::DELETE,
            &del(&typo, None),
            None,
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(
        (r.status, &r.json["code"], &r.json["field"]),
        (
            StatusCode::BAD_REQUEST,
            &json!("invalid_query"),
            &json!("version")
        )
    );
    let r = app
        .send(
            Method::DELETE,
            &del(&typo, Some(v(&typo))),
            None,
            Auth::Bearer(&viewer),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send(
            Method::DELETE,
            &del(&typo, Some(v(&typo) + 1)),
            None,
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    for (c, reason) in [
        (&group, "still holds 1 component"),
        (&api, "make it internal-only"),
        (&followed, "1 subscription(s) follow"),
    ] {
        let r = app
            .send(
                Method::DELETE,
                &del(c, Some(v(c))),
                None,
                Auth::Bearer(&publisher),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
        assert!(
            r.json["message"].as_str().unwrap().contains(reason),
            "{}",
            r.json
        );
    }

    let r = app
        .send(
            Method::DELETE,
            &del(&typo, Some(v(&typo))),
            None,
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    let listed = app
        .send(Method::GET, "/api/components", None, Auth::Bearer(&viewer))
        .await
        .json;
    assert!(!listed.to_string().contains("Dashbaord"));
    assert_eq!(listed.as_array().unwrap().len(), 3, "the others stay");
    let public = app.get("/api/v2/components.json").await.json;
    assert!(!public.to_string().contains("Dashbaord"));
    let uptime = app.get("/api/herald/uptime.json").await.json;
    assert!(!uptime.to_string().contains("Dashbaord"));
    let again = app
        .send(
            Method::DELETE,
            &del(&typo, Some(v(&typo))),
            None,
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}
