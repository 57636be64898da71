//! The internal API's wire types: request bodies, internal views and the one
//! error envelope. Shared by the server (which validates them) and the web
//! app (which sends them), so both sides agree on every field.
//!
//! Validation rules are plain functions here; the server only translates
//! their [`FieldError`] into an HTTP response.

use crate::assessment::Assessment;
use crate::postmortem::PostmortemVerdict;
use crate::severity::Severity;
use crate::status::{wire_enum, ComponentStatus, Impact, IncidentStatus, UnknownValue};
use crate::v2;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

wire_enum! {
    /// What went wrong, for a program: the `code` of every error body. The
    /// server answers with these and the web app tells them apart by them.
    pub enum ErrorCode {
        /// 400: the body is not JSON (or not sent as JSON).
        InvalidJson = "invalid_json",
        /// 400: the body could not be read.
        InvalidBody = "invalid_body",
        /// 400: a query parameter is missing or of the wrong type (`field` names it).
        InvalidQuery = "invalid_query",
        /// 400: a path segment is not valid percent-encoding.
        InvalidPath = "invalid_path",
        /// 400 and others: a refusal the router made that has no code of its own.
        InvalidRequest = "invalid_request",
        /// 401: nobody is signed in.
        Unauthenticated = "unauthenticated",
        /// 401: a wrong email or password.
        InvalidCredentials = "invalid_credentials",
        /// 403: the role may not do this.
        Forbidden = "forbidden",
        /// 403: a write carrying only the session cookie came from another site's page.
        CrossSite = "cross_site",
        /// 404: nothing is there.
        NotFound = "not_found",
        /// 405: the endpoint does not take this method.
        MethodNotAllowed = "method_not_allowed",
        /// 409: a stale version, or a uniqueness rule.
        Conflict = "conflict",
        /// 409: something still refers to the object.
        InUse = "in_use",
        /// 413: the body is too large.
        TooLarge = "too_large",
        /// 422: a field is invalid (`field` names it).
        Validation = "validation",
        /// 422: public text holds internal information (send `confirm_leaks` to publish anyway).
        Leak = "leak",
        /// 429: too many attempts; see `Retry-After`.
        RateLimited = "rate_limited",
        /// 500: the server failed; nothing was changed.
        Internal = "internal",
    }
}

/// The one error body every API endpoint returns on failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// Machine-readable code, e.g. `validation`, `conflict`, `unauthenticated`.
    pub code: ErrorCode,
    /// A sentence a person understands.
    pub message: String,
    /// The request field at fault, when there is one (dotted path, e.g. `components[1].status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A request field that breaks a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field, as a dotted path.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

wire_enum! {
    /// What a signed-in person may do.
    pub enum Role {
        /// Staff: reads internal notices.
        Viewer = "viewer",
        /// Comms manager: declares incidents and publishes updates.
        Publisher = "publisher",
        /// Manages users, templates and settings, and publishes.
        Admin = "admin",
    }
}

impl Role {
    /// Whether the role may change incidents, components and maintenances.
    pub const fn can_publish(self) -> bool {
        matches!(self, Role::Publisher | Role::Admin)
    }
}

wire_enum! {
    /// Who may see an incident.
    pub enum Visibility {
        /// On the public page and in public documents.
        Public = "public",
        /// Staff only; never in any public output.
        Internal = "internal",
    }
}

wire_enum! {
    /// Who an update is written for.
    pub enum Audience {
        /// Customers: the public page, documents and feeds.
        Public = "public",
        /// Staff only.
        Internal = "internal",
    }
}

/// Maximum length of a name or title, in characters.
pub const MAX_NAME: usize = 200;
/// Maximum length of a message body or summary, in characters.
pub const MAX_BODY: usize = 10_000;

/// Checks an issue key such as `OPS-142`: a project prefix of 2–10 capital
/// letters or digits starting with a letter, a hyphen, and a number.
pub fn validate_issue_key(field: &str, key: &str) -> Result<(), FieldError> {
    let bad = || {
        FieldError::new(
            field,
            format!("'{key}' is not an issue key; expected a form like OPS-142 (capital letters, a hyphen, a number)"),
        )
    };
    let (prefix, number) = key.split_once('-').ok_or_else(bad)?;
    let prefix_ok = (2..=10).contains(&prefix.len())
        && prefix.starts_with(|c: char| c.is_ascii_uppercase())
        && prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let number_ok = (1..=9).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit());
    if prefix_ok && number_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Checks a required, single-line text of at most `max` characters.
pub fn validate_name(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    if value.contains(['\n', '\r']) {
        return Err(FieldError::new(field, "must be a single line"));
    }
    validate_text(field, value)?;
    if !has_visible(value) {
        return Err(FieldError::new(
            field,
            "has no visible character (only spaces or invisible ones)",
        ));
    }
    validate_len(field, value, max)
}

/// Checks a required text body of at most `max` characters.
pub fn validate_body(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    validate_text(field, value)?;
    validate_len(field, value, max)
}

/// Checks an email address, the same way for users, subscribers and staff
/// subscriptions: one address (no display name), a domain with at least
/// two labels (`a@b` is refused, `ops@example.com` is not), no IP literal,
/// at most 254 characters. Parsing is the `email_address` crate's (RFC 5321/5322).
pub fn validate_email(field: &str, value: &str) -> Result<(), FieldError> {
    let options = email_address::Options::default()
        .with_required_tld()
        .without_display_text()
        .without_domain_literal();
    match email_address::EmailAddress::parse_with_options(value, options) {
        Ok(_) if value.len() <= 254 => Ok(()),
        Ok(_) => Err(FieldError::new(
            field,
            "an email address has at most 254 characters",
        )),
        Err(e) => Err(FieldError::new(
            field,
            format!("'{value}' is not an email address ({e})"),
        )),
    }
}

/// Refuses characters no text may hold: control characters other than
/// tab, line feed and carriage return (they make the feeds invalid XML for
/// every reader), and the noncharacters U+FFFE and U+FFFF.
pub fn validate_text(field: &str, value: &str) -> Result<(), FieldError> {
    match value.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        Some(c) => Err(FieldError::new(
            field,
            format!(
                "contains the control character U+{:04X}; remove it",
                c as u32
            ),
        )),
        None => Ok(()),
    }
}

/// Whether a text shows anything: a character that is neither white space
/// nor invisible (format characters such as zero-width spaces and joiners,
/// variation selectors, fillers).
pub fn has_visible(value: &str) -> bool {
    // The skeleton leaves out default-ignorable characters.
    unicode_security::skeleton(value).any(|c| !c.is_whitespace() && !c.is_control())
}

/// Checks a text of at most `max` characters (and no control character).
pub fn validate_len(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    validate_text(field, value)?;
    let n = value.chars().count();
    if n > max {
        Err(FieldError::new(
            field,
            format!("is {n} characters long; the limit is {max}"),
        ))
    } else {
        Ok(())
    }
}

/// Reads a field that may be absent (leave unchanged), `null` (clear) or a value.
fn double_option<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Body of `POST /api/subscribers`: a customer subscribes to public updates
/// by one of `email` (confirmed first) or `webhook_url`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSubscription {
    /// Email address (a confirmation email is sent first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Webhook URL (Statuspage's body: `meta`, `page`, `incident`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Only these components; the whole page when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

/// Answer to `POST /api/subscribers`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionAccepted {
    /// What happens next, in a sentence.
    pub message: String,
}

/// Body of `POST /api/session`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's email address.
    pub email: String,
    /// The account's password.
    pub password: String,
}

/// The signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionUser {
    /// User id.
    pub id: String,
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Current version, to send back with a change of role.
    pub version: i64,
}

/// Body of `POST /api/tokens`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for, e.g. "monitoring".
    pub name: String,
}

/// A freshly created API token. The secret is shown this once only.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedToken {
    /// Token id.
    pub id: String,
    /// What the token is for.
    pub name: String,
    /// The bearer secret (`Authorization: Bearer <token>`).
    pub token: String,
}

/// Body of `POST /api/components`: a component or, with `group: true`, a group.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComponent {
    /// Display name.
    pub name: String,
    /// Optional description shown to customers.
    #[serde(default)]
    pub description: Option<String>,
    /// Create a group rather than a component.
    #[serde(default)]
    pub group: bool,
    /// The group to put the component in.
    #[serde(default)]
    pub group_id: Option<String>,
    /// Order within its group; appended at the end when absent.
    #[serde(default)]
    pub position: Option<i64>,
    /// Initial status; `operational` when absent.
    #[serde(default)]
    pub status: Option<ComponentStatus>,
    /// Whether the page shows uptime bars for it (default true).
    #[serde(default)]
    pub showcase: Option<bool>,
    /// Hide it while it is operational (default false).
    #[serde(default)]
    pub only_show_if_degraded: bool,
    /// First day its uptime history counts from; today when absent.
    #[serde(default)]
    #[serde(with = "crate::time::date_opt")]
    pub start_date: Option<NaiveDate>,
    /// Staff only: never on the public page, in documents or feeds.
    #[serde(default)]
    pub internal_only: bool,
}

impl NewComponent {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_name("name", &self.name, MAX_NAME)?;
        if let Some(d) = &self.description {
            validate_len("description", d, MAX_BODY)?;
        }
        if let Some(p) = self.position {
            validate_position(p)?;
        }
        if self.group && self.group_id.is_some() {
            return Err(FieldError::new(
                "group_id",
                "a group cannot be inside another group",
            ));
        }
        Ok(())
    }
}

/// Body of `PATCH /api/components/{id}`: absent fields stay as they are.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ComponentPatch {
    /// The version the change is based on; a stale version is refused with 409.
    pub version: i64,
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New description; `null` clears it.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub description: Option<Option<String>>,
    /// New group; `null` takes it out of its group.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub group_id: Option<Option<String>>,
    /// New position.
    #[serde(default)]
    pub position: Option<i64>,
    /// New status (not for groups: a group shows its worst child).
    #[serde(default)]
    pub status: Option<ComponentStatus>,
    /// Show uptime bars.
    #[serde(default)]
    pub showcase: Option<bool>,
    /// Hide while operational.
    #[serde(default)]
    pub only_show_if_degraded: Option<bool>,
    /// Staff only.
    #[serde(default)]
    pub internal_only: Option<bool>,
}

impl ComponentPatch {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        if let Some(name) = &self.name {
            validate_name("name", name, MAX_NAME)?;
        }
        if let Some(Some(d)) = &self.description {
            validate_len("description", d, MAX_BODY)?;
        }
        if let Some(p) = self.position {
            validate_position(p)?;
        }
        Ok(())
    }
}

/// The largest position a component or group may take: far more than a
/// page has, and far from where adding one to it would overflow.
pub const MAX_POSITION: i64 = 1_000_000;

/// Checks a component's position: 0 to [`MAX_POSITION`].
pub fn validate_position(position: i64) -> Result<(), FieldError> {
    if (0..=MAX_POSITION).contains(&position) {
        Ok(())
    } else {
        Err(FieldError::new(
            "position",
            format!("must be between 0 and {MAX_POSITION}"),
        ))
    }
}

/// A component as the portal sees it: the public shape plus what only staff need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentRecord {
    /// The public fields.
    #[serde(flatten)]
    pub component: v2::Component,
    /// Current version, to send back with a change.
    pub version: i64,
    /// Staff only: never public.
    pub internal_only: bool,
}

/// A component an incident or update puts into a status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentChange {
    /// The component's id.
    pub id: String,
    /// Its new status.
    pub status: ComponentStatus,
}

/// Most components one request may name.
pub const MAX_COMPONENTS: usize = 1_000;

/// Checks a list of component ids: at most [`MAX_COMPONENTS`], none twice
/// (in one pass, so a long list costs no more than reading it).
pub fn validate_ids<'a>(
    field: &str,
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> Result<(), FieldError> {
    if ids.len() > MAX_COMPONENTS {
        return Err(FieldError::new(
            field,
            format!("names more than {MAX_COMPONENTS} components"),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(FieldError::new(
                format!("{field}[{i}]"),
                format!("component '{id}' is listed twice"),
            ));
        }
    }
    Ok(())
}

fn validate_changes(changes: &[ComponentChange]) -> Result<(), FieldError> {
    validate_ids("components", changes.iter().map(|c| c.id.as_str())).map_err(|mut e| {
        if e.field != "components" {
            e.field.push_str(".id");
        }
        e
    })
}

/// Body of `POST /api/incidents`: declare an incident.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewIncident {
    /// Internal issue key, e.g. `OPS-142`; unique.
    pub issue_key: String,
    /// Public title.
    pub title: String,
    /// Internal summary (never public).
    pub summary: String,
    /// Severity level.
    pub severity: Severity,
    /// Public impact; the severity's default when absent.
    #[serde(default)]
    pub impact: Option<Impact>,
    /// Initial status; `investigating` when absent.
    #[serde(default)]
    pub status: Option<IncidentStatus>,
    /// The first public message.
    pub message: String,
    /// Affected components and the status each is in.
    #[serde(default)]
    pub components: Vec<ComponentChange>,
    /// When the disruption began; now when absent.
    #[serde(default, with = "crate::time::millis_opt")]
    pub started_at: Option<DateTime<Utc>>,
    /// Public, or staff only.
    #[serde(default = "public")]
    pub visibility: Visibility,
    /// The first internal notice to staff, if any.
    #[serde(default)]
    pub internal_message: Option<String>,
    /// The answers to the assessment questions.
    #[serde(default)]
    pub assessment: Option<Assessment>,
    /// Who holds the incident roles.
    #[serde(default)]
    pub roles: Roles,
    /// Support cases customers have opened so far.
    #[serde(default)]
    pub support_cases: u32,
    /// A rehearsal: staff only, clearly labelled, never public.
    #[serde(default)]
    pub drill: bool,
    /// Publish although the leak guard found internal text in a public field.
    #[serde(default)]
    pub confirm_leaks: bool,
    /// The open detection this declares (it is marked declared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detection_id: Option<String>,
}

/// Who holds the roles of an incident (names or emails, free text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Owns the incident, with full authority.
    #[serde(default)]
    pub incident_manager: Option<String>,
    /// Leads the technical response.
    #[serde(default)]
    pub technical_lead: Option<String>,
    /// Writes and sends internal and external communications.
    #[serde(default)]
    pub communications_manager: Option<String>,
}

impl Roles {
    fn validate(&self) -> Result<(), FieldError> {
        for (field, value) in [
            ("roles.incident_manager", &self.incident_manager),
            ("roles.technical_lead", &self.technical_lead),
            ("roles.communications_manager", &self.communications_manager),
        ] {
            if let Some(v) = value {
                validate_len(field, v, MAX_NAME)?;
            }
        }
        Ok(())
    }
}

fn public() -> Visibility {
    Visibility::Public
}

fn public_audience() -> Audience {
    Audience::Public
}

impl NewIncident {
    /// Checks the fields that need no stored state.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), FieldError> {
        validate_issue_key("issue_key", &self.issue_key)?;
        validate_name("title", &self.title, MAX_NAME)?;
        validate_body("summary", &self.summary, MAX_BODY)?;
        validate_body("message", &self.message, MAX_BODY)?;
        if let Some(status) = self.status {
            if !status.is_unresolved() {
                return Err(FieldError::new(
                    "status",
                    "a new incident starts as investigating, identified or monitoring",
                ));
            }
        }
        if self.impact == Some(Impact::Maintenance) {
            return Err(FieldError::new(
                "impact",
                "'maintenance' is for scheduled maintenances; use none, minor, major or critical",
            ));
        }
        if let Some(started) = self.started_at {
            if started > now {
                return Err(FieldError::new("started_at", "lies in the future"));
            }
        }
        if let Some(m) = &self.internal_message {
            validate_body("internal_message", m, MAX_BODY)?;
        }
        self.roles.validate()?;
        validate_changes(&self.components)
    }
}

/// Body of `POST /api/incidents/{id}/updates`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUpdate {
    /// The incident version the update is based on; stale → 409.
    pub version: i64,
    /// The status the update announces.
    pub status: IncidentStatus,
    /// The message.
    pub body: String,
    /// Customers, or staff only.
    #[serde(default = "public_audience")]
    pub audience: Audience,
    /// Components whose status changes with this update.
    #[serde(default)]
    pub components: Vec<ComponentChange>,
    /// An internal notice to staff posted with a public update.
    #[serde(default)]
    pub internal_body: Option<String>,
    /// The support-case count now, if it changed.
    #[serde(default)]
    pub support_cases: Option<u32>,
    /// Publish although the leak guard found internal text in the body.
    #[serde(default)]
    pub confirm_leaks: bool,
}

impl NewUpdate {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_body("body", &self.body, MAX_BODY)?;
        if let Some(b) = &self.internal_body {
            validate_body("internal_body", b, MAX_BODY)?;
        }
        validate_changes(&self.components)
    }
}

/// Body of `PATCH /api/incidents/{id}`: what is known about an incident
/// changes as it unfolds: a better public title, a severity raised or
/// lowered, a new summary, other people in the roles. Fields left out stay.
/// Nobody is notified; the public documents show the new title and impact.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IncidentPatch {
    /// The incident version the change is based on; stale → 409.
    pub version: i64,
    /// New public title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New internal summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// New severity (the update cadence follows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// New public impact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    /// New roles (all three, as the form shows them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Roles>,
    /// Save although the leak guard found internal text in the title.
    #[serde(default)]
    pub confirm_leaks: bool,
}

impl IncidentPatch {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        if let Some(title) = &self.title {
            validate_name("title", title, MAX_NAME)?;
        }
        if let Some(summary) = &self.summary {
            validate_body("summary", summary, MAX_BODY)?;
        }
        if self.impact == Some(Impact::Maintenance) {
            return Err(FieldError::new(
                "impact",
                "'maintenance' is for scheduled maintenances; use none, minor, major or critical",
            ));
        }
        if let Some(roles) = &self.roles {
            roles.validate()?;
        }
        Ok(())
    }
}

/// Body of `PATCH /api/incidents/{id}/updates/{update_id}`: corrects the
/// text of a published update (a typo, a wrong time). Its status, time and
/// component changes stay; nobody is notified again.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateEdit {
    /// The incident version the correction is based on; stale → 409.
    pub version: i64,
    /// The corrected message.
    pub body: String,
    /// Save although the leak guard found internal text in the body.
    #[serde(default)]
    pub confirm_leaks: bool,
}

impl UpdateEdit {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_body("body", &self.body, MAX_BODY)
    }
}

/// Body of `POST /api/incidents/{id}/resolve`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolveIncident {
    /// The incident version the resolution is based on; stale → 409.
    pub version: i64,
    /// The final public message.
    pub body: String,
    /// The final internal message, if any.
    #[serde(default)]
    pub internal_body: Option<String>,
    /// Final component states; every affected component returns to
    /// `operational` unless listed here.
    #[serde(default)]
    pub components: Vec<ComponentChange>,
    /// It has happened before or is likely to recur (for the postmortem rule).
    #[serde(default)]
    pub recurring: bool,
    /// The final support-case count, if it changed.
    #[serde(default)]
    pub support_cases: Option<u32>,
    /// Publish although the leak guard found internal text in the body.
    #[serde(default)]
    pub confirm_leaks: bool,
}

/// Body of `POST /api/incidents/{id}/postmortem`: publish the review.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishPostmortem {
    /// The incident version this is based on; stale → 409.
    pub version: i64,
    /// Link to the published review.
    pub url: String,
    /// The public message announcing it.
    pub body: String,
    /// Publish although the leak guard found internal text in the body.
    #[serde(default)]
    pub confirm_leaks: bool,
}

impl PublishPostmortem {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_body("body", &self.body, MAX_BODY)?;
        validate_url("url", &self.url)
    }
}

/// Checks an absolute http(s) URL.
pub fn validate_url(field: &str, url: &str) -> Result<(), FieldError> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2000
        && !url.contains(char::is_whitespace)
        && url.split("://").nth(1).is_some_and(|rest| !rest.is_empty());
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("'{url}' is not an http(s) URL"),
        ))
    }
}

impl ResolveIncident {
    /// Checks the fields that need no stored state.
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_body("body", &self.body, MAX_BODY)?;
        if let Some(b) = &self.internal_body {
            validate_body("internal_body", b, MAX_BODY)?;
        }
        validate_changes(&self.components)
    }
}

/// One update as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateRecord {
    /// Update id.
    pub id: String,
    /// The status it announced.
    pub status: IncidentStatus,
    /// Customers or staff.
    pub audience: Audience,
    /// The message.
    pub body: String,
    /// Who wrote it (email).
    pub author: String,
    /// When.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When its text was last corrected; `null` when never.
    #[serde(default, with = "crate::time::millis_opt")]
    pub edited_at: Option<DateTime<Utc>>,
    /// Component transitions it made.
    pub affected_components: Vec<v2::AffectedComponent>,
}

/// An affected component of an incident, as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentComponent {
    /// Component id.
    pub id: String,
    /// Component name.
    pub name: String,
    /// Its current status.
    pub status: ComponentStatus,
}

/// An incident as staff see it, internal fields included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentRecord {
    /// Incident id (the public id too).
    pub id: String,
    /// Internal issue key.
    pub issue_key: String,
    /// Public title.
    pub title: String,
    /// Internal summary.
    pub summary: String,
    /// Severity level.
    pub severity: Severity,
    /// Public impact.
    pub impact: Impact,
    /// Current status.
    pub status: IncidentStatus,
    /// Public or staff only.
    pub visibility: Visibility,
    /// When the disruption began.
    #[serde(with = "crate::time::millis")]
    pub started_at: DateTime<Utc>,
    /// When it was declared.
    #[serde(with = "crate::time::millis")]
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    #[serde(with = "crate::time::millis")]
    pub updated_at: DateTime<Utc>,
    /// When it was resolved.
    #[serde(with = "crate::time::millis_opt")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Current version, to send back with the next write.
    pub version: i64,
    /// Affected components.
    pub components: Vec<IncidentComponent>,
    /// Every update, public and internal, newest first.
    pub updates: Vec<UpdateRecord>,
    /// The assessment answers, if given.
    pub assessment: Option<Assessment>,
    /// Who holds the roles.
    pub roles: Roles,
    /// Support cases opened.
    pub support_cases: u32,
    /// A rehearsal (never public).
    pub drill: bool,
    /// Marked as recurring at resolution.
    pub recurring: bool,
    /// Link to the published post-incident review.
    pub postmortem_url: Option<String>,
    /// While open: when the next update is due, by the severity's cadence.
    #[serde(with = "crate::time::millis_opt")]
    pub next_update_due: Option<DateTime<Utc>>,
    /// Once resolved: whether a post-incident review is required, and why.
    pub postmortem: Option<PostmortemVerdict>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap()
    }

    fn incident() -> NewIncident {
        NewIncident {
            issue_key: "OPS-142".into(),
            title: "Elevated API errors".into(),
            summary: "Pool exhausted on db-3".into(),
            severity: Severity::Sev2,
            impact: None,
            status: None,
            message: "We are investigating.".into(),
            components: vec![],
            started_at: None,
            visibility: Visibility::Public,
            internal_message: None,
            assessment: None,
            roles: Roles::default(),
            support_cases: 0,
            drill: false,
            confirm_leaks: false,
            detection_id: None,
        }
    }

    #[test]
    fn issue_keys_need_prefix_hyphen_and_number() {
        for ok in ["OPS-142", "INC-1", "A1-99", "PLATFORM2-123456789"] {
            assert!(validate_issue_key("k", ok).is_ok(), "{ok}");
        }
        for bad in [
            "ops-142", "OPS142", "OPS-", "-12", "O-1", "OPS-12a", "1OPS-2", "",
        ] {
            let err = validate_issue_key("issue_key", bad).unwrap_err();
            assert_eq!(err.field, "issue_key", "{bad}");
        }
    }

    #[test]
    fn names_must_be_single_line_non_empty_and_bounded() {
        assert!(validate_name("name", "API", MAX_NAME).is_ok());
        assert_eq!(
            validate_name("name", "  ", MAX_NAME).unwrap_err().message,
            "must not be empty"
        );
        assert!(validate_name("name", "a\nb", MAX_NAME).is_err());
        let long = "x".repeat(MAX_NAME + 1);
        let err = validate_name("name", &long, MAX_NAME).unwrap_err();
        assert!(err.message.contains("limit is 200"), "{}", err.message);
    }

    #[test]
    fn a_valid_incident_passes() {
        assert_eq!(incident().validate(now()), Ok(()));
    }

    #[test]
    fn incident_validation_names_the_field() {
        let mut i = incident();
        i.title = String::new();
        assert_eq!(i.validate(now()).unwrap_err().field, "title");

        let mut i = incident();
        i.status = Some(IncidentStatus::Resolved);
        assert_eq!(i.validate(now()).unwrap_err().field, "status");

        let mut i = incident();
        i.started_at = Some(now() + chrono::Duration::hours(1));
        assert_eq!(i.validate(now()).unwrap_err().field, "started_at");

        let mut i = incident();
        i.impact = Some(Impact::Maintenance);
        assert_eq!(i.validate(now()).unwrap_err().field, "impact");

        let mut i = incident();
        let change = ComponentChange {
            id: "c1".into(),
            status: ComponentStatus::MajorOutage,
        };
        i.components = vec![change.clone(), change.clone()];
        assert_eq!(i.validate(now()).unwrap_err().field, "components[1].id");

        let mut i = incident();
        i.components = (0..=MAX_COMPONENTS)
            .map(|n| ComponentChange {
                id: format!("c{n}"),
                status: ComponentStatus::MajorOutage,
            })
            .collect();
        assert_eq!(i.validate(now()).unwrap_err().field, "components");
    }

    #[test]
    fn a_long_list_of_ids_is_checked_in_one_pass() {
        let ids: Vec<String> = (0..MAX_COMPONENTS).map(|n| format!("c{n}")).collect();
        assert!(validate_ids("components", ids.iter().map(String::as_str)).is_ok());
        let mut twice = ids.clone();
        twice[MAX_COMPONENTS - 1] = "c7".to_owned();
        let err = validate_ids("components", twice.iter().map(String::as_str)).unwrap_err();
        assert_eq!(err.field, format!("components[{}]", MAX_COMPONENTS - 1));
    }

    #[test]
    fn one_rule_for_every_email_address() {
        for good in ["ops@example.com", "first.last+tag@mail.example.co.uk"] {
            assert!(validate_email("email", good).is_ok(), "{good}");
        }
        for bad in [
            "a@b",
            "pat",
            "@example.com",
            "pat@",
            "pat @example.com",
            "Pat <pat@example.com>",
            "pat@[127.0.0.1]",
            "pat@example.com\n",
        ] {
            assert_eq!(
                validate_email("email", bad).unwrap_err().field,
                "email",
                "{bad}"
            );
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(validate_email("email", &long).is_err());
    }

    #[test]
    fn visibility_defaults_to_public_and_severity_is_checked_when_read() {
        let json = r#"{"issue_key":"OPS-1","title":"t","summary":"s","severity":2,"message":"m"}"#;
        let i: NewIncident = serde_json::from_str(json).unwrap();
        assert_eq!(i.visibility, Visibility::Public);
        let bad = json.replace("\"severity\":2", "\"severity\":5");
        assert!(serde_json::from_str::<NewIncident>(&bad).is_err());
    }

    #[test]
    fn patch_tells_absent_from_null() {
        let p: ComponentPatch = serde_json::from_str(r#"{"version":1}"#).unwrap();
        assert_eq!(p.group_id, None);
        let p: ComponentPatch = serde_json::from_str(r#"{"version":1,"group_id":null}"#).unwrap();
        assert_eq!(p.group_id, Some(None));
        let p: ComponentPatch = serde_json::from_str(r#"{"version":1,"group_id":"g1"}"#).unwrap();
        assert_eq!(p.group_id, Some(Some("g1".into())));
    }

    #[test]
    fn only_publishers_and_admins_publish() {
        assert!(!Role::Viewer.can_publish());
        assert!(Role::Publisher.can_publish());
        assert!(Role::Admin.can_publish());
    }

    #[test]
    fn texts_with_control_characters_are_refused() {
        for bad in [
            "a\u{0}b",
            "bell\u{7}",
            "esc\u{1b}[31m",
            "x\u{FFFE}",
            "y\u{FFFF}",
            "c1\u{85}",
        ] {
            assert!(validate_body("body", bad, 100).is_err(), "{bad:?}");
            assert!(validate_name("name", bad, 100).is_err(), "{bad:?}");
        }
        assert!(validate_body("body", "Line one\nline two\r\n\tindented", 100).is_ok());
    }

    #[test]
    fn a_name_must_show_something() {
        for invisible in [
            "\u{200B}",
            "\u{200B}\u{200D}\u{FEFF}",
            " \u{2060} ",
            "\u{3164}",
            "\u{AD}",
        ] {
            let err = validate_name("name", invisible, 100).unwrap_err();
            assert_eq!(err.field, "name", "{invisible:?}");
        }
        for visible in ["API", "★", "🚀 Launch", "Zahlungsdienst", "決済"] {
            assert!(validate_name("name", visible, 100).is_ok(), "{visible}");
        }
    }
}
