//! One error envelope everywhere under `/api/`: also for the refusals the
//! router makes before any handler runs (a method the route does not take,
//! a path id that is not valid percent-encoding, a query string of the
//! wrong shape, a link without its token).

mod common;

use axum::http::{header, Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;

fn assert_envelope(reply: &common::Reply, status: StatusCode, code: &str, what: &str) {
    assert_eq!(
        reply.status,
        status,
        "{what}: {:?}",
        String::from_utf8_lossy(&reply.bytes)
    );
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{what}"
    );
    assert_eq!(reply.json["code"], code, "{what}: {}", reply.json);
    assert!(
        !reply.json["message"].as_str().unwrap_or("").is_empty(),
        "{what}: a sentence"
    );
}

#[tokio::test]
async fn the_routers_own_refusals_answer_in_the_envelope() {
    let app = TestApp::with_demo();
    let admin = app.token(Role::Admin).await;
    let reply = app
        .send(Method::PUT, "/api/incidents", None, Auth::Bearer(&admin))
        .await;
    assert_envelope(
        &reply,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "PUT /api/incidents",
    );
    assert!(reply.headers.contains_key(header::ALLOW), "405 keeps Allow");
    assert!(reply.headers[header::ALLOW]
        .to_str()
        .unwrap()
        .contains("POST"));
    assert!(reply.json["message"].as_str().unwrap().contains("PUT"));

    let reply = app
        .send(
            Method::GET,
            "/api/incidents/%FF%FE",
            None,
            Auth::Bearer(&admin),
        )
        .await;
    assert_envelope(
        &reply,
        StatusCode::BAD_REQUEST,
        "invalid_path",
        "bad percent-encoding",
    );

    for query in ["limit=x", "before=yesterday"] {
        let reply = app
            .send(
                Method::GET,
                &format!("/api/audit?{query}"),
                None,
                Auth::Bearer(&admin),
            )
            .await;
        assert_envelope(&reply, StatusCode::BAD_REQUEST, "invalid_query", query);
    }

    for path in ["/api/subscribers/confirm", "/api/subscribers/unsubscribe"] {
        let reply = app.get(path).await;
        assert!(reply.status.is_client_error(), "{path}: {}", reply.status);
        assert!(
            reply.json["code"].is_string(),
            "{path}: {:?}",
            String::from_utf8_lossy(&reply.bytes)
        );
    }
    // A link with a wrong token is answered with a page for a person.
    let page = app.get("/api/subscribers/confirm?token=nope").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(String::from_utf8_lossy(&page.bytes).contains("Link not valid"));
    // A public page that is not there stays the app's HTML, not JSON.
    let page = app.get("/nope").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
}
