//! The one error envelope on the wire (`{code, message, field?}`) and how
//! every failure inside the server maps onto an HTTP status.

use crate::store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use herald_model::api::{ApiError, ErrorCode, FieldError};

/// An error response: a status and the envelope.
#[derive(Debug)]
pub struct AppError {
    /// HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: ApiError,
    /// For 429: when to try again, in seconds (`Retry-After`).
    pub retry_after: Option<u64>,
}

impl AppError {
    /// An error with no field.
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            status,
            body: ApiError {
                code,
                message: message.into(),
                field: None,
            },
            retry_after: None,
        }
    }

    /// 401: nobody is signed in.
    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "sign in (session cookie) or send an API token (Authorization: Bearer …)",
        )
    }

    /// 403: signed in, but the role does not allow it.
    pub fn forbidden(what: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            format!("your role may not {what}"),
        )
    }

    /// 404 for an API path or object that does not exist.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    /// 500; the cause is logged, not sent.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "the server failed to handle the request; nothing was changed",
        )
    }

    /// 422 naming the field.
    pub fn invalid(e: FieldError) -> Self {
        AppError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: ApiError {
                code: ErrorCode::Validation,
                message: format!("{}: {}", e.field, e.message),
                field: Some(e.field),
            },
            retry_after: None,
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::invalid(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::not_found(e.to_string()),
            StoreError::Conflict(message) => {
                AppError::new(StatusCode::CONFLICT, ErrorCode::Conflict, message)
            }
            StoreError::InUse(message) => {
                AppError::new(StatusCode::CONFLICT, ErrorCode::InUse, message)
            }
            StoreError::Invalid(field) => AppError::invalid(field),
            StoreError::Leak(field) => {
                let mut e = AppError::invalid(field);
                e.body.code = ErrorCode::Leak;
                e
            }
            StoreError::Db(db) => AppError::internal(db),
        }
    }
}

impl AppError {
    /// 429: too many attempts; try again in `seconds`.
    pub fn rate_limited(what: &str, seconds: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!("too many {what}; try again in {seconds} s"),
        );
        e.retry_after = Some(seconds);
        e
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}
