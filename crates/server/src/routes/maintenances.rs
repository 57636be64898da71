//! Scheduled maintenance: list, announce, extend or cancel. Windows start
//! and complete by themselves (see `store::maintenance::tick`).

use super::ApiJson;
use crate::auth::{Caller, Publisher};
use crate::error::AppError;
use crate::store::maintenance;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use herald_model::api::ApiError;
use herald_model::portal::{MaintenanceChange, MaintenanceRecord, NewMaintenance};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Upcoming and running windows first, then recent ones.
#[utoipa::path(get, path = "/api/maintenances", tag = "maintenances",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Maintenances", body = [MaintenanceRecord]),
        (status = 401, description = "Not signed in", body = ApiError),
    ))]
async fn list(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<MaintenanceRecord>>, AppError> {
    Ok(Json(state.read(|conn| maintenance::list(conn, 100)).await?))
}

/// Announce a maintenance window; it starts and completes on time by itself.
#[utoipa::path(post, path = "/api/maintenances", tag = "maintenances", request_body = NewMaintenance,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "Scheduled", body = MaintenanceRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 422, description = "A field is invalid; `field` names it", body = ApiError),
    ))]
async fn create(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    ApiJson(body): ApiJson<NewMaintenance>,
) -> Result<(StatusCode, Json<MaintenanceRecord>), AppError> {
    body.validate(state.clock.now())?;
    let record = state
        .write(move |tx, now| maintenance::schedule(tx, &user, &body, now))
        .await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// Extend (a new `scheduled_until`) or cancel a window, with a public message.
#[utoipa::path(patch, path = "/api/maintenances/{id}", tag = "maintenances", request_body = MaintenanceChange,
    params(("id" = String, Path, description = "Maintenance id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Changed", body = MaintenanceRecord),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such maintenance", body = ApiError),
        (status = 409, description = "Stale version", body = ApiError),
        (status = 422, description = "A field is invalid, or the window is over", body = ApiError),
    ))]
async fn change(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MaintenanceChange>,
) -> Result<Json<MaintenanceRecord>, AppError> {
    herald_model::api::validate_body("body", &body.body, herald_model::api::MAX_BODY)?;
    let record = state
        .write(move |tx, now| maintenance::change(tx, &user, &id, &body, now))
        .await?;
    Ok(Json(record))
}

/// Maintenance routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(change))
}
