//! The page's own row: created on first start, and its id, which every
//! component carries (its facts are changed through `settings`).

use super::{new_id, ts, StoreResult};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};

/// Creates the page row on first start.
pub fn ensure_page(tx: &Transaction<'_>, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO page (id, name, url, time_zone, updated_at)
         SELECT ?1, 'Status', 'http://127.0.0.1:8080', 'Etc/UTC', ?2
         WHERE NOT EXISTS (SELECT 1 FROM page)",
        params![new_id(), ts(&now)],
    )?;
    Ok(())
}

/// The page's id.
pub fn page_id(conn: &Connection) -> StoreResult<String> {
    Ok(conn.query_row("SELECT id FROM page", [], |r| r.get(0))?)
}
