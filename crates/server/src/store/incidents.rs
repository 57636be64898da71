//! Incidents and scheduled maintenances: declaring, updating, resolving, and
//! the internal view of each. The public view is built in `super::public`.

use super::{
    audit, bump_version, components, new_id, parse_enum, parse_ts, parse_ts_opt, settings, ts,
    StoreError, StoreResult,
};
use chrono::{DateTime, Utc};
use herald_model::api::{
    Audience, ComponentChange, FieldError, IncidentComponent, IncidentPatch, IncidentRecord,
    NewIncident, NewUpdate, PublishPostmortem, ResolveIncident, Roles, SessionUser, UpdateEdit,
    UpdateRecord, Visibility,
};
use herald_model::assessment::Assessment;
use herald_model::cadence;
use herald_model::leak::{find_leaks, key_form, InternalFacts};
use herald_model::postmortem::{postmortem_required, PostmortemFacts};
use herald_model::public_state::reaches_public;
use herald_model::v2::AffectedComponent;
use herald_model::{ComponentStatus, IncidentStatus, UpdateStatus};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Writes one update and the component transitions it makes; adds the
/// components to the incident's affected list. Returns the update id.
#[allow(clippy::too_many_arguments)]
pub fn insert_update(
    tx: &Transaction<'_>,
    incident_id: &str,
    status: UpdateStatus,
    audience: Audience,
    body: &str,
    author: Option<&SessionUser>,
    changes: &[ComponentChange],
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let id = new_id();
    let visibility: Visibility = parse_enum(&tx.query_row(
        "SELECT visibility FROM incidents WHERE id = ?1",
        [incident_id],
        |r| r.get::<_, String>(0),
    )?)?;
    let public = reaches_public(visibility, audience);
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM incident_updates WHERE incident_id = ?1",
        [incident_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO incident_updates (id, incident_id, seq, status, audience, body, author_id,
             created_at, updated_at, display_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)",
        params![
            id,
            incident_id,
            seq,
            status.as_str(),
            audience.as_str(),
            body.trim(),
            author.map(|a| a.id.as_str()),
            ts(&now),
        ],
    )?;
    for (i, change) in changes.iter().enumerate() {
        let transition =
            components::set_status(tx, &change.id, change.status, now, Some(&id), public).map_err(
                |e| match e {
                    StoreError::NotFound { id, .. } => StoreError::Invalid(FieldError::new(
                        format!("components[{i}].id"),
                        format!("there is no component '{id}'"),
                    )),
                    StoreError::Invalid(f) => StoreError::Invalid(FieldError::new(
                        format!("components[{i}].id"),
                        f.message,
                    )),
                    other => other,
                },
            )?;
        tx.execute(
            "INSERT OR IGNORE INTO incident_components (incident_id, component_id) VALUES (?1, ?2)",
            params![incident_id, change.id],
        )?;
        if let Some(t) = transition {
            tx.execute(
                "INSERT INTO update_component_changes (update_id, component_id, old_status, new_status)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, t.code, t.old_status.as_str(), t.new_status.as_str()],
            )?;
        }
    }
    // What customers see changes with what they are told; an internal note
    // on a public incident leaves every public field as it was.
    if public {
        tx.execute(
            "UPDATE incidents SET public_status = ?2, updated_at = ?3 WHERE id = ?1",
            params![incident_id, status.as_str(), ts(&now)],
        )?;
    } else if visibility == Visibility::Internal {
        tx.execute(
            "UPDATE incidents SET updated_at = ?2 WHERE id = ?1",
            params![incident_id, ts(&now)],
        )?;
    }
    // The notices go out with the update or not at all.
    super::notify::on_update(tx, incident_id, &id, now)?;
    Ok(id)
}

/// The leak guard: refuses public text that contains an issue key (this
/// incident's or any other's), the internal summary or an internal-only
/// component's name, unless the publisher confirmed it. A maintenance has
/// no key or summary of its own: pass empty ones.
pub fn guard(
    conn: &Connection,
    issue_key: &str,
    summary: &str,
    public_texts: &[(&str, &str)],
    confirmed: bool,
) -> StoreResult<()> {
    if confirmed {
        return Ok(());
    }
    let internal_components = components::internal_names(conn)?;
    for (field, text) in public_texts {
        let other_keys = super::key_forms::keys_named_in(conn, text)?;
        let facts = InternalFacts {
            issue_key,
            summary,
            internal_components: &internal_components,
            other_keys: &other_keys,
        };
        let leaks = find_leaks(text, &facts);
        if !leaks.is_empty() {
            let found: Vec<String> = leaks
                .iter()
                .map(|l| format!("{} '{}'", l.kind.replace('_', " "), l.fragment))
                .collect();
            return Err(StoreError::Leak(FieldError::new(
                *field,
                format!(
                    "the public text contains internal information ({}); remove it, or confirm to publish anyway",
                    found.join(", ")
                ),
            )));
        }
    }
    Ok(())
}

/// Declares an incident with its first public update.
pub fn declare(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    input: &NewIncident,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    // Keys that read the same (case, look-alike letters) are the same key.
    let form = key_form(&input.issue_key);
    if let Some(taken) = super::key_forms::taken_by(tx, &input.issue_key)? {
        return Err(FieldError::new(
            "issue_key",
            format!(
                "'{}' is already used by another incident ('{taken}')",
                input.issue_key
            ),
        )
        .into());
    }
    // A drill never reaches the public side, whatever was asked.
    let visibility = if input.drill {
        Visibility::Internal
    } else {
        input.visibility
    };
    if visibility == Visibility::Public {
        guard(
            tx,
            &input.issue_key,
            &input.summary,
            &[("title", &input.title), ("message", &input.message)],
            input.confirm_leaks,
        )?;
    }
    let id = new_id();
    let status = input.status.unwrap_or(IncidentStatus::Investigating);
    let impact = input.impact.unwrap_or(input.severity.default_impact());
    let started_at = input.started_at.unwrap_or(now);
    let monitoring_at = (status == IncidentStatus::Monitoring).then(|| ts(&now));
    tx.execute(
        "INSERT INTO incidents (id, kind, issue_key, name, summary, severity, impact, status, visibility,
             created_at, updated_at, started_at, monitoring_at, version, assessment_json, roles_json,
             support_cases, drill, issue_key_form)
         VALUES (?1, 'incident', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, 1, ?12, ?13, ?14, ?15, ?16)",
        params![
            id,
            input.issue_key,
            input.title.trim(),
            input.summary.trim(),
            input.severity.level(),
            impact.as_str(),
            status.as_str(),
            visibility.as_str(),
            ts(&now),
            ts(&started_at),
            monitoring_at,
            input
                .assessment
                .as_ref()
                .map(|a| serde_json::to_string(a).unwrap_or_default()),
            serde_json::to_string(&input.roles).unwrap_or_default(),
            input.support_cases,
            input.drill,
            form,
        ],
    )?;
    if let Some(internal) = &input.internal_message {
        insert_update(
            tx,
            &id,
            status.into(),
            Audience::Internal,
            internal,
            Some(actor),
            &[],
            now,
        )?;
    }
    insert_update(
        tx,
        &id,
        status.into(),
        Audience::Public,
        &input.message,
        Some(actor),
        &input.components,
        now,
    )?;
    if let Some(detection) = &input.detection_id {
        super::detections::mark_declared(tx, detection, &id)?;
    }
    let after = get(tx, &id)?;
    audit::record(
        tx,
        now,
        &actor.email,
        "incident.declare",
        ("incident", &id),
        None::<&()>,
        Some(&after),
    )?;
    Ok(after)
}

/// Reads an incident's current status, checking it exists and is an incident.
fn current_status(tx: &Transaction<'_>, id: &str) -> StoreResult<IncidentStatus> {
    let status: Option<String> = tx
        .query_row(
            "SELECT status FROM incidents WHERE id = ?1 AND kind = 'incident'",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let status = status.ok_or_else(|| StoreError::NotFound {
        what: "incident",
        id: id.to_owned(),
    })?;
    Ok(parse_enum(&status)?)
}

/// Moves the incident to `next` (checking the transition) and bumps its version.
fn advance(
    tx: &Transaction<'_>,
    id: &str,
    version: i64,
    next: IncidentStatus,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let current = current_status(tx, id)?;
    bump_version(tx, "incidents", "incident", id, version)?;
    if !current.can_move_to(next) {
        let allowed: Vec<&str> = current.next_statuses().iter().map(|s| s.as_str()).collect();
        return Err(FieldError::new(
            "status",
            format!(
                "an incident that is {current} cannot move to {next}; allowed: {}",
                if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    allowed.join(", ")
                }
            ),
        )
        .into());
    }
    // `updated_at` is public: the update that follows sets it if customers
    // are told (insert_update).
    tx.execute(
        "UPDATE incidents SET status = ?2,
             monitoring_at = CASE WHEN ?2 = 'monitoring' THEN coalesce(monitoring_at, ?3) ELSE monitoring_at END,
             resolved_at = CASE WHEN ?2 = 'resolved' THEN ?3 ELSE resolved_at END
         WHERE id = ?1",
        params![id, next.as_str(), ts(&now)],
    )?;
    Ok(())
}

/// Posts an update, based on `input.version`.
pub fn post_update(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    input: &NewUpdate,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    let before = get(tx, id)?;
    advance(tx, id, input.version, input.status, now)?;
    if input.audience == Audience::Public {
        guard(
            tx,
            &before.issue_key,
            &before.summary,
            &[("body", &input.body)],
            input.confirm_leaks,
        )?;
    }
    if let Some(cases) = input.support_cases {
        tx.execute(
            "UPDATE incidents SET support_cases = ?2 WHERE id = ?1",
            params![id, cases],
        )?;
    }
    if let Some(internal) = &input.internal_body {
        insert_update(
            tx,
            id,
            input.status.into(),
            Audience::Internal,
            internal,
            Some(actor),
            &[],
            now,
        )?;
    }
    insert_update(
        tx,
        id,
        input.status.into(),
        input.audience,
        &input.body,
        Some(actor),
        &input.components,
        now,
    )?;
    recorded(tx, actor, "incident.update", &before, now)
}

/// Changes what is known about an incident (title, summary, severity,
/// impact, roles). The leak guard checks a new public title.
pub fn edit(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    input: &IncidentPatch,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    let before = get(tx, id)?;
    bump_version(tx, "incidents", "incident", id, input.version)?;
    let summary = input
        .summary
        .as_deref()
        .map(str::trim)
        .unwrap_or(&before.summary);
    if let Some(title) = &input.title {
        guard(
            tx,
            &before.issue_key,
            summary,
            &[("title", title)],
            input.confirm_leaks,
        )?;
    }
    tx.execute(
        "UPDATE incidents SET name = coalesce(?2, name), summary = coalesce(?3, summary),
             severity = coalesce(?4, severity), impact = coalesce(?5, impact),
             roles_json = coalesce(?6, roles_json), updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            input.title.as_deref().map(str::trim),
            input.summary.as_deref().map(str::trim),
            input.severity.map(|s| s.level()),
            input.impact.map(|i| i.as_str()),
            input
                .roles
                .as_ref()
                .map(|r| serde_json::to_string(r).unwrap_or_default()),
            ts(&now),
        ],
    )?;
    recorded(tx, actor, "incident.edit", &before, now)
}

/// Corrects the text of a published update. The leak guard checks a public
/// one; its status, time and component changes stay, and nobody is
/// notified again (the documents and feeds show the new text).
pub fn edit_update(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    update_id: &str,
    input: &UpdateEdit,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    let before = get(tx, id)?;
    bump_version(tx, "incidents", "incident", id, input.version)?;
    let Some(update) = before.updates.iter().find(|u| u.id == update_id) else {
        return Err(StoreError::NotFound {
            what: "update",
            id: update_id.to_owned(),
        });
    };
    if update.audience == Audience::Public {
        guard(
            tx,
            &before.issue_key,
            &before.summary,
            &[("body", &input.body)],
            input.confirm_leaks,
        )?;
    }
    tx.execute(
        "UPDATE incident_updates SET body = ?2, updated_at = ?3 WHERE id = ?1",
        params![update_id, input.body, ts(&now)],
    )?;
    tx.execute(
        "UPDATE incidents SET updated_at = ?2 WHERE id = ?1",
        params![id, ts(&now)],
    )?;
    recorded(tx, actor, "incident.update.edit", &before, now)
}

/// The incident `before` changed as it is now, with the change recorded in
/// the audit trail as `action` (before and after).
fn recorded(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    action: &str,
    before: &IncidentRecord,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    let after = get(tx, &before.id)?;
    audit::record(
        tx,
        now,
        &actor.email,
        action,
        ("incident", &before.id),
        Some(before),
        Some(&after),
    )?;
    Ok(after)
}

/// Resolves an incident: every affected component returns to operational
/// unless `input.components` says otherwise.
pub fn resolve(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    input: &ResolveIncident,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    let before = get(tx, id)?;
    advance(tx, id, input.version, IncidentStatus::Resolved, now)?;
    guard(
        tx,
        &before.issue_key,
        &before.summary,
        &[("body", &input.body)],
        input.confirm_leaks,
    )?;
    tx.execute(
        "UPDATE incidents SET recurring = ?2, support_cases = coalesce(?3, support_cases) WHERE id = ?1",
        params![id, input.recurring, input.support_cases],
    )?;
    let mut changes = input.components.clone();
    for c in &before.components {
        if !changes.iter().any(|listed| listed.id == c.id) {
            changes.push(ComponentChange {
                id: c.id.clone(),
                status: ComponentStatus::Operational,
            });
        }
    }
    if let Some(internal) = &input.internal_body {
        insert_update(
            tx,
            id,
            UpdateStatus::Resolved,
            Audience::Internal,
            internal,
            Some(actor),
            &[],
            now,
        )?;
    }
    insert_update(
        tx,
        id,
        UpdateStatus::Resolved,
        Audience::Public,
        &input.body,
        Some(actor),
        &changes,
        now,
    )?;
    recorded(tx, actor, "incident.resolve", &before, now)
}

/// Publishes the post-incident review of a resolved incident: its link is
/// stored and a public `postmortem` update announces it.
pub fn publish_postmortem(
    tx: &Transaction<'_>,
    actor: &SessionUser,
    id: &str,
    input: &PublishPostmortem,
    now: DateTime<Utc>,
) -> StoreResult<IncidentRecord> {
    let before = get(tx, id)?;
    advance(tx, id, input.version, IncidentStatus::Postmortem, now)?;
    guard(
        tx,
        &before.issue_key,
        &before.summary,
        &[("body", &input.body), ("url", &input.url)],
        input.confirm_leaks,
    )?;
    tx.execute(
        "UPDATE incidents SET postmortem_url = ?2 WHERE id = ?1",
        params![id, input.url],
    )?;
    let body = format!("{}\n\n{}", input.body.trim(), input.url);
    insert_update(
        tx,
        id,
        UpdateStatus::Postmortem,
        Audience::Public,
        &body,
        Some(actor),
        &[],
        now,
    )?;
    recorded(tx, actor, "incident.postmortem", &before, now)
}

/// The affected components of an incident or maintenance, in page order.
pub fn component_ids(conn: &Connection, incident_id: &str) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id FROM incident_components ic JOIN components c ON c.id = ic.component_id
         WHERE ic.incident_id = ?1 ORDER BY c.position, c.name",
    )?;
    let ids = stmt
        .query_map([incident_id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

/// The component transitions an update made (only of public components
/// when `public_only`).
pub fn update_changes(
    conn: &Connection,
    update_id: &str,
    public_only: bool,
) -> StoreResult<Vec<AffectedComponent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ucc.component_id, c.name, ucc.old_status, ucc.new_status
         FROM update_component_changes ucc JOIN components c ON c.id = ucc.component_id
         WHERE ucc.update_id = ?1 AND (c.internal_only = 0 OR ?2 = 0) ORDER BY c.position, c.name",
    )?;
    let rows = stmt
        .query_map(params![update_id, public_only], |r| {
            Ok(AffectedComponent {
                code: r.get(0)?,
                name: r.get(1)?,
                old_status: parse_enum(&r.get::<_, String>(2)?)?,
                new_status: parse_enum(&r.get::<_, String>(3)?)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// An incident as staff see it.
pub fn get(conn: &Connection, id: &str) -> StoreResult<IncidentRecord> {
    let row = conn
        .query_row(
            "SELECT id, issue_key, name, summary, severity, impact, status, visibility, started_at,
                 created_at, updated_at, resolved_at, version, assessment_json, roles_json,
                 support_cases, drill, recurring, postmortem_url
             FROM incidents WHERE id = ?1 AND kind = 'incident'",
            [id],
            |r| {
                let severity: u8 = r.get("severity")?;
                Ok(IncidentRecord {
                    id: r.get("id")?,
                    issue_key: r.get("issue_key")?,
                    title: r.get("name")?,
                    summary: r.get("summary")?,
                    severity: severity.try_into().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            4,
                            rusqlite::types::Type::Integer,
                            Box::new(e),
                        )
                    })?,
                    impact: parse_enum(&r.get::<_, String>("impact")?)?,
                    status: parse_enum(&r.get::<_, String>("status")?)?,
                    visibility: parse_enum::<Visibility>(&r.get::<_, String>("visibility")?)?,
                    started_at: parse_ts(&r.get::<_, String>("started_at")?)?,
                    created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
                    updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
                    resolved_at: parse_ts_opt(r.get("resolved_at")?)?,
                    version: r.get("version")?,
                    components: Vec::new(),
                    updates: Vec::new(),
                    assessment: r
                        .get::<_, Option<String>>("assessment_json")?
                        .and_then(|j| serde_json::from_str::<Assessment>(&j).ok()),
                    roles: r
                        .get::<_, Option<String>>("roles_json")?
                        .and_then(|j| serde_json::from_str::<Roles>(&j).ok())
                        .unwrap_or_default(),
                    support_cases: r.get("support_cases")?,
                    drill: r.get("drill")?,
                    recurring: r.get("recurring")?,
                    postmortem_url: r.get("postmortem_url")?,
                    next_update_due: None,
                    postmortem: None,
                })
            },
        )
        .optional()?;
    let mut record = row.ok_or_else(|| StoreError::NotFound {
        what: "incident",
        id: id.to_owned(),
    })?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, c.status FROM incident_components ic JOIN components c ON c.id = ic.component_id
         WHERE ic.incident_id = ?1 ORDER BY c.position, c.name",
    )?;
    record.components = stmt
        .query_map([id], |r| {
            Ok(IncidentComponent {
                id: r.get(0)?,
                name: r.get(1)?,
                status: parse_enum(&r.get::<_, String>(2)?)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.status, u.audience, u.body, coalesce(a.email, 'system'), u.created_at,
                CASE WHEN u.updated_at > u.created_at THEN u.updated_at END
         FROM incident_updates u LEFT JOIN users a ON a.id = u.author_id
         WHERE u.incident_id = ?1 ORDER BY u.seq DESC",
    )?;
    let updates = stmt
        .query_map([id], |r| {
            Ok(UpdateRecord {
                id: r.get(0)?,
                status: parse_enum(&r.get::<_, String>(1)?)?,
                audience: parse_enum(&r.get::<_, String>(2)?)?,
                body: r.get(3)?,
                author: r.get(4)?,
                created_at: parse_ts(&r.get::<_, String>(5)?)?,
                edited_at: parse_ts_opt(r.get(6)?)?,
                affected_components: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    record.updates = updates
        .into_iter()
        .map(|mut u| {
            u.affected_components = update_changes(conn, &u.id, false)?;
            Ok(u)
        })
        .collect::<StoreResult<_>>()?;
    derive_practice(conn, &mut record)?;
    Ok(record)
}

/// Fills in what the practice derives from an incident: when the next
/// update is due while it is open, and whether a post-incident review is
/// required once it is resolved.
fn derive_practice(conn: &Connection, record: &mut IncidentRecord) -> StoreResult<()> {
    if record.status.is_unresolved() {
        let last = record
            .updates
            .first()
            .map_or(record.created_at, |u| u.created_at);
        let cadence = settings::cadence(conn)?;
        record.next_update_due = Some(cadence::next_due(last, record.severity, &cadence));
    }
    if let Some(resolved) = record.resolved_at {
        let facts = PostmortemFacts {
            several_users: record.assessment.is_some() || record.support_cases >= 2,
            duration: resolved - record.started_at,
            recurring: record.recurring,
        };
        record.postmortem = Some(postmortem_required(&facts));
    }
    Ok(())
}

/// Open incidents first, then the most recent others, at most `limit`.
pub fn list(conn: &Connection, limit: usize) -> StoreResult<Vec<IncidentRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM incidents WHERE kind = 'incident'
         ORDER BY status IN ('investigating', 'identified', 'monitoring') DESC, created_at DESC
         LIMIT ?1",
    )?;
    let ids = stmt
        .query_map([limit as i64], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}
