//! Guessing passwords and flooding inboxes are limited: 429 with
//! `Retry-After` once an account, a client address or a subscriber address
//! has had its share.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::json;
use std::net::SocketAddr;

/// A request as it arrives from `client` over a real connection.
fn from(client: &str, method: Method, path: &str, body: serde_json::Value) -> Request<Body> {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(client.parse::<SocketAddr>().unwrap()));
    req
}

#[tokio::test]
async fn wrong_passwords_are_limited_per_account_and_per_client() {
    let app = TestApp::new();
    let (user, password) = app.user(Role::Admin);
    let wrong = json!({"email": user.email, "password": "not it"});
    // Twenty wrong guesses from twenty addresses are answered 401 ...
    for i in 0..20 {
        let reply = app
            .request(from(
                &format!("192.0.2.{i}:5000"),
                Method::POST,
                "/api/session",
                wrong.clone(),
            ))
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    // ... then the account is held, whatever the address, even with the
    // right password, for a while the answer says.
    for body in [
        wrong.clone(),
        json!({"email": user.email.to_uppercase(), "password": password}),
    ] {
        let reply = app
            .request(from(
                "198.51.100.7:5000",
                Method::POST,
                "/api/session",
                body,
            ))
            .await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(reply.json["code"], "rate_limited");
        let wait: u64 = reply.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
    }
    // Another account still signs in.
    let (other, other_password) = app.user(Role::Viewer);
    let reply = app
        .request(from(
            "198.51.100.7:5000",
            Method::POST,
            "/api/session",
            json!({"email": other.email, "password": other_password}),
        ))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    // One address trying many accounts is held too.
    let mut statuses = Vec::new();
    for i in 0..80 {
        let reply = app
            .request(from(
                "203.0.113.9:5000",
                Method::POST,
                "/api/session",
                json!({"email": format!("nobody{i}@example.com"), "password": "x"}),
            ))
            .await;
        statuses.push(reply.status);
    }
    assert_eq!(statuses[0], StatusCode::UNAUTHORIZED);
    assert_eq!(*statuses.last().unwrap(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn subscription_requests_are_limited_per_address_subscribed_and_per_client() {
    let app = TestApp::new();
    let ask = |client: &str, email: &str| {
        from(
            client,
            Method::POST,
            "/api/subscribers",
            json!({"email": email}),
        )
    };
    let mut statuses = Vec::new();
    for i in 0..5 {
        statuses.push(
            app.request(ask(&format!("192.0.2.{i}:1"), "victim@example.com"))
                .await
                .status,
        );
    }
    // One confirmation email; asking again is answered (already
    // subscribed) three times in all, then not for a while.
    assert_eq!(statuses[0], StatusCode::ACCEPTED, "{statuses:?}");
    assert!(
        statuses[1..3].iter().all(|s| *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    assert!(
        statuses[3..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // One client asking for many inboxes is held too.
    let mut last = StatusCode::OK;
    for i in 0..30 {
        last = app
            .request(ask("203.0.113.5:1", &format!("person{i}@example.com")))
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Signed-in staff managing their own subscriptions are not held by it.
    let staff = app.token(Role::Viewer).await;
    let reply = app
        .send(
            Method::POST,
            "/api/me/subscriptions",
            Some(json!({"channel": "email", "address": "me@example.com"})),
            Auth::Bearer(&staff),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
}
