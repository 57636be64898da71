//! Filling the message templates (DESIGN.md §1) from what the portal knows
//! about an incident: the values for every placeholder, the template in
//! force for a stage and channel, and the leak guard's facts.
//!
//! Pure functions over model types; the forms call them on every keystroke
//! so the pre-filled messages and the previews follow the fields. The rules
//! themselves (`fill`, `join_names`, `find_leaks`) live in the model crate.

use chrono::{DateTime, Utc};
use herald_model::api::IncidentRecord;
use herald_model::cadence::human_duration;
use herald_model::leak::{find_leaks, InternalFacts, Leak};
use herald_model::portal::TemplateRecord;
use herald_model::templates::{default_template, fill, join_names, Channel, Template, Values};
use herald_model::{Impact, IncidentStatus, Severity};

/// What a template may say about an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The internal issue key.
    pub issue_key: String,
    /// The severity, when chosen.
    pub severity: Option<Severity>,
    /// The internal summary.
    pub summary: String,
    /// The public title.
    pub title: String,
    /// Names of the affected components, in order.
    pub components: Vec<String>,
    /// The public impact.
    pub impact: Impact,
    /// Support cases opened.
    pub support_cases: u32,
    /// When the disruption began.
    pub started_at: DateTime<Utc>,
    /// The stage the message is for.
    pub status: IncidentStatus,
    /// The stage in words, e.g. "Identified".
    pub status_label: String,
}

impl Facts {
    /// The facts of a stored incident, for a message at stage `status`.
    pub fn of_record(record: &IncidentRecord, status: IncidentStatus, status_label: &str) -> Self {
        Facts {
            issue_key: record.issue_key.clone(),
            severity: Some(record.severity),
            summary: record.summary.clone(),
            title: record.title.clone(),
            components: record.components.iter().map(|c| c.name.clone()).collect(),
            impact: record.impact,
            support_cases: record.support_cases,
            started_at: record.started_at,
            status,
            status_label: status_label.to_owned(),
        }
    }

    /// Made-up facts of a Sev 2 that began 45 minutes before `now`, for
    /// previewing a template before any incident uses it.
    pub fn sample(status: IncidentStatus, status_label: &str, now: DateTime<Utc>) -> Self {
        Facts {
            issue_key: "OPS-142".into(),
            severity: Some(Severity::Sev2),
            summary: "Primary database failover stalled after the 14:00 deploy".into(),
            title: "Elevated API error rates".into(),
            components: vec!["API".into(), "Webhooks".into()],
            impact: Impact::Major,
            support_cases: 3,
            started_at: now - chrono::Duration::minutes(45),
            status,
            status_label: status_label.to_owned(),
        }
    }

    /// The value of every placeholder at `now` (`{duration}` runs from the
    /// start of the disruption to `now`).
    pub fn values(&self, now: DateTime<Utc>) -> Values {
        let mut v = Values::new();
        v.insert("issue_key", self.issue_key.trim().to_owned());
        v.insert(
            "severity",
            self.severity
                .map(|s| s.label().to_owned())
                .unwrap_or_default(),
        );
        v.insert("summary", self.summary.trim().to_owned());
        v.insert("title", self.title.trim().to_owned());
        v.insert("components", join_names(&self.components));
        v.insert(
            "duration",
            human_duration((now - self.started_at).max(chrono::Duration::zero())),
        );
        v.insert("impact", self.impact.as_str().to_owned());
        v.insert("support_cases", self.support_cases.to_string());
        v.insert(
            "started_at",
            self.started_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        );
        v.insert("status", self.status_label.clone());
        v
    }

    /// The template in force for this stage and `channel`, filled.
    pub fn message(
        &self,
        templates: &[TemplateRecord],
        channel: Channel,
        now: DateTime<Utc>,
    ) -> Message {
        let template = template_for(templates, self.status, channel);
        let values = self.values(now);
        Message {
            title: fill_text(&template.title, &values),
            body: fill_text(&template.body, &values),
        }
    }

    /// Internal information found in a public `text`: the issue key, the
    /// summary, or an internal-only component's name.
    pub fn leaks(&self, text: &str, internal_components: &[String]) -> Vec<Leak> {
        find_leaks(
            text,
            &InternalFacts {
                issue_key: &self.issue_key,
                summary: &self.summary,
                internal_components,
                // Other incidents' keys are the server's to find.
                other_keys: &[],
            },
        )
    }
}

/// A filled message: a title and a body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// The title (the internal notice's subject; the public title).
    pub title: String,
    /// The message.
    pub body: String,
}

/// The template for `stage` and `channel`: the server's (which may be an
/// admin's custom one), else the built-in one.
pub fn template_for(
    templates: &[TemplateRecord],
    stage: IncidentStatus,
    channel: Channel,
) -> Template {
    // The postmortem stage shares the resolved templates.
    let stage = match stage {
        IncidentStatus::Postmortem => IncidentStatus::Resolved,
        s => s,
    };
    templates
        .iter()
        .find(|t| t.stage == stage && t.channel == channel)
        .map(|t| t.template.clone())
        .unwrap_or_else(|| default_template(stage, channel))
}

/// `text` with its placeholders filled. A template with an unknown
/// placeholder cannot be saved, so this only happens with a stale copy;
/// the raw text is then better than nothing, since the person edits it.
fn fill_text(text: &str, values: &Values) -> String {
    fill(text, values).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn facts() -> Facts {
        Facts {
            issue_key: "OPS-200".into(),
            severity: Some(Severity::Sev2),
            summary: "Queue consumers stuck after deploy".into(),
            title: "Delayed notifications".into(),
            components: vec!["API".into(), "Webhooks".into()],
            impact: Impact::Major,
            support_cases: 4,
            started_at: Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap(),
            status: IncidentStatus::Investigating,
            status_label: "Investigating".into(),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 5, 0).unwrap()
    }

    #[test]
    fn every_placeholder_gets_a_value() {
        let v = facts().values(now());
        assert_eq!(v["issue_key"], "OPS-200");
        assert_eq!(v["severity"], "Sev 2");
        assert_eq!(v["components"], "API and Webhooks");
        assert_eq!(v["duration"], "1 h 5 min");
        assert_eq!(v["impact"], "major");
        assert_eq!(v["support_cases"], "4");
        assert_eq!(v["started_at"], "2026-11-22 08:00 UTC");
        for (name, _) in herald_model::templates::PLACEHOLDERS {
            assert!(v.contains_key(name), "{name}");
        }
    }

    #[test]
    fn the_investigating_templates_fill_from_the_form() {
        let f = facts();
        let internal = f.message(&[], Channel::Internal, now());
        assert_eq!(
            internal.title,
            "OPS-200 - Sev 2 - Queue consumers stuck after deploy"
        );
        assert!(internal.body.contains("affecting API and Webhooks"));
        let external = f.message(&[], Channel::External, now());
        assert_eq!(external.title, "Investigating issues with API and Webhooks");
        assert!(f.leaks(&external.body, &[]).is_empty());
    }

    #[test]
    fn the_resolved_internal_template_states_duration_and_no_further_comms() {
        let mut f = facts();
        f.status = IncidentStatus::Resolved;
        let m = f.message(&[], Channel::Internal, now());
        assert!(m.body.contains("1 h 5 min"), "{}", m.body);
        assert!(m.body.contains("4 support cases"), "{}", m.body);
        assert!(m.body.contains("no further communication"), "{}", m.body);
    }

    #[test]
    fn a_custom_template_wins_over_the_built_in_one() {
        let custom = TemplateRecord {
            stage: IncidentStatus::Investigating,
            channel: Channel::External,
            template: Template {
                title: "Problems with {components}".into(),
                body: "Looking into {components}.".into(),
            },
            customised: true,
            version: 2,
        };
        let m = facts().message(&[custom], Channel::External, now());
        assert_eq!(m.title, "Problems with API and Webhooks");
        assert_eq!(m.body, "Looking into API and Webhooks.");
    }

    #[test]
    fn the_leak_guard_finds_the_issue_key() {
        let leaks = facts().leaks("Tracked as OPS-200.", &[]);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].kind, "issue_key");
    }
}
