//! HTTP: one URL space. `/api/v2/*` are the public documents, `/api/*` the
//! internal API (with its OpenAPI document at `/api/openapi.json`), and
//! everything else is the web app, whose client routes fall back to
//! `index.html`. Unknown `/api/...` paths are a JSON 404.
//!
//! Handlers only translate between HTTP and the store; rules live in
//! `herald_model`. Every handler is registered through `OpenApiRouter`, so
//! the OpenAPI document is generated from the same code that routes.

mod admin;
mod components;
mod csp;
mod detections;
mod drafts;
mod extract;
mod incidents;
mod maintenances;
mod public;
mod session;
mod subscriptions;
mod web;

pub use extract::{ApiJson, ApiQuery, ClientAddress, VersionQuery};

use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use herald_model::api::ErrorCode;
use tower_http::compression::CompressionLayer;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

/// The API's description; paths are added from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Herald",
        description = "Herald's HTTP API. `/api/v2/*` are the public, cacheable, Statuspage-compatible documents (also served as plain files by any static host). Everything else under `/api/` is the internal API: it needs a session cookie (`POST /api/session`) or `Authorization: Bearer <token>`; writes need the `publisher` or `admin` role. Every error is `{code, message, field?}`."
    ),
    modifiers(&Security),
    tags(
        (name = "public", description = "Public documents (Statuspage v2 shapes)"),
        (name = "session", description = "Sign in and out; API tokens"),
        (name = "components", description = "Components and groups"),
        (name = "incidents", description = "Declare, update and resolve incidents"),
        (name = "maintenances", description = "Scheduled maintenance windows"),
        (name = "drafts", description = "Unsent texts, saved as they are typed"),
        (name = "admin", description = "Users, templates, settings and the audit trail"),
        (name = "subscriptions", description = "Customer and staff subscriptions, notices, deliveries"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Documents the refusals that follow from an operation's shape, where its
/// handler did not describe them itself: a body that is not JSON (400) or
/// has a bad field (422) or is too large (413), a path id that is not
/// valid percent-encoding (400) or names nothing (404), a bad query
/// parameter (400), no credentials (401), a write with only the session
/// cookie from another site's page (403), and the server failing (500).
/// Every one of them is the error envelope.
struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let envelope = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ApiError")))
                        .build(),
                )
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let internal = path.starts_with("/api/") && !path.starts_with("/api/v2/");
            for (write, operation) in [
                (false, &mut item.get),
                (true, &mut item.put),
                (true, &mut item.post),
                (true, &mut item.delete),
                (true, &mut item.patch),
            ]
            .into_iter()
            .filter_map(|(write, op)| op.as_mut().map(|op| (write, op)))
            {
                let parameters = operation.parameters.as_deref().unwrap_or_default();
                let in_path = parameters
                    .iter()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Path));
                let in_query = parameters
                    .iter()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Query));
                let body = operation.request_body.is_some();
                let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
                let mut add = Vec::new();
                if body {
                    add.push(("400", "The body is not JSON (code `invalid_json`)"));
                    add.push(("413", "The body is too large (code `too_large`)"));
                    add.push(("422", "A field is invalid; `field` names it"));
                }
                if in_path {
                    add.push((
                        "400",
                        "A path segment is not valid percent-encoding (code `invalid_path`)",
                    ));
                    add.push(("404", "Nothing has this id"));
                }
                if in_query {
                    add.push((
                        "400",
                        "A query parameter is invalid; `field` names it (code `invalid_query`)",
                    ));
                }
                if secured {
                    add.push(("401", "Not signed in"));
                }
                if secured && write {
                    add.push(("403", "The session cookie alone, sent from another site's page (code `cross_site`)"));
                }
                if internal {
                    add.push(("500", "The server failed; nothing was changed"));
                }
                for (status, description) in add {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| envelope(description).into());
                }
            }
        }
    }
}

/// The whole application: API, public documents and web app.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(public::router())
        .merge(session::router())
        .merge(components::router())
        .merge(incidents::router())
        .merge(detections::router())
        .merge(maintenances::router())
        .merge(drafts::router())
        .merge(admin::router())
        .merge(subscriptions::router())
        .split_for_parts();
    // After the merge: the modifier reads every operation.
    let mut openapi = openapi;
    ErrorResponses.modify(&mut openapi);
    let openapi_json = Bytes::from(openapi.to_pretty_json().unwrap_or_default());
    api.route(
        "/api/openapi.json",
        get(move || async move {
            (
                [(header::CONTENT_TYPE, "application/json")],
                openapi_json.clone(),
            )
        }),
    )
    .route("/api", any(api_not_found))
    .route("/api/{*rest}", any(api_not_found))
    .merge(web::router(state.clone()))
    .layer(axum::middleware::from_fn(one_envelope))
    .layer(axum::middleware::from_fn_with_state(
        state.clone(),
        security_headers,
    ))
    .layer(CompressionLayer::new())
    .with_state(state)
}

/// Headers every response carries. The portal and the API may not be put
/// in another site's frame (a framed publish button could be clicked by
/// trickery); the public pages may, so that a status page can be embedded.
async fn security_headers(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let framable = !(path == "/portal" || path.starts_with("/portal/") || is_internal_api(path));
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    // A page gets the policy its own inline scripts need.
    let mut response = if is_html {
        let (mut parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 4 * 1024 * 1024)
            .await
            .unwrap_or_default();
        let policy = csp::policy(&String::from_utf8_lossy(&bytes), framable);
        if let Ok(value) = HeaderValue::from_str(&policy) {
            parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
        Response::from_parts(parts, axum::body::Body::from(bytes))
    } else {
        response
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if !framable {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("frame-ancestors 'none'"),
            );
        }
    }
    if state.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Whether `path` is the internal API (not a public document).
fn is_internal_api(path: &str) -> bool {
    (path == "/api" || path.starts_with("/api/"))
        && !path.starts_with("/api/v2/")
        && !path.starts_with("/api/herald/")
}

/// Every error under `/api/` leaves in the one envelope. Handlers build
/// theirs with `AppError`; axum's own refusals (a method the route does not
/// take, a path id that is not valid percent-encoding, a query string of
/// the wrong shape) come with an empty or plain-text body and are rewritten
/// here, keeping their status and headers (`Allow`).
async fn one_envelope(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = request.uri().path();
    let api = path == "/api" || path.starts_with("/api/");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    // JSON is the envelope already; HTML is a page meant for a person (the
    // confirm and unsubscribe links' answers).
    let is_ours = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json") || ct.starts_with("text/html"));
    if !api || is_ours || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let error = refusal(status, &text, &method);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(
        parts,
        axum::body::Body::from(serde_json::to_vec(&error.body).unwrap_or_default()),
    )
}

/// The envelope for one of axum's own refusals.
fn refusal(status: StatusCode, text: &str, method: &axum::http::Method) -> AppError {
    let said = |fallback: &str| {
        if text.is_empty() {
            fallback.to_owned()
        } else {
            text.to_owned()
        }
    };
    match status {
        StatusCode::METHOD_NOT_ALLOWED => AppError::new(
            status,
            ErrorCode::MethodNotAllowed,
            format!("this endpoint does not take {method}; the Allow header lists what it takes"),
        ),
        StatusCode::BAD_REQUEST if text.starts_with("Invalid URL") => {
            AppError::new(status, ErrorCode::InvalidPath, text)
        }
        StatusCode::NOT_FOUND => AppError::not_found(said("there is nothing at this path")),
        StatusCode::PAYLOAD_TOO_LARGE => AppError::new(
            status,
            ErrorCode::TooLarge,
            said("the request body is too large"),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::new(
            status,
            ErrorCode::InvalidJson,
            "send the body as JSON, with Content-Type: application/json",
        ),
        s if s.is_server_error() => AppError::internal(said("server error")),
        _ => AppError::new(
            status,
            ErrorCode::InvalidRequest,
            said("the request was refused"),
        ),
    }
}

async fn api_not_found(uri: axum::http::Uri) -> impl IntoResponse {
    AppError::not_found(format!("there is no API endpoint at {}", uri.path()))
}
