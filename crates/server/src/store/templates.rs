//! Message templates: the built-in ones from the practice, and the admins'
//! edits of them.

use super::{audit, bump_keyed_version, keyed_version, ts, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::portal::TemplateRecord;
use herald_model::templates::{default_template, Channel, Template};
use herald_model::IncidentStatus;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The stages that have templates (a postmortem is announced in its own words).
pub const STAGES: [IncidentStatus; 4] = [
    IncidentStatus::Investigating,
    IncidentStatus::Identified,
    IncidentStatus::Monitoring,
    IncidentStatus::Resolved,
];

/// The key its version is kept under.
fn object(stage: IncidentStatus, channel: Channel) -> String {
    format!("template:{stage}/{channel}")
}

/// The template in force for a stage and channel.
pub fn get(
    conn: &Connection,
    stage: IncidentStatus,
    channel: Channel,
) -> StoreResult<TemplateRecord> {
    let custom: Option<(String, String)> = conn
        .prepare_cached("SELECT title, body FROM templates WHERE stage = ?1 AND channel = ?2")?
        .query_row(params![stage.as_str(), channel.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let version = keyed_version(conn, &object(stage, channel))?;
    Ok(match custom {
        Some((title, body)) => TemplateRecord {
            stage,
            channel,
            template: Template { title, body },
            customised: true,
            version,
        },
        None => TemplateRecord {
            stage,
            channel,
            template: default_template(stage, channel),
            customised: false,
            version,
        },
    })
}

/// Every template in force, by stage then channel.
pub fn list(conn: &Connection) -> StoreResult<Vec<TemplateRecord>> {
    let mut out = Vec::new();
    for stage in STAGES {
        for channel in Channel::ALL {
            out.push(get(conn, stage, *channel)?);
        }
    }
    Ok(out)
}

/// Replaces a template (already validated by the caller), based on
/// version `version`.
#[allow(clippy::too_many_arguments)]
pub fn set(
    tx: &Transaction<'_>,
    actor: &str,
    stage: IncidentStatus,
    channel: Channel,
    template: &Template,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<TemplateRecord> {
    let before = get(tx, stage, channel)?;
    bump_keyed_version(tx, "template", &object(stage, channel), version)?;
    tx.execute(
        "INSERT INTO templates (stage, channel, title, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (stage, channel) DO UPDATE SET title = excluded.title, body = excluded.body,
             updated_at = excluded.updated_at",
        params![stage.as_str(), channel.as_str(), template.title, template.body, ts(&now)],
    )?;
    let after = get(tx, stage, channel)?;
    let key = format!("{stage}/{channel}");
    audit::record(
        tx,
        now,
        actor,
        "template.set",
        ("template", &key),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Goes back to the built-in template, based on version `version`.
pub fn reset(
    tx: &Transaction<'_>,
    actor: &str,
    stage: IncidentStatus,
    channel: Channel,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<TemplateRecord> {
    let before = get(tx, stage, channel)?;
    bump_keyed_version(tx, "template", &object(stage, channel), version)?;
    tx.execute(
        "DELETE FROM templates WHERE stage = ?1 AND channel = ?2",
        params![stage.as_str(), channel.as_str()],
    )?;
    let after = get(tx, stage, channel)?;
    let key = format!("{stage}/{channel}");
    audit::record(
        tx,
        now,
        actor,
        "template.reset",
        ("template", &key),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
