//! Bad values are refused with 422 naming the field, never a 500, and
//! nothing public changes: timestamps outside four-digit years, positions
//! that would overflow, control characters that would break the feeds for
//! every reader, names made only of invisible characters, addresses that
//! are not email addresses, lists of components too long or with repeats.

mod common;

use axum::http::{Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};

async fn refused(app: &TestApp, token: &str, method: Method, path: &str, body: Value, field: &str) {
    let reply = app
        .send(method, path, Some(body.clone()), Auth::Bearer(token))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{path} {body}: {}",
        reply.json
    );
    assert_eq!(reply.json["field"], field, "{path} {body}: {}", reply.json);
    assert!(reply.json["message"].is_string());
}

#[tokio::test]
async fn hostile_values_are_refused_by_name_and_change_nothing_public() {
    let app = TestApp::with_demo();
    let admin = app.token(Role::Admin).await;
    // Rendered as of one instant, before and after.
    let at = app.now() + chrono::Duration::hours(1);
    let before = app.public_bytes(at);
    let declare = |field: &str, value: Value| {
        let mut body = json!({"issue_key": "OPS-500", "title": "Slow", "summary": "s",
            "severity": 3, "message": "Pages are slow."});
        body[field] = value;
        body
    };
    for at in [
        "0000-01-01T00:00:00+00:01",
        "9999-12-31T23:59:59-23:59",
        "1969-07-20T20:17:40Z",
    ] {
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/incidents",
            declare("started_at", json!(at)),
            "started_at",
        )
        .await;
    }
    let soon = app.now() + chrono::Duration::hours(1);
    for (field, for_, until) in [
        (
            "scheduled_until",
            soon.to_rfc3339(),
            "9999-12-31T23:59:59-23:59".to_owned(),
        ),
        (
            "scheduled_for",
            "0000-01-01T00:00:00+00:01".to_owned(),
            soon.to_rfc3339(),
        ),
        (
            "scheduled_for",
            (soon + chrono::Duration::days(3000)).to_rfc3339(),
            (soon + chrono::Duration::days(3001)).to_rfc3339(),
        ),
        (
            "scheduled_until",
            soon.to_rfc3339(),
            (soon + chrono::Duration::days(400)).to_rfc3339(),
        ),
    ] {
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/maintenances",
            json!({"name": "Work", "body": "b", "scheduled_for": for_, "scheduled_until": until}),
            field,
        )
        .await;
    }
    for text in [
        "null\u{0}byte",
        "bell\u{7}",
        "esc\u{1b}[2J",
        "not\u{FFFF}a char",
    ] {
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/incidents",
            declare("message", json!(text)),
            "message",
        )
        .await;
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/incidents",
            declare("title", json!(text)),
            "title",
        )
        .await;
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/components",
            json!({"name": "Queue", "description": text}),
            "description",
        )
        .await;
        refused(
            &app,
            &admin,
            Method::PUT,
            "/api/templates/investigating/external",
            json!({"title": "Investigating", "body": text, "version": 1}),
            "template.body",
        )
        .await;
    }
    for invisible in ["\u{200B}", "\u{200B}\u{200D}\u{2060}", "\u{FEFF} \u{AD}"] {
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/components",
            json!({"name": invisible}),
            "name",
        )
        .await;
        refused(
            &app,
            &admin,
            Method::POST,
            "/api/incidents",
            declare("title", json!(invisible)),
            "title",
        )
        .await;
    }
    refused(
        &app,
        &admin,
        Method::POST,
        "/api/components",
        json!({"name": "Far away", "position": i64::MAX}),
        "position",
    )
    .await;
    refused(
        &app,
        &admin,
        Method::POST,
        "/api/components",
        json!({"name": "Before all", "position": -1}),
        "position",
    )
    .await;
    // One email rule everywhere: `a@b` is no more a user than a subscriber.
    for (path, body, field) in [
        (
            "/api/users",
            json!({"email": "a@b", "name": "A", "role": "viewer"}),
            "email",
        ),
        ("/api/subscribers", json!({"email": "a@b"}), "email"),
        (
            "/api/me/subscriptions",
            json!({"channel": "email", "address": "a@b"}),
            "address",
        ),
    ] {
        refused(&app, &admin, Method::POST, path, body, field).await;
    }
    // A list of components is bounded, and a long one is checked at once.
    let many: Vec<Value> = (0..=herald_model::api::MAX_COMPONENTS)
        .map(|n| json!({"id": format!("c{n}"), "status": "major_outage"}))
        .collect();
    refused(
        &app,
        &admin,
        Method::POST,
        "/api/incidents",
        declare("components", json!(many)),
        "components",
    )
    .await;
    let mut twice: Vec<Value> = (0..herald_model::api::MAX_COMPONENTS - 1)
        .map(|n| json!({"id": format!("c{n}"), "status": "major_outage"}))
        .collect();
    twice.push(json!({"id": "c5", "status": "major_outage"}));
    refused(
        &app,
        &admin,
        Method::POST,
        "/api/incidents",
        declare("components", json!(twice)),
        &format!("components[{}].id", herald_model::api::MAX_COMPONENTS - 1),
    )
    .await;
    assert!(
        before == app.public_bytes(at),
        "a refused write changed a public document"
    );

    // The store stays valid: components and groups can still be added.
    for body in [
        json!({"name": "Queue"}),
        json!({"name": "Storage", "group": true}),
    ] {
        let reply = app
            .send(
                Method::POST,
                "/api/components",
                Some(body),
                Auth::Bearer(&admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    }
    // And the feeds are still XML a reader can parse.
    for feed in ["/history.atom", "/history.rss"] {
        let text = String::from_utf8(app.get(feed).await.bytes).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
            "{feed}"
        );
    }
}
