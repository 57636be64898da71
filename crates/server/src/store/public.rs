//! What the public may see, read in the public wire shapes.
//!
//! Architecture invariant: every query here filters to public data
//! (`visibility = 'public'`, `audience = 'public'`) and fills only
//! `herald_model::v2` types, which have no field for anything internal. The
//! public documents are rendered from [`PublicData`] alone.

use super::{components, incidents, new_id, parse_enum, parse_ts, parse_ts_opt, ts, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::v2::{self, Component, Incident, IncidentUpdate, Page, ScheduledMaintenance};
use rusqlite::{params, Connection, Transaction};
use std::collections::HashMap;

/// Everything the public documents are rendered from.
#[derive(Clone, Debug)]
pub struct PublicData {
    /// The page, with `updated_at` the latest public change.
    pub page: Page,
    /// Every public component and group, flat, in page order.
    pub components: Vec<Component>,
    /// The most recent public incidents (at most [`v2::LIST_CAP`]), newest first.
    pub recent_incidents: Vec<Incident>,
    /// Unresolved public incidents, newest first.
    pub unresolved_incidents: Vec<Incident>,
    /// The most recent maintenances (at most [`v2::LIST_CAP`]), latest window first.
    pub recent_maintenances: Vec<ScheduledMaintenance>,
    /// Maintenances not yet started, soonest first.
    pub upcoming_maintenances: Vec<ScheduledMaintenance>,
    /// Maintenances in progress or verifying, soonest first.
    pub active_maintenances: Vec<ScheduledMaintenance>,
}

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

/// Sets the page's name, public URL and time zone.
pub fn set_page(
    tx: &Transaction<'_>,
    name: &str,
    url: &str,
    time_zone: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE page SET name = ?1, url = ?2, time_zone = ?3, updated_at = ?4",
        params![name, url.trim_end_matches('/'), time_zone, ts(&now)],
    )?;
    Ok(())
}

/// The page's id.
pub fn page_id(conn: &Connection) -> StoreResult<String> {
    Ok(conn.query_row("SELECT id FROM page", [], |r| r.get(0))?)
}

/// The page, `updated_at` being its latest public change.
fn page(conn: &Connection) -> StoreResult<Page> {
    Ok(conn.query_row(
        "SELECT id, name, url, time_zone, max(
             updated_at,
             coalesce((SELECT max(updated_at) FROM components), ''),
             coalesce((SELECT max(updated_at) FROM incidents WHERE visibility = 'public'), '')
         ) FROM page",
        [],
        |r| {
            Ok(Page {
                id: r.get(0)?,
                name: r.get(1)?,
                url: r.get(2)?,
                time_zone: r.get(3)?,
                updated_at: parse_ts(&r.get::<_, String>(4)?)?,
            })
        },
    )?)
}

/// Reads everything the v2 documents show.
pub fn load(conn: &Connection) -> StoreResult<PublicData> {
    load_with(&Reader::new(conn)?)
}

/// Reads everything the v2 documents show, with an existing reader.
pub fn load_with(reader: &Reader<'_>) -> StoreResult<PublicData> {
    let cap = v2::LIST_CAP as i64;
    Ok(PublicData {
        recent_incidents: reader.incidents(
            "kind = 'incident' ORDER BY created_at DESC LIMIT ?1",
            [cap],
        )?,
        unresolved_incidents: reader.incidents(
            "kind = 'incident' AND status IN ('investigating', 'identified', 'monitoring')
             ORDER BY created_at DESC LIMIT ?1",
            [i64::MAX],
        )?,
        recent_maintenances: reader.maintenances(
            "kind = 'maintenance' ORDER BY scheduled_for DESC LIMIT ?1",
            [cap],
        )?,
        upcoming_maintenances: reader.maintenances(
            "kind = 'maintenance' AND status = 'scheduled' ORDER BY scheduled_for LIMIT ?1",
            [i64::MAX],
        )?,
        active_maintenances: reader.maintenances(
            "kind = 'maintenance' AND status IN ('in_progress', 'verifying') ORDER BY scheduled_for LIMIT ?1",
            [i64::MAX],
        )?,
        page: reader.page.clone(),
        components: reader.components.clone(),
    })
}

/// Reads public incidents and maintenances with their public updates. Holds
/// the page and the components, which every incident refers to.
pub struct Reader<'a> {
    conn: &'a Connection,
    /// The page.
    pub page: Page,
    /// Every public component and group, flat, in page order.
    pub components: Vec<Component>,
    by_id: HashMap<String, usize>,
}

/// The columns both incidents and maintenances are read with.
const INCIDENT_COLUMNS: &str = "id, name, status, impact, created_at, updated_at, started_at,
    monitoring_at, resolved_at, scheduled_for, scheduled_until";

/// One row of `INCIDENT_COLUMNS`, before its components and updates are attached.
struct Row {
    id: String,
    name: String,
    status: String,
    impact: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    started_at: Option<DateTime<Utc>>,
    monitoring_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    scheduled_for: Option<DateTime<Utc>>,
    scheduled_until: Option<DateTime<Utc>>,
}

impl<'a> Reader<'a> {
    /// The connection the reader reads from.
    pub fn conn(&self) -> &'a Connection {
        self.conn
    }

    /// Reads the page and the components.
    pub fn new(conn: &'a Connection) -> StoreResult<Reader<'a>> {
        let page = page(conn)?;
        let components: Vec<Component> = components::load_public(conn)?
            .into_iter()
            .map(|c| c.component)
            .collect();
        let by_id = components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Ok(Reader {
            conn,
            page,
            components,
            by_id,
        })
    }

    fn rows<P: rusqlite::Params>(&self, filter: &str, params: P) -> StoreResult<Vec<Row>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE visibility = 'public' AND {filter}"
        ))?;
        let rows = stmt
            .query_map(params, |r| {
                Ok(Row {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    status: r.get(2)?,
                    impact: r.get(3)?,
                    created_at: parse_ts(&r.get::<_, String>(4)?)?,
                    updated_at: parse_ts(&r.get::<_, String>(5)?)?,
                    started_at: parse_ts_opt(r.get(6)?)?,
                    monitoring_at: parse_ts_opt(r.get(7)?)?,
                    resolved_at: parse_ts_opt(r.get(8)?)?,
                    scheduled_for: parse_ts_opt(r.get(9)?)?,
                    scheduled_until: parse_ts_opt(r.get(10)?)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn shortlink(&self, kind: &str, id: &str) -> String {
        format!("{}/{kind}/{id}", self.page.url)
    }

    fn components_of(&self, id: &str) -> StoreResult<Vec<Component>> {
        Ok(incidents::component_ids(self.conn, id)?
            .iter()
            .filter_map(|c| self.by_id.get(c).map(|i| self.components[*i].clone()))
            .collect())
    }

    fn public_updates(&self, id: &str) -> StoreResult<Vec<IncidentUpdate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, status, body, created_at, updated_at, display_at FROM incident_updates
             WHERE incident_id = ?1 AND audience = 'public' ORDER BY seq DESC",
        )?;
        let updates = stmt
            .query_map(params![id], |r| {
                Ok(IncidentUpdate {
                    id: r.get(0)?,
                    status: parse_enum(&r.get::<_, String>(1)?)?,
                    body: r.get(2)?,
                    incident_id: id.to_owned(),
                    created_at: parse_ts(&r.get::<_, String>(3)?)?,
                    updated_at: parse_ts(&r.get::<_, String>(4)?)?,
                    display_at: parse_ts(&r.get::<_, String>(5)?)?,
                    affected_components: Vec::new(),
                    deliver_notifications: true,
                    custom_tweet: None,
                    tweet_id: None,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        updates
            .into_iter()
            .map(|mut u| {
                u.affected_components = incidents::update_changes(self.conn, &u.id, true)?;
                Ok(u)
            })
            .collect()
    }

    /// Public incidents matching `filter` (SQL after `WHERE … AND`).
    pub fn incidents<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> StoreResult<Vec<Incident>> {
        self.rows(filter, params)?
            .into_iter()
            .map(|row| {
                Ok(Incident {
                    shortlink: self.shortlink("incidents", &row.id),
                    page_id: self.page.id.clone(),
                    components: self.components_of(&row.id)?,
                    incident_updates: self.public_updates(&row.id)?,
                    status: parse_enum(&row.status)?,
                    impact: parse_enum(&row.impact)?,
                    created_at: row.created_at,
                    updated_at: row.updated_at,
                    started_at: row.started_at.unwrap_or(row.created_at),
                    monitoring_at: row.monitoring_at,
                    resolved_at: row.resolved_at,
                    name: row.name,
                    id: row.id,
                })
            })
            .collect()
    }

    /// Public maintenances matching `filter` (SQL after `WHERE … AND`).
    pub fn maintenances<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> StoreResult<Vec<ScheduledMaintenance>> {
        self.rows(filter, params)?
            .into_iter()
            .map(|row| {
                Ok(ScheduledMaintenance {
                    shortlink: self.shortlink("maintenances", &row.id),
                    page_id: self.page.id.clone(),
                    components: self.components_of(&row.id)?,
                    incident_updates: self.public_updates(&row.id)?,
                    status: parse_enum(&row.status)?,
                    impact: parse_enum(&row.impact)?,
                    created_at: row.created_at,
                    updated_at: row.updated_at,
                    started_at: row.started_at,
                    monitoring_at: row.monitoring_at,
                    resolved_at: row.resolved_at,
                    scheduled_for: row.scheduled_for.unwrap_or(row.created_at),
                    scheduled_until: row.scheduled_until.unwrap_or(row.created_at),
                    name: row.name,
                    id: row.id,
                })
            })
            .collect()
    }
}
