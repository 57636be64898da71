//! Signing in and out, and API tokens.

use super::{ApiJson, ClientAddress};
use crate::auth::{self, Caller, SESSION_COOKIE, SESSION_DAYS};
use crate::error::AppError;
use crate::store::users;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use herald_model::api::ErrorCode;
use herald_model::api::{ApiError, CreatedToken, LoginRequest, NewToken, SessionUser, MAX_NAME};
use herald_model::portal::TokenRecord;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The session cookie; `Secure` when the page is served over https.
fn session_cookie(value: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{secure}"
    )
}

/// Sign in with email and password; sets the session cookie.
#[utoipa::path(post, path = "/api/session", tag = "session", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the `herald_session` cookie is set", body = SessionUser),
        (status = 401, description = "Wrong email or password", body = ApiError),
        (status = 429, description = "Too many attempts for this account or from this address; see Retry-After", body = ApiError),
    ))]
async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, AppError> {
    state.limits.sign_in(&body.email, client)?;
    let found = state
        .read(move |conn| {
            let found = users::find_by_email(conn, body.email.trim())?;
            let ok = auth::verify_login(&body.password, found.as_ref().map(|(_, h)| h.as_str()));
            Ok(found.filter(|_| ok).map(|(user, _)| user))
        })
        .await?;
    let user = found.ok_or_else(|| {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            "the email or password is wrong",
        )
    })?;
    let secret = auth::new_secret();
    let digest = auth::digest(&secret);
    let user_id = user.id.clone();
    state
        .write_internal(move |tx, now| {
            users::create_session(
                tx,
                &user_id,
                &digest,
                now,
                now + Duration::days(SESSION_DAYS),
            )
        })
        .await?;
    let cookie = session_cookie(&secret, SESSION_DAYS * 24 * 3600, state.https);
    Ok(([(header::SET_COOKIE, cookie)], Json(user)).into_response())
}

/// Who is signed in: the user, or `null` for nobody.
///
/// Nobody is no session cookie, or one that has ended. Answering 200 for
/// nobody lets the portal ask before showing its sign-in page without the
/// browser logging a failed request.
#[utoipa::path(get, path = "/api/session", tag = "session",
    security((), ("session" = []), ("token" = [])),
    responses(
        (status = 200, description = "The signed-in user, or `null` when nobody is signed in",
            body = Option<SessionUser>),
        (status = 401, description = "A bearer token that is not (or no longer) valid", body = ApiError),
    ))]
async fn current(caller: Option<Caller>) -> Json<Option<SessionUser>> {
    Json(caller.map(|Caller(user)| user))
}

/// Sign out: ends the session and clears the cookie.
#[utoipa::path(delete, path = "/api/session", tag = "session",
    responses((status = 204, description = "Signed out (also when no session was open)")))]
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    if let Some(secret) = auth::session_cookie(&headers) {
        let digest = auth::digest(&secret);
        state
            .write_internal(move |tx, _| users::delete_session(tx, &digest))
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session_cookie("", 0, state.https))],
    )
        .into_response())
}

/// Create an API token acting as the caller. The secret is shown only in this response.
#[utoipa::path(post, path = "/api/tokens", tag = "session", request_body = NewToken,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "The new token", body = CreatedToken),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 422, description = "Invalid name", body = ApiError),
    ))]
async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), AppError> {
    herald_model::api::validate_name("name", &body.name, MAX_NAME)?;
    let secret = auth::new_secret();
    let digest = auth::digest(&secret);
    let name = body.name.trim().to_owned();
    let user = caller.0;
    let token_name = name.clone();
    let id = state
        .write_internal(move |tx, now| users::create_token(tx, &user, &token_name, &digest, now))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            id,
            name,
            token: secret,
        }),
    ))
}

/// Your API tokens (never their secrets).
#[utoipa::path(get, path = "/api/tokens", tag = "session",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Your tokens, newest first", body = [TokenRecord])))]
async fn list_tokens(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<TokenRecord>>, AppError> {
    let user = caller.0;
    Ok(Json(
        state
            .read(move |conn| users::tokens(conn, &user.id))
            .await?,
    ))
}

/// Revoke one of your API tokens; it stops working at once.
#[utoipa::path(delete, path = "/api/tokens/{id}", tag = "session",
    params(("id" = String, Path, description = "Token id")),
    security(("session" = []), ("token" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "You have no such token", body = ApiError),
    ))]
async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let user = caller.0;
    state
        .write_internal(move |tx, now| users::revoke_token(tx, &user, &id, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Session and token routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login, current, logout))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}
