//! The leak guard on every public text, against every disguise: a key with
//! a zero-width joiner or a soft hyphen inside, full-width letters,
//! Cyrillic look-alikes, another case, another incident's key, and the
//! summary or an internal-only component's name in disguise. Each refusal
//! is 422 `leak` naming the field, and nothing public changes.

mod common;

use axum::http::{Method, StatusCode};
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};

/// The ways a text can carry `key` (e.g. `OPS-142`) past a naive check.
fn key_disguises(key: &str) -> Vec<(&'static str, String)> {
    let (letters, digits) = key.split_once('-').unwrap();
    let full_width: String = key
        .chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap(),
            other => other,
        })
        .collect();
    // Cyrillic letters that look like Latin ones.
    let cyrillic: String = letters
        .chars()
        .map(|c| match c {
            'O' => '\u{41E}',
            'P' => '\u{420}',
            'S' => '\u{405}',
            'A' => '\u{410}',
            'C' => '\u{421}',
            'E' => '\u{415}',
            other => other,
        })
        .collect();
    let mut first = letters.chars();
    let head = first.next().unwrap();
    vec![
        (
            "zero-width joiner",
            format!("Tracked as {head}\u{200D}{}-{digits}.", first.as_str()),
        ),
        (
            "soft hyphen",
            format!(
                "Tracked as {letters}-{}\u{AD}{}.",
                &digits[..1],
                &digits[1..]
            ),
        ),
        ("full-width", format!("Tracked as {full_width}.")),
        ("homoglyph", format!("Tracked as {cyrillic}-{digits}.")),
        ("case", format!("Tracked as {}.", key.to_lowercase())),
    ]
}

async fn refused(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Value,
    field: &str,
    how: &str,
) {
    let reply = app
        .send(method, path, Some(body), Auth::Bearer(token))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{how} on {path} {field}: {}",
        reply.json
    );
    assert_eq!(
        reply.json["code"], "leak",
        "{how} on {path}: {}",
        reply.json
    );
    assert_eq!(reply.json["field"], field, "{how} on {path}");
}

#[tokio::test]
async fn every_public_text_refuses_internal_information_in_any_disguise() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let internal = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "Ledger worker", "internal_only": true})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(internal.status, StatusCode::CREATED, "{}", internal.json);
    let open = app.get("/api/v2/incidents/unresolved.json").await.json["incidents"][0].clone();
    let id = open["id"].as_str().unwrap().to_owned();
    let update_id = open["incident_updates"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let record = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&token),
        )
        .await
        .json;
    assert_eq!(record["issue_key"], "OPS-142");
    let version = record["version"].clone();
    // Rendered as of one instant, before and after.
    let at = app.now() + chrono::Duration::hours(1);
    let before = app.public_bytes(at);

    // The open incident's own key, another incident's key, its summary and
    // an internal-only component's name, each in disguise.
    let mut texts = key_disguises("OPS-142");
    for (how, text) in key_disguises("OPS-117") {
        texts.push((how, format!("Related: {text}")));
    }
    texts.push((
        "summary with a zero-width space",
        "Connection pool exhaus\u{200B}tion on api-db-3 after the spike.".to_owned(),
    ));
    texts.push((
        "internal component in full width",
        "The Ｌｅｄｇｅｒ ｗｏｒｋｅｒ restarted.".to_owned(),
    ));
    let incident = format!("/api/incidents/{id}");
    for (how, text) in &texts {
        refused(
            &app,
            &token,
            Method::POST,
            &format!("{incident}/updates"),
            json!({"version": version, "status": "identified", "body": text}),
            "body",
            how,
        )
        .await;
        refused(
            &app,
            &token,
            Method::PATCH,
            &incident,
            json!({"version": version, "title": text}),
            "title",
            how,
        )
        .await;
        refused(
            &app,
            &token,
            Method::PATCH,
            &format!("{incident}/updates/{update_id}"),
            json!({"version": version, "body": text}),
            "body",
            how,
        )
        .await;
        refused(
            &app,
            &token,
            Method::POST,
            &format!("{incident}/resolve"),
            json!({"version": version, "body": text}),
            "body",
            how,
        )
        .await;
    }
    // A new incident: its own key in its title or first message.
    for (how, text) in key_disguises("OPS-900") {
        for field in ["title", "message"] {
            let mut body = json!({"issue_key": "OPS-900", "title": "Slow checkout", "summary": "psp timeouts",
                "severity": 3, "message": "Checkout is slow."});
            body[field] = json!(text);
            refused(
                &app,
                &token,
                Method::POST,
                "/api/incidents",
                body,
                field,
                how,
            )
            .await;
        }
    }
    // Maintenances: any incident's key or an internal-only component's name.
    let maintenance = app
        .send(Method::GET, "/api/maintenances", None, Auth::Bearer(&token))
        .await
        .json[0]
        .clone();
    let mut maintenance_texts = key_disguises("OPS-142");
    maintenance_texts.push((
        "internal component",
        "Ledger worker goes down too.".to_owned(),
    ));
    let from = app.now() + chrono::Duration::days(1);
    for (how, text) in &maintenance_texts {
        for field in ["name", "body"] {
            let mut body = json!({"name": "Network work", "body": "Short interruptions.",
                "scheduled_for": from.to_rfc3339(), "scheduled_until": (from + chrono::Duration::hours(1)).to_rfc3339()});
            body[field] = json!(text);
            refused(
                &app,
                &token,
                Method::POST,
                "/api/maintenances",
                body,
                field,
                how,
            )
            .await;
        }
        refused(
            &app,
            &token,
            Method::PATCH,
            &format!(
                "/api/maintenances/{}",
                maintenance["maintenance"]["id"].as_str().unwrap()
            ),
            json!({"version": maintenance["version"], "action": "cancel", "body": text}),
            "body",
            how,
        )
        .await;
    }
    // Nothing public moved.
    assert!(
        before == app.public_bytes(at),
        "a refused write changed a public document"
    );

    // The postmortem link and its announcement, once resolved.
    let resolved = app
        .send(
            Method::POST,
            &format!("{incident}/resolve"),
            Some(json!({"version": version, "body": "Fixed."})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.json);
    let version = resolved.json["version"].clone();
    for (how, text) in key_disguises("OPS-142") {
        refused(
            &app,
            &token,
            Method::POST,
            &format!("{incident}/postmortem"),
            json!({"version": version, "url": "https://example.com/review", "body": text}),
            "body",
            how,
        )
        .await;
    }
    refused(&app, &token, Method::POST, &format!("{incident}/postmortem"),
        json!({"version": version, "url": "https://wiki.example.com/ops-142-review", "body": "Our review."}), "url", "key in the link").await;
    // Confirmed, a text passes: the guard asks, it does not forbid.
    let confirmed = app
        .send(Method::POST, &format!("{incident}/postmortem"),
            Some(json!({"version": version, "url": "https://wiki.example.com/ops-142-review", "body": "Our review.", "confirm_leaks": true})),
            Auth::Bearer(&token))
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.json);
}

#[tokio::test]
async fn keys_that_read_the_same_are_the_same_key() {
    let app = TestApp::with_demo();
    let token = app.token(Role::Publisher).await;
    let declare = |key: &str| json!({"issue_key": key, "title": "Slow", "summary": "s", "severity": 3, "message": "Slow pages."});
    let first = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(declare("NETO-1")),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    // A zero for the letter O: another key to the machine, the same to a reader.
    let second = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(declare("NET0-1")),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(
        second.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        second.json
    );
    assert_eq!(second.json["field"], "issue_key");
    assert!(second.json["message"].as_str().unwrap().contains("NETO-1"));
}
