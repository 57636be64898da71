//! Reads for Herald's own public documents: one incident or maintenance by
//! id, the uptime bars, and the monthly history with its index. Like
//! `super::public`, every query here filters to public data.

use super::public::Reader;
use super::{parse_enum, parse_ts, parse_ts_opt, ts, StoreResult};
use crate::calendar;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use herald_model::herald::{
    ComponentUptime, HistoryMonthRef, IncidentRef, UptimeDay, UPTIME_DAYS, UPTIME_DAY_INCIDENTS,
};
use herald_model::uptime::{self, StatusChange};
use herald_model::v2::{Incident, ScheduledMaintenance};
use herald_model::{ComponentStatus, Impact};
use rusqlite::{params, OptionalExtension};

impl Reader<'_> {
    /// The page's time zone.
    pub fn zone(&self) -> Tz {
        calendar::zone(&self.page.time_zone)
    }

    /// One public incident by id.
    pub fn incident(&self, id: &str) -> StoreResult<Option<Incident>> {
        Ok(self
            .incidents("kind = 'incident' AND id = ?1", [id])?
            .into_iter()
            .next())
    }

    /// One public maintenance by id.
    pub fn maintenance(&self, id: &str) -> StoreResult<Option<ScheduledMaintenance>> {
        Ok(self
            .maintenances("kind = 'maintenance' AND id = ?1", [id])?
            .into_iter()
            .next())
    }

    /// Public incidents created, and maintenances planned, in the month
    /// starting `first` (page time zone), newest first.
    pub fn month(
        &self,
        first: NaiveDate,
    ) -> StoreResult<(Vec<Incident>, Vec<ScheduledMaintenance>)> {
        let (start, end) = calendar::month_span(first, self.zone());
        let span = params![ts(&start), ts(&end)];
        Ok((
            self.incidents(
                "kind = 'incident' AND created_at >= ?1 AND created_at < ?2 ORDER BY created_at DESC",
                span,
            )?,
            self.maintenances(
                "kind = 'maintenance' AND scheduled_for >= ?1 AND scheduled_for < ?2 ORDER BY scheduled_for DESC",
                params![ts(&start), ts(&end)],
            )?,
        ))
    }

    /// The months that have public history, newest first, with counts.
    pub fn history_index(&self, now: DateTime<Utc>) -> StoreResult<Vec<HistoryMonthRef>> {
        let tz = self.zone();
        // Two index lookups (incidents by creation, maintenances by window).
        let earliest: Option<String> = self.conn().query_row(
            "SELECT min(t) FROM (
                 SELECT min(created_at) AS t FROM incidents WHERE kind = 'incident' AND visibility = 'public'
                 UNION ALL
                 SELECT min(scheduled_for) FROM incidents WHERE kind = 'maintenance' AND visibility = 'public')",
            [],
            |r| r.get(0),
        )?;
        let Some(earliest) = earliest else {
            return Ok(Vec::new());
        };
        let earliest = parse_ts(&earliest)?;
        let mut first = calendar::local_date(earliest, tz)
            .with_day0(0)
            .unwrap_or_default();
        let last = calendar::local_date(now.max(earliest), tz);
        let mut months = Vec::new();
        let mut count_incidents = self.conn().prepare_cached(
            "SELECT count(*) FROM incidents WHERE kind = 'incident' AND visibility = 'public'
             AND created_at >= ?1 AND created_at < ?2",
        )?;
        let mut count_maintenances = self.conn().prepare_cached(
            "SELECT count(*) FROM incidents WHERE kind = 'maintenance' AND visibility = 'public'
             AND scheduled_for >= ?1 AND scheduled_for < ?2",
        )?;
        // Maintenances may be planned months ahead: walk to the latest one too.
        let latest_planned: Option<String> = self.conn().query_row(
            "SELECT max(scheduled_for) FROM incidents WHERE kind = 'maintenance' AND visibility = 'public'",
            [],
            |r| r.get(0),
        )?;
        let last = match parse_ts_opt(latest_planned)? {
            Some(p) => last.max(calendar::local_date(p, tz)),
            None => last,
        };
        while first <= last {
            let (start, end) = calendar::month_span(first, tz);
            let span = params![ts(&start), ts(&end)];
            let incidents: usize = count_incidents.query_row(span, |r| r.get(0))?;
            let maintenances: usize =
                count_maintenances.query_row(params![ts(&start), ts(&end)], |r| r.get(0))?;
            if incidents + maintenances > 0 {
                let month = calendar::month_key(first);
                months.push(HistoryMonthRef {
                    path: herald_model::herald::paths::history_month(&month),
                    month,
                    incidents,
                    scheduled_maintenances: maintenances,
                });
            }
            first = calendar::next_month(first);
        }
        months.reverse();
        Ok(months)
    }

    /// Uptime bars for every showcased, non-group component over the
    /// [`UPTIME_DAYS`] days ending today (page time zone).
    pub fn uptime(&self, now: DateTime<Utc>) -> StoreResult<Vec<ComponentUptime>> {
        let tz = self.zone();
        let days = calendar::days_ending(now, UPTIME_DAYS, tz);
        let (window_start, window_end) = match (days.first(), days.last()) {
            (Some(f), Some(l)) => (f.start, l.end),
            _ => return Ok(Vec::new()),
        };
        let touching = self.incidents_touching(window_start, now)?;
        let lengths: Vec<f64> = days
            .iter()
            .map(|d| (d.end.min(now) - d.start).num_seconds().max(0) as f64)
            .collect();
        let mut out = Vec::new();
        for c in self.components.iter().filter(|c| !c.group && c.showcase) {
            let since = c
                .start_date
                .map(|d| calendar::start_of(d, tz))
                .unwrap_or(c.created_at)
                .max(c.created_at.min(window_end));
            let (initial, changes) = self.status_changes(&c.id, window_start, c.status)?;
            let mine: Vec<&Touching> = touching
                .iter()
                .filter(|t| t.components.contains(&c.id))
                .collect();
            let measured = uptime::daily(initial, &changes, &days, since, now);
            let period = uptime::overall(&measured, &lengths);
            let bars = measured
                .into_iter()
                .zip(&days)
                .map(|(u, day)| {
                    let that_day: Vec<&Touching> = mine
                        .iter()
                        .copied()
                        .filter(|t| t.start < day.end && t.end > day.start)
                        .collect();
                    let (incidents, more_incidents) = most_severe(&that_day);
                    UptimeDay {
                        incidents,
                        more_incidents,
                        uptime: u,
                    }
                })
                .collect();
            out.push(ComponentUptime {
                id: c.id.clone(),
                name: c.name.clone(),
                status: c.status,
                uptime: period,
                days: bars,
            });
        }
        Ok(out)
    }

    /// The status a component was in at `from`, and its changes since.
    fn status_changes(
        &self,
        component_id: &str,
        from: DateTime<Utc>,
        current: ComponentStatus,
    ) -> StoreResult<(ComponentStatus, Vec<StatusChange>)> {
        let before: Option<String> = self
            .conn()
            .prepare_cached(
                "SELECT new_status FROM component_status_changes
                 WHERE component_id = ?1 AND public = 1 AND at < ?2
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row(params![component_id, ts(&from)], |r| r.get(0))
            .optional()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, old_status, new_status FROM component_status_changes
             WHERE component_id = ?1 AND public = 1 AND at >= ?2 ORDER BY at, id",
        )?;
        let rows = stmt
            .query_map(params![component_id, ts(&from)], |r| {
                Ok((
                    parse_ts(&r.get::<_, String>(0)?)?,
                    parse_enum::<ComponentStatus>(&r.get::<_, String>(1)?)?,
                    parse_enum::<ComponentStatus>(&r.get::<_, String>(2)?)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let initial = match (before, rows.first()) {
            (Some(s), _) => parse_enum(&s)?,
            (None, Some((_, old, _))) => *old,
            (None, None) => current,
        };
        let changes = rows
            .into_iter()
            .map(|(at, _, status)| StatusChange { at, status })
            .collect();
        Ok((initial, changes))
    }

    /// Public incidents in force at some point of `[from, now]`.
    fn incidents_touching(
        &self,
        from: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Touching>> {
        // One row per (incident, component): no correlated subquery per
        // incident. `+i.visibility` keeps SQLite from walking every public
        // incident by the visibility index instead of looking up the few
        // in the window by id.
        let mut stmt = self.conn().prepare_cached(
            "SELECT i.id, i.name, i.impact, coalesce(i.started_at, i.created_at), i.resolved_at,
                 ic.component_id
             FROM incidents i JOIN incident_components ic ON ic.incident_id = i.id
             WHERE i.id IN (
                 SELECT id FROM incidents WHERE kind = 'incident' AND resolved_at >= ?1
                 UNION ALL
                 SELECT id FROM incidents WHERE kind = 'incident'
                     AND public_status IN ('investigating', 'identified', 'monitoring'))
               AND +i.visibility = 'public'
             ORDER BY coalesce(i.started_at, i.created_at), i.id",
        )?;
        let mut rows: Vec<Touching> = Vec::new();
        let mut cursor = stmt.query([ts(&from)])?;
        while let Some(r) = cursor.next()? {
            let id: String = r.get(0)?;
            let component: String = r.get(5)?;
            if let Some(last) = rows.last_mut().filter(|t| t.reference.id == id) {
                last.components.push(component);
                continue;
            }
            let start = parse_ts(&r.get::<_, String>(3)?)?;
            let end = parse_ts_opt(r.get(4)?)?.unwrap_or(now);
            rows.push(Touching {
                reference: IncidentRef {
                    id,
                    name: r.get(1)?,
                    impact: parse_enum::<Impact>(&r.get::<_, String>(2)?)?,
                },
                start,
                // An incident resolved within a second still touches its day.
                end: end.max(start + Duration::seconds(1)),
                components: vec![component],
            });
        }
        Ok(rows)
    }
}

/// The [`UPTIME_DAY_INCIDENTS`] most severe of a day's incidents (the
/// earlier first among equals), in order of start, and how many are left out.
fn most_severe(incidents: &[&Touching]) -> (Vec<IncidentRef>, usize) {
    let rank = |impact: Impact| match impact {
        Impact::Critical => 0,
        Impact::Major => 1,
        Impact::Minor => 2,
        Impact::None | Impact::Maintenance => 3,
    };
    let mut kept: Vec<usize> = (0..incidents.len()).collect();
    kept.sort_by_key(|&i| (rank(incidents[i].reference.impact), i));
    kept.truncate(UPTIME_DAY_INCIDENTS);
    kept.sort_unstable();
    let refs = kept
        .iter()
        .map(|&i| incidents[i].reference.clone())
        .collect();
    (refs, incidents.len() - kept.len())
}

/// An incident in force during part of the uptime window.
struct Touching {
    reference: IncidentRef,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    components: Vec<String>,
}

/// Incidents and maintenances changed at or after `since`, with the month
/// (page time zone) their archive belongs to.
pub fn changed_since(
    conn: &rusqlite::Connection,
    since: DateTime<Utc>,
    tz: Tz,
) -> StoreResult<Vec<(String, String, String)>> {
    // Changed themselves, or showing something that changed elsewhere
    // (`republish`, emptied by [`republished`] once rendered).
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, coalesce(scheduled_for, created_at) FROM incidents
         WHERE updated_at >= ?1 AND visibility = 'public'
         UNION
         SELECT id, kind, coalesce(scheduled_for, created_at) FROM incidents
         WHERE id IN (SELECT incident_id FROM republish) AND visibility = 'public'",
    )?;
    let rows = stmt
        .query_map([ts(&since)], |r| {
            let at = parse_ts(&r.get::<_, String>(2)?)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                calendar::month_key(calendar::local_date(at, tz)),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Every public incident and maintenance: `(incidents, maintenances)` ids.
pub fn public_objects(conn: &rusqlite::Connection) -> StoreResult<(Vec<String>, Vec<String>)> {
    let mut stmt =
        conn.prepare_cached("SELECT id, kind FROM incidents WHERE visibility = 'public'")?;
    let (mut incidents, mut maintenances) = (Vec::new(), Vec::new());
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (id, kind) = row?;
        if kind == "maintenance" {
            maintenances.push(id);
        } else {
            incidents.push(id);
        }
    }
    Ok((incidents, maintenances))
}

/// Empties the list of objects to render again, once they are rendered.
pub fn republished(conn: &rusqlite::Connection) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM republish")?.execute([])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touching(id: &str, impact: Impact) -> Touching {
        let start = Utc::now();
        Touching {
            reference: IncidentRef {
                id: id.to_owned(),
                name: id.to_owned(),
                impact,
            },
            start,
            end: start,
            components: Vec::new(),
        }
    }

    #[test]
    fn a_day_keeps_its_most_severe_incidents_in_order_of_start() {
        let day: Vec<Touching> = [
            ("a", Impact::Minor),
            ("b", Impact::None),
            ("c", Impact::Critical),
            ("d", Impact::Minor),
            ("e", Impact::Major),
            ("f", Impact::Minor),
            ("g", Impact::Critical),
        ]
        .into_iter()
        .map(|(id, impact)| touching(id, impact))
        .collect();
        let refs: Vec<&Touching> = day.iter().collect();
        let (kept, more) = most_severe(&refs);
        let ids: Vec<&str> = kept.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d", "e", "g"]);
        assert_eq!(more, 2);
        let (kept, more) = most_severe(&refs[..3]);
        assert_eq!(kept.len(), 3);
        assert_eq!(more, 0);
    }
}
