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
mod detections;
mod drafts;
mod extract;
mod incidents;
mod maintenances;
mod public;
mod session;
mod subscriptions;
mod web;

pub use extract::ApiJson;

use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::Router;
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
    .layer(CompressionLayer::new())
    .with_state(state)
}

async fn api_not_found(uri: axum::http::Uri) -> impl IntoResponse {
    AppError::not_found(format!("there is no API endpoint at {}", uri.path()))
}
