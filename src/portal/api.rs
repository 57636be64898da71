//! The portal's part of the HTTP layer: every call to Herald's internal API
//! (`/api/*` with the session cookie). Like [`crate::api`], of which it is
//! the continuation, it returns typed results and keeps every failure a
//! [`FetchError`]; pages never build a request themselves.
//!
//! Writes send `Content-Type: application/json` (the server refuses writes
//! without it, which closes cross-site form posts). The browser sends the
//! `SameSite=Strict` session cookie on these same-origin requests by itself.

use crate::api::{decode, FetchError};
use gloo_net::http::{Method, RequestBuilder};
use herald_model::api::ErrorCode;
use herald_model::api::{
    ComponentPatch, ComponentRecord, CreatedToken, IncidentPatch, IncidentRecord, LoginRequest,
    NewComponent, NewIncident, NewToken, NewUpdate, PublishPostmortem, ResolveIncident,
    SessionUser, UpdateEdit,
};
use herald_model::portal::{
    AuditEvent, CadenceSetting, CreatedUser, DeliveryRecord, Detection, DraftBody, DraftRecord,
    FeedAddress, MaintenanceChange, MaintenanceRecord, NewMaintenance, NewUser, Notice,
    PageSettings, StaffSubscription, SubscriberRecord, TemplateChange, TemplateRecord, TokenRecord,
    UserChange,
};
use herald_model::templates::Channel;
use herald_model::IncidentStatus;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::RequestCache;

impl FetchError {
    /// Whether the server said nobody is signed in (HTTP 401).
    pub fn is_unauthenticated(&self) -> bool {
        match self {
            FetchError::Http(401) => true,
            FetchError::Api(e) => e.code == ErrorCode::Unauthenticated,
            _ => false,
        }
    }

    /// Whether the write was based on a stale version (HTTP 409).
    pub fn is_conflict(&self) -> bool {
        match self {
            FetchError::Http(409) => true,
            FetchError::Api(e) => e.code == ErrorCode::Conflict,
            _ => false,
        }
    }

    /// Whether the leak guard refused a public text that holds internal information.
    pub fn is_leak(&self) -> bool {
        matches!(self, FetchError::Api(e) if e.code == ErrorCode::Leak)
    }

    /// Whether the person's role may not do this (HTTP 403).
    pub fn is_forbidden(&self) -> bool {
        match self {
            FetchError::Http(403) => true,
            FetchError::Api(e) => e.code == ErrorCode::Forbidden,
            _ => false,
        }
    }

    /// The request field the server blamed, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            FetchError::Api(e) => e.field.as_deref(),
            _ => None,
        }
    }
}

/// Sends a request and returns the HTTP status and the body text.
async fn exchange(
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<(u16, String), FetchError> {
    let builder = RequestBuilder::new(path)
        .method(method)
        .header("Accept", "application/json")
        // Internal data changes under our feet: never show a cached copy.
        .cache(RequestCache::NoStore);
    let request = match body {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    }
    .map_err(|e| FetchError::Network(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    let text = response
        .text()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    Ok((response.status(), text))
}

/// A request whose answer is a `T`.
async fn call<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, FetchError> {
    let (status, text) = exchange(method, path, body).await?;
    decode(status, &text)
}

/// A request whose answer has no body (204).
async fn call_empty(method: Method, path: &str) -> Result<(), FetchError> {
    let (status, text) = exchange(method, path, None).await?;
    if (200..300).contains(&status) {
        Ok(())
    } else {
        decode::<serde_json::Value>(status, &text).map(|_| ())
    }
}

fn json<B: Serialize>(body: &B) -> Option<String> {
    // Serialising the model's own request types cannot fail.
    Some(serde_json::to_string(body).expect("request bodies serialise"))
}

/// The path segment for a free-form id, escaped.
fn seg(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

/// `GET /api/session`: who is signed in (`None` when nobody).
pub async fn current_user() -> Result<Option<SessionUser>, FetchError> {
    call(Method::GET, "/api/session", None).await
}

/// `POST /api/session`: sign in; the server sets the session cookie.
pub async fn sign_in(request: LoginRequest) -> Result<SessionUser, FetchError> {
    call(Method::POST, "/api/session", json(&request)).await
}

/// `DELETE /api/session`: sign out.
pub async fn sign_out() -> Result<(), FetchError> {
    call_empty(Method::DELETE, "/api/session").await
}

/// `GET /api/incidents`: open incidents first, then recent others.
pub async fn incidents() -> Result<Vec<IncidentRecord>, FetchError> {
    call(Method::GET, "/api/incidents", None).await
}

/// `GET /api/incidents/{id}`: one incident with every update.
pub async fn incident(id: String) -> Result<IncidentRecord, FetchError> {
    call(Method::GET, &format!("/api/incidents/{}", seg(&id)), None).await
}

/// `POST /api/incidents`: declare an incident.
pub async fn declare(body: NewIncident) -> Result<IncidentRecord, FetchError> {
    call(Method::POST, "/api/incidents", json(&body)).await
}

/// `POST /api/incidents/{id}/updates`: post an update.
pub async fn post_update(id: String, body: NewUpdate) -> Result<IncidentRecord, FetchError> {
    let path = format!("/api/incidents/{}/updates", seg(&id));
    call(Method::POST, &path, json(&body)).await
}

/// `DELETE /api/components/{id}?version=N`: delete a component nothing refers to.
pub async fn delete_component(id: String, version: i64) -> Result<(), FetchError> {
    let path = format!("/api/components/{}?version={version}", seg(&id));
    call_empty(Method::DELETE, &path).await
}

/// `GET /api/detections`: the open detections from monitoring.
pub async fn detections() -> Result<Vec<Detection>, FetchError> {
    call(Method::GET, "/api/detections", None).await
}

/// `POST /api/detections/{id}/dismiss`: it needs no incident.
pub async fn dismiss_detection(id: String) -> Result<Detection, FetchError> {
    let path = format!("/api/detections/{}/dismiss", seg(&id));
    call(Method::POST, &path, None).await
}

/// `PATCH /api/incidents/{id}`: change the title, summary, severity, impact or roles.
pub async fn edit_incident(id: String, body: IncidentPatch) -> Result<IncidentRecord, FetchError> {
    let path = format!("/api/incidents/{}", seg(&id));
    call(Method::PATCH, &path, json(&body)).await
}

/// `PATCH /api/incidents/{id}/updates/{update_id}`: correct an update's text.
pub async fn edit_update(
    id: String,
    update_id: String,
    body: UpdateEdit,
) -> Result<IncidentRecord, FetchError> {
    let path = format!("/api/incidents/{}/updates/{}", seg(&id), seg(&update_id));
    call(Method::PATCH, &path, json(&body)).await
}

/// `POST /api/incidents/{id}/resolve`: resolve with final communications.
pub async fn resolve(id: String, body: ResolveIncident) -> Result<IncidentRecord, FetchError> {
    let path = format!("/api/incidents/{}/resolve", seg(&id));
    call(Method::POST, &path, json(&body)).await
}

/// `POST /api/incidents/{id}/postmortem`: publish the post-incident review.
pub async fn publish_postmortem(
    id: String,
    body: PublishPostmortem,
) -> Result<IncidentRecord, FetchError> {
    let path = format!("/api/incidents/{}/postmortem", seg(&id));
    call(Method::POST, &path, json(&body)).await
}

/// `GET /api/components`: every component and group, internal ones included.
pub async fn components() -> Result<Vec<ComponentRecord>, FetchError> {
    call(Method::GET, "/api/components", None).await
}

/// `POST /api/components`: create a component or group.
pub async fn create_component(body: NewComponent) -> Result<ComponentRecord, FetchError> {
    call(Method::POST, "/api/components", json(&body)).await
}

/// `PATCH /api/components/{id}`: change a component.
pub async fn change_component(
    id: String,
    body: ComponentPatch,
) -> Result<ComponentRecord, FetchError> {
    let path = format!("/api/components/{}", seg(&id));
    call(Method::PATCH, &path, json(&body)).await
}

/// `GET /api/maintenances`: scheduled, active and recent maintenances.
pub async fn maintenances() -> Result<Vec<MaintenanceRecord>, FetchError> {
    call(Method::GET, "/api/maintenances", None).await
}

/// `POST /api/maintenances`: schedule a maintenance window.
pub async fn create_maintenance(body: NewMaintenance) -> Result<MaintenanceRecord, FetchError> {
    call(Method::POST, "/api/maintenances", json(&body)).await
}

/// `PATCH /api/maintenances/{id}`: extend or cancel.
pub async fn change_maintenance(
    id: String,
    body: MaintenanceChange,
) -> Result<MaintenanceRecord, FetchError> {
    let path = format!("/api/maintenances/{}", seg(&id));
    call(Method::PATCH, &path, json(&body)).await
}

/// `GET /api/drafts`: the signed-in person's drafts.
pub async fn drafts() -> Result<Vec<DraftRecord>, FetchError> {
    call(Method::GET, "/api/drafts", None).await
}

/// `GET /api/drafts/{key}`: one draft (404 when there is none).
pub async fn draft(key: String) -> Result<DraftRecord, FetchError> {
    call(Method::GET, &format!("/api/drafts/{}", seg(&key)), None).await
}

/// `PUT /api/drafts/{key}`: save a draft (409 when `version` is stale).
pub async fn save_draft(key: String, body: DraftBody) -> Result<DraftRecord, FetchError> {
    call(
        Method::PUT,
        &format!("/api/drafts/{}", seg(&key)),
        json(&body),
    )
    .await
}

/// `DELETE /api/drafts/{key}`: discard a draft.
pub async fn delete_draft(key: String) -> Result<(), FetchError> {
    call_empty(Method::DELETE, &format!("/api/drafts/{}", seg(&key))).await
}

/// `GET /api/templates`: every template in force.
pub async fn templates() -> Result<Vec<TemplateRecord>, FetchError> {
    call(Method::GET, "/api/templates", None).await
}

/// `PUT /api/templates/{stage}/{channel}`: replace a template (admins).
pub async fn save_template(
    stage: IncidentStatus,
    channel: Channel,
    change: TemplateChange,
) -> Result<TemplateRecord, FetchError> {
    let path = format!("/api/templates/{stage}/{channel}");
    call(Method::PUT, &path, json(&change)).await
}

/// `DELETE /api/templates/{stage}/{channel}?version=`: back to the built-in template.
pub async fn reset_template(
    stage: IncidentStatus,
    channel: Channel,
    version: i64,
) -> Result<TemplateRecord, FetchError> {
    let path = format!("/api/templates/{stage}/{channel}?version={version}");
    call(Method::DELETE, &path, None).await
}

/// `GET /api/settings/cadence`: minutes between updates by severity.
pub async fn cadence() -> Result<CadenceSetting, FetchError> {
    call(Method::GET, "/api/settings/cadence", None).await
}

/// `PUT /api/settings/cadence` (admins).
pub async fn save_cadence(body: CadenceSetting) -> Result<CadenceSetting, FetchError> {
    call(Method::PUT, "/api/settings/cadence", json(&body)).await
}

/// `GET /api/settings/page`: the page's own facts.
pub async fn page_settings() -> Result<PageSettings, FetchError> {
    call(Method::GET, "/api/settings/page", None).await
}

/// `PUT /api/settings/page` (admins).
pub async fn save_page_settings(body: PageSettings) -> Result<PageSettings, FetchError> {
    call(Method::PUT, "/api/settings/page", json(&body)).await
}

/// `GET /api/users` (admins).
pub async fn users() -> Result<Vec<SessionUser>, FetchError> {
    call(Method::GET, "/api/users", None).await
}

/// `POST /api/users` (admins).
pub async fn create_user(body: NewUser) -> Result<CreatedUser, FetchError> {
    call(Method::POST, "/api/users", json(&body)).await
}

/// `PATCH /api/users/{id}`: change a role (admins).
pub async fn change_user(id: String, body: UserChange) -> Result<SessionUser, FetchError> {
    call(
        Method::PATCH,
        &format!("/api/users/{}", seg(&id)),
        json(&body),
    )
    .await
}

/// `GET /api/tokens`: your API tokens.
pub async fn tokens() -> Result<Vec<TokenRecord>, FetchError> {
    call(Method::GET, "/api/tokens", None).await
}

/// `POST /api/tokens`: a new token; its secret is shown once.
pub async fn create_token(body: NewToken) -> Result<CreatedToken, FetchError> {
    call(Method::POST, "/api/tokens", json(&body)).await
}

/// `DELETE /api/tokens/{id}`: revoke a token.
pub async fn revoke_token(id: String) -> Result<(), FetchError> {
    call_empty(Method::DELETE, &format!("/api/tokens/{}", seg(&id))).await
}

/// `GET /api/audit?limit=&before=`: the newest audit events, or those
/// older than the event `before` (admins).
pub async fn audit(limit: usize, before: Option<i64>) -> Result<Vec<AuditEvent>, FetchError> {
    let path = match before {
        Some(id) => format!("/api/audit?limit={limit}&before={id}"),
        None => format!("/api/audit?limit={limit}"),
    };
    call(Method::GET, &path, None).await
}

/// `GET /api/notices`: the newest internal notices.
pub async fn notices() -> Result<Vec<Notice>, FetchError> {
    call(Method::GET, "/api/notices", None).await
}

/// `GET /api/me/subscriptions`: your subscriptions to internal notices.
pub async fn my_subscriptions() -> Result<Vec<SubscriberRecord>, FetchError> {
    call(Method::GET, "/api/me/subscriptions", None).await
}

/// `POST /api/me/subscriptions`: subscribe to internal notices.
pub async fn subscribe_me(body: StaffSubscription) -> Result<SubscriberRecord, FetchError> {
    call(Method::POST, "/api/me/subscriptions", json(&body)).await
}

/// `DELETE /api/me/subscriptions/{id}`: end one of your subscriptions.
pub async fn unsubscribe_me(id: String) -> Result<(), FetchError> {
    call_empty(
        Method::DELETE,
        &format!("/api/me/subscriptions/{}", seg(&id)),
    )
    .await
}

/// `POST /api/me/feed`: a new personal feed address (the old one stops working).
pub async fn new_feed() -> Result<FeedAddress, FetchError> {
    call(Method::POST, "/api/me/feed", None).await
}

/// `DELETE /api/me/feed`: revoke your personal feed.
pub async fn revoke_feed() -> Result<(), FetchError> {
    call_empty(Method::DELETE, "/api/me/feed").await
}

/// `GET /api/deliveries`: recent deliveries with their status (admins).
pub async fn deliveries() -> Result<Vec<DeliveryRecord>, FetchError> {
    call(Method::GET, "/api/deliveries", None).await
}
