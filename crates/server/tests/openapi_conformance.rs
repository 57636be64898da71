//! The OpenAPI document describes the API as it answers: every operation
//! in `/api/openapi.json` is called, with good requests and with bad ones
//! (no credentials, a viewer's, a body that is not JSON, each field of the
//! body with a value of the wrong type, an id that names nothing, a query
//! parameter of the wrong type). `common::TestApp` checks every answer's
//! status and body against the document; this test adds what each bad
//! request must get (401, 400, a 422 naming the field) and that nothing is
//! a 500.

mod common;

use axum::http::{Method, StatusCode};
use common::openapi::resolve;
use common::{Auth, TestApp};
use herald_model::api::Role;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One operation of the document.
struct Operation {
    method: Method,
    path: String,
    spec: Value,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (name, method) in [
            ("get", Method::GET),
            ("put", Method::PUT),
            ("post", Method::POST),
            ("delete", Method::DELETE),
            ("patch", Method::PATCH),
        ] {
            if let Some(spec) = item.get(name) {
                out.push(Operation {
                    method,
                    path: path.clone(),
                    spec: spec.clone(),
                });
            }
        }
    }
    out
}

/// Whether a schema accepts a JSON array.
fn allows_array(doc: &Value, schema: &Value) -> bool {
    let schema = resolve(doc, schema);
    let typed = |t: &Value| match t {
        Value::String(s) => s == "array",
        Value::Array(all) => all.iter().any(|t| t == "array"),
        _ => false,
    };
    typed(&schema["type"])
        || ["oneOf", "anyOf", "allOf"].iter().any(|k| {
            schema[*k]
                .as_array()
                .is_some_and(|all| all.iter().any(|s| allows_array(doc, s)))
        })
}

/// What was found wrong, by request.
#[derive(Default)]
struct Findings(BTreeMap<String, String>);

impl Findings {
    /// Notes a server error (the document's own check ran in `TestApp`).
    fn check(&mut self, op: &Operation, what: &str, reply: &common::Reply) {
        if reply.status.is_server_error() {
            self.0.insert(
                format!("{} {} ({what})", op.method, op.path),
                format!(
                    "{}: {}",
                    reply.status,
                    String::from_utf8_lossy(&reply.bytes)
                ),
            );
        }
    }
}

/// A value of the wrong JSON type for a field with this schema.
fn wrong_value(doc: &Value, schema: &Value) -> Value {
    if allows_array(doc, schema) {
        json!("not a list")
    } else {
        json!([true])
    }
}

#[tokio::test]
async fn every_answer_is_documented_in_the_openapi_document() {
    let app = TestApp::with_demo();
    let admin = app.token(Role::Admin).await;
    let viewer = app.token(Role::Viewer).await;
    let doc = app.get("/api/openapi.json").await.json;
    let ops = operations(&doc);
    assert!(ops.len() > 50, "{} operations", ops.len());
    let mut findings = Findings::default();

    // Real ids for the good requests that need one.
    let incidents = app
        .send(Method::GET, "/api/incidents", None, Auth::Bearer(&admin))
        .await
        .json;
    let public_incident = incidents
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["visibility"] == "public")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let draft = app
        .send(
            Method::PUT,
            "/api/drafts/declare",
            Some(json!({"content": "{}"})),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(draft.status, StatusCode::OK, "{}", draft.json);
    let feed = app
        .send(Method::POST, "/api/me/feed", None, Auth::Bearer(&admin))
        .await
        .json;
    let feed_file = feed["url"]
        .as_str()
        .unwrap_or_else(|| panic!("{feed}"))
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let maintenances = app
        .send(Method::GET, "/api/maintenances", None, Auth::Bearer(&admin))
        .await
        .json;
    let maintenance = maintenances[0]["maintenance"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{maintenances}"))
        .to_owned();
    let month = format!("{}.json", app.now().format("%Y-%m"));
    let real = |path: &str| -> Option<String> {
        Some(match path {
            "/api/incidents/{id}" => format!("/api/incidents/{public_incident}"),
            "/api/drafts/{key}" => "/api/drafts/declare".to_owned(),
            "/api/feeds/staff/{file}" => format!("/api/feeds/staff/{feed_file}"),
            p if p.ends_with("/incidents/{file}") => {
                p.replace("{file}", &format!("{public_incident}.json"))
            }
            p if p.ends_with("/maintenances/{file}") => {
                p.replace("{file}", &format!("{maintenance}.json"))
            }
            p if p.ends_with("/history/{file}") => p.replace("{file}", &month),
            p if p.contains('{') => return None,
            p => p.to_owned(),
        })
    };

    // Good reads: every GET, as an admin, answers 2xx with its schema.
    let mut unread = Vec::new();
    for op in ops.iter().filter(|op| op.method == Method::GET) {
        let needs_token = op.path.starts_with("/api/subscribers/");
        if needs_token {
            continue; // a link's token exists only in an email; see subscriptions.rs
        }
        let Some(path) = real(&op.path) else {
            unread.push(op.path.clone());
            continue;
        };
        let reply = app
            .send(Method::GET, &path, None, Auth::Bearer(&admin))
            .await;
        if !reply.status.is_success() {
            findings.0.insert(
                format!("GET {path}"),
                format!("{}: {}", reply.status, reply.json),
            );
        }
        findings.check(op, "an admin reads it", &reply);
    }
    assert!(unread.is_empty(), "no good read of {unread:?}");

    // Bad requests, to every operation. Path ids name nothing, so no write
    // below changes anything.
    for op in &ops {
        let path = op
            .path
            .split('/')
            .map(|s| if s.starts_with('{') { "nope" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        let body_schema = op
            .spec
            .pointer("/requestBody/content/application~1json/schema")
            .cloned();
        let send = |body: Option<Value>, auth| app.send(op.method.clone(), &path, body, auth);
        // `{}` among the requirements: credentials are optional.
        let secured = op.spec["security"].as_array().is_some_and(|all| {
            !all.is_empty()
                && !all
                    .iter()
                    .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
        });

        if secured {
            let reply = send(body_schema.as_ref().map(|_| json!({})), Auth::None).await;
            findings.check(op, "no credentials", &reply);
            if reply.status != StatusCode::UNAUTHORIZED {
                findings.0.insert(
                    format!("{} {} (no credentials)", op.method, op.path),
                    format!("answered {}", reply.status),
                );
            }
            if op.method != Method::GET && op.path != "/api/session" {
                let reply = send(
                    body_schema.as_ref().map(|_| json!({})),
                    Auth::Bearer(&viewer),
                )
                .await;
                findings.check(op, "a viewer", &reply);
            }
        }
        if op.path.contains('{') {
            let body = body_schema.as_ref().map(|_| json!({}));
            let reply = send(body, Auth::Bearer(&admin)).await;
            findings.check(op, "an id that names nothing", &reply);
        }
        if let Some(schema) = &body_schema {
            let reply = app
                .send_raw(
                    op.method.clone(),
                    &path,
                    "application/json",
                    "{\"not json",
                    &admin,
                )
                .await;
            findings.check(op, "a body that is not JSON", &reply);
            if reply.status != StatusCode::BAD_REQUEST && !op.path.contains('{') {
                findings.0.insert(
                    format!("{} {} (not JSON)", op.method, op.path),
                    format!("answered {}", reply.status),
                );
            }
            let schema = resolve(&doc, schema);
            if let Some(properties) = schema["properties"].as_object() {
                for (name, field) in properties {
                    let body = json!({ name: wrong_value(&doc, field) });
                    let reply = send(Some(body), Auth::Bearer(&admin)).await;
                    let what = format!("{name} of the wrong type");
                    findings.check(op, &what, &reply);
                    let named = reply.json["field"].as_str().unwrap_or("");
                    let refused_by_name = reply.status == StatusCode::UNPROCESSABLE_ENTITY
                        && (named == name
                            || named.starts_with(&format!("{name}."))
                            || named.starts_with(&format!("{name}[")));
                    // An id that names nothing may be found out first.
                    if !refused_by_name && reply.status != StatusCode::NOT_FOUND {
                        findings.0.insert(
                            format!("{} {} ({what})", op.method, op.path),
                            format!("answered {} naming {named:?}: {}", reply.status, reply.json),
                        );
                    }
                }
            }
        }
        for parameter in op.spec["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] != "query" {
                continue;
            }
            let name = parameter["name"].as_str().unwrap();
            let wrong = match resolve(&doc, &parameter["schema"])["type"].as_str() {
                Some("integer" | "number" | "boolean") => "x",
                _ => continue, // a string takes anything
            };
            let reply = app
                .send(
                    op.method.clone(),
                    &format!("{path}?{name}={wrong}"),
                    body_schema.as_ref().map(|_| json!({})),
                    Auth::Bearer(&admin),
                )
                .await;
            findings.check(op, &format!("?{name}={wrong}"), &reply);
            if reply.status != StatusCode::BAD_REQUEST || reply.json["field"] != name {
                findings.0.insert(
                    format!("{} {} (?{name}={wrong})", op.method, op.path),
                    format!("answered {}: {}", reply.status, reply.json),
                );
            }
        }
    }

    assert!(
        findings.0.is_empty(),
        "{} answers the document does not describe:\n{}",
        findings.0.len(),
        findings
            .0
            .iter()
            .map(|(k, v)| format!("  {k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
