//! Incidents: declare, read, post updates, resolve.

use super::ApiJson;
use crate::auth::{Caller, Publisher};
use crate::error::AppError;
use crate::store::incidents;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use herald_model::api::{
    ApiError, IncidentPatch, IncidentRecord, NewIncident, NewUpdate, PublishPostmortem,
    ResolveIncident, UpdateEdit,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// How many incidents the internal list returns.
const LIST_LIMIT: usize = 100;

/// Open incidents, then the most recent others (internal view).
#[utoipa::path(get, path = "/api/incidents", tag = "incidents",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Incidents, open first", body = [IncidentRecord]),
        (status = 401, description = "Not signed in", body = ApiError),
    ))]
async fn list(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<IncidentRecord>>, AppError> {
    Ok(Json(
        state.read(|conn| incidents::list(conn, LIST_LIMIT)).await?,
    ))
}

/// Declare an incident with its first public update.
#[utoipa::path(post, path = "/api/incidents", tag = "incidents", request_body = NewIncident,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "Declared", body = IncidentRecord),
        (status = 400, description = "Not JSON", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 422, description = "A field is invalid; `field` names it", body = ApiError),
    ))]
async fn declare(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    ApiJson(body): ApiJson<NewIncident>,
) -> Result<(StatusCode, Json<IncidentRecord>), AppError> {
    body.validate(state.clock.now())?;
    let record = state
        .write(move |tx, now| incidents::declare(tx, &user, &body, now))
        .await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// One incident with every update, public and internal.
#[utoipa::path(get, path = "/api/incidents/{id}", tag = "incidents",
    params(("id" = String, Path, description = "Incident id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The incident", body = IncidentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such incident", body = ApiError),
    ))]
async fn get_one(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<IncidentRecord>, AppError> {
    Ok(Json(
        state.read(move |conn| incidents::get(conn, &id)).await?,
    ))
}

/// Post an update: a status (along the allowed transitions), a message, and component changes.
#[utoipa::path(post, path = "/api/incidents/{id}/updates", tag = "incidents", request_body = NewUpdate,
    params(("id" = String, Path, description = "Incident id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The incident after the update", body = IncidentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such incident", body = ApiError),
        (status = 409, description = "Stale version: someone else updated it", body = ApiError),
        (status = 422, description = "A field is invalid or the transition is not allowed", body = ApiError),
    ))]
async fn post_update(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewUpdate>,
) -> Result<Json<IncidentRecord>, AppError> {
    body.validate()?;
    let record = state
        .write(move |tx, now| incidents::post_update(tx, &user, &id, &body, now))
        .await?;
    Ok(Json(record))
}

/// Change an incident's title, summary, severity, impact or roles; nobody is notified.
#[utoipa::path(patch, path = "/api/incidents/{id}", tag = "incidents", request_body = IncidentPatch,
    params(("id" = String, Path, description = "Incident id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The changed incident", body = IncidentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such incident", body = ApiError),
        (status = 409, description = "Stale version: someone else updated it", body = ApiError),
        (status = 422, description = "A field is invalid, or the title holds internal information (code `leak`)", body = ApiError),
    ))]
async fn edit(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<IncidentPatch>,
) -> Result<Json<IncidentRecord>, AppError> {
    body.validate()?;
    let record = state
        .write(move |tx, now| incidents::edit(tx, &user, &id, &body, now))
        .await?;
    Ok(Json(record))
}

/// Correct the text of a published update; nobody is notified again.
#[utoipa::path(patch, path = "/api/incidents/{id}/updates/{update_id}", tag = "incidents", request_body = UpdateEdit,
    params(("id" = String, Path, description = "Incident id"), ("update_id" = String, Path, description = "Update id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The incident with the corrected update", body = IncidentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such incident, or no such update of it", body = ApiError),
        (status = 409, description = "Stale version: someone else updated it", body = ApiError),
        (status = 422, description = "The text is empty or too long, or holds internal information (code `leak`)", body = ApiError),
    ))]
async fn edit_update(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path((id, update_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<UpdateEdit>,
) -> Result<Json<IncidentRecord>, AppError> {
    body.validate()?;
    let record = state
        .write(move |tx, now| incidents::edit_update(tx, &user, &id, &update_id, &body, now))
        .await?;
    Ok(Json(record))
}

/// Resolve: final messages; affected components return to operational unless listed.
#[utoipa::path(post, path = "/api/incidents/{id}/resolve", tag = "incidents", request_body = ResolveIncident,
    params(("id" = String, Path, description = "Incident id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The resolved incident", body = IncidentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such incident", body = ApiError),
        (status = 409, description = "Stale version: someone else updated it", body = ApiError),
        (status = 422, description = "A field is invalid, or the incident is already resolved", body = ApiError),
    ))]
async fn resolve(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ResolveIncident>,
) -> Result<Json<IncidentRecord>, AppError> {
    body.validate()?;
    let record = state
        .write(move |tx, now| incidents::resolve(tx, &user, &id, &body, now))
        .await?;
    Ok(Json(record))
}

/// Publish the post-incident review of a resolved incident (status `postmortem`).
#[utoipa::path(post, path = "/api/incidents/{id}/postmortem", tag = "incidents", request_body = PublishPostmortem,
    params(("id" = String, Path, description = "Incident id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The incident with its review published", body = IncidentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such incident", body = ApiError),
        (status = 409, description = "Stale version", body = ApiError),
        (status = 422, description = "Not resolved yet, a bad URL, or internal text (`code: leak`)", body = ApiError),
    ))]
async fn postmortem(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PublishPostmortem>,
) -> Result<Json<IncidentRecord>, AppError> {
    body.validate()?;
    let record = state
        .write(move |tx, now| incidents::publish_postmortem(tx, &user, &id, &body, now))
        .await?;
    Ok(Json(record))
}

/// Incident routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, declare))
        .routes(routes!(get_one, edit))
        .routes(routes!(post_update))
        .routes(routes!(edit_update))
        .routes(routes!(resolve))
        .routes(routes!(postmortem))
}
