//! Detections: problems monitoring tools report (the detect stage), kept
//! internal for the comms managers to declare as an incident or dismiss.
//! A report with the fingerprint of an open detection refreshes it, so an
//! alert that keeps firing is one detection with a count.

use super::{audit, new_id, parse_ts, ts, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::api::{FieldError, SessionUser};
use herald_model::portal::{Detection, DetectionStatus, NewDetection};
use herald_model::Severity;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const COLUMNS: &str =
    "id, source, summary, fingerprint, severity, components, count, first_seen_at,
    last_seen_at, status, incident_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Detection> {
    let severity: Option<u8> = r.get(4)?;
    Ok(Detection {
        id: r.get(0)?,
        source: r.get(1)?,
        summary: r.get(2)?,
        fingerprint: r.get(3)?,
        severity: severity.and_then(|s| Severity::try_from(s).ok()),
        components: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
        count: r.get(6)?,
        first_seen_at: parse_ts(&r.get::<_, String>(7)?)?,
        last_seen_at: parse_ts(&r.get::<_, String>(8)?)?,
        status: match r.get::<_, String>(9)?.as_str() {
            "declared" => DetectionStatus::Declared,
            "dismissed" => DetectionStatus::Dismissed,
            _ => DetectionStatus::Open,
        },
        incident_id: r.get(10)?,
    })
}

/// One detection.
pub fn get(conn: &Connection, id: &str) -> StoreResult<Detection> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM detections WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "detection",
        id: id.to_owned(),
    })
}

/// The open detections, most recently seen first.
pub fn open(conn: &Connection) -> StoreResult<Vec<Detection>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM detections WHERE status = 'open' ORDER BY last_seen_at DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a report: refreshes the open detection with the same source and
/// fingerprint, or opens a new one. Returns it and whether it is new.
pub fn report(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    input: &NewDetection,
    now: DateTime<Utc>,
) -> StoreResult<(Detection, bool)> {
    for (i, id) in input.components.iter().enumerate() {
        let known: bool = tx.query_row(
            "SELECT count(*) > 0 FROM components WHERE id = ?1 AND is_group = 0",
            [id],
            |r| r.get(0),
        )?;
        if !known {
            return Err(FieldError::new(
                format!("components[{i}]"),
                format!("there is no component '{id}'"),
            )
            .into());
        }
    }
    let source = input.source.trim();
    let fingerprint = input.fingerprint.as_deref().map(str::trim);
    let existing: Option<String> = match fingerprint {
        Some(f) => tx
            .query_row(
                "SELECT id FROM detections WHERE status = 'open' AND source = ?1 AND fingerprint = ?2",
                params![source, f],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    let components = serde_json::to_string(&input.components).unwrap_or_else(|_| "[]".into());
    let severity = input.severity.map(|s| s.level());
    if let Some(id) = existing {
        tx.execute(
            "UPDATE detections SET count = count + 1, last_seen_at = ?2, summary = ?3,
                 severity = coalesce(?4, severity), components = ?5
             WHERE id = ?1",
            params![id, ts(&now), input.summary.trim(), severity, components],
        )?;
        return Ok((get(tx, &id)?, false));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO detections (id, source, summary, fingerprint, severity, components,
             first_seen_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id,
            source,
            input.summary.trim(),
            fingerprint,
            severity,
            components,
            ts(&now)
        ],
    )?;
    let detection = get(tx, &id)?;
    super::notify::on_detection(tx, &detection, now)?;
    audit::record(
        tx,
        now,
        &actor.email,
        "detection.open",
        ("detection", &id),
        None::<&Detection>,
        Some(&detection),
    )?;
    Ok((detection, true))
}

/// Closes an open detection as not needing an incident.
pub fn dismiss(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    now: DateTime<Utc>,
) -> StoreResult<Detection> {
    let before = get(tx, id)?;
    if before.status != DetectionStatus::Open {
        return Err(StoreError::Conflict(format!(
            "the detection is no longer open (it is {})",
            status_word(before.status)
        )));
    }
    tx.execute(
        "UPDATE detections SET status = 'dismissed' WHERE id = ?1",
        [id],
    )?;
    let after = get(tx, id)?;
    audit::record(
        tx,
        now,
        &actor.email,
        "detection.dismiss",
        ("detection", id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Marks the open detection `id` as declared as `incident_id` (in the
/// declaring transaction).
pub fn mark_declared(tx: &Transaction<'_>, id: &str, incident_id: &str) -> StoreResult<()> {
    let changed = tx.execute(
        "UPDATE detections SET status = 'declared', incident_id = ?2 WHERE id = ?1 AND status = 'open'",
        params![id, incident_id],
    )?;
    if changed == 0 {
        return Err(
            FieldError::new("detection_id", format!("there is no open detection '{id}'")).into(),
        );
    }
    Ok(())
}

fn status_word(status: DetectionStatus) -> &'static str {
    match status {
        DetectionStatus::Open => "open",
        DetectionStatus::Declared => "declared",
        DetectionStatus::Dismissed => "dismissed",
    }
}
