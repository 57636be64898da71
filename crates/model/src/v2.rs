//! The public documents in Statuspage's v2 shapes (`/api/v2/*.json`).
//!
//! Field names and enum values are exactly Statuspage's, so existing widgets,
//! exporters and clients work unchanged. Fields Herald adds go beside these,
//! never instead of them. Nothing internal (issue keys, summaries, severities,
//! internal updates) has a field here: what a public document may contain is
//! decided by these types.

use crate::rollup::Indicator;
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, UpdateStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Most recent incidents or maintenances a list document carries.
pub const LIST_CAP: usize = 50;

/// The paths of the eight v2 documents, relative to the site root.
pub mod paths {
    /// Page, status, components, unresolved incidents, upcoming and active maintenances.
    pub const SUMMARY: &str = "/api/v2/summary.json";
    /// Page and overall status.
    pub const STATUS: &str = "/api/v2/status.json";
    /// Page and every public component (groups and children, flat).
    pub const COMPONENTS: &str = "/api/v2/components.json";
    /// Page and the 50 most recent incidents.
    pub const INCIDENTS: &str = "/api/v2/incidents.json";
    /// Page and the unresolved incidents.
    pub const INCIDENTS_UNRESOLVED: &str = "/api/v2/incidents/unresolved.json";
    /// Page and the 50 most recent scheduled maintenances.
    pub const MAINTENANCES: &str = "/api/v2/scheduled-maintenances.json";
    /// Page and the maintenances not yet started.
    pub const MAINTENANCES_UPCOMING: &str = "/api/v2/scheduled-maintenances/upcoming.json";
    /// Page and the maintenances in progress or verifying.
    pub const MAINTENANCES_ACTIVE: &str = "/api/v2/scheduled-maintenances/active.json";
    /// All eight, in the order above.
    pub const ALL: [&str; 8] = [
        SUMMARY,
        STATUS,
        COMPONENTS,
        INCIDENTS,
        INCIDENTS_UNRESOLVED,
        MAINTENANCES,
        MAINTENANCES_UPCOMING,
        MAINTENANCES_ACTIVE,
    ];
}

/// The status page itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page {
    /// Stable identifier.
    pub id: String,
    /// Display name, e.g. "Acme Cloud".
    pub name: String,
    /// Public URL of the status page.
    pub url: String,
    /// IANA time zone the page is kept in, e.g. "Europe/Berlin".
    pub time_zone: String,
    /// When anything on the page last changed.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
}

/// The overall status (`status` in `status.json` and `summary.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Status {
    /// The worst current state.
    pub indicator: Indicator,
    /// Its sentence, e.g. "All Systems Operational".
    pub description: String,
}

impl From<Indicator> for Status {
    fn from(indicator: Indicator) -> Self {
        Status {
            indicator,
            description: indicator.description().to_owned(),
        }
    }
}

/// A component or a component group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Component {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Current status; a group shows the worst of its children.
    pub status: ComponentStatus,
    /// When the component was created.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When the component last changed.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
    /// Order on the page, within its group.
    pub position: i64,
    /// Optional description shown to customers.
    pub description: Option<String>,
    /// Whether the page shows uptime bars for it.
    pub showcase: bool,
    /// First day its uptime history counts from (`YYYY-MM-DD`).
    #[serde(with = "crate::time::date_opt")]
    pub start_date: Option<NaiveDate>,
    /// The group it belongs to, if any.
    pub group_id: Option<String>,
    /// The page it belongs to.
    pub page_id: String,
    /// Whether this is a group of components.
    pub group: bool,
    /// Whether the page hides it while it is operational.
    pub only_show_if_degraded: bool,
    /// For groups: the ids of its children, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

/// A component an update changed, with its status before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AffectedComponent {
    /// The component's id.
    pub code: String,
    /// The component's name.
    pub name: String,
    /// Status before the update.
    pub old_status: ComponentStatus,
    /// Status after the update.
    pub new_status: ComponentStatus,
}

/// One public update of an incident or maintenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentUpdate {
    /// Stable identifier.
    pub id: String,
    /// The status the update announced.
    pub status: UpdateStatus,
    /// The message, plain text.
    pub body: String,
    /// The incident or maintenance it belongs to.
    pub incident_id: String,
    /// When it was written.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When it was last edited.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
    /// The time shown beside it.
    #[serde(with = "crate::time::millis")]
    pub display_at: DateTime<Utc>,
    /// Components whose status the update changed.
    pub affected_components: Vec<AffectedComponent>,
    /// Whether subscribers were notified.
    pub deliver_notifications: bool,
    /// Statuspage field kept for compatibility; always `null`.
    pub custom_tweet: Option<String>,
    /// Statuspage field kept for compatibility; always `null`.
    pub tweet_id: Option<String>,
}

/// An incident as customers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Incident {
    /// Stable identifier.
    pub id: String,
    /// Public title.
    pub name: String,
    /// Current status.
    pub status: IncidentStatus,
    /// Public impact.
    pub impact: Impact,
    /// When it was declared.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
    /// When the disruption began.
    #[serde(with = "crate::time::millis")]
    pub started_at: DateTime<Utc>,
    /// When it first moved to `monitoring`.
    #[serde(with = "crate::time::millis_opt")]
    pub monitoring_at: Option<DateTime<Utc>>,
    /// When it was resolved.
    #[serde(with = "crate::time::millis_opt")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Permalink to the incident on the status page.
    pub shortlink: String,
    /// The page it belongs to.
    pub page_id: String,
    /// The affected public components.
    pub components: Vec<Component>,
    /// Public updates, newest first.
    pub incident_updates: Vec<IncidentUpdate>,
}

/// A scheduled maintenance: an incident's fields plus its window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduledMaintenance {
    /// Stable identifier.
    pub id: String,
    /// Public title.
    pub name: String,
    /// Current status.
    pub status: MaintenanceStatus,
    /// Always `maintenance`.
    pub impact: Impact,
    /// When it was announced.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
    /// When the work actually began, once it has.
    #[serde(with = "crate::time::millis_opt")]
    pub started_at: Option<DateTime<Utc>>,
    /// Statuspage field kept for compatibility; `null` for maintenances.
    #[serde(with = "crate::time::millis_opt")]
    pub monitoring_at: Option<DateTime<Utc>>,
    /// When it completed.
    #[serde(with = "crate::time::millis_opt")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Permalink to the maintenance on the status page.
    pub shortlink: String,
    /// The page it belongs to.
    pub page_id: String,
    /// The components under maintenance.
    pub components: Vec<Component>,
    /// Public updates, newest first.
    pub incident_updates: Vec<IncidentUpdate>,
    /// Planned start of the window.
    #[serde(with = "crate::time::millis")]
    pub scheduled_for: DateTime<Utc>,
    /// Planned end of the window.
    #[serde(with = "crate::time::millis")]
    pub scheduled_until: DateTime<Utc>,
}

/// `/api/v2/summary.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryDoc {
    /// The page.
    pub page: Page,
    /// The overall status.
    pub status: Status,
    /// Every public component, groups and children, flat.
    pub components: Vec<Component>,
    /// Unresolved incidents, newest first.
    pub incidents: Vec<Incident>,
    /// Upcoming and active maintenances, soonest first.
    pub scheduled_maintenances: Vec<ScheduledMaintenance>,
}

/// `/api/v2/status.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusDoc {
    /// The page.
    pub page: Page,
    /// The overall status.
    pub status: Status,
}

/// `/api/v2/components.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentsDoc {
    /// The page.
    pub page: Page,
    /// Every public component, groups and children, flat.
    pub components: Vec<Component>,
}

/// `/api/v2/incidents.json` and `/api/v2/incidents/unresolved.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentsDoc {
    /// The page.
    pub page: Page,
    /// Incidents, newest first.
    pub incidents: Vec<Incident>,
}

/// `/api/v2/scheduled-maintenances*.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenancesDoc {
    /// The page.
    pub page: Page,
    /// Scheduled maintenances.
    pub scheduled_maintenances: Vec<ScheduledMaintenance>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn page() -> Page {
        Page {
            id: "pg1".into(),
            name: "Acme".into(),
            url: "https://status.example.com".into(),
            time_zone: "Etc/UTC".into(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
        }
    }

    #[test]
    fn status_doc_has_statuspage_shape() {
        let doc = StatusDoc {
            page: page(),
            status: Indicator::Minor.into(),
        };
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["status"]["indicator"], "minor");
        assert_eq!(json["status"]["description"], "Minor Service Outage");
        assert_eq!(json["page"]["updated_at"], "2026-01-02T03:04:05.000Z");
    }

    #[test]
    fn only_groups_carry_a_components_list() {
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Component {
            id: "c1".into(),
            name: "API".into(),
            status: ComponentStatus::Operational,
            created_at: at,
            updated_at: at,
            position: 1,
            description: None,
            showcase: true,
            start_date: NaiveDate::from_ymd_opt(2026, 1, 1),
            group_id: None,
            page_id: "pg1".into(),
            group: false,
            only_show_if_degraded: false,
            components: None,
        };
        let json = serde_json::to_value(&c).unwrap();
        assert!(json.get("components").is_none());
        assert_eq!(json["start_date"], "2026-01-01");
        assert!(json["description"].is_null());
        c.group = true;
        c.components = Some(vec!["c2".into()]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["components"][0], "c2");
    }
}
