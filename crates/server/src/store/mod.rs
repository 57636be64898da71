//! Storage: the only module that touches the embedded database.
//!
//! Herald keeps everything in one SQLite file (`DATA/herald.db`, WAL mode).
//! Writes run inside one transaction each, serialised by a mutex around the
//! single connection; the caller re-renders the public documents after the
//! commit while still holding the lock, so documents are always rendered in
//! commit order. Schema migrations are embedded and applied on open.
//!
//! Rules (which transitions are allowed, what a valid request is) come from
//! `herald_model`; this module enforces only what needs stored state:
//! existence, uniqueness and versions.

pub mod archive;
pub mod audit;
pub mod components;
pub mod detections;
pub mod drafts;
pub mod incidents;
pub mod key_forms;
pub mod maintenance;
pub mod notify;
pub mod page;
pub mod public;
pub mod settings;
pub mod templates;
pub mod users;

use chrono::{DateTime, Utc};
use herald_model::api::FieldError;
use rand::Rng;
/// The database handles the rest of the server passes around (SQL itself
/// stays in this module).
pub use rusqlite::{Connection, Transaction};
use rusqlite::{OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The embedded migrations, applied in order; `PRAGMA user_version` records
/// how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_portal.sql"),
    include_str!("migrations/0003_subscriptions.sql"),
    include_str!("migrations/0004_open_incidents_index.sql"),
    include_str!("migrations/0005_detections.sql"),
    include_str!("migrations/0006_public_state.sql"),
    include_str!("migrations/0007_key_forms_and_republish.sql"),
    include_str!("migrations/0008_versions.sql"),
];

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The named object does not exist.
    #[error("{what} '{id}' does not exist")]
    NotFound {
        /// Kind of object, e.g. "incident".
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The write was based on a stale version, or breaks a uniqueness rule.
    #[error("{0}")]
    Conflict(String),
    /// The object is still referred to (e.g. a component with history), so
    /// it cannot be deleted; the message says by what and what to do.
    #[error("{0}")]
    InUse(String),
    /// A field is invalid given what is stored (unknown component, disallowed transition).
    #[error("{0}")]
    Invalid(FieldError),
    /// Public text contains internal information and was not confirmed.
    #[error("{0}")]
    Leak(FieldError),
    /// The database failed.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
}

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Invalid(e)
    }
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// The database: one connection behind a mutex.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and applies
    /// pending migrations. Also makes sure the page row exists.
    pub fn open(data_dir: &Path, now: DateTime<Utc>) -> anyhow::Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        let path = data_dir.join("herald.db");
        let mut conn = Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Every read and write statement stays prepared (parsing one costs
        // about as much as running it).
        conn.set_prepared_statement_cache_capacity(128);
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        page::ensure_page(&tx, now)?;
        key_forms::fill(&tx)?;
        tx.commit()?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Locks the connection. Callers in async code do this inside
    /// `spawn_blocking`.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-done write behind
        // (the transaction rolls back on drop), so the connection is usable.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Runs `f` in an immediate transaction on `conn` and commits if it succeeds.
pub fn in_transaction<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
) -> StoreResult<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if done > MIGRATIONS.len() {
        anyhow::bail!(
            "the database was written by a newer Herald (schema {done}, this build knows {})",
            MIGRATIONS.len()
        );
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// A new random id: 12 characters of lowercase letters and digits, like
/// Statuspage's.
pub fn new_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Formats a timestamp for storage (the wire form, which sorts as text).
pub fn ts(at: &DateTime<Utc>) -> String {
    herald_model::time::format(at)
}

/// Reads a stored timestamp.
pub fn parse_ts(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    herald_model::time::parse(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads a stored optional timestamp.
pub fn parse_ts_opt(text: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    text.as_deref().map(parse_ts).transpose()
}

/// Reads a stored enum value by its wire spelling.
pub fn parse_enum<T>(text: &str) -> rusqlite::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The refusal of a change based on version `expected` of an object now at `current`.
fn stale(what: &str, expected: i64, current: i64) -> StoreError {
    StoreError::Conflict(format!(
        "the {what} was changed by someone else (you sent version {expected}, it is now at version {current}); reload it and apply your change again"
    ))
}

/// The version of an object kept by key (a template, a setting): 1 until
/// it is first changed.
pub fn keyed_version(conn: &Connection, object: &str) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached("SELECT version FROM keyed_versions WHERE object = ?1")?
        .query_row([object], |r| r.get(0))
        .optional()?
        .unwrap_or(1))
}

/// Checks that an object kept by key is at version `expected`, then moves
/// it on by one; `Conflict` naming the current version otherwise.
pub fn bump_keyed_version(
    tx: &Transaction<'_>,
    what: &'static str,
    object: &str,
    expected: i64,
) -> StoreResult<i64> {
    let current = keyed_version(tx, object)?;
    if current != expected {
        return Err(stale(what, expected, current));
    }
    tx.execute(
        "INSERT INTO keyed_versions (object, version) VALUES (?1, ?2)
         ON CONFLICT (object) DO UPDATE SET version = excluded.version",
        rusqlite::params![object, current + 1],
    )?;
    Ok(current + 1)
}

/// Checks that a versioned row exists and has the expected version, then
/// bumps it. Returns `NotFound` or `Conflict` naming the current version.
pub fn bump_version(
    tx: &Transaction<'_>,
    table: &'static str,
    what: &'static str,
    id: &str,
    expected: i64,
) -> StoreResult<()> {
    let current: Option<i64> = tx
        .query_row(
            &format!("SELECT version FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match current {
        None => Err(StoreError::NotFound {
            what,
            id: id.to_owned(),
        }),
        Some(v) if v != expected => Err(stale(what, expected, v)),
        Some(_) => {
            tx.execute(
                &format!("UPDATE {table} SET version = version + 1 WHERE id = ?1"),
                [id],
            )?;
            Ok(())
        }
    }
}
