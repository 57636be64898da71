//! Request extractors that answer in the API's error envelope.

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use herald_model::api::ErrorCode;
use herald_model::api::FieldError;
use serde::de::DeserializeOwned;

/// A JSON request body. Unlike `axum::Json`, a bad body is answered with
/// `{code, message, field}`: 400 when the body is not JSON at all, 422 when
/// it is JSON of the wrong shape, naming the field (e.g. `components[0].status`).
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.trim_start().starts_with("application/json"));
        if !is_json {
            return Err(AppError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidJson,
                "send the body as JSON, with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidBody,
                e.body_text(),
            )
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// A query string. Unlike `axum::extract::Query`, a bad one is answered
/// with `{code: "invalid_query", message, field}` naming the parameter
/// (e.g. `limit` for `?limit=x`).
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> axum::extract::FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        parse_query(query).map(ApiQuery)
    }
}

/// `?version=N`: the version a delete is based on (stale → 409).
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct VersionQuery {
    /// The object's current version.
    pub version: i64,
}

/// Parses a query string, naming the parameter a bad value is for.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        let field = field_name(&path, &message);
        let mut e = AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidQuery,
            format!("{field}: {message}"),
        );
        e.body.field = Some(field);
        e
    })
}

/// Parses a JSON body, turning serde's error into one that names the field.
/// A body that is not JSON at all is a 400; JSON that does not fit the
/// shape (a missing field, an unknown one, a value of the wrong type, also
/// for an enum, which serde_json reports as a syntax error) is a 422 naming
/// the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
        let text = e.to_string();
        let message = text
            .rfind(" at line ")
            .map_or(text.as_str(), |i| &text[..i]);
        return Err(AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            format!("the body is not valid JSON: {message}"),
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let text = inner.to_string();
        let said = text
            .rfind(" at line ")
            .map_or(text.as_str(), |i| &text[..i]);
        let message = match inner.classify() {
            serde_json::error::Category::Data => said.to_owned(),
            _ => format!("has the wrong type ({said})"),
        };
        AppError::invalid(FieldError::new(field_name(&path, &message), message))
    })
}

/// The field a data error is about. For a missing field serde reports the
/// enclosing object's path and names the field only in the message.
fn field_name(path: &str, message: &str) -> String {
    let named = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (named, path) {
        (Some(name), "." | "") => name.to_owned(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, path) => path.to_owned(),
    }
}

/// The client's address: the connection's peer, when the server was
/// started with connection info (`herald serve`); `None` in tests that
/// drive the router directly.
pub struct ClientAddress(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_model::api::NewIncident;

    #[test]
    fn missing_and_unknown_fields_are_named() {
        let err = parse::<NewIncident>(br#"{"title":"t"}"#).unwrap_err();
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.body.field.as_deref(), Some("issue_key"));

        let err = parse::<NewIncident>(br#"{"serverity":1}"#).unwrap_err();
        assert_eq!(err.body.field.as_deref(), Some("serverity"));
    }

    #[test]
    fn nested_type_errors_carry_their_path() {
        let body = br#"{"issue_key":"OPS-1","title":"t","summary":"s","severity":2,"message":"m",
            "components":[{"id":"a","status":"fine"}]}"#;
        let err = parse::<NewIncident>(body).unwrap_err();
        assert_eq!(err.body.field.as_deref(), Some("components[0].status"));
        assert!(err.body.message.contains("fine"), "{}", err.body.message);
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Paging {
        limit: Option<usize>,
        before: Option<i64>,
        token: String,
    }

    #[test]
    fn a_bad_query_parameter_is_named() {
        let err = parse_query::<Paging>("token=t&limit=x").unwrap_err();
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert_eq!(err.body.code, ErrorCode::InvalidQuery);
        assert_eq!(err.body.field.as_deref(), Some("limit"));

        let err = parse_query::<Paging>("token=t&before=yesterday").unwrap_err();
        assert_eq!(err.body.field.as_deref(), Some("before"));

        let err = parse_query::<Paging>("limit=3").unwrap_err();
        assert_eq!(err.body.field.as_deref(), Some("token"));

        let ok = parse_query::<Paging>("token=a%20b&limit=3").unwrap();
        assert_eq!((ok.token.as_str(), ok.limit), ("a b", Some(3)));
    }

    #[test]
    fn an_enum_of_the_wrong_type_is_named() {
        let body = br#"{"issue_key":"OPS-1","title":"t","summary":"s","severity":2,"message":"m",
            "visibility":[true]}"#;
        let err = parse::<NewIncident>(body).unwrap_err();
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.body.field.as_deref(), Some("visibility"));
    }

    #[test]
    fn broken_json_is_a_400() {
        let err = parse::<NewIncident>(b"{\"title\": ").unwrap_err();
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert_eq!(err.body.code, ErrorCode::InvalidJson);
        let err = parse::<NewIncident>(b"{} {}").unwrap_err();
        assert_eq!(err.status, StatusCode::BAD_REQUEST, "trailing characters");
    }
}
