//! Drafts: the signed-in person's unsent texts, saved as they type.

use super::ApiJson;
use crate::auth::Caller;
use crate::error::AppError;
use crate::store::drafts;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use herald_model::api::{validate_len, ApiError};
use herald_model::portal::{validate_draft_key, DraftBody, DraftRecord, MAX_DRAFT};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Your drafts, most recent first.
#[utoipa::path(get, path = "/api/drafts", tag = "drafts",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Your drafts", body = [DraftRecord])))]
async fn list(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<Vec<DraftRecord>>, AppError> {
    Ok(Json(
        state.read(move |conn| drafts::list(conn, &user.id)).await?,
    ))
}

/// One of your drafts.
#[utoipa::path(get, path = "/api/drafts/{key}", tag = "drafts",
    params(("key" = String, Path, description = "What the draft is for, e.g. `declare`")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The draft", body = DraftRecord),
        (status = 404, description = "No such draft", body = ApiError),
    ))]
async fn get_one(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(key): Path<String>,
) -> Result<Json<DraftRecord>, AppError> {
    validate_draft_key(&key)?;
    Ok(Json(
        state
            .read(move |conn| drafts::get(conn, &user.id, &key))
            .await?,
    ))
}

/// Save a draft; send the version you last saw (none for a new draft).
#[utoipa::path(put, path = "/api/drafts/{key}", tag = "drafts", request_body = DraftBody,
    params(("key" = String, Path, description = "What the draft is for, e.g. `declare`")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "Saved", body = DraftRecord),
        (status = 409, description = "Saved elsewhere in the meantime", body = ApiError),
        (status = 422, description = "Bad key or too long", body = ApiError),
    ))]
async fn save(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<DraftBody>,
) -> Result<Json<DraftRecord>, AppError> {
    validate_draft_key(&key)?;
    validate_len("content", &body.content, MAX_DRAFT)?;
    let saved = state
        .write_internal(move |tx, now| {
            drafts::save(tx, &user.id, &key, &body.content, body.version, now)
        })
        .await?;
    Ok(Json(saved))
}

/// Discard a draft.
#[utoipa::path(delete, path = "/api/drafts/{key}", tag = "drafts",
    params(("key" = String, Path, description = "What the draft is for")),
    security(("session" = []), ("token" = [])),
    responses((status = 204, description = "Discarded (also when there was none)")))]
async fn discard(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(key): Path<String>,
) -> Result<StatusCode, AppError> {
    validate_draft_key(&key)?;
    state
        .write_internal(move |tx, _| drafts::delete(tx, &user.id, &key))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Draft routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one, save, discard))
}
