//! The demo page seeded by `herald serve --demo` on first start: component
//! groups, components, one open incident with updates, resolved incidents
//! over the past weeks and one upcoming maintenance.
//!
//! A client of the store like the API: everything is written through the
//! same store functions the API uses,
//! with "now" set to past times, so the history (status changes, updates,
//! audit) is exactly what real use would have left.

use crate::store::{
    components, in_transaction, incidents, maintenance, settings, Connection, StoreResult,
    Transaction,
};
use chrono::{DateTime, Duration, Utc};
use herald_model::api::{
    ComponentChange, NewComponent, NewIncident, NewUpdate, ResolveIncident, Roles, SessionUser,
    Visibility,
};
use herald_model::assessment::{AffectedScope, Assessment, ImpactAudience, Symptom};
use herald_model::portal::{NewMaintenance, PageSettings};
use herald_model::{ComponentStatus, IncidentStatus, Severity};

/// Whether the database holds no components yet (a fresh page).
pub fn is_empty(conn: &Connection) -> StoreResult<bool> {
    components::none_yet(conn)
}

fn component(name: &str, description: &str, group_id: Option<&str>) -> NewComponent {
    NewComponent {
        name: name.to_owned(),
        description: Some(description.to_owned()),
        group: false,
        group_id: group_id.map(str::to_owned),
        position: None,
        status: None,
        showcase: Some(true),
        only_show_if_degraded: false,
        start_date: None,
        internal_only: false,
    }
}

fn group(name: &str) -> NewComponent {
    NewComponent {
        group: true,
        description: None,
        ..component(name, "", None)
    }
}

/// A past incident of the demo: when, what, and which components it hit.
struct PastIncident {
    days_ago: i64,
    key: &'static str,
    severity: Severity,
    title: &'static str,
    summary: &'static str,
    hit: &'static [(&'static str, ComponentStatus)],
    investigating: &'static str,
    identified: &'static str,
    resolved: &'static str,
    minutes: i64,
}

const PAST: &[PastIncident] = &[
    PastIncident {
        days_ago: 33,
        key: "OPS-101",
        severity: Severity::Sev3,
        title: "Delayed email notifications",
        summary: "SMTP relay queue backed up after a certificate rotation.",
        hit: &[("Email delivery", ComponentStatus::DegradedPerformance)],
        investigating: "Some notification emails are arriving late. We are investigating.",
        identified: "We found a backlog in our mail relay and are clearing it.",
        resolved: "The backlog is cleared and emails are delivered on time again.",
        minutes: 95,
    },
    PastIncident {
        days_ago: 24,
        key: "OPS-117",
        severity: Severity::Sev2,
        title: "Dashboard fails to load for some users",
        summary: "Bad CDN config pushed in release 2026.10.3.",
        hit: &[("Web dashboard", ComponentStatus::PartialOutage)],
        investigating: "Some users see a blank dashboard. We are investigating.",
        identified: "A configuration change caused this; we are rolling it back.",
        resolved: "The rollback is complete and the dashboard loads for everyone.",
        minutes: 48,
    },
    PastIncident {
        days_ago: 17,
        key: "OPS-124",
        severity: Severity::Sev1,
        title: "API unavailable",
        summary: "Primary database failover stalled; replicas lagged 40 min.",
        hit: &[
            ("API", ComponentStatus::MajorOutage),
            ("Database", ComponentStatus::MajorOutage),
        ],
        investigating: "The API is not responding. We are investigating with high priority.",
        identified: "A database failover did not complete. We are promoting a healthy replica.",
        resolved: "The API is available again. A post-incident review will follow.",
        minutes: 37,
    },
    PastIncident {
        days_ago: 9,
        key: "OPS-131",
        severity: Severity::Sev3,
        title: "Slow webhook deliveries",
        summary: "Worker pool undersized after autoscaler misconfiguration.",
        hit: &[("Webhooks", ComponentStatus::DegradedPerformance)],
        investigating: "Webhook deliveries are slower than usual. We are looking into it.",
        identified: "We added capacity to the delivery workers.",
        resolved: "Webhook deliveries are back to normal speed.",
        minutes: 70,
    },
    PastIncident {
        days_ago: 4,
        key: "OPS-138",
        severity: Severity::Sev2,
        title: "Login errors for some accounts",
        summary: "Session store eviction storm on cache node 2.",
        hit: &[("API", ComponentStatus::PartialOutage)],
        investigating: "Some users cannot log in. We are investigating.",
        identified: "We identified a problem in our session storage and are fixing it.",
        resolved: "Logins work again for all accounts.",
        minutes: 26,
    },
];

/// Seeds the demo page. `actor` is recorded as the author of everything;
/// `url` is the page's public URL.
pub fn seed(
    conn: &mut Connection,
    actor: &SessionUser,
    url: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    in_transaction(conn, |tx| {
        let origin = now - Duration::days(90);
        let facts = PageSettings {
            name: "Acme Cloud".to_owned(),
            url: url.to_owned(),
            time_zone: "Europe/Berlin".to_owned(),
            description: String::new(),
            indexable: true,
            ..settings::page(tx)?
        };
        settings::set_page(tx, &actor.email, &facts, origin)?;

        let mut ids: Vec<(String, String)> = Vec::new();
        let mut add = |tx: &Transaction<'_>, c: NewComponent| -> StoreResult<String> {
            let name = c.name.clone();
            let mut c = c;
            c.start_date = Some(origin.date_naive());
            let id = components::create(tx, actor, &c, origin)?
                .component
                .id
                .clone();
            ids.push((name, id.clone()));
            Ok(id)
        };
        let platform = add(tx, group("Platform"))?;
        add(
            tx,
            component("API", "REST and GraphQL API", Some(&platform)),
        )?;
        add(
            tx,
            component(
                "Web dashboard",
                "The app at app.acme.example",
                Some(&platform),
            ),
        )?;
        add(
            tx,
            component("Database", "Managed PostgreSQL clusters", Some(&platform)),
        )?;
        let integrations = add(tx, group("Integrations"))?;
        add(
            tx,
            component("Webhooks", "Outgoing event webhooks", Some(&integrations)),
        )?;
        add(
            tx,
            component("Email delivery", "Transactional email", Some(&integrations)),
        )?;
        add(tx, component("Website", "www.acme.example and docs", None))?;
        let id_of = |name: &str| -> String {
            ids.iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| id.clone())
                .unwrap_or_default()
        };

        for past in PAST {
            // 09:00 UTC that day: mid-morning in European and American page
            // time zones, so no seeded outage crosses a local midnight
            // (the day it belongs to must not depend on the hour of seeding).
            let day = (now - Duration::days(past.days_ago)).date_naive();
            let start = day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
            let hit: Vec<ComponentChange> = past
                .hit
                .iter()
                .map(|(name, status)| ComponentChange {
                    id: id_of(name),
                    status: *status,
                })
                .collect();
            let declared = incidents::declare(
                tx,
                actor,
                &NewIncident {
                    issue_key: past.key.to_owned(),
                    title: past.title.to_owned(),
                    summary: past.summary.to_owned(),
                    severity: past.severity,
                    impact: None,
                    status: None,
                    message: past.investigating.to_owned(),
                    components: hit,
                    started_at: Some(start - Duration::minutes(4)),
                    visibility: Visibility::Public,
                    internal_message: None,
                    assessment: None,
                    roles: Roles::default(),
                    support_cases: 3,
                    drill: false,
                    confirm_leaks: false,
                    detection_id: None,
                },
                start,
            )?;
            let identified = incidents::post_update(
                tx,
                actor,
                &declared.id,
                &NewUpdate {
                    version: declared.version,
                    status: IncidentStatus::Identified,
                    body: past.identified.to_owned(),
                    audience: herald_model::api::Audience::Public,
                    components: vec![],
                    internal_body: None,
                    support_cases: None,
                    confirm_leaks: false,
                },
                start + Duration::minutes(past.minutes / 3),
            )?;
            incidents::resolve(
                tx,
                actor,
                &declared.id,
                &ResolveIncident {
                    version: identified.version,
                    body: past.resolved.to_owned(),
                    internal_body: None,
                    components: vec![],
                    recurring: false,
                    support_cases: None,
                    confirm_leaks: false,
                },
                start + Duration::minutes(past.minutes),
            )?;
        }

        let open_start = now - Duration::minutes(35);
        let open = incidents::declare(
            tx,
            actor,
            &NewIncident {
                issue_key: "OPS-142".to_owned(),
                title: "Elevated API error rates".to_owned(),
                summary: "Connection pool exhaustion on api-db-3 after traffic spike.".to_owned(),
                severity: Severity::Sev2,
                impact: None,
                status: None,
                message: "Some API requests are failing with errors. We are investigating."
                    .to_owned(),
                components: vec![ComponentChange {
                    id: id_of("API"),
                    status: ComponentStatus::PartialOutage,
                }],
                started_at: Some(open_start - Duration::minutes(3)),
                visibility: Visibility::Public,
                internal_message: Some(
                    "OPS-142 - Sev 2: API error rate at 8 % since 07:30; db-3 connection pool saturated. Bridge: #inc-142.".to_owned(),
                ),
                assessment: Some(Assessment {
                    audience: ImpactAudience::External,
                    scope: AffectedScope::Some,
                    symptom: Symptom::CoreImpaired,
                    support_cases: 4,
                    security_or_privacy: false,
                    data_loss: false,
                    public_attention: false,
                }),
                roles: Roles {
                    incident_manager: Some("Dana Okafor".to_owned()),
                    technical_lead: Some("Kenji Sato".to_owned()),
                    communications_manager: Some("Demo Admin".to_owned()),
                },
                support_cases: 4,
                drill: false,
                confirm_leaks: false,
                detection_id: None,
            },
            open_start,
        )?;
        incidents::post_update(
            tx,
            actor,
            &open.id,
            &NewUpdate {
                version: open.version,
                status: IncidentStatus::Identified,
                body: "We have identified a database capacity problem and are adding capacity. Webhook deliveries are slower meanwhile.".to_owned(),
                audience: herald_model::api::Audience::Public,
                components: vec![ComponentChange {
                    id: id_of("Webhooks"),
                    status: ComponentStatus::DegradedPerformance,
                }],
                internal_body: None,
                support_cases: None,
                confirm_leaks: false,
            },
            now - Duration::minutes(12),
        )?;

        let window = (now + Duration::days(3)).date_naive().and_hms_opt(22, 0, 0);
        let scheduled_for = window
            .map(|w| w.and_utc())
            .unwrap_or(now + Duration::days(3));
        maintenance::schedule(
            tx,
            actor,
            &NewMaintenance {
                name: "Database upgrade".to_owned(),
                body: "We will upgrade our database clusters to a new major version. The API may be briefly read-only during the window.".to_owned(),
                components: vec![id_of("Database"), id_of("API")],
                scheduled_for,
                scheduled_until: scheduled_for + Duration::hours(2),
                confirm_leaks: false,
            },
            now - Duration::days(1),
        )?;
        Ok(())
    })
}

/// Adds `n` resolved Sev 3 incidents spread evenly over the `span_days`
/// before `now`, each degrading one component for half an hour: a long
/// history for tests and benchmarks. Uses the component named
/// `component_name`, creating it if there is none.
pub fn seed_history(
    conn: &mut Connection,
    actor: &SessionUser,
    component_name: &str,
    n: usize,
    span_days: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    in_transaction(conn, |tx| {
        let origin = now - Duration::days(span_days + 10);
        let existing = components::load_all(tx)?
            .into_iter()
            .find(|c| c.component.name == component_name && !c.component.group);
        let component_id = match existing {
            Some(c) => c.component.id,
            None => {
                let mut input = component(component_name, "", None);
                input.start_date = Some(origin.date_naive());
                components::create(tx, actor, &input, origin)?.component.id
            }
        };
        let step = Duration::days(span_days) / n.max(1) as i32;
        for i in 0..n {
            let at = now - Duration::days(span_days) + step * i as i32;
            let declared = incidents::declare(
                tx,
                actor,
                &NewIncident {
                    issue_key: format!("HIST-{i}"),
                    title: format!("Incident number {i} with a realistic title"),
                    summary: "Seeded history.".to_owned(),
                    severity: Severity::Sev3,
                    impact: None,
                    status: None,
                    message: "We are investigating reports of errors in the API.".to_owned(),
                    components: vec![ComponentChange {
                        id: component_id.clone(),
                        status: ComponentStatus::DegradedPerformance,
                    }],
                    started_at: Some(at),
                    visibility: Visibility::Public,
                    internal_message: None,
                    assessment: None,
                    roles: Roles::default(),
                    support_cases: 0,
                    drill: false,
                    confirm_leaks: false,
                    detection_id: None,
                },
                at,
            )?;
            incidents::resolve(
                tx,
                actor,
                &declared.id,
                &ResolveIncident {
                    version: declared.version,
                    body: "The errors have stopped and the API works normally.".to_owned(),
                    internal_body: None,
                    components: vec![],
                    recurring: false,
                    support_cases: None,
                    confirm_leaks: false,
                },
                at + Duration::minutes(30),
            )?;
        }
        Ok(())
    })
}
