//! Components and component groups, and every change of their status.
//!
//! A group's status is not stored: it is the worst of its children's,
//! derived whenever components are loaded.

use super::{audit, bump_version, new_id, parse_enum, parse_ts, ts, StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use herald_model::api::{ComponentPatch, ComponentRecord, FieldError, NewComponent, SessionUser};
use herald_model::v2::{AffectedComponent, Component};
use herald_model::ComponentStatus;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const COLUMNS: &str = "id, name, description, is_group, group_id, position, status, showcase,
    only_show_if_degraded, start_date, version, created_at, updated_at, internal_only";

fn from_row(r: &Row<'_>, page_id: &str) -> rusqlite::Result<ComponentRecord> {
    let start_date: Option<String> = r.get("start_date")?;
    let is_group: bool = r.get("is_group")?;
    Ok(ComponentRecord {
        component: Component {
            id: r.get("id")?,
            name: r.get("name")?,
            status: parse_enum(&r.get::<_, String>("shown_status")?)?,
            created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
            updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
            position: r.get("position")?,
            description: r.get("description")?,
            showcase: r.get("showcase")?,
            start_date: start_date.and_then(|d| d.parse::<NaiveDate>().ok()),
            group_id: r.get("group_id")?,
            page_id: page_id.to_owned(),
            group: is_group,
            only_show_if_degraded: r.get("only_show_if_degraded")?,
            components: is_group.then(Vec::new),
        },
        version: r.get("version")?,
        internal_only: r.get("internal_only")?,
    })
}

/// Every component and group, flat, in page order: top-level items by
/// position, each group followed by its children. Groups list their
/// children and show the worst child status.
pub fn load_all(conn: &Connection) -> StoreResult<Vec<ComponentRecord>> {
    load(conn, false)
}

/// The components the public may see: no internal-only component, and
/// groups list and rank only their public children.
pub fn load_public(conn: &Connection) -> StoreResult<Vec<ComponentRecord>> {
    load(conn, true)
}

fn load(conn: &Connection, public_only: bool) -> StoreResult<Vec<ComponentRecord>> {
    let page_id = super::page::page_id(conn)?;
    // The public read shows the status customers were told of.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, CASE WHEN ?1 THEN public_status ELSE status END AS shown_status
         FROM components WHERE internal_only = 0 OR ?1 = 0
         ORDER BY position, created_at, id"
    ))?;
    let all = stmt
        .query_map([public_only], |r| from_row(r, &page_id))?
        .collect::<Result<Vec<_>, _>>()?;
    let (top, children): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|c| c.component.group_id.is_none());
    let mut ordered = Vec::with_capacity(top.len() + children.len());
    for mut item in top {
        let kids: Vec<ComponentRecord> = children
            .iter()
            .filter(|c| c.component.group_id.as_deref() == Some(item.component.id.as_str()))
            .cloned()
            .collect();
        if item.component.group {
            item.component.status = ComponentStatus::worst(kids.iter().map(|k| k.component.status));
            item.component.components = Some(kids.iter().map(|k| k.component.id.clone()).collect());
        }
        ordered.push(item);
        ordered.extend(kids);
    }
    Ok(ordered)
}

/// One component or group by id.
pub fn get(conn: &Connection, id: &str) -> StoreResult<ComponentRecord> {
    load_all(conn)?
        .into_iter()
        .find(|c| c.component.id == id)
        .ok_or_else(|| StoreError::NotFound {
            what: "component",
            id: id.to_owned(),
        })
}

/// Names of the internal-only components (for the leak guard).
pub fn internal_names(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM components WHERE internal_only = 1")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// Checks that `group_id` names a group; returns a field error otherwise.
fn check_group(conn: &Connection, group_id: &str) -> StoreResult<()> {
    let is_group: Option<bool> = conn
        .query_row(
            "SELECT is_group FROM components WHERE id = ?1",
            [group_id],
            |r| r.get(0),
        )
        .optional()?;
    match is_group {
        Some(true) => Ok(()),
        Some(false) => Err(FieldError::new(
            "group_id",
            format!("'{group_id}' is a component, not a group"),
        )
        .into()),
        None => Err(FieldError::new("group_id", format!("there is no group '{group_id}'")).into()),
    }
}

/// Creates a component or group.
pub fn create(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    input: &NewComponent,
    now: DateTime<Utc>,
) -> StoreResult<ComponentRecord> {
    if let Some(group_id) = &input.group_id {
        check_group(tx, group_id)?;
    }
    let position = match input.position {
        Some(p) => p,
        None => tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM components WHERE group_id IS ?1",
            [&input.group_id],
            |r| r.get(0),
        )?,
    };
    let id = new_id();
    let status = input.status.unwrap_or(ComponentStatus::Operational);
    let start_date = input.start_date.unwrap_or_else(|| now.date_naive());
    tx.execute(
        "INSERT INTO components (id, name, description, is_group, group_id, position, status, showcase,
             only_show_if_degraded, start_date, version, created_at, updated_at, internal_only,
             public_status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11, ?12, ?7)",
        params![
            id,
            input.name.trim(),
            input.description,
            input.group,
            input.group_id,
            position,
            status.as_str(),
            input.showcase.unwrap_or(true),
            input.only_show_if_degraded,
            start_date.to_string(),
            ts(&now),
            input.internal_only,
        ],
    )?;
    let created = get(tx, &id)?;
    audit::record(
        tx,
        now,
        &actor.email,
        "component.create",
        ("component", &id),
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Changes a component or group, based on `patch.version`.
pub fn patch(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    patch: &ComponentPatch,
    now: DateTime<Utc>,
) -> StoreResult<ComponentRecord> {
    let before = get(tx, id)?;
    bump_version(tx, "components", "component", id, patch.version)?;
    let is_group = before.component.group;
    if let Some(Some(group_id)) = &patch.group_id {
        if is_group {
            return Err(
                FieldError::new("group_id", "a group cannot be inside another group").into(),
            );
        }
        if group_id == id {
            return Err(FieldError::new("group_id", "a component cannot be its own group").into());
        }
        check_group(tx, group_id)?;
    }
    if let Some(status) = patch.status {
        if is_group {
            return Err(FieldError::new(
                "status",
                "a group's status is the worst of its components'; change a component instead",
            )
            .into());
        }
        // A change made on the component itself is what customers see.
        set_status(tx, id, status, now, None, true)?;
    }
    let name = patch
        .name
        .as_deref()
        .map(str::trim)
        .unwrap_or(&before.component.name);
    let description = match &patch.description {
        Some(d) => d.clone(),
        None => before.component.description.clone(),
    };
    let group_id = match &patch.group_id {
        Some(g) => g.clone(),
        None => before.component.group_id.clone(),
    };
    tx.execute(
        "UPDATE components SET name = ?2, description = ?3, group_id = ?4, position = ?5,
             showcase = ?6, only_show_if_degraded = ?7, updated_at = ?8, internal_only = ?9
         WHERE id = ?1",
        params![
            id,
            name,
            description,
            group_id,
            patch.position.unwrap_or(before.component.position),
            patch.showcase.unwrap_or(before.component.showcase),
            patch
                .only_show_if_degraded
                .unwrap_or(before.component.only_show_if_degraded),
            ts(&now),
            patch.internal_only.unwrap_or(before.internal_only),
        ],
    )?;
    let after = get(tx, id)?;
    // Incidents and maintenances show their components by name (and leave
    // out internal-only ones): their documents are rendered again.
    let shown = |c: &ComponentRecord| {
        (
            c.component.name.clone(),
            c.component.description.clone(),
            c.component.group_id.clone(),
            c.internal_only,
        )
    };
    if shown(&before) != shown(&after) {
        tx.execute(
            "INSERT OR IGNORE INTO republish (incident_id)
             SELECT incident_id FROM incident_components WHERE component_id = ?1",
            [id],
        )?;
    }
    audit::record(
        tx,
        now,
        &actor.email,
        "component.update",
        ("component", id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Moves a (non-group) component to `status`, recording the change for
/// uptime history. A `public` change (one customers are told of, see
/// `herald_model::public_state`) moves both the staff's and the public
/// status; any other only the staff's, and leaves every public field (the
/// public status, `updated_at`, public uptime) as it was. Returns the
/// transition in the change's own view (from the public status for a
/// public change), or `None` if that view did not change.
pub fn set_status(
    tx: &Transaction<'_>,
    id: &str,
    status: ComponentStatus,
    now: DateTime<Utc>,
    update_id: Option<&str>,
    public: bool,
) -> StoreResult<Option<AffectedComponent>> {
    let row: Option<(String, String, String, bool)> = tx
        .query_row(
            "SELECT name, status, public_status, is_group FROM components WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((name, staff, shown, is_group)) = row else {
        return Err(StoreError::NotFound {
            what: "component",
            id: id.to_owned(),
        });
    };
    if is_group {
        return Err(FieldError::new(
            "components",
            format!("'{name}' is a group; set the status of its components instead"),
        )
        .into());
    }
    let staff: ComponentStatus = parse_enum(&staff)?;
    let shown: ComponentStatus = parse_enum(&shown)?;
    if staff != status {
        tx.execute(
            "UPDATE components SET status = ?2 WHERE id = ?1",
            params![id, status.as_str()],
        )?;
    }
    let old = if public { shown } else { staff };
    if old == status {
        return Ok(None);
    }
    if public {
        tx.execute(
            "UPDATE components SET public_status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), ts(&now)],
        )?;
    }
    tx.execute(
        "INSERT INTO component_status_changes (component_id, old_status, new_status, at, update_id, public)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, old.as_str(), status.as_str(), ts(&now), update_id, public],
    )?;
    Ok(Some(AffectedComponent {
        code: id.to_owned(),
        name,
        old_status: old,
        new_status: status,
    }))
}

/// Deletes a component or an empty group that nothing else refers to: no
/// incident or maintenance ever affected it and no active subscription
/// follows it. One with history stays (its past incidents name it); the
/// refusal says how to take it off the page instead.
pub fn delete(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let before = get(tx, id)?;
    bump_version(tx, "components", "component", id, version)?;
    let name = &before.component.name;
    let count = |sql: &str| -> StoreResult<i64> { Ok(tx.query_row(sql, [id], |r| r.get(0))?) };
    let children = count("SELECT count(*) FROM components WHERE group_id = ?1")?;
    if children > 0 {
        return Err(StoreError::InUse(format!(
            "the group '{name}' still holds {children} component(s); move them out or delete them first"
        )));
    }
    let affected = count(
        "SELECT (SELECT count(*) FROM incident_components WHERE component_id = ?1)
              + (SELECT count(*) FROM update_component_changes WHERE component_id = ?1)",
    )?;
    if affected > 0 {
        return Err(StoreError::InUse(format!(
            "incidents or maintenances affected '{name}', so it stays in their history; \
             make it internal-only to take it off the public page"
        )));
    }
    let following = count(
        "SELECT count(*) FROM subscribers s, json_each(s.components) j
         WHERE s.unsubscribed_at IS NULL AND s.components IS NOT NULL AND j.value = ?1",
    )?;
    if following > 0 {
        return Err(StoreError::InUse(format!(
            "{following} subscription(s) follow '{name}'; make it internal-only to take it off the public page"
        )));
    }
    tx.execute(
        "DELETE FROM component_status_changes WHERE component_id = ?1",
        [id],
    )?;
    tx.execute("DELETE FROM components WHERE id = ?1", [id])?;
    audit::record(
        tx,
        now,
        &actor.email,
        "component.delete",
        ("component", id),
        Some(&before),
        None::<&()>,
    )?;
    Ok(())
}

/// Whether there is no component or group yet (a fresh page).
pub fn none_yet(conn: &Connection) -> StoreResult<bool> {
    Ok(conn.query_row("SELECT count(*) = 0 FROM components", [], |r| r.get(0))?)
}
