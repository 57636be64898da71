//! Subscriptions and delivery against real receivers on loopback: an SMTP
//! server (mailin-embedded) and an HTTP webhook receiver (axum). Covers
//! double opt-in, unsubscribe links, staff notices with internal fields,
//! component scopes, retries, chat webhooks and the staff Atom feed.

mod common;

use axum::http::{Method, StatusCode};
use common::{webhook_receiver, Auth, TestApp};
use herald_model::api::Role;
use herald_server::delivery::{spawn_worker, DeliveryConfig};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use std::time::Duration;

/// One email as the SMTP server received it.
#[derive(Clone, Debug)]
struct Mail {
    to: Vec<String>,
    raw: String,
}

#[derive(Clone)]
struct Sink {
    inbox: Arc<Mutex<Vec<Mail>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for Sink {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> mailin_embedded::Response {
        self.inbox.lock().unwrap().push(Mail {
            to: self.to.clone(),
            raw: String::from_utf8_lossy(&self.data).into_owned(),
        });
        mailin_embedded::response::OK
    }
}

/// A real SMTP server on loopback; returns its port and inbox.
fn smtp_server() -> (u16, Arc<Mutex<Vec<Mail>>>) {
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut server = mailin_embedded::Server::new(Sink {
        inbox: inbox.clone(),
        to: Vec::new(),
        data: Vec::new(),
    });
    server.with_tcp_listener(listener).with_num_threads(1);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, inbox)
}

fn start_worker(app: &TestApp, smtp_port: u16) {
    let mut config = DeliveryConfig::new(
        Some(&format!("smtp://127.0.0.1:{smtp_port}")),
        "Acme Status <status@example.com>",
    )
    .unwrap();
    config.retry_base = Duration::from_millis(50);
    // The receivers are on loopback.
    config.allow_private = true;
    spawn_worker(app.state.clone(), config, Duration::from_millis(50));
}

/// Waits until `check` holds (at most 10 s).
async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

fn mails_to(inbox: &Arc<Mutex<Vec<Mail>>>, address: &str) -> Vec<Mail> {
    inbox
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.to.iter().any(|t| t == address))
        .cloned()
        .collect()
}

/// Decodes a quoted-printable body.
fn unquote(text: &str) -> String {
    let text = text.replace("=\r\n", "");
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path and query of the first link in an email's body after `after`.
fn link_path(mail: &str, after: &str) -> String {
    let body = unquote(mail.split_once("\r\n\r\n").map_or(mail, |(_, b)| b));
    let from = body.find(after).map_or(0, |i| i + after.len());
    let start = body[from..]
        .find("://")
        .map(|i| from + i)
        .unwrap_or_else(|| panic!("no link in {body}"));
    let url: String = body[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>')
        .collect();
    let path_start = url.find("/api/").unwrap();
    url[path_start..].to_owned()
}

async fn demo_incident(app: &TestApp) -> (String, i64, String) {
    let summary = app.get("/api/v2/summary.json").await.json;
    let incident = &summary["incidents"][0];
    let id = incident["id"].as_str().unwrap().to_owned();
    let token = app.token(Role::Publisher).await;
    let record = app
        .send(
            Method::GET,
            &format!("/api/incidents/{id}"),
            None,
            Auth::Bearer(&token),
        )
        .await
        .json;
    (id, record["version"].as_i64().unwrap(), token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_subscribers_confirm_first_get_public_updates_and_can_unsubscribe() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (smtp, inbox) = smtp_server();
    start_worker(&app, smtp);
    let customer = "casey@example.com";
    let reply = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"email": customer})),
            Auth::None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.json);
    eventually("the confirmation email", || {
        mails_to(&inbox, customer).len() == 1
    })
    .await;
    let confirmation = mails_to(&inbox, customer)[0].raw.clone();
    assert!(
        confirmation.contains("Subject: [Acme Cloud] Confirm your subscription"),
        "{confirmation}"
    );

    // Nothing is sent before the address is confirmed.
    let (id, version, token) = demo_incident(&app).await;
    let update = |version: i64, body: &str, audience: &str| json!({"version": version, "status": "monitoring", "body": body, "audience": audience});
    let path = format!("/api/incidents/{id}/updates");
    let r = app
        .send(
            Method::POST,
            &path,
            Some(update(version, "A fix is being deployed.", "public")),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        mails_to(&inbox, customer).len(),
        1,
        "an unconfirmed address got an update"
    );

    let confirm = app.get(&link_path(&confirmation, "")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    let r = app
        .send(
            Method::POST,
            &path,
            Some(update(
                version + 1,
                "The fix is live and we are watching.",
                "public",
            )),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    eventually("the update email", || mails_to(&inbox, customer).len() == 2).await;
    let mail = mails_to(&inbox, customer)[1].raw.clone();
    let text = unquote(&mail);
    assert!(
        mail.contains("Subject: [Acme Cloud] Elevated API error rates: Monitoring"),
        "{mail}"
    );
    assert!(mail.contains("Content-Type: text/plain"), "{mail}");
    assert!(
        text.contains("The fix is live and we are watching."),
        "{text}"
    );
    assert!(mail.contains("List-Unsubscribe: <http"), "{mail}");
    assert!(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    assert!(
        !text.contains("OPS-142") && !text.contains("api-db-3"),
        "internal text in a customer email: {text}"
    );

    // Every message carries the same unsubscribe link, so the one in an
    // older email still works after newer ones were sent.
    let r = app
        .send(
            Method::POST,
            &path,
            Some(update(version + 2, "Still watching.", "public")),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    eventually("the second update email", || {
        mails_to(&inbox, customer).len() == 3
    })
    .await;
    let newer = mails_to(&inbox, customer)[2].raw.clone();
    let older_link = link_path(&mail, "Unsubscribe: ");
    assert_eq!(link_path(&newer, "Unsubscribe: "), older_link);
    let forged = older_link.replace("token=", "token=x");
    assert_eq!(app.get(&forged).await.status, StatusCode::NOT_FOUND);
    let unsubscribe = app.get(&older_link).await;
    assert_eq!(unsubscribe.status, StatusCode::OK);
    let r = app
        .send(
            Method::POST,
            &path,
            Some(update(version + 3, "Resolved.", "public")),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        mails_to(&inbox, customer).len(),
        3,
        "an unsubscribed address got an update"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_get_internal_notices_that_customers_never_see() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (smtp, inbox) = smtp_server();
    start_worker(&app, smtp);
    let (viewer, password) = app.user(Role::Viewer);
    let cookie = app.login(&viewer.email, &password).await;
    let staff = "oncall@example.com";
    let sub = app
        .send(
            Method::POST,
            "/api/me/subscriptions",
            Some(json!({"channel": "email", "address": staff})),
            Auth::Cookie(&cookie),
        )
        .await;
    assert_eq!(sub.status, StatusCode::CREATED, "{}", sub.json);
    let (chat_url, chat, _) = webhook_receiver(0).await;
    app.send(
        Method::POST,
        "/api/me/subscriptions",
        Some(json!({"channel": "webhook", "address": chat_url, "format": "chat"})),
        Auth::Cookie(&cookie),
    )
    .await;
    let customer_hook = webhook_receiver(0).await;
    app.send(
        Method::POST,
        "/api/subscribers",
        Some(json!({"webhook_url": customer_hook.0})),
        Auth::None,
    )
    .await;

    let (id, version, token) = demo_incident(&app).await;
    let path = format!("/api/incidents/{id}/updates");
    let r = app
        .send(
            Method::POST,
            &path,
            Some(
                json!({"version": version, "status": "identified", "audience": "internal",
            "body": "db-3 pool raised to 400; watching saturation."}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app
        .send(Method::POST, &path, Some(json!({"version": version + 1, "status": "identified", "body": "We are adding capacity."})), Auth::Bearer(&token))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    eventually("two staff emails", || mails_to(&inbox, staff).len() == 2).await;
    let notice = &unquote(&mails_to(&inbox, staff)[0].raw);
    assert!(
        notice.contains("OPS-142 - Sev 2 - Connection pool exhaustion"),
        "{notice}"
    );
    assert!(notice.contains("db-3 pool raised to 400"));
    assert!(notice.contains("Incident manager: Dana Okafor"));
    assert!(notice.contains("/portal/incidents/"));
    eventually("two chat messages", || chat.lock().unwrap().len() == 2).await;
    assert!(chat.lock().unwrap()[0].body["text"]
        .as_str()
        .unwrap()
        .contains("OPS-142"));

    // The customer's webhook got only the public update, in Statuspage's shape.
    eventually("the customer webhook", || {
        customer_hook.1.lock().unwrap().len() == 1
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let hooks = customer_hook.1.lock().unwrap().clone();
    assert_eq!(hooks.len(), 1);
    let body = &hooks[0].body;
    assert!(body["meta"]["unsubscribe"]
        .as_str()
        .unwrap()
        .contains("/api/subscribers/unsubscribe?token="));
    assert_eq!(body["page"]["name"], "Acme Cloud");
    assert_eq!(
        body["incident"]["incident_updates"][0]["body"],
        "We are adding capacity."
    );
    let text = body.to_string();
    assert!(
        !text.contains("OPS-142") && !text.contains("db-3 pool"),
        "internal text in a customer webhook"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn component_scoped_subscribers_get_only_their_components_and_retries_deliver_once() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (smtp, _inbox) = smtp_server();
    start_worker(&app, smtp);
    let summary = app.get("/api/v2/summary.json").await.json;
    let id_of = |name: &str| {
        summary["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    let (website_url, website_hooks, _) = webhook_receiver(0).await;
    let (email_url, email_hooks, refused) = webhook_receiver(3).await;
    for (url, component) in [(&website_url, "Website"), (&email_url, "Email delivery")] {
        let r = app
            .send(
                Method::POST,
                "/api/subscribers",
                Some(json!({"webhook_url": url, "components": [id_of(component)]})),
                Auth::None,
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.json);
    }
    // A subscription to no component at all is refused, not stored.
    let none = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"webhook_url": website_url, "components": []})),
            Auth::None,
        )
        .await;
    assert_eq!(
        none.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        none.json
    );
    assert_eq!(none.json["field"], "components");
    let (viewer, password) = app.user(Role::Viewer);
    let cookie = app.login(&viewer.email, &password).await;
    let none = app
        .send(
            Method::POST,
            "/api/me/subscriptions",
            Some(json!({"channel": "webhook", "address": email_url, "components": []})),
            Auth::Cookie(&cookie),
        )
        .await;
    assert_eq!(
        none.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        none.json
    );
    assert_eq!(none.json["field"], "components");

    let token = app.token(Role::Publisher).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(
                json!({"issue_key": "OPS-200", "title": "Emails are delayed",
            "summary": "relay queue", "severity": 3, "message": "Some emails are delayed.",
            "components": [{"id": id_of("Email delivery"), "status": "degraded_performance"}]}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    eventually("the email-delivery webhook after three refusals", || {
        email_hooks.lock().unwrap().len() == 1
    })
    .await;
    assert_eq!(*refused.lock().unwrap(), 3);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        email_hooks.lock().unwrap().len(),
        1,
        "delivered more than once"
    );
    assert!(
        website_hooks.lock().unwrap().is_empty(),
        "a Website subscriber got an Email delivery incident"
    );
    let hook = email_hooks.lock().unwrap()[0].clone();
    assert_eq!(hook.body["incident"]["name"], "Emails are delayed");

    let admin = app.token(Role::Admin).await;
    let deliveries = app
        .send(Method::GET, "/api/deliveries", None, Auth::Bearer(&admin))
        .await
        .json;
    let row = deliveries
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["idempotency_key"] == hook.key.as_str())
        .unwrap();
    assert_eq!(row["status"], "delivered");
    assert_eq!(row["attempts"], 4);
    assert_eq!(row["channel"], "webhook");
    assert_eq!(row["format"], "statuspage");
    assert!(
        row["next_attempt_at"].is_null(),
        "nothing due once delivered"
    );
    assert_eq!(row["subject"], "Emails are delayed");
}

#[tokio::test]
async fn the_staff_atom_feed_carries_notices_and_refuses_wrong_or_revoked_tokens() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (viewer, password) = app.user(Role::Viewer);
    let cookie = app.login(&viewer.email, &password).await;
    let feed = app
        .send(Method::POST, "/api/me/feed", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(feed.status, StatusCode::CREATED);
    let url = feed.json["url"].as_str().unwrap().to_owned();
    let path = &url[url.find("/api/").unwrap()..];
    let reply = app.get(path).await;
    assert_eq!(reply.status, StatusCode::OK);
    let atom = atom_syndication::Feed::read_from(&reply.bytes[..]).expect("well-formed Atom");
    assert!(atom
        .entries()
        .iter()
        .any(|e| e.title().as_str().contains("OPS-142 - Sev 2")));
    assert!(!atom.id().is_empty() && atom.links().iter().any(|l| l.rel() == "self"));

    assert_eq!(
        app.get("/api/feeds/staff/not-the-token.atom").await.status,
        StatusCode::NOT_FOUND
    );
    let again = app
        .send(Method::POST, "/api/me/feed", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(
        app.get(path).await.status,
        StatusCode::NOT_FOUND,
        "the old address must stop working"
    );
    let new_url = again.json["url"].as_str().unwrap().to_owned();
    let new_path = &new_url[new_url.find("/api/").unwrap()..];
    assert_eq!(app.get(new_path).await.status, StatusCode::OK);
    app.send(Method::DELETE, "/api/me/feed", None, Auth::Cookie(&cookie))
        .await;
    assert_eq!(app.get(new_path).await.status, StatusCode::NOT_FOUND);
    // Drills are labelled.
    let token = app.token(Role::Publisher).await;
    app.send(
        Method::POST,
        "/api/incidents",
        Some(
            json!({"issue_key": "DRILL-1", "title": "Drill", "summary": "game day",
        "severity": 1, "message": "Drill started.", "drill": true}),
        ),
        Auth::Bearer(&token),
    )
    .await;
    let notices = app
        .send(Method::GET, "/api/notices", None, Auth::Cookie(&cookie))
        .await
        .json;
    assert_eq!(notices[0]["drill"], true);
    assert_eq!(notices[0]["visibility"], "internal");
    // A notice carries what staff need: components and roles.
    let open = notices
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["issue_key"] == "OPS-142")
        .unwrap();
    assert!(open["components"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "API"));
    assert!(open["roles"]["incident_manager"].is_string(), "{open}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_subscribers_are_reminded_before_and_told_at_start_and_end() {
    let app = TestApp::new().allowing_private_webhooks();
    let (smtp, _inbox) = smtp_server();
    start_worker(&app, smtp);
    let token = app.token(Role::Publisher).await;
    let db = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "Database"})),
            Auth::Bearer(&token),
        )
        .await
        .json;
    let (url, hooks, _) = webhook_receiver(0).await;
    app.send(
        Method::POST,
        "/api/subscribers",
        Some(json!({"webhook_url": url})),
        Auth::None,
    )
    .await;
    let start = app.now() + chrono::Duration::seconds(2);
    let m = app
        .send(
            Method::POST,
            "/api/maintenances",
            Some(json!({"name": "Database upgrade", "body": "We upgrade the database.", "components": [db["id"]],
                "scheduled_for": herald_model::time::format(&start),
                "scheduled_until": herald_model::time::format(&(start + chrono::Duration::seconds(1)))})),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.json);
    app.state
        .spawn_maintenance_clock(Duration::from_millis(100));
    eventually("announcement, reminder, start and end", || {
        hooks.lock().unwrap().len() >= 4
    })
    .await;
    let hooks = hooks.lock().unwrap().clone();
    let reminder = hooks
        .iter()
        .find(|h| h.body["meta"]["reminder"] == true)
        .expect("a reminder");
    assert_eq!(
        reminder.body["scheduled_maintenance"]["name"],
        "Database upgrade"
    );
    let statuses: Vec<&str> = hooks
        .iter()
        .filter_map(|h| h.body["scheduled_maintenance"]["incident_updates"][0]["status"].as_str())
        .collect();
    for expected in ["scheduled", "in_progress", "completed"] {
        assert!(
            statuses.contains(&expected),
            "no {expected} message: {statuses:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_can_follow_internal_only_components_customers_cannot_name_them() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (smtp, inbox) = smtp_server();
    start_worker(&app, smtp);
    let admin = app.token(Role::Admin).await;
    let internal = app
        .send(
            Method::POST,
            "/api/components",
            Some(json!({"name": "Billing batch jobs", "internal_only": true})),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(internal.status, StatusCode::CREATED, "{}", internal.json);
    let internal_id = internal.json["id"].as_str().unwrap().to_owned();

    // Customers cannot scope to it: to them it does not exist.
    let customer = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"email": "someone@example.com", "components": [internal_id]})),
            Auth::None,
        )
        .await;
    assert_eq!(
        customer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        customer.json
    );
    assert_eq!(customer.json["field"], "components[0]");

    // Staff can; one follows only it, another only a public component.
    let (viewer, password) = app.user(Role::Viewer);
    let cookie = app.login(&viewer.email, &password).await;
    let (follower, bystander) = ("billing-oncall@example.com", "web-oncall@example.com");
    let summary = app.get("/api/v2/summary.json").await.json;
    let website = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Website")
        .unwrap()["id"]
        .clone();
    for (address, scope) in [
        (follower, json!([internal_id])),
        (bystander, json!([website])),
    ] {
        let sub = app
            .send(
                Method::POST,
                "/api/me/subscriptions",
                Some(json!({"channel": "email", "address": address, "components": scope})),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(sub.status, StatusCode::CREATED, "{address}: {}", sub.json);
    }

    let publisher = app.token(Role::Publisher).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(json!({"issue_key": "FIN-7", "title": "Invoices late", "summary": "The nightly invoice run is stuck.",
                "severity": 3, "message": "m", "visibility": "internal",
                "components": [{"id": internal_id, "status": "major_outage"}]})),
            Auth::Bearer(&publisher),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    eventually("the notice to the follower", || {
        mails_to(&inbox, follower).len() == 1
    })
    .await;
    let notice = unquote(&mails_to(&inbox, follower)[0].raw);
    assert!(notice.contains("[INTERNAL ONLY] FIN-7"), "{notice}");
    assert!(notice.contains("Billing batch jobs"), "{notice}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        mails_to(&inbox, bystander).is_empty(),
        "a notice outside the subscription's scope"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_hear_of_a_new_detection_once_customers_never() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (smtp, inbox) = smtp_server();
    start_worker(&app, smtp);
    let (viewer, password) = app.user(Role::Viewer);
    let cookie = app.login(&viewer.email, &password).await;
    let staff = "oncall@example.com";
    let sub = app
        .send(
            Method::POST,
            "/api/me/subscriptions",
            Some(json!({"channel": "email", "address": staff})),
            Auth::Cookie(&cookie),
        )
        .await;
    assert_eq!(sub.status, StatusCode::CREATED, "{}", sub.json);
    let customer = webhook_receiver(0).await;
    app.send(
        Method::POST,
        "/api/subscribers",
        Some(json!({"webhook_url": customer.0})),
        Auth::None,
    )
    .await;

    let monitor = app.token(Role::Publisher).await;
    let alert = json!({"source": "grafana", "fingerprint": "cpu-1", "summary": "CPU above 95% on web-3\nfor 10 minutes"});
    let first = app
        .send(
            Method::POST,
            "/api/detections",
            Some(alert.clone()),
            Auth::Bearer(&monitor),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    eventually("the staff notice", || mails_to(&inbox, staff).len() == 1).await;
    let mail = unquote(&mails_to(&inbox, staff)[0].raw);
    assert!(
        mail.contains("Detected by grafana: CPU above 95% on web-3"),
        "{mail}"
    );
    assert!(
        mail.contains(&format!(
            "/portal/declare?detection={}",
            first.json["id"].as_str().unwrap()
        )),
        "{mail}"
    );
    // The same alert again refreshes the detection; nobody is told twice.
    let again = app
        .send(
            Method::POST,
            "/api/detections",
            Some(alert),
            Auth::Bearer(&monitor),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(mails_to(&inbox, staff).len(), 1);
    assert!(
        customer.1.lock().unwrap().is_empty(),
        "a customer heard of a detection"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_customer_message_is_new_and_carries_the_page_status_at_that_moment() {
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (smtp, _inbox) = smtp_server();
    start_worker(&app, smtp);
    let (hook_url, hooks, _) = webhook_receiver(0).await;
    let r = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"webhook_url": hook_url})),
            Auth::None,
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.json);
    let summary = app.get("/api/v2/summary.json").await.json;
    let website = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Website")
        .unwrap()["id"]
        .clone();
    let token = app.token(Role::Publisher).await;
    // An internal first notice goes before the first public message.
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(
                json!({"issue_key": "OPS-300", "title": "The website is down",
                "summary": "CDN origin unreachable", "severity": 1,
                "message": "The website does not load.",
                "internal_message": "OPS-300 - Sev 1: origin pool empty.",
                "components": [{"id": website, "status": "major_outage"}]}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    eventually("the customer webhook", || !hooks.lock().unwrap().is_empty()).await;
    let hook = hooks.lock().unwrap()[0].clone();
    assert_eq!(hook.body["incident"]["name"], "The website is down");
    // The page's status as the message left: a major outage.
    assert_eq!(hook.body["page"]["status_indicator"], "critical");
    assert_eq!(
        hook.body["page"]["status_description"],
        "Major Service Outage"
    );
    let status = app.get("/api/v2/status.json").await.json;
    assert_eq!(status["status"]["indicator"], "critical");
    let admin = app.token(Role::Admin).await;
    let deliveries = app
        .send(Method::GET, "/api/deliveries", None, Auth::Bearer(&admin))
        .await
        .json;
    let row = deliveries
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["idempotency_key"] == hook.key.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["kind"], "new", "{row}");
}

#[tokio::test]
async fn webhooks_to_inside_addresses_are_refused_at_subscribe_time_in_every_spelling() {
    // As `herald serve` runs by default: no --allow-private-webhooks.
    let app = TestApp::with_demo();
    let staff = app.token(Role::Viewer).await;
    for url in [
        "http://127.0.0.1:22/",
        "http://localhost:6379/",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::1]/",
        "http://0x7f.0.0.1/",
        "http://2130706433/",
        "http://017700000001/",
        "http://10.1.2.3/hook",
        "http://172.20.0.1/hook",
        "http://192.168.1.10/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "https://admin:secret@hooks.example.com/x",
    ] {
        let customer = app
            .send(
                Method::POST,
                "/api/subscribers",
                Some(json!({"webhook_url": url})),
                Auth::None,
            )
            .await;
        assert_eq!(
            customer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{url}: {}",
            customer.json
        );
        assert_eq!(customer.json["field"], "webhook_url", "{url}");
        let own = app
            .send(
                Method::POST,
                "/api/me/subscriptions",
                Some(json!({"channel": "webhook", "address": url})),
                Auth::Bearer(&staff),
            )
            .await;
        assert_eq!(
            own.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{url}: {}",
            own.json
        );
        assert_eq!(own.json["field"], "address", "{url}");
    }
    // A public address is taken.
    let ok = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"webhook_url": "http://93.184.216.34/hook"})),
            Auth::None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::ACCEPTED, "{}", ok.json);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_to_an_inside_address_is_never_sent() {
    // The subscription was taken while private webhooks were allowed (or
    // its name resolved elsewhere then); delivery checks again.
    let app = TestApp::with_demo().allowing_private_webhooks();
    let (hook_url, hooks, _) = webhook_receiver(0).await;
    let r = app
        .send(
            Method::POST,
            "/api/subscribers",
            Some(json!({"webhook_url": hook_url})),
            Auth::None,
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.json);
    let mut config = DeliveryConfig::new(None, "Status <status@example.com>").unwrap();
    config.retry_base = Duration::from_millis(20);
    config.max_attempts = 2;
    // The worker as `herald serve` runs it by default.
    spawn_worker(app.state.clone(), config, Duration::from_millis(20));
    let token = app.token(Role::Publisher).await;
    let declared = app
        .send(
            Method::POST,
            "/api/incidents",
            Some(
                json!({"issue_key": "OPS-310", "title": "Slow pages", "summary": "s",
                "severity": 3, "message": "Pages are slow."}),
            ),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.json);
    let admin = app.token(Role::Admin).await;
    let mut failed = Value::Null;
    for _ in 0..200 {
        let deliveries = app
            .send(Method::GET, "/api/deliveries", None, Auth::Bearer(&admin))
            .await
            .json;
        if let Some(d) = deliveries
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["address"] == hook_url.as_str() && d["status"] == "failed")
        {
            failed = d.clone();
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(failed.is_object(), "the delivery was failed");
    assert!(
        failed["last_error"]
            .as_str()
            .unwrap()
            .contains("not a public internet address"),
        "{failed}"
    );
    assert!(hooks.lock().unwrap().is_empty(), "the receiver was called");
}
