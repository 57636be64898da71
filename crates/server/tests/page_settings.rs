//! The page's own facts (name, public URL, time zone, description, whether
//! it may be indexed) are set by admins through the API; every public
//! document, feed and page follows in the same publish, the change is
//! versioned and audited.

mod common;

use axum::http::{Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};

#[tokio::test]
async fn a_page_without_a_description_is_still_described_to_search_engines() {
    let app = TestApp::with_demo();
    let html = String::from_utf8(app.get("/").await.bytes).unwrap();
    assert!(
        html.contains(
            r#"<meta name="description" content="The live status of Acme Cloud: current incidents, scheduled maintenance and uptime." />"#
        ),
        "{html}"
    );
}

#[tokio::test]
async fn an_admin_renames_the_page_and_every_public_document_follows() {
    let app = TestApp::with_demo();
    let admin = app.token(Role::Admin).await;
    let viewer = app.token(Role::Viewer).await;
    let current = app
        .send(
            Method::GET,
            "/api/settings/page",
            None,
            Auth::Bearer(&viewer),
        )
        .await
        .json;
    assert_eq!(current["name"], "Acme Cloud");
    let incident = app.get("/api/v2/incidents.json").await.json["incidents"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let month = format!("/api/herald/history/{}.json", app.now().format("%Y-%m"));
    assert_eq!(app.get(&month).await.status, StatusCode::OK);

    let mut change = current.clone();
    change["name"] = json!("Example Status");
    change["url"] = json!("https://status.example.com/");
    change["description"] = json!("Is Example up? Incidents & maintenance, live.");
    change["indexable"] = json!(false);
    let refused = app
        .send(
            Method::PUT,
            "/api/settings/page",
            Some(change.clone()),
            Auth::Bearer(&viewer),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut bad_zone = change.clone();
    bad_zone["time_zone"] = json!("Europe/Atlantis");
    let refused = app
        .send(
            Method::PUT,
            "/api/settings/page",
            Some(bad_zone),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(
        (refused.status, &refused.json["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("time_zone"))
    );

    let saved = app
        .send(
            Method::PUT,
            "/api/settings/page",
            Some(change.clone()),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.json);
    assert_eq!(saved.json["url"], "https://status.example.com");
    assert_eq!(
        saved.json["version"],
        current["version"].as_i64().unwrap() + 1
    );

    // Every document names the page as it now is, old ones included.
    let page_of = |doc: &Value| doc["page"].clone();
    for path in [
        "/api/v2/summary.json".to_owned(),
        "/api/v2/status.json".to_owned(),
        "/api/v2/incidents.json".to_owned(),
        format!("/api/herald/incidents/{incident}.json"),
        month.clone(),
    ] {
        let page = page_of(&app.get(&path).await.json);
        assert_eq!(page["name"], "Example Status", "{path}");
        assert_eq!(page["url"], "https://status.example.com", "{path}");
    }
    let disk = std::fs::read(
        app.data_dir()
            .join(format!("public/api/herald/incidents/{incident}.json")),
    )
    .unwrap();
    let disk: Value = serde_json::from_slice(&disk).unwrap();
    assert_eq!(disk["page"]["name"], "Example Status", "the disk mirror");

    let atom = String::from_utf8(app.get("/history.atom").await.bytes).unwrap();
    assert!(atom.contains("Example Status status history"), "{atom}");
    assert!(atom.contains("Is Example up? Incidents &amp; maintenance, live."));
    assert!(atom.contains("https://status.example.com/incidents/"));
    let html = String::from_utf8(app.get("/").await.bytes).unwrap();
    assert!(html.contains("<title>Example Status</title>"), "{html}");
    assert!(html.contains(
        r#"<meta name="description" content="Is Example up? Incidents &amp; maintenance, live." />"#
    ));
    assert!(html.contains(r#"<meta name="robots" content="noindex" />"#));
    let robots = String::from_utf8(app.get("/robots.txt").await.bytes).unwrap();
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");

    // A second admin's save based on what they saw before is refused.
    let stale = app
        .send(
            Method::PUT,
            "/api/settings/page",
            Some(current.clone()),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        page_of(&app.get("/api/v2/status.json").await.json)["name"],
        "Example Status"
    );

    let audit = app
        .send(Method::GET, "/api/audit", None, Auth::Bearer(&admin))
        .await
        .json;
    let event = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "settings.page")
        .expect("audited");
    assert!(event["before"].as_str().unwrap().contains("Acme Cloud"));
    assert!(event["after"].as_str().unwrap().contains("Example Status"));

    // Indexable again: the public page is open to crawlers, the portal not.
    let mut open = saved.json.clone();
    open["indexable"] = json!(true);
    let reopened = app
        .send(
            Method::PUT,
            "/api/settings/page",
            Some(open),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(reopened.status, StatusCode::OK);
    let robots = String::from_utf8(app.get("/robots.txt").await.bytes).unwrap();
    assert!(robots.contains("Disallow: /portal") && !robots.contains("Disallow: /\n"));
    let html = String::from_utf8(app.get("/").await.bytes).unwrap();
    assert!(!html.contains("noindex"));
}
