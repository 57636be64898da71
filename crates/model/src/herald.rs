//! Herald's own public documents, beside the v2 set: what Statuspage's
//! format lacks. They live under `/api/herald/` and, like the v2 set, are
//! plain files a static host can serve.
//!
//! None of the documents the home page loads grows with the length of the
//! history: the uptime document covers a fixed number of days, and the
//! history is split into one archive per month with a small index.

use crate::status::{ComponentStatus, Impact};
use crate::uptime::DayUptime;
use crate::v2::{Incident, Page, ScheduledMaintenance};
use serde::{Deserialize, Serialize};

/// How many days the uptime bars cover.
pub const UPTIME_DAYS: usize = 90;

/// How many incidents a day of an uptime bar names at most; the others are
/// counted in [`UptimeDay::more_incidents`], so the uptime document stays
/// small however busy a day was.
pub const UPTIME_DAY_INCIDENTS: usize = 5;

/// Fixed paths and path builders of Herald's documents.
pub mod paths {
    /// Daily status of each showcased component for the uptime bars.
    pub const UPTIME: &str = "/api/herald/uptime.json";
    /// The months that have history, newest first.
    pub const HISTORY_INDEX: &str = "/api/herald/history/index.json";

    /// One incident with its whole public timeline.
    pub fn incident(id: &str) -> String {
        format!("/api/herald/incidents/{id}.json")
    }

    /// One scheduled maintenance with its whole public timeline.
    pub fn maintenance(id: &str) -> String {
        format!("/api/herald/maintenances/{id}.json")
    }

    /// The archive of one month (`YYYY-MM`, page time zone).
    pub fn history_month(month: &str) -> String {
        format!("/api/herald/history/{month}.json")
    }
}

/// `/api/herald/incidents/{id}.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentDoc {
    /// The page.
    pub page: Page,
    /// The incident with every public update, newest first.
    pub incident: Incident,
}

/// `/api/herald/maintenances/{id}.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenanceDoc {
    /// The page.
    pub page: Page,
    /// The maintenance with every public update, newest first.
    pub scheduled_maintenance: ScheduledMaintenance,
}

/// An incident mentioned by a day of the uptime bars.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentRef {
    /// Incident id (see [`paths::incident`]).
    pub id: String,
    /// Public title.
    pub name: String,
    /// Public impact.
    pub impact: Impact,
}

/// One day of one component's uptime bar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(from = "FlatUptimeDay")]
pub struct UptimeDay {
    /// Worst status, uptime and outage seconds of the day.
    #[serde(flatten)]
    pub uptime: DayUptime,
    /// Public incidents that affected the component that day, in order of
    /// start; at most [`UPTIME_DAY_INCIDENTS`], the most severe ones.
    pub incidents: Vec<IncidentRef>,
    /// How many more public incidents affected it that day (absent when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_incidents: usize,
}

/// [`UptimeDay`] as it is written, read field by field: serde's `flatten`
/// would buffer every field of every day first, and its machinery is a
/// sizeable part of the web app's module.
#[derive(Deserialize)]
struct FlatUptimeDay {
    #[serde(with = "crate::time::date")]
    date: chrono::NaiveDate,
    worst: Option<ComponentStatus>,
    uptime: Option<f64>,
    partial_outage_seconds: i64,
    major_outage_seconds: i64,
    incidents: Vec<IncidentRef>,
    #[serde(default)]
    more_incidents: usize,
}

impl From<FlatUptimeDay> for UptimeDay {
    fn from(day: FlatUptimeDay) -> Self {
        UptimeDay {
            uptime: DayUptime {
                date: day.date,
                worst: day.worst,
                uptime: day.uptime,
                partial_outage_seconds: day.partial_outage_seconds,
                major_outage_seconds: day.major_outage_seconds,
            },
            incidents: day.incidents,
            more_incidents: day.more_incidents,
        }
    }
}

impl UptimeDay {
    /// How many public incidents affected the component that day.
    pub fn incident_count(&self) -> usize {
        self.incidents.len() + self.more_incidents
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The uptime bars of one component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentUptime {
    /// Component id.
    pub id: String,
    /// Component name.
    pub name: String,
    /// Current status.
    pub status: ComponentStatus,
    /// Uptime over the measured days of the period, in percent.
    pub uptime: Option<f64>,
    /// One entry per day, oldest first, ending today.
    pub days: Vec<UptimeDay>,
}

/// `/api/herald/uptime.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UptimeDoc {
    /// The page.
    pub page: Page,
    /// How many days each bar covers ([`UPTIME_DAYS`]).
    pub days: usize,
    /// Showcased components, in page order.
    pub components: Vec<ComponentUptime>,
}

/// One month in the history index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryMonthRef {
    /// `YYYY-MM`, in the page's time zone.
    pub month: String,
    /// Public incidents created that month.
    pub incidents: usize,
    /// Scheduled maintenances planned that month.
    pub scheduled_maintenances: usize,
    /// Path of the month's archive.
    pub path: String,
}

/// `/api/herald/history/index.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryIndex {
    /// The page.
    pub page: Page,
    /// Months with history, newest first.
    pub months: Vec<HistoryMonthRef>,
}

/// `/api/herald/history/{YYYY-MM}.json`: everything public of one month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryMonth {
    /// The page.
    pub page: Page,
    /// `YYYY-MM`, in the page's time zone.
    pub month: String,
    /// Public incidents created that month, newest first.
    pub incidents: Vec<Incident>,
    /// Scheduled maintenances planned that month, latest first.
    pub scheduled_maintenances: Vec<ScheduledMaintenance>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_days_read_back_what_is_written() {
        let json = r#"{"date":"2026-11-05","worst":"major_outage","uptime":97.43,"partial_outage_seconds":0,"major_outage_seconds":2220,"incidents":[{"id":"i1","name":"API errors","impact":"major"}],"more_incidents":2}"#;
        let day: UptimeDay = serde_json::from_str(json).unwrap();
        assert_eq!(day.uptime.date.to_string(), "2026-11-05");
        assert_eq!(day.uptime.worst, Some(ComponentStatus::MajorOutage));
        assert_eq!(day.uptime.major_outage_seconds, 2220);
        assert_eq!(day.incidents[0].impact, Impact::Major);
        assert_eq!(day.incident_count(), 3);
        assert_eq!(serde_json::to_string(&day).unwrap(), json);

        // A quiet day leaves `more_incidents` out, and reads back as 0.
        let quiet = r#"{"date":"2026-11-06","worst":null,"uptime":null,"partial_outage_seconds":0,"major_outage_seconds":0,"incidents":[]}"#;
        let day: UptimeDay = serde_json::from_str(quiet).unwrap();
        assert_eq!((day.uptime.worst, day.more_incidents), (None, 0));
        assert_eq!(serde_json::to_string(&day).unwrap(), quiet);
    }
}
