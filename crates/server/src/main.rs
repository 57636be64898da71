//! The `herald` command: `serve`, `export` and `user add`.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use herald_model::api::Role;
use herald_model::portal::NewUser;
use herald_server::delivery::DeliveryConfig;
use herald_server::demo;
use herald_server::store::{in_transaction, settings, users, Store};
use herald_server::{auth, export, AppState};
use std::io::{IsTerminal, Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Herald: status page and incident communication portal"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the status page, the portal, the public documents and the API.
    Serve {
        /// Directory for the database and the rendered public documents.
        #[arg(long, default_value = "./herald-data", env = "HERALD_DATA")]
        data: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", env = "HERALD_LISTEN")]
        listen: SocketAddr,
        /// The built web app (trunk's output directory).
        #[arg(long, default_value = "./dist", env = "HERALD_WEB")]
        web: PathBuf,
        /// The page's public URL (for permalinks); `http://<listen>` when absent.
        #[arg(long, env = "HERALD_PUBLIC_URL")]
        public_url: Option<String>,
        /// On first start, seed a realistic demo page and a demo admin account.
        #[arg(long)]
        demo: bool,
        /// SMTP server for email notices: `smtp://host:25`,
        /// `smtp://user:password@host:587?tls=required`, or `smtps://host`.
        #[arg(long, env = "HERALD_SMTP")]
        smtp: Option<String>,
        /// The sender of every email.
        #[arg(
            long,
            default_value = "Herald <herald@localhost>",
            env = "HERALD_MAIL_FROM"
        )]
        mail_from: String,
        /// Delay before retrying a failed delivery, in milliseconds (doubles each time).
        #[arg(long, default_value_t = 2000)]
        retry_base_ms: u64,
        /// Let webhooks go to loopback, private and link-local addresses
        /// (receivers on your own network). Off by default: a public page
        /// must not let anyone make Herald call inside addresses.
        #[arg(long)]
        allow_private_webhooks: bool,
    },
    /// Write the web app and every public document into a directory that any
    /// static file server can serve, with no Herald process.
    Export {
        /// Directory holding the database.
        #[arg(long, default_value = "./herald-data", env = "HERALD_DATA")]
        data: PathBuf,
        /// Output directory (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The built web app (trunk's output directory).
        #[arg(long, default_value = "./dist", env = "HERALD_WEB")]
        web: PathBuf,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user. The password is read from standard input; when standard
    /// input is a terminal or empty, one is generated and printed once.
    Add {
        /// Email address (the login).
        #[arg(long)]
        email: String,
        /// What the user may do.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Display name; the part of the email before `@` when absent.
        #[arg(long)]
        name: Option<String>,
        /// Directory holding the database.
        #[arg(long, default_value = "./herald-data", env = "HERALD_DATA")]
        data: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Viewer,
    Publisher,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Viewer => Role::Viewer,
            RoleArg::Publisher => Role::Publisher,
            RoleArg::Admin => Role::Admin,
        }
    }
}

/// Email of the account `--demo` creates.
const DEMO_EMAIL: &str = "demo@herald.test";
/// File in the data directory holding the demo account's password.
const DEMO_LOGIN_FILE: &str = "demo-login.txt";

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "herald=info,herald_server=info".into()),
        )
        .init();
    match Cli::parse().command {
        Command::Serve {
            data,
            listen,
            web,
            public_url,
            demo,
            smtp,
            mail_from,
            retry_base_ms,
            allow_private_webhooks,
        } => {
            let follow = public_url.is_some();
            let url = public_url.unwrap_or_else(|| format!("http://{listen}"));
            let runtime = tokio::runtime::Runtime::new()?;
            // lettre's SMTP transport starts its connection pool when built,
            // which needs the runtime it will run on.
            let mut delivery = {
                let _inside = runtime.enter();
                DeliveryConfig::new(smtp.as_deref(), &mail_from)?
            };
            delivery.retry_base = std::time::Duration::from_millis(retry_base_ms);
            delivery.allow_private = allow_private_webhooks;
            serve(runtime, &data, listen, web, (&url, follow), demo, delivery)
        }
        Command::Export { data, out, web } => {
            let n = export::export(&data, &web, &out, chrono::Utc::now())?;
            println!(
                "Exported the web app and {n} public documents to {}",
                out.display()
            );
            println!(
                "Serve that directory from any static host, e.g.: python3 -m http.server -d {}",
                out.display()
            );
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    name,
                    data,
                },
        } => add_user(&data, &email, role.into(), name),
    }
}

fn read_password() -> anyhow::Result<Option<String>> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let mut text = String::new();
    stdin.lock().read_to_string(&mut text)?;
    let password = text.lines().next().unwrap_or("").to_owned();
    Ok((!password.is_empty()).then_some(password))
}

fn add_user(data: &Path, email: &str, role: Role, name: Option<String>) -> anyhow::Result<()> {
    let email = email.trim();
    let given = read_password()?;
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned());
    // The same rules as `POST /api/users`.
    NewUser {
        email: email.to_owned(),
        name: name.clone(),
        role,
        password: given.clone(),
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("{}: {}", e.field, e.message))?;
    let (password, generated) = match given {
        Some(p) => (p, false),
        None => (auth::new_password(), true),
    };
    let hash = auth::hash_password(&password)?;
    let store = Store::open(data, chrono::Utc::now())?;
    let user = in_transaction(&mut store.lock(), |tx| {
        users::create(tx, "cli", email, &name, role, &hash, chrono::Utc::now())
    })
    .with_context(|| format!("adding {email}"))?;
    println!("Added {} ({}) as {}.", user.email, user.name, user.role);
    if generated {
        println!("Password (shown this once): {password}");
    }
    Ok(())
}

/// Seeds the demo page and account on first start; returns the demo
/// password if this data directory has a demo account.
fn seed_demo(data: &Path, state: &AppState, url: &str) -> anyhow::Result<Option<String>> {
    let login_file = data.join(DEMO_LOGIN_FILE);
    let mut conn = state.store.lock();
    if demo::is_empty(&conn)? {
        let password = auth::new_password();
        let hash = auth::hash_password(&password)?;
        let now = chrono::Utc::now();
        let user = match users::find_by_email(&conn, DEMO_EMAIL)? {
            Some((user, _)) => user,
            None => in_transaction(&mut conn, |tx| {
                users::create(
                    tx,
                    "system",
                    DEMO_EMAIL,
                    "Demo Admin",
                    Role::Admin,
                    &hash,
                    now,
                )
            })?,
        };
        demo::seed(&mut conn, &user, url, now)?;
        std::fs::write(&login_file, format!("{password}\n"))?;
        tracing::info!("seeded the demo page");
    }
    drop(conn);
    state.republish_all()?;
    Ok(std::fs::read_to_string(&login_file)
        .ok()
        .map(|p| p.trim().to_owned()))
}

fn serve(
    runtime: tokio::runtime::Runtime,
    data: &Path,
    listen: SocketAddr,
    web: PathBuf,
    (url, follow): (&str, bool),
    demo: bool,
    delivery: DeliveryConfig,
) -> anyhow::Result<()> {
    if !web.join("index.html").exists() {
        tracing::warn!(dir = %web.display(), "no built web app found; the API and documents work, the page will not (build it with `scripts/build-web.sh`)");
    }
    let mut state = AppState::open(data, web)?;
    state.allow_private_webhooks = delivery.allow_private;
    state.https = url.starts_with("https://");
    let demo_password = if demo {
        seed_demo(data, &state, url)?
    } else {
        None
    };
    if follow {
        // The page is where the operator says customers read it.
        let public_url = url.to_owned();
        runtime
            .block_on(state.write(move |tx, now| settings::follow_public_url(tx, &public_url, now)))
            .map_err(|e| anyhow::anyhow!("setting the page's URL: {}", e.body.message))?;
    }
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        state.spawn_refresher();
        state.spawn_maintenance_clock(std::time::Duration::from_secs(5));
        herald_server::delivery::spawn_worker(
            state.clone(),
            delivery,
            std::time::Duration::from_millis(500),
        );
        print_banner(url, data, demo_password.as_deref());
        // With connection info: the rate limits count per client address.
        let app =
            herald_server::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok(())
    })
}

/// Tells the operator where Herald runs and how to sign in. Write errors
/// are ignored: a closed standard output must not stop the server.
fn print_banner(url: &str, data: &Path, demo_password: Option<&str>) {
    let mut text = format!(
        "Herald is running at {url}/\n  public documents: {url}/api/v2/summary.json   API description: {url}/api/openapi.json\n"
    );
    match demo_password {
        Some(password) => text.push_str(&format!(
            "  (e.g. curl -c jar -H 'content-type: application/json' -d '{{\"email\":\"{DEMO_EMAIL}\",\"password\":\"{password}\"}}' {url}/api/session)\n  sign in as {DEMO_EMAIL} with password {password}\n"
        )),
        None => text.push_str(&format!(
            "  add an account with: herald user add --data {} --email you@example.com --role admin\n",
            data.display()
        )),
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("installing the SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
