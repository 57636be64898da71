//! What the incident page's "post update" and "resolve" forms hold, and the
//! requests they become. Like [`crate::portal::declare_form`], messages are
//! `None` while they follow the stage's template, so changing the status
//! re-fills them until the person writes their own words.

use crate::portal::compose::{Facts, Message};
use chrono::{DateTime, Utc};
use herald_model::api::{
    Audience, ComponentChange, FieldError, IncidentRecord, NewUpdate, ResolveIncident,
};
use herald_model::portal::TemplateRecord;
use herald_model::templates::Channel;
use herald_model::IncidentStatus;
use serde::{Deserialize, Serialize};

/// The statuses an update may announce: the allowed transitions, except
/// `resolved`, which has its own form with the final communications.
pub fn update_statuses(current: IncidentStatus) -> Vec<IncidentStatus> {
    current
        .next_statuses()
        .into_iter()
        .filter(|s| s.is_unresolved())
        .collect()
}

/// The status an update most likely announces: the next stage, else the
/// current one.
pub fn default_update_status(current: IncidentStatus) -> IncidentStatus {
    let allowed = update_statuses(current);
    let next = IncidentStatus::ALL
        .iter()
        .copied()
        .skip_while(|s| *s != current)
        .nth(1);
    match next {
        Some(s) if allowed.contains(&s) => s,
        _ => current,
    }
}

/// The "post update" form (and its draft).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateForm {
    /// The status to announce; `None` is the default next stage.
    pub status: Option<IncidentStatus>,
    /// Component status changes (only those that differ are sent).
    pub components: Vec<ComponentChange>,
    /// The public message; `None` follows the template.
    pub external_message: Option<String>,
    /// The internal notice; `None` follows the template.
    pub internal_message: Option<String>,
    /// Post an internal note only, nothing public.
    pub internal_only: bool,
}

impl UpdateForm {
    /// The status the update announces.
    pub fn status(&self, record: &IncidentRecord) -> IncidentStatus {
        self.status
            .filter(|s| update_statuses(record.status).contains(s))
            .unwrap_or_else(|| default_update_status(record.status))
    }

    /// The status `id` will be in after the update.
    pub fn component_status(
        &self,
        record: &IncidentRecord,
        id: &str,
    ) -> Option<herald_model::ComponentStatus> {
        self.components
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.status)
            .or_else(|| {
                record
                    .components
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.status)
            })
    }

    /// The messages as they would go out.
    pub fn outgoing(
        &self,
        record: &IncidentRecord,
        templates: &[TemplateRecord],
        status_label: &str,
        now: DateTime<Utc>,
    ) -> (Message, Message) {
        let facts = Facts::of_record(record, self.status(record), status_label);
        let mut external = facts.message(templates, Channel::External, now);
        let mut internal = facts.message(templates, Channel::Internal, now);
        if let Some(text) = &self.external_message {
            external.body = text.clone();
        }
        if let Some(text) = &self.internal_message {
            internal.body = text.clone();
        }
        (external, internal)
    }

    /// The request, based on the record's current version.
    pub fn request(
        &self,
        record: &IncidentRecord,
        external: &Message,
        internal: &Message,
        confirm_leaks: bool,
    ) -> Result<NewUpdate, FieldError> {
        let components = self
            .components
            .iter()
            .filter(|c| {
                record
                    .components
                    .iter()
                    .any(|current| current.id == c.id && current.status != c.status)
            })
            .cloned()
            .collect();
        let internal_body = internal.body.trim();
        let request = if self.internal_only {
            NewUpdate {
                version: record.version,
                status: self.status(record),
                body: internal_body.to_owned(),
                audience: Audience::Internal,
                components,
                internal_body: None,
                support_cases: None,
                confirm_leaks: false,
            }
        } else {
            NewUpdate {
                version: record.version,
                status: self.status(record),
                body: external.body.trim().to_owned(),
                audience: Audience::Public,
                components,
                internal_body: (!internal_body.is_empty()).then(|| internal_body.to_owned()),
                support_cases: None,
                confirm_leaks,
            }
        };
        request.validate()?;
        Ok(request)
    }
}

/// The "resolve" form (and its draft).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResolveForm {
    /// The final public message; `None` follows the template.
    pub external_message: Option<String>,
    /// The final internal message; `None` follows the template.
    pub internal_message: Option<String>,
    /// It happened before or is likely to recur.
    pub recurring: bool,
    /// The final support-case count; `None` keeps the recorded one.
    pub support_cases: Option<u32>,
}

impl ResolveForm {
    /// The final messages as they would go out: `{duration}` runs to `now`,
    /// `{support_cases}` is the final count.
    pub fn outgoing(
        &self,
        record: &IncidentRecord,
        templates: &[TemplateRecord],
        status_label: &str,
        now: DateTime<Utc>,
    ) -> (Message, Message) {
        let mut facts = Facts::of_record(record, IncidentStatus::Resolved, status_label);
        facts.support_cases = self.support_cases.unwrap_or(record.support_cases);
        let mut external = facts.message(templates, Channel::External, now);
        let mut internal = facts.message(templates, Channel::Internal, now);
        if let Some(text) = &self.external_message {
            external.body = text.clone();
        }
        if let Some(text) = &self.internal_message {
            internal.body = text.clone();
        }
        (external, internal)
    }

    /// The request, based on the record's current version.
    pub fn request(
        &self,
        record: &IncidentRecord,
        external: &Message,
        internal: &Message,
        confirm_leaks: bool,
    ) -> Result<ResolveIncident, FieldError> {
        let internal_body = internal.body.trim();
        let request = ResolveIncident {
            version: record.version,
            body: external.body.trim().to_owned(),
            internal_body: (!internal_body.is_empty()).then(|| internal_body.to_owned()),
            components: Vec::new(),
            recurring: self.recurring,
            support_cases: self.support_cases,
            confirm_leaks,
        };
        request.validate()?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use herald_model::ComponentStatus;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap()
    }

    pub(crate) fn record(status: &str) -> IncidentRecord {
        let json = serde_json::json!({
            "id": "inc1", "issue_key": "OPS-7", "title": "Slow API", "summary": "GC pauses on api-2",
            "severity": 2, "impact": "major", "status": status, "visibility": "public",
            "started_at": "2026-11-22T08:00:00.000Z", "created_at": "2026-11-22T08:05:00.000Z",
            "updated_at": "2026-11-22T08:05:00.000Z", "resolved_at": null, "version": 3,
            "components": [
                {"id": "c1", "name": "API", "status": "partial_outage"},
                {"id": "c2", "name": "Webhooks", "status": "degraded_performance"}
            ],
            "updates": [], "assessment": null,
            "roles": {"incident_manager": null, "technical_lead": null, "communications_manager": null},
            "support_cases": 3, "drill": false, "recurring": false, "postmortem_url": null,
            "next_update_due": "2026-11-22T09:05:00.000Z", "postmortem": null
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn updates_move_along_the_allowed_transitions_but_not_to_resolved() {
        assert_eq!(
            update_statuses(IncidentStatus::Identified),
            [
                IncidentStatus::Investigating,
                IncidentStatus::Identified,
                IncidentStatus::Monitoring
            ]
        );
        assert!(update_statuses(IncidentStatus::Resolved).is_empty());
        assert_eq!(
            default_update_status(IncidentStatus::Investigating),
            IncidentStatus::Identified
        );
        assert_eq!(
            default_update_status(IncidentStatus::Identified),
            IncidentStatus::Monitoring
        );
        assert_eq!(
            default_update_status(IncidentStatus::Monitoring),
            IncidentStatus::Monitoring
        );
    }

    #[test]
    fn an_update_fills_the_stage_template_and_sends_only_changed_components() {
        let r = record("investigating");
        let mut f = UpdateForm::default();
        let (external, internal) = f.outgoing(&r, &[], "Identified", now());
        assert!(
            external.body.contains("identified the cause"),
            "{}",
            external.body
        );
        assert_eq!(
            internal.title,
            "OPS-7 - Sev 2 - Identified: GC pauses on api-2"
        );
        f.components = vec![
            ComponentChange {
                id: "c1".into(),
                status: ComponentStatus::DegradedPerformance,
            },
            ComponentChange {
                id: "c2".into(),
                status: ComponentStatus::DegradedPerformance,
            },
        ];
        let req = f.request(&r, &external, &internal, false).unwrap();
        assert_eq!(req.version, 3);
        assert_eq!(req.status, IncidentStatus::Identified);
        assert_eq!(req.components.len(), 1);
        assert_eq!(req.components[0].id, "c1");
        assert_eq!(req.audience, Audience::Public);
        assert!(req.internal_body.is_some());
    }

    #[test]
    fn a_status_no_longer_allowed_falls_back_to_the_default() {
        let r = record("monitoring");
        let f = UpdateForm {
            status: Some(IncidentStatus::Resolved),
            ..UpdateForm::default()
        };
        assert_eq!(f.status(&r), IncidentStatus::Monitoring);
    }

    #[test]
    fn an_internal_note_sends_the_internal_text_to_staff_only() {
        let r = record("identified");
        let f = UpdateForm {
            internal_only: true,
            internal_message: Some("DB failover started".into()),
            ..UpdateForm::default()
        };
        let (external, internal) = f.outgoing(&r, &[], "Monitoring", now());
        let req = f.request(&r, &external, &internal, false).unwrap();
        assert_eq!(req.audience, Audience::Internal);
        assert_eq!(req.body, "DB failover started");
    }

    #[test]
    fn resolving_states_duration_cases_and_no_further_comms() {
        let r = record("monitoring");
        let f = ResolveForm {
            support_cases: Some(9),
            recurring: true,
            ..ResolveForm::default()
        };
        let (external, internal) = f.outgoing(&r, &[], "Resolved", now());
        assert!(internal.body.contains("1 h 30 min"), "{}", internal.body);
        assert!(
            internal.body.contains("9 support cases"),
            "{}",
            internal.body
        );
        assert!(internal.body.contains("no further communication"));
        assert!(external.body.contains("restored"));
        let req = f.request(&r, &external, &internal, false).unwrap();
        assert!(req.recurring);
        assert_eq!(req.support_cases, Some(9));
        let empty = ResolveForm {
            external_message: Some(" ".into()),
            ..ResolveForm::default()
        };
        let (external, internal) = empty.outgoing(&r, &[], "Resolved", now());
        assert_eq!(
            empty
                .request(&r, &external, &internal, false)
                .unwrap_err()
                .field,
            "body"
        );
    }
}
