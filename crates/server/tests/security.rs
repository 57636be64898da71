//! Safe on the internet: the headers every page carries, a session cookie
//! that is `Secure` behind https, and no write on the strength of the
//! cookie alone from another site's page.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;

#[tokio::test]
async fn every_page_says_nosniff_and_the_portal_and_api_refuse_to_be_framed() {
    let app = TestApp::with_demo();
    for (path, framable) in [
        ("/", true),
        ("/history", true),
        ("/api/v2/summary.json", true),
        ("/api/herald/uptime.json", true),
        ("/badge.svg", true),
        ("/nope", true),
        ("/portal", false),
        ("/portal/incidents", false),
        ("/api/incidents", false),
        ("/api/openapi.json", false),
    ] {
        let reply = app.get(path).await;
        let h = &reply.headers;
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(
            h[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin",
            "{path}"
        );
        if framable {
            assert!(
                !h.contains_key(header::X_FRAME_OPTIONS),
                "{path} can be embedded"
            );
        } else {
            assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{path}");
            assert!(
                h[header::CONTENT_SECURITY_POLICY]
                    .to_str()
                    .unwrap()
                    .contains("frame-ancestors 'none'"),
                "{path}"
            );
        }
        assert!(
            !h.contains_key(header::STRICT_TRANSPORT_SECURITY),
            "{path}: plain http"
        );
        // Pages carry a strict policy: scripts from here (and wasm), fetches here.
        if h[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
        {
            let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            for part in [
                "default-src 'self'",
                "script-src 'self' 'wasm-unsafe-eval'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
            ] {
                assert!(csp.contains(part), "{path}: {csp}");
            }
            assert!(!csp.contains(" 'unsafe-eval'"), "{path}: {csp}");
            assert_eq!(
                csp.contains("frame-ancestors 'none'"),
                !framable,
                "{path}: {csp}"
            );
        }
    }
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_and_hsts_is_sent() {
    let plain = TestApp::new();
    let (user, password) = plain.user(Role::Viewer);
    let reply = plain
        .send(
            Method::POST,
            "/api/session",
            Some(serde_json::json!({"email": user.email, "password": password})),
            Auth::None,
        )
        .await;
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(!cookie.contains("Secure"), "{cookie}");

    let https = TestApp::new().configured(|state| state.https = true);
    let (user, password) = https.user(Role::Viewer);
    let reply = https
        .send(
            Method::POST,
            "/api/session",
            Some(serde_json::json!({"email": user.email, "password": password})),
            Auth::None,
        )
        .await;
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(reply.headers[header::STRICT_TRANSPORT_SECURITY]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
    let page = https.get("/").await;
    assert!(page.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}

#[tokio::test]
async fn a_cookie_write_from_another_sites_page_is_refused() {
    let app = TestApp::with_demo();
    let (user, password) = app.user(Role::Publisher);
    let cookie = app.login(&user.email, &password).await;
    let token = app.token(Role::Publisher).await;
    // A bodiless POST, as a cross-site form could send it.
    let post = |headers: &[(&str, &str)], auth: Option<String>| {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri("/api/me/feed")
            .header(header::HOST, "status.example.com");
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        if let Some(auth) = auth {
            req = req.header(header::AUTHORIZATION, auth);
        } else {
            req = req.header(header::COOKIE, cookie.clone());
        }
        req.body(Body::empty()).unwrap()
    };
    for headers in [
        &[("sec-fetch-site", "cross-site")][..],
        &[("sec-fetch-site", "same-site")],
        &[("origin", "https://evil.example")],
        &[("origin", "null")],
    ] {
        let reply = app.request(post(headers, None)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(reply.json["code"], "cross_site", "{headers:?}");
    }
    // The site's own pages, and clients that are no browser page, may.
    for headers in [
        &[("sec-fetch-site", "same-origin")][..],
        &[("origin", "https://status.example.com")],
        &[],
    ] {
        let reply = app.request(post(headers, None)).await;
        assert!(reply.status.is_success(), "{headers:?}: {}", reply.json);
    }
    // A bearer token is never sent by a browser on its own: no check.
    let reply = app
        .request(post(
            &[("sec-fetch-site", "cross-site")],
            Some(format!("Bearer {token}")),
        ))
        .await;
    assert!(reply.status.is_success(), "{}", reply.json);
    // Reads with the cookie stay possible from anywhere (they change nothing).
    let read = Request::builder()
        .uri("/api/session")
        .header(header::COOKIE, cookie.clone())
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.request(read).await.status, StatusCode::OK);
}
