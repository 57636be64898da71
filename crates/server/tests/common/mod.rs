//! A Herald app on a temporary database, driven through its router. Every
//! answer is checked against the OpenAPI document (see `openapi`).

#![allow(dead_code)]

pub mod openapi;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use herald_model::api::{Role, SessionUser};
use herald_server::demo;
use herald_server::store::{in_transaction, users};
use herald_server::{auth, AppState, Clock};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use tempfile::TempDir;
use tower::ServiceExt;

/// A response, with its body parsed as JSON when it is JSON.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

/// The instant every test app's clock starts at: a Wednesday, mid-morning
/// in the demo page's time zone (Europe/Berlin), far from a change of
/// daylight saving time, so no test depends on the day or hour it runs.
pub const TEST_EPOCH: &str = "2026-06-17T08:00:00Z";

pub struct TestApp {
    pub dir: TempDir,
    pub state: AppState,
    router: Router,
}

/// The portal app's page (`dist/portal/index.html`).
pub const PORTAL_HTML: &str =
    "<!doctype html><html><head><title>Herald test portal</title></head><body></body></html>";

/// The second public app's page (`dist/more/index.html`).
pub const MORE_HTML: &str =
    "<!doctype html><html><head><title>Herald test more</title></head><body></body></html>";

pub const INDEX_HTML: &str =
    "<!doctype html><html><head><title>Herald test app</title></head><body><script src=\"/app.js\"></script></body></html>";

impl TestApp {
    pub fn new() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let web = dir.path().join("web");
        std::fs::create_dir_all(&web).unwrap();
        std::fs::write(web.join("index.html"), INDEX_HTML).unwrap();
        std::fs::create_dir_all(web.join("portal")).unwrap();
        std::fs::write(web.join("portal/index.html"), PORTAL_HTML).unwrap();
        std::fs::write(web.join("portal/portal.js"), "// the portal app").unwrap();
        std::fs::create_dir_all(web.join("more")).unwrap();
        std::fs::write(web.join("more/index.html"), MORE_HTML).unwrap();
        std::fs::write(web.join("more/more.js"), "// the second public app").unwrap();
        let clock = Clock::starting_at(TEST_EPOCH.parse().unwrap());
        let state = AppState::open_with_clock(&dir.path().join("data"), web, clock).unwrap();
        let router = herald_server::app(state.clone());
        TestApp { dir, state, router }
    }

    /// A new app with the demo page seeded.
    pub fn with_demo() -> TestApp {
        let app = TestApp::new();
        let admin = app.user(Role::Admin);
        {
            let mut conn = app.state.store.lock();
            demo::seed(&mut conn, &admin.0, "https://status.example.com", app.now()).unwrap();
        }
        app.state.republish_all().unwrap();
        app
    }

    /// The app with webhooks to loopback allowed (as `herald serve
    /// --allow-private-webhooks`), for tests with receivers on 127.0.0.1.
    pub fn allowing_private_webhooks(self) -> TestApp {
        self.configured(|state| state.allow_private_webhooks = true)
    }

    /// The app with its serve options changed by `f`.
    pub fn configured(mut self, f: impl FnOnce(&mut AppState)) -> TestApp {
        f(&mut self.state);
        self.router = herald_server::app(self.state.clone());
        self
    }

    /// Every public document — the in-memory set with the apps' pages, and
    /// every per-object document — rendered as of `at`, by path. Two
    /// renderings at the same `at` differ only where the data does.
    pub fn public_bytes(
        &self,
        at: chrono::DateTime<chrono::Utc>,
    ) -> std::collections::BTreeMap<String, Vec<u8>> {
        let templates = self.state.templates();
        let conn = self.state.store.lock();
        let mut out: std::collections::BTreeMap<String, Vec<u8>> =
            herald_server::docs::render_hot(&conn, at, &templates)
                .unwrap()
                .into_iter()
                .map(|(path, doc)| (path, doc.bytes.to_vec()))
                .collect();
        out.extend(
            herald_server::docs::render_all_objects(&conn, at, templates.index.as_deref()).unwrap(),
        );
        out
    }

    /// The app's "now" (see [`TEST_EPOCH`]).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.state.clock.now()
    }

    pub fn data_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// Adds a user with `role`; returns it and its password.
    pub fn user(&self, role: Role) -> (SessionUser, String) {
        let password = auth::new_password();
        let hash = auth::hash_password(&password).unwrap();
        let email = format!(
            "{}-{}@example.com",
            role,
            auth::new_secret()[..8].to_owned()
        );
        let user = in_transaction(&mut self.state.store.lock(), |tx| {
            users::create(tx, "test", &email, role.as_str(), role, &hash, self.now())
        })
        .unwrap();
        (user, password)
    }

    /// A bearer token for a new user with `role`.
    pub async fn token(&self, role: Role) -> String {
        let (user, password) = self.user(role);
        let cookie = self.login(&user.email, &password).await;
        let reply = self
            .send(
                Method::POST,
                "/api/tokens",
                Some(serde_json::json!({"name": "test"})),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
        reply.json["token"].as_str().unwrap().to_owned()
    }

    /// Signs in; returns the `Cookie` header value.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let reply = self
            .send(
                Method::POST,
                "/api/session",
                Some(serde_json::json!({"email": email, "password": password})),
                Auth::None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
        let set_cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
        set_cookie.split(';').next().unwrap().to_owned()
    }

    pub async fn request(&self, req: Request<Body>) -> Reply {
        if !openapi::known() {
            let doc = Request::get("/api/openapi.json")
                .body(Body::empty())
                .unwrap();
            let doc = self.router.clone().oneshot(doc).await.unwrap();
            let bytes = doc.into_body().collect().await.unwrap().to_bytes();
            openapi::remember(serde_json::from_slice(&bytes).unwrap());
        }
        let method = req.method().clone();
        let uri = req.uri().to_string();
        let response = self.router.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        let parsed = serde_json::from_slice::<Value>(&bytes);
        let is_json = parsed.is_ok();
        let json = parsed.unwrap_or(Value::Null);
        if let Some(wrong) = openapi::mismatch(&method, &uri, status.as_u16(), &json, is_json) {
            panic!("{wrong}");
        }
        Reply {
            status,
            headers,
            bytes,
            json,
        }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        auth: Auth<'_>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        req = match auth {
            Auth::None => req,
            Auth::Bearer(token) => req.header(header::AUTHORIZATION, format!("Bearer {token}")),
            Auth::Cookie(cookie) => req.header(header::COOKIE, cookie),
        };
        let req = match body {
            Some(body) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => req.body(Body::empty()),
        };
        self.request(req.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, Auth::None).await
    }

    /// Sends raw bytes as the body with the given content type.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: &str,
        token: &str,
    ) -> Reply {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.request(req).await
    }
}

#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Bearer(&'a str),
    Cookie(&'a str),
}

/// One webhook request as the receiver got it.
#[derive(Clone, Debug)]
pub struct Hook {
    pub key: String,
    pub body: Value,
}

/// A webhook receiver on loopback that answers 500 to its first `failures`
/// requests; returns its URL and what it accepted or refused.
pub async fn webhook_receiver(
    failures: usize,
) -> (String, Arc<Mutex<Vec<Hook>>>, Arc<Mutex<usize>>) {
    webhook_receiver_on(0, failures).await
}

/// [`webhook_receiver`] on a given port (0: any).
pub async fn webhook_receiver_on(
    port: u16,
    failures: usize,
) -> (String, Arc<Mutex<Vec<Hook>>>, Arc<Mutex<usize>>) {
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let refused = Arc::new(Mutex::new(0usize));
    let (a, r) = (accepted.clone(), refused.clone());
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let (a, r) = (a.clone(), r.clone());
                async move {
                    let mut refused = r.lock().unwrap();
                    if *refused < failures {
                        *refused += 1;
                        return StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    a.lock().unwrap().push(Hook {
                        key: headers["idempotency-key"].to_str().unwrap().to_owned(),
                        body: serde_json::from_slice(&body).unwrap(),
                    });
                    StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, accepted, refused)
}
