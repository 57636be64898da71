//! Prepares a data directory for the benchmarks: the demo page, a long
//! history of resolved incidents, and an admin account. Prints the account
//! as JSON (`{"email": …, "password": …}`).
//!
//! `cargo run --profile server -p herald-server --example seed_history -- DATA_DIR INCIDENTS`

use herald_model::api::Role;
use herald_server::auth;
use herald_server::demo;
use herald_server::store::{in_transaction, users, Store};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(data), Some(n)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: seed_history DATA_DIR INCIDENTS");
    };
    let n: usize = n.parse()?;
    let now = chrono::Utc::now();
    let store = Store::open(std::path::Path::new(&data), now)?;
    let password = auth::new_password();
    let hash = auth::hash_password(&password)?;
    let mut conn = store.lock();
    let email = "bench@herald.test";
    let admin = in_transaction(&mut conn, |tx| {
        users::create(tx, "cli", email, "Bench", Role::Admin, &hash, now)
    })?;
    demo::seed(&mut conn, &admin, "http://127.0.0.1", now)?;
    demo::seed_history(&mut conn, &admin, "API", n, 5 * 365, now)?;
    println!(
        "{}",
        serde_json::json!({ "email": email, "password": password })
    );
    Ok(())
}
