//! Scheduled maintenance: announcing a window, extending or cancelling it,
//! and the clock that starts and completes windows on time by itself —
//! components go to `under_maintenance` at the start and back to the status
//! they had before at the end.

use super::{
    audit, bump_version, incidents, new_id, parse_enum, public::Reader, ts, StoreError, StoreResult,
};
use chrono::{DateTime, Utc};
use herald_model::api::{Audience, ComponentChange, FieldError, SessionUser};
use herald_model::portal::{
    MaintenanceAction, MaintenanceChange, MaintenanceRecord, NewMaintenance,
};
use herald_model::{ComponentStatus, Impact, MaintenanceStatus, UpdateStatus};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The actor the clock acts as, in the audit trail and as update author.
pub const CLOCK: &str = "system";

/// Announces a maintenance window.
pub fn schedule(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    input: &NewMaintenance,
    now: DateTime<Utc>,
) -> StoreResult<MaintenanceRecord> {
    // A maintenance is public text from end to end: no issue key or
    // internal-only component's name in it, unless confirmed.
    incidents::guard(
        tx,
        "",
        "",
        &[("name", &input.name), ("body", &input.body)],
        input.confirm_leaks,
    )?;
    let id = new_id();
    tx.execute(
        "INSERT INTO incidents (id, kind, name, impact, status, visibility, created_at, updated_at,
             scheduled_for, scheduled_until, version)
         VALUES (?1, 'maintenance', ?2, ?3, ?4, 'public', ?5, ?5, ?6, ?7, 1)",
        params![
            id,
            input.name.trim(),
            Impact::Maintenance.as_str(),
            MaintenanceStatus::Scheduled.as_str(),
            ts(&now),
            ts(&input.scheduled_for),
            ts(&input.scheduled_until),
        ],
    )?;
    for (i, component) in input.components.iter().enumerate() {
        let exists: bool = tx.query_row(
            "SELECT count(*) > 0 FROM components WHERE id = ?1 AND is_group = 0",
            [component],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(FieldError::new(
                format!("components[{i}]"),
                format!("there is no component '{component}'"),
            )
            .into());
        }
        tx.execute(
            "INSERT OR IGNORE INTO incident_components (incident_id, component_id) VALUES (?1, ?2)",
            params![id, component],
        )?;
    }
    incidents::insert_update(
        tx,
        &id,
        UpdateStatus::Scheduled,
        Audience::Public,
        &input.body,
        Some(actor),
        &[],
        now,
    )?;
    let after = get(tx, &id)?;
    audit::record(
        tx,
        now,
        &actor.email,
        "maintenance.schedule",
        ("maintenance", &id),
        None::<&()>,
        Some(&after),
    )?;
    Ok(after)
}

fn status_of(conn: &Connection, id: &str) -> StoreResult<MaintenanceStatus> {
    let status: Option<String> = conn
        .query_row(
            "SELECT status FROM incidents WHERE id = ?1 AND kind = 'maintenance'",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let status = status.ok_or_else(|| StoreError::NotFound {
        what: "maintenance",
        id: id.to_owned(),
    })?;
    Ok(parse_enum(&status)?)
}

/// Extends or cancels a window, based on `input.version`.
pub fn change(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    input: &MaintenanceChange,
    now: DateTime<Utc>,
) -> StoreResult<MaintenanceRecord> {
    let before = get(tx, id)?;
    let status = status_of(tx, id)?;
    bump_version(tx, "incidents", "maintenance", id, input.version)?;
    if status == MaintenanceStatus::Completed {
        return Err(FieldError::new("action", "the maintenance is already over").into());
    }
    incidents::guard(tx, "", "", &[("body", &input.body)], input.confirm_leaks)?;
    match input.action {
        MaintenanceAction::Extend => {
            let until = input.scheduled_until.ok_or_else(|| {
                FieldError::new("scheduled_until", "is needed to extend a maintenance")
            })?;
            if until <= before.maintenance.scheduled_until.max(now) {
                return Err(FieldError::new(
                    "scheduled_until",
                    "must be later than the current end and than now",
                )
                .into());
            }
            tx.execute(
                "UPDATE incidents SET scheduled_until = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, ts(&until), ts(&now)],
            )?;
            let update_status = match status {
                MaintenanceStatus::Scheduled => UpdateStatus::Scheduled,
                other => other.into(),
            };
            incidents::insert_update(
                tx,
                id,
                update_status,
                Audience::Public,
                &input.body,
                Some(actor),
                &[],
                now,
            )?;
        }
        MaintenanceAction::Cancel => {
            finish(tx, id, &input.body, Some(actor), now)?;
        }
    }
    let after = get(tx, id)?;
    audit::record(
        tx,
        now,
        &actor.email,
        "maintenance.change",
        ("maintenance", id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Completes a window: its components return to the status they had
/// before it began (those it never touched keep theirs).
fn finish(
    tx: &Transaction<'_>,
    id: &str,
    body: &str,
    author: Option<&SessionUser>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut stmt = tx.prepare(
        "SELECT component_id, status_before FROM incident_components
         WHERE incident_id = ?1 AND status_before IS NOT NULL",
    )?;
    let restore: Vec<ComponentChange> = stmt
        .query_map([id], |r| {
            Ok(ComponentChange {
                id: r.get(0)?,
                status: parse_enum(&r.get::<_, String>(1)?)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    drop(stmt);
    tx.execute(
        "UPDATE incidents SET status = 'completed', resolved_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ts(&now)],
    )?;
    incidents::insert_update(
        tx,
        id,
        UpdateStatus::Completed,
        Audience::Public,
        body,
        author,
        &restore,
        now,
    )?;
    Ok(())
}

/// Starts the windows whose time has come and completes those that are
/// over. Returns how many it moved.
pub fn tick(tx: &Transaction<'_>, now: DateTime<Utc>) -> StoreResult<usize> {
    let due = |sql: &str| -> StoreResult<Vec<String>> {
        let mut stmt = tx.prepare(sql)?;
        let ids = stmt
            .query_map([ts(&now)], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    };
    let starting = due(
        "SELECT id FROM incidents WHERE kind = 'maintenance' AND status = 'scheduled'
         AND scheduled_for <= ?1 ORDER BY scheduled_for",
    )?;
    for id in &starting {
        // The status to return to is the one customers saw: ending the
        // window is a public change (a drill's state never becomes public).
        let mut stmt = tx.prepare(
            "SELECT ic.component_id, c.public_status FROM incident_components ic
             JOIN components c ON c.id = ic.component_id WHERE ic.incident_id = ?1",
        )?;
        let current: Vec<(String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        for (component, status) in &current {
            tx.execute(
                "UPDATE incident_components SET status_before = ?3 WHERE incident_id = ?1 AND component_id = ?2",
                params![id, component, status],
            )?;
        }
        tx.execute(
            "UPDATE incidents SET status = 'in_progress', started_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, ts(&now)],
        )?;
        let changes: Vec<ComponentChange> = current
            .into_iter()
            .map(|(component, _)| ComponentChange {
                id: component,
                status: ComponentStatus::UnderMaintenance,
            })
            .collect();
        incidents::insert_update(
            tx,
            id,
            UpdateStatus::InProgress,
            Audience::Public,
            "The scheduled maintenance has begun.",
            None,
            &changes,
            now,
        )?;
        audit::record(
            tx,
            now,
            CLOCK,
            "maintenance.start",
            ("maintenance", id),
            None::<&()>,
            None::<&()>,
        )?;
    }
    let ending = due(
        "SELECT id FROM incidents WHERE kind = 'maintenance' AND status IN ('in_progress', 'verifying')
         AND scheduled_until <= ?1 ORDER BY scheduled_until",
    )?;
    for id in &ending {
        finish(
            tx,
            id,
            "The scheduled maintenance has been completed.",
            None,
            now,
        )?;
        audit::record(
            tx,
            now,
            CLOCK,
            "maintenance.complete",
            ("maintenance", id),
            None::<&()>,
            None::<&()>,
        )?;
    }
    let reminded = super::notify::remind_maintenances(tx, now, REMIND_AHEAD)?;
    Ok(starting.len() + ending.len() + reminded)
}

/// How long before a window subscribers are reminded of it.
pub const REMIND_AHEAD: chrono::Duration = chrono::Duration::hours(1);

/// Whether any window should start or end at `now` (a cheap read before
/// taking the write path).
pub fn anything_due(conn: &Connection, now: DateTime<Utc>) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM incidents WHERE kind = 'maintenance' AND (
             (status = 'scheduled' AND scheduled_for <= ?1)
             OR (status = 'scheduled' AND reminded_at IS NULL AND scheduled_for <= ?2)
             OR (status IN ('in_progress', 'verifying') AND scheduled_until <= ?1)))",
        [ts(&now), ts(&(now + REMIND_AHEAD))],
        |r| r.get(0),
    )?)
}

/// One maintenance as staff see it.
pub fn get(conn: &Connection, id: &str) -> StoreResult<MaintenanceRecord> {
    let version: Option<i64> = conn
        .query_row(
            "SELECT version FROM incidents WHERE id = ?1 AND kind = 'maintenance'",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let not_found = || StoreError::NotFound {
        what: "maintenance",
        id: id.to_owned(),
    };
    let version = version.ok_or_else(not_found)?;
    let maintenance = Reader::new(conn)?.maintenance(id)?.ok_or_else(not_found)?;
    Ok(MaintenanceRecord {
        maintenance,
        version,
    })
}

/// Open and upcoming windows first, then recent ones; at most `limit`.
pub fn list(conn: &Connection, limit: usize) -> StoreResult<Vec<MaintenanceRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM incidents WHERE kind = 'maintenance'
         ORDER BY status = 'completed', scheduled_for DESC LIMIT ?1",
    )?;
    let ids = stmt
        .query_map([limit as i64], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}
