//! The public feeds and badge: valid Atom and RSS with one entry per public
//! update, newest first, nothing internal, and the same caching headers as
//! the documents.

mod common;

use axum::http::{header, Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::json;

#[tokio::test]
async fn the_atom_feed_has_every_public_update_newest_first() {
    let app = TestApp::with_demo();
    let reply = app.get("/history.atom").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    assert_eq!(reply.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(reply.headers.contains_key(header::ETAG));
    let feed = atom_syndication::Feed::read_from(&reply.bytes[..]).expect("well-formed Atom");

    // RFC 4287's required elements.
    assert_eq!(feed.id(), "https://status.example.com/history.atom");
    assert_eq!(feed.title().as_str(), "Acme Cloud status history");
    assert!(!feed.authors().is_empty());
    assert!(feed.links().iter().any(|l| l.rel() == "self"));
    // The demo: five resolved incidents with three updates each, the open
    // incident with two, and the maintenance's announcement.
    let entries = feed.entries();
    assert_eq!(entries.len(), 5 * 3 + 2 + 1);
    let mut previous = None;
    for e in entries {
        assert!(!e.id().is_empty() && !e.title().as_str().is_empty());
        assert!(e.links()[0]
            .href()
            .starts_with("https://status.example.com/"));
        let html = e.content().and_then(|c| c.value()).unwrap();
        assert!(
            html.starts_with("<p><small>") && html.contains("</small><br><strong>"),
            "{html}"
        );
        if let Some(p) = previous {
            assert!(*e.updated() <= p, "entries must be newest first");
        }
        previous = Some(*e.updated());
    }
    assert_eq!(
        entries[0].title().as_str(),
        "Elevated API error rates — Identified"
    );
    let ids: std::collections::HashSet<&str> = entries.iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
}

#[tokio::test]
async fn the_rss_feed_matches_and_nothing_internal_reaches_either_feed() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let summary = app.get("/api/v2/summary.json").await.json;
    let id = summary["incidents"][0]["id"].as_str().unwrap();
    let reply = app
        .send(
            Method::POST,
            &format!("/api/incidents/{id}/updates"),
            Some(json!({"version": 2, "status": "monitoring", "body": "MARKER internal note", "audience": "internal"})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    let public = app
        .send(
            Method::POST,
            &format!("/api/incidents/{id}/updates"),
            Some(json!({"version": 3, "status": "monitoring", "body": "A fix is live <for real> & holding."})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(public.status, StatusCode::OK);

    let rss_reply = app.get("/history.rss").await;
    assert_eq!(
        rss_reply.headers[header::CONTENT_TYPE],
        "application/rss+xml; charset=utf-8"
    );
    let channel = rss::Channel::read_from(&rss_reply.bytes[..]).expect("well-formed RSS");
    assert_eq!(channel.title(), "Acme Cloud status history");
    assert_eq!(channel.items().len(), 5 * 3 + 3 + 1);
    let newest = &channel.items()[0];
    assert_eq!(
        newest.title(),
        Some("Elevated API error rates — Monitoring")
    );
    assert!(newest
        .description()
        .unwrap()
        .contains("A fix is live &lt;for real&gt; &amp; holding."));
    assert!(newest.pub_date().is_some() && newest.guid().is_some());

    for path in ["/history.rss", "/history.atom"] {
        let text = String::from_utf8(app.get(path).await.bytes).unwrap();
        for secret in ["MARKER", "OPS-142", "api-db-3"] {
            assert!(!text.contains(secret), "{path} leaks {secret}");
        }
    }
}

#[tokio::test]
async fn the_badge_follows_the_overall_status() {
    let app = TestApp::with_demo();
    let reply = app.get("/badge.svg").await;
    assert_eq!(reply.headers[header::CONTENT_TYPE], "image/svg+xml");
    let svg = String::from_utf8(reply.bytes).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("partial outage"),
        "{svg}"
    );
    let etag = reply.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = app
        .request(
            axum::http::Request::get("/badge.svg")
                .header(header::IF_NONE_MATCH, &etag)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}
