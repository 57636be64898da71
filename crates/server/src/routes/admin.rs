//! What admins manage: users, message templates, the update cadence, and
//! the audit trail. Templates and the cadence can be read by every
//! signed-in person (the portal fills drafts from them).

use super::{ApiJson, ApiQuery, VersionQuery};
use crate::auth::{self, Admin, Caller};
use crate::error::AppError;
use crate::store::{audit, settings, templates, users};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use herald_model::api::{ApiError, FieldError, SessionUser};
use herald_model::portal::{
    AuditEvent, CadenceSetting, CreatedUser, NewUser, PageSettings, TemplateChange, TemplateRecord,
    UserChange,
};
use herald_model::templates::{self as rules, Channel};
use herald_model::IncidentStatus;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every user.
#[utoipa::path(get, path = "/api/users", tag = "admin",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Users", body = [SessionUser]),
        (status = 403, description = "Not an admin", body = ApiError),
    ))]
async fn list_users(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<Vec<SessionUser>>, AppError> {
    Ok(Json(state.read(users::list).await?))
}

/// Add a user; a password is generated (and shown once) when none is given.
#[utoipa::path(post, path = "/api/users", tag = "admin", request_body = NewUser,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "Added", body = CreatedUser),
        (status = 403, description = "Not an admin", body = ApiError),
        (status = 409, description = "The email is taken", body = ApiError),
        (status = 422, description = "A field is invalid", body = ApiError),
    ))]
async fn create_user(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(body): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<CreatedUser>), AppError> {
    body.validate()?;
    let generated = body.password.is_none().then(auth::new_password);
    let password = body
        .password
        .clone()
        .or_else(|| generated.clone())
        .unwrap_or_default();
    let hash = auth::hash_password(&password).map_err(AppError::internal)?;
    let user = state
        .write_internal(move |tx, now| {
            users::create(
                tx,
                &admin.email,
                body.email.trim(),
                body.name.trim(),
                body.role,
                &hash,
                now,
            )
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUser {
            user,
            password: generated,
        }),
    ))
}

/// Change a user's role; their sessions end so it takes effect at once.
#[utoipa::path(patch, path = "/api/users/{id}", tag = "admin", request_body = UserChange,
    params(("id" = String, Path, description = "User id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Changed", body = SessionUser),
        (status = 403, description = "Not an admin", body = ApiError),
        (status = 404, description = "No such user", body = ApiError),
        (status = 409, description = "Stale version, or the last admin cannot stop being one", body = ApiError),
    ))]
async fn change_user(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UserChange>,
) -> Result<Json<SessionUser>, AppError> {
    let user = state
        .write_internal(move |tx, now| {
            users::set_role(tx, &admin.email, &id, body.role, body.version, now)
        })
        .await?;
    Ok(Json(user))
}

/// Every message template in force (stage × internal/external).
#[utoipa::path(get, path = "/api/templates", tag = "admin",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Templates", body = [TemplateRecord])))]
async fn list_templates(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<TemplateRecord>>, AppError> {
    Ok(Json(state.read(templates::list).await?))
}

fn template_key(stage: &str, channel: &str) -> Result<(IncidentStatus, Channel), AppError> {
    let stage: IncidentStatus = stage
        .parse()
        .ok()
        .filter(|s| templates::STAGES.contains(s))
        .ok_or_else(|| AppError::not_found(format!("there is no template stage '{stage}'")))?;
    let channel: Channel = channel
        .parse()
        .map_err(|_| AppError::not_found(format!("there is no template channel '{channel}'")))?;
    Ok((stage, channel))
}

/// Replace a template, based on its current `version`. Unknown `{placeholders}` are refused.
#[utoipa::path(put, path = "/api/templates/{stage}/{channel}", tag = "admin", request_body = TemplateChange,
    params(("stage" = String, Path, description = "investigating, identified, monitoring or resolved"),
           ("channel" = String, Path, description = "internal or external")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Saved", body = TemplateRecord),
        (status = 403, description = "Not an admin", body = ApiError),
        (status = 404, description = "No such stage or channel", body = ApiError),
        (status = 409, description = "Stale version: someone else changed it", body = ApiError),
        (status = 422, description = "Unknown placeholder or empty body", body = ApiError),
    ))]
async fn set_template(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path((stage, channel)): Path<(String, String)>,
    ApiJson(body): ApiJson<TemplateChange>,
) -> Result<Json<TemplateRecord>, AppError> {
    let (stage, channel) = template_key(&stage, &channel)?;
    let template = body.template();
    rules::validate("template", &template)?;
    let saved = state
        .write_internal(move |tx, now| {
            templates::set(
                tx,
                &admin.email,
                stage,
                channel,
                &template,
                body.version,
                now,
            )
        })
        .await?;
    Ok(Json(saved))
}

/// Go back to the built-in template; `version` (in the query) must be current.
#[utoipa::path(delete, path = "/api/templates/{stage}/{channel}", tag = "admin",
    params(("stage" = String, Path, description = "The stage"), ("channel" = String, Path, description = "The channel"), VersionQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The built-in template, now in force", body = TemplateRecord),
        (status = 403, description = "Not an admin", body = ApiError),
        (status = 404, description = "No such stage or channel", body = ApiError),
        (status = 409, description = "Stale version: someone else changed it", body = ApiError),
    ))]
async fn reset_template(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path((stage, channel)): Path<(String, String)>,
    ApiQuery(VersionQuery { version }): ApiQuery<VersionQuery>,
) -> Result<Json<TemplateRecord>, AppError> {
    let (stage, channel) = template_key(&stage, &channel)?;
    let reset = state
        .write_internal(move |tx, now| {
            templates::reset(tx, &admin.email, stage, channel, version, now)
        })
        .await?;
    Ok(Json(reset))
}

/// The update cadence by severity.
#[utoipa::path(get, path = "/api/settings/cadence", tag = "admin",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Minutes between updates by severity, and the version", body = CadenceSetting)))]
async fn get_cadence(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<CadenceSetting>, AppError> {
    Ok(Json(state.read(settings::cadence_setting).await?))
}

/// Set the update cadence, based on its current `version`.
#[utoipa::path(put, path = "/api/settings/cadence", tag = "admin", request_body = CadenceSetting,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Saved", body = CadenceSetting),
        (status = 403, description = "Not an admin", body = ApiError),
        (status = 409, description = "Stale version: someone else changed it", body = ApiError),
        (status = 422, description = "An interval is out of range", body = ApiError),
    ))]
async fn set_cadence(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(body): ApiJson<CadenceSetting>,
) -> Result<Json<CadenceSetting>, AppError> {
    body.cadence().validate()?;
    let saved = state
        .write_internal(move |tx, now| settings::set_cadence(tx, &admin.email, &body, now))
        .await?;
    Ok(Json(saved))
}

/// The page's own facts: name, public URL, time zone, description, and
/// whether search engines may index it.
#[utoipa::path(get, path = "/api/settings/page", tag = "admin",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "The page's settings and their version", body = PageSettings)))]
async fn get_page(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<PageSettings>, AppError> {
    Ok(Json(state.read(settings::page).await?))
}

/// Change the page's own facts, based on their current `version`; every
/// public document, feed and page follows in the same publish.
#[utoipa::path(put, path = "/api/settings/page", tag = "admin", request_body = PageSettings,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Saved", body = PageSettings),
        (status = 403, description = "Not an admin", body = ApiError),
        (status = 409, description = "Stale version: someone else changed them", body = ApiError),
        (status = 422, description = "A field is invalid (e.g. a time zone the time zone database does not know)", body = ApiError),
    ))]
async fn set_page(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(body): ApiJson<PageSettings>,
) -> Result<Json<PageSettings>, AppError> {
    body.validate()?;
    if body.time_zone.trim().parse::<chrono_tz::Tz>().is_err() {
        return Err(FieldError::new(
            "time_zone",
            format!(
                "'{}' is not a time zone of the IANA database (e.g. Europe/Berlin, America/New_York, Etc/UTC)",
                body.time_zone
            ),
        )
        .into());
    }
    let saved = state
        .write(move |tx, now| settings::set_page(tx, &admin.email, &body, now))
        .await?;
    Ok(Json(saved))
}

/// Paging of the audit trail.
#[derive(Deserialize, utoipa::IntoParams)]
struct AuditQuery {
    /// At most this many events (default 100, at most 500).
    limit: Option<usize>,
    /// Only events older than this id.
    before: Option<i64>,
}

/// The audit trail, newest first: who did what to which object, before and after.
#[utoipa::path(get, path = "/api/audit", tag = "admin", params(AuditQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Events", body = [AuditEvent]),
        (status = 403, description = "Not an admin", body = ApiError),
    ))]
async fn audit_trail(
    State(state): State<AppState>,
    _admin: Admin,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEvent>>, AppError> {
    let limit = q.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(FieldError::new("limit", "must be between 1 and 500").into());
    }
    Ok(Json(
        state
            .read(move |conn| audit::list(conn, limit, q.before))
            .await?,
    ))
}

/// Admin routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(change_user))
        .routes(routes!(list_templates))
        .routes(routes!(set_template, reset_template))
        .routes(routes!(get_cadence, set_cadence))
        .routes(routes!(get_page, set_page))
        .routes(routes!(audit_trail))
}
