//! No notice is lost and none is sent twice when the server is killed with
//! `kill -9` while deliveries are pending: the real binary, a real webhook
//! receiver on loopback, and SIGKILL.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const HERALD: &str = env!("CARGO_BIN_EXE_herald");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `herald serve --demo` and returns it with its port and the demo password.
fn serve(data: &std::path::Path, port: u16) -> (Child, String) {
    let mut child = Command::new(HERALD)
        .args([
            "serve",
            "--demo",
            "--retry-base-ms",
            "100",
            // The receiver is on loopback.
            "--allow-private-webhooks",
            "--web",
            "/nonexistent",
            "--listen",
        ])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data")
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let password = loop {
        let line = lines.next().expect("herald exited").unwrap();
        if let Some(rest) = line.split("with password ").nth(1) {
            break rest.trim().to_owned();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    (child, password)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_dash_nine_with_pending_deliveries_loses_nothing_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let (mut herald, password) = serve(&data, port);
    let client = reqwest::Client::new();

    // The receiver is down at first: deliveries stay pending.
    let hook_port = free_port();
    let hook_url = format!("http://127.0.0.1:{hook_port}/hook");
    let r = client
        .post(format!("{base}/api/subscribers"))
        .json(&serde_json::json!({"webhook_url": hook_url}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let login = client
        .post(format!("{base}/api/session"))
        .json(&serde_json::json!({"email": "demo@herald.test", "password": password}))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let incidents: serde_json::Value = client
        .get(format!("{base}/api/incidents"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let open = &incidents[0];
    let id = open["id"].as_str().unwrap();
    let mut version = open["version"].as_i64().unwrap();
    for i in 0..5 {
        let r = client
            .post(format!("{base}/api/incidents/{id}/updates"))
            .header("cookie", &cookie)
            .json(&serde_json::json!({"version": version, "status": if i % 2 == 0 { "monitoring" } else { "identified" },
                "body": format!("Update number {i}.")}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        version = r.json::<serde_json::Value>().await.unwrap()["version"]
            .as_i64()
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    let deliveries: serde_json::Value = client
        .get(format!("{base}/api/deliveries"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let waiting: Vec<&serde_json::Value> = deliveries
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["address"] == hook_url.as_str())
        .collect();
    assert_eq!(waiting.len(), 5, "{deliveries}");
    for d in waiting {
        assert_eq!(d["status"], "pending", "{d}");
        assert_eq!(d["channel"], "webhook", "{d}");
        assert!(d["next_attempt_at"].is_string(), "a retry is due: {d}");
    }
    herald.kill().unwrap(); // SIGKILL
    herald.wait().unwrap();

    // The receiver comes up on the address subscribed; the server restarts.
    let (url, received, _) = common::webhook_receiver_on(hook_port, 0).await;
    assert_eq!(url, hook_url);
    let (mut herald, _) = serve(&data, port);
    for _ in 0..200 {
        if received.lock().unwrap().len() >= 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    herald.kill().unwrap();
    herald.wait().unwrap();
    let hooks = received.lock().unwrap().clone();
    let keys: HashSet<&str> = hooks.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys.len(), 5, "every notice arrives");
    assert_eq!(hooks.len(), 5, "none arrives twice");
    let bodies: HashSet<String> = hooks
        .iter()
        .map(|h| {
            h.body["incident"]["incident_updates"][0]["body"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(bodies.len(), 5);
}
