//! Wire types of the portal's own endpoints: scheduled maintenances,
//! drafts, templates, users, settings, the audit trail, subscriptions,
//! notices and deliveries.

use crate::api::{
    validate_body, validate_email, validate_ids, validate_name, validate_url, FieldError, Role,
    SessionUser, Visibility, MAX_BODY, MAX_NAME,
};
use crate::cadence::Cadence;
use crate::status::IncidentStatus;
use crate::templates::{Channel, Template};
use crate::v2;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Body of `POST /api/maintenances`: schedule a maintenance window.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMaintenance {
    /// Public title.
    pub name: String,
    /// The announcement.
    pub body: String,
    /// Ids of the components the work touches.
    #[serde(default)]
    pub components: Vec<String>,
    /// Planned start.
    #[serde(with = "crate::time::millis")]
    pub scheduled_for: DateTime<Utc>,
    /// Planned end.
    #[serde(with = "crate::time::millis")]
    pub scheduled_until: DateTime<Utc>,
    /// Publish even though the leak guard found internal information.
    #[serde(default)]
    pub confirm_leaks: bool,
}

impl NewMaintenance {
    /// Checks the fields that need no stored state.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), FieldError> {
        validate_name("name", &self.name, MAX_NAME)?;
        validate_body("body", &self.body, MAX_BODY)?;
        validate_ids("components", self.components.iter().map(String::as_str))?;
        if self.scheduled_until <= self.scheduled_for {
            return Err(FieldError::new(
                "scheduled_until",
                "must be after scheduled_for",
            ));
        }
        if self.scheduled_until <= now {
            return Err(FieldError::new("scheduled_until", "lies in the past"));
        }
        if self.scheduled_for > now + chrono::Duration::days(MAX_LEAD_DAYS) {
            return Err(FieldError::new(
                "scheduled_for",
                format!("is more than {MAX_LEAD_DAYS} days ahead"),
            ));
        }
        if self.scheduled_until - self.scheduled_for > chrono::Duration::days(MAX_WINDOW_DAYS) {
            return Err(FieldError::new(
                "scheduled_until",
                format!("makes the window longer than {MAX_WINDOW_DAYS} days"),
            ));
        }
        Ok(())
    }
}

/// How far ahead a maintenance may be announced, in days (five years).
pub const MAX_LEAD_DAYS: i64 = 5 * 366;
/// The longest a maintenance window may last, in days.
pub const MAX_WINDOW_DAYS: i64 = 31;

/// What `PATCH /api/maintenances/{id}` may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceAction {
    /// Move the planned end (`scheduled_until`).
    Extend,
    /// Call it off: before it starts, or ending it early.
    Cancel,
}

/// Body of `PATCH /api/maintenances/{id}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MaintenanceChange {
    /// The version this is based on; stale → 409.
    pub version: i64,
    /// Extend or cancel.
    pub action: MaintenanceAction,
    /// The new planned end (for `extend`).
    #[serde(default, with = "crate::time::millis_opt")]
    pub scheduled_until: Option<DateTime<Utc>>,
    /// The public message that goes with the change.
    pub body: String,
    /// Publish even though the leak guard found internal information.
    #[serde(default)]
    pub confirm_leaks: bool,
}

/// A maintenance as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenanceRecord {
    /// The public view.
    pub maintenance: v2::ScheduledMaintenance,
    /// Current version, to send back with a change.
    pub version: i64,
}

/// Body of `PUT /api/drafts/{key}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DraftBody {
    /// What the draft holds (the client's own JSON, as text).
    pub content: String,
    /// The version this replaces; absent for a new draft. Stale → 409.
    #[serde(default)]
    pub version: Option<i64>,
}

/// A saved draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftRecord {
    /// What it is for, e.g. `declare` or `incident:<id>:update`.
    pub key: String,
    /// The content.
    pub content: String,
    /// Its version.
    pub version: i64,
    /// When it was last saved.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
}

/// Most characters a draft may hold.
pub const MAX_DRAFT: usize = 100_000;

/// Checks a draft key: letters, digits, `:`, `-` and `_`, at most 100.
pub fn validate_draft_key(key: &str) -> Result<(), FieldError> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "key",
            "use letters, digits, ':', '-' and '_' (at most 100)",
        ))
    }
}

/// One message template as the portal sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateRecord {
    /// The stage it is for.
    pub stage: IncidentStatus,
    /// Internal or external.
    pub channel: Channel,
    /// Title and body.
    pub template: Template,
    /// Whether an admin changed it from the built-in one.
    pub customised: bool,
    /// Current version, to send back with a change (1 before any change).
    pub version: i64,
}

/// Body of `PUT /api/templates/{stage}/{channel}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateChange {
    /// The new title.
    pub title: String,
    /// The new message.
    pub body: String,
    /// The version this replaces; stale → 409.
    pub version: i64,
}

impl TemplateChange {
    /// The template it sets.
    pub fn template(&self) -> Template {
        Template {
            title: self.title.clone(),
            body: self.body.clone(),
        }
    }
}

/// The update cadence as admins read and change it: minutes between
/// updates by severity, and the version (`GET` answers the current one;
/// `PUT` sends the one it replaces, stale → 409).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CadenceSetting {
    /// Minutes between updates of a Sev 1 incident.
    pub sev1_minutes: u32,
    /// Minutes between updates of a Sev 2 incident.
    pub sev2_minutes: u32,
    /// Minutes between updates of a Sev 3 incident.
    pub sev3_minutes: u32,
    /// The version.
    pub version: i64,
}

impl CadenceSetting {
    /// `cadence` at `version`.
    pub fn new(cadence: Cadence, version: i64) -> Self {
        CadenceSetting {
            sev1_minutes: cadence.sev1_minutes,
            sev2_minutes: cadence.sev2_minutes,
            sev3_minutes: cadence.sev3_minutes,
            version,
        }
    }

    /// The cadence it holds.
    pub fn cadence(&self) -> Cadence {
        Cadence {
            sev1_minutes: self.sev1_minutes,
            sev2_minutes: self.sev2_minutes,
            sev3_minutes: self.sev3_minutes,
        }
    }
}

/// The page's own facts, as admins read and change them
/// (`/api/settings/page`): every public document, feed, email and page
/// follows them at once. `GET` answers the current version; `PUT` sends
/// the one it replaces (stale → 409).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PageSettings {
    /// The page's name, e.g. "Acme Cloud": the page's title and every document's `page.name`.
    pub name: String,
    /// Where customers read the page, e.g. `https://status.example.com`
    /// (links in emails and feeds). Set by `--public-url` when the server
    /// is started with it.
    pub url: String,
    /// The IANA time zone days and months are counted in, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// One or two sentences about the page, for search results and link
    /// previews (`<meta name="description">`) and the feeds.
    pub description: String,
    /// Whether search engines may index the public page (`/robots.txt`, `<meta name="robots">`).
    pub indexable: bool,
    /// The version.
    pub version: i64,
}

impl PageSettings {
    /// Checks the fields that need no stored state (the time zone is
    /// checked against the time zone database by the server).
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_name("name", &self.name, MAX_NAME)?;
        validate_url("url", self.url.trim())?;
        validate_name("time_zone", &self.time_zone, MAX_NAME)?;
        if !self.description.trim().is_empty() {
            validate_body("description", &self.description, MAX_DESCRIPTION)?;
        }
        Ok(())
    }
}

/// Most characters a page description may hold (search engines show ~160).
pub const MAX_DESCRIPTION: usize = 300;

/// Body of `POST /api/users`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Email address (the login).
    pub email: String,
    /// Display name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Their password; one is generated (and returned once) when absent.
    #[serde(default)]
    pub password: Option<String>,
}

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 10;

impl NewUser {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_email("email", self.email.trim())?;
        validate_name("name", &self.name, MAX_NAME)?;
        if let Some(p) = &self.password {
            if p.chars().count() < MIN_PASSWORD {
                return Err(FieldError::new(
                    "password",
                    format!("must be at least {MIN_PASSWORD} characters"),
                ));
            }
        }
        Ok(())
    }
}

/// A user just created; the generated password is shown this once.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedUser {
    /// The user.
    pub user: SessionUser,
    /// The generated password, when none was given.
    pub password: Option<String>,
}

/// Body of `PATCH /api/users/{id}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    /// The new role.
    pub role: Role,
    /// The version this is based on; stale → 409.
    pub version: i64,
}

/// An API token as its owner sees it (never the secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenRecord {
    /// Token id.
    pub id: String,
    /// What it is for.
    pub name: String,
    /// When it was made.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    #[serde(with = "crate::time::millis_opt")]
    pub revoked_at: Option<DateTime<Utc>>,
}

/// One entry of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// Sequence number.
    pub id: i64,
    /// When.
    #[serde(with = "crate::time::millis")]
    pub at: DateTime<Utc>,
    /// Who (email, or `cli` / `system`).
    pub actor: String,
    /// The actor's name, when the actor is a person who has an account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    /// What, e.g. `incident.update`.
    pub action: String,
    /// The kind of object.
    pub object_type: String,
    /// The object's id.
    pub object_id: String,
    /// The object before, as JSON text.
    pub before: Option<String>,
    /// The object after, as JSON text.
    pub after: Option<String>,
}

/// Body of `POST /api/detections`: a monitoring tool reports a problem
/// (the detect stage). Herald keeps it, internal only, for the comms
/// managers to declare as an incident or dismiss; nothing is published.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDetection {
    /// Where it comes from, e.g. `grafana` or `alertmanager`.
    pub source: String,
    /// What was detected, e.g. the alert's name and description (internal).
    pub summary: String,
    /// The alert's identity: a report with the fingerprint of an open
    /// detection refreshes it (count, last seen) instead of adding one, so
    /// an alert that fires every minute is one detection.
    #[serde(default)]
    pub fingerprint: Option<String>,
    /// A severity the tool suggests.
    #[serde(default)]
    pub severity: Option<crate::Severity>,
    /// Ids of the components it concerns.
    #[serde(default)]
    pub components: Vec<String>,
}

impl NewDetection {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_name("source", &self.source, MAX_NAME)?;
        validate_body("summary", &self.summary, MAX_BODY)?;
        validate_ids("components", self.components.iter().map(String::as_str))?;
        if let Some(f) = &self.fingerprint {
            validate_name("fingerprint", f, MAX_NAME)?;
        }
        Ok(())
    }
}

/// Where a detection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DetectionStatus {
    /// Waiting for a comms manager.
    Open,
    /// Declared as an incident (`incident_id`).
    Declared,
    /// Judged not to need an incident.
    Dismissed,
}

/// A problem a monitoring tool reported, as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Detection {
    /// Detection id.
    pub id: String,
    /// Where it comes from.
    pub source: String,
    /// What was detected.
    pub summary: String,
    /// The alert's identity, if the tool gave one.
    pub fingerprint: Option<String>,
    /// The severity the tool suggests.
    pub severity: Option<crate::Severity>,
    /// Ids of the components it concerns.
    pub components: Vec<String>,
    /// How many times it was reported while open.
    pub count: u32,
    /// First report.
    #[serde(with = "crate::time::millis")]
    pub first_seen_at: DateTime<Utc>,
    /// Latest report.
    #[serde(with = "crate::time::millis")]
    pub last_seen_at: DateTime<Utc>,
    /// Open, declared or dismissed.
    pub status: DetectionStatus,
    /// The incident it was declared as.
    pub incident_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_staff_subject_says_when_it_is_a_drill_or_internal_only() {
        let subject = |drill, visibility| {
            staff_subject(drill, visibility, "FIN-7", "Sev 2", "Card payments failing")
        };
        assert_eq!(
            subject(false, Visibility::Public),
            "FIN-7 - Sev 2 - Card payments failing"
        );
        assert_eq!(
            subject(false, Visibility::Internal),
            "[INTERNAL ONLY] FIN-7 - Sev 2 - Card payments failing"
        );
        // A drill says so first, whoever it is visible to.
        assert_eq!(
            subject(true, Visibility::Internal),
            "[DRILL] FIN-7 - Sev 2 - Card payments failing"
        );
        assert_eq!(
            subject(true, Visibility::Public),
            "[DRILL] FIN-7 - Sev 2 - Card payments failing"
        );
    }

    #[test]
    fn a_notice_of_unknown_visibility_is_labelled_internal() {
        let notice = |visibility: &str| Notice {
            id: "u1".into(),
            incident_id: "i1".into(),
            issue_key: "FIN-7".into(),
            title: "Payments".into(),
            summary: "Card payments failing".into(),
            severity: "Sev 2".into(),
            drill: false,
            visibility: visibility.into(),
            status: "investigating".into(),
            audience: "internal".into(),
            body: "Looking".into(),
            created_at: Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap(),
            roles: Default::default(),
            components: vec![],
        };
        assert_eq!(
            notice("public").subject(),
            "FIN-7 - Sev 2 - Card payments failing"
        );
        assert!(notice("internal").subject().starts_with("[INTERNAL ONLY] "));
        assert!(notice("").subject().starts_with("[INTERNAL ONLY] "));
    }

    #[test]
    fn draft_keys_are_plain() {
        assert!(validate_draft_key("incident:abc123:update").is_ok());
        assert!(validate_draft_key("../etc").is_err());
        assert!(validate_draft_key("").is_err());
    }

    #[test]
    fn a_maintenance_window_must_end_after_it_starts_and_after_now() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
        let m = |from: i64, to: i64| NewMaintenance {
            name: "Upgrade".into(),
            body: "b".into(),
            components: vec![],
            scheduled_for: now + chrono::Duration::hours(from),
            scheduled_until: now + chrono::Duration::hours(to),
            confirm_leaks: false,
        };
        assert!(m(1, 2).validate(now).is_ok());
        assert_eq!(m(2, 1).validate(now).unwrap_err().field, "scheduled_until");
        assert_eq!(
            m(-3, -1).validate(now).unwrap_err().field,
            "scheduled_until"
        );
    }

    #[test]
    fn page_settings_need_a_name_an_http_url_and_a_short_description() {
        let page = PageSettings {
            name: "Acme Cloud".into(),
            url: "https://status.example.com".into(),
            time_zone: "Europe/Berlin".into(),
            description: String::new(),
            indexable: true,
            version: 1,
        };
        assert!(page.validate().is_ok());
        let with = |f: fn(&mut PageSettings)| {
            let mut p = page.clone();
            f(&mut p);
            p.validate().unwrap_err().field
        };
        assert_eq!(with(|p| p.name = "\u{200B}".into()), "name");
        assert_eq!(with(|p| p.url = "status.example.com".into()), "url");
        assert_eq!(with(|p| p.time_zone = String::new()), "time_zone");
        assert_eq!(
            with(|p| p.description = "x".repeat(MAX_DESCRIPTION + 1)),
            "description"
        );
    }

    #[test]
    fn users_need_an_email_and_a_long_enough_password() {
        let u = |email: &str, password: Option<&str>| NewUser {
            email: email.into(),
            name: "Pat".into(),
            role: Role::Viewer,
            password: password.map(str::to_owned),
        };
        assert!(u("pat@example.com", None).validate().is_ok());
        assert_eq!(u("pat", None).validate().unwrap_err().field, "email");
        assert_eq!(
            u("pat@example.com", Some("short"))
                .validate()
                .unwrap_err()
                .field,
            "password"
        );
    }
}

/// A subscription as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriberRecord {
    /// Id.
    pub id: String,
    /// `public` or `internal`.
    pub audience: String,
    /// `email` or `webhook`.
    pub channel: String,
    /// Email address or URL.
    pub address: String,
    /// Message shape.
    pub format: String,
    /// Component ids, or `null` for the whole page.
    pub components: Option<Vec<String>>,
    /// Confirmed (double opt-in done).
    pub confirmed: bool,
}

/// An update as a staff notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Update id.
    pub id: String,
    /// The incident.
    pub incident_id: String,
    /// Its issue key.
    pub issue_key: String,
    /// Its public title.
    pub title: String,
    /// Its internal summary.
    pub summary: String,
    /// Its severity label, e.g. "Sev 2".
    pub severity: String,
    /// A rehearsal.
    pub drill: bool,
    /// `public` or `internal`.
    pub visibility: String,
    /// The status the update announced.
    pub status: String,
    /// `public` or `internal`.
    pub audience: String,
    /// The message.
    pub body: String,
    /// When.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// Who holds the incident's roles.
    #[serde(default)]
    pub roles: crate::api::Roles,
    /// Names of the affected components.
    #[serde(default)]
    pub components: Vec<String>,
}

impl Notice {
    /// The subject of this notice ([`staff_subject`]).
    pub fn subject(&self) -> String {
        staff_subject(
            self.drill,
            visibility_or_internal(&self.visibility),
            &self.issue_key,
            &self.severity,
            &self.summary,
        )
    }
}

/// The visibility spelled `text` (as stored); anything but a known spelling
/// counts as internal: a label too many is harmless, one missing is not.
pub fn visibility_or_internal(text: &str) -> Visibility {
    text.parse().unwrap_or(Visibility::Internal)
}

/// The subject of every staff notice of an incident, in email, chat and
/// the staff feed alike: `{key} - {severity} - {summary}`, led by
/// `[DRILL]` for a rehearsal or `[INTERNAL ONLY]` for an incident
/// customers are not told about, so no reader mistakes either for a real
/// public incident. `severity` is its label ("Sev 2"), empty when unset.
pub fn staff_subject(
    drill: bool,
    visibility: Visibility,
    issue_key: &str,
    severity: &str,
    summary: &str,
) -> String {
    let label = match (drill, visibility) {
        (true, _) => "[DRILL] ",
        (false, Visibility::Internal) => "[INTERNAL ONLY] ",
        (false, Visibility::Public) => "",
    };
    format!("{label}{issue_key} - {severity} - {summary}")
}

/// Body of `POST /api/me/subscriptions`: a staff member subscribes to
/// internal notices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffSubscription {
    /// `email` or `webhook`.
    pub channel: String,
    /// Email address or URL.
    pub address: String,
    /// For webhooks: `generic` (JSON notice) or `chat` (`{"text": …}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Only these components; everything when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

/// Answer to `POST /api/me/feed`: the personal feed's address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedAddress {
    /// The Atom feed's URL, with its secret; shown this once.
    pub url: String,
}

/// One delivery of the outbox, as admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryRecord {
    /// Row id.
    pub id: i64,
    /// The subscriber.
    pub subscriber_id: String,
    /// Where it goes (email address or URL).
    pub address: String,
    /// `email` or `webhook`.
    pub channel: String,
    /// The message's shape: `email`, `statuspage`, `generic` or `chat`.
    pub format: String,
    /// `confirm`, `new`, `update`, `reminder` or `notice`.
    pub kind: String,
    /// Sent with every attempt (the receiver drops repeats by it).
    pub idempotency_key: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When the next attempt is due; `null` once delivered or failed for good.
    #[serde(with = "crate::time::millis_opt")]
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// What the message is about: an email's subject, or the incident,
    /// maintenance or notice a webhook carries.
    pub subject: Option<String>,
    /// When it was queued.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
}
