//! The audit trail: who did what to which object, when, before and after.
//! Every write in this module's siblings records one event in its own
//! transaction, so the trail and the change commit together or not at all.

use super::{ts, StoreResult};
use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde::Serialize;

/// Records one audit event.
pub fn record<B: Serialize, A: Serialize>(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    actor: &str,
    action: &str,
    object: (&str, &str),
    before: Option<&B>,
    after: Option<&A>,
) -> StoreResult<()> {
    // Serialising our own types cannot fail; an empty record beats a lost write.
    let before = before.map(|b| serde_json::to_string(b).unwrap_or_default());
    let after = after.map(|a| serde_json::to_string(a).unwrap_or_default());
    tx.execute(
        "INSERT INTO audit_events (at, actor, action, object_type, object_id, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ts(&now), actor, action, object.0, object.1, before, after],
    )?;
    Ok(())
}

/// Number of audit events about one object (for tests and the portal).
pub fn count_for(
    tx: &rusqlite::Connection,
    object_type: &str,
    object_id: &str,
) -> StoreResult<i64> {
    Ok(tx.query_row(
        "SELECT count(*) FROM audit_events WHERE object_type = ?1 AND object_id = ?2",
        [object_type, object_id],
        |r| r.get(0),
    )?)
}

/// The most recent audit events, newest first, with the actor's name when
/// the actor has an account; `before_id` pages back.
pub fn list(
    conn: &rusqlite::Connection,
    limit: usize,
    before_id: Option<i64>,
) -> StoreResult<Vec<herald_model::portal::AuditEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.at, a.actor, a.action, a.object_type, a.object_id, a.before_json,
                a.after_json, u.name
         FROM audit_events a LEFT JOIN users u ON u.email = a.actor
         WHERE a.id < ?1 ORDER BY a.id DESC LIMIT ?2",
    )?;
    let events = stmt
        .query_map(params![before_id.unwrap_or(i64::MAX), limit as i64], |r| {
            Ok(herald_model::portal::AuditEvent {
                id: r.get(0)?,
                at: super::parse_ts(&r.get::<_, String>(1)?)?,
                actor: r.get(2)?,
                actor_name: r.get(8)?,
                action: r.get(3)?,
                object_type: r.get(4)?,
                object_id: r.get(5)?,
                before: r.get(6)?,
                after: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(events)
}
