//! Page-wide settings: the page's own facts (name, URL, time zone,
//! description, whether it may be indexed), and the update cadence, kept
//! as a JSON value by key.

use super::{audit, bump_keyed_version, bump_version, keyed_version, ts, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::cadence::Cadence;
use herald_model::portal::{CadenceSetting, PageSettings};
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

/// The page's own facts, as admins edit them.
pub fn page(conn: &Connection) -> StoreResult<PageSettings> {
    Ok(conn.query_row(
        "SELECT name, url, time_zone, description, indexable, version FROM page",
        [],
        |r| {
            Ok(PageSettings {
                name: r.get(0)?,
                url: r.get(1)?,
                time_zone: r.get(2)?,
                description: r.get(3)?,
                indexable: r.get(4)?,
                version: r.get(5)?,
            })
        },
    )?)
}

/// Changes the page's own facts (already validated), based on
/// `change.version`. Every public incident and maintenance document names
/// the page, so all of them are rendered again in the same publish.
pub fn set_page(
    tx: &Transaction<'_>,
    actor: &str,
    change: &PageSettings,
    now: DateTime<Utc>,
) -> StoreResult<PageSettings> {
    let before = page(tx)?;
    let id = super::page::page_id(tx)?;
    bump_version(tx, "page", "page", &id, change.version)?;
    tx.execute(
        "UPDATE page SET name = ?1, url = ?2, time_zone = ?3, description = ?4, indexable = ?5,
             updated_at = ?6",
        params![
            change.name.trim(),
            change.url.trim().trim_end_matches('/'),
            change.time_zone.trim(),
            change.description.trim(),
            change.indexable,
            ts(&now)
        ],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO republish (incident_id) SELECT id FROM incidents WHERE visibility = 'public'",
        [],
    )?;
    let after = page(tx)?;
    audit::record(
        tx,
        now,
        actor,
        "settings.page",
        ("page", &id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Moves the page to `url` (the server's `--public-url`), when it is not there yet.
pub fn follow_public_url(
    tx: &Transaction<'_>,
    url: &str,
    now: DateTime<Utc>,
) -> StoreResult<PageSettings> {
    let current = page(tx)?;
    if current.url == url.trim_end_matches('/') {
        return Ok(current);
    }
    let moved = PageSettings {
        url: url.to_owned(),
        ..current
    };
    set_page(tx, "cli", &moved, now)
}
