//! Drafts: a person's unsent text, saved on the server as they type, so it
//! survives a reload, a closed tab, another device and a server restart.
//! Drafts are private to their author and versioned like everything else.

use super::{parse_ts, ts, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::portal::DraftRecord;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DraftRecord> {
    Ok(DraftRecord {
        key: r.get(0)?,
        content: r.get(1)?,
        version: r.get(2)?,
        updated_at: parse_ts(&r.get::<_, String>(3)?)?,
    })
}

/// One draft of `user_id`.
pub fn get(conn: &Connection, user_id: &str, key: &str) -> StoreResult<DraftRecord> {
    conn.prepare_cached(
        "SELECT key, content, version, updated_at FROM drafts WHERE user_id = ?1 AND key = ?2",
    )?
    .query_row(params![user_id, key], from_row)
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "draft",
        id: key.to_owned(),
    })
}

/// Every draft of `user_id`, most recent first.
pub fn list(conn: &Connection, user_id: &str) -> StoreResult<Vec<DraftRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, content, version, updated_at FROM drafts WHERE user_id = ?1 ORDER BY updated_at DESC",
    )?;
    let drafts = stmt
        .query_map([user_id], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(drafts)
}

/// Saves a draft. `version` must be the stored one (or absent for a new
/// draft): a tab with an older copy cannot overwrite a newer one.
pub fn save(
    tx: &Transaction<'_>,
    user_id: &str,
    key: &str,
    content: &str,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<DraftRecord> {
    let current: Option<i64> = tx
        .query_row(
            "SELECT version FROM drafts WHERE user_id = ?1 AND key = ?2",
            params![user_id, key],
            |r| r.get(0),
        )
        .optional()?;
    match (current, version) {
        (None, _) => {
            tx.execute(
                "INSERT INTO drafts (user_id, key, content, version, updated_at) VALUES (?1, ?2, ?3, 1, ?4)",
                params![user_id, key, content, ts(&now)],
            )?;
        }
        (Some(stored), Some(sent)) if stored == sent => {
            tx.execute(
                "UPDATE drafts SET content = ?3, version = version + 1, updated_at = ?4
                 WHERE user_id = ?1 AND key = ?2",
                params![user_id, key, content, ts(&now)],
            )?;
        }
        (Some(stored), sent) => {
            return Err(StoreError::Conflict(format!(
                "this draft was saved elsewhere in the meantime (you sent version {}, it is at version {stored}); reload it",
                sent.map_or("none".to_owned(), |v| v.to_string())
            )));
        }
    }
    get(tx, user_id, key)
}

/// Discards a draft (no error if it is already gone).
pub fn delete(tx: &Transaction<'_>, user_id: &str, key: &str) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM drafts WHERE user_id = ?1 AND key = ?2",
        params![user_id, key],
    )?;
    Ok(())
}
