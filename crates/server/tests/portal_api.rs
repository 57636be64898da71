//! The portal's API: the role matrix, the leak guard, internal-only
//! components, drafts that survive a restart, maintenance windows that
//! start and end by themselves, cadence, postmortems, users, tokens,
//! templates and the audit trail.

mod common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use common::{Auth, TestApp};
use herald_model::api::Role;
use herald_server::store::maintenance;
use herald_server::AppState;
use serde_json::{json, Value};

fn declare_body(key: &str, message: &str) -> Value {
    json!({"issue_key": key, "title": "Checkout errors", "summary": "Stripe webhook signature mismatch after key rotation",
        "severity": 2, "message": message})
}

async fn create(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let reply = app
        .send(Method::POST, path, Some(body), Auth::Bearer(token))
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
async fn every_endpoint_enforces_its_role() {
    let app = TestApp::with_demo();
    let viewer = app.token(Role::Viewer).await;
    let publisher = app.token(Role::Publisher).await;
    let admin = app.token(Role::Admin).await;
    let summary = app.get("/api/v2/summary.json").await.json;
    let incident = summary["incidents"][0]["id"].as_str().unwrap().to_owned();
    let component = summary["components"][1]["id"].as_str().unwrap().to_owned();
    let maint = summary["scheduled_maintenances"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (someone, _) = app.user(Role::Viewer);
    let later = (app.now() + Duration::days(30)).to_rfc3339();
    let later2 = (app.now() + Duration::days(31)).to_rfc3339();

    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Need {
        SignedIn,
        Publisher,
        Admin,
    }
    use Need::*;
    let matrix: Vec<(Method, String, Option<Value>, Need)> = vec![
        (Method::GET, "/api/incidents".into(), None, SignedIn),
        (
            Method::GET,
            format!("/api/incidents/{incident}"),
            None,
            SignedIn,
        ),
        (Method::GET, "/api/components".into(), None, SignedIn),
        (Method::GET, "/api/maintenances".into(), None, SignedIn),
        (Method::GET, "/api/templates".into(), None, SignedIn),
        (Method::GET, "/api/settings/cadence".into(), None, SignedIn),
        (Method::GET, "/api/drafts".into(), None, SignedIn),
        (
            Method::PUT,
            "/api/drafts/declare".into(),
            Some(json!({"content": "{}"})),
            SignedIn,
        ),
        (Method::GET, "/api/tokens".into(), None, SignedIn),
        (
            Method::POST,
            "/api/incidents".into(),
            Some(declare_body("MX-1", "Investigating.")),
            Publisher,
        ),
        (
            Method::POST,
            format!("/api/incidents/{incident}/updates"),
            Some(json!({"version": 99, "status": "identified", "body": "x"})),
            Publisher,
        ),
        (
            Method::POST,
            format!("/api/incidents/{incident}/resolve"),
            Some(json!({"version": 99, "body": "x"})),
            Publisher,
        ),
        (
            Method::POST,
            format!("/api/incidents/{incident}/postmortem"),
            Some(json!({"version": 99, "url": "https://example.com/pm", "body": "x"})),
            Publisher,
        ),
        (
            Method::POST,
            "/api/components".into(),
            Some(json!({"name": "New"})),
            Publisher,
        ),
        (
            Method::PATCH,
            format!("/api/components/{component}"),
            Some(json!({"version": 99})),
            Publisher,
        ),
        (
            Method::POST,
            "/api/maintenances".into(),
            Some(
                json!({"name": "M", "body": "b", "scheduled_for": later, "scheduled_until": later2}),
            ),
            Publisher,
        ),
        (
            Method::PATCH,
            format!("/api/maintenances/{maint}"),
            Some(json!({"version": 99, "action": "cancel", "body": "x"})),
            Publisher,
        ),
        (Method::GET, "/api/users".into(), None, Admin),
        (
            Method::POST,
            "/api/users".into(),
            Some(json!({"email": "new@example.com", "name": "N", "role": "viewer"})),
            Admin,
        ),
        (
            Method::PATCH,
            format!("/api/users/{}", someone.id),
            Some(json!({"role": "publisher", "version": 1})),
            Admin,
        ),
        (
            Method::PUT,
            "/api/templates/investigating/external".into(),
            Some(json!({"title": "t", "body": "b", "version": 1})),
            Admin,
        ),
        (
            Method::DELETE,
            "/api/templates/investigating/external?version=2".into(),
            None,
            Admin,
        ),
        (
            Method::PUT,
            "/api/settings/cadence".into(),
            Some(
                json!({"sev1_minutes": 30, "sev2_minutes": 60, "sev3_minutes": 240, "version": 1}),
            ),
            Admin,
        ),
        (Method::GET, "/api/audit".into(), None, Admin),
    ];
    for (method, path, body, need) in &matrix {
        let anon = app
            .send(method.clone(), path, body.clone(), Auth::None)
            .await;
        assert_eq!(
            anon.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
        for (role, token) in [
            ("viewer", &viewer),
            ("publisher", &publisher),
            ("admin", &admin),
        ] {
            let allowed = match need {
                SignedIn => true,
                Publisher => role != "viewer",
                Admin => role == "admin",
            };
            let reply = app
                .send(method.clone(), path, body.clone(), Auth::Bearer(token))
                .await;
            if allowed {
                assert!(
                    !matches!(
                        reply.status,
                        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
                    ),
                    "{role} {method} {path} was refused: {}",
                    reply.json
                );
            } else {
                assert_eq!(
                    reply.status,
                    StatusCode::FORBIDDEN,
                    "{role} {method} {path}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_leak_guard_stops_internal_text_unless_confirmed() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    create(
        &app,
        &token,
        "/api/components",
        json!({"name": "Ledger worker", "internal_only": true}),
    )
    .await;

    let leaky = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(declare_body("PAY-77", "We are looking into PAY-77.")),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(leaky.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(leaky.json["code"], "leak");
    assert_eq!(leaky.json["field"], "message");
    assert!(leaky.json["message"].as_str().unwrap().contains("PAY-77"));
    assert_eq!(
        app.get("/api/v2/incidents.json").await.json["incidents"],
        json!([])
    );

    let mut confirmed = declare_body("PAY-77", "We are looking into PAY-77.");
    confirmed["confirm_leaks"] = json!(true);
    let incident = create(&app, &token, "/api/incidents", confirmed).await;
    let id = incident["id"].as_str().unwrap();
    let path = format!("/api/incidents/{id}/updates");

    for (body, what) in [
        (
            "The cause is a stripe webhook signature mismatch after key rotation.",
            "summary",
        ),
        ("The ledger worker is catching up.", "internal component"),
    ] {
        let reply = app
            .send(
                Method::POST,
                &path,
                Some(json!({"version": 1, "status": "identified", "body": body})),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert_eq!(reply.json["code"], "leak", "{what}");
        assert!(
            reply.json["message"].as_str().unwrap().contains(what),
            "{what}: {}",
            reply.json
        );
    }
    // Staff may read anything internal.
    let internal = app
        .send(
            Method::POST,
            &path,
            Some(
                json!({"version": 1, "status": "identified", "audience": "internal",
                "body": "PAY-77: ledger worker lag; signature mismatch after key rotation."}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(internal.status, StatusCode::OK, "{}", internal.json);
}

#[tokio::test]
async fn internal_only_components_never_reach_a_public_document() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let group = create(
        &app,
        &token,
        "/api/components",
        json!({"name": "Core", "group": true}),
    )
    .await;
    let gid = group["id"].as_str().unwrap();
    create(
        &app,
        &token,
        "/api/components",
        json!({"name": "Public API", "group_id": gid}),
    )
    .await;
    let hidden = create(
        &app,
        &token,
        "/api/components",
        json!({"name": "MARKER ledger", "group_id": gid, "internal_only": true, "status": "major_outage"}),
    )
    .await;
    let mut body = declare_body("OPS-1", "Payments are delayed.");
    body["components"] = json!([{"id": hidden["id"], "status": "major_outage"}]);
    create(&app, &token, "/api/incidents", body).await;

    let summary = app.get("/api/v2/summary.json").await.json;
    let core = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == gid)
        .unwrap();
    assert_eq!(
        core["components"].as_array().unwrap().len(),
        1,
        "the group lists only public children"
    );
    assert_eq!(
        core["status"], "operational",
        "an internal component does not colour its group"
    );
    let mut paths: Vec<String> = herald_model::v2::paths::ALL
        .iter()
        .map(|p| p.to_string())
        .collect();
    paths.extend(
        [
            "/api/herald/uptime.json",
            "/history.atom",
            "/history.rss",
            "/",
        ]
        .map(String::from),
    );
    let id = summary["incidents"][0]["id"].as_str().unwrap();
    paths.push(format!("/api/herald/incidents/{id}.json"));
    for path in paths {
        let text = String::from_utf8(app.get(&path).await.bytes).unwrap();
        assert!(
            !text.contains("MARKER"),
            "{path} shows the internal-only component"
        );
    }
    // Staff still see it.
    let all = app
        .send(Method::GET, "/api/components", None, Auth::Bearer(&token))
        .await
        .json;
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "MARKER ledger" && c["internal_only"] == true));
}

#[tokio::test]
async fn drafts_survive_a_restart_and_refuse_stale_saves() {
    let app = TestApp::new();
    let (user, password) = app.user(Role::Publisher);
    let cookie = app.login(&user.email, &password).await;
    let auth = Auth::Cookie(&cookie);
    let saved = app
        .send(
            Method::PUT,
            "/api/drafts/declare",
            Some(json!({"content": "{\"title\":\"Checkout\"}"})),
            auth,
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    assert_eq!(saved.json["version"], 1);
    let again = app
        .send(
            Method::PUT,
            "/api/drafts/declare",
            Some(json!({"content": "{\"title\":\"Checkout errors\"}", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(again.json["version"], 2);
    let stale = app
        .send(
            Method::PUT,
            "/api/drafts/declare",
            Some(json!({"content": "{\"title\":\"old tab\"}", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // Another person does not see it.
    let other = app.token(Role::Publisher).await;
    let theirs = app
        .send(
            Method::GET,
            "/api/drafts/declare",
            None,
            Auth::Bearer(&other),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    // A new server on the same data directory still has it, session included.
    let restarted =
        AppState::open_with_clock(&app.data_dir(), app.dir.path().join("web"), app.state.clock)
            .unwrap();
    let router = herald_server::app(restarted);
    let response = tower::ServiceExt::oneshot(
        router,
        axum::http::Request::get("/api/drafts/declare")
            .header("cookie", &cookie)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let draft: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(draft["content"], "{\"title\":\"Checkout errors\"}");

    let gone = app
        .send(Method::DELETE, "/api/drafts/declare", None, auth)
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.send(Method::GET, "/api/drafts/declare", None, auth)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let bad = app
        .send(
            Method::PUT,
            "/api/drafts/..%2Fx",
            Some(json!({"content": ""})),
            auth,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_maintenance_window_starts_and_ends_by_itself() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let db = create(&app, &token, "/api/components", json!({"name": "Database"})).await;
    let cache = create(
        &app,
        &token,
        "/api/components",
        json!({"name": "Cache", "status": "degraded_performance"}),
    )
    .await;
    let start = app.now() + Duration::seconds(1);
    let end = start + Duration::seconds(2);
    let m = create(
        &app,
        &token,
        "/api/maintenances",
        json!({"name": "Upgrade", "body": "We upgrade the database.", "components": [db["id"], cache["id"]],
            "scheduled_for": herald_model::time::format(&start), "scheduled_until": herald_model::time::format(&end)}),
    )
    .await;
    let id = m["maintenance"]["id"].as_str().unwrap().to_owned();
    let upcoming = app
        .get("/api/v2/scheduled-maintenances/upcoming.json")
        .await
        .json;
    assert_eq!(upcoming["scheduled_maintenances"][0]["id"], id.as_str());

    // The real clock, checking often; nobody touches the window.
    app.state
        .spawn_maintenance_clock(std::time::Duration::from_millis(100));
    let status_of = |summary: &Value, name: &str| {
        summary["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["status"]
            .clone()
    };
    let mut seen_in_progress = false;
    for _ in 0..60 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let summary = app.get("/api/v2/summary.json").await.json;
        if summary["scheduled_maintenances"]
            .as_array()
            .is_some_and(|m| m.iter().any(|m| m["status"] == "in_progress"))
        {
            seen_in_progress = true;
            assert_eq!(summary["status"]["indicator"], "maintenance");
            assert_eq!(status_of(&summary, "Database"), "under_maintenance");
            assert_eq!(status_of(&summary, "Cache"), "under_maintenance");
            let active = app
                .get("/api/v2/scheduled-maintenances/active.json")
                .await
                .json;
            assert_eq!(active["scheduled_maintenances"][0]["id"], id.as_str());
            break;
        }
    }
    assert!(seen_in_progress, "the window did not start by itself");
    let mut completed = false;
    for _ in 0..60 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let all = app.get("/api/v2/scheduled-maintenances.json").await.json;
        if all["scheduled_maintenances"][0]["status"] == "completed" {
            completed = true;
            let summary = app.get("/api/v2/summary.json").await.json;
            assert_eq!(status_of(&summary, "Database"), "operational");
            assert_eq!(
                status_of(&summary, "Cache"),
                "degraded_performance",
                "back to what it was before"
            );
            let updates: Vec<&str> = all["scheduled_maintenances"][0]["incident_updates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["status"].as_str().unwrap())
                .collect();
            assert_eq!(updates, vec!["completed", "in_progress", "scheduled"]);
            break;
        }
    }
    assert!(completed, "the window did not end by itself");
}

#[tokio::test]
async fn a_maintenance_can_be_extended_or_cancelled() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let start = app.now() + Duration::hours(1);
    let body = |name: &str| {
        json!({"name": name, "body": "Planned work.", "scheduled_for": herald_model::time::format(&start),
            "scheduled_until": herald_model::time::format(&(start + Duration::hours(1)))})
    };
    let a = create(&app, &token, "/api/maintenances", body("A")).await;
    let path = format!(
        "/api/maintenances/{}",
        a["maintenance"]["id"].as_str().unwrap()
    );
    let later = herald_model::time::format(&(start + Duration::hours(3)));
    let extended = app
        .send(Method::PATCH, &path, Some(json!({"version": 1, "action": "extend", "scheduled_until": later, "body": "We need two more hours."})), Auth::Bearer(&token))
        .await;
    assert_eq!(extended.status, StatusCode::OK, "{}", extended.json);
    assert_eq!(
        extended.json["maintenance"]["scheduled_until"],
        later.as_str()
    );
    let shorter = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": 2, "action": "extend",
            "scheduled_until": herald_model::time::format(&start), "body": "x"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(shorter.json["field"], "scheduled_until");
    let cancelled = app
        .send(Method::PATCH, &path, Some(json!({"version": 2, "action": "cancel", "body": "Cancelled: not needed after all."})), Auth::Bearer(&token))
        .await;
    assert_eq!(cancelled.json["maintenance"]["status"], "completed");
    let upcoming = app
        .get("/api/v2/scheduled-maintenances/upcoming.json")
        .await
        .json;
    assert_eq!(upcoming["scheduled_maintenances"], json!([]));
    let again = app
        .send(
            Method::PATCH,
            &path,
            Some(json!({"version": 3, "action": "cancel", "body": "x"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing is due, so the clock has nothing to do.
    let conn = app.state.store.lock();
    assert!(!maintenance::anything_due(&conn, app.now()).unwrap());
}

#[tokio::test]
async fn cadence_sets_when_the_next_update_is_due_and_flags_late_incidents() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Admin).await;
    let list = app
        .send(Method::GET, "/api/incidents", None, Auth::Bearer(&token))
        .await
        .json;
    let open = &list[0];
    assert_eq!(open["status"], "identified");
    // The demo's Sev 2 was last updated 12 minutes ago: due in 48 minutes.
    let last =
        herald_model::time::parse(open["updates"][0]["created_at"].as_str().unwrap()).unwrap();
    let due = herald_model::time::parse(open["next_update_due"].as_str().unwrap()).unwrap();
    assert_eq!(due - last, Duration::minutes(60));
    assert!(
        list[1]["next_update_due"].is_null(),
        "resolved incidents are not due"
    );

    let set = app
        .send(
            Method::PUT,
            "/api/settings/cadence",
            Some(
                json!({"sev1_minutes": 15, "sev2_minutes": 10, "sev3_minutes": 120, "version": 1}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK);
    let open = &app
        .send(Method::GET, "/api/incidents", None, Auth::Bearer(&token))
        .await
        .json[0];
    let due = herald_model::time::parse(open["next_update_due"].as_str().unwrap()).unwrap();
    assert_eq!(due - last, Duration::minutes(10));
    assert!(
        herald_model::cadence::is_overdue(due, app.now()),
        "12 minutes without an update is late at a 10-minute cadence"
    );

    let stale = app
        .send(
            Method::PUT,
            "/api/settings/cadence",
            Some(json!({"sev1_minutes": 5, "sev2_minutes": 5, "sev3_minutes": 5, "version": 1})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.json);
    assert_eq!(
        app.send(
            Method::GET,
            "/api/settings/cadence",
            None,
            Auth::Bearer(&token)
        )
        .await
        .json,
        json!({"sev1_minutes": 15, "sev2_minutes": 10, "sev3_minutes": 120, "version": 2}),
        "the stale write changed nothing"
    );

    let bad = app
        .send(
            Method::PUT,
            "/api/settings/cadence",
            Some(json!({"sev1_minutes": 0, "sev2_minutes": 10, "sev3_minutes": 120, "version": 2})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(bad.json["field"], "sev1_minutes");
}

#[tokio::test]
async fn resolving_computes_the_postmortem_rule_and_publishing_the_review_moves_to_postmortem() {
    let app = TestApp::new();
    let token = app.token(Role::Publisher).await;
    let mut body = declare_body("OPS-9", "Checkout is failing for some customers.");
    body["started_at"] = json!(herald_model::time::format(
        &(app.now() - Duration::minutes(20))
    ));
    body["support_cases"] = json!(7);
    let declared = create(&app, &token, "/api/incidents", body).await;
    let id = declared["id"].as_str().unwrap();
    let resolved = app
        .send(Method::POST, &format!("/api/incidents/{id}/resolve"),
            Some(json!({"version": 1, "body": "Checkout works again.", "recurring": false,
                "internal_body": "Resolved after 20 min; 7 cases. No further communication will follow."})),
            Auth::Bearer(&token))
        .await
        .json;
    assert_eq!(resolved["postmortem"]["required"], true, "{resolved}");
    assert_eq!(
        resolved["postmortem"]["reasons"].as_array().unwrap().len(),
        2
    );
    let early = app
        .send(Method::POST, &format!("/api/incidents/{id}/postmortem"),
            Some(json!({"version": 1, "url": "https://example.com/pm/9", "body": "Our review is out."})), Auth::Bearer(&token))
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    let bad_url = app
        .send(
            Method::POST,
            &format!("/api/incidents/{id}/postmortem"),
            Some(json!({"version": 2, "url": "not a url", "body": "Our review is out."})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(bad_url.json["field"], "url");
    let published = app
        .send(Method::POST, &format!("/api/incidents/{id}/postmortem"),
            Some(json!({"version": 2, "url": "https://example.com/pm/9", "body": "Our review is out."})), Auth::Bearer(&token))
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.json);
    assert_eq!(published.json["postmortem_url"], "https://example.com/pm/9");
    let public = app
        .get(&format!("/api/herald/incidents/{id}.json"))
        .await
        .json;
    assert_eq!(public["incident"]["status"], "postmortem");
    assert!(public["incident"]["incident_updates"][0]["body"]
        .as_str()
        .unwrap()
        .contains("https://example.com/pm/9"));
}

#[tokio::test]
async fn admins_manage_users_tokens_templates_and_read_the_audit_trail() {
    let app = TestApp::new();
    let (admin, password) = app.user(Role::Admin);
    let cookie = app.login(&admin.email, &password).await;
    let auth = Auth::Cookie(&cookie);

    let created = app
        .send(
            Method::POST,
            "/api/users",
            Some(json!({"email": "sam@example.com", "name": "Sam", "role": "viewer"})),
            auth,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let generated = created.json["password"].as_str().unwrap().to_owned();
    let sam_cookie = app.login("sam@example.com", &generated).await;
    let sam_id = created.json["user"]["id"].as_str().unwrap().to_owned();
    let dup = app
        .send(
            Method::POST,
            "/api/users",
            Some(json!({"email": "SAM@example.com", "name": "Sam", "role": "viewer"})),
            auth,
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    let promoted = app
        .send(
            Method::PATCH,
            &format!("/api/users/{sam_id}"),
            Some(json!({"role": "publisher", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(promoted.json["role"], "publisher");
    assert_eq!(promoted.json["version"], 2);
    let stale = app
        .send(
            Method::PATCH,
            &format!("/api/users/{sam_id}"),
            Some(json!({"role": "admin", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.json);
    let sam = app
        .send(Method::GET, "/api/users", None, auth)
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == sam_id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(sam["role"], "publisher", "the stale change changed nothing");
    let old_session = app
        .send(Method::GET, "/api/session", None, Auth::Cookie(&sam_cookie))
        .await;
    assert_eq!(old_session.status, StatusCode::OK);
    assert_eq!(
        old_session.json,
        Value::Null,
        "a role change ends the sessions: nobody is signed in"
    );
    let refused = app
        .send(
            Method::GET,
            "/api/incidents",
            None,
            Auth::Cookie(&sam_cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let last_admin = app
        .send(
            Method::PATCH,
            &format!("/api/users/{}", admin.id),
            Some(json!({"role": "viewer", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(last_admin.status, StatusCode::CONFLICT);

    let token = app
        .send(
            Method::POST,
            "/api/tokens",
            Some(json!({"name": "monitoring"})),
            auth,
        )
        .await
        .json;
    let secret = token["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.send(Method::GET, "/api/session", None, Auth::Bearer(&secret))
            .await
            .status,
        StatusCode::OK
    );
    let listed = app.send(Method::GET, "/api/tokens", None, auth).await.json;
    assert_eq!(listed[0]["name"], "monitoring");
    assert!(
        !listed.to_string().contains(&secret),
        "the secret is shown only once"
    );
    let revoke = app
        .send(
            Method::DELETE,
            &format!("/api/tokens/{}", token["id"].as_str().unwrap()),
            None,
            auth,
        )
        .await;
    assert_eq!(revoke.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.send(Method::GET, "/api/session", None, Auth::Bearer(&secret))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    let templates = app
        .send(Method::GET, "/api/templates", None, auth)
        .await
        .json;
    assert_eq!(templates.as_array().unwrap().len(), 8);
    let bad = app
        .send(
            Method::PUT,
            "/api/templates/identified/external",
            Some(json!({"title": "t", "body": "Fixing {compnents}", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["field"], "template.body");
    let good = app
        .send(
            Method::PUT,
            "/api/templates/identified/external",
            Some(json!({"title": "Fixing {components}", "body": "We found it: {components}.", "version": 1})),
            auth,
        )
        .await;
    assert_eq!(good.json["customised"], true);
    assert_eq!(good.json["version"], 2);
    let reset = app
        .send(
            Method::DELETE,
            "/api/templates/identified/external?version=2",
            None,
            auth,
        )
        .await;
    assert_eq!(reset.json["customised"], false);
    assert_eq!(reset.json["version"], 3, "a reset is a change too");
    assert_eq!(
        app.send(
            Method::DELETE,
            "/api/templates/postmortem/external?version=1",
            None,
            auth
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let audit = app
        .send(Method::GET, "/api/audit?limit=50", None, auth)
        .await
        .json;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for expected in [
        "user.create",
        "user.role",
        "token.create",
        "token.revoke",
        "template.set",
        "template.reset",
    ] {
        assert!(
            actions.contains(&expected),
            "{expected} not audited: {actions:?}"
        );
    }
    let role_change = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "user.role")
        .unwrap();
    assert_eq!(role_change["actor"], admin.email.as_str());
    assert_eq!(role_change["actor_name"], admin.name.as_str());
    assert!(role_change["before"].as_str().unwrap().contains("viewer"));
    assert!(role_change["after"].as_str().unwrap().contains("publisher"));
}
