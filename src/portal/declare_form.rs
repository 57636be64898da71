//! What the declare form holds, and everything derived from it: the
//! suggested severity, the effective impact, the pre-filled messages and
//! the request that goes to the server.
//!
//! The form is also the draft: it is serialised as-is to localStorage and
//! `PUT /api/drafts/declare`, so every field has a default and unknown or
//! missing fields of an older draft are tolerated.

use crate::portal::compose::{Facts, Message};
use chrono::{DateTime, Utc};
use herald_model::api::{
    validate_issue_key, ComponentChange, ComponentRecord, FieldError, NewIncident, Roles,
    Visibility,
};
use herald_model::assessment::{
    suggest, AffectedScope, Assessment, ImpactAudience, Suggestion, Symptom,
};
use herald_model::portal::TemplateRecord;
use herald_model::templates::Channel;
use herald_model::{Impact, IncidentStatus, Severity};
use serde::{Deserialize, Serialize};

/// The declare form (and draft).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeclareForm {
    /// Internal issue key, e.g. `OPS-142`.
    pub issue_key: String,
    /// Public title; `None` follows the external template's title.
    pub title: Option<String>,
    /// Internal summary.
    pub summary: String,
    /// The severity the manager confirmed; `None` until they do.
    pub severity: Option<Severity>,
    /// Public impact; `None` follows the severity's default.
    pub impact: Option<Impact>,
    /// Affected components and the status each is put in.
    pub components: Vec<ComponentChange>,
    /// Assessment: internal or external impact.
    pub audience: Option<ImpactAudience>,
    /// Assessment: some or all affected.
    pub scope: Option<AffectedScope>,
    /// Assessment: what they see.
    pub symptom: Option<Symptom>,
    /// Assessment: support cases opened.
    pub support_cases: u32,
    /// Assessment: confidentiality or privacy breached.
    pub security_or_privacy: bool,
    /// Assessment: customer data lost.
    pub data_loss: bool,
    /// Assessment: social media or press attention.
    pub public_attention: bool,
    /// When it began, as the `datetime-local` input writes it (the
    /// browser's time zone); empty means now.
    pub started_at: String,
    /// Role: incident manager.
    pub incident_manager: String,
    /// Role: technical lead.
    pub technical_lead: String,
    /// Role: communications manager.
    pub communications_manager: String,
    /// Staff only: never on the public page.
    pub internal_only: bool,
    /// A rehearsal (always staff only).
    pub drill: bool,
    /// The first public message; `None` follows the template.
    pub external_message: Option<String>,
    /// The first internal notice; `None` follows the template.
    pub internal_message: Option<String>,
    /// The monitoring detection being declared, if any.
    pub detection_id: Option<String>,
}

/// The messages the form would publish.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outgoing {
    /// Public title and first public update.
    pub external: Message,
    /// Internal notice title and body.
    pub internal: Message,
}

impl DeclareForm {
    /// The assessment, once its three main questions are answered.
    pub fn assessment(&self) -> Option<Assessment> {
        Some(Assessment {
            audience: self.audience?,
            scope: self.scope?,
            symptom: self.symptom?,
            support_cases: self.support_cases,
            security_or_privacy: self.security_or_privacy,
            data_loss: self.data_loss,
            public_attention: self.public_attention,
        })
    }

    /// The severity the answers suggest, with its reason.
    pub fn suggestion(&self) -> Option<Suggestion> {
        self.assessment().as_ref().map(suggest)
    }

    /// The public impact: the manager's choice, else the severity's default.
    pub fn effective_impact(&self) -> Impact {
        self.impact
            .or(self.severity.map(Severity::default_impact))
            .unwrap_or(Impact::Minor)
    }

    /// Whether it can reach customers: public and not a drill.
    pub fn is_public(&self) -> bool {
        !self.internal_only && !self.drill
    }

    /// Why the issue key is not valid yet, if it is not (nothing while empty).
    pub fn issue_key_problem(&self) -> Option<String> {
        let key = self.issue_key.trim();
        if key.is_empty() {
            return None;
        }
        validate_issue_key("issue_key", key)
            .err()
            .map(|e| e.message)
    }

    /// Whether `id` is among the affected components.
    pub fn affects(&self, id: &str) -> bool {
        self.components.iter().any(|c| c.id == id)
    }

    /// The names of the affected components, in the components' order.
    pub fn component_names(&self, all: &[ComponentRecord]) -> Vec<String> {
        all.iter()
            .filter(|c| self.affects(&c.component.id))
            .map(|c| c.component.name.clone())
            .collect()
    }

    /// The template facts, with `started_at` already resolved.
    pub fn facts(&self, all: &[ComponentRecord], started_at: DateTime<Utc>) -> Facts {
        Facts {
            issue_key: self.issue_key.trim().to_owned(),
            severity: self.severity,
            summary: self.summary.clone(),
            title: self.title.clone().unwrap_or_default(),
            components: self.component_names(all),
            impact: self.effective_impact(),
            support_cases: self.support_cases,
            started_at,
            status: IncidentStatus::Investigating,
            status_label: String::new(),
        }
    }

    /// The messages as they would go out: the person's own text where they
    /// wrote one, the `investigating` templates filled in elsewhere.
    pub fn outgoing(
        &self,
        all: &[ComponentRecord],
        templates: &[TemplateRecord],
        started_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Outgoing {
        let facts = self.facts(all, started_at);
        let external = facts.message(templates, Channel::External, now);
        let internal = facts.message(templates, Channel::Internal, now);
        let title = self.title.clone().unwrap_or(external.title);
        // The internal template may quote the public title.
        Outgoing {
            external: Message {
                title,
                body: self.external_message.clone().unwrap_or(external.body),
            },
            internal: Message {
                title: internal.title,
                body: self.internal_message.clone().unwrap_or(internal.body),
            },
        }
    }

    /// Internal information in the public title and message.
    pub fn leaks(
        &self,
        all: &[ComponentRecord],
        outgoing: &Outgoing,
    ) -> Vec<herald_model::leak::Leak> {
        let internal: Vec<String> = all
            .iter()
            .filter(|c| c.internal_only)
            .map(|c| c.component.name.clone())
            .collect();
        let facts = self.facts(all, DateTime::<Utc>::MIN_UTC);
        let text = format!("{}\n{}", outgoing.external.title, outgoing.external.body);
        facts.leaks(&text, &internal)
    }

    /// The request to declare, checked as the server will check it.
    pub fn request(
        &self,
        outgoing: &Outgoing,
        started_at: Option<DateTime<Utc>>,
        confirm_leaks: bool,
        now: DateTime<Utc>,
    ) -> Result<NewIncident, FieldError> {
        let severity = self
            .severity
            .ok_or_else(|| FieldError::new("severity", "choose a severity"))?;
        let optional = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        };
        let request = NewIncident {
            issue_key: self.issue_key.trim().to_owned(),
            title: outgoing.external.title.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            severity,
            impact: Some(self.effective_impact()),
            status: None,
            message: outgoing.external.body.trim().to_owned(),
            components: self.components.clone(),
            started_at,
            visibility: if self.internal_only {
                Visibility::Internal
            } else {
                Visibility::Public
            },
            internal_message: optional(&outgoing.internal.body),
            assessment: self.assessment(),
            roles: Roles {
                incident_manager: optional(&self.incident_manager),
                technical_lead: optional(&self.technical_lead),
                communications_manager: optional(&self.communications_manager),
            },
            support_cases: self.support_cases,
            drill: self.drill,
            confirm_leaks,
            detection_id: self.detection_id.clone(),
        };
        request.validate(now)?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use herald_model::ComponentStatus;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
    }

    fn component(id: &str, name: &str, internal_only: bool) -> ComponentRecord {
        let json = serde_json::json!({
            "id": id, "name": name, "status": "operational",
            "created_at": "2026-11-22T07:00:00.000Z", "updated_at": "2026-11-22T07:00:00.000Z",
            "position": 1, "description": null, "showcase": true, "start_date": null,
            "group_id": null, "page_id": "pg", "group": false, "only_show_if_degraded": false,
            "version": 1, "internal_only": internal_only
        });
        serde_json::from_value(json).unwrap()
    }

    fn all() -> Vec<ComponentRecord> {
        vec![
            component("c1", "API", false),
            component("c2", "Webhooks", false),
            component("c3", "Billing worker", true),
        ]
    }

    fn form() -> DeclareForm {
        DeclareForm {
            issue_key: "OPS-200".into(),
            summary: "Queue consumers stuck after deploy".into(),
            components: vec![
                ComponentChange {
                    id: "c2".into(),
                    status: ComponentStatus::PartialOutage,
                },
                ComponentChange {
                    id: "c1".into(),
                    status: ComponentStatus::DegradedPerformance,
                },
            ],
            audience: Some(ImpactAudience::External),
            scope: Some(AffectedScope::Some),
            symptom: Some(Symptom::Down),
            ..DeclareForm::default()
        }
    }

    #[test]
    fn the_assessment_suggests_a_severity_with_its_reason() {
        let mut f = form();
        let s = f.suggestion().unwrap();
        assert_eq!(s.severity, Severity::Sev2);
        assert!(s.reason.contains("some customers"));
        f.symptom = None;
        assert_eq!(f.suggestion(), None);
    }

    #[test]
    fn impact_follows_the_severity_until_overridden() {
        let mut f = form();
        assert_eq!(f.effective_impact(), Impact::Minor);
        f.severity = Some(Severity::Sev1);
        assert_eq!(f.effective_impact(), Impact::Critical);
        f.impact = Some(Impact::Major);
        assert_eq!(f.effective_impact(), Impact::Major);
    }

    #[test]
    fn the_issue_key_is_checked_as_typed() {
        let mut f = form();
        assert_eq!(f.issue_key_problem(), None);
        f.issue_key = "ops-1".into();
        assert!(f.issue_key_problem().unwrap().contains("OPS-142"));
        f.issue_key = String::new();
        assert_eq!(f.issue_key_problem(), None);
    }

    #[test]
    fn messages_follow_the_templates_until_edited() {
        let mut f = form();
        f.severity = Some(Severity::Sev2);
        let out = f.outgoing(&all(), &[], now(), now());
        // Components in the page's order, whatever order they were ticked.
        assert_eq!(
            out.external.title,
            "Investigating issues with API and Webhooks"
        );
        assert!(out.external.body.contains("API and Webhooks"));
        assert_eq!(
            out.internal.title,
            "OPS-200 - Sev 2 - Queue consumers stuck after deploy"
        );
        f.external_message = Some("Our own words.".into());
        f.title = Some("Notifications delayed".into());
        let out = f.outgoing(&all(), &[], now(), now());
        assert_eq!(out.external.body, "Our own words.");
        assert_eq!(out.external.title, "Notifications delayed");
    }

    #[test]
    fn leaks_in_the_public_text_are_found() {
        let mut f = form();
        f.external_message = Some("OPS-200: the billing worker is down".into());
        let out = f.outgoing(&all(), &[], now(), now());
        let kinds: Vec<String> = f.leaks(&all(), &out).into_iter().map(|l| l.kind).collect();
        assert_eq!(kinds, ["issue_key", "internal_component"]);
        f.external_message = None;
        let out = f.outgoing(&all(), &[], now(), now());
        assert!(f.leaks(&all(), &out).is_empty());
    }

    #[test]
    fn the_request_needs_a_severity_and_carries_every_field() {
        let mut f = form();
        let out = f.outgoing(&all(), &[], now(), now());
        assert_eq!(
            f.request(&out, None, false, now()).unwrap_err().field,
            "severity"
        );
        f.severity = Some(Severity::Sev2);
        f.drill = true;
        f.incident_manager = " Ana ".into();
        let out = f.outgoing(&all(), &[], now(), now());
        let r = f.request(&out, None, true, now()).unwrap();
        assert_eq!(r.impact, Some(Impact::Major));
        assert_eq!(r.components.len(), 2);
        assert_eq!(r.roles.incident_manager.as_deref(), Some("Ana"));
        assert_eq!(r.roles.technical_lead, None);
        assert!(r.drill && r.confirm_leaks);
        assert_eq!(r.assessment.unwrap().symptom, Symptom::Down);
        f.issue_key = "bad".into();
        assert_eq!(
            f.request(&out, None, false, now()).unwrap_err().field,
            "issue_key"
        );
    }

    #[test]
    fn a_draft_survives_a_round_trip_and_old_drafts_still_read() {
        let mut f = form();
        f.severity = Some(Severity::Sev1);
        f.external_message = Some("Typed".into());
        let text = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<DeclareForm>(&text).unwrap(), f);
        let old: DeclareForm = serde_json::from_str(r#"{"issue_key":"OPS-1"}"#).unwrap();
        assert_eq!(old.issue_key, "OPS-1");
    }
}
