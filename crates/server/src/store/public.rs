//! What the public may see, read in the public wire shapes.
//!
//! Architecture invariant: every query here filters to public data
//! (`visibility = 'public'`, `audience = 'public'`) and fills only
//! `herald_model::v2` types, which have no field for anything internal. The
//! public documents are rendered from [`PublicData`] alone.

use super::{components, parse_enum, parse_ts, parse_ts_opt, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::public_state;
use herald_model::v2::{
    self, AffectedComponent, Component, Incident, IncidentUpdate, Page, ScheduledMaintenance,
};
use herald_model::{overall_status, ComponentStatus, Impact, Indicator, RollupInput};
use rusqlite::Connection;
use std::collections::HashMap;

/// Everything the public documents are rendered from.
#[derive(Clone, Debug)]
pub struct PublicData {
    /// The page, with `updated_at` the latest public change.
    pub page: Page,
    /// Every public component and group, flat, in page order.
    pub components: Vec<Component>,
    /// What the page says about itself (`<meta name="description">`, the feeds).
    pub description: String,
    /// Whether search engines may index the public page.
    pub indexable: bool,
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

impl PublicData {
    /// The page's overall status, rolled up from public state only.
    pub fn indicator(&self) -> Indicator {
        let statuses: Vec<ComponentStatus> = self
            .components
            .iter()
            .filter(|c| !c.group)
            .map(|c| c.status)
            .collect();
        let impacts: Vec<Impact> = self.unresolved_incidents.iter().map(|i| i.impact).collect();
        overall_status(&RollupInput {
            component_statuses: &statuses,
            incident_impacts: &impacts,
            maintenance_active: !self.active_maintenances.is_empty(),
        })
    }
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
        // `+created_at`: sorting the few open incidents beats walking the
        // whole history in date order (SQLite would pick the latter).
        // Open as customers were told: by the newest public update's status.
        unresolved_incidents: reader.incidents(
            "kind = 'incident' AND public_status IN ('investigating', 'identified', 'monitoring')
             ORDER BY +created_at DESC LIMIT ?1",
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
        description: reader.description.clone(),
        indexable: reader.indexable,
    })
}

/// Reads public incidents and maintenances with their public updates. Holds
/// the page and the components, which every incident refers to.
pub struct Reader<'a> {
    conn: &'a Connection,
    /// The page.
    pub page: Page,
    /// What the page says about itself.
    pub description: String,
    /// Whether search engines may index the public page.
    pub indexable: bool,
    /// Every public component and group, flat, in page order.
    pub components: Vec<Component>,
    by_id: HashMap<String, usize>,
}

/// The public components and updates of one incident or maintenance.
#[derive(Default)]
struct Details {
    components: Vec<Component>,
    updates: Vec<IncidentUpdate>,
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
        let (description, indexable) =
            conn.query_row("SELECT description, indexable FROM page", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
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
            description,
            indexable,
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

    /// The public components and public updates (newest first, with their
    /// public component transitions) of several incidents or maintenances,
    /// read with three queries whatever their number.
    fn details(&self, ids: &[&str]) -> StoreResult<HashMap<String, Details>> {
        let mut out: HashMap<String, Details> = ids
            .iter()
            .map(|id| ((*id).to_owned(), Details::default()))
            .collect();
        if ids.is_empty() {
            return Ok(out);
        }
        // The ids go in as one JSON array, so each statement's text is fixed
        // and prepared once per connection, whatever the number of ids.
        let list = serde_json::Value::from(ids.to_vec()).to_string();

        let mut stmt = self.conn.prepare_cached(
            "SELECT ic.incident_id, ic.component_id FROM incident_components ic
             JOIN components c ON c.id = ic.component_id
             WHERE ic.incident_id IN (SELECT value FROM json_each(?1)) ORDER BY c.position, c.name",
        )?;
        let mut rows = stmt.query([&list])?;
        while let Some(r) = rows.next()? {
            let incident: String = r.get(0)?;
            let component: String = r.get(1)?;
            if let (Some(d), Some(i)) = (out.get_mut(&incident), self.by_id.get(&component)) {
                d.components.push(self.components[*i].clone());
            }
        }

        let mut changes: HashMap<String, Vec<AffectedComponent>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT ucc.update_id, ucc.component_id, c.name, ucc.old_status, ucc.new_status
             FROM update_component_changes ucc
             JOIN incident_updates u ON u.id = ucc.update_id
             JOIN components c ON c.id = ucc.component_id
             WHERE u.incident_id IN (SELECT value FROM json_each(?1)) AND u.audience = 'public'
                 AND c.internal_only = 0
             ORDER BY c.position, c.name",
        )?;
        let mut rows = stmt.query([&list])?;
        while let Some(r) = rows.next()? {
            changes
                .entry(r.get(0)?)
                .or_default()
                .push(AffectedComponent {
                    code: r.get(1)?,
                    name: r.get(2)?,
                    old_status: parse_enum(&r.get::<_, String>(3)?)?,
                    new_status: parse_enum(&r.get::<_, String>(4)?)?,
                });
        }

        let mut stmt = self.conn.prepare_cached(
            "SELECT id, incident_id, status, body, created_at, updated_at, display_at
             FROM incident_updates
             WHERE incident_id IN (SELECT value FROM json_each(?1)) AND audience = 'public'
             ORDER BY seq DESC",
        )?;
        let mut rows = stmt.query([&list])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let incident_id: String = r.get(1)?;
            let update = IncidentUpdate {
                affected_components: changes.remove(&id).unwrap_or_default(),
                id,
                status: parse_enum(&r.get::<_, String>(2)?)?,
                body: r.get(3)?,
                created_at: parse_ts(&r.get::<_, String>(4)?)?,
                updated_at: parse_ts(&r.get::<_, String>(5)?)?,
                display_at: parse_ts(&r.get::<_, String>(6)?)?,
                deliver_notifications: true,
                custom_tweet: None,
                tweet_id: None,
                incident_id: incident_id.clone(),
            };
            if let Some(d) = out.get_mut(&incident_id) {
                d.updates.push(update);
            }
        }
        Ok(out)
    }

    /// Public incidents matching `filter` (SQL after `WHERE … AND`).
    pub fn incidents<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> StoreResult<Vec<Incident>> {
        let rows = self.rows(filter, params)?;
        let mut details = self.details(&rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>())?;
        rows.into_iter()
            .map(|row| {
                let Details {
                    components,
                    updates,
                } = details.remove(&row.id).unwrap_or_default();
                // Status and its times as the public updates tell them; an
                // internal update moves only the staff's view.
                let progress = public_state::incident_progress(&updates);
                Ok(Incident {
                    shortlink: self.shortlink("incidents", &row.id),
                    page_id: self.page.id.clone(),
                    components,
                    incident_updates: updates,
                    status: match progress {
                        Some(p) => p.status,
                        None => parse_enum(&row.status)?,
                    },
                    impact: parse_enum(&row.impact)?,
                    created_at: row.created_at,
                    updated_at: row.updated_at,
                    started_at: row.started_at.unwrap_or(row.created_at),
                    monitoring_at: progress.and_then(|p| p.monitoring_at),
                    resolved_at: progress.and_then(|p| p.resolved_at),
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
        let rows = self.rows(filter, params)?;
        let mut details = self.details(&rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>())?;
        rows.into_iter()
            .map(|row| {
                let Details {
                    components,
                    updates,
                } = details.remove(&row.id).unwrap_or_default();
                Ok(ScheduledMaintenance {
                    shortlink: self.shortlink("maintenances", &row.id),
                    page_id: self.page.id.clone(),
                    components,
                    incident_updates: updates,
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
