//! Detections: monitoring tools report problems (the detect stage); comms
//! managers declare them as incidents (`detection_id` in the declaration)
//! or dismiss them. Internal only: nothing here is public.

use super::ApiJson;
use crate::auth::{Caller, Publisher};
use crate::error::AppError;
use crate::store::detections;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use herald_model::api::ApiError;
use herald_model::portal::{Detection, NewDetection};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Report a problem (for monitoring tools, with an API token). A report
/// with the fingerprint of an open detection refreshes it (200); otherwise
/// a detection opens (201). Nothing is published.
#[utoipa::path(post, path = "/api/detections", tag = "incidents", request_body = NewDetection,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "A new detection", body = Detection),
        (status = 200, description = "The open detection with this fingerprint, refreshed", body = Detection),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 422, description = "A field is invalid; `field` names it", body = ApiError),
    ))]
async fn report(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    ApiJson(body): ApiJson<NewDetection>,
) -> Result<(StatusCode, Json<Detection>), AppError> {
    body.validate()?;
    let (detection, new) = state
        .write_internal(move |tx, now| detections::report(tx, &user, &body, now))
        .await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(detection)))
}

/// The open detections, most recently seen first.
#[utoipa::path(get, path = "/api/detections", tag = "incidents",
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Open detections", body = [Detection]),
        (status = 401, description = "Not signed in", body = ApiError),
    ))]
async fn list(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<Detection>>, AppError> {
    Ok(Json(state.read(detections::open).await?))
}

/// Dismiss an open detection: it needs no incident.
#[utoipa::path(post, path = "/api/detections/{id}/dismiss", tag = "incidents",
    params(("id" = String, Path, description = "Detection id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Dismissed", body = Detection),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Role may not publish", body = ApiError),
        (status = 404, description = "No such detection", body = ApiError),
        (status = 409, description = "It is no longer open", body = ApiError),
    ))]
async fn dismiss(
    State(state): State<AppState>,
    Publisher(user): Publisher,
    Path(id): Path<String>,
) -> Result<Json<Detection>, AppError> {
    Ok(Json(
        state
            .write_internal(move |tx, now| detections::dismiss(tx, &user, &id, now))
            .await?,
    ))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(report, list))
        .routes(routes!(dismiss))
}
