//! Components and groups: list, create, change.

use super::{ApiJson, ApiQuery, VersionQuery};
use crate::auth::{Caller, Publisher};
use crate::error::AppError;
use crate::store::components;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use herald_model::api::{ApiError, ComponentPatch, ComponentRecord, NewComponent};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every component and group, in page order, with versions.
#[utoipa::path(get, path = "/api/components", tag = "components",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Components and groups, flat, in page order", body = [ComponentRecord]),
        (status = 401, description = "Not signed in", body = ApiError),
    ))]
async fn list(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<ComponentRecord>>, AppError> {
    Ok(Json(state.read(components::load_all).await?))
}

/// Create a component, or a group with `group: true`.
#[utoipa::path(post, path = "/api/components", tag = "components", request_body = NewComponent,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "Created", body = ComponentRecord),
        (status = 400, description = "Not JSON", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 422, description = "A field is invalid; `field` names it", body = ApiError),
    ))]
async fn create(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    ApiJson(body): ApiJson<NewComponent>,
) -> Result<(StatusCode, Json<ComponentRecord>), AppError> {
    body.validate()?;
    let created = state
        .write(move |tx, now| components::create(tx, &user, &body, now))
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Change a component or group. Absent fields stay; `version` must be current.
#[utoipa::path(patch, path = "/api/components/{id}", tag = "components", request_body = ComponentPatch,
    params(("id" = String, Path, description = "Component id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Changed", body = ComponentRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such component", body = ApiError),
        (status = 409, description = "Stale version: someone else changed it", body = ApiError),
        (status = 422, description = "A field is invalid; `field` names it", body = ApiError),
    ))]
async fn update(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ComponentPatch>,
) -> Result<Json<ComponentRecord>, AppError> {
    body.validate()?;
    let changed = state
        .write(move |tx, now| components::patch(tx, &user, &id, &body, now))
        .await?;
    Ok(Json(changed))
}

/// Delete a component or an empty group that no incident, maintenance or
/// subscription refers to; `version` (in the query) must be current.
#[utoipa::path(delete, path = "/api/components/{id}", tag = "components",
    params(("id" = String, Path, description = "Component id"), VersionQuery),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such component", body = ApiError),
        (status = 409, description = "Stale version, or something refers to it (the message says what)", body = ApiError),
    ))]
async fn delete(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiQuery(VersionQuery { version }): ApiQuery<VersionQuery>,
) -> Result<StatusCode, AppError> {
    state
        .write(move |tx, now| components::delete(tx, &user, &id, version, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Component routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update, delete))
}
