//! Page-wide settings kept as JSON values by key: the update cadence.

use super::{audit, bump_keyed_version, keyed_version, ts, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::cadence::Cadence;
use herald_model::portal::CadenceSetting;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

const CADENCE: &str = "cadence";

/// The key the cadence's version is kept under.
const CADENCE_OBJECT: &str = "settings:cadence";

/// The update cadence; the defaults until an admin changes it.
pub fn cadence(conn: &Connection) -> StoreResult<Cadence> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value_json FROM settings WHERE key = ?1")?
        .query_row([CADENCE], |r| r.get(0))
        .optional()?;
    Ok(stored
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The update cadence with its version, as admins edit it.
pub fn cadence_setting(conn: &Connection) -> StoreResult<CadenceSetting> {
    Ok(CadenceSetting::new(
        cadence(conn)?,
        keyed_version(conn, CADENCE_OBJECT)?,
    ))
}

/// Sets the update cadence, based on `change.version`.
pub fn set_cadence(
    tx: &Transaction<'_>,
    actor: &str,
    change: &CadenceSetting,
    now: DateTime<Utc>,
) -> StoreResult<CadenceSetting> {
    let before = self::cadence(tx)?;
    let version = bump_keyed_version(tx, "cadence", CADENCE_OBJECT, change.version)?;
    let cadence = &change.cadence();
    tx.execute(
        "INSERT INTO settings (key, value_json, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
        params![CADENCE, serde_json::to_string(cadence).unwrap_or_default(), ts(&now)],
    )?;
    audit::record(
        tx,
        now,
        actor,
        "settings.cadence",
        ("settings", CADENCE),
        Some(&before),
        Some(cadence),
    )?;
    Ok(CadenceSetting::new(*cadence, version))
}
