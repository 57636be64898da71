//! The `herald` binary as an operator uses it: `serve --demo` on a real
//! port, `user add` with a password from standard input or generated, and
//! `export`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const HERALD: &str = env!("CARGO_BIN_EXE_herald");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `herald serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stdout: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(data: &std::path::Path, demo: bool) -> Server {
    serve_with(data, demo, &[])
}

fn serve_with(data: &std::path::Path, demo: bool, extra: &[&str]) -> Server {
    let port = free_port();
    let mut cmd = Command::new(HERALD);
    cmd.args([
        "serve",
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--web",
        "/nonexistent",
    ])
    .arg("--data")
    .arg(data)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if demo {
        cmd.arg("--demo");
    }
    cmd.args(extra);
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    // The banner ends with the sign-in line; read until it is there.
    while Instant::now() < deadline {
        let line = lines.next().expect("herald serve exited early").unwrap();
        let done = line.contains("sign in as") || line.contains("herald user add");
        stdout.push(line);
        if done {
            break;
        }
    }
    // Keep draining what the server prints, as a terminal would.
    std::thread::spawn(move || lines.for_each(drop));
    Server {
        child,
        port,
        stdout,
    }
}

/// A minimal HTTP/1.1 exchange; returns (status, body).
fn http(port: u16, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn demo_password(server: &Server) -> String {
    let line = server
        .stdout
        .iter()
        .find(|l| l.contains("sign in as"))
        .expect("sign-in line");
    line.split_whitespace().last().unwrap().to_owned()
}

#[test]
fn serve_demo_prints_the_url_and_a_working_login_and_seeds_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = serve(&data, true);
    let url_line = &server.stdout[0];
    assert!(
        url_line.contains(&format!("http://127.0.0.1:{}/", server.port)),
        "{url_line}"
    );
    let (status, body) = http(server.port, "GET", "/api/v2/summary.json", None);
    assert_eq!(status, 200);
    assert!(body.contains("\"name\":\"Acme Cloud\""), "{body}");
    let password = demo_password(&server);
    let login = format!(r#"{{"email":"demo@herald.test","password":"{password}"}}"#);
    assert_eq!(
        http(server.port, "POST", "/api/session", Some(&login)).0,
        200
    );
    let components_before = http(server.port, "GET", "/api/v2/components.json", None).1;
    drop(server);

    // A restart keeps the data and the login, and does not seed twice.
    let again = serve(&data, true);
    assert_eq!(demo_password(&again), password);
    let components_after = http(again.port, "GET", "/api/v2/components.json", None).1;
    assert_eq!(components_before, components_after);
}

#[test]
fn serve_with_an_smtp_server_starts_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = format!("smtp://127.0.0.1:{}", free_port());
    let server = serve_with(&dir.path().join("data"), true, &["--smtp", &smtp]);
    let (status, _) = http(server.port, "GET", "/api/v2/summary.json", None);
    assert_eq!(status, 200);
}

#[test]
fn the_page_is_where_public_url_says_also_without_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = serve_with(
        &data,
        false,
        &["--public-url", "https://status.example.com/"],
    );
    let (status, body) = http(server.port, "GET", "/api/v2/summary.json", None);
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["page"]["url"], "https://status.example.com");
    drop(server);
    // Started again without it, the page stays where it was put.
    let server = serve(&data, false);
    let (_, body) = http(server.port, "GET", "/api/v2/status.json", None);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["page"]["url"], "https://status.example.com");
}

#[test]
fn user_add_reads_the_password_from_stdin_or_generates_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let add = |email: &str, role: &str, stdin: &str| {
        let mut child = Command::new(HERALD)
            .args(["user", "add", "--email", email, "--role", role, "--data"])
            .arg(&data)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let given = add("pat@example.com", "publisher", "correct horse battery\n");
    assert!(
        given.status.success(),
        "{}",
        String::from_utf8_lossy(&given.stderr)
    );
    let out = String::from_utf8(given.stdout).unwrap();
    assert!(out.contains("Added pat@example.com"), "{out}");
    assert!(
        !out.contains("Password"),
        "a given password is not echoed: {out}"
    );

    let generated = add("vic@example.com", "viewer", "");
    let out = String::from_utf8(generated.stdout).unwrap();
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown this once): "))
        .expect("generated password printed")
        .to_owned();

    let duplicate = add("pat@example.com", "admin", "another password\n");
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));
    let short = add("sam@example.com", "admin", "short\n");
    assert!(!short.status.success());

    let server = serve(&data, false);
    for (email, pw) in [
        ("pat@example.com", "correct horse battery"),
        ("vic@example.com", password.as_str()),
    ] {
        let body = format!(r#"{{"email":"{email}","password":"{pw}"}}"#);
        let (status, reply) = http(server.port, "POST", "/api/session", Some(&body));
        assert_eq!(status, 200, "{email}: {reply}");
    }
}

#[test]
fn export_writes_the_app_and_documents_for_a_static_host() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let web = dir.path().join("web");
    std::fs::create_dir_all(web.join("assets")).unwrap();
    std::fs::write(web.join("index.html"), "<!doctype html>app").unwrap();
    std::fs::write(web.join("assets/app.css"), "body{}").unwrap();
    std::fs::create_dir_all(web.join("portal")).unwrap();
    std::fs::write(web.join("portal/index.html"), "<!doctype html>portal").unwrap();
    std::fs::create_dir_all(web.join("more")).unwrap();
    let more = "<!doctype html><title>more</title><body></body>";
    std::fs::write(web.join("more/index.html"), more).unwrap();
    drop(serve(&data, true));

    let out = dir.path().join("site");
    let result = Command::new(HERALD)
        .args(["export", "--data"])
        .arg(&data)
        .arg("--web")
        .arg(&web)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(out.join("index.html").exists() && out.join("assets/app.css").exists());
    // The portal needs the server: a static copy leaves it out.
    assert!(!out.join("portal").exists());
    // The history and subscription pages are the second app's page with
    // the page rendered in, where static hosts look for /history and
    // /subscribe; the app's own page is copied as it is.
    for (page, title, text) in [
        (
            "history.html",
            "Incident history · Acme Cloud",
            "history-month",
        ),
        (
            "subscribe.html",
            "Subscribe to updates · Acme Cloud",
            "Webhooks",
        ),
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains(&format!("<title>{title}</title>")),
            "{page}: {html}"
        );
        assert!(
            html.contains(r#"<div id="herald-app">"#) && html.contains(text),
            "{page}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(out.join("more/index.html")).unwrap(),
        more
    );
    for path in herald_model::v2::paths::ALL {
        let text = std::fs::read_to_string(out.join(&path[1..])).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["page"]["name"], "Acme Cloud", "{path}");
    }

    let missing = Command::new(HERALD)
        .args(["export", "--data", "/nonexistent/data", "--out"])
        .arg(dir.path().join("x"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no Herald database"));
}
